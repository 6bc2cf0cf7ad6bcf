//! A diagnosis as people need it in a window: what happened, why, the steps that fix it (a
//! page as a button with its address, a re-check as a button), where to go in the window
//! for the fix, and the technical detail folded away. It returns what was clicked; the page
//! that shows it decides what that does.

use super::Env;
use super::style::{self, GAP, Tone};
use super::text::{T, tr};
use egui::{RichText, Ui};
use smtp_setup::diagnosis::{Diagnosis, FixStep, FixTarget};
use smtp_setup::untrusted::inert;

/// What the page showing a diagnosis offers besides the steps.
#[derive(Clone, Debug)]
pub struct Offer {
    pub recheck: Recheck,
    /// The button that leads to where the diagnosis's target is fixed in the window (its
    /// label: "Go to App password", "Replace app password…"), if that is not right here.
    pub go_to: Option<String>,
}

/// How the "check again" step shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recheck {
    /// No re-check runs from here: the step is left out.
    Hidden,
    /// The page's primary button re-checks (its label given): the step says so.
    Hint(T),
    /// The step carries its own button.
    Button(T),
}

/// What the person chose from a diagnosis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chosen {
    Recheck,
    GoTo(FixTarget),
}

/// Shows the diagnosis; returns the button clicked, if any.
pub fn show(ui: &mut Ui, env: &mut Env, diagnosis: &Diagnosis, offer: Offer) -> Option<Chosen> {
    let mut chosen = None;
    egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::same(10))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(&diagnosis.title)
                    .strong()
                    .size(16.0)
                    .color(Tone::Error.color(ui)),
            );
            ui.label(&diagnosis.explanation);
            let steps: Vec<&FixStep> = diagnosis
                .steps
                .iter()
                // The window saves the secret itself; where it goes in an app comes on Done.
                .filter(|step| !matches!(step, FixStep::UseInApp))
                .filter(|step| {
                    !matches!(step, FixStep::Recheck { .. }) || offer.recheck != Recheck::Hidden
                })
                .collect();
            if !steps.is_empty() {
                ui.add_space(GAP / 2.0);
                ui.label(RichText::new(tr(T::DiagnosisSteps)).strong());
            }
            for (number, step) in steps.into_iter().enumerate() {
                let prefix = format!("{}. ", number + 1);
                match step {
                    FixStep::Text { text } | FixStep::Decode { text } => {
                        ui.label(format!("{prefix}{text}"));
                    }
                    FixStep::OpenPage { text, page } => {
                        ui.label(format!("{prefix}{text}"));
                        ui.indent(("fix-page", number), |ui| style::page_button(ui, env, page));
                    }
                    FixStep::Recheck { .. } => match offer.recheck {
                        Recheck::Hint(label) => {
                            let hint =
                                super::text::trf(T::PressToRecheck, &[("button", tr(label))]);
                            ui.label(format!("{prefix}{hint}"));
                        }
                        Recheck::Button(label) => {
                            ui.horizontal_wrapped(|ui| {
                                ui.label(format!("{prefix}{}", tr(T::RecheckStep)));
                                if ui.button(tr(label)).clicked() {
                                    chosen = Some(Chosen::Recheck);
                                }
                            });
                        }
                        Recheck::Hidden => {}
                    },
                    FixStep::UseInApp => {}
                }
            }
            if let (Some(label), Some(target)) = (&offer.go_to, diagnosis.target) {
                ui.add_space(GAP / 2.0);
                if ui.button(label.as_str()).clicked() {
                    chosen = Some(Chosen::GoTo(target));
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
    chosen
}
