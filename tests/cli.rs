//! The headless CLI as a person or a script uses it: output, JSON, exit codes, secrets.

pub mod support;

use serde_json::Value;
use support::cli::{CliRun, run_cli};
use support::gmail_server::{AccountMode, CertVariant, GmailServer, ServerConfig};

const USER: &str = "jane@gmail.com";
const PASSWORD: &str = "abcdefghijklmnop";

/// Runs the binary; `env` entries are set.
fn run(args: &[&str], stdin: &str, env: &[(&str, &str)]) -> CliRun {
    let env: Vec<(&str, Option<&str>)> = env.iter().map(|(k, v)| (*k, Some(*v))).collect();
    run_cli(args, stdin, &env)
}

fn server(mode: AccountMode) -> GmailServer {
    GmailServer::start(ServerConfig::with_account(USER, mode))
}

/// Runs a command against the server's STARTTLS port with the password on stdin.
fn against(server: &GmailServer, command: &str, extra: &[&str], password: &str) -> CliRun {
    against_with(server, &[], command, extra, password)
}

/// `against`, with `env` set (`None` removes a variable).
fn against_with(
    server: &GmailServer,
    env: &[(&str, Option<&str>)],
    command: &str,
    extra: &[&str],
    password: &str,
) -> CliRun {
    let server_arg = format!("127.0.0.1:{}", server.starttls_port());
    let ca = server.ca.file.to_string_lossy().to_string();
    let mut args = vec![
        command,
        "--user",
        USER,
        "--server",
        &server_arg,
        "--tls",
        "starttls",
        "--ca-file",
        &ca,
    ];
    args.extend_from_slice(extra);
    args.push("--password-stdin");
    run_cli(&args, &format!("{password}\n"), env)
}

fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn check_succeeds_with_live_stage_lines() {
    let server = server(AccountMode::AppPassword(PASSWORD.into()));
    let run = against(&server, "check", &[], "abcd efgh ijkl mnop");
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    for stage in ["DNS", "Connect", "Greeting", "EHLO", "TLS", "AUTH"] {
        assert!(
            run.stdout.contains(&format!("✓ {stage}")),
            "{stage}: {}",
            run.stdout
        );
    }
    assert!(run.stdout.contains("✓ Login works"), "{}", run.stdout);
    assert!(server.received().is_empty());
}

#[test]
fn send_test_json_reports_every_event_and_the_final_reply() {
    let server = server(AccountMode::AppPassword(PASSWORD.into()));
    let run = against(
        &server,
        "send-test",
        &["--json", "--to", "ops@example.org", "--subject", "Hello"],
        PASSWORD,
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let lines = json_lines(&run.stdout);
    let result = lines.last().unwrap();
    assert_eq!(result["type"], "result");
    assert_eq!(result["ok"], true);
    assert_eq!(result["exit_code"], 0);
    assert_eq!(result["success"]["send_reply"]["code"], 250);
    assert!(result["cause"].is_null());
    let stages: Vec<&Value> = lines
        .iter()
        .filter(|l| l["type"] == "stage" && l["status"] == "passed")
        .collect();
    assert_eq!(stages.len(), 7, "{}", run.stdout);
    assert!(stages.iter().all(|s| s["elapsed_ms"].is_u64()));
    let received = server.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].rcpt_to, ["ops@example.org"]);
    assert!(received[0].data.contains("Subject: Hello"));
}

#[test]
fn exit_codes_follow_the_failure_category() {
    let bad = server(AccountMode::BadCredentials);
    let failed = against(&bad, "check", &["--json"], PASSWORD);
    assert_eq!(failed.code, 5, "{}", failed.stdout);
    let result = json_lines(&failed.stdout).pop().unwrap();
    assert_eq!(result["cause"], "bad_credentials");
    assert_eq!(result["diagnosis"]["cause"], "bad_credentials");
    assert_eq!(result["failure"]["reply"]["code"], 535);

    let limited = server(AccountMode::SendingLimit(PASSWORD.into()));
    assert_eq!(against(&limited, "send-test", &[], PASSWORD).code, 1);

    let untrusted = GmailServer::start(
        ServerConfig::with_account(USER, AccountMode::AppPassword(PASSWORD.into()))
            .with_cert(CertVariant::Untrusted),
    );
    assert_eq!(against(&untrusted, "check", &[], PASSWORD).code, 4);

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let refused = run(
        &[
            "check",
            "--user",
            USER,
            "--server",
            &format!("127.0.0.1:{port}"),
            "--password-stdin",
        ],
        PASSWORD,
        &[],
    );
    assert_eq!(refused.code, 3, "{}", refused.stdout);
    assert!(
        refused.stdout.contains("(cause: connection_refused)"),
        "{}",
        refused.stdout
    );
}

