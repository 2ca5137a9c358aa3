//! WSDL 1.1 as the model holds it: messages, port types, bindings (SOAP 1.1, SOAP 1.2 or
//! other) and services, read from a parsed document.

use xmltree::Element as XmlElement;

use super::node::Node;
use super::{
    Definitions, HTTP_BINDING_NS, QName, SOAP11_BINDING_NS, SOAP12_BINDING_NS, WSDL_NS, XS_NS, xsd,
};
use crate::diagnostics::Diagnostics;
use crate::docs;
use crate::error::ModelError;

/// A `wsdl:message`.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// `name`.
    pub name: String,
    /// The target namespace of the document that defines it.
    pub ns: String,
    /// Its parts, in order.
    pub parts: Vec<Part>,
    /// Element path.
    pub path: String,
}

/// A `wsdl:part`.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// `name`.
    pub name: String,
    /// `element`, for document style.
    pub element: Option<QName>,
    /// `type`, for rpc style.
    pub type_name: Option<QName>,
    /// Element path.
    pub path: String,
}

/// A `wsdl:portType`.
#[derive(Debug, Clone, PartialEq)]
pub struct PortType {
    /// `name`.
    pub name: String,
    /// The target namespace of the document that defines it.
    pub ns: String,
    /// Documentation.
    pub docs: Option<String>,
    /// Its operations.
    pub operations: Vec<PortOperation>,
    /// Element path.
    pub path: String,
}

/// An operation of a port type.
#[derive(Debug, Clone, PartialEq)]
pub struct PortOperation {
    /// `name`.
    pub name: String,
    /// Documentation.
    pub docs: Option<String>,
    /// `wsdl:input`.
    pub input: Option<IoRef>,
    /// `wsdl:output`.
    pub output: Option<IoRef>,
    /// `wsdl:fault`s.
    pub faults: Vec<IoRef>,
    /// `wsdl:output` comes before `wsdl:input`: a solicit-response operation.
    pub output_first: bool,
    /// Element path.
    pub path: String,
}

/// The message of an operation's input, output or fault.
#[derive(Debug, Clone, PartialEq)]
pub struct IoRef {
    /// `name`.
    pub name: Option<String>,
    /// `message`.
    pub message: QName,
    /// Element path.
    pub path: String,
}

/// The protocol a binding binds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `soap:binding`.
    Soap11,
    /// `soap12:binding`.
    Soap12,
    /// `http:binding`.
    Http,
    /// No binding element the generator knows.
    Other,
}

/// `style` of a SOAP binding or operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `document`.
    Document,
    /// `rpc`.
    Rpc,
}

/// A `wsdl:binding`.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// `name`.
    pub name: String,
    /// The target namespace of the document that defines it.
    pub ns: String,
    /// `type`: the port type.
    pub port_type: QName,
    /// The protocol.
    pub protocol: Protocol,
    /// Default style from the protocol binding element.
    pub style: Option<Style>,
    /// Its operations.
    pub operations: Vec<BindingOperation>,
    /// Element path.
    pub path: String,
}

/// An operation of a binding.
#[derive(Debug, Clone, PartialEq)]
pub struct BindingOperation {
    /// `name`.
    pub name: String,
    /// `soapAction`.
    pub soap_action: Option<String>,
    /// `style` of the operation.
    pub style: Option<Style>,
    /// `wsdl:input`.
    pub input: Option<BindingIo>,
    /// `wsdl:output`.
    pub output: Option<BindingIo>,
    /// Element path.
    pub path: String,
}

/// How a binding operation's input or output is carried.
#[derive(Debug, Clone, PartialEq)]
pub struct BindingIo {
    /// `name`.
    pub name: Option<String>,
    /// `soap:body`.
    pub body: Option<SoapBody>,
    /// `soap:header`s.
    pub headers: Vec<SoapHeader>,
    /// Element path.
    pub path: String,
}

/// `soap:body`.
#[derive(Debug, Clone, PartialEq)]
pub struct SoapBody {
    /// `use="literal"` (otherwise encoded).
    pub literal: bool,
    /// `parts`: the message parts that go in the body (all when absent).
    pub parts: Option<Vec<String>>,
    /// `namespace`, for rpc style.
    pub namespace: Option<String>,
}

/// `soap:header`.
#[derive(Debug, Clone, PartialEq)]
pub struct SoapHeader {
    /// `message`.
    pub message: QName,
    /// `part`.
    pub part: String,
    /// `use="literal"`.
    pub literal: bool,
    /// `namespace`: of an encoded header part that names a type, its element's namespace.
    pub namespace: Option<String>,
    /// Element path.
    pub path: String,
}

/// A `wsdl:service`.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// `name`.
    pub name: String,
    /// Its ports.
    pub ports: Vec<Port>,
}

