//! The setup wizard driven by its labels, as a person would, against the Gmail-like server
//! and the real keychain (the private session of `scripts/test`). The happy-path test also
//! compares every step with its snapshot in `tests/snapshots/` (shown in the README).

pub mod support;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use smtp_setup::address::EmailAddress;
use smtp_setup::diagnosis::{Cause, Diagnosis};
use smtp_setup::gui::wizard::flow::Step;
use smtp_setup::gui::{Screen, SetupApp};
use smtp_setup::mail_host::MxLookup;
use std::time::Duration;
use support::dns_server::{DnsServer, test_zone};
use support::gmail_server::{AccountMode, Behavior, ServerConfig};
use support::gui::{
    PASSWORD, USER, click, delete_secret, harness, harness_with, has_text, is_enabled, secret,
    setup, snapshot, type_into, wait_for,
};

/// Types `text` over what the field holds.
fn retype(harness: &mut Harness<'_, SetupApp>, field: &str, text: &str) {
    harness.get_by_label(field).focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    harness.get_by_label(field).type_text(text);
    harness.run_steps(3);
}

fn step(harness: &Harness<'_, SetupApp>) -> Step {
    harness.state().wizard().step()
}

/// Steps 1 to 3 with a valid address and app password; ends on step 4, running.
fn walk_to_verify(harness: &mut Harness<'_, SetupApp>, password: &str, shots: bool) {
    type_into(harness, "Gmail address", USER);
    assert!(has_text(harness, "personal Google account"));
    if shots {
        snapshot(harness, "wizard-1-account", &[]);
    }
    click(harness, "Continue");
    assert_eq!(step(harness), Step::TwoStep);
    click(harness, "Open 2-Step Verification page");
    assert!(has_text(
        harness,
        "https://myaccount.google.com/signinoptions/two-step-verification"
    ));
    if shots {
        snapshot(harness, "wizard-2-two-step", &[]);
    }
    click(harness, "It's on — continue");
    assert_eq!(step(harness), Step::AppPassword);
    click(harness, "Open App passwords page");
    type_into(harness, "App password", password);
    if shots {
        snapshot(harness, "wizard-3-app-password", &[]);
    }
    click(harness, "Check & save");
    assert_eq!(step(harness), Step::Verify);
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
    snapshot(&mut harness, "wizard-4-verify", &[]);
    click(&mut harness, "Details");
    assert!(has_text(
        &harness,
        "Signed in on smtp.gmail.com:587 (STARTTLS)."
    ));
    let user = EmailAddress::parse(USER).unwrap();
    assert_eq!(
        support::block_on(keychain.load(&user)).unwrap().expose(),
        PASSWORD,
        "the secret is in the keychain"
    );

    click(&mut harness, "Continue");
    assert_eq!(step(&harness), Step::TestMessage);
    assert_eq!(
        harness.get_by_label("Recipient").value().as_deref(),
        Some(USER)
    );
    click(&mut harness, "Send test message");
    wait_for(&mut harness, "the test message", |h| {
        has_text(h, &format!("Gmail accepted the test message for {USER} ("))
    });
    // The time it took differs every run.
    snapshot(
        &mut harness,
        "wizard-5-test-message",
        &["Gmail accepted the test message"],
    );
    click(&mut harness, "Details");
    assert!(has_text(&harness, "Gmail's reply: 250 2.0.0 OK"));
    let received = s.server.received();
    assert_eq!(received.len(), 1, "the message arrived at the server");
    assert_eq!(received[0].rcpt_to, [USER]);

    click(&mut harness, "Continue");
    assert_eq!(step(&harness), Step::Done);
    assert!(has_text(&harness, "smtp.gmail.com"));
    assert!(has_text(&harness, "kept in the system keychain"));
    snapshot(&mut harness, "wizard-6-done", &[]);
    // Every Copy says so, the same way.
    harness
        .get_all_by_label("Copy")
        .next()
        .unwrap()
        .click_accesskit();
    harness.run_steps(2);
    assert!(has_text(&harness, "Copied ✔"));
    click(&mut harness, "Finish");
    assert_eq!(harness.state().screen(), Screen::Accounts);
    assert_eq!(
        harness.state().opened_links(),
        [
            "https://myaccount.google.com/signinoptions/two-step-verification",
            "https://myaccount.google.com/apppasswords"
        ]
    );
    support::block_on(keychain.delete(&user)).unwrap();
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
    assert!(has_text(&harness, "Go to App password"));
    let user = EmailAddress::parse(USER).unwrap();
    assert!(
        support::block_on(s.config.store.keychain.load(&user)).is_err(),
        "nothing is stored"
    );
    click(&mut harness, "Go to App password");
    assert_eq!(step(&harness), Step::AppPassword);
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
    snapshot(&mut harness, "wizard-4-verify-failed", &[]);
    assert!(has_text(&harness, "Open App passwords page"));
    assert!(
        harness.query_by_label("Continue").is_none(),
        "the one primary action is to check again"
    );
    // Written for a window: the person's own address, a button to verify again, and no
    // command line to type.
    assert!(has_text(&harness, &format!("the full address, {USER}")));
    assert!(!has_text(&harness, "smtp-setup check"));
    assert!(!has_text(&harness, "you@gmail.com"));
    assert!(!has_text(&harness, "into your app"));
    // Checking the refused password again would only repeat Gmail's no: the one primary
    // action leads to where a new one is entered.
    assert!(harness.query_by_label("Check again").is_none());
    assert!(!has_text(&harness, "Then press Check again."));
    // Exactly one way there (get_by_label fails on two).
    assert_eq!(
        harness.query_all_by_label("Go to App password").count(),
        1,
        "one way there"
    );
    // The step bar does not call the refused password done.
    assert!(has_text(&harness, "⚠ App password"));
    assert!(!has_text(&harness, "✔ App password"));
    // Back on its page, the field says Gmail refused what it holds, not "looks right", and
    // the refused text is selected so that a paste replaces it.
    click(&mut harness, "Go to App password");
    assert_eq!(step(&harness), Step::AppPassword);
    assert!(has_text(&harness, "Gmail refused this app password"));
    assert!(!has_text(&harness, "looks right"));
    harness.run_steps(2);
    harness.get_by_label("App password").type_text(PASSWORD);
    harness.run_steps(2);
    click(&mut harness, "Show");
    assert_eq!(
        harness.get_by_label("App password").value().as_deref(),
        Some(PASSWORD),
        "the paste replaced the refused password"
    );
    assert!(has_text(&harness, "looks right"));
}

