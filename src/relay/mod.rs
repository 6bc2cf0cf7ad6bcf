//! The local relay: an SMTP server on loopback that any app can send through, passing each
//! message to Gmail during the app's own transaction with the keychain's app password or a
//! fresh access token. Nothing is queued, so nothing is accepted that Gmail did not accept:
//! the app gets Gmail's own reply to MAIL, RCPT and DATA, and its retries work as they would
//! against Gmail. Apps log in with a relay password made for each account (never the app
//! password itself), or not at all with an explicit `--no-auth`.

mod client;
pub mod event;
pub mod ledger;
pub mod service;
pub mod upstream;

pub use event::{RelayEvent, RelaySink, RelayStage};
pub use ledger::{Ledger, Summary};
pub use upstream::{MAX_SESSIONS, UpstreamLogin};

use crate::address::EmailAddress;
use crate::secret::Secret;
use crate::smtp::CheckOptions;
use sha2_digest::Digest32;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;
use upstream::Upstream;

/// Where the relay listens unless told otherwise.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:2525";
/// Most apps connected at once; more get `421 4.7.0` and may retry.
pub const MAX_CONNECTIONS: usize = 100;
/// An app silent this long is disconnected (RFC 5321 asks servers to wait 5 minutes).
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(300);
/// How long a stopping relay lets running transactions finish.
const STOP_GRACE: Duration = Duration::from_secs(10);

mod sha2_digest {
    /// A SHA-256 digest: relay passwords are compared by digest, in constant time.
    #[derive(Clone, Copy)]
    pub struct Digest32(pub [u8; 32]);

    impl Digest32 {
        pub fn of(text: &str) -> Digest32 {
            let digest = ring::digest::digest(&ring::digest::SHA256, text.as_bytes());
            let mut out = [0u8; 32];
            out.copy_from_slice(digest.as_ref());
            Digest32(out)
        }

        pub fn matches(&self, text: &str) -> bool {
            let other = Digest32::of(text);
            // Constant time: no early exit on the first differing byte.
            self.0
                .iter()
                .zip(other.0.iter())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
        }
    }
}

/// One account the relay sends as.
pub struct RelayAccount {
    pub address: EmailAddress,
    /// Where and how to reach Gmail (the account's verified route).
    pub options: CheckOptions,
    pub login: UpstreamLogin,
    /// What apps log in to the relay with; None only with `--no-auth`.
    pub relay_password: Option<Secret>,
}

pub struct RelayConfig {
    pub listen: SocketAddr,
    /// False with `--no-auth`: programs on this machine send without logging in.
    pub require_login: bool,
    pub accounts: Vec<RelayAccount>,
    /// Where the ledger of sent messages is kept (the config directory).
    pub ledger: Option<Ledger>,
    /// The name the relay greets with.
    pub name: String,
}

#[derive(Debug, thiserror::Error)]
pub enum RelayError {
    #[error("{}", crate::t!("relay-not-loopback", address = .0.to_string()))]
    NotLoopback(SocketAddr),
    #[error("{}", crate::t!("relay-bad-listen", value = .0.as_str()))]
    BadListen(String),
    #[error("{}", crate::t!("relay-cannot-bind", address = .address.to_string(), error = .source.to_string()))]
    Bind {
        address: SocketAddr,
        source: std::io::Error,
    },
    #[error("{}", crate::t!("relay-no-accounts"))]
    NoAccounts,
}

/// Parses a `--listen` value and refuses anything but loopback.
pub fn parse_listen(text: &str) -> Result<SocketAddr, RelayError> {
    let text = text.trim();
    let address = text
        .parse::<SocketAddr>()
        .or_else(|_| {
            // "localhost:2525" means loopback too.
            text.strip_prefix("localhost:")
                .and_then(|p| p.parse::<u16>().ok())
                .map(|port| SocketAddr::from(([127, 0, 0, 1], port)))
                .ok_or(())
        })
        .map_err(|_| RelayError::BadListen(text.to_string()))?;
    if !address.ip().is_loopback() {
        return Err(RelayError::NotLoopback(address));
    }
    Ok(address)
}

/// Counters of a running relay, for the window.
#[derive(Debug, Default)]
pub struct RelayStats {
    pub relayed: AtomicU64,
    pub refused: AtomicU64,
}

/// A running relay; dropping it stops it too.
pub struct RelayHandle {
    pub address: SocketAddr,
    pub stats: Arc<RelayStats>,
    stop: watch::Sender<bool>,
    done: tokio::sync::oneshot::Receiver<()>,
}

impl RelayHandle {
    /// Stops accepting, lets running transactions finish (up to 10 s), closes Gmail's
    /// connections, and returns once all that is done.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.done.await;
    }

    /// Resolves when the relay has stopped (after `stop`, or never on its own).
    pub async fn stopped(&mut self) {
        let _ = (&mut self.done).await;
    }
}

/// What every connection shares.
pub(crate) struct Shared {
    pub accounts: Vec<Served>,
    pub require_login: bool,
    pub name: String,
    pub ledger: Option<Ledger>,
    pub sink: RelaySink,
    pub stats: Arc<RelayStats>,
}

pub(crate) struct Served {
    pub upstream: Arc<Upstream>,
    pub password: Option<Digest32>,
}

impl Shared {
    /// The account an app logged in as.
    pub fn by_login(&self, user: &str, password: &str) -> Option<&Served> {
        self.accounts.iter().find(|a| {
            a.upstream
                .account
                .as_str()
                .eq_ignore_ascii_case(user.trim())
                && a.password.is_some_and(|p| p.matches(password))
        })
    }

