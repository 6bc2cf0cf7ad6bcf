//! What to tell a person for each cause: every user-facing string of the diagnosis lives here,
//! one match arm per cause, so a translation layer can key on `Cause::id()`. Steps are data
//! (`FixStep`): a front end shows a page as a button or an address, a re-check as a command
//! or a "Verify again" button; nothing here is written for one front end only.

use super::{Cause, Diagnosis, FixStep, FixTarget};
use crate::address::EmailAddress;
use crate::provider::{
    APP_PASSWORDS_PAGE, CONNECTIONS_PAGE, GooglePage, OAUTH_CLIENTS_PAGE, OAUTH_TEST_USERS_PAGE,
    SECURITY_ACTIVITY_PAGE, SENDING_LIMITS_PAGE, TWO_STEP_PAGE,
};
use crate::smtp::CertificateProblem;

struct Text {
    title: &'static str,
    explanation: &'static str,
    steps: Vec<FixStep>,
    /// The page of the one primary action, when a page fixes it.
    page: Option<GooglePage>,
    target: Option<FixTarget>,
}

fn say(text: &str) -> FixStep {
    FixStep::Text {
        text: text.to_string(),
    }
}

fn open(text: &str, page: GooglePage) -> FixStep {
    FixStep::OpenPage {
        text: text.to_string(),
        page,
    }
}

fn recheck(purpose: &str) -> FixStep {
    FixStep::Recheck {
        purpose: purpose.to_string(),
    }
}

fn decode(text: &str) -> FixStep {
    FixStep::Decode {
        text: text.to_string(),
    }
}

pub(super) fn diagnosis(cause: Cause, user: Option<&EmailAddress>) -> Diagnosis {
    let text = text(cause, user);
    Diagnosis {
        cause,
        title: text.title.to_string(),
        explanation: text.explanation.to_string(),
        steps: text.steps,
        page: text.page,
        target: text.target,
        user: user.cloned(),
        evidence: None,
    }
}

/// Gmail refused a new app password while the saved one still works: the address and
/// 2-Step Verification are fine, so the new password itself is the one thing to fix.
pub(super) fn refused_replacement(user: &EmailAddress) -> Diagnosis {
    Diagnosis {
        cause: Cause::BadCredentials,
        title: "Gmail refused the new app password".to_string(),
        explanation: format!(
            "The saved app password still works, so the address {user} and 2-Step Verification \
             are fine. Gmail refused the new one (reply 535 5.7.8): most often a letter is \
             missing or mistyped, it was made for another Google account, or it was deleted at \
             Google after it was made."
        ),
        steps: vec![
            open(
                &format!(
                    "Create a new app password while signed in to Google as {user}, and copy all \
                     16 letters at once."
                ),
                APP_PASSWORDS_PAGE,
            ),
            say("Paste it in place of the refused one, then check it again."),
        ],
        page: Some(APP_PASSWORDS_PAGE),
        target: Some(FixTarget::Credential),
        user: Some(user.clone()),
        evidence: None,
    }
}

