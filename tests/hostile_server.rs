//! The CLI against servers that misbehave on purpose, and against a terminal that goes away:
//! escape sequences in replies, a closed stdout or stderr, a port that never greets, a
//! server that stalls at EHLO, a whole-run deadline, Ctrl-C, and an oversized password.

pub mod support;

use serde_json::Value;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::cli::{CliRun, run_cli};
use support::gmail_server::{AccountMode, Behavior, GmailServer, HOSTILE_TEXT, ServerConfig};

const USER: &str = "jane@gmail.com";
const PASSWORD: &str = "abcdefghijklmnop";

fn server(mode: AccountMode, behavior: Behavior) -> GmailServer {
    GmailServer::start(ServerConfig::with_account(USER, mode).with_behavior(behavior))
}

/// `check` against one port of `server` with the password on stdin.
fn check_args(server: &GmailServer, port: u16, tls: &str, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "check",
        "--user",
        USER,
        "--server",
        &format!("127.0.0.1:{port}"),
        "--tls",
        tls,
        "--ca-file",
        server.ca.file.to_str().unwrap(),
        "--password-stdin",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

fn run(args: &[String], stdin: &str) -> CliRun {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run_cli(&args, stdin, &[])
}

fn result_of(run: &CliRun) -> Value {
    let last = run.stdout.lines().last().unwrap_or_default();
    serde_json::from_str(last).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

/// What a terminal would act on instead of drawing.
fn has_control(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t') || ('\u{202a}'..='\u{202e}').contains(&c)
    })
}

#[test]
fn escape_sequences_from_the_server_never_reach_the_terminal() {
    let hostile = server(AccountMode::BadCredentials, Behavior::HostileText);
    let port = hostile.starttls_port();
    let human = run(&check_args(&hostile, port, "starttls", &["-v"]), PASSWORD);
    assert_eq!(human.code, 5, "{}{}", human.stdout, human.stderr);
    assert!(!has_control(&human.stdout), "{:?}", human.stdout);
    assert!(!has_control(&human.stderr), "{:?}", human.stderr);
    // Shown, not obeyed: the reply is still there to read, the escapes made visible.
    assert!(human.stdout.contains("\\u{1b}[2J"), "{}", human.stdout);
    assert!(human.stdout.contains("\\u{1b}]52;c;"), "{}", human.stdout);
    assert!(human.stdout.contains("\\u{202e}"), "{}", human.stdout);
    assert!(human.stdout.contains("535"), "{}", human.stdout);

    // JSON keeps the exact text, escaped by the encoder, so a terminal still sees no control.
    let json = run(
        &check_args(&hostile, port, "starttls", &["-v", "--json"]),
        PASSWORD,
    );
    assert!(!has_control(&json.stdout), "{:?}", json.stdout);
    let greeting: Vec<Value> = json
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &Value| v["type"] == "transcript" && v["direction"] == "server")
        .collect();
    assert!(
        greeting[0]["text"]
            .as_str()
            .unwrap()
            .ends_with(&format!("{HOSTILE_TEXT} - gsmtp")),
        "{:?}",
        greeting[0]
    );
    assert_eq!(result_of(&json)["cause"], "bad_credentials");

    // A pasted error is made as inert as a server's.
    let pasted = run_cli(&["diagnose", &format!("535 5.7.8 {HOSTILE_TEXT}")], "", &[]);
    assert!(!has_control(&pasted.stdout), "{:?}", pasted.stdout);
}

/// Runs the binary with stdout (or stderr) closed at the reading end before it writes.
fn with_closed(args: &[String], stdin: &str, close_stdout: bool) -> (i32, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_smtp-setup"));
    command
        .args(args)
        .env_remove("SMTP_SETUP_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    // Closing our end makes every write of the child fail with EPIPE.
    let mut other = if close_stdout {
        drop(child.stdout.take());
        child
            .stderr
            .take()
            .map(|e| Box::new(e) as Box<dyn Read + Send>)
    } else {
        drop(child.stderr.take());
        child
            .stdout
            .take()
            .map(|o| Box::new(o) as Box<dyn Read + Send>)
    }
    .unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = other.read_to_string(&mut text);
        text
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the command did not end");
        std::thread::sleep(Duration::from_millis(20));
    };
    (status.code().unwrap_or(-1), reader.join().unwrap())
}

