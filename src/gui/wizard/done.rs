//! Step 6: the settings to put in an app, with copy buttons.

use super::flow::Mode;
use super::{Env, Task, Wizard, heading};
use crate::gui::accounts::{settings_rows, settings_text};
use crate::gui::link::copyable;
use crate::gui::text::{T, tr, trf};
use egui::{RichText, Ui};
use smtp_setup::accounts::AuthMethod;
use smtp_setup::diagnosis::SetupStep;
use zeroize::Zeroizing;

impl Wizard {
    pub(super) fn show_done(&mut self, ui: &mut Ui, env: &mut Env) {
        heading(ui, T::DoneHeading, Some(tr(T::DoneIntro)));
        let Some(record) = self.stored(env) else {
            return;
        };
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
                    ui.horizontal(|ui| copyable(ui, &value));
                    ui.end_row();
                }
                ui.label(RichText::new(tr(T::SettingPassword)).strong());
                ui.label(password);
                ui.end_row();
            });
        ui.add_space(8.0);
        if ui.button(tr(T::CopyAll)).clicked() {
            ui.ctx().copy_text(settings_text(&record));
        }
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            if ui.button(tr(T::ManageAccounts)).clicked() {
                self.progress.clear();
                self.leave = true;
            }
            if ui.button(tr(T::SetUpAnother)).clicked() {
                self.restart(env, ui.ctx());
            }
        });
    }

    /// Back to step 1 with empty fields, for the next account.
    fn restart(&mut self, env: &mut Env, ctx: &egui::Context) {
        self.mode = Mode::New;
        self.address.clear();
        self.recipient.clear();
        self.password = Zeroizing::new(String::new());
        self.verify = Task::Idle;
        self.send = Task::Idle;
        self.grant = None;
        self.sign_in = super::oauth_sign_in::SignIn::Idle;
        self.progress.clear();
        self.go_to(SetupStep::Account, env, ctx);
    }
}
