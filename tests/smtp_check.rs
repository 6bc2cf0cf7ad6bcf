//! The staged check against the Gmail-like server on 127.0.0.1: happy paths on both TLS
//! modes, every failure a server or the network can produce, and what the events say.

pub mod support;

use smtp_setup::address::EmailAddress;
use smtp_setup::app_password::AppPassword;
use smtp_setup::diagnosis::{Evidence, diagnose};
use smtp_setup::secret::Secret;
use smtp_setup::smtp::{
    CertificateProblem, CheckEvent, CheckOptions, CheckReport, Credential, Direction, EventSink,
    FailureKind, RouteOutcome, Stage, StageStatus, TestSend, TlsMode, run_check,
};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::gmail_server::{AccountMode, Behavior, CertVariant, GmailServer, ServerConfig};

const USER: &str = "jane@gmail.com";
const PASSWORD: &str = "abcdefghijklmnop";
/// Generous outer bound: a check that has not ended by then is hung.
const HUNG: Duration = Duration::from_secs(30);

fn credential(password: &str) -> Credential {
    Credential::AppPassword {
        user: EmailAddress::parse(USER).unwrap(),
        password: AppPassword::parse(password).unwrap(),
    }
}

fn server(mode: AccountMode) -> GmailServer {
    GmailServer::start(ServerConfig::with_account(USER, mode))
}

fn options(server: &GmailServer, host: &str, candidates: Vec<(u16, TlsMode)>) -> CheckOptions {
    let mut options =
        CheckOptions::new(host, candidates, std::slice::from_ref(&server.ca.file)).unwrap();
    options.stage_timeout = Duration::from_secs(5);
    options
}

fn starttls(server: &GmailServer) -> CheckOptions {
    options(
        server,
        "127.0.0.1",
        vec![(server.starttls_port(), TlsMode::Starttls)],
    )
}

fn recorder() -> (EventSink, Arc<Mutex<Vec<CheckEvent>>>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink_events = events.clone();
    (
        Arc::new(move |e| sink_events.lock().unwrap().push(e)),
        events,
    )
}

async fn check(
    options: &CheckOptions,
    credential: &Credential,
    send: Option<&TestSend>,
) -> (CheckReport, Vec<CheckEvent>) {
    let (sink, events) = recorder();
    let report = tokio::time::timeout(HUNG, run_check(options, credential, send, sink))
        .await
        .expect("the check ends within its bounds");
    let events = events.lock().unwrap().clone();
    (report, events)
}

fn cause_of(report: &CheckReport) -> &'static str {
    let failure = report.outcome.as_ref().expect_err("the check should fail");
    diagnose(Evidence::Failure(failure)).cause.id()
}

