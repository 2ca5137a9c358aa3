//! The call layer end to end, over real HTTP on 127.0.0.1 with ephemeral ports.
//!
//! - Every one of the 33 operations (28 of `CustomerService`, 5 of `SoPrincipal`) goes
//!   through the generated client to a server implementation that checks the body and the
//!   headers it received (default headers set once on the client, overridden per call for some
//!   operations) and answers with nested types, arrays with nil items, dictionaries, flag sets,
//!   unknown enumeration values, dates with fractions and offsets, doubles and bytes, plus
//!   response headers; the caller checks all of it.
//! - The in-process transport gives the same responses, and the same faults, as HTTP.
//! - 100 concurrent calls through one client all get their own answers.
//! - SOAP 1.2 requests are answered in SOAP 1.2; requests without a SOAP action are routed by
//!   their body element; the generated client sends SOAP 1.1 with a quoted `SOAPAction`.
//!
//! Expected values are spelled out by the functions of `values`. A fake server builds the
//! value it answers with the same function the test uses for the value it expects, so every
//! comparison is between a value that crossed the wire and a freshly built one.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use std::fmt::Debug;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use soap_runtime::envelope::{Body, Envelope, read_envelope};
use soap_runtime::error::TransportError;
use soap_runtime::fault::{FaultBlame, SOAP11_ENV_NS, SOAP12_ENV_NS};
use soap_runtime::operation::{OperationInfo, SoapVersion};
use soap_runtime::types::QName;
use soap_runtime::xml::ReaderConfig;
use soap_runtime::{
    Client, Error, Fault, HttpServer, HttpTransport, InProcessTransport, Request, Response,
    ServerConfig, Transport, XmlType,
};
use superoffice_services87::common::{SoCredentials, SoTimeZone};
use superoffice_services87::customer_service::{self as cs, CustomerService as _};
use superoffice_services87::namespaces::SERVICES87 as NS;
use superoffice_services87::so_principal::{self as sp, SoPrincipal as _};
use tests::canonical;
use tests::fakes::{self, BodyFormat, show_cs_headers, show_sp_headers};
use tests::net::{CS_PATH, SP_PATH, content_type, post, serve};
use tokio::task::JoinSet;

type CsRequest<T> = Request<T, cs::CustomerServiceRequestHeaders>;
type CsResult<T> = Result<Response<T, cs::CustomerServiceResponseHeaders>, Error>;
type CsClient<T> = cs::CustomerServiceClient<T>;
type SpClient<T> = sp::SoPrincipalClient<T>;

/// The values sent and expected: request bodies, response bodies and headers, built by hand
/// (with the builders shared with the interop tests).
mod values {
    use soap_runtime::types::TimeZoneOffset;
    use superoffice_services87::common::{ETableRightFlag, SoCredentials, SoTimeZone};
    use superoffice_services87::customer_service as cs;
    use superoffice_services87::so_principal as sp;
    use tests::builders::{
        self, Dictionary, FieldProperties, MARKUP, SPACED_CR, SystemInfoDates, UNICODE, chat,
        date_time, s, table_right, table_right_with_unknown_flag, toggle,
    };

    pub(crate) use tests::builders::{
        check_symmetric_encryption, delete_chat_sessions, event_handler_exists,
        get_customer_service_startup, get_program_url, session_is_valid,
    };

    fn minutes(m: i16) -> Option<TimeZoneOffset> {
        Some(TimeZoneOffset::Minutes(m))
    }

    fn utc() -> Option<TimeZoneOffset> {
        Some(TimeZoneOffset::Utc)
    }

    /// A field-property dictionary: several flags, an empty flag set, a nil value.
    fn field_properties(prefix: &str) -> FieldProperties {
        builders::field_properties(
            ["title", "id", "updated", "hint"].map(|name| format!("{prefix}.{name}")),
            &[],
        )
    }

    // ---- CustomerService building blocks ----

    fn center_config(id: i32, kind: cs::ConfigType, config: &str) -> cs::CustomerCenterConfig {
        cs::CustomerCenterConfig {
            table_right: table_right(
                &[
                    ETableRightFlag::Select,
                    ETableRightFlag::Update,
                    ETableRightFlag::Insert,
                    ETableRightFlag::Delete,
                ],
                &[],
                None,
            ),
            field_properties: field_properties("config"),
            cust_config_id: Some(id),
            r#type: Some(kind),
            config: s(config),
            cust_lang_id: Some(47),
            registered: Some(date_time((2021, 3, 25), (21, 36, 30), (0, 0), utc())),
            registered_associate_id: Some(101),
            updated: Some(date_time(
                (2024, 2, 29),
                (23, 59, 59),
                (123_456_700, 7),
                minutes(330),
            )),
            updated_associate_id: Some(i32::MAX),
        }
    }

    fn config_style() -> cs::CustomerCenterConfig {
        center_config(
            0,
            cs::ConfigType::Style,
            r##"{"theme":"dark","accent":"#c0ffee"}"##,
        )
    }

    fn config_options() -> cs::CustomerCenterConfig {
        center_config(12, cs::ConfigType::Options, MARKUP)
    }

    fn config_unknown() -> cs::CustomerCenterConfig {
        cs::CustomerCenterConfig {
            table_right: table_right_with_unknown_flag(),
            updated: Some(date_time(
                (1999, 12, 31),
                (0, 0, 0),
                (500_000_000, 3),
                minutes(-570),
            )),
            ..center_config(13, cs::ConfigType::Unknown("Theme".to_owned()), UNICODE)
        }
    }

    fn sms_config(provider: &str) -> cs::SmsConfig {
        builders::sms_config(provider, SPACED_CR)
    }

    fn ticket(id: i32, title: &str) -> cs::TicketInfo {
        builders::ticket(
            id,
            title,
            table_right(&[ETableRightFlag::Select], &[], None),
            format!("https://cs.example.test/ticket.fcgi?action=show&id={id}"),
        )
    }

    fn event_data(answered: bool) -> cs::EventData {
        builders::event_data(
            answered,
            answered.then_some(SPACED_CR),
            field_properties("event"),
        )
    }

    // ---- CustomerService operations: (request body, response body) ----

    pub(crate) fn create_default_customer_center_config() -> (
        cs::CreateDefaultCustomerCenterConfig,
        cs::CreateDefaultCustomerCenterConfigResponse,
    ) {
        (
            cs::CreateDefaultCustomerCenterConfig {},
            cs::CreateDefaultCustomerCenterConfigResponse {
                response: Some(config_style()),
            },
        )
    }

    pub(crate) fn save_customer_center_config() -> (
        cs::SaveCustomerCenterConfig,
        cs::SaveCustomerCenterConfigResponse,
    ) {
        let mut saved = config_options();
        saved.cust_config_id = Some(4711);
        saved.updated = Some(date_time((2025, 1, 1), (0, 0, 0), (1, 9), utc()));
        (
            cs::SaveCustomerCenterConfig {
                customer_center_config: Some(config_options()),
            },
            cs::SaveCustomerCenterConfigResponse {
                response: Some(saved),
            },
        )
    }

    pub(crate) fn delete_customer_center_config() -> (
        cs::DeleteCustomerCenterConfig,
        cs::DeleteCustomerCenterConfigResponse,
    ) {
        (
            cs::DeleteCustomerCenterConfig {
                customer_center_config_id: Some(17),
            },
            cs::DeleteCustomerCenterConfigResponse {},
        )
    }

    pub(crate) fn create_default_sms_config() -> (
        cs::CreateDefaultSmsConfig,
        cs::CreateDefaultSmsConfigResponse,
    ) {
        (
            cs::CreateDefaultSmsConfig {},
            cs::CreateDefaultSmsConfigResponse {
                response: Some(sms_config("")),
            },
        )
    }

    pub(crate) fn save_sms_config() -> (cs::SaveSmsConfig, cs::SaveSmsConfigResponse) {
        let mut saved = sms_config("LINK Mobility");
        saved.field_properties = field_properties("sms");
        (
            cs::SaveSmsConfig {
                sms_config: Some(sms_config("LINK Mobility")),
            },
            cs::SaveSmsConfigResponse {
                response: Some(saved),
            },
        )
    }

    pub(crate) fn create_ticket_from_mail_data() -> (
        cs::CreateTicketFromMailData,
        cs::CreateTicketFromMailDataResponse,
    ) {
        builders::create_ticket_from_mail_data(ticket)
    }

