//! Accounts against the real Secret Service (GNOME Keyring in the private D-Bus session that
//! `scripts/test` starts): store, load, replace, remove; the keychain-unavailable messages;
//! the index's atomic, concurrent writes. Each test uses its own keychain service name and
//! config directory, so tests never see each other's (or a person's) entries.

pub mod support;

use serde_json::Value;
use std::path::Path;
use std::process::Command;
use support::cli::{CliRun, run_cli};
use support::gmail_server::{AccountMode, GmailServer, ServerConfig};

const USER: &str = "jane@gmail.com";
const OLD: &str = "abcdefghijklmnop";
const NEW: &str = "qrstuvwxyzabcdef";

/// One test's keychain service and config directory.
struct Sandbox {
    service: String,
    config: tempfile::TempDir,
}

impl Sandbox {
    fn new(name: &str) -> Sandbox {
        assert!(
            std::env::var_os("SMTP_SETUP_TEST_SESSION").is_some(),
            "the keychain tests need the private keyring session: run them with scripts/test"
        );
        Sandbox {
            service: format!("smtp-setup-test-{name}"),
            config: tempfile::tempdir().unwrap(),
        }
    }

    fn env(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("SMTP_SETUP_KEYCHAIN_SERVICE", Some(self.service.clone())),
            (
                "SMTP_SETUP_CONFIG_DIR",
                Some(self.config.path().to_string_lossy().into_owned()),
            ),
        ]
    }

    fn run(&self, args: &[&str], stdin: &str) -> CliRun {
        self.run_with(args, stdin, &[])
    }

    fn run_with(
        &self,
        args: &[&str],
        stdin: &str,
        extra: &[(&'static str, Option<String>)],
    ) -> CliRun {
        let env: Vec<(&str, Option<String>)> = self
            .env()
            .into_iter()
            .chain(extra.iter().cloned())
            .collect();
        let env: Vec<(&str, Option<&str>)> = env.iter().map(|(k, v)| (*k, v.as_deref())).collect();
        run_cli(args, stdin, &env)
    }

    /// `store` against the test server's STARTTLS port.
    fn store(&self, server: &GmailServer, user: &str, password: &str, extra: &[&str]) -> CliRun {
        let server_arg = format!("127.0.0.1:{}", server.starttls_port());
        let ca = server.ca.file.to_string_lossy().into_owned();
        let mut args = vec![
            "store",
            "--user",
            user,
            "--server",
            &server_arg,
            "--ca-file",
            &ca,
            "--password-stdin",
        ];
        args.extend_from_slice(extra);
        self.run(&args, &format!("{password}\n"))
    }

    /// What `secret-tool` (libsecret, not our code) finds in the keyring.
    fn lookup(&self, user: &str) -> Option<String> {
        let out = Command::new("secret-tool")
            .args(["lookup", "service", &self.service, "username", user])
            .output()
            .expect("secret-tool is installed by scripts/test");
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn accounts(&self) -> Vec<Value> {
        let run = self.run(&["accounts", "list", "--json"], "");
        assert_eq!(run.code, 0, "{}", run.stderr);
        serde_json::from_str::<Value>(&run.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }

    fn assert_no_file_contains(&self, secret: &str) {
        assert_tree_lacks(self.config.path(), secret);
    }
}

fn assert_tree_lacks(dir: &Path, secret: &str) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            assert_tree_lacks(&path, secret);
        } else {
            let bytes = std::fs::read(&path).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains(secret),
                "{} holds the secret",
                path.display()
            );
        }
    }
}

fn server_accepting(password: &str) -> GmailServer {
    GmailServer::start(ServerConfig::with_account(
        USER,
        AccountMode::AppPassword(password.into()),
    ))
}

#[test]
fn store_verifies_then_keeps_the_secret_in_the_keyring_only() {
    let sandbox = Sandbox::new("store");
    let server = server_accepting(OLD);
    let run = sandbox.store(&server, USER, "abcd efgh ijkl mnop", &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("✓ Saved jane@gmail.com"),
        "{}",
        run.stdout
    );
    assert_eq!(sandbox.lookup(USER).as_deref(), Some(OLD));
    sandbox.assert_no_file_contains(OLD);

    let accounts = sandbox.accounts();
    assert_eq!(accounts.len(), 1);
    let account = &accounts[0]["account"];
    assert_eq!(accounts[0]["default"], true);
    assert_eq!(account["address"], USER);
    assert_eq!(account["auth"], "app_password");
    assert_eq!(account["port"], server.starttls_port());
    assert_eq!(account["tls"], "starttls");
    assert_eq!(account["last_test"]["outcome"], "ok");
    assert!(account["last_verified"].is_string());

    let show = sandbox.run(&["accounts", "show", USER, "--json"], "");
    let shown: Value = serde_json::from_str(&show.stdout).unwrap();
    assert_eq!(shown["secret_in_keychain"], true);
    assert!(!show.stdout.contains(OLD));
}

