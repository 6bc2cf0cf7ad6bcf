//! The account screen driven by its labels against the Gmail-like server and the real
//! keychain: every action, independent rows, and the keychain-unavailable state (in a child
//! process that has no session bus). Renders `screenshots/accounts.png`.

pub mod support;

use egui::OutputCommand;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use smtp_setup::accounts::{AccountRecord, AuthMethod, NewSecret, TestOutcome, Verification};
use smtp_setup::address::EmailAddress;
use smtp_setup::app_password::AppPassword;
use smtp_setup::diagnosis::{Cause, Diagnosis};
use smtp_setup::gui::use_in_app::SaveTo;
use smtp_setup::gui::{GuiConfig, Screen, SetupApp};
use smtp_setup::keychain::KeychainError;
use smtp_setup::smtp::{Route, TlsMode};
use std::time::SystemTime;
use support::gmail_server::{AccountMode, Behavior, ServerConfig};
use support::gui::{
    PASSWORD, USER, click, delete_secret, harness, has_text, secret, setup, snapshot, type_into,
    wait_for,
};

const OTHER: &str = "ops@example.org";
const NEW: &str = "qrstuvwxyzabcdef";

/// Stores an account through the engine, as the wizard or `store` would.
fn store(config: &GuiConfig, user: &str, password: &str, verify: bool) {
    let user = EmailAddress::parse(user).unwrap();
    let password = AppPassword::parse(password).unwrap();
    // Only the STARTTLS route, so that the account's stored route is the same every run.
    let options = config
        .connect
        .options(Some(&Route {
            host: "smtp.gmail.com".into(),
            port: 587,
            tls: TlsMode::Starttls,
        }))
        .unwrap();
    let verification = if verify {
        Verification::Check {
            options: &options,
            sink: smtp_setup::smtp::ignore_events(),
        }
    } else {
        Verification::Skip {
            route: Route {
                host: options.host.clone(),
                port: 587,
                tls: TlsMode::Starttls,
            },
        }
    };
    support::block_on(
        config
            .store
            .save(&user, NewSecret::AppPassword(password), verification),
    )
    .unwrap();
}

fn record(config: &GuiConfig, user: &str) -> Option<AccountRecord> {
    config.store.list().unwrap().find(user).cloned()
}

fn cleanup(config: &GuiConfig) {
    for user in [USER, OTHER] {
        let _ = delete_secret(config, user);
    }
}

/// Opens the "More…" menu of the `card`-th account (from 0) and clicks `item` in it.
fn menu(harness: &mut Harness<'_, SetupApp>, card: usize, item: &str) {
    harness
        .get_all_by_label("More…")
        .nth(card)
        .unwrap()
        .click_accesskit();
    harness.run_steps(3);
    harness.get_by_label(item).click_accesskit();
    harness.run_steps(3);
}

