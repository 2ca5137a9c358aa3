//! Decode errors keep the element path; error chains print each cause once.

use super::*;

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
