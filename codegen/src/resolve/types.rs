//! Schema types to drafts of IR types: struct fields with their shapes (arrays,
//! dictionaries, nillable values), enumerations and flag sets. Named references become
//! [`TypeId`]s shared by every document, so the same type from two documents compares equal.

use super::index::{InSchema, SchemaIndex};
use super::{Draft, DraftField, DraftKind, Resolver, Source, TypeKey};
use crate::error::ResolveError;
use crate::ir::{Array, Builtin, Dictionary, ElementName, Occurs, Shape, TypeId};
use crate::model::xsd::{
    ComplexContent, ComplexType, Element, Group, GroupKind, InlineType, MaxOccurs, Particle,
    Schema, SimpleContent, SimpleType,
};
use crate::model::{QName, SER_NS, XS_NS};

/// The built-in type behind an `xs:` name, if the generator maps it.
fn xs_builtin(local: &str) -> Option<Builtin> {
    Some(match local {
        "string" | "normalizedString" | "token" | "language" | "Name" | "NCName" | "NMTOKEN"
        | "ID" | "IDREF" | "ENTITY" | "anySimpleType" => Builtin::String,
        "anyURI" => Builtin::AnyUri,
        "boolean" => Builtin::Boolean,
        "byte" => Builtin::I8,
        "short" => Builtin::I16,
        "int" => Builtin::I32,
        "long" => Builtin::I64,
        "unsignedByte" => Builtin::U8,
        "unsignedShort" => Builtin::U16,
        "unsignedInt" => Builtin::U32,
        "unsignedLong" => Builtin::U64,
        "float" => Builtin::F32,
        "double" => Builtin::F64,
        "decimal" => Builtin::Decimal,
        "dateTime" => Builtin::DateTime,
        "duration" => Builtin::Duration,
        "base64Binary" => Builtin::Bytes,
        "QName" => Builtin::QName,
        "anyType" => Builtin::AnyType,
        _ => return None,
    })
}

/// The WCF serialization types the generator maps to built-ins.
fn ser_builtin(local: &str) -> Option<Builtin> {
    Some(match local {
        "guid" => Builtin::Uuid,
        "char" => Builtin::Char,
        "duration" => Builtin::Duration,
        _ => return None,
    })
}

/// The name written in documentation for a referenced type.
fn type_label(name: &QName) -> String {
    if name.ns == XS_NS {
        format!("xs:{}", name.local)
    } else if name.ns == SER_NS {
        format!("ser:{}", name.local)
    } else {
        name.local.clone()
    }
}

/// The namespace of a local element declared in `schema`.
fn local_element_ns(schema: &Schema, element: &Element) -> String {
    let qualified = element
        .form_qualified
        .unwrap_or(schema.element_form_qualified);
    if qualified {
        schema.target_ns.clone()
    } else {
        String::new()
    }
}

/// The single repeated element of an `ArrayOfX`-like type.
fn array_item(complex: &ComplexType) -> Option<&Element> {
    if complex.is_dictionary || complex.mixed {
        return None;
    }
    let ComplexContent::Group(group) = &complex.content else {
        return None;
    };
    if group.kind != GroupKind::Sequence || group.max_occurs.is_many() {
        return None;
    }
    match group.particles.as_slice() {
        [Particle::Element(item)] if item.max_occurs.is_many() => Some(item),
        _ => None,
    }
}

impl<'m> Resolver<'m> {
    fn dangling(
        &self,
        idx: &SchemaIndex<'m>,
        path: &str,
        kind: &'static str,
        name: &QName,
    ) -> ResolveError {
        ResolveError::Dangling {
            file: idx.def.file.clone(),
            path: path.to_owned(),
            kind,
            name: name.to_string(),
        }
    }

    pub(super) fn unsupported(
        idx: &SchemaIndex<'m>,
        path: &str,
        construct: &str,
        hint: &str,
    ) -> ResolveError {
        ResolveError::Unsupported {
            file: idx.def.file.clone(),
            path: path.to_owned(),
            construct: construct.to_owned(),
            hint: hint.to_owned(),
        }
    }

