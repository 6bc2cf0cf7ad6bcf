//! What the window remembers between runs that is not an account: the language chosen in its
//! menu. Kept in `preferences.toml` beside the account index; a missing or unreadable file is
//! no preference (it only ever holds a choice the person can make again).

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const PREFERENCES_FILE: &str = "preferences.toml";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    /// The language chosen in the window's menu.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Lang>,
}

impl Preferences {
    /// The preferences in `dir`; none when the file is missing, unreadable or not understood.
    pub fn load(dir: &Path) -> Preferences {
        std::fs::read_to_string(dir.join(PREFERENCES_FILE))
            .ok()
            .and_then(|text| toml::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Writes the preferences to `dir`, replacing the file at once.
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        let text = toml::to_string(self).map_err(std::io::Error::other)?;
        crate::accounts::index::write_private(&dir.join(PREFERENCES_FILE), text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_choice_survives_and_a_bad_file_is_no_choice() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Preferences::load(dir.path()), Preferences::default());
        let chosen = Preferences {
            language: Some(Lang::Ko),
        };
        chosen.save(dir.path()).unwrap();
        assert_eq!(Preferences::load(dir.path()), chosen);
        let text = std::fs::read_to_string(dir.path().join(PREFERENCES_FILE)).unwrap();
        assert_eq!(text.trim(), "language = \"ko\"");
        std::fs::write(
            dir.path().join(PREFERENCES_FILE),
            "language = \"klingon\"\x00",
        )
        .unwrap();
        assert_eq!(Preferences::load(dir.path()), Preferences::default());
    }
}
