//! The one error type of a SOAP call, on both sides.

use std::any::Any;
use std::fmt;

use crate::fault::Fault;
use crate::xml::{DecodeError, EncodeError};

/// What kind of transport failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The server refused the connection or could not be reached.
    Connect,
    /// The host name could not be resolved.
    Dns,
    /// The TLS handshake failed.
    Tls,
    /// Connecting took longer than the connect timeout.
    ConnectTimeout,
    /// The call took longer than the total timeout.
    Timeout,
    /// The connection broke while sending or receiving (e.g. closed mid-body).
    Io,
    /// The response body exceeded the configured limit.
    BodyTooLarge,
    /// The peer's answer is not HTTP (for example a plain TCP service on that port).
    Protocol,
    /// The endpoint is not a valid URL, or anything else.
    Other,
}

/// A failure to exchange the HTTP request and response.
///
/// Its message says what failed (connecting to which host, the TLS handshake, a timeout);
/// the error that caused it (reqwest's, and through it hyper's, rustls's or the operating
/// system's) is its [`source`](std::error::Error::source), so error reporters such as
/// anyhow and eyre print the whole chain and callers can downcast to any link.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl TransportError {
    /// Creates an error; `message` should not repeat the message of a source attached with
    /// [`TransportError::with_source`], which reporters print after it.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// Attaches the underlying error, returned by `source()`.
    pub fn with_source(
        mut self,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        self.source = Some(source.into());
        self
    }

    /// What kind of failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// What is wrong with a setting of an [`HttpConfig`](crate::HttpConfig).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum HttpConfigErrorKind {
    /// A certificate (client chain or extra root) is not PEM, or the PEM holds none.
    Certificate,
    /// The client's private key is not PEM, the PEM holds none or several, or the crypto
    /// provider cannot sign with it.
    PrivateKey,
    /// The client's private key does not belong to the first certificate of its chain.
    KeyMismatch,
    /// Credentials HTTP authentication cannot carry (RFC 7617, RFC 6750).
    Credentials,
    /// The proxy URL is not an `http` or `https` URL.
    Proxy,
    /// No TLS crypto provider: neither feature `ring` nor `aws-lc-rs`, and no process default.
    CryptoProvider,
}

/// A setting of an [`HttpConfig`](crate::HttpConfig) that cannot be used: checked when the
/// value is made ([`ClientIdentity::from_pem`](crate::transport::ClientIdentity::from_pem),
/// [`HttpAuth::basic`](crate::transport::HttpAuth::basic), …), never by panicking.
///
/// Its message never holds a secret (a key, a password, a token); the parser's error, if
/// any, is its [`source`](std::error::Error::source).
#[derive(Debug)]
pub struct HttpConfigError {
    kind: HttpConfigErrorKind,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl HttpConfigError {
    pub(crate) fn new(kind: HttpConfigErrorKind, message: impl Into<String>) -> Self {
        HttpConfigError {
            kind,
            message: message.into(),
            source: None,
        }
    }

    pub(crate) fn with_source(
        mut self,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        self.source = Some(source.into());
        self
    }

    /// What is wrong.
    pub fn kind(&self) -> HttpConfigErrorKind {
        self.kind
    }
}

impl fmt::Display for HttpConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for HttpConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// A failure the service reported in its response headers (for SuperOffice: `Succeeded`
/// is false or an `ExceptionInfo` header is present).
///
/// The typed exception header is read through the generated response-header struct, which
/// knows its type: `CustomerServiceResponseHeaders::exception_of(&error)` gives an
/// `Option<&SoExceptionInfo>`.
pub struct ServiceFailure {
    message: String,
    exception: Option<Box<dyn Any + Send + Sync>>,
    exception_debug: String,
}

impl ServiceFailure {
    /// A failure with `message` and the typed exception header, if any.
    pub fn new<E: fmt::Debug + Send + Sync + 'static>(
        message: impl Into<String>,
        exception: Option<E>,
    ) -> Self {
        ServiceFailure {
            message: message.into(),
            exception_debug: exception
                .as_ref()
                .map(|e| format!("{e:?}"))
                .unwrap_or_default(),
            exception: exception.map(|e| Box::new(e) as Box<dyn Any + Send + Sync>),
        }
    }

    /// The service's message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether the service sent an exception header with the failure.
    pub fn has_exception(&self) -> bool {
        self.exception.is_some()
    }

    /// The exception header as the generated code stored it; generated response-header
    /// structs name its type (`exception_of`), so users never guess it.
    #[doc(hidden)]
    pub fn __exception<E: 'static>(&self) -> Option<&E> {
        self.exception.as_ref().and_then(|e| e.downcast_ref())
    }
}