    pub(crate) fn add_message_from_mail_data() -> (
        cs::AddMessageFromMailData,
        cs::AddMessageFromMailDataResponse,
    ) {
        builders::add_message_from_mail_data(ticket)
    }

    pub(crate) fn find_tickets_by_title_or_id() -> (
        cs::FindTicketsByTitleOrId,
        cs::FindTicketsByTitleOrIdResponse,
    ) {
        builders::find_tickets_by_title_or_id(ticket, ticket(-3, ""))
    }

    pub(crate) fn get_mailboxes() -> (cs::GetMailboxes, cs::GetMailboxesResponse) {
        builders::get_mailboxes(field_properties("mailbox"))
    }

    pub(crate) fn test_smtp_server() -> (cs::TestSmtpServer, cs::TestSmtpServerResponse) {
        builders::test_smtp_server(field_properties("smtp"))
    }

    pub(crate) fn get_customer_center_config() -> (
        cs::GetCustomerCenterConfig,
        cs::GetCustomerCenterConfigResponse,
    ) {
        (
            cs::GetCustomerCenterConfig {
                customer_center_config_id: Some(13),
            },
            cs::GetCustomerCenterConfigResponse {
                response: Some(config_unknown()),
            },
        )
    }

    pub(crate) fn get_all_customer_center_configs() -> (
        cs::GetAllCustomerCenterConfigs,
        cs::GetAllCustomerCenterConfigsResponse,
    ) {
        (
            cs::GetAllCustomerCenterConfigs {},
            cs::GetAllCustomerCenterConfigsResponse {
                response: Some(vec![
                    Some(config_style()),
                    None,
                    Some(config_options()),
                    Some(config_unknown()),
                ]),
            },
        )
    }

    pub(crate) fn save_all_customer_center_configs() -> (
        cs::SaveAllCustomerCenterConfigs,
        cs::SaveAllCustomerCenterConfigsResponse,
    ) {
        (
            cs::SaveAllCustomerCenterConfigs {
                cust_configs: Some(vec![Some(config_unknown()), None, Some(config_style())]),
            },
            cs::SaveAllCustomerCenterConfigsResponse {},
        )
    }

    pub(crate) fn check_if_customized_templates() -> (
        cs::CheckIfCustomizedTemplates,
        cs::CheckIfCustomizedTemplatesResponse,
    ) {
        (
            cs::CheckIfCustomizedTemplates {},
            cs::CheckIfCustomizedTemplatesResponse {
                response: Some(true),
            },
        )
    }

    pub(crate) fn create_session() -> (cs::CreateSession, cs::CreateSessionResponse) {
        builders::create_session(field_properties("session"))
    }

    pub(crate) fn remove_session() -> (cs::RemoveSession, cs::RemoveSessionResponse) {
        (
            cs::RemoveSession { login_id: Some(-1) },
            cs::RemoveSessionResponse {},
        )
    }

    pub(crate) fn has_chat_notify() -> (cs::HasChatNotify, cs::HasChatNotifyResponse) {
        (
            cs::HasChatNotify {},
            cs::HasChatNotifyResponse {
                response: Some(false),
            },
        )
    }

    pub(crate) fn update_feature_toggles()
    -> (cs::UpdateFeatureToggles, cs::UpdateFeatureTogglesResponse) {
        (
            cs::UpdateFeatureToggles {
                feature_toggles: Some(vec![
                    Some(toggle("NewTicketList", Some(true))),
                    None,
                    Some(toggle("Chat & Bots", Some(false))),
                ]),
            },
            cs::UpdateFeatureTogglesResponse {},
        )
    }

    pub(crate) fn execute_event_handlers()
    -> (cs::ExecuteEventHandlers, cs::ExecuteEventHandlersResponse) {
        (
            cs::ExecuteEventHandlers {
                event_data: Some(event_data(false)),
            },
            cs::ExecuteEventHandlersResponse {
                response: Some(event_data(true)),
            },
        )
    }

    pub(crate) fn get_statistics() -> (cs::GetStatistics, cs::GetStatisticsResponse) {
        builders::get_statistics(
            table_right(&[ETableRightFlag::Select], &[], None),
            field_properties("stats"),
        )
    }

    pub(crate) fn get_sms_config() -> (cs::GetSmsConfig, cs::GetSmsConfigResponse) {
        (
            cs::GetSmsConfig {},
            cs::GetSmsConfigResponse {
                response: Some(sms_config(UNICODE)),
            },
        )
    }

    pub(crate) fn chat_sessions_for_user()
    -> (cs::ChatSessionsForUser, cs::ChatSessionsForUserResponse) {
        (
            cs::ChatSessionsForUser {},
            cs::ChatSessionsForUserResponse {
                response: Some(vec![chat(31), None, None, chat(32)]),
            },
        )
    }
    // ---- CustomerService headers ----

    pub(crate) fn cs_default_headers() -> cs::CustomerServiceRequestHeaders {
        cs::CustomerServiceRequestHeaders {
            application_token: s("app-token-1234567-1234-9876"),
            credentials: Some(SoCredentials {
                ticket: s("7T:ticket+default/=="),
            }),
            time_zone: Some(SoTimeZone {
                so_time_zone_id: Some(142),
                so_time_zone_location_code: s("NOOSL"),
            }),
        }
    }

    fn one_call_credentials() -> Option<SoCredentials> {
        Some(SoCredentials {
            ticket: s("7T:ticket-for-one-call=="),
        })
    }

    fn one_call_time_zone() -> Option<SoTimeZone> {
        Some(SoTimeZone {
            so_time_zone_id: Some(-300),
            so_time_zone_location_code: s("USNYC"),
        })
    }

    /// What the test sets on `request.headers_mut()` for `op`, over the client's defaults.
    pub(crate) fn cs_override(op: &str, headers: &mut cs::CustomerServiceRequestHeaders) {
        match op {
            "SessionIsValid" => headers.credentials = one_call_credentials(),
            "GetStatistics" => headers.time_zone = one_call_time_zone(),
            "CreateSession" => headers.application_token = s("another-application"),
            // Credentials present but empty: sent as such, not replaced by the default.
            "GetProgramUrl" => headers.credentials = Some(SoCredentials { ticket: None }),
            "ExecuteEventHandlers" => {
                headers.application_token = s("event-app");
                headers.credentials = one_call_credentials();
                headers.time_zone = one_call_time_zone();
            }
            _ => {}
        }
    }

    /// The headers the server must receive for `op`.
    pub(crate) fn cs_expected_headers(op: &str) -> cs::CustomerServiceRequestHeaders {
        let default = cs_default_headers();
        match op {
            "SessionIsValid" => cs::CustomerServiceRequestHeaders {
                credentials: one_call_credentials(),
                ..default
            },
            "GetStatistics" => cs::CustomerServiceRequestHeaders {
                time_zone: one_call_time_zone(),
                ..default
            },
            "CreateSession" => cs::CustomerServiceRequestHeaders {
                application_token: s("another-application"),
                ..default
            },
            "GetProgramUrl" => cs::CustomerServiceRequestHeaders {
                credentials: Some(SoCredentials { ticket: None }),
                ..default
            },
            "ExecuteEventHandlers" => cs::CustomerServiceRequestHeaders {
                application_token: s("event-app"),
                credentials: one_call_credentials(),
                time_zone: one_call_time_zone(),
            },
            _ => default,
        }
    }

    fn extra_info(op: &str) -> Dictionary {
        Some(vec![
            ("operation".to_owned(), s(op)),
            ("requestId".to_owned(), Some(format!("{op}#{}", op.len()))),
            ("absent".to_owned(), None),
            ("markup".to_owned(), s(MARKUP)),
        ])
    }

    fn response_time_zone(op: &str) -> Option<SoTimeZone> {
        Some(SoTimeZone {
            so_time_zone_id: Some(i32::try_from(op.len()).unwrap()),
            so_time_zone_location_code: s("UTC+01:00"),
        })
    }

    /// The response headers the server sets for `op` (none at all for two operations).
    pub(crate) fn cs_response_headers(op: &str) -> cs::CustomerServiceResponseHeaders {
        match op {
            "RemoveSession" | "HasChatNotify" => cs::CustomerServiceResponseHeaders::default(),
            _ => cs::CustomerServiceResponseHeaders {
                exception_info: None,
                extra_info: extra_info(op),
                succeeded: Some(true),
                time_zone: response_time_zone(op),
            },
        }
    }

    // ---- SoPrincipal ----

