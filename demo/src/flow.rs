//! The example's flow: authenticate, keep the ticket, check the session.

use std::fmt;

use anyhow::{Context as _, bail};
use soap_runtime::{HttpTransport, Request};
use superoffice_services87::common::SoCredentials;
use superoffice_services87::customer_service::{
    CustomerService as _, CustomerServiceClient, SessionIsValid,
};
use superoffice_services87::so_principal::{
    AuthenticateUsernamePassword, SoPrincipal as _, SoPrincipalClient,
};

/// Where the services live relative to a SuperOffice base URL.
pub const SO_PRINCIPAL_PATH: &str = "/Remote/Services87/SoPrincipal.svc";
/// Where `CustomerService` lives relative to a SuperOffice base URL.
pub const CUSTOMER_SERVICE_PATH: &str = "/Remote/Services87/CustomerService.svc";

/// The two service endpoints the example calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// The full URL of `SoPrincipal.svc`.
    pub so_principal: String,
    /// The full URL of `CustomerService.svc`.
    pub customer_service: String,
}

impl Endpoints {
    /// Both services under one SuperOffice base URL (as on a real installation).
    pub fn from_base(base: &str) -> Self {
        Self::from_bases(base, base)
    }

    /// Each service under its own base URL (as with the fake, which serves each on its own port).
    pub fn from_bases(so_principal_base: &str, customer_service_base: &str) -> Self {
        Endpoints {
            so_principal: format!(
                "{}{SO_PRINCIPAL_PATH}",
                so_principal_base.trim_end_matches('/')
            ),
            customer_service: format!(
                "{}{CUSTOMER_SERVICE_PATH}",
                customer_service_base.trim_end_matches('/')
            ),
        }
    }
}

/// What the example needs; `Debug` leaves the secrets out.
#[derive(Clone)]
pub struct Config {
    /// The service endpoints.
    pub endpoints: Endpoints,
    /// The SuperOffice user name.
    pub user: String,
    /// The user's password (secret).
    pub password: String,
    /// The application token sent in the `ApplicationToken` header (secret), if any.
    pub app_token: Option<String>,
    /// The `CsSessionKey` passed to `SessionIsValid`, if any.
    pub session_key: Option<String>,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("endpoints", &self.endpoints)
            .field("user", &self.user)
            .field("password", &"<redacted>")
            .field("app_token", &self.app_token.as_ref().map(|_| "<redacted>"))
            .field("session_key", &self.session_key)
            .finish()
    }
}

/// What happened; holds no secret (only the ticket's length).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The endpoints called.
    pub endpoints: Endpoints,
    /// The user who authenticated.
    pub user: String,
    /// The associate (login) name the service reported, if any.
    pub associate: Option<String>,
    /// The associate id the service reported, if any.
    pub associate_id: Option<i32>,
    /// The length of the ticket received.
    pub ticket_length: usize,
    /// `SessionIsValid`'s answer.
    pub session_valid: bool,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "SoPrincipal.AuthenticateUsernamePassword at {}",
            self.endpoints.so_principal
        )?;
        write!(f, "  authenticated as {}", self.user)?;
        match (&self.associate, self.associate_id) {
            (Some(associate), Some(id)) => write!(f, " (associate {associate}, id {id})")?,
            (Some(associate), None) => write!(f, " (associate {associate})")?,
            (None, Some(id)) => write!(f, " (associate id {id})")?,
            (None, None) => {}
        }
        writeln!(f)?;
        writeln!(
            f,
            "  ticket received ({} characters, not shown)",
            self.ticket_length
        )?;
        writeln!(
            f,
            "CustomerService.SessionIsValid at {}",
            self.endpoints.customer_service
        )?;
        write!(
            f,
            "  the session is {}",
            if self.session_valid {
                "valid"
            } else {
                "NOT valid"
            }
        )
    }
}

/// Authenticates as `config.user`, then asks `SessionIsValid` with the ticket received.
///
/// Fails with the call's [`soap_runtime::Error`] (reachable with `downcast_ref`) and a
/// context naming the step, if either call fails or the service refuses the credentials.
pub async fn run(config: &Config) -> anyhow::Result<Report> {
    let transport = HttpTransport::new().context("creating the HTTP client")?;

    let mut principal =
        SoPrincipalClient::with_transport(&config.endpoints.so_principal, transport.clone());
    principal.default_headers_mut().application_token = config.app_token.clone();
    let request = Request::new(AuthenticateUsernamePassword {
        user_name: Some(config.user.clone()),
        password: Some(config.password.clone()),
    });
    let response = principal
        .authenticate_username_password(request)
        .await
        .with_context(|| {
            format!(
                "SoPrincipal.AuthenticateUsernamePassword as {} at {} failed",
                config.user, config.endpoints.so_principal
            )
        })?
        .into_inner();
    if response.authentication_succeeded == Some(false) {
        bail!(
            "SoPrincipal.AuthenticateUsernamePassword at {}: the user {} was not authenticated",
            config.endpoints.so_principal,
            config.user
        );
    }
    let Some(ticket) = response.credentials.and_then(|c| c.ticket) else {
        bail!(
            "SoPrincipal.AuthenticateUsernamePassword at {} returned no ticket",
            config.endpoints.so_principal
        );
    };
    let carrier = response.response.unwrap_or_default();
    let ticket_length = ticket.chars().count();

    let mut customer_service =
        CustomerServiceClient::with_transport(&config.endpoints.customer_service, transport);
    let defaults = customer_service.default_headers_mut();
    defaults.credentials = Some(SoCredentials {
        ticket: Some(ticket),
    });
    defaults.application_token = config.app_token.clone();
    let response = customer_service
        .session_is_valid(Request::new(SessionIsValid {
            cs_session_key: config.session_key.clone(),
        }))
        .await
        .with_context(|| {
            format!(
                "CustomerService.SessionIsValid at {} failed",
                config.endpoints.customer_service
            )
        })?;

    Ok(Report {
        endpoints: config.endpoints.clone(),
        user: config.user.clone(),
        associate: carrier.associate,
        associate_id: carrier.associate_id,
        ticket_length,
        session_valid: response.body().response.unwrap_or(false),
    })
}
