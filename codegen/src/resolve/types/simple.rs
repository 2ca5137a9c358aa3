//! Simple types to drafts and shapes: built-in types, enumerations, flag sets (lists of
//! enumerated values), lists, unions and restrictions of other simple types.

use super::{MAX_REFERENCE_CHAIN, chain_too_long, is_simple};
use crate::error::ResolveError;
use crate::ir::{Builtin, Shape, TypeId};
use crate::model::QName;
use crate::model::xsd::{Schema, SimpleContent, SimpleType};
use crate::resolve::index::SchemaIndex;
use crate::resolve::{DraftKind, Resolver, Source, TypeKey};

impl<'m> Resolver<'m> {
    pub(super) fn simple_draft(
        &mut self,
        idx: &SchemaIndex<'m>,
        id: TypeId,
        schema: &'m Schema,
        simple: &'m SimpleType,
    ) -> Result<DraftKind, ResolveError> {
        let values = |enumerations: &[crate::model::xsd::Enumeration]| {
            enumerations
                .iter()
                .map(|e| (e.value.clone(), e.numeric_value, e.docs.clone()))
                .collect()
        };
        match &simple.content {
            SimpleContent::Restriction { enumerations, .. } if !enumerations.is_empty() => {
                Ok(DraftKind::Enum(values(enumerations)))
            }
            SimpleContent::Restriction { .. } | SimpleContent::Union { .. } => {
                Ok(DraftKind::Alias(self.simple_shape(
                    idx,
                    Some((id, "value")),
                    schema,
                    simple,
                    false,
                )?))
            }
            SimpleContent::List {
                item_type,
                inline_item,
            } => {
                let inline_enum = inline_item.as_deref().and_then(|item| match &item.content {
                    SimpleContent::Restriction { enumerations, .. } if !enumerations.is_empty() => {
                        Some(enumerations)
                    }
                    _ => None,
                });
                if let Some(enumerations) = inline_enum {
                    if enumerations.len() > 64 {
                        return Err(Self::unsupported(
                            &schema.file,
                            &simple.path,
                            "xs:list of more than 64 flags",
                            "flag sets hold at most 64 flags",
                        ));
                    }
                    return Ok(DraftKind::Flags(values(enumerations)));
                }
                let item = match (item_type, inline_item) {
                    (Some(name), _) => self.type_shape(idx, schema, name, &simple.path)?,
                    (None, Some(inline)) => {
                        self.simple_shape(idx, Some((id, "item")), schema, inline, false)?
                    }
                    (None, None) => Shape::Builtin(Builtin::String),
                };
                if !is_simple(&item, self) || matches!(item, Shape::List(_)) {
                    return Err(Self::unsupported(
                        &schema.file,
                        &simple.path,
                        "xs:list of a non-atomic type",
                        "",
                    ));
                }
                Ok(DraftKind::Alias(Shape::List(Box::new(item))))
            }
        }
    }

    pub(super) fn named_simple_shape(
        &mut self,
        idx: &SchemaIndex<'m>,
        name: &QName,
        schema: &'m Schema,
        simple: &'m SimpleType,
    ) -> Result<Shape, ResolveError> {
        match &simple.content {
            SimpleContent::Restriction { enumerations, .. } if enumerations.is_empty() => {
                if self.groups_in_progress.contains(name) {
                    return Err(ResolveError::Invalid {
                        file: schema.file.clone(),
                        path: simple.path.clone(),
                        message: format!("simple type {name} restricts itself"),
                    });
                }
                if self.groups_in_progress.len() >= MAX_REFERENCE_CHAIN {
                    return Err(chain_too_long(&schema.file, &simple.path, "restrictions"));
                }
                self.groups_in_progress.push(name.clone());
                let shape = self.simple_shape(idx, None, schema, simple, true);
                self.groups_in_progress.pop();
                shape
            }
            _ => {
                let id = self.intern(TypeKey::Type(name.clone()));
                self.enqueue(id, Source::Simple(schema, simple));
                Ok(Shape::Named(id))
            }
        }
    }

    /// The shape of a simple type: its base's for a plain restriction, text for a union, an
    /// item list for a list, a generated enum or flag set otherwise. `named` is true for a
    /// named type used by reference.
    pub(super) fn simple_shape(
        &mut self,
        idx: &SchemaIndex<'m>,
        owner: Option<(TypeId, &str)>,
        schema: &'m Schema,
        simple: &'m SimpleType,
        named: bool,
    ) -> Result<Shape, ResolveError> {
        match &simple.content {
            SimpleContent::Restriction {
                base,
                inline_base,
                enumerations,
            } if enumerations.is_empty() => match (base, inline_base) {
                (Some(base), _) => self.type_shape(idx, schema, base, &simple.path),
                (None, Some(inline)) => self.simple_shape(idx, owner, schema, inline, false),
                (None, None) => Err(Self::unsupported(
                    &schema.file,
                    &simple.path,
                    "xs:restriction without a base",
                    "",
                )),
            },
            SimpleContent::Union { .. } if !named => Ok(Shape::Builtin(Builtin::String)),
            SimpleContent::List {
                item_type: Some(item),
                inline_item: None,
            } if !named => {
                let item = self.type_shape(idx, schema, item, &simple.path)?;
                Ok(Shape::List(Box::new(item)))
            }
            _ => {
                let Some((parent, field)) = owner else {
                    return Err(Self::unsupported(
                        &schema.file,
                        &simple.path,
                        "anonymous enumeration here",
                        "name the type",
                    ));
                };
                let id = self.intern(TypeKey::Anonymous {
                    parent,
                    field: field.to_owned(),
                });
                self.enqueue(id, Source::Simple(schema, simple));
                Ok(Shape::Named(id))
            }
        }
    }
}
