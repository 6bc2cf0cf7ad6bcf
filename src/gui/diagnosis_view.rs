//! A diagnosis as people need it: what happened, why, the steps that fix it, the page to open,
//! the wizard step that fixes it, and the technical detail folded away.

use super::link::Links;
use super::text::{T, tr, trf};
use egui::{RichText, Ui};
use smtp_setup::diagnosis::{Diagnosis, SetupStep};
use smtp_setup::untrusted::inert;

/// Shows the diagnosis. `wizard_at` is the wizard's current step when shown in the wizard:
/// then the step that fixes the problem gets a button, and its click is returned.
pub fn show(
    ui: &mut Ui,
    diagnosis: &Diagnosis,
    links: &mut Links,
    wizard_at: Option<SetupStep>,
) -> Option<SetupStep> {
    let mut go_to = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(
            RichText::new(&diagnosis.title)
                .strong()
                .size(16.0)
                .color(ui.visuals().error_fg_color),
        );
        ui.label(&diagnosis.explanation);
        if !diagnosis.steps.is_empty() {
            ui.add_space(4.0);
            ui.label(RichText::new(tr(T::DiagnosisSteps)).strong());
            for (number, step) in diagnosis.steps.iter().enumerate() {
                ui.label(format!("{}. {step}", number + 1));
            }
        }
        if let Some(page) = &diagnosis.page {
            ui.add_space(4.0);
            links.button(ui, page);
        }
        let offered = diagnosis
            .wizard_step
            .filter(|s| wizard_at.is_some_and(|at| at != *s));
        if let Some(step) = offered {
            let label = trf(
                T::GoToStep,
                &[("n", &step.number().to_string()), ("name", step_name(step))],
            );
            if ui.button(label).clicked() {
                go_to = Some(step);
            }
        }
        if let Some(evidence) = &diagnosis.evidence {
            egui::CollapsingHeader::new(tr(T::TechnicalDetails))
                .id_salt("diagnosis-evidence")
                .show(ui, |ui| {
                    ui.add(
                        egui::Label::new(RichText::new(inert(evidence).as_ref()).monospace())
                            .selectable(true),
                    );
                    ui.label(RichText::new(format!("cause: {}", diagnosis.cause.id())).weak());
                });
        }
    });
    go_to
}

pub fn step_name(step: SetupStep) -> &'static str {
    tr(match step {
        SetupStep::Account => T::StepAccount,
        SetupStep::TwoStepVerification => T::StepTwoStep,
        SetupStep::AppPassword => T::StepAppPassword,
        SetupStep::Verify => T::StepVerify,
        SetupStep::TestMessage => T::StepTestMessage,
        SetupStep::Done => T::StepDone,
    })
}
