//! The setup wizard driven by its labels, as a person would, against the Gmail-like server
//! and the real keychain (the private session of `scripts/test`). The happy-path test also
//! renders every step into `screenshots/` for the README.

mod support;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use smtp_setup::accounts::{AccountStore, IndexFile};
use smtp_setup::address::EmailAddress;
use smtp_setup::diagnosis::{Cause, Diagnosis, SetupStep};
use smtp_setup::gui::{GuiConfig, Screen, SetupApp};
use smtp_setup::keychain::Keychain;
use smtp_setup::smtp::TlsMode;
use std::path::Path;
use std::time::{Duration, Instant};
use support::gmail_server::{AccountMode, Behavior, GmailServer, ServerConfig};

const USER: &str = "jane@gmail.com";
const PASSWORD: &str = "abcdefghijklmnop";

struct Setup {
    server: GmailServer,
    config: GuiConfig,
    _dir: tempfile::TempDir,
}

fn setup(name: &str, server: ServerConfig) -> Setup {
    assert!(
        std::env::var_os("SMTP_SETUP_TEST_SESSION").is_some(),
        "the wizard tests need the private keyring session: run them with scripts/test"
    );
    let server = GmailServer::start(server);
    let dir = tempfile::tempdir().unwrap();
    let config = GuiConfig {
        store: AccountStore {
            index: IndexFile::in_dir(dir.path().to_path_buf()),
            keychain: Keychain::with_service(&format!("smtp-setup-test-wizard-{name}")),
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
    };
    Setup {
        server,
        config,
        _dir: dir,
    }
}

fn harness(config: GuiConfig) -> Harness<'static, SetupApp> {
    let app = SetupApp::new(config).unwrap();
    Harness::builder()
        .with_size([800.0, 640.0])
        .build_ui_state(|ui, app: &mut SetupApp| app.show(ui), app)
}

fn step(harness: &Harness<'_, SetupApp>) -> SetupStep {
    harness.state().wizard.step
}

