//! One account on the account screen: its status badge, its actions (send test, check,
//! replace, remove, set as default, copy settings) and, inline, the running action's
//! timeline and result. Rows run independently, so several tests can run at once.

use crate::gui::Env;
use crate::gui::clipboard::{ClipState, SecretOnClipboard};
use crate::gui::diagnosis_view;
use crate::gui::fields;
use crate::gui::task::{Failure, Task, check_stored, record_route};
use crate::gui::text::{T, tr, trf};
use egui::{Color32, RichText, Ui};
use smtp_setup::accounts::{AccountError, AccountRecord, AuthMethod, TestOutcome, Verification};
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

const GREEN: Color32 = Color32::from_rgb(0x1e, 0x8e, 0x3e);

/// The inline panel under the action buttons.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Panel {
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
}

/// What a row asks its screen to do.
pub enum RowEvent {
    Removed,
    /// Sign in with Google again (in the wizard).
    Reauthorize,
}

pub struct RowState {
    event: Option<RowEvent>,
    panel: Panel,
    task: Task<Outcome>,
    recipient: String,
    /// A replacement app password as typed; zeroized when replaced or dropped.
    password: Zeroizing<String>,
    show_password: bool,
    copied: bool,
    /// The secret copied with "Copy with password…", until it is off the clipboard.
    clip: Option<SecretOnClipboard>,
}

impl Default for RowState {
    fn default() -> RowState {
        RowState {
            event: None,
            panel: Panel::Closed,
            task: Task::Idle,
            recipient: String::new(),
            password: Zeroizing::new(String::new()),
            show_password: false,
            copied: false,
            clip: None,
        }
    }
}

impl RowState {
    /// Takes in events and results; true when an action finished or was cancelled (the
    /// index may have changed: the engine records a cancelled run too).
    pub fn poll(&mut self, env: &Env, ctx: &egui::Context) -> bool {
        if let Some(clip) = &mut self.clip {
            clip.poll(ctx, &env.worker, &env.config.clipboard);
        }
        self.task.poll()
    }

