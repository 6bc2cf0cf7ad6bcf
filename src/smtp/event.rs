//! What a check reports as it goes (events) and how it ends (outcome or failure).
//! The CLI prints these and the GUI draws them; neither computes anything of its own.

use super::reply::Reply;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The stages of a check, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// DNS lookup of the server's name.
    Resolve,
    /// TCP connection.
    Connect,
    /// The server's 220 greeting.
    Greeting,
    /// EHLO and the server's capabilities.
    Ehlo,
    /// STARTTLS or implicit TLS handshake, certificate checked.
    Tls,
    /// Login with the credential.
    Auth,
    /// MAIL FROM, RCPT TO, DATA (test send only).
    Send,
}

impl Stage {
    /// Short name as shown in a timeline.
    pub fn label(self) -> String {
        crate::t!(match self {
            Stage::Resolve => "stage-resolve",
            Stage::Connect => "stage-connect",
            Stage::Greeting => "stage-greeting",
            Stage::Ehlo => "stage-ehlo",
            Stage::Tls => "stage-tls",
            Stage::Auth => "stage-auth",
            Stage::Send => "stage-send",
        })
    }
}

/// How TLS is started on a connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TlsMode {
    /// Plain greeting, then STARTTLS (port 587).
    Starttls,
    /// TLS from the first byte (port 465).
    Implicit,
}

impl fmt::Display for TlsMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::t!(match self {
            TlsMode::Starttls => "tls-mode-starttls",
            TlsMode::Implicit => "tls-mode-implicit",
        }))
    }
}

/// One way to reach the server: host, port and TLS mode.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Route {
    pub host: String,
    pub port: u16,
    pub tls: TlsMode,
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{} ({})", self.host, self.port, self.tls)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StageStatus {
    Started,
    Passed,
    Failed,
}

/// A stage started, passed or failed on one route.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageEvent {
    /// None for the DNS stage, which is shared by all routes.
    pub route: Option<Route>,
    pub stage: Stage,
    pub status: StageStatus,
    /// Time since the stage started (0 for `Started`).
    pub elapsed_ms: u64,
    /// The server's reply that ended the stage, if there was one.
    pub reply: Option<Reply>,
    /// A short fact for people: the address connected to, the TLS version, why it failed.
    pub detail: Option<String>,
}

/// Who sent a transcript line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Client,
    Server,
}

/// One SMTP line as it crossed the connection, with secrets already redacted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TranscriptLine {
    pub route: Route,
    pub direction: Direction,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CheckEvent {
    Stage(StageEvent),
    Transcript(TranscriptLine),
}

/// What went wrong, in terms the diagnosis can act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "problem")]
pub enum FailureKind {
    /// The server answered with a negative reply (see `CheckFailure::reply`).
    Reply,
    /// The stage did not finish within its time bound.
    Timeout,
    /// Nothing listens on the port, or a firewall rejected the connection.
    Refused,
    /// The host name could not be resolved.
    Dns,
    /// No route to the network or host (e.g. a broken IPv6 path).
    Unreachable,
    /// The connection was closed or reset by the other side.
    Closed,
    /// The server's certificate was not accepted.
    Certificate(CertificateProblem),
    /// The TLS handshake failed for a reason other than the certificate.
    TlsHandshake,
    /// The server speaks a different TLS mode on this port (STARTTLS vs implicit TLS).
    WrongTlsMode,
    /// The server does not offer something the check needs (STARTTLS, an AUTH mechanism).
    Unsupported,
    /// The server sent something that is not SMTP.
    Protocol,
    /// smtp-setup itself failed (a bug), not the server or the network.
    Internal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateProblem {
    /// Not signed by a trusted authority (self-signed, private CA, interception proxy).
    UntrustedIssuer,
    Expired,
    /// Valid, but for another host name.
    WrongHost,
    Other,
}

/// Why a check failed: the stage, the route, the kind and the server's reply if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{}", crate::t!("check-failed", stage = format!("{:?}", .stage), detail = .detail.as_str()))]
pub struct CheckFailure {
    pub stage: Stage,
    pub route: Option<Route>,
    #[serde(flatten)]
    pub kind: FailureKind,
    pub reply: Option<Reply>,
    /// What happened, in one plain sentence (never contains a secret).
    pub detail: String,
}
