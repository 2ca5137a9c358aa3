//! Which fields need a `Box`: types that hold each other inline, directly or through other
//! types, form a strongly connected component of the "holds inline" graph, and a struct's
//! field that holds a type of its own component inline (not in a `Vec`) is boxed.

use crate::ir::{Occurs, Shape, TypeDef, TypeId, TypeKind};

/// Types a shape holds inline, without the indirection of a `Vec`.
fn inline_types(shape: &Shape, out: &mut Vec<TypeId>) {
    match shape {
        Shape::Named(id) => out.push(*id),
        Shape::Nillable(inner) => inline_types(inner, out),
        Shape::Builtin(_)
        | Shape::Array(_)
        | Shape::Dictionary(_)
        | Shape::Boxed(_)
        | Shape::List(_) => {}
    }
}

fn inline_edges(types: &[TypeDef], id: TypeId) -> Vec<TypeId> {
    let mut out = Vec::new();
    match &types[id.0].kind {
        TypeKind::Struct(s) => {
            for field in &s.fields {
                if !matches!(field.occurs, Occurs::Repeated { .. }) {
                    inline_types(&field.shape, &mut out);
                }
            }
        }
        TypeKind::Choice(c) => {
            for variant in &c.variants {
                inline_types(&variant.shape, &mut out);
            }
        }
        TypeKind::Polymorphic(p) => out.extend(p.variants.iter().map(|v| v.type_id)),
        TypeKind::Enum(_) | TypeKind::Flags(_) | TypeKind::Alias(_) => {}
    }
    out
}

/// The strongly connected component of every type in the graph of inline references
/// (Tarjan's algorithm, iterative); two types reach each other exactly when they share one.
fn components(types: &[TypeDef]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let edges: Vec<Vec<TypeId>> = (0..types.len())
        .map(|i| inline_edges(types, TypeId(i)))
        .collect();
    let mut index = vec![UNSEEN; types.len()];
    let mut low = vec![0; types.len()];
    let mut on_stack = vec![false; types.len()];
    let mut component = vec![UNSEEN; types.len()];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..types.len() {
        if index[root] != UNSEEN {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if let Some(next) = edges[node].get(*edge).map(|t| t.0) {
                *edge += 1;
                if index[next] == UNSEEN {
                    index[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// Boxes every inline reference that closes a cycle, so the types have a finite size.
pub(super) fn box_recursive_fields(types: &mut [TypeDef]) {
    let component = components(types);
    for i in 0..types.len() {
        let to_box: Vec<(usize, TypeId)> = match &types[i].kind {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .enumerate()
                .filter(|(_, f)| !matches!(f.occurs, Occurs::Repeated { .. }))
                .flat_map(|(index, f)| {
                    let mut targets = Vec::new();
                    inline_types(&f.shape, &mut targets);
                    targets.into_iter().map(move |t| (index, t))
                })
                .filter(|(_, target)| component[target.0] == component[i])
                .collect(),
            _ => Vec::new(),
        };
        if let TypeKind::Struct(s) = &mut types[i].kind {
            for (index, target) in to_box {
                box_shape(&mut s.fields[index].shape, target);
            }
        }
    }
}

fn box_shape(shape: &mut Shape, target: TypeId) {
    match shape {
        Shape::Named(id) if *id == target => {
            *shape = Shape::Boxed(Box::new(Shape::Named(target)));
        }
        Shape::Nillable(inner) => box_shape(inner, target),
        _ => {}
    }
}
