//! The setup wizard: six pages from "nothing works" to a stored, tested credential. One file
//! per page; each page owns its state (`Page`), and what the pages share is the `SetupDraft`.
//! Each frame the current page first takes in finished work (`poll`), then draws (`ui`); both
//! return an `Action`, which only this module carries out. Starting over is a new `Wizard`.

mod account;
mod app_password;
mod done;
mod draft;
pub mod flow;
mod oauth_client;
pub mod progress;
mod send;
mod sign_in;
mod two_step;
mod verify;

use super::diagnosis_view::{self, Chosen, Offer};
use super::style::{GAP, Tone};
use super::task::Failure;
use super::text::{T, tr, trf};
use super::{Env, Nav};
use draft::SetupDraft;
use egui::{RichText, Ui};
use flow::{Method, Mode, Step};
use progress::{Progress, ProgressFile};
use smtp_setup::address::EmailAddress;

/// What a page asks the wizard to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    Next,
    GoTo(Step),
    /// Run the page's work (again): verify, send, sign in.
    Again,
    /// Stop the page's running work.
    Cancel,
    /// The address is stored: check it again, or replace its secret.
    StoredAccount(Mode),
    /// The next account, from step 1.
    Restart,
    /// To the account list.
    Leave,
}

/// The current page and its own state.
enum Page {
    Account(account::AccountPage),
    TwoStep,
    AppPassword(app_password::AppPasswordPage),
    OAuthClient(oauth_client::OAuthClientPage),
    SignIn(sign_in::SignInPage),
    Verify(verify::VerifyPage),
    TestMessage(send::SendPage),
    Done,
}

impl Page {
    fn step(&self) -> Step {
        match self {
            Page::Account(_) => Step::Account,
            Page::TwoStep => Step::TwoStep,
            Page::AppPassword(_) => Step::AppPassword,
            Page::OAuthClient(_) => Step::OAuthClient,
            Page::SignIn(_) => Step::SignIn,
            Page::Verify(_) => Step::Verify,
            Page::TestMessage(_) => Step::TestMessage,
            Page::Done => Step::Done,
        }
    }

    /// The page for `step`, starting what it does on arrival (a verify page verifies).
    fn enter(step: Step, draft: &mut SetupDraft, env: &mut Env, ctx: &egui::Context) -> Page {
        match step {
            Step::Account => Page::Account(account::AccountPage),
            Step::TwoStep => Page::TwoStep,
            Step::AppPassword => Page::AppPassword(app_password::AppPasswordPage::default()),
            Step::OAuthClient => Page::OAuthClient(oauth_client::OAuthClientPage::new(draft)),
            Step::SignIn => Page::SignIn(sign_in::SignInPage::default()),
            Step::Verify => Page::Verify(verify::VerifyPage::start(draft, env, ctx)),
            Step::TestMessage => Page::TestMessage(send::SendPage::new(draft)),
            Step::Done => Page::Done,
        }
    }

    /// Work still running, which navigation must not leave behind.
    fn busy(&self) -> bool {
        match self {
            Page::SignIn(page) => page.busy(),
            Page::Verify(page) => page.busy(),
            Page::TestMessage(page) => page.busy(),
            _ => false,
        }
    }
}

pub struct Wizard {
    draft: SetupDraft,
    page: Page,
    progress: ProgressFile,
}

impl Wizard {
    /// Starts where the last run stopped (see `flow::resume_at`).
    pub fn resume(env: &Env) -> Wizard {
        let progress = ProgressFile::in_dir(env.config.store.index.dir());
        let saved = progress.load();
        let stored = env.accounts.find(&saved.address).is_some();
        let step = saved.step.map_or(Step::Account, |step| {
            flow::resume_at(step, saved.method, stored)
        });
        let draft = SetupDraft::new(saved.address, saved.method, saved.mode);
        Wizard {
            page: Page::resumed(step),
            draft,
            progress,
        }
    }

