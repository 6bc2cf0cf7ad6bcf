//! smtp-setup: without a command it opens the setup window; with one it runs headless.

use clap::Parser;
use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    match args.command {
        Some(command) => cli::run(command, args.verbose),
        None => open_window(),
    }
}

#[cfg(feature = "gui")]
fn open_window() -> ExitCode {
    match smtp_setup::gui::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!(
                "Cannot open the window: {error}\n\
                 A window needs a display and a graphics driver (on Debian: mesa-vulkan-drivers, \
                 or libegl1 and libgl1-mesa-dri). On a server, use the headless commands: \
                 smtp-setup --help"
            );
            ExitCode::from(cli::exit::OTHER)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_window() -> ExitCode {
    use clap::CommandFactory;
    let _ = cli::Args::command().print_help();
    ExitCode::from(cli::exit::USAGE)
}
