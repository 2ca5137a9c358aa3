//! Sequences whose elements sit inline but that need a type of their own: a sequence
//! repeated as a whole becomes a `Vec` of a group struct, a sequence inside `xs:choice` a
//! variant holding one.

use super::NOT_YET;
use crate::error::ResolveError;
use crate::ir::{ElementName, FieldKind, Occurs, Shape, TypeId};
use crate::model::QName;
use crate::model::xsd::{Group, MaxOccurs, Particle, Schema};
use crate::resolve::index::SchemaIndex;
use crate::resolve::{Draft, DraftField, DraftKind, DraftStruct, Resolver, TypeKey};

/// A group struct: its id, the name it is labelled by (the group's, or its first
/// element's), and whether an occurrence may have no element at all.
pub(super) struct GroupStruct {
    pub(super) id: TypeId,
    pub(super) label: String,
    pub(super) may_be_empty: bool,
}

impl<'m> Resolver<'m> {
    /// A sequence (inline, or the named group `named`) that occurs `occurs` times, as a
    /// field holding its occurrences; `optional` when an enclosing group may be absent.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn repeated_group_field(
        &mut self,
        idx: &SchemaIndex<'m>,
        owner: TypeId,
        schema: &'m Schema,
        group: &'m Group,
        named: Option<&QName>,
        (min_occurs, max_occurs): (u32, MaxOccurs),
        optional: bool,
    ) -> Result<DraftField, ResolveError> {
        let found = self.group_struct(idx, owner, schema, group, named)?;
        // The label names the field: a named group's name, or `<first element>Group`.
        let (label, schema_type) = match named {
            Some(name) => (found.label, format!("group `{}`", name.local)),
            None => (
                format!("{}Group", found.label),
                format!("xs:sequence starting with `{}`", found.label),
            ),
        };
        Ok(DraftField {
            kind: FieldKind::Group,
            element: ElementName {
                ns: String::new(),
                local: label,
            },
            occurs: Occurs::Repeated {
                min: if optional { 0 } else { min_occurs },
                max: match max_occurs {
                    MaxOccurs::Bounded(n) => Some(n),
                    MaxOccurs::Unbounded => None,
                },
            },
            shape: Shape::Named(found.id),
            schema_type,
            docs: None,
            default: None,
        })
    }

    /// The struct of a sequence whose elements sit inline among its holder's children. A
    /// named group has one struct wherever it is used; an inline sequence one of its own,
    /// named after its holder and its first element.
    pub(super) fn group_struct(
        &mut self,
        idx: &SchemaIndex<'m>,
        owner: TypeId,
        schema: &'m Schema,
        group: &'m Group,
        named: Option<&QName>,
    ) -> Result<GroupStruct, ResolveError> {
        let label = match named {
            Some(name) => name.local.clone(),
            None => first_element(group).unwrap_or_else(|| "sequence".to_owned()),
        };
        let key = match named {
            Some(name) => TypeKey::Group(name.clone()),
            None => TypeKey::Anonymous {
                parent: owner,
                field: format!("{label}Group#{}", group.path),
            },
        };
        let id = self.intern(key);
        if let Some(name) = named {
            if self.groups_in_progress.contains(name) {
                return Err(ResolveError::Invalid {
                    file: schema.file.clone(),
                    path: group.path.clone(),
                    message: format!("group {name} contains itself"),
                });
            }
            self.groups_in_progress.push(name.clone());
        }
        // A group struct has fields; one without is the stand-in left by a failure, which
        // is tried again so that every holder gets the error.
        let resolved = match &self.drafts[id.0] {
            Some(
                draft @ Draft {
                    kind: DraftKind::Struct(s),
                    ..
                },
            ) if !s.fields.is_empty() => Ok(draft.clone()),
            _ => self.group_draft(idx, id, schema, group, named),
        };
        if named.is_some() {
            self.groups_in_progress.pop();
        }
        let draft = match resolved {
            Ok(draft) => draft,
            Err(error) => {
                // In lenient mode the holder is kept as raw XML and resolving goes on: the
                // id interned for the group still needs a definition.
                self.define(
                    id,
                    Draft {
                        origin: format!("xs:sequence at {}, left out", group.path),
                        docs: None,
                        kind: DraftKind::Struct(DraftStruct {
                            group: true,
                            ..DraftStruct::default()
                        }),
                    },
                );
                return Err(error);
            }
        };
        let may_be_empty = match &draft.kind {
            DraftKind::Struct(s) => s.fields.iter().all(|f| match f.occurs {
                Occurs::Required => false,
                Occurs::Optional => true,
                Occurs::Repeated { min, .. } => min == 0,
            }),
            _ => false,
        };
        self.define(id, draft);
        Ok(GroupStruct {
            id,
            label,
            may_be_empty,
        })
    }

    fn group_draft(
        &mut self,
        idx: &SchemaIndex<'m>,
        id: TypeId,
        schema: &'m Schema,
        group: &'m Group,
        named: Option<&QName>,
    ) -> Result<Draft, ResolveError> {
        let mut draft = DraftStruct {
            group: true,
            ..DraftStruct::default()
        };
        self.particle_fields(idx, id, schema, group, false, &mut draft.fields)?;
        if draft.fields.iter().any(|f| self.is_wildcard_field(f)) {
            return Err(Self::unsupported(
                &schema.file,
                &group.path,
                "xs:any inside a repeated xs:sequence or a sequence inside xs:choice",
                "it would take the elements that follow the group",
            ));
        }
        if draft.fields.is_empty() {
            return Err(Self::unsupported(
                &schema.file,
                &group.path,
                "a repeated xs:sequence without elements",
                NOT_YET,
            ));
        }
        let origin = match named {
            Some(name) => format!("group {name}"),
            None => format!("xs:sequence at {}", group.path),
        };
        Ok(Draft {
            origin,
            docs: None,
            kind: DraftKind::Struct(draft),
        })
    }
}

/// The name of the first element a group declares or refers to, searching nested groups.
fn first_element(group: &Group) -> Option<String> {
    group.particles.iter().find_map(|particle| match particle {
        Particle::Element(element) => element
            .name
            .clone()
            .or_else(|| element.reference.as_ref().map(|r| r.local.clone())),
        Particle::Group(nested) => first_element(nested),
        Particle::GroupRef { name, .. } => Some(name.local.clone()),
        Particle::Any { .. } => None,
    })
}
