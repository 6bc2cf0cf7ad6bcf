//! The desktop window: a thin layer of pages over the engine's use cases. It draws and
//! forwards clicks; all work is done by the engine on a tokio runtime (see `worker`), as
//! `Task`s whose results are taken in before each frame is drawn (see `task`).
//!
//! For tests and demos the server, an extra trusted CA, the bounds and `--connect-to`-style
//! addresses come from the environment (see `smtp_setup::settings`); verification stays on.

mod accounts;
pub mod clipboard;
mod decoder;
mod diagnosis_view;
mod fields;
pub mod fonts;
mod link;
mod style;
mod task;
pub mod text;
mod timeline;
pub mod use_in_app;
pub mod wizard;
mod worker;

use accounts::AccountsScreen;
use clipboard::{ClipboardAccess, SECRET_CLIPBOARD_TIME, SystemClipboard};
use decoder::DecoderPage;
use link::Links;
use smtp_setup::accounts::{AccountIndex, AccountStore};
use smtp_setup::i18n::{self, Lang};
use smtp_setup::preferences::Preferences;
use smtp_setup::settings::ConnectSettings;
use std::sync::Arc;
use std::time::Duration;
use task::{Failure, Polled, Task};
use text::{T, tr};
use use_in_app::{SaveTo, UseInAppPage};
use wizard::Wizard;
use worker::Worker;

/// The window's app id (Wayland's app_id, X11's WM_CLASS): the name of the .desktop file,
/// the icon and the AppStream component in packaging/, so a desktop matches the window to
/// its menu entry and icon.
pub const APP_ID: &str = "io.github.smtp_setup.SmtpSetup";
const ICON_PNG: &[u8] = include_bytes!("../../assets/icon.png");

/// What the window works with: where accounts are kept and how checks connect.
#[derive(Clone)]
pub struct GuiConfig {
    pub store: AccountStore,
    pub connect: ConnectSettings,
    /// Open pages in the system browser (tests only record them).
    pub use_browser: bool,
    /// Where a copied secret is checked and removed from (tests use their own).
    pub clipboard: Arc<dyn ClipboardAccess>,
    /// How long a copied secret stays on the clipboard.
    pub secret_clipboard_time: Duration,
    /// Where "Save to file…" writes (tests give a path instead of the dialog).
    pub save_to: SaveTo,
    /// How the account step looks up a custom domain's mail host (`SMTP_SETUP_DNS_SERVER`).
    pub mx: smtp_setup::mail_host::MxLookup,
}

impl GuiConfig {
    /// Gmail, the account store and the settings from the environment.
    pub fn from_env() -> Result<GuiConfig, String> {
        Ok(GuiConfig {
            store: AccountStore::from_env().map_err(|e| e.to_string())?,
            connect: ConnectSettings::from_env().map_err(|e| e.to_string())?,
            use_browser: true,
            clipboard: Arc::new(SystemClipboard),
            secret_clipboard_time: SECRET_CLIPBOARD_TIME,
            save_to: SaveTo::Dialog,
            mx: smtp_setup::mail_host::MxLookup::from_env().map_err(|e| e.to_string())?,
        })
    }
}

/// What every screen shares.
pub struct Env {
    pub config: GuiConfig,
    pub worker: Worker,
    pub links: Links,
    /// The account index as last read; screens never read files during a frame.
    pub accounts: AccountIndex,
    /// Why the index could not be read, if it could not.
    pub accounts_error: Option<String>,
    /// Counts the index reads taken in, so screens can tell a new one.
    pub accounts_read: u64,
    reload: Task<AccountIndex>,
}

impl Env {
    /// Reads the index again in the background (after a job changed it).
    pub fn reload_accounts(&mut self, ctx: &egui::Context) {
        let store = self.config.store.clone();
        self.reload = Task::start(&self.worker, ctx, move |_| async move {
            store
                .load()
                .await
                .map_err(|e| Failure::local(T::SettingsProblem, e))
        });
    }

    /// Opens a page in the browser, off the frame; its address is always shown too.
    pub fn open(&mut self, ctx: &egui::Context, url: &str) {
        self.links.open(&self.worker, ctx, url);
    }

