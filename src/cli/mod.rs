//! The headless command line: the same engine as the window, for servers and scripts.

mod accounts;
mod app;
mod connect;
pub mod console;
mod docs;
mod oauth;
mod output;
mod preflight;
mod relay;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use smtp_setup::accounts::AccountError;
use smtp_setup::diagnosis::{Evidence, diagnose};
use smtp_setup::t;
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

#[derive(Parser)]
/// The English texts of `--help` are the doc comments below; [`command`] puts in the chosen
/// language's (from `cli.ftl`), the exit codes included.
#[command(name = "smtp-setup", version)]
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
    /// Print a completion script for a shell (bash, zsh, fish, elvish, powershell).
    Completions(docs::CompletionsArgs),
    /// Print the man page, or write every command's page into --out-dir.
    Man(docs::ManArgs),
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

/// `--lang`'s value as the raw arguments give it (`--lang ko`, `--lang=ko`), else
/// `SMTP_SETUP_LANG`'s: the language of `--help` and of clap's errors, which are made before
/// the parsed arguments exist.
pub fn lang_in_raw_args() -> Option<String> {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .take_while(|a| a != "--")
        .collect();
    let given = args.iter().enumerate().rev().find_map(|(at, arg)| {
        if arg == "--lang" {
            args.get(at + 1).cloned()
        } else {
            arg.strip_prefix("--lang=").map(str::to_string)
        }
    });
    given.or_else(|| std::env::var("SMTP_SETUP_LANG").ok())
}

/// The arguments, parsed by [`command`]; `--help`, `--version` and bad usage end the
/// process here, as clap does (exit 0 or 2).
pub fn parse_args() -> Args {
    let matches = command().get_matches();
    Args::from_arg_matches(&matches).unwrap_or_else(|error| error.exit())
}

/// The command line with its `--help` texts in the current language.
pub fn command() -> clap::Command {
    fn about(command: clap::Command, id: &str) -> clap::Command {
        command.about(t!(id)).long_about(None)
    }
    let subcommands: &[(&str, &str)] = &[
        ("check", "cli-about-check"),
        ("send-test", "cli-about-send-test"),
        ("store", "cli-about-store"),
        ("accounts", "cli-about-accounts"),
        ("oauth", "cli-about-oauth"),
        ("export", "cli-about-export"),
        ("password", "cli-about-password"),
        ("run", "cli-about-run"),
        ("relay", "cli-about-relay"),
        ("preflight", "cli-about-preflight"),
        ("diagnose", "cli-about-diagnose"),
        ("completions", "cli-about-completions"),
        ("man", "cli-about-man"),
    ];
    let mut command = about(Args::command(), "cli-about")
        .after_help(t!("cli-exit-codes-help"))
        .mut_arg("lang", |arg| arg.help(t!("cli-about-lang")));
    for (name, id) in subcommands {
        command = command.mut_subcommand(name, |sub| about(sub, id));
    }
    for name in ["list", "show", "remove", "set-default"] {
        command = command.mut_subcommand("accounts", |accounts| {
            accounts.mut_subcommand(name, |sub| {
                about(sub, &format!("cli-about-accounts-{name}"))
            })
        });
    }
    command.mut_subcommand("oauth", |oauth| {
        oauth.mut_subcommand("authorize", |sub| about(sub, "cli-about-oauth-authorize"))
    })
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
        Command::Completions(args) => docs::run_completions(args),
        Command::Man(args) => docs::run_man(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Failure { message, code }) => {
            console::warn(&t!("cli-failure", message = message));
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
            .map_err(|e| Failure::usage(t!("cli-stdin-unreadable", error = e.to_string())))?;
        // Any bytes: what is not UTF-8 is shown as U+FFFD, not refused.
        String::from_utf8_lossy(&input).into_owned()
    } else {
        text.join(" ")
    };
    let diagnosis = diagnose(Evidence::Text(&text));
    if json {
        // The diagnosis's own fields (its texts in the current language), and which language.
        let mut value = serde_json::to_value(&diagnosis).unwrap_or_default();
        if let Some(object) = value.as_object_mut() {
            object.insert(
                "lang".into(),
                serde_json::json!(smtp_setup::i18n::current()),
            );
        }
        console::json_pretty(&value);
    } else {
        console::say_raw(&output::render_diagnosis(&diagnosis));
    }
    Ok(exit::OK)
}

