//! Email addresses and header text, checked before anything reaches the wire.

use crate::provider::{PERSONAL_DOMAINS, other_provider};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A checked email address: one `@`, a plausible local part and a dotted domain, no
/// characters that could start a new header or SMTP command.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct EmailAddress {
    address: String,
}

/// Personal Gmail, another provider's own address, or a custom domain (on Google Workspace if
/// its mail is Google's: the address alone cannot tell).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    PersonalGmail,
    /// An address of another provider (Outlook.com, iCloud…), by its name: not a Google account.
    OtherProvider(&'static str),
    /// Any other domain: Google Workspace if its mail is on Google.
    Workspace,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("{}", crate::t!("address-empty"))]
    Empty,
    #[error("{}", crate::t!("address-control-characters"))]
    ControlCharacters,
    #[error("{}", crate::t!("address-spaces"))]
    Spaces,
    #[error("{}", crate::t!("address-at-sign"))]
    AtSign,
    #[error("{}", crate::t!("address-empty-local-part"))]
    EmptyLocalPart,
    #[error("{}", crate::t!("address-domain", domain = .0.as_str()))]
    Domain(String),
    #[error("{}", crate::t!("address-invalid", address = .0.as_str()))]
    Invalid(String),
}

impl EmailAddress {
    pub fn parse(input: &str) -> Result<EmailAddress, AddressError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(AddressError::Empty);
        }
        if trimmed.chars().any(char::is_control) {
            return Err(AddressError::ControlCharacters);
        }
        if trimmed.chars().any(char::is_whitespace) {
            return Err(AddressError::Spaces);
        }
        let (local, domain) = match trimmed.split_once('@') {
            Some((l, d)) if !d.contains('@') => (l, d),
            _ => return Err(AddressError::AtSign),
        };
        if local.is_empty() {
            return Err(AddressError::EmptyLocalPart);
        }
        if !is_dotted_domain(domain) {
            return Err(AddressError::Domain(domain.to_string()));
        }
        // lettre applies the RFC 5321 grammar to the local part.
        let domain = domain.to_ascii_lowercase();
        lettre::Address::new(local, &domain)
            .map_err(|_| AddressError::Invalid(trimmed.to_string()))?;
        Ok(EmailAddress {
            address: format!("{local}@{domain}"),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.address
    }

    pub fn domain(&self) -> &str {
        self.address.rsplit_once('@').map_or("", |(_, d)| d)
    }

    pub fn kind(&self) -> AccountKind {
        if PERSONAL_DOMAINS.contains(&self.domain()) {
            AccountKind::PersonalGmail
        } else if let Some(name) = other_provider(self.domain()) {
            AccountKind::OtherProvider(name)
        } else {
            AccountKind::Workspace
        }
    }

    /// The personal Gmail address this one is likely a typo of: `jane@gmail.co`,
    /// `jane@gmial.com` and `jane@gmail.comxy` are most likely `jane@gmail.com`. None for
    /// Gmail's own domains and for other providers' real ones that look alike (mail.com,
    /// ymail.com, email.com).
    pub fn likely_meant(&self) -> Option<EmailAddress> {
        let domain = self.domain();
        if PERSONAL_DOMAINS.contains(&domain) || other_provider(domain).is_some() {
            return None;
        }
        let meant = PERSONAL_DOMAINS
            .iter()
            .copied()
            .find(|gmail| edit_distance(domain, gmail) <= 2)?;
        let local = self.address.rsplit_once('@').map_or("", |(l, _)| l);
        EmailAddress::parse(&format!("{local}@{meant}")).ok()
    }

    pub fn to_lettre(&self) -> lettre::Address {
        // Checked by lettre in `parse`.
        self.address
            .parse()
            .expect("address validated in EmailAddress::parse")
    }
}

/// Edits (insert, delete, substitute, swap two neighbours) between two ASCII-lowercase texts.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

fn is_dotted_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().all(char::is_alphabetic))
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.address)
    }
}

impl FromStr for EmailAddress {
    type Err = AddressError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EmailAddress::parse(s)
    }
}

/// Read back (from the account index) only if it is still a valid address.
impl TryFrom<String> for EmailAddress {
    type Error = AddressError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        EmailAddress::parse(&text)
    }
}

