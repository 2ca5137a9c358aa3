//! The bad-input corpus of `tests/bad_input/`: every file of `manifest.json` is fed to the
//! consumer the manifest names — the client's response reader, the HTTP client, or the
//! server's request reader — and must give the stated outcome: the error kind, the element
//! path, and the words of the message that say what and where. No case may panic, take more
//! than a few seconds (they take milliseconds), or grow memory by more than a few MiB (the
//! billion-laughs file is refused before any expansion; the gzip bomb is cut off at the limit).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use std::fmt::Debug;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use serde_json::Value;
use soap_runtime::envelope::{Body, read_envelope};
use soap_runtime::xml::ReaderConfig;
use soap_runtime::{
    Error, HttpConfig, HttpTransport, Request, Response, ServerConfig, Transport, TransportError,
};
use superoffice_services87::customer_service::{self as cs, CustomerService as _};
use superoffice_services87::so_principal::{self as sp, SoPrincipal as _};
use tests::net::{read_message, read_response, serve, soap11_post_head};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};

/// Longest a case may take. They take milliseconds; this only catches a hang.
const CASE_LIMIT: Duration = Duration::from_secs(5);
/// Most the peak resident memory may grow while a case runs.
const MEMORY_LIMIT_KIB: u64 = 64 * 1024;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("bad_input")
}

fn manifest() -> Vec<Value> {
    let text = std::fs::read_to_string(corpus_dir().join("manifest.json")).unwrap();
    let manifest: Value = serde_json::from_str(&text).unwrap();
    manifest["cases"].as_array().unwrap().clone()
}

/// A string field of a case.
fn text<'a>(case: &'a Value, field: &str) -> &'a str {
    case[field]
        .as_str()
        .unwrap_or_else(|| panic!("case {case} has no string {field}"))
}

/// The strings of an array field of `expect`, if any.
fn strings<'a>(value: &'a Value, field: &str) -> Vec<&'a str> {
    value[field]
        .as_array()
        .map(|items| items.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// What a case produced, in the terms of the manifest.
#[derive(Debug)]
struct Outcome {
    /// `Decode/DocType`, `Transport/Io`, `HttpStatus/500`, `Fault/Client`, `Status/413`, `ok`.
    kind: String,
    /// The element path of a decode error.
    path: Option<String>,
    /// The whole message: the error's `Display` and its causes', a fault's reason, or a
    /// success's body.
    message: String,
    /// The HTTP status the server answered (server cases).
    status: Option<u16>,
    /// TCP connections the peer saw (HTTP client cases): a retry would make it more than one.
    connections: Option<usize>,
}

/// The variant name of a `Debug`-printed enum value: `TooDeep { limit: 128 }` → `TooDeep`.
fn variant(debug: String) -> String {
    debug
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// `error`'s message and those of its causes, as an error reporter prints them.
fn with_causes(error: &Error) -> String {
    let mut text = error.to_string();
    let mut cause = std::error::Error::source(error);
    while let Some(current) = cause {
        text.push_str(": ");
        text.push_str(&current.to_string());
        cause = current.source();
    }
    text
}

fn outcome_of(result: Result<String, Error>) -> Outcome {
    let (kind, path) = match &result {
        Ok(_) => ("ok".to_owned(), None),
        Err(Error::Decode(decode)) => (
            format!("Decode/{}", variant(format!("{:?}", decode.kind()))),
            Some(decode.path().to_owned()),
        ),
        Err(Error::Transport(transport)) => (
            format!("Transport/{}", variant(format!("{:?}", transport.kind()))),
            None,
        ),
        Err(Error::HttpStatus { status, .. }) => (format!("HttpStatus/{status}"), None),
        Err(Error::Fault(fault)) => (format!("Fault/{}", fault.code.local_name), None),
        Err(other) => (variant(format!("{other:?}")), None),
    };
    let message = match result {
        Ok(debug) => debug,
        Err(error) => with_causes(&error),
    };
    Outcome {
        kind,
        path,
        message,
        status: None,
        connections: None,
    }
}

fn debug_body<B: Debug, H>(result: Result<Response<B, H>, Error>) -> Result<String, Error> {
    result.map(|response| format!("{:?}", response.body()))
}

/// Calls operation `op` at `url` over `transport` with an empty request; the response body's
/// `Debug` text on success.
async fn call<T: Transport>(op: &str, url: &str, transport: T) -> Result<String, Error> {
    match op {
        "SessionIsValid" => debug_body(
            cs::CustomerServiceClient::with_transport(url, transport)
                .session_is_valid(Request::new(cs::SessionIsValid::default()))
                .await,
        ),
        "GetMailboxes" => debug_body(
            cs::CustomerServiceClient::with_transport(url, transport)
                .get_mailboxes(Request::new(cs::GetMailboxes::default()))
                .await,
        ),
        "GetSystemInfo" => debug_body(
            sp::SoPrincipalClient::with_transport(url, transport)
                .get_system_info(Request::new(sp::GetSystemInfo::default()))
                .await,
        ),
        "AuthenticateUsernamePassword" => debug_body(
            sp::SoPrincipalClient::with_transport(url, transport)
                .authenticate_username_password(Request::new(
                    sp::AuthenticateUsernamePassword::default(),
                ))
                .await,
        ),
        other => panic!("the corpus test does not know operation {other}"),
    }
}

/// A transport that answers every request with one canned 200 `text/xml` response.
struct Canned(Bytes);

impl Transport for Canned {
    async fn send(
        &self,
        _request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        let mut response = http::Response::new(self.0.clone());
        response.headers_mut().insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("text/xml; charset=utf-8"),
        );
        Ok(response)
    }
}

/// `client_response`: the file is the body of the response the client decodes.
async fn run_client_response(case: &Value, file: Vec<u8>) -> Outcome {
    outcome_of(
        call(
            text(case, "operation"),
            "http://corpus.invalid/",
            Canned(file.into()),
        )
        .await,
    )
}

/// `http_client`: a TCP server writes the file as the whole HTTP response, then closes the
/// connection, or keeps it open (`keep_open`) so that a client waiting for more would hang.
async fn run_http_client(case: &Value, file: Vec<u8>) -> Outcome {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/Service.svc", listener.local_addr().unwrap());
    let keep_open = case["keep_open"].as_bool().unwrap_or(false);
    let connections = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&connections);
    let server = tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            let file = file.clone();
            tokio::spawn(async move {
                // The whole request, so that the client is done sending.
                let _ = read_message(&mut stream).await;
                let _ = stream.write_all(&file).await;
                if keep_open {
                    tokio::time::sleep(Duration::from_secs(30)).await;
                } else {
                    let _ = stream.shutdown().await;
                }
            });
        }
    });
    let mut config = HttpConfig::default();
    if let Some(limit) = case["max_response_size"].as_u64() {
        config.max_response_size = usize::try_from(limit).unwrap();
    }
    let transport = HttpTransport::with_config(config).unwrap();
    let mut outcome = outcome_of(call(text(case, "operation"), &url, transport).await);
    server.abort();
    outcome.connections = Some(connections.load(Ordering::SeqCst));
    outcome
}

