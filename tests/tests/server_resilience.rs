//! Server resilience over real sockets on 127.0.0.1: a thousand calls in flight at once,
//! slow clients cut off by the header and body read timeouts, malformed requests mixed
//! with good ones (every good one succeeds and the server stays up), and a graceful
//! shutdown that finishes the calls in flight and refuses new connections.
//!
//! A binary of its own, so longer than 600 lines: it raises the process's open-file limit
//! and holds a thousand connections, which no other test binary should share.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use soap_runtime::{
    Error, HttpConfig, HttpServer, HttpTransport, Request, Response, ServerConfig,
    TransportErrorKind,
};
use superoffice_services87::customer_service::{self as cs, CustomerService as _};
use superoffice_services87::namespaces::SERVICES87 as NS;
use tests::net::{self, CS_PATH, soap11_post_head};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::Barrier;

type CsResult<T> = Result<Response<T, cs::CustomerServiceResponseHeaders>, Error>;

/// `GetProgramUrl` answers `https://example.invalid/{name}` for program `name`; program
/// `barrier` first waits until every caller of the barrier has arrived, and program
/// `sleep:{ms}` (or `sleep:{ms}/{tag}`) first sleeps that long. `in_flight` counts calls inside the implementation.
#[derive(Default)]
struct Service {
    barrier: Option<Arc<Barrier>>,
    in_flight: Arc<AtomicUsize>,
    completed: Arc<AtomicUsize>,
}

impl cs::CustomerService for Service {
    async fn get_program_url(
        &self,
        request: Request<cs::GetProgramUrl, cs::CustomerServiceRequestHeaders>,
    ) -> CsResult<cs::GetProgramUrlResponse> {
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        let name = request.into_parts().0.program_name.unwrap_or_default();
        if let Some(ms) = name.strip_prefix("sleep:") {
            let ms = ms.split('/').next().unwrap_or_default();
            tokio::time::sleep(Duration::from_millis(ms.parse().unwrap_or(0))).await;
        }
        if name.starts_with("barrier")
            && let Some(barrier) = &self.barrier
        {
            barrier.wait().await;
        }
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        self.completed.fetch_add(1, Ordering::SeqCst);
        Ok(Response::new(cs::GetProgramUrlResponse {
            response: Some(format!("https://example.invalid/{name}")),
        }))
    }
}

async fn serve(service: Service, config: ServerConfig) -> HttpServer {
    net::serve(cs::CustomerServiceServer::new(service), config).await
}

fn envelope(program: &str) -> String {
    format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetProgramUrl xmlns="{NS}"><ProgramName>{program}</ProgramName></GetProgramUrl></s:Body></s:Envelope>"#
    )
}

/// A complete SOAP 1.1 request for `GetProgramUrl(program)`.
fn raw_request(program: &str) -> String {
    let body = envelope(program);
    let head = soap11_post_head(
        CS_PATH,
        cs::GET_PROGRAM_URL.soap_action,
        &format!("Content-Length: {}\r\n", body.len()),
    );
    format!("{head}{body}")
}

/// Reads one HTTP response (head and `Content-Length` body): its status and body, or `None`
/// when the connection ends before a whole response arrived.
async fn read_response(stream: &mut TcpStream) -> Option<(u16, String)> {
    let (status, body) = net::read_response(stream).await?;
    Some((status, String::from_utf8_lossy(&body).into_owned()))
}

