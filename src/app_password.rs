//! Google app passwords: normalize what people paste, reject what cannot be one.

use crate::provider::APP_PASSWORD_LEN;
use crate::secret::Secret;
use std::fmt;
use zeroize::Zeroizing;

/// A syntactically valid app password: 16 lowercase ASCII letters.
#[derive(Clone, PartialEq, Eq)]
pub struct AppPassword(Secret);

/// Why a pasted text is not an app password. Each message tells what to do next.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AppPasswordError {
    #[error("{}", crate::t!("app-password-empty"))]
    Empty,
    #[error("{}", crate::t!("app-password-wrong-length", found = *.found))]
    WrongLength { found: usize },
    #[error("{}", crate::t!("app-password-invalid-characters", found = .found.as_str()))]
    InvalidCharacters { found: String },
    #[error("{}", crate::t!("app-password-account-password"))]
    LooksLikeAccountPassword,
}

impl AppPassword {
    /// Accepts spaces, tabs, non-breaking and zero-width spaces, line breaks and any letter case.
    pub fn parse(pasted: &str) -> Result<AppPassword, AppPasswordError> {
        let compact: Zeroizing<String> = Zeroizing::new(
            pasted
                .chars()
                .filter(|c| !is_paste_noise(*c))
                .flat_map(char::to_lowercase)
                .collect(),
        );
        if compact.is_empty() {
            return Err(AppPasswordError::Empty);
        }
        let letters = compact.chars().filter(|c| c.is_ascii_lowercase()).count();
        let others: Vec<char> = compact
            .chars()
            .filter(|c| !c.is_ascii_lowercase())
            .collect();
        if others.is_empty() {
            return if letters == APP_PASSWORD_LEN {
                Ok(AppPassword(Secret::new(compact.to_string())))
            } else {
                Err(AppPasswordError::WrongLength { found: letters })
            };
        }
        // Sixteen characters, or four groups of four, is a mistyped app password; anything
        // else with digits or symbols is most likely the account password.
        if compact.chars().count() == APP_PASSWORD_LEN || looks_grouped(pasted) {
            Err(AppPasswordError::InvalidCharacters {
                found: describe_characters(&others),
            })
        } else {
            Err(AppPasswordError::LooksLikeAccountPassword)
        }
    }

    /// The 16 letters, for the AUTH command and the keychain only.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }
}

impl fmt::Debug for AppPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AppPassword(<redacted>)")
    }
}

impl From<AppPassword> for Secret {
    fn from(password: AppPassword) -> Secret {
        password.0.clone()
    }
}

fn is_paste_noise(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

fn looks_grouped(pasted: &str) -> bool {
    let groups: Vec<&str> = pasted
        .split(is_paste_noise)
        .filter(|g| !g.is_empty())
        .collect();
    groups.len() == 4 && groups.iter().all(|g| g.chars().count() == 4)
}

/// "a digit", "the symbol '!'"... without echoing the whole secret.
fn describe_characters(others: &[char]) -> String {
    let digits = others.iter().filter(|c| c.is_ascii_digit()).count();
    let symbols = others.len() - digits;
    match (digits, symbols) {
        (0, n) => crate::t!("app-password-symbols", count = n),
        (d, 0) => crate::t!("app-password-digits", count = d),
        (d, s) => crate::t!("app-password-digits-and-symbols", digits = d, symbols = s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_people_paste() {
        for pasted in [
            "abcdefghijklmnop",
            "abcd efgh ijkl mnop",
            "abcd efgh ijkl mnop ",
            "abcd\u{00A0}efgh\u{00A0}ijkl\u{00A0}mnop",
            "\tabcd\tefgh ijkl mnop\n",
            "ABCD EFGH ijkl MnOp",
            "\u{200B}abcd efgh ijkl mnop",
        ] {
            let password = AppPassword::parse(pasted).unwrap();
            assert_eq!(password.expose(), "abcdefghijklmnop", "{pasted:?}");
        }
    }

    #[test]
    fn says_how_many_letters_were_found() {
        assert_eq!(
            AppPassword::parse("abcd efgh ijkl"),
            Err(AppPasswordError::WrongLength { found: 12 })
        );
        let message = AppPassword::parse("abcd efgh ijkl mnopq")
            .unwrap_err()
            .to_string();
        assert!(message.contains("found 17"), "{message}");
    }

    #[test]
    fn names_digits_and_symbols_without_echoing_them() {
        let err = AppPassword::parse("abcd efgh ijk1 mnop").unwrap_err();
        assert_eq!(
            err,
            AppPasswordError::InvalidCharacters {
                found: "1 digit".into()
            }
        );
        assert!(!err.to_string().contains("ijk1"));
    }

    #[test]
    fn spots_an_account_password() {
        for pasted in ["Summer2024!", "correct-horse-battery-staple-9", "P@ssw0rd"] {
            assert_eq!(
                AppPassword::parse(pasted),
                Err(AppPasswordError::LooksLikeAccountPassword),
                "{pasted}"
            );
        }
    }

    #[test]
    fn empty_and_blank_are_empty() {
        assert_eq!(AppPassword::parse(""), Err(AppPasswordError::Empty));
        assert_eq!(
            AppPassword::parse(" \u{00A0}\t"),
            Err(AppPasswordError::Empty)
        );
    }

    #[test]
    fn debug_hides_the_secret() {
        let password = AppPassword::parse("abcd efgh ijkl mnop").unwrap();
        assert_eq!(format!("{password:?}"), "AppPassword(<redacted>)");
    }
}
