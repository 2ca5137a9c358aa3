//! The services, clients, raw servers and raw requests the error tests share: a
//! `CustomerService` scripted to fail in every way, a `SoPrincipal`, and hand-written HTTP.

use super::*;

/// A `CustomerService` whose `SessionIsValid` behaves according to the session key it gets.
pub(super) struct Scripted;

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
pub(super) struct Principal;

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
pub(super) fn custom_fault() -> Fault {
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
pub(super) fn exception_info() -> SoExceptionInfo {
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

pub(super) fn session_is_valid(
    key: &str,
) -> Request<cs::SessionIsValid, cs::CustomerServiceRequestHeaders> {
    Request::new(cs::SessionIsValid {
        cs_session_key: Some(key.to_owned()),
    })
}

pub(super) fn secret_headers() -> cs::CustomerServiceRequestHeaders {
    cs::CustomerServiceRequestHeaders {
        application_token: Some(APP_TOKEN.to_owned()),
        credentials: Some(SoCredentials {
            ticket: Some(TICKET.to_owned()),
        }),
        time_zone: None,
    }
}

pub(super) async fn cs_server(config: ServerConfig) -> HttpServer {
    serve(cs::CustomerServiceServer::new(Scripted), config).await
}

/// A server configuration that refuses bodies over 1,024 bytes.
pub(super) fn small_body_limit() -> ServerConfig {
    ServerConfig {
        max_body_size: 1024,
        ..ServerConfig::default()
    }
}

pub(super) fn cs_client(server: &HttpServer) -> cs::CustomerServiceClient {
    cs::CustomerServiceClient::new(server.url(CS_PATH)).unwrap()
}

/// A client of a port nothing listens on.
pub(super) fn closed_port_client() -> cs::CustomerServiceClient {
    cs::CustomerServiceClient::new(format!("http://127.0.0.1:{}{CS_PATH}", closed_port())).unwrap()
}

/// A `SoPrincipal` client of `server` with the secret application token.
pub(super) fn principal_client(server: &HttpServer) -> sp::SoPrincipalClient {
    let mut client = sp::SoPrincipalClient::new(server.url(SP_PATH)).unwrap();
    client.default_headers_mut().application_token = Some(APP_TOKEN.to_owned());
    client
}

/// Calls `SessionIsValid` with `key` on a new `Scripted` server; returns the server and the
/// error the call must end in.
pub(super) async fn failing_scripted_call(key: &str) -> (HttpServer, Error) {
    let server = cs_server(ServerConfig::default()).await;
    let error = cs_client(&server)
        .session_is_valid(session_is_valid(key))
        .await
        .unwrap_err();
    (server, error)
}

/// Checks that a normal call succeeds, i.e. that the server still serves.
pub(super) async fn assert_still_serving(server: &HttpServer) {
    let client = cs_client(server).with_default_headers(secret_headers());
    let response = client
        .session_is_valid(session_is_valid("ok"))
        .await
        .unwrap();
    assert_eq!(response.body().response, Some(true));
}

pub(super) fn assert_no_secrets(text: &str, what: &str) {
    for secret in SECRETS {
        assert!(
            !text.contains(secret),
            "{what} contains the secret {secret:?}: {text}"
        );
    }
}

/// The first child element of `xml` named `local`.
pub(super) fn child<'a>(xml: &'a AnyXml, local: &str) -> &'a AnyElement {
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
pub(super) async fn raw_server(
    response: Vec<u8>,
) -> (String, tokio::sync::mpsc::UnboundedReceiver<String>) {
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

pub(super) fn http_response(status_line: &str, content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status_line}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Calls `SessionIsValid` on a raw server answering every request with `status_line`,
/// `content_type` and `body`; returns the error the call must end in, and the requests the
/// server got.
pub(super) async fn failing_call_to_raw_server(
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
pub(super) fn expect_fault(error: &Error) -> &Fault {
    error
        .fault()
        .unwrap_or_else(|| panic!("expected a fault, got {error:?}"))
}

/// A raw SOAP request to the CustomerService server, sent through `HttpTransport::send`.
pub(super) async fn send_raw(
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
pub(super) async fn send_session_is_valid(url: &str, body: &str) -> http::Response<Bytes> {
    let action = format!("\"{}\"", cs::SESSION_IS_VALID.soap_action);
    send_raw(url, "text/xml; charset=utf-8", Some(&action), body).await
}

/// The fault in a server's raw answer.
pub(super) fn fault_of(response: &http::Response<Bytes>) -> Fault {
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
pub(super) const BAD_VALUE: &str = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><SessionIsValidResponse xmlns="http://www.superoffice.net/ws/crm/NetServer/Services87"><Response>maybe</Response></SessionIsValidResponse></s:Body></s:Envelope>"#;

pub(super) const VALID_REQUEST: &str = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><SessionIsValid xmlns="http://www.superoffice.net/ws/crm/NetServer/Services87"><CsSessionKey>ok</CsSessionKey></SessionIsValid></s:Body></s:Envelope>"#;
