//! proptest strategies for generated fields, so property tests only produce values that
//! survive an XML round trip (no NaN, only characters XML can carry, bounded recursion).
//! Strategies are written as the source text `#[proptest(strategy = "…")]` expects.
//!
//! A type that may contain itself (it lies on a cycle of the types' references, through a
//! `Box`, a `Vec`, a choice or a derived type) is reached through the runtime's recursive
//! strategies: `recursive`/`boxed` build its strategy only when a value is generated, one
//! level deeper, and `rare_option`/`recursive_vec` around it leave out recursive content
//! from a fixed depth on. Every cycle passes through a struct's field, so building any
//! strategy terminates, and so does every value whose schema allows it to end.

use std::collections::HashSet;

use super::{Ctx, collapse_nillable};
use crate::ir::{Builtin, Ir, Occurs, Shape, TypeId, TypeKind};

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
    fn builtin_strategy(builtin: Builtin) -> &'static str {
        match builtin {
            Builtin::String | Builtin::AnyUri => "__rt::arb::string()",
            Builtin::Boolean => "__rt::arb::boolean()",
            Builtin::I8 => "__rt::arb::i8()",
            Builtin::I16 => "__rt::arb::i16()",
            Builtin::I32 => "__rt::arb::i32()",
            Builtin::I64 => "__rt::arb::i64()",
            Builtin::U8 => "__rt::arb::u8()",
            Builtin::U16 => "__rt::arb::u16()",
            Builtin::U32 => "__rt::arb::u32()",
            Builtin::U64 => "__rt::arb::u64()",
            Builtin::F32 => "__rt::arb::f32()",
            Builtin::F64 => "__rt::arb::f64()",
            Builtin::Decimal => "__rt::arb::decimal()",
            Builtin::DateTime => "__rt::arb::date_time()",
            Builtin::Duration => "__rt::arb::duration()",
            Builtin::Bytes => "__rt::arb::bytes()",
            Builtin::Uuid => "__rt::arb::uuid()",
            Builtin::Char => "__rt::arb::xml_char()",
            Builtin::QName => "__rt::arb::qname()",
            Builtin::AnyType => "__rt::arb::any_xml()",
            Builtin::AnyElement => "__rt::arb::any_element()",
        }
    }

    /// Whether `shape` holds a type that may contain itself (see the module documentation).
    fn is_recursive(&self, shape: &Shape) -> bool {
        let mut types = Vec::new();
        shape_types(shape, &mut types);
        types.into_iter().any(|id| is_recursive(self.ir, id))
    }

    /// A strategy for one occurrence of `shape`.
    fn shape_strategy(&self, shape: &Shape) -> String {
        match shape {
            Shape::Builtin(builtin) => Self::builtin_strategy(*builtin).to_owned(),
            Shape::Named(id) => match &self.ir.get(*id).kind {
                TypeKind::Alias(shape) => self.shape_strategy(shape),
                _ if is_recursive(self.ir, *id) => {
                    format!("__rt::arb::recursive::<{}>()", self.ir.get(*id).rust_name)
                }
                _ => format!(
                    "::proptest::prelude::any::<{}>()",
                    self.ir.get(*id).rust_name
                ),
            },
            Shape::List(item) => {
                let item = match item.as_ref() {
                    Shape::Builtin(Builtin::String | Builtin::AnyUri) => {
                        "__rt::arb::token()".to_owned()
                    }
                    other => self.shape_strategy(other),
                };
                format!("__rt::arb::list({item})")
            }
            Shape::Nillable(inner) => self.option_strategy(inner),
            Shape::Boxed(inner) => match inner.as_ref() {
                Shape::Named(id) => format!("__rt::arb::boxed::<{}>()", self.ir.get(*id).rust_name),
                other => format!(
                    "::proptest::strategy::Strategy::prop_map({}, ::std::boxed::Box::new)",
                    self.shape_strategy(other)
                ),
            },
            Shape::Array(array) => self.vec_strategy(
                self.is_recursive(&array.item_shape),
                self.shape_strategy(&array.item_shape),
            ),
            Shape::Dictionary(dict) => self.vec_strategy(
                self.is_recursive(&dict.key_shape) || self.is_recursive(&dict.value_shape),
                format!(
                    "({}, {})",
                    self.shape_strategy(&dict.key_shape),
                    self.shape_strategy(&dict.value_shape)
                ),
            ),
        }
    }

    /// 0 to 3 items of `item`, none from the depth limit on when it recurses.
    fn vec_strategy(&self, recursive: bool, item: String) -> String {
        if recursive {
            format!("__rt::arb::recursive_vec({item}, 0, 3)")
        } else {
            format!("__rt::arb::vec({item})")
        }
    }

    /// `Option` of `inner`; rarely `Some` (and never from the depth limit on) when it recurses.
    fn option_strategy(&self, inner: &Shape) -> String {
        let strategy = self.shape_strategy(inner);
        if self.is_recursive(inner) {
            format!("__rt::arb::rare_option({strategy})")
        } else {
            format!("__rt::arb::option({strategy})")
        }
    }

    /// The strategy of an attribute field.
    pub(super) fn attribute_strategy(&self, attribute: &crate::ir::AttributeField) -> String {
        let strategy = self.shape_strategy(&attribute.shape);
        if self.attribute_is_optional(attribute) {
            format!("__rt::arb::option({strategy})")
        } else {
            strategy
        }
    }

    /// The strategy of an element field. With a default, an occurrence never has empty
    /// text: that reads back as the default.
    pub(super) fn element_field_strategy(
        &self,
        occurs: Occurs,
        shape: &Shape,
        has_default: bool,
    ) -> String {
        let simple = |shape: &Shape| matches!(shape, Shape::Builtin(_) | Shape::Named(_));
        let non_empty =
            |shape: &Shape| format!("__rt::arb::non_empty({})", self.shape_strategy(shape));
        match (has_default, occurs, shape) {
            (true, Occurs::Optional, shape) if simple(collapse_nillable(shape)) => {
                format!("__rt::arb::option({})", non_empty(collapse_nillable(shape)))
            }
            (true, _, Shape::Nillable(inner)) if simple(inner) => {
                let item = format!("__rt::arb::option({})", non_empty(inner));
                self.occurrences_strategy(occurs, item)
            }
            (true, _, shape) if simple(shape) => {
                self.occurrences_strategy(occurs, non_empty(shape))
            }
            _ => self.field_strategy(occurs, shape),
        }
    }

    /// `item` for a required or repeated field.
    fn occurrences_strategy(&self, occurs: Occurs, item: String) -> String {
        match occurs {
            Occurs::Repeated { min, max } => {
                let upper = max.map_or(min + 3, |max| max.min(min + 3));
                format!("::proptest::collection::vec({item}, {min}..={upper})")
            }
            Occurs::Required | Occurs::Optional => item,
        }
    }

    /// The strategy of a field.
    pub(super) fn field_strategy(&self, occurs: Occurs, shape: &Shape) -> String {
        match occurs {
            Occurs::Required => self.shape_strategy(shape),
            Occurs::Optional => self.option_strategy(collapse_nillable(shape)),
            Occurs::Repeated { min, max } => {
                let upper = max.map_or(min + 3, |max| max.min(min + 3));
                let item = self.shape_strategy(shape);
                if self.is_recursive(shape) {
                    format!("__rt::arb::recursive_vec({item}, {min}, {upper})")
                } else {
                    format!("::proptest::collection::vec({item}, {min}..={upper})")
                }
            }
        }
    }
}
