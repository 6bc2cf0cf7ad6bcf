//! Step 3: create the app password at Google and paste it, checked as it is typed.

use super::{Env, Wizard, heading};
use crate::gui::fields;
use crate::gui::text::{T, tr, trf};
use egui::{Color32, RichText, Ui};
use smtp_setup::app_password::{AppPassword, AppPasswordError};
use smtp_setup::provider::APP_PASSWORDS_PAGE;

pub(super) fn parse(typed: &str) -> Result<AppPassword, AppPasswordError> {
    AppPassword::parse(typed)
}

impl Wizard {
    pub(super) fn show_app_password(&mut self, ui: &mut Ui, env: &mut Env) {
        heading(ui, T::AppPasswordHeading, None);
        ui.label(tr(T::AppPasswordSteps));
        ui.add_space(8.0);
        env.links.button(ui, &APP_PASSWORDS_PAGE);
        ui.add_space(10.0);

        let label = ui.label(RichText::new(tr(T::AppPasswordLabel)).strong());
        ui.horizontal(|ui| {
            fields::app_password(
                ui,
                label.id,
                &mut self.password,
                &mut self.show_password,
                260.0,
            );
        });
        if !self.password.is_empty() {
            match parse(&self.password) {
                Ok(_) => {
                    ui.colored_label(
                        Color32::from_rgb(0x1e, 0x8e, 0x3e),
                        tr(T::AppPasswordLooksRight),
                    );
                }
                Err(error) => {
                    if let AppPasswordError::WrongLength { found } = error {
                        ui.label(trf(T::LettersCounted, &[("n", &found.to_string())]));
                    }
                    ui.colored_label(ui.visuals().error_fg_color, error.to_string());
                }
            }
        }

        ui.add_space(10.0);
        egui::CollapsingHeader::new(tr(T::NotAvailableHelp))
            .id_salt("not-available-help")
            .show(ui, |ui| ui.label(tr(T::NotAvailableReasons)));
    }
}
