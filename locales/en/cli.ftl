# The command line's texts (src/cli, src/main.rs). Terminal safety stays in the code: every
# line goes through cli::console, which makes outside text inert.

## main.rs

cli-panic = smtp-setup { $version } hit an internal error{ $place }. This is a bug: please report it with the command you ran (leave out any password). Nothing was saved by the step that failed.
cli-panic-place = {" "}at { $file }:{ $line }
cli-no-window =
    Cannot open the window: { $error }
    A window needs a display and OpenGL (on Debian: libegl1, libgl1 and libgl1-mesa-dri). On a server, use the headless commands: smtp-setup --help

## --help (clap): the program's and each command's one-line description, and the exit codes.

cli-about = Set up, test and diagnose Gmail SMTP credentials.
cli-about-check = Connect, start TLS and log in, without sending anything.
cli-about-send-test = Log in and send a test message (to yourself unless --to is given).
cli-about-store = Check an app password with Gmail, then save it in the system keychain as an account.
cli-about-accounts = List, show, remove stored accounts, or choose the default one.
cli-about-accounts-list = List the stored accounts.
cli-about-accounts-show = Show one account's settings and whether its secret is in the keychain.
cli-about-accounts-remove = Remove an account: its keychain entry and its settings.
cli-about-accounts-set-default = Make an account the default for `check` and `send-test`.
cli-about-oauth = Sign in with Google (OAuth2, your own "Desktop app" client) instead of an app password.
cli-about-oauth-authorize = Sign in with Google in a browser and save the account (refresh token in the keychain).
cli-about-export = Print ready settings for an app's stack (Django, Laravel, Nodemailer, msmtp…); `--format list` lists them. The secret stays out unless --include-secret.
cli-about-password = Print a stored account's app password (or a fresh access token) for programs that ask for it at run time, such as msmtp's passwordeval.
cli-about-run = Run a command with the account's settings in its environment (SMTP_HOST, SMTP_PASSWORD…, or the names --format's stack reads), read from the keychain and written nowhere.
cli-about-relay = Run a local SMTP relay on 127.0.0.1 that any app sends through: each message goes to Gmail during the app's own transaction, with the keychain's credential.
cli-about-diagnose = Explain a Gmail SMTP error: paste the message from any program, or `-` to read stdin.
cli-about-preflight = Look up where an address's mail is handled (its domain's MX records) before setting it up: Google Workspace, personal Gmail, or another provider with its own SMTP settings.
cli-about-completions = Print a completion script for a shell (bash, zsh, fish, elvish, powershell).
cli-about-man = Print the man page, or write every command's page into --out-dir.
cli-about-lang = Language of the texts: en (English) or ko (한국어) [default: the system's language].
cli-exit-codes-help =
    Exit codes:
      0  success
      1  other failure (the server refused the message, a sending limit, an unreadable account list)
      2  bad input (an invalid address or app password, a missing password, an unknown account)
      3  network failure (DNS, connection refused, timed out, unreachable)
      4  TLS failure (untrusted certificate, wrong TLS mode for the port)
      5  authentication failure (wrong or revoked app password, account password used, sign-in blocked)
      6  keychain unavailable (no Secret Service running, keychain locked, access refused)
    130  cancelled (Ctrl-C); a stored account's run is recorded as cancelled

    Time: each stage waits at most --timeout (default 10 s) and a whole check or test send at most
    --deadline (default 60 s), every route, stage and retry included.

    The password is read from standard input with --password-stdin, or from the environment
    variable SMTP_SETUP_PASSWORD (removed from the environment once read, so programs started
    later do not inherit it); never from an argument, where other users could see it.
    Stored accounts keep their secret in the system keychain (service "smtp-setup", or
    $SMTP_SETUP_KEYCHAIN_SERVICE) and their settings in accounts.toml in the config directory
    (or $SMTP_SETUP_CONFIG_DIR).

## mod.rs

cli-failure = smtp-setup: { $message }
cli-stdin-unreadable = Cannot read standard input: { $error }

## output.rs: a check as it runs, its verdict, and the diagnosis.

cli-route-choice = { $tls } on { $port }
cli-route-and = {" "}and{" "}
cli-start-check = Checking { $user } via { $host } ({ $routes })
cli-start-send = Sending a test message as { $user } via { $host } ({ $routes })
cli-login-works = ✓ Login works: signed in on { $route }, { $ms } ms in all.
cli-test-accepted = ✓ Test message { $id } accepted for { $to }: { $reply }
cli-stage-failed = ✗ { $stage } failed: { $detail }
cli-stage-failed-on = ✗ { $stage } failed on { $route }: { $detail }
cli-route-used = used
cli-route-worked = works too (not used)
cli-route-failed = failed at { $stage }: { $detail }
cli-route-unfinished = still connecting when the check ended
cli-saved =
    ✓ { $replaced ->
        [yes] Replaced the secret of
       *[no] Saved
    } { $address }: { $method ->
        [oauth] the Google sign-in (refresh token)
       *[app-password] the app password
    } is in the system keychain (service "{ $service }"), the settings ({ $server }:{ $port }, { $tls }) in { $path }.
cli-not-verified = {"  "}Not verified (--no-verify): run `smtp-setup check --account { $address }` to test it.
cli-authorize-open = Open this address in a browser and sign in with the Google account:
cli-authorize-waiting = Waiting for Google to send the browser back to { $redirect } ...
cli-authorize-forward = (If the browser runs on another computer, forward the port first: ssh -L { $port }:127.0.0.1:{ $port } THIS-HOST)
cli-sign-in-failed = ✗ Google sign-in failed: { $error }
cli-not-saved = Nothing was saved for { $user }; a stored password, if any, is unchanged.
cli-cancelled = Cancelled; { $user } is recorded as cancelled (neither OK nor failing).
cli-how-to-fix = How to fix it:
cli-details = Details: { $evidence }
cli-cause = (cause: { $cause })

## connect.rs: check, send-test, store.

cli-all-no-send = --all checks every account; send a test message with one --account.
cli-all-ok = OK ({ $took })
cli-all-sign-in-ends = ; Google sign-in ends { $left }
cli-all-summary = { $passed } of { $total } accounts pass.
cli-no-runtime = Cannot start the async runtime: { $error }
cli-password-stdin-unreadable = Cannot read the password from standard input: { $error }
cli-password-too-long = The password on standard input is longer than 4 KiB: pipe only the password (an app password is 16 letters).
cli-password-not-utf8 = The password on standard input is not UTF-8 text.
cli-password-prompt = App password for { $user } (typing is hidden):{" "}
cli-password-terminal-unreadable = Cannot read the password from the terminal: { $error }
cli-no-password = No password given: pipe it with --password-stdin, or set SMTP_SETUP_PASSWORD.

## accounts.rs

cli-now-default = { $address } is now the default account.
cli-health-sign-in-ends = Google sign-in ends { $left } (its OAuth client is in Testing: sign in again before then)
cli-health-relay = relay: { $sent } of Gmail's { $limit } a day sent in the last 24 h
cli-health-relay-refused = ; last refused { $ago }: { $reply }
cli-no-accounts = No accounts stored. Add one with `smtp-setup store --user ADDR --password-stdin`.
cli-default-legend = (* = default)
cli-status-never = never checked
cli-status-ok = OK, checked { $ago }
cli-status-cancelled = last check cancelled { $ago }
cli-status-failing = failing: { $title } ({ $ago })
cli-show-default = {" "}(default)
cli-show-method = Method:        { $method }
cli-show-server = Server:        { $server }:{ $port } ({ $tls })
cli-show-created = Created:       { $created }
cli-show-last-worked = Last worked:   { $ago } ({ $exact })
cli-show-never-worked = Last worked:   never
cli-show-last-check = Last check:    { $status }
cli-show-secret-stored = Secret:        in the system keychain (service "{ $service }")
cli-show-secret-missing = Secret:        missing from the keychain; store it again with `smtp-setup store`
cli-show-secret-unreadable = Secret:        cannot be read: { $error }
cli-nothing-to-remove = Nothing to remove: { $address } is not stored.
cli-removed-app-password = Removed the app password from the system keychain.
cli-removed-oauth = Removed the Google sign-in from the system keychain.
cli-removed-from-list = Removed { $address } from the account list.
cli-still-there = Still there: { $what }.

## app.rs: export, password, run.

cli-unknown-format = Unknown format "{ $format }". The formats are: { $formats }.
cli-inline-by-flag = Writing the password into the settings is asked for with --include-secret (instead of --secret inline), so that it is never chosen by accident.
cli-never-checked = smtp-setup: { $address } was never checked with Gmail; run `smtp-setup check --account { $address }` first.
cli-snippet-goes-in = # { $name } — goes in { $file }
cli-snippet-warning = # Warning: { $warning }
cli-relay-format-name = Any app, through the local relay
cli-formats-legend = (FORMAT, the stack, how the secret can get there: the default first)
cli-password-on-terminal = Standard output is a terminal, where the password would stay on screen. This command is for programs that read it (msmtp's passwordeval, a script's $(…)); add --show to print it here anyway.
cli-run-no-command = Give the command to run after `--`.
cli-run-cannot-start = Cannot start { $program }: { $error }

## relay.rs

cli-relay-connect = Apps send to host { $host }, port { $port }, with STARTTLS and SSL off (nothing leaves this machine unencrypted: the relay talks TLS to Gmail).
cli-relay-no-login = No login: any program on this machine can send as these accounts while the relay runs.
cli-relay-login = {"  "}{ $address }: username { $address }, password from `smtp-setup password --relay --account { $address }`
cli-relay-how = Each message goes to Gmail while the app waits, and the app gets Gmail's own answer. Ctrl-C stops.
cli-relay-expiring-summary = Gmail sign-in of { $address } ends { $left }
cli-relay-expiring-body = Its OAuth client is in Testing, where Google ends sign-ins after 7 days. Open smtp-setup and choose Sign in again.
cli-service-kind = systemd or launchd
cli-no-exe = Cannot tell where smtp-setup is installed: { $error }
cli-service-goes-in = # Goes in { $path }. To install and start it:

## smtp-setup man

cli-man-write-failed = Could not write the man pages into { $dir }: { $error }