#[test]
fn stalled_server_stays_responsive_cancels_and_times_out() {
    let mut s = setup(
        "stalled",
        ServerConfig::default().with_behavior(Behavior::StallGreeting),
    );
    s.config.connect.stage_timeout = Duration::from_secs(1);
    let mut harness = harness(s.config.clone());
    walk_to_verify(&mut harness, PASSWORD, false);
    // Still running, the UI answers: frames are drawn and Cancel works.
    assert!(has_text(&harness, "Checking with Gmail…"));
    harness.run_steps(5);
    click(&mut harness, "Cancel");
    assert!(has_text(&harness, "Check cancelled"));
    click(&mut harness, "Check again");
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
    // Not while typing: only once the person continues (or leaves the field).
    assert!(!has_text(&harness, "exactly one @"));
    click(&mut harness, "Continue");
    assert!(has_text(&harness, "exactly one @"));
    assert_eq!(step(&harness), Step::Account);
    type_into(&mut harness, "Gmail address", "@example.org");
    assert!(has_text(&harness, "Google Workspace"));
    click(&mut harness, "Continue");
    click(&mut harness, "It's on — continue");

    type_into(&mut harness, "App password", "abcd efgh");
    assert!(has_text(&harness, "8 of 16 letters"));
    assert!(!is_enabled(&harness, "Check & save"));
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
    assert!(!is_enabled(&harness, "Check & save"));
    // Enter does not continue past invalid input either.
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    assert_eq!(step(&harness), Step::AppPassword);
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
    assert_eq!(step(&second), Step::AppPassword);
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
    assert_eq!(
        harness.state().screen(),
        Screen::Accounts,
        "with an account stored, the app opens on the list"
    );
    click(&mut harness, "Add account…");
    assert_eq!(harness.state().screen(), Screen::Wizard);
    type_into(&mut harness, "Gmail address", USER);
    assert!(has_text(&harness, "is already set up"));
    assert!(!is_enabled(&harness, "Continue"));
    click(&mut harness, "Check it again");
    assert_eq!(step(&harness), Step::Verify);
    wait_for(&mut harness, "the re-test", |h| has_text(h, "still works"));
    assert_eq!(s.server.auth_attempts().len(), 2);
    delete_secret(&s.config, USER).unwrap();
}

