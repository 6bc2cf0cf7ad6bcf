//! The setup wizard: six steps from "nothing works" to a stored, tested credential.
//! One file per step; this one holds the shared state, the step indicator and Back/Continue.

mod account;
mod app_password;
mod done;
pub mod flow;
mod oauth_client;
mod oauth_sign_in;
pub mod progress;
mod send;
mod two_step;
mod verify;

use super::diagnosis_view::step_name;
use super::task::Task;
use super::text::{T, tr, trf};
use super::{Env, Nav};
use egui::{RichText, Ui};
use flow::Method;
use flow::Mode;
use oauth_sign_in::SignIn;
use progress::{Progress, ProgressFile};
use smtp_setup::accounts::AccountRecord;
use smtp_setup::address::EmailAddress;
use smtp_setup::diagnosis::SetupStep;
use smtp_setup::oauth::{Grant, OAuthClient};
use smtp_setup::smtp::{Reply, Route};
use zeroize::Zeroizing;

pub struct Verified {
    pub record: AccountRecord,
    pub route: Route,
}

pub struct Sent {
    pub reply: Reply,
    pub elapsed_ms: u64,
}

pub struct Wizard {
    pub step: SetupStep,
    mode: Mode,
    method: Method,
    address: String,
    /// The app password as typed; zeroized when replaced or dropped, never saved by the wizard.
    password: Zeroizing<String>,
    show_password: bool,
    recipient: String,
    verify: Task<Verified>,
    send: Task<Sent>,
    progress: ProgressFile,
    /// Set when the person leaves for the account list.
    leave: bool,
    /// Google sign-in: the OAuth client as entered, and the sign-in's state and result.
    client_file: String,
    client_id: String,
    client_secret: Zeroizing<String>,
    client: Task<OAuthClient>,
    sign_in: SignIn,
    grant: Option<Grant>,
}

impl Wizard {
    /// Starts where the last run stopped (see `flow::resume_at`).
    pub fn new(env: &Env) -> Wizard {
        let progress = ProgressFile::in_dir(env.config.store.index.dir());
        let saved = progress.load();
        let stored = env.accounts.find(&saved.address).is_some();
        let step = saved
            .step
            .map_or(SetupStep::Account, |s| flow::resume_at(s, stored));
        Wizard {
            step,
            mode: saved.mode,
            method: saved.method,
            recipient: saved.address.clone(),
            address: saved.address,
            password: Zeroizing::new(String::new()),
            show_password: false,
            verify: Task::Idle,
            send: Task::Idle,
            progress,
            leave: false,
            client_file: String::new(),
            client_id: String::new(),
            client_secret: Zeroizing::new(String::new()),
            client: Task::Idle,
            sign_in: SignIn::default(),
            grant: None,
        }
    }

    /// Sign in again for a stored Google sign-in account (from the account list).
    pub fn reauthorize(env: &Env, address: &str) -> Wizard {
        let mut wizard = Wizard::fresh(env);
        wizard.address = address.to_string();
        wizard.recipient = address.to_string();
        wizard.mode = Mode::Replace;
        wizard.method = Method::OAuth;
        wizard.step = flow::next(SetupStep::Account, Mode::Replace, Method::OAuth);
        wizard
    }

    /// A new setup from step 1, forgetting any earlier progress ("Add account…").
    pub fn fresh(env: &Env) -> Wizard {
        ProgressFile::in_dir(env.config.store.index.dir()).clear();
        Wizard::new(env)
    }

    /// The address as typed, checked.
    fn user(&self) -> Option<EmailAddress> {
        EmailAddress::parse(&self.address).ok()
    }

    /// The stored account for the typed address, if any (from the cached index: no file
    /// is read during a frame).
    fn stored(&self, env: &Env) -> Option<AccountRecord> {
        let user = self.user()?;
        env.accounts.find(user.as_str()).cloned()
    }

