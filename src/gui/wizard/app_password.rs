//! Step 3 for an app password: create it at Google and paste it, checked as it is typed.

use super::draft::SetupDraft;
use super::{Action, heading};
use crate::gui::Env;
use crate::gui::fields;
use crate::gui::style::{self, GAP, SECTION, Tone};
use crate::gui::text::{T, tr, trf};
use egui::{RichText, Ui};
use smtp_setup::app_password::AppPasswordError;
use smtp_setup::provider::APP_PASSWORDS_PAGE;

#[derive(Default)]
pub struct AppPasswordPage {
    shown: bool,
}

impl AppPasswordPage {
    pub fn ui(&mut self, ui: &mut Ui, env: &mut Env, draft: &mut SetupDraft) -> Option<Action> {
        heading(ui, T::AppPasswordHeading, None);
        ui.label(tr(T::AppPasswordSteps));
        ui.add_space(GAP);
        style::page_button(ui, env, &APP_PASSWORDS_PAGE);
        ui.add_space(SECTION);

        let label = ui.label(RichText::new(tr(T::AppPasswordLabel)).strong());
        ui.horizontal(|ui| {
            fields::app_password(ui, label.id, &mut draft.password, &mut self.shown, 260.0);
        });
        if !draft.password.is_empty() {
            match draft.app_password() {
                Ok(_) => style::status(ui, Tone::Success, tr(T::AppPasswordLooksRight)),
                Err(error) => {
                    if let AppPasswordError::WrongLength { found } = error {
                        ui.label(trf(T::LettersCounted, &[("n", &found.to_string())]));
                    }
                    ui.colored_label(Tone::Error.color(ui), error.to_string());
                }
            }
        }

        ui.add_space(SECTION);
        egui::CollapsingHeader::new(tr(T::NotAvailableHelp))
            .id_salt("not-available-help")
            .show(ui, |ui| ui.label(tr(T::NotAvailableReasons)));
        None
    }
}
