//! "Use it in your app", proved with the apps' own clients: settings exported for a stack are
//! run by that stack's real library (Python smtplib and keyring, Django, Nodemailer, curl,
//! msmtp) against the Gmail-like server, with the secret coming from the real keychain at
//! run time. Every snippet also matches its golden file and passes its language's syntax
//! check. The stacks are installed by `scripts/test` under `$SMTP_SETUP_STACKS`; without
//! them (a bare `cargo test`) these tests say so and pass, in CI they must be there.

pub mod support;

use smtp_setup::accounts::{AccountRecord, AuthMethod};
use smtp_setup::address::EmailAddress;
use smtp_setup::export::{self, TARGETS};
use smtp_setup::secret::Secret;
use smtp_setup::smtp::TlsMode;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;
use support::cli::{CliRun, bounded_output, run_cli};
use support::gmail_server::{AccountMode, GmailServer, ServerConfig};
use support::tools::{needs, on_path, stack};

const PASSWORD: &str = "abcdefghijklmnop";

/// A stored account on the test server, in a private config directory.
struct Stored {
    server: GmailServer,
    config: tempfile::TempDir,
    user: String,
}

impl Stored {
    fn new(name: &str, tls: TlsMode) -> Stored {
        let user = format!("{name}@gmail.com");
        let server = GmailServer::start(ServerConfig::with_account(
            &user,
            AccountMode::AppPassword(PASSWORD.into()),
        ));
        let config = tempfile::tempdir().unwrap();
        let stored = Stored {
            server,
            config,
            user,
        };
        let (port, mode) = match tls {
            TlsMode::Starttls => (stored.server.starttls_port(), "starttls"),
            TlsMode::Implicit => (stored.server.implicit_port(), "implicit"),
        };
        // "localhost": a name every client verifies in the test certificate.
        let server_arg = format!("localhost:{port}");
        let ca = stored.ca();
        let run = stored.cli(
            &[
                "store",
                "--user",
                &stored.user,
                "--server",
                &server_arg,
                "--tls",
                mode,
                "--ca-file",
                &ca,
                "--password-stdin",
            ],
            &format!("{PASSWORD}\n"),
        );
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        stored
    }

    fn ca(&self) -> String {
        self.server.ca.file.to_string_lossy().into_owned()
    }

    fn env(&self) -> Vec<(&'static str, Option<String>)> {
        vec![(
            "SMTP_SETUP_CONFIG_DIR",
            Some(self.config.path().to_string_lossy().into_owned()),
        )]
    }

    fn cli(&self, args: &[&str], stdin: &str) -> CliRun {
        let env = self.env();
        let env: Vec<(&str, Option<&str>)> = env.iter().map(|(k, v)| (*k, v.as_deref())).collect();
        run_cli(args, stdin, &env)
    }

    fn export(&self, format: &str, secret: &str) -> String {
        let run = self.cli(
            &[
                "export",
                "--account",
                &self.user,
                "--format",
                format,
                "--secret",
                secret,
            ],
            "",
        );
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        run.stdout
    }

    /// Runs `program args` as an app would be started: through `smtp-setup run` when `format`
    /// is given, else directly; with the test CA trusted the way each stack reads it, and
    /// `smtp-setup` on PATH for snippets that call it.
    fn app(&self, format: Option<&str>, program: &Path, args: &[&str], dir: &Path) -> CliRun {
        let binary = PathBuf::from(env!("CARGO_BIN_EXE_smtp-setup"));
        let mut command = match format {
            Some(format) => {
                let mut c = Command::new(&binary);
                c.args(["run", "--account", &self.user, "--format", format, "--"]);
                c.arg(program);
                c
            }
            None => Command::new(program),
        };
        command.args(args).current_dir(dir);
        let path = std::env::join_paths(
            std::iter::once(binary.parent().unwrap().to_path_buf()).chain(std::env::split_paths(
                &std::env::var_os("PATH").unwrap_or_default(),
            )),
        )
        .unwrap();
        let ca = self.ca();
        command
            .env("PATH", path)
            .env("SSL_CERT_FILE", &ca)
            .env("NODE_EXTRA_CA_CERTS", &ca)
            .env("CURL_CA_BUNDLE", &ca)
            .env("SMTP_SETUP_CONFIG_DIR", self.config.path())
            .env_remove("SMTP_SETUP_PASSWORD");
        CliRun::from(bounded_output(command, ""))
    }

