//! Accounts: secrets in the OS keychain, everything else in the account index. Saving
//! verifies first, replacing keeps the old secret unless the new one works (and puts it back
//! if anything after the keychain write fails), removal reports exactly what is left if one
//! side fails, and every run of a stored account is recorded: passed, failed with its cause
//! (a refused token refresh or an unreadable keychain included), or cancelled.

pub mod index;

pub use index::{
    AccountIndex, AccountRecord, AuthMethod, IndexError, IndexFile, TestOutcome, TestResult,
};

use crate::address::EmailAddress;
use crate::app_password::AppPassword;
use crate::diagnosis::{Cause, Evidence, diagnose};
use crate::keychain::{Keychain, KeychainError};
use crate::oauth::{Grant, OAuthError, refresh_access_token};
use crate::provider::{APP_PASSWORDS_PAGE, CONNECTIONS_PAGE, GMAIL_SMTP_HOST};
use crate::secret::Secret;
use crate::smtp::{CheckOptions, CheckReport, Credential, EventSink, Route, TestSend, run_check};
use std::time::SystemTime;

/// The index and the keychain together.
#[derive(Clone, Debug)]
pub struct AccountStore {
    pub index: IndexFile,
    pub keychain: Keychain,
}

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    Keychain(#[from] KeychainError),
    #[error(transparent)]
    OAuth(#[from] OAuthError),
    #[error("{}", crate::t!("account-not-found", address = .0.as_str()))]
    NotFound(String),
    #[error("{}", crate::t!("account-none-stored"))]
    NoAccounts,
    #[error("{}", crate::t!("account-no-default"))]
    NoDefault,
    /// The new password did not authenticate; nothing was stored or replaced.
    #[error("{}", crate::t!("account-not-verified", detail = .0.outcome.as_ref().err().map(|f| f.detail.as_str()).unwrap_or("")))]
    NotVerified(Box<CheckReport>),
}

impl AccountError {
    /// The diagnosis cause a failed login is recorded with, when it is one a person can act
    /// on at the account (not a settings file that cannot be read).
    pub fn cause(&self) -> Option<Cause> {
        match self {
            AccountError::OAuth(error) => Some(diagnose(Evidence::OAuth(error)).cause),
            AccountError::Keychain(KeychainError::Missing { .. }) => Some(Cause::SecretMissing),
            AccountError::Keychain(_) => Some(Cause::KeychainUnavailable),
            AccountError::NotVerified(report) => report
                .outcome
                .as_ref()
                .err()
                .map(|f| diagnose(Evidence::Failure(f)).cause),
            AccountError::Index(_)
            | AccountError::NotFound(_)
            | AccountError::NoAccounts
            | AccountError::NoDefault => None,
        }
    }
}

/// How to verify before saving.
pub enum Verification<'a> {
    /// Run the engine check with these options and report its events to the sink.
    Check {
        options: &'a CheckOptions,
        sink: EventSink,
    },
    /// Save without checking (the caller asked for it explicitly).
    Skip { route: Route },
}

/// A secret for an account, before it is verified and stored.
pub enum NewSecret {
    AppPassword(AppPassword),
    /// A Google sign-in; its refresh token and client are stored.
    OAuth(Grant),
}

impl NewSecret {
    fn method(&self) -> AuthMethod {
        match self {
            NewSecret::AppPassword(_) => AuthMethod::AppPassword,
            NewSecret::OAuth(_) => AuthMethod::OAuth,
        }
    }

    /// The credential for the verifying check (an access token is made if none is at hand).
    async fn credential(&self, user: &EmailAddress) -> Result<Credential, AccountError> {
        let user = user.clone();
        Ok(match self {
            NewSecret::AppPassword(password) => Credential::AppPassword {
                user,
                password: password.clone(),
            },
            NewSecret::OAuth(grant) => Credential::OAuth {
                user,
                access_token: match &grant.access_token {
                    Some(token) => token.clone(),
                    None => refresh_access_token(grant).await?,
                },
            },
        })
    }

    /// What goes into the keychain: the app password, or the grant without its access token.
    fn into_keychain(self) -> Secret {
        match self {
            NewSecret::AppPassword(password) => Secret::from(password),
            NewSecret::OAuth(grant) => grant.to_keychain(),
        }
    }
}

/// What `save` did.
#[derive(Debug)]
pub struct Saved {
    pub record: AccountRecord,
    /// True when an account with this address existed and its secret was replaced.
    pub replaced: bool,
    pub report: Option<CheckReport>,
}

