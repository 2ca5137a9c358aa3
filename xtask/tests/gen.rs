//! `cargo xtask gen` end to end: the real binary generates standalone crates from fixture
//! WSDLs (by path, and over HTTP from a small server in the test, which counts what it is
//! asked for), and `cargo check --offline` with `-D warnings` accepts every one of them.
//! Unsupported constructs fail with the file, the element path and the construct, unless
//! `--lenient`, which generates the rest and lists what it skipped.
//!
//! Several WSDLs (`wsdl/fixtures/several/`) make one crate with a module and a feature each:
//! the types they define identically are in `common.rs`, gated by the features of the modules
//! that use them; a conflicting definition stays in each module, with everything that refers
//! to it; every module compiles alone.
//!
//! The generated crates are written under `target/gen-tests/` and checked with the shared
//! `CARGO_TARGET_DIR` `target/gen-check/`, so the runtime and its dependencies are built once.
//!
//! Longer than 600 lines: each test drives the one built binary through a whole `gen` and
//! `cargo check`, and they share its server, paths and helpers; split, each file would
//! rebuild the same set-up.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

/// The repository root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is inside the repository")
        .to_path_buf()
}

/// An empty directory `target/gen-tests/<name>`.
fn fresh_dir(name: &str) -> PathBuf {
    let dir = root().join("target/gen-tests").join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    dir
}

/// Runs `xtask gen` with `args` from the repository root.
fn xtask_gen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("gen")
        .args(args)
        .current_dir(root())
        .env("NO_PROXY", "127.0.0.1")
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .output()
        .unwrap()
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `xtask gen`, which must succeed; returns its stderr.
fn generate(args: &[&str]) -> String {
    let output = xtask_gen(args);
    let stderr = stderr_of(&output);
    assert!(
        output.status.success(),
        "xtask gen {args:?} failed:\n{stderr}"
    );
    stderr
}

/// The counts of the summary line `N documents read, T types, O operations, generated in
/// X ms`.
fn summary(stderr: &str) -> (usize, usize, usize) {
    let line = stderr
        .lines()
        .find(|l| l.contains(" documents read, "))
        .unwrap_or_else(|| panic!("no summary line in:\n{stderr}"));
    let numbers: Vec<f64> = line
        .split([' ', ','])
        .filter_map(|word| word.parse().ok())
        .collect();
    let [documents, types, operations, millis] = numbers.as_slice() else {
        panic!("unexpected summary line {line:?}");
    };
    assert!(
        line.ends_with(" ms") && *millis >= 0.0,
        "no time in {line:?}"
    );
    (*documents as usize, *types as usize, *operations as usize)
}

/// `cargo check --offline` of the crate in `dir` with warnings denied, sharing
/// `target/gen-check`.
fn cargo_check(dir: &Path) {
    cargo_check_with(dir, &[]);
}

/// [`cargo_check`] with more arguments (features).
fn cargo_check_with(dir: &Path, args: &[&str]) {
    let output = cargo_check_output(dir, args);
    assert!(
        output.status.success(),
        "cargo check {args:?} of {} failed:\n{}",
        dir.display(),
        stderr_of(&output)
    );
}

/// Runs `cargo check --offline` of the crate in `dir`, sharing `target/gen-check`, with the
/// workspace's lock file (it pins the versions already in the local registry cache).
fn cargo_check_output(dir: &Path, args: &[&str]) -> Output {
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    Command::new(cargo)
        .args(["check", "--offline", "--quiet"])
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", root().join("target/gen-check"))
        .env("RUSTFLAGS", "-Dwarnings")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .output()
        .unwrap()
}

