//! The benchmarks' payloads (`bench/`): `GetAllCustomerCenterConfigs` responses of any size
//! with every field filled, and the `SessionIsValid` call.

use soap_runtime::types::{DateTime, FlagEnum, FlagSet, TimeZoneOffset};
use superoffice_services87::common::{
    EFieldRightFlag, ETableRightFlag, FieldProperty, FieldRight, SoCredentials, SoTimeZone,
    TableRight,
};
use superoffice_services87::customer_service as cs;

/// A config with every field filled: flags, a dictionary, dates with fractions and
/// offsets, text that needs escaping.
pub fn config(i: usize) -> cs::CustomerCenterConfig {
    let mask: FlagSet<ETableRightFlag> = [
        ETableRightFlag::Select,
        ETableRightFlag::Update,
        ETableRightFlag::Delete,
    ]
    .into_iter()
    .collect();
    let field_mask: FlagSet<EFieldRightFlag> = <EFieldRightFlag as FlagEnum>::ALL
        .iter()
        .copied()
        .take(3)
        .collect();
    let date = |n: usize| {
        DateTime::new(
            2024,
            1 + (n % 12) as u8,
            1 + (n % 28) as u8,
            (n % 24) as u8,
            (n % 60) as u8,
            7,
        )
        .and_then(|d| d.with_nanos(123_456_700, 7))
        .and_then(|d| {
            d.with_offset(Some(TimeZoneOffset::Minutes(if n.is_multiple_of(2) {
                120
            } else {
                -330
            })))
        })
        .ok()
    };
    cs::CustomerCenterConfig {
        table_right: Some(TableRight {
            mask: Some(mask),
            reason: Some("granted & checked <ok>".to_owned()),
        }),
        field_properties: Some(
            ["Config", "CustLangId", "Registered"]
                .iter()
                .map(|key| {
                    (
                        (*key).to_owned(),
                        Some(FieldProperty {
                            field_right: Some(FieldRight {
                                mask: Some(field_mask.clone()),
                                reason: Some(String::new()),
                            }),
                            field_type: Some("System.String".to_owned()),
                            field_length: Some(254),
                        }),
                    )
                })
                .collect(),
        ),
        cust_config_id: Some(i as i32),
        r#type: Some(if i.is_multiple_of(3) {
            cs::ConfigType::Style
        } else {
            cs::ConfigType::Unknown("Theme".to_owned())
        }),
        config: Some(format!(
            "{{\"color\": \"#{i:06x}\", \"note\": \"a < b && c > d\"}}"
        )),
        cust_lang_id: Some((i % 40) as i32),
        registered: date(i),
        registered_associate_id: Some(1000 + i as i32),
        updated: date(i + 7),
        updated_associate_id: Some(2000 + i as i32),
    }
}

/// A `GetAllCustomerCenterConfigs` response body with `count` configs.
pub fn configs_response(count: usize) -> cs::GetAllCustomerCenterConfigsResponse {
    cs::GetAllCustomerCenterConfigsResponse {
        response: Some((0..count).map(|i| Some(config(i))).collect()),
    }
}

/// The request headers of the `SessionIsValid` call: `ApplicationToken`, `Credentials` and
/// `TimeZone`, as a SuperOffice client sends them.
pub fn session_request_headers() -> cs::CustomerServiceRequestHeaders {
    cs::CustomerServiceRequestHeaders {
        application_token: Some("c7f1e2d3-0a4b-4c5d-8e9f-a0b1c2d3e4f5".to_owned()),
        credentials: Some(SoCredentials {
            ticket: Some("7T:MwAxADQANAA7ADEANQA1ADMAMAA5ADAAMQA1AA==".to_owned()),
        }),
        time_zone: Some(SoTimeZone {
            so_time_zone_id: Some(111),
            so_time_zone_location_code: Some("NO".to_owned()),
        }),
    }
}

/// The body of the `SessionIsValid` request.
pub fn session_request() -> cs::SessionIsValid {
    cs::SessionIsValid {
        cs_session_key: Some("cs-session-5f0c9e6b1a2d4e7f".to_owned()),
    }
}

/// The response headers of the `SessionIsValid` answer: `Succeeded` and `TimeZone`.
pub fn session_response_headers() -> cs::CustomerServiceResponseHeaders {
    cs::CustomerServiceResponseHeaders {
        succeeded: Some(true),
        time_zone: Some(SoTimeZone {
            so_time_zone_id: Some(111),
            so_time_zone_location_code: Some("NO".to_owned()),
        }),
        ..Default::default()
    }
}

/// The body of the `SessionIsValid` answer.
pub fn session_response() -> cs::SessionIsValidResponse {
    cs::SessionIsValidResponse {
        response: Some(true),
    }
}