/// What `remove` removed, and what is left if a side failed.
#[derive(Debug)]
pub struct Removal {
    pub keychain_entry_removed: bool,
    pub index_entry_removed: bool,
    /// A side that could not be cleaned up, with the reason; empty when both are clean.
    pub remaining: Vec<String>,
    /// The keychain could not be reached, so its entry is among `remaining`.
    pub keychain_unreachable: bool,
}

impl Removal {
    /// The reminder to revoke access at Google, which no local removal does.
    pub fn revoke_hint(&self, method: AuthMethod) -> String {
        match method {
            AuthMethod::AppPassword => {
                crate::t!(
                    "account-revoke-app-password",
                    url = APP_PASSWORDS_PAGE.url()
                )
            }
            AuthMethod::OAuth => crate::t!("account-revoke-oauth", url = CONNECTIONS_PAGE.url()),
        }
    }
}

impl AccountStore {
    /// The config dir and keychain service from the environment (see `IndexFile::from_env`
    /// and `Keychain::from_env`).
    pub fn from_env() -> Result<AccountStore, AccountError> {
        Ok(AccountStore {
            index: IndexFile::from_env()?,
            keychain: Keychain::from_env(),
        })
    }

    /// The index, read on this thread (the CLI, and the window before its first frame).
    pub fn list(&self) -> Result<AccountIndex, AccountError> {
        Ok(self.index.load()?)
    }

    /// The index, read off the async workers.
    pub async fn load(&self) -> Result<AccountIndex, AccountError> {
        self.off_thread(AccountStore::list).await
    }

