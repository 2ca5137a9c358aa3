//! Visitors that generated crates call with each operation's (or each type's) Rust types,
//! so code that must treat every operation alike (a conformance test, a registry of
//! operations, a property test over every type) is written once, generically.

use core::fmt::Debug;

use crate::codec::XmlType;
use crate::headers::HeaderSet;
use crate::operation::OperationInfo;

/// Receives every operation of a generated crate's enabled services with its metadata and
/// the Rust types of its request and response bodies and header sets (a one-way
/// operation's response is `()`). Generated crates call it from `visit_operations`.
pub trait OperationVisitor {
    /// One operation.
    fn visit<Req, ReqH, Resp, RespH>(&mut self, operation: &'static OperationInfo)
    where
        Req: XmlType + PartialEq + Debug + Send + 'static,
        ReqH: HeaderSet + PartialEq + Debug + Send + 'static,
        Resp: XmlType + PartialEq + Debug + Send + 'static,
        RespH: HeaderSet + PartialEq + Debug + Send + 'static;
}

/// Receives every generated type that can be the content of an element, for property tests
/// over all of them (feature `proptest`).
#[cfg(feature = "proptest")]
pub trait TypeVisitor {
    /// One type, with its Rust path as written in the generated crate.
    fn visit<T>(&mut self, path: &'static str)
    where
        T: XmlType + proptest::arbitrary::Arbitrary + PartialEq + Debug + 'static;
}
