//! The call model, after tonic: a request carries its body and its SOAP headers; so does a
//! response. On the server, a request also carries what the HTTP request it came in showed
//! ([`HttpContext`]).

use std::fmt;
use std::net::SocketAddr;
use std::time::Duration;

/// A request body with its SOAP headers; on the client a timeout of its own, on the server
/// its [`HttpContext`].
///
/// Equality compares body and SOAP headers only.
#[derive(Debug, Clone, Default)]
pub struct Request<T, H> {
    body: T,
    headers: H,
    timeout: Option<Duration>,
    http: HttpContext,
}

impl<T: PartialEq, H: PartialEq> PartialEq for Request<T, H> {
    fn eq(&self, other: &Self) -> bool {
        self.body == other.body && self.headers == other.headers
    }
}

impl<T, H: Default> Request<T, H> {
    /// A request with default (empty) headers; a client fills them from its defaults.
    pub fn new(body: T) -> Self {
        Request::with_headers(body, H::default())
    }
}

impl<T, H> Request<T, H> {
    /// A request with the given headers.
    pub fn with_headers(body: T, headers: H) -> Self {
        Request {
            body,
            headers,
            timeout: None,
            http: HttpContext::default(),
        }
    }

    /// The body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The body, mutable.
    pub fn body_mut(&mut self) -> &mut T {
        &mut self.body
    }

    /// The headers.
    pub fn headers(&self) -> &H {
        &self.headers
    }

    /// The headers, mutable; set a field to override the client's default for this call.
    pub fn headers_mut(&mut self) -> &mut H {
        &mut self.headers
    }

    /// Sets how long the client waits for this call's answer, sending included; past it the
    /// call fails with a [`TransportErrorKind::Timeout`](crate::error::TransportErrorKind)
    /// error. The transport's own timeout still applies.
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = Some(timeout);
    }

    /// The request with [`Request::set_timeout`] applied.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.set_timeout(timeout);
        self
    }

    /// The timeout of this call, if it has one of its own.
    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// What the HTTP request this call came in showed: the peer's address, the HTTP headers
    /// and the extensions a middleware layer put there. Empty for a request a client sends.
    pub fn http(&self) -> &HttpContext {
        &self.http
    }

    /// The HTTP context, mutable: a test of a service implementation can give its request
    /// one, as the server does.
    pub fn http_mut(&mut self) -> &mut HttpContext {
        &mut self.http
    }

    /// The body, dropping the headers.
    pub fn into_inner(self) -> T {
        self.body
    }

    /// Body and headers.
    pub fn into_parts(self) -> (T, H) {
        (self.body, self.headers)
    }
}

impl<T, H: Default> From<T> for Request<T, H> {
    fn from(body: T) -> Self {
        Request::new(body)
    }
}

/// A response body with its SOAP headers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Response<T, H> {
    body: T,
    headers: H,
}

impl<T, H: Default> Response<T, H> {
    /// A response with default (empty) headers.
    pub fn new(body: T) -> Self {
        Response {
            body,
            headers: H::default(),
        }
    }
}

impl<T, H> Response<T, H> {
    /// A response with the given headers.
    pub fn with_headers(body: T, headers: H) -> Self {
        Response { body, headers }
    }

    /// The body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The headers.
    pub fn headers(&self) -> &H {
        &self.headers
    }

    /// The headers, mutable.
    pub fn headers_mut(&mut self) -> &mut H {
        &mut self.headers
    }

    /// The body, dropping the headers.
    pub fn into_inner(self) -> T {
        self.body
    }

    /// Body and headers.
    pub fn into_parts(self) -> (T, H) {
        (self.body, self.headers)
    }
}

/// What the server knew of the HTTP request a call came in: its headers, and its extensions,
/// where a middleware layer puts what it found (an authenticated user, a tenant) and the
/// server the peer's address ([`RemoteAddr`]).
///
/// `Debug` shows the header names and not their values, which may be credentials.
#[derive(Clone, Default)]
pub struct HttpContext {
    headers: http::HeaderMap,
    extensions: http::Extensions,
}

impl HttpContext {
    /// A context of these HTTP headers and extensions.
    pub fn new(headers: http::HeaderMap, extensions: http::Extensions) -> Self {
        HttpContext {
            headers,
            extensions,
        }
    }

    /// The HTTP request's headers.
    pub fn headers(&self) -> &http::HeaderMap {
        &self.headers
    }

    /// The HTTP request's extensions.
    pub fn extensions(&self) -> &http::Extensions {
        &self.extensions
    }

    /// The extensions, mutable.
    pub fn extensions_mut(&mut self) -> &mut http::Extensions {
        &mut self.extensions
    }

    /// The address of the peer the request came from, when the server that received it
    /// said ([`RemoteAddr`] in the extensions; `HttpServer` does). Behind a proxy or load
    /// balancer this is the proxy's address.
    pub fn remote_addr(&self) -> Option<SocketAddr> {
        self.extensions.get::<RemoteAddr>().map(|addr| addr.0)
    }
}

impl fmt::Debug for HttpContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpContext")
            .field("remote_addr", &self.remote_addr())
            .field("header_names", &self.headers.keys().collect::<Vec<_>>())
            .field("extensions", &self.extensions.len())
            .finish()
    }
}

/// The address of the peer an HTTP request came from, as a request extension: `HttpServer`
/// inserts it, and a server of your own (hyper, axum) can insert it for
/// [`HttpContext::remote_addr`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RemoteAddr(pub SocketAddr);
