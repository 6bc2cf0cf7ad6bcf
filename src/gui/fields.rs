//! Input widgets used on more than one screen.

use super::style::{self, Tone};
use super::text::{T, tr, trf};
use egui::Ui;
use ring::digest::{SHA256, digest};
use smtp_setup::app_password::{AppPassword, AppPasswordError};
use zeroize::Zeroizing;

/// An app password Gmail refused, remembered by its SHA-256 digest only (never the text),
/// so the field can say so for as long as it still holds that password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused(Vec<u8>);

impl Refused {
    /// The refused password as typed; spaces do not count, as for Gmail.
    pub fn of(typed: &str) -> Refused {
        let letters: Zeroizing<String> =
            Zeroizing::new(typed.chars().filter(|c| !c.is_whitespace()).collect());
        Refused(digest(&SHA256, letters.as_bytes()).as_ref().to_vec())
    }

    pub fn is(&self, typed: &str) -> bool {
        Refused::of(typed) == *self
    }
}

/// One line under an app-password field: the letter count while it is not 16 letters, "looks
/// right" when it is, and "Gmail refused this one" while it is the password just refused (a
/// green tick beside Gmail's refusal would contradict it).
pub fn app_password_status(ui: &mut Ui, typed: &str, refused: Option<&Refused>) {
    if typed.is_empty() {
        return;
    }
    match AppPassword::parse(typed) {
        Ok(_) if refused.is_some_and(|r| r.is(typed)) => {
            style::status(ui, Tone::Error, tr(T::AppPasswordRefused));
        }
        Ok(_) => style::status(ui, Tone::Success, tr(T::AppPasswordLooksRight)),
        Err(error) => {
            if let AppPasswordError::WrongLength { found } = error {
                ui.label(trf(T::LettersCounted, &[("n", &found.to_string())]));
            }
            ui.colored_label(Tone::Error.color(ui), error.to_string());
        }
    }
}

/// A masked app-password field, labelled by `label` for screen readers and tests, with a
/// Show/Hide toggle. The text lives in a zeroizing buffer.
pub fn app_password(
    ui: &mut Ui,
    label: egui::Id,
    text: &mut Zeroizing<String>,
    shown: &mut bool,
    width: f32,
) -> egui::Response {
    let field = ui
        .add(
            egui::TextEdit::singleline(&mut **text)
                .password(!*shown)
                .hint_text(tr(T::AppPasswordHint))
                .font(egui::TextStyle::Monospace)
                .desired_width(width),
        )
        .labelled_by(label);
    let toggle = if *shown {
        T::HidePassword
    } else {
        T::ShowPassword
    };
    if ui.button(tr(toggle)).clicked() {
        *shown = !*shown;
    }
    field
}

/// Focuses `field` with all its text selected, so what is typed or pasted next replaces it.
pub fn select_all(ui: &Ui, field: &egui::Response, chars: usize) {
    use egui::text::{CCursor, CCursorRange};
    let id = field.id;
    if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), id) {
        state.cursor.set_char_range(Some(CCursorRange::two(
            CCursor::new(0),
            CCursor::new(chars),
        )));
        state.store(ui.ctx(), id);
    }
    field.request_focus();
}
