//! The headless command line: the same engine as the window, for servers and scripts.

mod output;

use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};
use output::Printer;
use smtp_setup::address::{EmailAddress, HeaderText};
use smtp_setup::app_password::AppPassword;
use smtp_setup::diagnosis::{Evidence, diagnose};
use smtp_setup::provider::GMAIL_SMTP_HOST;
use smtp_setup::secret::Secret;
use smtp_setup::smtp::{CheckOptions, Credential, TestSend, TlsChoice, run_check};
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;
use zeroize::Zeroizing;

/// Exit codes, listed in `--help`.
pub mod exit {
    pub const OK: u8 = 0;
    pub const OTHER: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const NETWORK: u8 = 3;
    pub const TLS: u8 = 4;
    pub const AUTH: u8 = 5;
}

const EXIT_CODES_HELP: &str = "Exit codes:
  0  success
  1  other failure (the server refused the message, a sending limit, an unknown error)
  2  bad input (an invalid address or app password, a missing password, a bad option)
  3  network failure (DNS, connection refused, timed out, unreachable)
  4  TLS failure (untrusted certificate, wrong TLS mode for the port)
  5  authentication failure (wrong or revoked app password, account password used, sign-in blocked)

The password is read from standard input with --password-stdin, or from the environment
variable SMTP_SETUP_PASSWORD; never from an argument, where other users could see it.";

#[derive(Parser)]
#[command(name = "smtp-setup", version, about = "Set up, test and diagnose Gmail SMTP credentials.", after_help = EXIT_CODES_HELP)]
pub struct Args {
    /// Print the SMTP transcript (client and server lines; login payloads redacted).
    #[arg(short, long, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Connect, start TLS and log in, without sending anything.
    Check(ConnectArgs),
    /// Log in and send a test message (to yourself unless --to is given).
    SendTest {
        #[command(flatten)]
        connect: ConnectArgs,
        /// Recipient of the test message [default: the --user address].
        #[arg(long, value_name = "ADDR")]
        to: Option<String>,
        /// Subject of the test message [default: names the tool and the time].
        #[arg(long)]
        subject: Option<String>,
    },
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

#[derive(ClapArgs)]
pub struct ConnectArgs {
    /// The account's address (the SMTP username).
    #[arg(long, value_name = "ADDR")]
    user: String,
    /// Server as HOST or HOST:PORT [default: smtp.gmail.com, ports 587 and 465].
    #[arg(long, value_name = "HOST[:PORT]")]
    server: Option<String>,
    /// TLS mode: auto tries STARTTLS and implicit TLS in parallel.
    #[arg(long, value_enum, default_value_t = TlsArg::Auto)]
    tls: TlsArg,
    /// Also trust this CA certificate (PEM), e.g. a test server's. Verification stays on.
    #[arg(long, value_name = "PEM")]
    ca_file: Vec<PathBuf>,
    /// Time bound for each stage, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    timeout: f64,
    /// Read the password from standard input (one line).
    #[arg(long)]
    password_stdin: bool,
    /// Print one JSON object per event and a final result object.
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum TlsArg {
    Auto,
    Starttls,
    Implicit,
}

/// A problem with the input, reported before anything touches the network.
struct UsageError(String);

pub fn run(command: Command, verbose: bool) -> ExitCode {
    let result = match command {
        Command::Check(connect) => run_connect(connect, None, verbose),
        Command::SendTest {
            connect,
            to,
            subject,
        } => run_connect(connect, Some((to, subject)), verbose),
        Command::Diagnose { text, json } => run_diagnose(&text, json),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(UsageError(message)) => {
            eprintln!("smtp-setup: {message}");
            ExitCode::from(exit::USAGE)
        }
    }
}

fn run_connect(
    args: ConnectArgs,
    send: Option<(Option<String>, Option<String>)>,
    verbose: bool,
) -> Result<u8, UsageError> {
    let user = EmailAddress::parse(&args.user).map_err(|e| UsageError(format!("--user: {e}")))?;
    let (host, port) = parse_server(args.server.as_deref())?;
    if !(args.timeout > 0.0 && args.timeout <= 600.0) {
        return Err(UsageError(
            "--timeout must be between 0 and 600 seconds.".into(),
        ));
    }
    let send = match send {
        Some((to, subject)) => Some(TestSend {
            to: match to {
                Some(to) => {
                    EmailAddress::parse(&to).map_err(|e| UsageError(format!("--to: {e}")))?
                }
                None => user.clone(),
            },
            subject: subject
                .map(|s| HeaderText::parse("subject", &s))
                .transpose()
                .map_err(|e| UsageError(e.to_string()))?,
        }),
        None => None,
    };
    let credential = read_credential(user, &host, args.password_stdin)?;
    let tls = match args.tls {
        TlsArg::Auto => TlsChoice::Auto,
        TlsArg::Starttls => TlsChoice::Starttls,
        TlsArg::Implicit => TlsChoice::Implicit,
    };
    let mut options = CheckOptions::new(&host, tls.candidates(port), &args.ca_file)
        .map_err(|e| UsageError(e.to_string()))?;
    options.stage_timeout = Duration::from_secs_f64(args.timeout);

    let printer = Printer::new(args.json, verbose);
    printer.start(&credential, &options, send.as_ref());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| UsageError(format!("Cannot start the async runtime: {e}")))?;
    let report = runtime.block_on(run_check(
        &options,
        &credential,
        send.as_ref(),
        printer.sink(),
    ));
    let diagnosis = report
        .outcome
        .as_ref()
        .err()
        .map(|failure| diagnose(Evidence::Failure(failure)));
    let code = diagnosis
        .as_ref()
        .map_or(exit::OK, |d| exit_code(d.cause.category()));
    printer.finish(&report, diagnosis.as_ref(), code);
    Ok(code)
}

fn exit_code(category: smtp_setup::diagnosis::FailureCategory) -> u8 {
    use smtp_setup::diagnosis::FailureCategory::*;
    match category {
        Network => exit::NETWORK,
        Tls => exit::TLS,
        Authentication => exit::AUTH,
        Other => exit::OTHER,
    }
}

fn parse_server(server: Option<&str>) -> Result<(String, Option<u16>), UsageError> {
    let Some(server) = server.map(str::trim) else {
        return Ok((GMAIL_SMTP_HOST.to_string(), None));
    };
    let bad = || {
        UsageError(format!(
            "--server: \"{server}\" is not HOST or HOST:PORT (e.g. smtp.gmail.com:587)."
        ))
    };
    // "[::1]:587", "host:587", "host", "::1"
    let (host, port) = if let Some(rest) = server.strip_prefix('[') {
        let (host, after) = rest.split_once(']').ok_or_else(bad)?;
        (host, after.strip_prefix(':'))
    } else if server.matches(':').count() == 1 {
        let (host, port) = server.split_once(':').ok_or_else(bad)?;
        (host, Some(port))
    } else {
        (server, None)
    };
    if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad());
    }
    let port = port
        .map(|p| p.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(bad))
        .transpose()?;
    Ok((host.to_string(), port))
}

