//! Using a stored account in an app: `export` (ready settings for a stack), `password` (the
//! secret for `passwordeval`-style helpers) and `run` (a command with the settings in its
//! environment). The secret is read from the keychain at the moment it is needed and goes
//! only where the person asked: a pipe, a child's environment, or (on request) the snippet.

use super::connect::runtime;
use super::console::{json_pretty, say, say_raw, warn};
use super::{Failure, exit};
use clap::Args as ClapArgs;
use smtp_setup::accounts::{AccountRecord, AccountStore};
use smtp_setup::export::{self, SecretMode, TARGETS, Target};
use smtp_setup::secret::Secret;
use smtp_setup::t;
use std::io::{IsTerminal, Write};
use std::process::Command;

#[derive(ClapArgs)]
pub struct ExportArgs {
    /// The stored account [default: the default account].
    #[arg(long, value_name = "ADDR")]
    account: Option<String>,
    /// The stack to write settings for; `list` lists them.
    #[arg(long, value_name = "FORMAT")]
    format: String,
    /// How the secret reaches the app: reference (asked for at run time), env (from the
    /// environment `smtp-setup run` sets) [default: the format's first].
    #[arg(long, value_name = "MODE", value_parser = ["reference", "env", "inline"])]
    secret: Option<String>,
    /// Write the secret itself into the settings, in plain text.
    #[arg(long, conflicts_with = "secret")]
    include_secret: bool,
    /// Print the snippet and its notes as a JSON object.
    #[arg(long)]
    json: bool,
}

#[derive(ClapArgs)]
pub struct PasswordArgs {
    /// The stored account [default: the default account].
    #[arg(long, value_name = "ADDR")]
    account: Option<String>,
    /// Print it even though standard output is a terminal (where it stays on screen).
    #[arg(long)]
    show: bool,
    /// The relay password apps log in to `smtp-setup relay` with (made the first time).
    #[arg(long)]
    relay: bool,
}

#[derive(ClapArgs)]
pub struct RunArgs {
    /// The stored account [default: the default account].
    #[arg(long, value_name = "ADDR")]
    account: Option<String>,
    /// Name the variables as this stack reads them (django: EMAIL_HOST_PASSWORD, laravel:
    /// MAIL_PASSWORD…) [default: SMTP_HOST, SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD…].
    #[arg(long, value_name = "FORMAT")]
    format: Option<String>,
    /// The command and its arguments, after `--`.
    #[arg(required = true, last = true, value_name = "COMMAND")]
    command: Vec<String>,
}

fn target(id: &str) -> Result<&'static Target, Failure> {
    Target::by_id(id).ok_or_else(|| {
        Failure::usage(t!(
            "cli-unknown-format",
            format = id,
            formats = TARGETS.iter().map(|t| t.id).collect::<Vec<_>>().join(", ")
        ))
    })
}

fn account(store: &AccountStore, address: Option<&str>) -> Result<AccountRecord, Failure> {
    Ok(store.resolve(address)?)
}

fn secret(store: &AccountStore, record: &AccountRecord) -> Result<Secret, Failure> {
    Ok(runtime()?.block_on(store.app_secret(record))?)
}

pub fn run_export(args: ExportArgs) -> Result<u8, Failure> {
    if args.format == "list" {
        return list(args.json);
    }
    if args.format == "relay" {
        return relay_settings(&args);
    }
    let target = target(&args.format)?;
    let store = AccountStore::from_env()?;
    let record = account(&store, args.account.as_deref())?;
    if args.secret.as_deref() == Some("inline") {
        return Err(Failure::usage(t!("cli-inline-by-flag")));
    }
    let mode = match (&args.secret, args.include_secret) {
        (_, true) => SecretMode::Inline,
        (Some(mode), false) => SecretMode::from_id(mode).unwrap_or(target.default_mode()),
        (None, false) => target.default_mode(),
    };
    let secret = match mode {
        SecretMode::Inline => Some(secret(&store, &record)?),
        _ => None,
    };
    let service = store.keychain.service().to_string();
    let snippet = export::render(target, &record, mode, &service, secret.as_ref())
        .map_err(|e| Failure::usage(e.to_string()))?;
    if record.last_verified.is_none() {
        warn(&t!("cli-never-checked", address = record.address.as_str()));
    }
    print_snippet(&snippet, args.json)
}

