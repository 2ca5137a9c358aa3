//! The `build.rs` builder (`wsdl_codegen::configure()`): the documents it reads (the WSDL,
//! its `wsdl:import`s, `xs:import`s and `xs:include`s) become `cargo:rerun-if-changed`
//! lines; its options (runtime path, extra attributes and derives, file name, lenient) show
//! in the module it writes; bad options and a missing output directory are clear errors;
//! with the `http` feature a WSDL URL is read with its imports over HTTP.
//!
//! The modules are written under `CARGO_TARGET_TMPDIR/build/`; the example crate
//! `examples/build-rs-client` compiles one and calls it over HTTP.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use std::path::PathBuf;

use wsdl_codegen::{BuildError, Builder, Severity};

/// The imports fixture: a WSDL importing a WSDL, schemas imported and included.
const IMPORTS: &str = "../wsdl/fixtures/imports/service.wsdl";

/// An empty directory for one test's output.
fn out_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("build")
        .join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    dir
}

/// The outer attributes right above the line `item` (`pub struct Ship {`), which occurs once.
fn attributes_of<'c>(code: &'c str, item: &str) -> Vec<&'c str> {
    let lines: Vec<&str> = code.lines().collect();
    let at: Vec<usize> = (0..lines.len()).filter(|&i| lines[i] == item).collect();
    let [at] = at.as_slice() else {
        panic!("{item} occurs {} times", at.len());
    };
    let above = &lines[..*at];
    let count = above
        .iter()
        .rev()
        .take_while(|line| line.starts_with("#["))
        .count();
    above[above.len() - count..].to_vec()
}

#[test]
fn every_document_read_gets_a_rerun_if_changed_line() {
    let dir = out_dir("rerun");
    let compiled = Builder::new().out_dir(&dir).compile(&[IMPORTS]).unwrap();
    // The WSDL first, then what it imports and includes, in the order the loader follows.
    assert_eq!(compiled.documents[0], IMPORTS);
    let mut documents = compiled.documents.clone();
    documents.sort();
    assert_eq!(
        documents,
        [
            "../wsdl/fixtures/imports/messages.wsdl",
            IMPORTS,
            "../wsdl/fixtures/imports/types/common.xsd",
            "../wsdl/fixtures/imports/types/customs.xsd",
            "../wsdl/fixtures/imports/types/label.xsd",
            "../wsdl/fixtures/imports/types/parcel.xsd",
        ]
    );
    let lines = compiled.rerun_if_changed();
    assert_eq!(lines.len(), compiled.documents.len());
    for (line, document) in lines.iter().zip(&compiled.documents) {
        assert_eq!(line, &format!("cargo:rerun-if-changed={document}"));
    }
    assert_eq!(compiled.files, [dir.join("service.rs")]);
    let code = std::fs::read_to_string(dir.join("service.rs")).unwrap();
    assert!(
        code.starts_with(wsdl_codegen::build::BUILD_HEADER),
        "{}",
        &code[..200]
    );
    assert!(code.contains("\nuse ::soap_runtime::__codegen as __rt;\n"));
    assert!(code.contains("pub struct ShippingClient<"));
    assert!(!code.contains("proptest"), "no proptest support by default");
}

#[test]
fn the_runtime_crate_path_is_the_one_given() {
    let dir = out_dir("runtime_path");
    Builder::new()
        .out_dir(&dir)
        .runtime_crate("crate::soap")
        .compile(&[IMPORTS])
        .unwrap();
    let code = std::fs::read_to_string(dir.join("service.rs")).unwrap();
    assert!(code.contains("\nuse crate::soap::__codegen as __rt;\n"));
    assert!(
        !code.contains("::soap_runtime::"),
        "the runtime is named only by the path given"
    );
}

#[test]
fn extra_attributes_and_derives_go_on_the_matched_schema_types() {
    let dir = out_dir("attributes");
    Builder::new()
        .out_dir(&dir)
        .derive("*", "::serde::Serialize")
        .type_attribute("Parcel", "#[serde(rename_all = \"PascalCase\")]")
        .type_attribute("LabelFormat", "#[non_exhaustive] #[allow(missing_docs)]")
        .compile(&[IMPORTS])
        .unwrap();
    let code = std::fs::read_to_string(dir.join("service.rs")).unwrap();
    assert_eq!(
        attributes_of(&code, "pub struct Parcel {"),
        [
            "#[derive(Debug, Clone, PartialEq, Default)]",
            "#[derive(::serde::Serialize)]",
            "#[serde(rename_all = \"PascalCase\")]",
        ]
    );
    assert_eq!(
        attributes_of(&code, "pub struct Ship {"),
        [
            "#[derive(Debug, Clone, PartialEq, Default)]",
            "#[derive(::serde::Serialize)]",
        ]
    );
    assert_eq!(
        attributes_of(&code, "pub enum LabelFormat {"),
        [
            "#[derive(Debug, Clone, PartialEq, Eq, Hash)]",
            "#[derive(::serde::Serialize)]",
            "#[non_exhaustive]",
            "#[allow(missing_docs)]",
        ]
    );
    // Clients and servers are not schema types.
    assert_eq!(
        attributes_of(
            &code,
            "pub struct ShippingClient<Tport = __rt::HttpTransport> {"
        ),
        ["#[derive(Clone)]"]
    );
}