/// Steps until a frame copies text to the clipboard; returns it.
fn copied_text(harness: &mut Harness<'_, SetupApp>) -> String {
    for _ in 0..200 {
        harness.step();
        let copied = harness
            .output()
            .platform_output
            .commands
            .iter()
            .find_map(|c| match c {
                OutputCommand::CopyText(text) => Some(text.clone()),
                _ => None,
            });
        if let Some(text) = copied {
            return text;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("nothing was copied");
}

#[test]
fn opens_on_the_list_and_checks_and_sends() {
    let s = setup(
        "list",
        ServerConfig::with_account(USER, AccountMode::AppPassword(PASSWORD.into())),
    );
    store(&s.config, USER, PASSWORD, true);
    let mut harness = harness(s.config.clone());
    assert_eq!(harness.state().screen(), Screen::Accounts);
    assert!(has_text(&harness, USER));
    assert!(has_text(&harness, "Working"));

    click(&mut harness, "Check");
    wait_for(&mut harness, "the check", |h| {
        has_text(h, "Gmail accepted the login.")
    });
    assert!(has_text(&harness, "Check · just now"));
    assert_eq!(s.server.auth_attempts().len(), 2);

    click(&mut harness, "Send test…");
    assert!(
        !has_text(&harness, "Gmail accepted the login."),
        "the next action clears the result area"
    );
    assert_eq!(
        harness.get_by_label("Recipient").value().as_deref(),
        Some(USER)
    );
    harness.get_by_label("Recipient").focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    type_into(&mut harness, "Recipient", OTHER);
    click(&mut harness, "Send test message");
    wait_for(&mut harness, "the test message", |h| {
        has_text(h, &format!("Gmail accepted the test message for {OTHER} ("))
    });
    assert!(has_text(&harness, "Test message · just now"));
    assert_eq!(s.server.received()[0].rcpt_to, [OTHER]);
    let test = record(&s.config, USER).unwrap().last_test.unwrap();
    assert_eq!(test.outcome, TestOutcome::Ok);
    cleanup(&s.config);
}

#[test]
fn a_failing_account_shows_its_diagnosis_and_badge() {
    let s = setup(
        "failing",
        ServerConfig::with_account(USER, AccountMode::AppPassword(PASSWORD.into())),
    );
    store(&s.config, USER, PASSWORD, true);
    // Stored without verification; the server does not know it.
    store(&s.config, OTHER, NEW, false);
    let mut harness = harness(s.config.clone());
    harness
        .get_all_by_label("Check")
        .nth(1)
        .unwrap()
        .click_accesskit();
    harness.run_steps(3);
    wait_for(&mut harness, "the failing check", |h| {
        has_text(h, "Gmail rejected the username or app password")
    });
    wait_for(&mut harness, "the chip", |h| has_text(h, "Failing"));
    assert_eq!(
        record(&s.config, OTHER)
            .unwrap()
            .last_test
            .unwrap()
            .cause
            .map(|c| c.id()),
        Some("bad_credentials")
    );
    harness
        .get_all_by_label("Check")
        .next()
        .unwrap()
        .click_accesskit();
    wait_for(&mut harness, "the passing check", |h| {
        has_text(h, "Gmail accepted the login.")
    });
    snapshot(&mut harness, "accounts", &[]);
    cleanup(&s.config);
}

#[test]
fn replace_keeps_the_old_secret_until_a_new_one_works() {
    // The server knows only NEW; the stored secret is PASSWORD (saved unverified).
    let s = setup(
        "replace",
        ServerConfig::with_account(USER, AccountMode::AppPassword(NEW.into())),
    );
    store(&s.config, USER, PASSWORD, false);
    let mut harness = harness(s.config.clone());
    menu(&mut harness, 0, "Replace app password…");
    type_into(&mut harness, "New app password", "zzzz zzzz zzzz zzzz");
    assert!(
        has_text(&harness, "16 letters: looks right"),
        "counted as in the wizard"
    );
    click(&mut harness, "Check and replace");
    wait_for(&mut harness, "the failed replace", |h| {
        has_text(h, "the saved one is kept")
    });
    assert_eq!(secret(&s.config, USER).unwrap(), PASSWORD);
    assert!(has_text(&harness, "Gmail refused this app password"));
    assert!(
        !has_text(&harness, "looks right"),
        "no green tick beside Gmail's refusal"
    );
    click(&mut harness, "Show");
    assert_eq!(
        harness.get_by_label("New app password").value().as_deref(),
        Some("zzzz zzzz zzzz zzzz"),
        "what was typed stays, to be corrected"
    );
    // Cancelled, the card no longer speaks of the refused password.
    click(&mut harness, "Cancel");
    assert!(!has_text(&harness, "the saved one is kept"));
    assert!(!has_text(&harness, "Gmail rejected"));
    menu(&mut harness, 0, "Replace app password…");
    assert!(
        !has_text(&harness, "Gmail rejected"),
        "a new panel starts clean"
    );

    harness.get_by_label("New app password").focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    type_into(&mut harness, "New app password", NEW);
    click(&mut harness, "Check and replace");
    wait_for(&mut harness, "the replace", |h| {
        has_text(h, "The new app password works")
    });
    assert_eq!(secret(&s.config, USER).unwrap(), NEW);
    cleanup(&s.config);
}

#[test]
fn a_refused_replacement_is_blamed_on_the_new_password_only() {
    let s = setup(
        "replace-narrow",
        ServerConfig::with_account(USER, AccountMode::AppPassword(PASSWORD.into())),
    );
    store(&s.config, USER, PASSWORD, true);
    let mut harness = harness(s.config.clone());
    click(&mut harness, "Check");
    wait_for(&mut harness, "the passing check", |h| {
        has_text(h, "Gmail accepted the login.")
    });
    menu(&mut harness, 0, "Replace app password…");
    assert!(
        harness.get_by_label("New app password").is_focused(),
        "opened to paste into"
    );
    type_into(&mut harness, "New app password", "zzzz zzzz zzzz zzzz");
    click(&mut harness, "Check and replace");
    wait_for(&mut harness, "the failed replace", |h| {
        has_text(h, "the saved one is kept")
    });
    // The saved password works, so the address and 2-Step Verification are not the problem.
    assert!(has_text(&harness, "Gmail refused the new app password"));
    assert!(!has_text(&harness, "Check that the username"));
    assert!(!has_text(&harness, "Turn on 2-Step Verification"));
    assert!(has_text(&harness, "Working"), "and the badge is still true");
    cleanup(&s.config);
}

#[test]
fn a_failing_card_leads_to_replacing_the_password_not_to_the_same_check() {
    let s = setup(
        "failing-card",
        ServerConfig::with_account(USER, AccountMode::AppPassword(NEW.into())),
    );
    store(&s.config, USER, PASSWORD, false);
    let mut harness = harness(s.config.clone());
    click(&mut harness, "Check");
    let title = Diagnosis::for_cause(Cause::BadCredentials).title;
    wait_for(&mut harness, "the failed check", |h| has_text(h, &title));
    assert!(has_text(&harness, "Failing"));
    assert!(
        harness.query_by_label("Check again").is_none(),
        "checking the refused password again cannot fix it"
    );
    click(&mut harness, "Replace app password…");
    assert!(harness.get_by_label("New app password").is_focused());
    assert!(!has_text(&harness, &title), "the panel replaces the advice");
    type_into(&mut harness, "New app password", NEW);
    click(&mut harness, "Check and replace");
    wait_for(&mut harness, "the replace", |h| {
        has_text(h, "The new app password works")
    });
    assert_eq!(secret(&s.config, USER).unwrap(), NEW);
    cleanup(&s.config);
}

#[test]
fn remove_empties_both_stores_and_points_to_revocation() {
    let s = setup(
        "remove",
        ServerConfig::with_account(USER, AccountMode::AppPassword(PASSWORD.into())),
    );
    store(&s.config, USER, PASSWORD, true);
    let mut harness = harness(s.config.clone());
    menu(&mut harness, 0, "Remove…");
    assert!(has_text(&harness, &format!("Remove {USER}?")));
    click(&mut harness, "Remove");
    wait_for(&mut harness, "the removal", |h| {
        has_text(h, &format!("Removed {USER}"))
    });
    assert!(matches!(
        secret(&s.config, USER),
        Err(KeychainError::Missing { .. })
    ));
    assert!(record(&s.config, USER).is_none());
    wait_for(&mut harness, "the list to update", |h| {
        !has_text(h, "checked just now")
    });
    click(&mut harness, "Open App passwords page");
    assert_eq!(
        harness.state().opened_links(),
        ["https://myaccount.google.com/apppasswords"]
    );
}

#[test]
fn an_address_removed_then_added_again_starts_afresh() {
    let s = setup(
        "readded",
        ServerConfig::with_account(USER, AccountMode::AppPassword(PASSWORD.into()))
            .and_account(OTHER, AccountMode::AppPassword(PASSWORD.into())),
    );
    store(&s.config, USER, PASSWORD, true);
    store(&s.config, OTHER, PASSWORD, true);
    let mut harness = harness(s.config.clone());
    menu(&mut harness, 0, "Remove…");
    click(&mut harness, "Remove");
    wait_for(&mut harness, "the removal", |h| {
        has_text(h, &format!("Removed {USER}"))
    });
    // Set up again (as the wizard would), then back on the list.
    store(&s.config, USER, PASSWORD, true);
    click(&mut harness, "Add account…");
    click(&mut harness, "‹ Accounts");
    wait_for(&mut harness, "the list with the account again", |h| {
        h.query_all_by_label_contains("checked just now").count() == 2
    });
    assert!(
        !has_text(&harness, &format!("Removed {USER}")),
        "the old removal's banner is gone"
    );
    assert!(!has_text(&harness, "Remove jane@gmail.com?"));
    cleanup(&s.config);
}

#[test]
fn default_and_copy_settings_with_and_without_the_secret() {
    let s = setup(
        "default",
        ServerConfig::with_account(USER, AccountMode::AppPassword(PASSWORD.into())),
    );
    store(&s.config, USER, PASSWORD, true);
    store(&s.config, OTHER, PASSWORD, false);
    let mut harness = harness(s.config.clone());
    assert!(has_text(&harness, "Default"));
    menu(&mut harness, 1, "Make default");
    // The marker moves to the second card.
    wait_for(&mut harness, "the new default on screen", |h| {
        h.get_by_label_contains(OTHER).rect().top() < h.get_by_label("• Default").rect().top()
    });
    assert_eq!(
        s.config.store.list().unwrap().default.as_deref(),
        Some(OTHER)
    );

    harness
        .get_all_by_label("More…")
        .next()
        .unwrap()
        .click_accesskit();
    harness.run_steps(3);
    harness.get_by_label("Copy settings").click_accesskit();
    let settings = copied_text(&mut harness);
    harness.run_steps(2);
    assert!(has_text(&harness, "Copied ✔"), "the copy says so");
    assert!(
        settings.contains("Server: smtp.gmail.com")
            && settings.contains(&format!("Username: {USER}")),
        "{settings}"
    );
    assert!(!settings.contains(PASSWORD));

    menu(&mut harness, 0, "Copy with password…");
    assert!(has_text(&harness, "where other programs can read them"));
    // No extra frames between the click and the watch: the copy may come in the next one.
    harness.get_by_label("Copy with password").click_accesskit();
    let revealed = copied_text(&mut harness);
    assert!(
        revealed.ends_with(&format!("Password: {PASSWORD}")),
        "asked for, so given"
    );
    cleanup(&s.config);
}

#[test]
fn a_copied_password_is_taken_off_the_clipboard_again() {
    let mut s = setup(
        "clipboard",
        ServerConfig::with_account(USER, AccountMode::AppPassword(PASSWORD.into())),
    );
    s.config.secret_clipboard_time = std::time::Duration::from_millis(300);
    store(&s.config, USER, PASSWORD, true);
    let mut harness = harness(s.config.clone());
    let reveal = |harness: &mut Harness<'_, SetupApp>| {
        menu(harness, 0, "Copy with password…");
        harness.get_by_label("Copy with password").click_accesskit();
        copied_text(harness)
    };
    let revealed = reveal(&mut harness);
    harness.run_steps(1);
    assert!(has_text(&harness, "removes it in"), "the window says so");
    // The clipboard still holds it when the time comes: it is removed.
    s.clipboard.set(&revealed);
    wait_for(&mut harness, "the clipboard cleared", |h| {
        has_text(h, "The password was removed from the clipboard.")
    });
    assert_eq!(s.clipboard.get(), None);

    // Something else was copied meanwhile: it stays.
    reveal(&mut harness);
    s.clipboard.set("a link the person copied since");
    wait_for(&mut harness, "the clipboard left alone", |h| {
        has_text(h, "holds something else now")
    });
    assert_eq!(
        s.clipboard.get().as_deref(),
        Some("a link the person copied since")
    );
    cleanup(&s.config);
}

#[test]
fn a_cancelled_check_is_recorded_as_cancelled() {
    let s = setup(
        "cancel",
        ServerConfig::with_account(USER, AccountMode::AppPassword(PASSWORD.into()))
            .with_behavior(Behavior::StallGreeting),
    );
    store(&s.config, USER, PASSWORD, false);
    let mut harness = harness(s.config.clone());
    click(&mut harness, "Check");
    assert!(
        s.server
            .wait_for_connections(1, std::time::Duration::from_secs(10))
    );
    click(&mut harness, "Cancel");
    wait_for(&mut harness, "the cancelled chip", |h| {
        has_text(h, "Last check cancelled")
    });
    assert!(has_text(&harness, "Cancelled."), "the result area says so");
    // The engine records the cancellation once the dropped work has unwound, which may be a
    // frame after the chip shows it.
    wait_for(&mut harness, "the recorded cancellation", |_| {
        record(&s.config, USER).is_some_and(|r| r.last_test.is_some())
    });
    let last = record(&s.config, USER).unwrap().last_test.unwrap();
    assert_eq!(last.outcome, TestOutcome::Cancelled);
    cleanup(&s.config);
}

#[test]
fn tests_on_two_accounts_run_independently() {
    let s = setup(
        "parallel",
        ServerConfig::with_account(USER, AccountMode::AppPassword(PASSWORD.into()))
            .and_account(OTHER, AccountMode::AppPassword(PASSWORD.into())),
    );
    store(&s.config, USER, PASSWORD, true);
    store(&s.config, OTHER, PASSWORD, true);
    let mut harness = harness(s.config.clone());
    // One click per frame, as a person clicks; each row keeps its own task and result.
    harness
        .get_all_by_label("Check")
        .next()
        .unwrap()
        .click_accesskit();
    harness.step();
    harness
        .get_all_by_label("Check")
        .nth(1)
        .unwrap()
        .click_accesskit();
    harness.step();
    wait_for(&mut harness, "both checks", |h| {
        h.query_all_by_label("Gmail accepted the login.").count() == 2
    });
    cleanup(&s.config);
}

#[test]
fn closing_the_window_during_a_test_loses_nothing() {
    let s = setup(
        "closing",
        ServerConfig::with_account(USER, AccountMode::AppPassword(PASSWORD.into())),
    );
    store(&s.config, USER, PASSWORD, true);
    let before = record(&s.config, USER).unwrap();
    let mut harness = harness(s.config.clone());
    click(&mut harness, "Check");
    drop(harness);
    let after = record(&s.config, USER).expect("the account is still listed");
    assert_eq!(
        (after.address, after.auth, after.created),
        (before.address, AuthMethod::AppPassword, before.created)
    );
    assert_eq!(secret(&s.config, USER).unwrap(), PASSWORD);
    cleanup(&s.config);
}

/// Runs in a child process without a session bus (see the test below).
#[test]
fn keychain_unavailable_child() {
    if std::env::var_os("SMTP_SETUP_NO_BUS_CHILD").is_none() {
        return;
    }
    let s = setup("nobus", ServerConfig::default());
    s.config
        .store
        .index
        .update(|index| {
            index.upsert(AccountRecord {
                address: EmailAddress::parse(USER).unwrap(),
                display_name: None,
                provider: "gmail".into(),
                server: "127.0.0.1".into(),
                port: s.server.starttls_port(),
                tls: TlsMode::Starttls,
                auth: AuthMethod::AppPassword,
                created: SystemTime::now(),
                last_verified: None,
                last_test: None,
                signed_in: None,
                oauth_testing: None,
            })
        })
        .unwrap();
    let mut harness = harness(s.config.clone());
    wait_for(&mut harness, "the keychain banner", |h| {
        has_text(h, "The system keychain cannot be read")
    });
    assert!(has_text(&harness, "No keychain is available"));
    assert!(
        has_text(&harness, USER),
        "the account is still listed from the index"
    );
    click(&mut harness, "Check");
    // Diagnosed, and recorded as the account's last result.
    wait_for(&mut harness, "the check to say why", |h| {
        has_text(h, "The system keychain could not be read")
    });
}

#[test]
fn keychain_unavailable_is_explained_and_accounts_still_listed() {
    let runtime = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "keychain_unavailable_child", "--nocapture"])
        .env("SMTP_SETUP_NO_BUS_CHILD", "1")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("XDG_RUNTIME_DIR", runtime.path())
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(out.contains("1 passed"), "{out}");
}

