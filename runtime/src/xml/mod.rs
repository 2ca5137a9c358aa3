//! The XML layer: a namespace-resolving pull reader, a namespace-aware writer, and their errors.

mod chars;
mod error;
mod reader;
mod writer;

pub use chars::{is_ncname, is_qname, is_xml_char};
pub use error::{DecodeError, DecodeErrorKind, EncodeError, EncodeErrorKind, Position, ValueError};
pub use reader::{Attribute, Child, Node, NsId, ReaderConfig, XSI_NS, XmlReader};
pub use writer::{ROOT_DECLARATIONS, XmlWriter};
