//! Schema types to drafts of IR types: struct fields and attributes with their shapes
//! (arrays, dictionaries, nillable values, choices, wildcards), enumerations, flag sets,
//! polymorphic families and aliases. Named references become [`TypeId`]s shared by every
//! document, so the same type from two documents compares equal.

use std::collections::HashSet;

use super::index::{InSchema, SchemaIndex};
use super::{
    Draft, DraftAttribute, DraftField, DraftKind, DraftStruct, DraftVariant, Resolver, Source,
    TypeKey,
};
use crate::error::ResolveError;
use crate::ir::{Array, Builtin, Dictionary, ElementName, FieldKind, Occurs, Shape, TypeId};
use crate::model::xsd::{
    AttributeItem, ComplexContent, ComplexType, Element, Group, GroupKind, InlineType, MaxOccurs,
    Particle, Schema, SimpleContent, SimpleType,
};
use crate::model::{QName, SER_NS, SOAP12ENC_NS, SOAPENC_NS, XS_NS};

const NOT_YET: &str = "not supported by the generator yet";

/// The longest chain of derivations, of named group or attribute group references, or of
/// simple types restricting one another that is followed. Real schemas stay within a handful;
/// the limit keeps the recursion that follows them from overflowing the stack.
const MAX_REFERENCE_CHAIN: usize = 64;

/// The error for a chain of `what` longer than [`MAX_REFERENCE_CHAIN`].
fn chain_too_long(file: &str, path: &str, what: &str) -> ResolveError {
    ResolveError::Invalid {
        file: file.to_owned(),
        path: path.to_owned(),
        message: format!("more than {MAX_REFERENCE_CHAIN} {what} in a chain"),
    }
}

/// The built-in type behind an `xs:` name, if the generator maps it.
fn xs_builtin(local: &str) -> Option<Builtin> {
    Some(match local {
        "string" | "normalizedString" | "token" | "language" | "Name" | "NCName" | "NMTOKEN"
        | "ID" | "IDREF" | "ENTITY" | "anySimpleType" | "NMTOKENS" | "IDREFS" | "ENTITIES" => {
            Builtin::String
        }
        // Kept as their lexical form: no Rust type would round-trip them all exactly.
        "date" | "time" | "gYear" | "gYearMonth" | "gMonth" | "gMonthDay" | "gDay"
        | "hexBinary" => Builtin::String,
        "integer" | "negativeInteger" | "nonPositiveInteger" => Builtin::I64,
        "nonNegativeInteger" | "positiveInteger" => Builtin::U64,
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

/// The simple types of the SOAP encoding schema (`soapenc:string`, `soapenc:int`, …): the
/// XML Schema built-in of the same name (each only adds the `id` and `href` attributes of
/// multi-reference values), and `soapenc:base64`, another name of `xs:base64Binary`.
fn soapenc_builtin(local: &str) -> Option<Builtin> {
    match local {
        "base64" => Some(Builtin::Bytes),
        "anyType" | "anySimpleType" => None,
        other => xs_builtin(other),
    }
}

/// The name written in documentation for a referenced type.
fn type_label(name: &QName) -> String {
    if name.ns == XS_NS {
        format!("xs:{}", name.local)
    } else if matches!(name.ns.as_str(), SOAPENC_NS | SOAP12ENC_NS) {
        format!("soapenc:{}", name.local)
    } else if name.ns == SER_NS {
        format!("ser:{}", name.local)
    } else {
        name.local.clone()
    }
}

/// The namespace of a local element declared in `schema`.
fn local_element_ns(schema: &Schema, element: &Element) -> String {
    if element
        .form_qualified
        .unwrap_or(schema.element_form_qualified)
    {
        schema.target_ns.clone()
    } else {
        String::new()
    }
}

/// The single repeated element of an `ArrayOfX`-like type.
fn array_item(complex: &ComplexType) -> Option<&Element> {
    if complex.is_dictionary
        || complex.mixed
        || !complex.attributes.is_empty()
        || complex.any_attribute
    {
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

/// The element declaration behind an element particle: the global element it refers to, or
/// itself. `None` for a dangling reference (resolution reports it).
fn declared<'m>(
    idx: &SchemaIndex<'m>,
    schema: &'m Schema,
    element: &'m Element,
) -> Option<(&'m Schema, &'m Element)> {
    match &element.reference {
        Some(reference) => idx.element(reference),
        None => Some((schema, element)),
    }
}

/// The entry, key and value elements of a well-formed `IsDictionary` type.
fn dictionary_entry(complex: &ComplexType) -> Option<(&Element, &Element, &Element)> {
    let ComplexContent::Group(group) = &complex.content else {
        return None;
    };
    let [Particle::Element(entry)] = group.particles.as_slice() else {
        return None;
    };
    let Some(InlineType::Complex(entry_type)) = &entry.inline else {
        return None;
    };
    let ComplexContent::Group(entry_group) = &entry_type.content else {
        return None;
    };
    match entry_group.particles.as_slice() {
        [Particle::Element(key), Particle::Element(value)] => Some((entry, key, value)),
        _ => None,
    }
}

/// Whether a complex type is inlined where it is used: an `ArrayOfX` wrapper as a `Vec` of its
/// items, a dictionary as a `Vec` of pairs.
fn is_wrapper(complex: &ComplexType) -> bool {
    complex.is_dictionary || array_item(complex).is_some()
}

/// The named wrapper types that inlining the wrapper `complex` of `schema` inlines in turn:
/// the type of its item, or of its key and value, when that is a wrapper too.
fn wrapped<'m>(
    idx: &SchemaIndex<'m>,
    schema: &'m Schema,
    complex: &'m ComplexType,
) -> Vec<&'m QName> {
    let elements: Vec<&'m Element> = if complex.is_dictionary {
        dictionary_entry(complex)
            .map(|(_, key, value)| vec![key, value])
            .unwrap_or_default()
    } else {
        array_item(complex)
            .and_then(|item| declared(idx, schema, item))
            .map(|(_, decl)| decl)
            .into_iter()
            .collect()
    };
    elements
        .into_iter()
        .filter_map(|element| element.type_name.as_ref())
        .filter(|name| idx.complex_type(name).is_some_and(|(_, c)| is_wrapper(c)))
        .collect()
}

/// Whether inlining the wrapper type `name` would inline `name` again, through its items or
/// the items of the wrappers they are (a `Tree` repeating `Tree`, `A` repeating `B` repeating
/// `A`). Such a type is a struct instead: a field of it is a `Vec` of itself, which needs no
/// `Box`. Every type on a cycle is a struct, so the answer does not depend on where the
/// cycle is entered. The walk keeps its own stack: the wrappers can be many.
fn wraps_itself<'m>(idx: &SchemaIndex<'m>, name: &QName) -> bool {
    let mut seen: HashSet<&QName> = HashSet::new();
    let mut stack: Vec<&QName> = Vec::new();
    if let Some((schema, complex)) = idx.complex_type(name) {
        stack.extend(wrapped(idx, schema, complex));
    }
    while let Some(current) = stack.pop() {
        if current == name {
            return true;
        }
        if !seen.insert(current) {
            continue;
        }
        if let Some((schema, complex)) = idx.complex_type(current) {
            stack.extend(wrapped(idx, schema, complex));
        }
    }
    false
}

