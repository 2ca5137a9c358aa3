//! The command line: options from arguments, else from the environment.

use std::fmt;

use anyhow::{Context as _, bail};

use crate::fake;
use crate::flow::{Config, DEFAULT_CONTACT_ID, Endpoints};

/// The `--help` text.
pub const HELP: &str = "\
demo: authenticate with SuperOffice SoPrincipal.AuthenticateUsernamePassword, call
CustomerService.SessionIsValid with the ticket received, then read a contact with
Contact.GetContact and the same ticket.

USAGE:
    demo [--url URL] [--user NAME] [--password PASSWORD] [--app-token TOKEN] [--session-key KEY]
         [--contact-id ID]
    demo --fake [--user NAME] [--password PASSWORD] [--app-token TOKEN] [--session-key KEY]
         [--contact-id ID]

OPTIONS (each also as --option=value):
    --url URL            SuperOffice base URL, e.g. https://sod.superoffice.com/Cust12345;
                         the services are {URL}/Remote/Services87/SoPrincipal.svc,
                         {URL}/Remote/Services87/CustomerService.svc and
                         {URL}/Remote/Services87/Contact.svc              [env SUPEROFFICE_URL]
    --user NAME          user name                                        [env SUPEROFFICE_USER]
    --password PASSWORD  password (never printed)                         [env SUPEROFFICE_PASSWORD]
    --app-token TOKEN    application token, sent in the ApplicationToken header (never printed)
                                                                          [env SUPEROFFICE_APP_TOKEN]
    --session-key KEY    the CsSessionKey passed to SessionIsValid (default: none)
    --contact-id ID      the contact GetContact reads (default: 1)
    --fake               first start the project's own fake SuperOffice on 127.0.0.1 and run
                         against it. One server serves one service, so the fake listens on three
                         ephemeral ports and each service is called at its own base URL
                         (http://127.0.0.1:PORT1/Remote/Services87/SoPrincipal.svc,
                         http://127.0.0.1:PORT2/Remote/Services87/CustomerService.svc and
                         http://127.0.0.1:PORT3/Remote/Services87/Contact.svc); --url is not
                         allowed. The fake accepts the user \"demo\" with the password
                         \"demo-password\", used unless --user/--password are given (give a wrong
                         one to see a refusal), and knows the contacts 1 and 2 (ask for another
                         to see a refusal). The SUPEROFFICE_* variables are ignored, so a real
                         account never reaches the fake.
    -h, --help           print this help

Set RUST_LOG (e.g. RUST_LOG=soap_runtime=debug) to see the calls' tracing spans on stderr.
Exit status: 0 on success, 1 if a call fails, 2 for a usage error.";

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Print [`HELP`].
    Help,
    /// Run the example.
    Run(Options),
}

/// The options, before the endpoints are known (the fake's come from its ports).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// `--fake`.
    pub fake: bool,
    /// `--url` or `SUPEROFFICE_URL`.
    pub url: Option<String>,
    /// `--user` or `SUPEROFFICE_USER`.
    pub user: Option<String>,
    /// `--password` or `SUPEROFFICE_PASSWORD`.
    pub password: Option<String>,
    /// `--app-token` or `SUPEROFFICE_APP_TOKEN`.
    pub app_token: Option<String>,
    /// `--session-key`.
    pub session_key: Option<String>,
    /// `--contact-id`; [`DEFAULT_CONTACT_ID`] if not given.
    pub contact_id: Option<i32>,
}

impl fmt::Debug for Options {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Options")
            .field("fake", &self.fake)
            .field("url", &self.url)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("app_token", &self.app_token.as_ref().map(|_| "<redacted>"))
            .field("session_key", &self.session_key)
            .field("contact_id", &self.contact_id)
            .finish()
    }
}

