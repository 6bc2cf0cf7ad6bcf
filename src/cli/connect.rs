//! `check`, `send-test` and `store`: everything that talks to the server.

use super::output::Printer;
use super::{Failure, Secrets, exit};
use clap::{Args as ClapArgs, ValueEnum};
use smtp_setup::accounts::{AccountError, AccountStore, NewSecret, Saved, Verification};
use smtp_setup::address::{EmailAddress, HeaderText};
use smtp_setup::app_password::AppPassword;
use smtp_setup::diagnosis::{Evidence, FailureCategory, diagnose_for};
use smtp_setup::provider::GMAIL_SMTP_HOST;
use smtp_setup::secret::Secret;
use smtp_setup::settings::{self, ConnectSettings, SettingsError};
use smtp_setup::smtp::{
    CheckOptions, CheckReport, Credential, DEFAULT_DEADLINE, DEFAULT_STAGE_TIMEOUT, Route,
    TestSend, TlsChoice, run_check,
};
use smtp_setup::{i18n, t};
use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use zeroize::Zeroizing;

/// Where to connect and how long to wait.
#[derive(ClapArgs)]
pub struct ServerArgs {
    /// Server as HOST or HOST:PORT [default: smtp.gmail.com, ports 587 and 465; for a stored
    /// account, the server it was verified on].
    #[arg(long, value_name = "HOST[:PORT]")]
    pub(super) server: Option<String>,
    /// TLS mode: auto tries STARTTLS and implicit TLS in parallel [default: auto].
    #[arg(long, value_enum)]
    pub(super) tls: Option<TlsArg>,
    /// Also trust this CA certificate (PEM), e.g. a test server's. Verification stays on.
    #[arg(long, value_name = "PEM")]
    pub(super) ca_file: Vec<PathBuf>,
    /// Time bound for each stage, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_STAGE_TIMEOUT.as_secs().to_string())]
    pub(super) timeout: String,
    /// Time bound for the whole check or send, every route and stage included, in seconds:
    /// the longest it ever takes to a verdict.
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_DEADLINE.as_secs().to_string())]
    pub(super) deadline: String,
    /// For tests and demos: connect to IP:PORT whenever HOST:PORT is asked for, like curl's
    /// option of the same name. The certificate is still verified for HOST.
    #[arg(long, value_name = "HOST:PORT:IP:PORT")]
    pub(super) connect_to: Vec<String>,
    /// Print one JSON object per event and a final result object.
    #[arg(long)]
    pub(super) json: bool,
    /// Print the SMTP transcript (client and server lines; login payloads redacted).
    #[arg(short, long)]
    pub(super) verbose: bool,
}

#[derive(ClapArgs)]
pub struct ConnectArgs {
    /// The account's address (the SMTP username); the password comes from stdin or the environment.
    #[arg(long, value_name = "ADDR", conflicts_with = "account")]
    user: Option<String>,
    /// A stored account (secret read from the keychain) [default: the default account].
    #[arg(long, value_name = "ADDR")]
    account: Option<String>,
    /// Read the password from standard input (one line, at most 4 KiB).
    #[arg(long, requires = "user")]
    password_stdin: bool,
    /// Check every stored account (for a cron job or timer): a line each, or with --json one
    /// summary object; exit 0 only when all pass.
    #[arg(long, conflicts_with_all = ["user", "account"])]
    all: bool,
    #[command(flatten)]
    server: ServerArgs,
}

#[derive(ClapArgs)]
pub struct StoreArgs {
    /// The account's address.
    #[arg(long, value_name = "ADDR")]
    user: String,
    /// Read the app password from standard input (one line, at most 4 KiB).
    #[arg(long)]
    password_stdin: bool,
    /// Save without checking the password with Gmail first (not recommended).
    #[arg(long)]
    no_verify: bool,
    #[command(flatten)]
    server: ServerArgs,
}

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum TlsArg {
    Auto,
    Starttls,
    Implicit,
}

