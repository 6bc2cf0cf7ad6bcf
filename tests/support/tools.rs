//! The outside programs and stacks tests run (Python, curl, msmtp, swaks, Node…): found on
//! PATH or under `$SMTP_SETUP_STACKS`, where `scripts/test` installs them.

use std::path::PathBuf;

/// A tool or stack the test needs: its path, or None (and a note) where it is missing
/// outside CI. In CI a missing one fails the test.
pub fn needs(what: &str, found: Option<PathBuf>) -> Option<PathBuf> {
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{what} is missing: scripts/test installs it"
        );
        eprintln!("skipped: {what} is not installed (scripts/test installs it)");
    }
    found
}

pub fn on_path(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|path| path.is_file())
    })
}

/// A stack `scripts/stacks` installed (`python`: a venv, `node`: node_modules' parent).
pub fn stack(name: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("SMTP_SETUP_STACKS")?).join(name);
    dir.exists().then_some(dir)
}
