//! What to tell a person for each cause. The words live in `locales/<lang>/diagnosis.ftl`,
//! keyed by `Cause::id()` (`diag-<id>-title`, `-explanation`, `-step-<n>`, `-recheck`); this
//! file says which steps each cause has, in which order, with which page. Steps are data
//! (`FixStep`): a front end shows a page as a button or an address, a re-check as a command
//! or a "Verify again" button; nothing here is written for one front end only.

use super::{Cause, Diagnosis, FixStep, FixTarget};
use crate::address::EmailAddress;
use crate::i18n::{self, Arg, Lang};
use crate::provider::{
    APP_PASSWORDS_PAGE, CONNECTIONS_PAGE, GooglePage, OAUTH_CLIENTS_PAGE, OAUTH_TEST_USERS_PAGE,
    SECURITY_ACTIVITY_PAGE, SENDING_LIMITS_PAGE, TWO_STEP_PAGE,
};
use crate::smtp::CertificateProblem;

/// The address the texts name where the person's own is not known.
const PLACEHOLDER_ADDRESS: &str = "you@gmail.com";

/// The texts of one cause (or nuance) in one language, naming one address.
struct Words<'a> {
    lang: Lang,
    /// `diag-<cause id>`, or `diag-nuance-<nuance>`.
    prefix: String,
    address: &'a str,
}

impl Words<'_> {
    fn text(&self, name: &str) -> String {
        i18n::text_in(
            self.lang,
            &format!("{}-{name}", self.prefix),
            &[("address", Arg::from(self.address))],
        )
    }

    fn say(&self, name: &str) -> FixStep {
        FixStep::Text {
            text: self.text(name),
        }
    }

    fn open(&self, name: &str, page: GooglePage) -> FixStep {
        FixStep::OpenPage {
            text: self.text(name),
            page,
        }
    }

    /// The re-check, its purpose from `-recheck`.
    fn recheck(&self) -> FixStep {
        FixStep::Recheck {
            purpose: self.text("recheck"),
        }
    }

    fn decode(&self, name: &str) -> FixStep {
        FixStep::Decode {
            text: self.text(name),
        }
    }
}

/// Which steps a cause has, with the primary page and what the fix is about.
struct Plan {
    steps: Vec<FixStep>,
    /// The page of the one primary action, when a page fixes it.
    page: Option<GooglePage>,
    target: Option<FixTarget>,
}

pub(super) fn diagnosis(cause: Cause, user: Option<&EmailAddress>) -> Diagnosis {
    diagnosis_in(i18n::current(), cause, user)
}

/// The diagnosis of `cause` with its texts in `lang`.
pub(super) fn diagnosis_in(lang: Lang, cause: Cause, user: Option<&EmailAddress>) -> Diagnosis {
    let words = Words {
        lang,
        prefix: format!("diag-{}", cause.id()),
        address: user.map_or(PLACEHOLDER_ADDRESS, EmailAddress::as_str),
    };
    let plan = plan(cause, user.is_some(), &words);
    Diagnosis {
        cause,
        title: words.text("title"),
        explanation: words.text("explanation"),
        steps: plan.steps,
        page: plan.page,
        target: plan.target,
        user: user.cloned(),
        evidence: None,
    }
}

/// Gmail refused a new app password while the saved one still works: the address and
/// 2-Step Verification are fine, so the new password itself is the one thing to fix.
pub(super) fn refused_replacement(user: &EmailAddress) -> Diagnosis {
    refused_replacement_in(i18n::current(), user)
}

pub(super) fn refused_replacement_in(lang: Lang, user: &EmailAddress) -> Diagnosis {
    let words = Words {
        lang,
        prefix: "diag-refused_replacement".to_string(),
        address: user.as_str(),
    };
    Diagnosis {
        cause: Cause::BadCredentials,
        title: words.text("title"),
        explanation: words.text("explanation"),
        steps: vec![
            words.open("step-1", APP_PASSWORDS_PAGE),
            words.say("step-2"),
        ],
        page: Some(APP_PASSWORDS_PAGE),
        target: Some(FixTarget::Credential),
        user: Some(user.clone()),
        evidence: None,
    }
}

