//! Mail providers other than Google that the preflight can name from a domain's MX hosts, with
//! the SMTP facts a person needs instead of Gmail's. Names are `provider::OTHER_PROVIDERS`'s.
//!
//! Sources (checked 2026-12): Microsoft's Outlook.com and Exchange Online SMTP settings and the
//! retirement of basic authentication for SMTP AUTH; Apple's iCloud Mail server settings
//! (app-specific password); Yahoo's app passwords under Account Security; Naver's and Daum's
//! mail settings (POP3/SMTP or IMAP/SMTP switched on, an app password with 2-step
//! verification).

use serde::Serialize;

/// How the provider's SMTP server is entered: TLS from the first byte, or STARTTLS.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Security {
    Starttls,
    ImplicitTls,
}

/// What an app logs in to the provider's SMTP server with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SmtpSignIn {
    #[serde(rename = "oauth_only")]
    /// A password is no longer taken (basic authentication retired): OAuth 2.0 only.
    OAuthOnly,
    /// An app password made on the provider's page, not the account's own password.
    AppPassword,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct SmtpPort {
    pub port: u16,
    pub security: Security,
}

/// A provider, how its MX hosts are named, and its SMTP facts.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct MailProvider {
    /// Stable id for `--json`.
    pub id: &'static str,
    /// As `provider::OTHER_PROVIDERS` names it (Microsoft 365 is the business service).
    pub name: &'static str,
    /// MX hosts at or under these names are the provider's.
    #[serde(skip)]
    pub mx_suffixes: &'static [&'static str],
    pub smtp_host: &'static str,
    pub ports: &'static [SmtpPort],
    pub sign_in: SmtpSignIn,
    /// The provider's page where the app password (or the SMTP setting) is made.
    pub page: &'static str,
    /// The Fluent id of its steps, in `mail_host.ftl`.
    #[serde(skip)]
    pub steps_id: &'static str,
}

const STARTTLS_587: SmtpPort = SmtpPort {
    port: 587,
    security: Security::Starttls,
};
const TLS_465: SmtpPort = SmtpPort {
    port: 465,
    security: Security::ImplicitTls,
};

pub static MICROSOFT_365: MailProvider = MailProvider {
    id: "microsoft_365",
    name: "Microsoft 365",
    mx_suffixes: &["mail.protection.outlook.com"],
    smtp_host: "smtp.office365.com",
    ports: &[STARTTLS_587],
    sign_in: SmtpSignIn::OAuthOnly,
    page: "https://learn.microsoft.com/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth",
    steps_id: "mx-steps-microsoft-365",
};

pub static OUTLOOK: MailProvider = MailProvider {
    id: "outlook",
    name: "Microsoft Outlook.com",
    mx_suffixes: &["olc.protection.outlook.com"],
    smtp_host: "smtp-mail.outlook.com",
    ports: &[STARTTLS_587],
    sign_in: SmtpSignIn::OAuthOnly,
    page: "https://support.microsoft.com/office/pop-imap-and-smtp-settings-for-outlook-com-d088b986-291d-42b8-9564-9c414e2aa040",
    steps_id: "mx-steps-outlook",
};

pub static ICLOUD: MailProvider = MailProvider {
    id: "icloud",
    name: "Apple iCloud Mail",
    mx_suffixes: &["mail.icloud.com"],
    smtp_host: "smtp.mail.me.com",
    ports: &[STARTTLS_587],
    sign_in: SmtpSignIn::AppPassword,
    page: "https://account.apple.com",
    steps_id: "mx-steps-icloud",
};

pub static YAHOO: MailProvider = MailProvider {
    id: "yahoo",
    name: "Yahoo Mail",
    mx_suffixes: &["yahoodns.net"],
    smtp_host: "smtp.mail.yahoo.com",
    ports: &[TLS_465, STARTTLS_587],
    sign_in: SmtpSignIn::AppPassword,
    page: "https://login.yahoo.com/account/security",
    steps_id: "mx-steps-yahoo",
};

