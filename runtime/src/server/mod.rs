//! The server side: routing a SOAP request to an operation (by SOAP action, else by the body
//! element), decoding it, calling the implementation and encoding its response or a fault.
//! [`handle`] is transport-independent; [`HttpServer`] serves it over HTTP.

mod http;

use std::future::Future;

use bytes::Bytes;

pub use self::http::{HttpServer, ServerConfig};

use crate::call::{HttpContext, Request, Response};
use crate::client::content_type;
use crate::codec::XmlType;
use crate::envelope::{self, Body};
use crate::error::Error;
use crate::fault::{Fault, FaultBlame};
use crate::headers::HeaderSet;
use crate::operation::{OperationInfo, SoapVersion};
use crate::xml::ReaderConfig;

/// A generated server adapter: the operations of one port and a way to call each.
pub trait SoapService: Send + Sync + 'static {
    /// The operations, in the order `dispatch` numbers them.
    fn operations(&self) -> &'static [OperationInfo];

    /// Handles `call` as operation `index` of [`SoapService::operations`].
    fn dispatch(
        &self,
        index: usize,
        call: IncomingCall,
    ) -> impl Future<Output = ::http::Response<Bytes>> + Send;
}

/// A request routed to one operation, not yet decoded.
#[derive(Debug)]
pub struct IncomingCall {
    version: SoapVersion,
    body: Bytes,
    reader: ReaderConfig,
    http: HttpContext,
}

