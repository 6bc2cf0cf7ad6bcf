//! The local relay with real clients from other ecosystems (Python smtplib, curl, msmtp,
//! swaks, Nodemailer) sending through it to the Gmail-like server: the bytes arrive as sent,
//! Gmail's refusals reach the app with Gmail's codes, a wrong relay password goes nowhere,
//! twenty apps at once share a few Gmail sessions, and a Google sign-in's token is made
//! anew mid-run. The relay runs as `smtp-setup relay`, as a person starts it.

pub mod support;

use sha2::{Digest, Sha256};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::cli::{CliRun, bounded_output, run_cli};
use support::gmail_server::{AccountMode, GmailServer, ServerConfig};
use support::tools::{needs, on_path, stack};

const PASSWORD: &str = "abcdefghijklmnop";

/// A client the test needs, on PATH.
fn client(program: &str) -> Option<PathBuf> {
    needs(program, on_path(program))
}

/// Accounts stored against the test server, and `smtp-setup relay` running for them.
struct Relay {
    server: GmailServer,
    config: tempfile::TempDir,
    child: Child,
    address: String,
    events: Arc<Mutex<Vec<serde_json::Value>>>,
    /// Logins to Gmail before the relay started (`store` verifies the password).
    logins_before: usize,
}

impl Drop for Relay {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn env_of(config: &Path) -> Vec<(&'static str, Option<String>)> {
    vec![(
        "SMTP_SETUP_CONFIG_DIR",
        Some(config.to_string_lossy().into_owned()),
    )]
}

fn cli(config: &Path, args: &[&str], stdin: &str) -> CliRun {
    let env = env_of(config);
    let env: Vec<(&str, Option<&str>)> = env.iter().map(|(k, v)| (*k, v.as_deref())).collect();
    run_cli(args, stdin, &env)
}

impl Relay {
    /// Stores each (user, verify) on `server` and starts `smtp-setup relay --all`.
    fn start(server: GmailServer, users: &[(&str, bool)], extra: &[&str]) -> Relay {
        let config = tempfile::tempdir().unwrap();
        let ca = server.ca.file.to_string_lossy().into_owned();
        let server_arg = format!("localhost:{}", server.starttls_port());
        for (user, verify) in users {
            let mut args = vec![
                "store",
                "--user",
                user,
                "--server",
                &server_arg,
                "--tls",
                "starttls",
                "--ca-file",
                &ca,
                "--password-stdin",
            ];
            if !verify {
                args.push("--no-verify");
            }
            let run = cli(config.path(), &args, &format!("{PASSWORD}\n"));
            assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        }
        let logins_before = server.auth_attempts().len();
        let mut command = Command::new(env!("CARGO_BIN_EXE_smtp-setup"));
        command
            .args([
                "relay",
                "--listen",
                "127.0.0.1:0",
                "--all",
                "--json",
                "--ca-file",
                &ca,
            ])
            .args(extra)
            .env("SMTP_SETUP_CONFIG_DIR", config.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let mut child = command.spawn().unwrap();
        let events = Arc::new(Mutex::new(Vec::new()));
        let (address_tx, address_rx) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        let seen = events.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let Ok(event) = serde_json::from_str::<serde_json::Value>(&line) else {
                    continue;
                };
                if event["event"] == "listening" {
                    let _ = address_tx.send(event["address"].as_str().unwrap_or("").to_string());
                }
                seen.lock().unwrap().push(event);
            }
        });
        let address = address_rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the relay says where it listens");
        Relay {
            server,
            config,
            child,
            address,
            events,
            logins_before,
        }
    }

    /// Logins the relay made to Gmail.
    fn relay_logins(&self) -> usize {
        self.server.auth_attempts().len() - self.logins_before
    }

    fn port(&self) -> &str {
        self.address.rsplit_once(':').unwrap().1
    }

    fn relay_password(&self, user: &str) -> String {
        let run = cli(
            self.config.path(),
            &["password", "--relay", "--account", user],
            "",
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout.trim().to_string()
    }

    fn events_named(&self, name: &str) -> Vec<serde_json::Value> {
        self.events
            .lock()
            .unwrap()
            .iter()
            .filter(|e| e["event"] == name)
            .cloned()
            .collect()
    }

    /// Waits (at most 10 s) until `n` events of this name came.
    fn wait_for(&self, name: &str, n: usize) -> Vec<serde_json::Value> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let found = self.events_named(name);
            if found.len() >= n || Instant::now() > deadline {
                return found;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Runs a Python script with the relay's port and `args`.
    fn python(&self, script: &str, args: &[&str]) -> CliRun {
        let mut command = Command::new("python3");
        command.arg("-c").arg(script).arg(self.port()).args(args);
        CliRun::from(bounded_output(command, ""))
    }
}

fn sha(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// UTF-8 headers and body, lines that start with ".", a lone "." inside a line's text.
fn awkward_message(from: &str, by: &str) -> Vec<u8> {
    format!(
        "Date: Wed, 02 Dec 2026 10:00:00 +0900\r\nMessage-ID: <{by}.relay-test@example.com>\r\n\
         From: Jane Müller <{from}>\r\nTo: {from}\r\nSubject: 안녕하세요 ☃ via {by}\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: 8bit\r\n\r\n\
         .starts with a dot\r\n..two dots\r\n.\r\n means nothing here\r\n\
         Grüße, 한국어 본문.\r\n"
    )
    .replace("\r\n.\r\n means", "\r\n. means")
    .into_bytes()
}

const PY_SEND_FILE: &str = r#"
import smtplib, sys
port, user, password, path = sys.argv[1:5]
data = open(path, "rb").read()
with smtplib.SMTP("127.0.0.1", int(port), timeout=30) as s:
    s.login(user, password)
    s.sendmail(user, [user], data, mail_options=["SMTPUTF8", "BODY=8BITMIME"])
print("sent")
"#;

#[test]
fn real_clients_send_through_the_relay_and_the_bytes_arrive_as_sent() {
    let user = "jane@gmail.com";
    let server = GmailServer::start(ServerConfig::with_account(
        user,
        AccountMode::AppPassword(PASSWORD.into()),
    ));
    let relay = Relay::start(server, &[(user, true)], &[]);
    let password = relay.relay_password(user);
    // The settings an app needs: the relay password only when asked for.
    let settings = cli(relay.config.path(), &["export", "--format", "relay"], "");
    assert_eq!(settings.code, 0, "{}", settings.stderr);
    assert!(
        settings.stdout.contains("SMTP port: 2525"),
        "{}",
        settings.stdout
    );
    assert!(!settings.stdout.contains(&password), "{}", settings.stdout);
    let settings = cli(
        relay.config.path(),
        &["export", "--format", "relay", "--include-secret"],
        "",
    );
    assert!(
        settings.stdout.contains(&format!("Password: {password}")),
        "{}",
        settings.stdout
    );
    assert!(settings.stderr.contains("Warning"), "{}", settings.stderr);
    let dir = tempfile::tempdir().unwrap();
    let mut sent: Vec<(String, Vec<u8>)> = Vec::new();
    let mut send = |by: &str, run: &dyn Fn(&Path) -> CliRun| {
        let message = awkward_message(user, by);
        let path = dir.path().join(format!("{by}.eml"));
        std::fs::write(&path, &message).unwrap();
        let result = run(&path);
        assert_eq!(result.code, 0, "{by}: {}{}", result.stdout, result.stderr);
        sent.push((by.to_string(), message));
    };

    send("python", &|path| {
        relay.python(PY_SEND_FILE, &[user, &password, path.to_str().unwrap()])
    });
    if let Some(curl) = client("curl") {
        send("curl", &|path| {
            let mut command = Command::new(&curl);
            command.args([
                "--silent",
                "--show-error",
                "--max-time",
                "30",
                &format!("smtp://{}", relay.address),
                "--mail-from",
                user,
                "--mail-rcpt",
                user,
                "--user",
                &format!("{user}:{password}"),
                "--upload-file",
                path.to_str().unwrap(),
            ]);
            CliRun::from(bounded_output(command, ""))
        });
    }
    if let Some(msmtp) = client("msmtp") {
        send("msmtp", &|path| {
            let mut command = Command::new(&msmtp);
            command.args([
                "--host=127.0.0.1",
                &format!("--port={}", relay.port()),
                "--tls=off",
                "--auth=plain",
                &format!("--user={user}"),
                &format!("--passwordeval=echo {password}"),
                &format!("--from={user}"),
                user,
            ]);
            let text = String::from_utf8(std::fs::read(path).unwrap()).unwrap();
            CliRun::from(bounded_output(command, &text))
        });
    }
    if let Some(swaks) = client("swaks") {
        send("swaks", &|path| {
            let mut command = Command::new(&swaks);
            command.args([
                "--server",
                &relay.address,
                "--auth",
                "PLAIN",
                "--auth-user",
                user,
                "--auth-password",
                &password,
                "--from",
                user,
                "--to",
                user,
                "--data",
                &format!("@{}", path.to_str().unwrap()),
                "--timeout",
                "30",
            ]);
            CliRun::from(bounded_output(command, ""))
        });
    }
    let node = client("node");
    let modules = needs("the Node stack (nodemailer)", stack("node"));
    if let (Some(node), Some(modules)) = (node, modules) {
        let modules = modules.join("node_modules");
        send("nodemailer", &|path| {
            let script = format!(
                "const nodemailer = require('nodemailer'); const fs = require('fs');\n\
                 const t = nodemailer.createTransport({{host: '127.0.0.1', port: {port}, secure: false, ignoreTLS: true, auth: {{user: '{user}', pass: process.env.RELAY_PASSWORD}}}});\n\
                 t.sendMail({{envelope: {{from: '{user}', to: ['{user}']}}, raw: fs.readFileSync(process.argv[1])}}).then(() => console.log('sent'), e => {{ console.error(e.message); process.exit(1); }});\n",
                port = relay.port()
            );
            let mut command = Command::new(&node);
            command
                .arg("-e")
                .arg(script)
                .arg(path)
                .env("NODE_PATH", &modules)
                .env("RELAY_PASSWORD", &password);
            CliRun::from(bounded_output(command, ""))
        });
    }

    let received = relay.server.received();
    assert_eq!(received.len(), sent.len(), "{received:?}");
    for ((by, message), got) in sent.iter().zip(&received) {
        let mut expected = message.clone();
        if by == "swaks" {
            // swaks ends the data it sends with one more empty line of its own.
            expected.extend_from_slice(b"\r\n");
        }
        assert_eq!(
            sha(got.data.as_bytes()),
            sha(&expected),
            "{by}: the message arrived changed:\n{}",
            got.data
        );
        assert_eq!(got.authenticated_user, user, "{by}");
        assert_eq!(got.rcpt_to, [user], "{by}");
    }
    // One login to Gmail for all of them: the relay reuses its session.
    assert_eq!(
        relay.relay_logins(),
        1,
        "{:?}",
        relay.server.auth_attempts()
    );
    let relayed = relay.wait_for("relayed", sent.len());
    assert_eq!(relayed.len(), sent.len());
    assert!(
        relayed[0]["reply"]
            .as_str()
            .unwrap()
            .starts_with("250 2.0.0 OK")
    );
}

#[test]
fn a_ten_megabyte_attachment_arrives_byte_for_byte() {
    let user = "big@gmail.com";
    let server = GmailServer::start(ServerConfig::with_account(
        user,
        AccountMode::AppPassword(PASSWORD.into()),
    ));
    let relay = Relay::start(server, &[(user, true)], &[]);
    let password = relay.relay_password(user);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.eml");
    let build = r#"
import os, sys
from email.message import EmailMessage
m = EmailMessage()
m["From"] = m["To"] = sys.argv[2]
m["Subject"] = "10 MB"
m.set_content("See the attachment.\n.a line with a dot\n")
m.add_attachment(os.urandom(10 * 1024 * 1024), maintype="application", subtype="octet-stream", filename="blob.bin")
open(sys.argv[3], "wb").write(m.as_bytes(policy=m.policy.clone(linesep="\r\n")))
"#;
    let run = relay.python(build, &[user, path.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let message = std::fs::read(&path).unwrap();
    assert!(message.len() > 10 * 1024 * 1024);
    let run = relay.python(PY_SEND_FILE, &[user, &password, path.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let received = relay.server.received();
    assert_eq!(received.len(), 1);
    assert_eq!(sha(received[0].data.as_bytes()), sha(&message));
}

const PY_EXPECT_REFUSAL: &str = r#"
import smtplib, sys
port, user, password = sys.argv[1:4]
try:
    with smtplib.SMTP("127.0.0.1", int(port), timeout=30) as s:
        s.login(user, password)
        s.sendmail(user, [user], b"Subject: x\r\n\r\nhello\r\n")
    print("accepted")
except smtplib.SMTPResponseException as e:
    print(e.smtp_code, e.smtp_error.decode())
except smtplib.SMTPRecipientsRefused as e:
    code, text = list(e.recipients.values())[0]
    print(code, text.decode())
"#;

#[test]
fn gmails_refusals_reach_the_app_with_gmails_codes_and_a_wrong_relay_password_goes_nowhere() {
    let server = GmailServer::start(
        ServerConfig::with_account("revoked@gmail.com", AccountMode::BadCredentials)
            .and_account("busy@gmail.com", AccountMode::SendingLimit(PASSWORD.into())),
    );
    let relay = Relay::start(
        server,
        &[("revoked@gmail.com", false), ("busy@gmail.com", true)],
        &[],
    );

    // A wrong relay password: the relay's own 535, and nothing reaches Gmail.
    let run = relay.python(
        PY_EXPECT_REFUSAL,
        &["busy@gmail.com", "not-the-relay-password"],
    );
    assert!(
        run.stdout.starts_with("535 5.7.8"),
        "{}{}",
        run.stdout,
        run.stderr
    );
    assert!(run.stdout.contains("smtp-setup relay"), "{}", run.stdout);
    assert_eq!(relay.relay_logins(), 0, "nothing went to Gmail");
    assert_eq!(relay.server.received().len(), 0);

    // Gmail refuses the stored app password: the app gets Gmail's 535 at its login.
    let revoked = relay.relay_password("revoked@gmail.com");
    let run = relay.python(PY_EXPECT_REFUSAL, &["revoked@gmail.com", &revoked]);
    assert!(
        run.stdout.starts_with("535 5.7.8"),
        "{}{}",
        run.stdout,
        run.stderr
    );
    assert!(
        run.stdout.contains("BadCredentials"),
        "Gmail's own text: {}",
        run.stdout
    );

    // Gmail's daily limit at the end of DATA: the app gets the 550 5.4.5.
    let busy = relay.relay_password("busy@gmail.com");
    let run = relay.python(PY_EXPECT_REFUSAL, &["busy@gmail.com", &busy]);
    assert!(
        run.stdout.starts_with("550 5.4.5"),
        "{}{}",
        run.stdout,
        run.stderr
    );
    assert!(
        run.stdout.contains("Daily user sending limit exceeded"),
        "{}",
        run.stdout
    );

    let refused = relay.wait_for("refused", 3);
    // Each refusal once, with the command it answered. smtplib's login() tries AUTH PLAIN,
    // then AUTH LOGIN when that is refused: two logins, two refusals.
    let revoked: Vec<_> = refused
        .iter()
        .filter(|e| e["account"] == "revoked@gmail.com")
        .collect();
    assert_eq!(revoked.len(), 2, "{refused:?}");
    assert!(
        revoked
            .iter()
            .all(|e| e["stage"] == "login" && e["upstream"] == true),
        "{revoked:?}"
    );
    let busy: Vec<_> = refused
        .iter()
        .filter(|e| e["account"] == "busy@gmail.com")
        .collect();
    assert_eq!(busy.len(), 1, "{refused:?}");
    assert_eq!(busy[0]["stage"], "data");
    let causes: Vec<&str> = refused.iter().filter_map(|e| e["cause"].as_str()).collect();
    assert!(causes.contains(&"sending_limit"), "{refused:?}");
    // The ledger keeps the refusal for the account screen and `accounts list`.
    let list = cli(relay.config.path(), &["accounts", "list"], "");
    assert!(
        list.stdout
            .contains("relay: 0 of Gmail's 500 a day sent in the last 24 h; last refused just now: 550 5.4.5 Daily user sending limit exceeded."),
        "{}",
        list.stdout
    );

    // `check --all` for a cron job: one summary, exit 0 only when every account passes.
    let ca = relay.server.ca.file.to_string_lossy().into_owned();
    let run = cli(
        relay.config.path(),
        &["check", "--all", "--json", "--ca-file", &ca],
        "",
    );
    assert_eq!(
        run.code, 5,
        "an authentication failure: {}{}",
        run.stdout, run.stderr
    );
    let summary: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(summary["all_passed"], false);
    assert_eq!(summary["passed"], 1, "{summary}");
    assert_eq!(
        summary["accounts"][0]["cause"], "bad_credentials",
        "{summary}"
    );
}

#[test]
fn twenty_apps_at_once_share_a_few_gmail_sessions() {
    let user = "many@gmail.com";
    let server = GmailServer::start(ServerConfig::with_account(
        user,
        AccountMode::AppPassword(PASSWORD.into()),
    ));
    let relay = Relay::start(server, &[(user, true)], &[]);
    let password = relay.relay_password(user);
    // Each app logs in for every message, as many do.
    let script = r#"
import smtplib, sys
from concurrent.futures import ThreadPoolExecutor
port, user, password = sys.argv[1:4]
def app(n):
    for i in range(3):
        with smtplib.SMTP("127.0.0.1", int(port), timeout=60) as s:
            s.login(user, password)
            s.sendmail(user, [user], f"Subject: app {n} message {i}\r\n\r\nhello\r\n".encode())
    return n
with ThreadPoolExecutor(20) as pool:
    print(len(list(pool.map(app, range(20)))))
"#;
    let run = relay.python(script, &[user, &password]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout.trim(), "20");
    assert_eq!(relay.server.received().len(), 60);
    let logins = relay.relay_logins();
    assert!(
        (1..=smtp_setup::relay::MAX_SESSIONS).contains(&logins),
        "60 messages took {logins} Gmail logins"
    );
}

#[test]
fn a_dropped_gmail_connection_is_reopened_for_the_next_message() {
    let user = "idle@gmail.com";
    // Gmail closes a connection idle for a second (with 451 4.4.2, as it does after minutes).
    let server = GmailServer::start(
        ServerConfig::with_account(user, AccountMode::AppPassword(PASSWORD.into()))
            .with_session_timeout(Duration::from_secs(1)),
    );
    let relay = Relay::start(server, &[(user, true)], &[]);
    let password = relay.relay_password(user);
    let path = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(path.path(), b"Subject: one\r\n\r\nhello\r\n").unwrap();
    let file = path.path().to_str().unwrap();
    let run = relay.python(PY_SEND_FILE, &[user, &password, file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::thread::sleep(Duration::from_millis(1600));
    let run = relay.python(PY_SEND_FILE, &[user, &password, file]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(relay.server.received().len(), 2);
    let connected = relay.wait_for("upstream_connected", 2);
    assert!(
        connected.iter().any(|e| e["reconnect"] == true),
        "{connected:?}"
    );
}

#[test]
fn a_non_loopback_listen_address_is_refused_with_why() {
    let config = tempfile::tempdir().unwrap();
    for listen in ["0.0.0.0:2525", "192.168.1.10:2525", "[::]:2525"] {
        let run = cli(config.path(), &["relay", "--listen", listen], "");
        assert_eq!(run.code, 2, "{listen}: {}", run.stderr);
        assert!(run.stderr.contains("loopback"), "{}", run.stderr);
    }
    let run = cli(config.path(), &["relay", "--print-service", "systemd"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("ExecStart="), "{}", run.stdout);
    assert!(
        run.stdout.contains(" relay --listen 127.0.0.1:2525"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("systemctl --user enable --now"),
        "{}",
        run.stderr
    );
}

/// A Google sign-in through the relay: access tokens are made from the refresh token in
/// memory, and made anew when Gmail refuses the one in hand (here: expired mid-run).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_google_sign_in_gets_a_fresh_token_mid_run() {
    use smtp_setup::address::EmailAddress;
    use smtp_setup::oauth::{OAuthClient, start_authorization};
    use smtp_setup::relay::{self, RelayAccount, RelayConfig, RelayEvent, UpstreamLogin};
    use smtp_setup::secret::Secret;
    use smtp_setup::smtp::{CheckOptions, TlsMode};
    use support::oauth_server::{OAuthConfig, OAuthServer};

    let user = "oauth@gmail.com";
    let oauth = OAuthServer::start(OAuthConfig::default());
    let smtp = GmailServer::start(
        ServerConfig::with_account(user, AccountMode::OAuthTokens(oauth.tokens.clone()))
            .with_session_timeout(Duration::from_secs(1)),
    );
    let client = OAuthClient::from_json(&oauth.client_json()).unwrap();
    let address = EmailAddress::parse(user).unwrap();
    let pending = start_authorization(&client, &address).await.unwrap();
    let url = pending.url().to_string();
    let browser = tokio::spawn(async move { support::browser::follow(&url).await });
    let grant = pending.finish(Duration::from_secs(10)).await.unwrap();
    browser.await.unwrap();

    let options = CheckOptions::new(
        "localhost",
        vec![(smtp.starttls_port(), TlsMode::Starttls)],
        std::slice::from_ref(&smtp.ca.file),
    )
    .unwrap();
    let events = Arc::new(Mutex::new(Vec::new()));
    let seen = events.clone();
    let handle = relay::start(
        RelayConfig {
            listen: "127.0.0.1:0".parse().unwrap(),
            require_login: true,
            accounts: vec![RelayAccount {
                address: address.clone(),
                options,
                login: UpstreamLogin::OAuth {
                    user: address,
                    grant,
                },
                relay_password: Some(Secret::new("relay-test-password".into())),
            }],
            ledger: None,
            name: "relay.test".into(),
        },
        Arc::new(move |event: RelayEvent| seen.lock().unwrap().push(event)),
    )
    .await
    .unwrap();
    let port = handle.address.port().to_string();
    let send = move |port: String| {
        let script = r#"
import smtplib, sys
with smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=30) as s:
    s.login("oauth@gmail.com", "relay-test-password")
    s.sendmail("oauth@gmail.com", ["oauth@gmail.com"], b"Subject: t\r\n\r\nhi\r\n")
"#;
        let mut command = Command::new("python3");
        command.arg("-c").arg(script).arg(port);
        CliRun::from(bounded_output(command, ""))
    };
    let first = tokio::task::spawn_blocking({
        let port = port.clone();
        move || send(port)
    })
    .await
    .unwrap();
    assert_eq!(first.code, 0, "{}", first.stderr);
    // Google ends the token early, and Gmail closes the idle session: the next message
    // needs a new login, whose token Gmail refuses, so the relay makes another.
    oauth.expire_access_tokens();
    tokio::time::sleep(Duration::from_millis(1600)).await;
    let second = tokio::task::spawn_blocking(move || send(port))
        .await
        .unwrap();
    assert_eq!(second.code, 0, "{}{}", second.stdout, second.stderr);
    assert_eq!(smtp.received().len(), 2);
    let refreshes = events
        .lock()
        .unwrap()
        .iter()
        .filter(|e| matches!(e, RelayEvent::TokenRefreshed { .. }))
        .count();
    assert_eq!(refreshes, 2, "{:?}", events.lock().unwrap());
    handle.stop().await;
}
