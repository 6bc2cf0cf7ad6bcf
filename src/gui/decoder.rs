//! The error decoder: a person pastes what their app printed (a Django traceback, a .NET
//! SmtpException, a PHPMailer log) and sees the same diagnosis as `smtp-setup diagnose`,
//! with its page buttons and, when the text names a stored account, "Check this account".
//! The text is diagnosed on the worker as it changes, so a huge paste never stalls a frame.

use super::diagnosis_view::{self, Offer, Recheck};
use super::style::{self, GAP, SECTION};
use super::task::Task;
use super::text::{T, tr, trf};
use super::{Env, Nav};
use egui::{RichText, Ui};
use smtp_setup::address::EmailAddress;
use smtp_setup::diagnosis::{Diagnosis, Evidence, MAX_TEXT, diagnose_for, diagnosed_part};

#[derive(Default)]
pub struct DecoderPage {
    text: String,
    /// The text the current diagnosis is of.
    diagnosed: Option<String>,
    task: Task<Box<Diagnosis>>,
    /// A paste was cut to the part that is diagnosed.
    trimmed: bool,
}

impl DecoderPage {
    pub fn poll(&mut self, env: &Env, ctx: &egui::Context) {
        self.task.poll();
        let wanted = self.text.trim();
        if !self.task.is_running()
            && !wanted.is_empty()
            && self.diagnosed.as_deref() != Some(wanted)
        {
            let text = diagnosed_part(wanted).to_string();
            // A stored account the text names: the advice names it too.
            let user = env
                .accounts
                .accounts
                .iter()
                .find(|a| mentions(wanted, &a.address))
                .map(|a| a.address.clone());
            self.diagnosed = Some(wanted.to_string());
            self.task = Task::start(&env.worker, ctx, move |_| async move {
                Ok(Box::new(diagnose_for(Evidence::Text(&text), user.as_ref())))
            });
        }
        if wanted.is_empty() {
            self.diagnosed = None;
            self.task = Task::Idle;
        }
    }

    pub fn show(&mut self, ui: &mut Ui, env: &mut Env) -> Option<Nav> {
        let mut next = None;
        style::top_bar(ui, "decoder-header", |ui| {
            style::title(ui, tr(T::DecoderHeading));
        });
        style::bottom_bar(ui, "decoder-footer", |ui| {
            ui.horizontal(|ui| {
                let back = if env.accounts.accounts.is_empty() {
                    (T::ToSetup, Nav::Setup)
                } else {
                    (T::ToAccounts, Nav::Accounts)
                };
                if style::secondary_button(ui, tr(back.0), true).clicked() {
                    next = Some(back.1);
                }
                style::theme_switch(ui);
            });
        });
        style::scrolling_page(ui, "decoder", |ui| {
            ui.label(tr(T::DecoderIntro));
            ui.add_space(GAP / 2.0);
            let label = ui.label(RichText::new(tr(T::DecoderLabel)).strong());
            ui.add(
                egui::TextEdit::multiline(&mut self.text)
                    .hint_text(tr(T::DecoderHint))
                    .font(egui::TextStyle::Monospace)
                    .desired_rows(6)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            // A huge paste is cut to what is diagnosed, so the field never lays out
            // megabytes each frame.
            if self.text.len() > MAX_TEXT {
                self.text = diagnosed_part(&self.text).to_string();
                self.trimmed = true;
            }
            if self.trimmed {
                ui.label(RichText::new(tr(T::PasteTrimmed)).weak());
            }
            ui.add_space(SECTION);
            if let Some(chosen) = self.result(ui, env) {
                next = Some(chosen);
            }
            ui.add_space(SECTION);
        });
        next
    }

    fn result(&self, ui: &mut Ui, env: &mut Env) -> Option<Nav> {
        if self.task.is_running() {
            ui.spinner();
            return None;
        }
        let diagnosis = self.task.succeeded()?;
        diagnosis_view::show(
            ui,
            env,
            diagnosis,
            Offer {
                recheck: Recheck::Hidden,
                go_to: None,
            },
        );
        // The pasted text names an account stored here: check it with one click (when the
        // text said what went wrong at all).
        if diagnosis.cause == smtp_setup::diagnosis::Cause::Unknown {
            return None;
        }
        let Some(account) = env
            .accounts
            .accounts
            .iter()
            .find(|a| mentions(&self.text, &a.address))
        else {
            // An address not set up here yet: the wizard, starting from it.
            let address = address_in(&self.text)?;
            ui.add_space(GAP);
            let label = trf(T::SetUpThisAddress, &[("address", address.as_str())]);
            return style::primary_button(ui, &label, true)
                .clicked()
                .then_some(Nav::SetupFor(address));
        };
        ui.add_space(GAP);
        let label = trf(
            T::CheckThisAccount,
            &[("address", account.address.as_str())],
        );
        style::primary_button(ui, &label, true)
            .clicked()
            .then(|| Nav::Check(account.address.clone()))
    }
}

/// The first email address in `text` (a traceback's sender, a log's `user=`), if any.
fn address_in(text: &str) -> Option<EmailAddress> {
    text.split(|c: char| c.is_whitespace() || "'\"<>()[],;=".contains(c))
        .filter(|word| word.contains('@'))
        .find_map(|word| EmailAddress::parse(word.trim_end_matches('.')).ok())
}

fn mentions(text: &str, address: &EmailAddress) -> bool {
    text.to_lowercase()
        .contains(&address.as_str().to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_address_a_log_names() {
        let found = address_in("535 5.7.8 rejected (user='jane@gmail.com').").unwrap();
        assert_eq!(found.as_str(), "jane@gmail.com");
        assert!(address_in("no address @ all").is_none());
    }
}
