//! The server's request reader: bytes as the body of an HTTP request to the generated
//! `CustomerServiceServer`, over an implementation whose every operation answers a fixed
//! value (a few echo part of the request, so decoded input is written again).
//!
//! The first input byte chooses how the request is sent (see [`Selector`]); the rest is the
//! body.

use std::sync::OnceLock;

use bytes::Bytes;
use soap_runtime::envelope::{Body, peek_body_element, read_envelope};
use soap_runtime::fault::{Fault, FaultBlame};
use soap_runtime::operation::{ElementName, SoapVersion};
use soap_runtime::types::AnyXml;
use soap_runtime::xml::ReaderConfig;
use soap_runtime::{Error, Request, Response};
use superoffice_services87::customer_service as cs;

use crate::values;

type CsRequest<T> = Request<T, cs::CustomerServiceRequestHeaders>;
type CsResult<T> = Result<Response<T, cs::CustomerServiceResponseHeaders>, Error>;

/// Calls `$m!` with every operation of `CustomerService`: method, request, response, metadata.
macro_rules! for_each_operation {
    ($m:ident) => {
        $m! {
            create_default_customer_center_config: CreateDefaultCustomerCenterConfig => CreateDefaultCustomerCenterConfigResponse, CREATE_DEFAULT_CUSTOMER_CENTER_CONFIG;
            save_customer_center_config: SaveCustomerCenterConfig => SaveCustomerCenterConfigResponse, SAVE_CUSTOMER_CENTER_CONFIG;
            delete_customer_center_config: DeleteCustomerCenterConfig => DeleteCustomerCenterConfigResponse, DELETE_CUSTOMER_CENTER_CONFIG;
            create_default_sms_config: CreateDefaultSmsConfig => CreateDefaultSmsConfigResponse, CREATE_DEFAULT_SMS_CONFIG;
            save_sms_config: SaveSmsConfig => SaveSmsConfigResponse, SAVE_SMS_CONFIG;
            get_program_url: GetProgramUrl => GetProgramUrlResponse, GET_PROGRAM_URL;
            create_ticket_from_mail_data: CreateTicketFromMailData => CreateTicketFromMailDataResponse, CREATE_TICKET_FROM_MAIL_DATA;
            add_message_from_mail_data: AddMessageFromMailData => AddMessageFromMailDataResponse, ADD_MESSAGE_FROM_MAIL_DATA;
            find_tickets_by_title_or_id: FindTicketsByTitleOrId => FindTicketsByTitleOrIdResponse, FIND_TICKETS_BY_TITLE_OR_ID;
            get_mailboxes: GetMailboxes => GetMailboxesResponse, GET_MAILBOXES;
            test_smtp_server: TestSmtpServer => TestSmtpServerResponse, TEST_SMTP_SERVER;
            get_customer_service_startup: GetCustomerServiceStartup => GetCustomerServiceStartupResponse, GET_CUSTOMER_SERVICE_STARTUP;
            get_customer_center_config: GetCustomerCenterConfig => GetCustomerCenterConfigResponse, GET_CUSTOMER_CENTER_CONFIG;
            get_all_customer_center_configs: GetAllCustomerCenterConfigs => GetAllCustomerCenterConfigsResponse, GET_ALL_CUSTOMER_CENTER_CONFIGS;
            save_all_customer_center_configs: SaveAllCustomerCenterConfigs => SaveAllCustomerCenterConfigsResponse, SAVE_ALL_CUSTOMER_CENTER_CONFIGS;
            check_if_customized_templates: CheckIfCustomizedTemplates => CheckIfCustomizedTemplatesResponse, CHECK_IF_CUSTOMIZED_TEMPLATES;
            create_session: CreateSession => CreateSessionResponse, CREATE_SESSION;
            remove_session: RemoveSession => RemoveSessionResponse, REMOVE_SESSION;
            session_is_valid: SessionIsValid => SessionIsValidResponse, SESSION_IS_VALID;
            has_chat_notify: HasChatNotify => HasChatNotifyResponse, HAS_CHAT_NOTIFY;
            check_symmetric_encryption: CheckSymmetricEncryption => CheckSymmetricEncryptionResponse, CHECK_SYMMETRIC_ENCRYPTION;
            update_feature_toggles: UpdateFeatureToggles => UpdateFeatureTogglesResponse, UPDATE_FEATURE_TOGGLES;
            event_handler_exists: EventHandlerExists => EventHandlerExistsResponse, EVENT_HANDLER_EXISTS;
            execute_event_handlers: ExecuteEventHandlers => ExecuteEventHandlersResponse, EXECUTE_EVENT_HANDLERS;
            get_statistics: GetStatistics => GetStatisticsResponse, GET_STATISTICS;
            get_sms_config: GetSmsConfig => GetSmsConfigResponse, GET_SMS_CONFIG;
            delete_chat_sessions: DeleteChatSessions => DeleteChatSessionsResponse, DELETE_CHAT_SESSIONS;
            chat_sessions_for_user: ChatSessionsForUser => ChatSessionsForUserResponse, CHAT_SESSIONS_FOR_USER;
        }
    };
}

