//! Diagnosis: from a failed check or a pasted error message to a cause, an explanation in plain
//! words and the steps that fix it.
//!
//! Both kinds of evidence are reduced to one normalized symptom (`symptom`) and matched against
//! one ordered rule table (`rules`); `causes` gives each cause its steps, and its words from
//! `locales/<lang>/diagnosis.ftl`. What cannot be placed is `Cause::Unknown`, never a guess.
//!
//! PHPMailer's `SMTP Error: Could not authenticate.` and Nodemailer's bare `Invalid login` stay
//! unknown on purpose: both are said for every refused login (wrong password, account password
//! with 2-Step Verification, blocked sign-in), and only the server's reply tells them apart.
//! The same goes for `SMTP connect() failed` without the reason that follows it.

mod causes;
mod excerpt;
mod korean;
mod rules;
mod stack;
mod symptom;

use crate::address::EmailAddress;
use crate::i18n::{self, Arg, Lang};
use crate::oauth::OAuthError;
use crate::provider::GooglePage;
use crate::smtp::{CheckFailure, FailureKind, Reply, Stage};
use causes::Nuance;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};
use symptom::Symptom;

/// Why sending through Gmail failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    BadCredentials,
    AppPasswordRequired,
    WebLoginRequired,
    StarttlsRequired,
    AuthRequired,
    TooManyLogins,
    SendingLimit,
    TryAgainLater,
    OauthTokenRejected,
    OauthInvalidGrant,
    OauthAccessDenied,
    OauthAdminPolicy,
    OauthPolicyEnforced,
    OauthRedirectMismatch,
    OauthWrongScope,
    OauthNoRedirect,
    ConnectionRefused,
    ConnectionTimeout,
    ConnectionReset,
    DnsFailure,
    NetworkUnreachable,
    TlsUntrustedCertificate,
    TlsWrongMode,
    KeychainUnavailable,
    SecretMissing,
    InternalError,
    Unknown,
}

impl Cause {
    pub const ALL: [Cause; 27] = [
        Cause::BadCredentials,
        Cause::AppPasswordRequired,
        Cause::WebLoginRequired,
        Cause::StarttlsRequired,
        Cause::AuthRequired,
        Cause::TooManyLogins,
        Cause::SendingLimit,
        Cause::TryAgainLater,
        Cause::OauthTokenRejected,
        Cause::OauthInvalidGrant,
        Cause::OauthAccessDenied,
        Cause::OauthAdminPolicy,
        Cause::OauthPolicyEnforced,
        Cause::OauthRedirectMismatch,
        Cause::OauthWrongScope,
        Cause::OauthNoRedirect,
        Cause::ConnectionRefused,
        Cause::ConnectionTimeout,
        Cause::ConnectionReset,
        Cause::DnsFailure,
        Cause::NetworkUnreachable,
        Cause::TlsUntrustedCertificate,
        Cause::TlsWrongMode,
        Cause::KeychainUnavailable,
        Cause::SecretMissing,
        Cause::InternalError,
        Cause::Unknown,
    ];

    /// Stable identifier, the same as the JSON form: `"bad_credentials"`.
    pub fn id(self) -> &'static str {
        match self {
            Cause::BadCredentials => "bad_credentials",
            Cause::AppPasswordRequired => "app_password_required",
            Cause::WebLoginRequired => "web_login_required",
            Cause::StarttlsRequired => "starttls_required",
            Cause::AuthRequired => "auth_required",
            Cause::TooManyLogins => "too_many_logins",
            Cause::SendingLimit => "sending_limit",
            Cause::TryAgainLater => "try_again_later",
            Cause::OauthTokenRejected => "oauth_token_rejected",
            Cause::OauthInvalidGrant => "oauth_invalid_grant",
            Cause::OauthAccessDenied => "oauth_access_denied",
            Cause::OauthAdminPolicy => "oauth_admin_policy",
            Cause::OauthPolicyEnforced => "oauth_policy_enforced",
            Cause::OauthRedirectMismatch => "oauth_redirect_mismatch",
            Cause::OauthWrongScope => "oauth_wrong_scope",
            Cause::OauthNoRedirect => "oauth_no_redirect",
            Cause::ConnectionRefused => "connection_refused",
            Cause::ConnectionTimeout => "connection_timeout",
            Cause::ConnectionReset => "connection_reset",
            Cause::DnsFailure => "dns_failure",
            Cause::NetworkUnreachable => "network_unreachable",
            Cause::TlsUntrustedCertificate => "tls_untrusted_certificate",
            Cause::TlsWrongMode => "tls_wrong_mode",
            Cause::KeychainUnavailable => "keychain_unavailable",
            Cause::SecretMissing => "secret_missing",
            Cause::InternalError => "internal_error",
            Cause::Unknown => "unknown",
        }
    }

    pub fn from_id(id: &str) -> Option<Cause> {
        Cause::ALL.into_iter().find(|cause| cause.id() == id)
    }

    pub fn category(self) -> FailureCategory {
        match self {
            Cause::ConnectionRefused
            | Cause::ConnectionTimeout
            | Cause::ConnectionReset
            | Cause::DnsFailure
            | Cause::NetworkUnreachable => FailureCategory::Network,
            Cause::TlsUntrustedCertificate | Cause::TlsWrongMode => FailureCategory::Tls,
            Cause::BadCredentials
            | Cause::AppPasswordRequired
            | Cause::WebLoginRequired
            | Cause::AuthRequired
            | Cause::OauthTokenRejected
            | Cause::OauthInvalidGrant
            | Cause::OauthAccessDenied
            | Cause::OauthAdminPolicy
            | Cause::OauthPolicyEnforced
            | Cause::OauthRedirectMismatch
            | Cause::OauthWrongScope
            | Cause::OauthNoRedirect
            | Cause::TooManyLogins => FailureCategory::Authentication,
            Cause::KeychainUnavailable | Cause::SecretMissing => FailureCategory::Keychain,
            Cause::StarttlsRequired
            | Cause::SendingLimit
            | Cause::TryAgainLater
            | Cause::InternalError
            | Cause::Unknown => FailureCategory::Other,
        }
    }
}

