//! The languages smtp-setup speaks and how one is chosen.

use unic_langid::LanguageIdentifier;

/// A language with a complete set of texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Ko,
}

/// A `--lang` or `SMTP_SETUP_LANG` value that names no language smtp-setup has.
#[derive(Debug, thiserror::Error)]
#[error("no texts for the language \"{given}\"; smtp-setup speaks: en (English), ko (한국어)")]
pub struct LangError {
    given: String,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The language's code in file names, settings and `--lang`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The language's name in itself, as a language menu lists it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ko => "한국어",
        }
    }

    /// Google's `hl` for its pages in this language.
    pub fn google_hl(self) -> &'static str {
        self.code()
    }

    pub(super) fn index(self) -> usize {
        self as usize
    }

    pub(super) fn identifier(self) -> LanguageIdentifier {
        let tag = match self {
            Lang::En => "en-US",
            Lang::Ko => "ko-KR",
        };
        tag.parse().unwrap_or_default()
    }

    /// Reads a locale as users and systems write it: `ko`, `ko-KR`, `ko_KR.UTF-8`, `en_US`,
    /// `English`. `C` and `POSIX` mean English.
    pub fn parse(locale: &str) -> Result<Lang, LangError> {
        let tag = locale
            .trim()
            .split(['.', '@'])
            .next()
            .unwrap_or_default()
            .replace('_', "-");
        let language = tag
            .parse::<LanguageIdentifier>()
            .map(|id| id.language.as_str().to_ascii_lowercase())
            .unwrap_or_else(|_| tag.to_ascii_lowercase());
        match language.as_str() {
            "en" | "english" | "c" | "posix" => Ok(Lang::En),
            "ko" | "korean" | "한국어" => Ok(Lang::Ko),
            _ => Err(LangError {
                given: crate::untrusted::inert_line(locale)
                    .chars()
                    .take(40)
                    .collect(),
            }),
        }
    }

    /// The language to use: the one asked for (`--lang`, then `SMTP_SETUP_LANG`), else the
    /// first of the OS's preferred locales smtp-setup speaks, else English. An asked-for
    /// language smtp-setup does not have is an error, not a silent English.
    pub fn choose(
        asked: Option<&str>,
        os_locales: impl IntoIterator<Item = String>,
    ) -> Result<Lang, LangError> {
        if let Some(asked) = asked.filter(|asked| !asked.trim().is_empty()) {
            return Lang::parse(asked);
        }
        Ok(os_locales
            .into_iter()
            .find_map(|locale| Lang::parse(&locale).ok())
            .unwrap_or(Lang::En))
    }

    /// The OS's preferred locales, most preferred first (`sys-locale`: `LANG`/`LC_*` on
    /// Linux, the user's languages on Windows and macOS).
    pub fn os_locales() -> Vec<String> {
        sys_locale::get_locales().collect()
    }
}
