//! The authorization code flow: PKCE S256, a random `state`, scope `https://mail.google.com/`,
//! offline access so a refresh token comes back, and the code exchanged at the token endpoint.

use super::OAuthError;
use super::client::OAuthClient;
use super::loopback::Loopback;
use super::tokens::{Grant, http_client, oauth2_client, token_error};
use crate::address::EmailAddress;
use crate::provider::GMAIL_OAUTH_SCOPE;
use crate::secret::Secret;
use oauth2::{
    AuthorizationCode, CsrfToken, PkceCodeChallenge, PkceCodeVerifier, Scope, TokenResponse,
};
use std::time::Duration;

/// A sign-in waiting for the browser.
pub struct PendingAuthorization {
    url: String,
    loopback: Loopback,
    state: CsrfToken,
    verifier: PkceCodeVerifier,
    client: OAuthClient,
}

/// Listens on a random loopback port and builds the URL to open in the browser.
pub async fn start_authorization(
    client: &OAuthClient,
    user: &EmailAddress,
) -> Result<PendingAuthorization, OAuthError> {
    let loopback = Loopback::bind().await?;
    let oauth = oauth2_client(client, Some(&loopback.redirect_uri))?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state) = oauth
        .authorize_url(CsrfToken::new_random)
        .add_scope(Scope::new(GMAIL_OAUTH_SCOPE.to_string()))
        .set_pkce_challenge(challenge)
        // A refresh token comes back only with offline access, and again only with consent.
        .add_extra_param("access_type", "offline")
        .add_extra_param("prompt", "consent")
        .add_extra_param("login_hint", user.as_str())
        .url();
    Ok(PendingAuthorization {
        url: url.to_string(),
        loopback,
        state,
        verifier,
        client: client.clone(),
    })
}

impl PendingAuthorization {
    /// The address to open in the browser.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Where Google sends the browser back: `http://127.0.0.1:<port>/`.
    pub fn redirect_uri(&self) -> &str {
        &self.loopback.redirect_uri
    }

    /// Waits for the redirect (at most `timeout`), then exchanges the code for tokens.
    pub async fn finish(self, timeout: Duration) -> Result<Grant, OAuthError> {
        let redirect_uri = self.loopback.redirect_uri.clone();
        let code = self.loopback.wait(self.state.secret(), timeout).await?;
        let oauth = oauth2_client(&self.client, Some(&redirect_uri))?;
        let token = oauth
            .exchange_code(AuthorizationCode::new(code))
            .set_pkce_verifier(self.verifier)
            .request_async(&http_client()?)
            .await
            .map_err(token_error)?;
        let granted: Vec<String> = token
            .scopes()
            .map(|s| s.iter().map(|s| s.to_string()).collect())
            .unwrap_or_default();
        if !granted.is_empty() && !granted.iter().any(|s| s == GMAIL_OAUTH_SCOPE) {
            return Err(OAuthError::WrongScope {
                granted: granted.join(" "),
            });
        }
        let refresh_token = token.refresh_token().ok_or(OAuthError::NoRefreshToken)?;
        Ok(Grant {
            client: self.client,
            refresh_token: Secret::new(refresh_token.secret().clone()),
            access_token: Some(Secret::new(token.access_token().secret().clone())),
            testing: None,
        })
    }
}
