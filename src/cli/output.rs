//! How the CLI shows a check: live stage lines (or JSON lines), the verdict and the fix.
//! Everything goes through `console`, so server text never reaches the terminal raw.

use super::console::{json, say, say_raw};
use serde_json::json;
use smtp_setup::accounts::{AccountStore, AuthMethod, Saved};
use smtp_setup::address::EmailAddress;
use smtp_setup::diagnosis::{Diagnosis, Evidence, FailureCategory, diagnose_for};
use smtp_setup::i18n;
use smtp_setup::oauth::OAuthError;
use smtp_setup::smtp::{
    CheckEvent, CheckOptions, CheckReport, Direction, EventSink, Route, RouteOutcome, StageEvent,
    StageStatus, TestSend,
};
use smtp_setup::t;
use std::sync::Arc;

pub struct Printer {
    json: bool,
    verbose: bool,
}

impl Printer {
    pub fn new(json: bool, verbose: bool) -> Printer {
        Printer { json, verbose }
    }

    pub fn start(&self, user: &EmailAddress, options: &CheckOptions, send: Option<&TestSend>) {
        if self.json {
            return;
        }
        let routes: Vec<String> = options
            .candidates
            .iter()
            .map(|(port, tls)| {
                t!(
                    "cli-route-choice",
                    tls = tls.to_string(),
                    port = port.to_string()
                )
            })
            .collect();
        let id = if send.is_some() {
            "cli-start-send"
        } else {
            "cli-start-check"
        };
        say(&t!(
            id,
            user = user.as_str(),
            host = options.host.as_str(),
            routes = routes.join(&t!("cli-route-and"))
        ));
    }

    /// Prints each event as it arrives, from whichever task sends it.
    pub fn sink(&self) -> EventSink {
        let (as_json, verbose) = (self.json, self.verbose);
        Arc::new(move |event: CheckEvent| match (&event, as_json) {
            (CheckEvent::Transcript(_), _) if !verbose => {}
            (_, true) => json(&event),
            (CheckEvent::Stage(stage), false) => {
                if let Some(line) = stage_line(stage) {
                    say(&line);
                }
            }
            (CheckEvent::Transcript(line), false) => {
                let who = match line.direction {
                    Direction::Client => "C",
                    Direction::Server => "S",
                };
                say(&format!(
                    "      {} {who}: {}",
                    route_label(&line.route),
                    line.text
                ));
            }
        })
    }

    pub fn finish(&self, report: &CheckReport, diagnosis: Option<&Diagnosis>, exit_code: u8) {
        if self.json {
            let (success, failure) = match &report.outcome {
                Ok(success) => (Some(success), None),
                Err(failure) => (None, Some(failure)),
            };
            json(&json!({
                "type": "result",
                "lang": i18n::current(),
                "ok": success.is_some(),
                "exit_code": exit_code,
                "elapsed_ms": report.elapsed_ms,
                "success": success,
                "failure": failure,
                "routes": report.routes,
                "cause": diagnosis.map(|d| d.cause),
                "diagnosis": diagnosis,
                "text": verdict_lines(report).join("\n"),
            }));
            return;
        }
        say("");
        for line in verdict_lines(report) {
            say(&line);
        }
        if report.routes.len() > 1 {
            for summary in &report.routes {
                let verdict = match &summary.outcome {
                    RouteOutcome::Used => t!("cli-route-used"),
                    RouteOutcome::Worked => t!("cli-route-worked"),
                    RouteOutcome::Failed { failure } => t!(
                        "cli-route-failed",
                        stage = failure.stage.label(),
                        detail = failure.detail.as_str()
                    ),
                    RouteOutcome::Unfinished => t!("cli-route-unfinished"),
                };
                say(&format!("  {}: {verdict}", summary.route));
            }
        }
        if let Some(diagnosis) = diagnosis {
            say("");
            say_raw(&render_diagnosis(diagnosis));
        }
    }

    /// After `store`: where the secret and the settings went.
    pub fn saved(&self, saved: &Saved, store: &AccountStore) {
        let record = &saved.record;
        let text = t!(
            "cli-saved",
            replaced = if saved.replaced { "yes" } else { "no" },
            method = match record.auth {
                AuthMethod::AppPassword => "app-password",
                AuthMethod::OAuth => "oauth",
            },
            address = record.address.as_str(),
            service = store.keychain.service(),
            server = record.server.as_str(),
            port = record.port.to_string(),
            tls = record.tls.to_string(),
            path = store.index.path().display().to_string()
        );
        let not_verified = saved
            .report
            .is_none()
            .then(|| t!("cli-not-verified", address = record.address.as_str()));
        if self.json {
            json(&json!({
                "type": "saved",
                "lang": i18n::current(),
                "account": record,
                "replaced": saved.replaced,
                "verified": saved.report.is_some(),
                "keychain_service": store.keychain.service(),
                "index": store.index.path(),
                "text": text,
            }));
            return;
        }
        say("");
        say(&text);
        if let Some(line) = not_verified {
            say(&line);
        }
    }