pub fn run_check_command(
    args: ConnectArgs,
    send: Option<(Option<String>, Option<String>)>,
    secrets: Secrets,
) -> Result<u8, Failure> {
    if args.all {
        if send.is_some() {
            return Err(Failure::usage(t!("cli-all-no-send")));
        }
        return check_all(&args.server);
    }
    let printer = Printer::new(args.server.json, args.server.verbose);
    let runtime = runtime()?;
    // The account first, so that bad input is refused before any network use.
    let (user, stored) = match &args.user {
        Some(user) => (parse_address("--user", user)?, None),
        None => {
            let store = AccountStore::from_env()?;
            let record = store.resolve(args.account.as_deref())?;
            (record.address.clone(), Some((store, record)))
        }
    };
    let send = match send {
        Some((to, subject)) => Some(TestSend {
            to: match to {
                Some(to) => parse_address("--to", &to)?,
                None => user.clone(),
            },
            subject: subject
                .map(|s| HeaderText::parse("subject", &s))
                .transpose()
                .map_err(|e| Failure::usage(e.to_string()))?,
        }),
        None => None,
    };
    let defaults = stored.as_ref().map(|(_, record)| record.route());
    let options = check_options(&args.server, defaults.as_ref())?;
    let Some((store, record)) = stored else {
        let credential = read_password(user.clone(), &options.host, args.password_stdin, secrets)?;
        printer.start(credential.user(), &options, send.as_ref());
        let report = runtime.block_on(run_check(
            &options,
            &credential,
            send.as_ref(),
            printer.sink(),
        ));
        return Ok(finish(&printer, &report, &user));
    };
    // A stored account: the use case records how the run ends, Ctrl-C included.
    printer.start(&user, &options, send.as_ref());
    let checked = runtime.block_on(async {
        tokio::select! {
            checked = store.check_account(&record, &options, send.as_ref(), printer.sink()) => Some(checked),
            _ = tokio::signal::ctrl_c() => None,
        }
    });
    match checked {
        Some(Ok(report)) => Ok(finish(&printer, &report, &user)),
        Some(Err(AccountError::OAuth(error))) => Ok(printer.oauth_failure(&error, &user)),
        Some(Err(error)) => Err(error.into()),
        None => {
            printer.cancelled(&user);
            Ok(exit::CANCELLED)
        }
    }
}

/// `check --all`: every stored account in turn, each recorded as a check of its own.
fn check_all(server: &ServerArgs) -> Result<u8, Failure> {
    use smtp_setup::smtp::ignore_events;
    let store = AccountStore::from_env()?;
    let index = store.list()?;
    if index.accounts.is_empty() {
        return Err(AccountError::NoAccounts.into());
    }
    let runtime = runtime()?;
    let now = std::time::SystemTime::now();
    let mut results = Vec::new();
    let mut code = exit::OK;
    for record in &index.accounts {
        let options = check_options(server, Some(&record.route()))?;
        let checked =
            runtime.block_on(store.check_account(record, &options, None, ignore_events()));
        let (passed, cause, detail, elapsed_ms) = match &checked {
            Ok(report) => match &report.outcome {
                Ok(_) => (true, None, None, report.elapsed_ms),
                Err(failure) => {
                    let diagnosis = diagnose_for(Evidence::Failure(failure), Some(&record.address));
                    (
                        false,
                        Some(diagnosis.cause),
                        Some(diagnosis.title),
                        report.elapsed_ms,
                    )
                }
            },
            Err(error) => (false, error.cause(), Some(error.to_string()), 0),
        };
        if !passed && code == exit::OK {
            code = cause.map_or(exit::OTHER, |c| exit_code(c.category()));
        }
        let expires = record.sign_in_left(now);
        let mark = if passed { "✓" } else { "✗" };
        let mut line = format!(
            "{mark} {} — {}",
            record.address,
            if passed {
                t!("cli-all-ok", took = smtp_setup::when::took(elapsed_ms))
            } else {
                detail.clone().unwrap_or_default()
            }
        );
        if let Some(left) = expires {
            line.push_str(&t!(
                "cli-all-sign-in-ends",
                left = smtp_setup::when::left(left)
            ));
        }
        if !server.json {
            super::console::say(&line);
        }
        results.push(serde_json::json!({
            "account": record.address,
            "passed": passed,
            "cause": cause,
            "detail": detail,
            "elapsed_ms": elapsed_ms,
            "sign_in_expires_in_hours": expires.map(|d| d.as_secs() / 3600),
            "text": line,
        }));
    }
    let passed = results.iter().filter(|r| r["passed"] == true).count();
    let summary = t!(
        "cli-all-summary",
        passed = passed.to_string(),
        total = results.len().to_string()
    );
    if server.json {
        super::console::json_pretty(&serde_json::json!({
            "lang": i18n::current(),
            "text": summary,
            "all_passed": passed == results.len(),
            "passed": passed,
            "failed": results.len() - passed,
            "accounts": results,
        }));
    } else {
        super::console::say(&summary);
    }
    Ok(code)
}

