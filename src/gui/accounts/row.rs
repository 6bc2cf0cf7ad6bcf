//! One account on the account screen: its status badge, its actions (send test, check,
//! replace, remove, set as default, copy settings) and, inline, the running action's
//! timeline and result. Rows run independently, so several tests can run at once. Drawing
//! returns what was clicked (`RowAction`); `act` starts it and `poll` takes in its result.

use crate::gui::Env;
use crate::gui::clipboard::{ClipState, SecretOnClipboard};
use crate::gui::diagnosis_view::{self, Chosen, Offer};
use crate::gui::fields;
use crate::gui::style::{self, GAP, Tone};
use crate::gui::task::{Failure, Polled, Task};
use crate::gui::text::{T, tr, trf};
use crate::gui::timeline::Timeline;
use egui::{RichText, Ui};
use smtp_setup::accounts::{AccountRecord, AuthMethod, NewSecret, TestOutcome, Verification};
use smtp_setup::address::EmailAddress;
use smtp_setup::app_password::AppPassword;
use smtp_setup::diagnosis::{Cause, Diagnosis};
use smtp_setup::keychain::KeychainError;
use smtp_setup::provider::APP_PASSWORDS_PAGE;
use smtp_setup::secret::Secret;
use smtp_setup::smtp::{Reply, TestSend};
use smtp_setup::when;
use std::time::SystemTime;
use zeroize::Zeroizing;

/// The inline panel under the action buttons.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Panel {
    #[default]
    Closed,
    Send,
    Replace,
    ConfirmRemove,
    ConfirmReveal,
}

/// What a finished action did.
pub enum Outcome {
    Checked,
    Sent {
        reply: Reply,
        elapsed_ms: u64,
    },
    Replaced,
    Removed,
    DefaultSet,
    /// The secret, to be put on the clipboard once and dropped.
    Revealed(Secret),
    /// The secret went on the clipboard.
    Copied,
}

/// What was clicked in a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowAction {
    Open(Panel),
    Close,
    Check,
    Send(EmailAddress),
    Replace,
    Remove,
    SetDefault,
    Reveal,
    Cancel,
    /// Sign in with Google again (in the wizard).
    Reauthorize,
}

/// What a row tells its screen after taking in a result.
pub enum RowEvent {
    /// The index changed (a result recorded, a secret replaced, the default moved).
    Changed,
    Removed(AuthMethod),
}

#[derive(Default)]
pub struct RowState {
    panel: Panel,
    task: Task<Outcome, Timeline>,
    recipient: String,
    /// A replacement app password as typed; zeroized when replaced or dropped.
    password: Zeroizing<String>,
    show_password: bool,
    /// The secret copied with "Copy with password…", until it is off the clipboard.
    clip: Option<SecretOnClipboard>,
}

impl RowState {
    /// Takes in a finished action (and the clipboard's removal of a copied secret).
    pub fn poll(
        &mut self,
        env: &Env,
        ctx: &egui::Context,
        record: &AccountRecord,
    ) -> Option<RowEvent> {
        if let Some(clip) = &mut self.clip {
            clip.poll(ctx, &env.worker, &env.config.clipboard);
        }
        match self.task.poll() {
            Polled::Nothing => return None,
            // The engine recorded the run as cancelled once its work was gone.
            Polled::CancelEnded => return Some(RowEvent::Changed),
            Polled::Finished => {}
        }
        if let Task::Finished {
            result: Ok(outcome),
            ..
        } = &mut self.task
        {
            match outcome {
                Outcome::Removed => return Some(RowEvent::Removed(record.auth)),
                Outcome::Revealed(secret) => {
                    // On the clipboard once, as asked, and off it again after a while; the
                    // copies in memory are zeroized when dropped.
                    let text = Zeroizing::new(format!(
                        "{}\n{}: {}",
                        super::settings_text(record),
                        tr(T::SettingPassword),
                        secret.expose()
                    ));
                    self.clip = Some(SecretOnClipboard::copy(
                        ctx,
                        &text,
                        env.config.secret_clipboard_time,
                    ));
                    *outcome = Outcome::Copied;
                }
                Outcome::Replaced => self.panel = Panel::Closed,
                _ => {}
            }
        }
        Some(RowEvent::Changed)
    }