    /// A new setup from step 1, forgetting any earlier progress ("Add account…").
    pub fn fresh(env: &Env) -> Wizard {
        let progress = ProgressFile::in_dir(env.config.store.index.dir());
        let clearing = progress.clone();
        env.worker.detach(move || clearing.clear());
        Wizard {
            draft: SetupDraft::new(String::new(), Method::default(), Mode::New),
            page: Page::Account(account::AccountPage),
            progress,
        }
    }

    /// Sign in again for a stored Google sign-in account (from the account list).
    pub fn reauthorize(env: &Env, address: &EmailAddress) -> Wizard {
        let mut wizard = Wizard::fresh(env);
        wizard.draft = SetupDraft::new(address.to_string(), Method::OAuth, Mode::Replace);
        let step = flow::next(Step::Account, Mode::Replace, Method::OAuth);
        wizard.page = Page::resumed(step);
        wizard
    }

    /// The step on screen.
    pub fn step(&self) -> Step {
        self.page.step()
    }

    /// Whether the page's work is running.
    pub fn busy(&self) -> bool {
        self.page.busy()
    }

    /// Takes in finished work for the current page (before anything is drawn).
    pub fn poll(&mut self, env: &mut Env, ctx: &egui::Context) {
        let action = match &mut self.page {
            Page::OAuthClient(page) => page.poll(),
            Page::SignIn(page) => page.poll(env, &mut self.draft),
            Page::Verify(page) => page.poll(&mut self.draft, env, ctx),
            Page::TestMessage(page) => page.poll(env, ctx),
            _ => None,
        };
        if let Some(action) = action {
            self.act(action, env, ctx);
        }
    }