#[test]
fn oauth_path_signs_in_with_google_and_reaches_done() {
    use support::oauth_server::{OAuthConfig, OAuthServer};
    let google = OAuthServer::start(OAuthConfig::default());
    let s = setup(
        "oauth",
        ServerConfig::with_account(USER, AccountMode::OAuthTokens(google.tokens.clone())),
    );
    let client_file = s.config.store.index.dir().join("client_secret_test.json");
    std::fs::write(&client_file, google.client_json()).unwrap();
    let mut harness = harness(s.config.clone());

    type_into(&mut harness, "Gmail address", USER);
    click(
        &mut harness,
        "Sign in with Google (OAuth2, for apps that support XOAUTH2)",
    );
    click(&mut harness, "Continue");
    assert!(has_text(&harness, "Your OAuth client"));
    assert!(!is_enabled(&harness, "Continue"), "no client yet");
    type_into(&mut harness, "Client file", client_file.to_str().unwrap());
    click(&mut harness, "Load client file");
    wait_for(&mut harness, "the client file", |h| has_text(h, "is ready"));
    // The client file's path is in a temporary directory.
    snapshot(&mut harness, "wizard-oauth-2-client", &["Client file"]);
    click(&mut harness, "Continue");
    assert_eq!(step(&harness), Step::SignIn);

    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Sign in with Google")
        .click_accesskit();
    wait_for(&mut harness, "the browser to be sent to Google", |h| {
        h.state()
            .opened_links()
            .iter()
            .any(|u| u.starts_with(&google.base_url))
    });
    assert!(has_text(&harness, "Waiting for Google in your browser"));
    let url = harness.state().opened_links().last().unwrap().clone();
    let page = support::browser::follow_blocking(&url);
    assert!(page.body.contains("Signed in"), "{}", page.body);
    wait_for(&mut harness, "the sign-in", |h| {
        has_text(h, "Signed in: Google gave smtp-setup access")
    });
    snapshot(&mut harness, "wizard-oauth-3-sign-in", &[]);

    click(&mut harness, "Continue");
    wait_for(&mut harness, "the verified save", |h| {
        has_text(h, "Gmail accepted your Google sign-in")
    });
    let stored = secret(&s.config, USER).unwrap();
    assert!(stored.contains("refresh_token"));
    click(&mut harness, "Continue");
    click(&mut harness, "Send test message");
    wait_for(&mut harness, "the test message", |h| {
        has_text(h, "Gmail accepted the test message")
    });
    click(&mut harness, "Continue");
    assert_eq!(step(&harness), Step::Done);
    assert!(has_text(&harness, "XOAUTH2"));
    delete_secret(&s.config, USER).unwrap();
}

#[test]
fn readable_in_the_light_theme_at_200_percent() {
    let s = setup("scaled", ServerConfig::default());
    let mut harness = harness_with(s.config.clone(), 2.0, egui::Theme::Light);
    type_into(&mut harness, "Gmail address", "ops@example.org");
    // Everything a person needs on step 1 still fits and reads at twice the size.
    for text in [
        "Gmail address",
        "Google Workspace",
        "How should apps sign in?",
        "Continue",
    ] {
        assert!(has_text(&harness, text), "{text}");
    }
    snapshot(&mut harness, "wizard-1-account-light-200", &[]);
}

