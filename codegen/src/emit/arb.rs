//! proptest `Arbitrary` implementations for generated types, one impl block per type kept
//! apart from its definition, whose strategies only produce values that survive an XML round
//! trip (no NaN, only characters XML can carry, bounded recursion).
//!
//! A type that may contain itself (it lies on a cycle of the types' references, through a
//! `Box`, a `Vec`, a choice or a derived type) is reached through the runtime's recursive
//! strategies: `recursive`/`boxed` build its strategy only when a value is generated, one
//! level deeper, and `rare_option`/`recursive_vec` around it leave out recursive content
//! from a fixed depth on. Every cycle passes through a struct's field, so building any
//! strategy terminates, and so does every value whose schema allows it to end.

use std::collections::HashSet;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::{Arbitrary, Ctx, collapse_nillable, ident};
use crate::ir::{Builtin, Ir, Occurs, Shape, Struct, TypeId, TypeKind};

/// proptest implements `Strategy` for tuples of up to 12 strategies; larger structs nest.
const TUPLE_WIDTH: usize = 10;

/// Adds the generated types `shape` holds to `out`.
fn shape_types(shape: &Shape, out: &mut Vec<TypeId>) {
    match shape {
        Shape::Builtin(_) => {}
        Shape::Named(id) => out.push(*id),
        Shape::Nillable(inner) | Shape::Boxed(inner) | Shape::List(inner) => {
            shape_types(inner, out)
        }
        Shape::Array(array) => shape_types(&array.item_shape, out),
        Shape::Dictionary(dict) => {
            shape_types(&dict.key_shape, out);
            shape_types(&dict.value_shape, out);
        }
    }
}

/// The generated types whose strategies the strategy of `id` is built from.
fn referenced_types(ir: &Ir, id: TypeId, out: &mut Vec<TypeId>) {
    match &ir.get(id).kind {
        TypeKind::Struct(s) => {
            for field in &s.fields {
                shape_types(&field.shape, out);
            }
            for attribute in &s.attributes {
                shape_types(&attribute.shape, out);
            }
            if let Some(text) = &s.text {
                shape_types(text, out);
            }
        }
        TypeKind::Choice(c) => {
            for variant in &c.variants {
                shape_types(&variant.shape, out);
            }
        }
        TypeKind::Polymorphic(p) => out.extend(p.variants.iter().map(|v| v.type_id)),
        TypeKind::Alias(shape) => shape_types(shape, out),
        TypeKind::Enum(_) | TypeKind::Flags(_) => {}
    }
}

/// Whether a value of type `id` may contain another: `id` can be reached from the types it
/// refers to. The walk keeps its own stack.
fn is_recursive(ir: &Ir, id: TypeId) -> bool {
    let mut stack = Vec::new();
    referenced_types(ir, id, &mut stack);
    let mut seen = HashSet::new();
    while let Some(current) = stack.pop() {
        if current == id {
            return true;
        }
        if seen.insert(current) {
            referenced_types(ir, current, &mut stack);
        }
    }
    false
}

