//! The values of the interop tests (`tests/tests/interop/`), built by hand in Rust.
//! `tests/interop/values.json` spells the same values for zeep and node `soap` (in the shape
//! of the XML on the wire); the tests check that both spellings mean the same messages.
//!
//! Two value sets per operation: `A` is rich (nested types, arrays with nil items,
//! dictionaries with nil values, flag lists with unknown names, unknown enumeration values,
//! dates with and without offsets and fractions, doubles, base64, markup and non-ASCII text);
//! `B` is sparse (absent and empty values, empty arrays, other headers).
//!
//! Longer than 600 lines: one function per operation of the two services, each building
//! both sets side by side, as `tests/interop/values.json` spells them entry by entry.
//!
//! Longer than 600 lines: it is data, the two value sets built field by field.

#![allow(missing_docs)] // Each function is named after the operation whose values it builds.

use crate::builders::{
    self, Dictionary, FieldProperties, MARKUP, SPACED_CR, SystemInfoDates, UNICODE, chat, dict, s,
    sms_config, table_right, table_right_with_unknown_flag, toggle,
};
use soap_runtime::SimpleValue as _;
use soap_runtime::types::DateTime;
use superoffice_services87::common::{ETableRightFlag, SoCredentials, SoTimeZone, TableRight};
use superoffice_services87::customer_service as cs;
use superoffice_services87::so_principal as sp;

/// A value set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Set {
    /// Rich values.
    A,
    /// Sparse values.
    B,
}

impl Set {
    /// Both sets.
    pub const ALL: [Set; 2] = [Set::A, Set::B];

    /// The set's name, as `values.json` spells it.
    pub fn name(self) -> &'static str {
        match self {
            Set::A => "A",
            Set::B => "B",
        }
    }
}

/// White space without CR.
pub const SPACED: &str = "  two leading\nline two\n\tand two trailing  ";

/// A date-time from its lexical form.
pub fn dt(text: &str) -> Option<DateTime> {
    Some(DateTime::parse_text(text).unwrap_or_else(|e| panic!("{text}: {e}")))
}

/// `Select Update`, no reason.
fn tr_select_update() -> Option<TableRight> {
    table_right(
        &[ETableRightFlag::Select, ETableRightFlag::Update],
        &[],
        None,
    )
}

/// An empty flag list with an empty reason.
fn tr_empty() -> Option<TableRight> {
    table_right(&[], &[], Some(""))
}

/// A field-property dictionary: several flags, a nil value, an empty flag set, a flag this
/// version does not know.
fn field_properties() -> FieldProperties {
    builders::field_properties(
        ["title", "id", "updated", "hint & <more>"].map(str::to_owned),
        &["UIHintHidden"],
    )
}

// ---- CustomerService building blocks ----

/// A configuration as zeep sends it: dates with six fraction digits or none (zeep writes
/// microseconds), offsets other than `+00:00` (zeep writes `Z` for it).
fn request_config_1() -> cs::CustomerCenterConfig {
    cs::CustomerCenterConfig {
        table_right: table_right_with_unknown_flag(),
        field_properties: field_properties(),
        cust_config_id: Some(12),
        r#type: Some(cs::ConfigType::Options),
        config: s(MARKUP),
        cust_lang_id: Some(47),
        registered: dt("2021-03-25T21:36:30Z"),
        registered_associate_id: Some(101),
        updated: dt("2024-02-29T23:59:59.123456+05:30"),
        updated_associate_id: Some(i32::MAX),
    }
}

fn request_config_2() -> cs::CustomerCenterConfig {
    cs::CustomerCenterConfig {
        table_right: tr_empty(),
        field_properties: Some(Vec::new()),
        cust_config_id: Some(0),
        r#type: Some(cs::ConfigType::Unknown("Theme".to_owned())),
        config: s(SPACED_CR),
        cust_lang_id: None,
        registered: dt("2019-01-02T03:04:05"),
        registered_associate_id: Some(i32::MIN),
        updated: dt("1999-12-31T00:00:00.500000-09:30"),
        updated_associate_id: None,
    }
}

