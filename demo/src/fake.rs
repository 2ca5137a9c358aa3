//! A fake SuperOffice on 127.0.0.1: the generated `SoPrincipalServer` and
//! `CustomerServiceServer` serving small implementations.
//!
//! `AuthenticateUsernamePassword` accepts one configured user and password and issues a
//! ticket; anyone else gets `Succeeded = false` with an `ExceptionInfo` header, as SuperOffice
//! reports failures. `SessionIsValid` answers true only for a ticket the fake issued. If the
//! fake is given an application token, both services refuse requests without it.
//!
//! One `HttpServer` serves one service, so each service gets its own port:
//! [`FakeSuperOffice::endpoints`] gives the two URLs.

use std::collections::HashSet;
use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher as _, Hasher as _};
use std::sync::{Arc, Mutex, PoisonError};

use soap_runtime::{Error, HttpServer, Request, Response, ServerConfig};
use superoffice_services87::common::{SoCredentials, SoExceptionInfo};
use superoffice_services87::customer_service::{
    self as cs, CustomerServiceRequestHeaders, CustomerServiceResponseHeaders,
    CustomerServiceServer,
};
use superoffice_services87::so_principal::{
    self as sp, SoPrincipalCarrier, SoPrincipalRequestHeaders, SoPrincipalResponseHeaders,
    SoPrincipalServer,
};

use crate::flow::Endpoints;

/// The user the fake accepts unless configured otherwise.
pub const DEFAULT_USER: &str = "demo";
/// The password the fake accepts unless configured otherwise (it is only a fake's).
pub const DEFAULT_PASSWORD: &str = "demo-password";
/// The associate id the fake reports for its user.
pub const ASSOCIATE_ID: i32 = 5;

/// Whom the fake accepts.
#[derive(Clone)]
pub struct FakeConfig {
    /// The one user name accepted.
    pub user: String,
    /// That user's password.
    pub password: String,
    /// The application token required, if any; `None` accepts requests with or without one.
    pub app_token: Option<String>,
}

impl Default for FakeConfig {
    fn default() -> Self {
        FakeConfig {
            user: DEFAULT_USER.to_owned(),
            password: DEFAULT_PASSWORD.to_owned(),
            app_token: None,
        }
    }
}

