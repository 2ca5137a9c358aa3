//! `cargo xtask gen`: a standalone crate (types, traits, client, server) from any WSDL 1.1
//! files or URLs, with imports followed relative to each, each document fetched once.
//!
//! One WSDL becomes the crate's `lib.rs`, as one self-contained module. Several become one
//! crate with a module per WSDL, each behind a Cargo feature of its own (all on by default),
//! and `common.rs` holding the types they define identically (see [`module_names`] for how
//! the modules are named).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};

/// Options of `cargo xtask gen`.
#[derive(Debug, Clone)]
pub struct GenOptions {
    /// The WSDLs, paths or `http(s)` URLs, in the order given: one module each when there
    /// are several.
    pub wsdls: Vec<String>,
    /// The crate directory to write.
    pub out: PathBuf,
    /// The package name (default: from the WSDL's file name, or with several WSDLs from the
    /// name of the crate directory).
    pub crate_name: Option<String>,
    /// Generate what is supported and list what was skipped, instead of failing.
    pub lenient: bool,
    /// Depend on this version of `soap-runtime` instead of this checkout's `runtime/` (by a
    /// relative path).
    pub runtime_version: Option<String>,
}

/// The loader of `gen`: files and URLs (wsdl-codegen's `http` feature), each read once,
/// each reported on stderr as it is read.
fn loader() -> wsdl_codegen::AnyLoader {
    wsdl_codegen::AnyLoader::new()
        .with_progress(|location, bytes| eprintln!("read {location} ({bytes} bytes)"))
}

/// A crate name from the WSDL's file name: `CustomerService.svc?wsdl` → `customer-service`.
fn default_crate_name(wsdl: &str) -> String {
    let file = wsdl.rsplit(['/', '\\']).next().unwrap_or(wsdl);
    let stem = file.split(['.', '?']).next().unwrap_or(file);
    kebab_case(stem)
}

/// A crate name from the crate directory's name, as `cargo new` does: `out/My_Services` →
/// `my-services`.
fn crate_name_of_dir(out: &Path) -> String {
    let absolute = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    let dir = absolute
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    kebab_case(&dir)
}

/// `CustomerService` → `customer-service`; `generated-soap` when nothing is left.
fn kebab_case(stem: &str) -> String {
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

pub use wsdl_codegen::names::module_names;

/// The runtime's directory, canonical when it can be.
fn runtime_dir() -> PathBuf {
    let root = crate::project_root();
    std::fs::canonicalize(root.join("runtime")).unwrap_or_else(|_| root.join("runtime"))
}

/// `path` made absolute with symbolic links resolved as far as it exists (the rest, not
/// created yet, is normalized by its `.` and `..`).
fn canonical_as_far_as_it_exists(path: &Path) -> anyhow::Result<PathBuf> {
    let absolute = std::path::absolute(path)
        .with_context(|| format!("cannot make {} absolute", path.display()))?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(canonical) = std::fs::canonicalize(existing) {
            let mut result = canonical;
            for part in rest.iter().rev() {
                match part {
                    std::path::Component::ParentDir => {
                        result.pop();
                    }
                    std::path::Component::CurDir => {}
                    other => result.push(other),
                }
            }
            return Ok(result);
        }
        let (Some(parent), Some(last)) = (existing.parent(), existing.components().next_back())
        else {
            return Ok(absolute);
        };
        rest.push(last);
        existing = parent;
    }
}

/// The relative path from directory `from` to `to`, both absolute, with `/` separators;
/// `None` when they share no root (two Windows drives).
fn relative_path(from: &Path, to: &Path) -> Option<String> {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return None;
    }
    let parts: Vec<String> = std::iter::repeat_n("..".to_owned(), from.len() - common)
        .chain(
            to[common..]
                .iter()
                .map(|part| part.as_os_str().to_string_lossy().into_owned()),
        )
        .collect();
    Some(if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    })
}

/// The `soap-runtime` dependency of a crate written to `out`: `runtime_version` when given,
/// else this checkout's `runtime/` by a path relative to `out`, so the crate moves with the
/// checkout and names nothing of the machine that generated it.
fn runtime_dependency(out: &Path, runtime_version: Option<&str>) -> anyhow::Result<String> {
    if let Some(version) = runtime_version {
        return Ok(toml_string(version));
    }
    let out = canonical_as_far_as_it_exists(out)?;
    let runtime = runtime_dir();
    let relative = relative_path(&out, &runtime).with_context(|| {
        format!(
            "{} cannot reach the runtime {} by a relative path; give --runtime-version",
            out.display(),
            runtime.display()
        )
    })?;
    Ok(format!("{{ path = {} }}", toml_string(&relative)))
}

