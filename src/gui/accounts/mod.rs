//! The account screen: where a person comes back when mail stops working. One row per
//! stored account with its status badge and its actions (see `row`); the keychain is probed
//! in the background so a locked or missing one is explained, not just failed. Rows of
//! accounts that are gone are dropped whenever the list is read again.

mod relay;
mod row;

use super::style::{self, GAP, Tone};
use super::task::{Polled, Task};
use super::text::{T, tr, trf};
use super::{Env, Nav};
use egui::{RichText, Ui};
use row::{RowAction, RowEvent, RowState};
use smtp_setup::accounts::{AccountRecord, AuthMethod};
use smtp_setup::address::EmailAddress;
use smtp_setup::keychain::KeychainError;
use smtp_setup::provider::{APP_PASSWORDS_PAGE, CONNECTIONS_PAGE};
use std::collections::HashMap;

/// What the keychain said about each account's secret.
type Probe = Vec<(EmailAddress, Option<KeychainError>)>;

pub struct AccountsScreen {
    rows: HashMap<EmailAddress, RowState>,
    probe: Task<Probe>,
    probe_wanted: bool,
    keychain: HashMap<EmailAddress, Option<KeychainError>>,
    /// The last removal, for the reminder to revoke access at Google.
    removed: Option<(EmailAddress, AuthMethod)>,
    /// The index read the rows were last matched against.
    rows_read: u64,
}

impl AccountsScreen {
    pub fn new() -> AccountsScreen {
        AccountsScreen {
            rows: HashMap::new(),
            probe: Task::Idle,
            probe_wanted: true,
            keychain: HashMap::new(),
            removed: None,
            rows_read: 0,
        }
    }

    /// Starts a check of `address` on its card (from the error decoder).
    pub fn check(&mut self, address: &EmailAddress, env: &mut Env, ctx: &egui::Context) {
        if let Some(record) = env.accounts.find(address.as_str()).cloned() {
            let row = self.rows.entry(record.address.clone()).or_default();
            row.act(RowAction::Check, env, ctx, &record);
        }
    }

    /// Probes the keychain again (the accounts may have changed).
    pub fn refresh(&mut self) {
        self.probe_wanted = true;
    }

    /// Takes in results: the keychain probe's, each row's, and a new read of the index.
    pub fn poll(&mut self, env: &mut Env, ctx: &egui::Context) {
        if self.probe_wanted && !self.probe.is_running() {
            self.probe_wanted = false;
            self.probe = probe_keychain(env, ctx);
        }
        if self.probe.poll() == Polled::Finished
            && let Task::Finished {
                result: Ok(probe), ..
            } = std::mem::replace(&mut self.probe, Task::Idle)
        {
            self.keychain = probe.into_iter().collect();
        }
        let mut changed = false;
        for record in env.accounts.accounts.clone() {
            let Some(row) = self.rows.get_mut(&record.address) else {
                continue;
            };
            match row.poll(env, ctx, &record) {
                Some(RowEvent::Removed(method)) => {
                    self.removed = Some((record.address.clone(), method));
                    changed = true;
                }
                Some(RowEvent::Changed) => changed = true,
                None => {}
            }
        }
        if changed {
            env.reload_accounts(ctx);
        }
        if env.accounts_read != self.rows_read {
            self.rows_read = env.accounts_read;
            // A row's state belongs to an account in the list: a removed account's row goes,
            // so adding the address again starts afresh, and so does the removal's banner.
            self.rows
                .retain(|address, _| env.accounts.find(address.as_str()).is_some());
            if let Some((address, _)) = &self.removed
                && env.accounts.find(address.as_str()).is_some()
            {
                self.removed = None;
            }
        }
    }

