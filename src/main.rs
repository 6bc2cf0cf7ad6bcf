//! smtp-setup: without a command it opens the setup window; with one it runs headless.

use smtp_setup::i18n::{self, Lang};
use smtp_setup::t;
use std::process::ExitCode;
use zeroize::Zeroizing;

mod cli;

fn main() -> ExitCode {
    // First, while this is the only thread: nothing below may see the password variable.
    let secrets = cli::Secrets {
        password: take_password_from_environment(),
    };
    report_panics_without_their_payload();
    // `--help` and clap's own errors are made while parsing, so their language is read from
    // the raw arguments first; the parsed `--lang` decides everything after.
    let os_locales = Lang::os_locales();
    let early = Lang::choose(cli::lang_in_raw_args().as_deref(), os_locales.clone())
        .or_else(|_| Lang::choose(None, os_locales.clone()))
        .unwrap_or(Lang::En);
    i18n::set(early);
    let args = cli::parse_args();
    let lang = match Lang::choose(args.lang.as_deref(), os_locales) {
        Ok(lang) => lang,
        Err(error) => {
            cli::console::warn(&t!("cli-failure", message = error.to_string()));
            return ExitCode::from(cli::exit::USAGE);
        }
    };
    i18n::set(lang);
    match args.command {
        Some(command) => cli::run(command, secrets),
        None => open_window(args.lang.is_some()),
    }
}

/// `SMTP_SETUP_PASSWORD`, read once and removed from the environment, so that no program
/// this one starts (a browser, `smtp-setup run`'s command) inherits it.
#[allow(unsafe_code)]
fn take_password_from_environment() -> Option<Zeroizing<String>> {
    const VARIABLE: &str = "SMTP_SETUP_PASSWORD";
    let value = std::env::var_os(VARIABLE)?;
    // SAFETY: called first thing in `main`, before any other thread exists, so no other code
    // reads or writes the environment at the same time.
    unsafe { std::env::remove_var(VARIABLE) };
    Some(Zeroizing::new(value.to_string_lossy().into_owned()))
}

/// A panic is a bug. Its message may quote a server's or a user's text (a pasted log line, a
/// reply), so only where it happened is printed, with what to report.
fn report_panics_without_their_payload() {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| {
                t!(
                    "cli-panic-place",
                    file = l.file(),
                    line = l.line().to_string()
                )
            })
            .unwrap_or_default();
        cli::console::warn(&t!(
            "cli-panic",
            version = env!("CARGO_PKG_VERSION"),
            place = place
        ));
    }));
}

#[cfg(feature = "gui")]
fn open_window(lang_asked: bool) -> ExitCode {
    match smtp_setup::gui::run(lang_asked) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            cli::console::warn(&t!("cli-no-window", error = error.to_string()));
            ExitCode::from(cli::exit::OTHER)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_window(_lang_asked: bool) -> ExitCode {
    let _ = cli::command().print_help();
    ExitCode::from(cli::exit::USAGE)
}
