//! How a client's HTTP requests reach a server: over the network with [`HttpTransport`], or
//! in-process with [`InProcessTransport`], through any tower service with
//! [`TowerTransport`]. Users can plug in their own [`Transport`].

mod config;
mod http;
mod in_process;
mod tls;
mod tower;

use std::future::Future;

use bytes::Bytes;

pub use self::config::{HttpAuth, HttpConfig, HttpProxy};
pub use self::http::HttpTransport;
pub use self::tls::{ClientIdentity, crypto_provider};
pub use self::tower::TowerTransport;
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
