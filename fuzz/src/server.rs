//! The server's request reader: bytes as the body of an HTTP request to `CustomerService`,
//! served through `soap_runtime::server::handle` by a service built from the generated
//! metadata (`visit_customer_service_operations`), whose every operation answers a fixed
//! value (a few echo part of the request, so decoded input is written again).
//!
//! The first input byte chooses how the request is sent (see [`Selector`]); the rest is the
//! body.

use std::any::{Any, type_name};
use std::fmt::Debug;
use std::pin::pin;
use std::sync::OnceLock;
use std::task::{Context, Poll, Waker};

use bytes::Bytes;
use soap_runtime::codec::from_xml_as;
use soap_runtime::envelope::{Body, peek_body_element, read_envelope};
use soap_runtime::fault::{Fault, FaultBlame};
use soap_runtime::operation::{ElementName, OperationInfo, SoapVersion};
use soap_runtime::server::IncomingCall;
use soap_runtime::types::AnyXml;
use soap_runtime::xml::ReaderConfig;
use soap_runtime::{Error, HeaderSet, OperationVisitor, Request, Response, SoapService, XmlType};
use superoffice_services87::customer_service as cs;

use crate::values;

/// One operation of `CustomerService`, as the generated visitor reports it, with the
/// functions that answer it and check its answers, instantiated for its types.
struct Operation {
    info: &'static OperationInfo,
    serve: fn(IncomingCall, &'static OperationInfo) -> http::Response<Bytes>,
    check: fn(&'static OperationInfo, &[u8], &[u8]),
}

/// Collects the operations `visit_customer_service_operations` reports.
#[derive(Default)]
struct Collect(Vec<Operation>);

impl OperationVisitor for Collect {
    fn visit<Req, ReqH, Resp, RespH>(&mut self, info: &'static OperationInfo)
    where
        Req: XmlType + PartialEq + Debug + Send + 'static,
        ReqH: HeaderSet + PartialEq + Debug + Send + 'static,
        Resp: XmlType + PartialEq + Debug + Send + 'static,
        RespH: HeaderSet + PartialEq + Debug + Send + 'static,
    {
        self.0.push(Operation {
            info,
            serve: serve::<Req, ReqH, Resp, RespH>,
            check: check_answer::<Req, ReqH, Resp, RespH>,
        });
    }
}

/// Every operation of `CustomerService`, from the generated metadata.
fn operations() -> &'static [Operation] {
    static OPERATIONS: OnceLock<Vec<Operation>> = OnceLock::new();
    OPERATIONS.get_or_init(|| {
        let mut collect = Collect::default();
        cs::visit_customer_service_operations(&mut collect);
        assert_eq!(
            collect.0.len(),
            cs::CUSTOMER_SERVICE_OPERATIONS.len(),
            "the visitor reports every operation"
        );
        collect.0
    })
}

/// The fixed answer of the operations that answer more than an empty response, given the
/// decoded request body; `None` for the others.
fn fixed_answer(request: Box<dyn Any>) -> Option<Box<dyn Any>> {
    /// Returns `$answer` when the request is a `$req`, else goes on with the request.
    macro_rules! answer {
        ($request:ident: $req:ty => |$r:ident| $answer:expr) => {
            let $request = match $request.downcast::<$req>() {
                Ok($r) => return Some(Box::new($answer)),
                Err(other) => other,
            };
        };
    }
    answer!(request: cs::SaveCustomerCenterConfig => |r| cs::SaveCustomerCenterConfigResponse {
        response: r.customer_center_config,
    });
    answer!(request: cs::SaveSmsConfig => |r| cs::SaveSmsConfigResponse {
        response: r.sms_config,
    });
    answer!(request: cs::GetProgramUrl => |r| cs::GetProgramUrlResponse {
        response: Some(format!(
            "https://cs.example.test/{}?external={:?}",
            r.program_name.unwrap_or_default(),
            r.external
        )),
    });
    answer!(request: cs::CheckSymmetricEncryption => |r| cs::CheckSymmetricEncryptionResponse {
        response: r.encrypted_string,
    });
    answer!(request: cs::GetAllCustomerCenterConfigs => |_r| values::all_configs());
    answer!(request: cs::GetCustomerCenterConfig => |r| cs::GetCustomerCenterConfigResponse {
        response: Some(values::center_config(
            r.customer_center_config_id.unwrap_or(-1),
            cs::ConfigType::Options,
        )),
    });
    answer!(request: cs::GetSmsConfig => |_r| cs::GetSmsConfigResponse {
        response: Some(values::sms_config()),
    });
    answer!(request: cs::GetStatistics => |_r| values::statistics_with_nan());
    answer!(request: cs::SessionIsValid => |r| cs::SessionIsValidResponse {
        response: Some(r.cs_session_key.is_some_and(|k| k.len() % 2 == 0)),
    });
    let _ = request;
    None
}

/// Whether `op` fails instead of answering: `RemoveSession` with a fault that has a detail,
/// `HasChatNotify` with an implementation error.
fn failure(op: &OperationInfo) -> Result<(), Error> {
    match op.name {
        "RemoveSession" => {
            let fault = Fault::new(
                SoapVersion::Soap11,
                FaultBlame::Receiver,
                "session <gone> & more",
            )
            .with_detail_element(
                superoffice_services87::namespaces::SERVICES87,
                "SoExceptionInfo",
                &values::exception_info(),
            )
            .map_err(Error::Encode)?;
            Err(Error::Fault(Box::new(fault)))
        }
        "HasChatNotify" => Err(Error::implementation("no chat here: <&>")),
        _ => Ok(()),
    }
}

/// `value` as a `T`, which it must be.
fn cast<T: 'static>(value: Box<dyn Any>, what: &str) -> Result<T, Error> {
    value
        .downcast::<T>()
        .map(|value| *value)
        .map_err(|_| Error::implementation(format!("{what} is not a {}", type_name::<T>())))
}

/// The answer of `op` to `request`: its fixed answer, else the empty response (its output
/// element without content), with headers echoing the request's time zone, as a real
/// service does.
fn reply<Req, ReqH, Resp, RespH>(
    op: &'static OperationInfo,
    request: Request<Req, ReqH>,
) -> Result<Response<Resp, RespH>, Error>
where
    Req: 'static,
    ReqH: 'static,
    Resp: XmlType + 'static,
    RespH: 'static,
{
    failure(op)?;
    let (body, request_headers) = request.into_parts();
    let body = match fixed_answer(Box::new(body)) {
        Some(answer) => cast::<Resp>(answer, "the fixed answer")?,
        None => empty_response::<Resp>(op)?,
    };
    let time_zone = (&request_headers as &dyn Any)
        .downcast_ref::<cs::CustomerServiceRequestHeaders>()
        .and_then(|headers| headers.time_zone.clone());
    let headers = cs::CustomerServiceResponseHeaders {
        time_zone,
        succeeded: Some(true),
        ..Default::default()
    };
    let headers = cast::<RespH>(Box::new(headers), "the response headers")?;
    Ok(Response::with_headers(body, headers))
}

/// `op`'s response decoded from its output element without content.
fn empty_response<Resp: XmlType>(op: &OperationInfo) -> Result<Resp, Error> {
    let output = op
        .output
        .ok_or_else(|| Error::implementation(format!("{} has no response", op.name)))?;
    let xml = format!(
        r#"<o:{0} xmlns:o="{1}"/>"#,
        output.local_name, output.namespace
    );
    from_xml_as::<Resp>(xml.as_bytes(), output.namespace, output.local_name)
        .map_err(|e| Error::implementation(format!("{} has no empty response: {e}", op.name)))
}

/// Handles `call` as `op`: the fixed implementation answers at once, so the reply is ready
/// when first polled (fuzz inputs and answers stay far below the size the server decodes or
/// encodes on the blocking pool).
fn serve<Req, ReqH, Resp, RespH>(
    call: IncomingCall,
    op: &'static OperationInfo,
) -> http::Response<Bytes>
where
    Req: XmlType + Send + 'static,
    ReqH: HeaderSet + Send + 'static,
    Resp: XmlType + Send + 'static,
    RespH: HeaderSet + Send + 'static,
{
    let reply = call.handle(|request: Request<Req, ReqH>| {
        std::future::ready(reply::<Req, ReqH, Resp, RespH>(op, request))
    });
    match pin!(reply).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(reply) => reply,
        Poll::Pending => panic!("{}: the fixed implementation waited", op.name),
    }
}

