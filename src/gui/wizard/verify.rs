//! Step 4: sign in to Gmail with the live timeline; save to the keychain only on success.
//! In re-test mode (or when the secret is saved already) it checks the stored account.

use super::draft::SetupDraft;
use super::flow::{Method, Mode, Step};
use super::{Action, heading, show_failure};
use crate::gui::Env;
use crate::gui::fields::Refused;
use crate::gui::style::{self, GAP, Tone};
use crate::gui::task::{Failure, Polled, Task};
use crate::gui::text::{T, tr, trf};
use crate::gui::timeline::Timeline;
use egui::Ui;
use smtp_setup::accounts::{AccountRecord, NewSecret, Verification};
use smtp_setup::diagnosis::{Cause, FixTarget};
use smtp_setup::smtp::Route;
use zeroize::Zeroizing;

pub struct Verified {
    pub record: AccountRecord,
    pub route: Route,
}

#[derive(Default)]
pub struct VerifyPage {
    task: Task<Verified, Timeline>,
    /// A stored account checked again, not a new secret saved.
    retest: bool,
}

impl VerifyPage {
    /// Verifies and saves the entered secret, or checks the stored account again.
    pub fn start(draft: &SetupDraft, env: &Env, ctx: &egui::Context) -> VerifyPage {
        let new = match draft.method {
            Method::AppPassword => draft.app_password().ok().map(NewSecret::AppPassword),
            Method::OAuth => draft.grant.clone().map(NewSecret::OAuth),
        };
        let (Some(user), stored) = (draft.user(), draft.stored(env)) else {
            return VerifyPage::default();
        };
        match (new, stored) {
            (Some(new), _) if draft.mode != Mode::Retest => VerifyPage {
                task: save(env, ctx, user, new),
                retest: false,
            },
            (_, Some(record)) => VerifyPage {
                task: retest(env, ctx, record),
                retest: true,
            },
            _ => VerifyPage::default(),
        }
    }

    pub fn busy(&self) -> bool {
        self.task.is_running()
    }

    pub fn cancel(&mut self) {
        self.task.cancel();
    }

    pub fn failure(&self) -> Option<&Failure> {
        self.task.failure()
    }

    pub fn verified(&self) -> bool {
        self.task.succeeded().is_some()
    }

    /// Takes in the result: once saved, the typed secret is no longer needed, and the list
    /// of accounts shows the new one at once.
    pub fn poll(
        &mut self,
        draft: &mut SetupDraft,
        env: &mut Env,
        ctx: &egui::Context,
    ) -> Option<Action> {
        match self.task.poll() {
            Polled::Finished => {
                // The app password page says so while its field still holds the refused one.
                let refused = self.task.failure().and_then(|f| f.diagnosis.as_ref());
                if draft.method == Method::AppPassword
                    && !self.retest
                    && refused.is_some_and(|d| d.cause == Cause::BadCredentials)
                {
                    draft.refused = Some(Refused::of(&draft.password));
                }
                if let Some(verified) = self.task.succeeded() {
                    draft.password = Zeroizing::new(String::new());
                    draft.refused = None;
                    draft.grant = None;
                    env.accounts.upsert(verified.record.clone());
                }
                env.reload_accounts(ctx);
            }
            Polled::CancelEnded => env.reload_accounts(ctx),
            Polled::Nothing => {}
        }
        None
    }

    pub fn ui(&mut self, ui: &mut Ui, env: &mut Env, draft: &SetupDraft) -> Option<Action> {
        let intro = tr(match draft.method {
            Method::AppPassword => T::VerifyIntro,
            Method::OAuth => T::VerifyIntroOAuth,
        });
        heading(
            ui,
            if self.retest {
                T::RetestHeading
            } else {
                T::VerifyHeading
            },
            (!self.retest).then_some(intro),
        );
        let mut action = None;
        let mut used = None;
        match &self.task {
            Task::Running { .. } => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr(T::VerifyRunning));
                    if ui.button(tr(T::Cancel)).clicked() {
                        action = Some(Action::Cancel);
                    }
                });
            }
            Task::Finished {
                result: Ok(verified),
                ..
            } => {
                let done = match (self.retest, draft.method) {
                    (true, _) => T::RetestOk,
                    (false, Method::AppPassword) => T::VerifySaved,
                    (false, Method::OAuth) => T::VerifySavedOAuth,
                };
                style::status(ui, Tone::Success, tr(done));
                used = Some(&verified.route);
            }
            Task::Finished {
                result: Err(failure),
                ..
            } => {
                // A refused app password is fixed on its page, which the primary button
                // opens: the diagnosis then offers neither a re-check nor a second way there.
                let refused = draft.method == Method::AppPassword
                    && failure.diagnosis.as_ref().and_then(|d| d.target)
                        == Some(FixTarget::Credential);
                action = if refused {
                    show_failure(ui, env, failure, Step::AppPassword, draft.method, None)
                } else {
                    show_failure(
                        ui,
                        env,
                        failure,
                        Step::Verify,
                        draft.method,
                        Some(T::CheckAgain),
                    )
                };
            }
            Task::Cancelled { .. } => style::status(ui, Tone::Neutral, tr(T::VerifyCancelled)),
            Task::Idle => {}
        }
        ui.add_space(GAP);
        if let Some(timeline) = self.task.progress() {
            let note = used.map(|route| trf(T::VerifyRoute, &[("route", &route.to_string())]));
            timeline.details(ui, "verify-details", note.as_deref(), used);
        }
        action
    }
}

/// Verifies the new secret with every route in parallel, then saves it.
fn save(
    env: &Env,
    ctx: &egui::Context,
    user: smtp_setup::address::EmailAddress,
    new: NewSecret,
) -> Task<Verified, Timeline> {
    let (store, connect) = (env.config.store.clone(), env.config.connect.clone());
    Task::start(&env.worker, ctx, move |report| async move {
        let options = connect
            .options(None)
            .map_err(|e| Failure::local(T::SettingsProblem, e))?;
        let verification = Verification::Check {
            options: &options,
            sink: report.sink(),
        };
        let saved = store
            .save(&user, new, verification)
            .await
            .map_err(|e| Failure::from_account(e, &user))?;
        let route = saved
            .report
            .as_ref()
            .and_then(|r| r.outcome.as_ref().ok())
            .map_or_else(|| saved.record.route(), |s| s.route.clone());
        Ok(Verified {
            route,
            record: saved.record,
        })
    })
}

/// Checks the stored account on its stored route (the result is recorded).
fn retest(env: &Env, ctx: &egui::Context, record: AccountRecord) -> Task<Verified, Timeline> {
    let (store, connect) = (env.config.store.clone(), env.config.connect.clone());
    Task::start(&env.worker, ctx, move |report| async move {
        let options = connect
            .options(Some(&record.route()))
            .map_err(|e| Failure::local(T::SettingsProblem, e))?;
        let user = record.address.clone();
        let checked = store
            .check_account(&record, &options, None, report.sink())
            .await
            .map_err(|e| Failure::from_account(e, &user))?;
        match checked.outcome {
            Ok(success) => Ok(Verified {
                route: success.route,
                record,
            }),
            Err(_) => Err(Failure::from_report(&checked, &user)),
        }
    })
}
