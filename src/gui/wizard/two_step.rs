//! Step 2 for an app password: 2-Step Verification, without which Google offers no app
//! passwords.

use super::{Action, heading};
use crate::gui::Env;
use crate::gui::style::{self, GAP};
use crate::gui::text::{T, tr};
use egui::Ui;
use smtp_setup::provider::TWO_STEP_PAGE;

pub fn ui(ui: &mut Ui, env: &mut Env) -> Option<Action> {
    heading(ui, T::TwoStepHeading, Some(tr(T::TwoStepWhy)));
    ui.label(tr(T::TwoStepHow));
    ui.add_space(GAP);
    style::page_button(ui, env, &TWO_STEP_PAGE);
    None
}
