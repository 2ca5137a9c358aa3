//! The generic client call behind every generated client: envelope out, envelope back,
//! fault and service-failure detection, one `tracing` span per call.

use std::time::Instant;

use bytes::Bytes;
use tracing::Instrument;

use crate::call::{Request, Response};
use crate::codec::XmlType;
use crate::envelope::{Body, read_envelope, write_envelope};
use crate::error::Error;
use crate::headers::HeaderSet;
use crate::operation::{OperationInfo, SoapVersion};
use crate::transport::Transport;
use crate::xml::ReaderConfig;

/// How many bytes of a non-SOAP error body an [`Error::HttpStatus`] keeps.
const BODY_START: usize = 512;

/// A SOAP endpoint reached through a transport.
#[derive(Debug, Clone)]
pub struct Client<T> {
    endpoint: String,
    transport: T,
    reader: ReaderConfig,
}

/// The `Content-Type` of a request or response of `version`, with the action for SOAP 1.2.
pub fn content_type(version: SoapVersion, action: &str) -> String {
    match version {
        SoapVersion::Soap11 => "text/xml; charset=utf-8".to_owned(),
        SoapVersion::Soap12 if action.is_empty() => "application/soap+xml; charset=utf-8".to_owned(),
        SoapVersion::Soap12 => format!("application/soap+xml; charset=utf-8; action=\"{action}\""),
    }
}

impl<T> Client<T> {
    /// The endpoint URL.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.transport
    }
}

impl<T: Transport> Client<T> {
    /// A client of `endpoint` over `transport`.
    pub fn new(endpoint: impl Into<String>, transport: T) -> Self {
        Client {
            endpoint: endpoint.into(),
            transport,
            reader: ReaderConfig::default(),
        }
    }

    /// Calls operation `op`: headers not set on `request` are taken from `defaults`, if given.
    pub async fn call<Req, ReqH, Resp, RespH>(
        &self,
        op: &OperationInfo,
        request: Request<Req, ReqH>,
        defaults: Option<&ReqH>,
    ) -> Result<Response<Resp, RespH>, Error>
    where
        Req: XmlType,
        ReqH: HeaderSet,
        Resp: XmlType,
        RespH: HeaderSet,
    {
        let span = tracing::info_span!(
            "soap_call",
            operation = op.name,
            endpoint = %self.endpoint,
            status = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        let result = self.exchange(op, request, defaults).instrument(span.clone()).await;
        span.record("duration_ms", started.elapsed().as_secs_f64() * 1000.0);
        if let Err(error) = &result {
            span.in_scope(|| tracing::debug!(error = %error, "SOAP call failed"));
        }
        result
    }

    async fn exchange<Req, ReqH, Resp, RespH>(
        &self,
        op: &OperationInfo,
        request: Request<Req, ReqH>,
        defaults: Option<&ReqH>,
    ) -> Result<Response<Resp, RespH>, Error>
    where
        Req: XmlType,
        ReqH: HeaderSet,
        Resp: XmlType,
        RespH: HeaderSet,
    {
        let (body, mut headers) = request.into_parts();
        if let Some(defaults) = defaults {
            headers.fill_from(defaults);
        }
        let xml = write_envelope(op.soap_version, &headers, &op.input, &body)?;
        let mut http_request = ::http::Request::post(&self.endpoint)
            .header(::http::header::CONTENT_TYPE, content_type(op.soap_version, op.soap_action));
        if op.soap_version == SoapVersion::Soap11 {
            http_request = http_request.header("SOAPAction", format!("\"{}\"", op.soap_action));
        }
        let http_request = http_request.body(Bytes::from(xml)).map_err(|e| {
            crate::error::TransportError::new(
                crate::error::TransportErrorKind::Other,
                format!("invalid request for endpoint {}: {e}", self.endpoint),
            )
        })?;
        let response = self.transport.send(http_request).await?;
        let status = response.status();
        tracing::Span::current().record("status", status.as_u16());
        let content_type = response
            .headers()
            .get(::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let bytes = response.into_body();
        let Some(output) = op.output else {
            return Err(Error::implementation(format!("operation {} has no response", op.name)));
        };
        match read_envelope::<RespH, Resp>(&bytes, &output, &self.reader) {
            Ok(envelope) => match envelope.body {
                Body::Fault(fault) => Err(Error::Fault(fault)),
                Body::Element(body) => match envelope.headers.service_failure() {
                    Some(failure) => Err(failure.into()),
                    None => Ok(Response::with_headers(body, envelope.headers)),
                },
            },
            Err(_) if !status.is_success() => Err(Error::HttpStatus {
                status: status.as_u16(),
                content_type,
                body_start: String::from_utf8_lossy(&bytes[..bytes.len().min(BODY_START)]).into_owned(),
            }),
            Err(error) => Err(error.into()),
        }
    }
}
