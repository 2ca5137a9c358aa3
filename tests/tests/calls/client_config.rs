//! The client's HTTP settings against real servers on 127.0.0.1, through the generated
//! `CustomerService` client: mutual TLS (a server that requires a client certificate signed
//! by the test CA of `tests/tls/`), HTTP basic and bearer authentication (a server that
//! checks `Authorization`), a proxy (a small HTTP proxy that records what passed through it,
//! forwarding plain requests and tunnelling `CONNECT`), and a reqwest client of the caller's
//! own. The servers serve the generated server adapter through `soap_runtime::server::handle`,
//! behind hyper, with the TLS crypto provider soap-runtime chose.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt as _, Full};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use soap_runtime::xml::ReaderConfig;
use soap_runtime::{
    ClientIdentity, Error, HttpAuth, HttpConfig, HttpProxy, HttpTransport, Request, Response,
    TransportErrorKind,
};
use superoffice_services87::customer_service::{self as cs, CustomerService as _};
use tests::net::{CS_PATH, read_message};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};

use crate::client_resilience::causes;

/// The test CA, and the server and client certificates it signed (`tests/tls/README.md`).
const CA_CERT: &[u8] = include_bytes!("../../tls/ca.cert.pem");
const SERVER_CERT: &[u8] = include_bytes!("../../tls/server.cert.pem");
const SERVER_KEY: &[u8] = include_bytes!("../../tls/server.key.pem");
const CLIENT_CERT: &[u8] = include_bytes!("../../tls/client.cert.pem");
const CLIENT_KEY: &[u8] = include_bytes!("../../tls/client.key.pem");
/// A certificate the test CA did not sign, as a client certificate the server must refuse.
const SELF_SIGNED_CERT: &[u8] = include_bytes!("../../tls/self_signed.cert.pem");
const SELF_SIGNED_KEY: &[u8] = include_bytes!("../../tls/self_signed.key.pem");

/// No call may take longer than this.
const LIMIT: Duration = Duration::from_secs(10);

/// A `CustomerService` whose `SessionIsValid` answers true.
struct Valid;

impl cs::CustomerService for Valid {
    async fn session_is_valid(
        &self,
        _request: Request<cs::SessionIsValid, cs::CustomerServiceRequestHeaders>,
    ) -> Result<Response<cs::SessionIsValidResponse, cs::CustomerServiceResponseHeaders>, Error>
    {
        Ok(Response::new(cs::SessionIsValidResponse {
            response: Some(true),
        }))
    }
}

/// How a [`SoapServer`] is reached.
enum Security {
    /// Plain HTTP.
    Plain,
    /// HTTPS with the test CA's server certificate, requiring a client certificate the test
    /// CA signed.
    MutualTls,
}

/// A SOAP server on 127.0.0.1 that serves [`Valid`] and records the headers of every
/// request; with an expected `Authorization` value, it answers any other (or none) with 401.
struct SoapServer {
    addr: SocketAddr,
    tls: bool,
    requests: Arc<Mutex<Vec<http::HeaderMap>>>,
}

struct State {
    service: cs::CustomerServiceServer<Valid>,
    expected_authorization: Option<String>,
    requests: Arc<Mutex<Vec<http::HeaderMap>>>,
}

impl SoapServer {
    async fn start(security: Security, expected_authorization: Option<&str>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let state = Arc::new(State {
            service: cs::CustomerServiceServer::new(Valid),
            expected_authorization: expected_authorization.map(str::to_owned),
            requests: Arc::clone(&requests),
        });
        let acceptor = match security {
            Security::Plain => None,
            Security::MutualTls => Some(tokio_rustls::TlsAcceptor::from(Arc::new(
                mutual_tls_config(),
            ))),
        };
        let tls = acceptor.is_some();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (state, acceptor) = (Arc::clone(&state), acceptor.clone());
                tokio::spawn(async move {
                    match acceptor {
                        None => serve_connection(stream, state).await,
                        Some(acceptor) => {
                            if let Ok(stream) = acceptor.accept(stream).await {
                                serve_connection(stream, state).await;
                            }
                        }
                    }
                });
            }
        });
        SoapServer {
            addr,
            tls,
            requests,
        }
    }

    fn url(&self) -> String {
        let scheme = if self.tls { "https" } else { "http" };
        format!("{scheme}://{}{CS_PATH}", self.addr)
    }

    /// The `Authorization` headers of the requests so far (`None` for a request without).
    fn authorizations(&self) -> Vec<Option<String>> {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .map(|headers| header(headers, "authorization"))
            .collect()
    }

    fn requests(&self) -> Vec<http::HeaderMap> {
        self.requests.lock().unwrap().clone()
    }
}

fn header(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .map(|value| value.to_str().unwrap().to_owned())
}

