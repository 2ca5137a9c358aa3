//! The example against the fake SuperOffice, in-process through the library and end to end
//! through the binary: a successful run, a refused password, a refused application token,
//! and `SessionIsValid` for tickets the fake did not issue.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use demo::fake::{self, FakeConfig, FakeSuperOffice};
use demo::{Config, Report};
use soap_runtime::Request;
use superoffice_services87::common::{SoCredentials, SoExceptionInfo};
use superoffice_services87::customer_service::{self as cs, CustomerService as _};

fn config(fake: &FakeSuperOffice, user: &str, password: &str) -> Config {
    Config {
        endpoints: fake.endpoints(),
        user: user.to_owned(),
        password: password.to_owned(),
        app_token: Some("app-token-123".to_owned()),
        session_key: Some("cs-key".to_owned()),
    }
}

#[tokio::test]
async fn authenticates_and_finds_the_session_valid() {
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
    assert_ne!(
        fake.so_principal_base_url(),
        fake.customer_service_base_url()
    );

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
        !text.contains("7T:") && !text.contains(fake::DEFAULT_PASSWORD),
        "{text}"
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
    let failure = error
        .downcast_ref::<soap_runtime::Error>()
        .and_then(soap_runtime::Error::service_failure)
        .unwrap_or_else(|| panic!("expected a service failure, got {error:?}"));
    let info = failure.exception::<SoExceptionInfo>().unwrap();
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
    assert!(demo::run(&config).await.unwrap().session_valid);
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
        !stdout.contains("7T:") && !stdout.contains(fake::DEFAULT_PASSWORD),
        "{stdout}"
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

    let output = std::process::Command::new(env!("CARGO_BIN_EXE_demo"))
        .arg("--bogus")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_demo"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("SUPEROFFICE_APP_TOKEN"));
}