/// A configuration as a server answers it: seven fraction digits (as WCF writes them), nine,
/// none, `+00:00`.
fn response_config(id: i32) -> cs::CustomerCenterConfig {
    cs::CustomerCenterConfig {
        table_right: tr_select_update(),
        field_properties: field_properties(),
        cust_config_id: Some(id),
        r#type: Some(cs::ConfigType::Style),
        config: s(r##"{"theme":"dark","accent":"#c0ffee"}"##),
        cust_lang_id: Some(47),
        registered: dt("2021-03-25T21:36:30.1234567Z"),
        registered_associate_id: Some(101),
        updated: dt("2024-02-29T23:59:59.000000009+00:00"),
        updated_associate_id: Some(-7),
    }
}

fn response_config_unknown() -> cs::CustomerCenterConfig {
    cs::CustomerCenterConfig {
        table_right: table_right_with_unknown_flag(),
        field_properties: None,
        cust_config_id: Some(13),
        r#type: Some(cs::ConfigType::Unknown("Theme".to_owned())),
        config: s(UNICODE),
        cust_lang_id: None,
        registered: dt("2019-01-02T03:04:05"),
        registered_associate_id: None,
        updated: dt("1999-12-31T00:00:00.5-09:30"),
        updated_associate_id: None,
    }
}

fn ticket(id: i32, title: &str) -> cs::TicketInfo {
    builders::ticket(
        id,
        title,
        tr_select_update(),
        "https://cs.example.test/ticket.fcgi?action=show&id=7".to_owned(),
    )
}

fn bare_ticket(id: i32) -> cs::TicketInfo {
    cs::TicketInfo {
        table_right: None,
        field_properties: None,
        ticket_id: Some(id),
        title: None,
        owner_name: None,
        category_name: None,
        priority_name: None,
        ticket_url: None,
        person_name: None,
        contact_name: None,
    }
}

fn event_data(answered: bool, spaced: &str) -> cs::EventData {
    builders::event_data(answered, Some(spaced), field_properties())
}

// ---- CustomerService operations: (request body, response body) per set ----

pub fn create_default_customer_center_config(
    set: Set,
) -> (
    cs::CreateDefaultCustomerCenterConfig,
    cs::CreateDefaultCustomerCenterConfigResponse,
) {
    let response = match set {
        Set::A => Some(response_config(0)),
        Set::B => None,
    };
    (
        cs::CreateDefaultCustomerCenterConfig {},
        cs::CreateDefaultCustomerCenterConfigResponse { response },
    )
}

pub fn save_customer_center_config(
    set: Set,
) -> (
    cs::SaveCustomerCenterConfig,
    cs::SaveCustomerCenterConfigResponse,
) {
    match set {
        Set::A => (
            cs::SaveCustomerCenterConfig {
                customer_center_config: Some(request_config_1()),
            },
            cs::SaveCustomerCenterConfigResponse {
                response: Some(response_config(4711)),
            },
        ),
        Set::B => (
            cs::SaveCustomerCenterConfig {
                customer_center_config: Some(request_config_2()),
            },
            cs::SaveCustomerCenterConfigResponse {
                response: Some(response_config_unknown()),
            },
        ),
    }
}

pub fn delete_customer_center_config(
    set: Set,
) -> (
    cs::DeleteCustomerCenterConfig,
    cs::DeleteCustomerCenterConfigResponse,
) {
    let id = match set {
        Set::A => Some(17),
        Set::B => None,
    };
    (
        cs::DeleteCustomerCenterConfig {
            customer_center_config_id: id,
        },
        cs::DeleteCustomerCenterConfigResponse {},
    )
}

pub fn create_default_sms_config(
    set: Set,
) -> (
    cs::CreateDefaultSmsConfig,
    cs::CreateDefaultSmsConfigResponse,
) {
    let response = match set {
        Set::A => Some(sms_config("", SPACED)),
        Set::B => Some(cs::SmsConfig {
            table_right: None,
            field_properties: None,
            default_sms_country: None,
            net_server_sms_provider: None,
            ns_plugin_sender: None,
            ns_plugin_config: Some(Vec::new()),
        }),
    };
    (
        cs::CreateDefaultSmsConfig {},
        cs::CreateDefaultSmsConfigResponse { response },
    )
}

pub fn save_sms_config(set: Set) -> (cs::SaveSmsConfig, cs::SaveSmsConfigResponse) {
    match set {
        Set::A => {
            let mut saved = sms_config("LINK Mobility", SPACED);
            saved.field_properties = field_properties();
            (
                cs::SaveSmsConfig {
                    sms_config: Some(sms_config("LINK Mobility", SPACED_CR)),
                },
                cs::SaveSmsConfigResponse {
                    response: Some(saved),
                },
            )
        }
        Set::B => (
            cs::SaveSmsConfig { sms_config: None },
            cs::SaveSmsConfigResponse { response: None },
        ),
    }
}

pub fn get_program_url(set: Set) -> (cs::GetProgramUrl, cs::GetProgramUrlResponse) {
    match set {
        Set::A => builders::get_program_url(),
        Set::B => (
            cs::GetProgramUrl {
                program_name: Some(String::new()),
                external: Some(false),
            },
            cs::GetProgramUrlResponse {
                response: Some(String::new()),
            },
        ),
    }
}

pub fn create_ticket_from_mail_data(
    set: Set,
) -> (
    cs::CreateTicketFromMailData,
    cs::CreateTicketFromMailDataResponse,
) {
    match set {
        Set::A => builders::create_ticket_from_mail_data(ticket),
        Set::B => (
            cs::CreateTicketFromMailData {
                mailbox_id: Some(-1),
                data: None,
            },
            cs::CreateTicketFromMailDataResponse {
                response: Some(bare_ticket(0)),
            },
        ),
    }
}

pub fn add_message_from_mail_data(
    set: Set,
) -> (
    cs::AddMessageFromMailData,
    cs::AddMessageFromMailDataResponse,
) {
    match set {
        Set::A => builders::add_message_from_mail_data(ticket),
        Set::B => (
            cs::AddMessageFromMailData {
                ticket_id: None,
                data: Some(String::new()),
            },
            cs::AddMessageFromMailDataResponse { response: None },
        ),
    }
}

pub fn find_tickets_by_title_or_id(
    set: Set,
) -> (
    cs::FindTicketsByTitleOrId,
    cs::FindTicketsByTitleOrIdResponse,
) {
    match set {
        Set::A => builders::find_tickets_by_title_or_id(ticket, bare_ticket(-3)),
        Set::B => (
            cs::FindTicketsByTitleOrId {
                title_or_id: s(UNICODE),
                max_rows: Some(0),
            },
            cs::FindTicketsByTitleOrIdResponse {
                response: Some(Vec::new()),
            },
        ),
    }
}

pub fn get_mailboxes(set: Set) -> (cs::GetMailboxes, cs::GetMailboxesResponse) {
    match set {
        Set::A => builders::get_mailboxes(field_properties()),
        Set::B => (
            cs::GetMailboxes {},
            cs::GetMailboxesResponse {
                response: Some(vec![None]),
            },
        ),
    }
}

pub fn test_smtp_server(set: Set) -> (cs::TestSmtpServer, cs::TestSmtpServerResponse) {
    match set {
        Set::A => builders::test_smtp_server(field_properties()),
        Set::B => (
            cs::TestSmtpServer {
                smtp_uri: None,
                from: None,
                use_stored_password: Some(true),
            },
            cs::TestSmtpServerResponse {
                response: Some(cs::SmtpTestResult {
                    table_right: None,
                    field_properties: None,
                    success: Some(true),
                    error_message: None,
                }),
            },
        ),
    }
}

pub fn get_customer_service_startup(
    set: Set,
) -> (
    cs::GetCustomerServiceStartup,
    cs::GetCustomerServiceStartupResponse,
) {
    match set {
        Set::A => builders::get_customer_service_startup(),
        Set::B => (
            cs::GetCustomerServiceStartup {},
            cs::GetCustomerServiceStartupResponse {
                response: Some(cs::CustomerServiceStartup {
                    table_right: tr_empty(),
                    field_properties: Some(Vec::new()),
                    timezone_enabled: Some(false),
                    tz_offset: Some(0),
                    recaptcha_site_key: Some(String::new()),
                }),
            },
        ),
    }
}

pub fn get_customer_center_config(
    set: Set,
) -> (
    cs::GetCustomerCenterConfig,
    cs::GetCustomerCenterConfigResponse,
) {
    match set {
        Set::A => (
            cs::GetCustomerCenterConfig {
                customer_center_config_id: Some(13),
            },
            cs::GetCustomerCenterConfigResponse {
                response: Some(response_config_unknown()),
            },
        ),
        Set::B => (
            cs::GetCustomerCenterConfig {
                customer_center_config_id: Some(i32::MIN),
            },
            cs::GetCustomerCenterConfigResponse { response: None },
        ),
    }
}

pub fn get_all_customer_center_configs(
    set: Set,
) -> (
    cs::GetAllCustomerCenterConfigs,
    cs::GetAllCustomerCenterConfigsResponse,
) {
    let response = match set {
        Set::A => Some(vec![
            Some(response_config(1)),
            None,
            Some(response_config_unknown()),
        ]),
        Set::B => Some(Vec::new()),
    };
    (
        cs::GetAllCustomerCenterConfigs {},
        cs::GetAllCustomerCenterConfigsResponse { response },
    )
}

pub fn save_all_customer_center_configs(
    set: Set,
) -> (
    cs::SaveAllCustomerCenterConfigs,
    cs::SaveAllCustomerCenterConfigsResponse,
) {
    let configs = match set {
        Set::A => Some(vec![
            Some(request_config_1()),
            None,
            Some(request_config_2()),
        ]),
        Set::B => Some(Vec::new()),
    };
    (
        cs::SaveAllCustomerCenterConfigs {
            cust_configs: configs,
        },
        cs::SaveAllCustomerCenterConfigsResponse {},
    )
}

pub fn check_if_customized_templates(
    set: Set,
) -> (
    cs::CheckIfCustomizedTemplates,
    cs::CheckIfCustomizedTemplatesResponse,
) {
    let response = match set {
        Set::A => Some(true),
        Set::B => None,
    };
    (
        cs::CheckIfCustomizedTemplates {},
        cs::CheckIfCustomizedTemplatesResponse { response },
    )
}

pub fn create_session(set: Set) -> (cs::CreateSession, cs::CreateSessionResponse) {
    match set {
        Set::A => builders::create_session(field_properties()),
        Set::B => (
            cs::CreateSession { remote_ip: None },
            cs::CreateSessionResponse {
                response: Some(cs::CsSessionKey {
                    table_right: None,
                    field_properties: None,
                    key: None,
                    login_id: Some(0),
                    user_id: None,
                }),
            },
        ),
    }
}

pub fn remove_session(set: Set) -> (cs::RemoveSession, cs::RemoveSessionResponse) {
    let login_id = match set {
        Set::A => Some(-1),
        Set::B => Some(i32::MAX),
    };
    (cs::RemoveSession { login_id }, cs::RemoveSessionResponse {})
}

pub fn session_is_valid(set: Set) -> (cs::SessionIsValid, cs::SessionIsValidResponse) {
    match set {
        Set::A => builders::session_is_valid(),
        Set::B => (
            cs::SessionIsValid {
                cs_session_key: None,
            },
            cs::SessionIsValidResponse {
                response: Some(false),
            },
        ),
    }
}

pub fn has_chat_notify(set: Set) -> (cs::HasChatNotify, cs::HasChatNotifyResponse) {
    let response = match set {
        Set::A => Some(false),
        Set::B => Some(true),
    };
    (cs::HasChatNotify {}, cs::HasChatNotifyResponse { response })
}

pub fn check_symmetric_encryption(
    set: Set,
) -> (
    cs::CheckSymmetricEncryption,
    cs::CheckSymmetricEncryptionResponse,
) {
    match set {
        Set::A => builders::check_symmetric_encryption(),
        Set::B => (
            cs::CheckSymmetricEncryption {
                encrypted_string: s(MARKUP),
            },
            cs::CheckSymmetricEncryptionResponse {
                response: s(SPACED_CR),
            },
        ),
    }
}

pub fn update_feature_toggles(
    set: Set,
) -> (cs::UpdateFeatureToggles, cs::UpdateFeatureTogglesResponse) {
    let toggles = match set {
        Set::A => Some(vec![
            Some(toggle("NewTicketList", Some(true))),
            None,
            Some(toggle("Chat & Bots", Some(false))),
        ]),
        Set::B => Some(vec![Some(toggle("", None))]),
    };
    (
        cs::UpdateFeatureToggles {
            feature_toggles: toggles,
        },
        cs::UpdateFeatureTogglesResponse {},
    )
}

pub fn event_handler_exists(set: Set) -> (cs::EventHandlerExists, cs::EventHandlerExistsResponse) {
    match set {
        Set::A => builders::event_handler_exists(),
        Set::B => (
            cs::EventHandlerExists {
                event_handler_type: Some(cs::EventHandlerType::UnknownValue),
            },
            cs::EventHandlerExistsResponse {
                response: Some(true),
            },
        ),
    }
}

pub fn execute_event_handlers(
    set: Set,
) -> (cs::ExecuteEventHandlers, cs::ExecuteEventHandlersResponse) {
    match set {
        Set::A => (
            cs::ExecuteEventHandlers {
                event_data: Some(event_data(false, SPACED_CR)),
            },
            cs::ExecuteEventHandlersResponse {
                response: Some(event_data(true, SPACED)),
            },
        ),
        Set::B => (
            cs::ExecuteEventHandlers {
                event_data: Some(cs::EventData {
                    table_right: None,
                    field_properties: None,
                    r#type: Some(cs::EventHandlerType::SalesAfterSaveQuoteLine),
                    input_values: Some(Vec::new()),
                    block_execution: None,
                    navigate_to: None,
                    message: None,
                    output_values: None,
                    state_values: Some(Vec::new()),
                    exception: Some(String::new()),
                }),
            },
            cs::ExecuteEventHandlersResponse { response: None },
        ),
    }
}

pub fn get_statistics(set: Set) -> (cs::GetStatistics, cs::GetStatisticsResponse) {
    match set {
        Set::A => builders::get_statistics(tr_select_update(), field_properties()),
        Set::B => (
            cs::GetStatistics {
                functions: Some(Vec::new()),
            },
            cs::GetStatisticsResponse { response: None },
        ),
    }
}

pub fn get_sms_config(set: Set) -> (cs::GetSmsConfig, cs::GetSmsConfigResponse) {
    let response = match set {
        Set::A => Some(sms_config(UNICODE, SPACED)),
        Set::B => None,
    };
    (cs::GetSmsConfig {}, cs::GetSmsConfigResponse { response })
}

pub fn delete_chat_sessions(set: Set) -> (cs::DeleteChatSessions, cs::DeleteChatSessionsResponse) {
    match set {
        Set::A => builders::delete_chat_sessions(),
        Set::B => (
            cs::DeleteChatSessions {
                ids: Some(Vec::new()),
            },
            cs::DeleteChatSessionsResponse {},
        ),
    }
}

pub fn chat_sessions_for_user(
    set: Set,
) -> (cs::ChatSessionsForUser, cs::ChatSessionsForUserResponse) {
    let response = match set {
        Set::A => Some(vec![chat(31), None, None, chat(32)]),
        Set::B => Some(vec![chat(0)]),
    };
    (
        cs::ChatSessionsForUser {},
        cs::ChatSessionsForUserResponse { response },
    )
}

// ---- Headers ----

pub fn cs_request_headers(set: Set) -> cs::CustomerServiceRequestHeaders {
    match set {
        Set::A => cs::CustomerServiceRequestHeaders {
            application_token: s("cs-token-A"),
            credentials: Some(SoCredentials {
                ticket: s("7T:ticket+A/=="),
            }),
            time_zone: Some(SoTimeZone {
                so_time_zone_id: Some(142),
                so_time_zone_location_code: s("NOOSL"),
            }),
        },
        Set::B => cs::CustomerServiceRequestHeaders {
            application_token: s("cs-token-B & <b>"),
            credentials: Some(SoCredentials { ticket: None }),
            time_zone: None,
        },
    }
}

pub fn sp_request_headers(set: Set) -> sp::SoPrincipalRequestHeaders {
    sp::SoPrincipalRequestHeaders {
        application_token: match set {
            Set::A => s("sp-token-A"),
            Set::B => s("sp-token-B"),
        },
    }
}

/// The response headers of both services: (extra info, succeeded, time zone).
fn response_headers(set: Set, op: &str) -> (Dictionary, Option<bool>, Option<SoTimeZone>) {
    match set {
        Set::A => (
            dict(&[
                ("operation", Some(op)),
                ("absent", None),
                ("markup", Some(MARKUP)),
            ]),
            Some(true),
            Some(SoTimeZone {
                so_time_zone_id: Some(60),
                so_time_zone_location_code: s("UTC+01:00"),
            }),
        ),
        Set::B => (None, Some(true), None),
    }
}

pub fn cs_response_headers(set: Set, op: &str) -> cs::CustomerServiceResponseHeaders {
    let (extra_info, succeeded, time_zone) = response_headers(set, op);
    cs::CustomerServiceResponseHeaders {
        exception_info: None,
        extra_info,
        succeeded,
        time_zone,
    }
}

pub fn sp_response_headers(set: Set, op: &str) -> sp::SoPrincipalResponseHeaders {
    let (extra_info, succeeded, time_zone) = response_headers(set, op);
    sp::SoPrincipalResponseHeaders {
        exception_info: None,
        extra_info,
        succeeded,
        time_zone,
    }
}

// ---- SoPrincipal ----

/// A principal with almost nothing set.
fn sparse_principal() -> sp::SoPrincipalCarrier {
    sp::SoPrincipalCarrier {
        user_type: Some(sp::UserType::UnknownValue),
        associate: None,
        associate_id: Some(0),
        is_person: Some(false),
        person_id: None,
        country_id: None,
        home_country_id: None,
        contact_id: None,
        group_id: None,
        business_id: None,
        category_id: None,
        contact_owner: None,
        role_id: None,
        role_name: None,
        role_description: None,
        role_type: Some(sp::RoleType::Anonymous),
        licenses: Some(Vec::new()),
        full_name: None,
        e_mail_address: None,
        function_rights: Some(vec![None]),
        ej_user_id: None,
        ej_access_level: None,
        ej_user_status: None,
        provided_credentials: Some(Vec::new()),
        secondary_groups: Some(Vec::new()),
        database_context_identifier: None,
    }
}

fn authenticated(
    set: Set,
    name: &str,
    user_type: sp::UserType,
    ticket: &str,
) -> sp::AuthenticateResponse {
    match set {
        Set::A => builders::authenticated(
            builders::principal(name, user_type, dt("2031-12-31T23:59:59.999999-14:00")),
            ticket,
        ),
        Set::B => sp::AuthenticateResponse {
            response: Some(sparse_principal()),
            credentials: Some(SoCredentials { ticket: None }),
            authentication_succeeded: Some(false),
        },
    }
}

pub fn get_system_info(set: Set) -> (sp::GetSystemInfo, sp::GetSystemInfoResponse) {
    let info = match set {
        Set::A => builders::system_info(
            SystemInfoDates {
                next_check: dt("2024-06-01T12:00:00"),
                maintenance: dt("2024-06-01T12:00:00Z"),
                admin_warning: dt("2024-06-01T12:00:00+00:00"),
                expiry: dt("2030-01-01T00:00:00.1+14:00"),
                grace: dt("2030-01-31T23:59:59.1234567-12:00"),
                key_signed: dt("2020-02-29T08:30:00.2500+01:00"),
                key_expiry: dt("2040-02-29T08:30:00Z"),
                accumulated_next_check: dt("2024-07-01T06:05:04.120-03:30"),
            },
            field_properties(),
            SPACED,
        ),
        Set::B => sp::SoSystemInfoCarrier {
            table_right: None,
            field_properties: None,
            license: Some(sp::LicenseInfo {
                company_name: None,
                serial_nr: None,
                owner_name: None,
                owner_description: None,
                next_check_date: None,
                maintenance_date: None,
                admin_warning_date: None,
                expiry_date: None,
                grace_date: None,
                extra_flags: None,
                license_url: None,
                license_version: None,
                deployment_type: None,
                product_type: None,
                product_description: None,
                module_licenses: Some(Vec::new()),
                public_key: Some(sp::SignedPublicKey {
                    owner_name: None,
                    sign_date: None,
                    expiry_date: None,
                    key: Some(sp::DsaParameters {
                        counter: 0,
                        g: None,
                        j: None,
                        p: None,
                        q: None,
                        seed: None,
                        y: Some(vec![0x7f]),
                    }),
                    signature: None,
                }),
                signature: None,
            }),
            warning_english: None,
            warning_resource: s(SPACED_CR),
            branch_name: None,
            build_label: None,
            assembly_version: None,
            accumulated_next_check_date: None,
            file_version: None,
            description: None,
            days_until_net_server_expiry: None,
            build_type: Some(sp::NetServerBuildType::Release),
            database_version: None,
            is_unicode: None,
            company_name: None,
            company_id: None,
            database_type: None,
            database_minor: None,
            database_name: None,
            is_on_travel: Some(true),
            is_satellite: None,
        },
    };
    (
        sp::GetSystemInfo {},
        sp::GetSystemInfoResponse {
            system_info: Some(info),
        },
    )
}

pub fn authenticate_implicit(set: Set) -> (sp::AuthenticateImplicit, sp::AuthenticateResponse) {
    (
        sp::AuthenticateImplicit {},
        authenticated(
            set,
            "Windows User",
            sp::UserType::InternalAssociate,
            "7T:implicit==",
        ),
    )
}

pub fn authenticate_username_password(
    set: Set,
) -> (sp::AuthenticateUsernamePassword, sp::AuthenticateResponse) {
    let request = match set {
        Set::A => sp::AuthenticateUsernamePassword {
            user_name: s("jane.doe@example.test"),
            password: s("p<a>ss & \"word'"),
        },
        Set::B => sp::AuthenticateUsernamePassword {
            user_name: s(" spaced user "),
            password: None,
        },
    };
    (
        request,
        authenticated(
            set,
            "Jane Doe",
            sp::UserType::ExternalAssociate,
            "7T:jane==",
        ),
    )
}

pub fn authenticate_generic(set: Set) -> (sp::AuthenticateGeneric, sp::AuthenticateResponse) {
    let data = match set {
        Set::A => dict(&[
            ("provider", Some("oidc")),
            ("nonce", None),
            ("scope", Some("openid profile & email")),
            ("empty", Some("")),
        ]),
        Set::B => Some(Vec::new()),
    };
    (
        sp::AuthenticateGeneric {
            authentication_data: data,
        },
        authenticated(
            set,
            "Generic Person",
            sp::UserType::AnonymousAssociate,
            "7T:generic==",
        ),
    )
}

pub fn authenticate_with_access_token(
    set: Set,
) -> (sp::AuthenticateWithAccessToken, sp::AuthenticateResponse) {
    let token = match set {
        Set::A => s("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2ln-_"),
        Set::B => Some(String::new()),
    };
    (
        sp::AuthenticateWithAccessToken {
            access_token: token,
        },
        authenticated(
            set,
            "Token Holder",
            sp::UserType::Unknown("ServiceAssociate".to_owned()),
            "7T:token==",
        ),
    )
}
