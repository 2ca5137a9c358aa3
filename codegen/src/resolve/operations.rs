//! SOAP bindings to draft ports: each operation's body (document wrapped or bare, or an
//! rpc wrapper), header parts and typed faults, with the types they reach queued for
//! resolution. Bodies that are not one global element are in `bodies.rs`.

use super::Resolver;
use super::index::SchemaIndex;
use crate::diagnostics::Diagnostic;
use crate::error::ResolveError;
use crate::ir::{ElementName, Shape, SoapVersion, Style, TypeId};
use crate::model::QName;
use crate::model::wsdl::{
    BindingIo, IoRef, Message, Part, PortOperation, Protocol, Style as ModelStyle,
};

/// A port before names are decided.
pub(crate) struct DraftPort {
    pub(crate) port_type: String,
    pub(crate) binding: String,
    /// The port type is bound by several bindings of the document.
    pub(crate) shared_port_type: bool,
    pub(crate) soap_version: SoapVersion,
    pub(crate) address: Option<String>,
    pub(crate) docs: Option<String>,
    pub(crate) operations: Vec<DraftOperation>,
}

pub(crate) struct DraftOperation {
    pub(crate) name: String,
    pub(crate) soap_action: String,
    pub(crate) style: Style,
    /// `use="encoded"`: SOAP section 5 encoding.
    pub(crate) encoded: bool,
    pub(crate) docs: Option<String>,
    pub(crate) input: DraftMessage,
    pub(crate) output: Option<DraftMessage>,
    pub(crate) faults: Vec<DraftFault>,
}

pub(crate) struct DraftMessage {
    pub(crate) element: ElementName,
    pub(crate) body_type: TypeId,
    pub(crate) headers: Vec<(String, ElementName, Shape)>,
}

pub(crate) struct DraftFault {
    pub(crate) name: String,
    pub(crate) element: ElementName,
    pub(crate) type_id: TypeId,
}

