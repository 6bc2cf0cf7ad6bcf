//! The one kind of background work the window has: a `Task` runs a job on the worker, takes
//! in its progress events, and ends finished (with a result or a failure) or cancelled. Every
//! screen uses it: wizard steps, account rows, the keychain probe, the Google sign-in. Its
//! result is taken in once, in `poll`, before anything is drawn.

use super::text::{T as Text, trf};
use super::timeline::Timeline;
use super::worker::{Job, Reporter, Stopped, Worker};
use smtp_setup::accounts::AccountError;
use smtp_setup::address::EmailAddress;
use smtp_setup::diagnosis::{Cause, Diagnosis, Evidence, diagnose_for};
use smtp_setup::oauth::OAuthError;
use smtp_setup::smtp::{CheckEvent, CheckReport};
use std::future::Future;

/// Why a task failed.
pub struct Failure {
    /// The engine's diagnosis, when the server, the network or Google said no (boxed: a
    /// failure travels in every task's result).
    pub diagnosis: Option<Box<Diagnosis>>,
    /// A local problem (keychain, settings) in one sentence; shown when there is no diagnosis.
    pub message: String,
}

impl Failure {
    /// The failure of `user`'s check, diagnosed.
    pub fn from_report(report: &CheckReport, user: &EmailAddress) -> Failure {
        let failure = report.outcome.as_ref().err();
        Failure {
            diagnosis: failure.map(|f| Box::new(diagnose_for(Evidence::Failure(f), Some(user)))),
            message: failure.map(|f| f.detail.clone()).unwrap_or_default(),
        }
    }

    /// A failed Google sign-in or token refresh, diagnosed from what it is.
    pub fn from_oauth(error: &OAuthError, user: &EmailAddress) -> Failure {
        Failure {
            diagnosis: Some(Box::new(diagnose_for(Evidence::OAuth(error), Some(user)))),
            message: error.to_string(),
        }
    }

    /// Why a stored account could not be used: a Google sign-in error is diagnosed like any
    /// other, the keychain's own causes (unreadable, no secret) too; a settings file that
    /// cannot be read is said as it is.
    pub fn from_account(error: AccountError, user: &EmailAddress) -> Failure {
        match error {
            AccountError::OAuth(error) => Failure::from_oauth(&error, user),
            AccountError::NotVerified(report) => Failure::from_report(&report, user),
            other => Failure {
                diagnosis: other
                    .cause()
                    .map(|c| Box::new(Diagnosis::for_cause_of(c, user))),
                message: other.to_string(),
            },
        }
    }

    /// A local problem, in the sentence `text` with `{error}` filled in.
    pub fn local(text: Text, error: impl ToString) -> Failure {
        Failure {
            diagnosis: None,
            message: trf(text, &[("error", &error.to_string())]),
        }
    }

    /// A job that panicked: a bug, said as one, with what to report.
    pub fn internal() -> Failure {
        Failure {
            diagnosis: Some(Box::new(Diagnosis::for_cause(Cause::InternalError))),
            message: trf(
                Text::InternalError,
                &[("version", env!("CARGO_PKG_VERSION"))],
            ),
        }
    }
}

/// What a running task shows of its progress: the timeline of a check, the sign-in's
/// address, or nothing.
pub trait Progress: Default {
    type Event: Send + 'static;
    fn apply(&mut self, event: Self::Event);
    /// The task ended while parts of it still ran: they are stopped (cancelled, or not
    /// needed any more).
    fn stop(&mut self, _cancelled: bool) {}
}

impl Progress for () {
    type Event = ();
    fn apply(&mut self, _: ()) {}
}

impl Progress for Timeline {
    type Event = CheckEvent;
    fn apply(&mut self, event: CheckEvent) {
        Timeline::apply(self, &event);
    }
    fn stop(&mut self, cancelled: bool) {
        Timeline::stop(self, cancelled);
    }
}

/// Work whose result is `Ok(T)` or a `Failure`, with progress `P`.
#[derive(Default)]
pub enum Task<T, P: Progress = ()> {
    #[default]
    Idle,
    Running {
        job: Job<Result<T, Failure>, P::Event>,
        progress: P,
    },
    Finished {
        result: Result<T, Failure>,
        progress: P,
    },
    /// Cancelled; `job` until its work has been dropped (a stored account's run is then
    /// recorded as cancelled by the engine).
    Cancelled {
        progress: P,
        job: Option<Job<Result<T, Failure>, P::Event>>,
    },
}

/// What `poll` found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Polled {
    Nothing,
    /// The task finished in this call: its result is there to be taken in.
    Finished,
    /// A cancelled task's work is gone (what it changed is now to be read again).
    CancelEnded,
}

impl<T: Send + 'static, P: Progress> Task<T, P> {
    /// Starts `work` on the worker.
    pub fn start<F>(
        worker: &Worker,
        ctx: &egui::Context,
        work: impl FnOnce(Reporter<P::Event>) -> F,
    ) -> Task<T, P>
    where
        F: Future<Output = Result<T, Failure>> + Send + 'static,
    {
        Task::Running {
            job: worker.spawn(ctx, work),
            progress: P::default(),
        }
    }

    /// Takes in arrived events and a finished result.
    pub fn poll(&mut self) -> Polled {
        match self {
            Task::Running { job, progress } => {
                for event in job.drain_events() {
                    progress.apply(event);
                }
                let Some(result) = job.try_result() else {
                    return Polled::Nothing;
                };
                let result = result.unwrap_or_else(|_: Stopped| Err(Failure::internal()));
                if let Task::Running { mut progress, .. } = std::mem::replace(self, Task::Idle) {
                    progress.stop(false);
                    *self = Task::Finished { result, progress };
                }
                Polled::Finished
            }
            Task::Cancelled { job, .. } => match job.as_ref().map(Job::try_result) {
                Some(Some(_)) => {
                    *job = None;
                    Polled::CancelEnded
                }
                _ => Polled::Nothing,
            },
            Task::Idle | Task::Finished { .. } => Polled::Nothing,
        }
    }

    pub fn is_running(&self) -> bool {
        matches!(self, Task::Running { .. })
    }

    pub fn succeeded(&self) -> Option<&T> {
        match self {
            Task::Finished { result: Ok(ok), .. } => Some(ok),
            _ => None,
        }
    }

    pub fn failure(&self) -> Option<&Failure> {
        match self {
            Task::Finished {
                result: Err(failure),
                ..
            } => Some(failure),
            _ => None,
        }
    }

    pub fn cancel(&mut self) {
        if let Task::Running { job, mut progress } = std::mem::replace(self, Task::Idle) {
            job.cancel();
            progress.stop(true);
            *self = Task::Cancelled {
                progress,
                job: Some(job),
            };
        }
    }

    pub fn progress(&self) -> Option<&P> {
        match self {
            Task::Running { progress, .. }
            | Task::Finished { progress, .. }
            | Task::Cancelled { progress, .. } => Some(progress),
            Task::Idle => None,
        }
    }
}