/// The HTTP status of a fault: SOAP 1.2 answers Sender faults with 400, all else is 500.
fn fault_status(fault: &Fault) -> ::http::StatusCode {
    match (fault.version, fault.blame()) {
        (SoapVersion::Soap12, Some(FaultBlame::Sender)) => ::http::StatusCode::BAD_REQUEST,
        _ => ::http::StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// An HTTP response holding `xml` in `version`.
fn reply(
    status: ::http::StatusCode,
    version: SoapVersion,
    xml: Vec<u8>,
) -> ::http::Response<Bytes> {
    let mut response = ::http::Response::new(Bytes::from(xml));
    *response.status_mut() = status;
    if let Ok(value) = ::http::HeaderValue::from_str(&content_type(version, "")) {
        response
            .headers_mut()
            .insert(::http::header::CONTENT_TYPE, value);
    }
    response
}

/// An HTTP response holding `fault`.
pub fn fault_reply(fault: &Fault) -> ::http::Response<Bytes> {
    match envelope::write_fault(fault) {
        Ok(xml) => reply(fault_status(fault), fault.version, xml),
        Err(error) => {
            let fallback = Fault::new(
                fault.version,
                FaultBlame::Receiver,
                format!("the fault could not be written: {error}"),
            );
            let xml = envelope::write_fault(&fallback).unwrap_or_default();
            reply(
                ::http::StatusCode::INTERNAL_SERVER_ERROR,
                fault.version,
                xml,
            )
        }
    }
}

/// A plain-text HTTP response, for requests that are not SOAP at all.
pub fn plain_reply(status: ::http::StatusCode, text: &str) -> ::http::Response<Bytes> {
    let mut response = ::http::Response::new(Bytes::from(text.to_owned()));
    *response.status_mut() = status;
    response.headers_mut().insert(
        ::http::header::CONTENT_TYPE,
        ::http::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

impl IncomingCall {
    /// The envelope version of the request (the response uses the same).
    pub fn version(&self) -> SoapVersion {
        self.version
    }

    fn fault(&self, blame: FaultBlame, reason: impl Into<String>) -> ::http::Response<Bytes> {
        fault_reply(&Fault::new(self.version, blame, reason))
    }

    /// The reply to a call routed to an index the service does not have (a bug in a
    /// hand-written [`SoapService`]).
    pub fn no_such_operation(self, index: usize) -> ::http::Response<Bytes> {
        self.fault(
            FaultBlame::Receiver,
            format!("the service has no operation number {index}"),
        )
    }

    /// Decodes the request as `op`'s input, calls `implementation`, and encodes its
    /// response, or a fault for a malformed request or a failed implementation.
    pub async fn handle<Req, ReqH, Resp, RespH, F, Fut>(
        mut self,
        op: &OperationInfo,
        implementation: F,
    ) -> ::http::Response<Bytes>
    where
        Req: XmlType,
        ReqH: HeaderSet,
        Resp: XmlType,
        RespH: HeaderSet,
        F: FnOnce(Request<Req, ReqH>) -> Fut,
        Fut: Future<Output = Result<Response<Resp, RespH>, Error>>,
    {
        let envelope =
            match envelope::read_envelope::<ReqH, Req>(&self.body, &op.input, &self.reader) {
                Ok(envelope) => envelope,
                Err(error) => {
                    let error = crate::error::with_causes(&error);
                    tracing::info!(%error, "malformed request refused");
                    return self.fault(
                        FaultBlame::Sender,
                        format!("malformed {} request: {error}", op.name),
                    );
                }
            };
        let body = match envelope.body {
            Body::Element(body) => body,
            Body::Fault(_) => {
                return self.fault(FaultBlame::Sender, "a request must not be a fault");
            }
        };
        let mut request = Request::with_headers(body, envelope.headers);
        *request.http_mut() = std::mem::take(&mut self.http);
        let result = implementation(request).await;
        let response = match result {
            Ok(response) => response,
            Err(Error::Fault(mut fault)) => {
                fault.set_version(self.version);
                return fault_reply(&fault);
            }
            Err(error) => {
                tracing::info!(%error, "the implementation failed");
                return self.fault(FaultBlame::Receiver, error.to_string());
            }
        };
        let Some(output) = op.output else {
            return plain_reply(::http::StatusCode::ACCEPTED, "");
        };
        let (body, headers) = response.into_parts();
        match envelope::write_envelope(self.version, &headers, &output, &body) {
            Ok(xml) => reply(::http::StatusCode::OK, self.version, xml),
            Err(error) => self.fault(
                FaultBlame::Receiver,
                format!("the response could not be written: {error}"),
            ),
        }
    }
}

/// The SOAP action of a request: the `SOAPAction` header (SOAP 1.1) or the `action`
/// parameter of the content type (SOAP 1.2).
fn request_action(request: &::http::Request<Bytes>) -> Option<String> {
    if let Some(action) = request
        .headers()
        .get("SOAPAction")
        .and_then(|v| v.to_str().ok())
    {
        return Some(action.trim().trim_matches('"').to_owned());
    }
    let content_type = request
        .headers()
        .get(::http::header::CONTENT_TYPE)?
        .to_str()
        .ok()?;
    content_type.split(';').find_map(|param| {
        let (name, value) = param.split_once('=')?;
        (name.trim().eq_ignore_ascii_case("action"))
            .then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// Handles one HTTP request whose body has been read: routes it to an operation of
/// `service`, which decodes and answers it. Never panics on bad input; every failure is a
/// fault or an HTTP error response.
pub async fn handle<S: SoapService>(
    service: &S,
    reader: &ReaderConfig,
    request: ::http::Request<Bytes>,
) -> ::http::Response<Bytes> {
    if request.method() != ::http::Method::POST {
        return plain_reply(
            ::http::StatusCode::METHOD_NOT_ALLOWED,
            "SOAP requests use POST\n",
        );
    }
    let action = request_action(&request).filter(|a| !a.is_empty());
    let (parts, body) = request.into_parts();
    let (version, element) = match envelope::peek_body_element(&body, reader) {
        Ok((version, ns, local)) => (version, (ns, local)),
        Err(error) => {
            let error = crate::error::with_causes(&error);
            tracing::info!(%error, "malformed SOAP request refused");
            let version = if body
                .windows(SoapVersion::Soap12.envelope_namespace().len())
                .any(|w| w == SoapVersion::Soap12.envelope_namespace().as_bytes())
            {
                SoapVersion::Soap12
            } else {
                SoapVersion::Soap11
            };
            return fault_reply(&Fault::new(
                version,
                FaultBlame::Sender,
                format!("malformed SOAP envelope: {error}"),
            ));
        }
    };
    let operations = service.operations();
    let index = match &action {
        Some(action) => operations.iter().position(|op| op.soap_action == action),
        None => operations
            .iter()
            .position(|op| op.input.namespace == element.0 && op.input.local_name == element.1),
    };
    let Some(index) = index else {
        let what = match &action {
            Some(action) => format!("unknown SOAP action {action:?}"),
            None => format!(
                "no operation takes body element {{{}}}{}",
                element.0, element.1
            ),
        };
        tracing::info!(reason = %what, "SOAP request refused");
        return fault_reply(&Fault::new(version, FaultBlame::Sender, what));
    };
    let call = IncomingCall {
        version,
        body,
        reader: reader.clone(),
        http: HttpContext::new(parts.headers, parts.extensions),
    };
    let name = operations.get(index).map_or("", |op| op.name);
    let span = tracing::info_span!(
        "soap_serve",
        operation = name,
        status = tracing::field::Empty
    );
    let response =
        tracing::Instrument::instrument(service.dispatch(index, call), span.clone()).await;
    span.record("status", response.status().as_u16());
    response
}
