//! Single examples decoded and checked field by field against values written by hand from
//! the XML; empty elements read as absent; the operation metadata against the WSDL.

use super::*;

/// Decodes the `direction` example of `info` of `service`, checking its round trip; panics
/// if it fails.
fn decoded<H, B>(service: &str, info: &OperationInfo, direction: Direction) -> (H, B)
where
    H: HeaderSet + PartialEq + Debug,
    B: XmlType + PartialEq + Debug,
{
    let element = match direction {
        Direction::Request => info.input,
        Direction::Response => info.output.expect("the operation has a response"),
    };
    let file = format!("{}.{}.xml", info.name, direction.as_str());
    let raw = shared::example(service, &file);
    match check_example::<H, B>(&raw, &element) {
        Ok(checked) => (checked.headers, checked.body),
        Err(failure) => panic!("{service}/{file} {}", failure.message),
    }
}

/// The decoded request and response bodies of a CustomerService operation.
fn customer_service<Req, Resp>(info: &OperationInfo) -> (Req, Resp)
where
    Req: XmlType + PartialEq + Debug,
    Resp: XmlType + PartialEq + Debug,
{
    let (_, request) = decoded::<cs::CustomerServiceRequestHeaders, Req>(
        "CustomerService",
        info,
        Direction::Request,
    );
    let (_, response) = decoded::<cs::CustomerServiceResponseHeaders, Resp>(
        "CustomerService",
        info,
        Direction::Response,
    );
    (request, response)
}

fn example_date(text: &str) -> DateTime {
    text.parse().unwrap()
}

#[test]
fn session_is_valid_values() {
    let (request, response) =
        customer_service::<cs::SessionIsValid, cs::SessionIsValidResponse>(&cs::SESSION_IS_VALID);
    assert_eq!(
        request,
        cs::SessionIsValid {
            cs_session_key: Some(String::new())
        }
    );
    assert_eq!(
        response,
        cs::SessionIsValidResponse {
            response: Some(false)
        }
    );

    let (headers, _) = decoded::<cs::CustomerServiceRequestHeaders, cs::SessionIsValid>(
        "CustomerService",
        &cs::SESSION_IS_VALID,
        Direction::Request,
    );
    assert_eq!(
        headers.application_token.as_deref(),
        Some("1234567-1234-9876")
    );
    assert_eq!(
        headers.credentials,
        Some(SoCredentials {
            ticket: Some("7T:1234abcxyzExample==".to_owned())
        })
    );
    assert_eq!(headers.time_zone, None);
}

#[test]
fn get_all_customer_center_configs_values() {
    let (request, response) = customer_service::<
        cs::GetAllCustomerCenterConfigs,
        cs::GetAllCustomerCenterConfigsResponse,
    >(&cs::GET_ALL_CUSTOMER_CENTER_CONFIGS);
    assert_eq!(request, cs::GetAllCustomerCenterConfigs {});
    let date = example_date("2021-03-25T21:36:30Z");
    assert_eq!(
        response,
        cs::GetAllCustomerCenterConfigsResponse {
            response: Some(vec![Some(cs::CustomerCenterConfig {
                table_right: None,
                field_properties: None,
                cust_config_id: Some(0),
                r#type: Some(cs::ConfigType::Style),
                config: Some(String::new()),
                cust_lang_id: Some(0),
                registered: Some(date),
                registered_associate_id: Some(0),
                updated: Some(date),
                updated_associate_id: Some(0),
            })]),
        }
    );
    assert_eq!(date.to_string(), "2021-03-25T21:36:30Z");
}

#[test]
fn get_mailboxes_values() {
    let (request, response) =
        customer_service::<cs::GetMailboxes, cs::GetMailboxesResponse>(&cs::GET_MAILBOXES);
    assert_eq!(request, cs::GetMailboxes {});
    assert_eq!(
        response,
        cs::GetMailboxesResponse {
            response: Some(vec![Some(cs::Mailbox {
                table_right: None,
                field_properties: None,
                mail_in_filter_id: Some(0),
                address: Some(String::new()),
                category_name: Some(String::new()),
                priority_name: Some(String::new()),
            })]),
        }
    );
}

#[test]
fn get_statistics_values() {
    let (request, response) =
        customer_service::<cs::GetStatistics, cs::GetStatisticsResponse>(&cs::GET_STATISTICS);
    assert_eq!(
        request,
        cs::GetStatistics {
            functions: Some(vec![cs::StatusScreenPanelType::None]),
        }
    );
    assert_eq!(
        response,
        cs::GetStatisticsResponse {
            response: Some(vec![Some(cs::StatisticsDataSet {
                table_right: None,
                field_properties: None,
                label: Some(String::new()),
                values: Some(vec![Some(cs::StatisticsDataValue {
                    table_right: None,
                    field_properties: None,
                    label: Some(String::new()),
                    value: Some(0.0),
                    description: Some(String::new()),
                })]),
                description: Some(String::new()),
            })]),
        }
    );
}

