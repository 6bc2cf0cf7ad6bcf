//! The relay's side towards Gmail, one per account: logged-in sessions kept open and reused
//! (so an app that logs in for every message does not log in to Gmail each time, which ends
//! in `454 4.7.0 Too many login attempts`), at most [`MAX_SESSIONS`] at once, and for a
//! Google sign-in an access token kept in memory and made anew before it expires.

use super::event::{RelayEvent, RelaySink};
use crate::address::EmailAddress;
use crate::diagnosis::{Cause, Evidence, diagnose};
use crate::oauth::{Grant, refresh_access_token_expiring};
use crate::secret::Secret;
use crate::smtp::session::Session;
use crate::smtp::{CheckFailure, CheckOptions, Credential, Reply, Stage, ignore_events};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Most connections to Gmail per account at once (Gmail refuses many more in parallel).
pub const MAX_SESSIONS: usize = 10;
/// A session idle longer than this is closed rather than reused: Gmail drops idle ones.
const MAX_IDLE: Duration = Duration::from_secs(240);
/// An access token is made anew when it has less than this left.
const TOKEN_MARGIN: Duration = Duration::from_secs(300);
/// How long a message waits for one of the account's sessions to be free.
const CHECKOUT_WAIT: Duration = Duration::from_secs(60);

/// What the relay logs in to Gmail with.
#[derive(Clone)]
pub enum UpstreamLogin {
    /// An app password (or another server's password): used as it is.
    Password(Credential),
    /// A stored Google sign-in: access tokens are made from it as needed.
    OAuth { user: EmailAddress, grant: Grant },
}

struct Token {
    secret: Secret,
    good_until: Option<Instant>,
}

/// A refusal for the app: the reply it gets, and for the events who gave it and why.
#[derive(Clone, Debug)]
pub struct Refusal {
    pub reply: Vec<String>,
    pub upstream: bool,
    pub cause: Option<Cause>,
}

impl Refusal {
    pub fn local(line: &str) -> Refusal {
        Refusal {
            reply: vec![line.to_string()],
            upstream: false,
            cause: None,
        }
    }

    pub fn gmail(reply: &Reply) -> Refusal {
        Refusal {
            reply: reply.wire_lines(),
            upstream: true,
            cause: None,
        }
    }

    /// The reply on one line as people quote it ("550 5.4.5 Daily user sending limit
    /// exceeded. … - gsmtp"), for events and the ledger.
    pub fn summary(&self) -> String {
        let one_line = match Reply::parse(&self.reply) {
            Some(reply) => reply.to_string(),
            None => self.reply.join(" "),
        };
        one_line.chars().take(300).collect()
    }
}

pub struct Upstream {
    pub account: EmailAddress,
    options: CheckOptions,
    login: tokio::sync::Mutex<(UpstreamLogin, Option<Token>)>,
    idle: Mutex<Vec<Session>>,
    permits: Arc<Semaphore>,
    opened: Mutex<u64>,
    sink: RelaySink,
}

/// A session lent to one transaction, with its place among the account's connections.
pub struct Lent {
    pub session: Session,
    _permit: OwnedSemaphorePermit,
}

impl Upstream {
    pub fn new(
        account: EmailAddress,
        options: CheckOptions,
        login: UpstreamLogin,
        sink: RelaySink,
    ) -> Upstream {
        Upstream {
            account,
            options,
            login: tokio::sync::Mutex::new((login, None)),
            idle: Mutex::new(Vec::new()),
            permits: Arc::new(Semaphore::new(MAX_SESSIONS)),
            opened: Mutex::new(0),
            sink,
        }
    }

    /// A logged-in session: an idle one if there is, else a new one.
    pub async fn checkout(&self) -> Result<Lent, Refusal> {
        let permit = tokio::time::timeout(CHECKOUT_WAIT, self.permits.clone().acquire_owned())
            .await
            .ok()
            .and_then(Result::ok)
            .ok_or_else(|| {
                Refusal::local(
                    "451 4.3.2 Every connection to Gmail for this account is busy; try again shortly.",
                )
            })?;
        let reused = loop {
            let next = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
            let Some(mut session) = next else { break None };
            if session.idle_for() < MAX_IDLE && session.still_open().await {
                break Some(session);
            }
            if session.is_usable() {
                tokio::spawn(session.quit());
            } else {
                (self.sink)(RelayEvent::UpstreamLost {
                    account: self.account.to_string(),
                    detail: crate::t!("relay-idle-closed"),
                });
            }
        };
        let session = match reused {
            Some(session) => session,
            None => self.open().await?,
        };
        Ok(Lent {
            session,
            _permit: permit,
        })
    }