#[test]
fn keyboard_only_the_address_has_focus_and_enter_continues_without_clicking() {
    let s = setup("keyboard", ServerConfig::default());
    let mut harness = harness(s.config.clone());
    harness.run_steps(2);
    assert!(
        harness.get_by_label("Gmail address").is_focused(),
        "a first-time user can type at once"
    );
    harness.get_by_label("Gmail address").type_text(USER);
    harness.run_steps(2);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(3);
    assert_eq!(step(&harness), Step::TwoStep);
    assert!(
        harness.state().opened_links().is_empty(),
        "the Enter that continued opened no page"
    );
}

#[test]
fn a_likely_typo_of_gmail_is_offered_its_fix_before_workspace() {
    let s = setup("typo", ServerConfig::default());
    let mut harness = harness(s.config.clone());
    type_into(&mut harness, "Gmail address", "jane@gmail.co");
    assert!(has_text(&harness, "Did you mean jane@gmail.com?"));
    assert!(
        !has_text(&harness, "Google Workspace"),
        "the typo is not called a Workspace domain"
    );
    assert!(
        !is_enabled(&harness, "Continue"),
        "a likely typo needs a choice before it goes on"
    );
    click(&mut harness, "Keep jane@gmail.co");
    assert!(is_enabled(&harness, "Continue"), "kept as typed on purpose");
    retype(&mut harness, "Gmail address", "jane@gmial.com");
    assert!(!is_enabled(&harness, "Continue"), "another typo asks again");
    click(&mut harness, "Use jane@gmail.com");
    assert_eq!(
        harness.get_by_label("Gmail address").value().as_deref(),
        Some("jane@gmail.com")
    );
    assert!(has_text(&harness, "A personal Google account"));
    assert!(is_enabled(&harness, "Continue"));
}

#[test]
fn another_providers_address_is_named_and_not_called_workspace() {
    let s = setup("other-provider", ServerConfig::default());
    let mut harness = harness(s.config.clone());
    type_into(&mut harness, "Gmail address", "jane@outlook.com");
    assert!(has_text(
        &harness,
        "jane@outlook.com is a Microsoft Outlook.com address, not a Google account."
    ));
    assert!(!has_text(&harness, "Google Workspace"));
    assert!(!is_enabled(&harness, "Continue"));
    retype(&mut harness, "Gmail address", "ops@example.org");
    assert!(has_text(
        &harness,
        "this works if example.org's mail is run by Google Workspace"
    ));
    assert!(is_enabled(&harness, "Continue"));
}

#[test]
fn a_custom_domain_whose_mail_is_elsewhere_is_told_so_before_googles_pages() {
    let dns = DnsServer::start(test_zone());
    let mut s = setup("mx-preflight", ServerConfig::default());
    s.config.mx = MxLookup::at(dns.addr);
    let mut harness = harness(s.config.clone());
    type_into(&mut harness, "Gmail address", "ops@outlook-hosted.example");
    click(&mut harness, "Continue");
    wait_for(&mut harness, "the MX verdict", |h| {
        has_text(
            h,
            "outlook-hosted.example's mail is handled by Microsoft 365, not by Google.",
        )
    });
    assert_eq!(step(&harness), Step::Account, "not sent to Google's pages");
    assert!(has_text(
        &harness,
        "SMTP server: smtp.office365.com, port 587 (STARTTLS)"
    ));
    assert!(has_text(&harness, "Open Microsoft 365's page"));
    assert!(!is_enabled(&harness, "Continue"));
    snapshot(&mut harness, "wizard-1-account-other-provider", &[]);

    // A Workspace domain: Continue waits for the verdict, then goes on as before.
    retype(&mut harness, "Gmail address", "ops@workspace.example");
    assert!(is_enabled(&harness, "Continue"));
    click(&mut harness, "Continue");
    wait_for(&mut harness, "the step after the verdict", |h| {
        step(h) == Step::TwoStep
    });

    // A domain that does not exist is a likely typo, and stops there.
    click(&mut harness, "Back");
    retype(&mut harness, "Gmail address", "ops@no-such-domain.example");
    click(&mut harness, "Continue");
    wait_for(&mut harness, "the NXDOMAIN verdict", |h| {
        has_text(h, "The domain no-such-domain.example does not exist.")
    });
    assert_eq!(step(&harness), Step::Account);
    assert!(!is_enabled(&harness, "Continue"));
}

