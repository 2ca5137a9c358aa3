//! Which types several documents share. Every document's types are resolved with ids of
//! their own; a type is then given one id for all documents when every document that has it
//! defines it the same way and everything it refers to is shared too. Otherwise each
//! document keeps its own (SuperOffice's services each define their own `Delete` wrapper in
//! one namespace), and so does every type that refers to it.
//!
//! "The same way" is decided by partition refinement: types start alike, and are split
//! until two types stay together only when their keys and definitions match with every
//! referenced type in the same class. Recursive types are compared correctly this way.

use std::collections::{BTreeSet, HashMap};

use super::operations::DraftPort;
use super::{Draft, DraftKind, Input, Resolver, TypeKey};
use crate::ir::{Shape, TypeId};

/// Gives the types that documents share one id, and renumbers every reference.
pub(super) fn merge(resolver: &mut Resolver<'_>, modules: &mut [(&Input, Vec<DraftPort>)]) {
    let count = resolver.keys.len();
    let class = classes(resolver);
    let group = document_independent_keys(&resolver.keys);
    let shared = shared_types(resolver, &class, &group);

    let mut new_id: Vec<TypeId> = Vec::with_capacity(count);
    let mut group_ids: HashMap<usize, TypeId> = HashMap::new();
    let mut next = 0;
    for i in 0..count {
        let mut fresh = || {
            next += 1;
            TypeId(next - 1)
        };
        let id = if shared[i] {
            *group_ids.entry(group[i]).or_insert_with(fresh)
        } else {
            fresh()
        };
        new_id.push(id);
    }

    let mut keys: Vec<Option<TypeKey>> = vec![None; next];
    let mut drafts: Vec<Option<Draft>> = vec![None; next];
    let mut owners: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); next];
    for i in 0..count {
        let id = new_id[i].0;
        owners[id].extend(resolver.owners[i].iter().copied());
        if keys[id].is_none() {
            keys[id] = Some(renumber_key(&resolver.keys[i], &new_id));
            drafts[id] = resolver.drafts[i].take().map(|mut draft| {
                for_each_id(&mut draft.kind, &mut |t| *t = new_id[t.0]);
                draft
            });
        }
    }
    resolver.keys = keys.into_iter().flatten().collect();
    resolver.drafts = drafts;
    resolver.owners = owners;
    resolver.simple_ids = resolver.simple_ids.iter().map(|t| new_id[t.0]).collect();
    resolver.ids.clear();
    for (_, ports) in modules {
        for port in ports {
            for op in &mut port.operations {
                for message in std::iter::once(&mut op.input).chain(op.output.as_mut()) {
                    message.body_type = new_id[message.body_type.0];
                    for (_, _, shape) in &mut message.headers {
                        shape_ids(shape, &mut |t| *t = new_id[t.0]);
                    }
                }
                for fault in &mut op.faults {
                    fault.type_id = new_id[fault.type_id.0];
                }
            }
        }
    }
}

/// The coarsest partition of all types in which two types of a class have equal keys and
/// definitions (documentation aside) whose references lead to the same classes.
fn classes(resolver: &Resolver<'_>) -> Vec<usize> {
    let count = resolver.keys.len();
    let bare: Vec<Option<DraftKind>> = resolver
        .drafts
        .iter()
        .map(|d| d.as_ref().map(|d| d.kind.without_docs()))
        .collect();
    let mut class = vec![0usize; count];
    let mut classes = 1;
    loop {
        let mut table: HashMap<(usize, TypeKey, Option<DraftKind>), usize> = HashMap::new();
        let mut next = Vec::with_capacity(count);
        for i in 0..count {
            let mut kind = bare[i].clone();
            if let Some(kind) = &mut kind {
                for_each_id(kind, &mut |t| *t = TypeId(class[t.0]));
            }
            let key = match &resolver.keys[i] {
                TypeKey::Anonymous { parent, field } => TypeKey::Anonymous {
                    parent: TypeId(class[parent.0]),
                    field: field.clone(),
                },
                other => other.clone(),
            };
            let fresh = table.len();
            next.push(*table.entry((class[i], key, kind)).or_insert(fresh));
        }
        class = next;
        if table.len() == classes {
            return class;
        }
        classes = table.len();
    }
}