    pub fn show(&mut self, ui: &mut Ui, env: &mut Env) -> Option<Nav> {
        let ctx = ui.ctx().clone();
        // "checked 5 min ago" stays true on an idle window.
        ctx.request_repaint_after(std::time::Duration::from_secs(60));
        let mut next = None;
        style::top_bar(ui, "accounts-header", |ui| {
            ui.horizontal(|ui| {
                style::title(ui, tr(T::AccountsHeading));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if style::primary_button(ui, tr(T::AddAccount), true).clicked() {
                        next = Some(Nav::NewSetup);
                    }
                });
            });
            // The secondary ways on a row of their own, so a narrow window never draws the
            // title over them.
            ui.horizontal_wrapped(|ui| {
                if style::secondary_button(ui, tr(T::ExplainError), true).clicked() {
                    next = Some(Nav::Decode);
                }
                style::theme_switch(ui);
            });
        });
        style::scrolling_page(ui, "accounts", |ui| {
            self.banners(ui, env);
            let records: Vec<AccountRecord> = env.accounts.accounts.clone();
            if records.is_empty() {
                ui.label(tr(T::NoAccounts));
            }
            for record in records {
                let is_default = env.accounts.is_default(&record);
                let keychain = self.keychain.get(&record.address).cloned().flatten();
                let row = self.rows.entry(record.address.clone()).or_default();
                let action = ui
                    .push_id(record.address.as_str(), |ui| {
                        row.ui(ui, env, &record, is_default, keychain.as_ref())
                    })
                    .inner;
                match action {
                    Some(RowAction::Reauthorize) => {
                        next = Some(Nav::Reauthorize(record.address.clone()));
                    }
                    Some(RowAction::UseInApp) => {
                        next = Some(Nav::UseInApp(record.address.clone()));
                    }
                    Some(action) => row.act(action, env, &ctx, &record),
                    None => {}
                }
                ui.add_space(GAP);
            }
        });
        next
    }

    /// Why secrets cannot be read at all, if that is the case.
    fn keychain_unavailable(&self) -> Option<&KeychainError> {
        self.keychain
            .values()
            .flatten()
            .find(|e| e.is_unavailable())
    }

    fn banners(&mut self, ui: &mut Ui, env: &mut Env) {
        if let Some(error) = &env.accounts_error {
            ui.colored_label(Tone::Error.color(ui), error);
        }
        if let Some(error) = self.keychain_unavailable() {
            style::card(ui, |ui| {
                ui.label(
                    RichText::new(tr(T::KeychainUnavailable))
                        .strong()
                        .color(Tone::Error.color(ui)),
                );
                ui.label(error.to_string());
            });
            ui.add_space(GAP);
        }
        if let Some((address, method)) = self.removed.clone() {
            let mut dismiss = false;
            style::card(ui, |ui| {
                ui.label(RichText::new(trf(T::Removed, &[("address", address.as_str())])).strong());
                match method {
                    AuthMethod::AppPassword => {
                        ui.label(tr(T::RevokeAtGoogle));
                        style::page_button(ui, env, &APP_PASSWORDS_PAGE);
                    }
                    AuthMethod::OAuth => {
                        ui.label(tr(T::RevokeAccessAtGoogle));
                        style::page_button(ui, env, &CONNECTIONS_PAGE);
                    }
                }
                dismiss = ui.button(tr(T::Dismiss)).clicked();
            });
            if dismiss {
                self.removed = None;
            }
            ui.add_space(GAP);
        }
    }
}

/// Asks the keychain (on the worker) whether each secret can be read. Nothing is kept: a
/// loaded secret is dropped, and so zeroized, at once.
fn probe_keychain(env: &Env, ctx: &egui::Context) -> Task<Probe> {
    let store = env.config.store.clone();
    let addresses: Vec<EmailAddress> = env
        .accounts
        .accounts
        .iter()
        .map(|a| a.address.clone())
        .collect();
    Task::start(&env.worker, ctx, move |_| async move {
        let mut probe = Vec::new();
        for address in addresses {
            let error = store.keychain.load(&address).await.err();
            probe.push((address, error));
        }
        Ok(probe)
    })
}

/// Server, port, security and username: what an app needs besides the secret.
pub(crate) fn settings_text(record: &AccountRecord) -> String {
    settings_rows(record)
        .iter()
        .map(|(name, value)| format!("{}: {value}", tr(*name)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The settings as (name, value) rows, shown on the Done step and copied from the list.
pub(crate) fn settings_rows(record: &AccountRecord) -> [(T, String); 4] {
    [
        (T::SettingServer, record.server.clone()),
        (T::SettingPort, record.port.to_string()),
        (T::SettingSecurity, record.tls.to_string()),
        (T::SettingUsername, record.address.to_string()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    #[test]
    fn copied_settings_never_hold_a_secret() {
        let record = AccountRecord {
            address: EmailAddress::parse("jane@gmail.com").unwrap(),
            display_name: None,
            provider: "gmail".into(),
            server: "smtp.gmail.com".into(),
            port: 587,
            tls: smtp_setup::smtp::TlsMode::Starttls,
            auth: AuthMethod::AppPassword,
            created: SystemTime::UNIX_EPOCH,
            last_verified: None,
            last_test: None,
            signed_in: None,
            oauth_testing: None,
        };
        let text = settings_text(&record);
        assert_eq!(
            text,
            "Server: smtp.gmail.com\nPort: 587\nSecurity: STARTTLS\nUsername: jane@gmail.com"
        );
        assert!(!text.contains("Password"));
    }
}