#[test]
fn a_crate_generated_for_another_runtime_contract_fails_to_compile_saying_so() {
    let out = fresh_dir("contract/generated");
    generate(&[
        "--wsdl",
        "wsdl/fixtures/primitives/service.wsdl",
        "--out",
        out.to_str().unwrap(),
        "--crate-name",
        "contract-client",
    ]);
    // A runtime that is the real one in everything but its contract version.
    let runtime = fresh_dir("contract/runtime");
    std::fs::create_dir_all(runtime.join("src")).unwrap();
    std::fs::write(
        runtime.join("Cargo.toml"),
        format!(
            "[package]\nname = \"other-runtime\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
             [dependencies]\nreal = {{ package = \"soap-runtime\", path = {:?} }}\n",
            root().join("runtime").display().to_string()
        ),
    )
    .unwrap();
    std::fs::write(
        runtime.join("src/lib.rs"),
        "//! The real runtime under another contract version.\n\
         pub mod __codegen {\n    pub use real::__codegen::*;\n    pub const CONTRACT: u32 = 0;\n}\n",
    )
    .unwrap();
    let manifest_path = out.join("Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest_path).unwrap();
    let (dependency, _) = manifest
        .lines()
        .find_map(|line| line.starts_with("soap-runtime =").then_some((line, ())))
        .unwrap_or_else(|| panic!("no soap-runtime dependency in:\n{manifest}"));
    let manifest = manifest.replace(
        dependency,
        "soap-runtime = { package = \"other-runtime\", path = \"../runtime\" }",
    );
    std::fs::write(&manifest_path, manifest).unwrap();

    let output = cargo_check_output(&out, &[]);
    let stderr = stderr_of(&output);
    assert!(
        !output.status.success(),
        "checked against contract 0:\n{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "this code was generated for version {} of soap-runtime's code generation contract",
            wsdl_codegen::RUNTIME_CONTRACT
        )),
        "no contract message in:\n{stderr}"
    );
    // Nothing else fails: generated code names nothing of the runtime outside `__codegen`.
    assert_eq!(
        stderr.matches("error[").count(),
        1,
        "other errors too:\n{stderr}"
    );
}

#[test]
fn a_fixture_path_generates_a_crate_that_checks_without_warnings() {
    let out = fresh_dir("services_and_bindings");
    let wsdl = "wsdl/fixtures/services_and_bindings/service.wsdl";
    let stderr = generate(&[
        "--wsdl",
        wsdl,
        "--out",
        out.to_str().unwrap(),
        "--crate-name",
        "warehouse-client",
    ]);
    assert!(
        stderr.contains(&format!("read {wsdl} (")),
        "files read:\n{stderr}"
    );
    assert_eq!(summary(&stderr), (1, 9, 9), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "warning: {wsdl}: /wsdl:definitions/wsdl:binding[@name='InventoryHttp']: binding InventoryHttp skipped: not a SOAP binding"
        )),
        "the HTTP binding is skipped with a warning:\n{stderr}"
    );
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("name = \"warehouse-client\""),
        "{manifest}"
    );
    // target/gen-tests/services_and_bindings reaches runtime/ by a relative path: the crate
    // names nothing of the machine that generated it.
    assert!(
        manifest.contains("\nsoap-runtime = { path = \"../../../runtime\" }\n"),
        "{manifest}"
    );
    assert!(
        !manifest.contains(root().to_str().unwrap()),
        "no absolute path: {manifest}"
    );
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(
        lib.starts_with("// @generated by cargo xtask gen. Do not edit."),
        "{}",
        &lib[..lib.len().min(200)]
    );
    for item in [
        "pub trait InventorySoap:",
        "pub trait InventorySoap12:",
        "pub struct InventorySoap12Client",
        "pub struct InventorySoap12Server",
        "pub trait Audit:",
    ] {
        assert!(lib.contains(item), "{item} missing");
    }
    cargo_check(&out);
}

#[test]
fn runtime_version_makes_the_crate_depend_on_a_published_runtime() {
    let out = fresh_dir("runtime_version");
    generate(&[
        "--wsdl",
        "wsdl/fixtures/sequence/service.wsdl",
        "--out",
        out.to_str().unwrap(),
        "--runtime-version",
        "0.1.0",
    ]);
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("\nsoap-runtime = \"0.1.0\"\n"),
        "{manifest}"
    );
    assert!(!manifest.contains("path ="), "{manifest}");
}

