//! Helpers for raw HTTP: a transport recording what it sends, envelopes written and read
//! by hand.

use super::*;

/// One request as a transport saw it.
#[derive(Debug, Clone)]
pub(super) struct Seen {
    pub(super) method: http::Method,
    pub(super) uri: String,
    pub(super) headers: http::HeaderMap,
    pub(super) body: Bytes,
}

/// A transport that records every request before passing it on.
#[derive(Clone)]
pub(super) struct Recording<T> {
    pub(super) inner: T,
    pub(super) seen: Arc<Mutex<Vec<Seen>>>,
}

impl<T> Recording<T> {
    pub(super) fn new(inner: T) -> Self {
        Recording {
            inner,
            seen: Arc::default(),
        }
    }

    pub(super) fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

impl<T: Transport> Transport for Recording<T> {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        self.seen.lock().unwrap().push(Seen {
            method: request.method().clone(),
            uri: request.uri().to_string(),
            headers: request.headers().clone(),
            body: request.body().clone(),
        });
        self.inner.send(request).await
    }
}

pub(super) fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

/// The root element of `xml` as `{namespace}local`, read by the test's own XML parser.
pub(super) fn root_name(xml: &[u8]) -> String {
    canonical::parse(xml)
        .unwrap_or_else(|e| panic!("not XML ({e}): {}", text(xml)))
        .name
}

/// Decodes a reply envelope holding `op`'s response (or a fault).
pub(super) fn decode<H: soap_runtime::HeaderSet, B: XmlType>(
    op: &OperationInfo,
    xml: &[u8],
) -> Envelope<H, B> {
    read_envelope(xml, &op.output.unwrap(), &ReaderConfig::default())
        .unwrap_or_else(|e| panic!("{}: undecodable reply ({e}): {}", op.name, text(xml)))
}

pub(super) fn element<B>(body: Body<B>) -> B {
    match body {
        Body::Element(body) => body,
        Body::Fault(fault) => panic!("expected a response, got {fault}"),
    }
}

pub(super) fn fault<B: Debug>(body: Body<B>) -> Fault {
    match body {
        Body::Fault(fault) => *fault,
        Body::Element(body) => panic!("expected a fault, got {body:?}"),
    }
}

/// A SOAP 1.2 envelope with the given header and body content.
pub(super) fn soap12_envelope(header: &str, body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?><env:Envelope xmlns:env="{SOAP12_ENV_NS}"><env:Header>{header}</env:Header><env:Body>{body}</env:Body></env:Envelope>"#
    )
}

/// A SOAP 1.1 envelope with the given header and body content.
pub(super) fn soap11_envelope(header: &str, body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{SOAP11_ENV_NS}"><soap:Header>{header}</soap:Header><soap:Body>{body}</soap:Body></soap:Envelope>"#
    )
}

pub(super) fn cs_header_xml(token: &str, ticket: &str) -> String {
    format!(
        r#"<ApplicationToken xmlns="{NS}">{token}</ApplicationToken><Credentials xmlns="{NS}"><Ticket>{ticket}</Ticket></Credentials>"#
    )
}

pub(super) fn session_is_valid_xml(key: &str) -> String {
    format!(r#"<SessionIsValid xmlns="{NS}"><CsSessionKey>{key}</CsSessionKey></SessionIsValid>"#)
}

pub(super) fn get_program_url_xml(program: &str) -> String {
    format!(
        r#"<GetProgramUrl xmlns="{NS}"><ProgramName>{program}</ProgramName><External>false</External></GetProgramUrl>"#
    )
}

pub(super) fn soap12_content_type(action: &str) -> String {
    format!("application/soap+xml; charset=utf-8; action=\"{action}\"")
}

pub(super) fn extra(headers: &cs::CustomerServiceResponseHeaders) -> Vec<(String, Option<String>)> {
    headers.extra_info.clone().unwrap_or_default()
}

pub(super) fn pair(key: &str, value: &str) -> (String, Option<String>) {
    (key.to_owned(), Some(value.to_owned()))
}

pub(super) fn free_of_soap11_namespace(xml: &[u8]) -> bool {
    !text(xml).contains(SOAP11_ENV_NS)
}
