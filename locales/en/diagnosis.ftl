# The diagnoses (src/diagnosis/causes.rs), keyed by cause id: diag-<cause id>-title,
# -explanation, -step-<n> (a variant for an unknown address ends in -unknown) and -recheck,
# which ends the sentence of diag-step-recheck. $address is the person's address, or
# you@gmail.com where it is not known.

## How each kind of step reads as one line (src/diagnosis/mod.rs).

diag-step-recheck = Run `smtp-setup check --user { $user }` { $purpose }.
diag-step-decode = { $text } Paste it into `smtp-setup diagnose`.
diag-step-use-in-app = Put the new app password into your app in place of the old password.

## Google's pages (src/provider.rs): the button that opens each.

google-page-security = Open Google security settings
google-page-two-step = Open 2-Step Verification page
google-page-app-passwords = Open App passwords page
google-page-security-activity = Open recent security activity
google-page-connections = Open third-party connections
google-page-oauth-clients = Open OAuth clients in Google Cloud
google-page-oauth-test-users = Open OAuth test users in Google Cloud
google-page-sending-limits = Open Gmail sending limits

## A new app password refused while the saved one works.

diag-refused_replacement-title = Gmail refused the new app password
diag-refused_replacement-explanation = The saved app password still works, so the address { $address } and 2-Step Verification are fine. Gmail refused the new one (reply 535 5.7.8): most often a letter is missing or mistyped, it was made for another Google account, or it was deleted at Google after it was made.
diag-refused_replacement-step-1 = Create a new app password while signed in to Google as { $address }, and copy all 16 letters at once.
diag-refused_replacement-step-2 = Paste it in place of the refused one, then check it again.

## The TLS switch of the stack that printed a wrong-TLS-mode error ($stack is an export format).

diag-stack-export = { $fix } `smtp-setup export --format { $stack }` writes these settings.
diag-stack-django = In Django's settings: EMAIL_USE_SSL = True for port 465, or EMAIL_USE_TLS = True for port 587; never both.
diag-stack-flask = In Flask-Mail: MAIL_USE_SSL = True for port 465, or MAIL_USE_TLS = True for port 587.
diag-stack-python = With smtplib: smtplib.SMTP_SSL on port 465, or smtplib.SMTP and then starttls() before login() on port 587.
diag-stack-phpmailer = In PHPMailer: SMTPSecure = PHPMailer::ENCRYPTION_SMTPS for port 465, or PHPMailer::ENCRYPTION_STARTTLS for port 587.
diag-stack-laravel = In Laravel's .env: MAIL_SCHEME=smtps (MAIL_ENCRYPTION=ssl before Laravel 11) for port 465, or MAIL_SCHEME=smtp (MAIL_ENCRYPTION=tls) for port 587.
diag-stack-wordpress = In WP Mail SMTP: Encryption SSL for port 465, or TLS for port 587.
diag-stack-nodemailer = In Nodemailer: secure: true only for port 465; for port 587 secure: false with requireTLS: true.
diag-stack-mailkit = In MailKit: SecureSocketOptions.SslOnConnect for port 465, or SecureSocketOptions.StartTls for port 587.
diag-stack-smtpclient = System.Net.Mail.SmtpClient cannot use port 465 at all: use port 587 with EnableSsl = true.
diag-stack-spring = In Spring Boot: spring.mail.properties.mail.smtp.ssl.enable=true for port 465, or ...mail.smtp.starttls.enable=true and ...starttls.required=true for port 587.
diag-stack-rails = In Action Mailer's smtp_settings: tls: true for port 465, or enable_starttls: true for port 587.
diag-stack-go = In Go: tls.Dial and smtp.NewClient for port 465; smtp.SendMail (it does STARTTLS) for port 587.
diag-stack-msmtp = In msmtp: tls_starttls off for port 465, or tls_starttls on for port 587.
diag-stack-other = Match the app's TLS setting to the port: implicit TLS (SSL) for 465, STARTTLS for 587.

## The causes.

