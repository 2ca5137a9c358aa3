//! Values built by hand: date-times from their parts, and the values of the generated
//! SuperOffice types that the call-layer and interop tests both send and expect.
//!
//! Longer than 600 lines: one short builder per type and operation the two suites share,
//! several built from each other (a principal from its licenses, a config from its rights).

use soap_runtime::types::{DateTime, FlagSet, TimeZoneOffset};
use superoffice_services87::common::{
    EFieldRightFlag, ETableRightFlag, FieldProperty, FieldRight, SoCredentials, TableRight,
};
use superoffice_services87::customer_service as cs;
use superoffice_services87::so_principal as sp;

/// Text that needs escaping.
pub const MARKUP: &str = "a < b && c > d, \"quoted\" and 'single' ]]> done";
/// Text beyond ASCII.
pub const UNICODE: &str = "Ærøskøbing – 東京 – 🚀";
/// Text whose white space must survive: leading, trailing, line breaks, CR, tab.
pub const SPACED_CR: &str = "  two leading\nline two\r\nline three\tand two trailing  ";

/// `Some` owned `text`.
pub fn s(text: &str) -> Option<String> {
    Some(text.to_owned())
}

/// A date-time from its parts; `fraction` is (nanoseconds, digits written).
pub fn date_time(
    (year, month, day): (i32, u8, u8),
    (hour, minute, second): (u8, u8, u8),
    (nanos, digits): (u32, u8),
    offset: Option<TimeZoneOffset>,
) -> DateTime {
    DateTime::new(year, month, day, hour, minute, second)
        .and_then(|d| d.with_nanos(nanos, digits))
        .and_then(|d| d.with_offset(offset))
        .unwrap_or_else(|e| panic!("bad date: {e}"))
}

/// A dictionary of strings, as the generated types hold them.
pub type Dictionary = Option<Vec<(String, Option<String>)>>;

/// A dictionary from (key, value) pairs.
pub fn dict(pairs: &[(&str, Option<&str>)]) -> Dictionary {
    Some(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.map(str::to_owned)))
            .collect(),
    )
}

/// A table right with known `flags`, `unknown` names this version does not know, and `reason`.
pub fn table_right(
    flags: &[ETableRightFlag],
    unknown: &[&str],
    reason: Option<&str>,
) -> Option<TableRight> {
    let mut mask: FlagSet<ETableRightFlag> = flags.iter().copied().collect();
    for name in unknown {
        mask.insert_unknown(*name);
    }
    Some(TableRight {
        mask: Some(mask),
        reason: reason.map(str::to_owned),
    })
}

/// A table right with known flags, one this version does not know, and markup in the reason.
pub fn table_right_with_unknown_flag() -> Option<TableRight> {
    table_right(
        &[
            ETableRightFlag::Select,
            ETableRightFlag::Update,
            ETableRightFlag::Filtering,
        ],
        &["Archive"],
        Some(MARKUP),
    )
}

/// A field-property dictionary.
pub type FieldProperties = Option<Vec<(String, Option<FieldProperty>)>>;

/// A field-property dictionary whose four entries are named `names`: several flags, a nil
/// value, an empty flag set, and flags that include `unknown_hint_flags`, names this version
/// does not know.
pub fn field_properties(names: [String; 4], unknown_hint_flags: &[&str]) -> FieldProperties {
    let [title, id, updated, hint_name] = names;
    let mut hint: FlagSet<EFieldRightFlag> = [
        EFieldRightFlag::Read,
        EFieldRightFlag::UiHintReadOnly,
        EFieldRightFlag::UndefinedValue256,
    ]
    .into_iter()
    .collect();
    for name in unknown_hint_flags {
        hint.insert_unknown(*name);
    }
    Some(vec![
        (
            title,
            Some(FieldProperty {
                field_right: Some(FieldRight {
                    mask: Some(
                        [
                            EFieldRightFlag::Read,
                            EFieldRightFlag::Write,
                            EFieldRightFlag::UiHintMandatory,
                        ]
                        .into_iter()
                        .collect(),
                    ),
                    reason: Some(String::new()),
                }),
                field_type: s("string"),
                field_length: Some(255),
            }),
        ),
        (id, None),
        (
            updated,
            Some(FieldProperty {
                field_right: Some(FieldRight {
                    mask: Some(FlagSet::new()),
                    reason: s("read-only: maintained by the system"),
                }),
                field_type: s("datetime"),
                field_length: None,
            }),
        ),
        (
            hint_name,
            Some(FieldProperty {
                field_right: Some(FieldRight {
                    mask: Some(hint),
                    reason: None,
                }),
                field_type: None,
                field_length: Some(-1),
            }),
        ),
    ])
}

