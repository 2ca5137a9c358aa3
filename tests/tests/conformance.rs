//! SuperOffice's published request and response examples for all 33 operations parse as the
//! generated types and are written back as the same XML (up to prefixes, whitespace and
//! `xsi:type`).
//!
//! The examples are documentation, not captured traffic: they use the SOAP 1.2 envelope and
//! put request headers directly under `Envelope`. Both quirks are handled here, in the test,
//! by walking the envelope by local name; the runtime is not bent to accept them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use soap_runtime::codec::to_xml_as;
use soap_runtime::operation::OperationInfo;
use soap_runtime::types::{DateTime, FlagSet};
use soap_runtime::xml::XmlReader;
use soap_runtime::{XmlElement, XmlType};
use superoffice_services87::common::SoCredentials;
use superoffice_services87::customer_service as cs;
use superoffice_services87::so_principal as sp;
use tests::canonical::{self, Node};
use tests::shared;

/// Opens the envelope and moves to the element directly under `Body`, checking its name.
fn open_body_element<'a>(xml: &'a [u8], ns: &str, local: &str) -> XmlReader<'a> {
    let mut r = XmlReader::new(xml).unwrap();
    let envelope = r.next_child().unwrap().expect("no root element");
    assert_eq!(envelope.local_name, "Envelope");
    loop {
        let child = r.next_child().unwrap().expect("no Body in the envelope");
        if child.local_name == "Body" {
            break;
        }
        r.skip().unwrap();
    }
    let element = r.next_child().unwrap().expect("empty Body");
    assert_eq!(
        (r.namespace(element.ns), element.local_name),
        (ns, local),
        "body element"
    );
    r
}

/// Decodes the body element of a published example as `T`.
fn decode_body<T: XmlElement>(xml: &[u8]) -> T {
    let mut r = open_body_element(xml, T::NAMESPACE, T::LOCAL_NAME);
    match r.read::<T>() {
        Ok(value) => value,
        Err(error) => panic!("{} does not decode: {error}", T::LOCAL_NAME),
    }
}

/// The canonical form of the element directly under `Body`.
fn body_node(xml: &[u8]) -> Node {
    let envelope = canonical::parse(xml).unwrap();
    envelope
        .child("Body")
        .and_then(|body| body.elements().next())
        .cloned()
        .expect("example has no body element")
}

/// Decodes a header element that the examples place directly under `Envelope`.
fn envelope_child<T: XmlType>(xml: &[u8], local: &str) -> Option<T> {
    let mut r = XmlReader::new(xml).unwrap();
    r.next_child().unwrap();
    while let Some(child) = r.next_child().unwrap() {
        if child.local_name == local {
            return Some(r.read::<T>().unwrap());
        }
        r.skip().unwrap();
    }
    None
}

/// Parses one example as `T`, writes it back and compares; returns the parsed value.
fn check_example<T: XmlElement>(service: &str, file: &str, element: &str) -> T {
    assert_eq!(
        T::LOCAL_NAME,
        element,
        "{file}: metadata names another element"
    );
    let xml = shared::example(service, file);
    let value: T = decode_body(&xml);
    let written = to_xml_as(&value, T::NAMESPACE, T::LOCAL_NAME).unwrap();
    canonical::assert_same_xml(&body_node(&xml), &written);
    value
}

fn check_operation<Req: XmlElement, Resp: XmlElement>(
    service: &str,
    info: &OperationInfo,
) -> (Req, Resp) {
    let request = check_example::<Req>(
        service,
        &format!("{}.request.xml", info.name),
        info.input.local_name,
    );
    let output = info.output.expect("every operation here has a response");
    let response = check_example::<Resp>(
        service,
        &format!("{}.response.xml", info.name),
        output.local_name,
    );
    (request, response)
}

