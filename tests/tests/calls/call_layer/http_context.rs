//! The implementation sees the HTTP request its call came in: the peer's address, the HTTP
//! headers, and the extensions a layer in front of the service put there.

use std::net::SocketAddr;

use soap_runtime::server::handle;
use soap_runtime::{HttpContext, RemoteAddr};
use tests::net::{read_response, soap11_post_head};
use tokio::io::AsyncWriteExt as _;
use tokio::net::TcpStream;

use super::*;

/// What an authentication layer found, as a request extension.
#[derive(Debug, Clone, PartialEq)]
struct User(String);

/// What `SessionIsValid` saw of its HTTP request.
#[derive(Debug, Clone, PartialEq)]
struct Observed {
    remote: Option<SocketAddr>,
    tenant: Option<String>,
    user: Option<User>,
}

#[derive(Clone, Default)]
struct Observer {
    observed: Arc<Mutex<Vec<Observed>>>,
}

impl cs::CustomerService for Observer {
    async fn session_is_valid(
        &self,
        request: CsRequest<cs::SessionIsValid>,
    ) -> CsResult<cs::SessionIsValidResponse> {
        let http = request.http();
        let tenant = http.headers().get("x-tenant");
        self.observed.lock().unwrap().push(Observed {
            remote: http.remote_addr(),
            tenant: tenant.and_then(|v| v.to_str().ok()).map(str::to_owned),
            user: http.extensions().get::<User>().cloned(),
        });
        Ok(Response::new(cs::SessionIsValidResponse {
            response: Some(true),
        }))
    }
}

fn request_bytes(fields: &str) -> Vec<u8> {
    let body = soap11_envelope("", &session_is_valid_xml("k"));
    let fields = format!("{fields}Content-Length: {}\r\n", body.len());
    let head = soap11_post_head(CS_PATH, cs::SESSION_IS_VALID.soap_action, &fields);
    [head.into_bytes(), body.into_bytes()].concat()
}

// Over a real socket, the server tells the implementation the peer's address and passes the
// HTTP headers through.
#[tokio::test]
async fn the_implementation_sees_the_peer_address_and_http_headers() {
    let observer = Observer::default();
    let server = serve(
        cs::CustomerServiceServer::new(observer.clone()),
        ServerConfig::default(),
    )
    .await;
    let mut stream = TcpStream::connect(server.local_addr()).await.unwrap();
    let client_addr = stream.local_addr().unwrap();
    stream
        .write_all(&request_bytes("X-Tenant: acme\r\n"))
        .await
        .unwrap();
    let (status, _) = read_response(&mut stream).await.unwrap();
    assert_eq!(status, 200);
    // A second call without the header, from another connection.
    let mut other = TcpStream::connect(server.local_addr()).await.unwrap();
    let other_addr = other.local_addr().unwrap();
    other.write_all(&request_bytes("")).await.unwrap();
    let (status, _) = read_response(&mut other).await.unwrap();
    assert_eq!(status, 200);
    assert_eq!(
        *observer.observed.lock().unwrap(),
        [
            Observed {
                remote: Some(client_addr),
                tenant: Some("acme".to_owned()),
                user: None,
            },
            Observed {
                remote: Some(other_addr),
                tenant: None,
                user: None,
            },
        ]
    );
}

// What a layer in front of the service puts in the request's extensions reaches the
// implementation; so does a remote address a server of one's own inserts.
#[tokio::test]
async fn extensions_of_the_http_request_reach_the_implementation() {
    let observer = Observer::default();
    let peer: SocketAddr = "192.0.2.7:4711".parse().unwrap();
    let body = soap11_envelope("", &session_is_valid_xml("k"));
    let mut request = http::Request::post(CS_PATH)
        .header("Content-Type", "text/xml; charset=utf-8")
        .header("SOAPAction", cs::SESSION_IS_VALID.soap_action)
        .body(Bytes::from(body))
        .unwrap();
    request.extensions_mut().insert(User("alice".to_owned()));
    request.extensions_mut().insert(RemoteAddr(peer));
    let service = cs::CustomerServiceServer::new(observer.clone());
    let response = handle(&service, &ReaderConfig::default(), request).await;
    assert_eq!(response.status(), 200, "{:?}", response.body());
    assert_eq!(
        *observer.observed.lock().unwrap(),
        [Observed {
            remote: Some(peer),
            tenant: None,
            user: Some(User("alice".to_owned())),
        }]
    );
}

// `Debug` of a request shows the names of its HTTP headers, never their values, which may be
// credentials; equality ignores the HTTP context.
#[test]
fn the_http_context_hides_header_values_and_does_not_affect_equality() {
    let mut headers = http::HeaderMap::new();
    headers.insert("authorization", "Basic c2VjcmV0".parse().unwrap());
    let mut extensions = http::Extensions::new();
    extensions.insert(RemoteAddr("127.0.0.1:9".parse().unwrap()));
    let body = cs::SessionIsValid {
        cs_session_key: None,
    };
    let mut request: CsRequest<cs::SessionIsValid> = Request::new(body.clone());
    *request.http_mut() = HttpContext::new(headers, extensions);
    let shown = format!("{request:?}");
    assert!(shown.contains("authorization"), "{shown}");
    assert!(shown.contains("127.0.0.1:9"), "{shown}");
    assert!(!shown.contains("c2VjcmV0"), "{shown}");
    assert_eq!(request, Request::new(body));
}