/// Steps the UI until `done` holds; the background work runs on its own runtime meanwhile.
fn wait_for(
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

fn has_text(harness: &Harness<'_, SetupApp>, text: &str) -> bool {
    harness.query_by_label_contains(text).is_some()
}

fn is_enabled(harness: &Harness<'_, SetupApp>, label: &str) -> bool {
    !harness.get_by_label(label).accesskit_node().is_disabled()
}

fn click(harness: &mut Harness<'_, SetupApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run_steps(3);
}

fn type_into(harness: &mut Harness<'_, SetupApp>, field: &str, text: &str) {
    harness.get_by_label(field).focus();
    harness.run_steps(1);
    harness.get_by_label(field).type_text(text);
    harness.run_steps(3);
}

fn shoot(harness: &mut Harness<'_, SetupApp>, name: &str) {
    let image = harness
        .render()
        .expect("render with wgpu (software Vulkan in CI)");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    image.save(dir.join(format!("{name}.png"))).unwrap();
}

/// Steps 1 to 3 with a valid address and app password; ends on step 4, running.
fn walk_to_verify(harness: &mut Harness<'_, SetupApp>, password: &str, shots: bool) {
    type_into(harness, "Gmail address", USER);
    assert!(has_text(harness, "personal Google account"));
    if shots {
        shoot(harness, "wizard-1-account");
    }
    click(harness, "Continue");
    assert_eq!(step(harness), SetupStep::TwoStepVerification);
    click(harness, "Open 2-Step Verification page");
    assert!(has_text(
        harness,
        "https://myaccount.google.com/signinoptions/two-step-verification"
    ));
    if shots {
        shoot(harness, "wizard-2-two-step");
    }
    click(harness, "It's on — continue");
    assert_eq!(step(harness), SetupStep::AppPassword);
    click(harness, "Open App passwords page");
    type_into(harness, "App password", password);
    if shots {
        shoot(harness, "wizard-3-app-password");
    }
    click(harness, "Continue");
    assert_eq!(step(harness), SetupStep::Verify);
}

#[test]
fn happy_path_stores_the_secret_and_sends_the_message() {
    let s = setup(
        "happy",
        ServerConfig::with_account(USER, AccountMode::AppPassword(PASSWORD.into())),
    );
    let keychain = s.config.store.keychain.clone();
    let mut harness = harness(s.config.clone());
    walk_to_verify(&mut harness, "abcd efgh ijkl mnop", true);
    wait_for(&mut harness, "the verified save", |h| {
        has_text(h, "Gmail accepted the app password")
    });
    assert!(has_text(&harness, "answered first"));
    shoot(&mut harness, "wizard-4-verify");
    let user = EmailAddress::parse(USER).unwrap();
    assert_eq!(
        keychain.load(&user).unwrap().expose(),
        PASSWORD,
        "the secret is in the keychain"
    );

    click(&mut harness, "Continue");
    assert_eq!(step(&harness), SetupStep::TestMessage);
    assert_eq!(
        harness.get_by_label("Recipient").value().as_deref(),
        Some(USER)
    );
    click(&mut harness, "Send test message");
    wait_for(&mut harness, "the test message", |h| {
        has_text(h, "Gmail accepted the message")
    });
    assert!(has_text(&harness, "250 2.0.0 OK"));
    shoot(&mut harness, "wizard-5-test-message");
    let received = s.server.received();
    assert_eq!(received.len(), 1, "the message arrived at the server");
    assert_eq!(received[0].rcpt_to, [USER]);

    click(&mut harness, "Continue");
    assert_eq!(step(&harness), SetupStep::Done);
    assert!(has_text(&harness, "127.0.0.1"));
    assert!(has_text(&harness, "kept in the system keychain"));
    shoot(&mut harness, "wizard-6-done");
    assert_eq!(
        harness.state().opened_links(),
        [
            "https://myaccount.google.com/signinoptions/two-step-verification",
            "https://myaccount.google.com/apppasswords"
        ]
    );
    keychain.delete(&user).unwrap();
}

#[test]
fn account_password_is_diagnosed_and_leads_back_to_step_3() {
    let s = setup(
        "account-password",
        ServerConfig::with_account(USER, AccountMode::AppPasswordRequired),
    );
    let mut harness = harness(s.config.clone());
    walk_to_verify(&mut harness, PASSWORD, false);
    let title = Diagnosis::for_cause(Cause::AppPasswordRequired).title;
    wait_for(&mut harness, "the 534 diagnosis", |h| has_text(h, &title));
    assert!(has_text(&harness, "Go to step 3: App password"));
    let user = EmailAddress::parse(USER).unwrap();
    assert!(
        s.config.store.keychain.load(&user).is_err(),
        "nothing is stored"
    );
    click(&mut harness, "Go to step 3: App password");
    assert_eq!(step(&harness), SetupStep::AppPassword);
    click(&mut harness, "Show");
    assert_eq!(
        harness.get_by_label("App password").value().as_deref(),
        Some(PASSWORD),
        "what was typed is kept"
    );
}

#[test]
fn wrong_app_password_shows_the_535_diagnosis() {
    let s = setup(
        "wrong",
        ServerConfig::with_account(USER, AccountMode::AppPassword(PASSWORD.into())),
    );
    let mut harness = harness(s.config.clone());
    walk_to_verify(&mut harness, "zzzz zzzz zzzz zzzz", false);
    let title = Diagnosis::for_cause(Cause::BadCredentials).title;
    wait_for(&mut harness, "the 535 diagnosis", |h| has_text(h, &title));
    shoot(&mut harness, "wizard-4-verify-failed");
    assert!(has_text(&harness, "Open App passwords page"));
    assert!(!is_enabled(&harness, "Continue"));
}

#[test]
fn stalled_server_stays_responsive_cancels_and_times_out() {
    let mut s = setup(
        "stalled",
        ServerConfig::default().with_behavior(Behavior::StallGreeting),
    );
    s.config.stage_timeout = Duration::from_secs(1);
    let mut harness = harness(s.config.clone());
    walk_to_verify(&mut harness, PASSWORD, false);
    // Still running, the UI answers: frames are drawn and Cancel works.
    assert!(has_text(&harness, "Checking…"));
    harness.run_steps(5);
    click(&mut harness, "Cancel");
    assert!(has_text(&harness, "Check cancelled"));
    click(&mut harness, "Verify again");
    let title = Diagnosis::for_cause(Cause::ConnectionTimeout).title;
    wait_for(&mut harness, "a verdict within the bound", |h| {
        has_text(h, &title)
    });
}

#[test]
fn invalid_input_is_explained_and_blocks_continue() {
    let s = setup("invalid", ServerConfig::default());
    let mut harness = harness(s.config.clone());
    assert!(!is_enabled(&harness, "Continue"));
    type_into(&mut harness, "Gmail address", "jane");
    assert!(has_text(&harness, "exactly one @"));
    assert!(!is_enabled(&harness, "Continue"));
    type_into(&mut harness, "Gmail address", "@example.org");
    assert!(has_text(&harness, "Google Workspace"));
    click(&mut harness, "Continue");
    click(&mut harness, "It's on — continue");

    type_into(&mut harness, "App password", "abcd efgh");
    assert!(has_text(&harness, "8 of 16 letters"));
    assert!(!is_enabled(&harness, "Continue"));
    harness.get_by_label("App password").focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    harness
        .get_by_label("App password")
        .type_text("Summer2024!");
    harness.run_steps(3);
    assert!(has_text(
        &harness,
        "looks like your Google account password"
    ));
    assert!(!is_enabled(&harness, "Continue"));
    // Enter does not continue past invalid input either.
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    assert_eq!(step(&harness), SetupStep::AppPassword);
}

#[test]
fn progress_survives_a_restart_without_the_secret() {
    let s = setup("restart", ServerConfig::default());
    let mut first = harness(s.config.clone());
    type_into(&mut first, "Gmail address", USER);
    click(&mut first, "Continue");
    click(&mut first, "It's on — continue");
    type_into(&mut first, "App password", PASSWORD);
    drop(first);

    let second = harness(s.config.clone());
    assert_eq!(step(&second), SetupStep::AppPassword);
    assert_eq!(
        second.get_by_label("App password").value().as_deref(),
        Some("")
    );
    let saved = std::fs::read_to_string(s.config.store.index.dir().join("wizard.toml")).unwrap();
    assert!(saved.contains(USER) && !saved.contains(PASSWORD), "{saved}");
}

#[test]
fn a_stored_address_offers_retest_instead_of_a_duplicate() {
    let s = setup(
        "stored",
        ServerConfig::with_account(USER, AccountMode::AppPassword(PASSWORD.into())),
    );
    let mut harness = harness(s.config.clone());
    walk_to_verify(&mut harness, PASSWORD, false);
    wait_for(&mut harness, "the verified save", |h| {
        has_text(h, "Gmail accepted the app password")
    });
    drop(harness);

    // A new run for the same address: it says so, and re-tests the stored secret.
    std::fs::remove_file(s.config.store.index.dir().join("wizard.toml")).unwrap();
    let mut harness = self::harness(s.config.clone());
    assert_eq!(harness.state().screen(), Screen::Accounts, "with an account stored, the app opens on the list");
    click(&mut harness, "Add account…");
    assert_eq!(harness.state().screen(), Screen::Wizard);
    type_into(&mut harness, "Gmail address", USER);
    assert!(has_text(&harness, "is already set up"));
    assert!(!is_enabled(&harness, "Continue"));
    click(&mut harness, "Re-test it");
    assert_eq!(step(&harness), SetupStep::Verify);
    wait_for(&mut harness, "the re-test", |h| has_text(h, "still works"));
    assert_eq!(s.server.auth_attempts().len(), 2);
    s.config
        .store
        .keychain
        .delete(&EmailAddress::parse(USER).unwrap())
        .unwrap();
}
