//! The generator's WSDL reader: bytes as a single WSDL document (imports are not followed).

use wsdl_codegen::{Options, Source};

/// Reads `data` as a WSDL and generates a module from it; strict first, then lenient when
/// strict generation fails (lenient mode reaches the code that lists unsupported constructs).
pub fn run(data: &[u8]) {
    let _ = wsdl_codegen::read("fuzz.wsdl", data);
    let source = Source {
        module: "fuzz".to_owned(),
        file: "fuzz.wsdl".to_owned(),
        text: data.to_vec(),
    };
    if wsdl_codegen::generate_module(&source, &Options::default()).is_err() {
        let lenient = Options {
            lenient: true,
            ..Options::default()
        };
        let _ = wsdl_codegen::generate_module(&source, &lenient);
    }
}
