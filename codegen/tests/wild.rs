//! What WSDLs met in the wild need beyond the feature fixtures: warnings for operations
//! that have no SOAP/HTTP meaning, strict and lenient handling of broken references inside
//! a binding, and well-known namespaces that are never fetched.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use std::path::{Path, PathBuf};

use wsdl_codegen::{
    Diagnostic, FsLoader, LoadError, Loader, ModuleReport, Options, Severity, Source,
    generate_module_report,
};

fn wsdl_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../wsdl")
}

fn source(relative: &str) -> Source {
    Source {
        module: "fixture".to_owned(),
        file: relative.to_owned(),
        text: std::fs::read(wsdl_dir().join(relative)).unwrap(),
    }
}

/// The text of each diagnostic of `severity`, in order.
fn texts(diagnostics: &[Diagnostic], severity: Severity) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .map(ToString::to_string)
        .collect()
}

fn generate(relative: &str, lenient: bool) -> Result<ModuleReport, wsdl_codegen::Error> {
    let options = Options {
        lenient,
        ..Options::default()
    };
    generate_module_report(&source(relative), &options, &mut FsLoader::new(wsdl_dir()))
}

#[test]
fn notifications_and_solicit_responses_are_left_out_with_a_warning() {
    let file = "fixtures/notifications/service.wsdl";
    for lenient in [false, true] {
        let report = generate(file, lenient).unwrap();
        assert_eq!(report.operations, 2, "Subscribe and Unsubscribe");
        assert_eq!(
            texts(&report.diagnostics, Severity::Warning),
            [
                format!(
                    "{file}: /wsdl:definitions/wsdl:portType[@name='Ticker']/wsdl:operation[@name='PriceChanged']: operation PriceChanged skipped: a notification (output without input) has no meaning over SOAP/HTTP"
                ),
                format!(
                    "{file}: /wsdl:definitions/wsdl:portType[@name='Ticker']/wsdl:operation[@name='Poll']: operation Poll skipped: a solicit-response (output before input) has no meaning over SOAP/HTTP"
                ),
            ]
        );
        assert!(texts(&report.diagnostics, Severity::Skipped).is_empty());
        let first = &report.diagnostics[0];
        assert_eq!(
            (first.file.as_str(), first.construct.as_str()),
            (file, "operation")
        );
        assert!(!report.code.contains("price_changed"));
        assert!(!report.code.contains("fn poll("));
    }
}

#[test]
fn lenient_mode_leaves_out_a_binding_operation_without_a_port_type_operation() {
    let file = "fixtures/errors/dangling_binding_operation.wsdl";
    let strict = generate(file, false).unwrap_err().to_string();
    assert_eq!(
        strict,
        format!(
            "{file}: /wsdl:definitions/wsdl:binding[@name='BasicHttpBinding_PaymentService']/wsdl:operation[@name='Refund']: port type operation {{http://fixtures.example.com/errors/dangling_binding_operation}}Refund is not defined"
        )
    );
    let report = generate(file, true).unwrap();
    assert_eq!(
        texts(&report.diagnostics, Severity::Skipped),
        [format!("{strict} (operation Refund left out)")]
    );
    let skipped = &report.diagnostics[0];
    assert_eq!(skipped.construct, "port type operation");
    assert_eq!(
        skipped.path,
        "/wsdl:definitions/wsdl:binding[@name='BasicHttpBinding_PaymentService']/wsdl:operation[@name='Refund']"
    );
    assert_eq!(report.operations, 1);
    assert!(report.code.contains("fn pay("), "Pay is generated");
    assert!(!report.code.contains("fn refund("));
}

#[test]
fn lenient_mode_leaves_out_a_header_naming_a_missing_message() {
    let file = "fixtures/errors/dangling_header_message.wsdl";
    let strict = generate(file, false).unwrap_err().to_string();
    assert_eq!(
        strict,
        format!(
            "{file}: /wsdl:definitions/wsdl:binding[@name='BasicHttpBinding_PaymentService']/wsdl:operation[@name='Pay']/wsdl:input/soap:header: message {{http://fixtures.example.com/errors/dangling_header_message}}AuthenticationHeader is not defined"
        )
    );
    let report = generate(file, true).unwrap();
    assert_eq!(
        texts(&report.diagnostics, Severity::Skipped),
        [format!(
            "{strict} (header Ticket of operation Pay left out)"
        )]
    );
    assert_eq!(report.diagnostics[0].construct, "message");
    assert_eq!(report.operations, 1);
    assert!(report.code.contains("fn pay("), "Pay is generated");
    assert!(
        report.code.contains("request: __rt::Request<Pay, ()>"),
        "without the header"
    );
}

