//! SuperOffice's published request and response examples for every operation of the 56
//! Services87 services decode through the paths real calls take: each request through the
//! server's request path and each response through the client's response path (both
//! `envelope::read_envelope` with the default `ReaderConfig`), headers included. Each decoded
//! value is written back with `envelope::write_envelope` and must decode to an equal value;
//! how many written bodies are also canonically the example's XML is counted and printed.
//!
//! One test walks every manifest and every generated operation (`visit_operations`): an
//! operation missing on either side, or an example that fails and is not listed in
//! `tests/conformance/exceptions.toml` with the path and kind of its error, fails it; so does
//! a listed exception that passes now. It prints the counts.
//!
//! The examples are documentation, not captured traffic: SOAP 1.2 envelopes (read as such)
//! and request headers directly under `Envelope`, which the test moves into a `Header`
//! element before decoding; the runtime is not bent to accept them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;

use soap_runtime::codec::to_xml_as;
use soap_runtime::envelope::{Body, read_envelope, write_envelope};
use soap_runtime::operation::{ElementName, OperationInfo};
use soap_runtime::types::{DateTime, FlagSet};
use soap_runtime::xml::{DecodeError, ReaderConfig};
use soap_runtime::{HeaderSet, OperationVisitor, XmlType};
use superoffice_services87::common::SoCredentials;
use superoffice_services87::customer_service as cs;
use superoffice_services87::so_principal as sp;
use tests::canonical::{self, Node};
use tests::examples::{self, Direction, ExampleFiles, Exception};
use tests::shared;

/// The start of every Services87 SOAP action; the service and the operation follow.
const ACTION_PREFIX: &str = "http://www.superoffice.net/ws/crm/NetServer/Services87/";

/// Why an example does not pass.
#[derive(Debug, Clone)]
struct Failure {
    /// The decode error's element path and kind, when decoding the example failed.
    decode: Option<(String, String)>,
    message: String,
}

impl Failure {
    fn new(message: impl Into<String>) -> Self {
        Failure {
            decode: None,
            message: message.into(),
        }
    }

    fn decode(error: &DecodeError) -> Self {
        Failure {
            decode: Some((error.path().to_owned(), kind_name(error))),
            message: format!("does not decode: {error}"),
        }
    }
}

/// The name of a decode error's kind, such as `InvalidValue`.
fn kind_name(error: &DecodeError) -> String {
    format!("{:?}", error.kind())
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

/// An example that decoded and survived its round trip.
struct Checked<H, B> {
    headers: H,
    body: B,
    /// How what was written back compares with the example.
    written: Written,
}

/// How the XML written back from a decoded example compares with the example, canonically.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Written {
    /// The same.
    Same,
    /// The same once elements with `xsi:nil` or without content are left out of both: the
    /// example spells an optional element without a value, which is not written back.
    SameButEmpty(String),
    /// Different; the first difference.
    Different(String),
}

/// The canonical `xsi:nil="true"` attribute.
const XSI_NIL: &str = "{http://www.w3.org/2001/XMLSchema-instance}nil=\"true\"";

/// `node` without the descendants that carry `xsi:nil="true"` or have no content (once
/// their own such descendants are left out): the ways the examples spell an optional
/// element without a value.
fn without_empty(node: &Node) -> Node {
    let children = node
        .children
        .iter()
        .filter_map(|child| match child {
            canonical::Child::Element(element) => {
                let element = without_empty(element);
                let empty = element.attributes.iter().any(|a| a == XSI_NIL)
                    || (element.children.is_empty() && element.attributes.is_empty());
                (!empty).then_some(canonical::Child::Element(element))
            }
            text => Some(text.clone()),
        })
        .collect();
    Node {
        name: node.name.clone(),
        attributes: node.attributes.clone(),
        children,
    }
}

/// The canonical `Header` children and `Body` element of an envelope.
fn envelope_parts(xml: &[u8]) -> Result<(Vec<Node>, Node), String> {
    let envelope = canonical::parse(xml)?;
    let headers = envelope
        .child("Header")
        .map(|header| header.elements().cloned().collect())
        .unwrap_or_default();
    let body = envelope
        .child("Body")
        .and_then(|body| body.elements().next())
        .cloned()
        .ok_or("no body element")?;
    Ok((headers, body))
}

/// A canonical element holding `children`, to compare lists of elements.
fn holder(children: &[Node]) -> Node {
    Node {
        name: "envelope".to_owned(),
        attributes: Vec::new(),
        children: children
            .iter()
            .cloned()
            .map(canonical::Child::Element)
            .collect(),
    }
}

/// The first line where the pretty `Debug` forms of `a` and `b` differ, with its neighbours.
fn first_difference(a: &impl Debug, b: &impl Debug) -> String {
    let (a, b) = (format!("{a:#?}"), format!("{b:#?}"));
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let at = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let around = |lines: &[&str]| lines[at.saturating_sub(3)..(at + 2).min(lines.len())].join("\n");
    format!(
        "line {}:\n{}\n--- became ---\n{}",
        at + 1,
        around(&a),
        around(&b)
    )
}