#[test]
fn a_closed_stdout_or_stderr_ends_quietly_with_the_ordinary_exit_code() {
    let ok = server(AccountMode::AppPassword(PASSWORD.into()), Behavior::Normal);
    let port = ok.starttls_port();
    let (code, stderr) = with_closed(&check_args(&ok, port, "starttls", &["-v"]), PASSWORD, true);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("internal error"),
        "{stderr}"
    );

    let bad = server(AccountMode::BadCredentials, Behavior::Normal);
    let port = bad.starttls_port();
    let (code, stderr) = with_closed(&check_args(&bad, port, "starttls", &[]), PASSWORD, true);
    assert_eq!(code, 5, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");

    // An error for stderr, which is closed: still exit code 2, and stdout stays clean.
    let no_password: Vec<String> = ["check", "--user", USER]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let (code, stdout) = with_closed(&no_password, "", false);
    assert_eq!(code, 2, "{stdout}");
    assert!(stdout.is_empty(), "{stdout}");
}

#[test]
fn a_silent_starttls_port_is_a_greeting_timeout() {
    let silent = server(AccountMode::BadCredentials, Behavior::StallGreeting);
    let port = silent.starttls_port();
    let run = run(
        &check_args(&silent, port, "starttls", &["--timeout", "1", "--json"]),
        PASSWORD,
    );
    assert_eq!(run.code, 3, "{}{}", run.stdout, run.stderr);
    let result = result_of(&run);
    assert_eq!(result["cause"], "connection_timeout", "{}", run.stdout);
    assert_eq!(result["failure"]["stage"], "greeting", "{}", run.stdout);
}

#[test]
fn an_implicit_port_reached_with_starttls_is_still_named_in_time() {
    let server = server(AccountMode::AppPassword(PASSWORD.into()), Behavior::Normal);
    let port = server.implicit_port();
    let run = run(
        &check_args(&server, port, "starttls", &["--timeout", "3", "--json"]),
        PASSWORD,
    );
    let result = result_of(&run);
    assert_eq!(result["cause"], "tls_wrong_mode", "{}", run.stdout);
    assert_eq!(result["failure"]["stage"], "greeting");
}

#[test]
fn an_ehlo_stall_under_auto_is_a_timeout_not_a_wrong_mode() {
    let stalling = server(AccountMode::BadCredentials, Behavior::StallEhlo);
    // Both TLS modes on the one (STARTTLS) port: implicit TLS fails at once, STARTTLS gets
    // further before it stalls, and the route that got further explains the failure.
    let port = stalling.starttls_port();
    let run = run(
        &check_args(&stalling, port, "auto", &["--timeout", "1", "--json"]),
        PASSWORD,
    );
    assert_eq!(run.code, 3, "{}{}", run.stdout, run.stderr);
    let result = result_of(&run);
    assert_eq!(result["cause"], "connection_timeout", "{}", run.stdout);
    assert_eq!(result["failure"]["stage"], "ehlo", "{}", run.stdout);
    let routes = result["routes"].as_array().unwrap();
    assert!(
        routes
            .iter()
            .any(|r| r["failure"]["kind"] == "wrong_tls_mode"),
        "{routes:?}"
    );
}

#[test]
fn the_deadline_bounds_the_whole_run() {
    let silent = server(AccountMode::BadCredentials, Behavior::StallGreeting);
    let port = silent.starttls_port();
    let run = run(
        &check_args(
            &silent,
            port,
            "starttls",
            &["--timeout", "30", "--deadline", "1", "--json"],
        ),
        PASSWORD,
    );
    let result = result_of(&run);
    assert_eq!(result["cause"], "connection_timeout", "{}", run.stdout);
    assert!(
        result["failure"]["detail"]
            .as_str()
            .unwrap()
            .contains("--deadline"),
        "{}",
        run.stdout
    );
    let bad = run_cli(&["check", "--user", USER, "--deadline", "0"], "", &[]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--deadline"), "{}", bad.stderr);
}

#[test]
fn a_password_on_stdin_is_bounded() {
    let long = "a".repeat(5000);
    let run = run_cli(&["check", "--user", USER, "--password-stdin"], &long, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("longer than 4 KiB"), "{}", run.stderr);
    assert!(!run.stderr.contains(&long[..32]));
}

#[test]
fn diagnose_survives_any_input_on_stdin() {
    let mut bytes = b"\xff\xfe\x00 535-5.7.8 \xe2\x86\x92".to_vec();
    bytes.extend(std::iter::repeat_n(b'3', 300_000));
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let run = run_cli(&["diagnose", "--json", "-"], &text, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let value: Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(value["cause"].is_string());
}
