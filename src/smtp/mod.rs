//! The staged SMTP check and test send. Every stage is bounded in time and reported as an
//! event, so a person (CLI or GUI) sees exactly where things stop.

mod auth;
mod check;
mod connection;
pub mod event;
pub mod message;
pub mod reply;
mod route;
pub mod session;

pub use check::{
    CheckOptions, CheckReport, ConnectTo, DEFAULT_DEADLINE, DEFAULT_STAGE_TIMEOUT, RouteOutcome,
    RouteSummary, Success, TestSend, default_ehlo_name, run_check,
};
pub use event::{
    CertificateProblem, CheckEvent, CheckFailure, Direction, FailureKind, Route, Stage, StageEvent,
    StageStatus, TlsMode, TranscriptLine,
};
pub use reply::Reply;

use crate::address::EmailAddress;
use crate::app_password::AppPassword;
use crate::secret::Secret;
use std::sync::Arc;

/// Where events go: the CLI prints them, the GUI forwards them over a channel and repaints.
pub type EventSink = Arc<dyn Fn(CheckEvent) + Send + Sync>;

/// A sink that drops every event.
pub fn ignore_events() -> EventSink {
    Arc::new(|_| {})
}

/// How to log in.
#[derive(Clone, Debug)]
pub enum Credential {
    /// A Google app password (AUTH PLAIN, or LOGIN where PLAIN is missing).
    AppPassword {
        user: EmailAddress,
        password: AppPassword,
    },
    /// Any other password, for servers that are not Gmail.
    Password {
        user: EmailAddress,
        password: Secret,
    },
    /// An OAuth2 access token (AUTH XOAUTH2).
    OAuth {
        user: EmailAddress,
        access_token: Secret,
    },
}

impl Credential {
    pub fn user(&self) -> &EmailAddress {
        match self {
            Credential::AppPassword { user, .. }
            | Credential::Password { user, .. }
            | Credential::OAuth { user, .. } => user,
        }
    }
}

/// Which TLS modes (and ports) to try.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TlsChoice {
    /// STARTTLS and implicit TLS in parallel; the first that works is used.
    Auto,
    Starttls,
    Implicit,
}

impl TlsChoice {
    /// The (port, mode) pairs to try. Without a port, the usual ones: 587 and 465.
    pub fn candidates(self, port: Option<u16>) -> Vec<(u16, TlsMode)> {
        use crate::provider::{IMPLICIT_TLS_PORT, STARTTLS_PORT};
        let starttls = (port.unwrap_or(STARTTLS_PORT), TlsMode::Starttls);
        let implicit = (port.unwrap_or(IMPLICIT_TLS_PORT), TlsMode::Implicit);
        match self {
            TlsChoice::Auto => vec![starttls, implicit],
            TlsChoice::Starttls => vec![starttls],
            TlsChoice::Implicit => vec![implicit],
        }
    }
}

/// Parses "HOST", "HOST:PORT", "[V6]:PORT" or a bare IPv6 address.
pub fn parse_server(server: &str) -> Result<(String, Option<u16>), String> {
    let server = server.trim();
    let bad = || crate::t!("smtp-bad-server", server = server);
    let (host, port) = if let Some(rest) = server.strip_prefix('[') {
        let (host, after) = rest.split_once(']').ok_or_else(bad)?;
        (host, after.strip_prefix(':'))
    } else if server.matches(':').count() == 1 {
        let (host, port) = server.split_once(':').ok_or_else(bad)?;
        (host, Some(port))
    } else {
        (server, None)
    };
    if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad());
    }
    let port = port
        .map(|p| p.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(bad))
        .transpose()?;
    Ok((host.to_string(), port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_argument_forms() {
        let parse = |s: &str| parse_server(s).ok();
        assert_eq!(
            parse("smtp.gmail.com"),
            Some(("smtp.gmail.com".into(), None))
        );
        assert_eq!(
            parse("smtp.gmail.com:465"),
            Some(("smtp.gmail.com".into(), Some(465)))
        );
        assert_eq!(parse("[::1]:2525"), Some(("::1".into(), Some(2525))));
        assert_eq!(parse("::1"), Some(("::1".into(), None)));
        assert_eq!(parse("host:0"), None);
        assert_eq!(parse("host:abc"), None);
        assert_eq!(parse("a b:25"), None);
    }
}