impl fmt::Debug for ServiceFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceFailure")
            .field("message", &self.message)
            .field("exception", &format_args!("{}", self.exception_debug))
            .finish()
    }
}

impl fmt::Display for ServiceFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the service reported a failure: {}", self.message)
    }
}

/// Any failure of a SOAP call.
///
/// `Display` says what failed; `source()` continues with the cause of a transport or
/// decode error (and of an implementation's error), never repeating what `Display` said.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The HTTP exchange failed: connect, DNS, TLS, timeout, broken connection.
    Transport(TransportError),
    /// An HTTP error status with no SOAP envelope in the body.
    HttpStatus {
        /// The status code.
        status: u16,
        /// The response's content type.
        content_type: Option<String>,
        /// The first bytes of the body, as text.
        body_start: String,
    },
    /// The peer answered with a SOAP fault.
    Fault(Box<Fault>),
    /// The service reported a failure in its response headers.
    Service(Box<ServiceFailure>),
    /// A message could not be decoded.
    Decode(DecodeError),
    /// A message could not be encoded.
    Encode(EncodeError),
    /// A server implementation failed; the server answers with a Receiver fault.
    Implementation(Box<dyn std::error::Error + Send + Sync>),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Transport(error) => write!(f, "transport: {error}"),
            Error::HttpStatus {
                status,
                content_type,
                body_start,
            } => {
                write!(f, "HTTP status {status} without a SOAP body")?;
                if let Some(content_type) = content_type {
                    write!(f, " ({content_type})")?;
                }
                write!(f, ": {body_start:?}")
            }
            Error::Fault(fault) => fmt::Display::fmt(fault, f),
            Error::Service(failure) => fmt::Display::fmt(failure, f),
            Error::Decode(error) => write!(f, "decoding the message: {error}"),
            Error::Encode(error) => write!(f, "encoding the message: {error}"),
            Error::Implementation(error) => fmt::Display::fmt(error, f),
        }
    }
}

/// Each variant's `Display` includes its inner error's message, so `source()` skips that
/// error and continues with the inner error's own source.
impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(error) => error.source(),
            Error::Decode(error) => error.source(),
            Error::Encode(error) => error.source(),
            Error::Implementation(error) => error.source(),
            Error::HttpStatus { .. } | Error::Fault(_) | Error::Service(_) => None,
        }
    }
}

impl Error {
    /// An internal error for a server implementation to return: the caller gets a
    /// Receiver/Server fault saying only that the call failed, with an error id; `message`
    /// goes to the server's tracing event with that id. To tell the caller why, return a
    /// [`Fault`] (`Error::Fault`) instead.
    pub fn implementation(message: impl Into<String>) -> Self {
        Error::Implementation(message.into().into())
    }

    /// The error a server implementation gives for an operation it does not implement:
    /// answered as a Receiver/Server fault saying so.
    pub fn unimplemented(operation: &str) -> Self {
        Error::Fault(Box::new(Fault::new(
            crate::operation::SoapVersion::Soap11,
            crate::fault::FaultBlame::Receiver,
            format!("operation {operation} is not implemented by this service"),
        )))
    }

    /// The fault, if the peer answered with one.
    pub fn fault(&self) -> Option<&Fault> {
        match self {
            Error::Fault(fault) => Some(fault),
            _ => None,
        }
    }

    /// The service failure, if the service reported one.
    pub fn service_failure(&self) -> Option<&ServiceFailure> {
        match self {
            Error::Service(failure) => Some(failure),
            _ => None,
        }
    }

    /// The transport failure, if the exchange failed.
    pub fn transport(&self) -> Option<&TransportError> {
        match self {
            Error::Transport(error) => Some(error),
            _ => None,
        }
    }
}

impl From<TransportError> for Error {
    fn from(error: TransportError) -> Self {
        Error::Transport(error)
    }
}

impl From<DecodeError> for Error {
    fn from(error: DecodeError) -> Self {
        Error::Decode(error)
    }
}

impl From<EncodeError> for Error {
    fn from(error: EncodeError) -> Self {
        Error::Encode(error)
    }
}

impl From<Fault> for Error {
    fn from(fault: Fault) -> Self {
        Error::Fault(Box::new(fault))
    }
}

impl From<ServiceFailure> for Error {
    fn from(failure: ServiceFailure) -> Self {
        Error::Service(Box::new(failure))
    }
}

/// `error`'s message followed by each of its causes, as `message: cause: cause`, for
/// messages that must stand alone (a fault's reason).
pub(crate) fn with_causes(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(current) = cause {
        text.push_str(": ");
        text.push_str(&current.to_string());
        cause = current.source();
    }
    text
}