    /// Draws the row; returns what the screen must act on.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        env: &mut Env,
        record: &AccountRecord,
        is_default: bool,
        keychain: Option<&KeychainError>,
    ) -> Option<RowEvent> {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            self.header(ui, record, is_default);
            if let Some(KeychainError::Missing { .. }) = keychain {
                ui.colored_label(ui.visuals().warn_fg_color, tr(T::SecretMissing));
            }
            self.actions(ui, env, record, is_default);
            self.last_failure(ui, env, record);
            self.panel(ui, env, record);
            self.result(ui, env, record);
        });
        self.event.take()
    }

    fn header(&self, ui: &mut Ui, record: &AccountRecord, is_default: bool) {
        ui.horizontal(|ui| {
            ui.label(RichText::new(&record.address).strong().size(16.0));
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
        match &record.last_test {
            None => {
                ui.label(RichText::new(tr(T::BadgeNeverTested)).weak());
            }
            Some(test) if test.outcome == TestOutcome::Ok => {
                ui.label(RichText::new(tr(T::BadgeOk)).strong().color(GREEN))
                    .on_hover_text(when::exact(test.time));
            }
            Some(test) if test.outcome == TestOutcome::Cancelled => {
                ui.label(RichText::new(tr(T::BadgeCancelled)).weak())
                    .on_hover_text(when::exact(test.time));
            }
            Some(test) => {
                let title = Diagnosis::for_cause(failing_cause(record)).title;
                ui.label(
                    RichText::new(trf(T::BadgeFailing, &[("title", &title)]))
                        .strong()
                        .color(ui.visuals().error_fg_color),
                )
                .on_hover_text(when::exact(test.time));
            }
        }
    }

    fn actions(&mut self, ui: &mut Ui, env: &mut Env, record: &AccountRecord, is_default: bool) {
        let idle = !self.task.is_running();
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(idle, egui::Button::new(tr(T::SendTestAction)))
                .clicked()
            {
                if self.recipient.trim().is_empty() {
                    self.recipient = record.address.clone();
                }
                self.open(Panel::Send);
            }
            if ui
                .add_enabled(idle, egui::Button::new(tr(T::CheckAction)))
                .clicked()
            {
                self.panel = Panel::Closed;
                self.start_check(env, ui.ctx(), record, None);
            }
            match record.auth {
                AuthMethod::AppPassword => {
                    if ui
                        .add_enabled(idle, egui::Button::new(tr(T::ReplaceAction)))
                        .clicked()
                    {
                        self.open(Panel::Replace);
                    }
                }
                AuthMethod::OAuth => {
                    if ui
                        .add_enabled(idle, egui::Button::new(tr(T::ReauthorizeAction)))
                        .clicked()
                    {
                        self.event = Some(RowEvent::Reauthorize);
                    }
                }
            }
            if ui
                .add_enabled(idle, egui::Button::new(tr(T::RemoveAction)))
                .clicked()
            {
                self.open(Panel::ConfirmRemove);
            }
            if !is_default
                && ui
                    .add_enabled(idle, egui::Button::new(tr(T::SetDefault)))
                    .clicked()
            {
                self.start_set_default(env, ui.ctx(), record);
            }
            if ui.button(tr(T::CopySettings)).clicked() {
                ui.ctx().copy_text(settings_text(record));
                self.copied = true;
            }
            if ui
                .add_enabled(idle, egui::Button::new(tr(T::CopyWithPassword)))
                .clicked()
            {
                self.open(Panel::ConfirmReveal);
            }
            if self.copied {
                ui.label(RichText::new(tr(T::Copied)).weak());
            }
        });
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
    }

    fn open(&mut self, panel: Panel) {
        self.panel = panel;
        self.copied = false;
    }

    /// The last recorded failure, diagnosed, while nothing newer is on screen.
    fn last_failure(&self, ui: &mut Ui, env: &mut Env, record: &AccountRecord) {
        let failed = record
            .last_test
            .as_ref()
            .is_some_and(|t| t.outcome == TestOutcome::Failed);
        if !failed || !matches!(self.task, Task::Idle) {
            return;
        }
        egui::CollapsingHeader::new(tr(T::WhyFailing))
            .id_salt("why-failing")
            .show(ui, |ui| {
                diagnosis_view::show(
                    ui,
                    &Diagnosis::for_cause(failing_cause(record)),
                    &mut env.links,
                    None,
                );
            });
    }

    fn panel(&mut self, ui: &mut Ui, env: &mut Env, record: &AccountRecord) {
        if self.task.is_running() {
            return;
        }
        match self.panel {
            Panel::Closed => {}
            Panel::Send => {
                ui.add_space(4.0);
                let label = ui.label(RichText::new(tr(T::RecipientLabel)).strong());
                let mut send = false;
                ui.horizontal(|ui| {
                    ui.add(egui::TextEdit::singleline(&mut self.recipient).desired_width(300.0))
                        .labelled_by(label.id);
                    let valid = EmailAddress::parse(&self.recipient).is_ok();
                    send = ui
                        .add_enabled(valid, egui::Button::new(tr(T::SendTest)))
                        .clicked();
                    if ui.button(tr(T::Cancel)).clicked() {
                        self.panel = Panel::Closed;
                    }
                });
                if let Err(error) = EmailAddress::parse(&self.recipient) {
                    ui.colored_label(ui.visuals().error_fg_color, error.to_string());
                }
                if send && let Ok(to) = EmailAddress::parse(&self.recipient) {
                    self.start_check(env, ui.ctx(), record, Some(to));
                }
            }
            Panel::Replace => self.replace_panel(ui, env, record),
            Panel::ConfirmRemove => {
                ui.add_space(4.0);
                ui.label(
                    RichText::new(trf(T::ConfirmRemove, &[("address", &record.address)])).strong(),
                );
                ui.horizontal(|ui| {
                    if ui.button(tr(T::RemoveConfirmed)).clicked() {
                        self.start_remove(env, ui.ctx(), record);
                    }
                    if ui.button(tr(T::Cancel)).clicked() {
                        self.panel = Panel::Closed;
                    }
                });
            }
            Panel::ConfirmReveal => {
                ui.add_space(4.0);
                ui.label(tr(T::ConfirmReveal));
                ui.horizontal(|ui| {
                    if ui.button(tr(T::RevealConfirmed)).clicked() {
                        self.start_reveal(env, ui.ctx(), record);
                    }
                    if ui.button(tr(T::Cancel)).clicked() {
                        self.panel = Panel::Closed;
                    }
                });
            }
        }
    }

    fn replace_panel(&mut self, ui: &mut Ui, env: &mut Env, record: &AccountRecord) {
        ui.add_space(4.0);
        ui.label(tr(T::ReplaceIntro));
        env.links.button(ui, &APP_PASSWORDS_PAGE);
        let label = ui.label(RichText::new(tr(T::NewAppPasswordLabel)).strong());
        let parsed = AppPassword::parse(&self.password);
        let mut start = false;
        ui.horizontal(|ui| {
            fields::app_password(
                ui,
                label.id,
                &mut self.password,
                &mut self.show_password,
                220.0,
            );
            start = ui
                .add_enabled(parsed.is_ok(), egui::Button::new(tr(T::VerifyAndReplace)))
                .clicked();
            if ui.button(tr(T::Cancel)).clicked() {
                self.panel = Panel::Closed;
                self.password = Zeroizing::new(String::new());
            }
        });
        if let (Err(error), false) = (&parsed, self.password.is_empty()) {
            ui.colored_label(ui.visuals().error_fg_color, error.to_string());
        }
        if start && let Ok(password) = parsed {
            self.start_replace(env, ui.ctx(), record, password);
        }
    }

    /// The running or finished action: its message, diagnosis and timeline.
    fn result(&mut self, ui: &mut Ui, env: &mut Env, record: &AccountRecord) {
        let mut reveal = None;
        match &mut self.task {
            Task::Running { .. } => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    if ui.button(tr(T::Cancel)).clicked() {
                        self.task.cancel();
                    }
                });
            }
            Task::Finished {
                result: Ok(outcome),
                ..
            } => match outcome {
                Outcome::Checked => {
                    ui.colored_label(GREEN, RichText::new(tr(T::CheckOk)).strong());
                }
                Outcome::Sent { reply, elapsed_ms } => {
                    let text = trf(
                        T::SendOk,
                        &[
                            ("reply", &reply.to_string()),
                            ("ms", &elapsed_ms.to_string()),
                        ],
                    );
                    ui.colored_label(GREEN, RichText::new(text).strong());
                }
                Outcome::Replaced => {
                    ui.colored_label(GREEN, RichText::new(tr(T::ReplacedOk)).strong());
                }
                Outcome::Removed => self.event = Some(RowEvent::Removed),
                Outcome::DefaultSet => {}
                Outcome::Revealed(secret) => reveal = Some(secret.clone()),
            },
            Task::Finished {
                result: Err(failure),
                ..
            } => {
                if self.panel == Panel::Replace {
                    ui.label(RichText::new(tr(T::OldPasswordKept)).strong());
                }
                failure.show(ui, env, None);
            }
            Task::Cancelled { .. } => {
                ui.label(tr(T::ActionCancelled));
            }
            Task::Idle => {}
        }
        if let Some(secret) = reveal {
            // On the clipboard once, as asked, and off it again after a while; the copies in
            // memory are zeroized when dropped.
            let text = Zeroizing::new(format!(
                "{}\n{}: {}",
                settings_text(record),
                tr(T::SettingPassword),
                secret.expose()
            ));
            self.clip = Some(SecretOnClipboard::copy(
                ui.ctx(),
                &text,
                env.config.secret_clipboard_time,
            ));
            self.task = Task::Idle;
            self.copied = true;
        }
        if let Some(timeline) = self.task.timeline() {
            timeline.show(ui);
        }
    }

    fn start_check(
        &mut self,
        env: &mut Env,
        ctx: &egui::Context,
        record: &AccountRecord,
        to: Option<EmailAddress>,
    ) {
        let options = match env.config.options_for(&record_route(record)) {
            Ok(options) => options,
            Err(error) => {
                return self.task = Task::failed(Failure::local(T::SettingsProblem, error));
            }
        };
        let (store, record) = (env.config.store.clone(), record.clone());
        self.task = Task::running(env.worker.spawn(ctx, move |sink| async move {
            let send = to.map(|to| TestSend { to, subject: None });
            let sending = send.is_some();
            let report = check_stored(store, record, options, send, sink).await?;
            match (&report.outcome, sending) {
                (Ok(success), true) => Ok(Outcome::Sent {
                    reply: success
                        .send_reply
                        .clone()
                        .unwrap_or_else(|| success.auth_reply.clone()),
                    elapsed_ms: report.elapsed_ms,
                }),
                (Ok(_), false) => Ok(Outcome::Checked),
                (Err(_), _) => Err(Failure::from_report(&report)),
            }
        }));
    }

    fn start_replace(
        &mut self,
        env: &mut Env,
        ctx: &egui::Context,
        record: &AccountRecord,
        password: AppPassword,
    ) {
        let (Ok(user), Ok(options)) = (
            EmailAddress::parse(&record.address),
            env.config.options_for(&record_route(record)),
        ) else {
            return;
        };
        self.password = Zeroizing::new(String::new());
        let store = env.config.store.clone();
        self.task = Task::running(env.worker.spawn(ctx, move |sink| async move {
            let verification = Verification::Check {
                options: &options,
                sink,
            };
            match store.save_app_password(&user, password, verification).await {
                Ok(_) => Ok(Outcome::Replaced),
                Err(AccountError::NotVerified(report)) => Err(Failure::from_report(&report)),
                Err(error) => Err(Failure::local(T::KeychainProblem, error)),
            }
        }));
    }

    fn start_remove(&mut self, env: &mut Env, ctx: &egui::Context, record: &AccountRecord) {
        let (store, address) = (env.config.store.clone(), record.address.clone());
        self.task = Task::running(env.worker.spawn(ctx, move |_| async move {
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
        }));
    }

    fn start_set_default(&mut self, env: &mut Env, ctx: &egui::Context, record: &AccountRecord) {
        let (store, address) = (env.config.store.clone(), record.address.clone());
        self.task = Task::running(env.worker.spawn(ctx, move |_| async move {
            tokio::task::spawn_blocking(move || store.set_default(&address))
                .await
                .map_err(|e| Failure::local(T::SettingsProblem, e))?
                .map_err(|e| Failure::local(T::SettingsProblem, e))?;
            Ok(Outcome::DefaultSet)
        }));
    }

    fn start_reveal(&mut self, env: &mut Env, ctx: &egui::Context, record: &AccountRecord) {
        self.panel = Panel::Closed;
        let (store, address) = (env.config.store.clone(), record.address.clone());
        self.task = Task::running(env.worker.spawn(ctx, move |_| async move {
            let user =
                EmailAddress::parse(&address).map_err(|e| Failure::local(T::KeychainRead, e))?;
            let secret = store
                .keychain
                .load(&user)
                .await
                .map_err(|e| Failure::local(T::KeychainRead, e))?;
            Ok(Outcome::Revealed(secret))
        }));
    }
}

/// The cause recorded with the last failed test (unknown if none or unreadable).
fn failing_cause(record: &AccountRecord) -> Cause {
    record
        .last_test
        .as_ref()
        .and_then(|t| t.cause)
        .unwrap_or(Cause::Unknown)
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
        (T::SettingUsername, record.address.clone()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copied_settings_never_hold_a_secret() {
        let record = AccountRecord {
            address: "jane@gmail.com".into(),
            display_name: None,
            provider: "gmail".into(),
            server: "smtp.gmail.com".into(),
            port: 587,
            tls: smtp_setup::smtp::TlsMode::Starttls,
            auth: smtp_setup::accounts::AuthMethod::AppPassword,
            created: SystemTime::UNIX_EPOCH,
            last_verified: None,
            last_test: None,
        };
        let text = settings_text(&record);
        assert_eq!(
            text,
            "Server: smtp.gmail.com\nPort: 587\nSecurity: STARTTLS\nUsername: jane@gmail.com"
        );
        assert!(!text.contains("Password"));
    }
}