/// Serves `CustomerService` from its generated metadata: every operation answers a fixed
/// value (a few echo part of the request, so decoded input is written again, see
/// [`fixed_answer`]) or fails (see [`failure`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Fixed;

impl SoapService for Fixed {
    fn operations(&self) -> &'static [OperationInfo] {
        cs::CUSTOMER_SERVICE_OPERATIONS
    }

    fn dispatch(&self, call: IncomingCall) -> impl Future<Output = http::Response<Bytes>> + Send {
        let name = call.operation().name;
        let reply = match operations().iter().find(|op| op.info.name == name) {
            Some(op) => (op.serve)(call, op.info),
            None => call.no_such_operation(),
        };
        std::future::ready(reply)
    }
}

/// How the request is sent, from the first input byte: bit 0 the content type (SOAP 1.1 or
/// 1.2), bits 1-2 the SOAP action (none; the operation's; an unknown one; the operation's,
/// sent the other version's way), bits 3-7 the operation (modulo their number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selector(pub u8);

impl Selector {
    /// The selector for sending operation `op` in `version` with action mode `mode` (0-3).
    pub fn new(version: SoapVersion, mode: u8, op: usize) -> Self {
        let v = u8::from(version == SoapVersion::Soap12);
        Selector(v | ((mode & 3) << 1) | (((op as u8) & 31) << 3))
    }
}