impl From<EmailAddress> for String {
    fn from(address: EmailAddress) -> String {
        address.address
    }
}

/// Text that goes into a header (the subject): one line, no control characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderText(String);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::t!("header-control-characters", field = *.field))]
pub struct HeaderTextError {
    pub field: &'static str,
}

impl HeaderText {
    pub fn parse(field: &'static str, text: &str) -> Result<HeaderText, HeaderTextError> {
        if text.chars().any(char::is_control) {
            return Err(HeaderTextError { field });
        }
        Ok(HeaderText(text.trim().to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_of_gmail_are_caught_and_real_lookalikes_are_not() {
        let meant = |address: &str| {
            EmailAddress::parse(address)
                .unwrap()
                .likely_meant()
                .map(|a| a.to_string())
        };
        for typo in [
            "jane@gmail.co",
            "jane@gmail.comxy",
            "jane@gmial.com",
            "jane@gamil.com",
            "jane@gmail.con",
            "jane@gmai.com",
        ] {
            assert_eq!(meant(typo).as_deref(), Some("jane@gmail.com"), "{typo}");
        }
        assert_eq!(
            meant("jane@googlemail.co").as_deref(),
            Some("jane@googlemail.com")
        );
        for fine in [
            "jane@gmail.com",
            "jane@googlemail.com",
            "jane@mail.com",
            "jane@ymail.com",
            "jane@email.com",
            "jane@example.org",
            "jane@gmx.net",
        ] {
            assert_eq!(meant(fine), None, "{fine}");
        }
    }

    #[test]
    fn tells_gmail_from_workspace() {
        let gmail = EmailAddress::parse(" Jane.Doe@GMail.com ").unwrap();
        assert_eq!(gmail.as_str(), "Jane.Doe@gmail.com");
        assert_eq!(gmail.kind(), AccountKind::PersonalGmail);
        let work = EmailAddress::parse("ops@example.org").unwrap();
        assert_eq!(work.kind(), AccountKind::Workspace);
        assert_eq!(
            EmailAddress::parse("x@googlemail.com").unwrap().kind(),
            AccountKind::PersonalGmail
        );
        for (address, name) in [
            ("jane@outlook.com", "Microsoft Outlook.com"),
            ("jane@hotmail.com", "Microsoft Outlook.com"),
            ("jane@icloud.com", "Apple iCloud Mail"),
            ("jane@naver.com", "Naver Mail"),
        ] {
            let kind = EmailAddress::parse(address).unwrap().kind();
            assert_eq!(kind, AccountKind::OtherProvider(name), "{address}");
        }
    }

    #[test]
    fn specific_messages_for_bad_addresses() {
        assert_eq!(EmailAddress::parse(""), Err(AddressError::Empty));
        assert_eq!(EmailAddress::parse("jane"), Err(AddressError::AtSign));
        assert_eq!(EmailAddress::parse("a@b@c.com"), Err(AddressError::AtSign));
        assert_eq!(
            EmailAddress::parse("@gmail.com"),
            Err(AddressError::EmptyLocalPart)
        );
        assert_eq!(
            EmailAddress::parse("jane doe@gmail.com"),
            Err(AddressError::Spaces)
        );
        assert_eq!(
            EmailAddress::parse("jane@gmail"),
            Err(AddressError::Domain("gmail".into()))
        );
        assert_eq!(
            EmailAddress::parse("jane@localhost"),
            Err(AddressError::Domain("localhost".into()))
        );
    }

    #[test]
    fn rejects_header_injection() {
        for input in [
            "jane@gmail.com\r\nBcc: victim@example.org",
            "jane@gmail.com\nRCPT TO:<x@y.com>",
            "jane@gmail.com\u{0}",
        ] {
            assert_eq!(
                EmailAddress::parse(input),
                Err(AddressError::ControlCharacters),
                "{input:?}"
            );
        }
        assert!(HeaderText::parse("subject", "hi\r\nBcc: x@y.com").is_err());
        assert_eq!(
            HeaderText::parse("subject", " Hello ").unwrap().as_str(),
            "Hello"
        );
    }
}