/// Read back by id; an id this version does not know (written by a newer one) is `Unknown`.
impl<'de> Deserialize<'de> for Cause {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Cause, D::Error> {
        let id = String::deserialize(d)?;
        Ok(Cause::from_id(&id).unwrap_or(Cause::Unknown))
    }
}

/// The broad kind of a cause, e.g. for exit codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureCategory {
    Network,
    Tls,
    Authentication,
    Keychain,
    Other,
}

/// What the fix is about, for a front end to lead the person to the right place (the
/// window's page for it); neutral about which pages a front end has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FixTarget {
    /// The app password (or the secret that stands for it).
    Credential,
    /// The person's own OAuth client in Google Cloud (type, test users).
    #[serde(rename = "oauth_client")]
    OAuthClient,
    /// Signing in with Google again.
    SignIn,
    /// The network between this machine and the server.
    Network,
    /// The app's server settings: host, port, TLS mode.
    ServerSettings,
}

/// One thing to do. Front ends render each kind their own way: a page as a button (with its
/// address) or as an address, a re-check as a "Verify again" button or as a command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FixStep {
    /// Something to do, in words.
    Text { text: String },
    /// Something to do on a Google page.
    OpenPage { text: String, page: GooglePage },
    /// Check the account again once the steps above are done; `purpose` ends the sentence
    /// ("to confirm Gmail accepts it").
    Recheck { purpose: String },
    /// Have an app's or a page's own error text explained (`smtp-setup diagnose`, or the
    /// window's decoder).
    Decode { text: String },
    /// Put the new app password into the app that sends mail, in place of the old one.
    UseInApp,
}

impl FixStep {
    /// The step as one line of plain text, as a terminal shows it: pages by address, the
    /// re-check as the command to run for `user`.
    pub fn as_text(&self, user: Option<&EmailAddress>) -> String {
        self.as_text_in(i18n::current(), user)
    }

    /// The step as one line in `lang` (its own words were made in the language of the
    /// diagnosis; this adds the words around them, and the page's address in `lang`).
    pub fn as_text_in(&self, lang: Lang, user: Option<&EmailAddress>) -> String {
        match self {
            FixStep::Text { text } => text.clone(),
            FixStep::OpenPage { text, page } => format!("{text} {}", page.url_in(lang)),
            FixStep::Recheck { purpose } => {
                let user = user.map_or("you@gmail.com", EmailAddress::as_str);
                i18n::text_in(
                    lang,
                    "diag-step-recheck",
                    &[
                        ("user", Arg::from(user)),
                        ("purpose", Arg::from(purpose.as_str())),
                    ],
                )
            }
            FixStep::Decode { text } => i18n::text_in(
                lang,
                "diag-step-decode",
                &[("text", Arg::from(text.as_str()))],
            ),
            FixStep::UseInApp => i18n::text_in(lang, "diag-step-use-in-app", &[]),
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            FixStep::Text { .. } => "text",
            FixStep::OpenPage { .. } => "open_page",
            FixStep::Recheck { .. } => "recheck",
            FixStep::Decode { .. } => "decode",
            FixStep::UseInApp => "use_in_app",
        }
    }
}