diag-bad_credentials-title = Gmail rejected the username or app password
diag-bad_credentials-explanation = Gmail refused the login (reply 535 5.7.8). Either the password is wrong, the app password was revoked (Google revokes every app password when the account password changes), or it is your normal Google password, which Gmail stopped accepting from apps on 30 May 2022 (in 2024 for Workspace): apps need an app password, and app passwords need 2-Step Verification.
diag-bad_credentials-step-1 = Check that the username is the full address, { $address }.
diag-bad_credentials-step-1-unknown = Check that the username is your full Gmail address, e.g. you@gmail.com.
diag-bad_credentials-step-2 = Turn on 2-Step Verification if it is off.
diag-bad_credentials-step-3 = Create a new app password and copy its 16 letters, without a trailing space.
diag-bad_credentials-recheck = to confirm Gmail accepts it

diag-app_password_required-title = Gmail needs an app password, not your Google password
diag-app_password_required-explanation = The account has 2-Step Verification turned on, so Gmail does not accept its normal Google password from an email app (reply 534 5.7.9). Use an app password instead: a 16-letter password made for one app.
diag-app_password_required-step-1 = Create an app password, e.g. named "smtp-setup", and copy its 16 letters.
diag-app_password_required-step-2 = If the page says the setting is not available for your account, app passwords are blocked (security keys only, Advanced Protection, or a work or school admin): use Sign in with Google instead.
diag-app_password_required-recheck = to confirm Gmail accepts it

diag-web_login_required-title = Google blocked the sign-in as unusual
diag-web_login_required-explanation = Google saw a login from a place or device it does not know (a new server, a cloud host, another country) and blocked it until you confirm it was you (reply 534 5.7.14). This is a security check, not a wrong password.
diag-web_login_required-step-1 = Confirm the blocked sign-in was you ("Yes, it was me").
diag-web_login_required-step-2 = If you can, sign in to Gmail once in a web browser on the machine that sends the mail.
diag-web_login_required-step-3 = Use an app password (or Sign in with Google) rather than your account password.
diag-web_login_required-recheck = after a few minutes

diag-starttls_required-title = The app tried to log in before turning on encryption
diag-starttls_required-explanation = On port 587 Gmail starts unencrypted, and the app must switch encryption on with the STARTTLS command before it logs in or sends (reply 530 5.7.0 Must issue a STARTTLS command first). The app skipped that step, so Gmail refused.
diag-starttls_required-step-1 = Turn on STARTTLS in the app's settings (often called "Use TLS", EnableSsl, EMAIL_USE_TLS = True, or server.starttls() before login).
diag-starttls_required-step-2 = Or use port 465 with SSL/TLS from the start (implicit TLS).
diag-starttls_required-step-3 = Check the host is smtp.gmail.com.
diag-starttls_required-recheck = to see which port and mode work from this machine

diag-auth_required-title = Gmail received mail without a successful login
diag-auth_required-explanation = Gmail expected a login before the message (reply 530 5.7.0 Authentication Required; 5.5.1 in older replies). Either the app never sent the username and password, or Gmail refused them and the app carried on anyway: .NET's SmtpClient does this, so a wrong or missing app password often looks like this error.
diag-auth_required-step-1 = Make sure the app is set to log in, with { $address } as the username (in .NET, set UseDefaultCredentials = false before setting Credentials).
diag-auth_required-step-2 = Use an app password, not your Google password (it needs 2-Step Verification).
diag-auth_required-recheck = to test the login on its own

diag-too_many_logins-title = Too many login attempts in a short time
diag-too_many_logins-explanation = Gmail is temporarily refusing logins for this account (reply 454 4.7.0) because the app logged in too often, usually by opening a new connection and logging in for every message. It passes by itself, but retrying keeps it going.
diag-too_many_logins-step-1 = Stop the app and its retries for a while (at least several minutes).
diag-too_many_logins-step-2 = Change the app to log in once and send many messages over one connection.
diag-too_many_logins-step-3 = If several workers send at once, limit how many connect at the same time.
diag-too_many_logins-recheck = once, after waiting

