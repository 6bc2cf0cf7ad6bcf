//! Step 2: 2-Step Verification, without which Google offers no app passwords.

use super::{Env, Wizard, heading};
use crate::gui::text::{T, tr};
use egui::Ui;
use smtp_setup::provider::TWO_STEP_PAGE;

impl Wizard {
    pub(super) fn show_two_step(&mut self, ui: &mut Ui, env: &mut Env) {
        heading(ui, T::TwoStepHeading, Some(tr(T::TwoStepWhy)));
        ui.label(tr(T::TwoStepHow));
        ui.add_space(8.0);
        env.links.button(ui, &TWO_STEP_PAGE);
    }
}
