//! Interoperability with SOAP stacks nobody here wrote: Python zeep and node `soap`, on all
//! 33 operations (28 of `CustomerService`, 5 of `SoPrincipal`), in both directions, with two
//! value sets each (`values.rs`; `tests/interop/values.json` spells the same values for the
//! peers).
//!
//! - zeep calls our generated servers (`tests/interop/zeep_client.py call`): our
//!   implementations check every request (body and headers) and answer rich values, which
//!   zeep checks.
//! - Our generated clients call node `soap` (`tests/interop/soap_server.js`), which checks
//!   every request and answers known values; we check every field of every response.
//! - The request envelopes we write equal zeep's for the same values, and the responses we
//!   write equal node `soap`'s, after canonicalization and the adjustments listed in
//!   `tests/interop/DIVERGENCES.md`.
//!
//! Needs `bash tests/interop/run.sh` (a venv with zeep, `npm ci`); without them every test
//! fails saying so. Run with `cargo test -p tests --features interop --test interop`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

#[path = "interop/peers.rs"]
mod peers;
#[path = "interop/values.rs"]
mod values;

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use soap_runtime::envelope::write_envelope;
use soap_runtime::error::TransportError;
use soap_runtime::operation::OperationInfo;
use soap_runtime::{
    Error, HttpTransport, Request, Response, ServerConfig, SimpleValue as _, Transport,
};
use superoffice_services87::customer_service::{self as cs, CustomerService as _};
use superoffice_services87::so_principal::{self as sp, SoPrincipal as _};
use tests::canonical::{self, Child, Node};
use tests::fakes::{self, BodyFormat, show_cs_headers, show_sp_headers};
use tests::net::{CS_PATH, SP_PATH, serve};

use values::Set;

type CsRequestHeaders = cs::CustomerServiceRequestHeaders;
type CsResponseHeaders = cs::CustomerServiceResponseHeaders;
type SpRequestHeaders = sp::SoPrincipalRequestHeaders;
type SpResponseHeaders = sp::SoPrincipalResponseHeaders;

const WSA: &str = "http://www.w3.org/2005/08/addressing";

// ---- Servers that check what they receive ----