/// The export format ids whose TLS switch has a text of its own.
const STACKS: [&str; 13] = [
    "django",
    "flask",
    "python",
    "phpmailer",
    "laravel",
    "wordpress",
    "nodemailer",
    "mailkit",
    "smtpclient",
    "spring",
    "rails",
    "go",
    "msmtp",
];

/// The TLS switch of the stack (an `export` format id) that printed a wrong-TLS-mode error.
pub(super) fn stack_tls_fix(stack: &str) -> String {
    stack_tls_fix_in(i18n::current(), stack)
}

fn stack_tls_fix_in(lang: Lang, stack: &str) -> String {
    let id = if STACKS.contains(&stack) {
        format!("diag-stack-{stack}")
    } else {
        "diag-stack-other".to_string()
    };
    let fix = i18n::text_in(lang, &id, &[]);
    i18n::text_in(
        lang,
        "diag-stack-export",
        &[("fix", Arg::from(fix)), ("stack", Arg::from(stack))],
    )
}

fn plan(cause: Cause, known: bool, w: &Words) -> Plan {
    // A step that names the person's address has a variant for when it is not known.
    let own = |name: &str| {
        if known {
            name.to_string()
        } else {
            format!("{name}-unknown")
        }
    };
    match cause {
        Cause::BadCredentials => Plan {
            steps: vec![
                w.say(&own("step-1")),
                w.open("step-2", TWO_STEP_PAGE),
                w.open("step-3", APP_PASSWORDS_PAGE),
                FixStep::UseInApp,
                w.recheck(),
            ],
            page: Some(APP_PASSWORDS_PAGE),
            target: Some(FixTarget::Credential),
        },
        Cause::AppPasswordRequired => Plan {
            steps: vec![
                w.open("step-1", APP_PASSWORDS_PAGE),
                FixStep::UseInApp,
                w.say("step-2"),
                w.recheck(),
            ],
            page: Some(APP_PASSWORDS_PAGE),
            target: Some(FixTarget::Credential),
        },
        Cause::WebLoginRequired => Plan {
            steps: vec![
                w.open("step-1", SECURITY_ACTIVITY_PAGE),
                w.say("step-2"),
                w.say("step-3"),
                w.recheck(),
            ],
            page: Some(SECURITY_ACTIVITY_PAGE),
            target: None,
        },
        Cause::StarttlsRequired => Plan {
            steps: vec![
                w.say("step-1"),
                w.say("step-2"),
                w.say("step-3"),
                w.recheck(),
            ],
            page: None,
            target: Some(FixTarget::ServerSettings),
        },
        Cause::AuthRequired => Plan {
            steps: vec![
                w.say("step-1"),
                w.open("step-2", APP_PASSWORDS_PAGE),
                w.recheck(),
            ],
            page: Some(APP_PASSWORDS_PAGE),
            target: Some(FixTarget::Credential),
        },
        Cause::TooManyLogins => Plan {
            steps: vec![
                w.say("step-1"),
                w.say("step-2"),
                w.say("step-3"),
                w.recheck(),
            ],
            page: None,
            target: None,
        },
        Cause::SendingLimit => Plan {
            steps: vec![
                w.say("step-1"),
                w.say("step-2"),
                w.say("step-3"),
                w.open("step-4", SENDING_LIMITS_PAGE),
            ],
            page: Some(SENDING_LIMITS_PAGE),
            target: None,
        },
        Cause::TryAgainLater => Plan {
            steps: vec![
                w.say("step-1"),
                w.say("step-2"),
                w.say("step-3"),
                w.recheck(),
            ],
            page: None,
            target: None,
        },
        Cause::OauthTokenRejected => Plan {
            steps: vec![
                w.say("step-1"),
                w.say("step-2"),
                w.say("step-3"),
                w.say("step-4"),
                w.recheck(),
            ],
            page: None,
            target: Some(FixTarget::SignIn),
        },
        Cause::OauthInvalidGrant => Plan {
            steps: vec![
                w.say("step-1"),
                w.open("step-2", OAUTH_TEST_USERS_PAGE),
                w.open("step-3", CONNECTIONS_PAGE),
                w.say("step-4"),
            ],
            page: Some(OAUTH_TEST_USERS_PAGE),
            target: Some(FixTarget::SignIn),
        },
        Cause::OauthAccessDenied => Plan {
            steps: vec![
                w.open(&own("step-1"), OAUTH_TEST_USERS_PAGE),
                w.say("step-2"),
            ],
            page: Some(OAUTH_TEST_USERS_PAGE),
            target: Some(FixTarget::OAuthClient),
        },
        Cause::OauthAdminPolicy => Plan {
            steps: vec![w.say("step-1"), w.say("step-2")],
            page: None,
            target: None,
        },
        Cause::OauthPolicyEnforced => Plan {
            steps: vec![w.say("step-1")],
            page: None,
            target: None,
        },
        Cause::OauthRedirectMismatch => Plan {
            steps: vec![w.open("step-1", OAUTH_CLIENTS_PAGE), w.say("step-2")],
            page: Some(OAUTH_CLIENTS_PAGE),
            target: Some(FixTarget::OAuthClient),
        },
        Cause::OauthWrongScope => Plan {
            steps: vec![w.say("step-1"), w.open("step-2", OAUTH_CLIENTS_PAGE)],
            page: Some(OAUTH_CLIENTS_PAGE),
            target: Some(FixTarget::SignIn),
        },
        Cause::OauthNoRedirect => Plan {
            steps: vec![w.say("step-1"), w.say("step-2"), w.decode("step-3")],
            page: None,
            target: Some(FixTarget::SignIn),
        },
        Cause::ConnectionRefused => Plan {
            steps: vec![
                w.say("step-1"),
                w.say("step-2"),
                w.say("step-3"),
                w.recheck(),
            ],
            page: None,
            target: Some(FixTarget::Network),
        },
        Cause::ConnectionTimeout => Plan {
            steps: vec![
                w.say("step-1"),
                w.say("step-2"),
                w.say("step-3"),
                w.recheck(),
            ],
            page: None,
            target: Some(FixTarget::Network),
        },
        Cause::ConnectionReset => Plan {
            steps: vec![w.say("step-1"), w.say("step-2"), w.recheck()],
            page: None,
            target: Some(FixTarget::Network),
        },
        Cause::DnsFailure => Plan {
            steps: vec![
                w.say("step-1"),
                w.say("step-2"),
                w.say("step-3"),
                w.recheck(),
            ],
            page: None,
            target: Some(FixTarget::Network),
        },
        Cause::NetworkUnreachable => Plan {
            steps: vec![
                w.say("step-1"),
                w.say("step-2"),
                w.say("step-3"),
                w.recheck(),
            ],
            page: None,
            target: Some(FixTarget::Network),
        },
        Cause::TlsUntrustedCertificate => Plan {
            steps: vec![
                w.say("step-1"),
                w.say("step-2"),
                w.say("step-3"),
                w.say("step-4"),
            ],
            page: None,
            target: Some(FixTarget::Network),
        },
        Cause::TlsWrongMode => Plan {
            steps: vec![w.say("step-1"), w.say("step-2"), w.recheck()],
            page: None,
            target: Some(FixTarget::ServerSettings),
        },
        Cause::KeychainUnavailable => Plan {
            steps: vec![w.say("step-1"), w.say("step-2"), w.recheck()],
            page: None,
            target: None,
        },
        Cause::SecretMissing => Plan {
            steps: vec![w.say("step-1"), w.say("step-2")],
            page: None,
            target: Some(FixTarget::Credential),
        },
        Cause::InternalError => Plan {
            steps: vec![w.recheck(), w.say("step-1")],
            page: None,
            target: None,
        },
        Cause::Unknown => Plan {
            steps: vec![w.recheck(), w.decode("step-1"), w.say("step-2")],
            page: None,
            target: None,
        },
    }
}