pub fn run_store(args: StoreArgs, secrets: Secrets) -> Result<u8, Failure> {
    let user = parse_address("--user", &args.user)?;
    let raw = read_secret(args.password_stdin, secrets, &user)?;
    let password = AppPassword::parse(&raw).map_err(|e| Failure::usage(e.to_string()))?;
    let store = AccountStore::from_env()?;
    let options = check_options(&args.server, None)?;
    let printer = Printer::new(args.server.json, args.server.verbose);
    let verification = if args.no_verify {
        let (port, tls) = options.candidates[0];
        Verification::Skip {
            route: Route {
                host: options.host.clone(),
                port,
                tls,
            },
        }
    } else {
        let credential = Credential::AppPassword {
            user: user.clone(),
            password: password.clone(),
        };
        printer.start(credential.user(), &options, None);
        Verification::Check {
            options: &options,
            sink: printer.sink(),
        }
    };
    let saved =
        runtime()?.block_on(store.save(&user, NewSecret::AppPassword(password), verification));
    report_saved(&printer, &store, &user, saved)
}

/// Prints what `store` (or `oauth authorize`) did and returns the exit code.
pub(super) fn report_saved(
    printer: &Printer,
    store: &AccountStore,
    user: &EmailAddress,
    saved: Result<Saved, AccountError>,
) -> Result<u8, Failure> {
    match saved {
        Ok(saved) => {
            if let Some(report) = &saved.report {
                finish(printer, report, user);
            }
            printer.saved(&saved, store);
            Ok(exit::OK)
        }
        Err(AccountError::NotVerified(report)) => {
            let code = finish(printer, &report, user);
            printer.not_saved(user);
            Ok(code)
        }
        Err(AccountError::OAuth(error)) => Ok(printer.oauth_failure(&error, user)),
        Err(error) => Err(error.into()),
    }
}

/// Prints the verdict for `user`'s check and returns the exit code for it.
pub(super) fn finish(printer: &Printer, report: &CheckReport, user: &EmailAddress) -> u8 {
    let diagnosis = report
        .outcome
        .as_ref()
        .err()
        .map(|failure| diagnose_for(Evidence::Failure(failure), Some(user)));
    let code = diagnosis
        .as_ref()
        .map_or(exit::OK, |d| exit_code(d.cause.category()));
    printer.finish(report, diagnosis.as_ref(), code);
    code
}

pub(super) fn exit_code(category: FailureCategory) -> u8 {
    match category {
        FailureCategory::Network => exit::NETWORK,
        FailureCategory::Tls => exit::TLS,
        FailureCategory::Authentication => exit::AUTH,
        FailureCategory::Keychain => exit::KEYCHAIN,
        FailureCategory::Other => exit::OTHER,
    }
}

pub(super) fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Failure {
            message: t!("cli-no-runtime", error = e.to_string()),
            code: exit::OTHER,
        })
}