diag-sending_limit-title = The account reached Gmail's sending limit
diag-sending_limit-explanation = Gmail limits how much an account sends (reply 550 5.4.5): 2,000 messages a day for Google Workspace and about 500 for personal accounts, counted over a rolling 24 hours. Gmail refuses new messages until older ones fall out of that window.
diag-sending_limit-step-1 = Stop sending: the limit lifts by itself within 24 hours.
diag-sending_limit-step-2 = Check the app for loops or retries that send the same message again.
diag-sending_limit-step-3 = For newsletters or bulk mail, use an email delivery service instead of a Gmail account.
diag-sending_limit-step-4 = Read Google's sending limits.

diag-try_again_later-title = Gmail temporarily refused the connection
diag-try_again_later-explanation = Gmail answered "try again later" (a 4xx reply): it is not taking this connection right now, e.g. because of load on its side or too many connections from this address. The credentials were not the problem.
diag-try_again_later-step-1 = Wait a few minutes and try again.
diag-try_again_later-step-2 = Make sure the app introduces itself (EHLO) with a real host name, not localhost or an IP address.
diag-try_again_later-step-3 = Keep the number of connections low: reuse one connection for several messages.
diag-try_again_later-recheck = to retry

diag-oauth_token_rejected-title = Gmail rejected the Sign in with Google token
diag-oauth_token_rejected-explanation = The app logged in with OAuth (XOAUTH2) and Gmail refused the access token. The token expired (they last about an hour), was revoked, or was granted without the full Gmail scope https://mail.google.com/ (gmail.send is not enough for SMTP).
diag-oauth_token_rejected-step-1 = Get a fresh access token with the refresh token, and try again.
diag-oauth_token_rejected-step-2 = Make sure the token was requested with the scope https://mail.google.com/.
diag-oauth_token_rejected-step-3 = Check that the username is { $address }, the Google account that signed in.
diag-oauth_token_rejected-step-4 = If it still fails, sign in with Google again.
diag-oauth_token_rejected-recheck = to confirm

diag-oauth_invalid_grant-title = Google no longer accepts the saved Sign in with Google
diag-oauth_invalid_grant-explanation = Google refused to renew the app's access (invalid_grant: the refresh token expired or was revoked). This happens after 7 days while the OAuth app is in "Testing", after a password change or removing the app's access, or after six months unused.
diag-oauth_invalid_grant-step-1 = Sign in with Google again to get a new refresh token.
diag-oauth_invalid_grant-step-2 = If you run your own OAuth client in "Testing", add each user as a test user or publish the app.
diag-oauth_invalid_grant-step-3 = Check the app still has access to the account.
diag-oauth_invalid_grant-step-4 = On a work or school account, ask the admin whether the app is allowed (admin_policy_enforced means it is blocked).

diag-oauth_access_denied-title = The Google sign-in was declined
diag-oauth_access_denied-explanation = Google did not give the app access (access_denied). Either the consent screen was cancelled, or the OAuth app is in "Testing" and this Google account is not one of its test users: then Google refuses everyone else.
diag-oauth_access_denied-step-1 = Add { $address } as a test user of the OAuth app.
diag-oauth_access_denied-step-1-unknown = Add this Google account as a test user of the OAuth app.
diag-oauth_access_denied-step-2 = Sign in with Google again and allow access to "Read, compose, send and permanently delete all your email from Gmail" (the scope SMTP needs).

diag-oauth_admin_policy-title = Your organization's admin blocks this app
diag-oauth_admin_policy-explanation = The Google Workspace administrator does not allow this OAuth app to access Gmail (admin_policy_enforced). Only the admin can allow it.
diag-oauth_admin_policy-step-1 = Ask your Google Workspace admin to trust the OAuth client (Admin console › Security › API controls › App access control).
diag-oauth_admin_policy-step-2 = Or use an app password, if your admin allows those.

diag-oauth_policy_enforced-title = Advanced Protection blocks this app
diag-oauth_policy_enforced-explanation = The account is enrolled in Google's Advanced Protection Program, which lets only a few verified apps access Gmail (policy_enforced). App passwords are not available either.
diag-oauth_policy_enforced-step-1 = Use a Google-verified mail client, or an account without Advanced Protection for sending from apps.

