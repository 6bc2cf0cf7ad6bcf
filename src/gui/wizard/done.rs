//! Step 6: the settings to put in an app, with copy buttons.

use super::draft::SetupDraft;
use super::{Action, heading};
use crate::gui::Env;
use crate::gui::accounts::{settings_rows, settings_text};
use crate::gui::style::{self, GAP, SECTION};
use crate::gui::text::{T, tr, trf};
use egui::{RichText, Ui};
use smtp_setup::accounts::AuthMethod;

pub fn ui(ui: &mut Ui, env: &mut Env, draft: &SetupDraft) -> Option<Action> {
    heading(ui, T::DoneHeading, Some(tr(T::DoneIntro)));
    let record = draft.stored(env)?;
    let password_where = match record.auth {
        AuthMethod::AppPassword => T::PasswordWhere,
        AuthMethod::OAuth => T::PasswordWhereOAuth,
    };
    let password = trf(
        password_where,
        &[("service", env.config.store.keychain.service())],
    );
    egui::Grid::new("settings")
        .num_columns(2)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            for (name, value) in settings_rows(&record) {
                ui.label(RichText::new(tr(name)).strong());
                ui.horizontal(|ui| style::copyable(ui, &value));
                ui.end_row();
            }
            ui.label(RichText::new(tr(T::SettingPassword)).strong());
            ui.label(password);
            ui.end_row();
        });
    ui.add_space(GAP);
    style::copy_button(ui, tr(T::CopyAll), &settings_text(&record));
    ui.add_space(SECTION);
    // The next step for most: these settings written for the app's own stack.
    ui.label(tr(T::UseInAppOffer));
    let mut action = None;
    let mut pressed = None;
    ui.horizontal_wrapped(|ui| {
        if ui.button(tr(T::UseInAppAction)).clicked() {
            action = Some(Action::UseInApp);
        }
        if ui.button(tr(T::SetUpAnother)).clicked() {
            pressed = Some(Action::Restart);
        }
    });
    ui.add_space(SECTION);
    style::server_check(ui, &record);
    action.or(pressed)
}
