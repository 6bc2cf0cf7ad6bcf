//! One account card: its status chip, its two everyday actions (Check, Send test…) with the
//! rest in a "⋯" menu, an inline panel for what needs input or a confirmation, and one result
//! area, labelled with its action and time and cleared when the next action starts. The chip
//! and the result always agree: both come from the newest outcome. Drawing returns what was
//! clicked (`RowAction`); `act` starts it and `poll` takes in its result.

use crate::gui::Env;
use crate::gui::clipboard::{SETTLED_NOTE_FOR, SecretOnClipboard};
use crate::gui::diagnosis_view::{self, Chosen, Offer, Recheck};
use crate::gui::fields;
use crate::gui::style::{self, GAP, Tone};
use crate::gui::task::{Failure, Polled, Task};
use crate::gui::text::{T, tr, trf};
use crate::gui::timeline::Timeline;
use egui::{RichText, Ui};
use smtp_setup::accounts::{AccountRecord, AuthMethod, NewSecret, TestOutcome, Verification};
use smtp_setup::address::EmailAddress;
use smtp_setup::app_password::AppPassword;
use smtp_setup::diagnosis::{Cause, Diagnosis, FixTarget};
use smtp_setup::keychain::KeychainError;
use smtp_setup::provider::APP_PASSWORDS_PAGE;
use smtp_setup::secret::Secret;
use smtp_setup::smtp::{Reply, Route, TestSend};
use smtp_setup::when;
use std::time::SystemTime;
use zeroize::Zeroizing;

/// The inline panel under the actions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Panel {
    #[default]
    Closed,
    Send,
    Replace,
    ConfirmRemove,
    ConfirmReveal,
}

/// Which action the result area is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Check,
    Send,
    Replace,
    Other,
}

