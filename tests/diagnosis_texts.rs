//! Real-world error texts, as people paste them from Gmail transcripts and from the libraries
//! that wrap them, and the cause each must be diagnosed as.

use smtp_setup::diagnosis::*;
use smtp_setup::smtp::{
    CertificateProblem, CheckFailure, FailureKind, Reply, Route, Stage, TlsMode,
};

/// (expected cause id, pasted text)
const CASES: &[(&str, &str)] = &[
    // ---- bad_credentials: Gmail's wordings, old and new, and the stacks that wrap them.
    (
        "bad_credentials",
        "535-5.7.8 Username and Password not accepted. For more information, go to\n\
         535 5.7.8  https://support.google.com/mail/?p=BadCredentials a1b2c3 - gsmtp",
    ),
    (
        "bad_credentials",
        "535-5.7.8 Username and Password not accepted. Learn more at\r\n\
         535 5.7.8  https://support.google.com/mail/?p=BadCredentials x12sm345 - gsmtp",
    ),
    (
        "bad_credentials",
        r"smtplib.SMTPAuthenticationError: (535, b'5.7.8 Username and Password not accepted. Learn more at\n5.7.8  https://support.google.com/mail/?p=BadCredentials h7sm1234567wrb.20 - gsmtp')",
    ),
    (
        "bad_credentials",
        r"  File /usr/lib/python3.11/smtplib.py, line 750, in login
    raise last_exception
smtplib.SMTPAuthenticationError: (535, b'5.7.8 Username and Password not accepted. For more information, go to\n5.7.8  https://support.google.com/mail/?p=BadCredentials 5b1f17b1804b1-43 - gsmtp')",
    ),
    (
        "bad_credentials",
        "Error: Invalid login: 535-5.7.8 Username and Password not accepted. For more information, go to\n\
         535 5.7.8  https://support.google.com/mail/?p=BadCredentials abc - gsmtp\n    \
         at SMTPConnection._formatError (node_modules/nodemailer/lib/smtp-connection/index.js:790:19) {\n  \
         code: 'EAUTH',\n  response: '535-5.7.8 Username and Password not accepted.',\n  responseCode: 535,\n  command: 'AUTH PLAIN'\n}",
    ),
    (
        "bad_credentials",
        "javax.mail.AuthenticationFailedException: 535-5.7.8 Username and Password not accepted. Learn more at\n\
         535 5.7.8  https://support.google.com/mail/?p=BadCredentials m17sm1 - gsmtp\n\n\
         \tat com.sun.mail.smtp.SMTPTransport$Authenticator.authenticate(SMTPTransport.java:965)",
    ),
    ("bad_credentials", "curl: (67) Login denied"),
    (
        "bad_credentials",
        "lettre error: permanent error (535): 5.7.8 Username and Password not accepted. For more information, go to 5.7.8 https://support.google.com/mail/?p=BadCredentials",
    ),
    // ---- app_password_required
    (
        "app_password_required",
        "534-5.7.9 Application-specific password required. For more information, go to\n\
         534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor d9sm123 - gsmtp",
    ),
    (
        "app_password_required",
        r"smtplib.SMTPAuthenticationError: (534, b'5.7.9 Application-specific password required. Learn more at\n5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor z4sm - gsmtp')",
    ),
    (
        "app_password_required",
        "Error: Invalid login: 534-5.7.9 Application-specific password required. Learn more at\n\
         534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor q2sm - gsmtp",
    ),
    (
        "app_password_required",
        "The SMTP server requires a secure connection or the client was not authenticated. The server response was: 5.7.9 Application-specific password required.",
    ),
    // ---- web_login_required
    (
        "web_login_required",
        "534-5.7.14 <https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=AKgnsbtX> Please log in via your web browser and\n\
         534-5.7.14 then try again.\n\
         534-5.7.14  For more information, go to\n\
         534 5.7.14  https://support.google.com/mail/answer/78754 k1sm - gsmtp",
    ),
    (
        "web_login_required",
        "534-5.7.14 <https://accounts.google.com/ContinueSignIn?sarp=1&scc=1&plt=AKgn> Please log in with your web browser and then try again. Learn more at\n\
         534 5.7.14 https://support.google.com/mail/bin/answer.py?answer=78754 fl15sm - gsmtp",
    ),
    (
        "web_login_required",
        "javax.mail.AuthenticationFailedException: 534-5.7.14 <https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=AKgnsbs> Please log in via your web browser and\n\
         534-5.7.14 then try again.",
    ),
    (
        "web_login_required",
        "534 5.7.14  https://support.google.com/mail/?p=WebLoginRequired h3sm - gsmtp",
    ),
    // ---- starttls_required
    (
        "starttls_required",
        "530 5.7.0 Must issue a STARTTLS command first. f9sm12345 - gsmtp",
    ),
    (
        "starttls_required",
        "System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not authenticated. The server response was: 5.7.0 Must issue a STARTTLS command first. v3sm - gsmtp",
    ),
    (
        "starttls_required",
        r"smtplib.SMTPSenderRefused: (530, b'5.7.0 Must issue a STARTTLS command first. a1sm - gsmtp', 'me@gmail.com')",
    ),
    (
        "starttls_required",
        "smtplib.SMTPNotSupportedError: SMTP AUTH extension not supported by server.",
    ),
    // ---- auth_required: the .NET wrappers, old (5.5.1) and new (5.7.0).
    (
        "auth_required",
        "The SMTP server requires a secure connection or the client was not authenticated. The server response was: 5.5.1 Authentication Required. Learn more at",
    ),
    (
        "auth_required",
        "The SMTP server requires a secure connection or the client was not authenticated.\n\
         The server response was: 5.7.0 Authentication Required.",
    ),
    (
        "auth_required",
        "530-5.7.0 Authentication Required. For more information, go to\n\
         530 5.7.0  https://support.google.com/mail/?p=WantAuthError c2sm - gsmtp",
    ),
    (
        "auth_required",
        "530-5.5.1 Authentication Required. Learn more at",
    ),
    (
        "auth_required",
        r"smtplib.SMTPSenderRefused: (530, b'5.7.0 Authentication Required. Learn more at\n5.7.0  https://support.google.com/mail/?p=WantAuthError t6sm - gsmtp', 'me@gmail.com')",
    ),
    (
        "auth_required",
        "Error: Missing credentials for \"PLAIN\"\n    at SMTPConnection._formatError { code: 'EAUTH', command: 'API' }",
    ),
    // ---- too_many_logins
    (
        "too_many_logins",
        "454 4.7.0 Too many login attempts, please try again later. j5sm - gsmtp",
    ),
    (
        "too_many_logins",
        "454-4.7.0 Too many login attempts, please try again later. For more information, go to\n\
         454 4.7.0  https://support.google.com/mail/answer/7126229 p8sm - gsmtp",
    ),
    (
        "too_many_logins",
        r"smtplib.SMTPAuthenticationError: (454, b'4.7.0 Too many login attempts, please try again later. n2sm - gsmtp')",
    ),
    // ---- sending_limit
    (
        "sending_limit",
        "550-5.4.5 Daily user sending limit exceeded. For more information on Gmail\n\
         550-5.4.5 sending limits go to\n\
         550 5.4.5  https://support.google.com/a/answer/166852 r1sm - gsmtp",
    ),
    (
        "sending_limit",
        "550 5.4.5 Daily user sending quota exceeded. w3sm - gsmtp",
    ),
    (
        "sending_limit",
        r"smtplib.SMTPDataError: (550, b'5.4.5 Daily user sending limit exceeded. For more information on Gmail\n5.4.5 sending limits go to\n5.4.5  https://support.google.com/a/answer/166852 x - gsmtp')",
    ),
    // ---- try_again_later
    (
        "try_again_later",
        "421 4.7.0 Try again later, closing connection. (EHLO) s9sm - gsmtp",
    ),
    (
        "try_again_later",
        "Service not available, closing transmission channel. The server response was: 4.7.0 Try again later, closing connection. (MAIL) b4sm - gsmtp",
    ),
    (
        "try_again_later",
        "454 4.7.0 Cannot authenticate due to temporary system problem. Try again later. e5sm - gsmtp",
    ),
    // ---- oauth_token_rejected
    (
        "oauth_token_rejected",
        "334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==\n\
         535-5.7.8 Username and Password not accepted. For more information, go to\n\
         535 5.7.8  https://support.google.com/mail/?p=BadCredentials y7sm - gsmtp",
    ),
    (
        "oauth_token_rejected",
        "Error: Invalid login: 334 eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==",
    ),
    (
        "oauth_token_rejected",
        r#"{"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}"#,
    ),
    (
        "oauth_token_rejected",
        "C: AUTH XOAUTH2 dXNlcj1tZUBnbWFpbC5jb20BYXV0aD1CZWFyZXIgeWEyOS5hMEFmSAEB\n\
         S: 535-5.7.8 Username and Password not accepted.",
    ),
    // ---- oauth_invalid_grant
    (
        "oauth_invalid_grant",
        "google.auth.exceptions.RefreshError: ('invalid_grant: Token has been expired or revoked.', {'error': 'invalid_grant', 'error_description': 'Token has been expired or revoked.'})",
    ),
    (
        "oauth_invalid_grant",
        "{\n  \"error\": \"invalid_grant\",\n  \"error_description\": \"Bad Request\"\n}",
    ),
    ("oauth_invalid_grant", "Token has been expired or revoked."),
    // ---- the Google sign-in errors
    (
        "oauth_access_denied",
        "http://127.0.0.1:53682/?error=access_denied&state=xyz",
    ),
    (
        "oauth_access_denied",
        "Access blocked: smtp-mailer has not completed the Google verification process. Error 403: access_denied",
    ),
    (
        "oauth_admin_policy",
        "Access blocked: Your institution's admin needs to review smtp-mailer. Error 400: admin_policy_enforced",
    ),
    (
        "oauth_admin_policy",
        "{\"error\": \"admin_policy_enforced\"}",
    ),
    (
        "oauth_policy_enforced",
        "Error 400: policy_enforced. Advanced Protection prevented this app from accessing your Google Account.",
    ),
    ("oauth_policy_enforced", "oauthlib error: policy_enforced"),
    (
        "oauth_redirect_mismatch",
        "Error 400: redirect_uri_mismatch You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy.",
    ),
    (
        "oauth_redirect_mismatch",
        "{\"error\":\"redirect_uri_mismatch\",\"error_description\":\"Bad Request\"}",
    ),
    (
        "oauth_wrong_scope",
        "{\"error\": \"invalid_scope\", \"error_description\": \"Bad Request\"}",
    ),
    (
        "oauth_wrong_scope",
        "googleapiclient.errors.HttpError: <HttpError 403 \"Request had insufficient authentication scopes.\">",
    ),
    // ---- connection_refused
    (
        "connection_refused",
        "Error: connect ECONNREFUSED 142.250.102.108:587",
    ),
    (
        "connection_refused",
        "javax.mail.MessagingException: Could not connect to SMTP host: smtp.gmail.com, port: 465;\n  \
         nested exception is:\n\tjava.net.ConnectException: Connection refused (Connection refused)",
    ),
    (
        "connection_refused",
        "ConnectionRefusedError: [Errno 111] Connection refused",
    ),
    ("connection_refused", "Connection refused (os error 111)"),
    (
        "connection_refused",
        "curl: (7) Failed to connect to smtp.gmail.com port 587 after 19 ms: Couldn't connect to server",
    ),
    (
        "connection_refused",
        "System.Net.Sockets.SocketException (10061): No connection could be made because the target machine actively refused it. [::ffff:142.250.102.108]:587",
    ),
    (
        "connection_refused",
        "SMTP ERROR: Failed to connect to server: Connection refused (111)\nSMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting",
    ),
    // ---- connection_timeout
    (
        "connection_timeout",
        "Error: connect ETIMEDOUT 74.125.140.108:465",
    ),
    (
        "connection_timeout",
        "Error: Greeting never received\n    code: 'ETIMEDOUT'",
    ),
    (
        "connection_timeout",
        "javax.mail.MessagingException: Could not connect to SMTP host: smtp.gmail.com, port: 587;\n  \
         nested exception is:\n\tjava.net.ConnectException: Connection timed out: connect",
    ),
    (
        "connection_timeout",
        "dial tcp 142.250.102.108:587: i/o timeout",
    ),
    (
        "connection_timeout",
        "curl: (28) Connection timed out after 10001 milliseconds",
    ),
    (
        "connection_timeout",
        "TimeoutError: [Errno 110] Connection timed out",
    ),
    (
        "connection_timeout",
        "System.Net.Mail.SmtpException: The operation has timed out.",
    ),
    (
        "connection_timeout",
        "A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond.",
    ),
    // ---- dns_failure
    ("dns_failure", "Error: getaddrinfo ENOTFOUND smtp.gmail.com"),
    (
        "dns_failure",
        "dial tcp: lookup smtp.gmail.com: no such host",
    ),
    (
        "dns_failure",
        "socket.gaierror: [Errno -2] Name or service not known",
    ),
    (
        "dns_failure",
        "curl: (6) Could not resolve host: smtp.gmail.com",
    ),
    (
        "dns_failure",
        "java.net.UnknownHostException: smtp.gmial.com",
    ),
    (
        "dns_failure",
        "php_network_getaddresses: getaddrinfo failed: Temporary failure in name resolution",
    ),
    // ---- network_unreachable
    (
        "network_unreachable",
        "dial tcp [2a00:1450:400c:c0c::6c]:587: connect: network is unreachable",
    ),
    (
        "network_unreachable",
        "Error: connect ENETUNREACH 2a00:1450:4013:c03::6c:587 - Local (:::0)",
    ),
    (
        "network_unreachable",
        "Error: connect EHOSTUNREACH 2607:f8b0:4023:c0b::6d:465",
    ),
    (
        "network_unreachable",
        "OSError: [Errno 113] No route to host",
    ),
    (
        "network_unreachable",
        "SMTP ERROR: Failed to connect to server: Network is unreachable (101)",
    ),
    // ---- tls_untrusted_certificate
    (
        "tls_untrusted_certificate",
        "Error: self signed certificate in certificate chain\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1530:34) {\n  code: 'ESOCKET'",
    ),
    (
        "tls_untrusted_certificate",
        "Error: unable to verify the first certificate",
    ),
    (
        "tls_untrusted_certificate",
        "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)",
    ),
    (
        "tls_untrusted_certificate",
        "javax.mail.MessagingException: Could not convert socket to TLS;\n  nested exception is:\n\t\
         javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target",
    ),
    (
        "tls_untrusted_certificate",
        "tls: failed to verify certificate: x509: certificate signed by unknown authority",
    ),
    (
        "tls_untrusted_certificate",
        "The remote certificate is invalid according to the validation procedure.",
    ),
    (
        "tls_untrusted_certificate",
        "invalid peer certificate: UnknownIssuer",
    ),
    (
        "tls_untrusted_certificate",
        "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for 'smtp.gmail.com'. (_ssl.c:1007)",
    ),
    (
        "tls_untrusted_certificate",
        "javax.net.ssl.SSLHandshakeException: No subject alternative DNS name matching smtp.gmail.com found.",
    ),
    // ---- tls_wrong_mode
    (
        "tls_wrong_mode",
        "Error: 140735236239232:error:1408F10B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:332:",
    ),
    (
        "tls_wrong_mode",
        "ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1123)",
    ),
    (
        "tls_wrong_mode",
        "javax.net.ssl.SSLException: Unrecognized SSL message, plaintext connection?",
    ),
    (
        "tls_wrong_mode",
        "curl: (35) error:0A00010B:SSL routines::wrong version number",
    ),
    (
        "tls_wrong_mode",
        "tls: first record does not look like a TLS handshake",
    ),
    (
        "tls_wrong_mode",
        "System.Security.Authentication.AuthenticationException: Authentication failed because the remote party sent a TLS alert: The handshake failed due to an unexpected packet format.",
    ),
    // ---- unknown: nothing here can be placed with confidence.
    ("unknown", ""),
    ("unknown", "   \n\t "),
    ("unknown", "hello world"),
    ("unknown", "SMTP Error: data not accepted."),
    ("unknown", "SMTP Error: Could not authenticate."),
    (
        "unknown",
        "SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting",
    ),
    ("unknown", "Error: Invalid login"),
    (
        "unknown",
        "250 2.0.0 OK  1700000000 a1-20020a05600c - gsmtp",
    ),
    ("unknown", "235 2.7.0 Accepted"),
    ("unknown", "220 smtp.gmail.com ESMTP a1sm123 - gsmtp"),
    ("unknown", "501 5.5.2 Cannot Decode response s2sm - gsmtp"),
    (
        "unknown",
        "550-5.1.1 The email account that you tried to reach does not exist.",
    ),
    (
        "unknown",
        "Traceback (most recent call last):\n  File \"send.py\", line 535, in <module>\n    server.sendmail(sender, to, msg)\n\
         smtplib.SMTPServerDisconnected: Connection unexpectedly closed",
    ),
    (
        "unknown",
        "The SMTP server requires a secure connection or the client was not authenticated.",
    ),
    ("unknown", "Authentication failed"),
    (
        "unknown",
        "javax.mail.MessagingException: Could not connect to SMTP host: smtp.gmail.com, port: 465",
    ),
];

