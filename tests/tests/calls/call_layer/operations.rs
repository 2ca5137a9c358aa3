//! Every operation through the generated clients over HTTP and in-process; the fakes'
//! own checks.

use super::*;

/// All 33 operations through the generated clients over HTTP: the servers check every
/// request body and header, the test checks every response body and header.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_over_http() {
    let cs_log = Log::default();
    let sp_log = Log::default();
    let cs_server = serve_cs(CsFake {
        log: cs_log.clone(),
    })
    .await;
    let sp_server = serve_sp(SpFake {
        log: sp_log.clone(),
    })
    .await;
    let cs_client = cs_http_client(&cs_server);
    let sp_client = sp_http_client(&sp_server);

    let called = call_every_cs_operation(&cs_client).await;
    assert_eq!(called.len(), 28);
    assert_covers(called, cs::CUSTOMER_SERVICE_OPERATIONS);
    let called = call_every_sp_operation(&sp_client).await;
    assert_eq!(called.len(), 5);
    assert_covers(called, sp::SO_PRINCIPAL_OPERATIONS);

    // Per-call overrides did not change the defaults.
    assert!(*cs_client.default_headers() == values::cs_default_headers());
    assert!(*sp_client.default_headers() == values::sp_default_headers());

    assert_clean(&cs_log, cs::CUSTOMER_SERVICE_OPERATIONS);
    assert_clean(&sp_log, sp::SO_PRINCIPAL_OPERATIONS);
    cs_server.shutdown().await;
    sp_server.shutdown().await;
}

/// The fake's checks work: a request other than the expected one fails the call with a
/// Receiver fault naming the difference, and is recorded.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_request_fails_the_call_and_is_recorded() {
    let log = Log::default();
    let server = serve_cs(CsFake { log: log.clone() }).await;
    let client = cs_http_client(&server);
    // The body is right but SessionIsValid expects the overriding ticket, not the default.
    let (body, _) = values::session_is_valid();
    let error = client
        .session_is_valid(Request::new(body))
        .await
        .unwrap_err();
    let fault = error
        .fault()
        .unwrap_or_else(|| panic!("not a fault: {error}"));
    assert_eq!(fault.blame(), Some(FaultBlame::Receiver));
    assert!(fault.reason.contains("request headers"), "{}", fault.reason);
    assert!(
        fault.reason.contains("7T:ticket-for-one-call=="),
        "{}",
        fault.reason
    );
    let mismatches = log.mismatches();
    assert_eq!(mismatches.len(), 1, "{mismatches:?}");
    assert!(
        mismatches[0].starts_with("SessionIsValid: request headers"),
        "{mismatches:?}"
    );
    server.shutdown().await;
}

/// The fault of `over_http`, which must be one, and equal that of `in_process` (`what`).
#[track_caller]
fn same_fault<'a>(over_http: &'a Error, in_process: &Error, what: &str) -> &'a Fault {
    let fault = over_http
        .fault()
        .unwrap_or_else(|| panic!("not a fault: {over_http}"));
    assert_eq!(Some(fault), in_process.fault(), "{what}");
    fault
}