#[test]
fn fast_typing_then_enter_in_the_same_frame_keeps_every_letter() {
    let s = setup("fast", ServerConfig::default());
    let mut harness = harness(s.config.clone());
    harness.run_steps(2);
    // The letters and the Enter arrive in one frame, as a password manager types them.
    harness.get_by_label("Gmail address").type_text(USER);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(3);
    assert_eq!(step(&harness), Step::TwoStep);
    click(&mut harness, "Back");
    assert_eq!(
        harness.get_by_label("Gmail address").value().as_deref(),
        Some(USER),
        "the address that continued is the whole one"
    );
}

#[test]
fn a_route_that_lost_the_race_is_not_needed_not_failed() {
    let mut s = setup(
        "not-needed",
        ServerConfig::with_account(USER, AccountMode::AppPassword(PASSWORD.into())),
    );
    // Port 465 reaches a listener that accepts and never answers, so that route is still
    // in its TLS handshake when 587 has done the job.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let to = silent.local_addr().unwrap();
    s.config.connect.connect_to[1] =
        smtp_setup::settings::connect_to("test", &format!("smtp.gmail.com:465:{to}")).unwrap();
    let mut harness = harness(s.config.clone());
    walk_to_verify(&mut harness, PASSWORD, false);
    wait_for(&mut harness, "the verified save", |h| {
        has_text(h, "Gmail accepted the app password")
    });
    click(&mut harness, "Details");
    assert!(has_text(
        &harness,
        "not needed: another route answered first"
    ));
    assert!(!has_text(&harness, "✖"), "nothing is shown as failed");
    delete_secret(&s.config, USER).unwrap();
}

#[test]
fn the_layout_holds_in_both_themes_narrow_and_maximised() {
    let s = setup("layouts", ServerConfig::default());
    // Several harnesses in one test: their snapshot results are judged together.
    let mut results = egui_kittest::SnapshotResults::new();
    for (name, size, scale, theme) in [
        (
            "wizard-1-account-light",
            [800.0, 640.0],
            1.0,
            egui::Theme::Light,
        ),
        (
            "wizard-1-account-dark-200",
            [800.0, 640.0],
            2.0,
            egui::Theme::Dark,
        ),
        (
            "wizard-1-account-narrow",
            [520.0, 640.0],
            1.0,
            egui::Theme::Dark,
        ),
        (
            "wizard-1-account-maximised",
            [1600.0, 1000.0],
            1.0,
            egui::Theme::Light,
        ),
    ] {
        let mut harness = harness_with(s.config.clone(), scale, theme);
        harness.set_size(egui::vec2(size[0], size[1]));
        type_into(&mut harness, "Gmail address", "ops@example.org");
        // At 520 points the Workspace note wraps instead of being cut off.
        assert!(
            has_text(&harness, "then use Sign in with Google."),
            "{name}"
        );
        snapshot(&mut harness, name, &[]);
        results.extend_harness(&mut harness);
    }
    results.unwrap();
}

#[test]
fn an_error_message_first_is_explained_and_leads_to_setting_up_its_address() {
    let s = setup("decoder-first", ServerConfig::default());
    let mut harness = harness(s.config.clone());
    click(
        &mut harness,
        "I already have an error message from my app ›",
    );
    assert_eq!(harness.state().screen(), Screen::Decode);
    type_into(
        &mut harness,
        "Error message",
        "SMTPAuthenticationError: (535, b'5.7.8 Username and Password not accepted.') for jane@gmail.com",
    );
    let title = Diagnosis::for_cause(Cause::BadCredentials).title;
    wait_for(&mut harness, "the diagnosis", |h| has_text(h, &title));
    click(&mut harness, "Set up jane@gmail.com");
    assert_eq!(harness.state().screen(), Screen::Wizard);
    assert_eq!(step(&harness), Step::Account);
    assert_eq!(
        harness.get_by_label("Gmail address").value().as_deref(),
        Some("jane@gmail.com")
    );
}
