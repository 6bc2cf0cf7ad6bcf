//! smtp-setup: without a command it opens the setup window; with one it runs headless.

use clap::Parser;
use smtp_setup::i18n::{self, Lang};
use std::process::ExitCode;
use zeroize::Zeroizing;

mod cli;

fn main() -> ExitCode {
    // First, while this is the only thread: nothing below may see the password variable.
    let secrets = cli::Secrets {
        password: take_password_from_environment(),
    };
    report_panics_without_their_payload();
    let args = cli::Args::parse();
    let lang = match Lang::choose(args.lang.as_deref(), Lang::os_locales()) {
        Ok(lang) => lang,
        Err(error) => {
            cli::console::warn(&error.to_string());
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
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        cli::console::warn(&format!(
            "smtp-setup {} hit an internal error{place}. This is a bug: please report it with \
             the command you ran (leave out any password). Nothing was saved by the step that \
             failed.",
            env!("CARGO_PKG_VERSION")
        ));
    }));
}

#[cfg(feature = "gui")]
fn open_window(lang_asked: bool) -> ExitCode {
    match smtp_setup::gui::run(lang_asked) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            cli::console::warn(&format!(
                "Cannot open the window: {error}\n\
                 A window needs a display and a graphics driver (on Debian: mesa-vulkan-drivers, \
                 or libegl1 and libgl1-mesa-dri). On a server, use the headless commands: \
                 smtp-setup --help"
            ));
            ExitCode::from(cli::exit::OTHER)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_window(_lang_asked: bool) -> ExitCode {
    use clap::CommandFactory;
    let _ = cli::Args::command().print_help();
    ExitCode::from(cli::exit::USAGE)
}