/// The implementation behind the server cases: only `EventHandlerExists` is implemented; it
/// answers whether the event handler type arrived as `Unknown`. Every other case fails
/// before the implementation is reached.
struct Corpus;

impl cs::CustomerService for Corpus {
    async fn event_handler_exists(
        &self,
        request: Request<cs::EventHandlerExists, cs::CustomerServiceRequestHeaders>,
    ) -> Result<Response<cs::EventHandlerExistsResponse, cs::CustomerServiceResponseHeaders>, Error>
    {
        let unknown = matches!(
            request.body().event_handler_type,
            Some(cs::EventHandlerType::Unknown(_))
        );
        Ok(Response::new(cs::EventHandlerExistsResponse {
            response: Some(unknown),
        }))
    }
}

/// `server_request`: the file is POSTed to a real `HttpServer` over TCP, with the SOAP action
/// of `operation`; optionally with a false `content_length`, or as chunks without the final
/// one, and with the connection left open (`keep_open`).
async fn run_server_request(case: &Value, file: Vec<u8>) -> Outcome {
    let mut config = ServerConfig {
        max_body_size: 64 * 1024,
        header_read_timeout: Duration::from_secs(10),
        body_read_timeout: Duration::from_secs(10),
        ..ServerConfig::default()
    };
    if let Some(limit) = case["max_body_size"].as_u64() {
        config.max_body_size = usize::try_from(limit).unwrap();
    }
    let server = serve(cs::CustomerServiceServer::new(Corpus), config).await;
    let op = text(case, "operation");
    let action = cs::CUSTOMER_SERVICE_OPERATIONS
        .iter()
        .find(|o| o.name == op)
        .unwrap_or_else(|| panic!("no operation {op}"))
        .soap_action;
    let framing = if case["chunked"].as_bool().unwrap_or(false) {
        "Transfer-Encoding: chunked".to_owned()
    } else {
        let length = case["content_length"].as_u64().unwrap_or(file.len() as u64);
        format!("Content-Length: {length}")
    };
    let mut request =
        soap11_post_head("/Service.svc", action, &format!("{framing}\r\n")).into_bytes();
    if case["chunked"].as_bool().unwrap_or(false) {
        for chunk in file.chunks(256) {
            request.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            request.extend_from_slice(chunk);
            request.extend_from_slice(b"\r\n");
        }
    } else {
        request.extend_from_slice(&file);
    }
    let mut stream = TcpStream::connect(server.local_addr()).await.unwrap();
    // The server may answer (413) and close before everything is written.
    let _ = stream.write_all(&request).await;
    if !case["keep_open"].as_bool().unwrap_or(false) {
        let _ = stream.shutdown().await;
    }
    let answer = read_response(&mut stream).await;
    drop(stream);
    tokio::time::timeout(CASE_LIMIT, server.shutdown())
        .await
        .expect("the server does not shut down");
    let Some((status, body)) = answer else {
        return Outcome {
            kind: "closed without an answer".to_owned(),
            path: None,
            message: String::new(),
            status: None,
            connections: None,
        };
    };
    let fault = read_envelope::<(), ()>(
        &body,
        &cs::SESSION_IS_VALID.output.unwrap(),
        &ReaderConfig::default(),
    )
    .ok()
    .and_then(|envelope| match envelope.body {
        Body::Fault(fault) => Some(fault),
        Body::Element(()) => None,
    });
    let (kind, message) = match fault {
        Some(fault) => (format!("Fault/{}", fault.code.local_name), fault.reason),
        None if status == 200 => ("ok".to_owned(), String::from_utf8_lossy(&body).into_owned()),
        None => (
            format!("Status/{status}"),
            String::from_utf8_lossy(&body).into_owned(),
        ),
    };
    Outcome {
        kind,
        path: None,
        message,
        status: Some(status),
        connections: None,
    }
}

