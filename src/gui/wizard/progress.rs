//! Wizard progress that survives a restart: the step reached, the address and the mode.
//! Never the secret. Kept next to the account index as `wizard.toml`.

use super::flow::{Method, Mode, Step};
use serde::{Deserialize, Serialize};
use smtp_setup::accounts::index::write_private;
use std::path::{Path, PathBuf};

const FILE: &str = "wizard.toml";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub step: Option<Step>,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub method: Method,
}

#[derive(Clone)]
pub struct ProgressFile {
    path: PathBuf,
}

impl ProgressFile {
    pub fn in_dir(dir: &Path) -> ProgressFile {
        ProgressFile {
            path: dir.join(FILE),
        }
    }

    /// The saved progress; nothing (a fresh start) when it is missing or unreadable.
    pub fn load(&self) -> Progress {
        std::fs::read_to_string(&self.path)
            .ok()
            .and_then(|text| toml::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Best effort: losing the progress costs a few clicks, never data. Blocking: the wizard
    /// calls it on the worker.
    pub fn save(&self, progress: &Progress) {
        let Ok(text) = toml::to_string(progress) else {
            return;
        };
        let _ = write_private(&self.path, text.as_bytes());
    }

    pub fn clear(&self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_tolerates_garbage() {
        let dir = tempfile::tempdir().unwrap();
        let file = ProgressFile::in_dir(dir.path());
        assert_eq!(file.load(), Progress::default());
        let progress = Progress {
            step: Some(Step::AppPassword),
            address: "jane@gmail.com".into(),
            mode: Mode::Replace,
            method: Method::OAuth,
        };
        file.save(&progress);
        assert_eq!(file.load(), progress);
        std::fs::write(dir.path().join(FILE), "step = 42").unwrap();
        assert_eq!(file.load(), Progress::default());
    }
}
