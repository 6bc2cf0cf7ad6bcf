//! Driving the window in tests: a harness around `SetupApp` against the Gmail-like server and
//! a keychain service of the test's own, the few gestures a person makes, and compared
//! snapshots. The window is pointed at `smtp.gmail.com` on 587 and 465, and those are sent to
//! the test server's ports (as `--connect-to` does), so what it shows is what a person sees,
//! the same in every run.

use super::gmail_server::{GmailServer, ServerConfig};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use smtp_setup::accounts::{AccountStore, IndexFile};
use smtp_setup::address::EmailAddress;
use smtp_setup::gui::clipboard::{Clipboard, ClipboardAccess};
use smtp_setup::gui::use_in_app::SaveTo;
use smtp_setup::gui::{GuiConfig, SetupApp};
use smtp_setup::keychain::{Keychain, KeychainError};
use smtp_setup::mail_host::MxLookup;
use smtp_setup::settings::{self, ConnectSettings};
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
    let mut connect = ConnectSettings::default();
    connect.extra_ca = vec![server.ca.file.clone()];
    connect.stage_timeout = Duration::from_secs(5);
    connect.connect_to = vec![
        settings::connect_to(
            "test",
            &format!("smtp.gmail.com:587:{}", server.starttls_addr),
        )
        .unwrap(),
        settings::connect_to(
            "test",
            &format!("smtp.gmail.com:465:{}", server.implicit_addr),
        )
        .unwrap(),
    ];
    let config = GuiConfig {
        store: AccountStore {
            index: IndexFile::in_dir(dir.path().to_path_buf()),
            keychain: Keychain::with_service(&format!("smtp-setup-test-gui-{name}")),
        },
        connect,
        use_browser: false,
        clipboard: clipboard.clone(),
        secret_clipboard_time: Duration::from_secs(30),
        save_to: SaveTo::Path(dir.path().join("saved-settings")),
        // No DNS unless a test gives its own server (`tests/support/dns_server.rs`).
        mx: MxLookup::off(),
    };
    Setup {
        server,
        config,
        clipboard,
        _dir: dir,
    }
}

/// The secret the keychain holds for `user` under the test's service.
pub fn secret(config: &GuiConfig, user: &str) -> Result<String, KeychainError> {
    let user = EmailAddress::parse(user).unwrap();
    crate::support::block_on(config.store.keychain.load(&user)).map(|s| s.expose().to_string())
}

/// Removes `user`'s keychain entry; `Ok(false)` when there was none.
pub fn delete_secret(config: &GuiConfig, user: &str) -> Result<bool, KeychainError> {
    let user = EmailAddress::parse(user).unwrap();
    crate::support::block_on(config.store.keychain.delete(&user))
}

pub fn harness(config: GuiConfig) -> Harness<'static, SetupApp> {
    harness_with(config, 1.0, egui::Theme::Dark)
}

/// A harness at a scale and in a theme. The text cursor does not blink, so a snapshot does
/// not depend on how many frames a test happened to run.
pub fn harness_with(
    config: GuiConfig,
    pixels_per_point: f32,
    theme: egui::Theme,
) -> Harness<'static, SetupApp> {
    let app = SetupApp::new(config).unwrap();
    let harness = Harness::builder()
        .with_size([800.0, 640.0])
        .with_pixels_per_point(pixels_per_point)
        .with_theme(theme)
        .build_ui_state(|ui, app: &mut SetupApp| app.show(ui), app);
    harness
        .ctx
        .all_styles_mut(|style| style.visuals.text_cursor.blink = false);
    harness
}

/// Steps the UI until `done` holds; the background work runs on its own runtime meanwhile.
pub fn wait_for(
    harness: &mut Harness<'_, SetupApp>,
    what: &str,
    done: impl Fn(&Harness<'_, SetupApp>) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done(harness) {
        if Instant::now() >= deadline {
            let shown: Vec<String> = harness
                .root()
                .query_all_by(|_| true)
                .filter_map(|node| {
                    let node = node.accesskit_node();
                    node.label().or_else(|| node.value())
                })
                .collect();
            if let Ok(image) = harness.render() {
                let _ = image.save(std::env::temp_dir().join("smtp-setup-timed-out.png"));
            }
            panic!("timed out waiting for {what}; the window shows: {shown:?}");
        }
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

/// Compares the window with `tests/snapshots/NAME.png`; a difference fails the test (and
/// writes NAME.new.png and NAME.diff.png beside it). `UPDATE_SNAPSHOTS=1` takes the new image
/// on purpose. Labels containing any of `masked` (times, ids, temporary paths: what differs
/// each run) are covered, to the right edge, as their length varies too.
pub fn snapshot(harness: &mut Harness<'_, SetupApp>, name: &str, masked: &[&str]) {
    harness.run_steps(2);
    let right = harness.ctx.content_rect().right();
    let rects: Vec<egui::Rect> = masked
        .iter()
        .flat_map(|text| {
            harness
                .query_all_by_label_contains(text)
                .map(|node| node.rect().with_max_x(right))
                .collect::<Vec<_>>()
        })
        .collect();
    for rect in rects {
        harness.mask(rect);
    }
    harness.snapshot(name);
}
