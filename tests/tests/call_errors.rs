//! Every error kind of a SOAP call, produced for real over HTTP on 127.0.0.1 (ephemeral
//! ports) and checked by its variant and content: transport failures (closed port, timeout),
//! HTTP errors without a SOAP body, SOAP 1.1 and 1.2 faults, service-reported failures
//! (`Succeeded = false` with an `ExceptionInfo`), decode errors, the server's answers to
//! oversized, misrouted and malformed requests and to failing implementations; and that
//! secrets stay out of `Debug` output, error messages and `tracing` logs.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use soap_runtime::envelope::{Body, read_envelope};
use soap_runtime::fault::{FaultBlame, SOAP11_ENV_NS, SOAP12_ENV_NS};
use soap_runtime::operation::SoapVersion;
use soap_runtime::types::{AnyElement, AnyNode, AnyXml, QName};
use soap_runtime::xml::ReaderConfig;
use soap_runtime::{
    Error, Fault, HttpConfig, HttpServer, HttpTransport, Request, Response, ServerConfig,
    TransportErrorKind,
};
use superoffice_services87::common::{SoCredentials, SoExceptionInfo};
use superoffice_services87::customer_service::{self as cs, CustomerService as _};
use superoffice_services87::so_principal::{self as sp, SoPrincipal as _};
use tests::net::{
    CS_PATH, SP_PATH, closed_port, content_type, post, read_message, serve, soap11_post_head,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const APP_NS: &str = "urn:example:app";

const TICKET: &str = "TICKET-7f3c9e21-SECRET";
const APP_TOKEN: &str = "APPTOKEN-55aa0c-SECRET";
const PASSWORD: &str = "PASSWORD-hunter2-SECRET";
const SECRETS: [&str; 3] = [TICKET, APP_TOKEN, PASSWORD];

type CsResult<T> = Result<Response<T, cs::CustomerServiceResponseHeaders>, Error>;
type SpResult<T> = Result<Response<T, sp::SoPrincipalResponseHeaders>, Error>;

/// A `CustomerService` whose `SessionIsValid` behaves according to the session key it gets.
struct Scripted;

impl cs::CustomerService for Scripted {
    async fn session_is_valid(
        &self,
        request: Request<cs::SessionIsValid, cs::CustomerServiceRequestHeaders>,
    ) -> CsResult<cs::SessionIsValidResponse> {
        let (body, headers) = request.into_parts();
        match body.cs_session_key.as_deref().unwrap_or_default() {
            "sleep" => {
                tokio::time::sleep(Duration::from_secs(2)).await;
                Ok(Response::new(cs::SessionIsValidResponse {
                    response: Some(true),
                }))
            }
            "fault" => Err(Error::Fault(Box::new(custom_fault()))),
            "db" => Err(Error::implementation("db down")),
            "service" => Ok(Response::with_headers(
                cs::SessionIsValidResponse { response: None },
                cs::CustomerServiceResponseHeaders {
                    succeeded: Some(false),
                    exception_info: Some(exception_info()),
                    ..Default::default()
                },
            )),
            _ => {
                let ticket = headers.credentials.and_then(|c| c.ticket);
                let ok = ticket.as_deref() == Some(TICKET)
                    && headers.application_token.as_deref() == Some(APP_TOKEN);
                Ok(Response::new(cs::SessionIsValidResponse {
                    response: Some(ok),
                }))
            }
        }
    }
}

/// A `SoPrincipal` that accepts `alice` with [`PASSWORD`] and hands out [`TICKET`].
struct Principal;

impl sp::SoPrincipal for Principal {
    async fn authenticate_username_password(
        &self,
        request: Request<sp::AuthenticateUsernamePassword, sp::SoPrincipalRequestHeaders>,
    ) -> SpResult<sp::AuthenticateResponse> {
        let body = request.body();
        if body.user_name.as_deref() == Some("alice") && body.password.as_deref() == Some(PASSWORD)
        {
            return Ok(Response::new(sp::AuthenticateResponse {
                response: None,
                credentials: Some(SoCredentials {
                    ticket: Some(TICKET.to_owned()),
                }),
                authentication_succeeded: Some(true),
            }));
        }
        Ok(Response::with_headers(
            sp::AuthenticateResponse {
                authentication_succeeded: Some(false),
                ..Default::default()
            },
            sp::SoPrincipalResponseHeaders {
                succeeded: Some(false),
                exception_info: Some(SoExceptionInfo {
                    message: Some("Unknown user name or wrong password".to_owned()),
                    exception_type: Some("SoAuthenticationException".to_owned()),
                    ..Default::default()
                }),
                ..Default::default()
            },
        ))
    }
}

/// The fault the implementation returns for session key `fault`.
fn custom_fault() -> Fault {
    let mut fault = Fault::new(
        SoapVersion::Soap11,
        FaultBlame::Receiver,
        "quota exceeded for tenant 42",
    );
    fault.code = QName::new(APP_NS, "QuotaExceeded");
    fault.actor = Some("urn:example:actor".to_owned());
    fault.detail = Some(AnyXml {
        children: vec![AnyNode::Element(AnyElement {
            name: QName::new(APP_NS, "Quota"),
            content: AnyXml {
                children: vec![
                    AnyNode::Element(AnyElement {
                        name: QName::new(APP_NS, "Limit"),
                        content: AnyXml::text("10"),
                    }),
                    AnyNode::Element(AnyElement {
                        name: QName::new(APP_NS, "Used"),
                        content: AnyXml::text("11"),
                    }),
                ],
                ..AnyXml::default()
            },
        })],
        ..AnyXml::default()
    });
    fault
}

/// The exception info the implementation reports for session key `service`.
fn exception_info() -> SoExceptionInfo {
    SoExceptionInfo {
        message: Some("Could not validate the session".to_owned()),
        stack_trace: Some("at SuperOffice.CS.Sessions.Validate()".to_owned()),
        friendly_text: Some("Please log in again".to_owned()),
        exception_type: Some("SoSessionException".to_owned()),
        source: Some("SuperOffice.CS".to_owned()),
        inner_exception: Some(Box::new(SoExceptionInfo {
            message: Some("Timeout expired while reading cs_session".to_owned()),
            exception_type: Some("SqlException".to_owned()),
            ..Default::default()
        })),
        parameters: Some(vec![
            ("SessionKey".to_owned(), Some("service".to_owned())),
            ("Attempt".to_owned(), None),
        ]),
    }
}

fn session_is_valid(key: &str) -> Request<cs::SessionIsValid, cs::CustomerServiceRequestHeaders> {
    Request::new(cs::SessionIsValid {
        cs_session_key: Some(key.to_owned()),
    })
}

fn secret_headers() -> cs::CustomerServiceRequestHeaders {
    cs::CustomerServiceRequestHeaders {
        application_token: Some(APP_TOKEN.to_owned()),
        credentials: Some(SoCredentials {
            ticket: Some(TICKET.to_owned()),
        }),
        time_zone: None,
    }
}

async fn cs_server(config: ServerConfig) -> HttpServer {
    serve(cs::CustomerServiceServer::new(Scripted), config).await
}

/// A server configuration that refuses bodies over 1,024 bytes.
fn small_body_limit() -> ServerConfig {
    ServerConfig {
        max_body_size: 1024,
        ..ServerConfig::default()
    }
}

fn cs_client(server: &HttpServer) -> cs::CustomerServiceClient {
    cs::CustomerServiceClient::new(server.url(CS_PATH)).unwrap()
}

/// A client of a port nothing listens on.
fn closed_port_client() -> cs::CustomerServiceClient {
    cs::CustomerServiceClient::new(format!("http://127.0.0.1:{}{CS_PATH}", closed_port())).unwrap()
}

/// A `SoPrincipal` client of `server` with the secret application token.
fn principal_client(server: &HttpServer) -> sp::SoPrincipalClient {
    let mut client = sp::SoPrincipalClient::new(server.url(SP_PATH)).unwrap();
    client.default_headers_mut().application_token = Some(APP_TOKEN.to_owned());
    client
}

/// Calls `SessionIsValid` with `key` on a new `Scripted` server; returns the server and the
/// error the call must end in.
async fn failing_scripted_call(key: &str) -> (HttpServer, Error) {
    let server = cs_server(ServerConfig::default()).await;
    let error = cs_client(&server)
        .session_is_valid(session_is_valid(key))
        .await
        .unwrap_err();
    (server, error)
}

/// Checks that a normal call succeeds, i.e. that the server still serves.
async fn assert_still_serving(server: &HttpServer) {
    let client = cs_client(server).with_default_headers(secret_headers());
    let response = client
        .session_is_valid(session_is_valid("ok"))
        .await
        .unwrap();
    assert_eq!(response.body().response, Some(true));
}

fn assert_no_secrets(text: &str, what: &str) {
    for secret in SECRETS {
        assert!(
            !text.contains(secret),
            "{what} contains the secret {secret:?}: {text}"
        );
    }
}

/// The first child element of `xml` named `local`.
fn child<'a>(xml: &'a AnyXml, local: &str) -> &'a AnyElement {
    xml.children
        .iter()
        .find_map(|node| match node {
            AnyNode::Element(element) if element.name.local_name == local => Some(element),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no element {local} in {xml:?}"))
}

/// A raw TCP server that answers every request with `response`; returns its URL and a
/// channel receiving the requests it got.
async fn raw_server(response: Vec<u8>) -> (String, tokio::sync::mpsc::UnboundedReceiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}{CS_PATH}", listener.local_addr().unwrap());
    let (sender, receiver) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let response = response.clone();
            let sender = sender.clone();
            tokio::spawn(async move {
                // The whole request, or as much as came before the connection ended.
                let request = read_message(&mut stream)
                    .await
                    .map_or_else(|partial| partial, |message| message.data);
                let _ = sender.send(String::from_utf8_lossy(&request).into_owned());
                stream.write_all(&response).await.unwrap();
                let _ = stream.shutdown().await;
            });
        }
    });
    (url, receiver)
}

