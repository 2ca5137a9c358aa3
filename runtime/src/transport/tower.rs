//! Clients over tower: [`TowerTransport`] sends a client's requests through any
//! `tower::Service` of HTTP requests, so tower layers (timeouts, retries, concurrency
//! limits, tracing) compose with the generated clients; [`HttpTransport`] is such a service
//! itself, to put under those layers.

use std::future::poll_fn;
use std::sync::{Mutex, PoisonError};
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body_util::{BodyExt, Limited};

use super::{HttpTransport, Transport};
use crate::error::{TransportError, TransportErrorKind};
use crate::server::BoxError;

/// A [`Transport`] over a `tower::Service` of HTTP requests: a stack of tower layers over
/// [`HttpTransport`], over a hyper client, or over a generated server adapter in the same
/// process. Each call clones the service, waits until the clone is ready, and reads the
/// response body up to a size limit; the service need not be `Sync` (tower's concurrency
/// limit and buffer are not), as the transport keeps it behind a lock it holds only to clone.
///
/// Errors the service returns become [`TransportError`]s: one that is a `TransportError`
/// stays what it is; tower's timeout (`tower::timeout::error::Elapsed`) is a
/// [`TransportErrorKind::Timeout`]; anything else is [`TransportErrorKind::Other`], with the
/// error as its source.
#[derive(Debug)]
pub struct TowerTransport<S> {
    service: Mutex<S>,
    max_response_size: usize,
}

impl<S: Clone> Clone for TowerTransport<S> {
    fn clone(&self) -> Self {
        TowerTransport {
            service: Mutex::new(self.service()),
            max_response_size: self.max_response_size,
        }
    }
}

impl<S> TowerTransport<S> {
    /// A transport over `service`, with a response size limit of 64 MiB.
    pub fn new(service: S) -> Self {
        TowerTransport {
            service: Mutex::new(service),
            max_response_size: 64 * 1024 * 1024,
        }
    }

    /// Sets the largest response body accepted; a larger one is a
    /// [`TransportErrorKind::BodyTooLarge`] error.
    pub fn with_max_response_size(mut self, limit: usize) -> Self {
        self.max_response_size = limit;
        self
    }

    /// A clone of the service, as each call uses.
    fn service(&self) -> S
    where
        S: Clone,
    {
        self.service
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl<S, B> Transport for TowerTransport<S>
where
    S: tower_service::Service<::http::Request<Bytes>, Response = ::http::Response<B>>
        + Clone
        + Send
        + 'static,
    S::Future: Send,
    S::Error: Into<BoxError>,
    B: http_body::Body<Data = Bytes, Error: Into<BoxError>> + Send,
{
    async fn send(
        &self,
        request: ::http::Request<Bytes>,
    ) -> Result<::http::Response<Bytes>, TransportError> {
        let mut service = self.service();
        poll_fn(|cx| service.poll_ready(cx))
            .await
            .map_err(service_error)?;
        let response = service.call(request).await.map_err(service_error)?;
        let limit = self.max_response_size;
        let (parts, body) = response.into_parts();
        let body = match Limited::new(body, limit).collect().await {
            Ok(collected) => collected.to_bytes(),
            Err(error) if error.is::<http_body_util::LengthLimitError>() => {
                return Err(TransportError::new(
                    TransportErrorKind::BodyTooLarge,
                    format!("the response body exceeds the limit of {limit} bytes"),
                ));
            }
            Err(error) => {
                return Err(TransportError::new(
                    TransportErrorKind::Io,
                    "cannot read the response body",
                )
                .with_source(error));
            }
        };
        Ok(::http::Response::from_parts(parts, body))
    }
}

/// The transport error of a failed service call.
fn service_error(error: impl Into<BoxError>) -> TransportError {
    let error = error.into();
    let error = match error.downcast::<TransportError>() {
        Ok(error) => return *error,
        Err(error) => error,
    };
    if error.is::<tower::timeout::error::Elapsed>() {
        return TransportError::new(TransportErrorKind::Timeout, "a tower timeout elapsed")
            .with_source(error);
    }
    TransportError::new(TransportErrorKind::Other, "the transport service failed")
        .with_source(error)
}

/// [`HttpTransport`] as a tower service, to wrap in tower layers and hand to a
/// [`TowerTransport`].
impl tower_service::Service<::http::Request<Bytes>> for HttpTransport {
    type Response = ::http::Response<http_body_util::Full<Bytes>>;
    type Error = TransportError;
    type Future = std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<Self::Response, TransportError>> + Send>,
    >;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), TransportError>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: ::http::Request<Bytes>) -> Self::Future {
        let transport = self.clone();
        Box::pin(async move {
            let response = transport.send(request).await?;
            Ok(response.map(http_body_util::Full::new))
        })
    }
}