#[test]
fn a_password_that_fails_verification_is_not_stored() {
    let sandbox = Sandbox::new("unverified");
    let server = GmailServer::start(ServerConfig::with_account(
        USER,
        AccountMode::BadCredentials,
    ));
    let run = sandbox.store(&server, USER, OLD, &[]);
    assert_eq!(run.code, 5, "{}", run.stdout);
    assert!(run.stdout.contains("Nothing was saved"), "{}", run.stdout);
    assert_eq!(sandbox.lookup(USER), None);
    assert!(sandbox.accounts().is_empty());
}

#[test]
fn replace_keeps_the_old_secret_when_the_new_one_fails() {
    let sandbox = Sandbox::new("replace");
    let server = server_accepting(OLD);
    assert_eq!(sandbox.store(&server, USER, OLD, &[]).code, 0);
    // The server accepts only OLD: NEW is rejected and must not replace it.
    let failed = sandbox.store(&server, USER, NEW, &[]);
    assert_eq!(failed.code, 5, "{}", failed.stdout);
    assert_eq!(sandbox.lookup(USER).as_deref(), Some(OLD));

    let server = server_accepting(NEW);
    let replaced = sandbox.store(&server, USER, NEW, &[]);
    assert_eq!(replaced.code, 0, "{}", replaced.stdout);
    assert!(
        replaced
            .stdout
            .contains("Replaced the secret of jane@gmail.com: the app password"),
        "{}",
        replaced.stdout
    );
    assert_eq!(sandbox.lookup(USER).as_deref(), Some(NEW));
    assert_eq!(sandbox.accounts().len(), 1);
}

#[test]
fn replace_puts_the_old_secret_back_when_the_index_cannot_be_written() {
    let sandbox = Sandbox::new("replace-unwritable");
    assert_eq!(
        sandbox.store(&server_accepting(OLD), USER, OLD, &[]).code,
        0
    );
    // The lock file turned into a directory: the index can be read but not updated, and
    // only after the keychain already holds the new secret (tests run as root, so file
    // permissions would not stop the write).
    let lock = sandbox.config.path().join("accounts.lock");
    std::fs::remove_file(&lock).unwrap();
    std::fs::create_dir(&lock).unwrap();
    let server = server_accepting(NEW);
    let failed = sandbox.store(&server, USER, NEW, &[]);
    assert_ne!(failed.code, 0, "{}", failed.stdout);
    assert!(failed.stderr.contains("accounts.lock"), "{}", failed.stderr);
    assert_eq!(server.auth_attempts().len(), 1, "NEW was verified first");
    assert_eq!(sandbox.lookup(USER).as_deref(), Some(OLD));

    // A new account whose index entry cannot be written leaves no secret behind.
    let other = "ops@example.org";
    let server = GmailServer::start(ServerConfig::with_account(
        other,
        AccountMode::AppPassword(NEW.into()),
    ));
    assert_ne!(sandbox.store(&server, other, NEW, &[]).code, 0);
    assert_eq!(sandbox.lookup(other), None);
}

