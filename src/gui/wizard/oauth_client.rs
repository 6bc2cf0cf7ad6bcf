//! Step 2 for Google sign-in: the person's own OAuth client ("Desktop app" type), from the
//! downloaded JSON file or pasted ID and secret, with the Google Cloud pages to make one.

use super::{Env, Wizard, heading};
use crate::gui::task::{Failure, Task};
use crate::gui::text::{T, tr, trf};
use egui::{Color32, RichText, Ui};
use smtp_setup::oauth::{OAuthClient, OAuthError};
use smtp_setup::provider::{OAUTH_CLIENTS_PAGE, OAUTH_TEST_USERS_PAGE};
use std::path::PathBuf;

impl Wizard {
    /// The client as entered. A loaded file also brings its endpoints (used while its client
    /// ID is the one in the field).
    pub(super) fn oauth_client(&self) -> Result<OAuthClient, OAuthError> {
        let typed_secret = Some(self.client_secret.as_str());
        match self.client.succeeded() {
            Some(loaded) if loaded.client_id == self.client_id.trim() => {
                let mut client = OAuthClient::new(&self.client_id, typed_secret)?;
                client.auth_url = loaded.auth_url.clone();
                client.token_url = loaded.token_url.clone();
                Ok(client)
            }
            _ => OAuthClient::new(&self.client_id, typed_secret),
        }
    }

    pub(super) fn show_oauth_client(&mut self, ui: &mut Ui, env: &mut Env) {
        heading(ui, T::OAuthClientHeading, Some(tr(T::OAuthClientIntro)));
        ui.label(tr(T::OAuthClientCreate));
        env.links.button(ui, &OAUTH_CLIENTS_PAGE);
        ui.add_space(4.0);
        ui.label(trf(T::OAuthTestUser, &[("address", self.address.trim())]));
        env.links.button(ui, &OAUTH_TEST_USERS_PAGE);
        ui.label(RichText::new(tr(T::OAuthTestingNote)).weak());
        ui.add_space(10.0);

        let label = ui.label(RichText::new(tr(T::ClientFileLabel)).strong());
        let mut load = false;
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut self.client_file)
                    .hint_text("client_secret_….json")
                    .desired_width(360.0),
            )
            .labelled_by(label.id);
            load = ui
                .add_enabled(
                    !self.client_file.trim().is_empty(),
                    egui::Button::new(tr(T::LoadClientFile)),
                )
                .clicked();
        });
        if load {
            self.load_client_file(env, ui.ctx());
        }
        if let Task::Finished {
            result: Err(failure),
            ..
        } = &self.client
        {
            ui.colored_label(ui.visuals().error_fg_color, &failure.message);
        }

        ui.add_space(6.0);
        let label = ui.label(RichText::new(tr(T::ClientIdLabel)).strong());
        ui.add(egui::TextEdit::singleline(&mut self.client_id).desired_width(460.0))
            .labelled_by(label.id);
        let label = ui.label(RichText::new(tr(T::ClientSecretLabel)).strong());
        ui.add(
            egui::TextEdit::singleline(&mut *self.client_secret)
                .password(true)
                .desired_width(300.0),
        )
        .labelled_by(label.id);
        if !self.client_id.is_empty() {
            match self.oauth_client() {
                Ok(client) => {
                    ui.colored_label(
                        Color32::from_rgb(0x1e, 0x8e, 0x3e),
                        trf(T::ClientReady, &[("id", &client.client_id)]),
                    );
                }
                Err(error) => {
                    ui.colored_label(ui.visuals().error_fg_color, error.to_string());
                }
            }
        }
    }

    /// Reads the file on the worker (no file I/O during a frame) and fills the fields.
    fn load_client_file(&mut self, env: &mut Env, ctx: &egui::Context) {
        let path = PathBuf::from(self.client_file.trim());
        self.client = Task::running(env.worker.spawn(ctx, move |_| async move {
            tokio::task::spawn_blocking(move || OAuthClient::from_file(&path))
                .await
                .map_err(|e| Failure::local(T::SettingsProblem, e))?
                .map_err(|e| Failure::local(T::SettingsProblem, e))
        }));
    }

    /// Copies a freshly loaded client into the fields.
    pub(super) fn take_loaded_client(&mut self) {
        if let Task::Finished {
            result: Ok(client), ..
        } = &self.client
            && self.client_id.trim() != client.client_id
        {
            self.client_id = client.client_id.clone();
            self.client_secret = zeroize::Zeroizing::new(
                client
                    .client_secret
                    .as_ref()
                    .map(|s| s.expose().to_string())
                    .unwrap_or_default(),
            );
        }
    }
}
