//! The example against the fake SuperOffice over HTTP on 127.0.0.1, through the library and
//! end to end through the binary: a successful run up to `GetContact`, a refused password, a
//! refused application token, `SessionIsValid` for tickets the fake did not issue, and
//! `GetContact` refusing unknown contacts and requests without an issued ticket.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use demo::fake::{self, FakeConfig, FakeSuperOffice};
use demo::{Config, ContactSummary, Report};
use soap_runtime::Request;
use superoffice_services87::common::{SoCredentials, SoExceptionInfo};
use superoffice_services87::contact::{self as ct, ContactService as _};
use superoffice_services87::customer_service::{self as cs, CustomerService as _};
use superoffice_services87::so_principal::{self as sp, SoPrincipal as _};

fn config(fake: &FakeSuperOffice, user: &str, password: &str) -> Config {
    Config {
        endpoints: fake.endpoints(),
        user: user.to_owned(),
        password: password.to_owned(),
        app_token: Some("app-token-123".to_owned()),
        session_key: Some("cs-key".to_owned()),
        contact_id: demo::DEFAULT_CONTACT_ID,
    }
}

/// The `ExceptionInfo` of the service failure `error` carries, or a panic naming `error`.
fn exception_info(error: &anyhow::Error) -> &SoExceptionInfo {
    error
        .downcast_ref::<soap_runtime::Error>()
        .and_then(cs::CustomerServiceResponseHeaders::exception_of)
        .unwrap_or_else(|| panic!("expected a service failure, got {error:?}"))
}

/// A ticket the fake issued, from its `SoPrincipal` (with `app_token` in the header).
async fn ticket(fake: &FakeSuperOffice, app_token: Option<&str>) -> String {
    let mut principal = sp::SoPrincipalClient::new(fake.endpoints().so_principal).unwrap();
    principal.default_headers_mut().application_token = app_token.map(str::to_owned);
    principal
        .authenticate_username_password(Request::new(sp::AuthenticateUsernamePassword {
            user_name: Some(fake::DEFAULT_USER.to_owned()),
            password: Some(fake::DEFAULT_PASSWORD.to_owned()),
        }))
        .await
        .unwrap()
        .into_inner()
        .credentials
        .and_then(|c| c.ticket)
        .unwrap()
}

#[tokio::test]
async fn authenticates_checks_the_session_and_reads_the_contact() {
    let fake = FakeSuperOffice::start(FakeConfig::default()).await.unwrap();
    let endpoints = fake.endpoints();
    assert!(endpoints.so_principal.starts_with("http://127.0.0.1:"));
    assert!(
        endpoints
            .so_principal
            .ends_with("/Remote/Services87/SoPrincipal.svc")
    );
    assert!(
        endpoints
            .customer_service
            .ends_with("/Remote/Services87/CustomerService.svc")
    );
    assert!(
        endpoints
            .contact
            .ends_with("/Remote/Services87/Contact.svc")
    );
    // One port serves the three services.
    for endpoint in [
        &endpoints.so_principal,
        &endpoints.customer_service,
        &endpoints.contact,
    ] {
        assert!(endpoint.starts_with(&fake.base_url()), "{endpoint}");
    }

    let report = demo::run(&config(&fake, fake::DEFAULT_USER, fake::DEFAULT_PASSWORD))
        .await
        .unwrap();
    assert_eq!(
        report,
        Report {
            endpoints,
            user: fake::DEFAULT_USER.to_owned(),
            associate: Some(fake::DEFAULT_USER.to_owned()),
            associate_id: Some(fake::ASSOCIATE_ID),
            ticket_length: 35,
            session_valid: true,
            contact: ContactSummary {
                id: 1,
                name: Some("Nordlys Fake AS".to_owned()),
                department: Some("Sales".to_owned()),
                org_nr: Some("912345678".to_owned()),
                city: Some("Oslo".to_owned()),
                country: Some("Norway".to_owned()),
                category: Some("Customer".to_owned()),
                our_contact: Some("demo (fake SuperOffice)".to_owned()),
            },
        }
    );
    let text = report.to_string();
    assert!(
        text.contains("authenticated as demo (associate demo, id 5)"),
        "{text}"
    );
    assert!(
        text.contains("ticket received (35 characters, not shown)"),
        "{text}"
    );
    assert!(text.contains("the session is valid"), "{text}");
    assert!(
        text.ends_with(&format!(
            "Contact.GetContact at {}\n  contact 1: Nordlys Fake AS, Sales\n    \
             org. number: 912345678\n    place: Oslo, Norway\n    category: Customer\n    \
             our contact: demo (fake SuperOffice)",
            report.endpoints.contact
        )),
        "{text}"
    );
    assert!(
        !text.contains("7T:") && !text.contains(fake::DEFAULT_PASSWORD),
        "{text}"
    );

    // The other contact the fake knows, which has no department.
    let mut config = config(&fake, fake::DEFAULT_USER, fake::DEFAULT_PASSWORD);
    config.contact_id = 2;
    let report = demo::run(&config).await.unwrap();
    assert_eq!(report.contact.id, 2);
    assert_eq!(report.contact.name.as_deref(), Some("Beispiel Handel GmbH"));
    assert_eq!(report.contact.department, None);
    assert!(
        report
            .to_string()
            .contains("  contact 2: Beispiel Handel GmbH\n    org. number: DE123456789\n"),
        "{report}"
    );
    fake.shutdown().await;
}