#[cfg(test)]
mod tests {
    use smtp_setup::i18n::{Arg, Lang, text_in};

    fn english(id: &str, args: &[(&str, Arg<'_>)]) -> String {
        text_in(Lang::En, id, args)
    }

    /// Moving the texts to `cli.ftl` changed no English byte: these are the texts as the code
    /// wrote them before.
    #[test]
    fn english_texts_are_what_they_were() {
        let before = "Exit codes:
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
        assert_eq!(english("cli-exit-codes-help", &[]), before);
        let saved = english(
            "cli-saved",
            &[
                ("replaced", "no".into()),
                ("method", "app-password".into()),
                ("address", "jane@gmail.com".into()),
                ("service", "smtp-setup".into()),
                ("server", "smtp.gmail.com".into()),
                ("port", "587".into()),
                ("tls", "STARTTLS".into()),
                ("path", "/home/jane/.config/smtp-setup/accounts.toml".into()),
            ],
        );
        assert_eq!(
            saved,
            "✓ Saved jane@gmail.com: the app password is in the system keychain (service \
             \"smtp-setup\"), the settings (smtp.gmail.com:587, STARTTLS) in \
             /home/jane/.config/smtp-setup/accounts.toml."
        );
        let replaced = english(
            "cli-saved",
            &[
                ("replaced", "yes".into()),
                ("method", "oauth".into()),
                ("address", "a@b.c".into()),
                ("service", "s".into()),
                ("server", "h".into()),
                ("port", "465".into()),
                ("tls", "TLS".into()),
                ("path", "p".into()),
            ],
        );
        assert_eq!(
            replaced,
            "✓ Replaced the secret of a@b.c: the Google sign-in (refresh token) is in the system \
             keychain (service \"s\"), the settings (h:465, TLS) in p."
        );
        assert_eq!(
            english("cli-password-prompt", &[("user", "a@b.c".into())]),
            "App password for a@b.c (typing is hidden): "
        );
        assert_eq!(
            english(
                "cli-panic-place",
                &[("file", "src/x.rs".into()), ("line", "7".into())]
            ),
            " at src/x.rs:7"
        );
        assert_eq!(english("cli-route-and", &[]), " and ");
        assert_eq!(english("cli-show-default", &[]), " (default)");
        assert_eq!(
            english("cli-not-verified", &[("address", "a@b.c".into())]),
            "  Not verified (--no-verify): run `smtp-setup check --account a@b.c` to test it."
        );
        assert_eq!(
            english("cli-no-window", &[("error", "E".into())]),
            "Cannot open the window: E\nA window needs a display and OpenGL (on Debian: libegl1, \
             libgl1 and libgl1-mesa-dri). On a server, use the headless commands: smtp-setup --help"
        );
    }

    #[test]
    fn korean_texts_are_korean() {
        let saved = text_in(
            Lang::Ko,
            "cli-saved",
            &[
                ("replaced", "yes".into()),
                ("method", "oauth".into()),
                ("address", "a@b.c".into()),
                ("service", "s".into()),
                ("server", "h".into()),
                ("port", "465".into()),
                ("tls", "TLS".into()),
                ("path", "p".into()),
            ],
        );
        assert_eq!(
            saved,
            "✓ a@b.c: Google 로그인(갱신 토큰)을(를) 시스템 키체인(서비스 \"s\")에 새로 바꿔 \
             저장했고, 설정(h:465, TLS)은 p에 저장했습니다."
        );
        let help = text_in(Lang::Ko, "cli-exit-codes-help", &[]);
        assert!(help.starts_with("종료 코드:\n  0  성공\n"), "{help}");
        assert!(help.contains("\n130  취소됨"), "{help}");
    }

    /// Every subcommand's `about` has its text, and `--help` builds (clap checks the
    /// definition when it is built).
    #[test]
    fn the_command_line_builds_with_its_texts() {
        let mut command = super::command();
        command.build();
        for sub in command.get_subcommands() {
            let about = sub.get_about().map(ToString::to_string).unwrap_or_default();
            assert!(
                !about.is_empty() && !about.starts_with("cli-"),
                "{}",
                sub.get_name()
            );
        }
    }
}