#[test]
fn a_google_sign_in_account_is_reauthorized_and_revoked_at_connections() {
    let s = setup("oauth-row", ServerConfig::default());
    s.config
        .store
        .index
        .update(|index| {
            index.upsert(AccountRecord {
                address: EmailAddress::parse(USER).unwrap(),
                display_name: None,
                provider: "gmail".into(),
                server: "127.0.0.1".into(),
                port: s.server.starttls_port(),
                tls: TlsMode::Starttls,
                auth: AuthMethod::OAuth,
                created: SystemTime::now(),
                last_verified: None,
                last_test: None,
                signed_in: None,
                oauth_testing: None,
            })
        })
        .unwrap();
    let mut harness = harness(s.config.clone());
    // The keychain probe finds no secret for this account (it was never stored) and says so.
    wait_for(&mut harness, "the keychain probe", |h| {
        has_text(h, "The keychain has no password")
    });
    assert!(has_text(&harness, "Google sign-in ·"));
    assert!(harness.query_by_label("Replace app password…").is_none());
    menu(&mut harness, 0, "Sign in again…");
    assert_eq!(harness.state().screen(), Screen::Wizard);
    assert_eq!(
        harness.state().wizard().step(),
        smtp_setup::gui::wizard::flow::Step::OAuthClient
    );
    assert!(has_text(&harness, "Your OAuth client"));
    assert!(has_text(&harness, &format!("add {USER} as a test user")));

    click(&mut harness, "‹ Accounts");
    assert_eq!(harness.state().screen(), Screen::Accounts);
    menu(&mut harness, 0, "Remove…");
    click(&mut harness, "Remove");
    wait_for(&mut harness, "the removal", |h| {
        has_text(h, &format!("Removed {USER}"))
    });
    assert!(has_text(&harness, "keeps access to the account at Google"));
    click(&mut harness, "Open third-party connections");
    assert_eq!(
        harness.state().opened_links().last().map(String::as_str),
        Some("https://myaccount.google.com/connections")
    );
}

