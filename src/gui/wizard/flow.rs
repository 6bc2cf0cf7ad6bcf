//! The wizard's pages and where Continue and Back lead: pure functions of the step, the
//! setup mode and the sign-in method, and the page that fixes a diagnosis's target.

use serde::{Deserialize, Serialize};
use smtp_setup::diagnosis::FixTarget;

/// What the wizard is doing for this address.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// First setup of an address.
    #[default]
    New,
    /// The address is stored; a new secret replaces the old one (2SV is already on).
    Replace,
    /// The address is stored; check the stored secret again.
    Retest,
}

/// How the account signs in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    #[default]
    AppPassword,
    #[serde(rename = "oauth")]
    OAuth,
}

/// The wizard's pages. An app password goes through 2-Step Verification and the app
/// password; Google sign-in through the OAuth client and the sign-in; both then verify,
/// send a test message and end on Done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Account,
    #[serde(rename = "two_step_verification")]
    TwoStep,
    AppPassword,
    #[serde(rename = "oauth_client")]
    OAuthClient,
    SignIn,
    Verify,
    TestMessage,
    Done,
}

/// The steps of a new setup with `method`, in order (what the step indicator shows).
pub fn steps(method: Method) -> [Step; 6] {
    use Step::*;
    match method {
        Method::AppPassword => [Account, TwoStep, AppPassword, Verify, TestMessage, Done],
        Method::OAuth => [Account, OAuthClient, SignIn, Verify, TestMessage, Done],
    }
}

/// Position in the wizard, 1 to 6.
pub fn number(step: Step, method: Method) -> usize {
    steps(method)
        .iter()
        .position(|s| *s == step)
        .map_or(1, |i| i + 1)
}

pub fn next(step: Step, mode: Mode, method: Method) -> Step {
    use Step::*;
    match (step, mode, method) {
        (Account, Mode::Retest, _) => Verify,
        // A replaced app password needs no 2SV step: 2SV is on, or the old one never worked.
        (Account, Mode::Replace, Method::AppPassword) => AppPassword,
        // A new sign-in needs the client again (it may have changed).
        (Account, _, Method::AppPassword) => TwoStep,
        (Account, _, Method::OAuth) => OAuthClient,
        (TwoStep, ..) => AppPassword,
        (OAuthClient, ..) => SignIn,
        (AppPassword, ..) | (SignIn, ..) => Verify,
        (Verify, ..) => TestMessage,
        (TestMessage, ..) | (Done, ..) => Done,
    }
}

pub fn back(step: Step, mode: Mode, method: Method) -> Step {
    use Step::*;
    match (step, mode) {
        (Account, _) | (TwoStep, _) | (OAuthClient, _) => Account,
        (AppPassword, Mode::Replace) => Account,
        (AppPassword, _) => TwoStep,
        (SignIn, _) => OAuthClient,
        (Verify, Mode::Retest) => Account,
        (Verify, _) => match method {
            Method::AppPassword => AppPassword,
            Method::OAuth => SignIn,
        },
        (TestMessage, _) => Verify,
        (Done, _) => TestMessage,
    }
}

/// The step to resume at after a restart: steps that need the secret in memory (never
/// saved) go back to where it is entered; later steps need the stored account.
pub fn resume_at(saved: Step, method: Method, account_stored: bool) -> Step {
    use Step::*;
    let entered_at = match method {
        Method::AppPassword => AppPassword,
        Method::OAuth => SignIn,
    };
    match saved {
        // Progress written before the sign-in had pages of its own.
        TwoStep if method == Method::OAuth => OAuthClient,
        AppPassword if method == Method::OAuth => SignIn,
        Account | TwoStep | AppPassword | OAuthClient | SignIn => saved,
        Verify => entered_at,
        TestMessage | Done if account_stored => TestMessage,
        TestMessage | Done => entered_at,
    }
}

/// The page that fixes a diagnosis's target, for this sign-in method (None: no page does).
pub fn page_for(target: FixTarget, method: Method) -> Option<Step> {
    match (target, method) {
        (FixTarget::Credential, Method::AppPassword) => Some(Step::AppPassword),
        (FixTarget::Credential | FixTarget::SignIn, Method::OAuth) => Some(Step::SignIn),
        (FixTarget::OAuthClient, Method::OAuth) => Some(Step::OAuthClient),
        (FixTarget::SignIn | FixTarget::OAuthClient, Method::AppPassword) => None,
        (FixTarget::Network | FixTarget::ServerSettings, _) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Step::*;

    #[test]
    fn new_setup_walks_every_step_forward_and_back() {
        for method in [Method::AppPassword, Method::OAuth] {
            let mut step = Account;
            let mut seen = vec![step];
            while step != Done {
                step = next(step, Mode::New, method);
                seen.push(step);
            }
            assert_eq!(seen, steps(method));
            for pair in steps(method).windows(2) {
                assert_eq!(back(pair[1], Mode::New, method), pair[0]);
            }
            assert_eq!(back(Account, Mode::New, method), Account);
            assert_eq!(next(Done, Mode::New, method), Done);
            for (i, step) in steps(method).into_iter().enumerate() {
                assert_eq!(number(step, method), i + 1);
            }
        }
    }

    #[test]
    fn replace_and_retest_skip_what_is_done() {
        assert_eq!(
            next(Account, Mode::Replace, Method::AppPassword),
            AppPassword
        );
        assert_eq!(
            back(AppPassword, Mode::Replace, Method::AppPassword),
            Account
        );
        assert_eq!(next(Account, Mode::Replace, Method::OAuth), OAuthClient);
        assert_eq!(back(SignIn, Mode::Replace, Method::OAuth), OAuthClient);
        assert_eq!(next(Account, Mode::Retest, Method::AppPassword), Verify);
        assert_eq!(back(Verify, Mode::Retest, Method::OAuth), Account);
    }

    #[test]
    fn resume_never_needs_the_lost_secret() {
        assert_eq!(resume_at(Verify, Method::AppPassword, false), AppPassword);
        assert_eq!(resume_at(Verify, Method::OAuth, true), SignIn);
        assert_eq!(resume_at(Done, Method::AppPassword, true), TestMessage);
        assert_eq!(
            resume_at(TestMessage, Method::AppPassword, false),
            AppPassword
        );
        assert_eq!(resume_at(TwoStep, Method::AppPassword, false), TwoStep);
        assert_eq!(resume_at(TwoStep, Method::OAuth, false), OAuthClient);
    }

    #[test]
    fn targets_lead_to_the_page_that_fixes_them() {
        assert_eq!(
            page_for(FixTarget::Credential, Method::AppPassword),
            Some(AppPassword)
        );
        assert_eq!(page_for(FixTarget::Credential, Method::OAuth), Some(SignIn));
        assert_eq!(
            page_for(FixTarget::OAuthClient, Method::OAuth),
            Some(OAuthClient)
        );
        assert_eq!(page_for(FixTarget::Network, Method::AppPassword), None);
    }
}
