//! HTTP transport on reqwest with rustls: connection reuse, connect and total timeouts,
//! gzip responses, a response size limit, and errors classified by kind.

use std::error::Error as _;
use std::sync::Arc;
use std::time::Duration;

use bytes::{Bytes, BytesMut};

use super::Transport;
use crate::error::{TransportError, TransportErrorKind};

/// Settings of an [`HttpTransport`].
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// Longest time to establish a connection (TCP and TLS). Default 10 s.
    pub connect_timeout: Duration,
    /// Longest time for a whole call, from sending to the last byte received. Default 60 s.
    pub timeout: Duration,
    /// Largest response body accepted; a larger one is an error. Default 64 MiB.
    pub max_response_size: usize,
    /// Ask for and decode gzip responses. Default on.
    pub gzip: bool,
    /// How long an idle pooled connection is kept. Default 90 s.
    pub pool_idle_timeout: Duration,
    /// Extra trusted root certificates (PEM), for private CAs and tests.
    pub extra_root_certificates: Vec<Vec<u8>>,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            max_response_size: 64 * 1024 * 1024,
            gzip: true,
            pool_idle_timeout: Duration::from_secs(90),
            extra_root_certificates: Vec::new(),
        }
    }
}

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

    /// A transport with the given settings.
    pub fn with_config(config: HttpConfig) -> Result<Self, TransportError> {
        let mut builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .gzip(config.gzip)
            .pool_idle_timeout(config.pool_idle_timeout)
            .user_agent(concat!("soap-runtime/", env!("CARGO_PKG_VERSION")));
        for pem in &config.extra_root_certificates {
            let certificate = reqwest::Certificate::from_pem(pem).map_err(|e| {
                TransportError::new(
                    TransportErrorKind::Tls,
                    format!("invalid root certificate: {e}"),
                )
            })?;
            builder = builder.add_root_certificate(certificate);
        }
        let client = builder.build().map_err(|e| {
            TransportError::new(
                TransportErrorKind::Other,
                format!("cannot build the HTTP client: {e}"),
            )
        })?;
        Ok(HttpTransport {
            client,
            config: Arc::new(config),
        })
    }

    /// The settings.
    pub fn config(&self) -> &HttpConfig {
        &self.config
    }
}

/// Whether any error in the chain of `error` satisfies `test`.
fn chain_has(
    error: &(dyn std::error::Error + 'static),
    test: &dyn Fn(&(dyn std::error::Error + 'static)) -> bool,
) -> bool {
    let mut current = Some(error);
    while let Some(e) = current {
        if test(e) {
            return true;
        }
        // `io::Error::source` skips the error an `io::Error` wraps (rustls's, for a failed
        // handshake), so step into it explicitly.
        current = match e
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::get_ref)
        {
            Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
            None => e.source(),
        };
    }
    false
}

fn classify(error: &reqwest::Error, connect_timeout: Duration) -> TransportErrorKind {
    let text_of = |e: &(dyn std::error::Error + 'static)| e.to_string().to_ascii_lowercase();
    if chain_has(error, &|e| {
        e.downcast_ref::<rustls::Error>().is_some() || text_of(e).contains("certificate")
    }) {
        return TransportErrorKind::Tls;
    }
    if error.is_connect() {
        if error.is_timeout() {
            return TransportErrorKind::ConnectTimeout;
        }
        if chain_has(error, &|e| {
            let text = text_of(e);
            text.contains("dns error")
                || text.contains("failed to lookup address")
                || text.contains("name or service not known")
        }) {
            return TransportErrorKind::Dns;
        }
        if chain_has(error, &|e| {
            e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut)
        }) {
            return TransportErrorKind::ConnectTimeout;
        }
        return TransportErrorKind::Connect;
    }
    if error.is_timeout() {
        let _ = connect_timeout;
        return TransportErrorKind::Timeout;
    }
    if error.is_builder() {
        return TransportErrorKind::Other;
    }
    TransportErrorKind::Io
}

fn transport_error(error: reqwest::Error, config: &HttpConfig) -> TransportError {
    let kind = classify(&error, config.connect_timeout);
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    TransportError::new(kind, message).with_source(error)
}

impl Transport for HttpTransport {
    async fn send(
        &self,
        request: ::http::Request<Bytes>,
    ) -> Result<::http::Response<Bytes>, TransportError> {
        let request = reqwest::Request::try_from(request).map_err(|e| {
            TransportError::new(TransportErrorKind::Other, format!("invalid request: {e}"))
        })?;
        let mut response = self
            .client
            .execute(request)
            .await
            .map_err(|e| transport_error(e, &self.config))?;
        let limit = self.config.max_response_size;
        if response
            .content_length()
            .is_some_and(|length| length > limit as u64)
        {
            return Err(TransportError::new(
                TransportErrorKind::BodyTooLarge,
                format!("the response body exceeds the limit of {limit} bytes"),
            ));
        }
        let mut builder = ::http::Response::builder().status(response.status());
        for (name, value) in response.headers() {
            builder = builder.header(name, value);
        }
        let mut body = BytesMut::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| transport_error(e, &self.config))?
        {
            if body.len() + chunk.len() > limit {
                return Err(TransportError::new(
                    TransportErrorKind::BodyTooLarge,
                    format!("the response body exceeds the limit of {limit} bytes"),
                ));
            }
            body.extend_from_slice(&chunk);
        }
        builder.body(body.freeze()).map_err(|e| {
            TransportError::new(TransportErrorKind::Other, format!("invalid response: {e}"))
        })
    }
}
