//! The account screen: where a person comes back when mail stops working. One row per
//! stored account with its status badge and its actions (see `row`); the keychain is probed
//! in the background so a locked or missing one is explained, not just failed.

mod row;

pub(crate) use row::{settings_rows, settings_text};

use super::task::Failure;
use super::text::{T, tr, trf};
use super::worker::Job;
use super::{Env, Nav};
use egui::{RichText, Ui};
use row::{RowEvent, RowState};
use smtp_setup::accounts::AuthMethod;
use smtp_setup::address::EmailAddress;
use smtp_setup::keychain::KeychainError;
use smtp_setup::provider::{APP_PASSWORDS_PAGE, CONNECTIONS_PAGE};
use std::collections::HashMap;

/// What the keychain said about each account's secret.
type Probe = Vec<(String, Option<KeychainError>)>;

pub struct AccountsScreen {
    rows: HashMap<String, RowState>,
    /// The keychain probe: not started yet (None), running, or taken in.
    probe: Option<Job<Result<Probe, Failure>>>,
    probe_started: bool,
    keychain: HashMap<String, Option<KeychainError>>,
    /// The last removal, for the reminder to revoke access at Google.
    removed: Option<(String, AuthMethod)>,
}

impl AccountsScreen {
    pub fn new() -> AccountsScreen {
        AccountsScreen {
            rows: HashMap::new(),
            probe: None,
            probe_started: false,
            keychain: HashMap::new(),
            removed: None,
        }
    }

    /// Probes the keychain again on the next frame (the accounts may have changed).
    pub fn refresh(&mut self) {
        self.probe_started = false;
    }

    /// Asks the keychain (off the UI thread) whether each secret can be read. Nothing is
    /// kept: a loaded secret is dropped, and so zeroized, at once.
    fn probe_keychain(&mut self, env: &Env, ctx: &egui::Context) {
        self.probe_started = true;
        let store = env.config.store.clone();
        let addresses: Vec<String> = env
            .accounts
            .accounts
            .iter()
            .map(|a| a.address.clone())
            .collect();
        self.probe = Some(env.worker.spawn(ctx, move |_| async move {
            let mut probe = Vec::new();
            for address in addresses {
                let error = match EmailAddress::parse(&address) {
                    Ok(user) => store.keychain.load(&user).await.err(),
                    Err(_) => None,
                };
                probe.push((address, error));
            }
            Ok(probe)
        }));
    }

    /// Why secrets cannot be read at all, if that is the case.
    fn keychain_unavailable(&self) -> Option<&KeychainError> {
        self.keychain
            .values()
            .flatten()
            .find(|e| e.is_unavailable())
    }

    pub fn show(&mut self, ui: &mut Ui, env: &mut Env) -> Option<Nav> {
        if !self.probe_started {
            self.probe_keychain(env, ui.ctx());
        }
        if let Some(Ok(Ok(probe))) = self.probe.as_ref().and_then(|job| job.try_result()) {
            self.keychain = probe.into_iter().collect();
            self.probe = None;
        }
        let mut changed = false;
        for row in self.rows.values_mut() {
            changed |= row.poll(env, ui.ctx());
        }
        if changed {
            env.reload_accounts(ui.ctx());
        }

        let mut next = None;
        egui::Panel::top("accounts-header").show(ui, |ui| {
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.heading(tr(T::AccountsHeading));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button(RichText::new(tr(T::AddAccount)).strong())
                        .clicked()
                    {
                        next = Some(Nav::NewSetup);
                    }
                });
            });
            ui.add_space(4.0);
        });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    self.banners(ui, env);
                    let records = env.accounts.accounts.clone();
                    if records.is_empty() {
                        ui.label(tr(T::NoAccounts));
                    }
                    for record in records {
                        let is_default = env
                            .accounts
                            .default_account()
                            .is_some_and(|d| d.address == record.address);
                        let keychain = self.keychain.get(&record.address).cloned().flatten();
                        let row = self.rows.entry(record.address.clone()).or_default();
                        let event = ui.push_id(&record.address, |ui| {
                            row.show(ui, env, &record, is_default, keychain.as_ref())
                        });
                        match event.inner {
                            Some(RowEvent::Removed) => {
                                self.removed = Some((record.address.clone(), record.auth));
                            }
                            Some(RowEvent::Reauthorize) => {
                                next = Some(Nav::Reauthorize(record.address.clone()));
                            }
                            None => {}
                        }
                        ui.add_space(6.0);
                    }
                });
        });
        next
    }

    fn banners(&mut self, ui: &mut Ui, env: &mut Env) {
        if let Some(error) = &env.accounts_error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        if let Some(error) = self.keychain_unavailable() {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(tr(T::KeychainUnavailable))
                        .strong()
                        .color(ui.visuals().error_fg_color),
                );
                ui.label(error.to_string());
            });
            ui.add_space(6.0);
        }
        if let Some((address, method)) = self.removed.clone() {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new(trf(T::Removed, &[("address", &address)])).strong());
                match method {
                    AuthMethod::AppPassword => {
                        ui.label(tr(T::RevokeAtGoogle));
                        env.links.button(ui, &APP_PASSWORDS_PAGE);
                    }
                    AuthMethod::OAuth => {
                        ui.label(tr(T::RevokeAccessAtGoogle));
                        env.links.button(ui, &CONNECTIONS_PAGE);
                    }
                }
                if ui.button(tr(T::Dismiss)).clicked() {
                    self.removed = None;
                }
            });
            ui.add_space(6.0);
        }
    }
}