#[test]
fn real_world_texts() {
    let mut wrong = Vec::new();
    for (expected, text) in CASES {
        let got = diagnose(Evidence::Text(text)).cause.id();
        if got != *expected {
            wrong.push(format!("expected {expected}, got {got}: {text:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn table_covers_every_cause() {
    assert!(CASES.len() >= 60);
    for cause in Cause::ALL {
        let n = CASES.iter().filter(|(id, _)| *id == cause.id()).count();
        let needed = if cause == Cause::Unknown { 8 } else { 2 };
        assert!(n >= needed, "{} has {n} cases", cause.id());
    }
}

#[test]
fn evidence_is_one_redacted_line() {
    let d = diagnose(Evidence::Text(
        "C: AUTH PLAIN AHlvdUBnbWFpbC5jb20AaHVudGVyMg==\r\n\
         S: 535-5.7.8 Username and Password not accepted. For more information, go to\r\n\
         S: 535 5.7.8  https://support.google.com/mail/?p=BadCredentials x - gsmtp\r\n",
    ));
    assert_eq!(d.cause, Cause::BadCredentials);
    let evidence = d.evidence.expect("evidence");
    assert!(
        !evidence.contains("AHlvdUBnbWFpbC5jb20AaHVudGVyMg=="),
        "{evidence}"
    );
    assert!(!evidence.contains('\n'));
    assert!(evidence.contains("AUTH PLAIN <redacted>"));
    assert!(evidence.chars().count() <= 500);

    let long = format!(
        "{}\n535 5.7.8 Username and Password not accepted.",
        "noise ".repeat(200)
    );
    let evidence = diagnose(Evidence::Text(&long)).evidence.expect("evidence");
    assert!(evidence.starts_with("535 5.7.8 Username"), "{evidence}");
    assert_eq!(diagnose(Evidence::Text("")).evidence, None);
}

#[test]
fn every_cause_has_texts() {
    for cause in Cause::ALL {
        let d = Diagnosis::for_cause(cause);
        assert_eq!(d.cause, cause);
        assert!(!d.title.is_empty(), "{}", cause.id());
        assert!(!d.explanation.is_empty(), "{}", cause.id());
        assert!(
            !d.steps.is_empty() && d.steps.iter().all(|s| !s.is_empty()),
            "{}",
            cause.id()
        );
        assert_eq!(d.evidence, None);
        assert_eq!(Cause::from_id(cause.id()), Some(cause));
    }
    assert_eq!(Cause::from_id("less_secure_apps"), None);
}

#[test]
fn categories() {
    assert_eq!(Cause::DnsFailure.category(), FailureCategory::Network);
    assert_eq!(Cause::TlsWrongMode.category(), FailureCategory::Tls);
    assert_eq!(
        Cause::TooManyLogins.category(),
        FailureCategory::Authentication
    );
    assert_eq!(Cause::SendingLimit.category(), FailureCategory::Other);
    assert_eq!(Cause::Unknown.category(), FailureCategory::Other);
}

#[test]
fn json_shape() {
    let d = diagnose(Evidence::Text(
        "535 5.7.8 Username and Password not accepted.",
    ));
    let json = serde_json::to_string(&d).unwrap();
    assert!(json.contains(r#""cause":"bad_credentials""#), "{json}");
    let value = serde_json::to_value(&d).unwrap();
    assert_eq!(value["category"], "authentication");
    assert_eq!(value["wizard_step"], "app_password");
    assert_eq!(
        value["evidence"],
        "535 5.7.8 Username and Password not accepted."
    );
    assert!(value["steps"].as_array().is_some_and(|s| !s.is_empty()));
}

// ---- Failures from the check itself.

fn route() -> Route {
    Route {
        host: "smtp.gmail.com".into(),
        port: 587,
        tls: TlsMode::Starttls,
    }
}

fn reply(lines: &[&str]) -> Reply {
    Reply::parse(&lines.iter().map(|l| l.to_string()).collect::<Vec<_>>()).expect("valid reply")
}

fn failure(stage: Stage, kind: FailureKind, reply: Option<Reply>, detail: &str) -> CheckFailure {
    CheckFailure {
        stage,
        route: Some(route()),
        kind,
        reply,
        detail: detail.into(),
    }
}

fn cause_of(failure: &CheckFailure) -> Cause {
    diagnose(Evidence::Failure(failure)).cause
}

#[test]
fn failure_reply_kinds() {
    let cases = [
        (
            Cause::BadCredentials,
            &[
                "535-5.7.8 Username and Password not accepted. For more information, go to",
                "535 5.7.8  https://support.google.com/mail/?p=BadCredentials x - gsmtp",
            ][..],
        ),
        (
            Cause::WebLoginRequired,
            &[
                "534-5.7.14 <https://accounts.google.com/signin/continue?sarp=1> Please log in via your web browser and",
                "534 5.7.14  https://support.google.com/mail/answer/78754 x - gsmtp",
            ][..],
        ),
        (
            Cause::StarttlsRequired,
            &["530 5.7.0 Must issue a STARTTLS command first. x - gsmtp"][..],
        ),
        (
            Cause::TooManyLogins,
            &["454 4.7.0 Too many login attempts, please try again later. x - gsmtp"][..],
        ),
        (
            Cause::SendingLimit,
            &["550 5.4.5 Daily user sending quota exceeded. x - gsmtp"][..],
        ),
        (
            Cause::Unknown,
            &["501 5.5.2 Cannot Decode response x - gsmtp"][..],
        ),
    ];
    for (expected, lines) in cases {
        let f = failure(
            Stage::Auth,
            FailureKind::Reply,
            Some(reply(lines)),
            "the server refused",
        );
        let d = diagnose(Evidence::Failure(&f));
        assert_eq!(d.cause, expected, "{lines:?}");
        assert_eq!(d.evidence, Some(reply(lines).to_string()));
    }
}

#[test]
fn failure_network_kinds() {
    assert_eq!(
        cause_of(&failure(
            Stage::Connect,
            FailureKind::Refused,
            None,
            "connection refused"
        )),
        Cause::ConnectionRefused
    );
    assert_eq!(
        cause_of(&failure(
            Stage::Connect,
            FailureKind::Timeout,
            None,
            "no answer within 10 s"
        )),
        Cause::ConnectionTimeout
    );
    assert_eq!(
        cause_of(&failure(
            Stage::Resolve,
            FailureKind::Dns,
            None,
            "no such host"
        )),
        Cause::DnsFailure
    );
    assert_eq!(
        cause_of(&failure(
            Stage::Connect,
            FailureKind::Unreachable,
            None,
            "network is unreachable"
        )),
        Cause::NetworkUnreachable
    );
}

#[test]
fn failure_timeout_after_connect_is_a_stall() {
    for stage in [Stage::Greeting, Stage::Tls] {
        let f = failure(
            stage,
            FailureKind::Timeout,
            None,
            "the server stopped answering",
        );
        let d = diagnose(Evidence::Failure(&f));
        assert_eq!(d.cause, Cause::ConnectionTimeout);
        assert!(d.explanation.contains("firewall"), "{}", d.explanation);
        assert!(d.explanation.contains("went silent"), "{}", d.explanation);
        assert_eq!(d.evidence.as_deref(), Some("the server stopped answering"));
    }
}

#[test]
fn failure_tls_kinds() {
    for problem in [
        CertificateProblem::UntrustedIssuer,
        CertificateProblem::Expired,
        CertificateProblem::WrongHost,
        CertificateProblem::Other,
    ] {
        let f = failure(
            Stage::Tls,
            FailureKind::Certificate(problem),
            None,
            "certificate not accepted",
        );
        assert_eq!(cause_of(&f), Cause::TlsUntrustedCertificate);
    }
    let expired = failure(
        Stage::Tls,
        FailureKind::Certificate(CertificateProblem::Expired),
        None,
        "expired",
    );
    assert!(
        diagnose(Evidence::Failure(&expired))
            .explanation
            .contains("date and time")
    );
    let interception = failure(
        Stage::Tls,
        FailureKind::Certificate(CertificateProblem::UntrustedIssuer),
        None,
        "UnknownIssuer",
    );
    assert!(
        diagnose(Evidence::Failure(&interception))
            .explanation
            .contains("antivirus")
    );

    assert_eq!(
        cause_of(&failure(
            Stage::Tls,
            FailureKind::WrongTlsMode,
            None,
            "the server answered in plain text"
        )),
        Cause::TlsWrongMode
    );
    assert_eq!(
        cause_of(&failure(
            Stage::Tls,
            FailureKind::TlsHandshake,
            None,
            "alert: handshake failure"
        )),
        Cause::Unknown
    );
    assert_eq!(
        cause_of(&failure(
            Stage::Tls,
            FailureKind::TlsHandshake,
            None,
            "received corrupt message of type InvalidContentType"
        )),
        Cause::TlsWrongMode
    );
}

#[test]
fn failure_other_kinds() {
    assert_eq!(
        cause_of(&failure(
            Stage::Ehlo,
            FailureKind::Closed,
            None,
            "the server closed the connection"
        )),
        Cause::Unknown
    );
    let closed_with_reply = failure(
        Stage::Ehlo,
        FailureKind::Closed,
        Some(reply(&[
            "421 4.7.0 Try again later, closing connection. (EHLO) x - gsmtp",
        ])),
        "the server closed the connection",
    );
    let d = diagnose(Evidence::Failure(&closed_with_reply));
    assert_eq!(d.cause, Cause::TryAgainLater);
    assert!(d.explanation.contains("EHLO"));
    assert_eq!(
        cause_of(&failure(
            Stage::Greeting,
            FailureKind::Protocol,
            None,
            "not an SMTP greeting"
        )),
        Cause::Unknown
    );
    assert_eq!(
        cause_of(&failure(
            Stage::Auth,
            FailureKind::Unsupported,
            None,
            "no AUTH mechanism offered"
        )),
        Cause::Unknown
    );
}
