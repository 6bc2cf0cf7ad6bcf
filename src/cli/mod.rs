//! The headless command line: the same engine as the window, for servers and scripts.

mod accounts;
mod app;
mod connect;
pub mod console;
mod oauth;
mod output;
mod preflight;
mod relay;

use clap::{Parser, Subcommand};
use smtp_setup::accounts::AccountError;
use smtp_setup::diagnosis::{Evidence, diagnose};
use std::io::Read;
use std::process::ExitCode;
use zeroize::Zeroizing;

/// Exit codes, listed in `--help`.
pub mod exit {
    pub const OK: u8 = 0;
    pub const OTHER: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const NETWORK: u8 = 3;
    pub const TLS: u8 = 4;
    pub const AUTH: u8 = 5;
    pub const KEYCHAIN: u8 = 6;
    /// Interrupted (Ctrl-C), as shells report a SIGINT.
    pub const CANCELLED: u8 = 130;
}

/// Secrets the program took from its environment at start, before any thread existed.
#[derive(Default)]
pub struct Secrets {
    /// `SMTP_SETUP_PASSWORD`, removed from the environment once read.
    pub password: Option<Zeroizing<String>>,
}

const EXIT_CODES_HELP: &str = "Exit codes:
  0  success
  1  other failure (the server refused the message, a sending limit, an unreadable account list)
  2  bad input (an invalid address or app password, a missing password, an unknown account)
  3  network failure (DNS, connection refused, timed out, unreachable)
  4  TLS failure (untrusted certificate, wrong TLS mode for the port)
  5  authentication failure (wrong or revoked app password, account password used, sign-in blocked)
  6  keychain unavailable (no Secret Service running, keychain locked, access refused)
130  cancelled (Ctrl-C); a stored account's run is recorded as cancelled

Time: each stage waits at most --timeout (default 10 s) and a whole check or test send at most
--deadline (default 60 s), every route, stage and retry included.

The password is read from standard input with --password-stdin, or from the environment
variable SMTP_SETUP_PASSWORD (removed from the environment once read, so programs started
later do not inherit it); never from an argument, where other users could see it.
Stored accounts keep their secret in the system keychain (service \"smtp-setup\", or
$SMTP_SETUP_KEYCHAIN_SERVICE) and their settings in accounts.toml in the config directory
(or $SMTP_SETUP_CONFIG_DIR).";

#[derive(Parser)]
#[command(name = "smtp-setup", version, about = "Set up, test and diagnose Gmail SMTP credentials.", after_help = EXIT_CODES_HELP)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Language of the texts: en (English) or ko (한국어) [default: the system's language].
    #[arg(long, global = true, env = "SMTP_SETUP_LANG", value_name = "LANG")]
    pub lang: Option<String>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Connect, start TLS and log in, without sending anything.
    Check(connect::ConnectArgs),
    /// Log in and send a test message (to yourself unless --to is given).
    SendTest {
        #[command(flatten)]
        connect: connect::ConnectArgs,
        /// Recipient of the test message [default: the account's own address].
        #[arg(long, value_name = "ADDR")]
        to: Option<String>,
        /// Subject of the test message [default: names the tool and the time].
        #[arg(long)]
        subject: Option<String>,
    },
    /// Check an app password with Gmail, then save it in the system keychain as an account.
    Store(connect::StoreArgs),
    /// List, show, remove stored accounts, or choose the default one.
    #[command(subcommand)]
    Accounts(accounts::AccountsCommand),
    /// Sign in with Google (OAuth2, your own "Desktop app" client) instead of an app password.
    #[command(subcommand)]
    Oauth(oauth::OAuthCommand),
    /// Print ready settings for an app's stack (Django, Laravel, Nodemailer, msmtp…); `--format
    /// list` lists them. The secret stays out unless --include-secret.
    Export(app::ExportArgs),
    /// Print a stored account's app password (or a fresh access token) for programs that ask
    /// for it at run time, such as msmtp's passwordeval.
    Password(app::PasswordArgs),
    /// Run a command with the account's settings in its environment (SMTP_HOST, SMTP_PASSWORD…,
    /// or the names --format's stack reads), read from the keychain and written nowhere.
    Run(app::RunArgs),
    /// Run a local SMTP relay on 127.0.0.1 that any app sends through: each message goes to
    /// Gmail during the app's own transaction, with the keychain's credential.
    Relay(relay::RelayArgs),
    /// Look up where an address's mail is handled (its domain's MX records) before setting it
    /// up: Google Workspace, personal Gmail, or another provider with its own SMTP settings.
    Preflight(preflight::PreflightArgs),
    /// Explain a Gmail SMTP error: paste the message from any program, or `-` to read stdin.
    Diagnose {
        /// The error text; `-` reads it from standard input.
        #[arg(required = true, num_args = 1.., value_name = "TEXT")]
        text: Vec<String>,
        /// Print the diagnosis as a JSON object.
        #[arg(long)]
        json: bool,
    },
}

/// A problem reported on stderr with its exit code, before or instead of any network work.
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code: exit::USAGE,
        }
    }
}

impl From<AccountError> for Failure {
    fn from(error: AccountError) -> Failure {
        let code = match &error {
            AccountError::Keychain(e) if e.is_unavailable() => exit::KEYCHAIN,
            AccountError::NotFound(_) | AccountError::NoAccounts | AccountError::NoDefault => {
                exit::USAGE
            }
            AccountError::Keychain(_) | AccountError::Index(_) => exit::OTHER,
            AccountError::NotVerified(_) | AccountError::OAuth(_) => exit::AUTH,
        };
        Failure {
            message: error.to_string(),
            code,
        }
    }
}

pub fn run(command: Command, secrets: Secrets) -> ExitCode {
    let result = match command {
        Command::Check(args) => connect::run_check_command(args, None, secrets),
        Command::SendTest {
            connect,
            to,
            subject,
        } => connect::run_check_command(connect, Some((to, subject)), secrets),
        Command::Store(args) => connect::run_store(args, secrets),
        Command::Accounts(command) => accounts::run(command),
        Command::Oauth(command) => oauth::run(command),
        Command::Diagnose { text, json } => run_diagnose(&text, json),
        Command::Export(args) => app::run_export(args),
        Command::Password(args) => app::run_password(args),
        Command::Run(args) => app::run_run(args),
        Command::Relay(args) => relay::run(args),
        Command::Preflight(args) => preflight::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Failure { message, code }) => {
            console::warn(&format!("smtp-setup: {message}"));
            ExitCode::from(code)
        }
    }
}

/// Most of standard input `diagnose -` reads: enough for any log excerpt, and `/dev/zero`
/// still ends in a verdict.
const MAX_DIAGNOSE_INPUT: u64 = 16 << 20;

fn run_diagnose(text: &[String], json: bool) -> Result<u8, Failure> {
    let text = if text.len() == 1 && text[0] == "-" {
        let mut input = Vec::new();
        std::io::stdin()
            .take(MAX_DIAGNOSE_INPUT)
            .read_to_end(&mut input)
            .map_err(|e| Failure::usage(format!("Cannot read standard input: {e}")))?;
        // Any bytes: what is not UTF-8 is shown as U+FFFD, not refused.
        String::from_utf8_lossy(&input).into_owned()
    } else {
        text.join(" ")
    };
    let diagnosis = diagnose(Evidence::Text(&text));
    if json {
        console::json_pretty(&diagnosis);
    } else {
        console::say_raw(&output::render_diagnosis(&diagnosis));
    }
    Ok(exit::OK)
}
