//! A background engine call as the screens see it: running with its live timeline, then
//! finished with a result or a diagnosed failure, or cancelled. Shared by the wizard and the
//! account screen, with the engine calls they both make.

use super::Env;
use super::diagnosis_view;
use super::text::{T, tr, trf};
use super::timeline::Timeline;
use super::worker::{Job, Stopped};
use egui::Ui;
use smtp_setup::accounts::{AccountError, AccountRecord, AccountStore};
use smtp_setup::diagnosis::{Cause, Diagnosis, Evidence, SetupStep, diagnose};
use smtp_setup::smtp::{CheckOptions, CheckReport, EventSink, Route, TestSend};

/// Why a task failed.
pub struct Failure {
    /// The engine's diagnosis, when the server or the network said no.
    pub diagnosis: Option<Diagnosis>,
    /// A local problem (keychain, settings) in one sentence.
    pub message: String,
}

impl Failure {
    /// The failure of a check, diagnosed.
    pub fn from_report(report: &CheckReport) -> Failure {
        let failure = report.outcome.as_ref().err();
        Failure {
            diagnosis: failure.map(|f| diagnose(Evidence::Failure(f))),
            message: failure.map(|f| f.detail.clone()).unwrap_or_default(),
        }
    }

    /// Why the stored secret could not be turned into a login: a Google sign-in error is
    /// diagnosed like any other, a keychain problem is said as it is.
    pub fn from_login(error: AccountError) -> Failure {
        match error {
            AccountError::OAuth(error) => Failure::from_oauth(&error),
            other => Failure::local(T::KeychainRead, other),
        }
    }

    /// A failed Google sign-in or token refresh, diagnosed from what it is.
    pub fn from_oauth(error: &smtp_setup::oauth::OAuthError) -> Failure {
        Failure {
            diagnosis: Some(diagnose(Evidence::OAuth(error))),
            message: error.to_string(),
        }
    }

    /// A job that panicked: a bug, said as one, with what to report.
    pub fn internal() -> Failure {
        Failure {
            diagnosis: Some(Diagnosis::for_cause(Cause::InternalError)),
            message: trf(T::InternalError, &[("version", env!("CARGO_PKG_VERSION"))]),
        }
    }

    /// A local problem, in the sentence `text` with `{error}` filled in.
    pub fn local(text: T, error: impl ToString) -> Failure {
        Failure {
            diagnosis: None,
            message: trf(text, &[("error", &error.to_string())]),
        }
    }

    /// The diagnosis (or the message); returns the wizard step to go to if one was chosen
    /// (only offered in the wizard, at step `wizard_at`).
    pub fn show(
        &self,
        ui: &mut Ui,
        env: &mut Env,
        wizard_at: Option<SetupStep>,
    ) -> Option<SetupStep> {
        match &self.diagnosis {
            Some(diagnosis) => diagnosis_view::show(ui, diagnosis, &mut env.links, wizard_at),
            None => {
                let message = smtp_setup::untrusted::inert(&self.message);
                ui.colored_label(ui.visuals().error_fg_color, message.as_ref());
                None
            }
        }
    }
}

pub enum Task<R> {
    Idle,
    Running {
        job: Job<Result<R, Failure>>,
        timeline: Timeline,
    },
    Finished {
        result: Result<R, Failure>,
        timeline: Timeline,
    },
    /// Cancelled; `job` until its work has been dropped (and a stored account's run recorded
    /// as cancelled by the engine).
    Cancelled {
        timeline: Timeline,
        job: Option<Job<Result<R, Failure>>>,
    },
}

impl<R> Task<R> {
    pub fn running(job: Job<Result<R, Failure>>) -> Task<R> {
        Task::Running {
            job,
            timeline: Timeline::default(),
        }
    }

    pub fn failed(failure: Failure) -> Task<R> {
        Task::Finished {
            result: Err(failure),
            timeline: Timeline::default(),
        }
    }

    /// Moves arrived events into the timeline and a finished result into `Finished`; true
    /// when the task ended in this call (finished, or a cancelled job's work is gone).
    pub fn poll(&mut self) -> bool {
        match self {
            Task::Running { job, timeline } => {
                for event in job.drain_events() {
                    timeline.apply(&event);
                }
                let Some(result) = job.try_result() else {
                    return false;
                };
                let result = match result {
                    Ok(result) => result,
                    Err(Stopped::Crashed) | Err(Stopped::Cancelled) => Err(Failure::internal()),
                };
                if let Task::Running { mut timeline, .. } = std::mem::replace(self, Task::Idle) {
                    timeline.stop(tr(T::NotNeeded));
                    *self = Task::Finished { result, timeline };
                }
                true
            }
            Task::Cancelled { job, .. } => {
                let ended = job.as_ref().is_some_and(|j| j.try_result().is_some());
                if ended {
                    *job = None;
                }
                ended
            }
            Task::Idle | Task::Finished { .. } => false,
        }
    }

    pub fn is_running(&self) -> bool {
        matches!(self, Task::Running { .. })
    }

    pub fn succeeded(&self) -> Option<&R> {
        match self {
            Task::Finished { result: Ok(ok), .. } => Some(ok),
            _ => None,
        }
    }

    pub fn cancel(&mut self) {
        if let Task::Running { job, mut timeline } = std::mem::replace(self, Task::Idle) {
            job.cancel();
            timeline.stop(tr(T::Cancelled));
            *self = Task::Cancelled {
                timeline,
                job: Some(job),
            };
        }
    }

    pub fn timeline(&self) -> Option<&Timeline> {
        match self {
            Task::Running { timeline, .. }
            | Task::Finished { timeline, .. }
            | Task::Cancelled { timeline, .. } => Some(timeline),
            Task::Idle => None,
        }
    }
}

/// The route a stored account was verified on.
pub fn record_route(record: &AccountRecord) -> Route {
    Route {
        host: record.server.clone(),
        port: record.port,
        tls: record.tls,
    }
}

/// Checks (or test-sends with) a stored account through the engine's use case, which reads
/// the secret from the keychain, refreshes a Google sign-in and records how the run ended
/// (cancelled too, when the job is dropped).
pub async fn check_stored(
    store: AccountStore,
    record: AccountRecord,
    options: CheckOptions,
    send: Option<TestSend>,
    sink: EventSink,
) -> Result<CheckReport, Failure> {
    store
        .check_account(&record, &options, send.as_ref(), sink)
        .await
        .map_err(Failure::from_login)
}
