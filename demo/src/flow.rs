//! The example's flow: authenticate, keep the ticket, check the session, read a contact.

use std::fmt;

use anyhow::{Context as _, bail};
use soap_runtime::{HttpTransport, Request};
use superoffice_services87::common::SoCredentials;
use superoffice_services87::contact::{
    Contact, ContactService as _, ContactServiceClient, GetContact,
};
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
/// Where `Contact` lives relative to a SuperOffice base URL.
pub const CONTACT_PATH: &str = "/Remote/Services87/Contact.svc";

/// The contact `GetContact` reads unless another is asked for (`--contact-id`).
pub const DEFAULT_CONTACT_ID: i32 = 1;

/// The three service endpoints the example calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// The full URL of `SoPrincipal.svc`.
    pub so_principal: String,
    /// The full URL of `CustomerService.svc`.
    pub customer_service: String,
    /// The full URL of `Contact.svc`.
    pub contact: String,
}

impl Endpoints {
    /// Every service under one SuperOffice base URL (as on a real installation).
    pub fn from_base(base: &str) -> Self {
        Self::from_bases(base, base, base)
    }

    /// Each service under its own base URL (services spread over several hosts).
    pub fn from_bases(
        so_principal_base: &str,
        customer_service_base: &str,
        contact_base: &str,
    ) -> Self {
        let join = |base: &str, path: &str| format!("{}{path}", base.trim_end_matches('/'));
        Endpoints {
            so_principal: join(so_principal_base, SO_PRINCIPAL_PATH),
            customer_service: join(customer_service_base, CUSTOMER_SERVICE_PATH),
            contact: join(contact_base, CONTACT_PATH),
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
    /// The contact `GetContact` reads.
    pub contact_id: i32,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("endpoints", &self.endpoints)
            .field("user", &self.user)
            .field("password", &"<redacted>")
            .field("app_token", &self.app_token.as_ref().map(|_| "<redacted>"))
            .field("session_key", &self.session_key)
            .field("contact_id", &self.contact_id)
            .finish()
    }
}

/// What the example shows of the contact `GetContact` returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactSummary {
    /// The contact's id, as the service reported it (else the one asked for).
    pub id: i32,
    /// The company's name.
    pub name: Option<String>,
    /// The department, if any.
    pub department: Option<String>,
    /// The organisation number.
    pub org_nr: Option<String>,
    /// The city of the contact's address.
    pub city: Option<String>,
    /// The country's name.
    pub country: Option<String>,
    /// The category (customer, prospect, …).
    pub category: Option<String>,
    /// The full name of the associate responsible for the contact ("our contact").
    pub our_contact: Option<String>,
}

impl ContactSummary {
    /// The fields shown of `contact`, asked for as `id`; empty strings count as absent.
    fn new(id: i32, contact: Contact) -> Self {
        let text = |value: Option<String>| value.filter(|v| !v.trim().is_empty());
        ContactSummary {
            id: contact.contact_id.unwrap_or(id),
            name: text(contact.name),
            department: text(contact.department),
            org_nr: text(contact.org_nr),
            city: text(contact.city),
            country: text(contact.country_name),
            category: text(contact.category_name),
            our_contact: text(contact.associate_full_name),
        }
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
    /// The contact `GetContact` returned.
    pub contact: ContactSummary,
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
        writeln!(
            f,
            "  the session is {}",
            if self.session_valid {
                "valid"
            } else {
                "NOT valid"
            }
        )?;
        writeln!(f, "Contact.GetContact at {}", self.endpoints.contact)?;
        let contact = &self.contact;
        write!(
            f,
            "  contact {}: {}",
            contact.id,
            contact.name.as_deref().unwrap_or("(no name)")
        )?;
        if let Some(department) = &contact.department {
            write!(f, ", {department}")?;
        }
        let place = match (&contact.city, &contact.country) {
            (Some(city), Some(country)) => Some(format!("{city}, {country}")),
            (Some(place), None) | (None, Some(place)) => Some(place.clone()),
            (None, None) => None,
        };
        for (label, value) in [
            ("org. number", contact.org_nr.as_ref()),
            ("place", place.as_ref()),
            ("category", contact.category.as_ref()),
            ("our contact", contact.our_contact.as_ref()),
        ] {
            if let Some(value) = value {
                write!(f, "\n    {label}: {value}")?;
            }
        }
        Ok(())
    }
}

/// Authenticates as `config.user`, asks `SessionIsValid` with the ticket received, then reads
/// the contact `config.contact_id` with `GetContact` and the same ticket.
///
/// Fails with the call's [`soap_runtime::Error`] (reachable with `downcast_ref`) and a
/// context naming the step, if a call fails, the service refuses the credentials or it has
/// no such contact.
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

    let credentials = SoCredentials {
        ticket: Some(ticket),
    };

    let mut customer_service = CustomerServiceClient::with_transport(
        &config.endpoints.customer_service,
        transport.clone(),
    );
    let defaults = customer_service.default_headers_mut();
    defaults.credentials = Some(credentials.clone());
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
    let session_valid = response.body().response.unwrap_or(false);

    let mut contacts = ContactServiceClient::with_transport(&config.endpoints.contact, transport);
    let defaults = contacts.default_headers_mut();
    defaults.credentials = Some(credentials);
    defaults.application_token = config.app_token.clone();
    let response = contacts
        .get_contact(Request::new(GetContact {
            contact_id: Some(config.contact_id),
        }))
        .await
        .with_context(|| {
            format!(
                "Contact.GetContact for contact {} at {} failed",
                config.contact_id, config.endpoints.contact
            )
        })?;
    let Some(contact) = response.into_inner().response else {
        bail!(
            "Contact.GetContact at {}: there is no contact with id {}",
            config.endpoints.contact,
            config.contact_id
        );
    };

    Ok(Report {
        endpoints: config.endpoints.clone(),
        user: config.user.clone(),
        associate: carrier.associate,
        associate_id: carrier.associate_id,
        ticket_length,
        session_valid,
        contact: ContactSummary::new(config.contact_id, contact),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

    use super::*;

    #[test]
    fn a_sparse_contact_shows_what_it_has() {
        let contact = Contact {
            name: Some(String::new()),
            department: Some("  ".to_owned()),
            country_name: Some("Sweden".to_owned()),
            ..Default::default()
        };
        let summary = ContactSummary::new(7, contact);
        assert_eq!(
            summary,
            ContactSummary {
                id: 7,
                name: None,
                department: None,
                org_nr: None,
                city: None,
                country: Some("Sweden".to_owned()),
                category: None,
                our_contact: None,
            }
        );
        let report = Report {
            endpoints: Endpoints::from_base("https://so.example/Cust1/"),
            user: "jane".to_owned(),
            associate: None,
            associate_id: None,
            ticket_length: 3,
            session_valid: false,
            contact: summary,
        };
        assert_eq!(
            report.to_string(),
            "SoPrincipal.AuthenticateUsernamePassword at \
             https://so.example/Cust1/Remote/Services87/SoPrincipal.svc
  authenticated as jane
  ticket received (3 characters, not shown)
CustomerService.SessionIsValid at https://so.example/Cust1/Remote/Services87/CustomerService.svc
  the session is NOT valid
Contact.GetContact at https://so.example/Cust1/Remote/Services87/Contact.svc
  contact 7: (no name)
    place: Sweden"
        );
    }
}