/// The snippet on stdout, its notes on stderr (or all of it as JSON).
fn print_snippet(snippet: &export::Snippet, json: bool) -> Result<u8, Failure> {
    if json {
        json_pretty(snippet);
        return Ok(exit::OK);
    }
    // The notes go to standard error, so `export … > file` writes exactly the snippet.
    warn(&t!(
        "cli-snippet-goes-in",
        name = snippet.name.to_string(),
        file = snippet.file.to_string()
    ));
    warn(&format!("# {}", snippet.secret_note));
    if let Some(warning) = &snippet.warning {
        warn(&t!("cli-snippet-warning", warning = warning.to_string()));
    }
    // The snippet is ours (the address is checked, the secret is letters): printed as is.
    say_raw(&snippet.text);
    Ok(exit::OK)
}

/// `export --format relay`: settings for an app that sends through the local relay.
fn relay_settings(args: &ExportArgs) -> Result<u8, Failure> {
    let store = AccountStore::from_env()?;
    let record = account(&store, args.account.as_deref())?;
    let password = if args.include_secret {
        Some(runtime()?.block_on(store.relay_password(&record))?)
    } else {
        None
    };
    let snippet = export::relay_snippet(
        &record,
        smtp_setup::relay::DEFAULT_LISTEN,
        password.as_ref(),
    );
    print_snippet(&snippet, args.json)
}

fn list(json: bool) -> Result<u8, Failure> {
    if json {
        json_pretty(&TARGETS);
        return Ok(exit::OK);
    }
    for target in TARGETS {
        let modes: Vec<&str> = target.modes.iter().map(|m| m.id()).collect();
        say(&format!(
            "{:<15} {:<45} {}",
            target.id,
            target.name,
            modes.join(", ")
        ));
    }
    say(&format!(
        "{:<15} {:<45} reference, inline",
        "relay",
        t!("cli-relay-format-name")
    ));
    say(&t!("cli-formats-legend"));
    Ok(exit::OK)
}

pub fn run_password(args: PasswordArgs) -> Result<u8, Failure> {
    // Kept off screens and scrollback unless asked: this is for programs reading a pipe.
    if std::io::stdout().is_terminal() && !args.show {
        return Err(Failure::usage(t!("cli-password-on-terminal")));
    }
    let store = AccountStore::from_env()?;
    let record = account(&store, args.account.as_deref())?;
    let secret = if args.relay {
        runtime()?.block_on(store.relay_password(&record))?
    } else {
        secret(&store, &record)?
    };
    let mut line = zeroize::Zeroizing::new(secret.expose().to_string());
    line.push('\n');
    let mut out = std::io::stdout().lock();
    // A reader that went away (a closed pipe) is not an error of ours.
    let _ = out.write_all(line.as_bytes()).and_then(|()| out.flush());
    Ok(exit::OK)
}

pub fn run_run(args: RunArgs) -> Result<u8, Failure> {
    let target = args.format.as_deref().map(target).transpose()?;
    let store = AccountStore::from_env()?;
    let record = account(&store, args.account.as_deref())?;
    let secret = secret(&store, &record)?;
    let vars = export::environment(target, &record, &secret);
    drop(secret);
    let (program, rest) = args
        .command
        .split_first()
        .ok_or_else(|| Failure::usage(t!("cli-run-no-command")))?;
    let mut command = Command::new(program);
    command.args(rest);
    // Only what was asked for: never smtp-setup's own password variable.
    command.env_remove("SMTP_SETUP_PASSWORD");
    for (name, value) in &vars {
        command.env(name, value.as_str());
    }
    let status = command.status().map_err(|e| Failure {
        message: t!(
            "cli-run-cannot-start",
            program = program.as_str(),
            error = e.to_string()
        ),
        code: if e.kind() == std::io::ErrorKind::NotFound {
            127
        } else {
            126
        },
    })?;
    drop(vars);
    Ok(exit_code(status))
}

/// The child's exit code, as a shell reports it: 128 + the signal that ended it.
fn exit_code(status: std::process::ExitStatus) -> u8 {
    if let Some(code) = status.code() {
        return u8::try_from(code).unwrap_or(exit::OTHER);
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return u8::try_from(128 + signal).unwrap_or(exit::OTHER);
        }
    }
    exit::OTHER
}
