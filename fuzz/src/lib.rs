//! What the fuzz targets run, kept in a library so the seed generator
//! (`examples/make_seeds.rs`) builds its inputs from the same operations and values.
//!
//! - [`client`]: bytes as a SOAP response envelope, decoded as the response of rich
//!   operations; whatever decodes is written again and must decode to the same value.
//! - [`server`]: bytes as an HTTP request body through `soap_runtime::server::handle` with the
//!   generated `CustomerServiceServer`; whatever it answers must be a well-formed SOAP reply.
//! - [`wsdl`]: bytes as a WSDL through the generator.
//!
//! Each function panics only when the code under test misbehaves (a panic inside it, or a
//! broken oracle); errors for bad input are expected.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Fuzz oracles fail by panicking.

pub mod client;
pub mod server;
pub mod wsdl;

/// The values the server answers with and the seeds are made of.
pub use samples::fuzz as values;
