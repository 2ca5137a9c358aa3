//! The work behind `cargo xtask regen`: read `wsdl/services.toml`, generate the crate with
//! `wsdl-codegen`, and write the files that changed or, in check mode, name the stale ones.

pub mod generate;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use serde::Deserialize;

/// The repository root (the parent of this crate's directory).
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// `wsdl/services.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServicesConfig {
    /// Directory of the WSDL files, relative to the repository root.
    pub wsdl_dir: PathBuf,
    /// Directory of the generated crate, relative to the repository root.
    pub crate_dir: PathBuf,
    /// Package name of the generated crate.
    pub crate_name: String,
    /// One-line description of the generated crate.
    pub description: String,
    /// Element names whose text values `Debug` output hides.
    pub redact: Vec<String>,
    /// `Type/element` paths whose text values `Debug` output hides too.
    #[serde(default)]
    pub redact_paths: Vec<String>,
    /// How the services report failures in response headers.
    pub service_failure: Option<ServiceFailureConfig>,
    /// The documents and the modules they become.
    pub service: Vec<ServiceConfig>,
}

/// `[service_failure]` of `services.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceFailureConfig {
    /// Boolean response header whose `false` means failure.
    pub success_header: String,
    /// Response header whose presence means failure.
    pub exception_header: String,
    /// Element of the exception header holding the message.
    pub exception_message: String,
}

/// One `[[service]]` of `services.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceConfig {
    /// Rust module name.
    pub module: String,
    /// WSDL file name inside `wsdl_dir`.
    pub wsdl: PathBuf,
}

/// Options of `cargo xtask regen`.
#[derive(Debug, Default, Clone)]
pub struct RegenOptions {
    /// Compare instead of writing.
    pub check: bool,
    /// Replaces the configured `wsdl_dir`.
    pub wsdl_dir: Option<PathBuf>,
    /// Replaces single modules' WSDL files.
    pub wsdl_files: Vec<(String, PathBuf)>,
}

/// Reads `wsdl/services.toml` under `root`.
pub fn read_config(root: &Path) -> anyhow::Result<ServicesConfig> {
    let path = root.join("wsdl/services.toml");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    toml::from_str(&text)
        .with_context(|| format!("{} is not a valid services file", path.display()))
}

/// Renders the generated crate's `Cargo.toml`: a feature per module, and `full`.
fn cargo_toml(config: &ServicesConfig) -> String {
    let features: Vec<String> = config
        .service
        .iter()
        .map(|s| wsdl_codegen::names::feature_name(&s.module))
        .collect();
    let mut feature_lines = String::new();
    for (service, feature) in config.service.iter().zip(&features) {
        let _ = writeln!(
            feature_lines,
            "## The `{}` module, from `{}`.\n{feature} = []",
            service.module,
            service.wsdl.display()
        );
    }
    let full = features
        .iter()
        .map(|f| format!("\"{f}\""))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "{header}
[package]
name = \"{name}\"
description = \"{description}\"
version.workspace = true
edition.workspace = true
rust-version.workspace = true
license.workspace = true
publish.workspace = true

[dependencies]
soap-runtime.workspace = true
proptest = {{ workspace = true, optional = true }}

[features]
## `proptest::arbitrary::Arbitrary` for every generated type.
proptest = [\"dep:proptest\", \"soap-runtime/proptest\"]
## Every service.
full = [{full}]
{feature_lines}",
        header = wsdl_codegen::GENERATED_HEADER.replace("//", "#"),
        name = config.crate_name,
        description = config.description,
    )
}

