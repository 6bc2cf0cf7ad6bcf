//! Step 3 for Google sign-in: the browser opens Google's consent page (the address is shown
//! too), Google sends it back to a one-shot listener on 127.0.0.1, and the code becomes a
//! refresh token. Cancel stops waiting.

use super::{Env, Wizard, heading};
use crate::gui::task::Failure;
use crate::gui::text::{T, tr, trf};
use crate::gui::worker::{Job, Stopped};
use egui::{Color32, RichText, Ui};
use smtp_setup::oauth::{
    DEFAULT_BROWSER_TIMEOUT, Grant, OAuthError, PendingAuthorization, start_authorization,
};

/// Where the sign-in is.
#[derive(Default)]
pub(super) enum SignIn {
    #[default]
    Idle,
    /// Binding the listener and building the address.
    Starting(Job<Result<PendingAuthorization, OAuthError>>),
    /// The browser has the address; waiting for Google's redirect.
    Waiting {
        url: String,
        job: Job<Result<Grant, OAuthError>>,
    },
    Failed(Failure),
    Done,
}

impl SignIn {
    pub(super) fn is_running(&self) -> bool {
        matches!(self, SignIn::Starting(_) | SignIn::Waiting { .. })
    }
}

/// The failed state for a finished sign-in job that did not succeed.
fn failed(result: Result<OAuthError, Stopped>) -> SignIn {
    SignIn::Failed(match result {
        Ok(error) => Failure::from_oauth(&error),
        Err(_) => Failure::internal(),
    })
}

impl Wizard {
    /// Takes in the listener, then the grant, as they arrive.
    pub(super) fn poll_sign_in(&mut self, env: &mut Env, ctx: &egui::Context) {
        self.take_loaded_client();
        let next = match &self.sign_in {
            SignIn::Starting(job) => match job.try_result() {
                Some(Ok(Ok(pending))) => {
                    let url = pending.url().to_string();
                    env.links.open(&url);
                    let job = env
                        .worker
                        .spawn(ctx, move |_| pending.finish(DEFAULT_BROWSER_TIMEOUT));
                    Some(SignIn::Waiting { url, job })
                }
                Some(Ok(Err(error))) => Some(failed(Ok(error))),
                Some(Err(stopped)) => Some(failed(Err(stopped))),
                None => None,
            },
            SignIn::Waiting { job, .. } => match job.try_result() {
                Some(Ok(Ok(grant))) => {
                    self.grant = Some(grant);
                    Some(SignIn::Done)
                }
                Some(Ok(Err(error))) => Some(failed(Ok(error))),
                Some(Err(stopped)) => Some(failed(Err(stopped))),
                None => None,
            },
            _ => None,
        };
        if let Some(next) = next {
            self.sign_in = next;
        }
    }

    fn start_sign_in(&mut self, env: &mut Env, ctx: &egui::Context) {
        let (Some(user), Ok(client)) = (self.user(), self.oauth_client()) else {
            return;
        };
        self.grant = None;
        self.sign_in = SignIn::Starting(env.worker.spawn(ctx, move |_| async move {
            start_authorization(&client, &user).await
        }));
    }

    pub(super) fn show_sign_in(&mut self, ui: &mut Ui, env: &mut Env) {
        heading(ui, T::SignInHeading, Some(tr(T::SignInIntro)));
        let mut start = false;
        let mut cancel = false;
        let mut go_to = None;
        match &self.sign_in {
            SignIn::Idle | SignIn::Failed(_) => {
                start = ui
                    .button(RichText::new(tr(T::SignInButton)).strong())
                    .clicked();
            }
            SignIn::Starting(_) | SignIn::Waiting { .. } => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr(T::SignInWaiting));
                    cancel = ui.button(tr(T::Cancel)).clicked();
                });
            }
            SignIn::Done => {
                ui.colored_label(
                    Color32::from_rgb(0x1e, 0x8e, 0x3e),
                    RichText::new(trf(T::SignedIn, &[("address", self.address.trim())])).strong(),
                );
                start = ui.button(tr(T::SignInAgain)).clicked();
            }
        }
        if let SignIn::Waiting { url, .. } = &self.sign_in {
            ui.label(tr(T::SignInUrl));
            ui.add(
                egui::Label::new(RichText::new(url.as_str()).monospace().small()).selectable(true),
            );
            if ui.small_button(tr(T::Copy)).clicked() {
                ui.ctx().copy_text(url.clone());
            }
        }
        if let SignIn::Failed(failure) = &self.sign_in {
            go_to = failure.show(ui, env, None);
        }
        if cancel {
            self.sign_in = SignIn::Idle;
        }
        if start {
            self.start_sign_in(env, ui.ctx());
        }
        if let Some(step) = go_to {
            self.go_to(step, env, ui.ctx());
        }
    }
}
