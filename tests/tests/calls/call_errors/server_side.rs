//! What the server answers to oversized, misrouted and malformed requests and to failing
//! or missing implementations; it keeps serving.

use super::*;

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

// 9. An implementation error: a Server fault that says only that the call failed, with an
// error id (the detail stays in the server's log: `secrets.rs`, 10d).
#[tokio::test]
async fn implementation_error_is_a_server_fault_with_status_500() {
    let (server, error) = failing_scripted_call("db").await;
    let fault = expect_fault(&error);
    assert_eq!(fault.code, QName::new(SOAP11_ENV_NS, "Server"));
    assert_eq!(fault.blame(), Some(FaultBlame::Receiver));
    assert!(
        fault
            .reason
            .starts_with("the server failed to handle the call (error id "),
        "{}",
        fault.reason
    );
    assert!(!fault.reason.contains("db down"), "{}", fault.reason);
    // The status, seen through the transport.
    let request = VALID_REQUEST.replace(">ok<", ">db<");
    let response = send_session_is_valid(&server.url(CS_PATH), &request).await;
    assert_eq!(response.status(), 500);
    let raw = fault_of(&response);
    assert_eq!((&raw.code, raw.blame()), (&fault.code, fault.blame()));
    assert!(raw.reason.contains("(error id "), "{}", raw.reason);
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
