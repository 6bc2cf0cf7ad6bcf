//! The timeline of a check: one row per stage and route, with a spinner while it runs, a tick
//! or a cross when it ends, the time it took, and the server's reply on demand. It sits under
//! "Details", folded: the outcome comes first. Routes keep one order (STARTTLS before implicit
//! TLS), and a route that was still running when another carried the check is "not needed",
//! shown neutral, never as a failure.

use super::style::Tone;
use super::text::{T, tr};
use egui::{RichText, Ui};
use smtp_setup::smtp::{CheckEvent, Reply, Route, Stage, StageStatus, TlsMode};
use smtp_setup::untrusted::{inert, inert_line};
use std::time::Instant;

/// How a row ended when the check ended before it did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stopped {
    /// Another route carried the check.
    NotNeeded,
    Cancelled,
}

struct Row {
    route: Option<Route>,
    stage: Stage,
    status: StageStatus,
    stopped: Option<Stopped>,
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
        match existing {
            Some(row) => {
                row.status = event.status;
                row.elapsed_ms = event.elapsed_ms;
                row.reply = event.reply.clone();
                row.detail = event.detail.clone();
            }
            None => self.rows.push(Row {
                route: event.route.clone(),
                stage: event.stage,
                status: event.status,
                stopped: None,
                started: Instant::now(),
                elapsed_ms: event.elapsed_ms,
                reply: event.reply.clone(),
                detail: event.detail.clone(),
            }),
        }
    }

    /// The check ended while rows still ran: they are "not needed" (another route carried it)
    /// or cancelled, and no spinner keeps the window repainting.
    pub fn stop(&mut self, cancelled: bool) {
        let stopped = if cancelled {
            Stopped::Cancelled
        } else {
            Stopped::NotNeeded
        };
        for row in self
            .rows
            .iter_mut()
            .filter(|r| r.status == StageStatus::Started)
        {
            row.stopped = Some(stopped);
            row.elapsed_ms = row.started.elapsed().as_millis() as u64;
        }
    }

    /// The timeline folded under "Details" (closed at first), after `note` if one is given;
    /// `used` is the route that carried the check, if it succeeded.
    pub fn details(&self, ui: &mut Ui, id_salt: &str, note: Option<&str>, used: Option<&Route>) {
        egui::CollapsingHeader::new(tr(T::Details))
            .id_salt(id_salt)
            .default_open(false)
            .show(ui, |ui| {
                if let Some(note) = note {
                    ui.label(note);
                }
                self.show(ui, used);
            });
    }

    fn show(&self, ui: &mut Ui, used: Option<&Route>) {
        let mut routes: Vec<Option<&Route>> = Vec::new();
        for row in &self.rows {
            if !routes.contains(&row.route.as_ref()) {
                routes.push(row.route.as_ref());
            }
        }
        // The shared DNS stage first, then STARTTLS before implicit TLS, then by port.
        routes.sort_by_key(|route| route.map(|r| (1, matches!(r.tls, TlsMode::Implicit), r.port)));
        for route in routes {
            if let Some(route) = route {
                ui.add_space(4.0);
                let verdict = match used {
                    Some(used) if used == route => Some(tr(T::RouteUsed)),
                    Some(_) if self.stopped_on(route) => Some(tr(T::RouteNotNeeded)),
                    _ => None,
                };
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(route.to_string()).strong());
                    if let Some(verdict) = verdict {
                        ui.label(RichText::new(verdict).weak());
                    }
                });
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

    /// Whether the route's work was stopped, rather than failing, when the check ended.
    fn stopped_on(&self, route: &Route) -> bool {
        self.rows
            .iter()
            .any(|r| r.route.as_ref() == Some(route) && r.stopped.is_some())
    }
}

fn show_row(ui: &mut Ui, index: usize, row: &Row) {
    let contents = |ui: &mut Ui| {
        let ms = match (row.status, row.stopped) {
            (_, Some(_)) => {
                ui.label(RichText::new("•").color(Tone::Neutral.color(ui)));
                row.elapsed_ms
            }
            (StageStatus::Started, None) => {
                ui.add(egui::Spinner::new());
                row.started.elapsed().as_millis() as u64
            }
            (StageStatus::Passed, None) => {
                ui.label(RichText::new("✔").color(Tone::Success.color(ui)));
                row.elapsed_ms
            }
            (StageStatus::Failed, None) => {
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
        // A truncated label shows its whole text on hover by itself.
        let note = match (row.stopped, &row.detail, row.status) {
            (Some(Stopped::NotNeeded), ..) => tr(T::NotNeeded).into(),
            (Some(Stopped::Cancelled), ..) => tr(T::Cancelled).into(),
            (None, Some(detail), _) if !detail.is_empty() => inert_line(detail),
            (None, _, StageStatus::Started) => tr(T::StageWaiting).into(),
            _ => "".into(),
        };
        ui.add(egui::Label::new(note.as_ref()).truncate());
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