/// A more precise reading of a cause: same cause (and id), its own explanation and steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Nuance {
    CertificateExpired,
    CertificateWrongHost,
    /// Connected, then the server went silent (greeting, TLS or later).
    StalledAfterConnect,
    /// Gmail's `421 4.7.0 … (EHLO)`: the app's EHLO name was refused.
    EhloName,
    /// A Google sign-in that failed for a reason of its own (its message says which), not
    /// an SMTP reply.
    SignInOther,
}

impl Nuance {
    pub(super) fn for_certificate(problem: CertificateProblem) -> Option<Nuance> {
        match problem {
            CertificateProblem::Expired => Some(Nuance::CertificateExpired),
            CertificateProblem::WrongHost => Some(Nuance::CertificateWrongHost),
            CertificateProblem::UntrustedIssuer | CertificateProblem::Other => None,
        }
    }

    /// The nuance's name in its text ids: `diag-nuance-<key>-…`.
    fn key(self) -> &'static str {
        match self {
            Nuance::CertificateExpired => "certificate_expired",
            Nuance::CertificateWrongHost => "certificate_wrong_host",
            Nuance::StalledAfterConnect => "stalled_after_connect",
            Nuance::EhloName => "ehlo_name",
            Nuance::SignInOther => "sign_in_other",
        }
    }

    pub(super) fn apply(self, diagnosis: &mut Diagnosis) {
        self.apply_in(i18n::current(), diagnosis);
    }

    fn apply_in(self, lang: Lang, diagnosis: &mut Diagnosis) {
        let words = Words {
            lang,
            prefix: format!("diag-nuance-{}", self.key()),
            address: diagnosis
                .user
                .as_ref()
                .map_or(PLACEHOLDER_ADDRESS, EmailAddress::as_str),
        };
        let w = &words;
        diagnosis.explanation = w.text("explanation");
        diagnosis.steps = match self {
            Nuance::CertificateExpired | Nuance::CertificateWrongHost => vec![
                w.say("step-1"),
                w.say("step-2"),
                w.say("step-3"),
                w.say("step-4"),
            ],
            Nuance::StalledAfterConnect => vec![
                w.say("step-1"),
                w.say("step-2"),
                w.say("step-3"),
                w.recheck(),
            ],
            Nuance::EhloName => vec![w.say("step-1"), w.say("step-2"), w.recheck()],
            Nuance::SignInOther => vec![w.say("step-1"), w.open("step-2", OAUTH_CLIENTS_PAGE)],
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::GOOGLE_PAGES;

    const NUANCES: [Nuance; 5] = [
        Nuance::CertificateExpired,
        Nuance::CertificateWrongHost,
        Nuance::StalledAfterConnect,
        Nuance::EhloName,
        Nuance::SignInOther,
    ];

    /// Everything a person reads of a diagnosis in `lang`: title, explanation, each step as
    /// a terminal shows it, and the labels of the pages it opens.
    fn words_in(lang: Lang, d: &Diagnosis) -> String {
        let steps: Vec<String> = d
            .steps
            .iter()
            .map(|s| match s {
                FixStep::OpenPage { page, .. } => {
                    format!(
                        "{} {}",
                        s.as_text_in(lang, d.user.as_ref()),
                        page.label_in(lang)
                    )
                }
                _ => s.as_text_in(lang, d.user.as_ref()),
            })
            .collect();
        format!("{} {} {}", d.title, d.explanation, steps.join(" "))
    }

    fn words(d: &Diagnosis) -> String {
        words_in(Lang::En, d)
    }

    fn hangul(text: &str) -> bool {
        text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
    }

    /// Every diagnosis there is, in `lang`: each cause with and without an address, each
    /// nuance, the refused replacement.
    fn all_in(lang: Lang) -> Vec<Diagnosis> {
        let jane = EmailAddress::parse("jane@example.org").unwrap();
        let mut all = Vec::new();
        for cause in Cause::ALL {
            all.push(diagnosis_in(lang, cause, None));
            all.push(diagnosis_in(lang, cause, Some(&jane)));
        }
        for nuance in NUANCES {
            let mut d = diagnosis_in(lang, Cause::Unknown, Some(&jane));
            nuance.apply_in(lang, &mut d);
            all.push(d);
        }
        all.push(refused_replacement_in(lang, &jane));
        all
    }

    #[test]
    fn texts_are_complete_and_short() {
        for lang in Lang::ALL {
            for d in all_in(lang) {
                let cause = d.cause;
                assert!(!d.title.is_empty() && !d.title.contains('\n'), "{cause:?}");
                assert!(!d.explanation.is_empty(), "{cause:?}");
                assert!((1..=5).contains(&d.steps.len()), "{cause:?}");
                assert!(
                    d.steps
                        .iter()
                        .map(|s| s.as_text_in(lang, None))
                        .all(|s| !s.is_empty() && !s.contains('\n')),
                    "{cause:?}"
                );
                let all = words_in(lang, &d).to_lowercase();
                // An id shown instead of a text: a step or a page without its words.
                assert!(
                    !all.contains("diag-") && !all.contains("google-page-"),
                    "{all}"
                );
                assert!(
                    !all.contains("less secure app")
                        && !all.contains("보안 수준이 낮은 앱")
                        && !all.contains("displayunlockcaptcha"),
                    "{cause:?}"
                );
                assert!(!all.contains("  "), "{cause:?}: double space");
            }
        }
    }

    #[test]
    fn every_cause_has_its_own_texts_in_every_language() {
        for lang in Lang::ALL {
            for cause in Cause::ALL {
                for part in ["title", "explanation"] {
                    let id = format!("diag-{}-{part}", cause.id());
                    assert!(i18n::has(lang, &id), "{lang:?} lacks {id}");
                }
                let d = diagnosis_in(lang, cause, None);
                assert!(!d.steps.is_empty(), "{lang:?} {cause:?}");
            }
            for nuance in NUANCES {
                let id = format!("diag-nuance-{}-explanation", nuance.key());
                assert!(i18n::has(lang, &id), "{lang:?} lacks {id}");
            }
            for page in GOOGLE_PAGES {
                assert!(!page.label_in(lang).starts_with("google-page-"), "{page:?}");
            }
            for stack in STACKS.iter().chain(&["other"]) {
                let id = format!("diag-stack-{stack}");
                assert!(i18n::has(lang, &id), "{lang:?} lacks {id}");
            }
        }
    }

    #[test]
    fn korean_diagnoses_use_googles_korean_terms() {
        // Where the English names a thing on Google's pages, the Korean names it as
        // Google's Korean pages do.
        const TERMS: &[(&str, &str)] = &[
            ("app password", "앱 비밀번호"),
            ("2-step verification", "2단계 인증"),
            ("advanced protection", "고급 보호 프로그램"),
            ("recent security activity", "최근 보안 활동"),
            ("security key", "보안 키"),
            ("test user", "테스트 사용자"),
            ("consent screen", "동의 화면"),
            ("desktop app", "데스크톱 앱"),
            ("google workspace", "Google Workspace"),
            ("admin console", "관리 콘솔"),
            ("sending limit", "전송 한도"),
            ("sign in with google", "Google 계정으로"),
        ];
        let english = all_in(Lang::En);
        let korean = all_in(Lang::Ko);
        for (en, ko) in english.iter().zip(&korean) {
            let en_words = words(en).to_lowercase();
            let ko_words = words_in(Lang::Ko, ko);
            assert!(hangul(&ko.title) && hangul(&ko.explanation), "{ko_words}");
            for step in &ko.steps {
                assert!(hangul(&step.as_text_in(Lang::Ko, None)), "{step:?}");
            }
            for (term, korean_term) in TERMS {
                if en_words.contains(term) {
                    assert!(
                        ko_words.contains(korean_term),
                        "{:?}: English says {term:?}, Korean lacks {korean_term:?}: {ko_words}",
                        en.cause
                    );
                }
            }
            // The literals stay as they are: reply codes, hosts, scopes, addresses.
            for literal in [
                "535 5.7.8",
                "534 5.7.9",
                "smtp.gmail.com",
                "https://mail.google.com/",
            ] {
                if en_words.contains(literal) {
                    assert!(ko_words.contains(literal), "{:?} lacks {literal}", en.cause);
                }
            }
            assert_eq!(en.steps.len(), ko.steps.len(), "{:?}", en.cause);
            assert_eq!((en.page, en.target), (ko.page, ko.target), "{:?}", en.cause);
        }
    }

    #[test]
    fn pages_open_in_the_language_english_addresses_unchanged() {
        assert_eq!(
            APP_PASSWORDS_PAGE.url_in(Lang::En),
            "https://myaccount.google.com/apppasswords"
        );
        assert_eq!(
            APP_PASSWORDS_PAGE.url_in(Lang::Ko),
            "https://myaccount.google.com/apppasswords?hl=ko"
        );
        assert_eq!(
            APP_PASSWORDS_PAGE.label_in(Lang::En),
            "Open App passwords page"
        );
        assert_eq!(
            APP_PASSWORDS_PAGE.label_in(Lang::Ko),
            "앱 비밀번호 페이지 열기"
        );
        for page in GOOGLE_PAGES {
            let (en, ko) = (page.url_in(Lang::En), page.url_in(Lang::Ko));
            assert!(!en.contains("hl="), "{en}");
            assert!(ko.starts_with(&en) && ko.ends_with("hl=ko"), "{ko}");
            assert!(hangul(&page.label_in(Lang::Ko)), "{page:?}");
        }
        let step = &diagnosis_in(Lang::Ko, Cause::BadCredentials, None).steps[2];
        assert!(
            step.as_text_in(Lang::Ko, None)
                .ends_with(" https://myaccount.google.com/apppasswords?hl=ko"),
            "{step:?}"
        );
    }

    #[test]
    fn the_users_address_replaces_the_placeholder() {
        let jane = EmailAddress::parse("jane@example.org").unwrap();
        for lang in Lang::ALL {
            for cause in [
                Cause::BadCredentials,
                Cause::AuthRequired,
                Cause::OauthAccessDenied,
            ] {
                let all = words_in(lang, &diagnosis_in(lang, cause, Some(&jane)));
                assert!(all.contains("jane@example.org"), "{cause:?}: {all}");
                assert!(!all.contains("you@gmail.com"), "{cause:?}: {all}");
            }
        }
    }

    #[test]
    fn nuances_replace_explanation_and_steps() {
        for nuance in NUANCES {
            let mut d = diagnosis(Cause::Unknown, None);
            nuance.apply(&mut d);
            assert_ne!(d.explanation, diagnosis(Cause::Unknown, None).explanation);
            assert!((1..=5).contains(&d.steps.len()), "{nuance:?}");
            assert!(!words(&d).contains("  "));
        }
    }

    #[test]
    fn a_stack_names_its_own_switch_and_the_export_command() {
        let fix = stack_tls_fix_in(Lang::En, "django");
        assert!(fix.starts_with("In Django's settings: EMAIL_USE_SSL = True for port 465"));
        assert!(fix.ends_with("`smtp-setup export --format django` writes these settings."));
        assert!(stack_tls_fix_in(Lang::En, "cobol").starts_with("Match the app's TLS setting"));
        let fix = stack_tls_fix_in(Lang::Ko, "django");
        assert!(
            hangul(&fix) && fix.contains("EMAIL_USE_TLS = True"),
            "{fix}"
        );
        assert!(fix.contains("`smtp-setup export --format django`"), "{fix}");
    }
}