// ---- CustomerService ----

/// An SMS configuration of `provider`, with a plugin configuration holding a URL, a nil value,
/// `note` and an empty value.
pub fn sms_config(provider: &str, note: &str) -> cs::SmsConfig {
    cs::SmsConfig {
        table_right: table_right(
            &[ETableRightFlag::Select, ETableRightFlag::RestrictedUpdate],
            &[],
            Some("restricted by role"),
        ),
        field_properties: None,
        default_sms_country: s("NO"),
        net_server_sms_provider: s(provider),
        ns_plugin_sender: s("+47 555 01 234"),
        ns_plugin_config: dict(&[
            ("endpoint", Some("https://sms.example.test/v2?a=1&b=2")),
            ("apiKey", None),
            ("note", Some(note)),
            ("empty", Some("")),
        ]),
    }
}

/// A ticket with non-ASCII, empty and absent texts.
pub fn ticket(
    id: i32,
    title: &str,
    table_right: Option<TableRight>,
    ticket_url: String,
) -> cs::TicketInfo {
    cs::TicketInfo {
        table_right,
        field_properties: Some(Vec::new()),
        ticket_id: Some(id),
        title: s(title),
        owner_name: s("Åse Ødegård"),
        category_name: s("Support/Printers"),
        priority_name: s("High"),
        ticket_url: Some(ticket_url),
        person_name: Some(String::new()),
        contact_name: None,
    }
}

/// A mailbox with a table right naming a flag this version does not know.
pub fn mailbox(id: i32, address: &str, field_properties: FieldProperties) -> cs::Mailbox {
    cs::Mailbox {
        table_right: table_right_with_unknown_flag(),
        field_properties,
        mail_in_filter_id: Some(id),
        address: s(address),
        category_name: s(UNICODE),
        priority_name: None,
    }
}

/// A feature toggle.
pub fn toggle(name: &str, state: Option<bool>) -> cs::CsFeatureToggle {
    cs::CsFeatureToggle {
        table_right: None,
        field_properties: None,
        name: s(name),
        state,
    }
}

/// One value of a statistics data set.
pub fn stat(label: &str, value: f64) -> Option<cs::StatisticsDataValue> {
    Some(cs::StatisticsDataValue {
        table_right: None,
        field_properties: None,
        label: s(label),
        value: Some(value),
        description: Some(format!("{label}: {MARKUP}")),
    })
}

/// The data of a `SalesBeforeSaveSale` event: as sent, or as `answered` by the handlers.
pub fn event_data(
    answered: bool,
    message: Option<&str>,
    field_properties: FieldProperties,
) -> cs::EventData {
    cs::EventData {
        table_right: table_right(
            &[ETableRightFlag::Select, ETableRightFlag::Update],
            &[],
            None,
        ),
        field_properties,
        r#type: Some(cs::EventHandlerType::SalesBeforeSaveSale),
        input_values: dict(&[
            ("ContactId", Some("42")),
            ("Name", Some(MARKUP)),
            ("Empty", Some("")),
            ("Missing", None),
        ]),
        block_execution: Some(answered),
        navigate_to: answered.then(|| "contact/42?tab=history&x=1".to_owned()),
        message: message.map(str::to_owned),
        output_values: if answered {
            dict(&[
                ("Result", Some("blocked")),
                ("Reason", Some(UNICODE)),
                ("Nothing", None),
            ])
        } else {
            Some(Vec::new())
        },
        state_values: dict(&[("Counter", Some(if answered { "2" } else { "1" }))]),
        exception: None,
    }
}