/// Decodes one example as `element` with headers `H` and body `B` exactly as the server (for
/// a request) or the client (for a response) does, writes the value back, decodes that and
/// compares. Every header element of the example must have been read.
fn check_example<H, B>(raw: &[u8], element: &ElementName) -> Result<Checked<H, B>, Failure>
where
    H: HeaderSet + PartialEq + Debug,
    B: XmlType + PartialEq + Debug,
{
    let config = ReaderConfig::default();
    let xml = examples::move_headers_into_header(raw)
        .map_err(|e| Failure::new(format!("is not an envelope: {e}")))?;
    let envelope =
        read_envelope::<H, B>(&xml, element, &config).map_err(|e| Failure::decode(&e))?;
    let Body::Element(body) = envelope.body else {
        return Err(Failure::new("is a fault"));
    };
    let headers = envelope.headers;
    let written = write_envelope(envelope.version, &headers, element, &body)
        .map_err(|e| Failure::new(format!("cannot be written back: {e}")))?;
    let again = read_envelope::<H, B>(&written, element, &config).map_err(|e| {
        Failure::new(format!(
            "written back, does not decode: {e}\n{}",
            String::from_utf8_lossy(&written)
        ))
    })?;
    let Body::Element(body_again) = again.body else {
        return Err(Failure::new("written back, reads as a fault"));
    };
    if body_again != body {
        return Err(Failure::new(format!(
            "the body changes on a round trip: {}",
            first_difference(&body, &body_again)
        )));
    }
    if again.headers != headers {
        return Err(Failure::new(format!(
            "the headers change on a round trip: {}",
            first_difference(&headers, &again.headers)
        )));
    }

    let (example_headers, example_body) =
        envelope_parts(&xml).map_err(|e| Failure::new(format!("canonical form: {e}")))?;
    let (written_headers, written_body) = envelope_parts(&written)
        .map_err(|e| Failure::new(format!("canonical form of what was written: {e}")))?;
    let written_names: BTreeSet<&str> = written_headers.iter().map(|h| h.name.as_str()).collect();
    if let Some(unread) = example_headers
        .iter()
        .find(|h| !written_names.contains(h.name.as_str()))
    {
        return Err(Failure::new(format!("header {} was not read", unread.name)));
    }
    let (example, written) = (
        holder(&[&example_headers[..], &[example_body]].concat()),
        holder(&[&written_headers[..], &[written_body]].concat()),
    );
    let written = match canonical::difference(&example, &written) {
        None => Written::Same,
        Some(difference) => {
            match canonical::difference(&without_empty(&example), &without_empty(&written)) {
                None => Written::SameButEmpty(difference),
                Some(difference) => Written::Different(difference),
            }
        }
    };
    Ok(Checked {
        headers,
        body,
        written,
    })
}

/// The service (its examples' folder) and operation a SOAP action names.
fn service_of(op: &OperationInfo) -> Result<&'static str, String> {
    let rest = op
        .soap_action
        .strip_prefix(ACTION_PREFIX)
        .ok_or_else(|| format!("{}: SOAP action {:?}", op.name, op.soap_action))?;
    match rest.split_once('/') {
        Some((service, name)) if name == op.name => Ok(service),
        _ => Err(format!(
            "{}: SOAP action {:?} names another operation",
            op.name, op.soap_action
        )),
    }
}

/// What happened to one example.
struct Outcome {
    service: String,
    operation: String,
    direction: Direction,
    /// How what was written back compares, when it passed.
    result: Result<Written, Failure>,
}

/// Checks every operation `visit_operations` reports against its service's examples.
struct Walk {
    manifests: BTreeMap<String, BTreeMap<String, ExampleFiles>>,
    visited: BTreeSet<(String, String)>,
    outcomes: Vec<Outcome>,
    problems: Vec<String>,
}

impl Walk {
    fn check<H, B>(
        &mut self,
        service: &str,
        op: &OperationInfo,
        files: &ExampleFiles,
        direction: Direction,
        element: &ElementName,
    ) where
        H: HeaderSet + PartialEq + Debug,
        B: XmlType + PartialEq + Debug,
    {
        let raw = shared::example(service, files.of(direction));
        let result = check_example::<H, B>(&raw, element).map(|checked| checked.written);
        self.outcomes.push(Outcome {
            service: service.to_owned(),
            operation: op.name.to_owned(),
            direction,
            result,
        });
    }
}

