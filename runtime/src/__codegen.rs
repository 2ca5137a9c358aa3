//! The facade generated code uses; not a public API.

#[cfg(feature = "proptest")]
pub use crate::arb;
pub use crate::codec::{SimpleValue, XmlElement, XmlType};
pub use crate::operation::{ElementName, HeaderPart, OperationInfo, SoapVersion, Style};
pub use crate::types::{AnyXml, DateTime, Decimal, Duration, FlagEnum, FlagSet, QName, Uuid};
pub use crate::xml::{DecodeError, DecodeErrorKind, EncodeError, ValueError, XmlReader, XmlWriter};