/// The flags, read by the same parsers as the window's environment.
fn settings_of(args: &ServerArgs) -> Result<ConnectSettings, SettingsError> {
    let mut settings = ConnectSettings::default();
    settings.server = args
        .server
        .as_deref()
        .map(|s| settings::server_setting("--server", s))
        .transpose()?;
    settings.tls = args.tls.map(|tls| match tls {
        TlsArg::Auto => TlsChoice::Auto,
        TlsArg::Starttls => TlsChoice::Starttls,
        TlsArg::Implicit => TlsChoice::Implicit,
    });
    settings.extra_ca = args.ca_file.clone();
    settings.stage_timeout = settings::stage_timeout("--timeout", &args.timeout)?;
    settings.deadline = settings::deadline("--deadline", &args.deadline)?;
    settings.connect_to = args
        .connect_to
        .iter()
        .map(|text| settings::connect_to("--connect-to", text))
        .collect::<Result<_, _>>()?;
    Ok(settings)
}

/// Options from the flags; a stored account's route fills in what the flags leave open.
pub(super) fn check_options(
    args: &ServerArgs,
    stored: Option<&Route>,
) -> Result<CheckOptions, Failure> {
    settings_of(args)
        .map_err(|e| Failure::usage(e.to_string()))?
        .options(stored)
        .map_err(|e| Failure::usage(e.to_string()))
}

pub(super) fn parse_address(flag: &str, text: &str) -> Result<EmailAddress, Failure> {
    EmailAddress::parse(text).map_err(|e| Failure::usage(format!("{flag}: {e}")))
}

/// Most bytes read as a password from standard input; an app password is 16 letters.
const MAX_PASSWORD_BYTES: u64 = 4096;

/// The password from stdin (`--password-stdin`) or `SMTP_SETUP_PASSWORD` (taken out of the
/// environment when the program started, see `main`).
fn read_secret(
    from_stdin: bool,
    secrets: Secrets,
    user: &EmailAddress,
) -> Result<Zeroizing<String>, Failure> {
    if from_stdin {
        let mut input = Zeroizing::new(Vec::new());
        std::io::stdin()
            .take(MAX_PASSWORD_BYTES + 1)
            .read_to_end(&mut input)
            .map_err(|e| {
                Failure::usage(t!("cli-password-stdin-unreadable", error = e.to_string()))
            })?;
        if input.len() as u64 > MAX_PASSWORD_BYTES {
            return Err(Failure::usage(t!("cli-password-too-long")));
        }
        let text =
            std::str::from_utf8(&input).map_err(|_| Failure::usage(t!("cli-password-not-utf8")))?;
        return Ok(Zeroizing::new(
            text.trim_end_matches(['\r', '\n']).to_string(),
        ));
    }
    if let Some(password) = secrets.password {
        return Ok(password);
    }
    // A person at a terminal is asked, with the typing hidden; a script is told how.
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password(t!("cli-password-prompt", user = user.as_str()))
            .map(|typed| Zeroizing::new(typed.trim().to_string()))
            .map_err(|e| {
                Failure::usage(t!(
                    "cli-password-terminal-unreadable",
                    error = e.to_string()
                ))
            });
    }
    Err(Failure::usage(t!("cli-no-password")))
}

/// For Gmail the password must be an app password; other servers take any password.
fn read_password(
    user: EmailAddress,
    host: &str,
    from_stdin: bool,
    secrets: Secrets,
) -> Result<Credential, Failure> {
    let raw = read_secret(from_stdin, secrets, &user)?;
    let is_gmail = host.eq_ignore_ascii_case(GMAIL_SMTP_HOST);
    match AppPassword::parse(&raw) {
        Ok(password) => Ok(Credential::AppPassword { user, password }),
        Err(error) if is_gmail || raw.is_empty() => Err(Failure::usage(error.to_string())),
        Err(_) => Ok(Credential::Password {
            user,
            password: Secret::new(raw.to_string()),
        }),
    }
}