#[test]
fn use_in_your_app_writes_the_stack_settings_and_the_secret_only_when_confirmed() {
    let s = setup(
        "use-in-app",
        ServerConfig::with_account(USER, AccountMode::AppPassword(PASSWORD.into())),
    );
    store(&s.config, USER, PASSWORD, true);
    let mut harness = harness(s.config.clone());
    click(&mut harness, "Use in your app…");
    assert_eq!(harness.state().screen(), Screen::UseInApp);
    type_into(&mut harness, "Find your stack", "djan");
    assert!(
        harness.query_by_label("Nodemailer").is_none(),
        "the filter narrows the list"
    );
    click(&mut harness, "Django");
    assert!(has_text(&harness, "EMAIL_USE_TLS = True"));
    assert!(has_text(
        &harness,
        "EMAIL_HOST_PASSWORD = os.environ[\"EMAIL_HOST_PASSWORD\"]"
    ));
    assert!(!has_text(&harness, PASSWORD));
    snapshot(&mut harness, "use-in-app-django", &[]);
    harness
        .get_by_label("Copy these settings")
        .click_accesskit();
    let copied = copied_text(&mut harness);
    assert!(copied.contains("EMAIL_PORT = 587") && !copied.contains(PASSWORD));

    // Inline only after a confirmation; then the password is in the text, with a warning.
    click(
        &mut harness,
        "Written into the settings (the file then holds the password)…",
    );
    assert!(has_text(&harness, "Write it in?"));
    assert!(!has_text(&harness, PASSWORD));
    click(&mut harness, "Write the password in");
    wait_for(&mut harness, "the secret from the keychain", |h| {
        has_text(h, &format!("EMAIL_HOST_PASSWORD = \"{PASSWORD}\""))
    });
    assert!(has_text(&harness, "holds the app password in plain text"));
    click(&mut harness, "Save to file…");
    let SaveTo::Path(path) = &s.config.save_to else {
        unreachable!()
    };
    wait_for(&mut harness, "the saved file", |h| has_text(h, "Saved to"));
    let saved = std::fs::read_to_string(path).unwrap();
    assert!(saved.contains(&format!("EMAIL_HOST_PASSWORD = \"{PASSWORD}\"")));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "a file with the secret is private");
    }
    click(&mut harness, "‹ Accounts");
    assert_eq!(harness.state().screen(), Screen::Accounts);
    cleanup(&s.config);
}