    /// The draft of the type behind `source`.
    pub(super) fn resolve_source(
        &mut self,
        idx: &SchemaIndex<'m>,
        id: TypeId,
        source: Source<'m>,
    ) -> Result<Draft, ResolveError> {
        match source {
            Source::Complex(schema, complex, element) => {
                let (fields, base) =
                    self.struct_fields(idx, id, schema, complex, &mut Vec::new())?;
                Ok(Draft {
                    origin: element
                        .as_ref()
                        .map(|e| format!("element {{{}}}{}", e.ns, e.local))
                        .or_else(|| {
                            complex
                                .name
                                .as_ref()
                                .map(|n| format!("complex type {{{}}}{n}", schema.target_ns))
                        })
                        .unwrap_or_else(|| format!("anonymous complex type at {}", complex.path)),
                    docs: complex.docs.clone(),
                    kind: DraftKind::Struct {
                        fields,
                        base,
                        element,
                    },
                })
            }
            Source::Simple(schema, simple) => {
                let origin = match &simple.name {
                    Some(name) => format!("simple type {{{}}}{name}", schema.target_ns),
                    None => format!("anonymous simple type at {}", simple.path),
                };
                let kind = match &simple.content {
                    SimpleContent::Restriction { enumerations, .. } => DraftKind::Enum(
                        enumerations
                            .iter()
                            .map(|e| (e.value.clone(), e.numeric_value, e.docs.clone()))
                            .collect(),
                    ),
                    SimpleContent::List { inline_item, .. } => {
                        let values = inline_item
                            .as_deref()
                            .and_then(|item| match &item.content {
                                SimpleContent::Restriction { enumerations, .. } => {
                                    Some(enumerations)
                                }
                                SimpleContent::List { .. } => None,
                            })
                            .ok_or_else(|| {
                                Self::unsupported(
                                    idx,
                                    &simple.path,
                                    "xs:list",
                                    "only lists of an inline enumeration (flags) are supported yet",
                                )
                            })?;
                        if values.len() > 64 {
                            return Err(Self::unsupported(
                                idx,
                                &simple.path,
                                "xs:list of more than 64 flags",
                                "flag sets hold at most 64 flags",
                            ));
                        }
                        DraftKind::Flags(
                            values
                                .iter()
                                .map(|e| (e.value.clone(), e.numeric_value, e.docs.clone()))
                                .collect(),
                        )
                    }
                };
                Ok(Draft {
                    origin,
                    docs: simple.docs.clone(),
                    kind,
                })
            }
        }
    }

    /// The fields of a complex type, base fields first, and its base type.
    fn struct_fields(
        &mut self,
        idx: &SchemaIndex<'m>,
        id: TypeId,
        schema: &'m Schema,
        complex: &'m ComplexType,
        bases_seen: &mut Vec<String>,
    ) -> Result<(Vec<DraftField>, Option<TypeId>), ResolveError> {
        if complex.mixed {
            return Err(Self::unsupported(
                idx,
                &complex.path,
                "mixed content",
                "not supported by the generator yet",
            ));
        }
        if complex.is_dictionary {
            return Err(Self::unsupported(
                idx,
                &complex.path,
                "a dictionary type used as a message element",
                "dictionaries are supported as field types only",
            ));
        }
        match &complex.content {
            ComplexContent::Empty => Ok((Vec::new(), None)),
            ComplexContent::Group(group) => Ok((self.group_fields(idx, id, schema, group)?, None)),
            ComplexContent::Extension { base, group, path } => {
                if bases_seen.contains(&complex.path) {
                    return Err(ResolveError::Invalid {
                        file: idx.def.file.clone(),
                        path: path.clone(),
                        message: format!("extension cycle through base type {base}"),
                    });
                }
                bases_seen.push(complex.path.clone());
                let Some((base_schema, base_type)) = idx.complex_type(base) else {
                    if idx.simple_type(base).is_some() || base.ns == XS_NS {
                        return Err(Self::unsupported(
                            idx,
                            path,
                            "complexContent extension of a simple type",
                            "use simpleContent",
                        ));
                    }
                    return Err(self.dangling(idx, path, "base type", base));
                };
                let base_id = self.intern(TypeKey::Type(base.clone()));
                self.enqueue(base_id, Source::Complex(base_schema, base_type, None));
                let (mut fields, _) =
                    self.struct_fields(idx, base_id, base_schema, base_type, bases_seen)?;
                if let Some(group) = group {
                    fields.extend(self.group_fields(idx, id, schema, group)?);
                }
                Ok((fields, Some(base_id)))
            }
        }
    }

