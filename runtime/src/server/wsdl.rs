//! `GET <path>?wsdl`: the WSDL a service was generated from, with its SOAP addresses
//! pointing at the URL the client asked for, as WCF and CXF servers answer.

use std::borrow::Cow;

use bytes::Bytes;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

const SOAP11_BINDING_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
const SOAP12_BINDING_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";

/// Whether `request` asks for the WSDL: a `GET` whose query is `wsdl` (any case), alone or
/// as the first parameter.
pub(super) fn asks_for_wsdl<B>(request: &::http::Request<B>) -> bool {
    request.method() == ::http::Method::GET
        && request.uri().query().is_some_and(|query| {
            let first = query.split('&').next().unwrap_or_default();
            let name = first.split('=').next().unwrap_or_default();
            name.eq_ignore_ascii_case("wsdl")
        })
}

/// The URL `request` was sent to, without its query: `X-Forwarded-Proto` or `http`, the
/// `Host` header (else the URI's authority), and the path.
pub(super) fn request_url<B>(request: &::http::Request<B>) -> String {
    let headers = request.headers();
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let scheme = header("x-forwarded-proto")
        .or(request.uri().scheme_str())
        .unwrap_or("http");
    let host = header("host")
        .map(str::to_owned)
        .or_else(|| request.uri().authority().map(|a| a.to_string()))
        .unwrap_or_else(|| "localhost".to_owned());
    format!("{scheme}://{host}{}", request.uri().path())
}

/// An HTTP response holding `wsdl` with the `location` of every `soap:address` and
/// `soap12:address` replaced by `url`.
pub(super) fn wsdl_reply(wsdl: &'static str, url: &str) -> ::http::Response<Bytes> {
    let body = match with_address(wsdl, url) {
        Cow::Borrowed(text) => Bytes::from_static(text.as_bytes()),
        Cow::Owned(text) => Bytes::from(text),
    };
    let mut response = ::http::Response::new(body);
    response.headers_mut().insert(
        ::http::header::CONTENT_TYPE,
        ::http::HeaderValue::from_static("text/xml; charset=utf-8"),
    );
    response
}

/// `wsdl` with the `location` of its SOAP addresses set to `url`; `wsdl` itself if it has
/// none, or if it is not well-formed enough to find them.
fn with_address<'w>(wsdl: &'w str, url: &str) -> Cow<'w, str> {
    let mut reader = NsReader::from_str(wsdl);
    let mut out = String::new();
    let mut copied = 0;
    loop {
        let before = position(&reader);
        let (resolved, event) = match reader.read_resolved_event() {
            Ok(read) => read,
            Err(_) => return Cow::Borrowed(wsdl),
        };
        let (tag, empty) = match event {
            Event::Start(tag) => (tag, false),
            Event::Empty(tag) => (tag, true),
            Event::Eof => break,
            _ => continue,
        };
        let is_address = tag.local_name().as_ref() == "address"
            && matches!(resolved, ResolveResult::Bound(ns)
                if ns.as_ref() == SOAP11_BINDING_NS || ns.as_ref() == SOAP12_BINDING_NS);
        if !is_address {
            continue;
        }
        let Some(rewritten) = relocated(&tag, url) else {
            return Cow::Borrowed(wsdl);
        };
        let after = position(&reader);
        out.push_str(&wsdl[copied..before]);
        out.push('<');
        out.push_str(&rewritten);
        out.push_str(if empty { "/>" } else { ">" });
        copied = after;
    }
    if copied == 0 {
        return Cow::Borrowed(wsdl);
    }
    out.push_str(&wsdl[copied..]);
    Cow::Owned(out)
}

fn position(reader: &NsReader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

/// The text of start tag `tag` with its `location` attribute set to `url`.
fn relocated(tag: &BytesStart<'_>, url: &str) -> Option<String> {
    let name = tag.name().as_ref().to_owned();
    let mut rewritten = BytesStart::new(name);
    for attribute in tag.attributes() {
        let attribute = attribute.ok()?;
        if attribute.key.as_ref() == "location" {
            rewritten.push_attribute(Attribute::from(("location", url)));
        } else {
            rewritten.push_attribute(attribute);
        }
    }
    Some(rewritten.as_ref().to_owned())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    const WSDL: &str = r#"<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:s12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:other="urn:other">
  <service name="S">
    <port name="P11" binding="tns:B"><soap:address location="https://example.com/a.svc"/></port>
    <port name="P12" binding="tns:B12"><s12:address location='https://example.com/a.svc' extra="&amp;"></s12:address></port>
    <port name="Other"><other:address location="urn:keep"/></port>
  </service>
</definitions>"#;

    #[test]
    fn soap_addresses_point_at_the_url_asked_for_and_nothing_else_changes() {
        let url = "http://127.0.0.1:8080/a.svc?x=1&y=2";
        let expected = WSDL
            .replace(
                r#"<soap:address location="https://example.com/a.svc"/>"#,
                r#"<soap:address location="http://127.0.0.1:8080/a.svc?x=1&amp;y=2"/>"#,
            )
            .replace(
                r#"<s12:address location='https://example.com/a.svc' extra="&amp;">"#,
                r#"<s12:address location="http://127.0.0.1:8080/a.svc?x=1&amp;y=2" extra="&amp;">"#,
            );
        assert_ne!(expected, WSDL);
        assert_eq!(with_address(WSDL, url), expected);
    }

    #[test]
    fn a_wsdl_without_addresses_or_not_well_formed_is_served_as_it_is() {
        let none = r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"/>"#;
        assert!(matches!(with_address(none, "http://x/"), Cow::Borrowed(_)));
        let broken = r#"<definitions xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"><soap:address location="a"/></wrong>"#;
        assert_eq!(with_address(broken, "http://x/"), broken);
    }

    #[test]
    fn only_a_get_with_the_wsdl_query_asks_for_the_wsdl() {
        let asks = |method: &str, uri: &str| {
            let request = ::http::Request::builder()
                .method(method)
                .uri(uri)
                .body(())
                .unwrap();
            asks_for_wsdl(&request)
        };
        assert!(asks("GET", "/a.svc?wsdl"));
        assert!(asks("GET", "/a.svc?WSDL"));
        assert!(asks("GET", "/a.svc?wsdl&x=1"));
        assert!(!asks("POST", "/a.svc?wsdl"));
        assert!(!asks("GET", "/a.svc"));
        assert!(!asks("GET", "/a.svc?xsd=1"));
    }

    #[test]
    fn the_request_url_comes_from_the_host_header_and_forwarded_scheme() {
        let request = ::http::Request::get("/a.svc?wsdl")
            .header("host", "soap.example:8443")
            .header("x-forwarded-proto", "https")
            .body(())
            .unwrap();
        assert_eq!(request_url(&request), "https://soap.example:8443/a.svc");
        let bare = ::http::Request::get("http://10.0.0.1/b?wsdl")
            .body(())
            .unwrap();
        assert_eq!(request_url(&bare), "http://10.0.0.1/b");
    }
}