#[test]
fn ctrl_c_is_recorded_as_cancelled() {
    let sandbox = Sandbox::new("cancelled");
    let server = server_accepting(OLD);
    assert_eq!(sandbox.store(&server, USER, OLD, &[]).code, 0);
    drop(server);
    // The account's server now never greets: the check waits until it is interrupted.
    let silent = GmailServer::start(
        ServerConfig::with_account(USER, AccountMode::AppPassword(OLD.into()))
            .with_behavior(support::gmail_server::Behavior::StallGreeting),
    );
    let ca = silent.ca.file.to_string_lossy().into_owned();
    let mut command = Command::new(env!("CARGO_BIN_EXE_smtp-setup"));
    command
        .args([
            "check",
            "--server",
            &format!("127.0.0.1:{}", silent.starttls_port()),
            "--tls",
            "starttls",
            "--ca-file",
            &ca,
            "--timeout",
            "30",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    for (name, value) in sandbox.env() {
        command.env(name, value.unwrap());
    }
    let mut child = command.spawn().unwrap();
    if !silent.wait_for_connections(1, std::time::Duration::from_secs(20)) {
        let _ = child.kill();
        panic!("the check did not connect: {:?}", child.wait_with_output());
    }
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    let account = &sandbox.accounts()[0]["account"];
    assert_eq!(account["last_test"]["outcome"], "cancelled", "{account}");
    let list = sandbox.run(&["accounts", "list"], "");
    assert!(
        list.stdout.contains("last check cancelled"),
        "{}",
        list.stdout
    );
}

#[cfg(unix)]
#[test]
fn settings_are_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new("modes");
    let nested = sandbox.config.path().join("fresh");
    let mut env = sandbox.env();
    env[1].1 = Some(nested.to_string_lossy().into_owned());
    let server = server_accepting(OLD);
    let server_arg = format!("127.0.0.1:{}", server.starttls_port());
    let ca = server.ca.file.to_string_lossy().into_owned();
    let env: Vec<(&str, Option<&str>)> = env.iter().map(|(k, v)| (*k, v.as_deref())).collect();
    let stored = run_cli(
        &[
            "store",
            "--user",
            USER,
            "--server",
            &server_arg,
            "--ca-file",
            &ca,
            "--password-stdin",
        ],
        OLD,
        &env,
    );
    assert_eq!(stored.code, 0, "{}", stored.stderr);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&nested), 0o700);
    assert_eq!(mode(&nested.join("accounts.toml")), 0o600);
    assert_eq!(mode(&nested.join("accounts.lock")), 0o600);
    let names: Vec<String> = std::fs::read_dir(&nested)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn check_and_send_test_read_the_secret_from_the_keychain() {
    let sandbox = Sandbox::new("use");
    let server = server_accepting(OLD);
    assert_eq!(sandbox.store(&server, USER, OLD, &[]).code, 0);
    // A copy of the CA that outlives the server.
    let ca_copy = sandbox.config.path().join("test-ca.pem");
    std::fs::copy(&server.ca.file, &ca_copy).unwrap();
    let ca = ca_copy.to_string_lossy().into_owned();
    // The default account, its stored server and TLS mode, no password anywhere.
    let check = sandbox.run(&["check", "--ca-file", &ca], "");
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    let send = sandbox.run(
        &["send-test", "--account", USER, "--ca-file", &ca, "--json"],
        "",
    );
    assert_eq!(send.code, 0, "{}{}", send.stdout, send.stderr);
    assert_eq!(server.received().len(), 1);
    assert!(!send.stdout.contains(OLD));
    drop(server);

    // The account's server is gone: the failure is recorded for the badge.
    let failed = sandbox.run(&["check", "--ca-file", &ca, "--timeout", "3"], "");
    assert_eq!(failed.code, 3, "{}", failed.stdout);
    let account = &sandbox.accounts()[0]["account"];
    assert_eq!(account["last_test"]["outcome"], "failed");
    assert_eq!(account["last_test"]["cause"], "connection_refused");
    let list = sandbox.run(&["accounts", "list"], "");
    assert!(list.stdout.contains("failing: "), "{}", list.stdout);
}

#[test]
fn remove_empties_both_stores_and_can_be_repeated() {
    let sandbox = Sandbox::new("remove");
    let server = server_accepting(OLD);
    assert_eq!(sandbox.store(&server, USER, OLD, &[]).code, 0);
    let removed = sandbox.run(&["accounts", "remove", USER], "");
    assert_eq!(removed.code, 0, "{}", removed.stderr);
    assert!(
        removed
            .stdout
            .contains("https://myaccount.google.com/apppasswords"),
        "{}",
        removed.stdout
    );
    assert_eq!(sandbox.lookup(USER), None);
    assert!(sandbox.accounts().is_empty());
    let again = sandbox.run(&["accounts", "remove", USER], "");
    assert_eq!(again.code, 0);
    assert!(
        again.stdout.contains("Nothing to remove"),
        "{}",
        again.stdout
    );
}