#[tokio::test]
async fn an_unknown_contact_is_refused_with_the_exception_info() {
    let fake = FakeSuperOffice::start(FakeConfig::default()).await.unwrap();
    let mut config = config(&fake, fake::DEFAULT_USER, fake::DEFAULT_PASSWORD);
    config.contact_id = 4711;
    let error = demo::run(&config).await.unwrap_err();
    let message = format!("{error:#}");
    assert!(
        message.contains(&format!(
            "Contact.GetContact for contact 4711 at {} failed",
            config.endpoints.contact
        )),
        "{message}"
    );
    assert!(
        message.contains("There is no contact with id 4711"),
        "{message}"
    );
    let info = exception_info(&error);
    assert_eq!(
        info.exception_type.as_deref(),
        Some("SoContactNotFoundException")
    );
    fake.shutdown().await;
}

#[tokio::test]
async fn get_contact_needs_a_ticket_the_fake_issued() {
    let fake = FakeSuperOffice::start(FakeConfig::default()).await.unwrap();
    let mut client = ct::ContactServiceClient::new(fake.endpoints().contact).unwrap();
    let get = |client: &ct::ContactServiceClient, id: i32| {
        let client = client.clone();
        async move {
            client
                .get_contact(Request::new(ct::GetContact {
                    contact_id: Some(id),
                }))
                .await
        }
    };
    let refused = |result: Result<_, soap_runtime::Error>| {
        let error = anyhow::Error::new(result.unwrap_err());
        exception_info(&error).clone()
    };

    let info = refused(get(&client, 1).await);
    assert_eq!(info.exception_type.as_deref(), Some("SoSecurityException"));
    assert_eq!(
        info.message.as_deref(),
        Some("The ticket is missing, expired or not valid"),
        "no ticket"
    );
    client.default_headers_mut().credentials = Some(SoCredentials {
        ticket: Some("7T:0000000000000000forged".to_owned()),
    });
    let info = refused(get(&client, 1).await);
    assert_eq!(
        info.exception_type.as_deref(),
        Some("SoSecurityException"),
        "a forged ticket"
    );

    client.default_headers_mut().credentials = Some(SoCredentials {
        ticket: Some(ticket(&fake, None).await),
    });
    for id in fake::CONTACT_IDS {
        let response = get(&client, id).await.unwrap();
        assert_eq!(response.headers().succeeded, Some(true));
        let contact = response.into_inner().response.unwrap();
        assert_eq!(contact.contact_id, Some(id));
        assert!(contact.name.is_some(), "{contact:?}");
        assert_eq!(contact.associate_id, Some(fake::ASSOCIATE_ID));
    }
    let info = refused(get(&client, 3).await);
    assert_eq!(
        info.message.as_deref(),
        Some("There is no contact with id 3")
    );
    // A request without a ContactId is refused too, not answered with some contact.
    let error = client
        .get_contact(Request::new(ct::GetContact::default()))
        .await
        .unwrap_err();
    assert_eq!(
        exception_info(&anyhow::Error::new(error))
            .exception_type
            .as_deref(),
        Some("SoArgumentException")
    );
    fake.shutdown().await;
}

#[tokio::test]
async fn get_contact_checks_a_required_application_token() {
    let fake = FakeSuperOffice::start(FakeConfig {
        app_token: Some("the-right-token".to_owned()),
        ..FakeConfig::default()
    })
    .await
    .unwrap();
    let mut client = ct::ContactServiceClient::new(fake.endpoints().contact).unwrap();
    client.default_headers_mut().credentials = Some(SoCredentials {
        ticket: Some(ticket(&fake, Some("the-right-token")).await),
    });
    let request = || {
        Request::new(ct::GetContact {
            contact_id: Some(1),
        })
    };
    let error = anyhow::Error::new(client.get_contact(request()).await.unwrap_err());
    assert_eq!(
        exception_info(&error).exception_type.as_deref(),
        Some("SoApplicationTokenException")
    );
    client.default_headers_mut().application_token = Some("the-right-token".to_owned());
    let contact = client.get_contact(request()).await.unwrap().into_inner();
    assert_eq!(
        contact.response.and_then(|c| c.name).as_deref(),
        Some("Nordlys Fake AS")
    );
    fake.shutdown().await;
}