/// Waits until the peer closes the connection (EOF or reset), reading and dropping data.
async fn closed_by_peer(stream: &mut TcpStream) {
    let mut buf = [0u8; 1024];
    loop {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

fn client(server: &HttpServer) -> cs::CustomerServiceClient {
    cs::CustomerServiceClient::new(server.url(CS_PATH)).unwrap()
}

async fn program_url(client: &cs::CustomerServiceClient, program: &str) -> Result<String, Error> {
    let response = client
        .get_program_url(Request::new(cs::GetProgramUrl {
            program_name: Some(program.to_owned()),
            external: None,
        }))
        .await?;
    Ok(response.into_parts().0.response.unwrap_or_default())
}

async fn assert_still_serving(server: &HttpServer) {
    let answer = tokio::time::timeout(
        Duration::from_secs(5),
        program_url(&client(server), "still-up"),
    )
    .await
    .expect("the server does not answer")
    .unwrap();
    assert_eq!(answer, "https://example.invalid/still-up");
}

/// The soft limit on open files of this process, from `/proc/self/limits` (Linux).
fn open_files_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    let soft = line["Max open files".len()..].split_whitespace().next()?;
    if soft == "unlimited" {
        return Some(usize::MAX);
    }
    soft.parse().ok()
}

/// A thousand TCP connections are opened and held, then each sends one call; the
/// implementation holds every call at a barrier until all thousand are inside it at once,
/// so the server really has a thousand calls in flight. Every call gets its own answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_connections_each_get_their_answer() {
    const WANTED: usize = 1000;
    // Each connection costs two descriptors here (client and server end), plus some slack
    // for the runtime, the listener and the test harness.
    let limit = open_files_limit().unwrap_or(usize::MAX);
    let count = WANTED.min(limit.saturating_sub(64) / 2);
    if count < WANTED {
        eprintln!(
            "the open-files limit of {limit} allows only {count} concurrent connections; \
             raise it with `ulimit -n 4096` for the full test"
        );
    }
    assert!(count >= 100, "the open-files limit of {limit} is too low");
    let barrier = Arc::new(Barrier::new(count));
    let in_flight = Arc::new(AtomicUsize::new(0));
    let server = serve(
        Service {
            barrier: Some(Arc::clone(&barrier)),
            in_flight: Arc::clone(&in_flight),
            ..Service::default()
        },
        ServerConfig {
            header_read_timeout: Duration::from_secs(20),
            body_read_timeout: Duration::from_secs(20),
            ..ServerConfig::default()
        },
    )
    .await;
    let started = Instant::now();
    let mut streams = Vec::with_capacity(count);
    for _ in 0..count {
        streams.push(TcpStream::connect(server.local_addr()).await.unwrap());
    }
    let connected = started.elapsed();
    let calls: Vec<_> = streams
        .into_iter()
        .enumerate()
        .map(|(i, mut stream)| {
            tokio::spawn(async move {
                let program = format!("barrier-{i}");
                stream
                    .write_all(raw_request(&program).as_bytes())
                    .await
                    .unwrap();
                let answer = read_response(&mut stream).await;
                (program, answer)
            })
        })
        .collect();
    let mut answered = 0;
    let results = tokio::time::timeout(Duration::from_secs(20), async {
        let mut results = Vec::with_capacity(count);
        for call in calls {
            results.push(call.await.unwrap());
        }
        results
    })
    .await
    .unwrap_or_else(|_| {
        panic!(
            "the calls did not all finish; {} were inside the implementation at once",
            in_flight.load(Ordering::SeqCst)
        )
    });
    for (program, answer) in results {
        let (status, body) = answer.unwrap_or_else(|| panic!("{program}: no answer"));
        assert_eq!(status, 200, "{program}: {body}");
        assert!(
            body.contains(&format!(">https://example.invalid/{program}</")),
            "{program} got someone else's answer: {body}"
        );
        answered += 1;
    }
    assert_eq!(answered, count);
    assert_eq!(in_flight.load(Ordering::SeqCst), 0);
    eprintln!(
        "{count} connections opened in {connected:?}, all answered after {:?}",
        started.elapsed()
    );
    assert_still_serving(&server).await;
    server.shutdown().await;
}

fn short_timeouts() -> ServerConfig {
    ServerConfig {
        header_read_timeout: Duration::from_millis(300),
        body_read_timeout: Duration::from_millis(300),
        ..ServerConfig::default()
    }
}

