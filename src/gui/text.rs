//! Every text the window shows, named once here as a `T`; the words themselves are in
//! `locales/<lang>/gui.ftl`, looked up through the engine's Fluent layer (`crate::i18n`) in the
//! language of the moment. Diagnosis texts come from the engine, already in that language.

use crate::i18n::{self, Arg, Lang};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

macro_rules! texts {
    ($($key:ident => $id:expr,)*) => {
        /// A text of the user interface.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum T { $($key,)* }

        impl T {
            pub const ALL: &'static [T] = &[$(T::$key,)*];

            /// The text's Fluent id in `gui.ftl`.
            pub fn id(self) -> &'static str {
                match self { $(T::$key => $id,)* }
            }
        }
    };
}

/// The text in the current language. Each text is made once per language and kept for the
/// run (a few hundred short strings), so drawing a frame does no formatting.
pub fn tr(text: T) -> &'static str {
    static MADE: OnceLock<Mutex<HashMap<(Lang, T), &'static str>>> = OnceLock::new();
    let lang = i18n::current();
    let mut made = MADE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    made.entry((lang, text))
        .or_insert_with(|| Box::leak(i18n::text_in(lang, text.id(), &[]).into_boxed_str()))
}

/// The text with its `{ $name }` placeholders filled in.
pub fn trf(text: T, values: &[(&str, &str)]) -> String {
    let args: Vec<(&str, Arg<'_>)> = values
        .iter()
        .map(|(name, value)| (*name, Arg::try_number(value)))
        .collect();
    i18n::text(text.id(), &args)
}

texts! {
    AppTitle => "app-title",
    Continue => "continue",
    Back => "back",
    Cancel => "cancel",
    Close => "close",
    Copy => "copy",
    Copied => "copied",
    Finish => "finish",
    StepAccount => "step-account",
    StepTwoStep => "step-two-step",
    StepAppPassword => "step-app-password",
    StepVerify => "step-verify",
    StepTestMessage => "step-test-message",
    StepDone => "step-done",
    StepOAuthClient => "step-oauth-client",
    StepSignIn => "step-sign-in",
    StepOf => "step-of",

    AccountHeading => "account-heading",
    AccountIntro => "account-intro",
    AddressLabel => "address-label",
    AddressHint => "address-hint",
    PersonalAccount => "personal-account",
    WorkspaceAccount => "workspace-account",
    OtherProviderAccount => "other-provider-account",
    TypoFirst => "typo-first",
    KeepAsTyped => "keep-as-typed",
    DidYouMean => "did-you-mean",
    UseSuggestion => "use-suggestion",
    MethodLabel => "method-label",
    MethodAppPassword => "method-app-password",
    MethodAppPasswordNote => "method-app-password-note",
    MethodOAuth => "method-oauth",
    MethodOAuthNote => "method-oauth-note",
    AlreadyStored => "already-stored",
    AlreadyStoredNever => "already-stored-never",
    Retest => "retest",
    ReplacePassword => "replace-password",

    TwoStepHeading => "two-step-heading",
    TwoStepWhy => "two-step-why",
    TwoStepHow => "two-step-how",
    OpenTwoStep => "open-two-step",
    TwoStepDone => "two-step-done",

    AppPasswordHeading => "app-password-heading",
    AppPasswordSteps => "app-password-steps",
    OpenAppPasswords => "open-app-passwords",
    AppPasswordLabel => "app-password-label",
    AppPasswordHint => "app-password-hint",
    ShowPassword => "show-password",
    HidePassword => "hide-password",
    LettersCounted => "letters-counted",
    AppPasswordLooksRight => "app-password-looks-right",
    AppPasswordRefused => "app-password-refused",
    NotAvailableHelp => "not-available-help",
    NotAvailableReasons => "not-available-reasons",
    CheckAndSave => "check-and-save",

    OAuthClientHeading => "oauth-client-heading",
    OAuthClientIntro => "oauth-client-intro",
    OAuthClientCreate => "oauth-client-create",
    OAuthTestUser => "oauth-test-user",
    OAuthTestingNote => "oauth-testing-note",
    ClientFileLabel => "client-file-label",
    LoadClientFile => "load-client-file",
    ClientIdLabel => "client-id-label",
    ClientSecretLabel => "client-secret-label",
    ClientReady => "client-ready",
    SignInHeading => "sign-in-heading",
    SignInIntro => "sign-in-intro",
    SignInButton => "sign-in-button",
    SignInWaiting => "sign-in-waiting",
    SignInUrl => "sign-in-url",
    SignedIn => "signed-in",
    SignInAgain => "sign-in-again",
    VerifyIntroOAuth => "verify-intro-oauth",
    VerifySavedOAuth => "verify-saved-oauth",
    VerifyHeading => "verify-heading",
    VerifyIntro => "verify-intro",
    VerifyRunning => "verify-running",
    VerifyCancelled => "verify-cancelled",
    VerifySaved => "verify-saved",
    VerifyRoute => "verify-route",
    RetestHeading => "retest-heading",
    RetestOk => "retest-ok",

    TestHeading => "test-heading",
    TestIntro => "test-intro",
    RecipientLabel => "recipient-label",
    SendTest => "send-test",
    SendAgain => "send-again",
    Sending => "sending",
    SendOk => "send-ok",
    SendAnother => "send-another",
    SendCancelled => "send-cancelled",
    SendReply => "send-reply",
    Skip => "skip",

    DoneHeading => "done-heading",
    DoneIntro => "done-intro",
    SettingServer => "setting-server",
    SettingPort => "setting-port",
    SettingSecurity => "setting-security",
    SettingUsername => "setting-username",
    SettingPassword => "setting-password",
    PasswordWhere => "password-where",
    CopyAll => "copy-all",
    SetUpAnother => "set-up-another",
    ToAccounts => "to-accounts",

    AccountsHeading => "accounts-heading",
    AddAccount => "add-account",
    NoAccounts => "no-accounts",
    KeychainUnavailable => "keychain-unavailable",
    SecretMissing => "secret-missing",
    DefaultMarker => "default-marker",
    MethodShortAppPassword => "method-short-app-password",
    MethodShortOAuth => "method-short-oauth",
    CheckedAgo => "checked-ago",
    NotCheckedYet => "not-checked-yet",
    ChipChecking => "chip-checking",
    ChipNotChecked => "chip-not-checked",
    ChipWorking => "chip-working",
    ChipFailing => "chip-failing",
    ChipCancelled => "chip-cancelled",
    SendTestAction => "send-test-action",
    CheckAction => "check-action",
    MoreActions => "more-actions",
    ReplaceAction => "replace-action",
    ReauthorizeAction => "reauthorize-action",
    PasswordWhereOAuth => "password-where-oauth",
    RemoveAction => "remove-action",
    SetDefault => "set-default",
    CopySettings => "copy-settings",
    CopyWithPassword => "copy-with-password",
    CopyRelayPassword => "copy-relay-password",
    RelayStart => "relay-start",
    RelayStop => "relay-stop",
    RelayOn => "relay-on",
    RelayExplain => "relay-explain",
    RelayCounts => "relay-counts",
    RelayLogin => "relay-login",
    RelayLastRefusal => "relay-last-refusal",
    RelayFailed => "relay-failed",
    SignInEnds => "sign-in-ends",
    OAuthPublished => "oauth-published",
    OAuthPublishedWhy => "oauth-published-why",
    SignInEndsWhy => "sign-in-ends-why",
    ResultCheck => "result-check",
    ResultSend => "result-send",
    ResultReplace => "result-replace",
    ResultLast => "result-last",
    CheckOk => "check-ok",
    LastCheckFailed => "last-check-failed",
    ReplaceIntro => "replace-intro",
    NewAppPasswordLabel => "new-app-password-label",
    VerifyAndReplace => "verify-and-replace",
    ReplacedOk => "replaced-ok",
    OldPasswordKept => "old-password-kept",
    ConfirmRemove => "confirm-remove",
    RemoveConfirmed => "remove-confirmed",
    ConfirmReveal => "confirm-reveal",
    RevealConfirmed => "reveal-confirmed",
    ActionCancelled => "action-cancelled",
    RemoveIncomplete => "remove-incomplete",
    Removed => "removed",
    RevokeAtGoogle => "revoke-at-google",
    RevokeAccessAtGoogle => "revoke-access-at-google",
    Dismiss => "dismiss",

    OpenedInBrowser => "opened-in-browser",
    Opening => "opening",
    NoBrowser => "no-browser",
    LinkIs => "link-is",
    UseInAppAction => "use-in-app-action",
    UseInAppOffer => "use-in-app-offer",
    UseInAppHeading => "use-in-app-heading",
    UseInAppIntro => "use-in-app-intro",
    FindStack => "find-stack",
    FindStackHint => "find-stack-hint",
    NoStackMatches => "no-stack-matches",
    GoesIn => "goes-in",
    SecretHow => "secret-how",
    ModeReference => "mode-reference",
    ModeEnvironment => "mode-environment",
    ModeInline => "mode-inline",
    ConfirmInline => "confirm-inline",
    InlineConfirmed => "inline-confirmed",
    ReadingKeychain => "reading-keychain",
    SaveToFile => "save-to-file",
    CopySnippet => "copy-snippet",
    NeverChecked => "never-checked",
    PasteTrimmed => "paste-trimmed",
    SavedTo => "saved-to",
    NothingSaved => "nothing-saved",
    SaveFailed => "save-failed",
    ServerCheckHeading => "server-check-heading",
    ServerCheckIntro => "server-check-intro",
    StillFails => "still-fails",
    AccountGone => "account-gone",
    ExplainError => "explain-error",
    HaveErrorMessage => "have-error-message",
    DecoderHeading => "decoder-heading",
    DecoderIntro => "decoder-intro",
    DecoderLabel => "decoder-label",
    DecoderHint => "decoder-hint",
    CheckThisAccount => "check-this-account",
    SetUpThisAddress => "set-up-this-address",
    ToSetup => "to-setup",
    LightTheme => "light-theme",
    DarkTheme => "dark-theme",
    Language => "language",

    DiagnosisSteps => "diagnosis-steps",
    RecheckStep => "recheck-step",
    PressToRecheck => "press-to-recheck",
    CheckAgain => "check-again",
    FixOnItsPage => "fix-on-its-page",
    GoToPage => "go-to-page",
    TechnicalDetails => "technical-details",
    Details => "details",
    RouteUsed => "route-used",
    RouteNotNeeded => "route-not-needed",
    ServerReply => "server-reply",
    SettingsProblem => "settings-problem",
    KeychainRead => "keychain-read",
    StageWaiting => "stage-waiting",
    NotNeeded => "not-needed",
    Cancelled => "cancelled",
    InternalError => "internal-error",
    ClipboardWillClear => "clipboard-will-clear",
    ClipboardCleared => "clipboard-cleared",
    ClipboardChanged => "clipboard-changed",
    ClipboardUnreadable => "clipboard-unreadable",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_present_and_placeholders_fill() {
        for text in T::ALL {
            assert!(
                i18n::has(Lang::En, text.id()),
                "{text:?} has no English text"
            );
            assert!(!tr(*text).trim().is_empty(), "{text:?}");
        }
        assert_eq!(trf(T::StepOf, &[("n", "3")]), "Step 3 of 6");
    }
}