/// A chat session.
pub fn chat(id: i32) -> Option<cs::ChatSession> {
    Some(cs::ChatSession {
        table_right: table_right(
            &[ETableRightFlag::Select, ETableRightFlag::Delete],
            &[],
            None,
        ),
        field_properties: None,
        chat_session_id: Some(id),
    })
}

// ---- CustomerService operations: (request body, response body) ----

/// `CreateTicketFromMailData`: raw mail in, a ticket made by `ticket` out.
pub fn create_ticket_from_mail_data(
    ticket: fn(i32, &str) -> cs::TicketInfo,
) -> (
    cs::CreateTicketFromMailData,
    cs::CreateTicketFromMailDataResponse,
) {
    (
        cs::CreateTicketFromMailData {
            mailbox_id: Some(3),
            data: s(
                "From: Åse <ase@example.test>\r\nSubject: Printer & scanner\r\n\r\n<p>Help!</p>\r\n",
            ),
        },
        cs::CreateTicketFromMailDataResponse {
            response: Some(ticket(1001, "Printer & scanner")),
        },
    )
}

/// `AddMessageFromMailData`: spaced text in, a ticket made by `ticket` out.
pub fn add_message_from_mail_data(
    ticket: fn(i32, &str) -> cs::TicketInfo,
) -> (
    cs::AddMessageFromMailData,
    cs::AddMessageFromMailDataResponse,
) {
    (
        cs::AddMessageFromMailData {
            ticket_id: Some(i32::MAX),
            data: s(SPACED_CR),
        },
        cs::AddMessageFromMailDataResponse {
            response: Some(ticket(i32::MAX, UNICODE)),
        },
    )
}

/// `FindTicketsByTitleOrId`: two tickets made by `ticket` and `third`, around nil items.
pub fn find_tickets_by_title_or_id(
    ticket: fn(i32, &str) -> cs::TicketInfo,
    third: cs::TicketInfo,
) -> (
    cs::FindTicketsByTitleOrId,
    cs::FindTicketsByTitleOrIdResponse,
) {
    (
        cs::FindTicketsByTitleOrId {
            title_or_id: s("printer"),
            max_rows: Some(25),
        },
        cs::FindTicketsByTitleOrIdResponse {
            response: Some(vec![
                Some(ticket(1, "Printer jams")),
                None,
                Some(ticket(2, MARKUP)),
                Some(third),
                None,
            ]),
        },
    )
}

/// `GetProgramUrl`: markup in the name, a URL with a query out.
pub fn get_program_url() -> (cs::GetProgramUrl, cs::GetProgramUrlResponse) {
    (
        cs::GetProgramUrl {
            program_name: s("Ticket & <Request>"),
            external: Some(true),
        },
        cs::GetProgramUrlResponse {
            response: s(
                "https://cs.example.test/scripts/ticket.fcgi?action=listTickets&folder=-1&q=%3Cx%3E",
            ),
        },
    )
}

/// `GetMailboxes`: two mailboxes around a nil item.
pub fn get_mailboxes(
    field_properties: FieldProperties,
) -> (cs::GetMailboxes, cs::GetMailboxesResponse) {
    (
        cs::GetMailboxes {},
        cs::GetMailboxesResponse {
            response: Some(vec![
                Some(mailbox(7, "support@example.test", field_properties.clone())),
                None,
                Some(mailbox(8, "sales+leads@example.test", field_properties)),
            ]),
        },
    )
}

/// `TestSmtpServer`: a failed test with its error message.
pub fn test_smtp_server(
    field_properties: FieldProperties,
) -> (cs::TestSmtpServer, cs::TestSmtpServerResponse) {
    (
        cs::TestSmtpServer {
            smtp_uri: s("smtp://user:s3cr%26t@mail.example.test:587/?tls=starttls"),
            from: s("Support <support@example.test>"),
            use_stored_password: Some(false),
        },
        cs::TestSmtpServerResponse {
            response: Some(cs::SmtpTestResult {
                table_right: None,
                field_properties,
                success: Some(false),
                error_message: s("535 5.7.8 Authentication credentials invalid <user>"),
            }),
        },
    )
}