    /// Takes in a finished reload and a browser's answer.
    fn poll(&mut self) {
        self.links.poll();
        if self.reload.poll() != Polled::Finished {
            return;
        }
        match std::mem::replace(&mut self.reload, Task::Idle) {
            Task::Finished {
                result: Ok(index), ..
            } => {
                self.accounts = index;
                self.accounts_error = None;
            }
            Task::Finished {
                result: Err(failure),
                ..
            } => self.accounts_error = Some(failure.message),
            _ => {}
        }
        self.accounts_read += 1;
    }
}

/// Where a screen asks to go next.
pub enum Nav {
    /// The wizard, from step 1.
    NewSetup,
    /// The wizard, signing in again with Google for this address.
    Reauthorize(smtp_setup::address::EmailAddress),
    Accounts,
    /// Back to the wizard as it was.
    Setup,
    /// "Use in your app…" for this account.
    UseInApp(smtp_setup::address::EmailAddress),
    /// The error decoder.
    Decode,
    /// The account list, checking this account.
    Check(smtp_setup::address::EmailAddress),
    /// The wizard from step 1, with this address filled in.
    SetupFor(smtp_setup::address::EmailAddress),
}

/// The two screens: the account list (when accounts exist) and the setup wizard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Accounts,
    Wizard,
    UseInApp,
    Decode,
}

pub struct SetupApp {
    env: Env,
    screen: Screen,
    wizard: Wizard,
    accounts: AccountsScreen,
    use_in_app: Option<UseInAppPage>,
    decoder: DecoderPage,
    styled: bool,
    /// The system's Korean font, found before the window opened (`None` inside: none found).
    hangul: Option<Option<fonts::HangulFont>>,
    /// The language the window last drew in; a change from the menu is remembered.
    lang: Lang,
}

impl SetupApp {
    pub fn new(config: GuiConfig) -> std::io::Result<SetupApp> {
        // The index is read once before the first frame (it decides the first screen);
        // afterwards only on the worker.
        let (accounts, accounts_error) = match config.store.list() {
            Ok(index) => (index, None),
            Err(error) => (AccountIndex::default(), Some(error.to_string())),
        };
        let env = Env {
            links: Links::new(config.use_browser),
            worker: Worker::new()?,
            config,
            accounts,
            accounts_error,
            accounts_read: 0,
            reload: Task::Idle,
        };
        let wizard = Wizard::resume(&env);
        let screen = if env.accounts.accounts.is_empty() {
            Screen::Wizard
        } else {
            Screen::Accounts
        };
        Ok(SetupApp {
            env,
            screen,
            wizard,
            accounts: AccountsScreen::new(),
            use_in_app: None,
            decoder: DecoderPage::default(),
            styled: false,
            hangul: None,
            lang: i18n::current(),
        })
    }

    /// Uses this Korean font (found off the frame, while the window was being made) instead
    /// of looking for one on the first frame.
    pub fn with_hangul(mut self, hangul: Option<fonts::HangulFont>) -> SetupApp {
        self.hangul = Some(hangul);
        self
    }

    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The wizard (tests look at its step).
    pub fn wizard(&self) -> &Wizard {
        &self.wizard
    }

    /// Pages the user asked to open, oldest first.
    pub fn opened_links(&self) -> &[String] {
        &self.env.links.opened
    }

