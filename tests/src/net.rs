//! The network side of the HTTP tests: endpoint paths, servers and closed ports on 127.0.0.1,
//! raw POSTs, and HTTP/1.1 messages written and read by hand over TCP.

#![allow(clippy::unwrap_used)] // Test helpers fail by panicking.

use bytes::Bytes;
use soap_runtime::{HttpServer, HttpTransport, ServerConfig, SoapService, Transport as _};
use tokio::io::AsyncReadExt as _;
use tokio::net::TcpStream;

/// The path of the `CustomerService` endpoint.
pub const CS_PATH: &str = "/Remote/Services87/CustomerService.svc";
/// The path of the `SoPrincipal` endpoint.
pub const SP_PATH: &str = "/Remote/Services87/SoPrincipal.svc";

/// Serves `service` over HTTP on an ephemeral port of 127.0.0.1.
pub async fn serve<S: SoapService>(service: S, config: ServerConfig) -> HttpServer {
    HttpServer::bind("127.0.0.1:0", service, config)
        .await
        .unwrap()
}

/// A port of 127.0.0.1 nothing listens on.
pub fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// POSTs `body` with `headers` over a fresh HTTP transport.
pub async fn post(url: &str, headers: &[(&str, &str)], body: String) -> http::Response<Bytes> {
    let mut request = http::Request::post(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    HttpTransport::new()
        .unwrap()
        .send(request.body(Bytes::from(body)).unwrap())
        .await
        .unwrap()
}

/// The `Content-Type` of `response`; empty if there is none (or it is not text).
pub fn content_type(response: &http::Response<Bytes>) -> &str {
    response
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// The head of a SOAP 1.1 POST to `path` with the SOAP action `action`: the request line, the
/// `Host`, `Content-Type` and `SOAPAction` fields, then `fields` (each ending in CRLF) and the
/// empty line.
pub fn soap11_post_head(path: &str, action: &str, fields: &str) -> String {
    format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml; charset=utf-8\r\nSOAPAction: \"{action}\"\r\n{fields}\r\n"
    )
}

/// One HTTP/1.1 message read from a raw connection: its head and `Content-Length` body.
pub struct Message {
    /// Every byte read: the message, and whatever came after it in the same reads.
    pub data: Vec<u8>,
    head_end: usize,
    length: usize,
}

impl Message {
    /// The status of a response, read from its status line.
    pub fn status(&self) -> Option<u16> {
        String::from_utf8_lossy(&self.data[..self.head_end])
            .get(9..12)?
            .parse()
            .ok()
    }

    /// The body: `Content-Length` bytes after the head.
    pub fn body(&self) -> &[u8] {
        &self.data[self.head_end + 4..self.head_end + 4 + self.length]
    }
}

/// Reads from `stream` until a whole message (head and `Content-Length` body) has arrived;
/// `Err` with what did arrive if the connection ends, or fails, first.
pub async fn read_message(
    stream: &mut (impl tokio::io::AsyncRead + Unpin),
) -> Result<Message, Vec<u8>> {
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        if let Some(head_end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..head_end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if data.len() >= head_end + 4 + length {
                return Ok(Message {
                    data,
                    head_end,
                    length,
                });
            }
        }
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return Err(data),
            Ok(n) => data.extend_from_slice(&buf[..n]),
        }
    }
}

/// Reads one HTTP response: its status and body, or `None` when the connection ends before a
/// whole response arrived.
pub async fn read_response(stream: &mut TcpStream) -> Option<(u16, Vec<u8>)> {
    let message = read_message(stream).await.ok()?;
    Some((message.status()?, message.body().to_vec()))
}