    /// The server received one message, from the account, logged in with its app password.
    fn assert_sent(&self, by: &str, run: &CliRun) {
        assert_eq!(run.code, 0, "{by}: {}{}", run.stdout, run.stderr);
        let received = self.server.received();
        assert_eq!(received.len(), 1, "{by}: {received:?}");
        assert_eq!(received[0].authenticated_user, self.user, "{by}");
        assert!(received[0].mail_from.contains(&self.user), "{by}");
    }
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn python_smtplib_sends_with_the_password_from_smtp_setup_run_on_both_routes() {
    let Some(python) = needs("python3", on_path("python3")) else {
        return;
    };
    for (name, tls) in [
        ("py-starttls", TlsMode::Starttls),
        ("py-implicit", TlsMode::Implicit),
    ] {
        let stored = Stored::new(name, tls);
        let dir = tempfile::tempdir().unwrap();
        let script = write(dir.path(), "send.py", &stored.export("python", "env"));
        let run = stored.app(
            Some("python"),
            &python,
            &[script.to_str().unwrap()],
            dir.path(),
        );
        stored.assert_sent(name, &run);
        assert!(
            !std::fs::read_to_string(&script).unwrap().contains(PASSWORD),
            "the file never held the secret"
        );
    }
}

#[test]
fn python_keyring_reads_the_same_keychain_entry() {
    let Some(venv) = needs("the Python stack (keyring, Django)", stack("python")) else {
        return;
    };
    let stored = Stored::new("keyring", TlsMode::Starttls);
    let dir = tempfile::tempdir().unwrap();
    // By reference: the script asks the keychain itself, through `keyring`.
    let text = stored.export("python", "reference");
    assert!(
        text.contains("keyring.get_password(\"smtp-setup-test\""),
        "{text}"
    );
    let script = write(dir.path(), "send.py", &text);
    let run = stored.app(
        None,
        &venv.join("bin/python"),
        &[script.to_str().unwrap()],
        dir.path(),
    );
    stored.assert_sent("python keyring", &run);
}

#[test]
fn django_sends_with_its_own_settings_names() {
    let Some(venv) = needs("the Python stack (keyring, Django)", stack("python")) else {
        return;
    };
    for (name, tls) in [
        ("django-starttls", TlsMode::Starttls),
        ("django-implicit", TlsMode::Implicit),
    ] {
        let stored = Stored::new(name, tls);
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "mail_settings.py",
            &stored.export("django", "env"),
        );
        // A one-file Django project: the exported settings, then Django's own send_mail.
        let script = write(
            dir.path(),
            "send.py",
            "import django\nfrom django.conf import settings\nimport mail_settings\n\
             settings.configure(**{k: v for k, v in vars(mail_settings).items() if k.isupper()})\n\
             django.setup()\nfrom django.core.mail import send_mail\n\
             sent = send_mail('Hello', 'From Django.', None, [settings.EMAIL_HOST_USER])\n\
             assert sent == 1\n",
        );
        let run = stored.app(
            Some("django"),
            &venv.join("bin/python"),
            &[script.to_str().unwrap()],
            dir.path(),
        );
        stored.assert_sent(name, &run);
    }
}