    /// The address to open for Google sign-in, and how to reach the loopback from elsewhere.
    pub fn authorize_url(&self, url: &str, redirect_uri: &str) {
        if self.json {
            json(&json!({
                "type": "authorize",
                "lang": i18n::current(),
                "url": url,
                "redirect_uri": redirect_uri,
                "text": t!("cli-authorize-open"),
            }));
            return;
        }
        let port = redirect_uri
            .rsplit(':')
            .next()
            .unwrap_or_default()
            .trim_end_matches('/');
        say(&t!("cli-authorize-open"));
        say("");
        say(&format!("  {url}"));
        say("");
        say(&t!("cli-authorize-waiting", redirect = redirect_uri));
        say(&t!("cli-authorize-forward", port = port));
    }

    /// A Google sign-in that failed, diagnosed; returns the exit code.
    pub fn oauth_failure(&self, error: &OAuthError, user: &EmailAddress) -> u8 {
        let diagnosis = diagnose_for(Evidence::OAuth(error), Some(user));
        // Whatever else goes wrong in a sign-in is a failure to authenticate.
        let code = match (diagnosis.cause.category(), error) {
            (_, OAuthError::Network(_)) => super::exit::NETWORK,
            (category @ (FailureCategory::Network | FailureCategory::Tls), _) => {
                super::connect::exit_code(category)
            }
            _ => super::exit::AUTH,
        };
        let text = t!("cli-sign-in-failed", error = error.to_string());
        if self.json {
            json(&json!({
                "type": "result",
                "lang": i18n::current(),
                "ok": false,
                "exit_code": code,
                "error": error.to_string(),
                "cause": diagnosis.cause,
                "diagnosis": diagnosis,
                "text": text,
            }));
        } else {
            say("");
            say(&text);
            say("");
            say_raw(&render_diagnosis(&diagnosis));
        }
        code
    }

    /// After a failed verification: nothing changed.
    pub fn not_saved(&self, user: &EmailAddress) {
        let text = t!("cli-not-saved", user = user.as_str());
        if self.json {
            json(&json!({"type": "not_saved", "account": user.as_str(), "text": text}));
        } else {
            say("");
            say(&text);
        }
    }

    /// Ctrl-C during a stored account's check: recorded as cancelled.
    pub fn cancelled(&self, user: &EmailAddress) {
        let text = t!("cli-cancelled", user = user.as_str());
        if self.json {
            json(&json!({"type": "cancelled", "account": user.as_str(), "text": text}));
        } else {
            say("");
            say(&text);
        }
    }
}

/// "✓ Login works…" (and the test message's acceptance), or "✗ <stage> failed…".
fn verdict_lines(report: &CheckReport) -> Vec<String> {
    match &report.outcome {
        Ok(success) => {
            let mut lines = vec![t!(
                "cli-login-works",
                route = success.route.to_string(),
                ms = report.elapsed_ms.to_string()
            )];
            if let (Some(reply), Some(to)) = (&success.send_reply, &success.recipient) {
                lines.push(t!(
                    "cli-test-accepted",
                    id = success.message_id.as_deref().unwrap_or(""),
                    to = to.to_string(),
                    reply = reply.to_string()
                ));
            }
            lines
        }
        Err(failure) => {
            let stage = failure.stage.label();
            let detail = failure.detail.as_str();
            vec![match &failure.route {
                Some(route) => t!(
                    "cli-stage-failed-on",
                    stage = stage,
                    route = route.to_string(),
                    detail = detail
                ),
                None => t!("cli-stage-failed", stage = stage, detail = detail),
            }]
        }
    }
}

fn route_label(route: &Route) -> String {
    format!("{} {}", route.port, route.tls)
}

fn stage_line(event: &StageEvent) -> Option<String> {
    let mark = match event.status {
        StageStatus::Started => return None,
        StageStatus::Passed => "✓",
        StageStatus::Failed => "✗",
    };
    let route = event.route.as_ref().map(route_label).unwrap_or_default();
    let note = match (&event.detail, &event.reply) {
        (Some(detail), _) if !detail.is_empty() => detail.clone(),
        (_, Some(reply)) => reply.to_string(),
        _ => String::new(),
    };
    Some(format!(
        "  {mark} {:<8} {:<18} {:>6} ms  {note}",
        event.stage.label(),
        route,
        event.elapsed_ms
    ))
}

/// The diagnosis as text: title, explanation, numbered steps, the page to open, the evidence.
pub fn render_diagnosis(diagnosis: &Diagnosis) -> String {
    let mut out = format!("{}\n{}\n", diagnosis.title, diagnosis.explanation);
    if !diagnosis.steps.is_empty() {
        out.push_str(&format!("\n{}\n", t!("cli-how-to-fix")));
        for (number, step) in diagnosis.steps.iter().enumerate() {
            let step = step.as_text(diagnosis.user.as_ref());
            out.push_str(&format!("  {}. {step}\n", number + 1));
        }
    }
    if let Some(page) = &diagnosis.page {
        out.push_str(&format!("\n{}: {}\n", page.label(), page.url()));
    }
    if let Some(evidence) = &diagnosis.evidence {
        out.push_str(&format!(
            "\n{}\n",
            t!("cli-details", evidence = evidence.to_string())
        ));
    }
    out.push_str(&format!(
        "{}\n",
        t!("cli-cause", cause = diagnosis.cause.id())
    ));
    out
}
