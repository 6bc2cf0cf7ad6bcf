//! Step 3 for Google sign-in: one job binds the loopback listener, hands the address to the
//! window (shown at once, for when no browser opens), opens the browser off the frame, waits
//! for Google's redirect and exchanges the code for a refresh token. Cancel stops waiting.

use super::draft::SetupDraft;
use super::flow::Step;
use super::{Action, heading};
use crate::gui::Env;
use crate::gui::link::Opened;
use crate::gui::style::{self, GAP, Tone};
use crate::gui::task::{Failure, Polled, Progress, Task};
use crate::gui::text::{T, tr, trf};
use egui::Ui;
use smtp_setup::oauth::{DEFAULT_BROWSER_TIMEOUT, Grant, start_authorization};

/// What the sign-in job reports before its grant.
pub enum SignInEvent {
    /// The address to open, and (if tried) whether a browser took it.
    Url(String, Option<bool>),
}

/// The sign-in's address once the listener runs.
#[derive(Default)]
pub struct SignInProgress {
    url: Option<(String, Option<bool>)>,
    /// Whether the window recorded the address among the pages it opened.
    recorded: bool,
}

impl Progress for SignInProgress {
    type Event = SignInEvent;
    fn apply(&mut self, SignInEvent::Url(url, opened): SignInEvent) {
        self.url = Some((url, opened));
    }
}

#[derive(Default)]
pub struct SignInPage {
    task: Task<Grant, SignInProgress>,
    /// The person said their OAuth client is published; otherwise it is taken to be in
    /// "Testing" (where every new client starts), whose sign-ins Google ends after 7 days.
    published: bool,
}

impl SignInPage {
    pub fn busy(&self) -> bool {
        self.task.is_running()
    }

    /// Takes in the address (recorded as a page opened) and the grant (into the draft).
    pub fn poll(&mut self, env: &mut Env, draft: &mut SetupDraft) -> Option<Action> {
        if self.task.poll() == Polled::Finished
            && let Some(grant) = self.task.succeeded()
        {
            draft.grant = Some(grant.clone());
        }
        // Recorded with the account, so the card can say when the sign-in ends.
        if let Some(grant) = &mut draft.grant {
            grant.testing = Some(!self.published);
        }
        if let Task::Running { progress, .. } = &mut self.task
            && let (Some((url, opened)), false) = (&progress.url, progress.recorded)
        {
            let state = match opened {
                Some(true) => Opened::InBrowser,
                Some(false) => Opened::NoBrowser,
                None => Opened::NotTried,
            };
            env.links.record(url, state);
            progress.recorded = true;
        }
        None
    }

    pub fn cancel(&mut self) {
        self.task.cancel();
    }

    /// Starts the sign-in (again).
    pub fn start(&mut self, env: &Env, ctx: &egui::Context, draft: &mut SetupDraft) {
        let (Some(user), Some(client)) = (draft.user(), draft.client.clone()) else {
            return;
        };
        draft.grant = None;
        let use_browser = env.config.use_browser;
        self.task = Task::start(&env.worker, ctx, move |report| async move {
            let fail = |e| Failure::from_oauth(&e, &user);
            let pending = start_authorization(&client, &user).await.map_err(fail)?;
            let url = pending.url().to_string();
            let opened = use_browser.then(|| open::that_detached(&url).is_ok());
            report.send(SignInEvent::Url(url, opened));
            pending.finish(DEFAULT_BROWSER_TIMEOUT).await.map_err(fail)
        });
    }

    pub fn ui(&mut self, ui: &mut Ui, env: &mut Env, draft: &SetupDraft) -> Option<Action> {
        heading(ui, T::SignInHeading, Some(tr(T::SignInIntro)));
        let mut action = None;
        match &self.task {
            Task::Running { progress, .. } => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr(T::SignInWaiting));
                    if ui.button(tr(T::Cancel)).clicked() {
                        action = Some(Action::Cancel);
                    }
                });
                if let Some((url, _)) = &progress.url {
                    ui.add_space(GAP);
                    ui.label(tr(T::SignInUrl));
                    ui.horizontal_wrapped(|ui| style::copyable(ui, url));
                }
            }
            Task::Finished { result: Ok(_), .. } => {
                style::status(
                    ui,
                    Tone::Success,
                    &trf(T::SignedIn, &[("address", draft.address.trim())]),
                );
                ui.add_space(GAP / 2.0);
                if ui.button(tr(T::SignInAgain)).clicked() {
                    action = Some(Action::Again);
                }
            }
            Task::Finished {
                result: Err(failure),
                ..
            } => {
                action = super::show_failure(
                    ui,
                    env,
                    failure,
                    Step::SignIn,
                    draft.method,
                    Some(T::SignInButton),
                );
            }
            Task::Idle | Task::Cancelled { .. } => {}
        }
        ui.add_space(GAP);
        ui.checkbox(&mut self.published, tr(T::OAuthPublished))
            .on_hover_text(tr(T::OAuthPublishedWhy));
        action
    }
}
