//! The generic client call behind every generated client: envelope out, envelope back,
//! fault and service-failure detection, one `tracing` span per call.

use std::time::Instant;

use bytes::Bytes;
use tracing::Instrument;

use crate::call::{Request, Response};
use crate::codec::XmlType;
use crate::envelope::{Body, read_envelope};
use crate::error::Error;
use crate::headers::HeaderSet;
use crate::offload::{read_envelope_off_worker, write_envelope_off_worker};
use crate::operation::{OperationInfo, SoapVersion};
use crate::transport::Transport;
use crate::xml::ReaderConfig;

/// How many bytes of a non-SOAP error body an [`Error::HttpStatus`] keeps.
const BODY_START: usize = 512;

/// A SOAP endpoint reached through a transport; as cheap to clone as its transport.
#[derive(Debug, Clone)]
pub struct Client<T> {
    endpoint: std::sync::Arc<str>,
    transport: T,
    reader: ReaderConfig,
}

/// The `Content-Type` of a request or response of `version`, with the action for SOAP 1.2.
pub fn content_type(version: SoapVersion, action: &str) -> String {
    match version {
        SoapVersion::Soap11 => "text/xml; charset=utf-8".to_owned(),
        SoapVersion::Soap12 if action.is_empty() => {
            "application/soap+xml; charset=utf-8".to_owned()
        }
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
            endpoint: endpoint.into().into(),
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
        Req: XmlType + Send + 'static,
        ReqH: HeaderSet + Send + 'static,
        Resp: XmlType + Send + 'static,
        RespH: HeaderSet + Send + 'static,
    {
        let span = tracing::info_span!(
            "soap_call",
            operation = op.name,
            endpoint = %self.endpoint,
            status = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        let result = self
            .exchange(op, request, defaults)
            .instrument(span.clone())
            .await;
        span.record("duration_ms", started.elapsed().as_secs_f64() * 1000.0);
        if let Err(error) = &result {
            span.in_scope(|| tracing::debug!(error = %error, "SOAP call failed"));
        }
        result
    }

    /// Calls one-way operation `op`: any success status is the answer; a fault envelope is
    /// still a fault.
    pub async fn call_one_way<Req, ReqH>(
        &self,
        op: &OperationInfo,
        request: Request<Req, ReqH>,
        defaults: Option<&ReqH>,
    ) -> Result<Response<(), ()>, Error>
    where
        Req: XmlType + Send + 'static,
        ReqH: HeaderSet + Send + 'static,
    {
        let span = tracing::info_span!(
            "soap_call",
            operation = op.name,
            endpoint = %self.endpoint,
            status = tracing::field::Empty,
        );
        let (status, content_type, bytes) =
            self.send(op, request, defaults).instrument(span).await?;
        if let Ok(envelope) = read_envelope::<(), ()>(&bytes, &op.input, &self.reader)
            && let Body::Fault(fault) = envelope.body
        {
            return Err(Error::Fault(fault));
        }
        if status.is_success() {
            return Ok(Response::new(()));
        }
        Err(http_status(status, content_type, &bytes))
    }

    /// Writes the request envelope and exchanges it for the HTTP response.
    async fn send<Req, ReqH>(
        &self,
        op: &OperationInfo,
        request: Request<Req, ReqH>,
        defaults: Option<&ReqH>,
    ) -> Result<(::http::StatusCode, Option<String>, Bytes), Error>
    where
        Req: XmlType + Send + 'static,
        ReqH: HeaderSet + Send + 'static,
    {
        let timeout = request.timeout();
        let (body, mut headers) = request.into_parts();
        if let Some(defaults) = defaults {
            headers.fill_from(defaults);
        }
        let xml = write_envelope_off_worker(op, op.soap_version, headers, op.input, body)
            .await
            .ok_or_else(|| Error::implementation("the runtime shut down while encoding"))??;
        let mut http_request = ::http::Request::post(&*self.endpoint).header(
            ::http::header::CONTENT_TYPE,
            content_type(op.soap_version, op.soap_action),
        );
        if op.soap_version == SoapVersion::Soap11 {
            http_request = http_request.header("SOAPAction", format!("\"{}\"", op.soap_action));
        }
        let http_request = http_request.body(Bytes::from(xml)).map_err(|e| {
            crate::error::TransportError::new(
                crate::error::TransportErrorKind::Other,
                format!("invalid request for endpoint {}", self.endpoint),
            )
            .with_source(e)
        })?;
        let response = match timeout {
            None => self.transport.send(http_request).await?,
            Some(timeout) => tokio::time::timeout(timeout, self.transport.send(http_request))
                .await
                .map_err(|_| {
                    crate::error::TransportError::new(
                        crate::error::TransportErrorKind::Timeout,
                        format!("the call took longer than its timeout of {timeout:?}"),
                    )
                })??,
        };
        let status = response.status();
        tracing::Span::current().record("status", status.as_u16());
        let content_type = response
            .headers()
            .get(::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Ok((status, content_type, response.into_body()))
    }

    async fn exchange<Req, ReqH, Resp, RespH>(
        &self,
        op: &OperationInfo,
        request: Request<Req, ReqH>,
        defaults: Option<&ReqH>,
    ) -> Result<Response<Resp, RespH>, Error>
    where
        Req: XmlType + Send + 'static,
        ReqH: HeaderSet + Send + 'static,
        Resp: XmlType + Send + 'static,
        RespH: HeaderSet + Send + 'static,
    {
        let (status, content_type, bytes) = self.send(op, request, defaults).await?;
        let Some(output) = op.output else {
            return Err(Error::implementation(format!(
                "operation {} is one-way; use call_one_way",
                op.name
            )));
        };
        let decoded = read_envelope_off_worker::<RespH, Resp>(
            bytes.clone(),
            op.body_use,
            output,
            &self.reader,
        )
        .await
        .ok_or_else(|| Error::implementation("the runtime shut down while decoding"))?;
        match decoded {
            Ok(envelope) => match envelope.body {
                Body::Fault(fault) => Err(Error::Fault(fault)),
                Body::Element(body) => match envelope.headers.service_failure() {
                    Some(failure) => Err(failure.into()),
                    None => Ok(Response::with_headers(body, envelope.headers)),
                },
            },
            Err(_) if !status.is_success() => Err(http_status(status, content_type, &bytes)),
            Err(error) => Err(error.into()),
        }
    }
}

/// The error for an HTTP error status whose body is not a SOAP envelope.
fn http_status(status: ::http::StatusCode, content_type: Option<String>, bytes: &[u8]) -> Error {
    Error::HttpStatus {
        status: status.as_u16(),
        content_type,
        body_start: String::from_utf8_lossy(&bytes[..bytes.len().min(BODY_START)]).into_owned(),
    }
}