/// `text` as a TOML basic string.
fn toml_string(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(quoted, "\\u{:04X}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// `text` on one line, for a TOML comment.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The manifest's first lines: the generated-file header, the package, the runtime (a TOML
/// value, from [`runtime_dependency`]).
fn cargo_toml_package(name: &str, description: &str, runtime: &str) -> String {
    format!(
        "{header}
[package]
name = {name}
description = {description}
version = \"0.1.0\"
edition = \"2024\"
publish = false

# A standalone crate, not a member of any enclosing workspace.
[workspace]

[dependencies]
soap-runtime = {runtime}
",
        header = wsdl_codegen::GENERATED_HEADER
            .replace("//", "#")
            .replace("cargo xtask regen", "cargo xtask gen"),
        name = toml_string(name),
        description = toml_string(description),
    )
}

/// The manifest of a crate generated from one WSDL.
fn cargo_toml(name: &str, wsdl: &str, runtime: &str) -> String {
    cargo_toml_package(
        name,
        &format!("Typed SOAP client and server generated from {wsdl}"),
        runtime,
    )
}

/// The manifest of a crate generated from several WSDLs: a feature per module, `full`
/// enabling all, and `full` on by default (every module was asked for).
fn cargo_toml_of_modules(name: &str, sources: &[wsdl_codegen::Source], runtime: &str) -> String {
    let mut manifest = cargo_toml_package(
        name,
        &format!(
            "Typed SOAP clients and servers generated from {} WSDLs",
            sources.len()
        ),
        runtime,
    );
    let features: Vec<String> = sources
        .iter()
        .map(|source| wsdl_codegen::names::feature_name(&source.module))
        .collect();
    let full = features
        .iter()
        .map(|feature| toml_string(feature))
        .collect::<Vec<_>>()
        .join(", ");
    let _ = write!(
        manifest,
        "\n[features]\ndefault = [\"full\"]\n## Every module.\nfull = [{full}]\n"
    );
    for (source, feature) in sources.iter().zip(&features) {
        let _ = write!(
            manifest,
            "## The `{}` module, from `{}`.\n{feature} = []\n",
            source.module,
            one_line(&source.file)
        );
    }
    manifest
}

/// What `generate` hands to the library: the header of `cargo xtask gen`, no proptest.
fn codegen_options(lenient: bool) -> wsdl_codegen::Options {
    wsdl_codegen::Options {
        arbitrary: wsdl_codegen::Arbitrary::Off,
        header: wsdl_codegen::GENERATED_HEADER.replace("cargo xtask regen", "cargo xtask gen"),
        lenient,
        embed_wsdl: true,
        ..wsdl_codegen::Options::default()
    }
}

/// Prints the warnings and the skipped constructs.
/// Prints what the generator reported: each warning, then each construct left out.
pub(crate) fn report(diagnostics: &[wsdl_codegen::Diagnostic]) {
    for severity in [
        wsdl_codegen::Severity::Warning,
        wsdl_codegen::Severity::Skipped,
    ] {
        let label = match severity {
            wsdl_codegen::Severity::Warning => "warning",
            wsdl_codegen::Severity::Skipped => "skipped",
        };
        for diagnostic in diagnostics.iter().filter(|d| d.severity == severity) {
            eprintln!("{label}: {diagnostic}");
        }
    }
}

/// Prints the summary line.
fn summary(documents: usize, types: usize, operations: usize, started: Instant) {
    eprintln!(
        "{documents} documents read, {types} types, {operations} operations, generated in {:.1} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
}

/// Writes the crate's files (paths relative to `out`); returns their full paths.
fn write_files(out: &Path, files: Vec<(PathBuf, String)>) -> anyhow::Result<Vec<PathBuf>> {
    let src = out.join("src");
    std::fs::create_dir_all(&src).with_context(|| format!("cannot create {}", src.display()))?;
    let mut written = Vec::with_capacity(files.len());
    for (relative, contents) in files {
        let path = out.join(relative);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        std::fs::write(&path, contents)
            .with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!("wrote {}", path.display());
        written.push(path);
    }
    Ok(written)
}

/// Generates the crate; returns the files written.
pub fn generate(options: &GenOptions) -> anyhow::Result<Vec<PathBuf>> {
    match options.wsdls.as_slice() {
        [] => bail!("gen needs at least one --wsdl"),
        [wsdl] => generate_one(options, wsdl),
        _ => generate_several(options),
    }
}

/// One WSDL: the crate's `lib.rs` is one self-contained module.
fn generate_one(options: &GenOptions, root: &str) -> anyhow::Result<Vec<PathBuf>> {
    let started = Instant::now();
    let runtime = runtime_dependency(&options.out, options.runtime_version.as_deref())?;
    let mut loader = loader();
    let text = loader
        .fetch(root)
        .map_err(|e| anyhow::anyhow!("cannot read the WSDL {root}: {e}"))?;
    let name = options
        .crate_name
        .clone()
        .unwrap_or_else(|| default_crate_name(root));
    let module = name.replace('-', "_");
    let source = wsdl_codegen::Source {
        module,
        file: root.to_owned(),
        text,
    };
    let codegen_options = codegen_options(options.lenient);
    let generated = wsdl_codegen::generate_module_report(&source, &codegen_options, &mut loader)
        .map_err(|e| anyhow::anyhow!("{e}\nnothing was written"))?;
    report(&generated.diagnostics);
    summary(
        loader.fetched().len(),
        generated.types,
        generated.operations,
        started,
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
    let mut files = vec![
        (
            PathBuf::from("Cargo.toml"),
            cargo_toml(&name, root, &runtime),
        ),
        (Path::new("src").join("lib.rs"), lib),
    ];
    if let Some(wsdl) = generated.wsdl {
        files.push((Path::new("src").join(wsdl.path), wsdl.contents));
    }
    write_files(&options.out, files)
}

/// Several WSDLs: a module each, behind a feature each, and `common.rs`.
fn generate_several(options: &GenOptions) -> anyhow::Result<Vec<PathBuf>> {
    let started = Instant::now();
    let runtime = runtime_dependency(&options.out, options.runtime_version.as_deref())?;
    let mut loader = loader();
    let modules = module_names(&options.wsdls);
    let mut sources = Vec::with_capacity(modules.len());
    for (wsdl, module) in options.wsdls.iter().zip(modules) {
        let text = loader
            .fetch(wsdl)
            .map_err(|e| anyhow::anyhow!("cannot read the WSDL {wsdl}: {e}"))?;
        sources.push(wsdl_codegen::Source {
            module,
            file: wsdl.clone(),
            text,
        });
    }
    let name = options
        .crate_name
        .clone()
        .unwrap_or_else(|| crate_name_of_dir(&options.out));
    let listed = options
        .wsdls
        .iter()
        .map(|wsdl| format!("`{wsdl}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let docs = format!("Typed SOAP clients and servers generated from {listed}.");
    let generated = wsdl_codegen::generate_crate_with(
        &sources,
        &docs,
        &codegen_options(options.lenient),
        &mut loader,
    )
    .map_err(|e| anyhow::anyhow!("{e}\nnothing was written"))?;
    report(&generated.diagnostics);
    for (module, source) in generated.summaries.iter().zip(&sources) {
        eprintln!(
            "module {} (feature {}) from {}: {} types, {} operations",
            module.module,
            wsdl_codegen::names::feature_name(&module.module),
            source.file,
            module.types,
            module.operations
        );
    }
    summary(
        loader.fetched().len(),
        generated.types,
        generated.summaries.iter().map(|m| m.operations).sum(),
        started,
    );
    let mut files = vec![(
        PathBuf::from("Cargo.toml"),
        cargo_toml_of_modules(&name, &sources, &runtime),
    )];
    files.extend(
        generated
            .files
            .into_iter()
            .map(|file| (Path::new("src").join(file.path), file.contents)),
    );
    write_files(&options.out, files)
}

/// Parses `gen`'s arguments.
pub fn parse_args(args: &[String]) -> anyhow::Result<GenOptions> {
    let mut wsdls: Vec<String> = Vec::new();
    let mut out = None;
    let mut crate_name = None;
    let mut lenient = false;
    let mut runtime_version = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = |name: &str| {
            rest.next()
                .cloned()
                .ok_or_else(|| anyhow::anyhow!("{name} needs a value"))
        };
        match arg.as_str() {
            "--wsdl" => {
                let wsdl = value("--wsdl")?;
                if wsdls.contains(&wsdl) {
                    bail!("--wsdl {wsdl} is given twice");
                }
                wsdls.push(wsdl);
            }
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--crate-name" => crate_name = Some(value("--crate-name")?),
            "--lenient" => lenient = true,
            "--runtime-version" => runtime_version = Some(value("--runtime-version")?),
            other => bail!("unknown argument `{other}`"),
        }
    }
    let Some(out) = out.filter(|_| !wsdls.is_empty()) else {
        bail!("gen needs --wsdl <path or URL> (once per WSDL) and --out <dir>");
    };
    Ok(GenOptions {
        wsdls,
        out,
        crate_name,
        lenient,
        runtime_version,
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
        assert_eq!(
            crate_name_of_dir(Path::new("out/My_Services")),
            "my-services"
        );
    }

    fn names(wsdls: &[&str]) -> Vec<String> {
        module_names(&wsdls.iter().map(|&w| w.to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn names_modules_after_the_wsdl_files() {
        assert_eq!(
            names(&[
                "wsdl/services87/Services87-Contact.wsdl",
                "http://h/Remote/CustomerService.svc?wsdl",
                "https://h/a/b.svc?singleWsdl#top",
                "C:\\wsdl\\CRMScript.wsdl",
                "2nd.wsdl",
                "Type.wsdl",
                "self.wsdl",
                "http://h/?wsdl",
            ]),
            [
                "services87_contact",
                "customer_service",
                "b",
                "crm_script",
                "n2nd",
                "type_",
                "self_",
                "service",
            ]
        );
    }

    #[test]
    fn module_name_collisions_get_the_first_free_suffix_in_order() {
        assert_eq!(
            names(&[
                "a/service.wsdl",
                "b/Service.wsdl",
                "service_2.wsdl",
                "c/service.xml",
            ]),
            ["service", "service_2", "service_2_2", "service_3"]
        );
        assert_eq!(
            names(&[
                "Common.wsdl",
                "namespaces.wsdl",
                "full.wsdl",
                "Default.wsdl",
                "common_2.wsdl"
            ]),
            [
                "common_2",
                "namespaces_2",
                "full_2",
                "default_2",
                "common_2_2"
            ]
        );
    }

    #[test]
    fn parses_several_wsdls_and_refuses_one_given_twice() {
        let args = |list: &[&str]| list.iter().map(|&a| a.to_owned()).collect::<Vec<_>>();
        let options = parse_args(&args(&[
            "--wsdl", "a.wsdl", "--out", "o", "--wsdl", "b.wsdl",
        ]))
        .unwrap();
        assert_eq!(options.wsdls, ["a.wsdl", "b.wsdl"]);
        let error = parse_args(&args(&[
            "--wsdl", "a.wsdl", "--wsdl", "a.wsdl", "--out", "o",
        ]))
        .unwrap_err()
        .to_string();
        assert_eq!(error, "--wsdl a.wsdl is given twice");
        let error = parse_args(&args(&["--out", "o"])).unwrap_err().to_string();
        assert!(error.contains("gen needs --wsdl"), "{error}");
    }

    #[test]
    fn several_wsdls_make_a_feature_each_and_full_by_default() {
        let source = |module: &str, file: &str| wsdl_codegen::Source {
            module: module.to_owned(),
            file: file.to_owned(),
            text: Vec::new(),
        };
        let manifest = cargo_toml_of_modules(
            "two",
            &[
                source("crm_script", "x/CRMScript.wsdl"),
                source("b", "b\"\n.wsdl"),
            ],
            "\"0.1\"",
        );
        let tail = manifest.split("[features]").nth(1).unwrap();
        assert_eq!(
            tail,
            "\ndefault = [\"full\"]\n## Every module.\nfull = [\"crm-script\", \"b\"]\n## The `crm_script` module, from `x/CRMScript.wsdl`.\ncrm-script = []\n## The `b` module, from `b\" .wsdl`.\nb = []\n"
        );
        assert!(manifest.contains("name = \"two\"\n"), "{manifest}");
        assert_eq!(toml_string("a\"b\\c\u{1}"), "\"a\\\"b\\\\c\\u0001\"");
    }

    #[test]
    fn the_runtime_is_reached_by_a_relative_path_or_a_version() {
        assert_eq!(
            relative_path(
                Path::new("/w/repo/target/out"),
                Path::new("/w/repo/runtime")
            ),
            Some("../../runtime".to_owned())
        );
        assert_eq!(
            relative_path(Path::new("/w/repo"), Path::new("/w/repo/runtime")),
            Some("runtime".to_owned())
        );
        assert_eq!(
            relative_path(Path::new("/other/x"), Path::new("/w/runtime")),
            Some("../../w/runtime".to_owned())
        );
        assert_eq!(
            runtime_dependency(Path::new("out"), Some("0.1.0")).unwrap(),
            "\"0.1.0\""
        );
        let root = crate::project_root();
        let dependency = runtime_dependency(&root.join("target/not-yet/../crate"), None).unwrap();
        assert_eq!(dependency, "{ path = \"../../runtime\" }");
    }
}