#[test]
fn failure_prints_the_diagnosis_with_steps_and_page() {
    let server = server(AccountMode::AppPasswordRequired);
    let run = against(&server, "check", &[], PASSWORD);
    assert_eq!(run.code, 5);
    assert!(run.stdout.contains("✗ AUTH failed"), "{}", run.stdout);
    assert!(
        run.stdout.contains("How to fix it:\n  1. "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("https://myaccount.google.com/apppasswords"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("534 5.7.9"), "{}", run.stdout);
}

#[test]
fn verbose_transcript_redacts_the_login() {
    let server = server(AccountMode::AppPassword(PASSWORD.into()));
    let run = against(&server, "check", &["-v"], PASSWORD);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("C: AUTH PLAIN <redacted>"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("S: 220 smtp.gmail.com ESMTP"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("C: STARTTLS"), "{}", run.stdout);
    assert!(!run.stdout.contains(PASSWORD) && !run.stderr.contains(PASSWORD));
    use base64::Engine;
    let payload = base64::engine::general_purpose::STANDARD.encode(format!("\0{USER}\0{PASSWORD}"));
    assert!(!run.stdout.contains(&payload));
}

#[test]
fn password_comes_from_the_environment_but_never_an_argument() {
    let server = server(AccountMode::AppPassword(PASSWORD.into()));
    let server_arg = format!("127.0.0.1:{}", server.starttls_port());
    let ca = server.ca.file.to_string_lossy().to_string();
    let args = [
        "check",
        "--user",
        USER,
        "--server",
        &server_arg,
        "--ca-file",
        &ca,
    ];
    let ok = run(&args, "", &[("SMTP_SETUP_PASSWORD", PASSWORD)]);
    assert_eq!(ok.code, 0, "{}{}", ok.stdout, ok.stderr);

    let missing = run(&args, "", &[]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("--password-stdin"),
        "{}",
        missing.stderr
    );

    let as_argument = run(&["check", "--user", USER, "--password", PASSWORD], "", &[]);
    assert_eq!(as_argument.code, 2);
    assert!(server.auth_attempts().len() == 1);
}

#[test]
fn bad_input_is_refused_before_the_network() {
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &["check", "--user", "jane", "--password-stdin"],
            PASSWORD,
            "exactly one @",
        ),
        (
            &["check", "--user", USER, "--password-stdin"],
            "Summer2024!",
            "account password",
        ),
        (
            &["check", "--user", USER, "--password-stdin"],
            "abcd efgh ijkl",
            "found 12",
        ),
        (
            &[
                "send-test",
                "--user",
                USER,
                "--to",
                "a@b.com\r\nBcc: x@y.com",
                "--password-stdin",
            ],
            PASSWORD,
            "line breaks",
        ),
        (
            &[
                "send-test",
                "--user",
                USER,
                "--subject",
                "hi\nBcc: x@y.com",
                "--password-stdin",
            ],
            PASSWORD,
            "line breaks",
        ),
    ];
    for (args, stdin, message) in cases {
        let run = run(args, stdin, &[]);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert!(
            run.stdout.is_empty(),
            "nothing was attempted: {}",
            run.stdout
        );
    }
}

#[test]
fn diagnose_explains_pasted_errors() {
    let text = "smtplib.SMTPAuthenticationError: (535, b'5.7.8 Username and Password not accepted. \
                For more information, go to\\n5.7.8  https://support.google.com/mail/?p=BadCredentials x - gsmtp')";
    let human = run(&["diagnose", text], "", &[]);
    assert_eq!(human.code, 0);
    assert!(human.stdout.contains("How to fix it:"), "{}", human.stdout);
    assert!(
        human.stdout.contains("(cause: bad_credentials)"),
        "{}",
        human.stdout
    );

    let json = run(
        &["diagnose", "--json", "-"],
        "530 5.7.0 Must issue a STARTTLS command first. x - gsmtp",
        &[],
    );
    let value: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["cause"], "starttls_required");
    assert!(value["steps"].as_array().is_some_and(|s| !s.is_empty()));

    let unknown = run(&["diagnose", "--json", "the printer is on fire"], "", &[]);
    assert_eq!(
        serde_json::from_str::<Value>(&unknown.stdout).unwrap()["cause"],
        "unknown"
    );
}

