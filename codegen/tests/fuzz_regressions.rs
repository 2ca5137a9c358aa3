//! Inputs found while fuzzing the WSDL reader (`fuzz/`, target `wsdl_reader`), read from
//! `fuzz/corpus/wsdl_reader/`. Each must give an error that says what is wrong, never a panic
//! or a crash.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use std::path::Path;

use wsdl_codegen::{Options, Source};

/// The regression input `name` of the `wsdl_reader` target.
fn regression_input(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus/wsdl_reader")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// Finding 2 (wsdl_reader): `parse_document` handed any document to `xmltree::Element::parse`,
// which builds the tree recursively, one stack frame per nesting level and without a limit:
// 6,000 unclosed levels (an 18 kB document) overflowed the stack and aborted the process.
// Documents nested deeper than 256 levels are now refused (`codegen/src/model/parse.rs`,
// which builds the tree without recursion; `codegen/tests/nesting.rs` tests the limit).

/// 6,000 unclosed levels: `regression-deep-nesting.wsdl`. Reading it, and generating from it
/// strictly and leniently (as the fuzz target does), all fail with the nesting limit.
#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let text = regression_input("regression-deep-nesting.wsdl");
    let read = wsdl_codegen::read("deep.wsdl", &text)
        .err()
        .unwrap()
        .to_string();
    let source = Source {
        module: "fuzz".to_owned(),
        file: "deep.wsdl".to_owned(),
        text,
    };
    let strict = wsdl_codegen::generate_module(&source, &Options::default());
    let lenient = Options {
        lenient: true,
        ..Options::default()
    };
    let lenient = wsdl_codegen::generate_module(&source, &lenient);
    for message in [
        read,
        strict.unwrap_err().to_string(),
        lenient.unwrap_err().to_string(),
    ] {
        assert!(message.contains("deep.wsdl"), "{message}");
        assert!(
            message.contains("nested deeper than the limit of 256"),
            "{message}"
        );
    }
}