    /// Draws the wizard into the window's root `ui`: steps on top, Back/Continue at the
    /// bottom, the current page in between. Returns the screen to go to, if any.
    pub fn show(&mut self, ui: &mut Ui, env: &mut Env) -> Option<Nav> {
        let ctx = ui.ctx().clone();
        let mut action = None;
        egui::Panel::top("wizard-steps").show(ui, |ui| {
            ui.add_space(GAP / 2.0);
            if let Some(error) = &env.accounts_error {
                ui.colored_label(Tone::Error.color(ui), error);
            }
            if !env.accounts.accounts.is_empty()
                && !self.page.busy()
                && ui.button(tr(T::ToAccounts)).clicked()
            {
                action = Some(Action::Leave);
            }
            if let Some(step) = step_indicator(ui, self.step(), self.draft.method, self.page.busy())
            {
                action = Some(Action::GoTo(step));
            }
        });
        let can_continue = self.can_continue(env) && !self.page.busy();
        egui::Panel::bottom("wizard-navigation").show(ui, |ui| {
            ui.add_space(GAP * 0.75);
            if let Some(chosen) = self.navigation(ui, can_continue) {
                action = Some(chosen);
            }
            ui.add_space(GAP / 2.0);
        });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt(("wizard-body", self.step()))
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.set_max_width(680.0);
                    let chosen = match &mut self.page {
                        Page::Account(page) => page.ui(ui, env, &mut self.draft),
                        Page::TwoStep => two_step::ui(ui, env),
                        Page::AppPassword(page) => page.ui(ui, env, &mut self.draft),
                        Page::OAuthClient(page) => page.ui(ui, env, &self.draft),
                        Page::SignIn(page) => page.ui(ui, env, &self.draft),
                        Page::Verify(page) => page.ui(ui, env, &self.draft),
                        Page::TestMessage(page) => page.ui(ui, env, &mut self.draft),
                        Page::Done => done::ui(ui, env, &self.draft),
                    };
                    if chosen.is_some() {
                        action = chosen;
                    }
                });
        });
        // Enter continues, once the page has taken in this frame's typing (so a fast typist's
        // last letter is never lost) and only next frame draws the next page (so its
        // focused button does not see the same Enter).
        let entered = ui.input(|i| i.key_pressed(egui::Key::Enter));
        if action.is_none() && entered && self.can_continue(env) && !self.page.busy() {
            action = Some(Action::Next);
        }
        let leave = action == Some(Action::Leave);
        if let Some(action) = action {
            self.act(action, env, &ctx);
        }
        leave.then_some(Nav::Accounts)
    }

    /// Whether Continue may be pressed on the current page.
    fn can_continue(&self, env: &Env) -> bool {
        match &self.page {
            Page::Account(_) => self.draft.user().is_some() && self.draft.stored(env).is_none(),
            Page::TwoStep => true,
            Page::AppPassword(_) => self.draft.app_password().is_ok(),
            Page::OAuthClient(page) => page.client().is_ok(),
            Page::SignIn(_) => self.draft.grant.is_some(),
            Page::Verify(page) => page.verified(),
            Page::TestMessage(page) => page.sent(),
            Page::Done => false,
        }
    }

    fn navigation(&self, ui: &mut Ui, can_continue: bool) -> Option<Action> {
        let step = self.step();
        let busy = self.page.busy();
        let mut chosen = None;
        ui.horizontal(|ui| {
            if step != Step::Account && !busy && ui.button(tr(T::Back)).clicked() {
                let back = flow::back(step, self.draft.mode, self.draft.method);
                chosen = Some(Action::GoTo(back));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let label = match step {
                    Step::TwoStep => tr(T::TwoStepDone),
                    _ => tr(T::Continue),
                };
                if step != Step::Done
                    && ui
                        .add_enabled(
                            can_continue,
                            egui::Button::new(RichText::new(label).strong()),
                        )
                        .clicked()
                {
                    chosen = Some(Action::Next);
                }
                let skippable = matches!(&self.page, Page::TestMessage(page) if !page.sent());
                if skippable && !busy && ui.button(tr(T::Skip)).clicked() {
                    chosen = Some(Action::GoTo(Step::Done));
                }
            });
        });
        chosen
    }

    /// Carries out a page's or the navigation's action.
    fn act(&mut self, action: Action, env: &mut Env, ctx: &egui::Context) {
        match action {
            Action::Again => match &mut self.page {
                Page::Verify(page) => *page = verify::VerifyPage::start(&self.draft, env, ctx),
                Page::TestMessage(page) => page.start(env, ctx, &self.draft),
                Page::SignIn(page) => page.start(env, ctx, &mut self.draft),
                _ => {}
            },
            Action::Cancel => match &mut self.page {
                Page::Verify(page) => page.cancel(),
                Page::TestMessage(page) => page.cancel(),
                Page::SignIn(page) => page.cancel(),
                _ => {}
            },
            Action::Next => {
                let next = flow::next(self.step(), self.draft.mode, self.draft.method);
                self.go_to(next, env, ctx);
            }
            Action::GoTo(step) => self.go_to(step, env, ctx),
            Action::StoredAccount(mode) => {
                self.draft.mode = mode;
                let next = flow::next(Step::Account, mode, self.draft.method);
                self.go_to(next, env, ctx);
            }
            Action::Restart => {
                *self = Wizard::fresh(env);
            }
            Action::Leave => {
                let clearing = self.progress.clone();
                if self.step() == Step::Done {
                    env.worker.detach(move || clearing.clear());
                }
            }
        }
    }

    /// Moves to `step` and saves the progress (off the frame).
    fn go_to(&mut self, step: Step, env: &mut Env, ctx: &egui::Context) {
        if step == self.step() {
            return;
        }
        // What the page leaves for the next ones.
        if let Page::OAuthClient(page) = &self.page {
            self.draft.client = page.client().ok();
        }
        if step == Step::Account {
            self.draft.mode = Mode::New;
        }
        self.page = Page::enter(step, &mut self.draft, env, ctx);
        let (file, progress) = (
            self.progress.clone(),
            Progress {
                step: Some(step),
                address: self.draft.address.trim().to_string(),
                mode: self.draft.mode,
                method: self.draft.method,
            },
        );
        env.worker.detach(move || file.save(&progress));
    }
}

