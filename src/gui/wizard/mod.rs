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

use super::diagnosis_view::{self, Chosen, Offer, Recheck};
use super::style::{self, GAP, SECTION, Tone};
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
    /// The stored account's settings for an app (from Done).
    UseInApp,
    /// The error decoder (from step 1).
    Decode,
}

/// The page's one primary action: its label, whether it can be pressed, what it does.
struct Primary {
    label: T,
    enabled: bool,
    action: Action,
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
            Step::Account => Page::Account(account::AccountPage::default()),
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
    /// Opened from the account list ("Add account…"): it can go back there even when the
    /// list is empty.
    from_accounts: bool,
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
            from_accounts: false,
        }
    }

    /// A new setup from step 1, forgetting any earlier progress ("Add account…").
    pub fn fresh(env: &Env) -> Wizard {
        let progress = ProgressFile::in_dir(env.config.store.index.dir());
        let clearing = progress.clone();
        env.worker.detach(move || clearing.clear());
        Wizard {
            draft: SetupDraft::new(String::new(), Method::default(), Mode::New),
            page: Page::Account(account::AccountPage::default()),
            progress,
            from_accounts: true,
        }
    }

    /// A new setup from step 1 for `address` (from the error decoder).
    pub fn fresh_for(env: &Env, address: &EmailAddress) -> Wizard {
        let mut wizard = Wizard::fresh(env);
        wizard.draft = SetupDraft::new(address.to_string(), Method::default(), Mode::New);
        wizard
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
            Page::Account(page) => page.poll(env, ctx, &self.draft),
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

    /// Draws the wizard into the window's root `ui`: the steps on top, the footer (back on
    /// the left, the page's one primary action on the right) at the bottom, the page in a
    /// centred column between. Returns the screen to go to, if any.
    pub fn show(&mut self, ui: &mut Ui, env: &mut Env) -> Option<Nav> {
        let ctx = ui.ctx().clone();
        let mut action = None;
        let busy = self.page.busy();
        egui::Panel::top("wizard-steps").show(ui, |ui| {
            ui.add_space(GAP);
            style::column_of(ui, style::STEPS, |ui| {
                if let Some(error) = &env.accounts_error {
                    ui.colored_label(Tone::Error.color(ui), error);
                }
                let attention = self.attention();
                let current = self.step();
                if let Some(step) = step_indicator(ui, current, self.draft.method, busy, attention)
                {
                    action = Some(Action::GoTo(step));
                }
            });
            ui.add_space(GAP / 2.0);
        });
        let primary = self.primary(env);
        style::bottom_bar(ui, "wizard-navigation", |ui| {
            if let Some(chosen) = self.footer(ui, env, &primary) {
                action = Some(chosen);
            }
        });
        let step = self.step();
        style::scrolling_page(ui, ("wizard-body", step), |ui| {
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
            ui.add_space(SECTION);
        });
        // Enter is the primary action, taken once the page has applied this frame's typing
        // (so a fast typist's last letter is never lost); the next page is drawn only next
        // frame, so its focused button does not see the same Enter.
        let entered = ui.input(|i| i.key_pressed(egui::Key::Enter));
        if action.is_none() && entered && primary.enabled {
            action = Some(primary.action);
        }
        let nav = match action {
            Some(Action::Leave) => Some(Nav::Accounts),
            Some(Action::UseInApp) => self.draft.user().map(Nav::UseInApp),
            Some(Action::Decode) => Some(Nav::Decode),
            _ => None,
        };
        if let Some(action) = action {
            self.act(action, env, &ctx);
        }
        nav
    }

    /// The earlier step a failure on this page sends the person back to (the app password
    /// Gmail refused): the step bar marks it as needing attention rather than done.
    fn attention(&self) -> Option<Step> {
        let failure = match &self.page {
            Page::Verify(page) => page.failure(),
            Page::TestMessage(page) => page.failure(),
            _ => None,
        }?;
        let target = failure.diagnosis.as_ref()?.target?;
        flow::page_for(target, self.draft.method).filter(|step| *step != self.step())
    }

    /// On a verify page that failed because of the secret itself (an app password Gmail
    /// refused): the step where a new one is entered.
    fn fix_elsewhere(&self) -> Option<Step> {
        let Page::Verify(page) = &self.page else {
            return None;
        };
        let diagnosis = page.failure()?.diagnosis.as_ref()?;
        match (diagnosis.target?, self.draft.method) {
            (smtp_setup::diagnosis::FixTarget::Credential, Method::AppPassword) => flow::page_for(
                smtp_setup::diagnosis::FixTarget::Credential,
                Method::AppPassword,
            ),
            _ => None,
        }
    }

    /// The page's one primary action, for its state.
    fn primary(&self, env: &Env) -> Primary {
        let (label, enabled, action) = match &self.page {
            Page::Account(page) => {
                let blocked = (self.draft.user().is_some() && self.draft.address_blocked())
                    || page.rules_out_google(env, &self.draft);
                (
                    T::Continue,
                    !self.draft.address.trim().is_empty()
                        && self.draft.stored(env).is_none()
                        && !blocked,
                    Action::Next,
                )
            }
            Page::TwoStep => (T::TwoStepDone, true, Action::Next),
            Page::AppPassword(_) => (
                T::CheckAndSave,
                self.draft.app_password().is_ok(),
                Action::Next,
            ),
            Page::OAuthClient(page) => (T::Continue, page.client().is_ok(), Action::Next),
            Page::SignIn(page) if page.busy() => (T::SignInWaiting, false, Action::Again),
            Page::SignIn(_) if self.draft.grant.is_some() => (T::Continue, true, Action::Next),
            Page::SignIn(_) => (T::SignInButton, self.draft.client.is_some(), Action::Again),
            Page::Verify(page) if page.busy() => (T::VerifyRunning, false, Action::Again),
            Page::Verify(page) if page.verified() => (T::Continue, true, Action::Next),
            // A refused secret is fixed on its page: checking it again would only repeat the no.
            Page::Verify(_) if self.fix_elsewhere().is_some() => (
                T::FixOnItsPage,
                true,
                Action::GoTo(self.fix_elsewhere().unwrap_or(Step::Account)),
            ),
            Page::Verify(_) => (T::CheckAgain, true, Action::Again),
            Page::TestMessage(page) if page.busy() => (T::Sending, false, Action::Again),
            Page::TestMessage(page) if page.sent() => (T::Continue, true, Action::Next),
            Page::TestMessage(page) => (
                if page.tried() {
                    T::SendAgain
                } else {
                    T::SendTest
                },
                self.draft.recipient_ok(),
                Action::Again,
            ),
            Page::Done => (T::Finish, true, Action::Leave),
        };
        Primary {
            label,
            enabled,
            action,
        }
    }

    /// The footer: back (and to the accounts) on the left, the primary action on the right.
    /// It is always the same height, so nothing on the page moves as buttons come and go.
    fn footer(&self, ui: &mut Ui, env: &Env, primary: &Primary) -> Option<Action> {
        let step = self.step();
        let busy = self.page.busy();
        let mut chosen = None;
        ui.horizontal(|ui| {
            // First, so it never moves as the buttons beside it come and go.
            style::theme_switch(ui);
            if (self.from_accounts || !env.accounts.accounts.is_empty())
                && style::secondary_button(ui, tr(T::ToAccounts), !busy).clicked()
            {
                chosen = Some(Action::Leave);
            }
            if step != Step::Account && style::secondary_button(ui, tr(T::Back), !busy).clicked() {
                chosen = Some(Action::GoTo(flow::back(
                    step,
                    self.draft.mode,
                    self.draft.method,
                )));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if style::primary_button(ui, tr(primary.label), primary.enabled).clicked() {
                    chosen = Some(primary.action);
                }
                let skippable = matches!(&self.page, Page::TestMessage(page) if !page.sent());
                if skippable && style::secondary_button(ui, tr(T::Skip), !busy).clicked() {
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
                // The address is checked when the person continues, not while they type.
                if let Page::Account(page) = &mut self.page {
                    if self.draft.address_blocked()
                        || self.draft.stored(env).is_some()
                        || page.rules_out_google(env, &self.draft)
                    {
                        page.touched = true;
                        return;
                    }
                    // A custom domain's mail host is known before Google's pages are shown.
                    if page.must_wait(env, &self.draft) {
                        page.touched = true;
                        return;
                    }
                }
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
            Action::UseInApp | Action::Decode => {}
            Action::Leave => {
                // Finished: the next start is a new setup.
                if self.step() == Step::Done {
                    let clearing = self.progress.clone();
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
            Step::Account => Page::Account(account::AccountPage::default()),
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

/// The steps in a row: done ones can be clicked to go back to, the one a failure points
/// to is marked as needing attention; returns the one clicked. Each item is one unbreakable
/// label, so a narrow window wraps between items, never inside one.
fn step_indicator(
    ui: &mut Ui,
    current: Step,
    method: Method,
    busy: bool,
    attention: Option<Step>,
) -> Option<Step> {
    let current_number = flow::number(current, method);
    let mut clicked = None;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 6.0;
        for (index, step) in flow::steps(method).into_iter().enumerate() {
            let number = index + 1;
            let name = step_name(step);
            let item = |text: RichText| egui::Label::new(text).extend();
            if number < current_number {
                let (mark, tone) = if attention == Some(step) {
                    ("⚠", Tone::Error)
                } else {
                    ("✔", Tone::Success)
                };
                let done = RichText::new(format!("{mark} {name}")).color(tone.color(ui));
                let link = ui.add_enabled(
                    !busy,
                    egui::Button::new(done)
                        .frame(false)
                        .wrap_mode(egui::TextWrapMode::Extend),
                );
                if link.clicked() {
                    clicked = Some(step);
                }
            } else if step == current {
                ui.add(item(
                    RichText::new(format!("{number}. {name}"))
                        .strong()
                        .color(ui.visuals().strong_text_color()),
                ));
            } else {
                ui.add(item(RichText::new(format!("{number}. {name}")).weak()));
            }
            if step != Step::Done {
                ui.add(item(RichText::new("›").weak()));
            }
        }
    });
    ui.label(RichText::new(trf(T::StepOf, &[("n", &current_number.to_string())])).weak());
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
        recheck: recheck.map_or(Recheck::Hidden, Recheck::Hint),
        go_to: fixing.map(|step| trf(T::GoToPage, &[("name", step_name(step))])),
    };
    match diagnosis_view::show(ui, env, diagnosis, offer)? {
        Chosen::Recheck => Some(Action::Again),
        Chosen::GoTo(_) => fixing.map(Action::GoTo),
    }
}

/// A heading and an intro paragraph, the same on every page.
fn heading(ui: &mut Ui, title: T, intro: Option<&str>) {
    style::title(ui, tr(title));
    if let Some(intro) = intro {
        ui.add_space(GAP / 2.0);
        ui.label(intro);
    }
    ui.add_space(SECTION);
}
