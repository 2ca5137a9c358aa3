//! The generated servers and clients in the tower ecosystem, over real sockets on 127.0.0.1:
//! two generated services and an ordinary route in one axum `Router` on one port, each
//! service at the path of its WSDL address; tower layers in front of a server (an
//! authentication layer whose extension reaches the implementation, a concurrency limit) and
//! under a client (a header added to every request, tower's timeout); `HttpServer` serving a
//! router; the adapter's own body limit when axum serves it; and a per-call timeout.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use soap_runtime::{
    Error, HttpServer, HttpTransport, Request, Response, ServerConfig, TowerTransport, Transport,
    TransportErrorKind,
};
use superoffice_services87::customer_service::{self as cs, CustomerService as _};
use superoffice_services87::so_principal::{self as sp, SoPrincipal as _};
use tokio::net::TcpListener;
use tower::ServiceBuilder;

/// What an authentication layer in front of the server found.
#[derive(Debug, Clone, PartialEq)]
struct User(&'static str);

/// What `SessionIsValid` saw of the HTTP request.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    user: Option<User>,
    tenant: Option<String>,
}

/// A `CustomerService` whose `SessionIsValid` records what it saw and answers true, after
/// `delay`.
#[derive(Clone, Default)]
struct Sessions {
    seen: Arc<Mutex<Vec<Seen>>>,
    delay: Duration,
}

impl cs::CustomerService for Sessions {
    async fn session_is_valid(
        &self,
        request: Request<cs::SessionIsValid, cs::CustomerServiceRequestHeaders>,
    ) -> Result<Response<cs::SessionIsValidResponse, cs::CustomerServiceResponseHeaders>, Error>
    {
        let http = request.http();
        let tenant = http.headers().get("x-tenant");
        self.seen.lock().unwrap().push(Seen {
            user: http.extensions().get::<User>().cloned(),
            tenant: tenant.and_then(|v| v.to_str().ok()).map(str::to_owned),
        });
        tokio::time::sleep(self.delay).await;
        Ok(Response::new(cs::SessionIsValidResponse {
            response: Some(request.body().cs_session_key.as_deref() == Some("good")),
        }))
    }
}

/// An authentication layer's work: a request with an `Authorization` header is alice's.
fn authenticate<B>(mut request: http::Request<B>) -> http::Request<B> {
    if request.headers().contains_key("authorization") {
        request.extensions_mut().insert(User("alice"));
    }
    request
}

/// A `SoPrincipal` whose `GetSystemInfo` answers a warning text.
struct Info;

impl sp::SoPrincipal for Info {
    async fn get_system_info(
        &self,
        _request: Request<sp::GetSystemInfo, sp::SoPrincipalRequestHeaders>,
    ) -> Result<Response<sp::GetSystemInfoResponse, sp::SoPrincipalResponseHeaders>, Error> {
        Ok(Response::new(sp::GetSystemInfoResponse {
            system_info: Some(sp::SoSystemInfoCarrier {
                warning_english: Some("served through axum".to_owned()),
                ..Default::default()
            }),
        }))
    }
}

/// Serves an axum `Router` on an ephemeral port of 127.0.0.1.
async fn serve_axum(app: axum::Router) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

fn session_is_valid(key: &str) -> cs::SessionIsValid {
    cs::SessionIsValid {
        cs_session_key: Some(key.to_owned()),
    }
}

/// Calls `SessionIsValid` with a good key and checks the answer.
async fn assert_valid<T: Transport>(client: &cs::CustomerServiceClient<T>) {
    let answer = client
        .session_is_valid(session_is_valid("good").into())
        .await
        .unwrap();
    assert_eq!(answer.body().response, Some(true));
}

/// The transport error of a call that timed out; fails the test for any other error.
fn timeout(error: &Error) -> &soap_runtime::TransportError {
    let Error::Transport(transport) = error else {
        panic!("expected a transport error, got {error:?}")
    };
    assert_eq!(transport.kind(), TransportErrorKind::Timeout, "{transport}");
    transport
}

async fn get(url: &str) -> http::Response<Bytes> {
    let request = http::Request::get(url).body(Bytes::new()).unwrap();
    HttpTransport::new().unwrap().send(request).await.unwrap()
}

