//! The person's own OAuth client: from Google's downloaded `client_secret_*.json`, or from a
//! pasted client id and secret.

use super::{AUTH_URL_ENV, GOOGLE_AUTH_URL, GOOGLE_TOKEN_URL, OAuthError, TOKEN_URL_ENV};
use crate::secret::Secret;
use serde::Deserialize;
use std::path::{Path, PathBuf};

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
            return Err(OAuthError::Client(crate::t!("oauth-client-id-bad")));
        }
        Ok(OAuthClient {
            client_id: client_id.to_string(),
            client_secret: client_secret
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Secret::new(s.into())),
            auth_url: endpoint(Endpoint::Authorization, None)?,
            token_url: endpoint(Endpoint::Token, None)?,
        })
    }

    /// Parses the JSON Google lets you download for a client ("Desktop app" type).
    pub fn from_json(text: &str) -> Result<OAuthClient, OAuthError> {
        let file: ClientFile = serde_json::from_str(text).map_err(|e| {
            OAuthError::Client(crate::t!("oauth-not-a-client-file", error = e.to_string()))
        })?;
        let section = match (file.installed, file.web) {
            (Some(installed), _) => installed,
            (None, Some(_)) => {
                return Err(OAuthError::Client(crate::t!("oauth-web-client")));
            }
            (None, None) => {
                return Err(OAuthError::Client(crate::t!("oauth-no-installed-section")));
            }
        };
        let mut client = OAuthClient::new(&section.client_id, section.client_secret.as_deref())?;
        client.auth_url = endpoint(Endpoint::Authorization, section.auth_uri)?;
        client.token_url = endpoint(Endpoint::Token, section.token_uri)?;
        Ok(client)
    }

    pub fn from_file(path: &Path) -> Result<OAuthClient, OAuthError> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            OAuthError::Client(crate::t!(
                "oauth-cannot-read",
                path = path.display().to_string(),
                error = e.to_string()
            ))
        })?;
        OAuthClient::from_json(&text)
    }

    /// `from_file` off the async workers (the file is read on the blocking pool).
    pub async fn load_file(path: PathBuf) -> Result<OAuthClient, OAuthError> {
        match tokio::task::spawn_blocking(move || OAuthClient::from_file(&path)).await {
            Ok(client) => client,
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
    }
}

/// The two addresses a client talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Endpoint {
    Authorization,
    Token,
}

impl Endpoint {
    fn variable(self) -> &'static str {
        match self {
            Endpoint::Authorization => AUTH_URL_ENV,
            Endpoint::Token => TOKEN_URL_ENV,
        }
    }

    fn google(self) -> &'static str {
        match self {
            Endpoint::Authorization => GOOGLE_AUTH_URL,
            Endpoint::Token => GOOGLE_TOKEN_URL,
        }
    }

    fn file_field(self) -> String {
        crate::t!(match self {
            Endpoint::Authorization => "oauth-file-auth-uri",
            Endpoint::Token => "oauth-file-token-uri",
        })
    }

    pub(crate) fn name(self) -> String {
        crate::t!(match self {
            Endpoint::Authorization => "oauth-authorization-endpoint",
            Endpoint::Token => "oauth-token-endpoint",
        })
    }
}

/// The environment variable wins, then the client file, then Google's address; whichever it
/// is must be https:// (or http:// on a loopback host), checked here before anything is sent.
fn endpoint(which: Endpoint, from_file: Option<String>) -> Result<String, OAuthError> {
    let (url, setting) = match std::env::var(which.variable())
        .ok()
        .filter(|v| !v.trim().is_empty())
    {
        Some(url) => (url, which.variable().to_string()),
        None => match from_file {
            Some(url) => (url, which.file_field()),
            None => return Ok(which.google().to_string()),
        },
    };
    require_secure(which, url.trim(), &setting)?;
    Ok(url.trim().to_string())
}

/// Refuses an endpoint that would carry secrets in clear: anything but https://, except
/// http:// to a loopback host (local test servers).
pub(crate) fn require_secure(which: Endpoint, url: &str, setting: &str) -> Result<(), OAuthError> {
    let insecure = || OAuthError::Insecure {
        what: which.name(),
        url: url.to_string(),
        setting: setting.to_string(),
    };
    let parsed = url::Url::parse(url).map_err(|e| {
        OAuthError::Client(crate::t!(
            "oauth-not-a-url-quoted",
            what = which.name(),
            url = format!("{url:?}"),
            error = e.to_string()
        ))
    })?;
    match parsed.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(&parsed) => Ok(()),
        _ => Err(insecure()),
    }
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
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
    fn endpoints_must_be_https_or_loopback() {
        let check = |url: &str| require_secure(Endpoint::Token, url, "X");
        assert!(check("https://oauth2.googleapis.com/token").is_ok());
        assert!(check("http://127.0.0.1:8080/token").is_ok());
        assert!(check("http://127.9.9.9/token").is_ok());
        assert!(check("http://[::1]:9/token").is_ok());
        assert!(check("http://LOCALHOST/token").is_ok());
        for url in [
            "http://oauth2.googleapis.com/token",
            "http://0.0.0.0:80/token",
            "http://localhost.example.org/token",
            "http://127.0.0.1.nip.io/token",
            "ftp://127.0.0.1/token",
        ] {
            let error = check(url).unwrap_err();
            assert!(matches!(error, OAuthError::Insecure { .. }), "{url}");
            assert!(error.to_string().contains("(from X)"), "{error}");
        }
        let json = r#"{"installed":{"client_id":"x","token_uri":"http://example.org/token"}}"#;
        let error = OAuthClient::from_json(json).unwrap_err();
        assert!(error.to_string().contains("token_uri"), "{error}");
    }

    #[test]
    fn explains_wrong_client_files() {
        let web = OAuthClient::from_json(r#"{"web":{"client_id":"x"}}"#).unwrap_err();
        assert!(web.to_string().contains("Desktop app"), "{web}");
        assert!(OAuthClient::from_json("not json").is_err());
        assert!(OAuthClient::new(" ", None).is_err());
    }
}
