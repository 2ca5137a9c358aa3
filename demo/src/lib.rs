//! Example of the generated SuperOffice Services87 clients: authenticate with
//! `SoPrincipal.AuthenticateUsernamePassword`, take the ticket from the response, call
//! `CustomerService.SessionIsValid` with that ticket in the `Credentials` header, then read a
//! contact with `Contact.GetContact` and the same ticket.
//!
//! The library half holds the flow ([`run`]), the command line ([`cli`]) and a fake
//! SuperOffice ([`fake`]) built from the generated server adapters, so the whole example runs
//! on a fresh machine (`cargo run -p demo -- --fake`) and is tested in-process.

pub mod cli;
pub mod fake;
mod flow;

pub use flow::{
    CONTACT_PATH, CUSTOMER_SERVICE_PATH, Config, ContactSummary, DEFAULT_CONTACT_ID, Endpoints,
    Report, SO_PRINCIPAL_PATH, run,
};
