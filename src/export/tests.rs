use super::*;
use crate::address::EmailAddress;
use std::time::SystemTime;

const SECRET: &str = "abcdefghijklmnop";

fn record(tls: TlsMode, auth: AuthMethod) -> AccountRecord {
    AccountRecord {
        address: EmailAddress::parse("jane@gmail.com").unwrap(),
        display_name: None,
        provider: "gmail".into(),
        server: "smtp.gmail.com".into(),
        port: match tls {
            TlsMode::Starttls => 587,
            TlsMode::Implicit => 465,
        },
        tls,
        auth,
        created: SystemTime::UNIX_EPOCH,
        last_verified: None,
        last_test: None,
        signed_in: None,
        oauth_testing: None,
    }
}

fn text(id: &str, tls: TlsMode, mode: SecretMode) -> String {
    let secret = Secret::new(SECRET.into());
    let target = Target::by_id(id).unwrap();
    render(
        target,
        &record(tls, AuthMethod::AppPassword),
        mode,
        "smtp-setup",
        Some(&secret),
    )
    .unwrap()
    .text
    .to_string()
}

#[test]
fn the_secret_is_written_only_inline_and_then_with_a_warning() {
    let secret = Secret::new(SECRET.into());
    for target in TARGETS {
        for tls in [TlsMode::Starttls, TlsMode::Implicit] {
            for mode in target.modes {
                let snippet = render(
                    target,
                    &record(tls, AuthMethod::AppPassword),
                    *mode,
                    "smtp-setup",
                    Some(&secret),
                )
                .unwrap();
                let inline = *mode == SecretMode::Inline;
                assert_eq!(
                    snippet.text.contains(SECRET),
                    inline,
                    "{} {mode}",
                    target.id
                );
                assert_eq!(snippet.warning.is_some(), inline, "{} {mode}", target.id);
                assert!(snippet.text.contains("jane@gmail.com"), "{}", target.id);
            }
        }
    }
}

#[test]
fn each_stack_gets_its_own_tls_switch_right() {
    use SecretMode::Environment as E;
    let django = text("django", TlsMode::Starttls, E);
    assert!(django.contains("EMAIL_USE_TLS = True\nEMAIL_USE_SSL = False"));
    let django = text("django", TlsMode::Implicit, E);
    assert!(django.contains("EMAIL_USE_TLS = False\nEMAIL_USE_SSL = True"));
    assert!(text("nodemailer", TlsMode::Starttls, E).contains("secure: false"));
    assert!(text("nodemailer", TlsMode::Starttls, E).contains("requireTLS: true"));
    assert!(text("nodemailer", TlsMode::Implicit, E).contains("secure: true"));
    assert!(text("python", TlsMode::Starttls, E).contains("smtp.starttls(context=context)"));
    assert!(text("python", TlsMode::Implicit, E).contains("smtplib.SMTP_SSL("));
    assert!(text("mailkit", TlsMode::Implicit, E).contains("SecureSocketOptions.SslOnConnect"));
    assert!(text("phpmailer", TlsMode::Starttls, E).contains("ENCRYPTION_STARTTLS;"));
    assert!(text("msmtp", TlsMode::Implicit, SecretMode::Reference).contains("tls_starttls   off"));
    assert!(text("laravel", TlsMode::Implicit, E).contains("MAIL_SCHEME=smtps"));
    assert!(text("git", TlsMode::Implicit, SecretMode::Reference).contains("smtpEncryption = ssl"));
    assert!(text("curl", TlsMode::Implicit, E).contains("smtps://smtp.gmail.com:465"));
    assert!(text("home-assistant", TlsMode::Starttls, E).contains("encryption: starttls"));
    // SmtpClient cannot do 465: a Gmail account checked there is given 587.
    let smtpclient = text("smtpclient", TlsMode::Implicit, E);
    assert!(smtpclient.contains("new SmtpClient(\"smtp.gmail.com\", 587)"));
    assert!(!smtpclient.contains(", 465)"));
}