macro_rules! operations {
    ($service:literal, $list:path, $( $test:ident: $info:path => $req:ty, $resp:ty; )*) => {
        $(
            #[test]
            fn $test() {
                check_operation::<$req, $resp>($service, &$info);
            }
        )*

        #[test]
        fn every_operation_is_covered() {
            let covered: Vec<&str> = vec![$($info.name),*];
            let mut generated: Vec<&str> = $list.iter().map(|op| op.name).collect();
            let mut manifest = shared::manifest_operations($service);
            let mut sorted = covered.clone();
            sorted.sort_unstable();
            generated.sort_unstable();
            manifest.sort_unstable();
            assert_eq!(sorted, generated, "tests vs generated operations");
            assert_eq!(sorted, manifest, "tests vs manifest operations");
        }
    };
}

mod customer_service {
    use super::*;

    operations! { "CustomerService", cs::CUSTOMER_SERVICE_OPERATIONS,
        add_message_from_mail_data: cs::ADD_MESSAGE_FROM_MAIL_DATA => cs::AddMessageFromMailData, cs::AddMessageFromMailDataResponse;
        chat_sessions_for_user: cs::CHAT_SESSIONS_FOR_USER => cs::ChatSessionsForUser, cs::ChatSessionsForUserResponse;
        check_if_customized_templates: cs::CHECK_IF_CUSTOMIZED_TEMPLATES => cs::CheckIfCustomizedTemplates, cs::CheckIfCustomizedTemplatesResponse;
        check_symmetric_encryption: cs::CHECK_SYMMETRIC_ENCRYPTION => cs::CheckSymmetricEncryption, cs::CheckSymmetricEncryptionResponse;
        create_default_customer_center_config: cs::CREATE_DEFAULT_CUSTOMER_CENTER_CONFIG => cs::CreateDefaultCustomerCenterConfig, cs::CreateDefaultCustomerCenterConfigResponse;
        create_default_sms_config: cs::CREATE_DEFAULT_SMS_CONFIG => cs::CreateDefaultSmsConfig, cs::CreateDefaultSmsConfigResponse;
        create_session: cs::CREATE_SESSION => cs::CreateSession, cs::CreateSessionResponse;
        create_ticket_from_mail_data: cs::CREATE_TICKET_FROM_MAIL_DATA => cs::CreateTicketFromMailData, cs::CreateTicketFromMailDataResponse;
        delete_chat_sessions: cs::DELETE_CHAT_SESSIONS => cs::DeleteChatSessions, cs::DeleteChatSessionsResponse;
        delete_customer_center_config: cs::DELETE_CUSTOMER_CENTER_CONFIG => cs::DeleteCustomerCenterConfig, cs::DeleteCustomerCenterConfigResponse;
        event_handler_exists: cs::EVENT_HANDLER_EXISTS => cs::EventHandlerExists, cs::EventHandlerExistsResponse;
        execute_event_handlers: cs::EXECUTE_EVENT_HANDLERS => cs::ExecuteEventHandlers, cs::ExecuteEventHandlersResponse;
        find_tickets_by_title_or_id: cs::FIND_TICKETS_BY_TITLE_OR_ID => cs::FindTicketsByTitleOrId, cs::FindTicketsByTitleOrIdResponse;
        get_all_customer_center_configs: cs::GET_ALL_CUSTOMER_CENTER_CONFIGS => cs::GetAllCustomerCenterConfigs, cs::GetAllCustomerCenterConfigsResponse;
        get_customer_center_config: cs::GET_CUSTOMER_CENTER_CONFIG => cs::GetCustomerCenterConfig, cs::GetCustomerCenterConfigResponse;
        get_customer_service_startup: cs::GET_CUSTOMER_SERVICE_STARTUP => cs::GetCustomerServiceStartup, cs::GetCustomerServiceStartupResponse;
        get_mailboxes: cs::GET_MAILBOXES => cs::GetMailboxes, cs::GetMailboxesResponse;
        get_program_url: cs::GET_PROGRAM_URL => cs::GetProgramUrl, cs::GetProgramUrlResponse;
        get_sms_config: cs::GET_SMS_CONFIG => cs::GetSmsConfig, cs::GetSmsConfigResponse;
        get_statistics: cs::GET_STATISTICS => cs::GetStatistics, cs::GetStatisticsResponse;
        has_chat_notify: cs::HAS_CHAT_NOTIFY => cs::HasChatNotify, cs::HasChatNotifyResponse;
        remove_session: cs::REMOVE_SESSION => cs::RemoveSession, cs::RemoveSessionResponse;
        save_all_customer_center_configs: cs::SAVE_ALL_CUSTOMER_CENTER_CONFIGS => cs::SaveAllCustomerCenterConfigs, cs::SaveAllCustomerCenterConfigsResponse;
        save_customer_center_config: cs::SAVE_CUSTOMER_CENTER_CONFIG => cs::SaveCustomerCenterConfig, cs::SaveCustomerCenterConfigResponse;
        save_sms_config: cs::SAVE_SMS_CONFIG => cs::SaveSmsConfig, cs::SaveSmsConfigResponse;
        session_is_valid: cs::SESSION_IS_VALID => cs::SessionIsValid, cs::SessionIsValidResponse;
        test_smtp_server: cs::TEST_SMTP_SERVER => cs::TestSmtpServer, cs::TestSmtpServerResponse;
        update_feature_toggles: cs::UPDATE_FEATURE_TOGGLES => cs::UpdateFeatureToggles, cs::UpdateFeatureTogglesResponse;
    }
}