#[test]
fn the_http_binding_warning_is_reported_by_the_library() {
    let file = "fixtures/services_and_bindings/service.wsdl";
    let source = wsdl_codegen::Source {
        module: "warehouse".into(),
        file: file.into(),
        text: std::fs::read(root().join("wsdl").join(file)).unwrap(),
    };
    let report = wsdl_codegen::generate_module_report(
        &source,
        &wsdl_codegen::Options::default(),
        &mut wsdl_codegen::NoImports,
    )
    .unwrap();
    let warning = wsdl_codegen::Diagnostic {
        severity: wsdl_codegen::Severity::Warning,
        file: file.to_owned(),
        path: "/wsdl:definitions/wsdl:binding[@name='InventoryHttp']".to_owned(),
        construct: "binding".to_owned(),
        message: "binding InventoryHttp skipped: not a SOAP binding".to_owned(),
    };
    assert_eq!(report.diagnostics, [warning]);
    // get-item, 2ndTry, Self and notify twice (SOAP 1.1 and 1.2), and Log.
    assert_eq!(report.operations, 9);
    assert!(
        !report.code.contains("InventoryHttp"),
        "no code for the HTTP binding"
    );
}

/// Serves the files under `wsdl/fixtures` over HTTP on 127.0.0.1, one request per
/// connection, counting the requests per path.
fn serve_fixtures() -> (String, Arc<Mutex<BTreeMap<String, usize>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let counts = Arc::new(Mutex::new(BTreeMap::new()));
    let seen = Arc::clone(&counts);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let seen = Arc::clone(&seen);
            std::thread::spawn(move || answer(stream, &seen));
        }
    });
    (base, counts)
}

fn answer(stream: TcpStream, seen: &Mutex<BTreeMap<String, usize>>) {
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header.trim().is_empty() => break,
            Ok(_) => {}
        }
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_owned();
    *seen
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(path.clone())
        .or_default() += 1;
    let file = root()
        .join("wsdl/fixtures")
        .join(path.trim_start_matches('/'));
    let inside = !path.contains("..");
    let (status, body) = match std::fs::read(&file) {
        Ok(body) if inside => ("200 OK", body),
        _ => ("404 Not Found", b"not found\n".to_vec()),
    };
    let mut stream = &stream;
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
    let _ = stream.flush();
}

#[test]
fn a_url_is_generated_with_its_imports_fetched_once_each_over_http() {
    let (base, counts) = serve_fixtures();
    let out = fresh_dir("imports_over_http");
    let url = format!("{base}/imports/service.wsdl");
    let stderr = generate(&["--wsdl", &url, "--out", out.to_str().unwrap()]);
    let expected: BTreeMap<String, usize> = [
        "/imports/service.wsdl",
        "/imports/messages.wsdl",
        "/imports/types/common.xsd",
        "/imports/types/parcel.xsd",
        "/imports/types/label.xsd",
        "/imports/types/customs.xsd",
    ]
    .into_iter()
    .map(|path| (path.to_owned(), 1))
    .collect();
    assert_eq!(
        *counts.lock().unwrap_or_else(|e| e.into_inner()),
        expected,
        "each document is fetched once:\n{stderr}"
    );
    for path in expected.keys() {
        assert!(
            stderr.contains(&format!("read {base}{path} (")),
            "{path} not reported:\n{stderr}"
        );
    }
    assert_eq!(summary(&stderr), (6, 9, 1), "{stderr}");
    // The crate is named after the WSDL's file name.
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"service\""), "{manifest}");
    assert!(
        manifest.contains(&format!("generated from {url}")),
        "{manifest}"
    );
    cargo_check(&out);

    // A missing import fails the generation, naming the document, the import and the reason.
    let out = fresh_dir("dangling_import_over_http");
    let url = format!("{base}/errors/dangling_import.wsdl");
    let output = xtask_gen(&["--wsdl", &url, "--out", out.to_str().unwrap()]);
    let stderr = stderr_of(&output);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: {url}: /wsdl:definitions/wsdl:import: cannot load \"messages/missing.wsdl\""
        )),
        "{stderr}"
    );
    assert!(stderr.contains("404"), "{stderr}");
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn every_fixture_generates_a_crate_that_checks_without_warnings() {
    let all = fresh_dir("every_fixture");
    let check = all.join("check");
    std::fs::create_dir_all(&check).unwrap();
    let mut cases: Vec<String> = std::fs::read_dir(root().join("wsdl/fixtures"))
        .unwrap()
        .flatten()
        .filter(|entry| entry.path().join("service.wsdl").exists())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    assert!(cases.len() >= 25, "fixture cases: {cases:?}");
    let mut dependencies = String::new();
    for case in &cases {
        let wsdl = format!("wsdl/fixtures/{case}/service.wsdl");
        let name = format!("fixture-{}", case.replace('_', "-"));
        let out = all.join("crates").join(case);
        let stderr = generate(&[
            "--wsdl",
            &wsdl,
            "--out",
            out.to_str().unwrap(),
            "--crate-name",
            &name,
        ]);
        let (documents, types, operations) = summary(&stderr);
        assert!(
            documents >= 1 && types >= 1 && operations >= 1,
            "{case}: {stderr}"
        );
        assert!(
            !stderr.lines().any(|line| line.starts_with("skipped: ")),
            "{case}: {stderr}"
        );
        let path = format!("../crates/{case}");
        dependencies.push_str(&format!("{name} = {{ path = {path:?} }}\n"));
    }
    // One crate depending on all of them: one `cargo check` checks every one, with warnings
    // denied (they are path dependencies, so their lints are not capped). They sit beside it,
    // not inside it, so they are not members of its workspace.
    std::fs::write(
        check.join("Cargo.toml"),
        format!(
            "[package]\nname = \"every-fixture\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n[workspace]\n\n[lib]\npath = \"lib.rs\"\n\n[dependencies]\n{dependencies}"
        ),
    )
    .unwrap();
    std::fs::write(
        check.join("lib.rs"),
        "//! Depends on every generated fixture crate.\n",
    )
    .unwrap();
    cargo_check(&check);
}

