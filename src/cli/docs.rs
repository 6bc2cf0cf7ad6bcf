//! Shell completions and man pages, made from the same clap definition as `--help` (so they
//! cannot drift from it), in the current language. The .deb ships the English ones
//! (scripts/package); a `cargo install` user makes their own with these commands.

use super::Failure;
use clap_complete::Shell;
use smtp_setup::t;
use std::io::Write;
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
    write_stdout(&script)
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
            write_stdout(&page)
        }
    }
}

fn man(command: clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(command).source(format!("smtp-setup {}", env!("CARGO_PKG_VERSION")))
}

/// The top page and one per command, nested ones too (smtp-setup-accounts-list.1), as
/// `clap_mangen::generate_to` names them, with the version in each page's footer.
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

/// A closed pipe (`smtp-setup man | head`) is not a failure worth a message.
fn write_stdout(bytes: &[u8]) -> Result<u8, Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(0),
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
        Err(error) => Err(Failure {
            message: error.to_string(),
            code: super::exit::OTHER,
        }),
    }
}