/// The server side of mutual TLS: the test CA's server certificate, and client certificates
/// required and verified against the test CA, with soap-runtime's crypto provider.
fn mutual_tls_config() -> rustls::ServerConfig {
    let provider = soap_runtime::transport::crypto_provider().unwrap();
    let mut roots = rustls::RootCertStore::empty();
    for ca in CertificateDer::pem_slice_iter(CA_CERT) {
        roots.add(ca.unwrap()).unwrap();
    }
    let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
        Arc::new(roots),
        Arc::clone(&provider),
    )
    .build()
    .unwrap();
    let chain = CertificateDer::pem_slice_iter(SERVER_CERT)
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_client_cert_verifier(verifier)
        .with_single_cert(chain, PrivateKeyDer::from_pem_slice(SERVER_KEY).unwrap())
        .unwrap()
}

/// Serves HTTP/1.1 on `io`: records each request's headers, checks `Authorization`, and
/// hands the call to the generated server adapter.
async fn serve_connection(
    io: impl AsyncRead + AsyncWrite + Unpin + Send + 'static,
    state: Arc<State>,
) {
    let service = hyper::service::service_fn(move |request: http::Request<Incoming>| {
        let state = Arc::clone(&state);
        async move {
            let (parts, body) = request.into_parts();
            let body = body.collect().await?.to_bytes();
            state.requests.lock().unwrap().push(parts.headers.clone());
            if let Some(expected) = &state.expected_authorization
                && header(&parts.headers, "authorization").as_deref() != Some(expected)
            {
                let response = http::Response::builder()
                    .status(http::StatusCode::UNAUTHORIZED)
                    .header(
                        "www-authenticate",
                        "Basic realm=\"soap\", charset=\"UTF-8\"",
                    )
                    .body(Full::new(Bytes::from_static(b"authentication required\n")))
                    .unwrap();
                return Ok::<_, hyper::Error>(response);
            }
            let request = http::Request::from_parts(parts, body);
            let response =
                soap_runtime::server::handle(&state.service, &ReaderConfig::default(), request)
                    .await;
            Ok(response.map(Full::new))
        }
    });
    let _ = hyper::server::conn::http1::Builder::new()
        .serve_connection(TokioIo::new(io), service)
        .await;
}

/// A client of `url` over an HTTP transport with `config`.
fn client(url: &str, config: HttpConfig) -> cs::CustomerServiceClient {
    cs::CustomerServiceClient::with_transport(url, HttpTransport::with_config(config).unwrap())
}

/// Trusts the test CA.
fn trusting_the_test_ca() -> HttpConfig {
    HttpConfig {
        extra_root_certificates: vec![CA_CERT.to_vec()],
        ..HttpConfig::default()
    }
}

/// One `SessionIsValid` call, within [`LIMIT`].
async fn call(client: &cs::CustomerServiceClient) -> Result<Option<bool>, Error> {
    let result = tokio::time::timeout(
        LIMIT,
        client.session_is_valid(Request::new(cs::SessionIsValid {
            cs_session_key: Some("key".to_owned()),
        })),
    )
    .await
    .expect("the call hangs")?;
    Ok(result.into_inner().response)
}

fn kind_of(error: &Error) -> TransportErrorKind {
    error
        .transport()
        .unwrap_or_else(|| panic!("expected a transport error, got {error:?}"))
        .kind()
}

