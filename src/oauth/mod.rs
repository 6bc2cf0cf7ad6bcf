//! Sign in with Google: OAuth2 authorization code flow with PKCE and a loopback redirect
//! (the only flow Google allows for desktop apps with Gmail scopes), refresh tokens, and the
//! errors Google answers with. The person brings their own OAuth client ("Desktop app").

mod authorize;
mod client;
mod loopback;
mod tokens;

pub use authorize::{PendingAuthorization, start_authorization};
pub use client::OAuthClient;
pub use tokens::{Grant, refresh_access_token, refresh_access_token_expiring};

use crate::provider::GMAIL_OAUTH_SCOPE;
use std::time::Duration;

/// Google's endpoints; a client file or these variables may point elsewhere (tests, private
/// deployments).
pub const GOOGLE_AUTH_URL: &str = "https://accounts.google.com/o/oauth2/v2/auth";
pub const GOOGLE_TOKEN_URL: &str = "https://oauth2.googleapis.com/token";
pub const AUTH_URL_ENV: &str = "SMTP_SETUP_OAUTH_AUTH_URL";
pub const TOKEN_URL_ENV: &str = "SMTP_SETUP_OAUTH_TOKEN_URL";
/// How long to wait for the browser to come back by default.
pub const DEFAULT_BROWSER_TIMEOUT: Duration = Duration::from_secs(300);

/// Why signing in with Google failed. The diagnosis reads the variant (see
/// `diagnosis::Evidence::OAuth`); only Google's own codes are matched as text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OAuthError {
    #[error("{}", crate::t!("oauth-client-unusable", detail = .0.as_str()))]
    Client(String),
    #[error("{}", crate::t!("oauth-listener", detail = .0.as_str()))]
    Listener(String),
    #[error("{}", crate::t!("oauth-timeout", secs = .0.as_secs()))]
    Timeout(Duration),
    #[error("{}", crate::t!("oauth-access-denied"))]
    AccessDenied,
    #[error("{}", crate::t!("oauth-state-mismatch"))]
    StateMismatch,
    #[error("{}", crate::t!("oauth-missing-code"))]
    MissingCode,
    #[error("{}", match .description {
        Some(description) => crate::t!("oauth-google-answered-described", code = .code.as_str(), description = description.as_str()),
        None => crate::t!("oauth-google-answered", code = .code.as_str()),
    })]
    Google {
        code: String,
        description: Option<String>,
    },
    #[error("{}", crate::t!("oauth-wrong-scope", granted = .granted.as_str(), scope = GMAIL_OAUTH_SCOPE))]
    WrongScope { granted: String },
    /// `what` names the endpoint and `setting` where its address came from, in words.
    #[error("{}", crate::t!("oauth-insecure", what = .what.as_str(), url = .url.as_str(), setting = .setting.as_str()))]
    Insecure {
        what: String,
        url: String,
        setting: String,
    },
    #[error("{}", crate::t!("oauth-no-refresh-token"))]
    NoRefreshToken,
    #[error("{}", crate::t!("oauth-network", detail = .0.as_str()))]
    Network(String),
}