fn passed_stages(events: &[CheckEvent]) -> Vec<Stage> {
    events
        .iter()
        .filter_map(|e| match e {
            CheckEvent::Stage(s) if s.status == StageStatus::Passed => Some(s.stage),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn starttls_happy_path_passes_every_stage_in_order() {
    let server = server(AccountMode::AppPassword(PASSWORD.into()));
    let (report, events) =
        check(&starttls(&server), &credential("abcd efgh ijkl mnop"), None).await;
    let success = report.outcome.expect("check passes");
    assert_eq!(success.auth_reply.code, 235);
    assert_eq!(success.route.tls, TlsMode::Starttls);
    assert_eq!(
        passed_stages(&events),
        [
            Stage::Resolve,
            Stage::Connect,
            Stage::Greeting,
            Stage::Ehlo,
            Stage::Tls,
            Stage::Auth
        ]
    );
    assert!(server.received().is_empty(), "a check sends nothing");
    let names = server.ehlo_names();
    assert!(!names.is_empty());
    assert!(
        names
            .iter()
            .all(|n| n != "localhost" && !n.starts_with('[')),
        "{names:?}"
    );
}

#[tokio::test]
async fn implicit_tls_happy_path_and_test_send() {
    let server = server(AccountMode::AppPassword(PASSWORD.into()));
    let options = options(
        &server,
        "127.0.0.1",
        vec![(server.implicit_port(), TlsMode::Implicit)],
    );
    let to = EmailAddress::parse("someone@example.org").unwrap();
    let send = TestSend {
        to: to.clone(),
        subject: None,
    };
    let (report, events) = check(&options, &credential(PASSWORD), Some(&send)).await;
    let success = report.outcome.expect("send passes");
    let reply = success.send_reply.expect("final reply");
    assert_eq!(reply.code, 250);
    assert_eq!(reply.enhanced.as_deref(), Some("2.0.0"));
    assert_eq!(
        passed_stages(&events),
        [
            Stage::Resolve,
            Stage::Connect,
            Stage::Tls,
            Stage::Greeting,
            Stage::Ehlo,
            Stage::Auth,
            Stage::Send
        ]
    );
    let received = server.received();
    assert_eq!(received.len(), 1);
    let message = &received[0];
    assert_eq!(message.mail_from, USER);
    assert_eq!(message.rcpt_to, ["someone@example.org"]);
    assert_eq!(message.authenticated_user, USER);
    assert!(message.data.contains("\r\nDate: ") || message.data.starts_with("Date: "));
    assert!(
        message
            .data
            .contains(&format!("Message-ID: {}", success.message_id.unwrap()))
    );
    assert!(message.data.contains("Subject: smtp-setup test message"));
}

#[tokio::test]
async fn auto_mode_tries_both_routes_and_reports_each() {
    let server = server(AccountMode::AppPassword(PASSWORD.into()));
    // "localhost" resolves to ::1 and 127.0.0.1; the server listens on IPv4 only.
    let options = options(
        &server,
        "localhost",
        vec![
            (server.starttls_port(), TlsMode::Starttls),
            (server.implicit_port(), TlsMode::Implicit),
        ],
    );
    let (report, _) = check(&options, &credential(PASSWORD), None).await;
    assert!(report.outcome.is_ok(), "{:?}", report.outcome);
    assert_eq!(report.routes.len(), 2);
    let used = report
        .routes
        .iter()
        .filter(|r| matches!(r.outcome, RouteOutcome::Used))
        .count();
    assert_eq!(used, 1);
    assert!(
        report
            .routes
            .iter()
            .all(|r| !matches!(r.outcome, RouteOutcome::Failed { .. }))
    );
    assert_eq!(
        server.auth_attempts().len(),
        1,
        "only the chosen route logs in"
    );
}

#[tokio::test]
async fn auto_mode_on_one_port_finds_its_tls_mode() {
    let server = server(AccountMode::AppPassword(PASSWORD.into()));
    let port = server.starttls_port();
    let options = options(
        &server,
        "127.0.0.1",
        vec![(port, TlsMode::Starttls), (port, TlsMode::Implicit)],
    );
    let (report, _) = check(&options, &credential(PASSWORD), None).await;
    assert_eq!(report.outcome.unwrap().route.tls, TlsMode::Starttls);
    let implicit = report
        .routes
        .iter()
        .find(|r| r.route.tls == TlsMode::Implicit)
        .unwrap();
    match &implicit.outcome {
        RouteOutcome::Failed { failure } => assert_eq!(failure.kind, FailureKind::WrongTlsMode),
        RouteOutcome::Unfinished => {}
        other => panic!("implicit TLS on a STARTTLS port cannot work: {other:?}"),
    }
}

#[tokio::test]
async fn transcript_never_contains_the_secret() {
    let server = server(AccountMode::AppPassword(PASSWORD.into()));
    let (report, events) = check(&starttls(&server), &credential(PASSWORD), None).await;
    assert!(report.outcome.is_ok());
    let lines: Vec<String> = events
        .iter()
        .filter_map(|e| match e {
            CheckEvent::Transcript(t) => Some(format!("{:?} {}", t.direction, t.text)),
            _ => None,
        })
        .collect();
    let all = lines.join("\n");
    assert!(all.contains("Client AUTH PLAIN <redacted>"), "{all}");
    assert!(all.contains("Server 235 2.7.0 Accepted"), "{all}");
    use base64::Engine;
    let payload = base64::engine::general_purpose::STANDARD.encode(format!("\0{USER}\0{PASSWORD}"));
    assert!(!all.contains(PASSWORD) && !all.contains(&payload));
    let debug = format!("{events:?} {report:?}");
    assert!(!debug.contains(PASSWORD) && !debug.contains(&payload));
    assert!(
        events
            .iter()
            .any(|e| matches!(e, CheckEvent::Transcript(t) if t.direction == Direction::Server))
    );
}

#[tokio::test]
async fn login_fallback_works_where_only_login_is_wanted() {
    // A non-Gmail password goes through the same path.
    let server = server(AccountMode::AppPassword(PASSWORD.into()));
    let credential = Credential::Password {
        user: EmailAddress::parse(USER).unwrap(),
        password: Secret::new(PASSWORD.into()),
    };
    let (report, _) = check(&starttls(&server), &credential, None).await;
    assert!(report.outcome.is_ok());
}

#[tokio::test]
async fn each_gmail_refusal_gets_its_cause() {
    let cases = [
        (
            AccountMode::AppPassword("zzzzzzzzzzzzzzzz".into()),
            "bad_credentials",
            Stage::Auth,
        ),
        (AccountMode::BadCredentials, "bad_credentials", Stage::Auth),
        (
            AccountMode::AppPasswordRequired,
            "app_password_required",
            Stage::Auth,
        ),
        (
            AccountMode::WebLoginRequired,
            "web_login_required",
            Stage::Auth,
        ),
        (AccountMode::TooManyLogins, "too_many_logins", Stage::Auth),
        (
            AccountMode::SendingLimit(PASSWORD.into()),
            "sending_limit",
            Stage::Send,
        ),
    ];
    for (mode, cause, stage) in cases {
        let server = server(mode.clone());
        let send = TestSend {
            to: EmailAddress::parse(USER).unwrap(),
            subject: None,
        };
        let (report, _) = check(&starttls(&server), &credential(PASSWORD), Some(&send)).await;
        assert_eq!(cause_of(&report), cause, "{mode:?}");
        let failure = report.outcome.unwrap_err();
        assert_eq!(failure.stage, stage, "{mode:?}");
        assert!(failure.reply.is_some(), "{mode:?}");
        assert!(server.received().is_empty());
    }
}

#[tokio::test]
async fn ehlo_refusal_is_try_again_later() {
    let server = GmailServer::start(
        ServerConfig::with_account(USER, AccountMode::AppPassword(PASSWORD.into()))
            .with_behavior(Behavior::TryAgainLater),
    );
    let (report, _) = check(&starttls(&server), &credential(PASSWORD), None).await;
    assert_eq!(cause_of(&report), "try_again_later");
    assert_eq!(report.outcome.unwrap_err().stage, Stage::Ehlo);
}

#[tokio::test]
async fn oauth_token_accepted_and_rejected() {
    let server = server(AccountMode::OAuth {
        access_token: "ya29.good".into(),
    });
    let oauth = |token: &str| Credential::OAuth {
        user: EmailAddress::parse(USER).unwrap(),
        access_token: Secret::new(token.into()),
    };
    let (report, events) = check(&starttls(&server), &oauth("ya29.good"), None).await;
    assert!(report.outcome.is_ok(), "{:?}", report.outcome);
    let transcript = format!("{events:?}");
    assert!(!transcript.contains("ya29.good") && transcript.contains("AUTH XOAUTH2 <redacted>"));

    let (report, _) = check(&starttls(&server), &oauth("ya29.expired"), None).await;
    assert_eq!(cause_of(&report), "oauth_token_rejected");
}

#[tokio::test]
async fn stalled_greeting_ends_within_the_bound() {
    let server = GmailServer::start(ServerConfig::default().with_behavior(Behavior::StallGreeting));
    let mut options = starttls(&server);
    options.stage_timeout = Duration::from_millis(800);
    let (report, events) = check(&options, &credential(PASSWORD), None).await;
    let failure = report.outcome.as_ref().unwrap_err();
    assert_eq!(
        (failure.stage, &failure.kind),
        (Stage::Greeting, &FailureKind::Timeout)
    );
    assert_eq!(cause_of(&report), "connection_timeout");
    assert!(events.iter().any(|e| matches!(e, CheckEvent::Stage(s) if s.stage == Stage::Greeting && s.status == StageStatus::Failed)));
}

#[tokio::test]
async fn stalled_tls_handshake_ends_within_the_bound() {
    let server =
        GmailServer::start(ServerConfig::default().with_behavior(Behavior::StallTlsHandshake));
    for mut options in [
        starttls(&server),
        options(
            &server,
            "127.0.0.1",
            vec![(server.implicit_port(), TlsMode::Implicit)],
        ),
    ] {
        options.stage_timeout = Duration::from_millis(800);
        let (report, _) = check(&options, &credential(PASSWORD), None).await;
        let failure = report.outcome.as_ref().unwrap_err();
        assert_eq!(
            (failure.stage, &failure.kind),
            (Stage::Tls, &FailureKind::Timeout)
        );
        assert_eq!(cause_of(&report), "connection_timeout");
    }
}

#[tokio::test]
async fn refused_port_is_connection_refused() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let mut options = CheckOptions::new("127.0.0.1", vec![(port, TlsMode::Starttls)], &[]).unwrap();
    options.stage_timeout = Duration::from_secs(5);
    let (report, _) = check(&options, &credential(PASSWORD), None).await;
    assert_eq!(report.outcome.as_ref().unwrap_err().stage, Stage::Connect);
    assert_eq!(cause_of(&report), "connection_refused");
}

#[tokio::test]
async fn certificate_problems_are_untrusted_certificate() {
    let cases = [
        (CertVariant::Expired, CertificateProblem::Expired),
        (CertVariant::WrongHost, CertificateProblem::WrongHost),
        (CertVariant::Untrusted, CertificateProblem::UntrustedIssuer),
    ];
    for (variant, problem) in cases {
        let server = GmailServer::start(
            ServerConfig::with_account(USER, AccountMode::AppPassword(PASSWORD.into()))
                .with_cert(variant),
        );
        for options in [
            starttls(&server),
            options(
                &server,
                "127.0.0.1",
                vec![(server.implicit_port(), TlsMode::Implicit)],
            ),
        ] {
            let (report, _) = check(&options, &credential(PASSWORD), None).await;
            let failure = report.outcome.as_ref().unwrap_err();
            assert_eq!(failure.stage, Stage::Tls, "{variant:?}");
            assert_eq!(
                failure.kind,
                FailureKind::Certificate(problem),
                "{variant:?}"
            );
            assert_eq!(cause_of(&report), "tls_untrusted_certificate");
        }
        assert!(
            server.auth_attempts().is_empty(),
            "no password is sent over an untrusted connection"
        );
    }
}

#[tokio::test]
async fn the_test_ca_is_trusted_only_when_given() {
    let server = server(AccountMode::AppPassword(PASSWORD.into()));
    let mut options = CheckOptions::new(
        "127.0.0.1",
        vec![(server.starttls_port(), TlsMode::Starttls)],
        &[],
    )
    .unwrap();
    options.stage_timeout = Duration::from_secs(5);
    let (report, _) = check(&options, &credential(PASSWORD), None).await;
    assert_eq!(cause_of(&report), "tls_untrusted_certificate");
}

#[tokio::test]
async fn wrong_tls_mode_for_the_port_is_named() {
    let server = server(AccountMode::AppPassword(PASSWORD.into()));
    // Implicit TLS against the STARTTLS port: the server greets in plain text.
    let implicit_on_starttls = options(
        &server,
        "127.0.0.1",
        vec![(server.starttls_port(), TlsMode::Implicit)],
    );
    let (report, _) = check(&implicit_on_starttls, &credential(PASSWORD), None).await;
    assert_eq!(cause_of(&report), "tls_wrong_mode");
    // STARTTLS against the implicit port: no greeting, then the probe finds TLS.
    let mut starttls_on_implicit = options(
        &server,
        "127.0.0.1",
        vec![(server.implicit_port(), TlsMode::Starttls)],
    );
    starttls_on_implicit.stage_timeout = Duration::from_millis(800);
    let (report, _) = check(&starttls_on_implicit, &credential(PASSWORD), None).await;
    let failure = report.outcome.as_ref().unwrap_err();
    assert_eq!(failure.kind, FailureKind::WrongTlsMode, "{failure:?}");
    assert_eq!(cause_of(&report), "tls_wrong_mode");
}

#[tokio::test]
async fn closed_connection_is_not_a_confident_guess() {
    let server =
        GmailServer::start(ServerConfig::default().with_behavior(Behavior::CloseAfterGreeting));
    let (report, _) = check(&starttls(&server), &credential(PASSWORD), None).await;
    let failure = report.outcome.as_ref().unwrap_err();
    assert_eq!(failure.kind, FailureKind::Closed);
    assert_eq!(cause_of(&report), "unknown");
}
