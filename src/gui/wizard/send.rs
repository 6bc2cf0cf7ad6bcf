//! Step 5: a test message through Gmail, with the same live timeline, to the final
//! `250 2.0.0 OK`. The secret comes from the keychain, which proves it was stored.

use super::draft::SetupDraft;
use super::flow::Step;
use super::{Action, heading, show_failure};
use crate::gui::Env;
use crate::gui::style::{self, GAP, Tone};
use crate::gui::task::{Failure, Polled, Task};
use crate::gui::text::{T, tr, trf};
use crate::gui::timeline::Timeline;
use egui::{RichText, Ui};
use smtp_setup::address::EmailAddress;
use smtp_setup::smtp::{Reply, TestSend};

pub struct Sent {
    pub to: String,
    pub reply: Reply,
    pub elapsed_ms: u64,
}

#[derive(Default)]
pub struct SendPage {
    task: Task<Sent, Timeline>,
}

impl SendPage {
    /// The page; the recipient is the account itself unless one was typed before.
    pub fn new(draft: &mut SetupDraft) -> SendPage {
        if draft.recipient.trim().is_empty() {
            draft.recipient = draft.address.trim().to_string();
        }
        SendPage::default()
    }

    pub fn busy(&self) -> bool {
        self.task.is_running()
    }

    pub fn sent(&self) -> bool {
        self.task.succeeded().is_some()
    }

    pub fn failure(&self) -> Option<&Failure> {
        self.task.failure()
    }

    pub fn cancel(&mut self) {
        self.task.cancel();
    }

    /// A finished send changed the account's last result: the list is read again.
    pub fn poll(&mut self, env: &mut Env, ctx: &egui::Context) -> Option<Action> {
        if self.task.poll() != Polled::Nothing {
            env.reload_accounts(ctx);
        }
        None
    }

    /// Sends the test message with the stored account.
    pub fn start(&mut self, env: &Env, ctx: &egui::Context, draft: &SetupDraft) {
        let (Some(record), Ok(to)) = (draft.stored(env), EmailAddress::parse(&draft.recipient))
        else {
            return;
        };
        let (store, connect) = (env.config.store.clone(), env.config.connect.clone());
        self.task = Task::start(&env.worker, ctx, move |report| async move {
            let options = connect
                .options(Some(&record.route()))
                .map_err(|e| Failure::local(T::SettingsProblem, e))?;
            let user = record.address.clone();
            let recipient = to.to_string();
            let send = TestSend { to, subject: None };
            let checked = store
                .check_account(&record, &options, Some(&send), report.sink())
                .await
                .map_err(|e| Failure::from_account(e, &user))?;
            match checked
                .outcome
                .as_ref()
                .ok()
                .and_then(|s| s.send_reply.clone())
            {
                Some(reply) => Ok(Sent {
                    to: recipient,
                    reply,
                    elapsed_ms: checked.elapsed_ms,
                }),
                None => Err(Failure::from_report(&checked, &user)),
            }
        });
    }

    /// Whether a send was tried (the primary action then reads "Send again").
    pub fn tried(&self) -> bool {
        !matches!(self.task, Task::Idle)
    }

    pub fn ui(&mut self, ui: &mut Ui, env: &mut Env, draft: &mut SetupDraft) -> Option<Action> {
        heading(ui, T::TestHeading, Some(tr(T::TestIntro)));
        let label = ui.label(RichText::new(tr(T::RecipientLabel)).strong());
        let field = ui
            .add_enabled(
                !self.task.is_running(),
                egui::TextEdit::singleline(&mut draft.recipient).desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if let Err(error) = EmailAddress::parse(&draft.recipient)
            && !field.has_focus()
        {
            ui.colored_label(Tone::Error.color(ui), error.to_string());
        }

        let mut action = None;
        ui.add_space(GAP);
        let mut reply = None;
        match &self.task {
            Task::Running { .. } => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr(T::Sending));
                    if ui.button(tr(T::Cancel)).clicked() {
                        action = Some(Action::Cancel);
                    }
                });
            }
            Task::Finished {
                result: Ok(sent), ..
            } => {
                let time = smtp_setup::when::took(sent.elapsed_ms);
                let text = trf(T::SendOk, &[("to", &sent.to), ("time", &time)]);
                style::status(ui, Tone::Success, &text);
                reply = Some(trf(T::SendReply, &[("reply", &sent.reply.to_string())]));
                // A changed recipient is another test, not a change to the one sent.
                if let Ok(to) = EmailAddress::parse(&draft.recipient)
                    && to.as_str() != sent.to
                {
                    ui.add_space(GAP / 2.0);
                    if ui
                        .button(trf(T::SendAnother, &[("address", to.as_str())]))
                        .clicked()
                    {
                        action = Some(Action::Again);
                    }
                }
            }
            Task::Finished {
                result: Err(failure),
                ..
            } => {
                action = show_failure(ui, env, failure, Step::TestMessage, draft.method, None);
            }
            Task::Cancelled { .. } => style::status(ui, Tone::Neutral, tr(T::SendCancelled)),
            Task::Idle => {}
        }
        if let Some(timeline) = self.task.progress() {
            timeline.details(ui, "send-details", reply.as_deref(), None);
        }
        action
    }
}
