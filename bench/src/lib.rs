//! Payloads for the benchmarks, made by the project's own code: `GetAllCustomerCenterConfigs`
//! responses of any size with every field filled, and `SessionIsValid` envelopes.

use soap_runtime::envelope::write_envelope;
use soap_runtime::types::{DateTime, FlagEnum, FlagSet, TimeZoneOffset};
use superoffice_services87::common::{
    EFieldRightFlag, ETableRightFlag, FieldProperty, FieldRight, TableRight,
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

/// The response envelope of `GetAllCustomerCenterConfigs` with `count` configs.
pub fn configs_envelope(count: usize) -> Vec<u8> {
    let info = cs::GET_ALL_CUSTOMER_CENTER_CONFIGS;
    let output = info.output.unwrap_or(info.input);
    write_envelope(
        info.soap_version,
        &cs::CustomerServiceResponseHeaders::default(),
        &output,
        &configs_response(count),
    )
    .unwrap_or_default()
}
