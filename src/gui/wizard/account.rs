//! Step 1: the address (Gmail or Workspace, with a likely typo caught) and the sign-in
//! method. The address is checked when the person leaves the field or continues, not while
//! they type. An address that is already stored offers a check or a replacement instead.
//! A custom domain is looked up in DNS (its MX hosts, in the background, once typing pauses or
//! on Continue) so that a domain whose mail is not Google's is told so before Google's pages.

use super::draft::SetupDraft;
use super::flow::{Method, Mode};
use super::{Action, heading};
use crate::gui::Env;
use crate::gui::link::Opened;
use crate::gui::style::{self, GAP, SECTION, Tone};
use crate::gui::task::{Polled, Task};
use crate::gui::text::{T, tr, trf};
use egui::{RichText, Ui};
use smtp_setup::address::{AccountKind, EmailAddress};
use smtp_setup::mail_host::{LOOKUP_TIMEOUT, MailHost, mail_host};
use smtp_setup::untrusted::inert_line;
use smtp_setup::{t, when};
use std::time::SystemTime;

/// How long typing must pause before the domain is looked up, in seconds.
const LOOKUP_DEBOUNCE: f64 = 0.8;

#[derive(Default)]
pub struct AccountPage {
    /// The address has been left or submitted once: from then on its problems are shown.
    pub touched: bool,
    /// When the address was last edited (egui's input time).
    edited_at: Option<f64>,
    /// Where the typed domain's mail is handled.
    preflight: Preflight,
}

/// One domain's MX lookup.
#[derive(Default)]
struct Preflight {
    domain: String,
    task: Task<MailHost>,
    /// Continue was pressed before the verdict: go on once it comes, if it allows.
    continue_after: bool,
}

impl AccountPage {
    /// The custom domain whose mail host is to be known before continuing: a valid address
    /// that is not Gmail's, not another provider's own, not a typo awaiting a choice, not
    /// stored; none when the lookup is turned off.
    fn domain_to_check(env: &Env, draft: &SetupDraft) -> Option<String> {
        if env.config.mx.is_off() || draft.address_blocked() || draft.stored(env).is_some() {
            return None;
        }
        let user = draft.user()?;
        matches!(user.kind(), AccountKind::Workspace).then(|| user.domain().to_string())
    }

    /// The verdict for the typed address's domain, once it is known.
    fn verdict(&self, env: &Env, draft: &SetupDraft) -> Option<&MailHost> {
        let domain = Self::domain_to_check(env, draft)?;
        (self.preflight.domain == domain)
            .then(|| self.preflight.task.succeeded())
            .flatten()
    }

    /// Whether Continue must wait for the lookup (it starts, or is running, for this domain).
    pub fn must_wait(&mut self, env: &Env, draft: &SetupDraft) -> bool {
        if Self::domain_to_check(env, draft).is_none() || self.verdict(env, draft).is_some() {
            return false;
        }
        self.preflight.continue_after = true;
        true
    }

    /// Whether the lookup found that Google cannot send for this address.
    pub fn rules_out_google(&self, env: &Env, draft: &SetupDraft) -> bool {
        self.verdict(env, draft)
            .is_some_and(MailHost::rules_out_google)
    }

    /// Takes in a finished lookup, and starts one once typing has paused (or on Continue).
    /// Returns `Next` when Continue was waiting for a verdict that lets it go on.
    pub fn poll(&mut self, env: &Env, ctx: &egui::Context, draft: &SetupDraft) -> Option<Action> {
        let Some(domain) = Self::domain_to_check(env, draft) else {
            self.preflight = Preflight::default();
            return None;
        };
        if self.preflight.domain != domain {
            let now = ctx.input(|i| i.time);
            let waited = self.edited_at.map_or(LOOKUP_DEBOUNCE, |at| now - at);
            if !(self.touched || self.preflight.continue_after || waited >= LOOKUP_DEBOUNCE) {
                ctx.request_repaint_after_secs((LOOKUP_DEBOUNCE - waited) as f32);
                return None;
            }
            let lookup = env.config.mx.clone();
            let asked = domain.clone();
            self.preflight = Preflight {
                domain,
                task: Task::start(&env.worker, ctx, move |_| async move {
                    Ok(mail_host(&asked, &lookup).await)
                }),
                continue_after: self.preflight.continue_after,
            };
            return None;
        }
        if self.preflight.task.poll() == Polled::Finished && self.preflight.continue_after {
            self.preflight.continue_after = false;
            let allowed = self
                .preflight
                .task
                .succeeded()
                .is_some_and(|host| !host.rules_out_google());
            return allowed.then_some(Action::Next);
        }
        None
    }

    pub fn ui(&mut self, ui: &mut Ui, env: &mut Env, draft: &mut SetupDraft) -> Option<Action> {
        heading(ui, T::AccountHeading, Some(tr(T::AccountIntro)));
        let label = ui.label(RichText::new(tr(T::AddressLabel)).strong());
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut draft.address)
                    .hint_text(tr(T::AddressHint))
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        // A first-time user can start typing at once.
        if draft.address.is_empty() && ui.memory(|m| m.focused().is_none()) {
            field.request_focus();
        }
        if field.changed() {
            // Typing again: its problems wait until the field is left or submitted again.
            self.touched = false;
            self.edited_at = Some(ui.input(|i| i.time));
            self.preflight.continue_after = false;
        }
        if field.lost_focus() && !draft.address.trim().is_empty() {
            self.touched = true;
        }
        self.about_the_address(ui, env, draft);