    fn group_fields(
        &mut self,
        idx: &SchemaIndex<'m>,
        id: TypeId,
        schema: &'m Schema,
        group: &'m Group,
    ) -> Result<Vec<DraftField>, ResolveError> {
        match group.kind {
            GroupKind::Sequence => {}
            GroupKind::Choice => {
                return Err(Self::unsupported(
                    idx,
                    &group.path,
                    "xs:choice",
                    "not supported by the generator yet",
                ));
            }
            GroupKind::All => {
                return Err(Self::unsupported(
                    idx,
                    &group.path,
                    "xs:all",
                    "not supported by the generator yet",
                ));
            }
        }
        if group.min_occurs != 1 || group.max_occurs != MaxOccurs::Bounded(1) {
            return Err(Self::unsupported(
                idx,
                &group.path,
                "xs:sequence with minOccurs or maxOccurs",
                "not supported by the generator yet",
            ));
        }
        let mut fields = Vec::new();
        for particle in &group.particles {
            match particle {
                Particle::Element(element) => fields.push(self.field(idx, id, schema, element)?),
                Particle::Group(nested) => {
                    return Err(Self::unsupported(
                        idx,
                        &nested.path,
                        "nested model group",
                        "not supported by the generator yet",
                    ));
                }
            }
        }
        Ok(fields)
    }

    /// A local element (or element reference) as a field of type `owner`.
    fn field(
        &mut self,
        idx: &SchemaIndex<'m>,
        owner: TypeId,
        schema: &'m Schema,
        particle: &'m Element,
    ) -> Result<DraftField, ResolveError> {
        let (decl_schema, decl, ns) = match &particle.reference {
            Some(reference) => {
                let (ref_schema, decl) = idx
                    .element(reference)
                    .ok_or_else(|| self.dangling(idx, &particle.path, "element", reference))?;
                (ref_schema, decl, reference.ns.clone())
            }
            None => (schema, particle, local_element_ns(schema, particle)),
        };
        let local = decl.name.clone().unwrap_or_default();
        let (shape, schema_type) =
            self.element_shape(idx, Some((owner, &local)), decl_schema, decl)?;
        let occurs = if particle.max_occurs.is_many() {
            Occurs::Repeated {
                min: particle.min_occurs,
                max: match particle.max_occurs {
                    MaxOccurs::Bounded(n) => Some(n),
                    MaxOccurs::Unbounded => None,
                },
            }
        } else if particle.min_occurs == 0 {
            Occurs::Optional
        } else {
            Occurs::Required
        };
        Ok(DraftField {
            element: ElementName { ns, local },
            occurs,
            shape,
            schema_type,
            docs: decl.docs.clone().or_else(|| particle.docs.clone()),
        })
    }