impl<'m> Resolver<'m> {
    /// Refuses names defined twice and services whose ports name a missing binding.
    fn check_definitions(def: &crate::model::Definitions) -> Result<(), ResolveError> {
        fn unique<'a>(
            file: &str,
            kind: &str,
            items: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
        ) -> Result<(), ResolveError> {
            let mut seen = std::collections::HashSet::new();
            for (ns, name, path) in items {
                if !seen.insert((ns, name)) {
                    return Err(ResolveError::Invalid {
                        file: file.to_owned(),
                        path: path.to_owned(),
                        message: format!("{kind} {{{ns}}}{name} is defined more than once"),
                    });
                }
            }
            Ok(())
        }
        let file = &def.file;
        unique(
            file,
            "message",
            def.messages
                .iter()
                .map(|m| (m.ns.as_str(), m.name.as_str(), m.path.as_str())),
        )?;
        unique(
            file,
            "port type",
            def.port_types
                .iter()
                .map(|p| (p.ns.as_str(), p.name.as_str(), p.path.as_str())),
        )?;
        unique(
            file,
            "binding",
            def.bindings
                .iter()
                .map(|b| (b.ns.as_str(), b.name.as_str(), b.path.as_str())),
        )?;
        for port in def.services.iter().flat_map(|s| &s.ports) {
            let known = def
                .bindings
                .iter()
                .any(|b| b.name == port.binding.local && b.ns == port.binding.ns);
            if !known {
                return Err(Self::dangling(file, &port.path, "binding", &port.binding));
            }
        }
        Ok(())
    }

    /// The SOAP ports of a document; other bindings are skipped with a warning.
    pub(super) fn ports(&mut self, idx: &SchemaIndex<'m>) -> Result<Vec<DraftPort>, ResolveError> {
        let def = idx.def;
        Self::check_definitions(def)?;
        let mut ports = Vec::new();
        for binding in &def.bindings {
            let soap_version = match binding.protocol {
                Protocol::Soap11 => SoapVersion::Soap11,
                Protocol::Soap12 => SoapVersion::Soap12,
                Protocol::Http | Protocol::Other => {
                    self.diagnostics.push(Diagnostic::warning(
                        &def.file,
                        &binding.path,
                        "binding",
                        format!("binding {} skipped: not a SOAP binding", binding.name),
                    ));
                    continue;
                }
            };
            let port_type = def
                .port_types
                .iter()
                .find(|p| p.name == binding.port_type.local && p.ns == binding.port_type.ns)
                .ok_or_else(|| {
                    Self::dangling(&def.file, &binding.path, "port type", &binding.port_type)
                })?;
            let soap_bindings_of_port_type = def
                .bindings
                .iter()
                .filter(|b| {
                    b.port_type == binding.port_type
                        && matches!(b.protocol, Protocol::Soap11 | Protocol::Soap12)
                })
                .count();
            let binding_name = QName::new(&binding.ns, &binding.name);
            let address = def
                .services
                .iter()
                .flat_map(|s| &s.ports)
                .find(|p| p.binding == binding_name)
                .and_then(|p| p.address.clone());
            let mut operations = Vec::new();
            for operation in &binding.operations {
                let abstract_op = port_type
                    .operations
                    .iter()
                    .find(|o| o.name == operation.name);
                if let Some(abstract_op) = abstract_op
                    && (abstract_op.input.is_none() || abstract_op.output_first)
                {
                    let kind = if abstract_op.input.is_none() {
                        "a notification (output without input)"
                    } else {
                        "a solicit-response (output before input)"
                    };
                    self.diagnostics.push(Diagnostic::warning(
                        &def.file,
                        &abstract_op.path,
                        "operation",
                        format!(
                            "operation {} skipped: {kind} has no meaning over SOAP/HTTP",
                            abstract_op.name
                        ),
                    ));
                    continue;
                }
                match self.operation(idx, binding, port_type, operation) {
                    Ok(op) => operations.push(op),
                    Err(
                        error @ (ResolveError::Unsupported { .. } | ResolveError::Dangling { .. }),
                    ) if self.diagnostics.is_lenient() => {
                        let outcome = format!("operation {} left out", operation.name);
                        self.diagnostics.push(Diagnostic::skipped(&error, &outcome));
                    }
                    Err(error) => return Err(error),
                }
            }
            ports.push(DraftPort {
                port_type: port_type.name.clone(),
                binding: binding.name.clone(),
                shared_port_type: soap_bindings_of_port_type > 1,
                soap_version,
                address,
                docs: port_type.docs.clone(),
                operations,
            });
        }
        Ok(ports)
    }

    fn operation(
        &mut self,
        idx: &SchemaIndex<'m>,
        binding: &'m crate::model::wsdl::Binding,
        port_type: &'m crate::model::wsdl::PortType,
        operation: &'m crate::model::wsdl::BindingOperation,
    ) -> Result<DraftOperation, ResolveError> {
        let def = idx.def;
        {
            {
                let abstract_op = port_type
                    .operations
                    .iter()
                    .find(|o| o.name == operation.name)
                    .ok_or_else(|| {
                        Self::dangling(
                            &def.file,
                            &operation.path,
                            "port type operation",
                            &QName::new(&port_type.ns, &operation.name),
                        )
                    })?;
                let style = match operation.style.or(binding.style) {
                    Some(ModelStyle::Rpc) => Style::Rpc,
                    Some(ModelStyle::Document) | None => Style::Document,
                };
                let Some(input_ref) = &abstract_op.input else {
                    // `ports` leaves notifications out before they get here.
                    return Err(Self::unsupported(
                        &def.file,
                        &abstract_op.path,
                        "operation without input (notification)",
                        "not supported",
                    ));
                };
                let encoded = Self::is_encoded(def, binding, operation, style)?;
                let context = OperationContext {
                    binding_name: &binding.name,
                    binding_ns: &binding.ns,
                    operation: abstract_op,
                    style,
                };
                let input =
                    self.message(idx, &context, input_ref, operation.input.as_ref(), false)?;
                let output = match &abstract_op.output {
                    Some(output_ref) => Some(self.message(
                        idx,
                        &context,
                        output_ref,
                        operation.output.as_ref(),
                        true,
                    )?),
                    None => None,
                };
                let faults = abstract_op
                    .faults
                    .iter()
                    .map(|fault| self.fault(idx, fault))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(DraftOperation {
                    name: operation.name.clone(),
                    soap_action: operation.soap_action.clone().unwrap_or_default(),
                    style,
                    encoded,
                    docs: abstract_op.docs.clone(),
                    input,
                    output,
                    faults,
                })
            }
        }
    }

    /// Whether the operation's messages are SOAP-encoded: `use="encoded"` on its bodies
    /// (or, when they have none, its headers). Encoding is supported for rpc style over
    /// SOAP 1.1, as rpc/encoded services use it; an operation mixing literal and encoded
    /// bodies is refused.
    fn is_encoded(
        def: &crate::model::Definitions,
        binding: &crate::model::wsdl::Binding,
        operation: &crate::model::wsdl::BindingOperation,
        style: Style,
    ) -> Result<bool, ResolveError> {
        let ios = [operation.input.as_ref(), operation.output.as_ref()];
        let mut uses = ios.iter().flatten().flat_map(|io| {
            let body = io.body.as_ref().map(|b| (b.literal, io.path.as_str()));
            body.into_iter()
                .chain(io.headers.iter().map(|h| (h.literal, h.path.as_str())))
        });
        let Some((first_literal, _)) = uses.next() else {
            return Ok(false);
        };
        if let Some((_, path)) = uses.find(|(literal, _)| *literal != first_literal) {
            return Err(Self::unsupported(
                &def.file,
                path,
                &format!(
                    "literal and encoded messages in one operation of binding {}",
                    binding.name
                ),
                "an operation's bodies and headers must all be literal or all encoded",
            ));
        }
        if first_literal {
            return Ok(false);
        }
        let refuse = |construct: &str| {
            Err(Self::unsupported(
                &def.file,
                &operation.path,
                &format!("{construct} in binding {}", binding.name),
                "SOAP encoding is supported for rpc-style operations over SOAP 1.1",
            ))
        };
        match (style, binding.protocol) {
            (Style::Rpc, Protocol::Soap11) => Ok(true),
            (Style::Document, _) => refuse("use=\"encoded\" with document style"),
            _ => refuse("SOAP 1.2 encoding"),
        }
    }

    fn find_message(
        &self,
        idx: &SchemaIndex<'m>,
        name: &QName,
        path: &str,
    ) -> Result<&'m Message, ResolveError> {
        idx.def
            .messages
            .iter()
            .find(|m| m.name == name.local && m.ns == name.ns)
            .ok_or_else(|| Self::dangling(&idx.def.file, path, "message", name))
    }

    /// A typed fault: the single part of the fault message, its element, or for a part that
    /// names a type, as zeep reads it, an unqualified element named after the part.
    fn fault(&mut self, idx: &SchemaIndex<'m>, fault: &IoRef) -> Result<DraftFault, ResolveError> {
        let file = &idx.def.file;
        let message = self.find_message(idx, &fault.message, &fault.path)?;
        let [part] = message.parts.as_slice() else {
            return Err(Self::unsupported(
                file,
                &message.path,
                "a fault message without exactly one part",
                "",
            ));
        };
        let (element, type_id) = match Self::part_names(file, part, false)? {
            PartNames::Element(element_name) => {
                let element = idx
                    .element(element_name)
                    .ok_or_else(|| Self::dangling(file, &part.path, "element", element_name))?;
                let type_id = self.body_type(idx, element, element_name)?;
                let element = ElementName {
                    ns: element_name.ns.clone(),
                    local: element_name.local.clone(),
                };
                (element, type_id)
            }
            PartNames::Type(type_name) => {
                let body = self.type_part_body(idx, message, part, type_name, Vec::new())?;
                (body.element, body.body_type)
            }
        };
        Ok(DraftFault {
            name: fault.name.clone().unwrap_or_else(|| element.local.clone()),
            element,
            type_id,
        })
    }

    fn message(
        &mut self,
        idx: &SchemaIndex<'m>,
        context: &OperationContext<'_, 'm>,
        io_ref: &IoRef,
        binding_io: Option<&BindingIo>,
        response: bool,
    ) -> Result<DraftMessage, ResolveError> {
        let file = &idx.def.file;
        let message = self.find_message(idx, &io_ref.message, &io_ref.path)?;
        let mut headers = Vec::new();
        let mut header_parts_of_message = Vec::new();
        if let Some(io) = binding_io {
            for header in &io.headers {
                match self.header(idx, message, header) {
                    Ok((part, element, shape)) => {
                        if std::ptr::eq(part.0, message) {
                            header_parts_of_message.push(part.1.name.clone());
                        }
                        headers.push((part.1.name.clone(), element, shape));
                    }
                    Err(error @ ResolveError::Dangling { .. }) if self.diagnostics.is_lenient() => {
                        let outcome = format!(
                            "header {} of operation {} left out",
                            header.part, context.operation.name
                        );
                        self.diagnostics.push(Diagnostic::skipped(&error, &outcome));
                    }
                    Err(error) => return Err(error),
                }
            }
        }
        let body = binding_io.and_then(|io| io.body.as_ref());
        let wanted = body.and_then(|b| b.parts.clone());
        let body_parts: Vec<&'m Part> = message
            .parts
            .iter()
            .filter(|p| match &wanted {
                Some(names) => names.contains(&p.name),
                None => !header_parts_of_message.contains(&p.name),
            })
            .collect();
        if context.style == Style::Rpc {
            let namespace = body.and_then(|b| b.namespace.clone()).unwrap_or_default();
            return self.rpc_message(idx, context, &body_parts, namespace, headers, response);
        }
        let part = match body_parts.as_slice() {
            [] => return Ok(self.empty_body(message, headers)),
            [part] => part,
            _ => {
                return Err(Self::unsupported(
                    file,
                    &message.path,
                    &format!("a document-style body of {} parts", body_parts.len()),
                    "only one body part is supported",
                ));
            }
        };
        let element_name = match Self::part_names(file, part, false)? {
            PartNames::Element(element_name) => element_name,
            PartNames::Type(type_name) => {
                return self.type_part_body(idx, message, part, type_name, headers);
            }
        };
        let element = idx
            .element(element_name)
            .ok_or_else(|| Self::dangling(file, &part.path, "element", element_name))?;
        let body_type = self.body_type(idx, element, element_name)?;
        Ok(DraftMessage {
            element: ElementName {
                ns: element_name.ns.clone(),
                local: element_name.local.clone(),
            },
            body_type,
            headers,
        })
    }

    /// The message and part a `soap:header` names, the header element and its shape. A part
    /// with an element is that element; a part with a type is, as zeep reads it, an
    /// unqualified element named after the part.
    #[allow(clippy::type_complexity)]
    fn header(
        &mut self,
        idx: &SchemaIndex<'m>,
        message: &'m Message,
        header: &crate::model::wsdl::SoapHeader,
    ) -> Result<((&'m Message, &'m Part), ElementName, Shape), ResolveError> {
        let file = &idx.def.file;
        let header_message =
            if header.message.local == message.name && header.message.ns == message.ns {
                message
            } else {
                self.find_message(idx, &header.message, &header.path)?
            };
        let part = header_message
            .parts
            .iter()
            .find(|p| p.name == header.part)
            .ok_or_else(|| {
                Self::dangling(
                    file,
                    &header.path,
                    "message part",
                    &QName::new(
                        &header_message.ns,
                        format!("{}/{}", header_message.name, header.part),
                    ),
                )
            })?;
        let (mut element, shape, _) = self.part_element(idx, part, false)?;
        // An encoded header part of a type is an element in the header's `namespace`.
        if !header.literal
            && part.element.is_none()
            && let Some(namespace) = &header.namespace
        {
            element.ns = namespace.clone();
        }
        Ok(((header_message, part), element, shape))
    }

    /// What a message part names: a global element, or a type. A part naming both, which
    /// WSDL does not allow, is read by its type when `type_first` (rpc parts), else by its
    /// element; a part naming neither is refused.
    fn part_names(
        file: &str,
        part: &'m Part,
        type_first: bool,
    ) -> Result<PartNames<'m>, ResolveError> {
        match (&part.element, &part.type_name) {
            (Some(_), Some(type_name)) if type_first => Ok(PartNames::Type(type_name)),
            (Some(element_name), _) => Ok(PartNames::Element(element_name)),
            (None, Some(type_name)) => Ok(PartNames::Type(type_name)),
            (None, None) => Err(Self::unsupported(
                file,
                &part.path,
                "a part without type or element",
                "",
            )),
        }
    }

    /// The element a message part stands for, its shape and its schema type's label: the
    /// global element the part names, or for a part that names a type, as zeep reads it, an
    /// unqualified element named after the part ([`Resolver::part_names`]).
    pub(super) fn part_element(
        &mut self,
        idx: &SchemaIndex<'m>,
        part: &'m Part,
        type_first: bool,
    ) -> Result<(ElementName, Shape, String), ResolveError> {
        let file = &idx.def.file;
        let element_name = match Self::part_names(file, part, type_first)? {
            PartNames::Element(element_name) => element_name,
            PartNames::Type(type_name) => {
                let element = ElementName {
                    ns: String::new(),
                    local: part.name.clone(),
                };
                let shape = self.type_shape_in(idx, file, type_name, &part.path)?;
                return Ok((element, shape, type_name.local.clone()));
            }
        };
        let (schema, decl) = idx
            .element(element_name)
            .ok_or_else(|| Self::dangling(file, &part.path, "element", element_name))?;
        let (shape, label) = self.element_shape(idx, None, schema, decl)?;
        let element = ElementName {
            ns: element_name.ns.clone(),
            local: element_name.local.clone(),
        };
        Ok((element, shape, label))
    }
}

/// What message resolution needs to know about the operation.
pub(crate) struct OperationContext<'a, 'm> {
    pub(super) binding_name: &'a str,
    pub(super) binding_ns: &'a str,
    pub(super) operation: &'m PortOperation,
    pub(super) style: Style,
}

/// What a message part names ([`Resolver::part_names`]).
enum PartNames<'a> {
    /// A global element.
    Element(&'a QName),
    /// A type: the part stands for an unqualified element named after it.
    Type(&'a QName),
}
