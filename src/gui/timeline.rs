//! The live timeline of a check: one row per stage and route, with a spinner while it runs,
//! a tick or a cross when it ends, the time it took, and the server's reply on demand.

use super::style::Tone;
use super::text::{T, tr};
use egui::{RichText, Ui};
use smtp_setup::smtp::{CheckEvent, Reply, Route, Stage, StageStatus};
use smtp_setup::untrusted::{inert, inert_line};
use std::time::Instant;

struct Row {
    route: Option<Route>,
    stage: Stage,
    status: StageStatus,
    started: Instant,
    elapsed_ms: u64,
    reply: Option<Reply>,
    detail: Option<String>,
}

#[derive(Default)]
pub struct Timeline {
    rows: Vec<Row>,
}

impl Timeline {
    pub fn apply(&mut self, event: &CheckEvent) {
        let CheckEvent::Stage(event) = event else {
            return;
        };
        let existing = self
            .rows
            .iter_mut()
            .find(|r| r.stage == event.stage && r.route == event.route);
        match (existing, event.status) {
            (Some(row), _) => {
                row.status = event.status;
                row.elapsed_ms = event.elapsed_ms;
                row.reply = event.reply.clone();
                row.detail = event.detail.clone();
            }
            (None, status) => self.rows.push(Row {
                route: event.route.clone(),
                stage: event.stage,
                status,
                started: Instant::now(),
                elapsed_ms: event.elapsed_ms,
                reply: event.reply.clone(),
                detail: event.detail.clone(),
            }),
        }
    }

    /// Rows still running end with `note` (cancelled, or not needed once another route won),
    /// so no spinner keeps the window repainting.
    pub fn stop(&mut self, note: &str) {
        for row in self
            .rows
            .iter_mut()
            .filter(|r| r.status == StageStatus::Started)
        {
            row.status = StageStatus::Failed;
            row.elapsed_ms = row.started.elapsed().as_millis() as u64;
            row.detail = Some(note.to_string());
        }
    }

    /// The timeline folded under "Details" (closed at first: the outcome comes first), after
    /// `note` if one is given.
    pub fn details(&self, ui: &mut Ui, id_salt: &str, note: Option<&str>) {
        egui::CollapsingHeader::new(tr(T::Details))
            .id_salt(id_salt)
            .default_open(false)
            .show(ui, |ui| {
                if let Some(note) = note {
                    ui.label(note);
                }
                self.show(ui);
            });
    }

    pub fn show(&self, ui: &mut Ui) {
        let mut routes: Vec<Option<&Route>> = Vec::new();
        for row in &self.rows {
            if !routes.contains(&row.route.as_ref()) {
                routes.push(row.route.as_ref());
            }
        }
        for route in routes {
            if let Some(route) = route {
                ui.add_space(4.0);
                ui.label(RichText::new(route.to_string()).strong());
            }
            for (index, row) in self
                .rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.route.as_ref() == route)
            {
                show_row(ui, index, row);
            }
        }
    }
}

fn show_row(ui: &mut Ui, index: usize, row: &Row) {
    let contents = |ui: &mut Ui| {
        let ms = match row.status {
            StageStatus::Started => {
                ui.add(egui::Spinner::new());
                row.started.elapsed().as_millis() as u64
            }
            StageStatus::Passed => {
                ui.label(RichText::new("✔").color(Tone::Success.color(ui)));
                row.elapsed_ms
            }
            StageStatus::Failed => {
                ui.label(RichText::new("✖").color(Tone::Error.color(ui)));
                row.elapsed_ms
            }
        };
        ui.add_sized(
            [64.0, 18.0],
            egui::Label::new(RichText::new(row.stage.label()).strong()),
        );
        ui.add_sized([64.0, 18.0], egui::Label::new(format!("{ms} ms")));
        // Server text, shown inert: selectable and copyable, so it may end up in a terminal.
        let note = match (&row.detail, row.status) {
            (Some(detail), _) if !detail.is_empty() => inert_line(detail),
            (_, StageStatus::Started) => tr(T::StageWaiting).into(),
            _ => "".into(),
        };
        ui.add(egui::Label::new(note.as_ref()).truncate())
            .on_hover_text(note.as_ref());
    };
    match &row.reply {
        // The triangle opens the server's reply under the row.
        Some(reply) => {
            let id = ui.make_persistent_id(("timeline-reply", index));
            egui::collapsing_header::CollapsingState::load_with_default_open(ui.ctx(), id, false)
                .show_header(ui, contents)
                .body(|ui| {
                    ui.label(RichText::new(tr(T::ServerReply)).weak());
                    ui.add(
                        egui::Label::new(
                            RichText::new(inert(&reply.to_string()).as_ref()).monospace(),
                        )
                        .selectable(true),
                    );
                });
        }
        None => {
            ui.horizontal(|ui| {
                ui.add_space(ui.spacing().indent);
                contents(ui);
            });
        }
    }
}