#[test]
fn help_lists_the_exit_codes() {
    let help = run(&["--help"], "", &[]);
    assert_eq!(help.code, 0);
    for line in [
        "3  network failure",
        "4  TLS failure",
        "5  authentication failure",
        "SMTP_SETUP_PASSWORD",
    ] {
        assert!(help.stdout.contains(line), "{line}: {}", help.stdout);
    }
}

#[test]
fn diagnose_names_the_tls_setting_of_the_stack_that_printed_the_error() {
    // Django with EMAIL_USE_SSL = True on port 587: TLS spoken to a plain greeting.
    let traceback = "Traceback (most recent call last):\n  File \"/srv/app/venv/lib/python3.11/site-packages/django/core/mail/backends/smtp.py\", line 80, in open\n    self.connection = self.connection_class(self.host, self.port, **connection_params)\n  File \"/usr/lib/python3.11/smtplib.py\", line 1050, in __init__\nssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)";
    let django = run(&["diagnose", traceback], "", &[]);
    assert_eq!(django.code, 0, "{}", django.stderr);
    let fix = "EMAIL_USE_SSL = True for port 465, or EMAIL_USE_TLS = True for port 587";
    assert!(django.stdout.contains(fix), "{}", django.stdout);
    assert!(django.stdout.contains("smtp-setup export --format django"));
    // .NET's SmtpClient and the STARTTLS refusal.
    let dotnet = "System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not authenticated. The server response was: 5.7.0 Must issue a STARTTLS command first.";
    let net = run(&["diagnose", dotnet], "", &[]);
    let fix = "use port 587 with EnableSsl = true";
    assert!(net.stdout.contains(fix), "{}", net.stdout);
}

/// Whether `text` has Korean letters (Hangul syllables).
fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c))
}

/// The OS locale alone picks the language: no `--lang`, no `SMTP_SETUP_LANG`.
const KOREAN_OS: &[(&str, Option<&str>)] = &[
    ("SMTP_SETUP_LANG", None),
    ("LANGUAGE", None),
    ("LC_ALL", None),
    ("LC_MESSAGES", None),
    ("LANG", Some("ko_KR.UTF-8")),
];

#[test]
fn diagnose_speaks_korean_when_asked() {
    let text = "535 5.7.8 Username and Password not accepted";
    let human = run(&["--lang", "ko", "diagnose", text], "", &[]);
    assert_eq!(human.code, 0, "{}", human.stderr);
    assert!(
        human.stdout.contains("해결 방법:\n  1. "),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("(원인: bad_credentials)"),
        "{}",
        human.stdout
    );
    assert!(!human.stdout.contains("How to fix it:"), "{}", human.stdout);

    // JSON keeps its ids and says which language its texts are in.
    let json = run(
        &["diagnose", "--json", text],
        "",
        &[("SMTP_SETUP_LANG", "ko")],
    );
    assert_eq!(json.code, 0, "{}", json.stderr);
    let value: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["cause"], "bad_credentials");
    assert_eq!(value["lang"], "ko");
    assert!(value["steps"].as_array().is_some_and(|s| !s.is_empty()));

    // English stays the default where nothing asks for Korean.
    let english = run_cli(
        &["diagnose", "--json", text],
        "",
        &[
            ("SMTP_SETUP_LANG", Some("en")),
            ("LANG", Some("ko_KR.UTF-8")),
        ],
    );
    assert_eq!(
        serde_json::from_str::<Value>(&english.stdout).unwrap()["lang"],
        "en"
    );
}

