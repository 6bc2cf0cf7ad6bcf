# The engine's own texts (src/when.rs, src/smtp, the engine's errors, src/relay, src/export),
# shown by both the window and the CLI.

## Relative times (src/when.rs)

when-just-now = just now
when-minutes-ago = { $count } min ago
when-hours-ago = { $count } h ago
when-yesterday = yesterday
when-days-ago = { $count } days ago
when-took-ms = { $ms } ms
when-took-seconds = { $secs } s
when-ended = ended
when-less-than-an-hour = less than an hour
when-about-hours = { $count ->
    [one] about { $count } hour
   *[other] about { $count } hours
}
when-about-days = about { $count } days

## The staged check (src/smtp): stage names, what each stage found, why it failed

stage-resolve = DNS
stage-connect = Connect
stage-greeting = Greeting
stage-ehlo = EHLO
stage-tls = TLS
stage-auth = AUTH
stage-send = Send
tls-mode-starttls = STARTTLS
tls-mode-implicit = implicit TLS
check-failed = { $stage } failed: { $detail }
smtp-deadline-reached = The whole check reached its limit of { $secs } s during this stage (--deadline).
smtp-timeout-resolve = The DNS lookup did not finish within { $secs } s.
smtp-timeout-connect-port = No connection within { $secs } s: something is dropping traffic to port { $port } (cloud hosts and some networks block outgoing mail ports).
smtp-timeout-connect = No connection within { $secs } s: something is dropping traffic to port (cloud hosts and some networks block outgoing mail ports).
smtp-timeout-greeting = The server accepted the connection but sent no greeting within { $secs } s.
smtp-timeout-ehlo = The server did not answer EHLO within { $secs } s.
smtp-timeout-tls = The TLS handshake did not complete within { $secs } s.
smtp-timeout-auth = The server did not answer the login within { $secs } s.
smtp-timeout-send = The server did not accept the message within { $secs } s.
smtp-connected-to = Connected to { $address }
smtp-connect-also-failed = ; { $address } failed: { $detail }
smtp-server-offers = Server offers: { $capabilities }
smtp-no-starttls = The server does not offer STARTTLS; refusing to send the password unencrypted.
smtp-no-addresses = No addresses to connect to.
smtp-also-tried = { $detail } (also tried { $others })
smtp-wrong-mode-implicit = Port { $port } speaks implicit TLS (TLS from the first byte), so it never greets a STARTTLS client: use implicit TLS on this port, or STARTTLS on port 587.
smtp-server-answered = The server answered { $reply }
smtp-closed-without-reply = The server closed the connection without a reply.
smtp-overlong-line = The server sent an overlong line.
smtp-overlong-reply = The server sent an overlong reply.
smtp-not-smtp = The server sent something that is not SMTP: { $first }
smtp-data-before-tls = The server sent data before the TLS handshake; refusing to continue.
smtp-already-encrypted = The connection is already encrypted.
smtp-bad-server-name = "{ $host }" is not a valid TLS server name.
smtp-connection-refused = The connection was refused: nothing accepts connections on this port, or a firewall rejects them.
smtp-connection-closed = The server closed the connection.
smtp-connection-timed-out = The connection timed out.
smtp-unreachable = The network or host is unreachable from this machine.
smtp-connection-error = Connection error: { $error }
smtp-certificate-untrusted = The server's certificate is not signed by an authority this machine trusts ({ $error }).
smtp-certificate-expired = The server's certificate is expired or not yet valid (check this machine's clock) ({ $error }).
smtp-certificate-wrong-host = The server's certificate was issued for a different host name ({ $error }).
smtp-certificate-rejected = The server's certificate was rejected ({ $error }).
smtp-plain-text-not-tls = The server answered in plain text, not TLS: this port expects STARTTLS (usually port 587), not implicit TLS.
smtp-handshake-failed = The TLS handshake failed: { $error }.
smtp-resolved-connect-to = { $host } is { $addresses } (--connect-to)
smtp-cannot-resolve = Cannot resolve { $host }: { $error }.
smtp-no-addresses-for = { $host } has no addresses.
smtp-resolved = { $host } is { $addresses }
smtp-signed-in-as = Signed in as { $user }
smtp-cannot-build-message = Cannot build the test message: { $error }
smtp-message-accepted = Message { $id } accepted for { $to }
smtp-internal-error = smtp-setup { $version } hit an internal error while checking.
smtp-token-rejected = Gmail rejected the OAuth access token: { $challenge }
smtp-offers-none = none
smtp-auth-not-offered = The server does not offer AUTH { $wanted } on this connection (it offers: { $offered }).
smtp-command-has-line-break = A command line may not contain CR or LF.
smtp-no-answer-within = The server did not answer within { $secs } s.
smtp-bad-server = "{ $server }" is not HOST or HOST:PORT (e.g. smtp.gmail.com:587).

