//! Secrets stay out of `Debug` output, error messages and `tracing` logs.

use super::*;

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

// 10d. An internal error of the implementation reaches the caller only as an error id; the
// server's error event carries the same id and the detail.
#[tokio::test]
async fn internal_errors_reach_the_caller_as_an_id_that_the_log_explains() {
    let (capture, _guard) = capture_traces();
    let server = cs_server(ServerConfig::default()).await;
    let error = cs_client(&server)
        .session_is_valid(session_is_valid("db"))
        .await
        .unwrap_err();
    server.shutdown().await;
    let Error::Fault(fault) = &error else {
        panic!("expected a fault, got {error:?}")
    };
    let id = fault
        .reason
        .strip_prefix("the server failed to handle the call (error id ")
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or_else(|| panic!("no error id in {:?}", fault.reason));
    assert!(!fault.reason.contains("db down"), "{}", fault.reason);
    let logs = capture.text();
    let event = logs
        .lines()
        .find(|line| line.contains(&format!("error_id={id}")))
        .unwrap_or_else(|| panic!("no event with error id {id}:\n{logs}"));
    assert!(event.contains("ERROR"), "{event}");
    assert!(event.contains("db down"), "{event}");
    assert!(event.contains("SessionIsValid"), "{event}");
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
