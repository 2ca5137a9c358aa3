//! Our servers that check what they receive, with the values of a set told by the
//! application token; the operation lists both sides walk.

use super::*;

/// What a server saw: (operation, set) per call, and every way a request differed from the
/// values of its set.
pub(super) type Log = fakes::Log<(&'static str, Set)>;

/// Problems in `log`: mismatches, and operations not served exactly once per set.
pub(super) fn log_problems(log: &Log, ops: &[OperationInfo]) -> Vec<String> {
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
pub(super) struct Headers<H, R> {
    pub(super) of: fn(Set) -> H,
    pub(super) response: fn(Set, &str) -> R,
    pub(super) token: fn(&H) -> &Option<String>,
    pub(super) show: fn(&H) -> String,
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

pub(super) const CS_HEADERS: Headers<CsRequestHeaders, CsResponseHeaders> = Headers {
    of: values::cs_request_headers,
    response: values::cs_response_headers,
    token: |h| &h.application_token,
    show: show_cs_headers,
};

pub(super) const SP_HEADERS: Headers<SpRequestHeaders, SpResponseHeaders> = Headers {
    of: values::sp_request_headers,
    response: values::sp_response_headers,
    token: |h| &h.application_token,
    show: show_sp_headers,
};

/// A `CustomerService` that expects the requests of a value set (told by the application
/// token) and answers its responses.
pub(super) struct CsFake {
    pub(super) log: Log,
}

/// A `SoPrincipal` that expects the requests of a value set and answers its responses.
pub(super) struct SpFake {
    pub(super) log: Log,
}

/// How one call of our client went.
pub(super) struct Outcome {
    pub(super) op: &'static str,
    pub(super) set: Set,
    pub(super) result: Result<(), String>,
}

pub(super) fn same<T: PartialEq + Debug>(
    what: &str,
    actual: &T,
    expected: &T,
) -> Result<(), String> {
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

        pub(crate) async fn $call_all<T: Transport>(client: &$client<T>, set: Set) -> Vec<Outcome> {
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
        pub(crate) fn $envelopes(set: Set) -> Vec<(&'static str, Vec<u8>, Vec<u8>)> {
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

pub(crate) use cs::CustomerServiceClient as CsClient;
pub(crate) use sp::SoPrincipalClient as SpClient;

/// The operations of both services, as (service, operations).
pub(super) const SERVICES: [(&str, &[OperationInfo]); 2] = [
    ("CustomerService", cs::CUSTOMER_SERVICE_OPERATIONS),
    ("SoPrincipal", sp::SO_PRINCIPAL_OPERATIONS),
];

/// Every operation of `ops` exactly once per set in `names`.
pub(super) fn assert_covers(what: &str, names: &[(&'static str, Set)], ops: &[OperationInfo]) {
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
pub(super) fn all_operations() -> Vec<OperationInfo> {
    SERVICES
        .iter()
        .flat_map(|(_, ops)| ops.iter().copied())
        .collect()
}

/// How many operations passed in every set, of how many.
pub(super) fn tally(outcomes: &[Outcome]) -> (usize, usize) {
    let mut by_op: BTreeMap<&str, bool> = BTreeMap::new();
    for outcome in outcomes {
        *by_op.entry(outcome.op).or_insert(true) &= outcome.result.is_ok();
    }
    (by_op.values().filter(|ok| **ok).count(), by_op.len())
}
