//! The relay on an account card: Start runs `smtp_setup::relay` for this account on the
//! worker (the keychain reads, the bind and every connection off the frame), Stop ends it,
//! and while it runs the card shows where apps connect, what went through (with the last
//! 24 hours against Gmail's daily limit) and the last refusal with its diagnosis.

use crate::gui::Env;
use crate::gui::style::{self, Tone};
use crate::gui::task::{Failure, Progress, Task};
use crate::gui::text::{T, tr, trf};
use egui::{RichText, Ui};
use smtp_setup::accounts::AccountRecord;
use smtp_setup::diagnosis::{Cause, Diagnosis};
use smtp_setup::provider::daily_limit;
use smtp_setup::relay::{self, Ledger, RelayAccount, RelayConfig, RelayEvent, RelayHandle};
use smtp_setup::smtp::default_ehlo_name;
use std::net::SocketAddr;
use std::sync::Arc;

/// Ports tried, from the usual one, when another program has it.
const PORTS: std::ops::RangeInclusive<u16> = 2525..=2535;

/// What a running relay has told the card.
pub enum RelayUpdate {
    /// Listening; with the account's ledger as it stood.
    Started {
        address: String,
        sent_24h: u32,
        last_failure: Option<(String, Option<Cause>)>,
    },
    Event(RelayEvent),
}

#[derive(Default)]
pub struct RelayView {
    pub address: Option<String>,
    pub sent_24h: u32,
    pub relayed: u32,
    pub refused: u32,
    pub last_failure: Option<(String, Option<Cause>)>,
}

impl Progress for RelayView {
    type Event = RelayUpdate;
    fn apply(&mut self, update: RelayUpdate) {
        match update {
            RelayUpdate::Started {
                address,
                sent_24h,
                last_failure,
            } => {
                self.address = Some(address);
                self.sent_24h = sent_24h;
                self.last_failure = last_failure;
            }
            RelayUpdate::Event(RelayEvent::Relayed { .. }) => {
                self.relayed += 1;
                self.sent_24h += 1;
            }
            RelayUpdate::Event(RelayEvent::Refused { reply, cause, .. }) => {
                self.refused += 1;
                self.last_failure = Some((reply, cause));
            }
            RelayUpdate::Event(_) => {}
        }
    }
}

pub type RelayTask = Task<(), RelayView>;

/// Starts the relay for `record`; it runs until the task is cancelled (Stop) or dropped.
pub fn start(env: &Env, ctx: &egui::Context, record: &AccountRecord) -> RelayTask {
    let (store, connect, record) = (
        env.config.store.clone(),
        env.config.connect.clone(),
        record.clone(),
    );
    Task::start(&env.worker, ctx, move |report| async move {
        let user = record.address.clone();
        let options = connect
            .options(Some(&record.route()))
            .map_err(|e| Failure::local(T::SettingsProblem, e))?;
        let ledger = Ledger::in_dir(store.index.dir());
        let summary = {
            let (ledger, address) = (ledger.clone(), user.to_string());
            tokio::task::spawn_blocking(move || ledger.summary(&address))
                .await
                .unwrap_or_default()
        };
        // Read from the keychain once, whichever port is free.
        let login = store
            .upstream_login(&record)
            .await
            .map_err(|e| Failure::from_account(e, &user))?;
        let password = store
            .relay_password(&record)
            .await
            .map_err(|e| Failure::from_account(e, &user))?;
        let report = Arc::new(report);
        let mut last_error = None;
        let mut handle: Option<RelayHandle> = None;
        for port in PORTS {
            let config = RelayConfig {
                listen: SocketAddr::from(([127, 0, 0, 1], port)),
                require_login: true,
                accounts: vec![RelayAccount {
                    address: user.clone(),
                    options: options.clone(),
                    login: login.clone(),
                    relay_password: Some(password.clone()),
                }],
                ledger: Some(ledger.clone()),
                name: default_ehlo_name(),
            };
            let events = report.clone();
            match relay::start(
                config,
                Arc::new(move |e| events.send(RelayUpdate::Event(e))),
            )
            .await
            {
                Ok(started) => {
                    handle = Some(started);
                    break;
                }
                Err(error @ relay::RelayError::Bind { .. }) => last_error = Some(error),
                Err(error) => return Err(Failure::local(T::RelayFailed, error)),
            }
        }
        let Some(handle) = handle else {
            return Err(Failure::local(
                T::RelayFailed,
                last_error.map(|e| e.to_string()).unwrap_or_default(),
            ));
        };
        report.send(RelayUpdate::Started {
            address: handle.address.to_string(),
            sent_24h: summary.sent_24h,
            last_failure: summary.last_failure.map(|f| (f.reply, f.cause)),
        });
        // Runs until Stop cancels this work, which drops the handle and so stops the relay.
        let _running = handle;
        std::future::pending::<()>().await;
        Ok(())
    })
}

/// What the card shows of the relay; returns true when Start or Stop was clicked.
pub fn show(ui: &mut Ui, task: &RelayTask, record: &AccountRecord) -> bool {
    let mut clicked = false;
    ui.horizontal_wrapped(|ui| {
        let running = task.is_running();
        let label = if running { T::RelayStop } else { T::RelayStart };
        if ui.button(tr(label)).clicked() {
            clicked = true;
        }
        match (running, task.progress().and_then(|p| p.address.as_ref())) {
            (true, Some(address)) => {
                style::chip(ui, Tone::Success, &trf(T::RelayOn, &[("address", address)]));
            }
            (true, None) => {
                ui.spinner();
            }
            _ => {
                ui.label(RichText::new(tr(T::RelayExplain)).weak());
            }
        }
    });
    if let Some(failure) = task.failure() {
        let text = match &failure.diagnosis {
            Some(diagnosis) => diagnosis.title.to_string(),
            None => format!("{}: {}", tr(T::RelayFailed), failure.message),
        };
        ui.colored_label(Tone::Error.color(ui), text);
    }
    let Some(view) = task.progress().filter(|_| task.is_running()) else {
        return clicked;
    };
    if view.address.is_some() {
        let limit = daily_limit(&record.address).to_string();
        ui.label(trf(
            T::RelayCounts,
            &[
                ("relayed", &view.relayed.to_string()),
                ("day", &view.sent_24h.to_string()),
                ("limit", &limit),
            ],
        ));
        ui.label(RichText::new(trf(T::RelayLogin, &[("user", record.address.as_str())])).weak());
    }
    if let Some((reply, cause)) = &view.last_failure {
        let title = cause.map(|c| Diagnosis::for_cause(c).title);
        ui.colored_label(
            Tone::Warning.color(ui),
            trf(
                T::RelayLastRefusal,
                &[
                    ("reply", &smtp_setup::untrusted::inert(reply)),
                    ("cause", title.as_deref().unwrap_or("")),
                ],
            ),
        );
    }
    clicked
}