/// `GetCustomerServiceStartup`.
pub fn get_customer_service_startup() -> (
    cs::GetCustomerServiceStartup,
    cs::GetCustomerServiceStartupResponse,
) {
    (
        cs::GetCustomerServiceStartup {},
        cs::GetCustomerServiceStartupResponse {
            response: Some(cs::CustomerServiceStartup {
                table_right: table_right(&[ETableRightFlag::Select], &[], Some("startup")),
                field_properties: None,
                timezone_enabled: Some(true),
                tz_offset: Some(-480),
                recaptcha_site_key: s("6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI"),
            }),
        },
    )
}

/// `CreateSession`: an IPv6 address in, a session key out.
pub fn create_session(
    field_properties: FieldProperties,
) -> (cs::CreateSession, cs::CreateSessionResponse) {
    (
        cs::CreateSession {
            remote_ip: s("2001:db8::1"),
        },
        cs::CreateSessionResponse {
            response: Some(cs::CsSessionKey {
                table_right: None,
                field_properties,
                key: s("cs-session/0f9e+8d7c=="),
                login_id: Some(99),
                user_id: Some(i32::MIN),
            }),
        },
    )
}

/// `SessionIsValid`: the key of [`create_session`], valid.
pub fn session_is_valid() -> (cs::SessionIsValid, cs::SessionIsValidResponse) {
    (
        cs::SessionIsValid {
            cs_session_key: s("cs-session/0f9e+8d7c=="),
        },
        cs::SessionIsValidResponse {
            response: Some(true),
        },
    )
}

/// `CheckSymmetricEncryption`: base64 in, non-ASCII text out.
pub fn check_symmetric_encryption() -> (
    cs::CheckSymmetricEncryption,
    cs::CheckSymmetricEncryptionResponse,
) {
    (
        cs::CheckSymmetricEncryption {
            encrypted_string: s("U2FsdGVkX1+vupppZksvRf5pq5g5XjFRlipRkwB0K1Y="),
        },
        cs::CheckSymmetricEncryptionResponse {
            response: s(UNICODE),
        },
    )
}

/// `EventHandlerExists`: an event handler type this version does not know.
pub fn event_handler_exists() -> (cs::EventHandlerExists, cs::EventHandlerExistsResponse) {
    (
        cs::EventHandlerExists {
            event_handler_type: Some(cs::EventHandlerType::Unknown(
                "SalesBeforeSaveInvoice".to_owned(),
            )),
        },
        cs::EventHandlerExistsResponse {
            response: Some(false),
        },
    )
}

/// `GetStatistics`: panel types known, unknown and `None` in; two data sets around a nil
/// item out, the first with doubles at their extremes (`table_right` its right), the second
/// empty (`field_properties` its properties).
pub fn get_statistics(
    table_right: Option<TableRight>,
    field_properties: FieldProperties,
) -> (cs::GetStatistics, cs::GetStatisticsResponse) {
    (
        cs::GetStatistics {
            functions: Some(vec![
                cs::StatusScreenPanelType::OpenRequestsPerCategory,
                cs::StatusScreenPanelType::Hotlist,
                cs::StatusScreenPanelType::Unknown("FuturePanel".to_owned()),
                cs::StatusScreenPanelType::None,
            ]),
        },
        cs::GetStatisticsResponse {
            response: Some(vec![
                Some(cs::StatisticsDataSet {
                    table_right,
                    field_properties: None,
                    label: s("Open requests per category"),
                    values: Some(vec![
                        stat("tenth", 0.1),
                        None,
                        stat("tiny", -2.5e-10),
                        stat("max", f64::MAX),
                        stat("subnormal", 5e-324),
                        stat("infinite", f64::INFINITY),
                        stat("negative infinite", f64::NEG_INFINITY),
                        stat("whole", 42.0),
                        stat("big", 1e21),
                    ]),
                    description: s(UNICODE),
                }),
                None,
                Some(cs::StatisticsDataSet {
                    table_right: None,
                    field_properties,
                    label: s("Hotlist"),
                    values: Some(Vec::new()),
                    description: None,
                }),
            ]),
        },
    )
}