#[test]
fn authenticate_username_password_values() {
    let info = &sp::AUTHENTICATE_USERNAME_PASSWORD;
    let (headers, request) = decoded::<
        sp::SoPrincipalRequestHeaders,
        sp::AuthenticateUsernamePassword,
    >("SoPrincipal", info, Direction::Request);
    assert_eq!(
        request,
        sp::AuthenticateUsernamePassword {
            user_name: Some(String::new()),
            password: Some(String::new()),
        }
    );
    assert_eq!(
        headers.application_token.as_deref(),
        Some("1234567-1234-9876")
    );
    let (_, response) = decoded::<sp::SoPrincipalResponseHeaders, sp::AuthenticateResponse>(
        "SoPrincipal",
        info,
        Direction::Response,
    );
    let zero = Some(0);
    let empty = || Some(String::new());
    assert_eq!(
        response,
        sp::AuthenticateResponse {
            response: Some(sp::SoPrincipalCarrier {
                user_type: Some(sp::UserType::UnknownValue),
                associate: empty(),
                associate_id: zero,
                is_person: Some(false),
                person_id: zero,
                country_id: zero,
                home_country_id: zero,
                contact_id: zero,
                group_id: zero,
                business_id: zero,
                category_id: zero,
                contact_owner: zero,
                role_id: zero,
                role_name: empty(),
                role_description: empty(),
                role_type: Some(sp::RoleType::Employee),
                licenses: Some(vec![Some(sp::GrantedModuleLicense {
                    table_right: None,
                    field_properties: None,
                    owner_id: zero,
                    owner_name: empty(),
                    owner_description: empty(),
                    module_id: zero,
                    name: empty(),
                    description: empty(),
                    version: empty(),
                    license_type: Some(sp::LicenseType::UnknownValue),
                    extra_flags: zero,
                    sort_order: zero,
                    license_number: zero,
                    is_hidden: Some(false),
                    is_unrestricted: Some(false),
                    expiry_date: Some(example_date("2021-03-25T21:36:46Z")),
                })]),
                full_name: empty(),
                e_mail_address: empty(),
                function_rights: Some(vec![empty()]),
                ej_user_id: zero,
                ej_access_level: zero,
                ej_user_status: Some(sp::EjUserStatus::StatusNone),
                provided_credentials: Some(vec![Some(sp::ProvidedCredential {
                    r#type: empty(),
                    search_name: empty(),
                    display_name: empty(),
                    credential_id: zero,
                })]),
                secondary_groups: Some(vec![0]),
                database_context_identifier: empty(),
            }),
            credentials: Some(SoCredentials { ticket: empty() }),
            authentication_succeeded: Some(false),
        }
    );
}

#[test]
fn empty_durations_in_the_examples_read_as_absent() {
    use superoffice_services87::appointment as ap;
    let (_, response) = decoded::<ap::AppointmentServiceResponseHeaders, ap::AcceptRejectedResponse>(
        "Appointment",
        &ap::ACCEPT_REJECTED,
        Direction::Response,
    );
    let appointment = response.response.expect("the example holds an appointment");
    // `<AlarmLeadTime xsi:type="ser:duration"></AlarmLeadTime>` and the like.
    assert_eq!(appointment.alarm_lead_time, None);
    assert_eq!(appointment.lag_time, None);
    assert_eq!(appointment.lead_time, None);
    // An empty string is a value, and so is `false`.
    assert_eq!(appointment.location.as_deref(), Some(""));
    assert_eq!(appointment.has_alarm, Some(false));
}

