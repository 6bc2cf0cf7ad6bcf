//! Runs the smtp-setup binary as a person or script would, bounded in time.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub struct CliRun {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `smtp-setup ARGS` with `stdin` piped in. `env`: `Some` sets a variable, `None`
/// removes it. `SMTP_SETUP_PASSWORD` is always cleared first.
pub fn run_cli(args: &[&str], stdin: &str, env: &[(&str, Option<&str>)]) -> CliRun {
    let mut command = Command::new(env!("CARGO_BIN_EXE_smtp-setup"));
    command.args(args).env_remove("SMTP_SETUP_PASSWORD");
    for (name, value) in env {
        match value {
            Some(value) => command.env(name, value),
            None => command.env_remove(name),
        };
    }
    CliRun::from(bounded_output(command, stdin))
}

impl From<std::process::Output> for CliRun {
    /// A finished process as text; `code` is -1 when a signal ended it.
    fn from(output: std::process::Output) -> CliRun {
        CliRun {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

fn read_all(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = String::new();
        pipe.read_to_string(&mut text).unwrap();
        text
    })
}

/// Runs a command with `stdin` piped in; killed (and the test failed) after 60 s.
pub fn bounded_output(mut command: Command, stdin: &str) -> std::process::Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let stdout = read_all(child.stdout.take().unwrap());
    let stderr = read_all(child.stderr.take().unwrap());
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("{command:?} did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    std::process::Output {
        status,
        stdout: stdout.join().unwrap().into_bytes(),
        stderr: stderr.join().unwrap().into_bytes(),
    }
}
