//! Bad input gives a clear error naming what and where, and never panics, hangs or
//! recurses without bound.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use soap_runtime::codec::from_xml;
use soap_runtime::xml::DecodeErrorKind;
use superoffice_services87::common::SoExceptionInfo;
use superoffice_services87::customer_service as cs;

const NS: &str = "http://www.superoffice.net/ws/crm/NetServer/Services87";

#[test]
fn doctype_is_refused() {
    let xml = format!(
        r#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><SessionIsValid xmlns="{NS}"><CsSessionKey>&b;</CsSessionKey></SessionIsValid>"#
    );
    let error = from_xml::<cs::SessionIsValid>(xml.as_bytes()).unwrap_err();
    assert_eq!(error.kind(), &DecodeErrorKind::DocType);
    assert!(error.to_string().contains("DOCTYPE"), "{error}");
}

#[test]
fn truncated_document_is_an_error() {
    let xml = format!(
        r#"<GetMailboxesResponse xmlns="{NS}"><Response><Mailbox><Address>a</Address></Mailbox><Mailbox><Addr"#
    );
    for cut in [xml.len(), xml.len() - 5, 30] {
        let error = from_xml::<cs::GetMailboxesResponse>(&xml.as_bytes()[..cut]).unwrap_err();
        assert!(
            matches!(
                error.kind(),
                DecodeErrorKind::UnexpectedEof
                    | DecodeErrorKind::Syntax(_)
                    | DecodeErrorKind::Parse(_)
            ),
            "cut at {cut}: {error}"
        );
        assert!(error.position().is_some());
    }
}