/// A `wsdl:import`.
#[derive(Debug, Clone, PartialEq)]
pub struct WsdlImport {
    /// `namespace`.
    pub namespace: String,
    /// `location`.
    pub location: String,
    /// Element path.
    pub path: String,
}

/// A `wsdl:port`.
#[derive(Debug, Clone, PartialEq)]
pub struct Port {
    /// `name`.
    pub name: String,
    /// `binding`.
    pub binding: QName,
    /// `soap:address/@location`.
    pub address: Option<String>,
    /// Element path.
    pub path: String,
}

// Names that are labels (of the definitions, services, ports, and the inputs, outputs and
// faults of operations) are read as they are: nothing refers to them by QName, and the few
// that become Rust identifiers (fault names) go through `names` like every other name.
// Components that are referred to by name (messages, parts, port types, operations,
// bindings) must have NCNames.

fn documentation(node: Node<'_>) -> Option<String> {
    node.children()
        .iter()
        .find(|child| child.is(WSDL_NS, "documentation"))
        .map(|doc| docs::sanitize(&doc.text()))
        .filter(|text| !text.is_empty())
}

/// Reads a parsed WSDL document read from `file`. Unsupported constructs are refused, or
/// in lenient mode left out and reported to `diagnostics`.
pub(crate) fn read_definitions(
    file: &str,
    root: &XmlElement,
    diagnostics: &Diagnostics,
) -> Result<Definitions, ModelError> {
    let path = format!("/{}", qualified_name(root));
    let node = Node::root(root, file, &path).reporting_to(diagnostics);
    if !node.is(WSDL_NS, "definitions") {
        return Err(node.invalid(format!(
            "the root element must be wsdl:definitions in namespace {WSDL_NS}, found {{{}}}{}",
            node.ns(),
            node.local()
        )));
    }
    let target_ns = node.attr("targetNamespace").unwrap_or("").to_owned();
    let mut definitions = Definitions {
        file: file.to_owned(),
        target_ns: target_ns.clone(),
        imports: Vec::new(),
        name: node.attr("name").map(str::to_owned),
        docs: documentation(node),
        schemas: Vec::new(),
        messages: Vec::new(),
        port_types: Vec::new(),
        bindings: Vec::new(),
        services: Vec::new(),
    };
    for child in node.children().iter() {
        if child.ns() != WSDL_NS {
            // Extensibility elements (policies and the like) do not affect the types.
            continue;
        }
        match child.local() {
            "documentation" => {}
            "types" => {
                for schema in child.children().iter() {
                    if schema.is(XS_NS, "schema") {
                        definitions.schemas.push(xsd::read_schema(schema)?);
                    } else if schema.ns() == WSDL_NS {
                        return Err(schema.invalid("unexpected element in wsdl:types"));
                    }
                }
            }
            "message" => definitions.messages.push(read_message(child, &target_ns)?),
            "portType" => definitions
                .port_types
                .push(read_port_type(child, &target_ns)?),
            "binding" => definitions.bindings.push(read_binding(child, &target_ns)?),
            "import" => definitions.imports.push(WsdlImport {
                namespace: child.attr("namespace").unwrap_or("").to_owned(),
                location: child.required_attr("location")?.to_owned(),
                path: child.path().to_owned(),
            }),
            "service" => definitions.services.push(read_service(child)?),
            _ => {
                child.skip_unsupported("not supported by the generator yet")?;
                continue;
            }
        }
    }
    Ok(definitions)
}

fn qualified_name(el: &XmlElement) -> String {
    match &el.prefix {
        Some(prefix) => format!("{prefix}:{}", el.name),
        None => el.name.clone(),
    }
}

fn read_message(node: Node<'_>, ns: &str) -> Result<Message, ModelError> {
    let mut parts = Vec::new();
    for part in node.children().iter() {
        if part.is(WSDL_NS, "part") {
            parts.push(Part {
                name: part.required_name()?.to_owned(),
                element: part.qname_attr("element")?,
                type_name: part.qname_attr("type")?,
                path: part.path().to_owned(),
            });
        }
    }
    Ok(Message {
        name: node.required_name()?.to_owned(),
        ns: ns.to_owned(),
        parts,
        path: node.path().to_owned(),
    })
}

fn read_io_ref(node: Node<'_>) -> Result<IoRef, ModelError> {
    Ok(IoRef {
        name: node.attr("name").map(str::to_owned),
        message: node.required_qname_attr("message")?,
        path: node.path().to_owned(),
    })
}

