//! The server as a `tower::Service`: reads an HTTP request body of any type within the size
//! and time limits of a [`ServerConfig`], then [`handle`]s it. The generated server adapters'
//! `tower::Service` impls call [`serve_owned`], so they mount in axum or run under hyper.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};

use super::{ServerConfig, SoapService, handle, plain_reply};

/// The error type of a request body a server accepts, as hyper and axum box theirs.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A request body the server can read: any `http_body::Body` that can move between threads,
/// as hyper's `Incoming` and axum's `Body` are.
pub trait RequestBody: http_body::Body<Data: Send, Error: Into<BoxError>> + Send + 'static {}

impl<B> RequestBody for B where
    B: http_body::Body<Data: Send, Error: Into<BoxError>> + Send + 'static
{
}

/// The body of every response the server writes: the whole envelope, already encoded.
pub type ResponseBody = Full<Bytes>;

/// The future of a generated adapter's `tower::Service::call`.
pub type ServeFuture =
    Pin<Box<dyn Future<Output = Result<::http::Response<ResponseBody>, Infallible>> + Send>>;

/// [`serve`] for an owned service and configuration, boxed: what a generated adapter's
/// `tower::Service::call` returns.
pub fn serve_owned<S: SoapService, B: RequestBody>(
    service: S,
    config: Arc<ServerConfig>,
    request: ::http::Request<B>,
) -> ServeFuture {
    Box::pin(async move { Ok(serve(&service, &config, request).await.map(Full::new)) })
}

/// Reads the body of `request` within `config`'s limits (413 for a body over
/// `max_body_size`, without reading the rest; 408 when it takes longer than
/// `body_read_timeout`) and [`handle`]s the request.
pub async fn serve<S: SoapService, B: RequestBody>(
    service: &S,
    config: &ServerConfig,
    request: ::http::Request<B>,
) -> ::http::Response<Bytes> {
    let limit = config.max_body_size;
    let declared = request
        .headers()
        .get(::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return too_large(limit);
    }
    let (parts, body) = request.into_parts();
    let collected = tokio::time::timeout(
        config.body_read_timeout,
        Limited::new(body, limit).collect(),
    )
    .await;
    let bytes = match collected {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(error))
            if error
                .downcast_ref::<http_body_util::LengthLimitError>()
                .is_some() =>
        {
            return too_large(limit);
        }
        Ok(Err(error)) => {
            return plain_reply(
                ::http::StatusCode::BAD_REQUEST,
                &format!("cannot read the request body: {error}\n"),
            );
        }
        Err(_) => {
            return plain_reply(
                ::http::StatusCode::REQUEST_TIMEOUT,
                "the request body took too long\n",
            );
        }
    };
    handle(
        service,
        &config.reader,
        ::http::Request::from_parts(parts, bytes),
    )
    .await
}

fn too_large(limit: usize) -> ::http::Response<Bytes> {
    tracing::info!(limit, "request body over the size limit refused with 413");
    let mut response = plain_reply(
        ::http::StatusCode::PAYLOAD_TOO_LARGE,
        &format!("the request body exceeds the limit of {limit} bytes\n"),
    );
    response.headers_mut().insert(
        ::http::header::CONNECTION,
        ::http::HeaderValue::from_static("close"),
    );
    response
}