#[test]
fn nodemailer_sends_on_both_routes() {
    let Some(node) = needs("node", on_path("node")) else {
        return;
    };
    let Some(modules) = needs("the Node stack (nodemailer)", stack("node")) else {
        return;
    };
    for (name, tls) in [
        ("node-starttls", TlsMode::Starttls),
        ("node-implicit", TlsMode::Implicit),
    ] {
        let stored = Stored::new(name, tls);
        let dir = modules.join(format!("run-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let script = write(&dir, "mail.js", &stored.export("nodemailer", "env"));
        let run = stored.app(Some("nodemailer"), &node, &[script.to_str().unwrap()], &dir);
        std::fs::remove_dir_all(&dir).unwrap();
        stored.assert_sent(name, &run);
    }
}

#[test]
fn curl_sends_with_the_password_asked_at_run_time() {
    let Some(sh) = needs("sh", on_path("sh")) else {
        return;
    };
    if needs("curl", on_path("curl")).is_none() {
        return;
    }
    for (name, tls) in [
        ("curl-starttls", TlsMode::Starttls),
        ("curl-implicit", TlsMode::Implicit),
    ] {
        let stored = Stored::new(name, tls);
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "mail.txt",
            &format!(
                "From: {0}\r\nTo: {0}\r\nSubject: curl\r\n\r\nHello.\r\n",
                stored.user
            ),
        );
        let script = write(dir.path(), "send.sh", &stored.export("curl", "reference"));
        let run = stored.app(None, &sh, &[script.to_str().unwrap()], dir.path());
        stored.assert_sent(name, &run);
    }
}

#[test]
fn msmtp_asks_smtp_setup_through_passwordeval() {
    let Some(msmtp) = needs("msmtp", on_path("msmtp")) else {
        return;
    };
    for (name, tls) in [
        ("msmtp-starttls", TlsMode::Starttls),
        ("msmtp-implicit", TlsMode::Implicit),
    ] {
        let stored = Stored::new(name, tls);
        let dir = tempfile::tempdir().unwrap();
        // The test CA instead of the system's store: the one line a test changes.
        let config = stored.export("msmtp", "reference").replace(
            "tls_trust_file system",
            &format!("tls_trust_file {}", stored.ca()),
        );
        let rc = write(dir.path(), "msmtprc", &config);
        // msmtp refuses a config file others can read.
        #[cfg(unix)]
        std::fs::set_permissions(&rc, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
        let message = write(
            dir.path(),
            "message.txt",
            &format!(
                "From: {0}\nTo: {0}\nSubject: msmtp\n\nHello.\n",
                stored.user
            ),
        );
        let sh = on_path("sh").unwrap();
        let line = format!(
            "{} -C {} -t < {}",
            msmtp.display(),
            rc.display(),
            message.display()
        );
        let run = stored.app(None, &sh, &["-c", &line], dir.path());
        stored.assert_sent(name, &run);
    }
}

#[test]
fn password_goes_to_pipes_and_refuses_a_terminal() {
    let stored = Stored::new("password", TlsMode::Starttls);
    let run = stored.cli(&["password", "--account", &stored.user], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, format!("{PASSWORD}\n"));
    // On a terminal (a pseudo-terminal from `script`), it refuses unless --show.
    let Some(script) = needs("script (util-linux)", on_path("script")) else {
        return;
    };
    let line = format!(
        "{} password --account {}",
        env!("CARGO_BIN_EXE_smtp-setup"),
        stored.user
    );
    let mut command = Command::new(script);
    command
        .args(["-qec", &line, "/dev/null"])
        .env("SMTP_SETUP_CONFIG_DIR", stored.config.path());
    let output = bounded_output(command, "");
    let shown = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{shown}");
    assert!(shown.contains("add --show"), "{shown}");
    assert!(!shown.contains(PASSWORD));
}

#[test]
fn run_gives_the_child_the_settings_and_never_smtp_setups_own_variable() {
    let stored = Stored::new("run-env", TlsMode::Starttls);
    let binary = env!("CARGO_BIN_EXE_smtp-setup");
    let mut command = Command::new(binary);
    command
        .args([
            "run",
            "--account",
            &stored.user,
            "--format",
            "laravel",
            "--",
            "env",
        ])
        .env("SMTP_SETUP_CONFIG_DIR", stored.config.path())
        .env("SMTP_SETUP_PASSWORD", "inherited-secret");
    let output = bounded_output(command, "");
    let env = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        env.contains(&format!("MAIL_PASSWORD={PASSWORD}\n")),
        "{env}"
    );
    assert!(env.contains("MAIL_MAILER=smtp\n"));
    assert!(env.contains("MAIL_HOST=localhost\n"));
    assert!(!env.contains("SMTP_SETUP_PASSWORD"), "{env}");
    assert!(!env.contains("inherited-secret"));
    // The child's exit code is the command's.
    let run = stored.cli(
        &["run", "--account", &stored.user, "--", "sh", "-c", "exit 7"],
        "",
    );
    assert_eq!(run.code, 7);
    let run = stored.cli(
        &[
            "run",
            "--account",
            &stored.user,
            "--",
            "no-such-program-here",
        ],
        "",
    );
    assert_eq!(run.code, 127, "{}", run.stderr);
    assert!(run.stderr.contains("Cannot start no-such-program-here"));
}

#[test]
fn export_keeps_the_secret_out_unless_asked_and_then_warns() {
    let stored = Stored::new("inline", TlsMode::Starttls);
    let run = stored.cli(
        &["export", "--account", &stored.user, "--format", "django"],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains(PASSWORD));
    assert!(
        run.stderr.contains("smtp-setup run --account"),
        "{}",
        run.stderr
    );
    let run = stored.cli(
        &[
            "export",
            "--account",
            &stored.user,
            "--format",
            "django",
            "--include-secret",
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains(&format!("EMAIL_HOST_PASSWORD = \"{PASSWORD}\""))
    );
    assert!(
        run.stderr
            .contains("Warning: This text holds the app password in plain text")
    );
    let run = stored.cli(
        &["export", "--account", &stored.user, "--format", "cobol"],
        "",
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("The formats are: python, django"),
        "{}",
        run.stderr
    );
    let run = stored.cli(
        &[
            "export",
            "--account",
            &stored.user,
            "--format",
            "postfix",
            "--secret",
            "env",
        ],
        "",
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("it can: reference, inline"),
        "{}",
        run.stderr
    );
    let run = stored.cli(
        &[
            "export",
            "--account",
            &stored.user,
            "--format",
            "msmtp",
            "--secret",
            "inline",
        ],
        "",
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--include-secret"), "{}", run.stderr);
}

fn golden_record(tls: TlsMode) -> AccountRecord {
    AccountRecord {
        address: EmailAddress::parse("jane@gmail.com").unwrap(),
        display_name: None,
        provider: "gmail".into(),
        server: "smtp.gmail.com".into(),
        port: if tls == TlsMode::Starttls { 587 } else { 465 },
        tls,
        auth: AuthMethod::AppPassword,
        created: SystemTime::UNIX_EPOCH,
        last_verified: None,
        last_test: None,
        signed_in: None,
        oauth_testing: None,
    }
}

/// Every format, both routes, every secret mode: its golden file (`UPDATE_GOLDEN=1` rewrites
/// them on purpose), and its language's own syntax check where the tool is here.
#[test]
fn every_snippet_matches_its_golden_file_and_parses() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/export");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    std::fs::create_dir_all(&golden).unwrap();
    let secret = Secret::new("abcdefghijklmnop".into());
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for target in TARGETS {
        for tls in [TlsMode::Starttls, TlsMode::Implicit] {
            for mode in target.modes {
                let route = if tls == TlsMode::Starttls {
                    "587"
                } else {
                    "465"
                };
                let name = format!("{}-{route}-{}.txt", target.id, mode.id());
                let snippet = export::render(
                    target,
                    &golden_record(tls),
                    *mode,
                    "smtp-setup",
                    Some(&secret),
                )
                .unwrap();
                let path = golden.join(&name);
                if update {
                    std::fs::write(&path, snippet.text.as_bytes()).unwrap();
                } else if std::fs::read_to_string(&path).ok().as_deref() != Some(&*snippet.text) {
                    failures.push(format!("{name} differs (UPDATE_GOLDEN=1 rewrites it)"));
                }
                if let Some(problem) = syntax_problem(target.id, &snippet.text, dir.path()) {
                    failures.push(format!("{name}: {problem}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Runs `program script FILE` with the snippet in FILE; its complaint when it fails.
fn check_with(program: &Path, script: &Path, dir: &Path, file: &str, body: &str) -> Option<String> {
    let path = write(dir, file, body);
    let mut command = Command::new(program);
    command.arg(script).arg(&path);
    let output = bounded_output(command, "");
    (!output.status.success()).then(|| {
        format!(
            "{}: {}",
            program.display(),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// The language's own check of a snippet, where its tool is installed.
fn syntax_problem(id: &str, text: &str, dir: &Path) -> Option<String> {
    let check = |program: &str, args: &[&str], file: &str, body: &str| -> Option<String> {
        let tool = needs(program, on_path(program))?;
        let path = write(dir, file, body);
        let mut command = Command::new(tool);
        command.args(args).arg(&path);
        let output = bounded_output(command, "");
        (!output.status.success()).then(|| {
            format!(
                "{program}: {}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            )
        })
    };
    match id {
        "python" | "django" | "flask" => check("python3", &["-m", "py_compile"], "s.py", text),
        "nodemailer" => check("node", &["--check"], "s.js", text),
        "curl" => check("sh", &["-n"], "s.sh", text),
        "phpmailer" | "wordpress" => check("php", &["-l"], "s.php", text),
        "git" => {
            let tool = needs("git", on_path("git"))?;
            let path = write(dir, "gitconfig", text);
            let mut command = Command::new(tool);
            command.args(["config", "--file"]).arg(&path).arg("--list");
            let output = bounded_output(command, "");
            (!output.status.success())
                .then(|| format!("git config: {}", String::from_utf8_lossy(&output.stderr)))
        }
        // YAML with Home Assistant's own `!env_var` tag, read by PyYAML from the Python stack.
        "home-assistant" => {
            let venv = needs("the Python stack (PyYAML)", stack("python"))?;
            let loader = "import sys, yaml\n\
                 yaml.SafeLoader.add_constructor('!env_var', lambda l, n: l.construct_scalar(n))\n\
                 doc = yaml.safe_load(open(sys.argv[1]))\n\
                 assert doc['notify'][0]['platform'] == 'smtp', doc\n";
            let script = write(dir, "yaml_check.py", loader);
            check_with(
                &venv.join("bin/python"),
                &script,
                dir,
                "configuration.yaml",
                text,
            )
        }
        // Tools this machine may lack and CI does not install: checked where present.
        "rails" if on_path("ruby").is_some() => check("ruby", &["-c"], "s.rb", text),
        "go" if on_path("gofmt").is_some() => check("gofmt", &["-l"], "s.go", text),
        // Not a program (key=value files, YAML with Home Assistant's own tags, C#): checked
        // by their golden files.
        _ => None,
    }
}