        ui.add_space(SECTION);
        ui.label(RichText::new(tr(T::MethodLabel)).strong());
        ui.radio_value(
            &mut draft.method,
            Method::AppPassword,
            tr(T::MethodAppPassword),
        );
        ui.label(RichText::new(tr(T::MethodAppPasswordNote)).weak());
        ui.add_space(GAP / 2.0);
        ui.radio_value(&mut draft.method, Method::OAuth, tr(T::MethodOAuth));
        ui.label(RichText::new(tr(T::MethodOAuthNote)).weak());

        ui.add_space(SECTION);
        // For someone who came with an error message rather than a blank page.
        if ui
            .add(egui::Button::new(RichText::new(tr(T::HaveErrorMessage))).frame(false))
            .clicked()
        {
            return Some(Action::Decode);
        }
        let record = draft.stored(env)?;
        ui.add_space(SECTION);
        let text = match record.last_verified {
            Some(time) => trf(
                T::AlreadyStored,
                &[
                    ("address", record.address.as_str()),
                    ("when", &when::ago(time, SystemTime::now())),
                ],
            ),
            None => trf(
                T::AlreadyStoredNever,
                &[("address", record.address.as_str())],
            ),
        };
        ui.label(RichText::new(text).strong());
        ui.add_space(GAP / 2.0);
        let mut choice = None;
        ui.horizontal(|ui| {
            if ui.button(tr(T::Retest)).clicked() {
                choice = Some(Action::StoredAccount(Mode::Retest));
            }
            if ui.button(tr(T::ReplacePassword)).clicked() {
                choice = Some(Action::StoredAccount(Mode::Replace));
            }
        });
        choice
    }

    /// One line about the address: a likely typo first, then what kind of account it is; a
    /// problem only once the field was left (or Continue pressed).
    fn about_the_address(&self, ui: &mut Ui, env: &mut Env, draft: &mut SetupDraft) {
        if draft.address.trim().is_empty() {
            return;
        }
        match EmailAddress::parse(&draft.address) {
            Ok(user) => {
                if let Some(meant) = user.likely_meant()
                    && draft.kept_as_typed.as_deref() != Some(user.as_str())
                {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(
                            RichText::new(trf(T::DidYouMean, &[("address", meant.as_str())]))
                                .color(Tone::Warning.color(ui)),
                        );
                        if ui
                            .button(trf(T::UseSuggestion, &[("address", meant.as_str())]))
                            .clicked()
                        {
                            draft.address = meant.to_string();
                        }
                        if ui
                            .button(trf(T::KeepAsTyped, &[("address", user.as_str())]))
                            .clicked()
                        {
                            draft.kept_as_typed = Some(user.to_string());
                        }
                    });
                    if self.touched {
                        ui.label(RichText::new(tr(T::TypoFirst)).weak());
                    }
                    return;
                }
                match user.kind() {
                    AccountKind::PersonalGmail => {
                        ui.label(RichText::new(tr(T::PersonalAccount)).weak());
                    }
                    AccountKind::Workspace => {
                        if !self.about_the_mail_host(ui, env, user.domain()) {
                            let text = trf(T::WorkspaceAccount, &[("domain", user.domain())]);
                            ui.label(RichText::new(text).weak());
                        }
                    }
                    AccountKind::OtherProvider(provider) => {
                        let text = trf(
                            T::OtherProviderAccount,
                            &[("address", user.as_str()), ("provider", provider)],
                        );
                        ui.colored_label(Tone::Error.color(ui), text);
                    }
                }
            }
            Err(error) if self.touched => {
                ui.colored_label(Tone::Error.color(ui), error.to_string());
            }
            Err(_) => {}
        }
    }

    /// The lookup of `domain`'s mail host, running or done; false when there is none to show.
    fn about_the_mail_host(&self, ui: &mut Ui, env: &mut Env, domain: &str) -> bool {
        if self.preflight.domain != domain {
            return false;
        }
        if self.preflight.task.is_running() {
            ui.horizontal_wrapped(|ui| {
                ui.spinner();
                ui.label(t!("mx-checking", domain = domain));
            });
            let seconds = LOOKUP_TIMEOUT.as_secs();
            ui.label(RichText::new(t!("mx-checking-note", seconds = seconds)).weak());
            return true;
        }
        let Some(host) = self.preflight.task.succeeded() else {
            return false;
        };
        // MX host names come from DNS: shown inert, like any outside text.
        let headline = inert_line(&host.headline(domain)).into_owned();
        match host {
            MailHost::PersonalGoogle | MailHost::GoogleWorkspace { .. } => {
                style::status(ui, Tone::Success, &headline);
                let text = trf(T::WorkspaceAccount, &[("domain", domain)]);
                ui.label(RichText::new(text).weak());
            }
            MailHost::OtherProvider { provider, .. } => {
                ui.colored_label(Tone::Error.color(ui), headline);
                ui.add_space(GAP / 2.0);
                for line in host.details() {
                    ui.label(line);
                }
                ui.add_space(GAP / 2.0);
                if ui
                    .button(t!("mx-open-page", provider = provider.name))
                    .clicked()
                {
                    env.open(ui.ctx(), provider.page);
                }
                ui.horizontal_wrapped(|ui| {
                    let said = match env.links.state_of(provider.page) {
                        Some(Opened::InBrowser) => tr(T::OpenedInBrowser),
                        Some(Opened::Opening) => tr(T::Opening),
                        Some(Opened::NoBrowser) => tr(T::NoBrowser),
                        Some(Opened::NotTried) | None => tr(T::LinkIs),
                    };
                    ui.label(RichText::new(said).weak());
                    style::copyable(ui, provider.page);
                });
            }
            MailHost::NoSuchDomain => {
                ui.colored_label(Tone::Error.color(ui), headline);
            }
            MailHost::OtherHost { .. } | MailHost::NoMx | MailHost::Unknown(_) => {
                ui.colored_label(Tone::Warning.color(ui), headline);
            }
        }
        true
    }
}