fn http_response(status_line: &str, content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status_line}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Calls `SessionIsValid` on a raw server answering every request with `status_line`,
/// `content_type` and `body`; returns the error the call must end in, and the requests the
/// server got.
async fn failing_call_to_raw_server(
    status_line: &str,
    content_type: &str,
    body: &str,
) -> (Error, tokio::sync::mpsc::UnboundedReceiver<String>) {
    let (url, requests) = raw_server(http_response(status_line, content_type, body)).await;
    let error = cs::CustomerServiceClient::new(url)
        .unwrap()
        .session_is_valid(session_is_valid("ok"))
        .await
        .unwrap_err();
    (error, requests)
}

/// The fault of an error that must be one.
#[track_caller]
fn expect_fault(error: &Error) -> &Fault {
    error
        .fault()
        .unwrap_or_else(|| panic!("expected a fault, got {error:?}"))
}

/// A raw SOAP request to the CustomerService server, sent through `HttpTransport::send`.
async fn send_raw(
    url: &str,
    content_type: &str,
    soap_action: Option<&str>,
    body: &str,
) -> http::Response<Bytes> {
    let mut headers = vec![("content-type", content_type)];
    headers.extend(soap_action.map(|action| ("SOAPAction", action)));
    post(url, &headers, body.to_owned()).await
}

/// A raw SOAP 1.1 request to the CustomerService server with the quoted SOAP action of
/// `SessionIsValid`.
async fn send_session_is_valid(url: &str, body: &str) -> http::Response<Bytes> {
    let action = format!("\"{}\"", cs::SESSION_IS_VALID.soap_action);
    send_raw(url, "text/xml; charset=utf-8", Some(&action), body).await
}

/// The fault in a server's raw answer.
fn fault_of(response: &http::Response<Bytes>) -> Fault {
    let envelope = read_envelope::<(), String>(
        response.body(),
        &cs::SESSION_IS_VALID.output.unwrap(),
        &ReaderConfig::default(),
    )
    .unwrap_or_else(|e| {
        panic!(
            "not a SOAP envelope ({e}): {}",
            String::from_utf8_lossy(response.body())
        )
    });
    match envelope.body {
        Body::Fault(fault) => *fault,
        Body::Element(body) => panic!("expected a fault, got {body:?}"),
    }
}

/// A response whose `SessionIsValid` result is not a boolean.
const BAD_VALUE: &str = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><SessionIsValidResponse xmlns="http://www.superoffice.net/ws/crm/NetServer/Services87"><Response>maybe</Response></SessionIsValidResponse></s:Body></s:Envelope>"#;