#[test]
fn the_decoder_explains_a_pasted_error_and_checks_the_account_it_names() {
    let s = setup(
        "decoder",
        ServerConfig::with_account(USER, AccountMode::AppPassword(PASSWORD.into())),
    );
    store(&s.config, USER, PASSWORD, true);
    let mut harness = harness(s.config.clone());
    click(&mut harness, "Explain an error…");
    assert_eq!(harness.state().screen(), Screen::Decode);
    let pasted = format!(
        "smtplib.SMTPAuthenticationError: (535, b'5.7.8 Username and Password not accepted. \
         For more information, go to\\n5.7.8  https://support.google.com/mail/?p=BadCredentials \
         - gsmtp') while sending as {USER}"
    );
    type_into(&mut harness, "Error message", &pasted);
    let title = Diagnosis::for_cause(Cause::BadCredentials).title;
    wait_for(&mut harness, "the diagnosis", |h| has_text(h, &title));
    assert!(has_text(&harness, "Open App passwords page"));
    snapshot(&mut harness, "decoder", &[]);
    click(&mut harness, &format!("Check {USER}"));
    assert_eq!(harness.state().screen(), Screen::Accounts);
    wait_for(&mut harness, "the check it started", |h| {
        has_text(h, "Gmail accepted the login.")
    });
    cleanup(&s.config);
}