/// The TLS switch of the stack (an `export` format id) that printed a wrong-TLS-mode error.
pub(super) fn stack_tls_fix(stack: &str) -> String {
    let fix = match stack {
        "django" => {
            "In Django's settings: EMAIL_USE_SSL = True for port 465, or EMAIL_USE_TLS = True for port \
             587; never both."
        }
        "flask" => {
            "In Flask-Mail: MAIL_USE_SSL = True for port 465, or MAIL_USE_TLS = True for port 587."
        }
        "python" => {
            "With smtplib: smtplib.SMTP_SSL on port 465, or smtplib.SMTP and then starttls() before \
             login() on port 587."
        }
        "phpmailer" => {
            "In PHPMailer: SMTPSecure = PHPMailer::ENCRYPTION_SMTPS for port 465, or \
             PHPMailer::ENCRYPTION_STARTTLS for port 587."
        }
        "laravel" => {
            "In Laravel's .env: MAIL_SCHEME=smtps (MAIL_ENCRYPTION=ssl before Laravel 11) for port 465, \
             or MAIL_SCHEME=smtp (MAIL_ENCRYPTION=tls) for port 587."
        }
        "wordpress" => "In WP Mail SMTP: Encryption SSL for port 465, or TLS for port 587.",
        "nodemailer" => {
            "In Nodemailer: secure: true only for port 465; for port 587 secure: false with \
             requireTLS: true."
        }
        "mailkit" => {
            "In MailKit: SecureSocketOptions.SslOnConnect for port 465, or SecureSocketOptions.StartTls \
             for port 587."
        }
        "smtpclient" => {
            "System.Net.Mail.SmtpClient cannot use port 465 at all: use port 587 with EnableSsl = true."
        }
        "spring" => {
            "In Spring Boot: spring.mail.properties.mail.smtp.ssl.enable=true for port 465, or \
             ...mail.smtp.starttls.enable=true and ...starttls.required=true for port 587."
        }
        "rails" => {
            "In Action Mailer's smtp_settings: tls: true for port 465, or enable_starttls: true for port 587."
        }
        "go" => {
            "In Go: tls.Dial and smtp.NewClient for port 465; smtp.SendMail (it does STARTTLS) for port 587."
        }
        "msmtp" => "In msmtp: tls_starttls off for port 465, or tls_starttls on for port 587.",
        _ => {
            "Match the app's TLS setting to the port: implicit TLS (SSL) for 465, STARTTLS for 587."
        }
    };
    format!("{fix} `smtp-setup export --format {stack}` writes these settings.")
}