diag-oauth_redirect_mismatch-title = The OAuth client does not accept this sign-in's redirect
diag-oauth_redirect_mismatch-explanation = Google refused the sign-in because the redirect address is not allowed for this client (redirect_uri_mismatch). smtp-setup redirects to http://127.0.0.1 on a random port, which only a "Desktop app" client accepts.
diag-oauth_redirect_mismatch-step-1 = In Google Cloud, create an OAuth client of type "Desktop app".
diag-oauth_redirect_mismatch-step-2 = Download its JSON file (or copy its client ID and secret) and use it in smtp-setup.

diag-oauth_wrong_scope-title = The sign-in does not allow sending mail over SMTP
diag-oauth_wrong_scope-explanation = The granted access is not https://mail.google.com/, the only scope Gmail's SMTP server accepts (gmail.send is not enough).
diag-oauth_wrong_scope-step-1 = Sign in with Google again and allow full Gmail access on the consent screen.
diag-oauth_wrong_scope-step-2 = If your OAuth app's consent screen lists scopes, add https://mail.google.com/.

diag-oauth_no_redirect-title = The browser never came back from Google's sign-in
diag-oauth_no_redirect-explanation = smtp-setup waited for Google to send the browser back to 127.0.0.1 on this computer, and it did not come within the time allowed. Usually the sign-in was done in a browser on another computer without forwarding the port, the tab was closed, or Google showed a page it does not send anyone back from: "Access blocked" for an app the organization does not allow (admin_policy_enforced) or for an account in Advanced Protection (policy_enforced).
diag-oauth_no_redirect-step-1 = Start the sign-in again and finish it in a browser on this computer.
diag-oauth_no_redirect-step-2 = If the browser runs on another computer, forward the redirect's port first (ssh -L PORT:127.0.0.1:PORT this-computer), then open the address there.
diag-oauth_no_redirect-step-3 = If Google showed "Access blocked" or "This app is blocked", have its page's text explained: its error code says why.

diag-connection_refused-title = The connection to the mail server was refused
diag-connection_refused-explanation = Nothing accepted the connection at that address and port, or a firewall rejected it. Usually the host or port is wrong (Gmail uses smtp.gmail.com on port 587 or 465), or a firewall, antivirus or network policy blocks outgoing mail ports.
diag-connection_refused-step-1 = Check the host is smtp.gmail.com and the port 587 (STARTTLS) or 465 (SSL/TLS).
diag-connection_refused-step-2 = Check that a firewall or antivirus on this machine allows outgoing connections on 587 and 465.
diag-connection_refused-step-3 = On a work or hosted network, ask its admin whether outgoing mail ports are blocked.
diag-connection_refused-recheck = on both ports

diag-connection_timeout-title = The connection to the mail server timed out
diag-connection_timeout-explanation = No answer came back in time. Usually a firewall silently drops the connection: many cloud hosts (DigitalOcean, Google Compute Engine and others) and some internet providers block outgoing ports 25, 465 and 587.
diag-connection_timeout-step-1 = Try the other port: 587 (STARTTLS) or 465 (SSL/TLS).
diag-connection_timeout-step-2 = On a cloud server, check whether the provider blocks outgoing mail ports; ask them to unblock them, or use their mail relay.
diag-connection_timeout-step-3 = Check that a local firewall or VPN is not blocking the connection.
diag-connection_timeout-recheck = on both ports, to see where it stops

diag-connection_reset-title = The connection to the mail server was cut off
diag-connection_reset-explanation = The connection was reset: the server, or something between (a firewall, an antivirus that scans email, a proxy), closed it abruptly. With Gmail it is usually something in the middle, or an app waiting for a greeting on port 465, where Gmail expects TLS from the first byte and drops the connection.
diag-connection_reset-step-1 = Check that no antivirus email scanning, firewall or proxy interferes with ports 587 and 465.
diag-connection_reset-step-2 = On port 465 use SSL/TLS from the start (implicit TLS); on port 587, STARTTLS.
diag-connection_reset-recheck = to see at which stage the connection drops

