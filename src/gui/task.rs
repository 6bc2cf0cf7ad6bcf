//! A background engine call as the screens see it: running with its live timeline, then
//! finished with a result or a diagnosed failure, or cancelled. Shared by the wizard and the
//! account screen, with the engine calls they both make.

use super::Env;
use super::diagnosis_view;
use super::text::{T, tr, trf};
use super::timeline::Timeline;
use super::worker::Job;
use egui::Ui;
use smtp_setup::accounts::{AccountError, AccountRecord, AccountStore};
use smtp_setup::diagnosis::{Diagnosis, Evidence, SetupStep, diagnose};
use smtp_setup::smtp::{CheckOptions, CheckReport, EventSink, Route, TestSend, run_check};

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
            AccountError::OAuth(error) => Failure {
                diagnosis: Some(diagnose(Evidence::Text(&error.to_string()))),
                message: error.to_string(),
            },
            other => Failure::local(T::KeychainRead, other),
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
                ui.colored_label(ui.visuals().error_fg_color, &self.message);
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
    Cancelled {
        timeline: Timeline,
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
    /// when the task finished in this call.
    pub fn poll(&mut self) -> bool {
        let finished = match self {
            Task::Running { job, timeline } => {
                for event in job.drain_events() {
                    timeline.apply(&event);
                }
                job.try_result()
            }
            _ => None,
        };
        if let Some(result) = finished
            && let Task::Running { mut timeline, .. } = std::mem::replace(self, Task::Idle)
        {
            timeline.stop(tr(T::NotNeeded));
            *self = Task::Finished { result, timeline };
            return true;
        }
        false
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
            *self = Task::Cancelled { timeline };
        }
    }

    pub fn timeline(&self) -> Option<&Timeline> {
        match self {
            Task::Running { timeline, .. }
            | Task::Finished { timeline, .. }
            | Task::Cancelled { timeline } => Some(timeline),
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

/// Checks (or test-sends with) a stored account: the login from the keychain (and, for
/// Google sign-in, a fresh access token), the result recorded in the index.
pub async fn check_stored(
    store: AccountStore,
    record: AccountRecord,
    options: CheckOptions,
    send: Option<TestSend>,
    sink: EventSink,
) -> Result<CheckReport, Failure> {
    let credential = store.login(&record).await.map_err(Failure::from_login)?;
    let report = run_check(&options, &credential, send.as_ref(), sink).await;
    let recorded = report.clone();
    // The badge in the account list; a result that cannot be recorded still shows.
    let _ =
        tokio::task::spawn_blocking(move || store.record_result(&record.address, &recorded)).await;
    Ok(report)
}