/// What went wrong, why, and how to fix it. Serializes with `cause` as its id, a `category`
/// field, and each step as `{kind, text, page}` with `text` as a terminal shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnosis {
    pub cause: Cause,
    /// One line, e.g. "Gmail rejected the username or app password".
    pub title: String,
    /// Plain language, one to three sentences.
    pub explanation: String,
    /// Fix steps in order.
    pub steps: Vec<FixStep>,
    /// The Google page of the one primary action, when a page fixes it.
    pub page: Option<GooglePage>,
    /// What the fix is about, when it is one thing.
    pub target: Option<FixTarget>,
    /// The account the diagnosis is about, when known: the texts name it.
    pub user: Option<EmailAddress>,
    /// The server reply or error text the diagnosis was made from: one line, secrets redacted.
    pub evidence: Option<String>,
}

impl Diagnosis {
    /// The texts for a cause, without evidence.
    pub fn for_cause(cause: Cause) -> Diagnosis {
        causes::diagnosis(cause, None)
    }

    /// The texts for a cause, naming the account.
    pub fn for_cause_of(cause: Cause, user: &EmailAddress) -> Diagnosis {
        causes::diagnosis(cause, Some(user))
    }

    /// Gmail refused a new app password for `user` while the saved one still works: only the
    /// new password can be wrong. Keeps the refusal's evidence.
    pub fn refused_replacement(user: &EmailAddress, evidence: Option<String>) -> Diagnosis {
        Diagnosis {
            evidence,
            ..causes::refused_replacement(user)
        }
    }

    fn with(
        cause: Cause,
        nuance: Option<Nuance>,
        evidence: Option<String>,
        user: Option<&EmailAddress>,
    ) -> Diagnosis {
        let mut diagnosis = causes::diagnosis(cause, user);
        if let Some(nuance) = nuance {
            nuance.apply(&mut diagnosis);
        }
        diagnosis.evidence = evidence;
        diagnosis
    }
}

impl Serialize for Diagnosis {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Step<'a> {
            kind: &'static str,
            text: String,
            #[serde(skip_serializing_if = "Option::is_none")]
            page: Option<&'a GooglePage>,
        }
        let steps: Vec<Step> = self
            .steps
            .iter()
            .map(|step| Step {
                kind: step.kind(),
                text: step.as_text(self.user.as_ref()),
                page: match step {
                    FixStep::OpenPage { page, .. } => Some(page),
                    _ => None,
                },
            })
            .collect();
        let mut s = serializer.serialize_struct("Diagnosis", 8)?;
        s.serialize_field("cause", &self.cause)?;
        s.serialize_field("category", &self.cause.category())?;
        s.serialize_field("title", &self.title)?;
        s.serialize_field("explanation", &self.explanation)?;
        s.serialize_field("steps", &steps)?;
        s.serialize_field("page", &self.page)?;
        s.serialize_field("target", &self.target)?;
        s.serialize_field("evidence", &self.evidence)?;
        s.end()
    }
}