/// The HTTP request that `data` stands for.
pub fn request(data: &[u8]) -> Option<http::Request<Bytes>> {
    let (&selector, body) = data.split_first()?;
    let soap12 = selector & 1 == 1;
    let mode = (selector >> 1) & 3;
    let ops = cs::CUSTOMER_SERVICE_OPERATIONS;
    let op = &ops[usize::from(selector >> 3) % ops.len()];
    let action = match mode {
        0 => None,
        2 => Some("urn:fuzz:no-such-action"),
        _ => Some(op.soap_action),
    };
    // SOAP 1.1 sends the action in a header, SOAP 1.2 in the content type; mode 3 swaps them.
    let in_header = if mode == 3 { soap12 } else { !soap12 };
    let mut builder = http::Request::builder()
        .method(http::Method::POST)
        .uri("/Remote/Services87/CustomerService.svc");
    let mut content_type = if soap12 {
        "application/soap+xml; charset=utf-8".to_owned()
    } else {
        "text/xml; charset=utf-8".to_owned()
    };
    if let Some(action) = action {
        if in_header {
            builder = builder.header("SOAPAction", format!("\"{action}\""));
        } else {
            content_type.push_str(&format!("; action=\"{action}\""));
        }
    }
    builder
        .header(http::header::CONTENT_TYPE, content_type)
        .body(Bytes::copy_from_slice(body))
        .ok()
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a current-thread runtime")
    })
}

/// Sends `data` (see [`request`]) to the server and checks its answer.
pub fn run(data: &[u8]) {
    let _ = answer(data);
}

/// [`run`], giving the HTTP status of the answer (`None` for an empty input).
pub fn answer(data: &[u8]) -> Option<u16> {
    let request = request(data)?;
    let reader = ReaderConfig::default();
    let response = runtime().block_on(soap_runtime::server::handle(&Fixed, &reader, request));
    let status = response.status().as_u16();
    let body = response.into_body();
    let text = || String::from_utf8_lossy(&body).into_owned();
    assert!(
        matches!(status, 200 | 400 | 413 | 500),
        "unexpected status {status}: {}",
        text()
    );
    if status == 200 {
        check_answers(&data[1..], &body);
    } else if status != 413 {
        // Every error the server gives for a POST is a SOAP fault.
        let nowhere = ElementName {
            namespace: "urn:fuzz",
            local_name: "none",
        };
        match read_envelope::<(), AnyXml>(&body, &nowhere, &reader) {
            Ok(envelope) => assert!(
                matches!(envelope.body, Body::Fault(_)),
                "status {status} without a fault: {}",
                text()
            ),
            Err(e) => panic!(
                "status {status} with a body that is not an envelope: {e}\n{}",
                text()
            ),
        }
    }
    Some(status)
}

