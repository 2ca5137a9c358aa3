//! Fake servers that check what they receive: a `CustomerService` and a `SoPrincipal`
//! that expect exactly the requests of `values` and answer their responses (with the
//! functions calling every operation through a client), one that implements nothing, and
//! one whose answers are derived from each request.

use super::*;

/// What a fake server saw: the operations it served, and every way a request differed from
/// what the test sent.
pub(super) type Log = fakes::Log<&'static str>;

/// No mismatch in `log`, and every operation of `ops` served exactly once.
pub(super) fn assert_clean(log: &Log, ops: &[OperationInfo]) {
    let mismatches = log.mismatches();
    assert!(
        mismatches.is_empty(),
        "the server received wrong requests:\n{}",
        mismatches.join("\n")
    );
    let mut served = log.served();
    served.sort_unstable();
    assert_eq!(served, sorted_names(ops), "operations the server served");
}

/// What `values` says about a service's headers: those the server must receive for an
/// operation, and those it answers with; and how to show request headers in full (their
/// `Debug` output hides the secrets this test checks).
pub(super) struct Headers<H, R> {
    pub(super) expected: fn(&str) -> H,
    pub(super) response: fn(&str) -> R,
    pub(super) show: fn(&H) -> String,
}

impl<H: PartialEq, R> Headers<H, R> {
    /// Records a call of `op` in `log` and compares what arrived with `want` and the headers
    /// `values` expects (a mismatch is recorded and also answered as an error, so the call
    /// fails at once, not only at the end); answers `reply` with the response headers of
    /// `values`.
    fn answer<B: PartialEq + Debug, T>(
        &self,
        log: &Log,
        op: &OperationInfo,
        request: Request<B, H>,
        (want, reply): (B, T),
    ) -> Result<Response<T, R>, Error> {
        let (body, headers) = request.into_parts();
        log.check(
            op.name,
            op.name,
            (&body, &want),
            (&headers, &(self.expected)(op.name)),
            (self.show, BodyFormat::Compact),
        )?;
        Ok(Response::with_headers(reply, (self.response)(op.name)))
    }
}

pub(super) type CsHeaders =
    Headers<cs::CustomerServiceRequestHeaders, cs::CustomerServiceResponseHeaders>;
pub(super) type SpHeaders = Headers<sp::SoPrincipalRequestHeaders, sp::SoPrincipalResponseHeaders>;

pub(super) const CS_HEADERS: CsHeaders = Headers {
    expected: values::cs_expected_headers,
    response: values::cs_response_headers,
    show: show_cs_headers,
};

pub(super) const SP_HEADERS: SpHeaders = Headers {
    expected: values::sp_expected_headers,
    response: values::sp_response_headers,
    show: show_sp_headers,
};

pub(super) fn sorted_names(ops: &[OperationInfo]) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = ops.iter().map(|op| op.name).collect();
    names.sort_unstable();
    names
}

/// Every operation of `ops` called, once each.
pub(super) fn assert_covers(mut called: Vec<&'static str>, ops: &[OperationInfo]) {
    called.sort_unstable();
    assert_eq!(called, sorted_names(ops), "operations called");
}

/// A `CustomerService` that expects exactly the requests of `values` and answers their
/// responses.
pub(super) struct CsFake {
    pub(super) log: Log,
}

/// A `SoPrincipal` that expects exactly the requests of `values` and answers their responses.
pub(super) struct SpFake {
    pub(super) log: Log,
}