// Two generated services and an ordinary route, in one axum router on one port: each service
// answers at the path of its WSDL address, the route at its own, and nothing else.
#[tokio::test]
async fn two_generated_services_and_an_axum_route_share_one_port() {
    let sessions = cs::CustomerServiceServer::new(Sessions::default());
    let principal = sp::SoPrincipalServer::new(Info);
    assert_eq!(
        sessions.path(),
        "/Cust12345/Remote/Services87/CustomerService.svc"
    );
    assert_eq!(
        principal.path(),
        "/Cust12345/Remote/Services87/SoPrincipal.svc"
    );
    let app = axum::Router::new()
        .route_service(sessions.path(), sessions.clone())
        .route_service(principal.path(), principal.clone())
        .route("/health", axum::routing::get(|| async { "ok" }));
    let addr = serve_axum(app).await;

    let cs_client =
        cs::CustomerServiceClient::new(format!("http://{addr}{}", sessions.path())).unwrap();
    let valid = cs_client
        .session_is_valid(session_is_valid("good").into())
        .await
        .unwrap();
    assert_eq!(valid.body().response, Some(true));

    let sp_client =
        sp::SoPrincipalClient::new(format!("http://{addr}{}", principal.path())).unwrap();
    let info = sp_client
        .get_system_info(sp::GetSystemInfo {}.into())
        .await
        .unwrap();
    let warning = info.into_inner().system_info.unwrap().warning_english;
    assert_eq!(warning.as_deref(), Some("served through axum"));

    let health = get(&format!("http://{addr}/health")).await;
    assert_eq!(health.status(), 200);
    assert_eq!(health.body().as_ref(), b"ok");

    // The CustomerService client sent to the SoPrincipal path is answered by that service,
    // which has no such operation: a fault, not a call of the other service.
    let misrouted =
        cs::CustomerServiceClient::new(format!("http://{addr}{}", principal.path())).unwrap();
    let error = misrouted
        .session_is_valid(session_is_valid("good").into())
        .await
        .unwrap_err();
    let Error::Fault(fault) = error else {
        panic!("expected a fault, got {error:?}")
    };
    assert!(fault.reason.contains("unknown SOAP action"), "{fault:?}");
    assert_eq!(get(&format!("http://{addr}/elsewhere")).await.status(), 404);
}

// Tower layers wrap a generated server: what an authentication layer puts in the request's
// extensions reaches the implementation, under a concurrency limit, in an axum router and
// under `HttpServer` alike.
#[tokio::test]
async fn tower_layers_in_front_of_a_server_reach_the_implementation() {
    let sessions = Sessions::default();
    let server = cs::CustomerServiceServer::new(sessions.clone());
    let path = server.path();
    let in_axum = ServiceBuilder::new()
        .concurrency_limit(4)
        .map_request(authenticate::<axum::body::Body>)
        .service(server.clone());
    let in_axum = serve_axum(axum::Router::new().route_service(path, in_axum)).await;
    let under_hyper = ServiceBuilder::new()
        .concurrency_limit(4)
        .map_request(authenticate::<hyper::body::Incoming>)
        .service(server);
    let by_http_server =
        HttpServer::bind_service("127.0.0.1:0", under_hyper, ServerConfig::default())
            .await
            .unwrap();

    for url in [format!("http://{in_axum}{path}"), by_http_server.url(path)] {
        let client = cs::CustomerServiceClient::new(&url).unwrap();
        client
            .session_is_valid(session_is_valid("anonymous").into())
            .await
            .unwrap();
        let authorized = cs::CustomerServiceClient::with_transport(
            &url,
            HttpTransport::with_config(soap_runtime::HttpConfig {
                auth: Some(soap_runtime::HttpAuth::bearer("token").unwrap()),
                ..Default::default()
            })
            .unwrap(),
        );
        authorized
            .session_is_valid(session_is_valid("good").into())
            .await
            .unwrap();
    }
    by_http_server.shutdown().await;
    let alice = Seen {
        user: Some(User("alice")),
        tenant: None,
    };
    let nobody = Seen {
        user: None,
        tenant: None,
    };
    assert_eq!(
        *sessions.seen.lock().unwrap(),
        [nobody.clone(), alice.clone(), nobody, alice]
    );
}

// Mounted in axum, the adapter applies its own body limit (`with_config`): a larger request
// is answered 413.
#[tokio::test]
async fn a_mounted_adapter_applies_its_own_body_limit() {
    let server = cs::CustomerServiceServer::new(Sessions::default()).with_config(ServerConfig {
        max_body_size: 1024,
        ..Default::default()
    });
    let path = server.path();
    let addr = serve_axum(axum::Router::new().route_service(path, server)).await;
    let client = cs::CustomerServiceClient::new(format!("http://{addr}{path}")).unwrap();
    client
        .session_is_valid(session_is_valid("short").into())
        .await
        .unwrap();
    let error = client
        .session_is_valid(session_is_valid(&"k".repeat(2000)).into())
        .await
        .unwrap_err();
    let Error::HttpStatus { status, .. } = &error else {
        panic!("expected HTTP 413, got {error:?}")
    };
    assert_eq!(*status, 413);
}

