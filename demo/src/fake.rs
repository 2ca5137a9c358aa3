//! A fake SuperOffice on 127.0.0.1: the generated `SoPrincipalServer`,
//! `CustomerServiceServer` and `ContactServiceServer` serving small implementations.
//!
//! `AuthenticateUsernamePassword` accepts one configured user and password and issues a
//! ticket; anyone else gets `Succeeded = false` with an `ExceptionInfo` header, as SuperOffice
//! reports failures. `SessionIsValid` answers true only for a ticket the fake issued.
//! `GetContact` answers the contacts [`CONTACT_IDS`] to a ticket the fake issued, and refuses
//! other ids and other tickets the same way. If the fake is given an application token, every
//! service refuses requests without it. The other operations of these services answer with a
//! fault saying they are not implemented.
//!
//! One `HttpServer` serves the three on one port, each at its SuperOffice path, as the
//! generated server adapters in an axum router: [`FakeSuperOffice::endpoints`] gives the
//! three URLs.

use std::collections::HashSet;
use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher as _, Hasher as _};
use std::sync::{Arc, Mutex, PoisonError};

use soap_runtime::{Error, HttpServer, Request, Response, ServerConfig};
use superoffice_services87::common::{SoCredentials, SoExceptionInfo};
use superoffice_services87::contact::{
    self as ct, ContactServiceRequestHeaders, ContactServiceResponseHeaders, ContactServiceServer,
};
use superoffice_services87::customer_service::{
    self as cs, CustomerServiceRequestHeaders, CustomerServiceResponseHeaders,
    CustomerServiceServer,
};
use superoffice_services87::so_principal::{
    self as sp, SoPrincipalCarrier, SoPrincipalRequestHeaders, SoPrincipalResponseHeaders,
    SoPrincipalServer,
};

use crate::flow::{CONTACT_PATH, CUSTOMER_SERVICE_PATH, Endpoints, SO_PRINCIPAL_PATH};

/// The user the fake accepts unless configured otherwise.
pub const DEFAULT_USER: &str = "demo";
/// The password the fake accepts unless configured otherwise (it is only a fake's).
pub const DEFAULT_PASSWORD: &str = "demo-password";
/// The associate id the fake reports for its user.
pub const ASSOCIATE_ID: i32 = 5;
/// The ids of the contacts the fake knows; `GetContact` refuses any other.
pub const CONTACT_IDS: [i32; 2] = [1, 2];

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

    /// The failure to report for a request with `credentials`, unless they carry a ticket the
    /// fake issued.
    fn check_ticket(&self, credentials: Option<SoCredentials>) -> Option<SoExceptionInfo> {
        let ticket = credentials.and_then(|c| c.ticket);
        (!ticket.is_some_and(|t| self.is_issued(&t))).then(|| {
            exception(
                "SoSecurityException",
                "The ticket is missing, expired or not valid",
            )
        })
    }

    /// The contact `id`, if the fake knows it; its owner is the fake's user.
    fn contact(&self, id: i32) -> Option<ct::Contact> {
        let shared = ct::Contact {
            contact_id: Some(id),
            associate_id: Some(ASSOCIATE_ID),
            associate_full_name: Some(full_name(&self.config.user)),
            is_owner_contact: Some(false),
            ..Default::default()
        };
        match id {
            1 => Some(ct::Contact {
                name: Some("Nordlys Fake AS".to_owned()),
                department: Some("Sales".to_owned()),
                org_nr: Some("912345678".to_owned()),
                city: Some("Oslo".to_owned()),
                country_id: Some(578),
                country_name: Some("Norway".to_owned()),
                category_name: Some("Customer".to_owned()),
                business_name: Some("IT".to_owned()),
                email_address: Some("post@nordlys.example".to_owned()),
                url: Some("https://nordlys.example".to_owned()),
                full_name: Some("Nordlys Fake AS Sales".to_owned()),
                ..shared
            }),
            2 => Some(ct::Contact {
                name: Some("Beispiel Handel GmbH".to_owned()),
                org_nr: Some("DE123456789".to_owned()),
                city: Some("Hamburg".to_owned()),
                country_id: Some(276),
                country_name: Some("Germany".to_owned()),
                category_name: Some("Prospect".to_owned()),
                full_name: Some("Beispiel Handel GmbH".to_owned()),
                ..shared
            }),
            _ => None,
        }
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

/// The full name the fake reports for its user.
fn full_name(user: &str) -> String {
    format!("{user} (fake SuperOffice)")
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
                full_name: Some(full_name(&config.user)),
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

/// The fake's `Contact` service.
struct ContactService(Arc<State>);

impl ct::ContactService for ContactService {
    async fn get_contact(
        &self,
        request: Request<ct::GetContact, ContactServiceRequestHeaders>,
    ) -> Result<Response<ct::GetContactResponse, ContactServiceResponseHeaders>, Error> {
        let (body, headers) = request.into_parts();
        let refusal = self
            .0
            .check_app_token(headers.application_token.as_deref())
            .or_else(|| self.0.check_ticket(headers.credentials));
        let found = match (refusal, body.contact_id) {
            (Some(info), _) => Err(info),
            (None, Some(id)) => self.0.contact(id).ok_or_else(|| {
                exception(
                    "SoContactNotFoundException",
                    &format!("There is no contact with id {id}"),
                )
            }),
            (None, None) => Err(exception(
                "SoArgumentException",
                "GetContact needs a ContactId",
            )),
        };
        let (contact, headers) = match found {
            Ok(contact) => (
                Some(contact),
                ContactServiceResponseHeaders {
                    succeeded: Some(true),
                    ..Default::default()
                },
            ),
            Err(info) => (
                None,
                ContactServiceResponseHeaders {
                    succeeded: Some(false),
                    exception_info: Some(info),
                    ..Default::default()
                },
            ),
        };
        Ok(Response::with_headers(
            ct::GetContactResponse { response: contact },
            headers,
        ))
    }
}

/// The running fake: one HTTP server on 127.0.0.1, an ephemeral port.
#[derive(Debug)]
pub struct FakeSuperOffice {
    server: HttpServer,
}

impl FakeSuperOffice {
    /// Starts the three services.
    pub async fn start(config: FakeConfig) -> std::io::Result<Self> {
        let state = Arc::new(State {
            config,
            tickets: Mutex::new(HashSet::new()),
        });
        let services = axum::Router::new()
            .route_service(
                SO_PRINCIPAL_PATH,
                SoPrincipalServer::new(Principal(Arc::clone(&state))),
            )
            .route_service(
                CUSTOMER_SERVICE_PATH,
                CustomerServiceServer::new(CustomerService(Arc::clone(&state))),
            )
            .route_service(
                CONTACT_PATH,
                ContactServiceServer::new(ContactService(state)),
            );
        let server =
            HttpServer::bind_service("127.0.0.1:0", services, ServerConfig::default()).await?;
        Ok(FakeSuperOffice { server })
    }

    /// The base URL the three services are under, at the paths a real SuperOffice uses.
    pub fn base_url(&self) -> String {
        self.server.url("")
    }

    /// The three endpoints.
    pub fn endpoints(&self) -> Endpoints {
        Endpoints::from_base(&self.base_url())
    }

    /// Stops the server, letting calls in flight finish.
    pub async fn shutdown(self) {
        self.server.shutdown().await;
    }
}