/// Headers echoing the request's time zone, as a real service does.
fn headers(request: &cs::CustomerServiceRequestHeaders) -> cs::CustomerServiceResponseHeaders {
    cs::CustomerServiceResponseHeaders {
        time_zone: request.time_zone.clone(),
        succeeded: Some(true),
        ..Default::default()
    }
}

/// The fixed answer of each operation, given the decoded request body.
mod answers {
    use super::*;

    pub(super) fn save_customer_center_config(
        req: cs::SaveCustomerCenterConfig,
    ) -> cs::SaveCustomerCenterConfigResponse {
        cs::SaveCustomerCenterConfigResponse {
            response: req.customer_center_config,
        }
    }
    pub(super) fn save_sms_config(req: cs::SaveSmsConfig) -> cs::SaveSmsConfigResponse {
        cs::SaveSmsConfigResponse {
            response: req.sms_config,
        }
    }
    pub(super) fn get_program_url(req: cs::GetProgramUrl) -> cs::GetProgramUrlResponse {
        cs::GetProgramUrlResponse {
            response: Some(format!(
                "https://cs.example.test/{}?external={:?}",
                req.program_name.unwrap_or_default(),
                req.external
            )),
        }
    }
    pub(super) fn check_symmetric_encryption(
        req: cs::CheckSymmetricEncryption,
    ) -> cs::CheckSymmetricEncryptionResponse {
        cs::CheckSymmetricEncryptionResponse {
            response: req.encrypted_string,
        }
    }
    pub(super) fn get_all_customer_center_configs(
        _: cs::GetAllCustomerCenterConfigs,
    ) -> cs::GetAllCustomerCenterConfigsResponse {
        values::all_configs()
    }
    pub(super) fn get_customer_center_config(
        req: cs::GetCustomerCenterConfig,
    ) -> cs::GetCustomerCenterConfigResponse {
        cs::GetCustomerCenterConfigResponse {
            response: Some(values::center_config(
                req.customer_center_config_id.unwrap_or(-1),
                cs::ConfigType::Options,
            )),
        }
    }
    pub(super) fn get_sms_config(_: cs::GetSmsConfig) -> cs::GetSmsConfigResponse {
        cs::GetSmsConfigResponse {
            response: Some(values::sms_config()),
        }
    }
    pub(super) fn get_statistics(_: cs::GetStatistics) -> cs::GetStatisticsResponse {
        values::statistics_with_nan()
    }
    pub(super) fn session_is_valid(req: cs::SessionIsValid) -> cs::SessionIsValidResponse {
        cs::SessionIsValidResponse {
            response: Some(req.cs_session_key.is_some_and(|k| k.len() % 2 == 0)),
        }
    }
}

/// Answers every operation with a fixed value; `RemoveSession` fails with a fault that has a
/// detail, `HasChatNotify` with an implementation error.
#[derive(Debug, Clone, Copy, Default)]
pub struct Fixed;

macro_rules! implement {
    ($($method:ident: $req:ident => $resp:ident, $op:ident;)*) => {
        impl cs::CustomerService for Fixed {
            $(
                async fn $method(&self, request: CsRequest<cs::$req>) -> CsResult<cs::$resp> {
                    let (body, request_headers) = request.into_parts();
                    let body = answer!($method, body);
                    fail!($method)?;
                    Ok(Response::with_headers(body, headers(&request_headers)))
                }
            )*
        }
    };
}

