//! `relay`: the local SMTP relay in a terminal or as a service, printing what it does (or
//! JSON lines), until Ctrl-C or the service manager's SIGTERM.

use super::connect::{ServerArgs, check_options, runtime};
use super::console::{json, say, warn};
use super::{Failure, exit};
use clap::Args as ClapArgs;
use smtp_setup::accounts::{AccountError, AccountRecord, AccountStore};
use smtp_setup::relay::service::{ServiceKind, render};
use smtp_setup::relay::{
    DEFAULT_LISTEN, Ledger, RelayAccount, RelayConfig, RelayError, RelayEvent, RelaySink,
    parse_listen, start,
};
use smtp_setup::smtp::default_ehlo_name;
use smtp_setup::{t, when};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// How often a running relay looks at how long its sign-ins have left.
const EXPIRY_CHECK: Duration = Duration::from_secs(3600);
/// A sign-in with less than this left is warned about.
const EXPIRY_WARNING: Duration = Duration::from_secs(24 * 3600);

#[derive(ClapArgs)]
pub struct RelayArgs {
    /// Where apps connect: loopback only (127.0.0.1 or [::1]) and a port.
    #[arg(long, value_name = "IP:PORT", default_value = DEFAULT_LISTEN)]
    listen: String,
    /// The stored account to send as; repeat for several [default: the default account].
    #[arg(long, value_name = "ADDR", conflicts_with = "all")]
    account: Vec<String>,
    /// Send as every stored account; an app chooses one by the address it logs in with.
    #[arg(long)]
    all: bool,
    /// Let any program on this machine send without logging in (the envelope sender picks
    /// the account, else the first). Only for apps that cannot log in.
    #[arg(long)]
    no_auth: bool,
    /// Print a systemd user unit or a launchd LaunchAgent that starts this relay at login,
    /// with the commands that install it. Nothing is installed.
    #[arg(long, value_name = "KIND", value_parser = ["systemd", "launchd"])]
    print_service: Option<String>,
    #[command(flatten)]
    server: ServerArgs,
}

pub fn run(args: RelayArgs) -> Result<u8, Failure> {
    let listen = parse_listen(&args.listen).map_err(|e| Failure::usage(e.to_string()))?;
    if let Some(kind) = &args.print_service {
        return print_service(&args, kind);
    }
    let store = AccountStore::from_env()?;
    let records = accounts(&store, &args)?;
    let runtime = runtime()?;
    let as_json = args.server.json;
    let sink: RelaySink = Arc::new(move |event: RelayEvent| {
        if as_json {
            json(&with_text(&event));
        } else {
            say(&format!("{} {}", clock(), event.describe()));
        }
    });
    runtime.block_on(async {
        let mut relayed = Vec::new();
        for record in &records {
            let options = check_options(&args.server, Some(&record.route()))?;
            let login = store.upstream_login(record).await?;
            let relay_password = if args.no_auth {
                None
            } else {
                Some(store.relay_password(record).await?)
            };
            relayed.push(RelayAccount {
                address: record.address.clone(),
                options,
                login,
                relay_password,
            });
        }
        let config = RelayConfig {
            listen,
            require_login: !args.no_auth,
            accounts: relayed,
            ledger: Some(Ledger::in_dir(store.index.dir())),
            name: default_ehlo_name(),
        };
        let mut handle = start(config, sink.clone()).await.map_err(|e| Failure {
            code: if matches!(e, RelayError::Bind { .. }) {
                exit::OTHER
            } else {
                exit::USAGE
            },
            message: e.to_string(),
        })?;
        if !as_json {
            how_to_connect(&records, &handle.address.to_string(), args.no_auth);
        }
        let mut expiry = tokio::time::interval(EXPIRY_CHECK);
        let mut warned = Vec::new();
        loop {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => break,
                _ = terminated() => break,
                _ = handle.stopped() => break,
                _ = expiry.tick() => warn_expiring(&records, &sink, &mut warned),
            }
        }
        handle.stop().await;
        Ok(exit::OK)
    })
}

