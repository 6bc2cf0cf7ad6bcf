//! What the wizard's pages share: the address and how it signs in, and the secret as it is
//! entered (the typed app password, the OAuth client, the sign-in's grant) until it is saved.

use super::flow::{Method, Mode};
use crate::gui::Env;
use crate::gui::fields::Refused;
use smtp_setup::accounts::AccountRecord;
use smtp_setup::address::{AccountKind, EmailAddress};
use smtp_setup::app_password::{AppPassword, AppPasswordError};
use smtp_setup::oauth::{Grant, OAuthClient};
use zeroize::Zeroizing;

pub struct SetupDraft {
    /// The address as typed.
    pub address: String,
    pub method: Method,
    pub mode: Mode,
    /// The app password as typed; zeroized when replaced or dropped, emptied once saved.
    pub password: Zeroizing<String>,
    /// The OAuth client chosen on its page.
    pub client: Option<OAuthClient>,
    /// The Google sign-in's grant, until it is saved.
    pub grant: Option<Grant>,
    /// The test message's recipient as typed.
    pub recipient: String,
    /// The app password Gmail refused last (its digest), while the field may still hold it.
    pub refused: Option<Refused>,
    /// An address kept as typed although it looks like a typo of a Gmail address.
    pub kept_as_typed: Option<String>,
}

impl SetupDraft {
    pub fn new(address: String, method: Method, mode: Mode) -> SetupDraft {
        SetupDraft {
            recipient: address.clone(),
            address,
            method,
            mode,
            password: Zeroizing::new(String::new()),
            client: None,
            grant: None,
            refused: None,
            kept_as_typed: None,
        }
    }

    /// The address as typed, checked.
    pub fn user(&self) -> Option<EmailAddress> {
        EmailAddress::parse(&self.address).ok()
    }

    /// The stored account for the typed address, if any (from the cached index: no file is
    /// read during a frame).
    pub fn stored(&self, env: &Env) -> Option<AccountRecord> {
        let user = self.user()?;
        env.accounts.find(user.as_str()).cloned()
    }

    pub fn app_password(&self) -> Result<AppPassword, AppPasswordError> {
        AppPassword::parse(&self.password)
    }

    /// Why the typed address cannot continue as it is, if it cannot: not an address, another
    /// provider's, or a likely typo not yet confirmed. (Stored addresses are handled apart.)
    pub fn address_blocked(&self) -> bool {
        let Some(user) = self.user() else {
            return true;
        };
        if matches!(user.kind(), AccountKind::OtherProvider(_)) {
            return true;
        }
        user.likely_meant().is_some() && self.kept_as_typed.as_deref() != Some(user.as_str())
    }

    pub fn recipient_ok(&self) -> bool {
        EmailAddress::parse(&self.recipient).is_ok()
    }
}