    fn principal(name: &str, user_type: sp::UserType) -> sp::SoPrincipalCarrier {
        sp::SoPrincipalCarrier {
            associate: Some(name.to_uppercase()),
            e_mail_address: Some(format!(
                "{}@example.test",
                name.to_lowercase().replace(' ', ".")
            )),
            ..builders::principal(
                name,
                user_type,
                Some(date_time(
                    (2031, 12, 31),
                    (23, 59, 59),
                    (9, 9),
                    minutes(-840),
                )),
            )
        }
    }

    fn authenticated(
        name: &str,
        user_type: sp::UserType,
        ticket: &str,
    ) -> sp::AuthenticateResponse {
        builders::authenticated(principal(name, user_type), ticket)
    }

    pub(crate) fn get_system_info() -> (sp::GetSystemInfo, sp::GetSystemInfoResponse) {
        let dates = SystemInfoDates {
            next_check: Some(date_time((2024, 6, 1), (12, 0, 0), (0, 0), None)),
            maintenance: Some(date_time((2024, 6, 1), (12, 0, 0), (0, 0), utc())),
            admin_warning: Some(date_time((2024, 6, 1), (12, 0, 0), (0, 0), minutes(0))),
            expiry: Some(date_time(
                (2030, 1, 1),
                (0, 0, 0),
                (100_000_000, 1),
                minutes(840),
            )),
            grace: Some(date_time((2030, 1, 31), (24, 0, 0), (0, 0), None)),
            key_signed: Some(date_time(
                (2020, 2, 29),
                (8, 30, 0),
                (250_000_000, 4),
                minutes(60),
            )),
            key_expiry: Some(date_time((2040, 2, 29), (8, 30, 0), (0, 0), utc())),
            accumulated_next_check: Some(date_time(
                (2024, 7, 1),
                (6, 5, 4),
                (120_000_000, 3),
                minutes(-210),
            )),
        };
        (
            sp::GetSystemInfo {},
            sp::GetSystemInfoResponse {
                system_info: Some(builders::system_info(
                    dates,
                    field_properties("system"),
                    SPACED_CR,
                )),
            },
        )
    }

    pub(crate) fn authenticate_implicit() -> (sp::AuthenticateImplicit, sp::AuthenticateResponse) {
        (
            sp::AuthenticateImplicit {},
            authenticated(
                "Windows User",
                sp::UserType::InternalAssociate,
                "7T:implicit==",
            ),
        )
    }

    pub(crate) const USER_NAME: &str = "jane.doe@example.test";
    /// In the XML of the raw requests: `p&lt;a&gt;ss &amp; "word'`.
    pub(crate) const PASSWORD: &str = "p<a>ss & \"word'";

    pub(crate) fn authenticate_username_password()
    -> (sp::AuthenticateUsernamePassword, sp::AuthenticateResponse) {
        (
            sp::AuthenticateUsernamePassword {
                user_name: s(USER_NAME),
                password: s(PASSWORD),
            },
            authenticated("Jane Doe", sp::UserType::ExternalAssociate, "7T:jane=="),
        )
    }

    pub(crate) fn authenticate_generic() -> (sp::AuthenticateGeneric, sp::AuthenticateResponse) {
        (
            sp::AuthenticateGeneric {
                authentication_data: Some(vec![
                    ("provider".to_owned(), s("oidc")),
                    ("nonce".to_owned(), None),
                    ("scope".to_owned(), s("openid profile & email")),
                    ("empty".to_owned(), Some(String::new())),
                ]),
            },
            authenticated(
                "Generic Person",
                sp::UserType::AnonymousAssociate,
                "7T:generic==",
            ),
        )
    }

    pub(crate) fn authenticate_with_access_token()
    -> (sp::AuthenticateWithAccessToken, sp::AuthenticateResponse) {
        (
            sp::AuthenticateWithAccessToken {
                access_token: s("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2ln-_"),
            },
            authenticated(
                "Token Holder",
                sp::UserType::Unknown("ServiceAssociate".to_owned()),
                "7T:token==",
            ),
        )
    }

    pub(crate) const SP_DEFAULT_TOKEN: &str = "sp-app-token-42";

    pub(crate) fn sp_default_headers() -> sp::SoPrincipalRequestHeaders {
        sp::SoPrincipalRequestHeaders {
            application_token: s(SP_DEFAULT_TOKEN),
        }
    }

    /// What the test sets on `request.headers_mut()` for `op`, over the client's defaults.
    pub(crate) fn sp_override(op: &str, headers: &mut sp::SoPrincipalRequestHeaders) {
        match op {
            "AuthenticateWithAccessToken" => headers.application_token = s("sp-token-for-one-call"),
            // An empty token is a value: sent as such, not replaced by the default.
            "GetSystemInfo" => headers.application_token = Some(String::new()),
            _ => {}
        }
    }

    /// The headers the server must receive for `op`.
    pub(crate) fn sp_expected_headers(op: &str) -> sp::SoPrincipalRequestHeaders {
        sp::SoPrincipalRequestHeaders {
            application_token: match op {
                "AuthenticateWithAccessToken" => s("sp-token-for-one-call"),
                "GetSystemInfo" => Some(String::new()),
                _ => s(SP_DEFAULT_TOKEN),
            },
        }
    }

    /// The response headers the server sets for `op`.
    pub(crate) fn sp_response_headers(op: &str) -> sp::SoPrincipalResponseHeaders {
        match op {
            "AuthenticateImplicit" => sp::SoPrincipalResponseHeaders {
                succeeded: Some(true),
                ..Default::default()
            },
            _ => sp::SoPrincipalResponseHeaders {
                exception_info: None,
                extra_info: extra_info(op),
                succeeded: Some(true),
                time_zone: response_time_zone(op),
            },
        }
    }
}

// ---- Fake servers that check what they receive ----

/// What a fake server saw: the operations it served, and every way a request differed from
/// what the test sent.
type Log = fakes::Log<&'static str>;

/// No mismatch in `log`, and every operation of `ops` served exactly once.
fn assert_clean(log: &Log, ops: &[OperationInfo]) {
    let mismatches = log.mismatches();
    assert!(
        mismatches.is_empty(),
        "the server received wrong requests:\n{}",
        mismatches.join("\n")
    );
    let mut served = log.served();
    served.sort_unstable();
    assert_eq!(served, sorted_names(ops), "operations the server served");
}

/// What `values` says about a service's headers: those the server must receive for an
/// operation, and those it answers with; and how to show request headers in full (their
/// `Debug` output hides the secrets this test checks).
struct Headers<H, R> {
    expected: fn(&str) -> H,
    response: fn(&str) -> R,
    show: fn(&H) -> String,
}

impl<H: PartialEq, R> Headers<H, R> {
    /// Records a call of `op` in `log` and compares what arrived with `want` and the headers
    /// `values` expects (a mismatch is recorded and also answered as an error, so the call
    /// fails at once, not only at the end); answers `reply` with the response headers of
    /// `values`.
    fn answer<B: PartialEq + Debug, T>(
        &self,
        log: &Log,
        op: &OperationInfo,
        request: Request<B, H>,
        (want, reply): (B, T),
    ) -> Result<Response<T, R>, Error> {
        let (body, headers) = request.into_parts();
        log.check(
            op.name,
            op.name,
            (&body, &want),
            (&headers, &(self.expected)(op.name)),
            (self.show, BodyFormat::Compact),
        )?;
        Ok(Response::with_headers(reply, (self.response)(op.name)))
    }
}

type CsHeaders = Headers<cs::CustomerServiceRequestHeaders, cs::CustomerServiceResponseHeaders>;
type SpHeaders = Headers<sp::SoPrincipalRequestHeaders, sp::SoPrincipalResponseHeaders>;

const CS_HEADERS: CsHeaders = Headers {
    expected: values::cs_expected_headers,
    response: values::cs_response_headers,
    show: show_cs_headers,
};

const SP_HEADERS: SpHeaders = Headers {
    expected: values::sp_expected_headers,
    response: values::sp_response_headers,
    show: show_sp_headers,
};

fn sorted_names(ops: &[OperationInfo]) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = ops.iter().map(|op| op.name).collect();
    names.sort_unstable();
    names
}

/// Every operation of `ops` called, once each.
fn assert_covers(mut called: Vec<&'static str>, ops: &[OperationInfo]) {
    called.sort_unstable();
    assert_eq!(called, sorted_names(ops), "operations called");
}

/// A `CustomerService` that expects exactly the requests of `values` and answers their
/// responses.
struct CsFake {
    log: Log,
}

