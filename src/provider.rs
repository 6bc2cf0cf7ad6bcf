//! Facts about Gmail's SMTP service and Google's account pages, kept in one place.

use serde::Serialize;

/// Gmail's submission host.
pub const GMAIL_SMTP_HOST: &str = "smtp.gmail.com";
/// STARTTLS submission port: plain greeting, then STARTTLS before AUTH.
pub const STARTTLS_PORT: u16 = 587;
/// Implicit TLS port: TLS from the first byte.
pub const IMPLICIT_TLS_PORT: u16 = 465;
/// Domains of personal Google accounts; any other domain on Google is Google Workspace.
pub const PERSONAL_DOMAINS: [&str; 2] = ["gmail.com", "googlemail.com"];
/// Mail providers other than Google, by the domains of their own addresses: an address there
/// is not a Google account, so Gmail's SMTP settings and Google's pages cannot help it.
/// Workspace custom domains are not listed here; only the big consumer services are.
pub const OTHER_PROVIDERS: &[(&str, &[&str])] = &[
    (
        "Microsoft Outlook.com",
        &[
            "outlook.com",
            "hotmail.com",
            "live.com",
            "msn.com",
            "hotmail.co.uk",
            "outlook.kr",
        ],
    ),
    (
        "Yahoo Mail",
        &[
            "yahoo.com",
            "ymail.com",
            "yahoo.co.kr",
            "yahoo.co.uk",
            "rocketmail.com",
        ],
    ),
    ("Apple iCloud Mail", &["icloud.com", "me.com", "mac.com"]),
    ("AOL Mail", &["aol.com"]),
    ("Naver Mail", &["naver.com"]),
    ("Daum Mail", &["daum.net", "hanmail.net"]),
    ("Kakao Mail", &["kakao.com"]),
    ("Proton Mail", &["proton.me", "protonmail.com", "pm.me"]),
    ("GMX", &["gmx.com", "gmx.net", "gmx.de"]),
    ("mail.com", &["mail.com", "email.com"]),
    ("Yandex Mail", &["yandex.com", "yandex.ru"]),
    ("Zoho Mail", &["zoho.com", "zohomail.com"]),
    ("Fastmail", &["fastmail.com"]),
    ("QQ Mail", &["qq.com"]),
    ("NetEase Mail", &["163.com", "126.com"]),
];

/// The provider whose own domain `domain` is, if it is one of `OTHER_PROVIDERS`.
pub fn other_provider(domain: &str) -> Option<&'static str> {
    OTHER_PROVIDERS
        .iter()
        .find(|(_, domains)| domains.contains(&domain))
        .map(|(name, _)| *name)
}

/// Messages a day Gmail lets a personal account send (the figure Google's help commonly
/// gives; the limit is over a rolling 24 hours).
pub const PERSONAL_DAILY_LIMIT: u32 = 500;
/// Messages a day for a Google Workspace account (rolling 24 hours).
pub const WORKSPACE_DAILY_LIMIT: u32 = 2_000;
/// Recipients Gmail accepts in one message.
pub const MAX_RECIPIENTS: usize = 100;
/// The SIZE Gmail advertises, in bytes (35 MB).
pub const MAX_MESSAGE_SIZE: usize = 35_882_577;

/// The daily sending limit for the account's kind.
pub fn daily_limit(address: &crate::address::EmailAddress) -> u32 {
    if PERSONAL_DOMAINS.contains(&address.domain()) {
        PERSONAL_DAILY_LIMIT
    } else {
        WORKSPACE_DAILY_LIMIT
    }
}

/// Letters in an app password (shown by Google as four groups of four).
pub const APP_PASSWORD_LEN: usize = 16;
/// OAuth scope needed for SMTP (`gmail.send` is not enough).
pub const GMAIL_OAUTH_SCOPE: &str = "https://mail.google.com/";

/// A Google web page the user may need to open, with a button label. Both follow the
/// language: the label is a text, and the address asks Google for its page in that
/// language (`hl=ko`); English addresses are the plain ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GooglePage {
    /// The text id of the button's label (`locales/*/diagnosis.ftl`).
    label_id: &'static str,
    /// The address as Google gives it, without a language.
    address: &'static str,
}

impl GooglePage {
    /// The button's label in the current language.
    pub fn label(&self) -> String {
        self.label_in(crate::i18n::current())
    }

    pub fn label_in(&self, lang: crate::i18n::Lang) -> String {
        crate::i18n::text_in(lang, self.label_id, &[])
    }

    /// The address to open or print, in the current language.
    pub fn url(&self) -> String {
        self.url_in(crate::i18n::current())
    }

    /// The address in `lang`: English is the page's own address, any other language adds
    /// Google's `hl` for it.
    pub fn url_in(&self, lang: crate::i18n::Lang) -> String {
        match lang {
            crate::i18n::Lang::En => self.address.to_string(),
            lang => {
                let separator = if self.address.contains('?') { '&' } else { '?' };
                format!("{}{separator}hl={}", self.address, lang.google_hl())
            }
        }
    }
}

/// `{label, url}` in the current language, as the JSON output shows a page.
impl Serialize for GooglePage {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("GooglePage", 2)?;
        s.serialize_field("label", &self.label())?;
        s.serialize_field("url", &self.url())?;
        s.end()
    }
}

pub const SECURITY_PAGE: GooglePage = GooglePage {
    label_id: "google-page-security",
    address: "https://myaccount.google.com/security",
};
pub const TWO_STEP_PAGE: GooglePage = GooglePage {
    label_id: "google-page-two-step",
    address: "https://myaccount.google.com/signinoptions/two-step-verification",
};
pub const APP_PASSWORDS_PAGE: GooglePage = GooglePage {
    label_id: "google-page-app-passwords",
    address: "https://myaccount.google.com/apppasswords",
};
pub const SECURITY_ACTIVITY_PAGE: GooglePage = GooglePage {
    label_id: "google-page-security-activity",
    address: "https://myaccount.google.com/notifications",
};
pub const CONNECTIONS_PAGE: GooglePage = GooglePage {
    label_id: "google-page-connections",
    address: "https://myaccount.google.com/connections",
};
pub const OAUTH_CLIENTS_PAGE: GooglePage = GooglePage {
    label_id: "google-page-oauth-clients",
    address: "https://console.cloud.google.com/auth/clients",
};
pub const OAUTH_TEST_USERS_PAGE: GooglePage = GooglePage {
    label_id: "google-page-oauth-test-users",
    address: "https://console.cloud.google.com/auth/audience",
};
pub const SENDING_LIMITS_PAGE: GooglePage = GooglePage {
    label_id: "google-page-sending-limits",
    address: "https://support.google.com/a/answer/166852",
};

/// Every page above, for tests that check each one.
pub const GOOGLE_PAGES: [GooglePage; 8] = [
    SECURITY_PAGE,
    TWO_STEP_PAGE,
    APP_PASSWORDS_PAGE,
    SECURITY_ACTIVITY_PAGE,
    CONNECTIONS_PAGE,
    OAUTH_CLIENTS_PAGE,
    OAUTH_TEST_USERS_PAGE,
    SENDING_LIMITS_PAGE,
];