#[test]
fn run_sets_the_names_each_stack_reads() {
    let secret = Secret::new(SECRET.into());
    let rec = record(TlsMode::Starttls, AuthMethod::AppPassword);
    let names = |id: Option<&str>| -> Vec<String> {
        environment(id.and_then(Target::by_id), &rec, &secret)
            .into_iter()
            .map(|(name, _)| name)
            .collect()
    };
    assert!(names(Some("django")).contains(&"EMAIL_HOST_PASSWORD".to_string()));
    assert!(names(Some("laravel")).contains(&"MAIL_PASSWORD".to_string()));
    assert!(names(Some("laravel")).contains(&"MAIL_MAILER".to_string()));
    assert!(names(Some("spring")).contains(&"SPRING_MAIL_PASSWORD".to_string()));
    assert!(names(None).contains(&"SMTP_PASSWORD".to_string()));
    // Each environment-reading snippet reads the password under the name run sets.
    for target in TARGETS
        .iter()
        .filter(|t| t.modes.contains(&SecretMode::Environment))
    {
        let env = target.env.unwrap();
        let snippet = text(target.id, TlsMode::Starttls, SecretMode::Environment);
        assert!(snippet.contains(env.password), "{}", target.id);
    }
}

#[test]
fn oauth_accounts_only_get_stacks_that_speak_xoauth2() {
    let rec = record(TlsMode::Starttls, AuthMethod::OAuth);
    let django = Target::by_id("django").unwrap();
    let error = render(django, &rec, SecretMode::Environment, "smtp-setup", None).unwrap_err();
    assert!(error.to_string().contains("msmtp"), "{error}");
    let msmtp = Target::by_id("msmtp").unwrap();
    let snippet = render(msmtp, &rec, SecretMode::Reference, "smtp-setup", None).unwrap();
    assert!(snippet.text.contains("auth           xoauth2"));
}

#[test]
fn unsupported_modes_and_a_missing_secret_are_refused() {
    let rec = record(TlsMode::Starttls, AuthMethod::AppPassword);
    let postfix = Target::by_id("postfix").unwrap();
    let error = render(postfix, &rec, SecretMode::Environment, "smtp-setup", None).unwrap_err();
    assert!(
        matches!(error, ExportError::ModeNotSupported { .. }),
        "{error}"
    );
    let error = render(postfix, &rec, SecretMode::Inline, "smtp-setup", None).unwrap_err();
    assert_eq!(error, ExportError::SecretNeeded);
}

#[test]
fn quotes_hold_for_odd_addresses_and_secrets() {
    let mut rec = record(TlsMode::Starttls, AuthMethod::AppPassword);
    rec.address = EmailAddress::parse("o'brien@example.org").unwrap();
    let secret = Secret::new("a'b\"c\\d$e".into());
    let php = render(
        Target::by_id("phpmailer").unwrap(),
        &rec,
        SecretMode::Inline,
        "smtp-setup",
        Some(&secret),
    )
    .unwrap();
    assert!(
        php.text.contains(r"'o\'brien@example.org'"),
        "{}",
        *php.text
    );
    assert!(php.text.contains(r#"'a\'b"c\\d$e'"#), "{}", *php.text);
    let shell = render(
        Target::by_id("curl").unwrap(),
        &rec,
        SecretMode::Inline,
        "smtp-setup",
        Some(&secret),
    )
    .unwrap();
    assert!(shell.text.contains(r#"'a'\''b"c\d$e'"#), "{}", *shell.text);
}

#[test]
fn the_filter_finds_stacks_by_what_people_call_them() {
    let found = |filter: &str| -> Vec<&str> {
        TARGETS
            .iter()
            .filter(|t| t.matches(filter))
            .map(|t| t.id)
            .collect()
    };
    assert_eq!(found("django"), ["django"]);
    assert!(found("php").contains(&"laravel"));
    assert!(found("C#").contains(&"mailkit"));
    assert!(found("cron").contains(&"msmtp"));
    assert_eq!(found("").len(), TARGETS.len());
}

#[test]
fn the_server_check_never_carries_the_secret() {
    let line = server_check(&record(TlsMode::Implicit, AuthMethod::AppPassword));
    assert_eq!(
        line,
        "smtp-setup check --user jane@gmail.com --server smtp.gmail.com:465 --tls implicit"
    );
}