/// A `SoPrincipal` that expects exactly the requests of `values` and answers their responses.
struct SpFake {
    log: Log,
}

/// Implements a port type's trait on its fake (each method checks the request and answers
/// from `values`) and writes `$run`, which calls every operation through a client and checks
/// each response's body and headers against `values`. One list, so neither side can miss an
/// operation; the coverage is also checked against the generated operation list.
macro_rules! port {
    (
        $fake:ident implements $trait:path;
        async fn $run:ident(&$client:ident<T>);
        headers: $reqh:ty, $resph:ty = $headers:path;
        override: $override:path;
        $( $method:ident: $op:path = values::$fixture:ident => $req:ty, $resp:ty; )*
    ) => {
        impl $trait for $fake {
            $(
                async fn $method(
                    &self,
                    request: Request<$req, $reqh>,
                ) -> Result<Response<$resp, $resph>, Error> {
                    $headers.answer(&self.log, &$op, request, values::$fixture())
                }
            )*
        }

        /// Calls every operation through `client`, checking body and headers of each response;
        /// returns the operations called.
        async fn $run<T: Transport>(client: &$client<T>) -> Vec<&'static str> {
            let mut called = Vec::new();
            $(
                let (body, want) = values::$fixture();
                let mut request = Request::new(body);
                $override($op.name, request.headers_mut());
                let response = client
                    .$method(request)
                    .await
                    .unwrap_or_else(|error| panic!("{}: {error}", $op.name));
                assert_eq!(response.body(), &want, "{}: response body", $op.name);
                assert_eq!(
                    response.headers(),
                    &($headers.response)($op.name),
                    "{}: response headers",
                    $op.name
                );
                called.push($op.name);
            )*
            called
        }
    };
}

port! {
    CsFake implements cs::CustomerService;
    async fn call_every_cs_operation(&CsClient<T>);
    headers: cs::CustomerServiceRequestHeaders, cs::CustomerServiceResponseHeaders = CS_HEADERS;
    override: values::cs_override;
    create_default_customer_center_config: cs::CREATE_DEFAULT_CUSTOMER_CENTER_CONFIG = values::create_default_customer_center_config
        => cs::CreateDefaultCustomerCenterConfig, cs::CreateDefaultCustomerCenterConfigResponse;
    save_customer_center_config: cs::SAVE_CUSTOMER_CENTER_CONFIG = values::save_customer_center_config
        => cs::SaveCustomerCenterConfig, cs::SaveCustomerCenterConfigResponse;
    delete_customer_center_config: cs::DELETE_CUSTOMER_CENTER_CONFIG = values::delete_customer_center_config
        => cs::DeleteCustomerCenterConfig, cs::DeleteCustomerCenterConfigResponse;
    create_default_sms_config: cs::CREATE_DEFAULT_SMS_CONFIG = values::create_default_sms_config
        => cs::CreateDefaultSmsConfig, cs::CreateDefaultSmsConfigResponse;
    save_sms_config: cs::SAVE_SMS_CONFIG = values::save_sms_config
        => cs::SaveSmsConfig, cs::SaveSmsConfigResponse;
    get_program_url: cs::GET_PROGRAM_URL = values::get_program_url
        => cs::GetProgramUrl, cs::GetProgramUrlResponse;
    create_ticket_from_mail_data: cs::CREATE_TICKET_FROM_MAIL_DATA = values::create_ticket_from_mail_data
        => cs::CreateTicketFromMailData, cs::CreateTicketFromMailDataResponse;
    add_message_from_mail_data: cs::ADD_MESSAGE_FROM_MAIL_DATA = values::add_message_from_mail_data
        => cs::AddMessageFromMailData, cs::AddMessageFromMailDataResponse;
    find_tickets_by_title_or_id: cs::FIND_TICKETS_BY_TITLE_OR_ID = values::find_tickets_by_title_or_id
        => cs::FindTicketsByTitleOrId, cs::FindTicketsByTitleOrIdResponse;
    get_mailboxes: cs::GET_MAILBOXES = values::get_mailboxes
        => cs::GetMailboxes, cs::GetMailboxesResponse;
    test_smtp_server: cs::TEST_SMTP_SERVER = values::test_smtp_server
        => cs::TestSmtpServer, cs::TestSmtpServerResponse;
    get_customer_service_startup: cs::GET_CUSTOMER_SERVICE_STARTUP = values::get_customer_service_startup
        => cs::GetCustomerServiceStartup, cs::GetCustomerServiceStartupResponse;
    get_customer_center_config: cs::GET_CUSTOMER_CENTER_CONFIG = values::get_customer_center_config
        => cs::GetCustomerCenterConfig, cs::GetCustomerCenterConfigResponse;
    get_all_customer_center_configs: cs::GET_ALL_CUSTOMER_CENTER_CONFIGS = values::get_all_customer_center_configs
        => cs::GetAllCustomerCenterConfigs, cs::GetAllCustomerCenterConfigsResponse;
    save_all_customer_center_configs: cs::SAVE_ALL_CUSTOMER_CENTER_CONFIGS = values::save_all_customer_center_configs
        => cs::SaveAllCustomerCenterConfigs, cs::SaveAllCustomerCenterConfigsResponse;
    check_if_customized_templates: cs::CHECK_IF_CUSTOMIZED_TEMPLATES = values::check_if_customized_templates
        => cs::CheckIfCustomizedTemplates, cs::CheckIfCustomizedTemplatesResponse;
    create_session: cs::CREATE_SESSION = values::create_session
        => cs::CreateSession, cs::CreateSessionResponse;
    remove_session: cs::REMOVE_SESSION = values::remove_session
        => cs::RemoveSession, cs::RemoveSessionResponse;
    session_is_valid: cs::SESSION_IS_VALID = values::session_is_valid
        => cs::SessionIsValid, cs::SessionIsValidResponse;
    has_chat_notify: cs::HAS_CHAT_NOTIFY = values::has_chat_notify
        => cs::HasChatNotify, cs::HasChatNotifyResponse;
    check_symmetric_encryption: cs::CHECK_SYMMETRIC_ENCRYPTION = values::check_symmetric_encryption
        => cs::CheckSymmetricEncryption, cs::CheckSymmetricEncryptionResponse;
    update_feature_toggles: cs::UPDATE_FEATURE_TOGGLES = values::update_feature_toggles
        => cs::UpdateFeatureToggles, cs::UpdateFeatureTogglesResponse;
    event_handler_exists: cs::EVENT_HANDLER_EXISTS = values::event_handler_exists
        => cs::EventHandlerExists, cs::EventHandlerExistsResponse;
    execute_event_handlers: cs::EXECUTE_EVENT_HANDLERS = values::execute_event_handlers
        => cs::ExecuteEventHandlers, cs::ExecuteEventHandlersResponse;
    get_statistics: cs::GET_STATISTICS = values::get_statistics
        => cs::GetStatistics, cs::GetStatisticsResponse;
    get_sms_config: cs::GET_SMS_CONFIG = values::get_sms_config
        => cs::GetSmsConfig, cs::GetSmsConfigResponse;
    delete_chat_sessions: cs::DELETE_CHAT_SESSIONS = values::delete_chat_sessions
        => cs::DeleteChatSessions, cs::DeleteChatSessionsResponse;
    chat_sessions_for_user: cs::CHAT_SESSIONS_FOR_USER = values::chat_sessions_for_user
        => cs::ChatSessionsForUser, cs::ChatSessionsForUserResponse;
}

port! {
    SpFake implements sp::SoPrincipal;
    async fn call_every_sp_operation(&SpClient<T>);
    headers: sp::SoPrincipalRequestHeaders, sp::SoPrincipalResponseHeaders = SP_HEADERS;
    override: values::sp_override;
    get_system_info: sp::GET_SYSTEM_INFO = values::get_system_info
        => sp::GetSystemInfo, sp::GetSystemInfoResponse;
    authenticate_implicit: sp::AUTHENTICATE_IMPLICIT = values::authenticate_implicit
        => sp::AuthenticateImplicit, sp::AuthenticateResponse;
    authenticate_username_password: sp::AUTHENTICATE_USERNAME_PASSWORD = values::authenticate_username_password
        => sp::AuthenticateUsernamePassword, sp::AuthenticateResponse;
    authenticate_generic: sp::AUTHENTICATE_GENERIC = values::authenticate_generic
        => sp::AuthenticateGeneric, sp::AuthenticateResponse;
    authenticate_with_access_token: sp::AUTHENTICATE_WITH_ACCESS_TOKEN = values::authenticate_with_access_token
        => sp::AuthenticateWithAccessToken, sp::AuthenticateResponse;
}

