//! Metadata of WSDL operations that generated code emits for the call layer.
//!
//! Generated code builds these with the `const fn` constructors and `with_*` methods, never
//! with struct literals, so a field added later (with its default in [`OperationInfo::new`])
//! does not break generated crates. The fields stay public for reading.

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

/// How a binding's messages are written (`use` of `soap:body`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BodyUse {
    /// As the schema describes the elements.
    Literal,
    /// SOAP 1.1 section 5 encoding: every element carries its `xsi:type`, arrays are
    /// `soapenc:Array`s, and values may be multi-references (`href`/`id`).
    Encoded,
}

/// A global element, by namespace URI and local name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ElementName {
    /// Namespace URI (empty for no namespace).
    pub namespace: &'static str,
    /// Local name.
    pub local_name: &'static str,
}

impl ElementName {
    /// No element: the body of a message without parts, which is empty.
    pub const EMPTY_BODY: ElementName = ElementName::new("", "");

    /// Element `local_name` in namespace `namespace` (empty for no namespace).
    pub const fn new(namespace: &'static str, local_name: &'static str) -> Self {
        Self {
            namespace,
            local_name,
        }
    }

    /// Whether this is [`ElementName::EMPTY_BODY`]: the body holds no element.
    pub const fn is_empty_body(&self) -> bool {
        self.local_name.is_empty()
    }
}

/// A message part bound to a SOAP header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HeaderPart {
    /// The part's name in the WSDL message.
    pub part: &'static str,
    /// The header element.
    pub element: ElementName,
}

impl HeaderPart {
    /// Part `part` of a message, carried as header element `element`.
    pub const fn new(part: &'static str, element: ElementName) -> Self {
        Self { part, element }
    }
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
    /// Literal or SOAP-encoded.
    pub body_use: BodyUse,
    /// The request body element ([`ElementName::EMPTY_BODY`] for a message without parts).
    pub input: ElementName,
    /// The response body element; `None` for a one-way operation.
    pub output: Option<ElementName>,
    /// Header parts of the request.
    pub input_headers: &'static [HeaderPart],
    /// Header parts of the response.
    pub output_headers: &'static [HeaderPart],
}

impl OperationInfo {
    /// Operation `name` with SOAP action `soap_action` (may be empty) whose request body is
    /// element `input`: SOAP 1.1, document style, one-way (no response), no headers. The
    /// `with_*` methods set the rest.
    pub const fn new(name: &'static str, soap_action: &'static str, input: ElementName) -> Self {
        Self {
            name,
            soap_action,
            soap_version: SoapVersion::Soap11,
            style: Style::Document,
            body_use: BodyUse::Literal,
            input,
            output: None,
            input_headers: &[],
            output_headers: &[],
        }
    }

    /// With SOAP version `soap_version`.
    #[must_use]
    pub const fn with_soap_version(self, soap_version: SoapVersion) -> Self {
        Self {
            soap_version,
            ..self
        }
    }

    /// With style `style`.
    #[must_use]
    pub const fn with_style(self, style: Style) -> Self {
        Self { style, ..self }
    }

    /// With messages written as `body_use` says.
    #[must_use]
    pub const fn with_body_use(self, body_use: BodyUse) -> Self {
        Self { body_use, ..self }
    }

    /// With a response whose body is element `output` (not one-way).
    #[must_use]
    pub const fn with_output(self, output: ElementName) -> Self {
        Self {
            output: Some(output),
            ..self
        }
    }

    /// With request header parts `input_headers`.
    #[must_use]
    pub const fn with_input_headers(self, input_headers: &'static [HeaderPart]) -> Self {
        Self {
            input_headers,
            ..self
        }
    }

    /// With response header parts `output_headers`.
    #[must_use]
    pub const fn with_output_headers(self, output_headers: &'static [HeaderPart]) -> Self {
        Self {
            output_headers,
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = "urn:test";
    const HEADERS: &[HeaderPart] = &[HeaderPart::new("Token", ElementName::new(NS, "Token"))];
    const OP: OperationInfo = OperationInfo::new("Get", "urn:Get", ElementName::new(NS, "Get"))
        .with_output(ElementName::new(NS, "GetResponse"))
        .with_input_headers(HEADERS)
        .with_soap_version(SoapVersion::Soap12)
        .with_style(Style::Rpc)
        .with_body_use(BodyUse::Encoded);

    #[test]
    fn constructors_set_every_field() {
        assert_eq!(
            OP,
            OperationInfo {
                name: "Get",
                soap_action: "urn:Get",
                soap_version: SoapVersion::Soap12,
                style: Style::Rpc,
                body_use: BodyUse::Encoded,
                input: ElementName {
                    namespace: NS,
                    local_name: "Get",
                },
                output: Some(ElementName {
                    namespace: NS,
                    local_name: "GetResponse",
                }),
                input_headers: &[HeaderPart {
                    part: "Token",
                    element: ElementName {
                        namespace: NS,
                        local_name: "Token",
                    },
                }],
                output_headers: &[],
            }
        );
        let one_way =
            OperationInfo::new("Log", "", ElementName::new("", "Log")).with_output_headers(HEADERS);
        assert_eq!(one_way.soap_version, SoapVersion::Soap11);
        assert_eq!(one_way.style, Style::Document);
        assert_eq!(one_way.output, None);
        assert!(one_way.input_headers.is_empty());
        assert_eq!(one_way.output_headers, HEADERS);
    }
}