#[test]
fn an_unsupported_construct_fails_naming_file_path_and_construct() {
    let out = fresh_dir("wildcard_in_group");
    let wsdl = "wsdl/fixtures/errors/wildcard_in_group.wsdl";
    let output = xtask_gen(&["--wsdl", wsdl, "--out", out.to_str().unwrap()]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: {wsdl}: /wsdl:definitions/wsdl:types/xs:schema/xs:complexType[@name='Payment']/xs:choice/xs:sequence: unsupported construct xs:any inside a repeated xs:sequence or a sequence inside xs:choice"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(!out.exists(), "nothing is written");

    let wsdl = "wsdl/fixtures/errors/redefine.wsdl";
    let output = xtask_gen(&["--wsdl", wsdl, "--out", out.to_str().unwrap()]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: {wsdl}: /wsdl:definitions/wsdl:types/xs:schema/xs:redefine: unsupported construct xs:redefine"
        )),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn lenient_generates_the_rest_and_lists_what_it_skipped() {
    let out = fresh_dir("lenient");
    let stderr = generate(&[
        "--wsdl",
        "wsdl/fixtures/errors/wildcard_in_group.wsdl",
        "--out",
        out.to_str().unwrap(),
        "--lenient",
    ]);
    let skipped: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("skipped: "))
        .collect();
    assert_eq!(
        skipped,
        [
            "skipped: wsdl/fixtures/errors/wildcard_in_group.wsdl: /wsdl:definitions/wsdl:types/xs:schema/xs:complexType[@name='Payment']/xs:choice/xs:sequence: unsupported construct xs:any inside a repeated xs:sequence or a sequence inside xs:choice (it would take the elements that follow the group) (kept as raw XML)"
        ],
        "{stderr}"
    );
    // Four types: the group struct the sequence was to become stays, empty and unused.
    assert_eq!(summary(&stderr), (1, 4, 1), "{stderr}");
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    // The type is kept as raw XML; the operation around it is generated.
    assert!(
        lib.contains("pub content: __rt::AnyXml,"),
        "Payment as raw XML"
    );
    assert!(
        lib.contains("pub trait PaymentService"),
        "the operation is generated"
    );

    // An unsupported schema element is left out; the type of the same name is generated.
    let redefine = fresh_dir("lenient_redefine");
    let stderr = generate(&[
        "--wsdl",
        "wsdl/fixtures/errors/redefine.wsdl",
        "--out",
        redefine.to_str().unwrap(),
        "--lenient",
    ]);
    assert!(
        stderr.contains("skipped: wsdl/fixtures/errors/redefine.wsdl: /wsdl:definitions/wsdl:types/xs:schema/xs:redefine: unsupported construct xs:redefine"),
        "{stderr}"
    );
    let lib = std::fs::read_to_string(redefine.join("src/lib.rs")).unwrap();
    assert!(lib.contains("pub struct Payment {"), "Payment generated");
    assert!(
        lib.contains("pub iban: "),
        "Payment generated from the schema"
    );
    cargo_check(&out);
    cargo_check(&redefine);
}

