//! "Use in your app…": one account's settings for the stack the person runs, from the
//! engine's `export`. A filter finds the stack; the snippet is shown as the app reads it, with
//! the one line on how the secret gets there, Copy, and Save to file… (the platform's own
//! save dialog, off the frame). Writing the password into the snippet is a choice confirmed
//! first; the password is then read from the keychain on the worker, and a copy of that text
//! is taken off the clipboard again like any copied secret.

use super::clipboard::SecretOnClipboard;
use super::style::{self, GAP, SECTION, Tone};
use super::task::{Failure, Polled, Task};
use super::text::{T, tr, trf};
use super::{Env, Nav};
use egui::{RichText, Ui};
use smtp_setup::accounts::AccountRecord;
use smtp_setup::address::EmailAddress;
use smtp_setup::export::{self, SecretMode, Snippet, TARGETS, Target};
use smtp_setup::secret::Secret;
use std::path::PathBuf;

/// Where "Save to file…" writes: the platform's dialog, or (tests) a fixed path.
#[derive(Clone, Debug)]
pub enum SaveTo {
    Dialog,
    Path(PathBuf),
}

pub struct UseInAppPage {
    address: EmailAddress,
    filter: String,
    target: &'static Target,
    mode: SecretMode,
    /// "Write the password in" was chosen and is waiting for its confirmation.
    confirming: bool,
    /// The secret for an inline snippet, read on the worker once confirmed.
    secret: Task<Secret>,
    save: Task<Option<PathBuf>>,
    clip: Option<SecretOnClipboard>,
    copied: bool,
}

impl UseInAppPage {
    pub fn new(address: EmailAddress) -> UseInAppPage {
        let target = &TARGETS[0];
        UseInAppPage {
            address,
            filter: String::new(),
            target,
            mode: target.default_mode(),
            confirming: false,
            secret: Task::Idle,
            save: Task::Idle,
            clip: None,
            copied: false,
        }
    }

    pub fn poll(&mut self, env: &Env, ctx: &egui::Context) {
        if self.secret.poll() == Polled::Finished && self.secret.failure().is_some() {
            // The keychain said no: back to a snippet without the secret.
            self.mode = self.target.default_mode();
        }
        self.save.poll();
        if let Some(clip) = &mut self.clip {
            clip.poll(ctx, &env.worker, &env.config.clipboard);
        }
    }

    fn choose(&mut self, target: &'static Target) {
        self.target = target;
        self.confirming = false;
        self.copied = false;
        self.save = Task::Idle;
        if !target.modes.contains(&self.mode) || self.mode == SecretMode::Inline {
            self.mode = target.default_mode();
            self.secret = Task::Idle;
        }
    }

