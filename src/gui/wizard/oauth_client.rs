//! Step 2 for Google sign-in: the person's own OAuth client ("Desktop app" type), from the
//! downloaded JSON file or a pasted ID and secret, with the Google Cloud pages to make one.

use super::draft::SetupDraft;
use super::{Action, heading};
use crate::gui::Env;
use crate::gui::style::{self, GAP, SECTION, Tone};
use crate::gui::task::{Failure, Polled, Task};
use crate::gui::text::{T, tr, trf};
use egui::{RichText, Ui};
use smtp_setup::oauth::{OAuthClient, OAuthError};
use smtp_setup::provider::{OAUTH_CLIENTS_PAGE, OAUTH_TEST_USERS_PAGE};
use std::path::PathBuf;
use zeroize::Zeroizing;

#[derive(Default)]
pub struct OAuthClientPage {
    file: String,
    id: String,
    secret: Zeroizing<String>,
    /// A client file being read (on the worker), then what it held.
    load: Task<OAuthClient>,
}

impl OAuthClientPage {
    /// The page with the client chosen before, if any.
    pub fn new(draft: &SetupDraft) -> OAuthClientPage {
        let mut page = OAuthClientPage::default();
        if let Some(client) = &draft.client {
            page.fill(client);
            page.load = Task::Finished {
                result: Ok(client.clone()),
                progress: (),
            };
        }
        page
    }

    /// The client as entered. A loaded file also brings its endpoints (used while its client
    /// ID is the one in the field).
    pub fn client(&self) -> Result<OAuthClient, OAuthError> {
        let mut client = OAuthClient::new(&self.id, Some(self.secret.as_str()))?;
        if let Some(loaded) = self.load.succeeded()
            && loaded.client_id == client.client_id
        {
            client.auth_url = loaded.auth_url.clone();
            client.token_url = loaded.token_url.clone();
        }
        Ok(client)
    }

    fn fill(&mut self, client: &OAuthClient) {
        self.id = client.client_id.clone();
        self.secret = Zeroizing::new(
            client
                .client_secret
                .as_ref()
                .map(|s| s.expose().to_string())
                .unwrap_or_default(),
        );
    }

    /// A freshly loaded file fills the fields.
    pub fn poll(&mut self) -> Option<Action> {
        if self.load.poll() == Polled::Finished
            && let Some(client) = self.load.succeeded().cloned()
        {
            self.fill(&client);
        }
        None
    }

    pub fn ui(&mut self, ui: &mut Ui, env: &mut Env, draft: &SetupDraft) -> Option<Action> {
        heading(ui, T::OAuthClientHeading, Some(tr(T::OAuthClientIntro)));
        ui.label(tr(T::OAuthClientCreate));
        style::page_button(ui, env, &OAUTH_CLIENTS_PAGE);
        ui.add_space(GAP / 2.0);
        ui.label(trf(T::OAuthTestUser, &[("address", draft.address.trim())]));
        style::page_button(ui, env, &OAUTH_TEST_USERS_PAGE);
        ui.label(RichText::new(tr(T::OAuthTestingNote)).weak());
        ui.add_space(SECTION);

        let label = ui.label(RichText::new(tr(T::ClientFileLabel)).strong());
        let mut load = false;
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut self.file)
                    .hint_text("client_secret_….json")
                    .desired_width(360.0),
            )
            .labelled_by(label.id);
            load = ui
                .add_enabled(
                    !self.file.trim().is_empty() && !self.load.is_running(),
                    egui::Button::new(tr(T::LoadClientFile)),
                )
                .clicked();
        });
        if load {
            // Read on the worker: no file I/O during a frame.
            let path = PathBuf::from(self.file.trim());
            self.load = Task::start(&env.worker, ui.ctx(), move |_| async move {
                OAuthClient::load_file(path)
                    .await
                    .map_err(|e| Failure::local(T::SettingsProblem, e))
            });
        }
        if let Some(failure) = self.load.failure() {
            ui.colored_label(Tone::Error.color(ui), &failure.message);
        }

        ui.add_space(GAP);
        let label = ui.label(RichText::new(tr(T::ClientIdLabel)).strong());
        ui.add(egui::TextEdit::singleline(&mut self.id).desired_width(460.0))
            .labelled_by(label.id);
        let label = ui.label(RichText::new(tr(T::ClientSecretLabel)).strong());
        ui.add(
            egui::TextEdit::singleline(&mut *self.secret)
                .password(true)
                .desired_width(300.0),
        )
        .labelled_by(label.id);
        if !self.id.is_empty() {
            match self.client() {
                Ok(client) => style::status(
                    ui,
                    Tone::Success,
                    &trf(T::ClientReady, &[("id", &client.client_id)]),
                ),
                Err(error) => {
                    ui.colored_label(Tone::Error.color(ui), error.to_string());
                }
            }
        }
        None
    }
}
