//! `accounts list|show|remove|set-default`: the stored accounts, never their secrets.

use super::connect::runtime;
use super::console::{json_pretty, say};
use super::{Failure, exit};
use clap::Subcommand;
use serde_json::json;
use smtp_setup::accounts::{AccountIndex, AccountRecord, AccountStore, AuthMethod, TestOutcome};
use smtp_setup::diagnosis::{Cause, Diagnosis};
use smtp_setup::keychain::KeychainError;
use smtp_setup::provider::daily_limit;
use smtp_setup::relay::Ledger;
use smtp_setup::{t, when};
use std::time::{Duration, SystemTime};

#[derive(Subcommand)]
pub enum AccountsCommand {
    /// List the stored accounts.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show one account's settings and whether its secret is in the keychain.
    Show {
        #[arg(value_name = "ADDR")]
        address: String,
        #[arg(long)]
        json: bool,
    },
    /// Remove an account: its keychain entry and its settings.
    Remove {
        #[arg(value_name = "ADDR")]
        address: String,
    },
    /// Make an account the default for `check` and `send-test`.
    SetDefault {
        #[arg(value_name = "ADDR")]
        address: String,
    },
}

pub fn run(command: AccountsCommand) -> Result<u8, Failure> {
    let store = AccountStore::from_env()?;
    match command {
        AccountsCommand::List { json } => {
            list(&store.list()?, &Ledger::in_dir(store.index.dir()), json)
        }
        AccountsCommand::Show { address, json } => show(&store, &address, json),
        AccountsCommand::Remove { address } => remove(&store, &address),
        AccountsCommand::SetDefault { address } => {
            runtime()?.block_on(store.set_default(&address))?;
            say(&t!("cli-now-default", address = address.as_str()));
            Ok(exit::OK)
        }
    }
}

fn is_default(index: &AccountIndex, record: &AccountRecord) -> bool {
    index
        .default_account()
        .is_some_and(|d| d.address == record.address)
}

/// The account's health over time: the sign-in's end, and what the relay sent.
fn health(record: &AccountRecord, ledger: &Ledger, now: SystemTime) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(left) = record.sign_in_left(now) {
        notes.push(format!(
            "{}{}",
            t!("cli-health-sign-in-ends", left = when::left(left)),
            if left < Duration::from_secs(24 * 3600) {
                " ⚠"
            } else {
                ""
            }
        ));
    }
    let relay = ledger.summary(record.address.as_str());
    if relay.sent_24h > 0 || relay.last_failure.is_some() {
        let mut note = t!(
            "cli-health-relay",
            sent = relay.sent_24h.to_string(),
            limit = daily_limit(&record.address).to_string()
        );
        if let Some(failure) = &relay.last_failure {
            note.push_str(&t!(
                "cli-health-relay-refused",
                ago = when::ago(failure.time, now),
                reply = failure.reply.to_string()
            ));
        }
        notes.push(note);
    }
    notes
}

fn list(index: &AccountIndex, ledger: &Ledger, json: bool) -> Result<u8, Failure> {
    if json {
        let now = SystemTime::now();
        let accounts: Vec<_> = index
            .accounts
            .iter()
            .map(|r| {
                let relay = ledger.summary(r.address.as_str());
                json!({
                    "default": is_default(index, r),
                    "account": r,
                    "sign_in_expires_in_hours": r.sign_in_left(now).map(|d| d.as_secs() / 3600),
                    "relay_sent_24h": relay.sent_24h,
                    "daily_limit": daily_limit(&r.address),
                })
            })
            .collect();
        json_pretty(&accounts);
        return Ok(exit::OK);
    }
    if index.accounts.is_empty() {
        say(&t!("cli-no-accounts"));
        return Ok(exit::OK);
    }
    let now = SystemTime::now();
    for record in &index.accounts {
        let marker = if is_default(index, record) { "*" } else { " " };
        say(&format!(
            "{marker} {:<32} {:<14} {}:{} {:<13} {}",
            record.address,
            record.auth.label(),
            record.server,
            record.port,
            record.tls.to_string(),
            status(record, now)
        ));
        for note in health(record, ledger, now) {
            say(&format!("    {note}"));
        }
    }
    say(&t!("cli-default-legend"));
    Ok(exit::OK)
}

