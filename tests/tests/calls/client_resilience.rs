//! Client resilience: every way the network can fail gives its own `TransportErrorKind`,
//! promptly, and the client never retries a call on its own.
//!
//! Each failure is produced for real on 127.0.0.1: a closed port (refused), a host under
//! `.invalid` (name resolution), a TCP server that answers a TLS handshake with plain text
//! and a TLS server whose certificate nobody signed (TLS), a listener whose accept queue is
//! full (connect timeout), a server that never answers or stalls mid-body (total timeout), a
//! server that closes the connection before the promised `Content-Length` (broken
//! connection), one that answers with something other than HTTP (protocol) and one whose
//! body is over the limit. The raw servers count the connections and requests they get, to
//! prove there was exactly one attempt. Each error's `source()` chain leads to the error of
//! the layer that failed (the operating system's, rustls's).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use soap_runtime::{Error, HttpConfig, HttpTransport, Request, TransportErrorKind};
use superoffice_services87::customer_service::{self as cs, CustomerService as _};
use tests::net::{CS_PATH, closed_port, read_message};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpSocket, TcpStream};

/// The connect timeout of these tests.
const CONNECT_TIMEOUT: Duration = Duration::from_millis(300);
/// The total timeout of these tests.
const TOTAL_TIMEOUT: Duration = Duration::from_millis(400);
/// No failure may take longer than this to be reported.
const PROMPT: Duration = Duration::from_secs(3);

/// What a [`RawServer`] does with each connection.
#[derive(Clone, Copy, Debug)]
enum Behaviour {
    /// Writes text that is not TLS as soon as the client connects.
    NotTls,
    /// Reads the request and never answers.
    Silent,
    /// Reads the request, sends the head and half of the body, then stalls.
    StallMidBody,
    /// Reads the request, promises 1,000 bytes, sends 100 and closes the connection.
    CloseMidBody,
    /// Answers the first request on a connection properly (keep-alive) and the next one
    /// as [`Behaviour::CloseMidBody`].
    OkThenCloseMidBody,
    /// Answers 503 with an HTML body.
    Unavailable,
    /// Answers each request with a line that is not HTTP, as an SSH server would.
    NotHttp,
    /// Answers each request with a whole response of 2,000 bytes.
    LargeBody,
}

/// A TCP server on 127.0.0.1 that misbehaves as told and counts what it gets.
struct RawServer {
    addr: SocketAddr,
    connections: Arc<AtomicUsize>,
    requests: Arc<AtomicUsize>,
}

