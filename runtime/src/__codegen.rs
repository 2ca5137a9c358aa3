//! The facade generated code uses; not a public API.

#[cfg(feature = "proptest")]
pub use crate::arb;
pub use crate::call::{Request, Response};
pub use crate::client::Client;
pub use crate::codec::{SimpleValue, XmlElement, XmlType};
pub use crate::error::{Error, ServiceFailure};
pub use crate::headers::HeaderSet;
pub use crate::server::{IncomingCall, SoapService};
pub use crate::transport::{HttpTransport, Transport};
pub use crate::xml::Child;
pub use bytes::Bytes;
pub use http;
pub use crate::operation::{ElementName, HeaderPart, OperationInfo, SoapVersion, Style};
pub use crate::types::{AnyXml, DateTime, Decimal, Duration, FlagEnum, FlagSet, QName, Uuid};
pub use crate::xml::{DecodeError, DecodeErrorKind, EncodeError, ValueError, XmlReader, XmlWriter};

/// Stands in for a secret in generated `Debug` output.
#[derive(Clone, Copy)]
pub struct Redacted;

impl core::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("<redacted>")
    }
}
