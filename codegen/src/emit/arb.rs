//! proptest strategies for generated fields, so property tests only produce values that
//! survive an XML round trip (no NaN, only characters XML can carry, bounded recursion).
//! Strategies are written as the source text `#[proptest(strategy = "…")]` expects.

use super::{Ctx, collapse_nillable};
use crate::ir::{Builtin, Occurs, Shape};

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

    /// A strategy for one occurrence of `shape`.
    fn shape_strategy(&self, shape: &Shape) -> String {
        match shape {
            Shape::Builtin(builtin) => Self::builtin_strategy(*builtin).to_owned(),
            Shape::Named(id) => match &self.ir.get(*id).kind {
                crate::ir::TypeKind::Alias(shape) => self.shape_strategy(shape),
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
            Shape::Nillable(inner) => Self::option_strategy(inner, self.shape_strategy(inner)),
            Shape::Boxed(inner) => match inner.as_ref() {
                Shape::Named(id) => format!("__rt::arb::boxed::<{}>()", self.ir.get(*id).rust_name),
                other => format!(
                    "::proptest::strategy::Strategy::prop_map({}, ::std::boxed::Box::new)",
                    self.shape_strategy(other)
                ),
            },
            Shape::Array(array) => {
                format!("__rt::arb::vec({})", self.shape_strategy(&array.item_shape))
            }
            Shape::Dictionary(dict) => format!(
                "__rt::arb::vec(({}, {}))",
                self.shape_strategy(&dict.key_shape),
                self.shape_strategy(&dict.value_shape)
            ),
        }
    }

    /// `Option` of `strategy`; rarely `Some` when it recurses.
    fn option_strategy(inner: &Shape, strategy: String) -> String {
        if matches!(inner, Shape::Boxed(_)) {
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
            Occurs::Optional => {
                let inner = collapse_nillable(shape);
                Self::option_strategy(inner, self.shape_strategy(inner))
            }
            Occurs::Repeated { min, max } => {
                let upper = max.map_or(min + 3, |max| max.min(min + 3));
                format!(
                    "::proptest::collection::vec({}, {min}..={upper})",
                    self.shape_strategy(shape)
                )
            }
        }
    }
}