/// Implements nothing: every operation answers the generated "not implemented" fault.
struct Nothing;

impl cs::CustomerService for Nothing {}

/// Counts calls and how many were in flight at once.
#[derive(Default)]
struct Stats {
    calls: AtomicUsize,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

struct InFlight<'a>(&'a Stats);

impl Stats {
    fn enter(&self) -> InFlight<'_> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.max_in_flight.fetch_max(now, Ordering::SeqCst);
        InFlight(self)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A `CustomerService` whose answers are derived from each request: `SessionIsValid` takes
/// keys `key-N` (valid when N is a multiple of 3), `GetProgramUrl` programs `prog-N`; both
/// sleep a little depending on N, so answers finish out of order, and echo the ticket,
/// token and time zone they received in their response headers.
#[derive(Clone, Default)]
struct Echo {
    stats: Arc<Stats>,
}

fn number_in(text: &str, prefix: &str) -> Result<u64, Error> {
    text.strip_prefix(prefix)
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| Error::implementation(format!("expected {prefix}N, got {text:?}")))
}

fn echo_headers(
    request: &cs::CustomerServiceRequestHeaders,
    argument: (&str, String),
) -> cs::CustomerServiceResponseHeaders {
    cs::CustomerServiceResponseHeaders {
        exception_info: None,
        extra_info: Some(vec![
            (argument.0.to_owned(), Some(argument.1)),
            (
                "ticket".to_owned(),
                request.credentials.as_ref().and_then(|c| c.ticket.clone()),
            ),
            ("token".to_owned(), request.application_token.clone()),
        ]),
        succeeded: Some(true),
        time_zone: request.time_zone.clone(),
    }
}

impl cs::CustomerService for Echo {
    async fn session_is_valid(
        &self,
        request: CsRequest<cs::SessionIsValid>,
    ) -> CsResult<cs::SessionIsValidResponse> {
        let _in_flight = self.stats.enter();
        let (body, headers) = request.into_parts();
        let key = body.cs_session_key.unwrap_or_default();
        let n = number_in(&key, "key-")?;
        tokio::time::sleep(Duration::from_millis(n % 7 * 3)).await;
        Ok(Response::with_headers(
            cs::SessionIsValidResponse {
                response: Some(n % 3 == 0),
            },
            echo_headers(&headers, ("key", key)),
        ))
    }

    async fn get_program_url(
        &self,
        request: CsRequest<cs::GetProgramUrl>,
    ) -> CsResult<cs::GetProgramUrlResponse> {
        let _in_flight = self.stats.enter();
        let (body, headers) = request.into_parts();
        let program = body.program_name.unwrap_or_default();
        let n = number_in(&program, "prog-")?;
        tokio::time::sleep(Duration::from_millis(n % 5 * 4)).await;
        let ticket = headers.credentials.as_ref().and_then(|c| c.ticket.clone());
        let url = format!(
            "https://cs.example.test/{program}?external={:?}&ticket={}",
            body.external,
            ticket.unwrap_or_default()
        );
        Ok(Response::with_headers(
            cs::GetProgramUrlResponse {
                response: Some(url),
            },
            echo_headers(&headers, ("program", program)),
        ))
    }
}

// ---- Helpers for raw HTTP ----

/// One request as a transport saw it.
#[derive(Debug, Clone)]
struct Seen {
    method: http::Method,
    uri: String,
    headers: http::HeaderMap,
    body: Bytes,
}

/// A transport that records every request before passing it on.
#[derive(Clone)]
struct Recording<T> {
    inner: T,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl<T> Recording<T> {
    fn new(inner: T) -> Self {
        Recording {
            inner,
            seen: Arc::default(),
        }
    }

    fn seen(&self) -> Vec<Seen> {
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

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

/// The root element of `xml` as `{namespace}local`, read by the test's own XML parser.
fn root_name(xml: &[u8]) -> String {
    canonical::parse(xml)
        .unwrap_or_else(|e| panic!("not XML ({e}): {}", text(xml)))
        .name
}

/// Decodes a reply envelope holding `op`'s response (or a fault).
fn decode<H: soap_runtime::HeaderSet, B: XmlType>(
    op: &OperationInfo,
    xml: &[u8],
) -> Envelope<H, B> {
    read_envelope(xml, &op.output.unwrap(), &ReaderConfig::default())
        .unwrap_or_else(|e| panic!("{}: undecodable reply ({e}): {}", op.name, text(xml)))
}

fn element<B>(body: Body<B>) -> B {
    match body {
        Body::Element(body) => body,
        Body::Fault(fault) => panic!("expected a response, got {fault}"),
    }
}

fn fault<B: Debug>(body: Body<B>) -> Fault {
    match body {
        Body::Fault(fault) => *fault,
        Body::Element(body) => panic!("expected a fault, got {body:?}"),
    }
}

/// A SOAP 1.2 envelope with the given header and body content.
fn soap12_envelope(header: &str, body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?><env:Envelope xmlns:env="{SOAP12_ENV_NS}"><env:Header>{header}</env:Header><env:Body>{body}</env:Body></env:Envelope>"#
    )
}

/// A SOAP 1.1 envelope with the given header and body content.
fn soap11_envelope(header: &str, body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{SOAP11_ENV_NS}"><soap:Header>{header}</soap:Header><soap:Body>{body}</soap:Body></soap:Envelope>"#
    )
}

fn cs_header_xml(token: &str, ticket: &str) -> String {
    format!(
        r#"<ApplicationToken xmlns="{NS}">{token}</ApplicationToken><Credentials xmlns="{NS}"><Ticket>{ticket}</Ticket></Credentials>"#
    )
}

fn session_is_valid_xml(key: &str) -> String {
    format!(r#"<SessionIsValid xmlns="{NS}"><CsSessionKey>{key}</CsSessionKey></SessionIsValid>"#)
}

fn get_program_url_xml(program: &str) -> String {
    format!(
        r#"<GetProgramUrl xmlns="{NS}"><ProgramName>{program}</ProgramName><External>false</External></GetProgramUrl>"#
    )
}

fn soap12_content_type(action: &str) -> String {
    format!("application/soap+xml; charset=utf-8; action=\"{action}\"")
}

fn extra(headers: &cs::CustomerServiceResponseHeaders) -> Vec<(String, Option<String>)> {
    headers.extra_info.clone().unwrap_or_default()
}

fn pair(key: &str, value: &str) -> (String, Option<String>) {
    (key.to_owned(), Some(value.to_owned()))
}

fn free_of_soap11_namespace(xml: &[u8]) -> bool {
    !text(xml).contains(SOAP11_ENV_NS)
}

// ---- The tests ----

fn cs_http_client(server: &HttpServer) -> CsClient<HttpTransport> {
    let mut client = CsClient::new(server.url(CS_PATH)).unwrap();
    let defaults = values::cs_default_headers();
    client.default_headers_mut().application_token = defaults.application_token;
    client.default_headers_mut().credentials = defaults.credentials;
    client.default_headers_mut().time_zone = defaults.time_zone;
    client
}

fn sp_http_client(server: &HttpServer) -> SpClient<HttpTransport> {
    let mut client = SpClient::new(server.url(SP_PATH)).unwrap();
    client.default_headers_mut().application_token = Some(values::SP_DEFAULT_TOKEN.to_owned());
    client
}

async fn serve_cs(service: impl cs::CustomerService + 'static) -> HttpServer {
    serve(
        cs::CustomerServiceServer::new(service),
        ServerConfig::default(),
    )
    .await
}

async fn serve_sp(service: impl sp::SoPrincipal + 'static) -> HttpServer {
    serve(sp::SoPrincipalServer::new(service), ServerConfig::default()).await
}

/// All 33 operations through the generated clients over HTTP: the servers check every
/// request body and header, the test checks every response body and header.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_over_http() {
    let cs_log = Log::default();
    let sp_log = Log::default();
    let cs_server = serve_cs(CsFake {
        log: cs_log.clone(),
    })
    .await;
    let sp_server = serve_sp(SpFake {
        log: sp_log.clone(),
    })
    .await;
    let cs_client = cs_http_client(&cs_server);
    let sp_client = sp_http_client(&sp_server);

    let called = call_every_cs_operation(&cs_client).await;
    assert_eq!(called.len(), 28);
    assert_covers(called, cs::CUSTOMER_SERVICE_OPERATIONS);
    let called = call_every_sp_operation(&sp_client).await;
    assert_eq!(called.len(), 5);
    assert_covers(called, sp::SO_PRINCIPAL_OPERATIONS);

    // Per-call overrides did not change the defaults.
    assert!(*cs_client.default_headers() == values::cs_default_headers());
    assert!(*sp_client.default_headers() == values::sp_default_headers());

    assert_clean(&cs_log, cs::CUSTOMER_SERVICE_OPERATIONS);
    assert_clean(&sp_log, sp::SO_PRINCIPAL_OPERATIONS);
    cs_server.shutdown().await;
    sp_server.shutdown().await;
}

/// The fake's checks work: a request other than the expected one fails the call with a
/// Receiver fault naming the difference, and is recorded.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_request_fails_the_call_and_is_recorded() {
    let log = Log::default();
    let server = serve_cs(CsFake { log: log.clone() }).await;
    let client = cs_http_client(&server);
    // The body is right but SessionIsValid expects the overriding ticket, not the default.
    let (body, _) = values::session_is_valid();
    let error = client
        .session_is_valid(Request::new(body))
        .await
        .unwrap_err();
    let fault = error
        .fault()
        .unwrap_or_else(|| panic!("not a fault: {error}"));
    assert_eq!(fault.blame(), Some(FaultBlame::Receiver));
    assert!(fault.reason.contains("request headers"), "{}", fault.reason);
    assert!(
        fault.reason.contains("7T:ticket-for-one-call=="),
        "{}",
        fault.reason
    );
    let mismatches = log.mismatches();
    assert_eq!(mismatches.len(), 1, "{mismatches:?}");
    assert!(
        mismatches[0].starts_with("SessionIsValid: request headers"),
        "{mismatches:?}"
    );
    server.shutdown().await;
}