impl fmt::Debug for FakeConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FakeConfig")
            .field("user", &self.user)
            .field("password", &"<redacted>")
            .field("app_token", &self.app_token.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

/// What both services share: whom to accept and the tickets issued.
struct State {
    config: FakeConfig,
    tickets: Mutex<HashSet<String>>,
}

impl State {
    fn issue_ticket(&self) -> String {
        let random = |salt: u64| {
            let mut hasher = RandomState::new().build_hasher();
            hasher.write_u64(salt);
            hasher.finish()
        };
        let mut tickets = self.tickets.lock().unwrap_or_else(PoisonError::into_inner);
        let ticket = format!("7T:{:016x}{:016x}", random(1), random(tickets.len() as u64));
        tickets.insert(ticket.clone());
        ticket
    }

    fn is_issued(&self, ticket: &str) -> bool {
        self.tickets
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(ticket)
    }

    /// The failure to report for a request carrying `app_token`, if the fake requires another.
    fn check_app_token(&self, app_token: Option<&str>) -> Option<SoExceptionInfo> {
        let required = self.config.app_token.as_deref()?;
        (app_token != Some(required)).then(|| {
            exception(
                "SoApplicationTokenException",
                "The application token is missing or not valid",
            )
        })
    }
}

/// An `ExceptionInfo` as SuperOffice sends it.
fn exception(exception_type: &str, message: &str) -> SoExceptionInfo {
    SoExceptionInfo {
        message: Some(message.to_owned()),
        stack_trace: Some(format!("   at SuperOffice.Fake.{exception_type}.Throw()")),
        friendly_text: Some(message.to_owned()),
        exception_type: Some(exception_type.to_owned()),
        source: Some("SuperOffice.Fake".to_owned()),
        inner_exception: None,
        parameters: None,
    }
}

/// The fake's `SoPrincipal`.
struct Principal(Arc<State>);

impl Principal {
    fn refuse(
        &self,
        info: SoExceptionInfo,
    ) -> Response<sp::AuthenticateResponse, SoPrincipalResponseHeaders> {
        Response::with_headers(
            sp::AuthenticateResponse {
                authentication_succeeded: Some(false),
                ..Default::default()
            },
            SoPrincipalResponseHeaders {
                succeeded: Some(false),
                exception_info: Some(info),
                ..Default::default()
            },
        )
    }
}

impl sp::SoPrincipal for Principal {
    async fn authenticate_username_password(
        &self,
        request: Request<sp::AuthenticateUsernamePassword, SoPrincipalRequestHeaders>,
    ) -> Result<Response<sp::AuthenticateResponse, SoPrincipalResponseHeaders>, Error> {
        let (body, headers) = request.into_parts();
        if let Some(info) = self.0.check_app_token(headers.application_token.as_deref()) {
            return Ok(self.refuse(info));
        }
        let config = &self.0.config;
        if body.user_name.as_deref() != Some(&config.user)
            || body.password.as_deref() != Some(&config.password)
        {
            return Ok(self.refuse(exception(
                "SoSecurityException",
                "Unknown user name or wrong password",
            )));
        }
        let body = sp::AuthenticateResponse {
            response: Some(SoPrincipalCarrier {
                associate: Some(config.user.clone()),
                associate_id: Some(ASSOCIATE_ID),
                full_name: Some(format!("{} (fake SuperOffice)", config.user)),
                ..Default::default()
            }),
            credentials: Some(SoCredentials {
                ticket: Some(self.0.issue_ticket()),
            }),
            authentication_succeeded: Some(true),
        };
        let headers = SoPrincipalResponseHeaders {
            succeeded: Some(true),
            ..Default::default()
        };
        Ok(Response::with_headers(body, headers))
    }
}

/// The fake's `CustomerService`.
struct CustomerService(Arc<State>);

impl cs::CustomerService for CustomerService {
    async fn session_is_valid(
        &self,
        request: Request<cs::SessionIsValid, CustomerServiceRequestHeaders>,
    ) -> Result<Response<cs::SessionIsValidResponse, CustomerServiceResponseHeaders>, Error> {
        let headers = request.into_parts().1;
        if let Some(info) = self.0.check_app_token(headers.application_token.as_deref()) {
            let headers = CustomerServiceResponseHeaders {
                succeeded: Some(false),
                exception_info: Some(info),
                ..Default::default()
            };
            return Ok(Response::with_headers(Default::default(), headers));
        }
        let ticket = headers.credentials.and_then(|c| c.ticket);
        let valid = ticket.is_some_and(|t| self.0.is_issued(&t));
        let headers = CustomerServiceResponseHeaders {
            succeeded: Some(true),
            ..Default::default()
        };
        Ok(Response::with_headers(
            cs::SessionIsValidResponse {
                response: Some(valid),
            },
            headers,
        ))
    }
}

/// The running fake: two HTTP servers on 127.0.0.1, ephemeral ports.
#[derive(Debug)]
pub struct FakeSuperOffice {
    principal: HttpServer,
    customer_service: HttpServer,
}

impl FakeSuperOffice {
    /// Starts both services.
    pub async fn start(config: FakeConfig) -> std::io::Result<Self> {
        let state = Arc::new(State {
            config,
            tickets: Mutex::new(HashSet::new()),
        });
        let principal = HttpServer::bind(
            "127.0.0.1:0",
            SoPrincipalServer::new(Principal(Arc::clone(&state))),
            ServerConfig::default(),
        )
        .await?;
        let customer_service = HttpServer::bind(
            "127.0.0.1:0",
            CustomerServiceServer::new(CustomerService(state)),
            ServerConfig::default(),
        )
        .await?;
        Ok(FakeSuperOffice {
            principal,
            customer_service,
        })
    }

    /// The base URL serving `SoPrincipal` (any path on it reaches the service).
    pub fn so_principal_base_url(&self) -> String {
        self.principal.url("")
    }

    /// The base URL serving `CustomerService`.
    pub fn customer_service_base_url(&self) -> String {
        self.customer_service.url("")
    }

    /// The two endpoints, at the paths a real SuperOffice uses.
    pub fn endpoints(&self) -> Endpoints {
        Endpoints::from_bases(
            &self.so_principal_base_url(),
            &self.customer_service_base_url(),
        )
    }

    /// Stops both servers, letting calls in flight finish.
    pub async fn shutdown(self) {
        self.principal.shutdown().await;
        self.customer_service.shutdown().await;
    }
}
