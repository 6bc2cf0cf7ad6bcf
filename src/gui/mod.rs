//! The desktop window. It draws and forwards clicks; all work is done by the engine on a
//! tokio runtime (see `worker`), reporting back over channels that wake the UI.
//!
//! For tests and demos the server and an extra trusted CA can be set with environment
//! variables (verification stays on): `SMTP_SETUP_SERVER` (HOST or HOST:PORT),
//! `SMTP_SETUP_CA_FILE` (PEM), `SMTP_SETUP_TIMEOUT` (seconds per stage).

mod accounts;
pub mod clipboard;
mod diagnosis_view;
mod fields;
mod link;
mod task;
pub mod text;
mod timeline;
pub mod wizard;
mod worker;

use accounts::AccountsScreen;
use clipboard::{ClipboardAccess, SECRET_CLIPBOARD_TIME, SystemClipboard};
use link::Links;
use smtp_setup::accounts::{AccountIndex, AccountStore};
use smtp_setup::provider::GMAIL_SMTP_HOST;
use smtp_setup::smtp::{CheckOptions, Route, TlsChoice, TlsMode, parse_server};
use smtp_setup::tls::TlsSetupError;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use text::{T, tr, trf};
use wizard::Wizard;
use worker::Worker;

const ICON_PNG: &[u8] = include_bytes!("../../assets/icon.png");

/// What the window works with: where accounts are kept and which server it checks.
#[derive(Clone)]
pub struct GuiConfig {
    pub store: AccountStore,
    pub host: String,
    /// (port, TLS mode) pairs tried in parallel by a new setup.
    pub candidates: Vec<(u16, TlsMode)>,
    pub extra_ca: Vec<PathBuf>,
    pub stage_timeout: Duration,
    /// Open pages in the system browser (tests only record them).
    pub use_browser: bool,
    /// Where a copied secret is checked and removed from (tests use their own).
    pub clipboard: Arc<dyn ClipboardAccess>,
    /// How long a copied secret stays on the clipboard.
    pub secret_clipboard_time: Duration,
}

impl GuiConfig {
    /// Gmail, the account store from the environment, and the overrides listed above.
    pub fn from_env() -> Result<GuiConfig, String> {
        let store = AccountStore::from_env().map_err(|e| e.to_string())?;
        let server = std::env::var("SMTP_SETUP_SERVER")
            .ok()
            .filter(|s| !s.trim().is_empty());
        let (host, port) = match server {
            Some(server) => parse_server(&server)?,
            None => (GMAIL_SMTP_HOST.to_string(), None),
        };
        let extra_ca = std::env::var_os("SMTP_SETUP_CA_FILE")
            .map(PathBuf::from)
            .into_iter()
            .collect();
        let stage_timeout = match std::env::var("SMTP_SETUP_TIMEOUT") {
            Ok(secs) => secs
                .parse::<f64>()
                .ok()
                .filter(|s| *s > 0.0 && *s <= 600.0)
                .map(Duration::from_secs_f64)
                .ok_or_else(|| {
                    format!("SMTP_SETUP_TIMEOUT must be seconds between 0 and 600, not {secs:?}")
                })?,
            Err(_) => smtp_setup::smtp::DEFAULT_STAGE_TIMEOUT,
        };
        Ok(GuiConfig {
            store,
            host,
            candidates: TlsChoice::Auto.candidates(port),
            extra_ca,
            stage_timeout,
            use_browser: true,
            clipboard: Arc::new(SystemClipboard),
            secret_clipboard_time: SECRET_CLIPBOARD_TIME,
        })
    }

    /// Options for a new setup: every candidate route in parallel.
    pub fn check_options(&self) -> Result<CheckOptions, TlsSetupError> {
        let mut options = CheckOptions::new(&self.host, self.candidates.clone(), &self.extra_ca)?;
        options.stage_timeout = self.stage_timeout;
        Ok(options)
    }

    /// Options for a stored account's route.
    pub fn options_for(&self, route: &Route) -> Result<CheckOptions, TlsSetupError> {
        let mut options =
            CheckOptions::new(&route.host, vec![(route.port, route.tls)], &self.extra_ca)?;
        options.stage_timeout = self.stage_timeout;
        Ok(options)
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
    reload: Option<worker::Job<Result<AccountIndex, String>>>,
}

impl Env {
    /// Reads the index again in the background (after a job changed it).
    pub fn reload_accounts(&mut self, ctx: &egui::Context) {
        let store = self.config.store.clone();
        self.reload = Some(self.worker.spawn(ctx, move |_| async move {
            tokio::task::spawn_blocking(move || store.list().map_err(|e| e.to_string()))
                .await
                .map_err(|e| e.to_string())?
        }));
    }

    /// Takes in a finished reload.
    fn poll_accounts(&mut self) {
        let Some(result) = self.reload.as_ref().and_then(|job| job.try_result()) else {
            return;
        };
        self.reload = None;
        let crashed = || trf(T::InternalError, &[("version", env!("CARGO_PKG_VERSION"))]);
        match result.unwrap_or_else(|_| Err(crashed())) {
            Ok(index) => {
                self.accounts = index;
                self.accounts_error = None;
            }
            Err(error) => self.accounts_error = Some(error),
        }
    }
}

/// Where a screen asks to go next.
pub enum Nav {
    /// The wizard, from step 1.
    NewSetup,
    /// The wizard, signing in again with Google for this address.
    Reauthorize(String),
    Accounts,
}

/// The two screens: the account list (when accounts exist) and the setup wizard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Accounts,
    Wizard,
}

pub struct SetupApp {
    env: Env,
    screen: Screen,
    pub wizard: Wizard,
    accounts: AccountsScreen,
}

impl SetupApp {
    pub fn new(config: GuiConfig) -> std::io::Result<SetupApp> {
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
            reload: None,
        };
        let wizard = Wizard::new(&env);
        let screen = if env.accounts.accounts.is_empty() {
            Screen::Wizard
        } else {
            Screen::Accounts
        };
        let accounts = AccountsScreen::new();
        Ok(SetupApp {
            env,
            screen,
            wizard,
            accounts,
        })
    }

    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// Pages the user asked to open, oldest first.
    pub fn opened_links(&self) -> &[String] {
        &self.env.links.opened
    }

    /// Draws the whole window into `ui`.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.env.poll_accounts();
        let next = match self.screen {
            Screen::Wizard => self.wizard.show(ui, &mut self.env),
            Screen::Accounts => self.accounts.show(ui, &mut self.env),
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
                self.env.reload_accounts(ui.ctx());
                self.accounts.refresh();
                self.screen = Screen::Accounts;
            }
            None => {}
        }
    }
}

impl eframe::App for SetupApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}

/// Opens the window and runs until it is closed.
pub fn run() -> Result<(), String> {
    let config = GuiConfig::from_env()?;
    let app = SetupApp::new(config).map_err(|e| e.to_string())?;
    let icon = eframe::icon_data::from_png_bytes(ICON_PNG).map_err(|e| e.to_string())?;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(tr(T::AppTitle))
            .with_app_id("smtp-setup")
            .with_icon(icon)
            .with_inner_size([760.0, 600.0])
            .with_min_inner_size([560.0, 440.0]),
        ..Default::default()
    };
    eframe::run_native(tr(T::AppTitle), options, Box::new(|_cc| Ok(Box::new(app))))
        .map_err(|e| e.to_string())
}
