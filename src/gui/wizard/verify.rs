//! Step 4: sign in to Gmail with the live timeline; save to the keychain only on success.
//! In re-test mode it checks the stored secret instead.

use super::flow::{Method, Mode};
use super::{Env, Verified, Wizard, app_password, heading};
use crate::gui::task::{Failure, Task, check_stored, record_route};
use crate::gui::text::{T, tr, trf};
use egui::{Color32, RichText, Ui};
use smtp_setup::accounts::{AccountError, NewSecret, Verification};
use smtp_setup::diagnosis::SetupStep;
use zeroize::Zeroizing;

impl Wizard {
    pub(super) fn start_verify(&mut self, env: &mut Env, ctx: &egui::Context) {
        if self.mode == Mode::Retest {
            return self.start_retest(env, ctx);
        }
        let new = match self.method {
            Method::AppPassword => app_password::parse(&self.password)
                .ok()
                .map(NewSecret::AppPassword),
            Method::OAuth => self.grant.clone().map(NewSecret::OAuth),
        };
        let (Some(user), Some(new)) = (self.user(), new) else {
            return;
        };
        let options = match env.config.check_options() {
            Ok(options) => options,
            Err(error) => {
                return self.verify = Task::failed(Failure::local(T::SettingsProblem, error));
            }
        };
        let store = env.config.store.clone();
        let job = env.worker.spawn(ctx, move |sink| async move {
            let verification = Verification::Check {
                options: &options,
                sink,
            };
            match store.save(&user, new, verification).await {
                Ok(saved) => {
                    let route = saved
                        .report
                        .as_ref()
                        .and_then(|r| r.outcome.as_ref().ok())
                        .map(|s| s.route.clone());
                    Ok(Verified {
                        route: route.unwrap_or_else(|| record_route(&saved.record)),
                        record: saved.record,
                    })
                }
                Err(AccountError::NotVerified(report)) => Err(Failure::from_report(&report)),
                Err(AccountError::OAuth(error)) => {
                    Err(Failure::from_login(AccountError::OAuth(error)))
                }
                Err(error) => Err(Failure::local(T::KeychainProblem, error)),
            }
        });
        self.verify = Task::running(job);
    }

    /// Checks the stored secret on the stored route and records the result.
    fn start_retest(&mut self, env: &mut Env, ctx: &egui::Context) {
        let Some(record) = self.stored(env) else {
            return;
        };
        let options = match env.config.options_for(&record_route(&record)) {
            Ok(options) => options,
            Err(error) => {
                return self.verify = Task::failed(Failure::local(T::SettingsProblem, error));
            }
        };
        let store = env.config.store.clone();
        let job = env.worker.spawn(ctx, move |sink| async move {
            let report = check_stored(store, record.clone(), options, None, sink).await?;
            match &report.outcome {
                Ok(success) => Ok(Verified {
                    route: success.route.clone(),
                    record,
                }),
                Err(_) => Err(Failure::from_report(&report)),
            }
        });
        self.verify = Task::running(job);
    }

    pub(super) fn show_verify(&mut self, ui: &mut Ui, env: &mut Env) {
        if let Task::Finished {
            result: Ok(verified),
            ..
        } = &self.verify
        {
            // Saved in the keychain: the typed copy is no longer needed.
            if !self.password.is_empty() {
                self.password = Zeroizing::new(String::new());
                env.accounts.upsert(verified.record.clone());
            }
        }
        let retest = self.mode == Mode::Retest;
        let server = env.config.host.clone();
        let intro_text = match self.method {
            Method::AppPassword => T::VerifyIntro,
            Method::OAuth => T::VerifyIntroOAuth,
        };
        let intro = trf(intro_text, &[("server", &server)]);
        heading(
            ui,
            if retest {
                T::RetestHeading
            } else {
                T::VerifyHeading
            },
            (!retest).then_some(intro.as_str()),
        );

        let mut restart = false;
        let mut cancel = false;
        let mut go_to = None;
        ui.horizontal(|ui| match &self.verify {
            Task::Running { .. } => {
                ui.spinner();
                ui.label(tr(T::VerifyRunning));
                cancel = ui.button(tr(T::Cancel)).clicked();
            }
            Task::Finished { result: Ok(_), .. } => {}
            _ => restart = ui.button(tr(T::VerifyAgain)).clicked(),
        });
        match &self.verify {
            Task::Finished {
                result: Ok(verified),
                ..
            } => {
                let done = match (retest, self.method) {
                    (true, _) => T::RetestOk,
                    (false, Method::AppPassword) => T::VerifySaved,
                    (false, Method::OAuth) => T::VerifySavedOAuth,
                };
                ui.colored_label(
                    Color32::from_rgb(0x1e, 0x8e, 0x3e),
                    RichText::new(tr(done)).strong(),
                );
                ui.label(trf(
                    T::VerifyRoute,
                    &[("route", &verified.route.to_string())],
                ));
            }
            Task::Finished {
                result: Err(failure),
                ..
            } => {
                go_to = failure.show(ui, env, Some(SetupStep::Verify));
            }
            Task::Cancelled { .. } => {
                ui.label(tr(T::VerifyCancelled));
            }
            _ => {}
        }
        ui.add_space(6.0);
        if let Some(timeline) = self.verify.timeline() {
            timeline.show(ui);
        }

        if cancel {
            self.verify.cancel();
        }
        if restart {
            self.start_verify(env, ui.ctx());
        }
        if let Some(step) = go_to {
            self.go_to(step, env, ui.ctx());
        }
    }
}