/// The fault of `over_http`, which must be one, and equal that of `in_process` (`what`).
#[track_caller]
fn same_fault<'a>(over_http: &'a Error, in_process: &Error, what: &str) -> &'a Fault {
    let fault = over_http
        .fault()
        .unwrap_or_else(|| panic!("not a fault: {over_http}"));
    assert_eq!(Some(fault), in_process.fault(), "{what}");
    fault
}

/// The in-process transport runs the same encode and decode paths: every operation passes the
/// same checks in-process, and responses and faults equal those over HTTP.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_process_transport_answers_like_http() {
    let cs_log = Log::default();
    let sp_log = Log::default();
    let cs_server = serve_cs(CsFake {
        log: Log::default(),
    })
    .await;
    let sp_server = serve_sp(SpFake {
        log: Log::default(),
    })
    .await;
    let cs_http = cs_http_client(&cs_server);
    let sp_http = sp_http_client(&sp_server);
    let cs_local = CsClient::with_transport(
        "inproc://customer-service",
        InProcessTransport::new(cs::CustomerServiceServer::new(CsFake {
            log: cs_log.clone(),
        })),
    )
    .with_default_headers(values::cs_default_headers());
    let sp_local = SpClient::with_transport(
        "inproc://so-principal",
        InProcessTransport::new(sp::SoPrincipalServer::new(SpFake {
            log: sp_log.clone(),
        })),
    )
    .with_default_headers(values::sp_default_headers());

    assert_covers(
        call_every_cs_operation(&cs_local).await,
        cs::CUSTOMER_SERVICE_OPERATIONS,
    );
    assert_covers(
        call_every_sp_operation(&sp_local).await,
        sp::SO_PRINCIPAL_OPERATIONS,
    );
    assert_clean(&cs_log, cs::CUSTOMER_SERVICE_OPERATIONS);
    assert_clean(&sp_log, sp::SO_PRINCIPAL_OPERATIONS);

    // Response by response, both transports give equal bodies and headers.
    let mut compared = Vec::new();
    macro_rules! same {
        ($http:expr, $local:expr, $override:path, $method:ident, $op:path, $fixture:ident) => {{
            let mut over_http = Request::new(values::$fixture().0);
            $override($op.name, over_http.headers_mut());
            let mut in_process = Request::new(values::$fixture().0);
            $override($op.name, in_process.headers_mut());
            let over_http = $http.$method(over_http).await.unwrap();
            let in_process = $local.$method(in_process).await.unwrap();
            assert_eq!(over_http.body(), in_process.body(), "{}: bodies", $op.name);
            assert_eq!(
                over_http.headers(),
                in_process.headers(),
                "{}: headers",
                $op.name
            );
            assert!(over_http.headers().extra_info.is_some(), "{}", $op.name);
            compared.push($op.name);
        }};
    }
    let ovr = values::cs_override;
    same!(
        cs_http,
        cs_local,
        ovr,
        session_is_valid,
        cs::SESSION_IS_VALID,
        session_is_valid
    );
    same!(
        cs_http,
        cs_local,
        ovr,
        get_statistics,
        cs::GET_STATISTICS,
        get_statistics
    );
    same!(
        cs_http,
        cs_local,
        ovr,
        get_all_customer_center_configs,
        cs::GET_ALL_CUSTOMER_CENTER_CONFIGS,
        get_all_customer_center_configs
    );
    same!(
        cs_http,
        cs_local,
        ovr,
        execute_event_handlers,
        cs::EXECUTE_EVENT_HANDLERS,
        execute_event_handlers
    );
    same!(
        cs_http,
        cs_local,
        ovr,
        find_tickets_by_title_or_id,
        cs::FIND_TICKETS_BY_TITLE_OR_ID,
        find_tickets_by_title_or_id
    );
    same!(
        cs_http,
        cs_local,
        ovr,
        get_sms_config,
        cs::GET_SMS_CONFIG,
        get_sms_config
    );
    let ovr = values::sp_override;
    same!(
        sp_http,
        sp_local,
        ovr,
        get_system_info,
        sp::GET_SYSTEM_INFO,
        get_system_info
    );
    same!(
        sp_http,
        sp_local,
        ovr,
        authenticate_generic,
        sp::AUTHENTICATE_GENERIC,
        authenticate_generic
    );
    same!(
        sp_http,
        sp_local,
        ovr,
        authenticate_with_access_token,
        sp::AUTHENTICATE_WITH_ACCESS_TOKEN,
        authenticate_with_access_token
    );
    assert_eq!(compared.len(), 9);

    // Faults are the same too: an operation the implementation lacks ...
    let nothing_server = serve_cs(Nothing).await;
    let nothing_http = CsClient::new(nothing_server.url(CS_PATH)).unwrap();
    let nothing_local = CsClient::with_transport(
        "inproc:",
        InProcessTransport::new(cs::CustomerServiceServer::new(Nothing)),
    );
    let over_http = nothing_http
        .get_mailboxes(Request::new(cs::GetMailboxes {}))
        .await
        .unwrap_err();
    let in_process = nothing_local
        .get_mailboxes(Request::new(cs::GetMailboxes {}))
        .await
        .unwrap_err();
    let fault = same_fault(
        &over_http,
        &in_process,
        "faults of an unimplemented operation",
    );
    assert_eq!(fault.version, SoapVersion::Soap11);
    assert_eq!(fault.code, QName::new(SOAP11_ENV_NS, "Server"));
    assert!(fault.reason.contains("GetMailboxes"), "{}", fault.reason);
    assert!(fault.reason.contains("not implemented"), "{}", fault.reason);

    // ... and an implementation's error (the fake refusing an unexpected request).
    let (mut body, _) = values::remove_session();
    body.login_id = Some(12345);
    let over_http = cs_http
        .remove_session(Request::new(body.clone()))
        .await
        .unwrap_err();
    let in_process = cs_local
        .remove_session(Request::new(body))
        .await
        .unwrap_err();
    let fault = same_fault(&over_http, &in_process, "faults of a failed implementation");
    assert_eq!(fault.code, QName::new(SOAP11_ENV_NS, "Server"));
    assert!(fault.reason.contains("Some(12345)"), "{}", fault.reason);

    cs_server.shutdown().await;
    sp_server.shutdown().await;
    nothing_server.shutdown().await;
}

