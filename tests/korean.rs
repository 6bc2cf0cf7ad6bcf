//! The window in Korean: every wizard page and the account screen compared with their
//! snapshots (`tests/snapshots/ko-*.png`, shown in the README's Korean section), every Korean
//! text drawn by the fonts the window loads, and the language menu. Buttons are found by
//! their Korean labels, from the same table the window draws.
//!
//! The language is one setting for the whole process, so the tests of this file take turns.

pub mod support;

use egui::{FontFamily, FontId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use smtp_setup::diagnosis::{Cause, Diagnosis};
use smtp_setup::gui::text::{T, tr};
use smtp_setup::gui::wizard::flow::Step;
use smtp_setup::gui::{Screen, SetupApp, fonts};
use smtp_setup::i18n::{self, Lang};
use smtp_setup::preferences::Preferences;
use smtp_setup::provider::{APP_PASSWORDS_PAGE, TWO_STEP_PAGE};
use std::sync::{Mutex, MutexGuard};
use support::gmail_server::{AccountMode, ServerConfig};
use support::gui::{
    PASSWORD, USER, click, delete_secret, harness, harness_with, has_text, setup, snapshot,
    type_into, wait_for,
};

static ONE_LANGUAGE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn in_language(lang: Lang) -> MutexGuard<'static, ()> {
    let turn = ONE_LANGUAGE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    i18n::set(lang);
    turn
}

/// A text's words before its first placeholder, to find it on screen.
fn start_of(text: T) -> String {
    let text = tr(text);
    text.split('{')
        .next()
        .unwrap_or(text)
        .trim_end()
        .to_string()
}

fn step(harness: &Harness<'_, SetupApp>) -> Step {
    harness.state().wizard().step()
}

/// Every literal piece of every Korean text the window can show (placeholders are filled with addresses, codes
/// and names, which are Latin).
fn korean_texts() -> Vec<(String, String)> {
    use fluent_syntax::ast;
    fn pieces(id: &str, pattern: &ast::Pattern<&str>, out: &mut Vec<(String, String)>) {
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => {
                    out.push((id.to_string(), value.to_string()))
                }
                ast::PatternElement::Placeable {
                    expression: ast::Expression::Select { variants, .. },
                } => {
                    for variant in variants {
                        pieces(id, &variant.value, out);
                    }
                }
                ast::PatternElement::Placeable { .. } => {}
            }
        }
    }
    let mut out = Vec::new();
    for (code, file, source) in i18n::FILES {
        // The CLI's texts go to terminals, which draw with their own fonts.
        if *code != Lang::Ko.code() || *file == "cli.ftl" {
            continue;
        }
        let resource = fluent_syntax::parser::parse(*source).unwrap_or_else(|(r, _)| r);
        for entry in resource.body {
            if let ast::Entry::Message(message) = entry {
                let id = format!("{file}: {}", message.id.name);
                if let Some(value) = &message.value {
                    pieces(&id, value, &mut out);
                }
                for attribute in &message.attributes {
                    pieces(&id, &attribute.value, &mut out);
                }
            }
        }
    }
    out
}

#[test]
fn every_korean_text_draws_with_the_windows_fonts() {
    let _turn = in_language(Lang::Ko);
    let hangul = fonts::find_hangul().expect(
        "no Korean font on this system: install fonts-nanum or fonts-noto-cjk (scripts/test does)",
    );
    let s = setup("ko-glyphs", ServerConfig::default());
    let mut harness = harness(s.config.clone());
    harness.run_steps(2);
    let texts = korean_texts();
    assert!(texts.len() > 200, "only {} Korean texts", texts.len());
    let hangul_count = texts
        .iter()
        .filter(|(_, text)| text.chars().any(|c| ('가'..='힣').contains(&c)))
        .count();
    assert!(hangul_count > 200, "only {hangul_count} texts have Hangul");
    let mut missing = Vec::new();
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let font = FontId::new(14.0, family);
        for (id, text) in &texts {
            for c in text.chars().filter(|c| !c.is_whitespace()) {
                if !harness.ctx.fonts_mut(|fonts| fonts.has_glyph(&font, c)) {
                    missing.push(format!("{c:?} (U+{:04X}) in {id}", c as u32));
                }
            }
        }
    }
    missing.dedup();
    assert!(
        missing.is_empty(),
        "{} has no glyph for: {missing:?}",
        hangul.family
    );
}

