//! The options of code generation: runtime path, proptest impls, type attributes, service
//! failure rules.

use super::GENERATED_HEADER;

/// When generated types implement `proptest::arbitrary::Arbitrary`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arbitrary {
    /// Never.
    Off,
    /// When the generated crate's feature of this name is on.
    Feature(String),
    /// Always (the including crate depends on proptest).
    Always,
}

/// How a service reports failures in its response headers (as SuperOffice does): the
/// client turns such a response into `Error::Service`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceFailureRule {
    /// Local name of a boolean response header whose `false` means failure.
    pub success_header: String,
    /// Local name of a response header whose presence means failure; it is carried in the
    /// error.
    pub exception_header: String,
    /// Local name of the exception header's element holding the message.
    pub exception_message: String,
}

/// How to emit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// `Arbitrary` implementations for property tests.
    pub arbitrary: Arbitrary,
    /// The first line of each file.
    pub header: String,
    /// Text values (strings, URIs, bytes) of elements and attributes whose local name is or
    /// ends with one of these (case-insensitively) are shown as `<redacted>` in `Debug` output.
    pub redact: Vec<String>,
    /// `Type/element` paths (a generated struct or header struct, and the local name of one
    /// of its elements or attributes) whose text values are shown as `<redacted>` too; a path
    /// that names no field is an error.
    pub redact_paths: Vec<String>,
    /// The service's convention for reporting failures in headers, if it has one.
    pub service_failure: Option<ServiceFailureRule>,
    /// Generate what is supported and list the rest (`Generated::skipped`) instead of
    /// failing on the first unsupported construct.
    pub lenient: bool,
    /// The path by which generated code names the runtime crate: `::soap_runtime` by
    /// default; another when the including crate renames the dependency or re-exports it
    /// (`::my_sdk::soap`). Generated code uses only its hidden `__codegen` module.
    pub runtime_crate: String,
    /// Attributes added to generated schema types (structs and enums), in order.
    pub type_attributes: Vec<TypeAttribute>,
    /// Embed each WSDL that is one UTF-8 document in the generated code, so that the server
    /// answers `GET <path>?wsdl` with it: a crate gets `src/wsdl/<module>.wsdl`, a module
    /// for `include!` a `<module>.wsdl` beside it ([`crate::ModuleReport::wsdl`]).
    pub embed_wsdl: bool,
}

/// An attribute for the generated schema types a [`TypeAttribute::matcher`] selects, such
/// as `#[derive(::serde::Serialize)]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeAttribute {
    /// `*` for every struct and enum generated from the schema, or the Rust name of one
    /// (`GetQuote`; for a flag set, the name of its flag enum, `PermissionsFlag`).
    pub matcher: String,
    /// One or more outer attributes, as Rust source: `#[derive(Hash)]`.
    pub attribute: String,
}

impl TypeAttribute {
    /// Whether the attribute goes on the type named `rust_name`.
    pub fn matches(&self, rust_name: &str) -> bool {
        self.matcher == "*" || self.matcher == rust_name
    }

    /// The attributes, parsed; an error names the matcher and says what is wrong.
    pub fn parse(&self) -> Result<Vec<syn::Attribute>, String> {
        use syn::parse::Parser as _;
        syn::Attribute::parse_outer
            .parse_str(&self.attribute)
            .map_err(|e| {
                format!(
                    "the attribute {:?} for types {:?} is not Rust outer attributes: {e}",
                    self.attribute, self.matcher
                )
            })
            .and_then(|attributes| {
                if attributes.is_empty() {
                    Err(format!(
                        "the attribute {:?} for types {:?} is empty",
                        self.attribute, self.matcher
                    ))
                } else {
                    Ok(attributes)
                }
            })
    }
}

/// Parses a runtime crate path such as `::soap_runtime` or `crate::rt`.
pub fn parse_runtime_crate(path: &str) -> Result<syn::Path, String> {
    syn::parse_str::<syn::Path>(path)
        .map_err(|e| format!("the runtime crate path {path:?} is not a Rust path: {e}"))
}

impl Default for Options {
    fn default() -> Self {
        Options {
            arbitrary: Arbitrary::Feature("proptest".to_owned()),
            header: GENERATED_HEADER.to_owned(),
            redact: ["password", "secret", "token", "ticket", "apikey"]
                .map(str::to_owned)
                .to_vec(),
            redact_paths: Vec::new(),
            service_failure: None,
            lenient: false,
            runtime_crate: "::soap_runtime".to_owned(),
            type_attributes: Vec::new(),
            embed_wsdl: false,
        }
    }
}