#[test]
fn the_relay_starts_counts_and_stops_on_the_card() {
    let s = setup(
        "relay",
        ServerConfig::with_account(USER, AccountMode::AppPassword(PASSWORD.into())),
    );
    store(&s.config, USER, PASSWORD, true);
    let mut harness = harness(s.config.clone());
    assert!(has_text(&harness, "Start relay"));
    click(&mut harness, "Start relay");
    wait_for(&mut harness, "the relay to listen", |h| {
        h.query_by_label_contains("Relay on 127.0.0.1:").is_some()
    });
    let shown = harness
        .get_by_label_contains("Relay on 127.0.0.1:")
        .value()
        .unwrap_or_default();
    let port = shown.rsplit_once(':').unwrap().1.trim().to_string();
    let record = record(&s.config, USER).unwrap();
    let password = support::block_on(s.config.store.relay_password(&record)).unwrap();
    // An app sends through it, logging in with the relay password.
    let script = r#"
import smtplib, sys
with smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=30) as s:
    s.login(sys.argv[2], sys.argv[3])
    s.sendmail(sys.argv[2], [sys.argv[2]], b"Subject: via the card\r\n\r\nhi\r\n")
"#;
    let sent = std::process::Command::new("python3")
        .args(["-c", script, &port, USER, password.expose()])
        .output()
        .unwrap();
    assert!(
        sent.status.success(),
        "{}",
        String::from_utf8_lossy(&sent.stderr)
    );
    wait_for(&mut harness, "the counter", |h| {
        has_text(
            h,
            "1 sent since it started · 1 of Gmail's 500 a day in the last 24 h",
        )
    });
    assert_eq!(s.server.received().len(), 1);
    snapshot(&mut harness, "accounts-relay", &["Relay on", "checked"]);
    click(&mut harness, "Stop relay");
    wait_for(&mut harness, "the relay stopped", |h| {
        has_text(h, "Start relay")
    });
    // Stopped for real: the port no longer answers (once the relay has let go of it).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while std::net::TcpStream::connect(format!("127.0.0.1:{port}")).is_ok() {
        assert!(
            std::time::Instant::now() < deadline,
            "the relay still listens"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    cleanup(&s.config);
}