/// 100 calls at once through one client (shared by `Arc`), each with its own argument and, for
/// some, its own ticket and time zone: every answer is the one derived from its own request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundred_concurrent_calls_through_one_client() {
    let echo = Echo::default();
    let stats = Arc::clone(&echo.stats);
    let server = serve_cs(echo).await;
    let mut client = CsClient::new(server.url(CS_PATH)).unwrap();
    client.default_headers_mut().application_token = Some("concurrent-app".to_owned());
    client.default_headers_mut().credentials = Some(SoCredentials {
        ticket: Some("default-ticket".to_owned()),
    });
    let client = Arc::new(client);

    let mut tasks = JoinSet::new();
    for i in 0..100_u64 {
        let client = Arc::clone(&client);
        tasks.spawn(async move {
            let own_ticket = i % 4 == 0;
            let ticket = if own_ticket { format!("ticket-{i}") } else { "default-ticket".to_owned() };
            let zone = (i % 5 == 0).then(|| SoTimeZone {
                so_time_zone_id: Some(i32::try_from(i).unwrap()),
                so_time_zone_location_code: Some(format!("zone-{i}")),
            });
            let set_headers = |headers: &mut cs::CustomerServiceRequestHeaders| {
                if own_ticket {
                    headers.credentials = Some(SoCredentials {
                        ticket: Some(ticket.clone()),
                    });
                }
                headers.time_zone.clone_from(&zone);
            };
            if i % 2 == 0 {
                let key = format!("key-{i}");
                let mut request = Request::new(cs::SessionIsValid {
                    cs_session_key: Some(key.clone()),
                });
                set_headers(request.headers_mut());
                let response = client
                    .session_is_valid(request)
                    .await
                    .unwrap_or_else(|e| panic!("call {i}: {e}"));
                assert_eq!(response.body().response, Some(i % 3 == 0), "call {i}");
                assert_eq!(
                    extra(response.headers()),
                    [pair("key", &key), pair("ticket", &ticket), pair("token", "concurrent-app")],
                    "call {i}"
                );
                assert_eq!(response.headers().time_zone, zone, "call {i}");
            } else {
                let program = format!("prog-{i}");
                let external = (i % 3 == 1).then_some(true);
                let mut request = Request::new(cs::GetProgramUrl {
                    program_name: Some(program.clone()),
                    external,
                });
                set_headers(request.headers_mut());
                let response = client
                    .get_program_url(request)
                    .await
                    .unwrap_or_else(|e| panic!("call {i}: {e}"));
                assert_eq!(
                    response.body().response.as_deref(),
                    Some(
                        format!("https://cs.example.test/{program}?external={external:?}&ticket={ticket}")
                            .as_str()
                    ),
                    "call {i}"
                );
                assert_eq!(
                    extra(response.headers()),
                    [pair("program", &program), pair("ticket", &ticket), pair("token", "concurrent-app")],
                    "call {i}"
                );
                assert_eq!(response.headers().time_zone, zone, "call {i}");
            }
            i
        });
    }
    let mut done = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        done.push(joined.unwrap());
    }
    done.sort_unstable();
    assert_eq!(done, (0..100).collect::<Vec<_>>());
    assert_eq!(stats.calls.load(Ordering::SeqCst), 100);
    let max = stats.max_in_flight.load(Ordering::SeqCst);
    assert!(
        max > 1,
        "the calls never overlapped (at most {max} in flight)"
    );
    server.shutdown().await;
}

/// A raw SOAP 1.2 request (action in the content type) is answered in SOAP 1.2: content type
/// `application/soap+xml`, the SOAP 1.2 envelope namespace, headers and body as for SOAP 1.1.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn soap12_request_is_answered_in_soap12() {
    let server = serve_cs(Echo::default()).await;
    let xml = soap12_envelope(
        &cs_header_xml("raw-app", "raw &amp; ticket"),
        &session_is_valid_xml("key-9"),
    );
    let response = post(
        &server.url(CS_PATH),
        &[(
            "content-type",
            &soap12_content_type(cs::SESSION_IS_VALID.soap_action),
        )],
        xml,
    )
    .await;
    let body = response.body();
    assert_eq!(response.status(), http::StatusCode::OK, "{}", text(body));
    assert_eq!(
        content_type(&response),
        "application/soap+xml; charset=utf-8"
    );
    assert_eq!(root_name(body), format!("{{{SOAP12_ENV_NS}}}Envelope"));
    assert!(
        free_of_soap11_namespace(body),
        "SOAP 1.1 namespace in a SOAP 1.2 reply: {}",
        text(body)
    );
    let envelope: Envelope<cs::CustomerServiceResponseHeaders, cs::SessionIsValidResponse> =
        decode(&cs::SESSION_IS_VALID, body);
    assert_eq!(envelope.version, SoapVersion::Soap12);
    assert_eq!(
        extra(&envelope.headers),
        [
            pair("key", "key-9"),
            pair("ticket", "raw & ticket"),
            pair("token", "raw-app")
        ]
    );
    assert_eq!(element(envelope.body).response, Some(true));
    server.shutdown().await;
}

/// The runtime client speaks SOAP 1.2 when an operation's binding says so: it sends
/// `application/soap+xml` with the action parameter and no `SOAPAction`, and reads the
/// SOAP 1.2 reply.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn soap12_client_call_is_answered_in_soap12() {
    let server = serve_cs(Echo::default()).await;
    let op = OperationInfo {
        soap_version: SoapVersion::Soap12,
        ..cs::GET_PROGRAM_URL
    };
    let transport = Recording::new(HttpTransport::new().unwrap());
    let client = Client::new(server.url(CS_PATH), transport.clone());
    let mut request: CsRequest<_> = Request::new(cs::GetProgramUrl {
        program_name: Some("prog-12".to_owned()),
        external: Some(false),
    });
    request.headers_mut().application_token = Some("soap12-app".to_owned());
    let defaults = cs::CustomerServiceRequestHeaders {
        credentials: Some(SoCredentials {
            ticket: Some("soap12-ticket".to_owned()),
        }),
        ..Default::default()
    };
    let response: Response<cs::GetProgramUrlResponse, cs::CustomerServiceResponseHeaders> =
        client.call(&op, request, Some(&defaults)).await.unwrap();
    assert_eq!(
        response.body().response.as_deref(),
        Some("https://cs.example.test/prog-12?external=Some(false)&ticket=soap12-ticket")
    );
    assert_eq!(
        extra(response.headers()),
        [
            pair("program", "prog-12"),
            pair("ticket", "soap12-ticket"),
            pair("token", "soap12-app")
        ]
    );

    let seen = transport.seen();
    assert_eq!(seen.len(), 1);
    let sent = &seen[0];
    assert_eq!(sent.method, http::Method::POST);
    assert_eq!(
        sent.headers.get(http::header::CONTENT_TYPE).unwrap(),
        soap12_content_type(cs::GET_PROGRAM_URL.soap_action).as_str()
    );
    assert!(
        sent.headers.get("SOAPAction").is_none(),
        "{:?}",
        sent.headers
    );
    assert_eq!(
        root_name(&sent.body),
        format!("{{{SOAP12_ENV_NS}}}Envelope")
    );
    server.shutdown().await;
}

