//! A faithful, namespace-aware picture of WSDL 1.1 documents and their embedded XML Schema.
//!
//! Every reference is already a [`QName`] resolved through the prefixes in scope at the
//! element that wrote it, and every item remembers its element path for error messages.
//! Reading is in [`wsdl`] and [`xsd`]; nothing here interprets what the documents mean.

mod builtin;
pub(crate) mod node;
mod parse;
pub mod wsdl;
pub mod xsd;

pub(crate) use builtin::xml_namespace_schema;

pub use parse::parse_document;

/// Namespace of WSDL 1.1.
pub const WSDL_NS: &str = "http://schemas.xmlsoap.org/wsdl/";
/// Namespace of the WSDL 1.1 SOAP 1.1 binding.
pub const SOAP11_BINDING_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
/// Namespace of the WSDL 1.1 SOAP 1.2 binding.
pub const SOAP12_BINDING_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";
/// Namespace of the WSDL 1.1 HTTP binding.
pub const HTTP_BINDING_NS: &str = "http://schemas.xmlsoap.org/wsdl/http/";
/// Namespace of XML Schema.
pub const XS_NS: &str = "http://www.w3.org/2001/XMLSchema";
/// Namespace of WCF's DataContract serialization annotations and types.
pub const SER_NS: &str = "http://schemas.microsoft.com/2003/10/Serialization/";
/// Namespace of the SOAP 1.1 encoding schema (`soapenc:string` and the other built-ins).
pub const SOAPENC_NS: &str = "http://schemas.xmlsoap.org/soap/encoding/";
/// Namespace of the SOAP 1.2 encoding.
pub const SOAP12ENC_NS: &str = "http://www.w3.org/2003/05/soap-encoding";
/// The XML namespace (`xml:lang`, `xml:space`, `xml:base`, `xml:id`).
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Whether `ns` is a namespace the generator knows without reading its schema (XML Schema,
/// WSDL, the SOAP encodings, the XML namespace): an import of it is never followed, since
/// its location, when given, is often the namespace URI itself.
pub fn is_built_in_namespace(ns: &str) -> bool {
    matches!(ns, XS_NS | WSDL_NS | SOAPENC_NS | SOAP12ENC_NS | XML_NS)
}

/// A name in a namespace; `ns` is empty for no namespace.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QName {
    /// Namespace URI.
    pub ns: String,
    /// Local name.
    pub local: String,
}

impl QName {
    /// Creates a name.
    pub fn new(ns: impl Into<String>, local: impl Into<String>) -> Self {
        QName {
            ns: ns.into(),
            local: local.into(),
        }
    }
}

impl std::fmt::Display for QName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{{{}}}{}", self.ns, self.local)
    }
}

/// One WSDL document (`wsdl:definitions`).
#[derive(Debug, Clone, PartialEq)]
pub struct Definitions {
    /// The file it was read from, as given.
    pub file: String,
    /// `targetNamespace`.
    pub target_ns: String,
    /// `name`, when present.
    pub name: Option<String>,
    /// `wsdl:documentation` of the definitions.
    pub docs: Option<String>,
    /// `wsdl:import`s (already followed when the definitions come from a loader).
    pub imports: Vec<wsdl::WsdlImport>,
    /// Schemas of `wsdl:types`.
    pub schemas: Vec<xsd::Schema>,
    /// `wsdl:message`s.
    pub messages: Vec<wsdl::Message>,
    /// `wsdl:portType`s.
    pub port_types: Vec<wsdl::PortType>,
    /// `wsdl:binding`s.
    pub bindings: Vec<wsdl::Binding>,
    /// `wsdl:service`s.
    pub services: Vec<wsdl::Service>,
}
