//! The facade generated code uses; not a public API.
//!
//! Everything generated code names of the runtime is here, and nothing else is: what may
//! change without breaking generated crates is everything outside this module. Generated
//! code checks [`CONTRACT`] when it compiles, so code generated for another version of this
//! module fails with a message saying so instead of with missing items.

/// The version of this module's contract with generated code: raised whenever an item
/// generated code uses changes incompatibly (a signature, a field, a removed item). The
/// generator writes the version it generates for (`wsdl_codegen::RUNTIME_CONTRACT`).
pub const CONTRACT: u32 = 5;

// The standard items generated function bodies name, as `__rt::Some(x)` rather than
// `::core::option::Option::Some(x)`: as hygienic as an absolute path (a schema's own `Some`
// cannot shadow them) and a third of the tokens, which the generator parses and formats.
// Types in signatures and fields keep their absolute paths, for the reader.
pub use ::core::clone::Clone;
pub use ::core::convert::{AsRef, From};
pub use ::core::default::Default;
pub use ::core::option::Option::{None, Some};
pub use ::core::result::Result::{Err, Ok};
pub use ::std::borrow::ToOwned;
pub use ::std::boxed::Box;
pub use ::std::vec;
pub use ::std::vec::Vec;

mod fields;
mod group;

pub use fields::{
    fill, fill_nillable, fill_value, nillable_element, occurrences, optional_element,
    parse_attribute, read_array, read_dictionary, read_nillable_with, read_or_default, required,
    required_attribute,
};
pub use group::XmlGroup;

#[cfg(feature = "proptest")]
pub use crate::arb;
pub use crate::call::{Request, Response};
pub use crate::client::Client;
pub use crate::codec::{SimpleValue, XmlElement, XmlType};
pub use crate::encoding::{read_encoded_array, write_encoded_array};
pub use crate::error::{Error, ServiceFailure};
pub use crate::fault::{Fault, FaultBlame};
pub use crate::headers::HeaderSet;
pub use crate::operation::{BodyUse, ElementName, HeaderPart, OperationInfo, SoapVersion, Style};
pub use crate::server::{
    IncomingCall, RequestBody, ResponseBody, ServeFuture, ServerConfig, SoapService, serve_owned,
};
pub use crate::transport::{HttpTransport, Transport};
pub use crate::types::{
    AnyAttribute, AnyElement, AnyXml, DateTime, Decimal, Duration, FlagEnum, FlagSet, List, QName,
    Uuid,
};
pub use crate::visit::OperationVisitor;
#[cfg(feature = "proptest")]
pub use crate::visit::TypeVisitor;
pub use crate::xml::{Child, XSI_NS};
pub use crate::xml::{DecodeError, DecodeErrorKind, EncodeError, ValueError, XmlReader, XmlWriter};
pub use bytes::Bytes;
pub use http;
pub use tower_service;

/// Stands in for a secret in generated `Debug` output.
#[derive(Clone, Copy)]
pub struct Redacted;

impl core::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("<redacted>")
    }
}

/// What an operation trait's default method answers: a fault saying `operation` is not
/// implemented. A ready future, so the thousands of default methods of a large service need
/// no `async` block each.
pub fn unimplemented<Req, T>(
    request: Req,
    operation: &'static str,
) -> core::future::Ready<Result<T, Error>> {
    drop(request);
    core::future::ready(Err(Error::unimplemented(operation)))
}
