//! Step 1: the address (Gmail or Workspace, with a likely typo caught) and the sign-in
//! method. The address is checked when the person leaves the field or continues, not while
//! they type. An address that is already stored offers a check or a replacement instead.

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

#[derive(Default)]
pub struct AccountPage {
    /// The address has been left or submitted once: from then on its problems are shown.
    pub touched: bool,
}

impl AccountPage {
    pub fn ui(&mut self, ui: &mut Ui, env: &mut Env, draft: &mut SetupDraft) -> Option<Action> {
        heading(ui, T::AccountHeading, Some(tr(T::AccountIntro)));
        let label = ui.label(RichText::new(tr(T::AddressLabel)).strong());
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut draft.address)
                    .hint_text(tr(T::AddressHint))
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        // A first-time user can start typing at once.
        if draft.address.is_empty() && ui.memory(|m| m.focused().is_none()) {
            field.request_focus();
        }
        if field.changed() {
            // Typing again: its problems wait until the field is left or submitted again.
            self.touched = false;
        }
        if field.lost_focus() && !draft.address.trim().is_empty() {
            self.touched = true;
        }
        self.about_the_address(ui, draft);

        ui.add_space(SECTION);
        ui.label(RichText::new(tr(T::MethodLabel)).strong());
        ui.radio_value(
            &mut draft.method,
            Method::AppPassword,
            tr(T::MethodAppPassword),
        );
        ui.label(RichText::new(tr(T::MethodAppPasswordNote)).weak());
        ui.add_space(GAP / 2.0);
        ui.radio_value(&mut draft.method, Method::OAuth, tr(T::MethodOAuth));
        ui.label(RichText::new(tr(T::MethodOAuthNote)).weak());

        ui.add_space(SECTION);
        // For someone who came with an error message rather than a blank page.
        if ui
            .add(egui::Button::new(RichText::new(tr(T::HaveErrorMessage))).frame(false))
            .clicked()
        {
            return Some(Action::Decode);
        }
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

    /// One line about the address: a likely typo first, then what kind of account it is; a
    /// problem only once the field was left (or Continue pressed).
    fn about_the_address(&self, ui: &mut Ui, draft: &mut SetupDraft) {
        if draft.address.trim().is_empty() {
            return;
        }
        match EmailAddress::parse(&draft.address) {
            Ok(user) => {
                if let Some(meant) = user.likely_meant()
                    && draft.kept_as_typed.as_deref() != Some(user.as_str())
                {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(
                            RichText::new(trf(T::DidYouMean, &[("address", meant.as_str())]))
                                .color(Tone::Warning.color(ui)),
                        );
                        if ui
                            .button(trf(T::UseSuggestion, &[("address", meant.as_str())]))
                            .clicked()
                        {
                            draft.address = meant.to_string();
                        }
                        if ui
                            .button(trf(T::KeepAsTyped, &[("address", user.as_str())]))
                            .clicked()
                        {
                            draft.kept_as_typed = Some(user.to_string());
                        }
                    });
                    if self.touched {
                        ui.label(RichText::new(tr(T::TypoFirst)).weak());
                    }
                    return;
                }
                match user.kind() {
                    AccountKind::PersonalGmail => {
                        ui.label(RichText::new(tr(T::PersonalAccount)).weak());
                    }
                    AccountKind::Workspace => {
                        let text = trf(T::WorkspaceAccount, &[("domain", user.domain())]);
                        ui.label(RichText::new(text).weak());
                    }
                    AccountKind::OtherProvider(provider) => {
                        let text = trf(
                            T::OtherProviderAccount,
                            &[("address", user.as_str()), ("provider", provider)],
                        );
                        ui.colored_label(Tone::Error.color(ui), text);
                    }
                }
            }
            Err(error) if self.touched => {
                ui.colored_label(Tone::Error.color(ui), error.to_string());
            }
            Err(_) => {}
        }
    }
}
