//! The rule table: which signals in a symptom point to which cause.
//!
//! Rules are tried in order and the first match wins, so the most specific come first: OAuth
//! before the 535 it ends in, `Must issue a STARTTLS command first` before the generic
//! 530 5.7.0, `Too many login attempts, please try again later` before `try again later`.
//! Phrases are written in normalized form (lowercase, no quotes, single spaces); a test
//! checks that. No rule matches on a bare generic word ("error", "failed", "authentication").
//! Localized texts are written here only for languages without a table of their own; Korean
//! ones are read through their English originals (`korean`).

use super::Cause;
use super::causes::Nuance;
use super::symptom::Symptom;
use crate::smtp::CertificateProblem;
use Signal::{Code as C, Phrase as P};

/// One piece of evidence a rule looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Signal {
    /// A substring of the normalized text.
    Phrase(&'static str),
    /// A reply code ("535") or enhanced status code ("5.7.8") in a reply position.
    Code(&'static str),
}

impl Signal {
    fn is_in(self, symptom: &Symptom) -> bool {
        match self {
            Signal::Phrase(phrase) => symptom.has_phrase(phrase),
            Signal::Code(code) => symptom.has_code(code),
        }
    }

    /// The text to look for when picking the evidence excerpt.
    pub(super) fn text(self) -> &'static str {
        match self {
            Signal::Phrase(text) | Signal::Code(text) => text,
        }
    }
}

/// A cause and the signal sets that prove it: any one set, with all its signals present.
struct Rule {
    cause: Cause,
    any_of: &'static [&'static [Signal]],
}