#[test]
fn file_name_names_the_one_output_file() {
    let dir = out_dir("file_name");
    let compiled = Builder::new()
        .out_dir(&dir)
        .file_name("shipping.rs")
        .compile(&[IMPORTS])
        .unwrap();
    assert_eq!(compiled.files, [dir.join("shipping.rs")]);
    assert!(dir.join("shipping.rs").exists());
    assert!(!dir.join("service.rs").exists());

    let error = Builder::new()
        .out_dir(&dir)
        .file_name("both.rs")
        .compile(&[IMPORTS, "../wsdl/fixtures/sequence/service.wsdl"])
        .unwrap_err();
    assert!(
        matches!(&error, BuildError::FileNameForSeveral { count: 2, .. }),
        "{error}"
    );
    let error = Builder::new()
        .out_dir(&dir)
        .file_name("../escape.rs")
        .compile(&[IMPORTS])
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid option: file_name(\"../escape.rs\") must be a file name, without directories"
    );
}

#[test]
fn several_wsdls_make_a_module_file_each() {
    let dir = out_dir("several");
    let compiled = Builder::new()
        .out_dir(&dir)
        .compile(&[
            "../wsdl/fixtures/several/alpha.wsdl",
            "../wsdl/fixtures/several/beta.wsdl",
            "../wsdl/fixtures/sequence/service.wsdl",
        ])
        .unwrap();
    assert_eq!(
        compiled.files,
        [
            dir.join("alpha.rs"),
            dir.join("beta.rs"),
            dir.join("service.rs")
        ]
    );
    // A schema both alpha and beta import is read once, and watched once.
    let lines = compiled.rerun_if_changed();
    let mut unique = lines.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), lines.len(), "{lines:#?}");
}

#[test]
fn lenient_reports_what_it_skipped_instead_of_failing() {
    let wsdl = "../wsdl/fixtures/errors/wildcard_in_group.wsdl";
    let dir = out_dir("lenient");
    let error = Builder::new().out_dir(&dir).compile(&[wsdl]).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("unsupported construct xs:any inside a repeated xs:sequence"),
        "{error}"
    );
    assert!(!dir.exists(), "nothing is written");
    let compiled = Builder::new()
        .out_dir(&dir)
        .lenient(true)
        .compile(&[wsdl])
        .unwrap();
    assert_eq!(compiled.diagnostics.len(), 1, "{:?}", compiled.diagnostics);
    let skipped = &compiled.diagnostics[0];
    assert_eq!(skipped.severity, Severity::Skipped);
    assert_eq!(
        skipped.construct,
        "xs:any inside a repeated xs:sequence or a sequence inside xs:choice"
    );
    assert!(
        skipped.file.ends_with("wildcard_in_group.wsdl"),
        "{skipped:?}"
    );
    assert!(
        skipped.message.ends_with("(kept as raw XML)"),
        "{skipped:?}"
    );
    let code = std::fs::read_to_string(dir.join("wildcard_in_group.rs")).unwrap();
    assert!(code.contains("pub content: __rt::AnyXml,"));
}

#[test]
fn bad_options_are_refused_before_anything_is_read() {
    let dir = out_dir("bad_options");
    let missing = "no/such.wsdl";
    let error = Builder::new()
        .out_dir(&dir)
        .runtime_crate("soap runtime")
        .compile(&[missing])
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with(
            "invalid option: the runtime crate path \"soap runtime\" is not a Rust path"
        ),
        "{error}"
    );
    let error = Builder::new()
        .out_dir(&dir)
        .type_attribute("*", "derive(Hash)")
        .compile(&[missing])
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with(
            "invalid option: the attribute \"derive(Hash)\" for types \"*\" is not Rust outer attributes"
        ),
        "{error}"
    );
    let error = Builder::new()
        .out_dir(&dir)
        .type_attribute("*", "")
        .compile(&[missing])
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        "invalid option: the attribute \"\" for types \"*\" is empty"
    );
    let error = Builder::new()
        .out_dir(&dir)
        .redact_paths(["Parcel"])
        .compile(&[IMPORTS])
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("redact path \"Parcel\" is not `Type/element`"),
        "{error}"
    );
    let error = Builder::new()
        .out_dir(&dir)
        .redact_paths(["Parcel/Colour"])
        .compile(&[IMPORTS])
        .unwrap_err()
        .to_string();
    assert!(
        error.contains(
            "redact path \"Parcel/Colour\" names nothing: no generated struct `Parcel` has an \
             element or attribute `Colour`"
        ),
        "{error}"
    );
    let error = Builder::new()
        .out_dir(&dir)
        .redact_paths(["Parcel/WeightKg"])
        .compile(&[IMPORTS])
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("redact path \"Parcel/WeightKg\" names a value that is not text"),
        "{error}"
    );
    let none: [&str; 0] = [];
    assert!(matches!(
        Builder::new().out_dir(&dir).compile(&none),
        Err(BuildError::NoWsdl)
    ));
    let error = Builder::new()
        .out_dir(&dir)
        .compile(&[missing])
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("cannot read the WSDL no/such.wsdl: "),
        "{error}"
    );
    assert!(!dir.exists(), "nothing is written");
}

