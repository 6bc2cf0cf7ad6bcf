//! What a running relay reports: each message relayed or refused (with the reply the app got
//! and, for Gmail's refusals, the diagnosed cause), upstream (re)connections and token
//! refreshes. The CLI prints them (or writes JSON lines); the window keeps counters.

use crate::diagnosis::Cause;
use serde::Serialize;
use std::sync::Arc;

/// Where a relay's events go.
pub type RelaySink = Arc<dyn Fn(RelayEvent) + Send + Sync>;

/// Which command a refusal answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelayStage {
    /// The app's login to the relay (its relay password), or the relay's login to Gmail.
    Login,
    Mail,
    Rcpt,
    Data,
}

impl RelayStage {
    pub fn label(self) -> &'static str {
        match self {
            RelayStage::Login => "login",
            RelayStage::Mail => "MAIL",
            RelayStage::Rcpt => "RCPT",
            RelayStage::Data => "DATA",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum RelayEvent {
    /// The relay accepts connections.
    Listening {
        address: String,
        accounts: Vec<String>,
        /// False with `--no-auth`.
        login_required: bool,
    },
    /// Gmail accepted a message; `reply` is its `250 2.0.0 OK …`.
    Relayed {
        account: String,
        recipients: usize,
        bytes: usize,
        reply: String,
        ms: u64,
    },
    /// A command was refused, by Gmail (`upstream`) or by the relay itself.
    Refused {
        account: Option<String>,
        stage: RelayStage,
        upstream: bool,
        reply: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        cause: Option<Cause>,
    },
    /// A logged-in connection to Gmail was opened.
    UpstreamConnected {
        account: String,
        route: String,
        reconnect: bool,
    },
    /// A connection to Gmail broke or was closed by Gmail (421); the next message opens another.
    UpstreamLost { account: String, detail: String },
    /// A new access token was made from the stored sign-in (kept in memory only).
    TokenRefreshed {
        account: String,
        expires_in_secs: Option<u64>,
    },
    /// The Google sign-in stops working soon (an OAuth client in "Testing": 7 days).
    SignInExpiring { account: String, hours_left: u64 },
    /// The relay stopped accepting connections.
    Stopped,
}

impl RelayEvent {
    /// One line for a person.
    pub fn describe(&self) -> String {
        match self {
            RelayEvent::Listening {
                address,
                accounts,
                login_required,
            } => crate::t!(
                if *login_required {
                    "relay-listening-login"
                } else {
                    "relay-listening-open"
                },
                address = address.to_string(),
                accounts = accounts.join(", ")
            ),
            RelayEvent::Relayed {
                account,
                recipients,
                bytes,
                reply,
                ms,
            } => crate::t!(
                "relay-relayed",
                account = account.as_str(),
                recipients = *recipients,
                bytes = *bytes,
                ms = *ms,
                reply = reply.to_string()
            ),
            RelayEvent::Refused {
                account,
                stage,
                upstream,
                reply,
                ..
            } => {
                let by = if *upstream { "gmail" } else { "relay" };
                let reply = reply.to_string();
                match account {
                    Some(account) => crate::t!(
                        "relay-refused-for",
                        stage = stage.label(),
                        account = account.as_str(),
                        by = by,
                        reply = reply
                    ),
                    None => crate::t!(
                        "relay-refused",
                        stage = stage.label(),
                        by = by,
                        reply = reply
                    ),
                }
            }
            RelayEvent::UpstreamConnected {
                account,
                route,
                reconnect,
            } => crate::t!(
                if *reconnect {
                    "relay-upstream-reconnected"
                } else {
                    "relay-upstream-connected"
                },
                route = route.to_string(),
                account = account.as_str()
            ),
            RelayEvent::UpstreamLost { account, detail } => crate::t!(
                "relay-upstream-lost",
                account = account.as_str(),
                detail = detail.as_str()
            ),
            RelayEvent::TokenRefreshed {
                account,
                expires_in_secs,
            } => match expires_in_secs {
                Some(secs) => crate::t!(
                    "relay-token-refreshed-valid",
                    account = account.as_str(),
                    minutes = secs / 60
                ),
                None => crate::t!("relay-token-refreshed", account = account.as_str()),
            },
            RelayEvent::SignInExpiring {
                account,
                hours_left,
            } => crate::t!(
                "relay-sign-in-expiring",
                account = account.as_str(),
                hours = *hours_left
            ),
            RelayEvent::Stopped => crate::t!("relay-stopped"),
        }
    }
}