/// Decodes a 200 answer as the response of the operation its body element names, and checks
/// the echoing operations against the request.
fn check_answers(request: &[u8], body: &[u8]) {
    let reader = ReaderConfig::default();
    let text = || String::from_utf8_lossy(body).into_owned();
    let (_, ns, local) = peek_body_element(body, &reader)
        .unwrap_or_else(|e| panic!("a 200 answer is not an envelope: {e}\n{}", text()));
    let op = operations()
        .iter()
        .find(|op| {
            op.info
                .output
                .is_some_and(|output| output.namespace == ns && output.local_name == local)
        })
        .unwrap_or_else(|| {
            panic!(
                "a 200 answer with an unknown body element {{{ns}}}{local}: {}",
                text()
            )
        });
    (op.check)(op.info, request, body);
}

/// Decodes a 200 answer as `op`'s response, and checks it against the request if `op`
/// echoes part of it.
fn check_answer<Req, ReqH, Resp, RespH>(op: &'static OperationInfo, request: &[u8], body: &[u8])
where
    Req: XmlType + 'static,
    ReqH: HeaderSet + 'static,
    Resp: XmlType + Debug + 'static,
    RespH: HeaderSet + 'static,
{
    let reader = ReaderConfig::default();
    let text = || String::from_utf8_lossy(body).into_owned();
    let Some(output) = op.output else {
        panic!(
            "a 200 answer for {}, which has no response: {}",
            op.name,
            text()
        );
    };
    let envelope = read_envelope::<RespH, Resp>(body, &output, &reader)
        .unwrap_or_else(|e| panic!("a 200 answer does not decode: {e}\n{}", text()));
    let Body::Element(answer) = envelope.body else {
        panic!("a 200 answer holds a fault: {}", text());
    };
    check_echo::<Req, ReqH, Resp>(request, &op.input, &answer, body);
}

/// For the operations that echo part of their request, the echoed part decodes the same from
/// the answer as from the request.
fn check_echo<Req: 'static + XmlType, ReqH: HeaderSet, Resp: 'static + Debug>(
    request: &[u8],
    input: &ElementName,
    answer: &Resp,
    body: &[u8],
) {
    let reader = ReaderConfig::default();
    let Ok(req) = read_envelope::<ReqH, Req>(request, input, &reader) else {
        return;
    };
    let Body::Element(req) = req.body else { return };
    let req: &dyn Any = &req;
    let answer: &dyn Any = answer;
    let text = || String::from_utf8_lossy(body).into_owned();
    if let (Some(req), Some(answer)) = (
        req.downcast_ref::<cs::SaveCustomerCenterConfig>(),
        answer.downcast_ref::<cs::SaveCustomerCenterConfigResponse>(),
    ) {
        assert_eq!(
            req.customer_center_config,
            answer.response,
            "echo changed: {}",
            text()
        );
    }
    if let (Some(req), Some(answer)) = (
        req.downcast_ref::<cs::SaveSmsConfig>(),
        answer.downcast_ref::<cs::SaveSmsConfigResponse>(),
    ) {
        assert_eq!(req.sms_config, answer.response, "echo changed: {}", text());
    }
    if let (Some(req), Some(answer)) = (
        req.downcast_ref::<cs::CheckSymmetricEncryption>(),
        answer.downcast_ref::<cs::CheckSymmetricEncryptionResponse>(),
    ) {
        assert_eq!(
            req.encrypted_string,
            answer.response,
            "echo changed: {}",
            text()
        );
    }
}

/// A request envelope for `op` of `CustomerService` holding `body`, with every header.
pub fn request_envelope<B: soap_runtime::XmlType>(
    version: SoapVersion,
    op: &soap_runtime::operation::OperationInfo,
    body: &B,
) -> Vec<u8> {
    soap_runtime::envelope::write_envelope(version, &values::cs_request_headers(), &op.input, body)
        .expect("a seed request can be written")
}