    /// Draws the wizard into the window's root `ui`: steps on top, Back/Continue at the
    /// bottom, the current step in between. Returns the screen to go to, if any.
    pub fn show(&mut self, ui: &mut Ui, env: &mut Env) -> Option<Nav> {
        let (verified, sent) = (self.verify.poll(), self.send.poll());
        if verified || sent {
            env.reload_accounts(ui.ctx());
        }
        self.client.poll();
        self.poll_sign_in(env, ui.ctx());
        egui::Panel::top("wizard-steps").show(ui, |ui| {
            ui.add_space(4.0);
            if let Some(error) = &env.accounts_error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            if !env.accounts.accounts.is_empty()
                && !self.busy()
                && ui.button(tr(T::ToAccounts)).clicked()
            {
                self.leave = true;
            }
            step_indicator(ui, self.step, self.method);
        });
        egui::Panel::bottom("wizard-navigation").show(ui, |ui| {
            ui.add_space(6.0);
            self.navigation(ui, env);
            ui.add_space(4.0);
        });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt(("wizard-body", self.step.number()))
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.set_max_width(680.0);
                    match self.step {
                        SetupStep::Account => self.show_account(ui, env),
                        SetupStep::TwoStepVerification => match self.method {
                            Method::AppPassword => self.show_two_step(ui, env),
                            Method::OAuth => self.show_oauth_client(ui, env),
                        },
                        SetupStep::AppPassword => match self.method {
                            Method::AppPassword => self.show_app_password(ui, env),
                            Method::OAuth => self.show_sign_in(ui, env),
                        },
                        SetupStep::Verify => self.show_verify(ui, env),
                        SetupStep::TestMessage => self.show_send(ui, env),
                        SetupStep::Done => self.show_done(ui, env),
                    }
                });
        });
        std::mem::take(&mut self.leave).then_some(Nav::Accounts)
    }

    /// Whether Continue may be pressed on the current step.
    fn can_continue(&self, env: &Env) -> bool {
        match self.step {
            SetupStep::Account => self.user().is_some() && self.stored(env).is_none(),
            SetupStep::TwoStepVerification => match self.method {
                Method::AppPassword => true,
                Method::OAuth => self.oauth_client().is_ok() && !self.client.is_running(),
            },
            SetupStep::AppPassword => match self.method {
                Method::AppPassword => app_password::parse(&self.password).is_ok(),
                Method::OAuth => self.grant.is_some(),
            },
            SetupStep::Verify => self.verify.succeeded().is_some(),
            SetupStep::TestMessage => self.send.succeeded().is_some(),
            SetupStep::Done => false,
        }
    }

    fn busy(&self) -> bool {
        self.verify.is_running() || self.send.is_running() || self.sign_in.is_running()
    }

    fn navigation(&mut self, ui: &mut Ui, env: &mut Env) {
        let can_continue = self.can_continue(env) && !self.busy();
        // Enter continues; taken out of the input so the next step's focused button does not
        // also see it (navigation is drawn before the step's body).
        let enter = can_continue
            && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter));
        let mut go = None;
        ui.horizontal(|ui| {
            if self.step != SetupStep::Account && !self.busy() && ui.button(tr(T::Back)).clicked() {
                go = Some(flow::back(self.step, self.mode, self.method));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let label = match (self.step, self.method) {
                    (SetupStep::TwoStepVerification, Method::AppPassword) => tr(T::TwoStepDone),
                    _ => tr(T::Continue),
                };
                if self.step != SetupStep::Done {
                    let button = ui.add_enabled(
                        can_continue,
                        egui::Button::new(RichText::new(label).strong()),
                    );
                    if button.clicked() || enter {
                        go = Some(flow::next(self.step, self.mode, self.method));
                    }
                }
                let can_skip = self.step == SetupStep::TestMessage
                    && !self.busy()
                    && self.send.succeeded().is_none();
                if can_skip && ui.button(tr(T::Skip)).clicked() {
                    go = Some(SetupStep::Done);
                }
            });
        });
        if let Some(step) = go {
            self.go_to(step, env, ui.ctx());
        }
    }

    /// Moves to `step`, starting what the step does on arrival, and saves the progress.
    fn go_to(&mut self, step: SetupStep, env: &mut Env, ctx: &egui::Context) {
        let arriving_at_verify = step == SetupStep::Verify && self.step != SetupStep::Verify;
        self.step = step;
        if arriving_at_verify {
            self.start_verify(env, ctx);
        }
        if step == SetupStep::TestMessage && self.recipient.trim().is_empty() {
            self.recipient = self.address.trim().to_string();
        }
        self.progress.save(&Progress {
            step: Some(step),
            address: self.address.trim().to_string(),
            mode: self.mode,
            method: self.method,
        });
    }
}

/// The name of a step for this sign-in method (steps 2 and 3 differ).
fn step_title(step: SetupStep, method: Method) -> &'static str {
    match (step, method) {
        (SetupStep::TwoStepVerification, Method::OAuth) => tr(T::StepOAuthClient),
        (SetupStep::AppPassword, Method::OAuth) => tr(T::StepSignIn),
        _ => step_name(step),
    }
}

fn step_indicator(ui: &mut Ui, current: SetupStep, method: Method) {
    ui.horizontal_wrapped(|ui| {
        for step in SetupStep::ALL {
            let step_name = |step| step_title(step, method);
            let text = format!("{} {}", step.number(), step_name(step));
            let text = if step == current {
                RichText::new(text)
                    .strong()
                    .color(ui.visuals().strong_text_color())
            } else if step < current {
                RichText::new(format!("✔ {}", step_name(step)))
            } else {
                RichText::new(text).weak()
            };
            ui.label(text);
            if step != SetupStep::Done {
                ui.label(RichText::new("›").weak());
            }
        }
    });
    ui.label(
        RichText::new(trf(T::StepOf, &[("n", &current.number().to_string())]))
            .small()
            .weak(),
    );
}

/// A heading and an intro paragraph, the same on every step.
fn heading(ui: &mut Ui, title: T, intro: Option<&str>) {
    ui.add_space(6.0);
    ui.heading(tr(title));
    if let Some(intro) = intro {
        ui.label(intro);
    }
    ui.add_space(6.0);
}