mod so_principal {
    use super::*;

    operations! { "SoPrincipal", sp::SO_PRINCIPAL_OPERATIONS,
        authenticate_generic: sp::AUTHENTICATE_GENERIC => sp::AuthenticateGeneric, sp::AuthenticateResponse;
        authenticate_implicit: sp::AUTHENTICATE_IMPLICIT => sp::AuthenticateImplicit, sp::AuthenticateResponse;
        authenticate_username_password: sp::AUTHENTICATE_USERNAME_PASSWORD => sp::AuthenticateUsernamePassword, sp::AuthenticateResponse;
        authenticate_with_access_token: sp::AUTHENTICATE_WITH_ACCESS_TOKEN => sp::AuthenticateWithAccessToken, sp::AuthenticateResponse;
        get_system_info: sp::GET_SYSTEM_INFO => sp::GetSystemInfo, sp::GetSystemInfoResponse;
    }
}

fn example_date(text: &str) -> DateTime {
    text.parse().unwrap()
}

#[test]
fn session_is_valid_values() {
    let (request, response) = check_operation::<cs::SessionIsValid, cs::SessionIsValidResponse>(
        "CustomerService",
        &cs::SESSION_IS_VALID,
    );
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

    let xml = shared::example("CustomerService", "SessionIsValid.request.xml");
    assert_eq!(
        envelope_child::<String>(&xml, "ApplicationToken").as_deref(),
        Some("1234567-1234-9876")
    );
    assert_eq!(
        envelope_child::<SoCredentials>(&xml, "Credentials"),
        Some(SoCredentials {
            ticket: Some("7T:1234abcxyzExample==".to_owned())
        })
    );
}

#[test]
fn get_all_customer_center_configs_values() {
    let (request, response) = check_operation::<
        cs::GetAllCustomerCenterConfigs,
        cs::GetAllCustomerCenterConfigsResponse,
    >("CustomerService", &cs::GET_ALL_CUSTOMER_CENTER_CONFIGS);
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
    let (request, response) = check_operation::<cs::GetMailboxes, cs::GetMailboxesResponse>(
        "CustomerService",
        &cs::GET_MAILBOXES,
    );
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
    let (request, response) = check_operation::<cs::GetStatistics, cs::GetStatisticsResponse>(
        "CustomerService",
        &cs::GET_STATISTICS,
    );
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
    let (request, response) = check_operation::<
        sp::AuthenticateUsernamePassword,
        sp::AuthenticateResponse,
    >("SoPrincipal", &sp::AUTHENTICATE_USERNAME_PASSWORD);
    assert_eq!(
        request,
        sp::AuthenticateUsernamePassword {
            user_name: Some(String::new()),
            password: Some(String::new()),
        }
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
fn metadata_matches_the_wsdl() {
    let info = cs::SESSION_IS_VALID;
    assert_eq!(
        info.soap_action,
        "http://www.superoffice.net/ws/crm/NetServer/Services87/CustomerService/SessionIsValid"
    );
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