/// A binding operation with no port type operation: strict mode stops naming the file, the
/// element path and the missing name, and writes nothing; `--lenient` leaves out just that
/// operation, says so, and writes a crate that compiles.
#[test]
fn a_broken_binding_reference_fails_strict_and_is_left_out_with_lenient() {
    let wsdl = "wsdl/fixtures/errors/dangling_binding_operation.wsdl";
    let error = format!(
        "{wsdl}: /wsdl:definitions/wsdl:binding[@name='BasicHttpBinding_PaymentService']/wsdl:operation[@name='Refund']: port type operation {{http://fixtures.example.com/errors/dangling_binding_operation}}Refund is not defined"
    );
    let out = fresh_dir("broken_binding_strict");
    let output = xtask_gen(&["--wsdl", wsdl, "--out", out.to_str().unwrap()]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("error: {error}")), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(!out.exists(), "nothing is written");

    let out = fresh_dir("broken_binding_lenient");
    let stderr = generate(&["--wsdl", wsdl, "--out", out.to_str().unwrap(), "--lenient"]);
    let skipped: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("skipped: "))
        .collect();
    assert_eq!(
        skipped,
        [format!("skipped: {error} (operation Refund left out)")],
        "{stderr}"
    );
    assert_eq!(summary(&stderr).2, 1, "one operation: {stderr}");
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(lib.contains("fn pay("), "Pay is generated");
    assert!(!lib.contains("fn refund("), "Refund is left out");
    cargo_check(&out);
}

#[test]
fn an_rpc_wsdl_of_built_in_part_types_needs_no_schema() {
    let text =
        std::fs::read_to_string(root().join("wsdl/fixtures/rpc_literal/service.wsdl")).unwrap();
    let start = text.find("  <wsdl:types>").unwrap();
    let end = text.find("</wsdl:types>").unwrap() + "</wsdl:types>\n".len();
    let text = format!("{}{}", &text[..start], &text[end..])
        .replace("<wsdl:part name=\"type\" type=\"t:Rounding\" />", "")
        .replace("<wsdl:part name=\"origin\" type=\"t:Point\" />", "")
        .replace("<wsdl:part name=\"trace\" element=\"t:Trace\" />", "");
    assert!(!text.contains("wsdl:types"));
    let source = wsdl_codegen::Source {
        module: "calculator".into(),
        file: "calculator.wsdl".into(),
        text: text.into_bytes(),
    };
    let report = wsdl_codegen::generate_module_report(
        &source,
        &wsdl_codegen::Options::default(),
        &mut wsdl_codegen::NoImports,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.operations, 2);
    assert!(
        report.code.contains("pub struct AddRequest {"),
        "{}",
        report.code
    );
    assert!(report.code.contains("pub a: i32,"), "{}", report.code);
    assert!(report.code.contains("pub sum: i64,"), "{}", report.code);
}

/// Counts what a loader is asked to load.
struct Counting {
    inner: wsdl_codegen::FsLoader,
    loads: BTreeMap<String, usize>,
}

impl wsdl_codegen::Loader for Counting {
    fn load(
        &mut self,
        base: &str,
        location: &str,
    ) -> Result<(String, Vec<u8>), wsdl_codegen::LoadError> {
        let (resolved, bytes) = self.inner.load(base, location)?;
        *self.loads.entry(resolved.clone()).or_default() += 1;
        Ok((resolved, bytes))
    }
}

#[test]
fn the_library_loads_each_imported_document_once() {
    // common.xsd is referenced three times, from three documents, by three different paths.
    let file = "fixtures/imports/service.wsdl";
    let source = wsdl_codegen::Source {
        module: "shipping".into(),
        file: file.into(),
        text: std::fs::read(root().join("wsdl").join(file)).unwrap(),
    };
    let mut loader = Counting {
        inner: wsdl_codegen::FsLoader::new(root().join("wsdl")),
        loads: BTreeMap::new(),
    };
    let report = wsdl_codegen::generate_module_report(
        &source,
        &wsdl_codegen::Options::default(),
        &mut loader,
    )
    .unwrap();
    let expected: BTreeMap<String, usize> = [
        "fixtures/imports/messages.wsdl",
        "fixtures/imports/types/common.xsd",
        "fixtures/imports/types/customs.xsd",
        "fixtures/imports/types/label.xsd",
        "fixtures/imports/types/parcel.xsd",
    ]
    .into_iter()
    .map(|path| (path.to_owned(), 1))
    .collect();
    assert_eq!(loader.loads, expected);
    assert_eq!((report.types, report.operations), (9, 1));
}