#[test]
fn text_in_an_int_field_names_the_element_path() {
    let xml = format!(r#"<RemoveSession xmlns="{NS}"><LoginId>abc</LoginId></RemoveSession>"#);
    let error = from_xml::<cs::RemoveSession>(xml.as_bytes()).unwrap_err();
    assert_eq!(error.path(), "/RemoveSession/LoginId");
    let DecodeErrorKind::InvalidValue {
        expected, found, ..
    } = error.kind()
    else {
        panic!("wrong kind: {error}");
    };
    assert_eq!((*expected, found.as_str()), ("xs:int", "abc"));
    let message = error.to_string();
    assert!(
        message.contains("expected xs:int, found \"abc\""),
        "{message}"
    );
    assert!(message.contains("/RemoveSession/LoginId"), "{message}");
    assert!(message.contains("line 1"), "{message}");
}

#[test]
fn value_errors_keep_the_parser_error_as_their_source() {
    use std::error::Error as _;
    // Out of range for xs:int: the reason says so, the source is Rust's parse error.
    let xml =
        format!(r#"<RemoveSession xmlns="{NS}"><LoginId>99999999999</LoginId></RemoveSession>"#);
    let error = from_xml::<cs::RemoveSession>(xml.as_bytes()).unwrap_err();
    assert_eq!(error.path(), "/RemoveSession/LoginId");
    assert!(error.to_string().contains("out of range"), "{error}");
    let source = error.source().expect("the parser's error");
    let parse = source
        .downcast_ref::<std::num::ParseIntError>()
        .unwrap_or_else(|| panic!("expected a ParseIntError, got {source:?}"));
    assert_eq!(*parse.kind(), std::num::IntErrorKind::PosOverflow);
    assert!(
        !error.to_string().contains(&parse.to_string()),
        "the message repeats its source: {error}"
    );
    // Text that is no number at all is the runtime's own finding: no source.
    let xml = format!(r#"<RemoveSession xmlns="{NS}"><LoginId>abc</LoginId></RemoveSession>"#);
    let error = from_xml::<cs::RemoveSession>(xml.as_bytes()).unwrap_err();
    assert!(error.source().is_none(), "{:?}", error.source());
}

#[test]
fn malformed_xml_keeps_quick_xml_error_as_its_source() {
    use std::error::Error as _;
    let xml =
        format!(r#"<RemoveSession xmlns="{NS}"><LoginId a="1" a="2">1</LoginId></RemoveSession>"#);
    let error = from_xml::<cs::RemoveSession>(xml.as_bytes()).unwrap_err();
    assert!(
        matches!(error.kind(), DecodeErrorKind::Parse(_)),
        "wrong kind: {error}"
    );
    assert!(error.to_string().contains("malformed XML"), "{error}");
    assert!(error.to_string().contains("line 1"), "{error}");
    let source = error.source().expect("quick-xml's error");
    assert!(
        source
            .downcast_ref::<quick_xml::events::attributes::AttrError>()
            .is_some(),
        "expected quick-xml's attribute error, got {source:?}"
    );
    // A mismatched end tag: quick-xml's error, at the element where it was found.
    let xml = format!(r#"<RemoveSession xmlns="{NS}"><LoginId>1</Login></RemoveSession>"#);
    let error = from_xml::<cs::RemoveSession>(xml.as_bytes()).unwrap_err();
    let source = error.source().map(|s| s.to_string()).unwrap_or_default();
    assert!(
        matches!(
            error.kind(),
            DecodeErrorKind::Parse(_) | DecodeErrorKind::Syntax(_)
        ),
        "wrong kind: {error}"
    );
    assert!(
        error.to_string().contains("Login") || source.contains("Login"),
        "neither the message nor its source names the tag: {error}: {source}"
    );
}

#[test]
fn bad_value_deep_in_an_array_names_the_item() {
    let xml = format!(
        r#"<GetMailboxesResponse xmlns="{NS}"><Response><Mailbox/><Mailbox/><Mailbox><MailInFilterId>9999999999</MailInFilterId></Mailbox></Response></GetMailboxesResponse>"#
    );
    let error = from_xml::<cs::GetMailboxesResponse>(xml.as_bytes()).unwrap_err();
    assert_eq!(
        error.path(),
        "/GetMailboxesResponse/Response/Mailbox[3]/MailInFilterId"
    );
    assert!(error.to_string().contains("out of range"), "{error}");
}

#[test]
fn ten_thousand_nested_elements_hit_the_depth_limit() {
    let depth = 10_000;
    let unknown = format!(
        r#"<GetMailboxes xmlns="{NS}">{}{}</GetMailboxes>"#,
        "<x>".repeat(depth),
        "</x>".repeat(depth)
    );
    let error = from_xml::<cs::GetMailboxes>(unknown.as_bytes()).unwrap_err();
    assert_eq!(error.kind(), &DecodeErrorKind::TooDeep { limit: 128 });

    let recursive = format!(
        r#"<ExceptionInfo xmlns="{NS}">{}{}</ExceptionInfo>"#,
        "<InnerException>".repeat(depth),
        "</InnerException>".repeat(depth)
    );
    let error = soap_runtime::codec::from_xml_as::<SoExceptionInfo>(
        recursive.as_bytes(),
        NS,
        "ExceptionInfo",
    )
    .unwrap_err();
    assert_eq!(error.kind(), &DecodeErrorKind::TooDeep { limit: 128 });
    assert!(
        error
            .path()
            .starts_with("/ExceptionInfo/InnerException/InnerException")
    );
}

#[test]
fn invalid_utf8_is_an_error_with_its_position() {
    let mut xml = format!(r#"<SessionIsValid xmlns="{NS}"><CsSessionKey>ab"#).into_bytes();
    let at = xml.len();
    xml.extend_from_slice(b"\xC3\x28</CsSessionKey></SessionIsValid>");
    let error = from_xml::<cs::SessionIsValid>(&xml).unwrap_err();
    assert_eq!(error.kind(), &DecodeErrorKind::InvalidUtf8);
    assert_eq!(error.position().map(|p| p.byte), Some(at as u64));
}

#[test]
fn wrong_root_and_duplicates_are_errors() {
    let xml = format!(r#"<SessionIsValidResponse xmlns="{NS}"/>"#);
    let error = from_xml::<cs::SessionIsValid>(xml.as_bytes()).unwrap_err();
    assert!(
        matches!(error.kind(), DecodeErrorKind::UnexpectedElement { .. }),
        "{error}"
    );

    let xml = format!(
        r#"<RemoveSession xmlns="{NS}"><LoginId>1</LoginId><LoginId>2</LoginId></RemoveSession>"#
    );
    let error = from_xml::<cs::RemoveSession>(xml.as_bytes()).unwrap_err();
    assert_eq!(
        error.kind(),
        &DecodeErrorKind::DuplicateElement {
            name: "LoginId".into()
        }
    );
    assert_eq!(error.path(), "/RemoveSession/LoginId[2]");
}

#[test]
fn tolerant_reading_accepts_any_order_unknown_elements_and_nil() {
    let xml = format!(
        r#"<m:Mailbox xmlns:m="{NS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" unknown="1">
             <m:PriorityName>high</m:PriorityName><m:Future><m:Deep/></m:Future>
             <m:Address i:nil="true"/><m:MailInFilterId i:type="x">3</m:MailInFilterId></m:Mailbox>"#
    );
    let mailbox: cs::Mailbox =
        soap_runtime::codec::from_xml_as(xml.as_bytes(), NS, "Mailbox").unwrap();
    assert_eq!(mailbox.priority_name.as_deref(), Some("high"));
    assert_eq!(mailbox.address, None);
    assert_eq!(mailbox.mail_in_filter_id, Some(3));
}
