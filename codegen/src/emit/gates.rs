//! The feature gates of shared types in a crate: which modules reach each type of
//! `common.rs`, the `#[cfg]` of each, and what each module re-exports from it.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, Layout, ident};
use crate::ir::{Home, Shape, TypeId, TypeKind};

impl Ctx<'_> {
    /// `#[cfg(…)]` for a shared type that not every module reaches: on when the feature of
    /// any module that reaches it is.
    pub(super) fn type_gate(&self, id: TypeId) -> TokenStream {
        if self.layout != Layout::Crate || self.ir.get(id).home != Home::Common {
            return TokenStream::new();
        }
        let users = &self.users[id.0];
        if users.len() == self.ir.modules.len() {
            return TokenStream::new();
        }
        let features = users
            .iter()
            .map(|&m| crate::names::feature_name(&self.ir.modules[m].name));
        quote!(#[cfg(any(#(feature = #features),*))])
    }
}

impl Ctx<'_> {
    /// For each type, the modules whose operations (or own types) reach it.
    pub(super) fn type_users(&self) -> Vec<Vec<usize>> {
        let mut users = vec![Vec::new(); self.ir.types.len()];
        for module in 0..self.ir.modules.len() {
            for (id, used) in self.reached_types(module).into_iter().enumerate() {
                if used {
                    users[id].push(module);
                }
            }
        }
        users
    }

    /// `pub use crate::common::{…}` for the shared types a module's operations reach.
    pub(super) fn common_reexports(&self, index: usize) -> TokenStream {
        let used = self.reached_types(index);
        let names: Vec<TokenStream> = self
            .ir
            .types
            .iter()
            .enumerate()
            .filter(|(i, t)| used[*i] && t.home == Home::Common)
            .flat_map(|(_, t)| {
                let name = ident(&t.rust_name);
                let flag = match &t.kind {
                    TypeKind::Flags(flags) => {
                        let flag = ident(&flags.flag_enum);
                        Some(quote!(#flag))
                    }
                    _ => None,
                };
                std::iter::once(quote!(#name)).chain(flag)
            })
            .collect();
        if names.is_empty() {
            quote!()
        } else {
            quote!(pub use crate::common::{#(#names),*};)
        }
    }

    /// Which types module `index`'s operations and own types reach.
    pub(super) fn reached_types(&self, index: usize) -> Vec<bool> {
        let mut used = vec![false; self.ir.types.len()];
        let mut stack: Vec<TypeId> = Vec::new();
        for port in &self.ir.modules[index].ports {
            for op in &port.operations {
                stack.extend(op.faults.iter().map(|f| f.type_id));
                for message in std::iter::once(&op.input).chain(op.output.as_ref()) {
                    stack.push(message.body_type);
                    for header in &message.headers {
                        shape_ids(&header.shape, &mut stack);
                    }
                }
            }
        }
        for (i, t) in self.ir.types.iter().enumerate() {
            if t.home == Home::Module(index) {
                stack.push(TypeId(i));
            }
        }
        while let Some(id) = stack.pop() {
            if std::mem::replace(&mut used[id.0], true) {
                continue;
            }
            match &self.ir.get(id).kind {
                TypeKind::Struct(s) => {
                    stack.extend(s.base);
                    for field in &s.fields {
                        shape_ids(&field.shape, &mut stack);
                    }
                    for attribute in &s.attributes {
                        shape_ids(&attribute.shape, &mut stack);
                    }
                    if let Some(text) = &s.text {
                        shape_ids(text, &mut stack);
                    }
                }
                TypeKind::Choice(c) => {
                    for variant in &c.variants {
                        shape_ids(&variant.shape, &mut stack);
                    }
                }
                TypeKind::Polymorphic(p) => stack.extend(p.variants.iter().map(|v| v.type_id)),
                TypeKind::Alias(shape) => shape_ids(shape, &mut stack),
                TypeKind::Enum(_) | TypeKind::Flags(_) => {}
            }
        }
        used
    }
}

/// Every generated type a shape refers to.
pub(crate) fn shape_ids(shape: &Shape, out: &mut Vec<TypeId>) {
    match shape {
        Shape::Builtin(_) => {}
        Shape::Named(id) => out.push(*id),
        Shape::Nillable(inner) | Shape::Boxed(inner) | Shape::List(inner) => shape_ids(inner, out),
        Shape::Array(array) => shape_ids(&array.item_shape, out),
        Shape::Dictionary(dict) => {
            shape_ids(&dict.key_shape, out);
            shape_ids(&dict.value_shape, out);
        }
    }
}
