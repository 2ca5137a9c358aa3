//! `cargo xtask gen`: a standalone crate (types, traits, client, server) from any WSDL 1.1
//! file or URL, with imports followed relative to it, each fetched once.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// Options of `cargo xtask gen`.
#[derive(Debug, Clone)]
pub struct GenOptions {
    /// The WSDL: a path or an `http(s)` URL.
    pub wsdl: String,
    /// The crate directory to write.
    pub out: PathBuf,
    /// The package name (default: from the WSDL's file name).
    pub crate_name: Option<String>,
    /// Generate what is supported and list what was skipped, instead of failing.
    pub lenient: bool,
}

/// Fetches imported documents from files or over HTTP(S), counting what it reads.
pub struct AnyLoader {
    client: Option<reqwest::blocking::Client>,
    /// Locations read so far.
    pub fetched: Vec<String>,
}

impl AnyLoader {
    /// A loader; the HTTP client is built on first use.
    pub fn new() -> Self {
        AnyLoader {
            client: None,
            fetched: Vec::new(),
        }
    }

    /// Reads `location` (already resolved).
    pub fn fetch(&mut self, location: &str) -> Result<Vec<u8>, String> {
        let bytes = if location.starts_with("http://") || location.starts_with("https://") {
            if self.client.is_none() {
                self.client = Some(
                    reqwest::blocking::Client::builder()
                        .timeout(Duration::from_secs(60))
                        .build()
                        .map_err(|e| e.to_string())?,
                );
            }
            let client = self.client.as_ref().ok_or("no HTTP client")?;
            let response = client
                .get(location)
                .send()
                .and_then(reqwest::blocking::Response::error_for_status)
                .map_err(|e| e.to_string())?;
            response.bytes().map_err(|e| e.to_string())?.to_vec()
        } else {
            std::fs::read(location).map_err(|e| format!("{e}"))?
        };
        self.fetched.push(location.to_owned());
        eprintln!("read {location} ({} bytes)", bytes.len());
        Ok(bytes)
    }
}

impl Default for AnyLoader {
    fn default() -> Self {
        Self::new()
    }
}

/// Resolves `location` against `base` (a path or URL).
pub fn resolve_location(base: &str, location: &str) -> Result<String, String> {
    if location.starts_with("http://") || location.starts_with("https://") {
        return Ok(location.to_owned());
    }
    if base.starts_with("http://") || base.starts_with("https://") {
        let base = url::Url::parse(base).map_err(|e| e.to_string())?;
        return base
            .join(location)
            .map(|u| u.to_string())
            .map_err(|e| e.to_string());
    }
    Ok(wsdl_codegen::load::join_relative(base, location))
}

impl wsdl_codegen::Loader for AnyLoader {
    fn load(&mut self, base: &str, location: &str) -> Result<(String, Vec<u8>), String> {
        let resolved = resolve_location(base, location)?;
        let bytes = self.fetch(&resolved)?;
        Ok((resolved, bytes))
    }
}

/// A crate name from the WSDL's file name: `CustomerService.svc?wsdl` → `customer-service`.
fn default_crate_name(wsdl: &str) -> String {
    let file = wsdl.rsplit(['/', '\\']).next().unwrap_or(wsdl);
    let stem = file.split(['.', '?']).next().unwrap_or(file);
    let mut name = String::new();
    for (i, c) in stem.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 && !name.ends_with('-') {
            name.push('-');
        }
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_matches('-').to_owned();
    if name.is_empty() {
        "generated-soap".to_owned()
    } else {
        name
    }
}

/// The runtime's directory, for the generated crate's path dependency.
fn runtime_dir() -> PathBuf {
    let root = crate::project_root();
    std::fs::canonicalize(root.join("runtime")).unwrap_or_else(|_| root.join("runtime"))
}

fn cargo_toml(name: &str, wsdl: &str) -> String {
    format!(
        "{header}
[package]
name = \"{name}\"
description = \"Typed SOAP client and server generated from {wsdl}\"
version = \"0.1.0\"
edition = \"2024\"
publish = false

# A standalone crate, not a member of any enclosing workspace.
[workspace]

[dependencies]
soap-runtime = {{ path = {runtime:?} }}
",
        header = wsdl_codegen::GENERATED_HEADER
            .replace("//", "#")
            .replace("cargo xtask regen", "cargo xtask gen"),
        runtime = runtime_dir().display().to_string(),
    )
}

