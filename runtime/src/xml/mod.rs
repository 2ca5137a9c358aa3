//! The XML layer: a namespace-resolving pull reader, a namespace-aware writer, and their errors.

mod error;
mod reader;
mod writer;

pub use error::{DecodeError, DecodeErrorKind, EncodeError, EncodeErrorKind, Position, ValueError};
pub use reader::{Attribute, Child, Node, NsId, ReaderConfig, XSI_NS, XmlReader, is_xml_char};
pub use writer::XmlWriter;