impl Ctx<'_> {
    /// The `Arbitrary` impl of type `id`, gated as the options say; nothing for aliases and
    /// flag sets (the runtime's `FlagSet` has its own).
    pub(super) fn arbitrary_impl(&self, id: TypeId) -> TokenStream {
        let gate = match &self.options.arbitrary {
            Arbitrary::Off => return quote!(),
            Arbitrary::Always => quote!(),
            Arbitrary::Feature(feature) => quote!(#[cfg(feature = #feature)]),
        };
        let def = self.ir.get(id);
        let strategy = match &def.kind {
            TypeKind::Struct(s) => self.struct_strategy(s),
            TypeKind::Enum(e) => {
                let known = e.variants.iter().map(|v| ident(&v.rust_name));
                let unknown = ident(&e.unknown_variant);
                quote!(__rt::arb::enumeration(__rt::vec![#(Self::#known),*], Self::#unknown))
            }
            TypeKind::Choice(c) => {
                let variants = c.variants.iter().map(|v| {
                    let variant = ident(&v.rust_name);
                    let strategy = self.field_strategy(Occurs::Required, &v.shape);
                    quote!(__rt::arb::map(#strategy, Self::#variant))
                });
                quote!(__rt::arb::one_of(__rt::vec![#(#variants),*]))
            }
            TypeKind::Polymorphic(p) => {
                let variants = p.variants.iter().map(|v| {
                    let variant = ident(&v.rust_name);
                    let ty = self.type_ident(v.type_id);
                    quote!(__rt::arb::map(::proptest::prelude::any::<#ty>(), Self::#variant))
                });
                quote!(__rt::arb::one_of(__rt::vec![#(#variants),*]))
            }
            TypeKind::Alias(_) | TypeKind::Flags(_) => return quote!(),
        };
        let name = ident(&def.rust_name);
        quote! {
            #gate
            impl ::proptest::arbitrary::Arbitrary for #name {
                type Parameters = ();
                type Strategy = ::proptest::strategy::BoxedStrategy<Self>;

                fn arbitrary_with(_: ()) -> Self::Strategy {
                    #strategy
                }
            }
        }
    }

    /// A struct's strategy: its fields' strategies, in a tuple (nested when wide), mapped to
    /// the struct.
    fn struct_strategy(&self, s: &Struct) -> TokenStream {
        let mut fields: Vec<(Ident, TokenStream)> = Vec::new();
        if s.mixed {
            fields.push((ident("content"), quote!(__rt::arb::any_xml())));
        } else {
            for a in &s.attributes {
                fields.push((ident(&a.rust_name), self.attribute_strategy(a)));
            }
            for f in &s.fields {
                let strategy = self.element_field_strategy(f.occurs, &f.shape, f.default.is_some());
                fields.push((ident(&f.rust_name), strategy));
            }
            if let Some(text) = &s.text {
                let strategy = self.field_strategy(Occurs::Required, text);
                fields.push((ident(&self.text_field_name(s)), strategy));
            }
            if s.any_attribute {
                let strategy = quote!(__rt::arb::other_attributes());
                fields.push((ident(&self.other_attributes_name(s)), strategy));
            }
        }
        let (names, strategies): (Vec<Ident>, Vec<TokenStream>) = fields.into_iter().unzip();
        match (names.as_slice(), strategies.as_slice()) {
            ([], _) => quote!(__rt::arb::just(Self {})),
            ([name], [strategy]) => quote!(__rt::arb::map(#strategy, |#name| Self { #name })),
            _ => {
                let patterns: Vec<TokenStream> = names.iter().map(|name| quote!(#name)).collect();
                let tuple = strategy_tuple(&strategies);
                let pattern = pattern_tuple(&patterns);
                quote!(__rt::arb::map(#tuple, |#pattern| Self { #(#names),* }))
            }
        }
    }

    fn builtin_strategy(builtin: Builtin) -> TokenStream {
        match builtin {
            Builtin::String | Builtin::AnyUri => quote!(__rt::arb::string()),
            Builtin::Boolean => quote!(__rt::arb::boolean()),
            Builtin::I8 => quote!(__rt::arb::i8()),
            Builtin::I16 => quote!(__rt::arb::i16()),
            Builtin::I32 => quote!(__rt::arb::i32()),
            Builtin::I64 => quote!(__rt::arb::i64()),
            Builtin::U8 => quote!(__rt::arb::u8()),
            Builtin::U16 => quote!(__rt::arb::u16()),
            Builtin::U32 => quote!(__rt::arb::u32()),
            Builtin::U64 => quote!(__rt::arb::u64()),
            Builtin::F32 => quote!(__rt::arb::f32()),
            Builtin::F64 => quote!(__rt::arb::f64()),
            Builtin::Decimal => quote!(__rt::arb::decimal()),
            Builtin::DateTime => quote!(__rt::arb::date_time()),
            Builtin::Duration => quote!(__rt::arb::duration()),
            Builtin::Bytes => quote!(__rt::arb::bytes()),
            Builtin::Uuid => quote!(__rt::arb::uuid()),
            Builtin::Char => quote!(__rt::arb::xml_char()),
            Builtin::QName => quote!(__rt::arb::qname()),
            Builtin::AnyType => quote!(__rt::arb::any_xml()),
            Builtin::AnyElement => quote!(__rt::arb::any_element()),
        }
    }

    /// Whether `shape` holds a type that may contain itself (see the module documentation).
    fn is_recursive(&self, shape: &Shape) -> bool {
        let mut types = Vec::new();
        shape_types(shape, &mut types);
        types.into_iter().any(|id| is_recursive(self.ir, id))
    }

    /// A strategy for one occurrence of `shape`.
    fn shape_strategy(&self, shape: &Shape) -> TokenStream {
        match shape {
            Shape::Builtin(builtin) => Self::builtin_strategy(*builtin),
            Shape::Named(id) => match &self.ir.get(*id).kind {
                TypeKind::Alias(shape) => self.shape_strategy(shape),
                _ => {
                    let ty = self.type_ident(*id);
                    if is_recursive(self.ir, *id) {
                        quote!(__rt::arb::recursive::<#ty>())
                    } else {
                        quote!(::proptest::prelude::any::<#ty>())
                    }
                }
            },
            Shape::List(item) => {
                let item = match item.as_ref() {
                    Shape::Builtin(Builtin::String | Builtin::AnyUri) => {
                        quote!(__rt::arb::token())
                    }
                    other => self.shape_strategy(other),
                };
                quote!(__rt::arb::list(#item))
            }
            Shape::Nillable(inner) => self.option_strategy(inner),
            Shape::Boxed(inner) => match inner.as_ref() {
                Shape::Named(id) => {
                    let ty = self.type_ident(*id);
                    quote!(__rt::arb::boxed::<#ty>())
                }
                other => {
                    let strategy = self.shape_strategy(other);
                    quote!(__rt::arb::map(#strategy, __rt::Box::new))
                }
            },
            Shape::Array(array) => self.vec_strategy(
                self.is_recursive(&array.item_shape),
                self.shape_strategy(&array.item_shape),
            ),
            Shape::Dictionary(dict) => {
                let key = self.shape_strategy(&dict.key_shape);
                let value = self.shape_strategy(&dict.value_shape);
                self.vec_strategy(
                    self.is_recursive(&dict.key_shape) || self.is_recursive(&dict.value_shape),
                    quote!((#key, #value)),
                )
            }
        }
    }

    /// 0 to 3 items of `item`, none from the depth limit on when it recurses.
    fn vec_strategy(&self, recursive: bool, item: TokenStream) -> TokenStream {
        if recursive {
            quote!(__rt::arb::recursive_vec(#item, 0, 3))
        } else {
            quote!(__rt::arb::vec(#item))
        }
    }

    /// `Option` of `inner`; rarely `Some` (and never from the depth limit on) when it recurses.
    fn option_strategy(&self, inner: &Shape) -> TokenStream {
        let strategy = self.shape_strategy(inner);
        if self.is_recursive(inner) {
            quote!(__rt::arb::rare_option(#strategy))
        } else {
            quote!(__rt::arb::option(#strategy))
        }
    }

    /// The strategy of an attribute field.
    fn attribute_strategy(&self, attribute: &crate::ir::AttributeField) -> TokenStream {
        let strategy = self.shape_strategy(&attribute.shape);
        if self.attribute_is_optional(attribute) {
            quote!(__rt::arb::option(#strategy))
        } else {
            strategy
        }
    }

    /// The strategy of an element field. With a default, an occurrence never has empty
    /// text: that reads back as the default.
    fn element_field_strategy(
        &self,
        occurs: Occurs,
        shape: &Shape,
        has_default: bool,
    ) -> TokenStream {
        let simple = |shape: &Shape| matches!(shape, Shape::Builtin(_) | Shape::Named(_));
        let non_empty = |shape: &Shape| {
            let strategy = self.shape_strategy(shape);
            quote!(__rt::arb::non_empty(#strategy))
        };
        match (has_default, occurs, shape) {
            (true, Occurs::Optional, shape) if simple(collapse_nillable(shape)) => {
                let item = non_empty(collapse_nillable(shape));
                quote!(__rt::arb::option(#item))
            }
            (true, _, Shape::Nillable(inner)) if simple(inner) => {
                let item = non_empty(inner);
                self.occurrences_strategy(occurs, quote!(__rt::arb::option(#item)))
            }
            (true, _, shape) if simple(shape) => {
                self.occurrences_strategy(occurs, non_empty(shape))
            }
            _ => self.field_strategy(occurs, shape),
        }
    }

    /// `item` for a required or repeated field.
    fn occurrences_strategy(&self, occurs: Occurs, item: TokenStream) -> TokenStream {
        match occurs {
            Occurs::Repeated { min, max } => {
                let (min, upper) = bounds(min, max);
                quote!(::proptest::collection::vec(#item, #min..=#upper))
            }
            Occurs::Required | Occurs::Optional => item,
        }
    }

    /// The strategy of a field.
    fn field_strategy(&self, occurs: Occurs, shape: &Shape) -> TokenStream {
        match occurs {
            Occurs::Required => self.shape_strategy(shape),
            Occurs::Optional => self.option_strategy(collapse_nillable(shape)),
            Occurs::Repeated { min, max } => {
                let (min, upper) = bounds(min, max);
                let item = self.shape_strategy(shape);
                if self.is_recursive(shape) {
                    quote!(__rt::arb::recursive_vec(#item, #min, #upper))
                } else {
                    quote!(::proptest::collection::vec(#item, #min..=#upper))
                }
            }
        }
    }
}

/// How many occurrences a repeated field gets: `min` to at most three more, as literals.
fn bounds(min: u32, max: Option<u32>) -> (Literal, Literal) {
    let upper = max.map_or(min + 3, |max| max.min(min + 3));
    (Literal::u32_unsuffixed(min), Literal::u32_unsuffixed(upper))
}

/// The fields' strategies as a tuple, or when there are more than [`TUPLE_WIDTH`], a tuple of
/// boxed groups of them (a wide tuple's value trees would all sit in one stack frame).
fn strategy_tuple(strategies: &[TokenStream]) -> TokenStream {
    if strategies.len() <= TUPLE_WIDTH {
        return quote!((#(#strategies,)*));
    }
    let groups: Vec<TokenStream> = strategies
        .chunks(TUPLE_WIDTH)
        .map(|group| {
            let tuple = strategy_tuple(group);
            quote!(__rt::arb::fields(#tuple))
        })
        .collect();
    strategy_tuple(&groups)
}

/// The pattern of the value of [`strategy_tuple`] of as many fields: grouped the same way.
fn pattern_tuple(names: &[TokenStream]) -> TokenStream {
    if names.len() <= TUPLE_WIDTH {
        return quote!((#(#names,)*));
    }
    let groups: Vec<TokenStream> = names.chunks(TUPLE_WIDTH).map(pattern_tuple).collect();
    pattern_tuple(&groups)
}