/// The in-process transport runs the same encode and decode paths: every operation passes the
/// same checks in-process, and responses and faults equal those over HTTP.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_process_transport_answers_like_http() {
    let cs_log = Log::default();
    let sp_log = Log::default();
    let cs_server = serve_cs(CsFake {
        log: Log::default(),
    })
    .await;
    let sp_server = serve_sp(SpFake {
        log: Log::default(),
    })
    .await;
    let cs_http = cs_http_client(&cs_server);
    let sp_http = sp_http_client(&sp_server);
    let cs_local = CsClient::with_transport(
        "inproc://customer-service",
        InProcessTransport::new(cs::CustomerServiceServer::new(CsFake {
            log: cs_log.clone(),
        })),
    )
    .with_default_headers(values::cs_default_headers());
    let sp_local = SpClient::with_transport(
        "inproc://so-principal",
        InProcessTransport::new(sp::SoPrincipalServer::new(SpFake {
            log: sp_log.clone(),
        })),
    )
    .with_default_headers(values::sp_default_headers());

    assert_covers(
        call_every_cs_operation(&cs_local).await,
        cs::CUSTOMER_SERVICE_OPERATIONS,
    );
    assert_covers(
        call_every_sp_operation(&sp_local).await,
        sp::SO_PRINCIPAL_OPERATIONS,
    );
    assert_clean(&cs_log, cs::CUSTOMER_SERVICE_OPERATIONS);
    assert_clean(&sp_log, sp::SO_PRINCIPAL_OPERATIONS);

    // Response by response, both transports give equal bodies and headers.
    let mut compared = Vec::new();
    macro_rules! same {
        ($http:expr, $local:expr, $override:path, $method:ident, $op:path, $fixture:ident) => {{
            let mut over_http = Request::new(values::$fixture().0);
            $override($op.name, over_http.headers_mut());
            let mut in_process = Request::new(values::$fixture().0);
            $override($op.name, in_process.headers_mut());
            let over_http = $http.$method(over_http).await.unwrap();
            let in_process = $local.$method(in_process).await.unwrap();
            assert_eq!(over_http.body(), in_process.body(), "{}: bodies", $op.name);
            assert_eq!(
                over_http.headers(),
                in_process.headers(),
                "{}: headers",
                $op.name
            );
            assert!(over_http.headers().extra_info.is_some(), "{}", $op.name);
            compared.push($op.name);
        }};
    }
    let ovr = values::cs_override;
    same!(
        cs_http,
        cs_local,
        ovr,
        session_is_valid,
        cs::SESSION_IS_VALID,
        session_is_valid
    );
    same!(
        cs_http,
        cs_local,
        ovr,
        get_statistics,
        cs::GET_STATISTICS,
        get_statistics
    );
    same!(
        cs_http,
        cs_local,
        ovr,
        get_all_customer_center_configs,
        cs::GET_ALL_CUSTOMER_CENTER_CONFIGS,
        get_all_customer_center_configs
    );
    same!(
        cs_http,
        cs_local,
        ovr,
        execute_event_handlers,
        cs::EXECUTE_EVENT_HANDLERS,
        execute_event_handlers
    );
    same!(
        cs_http,
        cs_local,
        ovr,
        find_tickets_by_title_or_id,
        cs::FIND_TICKETS_BY_TITLE_OR_ID,
        find_tickets_by_title_or_id
    );
    same!(
        cs_http,
        cs_local,
        ovr,
        get_sms_config,
        cs::GET_SMS_CONFIG,
        get_sms_config
    );
    let ovr = values::sp_override;
    same!(
        sp_http,
        sp_local,
        ovr,
        get_system_info,
        sp::GET_SYSTEM_INFO,
        get_system_info
    );
    same!(
        sp_http,
        sp_local,
        ovr,
        authenticate_generic,
        sp::AUTHENTICATE_GENERIC,
        authenticate_generic
    );
    same!(
        sp_http,
        sp_local,
        ovr,
        authenticate_with_access_token,
        sp::AUTHENTICATE_WITH_ACCESS_TOKEN,
        authenticate_with_access_token
    );
    assert_eq!(compared.len(), 9);

    // Faults are the same too: an operation the implementation lacks ...
    let nothing_server = serve_cs(Nothing).await;
    let nothing_http = CsClient::new(nothing_server.url(CS_PATH)).unwrap();
    let nothing_local = CsClient::with_transport(
        "inproc:",
        InProcessTransport::new(cs::CustomerServiceServer::new(Nothing)),
    );
    let over_http = nothing_http
        .get_mailboxes(Request::new(cs::GetMailboxes {}))
        .await
        .unwrap_err();
    let in_process = nothing_local
        .get_mailboxes(Request::new(cs::GetMailboxes {}))
        .await
        .unwrap_err();
    let fault = same_fault(
        &over_http,
        &in_process,
        "faults of an unimplemented operation",
    );
    assert_eq!(fault.version, SoapVersion::Soap11);
    assert_eq!(fault.code, QName::new(SOAP11_ENV_NS, "Server"));
    assert!(fault.reason.contains("GetMailboxes"), "{}", fault.reason);
    assert!(fault.reason.contains("not implemented"), "{}", fault.reason);

    // ... and an implementation's error (the fake refusing an unexpected request).
    let (mut body, _) = values::remove_session();
    body.login_id = Some(12345);
    let over_http = cs_http
        .remove_session(Request::new(body.clone()))
        .await
        .unwrap_err();
    let in_process = cs_local
        .remove_session(Request::new(body))
        .await
        .unwrap_err();
    let fault = same_fault(&over_http, &in_process, "faults of a failed implementation");
    assert_eq!(fault.code, QName::new(SOAP11_ENV_NS, "Server"));
    assert!(fault.reason.contains("Some(12345)"), "{}", fault.reason);

    cs_server.shutdown().await;
    sp_server.shutdown().await;
    nothing_server.shutdown().await;
}