    pub fn show(&mut self, ui: &mut Ui, env: &mut Env) -> Option<Nav> {
        let ctx = ui.ctx().clone();
        let mut next = None;
        style::top_bar(ui, "use-in-app-header", |ui| {
            style::title(
                ui,
                &trf(T::UseInAppHeading, &[("address", self.address.as_str())]),
            );
        });
        style::bottom_bar(ui, "use-in-app-footer", |ui| {
            ui.horizontal(|ui| {
                if style::secondary_button(ui, tr(T::ToAccounts), true).clicked() {
                    next = Some(Nav::Accounts);
                }
                style::theme_switch(ui);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if style::secondary_button(ui, tr(T::StillFails), true).clicked() {
                        next = Some(Nav::Decode);
                    }
                });
            });
        });
        style::scrolling_page(ui, "use-in-app", |ui| {
            if let Some(record) = env.accounts.find(self.address.as_str()).cloned() {
                self.targets(ui);
                ui.add_space(SECTION);
                self.snippet(ui, env, &ctx, &record);
            } else {
                ui.label(tr(T::AccountGone));
            }
            ui.add_space(SECTION);
        });
        next
    }

    /// The filter and the stacks it matches, as one row of choices.
    fn targets(&mut self, ui: &mut Ui) {
        ui.label(tr(T::UseInAppIntro));
        ui.add_space(GAP / 2.0);
        let label = ui.label(RichText::new(tr(T::FindStack)).strong());
        ui.add(
            egui::TextEdit::singleline(&mut self.filter)
                .hint_text(tr(T::FindStackHint))
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        ui.add_space(GAP / 2.0);
        let matching: Vec<&'static Target> =
            TARGETS.iter().filter(|t| t.matches(&self.filter)).collect();
        if matching.is_empty() {
            ui.label(RichText::new(tr(T::NoStackMatches)).weak());
        }
        let mut chosen = None;
        ui.horizontal_wrapped(|ui| {
            for target in matching {
                let selected = std::ptr::eq(target, self.target);
                if ui.selectable_label(selected, target.name).clicked() {
                    chosen = Some(target);
                }
            }
        });
        if let Some(target) = chosen {
            self.choose(target);
        }
    }

    fn snippet(&mut self, ui: &mut Ui, env: &mut Env, ctx: &egui::Context, record: &AccountRecord) {
        let target = self.target;
        if record.last_verified.is_none() {
            style::status(ui, Tone::Warning, tr(T::NeverChecked));
            ui.add_space(GAP / 2.0);
        }
        ui.label(RichText::new(target.name).strong().size(16.0));
        ui.label(trf(T::GoesIn, &[("file", target.file)]));
        ui.add_space(GAP / 2.0);

        // How the secret gets there: the format's own choices.
        ui.label(RichText::new(tr(T::SecretHow)).strong());
        for mode in target.modes {
            let label = tr(match mode {
                SecretMode::Reference => T::ModeReference,
                SecretMode::Environment => T::ModeEnvironment,
                SecretMode::Inline => T::ModeInline,
            });
            // While "write it in" waits for its confirmation, that is the one marked.
            let selected = if self.confirming {
                *mode == SecretMode::Inline
            } else {
                self.mode == *mode
            };
            if ui.radio(selected, label).clicked() {
                match mode {
                    SecretMode::Inline if self.mode != SecretMode::Inline => self.confirming = true,
                    SecretMode::Inline => {}
                    other => {
                        self.mode = *other;
                        self.confirming = false;
                        self.secret = Task::Idle;
                    }
                }
                self.copied = false;
            }
        }
        if self.confirming {
            self.confirm_inline(ui, env, ctx, record);
            return;
        }

        let secret = match (self.mode, &self.secret) {
            (SecretMode::Inline, Task::Running { .. }) => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr(T::ReadingKeychain));
                });
                return;
            }
            (SecretMode::Inline, _) => self.secret.succeeded(),
            _ => None,
        };
        if let Some(failure) = self.secret.failure() {
            ui.colored_label(
                Tone::Error.color(ui),
                smtp_setup::untrusted::inert(&failure.message).as_ref(),
            );
        }
        let service = env.config.store.keychain.service().to_string();
        let snippet = match export::render(target, record, self.mode, &service, secret) {
            Ok(snippet) => snippet,
            Err(error) => {
                ui.colored_label(Tone::Error.color(ui), error.to_string());
                return;
            }
        };
        ui.add_space(GAP / 2.0);
        ui.label(RichText::new(&snippet.secret_note).weak());
        if let Some(warning) = &snippet.warning {
            style::status(ui, Tone::Warning, warning);
        }
        ui.add_space(GAP / 2.0);
        egui::Frame::group(ui.style())
            .inner_margin(egui::Margin::same(10))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                egui::ScrollArea::horizontal()
                    .id_salt("snippet")
                    .show(ui, |ui| {
                        ui.add(
                            egui::Label::new(RichText::new(snippet.text.as_str()).monospace())
                                .selectable(true)
                                .extend(),
                        );
                    });
            });
        ui.add_space(GAP / 2.0);
        self.actions(ui, env, ctx, &snippet);
        ui.add_space(SECTION);
        style::server_check(ui, record);
    }

    fn confirm_inline(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        ctx: &egui::Context,
        record: &AccountRecord,
    ) {
        ui.add_space(GAP / 2.0);
        ui.label(RichText::new(trf(T::ConfirmInline, &[("file", self.target.file)])).strong());
        ui.horizontal(|ui| {
            if style::danger_button(ui, tr(T::InlineConfirmed)).clicked() {
                self.confirming = false;
                self.mode = SecretMode::Inline;
                let (store, record) = (env.config.store.clone(), record.clone());
                self.secret = Task::start(&env.worker, ctx, move |_| async move {
                    store
                        .app_secret(&record)
                        .await
                        .map_err(|e| Failure::local(T::KeychainRead, e))
                });
            }
            if ui.button(tr(T::Cancel)).clicked() {
                self.confirming = false;
            }
        });
    }

    fn actions(&mut self, ui: &mut Ui, env: &Env, ctx: &egui::Context, snippet: &Snippet) {
        let inline = snippet.mode == SecretMode::Inline;
        ui.horizontal_wrapped(|ui| {
            if style::primary_button(ui, tr(T::CopySnippet), true).clicked() {
                if inline {
                    // Holds the secret: off the clipboard again after a while.
                    self.clip = Some(SecretOnClipboard::copy(
                        ctx,
                        &snippet.text,
                        env.config.secret_clipboard_time,
                    ));
                } else {
                    ctx.copy_text(snippet.text.to_string());
                }
                self.copied = true;
            }
            let saving = self.save.is_running();
            if ui
                .add_enabled(!saving, egui::Button::new(tr(T::SaveToFile)))
                .clicked()
            {
                self.save = save(env, ctx, snippet);
            }
            if saving {
                ui.spinner();
            }
            // Beside the button that caused it, where the eye is (not below the fold).
            self.save_result(ui);
        });
        if self.copied && !inline {
            style::status(ui, Tone::Success, tr(T::Copied));
        }
        if let Some(clip) = self.clip.as_ref().filter(|_| inline) {
            ui.label(RichText::new(clip.note()).weak());
        }
    }

    fn save_result(&self, ui: &mut Ui) {
        match &self.save {
            Task::Finished {
                result: Ok(Some(path)),
                ..
            } => style::status(
                ui,
                Tone::Success,
                &trf(T::SavedTo, &[("path", &path.display().to_string())]),
            ),
            // Cancelled, or no dialog answered at all (Linux without xdg-desktop-portal):
            // rfd cannot tell them apart, so the line covers both.
            Task::Finished {
                result: Ok(None), ..
            } => {
                ui.label(RichText::new(tr(T::NothingSaved)).weak());
            }
            Task::Finished {
                result: Err(failure),
                ..
            } => {
                ui.colored_label(
                    Tone::Error.color(ui),
                    smtp_setup::untrusted::inert(&failure.message).as_ref(),
                );
            }
            _ => {}
        }
    }
}