const VALID_REQUEST: &str = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><SessionIsValid xmlns="http://www.superoffice.net/ws/crm/NetServer/Services87"><CsSessionKey>ok</CsSessionKey></SessionIsValid></s:Body></s:Envelope>"#;

// 1. A closed port.
#[tokio::test]
async fn closed_port_is_a_connect_error() {
    let error = closed_port_client()
        .session_is_valid(session_is_valid("ok"))
        .await
        .unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("expected a transport error, got {error:?}");
    };
    assert_eq!(transport.kind(), TransportErrorKind::Connect, "{error}");
    assert!(error.to_string().starts_with("transport: "), "{error}");
    assert!(error.transport().is_some());
}

// 2. A server that sleeps past the client's total timeout.
#[tokio::test]
async fn slow_server_is_a_timeout_and_the_call_returns_promptly() {
    let server = cs_server(ServerConfig::default()).await;
    let transport = HttpTransport::with_config(HttpConfig {
        timeout: Duration::from_millis(300),
        ..HttpConfig::default()
    })
    .unwrap();
    let client = cs::CustomerServiceClient::with_transport(server.url(CS_PATH), transport);
    let started = Instant::now();
    let error = client
        .session_is_valid(session_is_valid("sleep"))
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    let Error::Transport(transport) = &error else {
        panic!("expected a transport error, got {error:?}");
    };
    assert_eq!(transport.kind(), TransportErrorKind::Timeout, "{error}");
    assert!(
        elapsed >= Duration::from_millis(300),
        "returned before the timeout: {elapsed:?}"
    );
    assert!(elapsed < Duration::from_millis(1500), "took {elapsed:?}");
    // The same client still works for a fast call.
    let response = client
        .session_is_valid(Request::with_headers(
            cs::SessionIsValid {
                cs_session_key: Some("ok".to_owned()),
            },
            secret_headers(),
        ))
        .await
        .unwrap();
    assert_eq!(response.body().response, Some(true));
}

// 3. An HTTP 500 with an HTML body.
#[tokio::test]
async fn html_500_is_an_http_status_with_the_start_of_the_body() {
    let html = format!(
        "<html><head><title>Runtime Error</title></head><body><h1>Server Error in '/' Application.</h1>{}</body></html>",
        "<p>padding</p>".repeat(100)
    );
    let (error, mut requests) = failing_call_to_raw_server(
        "500 Internal Server Error",
        "text/html; charset=utf-8",
        &html,
    )
    .await;
    let Error::HttpStatus {
        status,
        content_type,
        body_start,
    } = &error
    else {
        panic!("expected an HTTP status error, got {error:?}");
    };
    assert_eq!(*status, 500);
    assert_eq!(content_type.as_deref(), Some("text/html; charset=utf-8"));
    assert!(
        body_start.starts_with("<html><head><title>Runtime Error</title>"),
        "{body_start}"
    );
    assert!(
        body_start.contains("Server Error in '/' Application."),
        "{body_start}"
    );
    assert!(
        body_start.len() < html.len() && body_start.len() <= 512,
        "kept {} bytes",
        body_start.len()
    );
    assert!(error.to_string().contains("HTTP status 500"), "{error}");
    // The client sent a SOAP 1.1 request with a quoted SOAPAction.
    let request = requests.recv().await.unwrap();
    assert!(
        request.starts_with(&format!("POST {CS_PATH} HTTP/1.1")),
        "{request}"
    );
    assert!(
        request.to_ascii_lowercase().contains(
            &format!("soapaction: \"{}\"", cs::SESSION_IS_VALID.soap_action).to_ascii_lowercase()
        ),
        "{request}"
    );
    assert!(
        request
            .to_ascii_lowercase()
            .contains("content-type: text/xml; charset=utf-8"),
        "{request}"
    );
}

// 4a. A SOAP 1.1 fault returned by a server implementation.
#[tokio::test]
async fn implementation_fault_reaches_the_client_with_code_and_detail() {
    let (server, error) = failing_scripted_call("fault").await;
    let fault = expect_fault(&error);
    assert_eq!(fault.version, SoapVersion::Soap11);
    assert_eq!(fault.code, QName::new(APP_NS, "QuotaExceeded"));
    assert_eq!(fault.blame(), None);
    assert!(fault.subcodes.is_empty());
    assert_eq!(fault.reason, "quota exceeded for tenant 42");
    assert_eq!(fault.actor.as_deref(), Some("urn:example:actor"));
    let detail = fault.detail.as_ref().expect("a detail");
    let quota = child(detail, "Quota");
    assert_eq!(quota.name, QName::new(APP_NS, "Quota"));
    assert_eq!(child(&quota.content, "Limit").content.text_content(), "10");
    assert_eq!(child(&quota.content, "Used").content.text_content(), "11");
    assert_eq!(*fault, custom_fault());
    assert_eq!(
        error.to_string(),
        "SOAP fault QuotaExceeded: quota exceeded for tenant 42"
    );
    server.shutdown().await;
}

// 4b. A hand-written SOAP 1.1 fault from a foreign server.
#[tokio::test]
async fn foreign_soap11_fault_is_parsed() {
    let fault_xml = r#"<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:so="urn:superoffice:faults">
  <soap:Body>
    <soap:Fault>
      <faultcode>soap:Client</faultcode>
      <faultstring xml:lang="en-US">The ticket has expired</faultstring>
      <faultactor>http://example.invalid/Remote/Services87</faultactor>
      <detail>
        <so:TicketFault so:severity="high"><so:Code>4711</so:Code><so:Hint>log in again</so:Hint></so:TicketFault>
      </detail>
    </soap:Fault>
  </soap:Body>
</soap:Envelope>"#;
    let (error, _requests) = failing_call_to_raw_server(
        "500 Internal Server Error",
        "text/xml; charset=utf-8",
        fault_xml,
    )
    .await;
    let fault = expect_fault(&error);
    assert_eq!(fault.version, SoapVersion::Soap11);
    assert_eq!(fault.code, QName::new(SOAP11_ENV_NS, "Client"));
    assert_eq!(fault.blame(), Some(FaultBlame::Sender));
    assert_eq!(fault.reason, "The ticket has expired");
    assert_eq!(
        fault.actor.as_deref(),
        Some("http://example.invalid/Remote/Services87")
    );
    let detail = fault.detail.as_ref().expect("a detail");
    let ticket_fault = child(detail, "TicketFault");
    assert_eq!(
        ticket_fault.name,
        QName::new("urn:superoffice:faults", "TicketFault")
    );
    let severity = &ticket_fault.content.attributes;
    assert_eq!(severity.len(), 1, "{severity:?}");
    assert_eq!(
        severity[0].name,
        QName::new("urn:superoffice:faults", "severity")
    );
    assert_eq!(severity[0].value, "high");
    assert_eq!(
        child(&ticket_fault.content, "Code").content.text_content(),
        "4711"
    );
    assert_eq!(
        child(&ticket_fault.content, "Hint").content.text_content(),
        "log in again"
    );
}

