//! Inputs found by the fuzz targets (`fuzz/`), each reduced to the smallest document that
//! shows the problem. Each test states what must hold: the reader refuses the input, or what
//! it decodes can be written again and decodes to the same value. None may panic.
//!
//! The full inputs are in `fuzz/corpus/<target>/` under the name given in each test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail by panicking.

use std::fmt::Debug;

use soap_runtime::XmlType;
use soap_runtime::envelope::{Body, Envelope, read_envelope, write_envelope, write_fault};
use soap_runtime::operation::{ElementName, SoapVersion};
use soap_runtime::types::{AnyElement, AnyNode, AnyXml, QName};
use soap_runtime::xml::ReaderConfig;

const ECHO: ElementName = ElementName {
    namespace: "urn:t",
    local_name: "Echo",
};

const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";

/// A SOAP 1.1 envelope whose body is `body`.
fn envelope(body: &str) -> Vec<u8> {
    format!(r#"<s:Envelope xmlns:s="{SOAP11}"><s:Body>{body}</s:Body></s:Envelope>"#).into_bytes()
}

/// The fuzz targets' oracle: `xml` is refused, or what it decodes to is written again and
/// decodes to the same body or fault.
fn refused_or_round_trips<B: XmlType + PartialEq + Debug>(xml: &[u8]) {
    let config = ReaderConfig::default();
    let Ok(first) = read_envelope::<(), B>(xml, &ECHO, &config) else {
        return;
    };
    let written = match &first.body {
        Body::Element(body) => write_envelope(first.version, &(), &ECHO, body),
        Body::Fault(fault) => write_fault(fault),
    }
    .unwrap_or_else(|e| {
        panic!(
            "the reader accepted what the writer refuses to write again: {e}\ndecoded: {first:?}"
        )
    });
    let second: Envelope<(), B> = read_envelope(&written, &ECHO, &config)
        .unwrap_or_else(|e| panic!("the written envelope does not decode: {e}"));
    match (first.body, second.body) {
        (Body::Element(a), Body::Element(b)) => assert_eq!(a, b),
        (Body::Fault(a), Body::Fault(b)) => assert_eq!(a, b),
        _ => panic!("a body became a fault or the reverse"),
    }
}

// Finding 1 (client_response): the reader did not check that raw characters are allowed in
// XML 1.0, so it accepted documents holding U+0000-U+0008, U+000B, U+000C, U+000E-U+001F,
// U+FFFE or U+FFFF (which are not well-formed XML), in text, attribute values and namespace
// URIs, and character references to them in attribute values, while the writer refuses to
// write such a character. A decoded value then could not be written again (a client could not
// pass on a fault it received; a server that echoes input answered with a fault instead).
// The reader now refuses them (`DecodeErrorKind::ForbiddenChar`).

/// A NUL in a namespace URI (of a fault's detail); first found as
/// `fuzz/corpus/client_response/regression-nul-in-namespace.xml`.
#[test]
fn nul_in_a_namespace_uri() {
    let xml = envelope(
        "<s:Fault><faultcode>s:Server</faultcode><faultstring>x</faultstring>\
         <detail><e:Info xmlns:e=\"urn:a\0b\">1</e:Info></detail></s:Fault>",
    );
    refused_or_round_trips::<String>(&xml);
}

/// A control character in text content.
#[test]
fn control_character_in_text() {
    refused_or_round_trips::<String>(&envelope("<t:Echo xmlns:t=\"urn:t\">a\u{1}b</t:Echo>"));
}

/// A control character in an attribute value kept as raw XML.
#[test]
fn control_character_in_an_attribute() {
    refused_or_round_trips::<AnyXml>(&envelope(
        "<t:Echo xmlns:t=\"urn:t\"><x a=\"\u{b}\"/></t:Echo>",
    ));
}

/// A character reference to U+FFFE in an attribute value: references in text are checked
/// (`XmlReader::resolve_reference`), but attribute values are unescaped by quick-xml's
/// `normalized_value` (in `XmlReader::attributes` and, for namespace declarations,
/// `XmlReader::open`) without that check. Found in a 30-minute run as
/// `fuzz/corpus/client_response/regression-fffe-reference-in-attribute.xml`.
#[test]
fn forbidden_character_reference_in_an_attribute() {
    refused_or_round_trips::<AnyXml>(&envelope(
        "<t:Echo xmlns:t=\"urn:t\"><x a=\"&#xFFFE;\"/></t:Echo>",
    ));
    refused_or_round_trips::<AnyXml>(&envelope(
        "<t:Echo xmlns:t=\"urn:t\"><x xmlns:p=\"urn:&#1;\" p:a=\"1\"/></t:Echo>",
    ));
}

/// U+FFFF (a non-character XML forbids) in text content.
#[test]
fn non_character_in_text() {
    refused_or_round_trips::<String>(&envelope("<t:Echo xmlns:t=\"urn:t\">\u{ffff}</t:Echo>"));
}

// Finding 3 (found by probing the client_response and server_request targets with inputs
// longer than their -max_len): decoding time grew with the square of the number of namespace
// declarations, as `XmlReader` searched every URI declared so far and every prefix in scope
// one by one: a 1.1 MB response with 40,000 elements each declaring its own namespace took
// about 6 s per decode in a debug build (1.4 s with 10,000). Beyond 16 of each, the reader now
// keeps hash maps. These tests check that such documents decode correctly; their speed is
// measured by the `many_namespaces` group of `cargo bench -p bench --bench envelope`.

/// Decodes `xml` (an envelope with body `<t:Echo>x</t:Echo>`) and checks the body.
fn decodes_to_x(xml: &[u8]) {
    let envelope = read_envelope::<(), String>(xml, &ECHO, &ReaderConfig::default()).unwrap();
    assert!(matches!(envelope.body, Body::Element(ref s) if s == "x"));
}

/// 50,000 header elements, each declaring its own default namespace (1.1 MB);
/// `fuzz/corpus/client_response/regression-many-namespaces.xml` is a small instance.
#[test]
fn many_distinct_namespaces_decode() {
    let mut xml = format!(r#"<s:Envelope xmlns:s="{SOAP11}"><s:Header>"#);
    for i in 0..50_000 {
        xml.push_str(&format!(r#"<h xmlns="urn:n{i}"/>"#));
    }
    xml.push_str(r#"</s:Header><s:Body><t:Echo xmlns:t="urn:t">x</t:Echo></s:Body></s:Envelope>"#);
    decodes_to_x(xml.as_bytes());
}

/// 5,000 prefixes declared on the header and 50,000 header elements using the first one
/// (0.45 MB); `fuzz/corpus/client_response/regression-many-prefixes.xml` is a small instance.
#[test]
fn many_prefixes_in_scope_decode() {
    let mut xml = format!(r#"<s:Envelope xmlns:s="{SOAP11}"><s:Header"#);
    for i in 0..5_000 {
        xml.push_str(&format!(r#" xmlns:p{i}="urn:n""#));
    }
    xml.push('>');
    for _ in 0..50_000 {
        xml.push_str("<p0:c/>");
    }
    xml.push_str(r#"</s:Header><s:Body><t:Echo xmlns:t="urn:t">x</t:Echo></s:Body></s:Envelope>"#);
    decodes_to_x(xml.as_bytes());
}

// Finding 4 (client_response, in the second leg of the 30-minute run): a tag without a name.
// quick-xml reports `<\t/>` (or `< />`) as an element whose name is empty; `XmlReader::open`
// did not check that the name is an XML name, so it was decoded (as raw XML, `AnyElement` with
// an empty local name), and written again as `</>`, which is not well-formed; a hand-built
// `AnyXml` with a name such as `a><b` injected markup. The reader now refuses names that are
// not XML names (`DecodeErrorKind::InvalidName`), and raw XML with such a name is not written.

/// `<\t/>` in text content: `fuzz/corpus/client_response/regression-empty-element-name.xml`.
#[test]
fn tag_without_a_name() {
    refused_or_round_trips::<AnyXml>(&envelope(
        "<t:Echo xmlns:t=\"urn:t\"><x>a<\t/>b</x></t:Echo>",
    ));
    refused_or_round_trips::<AnyXml>(&envelope("<t:Echo xmlns:t=\"urn:t\">< /></t:Echo>"));
}

/// The writer refuses an element name that is not an XML name, or writes something that
/// reads back as the same value; it never writes malformed XML.
#[test]
fn writer_refuses_element_names_that_are_not_names() {
    for name in ["", "a b", "a><b", "1a", "a:b"] {
        let value = AnyXml {
            children: vec![AnyNode::Element(AnyElement {
                name: QName::new("urn:x", name),
                content: AnyXml::default(),
            })],
            ..AnyXml::default()
        };
        let Ok(xml) = write_envelope(SoapVersion::Soap11, &(), &ECHO, &value) else {
            continue;
        };
        let back = read_envelope::<(), AnyXml>(&xml, &ECHO, &ReaderConfig::default())
            .unwrap_or_else(|e| {
                panic!(
                    "element name {name:?} was written as malformed XML: {e}\n{}",
                    String::from_utf8_lossy(&xml)
                )
            });
        match back.body {
            Body::Element(back) => assert_eq!(back, value, "element name {name:?}"),
            Body::Fault(_) => panic!("element name {name:?} came back as a fault"),
        }
    }
}