#[test]
fn check_runs_fully_in_korean_from_the_environment_or_the_os_locale() {
    let good = server(AccountMode::AppPassword(PASSWORD.into()));
    let ok = against_with(
        &good,
        &[("SMTP_SETUP_LANG", Some("ko"))],
        "check",
        &[],
        PASSWORD,
    );
    assert_eq!(ok.code, 0, "{}{}", ok.stdout, ok.stderr);
    assert!(ok.stdout.contains(" 확인 중\n"), "{}", ok.stdout);
    assert!(ok.stdout.contains("✓ 로그인 성공: "), "{}", ok.stdout);
    assert!(!ok.stdout.contains("Login works"), "{}", ok.stdout);

    let bad = server(AccountMode::BadCredentials);
    let failed = against_with(&bad, KOREAN_OS, "check", &[], PASSWORD);
    assert_eq!(failed.code, 5, "{}{}", failed.stdout, failed.stderr);
    assert!(failed.stdout.contains("단계 실패"), "{}", failed.stdout);
    assert!(failed.stdout.contains("해결 방법:"), "{}", failed.stdout);
    assert!(
        failed.stdout.contains("(원인: bad_credentials)"),
        "{}",
        failed.stdout
    );

    // --json: the same ids and fields, the verdict's text in Korean beside them.
    let json = against_with(&bad, KOREAN_OS, "check", &["--json"], PASSWORD);
    assert_eq!(json.code, 5, "{}", json.stdout);
    let result = json_lines(&json.stdout).pop().unwrap();
    assert_eq!(result["type"], "result");
    assert_eq!(result["cause"], "bad_credentials");
    assert_eq!(result["failure"]["reply"]["code"], 535);
    assert_eq!(result["lang"], "ko");
    let text = result["text"].as_str().unwrap();
    assert!(
        text.starts_with("✗ ") && text.contains("단계 실패"),
        "{text}"
    );

    // Bad input is refused in Korean too, with the same exit code.
    let no_password = run_cli(&["check", "--user", USER], "", KOREAN_OS);
    assert_eq!(no_password.code, 2, "{}", no_password.stderr);
    assert!(
        no_password
            .stderr
            .starts_with("smtp-setup: 비밀번호가 없습니다"),
        "{}",
        no_password.stderr
    );
}