// 5. A hand-written SOAP 1.2 fault with subcodes.
#[tokio::test]
async fn soap12_fault_keeps_code_subcodes_reason_node_role_and_detail() {
    let fault_xml = r#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:app="urn:example:app">
  <env:Body>
    <env:Fault>
      <env:Code>
        <env:Value>env:Sender</env:Value>
        <env:Subcode>
          <env:Value>app:Validation</env:Value>
          <env:Subcode><env:Value>app:OutOfRange</env:Value></env:Subcode>
        </env:Subcode>
      </env:Code>
      <env:Reason>
        <env:Text xml:lang="en">Session key out of range</env:Text>
        <env:Text xml:lang="no">Sesjonsnøkkel utenfor området</env:Text>
      </env:Reason>
      <env:Node>http://example.invalid/node</env:Node>
      <env:Role>http://example.invalid/role</env:Role>
      <env:Detail><app:Range><app:Min>1</app:Min><app:Max>9</app:Max></app:Range></env:Detail>
    </env:Fault>
  </env:Body>
</env:Envelope>"#;
    let (error, _requests) = failing_call_to_raw_server(
        "400 Bad Request",
        "application/soap+xml; charset=utf-8",
        fault_xml,
    )
    .await;
    let fault = expect_fault(&error);
    assert_eq!(fault.version, SoapVersion::Soap12);
    assert_eq!(fault.code, QName::new(SOAP12_ENV_NS, "Sender"));
    assert_eq!(fault.blame(), Some(FaultBlame::Sender));
    assert_eq!(
        fault.subcodes,
        vec![
            QName::new(APP_NS, "Validation"),
            QName::new(APP_NS, "OutOfRange")
        ]
    );
    assert_eq!(fault.reason, "Session key out of range");
    assert_eq!(fault.node.as_deref(), Some("http://example.invalid/node"));
    assert_eq!(fault.actor.as_deref(), Some("http://example.invalid/role"));
    let range = child(fault.detail.as_ref().expect("a detail"), "Range");
    assert_eq!(range.name, QName::new(APP_NS, "Range"));
    assert_eq!(child(&range.content, "Min").content.text_content(), "1");
    assert_eq!(child(&range.content, "Max").content.text_content(), "9");
    assert_eq!(
        error.to_string(),
        "SOAP fault Sender/Validation/OutOfRange: Session key out of range"
    );
}

// 6. `Succeeded = false` with an `ExceptionInfo` holding an inner exception and parameters.
#[tokio::test]
async fn succeeded_false_with_exception_info_is_a_service_failure() {
    let (server, error) = failing_scripted_call("service").await;
    let Error::Service(failure) = &error else {
        panic!("expected a service failure, got {error:?}");
    };
    assert_eq!(failure.message(), "Could not validate the session");
    let info: &SoExceptionInfo =
        cs::CustomerServiceResponseHeaders::exception_of(&error).expect("the typed exception info");
    assert_eq!(info.exception_type.as_deref(), Some("SoSessionException"));
    assert_eq!(
        info.stack_trace.as_deref(),
        Some("at SuperOffice.CS.Sessions.Validate()")
    );
    assert_eq!(info.friendly_text.as_deref(), Some("Please log in again"));
    assert_eq!(info.source.as_deref(), Some("SuperOffice.CS"));
    let inner = info.inner_exception.as_deref().expect("an inner exception");
    assert_eq!(
        inner.message.as_deref(),
        Some("Timeout expired while reading cs_session")
    );
    assert_eq!(inner.exception_type.as_deref(), Some("SqlException"));
    assert_eq!(
        info.parameters.as_deref(),
        Some(
            &[
                ("SessionKey".to_owned(), Some("service".to_owned())),
                ("Attempt".to_owned(), None)
            ][..]
        )
    );
    assert_eq!(*info, exception_info());
    assert!(failure.has_exception());
    assert!(error.service_failure().is_some());
    assert_eq!(
        error.to_string(),
        "the service reported a failure: Could not validate the session"
    );
    let debug = format!("{error:?}");
    assert!(debug.contains("SqlException"), "{debug}");
    server.shutdown().await;
}