/// Parses `args` (without the program name); `env` looks up an environment variable.
pub fn parse(
    args: impl IntoIterator<Item = String>,
    env: impl Fn(&str) -> Option<String>,
) -> anyhow::Result<Command> {
    let mut options = Options::default();
    let mut contact_id = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => {
                (name.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        let slot = match name.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--fake" if inline.is_none() => {
                options.fake = true;
                continue;
            }
            "--url" => &mut options.url,
            "--user" => &mut options.user,
            "--password" => &mut options.password,
            "--app-token" => &mut options.app_token,
            "--session-key" => &mut options.session_key,
            "--contact-id" => &mut contact_id,
            _ => bail!("unknown argument {name:?} (see --help)"),
        };
        let value = match inline {
            Some(value) => value,
            None => args
                .next()
                .with_context(|| format!("{name} needs a value"))?,
        };
        *slot = Some(value);
    }
    if let Some(id) = contact_id {
        options.contact_id = Some(parse_contact_id(&id)?);
    }
    if options.fake {
        if options.url.is_some() {
            bail!("--url cannot be combined with --fake, which serves on its own port");
        }
    } else {
        let from_env = |slot: &mut Option<String>, name: &str| {
            if slot.is_none() {
                *slot = env(name).filter(|v| !v.is_empty());
            }
        };
        from_env(&mut options.url, "SUPEROFFICE_URL");
        from_env(&mut options.user, "SUPEROFFICE_USER");
        from_env(&mut options.password, "SUPEROFFICE_PASSWORD");
        from_env(&mut options.app_token, "SUPEROFFICE_APP_TOKEN");
    }
    Ok(Command::Run(options))
}

/// A contact id: a positive whole number.
fn parse_contact_id(text: &str) -> anyhow::Result<i32> {
    match text.trim().parse::<i32>() {
        Ok(id) if id > 0 => Ok(id),
        _ => bail!("--contact-id needs a contact id (a positive whole number), not {text:?}"),
    }
}

impl Options {
    /// The example's configuration; `fake_endpoints` are the fake's, when it runs.
    pub fn into_config(self, fake_endpoints: Option<Endpoints>) -> anyhow::Result<Config> {
        let (endpoints, default_user, default_password) = match fake_endpoints {
            Some(endpoints) => (
                endpoints,
                Some(fake::DEFAULT_USER.to_owned()),
                Some(fake::DEFAULT_PASSWORD.to_owned()),
            ),
            None => {
                let url = self.url.context(
                    "no SuperOffice URL: pass --url or set SUPEROFFICE_URL (or use --fake)",
                )?;
                (Endpoints::from_base(&url), None, None)
            }
        };
        let user = self
            .user
            .or(default_user)
            .context("no user name: pass --user or set SUPEROFFICE_USER")?;
        let password = self
            .password
            .or(default_password)
            .context("no password: pass --password or set SUPEROFFICE_PASSWORD")?;
        Ok(Config {
            endpoints,
            user,
            password,
            app_token: self.app_token,
            session_key: self.session_key,
            contact_id: self.contact_id.unwrap_or(DEFAULT_CONTACT_ID),
        })
    }
}

