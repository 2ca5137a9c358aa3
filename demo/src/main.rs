//! `demo`: authenticate with SuperOffice, check the session, read a contact; `--fake` runs it
//! against the project's own fake SuperOffice on 127.0.0.1. See `demo --help`.

use std::process::ExitCode;

use demo::cli::{self, Command};
use demo::fake::{FakeConfig, FakeSuperOffice};

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();

    let options = match cli::parse(std::env::args().skip(1), |name| std::env::var(name).ok()) {
        Ok(Command::Help) => {
            println!("{}", cli::HELP);
            return ExitCode::SUCCESS;
        }
        Ok(Command::Run(options)) => options,
        Err(error) => {
            eprintln!("error: {}\n(see demo --help)", cli::error_message(&error));
            return ExitCode::from(2);
        }
    };

    let fake = if options.fake {
        match FakeSuperOffice::start(FakeConfig::default()).await {
            Ok(fake) => {
                println!("started the fake SuperOffice at {}", fake.base_url());
                Some(fake)
            }
            Err(error) => {
                eprintln!("error: cannot start the fake SuperOffice: {error}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        None
    };

    let config = match options.into_config(fake.as_ref().map(FakeSuperOffice::endpoints)) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("error: {}\n(see demo --help)", cli::error_message(&error));
            return ExitCode::from(2);
        }
    };
    println!(
        "authenticating as {} at {}",
        config.user, config.endpoints.so_principal
    );
    let result = demo::run(&config).await;
    if let Some(fake) = fake {
        fake.shutdown().await;
    }
    match result {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {}", cli::error_message(&error));
            ExitCode::FAILURE
        }
    }
}