/// What a diagnosis is made from.
#[derive(Clone, Copy, Debug)]
pub enum Evidence<'a> {
    /// A failed check of this tool.
    Failure(&'a CheckFailure),
    /// A failed Google sign-in or token refresh of this tool.
    OAuth(&'a OAuthError),
    /// An error message pasted from any program, library or transcript.
    Text(&'a str),
}

/// Explains a failure or a pasted error message.
pub fn diagnose(evidence: Evidence<'_>) -> Diagnosis {
    diagnose_for(evidence, None)
}

/// Explains a failure of the account `user` (when known): the texts name the address, and
/// a re-check is for that account.
pub fn diagnose_for(evidence: Evidence<'_>, user: Option<&EmailAddress>) -> Diagnosis {
    match evidence {
        Evidence::Failure(failure) => from_failure(failure, user),
        Evidence::OAuth(error) => from_oauth(error, user),
        Evidence::Text(text) => from_text(text, user),
    }
}

/// A sign-in error carries its cause as data; only Google's own codes and network errors,
/// which are text from outside, go through the rules.
fn from_oauth(error: &OAuthError, user: Option<&EmailAddress>) -> Diagnosis {
    let evidence = excerpt::excerpt(&error.to_string(), None);
    let cause = match error {
        OAuthError::AccessDenied => Cause::OauthAccessDenied,
        OAuthError::Timeout(_) => Cause::OauthNoRedirect,
        OAuthError::WrongScope { .. } => Cause::OauthWrongScope,
        OAuthError::Google { code, description } => {
            let text = format!("{code} {}", description.as_deref().unwrap_or(""));
            let found = rules::classify(&Symptom::from_text(&text)).map(|m| m.cause);
            found
                .filter(|c| matches!(c.category(), FailureCategory::Authentication))
                .unwrap_or(Cause::Unknown)
        }
        OAuthError::Network(detail) => rules::classify(&Symptom::from_text(detail))
            .map(|m| m.cause)
            .filter(|c| {
                matches!(
                    c.category(),
                    FailureCategory::Network | FailureCategory::Tls
                )
            })
            .unwrap_or(Cause::Unknown),
        OAuthError::Client(_)
        | OAuthError::Insecure { .. }
        | OAuthError::Listener(_)
        | OAuthError::StateMismatch
        | OAuthError::MissingCode
        | OAuthError::NoRefreshToken => Cause::Unknown,
    };
    let nuance = (cause == Cause::Unknown).then_some(Nuance::SignInOther);
    Diagnosis::with(cause, nuance, evidence, user)
}

/// Most of a pasted text that is read, in bytes: its end, where logs put the error.
pub const MAX_TEXT: usize = 256 * 1024;

fn from_text(text: &str, user: Option<&EmailAddress>) -> Diagnosis {
    let text = tail(text, MAX_TEXT);
    let symptom = Symptom::from_text(text);
    let found = rules::classify(&symptom);
    let cause = found.map_or(Cause::Unknown, |m| m.cause);
    let evidence = excerpt::excerpt(text, found.map(|m| m.signal.text()));
    let mut diagnosis = Diagnosis::with(cause, rules::nuance(cause, &symptom), evidence, user);
    // A wrong TLS switch is set differently in each stack: name the setting of the one that
    // printed the error, first.
    if matches!(cause, Cause::TlsWrongMode | Cause::StarttlsRequired)
        && let Some(stack) = stack::of_text(text)
    {
        diagnosis.steps.insert(
            0,
            FixStep::Text {
                text: causes::stack_tls_fix(stack),
            },
        );
    }
    diagnosis
}

/// The part of a pasted text that is diagnosed: its last `MAX_TEXT` bytes, where an error
/// almost always is, starting on a char boundary.
pub fn diagnosed_part(text: &str) -> &str {
    tail(text, MAX_TEXT)
}

/// The last `max` bytes of `text` or fewer, starting on a char boundary.
fn tail(text: &str, max: usize) -> &str {
    let mut start = text.len().saturating_sub(max);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

fn from_failure(failure: &CheckFailure, user: Option<&EmailAddress>) -> Diagnosis {
    let symptom = Symptom::from_failure(failure);
    let found = rules::classify(&symptom).map(|m| m.cause);
    let cause = match failure.kind {
        // A timeout while resolving is the DNS server not answering.
        FailureKind::Timeout if failure.stage == Stage::Resolve => Cause::DnsFailure,
        FailureKind::Timeout => Cause::ConnectionTimeout,
        FailureKind::Refused => Cause::ConnectionRefused,
        FailureKind::Dns => Cause::DnsFailure,
        FailureKind::Unreachable => Cause::NetworkUnreachable,
        FailureKind::Certificate(_) => Cause::TlsUntrustedCertificate,
        FailureKind::WrongTlsMode => Cause::TlsWrongMode,
        // A handshake failure says little by itself; only trust a TLS reading of its detail.
        FailureKind::TlsHandshake => found
            .filter(|cause| cause.category() == FailureCategory::Tls)
            .unwrap_or(Cause::Unknown),
        FailureKind::Internal => Cause::InternalError,
        FailureKind::Reply
        | FailureKind::Closed
        | FailureKind::Unsupported
        | FailureKind::Protocol => found.unwrap_or(Cause::Unknown),
    };
    let nuance = match failure.kind {
        FailureKind::Certificate(problem) => Nuance::for_certificate(problem),
        FailureKind::Timeout if failure.stage > Stage::Connect => Some(Nuance::StalledAfterConnect),
        _ => rules::nuance(cause, &symptom),
    };
    let evidence = failure
        .reply
        .as_ref()
        .map_or_else(|| failure.detail.clone(), Reply::to_string);
    Diagnosis::with(cause, nuance, excerpt::excerpt(&evidence, None), user)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::smtp::{CertificateProblem, Route, TlsMode};

    #[test]
    fn the_diagnosed_part_is_cut_on_a_character_boundary() {
        let text = format!("{}{}", "한".repeat(MAX_TEXT), "535 5.7.8");
        let end = diagnosed_part(&text);
        assert!(end.len() <= MAX_TEXT && end.ends_with("535 5.7.8"));
        assert_eq!(diagnosed_part("short"), "short");
    }

    fn failure(
        stage: Stage,
        kind: FailureKind,
        reply: Option<&[&str]>,
        detail: &str,
    ) -> CheckFailure {
        CheckFailure {
            stage,
            route: Some(Route {
                host: "smtp.gmail.com".into(),
                port: 587,
                tls: TlsMode::Starttls,
            }),
            kind,
            reply: reply.map(|lines| {
                Reply::parse(&lines.iter().map(|l| l.to_string()).collect::<Vec<_>>())
                    .expect("valid reply")
            }),
            detail: detail.into(),
        }
    }

    #[test]
    fn ids_round_trip_and_match_serde() {
        for cause in Cause::ALL {
            assert_eq!(Cause::from_id(cause.id()), Some(cause));
            assert_eq!(
                serde_json::to_value(cause).unwrap(),
                serde_json::json!(cause.id())
            );
        }
        assert_eq!(Cause::from_id("nope"), None);
    }

    #[test]
    fn json_has_cause_id_and_category() {
        let d = diagnose(Evidence::Text(
            "535 5.7.8 https://support.google.com/mail/?p=BadCredentials",
        ));
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["cause"], "bad_credentials");
        assert_eq!(json["category"], "authentication");
        assert_eq!(json["target"], "credential");
        assert_eq!(json["steps"][4]["kind"], "recheck");
        assert_eq!(
            json["steps"][4]["text"],
            "Run `smtp-setup check --user you@gmail.com` to confirm Gmail accepts it."
        );
        assert_eq!(
            json["page"]["url"],
            "https://myaccount.google.com/apppasswords"
        );
    }

    #[test]
    fn reply_failure_uses_reply_rules() {
        let f = failure(
            Stage::Auth,
            FailureKind::Reply,
            Some(&[
                "534-5.7.9 Application-specific password required. For more information, go to",
                "534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor x - gsmtp",
            ]),
            "Gmail refused the login",
        );
        let d = diagnose(Evidence::Failure(&f));
        assert_eq!(d.cause, Cause::AppPasswordRequired);
        assert!(
            d.evidence
                .unwrap()
                .starts_with("534 5.7.9 Application-specific password required.")
        );
    }

    #[test]
    fn stalled_timeout_gets_its_own_explanation() {
        let f = failure(
            Stage::Greeting,
            FailureKind::Timeout,
            None,
            "no greeting within 10 s",
        );
        let d = diagnose(Evidence::Failure(&f));
        assert_eq!(d.cause, Cause::ConnectionTimeout);
        assert!(d.explanation.contains("went silent"));
        assert_eq!(d.evidence.as_deref(), Some("no greeting within 10 s"));
        let f = failure(
            Stage::Connect,
            FailureKind::Timeout,
            None,
            "connect timed out",
        );
        assert!(
            diagnose(Evidence::Failure(&f))
                .explanation
                .contains("firewall silently drops")
        );
    }

    #[test]
    fn certificate_problem_adapts_explanation() {
        let f = failure(
            Stage::Tls,
            FailureKind::Certificate(CertificateProblem::Expired),
            None,
            "expired",
        );
        assert!(
            diagnose(Evidence::Failure(&f))
                .explanation
                .contains("date and time")
        );
        let f = failure(
            Stage::Tls,
            FailureKind::Certificate(CertificateProblem::UntrustedIssuer),
            None,
            "x",
        );
        assert!(
            diagnose(Evidence::Failure(&f))
                .explanation
                .contains("antivirus")
        );
    }

    #[test]
    fn handshake_failure_is_unknown_unless_detail_says_wrong_mode() {
        let f = failure(
            Stage::Tls,
            FailureKind::TlsHandshake,
            None,
            "handshake failure",
        );
        assert_eq!(diagnose(Evidence::Failure(&f)).cause, Cause::Unknown);
        let f = failure(
            Stage::Tls,
            FailureKind::TlsHandshake,
            None,
            "received corrupt message of type InvalidContentType",
        );
        assert_eq!(diagnose(Evidence::Failure(&f)).cause, Cause::TlsWrongMode);
    }

    #[test]
    fn text_evidence_is_redacted() {
        let d = diagnose(Evidence::Text(
            "C: AUTH PLAIN AHlvdUBnbWFpbC5jb20Ac2VjcmV0\nS: 535-5.7.8 Username and Password not accepted.",
        ));
        assert_eq!(d.cause, Cause::BadCredentials);
        let evidence = d.evidence.unwrap();
        assert!(!evidence.contains("AHlvdUBnbWFpbC5jb20Ac2VjcmV0"));
        assert!(evidence.contains("<redacted>"));
    }
}