/// `DeleteChatSessions`: ids at the extremes.
pub fn delete_chat_sessions() -> (cs::DeleteChatSessions, cs::DeleteChatSessionsResponse) {
    (
        cs::DeleteChatSessions {
            ids: Some(vec![1, -2, 0, i32::MAX, i32::MIN]),
        },
        cs::DeleteChatSessionsResponse {},
    )
}

// ---- SoPrincipal ----

/// A module license granted to a principal, expiring at `expiry_date`.
pub fn granted(
    name: &str,
    license_type: sp::LicenseType,
    expiry_date: Option<DateTime>,
) -> sp::GrantedModuleLicense {
    sp::GrantedModuleLicense {
        table_right: table_right(&[ETableRightFlag::Select], &[], None),
        field_properties: None,
        owner_id: Some(1),
        owner_name: s("SuperOffice"),
        owner_description: s(UNICODE),
        module_id: Some(200),
        name: s(name),
        description: Some(format!("{name} & more")),
        version: s("10.3.5"),
        license_type: Some(license_type),
        extra_flags: Some(0),
        sort_order: Some(-7),
        license_number: Some(123_456),
        is_hidden: Some(false),
        is_unrestricted: Some(true),
        expiry_date,
    }
}

/// A principal with everything set: associate `JDOE`, e-mail `jane.doe@example.test`, two
/// licenses around a nil item (expiring at `licenses_expire`), unknown enumeration values.
pub fn principal(
    name: &str,
    user_type: sp::UserType,
    licenses_expire: Option<DateTime>,
) -> sp::SoPrincipalCarrier {
    sp::SoPrincipalCarrier {
        user_type: Some(user_type),
        associate: s("JDOE"),
        associate_id: Some(5),
        is_person: Some(true),
        person_id: Some(1234),
        country_id: Some(578),
        home_country_id: Some(752),
        contact_id: Some(2),
        group_id: Some(3),
        business_id: Some(-1),
        category_id: Some(0),
        contact_owner: Some(i32::MIN),
        role_id: Some(9),
        role_name: s("Administrator & Support"),
        role_description: Some(String::new()),
        role_type: Some(sp::RoleType::Unknown("Robot".to_owned())),
        licenses: Some(vec![
            Some(granted(
                "sale",
                sp::LicenseType::UserLicense,
                licenses_expire,
            )),
            None,
            Some(granted(
                "service",
                sp::LicenseType::Unknown("CloudLicense".to_owned()),
                licenses_expire,
            )),
        ]),
        full_name: s(name),
        e_mail_address: s("jane.doe@example.test"),
        function_rights: Some(vec![
            s("allow-admin"),
            None,
            Some(String::new()),
            s("ejournal & <more>"),
        ]),
        ej_user_id: Some(77),
        ej_access_level: Some(3),
        ej_user_status: Some(sp::EjUserStatus::StatusSystem),
        provided_credentials: Some(vec![
            Some(sp::ProvidedCredential {
                r#type: s("password"),
                search_name: s(name),
                display_name: s(UNICODE),
                credential_id: Some(11),
            }),
            None,
        ]),
        secondary_groups: Some(vec![4, 5, -6]),
        database_context_identifier: s("Cust12345"),
    }
}

/// A successful authentication of `principal`, handing out `ticket`.
pub fn authenticated(principal: sp::SoPrincipalCarrier, ticket: &str) -> sp::AuthenticateResponse {
    sp::AuthenticateResponse {
        response: Some(principal),
        credentials: Some(SoCredentials { ticket: s(ticket) }),
        authentication_succeeded: Some(true),
    }
}

/// A module license of a license info.
pub fn module_license(name: &str, extra_info: &str) -> sp::ModuleLicense {
    sp::ModuleLicense {
        owner_name: s("SuperOffice"),
        module_name: s(name),
        module_description: s(MARKUP),
        module_tooltip: Some(String::new()),
        module_version: s("1.0"),
        license_type: Some(sp::LicenseType::SiteLicense),
        unrestricted: Some(false),
        allowed_user_type: Some(sp::UserType::Unknown("RobotAssociate".to_owned())),
        number_of_licenses: Some(25),
        extra_flags: Some(1 << 30),
        extra_info: s(extra_info),
        sort_order: Some(2),
        is_hidden: Some(true),
        prerequisite_module_name: None,
        signature: s("c2lnbmF0dXJl"),
    }
}