/// `error` and its causes on one line, each message once: the runtime's errors repeat their
/// causes' messages in their own, so printing the whole chain (`{:#}`) would show them twice.
pub fn error_message(error: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn env(name: &str) -> Option<String> {
        match name {
            "SUPEROFFICE_URL" => Some("https://env.example/Cust1".to_owned()),
            "SUPEROFFICE_USER" => Some("env-user".to_owned()),
            "SUPEROFFICE_PASSWORD" => Some("env-password".to_owned()),
            "SUPEROFFICE_APP_TOKEN" => Some("env-token".to_owned()),
            _ => None,
        }
    }

    fn options(list: &[&str], env: impl Fn(&str) -> Option<String>) -> Options {
        match parse(args(list), env).unwrap() {
            Command::Run(options) => options,
            Command::Help => panic!("help"),
        }
    }

    #[test]
    fn arguments_override_the_environment() {
        let options = options(
            &[
                "--url",
                "https://arg.example/",
                "--user=arg-user",
                "--session-key",
                "K",
                "--contact-id=2",
            ],
            env,
        );
        assert_eq!(options.url.as_deref(), Some("https://arg.example/"));
        assert_eq!(options.user.as_deref(), Some("arg-user"));
        assert_eq!(options.password.as_deref(), Some("env-password"));
        assert_eq!(options.app_token.as_deref(), Some("env-token"));
        let config = options.into_config(None).unwrap();
        assert_eq!(
            config.endpoints,
            Endpoints {
                so_principal: "https://arg.example/Remote/Services87/SoPrincipal.svc".to_owned(),
                customer_service: "https://arg.example/Remote/Services87/CustomerService.svc"
                    .to_owned(),
                contact: "https://arg.example/Remote/Services87/Contact.svc".to_owned(),
            }
        );
        assert_eq!(config.session_key.as_deref(), Some("K"));
        assert_eq!(config.contact_id, 2);
        let debug = format!("{config:?}");
        assert!(
            !debug.contains("env-password") && !debug.contains("env-token"),
            "{debug}"
        );
    }

    #[test]
    fn the_environment_alone_is_enough() {
        let config = options(&[], env).into_config(None).unwrap();
        assert_eq!(config.user, "env-user");
        assert_eq!(config.password, "env-password");
        assert_eq!(
            config.endpoints,
            Endpoints::from_base("https://env.example/Cust1")
        );
        assert_eq!(config.contact_id, DEFAULT_CONTACT_ID);
    }

    #[test]
    fn fake_ignores_the_environment_and_uses_its_own_user() {
        let options = options(&["--fake"], env);
        assert!(options.fake);
        assert_eq!(options.user, None);
        assert_eq!(options.app_token, None);
        let endpoints = Endpoints::from_bases(
            "http://127.0.0.1:1",
            "http://127.0.0.1:2",
            "http://127.0.0.1:3/",
        );
        assert_eq!(
            endpoints.contact,
            "http://127.0.0.1:3/Remote/Services87/Contact.svc"
        );
        let config = options.into_config(Some(endpoints.clone())).unwrap();
        assert_eq!(config.endpoints, endpoints);
        assert_eq!(
            (config.user.as_str(), config.password.as_str()),
            (fake::DEFAULT_USER, fake::DEFAULT_PASSWORD)
        );
        let config = self::options(&["--fake", "--password", "wrong"], env)
            .into_config(Some(endpoints))
            .unwrap();
        assert_eq!(config.password, "wrong");
    }

    #[test]
    fn bad_command_lines_are_refused() {
        let no_env = |_: &str| None;
        for (list, message) in [
            (&["--bogus"][..], "unknown argument"),
            (&["--user"][..], "--user needs a value"),
            (&["--fake", "--url", "http://x"][..], "cannot be combined"),
            (&["--fake=yes"][..], "unknown argument"),
            (&["--contact-id"][..], "--contact-id needs a value"),
            (&["--contact-id", "Acme"][..], "positive whole number"),
            (&["--contact-id=0"][..], "not \"0\""),
            (&["--contact-id", "-3"][..], "positive whole number"),
            (
                &["--contact-id", "99999999999"][..],
                "positive whole number",
            ),
        ] {
            let error = parse(args(list), no_env).unwrap_err();
            assert!(error.to_string().contains(message), "{list:?}: {error}");
        }
        let error = options(&[], no_env).into_config(None).unwrap_err();
        assert!(error.to_string().contains("SUPEROFFICE_URL"), "{error}");
        let error = options(&["--url", "http://x", "--user", "u"], no_env)
            .into_config(None)
            .unwrap_err();
        assert!(error.to_string().contains("no password"), "{error}");
        assert_eq!(
            parse(args(&["--user", "u", "-h"]), no_env).unwrap(),
            Command::Help
        );
    }

    #[test]
    fn error_messages_show_each_cause_once() {
        let inner = std::io::Error::other("connection refused");
        let error = anyhow::Error::new(inner)
            .context("transport: connection refused")
            .context("SessionIsValid failed");
        assert_eq!(
            error_message(&error),
            "SessionIsValid failed: transport: connection refused"
        );
    }
}