/// Without a SOAP action (no `SOAPAction` header, an empty one, or a SOAP 1.2 content type
/// without `action`), a request is routed by its body element; with one, the action decides.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_without_soap_action_are_routed_by_body_element() {
    let server = serve_cs(Echo::default()).await;
    let url = server.url(CS_PATH);
    let header = cs_header_xml("route-app", "route-ticket");
    let cases: [(&str, &[(&str, &str)]); 3] = [
        (
            "no SOAPAction",
            &[("content-type", "text/xml; charset=utf-8")],
        ),
        (
            "empty SOAPAction",
            &[
                ("content-type", "text/xml; charset=utf-8"),
                ("SOAPAction", "\"\""),
            ],
        ),
        (
            "SOAP 1.2 without action",
            &[("content-type", "application/soap+xml; charset=utf-8")],
        ),
    ];
    for (n, (case, headers)) in cases.into_iter().enumerate() {
        let soap12 = case.starts_with("SOAP 1.2");
        let program = format!("prog-{n}");
        let xml = if soap12 {
            soap12_envelope(&header, &get_program_url_xml(&program))
        } else {
            soap11_envelope(&header, &get_program_url_xml(&program))
        };
        let response = post(&url, headers, xml).await;
        let body = response.body();
        assert_eq!(
            response.status(),
            http::StatusCode::OK,
            "{case}: {}",
            text(body)
        );
        let (version, namespace, media) = if soap12 {
            (
                SoapVersion::Soap12,
                SOAP12_ENV_NS,
                "application/soap+xml; charset=utf-8",
            )
        } else {
            (
                SoapVersion::Soap11,
                SOAP11_ENV_NS,
                "text/xml; charset=utf-8",
            )
        };
        assert_eq!(content_type(&response), media, "{case}");
        assert_eq!(
            root_name(body),
            format!("{{{namespace}}}Envelope"),
            "{case}"
        );
        let envelope: Envelope<cs::CustomerServiceResponseHeaders, cs::GetProgramUrlResponse> =
            decode(&cs::GET_PROGRAM_URL, body);
        assert_eq!(envelope.version, version, "{case}");
        assert_eq!(
            extra(&envelope.headers),
            [
                pair("program", &program),
                pair("ticket", "route-ticket"),
                pair("token", "route-app")
            ],
            "{case}"
        );
        assert_eq!(
            element(envelope.body).response,
            Some(format!(
                "https://cs.example.test/{program}?external=Some(false)&ticket=route-ticket"
            )),
            "{case}"
        );
    }

    // The action wins over the body element: a GetProgramUrl body sent as SessionIsValid is a
    // malformed SessionIsValid request, the client's fault.
    let response = post(
        &url,
        &[
            ("content-type", "text/xml; charset=utf-8"),
            (
                "SOAPAction",
                &format!("\"{}\"", cs::SESSION_IS_VALID.soap_action),
            ),
        ],
        soap11_envelope(&header, &get_program_url_xml("prog-1")),
    )
    .await;
    assert_eq!(response.status(), http::StatusCode::INTERNAL_SERVER_ERROR);
    let envelope: Envelope<(), cs::SessionIsValidResponse> =
        decode(&cs::SESSION_IS_VALID, response.body());
    let fault = fault(envelope.body);
    assert_eq!(fault.code, QName::new(SOAP11_ENV_NS, "Client"), "{fault}");
    assert!(fault.reason.contains("SessionIsValid"), "{fault}");
    server.shutdown().await;

    // SoPrincipal too, for an operation whose response element it shares with three others:
    // a SOAP 1.2 AuthenticateUsernamePassword without action reaches the right method, which
    // checks body and header and answers in SOAP 1.2.
    let log = Log::default();
    let server = serve_sp(SpFake { log: log.clone() }).await;
    let token = values::SP_DEFAULT_TOKEN;
    let xml = soap12_envelope(
        &format!(r#"<ApplicationToken xmlns="{NS}">{token}</ApplicationToken>"#),
        &format!(
            r#"<AuthenticateUsernamePassword xmlns="{NS}"><UserName>{}</UserName><Password>p&lt;a&gt;ss &amp; "word'</Password></AuthenticateUsernamePassword>"#,
            values::USER_NAME
        ),
    );
    let response = post(
        &server.url(SP_PATH),
        &[("content-type", "application/soap+xml; charset=utf-8")],
        xml,
    )
    .await;
    let body = response.body();
    assert_eq!(response.status(), http::StatusCode::OK, "{}", text(body));
    assert_eq!(
        content_type(&response),
        "application/soap+xml; charset=utf-8"
    );
    let envelope: Envelope<sp::SoPrincipalResponseHeaders, sp::AuthenticateResponse> =
        decode(&sp::AUTHENTICATE_USERNAME_PASSWORD, body);
    assert_eq!(envelope.version, SoapVersion::Soap12);
    assert_eq!(
        envelope.headers,
        values::sp_response_headers("AuthenticateUsernamePassword")
    );
    assert_eq!(
        element(envelope.body),
        values::authenticate_username_password().1
    );
    assert!(log.mismatches().is_empty(), "{:?}", log.mismatches());
    assert_eq!(log.served(), ["AuthenticateUsernamePassword"]);
    server.shutdown().await;
}

/// Faults answering SOAP 1.2 requests are SOAP 1.2 faults with SOAP 1.2 codes (`Receiver`,
/// `Sender` in the SOAP 1.2 namespace) whatever produced them: the default "not implemented"
/// of the generated trait, an implementation's error, or a malformed request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn soap12_faults_carry_soap12_codes() {
    let server = serve_cs(Echo::default()).await;
    let url = server.url(CS_PATH);
    let header = cs_header_xml("fault-app", "fault-ticket");
    let cases = [
        (
            "unimplemented operation",
            cs::GET_MAILBOXES,
            format!(r#"<GetMailboxes xmlns="{NS}"/>"#),
            http::StatusCode::INTERNAL_SERVER_ERROR,
            "Receiver",
            "not implemented",
        ),
        (
            "implementation error",
            cs::SESSION_IS_VALID,
            session_is_valid_xml("not-a-key"),
            http::StatusCode::INTERNAL_SERVER_ERROR,
            "Receiver",
            "not-a-key",
        ),
        (
            "malformed request",
            cs::SESSION_IS_VALID,
            get_program_url_xml("prog-1"),
            http::StatusCode::BAD_REQUEST,
            "Sender",
            "SessionIsValid",
        ),
    ];
    let mut failures = Vec::new();
    for (case, op, body_xml, status, code, reason) in cases {
        let response = post(
            &url,
            &[("content-type", &soap12_content_type(op.soap_action))],
            soap12_envelope(&header, &body_xml),
        )
        .await;
        let body = response.body();
        assert_eq!(
            content_type(&response),
            "application/soap+xml; charset=utf-8",
            "{case}"
        );
        assert_eq!(
            root_name(body),
            format!("{{{SOAP12_ENV_NS}}}Envelope"),
            "{case}"
        );
        let envelope: Envelope<(), cs::GetMailboxesResponse> = decode(&op, body);
        assert_eq!(envelope.version, SoapVersion::Soap12, "{case}");
        let fault = fault(envelope.body);
        assert_eq!(fault.version, SoapVersion::Soap12, "{case}");
        assert!(fault.reason.contains(reason), "{case}: {fault}");
        if response.status() != status {
            failures.push(format!(
                "{case}: HTTP status {}, expected {status}",
                response.status()
            ));
        }
        if fault.code != QName::new(SOAP12_ENV_NS, code) {
            failures.push(format!(
                "{case}: fault code {{{}}}{}, expected {{{SOAP12_ENV_NS}}}{code}; reply: {}",
                fault.code.namespace,
                fault.code.local_name,
                text(body)
            ));
        }
        if !free_of_soap11_namespace(body) {
            failures.push(format!(
                "{case}: SOAP 1.1 namespace in a SOAP 1.2 reply: {}",
                text(body)
            ));
        }
    }
    server.shutdown().await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The generated client sends SOAP 1.1 for these bindings: POST to the endpoint,
/// `text/xml; charset=utf-8`, the operation's action quoted in `SOAPAction`, a SOAP 1.1
/// envelope whose body element is the operation's input element.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generated_client_sends_soap11_with_quoted_soap_action() {
    let log = Log::default();
    let server = serve_cs(CsFake { log: log.clone() }).await;
    let transport = Recording::new(HttpTransport::new().unwrap());
    let url = server.url(CS_PATH);
    let client = CsClient::with_transport(url.clone(), transport.clone())
        .with_default_headers(values::cs_default_headers());
    let called = call_every_cs_operation(&client).await;
    assert_clean(&log, cs::CUSTOMER_SERVICE_OPERATIONS);

    let seen = transport.seen();
    assert_eq!(seen.len(), called.len());
    for (sent, name) in seen.iter().zip(&called) {
        let op = cs::CUSTOMER_SERVICE_OPERATIONS
            .iter()
            .find(|op| op.name == *name)
            .unwrap();
        assert_eq!(sent.method, http::Method::POST, "{name}");
        assert_eq!(sent.uri, url, "{name}");
        assert_eq!(
            sent.headers.get(http::header::CONTENT_TYPE).unwrap(),
            "text/xml; charset=utf-8",
            "{name}"
        );
        assert_eq!(
            sent.headers.get("SOAPAction").unwrap().to_str().unwrap(),
            format!("\"{}\"", op.soap_action),
            "{name}"
        );
        let envelope = canonical::parse(&sent.body).unwrap();
        assert_eq!(
            envelope.name,
            format!("{{{SOAP11_ENV_NS}}}Envelope"),
            "{name}"
        );
        let body_element = envelope
            .child("Body")
            .and_then(|b| b.elements().next())
            .unwrap();
        assert_eq!(
            body_element.name,
            format!("{{{}}}{}", op.input.namespace, op.input.local_name),
            "{name}"
        );
        assert!(
            envelope.child("Header").is_some(),
            "{name}: no SOAP headers sent"
        );
    }
    server.shutdown().await;
}