const RULES: &[Rule] = &[
    // smtp-setup's own messages, as they reach a log or a cron mail and get pasted back.
    Rule {
        cause: Cause::InternalError,
        any_of: &[&[P("smtp-setup"), P("hit an internal error")]],
    },
    Rule {
        cause: Cause::SecretMissing,
        any_of: &[&[P("the keychain has no password stored for")]],
    },
    Rule {
        cause: Cause::OauthNoRedirect,
        any_of: &[&[P("no answer from the browser within")]],
    },
    Rule {
        cause: Cause::KeychainUnavailable,
        any_of: &[
            &[P("no keychain is available")],
            &[P("the keychain is locked")],
            // D-Bus when no Secret Service runs (secret-tool, Python's keyring, keyring-rs).
            &[P("org.freedesktop.secrets was not provided")],
            // Python's keyring with no backend at all (NoKeyringError).
            &[P("no recommended backend was available")],
        ],
    },
    // OAuth first: a rejected XOAUTH2 token ends in the same 535 5.7.8 as a wrong password.
    // Google's sign-in errors carry their code ("Error 400: admin_policy_enforced").
    Rule {
        cause: Cause::OauthAdminPolicy,
        any_of: &[&[P("admin_policy_enforced")]],
    },
    Rule {
        cause: Cause::OauthPolicyEnforced,
        any_of: &[&[P("policy_enforced")]],
    },
    Rule {
        cause: Cause::OauthRedirectMismatch,
        any_of: &[&[P("redirect_uri_mismatch")]],
    },
    Rule {
        cause: Cause::OauthWrongScope,
        any_of: &[
            &[P("invalid_scope")],
            &[P("insufficient authentication scopes")],
        ],
    },
    Rule {
        cause: Cause::OauthAccessDenied,
        any_of: &[
            &[P("access_denied")],
            &[P("has not completed the google verification process")],
        ],
    },
    Rule {
        cause: Cause::OauthInvalidGrant,
        any_of: &[
            &[P("invalid_grant")],
            &[P("token has been expired or revoked")],
        ],
    },
    Rule {
        cause: Cause::OauthTokenRejected,
        any_of: &[
            // Base64 of `{"status":`, the start of Gmail's 334 XOAUTH2 error challenge.
            &[P("eyjzdgf0dxmioi")],
            // The same challenge, decoded.
            &[P("schemes"), P("bearer")],
            // A transcript where AUTH XOAUTH2/OAUTHBEARER was refused.
            &[P("auth xoauth2"), C("535")],
            &[P("auth xoauth2"), C("5.7.8")],
            &[P("auth oauthbearer"), C("5.7.8")],
        ],
    },
    // Gmail's reply wordings, old and new, then their codes.
    Rule {
        cause: Cause::StarttlsRequired,
        any_of: &[
            &[P("must issue a starttls command first")],
            // Python's login() before starttls(): Gmail offers AUTH only inside TLS.
            &[P("smtp auth extension not supported by server")],
        ],
    },
    Rule {
        cause: Cause::WebLoginRequired,
        any_of: &[
            &[P("please log in via your web browser")],
            &[P("please log in with your web browser")],
            &[P("webloginrequired")],
            &[P("answer/78754")],
            &[P("accounts.google.com/signin/continue")],
            &[C("5.7.14")],
        ],
    },
    Rule {
        cause: Cause::AppPasswordRequired,
        any_of: &[
            &[P("application-specific password required")],
            &[P("invalidsecondfactor")],
            &[C("5.7.9")],
        ],
    },
    Rule {
        cause: Cause::BadCredentials,
        any_of: &[
            &[P("username and password not accepted")],
            &[P("badcredentials")],
            &[C("5.7.8")],
            &[C("535")],
            // curl's code for a refused AUTH.
            &[P("curl: (67) login denied")],
        ],
    },
    Rule {
        cause: Cause::AuthRequired,
        any_of: &[
            &[P("wantautherror")],
            &[C("5.7.0"), P("authentication required")],
            // The 2013 wording, still quoted in .NET answers.
            &[C("5.5.1"), P("authentication required")],
            &[C("530"), P("authentication required")],
            // Nodemailer with no user or password configured.
            &[P("missing credentials for")],
        ],
    },
    Rule {
        cause: Cause::TooManyLogins,
        any_of: &[&[P("too many login attempts")], &[P("answer/7126229")]],
    },
    Rule {
        cause: Cause::SendingLimit,
        any_of: &[
            &[P("daily user sending limit exceeded")],
            &[P("sending quota exceeded")],
            &[P("answer/166852")],
            &[C("5.4.5")],
        ],
    },
    Rule {
        cause: Cause::TryAgainLater,
        any_of: &[&[P("try again later")], &[P("temporary system problem")]],
    },
    // TLS: the library's own words, as OpenSSL, Java, Go, .NET and rustls put them.
    Rule {
        cause: Cause::TlsWrongMode,
        any_of: &[
            &[P("wrong version number")],
            &[P("wrong_version_number")],
            &[P("unrecognized ssl message")],
            &[P("first record does not look like a tls handshake")],
            &[P("oversized record received")],
            // OpenSSL 1.0's SSL23 client and Python's name for it.
            &[P(":unknown protocol")],
            &[P("unknown_protocol")],
            // .NET's SslStream and rustls reading a plain-text greeting as TLS.
            &[P("unexpected packet format")],
            &[P("invalidcontenttype")],
        ],
    },
    Rule {
        cause: Cause::TlsUntrustedCertificate,
        any_of: &[
            &[P("self signed certificate")],
            &[P("self-signed certificate")],
            &[P("self_signed_cert_in_chain")],
            &[P("depth_zero_self_signed_cert")],
            &[P("unable to verify the first certificate")],
            &[P("unable_to_verify_leaf_signature")],
            &[P("unable to get local issuer certificate")],
            &[P("certificate_verify_failed")],
            &[P("certificate verify failed")],
            &[P("pkix path building failed")],
            &[P("unable to find valid certification path")],
            &[P("certificate signed by unknown authority")],
            &[P("x509: certificate")],
            &[P("certificate has expired")],
            &[P("cert_has_expired")],
            &[P("err_tls_cert_altname_invalid")],
            &[P("certificates altnames")],
            &[P("certificate is not valid for")],
            &[P("no subject alternative")],
            &[P("certificateexpiredexception")],
            &[P("remote certificate is invalid")],
            &[P("remotecertificatenamemismatch")],
            &[P("remotecertificatechainerrors")],
            &[P("invalid peer certificate")],
            &[P("ssl certificate problem")],
        ],
    },
    // Network: errno names and messages from libc, Windows, Java, Go, Node and curl.
    Rule {
        cause: Cause::DnsFailure,
        any_of: &[
            &[P("enotfound")],
            &[P("eai_again")],
            &[P("gaierror")],
            &[P("no such host")],
            &[P("name or service not known")],
            &[P("nodename nor servname provided")],
            &[P("temporary failure in name resolution")],
            &[P("no address associated with hostname")],
            &[P("failed to lookup address information")],
            &[P("getaddrinfo failed")],
            &[P("could not resolve host")],
            &[P("unknownhostexception")],
            &[P("unknown smtp host")],
            &[P("dial tcp: lookup")],
            // EAI_AGAIN as musl libc words it.
            &[P("[errno -3] try again")],
        ],
    },
    Rule {
        cause: Cause::NetworkUnreachable,
        any_of: &[
            &[P("network is unreachable")],
            &[P("host is unreachable")],
            &[P("no route to host")],
            &[P("enetunreach")],
            &[P("ehostunreach")],
            // .NET: "A socket operation was attempted to an unreachable network/host".
            &[P("unreachable network")],
            &[P("unreachable host")],
            &[P("winerror 10051")],
            &[P("winerror 10065")],
            &[P("os error 10051")],
            &[P("os error 10065")],
        ],
    },
    // Before timeouts: "Connection unexpectedly closed: … reset by peer" is a reset.
    Rule {
        cause: Cause::ConnectionReset,
        any_of: &[
            &[P("connection reset")],
            &[P("econnreset")],
            &[P("forcibly closed by the remote host")],
            &[P("wsaeconnreset")],
            &[P("winerror 10054")],
            &[P("errno 10054")],
            &[P("os error 10054")],
            // WSAECONNRESET on Chinese Windows (Korean texts: `korean`).
            &[P("远程主机强迫关闭了一个现有的连接")],
        ],
    },
    Rule {
        cause: Cause::ConnectionTimeout,
        any_of: &[
            &[P("timed out")],
            &[P("etimedout")],
            &[P("i/o timeout")],
            &[P("connection timeout")],
            &[P("timeouterror")],
            &[P("greeting never received")],
            // Windows WSAETIMEDOUT (10060), in English and as others translate it (Korean:
            // `korean`).
            &[P("did not properly respond after a period of time")],
            &[P("winerror 10060")],
            &[P("errno 10060")],
            &[P("os error 10060")],
            &[P("(10060)")],
            &[P("没有正确答复")],
            &[P("no respondió adecuadamente")],
            // Back-translations of the Russian text people post.
            &[P("response was not received")],
            // emailjs.
            &[P("timedout while connecting")],
            &[P("curl: (28)")],
        ],
    },
    // Last: curl's "(7) Failed to connect" also covers timeouts and unreachable hosts, which
    // the rules above catch when curl names the reason.
    Rule {
        cause: Cause::ConnectionRefused,
        any_of: &[
            &[P("connection refused")],
            &[P("econnrefused")],
            &[P("actively refused")],
            &[P("winerror 10061")],
            &[P("errno 10061")],
            &[P("os error 10061")],
            // WSAECONNREFUSED on Chinese and Spanish Windows (Korean: `korean`), and the
            // English back-translations of the Chinese text.
            &[P("积极拒绝")],
            &[P("denegó expresamente")],
            &[P("rejection by the target computer")],
            &[P("curl: (7) failed to connect")],
            &[P("curl: (7) couldnt connect")],
        ],
    },
];

