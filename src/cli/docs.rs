//! Shell completions and man pages, made from the same clap definition as `--help` (so they
//! cannot drift from it), in the current language. The .deb ships the English ones
//! (scripts/package); a `cargo install` user makes their own with these commands.

use super::Failure;
use super::console::say_raw;
use clap_complete::Shell;
use smtp_setup::t;
use std::path::Path;

#[derive(clap::Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell.
    #[arg(value_name = "SHELL")]
    pub shell: Shell,
}

#[derive(clap::Args)]
pub struct ManArgs {
    /// Write smtp-setup.1 and a page per command (smtp-setup-check.1, …) into this folder
    /// instead of printing smtp-setup.1.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<std::path::PathBuf>,
}

/// Prints the completion script for the shell on standard output.
pub fn run_completions(args: CompletionsArgs) -> Result<u8, Failure> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut super::command(), "smtp-setup", &mut script);
    say_raw(&String::from_utf8_lossy(&script));
    Ok(0)
}

/// Prints the man page, or writes every page into `--out-dir`.
pub fn run_man(args: ManArgs) -> Result<u8, Failure> {
    let command = super::command();
    match args.out_dir {
        Some(dir) => write_pages(command, &dir)
            .map(|()| 0)
            .map_err(|error| Failure {
                message: t!(
                    "cli-man-write-failed",
                    dir = dir.display().to_string(),
                    error = error.to_string()
                ),
                code: super::exit::OTHER,
            }),
        None => {
            let mut page = Vec::new();
            // Writing into a Vec cannot fail.
            let _ = man(command).render(&mut page);
            say_raw(&String::from_utf8_lossy(&page));
            Ok(0)
        }
    }
}

fn man(command: clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(command).source(format!("smtp-setup {}", env!("CARGO_PKG_VERSION")))
}

/// The top page and one per command, nested ones too (smtp-setup-accounts-list.1), as
/// `clap_mangen::generate_to` names them. Its walk, not the function itself: that one gives a
/// command's page its own name as the source ("check "), so only the top page would carry the
/// version in its footer.
fn write_pages(command: clap::Command, dir: &Path) -> std::io::Result<()> {
    fn write(command: clap::Command, dir: &Path) -> std::io::Result<()> {
        for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
            write(sub.clone(), dir)?;
        }
        man(command).generate_to(dir).map(|_| ())
    }
    std::fs::create_dir_all(dir)?;
    let mut command = command.disable_help_subcommand(true);
    command.build();
    write(command, dir)
}
