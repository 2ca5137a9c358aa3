//! SOAP 1.1 and 1.2 on the wire: the version of requests, answers and faults, the
//! SOAP action, routing by body element.

use super::*;

/// A raw SOAP 1.2 request (action in the content type) is answered in SOAP 1.2: content type
/// `application/soap+xml`, the SOAP 1.2 envelope namespace, headers and body as for SOAP 1.1.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn soap12_request_is_answered_in_soap12() {
    let server = serve_cs(Echo::default()).await;
    let xml = soap12_envelope(
        &cs_header_xml("raw-app", "raw &amp; ticket"),
        &session_is_valid_xml("key-9"),
    );
    let response = post(
        &server.url(CS_PATH),
        &[(
            "content-type",
            &soap12_content_type(cs::SESSION_IS_VALID.soap_action),
        )],
        xml,
    )
    .await;
    let body = response.body();
    assert_eq!(response.status(), http::StatusCode::OK, "{}", text(body));
    assert_eq!(
        content_type(&response),
        "application/soap+xml; charset=utf-8"
    );
    assert_eq!(root_name(body), format!("{{{SOAP12_ENV_NS}}}Envelope"));
    assert!(
        free_of_soap11_namespace(body),
        "SOAP 1.1 namespace in a SOAP 1.2 reply: {}",
        text(body)
    );
    let envelope: Envelope<cs::CustomerServiceResponseHeaders, cs::SessionIsValidResponse> =
        decode(&cs::SESSION_IS_VALID, body);
    assert_eq!(envelope.version, SoapVersion::Soap12);
    assert_eq!(
        extra(&envelope.headers),
        [
            pair("key", "key-9"),
            pair("ticket", "raw & ticket"),
            pair("token", "raw-app")
        ]
    );
    assert_eq!(element(envelope.body).response, Some(true));
    server.shutdown().await;
}

/// The runtime client speaks SOAP 1.2 when an operation's binding says so: it sends
/// `application/soap+xml` with the action parameter and no `SOAPAction`, and reads the
/// SOAP 1.2 reply.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn soap12_client_call_is_answered_in_soap12() {
    let server = serve_cs(Echo::default()).await;
    let op = OperationInfo {
        soap_version: SoapVersion::Soap12,
        ..cs::GET_PROGRAM_URL
    };
    let transport = Recording::new(HttpTransport::new().unwrap());
    let client = Client::new(server.url(CS_PATH), transport.clone());
    let mut request: CsRequest<_> = Request::new(cs::GetProgramUrl {
        program_name: Some("prog-12".to_owned()),
        external: Some(false),
    });
    request.headers_mut().application_token = Some("soap12-app".to_owned());
    let defaults = cs::CustomerServiceRequestHeaders {
        credentials: Some(SoCredentials {
            ticket: Some("soap12-ticket".to_owned()),
        }),
        ..Default::default()
    };
    let response: Response<cs::GetProgramUrlResponse, cs::CustomerServiceResponseHeaders> =
        client.call(&op, request, Some(&defaults)).await.unwrap();
    assert_eq!(
        response.body().response.as_deref(),
        Some("https://cs.example.test/prog-12?external=Some(false)&ticket=soap12-ticket")
    );
    assert_eq!(
        extra(response.headers()),
        [
            pair("program", "prog-12"),
            pair("ticket", "soap12-ticket"),
            pair("token", "soap12-app")
        ]
    );

    let seen = transport.seen();
    assert_eq!(seen.len(), 1);
    let sent = &seen[0];
    assert_eq!(sent.method, http::Method::POST);
    assert_eq!(
        sent.headers.get(http::header::CONTENT_TYPE).unwrap(),
        soap12_content_type(cs::GET_PROGRAM_URL.soap_action).as_str()
    );
    assert!(
        sent.headers.get("SOAPAction").is_none(),
        "{:?}",
        sent.headers
    );
    assert_eq!(
        root_name(&sent.body),
        format!("{{{SOAP12_ENV_NS}}}Envelope")
    );
    server.shutdown().await;
}