diag-dns_failure-title = The mail server's name could not be found
diag-dns_failure-explanation = This computer could not look up the server's name (DNS). Either the name is misspelled (it should be smtp.gmail.com), or the machine has no working internet connection or DNS server.
diag-dns_failure-step-1 = Check the host is spelled smtp.gmail.com, with no spaces.
diag-dns_failure-step-2 = Check the machine is online, e.g. by opening a website.
diag-dns_failure-step-3 = In a container, VPN or company network, check its DNS settings.
diag-dns_failure-recheck = to try again

diag-network_unreachable-title = There is no network path to the mail server
diag-network_unreachable-explanation = This computer has no route to the server's address. Often IPv6 is broken: smtp.gmail.com has IPv6 and IPv4 addresses, and an app that tries IPv6 first fails where IPv4 would work. Otherwise the machine is offline, or a VPN or firewall blocks the way.
diag-network_unreachable-step-1 = Check the machine is online.
diag-network_unreachable-step-2 = If the failing address contains colons (IPv6), make the app use IPv4, or fix or turn off IPv6 on this network.
diag-network_unreachable-step-3 = Turn off a VPN or proxy and try again.
diag-network_unreachable-recheck = to see which address fails

diag-tls_untrusted_certificate-title = The mail server's certificate was not trusted
diag-tls_untrusted_certificate-explanation = The encrypted connection presented a certificate this computer does not trust. smtp.gmail.com's real certificate is signed by Google, so something in between is most likely intercepting the connection: antivirus software that scans email, or a company proxy.
diag-tls_untrusted_certificate-step-1 = Turn off email scanning (SSL/TLS or HTTPS scanning) in your antivirus, then try again.
diag-tls_untrusted_certificate-step-2 = On a company network, ask IT whether a proxy intercepts TLS, and install its certificate if it does.
diag-tls_untrusted_certificate-step-3 = Check the computer's date and time, and update its root certificates.
diag-tls_untrusted_certificate-step-4 = Do not turn off certificate checks in your app: that would expose your password.

diag-tls_wrong_mode-title = The app and the port disagree about encryption
diag-tls_wrong_mode-explanation = Gmail's port 587 starts unencrypted and switches on encryption with STARTTLS; port 465 is encrypted from the first byte (implicit TLS). The app used the other kind for its port, so the encrypted handshake failed (errors such as "wrong version number").
diag-tls_wrong_mode-step-1 = For port 587, use STARTTLS: Python SMTP() with starttls(), Nodemailer secure: false, PHPMailer ENCRYPTION_STARTTLS, Java mail.smtp.starttls.enable=true.
diag-tls_wrong_mode-step-2 = For port 465, use SSL/TLS from the start: Python SMTP_SSL(), Nodemailer secure: true, PHPMailer ENCRYPTION_SMTPS, Java mail.smtp.ssl.enable=true.
diag-tls_wrong_mode-recheck = to see which combination works from this machine

diag-keychain_unavailable-title = The system keychain could not be read
diag-keychain_unavailable-explanation = smtp-setup keeps each account's secret only in the system keychain, and the keychain did not give it out: no keychain service is running, it is locked, or access was refused. Nothing is wrong with the account at Google.
diag-keychain_unavailable-step-1 = Unlock the keychain (log in to the desktop session, or open Passwords and Keys), then try again.
diag-keychain_unavailable-step-2 = On a server without a desktop, start a Secret Service first: `dbus-run-session -- sh -c 'gnome-keyring-daemon --unlock --components=secrets; ...'`.
diag-keychain_unavailable-recheck = once the keychain is unlocked

diag-secret_missing-title = The keychain has no secret for this account
diag-secret_missing-explanation = The account is in smtp-setup's list, but the system keychain holds no password or sign-in for it: it was deleted from the keychain, or the keychain was reset or replaced.
diag-secret_missing-step-1 = Store the secret again: replace the app password, or sign in with Google again.
diag-secret_missing-step-2 = Or remove the account and set it up anew.

diag-internal_error-title = smtp-setup hit an internal error
diag-internal_error-explanation = This is a bug in smtp-setup, not a problem with the account, Gmail or the network. The step that failed saved and changed nothing.
diag-internal_error-recheck = to try again
diag-internal_error-step-1 = If it happens again, report it to the smtp-setup developers with the version (`smtp-setup --version`) and what you did; the -v transcript helps, and it never shows passwords.

