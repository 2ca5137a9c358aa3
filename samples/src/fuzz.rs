//! Small, rich values for fuzzing (`fuzz/`): the fixed answers of the fuzzed server and the
//! seeds of the corpora.

use soap_runtime::types::{DateTime, FlagSet, TimeZoneOffset};
use superoffice_services87::common::{
    EFieldRightFlag, ETableRightFlag, FieldProperty, FieldRight, SoCredentials, SoExceptionInfo,
    SoTimeZone, TableRight,
};
use superoffice_services87::customer_service as cs;
use superoffice_services87::so_principal as sp;

use crate::builders::s;

/// Text that needs escaping.
pub const MARKUP: &str = "a < b && c > d, \"quoted\" 'single' ]]> done";
/// Text beyond ASCII, with white space that must survive.
pub const UNICODE: &str = "  Ærøskøbing – 東京 – 🚀\r\n\ttab ";

/// A date-time with a fraction and an offset.
pub fn date(year: i32, nanos: u32, digits: u8, offset: Option<TimeZoneOffset>) -> DateTime {
    crate::builders::date_time((year, 2, 28), (23, 59, 58), (nanos, digits), offset)
}

/// A table right with known flags and an unknown one.
pub fn table_right() -> TableRight {
    let mut mask: FlagSet<ETableRightFlag> = [ETableRightFlag::Select, ETableRightFlag::Update]
        .into_iter()
        .collect();
    mask.insert_unknown("Archive");
    TableRight {
        mask: Some(mask),
        reason: s(MARKUP),
    }
}

/// A field-property dictionary with a nil value and an empty flag set.
pub fn field_properties() -> Option<Vec<(String, Option<FieldProperty>)>> {
    Some(vec![
        (
            "config.title".to_owned(),
            Some(FieldProperty {
                field_right: Some(FieldRight {
                    mask: Some(
                        [EFieldRightFlag::Read, EFieldRightFlag::Write]
                            .into_iter()
                            .collect(),
                    ),
                    reason: Some(String::new()),
                }),
                field_type: s("string"),
                field_length: Some(255),
            }),
        ),
        ("config.id".to_owned(), None),
        (
            "config.updated".to_owned(),
            Some(FieldProperty {
                field_right: Some(FieldRight {
                    mask: Some(FlagSet::new()),
                    reason: None,
                }),
                field_type: None,
                field_length: Some(-1),
            }),
        ),
    ])
}