    /// Draws the row; returns what was clicked.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        env: &mut Env,
        record: &AccountRecord,
        is_default: bool,
        keychain: Option<&KeychainError>,
    ) -> Option<RowAction> {
        let mut action = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            self.header(ui, record, is_default);
            if let Some(KeychainError::Missing { .. }) = keychain {
                ui.colored_label(Tone::Warning.color(ui), tr(T::SecretMissing));
            }
            let chosen = [
                self.actions(ui, record, is_default),
                self.last_failure(ui, env, record),
                self.panel(ui, env, record),
                self.result(ui, env),
            ];
            action = chosen.into_iter().flatten().last();
            if let Some(clip) = &self.clip {
                let text = match clip.state() {
                    ClipState::Pending { .. } | ClipState::Clearing => trf(
                        T::ClipboardWillClear,
                        &[("secs", &clip.seconds_left().unwrap_or(0).to_string())],
                    ),
                    ClipState::Cleared => tr(T::ClipboardCleared).to_string(),
                    ClipState::Changed => tr(T::ClipboardChanged).to_string(),
                    ClipState::Unreadable => tr(T::ClipboardUnreadable).to_string(),
                };
                ui.label(RichText::new(text).weak());
            }
        });
        action
    }

    /// Starts what was clicked.
    pub fn act(
        &mut self,
        action: RowAction,
        env: &mut Env,
        ctx: &egui::Context,
        record: &AccountRecord,
    ) {
        match action {
            RowAction::Open(panel) => {
                if panel == Panel::Send && self.recipient.trim().is_empty() {
                    self.recipient = record.address.to_string();
                }
                self.panel = panel;
            }
            RowAction::Close => {
                self.panel = Panel::Closed;
                self.password = Zeroizing::new(String::new());
            }
            RowAction::Check => {
                self.panel = Panel::Closed;
                self.start_check(env, ctx, record, None);
            }
            RowAction::Send(to) => self.start_check(env, ctx, record, Some(to)),
            RowAction::Replace => {
                if let Ok(password) = AppPassword::parse(&self.password) {
                    self.start_replace(env, ctx, record, password);
                }
            }
            RowAction::Remove => self.start_remove(env, ctx, record),
            RowAction::SetDefault => self.start_set_default(env, ctx, record),
            RowAction::Reveal => {
                self.panel = Panel::Closed;
                self.start_reveal(env, ctx, record);
            }
            RowAction::Cancel => self.task.cancel(),
            RowAction::Reauthorize => {}
        }
    }

    fn header(&self, ui: &mut Ui, record: &AccountRecord, is_default: bool) {
        ui.horizontal(|ui| {
            ui.label(RichText::new(record.address.as_str()).strong().size(16.0));
            if is_default {
                ui.label(
                    RichText::new(tr(T::DefaultMarker)).color(ui.visuals().strong_text_color()),
                );
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                self.badge(ui, record);
            });
        });
        let now = SystemTime::now();
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "{} · {}:{} ({})",
                record.auth.label(),
                record.server,
                record.port,
                record.tls
            ));
            match record.last_verified {
                Some(time) => {
                    ui.label(trf(T::VerifiedAgo, &[("when", &when::ago(time, now))]))
                        .on_hover_text(when::exact(time));
                }
                None => {
                    ui.label(tr(T::NeverVerified));
                }
            }
        });
    }

    fn badge(&self, ui: &mut Ui, record: &AccountRecord) {
        if self.task.is_running() {
            ui.label(tr(T::BadgeTesting));
            ui.spinner();
            return;
        }
        let Some(test) = &record.last_test else {
            ui.label(RichText::new(tr(T::BadgeNeverTested)).weak());
            return;
        };
        let (tone, text) = match test.outcome {
            TestOutcome::Ok => (Tone::Success, tr(T::BadgeOk).to_string()),
            TestOutcome::Cancelled => (Tone::Neutral, tr(T::BadgeCancelled).to_string()),
            TestOutcome::Failed => {
                let title = Diagnosis::for_cause(failing_cause(record)).title;
                (Tone::Error, trf(T::BadgeFailing, &[("title", &title)]))
            }
        };
        ui.label(style::toned(ui, tone, &text).strong())
            .on_hover_text(when::exact(test.time));
    }

    fn actions(&self, ui: &mut Ui, record: &AccountRecord, is_default: bool) -> Option<RowAction> {
        let idle = !self.task.is_running();
        let mut action = None;
        ui.horizontal_wrapped(|ui| {
            let mut button = |ui: &mut Ui, label: T, chosen: RowAction| {
                if ui.add_enabled(idle, egui::Button::new(tr(label))).clicked() {
                    action = Some(chosen);
                }
            };
            button(ui, T::SendTestAction, RowAction::Open(Panel::Send));
            button(ui, T::CheckAction, RowAction::Check);
            match record.auth {
                AuthMethod::AppPassword => {
                    button(ui, T::ReplaceAction, RowAction::Open(Panel::Replace))
                }
                AuthMethod::OAuth => button(ui, T::ReauthorizeAction, RowAction::Reauthorize),
            }
            button(ui, T::RemoveAction, RowAction::Open(Panel::ConfirmRemove));
            if !is_default {
                button(ui, T::SetDefault, RowAction::SetDefault);
            }
            style::copy_button(ui, tr(T::CopySettings), &super::settings_text(record));
            button(
                ui,
                T::CopyWithPassword,
                RowAction::Open(Panel::ConfirmReveal),
            );
        });
        action
    }

    /// The last recorded failure, diagnosed, while nothing newer is on screen.
    fn last_failure(
        &self,
        ui: &mut Ui,
        env: &mut Env,
        record: &AccountRecord,
    ) -> Option<RowAction> {
        let failed = record
            .last_test
            .as_ref()
            .is_some_and(|t| t.outcome == TestOutcome::Failed);
        if !failed || !matches!(self.task, Task::Idle) {
            return None;
        }
        let diagnosis = Diagnosis::for_cause_of(failing_cause(record), &record.address);
        egui::CollapsingHeader::new(tr(T::WhyFailing))
            .id_salt("why-failing")
            .show(ui, |ui| show_diagnosis(ui, env, &diagnosis))
            .body_returned
            .flatten()
    }

    fn panel(&mut self, ui: &mut Ui, env: &mut Env, record: &AccountRecord) -> Option<RowAction> {
        if self.task.is_running() {
            return None;
        }
        let mut action = None;
        match self.panel {
            Panel::Closed => {}
            Panel::Send => {
                ui.add_space(GAP / 2.0);
                let label = ui.label(RichText::new(tr(T::RecipientLabel)).strong());
                let to = EmailAddress::parse(&self.recipient);
                ui.horizontal(|ui| {
                    ui.add(egui::TextEdit::singleline(&mut self.recipient).desired_width(300.0))
                        .labelled_by(label.id);
                    if ui
                        .add_enabled(to.is_ok(), egui::Button::new(tr(T::SendTest)))
                        .clicked()
                        && let Ok(to) = &to
                    {
                        action = Some(RowAction::Send(to.clone()));
                    }
                    if ui.button(tr(T::Cancel)).clicked() {
                        action = Some(RowAction::Close);
                    }
                });
                if let Err(error) = to {
                    ui.colored_label(Tone::Error.color(ui), error.to_string());
                }
            }
            Panel::Replace => action = self.replace_panel(ui, env),
            Panel::ConfirmRemove => {
                ui.add_space(GAP / 2.0);
                ui.label(
                    RichText::new(trf(
                        T::ConfirmRemove,
                        &[("address", record.address.as_str())],
                    ))
                    .strong(),
                );
                ui.horizontal(|ui| {
                    if ui.button(tr(T::RemoveConfirmed)).clicked() {
                        action = Some(RowAction::Remove);
                    }
                    if ui.button(tr(T::Cancel)).clicked() {
                        action = Some(RowAction::Close);
                    }
                });
            }
            Panel::ConfirmReveal => {
                ui.add_space(GAP / 2.0);
                ui.label(tr(T::ConfirmReveal));
                ui.horizontal(|ui| {
                    if ui.button(tr(T::RevealConfirmed)).clicked() {
                        action = Some(RowAction::Reveal);
                    }
                    if ui.button(tr(T::Cancel)).clicked() {
                        action = Some(RowAction::Close);
                    }
                });
            }
        }
        action
    }

    fn replace_panel(&mut self, ui: &mut Ui, env: &mut Env) -> Option<RowAction> {
        ui.add_space(GAP / 2.0);
        ui.label(tr(T::ReplaceIntro));
        style::page_button(ui, env, &APP_PASSWORDS_PAGE);
        let label = ui.label(RichText::new(tr(T::NewAppPasswordLabel)).strong());
        let parsed = AppPassword::parse(&self.password);
        let mut action = None;
        ui.horizontal(|ui| {
            fields::app_password(
                ui,
                label.id,
                &mut self.password,
                &mut self.show_password,
                220.0,
            );
            if ui
                .add_enabled(parsed.is_ok(), egui::Button::new(tr(T::VerifyAndReplace)))
                .clicked()
            {
                action = Some(RowAction::Replace);
            }
            if ui.button(tr(T::Cancel)).clicked() {
                action = Some(RowAction::Close);
            }
        });
        if let (Err(error), false) = (&parsed, self.password.is_empty()) {
            ui.colored_label(Tone::Error.color(ui), error.to_string());
        }
        action
    }

    /// The running or finished action: its message, diagnosis and timeline.
    fn result(&self, ui: &mut Ui, env: &mut Env) -> Option<RowAction> {
        let mut action = None;
        match &self.task {
            Task::Running { .. } => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    if ui.button(tr(T::Cancel)).clicked() {
                        action = Some(RowAction::Cancel);
                    }
                });
            }
            Task::Finished {
                result: Ok(outcome),
                ..
            } => match outcome {
                Outcome::Checked => style::status(ui, Tone::Success, tr(T::CheckOk)),
                Outcome::Sent { reply, elapsed_ms } => {
                    let text = trf(
                        T::SendOk,
                        &[
                            ("reply", &reply.to_string()),
                            ("ms", &elapsed_ms.to_string()),
                        ],
                    );
                    style::status(ui, Tone::Success, &text);
                }
                Outcome::Replaced => style::status(ui, Tone::Success, tr(T::ReplacedOk)),
                Outcome::Removed | Outcome::DefaultSet | Outcome::Revealed(_) | Outcome::Copied => {
                }
            },
            Task::Finished {
                result: Err(failure),
                ..
            } => {
                if self.panel == Panel::Replace {
                    ui.label(RichText::new(tr(T::OldPasswordKept)).strong());
                }
                action = match &failure.diagnosis {
                    Some(diagnosis) => show_diagnosis(ui, env, diagnosis),
                    None => {
                        let message = smtp_setup::untrusted::inert(&failure.message);
                        ui.colored_label(Tone::Error.color(ui), message.as_ref());
                        None
                    }
                };
            }
            Task::Cancelled { .. } => {
                ui.label(tr(T::ActionCancelled));
            }
            Task::Idle => {}
        }
        if let Some(timeline) = self.task.progress() {
            timeline.details(ui, "row-details", None);
        }
        action
    }

    fn start_check(
        &mut self,
        env: &Env,
        ctx: &egui::Context,
        record: &AccountRecord,
        to: Option<EmailAddress>,
    ) {
        let (store, connect, record) = (
            env.config.store.clone(),
            env.config.connect.clone(),
            record.clone(),
        );
        self.task = Task::start(&env.worker, ctx, move |report| async move {
            let user = record.address.clone();
            let options = connect
                .options(Some(&record.route()))
                .map_err(|e| Failure::local(T::SettingsProblem, e))?;
            let send = to.map(|to| TestSend { to, subject: None });
            let checked = store
                .check_account(&record, &options, send.as_ref(), report.sink())
                .await
                .map_err(|e| Failure::from_account(e, &user))?;
            match (&checked.outcome, send.is_some()) {
                (Ok(success), true) => Ok(Outcome::Sent {
                    reply: success
                        .send_reply
                        .clone()
                        .unwrap_or_else(|| success.auth_reply.clone()),
                    elapsed_ms: checked.elapsed_ms,
                }),
                (Ok(_), false) => Ok(Outcome::Checked),
                (Err(_), _) => Err(Failure::from_report(&checked, &user)),
            }
        });
    }

    fn start_replace(
        &mut self,
        env: &Env,
        ctx: &egui::Context,
        record: &AccountRecord,
        password: AppPassword,
    ) {
        let (store, connect, route, user) = (
            env.config.store.clone(),
            env.config.connect.clone(),
            record.route(),
            record.address.clone(),
        );
        self.password = Zeroizing::new(String::new());
        self.task = Task::start(&env.worker, ctx, move |report| async move {
            let options = connect
                .options(Some(&route))
                .map_err(|e| Failure::local(T::SettingsProblem, e))?;
            let verification = Verification::Check {
                options: &options,
                sink: report.sink(),
            };
            store
                .save(&user, NewSecret::AppPassword(password), verification)
                .await
                .map(|_| Outcome::Replaced)
                .map_err(|e| Failure::from_account(e, &user))
        });
    }

    fn start_remove(&mut self, env: &Env, ctx: &egui::Context, record: &AccountRecord) {
        let (store, address) = (env.config.store.clone(), record.address.to_string());
        self.task = Task::start(&env.worker, ctx, move |_| async move {
            let removal = store
                .remove(&address)
                .await
                .map_err(|e| Failure::local(T::RemoveIncomplete, e))?;
            if removal.remaining.is_empty() {
                Ok(Outcome::Removed)
            } else {
                Err(Failure::local(
                    T::RemoveIncomplete,
                    removal.remaining.join("; "),
                ))
            }
        });
    }

    fn start_set_default(&mut self, env: &Env, ctx: &egui::Context, record: &AccountRecord) {
        let (store, address) = (env.config.store.clone(), record.address.to_string());
        self.task = Task::start(&env.worker, ctx, move |_| async move {
            store
                .set_default(&address)
                .await
                .map(|()| Outcome::DefaultSet)
                .map_err(|e| Failure::local(T::SettingsProblem, e))
        });
    }

    fn start_reveal(&mut self, env: &Env, ctx: &egui::Context, record: &AccountRecord) {
        let (store, user) = (env.config.store.clone(), record.address.clone());
        self.task = Task::start(&env.worker, ctx, move |_| async move {
            store
                .keychain
                .load(&user)
                .await
                .map(Outcome::Revealed)
                .map_err(|e| Failure::local(T::KeychainRead, e))
        });
    }
}

/// A diagnosis on a row: "Check again" re-checks the account.
fn show_diagnosis(ui: &mut Ui, env: &mut Env, diagnosis: &Diagnosis) -> Option<RowAction> {
    let offer = Offer {
        recheck: Some(T::CheckAgain),
        go_to: None,
    };
    match diagnosis_view::show(ui, env, diagnosis, offer)? {
        Chosen::Recheck => Some(RowAction::Check),
        Chosen::GoTo(_) => None,
    }
}

/// The cause recorded with the last failed test (unknown if none).
fn failing_cause(record: &AccountRecord) -> Cause {
    record
        .last_test
        .as_ref()
        .and_then(|t| t.cause)
        .unwrap_or(Cause::Unknown)
}