// 6b. `Succeeded = false` alone, and an `ExceptionInfo` alone, are service failures too.
#[tokio::test]
async fn succeeded_false_alone_and_exception_info_alone_are_service_failures() {
    struct Headers;
    impl cs::CustomerService for Headers {
        async fn session_is_valid(
            &self,
            request: Request<cs::SessionIsValid, cs::CustomerServiceRequestHeaders>,
        ) -> CsResult<cs::SessionIsValidResponse> {
            let headers = match request.body().cs_session_key.as_deref() {
                Some("succeeded-false") => cs::CustomerServiceResponseHeaders {
                    succeeded: Some(false),
                    ..Default::default()
                },
                Some("exception-only") => cs::CustomerServiceResponseHeaders {
                    exception_info: Some(SoExceptionInfo {
                        message: Some("only an exception".to_owned()),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
                _ => cs::CustomerServiceResponseHeaders {
                    succeeded: Some(true),
                    extra_info: Some(vec![("Node".to_owned(), Some("A".to_owned()))]),
                    ..Default::default()
                },
            };
            Ok(Response::with_headers(
                cs::SessionIsValidResponse {
                    response: Some(true),
                },
                headers,
            ))
        }
    }
    let server = serve(
        cs::CustomerServiceServer::new(Headers),
        ServerConfig::default(),
    )
    .await;
    let client = cs_client(&server);
    let error = client
        .session_is_valid(session_is_valid("succeeded-false"))
        .await
        .unwrap_err();
    let failure = error
        .service_failure()
        .unwrap_or_else(|| panic!("expected a service failure, got {error:?}"));
    assert_eq!(failure.message(), "Succeeded is false");
    assert!(!failure.has_exception());
    assert!(cs::CustomerServiceResponseHeaders::exception_of(&error).is_none());
    let error = client
        .session_is_valid(session_is_valid("exception-only"))
        .await
        .unwrap_err();
    let failure = error
        .service_failure()
        .unwrap_or_else(|| panic!("expected a service failure, got {error:?}"));
    assert_eq!(failure.message(), "only an exception");
    // Succeeded = true is a success whose headers the caller can read.
    let response = client
        .session_is_valid(session_is_valid("fine"))
        .await
        .unwrap();
    assert_eq!(response.headers().succeeded, Some(true));
    assert_eq!(
        response.headers().extra_info.as_deref(),
        Some(&[("Node".to_owned(), Some("A".to_owned()))][..])
    );
    server.shutdown().await;
}

// 7a. An oversized request through the client: 413, and the server keeps serving.
#[tokio::test]
async fn oversized_request_gets_413_and_the_server_keeps_serving() {
    let server = cs_server(small_body_limit()).await;
    let client = cs_client(&server);
    let error = client
        .session_is_valid(session_is_valid(&"x".repeat(8 * 1024)))
        .await
        .unwrap_err();
    match &error {
        Error::HttpStatus {
            status, body_start, ..
        } => {
            assert_eq!(*status, 413, "{error}");
            assert!(
                body_start.contains("exceeds the limit of 1024 bytes"),
                "{body_start}"
            );
        }
        // The server may close the connection before the client has read the answer.
        Error::Transport(transport) => {
            assert_eq!(transport.kind(), TransportErrorKind::Io, "{error}")
        }
        other => panic!("expected 413, got {other:?}"),
    }
    // A request just under the limit still works, on a new connection.
    assert_still_serving(&server).await;
    server.shutdown().await;
}

/// Sends `head` (and `body`) over a raw connection and returns all the server answers.
async fn raw_exchange(server: &HttpServer, head: &str, body: &[u8]) -> String {
    let mut stream = TcpStream::connect(server.local_addr()).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer))
        .await
        .expect("the server answers and closes the connection without waiting for the body")
        .unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

// 7b. A declared length over the limit gets 413 at once, without the body being sent.
#[tokio::test]
async fn oversized_declared_length_gets_413_without_reading_the_body() {
    let server = cs_server(small_body_limit()).await;
    let head = soap11_post_head(
        CS_PATH,
        cs::SESSION_IS_VALID.soap_action,
        "Content-Length: 104857600\r\n",
    );
    // Only a few bytes of the promised 100 MiB are sent; the server must not wait for the rest.
    let answer = raw_exchange(&server, &head, b"<s:Envelope").await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("connection: close"),
        "{answer}"
    );
    assert!(
        answer.contains("exceeds the limit of 1024 bytes"),
        "{answer}"
    );
    assert_still_serving(&server).await;
    server.shutdown().await;
}

// 7c. A chunked body (no declared length) that grows over the limit gets 413.
#[tokio::test]
async fn oversized_chunked_body_gets_413() {
    let server = cs_server(small_body_limit()).await;
    let head = soap11_post_head(
        CS_PATH,
        cs::SESSION_IS_VALID.soap_action,
        "Transfer-Encoding: chunked\r\n",
    );
    // 1,500 bytes in three chunks, and no final chunk: the stream goes on as far as the
    // server knows.
    let chunk = format!("1f4\r\n{}\r\n", "y".repeat(500));
    let answer = raw_exchange(&server, &head, chunk.repeat(3).as_bytes()).await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert_still_serving(&server).await;
    server.shutdown().await;
}

// 8a. An unknown SOAP action.
#[tokio::test]
async fn unknown_soap_action_gets_a_client_fault_and_the_server_keeps_serving() {
    let server = cs_server(ServerConfig::default()).await;
    let url = server.url(CS_PATH);
    let response = send_raw(
        &url,
        "text/xml; charset=utf-8",
        Some("\"urn:bogus:Action\""),
        VALID_REQUEST,
    )
    .await;
    assert_eq!(response.status(), 500);
    assert_eq!(content_type(&response), "text/xml; charset=utf-8");
    let fault = fault_of(&response);
    assert_eq!(fault.version, SoapVersion::Soap11);
    assert_eq!(fault.code, QName::new(SOAP11_ENV_NS, "Client"));
    assert!(
        fault
            .reason
            .contains("unknown SOAP action \"urn:bogus:Action\""),
        "{}",
        fault.reason
    );
    // The same request with the right action is answered.
    let response = send_session_is_valid(&url, VALID_REQUEST).await;
    assert_eq!(
        response.status(),
        200,
        "{}",
        String::from_utf8_lossy(response.body())
    );
    assert!(String::from_utf8_lossy(response.body()).contains("SessionIsValidResponse"));
    assert_still_serving(&server).await;
    server.shutdown().await;
}

// 8b. An unknown SOAP 1.2 action gets a Sender fault with status 400.
#[tokio::test]
async fn unknown_soap12_action_gets_a_sender_fault() {
    let server = cs_server(ServerConfig::default()).await;
    let request = VALID_REQUEST.replace(SOAP11_ENV_NS, SOAP12_ENV_NS);
    let response = send_raw(
        &server.url(CS_PATH),
        "application/soap+xml; charset=utf-8; action=\"urn:bogus:Action\"",
        None,
        &request,
    )
    .await;
    assert_eq!(response.status(), 400);
    assert!(
        content_type(&response).starts_with("application/soap+xml"),
        "{}",
        content_type(&response)
    );
    let fault = fault_of(&response);
    assert_eq!(fault.version, SoapVersion::Soap12);
    assert_eq!(fault.code, QName::new(SOAP12_ENV_NS, "Sender"));
    assert!(
        fault.reason.contains("urn:bogus:Action"),
        "{}",
        fault.reason
    );
    assert_still_serving(&server).await;
    server.shutdown().await;
}

// 8c. Malformed envelopes get Client faults.
#[tokio::test]
async fn malformed_envelopes_get_client_faults_and_the_server_keeps_serving() {
    let server = cs_server(ServerConfig::default()).await;
    let url = server.url(CS_PATH);
    let truncated = &VALID_REQUEST[..VALID_REQUEST.len() - 40];
    let wrong_content = VALID_REQUEST.replace(
        "<CsSessionKey>ok</CsSessionKey>",
        "<CsSessionKey><b>ok</b></CsSessionKey>",
    );
    let cases: [(&str, &str); 5] = [
        ("truncated", truncated),
        ("not XML", "this is not XML at all"),
        ("not an envelope", "<html><body>hello</body></html>"),
        (
            "an empty body",
            r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>"#,
        ),
        ("a wrong field", &wrong_content),
    ];
    for (what, body) in cases {
        let response = send_session_is_valid(&url, body).await;
        assert_eq!(
            response.status(),
            500,
            "{what}: {}",
            String::from_utf8_lossy(response.body())
        );
        let fault = fault_of(&response);
        assert_eq!(
            fault.code,
            QName::new(SOAP11_ENV_NS, "Client"),
            "{what}: {fault:?}"
        );
        assert!(
            fault.reason.starts_with("malformed"),
            "{what}: {}",
            fault.reason
        );
        assert_still_serving(&server).await;
    }
    server.shutdown().await;
}

// 9. An implementation error.
#[tokio::test]
async fn implementation_error_is_a_server_fault_with_status_500() {
    let (server, error) = failing_scripted_call("db").await;
    let fault = expect_fault(&error);
    assert_eq!(fault.code, QName::new(SOAP11_ENV_NS, "Server"));
    assert_eq!(fault.blame(), Some(FaultBlame::Receiver));
    assert!(fault.reason.contains("db down"), "{}", fault.reason);
    // The status, seen through the transport.
    let request = VALID_REQUEST.replace(">ok<", ">db<");
    let response = send_session_is_valid(&server.url(CS_PATH), &request).await;
    assert_eq!(response.status(), 500);
    assert_eq!(fault_of(&response), *fault);
    assert_still_serving(&server).await;
    server.shutdown().await;
}

// 9b. An operation the implementation does not override: a Server fault in SOAP 1.1.
#[tokio::test]
async fn unimplemented_operation_gets_a_server_fault() {
    let server = cs_server(ServerConfig::default()).await;
    let error = cs_client(&server)
        .get_mailboxes(Request::new(cs::GetMailboxes {}))
        .await
        .unwrap_err();
    let fault = expect_fault(&error);
    assert_eq!(fault.code, QName::new(SOAP11_ENV_NS, "Server"));
    assert_eq!(
        fault.reason,
        "operation GetMailboxes is not implemented by this service"
    );
    server.shutdown().await;
}

// 9c. The same answered to a SOAP 1.2 request must be a valid SOAP 1.2 fault, whose
// Code/Value is one of the SOAP 1.2 codes (SOAP 1.2 part 1, 5.4.6): here env:Receiver.
#[tokio::test]
async fn unimplemented_operation_answers_soap12_with_a_soap12_code() {
    let server = cs_server(ServerConfig::default()).await;
    let request = format!(
        r#"<s:Envelope xmlns:s="{SOAP12_ENV_NS}"><s:Body><GetMailboxes xmlns="{}"/></s:Body></s:Envelope>"#,
        superoffice_services87::namespaces::SERVICES87
    );
    let content_type = format!(
        "application/soap+xml; charset=utf-8; action=\"{}\"",
        cs::GET_MAILBOXES.soap_action
    );
    let response = send_raw(&server.url(CS_PATH), &content_type, None, &request).await;
    assert_eq!(response.status(), 500);
    let fault = fault_of(&response);
    assert_eq!(fault.version, SoapVersion::Soap12);
    assert!(fault.reason.contains("not implemented"), "{}", fault.reason);
    assert_eq!(
        fault.code,
        QName::new(SOAP12_ENV_NS, "Receiver"),
        "the SOAP 1.2 fault carries the code {{{}}}{}: {}",
        fault.code.namespace,
        fault.code.local_name,
        String::from_utf8_lossy(response.body())
    );
    server.shutdown().await;
}

// Decode errors keep the element path.
#[tokio::test]
async fn undecodable_responses_are_decode_errors_with_a_path() {
    let (error, _requests) =
        failing_call_to_raw_server("200 OK", "text/xml; charset=utf-8", BAD_VALUE).await;
    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert_eq!(
        decode.path(),
        "/Envelope/Body/SessionIsValidResponse/Response",
        "{decode}"
    );
    assert!(error.to_string().contains("maybe"), "{error}");

    // A 200 whose body is not SOAP at all is a decode error, not an HTTP status error.
    let (error, _requests) =
        failing_call_to_raw_server("200 OK", "text/html", "<html><body>Login</body></html>").await;
    assert!(matches!(error, Error::Decode(_)), "{error:?}");

    // The wrong body element.
    let wrong = BAD_VALUE
        .replace("SessionIsValidResponse", "GetMailboxesResponse")
        .replace("<Response>maybe</Response>", "");
    let (error, _requests) =
        failing_call_to_raw_server("200 OK", "text/xml; charset=utf-8", &wrong).await;
    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert_eq!(
        decode.path(),
        "/Envelope/Body/GetMailboxesResponse",
        "{decode}"
    );
}

// The cause of each error is reachable through anyhow, as an application reports it.
#[tokio::test]
async fn anyhow_reaches_the_cause_of_transport_and_decode_errors() {
    let transport = closed_port_client()
        .session_is_valid(session_is_valid("ok"))
        .await
        .unwrap_err();
    let report = anyhow::Error::new(transport).context("validating the session");
    let refused = report
        .chain()
        .find_map(|e| e.downcast_ref::<std::io::Error>())
        .unwrap_or_else(|| panic!("no io::Error in {report:?}"));
    assert_eq!(refused.kind(), std::io::ErrorKind::ConnectionRefused);
    let error = report.downcast_ref::<Error>().expect("the runtime's error");
    assert_eq!(
        error.transport().map(|t| t.kind()),
        Some(TransportErrorKind::Connect)
    );
    let text = format!("{report:#}");
    assert!(
        text.starts_with("validating the session: transport: cannot connect to 127.0.0.1:"),
        "{text}"
    );
    assert!(text.ends_with(&refused.to_string()), "{text}");

    let malformed = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><SessionIsValidResponse xmlns="http://www.superoffice.net/ws/crm/NetServer/Services87"><Response>tr<!x>ue</Response></SessionIsValidResponse></s:Body></s:Envelope>"#;
    let (decode, _requests) = failing_call_to_raw_server("200 OK", "text/xml", malformed).await;
    let Error::Decode(inner) = &decode else {
        panic!("expected a decode error, got {decode:?}");
    };
    assert_eq!(
        inner.path(),
        "/Envelope/Body/SessionIsValidResponse/Response"
    );
    let report = anyhow::Error::new(decode);
    assert!(
        report
            .chain()
            .any(|e| e.downcast_ref::<quick_xml::Error>().is_some()),
        "no quick-xml error in {report:?}"
    );
    let text = format!("{report:#}");
    assert!(text.contains("malformed XML"), "{text}");
    assert!(
        text.len() > report.to_string().len(),
        "the cause is printed after the message: {text}"
    );
}

/// The causes in `error`'s `source()` chain whose message an outer error's `Display` already
/// shows: the error reports them twice to anything that prints the chain (`anyhow`'s `{:#}`,
/// `eyre`, `tracing`'s error formatting). The Rust API guidelines on errors: an error should
/// either return its cause from `source()` or include the cause's message, never both.
fn repeated_causes(error: &(dyn std::error::Error + 'static)) -> Vec<String> {
    let mut shown = error.to_string();
    let mut repeated = Vec::new();
    let mut cause = error.source();
    while let Some(current) = cause {
        let text = current.to_string();
        if shown.contains(&text) {
            repeated.push(text.clone());
        }
        shown.push_str(": ");
        shown.push_str(&text);
        cause = current.source();
    }
    repeated
}

// Errors print each cause once when their `source()` chain is printed.
#[tokio::test]
async fn error_chains_do_not_repeat_their_causes() {
    let transport = closed_port_client()
        .session_is_valid(session_is_valid("ok"))
        .await
        .unwrap_err();
    assert!(matches!(transport, Error::Transport(_)), "{transport:?}");
    let (decode, _requests) = failing_call_to_raw_server("200 OK", "text/xml", BAD_VALUE).await;
    assert!(matches!(decode, Error::Decode(_)), "{decode:?}");
    let mut report = String::new();
    for error in [&transport, &decode] {
        let repeated = repeated_causes(error);
        if !repeated.is_empty() {
            report.push_str(&format!("\n{error}\n  repeats its causes {repeated:#?}"));
        }
    }
    assert!(
        report.is_empty(),
        "errors that print their causes twice:{report}"
    );
}

// 10a. Redaction hides text values only: by element name, and by `Type/element` path as
// `wsdl/services.toml` configures.
#[test]
fn redaction_hides_text_values_by_name_and_by_configured_path() {
    // `UseStoredPassword` ends with a redacted name, but a flag is no secret.
    let test = cs::TestSmtpServer {
        use_stored_password: Some(true),
        ..Default::default()
    };
    let debug = format!("{test:?}");
    assert!(debug.contains("use_stored_password: Some(true)"), "{debug}");

    // A dictionary of text under a redacted name stays hidden.
    let generic = sp::AuthenticateGeneric {
        authentication_data: Some(vec![("pin".to_owned(), Some(PASSWORD.to_owned()))]),
    };
    let debug = format!("{generic:?}");
    assert_no_secrets(&debug, "AuthenticateGeneric");
    assert!(
        debug.contains("authentication_data: Some(<redacted>)"),
        "{debug}"
    );

    // `Credential/Value` is configured by path; its neighbours show.
    let credential = superoffice_services87::user::Credential {
        value: Some(PASSWORD.to_owned()),
        display_value: Some("alice (password)".to_owned()),
        ..Default::default()
    };
    let debug = format!("{credential:?}");
    assert_no_secrets(&debug, "Credential");
    assert!(
        debug.contains("value: Some(<redacted>)") && debug.contains("alice (password)"),
        "{debug}"
    );
}

// 10b. Secrets stay out of `Debug` output and errors.
#[tokio::test]
async fn secrets_are_redacted_in_debug_output_and_errors() {
    let headers = secret_headers();
    let debug = format!("{headers:?}");
    assert_no_secrets(&debug, "request headers");
    assert!(
        debug.contains("application_token: Some(<redacted>)"),
        "{debug}"
    );
    assert!(debug.contains("ticket: Some(<redacted>)"), "{debug}");
    let debug = format!(
        "{:#?}",
        Request::with_headers(cs::SessionIsValid::default(), headers.clone())
    );
    assert_no_secrets(&debug, "a request");

    let authenticate = sp::AuthenticateUsernamePassword {
        user_name: Some("alice".to_owned()),
        password: Some(PASSWORD.to_owned()),
    };
    let debug = format!("{authenticate:?}");
    assert_no_secrets(&debug, "AuthenticateUsernamePassword");
    assert!(
        debug.contains("alice") && debug.contains("<redacted>"),
        "{debug}"
    );
    let debug = format!(
        "{:?}",
        SoCredentials {
            ticket: Some(TICKET.to_owned()),
        }
    );
    assert_no_secrets(&debug, "SoCredentials");
    let response = sp::AuthenticateResponse {
        credentials: Some(SoCredentials {
            ticket: Some(TICKET.to_owned()),
        }),
        ..Default::default()
    };
    assert_no_secrets(&format!("{response:?}"), "AuthenticateResponse");

    let server = cs_server(ServerConfig::default()).await;
    let client = cs_client(&server).with_default_headers(headers);
    let debug = format!("{client:?}");
    assert_no_secrets(&debug, "a client with default headers");
    assert!(debug.contains(CS_PATH), "{debug}");
    assert_no_secrets(
        &format!("{:?}", principal_client(&server)),
        "a SoPrincipal client",
    );

    // Errors produced while the secrets were set: each kind.
    let mut errors = Vec::new();
    for key in ["db", "fault", "service"] {
        errors.push(
            client
                .session_is_valid(session_is_valid(key))
                .await
                .unwrap_err(),
        );
    }
    let closed = closed_port_client().with_default_headers(secret_headers());
    errors.push(
        closed
            .session_is_valid(session_is_valid("ok"))
            .await
            .unwrap_err(),
    );
    errors.push(
        principal_client(&server)
            .authenticate_username_password(Request::new(authenticate.clone()))
            .await
            .unwrap_err(),
    );
    for error in &errors {
        assert_no_secrets(&format!("{error:?}"), "an error's Debug");
        assert_no_secrets(&error.to_string(), "an error's Display");
    }
    assert!(
        matches!(errors[0], Error::Fault(_)) && matches!(errors[3], Error::Transport(_)),
        "{errors:?}"
    );
    server.shutdown().await;
}

/// A `MakeWriter` that appends everything to a shared buffer.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Capture {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Capture {
    type Writer = Capture;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// Installs, for the current thread, a subscriber writing every event and span (TRACE level,
/// span events included) into the returned buffer; the guard uninstalls it.
fn capture_traces() -> (
    Capture,
    (tracing::Dispatch, tracing::subscriber::DefaultGuard),
) {
    let capture = Capture::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::FULL)
        .with_ansi(false)
        .with_writer(capture.clone())
        .finish();
    // tracing-core caches each call-site's interest globally; with a single registered
    // dispatcher it computes that interest from the default of whichever thread reaches the
    // call-site first, so a test running in parallel without a subscriber would switch these
    // call-sites off for good. A second live dispatcher makes it ask every dispatcher instead.
    let second = tracing::Dispatch::new(tracing::subscriber::NoSubscriber::default());
    let guard = tracing::subscriber::set_default(subscriber);
    (capture, (second, guard))
}

// 10b. Logs at TRACE level record the calls but never the secrets, on either side.
#[tokio::test]
async fn tracing_records_calls_but_never_secrets() {
    // The test runs on a current-thread runtime: the servers' tasks run under this guard too.
    let (capture, _guard) = capture_traces();

    let cs_server = cs_server(ServerConfig::default()).await;
    let sp_server = serve(
        sp::SoPrincipalServer::new(Principal),
        ServerConfig::default(),
    )
    .await;
    let principal = principal_client(&sp_server);
    // Other tests run in parallel threads without a subscriber; one of them may have cached
    // "never interested" for a call-site while this subscriber was being installed.
    tracing::callsite::rebuild_interest_cache();

    // A successful authentication (the response carries the ticket) and a failing one.
    let response = principal
        .authenticate_username_password(Request::new(sp::AuthenticateUsernamePassword {
            user_name: Some("alice".to_owned()),
            password: Some(PASSWORD.to_owned()),
        }))
        .await
        .unwrap();
    let ticket = response
        .body()
        .credentials
        .as_ref()
        .and_then(|c| c.ticket.clone());
    assert_eq!(ticket.as_deref(), Some(TICKET));
    let error = principal
        .authenticate_username_password(Request::new(sp::AuthenticateUsernamePassword {
            user_name: Some("mallory".to_owned()),
            password: Some(PASSWORD.to_owned()),
        }))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Service(_)), "{error:?}");

    // A successful SessionIsValid with the secrets in the headers, and failing ones.
    let client = cs_client(&cs_server).with_default_headers(secret_headers());
    let response = client
        .session_is_valid(session_is_valid("ok"))
        .await
        .unwrap();
    assert_eq!(response.body().response, Some(true));
    for key in ["db", "fault", "service"] {
        client
            .session_is_valid(session_is_valid(key))
            .await
            .unwrap_err();
    }
    // A request the server cannot decode.
    let secret_request = VALID_REQUEST
        .replace(">ok<", &format!(">{TICKET}<"))
        .replace("</SessionIsValid>", "<b>");
    let raw = send_session_is_valid(&cs_server.url(CS_PATH), &secret_request).await;
    assert_eq!(raw.status(), 500);
    let cs_url = cs_server.url(CS_PATH);
    cs_server.shutdown().await;
    sp_server.shutdown().await;

    let logs = capture.text();
    assert_no_secrets(&logs, "the logs");
    assert!(logs.contains("soap_call"), "{logs}");
    assert!(
        logs.contains("operation=\"AuthenticateUsernamePassword\""),
        "{logs}"
    );
    assert!(logs.contains("operation=\"SessionIsValid\""), "{logs}");
    assert!(logs.contains("status=200"), "{logs}");
    assert!(logs.contains("status=500"), "{logs}");
    assert!(logs.contains("SOAP call failed"), "{logs}");
    assert!(logs.contains("db down"), "the failure is logged: {logs}");
    assert!(logs.contains(&format!("endpoint={cs_url}")), "{logs}");
    assert!(logs.contains("duration_ms="), "{logs}");
}