/// Implements a port type's trait on its fake (each method checks the request and answers
/// from `values`) and writes `$run`, which calls every operation through a client and checks
/// each response's body and headers against `values`. One list, so neither side can miss an
/// operation; the coverage is also checked against the generated operation list.
macro_rules! port {
    (
        $fake:ident implements $trait:path;
        async fn $run:ident(&$client:ident<T>);
        headers: $reqh:ty, $resph:ty = $headers:path;
        override: $override:path;
        $( $method:ident: $op:path = values::$fixture:ident => $req:ty, $resp:ty; )*
    ) => {
        impl $trait for $fake {
            $(
                async fn $method(
                    &self,
                    request: Request<$req, $reqh>,
                ) -> Result<Response<$resp, $resph>, Error> {
                    $headers.answer(&self.log, &$op, request, values::$fixture())
                }
            )*
        }

        /// Calls every operation through `client`, checking body and headers of each response;
        /// returns the operations called.
        pub(super) async fn $run<T: Transport>(client: &$client<T>) -> Vec<&'static str> {
            let mut called = Vec::new();
            $(
                let (body, want) = values::$fixture();
                let mut request = Request::new(body);
                $override($op.name, request.headers_mut());
                let response = client
                    .$method(request)
                    .await
                    .unwrap_or_else(|error| panic!("{}: {error}", $op.name));
                assert_eq!(response.body(), &want, "{}: response body", $op.name);
                assert_eq!(
                    response.headers(),
                    &($headers.response)($op.name),
                    "{}: response headers",
                    $op.name
                );
                called.push($op.name);
            )*
            called
        }
    };
}