/// The cause a symptom points to, and the signal that decided it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Match {
    pub(super) cause: Cause,
    pub(super) signal: Signal,
}

/// The first rule that matches, or None when the symptom cannot be placed.
pub(super) fn classify(symptom: &Symptom) -> Option<Match> {
    RULES.iter().find_map(|rule| {
        rule.any_of
            .iter()
            .find(|set| set.iter().all(|signal| signal.is_in(symptom)))
            .map(|set| Match {
                cause: rule.cause,
                signal: match set[0] {
                    Signal::Phrase(phrase) => Signal::Phrase(symptom.said_as(phrase)),
                    code @ Signal::Code(_) => code,
                },
            })
    })
}

/// A more precise reading of a cause that changes what to tell the person.
pub(super) fn nuance(cause: Cause, symptom: &Symptom) -> Option<Nuance> {
    let any = |phrases: &[&str]| phrases.iter().any(|p| symptom.has_phrase(p));
    match cause {
        Cause::TlsUntrustedCertificate => {
            certificate_problem(symptom).and_then(Nuance::for_certificate)
        }
        Cause::TryAgainLater if any(&["(ehlo)"]) => Some(Nuance::EhloName),
        Cause::ConnectionTimeout if any(&["greeting never received", "read timed out"]) => {
            Some(Nuance::StalledAfterConnect)
        }
        _ => None,
    }
}

