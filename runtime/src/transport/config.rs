//! What an [`HttpTransport`](super::HttpTransport) is configured with: [`HttpConfig`], and
//! the HTTP authentication and proxy it may carry, each checked when it is made; secrets are
//! `<redacted>` in `Debug` output.

use std::fmt;
use std::time::Duration;

use ::http::HeaderValue;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::tls::ClientIdentity;
use crate::__codegen::Redacted;
use crate::error::{HttpConfigError, HttpConfigErrorKind};

/// Settings of an [`HttpTransport`](super::HttpTransport).
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
    /// A client certificate and its key, for servers that require mutual TLS. Default none.
    pub client_identity: Option<ClientIdentity>,
    /// The proxy of every request. Default none: the proxy the environment names
    /// (`HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`, `NO_PROXY`), if any.
    pub proxy: Option<HttpProxy>,
    /// HTTP authentication sent with every request (its `Authorization` header). Default
    /// none.
    pub auth: Option<HttpAuth>,
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
            client_identity: None,
            proxy: None,
            auth: None,
        }
    }
}

/// HTTP authentication: the value of an `Authorization` (or `Proxy-Authorization`) header,
/// made once, marked sensitive (HTTP/2 never indexes it) and `<redacted>` in `Debug` output.
#[derive(Clone)]
pub struct HttpAuth {
    header: HeaderValue,
    /// The user name of basic authentication, shown by `Debug`.
    username: Option<String>,
}

/// Refuses `value` (`what` names it) if it holds a control character (RFC 5234's CTL).
fn no_control(value: &str, what: &str) -> Result<(), HttpConfigError> {
    if value.chars().any(|c| c.is_ascii_control()) {
        return Err(HttpConfigError::new(
            HttpConfigErrorKind::Credentials,
            format!("the {what} of HTTP basic authentication contains a control character"),
        ));
    }
    Ok(())
}

impl HttpAuth {
    /// Basic authentication (RFC 7617): `Basic ` and the base64 of `username:password` in
    /// UTF-8. A user name with `:`, or either with a control character, is refused.
    pub fn basic(username: &str, password: &str) -> Result<Self, HttpConfigError> {
        if username.contains(':') {
            return Err(HttpConfigError::new(
                HttpConfigErrorKind::Credentials,
                "the user name of HTTP basic authentication cannot contain ':' (RFC 7617)",
            ));
        }
        no_control(username, "user name")?;
        no_control(password, "password")?;
        let encoded = BASE64.encode(format!("{username}:{password}"));
        Ok(HttpAuth {
            header: sensitive(&format!("Basic {encoded}"))?,
            username: Some(username.to_owned()),
        })
    }

    /// Bearer authentication (RFC 6750): `Bearer ` and `token`, which must have the syntax
    /// of RFC 6750's `b64token` (letters, digits, `-._~+/`, then any `=`), as JWTs and
    /// OAuth access tokens do.
    pub fn bearer(token: &str) -> Result<Self, HttpConfigError> {
        let body = token.trim_end_matches('=');
        let valid = !body.is_empty()
            && body
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~+/".contains(&b));
        if !valid {
            return Err(HttpConfigError::new(
                HttpConfigErrorKind::Credentials,
                "a bearer token must be letters, digits and `-._~+/`, then any `=` (RFC 6750)",
            ));
        }
        Ok(HttpAuth {
            header: sensitive(&format!("Bearer {token}"))?,
            username: None,
        })
    }

    /// The header value.
    pub(super) fn header(&self) -> &HeaderValue {
        &self.header
    }
}

/// `value` as a sensitive header value.
fn sensitive(value: &str) -> Result<HeaderValue, HttpConfigError> {
    let mut header = HeaderValue::from_str(value).map_err(|e| {
        HttpConfigError::new(
            HttpConfigErrorKind::Credentials,
            "the credentials are not a valid header value",
        )
        .with_source(e)
    })?;
    header.set_sensitive(true);
    Ok(header)
}

impl fmt::Debug for HttpAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.username {
            Some(username) => f
                .debug_struct("Basic")
                .field("username", username)
                .field("password", &Redacted)
                .finish(),
            None => f.debug_struct("Bearer").field("token", &Redacted).finish(),
        }
    }
}

/// An HTTP proxy: every request goes through it, plain HTTP requests forwarded and HTTPS
/// ones tunnelled with `CONNECT`.
#[derive(Clone)]
pub struct HttpProxy {
    url: reqwest::Url,
    auth: Option<HttpAuth>,
    no_proxy: Option<String>,
}

impl HttpProxy {
    /// The proxy at `url`, an `http` or `https` URL (`http://proxy.example:3128`). A user
    /// name and password in the URL are sent as basic authentication.
    pub fn new(url: &str) -> Result<Self, HttpConfigError> {
        let invalid = |message: &str| {
            HttpConfigError::new(
                HttpConfigErrorKind::Proxy,
                format!("invalid proxy URL: {message}"),
            )
        };
        let url = reqwest::Url::parse(url).map_err(|e| invalid("not a URL").with_source(e))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(invalid(&format!(
                "the scheme is {:?}, not http or https",
                url.scheme()
            )));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(invalid("no host"));
        }
        Ok(HttpProxy {
            url,
            auth: None,
            no_proxy: None,
        })
    }

    /// Sends `auth` to the proxy (`Proxy-Authorization`), on forwarded requests and on
    /// `CONNECT`.
    pub fn with_auth(mut self, auth: HttpAuth) -> Self {
        self.auth = Some(auth);
        self
    }

    /// Hosts reached directly, not through the proxy: a comma-separated list as in
    /// `NO_PROXY` (`localhost,.internal.example,10.0.0.0/8`).
    pub fn with_no_proxy(mut self, hosts: impl Into<String>) -> Self {
        self.no_proxy = Some(hosts.into());
        self
    }

    /// The proxy as reqwest's.
    pub(super) fn to_reqwest(&self) -> reqwest::Result<reqwest::Proxy> {
        let mut proxy = reqwest::Proxy::all(self.url.as_str())?;
        if let Some(auth) = &self.auth {
            proxy = proxy.custom_http_auth(auth.header().clone());
        }
        if let Some(hosts) = &self.no_proxy {
            proxy = proxy.no_proxy(reqwest::NoProxy::from_string(hosts));
        }
        Ok(proxy)
    }
}

impl fmt::Debug for HttpProxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The origin only: a password in the URL stays out.
        let has_userinfo = !self.url.username().is_empty() || self.url.password().is_some();
        f.debug_struct("HttpProxy")
            .field("url", &self.url.origin().ascii_serialization())
            .field(
                "auth",
                &(self.auth.is_some() || has_userinfo).then_some(Redacted),
            )
            .field("no_proxy", &self.no_proxy)
            .finish()
    }
}
