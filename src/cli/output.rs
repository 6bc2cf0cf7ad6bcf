//! How the CLI shows a check: live stage lines (or JSON lines), the verdict and the fix.
//! Everything goes through `console`, so server text never reaches the terminal raw.

use super::console::{json, say, say_raw};
use serde_json::json;
use smtp_setup::accounts::{AccountStore, AuthMethod, Saved};
use smtp_setup::address::EmailAddress;
use smtp_setup::diagnosis::{Diagnosis, Evidence, FailureCategory, diagnose_for};
use smtp_setup::oauth::OAuthError;
use smtp_setup::smtp::{
    CheckEvent, CheckOptions, CheckReport, Direction, EventSink, Route, RouteOutcome, StageEvent,
    StageStatus, TestSend,
};
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
            .map(|(port, tls)| format!("{tls} on {port}"))
            .collect();
        let what = if send.is_some() {
            "Sending a test message as"
        } else {
            "Checking"
        };
        say(&format!(
            "{what} {user} via {} ({})",
            options.host,
            routes.join(" and ")
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
                "ok": success.is_some(),
                "exit_code": exit_code,
                "elapsed_ms": report.elapsed_ms,
                "success": success,
                "failure": failure,
                "routes": report.routes,
                "cause": diagnosis.map(|d| d.cause),
                "diagnosis": diagnosis,
            }));
            return;
        }
        say("");
        match &report.outcome {
            Ok(success) => {
                say(&format!(
                    "✓ Login works: signed in on {}, {} ms in all.",
                    success.route, report.elapsed_ms
                ));
                if let (Some(reply), Some(to)) = (&success.send_reply, &success.recipient) {
                    let id = success.message_id.as_deref().unwrap_or("");
                    say(&format!("✓ Test message {id} accepted for {to}: {reply}"));
                }
            }
            Err(failure) => {
                let place = failure
                    .route
                    .as_ref()
                    .map_or(String::new(), |r| format!(" on {r}"));
                say(&format!(
                    "✗ {} failed{place}: {}",
                    failure.stage.label(),
                    failure.detail
                ));
            }
        }
        if report.routes.len() > 1 {
            for summary in &report.routes {
                let verdict = match &summary.outcome {
                    RouteOutcome::Used => "used".to_string(),
                    RouteOutcome::Worked => "works too (not used)".to_string(),
                    RouteOutcome::Failed { failure } => {
                        format!("failed at {}: {}", failure.stage.label(), failure.detail)
                    }
                    RouteOutcome::Unfinished => "still connecting when the check ended".to_string(),
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
        if self.json {
            json(&json!({
                "type": "saved",
                "account": record,
                "replaced": saved.replaced,
                "verified": saved.report.is_some(),
                "keychain_service": store.keychain.service(),
                "index": store.index.path(),
            }));
            return;
        }
        let verb = if saved.replaced {
            "Replaced the secret of"
        } else {
            "Saved"
        };
        let secret = match record.auth {
            AuthMethod::AppPassword => "the app password",
            AuthMethod::OAuth => "the Google sign-in (refresh token)",
        };
        say("");
        say(&format!(
            "✓ {verb} {}: {secret} is in the system keychain (service \"{}\"), the settings \
             ({}:{}, {}) in {}.",
            record.address,
            store.keychain.service(),
            record.server,
            record.port,
            record.tls,
            store.index.path().display()
        ));
        if saved.report.is_none() {
            say(&format!(
                "  Not verified (--no-verify): run `smtp-setup check --account {}` to test it.",
                record.address
            ));
        }
    }

    /// The address to open for Google sign-in, and how to reach the loopback from elsewhere.
    pub fn authorize_url(&self, url: &str, redirect_uri: &str) {
        if self.json {
            json(&json!({"type": "authorize", "url": url, "redirect_uri": redirect_uri}));
            return;
        }
        let port = redirect_uri
            .rsplit(':')
            .next()
            .unwrap_or_default()
            .trim_end_matches('/');
        say("Open this address in a browser and sign in with the Google account:");
        say("");
        say(&format!("  {url}"));
        say("");
        say(&format!(
            "Waiting for Google to send the browser back to {redirect_uri} ..."
        ));
        say(&format!(
            "(If the browser runs on another computer, forward the port first: ssh -L {port}:127.0.0.1:{port} THIS-HOST)"
        ));
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
        if self.json {
            json(&json!({
                "type": "result",
                "ok": false,
                "exit_code": code,
                "error": error.to_string(),
                "cause": diagnosis.cause,
                "diagnosis": diagnosis,
            }));
        } else {
            say("");
            say(&format!("✗ Google sign-in failed: {error}"));
            say("");
            say_raw(&render_diagnosis(&diagnosis));
        }
        code
    }

    /// After a failed verification: nothing changed.
    pub fn not_saved(&self, user: &EmailAddress) {
        if self.json {
            json(&json!({"type": "not_saved", "account": user.as_str()}));
        } else {
            say(&format!(
                "\nNothing was saved for {user}; a stored password, if any, is unchanged."
            ));
        }
    }

    /// Ctrl-C during a stored account's check: recorded as cancelled.
    pub fn cancelled(&self, user: &EmailAddress) {
        if self.json {
            json(&json!({"type": "cancelled", "account": user.as_str()}));
        } else {
            say(&format!(
                "\nCancelled; {user} is recorded as cancelled (neither OK nor failing)."
            ));
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
        out.push_str("\nHow to fix it:\n");
        for (number, step) in diagnosis.steps.iter().enumerate() {
            let step = step.as_text(diagnosis.user.as_ref());
            out.push_str(&format!("  {}. {step}\n", number + 1));
        }
    }
    if let Some(page) = &diagnosis.page {
        out.push_str(&format!("\n{}: {}\n", page.label(), page.url()));
    }
    if let Some(evidence) = &diagnosis.evidence {
        out.push_str(&format!("\nDetails: {evidence}\n"));
    }
    out.push_str(&format!("(cause: {})\n", diagnosis.cause.id()));
    out
}
