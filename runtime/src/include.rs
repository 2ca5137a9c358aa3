//! [`include_wsdl!`](crate::include_wsdl): includes a module that `wsdl-codegen`'s builder
//! wrote to `OUT_DIR` from `build.rs`.

/// Includes the module that `wsdl_codegen::configure()` wrote to `OUT_DIR` for a WSDL, by
/// its name without `.rs` (the WSDL's file name in snake_case: `calculator` for
/// `calculator.wsdl`, or the builder's `file_name` without `.rs`), as `tonic::include_proto!`
/// does for tonic-build's output:
///
/// ```text
/// pub mod calculator {
///     soap_runtime::include_wsdl!("calculator");
/// }
/// ```
///
/// is `include!(concat!(env!("OUT_DIR"), "/calculator.rs"));` inside the module.
#[macro_export]
macro_rules! include_wsdl {
    ($name:literal) => {
        ::core::include!(::core::concat!(::core::env!("OUT_DIR"), "/", $name, ".rs"));
    };
}