#[test]
fn empty_values_read_as_absent_only_where_nothing_is_lost() {
    use superoffice_services87::common::AppointmentEntity;
    const NS: &str = "http://www.superoffice.net/ws/crm/NetServer/Services87";
    let read = |fields: &str| {
        let xml = format!(
            r#"<AppointmentEntity xmlns="{NS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">{fields}</AppointmentEntity>"#
        );
        soap_runtime::codec::from_xml_as::<AppointmentEntity>(
            xml.as_bytes(),
            NS,
            "AppointmentEntity",
        )
    };
    let appointment = read(
        "<AlarmLeadTime>PT15M</AlarmLeadTime><LagTime/><LeadTime>\n  </LeadTime>\
         <StartDate></StartDate><HasAlarm/><ColorIndex></ColorIndex><Location></Location>",
    )
    .unwrap();
    assert_eq!(
        appointment
            .alarm_lead_time
            .map(|d| d.to_string())
            .as_deref(),
        Some("PT15M")
    );
    assert_eq!(appointment.lag_time, None);
    assert_eq!(appointment.lead_time, None);
    assert_eq!(appointment.start_date, None);
    assert_eq!(appointment.has_alarm, None);
    assert_eq!(appointment.color_index, None);
    assert_eq!(appointment.location.as_deref(), Some(""));

    // Text that is there is never dropped, and neither are attributes.
    for (fields, path) in [
        ("<LagTime>soon</LagTime>", "/AppointmentEntity/LagTime"),
        (
            r#"<LagTime unit="min"></LagTime>"#,
            "/AppointmentEntity/LagTime",
        ),
    ] {
        let error = read(fields).unwrap_err();
        assert_eq!(error.path(), path, "{fields}");
        assert!(
            matches!(
                error.kind(),
                soap_runtime::xml::DecodeErrorKind::InvalidValue { .. }
            ),
            "{fields}: {error}"
        );
    }
}

#[test]
fn metadata_matches_the_wsdl() {
    let info = cs::SESSION_IS_VALID;
    assert_eq!(
        info.soap_action,
        "http://www.superoffice.net/ws/crm/NetServer/Services87/CustomerService/SessionIsValid"
    );
    assert_eq!(service_of(&info), Ok("CustomerService"));
    assert_eq!(
        info.soap_version,
        soap_runtime::operation::SoapVersion::Soap11
    );
    assert_eq!(info.input.local_name, "SessionIsValid");
    assert_eq!(
        info.output.map(|o| o.local_name),
        Some("SessionIsValidResponse")
    );
    let input_headers: Vec<&str> = info.input_headers.iter().map(|h| h.part).collect();
    assert_eq!(
        input_headers,
        ["ApplicationToken", "Credentials", "TimeZone"]
    );
    let output_headers: Vec<&str> = info.output_headers.iter().map(|h| h.part).collect();
    assert_eq!(
        output_headers,
        ["ExceptionInfo", "ExtraInfo", "Succeeded", "TimeZone"]
    );
    let authenticate = sp::AUTHENTICATE_WITH_ACCESS_TOKEN;
    assert_eq!(
        authenticate.output.map(|o| o.local_name),
        Some("AuthenticateResponse")
    );
    let headers: Vec<&str> = authenticate.input_headers.iter().map(|h| h.part).collect();
    assert_eq!(headers, ["ApplicationToken"]);
}

#[test]
fn flags_and_dictionaries_of_the_shared_carrier_round_trip() {
    use superoffice_services87::common::{ETableRightFlag, FieldProperty, TableRight};
    let xml = br#"<Mailbox xmlns="http://www.superoffice.net/ws/crm/NetServer/Services87" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
        <TableRight><Mask>Select Delete</Mask></TableRight>
        <FieldProperties>
          <FieldPropertyDictionaryKeyValuePair><Key>address</Key><Value><FieldType>string</FieldType><FieldLength>200</FieldLength></Value></FieldPropertyDictionaryKeyValuePair>
          <FieldPropertyDictionaryKeyValuePair><Key>id</Key><Value i:nil="true"/></FieldPropertyDictionaryKeyValuePair>
        </FieldProperties>
        <MailInFilterId>7</MailInFilterId>
      </Mailbox>"#;
    let mailbox: cs::Mailbox = soap_runtime::codec::from_xml_as(
        xml,
        "http://www.superoffice.net/ws/crm/NetServer/Services87",
        "Mailbox",
    )
    .unwrap();
    let mask: FlagSet<ETableRightFlag> = [ETableRightFlag::Select, ETableRightFlag::Delete]
        .into_iter()
        .collect();
    assert_eq!(
        mailbox.table_right,
        Some(TableRight {
            mask: Some(mask),
            reason: None
        })
    );
    assert_eq!(
        mailbox.field_properties,
        Some(vec![
            (
                "address".to_owned(),
                Some(FieldProperty {
                    field_right: None,
                    field_type: Some("string".to_owned()),
                    field_length: Some(200),
                })
            ),
            ("id".to_owned(), None),
        ])
    );
    assert_eq!(mailbox.mail_in_filter_id, Some(7));
    let written = to_xml_as(
        &mailbox,
        "http://www.superoffice.net/ws/crm/NetServer/Services87",
        "Mailbox",
    )
    .unwrap();
    canonical::assert_same_xml(&canonical::parse(xml).unwrap(), &written);
}