    /// What one occurrence of `element` holds: its type's shape, wrapped in `Nillable` when
    /// the element is nillable. `owner` names anonymous types after their parent and field.
    pub(super) fn element_shape(
        &mut self,
        idx: &SchemaIndex<'m>,
        owner: Option<(TypeId, &str)>,
        schema: &'m Schema,
        element: &'m Element,
    ) -> Result<(Shape, String), ResolveError> {
        let (shape, label) = match (&element.type_name, &element.inline) {
            (Some(name), _) => (self.type_shape(idx, name, &element.path)?, type_label(name)),
            (None, Some(InlineType::Complex(complex))) => {
                let Some((parent, field)) = owner else {
                    return Err(Self::unsupported(
                        idx,
                        &element.path,
                        "anonymous complex type here",
                        "name the type",
                    ));
                };
                if let Some(item) = array_item(complex) {
                    let _ = item;
                    return Err(Self::unsupported(
                        idx,
                        &element.path,
                        "anonymous array type",
                        "name the type",
                    ));
                }
                let key = TypeKey::Anonymous {
                    parent,
                    field: field.to_owned(),
                };
                let id = self.intern(key);
                self.enqueue(id, Source::Complex(schema, complex, None));
                (Shape::Named(id), "anonymous complex type".to_owned())
            }
            (None, Some(InlineType::Simple(simple))) => {
                let shape = self.simple_shape(idx, owner, schema, simple)?;
                (shape, "anonymous simple type".to_owned())
            }
            (None, None) => (Shape::Builtin(Builtin::AnyType), "xs:anyType".to_owned()),
        };
        if element.nillable {
            Ok((Shape::Nillable(Box::new(shape)), label))
        } else {
            Ok((shape, label))
        }
    }

    /// The shape of the named type `name`, referenced at `path`.
    pub(super) fn type_shape(
        &mut self,
        idx: &SchemaIndex<'m>,
        name: &QName,
        path: &str,
    ) -> Result<Shape, ResolveError> {
        if name.ns == XS_NS {
            return xs_builtin(&name.local).map(Shape::Builtin).ok_or_else(|| {
                Self::unsupported(
                    idx,
                    path,
                    &format!("built-in type xs:{}", name.local),
                    "not supported by the generator yet",
                )
            });
        }
        if name.ns == SER_NS
            && let Some(builtin) = ser_builtin(&name.local)
        {
            return Ok(Shape::Builtin(builtin));
        }
        if let Some((schema, complex)) = idx.complex_type(name) {
            return self.complex_shape(idx, name, schema, complex);
        }
        if let Some((schema, simple)) = idx.simple_type(name) {
            return self.named_simple_shape(idx, name, schema, simple);
        }
        Err(self.dangling(idx, path, "type", name))
    }

    fn complex_shape(
        &mut self,
        idx: &SchemaIndex<'m>,
        name: &QName,
        schema: &'m Schema,
        complex: &'m ComplexType,
    ) -> Result<Shape, ResolveError> {
        if let Some(item) = array_item(complex) {
            let (item_schema, item_decl, item_ns) = match &item.reference {
                Some(reference) => {
                    let (s, e) = idx
                        .element(reference)
                        .ok_or_else(|| self.dangling(idx, &item.path, "element", reference))?;
                    (s, e, reference.ns.clone())
                }
                None => (schema, item, local_element_ns(schema, item)),
            };
            let (item_shape, _) = self.element_shape(idx, None, item_schema, item_decl)?;
            return Ok(Shape::Array(Box::new(Array {
                item: ElementName {
                    ns: item_ns,
                    local: item_decl.name.clone().unwrap_or_default(),
                },
                item_shape,
            })));
        }
        if complex.is_dictionary {
            return self.dictionary_shape(idx, schema, complex);
        }
        let id = self.intern(TypeKey::Type(name.clone()));
        self.enqueue(id, Source::Complex(schema, complex, None));
        Ok(Shape::Named(id))
    }

