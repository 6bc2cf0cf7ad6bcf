//! What a sign-in leaves: the refresh token (kept in the keychain with the client) and the
//! short-lived access tokens made from it just before each use.

use super::OAuthError;
use super::client::{Endpoint, OAuthClient, require_secure};
use crate::secret::Secret;
use oauth2::basic::{BasicClient, BasicErrorResponse};
use oauth2::{
    AuthType, AuthUrl, ClientId, ClientSecret, EndpointNotSet, EndpointSet, HttpClientError,
    RedirectUrl, RefreshToken, RequestTokenError, TokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use zeroize::Zeroizing;

/// How long one request to the token endpoint may take.
const TOKEN_TIMEOUT: Duration = Duration::from_secs(30);

/// The lasting result of a sign-in.
#[derive(Clone, Debug)]
pub struct Grant {
    pub client: OAuthClient,
    pub refresh_token: Secret,
    /// The access token from the sign-in itself, if still at hand; never stored.
    pub access_token: Option<Secret>,
    /// Whether the OAuth client is in "Testing" (its sign-ins end after 7 days), as the
    /// person said; kept in the account list, not the keychain.
    pub testing: Option<bool>,
}

/// The keychain form of a grant (JSON); only ever held in zeroizing buffers.
#[derive(Serialize, Deserialize)]
struct Stored {
    client_id: String,
    client_secret: Option<String>,
    refresh_token: String,
    auth_url: String,
    token_url: String,
}

impl Drop for Stored {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.client_secret.zeroize();
        self.refresh_token.zeroize();
    }
}

impl Grant {
    /// The text stored in the keychain for this account.
    pub fn to_keychain(&self) -> Secret {
        let stored = Stored {
            client_id: self.client.client_id.clone(),
            client_secret: self
                .client
                .client_secret
                .as_ref()
                .map(|s| s.expose().to_string()),
            refresh_token: self.refresh_token.expose().to_string(),
            auth_url: self.client.auth_url.clone(),
            token_url: self.client.token_url.clone(),
        };
        let json =
            Zeroizing::new(serde_json::to_string(&stored).expect("a grant always serializes"));
        Secret::new(json.to_string())
    }

    pub fn from_keychain(secret: &Secret) -> Result<Grant, OAuthError> {
        let stored: Stored = serde_json::from_str(secret.expose())
            .map_err(|_| OAuthError::Client(crate::t!("oauth-not-a-saved-sign-in")))?;
        Ok(Grant {
            client: OAuthClient {
                client_id: stored.client_id.clone(),
                client_secret: stored
                    .client_secret
                    .as_deref()
                    .map(|s| Secret::new(s.to_string())),
                auth_url: stored.auth_url.clone(),
                token_url: stored.token_url.clone(),
            },
            refresh_token: Secret::new(stored.refresh_token.clone()),
            access_token: None,
            testing: None,
        })
    }
}

/// A fresh access token from the refresh token.
pub async fn refresh_access_token(grant: &Grant) -> Result<Secret, OAuthError> {
    Ok(refresh_access_token_expiring(grant).await?.0)
}

/// A fresh access token and how long Google says it lasts (about an hour), for a caller
/// that keeps it in memory and refreshes it before then (the relay).
pub async fn refresh_access_token_expiring(
    grant: &Grant,
) -> Result<(Secret, Option<Duration>), OAuthError> {
    let token = oauth2_client(&grant.client, None)?
        .exchange_refresh_token(&RefreshToken::new(grant.refresh_token.expose().to_string()))
        .request_async(&http_client()?)
        .await
        .map_err(token_error)?;
    Ok((
        Secret::new(token.access_token().secret().clone()),
        token.expires_in(),
    ))
}

pub(super) type GoogleClient =
    BasicClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

pub(super) fn oauth2_client(
    client: &OAuthClient,
    redirect_uri: Option<&str>,
) -> Result<GoogleClient, OAuthError> {
    // Also checked when the client was made; again here for a grant read from the keychain.
    let saved = crate::t!("oauth-saved-sign-in");
    require_secure(Endpoint::Authorization, &client.auth_url, &saved)?;
    require_secure(Endpoint::Token, &client.token_url, &saved)?;
    let bad = |what: &str, e: oauth2::url::ParseError| {
        OAuthError::Client(crate::t!(
            "oauth-not-a-url",
            what = crate::t!(what),
            error = e.to_string()
        ))
    };
    let mut oauth = BasicClient::new(ClientId::new(client.client_id.clone()))
        .set_auth_uri(
            AuthUrl::new(client.auth_url.clone())
                .map_err(|e| bad("oauth-authorization-endpoint", e))?,
        )
        .set_token_uri(
            TokenUrl::new(client.token_url.clone()).map_err(|e| bad("oauth-token-endpoint", e))?,
        )
        // Google takes the client credentials in the request body.
        .set_auth_type(AuthType::RequestBody);
    if let Some(secret) = &client.client_secret {
        oauth = oauth.set_client_secret(ClientSecret::new(secret.expose().to_string()));
    }
    if let Some(uri) = redirect_uri {
        oauth = oauth.set_redirect_uri(
            RedirectUrl::new(uri.to_string()).map_err(|e| bad("oauth-redirect-uri", e))?,
        );
    }
    Ok(oauth)
}

/// Certificates verified (rustls, Mozilla's roots); redirects not followed (RFC 6749 10.12).
pub(super) fn http_client() -> Result<oauth2::reqwest::Client, OAuthError> {
    oauth2::reqwest::Client::builder()
        .redirect(oauth2::reqwest::redirect::Policy::none())
        .timeout(TOKEN_TIMEOUT)
        .build()
        .map_err(|e| OAuthError::Network(e.to_string()))
}

pub(super) fn token_error(
    error: RequestTokenError<HttpClientError<oauth2::reqwest::Error>, BasicErrorResponse>,
) -> OAuthError {
    match error {
        RequestTokenError::ServerResponse(response) => OAuthError::Google {
            code: response.error().as_ref().to_string(),
            description: response.error_description().cloned(),
        },
        RequestTokenError::Request(error) => OAuthError::Network(error_chain(&error)),
        RequestTokenError::Parse(_, body) => OAuthError::Network(crate::t!(
            "oauth-unexpected-token-answer",
            body = String::from_utf8_lossy(&body)
                .chars()
                .take(200)
                .collect::<String>()
        )),
        RequestTokenError::Other(message) => OAuthError::Network(message),
    }
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keychain_form_round_trips_and_hides_in_debug() {
        let grant = Grant {
            client: OAuthClient::new("id.apps.googleusercontent.com", Some("GOCSPX-s")).unwrap(),
            refresh_token: Secret::new("1//refresh".into()),
            access_token: Some(Secret::new("ya29.access".into())),
            testing: Some(true),
        };
        let stored = grant.to_keychain();
        assert!(
            !stored.expose().contains("ya29.access"),
            "access tokens are never stored"
        );
        let back = Grant::from_keychain(&stored).unwrap();
        assert_eq!(back.refresh_token.expose(), "1//refresh");
        assert_eq!(back.client, grant.client);
        let debug = format!("{grant:?}");
        assert!(
            !debug.contains("1//refresh") && !debug.contains("GOCSPX-s") && !debug.contains("ya29")
        );
    }
}