// 10c. The server side records a span per call too, without the secrets.
#[tokio::test]
async fn server_records_a_span_per_call_without_secrets() {
    let (capture, _guard) = capture_traces();
    let server = cs_server(ServerConfig::default()).await;
    tracing::callsite::rebuild_interest_cache();
    // Raw requests, so that no client span is involved; both carry the secrets in headers.
    let url = server.url(CS_PATH);
    let headers = format!(
        "<s:Header><ApplicationToken xmlns=\"{ns}\">{APP_TOKEN}</ApplicationToken><Credentials xmlns=\"{ns}\"><Ticket>{TICKET}</Ticket></Credentials></s:Header><s:Body>",
        ns = superoffice_services87::namespaces::SERVICES87
    );
    let ok = VALID_REQUEST.replace("<s:Body>", &headers);
    let response = send_session_is_valid(&url, &ok).await;
    assert_eq!(response.status(), 200);
    let body = String::from_utf8_lossy(response.body()).into_owned();
    assert!(body.contains("Response>true</"), "{body}");
    let failing = ok.replace(">ok<", ">db<");
    let response = send_session_is_valid(&url, &failing).await;
    assert_eq!(response.status(), 500);
    server.shutdown().await;

    let logs = capture.text();
    assert_no_secrets(&logs, "the server's logs");
    assert!(
        logs.contains("SessionIsValid"),
        "the server logged no span or event naming the operation it served \
         (soap_runtime::server::handle / IncomingCall::handle emit no tracing at all):\n{logs}"
    );
}