// The client runs over a tower stack: a layer adds a header to every request, and tower's
// timeout ends a call that takes too long with a timeout error.
#[tokio::test]
async fn a_client_runs_over_tower_layers() {
    let sessions = Sessions {
        delay: Duration::from_millis(0),
        ..Default::default()
    };
    let server = HttpServer::bind(
        "127.0.0.1:0",
        cs::CustomerServiceServer::new(sessions.clone()),
        ServerConfig::default(),
    )
    .await
    .unwrap();
    let stack = ServiceBuilder::new()
        .map_request(|mut request: http::Request<Bytes>| {
            request
                .headers_mut()
                .insert("x-tenant", http::HeaderValue::from_static("acme"));
            request
        })
        .concurrency_limit(2)
        .service(HttpTransport::new().unwrap());
    let client = cs::CustomerServiceClient::with_transport(
        server.url("/CustomerService.svc"),
        TowerTransport::new(stack),
    );
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let client = client.clone();
        calls.spawn(async move {
            client
                .session_is_valid(session_is_valid("good").into())
                .await
        });
    }
    while let Some(result) = calls.join_next().await {
        assert_eq!(result.unwrap().unwrap().body().response, Some(true));
    }
    let seen = sessions.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 8);
    assert!(
        seen.iter().all(|s| s.tenant.as_deref() == Some("acme")),
        "{seen:?}"
    );
    server.shutdown().await;

    let slow = HttpServer::bind(
        "127.0.0.1:0",
        cs::CustomerServiceServer::new(Sessions {
            delay: Duration::from_secs(5),
            ..Default::default()
        }),
        ServerConfig::default(),
    )
    .await
    .unwrap();
    let stack = ServiceBuilder::new()
        .timeout(Duration::from_millis(100))
        .service(HttpTransport::new().unwrap());
    let client = cs::CustomerServiceClient::with_transport(
        slow.url("/CustomerService.svc"),
        TowerTransport::new(stack),
    );
    let error = client
        .session_is_valid(session_is_valid("good").into())
        .await
        .unwrap_err();
    timeout(&error);
}

// A per-call timeout ends that call alone; the next call without one waits for its answer.
#[tokio::test]
async fn a_per_call_timeout_ends_only_that_call() {
    let server = HttpServer::bind(
        "127.0.0.1:0",
        cs::CustomerServiceServer::new(Sessions {
            delay: Duration::from_millis(300),
            ..Default::default()
        }),
        ServerConfig::default(),
    )
    .await
    .unwrap();
    let client = cs::CustomerServiceClient::new(server.url("/CustomerService.svc")).unwrap();
    let request = Request::new(session_is_valid("good")).with_timeout(Duration::from_millis(50));
    let error = client.session_is_valid(request).await.unwrap_err();
    let error = timeout(&error);
    assert!(error.to_string().contains("50ms"), "{error}");
    assert_valid(&client).await;
}

// A generated server adapter is a `tower::Service` a client can call in-process through
// `TowerTransport`, with no socket.
#[tokio::test]
async fn a_client_calls_a_server_adapter_through_tower_in_process() {
    let server = cs::CustomerServiceServer::new(Sessions::default());
    let adapter = ServiceBuilder::new()
        .map_request(|request: http::Request<Bytes>| request.map(http_body_util::Full::new))
        .service(server);
    let client = cs::CustomerServiceClient::with_transport(
        "http://in-process/",
        TowerTransport::new(adapter),
    );
    assert_valid(&client).await;
}

// `GET <path>?wsdl` answers the WSDL the service was generated from, with its address
// pointing at the URL asked for, from an axum router and from `HttpServer` alike; a service
// answers other GETs with 405.
#[tokio::test]
async fn the_server_answers_its_wsdl_with_the_address_asked_for() {
    let published =
        std::fs::read_to_string(tests::shared::wsdl_dir().join("Services87-SoPrincipal.wsdl"))
            .unwrap();
    let server = sp::SoPrincipalServer::new(Info);
    let path = server.path();
    let in_axum = serve_axum(axum::Router::new().route_service(path, server.clone())).await;
    let by_http_server = HttpServer::bind("127.0.0.1:0", server, ServerConfig::default())
        .await
        .unwrap();
    for endpoint in [format!("http://{in_axum}{path}"), by_http_server.url(path)] {
        let answer = get(&format!("{endpoint}?wsdl")).await;
        assert_eq!(answer.status(), 200);
        assert_eq!(answer.headers()["content-type"], "text/xml; charset=utf-8");
        let expected = published.replace(
            r#"<soap:address location="https://sod.superoffice.com/Cust12345/Remote/Services87/SoPrincipal.svc" />"#,
            &format!(r#"<soap:address location="{endpoint}"/>"#),
        );
        assert_ne!(
            expected, published,
            "the published WSDL has no such address"
        );
        assert_eq!(std::str::from_utf8(answer.body()).unwrap(), expected);
        assert_eq!(get(&endpoint).await.status(), 405);
    }
    by_http_server.shutdown().await;
}