/// What a finished action did.
pub enum Outcome {
    Checked {
        route: Route,
    },
    Sent {
        to: String,
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

/// What was clicked on a card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowAction {
    Open(Panel),
    Close,
    Check,
    Send(EmailAddress),
    Replace,
    Remove,
    SetDefault,
    CopySettings,
    Reveal,
    Cancel,
    /// Sign in with Google again (in the wizard).
    Reauthorize,
    /// The account's settings for an app (its own page).
    UseInApp,
    /// Start the relay, or stop it when it runs.
    ToggleRelay,
    CopyRelayPassword,
}

/// What a card tells its screen after taking in a result.
pub enum RowEvent {
    /// The index changed (a result recorded, a secret replaced, the default moved).
    Changed,
    Removed(AuthMethod),
}

#[derive(Default)]
pub struct RowState {
    panel: Panel,
    task: Task<Outcome, Timeline>,
    /// The action the result area is about, and when it started.
    last: Option<(Kind, SystemTime)>,
    recipient: String,
    /// A replacement app password as typed; zeroized when replaced or dropped, kept when
    /// Gmail refuses it (to be corrected), emptied once it is saved.
    password: Zeroizing<String>,
    show_password: bool,
    /// The digest of the replacement Gmail refused last, so the field says so while it
    /// still holds that one.
    refused: Option<fields::Refused>,
    /// The replacement field takes the focus on the next frame (the panel just opened).
    focus_field: bool,
    /// The refused replacement is selected on the next frame, to be pasted over.
    select_refused: bool,
    /// The secret copied with "Copy with password…", until it is off the clipboard.
    clip: Option<SecretOnClipboard>,
    /// The account's local relay, while it runs.
    relay: super::relay::RelayTask,
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
            match clip.settled_for() {
                Some(shown) if shown >= SETTLED_NOTE_FOR => self.clip = None,
                // Woken again when it is time to take the note away, idle or not.
                Some(shown) => ctx.request_repaint_after(SETTLED_NOTE_FOR - shown),
                None => {}
            }
        }
        // The relay's events are taken in whatever else happens.
        let _ = self.relay.poll();
        match self.task.poll() {
            Polled::Nothing => return None,
            // The engine recorded the run as cancelled once its work was gone.
            Polled::CancelEnded => return Some(RowEvent::Changed),
            Polled::Finished => {}
        }
        if let (
            Task::Finished {
                result: Err(failure),
                ..
            },
            Some((Kind::Replace, _)),
        ) = (&self.task, self.last)
            && failure.diagnosis.as_ref().map(|d| d.cause) == Some(Cause::BadCredentials)
        {
            self.refused = Some(fields::Refused::of(&self.password));
            // What is pasted next replaces the refused password, as in the wizard.
            self.select_refused = true;
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
                Outcome::Replaced => {
                    self.panel = Panel::Closed;
                    self.password = Zeroizing::new(String::new());
                    self.refused = None;
                }
                _ => {}
            }
        }
        Some(RowEvent::Changed)
    }

    /// Draws the card; returns what was clicked.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        env: &mut Env,
        record: &AccountRecord,
        is_default: bool,
        keychain: Option<&KeychainError>,
    ) -> Option<RowAction> {
        style::card(ui, |ui| {
            self.header(ui, record, is_default);
            if let Some(KeychainError::Missing { .. }) = keychain {
                ui.colored_label(Tone::Warning.color(ui), tr(T::SecretMissing));
            }
            ui.add_space(GAP / 2.0);
            let chosen = [
                self.actions(ui, record, is_default),
                super::relay::show(ui, &self.relay, record).then_some(RowAction::ToggleRelay),
                self.panel(ui, env, record),
                self.result(ui, env, record),
            ];
            if let Some(clip) = self.clip.as_ref().filter(|_| self.panel == Panel::Closed) {
                ui.label(RichText::new(clip.note()).weak());
            }
            chosen.into_iter().flatten().last()
        })
    }

    /// Starts what was clicked. Anything that starts an action, or opens a panel for one,
    /// clears the result area first: it only ever shows the newest action.
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
                self.clear_result();
                self.focus_field = panel == Panel::Replace;
                // A new panel starts masked, whatever the last one showed.
                self.show_password = false;
                self.panel = panel;
            }
            RowAction::Close => {
                // Cancelling a panel also clears what its action said (a refused new
                // password's diagnosis is not about the account).
                self.panel = Panel::Closed;
                self.password = Zeroizing::new(String::new());
                self.refused = None;
                self.clear_result();
            }
            RowAction::Check => {
                self.panel = Panel::Closed;
                self.start(Kind::Check);
                self.start_check(env, ctx, record, None);
            }
            RowAction::Send(to) => {
                self.start(Kind::Send);
                self.start_check(env, ctx, record, Some(to));
            }
            RowAction::Replace => {
                if let Ok(password) = AppPassword::parse(&self.password) {
                    self.start(Kind::Replace);
                    self.start_replace(env, ctx, record, password);
                }
            }
            RowAction::Remove => {
                self.start(Kind::Other);
                self.start_remove(env, ctx, record);
            }
            RowAction::SetDefault => {
                self.start(Kind::Other);
                self.start_set_default(env, ctx, record);
            }
            RowAction::CopySettings => {
                ctx.copy_text(super::settings_text(record));
                let now = ctx.input(|i| i.time);
                ctx.data_mut(|d| d.insert_temp(copied_id(record), now));
            }
            RowAction::Reveal => {
                self.panel = Panel::Closed;
                self.start(Kind::Other);
                self.start_reveal(env, ctx, record);
            }
            RowAction::Cancel => self.task.cancel(),
            RowAction::ToggleRelay => {
                if self.relay.is_running() {
                    self.relay.cancel();
                    self.relay = Task::Idle;
                } else {
                    self.relay = super::relay::start(env, ctx, record);
                }
            }
            RowAction::CopyRelayPassword => {
                self.start(Kind::Other);
                let (store, record) = (env.config.store.clone(), record.clone());
                self.task = Task::start(&env.worker, ctx, move |_| async move {
                    store
                        .relay_password(&record)
                        .await
                        .map(Outcome::Revealed)
                        .map_err(|e| Failure::local(T::KeychainRead, e))
                });
            }
            RowAction::Reauthorize | RowAction::UseInApp => {}
        }
    }

    fn clear_result(&mut self) {
        if !self.task.is_running() {
            self.task = Task::Idle;
            self.last = None;
        }
    }

    fn start(&mut self, kind: Kind) {
        self.last = Some((kind, SystemTime::now()));
    }

    /// The newest outcome of a check or test send: this session's, while the index has not
    /// been read again, else the recorded one. The chip and the result area both show it.
    fn newest(&self, record: &AccountRecord) -> Option<(TestOutcome, Option<Cause>, SystemTime)> {
        let recorded = record
            .last_test
            .as_ref()
            .map(|t| (t.outcome, t.cause, t.time));
        let ours = match (&self.task, self.last) {
            (Task::Finished { result, .. }, Some((Kind::Check | Kind::Send, at))) => {
                Some(match result {
                    Ok(_) => (TestOutcome::Ok, None, at),
                    Err(failure) => (
                        TestOutcome::Failed,
                        Some(
                            failure
                                .diagnosis
                                .as_ref()
                                .map_or(Cause::Unknown, |d| d.cause),
                        ),
                        at,
                    ),
                })
            }
            (Task::Cancelled { .. }, Some((Kind::Check | Kind::Send, at))) => {
                Some((TestOutcome::Cancelled, None, at))
            }
            _ => None,
        };
        match (ours, recorded) {
            (Some(ours), Some(recorded)) if recorded.2 >= ours.2 => Some(recorded),
            (Some(ours), _) => Some(ours),
            (None, recorded) => recorded,
        }
    }

    fn header(&self, ui: &mut Ui, record: &AccountRecord, is_default: bool) {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(record.address.as_str()).strong().size(16.0));
            if is_default {
                style::chip(ui, Tone::Neutral, tr(T::DefaultMarker));
            }
            // A sign-in whose OAuth client is in Testing ends after 7 days: said on the card,
            // in warning colours from a day before.
            if let Some(left) = record.sign_in_left(SystemTime::now()) {
                let tone = if left.as_secs() < 24 * 3600 {
                    Tone::Warning
                } else {
                    Tone::Neutral
                };
                style::chip(
                    ui,
                    tone,
                    &trf(T::SignInEnds, &[("left", &when::left(left))]),
                )
                .on_hover_text(tr(T::SignInEndsWhy));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                self.chip(ui, record);
            });
        });
        let now = SystemTime::now();
        let checked = match record.last_test.as_ref().map(|t| t.time) {
            Some(time) => trf(T::CheckedAgo, &[("when", &when::ago(time, now))]),
            None => tr(T::NotCheckedYet).to_string(),
        };
        ui.label(
            RichText::new(format!(
                "{} · {}:{} ({}) · {checked}",
                tr(match record.auth {
                    AuthMethod::AppPassword => T::MethodShortAppPassword,
                    AuthMethod::OAuth => T::MethodShortOAuth,
                }),
                record.server,
                record.port,
                record.tls
            ))
            .weak(),
        );
    }

    fn chip(&self, ui: &mut Ui, record: &AccountRecord) {
        if self.task.is_running() {
            ui.spinner();
            style::chip(ui, Tone::Neutral, tr(T::ChipChecking));
            return;
        }
        let (tone, text, time) = match self.newest(record) {
            None => (Tone::Neutral, T::ChipNotChecked, None),
            Some((TestOutcome::Ok, _, time)) => (Tone::Success, T::ChipWorking, Some(time)),
            Some((TestOutcome::Failed, _, time)) => (Tone::Error, T::ChipFailing, Some(time)),
            Some((TestOutcome::Cancelled, _, time)) => {
                (Tone::Neutral, T::ChipCancelled, Some(time))
            }
        };
        let chip = style::chip(ui, tone, tr(text));
        if let Some(time) = time {
            chip.on_hover_text(when::exact(time));
        }
    }

    fn actions(&self, ui: &mut Ui, record: &AccountRecord, is_default: bool) -> Option<RowAction> {
        let idle = !self.task.is_running();
        let mut action = None;
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(idle, egui::Button::new(tr(T::CheckAction)))
                .clicked()
            {
                action = Some(RowAction::Check);
            }
            if ui
                .add_enabled(idle, egui::Button::new(tr(T::SendTestAction)))
                .clicked()
            {
                action = Some(RowAction::Open(Panel::Send));
            }
            if ui
                .add_enabled(idle, egui::Button::new(tr(T::UseInAppAction)))
                .clicked()
            {
                action = Some(RowAction::UseInApp);
            }
            ui.add_enabled_ui(idle, |ui| {
                ui.menu_button(tr(T::MoreActions), |ui| {
                    let secret = match record.auth {
                        AuthMethod::AppPassword => {
                            (T::ReplaceAction, RowAction::Open(Panel::Replace))
                        }
                        AuthMethod::OAuth => (T::ReauthorizeAction, RowAction::Reauthorize),
                    };
                    let mut items = vec![secret];
                    if !is_default {
                        items.push((T::SetDefault, RowAction::SetDefault));
                    }
                    items.push((T::CopySettings, RowAction::CopySettings));
                    items.push((T::CopyWithPassword, RowAction::Open(Panel::ConfirmReveal)));
                    items.push((T::CopyRelayPassword, RowAction::CopyRelayPassword));
                    for (label, chosen) in items {
                        if ui.button(tr(label)).clicked() {
                            action = Some(chosen);
                        }
                    }
                    ui.separator();
                    if style::danger_button(ui, tr(T::RemoveAction)).clicked() {
                        action = Some(RowAction::Open(Panel::ConfirmRemove));
                    }
                    // Closed by any choice, however it was made (a keyboard or screen reader
                    // "click" too).
                    if action.is_some() {
                        ui.close();
                    }
                });
            });
            let now = ui.input(|i| i.time);
            style::copied_note(ui, copied_id(record), now);
        });
        action
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
                ui.horizontal_wrapped(|ui| {
                    let field = ui
                        .add(egui::TextEdit::singleline(&mut self.recipient).desired_width(300.0))
                        .labelled_by(label.id);
                    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if (ui
                        .add_enabled(to.is_ok(), egui::Button::new(tr(T::SendTest)))
                        .clicked()
                        || enter)
                        && let Ok(to) = &to
                    {
                        action = Some(RowAction::Send(to.clone()));
                    }
                    // Nothing is left to cancel once a message went.
                    let sent = self.last.is_some_and(|(kind, _)| kind == Kind::Send)
                        && self.task.succeeded().is_some();
                    let close = if sent { T::Close } else { T::Cancel };
                    if ui.button(tr(close)).clicked() {
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
                    if style::danger_button(ui, tr(T::RemoveConfirmed)).clicked() {
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

    /// The same field as the wizard's: masked, with Show, a letter count, kept on failure.
    fn replace_panel(&mut self, ui: &mut Ui, env: &mut Env) -> Option<RowAction> {
        ui.add_space(GAP / 2.0);
        ui.label(tr(T::ReplaceIntro));
        style::page_button(ui, env, &APP_PASSWORDS_PAGE);
        let label = ui.label(RichText::new(tr(T::NewAppPasswordLabel)).strong());
        let parsed = AppPassword::parse(&self.password);
        let mut action = None;
        ui.horizontal_wrapped(|ui| {
            let field = fields::app_password(
                ui,
                label.id,
                &mut self.password,
                &mut self.show_password,
                220.0,
            );
            // Opened to paste a new password: the field is ready for it.
            if self.select_refused {
                self.select_refused = false;
                fields::select_all(ui, &field, self.password.chars().count());
            } else if self.focus_field {
                self.focus_field = false;
                field.request_focus();
            }
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
        fields::app_password_status(ui, &self.password, self.refused.as_ref());
        action
    }

    /// The one result area: the newest action, labelled with what and when.
    fn result(&self, ui: &mut Ui, env: &mut Env, record: &AccountRecord) -> Option<RowAction> {
        let now = SystemTime::now();
        let Some((kind, at)) = self.last else {
            // The Replace panel is the fix the recorded failure leads to: not both at once.
            if self.panel == Panel::Replace {
                return None;
            }
            return self.recorded_failure(ui, env, record, now);
        };
        let label = match kind {
            Kind::Check => T::ResultCheck,
            Kind::Send => T::ResultSend,
            Kind::Replace => T::ResultReplace,
            Kind::Other => return self.other_result(ui),
        };
        let mut action = None;
        ui.add_space(GAP / 2.0);
        ui.label(RichText::new(trf(label, &[("when", &when::ago(at, now))])).weak());
        let mut used = None;
        let mut note = None;
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
                Outcome::Checked { route } => {
                    style::status(ui, Tone::Success, tr(T::CheckOk));
                    used = Some(route);
                }
                Outcome::Sent {
                    to,
                    reply,
                    elapsed_ms,
                } => {
                    let time = when::took(*elapsed_ms);
                    style::status(
                        ui,
                        Tone::Success,
                        &trf(T::SendOk, &[("to", to), ("time", &time)]),
                    );
                    note = Some(trf(T::SendReply, &[("reply", &reply.to_string())]));
                }
                Outcome::Replaced => style::status(ui, Tone::Success, tr(T::ReplacedOk)),
                _ => {}
            },
            Task::Finished {
                result: Err(failure),
                ..
            } => {
                if kind == Kind::Replace {
                    style::status(ui, Tone::Neutral, tr(T::OldPasswordKept));
                    action = self.show_replace_failure(ui, env, failure, record);
                } else {
                    action = show_failure(ui, env, failure, record);
                }
            }
            Task::Cancelled { .. } => style::status(ui, Tone::Neutral, tr(T::ActionCancelled)),
            Task::Idle => {}
        }
        if let Some(timeline) = self.task.progress() {
            timeline.details(ui, "row-details", note.as_deref(), used);
        }
        action
    }

    /// Remove, make default, copy with password: only a failure is worth a line.
    fn other_result(&self, ui: &mut Ui) -> Option<RowAction> {
        if let Some(failure) = self.task.failure() {
            let message = smtp_setup::untrusted::inert(&failure.message);
            ui.colored_label(Tone::Error.color(ui), message.as_ref());
        }
        None
    }

    /// With nothing newer on screen, a recorded failure: what it was, and how to fix it.
    fn recorded_failure(
        &self,
        ui: &mut Ui,
        env: &mut Env,
        record: &AccountRecord,
        now: SystemTime,
    ) -> Option<RowAction> {
        let test = record.last_test.as_ref()?;
        if test.outcome != TestOutcome::Failed {
            return None;
        }
        let cause = test.cause.unwrap_or(Cause::Unknown);
        let diagnosis = Diagnosis::for_cause_of(cause, &record.address);
        ui.add_space(GAP / 2.0);
        ui.label(RichText::new(trf(T::ResultLast, &[("when", &when::ago(test.time, now))])).weak());
        style::status(
            ui,
            Tone::Error,
            &trf(T::LastCheckFailed, &[("title", &diagnosis.title)]),
        );
        egui::CollapsingHeader::new(tr(T::DiagnosisSteps))
            .id_salt("why-failing")
            .show(ui, |ui| show_diagnosis(ui, env, &diagnosis, record))
            .body_returned
            .flatten()
    }

    /// A refused replacement: when the saved password still works, only the new one can be
    /// wrong, and the advice says just that. The fix is right here, in the panel above.
    fn show_replace_failure(
        &self,
        ui: &mut Ui,
        env: &mut Env,
        failure: &Failure,
        record: &AccountRecord,
    ) -> Option<RowAction> {
        let Some(diagnosis) = &failure.diagnosis else {
            let message = smtp_setup::untrusted::inert(&failure.message);
            ui.colored_label(Tone::Error.color(ui), message.as_ref());
            return None;
        };
        let saved_works = matches!(self.newest(record), Some((TestOutcome::Ok, _, _)));
        let narrowed;
        let diagnosis = if diagnosis.cause == Cause::BadCredentials && saved_works {
            narrowed = Diagnosis::refused_replacement(&record.address, diagnosis.evidence.clone());
            &narrowed
        } else {
            diagnosis
        };
        let offer = Offer {
            recheck: Recheck::Hidden,
            go_to: None,
        };
        diagnosis_view::show(ui, env, diagnosis, offer);
        None
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
            match (&checked.outcome, send) {
                (Ok(success), Some(send)) => Ok(Outcome::Sent {
                    to: send.to.to_string(),
                    reply: success
                        .send_reply
                        .clone()
                        .unwrap_or_else(|| success.auth_reply.clone()),
                    elapsed_ms: checked.elapsed_ms,
                }),
                (Ok(success), None) => Ok(Outcome::Checked {
                    route: success.route.clone(),
                }),
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

/// Where the "Copied" confirmation of a card's settings is remembered.
fn copied_id(record: &AccountRecord) -> egui::Id {
    egui::Id::unique(("copied-settings", record.address.as_str()))
}

/// A failure on a card: its diagnosis with the card's own way to the fix, or its message.
fn show_failure(
    ui: &mut Ui,
    env: &mut Env,
    failure: &Failure,
    record: &AccountRecord,
) -> Option<RowAction> {
    match &failure.diagnosis {
        Some(diagnosis) => show_diagnosis(ui, env, diagnosis, record),
        None => {
            let message = smtp_setup::untrusted::inert(&failure.message);
            ui.colored_label(Tone::Error.color(ui), message.as_ref());
            None
        }
    }
}

/// A diagnosis on a card. When the fix is a new secret, the card leads to where it is
/// entered (Replace app password…, Sign in again…) instead of a re-check of the stored one,
/// which would only fail again; otherwise the last step is "Check again".
fn show_diagnosis(
    ui: &mut Ui,
    env: &mut Env,
    diagnosis: &Diagnosis,
    record: &AccountRecord,
) -> Option<RowAction> {
    let fix = match (diagnosis.target, record.auth) {
        (Some(FixTarget::Credential), AuthMethod::AppPassword) => {
            Some((T::ReplaceAction, RowAction::Open(Panel::Replace)))
        }
        (Some(FixTarget::Credential | FixTarget::SignIn), AuthMethod::OAuth) => {
            Some((T::ReauthorizeAction, RowAction::Reauthorize))
        }
        _ => None,
    };
    let offer = Offer {
        recheck: if fix.is_some() {
            Recheck::Hidden
        } else {
            Recheck::Button(T::CheckAgain)
        },
        go_to: fix.as_ref().map(|(label, _)| tr(*label).to_string()),
    };
    match diagnosis_view::show(ui, env, diagnosis, offer)? {
        Chosen::Recheck => Some(RowAction::Check),
        Chosen::GoTo(_) => fix.map(|(_, action)| action),
    }
}
