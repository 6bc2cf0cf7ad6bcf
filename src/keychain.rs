//! The OS keychain (macOS Keychain, Windows Credential Manager, the Secret Service on Linux
//! through `keyring`). It holds secrets only: one entry per account, service name
//! [`KEYCHAIN_SERVICE`], user name the account's address. The platform calls block, and a
//! locked keychain may wait for an unlock prompt, so each call runs on a thread of its own
//! with a time bound, and the API is async: callers never wrap it again.

use crate::address::EmailAddress;
use crate::secret::Secret;
use keyring::Entry;
use std::time::Duration;
use zeroize::Zeroizing;

/// The keychain service name of smtp-setup's entries.
pub const KEYCHAIN_SERVICE: &str = "smtp-setup";
/// Overrides the service name, so tests and scripts never touch a person's real entries.
pub const KEYCHAIN_SERVICE_ENV: &str = "SMTP_SETUP_KEYCHAIN_SERVICE";
/// How long one keychain call may take (an unlock prompt nobody answers ends here).
const KEYCHAIN_TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Clone, Debug)]
pub struct Keychain {
    service: String,
}

/// Why the keychain could not be used. Messages name the cause and the fix; none of them
/// offers a plain-file fallback, because there is none.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeychainError {
    /// `hint` says where none answered (the D-Bus session bus), already in words, or is empty.
    #[error("{}", crate::t!("keychain-none", hint = .hint.as_str(), detail = .detail.as_str()))]
    NoKeychain { hint: String, detail: String },
    #[error("{}", crate::t!("keychain-locked", detail = .detail.as_str()))]
    Locked { detail: String },
    #[error("{}", crate::t!("keychain-missing", user = .user.as_str()))]
    Missing { user: String },
    #[error("{}", crate::t!("keychain-timed-out", secs = KEYCHAIN_TIMEOUT.as_secs()))]
    TimedOut,
    #[error("{}", crate::t!("keychain-failed", detail = .detail.as_str()))]
    Failed { detail: String },
}

impl KeychainError {
    /// True when the keychain itself cannot be used (as opposed to one entry missing).
    pub fn is_unavailable(&self) -> bool {
        !matches!(self, KeychainError::Missing { .. })
    }
}

impl Keychain {
    /// The keychain under [`KEYCHAIN_SERVICE`], or the name in `SMTP_SETUP_KEYCHAIN_SERVICE`.
    pub fn from_env() -> Keychain {
        let service = std::env::var(KEYCHAIN_SERVICE_ENV)
            .ok()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| KEYCHAIN_SERVICE.to_string());
        Keychain::with_service(&service)
    }

    pub fn with_service(service: &str) -> Keychain {
        Keychain {
            service: service.to_string(),
        }
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    pub async fn store(&self, user: &EmailAddress, secret: &Secret) -> Result<(), KeychainError> {
        let secret = secret.clone();
        self.call(user, move |entry| entry.set_password(secret.expose()))
            .await
    }

    pub async fn load(&self, user: &EmailAddress) -> Result<Secret, KeychainError> {
        let found = self
            .call(user, |entry| entry.get_password().map(Zeroizing::new))
            .await?;
        Ok(Secret::new(found.to_string()))
    }

    /// Deletes the entry; `Ok(false)` when there was none (removal is idempotent).
    pub async fn delete(&self, user: &EmailAddress) -> Result<bool, KeychainError> {
        match self.call(user, |entry| entry.delete_credential()).await {
            Ok(()) => Ok(true),
            Err(KeychainError::Missing { .. }) => Ok(false),
            Err(error) => Err(error),
        }
    }

    /// Runs one keychain operation on its own thread, bounded by [`KEYCHAIN_TIMEOUT`]. A
    /// thread of its own rather than the runtime's blocking pool: a call that hangs on an
    /// unanswered prompt then holds nothing the rest of the program needs.
    async fn call<T: Send + 'static>(
        &self,
        user: &EmailAddress,
        operation: impl FnOnce(&Entry) -> keyring::Result<T> + Send + 'static,
    ) -> Result<T, KeychainError> {
        let (service, name) = (self.service.clone(), user.to_string());
        let (done, result) = tokio::sync::oneshot::channel();
        std::thread::spawn(move || {
            let outcome = Entry::new(&service, &name).and_then(|entry| operation(&entry));
            let _ = done.send(outcome);
        });
        match tokio::time::timeout(KEYCHAIN_TIMEOUT, result).await {
            Ok(Ok(outcome)) => outcome.map_err(|e| classify(e, user)),
            Ok(Err(_)) => Err(KeychainError::Failed {
                detail: crate::t!("keychain-no-answer"),
            }),
            Err(_) => Err(KeychainError::TimedOut),
        }
    }
}

fn classify(error: keyring::Error, user: &EmailAddress) -> KeychainError {
    use keyring::Error as E;
    match error {
        E::NoEntry => KeychainError::Missing {
            user: user.to_string(),
        },
        E::NoDefaultStore => KeychainError::NoKeychain {
            hint: session_bus_hint(),
            detail: crate::t!("keychain-no-default-store"),
        },
        E::NoStorageAccess(inner) => {
            unreachable_or(inner.to_string(), |detail| KeychainError::Locked { detail })
        }
        E::PlatformFailure(inner) => {
            unreachable_or(inner.to_string(), |detail| KeychainError::Failed { detail })
        }
        other => KeychainError::Failed {
            detail: other.to_string(),
        },
    }
}

/// "No keychain" when the error says nobody answers on the bus, else what `otherwise` makes.
fn unreachable_or(
    detail: String,
    otherwise: impl FnOnce(String) -> KeychainError,
) -> KeychainError {
    if looks_unreachable(&detail) {
        KeychainError::NoKeychain {
            hint: session_bus_hint(),
            detail,
        }
    } else {
        otherwise(detail)
    }
}

/// D-Bus errors that mean "nobody provides the Secret Service here".
fn looks_unreachable(detail: &str) -> bool {
    let detail = detail.to_ascii_lowercase();
    [
        "serviceunknown",
        "not provided by any",
        "no such file",
        "connection refused",
        "address",
    ]
    .iter()
    .any(|needle| detail.contains(needle))
}

#[cfg(target_os = "linux")]
fn session_bus_hint() -> String {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        crate::t!("keychain-hint-no-session-bus")
    } else {
        crate::t!("keychain-hint-on-session-bus")
    }
}

#[cfg(not(target_os = "linux"))]
fn session_bus_hint() -> String {
    String::new()
}
