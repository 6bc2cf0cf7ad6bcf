//! Step 3 for an app password: create it at Google and paste it, checked as it is typed.

use super::draft::SetupDraft;
use super::{Action, heading};
use crate::gui::Env;
use crate::gui::fields;
use crate::gui::style::{self, GAP, SECTION};
use crate::gui::text::{T, tr};
use egui::{RichText, Ui};
use smtp_setup::provider::APP_PASSWORDS_PAGE;

#[derive(Default)]
pub struct AppPasswordPage {
    shown: bool,
    /// The field was focused on arrival (with a refused password selected, to be replaced).
    focused: bool,
}

impl AppPasswordPage {
    pub fn ui(&mut self, ui: &mut Ui, env: &mut Env, draft: &mut SetupDraft) -> Option<Action> {
        heading(ui, T::AppPasswordHeading, None);
        ui.label(tr(T::AppPasswordSteps));
        ui.add_space(GAP);
        style::page_button(ui, env, &APP_PASSWORDS_PAGE);
        ui.add_space(SECTION);

        let label = ui.label(RichText::new(tr(T::AppPasswordLabel)).strong());
        let field = ui
            .horizontal(|ui| {
                fields::app_password(ui, label.id, &mut draft.password, &mut self.shown, 260.0)
            })
            .inner;
        if !self.focused {
            self.focused = true;
            // Back here after Gmail refused it: what is pasted next replaces it.
            if draft
                .refused
                .as_ref()
                .is_some_and(|r| r.is(&draft.password))
            {
                fields::select_all(ui, &field, draft.password.chars().count());
            } else {
                field.request_focus();
            }
        }
        fields::app_password_status(ui, &draft.password, draft.refused.as_ref());

        ui.add_space(SECTION);
        egui::CollapsingHeader::new(tr(T::NotAvailableHelp))
            .id_salt("not-available-help")
            .show(ui, |ui| ui.label(tr(T::NotAvailableReasons)));
        None
    }
}
