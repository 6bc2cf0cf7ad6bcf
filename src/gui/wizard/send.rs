//! Step 5: a test message through Gmail, with the same live timeline, to the final
//! `250 2.0.0 OK`. The secret comes from the keychain, which proves it was stored.

use super::{Env, Sent, Wizard, heading};
use crate::gui::task::{Failure, Task, check_stored, record_route};
use crate::gui::text::{T, tr, trf};
use egui::{Color32, RichText, Ui};
use smtp_setup::address::EmailAddress;
use smtp_setup::diagnosis::SetupStep;
use smtp_setup::smtp::TestSend;

impl Wizard {
    fn start_send(&mut self, env: &mut Env, ctx: &egui::Context) {
        let (Some(record), Ok(to)) = (self.stored(env), EmailAddress::parse(&self.recipient))
        else {
            return;
        };
        let options = match env.config.options_for(&record_route(&record)) {
            Ok(options) => options,
            Err(error) => {
                return self.send = Task::failed(Failure::local(T::SettingsProblem, error));
            }
        };
        let store = env.config.store.clone();
        let job = env.worker.spawn(ctx, move |sink| async move {
            let send = TestSend { to, subject: None };
            let report = check_stored(store, record, options, Some(send), sink).await?;
            match report
                .outcome
                .as_ref()
                .ok()
                .and_then(|s| s.send_reply.clone())
            {
                Some(reply) => Ok(Sent {
                    reply,
                    elapsed_ms: report.elapsed_ms,
                }),
                None => Err(Failure::from_report(&report)),
            }
        });
        self.send = Task::running(job);
    }

    pub(super) fn show_send(&mut self, ui: &mut Ui, env: &mut Env) {
        heading(ui, T::TestHeading, Some(tr(T::TestIntro)));
        let label = ui.label(RichText::new(tr(T::RecipientLabel)).strong());
        ui.add_enabled(
            !self.send.is_running(),
            egui::TextEdit::singleline(&mut self.recipient).desired_width(360.0),
        )
        .labelled_by(label.id);
        let recipient = EmailAddress::parse(&self.recipient);
        if let Err(error) = &recipient {
            ui.colored_label(ui.visuals().error_fg_color, error.to_string());
        }

        let mut start = false;
        let mut cancel = false;
        let mut go_to = None;
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if self.send.is_running() {
                ui.spinner();
                cancel = ui.button(tr(T::Cancel)).clicked();
            } else {
                let label = if matches!(self.send, Task::Idle) {
                    T::SendTest
                } else {
                    T::SendAgain
                };
                start = ui
                    .add_enabled(recipient.is_ok(), egui::Button::new(tr(label)))
                    .clicked();
            }
        });
        match &self.send {
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
                ui.colored_label(
                    Color32::from_rgb(0x1e, 0x8e, 0x3e),
                    RichText::new(text).strong(),
                );
            }
            Task::Finished {
                result: Err(failure),
                ..
            } => {
                go_to = failure.show(ui, env, Some(SetupStep::TestMessage));
            }
            Task::Cancelled { .. } => {
                ui.label(tr(T::VerifyCancelled));
            }
            _ => {}
        }
        if let Some(timeline) = self.send.timeline() {
            timeline.show(ui);
        }
        if cancel {
            self.send.cancel();
        }
        if start {
            self.start_send(env, ui.ctx());
        }
        if let Some(step) = go_to {
            self.go_to(step, env, ui.ctx());
        }
    }
}