    /// Runs blocking index work (file I/O under a lock) on the blocking pool, so no async
    /// caller blocks a worker; a panic there resumes in the caller.
    async fn off_thread<T: Send + 'static>(
        &self,
        work: impl FnOnce(&AccountStore) -> T + Send + 'static,
    ) -> T {
        let store = self.clone();
        match tokio::task::spawn_blocking(move || work(&store)).await {
            Ok(value) => value,
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
    }

    /// The named account, or the default one when `address` is None.
    pub fn resolve(&self, address: Option<&str>) -> Result<AccountRecord, AccountError> {
        let index = self.index.load()?;
        match address {
            Some(address) => index
                .find(address)
                .cloned()
                .ok_or_else(|| AccountError::NotFound(address.to_string())),
            None if index.accounts.is_empty() => Err(AccountError::NoAccounts),
            None => index
                .default_account()
                .cloned()
                .ok_or(AccountError::NoDefault),
        }
    }

    /// The credential to log in with: the secret from the keychain and, for Google sign-in,
    /// a fresh access token.
    pub async fn login(&self, record: &AccountRecord) -> Result<Credential, AccountError> {
        let user = record.address.clone();
        let secret = self.keychain.load(&user).await?;
        Ok(match record.auth {
            AuthMethod::AppPassword => password_credential(user, secret),
            AuthMethod::OAuth => {
                let grant = Grant::from_keychain(&secret)?;
                Credential::OAuth {
                    user,
                    access_token: refresh_access_token(&grant).await?,
                }
            }
        })
    }

    /// What an app logs in with, for `smtp-setup password`, `run` and inline exports: the app
    /// password (its 16 letters, without Google's spaces), or for Google sign-in a fresh
    /// access token (valid about an hour).
    pub async fn app_secret(&self, record: &AccountRecord) -> Result<Secret, AccountError> {
        Ok(match self.login(record).await? {
            Credential::AppPassword { password, .. } => Secret::new(password.expose().to_string()),
            Credential::Password { password, .. } => password,
            Credential::OAuth { access_token, .. } => access_token,
        })
    }

    /// Checks a stored account, or sends a test message with it, and records how it ended:
    /// passed, failed with its cause (including a refused token refresh or a keychain that
    /// cannot be read), or cancelled when this future is dropped before the end (Cancel in
    /// the window, Ctrl-C in a terminal). A result that cannot be recorded still returns.
    pub async fn check_account(
        &self,
        record: &AccountRecord,
        options: &CheckOptions,
        send: Option<&TestSend>,
        sink: EventSink,
    ) -> Result<CheckReport, AccountError> {
        let address = record.address.to_string();
        let mut pending = RecordOnDrop {
            store: self,
            address: &address,
            armed: true,
        };
        let credential = match self.login(record).await {
            Ok(credential) => credential,
            Err(error) => {
                pending.armed = false;
                if let Some(cause) = error.cause() {
                    let _ = self
                        .record_off_thread(&address, TestOutcome::Failed, Some(cause))
                        .await;
                }
                return Err(error);
            }
        };
        let report = run_check(options, &credential, send, sink).await;
        pending.armed = false;
        let (outcome, cause) = outcome_of(&report);
        let _ = self.record_off_thread(&address, outcome, cause).await;
        Ok(report)
    }

    /// Verifies the new secret (unless told to skip), then stores it in the keychain and the
    /// record in the index. If the check fails nothing changes: an existing account keeps its
    /// old secret.
    pub async fn save(
        &self,
        user: &EmailAddress,
        new: NewSecret,
        verification: Verification<'_>,
    ) -> Result<Saved, AccountError> {
        let (route, report, verified) = match verification {
            Verification::Check { options, sink } => {
                let credential = new.credential(user).await?;
                let report = run_check(options, &credential, None, sink).await;
                match &report.outcome {
                    Ok(success) => (success.route.clone(), Some(report.clone()), true),
                    Err(_) => return Err(AccountError::NotVerified(Box::new(report))),
                }
            }
            Verification::Skip { route } => (route, None, false),
        };
        let auth = new.method();
        let testing = match &new {
            NewSecret::OAuth(grant) => grant.testing,
            NewSecret::AppPassword(_) => None,
        };
        // The secret it replaces, to put back if the index cannot be written.
        let previous_secret = match self.load().await?.find(user.as_str()) {
            Some(_) => self.keychain.load(user).await.ok(),
            None => None,
        };
        self.keychain.store(user, &new.into_keychain()).await?;

        let now = SystemTime::now();
        let new_user = user.clone();
        let result = self
            .off_thread(move |store| {
                store.index.update(|index| {
                    let user = new_user;
                    let previous = index.find(user.as_str()).cloned();
                    let record = AccountRecord {
                        address: user.clone(),
                        display_name: previous.as_ref().and_then(|p| p.display_name.clone()),
                        provider: provider_name(&route),
                        server: route.host.clone(),
                        port: route.port,
                        tls: route.tls,
                        auth,
                        created: previous.as_ref().map_or(now, |p| p.created),
                        last_verified: if verified {
                            Some(now)
                        } else {
                            previous.as_ref().and_then(|p| p.last_verified)
                        },
                        last_test: if verified {
                            Some(TestResult {
                                time: now,
                                outcome: TestOutcome::Ok,
                                cause: None,
                            })
                        } else {
                            previous.as_ref().and_then(|p| p.last_test.clone())
                        },
                        signed_in: (auth == AuthMethod::OAuth).then_some(now),
                        oauth_testing: testing,
                    };
                    index.upsert(record.clone());
                    (record, previous.is_some())
                })
            })
            .await;
        match result {
            Ok((record, replaced)) => Ok(Saved {
                record,
                replaced,
                report,
            }),
            Err(error) => {
                // The keychain must match the index: the old secret goes back, and a new
                // account's secret, which no index entry would show, comes out again.
                let _ = match previous_secret {
                    Some(old) => self.keychain.store(user, &old).await,
                    None => self.keychain.delete(user).await.map(|_| ()),
                };
                Err(error.into())
            }
        }
    }

    /// The keychain entries of relay passwords: the account's service with `.relay` added,
    /// so they never mix with the app passwords and sign-ins.
    pub fn relay_keychain(&self) -> Keychain {
        Keychain::with_service(&format!("{}.relay", self.keychain.service()))
    }

    /// The relay password apps log in to the local relay with, made (and kept in the
    /// keychain) the first time it is asked for.
    pub async fn relay_password(&self, record: &AccountRecord) -> Result<Secret, AccountError> {
        let keychain = self.relay_keychain();
        match keychain.load(&record.address).await {
            Ok(password) => Ok(password),
            Err(KeychainError::Missing { .. }) => {
                let password = crate::relay::new_relay_password()
                    .map_err(|detail| KeychainError::Failed { detail })?;
                keychain.store(&record.address, &password).await?;
                Ok(password)
            }
            Err(error) => Err(error.into()),
        }
    }

    /// What the relay logs in to Gmail with: the app password, or the stored sign-in from
    /// which it makes access tokens itself.
    pub async fn upstream_login(
        &self,
        record: &AccountRecord,
    ) -> Result<crate::relay::UpstreamLogin, AccountError> {
        use crate::relay::UpstreamLogin;
        let user = record.address.clone();
        let secret = self.keychain.load(&user).await?;
        Ok(match record.auth {
            AuthMethod::AppPassword => UpstreamLogin::Password(password_credential(user, secret)),
            AuthMethod::OAuth => UpstreamLogin::OAuth {
                user,
                grant: Grant::from_keychain(&secret)?,
            },
        })
    }

    async fn record_off_thread(
        &self,
        address: &str,
        outcome: TestOutcome,
        cause: Option<Cause>,
    ) -> Result<(), AccountError> {
        let address = address.to_string();
        self.off_thread(move |store| store.record(&address, outcome, cause))
            .await
    }

    /// Records how a run of the account ended; a pass also counts as verified.
    pub fn record(
        &self,
        address: &str,
        outcome: TestOutcome,
        cause: Option<Cause>,
    ) -> Result<(), AccountError> {
        let now = SystemTime::now();
        self.index.update(|index| {
            if let Some(record) = index.find_mut(address) {
                if outcome == TestOutcome::Ok {
                    record.last_verified = Some(now);
                }
                record.last_test = Some(TestResult {
                    time: now,
                    outcome,
                    cause,
                });
            }
        })?;
        Ok(())
    }

    pub async fn set_default(&self, address: &str) -> Result<(), AccountError> {
        let address = address.to_string();
        self.off_thread(move |store| {
            store.index.update(|index| match index.find(&address) {
                Some(record) => {
                    index.default = Some(record.address.to_string());
                    Ok(())
                }
                None => Err(AccountError::NotFound(address.to_string())),
            })?
        })
        .await
    }

    /// Removes the keychain entry, then the index entry. Safe to repeat. If the keychain
    /// cannot be reached the index entry stays, so the account is still listed and the
    /// removal can be retried.
    pub async fn remove(&self, address: &str) -> Result<Removal, AccountError> {
        let user = EmailAddress::parse(address)
            .map_err(|_| AccountError::NotFound(address.to_string()))?;
        let listed = self.load().await?.find(address).is_some();
        let keychain_entry_removed = match self.keychain.delete(&user).await {
            Ok(removed) => removed,
            Err(error) => {
                let mut remaining = vec![crate::t!(
                    "account-keychain-entry-remains",
                    error = error.to_string()
                )];
                if listed {
                    remaining.push(crate::t!("account-list-entry-kept"));
                }
                return Ok(Removal {
                    keychain_entry_removed: false,
                    index_entry_removed: false,
                    remaining,
                    keychain_unreachable: true,
                });
            }
        };
        // The relay password goes with the account; one that cannot be removed changes
        // nothing, since the relay serves only listed accounts.
        let _ = self.relay_keychain().delete(&user).await;
        let removing = address.to_string();
        let updated = self
            .off_thread(move |store| store.index.update(|index| index.remove(&removing)))
            .await;
        match updated {
            Ok(index_entry_removed) => Ok(Removal {
                keychain_entry_removed,
                index_entry_removed,
                remaining: Vec::new(),
                keychain_unreachable: false,
            }),
            Err(error) => Ok(Removal {
                keychain_entry_removed,
                index_entry_removed: false,
                remaining: vec![crate::t!(
                    "account-list-entry-remains",
                    error = error.to_string()
                )],
                keychain_unreachable: false,
            }),
        }
    }
}