port! {
    CsFake implements cs::CustomerService;
    async fn call_every_cs_operation(&CsClient<T>);
    headers: cs::CustomerServiceRequestHeaders, cs::CustomerServiceResponseHeaders = CS_HEADERS;
    override: values::cs_override;
    create_default_customer_center_config: cs::CREATE_DEFAULT_CUSTOMER_CENTER_CONFIG = values::create_default_customer_center_config
        => cs::CreateDefaultCustomerCenterConfig, cs::CreateDefaultCustomerCenterConfigResponse;
    save_customer_center_config: cs::SAVE_CUSTOMER_CENTER_CONFIG = values::save_customer_center_config
        => cs::SaveCustomerCenterConfig, cs::SaveCustomerCenterConfigResponse;
    delete_customer_center_config: cs::DELETE_CUSTOMER_CENTER_CONFIG = values::delete_customer_center_config
        => cs::DeleteCustomerCenterConfig, cs::DeleteCustomerCenterConfigResponse;
    create_default_sms_config: cs::CREATE_DEFAULT_SMS_CONFIG = values::create_default_sms_config
        => cs::CreateDefaultSmsConfig, cs::CreateDefaultSmsConfigResponse;
    save_sms_config: cs::SAVE_SMS_CONFIG = values::save_sms_config
        => cs::SaveSmsConfig, cs::SaveSmsConfigResponse;
    get_program_url: cs::GET_PROGRAM_URL = values::get_program_url
        => cs::GetProgramUrl, cs::GetProgramUrlResponse;
    create_ticket_from_mail_data: cs::CREATE_TICKET_FROM_MAIL_DATA = values::create_ticket_from_mail_data
        => cs::CreateTicketFromMailData, cs::CreateTicketFromMailDataResponse;
    add_message_from_mail_data: cs::ADD_MESSAGE_FROM_MAIL_DATA = values::add_message_from_mail_data
        => cs::AddMessageFromMailData, cs::AddMessageFromMailDataResponse;
    find_tickets_by_title_or_id: cs::FIND_TICKETS_BY_TITLE_OR_ID = values::find_tickets_by_title_or_id
        => cs::FindTicketsByTitleOrId, cs::FindTicketsByTitleOrIdResponse;
    get_mailboxes: cs::GET_MAILBOXES = values::get_mailboxes
        => cs::GetMailboxes, cs::GetMailboxesResponse;
    test_smtp_server: cs::TEST_SMTP_SERVER = values::test_smtp_server
        => cs::TestSmtpServer, cs::TestSmtpServerResponse;
    get_customer_service_startup: cs::GET_CUSTOMER_SERVICE_STARTUP = values::get_customer_service_startup
        => cs::GetCustomerServiceStartup, cs::GetCustomerServiceStartupResponse;
    get_customer_center_config: cs::GET_CUSTOMER_CENTER_CONFIG = values::get_customer_center_config
        => cs::GetCustomerCenterConfig, cs::GetCustomerCenterConfigResponse;
    get_all_customer_center_configs: cs::GET_ALL_CUSTOMER_CENTER_CONFIGS = values::get_all_customer_center_configs
        => cs::GetAllCustomerCenterConfigs, cs::GetAllCustomerCenterConfigsResponse;
    save_all_customer_center_configs: cs::SAVE_ALL_CUSTOMER_CENTER_CONFIGS = values::save_all_customer_center_configs
        => cs::SaveAllCustomerCenterConfigs, cs::SaveAllCustomerCenterConfigsResponse;
    check_if_customized_templates: cs::CHECK_IF_CUSTOMIZED_TEMPLATES = values::check_if_customized_templates
        => cs::CheckIfCustomizedTemplates, cs::CheckIfCustomizedTemplatesResponse;
    create_session: cs::CREATE_SESSION = values::create_session
        => cs::CreateSession, cs::CreateSessionResponse;
    remove_session: cs::REMOVE_SESSION = values::remove_session
        => cs::RemoveSession, cs::RemoveSessionResponse;
    session_is_valid: cs::SESSION_IS_VALID = values::session_is_valid
        => cs::SessionIsValid, cs::SessionIsValidResponse;
    has_chat_notify: cs::HAS_CHAT_NOTIFY = values::has_chat_notify
        => cs::HasChatNotify, cs::HasChatNotifyResponse;
    check_symmetric_encryption: cs::CHECK_SYMMETRIC_ENCRYPTION = values::check_symmetric_encryption
        => cs::CheckSymmetricEncryption, cs::CheckSymmetricEncryptionResponse;
    update_feature_toggles: cs::UPDATE_FEATURE_TOGGLES = values::update_feature_toggles
        => cs::UpdateFeatureToggles, cs::UpdateFeatureTogglesResponse;
    event_handler_exists: cs::EVENT_HANDLER_EXISTS = values::event_handler_exists
        => cs::EventHandlerExists, cs::EventHandlerExistsResponse;
    execute_event_handlers: cs::EXECUTE_EVENT_HANDLERS = values::execute_event_handlers
        => cs::ExecuteEventHandlers, cs::ExecuteEventHandlersResponse;
    get_statistics: cs::GET_STATISTICS = values::get_statistics
        => cs::GetStatistics, cs::GetStatisticsResponse;
    get_sms_config: cs::GET_SMS_CONFIG = values::get_sms_config
        => cs::GetSmsConfig, cs::GetSmsConfigResponse;
    delete_chat_sessions: cs::DELETE_CHAT_SESSIONS = values::delete_chat_sessions
        => cs::DeleteChatSessions, cs::DeleteChatSessionsResponse;
    chat_sessions_for_user: cs::CHAT_SESSIONS_FOR_USER = values::chat_sessions_for_user
        => cs::ChatSessionsForUser, cs::ChatSessionsForUserResponse;
}

port! {
    SpFake implements sp::SoPrincipal;
    async fn call_every_sp_operation(&SpClient<T>);
    headers: sp::SoPrincipalRequestHeaders, sp::SoPrincipalResponseHeaders = SP_HEADERS;
    override: values::sp_override;
    get_system_info: sp::GET_SYSTEM_INFO = values::get_system_info
        => sp::GetSystemInfo, sp::GetSystemInfoResponse;
    authenticate_implicit: sp::AUTHENTICATE_IMPLICIT = values::authenticate_implicit
        => sp::AuthenticateImplicit, sp::AuthenticateResponse;
    authenticate_username_password: sp::AUTHENTICATE_USERNAME_PASSWORD = values::authenticate_username_password
        => sp::AuthenticateUsernamePassword, sp::AuthenticateResponse;
    authenticate_generic: sp::AUTHENTICATE_GENERIC = values::authenticate_generic
        => sp::AuthenticateGeneric, sp::AuthenticateResponse;
    authenticate_with_access_token: sp::AUTHENTICATE_WITH_ACCESS_TOKEN = values::authenticate_with_access_token
        => sp::AuthenticateWithAccessToken, sp::AuthenticateResponse;
}

