//! WSDL 1.1 to Rust: reads WSDL documents and their XML Schema into a [`model`], resolves
//! that into an [`ir`] with final Rust names, and [`emit`]s formatted Rust for `soap-runtime`.
//!
//! The stages are separate so each can be tested alone; each has its own error type
//! (see [`error`]) whose messages name the file and the element path.

pub mod docs;
pub mod emit;
pub mod error;
pub mod ir;
pub mod model;
pub mod names;
pub mod resolve;

pub use emit::{Arbitrary, GENERATED_HEADER, GeneratedFile, Options, ServiceFailureRule};
pub use error::Error;

/// A WSDL document to generate from.
#[derive(Debug, Clone)]
pub struct Source {
    /// The Rust module it becomes.
    pub module: String,
    /// Its path or URL, as shown in messages and documentation.
    pub file: String,
    /// Its bytes.
    pub text: Vec<u8>,
}

/// Counts for one generated module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleSummary {
    /// The module name.
    pub module: String,
    /// Types the module's operations reach (shared ones included).
    pub types: usize,
    /// Operations over all ports.
    pub operations: usize,
}

/// The result of generating a crate.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Files relative to the crate's `src/`.
    pub files: Vec<GeneratedFile>,
    /// Counts per module.
    pub summaries: Vec<ModuleSummary>,
    /// Things skipped that the user should know about.
    pub warnings: Vec<String>,
}

/// Reads one WSDL document into the model.
pub fn read(file: &str, text: &[u8]) -> Result<model::Definitions, Error> {
    let root = model::parse_document(file, text)?;
    Ok(model::wsdl::read_definitions(file, &root)?)
}

fn resolve_sources(sources: &[Source], shared_module: bool) -> Result<ir::Ir, Error> {
    let inputs = sources
        .iter()
        .map(|source| {
            Ok(resolve::Input {
                module: source.module.clone(),
                definitions: read(&source.file, &source.text)?,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(resolve::resolve(&inputs, shared_module)?)
}

/// Generates a crate's `src/` files from several documents; types they define identically
/// are emitted once, in `common.rs`.
pub fn generate_crate(
    sources: &[Source],
    crate_docs: &str,
    options: &Options,
) -> Result<Generated, Error> {
    let ir = resolve_sources(sources, true)?;
    let files = emit::emit_crate(&ir, options, crate_docs)?;
    let summaries = ir
        .modules
        .iter()
        .map(|m| ModuleSummary {
            module: m.name.clone(),
            types: m.reached_types,
            operations: m.ports.iter().map(|p| p.operations.len()).sum(),
        })
        .collect();
    Ok(Generated {
        files,
        summaries,
        warnings: ir.warnings,
    })
}

/// Generates one self-contained module from one document.
pub fn generate_module(source: &Source, options: &Options) -> Result<String, Error> {
    let ir = resolve_sources(std::slice::from_ref(source), false)?;
    Ok(emit::emit_module(&ir, options)?)
}
