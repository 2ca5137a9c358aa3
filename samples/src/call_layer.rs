//! The values of the call-layer tests (`tests/tests/calls/call_layer`): request bodies,
//! response bodies and headers, built by hand (with the builders shared with the interop
//! tests). One function per operation, named after it, gives its (request, response).
//!
//! Longer than 600 lines: it is data, one function per operation.

#![allow(missing_docs)] // Each function is named after the operation whose values it builds.

use crate::builders::{
    self, Dictionary, FieldProperties, MARKUP, SPACED_CR, SystemInfoDates, UNICODE, chat,
    date_time, s, table_right, table_right_with_unknown_flag, toggle,
};
use soap_runtime::types::TimeZoneOffset;
use superoffice_services87::common::{ETableRightFlag, SoCredentials, SoTimeZone};
use superoffice_services87::customer_service as cs;
use superoffice_services87::so_principal as sp;

pub use crate::builders::{
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

pub fn create_default_customer_center_config() -> (
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

pub fn save_customer_center_config() -> (
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

pub fn delete_customer_center_config() -> (
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

pub fn create_default_sms_config() -> (
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

pub fn save_sms_config() -> (cs::SaveSmsConfig, cs::SaveSmsConfigResponse) {
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

pub fn create_ticket_from_mail_data() -> (
    cs::CreateTicketFromMailData,
    cs::CreateTicketFromMailDataResponse,
) {
    builders::create_ticket_from_mail_data(ticket)
}

pub fn add_message_from_mail_data() -> (
    cs::AddMessageFromMailData,
    cs::AddMessageFromMailDataResponse,
) {
    builders::add_message_from_mail_data(ticket)
}

pub fn find_tickets_by_title_or_id() -> (
    cs::FindTicketsByTitleOrId,
    cs::FindTicketsByTitleOrIdResponse,
) {
    builders::find_tickets_by_title_or_id(ticket, ticket(-3, ""))
}

pub fn get_mailboxes() -> (cs::GetMailboxes, cs::GetMailboxesResponse) {
    builders::get_mailboxes(field_properties("mailbox"))
}

pub fn test_smtp_server() -> (cs::TestSmtpServer, cs::TestSmtpServerResponse) {
    builders::test_smtp_server(field_properties("smtp"))
}

pub fn get_customer_center_config() -> (
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

pub fn get_all_customer_center_configs() -> (
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

pub fn save_all_customer_center_configs() -> (
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

pub fn check_if_customized_templates() -> (
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

pub fn create_session() -> (cs::CreateSession, cs::CreateSessionResponse) {
    builders::create_session(field_properties("session"))
}

pub fn remove_session() -> (cs::RemoveSession, cs::RemoveSessionResponse) {
    (
        cs::RemoveSession { login_id: Some(-1) },
        cs::RemoveSessionResponse {},
    )
}

pub fn has_chat_notify() -> (cs::HasChatNotify, cs::HasChatNotifyResponse) {
    (
        cs::HasChatNotify {},
        cs::HasChatNotifyResponse {
            response: Some(false),
        },
    )
}

pub fn update_feature_toggles() -> (cs::UpdateFeatureToggles, cs::UpdateFeatureTogglesResponse) {
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

pub fn execute_event_handlers() -> (cs::ExecuteEventHandlers, cs::ExecuteEventHandlersResponse) {
    (
        cs::ExecuteEventHandlers {
            event_data: Some(event_data(false)),
        },
        cs::ExecuteEventHandlersResponse {
            response: Some(event_data(true)),
        },
    )
}

pub fn get_statistics() -> (cs::GetStatistics, cs::GetStatisticsResponse) {
    builders::get_statistics(
        table_right(&[ETableRightFlag::Select], &[], None),
        field_properties("stats"),
    )
}

pub fn get_sms_config() -> (cs::GetSmsConfig, cs::GetSmsConfigResponse) {
    (
        cs::GetSmsConfig {},
        cs::GetSmsConfigResponse {
            response: Some(sms_config(UNICODE)),
        },
    )
}

pub fn chat_sessions_for_user() -> (cs::ChatSessionsForUser, cs::ChatSessionsForUserResponse) {
    (
        cs::ChatSessionsForUser {},
        cs::ChatSessionsForUserResponse {
            response: Some(vec![chat(31), None, None, chat(32)]),
        },
    )
}
// ---- CustomerService headers ----

pub fn cs_default_headers() -> cs::CustomerServiceRequestHeaders {
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
pub fn cs_override(op: &str, headers: &mut cs::CustomerServiceRequestHeaders) {
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
pub fn cs_expected_headers(op: &str) -> cs::CustomerServiceRequestHeaders {
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
        so_time_zone_id: Some(i32::try_from(op.len()).unwrap_or(i32::MAX)),
        so_time_zone_location_code: s("UTC+01:00"),
    })
}

/// The response headers the server sets for `op` (none at all for two operations).
pub fn cs_response_headers(op: &str) -> cs::CustomerServiceResponseHeaders {
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

fn authenticated(name: &str, user_type: sp::UserType, ticket: &str) -> sp::AuthenticateResponse {
    builders::authenticated(principal(name, user_type), ticket)
}

pub fn get_system_info() -> (sp::GetSystemInfo, sp::GetSystemInfoResponse) {
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

pub fn authenticate_implicit() -> (sp::AuthenticateImplicit, sp::AuthenticateResponse) {
    (
        sp::AuthenticateImplicit {},
        authenticated(
            "Windows User",
            sp::UserType::InternalAssociate,
            "7T:implicit==",
        ),
    )
}

pub const USER_NAME: &str = "jane.doe@example.test";
/// In the XML of the raw requests: `p&lt;a&gt;ss &amp; "word'`.
pub const PASSWORD: &str = "p<a>ss & \"word'";

pub fn authenticate_username_password()
-> (sp::AuthenticateUsernamePassword, sp::AuthenticateResponse) {
    (
        sp::AuthenticateUsernamePassword {
            user_name: s(USER_NAME),
            password: s(PASSWORD),
        },
        authenticated("Jane Doe", sp::UserType::ExternalAssociate, "7T:jane=="),
    )
}

pub fn authenticate_generic() -> (sp::AuthenticateGeneric, sp::AuthenticateResponse) {
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

pub fn authenticate_with_access_token()
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

pub const SP_DEFAULT_TOKEN: &str = "sp-app-token-42";

pub fn sp_default_headers() -> sp::SoPrincipalRequestHeaders {
    sp::SoPrincipalRequestHeaders {
        application_token: s(SP_DEFAULT_TOKEN),
    }
}

/// What the test sets on `request.headers_mut()` for `op`, over the client's defaults.
pub fn sp_override(op: &str, headers: &mut sp::SoPrincipalRequestHeaders) {
    match op {
        "AuthenticateWithAccessToken" => headers.application_token = s("sp-token-for-one-call"),
        // An empty token is a value: sent as such, not replaced by the default.
        "GetSystemInfo" => headers.application_token = Some(String::new()),
        _ => {}
    }
}

/// The headers the server must receive for `op`.
pub fn sp_expected_headers(op: &str) -> sp::SoPrincipalRequestHeaders {
    sp::SoPrincipalRequestHeaders {
        application_token: match op {
            "AuthenticateWithAccessToken" => s("sp-token-for-one-call"),
            "GetSystemInfo" => Some(String::new()),
            _ => s(SP_DEFAULT_TOKEN),
        },
    }
}

/// The response headers the server sets for `op`.
pub fn sp_response_headers(op: &str) -> sp::SoPrincipalResponseHeaders {
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