#[tokio::test]
async fn mutual_tls_with_the_client_certificate_succeeds() {
    let server = SoapServer::start(Security::MutualTls, None).await;
    let config = HttpConfig {
        client_identity: Some(ClientIdentity::from_pem(CLIENT_CERT, CLIENT_KEY).unwrap()),
        ..trusting_the_test_ca()
    };
    assert_eq!(
        call(&client(&server.url(), config)).await.unwrap(),
        Some(true)
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn mutual_tls_without_a_client_certificate_is_a_tls_error() {
    let server = SoapServer::start(Security::MutualTls, None).await;
    let error = call(&client(&server.url(), trusting_the_test_ca()))
        .await
        .unwrap_err();
    assert_eq!(kind_of(&error), TransportErrorKind::Tls, "{error:?}");
    let tls = causes(&error)
        .into_iter()
        .find_map(|e| e.downcast_ref::<rustls::Error>())
        .expect("rustls's error is in the chain");
    assert!(
        matches!(
            tls,
            rustls::Error::AlertReceived(rustls::AlertDescription::CertificateRequired)
        ),
        "{tls:?}"
    );
    assert!(server.requests().is_empty(), "a request got through");
}

#[tokio::test]
async fn mutual_tls_with_a_certificate_of_another_ca_is_a_tls_error() {
    let server = SoapServer::start(Security::MutualTls, None).await;
    let config = HttpConfig {
        client_identity: Some(ClientIdentity::from_pem(SELF_SIGNED_CERT, SELF_SIGNED_KEY).unwrap()),
        ..trusting_the_test_ca()
    };
    let error = call(&client(&server.url(), config)).await.unwrap_err();
    assert_eq!(kind_of(&error), TransportErrorKind::Tls, "{error:?}");
    assert!(server.requests().is_empty(), "a request got through");
}

/// RFC 7617's own example: user `Aladdin`, password `open sesame`.
const ALADDIN: &str = "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==";

#[tokio::test]
async fn basic_auth_sends_the_rfc_7617_header_on_every_request() {
    let server = SoapServer::start(Security::Plain, Some(ALADDIN)).await;
    let config = HttpConfig {
        auth: Some(HttpAuth::basic("Aladdin", "open sesame").unwrap()),
        ..HttpConfig::default()
    };
    let client = client(&server.url(), config);
    for _ in 0..3 {
        assert_eq!(call(&client).await.unwrap(), Some(true));
    }
    assert_eq!(server.authorizations(), vec![Some(ALADDIN.to_owned()); 3]);
}

#[tokio::test]
async fn basic_auth_encodes_utf_8() {
    // RFC 7617 section 2.1's example with charset UTF-8: "test" and "123£".
    let expected = "Basic dGVzdDoxMjPCow==";
    let server = SoapServer::start(Security::Plain, Some(expected)).await;
    let config = HttpConfig {
        auth: Some(HttpAuth::basic("test", "123\u{a3}").unwrap()),
        ..HttpConfig::default()
    };
    assert_eq!(
        call(&client(&server.url(), config)).await.unwrap(),
        Some(true)
    );
}

#[tokio::test]
async fn wrong_or_missing_credentials_are_http_401() {
    let server = SoapServer::start(Security::Plain, Some(ALADDIN)).await;
    let wrong = HttpConfig {
        auth: Some(HttpAuth::basic("Aladdin", "close sesame").unwrap()),
        ..HttpConfig::default()
    };
    for config in [wrong, HttpConfig::default()] {
        let error = call(&client(&server.url(), config)).await.unwrap_err();
        let Error::HttpStatus { status, .. } = &error else {
            panic!("expected an HTTP status error, got {error:?}");
        };
        assert_eq!(*status, 401);
    }
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn bearer_auth_sends_the_token() {
    let server = SoapServer::start(Security::Plain, Some("Bearer mF_9.B5f-4.1JqM")).await;
    let config = HttpConfig {
        auth: Some(HttpAuth::bearer("mF_9.B5f-4.1JqM").unwrap()),
        ..HttpConfig::default()
    };
    assert_eq!(
        call(&client(&server.url(), config)).await.unwrap(),
        Some(true)
    );
}

#[tokio::test]
async fn mutual_tls_and_basic_auth_together() {
    let server = SoapServer::start(Security::MutualTls, Some(ALADDIN)).await;
    let config = HttpConfig {
        client_identity: Some(ClientIdentity::from_pem(CLIENT_CERT, CLIENT_KEY).unwrap()),
        auth: Some(HttpAuth::basic("Aladdin", "open sesame").unwrap()),
        ..trusting_the_test_ca()
    };
    assert_eq!(
        call(&client(&server.url(), config)).await.unwrap(),
        Some(true)
    );
    assert_eq!(server.authorizations(), [Some(ALADDIN.to_owned())]);
}

/// A small HTTP proxy on 127.0.0.1: forwards requests in absolute form (rewriting the
/// request line to origin form) and tunnels `CONNECT`; records the head of each request it
/// gets.
struct Proxy {
    addr: SocketAddr,
    heads: Arc<Mutex<Vec<String>>>,
}

impl Proxy {
    async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let heads = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&heads);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(proxy_connection(stream, Arc::clone(&recorded)));
            }
        });
        Proxy { addr, heads }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }
}

async fn proxy_connection(mut client: TcpStream, heads: Arc<Mutex<Vec<String>>>) {
    let Ok(message) = read_message(&mut client).await else {
        return;
    };
    let data = message.data;
    let head_end = data.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    heads.lock().unwrap().push(head.clone());
    let line_end = head.find("\r\n").unwrap_or(head.len());
    let mut words = head[..line_end].split(' ');
    let (method, target, version) = (
        words.next().unwrap(),
        words.next().unwrap(),
        words.next().unwrap(),
    );
    if method == "CONNECT" {
        let mut upstream = TcpStream::connect(target).await.unwrap();
        client
            .write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n")
            .await
            .unwrap();
        let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
        return;
    }
    // `http://host:port/path` → `host:port` and `/path`.
    let rest = target
        .strip_prefix("http://")
        .expect("an absolute-form target");
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let mut upstream = TcpStream::connect(authority).await.unwrap();
    let mut forwarded = format!("{method} {path} {version}").into_bytes();
    forwarded.extend_from_slice(&data[line_end..]);
    upstream.write_all(&forwarded).await.unwrap();
    let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
}

