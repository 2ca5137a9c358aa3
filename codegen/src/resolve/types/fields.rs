//! Complex types to struct drafts: the fields of their model groups (sequences, `all`,
//! group references, derivation by extension and restriction) and their attributes.

use super::{MAX_REFERENCE_CHAIN, chain_too_long, is_simple, local_element_ns, occurs, type_label};
use crate::error::ResolveError;
use crate::ir::{Builtin, ElementName, FieldKind, Shape, TypeId};
use crate::model::xsd::{
    AttributeItem, ComplexContent, ComplexType, Element, Group, GroupKind, Particle, Schema,
};
use crate::model::{QName, XS_NS};
use crate::resolve::index::SchemaIndex;
use crate::resolve::{
    Draft, DraftAttribute, DraftField, DraftKind, DraftStruct, Resolver, Source, TypeKey,
};

impl<'m> Resolver<'m> {
    /// The struct of a complex type: fields (base fields first), attributes, text content.
    pub(super) fn struct_draft(
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
    pub(super) fn attributes(
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
    pub(super) fn group_fields(
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
        if group.max_occurs.is_many() && !group.particles.is_empty() {
            if group.kind == GroupKind::All {
                return Err(Self::unsupported(
                    &schema.file,
                    &group.path,
                    "repeated xs:all",
                    "XML Schema 1.0 allows xs:all at most once",
                ));
            }
            let field = self.repeated_group_field(
                idx,
                owner,
                schema,
                group,
                None,
                (group.min_occurs, group.max_occurs),
                optional,
            )?;
            fields.push(field);
            return Ok(());
        }
        self.particle_fields(
            idx,
            owner,
            schema,
            group,
            optional || group.min_occurs == 0,
            fields,
        )
    }

    /// Adds a field for each particle of `group`, a sequence or `xs:all`, whatever its own
    /// occurrence bounds; `optional` when it or an enclosing group may be absent.
    pub(super) fn particle_fields(
        &mut self,
        idx: &SchemaIndex<'m>,
        owner: TypeId,
        schema: &'m Schema,
        group: &'m Group,
        optional: bool,
        fields: &mut Vec<DraftField>,
    ) -> Result<(), ResolveError> {
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
                        let field = self.repeated_group_field(
                            idx,
                            owner,
                            group_schema,
                            &def.group,
                            Some(name),
                            (*min_occurs, *max_occurs),
                            optional,
                        )?;
                        fields.push(field);
                        continue;
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

    /// The declaration behind an element particle (following `ref`) and its namespace.
    pub(super) fn declaration(
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
    pub(super) fn element_field(
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
}