fn text(cause: Cause, user: Option<&EmailAddress>) -> Text {
    // The person's own address where it is known, a placeholder where it is not.
    let address = user.map_or("you@gmail.com", EmailAddress::as_str);
    match cause {
        Cause::BadCredentials => Text {
            title: "Gmail rejected the username or app password",
            explanation: "Gmail refused the login (reply 535 5.7.8). Either the password is wrong, \
                the app password was revoked (Google revokes every app password when the account \
                password changes), or it is your normal Google password, which Gmail stopped \
                accepting from apps on 30 May 2022 (in 2024 for Workspace): apps need an app \
                password, and app passwords need 2-Step Verification.",
            steps: vec![
                say(&match user {
                    Some(user) => format!("Check that the username is the full address, {user}."),
                    None => {
                        "Check that the username is your full Gmail address, e.g. you@gmail.com."
                            .to_string()
                    }
                }),
                open("Turn on 2-Step Verification if it is off.", TWO_STEP_PAGE),
                open(
                    "Create a new app password and copy its 16 letters, without a trailing space.",
                    APP_PASSWORDS_PAGE,
                ),
                FixStep::UseInApp,
                recheck("to confirm Gmail accepts it"),
            ],
            page: Some(APP_PASSWORDS_PAGE),
            target: Some(FixTarget::Credential),
        },
        Cause::AppPasswordRequired => Text {
            title: "Gmail needs an app password, not your Google password",
            explanation: "The account has 2-Step Verification turned on, so Gmail does not accept \
                its normal Google password from an email app (reply 534 5.7.9). Use an app \
                password instead: a 16-letter password made for one app.",
            steps: vec![
                open(
                    "Create an app password, e.g. named \"smtp-setup\", and copy its 16 letters.",
                    APP_PASSWORDS_PAGE,
                ),
                FixStep::UseInApp,
                say(
                    "If the page says the setting is not available for your account, app passwords \
                     are blocked (security keys only, Advanced Protection, or a work or school \
                     admin): use Sign in with Google instead.",
                ),
                recheck("to confirm Gmail accepts it"),
            ],
            page: Some(APP_PASSWORDS_PAGE),
            target: Some(FixTarget::Credential),
        },
        Cause::WebLoginRequired => Text {
            title: "Google blocked the sign-in as unusual",
            explanation: "Google saw a login from a place or device it does not know (a new server, \
                a cloud host, another country) and blocked it until you confirm it was you (reply \
                534 5.7.14). This is a security check, not a wrong password.",
            steps: vec![
                open(
                    "Confirm the blocked sign-in was you (\"Yes, it was me\").",
                    SECURITY_ACTIVITY_PAGE,
                ),
                say(
                    "If you can, sign in to Gmail once in a web browser on the machine that sends the mail.",
                ),
                say(
                    "Use an app password (or Sign in with Google) rather than your account password.",
                ),
                recheck("after a few minutes"),
            ],
            page: Some(SECURITY_ACTIVITY_PAGE),
            target: None,
        },
        Cause::StarttlsRequired => Text {
            title: "The app tried to log in before turning on encryption",
            explanation: "On port 587 Gmail starts unencrypted, and the app must switch encryption on \
                with the STARTTLS command before it logs in or sends (reply 530 5.7.0 Must issue a \
                STARTTLS command first). The app skipped that step, so Gmail refused.",
            steps: vec![
                say(
                    "Turn on STARTTLS in the app's settings (often called \"Use TLS\", EnableSsl, \
                     EMAIL_USE_TLS = True, or server.starttls() before login).",
                ),
                say("Or use port 465 with SSL/TLS from the start (implicit TLS)."),
                say("Check the host is smtp.gmail.com."),
                recheck("to see which port and mode work from this machine"),
            ],
            page: None,
            target: Some(FixTarget::ServerSettings),
        },
        Cause::AuthRequired => Text {
            title: "Gmail received mail without a successful login",
            explanation: "Gmail expected a login before the message (reply 530 5.7.0 Authentication \
                Required; 5.5.1 in older replies). Either the app never sent the username and \
                password, or Gmail refused them and the app carried on anyway: .NET's SmtpClient \
                does this, so a wrong or missing app password often looks like this error.",
            steps: vec![
                say(&format!(
                    "Make sure the app is set to log in, with {address} as the username (in .NET, \
                     set UseDefaultCredentials = false before setting Credentials)."
                )),
                open(
                    "Use an app password, not your Google password (it needs 2-Step Verification).",
                    APP_PASSWORDS_PAGE,
                ),
                recheck("to test the login on its own"),
            ],
            page: Some(APP_PASSWORDS_PAGE),
            target: Some(FixTarget::Credential),
        },
        Cause::TooManyLogins => Text {
            title: "Too many login attempts in a short time",
            explanation: "Gmail is temporarily refusing logins for this account (reply 454 4.7.0) \
                because the app logged in too often, usually by opening a new connection and \
                logging in for every message. It passes by itself, but retrying keeps it going.",
            steps: vec![
                say("Stop the app and its retries for a while (at least several minutes)."),
                say("Change the app to log in once and send many messages over one connection."),
                say("If several workers send at once, limit how many connect at the same time."),
                recheck("once, after waiting"),
            ],
            page: None,
            target: None,
        },
        Cause::SendingLimit => Text {
            title: "The account reached Gmail's sending limit",
            explanation: "Gmail limits how much an account sends (reply 550 5.4.5): 2,000 messages a \
                day for Google Workspace and about 500 for personal accounts, counted over a rolling \
                24 hours. Gmail refuses new messages until older ones fall out of that window.",
            steps: vec![
                say("Stop sending: the limit lifts by itself within 24 hours."),
                say("Check the app for loops or retries that send the same message again."),
                say(
                    "For newsletters or bulk mail, use an email delivery service instead of a Gmail account.",
                ),
                open("Read Google's sending limits.", SENDING_LIMITS_PAGE),
            ],
            page: Some(SENDING_LIMITS_PAGE),
            target: None,
        },
        Cause::TryAgainLater => Text {
            title: "Gmail temporarily refused the connection",
            explanation: "Gmail answered \"try again later\" (a 4xx reply): it is not taking this \
                connection right now, e.g. because of load on its side or too many connections from \
                this address. The credentials were not the problem.",
            steps: vec![
                say("Wait a few minutes and try again."),
                say(
                    "Make sure the app introduces itself (EHLO) with a real host name, not localhost or an IP address.",
                ),
                say(
                    "Keep the number of connections low: reuse one connection for several messages.",
                ),
                recheck("to retry"),
            ],
            page: None,
            target: None,
        },
        Cause::OauthTokenRejected => Text {
            title: "Gmail rejected the Sign in with Google token",
            explanation: "The app logged in with OAuth (XOAUTH2) and Gmail refused the access token. \
                The token expired (they last about an hour), was revoked, or was granted without \
                the full Gmail scope https://mail.google.com/ (gmail.send is not enough for SMTP).",
            steps: vec![
                say("Get a fresh access token with the refresh token, and try again."),
                say("Make sure the token was requested with the scope https://mail.google.com/."),
                say(&format!(
                    "Check that the username is {address}, the Google account that signed in."
                )),
                say("If it still fails, sign in with Google again."),
                recheck("to confirm"),
            ],
            page: None,
            target: Some(FixTarget::SignIn),
        },
        Cause::OauthInvalidGrant => Text {
            title: "Google no longer accepts the saved Sign in with Google",
            explanation: "Google refused to renew the app's access (invalid_grant: the refresh token \
                expired or was revoked). This happens after 7 days while the OAuth app is in \
                \"Testing\", after a password change or removing the app's access, or after six \
                months unused.",
            steps: vec![
                say("Sign in with Google again to get a new refresh token."),
                open(
                    "If you run your own OAuth client in \"Testing\", add each user as a test user \
                     or publish the app.",
                    OAUTH_TEST_USERS_PAGE,
                ),
                open(
                    "Check the app still has access to the account.",
                    CONNECTIONS_PAGE,
                ),
                say(
                    "On a work or school account, ask the admin whether the app is allowed \
                     (admin_policy_enforced means it is blocked).",
                ),
            ],
            page: Some(OAUTH_TEST_USERS_PAGE),
            target: Some(FixTarget::SignIn),
        },
        Cause::OauthAccessDenied => Text {
            title: "The Google sign-in was declined",
            explanation: "Google did not give the app access (access_denied). Either the consent \
                screen was cancelled, or the OAuth app is in \"Testing\" and this Google account \
                is not one of its test users: then Google refuses everyone else.",
            steps: vec![
                open(
                    &match user {
                        Some(user) => format!("Add {user} as a test user of the OAuth app."),
                        None => {
                            "Add this Google account as a test user of the OAuth app.".to_string()
                        }
                    },
                    OAUTH_TEST_USERS_PAGE,
                ),
                say(
                    "Sign in with Google again and allow access to \"Read, compose, send and \
                     permanently delete all your email from Gmail\" (the scope SMTP needs).",
                ),
            ],
            page: Some(OAUTH_TEST_USERS_PAGE),
            target: Some(FixTarget::OAuthClient),
        },
        Cause::OauthAdminPolicy => Text {
            title: "Your organization's admin blocks this app",
            explanation: "The Google Workspace administrator does not allow this OAuth app to access \
                Gmail (admin_policy_enforced). Only the admin can allow it.",
            steps: vec![
                say(
                    "Ask your Google Workspace admin to trust the OAuth client (Admin console › \
                     Security › API controls › App access control).",
                ),
                say("Or use an app password, if your admin allows those."),
            ],
            page: None,
            target: None,
        },
        Cause::OauthPolicyEnforced => Text {
            title: "Advanced Protection blocks this app",
            explanation: "The account is enrolled in Google's Advanced Protection Program, which lets \
                only a few verified apps access Gmail (policy_enforced). App passwords are not \
                available either.",
            steps: vec![say(
                "Use a Google-verified mail client, or an account without Advanced Protection for \
                 sending from apps.",
            )],
            page: None,
            target: None,
        },
        Cause::OauthRedirectMismatch => Text {
            title: "The OAuth client does not accept this sign-in's redirect",
            explanation: "Google refused the sign-in because the redirect address is not allowed for \
                this client (redirect_uri_mismatch). smtp-setup redirects to http://127.0.0.1 on a \
                random port, which only a \"Desktop app\" client accepts.",
            steps: vec![
                open(
                    "In Google Cloud, create an OAuth client of type \"Desktop app\".",
                    OAUTH_CLIENTS_PAGE,
                ),
                say(
                    "Download its JSON file (or copy its client ID and secret) and use it in smtp-setup.",
                ),
            ],
            page: Some(OAUTH_CLIENTS_PAGE),
            target: Some(FixTarget::OAuthClient),
        },
        Cause::OauthWrongScope => Text {
            title: "The sign-in does not allow sending mail over SMTP",
            explanation: "The granted access is not https://mail.google.com/, the only scope Gmail's \
                SMTP server accepts (gmail.send is not enough).",
            steps: vec![
                say("Sign in with Google again and allow full Gmail access on the consent screen."),
                open(
                    "If your OAuth app's consent screen lists scopes, add https://mail.google.com/.",
                    OAUTH_CLIENTS_PAGE,
                ),
            ],
            page: Some(OAUTH_CLIENTS_PAGE),
            target: Some(FixTarget::SignIn),
        },
        Cause::OauthNoRedirect => Text {
            title: "The browser never came back from Google's sign-in",
            explanation: "smtp-setup waited for Google to send the browser back to 127.0.0.1 on \
                this computer, and it did not come within the time allowed. Usually the sign-in \
                was done in a browser on another computer without forwarding the port, the tab \
                was closed, or Google showed a page it does not send anyone back from: \
                \"Access blocked\" for an app the organization does not allow \
                (admin_policy_enforced) or for an account in Advanced Protection (policy_enforced).",
            steps: vec![
                say("Start the sign-in again and finish it in a browser on this computer."),
                say(
                    "If the browser runs on another computer, forward the redirect's port first \
                     (ssh -L PORT:127.0.0.1:PORT this-computer), then open the address there.",
                ),
                decode(
                    "If Google showed \"Access blocked\" or \"This app is blocked\", have its page's \
                     text explained: its error code says why.",
                ),
            ],
            page: None,
            target: Some(FixTarget::SignIn),
        },
        Cause::ConnectionRefused => Text {
            title: "The connection to the mail server was refused",
            explanation: "Nothing accepted the connection at that address and port, or a firewall \
                rejected it. Usually the host or port is wrong (Gmail uses smtp.gmail.com on port 587 \
                or 465), or a firewall, antivirus or network policy blocks outgoing mail ports.",
            steps: vec![
                say(
                    "Check the host is smtp.gmail.com and the port 587 (STARTTLS) or 465 (SSL/TLS).",
                ),
                say(
                    "Check that a firewall or antivirus on this machine allows outgoing connections on 587 and 465.",
                ),
                say(
                    "On a work or hosted network, ask its admin whether outgoing mail ports are blocked.",
                ),
                recheck("on both ports"),
            ],
            page: None,
            target: Some(FixTarget::Network),
        },
        Cause::ConnectionTimeout => Text {
            title: "The connection to the mail server timed out",
            explanation: "No answer came back in time. Usually a firewall silently drops the \
                connection: many cloud hosts (DigitalOcean, Google Compute Engine and others) and \
                some internet providers block outgoing ports 25, 465 and 587.",
            steps: vec![
                say("Try the other port: 587 (STARTTLS) or 465 (SSL/TLS)."),
                say(
                    "On a cloud server, check whether the provider blocks outgoing mail ports; ask \
                     them to unblock them, or use their mail relay.",
                ),
                say("Check that a local firewall or VPN is not blocking the connection."),
                recheck("on both ports, to see where it stops"),
            ],
            page: None,
            target: Some(FixTarget::Network),
        },
        Cause::ConnectionReset => Text {
            title: "The connection to the mail server was cut off",
            explanation: "The connection was reset: the server, or something between (a firewall, \
                an antivirus that scans email, a proxy), closed it abruptly. With Gmail it is \
                usually something in the middle, or an app waiting for a greeting on port 465, \
                where Gmail expects TLS from the first byte and drops the connection.",
            steps: vec![
                say(
                    "Check that no antivirus email scanning, firewall or proxy interferes with ports 587 and 465.",
                ),
                say(
                    "On port 465 use SSL/TLS from the start (implicit TLS); on port 587, STARTTLS.",
                ),
                recheck("to see at which stage the connection drops"),
            ],
            page: None,
            target: Some(FixTarget::Network),
        },
        Cause::DnsFailure => Text {
            title: "The mail server's name could not be found",
            explanation: "This computer could not look up the server's name (DNS). Either the name is \
                misspelled (it should be smtp.gmail.com), or the machine has no working internet \
                connection or DNS server.",
            steps: vec![
                say("Check the host is spelled smtp.gmail.com, with no spaces."),
                say("Check the machine is online, e.g. by opening a website."),
                say("In a container, VPN or company network, check its DNS settings."),
                recheck("to try again"),
            ],
            page: None,
            target: Some(FixTarget::Network),
        },
        Cause::NetworkUnreachable => Text {
            title: "There is no network path to the mail server",
            explanation: "This computer has no route to the server's address. Often IPv6 is broken: \
                smtp.gmail.com has IPv6 and IPv4 addresses, and an app that tries IPv6 first fails \
                where IPv4 would work. Otherwise the machine is offline, or a VPN or firewall blocks \
                the way.",
            steps: vec![
                say("Check the machine is online."),
                say(
                    "If the failing address contains colons (IPv6), make the app use IPv4, or fix \
                     or turn off IPv6 on this network.",
                ),
                say("Turn off a VPN or proxy and try again."),
                recheck("to see which address fails"),
            ],
            page: None,
            target: Some(FixTarget::Network),
        },
        Cause::TlsUntrustedCertificate => Text {
            title: "The mail server's certificate was not trusted",
            explanation: "The encrypted connection presented a certificate this computer does not \
                trust. smtp.gmail.com's real certificate is signed by Google, so something in between \
                is most likely intercepting the connection: antivirus software that scans email, or \
                a company proxy.",
            steps: vec![
                say(
                    "Turn off email scanning (SSL/TLS or HTTPS scanning) in your antivirus, then try again.",
                ),
                say(
                    "On a company network, ask IT whether a proxy intercepts TLS, and install its certificate if it does.",
                ),
                say("Check the computer's date and time, and update its root certificates."),
                say(
                    "Do not turn off certificate checks in your app: that would expose your password.",
                ),
            ],
            page: None,
            target: Some(FixTarget::Network),
        },
        Cause::TlsWrongMode => Text {
            title: "The app and the port disagree about encryption",
            explanation: "Gmail's port 587 starts unencrypted and switches on encryption with \
                STARTTLS; port 465 is encrypted from the first byte (implicit TLS). The app used the \
                other kind for its port, so the encrypted handshake failed (errors such as \"wrong \
                version number\").",
            steps: vec![
                say(
                    "For port 587, use STARTTLS: Python SMTP() with starttls(), Nodemailer secure: \
                     false, PHPMailer ENCRYPTION_STARTTLS, Java mail.smtp.starttls.enable=true.",
                ),
                say(
                    "For port 465, use SSL/TLS from the start: Python SMTP_SSL(), Nodemailer secure: \
                     true, PHPMailer ENCRYPTION_SMTPS, Java mail.smtp.ssl.enable=true.",
                ),
                recheck("to see which combination works from this machine"),
            ],
            page: None,
            target: Some(FixTarget::ServerSettings),
        },
        Cause::KeychainUnavailable => Text {
            title: "The system keychain could not be read",
            explanation: "smtp-setup keeps each account's secret only in the system keychain, and \
                the keychain did not give it out: no keychain service is running, it is locked, \
                or access was refused. Nothing is wrong with the account at Google.",
            steps: vec![
                say(
                    "Unlock the keychain (log in to the desktop session, or open Passwords and \
                     Keys), then try again.",
                ),
                say(
                    "On a server without a desktop, start a Secret Service first: `dbus-run-session \
                     -- sh -c 'gnome-keyring-daemon --unlock --components=secrets; ...'`.",
                ),
                recheck("once the keychain is unlocked"),
            ],
            page: None,
            target: None,
        },
        Cause::SecretMissing => Text {
            title: "The keychain has no secret for this account",
            explanation: "The account is in smtp-setup's list, but the system keychain holds no \
                password or sign-in for it: it was deleted from the keychain, or the keychain \
                was reset or replaced.",
            steps: vec![
                say(
                    "Store the secret again: replace the app password, or sign in with Google again.",
                ),
                say("Or remove the account and set it up anew."),
            ],
            page: None,
            target: Some(FixTarget::Credential),
        },
        Cause::InternalError => Text {
            title: "smtp-setup hit an internal error",
            explanation: "This is a bug in smtp-setup, not a problem with the account, Gmail or \
                the network. The step that failed saved and changed nothing.",
            steps: vec![
                recheck("to try again"),
                say(
                    "If it happens again, report it to the smtp-setup developers with the version \
                     (`smtp-setup --version`) and what you did; the -v transcript helps, and it \
                     never shows passwords.",
                ),
            ],
            page: None,
            target: None,
        },
        Cause::Unknown => Text {
            title: "The problem could not be identified",
            explanation: "smtp-setup does not recognize this error, so it will not guess. Gmail's own \
                reply (a line starting with a code such as 535 or 534) usually says what went wrong, \
                but many apps hide it unless their debug output is on.",
            steps: vec![
                recheck("to see which stage fails: DNS, connect, TLS, login or send"),
                decode(
                    "Turn on your app's debug output (Python set_debuglevel(1), PHPMailer \
                     SMTPDebug = 2, Nodemailer debug: true) and have the server's reply explained.",
                ),
                say(&format!(
                    "Check the settings: host smtp.gmail.com, port 587 (STARTTLS) or 465 (SSL/TLS), \
                     {address} as the username, and an app password."
                )),
            ],
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

    pub(super) fn apply(self, diagnosis: &mut Diagnosis) {
        let (explanation, steps) = self.text();
        diagnosis.explanation = explanation.to_string();
        diagnosis.steps = steps;
    }

    fn text(self) -> (&'static str, Vec<FixStep>) {
        match self {
            Nuance::CertificateExpired => (
                "The server's certificate looked expired or not yet valid. Gmail renews its \
                 certificates long before they expire, so most likely this computer's date and time \
                 are wrong, or something intercepting the connection (antivirus, a company proxy) \
                 presents an old certificate.",
                vec![
                    say(
                        "Set this computer's date, time and time zone correctly (turn on automatic time).",
                    ),
                    say("Turn off email scanning (SSL/TLS or HTTPS scanning) in your antivirus."),
                    say("Update the computer's root certificates (system updates)."),
                    say(
                        "Do not turn off certificate checks in your app: that would expose your password.",
                    ),
                ],
            ),
            Nuance::CertificateWrongHost => (
                "The certificate was made out for a different name than the server the app \
                 connected to. Either the app connects to another name or a bare IP address instead \
                 of smtp.gmail.com, or antivirus software or a company proxy intercepts the connection.",
                vec![
                    say(
                        "Set the host to exactly smtp.gmail.com, not an IP address or another alias.",
                    ),
                    say("Turn off email scanning (SSL/TLS or HTTPS scanning) in your antivirus."),
                    say("On a company network, ask IT whether a proxy intercepts TLS."),
                    say(
                        "Do not turn off certificate checks in your app: that would expose your password.",
                    ),
                ],
            ),
            Nuance::StalledAfterConnect => (
                "The connection opened, then the server went silent. Either a firewall or proxy \
                 stalls the traffic, or the app and the port disagree about encryption: on port 465 \
                 the app must start TLS at once (implicit TLS), and waiting for a greeting there hangs.",
                vec![
                    say(
                        "On port 465, turn on SSL/TLS from the start (Nodemailer secure: true, Python \
                         SMTP_SSL); .NET's SmtpClient cannot do this, so use 587 with it.",
                    ),
                    say(
                        "On port 587, let the app read the greeting, then send STARTTLS (Nodemailer \
                         secure: false, Python SMTP() with starttls()).",
                    ),
                    say("Check that no firewall, proxy or antivirus holds up the connection."),
                    recheck("on both ports, to see where it stops"),
                ],
            ),
            Nuance::EhloName => (
                "Gmail closed the connection after the app's greeting (EHLO, reply 421 4.7.0). It \
                 does this when the app introduces itself as localhost or a bare IP address instead \
                 of a real host name.",
                vec![
                    say(
                        "Set the name the app sends in EHLO to a real host name (Python \
                         local_hostname, PHPMailer Hostname, Nodemailer name).",
                    ),
                    say("Wait a few minutes, then try again."),
                    recheck("to confirm Gmail accepts the connection"),
                ],
            ),
            Nuance::SignInOther => (
                "The Google sign-in did not finish. The message above says why; it is about \
                 signing in, not about Gmail's SMTP server.",
                vec![
                    say("Do what the message says, then start the sign-in again."),
                    open(
                        "Check the OAuth client: a \"Desktop app\" client from your Google Cloud \
                         project.",
                        OAUTH_CLIENTS_PAGE,
                    ),
                ],
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(d: &Diagnosis) -> String {
        let steps: Vec<String> = d.steps.iter().map(|s| s.as_text(d.user.as_ref())).collect();
        format!("{} {} {}", d.title, d.explanation, steps.join(" "))
    }

    #[test]
    fn texts_are_complete_and_short() {
        for cause in Cause::ALL {
            let d = diagnosis(cause, None);
            assert!(!d.title.is_empty() && !d.title.contains('\n'), "{cause:?}");
            assert!(!d.explanation.is_empty(), "{cause:?}");
            assert!((1..=5).contains(&d.steps.len()), "{cause:?}");
            assert!(
                d.steps
                    .iter()
                    .map(|s| s.as_text(None))
                    .all(|s| !s.is_empty() && !s.contains('\n')),
                "{cause:?}"
            );
            let all = words(&d).to_lowercase();
            assert!(
                !all.contains("less secure app") && !all.contains("displayunlockcaptcha"),
                "{cause:?}"
            );
            assert!(!all.contains("  "), "{cause:?}: double space");
        }
    }

    #[test]
    fn the_users_address_replaces_the_placeholder() {
        let jane = EmailAddress::parse("jane@example.org").unwrap();
        for cause in [
            Cause::BadCredentials,
            Cause::AuthRequired,
            Cause::OauthAccessDenied,
        ] {
            let all = words(&diagnosis(cause, Some(&jane)));
            assert!(all.contains("jane@example.org"), "{cause:?}: {all}");
            assert!(!all.contains("you@gmail.com"), "{cause:?}: {all}");
        }
    }

    #[test]
    fn nuances_replace_explanation_and_steps() {
        for nuance in [
            Nuance::CertificateExpired,
            Nuance::CertificateWrongHost,
            Nuance::StalledAfterConnect,
            Nuance::EhloName,
            Nuance::SignInOther,
        ] {
            let mut d = diagnosis(Cause::Unknown, None);
            nuance.apply(&mut d);
            assert_ne!(d.explanation, diagnosis(Cause::Unknown, None).explanation);
            assert!((1..=5).contains(&d.steps.len()), "{nuance:?}");
            assert!(!words(&d).contains("  "));
        }
    }
}