## Addresses and app passwords as typed or pasted (src/address.rs, src/app_password.rs)

address-empty = Enter an email address, such as you@gmail.com.
address-control-characters = An address cannot contain line breaks or control characters (they could inject extra mail headers).
address-spaces = An address cannot contain spaces.
address-at-sign = An address needs exactly one @, as in you@gmail.com.
address-empty-local-part = The part before the @ is missing.
address-domain = "{ $domain }" is not a valid domain; it should look like gmail.com or example.org.
address-invalid = "{ $address }" is not a valid email address.
header-control-characters = The { $field } cannot contain line breaks or control characters (they could inject extra mail headers).
app-password-empty = Paste the 16-letter app password that Google showed you.
app-password-wrong-length = An app password has 16 letters; found { $found }. Copy all four groups of four letters from Google's App passwords page.
app-password-invalid-characters = App passwords contain only the letters a to z; found { $found }. Check for a typo, or copy the password again from Google's App passwords page.
app-password-account-password = This looks like your Google account password, not an app password. Gmail no longer accepts account passwords from apps: create an app password (16 letters) on the App passwords page and paste that instead.
app-password-symbols = { $count ->
    [one] 1 symbol or accented letter
   *[other] { $count } symbols or accented letters
}
app-password-digits = { $count ->
    [one] 1 digit
   *[other] { $count } digits
}
app-password-digits-and-symbols = { $digits } digits and { $symbols } symbols

## The system keychain (src/keychain.rs)

keychain-none = No keychain is available: smtp-setup keeps passwords only in the system keychain, and none answered{ $hint }. On Linux, install and start a Secret Service (GNOME Keyring or KWallet): log in to a desktop session, or on a server run `dbus-run-session -- sh -c 'gnome-keyring-daemon --unlock --components=secrets; ...'`. Passwords are never written to a plain file instead. ({ $detail })
keychain-hint-no-session-bus = {" "}(there is no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set)
keychain-hint-on-session-bus = {" "}on the D-Bus session bus
keychain-locked = The keychain is locked (or access to it was refused). Unlock it — log in to the desktop session, open "Passwords and Keys", or run `gnome-keyring-daemon --unlock` — and try again. Passwords are never written to a plain file instead. ({ $detail })
keychain-missing = The keychain has no password stored for { $user }.
keychain-timed-out = The keychain did not answer within { $secs } s; it may be waiting for an unlock prompt. Unlock it and try again.
keychain-failed = The keychain failed: { $detail }
keychain-no-answer = the keychain call ended without an answer
keychain-no-default-store = no default credential store

## Sign in with Google (src/oauth)