/// What the certificate error says is wrong, when it says it in words.
fn certificate_problem(symptom: &Symptom) -> Option<CertificateProblem> {
    let any = |phrases: &[&str]| phrases.iter().any(|p| symptom.has_phrase(p));
    if any(&["expired", "not yet valid", "notvalidyet"]) {
        Some(CertificateProblem::Expired)
    } else if any(&[
        "hostname mismatch",
        "no subject alternative",
        "namemismatch",
        "altnames",
        "altname_invalid",
        "not valid for",
        "is valid for",
        "notvalidforname",
        "does not match",
        "doesnt match",
    ]) {
        Some(CertificateProblem::WrongHost)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::symptom::normalize;
    use super::*;

    fn cause_of(text: &str) -> Option<Cause> {
        classify(&Symptom::from_text(text)).map(|m| m.cause)
    }

    #[test]
    fn phrases_are_written_normalized() {
        for rule in RULES {
            for set in rule.any_of {
                for signal in *set {
                    if let Signal::Phrase(p) = signal {
                        assert_eq!(normalize(p), *p, "rule for {:?}", rule.cause);
                    }
                }
            }
        }
    }

    #[test]
    fn every_rule_has_signals_and_no_cause_repeats() {
        let mut seen = Vec::new();
        for rule in RULES {
            assert!(!rule.any_of.is_empty() && rule.any_of.iter().all(|s| !s.is_empty()));
            assert!(!seen.contains(&rule.cause), "{:?} twice", rule.cause);
            assert_ne!(rule.cause, Cause::Unknown);
            seen.push(rule.cause);
        }
    }

    #[test]
    fn specific_wins_over_generic() {
        assert_eq!(
            cause_of(
                "The SMTP server requires a secure connection or the client was not authenticated. \
                 The server response was: 5.7.0 Must issue a STARTTLS command first."
            ),
            Some(Cause::StarttlsRequired)
        );
        assert_eq!(
            cause_of("Error: Invalid login: 534-5.7.9 Application-specific password required."),
            Some(Cause::AppPasswordRequired)
        );
        assert_eq!(
            cause_of("454 4.7.0 Too many login attempts, please try again later. x - gsmtp"),
            Some(Cause::TooManyLogins)
        );
        assert_eq!(
            cause_of(
                "334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==\n\
                 535-5.7.8 Username and Password not accepted."
            ),
            Some(Cause::OauthTokenRejected)
        );
        assert_eq!(
            cause_of(
                "curl: (7) Failed to connect to smtp.gmail.com port 587 after 130 ms: Connection timed out"
            ),
            Some(Cause::ConnectionTimeout)
        );
    }

    #[test]
    fn capability_line_is_not_an_oauth_attempt() {
        let transcript = "250-AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH\n\
                          AUTH PLAIN <redacted>\n\
                          535 5.7.8 https://support.google.com/mail/?p=BadCredentials x - gsmtp";
        assert_eq!(cause_of(transcript), Some(Cause::BadCredentials));
    }

    #[test]
    fn generic_words_do_not_match() {
        for text in [
            "error",
            "failed",
            "authentication failed",
            "SMTP Error: Could not authenticate.",
            "",
        ] {
            assert_eq!(cause_of(text), None, "{text}");
        }
    }

    #[test]
    fn nuances() {
        let nuance_of = |text: &str| {
            let symptom = Symptom::from_text(text);
            nuance(
                classify(&symptom)
                    .map(|m| m.cause)
                    .unwrap_or(Cause::Unknown),
                &symptom,
            )
        };
        assert_eq!(
            nuance_of(
                "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired"
            ),
            Some(Nuance::CertificateExpired)
        );
        assert_eq!(
            nuance_of("Hostname/IP does not match certificate's altnames: Host: smtp.gmail.com"),
            Some(Nuance::CertificateWrongHost)
        );
        assert_eq!(
            nuance_of("x509: certificate signed by unknown authority"),
            None
        );
        assert_eq!(
            nuance_of("421 4.7.0 Try again later, closing connection. (EHLO) x - gsmtp"),
            Some(Nuance::EhloName)
        );
        assert_eq!(
            nuance_of("Error: Greeting never received"),
            Some(Nuance::StalledAfterConnect)
        );
    }
}
