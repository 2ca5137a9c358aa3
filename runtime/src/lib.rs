//! Runtime for Rust code generated from WSDL by `wsdl-codegen`.
//!
//! Generated types implement the codec traits of [`codec`] on top of the [`xml`] reader and
//! writer, and use the value types of [`types`] for XML Schema built-ins that have no exact
//! Rust equivalent. Generated code reaches all of this through the hidden `__codegen` facade,
//! so the runtime can move things without breaking generated crates.
//!
//! The call layer: a [`Client`] sends a [`Request`] (body and typed SOAP headers) in a SOAP
//! 1.1 or 1.2 [`envelope`] over a [`Transport`] and returns a [`Response`] or an [`Error`];
//! a [`server`] routes requests to a [`SoapService`] (a generated server adapter) and serves
//! it over HTTP with [`HttpServer`].
//!
//! Code generated from `build.rs` (`wsdl_codegen::configure()`) is included with
//! [`include_wsdl!`].

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod call;
pub mod client;
pub mod codec;
pub mod encoding;
pub mod envelope;
pub mod error;
pub mod fault;
pub mod headers;
mod include;
pub mod offload;
pub mod operation;
pub mod server;
pub mod transport;
pub mod types;
pub mod visit;
pub mod xml;

#[cfg(feature = "proptest")]
pub mod arb;

pub use call::{HttpContext, RemoteAddr, Request, Response};
pub use client::Client;
pub use codec::{SimpleValue, XmlElement, XmlType, from_xml, to_xml};
pub use error::{
    Error, HttpConfigError, HttpConfigErrorKind, ServiceFailure, TransportError, TransportErrorKind,
};
pub use fault::Fault;
pub use headers::HeaderSet;
pub use server::{HttpServer, ServerConfig, SoapService};
pub use transport::{
    ClientIdentity, HttpAuth, HttpConfig, HttpProxy, HttpTransport, InProcessTransport,
    TowerTransport, Transport,
};
pub use visit::OperationVisitor;
pub use xml::{DecodeError, EncodeError};

#[doc(hidden)]
pub mod __codegen;