/// Implements nothing: every operation answers the generated "not implemented" fault.
pub(super) struct Nothing;

impl cs::CustomerService for Nothing {}

/// Counts calls and how many were in flight at once.
#[derive(Default)]
pub(super) struct Stats {
    pub(super) calls: AtomicUsize,
    pub(super) in_flight: AtomicUsize,
    pub(super) max_in_flight: AtomicUsize,
}

pub(super) struct InFlight<'a>(&'a Stats);

impl Stats {
    fn enter(&self) -> InFlight<'_> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.max_in_flight.fetch_max(now, Ordering::SeqCst);
        InFlight(self)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A `CustomerService` whose answers are derived from each request: `SessionIsValid` takes
/// keys `key-N` (valid when N is a multiple of 3), `GetProgramUrl` programs `prog-N`; both
/// sleep a little depending on N, so answers finish out of order, and echo the ticket,
/// token and time zone they received in their response headers.
#[derive(Clone, Default)]
pub(super) struct Echo {
    pub(super) stats: Arc<Stats>,
}

pub(super) fn number_in(text: &str, prefix: &str) -> Result<u64, Error> {
    text.strip_prefix(prefix)
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| Error::implementation(format!("expected {prefix}N, got {text:?}")))
}

pub(super) fn echo_headers(
    request: &cs::CustomerServiceRequestHeaders,
    argument: (&str, String),
) -> cs::CustomerServiceResponseHeaders {
    cs::CustomerServiceResponseHeaders {
        exception_info: None,
        extra_info: Some(vec![
            (argument.0.to_owned(), Some(argument.1)),
            (
                "ticket".to_owned(),
                request.credentials.as_ref().and_then(|c| c.ticket.clone()),
            ),
            ("token".to_owned(), request.application_token.clone()),
        ]),
        succeeded: Some(true),
        time_zone: request.time_zone.clone(),
    }
}

impl cs::CustomerService for Echo {
    async fn session_is_valid(
        &self,
        request: CsRequest<cs::SessionIsValid>,
    ) -> CsResult<cs::SessionIsValidResponse> {
        let _in_flight = self.stats.enter();
        let (body, headers) = request.into_parts();
        let key = body.cs_session_key.unwrap_or_default();
        let n = number_in(&key, "key-")?;
        tokio::time::sleep(Duration::from_millis(n % 7 * 3)).await;
        Ok(Response::with_headers(
            cs::SessionIsValidResponse {
                response: Some(n % 3 == 0),
            },
            echo_headers(&headers, ("key", key)),
        ))
    }

    async fn get_program_url(
        &self,
        request: CsRequest<cs::GetProgramUrl>,
    ) -> CsResult<cs::GetProgramUrlResponse> {
        let _in_flight = self.stats.enter();
        let (body, headers) = request.into_parts();
        let program = body.program_name.unwrap_or_default();
        let n = number_in(&program, "prog-")?;
        tokio::time::sleep(Duration::from_millis(n % 5 * 4)).await;
        let ticket = headers.credentials.as_ref().and_then(|c| c.ticket.clone());
        let url = format!(
            "https://cs.example.test/{program}?external={:?}&ticket={}",
            body.external,
            ticket.unwrap_or_default()
        );
        Ok(Response::with_headers(
            cs::GetProgramUrlResponse {
                response: Some(url),
            },
            echo_headers(&headers, ("program", program)),
        ))
    }
}
