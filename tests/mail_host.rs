//! The MX preflight against a DNS server of the test's own on 127.0.0.1: a Google Workspace
//! domain, Microsoft 365 and iCloud custom domains, a domain on its own server, one without
//! MX records, NXDOMAIN, and a server that never answers (the verdict still comes, within
//! the lookup's timeout). The `preflight` command is run as a script would.

pub mod support;

use smtp_setup::i18n::Lang;
use smtp_setup::mail_host::{LOOKUP_TIMEOUT, MailHost, MxLookup, Unchecked, mail_host};
use std::time::{Duration, Instant};
use support::block_on;
use support::cli::run_cli;
use support::dns_server::{DnsServer, test_zone};

fn ask(server: &DnsServer, domain: &str) -> MailHost {
    block_on(mail_host(domain, &MxLookup::at(server.addr)))
}

#[test]
fn google_mx_hosts_make_a_workspace_domain() {
    let server = DnsServer::start(test_zone());
    let host = ask(&server, "workspace.example");
    assert_eq!(
        host,
        MailHost::GoogleWorkspace {
            mx: vec![
                "aspmx.l.google.com".to_string(),
                "alt1.aspmx.l.google.com".to_string(),
                "alt3.aspmx.l.google.com".to_string(),
            ]
        },
        "most preferred first"
    );
    assert!(!host.rules_out_google());
    assert_eq!(
        host.headline_in(Lang::En, "workspace.example"),
        "workspace.example's mail is handled by Google (aspmx.l.google.com): a Google \
         Workspace domain, so Gmail's SMTP server can send for it."
    );
}

#[test]
fn another_providers_mx_hosts_are_named_with_its_smtp_facts() {
    let server = DnsServer::start(test_zone());
    let host = ask(&server, "outlook-hosted.example");
    assert_eq!(host.verdict(), "other_provider");
    assert_eq!(host.provider().map(|p| p.name), Some("Microsoft 365"));
    assert!(host.rules_out_google());
    let details = host.details_in(Lang::En);
    assert_eq!(
        details[0],
        "SMTP server: smtp.office365.com, port 587 (STARTTLS)"
    );
    assert!(details[1].contains("OAuth 2.0"), "{details:?}");

    let icloud = ask(&server, "icloud-hosted.example");
    assert_eq!(icloud.provider().map(|p| p.id), Some("icloud"));
    let korean = icloud.details_in(Lang::Ko);
    assert_eq!(korean[0], "SMTP 서버: smtp.mail.me.com, 포트 587(STARTTLS)");
    assert!(korean[1].contains("앱 비밀번호"), "{korean:?}");
}

#[test]
fn a_domain_on_its_own_server_or_without_mx_or_missing() {
    let server = DnsServer::start(test_zone());
    assert_eq!(
        ask(&server, "own-server.example"),
        MailHost::OtherHost {
            mx: vec!["mail.own-server.example".to_string()]
        }
    );
    assert_eq!(ask(&server, "no-mail.example"), MailHost::NoMx);
    let missing = ask(&server, "no-such-domain.example");
    assert_eq!(missing, MailHost::NoSuchDomain);
    assert_eq!(
        missing.headline_in(Lang::En, "no-such-domain.example"),
        "The domain no-such-domain.example does not exist. Check the address for a typo."
    );
    assert!(missing.rules_out_google());
}

#[test]
fn a_silent_server_ends_in_could_not_check_within_the_timeout() {
    let server = DnsServer::silent();
    let timeout = Duration::from_millis(800);
    let started = Instant::now();
    let host = block_on(mail_host(
        "workspace.example",
        &MxLookup::at(server.addr).with_timeout(timeout),
    ));
    let took = started.elapsed();
    println!("silent resolver: verdict after {took:?} (timeout {timeout:?})");
    assert_eq!(host, MailHost::Unknown(Unchecked::TimedOut(timeout)));
    assert!(
        server.questions.load(std::sync::atomic::Ordering::Relaxed) >= 1,
        "the question reached the server"
    );
    assert_eq!(
        host.headline_in(Lang::En, "workspace.example"),
        "Could not check where workspace.example's mail is handled: no answer from DNS within \
         0.8 seconds. You can still continue."
    );
    assert_eq!(LOOKUP_TIMEOUT, Duration::from_secs(3));
}

#[test]
fn preflight_json_gives_the_verdict_the_mx_hosts_and_the_facts() {
    let server = DnsServer::start(test_zone());
    let dns = server.addr.to_string();
    let run = run_cli(
        &[
            "preflight",
            "ops@outlook-hosted.example",
            "--json",
            "--dns",
            &dns,
        ],
        "",
        &[("SMTP_SETUP_LANG", Some("en"))],
    );
    assert_eq!(run.code, 2, "another provider's address: {}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["verdict"], "other_provider");
    assert_eq!(json["domain"], "outlook-hosted.example");
    assert_eq!(
        json["mx"][0],
        "outlook-hosted-example.mail.protection.outlook.com"
    );
    assert_eq!(json["provider"]["id"], "microsoft_365");
    assert_eq!(json["provider"]["smtp_host"], "smtp.office365.com");
    assert_eq!(json["provider"]["ports"][0]["port"], 587);
    assert_eq!(json["provider"]["ports"][0]["security"], "starttls");
    assert_eq!(json["provider"]["sign_in"], "oauth_only");
    assert!(
        json["text"].as_str().unwrap().starts_with(
            "outlook-hosted.example's mail is handled by Microsoft 365, not by Google."
        )
    );

    let workspace = run_cli(
        &["preflight", "ops@workspace.example", "--dns", &dns],
        "",
        &[("SMTP_SETUP_LANG", Some("ko"))],
    );
    assert_eq!(workspace.code, 0, "{}", workspace.stderr);
    assert!(
        workspace
            .stdout
            .starts_with("workspace.example의 메일은 Google(aspmx.l.google.com)에서 처리합니다."),
        "{}",
        workspace.stdout
    );

    let env_server = run_cli(
        &["preflight", "ops@nowhere.example", "--json"],
        "",
        &[("SMTP_SETUP_DNS_SERVER", Some(dns.as_str()))],
    );
    assert_eq!(env_server.code, 2);
    assert!(
        env_server
            .stdout
            .contains("\"verdict\": \"no_such_domain\"")
    );
}

#[test]
fn preflight_with_a_silent_server_says_it_could_not_check() {
    let server = DnsServer::silent();
    let started = Instant::now();
    let run = run_cli(
        &[
            "preflight",
            "ops@workspace.example",
            "--json",
            "--dns",
            &server.addr.to_string(),
            "--timeout",
            "1",
        ],
        "",
        &[],
    );
    println!(
        "preflight, silent resolver: exit after {:?}",
        started.elapsed()
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["verdict"], "unknown");
    assert_eq!(json["reason"], "timed_out");
    assert_eq!(json["timeout_secs"], 1.0);
}