    /// A session replaces one that broke, for the same transaction.
    pub async fn reopen(&self, lent: &mut Lent, detail: &str) -> Result<(), Refusal> {
        (self.sink)(RelayEvent::UpstreamLost {
            account: self.account.to_string(),
            detail: detail.to_string(),
        });
        lent.session = self.open().await?;
        Ok(())
    }

    /// Gives a session back for the next message; one that broke is dropped.
    pub fn give_back(&self, lent: Lent) {
        if lent.session.is_usable() {
            self.idle
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(lent.session);
        }
    }

    /// Logs in once without sending (the app's own login, so a refused password reaches the
    /// app at AUTH, where it looks for it), keeping the session for the first message.
    pub async fn ready(&self) -> Result<(), Refusal> {
        let lent = self.checkout().await?;
        self.give_back(lent);
        Ok(())
    }

    /// Closes the idle sessions.
    pub async fn close(&self) {
        let sessions: Vec<Session> =
            std::mem::take(&mut *self.idle.lock().unwrap_or_else(|e| e.into_inner()));
        for session in sessions {
            session.quit().await;
        }
    }

    async fn open(&self) -> Result<Session, Refusal> {
        let mut login = self.login.lock().await;
        let mut refreshed = false;
        loop {
            let credential = self.credential(&mut login, refreshed).await?;
            match Session::open(&self.options, &credential, &ignore_events()).await {
                Ok((session, success)) => {
                    let reconnect = {
                        let mut opened = self.opened.lock().unwrap_or_else(|e| e.into_inner());
                        *opened += 1;
                        *opened > 1
                    };
                    (self.sink)(RelayEvent::UpstreamConnected {
                        account: self.account.to_string(),
                        route: success.route.to_string(),
                        reconnect,
                    });
                    return Ok(session);
                }
                // A token refused before its time (revoked, clock skew): one fresh try.
                Err(failure)
                    if failure.stage == Stage::Auth
                        && !refreshed
                        && matches!(login.0, UpstreamLogin::OAuth { .. }) =>
                {
                    refreshed = true;
                    let _ = failure;
                }
                Err(failure) => return Err(self.refusal(&failure)),
            }
        }
    }

    /// The credential for a new session; for a sign-in, a token with time left (made anew
    /// when `force`d or close to its end).
    async fn credential(
        &self,
        login: &mut (UpstreamLogin, Option<Token>),
        force: bool,
    ) -> Result<Credential, Refusal> {
        let (how, token) = login;
        let (user, grant) = match how {
            UpstreamLogin::Password(credential) => return Ok(credential.clone()),
            UpstreamLogin::OAuth { user, grant } => (user, grant),
        };
        let fresh = token.as_ref().is_some_and(|t| {
            t.good_until
                .is_none_or(|until| until > Instant::now() + TOKEN_MARGIN)
        });
        if force || !fresh {
            let (secret, lasts) = refresh_access_token_expiring(grant)
                .await
                .map_err(|error| {
                    let cause = diagnose(Evidence::OAuth(&error)).cause;
                    let text = super::reply_with_detail(
                        "454 4.7.0 The Google sign-in could not be renewed",
                        &error.to_string(),
                    );
                    Refusal {
                        reply: vec![crate::untrusted::inert(&text).replace(['\r', '\n'], " ")],
                        upstream: false,
                        cause: Some(cause),
                    }
                })?;
            (self.sink)(RelayEvent::TokenRefreshed {
                account: self.account.to_string(),
                expires_in_secs: lasts.map(|d| d.as_secs()),
            });
            *token = Some(Token {
                secret,
                good_until: lasts.map(|d| Instant::now() + d),
            });
        }
        Ok(Credential::OAuth {
            user: user.clone(),
            access_token: token
                .as_ref()
                .map(|t| t.secret.clone())
                .unwrap_or_else(|| Secret::new(String::new())),
        })
    }

    /// Gmail's reply when it gave one (a refused login: 535, 534, 454), else the relay's own
    /// 451 with what happened, so the app retries later. The connection reports it, once,
    /// with the command it answered.
    fn refusal(&self, failure: &CheckFailure) -> Refusal {
        let cause = Some(diagnose(Evidence::Failure(failure)).cause);
        match &failure.reply {
            Some(reply) if reply.code >= 400 => Refusal {
                reply: reply.wire_lines(),
                upstream: true,
                cause,
            },
            _ => {
                let text = super::reply_with_detail(
                    "451 4.4.0 smtp-setup could not reach Gmail",
                    &failure.detail,
                );
                Refusal {
                    reply: vec![crate::untrusted::inert(&text).replace(['\r', '\n'], " ")],
                    upstream: false,
                    cause,
                }
            }
        }
    }
}