/// The password from stdin or the environment; checked as an app password for Gmail.
fn read_credential(
    user: EmailAddress,
    host: &str,
    from_stdin: bool,
) -> Result<Credential, UsageError> {
    let raw = if from_stdin {
        let mut input = Zeroizing::new(String::new());
        std::io::stdin().read_to_string(&mut input).map_err(|e| {
            UsageError(format!("Cannot read the password from standard input: {e}"))
        })?;
        Zeroizing::new(input.trim_end_matches(['\r', '\n']).to_string())
    } else {
        match std::env::var("SMTP_SETUP_PASSWORD") {
            Ok(value) => Zeroizing::new(value),
            Err(_) => {
                return Err(UsageError(
                    "No password given: pipe it with --password-stdin, or set SMTP_SETUP_PASSWORD."
                        .into(),
                ));
            }
        }
    };
    let is_gmail = host.eq_ignore_ascii_case(GMAIL_SMTP_HOST);
    match AppPassword::parse(&raw) {
        Ok(password) => Ok(Credential::AppPassword { user, password }),
        Err(error) if is_gmail => Err(UsageError(error.to_string())),
        // Other servers take other passwords.
        Err(_) if !raw.is_empty() => Ok(Credential::Password {
            user,
            password: Secret::new(raw.to_string()),
        }),
        Err(error) => Err(UsageError(error.to_string())),
    }
}

fn run_diagnose(text: &[String], json: bool) -> Result<u8, UsageError> {
    let text = if text.len() == 1 && text[0] == "-" {
        let mut input = String::new();
        std::io::stdin()
            .read_to_string(&mut input)
            .map_err(|e| UsageError(format!("Cannot read standard input: {e}")))?;
        input
    } else {
        text.join(" ")
    };
    let diagnosis = diagnose(Evidence::Text(&text));
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&diagnosis).unwrap_or_default()
        );
    } else {
        print!("{}", output::render_diagnosis(&diagnosis));
    }
    Ok(exit::OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_argument_forms() {
        let parse = |s: &str| parse_server(Some(s)).ok();
        assert_eq!(
            parse("smtp.gmail.com"),
            Some(("smtp.gmail.com".into(), None))
        );
        assert_eq!(
            parse("smtp.gmail.com:465"),
            Some(("smtp.gmail.com".into(), Some(465)))
        );
        assert_eq!(parse("[::1]:2525"), Some(("::1".into(), Some(2525))));
        assert_eq!(parse("::1"), Some(("::1".into(), None)));
        assert_eq!(parse("host:0"), None);
        assert_eq!(parse("host:abc"), None);
        assert_eq!(parse("a b:25"), None);
    }
}