/// Without a SOAP action (no `SOAPAction` header, an empty one, or a SOAP 1.2 content type
/// without `action`), a request is routed by its body element; with one, the action decides.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_without_soap_action_are_routed_by_body_element() {
    let server = serve_cs(Echo::default()).await;
    let url = server.url(CS_PATH);
    let header = cs_header_xml("route-app", "route-ticket");
    let cases: [(&str, &[(&str, &str)]); 3] = [
        (
            "no SOAPAction",
            &[("content-type", "text/xml; charset=utf-8")],
        ),
        (
            "empty SOAPAction",
            &[
                ("content-type", "text/xml; charset=utf-8"),
                ("SOAPAction", "\"\""),
            ],
        ),
        (
            "SOAP 1.2 without action",
            &[("content-type", "application/soap+xml; charset=utf-8")],
        ),
    ];
    for (n, (case, headers)) in cases.into_iter().enumerate() {
        let soap12 = case.starts_with("SOAP 1.2");
        let program = format!("prog-{n}");
        let xml = if soap12 {
            soap12_envelope(&header, &get_program_url_xml(&program))
        } else {
            soap11_envelope(&header, &get_program_url_xml(&program))
        };
        let response = post(&url, headers, xml).await;
        let body = response.body();
        assert_eq!(
            response.status(),
            http::StatusCode::OK,
            "{case}: {}",
            text(body)
        );
        let (version, namespace, media) = if soap12 {
            (
                SoapVersion::Soap12,
                SOAP12_ENV_NS,
                "application/soap+xml; charset=utf-8",
            )
        } else {
            (
                SoapVersion::Soap11,
                SOAP11_ENV_NS,
                "text/xml; charset=utf-8",
            )
        };
        assert_eq!(content_type(&response), media, "{case}");
        assert_eq!(
            root_name(body),
            format!("{{{namespace}}}Envelope"),
            "{case}"
        );
        let envelope: Envelope<cs::CustomerServiceResponseHeaders, cs::GetProgramUrlResponse> =
            decode(&cs::GET_PROGRAM_URL, body);
        assert_eq!(envelope.version, version, "{case}");
        assert_eq!(
            extra(&envelope.headers),
            [
                pair("program", &program),
                pair("ticket", "route-ticket"),
                pair("token", "route-app")
            ],
            "{case}"
        );
        assert_eq!(
            element(envelope.body).response,
            Some(format!(
                "https://cs.example.test/{program}?external=Some(false)&ticket=route-ticket"
            )),
            "{case}"
        );
    }

    // The action wins over the body element: a GetProgramUrl body sent as SessionIsValid is a
    // malformed SessionIsValid request, the client's fault.
    let response = post(
        &url,
        &[
            ("content-type", "text/xml; charset=utf-8"),
            (
                "SOAPAction",
                &format!("\"{}\"", cs::SESSION_IS_VALID.soap_action),
            ),
        ],
        soap11_envelope(&header, &get_program_url_xml("prog-1")),
    )
    .await;
    assert_eq!(response.status(), http::StatusCode::INTERNAL_SERVER_ERROR);
    let envelope: Envelope<(), cs::SessionIsValidResponse> =
        decode(&cs::SESSION_IS_VALID, response.body());
    let fault = fault(envelope.body);
    assert_eq!(fault.code, QName::new(SOAP11_ENV_NS, "Client"), "{fault}");
    assert!(fault.reason.contains("SessionIsValid"), "{fault}");
    server.shutdown().await;

    // SoPrincipal too, for an operation whose response element it shares with three others:
    // a SOAP 1.2 AuthenticateUsernamePassword without action reaches the right method, which
    // checks body and header and answers in SOAP 1.2.
    let log = Log::default();
    let server = serve_sp(SpFake { log: log.clone() }).await;
    let token = values::SP_DEFAULT_TOKEN;
    let xml = soap12_envelope(
        &format!(r#"<ApplicationToken xmlns="{NS}">{token}</ApplicationToken>"#),
        &format!(
            r#"<AuthenticateUsernamePassword xmlns="{NS}"><UserName>{}</UserName><Password>p&lt;a&gt;ss &amp; "word'</Password></AuthenticateUsernamePassword>"#,
            values::USER_NAME
        ),
    );
    let response = post(
        &server.url(SP_PATH),
        &[("content-type", "application/soap+xml; charset=utf-8")],
        xml,
    )
    .await;
    let body = response.body();
    assert_eq!(response.status(), http::StatusCode::OK, "{}", text(body));
    assert_eq!(
        content_type(&response),
        "application/soap+xml; charset=utf-8"
    );
    let envelope: Envelope<sp::SoPrincipalResponseHeaders, sp::AuthenticateResponse> =
        decode(&sp::AUTHENTICATE_USERNAME_PASSWORD, body);
    assert_eq!(envelope.version, SoapVersion::Soap12);
    assert_eq!(
        envelope.headers,
        values::sp_response_headers("AuthenticateUsernamePassword")
    );
    assert_eq!(
        element(envelope.body),
        values::authenticate_username_password().1
    );
    assert!(log.mismatches().is_empty(), "{:?}", log.mismatches());
    assert_eq!(log.served(), ["AuthenticateUsernamePassword"]);
    server.shutdown().await;
}

