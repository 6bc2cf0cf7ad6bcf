//! Input widgets used on more than one screen.

use super::text::{T, tr};
use egui::Ui;
use zeroize::Zeroizing;

/// A masked app-password field, labelled by `label` for screen readers and tests, with a
/// Show/Hide toggle. The text lives in a zeroizing buffer.
pub fn app_password(
    ui: &mut Ui,
    label: egui::Id,
    text: &mut Zeroizing<String>,
    shown: &mut bool,
    width: f32,
) {
    ui.add(
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
}