#[test]
fn an_unknown_language_is_refused_clearly() {
    for (args, env) in [
        (&["--lang", "xx", "diagnose", "535"][..], &[][..]),
        (&["diagnose", "535"][..], &[("SMTP_SETUP_LANG", "xx")][..]),
    ] {
        let run = run(args, "", env);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        assert!(
            run.stderr.contains("\"xx\"") && run.stderr.contains("en (English), ko (한국어)"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn help_speaks_the_chosen_language() {
    let korean = run_cli(&["--help"], "", KOREAN_OS);
    assert_eq!(korean.code, 0, "{}", korean.stderr);
    for line in [
        "종료 코드:",
        "3  네트워크 실패",
        "5  인증 실패",
        "서버에 연결하고 TLS를 시작한 뒤 로그인합니다",
        "SMTP_SETUP_PASSWORD",
    ] {
        assert!(korean.stdout.contains(line), "{line}: {}", korean.stdout);
    }
    let sub = run(&["--lang=ko", "accounts", "--help"], "", &[]);
    assert!(
        sub.stdout.contains("저장된 계정을 나열합니다."),
        "{}",
        sub.stdout
    );

    let english = run(&["--lang", "en", "--help"], "", &[]);
    assert!(
        !has_hangul(&english.stdout.replace("한국어", "")),
        "{}",
        english.stdout
    );
    assert!(
        english
            .stdout
            .contains("Connect, start TLS and log in, without sending anything."),
        "{}",
        english.stdout
    );
}

#[test]
fn diagnose_reads_korean_wrappers() {
    // PHPMailer's Korean language pack around Gmail's English reply, from stdin.
    let phpmailer = "2024-05-02 01:12:40 SMTP ERROR: Password command failed: 535-5.7.8 Username and Password not accepted. For more information, go to\n\
                     535 5.7.8  https://support.google.com/mail/?p=BadCredentials d2sm - gsmtp\n\
                     SMTP 오류: 인증할 수 없습니다.";
    let json = run(&["diagnose", "--json", "-"], phpmailer, &[]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let value: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["cause"], "bad_credentials");
    assert!(
        value["evidence"]
            .as_str()
            .is_some_and(|e| e.contains("SMTP 오류: 인증할 수 없습니다.")),
        "{value}"
    );

    // .NET on Korean Windows: the STARTTLS refusal names SmtpClient's own setting.
    let dotnet = "System.Net.Mail.SmtpException: SMTP 서버에 보안 연결이 필요하거나 클라이언트가 인증되지 않았습니다. 서버 응답: 5.7.0 Must issue a STARTTLS command first. c3sm - gsmtp";
    let net = run(&["diagnose", dotnet], "", &[]);
    assert_eq!(net.code, 0, "{}", net.stderr);
    assert!(
        net.stdout.contains("(cause: starttls_required)"),
        "{}",
        net.stdout
    );
    assert!(
        net.stdout.contains("use port 587 with EnableSsl = true"),
        "{}",
        net.stdout
    );

    // Python on Korean Windows, no SMTP reply: the socket error decides.
    let python = "ConnectionRefusedError: [WinError 10061] 대상 컴퓨터에서 연결을 거부했으므로 연결하지 못했습니다";
    let refused = run(&["diagnose", "--json", python], "", &[]);
    let value: Value = serde_json::from_str(&refused.stdout).unwrap();
    assert_eq!(value["cause"], "connection_refused");
    assert_eq!(value["category"], "network");
}

#[test]
fn version_completions_and_man_pages_come_from_the_command_line_itself() {
    let version = run(&["--version"], "", &[]);
    assert_eq!(version.code, 0, "{}", version.stderr);
    assert_eq!(
        version.stdout,
        format!("smtp-setup {}\n", env!("CARGO_PKG_VERSION"))
    );

    let bash = run(&["completions", "bash"], "", &[]);
    assert_eq!(bash.code, 0, "{}", bash.stderr);
    for word in [
        "check",
        "send-test",
        "preflight",
        "relay",
        "--password-stdin",
        "--lang",
    ] {
        assert!(bash.stdout.contains(word), "{word} not completed");
    }
    // bash itself loads it and registers the completion.
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("smtp-setup.bash");
    std::fs::write(&script, &bash.stdout).unwrap();
    let loaded = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            ". '{}' && complete -p smtp-setup",
            script.display()
        ))
        .output()
        .unwrap();
    assert!(loaded.status.success(), "{loaded:?}");
    assert!(String::from_utf8_lossy(&loaded.stdout).contains("smtp-setup"));
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let other = run(&["completions", shell], "", &[]);
        assert_eq!(other.code, 0, "{shell}: {}", other.stderr);
        assert!(other.stdout.contains("send-test"), "{shell}");
    }
    let unknown = run(&["completions", "tcsh"], "", &[]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("tcsh"), "{}", unknown.stderr);

    let man = run(&["man"], "", &[("SMTP_SETUP_LANG", "en")]);
    assert_eq!(man.code, 0, "{}", man.stderr);
    assert!(man.stdout.starts_with(".ie"), "roff: {}", &man.stdout[..80]);
    for text in [
        ".TH smtp-setup 1",
        "Set up, test and diagnose Gmail SMTP credentials",
        "send\\-test",
        "5  authentication failure",
        &format!("\"smtp-setup {}\"", env!("CARGO_PKG_VERSION")),
    ] {
        assert!(man.stdout.contains(text), "{text} not in the man page");
    }
    let korean = run(&["--lang", "ko", "man"], "", &[]);
    assert!(korean.stdout.contains("Gmail SMTP 로그인 정보를 설정하고"));

    let pages = dir.path().join("man");
    let wrote = run(
        &["man", "--out-dir", &pages.to_string_lossy()],
        "",
        &[("SMTP_SETUP_LANG", "en")],
    );
    assert_eq!(wrote.code, 0, "{}", wrote.stderr);
    assert!(wrote.stdout.is_empty());
    for page in [
        "smtp-setup.1",
        "smtp-setup-check.1",
        "smtp-setup-preflight.1",
        "smtp-setup-accounts-list.1",
        "smtp-setup-oauth-authorize.1",
    ] {
        assert!(pages.join(page).is_file(), "no {page}");
    }
    let check = std::fs::read_to_string(pages.join("smtp-setup-check.1")).unwrap();
    assert!(check.contains("\\-\\-password\\-stdin"), "{check}");
    // A folder that cannot be made: a message naming it, exit 1, nothing half-written.
    let blocked = dir.path().join("file");
    std::fs::write(&blocked, "").unwrap();
    let refused = run(
        &["man", "--out-dir", &blocked.join("man").to_string_lossy()],
        "",
        &[("SMTP_SETUP_LANG", "en")],
    );
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("Could not write the man pages"),
        "{}",
        refused.stderr
    );
}