#[test]
fn without_an_output_directory_the_builder_says_where_it_looks() {
    // Integration tests of a crate without a build script have no OUT_DIR.
    assert!(std::env::var_os("OUT_DIR").is_none());
    let error = wsdl_codegen::configure().compile(&[IMPORTS]).unwrap_err();
    assert!(matches!(error, BuildError::NoOutDir), "{error}");
    assert!(error.to_string().contains("OUT_DIR is not set"));
}

#[test]
fn an_unchanged_module_is_not_written_again() {
    let dir = out_dir("unchanged");
    let builder = Builder::new().out_dir(&dir);
    builder.compile(&[IMPORTS]).unwrap();
    let file = dir.join("service.rs");
    let old = std::fs::File::options().append(true).open(&file).unwrap();
    let past = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    old.set_modified(past).unwrap();
    drop(old);
    builder.compile(&[IMPORTS]).unwrap();
    assert_eq!(
        std::fs::metadata(&file).unwrap().modified().unwrap(),
        past,
        "the file was rewritten"
    );
    // A changed option changes the module, which is then written.
    builder.runtime_crate("::rt").compile(&[IMPORTS]).unwrap();
    assert_ne!(std::fs::metadata(&file).unwrap().modified().unwrap(), past);
}

#[cfg(not(feature = "http"))]
#[test]
fn a_url_without_the_http_feature_names_the_feature() {
    let dir = out_dir("url_without_http");
    let error = Builder::new()
        .out_dir(&dir)
        .compile(&["http://127.0.0.1:9/service.wsdl"])
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        "cannot read the WSDL http://127.0.0.1:9/service.wsdl: reading URLs needs the `http` feature of wsdl-codegen"
    );
}

/// With the `http` feature: the WSDL and its imports over HTTP from a server in the test.
#[cfg(feature = "http")]
mod http {
    use std::collections::BTreeMap;
    use std::io::{BufRead, BufReader, Write};
    use std::net::{TcpListener, TcpStream};
    use std::sync::{Arc, Mutex};

    use super::*;

    /// Serves `wsdl/` on 127.0.0.1, one request per connection, counting requests per path.
    fn serve_wsdl_dir() -> (String, Arc<Mutex<BTreeMap<String, usize>>>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(BTreeMap::new()));
        let counts = Arc::clone(&seen);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                answer(stream, &counts);
            }
        });
        (base, seen)
    }

    fn answer(mut stream: TcpStream, seen: &Mutex<BTreeMap<String, usize>>) {
        let Ok(clone) = stream.try_clone() else {
            return;
        };
        let mut reader = BufReader::new(clone);
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).is_err() {
            return;
        }
        let mut line = String::new();
        while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
            line.clear();
        }
        let path = request_line.split(' ').nth(1).unwrap_or("/").to_owned();
        *seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(path.clone())
            .or_default() += 1;
        let file = PathBuf::from("../wsdl").join(path.trim_start_matches('/'));
        let response = match std::fs::read(&file) {
            Ok(body) if !path.contains("..") => {
                let mut head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                )
                .into_bytes();
                head.extend(body);
                head
            }
            _ => {
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec()
            }
        };
        let _ = stream.write_all(&response);
    }

    #[test]
    fn a_url_is_read_with_its_imports_and_watched_by_no_file() {
        let (base, seen) = serve_wsdl_dir();
        let dir = out_dir("url");
        let url = format!("{base}/fixtures/imports/service.wsdl");
        let compiled = Builder::new().out_dir(&dir).compile(&[&url]).unwrap();
        assert_eq!(compiled.files, [dir.join("service.rs")]);
        assert_eq!(compiled.documents.len(), 6, "{:?}", compiled.documents);
        assert!(compiled.documents.iter().all(|d| d.starts_with(&base)));
        assert!(
            compiled.rerun_if_changed().is_empty(),
            "a URL is not a file to watch"
        );
        let counts = seen.lock().unwrap().clone();
        assert_eq!(counts.len(), 6, "{counts:?}");
        assert!(
            counts.values().all(|&n| n == 1),
            "each fetched once: {counts:?}"
        );
        let from_file = out_dir("url_as_file");
        Builder::new()
            .out_dir(&from_file)
            .compile(&[IMPORTS])
            .unwrap();
        let by_url = std::fs::read_to_string(dir.join("service.rs")).unwrap();
        let by_file = std::fs::read_to_string(from_file.join("service.rs")).unwrap();
        assert_eq!(
            by_url.replace(&format!("{base}/"), "../wsdl/"),
            by_file,
            "the same module, but for where the WSDL came from"
        );

        let error = Builder::new()
            .out_dir(out_dir("url_missing"))
            .compile(&[format!("{base}/fixtures/none.wsdl")])
            .unwrap_err()
            .to_string();
        assert!(error.contains("404"), "{error}");
    }
}