/// Sends `bytes` one at a time with `pause` between them until the server closes the
/// connection; returns how many bytes went out and when the close was seen.
async fn trickle(stream: TcpStream, bytes: &[u8], pause: Duration) -> (usize, Duration) {
    let started = Instant::now();
    let (mut reader, mut writer) = stream.into_split();
    let bytes = bytes.to_vec();
    let sent = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&sent);
    let writing = tokio::spawn(async move {
        for byte in bytes {
            if writer.write_all(&[byte]).await.is_err() {
                return;
            }
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(pause).await;
        }
        // Everything sent: stay open, as a slow client would.
        tokio::time::sleep(Duration::from_secs(30)).await;
    });
    let mut buf = [0u8; 1024];
    let mut answer = Vec::new();
    loop {
        match tokio::time::timeout(Duration::from_secs(5), reader.read(&mut buf)).await {
            Ok(Ok(0) | Err(_)) => break,
            Ok(Ok(n)) => answer.extend_from_slice(&buf[..n]),
            Err(_) => panic!("the server never cut off the slow client"),
        }
    }
    writing.abort();
    assert!(
        answer.is_empty() || answer.starts_with(b"HTTP/1.1 408"),
        "unexpected answer: {}",
        String::from_utf8_lossy(&answer)
    );
    (sent.load(Ordering::SeqCst), started.elapsed())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_sending_headers_byte_by_byte_is_cut_off() {
    let server = serve(Service::default(), short_timeouts()).await;
    let request = raw_request("slow-headers");
    let stream = TcpStream::connect(server.local_addr()).await.unwrap();
    // One byte every 20 ms: the head alone would take seconds.
    let (sent, elapsed) = trickle(stream, request.as_bytes(), Duration::from_millis(20)).await;
    let head_len = request.find("\r\n\r\n").unwrap();
    assert!(
        sent < head_len,
        "the whole head ({head_len} bytes) went out before the cut-off"
    );
    // The server's clock starts at accept, a moment before the client's.
    assert!(elapsed >= Duration::from_millis(250), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    assert_still_serving(&server).await;
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_connects_and_sends_nothing_is_cut_off() {
    let server = serve(Service::default(), short_timeouts()).await;
    let mut stream = TcpStream::connect(server.local_addr()).await.unwrap();
    let started = Instant::now();
    tokio::time::timeout(Duration::from_secs(5), closed_by_peer(&mut stream))
        .await
        .expect("an idle connection is kept open for ever");
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(250), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    assert_still_serving(&server).await;
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_sending_the_body_too_slowly_gets_408() {
    let server = serve(Service::default(), short_timeouts()).await;
    let request = raw_request("slow-body");
    let head_end = request.find("\r\n\r\n").unwrap() + 4;
    let mut stream = TcpStream::connect(server.local_addr()).await.unwrap();
    // The head at once, then the body a byte every 20 ms.
    stream
        .write_all(&request.as_bytes()[..head_end])
        .await
        .unwrap();
    let (sent, elapsed) = trickle(
        stream,
        &request.as_bytes()[head_end..],
        Duration::from_millis(20),
    )
    .await;
    let body_len = request.len() - head_end;
    assert!(
        sent < body_len,
        "the whole body went out before the cut-off"
    );
    // The server's clock starts at accept, a moment before the client's.
    assert!(elapsed >= Duration::from_millis(250), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    // The 408 itself, seen on a fresh connection.
    let mut stream = TcpStream::connect(server.local_addr()).await.unwrap();
    stream
        .write_all(&request.as_bytes()[..head_end + 10])
        .await
        .unwrap();
    let (status, body) = tokio::time::timeout(Duration::from_secs(5), read_response(&mut stream))
        .await
        .expect("no answer to a stalled body")
        .expect("the connection closed without an answer");
    assert_eq!(status, 408, "{body}");
    assert!(body.contains("took too long"), "{body}");
    assert_still_serving(&server).await;
    server.shutdown().await;
}

/// A client that shuts down its sending side once its request is out (as HTTP/1.0-style
/// tools and some proxies do) still gets its answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_half_closes_after_its_request_gets_the_answer() {
    let server = serve(Service::default(), short_timeouts()).await;
    for program in ["half-closed", "sleep:100/half-closed"] {
        let mut stream = TcpStream::connect(server.local_addr()).await.unwrap();
        stream
            .write_all(raw_request(program).as_bytes())
            .await
            .unwrap();
        stream.shutdown().await.unwrap();
        let (status, body) =
            tokio::time::timeout(Duration::from_secs(5), read_response(&mut stream))
                .await
                .expect("no answer")
                .unwrap_or_else(|| panic!("{program}: closed without an answer"));
        assert_eq!(status, 200, "{body}");
        assert!(
            body.contains(&format!(">https://example.invalid/{program}</")),
            "{body}"
        );
    }
    assert_still_serving(&server).await;
    server.shutdown().await;
}

/// Slow clients do not hold up anyone else: while ten slow clients trickle (and are cut off
/// only after a second), good calls are answered at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_do_not_delay_others() {
    let server = serve(
        Service::default(),
        ServerConfig {
            header_read_timeout: Duration::from_secs(1),
            body_read_timeout: Duration::from_secs(1),
            ..ServerConfig::default()
        },
    )
    .await;
    let mut slow = Vec::new();
    for i in 0..10 {
        let stream = TcpStream::connect(server.local_addr()).await.unwrap();
        let request = raw_request(&format!("slow-{i}"));
        slow.push(tokio::spawn(async move {
            trickle(stream, request.as_bytes(), Duration::from_millis(20)).await
        }));
    }
    let client = client(&server);
    let started = Instant::now();
    for i in 0..20 {
        let call = Instant::now();
        let answer = program_url(&client, &format!("fast-{i}")).await.unwrap();
        assert_eq!(answer, format!("https://example.invalid/fast-{i}"));
        assert!(
            call.elapsed() < Duration::from_millis(400),
            "a good call waited {:?} behind slow clients",
            call.elapsed()
        );
    }
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "the good calls were done only after the slow clients were cut off"
    );
    for handle in slow {
        let (_, elapsed) = handle.await.unwrap();
        assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    }
    server.shutdown().await;
}

/// A malformed request of kind `kind`, sent on its own connection; returns what the server
/// answered (status and body), `None` if it closed the connection without an answer.
async fn malformed(addr: SocketAddr, kind: usize) -> (&'static str, Option<(u16, String)>) {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let action = cs::GET_PROGRAM_URL.soap_action;
    let post =
        |headers: &str, body: &str| format!("{}{body}", soap11_post_head(CS_PATH, action, headers));
    let length = |body: &str| format!("Content-Length: {}\r\n", body.len());
    let not_xml = "this is not XML";
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>&lol1;</s:Body></s:Envelope>"#;
    let good = envelope("never-sent-whole");
    let many_headers: String = (0..200).map(|i| format!("X-Filler-{i}: {i}\r\n")).collect();
    let (what, bytes): (&'static str, String) = match kind {
        0 => (
            "not HTTP",
            "\u{16}\u{3}\u{1}\u{2}\u{0}garbage\r\n\r\n".to_owned(),
        ),
        1 => ("GET", format!("GET {CS_PATH} HTTP/1.1\r\nHost: x\r\n\r\n")),
        2 => ("not XML", post(&length(not_xml), not_xml)),
        3 => ("billion laughs", post(&length(laughs), laughs)),
        4 => (
            "oversized",
            post("Content-Length: 10737418240\r\n", "<s:Envelope"),
        ),
        5 => ("bad Content-Length", post("Content-Length: abc\r\n", "")),
        6 => (
            "bad chunk size",
            post("Transfer-Encoding: chunked\r\n", "zz\r\nhello\r\n0\r\n\r\n"),
        ),
        7 => (
            "unknown action",
            post(&length(&good), &good).replace(action, "urn:bogus"),
        ),
        8 => ("too many headers", post(&many_headers, "")),
        _ => (
            "aborted body",
            post(&length(&good), &good[..good.len() / 2]),
        ),
    };
    let _ = stream.write_all(bytes.as_bytes()).await;
    if what == "aborted body" {
        // The client gives up half-way and leaves.
        drop(stream);
        return (what, None);
    }
    let answer = tokio::time::timeout(Duration::from_secs(5), read_response(&mut stream))
        .await
        .unwrap_or_else(|_| panic!("{what}: the server neither answered nor closed"));
    (what, answer)
}

const MALFORMED_KINDS: usize = 10;

fn check_malformed(what: &str, answer: Option<(u16, String)>) {
    let expected: &[u16] = match what {
        "not HTTP" | "bad Content-Length" | "bad chunk size" => &[400],
        "GET" => &[405],
        "not XML" | "billion laughs" | "unknown action" => &[500],
        "oversized" => &[413],
        "too many headers" => &[431],
        "aborted body" => return,
        other => panic!("unknown kind {other}"),
    };
    let (status, body) = answer.unwrap_or_else(|| panic!("{what}: no answer"));
    assert!(expected.contains(&status), "{what}: {status} {body}");
    if status == 500 {
        assert!(body.contains("faultcode>s:Client<"), "{what}: {body}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_requests_interleaved_with_good_ones() {
    let server = serve(
        Service::default(),
        ServerConfig {
            max_body_size: 64 * 1024,
            header_read_timeout: Duration::from_secs(2),
            body_read_timeout: Duration::from_secs(2),
            ..ServerConfig::default()
        },
    )
    .await;
    let addr = server.local_addr();
    // One client for all good calls: pooled keep-alive connections that share the server
    // with the malformed ones.
    let good_client = Arc::new(cs::CustomerServiceClient::with_transport(
        server.url(CS_PATH),
        HttpTransport::with_config(HttpConfig {
            timeout: Duration::from_secs(10),
            ..HttpConfig::default()
        })
        .unwrap(),
    ));
    let mut tasks = Vec::new();
    for round in 0..30 {
        for kind in 0..MALFORMED_KINDS {
            tasks.push(tokio::spawn(async move {
                let (what, answer) = malformed(addr, kind).await;
                check_malformed(what, answer);
                None
            }));
            let client = Arc::clone(&good_client);
            let program = format!("good-{round}-{kind}");
            tasks.push(tokio::spawn(async move {
                let answer = program_url(&client, &program).await;
                Some((program, answer))
            }));
        }
    }
    let mut good = 0;
    for task in tasks {
        if let Some((program, answer)) = task.await.unwrap() {
            let answer = answer.unwrap_or_else(|e| panic!("{program} failed: {e}"));
            assert_eq!(answer, format!("https://example.invalid/{program}"));
            good += 1;
        }
    }
    assert_eq!(good, 30 * MALFORMED_KINDS);
    assert_still_serving(&server).await;
    server.shutdown().await;
}

/// `shutdown` stops accepting at once, lets every call in flight finish with its
/// answer, closes idle connections, and returns; afterwards connections are refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graceful_shutdown_completes_calls_in_flight() {
    const CALLS: usize = 20;
    const SLEEP_MS: u64 = 600;
    let in_flight = Arc::new(AtomicUsize::new(0));
    let completed = Arc::new(AtomicUsize::new(0));
    let server = serve(
        Service {
            in_flight: Arc::clone(&in_flight),
            completed: Arc::clone(&completed),
            ..Service::default()
        },
        ServerConfig::default(),
    )
    .await;
    let addr = server.local_addr();
    let url = server.url(CS_PATH);
    // An idle keep-alive connection must not hold up the shutdown.
    let mut idle = TcpStream::connect(addr).await.unwrap();
    let calls: Vec<_> = (0..CALLS)
        .map(|i| {
            let client = cs::CustomerServiceClient::new(url.clone()).unwrap();
            tokio::spawn(
                async move { program_url(&client, &format!("sleep:{SLEEP_MS}/{i}")).await },
            )
        })
        .collect();
    let deadline = Instant::now() + Duration::from_secs(5);
    while in_flight.load(Ordering::SeqCst) < CALLS {
        if let Some(i) = calls.iter().position(|c| c.is_finished()) {
            let result = calls.into_iter().nth(i).unwrap().await.unwrap();
            panic!("call {i} finished before the shutdown: {result:?}");
        }
        assert!(
            Instant::now() < deadline,
            "only {} of {CALLS} calls started",
            in_flight.load(Ordering::SeqCst)
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let started = Instant::now();
    let shutdown = tokio::spawn(server.shutdown());
    // New connections are refused while the calls are still running.
    let mut refused = false;
    while Instant::now() < started + Duration::from_millis(SLEEP_MS / 2) {
        if TcpStream::connect(addr).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(
        refused,
        "new connections were still accepted during shutdown"
    );
    assert!(
        completed.load(Ordering::SeqCst) == 0,
        "the calls finished before the test could check refusal; make them sleep longer"
    );
    // The idle connection is closed rather than waited for.
    tokio::time::timeout(Duration::from_secs(2), closed_by_peer(&mut idle))
        .await
        .expect("the idle connection stayed open during shutdown");
    tokio::time::timeout(Duration::from_secs(5), shutdown)
        .await
        .expect("shutdown does not return")
        .unwrap();
    let took = started.elapsed();
    assert_eq!(
        completed.load(Ordering::SeqCst),
        CALLS,
        "shutdown returned before every call in flight had finished"
    );
    assert!(took < Duration::from_secs(3), "shutdown took {took:?}");
    for (i, call) in calls.into_iter().enumerate() {
        let answer = call
            .await
            .unwrap()
            .unwrap_or_else(|e| panic!("call {i} in flight lost its answer: {e}"));
        assert_eq!(
            answer,
            format!("https://example.invalid/sleep:{SLEEP_MS}/{i}")
        );
    }
    // After shutdown: refused, and a client call says so.
    assert!(TcpStream::connect(addr).await.is_err());
    let error = program_url(&cs::CustomerServiceClient::new(url).unwrap(), "late")
        .await
        .unwrap_err();
    assert_eq!(
        error.transport().map(|t| t.kind()),
        Some(TransportErrorKind::Connect),
        "{error}"
    );
}