diag-unknown-title = The problem could not be identified
diag-unknown-explanation = smtp-setup does not recognize this error, so it will not guess. Gmail's own reply (a line starting with a code such as 535 or 534) usually says what went wrong, but many apps hide it unless their debug output is on.
diag-unknown-recheck = to see which stage fails: DNS, connect, TLS, login or send
diag-unknown-step-1 = Turn on your app's debug output (Python set_debuglevel(1), PHPMailer SMTPDebug = 2, Nodemailer debug: true) and have the server's reply explained.
diag-unknown-step-2 = Check the settings: host smtp.gmail.com, port 587 (STARTTLS) or 465 (SSL/TLS), { $address } as the username, and an app password.

## Nuances: a more precise reading of a cause, with its own explanation and steps.

diag-nuance-certificate_expired-explanation = The server's certificate looked expired or not yet valid. Gmail renews its certificates long before they expire, so most likely this computer's date and time are wrong, or something intercepting the connection (antivirus, a company proxy) presents an old certificate.
diag-nuance-certificate_expired-step-1 = Set this computer's date, time and time zone correctly (turn on automatic time).
diag-nuance-certificate_expired-step-2 = Turn off email scanning (SSL/TLS or HTTPS scanning) in your antivirus.
diag-nuance-certificate_expired-step-3 = Update the computer's root certificates (system updates).
diag-nuance-certificate_expired-step-4 = Do not turn off certificate checks in your app: that would expose your password.

diag-nuance-certificate_wrong_host-explanation = The certificate was made out for a different name than the server the app connected to. Either the app connects to another name or a bare IP address instead of smtp.gmail.com, or antivirus software or a company proxy intercepts the connection.
diag-nuance-certificate_wrong_host-step-1 = Set the host to exactly smtp.gmail.com, not an IP address or another alias.
diag-nuance-certificate_wrong_host-step-2 = Turn off email scanning (SSL/TLS or HTTPS scanning) in your antivirus.
diag-nuance-certificate_wrong_host-step-3 = On a company network, ask IT whether a proxy intercepts TLS.
diag-nuance-certificate_wrong_host-step-4 = Do not turn off certificate checks in your app: that would expose your password.

diag-nuance-stalled_after_connect-explanation = The connection opened, then the server went silent. Either a firewall or proxy stalls the traffic, or the app and the port disagree about encryption: on port 465 the app must start TLS at once (implicit TLS), and waiting for a greeting there hangs.
diag-nuance-stalled_after_connect-step-1 = On port 465, turn on SSL/TLS from the start (Nodemailer secure: true, Python SMTP_SSL); .NET's SmtpClient cannot do this, so use 587 with it.
diag-nuance-stalled_after_connect-step-2 = On port 587, let the app read the greeting, then send STARTTLS (Nodemailer secure: false, Python SMTP() with starttls()).
diag-nuance-stalled_after_connect-step-3 = Check that no firewall, proxy or antivirus holds up the connection.
diag-nuance-stalled_after_connect-recheck = on both ports, to see where it stops

diag-nuance-ehlo_name-explanation = Gmail closed the connection after the app's greeting (EHLO, reply 421 4.7.0). It does this when the app introduces itself as localhost or a bare IP address instead of a real host name.
diag-nuance-ehlo_name-step-1 = Set the name the app sends in EHLO to a real host name (Python local_hostname, PHPMailer Hostname, Nodemailer name).
diag-nuance-ehlo_name-step-2 = Wait a few minutes, then try again.
diag-nuance-ehlo_name-recheck = to confirm Gmail accepts the connection

diag-nuance-sign_in_other-explanation = The Google sign-in did not finish. The message above says why; it is about signing in, not about Gmail's SMTP server.
diag-nuance-sign_in_other-step-1 = Do what the message says, then start the sign-in again.
diag-nuance-sign_in_other-step-2 = Check the OAuth client: a "Desktop app" client from your Google Cloud project.