/// Whether a shape is a single lexical value (usable as an attribute, text or list item).
fn is_simple(shape: &Shape, resolver: &Resolver<'_>) -> bool {
    match shape {
        Shape::Builtin(b) => !matches!(b, Builtin::AnyType | Builtin::AnyElement | Builtin::QName),
        Shape::List(_) => true,
        Shape::Named(id) => resolver.simple_ids.contains(id),
        _ => false,
    }
}

/// How often a particle occurs, within a context that may make it optional.
fn occurs(min: u32, max: MaxOccurs, optional_context: bool) -> Occurs {
    let min = if optional_context { 0 } else { min };
    if max.is_many() {
        Occurs::Repeated {
            min,
            max: match max {
                MaxOccurs::Bounded(n) => Some(n),
                MaxOccurs::Unbounded => None,
            },
        }
    } else if min == 0 {
        Occurs::Optional
    } else {
        Occurs::Required
    }
}

impl<'m> Resolver<'m> {
    pub(super) fn dangling(
        file: &str,
        path: &str,
        kind: &'static str,
        name: &QName,
    ) -> ResolveError {
        ResolveError::Dangling {
            file: file.to_owned(),
            path: path.to_owned(),
            kind,
            name: name.to_string(),
        }
    }

    pub(super) fn unsupported(file: &str, path: &str, construct: &str, hint: &str) -> ResolveError {
        ResolveError::Unsupported {
            file: file.to_owned(),
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
                let origin = element
                    .as_ref()
                    .map(|e| format!("element {{{}}}{}", e.ns, e.local))
                    .or_else(|| {
                        complex
                            .name
                            .as_ref()
                            .map(|n| format!("complex type {{{}}}{n}", schema.target_ns))
                    })
                    .unwrap_or_else(|| format!("anonymous complex type at {}", complex.path));
                let mut draft = self.struct_draft(idx, id, schema, complex, &mut Vec::new())?;
                draft.element = element;
                Ok(Draft {
                    origin,
                    docs: complex.docs.clone(),
                    kind: DraftKind::Struct(draft),
                })
            }
            Source::Simple(schema, simple) => {
                let origin = match &simple.name {
                    Some(name) => format!("simple type {{{}}}{name}", schema.target_ns),
                    None => format!("anonymous simple type at {}", simple.path),
                };
                let kind = self.simple_draft(idx, id, schema, simple)?;
                Ok(Draft {
                    origin,
                    docs: simple.docs.clone(),
                    kind,
                })
            }
        }
    }

    fn simple_draft(
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

    /// The struct of a complex type: fields (base fields first), attributes, text content.
    fn struct_draft(
        &mut self,
        idx: &SchemaIndex<'m>,
        id: TypeId,
        schema: &'m Schema,
        complex: &'m ComplexType,
        bases_seen: &mut Vec<String>,
    ) -> Result<DraftStruct, ResolveError> {
        let mut draft = DraftStruct::default();
        if complex.mixed {
            draft.mixed = true;
            return Ok(draft);
        }
        if bases_seen.contains(&complex.path) {
            return Err(ResolveError::Invalid {
                file: schema.file.clone(),
                path: complex.path.clone(),
                message: format!("derivation cycle: {}", bases_seen.join(" → ")),
            });
        }
        if bases_seen.len() >= MAX_REFERENCE_CHAIN {
            return Err(chain_too_long(&schema.file, &complex.path, "derivations"));
        }
        bases_seen.push(complex.path.clone());
        match &complex.content {
            ComplexContent::Empty => {}
            ComplexContent::Group(group) => {
                self.group_fields(idx, id, schema, group, false, &mut draft.fields)?
            }
            ComplexContent::Extension { base, group, path } => {
                let Some((base_schema, base_type)) = idx.complex_type(base) else {
                    if idx.simple_type(base).is_some() || base.ns == XS_NS {
                        return Err(Self::unsupported(
                            &schema.file,
                            path,
                            "complexContent extension of a simple type",
                            "use simpleContent",
                        ));
                    }
                    return Err(Self::dangling(&schema.file, path, "base type", base));
                };
                let base_id = self.intern(TypeKey::Type(base.clone()));
                self.enqueue(base_id, Source::Complex(base_schema, base_type, None));
                draft = self.struct_draft(idx, base_id, base_schema, base_type, bases_seen)?;
                draft.element = None;
                draft.base = Some(base_id);
                if draft.mixed {
                    return Ok(draft);
                }
                if let Some(group) = group {
                    self.group_fields(idx, id, schema, group, false, &mut draft.fields)?;
                }
            }
            ComplexContent::Restriction { base, group, path } => {
                let Some((base_schema, base_type)) = idx.complex_type(base) else {
                    if base.ns == XS_NS && base.local == "anyType" {
                        if let Some(group) = group {
                            self.group_fields(idx, id, schema, group, false, &mut draft.fields)?;
                        }
                        self.attributes(
                            idx,
                            id,
                            schema,
                            &complex.attributes,
                            &mut draft,
                            &mut Vec::new(),
                        )?;
                        draft.any_attribute |= complex.any_attribute;
                        return Ok(draft);
                    }
                    return Err(Self::dangling(&schema.file, path, "base type", base));
                };
                let base_id = self.intern(TypeKey::Type(base.clone()));
                let inherited =
                    self.struct_draft(idx, base_id, base_schema, base_type, bases_seen)?;
                draft.attributes = inherited.attributes;
                draft.any_attribute = inherited.any_attribute;
                if let Some(group) = group {
                    self.group_fields(idx, id, schema, group, false, &mut draft.fields)?;
                }
            }
            ComplexContent::Simple { base, path } => {
                if let Some((base_schema, base_type)) = idx.complex_type(base) {
                    let base_id = self.intern(TypeKey::Type(base.clone()));
                    draft = self.struct_draft(idx, base_id, base_schema, base_type, bases_seen)?;
                    draft.element = None;
                    if draft.text.is_none() {
                        return Err(Self::unsupported(
                            &schema.file,
                            path,
                            "simpleContent based on a type without simple content",
                            "",
                        ));
                    }
                    self.enqueue(base_id, Source::Complex(base_schema, base_type, None));
                    draft.base = Some(base_id);
                } else {
                    let shape = self.type_shape(idx, schema, base, path)?;
                    if !is_simple(&shape, self) {
                        return Err(Self::unsupported(
                            &schema.file,
                            path,
                            "simpleContent of a complex type",
                            "",
                        ));
                    }
                    draft.text = Some(shape);
                }
            }
        }
        self.attributes(
            idx,
            id,
            schema,
            &complex.attributes,
            &mut draft,
            &mut Vec::new(),
        )?;
        draft.any_attribute |= complex.any_attribute;
        Ok(draft)
    }

    /// Adds the attributes of `items` to `draft` (a later declaration of the same name
    /// replaces an inherited one; `use="prohibited"` removes it).
    fn attributes(
        &mut self,
        idx: &SchemaIndex<'m>,
        owner: TypeId,
        schema: &'m Schema,
        items: &'m [AttributeItem],
        draft: &mut DraftStruct,
        groups_seen: &mut Vec<QName>,
    ) -> Result<(), ResolveError> {
        for item in items {
            match item {
                AttributeItem::GroupRef { name, path } => {
                    if groups_seen.contains(name) {
                        return Err(ResolveError::Invalid {
                            file: schema.file.clone(),
                            path: path.clone(),
                            message: format!("attribute group {name} refers to itself"),
                        });
                    }
                    let (group_schema, group) = idx.attribute_group(name).ok_or_else(|| {
                        Self::dangling(&schema.file, path, "attribute group", name)
                    })?;
                    if groups_seen.len() >= MAX_REFERENCE_CHAIN {
                        return Err(chain_too_long(
                            &schema.file,
                            path,
                            "attribute group references",
                        ));
                    }
                    groups_seen.push(name.clone());
                    self.attributes(
                        idx,
                        owner,
                        group_schema,
                        &group.attributes,
                        draft,
                        groups_seen,
                    )?;
                    groups_seen.pop();
                    draft.any_attribute |= group.any_attribute;
                }
                AttributeItem::Attribute(attribute) => {
                    let (name, decl_type, inline, decl_default) = match &attribute.reference {
                        Some(reference) => {
                            let (_, decl) = idx.attribute(reference).ok_or_else(|| {
                                Self::dangling(
                                    &schema.file,
                                    &attribute.path,
                                    "attribute",
                                    reference,
                                )
                            })?;
                            let default = decl.default.clone().or_else(|| decl.fixed.clone());
                            (
                                ElementName {
                                    ns: reference.ns.clone(),
                                    local: reference.local.clone(),
                                },
                                decl.type_name.as_ref(),
                                decl.inline.as_deref(),
                                default,
                            )
                        }
                        None => {
                            let qualified = attribute
                                .form_qualified
                                .unwrap_or(schema.attribute_form_qualified);
                            let ns = if qualified {
                                schema.target_ns.clone()
                            } else {
                                String::new()
                            };
                            let local = attribute.name.clone().unwrap_or_default();
                            (
                                ElementName { ns, local },
                                attribute.type_name.as_ref(),
                                attribute.inline.as_deref(),
                                None,
                            )
                        }
                    };
                    draft.attributes.retain(|a| a.name != name);
                    if attribute.prohibited {
                        continue;
                    }
                    let (shape, schema_type) = match (decl_type, inline) {
                        (Some(type_name), _) => (
                            self.type_shape(idx, schema, type_name, &attribute.path)?,
                            type_label(type_name),
                        ),
                        (None, Some(simple)) => {
                            let field = format!("{}Attribute", name.local);
                            let shape = self.simple_shape(
                                idx,
                                Some((owner, &field)),
                                schema,
                                simple,
                                false,
                            )?;
                            (shape, "anonymous simple type".to_owned())
                        }
                        (None, None) => (
                            Shape::Builtin(Builtin::String),
                            "xs:anySimpleType".to_owned(),
                        ),
                    };
                    if !is_simple(&shape, self) {
                        return Err(Self::unsupported(
                            &schema.file,
                            &attribute.path,
                            "attribute of a non-simple type",
                            "",
                        ));
                    }
                    draft.attributes.push(DraftAttribute {
                        name,
                        shape,
                        required: attribute.required,
                        default: attribute
                            .default
                            .clone()
                            .or_else(|| attribute.fixed.clone())
                            .or(decl_default),
                        schema_type,
                        docs: attribute.docs.clone(),
                    });
                }
            }
        }
        Ok(())
    }

    /// Adds the fields of `group` to `fields`; `optional` when an enclosing group may be absent.
    fn group_fields(
        &mut self,
        idx: &SchemaIndex<'m>,
        owner: TypeId,
        schema: &'m Schema,
        group: &'m Group,
        optional: bool,
        fields: &mut Vec<DraftField>,
    ) -> Result<(), ResolveError> {
        if group.kind == GroupKind::Choice {
            let field = self.choice_field(idx, owner, schema, group, optional, fields.len())?;
            fields.push(field);
            return Ok(());
        }
        if group.max_occurs.is_many() {
            return Err(Self::unsupported(
                &schema.file,
                &group.path,
                "repeated xs:sequence or xs:all",
                NOT_YET,
            ));
        }
        let optional = optional || group.min_occurs == 0;
        for particle in &group.particles {
            match particle {
                Particle::Element(element) => {
                    let field =
                        self.element_field(idx, owner, schema, element, optional, fields.len())?;
                    fields.push(field);
                }
                Particle::Group(nested) => {
                    self.group_fields(idx, owner, schema, nested, optional, fields)?
                }
                Particle::GroupRef {
                    name,
                    min_occurs,
                    max_occurs,
                    path,
                } => {
                    let (group_schema, def) = idx
                        .group(name)
                        .ok_or_else(|| Self::dangling(&schema.file, path, "group", name))?;
                    if self.groups_in_progress.contains(name) {
                        return Err(ResolveError::Invalid {
                            file: schema.file.clone(),
                            path: path.clone(),
                            message: format!("group {name} contains itself"),
                        });
                    }
                    if def.group.kind != GroupKind::Choice && max_occurs.is_many() {
                        return Err(Self::unsupported(
                            &schema.file,
                            path,
                            "repeated xs:group reference",
                            NOT_YET,
                        ));
                    }
                    if self.groups_in_progress.len() >= MAX_REFERENCE_CHAIN {
                        return Err(chain_too_long(&schema.file, path, "group references"));
                    }
                    self.groups_in_progress.push(name.clone());
                    let result = if def.group.kind == GroupKind::Choice {
                        self.choice_field_with(
                            idx,
                            owner,
                            group_schema,
                            &def.group,
                            optional,
                            fields.len(),
                            Some((&name.local, *min_occurs, *max_occurs)),
                        )
                        .map(|field| fields.push(field))
                    } else {
                        self.group_fields(
                            idx,
                            owner,
                            group_schema,
                            &def.group,
                            optional || *min_occurs == 0,
                            fields,
                        )
                    };
                    self.groups_in_progress.pop();
                    result?;
                }
                Particle::Any {
                    min_occurs,
                    max_occurs,
                    ..
                } => fields.push(DraftField {
                    kind: FieldKind::Any,
                    element: ElementName {
                        ns: String::new(),
                        local: "any".to_owned(),
                    },
                    occurs: occurs(*min_occurs, *max_occurs, optional),
                    shape: Shape::Builtin(Builtin::AnyElement),
                    schema_type: "xs:any".to_owned(),
                    docs: None,
                    default: None,
                }),
            }
        }
        Ok(())
    }

    /// An `xs:choice` as a field holding a generated enum.
    fn choice_field(
        &mut self,
        idx: &SchemaIndex<'m>,
        owner: TypeId,
        schema: &'m Schema,
        group: &'m Group,
        optional: bool,
        position: usize,
    ) -> Result<DraftField, ResolveError> {
        self.choice_field_with(idx, owner, schema, group, optional, position, None)
    }

    /// [`Resolver::choice_field`] with the name and occurrence bounds of a group reference:
    /// the field is then named after the group.
    #[allow(clippy::too_many_arguments)]
    fn choice_field_with(
        &mut self,
        idx: &SchemaIndex<'m>,
        owner: TypeId,
        schema: &'m Schema,
        group: &'m Group,
        optional: bool,
        position: usize,
        reference: Option<(&str, u32, MaxOccurs)>,
    ) -> Result<DraftField, ResolveError> {
        let (label, min_occurs, max_occurs) =
            reference.unwrap_or(("choice", group.min_occurs, group.max_occurs));
        let mut variants = Vec::new();
        let (mut empty_allowed, mut repeated) = (
            min_occurs == 0 || group.min_occurs == 0,
            max_occurs.is_many() || group.max_occurs.is_many(),
        );
        self.choice_variants(
            idx,
            owner,
            schema,
            group,
            &mut variants,
            &mut empty_allowed,
            &mut repeated,
        )?;
        let field = match reference {
            Some(_) => format!("{label}Choice#{position}"),
            None => format!("choice#{position}"),
        };
        let id = self.intern(TypeKey::Anonymous {
            parent: owner,
            field,
        });
        self.define(
            id,
            Draft {
                origin: format!("xs:choice at {}", group.path),
                docs: None,
                kind: DraftKind::Choice(variants),
            },
        );
        let occurs = match (repeated, empty_allowed || optional) {
            (true, empty) => Occurs::Repeated {
                min: if empty { 0 } else { min_occurs.max(1) },
                max: match max_occurs {
                    MaxOccurs::Bounded(n) if n > 1 => Some(n),
                    _ => None,
                },
            },
            (false, true) => Occurs::Optional,
            (false, false) => Occurs::Required,
        };
        Ok(DraftField {
            kind: FieldKind::Choice,
            element: ElementName {
                ns: String::new(),
                local: label.to_owned(),
            },
            occurs,
            shape: Shape::Named(id),
            schema_type: match reference {
                Some(_) => format!("xs:choice of group {label}"),
                None => "xs:choice".to_owned(),
            },
            docs: None,
            default: None,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn choice_variants(
        &mut self,
        idx: &SchemaIndex<'m>,
        owner: TypeId,
        schema: &'m Schema,
        group: &'m Group,
        variants: &mut Vec<DraftVariant>,
        empty_allowed: &mut bool,
        repeated: &mut bool,
    ) -> Result<(), ResolveError> {
        for particle in &group.particles {
            match particle {
                Particle::Element(element) => {
                    *empty_allowed |= element.min_occurs == 0;
                    *repeated |= element.max_occurs.is_many();
                    self.element_variants(idx, owner, schema, element, variants)?;
                }
                Particle::Group(nested) if nested.kind == GroupKind::Choice => {
                    *empty_allowed |= nested.min_occurs == 0;
                    *repeated |= nested.max_occurs.is_many();
                    self.choice_variants(
                        idx,
                        owner,
                        schema,
                        nested,
                        variants,
                        empty_allowed,
                        repeated,
                    )?;
                }
                Particle::GroupRef {
                    name,
                    min_occurs,
                    max_occurs,
                    path,
                } => {
                    let (group_schema, def) = idx
                        .group(name)
                        .ok_or_else(|| Self::dangling(&schema.file, path, "group", name))?;
                    if def.group.kind != GroupKind::Choice {
                        return Err(Self::unsupported(
                            &schema.file,
                            path,
                            "a sequence group inside xs:choice",
                            NOT_YET,
                        ));
                    }
                    *empty_allowed |= *min_occurs == 0;
                    *repeated |= max_occurs.is_many();
                    self.choice_variants(
                        idx,
                        owner,
                        group_schema,
                        &def.group,
                        variants,
                        empty_allowed,
                        repeated,
                    )?;
                }
                Particle::Group(nested) => {
                    let construct = match nested.kind {
                        GroupKind::All => "xs:all inside xs:choice",
                        _ => "xs:sequence inside xs:choice",
                    };
                    return Err(Self::unsupported(
                        &schema.file,
                        &nested.path,
                        construct,
                        NOT_YET,
                    ));
                }
                Particle::Any { path, .. } => {
                    return Err(Self::unsupported(
                        &schema.file,
                        path,
                        "xs:any inside xs:choice",
                        NOT_YET,
                    ));
                }
            }
        }
        Ok(())
    }

    /// The variants an element contributes to a choice: itself, or the members of its
    /// substitution group.
    fn element_variants(
        &mut self,
        idx: &SchemaIndex<'m>,
        owner: TypeId,
        schema: &'m Schema,
        element: &'m Element,
        variants: &mut Vec<DraftVariant>,
    ) -> Result<(), ResolveError> {
        let (decl_schema, decl, ns) = self.declaration(idx, schema, element)?;
        let members = element
            .reference
            .as_ref()
            .map(|r| idx.substitutes_of(r))
            .unwrap_or_default();
        let local = decl.name.clone().unwrap_or_default();
        if !decl.is_abstract {
            // A global element (a substitution group head, shared by every type that refers
            // to it) names its anonymous type itself, not after the referring type.
            let named_by = match &element.reference {
                Some(_) => None,
                None => Some((owner, local.as_str())),
            };
            let (shape, schema_type) = self.element_shape(idx, named_by, decl_schema, decl)?;
            variants.push(DraftVariant {
                element: ElementName { ns, local },
                shape,
                schema_type,
            });
        }
        for member in members {
            let (member_schema, member_decl) = idx
                .element(&member)
                .ok_or_else(|| Self::dangling(&schema.file, &element.path, "element", &member))?;
            if member_decl.is_abstract {
                continue;
            }
            // A member without a type of its own has the type of its head.
            let (mut typed_schema, mut typed) = (member_schema, member_decl);
            let mut hops = 0;
            while typed.type_name.is_none() && typed.inline.is_none() && hops < 32 {
                let Some((head_schema, head)) = typed
                    .substitution_group
                    .as_ref()
                    .and_then(|h| idx.element(h))
                else {
                    break;
                };
                (typed_schema, typed) = (head_schema, head);
                hops += 1;
            }
            let (shape, schema_type) = self.element_shape(idx, None, typed_schema, typed)?;
            variants.push(DraftVariant {
                element: ElementName {
                    ns: member.ns.clone(),
                    local: member.local.clone(),
                },
                shape,
                schema_type,
            });
        }
        Ok(())
    }

    /// The declaration behind an element particle (following `ref`) and its namespace.
    fn declaration(
        &self,
        idx: &SchemaIndex<'m>,
        schema: &'m Schema,
        element: &'m Element,
    ) -> Result<(&'m Schema, &'m Element, String), ResolveError> {
        match &element.reference {
            Some(reference) => {
                let (ref_schema, decl) = idx.element(reference).ok_or_else(|| {
                    Self::dangling(&schema.file, &element.path, "element", reference)
                })?;
                Ok((ref_schema, decl, reference.ns.clone()))
            }
            None => Ok((schema, element, local_element_ns(schema, element))),
        }
    }

    /// A local element (or element reference) as a field of type `owner`.
    fn element_field(
        &mut self,
        idx: &SchemaIndex<'m>,
        owner: TypeId,
        schema: &'m Schema,
        particle: &'m Element,
        optional: bool,
        position: usize,
    ) -> Result<DraftField, ResolveError> {
        if let Some(reference) = &particle.reference {
            let abstract_head = idx.element(reference).is_some_and(|(_, e)| e.is_abstract);
            if abstract_head || !idx.substitutes_of(reference).is_empty() {
                let mut variants = Vec::new();
                self.element_variants(idx, owner, schema, particle, &mut variants)?;
                let id = self.intern(TypeKey::Substitution(reference.clone()));
                self.define(
                    id,
                    Draft {
                        origin: format!("substitution group of element {reference}"),
                        docs: None,
                        kind: DraftKind::Choice(variants),
                    },
                );
                let _ = position;
                return Ok(DraftField {
                    kind: FieldKind::Choice,
                    element: ElementName {
                        ns: reference.ns.clone(),
                        local: reference.local.clone(),
                    },
                    occurs: occurs(particle.min_occurs, particle.max_occurs, optional),
                    shape: Shape::Named(id),
                    schema_type: format!("substitution group {}", reference.local),
                    docs: particle.docs.clone(),
                    default: None,
                });
            }
        }
        let (decl_schema, decl, ns) = self.declaration(idx, schema, particle)?;
        let local = decl.name.clone().unwrap_or_default();
        let (shape, schema_type) =
            self.element_shape(idx, Some((owner, &local)), decl_schema, decl)?;
        Ok(DraftField {
            kind: FieldKind::Element,
            element: ElementName { ns, local },
            occurs: occurs(particle.min_occurs, particle.max_occurs, optional),
            shape,
            schema_type,
            docs: decl.docs.clone().or_else(|| particle.docs.clone()),
            default: decl.default.clone().or_else(|| decl.fixed.clone()),
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
            (Some(name), _) => (
                self.type_shape(idx, schema, name, &element.path)?,
                type_label(name),
            ),
            (None, Some(InlineType::Complex(complex))) => {
                let key = match owner {
                    Some((parent, field)) => TypeKey::Anonymous {
                        parent,
                        field: field.to_owned(),
                    },
                    None => {
                        let local = element.name.clone().unwrap_or_default();
                        TypeKey::Element(QName::new(&schema.target_ns, local))
                    }
                };
                let id = self.intern(key);
                self.enqueue(id, Source::Complex(schema, complex, None));
                (Shape::Named(id), "anonymous complex type".to_owned())
            }
            (None, Some(InlineType::Simple(simple))) => {
                let local = element.name.clone().unwrap_or_default();
                let shape = match owner {
                    Some(owner) => self.simple_shape(idx, Some(owner), schema, simple, false)?,
                    None => {
                        let id =
                            self.intern(TypeKey::Element(QName::new(&schema.target_ns, &local)));
                        self.enqueue(id, Source::Simple(schema, simple));
                        Shape::Named(id)
                    }
                };
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

    /// The shape of the named type `name`, referenced at `path` in `schema`.
    pub(super) fn type_shape(
        &mut self,
        idx: &SchemaIndex<'m>,
        schema: &'m Schema,
        name: &QName,
        path: &str,
    ) -> Result<Shape, ResolveError> {
        self.type_shape_in(idx, &schema.file, name, path)
    }

    /// [`Resolver::type_shape`] for a reference at `path` in `file` (a schema or, for an
    /// rpc part, the WSDL: an rpc WSDL of built-in part types needs no schema).
    pub(super) fn type_shape_in(
        &mut self,
        idx: &SchemaIndex<'m>,
        file: &str,
        name: &QName,
        path: &str,
    ) -> Result<Shape, ResolveError> {
        if name.ns == XS_NS {
            return xs_builtin(&name.local).map(Shape::Builtin).ok_or_else(|| {
                Self::unsupported(
                    file,
                    path,
                    &format!("built-in type xs:{}", name.local),
                    NOT_YET,
                )
            });
        }
        if name.ns == SER_NS
            && let Some(builtin) = ser_builtin(&name.local)
        {
            return Ok(Shape::Builtin(builtin));
        }
        if matches!(name.ns.as_str(), SOAPENC_NS | SOAP12ENC_NS)
            && idx.complex_type(name).is_none()
            && idx.simple_type(name).is_none()
            && let Some(builtin) = soapenc_builtin(&name.local)
        {
            return Ok(Shape::Builtin(builtin));
        }
        if let Some((type_schema, complex)) = idx.complex_type(name) {
            return self.complex_shape(idx, name, type_schema, complex);
        }
        if let Some((type_schema, simple)) = idx.simple_type(name) {
            return self.named_simple_shape(idx, name, type_schema, simple);
        }
        Err(Self::dangling(file, path, "type", name))
    }

    fn complex_shape(
        &mut self,
        idx: &SchemaIndex<'m>,
        name: &QName,
        schema: &'m Schema,
        complex: &'m ComplexType,
    ) -> Result<Shape, ResolveError> {
        if is_wrapper(complex) && !wraps_itself(idx, name) {
            // Inlining a wrapper inlines the wrappers it holds, recursively: their chain
            // counts towards the expansions in progress, so a long one is an error, not a
            // deep recursion. `wraps_itself` ruled out an endless one.
            if self.groups_in_progress.len() >= MAX_REFERENCE_CHAIN {
                return Err(chain_too_long(
                    &schema.file,
                    &complex.path,
                    "array or dictionary wrappers",
                ));
            }
            self.groups_in_progress.push(name.clone());
            let shape = self.wrapper_shape(idx, schema, complex);
            self.groups_in_progress.pop();
            return shape;
        }
        let id = self.intern(TypeKey::Type(name.clone()));
        self.enqueue(id, Source::Complex(schema, complex, None));
        let extensions = idx.extensions_of(name);
        if extensions.is_empty() {
            return Ok(Shape::Named(id));
        }
        let mut variants = Vec::new();
        if !complex.is_abstract {
            variants.push((
                id,
                ElementName {
                    ns: name.ns.clone(),
                    local: name.local.clone(),
                },
            ));
        }
        for extension in extensions {
            let Some((ext_schema, ext_type)) = idx.complex_type(&extension) else {
                continue;
            };
            if ext_type.is_abstract {
                continue;
            }
            let ext_id = self.intern(TypeKey::Type(extension.clone()));
            self.enqueue(ext_id, Source::Complex(ext_schema, ext_type, None));
            variants.push((
                ext_id,
                ElementName {
                    ns: extension.ns,
                    local: extension.local,
                },
            ));
        }
        let poly = self.intern(TypeKey::Polymorphic(name.clone()));
        self.define(
            poly,
            Draft {
                origin: format!("complex type {name} and the types extending it"),
                docs: None,
                kind: DraftKind::Polymorphic { base: id, variants },
            },
        );
        Ok(Shape::Named(poly))
    }

    /// The inlined shape of an array or dictionary wrapper.
    fn wrapper_shape(
        &mut self,
        idx: &SchemaIndex<'m>,
        schema: &'m Schema,
        complex: &'m ComplexType,
    ) -> Result<Shape, ResolveError> {
        let Some(item) = array_item(complex) else {
            return self.dictionary_shape(idx, schema, complex);
        };
        let (item_schema, item_decl, item_ns) = self.declaration(idx, schema, item)?;
        let (item_shape, _) = self.element_shape(idx, None, item_schema, item_decl)?;
        Ok(Shape::Array(Box::new(Array {
            item: ElementName {
                ns: item_ns,
                local: item_decl.name.clone().unwrap_or_default(),
            },
            item_shape,
        })))
    }

    fn dictionary_shape(
        &mut self,
        idx: &SchemaIndex<'m>,
        schema: &'m Schema,
        complex: &'m ComplexType,
    ) -> Result<Shape, ResolveError> {
        let Some((entry, key, value)) = dictionary_entry(complex) else {
            return Err(Self::unsupported(
                &schema.file,
                &complex.path,
                "IsDictionary type of this shape",
                "expected a sequence of one repeated entry element holding Key and Value",
            ));
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
    fn simple_shape(
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

    /// The type of a message's body element: a struct of the element's anonymous type, of
    /// the named complex type it refers to, or wrapping its simple content.
    pub(super) fn body_type(
        &mut self,
        idx: &SchemaIndex<'m>,
        element: InSchema<'m, Element>,
        name: &QName,
    ) -> Result<TypeId, ResolveError> {
        let (schema, decl) = element;
        let element_name = ElementName {
            ns: name.ns.clone(),
            local: name.local.clone(),
        };
        match (&decl.type_name, &decl.inline) {
            (None, Some(InlineType::Complex(complex))) => {
                let id = self.intern(TypeKey::Element(name.clone()));
                self.enqueue(id, Source::Complex(schema, complex, Some(element_name)));
                Ok(id)
            }
            (Some(type_name), _) if idx.complex_type(type_name).is_some() => {
                let Some((type_schema, complex)) = idx.complex_type(type_name) else {
                    return Err(Self::dangling(&schema.file, &decl.path, "type", type_name));
                };
                let id = self.intern(TypeKey::Type(type_name.clone()));
                self.enqueue(id, Source::Complex(type_schema, complex, None));
                Ok(id)
            }
            _ => {
                // The wrapper struct takes the element's key; an anonymous simple type of
                // the element is named after the wrapper's `value` field.
                let id = self.intern(TypeKey::Element(name.clone()));
                let (shape, _) = self.element_shape(idx, Some((id, "value")), schema, decl)?;
                let shape = match shape {
                    Shape::Nillable(inner) => *inner,
                    other => other,
                };
                if !is_simple(&shape, self)
                    && !matches!(shape, Shape::Builtin(Builtin::AnyType | Builtin::QName))
                {
                    return Err(Self::unsupported(
                        &schema.file,
                        &decl.path,
                        "message element of this type",
                        NOT_YET,
                    ));
                }
                let draft = DraftStruct {
                    text: Some(shape),
                    element: Some(element_name),
                    ..DraftStruct::default()
                };
                self.define(
                    id,
                    Draft {
                        origin: format!("element {name}"),
                        docs: decl.docs.clone(),
                        kind: DraftKind::Struct(draft),
                    },
                );
                Ok(id)
            }
        }
    }
}
