//! SOAP bindings to draft ports: each operation's body element and header parts, with the
//! types they reach queued for resolution.

use super::Resolver;
use super::index::SchemaIndex;
use crate::error::ResolveError;
use crate::ir::{ElementName, Shape, SoapVersion, Style, TypeId};
use crate::model::QName;
use crate::model::wsdl::{BindingIo, IoRef, Message, Protocol, Style as ModelStyle};

/// A port before names are decided.
pub(crate) struct DraftPort {
    pub(crate) port_type: String,
    pub(crate) binding: String,
    pub(crate) soap_version: SoapVersion,
    pub(crate) address: Option<String>,
    pub(crate) docs: Option<String>,
    pub(crate) operations: Vec<DraftOperation>,
}

pub(crate) struct DraftOperation {
    pub(crate) name: String,
    pub(crate) soap_action: String,
    pub(crate) style: Style,
    pub(crate) docs: Option<String>,
    pub(crate) input: DraftMessage,
    pub(crate) output: Option<DraftMessage>,
}

pub(crate) struct DraftMessage {
    pub(crate) element: ElementName,
    pub(crate) body_type: TypeId,
    pub(crate) headers: Vec<(String, ElementName, Shape)>,
}

impl<'m> Resolver<'m> {
    /// The SOAP ports of a document; other bindings are skipped with a warning.
    pub(super) fn ports(&mut self, idx: &SchemaIndex<'m>) -> Result<Vec<DraftPort>, ResolveError> {
        let def = idx.def;
        let mut ports = Vec::new();
        for binding in &def.bindings {
            let soap_version = match binding.protocol {
                Protocol::Soap11 => SoapVersion::Soap11,
                Protocol::Soap12 => SoapVersion::Soap12,
                Protocol::Http | Protocol::Other => {
                    self.warnings.push(format!(
                        "{}: {}: binding {} skipped: not a SOAP binding",
                        def.file, binding.path, binding.name
                    ));
                    continue;
                }
            };
            let port_type = def
                .port_types
                .iter()
                .find(|p| {
                    p.name == binding.port_type.local && def.target_ns == binding.port_type.ns
                })
                .ok_or_else(|| ResolveError::Dangling {
                    file: def.file.clone(),
                    path: binding.path.clone(),
                    kind: "port type",
                    name: binding.port_type.to_string(),
                })?;
            let binding_name = QName::new(&def.target_ns, &binding.name);
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
                    .find(|o| o.name == operation.name)
                    .ok_or_else(|| ResolveError::Dangling {
                        file: def.file.clone(),
                        path: operation.path.clone(),
                        kind: "port type operation",
                        name: operation.name.clone(),
                    })?;
                let style = match operation.style.or(binding.style) {
                    Some(ModelStyle::Rpc) => {
                        return Err(Self::unsupported(
                            idx,
                            &operation.path,
                            "rpc style",
                            "not supported by the generator yet",
                        ));
                    }
                    Some(ModelStyle::Document) | None => Style::Document,
                };
                let Some(input_ref) = &abstract_op.input else {
                    return Err(Self::unsupported(
                        idx,
                        &abstract_op.path,
                        "operation without input (notification)",
                        "not supported",
                    ));
                };
                let input =
                    self.message(idx, input_ref, operation.input.as_ref(), &binding.name)?;
                let output = match &abstract_op.output {
                    Some(output_ref) => Some(self.message(
                        idx,
                        output_ref,
                        operation.output.as_ref(),
                        &binding.name,
                    )?),
                    None => None,
                };
                operations.push(DraftOperation {
                    name: operation.name.clone(),
                    soap_action: operation.soap_action.clone().unwrap_or_default(),
                    style,
                    docs: abstract_op.docs.clone(),
                    input,
                    output,
                });
            }
            ports.push(DraftPort {
                port_type: port_type.name.clone(),
                binding: binding.name.clone(),
                soap_version,
                address,
                docs: port_type.docs.clone(),
                operations,
            });
        }
        Ok(ports)
    }

    fn find_message(
        &self,
        idx: &SchemaIndex<'m>,
        name: &QName,
        path: &str,
    ) -> Result<&'m Message, ResolveError> {
        let def = idx.def;
        def.messages
            .iter()
            .find(|m| m.name == name.local && def.target_ns == name.ns)
            .ok_or_else(|| ResolveError::Dangling {
                file: def.file.clone(),
                path: path.to_owned(),
                kind: "message",
                name: name.to_string(),
            })
    }

    fn message(
        &mut self,
        idx: &SchemaIndex<'m>,
        io_ref: &IoRef,
        binding_io: Option<&BindingIo>,
        binding_name: &str,
    ) -> Result<DraftMessage, ResolveError> {
        let message = self.find_message(idx, &io_ref.message, &io_ref.path)?;
        let mut headers = Vec::new();
        let mut header_parts_of_message = Vec::new();
        if let Some(io) = binding_io {
            if io.body.as_ref().is_some_and(|b| !b.literal) {
                return Err(Self::unsupported(
                    idx,
                    &io.path,
                    &format!("use=\"encoded\" in binding {binding_name}"),
                    "only literal bindings are supported",
                ));
            }
            for header in &io.headers {
                if !header.literal {
                    return Err(Self::unsupported(
                        idx,
                        &header.path,
                        &format!("encoded header in binding {binding_name}"),
                        "only literal bindings are supported",
                    ));
                }
                let header_message = self.find_message(idx, &header.message, &header.path)?;
                let part = header_message
                    .parts
                    .iter()
                    .find(|p| p.name == header.part)
                    .ok_or_else(|| ResolveError::Dangling {
                        file: idx.def.file.clone(),
                        path: header.path.clone(),
                        kind: "message part",
                        name: header.part.clone(),
                    })?;
                if std::ptr::eq(header_message, message) {
                    header_parts_of_message.push(part.name.clone());
                }
                let element_name = part.element.as_ref().ok_or_else(|| {
                    Self::unsupported(
                        idx,
                        &part.path,
                        "header part with a type instead of an element",
                        "not supported",
                    )
                })?;
                let (schema, decl) =
                    idx.element(element_name)
                        .ok_or_else(|| ResolveError::Dangling {
                            file: idx.def.file.clone(),
                            path: part.path.clone(),
                            kind: "element",
                            name: element_name.to_string(),
                        })?;
                let (shape, _) = self.element_shape(idx, None, schema, decl)?;
                headers.push((
                    part.name.clone(),
                    ElementName {
                        ns: element_name.ns.clone(),
                        local: element_name.local.clone(),
                    },
                    shape,
                ));
            }
        }
        let wanted = binding_io
            .and_then(|io| io.body.as_ref())
            .and_then(|b| b.parts.clone());
        let body_parts: Vec<_> = message
            .parts
            .iter()
            .filter(|p| match &wanted {
                Some(names) => names.contains(&p.name),
                None => !header_parts_of_message.contains(&p.name),
            })
            .collect();
        let [part] = body_parts.as_slice() else {
            return Err(Self::unsupported(
                idx,
                &message.path,
                &format!("a body of {} parts", body_parts.len()),
                "only document/literal with one body part is supported yet",
            ));
        };
        let element_name = part.element.as_ref().ok_or_else(|| {
            Self::unsupported(
                idx,
                &part.path,
                "document-style part with a type instead of an element",
                "not supported yet",
            )
        })?;
        let element = idx
            .element(element_name)
            .ok_or_else(|| ResolveError::Dangling {
                file: idx.def.file.clone(),
                path: part.path.clone(),
                kind: "element",
                name: element_name.to_string(),
            })?;
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
}