impl RawServer {
    async fn start(behaviour: Behaviour) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let connections = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(AtomicUsize::new(0));
        let (c, r) = (Arc::clone(&connections), Arc::clone(&requests));
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                c.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(serve(stream, behaviour, Arc::clone(&r)));
            }
        });
        RawServer {
            addr,
            connections,
            requests,
        }
    }

    fn url(&self, scheme: &str) -> String {
        format!("{scheme}://{}{CS_PATH}", self.addr)
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

const OK_BODY: &str = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><SessionIsValidResponse xmlns="http://www.superoffice.net/ws/crm/NetServer/Services87"><Response>true</Response></SessionIsValidResponse></s:Body></s:Envelope>"#;

async fn serve(mut stream: TcpStream, behaviour: Behaviour, requests: Arc<AtomicUsize>) {
    if let Behaviour::NotTls = behaviour {
        let _ = stream
            .write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 11\r\n\r\nplain text\n")
            .await;
        // Keep the connection open a while so the client sees the garbage, not a close.
        tokio::time::sleep(Duration::from_secs(5)).await;
        return;
    }
    let mut served = 0;
    // One request (head and `Content-Length` body) at a time, until the connection ends.
    while read_message(&mut stream).await.is_ok() {
        requests.fetch_add(1, Ordering::SeqCst);
        served += 1;
        let head = |length: usize| {
            format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: {length}\r\n\r\n"
            )
        };
        match behaviour {
            Behaviour::NotTls => unreachable!(),
            Behaviour::Silent => {
                tokio::time::sleep(Duration::from_secs(10)).await;
                return;
            }
            Behaviour::StallMidBody => {
                let _ = stream.write_all(head(OK_BODY.len()).as_bytes()).await;
                let _ = stream
                    .write_all(&OK_BODY.as_bytes()[..OK_BODY.len() / 2])
                    .await;
                tokio::time::sleep(Duration::from_secs(10)).await;
                return;
            }
            Behaviour::OkThenCloseMidBody if served == 1 => {
                let _ = stream.write_all(head(OK_BODY.len()).as_bytes()).await;
                let _ = stream.write_all(OK_BODY.as_bytes()).await;
            }
            Behaviour::CloseMidBody | Behaviour::OkThenCloseMidBody => {
                let _ = stream.write_all(head(1000).as_bytes()).await;
                let _ = stream.write_all(&OK_BODY.as_bytes()[..100]).await;
                let _ = stream.shutdown().await;
                return;
            }
            Behaviour::NotHttp => {
                let _ = stream.write_all(b"SSH-2.0-OpenSSH_9.6\r\n").await;
                tokio::time::sleep(Duration::from_secs(5)).await;
                return;
            }
            Behaviour::LargeBody => {
                let body = format!("{OK_BODY}{}", " ".repeat(2000 - OK_BODY.len()));
                let _ = stream.write_all(head(body.len()).as_bytes()).await;
                let _ = stream.write_all(body.as_bytes()).await;
            }
            Behaviour::Unavailable => {
                let body = "<html><body><h1>503 Service Unavailable</h1></body></html>";
                let response = format!(
                    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(response.as_bytes()).await;
            }
        }
    }
}

fn client(url: &str) -> cs::CustomerServiceClient {
    client_with(url, HttpConfig::default())
}

/// A client with this file's timeouts and the rest of `config`.
fn client_with(url: &str, config: HttpConfig) -> cs::CustomerServiceClient {
    let transport = HttpTransport::with_config(HttpConfig {
        connect_timeout: CONNECT_TIMEOUT,
        timeout: TOTAL_TIMEOUT,
        ..config
    })
    .unwrap();
    cs::CustomerServiceClient::with_transport(url, transport)
}

/// The errors of `error`'s `source()` chain, and inside each `io::Error` the error it wraps
/// (`io::Error::source` skips it: a failed TLS handshake is an `io::Error` wrapping rustls's).
pub(crate) fn causes(error: &Error) -> Vec<&(dyn std::error::Error + 'static)> {
    let mut causes = Vec::new();
    let mut next = std::error::Error::source(error);
    while let Some(cause) = next {
        causes.push(cause);
        next = match cause
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::get_ref)
        {
            Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
            None => cause.source(),
        };
    }
    causes
}

/// The first cause of type `E` in `error`'s chain.
fn cause<E: std::error::Error + 'static>(error: &Error) -> Option<&E> {
    causes(error)
        .into_iter()
        .find_map(|e| e.downcast_ref::<E>())
}

/// The self-signed certificate for 127.0.0.1 of the TLS server below, and its key (made
/// with openssl for these tests, valid until 2126: `tests/tls/`).
const CERT_PEM: &[u8] = include_bytes!("../../tls/self_signed.cert.pem");
const KEY_PEM: &[u8] = include_bytes!("../../tls/self_signed.key.pem");

/// An HTTPS server on 127.0.0.1 with the self-signed certificate, answering every request
/// with [`OK_BODY`]. Returns its address and the number of completed handshakes.
async fn tls_server() -> (SocketAddr, Arc<AtomicUsize>) {
    use rustls::pki_types::pem::PemObject as _;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let certificates = CertificateDer::pem_slice_iter(CERT_PEM)
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_slice(KEY_PEM).unwrap();
    // The crypto provider soap-runtime's features chose, the client's.
    let provider = soap_runtime::transport::crypto_provider().unwrap();
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certificates, key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let handshakes = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&handshakes);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (acceptor, counted) = (acceptor.clone(), Arc::clone(&counted));
            tokio::spawn(async move {
                let Ok(mut stream) = acceptor.accept(stream).await else {
                    return;
                };
                counted.fetch_add(1, Ordering::SeqCst);
                while read_message(&mut stream).await.is_ok() {
                    let response = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: {}\r\n\r\n{OK_BODY}",
                        OK_BODY.len()
                    );
                    if stream.write_all(response.as_bytes()).await.is_err()
                        || stream.flush().await.is_err()
                    {
                        return;
                    }
                }
            });
        }
    });
    (addr, handshakes)
}