/// A number per type naming its key whatever the document (an anonymous type's parent by
/// the parent's own number).
fn document_independent_keys(keys: &[TypeKey]) -> Vec<usize> {
    let mut table: HashMap<TypeKey, usize> = HashMap::new();
    let mut group: Vec<usize> = Vec::with_capacity(keys.len());
    for key in keys {
        let key = match key {
            // A parent is always interned before the anonymous types inside it.
            TypeKey::Anonymous { parent, field } => TypeKey::Anonymous {
                parent: TypeId(group.get(parent.0).copied().unwrap_or(usize::MAX)),
                field: field.clone(),
            },
            other => other.clone(),
        };
        let fresh = table.len();
        group.push(*table.entry(key).or_insert(fresh));
    }
    group
}

/// Whether each type is shared: all types of its key are in one class, and so is every type
/// it refers to, transitively.
fn shared_types(resolver: &Resolver<'_>, class: &[usize], group: &[usize]) -> Vec<bool> {
    let count = class.len();
    let mut class_of_group: HashMap<usize, Option<usize>> = HashMap::new();
    for i in 0..count {
        class_of_group
            .entry(group[i])
            .and_modify(|c| {
                if *c != Some(class[i]) {
                    *c = None;
                }
            })
            .or_insert(Some(class[i]));
    }
    let mut shared: Vec<bool> = (0..count)
        .map(|i| class_of_group.get(&group[i]).is_some_and(Option::is_some))
        .collect();
    let mut referrers: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (i, draft) in resolver.drafts.iter().enumerate() {
        if let Some(draft) = draft {
            let mut kind = draft.kind.clone();
            for_each_id(&mut kind, &mut |t| referrers[t.0].push(i));
        }
    }
    let mut pending: Vec<usize> = (0..count).filter(|&i| !shared[i]).collect();
    while let Some(i) = pending.pop() {
        for &referrer in &referrers[i] {
            if std::mem::replace(&mut shared[referrer], false) {
                pending.push(referrer);
            }
        }
    }
    shared
}

fn renumber_key(key: &TypeKey, new_id: &[TypeId]) -> TypeKey {
    match key {
        TypeKey::Anonymous { parent, field } => TypeKey::Anonymous {
            parent: new_id[parent.0],
            field: field.clone(),
        },
        other => other.clone(),
    }
}

/// Calls `f` on every type id a definition refers to.
fn for_each_id(kind: &mut DraftKind, f: &mut impl FnMut(&mut TypeId)) {
    match kind {
        DraftKind::Struct(s) => {
            for field in &mut s.fields {
                shape_ids(&mut field.shape, f);
            }
            for attribute in &mut s.attributes {
                shape_ids(&mut attribute.shape, f);
            }
            if let Some(text) = &mut s.text {
                shape_ids(text, f);
            }
            if let Some(base) = &mut s.base {
                f(base);
            }
        }
        DraftKind::Choice(variants) => {
            for variant in variants {
                shape_ids(&mut variant.shape, f);
            }
        }
        DraftKind::Polymorphic { base, variants } => {
            f(base);
            for (id, _) in variants {
                f(id);
            }
        }
        DraftKind::Alias(shape) => shape_ids(shape, f),
        DraftKind::Enum(_) | DraftKind::Flags(_) => {}
    }
}

fn shape_ids(shape: &mut Shape, f: &mut impl FnMut(&mut TypeId)) {
    match shape {
        Shape::Builtin(_) => {}
        Shape::Named(id) => f(id),
        Shape::Nillable(inner) | Shape::Boxed(inner) | Shape::List(inner) => shape_ids(inner, f),
        Shape::Array(array) => shape_ids(&mut array.item_shape, f),
        Shape::Dictionary(dict) => {
            shape_ids(&mut dict.key_shape, f);
            shape_ids(&mut dict.value_shape, f);
        }
    }
}