/// A customer center configuration.
pub fn center_config(id: i32, kind: cs::ConfigType) -> cs::CustomerCenterConfig {
    cs::CustomerCenterConfig {
        table_right: Some(table_right()),
        field_properties: field_properties(),
        cust_config_id: Some(id),
        r#type: Some(kind),
        config: s(r##"{"theme":"dark","accent":"#c0ffee"}"##),
        cust_lang_id: Some(47),
        registered: Some(date(2021, 0, 0, Some(TimeZoneOffset::Utc))),
        registered_associate_id: Some(i32::MIN),
        updated: Some(date(
            2024,
            123_456_700,
            7,
            Some(TimeZoneOffset::Minutes(330)),
        )),
        updated_associate_id: Some(i32::MAX),
    }
}

/// Several configurations, with a nil item.
pub fn all_configs() -> cs::GetAllCustomerCenterConfigsResponse {
    cs::GetAllCustomerCenterConfigsResponse {
        response: Some(vec![
            Some(center_config(1, cs::ConfigType::Style)),
            None,
            Some(cs::CustomerCenterConfig {
                config: s(UNICODE),
                updated: Some(date(
                    1999,
                    500_000_000,
                    3,
                    Some(TimeZoneOffset::Minutes(-570)),
                )),
                ..center_config(2, cs::ConfigType::Unknown("Theme".to_owned()))
            }),
            Some(cs::CustomerCenterConfig::default()),
        ]),
    }
}

/// An SMS configuration with a string dictionary.
pub fn sms_config() -> cs::SmsConfig {
    cs::SmsConfig {
        table_right: Some(table_right()),
        field_properties: None,
        default_sms_country: s("NO"),
        net_server_sms_provider: s("provider"),
        ns_plugin_sender: s("+47 555 01 234"),
        ns_plugin_config: Some(vec![
            (
                "endpoint".to_owned(),
                s("https://sms.example.test/v2?a=1&b=2"),
            ),
            ("apiKey".to_owned(), None),
            ("empty".to_owned(), Some(String::new())),
        ]),
    }
}

/// Statistics with doubles, infinities and a NaN.
pub fn statistics() -> cs::GetStatisticsResponse {
    let value = |label: &str, value: f64| {
        Some(cs::StatisticsDataValue {
            label: s(label),
            value: Some(value),
            ..Default::default()
        })
    };
    cs::GetStatisticsResponse {
        response: Some(vec![
            Some(cs::StatisticsDataSet {
                label: s("open requests"),
                values: Some(vec![
                    value("one", 1.0),
                    value("tiny", 5e-324),
                    value("big", -1.797_693_134_862_315_7e308),
                    value("third", 1.0 / 3.0),
                    None,
                ]),
                description: s(MARKUP),
                ..Default::default()
            }),
            Some(cs::StatisticsDataSet {
                label: s("special"),
                values: Some(vec![
                    value("inf", f64::INFINITY),
                    value("-inf", f64::NEG_INFINITY),
                    value("-zero", -0.0),
                ]),
                ..Default::default()
            }),
        ]),
    }
}

/// Statistics holding a NaN (for the server's answer, which is only decoded).
pub fn statistics_with_nan() -> cs::GetStatisticsResponse {
    let mut stats = statistics();
    if let Some(Some(set)) = stats.response.as_mut().and_then(|r| r.first_mut()) {
        set.values
            .get_or_insert_with(Vec::new)
            .push(Some(cs::StatisticsDataValue {
                label: s("nan"),
                value: Some(f64::NAN),
                ..Default::default()
            }));
    }
    stats
}

/// An exception with an inner one and parameters.
pub fn exception_info() -> SoExceptionInfo {
    SoExceptionInfo {
        message: s("Ticket expired <really>"),
        stack_trace: s("at Foo()\n  at Bar()"),
        friendly_text: s(UNICODE),
        exception_type: s("SoException"),
        source: None,
        inner_exception: Some(Box::new(SoExceptionInfo {
            message: s("inner"),
            ..Default::default()
        })),
        parameters: Some(vec![
            ("key".to_owned(), s("value")),
            ("nil".to_owned(), None),
        ]),
    }
}

/// CustomerService response headers with every header.
pub fn cs_response_headers() -> cs::CustomerServiceResponseHeaders {
    cs::CustomerServiceResponseHeaders {
        exception_info: Some(exception_info()),
        extra_info: Some(vec![("a".to_owned(), s("1 & 2")), ("b".to_owned(), None)]),
        succeeded: Some(true),
        time_zone: Some(time_zone()),
    }
}

/// A time zone.
pub fn time_zone() -> SoTimeZone {
    SoTimeZone {
        so_time_zone_id: Some(-1),
        so_time_zone_location_code: s("NO"),
    }
}

/// CustomerService request headers with every header.
pub fn cs_request_headers() -> cs::CustomerServiceRequestHeaders {
    cs::CustomerServiceRequestHeaders {
        application_token: s("token-1234"),
        credentials: Some(SoCredentials {
            ticket: s("7T:abc123=="),
        }),
        time_zone: Some(time_zone()),
    }
}

/// SoPrincipal response headers.
pub fn sp_response_headers() -> sp::SoPrincipalResponseHeaders {
    sp::SoPrincipalResponseHeaders {
        exception_info: None,
        extra_info: Some(vec![("x".to_owned(), s(""))]),
        succeeded: Some(false),
        time_zone: Some(time_zone()),
    }
}

/// A successful authentication with licenses and credentials.
pub fn authenticate() -> sp::AuthenticateResponse {
    sp::AuthenticateResponse {
        response: Some(sp::SoPrincipalCarrier {
            user_type: Some(sp::UserType::InternalAssociate),
            associate: s("ADM0"),
            associate_id: Some(5),
            is_person: Some(true),
            role_type: Some(sp::RoleType::Employee),
            licenses: Some(vec![
                Some(sp::GrantedModuleLicense {
                    table_right: Some(table_right()),
                    owner_id: Some(1),
                    name: s("superoffice.crm"),
                    ..Default::default()
                }),
                None,
            ]),
            full_name: s(UNICODE),
            function_rights: Some(vec![s("admin-all"), None, s("")]),
            ej_user_status: Some(sp::EjUserStatus::StatusNormal),
            provided_credentials: Some(vec![Some(sp::ProvidedCredential {
                r#type: s("password"),
                credential_id: Some(3),
                ..Default::default()
            })]),
            secondary_groups: Some(vec![1, -2, i32::MAX]),
            ..Default::default()
        }),
        credentials: Some(SoCredentials {
            ticket: s("7T:secret"),
        }),
        authentication_succeeded: Some(true),
    }
}

/// System information with a license, a signed key and base64 parameters.
pub fn system_info() -> sp::GetSystemInfoResponse {
    sp::GetSystemInfoResponse {
        system_info: Some(sp::SoSystemInfoCarrier {
            table_right: Some(table_right()),
            field_properties: field_properties(),
            license: Some(sp::LicenseInfo {
                company_name: s("Example AS"),
                next_check_date: Some(date(2030, 1, 9, None)),
                expiry_date: Some(date(9999, 0, 0, Some(TimeZoneOffset::Minutes(-840)))),
                extra_flags: Some(0),
                module_licenses: Some(vec![Some(sp::ModuleLicense {
                    module_name: s("crm"),
                    license_type: Some(sp::LicenseType::SiteLicense),
                    unrestricted: Some(false),
                    allowed_user_type: Some(sp::UserType::ResourceAssociate),
                    number_of_licenses: Some(10),
                    ..Default::default()
                })]),
                public_key: Some(sp::SignedPublicKey {
                    owner_name: s("owner"),
                    sign_date: Some(date(2020, 100, 9, Some(TimeZoneOffset::Utc))),
                    key: Some(sp::DsaParameters {
                        counter: 7,
                        g: Some(vec![0, 1, 2, 254, 255]),
                        j: Some(Vec::new()),
                        p: Some(b"prime".to_vec()),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            build_type: Some(sp::NetServerBuildType::Stable),
            days_until_net_server_expiry: Some(-3),
            is_unicode: Some(true),
            description: s(MARKUP),
            ..Default::default()
        }),
    }
}
