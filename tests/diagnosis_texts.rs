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
    // ---- Gmail's words without their reply code, as wrappers print them.
    // https://github.com/springside/springside4/pull/22
    (
        "bad_credentials",
        "Username and Password not accepted. Learn more at http://support.google.com/mail/bin/answer.py?answer=14257 b11sm984722igq.7",
    ),
    // https://github.com/magepal/magento2-gmail-smtp-app/issues/106
    (
        "bad_credentials",
        "5.7.8 Username and Password not accepted. Learn more at - 5.7.8 https://support.google.com/mail/?p=BadCredentials z55sm449823qth.11 - gsmtp",
    ),
    // https://github.com/Ombi-app/Ombi/issues/5099
    (
        "bad_credentials",
        "MailKit.Net.Smtp.SmtpCommandException: 5.7.8 Username and Password not accepted. For more information, go to\n\
         5.7.8  https://support.google.com/mail/?p=BadCredentials fq6-20020a05690c350600b0061448978753sm924131ywb.41 - gsmtp",
    ),
    // https://github.com/thunderbird/thunderbird-android/issues/5607
    (
        "app_password_required",
        "Failed to send some messages\nApplication-specific password required. Learn more at https://support.google.com/mail/?p=invalidsecondfactor",
    ),
    // https://github.com/aschroder/Magento-SMTP-Pro-Email-Extension/issues/174
    (
        "app_password_required",
        "Exception message was: 5.7.9 Application-specific password required. Learn more at 5.7.9 https://support.google.com/accounts/answer/185833 b4sm274481wjd.16 - gsmtp",
    ),
    // https://github.com/HTBox/crisischeckin/issues/286
    (
        "auth_required",
        "The SMTP server requires a secure connection or the client was not authenticated. The server response was: 5.5.1 Authentication Required. Learn more at",
    ),
    // https://github.com/dotnet/dotnet-api-docs/issues/11287
    (
        "auth_required",
        "System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not authenticated. The server response was: 5.7.0 Authentication Required. For more information, go to",
    ),
    // https://github.com/nodemailer/nodemailer/issues/230 (the reply underneath is not shown)
    (
        "unknown",
        "Error: Authentication required, invalid details provided",
    ),
    // ---- OS socket errors by number and name: Windows (WSA), Linux and macOS errno.
    // https://github.com/bitlabstudio/django-registration-email/issues/28
    (
        "connection_refused",
        "error: [Errno 10061] No connection could be made because the target machine actively refused it",
    ),
    // https://github.com/manyuanrong/deno-smtp/issues/15
    (
        "connection_refused",
        "error: Uncaught ConnectionRefused: No connection could be made because the target machine actively refused it. (os error 10061)",
    ),
    // https://github.com/PHPMailer/PHPMailer/pull/3148 ("SMTP code: 111" is errno, not a reply)
    (
        "connection_refused",
        "SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting SMTP server error: Failed to connect to server SMTP code: 111 Additional SMTP info: Connection refused",
    ),
    // https://github.com/codesponsor/codesponsor/issues/4 (macOS)
    (
        "connection_refused",
        "ConnectionRefusedError: [Errno 61] Connection refused",
    ),
    // https://github.com/sharsil/mailcat/issues/7
    (
        "connection_timeout",
        "TimeoutError: [WinError 10060] A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond",
    ),
    // https://github.com/kootenpv/yagmail/issues/93 (the number alone)
    ("connection_timeout", "socket.error: [Errno 10060] "),
    // https://github.com/ChurchCRM/CRM/issues/7892
    (
        "connection_timeout",
        "Connection failed. Error #2: stream_socket_client(): Unable to connect to smtp.gmail.com:25 (Connection timed out) [/home2/x/vendor/phpmailer/phpmailer/src/SMTP.php line 421]",
    ),
    // https://github.com/eleith/emailjs/issues/96
    (
        "connection_timeout",
        "{ [Error: timedout while connecting to smtp server] code: 4, smtp: undefined }",
    ),
    // https://github.com/blayne/heb_curbside/issues/15 (macOS)
    ("connection_timeout", "[Errno 60] Operation timed out"),
    // https://github.com/PacktPublishing/Django-4-by-example/issues/18
    (
        "connection_reset",
        "ConnectionResetError: [WinError 10054] An existing connection was forcibly closed by the remote host",
    ),
    // https://github.com/FeeiCN/GSIL/issues/33
    (
        "connection_reset",
        "smtplib.SMTPServerDisconnected: Connection unexpectedly closed: [Errno 104] Connection reset by peer",
    ),
    // https://github.com/nodemailer/nodemailer/issues/203
    ("connection_reset", "Error: read ECONNRESET"),
    // https://github.com/huggingface/knockknock/issues/78 (macOS)
    (
        "connection_reset",
        "ConnectionResetError: [Errno 54] Connection reset by peer",
    ),
    // https://github.com/go-mail/mail/issues/65
    (
        "connection_reset",
        "[error] wsarecv: An existing connection was forcibly closed by the remote host.",
    ),
    // https://github.com/dart-mailer/mailer/issues/195
    (
        "network_unreachable",
        "Unhandled Exception: SocketException: OS Error: No route to host, errno = 113, address = smtp.gmail.com, port = 57668",
    ),
    // https://github.com/kootenpv/yagmail/issues/104
    (
        "network_unreachable",
        "socket.error: [Errno 101] Network is unreachable",
    ),
    // https://github.com/jstedfast/MailKit/issues/1590
    (
        "dns_failure",
        "System.Net.Sockets.SocketException (11001): No such host is known.",
    ),
    // https://github.com/home-assistant/core/issues/112258 (EAI_AGAIN on musl)
    ("dns_failure", "[Errno -3] Try again"),
    // https://github.com/tntkhang/gmail-sender-helper/issues/6
    (
        "dns_failure",
        "javax.mail.MessagingException: Unknown SMTP host: smtp.gmail.com;\n  nested exception is:\n\tjava.net.UnknownHostException: smtp.gmail.com",
    ),
    // ---- Older and newer OpenSSL wordings.
    // https://github.com/dawidd6/action-send-mail/issues/187
    (
        "tls_wrong_mode",
        "140327535802304:error:1408F10B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:332:",
    ),
    // https://github.com/kenlasko/monize/issues/364 (OpenSSL 3.2)
    (
        "tls_wrong_mode",
        "5082E78C2D7F0000:error:0A00010B:SSL routines:tls_validate_record_header:wrong version number:../deps/openssl/openssl/ssl/record/methods/tlsany_meth.c:77:",
    ),
    // https://github.com/nodemailer/nodemailer/issues/595
    (
        "tls_wrong_mode",
        r"[Error: 101057795:error:140770FC:SSL routines:SSL23_GET_SERVER_HELLO:unknown protocol:openssl\ssl\s23_clnt.c:794:]",
    ),
    // https://github.com/turbodog/python-smtp-mail-sending-tester/issues/2
    (
        "tls_wrong_mode",
        "ssl.SSLError: [SSL: UNKNOWN_PROTOCOL] unknown protocol (_ssl.c:661)",
    ),
    // https://github.com/chatwoot/chatwoot/issues/5581
    (
        "tls_wrong_mode",
        "SSL_connect returned=1 errno=0 state=error: wrong version number (OpenSSL::SSL::SSLError)",
    ),
    // https://github.com/PHPMailer/PHPMailer/issues/454
    (
        "tls_untrusted_certificate",
        "Warning: stream_socket_enable_crypto(): SSL operation failed with code 1. OpenSSL Error messages: error:14090086:SSL routines:SSL3_GET_SERVER_CERTIFICATE:certificate verify failed in /Applications/XAMPP/xamppfiles/htdocs/class.smtp.php on line 344",
    ),
    // https://github.com/php/doc-en/issues/4713 (OpenSSL 3)
    (
        "tls_untrusted_certificate",
        "SMTP Error: Could not connect to SMTP host. Connection failed. stream_socket_enable_crypto(): SSL operation failed with code 1. OpenSSL Error messages:\nerror:0A000086:SSL routines::certificate verify failed",
    ),
    // https://github.com/PHPMailer/PHPMailer/issues/950 (the server refused the handshake:
    // neither a wrong mode nor a trust problem)
    (
        "unknown",
        "stream_socket_enable_crypto(): SSL operation failed with code 1. OpenSSL Error messages:\nerror:14094410:SSL routines:SSL3_READ_BYTES:sslv3 alert handshake failure",
    ),
    // ---- Localized wrappers: Windows socket texts, .NET and PHPMailer language packs.
    // Korean blog post on a Django password-reset mail (find_string id 23448976584)
    (
        "connection_refused",
        "ConnectionRefusedError: [WinError 10061] 대상 컴퓨터에서 연결을 거부했으므로 연결하지 못했습니다",
    ),
    // https://github.com/SJang1/korea-covid-19-remaining-vaccine-macro/issues/370 (typed)
    ("connection_refused", "대상컴퓨터에서 연결을 거부했으므로"),
    // https://github.com/MogooStudio/analysis/issues/1
    (
        "connection_refused",
        "ConnectionRefusedError: [WinError 10061] 由于目标计算机积极拒绝，无法连接。",
    ),
    // https://github.com/IIC2233/Syllabus-2018-1/issues/733
    (
        "connection_refused",
        "ConnectionRefusedError: [WinError 10061] No se puede establecer una conexión ya que el equipo de destino denegó expresamente dicha conexión",
    ),
    // https://github.com/elsa-workflows/elsa-core/issues/5754 (MailKit, back-translated)
    (
        "connection_refused",
        "Error message: Unable to connect due to active rejection by the target computer.",
    ),
    // https://github.com/SJang1/korea-covid-19-remaining-vaccine-macro/issues/84
    (
        "connection_timeout",
        "TimeoutError: [WinError 10060] 연결된 구성원으로부터 응답이 없어 연결하지 못했거나, 호스트로부터 응답이 없어 연결이 끊어졌습니다",
    ),
    // redis test notes, wrapped across two lines (find_string id 52779689692)
    (
        "connection_timeout",
        "TimeoutError: [WinError 10060] 연결된 구성원으로부터 응답이 없어 연결하지 못했거나, \n호스트로부터 응답이 없어 연결이 끊어졌습니다",
    ),
    // stjeong/docs.ko-kr consuming-odata-feeds-from-a-workflow.md
    (
        "connection_timeout",
        "System.Net.Sockets.SocketException: 연결된 구성원으로부터 응답이 없어 연결하지 못했거나, 호스트로부터 응답이 없어 연결이 끊어졌습니다.",
    ),
    // .NET's Korean "The operation has timed out." (find_string id 61138747838)
    (
        "connection_timeout",
        "\"err\": \"작업 시간을 초과했습니다.\"",
    ),
    // https://github.com/zaixia108/AutoNavy_WT/issues/24
    (
        "connection_timeout",
        "TimeoutError: [WinError 10060] 由于连接方在一段时间后没有正确答复或连接的主机没有反应，连接尝试失败。",
    ),
    // https://github.com/dotnet/corefx/issues/27228 (smtp.gmail.com:587, back-translated)
    (
        "connection_timeout",
        "ExtendedSocketException: An attempt to establish a connection was unsuccessful, because from another computer for the required time, the desired response was not received, or the already established connection was broken because of the incorrect response of the computer already connected. 64.233.162.109:587",
    ),
    // https://github.com/idealo/image-super-resolution/issues/38
    (
        "connection_reset",
        "ConnectionResetError: [WinError 10054] 현재 연결은 원격 호스트에 의해 강제로 끊겼습니다",
    ),
    // https://github.com/TokyoTechX-TAs/youtube-batch-upload/issues/8
    (
        "connection_reset",
        "ConnectionResetError: [WinError 10054] 远程主机强迫关闭了一个现有的连接。",
    ),
    // Prisma on Korean Windows (find_string id 5789122427)
    (
        "network_unreachable",
        "An error occurred during DNS resolution: proto error: io error: 연결할 수 없는 네트워크에서 소켓 작업을 시도했습니다. (os error 10051)",
    ),
    // find_string id 57934638588
    (
        "network_unreachable",
        "OSError('[WinError 10065] 연결할 수 없는 호스트로 소켓 작업을 시도했습니다')",
    ),
    // find_string id 23963263638
    (
        "dns_failure",
        "System.Net.Sockets.SocketException: 알려진 호스트가 없습니다.",
    ),
    // find_string id 38449988314
    (
        "dns_failure",
        "Caused by: java.net.UnknownHostException: 알려진 호스트가 없습니다",
    ),
    // .NET's Korean head with Gmail's English reply (head: zelanko/sql-docs.ko-kr; the reply
    // as Gmail sends it, see GMAIL.md): the reply decides.
    (
        "auth_required",
        "System.Net.Mail.SmtpException: SMTP 서버에 보안 연결이 필요하거나 클라이언트가 인증되지 않았습니다. 서버 응답: 5.5.1 Authentication Required. Learn more at",
    ),
    // zelanko/sql-docs.ko-kr monitor-reporting-services-subscriptions.md (Exchange's 5.7.1)
    (
        "unknown",
        "System.Net.Mail.SmtpException: SMTP 서버에 보안 연결이 필요하거나 클라이언트가 인증되지 않았습니다. 서버 응답: 5.7.1 System.Net.Mail.MailCommand.CheckResponse(SmtpStatusCode statusCode, 문자열 응답)에서 클라이언트가 인증되지 않았습니다.",
    ),
    // French .NET head (find_string id 11328316750), Exchange's 5.7.1 again
    (
        "unknown",
        "System.Net.Mail.SmtpException: Le serveur SMTP requiert une connexion sécurisée ou le client n'était pas authentifié. La réponse du serveur était : 5.7.1 Le client n'était pas authentifié",
    ),
    // PHPMailer language/phpmailer.lang-ko.php:9 and :10 (no server reply: said for every
    // refused login or connection)
    ("unknown", "SMTP 오류: 인증할 수 없습니다."),
    ("unknown", "SMTP 오류: SMTP 호스트에 접속할 수 없습니다."),
    // phpmailer.lang-de.php:8, phpmailer.lang-ja.php:12, phpmailer.lang-zh_cn.php:11
    ("unknown", "SMTP-Fehler: Authentifizierung fehlgeschlagen."),
    ("unknown", "SMTPエラー: 認証できませんでした。"),
    ("unknown", "SMTP 错误：登录失败。"),
    // https://github.com/SJang1/... and others: WSAECONNABORTED, local software (find_string
    // id 34571783122): not a reset by the server
    (
        "unknown",
        "ConnectionAbortedError: [WinError 10053] 현재 연결은 사용자의 호스트 시스템의 소프트웨어의 의해 중단되었습니다",
    ),
    // ---- Korean wrappers as whole pastes (the Korean texts and their sources are listed in
    // src/diagnosis/korean.rs; Gmail's replies inside are in English, as Gmail sends them).
    // .NET on Korean Windows: SmtpException with Gmail's reply, a stack of `위치:` frames.
    (
        "auth_required",
        "System.Net.Mail.SmtpException: SMTP 서버에 보안 연결이 필요하거나 클라이언트가 인증되지 않았습니다. 서버 응답: 5.7.0 Authentication Required. Learn more at\r\n   \
         위치: System.Net.Mail.MailCommand.CheckResponse(SmtpStatusCode statusCode, String response)\r\n   \
         위치: System.Net.Mail.SmtpTransport.SendMail(MailAddress sender, MailAddressCollection recipients, String deliveryNotify, Boolean allowUnicode, SmtpFailedRecipientException& exception)\r\n   \
         위치: System.Net.Mail.SmtpClient.Send(MailMessage message)",
    ),
    (
        "starttls_required",
        "System.Net.Mail.SmtpException: SMTP 서버에 보안 연결이 필요하거나 클라이언트가 인증되지 않았습니다. 서버 응답: 5.7.0 Must issue a STARTTLS command first. c3sm - gsmtp",
    ),
    (
        "app_password_required",
        "System.Net.Mail.SmtpException: SMTP 서버에 보안 연결이 필요하거나 클라이언트가 인증되지 않았습니다. 서버 응답: 5.7.9 Application-specific password required.",
    ),
    (
        "connection_timeout",
        "System.Net.Mail.SmtpException: 메일을 보내지 못했습니다. ---> System.Net.WebException: 원격 서버에 연결할 수 없습니다. ---> System.Net.Sockets.SocketException: 연결된 구성원으로부터 응답이 없어 연결하지 못했거나, 호스트로부터 응답이 없어 연결이 끊어졌습니다 142.250.157.109:587\r\n   \
         위치: System.Net.Sockets.Socket.DoConnect(EndPoint endPointSnapshot, SocketAddress socketAddress)",
    ),
    (
        "connection_refused",
        "System.Net.Mail.SmtpException: 메일을 보내지 못했습니다. ---> System.Net.WebException: 원격 서버에 연결할 수 없습니다. ---> System.Net.Sockets.SocketException: 대상 컴퓨터에서 연결을 거부했으므로 연결하지 못했습니다 127.0.0.1:587",
    ),
    (
        "dns_failure",
        "System.Net.Mail.SmtpException: 메일을 보내지 못했습니다.\n ---> System.Net.Sockets.SocketException (11001): 알려진 호스트가 없습니다.",
    ),
    (
        "connection_timeout",
        "System.Net.Mail.SmtpException: 작업 시간을 초과했습니다.\r\n   위치: System.Net.Mail.SmtpClient.Send(MailMessage message)",
    ),
    (
        "sending_limit",
        "System.Net.Mail.SmtpException: 사서함을 사용할 수 없습니다. 서버 응답: 5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits go to",
    ),
    // .NET's wrappers alone say no more in Korean than in English.
    (
        "unknown",
        "System.Net.Mail.SmtpException: 메일을 보내지 못했습니다.",
    ),
    (
        "unknown",
        "System.Net.WebException: 원격 서버에 연결할 수 없습니다.",
    ),
    // PHPMailer with its Korean language pack and SMTPDebug: Gmail's reply decides.
    (
        "bad_credentials",
        "2024-05-02 01:12:40 SERVER -> CLIENT: 535-5.7.8 Username and Password not accepted. For more information, go to\n\
         535 5.7.8  https://support.google.com/mail/?p=BadCredentials d2sm - gsmtp\n\
         2024-05-02 01:12:40 SMTP ERROR: Password command failed: 535-5.7.8 Username and Password not accepted.\n\
         SMTP 오류: 인증할 수 없습니다.\n\
         메일 전송 실패: SMTP 오류: 인증할 수 없습니다.",
    ),
    (
        "app_password_required",
        "2024-05-02 01:14:02 SMTP ERROR: Password command failed: 534-5.7.9 Application-specific password required. For more information, go to\n\
         534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor k5sm - gsmtp\n\
         SMTP 오류: 인증할 수 없습니다.",
    ),
    (
        "starttls_required",
        "2024-05-02 01:15:10 SERVER -> CLIENT: 530 5.7.0 Must issue a STARTTLS command first. a9sm - gsmtp\n\
         SMTP 오류: 다음 From 주소에서 오류가 발생했습니다: me@gmail.com\n\
         SMTP 연결을 실패하였습니다.",
    ),
    (
        "connection_timeout",
        "2024-05-02 01:16:31 SMTP ERROR: Failed to connect to server: Connection timed out (110)\n\
         SMTP 연결을 실패하였습니다. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting",
    ),
    (
        "connection_refused",
        "2024-05-02 01:17:05 SMTP ERROR: Failed to connect to server: 연결이 거부됨 (111)\n\
         SMTP 오류: SMTP 호스트에 접속할 수 없습니다.",
    ),
    ("unknown", "SMTP 연결을 실패하였습니다."),
    ("unknown", "SMTP 오류: 데이터가 받아들여지지 않았습니다."),
    // glibc's Korean texts, as Python, curl and Java print them on a Korean Linux.
    // find_string id 23377667022 (a Hadoop set-up log)
    (
        "connection_refused",
        "URLError: <urlopen error [Errno 111] 연결이 거부됨>",
    ),
    // find_string id 8856911574
    (
        "connection_refused",
        "curl: (7) Failed to connect to HOST_NAME port 9200: 연결이 거부됨",
    ),
    (
        "connection_refused",
        "  File \"/usr/lib/python3.11/smtplib.py\", line 312, in _get_socket\n    return socket.create_connection((host, port), timeout,\nConnectionRefusedError: [Errno 111] 연결이 거부됨",
    ),
    (
        "connection_timeout",
        "TimeoutError: [Errno 110] 연결 시간 초과",
    ),
    (
        "network_unreachable",
        "OSError: [Errno 101] 네트워크가 접근 불가능합니다",
    ),
    (
        "network_unreachable",
        "OSError: [Errno 113] 호스트로 갈 루트가 없음",
    ),
    (
        "connection_reset",
        "ConnectionResetError: [Errno 104] 상대편이 연결을 끊음",
    ),
    (
        "dns_failure",
        "<urlopen error [Errno -3] name resolution에서 일시적인 실패>",
    ),
    (
        "dns_failure",
        "[Errno -5] 호스트이름과 대응되는 주소가 없음",
    ),
    // find_string id 45104813081
    (
        "dns_failure",
        "java.net.UnknownHostException: 149-MFT2-KJW: 이름 혹은 서비스를 알 수 없습니다",
    ),
    // find_string id 7118047173 (sudo, but the same getaddrinfo text)
    (
        "dns_failure",
        "sudo: hongpi 호스트를 해석할 수 없습니다: 이름 혹은 서비스를 알 수 없습니다",
    ),
    // Google's Korean sign-in refusal (find_string id 29376125286)
    (
        "oauth_access_denied",
        "액세스 차단됨: Always Plan은(는) Google 인증 절차를 완료하지 않았습니다.",
    ),
    // ---- smtp-setup's own messages pasted back (from a log or a cron mail), and the
    // keychain errors other tools print for the same Secret Service.
    (
        "keychain_unavailable",
        "smtp-setup: The keychain is locked (or access to it was refused). Unlock it and try again.",
    ),
    // The D-Bus error when no Secret Service runs (as secret-tool and Python's keyring show it)
    (
        "keychain_unavailable",
        "org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files",
    ),
    // Python's keyring package with no backend (keyring.errors.NoKeyringError)
    (
        "keychain_unavailable",
        "keyring.errors.NoKeyringError: No recommended backend was available. Install a recommended 3rd party backend package; or, install the keyrings.alt package if you want to use the non-recommended backends. See https://pypi.org/project/keyring for details.",
    ),
    (
        "secret_missing",
        "smtp-setup: The keychain has no password stored for jane@gmail.com.",
    ),
    (
        "secret_missing",
        "{\"error\": \"The keychain has no password stored for ops@example.org.\"}",
    ),
    (
        "oauth_no_redirect",
        "✗ Google sign-in failed: No answer from the browser within 300 s; the sign-in was not finished.",
    ),
    (
        "oauth_no_redirect",
        "\"error\": \"No answer from the browser within 120 s; the sign-in was not finished.\"",
    ),
    (
        "internal_error",
        "smtp-setup 0.1.0 hit an internal error at src/smtp/check.rs:120. This is a bug: please report it",
    ),
    (
        "internal_error",
        "smtp-setup 0.2.0 hit an internal error while checking.",
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
            !d.steps.is_empty() && d.steps.iter().all(|s| !s.as_text(None).is_empty()),
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
    assert_eq!(value["target"], "credential");
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
