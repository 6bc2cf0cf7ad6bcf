//! The person's own OAuth client: from Google's downloaded `client_secret_*.json`, or from a
//! pasted client id and secret.

use super::{AUTH_URL_ENV, GOOGLE_AUTH_URL, GOOGLE_TOKEN_URL, OAuthError, TOKEN_URL_ENV};
use crate::secret::Secret;
use serde::Deserialize;
use std::path::Path;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OAuthClient {
    pub client_id: String,
    /// Google gives Desktop clients a secret that is not really secret; it is still kept
    /// only in the keychain.
    pub client_secret: Option<Secret>,
    pub auth_url: String,
    pub token_url: String,
}

#[derive(Deserialize)]
struct ClientFile {
    installed: Option<ClientSection>,
    web: Option<ClientSection>,
}

#[derive(Deserialize)]
struct ClientSection {
    client_id: String,
    client_secret: Option<String>,
    auth_uri: Option<String>,
    token_uri: Option<String>,
}

impl OAuthClient {
    /// A client from its id and secret, with Google's endpoints (or the overrides).
    pub fn new(client_id: &str, client_secret: Option<&str>) -> Result<OAuthClient, OAuthError> {
        let client_id = client_id.trim();
        if client_id.is_empty() || client_id.chars().any(char::is_whitespace) {
            return Err(OAuthError::Client(
                "the client ID is empty or has spaces; copy it from Google Cloud's Clients page"
                    .into(),
            ));
        }
        Ok(OAuthClient {
            client_id: client_id.to_string(),
            client_secret: client_secret
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Secret::new(s.into())),
            auth_url: endpoint(AUTH_URL_ENV, None, GOOGLE_AUTH_URL),
            token_url: endpoint(TOKEN_URL_ENV, None, GOOGLE_TOKEN_URL),
        })
    }

    /// Parses the JSON Google lets you download for a client ("Desktop app" type).
    pub fn from_json(text: &str) -> Result<OAuthClient, OAuthError> {
        let file: ClientFile = serde_json::from_str(text).map_err(|e| {
            OAuthError::Client(format!("the file is not a Google OAuth client file ({e})"))
        })?;
        let section = match (file.installed, file.web) {
            (Some(installed), _) => installed,
            (None, Some(_)) => {
                return Err(OAuthError::Client(
                    "this is a \"Web application\" client; create a \"Desktop app\" client instead, \
                     which may redirect to 127.0.0.1"
                        .into(),
                ));
            }
            (None, None) => {
                return Err(OAuthError::Client(
                    "the file has no \"installed\" client section".into(),
                ));
            }
        };
        let mut client = OAuthClient::new(&section.client_id, section.client_secret.as_deref())?;
        client.auth_url = endpoint(AUTH_URL_ENV, section.auth_uri, GOOGLE_AUTH_URL);
        client.token_url = endpoint(TOKEN_URL_ENV, section.token_uri, GOOGLE_TOKEN_URL);
        Ok(client)
    }

    pub fn from_file(path: &Path) -> Result<OAuthClient, OAuthError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| OAuthError::Client(format!("cannot read {}: {e}", path.display())))?;
        OAuthClient::from_json(&text)
    }
}

/// The environment variable wins, then the client file, then Google's address.
fn endpoint(variable: &str, from_file: Option<String>, google: &str) -> String {
    std::env::var(variable)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or(from_file)
        .unwrap_or_else(|| google.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_desktop_client_file() {
        let json = r#"{"installed":{"client_id":"123.apps.googleusercontent.com","project_id":"p",
            "auth_uri":"https://accounts.google.com/o/oauth2/auth","token_uri":"https://oauth2.googleapis.com/token",
            "client_secret":"GOCSPX-abc","redirect_uris":["http://localhost"]}}"#;
        let client = OAuthClient::from_json(json).unwrap();
        assert_eq!(client.client_id, "123.apps.googleusercontent.com");
        assert_eq!(
            client.client_secret.as_ref().map(Secret::expose),
            Some("GOCSPX-abc")
        );
        assert_eq!(client.token_url, "https://oauth2.googleapis.com/token");
    }

    #[test]
    fn explains_wrong_client_files() {
        let web = OAuthClient::from_json(r#"{"web":{"client_id":"x"}}"#).unwrap_err();
        assert!(web.to_string().contains("Desktop app"), "{web}");
        assert!(OAuthClient::from_json("not json").is_err());
        assert!(OAuthClient::new(" ", None).is_err());
    }
}