/// The three WSDLs of `wsdl/fixtures/several` (see its README), in the order given to `gen`.
const SEVERAL: [&str; 3] = [
    "wsdl/fixtures/several/alpha.wsdl",
    "wsdl/fixtures/several/beta.wsdl",
    "wsdl/fixtures/several/more/gamma.wsdl",
];

/// The attribute and documentation lines right above `item` (such as `pub struct Money {`),
/// which must occur in `code` exactly once.
fn attributes_of<'c>(code: &'c str, file: &str, item: &str) -> Vec<&'c str> {
    let lines: Vec<&str> = code.lines().collect();
    let at: Vec<usize> = (0..lines.len()).filter(|&i| lines[i] == item).collect();
    assert_eq!(at.len(), 1, "`{item}` should be in {file} once:\n{code}");
    lines[..at[0]]
        .iter()
        .rev()
        .take_while(|line| line.starts_with("#[") || line.starts_with("///"))
        .copied()
        .collect()
}

/// The `#[cfg(…)]` gate of `item` in `code`, if it has one.
fn gate_of<'c>(code: &'c str, file: &str, item: &str) -> Option<&'c str> {
    attributes_of(code, file, item)
        .into_iter()
        .find(|line| line.starts_with("#[cfg("))
}

fn read_generated(out: &Path, file: &str) -> String {
    std::fs::read_to_string(out.join("src").join(file))
        .unwrap_or_else(|e| panic!("{file} was not generated: {e}"))
}