fn accounts(store: &AccountStore, args: &RelayArgs) -> Result<Vec<AccountRecord>, Failure> {
    if args.all {
        let index = store.list()?;
        if index.accounts.is_empty() {
            return Err(AccountError::NoAccounts.into());
        }
        return Ok(index.accounts);
    }
    if args.account.is_empty() {
        return Ok(vec![store.resolve(None)?]);
    }
    args.account
        .iter()
        .map(|a| store.resolve(Some(a)).map_err(Failure::from))
        .collect()
}

fn how_to_connect(records: &[AccountRecord], address: &str, no_auth: bool) {
    let (host, port) = address.rsplit_once(':').unwrap_or((address, ""));
    say(&t!("cli-relay-connect", host = host, port = port));
    if no_auth {
        say(&t!("cli-relay-no-login"));
    } else {
        for record in records {
            say(&t!("cli-relay-login", address = record.address.as_str()));
        }
    }
    say(&t!("cli-relay-how"));
}

/// One warning (and desktop notification) per account whose sign-in ends within a day.
fn warn_expiring(records: &[AccountRecord], sink: &RelaySink, warned: &mut Vec<String>) {
    let now = SystemTime::now();
    for record in records {
        let Some(left) = record.sign_in_left(now) else {
            continue;
        };
        let address = record.address.to_string();
        if left > EXPIRY_WARNING || warned.contains(&address) {
            continue;
        }
        warned.push(address.clone());
        sink(RelayEvent::SignInExpiring {
            account: address.clone(),
            hours_left: left.as_secs() / 3600,
        });
        notify(
            &t!(
                "cli-relay-expiring-summary",
                address = address.as_str(),
                left = when::left(left)
            ),
            &t!("cli-relay-expiring-body"),
        );
    }
}

/// A desktop notification where there is a desktop; nothing otherwise (the event line and
/// the account screen's badge say the same).
#[cfg(feature = "gui")]
fn notify(summary: &str, body: &str) {
    let _ = notify_rust::Notification::new()
        .appname("smtp-setup")
        .summary(summary)
        .body(body)
        .timeout(notify_rust::Timeout::Milliseconds(15_000))
        .show();
}

#[cfg(not(feature = "gui"))]
fn notify(_summary: &str, _body: &str) {}

#[cfg(unix)]
async fn terminated() {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut term) => {
            term.recv().await;
        }
        Err(_) => std::future::pending::<()>().await,
    }
}

#[cfg(not(unix))]
async fn terminated() {
    std::future::pending::<()>().await
}

/// A relay event as JSON, with its line of text in the current language as `text` (an event
/// that is not an object is left as it is).
fn with_text(event: &RelayEvent) -> serde_json::Value {
    let mut value = serde_json::to_value(event).unwrap_or_default();
    if let Some(object) = value.as_object_mut() {
        object.insert("text".into(), event.describe().into());
    }
    value
}

fn clock() -> String {
    let text = when::exact(SystemTime::now());
    // "2026-12-02T01:50:00Z" → "01:50:00"
    text.get(11..19).unwrap_or(&text).to_string()
}

fn print_service(args: &RelayArgs, kind: &str) -> Result<u8, Failure> {
    let kind = ServiceKind::from_id(kind).ok_or_else(|| Failure::usage(t!("cli-service-kind")))?;
    let program = std::env::current_exe()
        .map_err(|e| Failure::usage(t!("cli-no-exe", error = e.to_string())))?;
    let mut relay_args = vec!["--listen".to_string(), args.listen.trim().to_string()];
    if args.all {
        relay_args.push("--all".into());
    }
    for account in &args.account {
        relay_args.push("--account".into());
        relay_args.push(account.clone());
    }
    if args.no_auth {
        relay_args.push("--no-auth".into());
    }
    let file = render(kind, &program, &relay_args);
    say(&file.text);
    warn(&t!("cli-service-goes-in", path = file.path.to_string()));
    for command in &file.install {
        warn(&format!("#   {command}"));
    }
    Ok(exit::OK)
}