/// The file name a save dialog suggests: the snippet's own file where it names one.
fn suggested_name(target: &Target) -> String {
    let file = target.file.rsplit('/').next().unwrap_or(target.file);
    let file = file.trim_start_matches('~');
    if file.contains(' ') || file.is_empty() {
        format!("{}-settings.txt", target.id)
    } else {
        file.to_string()
    }
}

/// Asks where (the platform's dialog, on the worker), then writes the snippet there: private
/// (0600) when it holds the secret. None when the person cancelled the dialog.
fn save(env: &Env, ctx: &egui::Context, snippet: &Snippet) -> Task<Option<PathBuf>> {
    let text = snippet.text.clone();
    let private = snippet.mode == SecretMode::Inline;
    let name = Target::by_id(snippet.target).map_or_else(|| "settings.txt".into(), suggested_name);
    let to = env.config.save_to.clone();
    Task::start(&env.worker, ctx, move |_| async move {
        let path = match to {
            SaveTo::Path(path) => path,
            SaveTo::Dialog => {
                let picked = rfd::AsyncFileDialog::new()
                    .set_file_name(&name)
                    .save_file()
                    .await;
                match picked {
                    Some(file) => file.path().to_path_buf(),
                    None => return Ok(None),
                }
            }
        };
        let written = path.clone();
        tokio::task::spawn_blocking(move || write_file(&written, text.as_bytes(), private))
            .await
            .map_err(|e| Failure::local(T::SaveFailed, e))?
            .map_err(|e| Failure::local(T::SaveFailed, e))?;
        Ok(Some(path))
    })
}

fn write_file(path: &std::path::Path, bytes: &[u8], private: bool) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}
