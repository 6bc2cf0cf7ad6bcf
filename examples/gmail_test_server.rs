//! Standalone fake Gmail SMTP server for benchmarks and manual testing.
//!
//! ```text
//! cargo run --example gmail_test_server -- --ca-out /tmp/ca.pem [--seconds 600]
//! ```
//!
//! One account: `bench@gmail.com` with app password `abcdefghijklmnop`.
//! Prints one JSON line `{"starttls_port":N,"implicit_port":M,"ca_file":"PATH"}`
//! on stdout, then runs until stdin reaches EOF or `--seconds` pass.
//! When stdin is `/dev/null` (e.g. a background job of a non-interactive
//! shell) it is ignored and only `--seconds` ends the run; `--ignore-stdin`
//! forces that.

// The server and its certificates, without the tests' other helpers (`pub`, as the example
// uses only part of their API).
#[path = "../tests/support/gmail_server.rs"]
pub mod gmail_server;
#[path = "../tests/support/oauth_server.rs"]
pub mod oauth_server;
#[path = "../tests/support/spawn.rs"]
pub mod spawn;
#[path = "../tests/support/test_certs.rs"]
pub mod test_certs;

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use gmail_server::{AccountMode, GmailServer, ServerConfig};

const USAGE: &str = "usage: gmail_test_server [--ca-out PATH] [--seconds N] [--ignore-stdin]";

struct Args {
    ca_out: Option<PathBuf>,
    seconds: u64,
    ignore_stdin: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        ca_out: None,
        seconds: 600,
        ignore_stdin: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |what: &str| {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{what} needs a value\n{USAGE}"))
        };
        match name.as_str() {
            "--ca-out" => args.ca_out = Some(PathBuf::from(value("--ca-out")?)),
            "--seconds" => {
                let v = value("--seconds")?;
                args.seconds = v
                    .parse()
                    .map_err(|_| format!("--seconds: not a number: {v}\n{USAGE}"))?;
            }
            "--ignore-stdin" => args.ignore_stdin = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(args)
}

/// True when stdin is /dev/null (reading it would end the run at once).
fn stdin_is_dev_null() -> bool {
    std::fs::read_link("/proc/self/fd/0").is_ok_and(|p| p == std::path::Path::new("/dev/null"))
}

fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };

    let server = GmailServer::start(ServerConfig::with_account(
        "bench@gmail.com",
        AccountMode::AppPassword("abcdefghijklmnop".into()),
    ));
    let ca_file = match &args.ca_out {
        Some(path) => {
            if let Err(e) = std::fs::write(path, &server.ca.pem) {
                eprintln!("cannot write {}: {e}", path.display());
                std::process::exit(1);
            }
            std::fs::canonicalize(path).unwrap_or_else(|_| path.clone())
        }
        None => server.ca.file.clone(),
    };
    // Written by hand to keep the key order stable.
    let line = format!(
        "{{\"starttls_port\":{},\"implicit_port\":{},\"ca_file\":{}}}",
        server.starttls_addr.port(),
        server.implicit_addr.port(),
        serde_json::Value::String(ca_file.to_string_lossy().into_owned()),
    );
    {
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "{line}");
        let _ = stdout.flush();
    }

    let (done_tx, done_rx) = mpsc::channel::<()>();
    // Without a stdin watcher, the sender is kept alive so that
    // recv_timeout only ends on the deadline.
    let _keep_sender = if !args.ignore_stdin && !stdin_is_dev_null() {
        std::thread::spawn(move || {
            let mut sink = [0u8; 1024];
            let mut stdin = std::io::stdin().lock();
            while matches!(stdin.read(&mut sink), Ok(n) if n > 0) {}
            let _ = done_tx.send(());
        });
        None
    } else {
        Some(done_tx)
    };
    let _ = done_rx.recv_timeout(Duration::from_secs(args.seconds));
    drop(server);
}