/// What a server saw: (operation, set) per call, and every way a request differed from the
/// values of its set.
type Log = fakes::Log<(&'static str, Set)>;

/// Problems in `log`: mismatches, and operations not served exactly once per set.
fn log_problems(log: &Log, ops: &[OperationInfo]) -> Vec<String> {
    let mut problems = log.mismatches();
    let served = log.served();
    for op in ops {
        for set in Set::ALL {
            let times = served.iter().filter(|s| **s == (op.name, set)).count();
            if times != 1 {
                problems.push(format!(
                    "{}[{set:?}] served {times} times, expected once",
                    op.name
                ));
            }
        }
    }
    problems
}

/// The values of each set for a service's headers: the request headers, and the response
/// headers for an operation; and how to tell the application token and show request headers in
/// full (their `Debug` output hides the secrets checked here).
struct Headers<H, R> {
    of: fn(Set) -> H,
    response: fn(Set, &str) -> R,
    token: fn(&H) -> &Option<String>,
    show: fn(&H) -> String,
}

impl<H: PartialEq, R> Headers<H, R> {
    /// Answers a request with the values of its set (told by the application token): records
    /// the call in `log` and compares it with the values of the set (a mismatch is recorded
    /// and answered as a fault, so the caller fails too), then answers the set's response.
    fn answer<B: PartialEq + Debug, T>(
        &self,
        log: &Log,
        op: &OperationInfo,
        request: Request<B, H>,
        fixture: fn(Set) -> (B, T),
    ) -> Result<Response<T, R>, Error> {
        let (body, headers) = request.into_parts();
        let set = Set::ALL
            .into_iter()
            .find(|set| (self.token)(&headers) == (self.token)(&(self.of)(*set)))
            .ok_or_else(|| {
                log.fail(format!(
                    "{}: headers {} match no value set",
                    op.name,
                    (self.show)(&headers)
                ))
            })?;
        let (want, reply) = fixture(set);
        log.check(
            (op.name, set),
            &format!("{}[{set:?}]", op.name),
            (&body, &want),
            (&headers, &(self.of)(set)),
            (self.show, BodyFormat::Pretty),
        )?;
        Ok(Response::with_headers(reply, (self.response)(set, op.name)))
    }
}

const CS_HEADERS: Headers<CsRequestHeaders, CsResponseHeaders> = Headers {
    of: values::cs_request_headers,
    response: values::cs_response_headers,
    token: |h| &h.application_token,
    show: show_cs_headers,
};

const SP_HEADERS: Headers<SpRequestHeaders, SpResponseHeaders> = Headers {
    of: values::sp_request_headers,
    response: values::sp_response_headers,
    token: |h| &h.application_token,
    show: show_sp_headers,
};

/// A `CustomerService` that expects the requests of a value set (told by the application
/// token) and answers its responses.
struct CsFake {
    log: Log,
}

/// A `SoPrincipal` that expects the requests of a value set and answers its responses.
struct SpFake {
    log: Log,
}

/// How one call of our client went.
struct Outcome {
    op: &'static str,
    set: Set,
    result: Result<(), String>,
}

fn same<T: PartialEq + Debug>(what: &str, actual: &T, expected: &T) -> Result<(), String> {
    if actual == expected {
        Ok(())
    } else {
        Err(format!("{what}: got {actual:#?}\nexpected {expected:#?}"))
    }
}

/// Implements a port type's trait on its fake, and writes `$call_all` (calls every operation
/// through a client with the values of a set, checking body and headers of each response)
/// and `$envelopes` (the request and response envelopes we write for a set). One list, so
/// nothing can miss an operation; it is also checked against the generated operation list.
macro_rules! port {
    (
        $fake:ident implements $trait:path;
        client $client:ident; headers $reqh:ty, $resph:ty = $headers:path;
        fn $call_all:ident; fn $envelopes:ident;
        $( $method:ident: $op:path = $fixture:ident => $req:ty, $resp:ty; )*
    ) => {
        impl $trait for $fake {
            $(
                async fn $method(&self, request: Request<$req, $reqh>) -> Result<Response<$resp, $resph>, Error> {
                    $headers.answer(&self.log, &$op, request, values::$fixture)
                }
            )*
        }

        async fn $call_all<T: Transport>(client: &$client<T>, set: Set) -> Vec<Outcome> {
            let mut outcomes = Vec::new();
            $(
                let (body, want) = values::$fixture(set);
                let request = Request::with_headers(body, ($headers.of)(set));
                let result = match client.$method(request).await {
                    Ok(response) => same("response body", response.body(), &want).and_then(|()| {
                        same("response headers", response.headers(), &($headers.response)(set, $op.name))
                    }),
                    Err(error) => Err(format!("the call failed: {error}")),
                };
                outcomes.push(Outcome { op: $op.name, set, result });
            )*
            outcomes
        }

        /// (operation, request envelope, response envelope) as we write them.
        fn $envelopes(set: Set) -> Vec<(&'static str, Vec<u8>, Vec<u8>)> {
            vec![$(
                {
                    let (body, response) = values::$fixture(set);
                    let output = $op.output.expect("every operation has a response");
                    (
                        $op.name,
                        write_envelope($op.soap_version, &($headers.of)(set), &$op.input, &body).unwrap(),
                        write_envelope($op.soap_version, &($headers.response)(set, $op.name), &output, &response)
                            .unwrap(),
                    )
                }
            ),*]
        }
    };
}

port! {
    CsFake implements cs::CustomerService;
    client CsClient; headers CsRequestHeaders, CsResponseHeaders = CS_HEADERS;
    fn call_every_cs_operation; fn cs_envelopes;
    create_default_customer_center_config: cs::CREATE_DEFAULT_CUSTOMER_CENTER_CONFIG = create_default_customer_center_config
        => cs::CreateDefaultCustomerCenterConfig, cs::CreateDefaultCustomerCenterConfigResponse;
    save_customer_center_config: cs::SAVE_CUSTOMER_CENTER_CONFIG = save_customer_center_config
        => cs::SaveCustomerCenterConfig, cs::SaveCustomerCenterConfigResponse;
    delete_customer_center_config: cs::DELETE_CUSTOMER_CENTER_CONFIG = delete_customer_center_config
        => cs::DeleteCustomerCenterConfig, cs::DeleteCustomerCenterConfigResponse;
    create_default_sms_config: cs::CREATE_DEFAULT_SMS_CONFIG = create_default_sms_config
        => cs::CreateDefaultSmsConfig, cs::CreateDefaultSmsConfigResponse;
    save_sms_config: cs::SAVE_SMS_CONFIG = save_sms_config
        => cs::SaveSmsConfig, cs::SaveSmsConfigResponse;
    get_program_url: cs::GET_PROGRAM_URL = get_program_url
        => cs::GetProgramUrl, cs::GetProgramUrlResponse;
    create_ticket_from_mail_data: cs::CREATE_TICKET_FROM_MAIL_DATA = create_ticket_from_mail_data
        => cs::CreateTicketFromMailData, cs::CreateTicketFromMailDataResponse;
    add_message_from_mail_data: cs::ADD_MESSAGE_FROM_MAIL_DATA = add_message_from_mail_data
        => cs::AddMessageFromMailData, cs::AddMessageFromMailDataResponse;
    find_tickets_by_title_or_id: cs::FIND_TICKETS_BY_TITLE_OR_ID = find_tickets_by_title_or_id
        => cs::FindTicketsByTitleOrId, cs::FindTicketsByTitleOrIdResponse;
    get_mailboxes: cs::GET_MAILBOXES = get_mailboxes
        => cs::GetMailboxes, cs::GetMailboxesResponse;
    test_smtp_server: cs::TEST_SMTP_SERVER = test_smtp_server
        => cs::TestSmtpServer, cs::TestSmtpServerResponse;
    get_customer_service_startup: cs::GET_CUSTOMER_SERVICE_STARTUP = get_customer_service_startup
        => cs::GetCustomerServiceStartup, cs::GetCustomerServiceStartupResponse;
    get_customer_center_config: cs::GET_CUSTOMER_CENTER_CONFIG = get_customer_center_config
        => cs::GetCustomerCenterConfig, cs::GetCustomerCenterConfigResponse;
    get_all_customer_center_configs: cs::GET_ALL_CUSTOMER_CENTER_CONFIGS = get_all_customer_center_configs
        => cs::GetAllCustomerCenterConfigs, cs::GetAllCustomerCenterConfigsResponse;
    save_all_customer_center_configs: cs::SAVE_ALL_CUSTOMER_CENTER_CONFIGS = save_all_customer_center_configs
        => cs::SaveAllCustomerCenterConfigs, cs::SaveAllCustomerCenterConfigsResponse;
    check_if_customized_templates: cs::CHECK_IF_CUSTOMIZED_TEMPLATES = check_if_customized_templates
        => cs::CheckIfCustomizedTemplates, cs::CheckIfCustomizedTemplatesResponse;
    create_session: cs::CREATE_SESSION = create_session
        => cs::CreateSession, cs::CreateSessionResponse;
    remove_session: cs::REMOVE_SESSION = remove_session
        => cs::RemoveSession, cs::RemoveSessionResponse;
    session_is_valid: cs::SESSION_IS_VALID = session_is_valid
        => cs::SessionIsValid, cs::SessionIsValidResponse;
    has_chat_notify: cs::HAS_CHAT_NOTIFY = has_chat_notify
        => cs::HasChatNotify, cs::HasChatNotifyResponse;
    check_symmetric_encryption: cs::CHECK_SYMMETRIC_ENCRYPTION = check_symmetric_encryption
        => cs::CheckSymmetricEncryption, cs::CheckSymmetricEncryptionResponse;
    update_feature_toggles: cs::UPDATE_FEATURE_TOGGLES = update_feature_toggles
        => cs::UpdateFeatureToggles, cs::UpdateFeatureTogglesResponse;
    event_handler_exists: cs::EVENT_HANDLER_EXISTS = event_handler_exists
        => cs::EventHandlerExists, cs::EventHandlerExistsResponse;
    execute_event_handlers: cs::EXECUTE_EVENT_HANDLERS = execute_event_handlers
        => cs::ExecuteEventHandlers, cs::ExecuteEventHandlersResponse;
    get_statistics: cs::GET_STATISTICS = get_statistics
        => cs::GetStatistics, cs::GetStatisticsResponse;
    get_sms_config: cs::GET_SMS_CONFIG = get_sms_config
        => cs::GetSmsConfig, cs::GetSmsConfigResponse;
    delete_chat_sessions: cs::DELETE_CHAT_SESSIONS = delete_chat_sessions
        => cs::DeleteChatSessions, cs::DeleteChatSessionsResponse;
    chat_sessions_for_user: cs::CHAT_SESSIONS_FOR_USER = chat_sessions_for_user
        => cs::ChatSessionsForUser, cs::ChatSessionsForUserResponse;
}

port! {
    SpFake implements sp::SoPrincipal;
    client SpClient; headers SpRequestHeaders, SpResponseHeaders = SP_HEADERS;
    fn call_every_sp_operation; fn sp_envelopes;
    get_system_info: sp::GET_SYSTEM_INFO = get_system_info
        => sp::GetSystemInfo, sp::GetSystemInfoResponse;
    authenticate_implicit: sp::AUTHENTICATE_IMPLICIT = authenticate_implicit
        => sp::AuthenticateImplicit, sp::AuthenticateResponse;
    authenticate_username_password: sp::AUTHENTICATE_USERNAME_PASSWORD = authenticate_username_password
        => sp::AuthenticateUsernamePassword, sp::AuthenticateResponse;
    authenticate_generic: sp::AUTHENTICATE_GENERIC = authenticate_generic
        => sp::AuthenticateGeneric, sp::AuthenticateResponse;
    authenticate_with_access_token: sp::AUTHENTICATE_WITH_ACCESS_TOKEN = authenticate_with_access_token
        => sp::AuthenticateWithAccessToken, sp::AuthenticateResponse;
}

use cs::CustomerServiceClient as CsClient;
use sp::SoPrincipalClient as SpClient;

/// The operations of both services, as (service, operations).
const SERVICES: [(&str, &[OperationInfo]); 2] = [
    ("CustomerService", cs::CUSTOMER_SERVICE_OPERATIONS),
    ("SoPrincipal", sp::SO_PRINCIPAL_OPERATIONS),
];

/// Every operation of `ops` exactly once per set in `names`.
fn assert_covers(what: &str, names: &[(&'static str, Set)], ops: &[OperationInfo]) {
    let mut names = names.to_vec();
    names.sort_unstable_by_key(|(op, set)| (*op, set.name()));
    let mut want: Vec<(&'static str, Set)> = ops
        .iter()
        .flat_map(|op| Set::ALL.map(|set| (op.name, set)))
        .collect();
    want.sort_unstable_by_key(|(op, set)| (*op, set.name()));
    assert_eq!(names, want, "{what}");
}

/// Every operation of both services.
fn all_operations() -> Vec<OperationInfo> {
    SERVICES
        .iter()
        .flat_map(|(_, ops)| ops.iter().copied())
        .collect()
}

/// How many operations passed in every set, of how many.
fn tally(outcomes: &[Outcome]) -> (usize, usize) {
    let mut by_op: BTreeMap<&str, bool> = BTreeMap::new();
    for outcome in outcomes {
        *by_op.entry(outcome.op).or_insert(true) &= outcome.result.is_ok();
    }
    (by_op.values().filter(|ok| **ok).count(), by_op.len())
}

// ---- zeep → our servers ----

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_calls_every_operation_of_our_servers() {
    let python = peers::python();
    let started = Instant::now();
    let cs_log = Log::default();
    let sp_log = Log::default();
    let cs_server = serve(
        cs::CustomerServiceServer::new(CsFake {
            log: cs_log.clone(),
        }),
        ServerConfig::default(),
    )
    .await;
    let sp_server = serve(
        sp::SoPrincipalServer::new(SpFake {
            log: sp_log.clone(),
        }),
        ServerConfig::default(),
    )
    .await;
    let mut command = peers::zeep_client(python);
    command
        .arg("--wsdl")
        .arg(peers::wsdl_dir())
        .arg("call")
        .arg("--customer")
        .arg(cs_server.url(CS_PATH))
        .arg("--principal")
        .arg(sp_server.url(SP_PATH));
    let finished =
        tokio::task::spawn_blocking(move || peers::run(command, Duration::from_secs(120)))
            .await
            .unwrap();
    cs_server.shutdown().await;
    sp_server.shutdown().await;

    let passed = finished
        .stdout
        .lines()
        .filter(|l| l.starts_with("ok "))
        .count();
    println!(
        "zeep → our servers: {passed} of {} calls checked by zeep in {:?}",
        2 * (cs::CUSTOMER_SERVICE_OPERATIONS.len() + sp::SO_PRINCIPAL_OPERATIONS.len()),
        started.elapsed()
    );
    let mut problems = log_problems(&cs_log, cs::CUSTOMER_SERVICE_OPERATIONS);
    problems.extend(log_problems(&sp_log, sp::SO_PRINCIPAL_OPERATIONS));
    assert!(
        problems.is_empty() && finished.status.success(),
        "our servers saw:\n{}\n\nzeep ({}) said:\n{}\n{}",
        problems.join("\n"),
        finished.status,
        finished.stdout,
        finished.stderr
    );
}

// ---- our clients → node soap ----

/// A transport that keeps every response body, by SOAP action.
#[derive(Clone)]
struct Recording {
    inner: HttpTransport,
    bodies: Arc<Mutex<Vec<(String, Bytes)>>>,
}

impl Transport for Recording {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        let action = request
            .headers()
            .get("SOAPAction")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .trim_matches('"')
            .to_owned();
        let response = self.inner.send(request).await?;
        self.bodies
            .lock()
            .unwrap()
            .push((action, response.body().clone()));
        Ok(response)
    }
}

/// What calling node `soap` with every operation gave.
struct NodeRun {
    outcomes: Vec<Outcome>,
    /// (service, operation, set) → response body.
    bodies: BTreeMap<(&'static str, &'static str, Set), Bytes>,
    /// One JSON object per request node served: service, op, set, problems.
    records: Vec<serde_json::Value>,
    stderr: String,
}

async fn call_node() -> NodeRun {
    let node = tokio::task::spawn_blocking(peers::NodeServer::start)
        .await
        .unwrap();
    let mut outcomes = Vec::new();
    let mut bodies = BTreeMap::new();
    for set in Set::ALL {
        let recording = Recording {
            inner: HttpTransport::new().unwrap(),
            bodies: Arc::default(),
        };
        let cs_client =
            CsClient::with_transport(node.url(set.name(), "CustomerService"), recording.clone());
        outcomes.extend(call_every_cs_operation(&cs_client, set).await);
        let sp_client =
            SpClient::with_transport(node.url(set.name(), "SoPrincipal"), recording.clone());
        outcomes.extend(call_every_sp_operation(&sp_client, set).await);
        for (action, body) in recording.bodies.lock().unwrap().iter() {
            let (service, op) = SERVICES
                .iter()
                .find_map(|(service, ops)| {
                    ops.iter()
                        .find(|op| op.soap_action == action)
                        .map(|op| (*service, op.name))
                })
                .unwrap_or_else(|| panic!("no operation has SOAP action {action}"));
            bodies.insert((service, op, set), body.clone());
        }
    }
    let (records, stderr) = tokio::task::spawn_blocking(move || node.stop())
        .await
        .unwrap();
    NodeRun {
        outcomes,
        bodies,
        records,
        stderr,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_clients_call_every_operation_of_node_soap() {
    let started = Instant::now();
    let run = call_node().await;
    let (passed, total) = tally(&run.outcomes);
    println!(
        "our clients → node soap: {passed} of {total} operations passed in both sets in {:?}",
        started.elapsed()
    );

    let mut problems: Vec<String> = run
        .outcomes
        .iter()
        .filter_map(|o| {
            o.result
                .as_ref()
                .err()
                .map(|e| format!("{}[{:?}]: {e}", o.op, o.set))
        })
        .collect();
    // node checked every request it received: each operation once per set, as sent.
    let mut seen = Vec::new();
    for record in &run.records {
        let op = record["op"].as_str().unwrap_or_default();
        let set = match record["set"].as_str() {
            Some("A") => Set::A,
            Some("B") => Set::B,
            other => panic!("node served an unknown set {other:?}: {record}"),
        };
        let name = SERVICES
            .iter()
            .flat_map(|(_, ops)| ops.iter())
            .find(|info| info.name == op)
            .map(|info| info.name)
            .unwrap_or_else(|| panic!("node served an unknown operation: {record}"));
        seen.push((name, set));
        if let Some(found) = record["problems"].as_array().filter(|p| !p.is_empty()) {
            problems.push(format!(
                "node received wrong values in {op}[{set:?}]: {found:#?}"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n\nnode's stderr:\n{}",
        problems.join("\n\n"),
        run.stderr
    );
    let all = all_operations();
    assert_covers("the requests node served", &seen, &all);
    let called: Vec<(&'static str, Set)> = run.outcomes.iter().map(|o| (o.op, o.set)).collect();
    assert_covers("the operations called", &called, &all);
}

// ---- Differential writing ----

/// Removes zeep's WS-Addressing headers (and the Header, if that empties it).
fn drop_ws_addressing(envelope: &mut Node) {
    for child in &mut envelope.children {
        if let Child::Element(header) = child
            && header.local_name() == "Header"
        {
            header.children.retain(
                |c| !matches!(c, Child::Element(e) if e.name.starts_with(&format!("{{{WSA}}}"))),
            );
        }
    }
    envelope.children.retain(
        |c| !matches!(c, Child::Element(e) if e.local_name() == "Header" && e.children.is_empty()),
    );
}

fn parse(what: &str, xml: &[u8]) -> Node {
    canonical::parse(xml).unwrap_or_else(|e| {
        panic!(
            "{what} does not parse: {e}\n{}",
            String::from_utf8_lossy(xml)
        )
    })
}

/// The request and response envelopes we write for one operation and value set.
struct Ours {
    service: &'static str,
    op: &'static str,
    set: Set,
    request: Vec<u8>,
    response: Vec<u8>,
}

/// Every request and response envelope we write, set by set.
fn our_envelopes() -> Vec<Ours> {
    let mut all = Vec::new();
    for set in Set::ALL {
        let ours = [
            ("CustomerService", cs_envelopes(set)),
            ("SoPrincipal", sp_envelopes(set)),
        ];
        for (service, envelopes) in ours {
            for (op, request, response) in envelopes {
                all.push(Ours {
                    service,
                    op,
                    set,
                    request,
                    response,
                });
            }
        }
    }
    all
}

/// Compares every envelope we write with the peer's: `difference` tells how the peer's
/// envelopes differ from ours for an operation and set, if they do.
/// Every operation must be compared in both sets, and none may differ (`failure` heads the
/// list of differences); prints how many `kind` (requests or responses) equal the `peer`'s.
fn assert_peer_writes_the_same(
    (kind, peer): (&str, &str),
    failure: &str,
    mut difference: impl FnMut(&Ours) -> Option<String>,
) {
    let mut problems = Vec::new();
    let mut compared = Vec::new();
    for ours in our_envelopes() {
        compared.push((ours.op, ours.set));
        if let Some(problem) = difference(&ours) {
            let Ours {
                service, op, set, ..
            } = ours;
            problems.push(format!("{service}.{op}[{set:?}]: {problem}"));
        }
    }
    assert_covers(
        &format!("the {kind} compared"),
        &compared,
        &all_operations(),
    );
    println!(
        "{kind}: {} of {} envelopes equal {peer}",
        compared.len() - problems.len(),
        compared.len()
    );
    assert!(
        problems.is_empty(),
        "{failure}:\n\n{}",
        problems.join("\n\n")
    );
}

/// Every envelope we write, requests and responses, is well-formed XML with namespaces for
/// lxml (strict, as zeep reads). The canonical comparison parses with quick-xml, which is
/// lenient (it accepts attributes without white space between them), so this is checked
/// separately.
#[test]
fn our_envelopes_are_well_formed_for_lxml() {
    let python = peers::python();
    let mut envelopes = serde_json::Map::new();
    for Ours {
        service,
        op,
        set,
        request,
        response,
    } in our_envelopes()
    {
        for (what, xml) in [("request", request), ("response", response)] {
            envelopes.insert(
                format!("{service}.{op}[{set:?}] {what}"),
                String::from_utf8(xml).unwrap().into(),
            );
        }
    }
    assert_eq!(
        envelopes.len(),
        2 * 2 * 33,
        "every operation's request and response in both sets"
    );
    let path =
        std::env::temp_dir().join(format!("interop-our-envelopes-{}.json", std::process::id()));
    std::fs::write(&path, serde_json::Value::Object(envelopes).to_string()).unwrap();
    let mut command = peers::zeep_client(python);
    command.arg("wellformed").arg(&path);
    let finished = peers::run(command, Duration::from_secs(60));
    let _ = std::fs::remove_file(&path);
    println!("{}", finished.stdout.lines().last().unwrap_or_default());
    finished.assert_success("lxml rejects envelopes we write");
}

#[test]
fn our_requests_equal_zeeps() {
    let python = peers::python();
    let out =
        std::env::temp_dir().join(format!("interop-zeep-requests-{}.json", std::process::id()));
    let mut command = peers::zeep_client(python);
    command
        .arg("--wsdl")
        .arg(peers::wsdl_dir())
        .arg("dump")
        .arg(&out);
    let finished = peers::run(command, Duration::from_secs(60));
    finished.assert_success("zeep_client.py dump failed");
    let dumped = peers::read_json(&out);
    let _ = std::fs::remove_file(&out);

    assert_peer_writes_the_same(
        ("requests", "zeep's"),
        "our requests differ from zeep's",
        |ours| {
            let Some(zeep) = dumped[ours.service][ours.op][ours.set.name()].as_str() else {
                return Some("zeep wrote no request".to_owned());
            };
            let mut zeep_node = parse("zeep's request", zeep.as_bytes());
            drop_ws_addressing(&mut zeep_node);
            let our_node = parse("our request", &ours.request);
            canonical::difference(&zeep_node, &our_node).map(|diff| {
                format!(
                    "{diff}\nzeep: {zeep}\nours: {}",
                    String::from_utf8_lossy(&ours.request)
                )
            })
        },
    );
}

/// Elements holding an `xs:double`, as (parent, element): compared by value, since both
/// sides may spell a number differently (`42` or `42.0`, `1e+21` or `1e21`).
const DOUBLES: &[(&str, &str)] = &[("StatisticsDataValue", "Value")];

/// Rewrites the text of the `DOUBLES` elements in a canonical form.
fn normalize_doubles(node: &mut Node) {
    let parent = node.local_name().to_owned();
    for child in &mut node.children {
        if let Child::Element(element) = child {
            if DOUBLES.contains(&(parent.as_str(), element.local_name()))
                && let [Child::Text(text)] = element.children.as_mut_slice()
                && let Ok(value) = f64::parse_text(text)
            {
                *text = format!("{value:?}");
            }
            normalize_doubles(element);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_soap_responses_equal_ours() {
    let run = call_node().await;
    assert_peer_writes_the_same(
        ("responses", "node soap's"),
        "node soap's responses differ from ours",
        |ours| {
            let Some(theirs) = run.bodies.get(&(ours.service, ours.op, ours.set)) else {
                return Some("node gave no response".to_owned());
            };
            let mut node = parse("node's response", theirs);
            let mut our_node = parse("our response", &ours.response);
            normalize_doubles(&mut node);
            normalize_doubles(&mut our_node);
            canonical::difference(&node, &our_node).map(|diff| {
                format!(
                    "{diff}\nnode: {}\nours: {}",
                    String::from_utf8_lossy(theirs),
                    String::from_utf8_lossy(&ours.response)
                )
            })
        },
    );
}
