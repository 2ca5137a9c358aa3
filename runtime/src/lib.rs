//! Runtime for Rust code generated from WSDL by `wsdl-codegen`.
//!
//! Generated types implement the codec traits of [`codec`] on top of the [`xml`] reader and
//! writer, and use the value types of [`types`] for XML Schema built-ins that have no exact
//! Rust equivalent. Generated code reaches all of this through the hidden `__codegen` facade,
//! so the runtime can move things without breaking generated crates.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod codec;
pub mod operation;
pub mod types;
pub mod xml;

/// proptest strategies for values that survive an XML round trip (feature `proptest`).
#[cfg(feature = "proptest")]
pub mod arb;

pub use codec::{SimpleValue, XmlElement, XmlType, from_xml, to_xml};
pub use xml::{DecodeError, EncodeError};

#[doc(hidden)]
pub mod __codegen;
