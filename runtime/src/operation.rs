//! Metadata of WSDL operations that generated code emits for the call layer.

/// The SOAP version of a binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SoapVersion {
    /// SOAP 1.1: `text/xml` and a `SOAPAction` HTTP header.
    Soap11,
    /// SOAP 1.2: `application/soap+xml` with an `action` parameter.
    Soap12,
}

impl SoapVersion {
    /// The envelope namespace of this version.
    pub const fn envelope_namespace(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => "http://schemas.xmlsoap.org/soap/envelope/",
            SoapVersion::Soap12 => "http://www.w3.org/2003/05/soap-envelope",
        }
    }
}

/// The style of a SOAP operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// The body holds the message parts' elements as they are.
    Document,
    /// The body holds a wrapper named after the operation, with one child per part.
    Rpc,
}

/// A global element, by namespace URI and local name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ElementName {
    /// Namespace URI (empty for no namespace).
    pub namespace: &'static str,
    /// Local name.
    pub local_name: &'static str,
}

/// A message part bound to a SOAP header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HeaderPart {
    /// The part's name in the WSDL message.
    pub part: &'static str,
    /// The header element.
    pub element: ElementName,
}

/// What the call layer needs to know about one operation of a binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OperationInfo {
    /// The operation's name in the WSDL.
    pub name: &'static str,
    /// The `soapAction` of the binding operation (may be empty).
    pub soap_action: &'static str,
    /// The SOAP version of the binding.
    pub soap_version: SoapVersion,
    /// Document or rpc.
    pub style: Style,
    /// The request body element.
    pub input: ElementName,
    /// The response body element; `None` for a one-way operation.
    pub output: Option<ElementName>,
    /// Header parts of the request.
    pub input_headers: &'static [HeaderPart],
    /// Header parts of the response.
    pub output_headers: &'static [HeaderPart],
}
