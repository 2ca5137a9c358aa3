//! What the client reports: transport failures, HTTP errors without a SOAP body, SOAP 1.1
//! and 1.2 faults, service-reported failures.

use super::*;

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