pub static NAVER: MailProvider = MailProvider {
    id: "naver",
    name: "Naver Mail",
    mx_suffixes: &["naver.com"],
    smtp_host: "smtp.naver.com",
    ports: &[TLS_465, STARTTLS_587],
    sign_in: SmtpSignIn::AppPassword,
    page: "https://nid.naver.com/user2/help/2StepVerif?m=viewManageSettings",
    steps_id: "mx-steps-naver",
};

pub static DAUM: MailProvider = MailProvider {
    id: "daum",
    name: "Daum Mail",
    mx_suffixes: &["hanmail.net", "daum.net"],
    smtp_host: "smtp.daum.net",
    ports: &[TLS_465],
    sign_in: SmtpSignIn::AppPassword,
    page: "https://mail.daum.net",
    steps_id: "mx-steps-daum",
};

/// Every provider the preflight knows, most specific MX names first.
pub static PROVIDERS: [&MailProvider; 6] =
    [&MICROSOFT_365, &OUTLOOK, &ICLOUD, &YAHOO, &NAVER, &DAUM];

/// MX hosts at or under these names are Google's (Gmail and Google Workspace):
/// aspmx.l.google.com, alt1.aspmx.l.google.com…, smtp.google.com, and the old
/// aspmx2.googlemail.com.
pub const GOOGLE_MX_SUFFIXES: [&str; 2] = ["google.com", "googlemail.com"];

/// Whether `host` (lowercase, without the final dot) is `suffix` or a name under it.
pub fn is_under(host: &str, suffix: &str) -> bool {
    host == suffix
        || host
            .strip_suffix(suffix)
            .is_some_and(|rest| rest.ends_with('.'))
}

pub fn is_google_mx(host: &str) -> bool {
    GOOGLE_MX_SUFFIXES.iter().any(|s| is_under(host, s))
}

/// The provider whose MX host `host` is.
pub fn by_mx_host(host: &str) -> Option<&'static MailProvider> {
    PROVIDERS
        .iter()
        .copied()
        .find(|p| p.mx_suffixes.iter().any(|s| is_under(host, s)))
}

/// The provider whose own address domain `domain` is (by `provider::OTHER_PROVIDERS`, the
/// one list of those domains), when its facts are known here.
pub fn by_address_domain(domain: &str) -> Option<&'static MailProvider> {
    let name = crate::provider::other_provider(domain)?;
    PROVIDERS.iter().copied().find(|p| p.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mx_hosts_are_matched_by_whole_labels() {
        assert!(is_google_mx("aspmx.l.google.com"));
        assert!(is_google_mx("smtp.google.com"));
        assert!(is_google_mx("aspmx2.googlemail.com"));
        assert!(!is_google_mx("notgoogle.com"));
        assert!(!is_google_mx("aspmx.l.google.com.example.net"));
        assert_eq!(
            by_mx_host("example-com.mail.protection.outlook.com"),
            Some(&MICROSOFT_365)
        );
        assert_eq!(
            by_mx_host("outlook-com.olc.protection.outlook.com"),
            Some(&OUTLOOK)
        );
        assert_eq!(by_mx_host("mx01.mail.icloud.com"), Some(&ICLOUD));
        assert_eq!(by_mx_host("mta5.am0.yahoodns.net"), Some(&YAHOO));
        assert_eq!(by_mx_host("mx1.naver.com"), Some(&NAVER));
        assert_eq!(by_mx_host("mx2.hanmail.net"), Some(&DAUM));
        assert_eq!(by_mx_host("mail.example.net"), None);
    }

    #[test]
    fn names_and_domains_are_those_of_other_providers() {
        // Every provider but Microsoft 365 (a business service with no address domain of
        // its own) is named as `OTHER_PROVIDERS` names it, so its domains are known.
        for provider in PROVIDERS.iter().filter(|p| p.id != "microsoft_365") {
            let (_, domains) = crate::provider::OTHER_PROVIDERS
                .iter()
                .find(|(name, _)| *name == provider.name)
                .unwrap_or_else(|| panic!("{} is not in OTHER_PROVIDERS", provider.name));
            assert!(!domains.is_empty());
            for domain in *domains {
                assert_eq!(by_address_domain(domain), Some(*provider), "{domain}");
            }
        }
        assert_eq!(
            by_address_domain("kakao.com"),
            None,
            "no facts known for Kakao"
        );
    }
}
