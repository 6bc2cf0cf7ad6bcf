//! Step 1: the address (checked as typed, Gmail or Workspace) and the sign-in method. An
//! address that is already stored offers re-test or replace instead of a duplicate.

use super::flow::{self, Method, Mode};
use super::{Env, Wizard, heading};
use crate::gui::text::{T, tr, trf};
use egui::{RichText, Ui};
use smtp_setup::address::{AccountKind, EmailAddress};
use smtp_setup::when;
use std::time::SystemTime;

impl Wizard {
    pub(super) fn show_account(&mut self, ui: &mut Ui, env: &mut Env) {
        heading(ui, T::AccountHeading, Some(tr(T::AccountIntro)));
        let label = ui.label(RichText::new(tr(T::AddressLabel)).strong());
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut self.address)
                    .hint_text(tr(T::AddressHint))
                    .desired_width(360.0),
            )
            .labelled_by(label.id);
        // A first-time user can start typing at once.
        if self.address.is_empty() && ui.memory(|m| m.focused().is_none()) {
            field.request_focus();
        }
        if !self.address.trim().is_empty() {
            match EmailAddress::parse(&self.address) {
                Ok(user) => {
                    ui.label(user.kind().explanation());
                    if user.kind() == AccountKind::Workspace {
                        ui.label(RichText::new(tr(T::WorkspaceNoAppPasswords)).weak());
                    }
                }
                Err(error) => {
                    ui.colored_label(ui.visuals().error_fg_color, error.to_string());
                }
            }
        }

        ui.add_space(10.0);
        ui.label(RichText::new(tr(T::MethodLabel)).strong());
        ui.radio_value(
            &mut self.method,
            Method::AppPassword,
            tr(T::MethodAppPassword),
        );
        ui.label(RichText::new(tr(T::MethodAppPasswordNote)).weak());
        ui.radio_value(&mut self.method, Method::OAuth, tr(T::MethodOAuth));
        ui.label(RichText::new(tr(T::MethodOAuthNote)).weak());

        match self.stored(env) {
            Some(record) => {
                ui.add_space(10.0);
                let text = match record.last_verified {
                    Some(time) => trf(
                        T::AlreadyStored,
                        &[
                            ("address", &record.address),
                            ("when", &when::ago(time, SystemTime::now())),
                        ],
                    ),
                    None => trf(T::AlreadyStoredNever, &[("address", &record.address)]),
                };
                ui.label(RichText::new(text).strong());
                ui.horizontal(|ui| {
                    let mut choice = None;
                    if ui.button(tr(T::Retest)).clicked() {
                        choice = Some(Mode::Retest);
                    }
                    if ui.button(tr(T::ReplacePassword)).clicked() {
                        choice = Some(Mode::Replace);
                    }
                    if let Some(mode) = choice {
                        self.mode = mode;
                        self.go_to(flow::next(self.step, mode, self.method), env, ui.ctx());
                    }
                });
            }
            None => self.mode = Mode::New,
        }
    }
}
