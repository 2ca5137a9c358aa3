//! HTTP transport on reqwest with rustls: connection reuse, connect and total timeouts,
//! gzip responses, a response size limit, mutual TLS, a proxy, HTTP authentication, and
//! errors classified by kind.

use std::sync::Arc;

use bytes::{Bytes, BytesMut};

use super::config::HttpConfig;
use super::{Transport, tls};
use crate::error::{TransportError, TransportErrorKind};

/// Sends requests over HTTP(S) with a pooled reqwest client; cheap to clone.
#[derive(Debug, Clone)]
pub struct HttpTransport {
    client: reqwest::Client,
    config: Arc<HttpConfig>,
}

impl HttpTransport {
    /// A transport with default settings.
    pub fn new() -> Result<Self, TransportError> {
        Self::with_config(HttpConfig::default())
    }

    /// A transport with the given settings, on a reqwest client built from them
    /// ([`HttpTransport::client_builder`]).
    pub fn with_config(config: HttpConfig) -> Result<Self, TransportError> {
        let client = Self::client_builder(&config)?.build().map_err(|e| {
            TransportError::new(TransportErrorKind::Other, "cannot build the HTTP client")
                .with_source(e)
        })?;
        Ok(Self::from_client(client, config))
    }

    /// The reqwest client builder [`HttpTransport::with_config`] builds its client with:
    /// `config`'s timeouts, gzip, pool, TLS (the crate's one crypto provider,
    /// [`crypto_provider`](super::crypto_provider); the operating system's roots and the
    /// extra ones; the client identity) and proxy. Set more on it (default headers, a local
    /// address, a DNS resolver, …) and hand the client to [`HttpTransport::from_client`].
    pub fn client_builder(config: &HttpConfig) -> Result<reqwest::ClientBuilder, TransportError> {
        let mut builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .gzip(config.gzip)
            .pool_idle_timeout(config.pool_idle_timeout)
            .user_agent(concat!("soap-runtime/", env!("CARGO_PKG_VERSION")))
            .tls_backend_preconfigured(tls::client_config(config)?);
        if let Some(proxy) = &config.proxy {
            let proxy = proxy.to_reqwest().map_err(|e| {
                TransportError::new(TransportErrorKind::Other, "invalid proxy").with_source(e)
            })?;
            builder = builder.proxy(proxy);
        }
        Ok(builder)
    }

    /// A transport on `client`, a reqwest client the caller configured (its TLS, proxy, pool,
    /// default headers, …), from [`HttpTransport::client_builder`] or built from scratch.
    ///
    /// Of `config`, what applies per request still applies: `timeout` (each request's total
    /// timeout, overriding the client's), `max_response_size` and `auth` (an `Authorization`
    /// header on every request). The rest (`connect_timeout`, `gzip`, `pool_idle_timeout`,
    /// `extra_root_certificates`, `client_identity`, `proxy`) is the client's business and
    /// is ignored; `connect_timeout` only appears in the message of a connect timeout.
    pub fn from_client(client: reqwest::Client, config: HttpConfig) -> Self {
        HttpTransport {
            client,
            config: Arc::new(config),
        }
    }

    /// The settings.
    pub fn config(&self) -> &HttpConfig {
        &self.config
    }
}

/// The errors in the source chain of `error`, starting with `error` itself.
///
/// `io::Error::source` skips the error an `io::Error` wraps (rustls's, for a failed
/// handshake), so the walk steps into it explicitly.
fn chain<'e>(
    error: &'e (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'e (dyn std::error::Error + 'static)> {
    std::iter::successors(Some(error), |&e| {
        match e
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::get_ref)
        {
            Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
            None => e.source(),
        }
    })
}

/// The first error of type `E` in the source chain of `error`.
fn find<'e, E: std::error::Error + 'static>(
    error: &'e (dyn std::error::Error + 'static),
) -> Option<&'e E> {
    chain(error).find_map(|e| e.downcast_ref::<E>())
}