/// "OK, checked 5 min ago", "failing: <cause title>", "never checked".
fn status(record: &AccountRecord, now: SystemTime) -> String {
    match &record.last_test {
        None => t!("cli-status-never"),
        Some(test) => {
            let ago = when::ago(test.time, now);
            match test.outcome {
                TestOutcome::Ok => t!("cli-status-ok", ago = ago),
                TestOutcome::Cancelled => t!("cli-status-cancelled", ago = ago),
                TestOutcome::Failed => {
                    let cause = test.cause.unwrap_or(Cause::Unknown);
                    t!(
                        "cli-status-failing",
                        title = Diagnosis::for_cause(cause).title,
                        ago = ago
                    )
                }
            }
        }
    }
}

fn show(store: &AccountStore, address: &str, json: bool) -> Result<u8, Failure> {
    let index = store.list()?;
    let record = store.resolve(Some(address))?;
    let user = record.address.clone();
    // Only whether the secret is there, never the secret.
    let secret = runtime()?.block_on(store.keychain.load(&user)).map(drop);
    if json {
        let value = json!({
            "lang": smtp_setup::i18n::current(),
            "status_text": status(&record, SystemTime::now()),
            "default": is_default(&index, &record),
            "account": record,
            "secret_in_keychain": secret.is_ok(),
            "keychain_service": store.keychain.service(),
            "keychain_error": secret.as_ref().err().map(ToString::to_string),
        });
        json_pretty(&value);
        return Ok(exit::OK);
    }
    let now = SystemTime::now();
    let default = if is_default(&index, &record) {
        t!("cli-show-default")
    } else {
        String::new()
    };
    say(&format!("{}{default}", record.address));
    let lines = [
        t!("cli-show-method", method = record.auth.label()),
        t!(
            "cli-show-server",
            server = record.server.as_str(),
            port = record.port.to_string(),
            tls = record.tls.to_string()
        ),
        t!("cli-show-created", created = when::exact(record.created)),
        match record.last_verified {
            Some(time) => t!(
                "cli-show-last-worked",
                ago = when::ago(time, now),
                exact = when::exact(time)
            ),
            None => t!("cli-show-never-worked"),
        },
        t!("cli-show-last-check", status = status(&record, now)),
        match &secret {
            Ok(()) => t!("cli-show-secret-stored", service = store.keychain.service()),
            Err(KeychainError::Missing { .. }) => t!("cli-show-secret-missing"),
            Err(error) => t!("cli-show-secret-unreadable", error = error.to_string()),
        },
    ];
    for line in lines {
        say(&format!("  {line}"));
    }
    Ok(exit::OK)
}

fn remove(store: &AccountStore, address: &str) -> Result<u8, Failure> {
    let method = store
        .list()?
        .find(address)
        .map_or(AuthMethod::AppPassword, |r| r.auth);
    let removal = runtime()?.block_on(store.remove(address))?;
    if !removal.keychain_entry_removed
        && !removal.index_entry_removed
        && removal.remaining.is_empty()
    {
        say(&t!("cli-nothing-to-remove", address = address));
        return Ok(exit::OK);
    }
    if removal.keychain_entry_removed {
        say(&match method {
            AuthMethod::AppPassword => t!("cli-removed-app-password"),
            AuthMethod::OAuth => t!("cli-removed-oauth"),
        });
    }
    if removal.index_entry_removed {
        say(&t!("cli-removed-from-list", address = address));
    }
    for what in &removal.remaining {
        say(&t!("cli-still-there", what = what.to_string()));
    }
    say(&removal.revoke_hint(method));
    if removal.remaining.is_empty() {
        Ok(exit::OK)
    } else if removal.keychain_unreachable {
        Ok(exit::KEYCHAIN)
    } else {
        Ok(exit::OTHER)
    }
}