#[test]
fn several_wsdls_generate_one_crate_with_a_module_and_a_feature_each() {
    let out = fresh_dir("several");
    let stderr = generate(&[
        "--wsdl",
        SEVERAL[0],
        "--wsdl",
        SEVERAL[1],
        "--wsdl",
        SEVERAL[2],
        "--out",
        out.to_str().unwrap(),
    ]);
    // alpha.wsdl and more/gamma.wsdl include types/audit.xsd by different relative paths.
    let audit = "wsdl/fixtures/several/types/audit.xsd";
    for document in SEVERAL.iter().chain([&audit]) {
        assert_eq!(
            stderr.matches(&format!("read {document} (")).count(),
            1,
            "{document} is read once:\n{stderr}"
        );
    }
    let (documents, types, operations) = summary(&stderr);
    assert_eq!((documents, operations), (4, 3 + 4 + 2), "{stderr}");
    assert!(types > 0, "{stderr}");
    for (module, wsdl) in ["alpha", "beta", "gamma"].into_iter().zip(SEVERAL) {
        assert!(
            stderr.contains(&format!("module {module} (feature {module}) from {wsdl}: ")),
            "{stderr}"
        );
    }

    // The package is named after the crate directory; a feature per module, all by default.
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.starts_with("# @generated by cargo xtask gen. Do not edit."),
        "{manifest}"
    );
    assert!(manifest.contains("name = \"several\"\n"), "{manifest}");
    let features = manifest.split("[features]\n").nth(1).unwrap_or_default();
    assert_eq!(
        features,
        "default = [\"full\"]\n## Every module.\nfull = [\"alpha\", \"beta\", \"gamma\"]\n\
         ## The `alpha` module, from `wsdl/fixtures/several/alpha.wsdl`.\nalpha = []\n\
         ## The `beta` module, from `wsdl/fixtures/several/beta.wsdl`.\nbeta = []\n\
         ## The `gamma` module, from `wsdl/fixtures/several/more/gamma.wsdl`.\ngamma = []\n"
    );

    let lib = read_generated(&out, "lib.rs");
    assert!(
        lib.starts_with("// @generated by cargo xtask gen. Do not edit."),
        "{lib}"
    );
    assert!(
        lib.contains("\n#[rustfmt::skip]\npub mod common;\n"),
        "{lib}"
    );
    for module in ["alpha", "beta", "gamma"] {
        assert!(
            lib.contains(&format!(
                "\n#[cfg(feature = \"{module}\")]\n#[rustfmt::skip]\npub mod {module};\n"
            )),
            "module {module} behind its feature:\n{lib}"
        );
    }
    assert!(
        lib.contains("pub fn visit_operations("),
        "the operation visitor:\n{lib}"
    );

    let common = read_generated(&out, "common.rs");
    let gate = |item: &str| gate_of(&common, "common.rs", item);
    // Identical in all three (the documentation differs): shared, and never gated.
    assert_eq!(gate("pub struct Money {"), None);
    // Identical where defined, used by two of the three: gated by exactly those two.
    let alpha_gamma = "#[cfg(any(feature = \"alpha\", feature = \"gamma\"))]";
    let alpha_beta = "#[cfg(any(feature = \"alpha\", feature = \"beta\"))]";
    let beta_gamma = "#[cfg(any(feature = \"beta\", feature = \"gamma\"))]";
    assert_eq!(gate("pub struct Tag {"), Some(alpha_gamma));
    assert_eq!(gate("pub struct AuditStamp {"), Some(alpha_gamma));
    assert_eq!(gate("pub struct DeleteResponse {"), Some(alpha_beta));
    assert_eq!(gate("pub struct DeleteAllResponse {"), Some(alpha_beta));
    // A node with children of its own type, identical in beta and gamma: shared.
    assert_eq!(gate("pub struct TreeNode {"), Some(beta_gamma));
    assert_eq!(gate("pub struct GetTreeResponse {"), Some(beta_gamma));
    assert!(
        common.contains("pub children: ::std::vec::Vec<TreeNode>,"),
        "TreeNode refers to itself:\n{common}"
    );
    // Every impl of a gated type carries its gate.
    assert!(
        common.contains(&format!("{beta_gamma}\nimpl __rt::XmlType for TreeNode {{")),
        "{common}"
    );
    // The conflicting wrapper, and what refers to it, are not shared.
    for item in [
        "pub struct Delete {",
        "pub struct DeleteBatch {",
        "pub struct DeleteAll {",
    ] {
        assert!(!common.contains(item), "{item} in common.rs:\n{common}");
    }

    let alpha = read_generated(&out, "alpha.rs");
    let beta = read_generated(&out, "beta.rs");
    let gamma = read_generated(&out, "gamma.rs");
    for (file, code) in [("alpha.rs", &alpha), ("beta.rs", &beta)] {
        for item in [
            "pub struct Delete {",
            "pub struct DeleteBatch {",
            "pub struct DeleteAll {",
        ] {
            // Inside a module the gate is the module's own, in lib.rs.
            assert_eq!(gate_of(code, file, item), None, "{item} in {file}");
        }
    }
    assert!(
        alpha.contains("pub invoice_id: i32,"),
        "alpha's Delete:\n{alpha}"
    );
    assert!(!beta.contains("pub invoice_id"), "beta's Delete:\n{beta}");
    assert!(beta.contains("pub force: bool,"), "beta's Delete:\n{beta}");
    assert!(!gamma.contains("Delete"), "gamma has no Delete:\n{gamma}");
    // Each module re-exports the shared types it uses, and only those.
    let reexports = |code: &str| {
        let start = code.find("pub use crate::common::{").unwrap();
        let end = start + code[start..].find("};").unwrap();
        code[start..end]
            .trim_start_matches("pub use crate::common::{")
            .split(',')
            .map(|name| name.trim().to_owned())
            .filter(|name| !name.is_empty())
            .collect::<std::collections::BTreeSet<String>>()
    };
    let names = |list: &[&str]| list.iter().map(|&n| n.to_owned()).collect();
    assert_eq!(
        reexports(&alpha),
        names(&[
            "AuditStamp",
            "DeleteAllResponse",
            "DeleteResponse",
            "Money",
            "Tag"
        ])
    );
    assert_eq!(
        reexports(&gamma),
        names(&[
            "AuditStamp",
            "GetTree",
            "GetTreeResponse",
            "Money",
            "Tag",
            "TreeNode"
        ])
    );

    // Each module compiles alone, and all of them together, without warnings.
    for module in ["alpha", "beta", "gamma"] {
        cargo_check_with(&out, &["--no-default-features", "--features", module]);
    }
    cargo_check_with(&out, &["--no-default-features"]);
    cargo_check(&out);
}