/// Faults answering SOAP 1.2 requests are SOAP 1.2 faults with SOAP 1.2 codes (`Receiver`,
/// `Sender` in the SOAP 1.2 namespace) whatever produced them: the default "not implemented"
/// of the generated trait, an implementation's error, or a malformed request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn soap12_faults_carry_soap12_codes() {
    let server = serve_cs(Echo::default()).await;
    let url = server.url(CS_PATH);
    let header = cs_header_xml("fault-app", "fault-ticket");
    let cases = [
        (
            "unimplemented operation",
            cs::GET_MAILBOXES,
            format!(r#"<GetMailboxes xmlns="{NS}"/>"#),
            http::StatusCode::INTERNAL_SERVER_ERROR,
            "Receiver",
            "not implemented",
        ),
        (
            "implementation error",
            cs::SESSION_IS_VALID,
            session_is_valid_xml("not-a-key"),
            http::StatusCode::INTERNAL_SERVER_ERROR,
            "Receiver",
            "the server failed to handle the call (error id ",
        ),
        (
            "malformed request",
            cs::SESSION_IS_VALID,
            get_program_url_xml("prog-1"),
            http::StatusCode::BAD_REQUEST,
            "Sender",
            "SessionIsValid",
        ),
    ];
    let mut failures = Vec::new();
    for (case, op, body_xml, status, code, reason) in cases {
        let response = post(
            &url,
            &[("content-type", &soap12_content_type(op.soap_action))],
            soap12_envelope(&header, &body_xml),
        )
        .await;
        let body = response.body();
        assert_eq!(
            content_type(&response),
            "application/soap+xml; charset=utf-8",
            "{case}"
        );
        assert_eq!(
            root_name(body),
            format!("{{{SOAP12_ENV_NS}}}Envelope"),
            "{case}"
        );
        let envelope: Envelope<(), cs::GetMailboxesResponse> = decode(&op, body);
        assert_eq!(envelope.version, SoapVersion::Soap12, "{case}");
        let fault = fault(envelope.body);
        assert_eq!(fault.version, SoapVersion::Soap12, "{case}");
        assert!(fault.reason.contains(reason), "{case}: {fault}");
        if response.status() != status {
            failures.push(format!(
                "{case}: HTTP status {}, expected {status}",
                response.status()
            ));
        }
        if fault.code != QName::new(SOAP12_ENV_NS, code) {
            failures.push(format!(
                "{case}: fault code {{{}}}{}, expected {{{SOAP12_ENV_NS}}}{code}; reply: {}",
                fault.code.namespace,
                fault.code.local_name,
                text(body)
            ));
        }
        if !free_of_soap11_namespace(body) {
            failures.push(format!(
                "{case}: SOAP 1.1 namespace in a SOAP 1.2 reply: {}",
                text(body)
            ));
        }
    }
    server.shutdown().await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The generated client sends SOAP 1.1 for these bindings: POST to the endpoint,
/// `text/xml; charset=utf-8`, the operation's action quoted in `SOAPAction`, a SOAP 1.1
/// envelope whose body element is the operation's input element.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generated_client_sends_soap11_with_quoted_soap_action() {
    let log = Log::default();
    let server = serve_cs(CsFake { log: log.clone() }).await;
    let transport = Recording::new(HttpTransport::new().unwrap());
    let url = server.url(CS_PATH);
    let client = CsClient::with_transport(url.clone(), transport.clone())
        .with_default_headers(values::cs_default_headers());
    let called = call_every_cs_operation(&client).await;
    assert_clean(&log, cs::CUSTOMER_SERVICE_OPERATIONS);

    let seen = transport.seen();
    assert_eq!(seen.len(), called.len());
    for (sent, name) in seen.iter().zip(&called) {
        let op = cs::CUSTOMER_SERVICE_OPERATIONS
            .iter()
            .find(|op| op.name == *name)
            .unwrap();
        assert_eq!(sent.method, http::Method::POST, "{name}");
        assert_eq!(sent.uri, url, "{name}");
        assert_eq!(
            sent.headers.get(http::header::CONTENT_TYPE).unwrap(),
            "text/xml; charset=utf-8",
            "{name}"
        );
        assert_eq!(
            sent.headers.get("SOAPAction").unwrap().to_str().unwrap(),
            format!("\"{}\"", op.soap_action),
            "{name}"
        );
        let envelope = canonical::parse(&sent.body).unwrap();
        assert_eq!(
            envelope.name,
            format!("{{{SOAP11_ENV_NS}}}Envelope"),
            "{name}"
        );
        let body_element = envelope
            .child("Body")
            .and_then(|b| b.elements().next())
            .unwrap();
        assert_eq!(
            body_element.name,
            format!("{{{}}}{}", op.input.namespace, op.input.local_name),
            "{name}"
        );
        assert!(
            envelope.child("Header").is_some(),
            "{name}: no SOAP headers sent"
        );
    }
    server.shutdown().await;
}
