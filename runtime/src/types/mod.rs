//! Value types for XML Schema built-ins without an exact Rust equivalent, and the
//! [`SimpleValue`](crate::codec::SimpleValue) codecs of the Rust types that stand for the rest.
//!
//! | XML Schema | Rust |
//! | --- | --- |
//! | `xs:string`, `xs:anyURI` | `String` |
//! | `xs:boolean` | `bool` |
//! | `xs:byte` … `xs:unsignedLong` | `i8` … `u64` |
//! | `xs:float`, `xs:double` | `f32`, `f64` |
//! | `xs:decimal` | [`Decimal`] |
//! | `xs:dateTime` | [`DateTime`] |
//! | `xs:duration`, `ser:duration` | [`Duration`] |
//! | `xs:base64Binary` | `Vec<u8>` |
//! | `ser:guid` | [`Uuid`] |
//! | `ser:char` | `char` |
//! | `xs:QName` | [`QName`] |
//! | `xs:anyType` | [`AnyXml`] |
//! | `xs:list` of an enumeration | [`FlagSet`] |
//! | `xs:list` of another simple type | [`List`] |

mod any;
mod datetime;
mod duration;
mod flags;
mod list;
mod primitives;
mod qname;

pub use any::{AnyAttribute, AnyElement, AnyNode, AnyXml};
pub use datetime::{DateTime, TimeZoneOffset};
pub use duration::Duration;
pub use flags::{FlagEnum, FlagSet};
pub use list::List;
pub use qname::QName;
pub use rust_decimal::Decimal;
pub use uuid::Uuid;