/// Generates the crate; returns the files written.
pub fn generate(options: &GenOptions) -> anyhow::Result<Vec<PathBuf>> {
    let started = Instant::now();
    let mut loader = AnyLoader::new();
    let root = options.wsdl.clone();
    let text = loader
        .fetch(&root)
        .map_err(|e| anyhow::anyhow!("cannot read the WSDL {root}: {e}"))?;
    let name = options
        .crate_name
        .clone()
        .unwrap_or_else(|| default_crate_name(&root));
    let module = name.replace('-', "_");
    let source = wsdl_codegen::Source {
        module,
        file: root.clone(),
        text,
    };
    let codegen_options = wsdl_codegen::Options {
        arbitrary: wsdl_codegen::Arbitrary::Off,
        header: wsdl_codegen::GENERATED_HEADER.replace("cargo xtask regen", "cargo xtask gen"),
        lenient: options.lenient,
        ..wsdl_codegen::Options::default()
    };
    let generated = wsdl_codegen::generate_module_report(&source, &codegen_options, &mut loader)
        .map_err(|e| anyhow::anyhow!("{e}\nnothing was written"))?;
    for warning in &generated.warnings {
        eprintln!("warning: {warning}");
    }
    for skipped in &generated.skipped {
        eprintln!("skipped: {skipped}");
    }
    eprintln!(
        "{} documents read, {} types, {} operations, generated in {:.1} ms",
        loader.fetched.len(),
        generated.types,
        generated.operations,
        started.elapsed().as_secs_f64() * 1000.0
    );
    let lib = format!(
        "{}\n//! Typed SOAP client and server generated from `{root}`.\n{}",
        codegen_options.header,
        generated
            .code
            .strip_prefix(&codegen_options.header)
            .unwrap_or(&generated.code)
            .trim_start_matches('\n')
    );
    let src = options.out.join("src");
    std::fs::create_dir_all(&src).with_context(|| format!("cannot create {}", src.display()))?;
    let files = [
        (options.out.join("Cargo.toml"), cargo_toml(&name, &root)),
        (src.join("lib.rs"), lib),
    ];
    for (path, contents) in &files {
        std::fs::write(path, contents)
            .with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

/// Parses `gen`'s arguments.
pub fn parse_args(args: &[String]) -> anyhow::Result<GenOptions> {
    let mut wsdl = None;
    let mut out = None;
    let mut crate_name = None;
    let mut lenient = false;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = |name: &str| {
            rest.next()
                .cloned()
                .ok_or_else(|| anyhow::anyhow!("{name} needs a value"))
        };
        match arg.as_str() {
            "--wsdl" => wsdl = Some(value("--wsdl")?),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--crate-name" => crate_name = Some(value("--crate-name")?),
            "--lenient" => lenient = true,
            other => bail!("unknown argument `{other}`"),
        }
    }
    let (Some(wsdl), Some(out)) = (wsdl, out) else {
        bail!("gen needs --wsdl <path or URL> and --out <dir>");
    };
    Ok(GenOptions {
        wsdl,
        out,
        crate_name,
        lenient,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_crates_after_the_wsdl() {
        assert_eq!(
            default_crate_name("http://h/Remote/CustomerService.svc?wsdl"),
            "customer-service"
        );
        assert_eq!(default_crate_name("dir/my_service.wsdl"), "my-service");
        assert_eq!(default_crate_name("..."), "generated-soap");
    }

    #[test]
    fn resolves_locations_against_paths_and_urls() {
        assert_eq!(
            resolve_location("a/b/c.wsdl", "../x.xsd").unwrap(),
            "a/x.xsd"
        );
        assert_eq!(
            resolve_location("http://h/p/c.wsdl", "x.xsd").unwrap(),
            "http://h/p/x.xsd"
        );
        assert_eq!(
            resolve_location("a/c.wsdl", "https://h/x.xsd").unwrap(),
            "https://h/x.xsd"
        );
    }
}