#[tokio::test]
async fn a_wrong_password_is_refused_with_the_exception_info() {
    let fake = FakeSuperOffice::start(FakeConfig::default()).await.unwrap();
    let error = demo::run(&config(&fake, fake::DEFAULT_USER, "not-the-password"))
        .await
        .unwrap_err();
    let message = format!("{error:#}");
    assert!(
        message.contains("SoPrincipal.AuthenticateUsernamePassword as demo"),
        "{message}"
    );
    assert!(
        message.contains("Unknown user name or wrong password"),
        "{message}"
    );
    assert!(!message.contains("not-the-password"), "{message}");
    assert!(!format!("{error:?}").contains("not-the-password"));
    let info = exception_info(&error);
    assert_eq!(info.exception_type.as_deref(), Some("SoSecurityException"));

    // An unknown user is refused the same way.
    let error = demo::run(&config(&fake, "mallory", fake::DEFAULT_PASSWORD))
        .await
        .unwrap_err();
    assert!(
        format!("{error:#}").contains("Unknown user name or wrong password"),
        "{error:#}"
    );
    fake.shutdown().await;
}

#[tokio::test]
async fn a_required_application_token_is_checked() {
    let fake = FakeSuperOffice::start(FakeConfig {
        app_token: Some("the-right-token".to_owned()),
        ..FakeConfig::default()
    })
    .await
    .unwrap();
    let mut config = config(&fake, fake::DEFAULT_USER, fake::DEFAULT_PASSWORD);
    let error = demo::run(&config).await.unwrap_err();
    assert!(
        format!("{error:#}").contains("application token is missing or not valid"),
        "{error:#}"
    );
    config.app_token = Some("the-right-token".to_owned());
    let report = demo::run(&config).await.unwrap();
    assert!(report.session_valid);
    assert_eq!(report.contact.name.as_deref(), Some("Nordlys Fake AS"));
    fake.shutdown().await;
}

#[tokio::test]
async fn session_is_valid_only_for_issued_tickets() {
    let fake = FakeSuperOffice::start(FakeConfig::default()).await.unwrap();
    let mut client = cs::CustomerServiceClient::new(fake.endpoints().customer_service).unwrap();
    let ask = |client: &cs::CustomerServiceClient| {
        let client = client.clone();
        async move {
            client
                .session_is_valid(Request::new(cs::SessionIsValid::default()))
                .await
                .unwrap()
                .into_inner()
                .response
        }
    };
    assert_eq!(ask(&client).await, Some(false), "no ticket");
    client.default_headers_mut().credentials = Some(SoCredentials {
        ticket: Some("7T:0000000000000000forged".to_owned()),
    });
    assert_eq!(ask(&client).await, Some(false), "a forged ticket");
    fake.shutdown().await;
}

#[test]
fn the_binary_runs_against_the_fake_and_fails_cleanly() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_demo"))
        .arg("--fake")
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("started the fake SuperOffice"), "{stdout}");
    assert!(
        stdout.contains("ticket received (35 characters, not shown)"),
        "{stdout}"
    );
    assert!(stdout.contains("the session is valid"), "{stdout}");
    assert!(
        stdout.contains("Contact.GetContact at http://127.0.0.1:"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  contact 1: Nordlys Fake AS, Sales\n"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("7T:") && !stdout.contains(fake::DEFAULT_PASSWORD),
        "{stdout}"
    );

    let output = std::process::Command::new(env!("CARGO_BIN_EXE_demo"))
        .args(["--fake", "--contact-id=2"])
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(
        stdout.contains("  contact 2: Beispiel Handel GmbH\n"),
        "{stdout}"
    );

    let output = std::process::Command::new(env!("CARGO_BIN_EXE_demo"))
        .args(["--fake", "--contact-id", "4711"])
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("error: Contact.GetContact for contact 4711 at http://127.0.0.1:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("There is no contact with id 4711"),
        "{stderr}"
    );

    let output = std::process::Command::new(env!("CARGO_BIN_EXE_demo"))
        .args(["--fake", "--password", "hunter2"])
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(
        stderr.contains("Unknown user name or wrong password"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("hunter2") && !String::from_utf8_lossy(&output.stdout).contains("hunter2")
    );

    for bad in [&["--bogus"][..], &["--fake", "--contact-id", "Acme"][..]] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_demo"))
            .args(bad)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{bad:?}");
    }
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_demo"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("SUPEROFFICE_APP_TOKEN"), "{help}");
    assert!(help.contains("--contact-id ID"), "{help}");
}