impl Page {
    /// A page shown on start, before any work runs: a resumed verify or test step shows
    /// its page idle rather than starting by itself.
    fn resumed(step: Step) -> Page {
        match step {
            Step::Account => Page::Account(account::AccountPage),
            Step::TwoStep => Page::TwoStep,
            Step::AppPassword => Page::AppPassword(app_password::AppPasswordPage::default()),
            Step::OAuthClient => Page::OAuthClient(oauth_client::OAuthClientPage::default()),
            Step::SignIn => Page::SignIn(sign_in::SignInPage::default()),
            Step::Verify => Page::Verify(verify::VerifyPage::default()),
            Step::TestMessage => Page::TestMessage(send::SendPage::default()),
            Step::Done => Page::Done,
        }
    }
}

/// The name of a step, as the step indicator and "Go to …" say it.
pub fn step_name(step: Step) -> &'static str {
    tr(match step {
        Step::Account => T::StepAccount,
        Step::TwoStep => T::StepTwoStep,
        Step::AppPassword => T::StepAppPassword,
        Step::OAuthClient => T::StepOAuthClient,
        Step::SignIn => T::StepSignIn,
        Step::Verify => T::StepVerify,
        Step::TestMessage => T::StepTestMessage,
        Step::Done => T::StepDone,
    })
}

/// The steps in a row: done ones can be clicked to go back to; returns the one clicked.
fn step_indicator(ui: &mut Ui, current: Step, method: Method, busy: bool) -> Option<Step> {
    let current_number = flow::number(current, method);
    let mut clicked = None;
    ui.horizontal_wrapped(|ui| {
        for (index, step) in flow::steps(method).into_iter().enumerate() {
            let number = index + 1;
            let name = step_name(step);
            if number < current_number && !busy {
                let link = ui.link(format!("✔ {name}"));
                if link.clicked() {
                    clicked = Some(step);
                }
            } else if step == current {
                ui.label(
                    RichText::new(format!("{number} {name}"))
                        .strong()
                        .color(ui.visuals().strong_text_color()),
                );
            } else {
                ui.label(RichText::new(format!("{number} {name}")).weak());
            }
            if step != Step::Done {
                ui.label(RichText::new("›").weak());
            }
        }
    });
    ui.label(
        RichText::new(trf(T::StepOf, &[("n", &current_number.to_string())]))
            .small()
            .weak(),
    );
    clicked
}

/// A failure on a wizard page: its diagnosis, offering a re-check (labelled `recheck`) and
/// the page that fixes its target when that is another page; or its message. Returns what
/// the person chose, as an action (a re-check is `Next` for the caller to read as "again").
fn show_failure(
    ui: &mut Ui,
    env: &mut Env,
    failure: &Failure,
    here: Step,
    method: Method,
    recheck: Option<T>,
) -> Option<Action> {
    let Some(diagnosis) = &failure.diagnosis else {
        ui.colored_label(
            Tone::Error.color(ui),
            smtp_setup::untrusted::inert(&failure.message).as_ref(),
        );
        return None;
    };
    let fixing = diagnosis
        .target
        .and_then(|target| flow::page_for(target, method))
        .filter(|step| *step != here);
    let offer = Offer {
        recheck,
        go_to: fixing.map(step_name),
    };
    match diagnosis_view::show(ui, env, diagnosis, offer)? {
        Chosen::Recheck => Some(Action::Again),
        Chosen::GoTo(_) => fixing.map(Action::GoTo),
    }
}

/// A heading and an intro paragraph, the same on every page.
fn heading(ui: &mut Ui, title: T, intro: Option<&str>) {
    ui.add_space(GAP * 0.75);
    ui.heading(tr(title));
    if let Some(intro) = intro {
        ui.label(intro);
    }
    ui.add_space(GAP * 0.75);
}
