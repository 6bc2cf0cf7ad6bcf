//! Where Continue and Back lead: pure functions of the step and the setup mode.

use serde::{Deserialize, Serialize};
use smtp_setup::diagnosis::SetupStep;

/// What the wizard is doing for this address.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// First setup of an address.
    #[default]
    New,
    /// The address is stored; a new app password replaces the old one (2SV is already on).
    Replace,
    /// The address is stored; check the stored secret again.
    Retest,
}

/// How the account signs in. The steps keep their numbers; steps 2 and 3 differ: for an
/// app password, 2-Step Verification and the app password; for Google sign-in, the OAuth
/// client and the sign-in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    #[default]
    AppPassword,
    #[serde(rename = "oauth")]
    OAuth,
}

pub fn next(step: SetupStep, mode: Mode, method: Method) -> SetupStep {
    use SetupStep::*;
    match (step, mode) {
        (Account, Mode::New) => TwoStepVerification,
        // A new sign-in needs the client again (it may have changed).
        (Account, Mode::Replace) if method == Method::OAuth => TwoStepVerification,
        (Account, Mode::Replace) => AppPassword,
        (Account, Mode::Retest) => Verify,
        (TwoStepVerification, _) => AppPassword,
        (AppPassword, _) => Verify,
        (Verify, _) => TestMessage,
        (TestMessage, _) | (Done, _) => Done,
    }
}

pub fn back(step: SetupStep, mode: Mode, method: Method) -> SetupStep {
    use SetupStep::*;
    match (step, mode) {
        (Account, _) | (TwoStepVerification, _) => Account,
        (AppPassword, Mode::Replace) if method == Method::AppPassword => Account,
        (AppPassword, _) => TwoStepVerification,
        (Verify, Mode::Retest) => Account,
        (Verify, _) => AppPassword,
        (TestMessage, _) => Verify,
        (Done, _) => TestMessage,
    }
}

/// The step to resume at after a restart: steps that need the app password in memory
/// (never saved) go back to where it is typed; later steps need the stored account.
pub fn resume_at(saved: SetupStep, account_stored: bool) -> SetupStep {
    use SetupStep::*;
    match saved {
        Account | TwoStepVerification | AppPassword => saved,
        Verify => AppPassword,
        TestMessage | Done if account_stored => TestMessage,
        TestMessage | Done => AppPassword,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SetupStep::*;

    #[test]
    fn new_setup_walks_every_step_forward_and_back() {
        for method in [Method::AppPassword, Method::OAuth] {
            let mut step = Account;
            let mut seen = vec![step];
            while step != Done {
                step = next(step, Mode::New, method);
                seen.push(step);
            }
            assert_eq!(seen, SetupStep::ALL);
            for pair in SetupStep::ALL.windows(2) {
                assert_eq!(back(pair[1], Mode::New, method), pair[0]);
            }
            assert_eq!(back(Account, Mode::New, method), Account);
            assert_eq!(next(Done, Mode::New, method), Done);
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
        assert_eq!(
            next(Account, Mode::Replace, Method::OAuth),
            TwoStepVerification
        );
        assert_eq!(
            back(AppPassword, Mode::Replace, Method::OAuth),
            TwoStepVerification
        );
        assert_eq!(next(Account, Mode::Retest, Method::AppPassword), Verify);
        assert_eq!(back(Verify, Mode::Retest, Method::OAuth), Account);
    }

    #[test]
    fn resume_never_needs_the_lost_secret() {
        assert_eq!(resume_at(Verify, false), AppPassword);
        assert_eq!(resume_at(Verify, true), AppPassword);
        assert_eq!(resume_at(Done, true), TestMessage);
        assert_eq!(resume_at(TestMessage, false), AppPassword);
        assert_eq!(resume_at(TwoStepVerification, false), TwoStepVerification);
    }
}