    fn dictionary_shape(
        &mut self,
        idx: &SchemaIndex<'m>,
        schema: &'m Schema,
        complex: &'m ComplexType,
    ) -> Result<Shape, ResolveError> {
        let malformed = || {
            Self::unsupported(
                idx,
                &complex.path,
                "IsDictionary type of this shape",
                "expected a sequence of one repeated entry element holding Key and Value",
            )
        };
        let ComplexContent::Group(group) = &complex.content else {
            return Err(malformed());
        };
        let [Particle::Element(entry)] = group.particles.as_slice() else {
            return Err(malformed());
        };
        let Some(InlineType::Complex(entry_type)) = &entry.inline else {
            return Err(malformed());
        };
        let ComplexContent::Group(entry_group) = &entry_type.content else {
            return Err(malformed());
        };
        let [Particle::Element(key), Particle::Element(value)] = entry_group.particles.as_slice()
        else {
            return Err(malformed());
        };
        let (key_shape, _) = self.element_shape(idx, None, schema, key)?;
        let key_shape = match key_shape {
            Shape::Nillable(inner) => *inner,
            other => other,
        };
        let (value_shape, _) = self.element_shape(idx, None, schema, value)?;
        Ok(Shape::Dictionary(Box::new(Dictionary {
            entry: ElementName {
                ns: local_element_ns(schema, entry),
                local: entry.name.clone().unwrap_or_default(),
            },
            key: ElementName {
                ns: local_element_ns(schema, key),
                local: key.name.clone().unwrap_or_default(),
            },
            key_shape,
            value: ElementName {
                ns: local_element_ns(schema, value),
                local: value.name.clone().unwrap_or_default(),
            },
            value_shape,
        })))
    }

    fn named_simple_shape(
        &mut self,
        idx: &SchemaIndex<'m>,
        name: &QName,
        schema: &'m Schema,
        simple: &'m SimpleType,
    ) -> Result<Shape, ResolveError> {
        match &simple.content {
            SimpleContent::Restriction { enumerations, .. } if !enumerations.is_empty() => {
                let id = self.intern(TypeKey::Type(name.clone()));
                self.enqueue(id, Source::Simple(schema, simple));
                Ok(Shape::Named(id))
            }
            SimpleContent::List { .. } => {
                let id = self.intern(TypeKey::Type(name.clone()));
                self.enqueue(id, Source::Simple(schema, simple));
                Ok(Shape::Named(id))
            }
            SimpleContent::Restriction { .. } => self.simple_shape(idx, None, schema, simple),
        }
    }

    /// The shape of a simple type: its base's for a plain restriction, a generated enum or
    /// flag set otherwise.
    fn simple_shape(
        &mut self,
        idx: &SchemaIndex<'m>,
        owner: Option<(TypeId, &str)>,
        schema: &'m Schema,
        simple: &'m SimpleType,
    ) -> Result<Shape, ResolveError> {
        match &simple.content {
            SimpleContent::Restriction {
                base,
                inline_base,
                enumerations,
            } if enumerations.is_empty() => match (base, inline_base) {
                (Some(base), _) => self.type_shape(idx, base, &simple.path),
                (None, Some(inline)) => self.simple_shape(idx, owner, schema, inline),
                (None, None) => Err(Self::unsupported(
                    idx,
                    &simple.path,
                    "xs:restriction without a base",
                    "",
                )),
            },
            _ => {
                let Some((parent, field)) = owner else {
                    return Err(Self::unsupported(
                        idx,
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

    /// The type of a message's body element: the element's anonymous type, or the named
    /// complex type it refers to.
    pub(super) fn body_type(
        &mut self,
        idx: &SchemaIndex<'m>,
        element: InSchema<'m, Element>,
        name: &QName,
    ) -> Result<TypeId, ResolveError> {
        let (schema, decl) = element;
        match (&decl.type_name, &decl.inline) {
            (None, Some(InlineType::Complex(complex))) => {
                let id = self.intern(TypeKey::Element(name.clone()));
                let element = ElementName {
                    ns: name.ns.clone(),
                    local: name.local.clone(),
                };
                self.enqueue(id, Source::Complex(schema, complex, Some(element)));
                Ok(id)
            }
            (Some(type_name), _) => match idx.complex_type(type_name) {
                Some((type_schema, complex))
                    if array_item(complex).is_none() && !complex.is_dictionary =>
                {
                    let id = self.intern(TypeKey::Type(type_name.clone()));
                    self.enqueue(id, Source::Complex(type_schema, complex, None));
                    Ok(id)
                }
                _ => Err(Self::unsupported(
                    idx,
                    &decl.path,
                    "message element of a simple, array or dictionary type",
                    "not supported by the generator yet",
                )),
            },
            _ => Err(Self::unsupported(
                idx,
                &decl.path,
                "message element without a complex type",
                "not supported by the generator yet",
            )),
        }
    }
}