/// Records a run as cancelled if it is dropped before it ends.
struct RecordOnDrop<'a> {
    store: &'a AccountStore,
    address: &'a str,
    armed: bool,
}

impl Drop for RecordOnDrop<'_> {
    fn drop(&mut self) {
        if self.armed {
            // Synchronous: a dropped future cannot await. The write is one small file.
            let _ = self
                .store
                .record(self.address, TestOutcome::Cancelled, None);
        }
    }
}

/// How a check's report is recorded: passed, or failed with its diagnosed cause.
fn outcome_of(report: &CheckReport) -> (TestOutcome, Option<Cause>) {
    match report.outcome.as_ref() {
        Ok(_) => (TestOutcome::Ok, None),
        Err(failure) => (
            TestOutcome::Failed,
            Some(diagnose(Evidence::Failure(failure)).cause),
        ),
    }
}

/// A stored password: an app password when it is one, else another server's password.
fn password_credential(user: EmailAddress, secret: Secret) -> Credential {
    match AppPassword::parse(secret.expose()) {
        Ok(password) => Credential::AppPassword { user, password },
        Err(_) => Credential::Password {
            user,
            password: secret,
        },
    }
}

fn provider_name(route: &Route) -> String {
    if route.host.eq_ignore_ascii_case(GMAIL_SMTP_HOST) {
        "gmail"
    } else {
        "custom"
    }
    .to_string()
}