/// Everything `regen` would write: paths relative to the crate directory, and contents.
pub fn generate(root: &Path, options: &RegenOptions) -> anyhow::Result<Vec<(PathBuf, String)>> {
    let config = read_config(root)?;
    let wsdl_dir = options
        .wsdl_dir
        .clone()
        .unwrap_or_else(|| root.join(&config.wsdl_dir));
    let mut sources = Vec::new();
    for service in &config.service {
        let path = options
            .wsdl_files
            .iter()
            .find(|(module, _)| *module == service.module)
            .map(|(_, file)| file.clone())
            .unwrap_or_else(|| wsdl_dir.join(&service.wsdl));
        let text = std::fs::read(&path).with_context(|| {
            format!(
                "cannot read the WSDL of module `{}` at {}: put the file there, or pass --wsdl DIR (or --wsdl {}=FILE)",
                service.module,
                path.display(),
                service.module
            )
        })?;
        let file = service.wsdl.display().to_string();
        sources.push(wsdl_codegen::Source {
            module: service.module.clone(),
            file,
            text,
        });
    }
    let started = Instant::now();
    let options = wsdl_codegen::Options {
        redact: config.redact.clone(),
        redact_paths: config.redact_paths.clone(),
        service_failure: config.service_failure.as_ref().map(|rule| {
            wsdl_codegen::ServiceFailureRule {
                success_header: rule.success_header.clone(),
                exception_header: rule.exception_header.clone(),
                exception_message: rule.exception_message.clone(),
            }
        }),
        embed_wsdl: true,
        ..wsdl_codegen::Options::default()
    };
    let generated = wsdl_codegen::generate_crate(&sources, &config.description, &options)
        .map_err(|e| anyhow::anyhow!("{e}\nnothing was written; fix the WSDL named above (or point --wsdl at a good copy) and run again"))?;
    let elapsed = started.elapsed();
    generate::report(&generated.diagnostics);
    for summary in &generated.summaries {
        eprintln!(
            "{}: {} types, {} operations",
            summary.module, summary.types, summary.operations
        );
    }
    eprintln!("generated in {:.1} ms", elapsed.as_secs_f64() * 1000.0);
    let mut files = vec![(PathBuf::from("Cargo.toml"), cargo_toml(&config))];
    files.extend(
        generated
            .files
            .into_iter()
            .map(|f| (Path::new("src").join(f.path), f.contents)),
    );
    Ok(files)
}

/// The files under `dir`, in its subdirectories too; none if it does not exist.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Regenerates the crate, or with `options.check` fails naming the stale files.
pub fn regen(root: &Path, options: &RegenOptions) -> anyhow::Result<()> {
    let config = read_config(root)?;
    let crate_dir = root.join(&config.crate_dir);
    let files = generate(root, options)?;
    let expected: BTreeSet<PathBuf> = files.iter().map(|(path, _)| path.clone()).collect();
    let mut stale = Vec::new();
    for (path, contents) in &files {
        let full = crate_dir.join(path);
        let current = std::fs::read_to_string(&full).ok();
        if current.as_deref() != Some(contents.as_str()) {
            stale.push(full);
        }
    }
    let src = crate_dir.join("src");
    let mut extra: Vec<PathBuf> = files_under(&src)
        .into_iter()
        .filter(|path| {
            path.strip_prefix(&crate_dir)
                .is_ok_and(|relative| !expected.contains(relative))
        })
        .collect();
    extra.sort();
    if options.check {
        if stale.is_empty() && extra.is_empty() {
            eprintln!("{} is fresh", crate_dir.display());
            return Ok(());
        }
        let mut message = String::from("generated code is stale; run `cargo xtask regen`:\n");
        for path in &stale {
            let _ = writeln!(message, "  differs: {}", path.display());
        }
        for path in &extra {
            let _ = writeln!(message, "  not generated: {}", path.display());
        }
        bail!(message);
    }
    for (path, contents) in &files {
        let full = crate_dir.join(path);
        if stale.contains(&full) {
            if let Some(dir) = full.parent() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
            }
            std::fs::write(&full, contents)
                .with_context(|| format!("cannot write {}", full.display()))?;
            eprintln!("wrote {}", full.display());
        }
    }
    for path in &extra {
        std::fs::remove_file(path).with_context(|| format!("cannot remove {}", path.display()))?;
        eprintln!("removed {}", path.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_code_is_fresh() {
        let result = regen(
            &project_root(),
            &RegenOptions {
                check: true,
                ..RegenOptions::default()
            },
        );
        if let Err(error) = result {
            panic!("{error:#}");
        }
    }
}