#[tokio::test]
async fn a_proxy_carries_the_calls() {
    let server = SoapServer::start(Security::Plain, Some(ALADDIN)).await;
    let proxy = Proxy::start().await;
    let config = HttpConfig {
        proxy: Some(HttpProxy::new(&proxy.url()).unwrap()),
        auth: Some(HttpAuth::basic("Aladdin", "open sesame").unwrap()),
        ..HttpConfig::default()
    };
    assert_eq!(
        call(&client(&server.url(), config)).await.unwrap(),
        Some(true)
    );
    let heads = proxy.heads();
    assert_eq!(heads.len(), 1, "{heads:#?}");
    assert!(
        heads[0].starts_with(&format!("POST {} HTTP/1.1\r\n", server.url())),
        "the proxy got the request in absolute form: {heads:#?}"
    );
    assert_eq!(server.authorizations(), [Some(ALADDIN.to_owned())]);
}

#[tokio::test]
async fn proxy_credentials_go_to_the_proxy() {
    let server = SoapServer::start(Security::Plain, None).await;
    let proxy = Proxy::start().await;
    let config = HttpConfig {
        proxy: Some(
            HttpProxy::new(&proxy.url())
                .unwrap()
                .with_auth(HttpAuth::basic("proxy-user", "proxy-password").unwrap()),
        ),
        ..HttpConfig::default()
    };
    assert_eq!(
        call(&client(&server.url(), config)).await.unwrap(),
        Some(true)
    );
    let heads = proxy.heads();
    // base64("proxy-user:proxy-password")
    let expected = "proxy-authorization: Basic cHJveHktdXNlcjpwcm94eS1wYXNzd29yZA==";
    assert!(
        heads[0]
            .to_ascii_lowercase()
            .contains(&expected.to_ascii_lowercase()),
        "{heads:#?}"
    );
}

#[tokio::test]
async fn mutual_tls_through_a_proxy_tunnel() {
    let server = SoapServer::start(Security::MutualTls, None).await;
    let proxy = Proxy::start().await;
    let config = HttpConfig {
        proxy: Some(HttpProxy::new(&proxy.url()).unwrap()),
        client_identity: Some(ClientIdentity::from_pem(CLIENT_CERT, CLIENT_KEY).unwrap()),
        ..trusting_the_test_ca()
    };
    assert_eq!(
        call(&client(&server.url(), config)).await.unwrap(),
        Some(true)
    );
    let heads = proxy.heads();
    assert_eq!(heads.len(), 1, "{heads:#?}");
    assert!(
        heads[0].starts_with(&format!("CONNECT {} HTTP/1.1\r\n", server.addr)),
        "{heads:#?}"
    );
}

#[tokio::test]
async fn hosts_excluded_from_the_proxy_are_reached_directly() {
    let server = SoapServer::start(Security::Plain, None).await;
    let proxy = Proxy::start().await;
    let config = HttpConfig {
        proxy: Some(
            HttpProxy::new(&proxy.url())
                .unwrap()
                .with_no_proxy("127.0.0.1"),
        ),
        ..HttpConfig::default()
    };
    assert_eq!(
        call(&client(&server.url(), config)).await.unwrap(),
        Some(true)
    );
    assert!(proxy.heads().is_empty(), "{:#?}", proxy.heads());
}

#[tokio::test]
async fn a_client_of_ones_own_keeps_its_settings_and_the_transport_s_limits() {
    let server = SoapServer::start(Security::Plain, Some(ALADDIN)).await;
    let config = HttpConfig {
        auth: Some(HttpAuth::basic("Aladdin", "open sesame").unwrap()),
        ..HttpConfig::default()
    };
    let mut headers = http::HeaderMap::new();
    headers.insert("x-tenant", http::HeaderValue::from_static("42"));
    let own = HttpTransport::client_builder(&config)
        .unwrap()
        .default_headers(headers)
        .build()
        .unwrap();
    let transport = HttpTransport::from_client(own.clone(), config.clone());
    let client = cs::CustomerServiceClient::with_transport(server.url(), transport);
    assert_eq!(call(&client).await.unwrap(), Some(true));
    let requests = server.requests();
    assert_eq!(header(&requests[0], "x-tenant").as_deref(), Some("42"));
    assert_eq!(
        header(&requests[0], "authorization").as_deref(),
        Some(ALADDIN)
    );

    // The response size limit applies to the caller's client too.
    let limited = HttpTransport::from_client(
        own,
        HttpConfig {
            max_response_size: 100,
            ..config
        },
    );
    let client = cs::CustomerServiceClient::with_transport(server.url(), limited);
    let error = call(&client).await.unwrap_err();
    assert_eq!(
        kind_of(&error),
        TransportErrorKind::BodyTooLarge,
        "{error:?}"
    );
}