/// Makes one `SessionIsValid` call; returns its error and how long it took. A call that
/// does not return within 10 s fails the test (a hang).
async fn failing_call(client: &cs::CustomerServiceClient) -> (Error, Duration) {
    let started = Instant::now();
    let result = tokio::time::timeout(
        Duration::from_secs(10),
        client.session_is_valid(Request::new(cs::SessionIsValid {
            cs_session_key: Some("key".to_owned()),
        })),
    )
    .await
    .expect("the call hangs");
    let error = result.expect_err("the call must fail");
    (error, started.elapsed())
}

fn kind_of(error: &Error) -> TransportErrorKind {
    error
        .transport()
        .unwrap_or_else(|| panic!("expected a transport error, got {error:?}"))
        .kind()
}

/// A listener whose accept queue is full and that never accepts: the kernel drops further
/// SYNs, so a connection attempt hangs until the client's connect timeout. (A non-routable
/// address such as 10.255.255.1 does not work here: the sandbox answers every outgoing
/// connection, so it connects.) Returns the address and the filler connections, which must
/// stay open.
async fn full_backlog() -> (SocketAddr, TcpListener, Vec<TcpStream>) {
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(0).unwrap();
    let addr = listener.local_addr().unwrap();
    let mut fillers = Vec::new();
    for _ in 0..16 {
        match tokio::time::timeout(Duration::from_millis(200), TcpStream::connect(addr)).await {
            Ok(Ok(stream)) => fillers.push(stream),
            // The queue is full: this attempt hangs like the client's will.
            Err(_) => return (addr, listener, fillers),
            Ok(Err(error)) => panic!("filling the accept queue failed: {error}"),
        }
    }
    panic!("the accept queue of a listener with backlog 0 never filled");
}

fn assert_prompt(what: &str, elapsed: Duration) {
    assert!(elapsed < PROMPT, "{what} took {elapsed:?}");
}

#[tokio::test]
async fn connection_refused_is_connect() {
    let (error, elapsed) = failing_call(&client(&format!(
        "http://127.0.0.1:{}{CS_PATH}",
        closed_port()
    )))
    .await;
    assert_eq!(kind_of(&error), TransportErrorKind::Connect, "{error}");
    assert_prompt("a refused connection", elapsed);
    let io = cause::<std::io::Error>(&error).expect("the operating system's error");
    assert_eq!(io.kind(), std::io::ErrorKind::ConnectionRefused, "{io}");
}

#[tokio::test]
async fn unresolvable_host_is_dns() {
    let (error, elapsed) = failing_call(&client(&format!(
        "http://soap-runtime-test.invalid{CS_PATH}"
    )))
    .await;
    assert_eq!(kind_of(&error), TransportErrorKind::Dns, "{error}");
    assert!(
        error.to_string().contains("soap-runtime-test.invalid")
            || error.to_string().to_ascii_lowercase().contains("dns"),
        "the message names the problem: {error}"
    );
    assert_prompt("name resolution", elapsed);
    assert!(
        cause::<std::io::Error>(&error).is_some(),
        "the resolver's error is in the chain: {:?}",
        causes(&error)
    );
}

#[tokio::test]
async fn plain_text_answer_to_tls_is_tls() {
    let server = RawServer::start(Behaviour::NotTls).await;
    let (error, elapsed) = failing_call(&client(&server.url("https"))).await;
    assert_eq!(kind_of(&error), TransportErrorKind::Tls, "{error}");
    assert_prompt("a failed TLS handshake", elapsed);
    assert_eq!(server.connections(), 1, "the client retried the handshake");
    assert!(
        cause::<rustls::Error>(&error).is_some(),
        "rustls's error is in the chain: {:?}",
        causes(&error)
    );
}

