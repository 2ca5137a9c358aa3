//! `xs:choice` to fields: a choice of elements becomes a choice type whose variants are
//! the elements (or the members of a substitution group), an optional or repeated one an
//! optional or repeated field of it.

use crate::error::ResolveError;
use crate::ir::{Builtin, ElementName, FieldKind, Occurs, Shape, TypeId};
use crate::model::QName;
use crate::model::xsd::{Element, Group, GroupKind, MaxOccurs, Particle, Schema};
use crate::resolve::index::SchemaIndex;
use crate::resolve::{Draft, DraftField, DraftKind, DraftVariant, Resolver, TypeKey};

impl<'m> Resolver<'m> {
    /// An `xs:choice` as a field holding a generated enum.
    pub(super) fn choice_field(
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
    pub(super) fn choice_field_with(
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
    pub(super) fn choice_variants(
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
                    *empty_allowed |= *min_occurs == 0;
                    *repeated |= max_occurs.is_many();
                    if def.group.kind != GroupKind::Choice {
                        self.sequence_variant(
                            idx,
                            owner,
                            group_schema,
                            &def.group,
                            Some(name),
                            variants,
                            empty_allowed,
                            repeated,
                        )?;
                        continue;
                    }
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
                Particle::Group(nested) if nested.kind == GroupKind::All => {
                    return Err(Self::unsupported(
                        &schema.file,
                        &nested.path,
                        "xs:all inside xs:choice",
                        "XML Schema 1.0 allows xs:all only as a type's whole content",
                    ));
                }
                Particle::Group(nested) => {
                    *empty_allowed |= nested.min_occurs == 0;
                    *repeated |= nested.max_occurs.is_many();
                    self.sequence_variant(
                        idx,
                        owner,
                        schema,
                        nested,
                        None,
                        variants,
                        empty_allowed,
                        repeated,
                    )?;
                }
                Particle::Any {
                    min_occurs,
                    max_occurs,
                    path,
                } => {
                    if variants.iter().any(is_wildcard) {
                        return Err(Self::unsupported(
                            &schema.file,
                            path,
                            "a second xs:any inside one xs:choice",
                            "one wildcard variant takes every element the others do not name",
                        ));
                    }
                    *empty_allowed |= *min_occurs == 0;
                    *repeated |= max_occurs.is_many();
                    variants.push(DraftVariant {
                        element: ElementName {
                            ns: String::new(),
                            local: "any".to_owned(),
                        },
                        shape: Shape::Builtin(Builtin::AnyElement),
                        schema_type: "xs:any".to_owned(),
                    });
                }
            }
        }
        Ok(())
    }

    /// The variant a sequence inside a choice contributes: its one element, or a struct of
    /// its elements. An empty sequence lets the choice be empty.
    #[allow(clippy::too_many_arguments)]
    fn sequence_variant(
        &mut self,
        idx: &SchemaIndex<'m>,
        owner: TypeId,
        schema: &'m Schema,
        sequence: &'m Group,
        named: Option<&QName>,
        variants: &mut Vec<DraftVariant>,
        empty_allowed: &mut bool,
        repeated: &mut bool,
    ) -> Result<(), ResolveError> {
        match sequence.particles.as_slice() {
            [] => {
                *empty_allowed = true;
                Ok(())
            }
            [Particle::Element(element)] => {
                *empty_allowed |= element.min_occurs == 0;
                *repeated |= element.max_occurs.is_many();
                self.element_variants(idx, owner, schema, element, variants)
            }
            _ => {
                let found = self.group_struct(idx, owner, schema, sequence, named)?;
                *empty_allowed |= found.may_be_empty;
                variants.push(DraftVariant {
                    element: ElementName {
                        ns: String::new(),
                        local: found.label,
                    },
                    shape: Shape::Named(found.id),
                    schema_type: match named {
                        Some(name) => format!("group {}", name.local),
                        None => "xs:sequence".to_owned(),
                    },
                });
                Ok(())
            }
        }
    }

    /// The variants an element contributes to a choice: itself, or the members of its
    /// substitution group.
    pub(super) fn element_variants(
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
}

/// Whether `variant` is the wildcard (`xs:any`) of its choice, which takes every element no
/// other variant names.
pub(in crate::resolve) fn is_wildcard(variant: &DraftVariant) -> bool {
    variant.shape == Shape::Builtin(Builtin::AnyElement)
}