    /// Without a login: the account the envelope's sender is, else the first.
    pub fn by_sender(&self, sender: &str) -> Option<&Served> {
        self.accounts
            .iter()
            .find(|a| a.upstream.account.as_str().eq_ignore_ascii_case(sender))
            .or_else(|| self.accounts.first())
    }
}

/// Binds the listener (loopback only) and serves until stopped.
pub async fn start(config: RelayConfig, sink: RelaySink) -> Result<RelayHandle, RelayError> {
    if !config.listen.ip().is_loopback() {
        return Err(RelayError::NotLoopback(config.listen));
    }
    if config.accounts.is_empty() {
        return Err(RelayError::NoAccounts);
    }
    let listener = TcpListener::bind(config.listen)
        .await
        .map_err(|source| RelayError::Bind {
            address: config.listen,
            source,
        })?;
    let address = listener.local_addr().map_err(|source| RelayError::Bind {
        address: config.listen,
        source,
    })?;
    let stats = Arc::new(RelayStats::default());
    let addresses: Vec<String> = config
        .accounts
        .iter()
        .map(|a| a.address.to_string())
        .collect();
    let shared = Arc::new(Shared {
        accounts: config
            .accounts
            .into_iter()
            .map(|account| Served {
                password: account
                    .relay_password
                    .as_ref()
                    .map(|p| Digest32::of(p.expose())),
                upstream: Arc::new(Upstream::new(
                    account.address,
                    account.options,
                    account.login,
                    sink.clone(),
                )),
            })
            .collect(),
        require_login: config.require_login,
        name: config.name,
        ledger: config.ledger,
        sink: sink.clone(),
        stats: stats.clone(),
    });
    sink(RelayEvent::Listening {
        address: address.to_string(),
        accounts: addresses,
        login_required: shared.require_login,
    });
    let (stop, mut stopping) = watch::channel(false);
    let (finished, done) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let connections = Arc::new(Semaphore::new(MAX_CONNECTIONS));
        let mut running = JoinSet::new();
        loop {
            tokio::select! {
                _ = stopping.changed() => break,
                accepted = listener.accept() => match accepted {
                    Ok((stream, peer)) => {
                        let _ = stream.set_nodelay(true);
                        let shared = shared.clone();
                        match connections.clone().try_acquire_owned() {
                            Ok(permit) => {
                                running.spawn(async move {
                                    client::serve(stream, peer, shared).await;
                                    drop(permit);
                                });
                            }
                            Err(_) => {
                                running.spawn(client::turn_away(stream));
                            }
                        }
                    }
                    // E.g. too many open files: back off instead of spinning.
                    Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
                },
                Some(_) = running.join_next(), if !running.is_empty() => {}
            }
        }
        drop(listener);
        let _ = tokio::time::timeout(STOP_GRACE, async {
            while running.join_next().await.is_some() {}
        })
        .await;
        running.abort_all();
        for served in &shared.accounts {
            served.upstream.close().await;
        }
        (shared.sink)(RelayEvent::Stopped);
        let _ = finished.send(());
    });
    Ok(RelayHandle {
        address,
        stats,
        stop,
        done,
    })
}

impl RelayStats {
    pub fn relayed(&self) -> u64 {
        self.relayed.load(Ordering::Relaxed)
    }
    pub fn refused(&self) -> u64 {
        self.refused.load(Ordering::Relaxed)
    }
}

/// A relay password: 24 random characters from 32 (120 bits), without look-alikes (l, o,
/// 0, 1), so it can be read off a screen.
/// An SMTP reply line of the relay's own, `head` followed by what happened. Replies go to
/// programs and stay English and ASCII (RFC 5321); `detail` is the engine's text in the
/// language of the moment, so a detail in another script is left out of the reply (the
/// relay's events tell it to the person).
pub(crate) fn reply_with_detail(head: &str, detail: &str) -> String {
    if detail.is_ascii() {
        format!("{head}: {detail}")
    } else {
        format!("{head}.")
    }
}

pub fn new_relay_password() -> Result<Secret, String> {
    use ring::rand::SecureRandom;
    const ALPHABET: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut bytes = zeroize::Zeroizing::new([0u8; 24]);
    ring::rand::SystemRandom::new()
        .fill(bytes.as_mut())
        .map_err(|_| crate::t!("relay-no-random-bytes"))?;
    // 256 is a multiple of 32, so every character is equally likely.
    let text: String = bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect();
    Ok(Secret::new(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listens_on_loopback_only() {
        assert!(parse_listen("127.0.0.1:2525").is_ok());
        assert!(parse_listen("[::1]:2525").is_ok());
        assert!(parse_listen("localhost:2600").is_ok());
        assert!(matches!(
            parse_listen("0.0.0.0:2525"),
            Err(RelayError::NotLoopback(_))
        ));
        assert!(matches!(
            parse_listen("192.168.1.5:25"),
            Err(RelayError::NotLoopback(_))
        ));
        assert!(matches!(
            parse_listen("nope"),
            Err(RelayError::BadListen(_))
        ));
    }

    #[test]
    fn relay_passwords_are_long_random_and_compared_by_digest() {
        let a = new_relay_password().unwrap();
        let b = new_relay_password().unwrap();
        assert_eq!(a.expose().len(), 24);
        assert_ne!(a.expose(), b.expose());
        let digest = Digest32::of(a.expose());
        assert!(digest.matches(a.expose()));
        assert!(!digest.matches(b.expose()));
    }
}