/// The answer of `$method` to `$body`.
macro_rules! answer {
    (save_customer_center_config, $body:expr) => {
        answers::save_customer_center_config($body)
    };
    (save_sms_config, $body:expr) => {
        answers::save_sms_config($body)
    };
    (get_program_url, $body:expr) => {
        answers::get_program_url($body)
    };
    (check_symmetric_encryption, $body:expr) => {
        answers::check_symmetric_encryption($body)
    };
    (get_all_customer_center_configs, $body:expr) => {
        answers::get_all_customer_center_configs($body)
    };
    (get_customer_center_config, $body:expr) => {
        answers::get_customer_center_config($body)
    };
    (get_sms_config, $body:expr) => {
        answers::get_sms_config($body)
    };
    (get_statistics, $body:expr) => {
        answers::get_statistics($body)
    };
    (session_is_valid, $body:expr) => {
        answers::session_is_valid($body)
    };
    ($other:ident, $body:expr) => {{
        let _ = $body;
        Default::default()
    }};
}

/// Whether `$method` fails instead of answering.
macro_rules! fail {
    (remove_session) => {{
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
        Err::<(), Error>(Error::Fault(Box::new(fault)))
    }};
    (has_chat_notify) => {
        Err::<(), Error>(Error::implementation("no chat here: <&>"))
    };
    ($other:ident) => {
        Ok::<(), Error>(())
    };
}

for_each_operation!(implement);

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

fn service() -> &'static cs::CustomerServiceServer<Fixed> {
    static SERVICE: OnceLock<cs::CustomerServiceServer<Fixed>> = OnceLock::new();
    SERVICE.get_or_init(|| cs::CustomerServiceServer::new(Fixed))
}

/// Sends `data` (see [`request`]) to the server and checks its answer.
pub fn run(data: &[u8]) {
    let _ = answer(data);
}

/// [`run`], giving the HTTP status of the answer (`None` for an empty input).
pub fn answer(data: &[u8]) -> Option<u16> {
    let request = request(data)?;
    let reader = ReaderConfig::default();
    let response = runtime().block_on(soap_runtime::server::handle(service(), &reader, request));
    let status = response.status().as_u16();
    let body = response.into_body();
    let text = || String::from_utf8_lossy(&body).into_owned();
    assert!(
        matches!(status, 200 | 400 | 413 | 500),
        "unexpected status {status}: {}",
        text()
    );
    if status == 200 {
        check_answer(&data[1..], &body);
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
fn check_answer(request: &[u8], body: &[u8]) {
    let reader = ReaderConfig::default();
    let text = || String::from_utf8_lossy(body).into_owned();
    let (_, ns, local) = peek_body_element(body, &reader)
        .unwrap_or_else(|e| panic!("a 200 answer is not an envelope: {e}\n{}", text()));
    macro_rules! decode {
        ($($method:ident: $req:ident => $resp:ident, $op:ident;)*) => {
            $(
                if let Some(output) = cs::$op.output
                    && output.namespace == ns
                    && output.local_name == local
                {
                    let envelope = read_envelope::<cs::CustomerServiceResponseHeaders, cs::$resp>(
                        body, &output, &reader,
                    )
                    .unwrap_or_else(|e| panic!("a 200 answer does not decode: {e}\n{}", text()));
                    let Body::Element(answer) = envelope.body else {
                        panic!("a 200 answer holds a fault: {}", text());
                    };
                    check_echo::<cs::$req, cs::$resp>(request, &cs::$op.input, &answer, body);
                    return;
                }
            )*
            panic!("a 200 answer with an unknown body element {{{ns}}}{local}: {}", text());
        };
    }
    for_each_operation!(decode);
}

/// For the operations that echo part of their request, the echoed part decodes the same from
/// the answer as from the request.
fn check_echo<Req: 'static + soap_runtime::XmlType, Resp: 'static + std::fmt::Debug>(
    request: &[u8],
    input: &ElementName,
    answer: &Resp,
    body: &[u8],
) {
    use std::any::Any;
    let reader = ReaderConfig::default();
    let Ok(req) = read_envelope::<cs::CustomerServiceRequestHeaders, Req>(request, input, &reader)
    else {
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