/// The dates in a [`system_info`], which the tests spell each in their own way.
#[derive(Debug, Clone)]
pub struct SystemInfoDates {
    /// `LicenseInfo.NextCheckDate`.
    pub next_check: Option<DateTime>,
    /// `LicenseInfo.MaintenanceDate`.
    pub maintenance: Option<DateTime>,
    /// `LicenseInfo.AdminWarningDate`.
    pub admin_warning: Option<DateTime>,
    /// `LicenseInfo.ExpiryDate`.
    pub expiry: Option<DateTime>,
    /// `LicenseInfo.GraceDate`.
    pub grace: Option<DateTime>,
    /// `SignedPublicKey.SignDate`.
    pub key_signed: Option<DateTime>,
    /// `SignedPublicKey.ExpiryDate`.
    pub key_expiry: Option<DateTime>,
    /// `SoSystemInfoCarrier.AccumulatedNextCheckDate`.
    pub accumulated_next_check: Option<DateTime>,
}

/// System information with everything set: a license with two module licenses around a nil
/// item (their extra info `module_extra_info`), a signed DSA key with bytes at the extremes,
/// unknown enumeration values.
pub fn system_info(
    dates: SystemInfoDates,
    field_properties: FieldProperties,
    module_extra_info: &str,
) -> sp::SoSystemInfoCarrier {
    let key = sp::DsaParameters {
        counter: 117,
        g: Some((0..=255).collect()),
        j: None,
        p: Some(vec![0xff, 0xfe, 0x00, 0x01, 0x80]),
        q: Some(Vec::new()),
        seed: Some(b"seed\0with\xffbytes".to_vec()),
        y: Some(vec![0; 65]),
    };
    let license = sp::LicenseInfo {
        company_name: s("Example AS"),
        serial_nr: s("1234567890"),
        owner_name: s("Example & Sons"),
        owner_description: None,
        next_check_date: dates.next_check,
        maintenance_date: dates.maintenance,
        admin_warning_date: dates.admin_warning,
        expiry_date: dates.expiry,
        grace_date: dates.grace,
        extra_flags: Some(-2),
        license_url: s("https://license.example.test/check?serial=1234567890&v=2"),
        license_version: s("8.7"),
        deployment_type: Some(3),
        product_type: s("Online"),
        product_description: s(UNICODE),
        module_licenses: Some(vec![
            Some(module_license("Sale", module_extra_info)),
            None,
            Some(module_license("Service", module_extra_info)),
        ]),
        public_key: Some(sp::SignedPublicKey {
            owner_name: s("SuperOffice AS"),
            sign_date: dates.key_signed,
            expiry_date: dates.key_expiry,
            key: Some(key),
            signature: s("MEUCIQD+/=="),
        }),
        signature: s("license-signature=="),
    };
    sp::SoSystemInfoCarrier {
        table_right: table_right_with_unknown_flag(),
        field_properties,
        license: Some(license),
        warning_english: Some(String::new()),
        warning_resource: None,
        branch_name: s("release/10.3"),
        build_label: s("10.3.5.1234"),
        assembly_version: s("10.3.0.0"),
        accumulated_next_check_date: dates.accumulated_next_check,
        file_version: s("10.3.5.1234"),
        description: s(MARKUP),
        days_until_net_server_expiry: Some(-3),
        build_type: Some(sp::NetServerBuildType::Unknown("Nightly".to_owned())),
        database_version: Some(87),
        is_unicode: Some(true),
        company_name: s(UNICODE),
        company_id: Some(2),
        database_type: s("MSSQL"),
        database_minor: s("2019"),
        database_name: s("superoffice_prod"),
        is_on_travel: Some(false),
        is_satellite: Some(false),
    }
}