#[test]
fn default_account_can_be_chosen() {
    let sandbox = Sandbox::new("default");
    let server = server_accepting(OLD);
    for user in ["a@gmail.com", "b@gmail.com"] {
        assert_eq!(sandbox.store(&server, user, OLD, &["--no-verify"]).code, 0);
    }
    assert!(
        server.auth_attempts().is_empty(),
        "--no-verify does not log in"
    );
    let accounts = sandbox.accounts();
    assert_eq!(accounts[0]["default"], true);
    assert_eq!(
        sandbox
            .run(&["accounts", "set-default", "b@gmail.com"], "")
            .code,
        0
    );
    let accounts = sandbox.accounts();
    assert_eq!(
        (
            accounts[0]["default"].clone(),
            accounts[1]["default"].clone()
        ),
        (false.into(), true.into())
    );
    let unknown = sandbox.run(&["accounts", "set-default", "c@gmail.com"], "");
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("No account c@gmail.com"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn no_session_bus_gives_the_specific_message() {
    let sandbox = Sandbox::new("nobus");
    let runtime = tempfile::tempdir().unwrap();
    let run = sandbox.run_with(
        &["store", "--user", USER, "--password-stdin", "--no-verify"],
        OLD,
        &[
            ("DBUS_SESSION_BUS_ADDRESS", None),
            (
                "XDG_RUNTIME_DIR",
                Some(runtime.path().to_string_lossy().into_owned()),
            ),
        ],
    );
    assert_eq!(run.code, 6, "{}", run.stderr);
    assert!(
        run.stderr.contains("No keychain is available"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("DBUS_SESSION_BUS_ADDRESS is not set"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("never written to a plain file"));
    sandbox.assert_no_file_contains(OLD);
    assert!(sandbox.accounts().is_empty());
}

#[test]
fn locked_keychain_gives_the_specific_message() {
    let sandbox = Sandbox::new("locked");
    // A second private session whose keyring daemon runs but was never unlocked. Its own
    // runtime dir, or the daemon would find the unlocked one of the test session.
    let (data, runtime) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let script = format!(
        "gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1; \
         for _ in $(seq 50); do \
           dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
             org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets | grep -q true && break; \
           sleep 0.1; \
         done; \
         exec '{}' store --user {USER} --password-stdin --no-verify",
        env!("CARGO_BIN_EXE_smtp-setup")
    );
    let mut command = Command::new("dbus-run-session");
    command
        .args(["--", "sh", "-c", &script])
        .env("XDG_DATA_HOME", data.path())
        .env("XDG_RUNTIME_DIR", runtime.path());
    for (name, value) in sandbox.env() {
        command.env(name, value.unwrap());
    }
    let output = support::cli::bounded_output(command, OLD);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(6), "{stderr}");
    assert!(stderr.contains("The keychain is locked"), "{stderr}");
    sandbox.assert_no_file_contains(OLD);
}

#[test]
fn concurrent_stores_from_many_processes_lose_nothing() {
    let sandbox = Sandbox::new("concurrent");
    let env = sandbox.env();
    let users: Vec<String> = (0..12).map(|i| format!("user{i}@gmail.com")).collect();
    std::thread::scope(|scope| {
        for user in &users {
            let env = &env;
            scope.spawn(move || {
                let env: Vec<(&str, Option<&str>)> =
                    env.iter().map(|(k, v)| (*k, v.as_deref())).collect();
                let run = run_cli(
                    &["store", "--user", user, "--password-stdin", "--no-verify"],
                    OLD,
                    &env,
                );
                assert_eq!(run.code, 0, "{user}: {}", run.stderr);
            });
        }
    });
    let stored: Vec<String> = sandbox
        .accounts()
        .iter()
        .map(|a| a["account"]["address"].as_str().unwrap().to_string())
        .collect();
    for user in &users {
        assert!(stored.contains(user), "{user} missing from {stored:?}");
        assert_eq!(sandbox.lookup(user).as_deref(), Some(OLD));
    }
    assert_eq!(stored.len(), users.len());
}

#[test]
fn a_corrupt_index_is_reported_and_left_alone() {
    let sandbox = Sandbox::new("corrupt");
    let path = sandbox.config.path().join("accounts.toml");
    std::fs::write(&path, "[[account]]\naddress = \"half").unwrap();
    let list = sandbox.run(&["accounts", "list"], "");
    assert_eq!(list.code, 1);
    assert!(
        list.stderr.contains("accounts.toml cannot be read"),
        "{}",
        list.stderr
    );
    let store = sandbox.run(
        &["store", "--user", USER, "--password-stdin", "--no-verify"],
        OLD,
    );
    assert_ne!(store.code, 0);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "[[account]]\naddress = \"half"
    );
    assert_eq!(
        sandbox.lookup(USER),
        None,
        "a secret without an index entry is taken back out"
    );
}
