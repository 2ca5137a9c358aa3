//! How a client's HTTP requests reach a server: over the network with [`HttpTransport`], or
//! in-process with [`InProcessTransport`]. Users can plug in their own [`Transport`].

mod http;
mod in_process;

use std::future::Future;

use bytes::Bytes;

pub use self::http::{HttpConfig, HttpTransport};
pub use in_process::InProcessTransport;

use crate::error::TransportError;

/// Sends one HTTP request and returns the response, whatever its status.
pub trait Transport: Send + Sync + 'static {
    /// Exchanges `request` for a response. Errors are failures of the exchange only; an
    /// HTTP error status is a response.
    fn send(
        &self,
        request: ::http::Request<Bytes>,
    ) -> impl Future<Output = Result<::http::Response<Bytes>, TransportError>> + Send;
}
