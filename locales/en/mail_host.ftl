## Where a domain's mail is handled (the MX preflight): the account step and `smtp-setup preflight`.

mx-checking = Checking where { $domain }'s mail is handled…
mx-checking-note = This asks DNS for the domain's mail servers and takes at most { $seconds } seconds.
mx-personal-google = { $domain } is Gmail: a personal Google account.
mx-google-workspace = { $domain }'s mail is handled by Google ({ $host }): a Google Workspace domain, so Gmail's SMTP server can send for it.
mx-other-provider = { $domain }'s mail is handled by { $provider }, not by Google. Gmail's SMTP server and Google's pages cannot set up this address: use { $provider }'s own SMTP server.
mx-other-host = { $domain }'s mail is handled by { $host }, not by Google. Unless { $domain } is on Google Workspace behind that server, Gmail will not accept this address; ask whoever runs { $host } for its SMTP settings.
mx-no-such-domain = The domain { $domain } does not exist. Check the address for a typo.
mx-no-mx = { $domain } has no mail servers (no MX records), so it receives no mail and is not set up for Google Workspace. Check the address for a typo.
mx-unknown = Could not check where { $domain }'s mail is handled: { $reason }. You can still continue.
mx-reason-timed-out = no answer from DNS within { $seconds } seconds
mx-reason-no-resolver = no DNS server is set up on this computer ({ $error })
mx-reason-failed = the DNS lookup failed ({ $error })
mx-reason-off = the check is turned off (SMTP_SETUP_DNS_SERVER=off)
mx-smtp-server = SMTP server: { $host }, { $ports }
mx-port-starttls = port { $port } (STARTTLS)
mx-port-tls = port { $port } (TLS)
mx-sign-in-oauth = { $provider } is retiring password sign-in (basic authentication) for SMTP: an app must sign in with OAuth 2.0 instead.
mx-sign-in-app-password = { $provider } takes an app password for SMTP, made on its own page, not the account's own password.
mx-steps-microsoft-365 = An administrator must allow SMTP AUTH for the mailbox, and the app must sign in with a Microsoft Entra app registration (OAuth 2.0, XOAUTH2).
mx-steps-outlook = The app must sign in with the Microsoft account through OAuth 2.0 (XOAUTH2); smtp-setup signs in to Google only.
mx-steps-icloud = Turn on two-factor authentication for the Apple Account, then make an app-specific password under Sign-In and Security at account.apple.com.
mx-steps-yahoo = In Yahoo's Account Security, turn on 2-step verification, then choose "Generate app password".
mx-steps-naver = In Naver Mail's settings, turn on POP3/SMTP (환경설정 → POP3/IMAP 설정); with 2-step verification on, make an app password for the Naver ID.
mx-steps-daum = In Daum Mail's settings, turn on IMAP/SMTP (환경설정 → IMAP/POP3); with 2-step verification on, use the app password it issues.
mx-open-page = Open { $provider }'s page
mx-hosts = MX hosts: { $hosts }
