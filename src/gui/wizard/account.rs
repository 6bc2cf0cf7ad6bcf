//! Step 1: the address (Gmail or Workspace) and the sign-in method. An address that is
//! already stored offers re-test or replace instead of a duplicate.

use super::draft::SetupDraft;
use super::flow::{Method, Mode};
use super::{Action, heading};
use crate::gui::Env;
use crate::gui::style::{GAP, SECTION, Tone};
use crate::gui::text::{T, tr, trf};
use egui::{RichText, Ui};
use smtp_setup::address::{AccountKind, EmailAddress};
use smtp_setup::when;
use std::time::SystemTime;

pub struct AccountPage;

impl AccountPage {
    pub fn ui(&mut self, ui: &mut Ui, env: &mut Env, draft: &mut SetupDraft) -> Option<Action> {
        heading(ui, T::AccountHeading, Some(tr(T::AccountIntro)));
        let label = ui.label(RichText::new(tr(T::AddressLabel)).strong());
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut draft.address)
                    .hint_text(tr(T::AddressHint))
                    .desired_width(360.0),
            )
            .labelled_by(label.id);
        // A first-time user can start typing at once.
        if draft.address.is_empty() && ui.memory(|m| m.focused().is_none()) {
            field.request_focus();
        }
        if !draft.address.trim().is_empty() {
            match EmailAddress::parse(&draft.address) {
                Ok(user) => {
                    ui.label(user.kind().explanation());
                    if user.kind() == AccountKind::Workspace {
                        ui.label(RichText::new(tr(T::WorkspaceNoAppPasswords)).weak());
                    }
                }
                Err(error) => {
                    ui.colored_label(Tone::Error.color(ui), error.to_string());
                }
            }
        }

        ui.add_space(SECTION);
        ui.label(RichText::new(tr(T::MethodLabel)).strong());
        ui.radio_value(
            &mut draft.method,
            Method::AppPassword,
            tr(T::MethodAppPassword),
        );
        ui.label(RichText::new(tr(T::MethodAppPasswordNote)).weak());
        ui.radio_value(&mut draft.method, Method::OAuth, tr(T::MethodOAuth));
        ui.label(RichText::new(tr(T::MethodOAuthNote)).weak());

        let record = draft.stored(env)?;
        ui.add_space(SECTION);
        let text = match record.last_verified {
            Some(time) => trf(
                T::AlreadyStored,
                &[
                    ("address", record.address.as_str()),
                    ("when", &when::ago(time, SystemTime::now())),
                ],
            ),
            None => trf(
                T::AlreadyStoredNever,
                &[("address", record.address.as_str())],
            ),
        };
        ui.label(RichText::new(text).strong());
        ui.add_space(GAP / 2.0);
        let mut choice = None;
        ui.horizontal(|ui| {
            if ui.button(tr(T::Retest)).clicked() {
                choice = Some(Action::StoredAccount(Mode::Retest));
            }
            if ui.button(tr(T::ReplacePassword)).clicked() {
                choice = Some(Action::StoredAccount(Mode::Replace));
            }
        });
        choice
    }
}