#[test]
fn the_wizard_in_korean() {
    let _turn = in_language(Lang::Ko);
    let s = setup(
        "ko-wizard",
        ServerConfig::with_account(USER, AccountMode::AppPassword(PASSWORD.into())),
    );
    // Two harnesses in one test: their snapshot results are judged together.
    let mut results = egui_kittest::SnapshotResults::new();
    let mut harness = harness(s.config.clone());
    type_into(&mut harness, tr(T::AddressLabel), USER);
    assert!(has_text(&harness, &start_of(T::PersonalAccount)));
    snapshot(&mut harness, "ko-wizard-1-account", &[]);
    click(&mut harness, tr(T::Continue));
    assert_eq!(step(&harness), Step::TwoStep);
    click(&mut harness, &TWO_STEP_PAGE.label());
    assert!(
        harness
            .state()
            .opened_links()
            .iter()
            .any(|url| url.contains("two-step-verification") && url.contains("hl=ko")),
        "Google's page opens in Korean: {:?}",
        harness.state().opened_links()
    );
    snapshot(&mut harness, "ko-wizard-2-two-step", &[]);
    click(&mut harness, tr(T::TwoStepDone));
    assert_eq!(step(&harness), Step::AppPassword);
    click(&mut harness, &APP_PASSWORDS_PAGE.label());
    type_into(&mut harness, tr(T::AppPasswordLabel), "abcd efgh ijkl mnop");
    snapshot(&mut harness, "ko-wizard-3-app-password", &[]);
    click(&mut harness, tr(T::CheckAndSave));
    wait_for(&mut harness, "the verified save", |h| {
        has_text(h, &start_of(T::VerifySaved))
    });
    snapshot(&mut harness, "ko-wizard-4-verify", &[]);
    click(&mut harness, tr(T::Continue));
    assert_eq!(step(&harness), Step::TestMessage);
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, tr(T::SendTest))
        .click_accesskit();
    harness.run_steps(3);
    wait_for(&mut harness, "the test message", |h| {
        has_text(h, &start_of(T::SendOk))
    });
    snapshot(
        &mut harness,
        "ko-wizard-5-test-message",
        &[&start_of(T::SendOk)],
    );
    click(&mut harness, tr(T::Continue));
    assert_eq!(step(&harness), Step::Done);
    snapshot(&mut harness, "ko-wizard-6-done", &[]);
    results.extend_harness(&mut harness);
    drop(harness);

    // The account screen the next start opens on, at 200 % as well.
    std::fs::remove_file(s.config.store.index.dir().join("wizard.toml")).unwrap();
    let mut harness = harness_with(s.config.clone(), 2.0, egui::Theme::Light);
    assert_eq!(harness.state().screen(), Screen::Accounts);
    click(&mut harness, tr(T::CheckAction));
    wait_for(&mut harness, "the check", |h| has_text(h, tr(T::CheckOk)));
    snapshot(&mut harness, "ko-accounts-200", &[]);
    results.extend_harness(&mut harness);
    delete_secret(&s.config, USER).unwrap();
    results.unwrap();
}

#[test]
fn the_language_menu_switches_the_window_and_is_remembered() {
    let _turn = in_language(Lang::En);
    let s = setup("ko-menu", ServerConfig::default());
    let mut harness = harness(s.config.clone());
    assert!(has_text(
        &harness,
        "Which Gmail account should send the mail?"
    ));
    harness
        .get_by_role(egui::accesskit::Role::ComboBox)
        .click_accesskit();
    harness.run_steps(3);
    click(&mut harness, "한국어");
    assert_eq!(i18n::current(), Lang::Ko);
    assert!(has_text(&harness, tr(T::AccountHeading)));
    assert!(!has_text(
        &harness,
        "Which Gmail account should send the mail?"
    ));
    let dir = s.config.store.index.dir().to_path_buf();
    wait_for(&mut harness, "the choice to be written", |_| {
        Preferences::load(&dir).language == Some(Lang::Ko)
    });
    i18n::set(Lang::En);
}

#[test]
fn a_wrong_app_password_is_diagnosed_in_korean() {
    let _turn = in_language(Lang::Ko);
    let s = setup(
        "ko-wrong",
        ServerConfig::with_account(USER, AccountMode::AppPassword(PASSWORD.into())),
    );
    let mut harness = harness(s.config.clone());
    type_into(&mut harness, tr(T::AddressLabel), USER);
    click(&mut harness, tr(T::Continue));
    click(&mut harness, tr(T::TwoStepDone));
    type_into(&mut harness, tr(T::AppPasswordLabel), "zzzz zzzz zzzz zzzz");
    click(&mut harness, tr(T::CheckAndSave));
    let title = Diagnosis::for_cause(Cause::BadCredentials).title;
    assert!(
        title.chars().any(|c| ('가'..='힣').contains(&c)),
        "the diagnosis is Korean: {title}"
    );
    wait_for(&mut harness, "the 535 diagnosis", |h| has_text(h, &title));
    snapshot(&mut harness, "ko-wizard-4-verify-failed", &[]);
}

#[test]
fn the_sign_in_pages_in_korean() {
    let _turn = in_language(Lang::Ko);
    let s = setup("ko-oauth", ServerConfig::default());
    let mut harness = harness(s.config.clone());
    type_into(&mut harness, tr(T::AddressLabel), USER);
    click(&mut harness, tr(T::MethodOAuth));
    click(&mut harness, tr(T::Continue));
    assert_eq!(step(&harness), Step::OAuthClient);
    snapshot(&mut harness, "ko-wizard-oauth-2-client", &[]);
}