#[tokio::test]
async fn self_signed_certificate_is_tls_with_rustls_certificate_error() {
    let (addr, handshakes) = tls_server().await;
    let url = format!("https://{addr}{CS_PATH}");
    let (error, elapsed) = failing_call(&client(&url)).await;
    assert_eq!(kind_of(&error), TransportErrorKind::Tls, "{error}");
    assert_prompt("a refused certificate", elapsed);
    assert!(
        error.to_string().contains(&addr.to_string()),
        "the message names the server: {error}"
    );
    let tls = cause::<rustls::Error>(&error).expect("rustls's error is in the chain");
    assert!(
        matches!(tls, rustls::Error::InvalidCertificate(_)),
        "expected a certificate error, got {tls:?}"
    );
    assert_eq!(handshakes.load(Ordering::SeqCst), 0);

    // The same server, its certificate trusted: the handshake and the call succeed.
    let trusting = client_with(
        &url,
        HttpConfig {
            extra_root_certificates: vec![CERT_PEM.to_vec()],
            ..HttpConfig::default()
        },
    );
    let response = trusting
        .session_is_valid(Request::new(cs::SessionIsValid::default()))
        .await
        .unwrap();
    assert_eq!(response.body().response, Some(true));
    assert_eq!(handshakes.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn answer_that_is_not_http_is_protocol() {
    let server = RawServer::start(Behaviour::NotHttp).await;
    let (error, elapsed) = failing_call(&client(&server.url("http"))).await;
    assert_eq!(kind_of(&error), TransportErrorKind::Protocol, "{error}");
    assert_prompt("an answer that is not HTTP", elapsed);
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn body_over_the_limit_is_body_too_large() {
    let server = RawServer::start(Behaviour::LargeBody).await;
    let small = client_with(
        &server.url("http"),
        HttpConfig {
            max_response_size: 1000,
            ..HttpConfig::default()
        },
    );
    let (error, elapsed) = failing_call(&small).await;
    assert_eq!(kind_of(&error), TransportErrorKind::BodyTooLarge, "{error}");
    assert!(error.to_string().contains("1000 bytes"), "{error}");
    assert_prompt("a body over the limit", elapsed);
    // Within the limit, the same answer is read.
    let response = client(&server.url("http"))
        .session_is_valid(Request::new(cs::SessionIsValid::default()))
        .await
        .unwrap();
    assert_eq!(response.body().response, Some(true));
}

#[tokio::test]
async fn full_accept_queue_is_connect_timeout() {
    let (addr, _listener, _fillers) = full_backlog().await;
    let (error, elapsed) = failing_call(&client(&format!("http://{addr}{CS_PATH}"))).await;
    assert_eq!(
        kind_of(&error),
        TransportErrorKind::ConnectTimeout,
        "{error}"
    );
    assert!(
        elapsed >= CONNECT_TIMEOUT,
        "gave up before the connect timeout: {elapsed:?}"
    );
    // One attempt: a second one would take another connect timeout.
    assert!(
        elapsed < CONNECT_TIMEOUT * 2,
        "more than one connect timeout elapsed: {elapsed:?}"
    );
}

#[tokio::test]
async fn silent_server_is_timeout_after_one_request() {
    let server = RawServer::start(Behaviour::Silent).await;
    let (error, elapsed) = failing_call(&client(&server.url("http"))).await;
    assert_eq!(kind_of(&error), TransportErrorKind::Timeout, "{error}");
    assert!(elapsed >= TOTAL_TIMEOUT, "{elapsed:?}");
    assert!(elapsed < TOTAL_TIMEOUT * 2, "{elapsed:?}");
    assert_eq!(server.connections(), 1);
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn body_stalling_mid_way_is_timeout_not_io() {
    let server = RawServer::start(Behaviour::StallMidBody).await;
    let (error, elapsed) = failing_call(&client(&server.url("http"))).await;
    assert_eq!(kind_of(&error), TransportErrorKind::Timeout, "{error}");
    assert!(elapsed >= TOTAL_TIMEOUT, "{elapsed:?}");
    assert!(elapsed < TOTAL_TIMEOUT * 2, "{elapsed:?}");
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn close_mid_body_is_io_after_one_request() {
    let server = RawServer::start(Behaviour::CloseMidBody).await;
    let (error, elapsed) = failing_call(&client(&server.url("http"))).await;
    assert_eq!(kind_of(&error), TransportErrorKind::Io, "{error}");
    assert_prompt("a connection closed mid-body", elapsed);
    assert!(
        elapsed < TOTAL_TIMEOUT,
        "the close was noticed only at the timeout: {elapsed:?}"
    );
    assert_eq!(server.connections(), 1, "the client reconnected");
    assert_eq!(server.requests(), 1, "the client resent the request");
}

#[tokio::test]
async fn close_mid_body_on_a_reused_connection_is_not_retried() {
    let server = RawServer::start(Behaviour::OkThenCloseMidBody).await;
    let client = client(&server.url("http"));
    let response = client
        .session_is_valid(Request::new(cs::SessionIsValid::default()))
        .await
        .unwrap();
    assert_eq!(response.body().response, Some(true));
    let (error, elapsed) = failing_call(&client).await;
    assert_eq!(kind_of(&error), TransportErrorKind::Io, "{error}");
    assert_prompt("a pooled connection closed mid-body", elapsed);
    assert_eq!(
        server.connections(),
        1,
        "the second call used a new connection"
    );
    assert_eq!(server.requests(), 2, "the failed call was sent again");
}

#[tokio::test]
async fn error_status_is_answered_once_not_retried() {
    let server = RawServer::start(Behaviour::Unavailable).await;
    let (error, elapsed) = failing_call(&client(&server.url("http"))).await;
    let Error::HttpStatus { status, .. } = &error else {
        panic!("expected an HTTP status error, got {error:?}");
    };
    assert_eq!(*status, 503);
    assert_prompt("a 503", elapsed);
    assert_eq!(server.requests(), 1);
}

/// All failures side by side: seven distinct kinds, each reported promptly.
#[tokio::test]
async fn every_failure_has_its_own_kind() {
    let tls = RawServer::start(Behaviour::NotTls).await;
    let silent = RawServer::start(Behaviour::Silent).await;
    let broken = RawServer::start(Behaviour::CloseMidBody).await;
    let not_http = RawServer::start(Behaviour::NotHttp).await;
    let (backlog, _listener, _fillers) = full_backlog().await;
    let cases = [
        (
            "refused",
            format!("http://127.0.0.1:{}{CS_PATH}", closed_port()),
        ),
        (
            "unresolvable",
            format!("http://soap-runtime-test.invalid{CS_PATH}"),
        ),
        ("not TLS", tls.url("https")),
        ("full backlog", format!("http://{backlog}{CS_PATH}")),
        ("silent", silent.url("http")),
        ("closed mid-body", broken.url("http")),
        ("not HTTP", not_http.url("http")),
    ];
    let calls: Vec<_> = cases
        .iter()
        .map(|(what, url)| {
            let (what, url) = (*what, url.clone());
            tokio::spawn(async move {
                let (error, elapsed) = failing_call(&client(&url)).await;
                assert_prompt(what, elapsed);
                (what, kind_of(&error), error.to_string())
            })
        })
        .collect();
    let mut results = Vec::new();
    for call in calls {
        results.push(call.await.unwrap());
    }
    let kinds: Vec<_> = results.iter().map(|(_, kind, _)| *kind).collect();
    assert_eq!(
        kinds,
        [
            TransportErrorKind::Connect,
            TransportErrorKind::Dns,
            TransportErrorKind::Tls,
            TransportErrorKind::ConnectTimeout,
            TransportErrorKind::Timeout,
            TransportErrorKind::Io,
            TransportErrorKind::Protocol,
        ],
        "{results:#?}"
    );
    for (i, kind) in kinds.iter().enumerate() {
        assert!(
            !kinds[..i].contains(kind),
            "kinds are not distinct: {results:#?}"
        );
    }
    for (what, _, message) in &results {
        assert!(
            message.starts_with("transport: ") && message.len() > "transport: ".len() + 10,
            "{what}: the message says little: {message}"
        );
    }
}
