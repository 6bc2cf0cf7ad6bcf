//! Driving the window in tests: a harness around `SetupApp` against the Gmail-like server and
//! a keychain service of the test's own, and the few gestures a person makes.

use super::gmail_server::{GmailServer, ServerConfig};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use smtp_setup::accounts::{AccountStore, IndexFile};
use smtp_setup::gui::clipboard::{Clipboard, ClipboardAccess};
use smtp_setup::gui::{GuiConfig, SetupApp};
use smtp_setup::keychain::Keychain;
use smtp_setup::smtp::TlsMode;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const USER: &str = "jane@gmail.com";
pub const PASSWORD: &str = "abcdefghijklmnop";

pub struct Setup {
    pub server: GmailServer,
    pub config: GuiConfig,
    /// What the window finds on "the clipboard" when it comes to remove a copied secret.
    pub clipboard: Arc<FakeClipboard>,
    _dir: tempfile::TempDir,
}

/// A clipboard the test fills and reads; the window only reads and clears it.
#[derive(Default)]
pub struct FakeClipboard(Mutex<Option<String>>);

impl FakeClipboard {
    pub fn set(&self, text: &str) {
        *self.0.lock().unwrap() = Some(text.to_string());
    }

    pub fn get(&self) -> Option<String> {
        self.0.lock().unwrap().clone()
    }
}

impl ClipboardAccess for FakeClipboard {
    fn text(&self) -> Clipboard {
        self.get().map_or(Clipboard::NoText, Clipboard::Text)
    }

    fn clear(&self) -> bool {
        *self.0.lock().unwrap() = None;
        true
    }
}

pub fn setup(name: &str, server: ServerConfig) -> Setup {
    assert!(
        std::env::var_os("SMTP_SETUP_TEST_SESSION").is_some(),
        "the GUI tests need the private keyring session: run them with scripts/test"
    );
    let server = GmailServer::start(server);
    let dir = tempfile::tempdir().unwrap();
    let clipboard = Arc::new(FakeClipboard::default());
    let config = GuiConfig {
        store: AccountStore {
            index: IndexFile::in_dir(dir.path().to_path_buf()),
            keychain: Keychain::with_service(&format!("smtp-setup-test-gui-{name}")),
        },
        host: "127.0.0.1".into(),
        // Both of the server's ports in parallel, as 587 and 465 are for Gmail.
        candidates: vec![
            (server.starttls_port(), TlsMode::Starttls),
            (server.implicit_port(), TlsMode::Implicit),
        ],
        extra_ca: vec![server.ca.file.clone()],
        stage_timeout: Duration::from_secs(5),
        use_browser: false,
        clipboard: clipboard.clone(),
        secret_clipboard_time: Duration::from_secs(30),
    };
    Setup {
        server,
        config,
        clipboard,
        _dir: dir,
    }
}

pub fn harness(config: GuiConfig) -> Harness<'static, SetupApp> {
    let app = SetupApp::new(config).unwrap();
    Harness::builder()
        .with_size([800.0, 640.0])
        .build_ui_state(|ui, app: &mut SetupApp| app.show(ui), app)
}

/// Steps the UI until `done` holds; the background work runs on its own runtime meanwhile.
pub fn wait_for(
    harness: &mut Harness<'_, SetupApp>,
    what: &str,
    done: impl Fn(&Harness<'_, SetupApp>) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done(harness) {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.run_steps(2);
}

pub fn has_text(harness: &Harness<'_, SetupApp>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

pub fn is_enabled(harness: &Harness<'_, SetupApp>, label: &str) -> bool {
    !harness.get_by_label(label).accesskit_node().is_disabled()
}

/// Clicks through AccessKit (by widget, not by position), as a screen reader or keyboard user
/// would, so a row that moves as background results arrive cannot be missed.
pub fn click(harness: &mut Harness<'_, SetupApp>, label: &str) {
    harness.get_by_label(label).click_accesskit();
    harness.run_steps(3);
}

pub fn type_into(harness: &mut Harness<'_, SetupApp>, field: &str, text: &str) {
    harness.get_by_label(field).focus();
    harness.run_steps(1);
    harness.get_by_label(field).type_text(text);
    harness.run_steps(3);
}

pub fn shoot(harness: &mut Harness<'_, SetupApp>, name: &str) {
    let image = harness
        .render()
        .expect("render with wgpu (software Vulkan in CI)");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    image.save(dir.join(format!("{name}.png"))).unwrap();
}