#[test]
fn several_urls_share_what_they_import_and_name_colliding_modules_apart() {
    let (base, counts) = serve_fixtures();
    let out = fresh_dir("several_over_http");
    let alpha = format!("{base}/several/alpha.wsdl");
    let beta = format!("{base}/several/beta.wsdl");
    let gamma = format!("{base}/several/more/gamma.wsdl");
    // The same alpha again, as a file: a module of its own, `alpha_2`.
    let stderr = generate(&[
        "--wsdl",
        &alpha,
        "--wsdl",
        &beta,
        "--wsdl",
        &gamma,
        "--wsdl",
        SEVERAL[0],
        "--out",
        out.to_str().unwrap(),
        "--crate-name",
        "several-services",
    ]);
    let expected: BTreeMap<String, usize> = [
        "/several/alpha.wsdl",
        "/several/beta.wsdl",
        "/several/more/gamma.wsdl",
        "/several/types/audit.xsd",
    ]
    .into_iter()
    .map(|path| (path.to_owned(), 1))
    .collect();
    assert_eq!(
        *counts.lock().unwrap_or_else(|e| e.into_inner()),
        expected,
        "each document is fetched once:\n{stderr}"
    );
    // Four over HTTP, alpha.wsdl and its audit.xsd from files.
    assert_eq!(summary(&stderr).0, 6, "{stderr}");
    for module in ["alpha", "beta", "gamma", "alpha_2"] {
        assert!(
            out.join("src").join(format!("{module}.rs")).exists(),
            "{module}"
        );
    }
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("name = \"several-services\"\n"),
        "{manifest}"
    );
    assert!(
        manifest.contains("full = [\"alpha\", \"beta\", \"gamma\", \"alpha-2\"]\n"),
        "{manifest}"
    );
    assert!(
        manifest.contains(&format!(
            "## The `alpha_2` module, from `{}`.\nalpha-2 = []\n",
            SEVERAL[0]
        )),
        "{manifest}"
    );
    // alpha_2 defines Delete as alpha does, but beta does not: each module keeps its own.
    let alpha_2 = read_generated(&out, "alpha_2.rs");
    assert!(alpha_2.contains("\npub struct Delete {\n"), "{alpha_2}");
    let common = read_generated(&out, "common.rs");
    assert_eq!(
        gate_of(&common, "common.rs", "pub struct Tag {"),
        Some("#[cfg(any(feature = \"alpha\", feature = \"gamma\", feature = \"alpha-2\"))]")
    );
    cargo_check_with(&out, &["--no-default-features", "--features", "alpha-2"]);
}

#[test]
fn a_name_declared_twice_differently_fails_naming_both_declarations() {
    // Two schema blocks of one namespace in one WSDL.
    let out = fresh_dir("several_duplicate");
    let wsdl = "wsdl/fixtures/several/duplicate.wsdl";
    let output = xtask_gen(&[
        "--wsdl",
        SEVERAL[0],
        "--wsdl",
        wsdl,
        "--out",
        out.to_str().unwrap(),
    ]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: {wsdl}: /wsdl:definitions/wsdl:types/xs:schema[2]/xs:complexType[@name='Money']: \
             type {{http://fixtures.example.com/several}}Money is declared more than once \
             (first declared at {wsdl}: /wsdl:definitions/wsdl:types/xs:schema[1]/xs:complexType[@name='Money'])\n"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(!out.exists(), "nothing is written");

    // A WSDL's schema and the schema it includes: two files.
    let wsdl = "wsdl/fixtures/several/duplicate_include.wsdl";
    let output = xtask_gen(&["--wsdl", wsdl, "--out", out.to_str().unwrap()]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: wsdl/fixtures/several/types/money.xsd: /xs:schema/xs:complexType[@name='Money']: \
             type {{http://fixtures.example.com/several}}Money is declared more than once \
             (first declared at {wsdl}: /wsdl:definitions/wsdl:types/xs:schema/xs:complexType[@name='Money'])\n"
        )),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written");
}
