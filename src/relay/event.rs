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
            } => format!(
                "Relay listening on {address} for {}{}",
                accounts.join(", "),
                if *login_required {
                    " (apps log in with the relay password)"
                } else {
                    " (no login: any program on this machine can send)"
                }
            ),
            RelayEvent::Relayed {
                account,
                recipients,
                bytes,
                reply,
                ms,
            } => format!(
                "Relayed through {account}: {recipients} recipient{}, {bytes} bytes, {ms} ms — Gmail: {reply}",
                if *recipients == 1 { "" } else { "s" }
            ),
            RelayEvent::Refused {
                account,
                stage,
                upstream,
                reply,
                ..
            } => format!(
                "Refused at {}{} by {}: {reply}",
                stage.label(),
                account
                    .as_ref()
                    .map(|a| format!(" for {a}"))
                    .unwrap_or_default(),
                if *upstream { "Gmail" } else { "the relay" }
            ),
            RelayEvent::UpstreamConnected {
                account,
                route,
                reconnect,
            } => format!(
                "{} to {route} as {account}",
                if *reconnect {
                    "Reconnected"
                } else {
                    "Connected"
                }
            ),
            RelayEvent::UpstreamLost { account, detail } => {
                format!("Connection to Gmail for {account} ended: {detail}")
            }
            RelayEvent::TokenRefreshed {
                account,
                expires_in_secs,
            } => format!(
                "New access token for {account}{}",
                expires_in_secs
                    .map(|s| format!(", valid {} min", s / 60))
                    .unwrap_or_default()
            ),
            RelayEvent::SignInExpiring {
                account,
                hours_left,
            } => format!(
                "The Google sign-in of {account} stops working in about {hours_left} h (its OAuth client is in Testing): sign in again, or publish the client"
            ),
            RelayEvent::Stopped => "Relay stopped".to_string(),
        }
    }
}