impl OperationVisitor for Walk {
    fn visit<Req, ReqH, Resp, RespH>(&mut self, op: &'static OperationInfo)
    where
        Req: XmlType + PartialEq + Debug + 'static,
        ReqH: HeaderSet + PartialEq + Debug + 'static,
        Resp: XmlType + PartialEq + Debug + 'static,
        RespH: HeaderSet + PartialEq + Debug + 'static,
    {
        let service = match service_of(op) {
            Ok(service) => service,
            Err(problem) => {
                self.problems.push(problem);
                return;
            }
        };
        if !self
            .visited
            .insert((service.to_owned(), op.name.to_owned()))
        {
            self.problems
                .push(format!("{service}.{}: generated twice", op.name));
            return;
        }
        let Some(files) = self
            .manifests
            .get(service)
            .and_then(|operations| operations.get(op.name))
            .cloned()
        else {
            self.problems.push(format!(
                "{service}.{}: generated but in no manifest",
                op.name
            ));
            return;
        };
        self.check::<ReqH, Req>(service, op, &files, Direction::Request, &op.input);
        match &op.output {
            Some(output) => {
                self.check::<RespH, Resp>(service, op, &files, Direction::Response, output)
            }
            None => self.outcomes.push(Outcome {
                service: service.to_owned(),
                operation: op.name.to_owned(),
                direction: Direction::Response,
                result: Err(Failure::new(
                    "the operation is one-way, but its manifest lists a response example",
                )),
            }),
        }
    }
}

#[test]
fn every_operation_has_passing_examples() {
    let mut problems = Vec::new();
    let mut manifests = BTreeMap::new();
    for service in examples::services() {
        match examples::operations(&service) {
            Ok(operations) => {
                manifests.insert(service, operations);
            }
            Err(problem) => problems.push(problem),
        }
    }
    let mut walk = Walk {
        manifests,
        visited: BTreeSet::new(),
        outcomes: Vec::new(),
        problems,
    };
    superoffice_services87::visit_operations(&mut walk);
    let Walk {
        manifests,
        visited,
        outcomes,
        mut problems,
    } = walk;
    for (service, operations) in &manifests {
        for operation in operations.keys() {
            if !visited.contains(&(service.clone(), operation.clone())) {
                problems.push(format!(
                    "{service}.{operation}: in the manifest but not generated"
                ));
            }
        }
    }

    let exceptions = examples::exceptions().unwrap_or_else(|e| panic!("{e}"));
    let mut listed: BTreeMap<(&str, &str, Direction), &Exception> = BTreeMap::new();
    for exception in &exceptions {
        let key = (
            exception.service.as_str(),
            exception.operation.as_str(),
            exception.direction,
        );
        if listed.insert(key, exception).is_some() {
            problems.push(format!(
                "{}.{} {}: listed twice in the exceptions",
                key.0,
                key.1,
                key.2.as_str()
            ));
        }
    }

    let mut passed: BTreeMap<Direction, usize> = BTreeMap::new();
    let mut canonical_equal: BTreeMap<Direction, usize> = BTreeMap::new();
    let mut equal_but_empty: BTreeMap<Direction, usize> = BTreeMap::new();
    let mut differences = Vec::new();
    let mut known = 0;
    for outcome in &outcomes {
        let name = format!(
            "{}.{} {}",
            outcome.service,
            outcome.operation,
            outcome.direction.as_str()
        );
        let exception = listed.remove(&(
            outcome.service.as_str(),
            outcome.operation.as_str(),
            outcome.direction,
        ));
        match (&outcome.result, exception) {
            (Ok(written), None) => {
                *passed.entry(outcome.direction).or_default() += 1;
                match written {
                    Written::Same => *canonical_equal.entry(outcome.direction).or_default() += 1,
                    Written::SameButEmpty(difference) => {
                        *equal_but_empty.entry(outcome.direction).or_default() += 1;
                        differences.push(format!("{name}: {difference}"));
                    }
                    Written::Different(difference) => {
                        differences.push(format!("{name}: {difference} (beyond empty elements)"));
                    }
                }
            }
            (Ok(_), Some(_)) => problems.push(format!(
                "{name}: passes now; remove it from {}",
                examples::exceptions_file().display()
            )),
            (Err(failure), Some(exception)) => match &failure.decode {
                Some((path, kind)) if *path == exception.path && *kind == exception.kind => {
                    known += 1;
                }
                _ => problems.push(format!(
                    "{name}: listed as failing with {} at {}, but {}",
                    exception.kind, exception.path, failure.message
                )),
            },
            (Err(failure), None) => problems.push(format!("{name}: {}", failure.message)),
        }
    }
    for ((service, operation, direction), _) in listed {
        problems.push(format!(
            "{service}.{operation} {}: listed in the exceptions, but no such example was checked",
            direction.as_str()
        ));
    }

    let operations = visited.len();
    let count = |counts: &BTreeMap<Direction, usize>, direction| {
        counts.get(&direction).copied().unwrap_or(0)
    };
    let summary = format!(
        "conformance: {operations} operations, requests {}/{operations}, responses {}/{operations} \
         ({known} known exceptions listed in tests/conformance/exceptions.toml); written back \
         canonically equal to the example: requests {}/{operations}, responses {}/{operations}; \
         equal but for optional elements with xsi:nil or no content, which are not written \
         back: requests {}, responses {}",
        count(&passed, Direction::Request),
        count(&passed, Direction::Response),
        count(&canonical_equal, Direction::Request),
        count(&canonical_equal, Direction::Response),
        count(&equal_but_empty, Direction::Request),
        count(&equal_but_empty, Direction::Response),
    );
    println!("{summary}");
    if std::env::var_os("CONFORMANCE_DIFFERENCES").is_some() {
        for difference in &differences {
            println!("{difference}");
        }
    }
    assert!(
        problems.is_empty(),
        "{summary}\n{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

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
