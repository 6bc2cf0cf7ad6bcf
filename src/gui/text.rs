//! Every text the window shows, in one table. English is complete; another language is a
//! second column here, chosen in `tr`. Texts with `{placeholders}` are filled by callers.
//! (Diagnosis texts come from the engine and are keyed by cause id for translation.)

macro_rules! texts {
    ($($key:ident => $english:expr,)*) => {
        /// A text of the user interface.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum T { $($key,)* }

        impl T {
            pub const ALL: &'static [T] = &[$(T::$key,)*];

            fn english(self) -> &'static str {
                match self { $(T::$key => $english,)* }
            }
        }
    };
}

/// The text in the user's language (English for now).
pub fn tr(text: T) -> &'static str {
    text.english()
}

/// The text with `{name}` placeholders filled in.
pub fn trf(text: T, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(tr(text).to_string(), |acc, (name, value)| {
            acc.replace(&format!("{{{name}}}"), value)
        })
}

texts! {
    AppTitle => "smtp-setup — Gmail SMTP setup",
    Continue => "Continue",
    Back => "Back",
    Cancel => "Cancel",
    Close => "Close",
    Copy => "Copy",
    Copied => "Copied ✔",
    Finish => "Finish",
    StepAccount => "Account",
    StepTwoStep => "2-Step Verification",
    StepAppPassword => "App password",
    StepVerify => "Check & save",
    StepTestMessage => "Test message",
    StepDone => "Done",
    StepOAuthClient => "OAuth client",
    StepSignIn => "Sign in",
    StepOf => "Step {n} of 6",

    AccountHeading => "Which Gmail account should send the mail?",
    AccountIntro => "smtp-setup checks each step with Gmail itself and keeps the password in your system keychain, never in a file.",
    AddressLabel => "Gmail address",
    AddressHint => "you@gmail.com",
    PersonalAccount => "A personal Google account: app passwords are available once 2-Step Verification is on.",
    WorkspaceAccount => "Not a gmail.com address: this works if {domain}'s mail is run by Google Workspace (work or school). Its administrator may have turned app passwords off; then use Sign in with Google.",
    OtherProviderAccount => "{address} is a {provider} address, not a Google account. smtp-setup sets up sending through Gmail only; use {provider}'s own SMTP settings for it.",
    TypoFirst => "Use the suggestion, or keep the address as typed, to continue.",
    KeepAsTyped => "Keep {address}",
    DidYouMean => "Did you mean {address}?",
    UseSuggestion => "Use {address}",
    MethodLabel => "How should apps sign in?",
    MethodAppPassword => "App password (recommended for apps that speak SMTP)",
    MethodAppPasswordNote => "A 16-letter password that Google makes for one app. It needs 2-Step Verification and can be revoked at any time.",
    MethodOAuth => "Sign in with Google (OAuth2, for apps that support XOAUTH2)",
    MethodOAuthNote => "Needs an OAuth client of your own in Google Cloud. No password is stored: only a refresh token you can revoke. Works where app passwords are turned off.",
    AlreadyStored => "{address} is already set up (checked {when}).",
    AlreadyStoredNever => "{address} is already set up (not checked yet).",
    Retest => "Check it again",
    ReplacePassword => "Replace its app password…",

    TwoStepHeading => "Turn on 2-Step Verification",
    TwoStepWhy => "Gmail no longer accepts your Google account password from apps (that ended on 30 May 2022). Apps use an app password instead, and Google offers app passwords only on accounts with 2-Step Verification.",
    TwoStepHow => "On the page that opens, check that 2-Step Verification is on. If it is off, turn it on and follow Google's steps (a phone or an authenticator app).",
    OpenTwoStep => "Open 2-Step Verification page",
    TwoStepDone => "It's on — continue",

    AppPasswordHeading => "Create an app password",
    AppPasswordSteps => "1. Open the App passwords page and sign in if asked.\n2. Type a name for the app, for example \"SMTP\", and press Create.\n3. Google shows a 16-letter password once, in four groups. Copy it and paste it below.",
    OpenAppPasswords => "Open App passwords page",
    AppPasswordLabel => "App password",
    AppPasswordHint => "abcd efgh ijkl mnop",
    ShowPassword => "Show",
    HidePassword => "Hide",
    LettersCounted => "{n} of 16 letters",
    AppPasswordLooksRight => "16 letters: looks right (spaces don't matter).",
    AppPasswordRefused => "Gmail refused this app password. Create a new one and paste it here.",
    NotAvailableHelp => "If the page says the setting is not available",
    NotAvailableReasons => "When the page says \"The setting you are looking for is not available for your account\", Google hides app passwords because:\n• 2-Step Verification is off (go back one step and turn it on);\n• 2-Step Verification uses only security keys (add another second step, such as an authenticator app);\n• the account is a work or school account whose administrator turned app passwords off (ask them, or use Sign in with Google);\n• the account is enrolled in Advanced Protection (use Sign in with Google).",
    CheckAndSave => "Check & save",

    OAuthClientHeading => "Your OAuth client",
    OAuthClientIntro => "Google lets desktop apps sign in to Gmail only through an OAuth client that you create in your own Google Cloud project. It takes a few minutes, once.",
    OAuthClientCreate => "1. Create a client of type \"Desktop app\" (Clients › Create client), then download its JSON file or copy its client ID and secret.",
    OAuthTestUser => "2. On the Audience page, add {address} as a test user (while the app is in \"Testing\", only test users may sign in).",
    OAuthTestingNote => "While the app is in \"Testing\", Google's refresh tokens expire after 7 days: you will need to sign in again weekly until the app is published.",
    ClientFileLabel => "Client file",
    LoadClientFile => "Load client file",
    ClientIdLabel => "Client ID",
    ClientSecretLabel => "Client secret",
    ClientReady => "Client {id} is ready.",
    SignInHeading => "Sign in with Google",
    SignInIntro => "Your browser opens Google's sign-in page. Choose the account, allow access to Gmail (SMTP needs full Gmail access), and Google sends the browser back to smtp-setup on this computer.",
    SignInButton => "Sign in with Google",
    SignInWaiting => "Waiting for Google in your browser…",
    SignInUrl => "If no browser opened, open this address on this computer:",
    SignedIn => "Signed in: Google gave smtp-setup access to send mail as {address}.",
    SignInAgain => "Sign in again",
    VerifyIntroOAuth => "smtp-setup signs in to Gmail with your Google sign-in. Only if Gmail accepts it is it saved, in your system keychain.",
    VerifySavedOAuth => "Gmail accepted your Google sign-in and it is saved in your keychain.",
    VerifyHeading => "Check and save",
    VerifyIntro => "smtp-setup signs in to Gmail with the app password, and saves it in your system keychain only after Gmail accepts it.",
    VerifyRunning => "Checking with Gmail…",
    VerifyCancelled => "Check cancelled. Nothing was saved.",
    VerifySaved => "Gmail accepted the app password and it is saved in your keychain.",
    VerifyRoute => "Signed in on {route}.",
    RetestHeading => "Check the saved app password",
    RetestOk => "The saved app password still works: Gmail accepted it.",

    TestHeading => "Send a test message",
    TestIntro => "Send a message through Gmail to see the whole path work. It goes to your own address unless you choose another.",
    RecipientLabel => "Recipient",
    SendTest => "Send test message",
    SendAgain => "Send again",
    Sending => "Sending…",
    SendOk => "Gmail accepted the test message for {to} ({time}). Look for \"smtp-setup test message\" in that inbox in a minute, or in Spam.",
    SendAnother => "Send to {address} too",
    SendCancelled => "Sending cancelled.",
    SendReply => "Gmail's reply: {reply}",
    Skip => "Skip",

    DoneHeading => "All set",
    DoneIntro => "Put these settings in the app that sends mail:",
    SettingServer => "Server",
    SettingPort => "Port",
    SettingSecurity => "Security",
    SettingUsername => "Username",
    SettingPassword => "Password",
    PasswordWhere => "the app password, kept in the system keychain (service \"{service}\")",
    CopyAll => "Copy all settings",
    SetUpAnother => "Set up another account",
    ToAccounts => "‹ Accounts",

    AccountsHeading => "Gmail SMTP accounts",
    AddAccount => "Add account…",
    NoAccounts => "No accounts yet. Add one to set up Gmail SMTP.",
    KeychainUnavailable => "The system keychain cannot be read, so passwords cannot be checked or used. The accounts below are listed from the settings file.",
    SecretMissing => "The keychain has no password for this account: use \"Replace app password…\" to store one.",
    DefaultMarker => "Default",
    MethodShortAppPassword => "App password",
    MethodShortOAuth => "Google sign-in",
    CheckedAgo => "checked {when}",
    NotCheckedYet => "not checked yet",
    ChipChecking => "Checking…",
    ChipNotChecked => "Not checked yet",
    ChipWorking => "Working",
    ChipFailing => "Failing",
    ChipCancelled => "Last check cancelled",
    SendTestAction => "Send test…",
    CheckAction => "Check",
    MoreActions => "More…",
    ReplaceAction => "Replace app password…",
    ReauthorizeAction => "Sign in again…",
    PasswordWhereOAuth => "none: a Google sign-in (refresh token) kept in the system keychain (service \"{service}\"); the app signs in with XOAUTH2",
    RemoveAction => "Remove…",
    SetDefault => "Make default",
    CopySettings => "Copy settings",
    CopyWithPassword => "Copy with password…",
    CopyRelayPassword => "Copy relay password",
    RelayStart => "Start relay",
    RelayStop => "Stop relay",
    RelayOn => "Relay on {address}",
    RelayExplain => "Lets any app on this computer send as this account without holding its password.",
    RelayCounts => "{relayed} sent since it started · {day} of Gmail's {limit} a day in the last 24 h",
    RelayLogin => "Apps connect without TLS and log in as {user} with the relay password (in More…: Copy relay password). Each message goes to Gmail while the app waits.",
    RelayLastRefusal => "Last refused: {reply} {cause}",
    RelayFailed => "The relay could not start",
    SignInEnds => "Sign-in ends {left}",
    OAuthPublished => "My OAuth app is published (\"In production\"), not in Testing",
    OAuthPublishedWhy => "While an OAuth app is in Testing, Google ends its sign-ins after 7 days. smtp-setup shows when this one ends and warns a day before; Google Cloud → OAuth consent screen shows the publishing status.",
    SignInEndsWhy => "This OAuth client is in Testing, where Google ends sign-ins after 7 days. Sign in again before then (More… → Sign in again…), or publish the client in Google Cloud.",
    ResultCheck => "Check · {when}",
    ResultSend => "Test message · {when}",
    ResultReplace => "New app password · {when}",
    ResultLast => "Last check · {when}",
    CheckOk => "Gmail accepted the login.",
    LastCheckFailed => "It failed: {title}",
    ReplaceIntro => "Create a new app password at Google and paste it here. The saved one stays until the new one is checked.",
    NewAppPasswordLabel => "New app password",
    VerifyAndReplace => "Check and replace",
    ReplacedOk => "The new app password works and is saved in your keychain. Revoke the old one on the App passwords page.",
    OldPasswordKept => "Gmail refused the new app password, so nothing changed: the saved one is kept.",
    ConfirmRemove => "Remove {address}? Its secret is deleted from the system keychain and the account from this list.",
    RemoveConfirmed => "Remove",
    ConfirmReveal => "The settings and the password will be on the clipboard, where other programs can read them. Copy them?",
    RevealConfirmed => "Copy with password",
    ActionCancelled => "Cancelled.",
    RemoveIncomplete => "The account was not fully removed: {error}",
    Removed => "Removed {address} from this computer.",
    RevokeAtGoogle => "The app password still works at Google until you revoke it there:",
    RevokeAccessAtGoogle => "smtp-setup keeps access to the account at Google until you remove it there:",
    Dismiss => "Dismiss",

    OpenedInBrowser => "Opened in your browser.",
    Opening => "Opening your browser…",
    NoBrowser => "No browser could be opened here. Copy this address into a browser:",
    LinkIs => "Address:",
    UseInAppAction => "Use in your app…",
    UseInAppOffer => "Next, the settings written for your app (Django, Laravel, Nodemailer, .NET, msmtp…), with the password kept out of its files:",
    UseInAppHeading => "Use {address} in your app",
    UseInAppIntro => "Choose what your app is built with: its settings below are ready to paste, with Gmail's encryption set the way that stack names it.",
    FindStack => "Find your stack",
    FindStackHint => "django, php, node, c#, cron…",
    NoStackMatches => "Nothing matches; the .env / Docker or curl settings work for most apps.",
    GoesIn => "Goes in: {file}",
    SecretHow => "How the password gets to the app",
    ModeReference => "The app reads it from the keychain when it runs (through smtp-setup, or Python's keyring package; nothing stored in the app)",
    ModeEnvironment => "From environment variables that smtp-setup run sets (nothing stored in the app)",
    ModeInline => "Written into the settings (the file then holds the password)…",
    ConfirmInline => "The password will be written in plain text into {file}, where anyone who can read that file can send mail as you. Write it in?",
    InlineConfirmed => "Write the password in",
    ReadingKeychain => "Reading the password from the keychain…",
    SaveToFile => "Save to file…",
    CopySnippet => "Copy these settings",
    NeverChecked => "This account was never checked with Gmail: press Check on its card first, so these settings are known to work.",
    PasteTrimmed => "Only the last 256 KiB of the paste are kept: the error is almost always at the end.",
    SavedTo => "Saved to {path}.",
    NothingSaved => "Nothing was saved: the dialog was cancelled, or no file dialog is available here (on Linux it needs xdg-desktop-portal). Copy works everywhere.",
    SaveFailed => "The file could not be written: {error}",
    ServerCheckHeading => "Test from your server",
    ServerCheckIntro => "Mail usually fails on the server, not here. Run this there to check the same account the same way:",
    StillFails => "Your app still fails? Paste its error",
    AccountGone => "This account is no longer stored here.",
    ExplainError => "Explain an error…",
    HaveErrorMessage => "I already have an error message from my app ›",
    DecoderHeading => "Explain an error message",
    DecoderIntro => "Paste what your app or its log printed when sending failed: a Python traceback, a .NET SmtpException, a PHPMailer or Nodemailer error, a Postfix log line. smtp-setup explains it and says how to fix it.",
    DecoderLabel => "Error message",
    DecoderHint => "535-5.7.8 Username and Password not accepted…",
    CheckThisAccount => "Check {address}",
    SetUpThisAddress => "Set up {address}",
    ToSetup => "‹ Setup",
    LightTheme => "Light theme",
    DarkTheme => "Dark theme",

    DiagnosisSteps => "How to fix it",
    RecheckStep => "Then check again:",
    PressToRecheck => "Then press {button}.",
    CheckAgain => "Check again",
    FixOnItsPage => "Go to App password",
    GoToPage => "Go to {name}",
    TechnicalDetails => "Technical details",
    Details => "Details",
    RouteUsed => "used",
    RouteNotNeeded => "not needed",
    ServerReply => "Server reply",
    SettingsProblem => "The settings cannot be used: {error}",
    KeychainRead => "The password could not be read from the keychain: {error}",
    StageWaiting => "waiting…",
    NotNeeded => "not needed: another route answered first",
    Cancelled => "cancelled",
    InternalError => "smtp-setup {version} hit an internal error (a bug). Nothing was saved by this step.",
    ClipboardWillClear => "The password is on the clipboard; smtp-setup removes it in {secs} s if the clipboard still holds it.",
    ClipboardCleared => "The password was removed from the clipboard.",
    ClipboardChanged => "The clipboard holds something else now, so it was left as it is.",
    ClipboardUnreadable => "The clipboard could not be read, so the password may still be on it: copy something else over it.",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_present_and_placeholders_fill() {
        for text in T::ALL {
            assert!(!tr(*text).trim().is_empty(), "{text:?}");
        }
        assert_eq!(trf(T::StepOf, &[("n", "3")]), "Step 3 of 6");
    }
}