    /// Takes in what background work finished, then draws the whole window into `ui`.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.styled {
            style::setup(&ctx);
            let hangul = self.hangul.take().unwrap_or_else(fonts::find_hangul);
            ctx.set_fonts(fonts::definitions(hangul.as_ref()));
            self.styled = true;
        }
        // Back in the window: the index may have changed meanwhile (an account stored from
        // the command line), so it is read again, off the frame.
        let refocused = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(true)))
        });
        if refocused {
            self.env.reload_accounts(&ctx);
        }
        self.env.poll();
        let next = match self.screen {
            Screen::Wizard => {
                self.wizard.poll(&mut self.env, &ctx);
                self.wizard.show(ui, &mut self.env)
            }
            Screen::Accounts => {
                self.accounts.poll(&mut self.env, &ctx);
                self.accounts.show(ui, &mut self.env)
            }
            Screen::UseInApp => match &mut self.use_in_app {
                Some(page) => {
                    page.poll(&self.env, &ctx);
                    page.show(ui, &mut self.env)
                }
                None => Some(Nav::Accounts),
            },
            Screen::Decode => {
                self.decoder.poll(&self.env, &ctx);
                self.decoder.show(ui, &mut self.env)
            }
        };
        match next {
            Some(Nav::NewSetup) => {
                self.wizard = Wizard::fresh(&self.env);
                self.screen = Screen::Wizard;
            }
            Some(Nav::Reauthorize(address)) => {
                self.wizard = Wizard::reauthorize(&self.env, &address);
                self.screen = Screen::Wizard;
            }
            Some(Nav::Accounts) => {
                self.env.reload_accounts(&ctx);
                self.accounts.refresh();
                self.screen = Screen::Accounts;
            }
            Some(Nav::Setup) => self.screen = Screen::Wizard,
            Some(Nav::SetupFor(address)) => {
                self.wizard = Wizard::fresh_for(&self.env, &address);
                self.screen = Screen::Wizard;
            }
            Some(Nav::UseInApp(address)) => {
                self.use_in_app = Some(UseInAppPage::new(address));
                self.screen = Screen::UseInApp;
            }
            Some(Nav::Decode) => self.screen = Screen::Decode,
            Some(Nav::Check(address)) => {
                self.accounts.check(&address, &mut self.env, &ctx);
                self.screen = Screen::Accounts;
            }
            None => {}
        }
        self.remember_language();
    }

    /// A language chosen in the menu is kept for the next start, written off the frame.
    fn remember_language(&mut self) {
        let lang = i18n::current();
        if lang == self.lang {
            return;
        }
        self.lang = lang;
        let dir = self.env.config.store.index.dir().to_path_buf();
        self.env.worker.detach(move || {
            let mut preferences = Preferences::load(&dir);
            preferences.language = Some(lang);
            // Only a preference: the window goes on in the chosen language either way.
            let _ = preferences.save(&dir);
        });
    }
}

impl eframe::App for SetupApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}

/// Opens the window and runs until it is closed.
/// Opens the window. `lang_asked`: the language came from `--lang` or `SMTP_SETUP_LANG`, so
/// it wins over the one the window's menu remembered.
pub fn run(lang_asked: bool) -> Result<(), String> {
    // The system's fonts are read while the window and its renderer are being made. In
    // English too: the language menu shows 한국어, and a font looked for only then would
    // leave it as boxes for a frame.
    let hangul = std::thread::spawn(fonts::find_hangul);
    let config = GuiConfig::from_env()?;
    if !lang_asked && let Some(lang) = Preferences::load(config.store.index.dir()).language {
        i18n::set(lang);
    }
    let mut app = Some(SetupApp::new(config).map_err(|e| e.to_string())?);
    let icon = eframe::icon_data::from_png_bytes(ICON_PNG).map_err(|e| e.to_string())?;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(tr(T::AppTitle))
            .with_app_id(APP_ID)
            .with_icon(icon)
            .with_inner_size([760.0, 600.0])
            .with_min_inner_size([560.0, 440.0]),
        // The Korean font is ours (fonts.rs); eframe's on-demand lookup is not compiled in.
        system_font_fallback: false,
        ..Default::default()
    };
    // The desktop's theme where the platform tells it; SMTP_SETUP_THEME=light|dark overrides
    // (X11 tells nothing, so the window starts dark there).
    let theme = match std::env::var("SMTP_SETUP_THEME").as_deref() {
        Ok("light") => Some(egui::ThemePreference::Light),
        Ok("dark") => Some(egui::ThemePreference::Dark),
        _ => None,
    };
    eframe::run_native(
        tr(T::AppTitle),
        options,
        Box::new(move |cc| {
            if let Some(theme) = theme {
                cc.egui_ctx.set_theme(theme);
            }
            let app = app.take().ok_or("the window was made twice")?;
            Ok(Box::new(app.with_hangul(hangul.join().ok().flatten())))
        }),
    )
    .map_err(|e| e.to_string())
}