/// Classifies a reqwest error by the types in its chain: reqwest's own classification,
/// rustls's error for TLS, hyper's for an answer that is not HTTP (reqwest's timeout test
/// also covers an `io::Error` of kind `TimedOut`).
fn classify(error: &reqwest::Error) -> TransportErrorKind {
    if find::<rustls::Error>(error).is_some() {
        return TransportErrorKind::Tls;
    }
    if error.is_connect() {
        if error.is_dns() {
            return TransportErrorKind::Dns;
        }
        if error.is_timeout() {
            return TransportErrorKind::ConnectTimeout;
        }
        return TransportErrorKind::Connect;
    }
    if error.is_timeout() {
        return TransportErrorKind::Timeout;
    }
    if error.is_builder() || error.is_redirect() {
        return TransportErrorKind::Other;
    }
    if let Some(hyper) = find::<hyper::Error>(error)
        && hyper.is_parse()
    {
        return TransportErrorKind::Protocol;
    }
    TransportErrorKind::Io
}

/// What failed, for the message of a [`TransportError`]: the host and the kind, without
/// the causes, which follow as its source.
fn describe(kind: TransportErrorKind, url: &reqwest::Url, config: &HttpConfig) -> String {
    let host = match (url.host_str(), url.port_or_known_default()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        _ => url.to_string(),
    };
    match kind {
        TransportErrorKind::Connect => format!("cannot connect to {host}"),
        TransportErrorKind::Dns => format!("cannot resolve the host name of {host}"),
        TransportErrorKind::Tls => format!("the TLS handshake with {host} failed"),
        TransportErrorKind::ConnectTimeout => format!(
            "connecting to {host} took longer than the connect timeout of {:?}",
            config.connect_timeout
        ),
        TransportErrorKind::Timeout => format!(
            "the call to {host} took longer than the timeout of {:?}",
            config.timeout
        ),
        TransportErrorKind::Protocol => format!("the answer of {host} is not HTTP"),
        TransportErrorKind::Io => format!("the connection to {host} broke"),
        TransportErrorKind::BodyTooLarge | TransportErrorKind::Other => {
            format!("the call to {host} failed")
        }
    }
}

/// The error of a call to `url` (reqwest's body errors carry no URL of their own).
fn transport_error(
    error: reqwest::Error,
    url: &reqwest::Url,
    config: &HttpConfig,
) -> TransportError {
    let kind = classify(&error);
    TransportError::new(kind, describe(kind, url, config)).with_source(error)
}

fn body_too_large(limit: usize) -> TransportError {
    TransportError::new(
        TransportErrorKind::BodyTooLarge,
        format!("the response body exceeds the limit of {limit} bytes"),
    )
}

impl Transport for HttpTransport {
    async fn send(
        &self,
        request: ::http::Request<Bytes>,
    ) -> Result<::http::Response<Bytes>, TransportError> {
        let mut request = reqwest::Request::try_from(request).map_err(|e| {
            TransportError::new(TransportErrorKind::Other, "invalid request").with_source(e)
        })?;
        if let Some(auth) = &self.config.auth {
            // A header the request carries itself wins.
            request
                .headers_mut()
                .entry(::http::header::AUTHORIZATION)
                .or_insert_with(|| auth.header().clone());
        }
        *request.timeout_mut() = Some(self.config.timeout);
        let url = request.url().clone();
        let mut response = self
            .client
            .execute(request)
            .await
            .map_err(|e| transport_error(e, &url, &self.config))?;
        let limit = self.config.max_response_size;
        if response
            .content_length()
            .is_some_and(|length| length > limit as u64)
        {
            return Err(body_too_large(limit));
        }
        let mut builder = ::http::Response::builder().status(response.status());
        for (name, value) in response.headers() {
            builder = builder.header(name, value);
        }
        let mut body = BytesMut::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| transport_error(e, &url, &self.config))?
        {
            if body.len() + chunk.len() > limit {
                return Err(body_too_large(limit));
            }
            body.extend_from_slice(&chunk);
        }
        builder.body(body.freeze()).map_err(|e| {
            TransportError::new(TransportErrorKind::Other, "invalid response").with_source(e)
        })
    }
}
