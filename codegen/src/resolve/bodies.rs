//! Message bodies that are not one global element: an empty body, a document-style part
//! that names a type, and an rpc wrapper named after the operation.

use super::index::SchemaIndex;
use super::operations::{DraftMessage, OperationContext};
use super::{Draft, DraftField, DraftKind, DraftStruct, Resolver, TypeKey};
use crate::error::ResolveError;
use crate::ir::{ElementName, FieldKind, Occurs, Shape};
use crate::model::QName;
use crate::model::wsdl::{Message, Part};

impl<'m> Resolver<'m> {
    /// The body of a message whose parts are all elsewhere (or that has none): an empty
    /// SOAP body, read and written as an empty struct named after the message.
    pub(super) fn empty_body(
        &mut self,
        message: &'m Message,
        headers: Vec<(String, ElementName, Shape)>,
    ) -> DraftMessage {
        let id = self.intern(TypeKey::Message(QName::new(&message.ns, &message.name)));
        self.define(
            id,
            Draft {
                origin: format!("message {{{}}}{} (an empty body)", message.ns, message.name),
                docs: None,
                kind: DraftKind::Struct(DraftStruct::default()),
            },
        );
        DraftMessage {
            element: ElementName {
                ns: String::new(),
                local: String::new(),
            },
            body_type: id,
            headers,
        }
    }

    /// A document-style body part that names a type instead of an element: as zeep reads
    /// it, an unqualified element named after the part, of that type. A complex type is
    /// the body's type itself; a simple one is the `value` of a struct named after the
    /// message.
    pub(super) fn type_part_body(
        &mut self,
        idx: &SchemaIndex<'m>,
        message: &'m Message,
        part: &'m Part,
        type_name: &QName,
        headers: Vec<(String, ElementName, Shape)>,
    ) -> Result<DraftMessage, ResolveError> {
        let file = &idx.def.file;
        let element = ElementName {
            ns: String::new(),
            local: part.name.clone(),
        };
        let body_type = if let Some((type_schema, complex)) = idx.complex_type(type_name) {
            let id = self.intern(TypeKey::Type(type_name.clone()));
            self.enqueue(id, super::Source::Complex(type_schema, complex, None));
            id
        } else {
            let shape = self.type_shape_in(idx, file, type_name, &part.path)?;
            let id = self.intern(TypeKey::Message(QName::new(&message.ns, &message.name)));
            self.define(
                id,
                Draft {
                    origin: format!(
                        "part {} of message {{{}}}{}",
                        part.name, message.ns, message.name
                    ),
                    docs: None,
                    kind: DraftKind::Struct(DraftStruct {
                        text: Some(shape),
                        ..DraftStruct::default()
                    }),
                },
            );
            id
        };
        Ok(DraftMessage {
            element,
            body_type,
            headers,
        })
    }

    /// An rpc-style body: a wrapper named after the operation (plus `Response`) in the
    /// `soap:body` namespace, holding one unqualified element per part.
    pub(super) fn rpc_message(
        &mut self,
        idx: &SchemaIndex<'m>,
        context: &OperationContext<'_, 'm>,
        parts: &[&'m Part],
        namespace: String,
        headers: Vec<(String, ElementName, Shape)>,
        response: bool,
    ) -> Result<DraftMessage, ResolveError> {
        let mut fields = Vec::new();
        for part in parts {
            let (element, shape, schema_type) = self.part_element(idx, part, true)?;
            fields.push(DraftField {
                kind: FieldKind::Element,
                element,
                occurs: Occurs::Required,
                shape,
                schema_type,
                docs: None,
                default: None,
            });
        }
        let local = if response {
            format!("{}Response", context.operation.name)
        } else {
            context.operation.name.clone()
        };
        let element = ElementName {
            ns: namespace,
            local,
        };
        let id = self.intern(TypeKey::Rpc {
            operation: QName::new(
                context.binding_ns,
                format!("{}/{}", context.binding_name, context.operation.name),
            ),
            response,
        });
        let draft = DraftStruct {
            fields,
            element: Some(element.clone()),
            rpc_wrapper: true,
            ..DraftStruct::default()
        };
        let direction = if response { "response" } else { "request" };
        self.define(
            id,
            Draft {
                origin: format!(
                    "rpc {direction} wrapper of operation {}",
                    context.operation.name
                ),
                docs: None,
                kind: DraftKind::Struct(draft),
            },
        );
        Ok(DraftMessage {
            element,
            body_type: id,
            headers,
        })
    }
}
