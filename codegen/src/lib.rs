//! WSDL 1.1 to Rust: reads WSDL documents and their XML Schema into a [`model`], resolves
//! that into an [`ir`] with final Rust names, and [`emit`]s formatted Rust for `soap-runtime`.
//!
//! The stages are separate so each can be tested alone; each has its own error type
//! (see [`error`]) whose messages name the file and the element path.
//!
//! From a `build.rs`, [`configure`] returns a [`Builder`] that writes a module per WSDL to
//! `OUT_DIR` (see [`build`]); `cargo xtask gen` writes a standalone crate.

pub mod build;
pub mod diagnostics;
pub mod docs;
pub mod emit;
pub mod error;
pub mod fetch;
pub mod ir;
pub mod load;
pub mod model;
pub mod names;
pub mod resolve;

use diagnostics::Diagnostics;
pub use diagnostics::{Diagnostic, Severity};
pub use emit::{
    Arbitrary, GENERATED_HEADER, GeneratedFile, Options, RUNTIME_CONTRACT, ServiceFailureRule,
    TypeAttribute,
};
pub use error::{Error, LoadError};

pub use build::{BuildError, Builder, Compiled};
pub use fetch::AnyLoader;
pub use load::{FsLoader, Loader, NoImports};

/// A [`Builder`] for `build.rs` with its defaults, as `tonic_build::configure()`:
/// `wsdl_codegen::configure().compile(&["wsdl/service.wsdl"])?`.
pub fn configure() -> Builder {
    Builder::new()
}

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
    /// Distinct types generated (a type several modules share counts once).
    pub types: usize,
    /// Warnings, and the unsupported constructs lenient mode left out or kept as raw XML.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads one WSDL document into the model (imports are not followed).
pub fn read(file: &str, text: &[u8]) -> Result<model::Definitions, Error> {
    load::read_root(file, text, &Diagnostics::new(false))
}

fn resolve_sources(
    sources: &[Source],
    options: resolve::ResolveOptions,
    loader: &mut dyn Loader,
) -> Result<ir::Ir, Error> {
    let diagnostics = Diagnostics::new(options.lenient);
    let roots = read_roots_in_parallel(sources, options.lenient);
    let mut whole_documents = Vec::new();
    let inputs = sources
        .iter()
        .zip(roots)
        .map(|(source, (root, root_diagnostics))| {
            diagnostics.append(root_diagnostics);
            let (definitions, documents) =
                load::follow_imports(&source.file, &source.text, root?, loader, &diagnostics)?;
            if documents == 1
                && let Ok(text) = std::str::from_utf8(&source.text)
            {
                whole_documents.push((source.module.as_str(), text));
            }
            Ok(resolve::Input {
                module: source.module.clone(),
                definitions,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let mut ir = resolve::resolve(&inputs, options)?;
    for module in &mut ir.modules {
        module.wsdl = whole_documents
            .iter()
            .find(|(name, _)| *name == module.name)
            .map(|(_, text)| (*text).to_owned());
    }
    diagnostics.append(std::mem::take(&mut ir.diagnostics));
    ir.diagnostics = diagnostics.into_vec();
    Ok(ir)
}

/// What reading one document gave, with what it reported.
type ReadRoot = (Result<model::Definitions, Error>, Vec<Diagnostic>);

/// Reads every source's own document, on up to four threads (the documents are independent;
/// their imports are followed afterwards, in order, through the one loader).
fn read_roots_in_parallel(sources: &[Source], lenient: bool) -> Vec<ReadRoot> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
        .min(sources.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(source) = sources.get(index) else {
                return done;
            };
            let diagnostics = Diagnostics::new(lenient);
            let root = load::read_root(&source.file, &source.text, &diagnostics);
            done.push((index, (root, diagnostics.into_vec())));
        }
    };
    let mut results: Vec<(usize, ReadRoot)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut results = work();
        for helper in helpers {
            if let Ok(mut more) = helper.join() {
                results.append(&mut more);
            }
        }
        results
    });
    results.sort_by_key(|(index, _)| *index);
    let mut results = results.into_iter().peekable();
    (0..sources.len())
        .map(|index| match results.next_if(|(i, _)| *i == index) {
            Some((_, result)) => result,
            None => (
                Err(Error::Model(error::ModelError::Invalid {
                    file: sources[index].file.clone(),
                    path: String::new(),
                    message: "internal error: a reading thread panicked".to_owned(),
                })),
                Vec::new(),
            ),
        })
        .collect()
}

fn summaries(ir: &ir::Ir) -> Vec<ModuleSummary> {
    ir.modules
        .iter()
        .map(|m| ModuleSummary {
            module: m.name.clone(),
            types: m.reached_types,
            operations: m.ports.iter().map(|p| p.operations.len()).sum(),
        })
        .collect()
}

/// Generates a crate's `src/` files from several documents; types they define identically
/// are emitted once, in `common.rs`.
pub fn generate_crate(
    sources: &[Source],
    crate_docs: &str,
    options: &Options,
) -> Result<Generated, Error> {
    generate_crate_with(sources, crate_docs, options, &mut NoImports)
}

/// [`generate_crate`], following imports through `loader`.
pub fn generate_crate_with(
    sources: &[Source],
    crate_docs: &str,
    options: &Options,
    loader: &mut dyn Loader,
) -> Result<Generated, Error> {
    let resolve_options = resolve::ResolveOptions {
        shared_module: true,
        lenient: options.lenient,
    };
    let ir = resolve_sources(sources, resolve_options, loader)?;
    let files = emit::emit_crate(&ir, options, crate_docs)?;
    Ok(Generated {
        files,
        summaries: summaries(&ir),
        types: ir.types.len(),
        diagnostics: ir.diagnostics,
    })
}

/// Generates one self-contained module from one document.
pub fn generate_module(source: &Source, options: &Options) -> Result<String, Error> {
    generate_module_with(source, options, &mut NoImports)
}

/// [`generate_module`], following imports through `loader`.
pub fn generate_module_with(
    source: &Source,
    options: &Options,
    loader: &mut dyn Loader,
) -> Result<String, Error> {
    Ok(generate_module_report(source, options, loader)?.code)
}

/// One generated module with what went into it.
#[derive(Debug, Clone)]
pub struct ModuleReport {
    /// The formatted module.
    pub code: String,
    /// Types generated.
    pub types: usize,
    /// Operations over all ports.
    pub operations: usize,
    /// Warnings, and the unsupported constructs lenient mode left out or kept as raw XML.
    pub diagnostics: Vec<Diagnostic>,
    /// With [`Options::embed_wsdl`], the file the module includes its WSDL from and that
    /// WSDL: write it beside the module.
    pub wsdl: Option<GeneratedFile>,
}

/// [`generate_module_with`], also reporting counts, warnings and skipped constructs.
pub fn generate_module_report(
    source: &Source,
    options: &Options,
    loader: &mut dyn Loader,
) -> Result<ModuleReport, Error> {
    let resolve_options = resolve::ResolveOptions {
        shared_module: false,
        lenient: options.lenient,
    };
    let ir = resolve_sources(std::slice::from_ref(source), resolve_options, loader)?;
    let code = emit::emit_module(&ir, options)?;
    let summary = summaries(&ir).into_iter().next();
    let wsdl = emit::embedded_wsdl_files(&ir, options, false)
        .into_iter()
        .next();
    Ok(ModuleReport {
        code,
        types: ir.types.len(),
        operations: summary.map_or(0, |s| s.operations),
        diagnostics: ir.diagnostics,
        wsdl,
    })
}
