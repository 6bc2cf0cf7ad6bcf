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
    #[error("The OAuth client is not usable: {0}")]
    Client(String),
    #[error("Cannot listen for Google's redirect on 127.0.0.1: {0}")]
    Listener(String),
    #[error("No answer from the browser within {} s; the sign-in was not finished.", .0.as_secs())]
    Timeout(Duration),
    #[error(
        "The sign-in was declined, or this Google account is not a test user of the OAuth app \
         (while the app is in \"Testing\", only listed test users may sign in)."
    )]
    AccessDenied,
    #[error(
        "The browser came back with a different state than this sign-in started with, so the \
         answer was refused (an old sign-in tab, or someone else's link). Start the sign-in again."
    )]
    StateMismatch,
    #[error("Google's redirect carried no authorization code. Start the sign-in again.")]
    MissingCode,
    #[error("Google answered {code}{}", description.as_ref().map(|d| format!(": {d}")).unwrap_or_default())]
    Google {
        code: String,
        description: Option<String>,
    },
    #[error(
        "The sign-in granted {granted}, but SMTP needs {GMAIL_OAUTH_SCOPE} (gmail.send is not \
         enough)."
    )]
    WrongScope { granted: String },
    #[error(
        "The {what} {url} (from {setting}) is not https://, so the refresh token and the client \
         secret would cross the network unencrypted; nothing was sent. Use Google's https:// \
         address (plain http:// is accepted only for 127.0.0.1, ::1 and localhost)."
    )]
    Insecure {
        what: &'static str,
        url: String,
        setting: String,
    },
    #[error(
        "Google returned no refresh token, so the sign-in cannot be kept. Remove the app's access \
         at https://myaccount.google.com/connections and sign in again."
    )]
    NoRefreshToken,
    #[error("Cannot reach Google's sign-in service: {0}")]
    Network(String),
}