/// A `/proc/self/status` figure in KiB (Linux).
fn proc_status(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line[field.len() + 1..]
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Resets the peak resident size to the current one (Linux `clear_refs`); returns the
/// current resident size, or `None` where that is not possible.
fn reset_peak_memory() -> Option<u64> {
    std::fs::write("/proc/self/clear_refs", "5").ok()?;
    proc_status("VmRSS:")
}

/// Checks `outcome` against the case's `expect`; returns the mismatches.
fn check(case: &Value, outcome: &Outcome) -> Vec<String> {
    let expect = &case["expect"];
    let mut problems = Vec::new();
    let kind = text(expect, "kind");
    if outcome.kind != kind {
        problems.push(format!("kind {} instead of {kind}", outcome.kind));
    }
    if let Some(path) = expect["path"].as_str()
        && outcome.path.as_deref() != Some(path)
    {
        problems.push(format!("path {:?} instead of {path:?}", outcome.path));
    }
    if let Some(prefix) = expect["path_prefix"].as_str()
        && !outcome.path.as_deref().unwrap_or("").starts_with(prefix)
    {
        problems.push(format!(
            "path {:?} does not start with {prefix:?}",
            outcome.path
        ));
    }
    if let Some(status) = expect["status"].as_u64()
        && outcome.status.map(u64::from) != Some(status)
    {
        problems.push(format!("status {:?} instead of {status}", outcome.status));
    }
    for field in ["message", "debug", "body"] {
        for part in strings(expect, field) {
            if !outcome.message.contains(part) {
                problems.push(format!("the message lacks {part:?}"));
            }
        }
    }
    if let Some(connections) = outcome.connections
        && connections != 1
    {
        problems.push(format!(
            "the client opened {connections} connections (a retry?)"
        ));
    }
    problems
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_corpus_case_gives_its_stated_outcome() {
    let cases = manifest();
    let mut failures = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    let mut hungriest = (0u64, String::new());
    for case in &cases {
        let name = text(case, "name").to_owned();
        let file = std::fs::read(corpus_dir().join(text(case, "file"))).unwrap();
        let fed_to = text(case, "fed_to").to_owned();
        let rss_before = reset_peak_memory();
        let started = Instant::now();
        // A task of its own, so that a panic is caught and reported with the case's name.
        let task = {
            let case = case.clone();
            tokio::spawn(async move {
                match fed_to.as_str() {
                    "client_response" => run_client_response(&case, file).await,
                    "http_client" => run_http_client(&case, file).await,
                    "server_request" => run_server_request(&case, file).await,
                    other => panic!("unknown fed_to {other}"),
                }
            })
        };
        let outcome = match tokio::time::timeout(CASE_LIMIT, task).await {
            Err(_) => {
                failures.push(format!("{name}: no outcome within {CASE_LIMIT:?} (a hang)"));
                continue;
            }
            Ok(Err(join)) => {
                failures.push(format!("{name}: panicked: {join}"));
                continue;
            }
            Ok(Ok(outcome)) => outcome,
        };
        let elapsed = started.elapsed();
        if elapsed > slowest.0 {
            slowest = (elapsed, name.clone());
        }
        if let (Some(before), Some(peak)) = (rss_before, proc_status("VmHWM:")) {
            let growth = peak.saturating_sub(before);
            if growth > hungriest.0 {
                hungriest = (growth, name.clone());
            }
            if growth > MEMORY_LIMIT_KIB {
                failures.push(format!(
                    "{name}: peak memory grew by {growth} KiB (limit {MEMORY_LIMIT_KIB} KiB)"
                ));
            }
        }
        let problems = check(case, &outcome);
        if !problems.is_empty() {
            failures.push(format!(
                "{name}: {}\n    got: {outcome:?}",
                problems.join("; ")
            ));
        }
    }
    eprintln!(
        "{} corpus cases; slowest {} in {:?}; largest peak-memory growth {} KiB ({})",
        cases.len(),
        slowest.1,
        slowest.0,
        hungriest.0,
        if hungriest.1.is_empty() {
            "not measured: no /proc/self/clear_refs"
        } else {
            &hungriest.1
        }
    );
    assert!(
        failures.is_empty(),
        "{} of {} corpus cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Every file of the corpus is used, every case's file exists, names are unique, and the
/// corpus keeps a case for every kind of bad input the issue lists.
#[test]
fn the_manifest_covers_the_corpus_and_the_issue() {
    let cases = manifest();
    let mut files: Vec<String> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "manifest.json")
        .collect();
    files.sort();
    for file in &files {
        assert!(
            cases.iter().any(|c| text(c, "file") == file),
            "{file} is in the corpus but no case uses it"
        );
    }
    let mut names = Vec::new();
    for case in &cases {
        let name = text(case, "name");
        assert!(!names.contains(&name), "two cases are named {name}");
        names.push(name);
        assert!(
            files.iter().any(|f| f == text(case, "file")),
            "{name}: no file {}",
            text(case, "file")
        );
        assert!(!text(case, "why").is_empty(), "{name}: say why");
    }
    let has = |fed_to: &str, kind: &str, file_part: &str| {
        cases.iter().any(|c| {
            text(c, "fed_to") == fed_to
                && text(&c["expect"], "kind").starts_with(kind)
                && text(c, "file").contains(file_part)
        })
    };
    let required = [
        (
            "billion laughs",
            has("client_response", "Decode/DocType", "laughs"),
        ),
        (
            "billion laughs (server)",
            has("server_request", "Fault/", "laughs"),
        ),
        (
            "external entities",
            has("client_response", "Decode/DocType", "external"),
        ),
        (
            "nesting past the limit",
            has("client_response", "Decode/TooDeep", "deep"),
        ),
        (
            "nesting past the limit (server)",
            has("server_request", "Fault/", "deep"),
        ),
        (
            "body past the size limit (server)",
            has("server_request", "Status/413", "oversized"),
        ),
        (
            "body past the size limit (client)",
            has("http_client", "Transport/BodyTooLarge", ""),
        ),
        (
            "truncated XML",
            has("client_response", "Decode/UnexpectedEof", "truncated"),
        ),
        (
            "wrong envelope namespace",
            has("client_response", "Decode/UnexpectedElement", "namespace"),
        ),
        (
            "wrong root",
            has("client_response", "Decode/UnexpectedElement", "root"),
        ),
        (
            "invalid UTF-8",
            has("client_response", "Decode/InvalidUtf8", "utf8"),
        ),
        (
            "numbers out of range",
            has("client_response", "Decode/InvalidValue", "range"),
        ),
        (
            "invalid dates",
            has("client_response", "Decode/InvalidValue", "date"),
        ),
        (
            "duplicate elements",
            has("client_response", "Decode/DuplicateElement", "duplicate"),
        ),
        (
            "missing required elements",
            has("client_response", "Decode/MissingElement", "required"),
        ),
        (
            "HTML error pages",
            has("http_client", "HttpStatus/", "html"),
        ),
        (
            "an empty 200 response",
            has("http_client", "Decode/MissingElement", "empty_200"),
        ),
        (
            "a chunked response cut off",
            has("http_client", "Transport/Io", "chunked_cut_off"),
        ),
        (
            "unknown enum values decode",
            has("client_response", "ok", "unknown_enum"),
        ),
        (
            "unknown enum values decode (server)",
            has("server_request", "ok", "unknown_enum"),
        ),
    ];
    for (what, present) in required {
        assert!(present, "the corpus has no case for {what}");
    }
}