fn read_port_type(node: Node<'_>, ns: &str) -> Result<PortType, ModelError> {
    let mut operations = Vec::new();
    for op in node.children().iter() {
        if !op.is(WSDL_NS, "operation") {
            continue;
        }
        let mut operation = PortOperation {
            name: op.required_name()?.to_owned(),
            docs: documentation(op),
            input: None,
            output: None,
            faults: Vec::new(),
            output_first: false,
            path: op.path().to_owned(),
        };
        for io in op.children().iter() {
            if io.ns() != WSDL_NS {
                continue;
            }
            match io.local() {
                "input" => operation.input = Some(read_io_ref(io)?),
                "output" => {
                    operation.output_first = operation.input.is_none();
                    operation.output = Some(read_io_ref(io)?);
                }
                "fault" => operation.faults.push(read_io_ref(io)?),
                _ => {}
            }
        }
        operations.push(operation);
    }
    Ok(PortType {
        name: node.required_name()?.to_owned(),
        ns: ns.to_owned(),
        docs: documentation(node),
        operations,
        path: node.path().to_owned(),
    })
}

fn read_style(node: Node<'_>) -> Result<Option<Style>, ModelError> {
    match node.attr("style") {
        None => Ok(None),
        Some("document") => Ok(Some(Style::Document)),
        Some("rpc") => Ok(Some(Style::Rpc)),
        Some(other) => Err(node.invalid(format!("style must be document or rpc, found `{other}`"))),
    }
}

fn is_soap(node: Node<'_>, local: &str) -> bool {
    node.is(SOAP11_BINDING_NS, local) || node.is(SOAP12_BINDING_NS, local)
}

fn read_binding(node: Node<'_>, ns: &str) -> Result<Binding, ModelError> {
    let mut binding = Binding {
        name: node.required_name()?.to_owned(),
        ns: ns.to_owned(),
        port_type: node.required_qname_attr("type")?,
        protocol: Protocol::Other,
        style: None,
        operations: Vec::new(),
        path: node.path().to_owned(),
    };
    for child in node.children().iter() {
        if child.is(SOAP11_BINDING_NS, "binding") {
            binding.protocol = Protocol::Soap11;
            binding.style = read_style(child)?;
        } else if child.is(SOAP12_BINDING_NS, "binding") {
            binding.protocol = Protocol::Soap12;
            binding.style = read_style(child)?;
        } else if child.is(HTTP_BINDING_NS, "binding") {
            binding.protocol = Protocol::Http;
        } else if child.is(WSDL_NS, "operation") {
            binding.operations.push(read_binding_operation(child)?);
        }
    }
    Ok(binding)
}

fn read_binding_operation(node: Node<'_>) -> Result<BindingOperation, ModelError> {
    let mut operation = BindingOperation {
        name: node.required_name()?.to_owned(),
        soap_action: None,
        style: None,
        input: None,
        output: None,
        path: node.path().to_owned(),
    };
    for child in node.children().iter() {
        if is_soap(child, "operation") {
            operation.soap_action = child.attr("soapAction").map(str::to_owned);
            operation.style = read_style(child)?;
        } else if child.is(WSDL_NS, "input") {
            operation.input = Some(read_binding_io(child)?);
        } else if child.is(WSDL_NS, "output") {
            operation.output = Some(read_binding_io(child)?);
        }
    }
    Ok(operation)
}

fn read_binding_io(node: Node<'_>) -> Result<BindingIo, ModelError> {
    let mut io = BindingIo {
        name: node.attr("name").map(str::to_owned),
        body: None,
        headers: Vec::new(),
        path: node.path().to_owned(),
    };
    for child in node.children().iter() {
        if is_soap(child, "body") {
            io.body = Some(SoapBody {
                literal: child.attr("use").unwrap_or("literal") == "literal",
                parts: child
                    .attr("parts")
                    .map(|parts| parts.split_whitespace().map(str::to_owned).collect()),
                namespace: child.attr("namespace").map(str::to_owned),
            });
        } else if is_soap(child, "header") {
            io.headers.push(SoapHeader {
                message: child.required_qname_attr("message")?,
                part: child.required_attr("part")?.to_owned(),
                literal: child.attr("use").unwrap_or("literal") == "literal",
                namespace: child.attr("namespace").map(str::to_owned),
                path: child.path().to_owned(),
            });
        }
    }
    Ok(io)
}

fn read_service(node: Node<'_>) -> Result<Service, ModelError> {
    let mut ports = Vec::new();
    for port in node.children().iter() {
        if !port.is(WSDL_NS, "port") {
            continue;
        }
        let address = port
            .children()
            .iter()
            .find(|child| is_soap(*child, "address") || child.is(HTTP_BINDING_NS, "address"))
            .and_then(|address| address.attr("location"))
            .map(str::to_owned);
        ports.push(Port {
            name: port.required_attr("name")?.to_owned(),
            binding: port.required_qname_attr("binding")?,
            address,
            path: port.path().to_owned(),
        });
    }
    Ok(Service {
        name: node.required_attr("name")?.to_owned(),
        ports,
    })
}