#[test]
fn a_testing_sign_in_shows_when_it_ends() {
    let s = setup("expiring", ServerConfig::default());
    let made = SystemTime::now() - std::time::Duration::from_secs(6 * 86_400 + 11 * 3600 + 1800);
    s.config
        .store
        .index
        .update(|index| {
            for (address, testing) in [(USER, Some(true)), (OTHER, Some(false))] {
                index.upsert(AccountRecord {
                    address: EmailAddress::parse(address).unwrap(),
                    display_name: None,
                    provider: "gmail".into(),
                    server: "smtp.gmail.com".into(),
                    port: 587,
                    tls: TlsMode::Starttls,
                    auth: AuthMethod::OAuth,
                    created: made,
                    last_verified: None,
                    last_test: None,
                    signed_in: Some(made),
                    oauth_testing: testing,
                });
            }
        })
        .unwrap();
    let mut harness = harness(s.config.clone());
    wait_for(&mut harness, "the list", |h| has_text(h, OTHER));
    snapshot(&mut harness, "accounts-sign-in-ends", &["checked"]);
    let badges: Vec<String> = harness
        .query_all_by_label_contains("ends")
        // A label's text is its accessible value.
        .filter_map(|n| n.accesskit_node().label().or_else(|| n.value()))
        .collect();
    assert_eq!(
        badges,
        ["⚠ Sign-in ends about 12 hours"],
        "only the Testing client's sign-in ends on its own"
    );
}
