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
    /// The endpoint is not a valid URL, or anything else.
    Other,
}

/// A failure to exchange the HTTP request and response.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl TransportError {
    /// Creates an error.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// Attaches the underlying error.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
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

/// The message already includes the underlying error's chain, so `source()` is `None` (a
/// chain printer would otherwise repeat it); [`TransportError::underlying`] gives the error.
impl std::error::Error for TransportError {}

impl TransportError {
    /// The underlying error (for example reqwest's), for downcasting.
    pub fn underlying(&self) -> Option<&(dyn std::error::Error + Send + Sync + 'static)> {
        self.source.as_deref()
    }
}

/// A failure the service reported in its response headers (for SuperOffice: `Succeeded`
/// is false or an `ExceptionInfo` header is present).
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

    /// The typed exception header (for SuperOffice, `SoExceptionInfo`) with every detail:
    /// type, stack, inner exceptions, parameters.
    pub fn exception<E: 'static>(&self) -> Option<&E> {
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
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The HTTP exchange failed: connect, DNS, TLS, timeout, broken connection.
    #[error("transport: {0}")]
    Transport(TransportError),
    /// An HTTP error status with no SOAP envelope in the body.
    #[error("HTTP status {status} without a SOAP body{}: {body_start:?}", content_type.as_deref().map(|c| format!(" ({c})")).unwrap_or_default())]
    HttpStatus {
        /// The status code.
        status: u16,
        /// The response's content type.
        content_type: Option<String>,
        /// The first bytes of the body, as text.
        body_start: String,
    },
    /// The peer answered with a SOAP fault.
    #[error("{0}")]
    Fault(Box<Fault>),
    /// The service reported a failure in its response headers.
    #[error("{0}")]
    Service(Box<ServiceFailure>),
    /// A message could not be decoded.
    #[error("decoding the message: {0}")]
    Decode(DecodeError),
    /// A message could not be encoded.
    #[error("encoding the message: {0}")]
    Encode(EncodeError),
    /// A server implementation failed; the server answers with a Receiver fault.
    #[error("{0}")]
    Implementation(Box<dyn std::error::Error + Send + Sync>),
}

impl Error {
    /// An error for a server implementation to return, answered as a Receiver/Server fault
    /// carrying `message`.
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