oauth-client-unusable = The OAuth client is not usable: { $detail }
oauth-listener = Cannot listen for Google's redirect on 127.0.0.1: { $detail }
oauth-timeout = No answer from the browser within { $secs } s; the sign-in was not finished.
oauth-access-denied = The sign-in was declined, or this Google account is not a test user of the OAuth app (while the app is in "Testing", only listed test users may sign in).
oauth-state-mismatch = The browser came back with a different state than this sign-in started with, so the answer was refused (an old sign-in tab, or someone else's link). Start the sign-in again.
oauth-missing-code = Google's redirect carried no authorization code. Start the sign-in again.
oauth-google-answered = Google answered { $code }
oauth-google-answered-described = Google answered { $code }: { $description }
oauth-wrong-scope = The sign-in granted { $granted }, but SMTP needs { $scope } (gmail.send is not enough).
oauth-insecure = The { $what } { $url } (from { $setting }) is not https://, so the refresh token and the client secret would cross the network unencrypted; nothing was sent. Use Google's https:// address (plain http:// is accepted only for 127.0.0.1, ::1 and localhost).
oauth-no-refresh-token = Google returned no refresh token, so the sign-in cannot be kept. Remove the app's access at https://myaccount.google.com/connections and sign in again.
oauth-network = Cannot reach Google's sign-in service: { $detail }
oauth-client-id-bad = the client ID is empty or has spaces; copy it from Google Cloud's Clients page
oauth-not-a-client-file = the file is not a Google OAuth client file ({ $error })
oauth-web-client = this is a "Web application" client; create a "Desktop app" client instead, which may redirect to 127.0.0.1
oauth-no-installed-section = the file has no "installed" client section
oauth-cannot-read = cannot read { $path }: { $error }
oauth-file-auth-uri = the client file's auth_uri
oauth-file-token-uri = the client file's token_uri
oauth-authorization-endpoint = authorization endpoint
oauth-token-endpoint = token endpoint
oauth-redirect-uri = redirect URI
oauth-not-a-url-quoted = the { $what } { $url } is not a URL ({ $error })
oauth-not-a-url = the { $what } is not a URL ({ $error })
oauth-not-a-saved-sign-in = the keychain entry is not a saved Google sign-in
oauth-saved-sign-in = the saved sign-in
oauth-unexpected-token-answer = the token endpoint answered something unexpected: { $body }
oauth-page-not-found = Not found.
oauth-page-wrong-state = This address does not belong to the sign-in smtp-setup is waiting for. Start the sign-in from smtp-setup, or use the newest sign-in tab.
oauth-page-signed-in = Signed in. You can close this tab and go back to smtp-setup.
oauth-page-failed = The sign-in did not work: { $error } Go back to smtp-setup for what to do.

## Settings, TLS trust and the account list (src/settings.rs, src/tls.rs, src/accounts)

settings-bad-server = { $setting }: "{ $value }" is not HOST or HOST:PORT (e.g. smtp.gmail.com:587).
settings-bad-seconds = { $setting } must be seconds between 0 and { $max }, not { $value }.
settings-bad-connect-to = { $setting }: "{ $value }" is not HOST:PORT:IP:PORT (e.g. smtp.gmail.com:587:127.0.0.1:2525).
tls-ca-unreadable = Cannot read the CA file { $path }: { $reason }
tls-ca-empty = The CA file { $path } holds no PEM certificate ("-----BEGIN CERTIFICATE-----").
auth-method-app-password = app password
auth-method-oauth = Google sign-in
index-corrupt = The account list { $path } cannot be read: { $detail }. It was left as it is; fix or move the file away, then try again.
index-io = Cannot { $action } { $path }: { $error }
index-no-config-dir = No config directory could be found for this user; set { $variable }.
index-not-utf8 = it is not UTF-8 text
index-newer-format = it was written by a newer smtp-setup (format { $version })
account-not-found = No account { $address } is stored. `smtp-setup accounts list` shows the stored ones.
account-none-stored = No account is stored yet. Add one with `smtp-setup store --user ADDR --password-stdin`.
account-no-default = Several accounts are stored and none is the default: name one with --account, or choose a default with `smtp-setup accounts set-default ADDR`.
account-not-verified = The password was not saved: { $detail }
account-revoke-app-password = The app password still works at Google until you revoke it: { $url }
account-revoke-oauth = The app keeps access to the account at Google until you remove it: { $url }
account-keychain-entry-remains = the keychain entry (not removed: { $error })
account-list-entry-kept = the account in the list, kept so you can retry
account-list-entry-remains = the account in the list (not removed: { $error })

## The local relay (src/relay): what it reports to a person. Its SMTP replies to apps stay
## English in the code: programs read them.

relay-listening-login = Relay listening on { $address } for { $accounts } (apps log in with the relay password)
relay-listening-open = Relay listening on { $address } for { $accounts } (no login: any program on this machine can send)
relay-relayed = Relayed through { $account }: { $recipients ->
    [one] { $recipients } recipient
   *[other] { $recipients } recipients
}, { $bytes } bytes, { $ms } ms — Gmail: { $reply }
relay-refused = Refused at { $stage } by { $by ->
    [gmail] Gmail
   *[relay] the relay
}: { $reply }
relay-refused-for = Refused at { $stage } for { $account } by { $by ->
    [gmail] Gmail
   *[relay] the relay
}: { $reply }
relay-upstream-connected = Connected to { $route } as { $account }
relay-upstream-reconnected = Reconnected to { $route } as { $account }
relay-upstream-lost = Connection to Gmail for { $account } ended: { $detail }
relay-idle-closed = Gmail closed the idle connection.
relay-token-refreshed = New access token for { $account }
relay-token-refreshed-valid = New access token for { $account }, valid { $minutes } min
relay-sign-in-expiring = The Google sign-in of { $account } stops working in about { $hours } h (its OAuth client is in Testing): sign in again, or publish the client
relay-stopped = Relay stopped
relay-not-loopback = The relay listens only on this machine's loopback (127.0.0.1 or ::1), so no other computer can send mail as you through it; { $address } is not a loopback address. Apps in containers or VMs on this machine can reach it through a port forward.
relay-bad-listen = "{ $value }" is not an address and port to listen on (e.g. 127.0.0.1:2525).
relay-cannot-bind = Cannot listen on { $address }: { $error }. Another program (or another relay) may use the port; choose another with --listen 127.0.0.1:PORT.
relay-no-accounts = No account to relay for.
relay-no-random-bytes = the operating system gave no random bytes

## Notes shown beside an exported snippet (src/export); the snippets themselves stay as
## they are, in the code

export-unknown-format = Unknown format "{ $format }". `smtp-setup export --format list` lists them.
export-mode-not-supported = { $target } cannot take the secret { $mode }; it can: { $supported }.
export-needs-app-password = { $target } needs an app password: this account signs in with Google (XOAUTH2), which { $target } cannot do. Add an app password for it (smtp-setup store), or use a format that speaks XOAUTH2: { $supported }.
export-secret-needed = The secret is needed to write it inline.
export-mode-reference = by reference (asking smtp-setup at run time)
export-mode-environment = from the environment
export-mode-inline = inline
export-secret-app-password = app password
export-secret-access-token = access token
export-inline-warning = This text holds the { $secret } in plain text: whoever can read { $file } can send mail as { $address }. Keep that file private (chmod 600) and out of version control.
export-note-reference = The { $secret } stays in the system keychain; { $target } reads it at run time (`{ $command }`).
export-note-environment = Start the app with `smtp-setup run --account { $user } --format { $format } -- <command>`: it reads the { $secret } from the keychain into { $variable } for that process only, written nowhere.
export-note-inline = The { $secret } is written into this text, as you asked.
export-server-install = On the server, build the command line alone (no window, no keychain needed) from a checkout of smtp-setup: cargo install --path . --no-default-features. It asks for the app password without showing it; a script can set SMTP_SETUP_PASSWORD instead.
export-relay-note = The relay password works only for the relay on this machine; the relay logs in to Gmail with the keychain's app password or Google sign-in.
export-relay-warning = The relay password is now in these settings in plain text; it opens only the relay on this machine, never the Google account.