/// A loader that records every location asked for.
struct Recording {
    inner: FsLoader,
    asked: Vec<String>,
}

impl Loader for Recording {
    fn load(&mut self, base: &str, location: &str) -> Result<(String, Vec<u8>), LoadError> {
        self.asked.push(location.to_owned());
        self.inner.load(base, location)
    }
}

#[test]
fn well_known_namespaces_are_built_in_and_never_fetched() {
    let mut loader = Recording {
        inner: FsLoader::new(wsdl_dir()),
        asked: Vec::new(),
    };
    let report = generate_module_report(
        &source("fixtures/well_known_imports/service.wsdl"),
        &Options::default(),
        &mut loader,
    )
    .unwrap();
    assert!(loader.asked.is_empty(), "{:?}", loader.asked);
    assert!(
        report
            .code
            .contains("pub stars: ::core::option::Option<i32>,")
    );
    assert!(
        report
            .code
            .contains("pub attachment: ::core::option::Option<::std::vec::Vec<u8>>,")
    );
}

#[test]
fn a_schema_reached_twice_is_fetched_and_read_once() {
    let mut loader = Recording {
        inner: FsLoader::new(wsdl_dir()),
        asked: Vec::new(),
    };
    let report = generate_module_report(
        &source("fixtures/schema_twice/service.wsdl"),
        &Options::default(),
        &mut loader,
    )
    .unwrap();
    let mut asked = loader.asked.clone();
    asked.sort();
    assert_eq!(asked, ["types/common.xsd", "types/label.xsd"]);
    assert_eq!(report.code.matches("pub struct Address {").count(), 1);
    // The chameleon include is read for each including namespace.
    assert!(report.code.contains("pub struct Label {"));
    assert!(report.code.contains("pub struct Label2 {"));
}

#[test]
fn a_label_need_not_be_an_ncname_but_a_referenced_name_must() {
    let report = generate("fixtures/labels/service.wsdl", false).unwrap();
    assert_eq!(report.operations, 1);
    let text = String::from_utf8(source("fixtures/labels/service.wsdl").text).unwrap();
    let bad = text.replace(
        r#"<wsdl:message name="EchoRequest">"#,
        r#"<wsdl:message name="urn:EchoRequest">"#,
    );
    let error = wsdl_codegen::generate_module(
        &Source {
            module: "labels".into(),
            file: "labels.wsdl".into(),
            text: bad.into_bytes(),
        },
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "labels.wsdl: /wsdl:definitions/wsdl:message[@name='urn:EchoRequest']: `urn:EchoRequest` is not a valid name (an XML name without a colon)"
    );
}

#[test]
fn a_missing_import_is_a_typed_load_error_naming_the_import() {
    let file = "fixtures/errors/dangling_import.wsdl";
    let error = generate(file, false).unwrap_err();
    let wsdl_codegen::Error::Model(wsdl_codegen::error::ModelError::Load {
        file: referrer,
        path,
        location,
        reason,
    }) = error
    else {
        panic!("expected a load error, got {error:?}");
    };
    assert_eq!(referrer, file);
    assert_eq!(path, "/wsdl:definitions/wsdl:import");
    assert_eq!(location, "messages/missing.wsdl");
    assert!(
        matches!(
            *reason,
            LoadError::Io {
                kind: std::io::ErrorKind::NotFound,
                ..
            }
        ),
        "{reason:?}"
    );
}

#[test]
fn a_url_given_to_the_file_loader_is_refused_as_such() {
    let error = FsLoader::new(wsdl_dir())
        .load("service.wsdl", "http://127.0.0.1:9/types.xsd")
        .unwrap_err();
    assert_eq!(error, LoadError::FilesOnly);
}
