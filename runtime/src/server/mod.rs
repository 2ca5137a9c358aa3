//! The server side: routing a SOAP request to an operation (by SOAP action, else by the body
//! element), decoding it, calling the implementation and encoding its response or a fault.
//! [`handle`] is transport-independent; [`serve`] reads an HTTP body for it, as the generated
//! adapters' `tower::Service` impls do; [`HttpServer`] serves either over HTTP/1.1.

mod http;
mod tower;
mod wsdl;

use std::future::Future;

use bytes::Bytes;

pub use self::http::{HttpServer, HttpService, ServerConfig};
pub use self::tower::{BoxError, RequestBody, ResponseBody, ServeFuture, serve, serve_owned};

use crate::call::{HttpContext, Request, Response};
use crate::client::content_type;
use crate::codec::XmlType;
use crate::envelope::{self, Body};
use crate::error::Error;
use crate::fault::{Fault, FaultBlame};
use crate::headers::HeaderSet;
use crate::offload::{read_envelope_off_worker, write_envelope_off_worker};
use crate::operation::{OperationInfo, SoapVersion};
use crate::xml::ReaderConfig;

/// A generated server adapter: the operations of one port and a way to call each.
pub trait SoapService: Send + Sync + 'static {
    /// The operations a request is routed among.
    fn operations(&self) -> &'static [OperationInfo];

    /// Handles `call`, routed to the operation [`IncomingCall::operation`] names.
    fn dispatch(&self, call: IncomingCall) -> impl Future<Output = ::http::Response<Bytes>> + Send;

    /// The WSDL the service was generated from, which `GET <path>?wsdl` answers (with its
    /// SOAP addresses pointing at the URL asked for); `None` answers 404.
    fn wsdl(&self) -> Option<&'static str> {
        None
    }
}

/// A request routed to one operation, not yet decoded.
#[derive(Debug)]
pub struct IncomingCall {
    operation: &'static OperationInfo,
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
    /// The operation the request was routed to.
    pub fn operation(&self) -> &'static OperationInfo {
        self.operation
    }

    /// The envelope version of the request (the response uses the same).
    pub fn version(&self) -> SoapVersion {
        self.version
    }

    fn fault(&self, blame: FaultBlame, reason: impl Into<String>) -> ::http::Response<Bytes> {
        fault_reply(&Fault::new(self.version, blame, reason))
    }

    /// The reply to a call routed to an operation the service does not implement (a
    /// [`SoapService`] whose `dispatch` does not cover all its `operations`).
    pub fn no_such_operation(self) -> ::http::Response<Bytes> {
        let reason = format!("the service has no operation {:?}", self.operation.name);
        self.fault(FaultBlame::Receiver, reason)
    }

    /// Decodes the request as the input of [`IncomingCall::operation`], calls
    /// `implementation`, and encodes its response, or a fault for a malformed request or a
    /// failed implementation.
    pub async fn handle<Req, ReqH, Resp, RespH, F, Fut>(
        mut self,
        implementation: F,
    ) -> ::http::Response<Bytes>
    where
        Req: XmlType + Send + 'static,
        ReqH: HeaderSet + Send + 'static,
        Resp: XmlType + Send + 'static,
        RespH: HeaderSet + Send + 'static,
        F: FnOnce(Request<Req, ReqH>) -> Fut,
        Fut: Future<Output = Result<Response<Resp, RespH>, Error>>,
    {
        let op = self.operation;
        let body = std::mem::take(&mut self.body);
        let Some(decoded) =
            read_envelope_off_worker::<ReqH, Req>(body, op.body_use, op.input, &self.reader).await
        else {
            return self.internal_error("the runtime shut down while decoding the request");
        };
        let envelope = match decoded {
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
                return self.internal_error(&crate::error::with_causes(&error));
            }
        };
        let Some(output) = op.output else {
            return plain_reply(::http::StatusCode::ACCEPTED, "");
        };
        let (body, headers) = response.into_parts();
        match write_envelope_off_worker(op, self.version, headers, output, body).await {
            Some(Ok(xml)) => reply(::http::StatusCode::OK, self.version, xml),
            Some(Err(error)) => self.internal_error(&format!(
                "the response could not be written: {}",
                crate::error::with_causes(&error)
            )),
            None => self.internal_error("the runtime shut down while writing the response"),
        }
    }

    /// The fault for a failure that is not the service's own (an error of the implementation
    /// other than a fault, a response that cannot be written): it says only that the call
    /// failed, with an id; the tracing event with the same id has `detail`.
    fn internal_error(&self, detail: &str) -> ::http::Response<Bytes> {
        let id = error_id();
        tracing::error!(
            error_id = %id,
            operation = self.operation.name,
            detail,
            "the call failed inside the server"
        );
        self.fault(
            FaultBlame::Receiver,
            format!("the server failed to handle the call (error id {id})"),
        )
    }
}

/// An id for an internal error, unique within the process and unlikely to repeat across
/// restarts: the process's start time and a count, in hex.
fn error_id() -> String {
    static STARTED: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let started = *STARTED.get_or_init(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.as_secs())
    });
    let count = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("{started:x}-{count:x}")
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
    if wsdl::asks_for_wsdl(&request) {
        return match service.wsdl() {
            Some(text) => wsdl::wsdl_reply(text, &wsdl::request_url(&request)),
            None => plain_reply(
                ::http::StatusCode::NOT_FOUND,
                "this service was generated without its WSDL\n",
            ),
        };
    }
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
    let operation = match &action {
        Some(action) => operations.iter().find(|op| op.soap_action == action),
        None => operations
            .iter()
            .find(|op| op.input.namespace == element.0 && op.input.local_name == element.1),
    };
    let Some(operation) = operation else {
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
        operation,
        version,
        body,
        reader: reader.clone(),
        http: HttpContext::new(parts.headers, parts.extensions),
    };
    let span = tracing::info_span!(
        "soap_serve",
        operation = operation.name,
        status = tracing::field::Empty
    );
    let response = tracing::Instrument::instrument(service.dispatch(call), span.clone()).await;
    span.record("status", response.status().as_u16());
    response
}
