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
                    reply,
                    elapsed_ms: checked.elapsed_ms,
                }),
                None => Err(Failure::from_report(&checked, &user)),
            }
        });
    }

    pub fn ui(&mut self, ui: &mut Ui, env: &mut Env, draft: &mut SetupDraft) -> Option<Action> {
        heading(ui, T::TestHeading, Some(tr(T::TestIntro)));
        let label = ui.label(RichText::new(tr(T::RecipientLabel)).strong());
        ui.add_enabled(
            !self.task.is_running(),
            egui::TextEdit::singleline(&mut draft.recipient).desired_width(360.0),
        )
        .labelled_by(label.id);
        let recipient = EmailAddress::parse(&draft.recipient);
        if let Err(error) = &recipient {
            ui.colored_label(Tone::Error.color(ui), error.to_string());
        }

        let mut action = None;
        ui.add_space(GAP);
        ui.horizontal(|ui| {
            if self.task.is_running() {
                ui.spinner();
                if ui.button(tr(T::Cancel)).clicked() {
                    action = Some(Action::Cancel);
                }
            } else {
                let label = if matches!(self.task, Task::Idle) {
                    T::SendTest
                } else {
                    T::SendAgain
                };
                if ui
                    .add_enabled(recipient.is_ok(), egui::Button::new(tr(label)))
                    .clicked()
                {
                    action = Some(Action::Again);
                }
            }
        });
        match &self.task {
            Task::Finished {
                result: Ok(sent), ..
            } => {
                let text = trf(
                    T::SendOk,
                    &[
                        ("reply", &sent.reply.to_string()),
                        ("ms", &sent.elapsed_ms.to_string()),
                    ],
                );
                style::status(ui, Tone::Success, &text);
            }
            Task::Finished {
                result: Err(failure),
                ..
            } => {
                action = show_failure(ui, env, failure, Step::TestMessage, draft.method, None);
            }
            Task::Cancelled { .. } => {
                ui.label(tr(T::VerifyCancelled));
            }
            _ => {}
        }
        if let Some(timeline) = self.task.progress() {
            timeline.details(ui, "send-details", None);
        }
        action
    }
}
