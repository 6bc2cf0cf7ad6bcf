//! Tests of the fake Google OAuth server itself, driven by reqwest as a browser
//! that does not follow redirects, and of the fake Gmail server accepting the
//! tokens it issues (`AccountMode::OAuthTokens`), driven by a raw SMTP client.

// Only the two servers and their certificates, not all of `mod support`: these
// tests must not depend on the library crate. (`pub`, as the servers' API is used in part.)
#[path = "support/gmail_server.rs"]
pub mod gmail_server;
#[path = "support/oauth_server.rs"]
pub mod oauth_server;
#[path = "support/spawn.rs"]
pub mod spawn;
#[path = "support/test_certs.rs"]
pub mod test_certs;

use std::collections::BTreeMap;
use std::collections::hash_map::RandomState;
use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use oauth2::reqwest;
use sha2::{Digest, Sha256};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;

use gmail_server::{AccountMode, GmailServer, ServerConfig, XOAUTH2_ERROR_CHALLENGE};
use oauth_server::{OAuthConfig, OAuthServer, TokenSet};

const SCOPE: &str = "https://mail.google.com/";
const USER: &str = "jane@gmail.com";

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// Every test body runs under this bound.
async fn bounded<T>(fut: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(30), fut)
        .await
        .expect("test timed out")
}

fn random_string(len: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~";
    let mut out = String::new();
    while out.len() < len {
        let mut r = RandomState::new().build_hasher().finish();
        for _ in 0..8 {
            if out.len() < len {
                out.push(ALPHABET[(r % ALPHABET.len() as u64) as usize] as char);
                r /= ALPHABET.len() as u64;
            }
        }
    }
    out
}

/// (verifier, S256 challenge)
fn pkce() -> (String, String) {
    let verifier = random_string(64);
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    (verifier, challenge)
}

fn encode(text: &str) -> String {
    let mut out = String::new();
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The test's own query decoder (`+` is a space), independent of the server's.
fn decode(text: &str) -> String {
    let bytes = text.replace('+', " ").into_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("escape");
            out.push(u8::from_str_radix(hex, 16).expect("hex escape"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("utf-8")
}

fn parse_query(query: &str) -> BTreeMap<String, String> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// A browser that shows redirects instead of following them.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("reqwest client")
}

/// What `/authorize` answered.
#[derive(Debug)]
struct Page {
    status: u16,
    location: Option<String>,
    body: String,
}

impl Page {
    /// The redirect's query, after checking it goes to `redirect_uri`.
    fn redirect_params(&self, redirect_uri: &str) -> BTreeMap<String, String> {
        assert_eq!(self.status, 302, "{self:?}");
        let location = self.location.as_deref().expect("Location header");
        let query = location
            .strip_prefix(&format!("{redirect_uri}?"))
            .unwrap_or_else(|| panic!("{location} does not go to {redirect_uri}"));
        parse_query(query)
    }

    fn assert_error_page(&self, status: u16, text: &str) {
        assert_eq!(self.status, status, "{self:?}");
        assert!(self.location.is_none(), "{self:?}");
        assert!(self.body.contains(text), "{self:?}");
    }
}

/// One sign-in attempt: the parameters an app sends to `/authorize`.
struct Attempt {
    redirect_uri: String,
    state: String,
    verifier: String,
    params: Vec<(String, String)>,
}

impl Attempt {
    fn new(server: &OAuthServer) -> Attempt {
        let (verifier, challenge) = pkce();
        let redirect_uri = "http://127.0.0.1:49152/".to_string();
        let state = random_string(22);
        let params = [
            ("response_type", "code"),
            ("client_id", server.client_id()),
            ("redirect_uri", redirect_uri.as_str()),
            ("scope", SCOPE),
            ("state", state.as_str()),
            ("code_challenge", challenge.as_str()),
            ("code_challenge_method", "S256"),
            ("access_type", "offline"),
            ("prompt", "consent"),
            ("login_hint", USER),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        Attempt {
            redirect_uri,
            state,
            verifier,
            params,
        }
    }

    /// Replaces (or with `None` removes) a parameter.
    fn set(mut self, name: &str, value: Option<&str>) -> Attempt {
        self.params.retain(|(k, _)| k != name);
        if let Some(value) = value {
            self.params.push((name.to_string(), value.to_string()));
        }
        if name == "redirect_uri" {
            self.redirect_uri = value.unwrap_or("").to_string();
        }
        if name == "state" {
            self.state = value.unwrap_or("").to_string();
        }
        self
    }

    async fn open(&self, server: &OAuthServer) -> Page {
        let query: Vec<String> = self
            .params
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        let url = format!("{}?{}", server.auth_url(), query.join("&"));
        let response = browser().get(url).send().await.expect("GET /authorize");
        Page {
            status: response.status().as_u16(),
            location: response
                .headers()
                .get("location")
                .map(|v| v.to_str().expect("ASCII Location").to_string()),
            body: response.text().await.expect("body"),
        }
    }

    /// Opens the page and returns the code from the redirect (checking state and scope).
    async fn code(&self, server: &OAuthServer) -> String {
        let params = self.open(server).await.redirect_params(&self.redirect_uri);
        assert_eq!(params.get("state"), Some(&self.state), "{params:?}");
        assert_eq!(params.get("scope").map(String::as_str), Some(SCOPE));
        params.get("code").expect("code in redirect").clone()
    }
}

async fn post_token(
    server: &OAuthServer,
    form: &[(&str, &str)],
    basic: Option<(&str, &str)>,
) -> (u16, serde_json::Value) {
    let mut request = browser().post(server.token_url()).form(form);
    if let Some((id, secret)) = basic {
        request = request.basic_auth(id, Some(secret));
    }
    let response = request.send().await.expect("POST /token");
    let status = response.status().as_u16();
    let text = response.text().await.expect("body");
    let json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    (status, json)
}

async fn exchange(
    server: &OAuthServer,
    code: &str,
    verifier: &str,
    redirect_uri: &str,
) -> (u16, serde_json::Value) {
    post_token(
        server,
        &[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("code_verifier", verifier),
            ("redirect_uri", redirect_uri),
            ("client_id", server.client_id()),
            ("client_secret", server.client_secret()),
        ],
        None,
    )
    .await
}

async fn refresh(server: &OAuthServer, refresh_token: &str) -> (u16, serde_json::Value) {
    post_token(
        server,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
            ("client_id", server.client_id()),
            ("client_secret", server.client_secret()),
        ],
        None,
    )
    .await
}

fn error_of(reply: &(u16, serde_json::Value)) -> (u16, &str, &str) {
    (
        reply.0,
        reply.1["error"].as_str().unwrap_or("-"),
        reply.1["error_description"].as_str().unwrap_or("-"),
    )
}

/// A full sign-in: (access token, refresh token).
async fn sign_in(server: &OAuthServer) -> (String, String) {
    let attempt = Attempt::new(server);
    let code = attempt.code(server).await;
    let (status, json) = exchange(server, &code, &attempt.verifier, &attempt.redirect_uri).await;
    assert_eq!(status, 200, "{json}");
    (
        json["access_token"].as_str().unwrap().to_string(),
        json["refresh_token"].as_str().unwrap().to_string(),
    )
}

// ---------------------------------------------------------------------------
// The code flow
// ---------------------------------------------------------------------------

#[tokio::test]
async fn codes_are_single_use_and_need_the_right_verifier() {
    let server = OAuthServer::start(OAuthConfig {
        access_token_lifetime_secs: 60,
        ..OAuthConfig::default()
    });
    bounded(async {
        // Wrong verifier: invalid_grant, and the code is gone.
        let attempt = Attempt::new(&server);
        let code = attempt.code(&server).await;
        let (other_verifier, _) = pkce();
        let reply = exchange(&server, &code, &other_verifier, &attempt.redirect_uri).await;
        assert_eq!(error_of(&reply), (400, "invalid_grant", "Bad Request"));
        let reply = exchange(&server, &code, &attempt.verifier, &attempt.redirect_uri).await;
        assert_eq!(error_of(&reply), (400, "invalid_grant", "Bad Request"));

        // No verifier.
        let attempt = Attempt::new(&server);
        let code = attempt.code(&server).await;
        let reply = post_token(
            &server,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", &attempt.redirect_uri),
                ("client_id", server.client_id()),
                ("client_secret", server.client_secret()),
            ],
            None,
        )
        .await;
        assert_eq!(
            error_of(&reply),
            (400, "invalid_grant", "Missing code verifier.")
        );

        // Another redirect_uri than the one authorized.
        let attempt = Attempt::new(&server);
        let code = attempt.code(&server).await;
        let reply = exchange(&server, &code, &attempt.verifier, "http://127.0.0.1:1/").await;
        assert_eq!(error_of(&reply).0, 400);
        assert_eq!(error_of(&reply).1, "redirect_uri_mismatch");

        // Reuse after success.
        let attempt = Attempt::new(&server);
        let code = attempt.code(&server).await;
        let (status, json) =
            exchange(&server, &code, &attempt.verifier, &attempt.redirect_uri).await;
        assert_eq!(status, 200);
        assert_eq!(json["expires_in"], 60);
        let reply = exchange(&server, &code, &attempt.verifier, &attempt.redirect_uri).await;
        assert_eq!(error_of(&reply), (400, "invalid_grant", "Bad Request"));

        // Made-up code; no code at all.
        let reply = exchange(
            &server,
            "4/0Abogus",
            &attempt.verifier,
            &attempt.redirect_uri,
        )
        .await;
        assert_eq!(error_of(&reply), (400, "invalid_grant", "Bad Request"));
        let reply = post_token(
            &server,
            &[
                ("grant_type", "authorization_code"),
                ("client_id", server.client_id()),
                ("client_secret", server.client_secret()),
            ],
            None,
        )
        .await;
        assert_eq!(error_of(&reply).1, "invalid_request");

        // Only the one success issued a token.
        assert_eq!(server.tokens.len(), 1);
    })
    .await;
}

#[tokio::test]
async fn client_authentication() {
    let server = OAuthServer::start(OAuthConfig::default());
    bounded(async {
        // HTTP Basic instead of form fields.
        let attempt = Attempt::new(&server);
        let code = attempt.code(&server).await;
        let (status, json) = post_token(
            &server,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("code_verifier", &attempt.verifier),
                ("redirect_uri", &attempt.redirect_uri),
            ],
            Some((server.client_id(), server.client_secret())),
        )
        .await;
        assert_eq!(status, 200, "{json}");
        let refresh_token = json["refresh_token"].as_str().unwrap().to_string();

        // Wrong secret, in the form and in Basic.
        let form = [
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.as_str()),
            ("client_id", server.client_id()),
            ("client_secret", "wrong"),
        ];
        let reply = post_token(&server, &form, None).await;
        assert_eq!(error_of(&reply), (401, "invalid_client", "Unauthorized"));
        let reply = post_token(&server, &form[..2], Some((server.client_id(), "wrong"))).await;
        assert_eq!(error_of(&reply), (401, "invalid_client", "Unauthorized"));

        // Unknown client; no client at all; no secret.
        let reply = post_token(
            &server,
            &[
                form[0],
                form[1],
                ("client_id", "other.apps.googleusercontent.com"),
                ("client_secret", "test-secret"),
            ],
            None,
        )
        .await;
        assert_eq!(error_of(&reply).0, 401);
        assert_eq!(error_of(&reply).1, "invalid_client");
        let reply = post_token(&server, &form[..2], None).await;
        assert_eq!(error_of(&reply).0, 400);
        assert_eq!(error_of(&reply).1, "invalid_request");
        let reply = post_token(&server, &form[..3], None).await;
        assert_eq!(error_of(&reply).1, "invalid_request");

        // Right secret via Basic refreshes.
        let (status, _) = post_token(
            &server,
            &form[..2],
            Some((server.client_id(), server.client_secret())),
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(server.tokens.len(), 2);

        let requests = server.token_requests();
        let basic: Vec<bool> = requests.iter().map(|r| r.basic_auth).collect();
        assert_eq!(basic, [true, false, true, false, false, false, true]);
        assert_eq!(requests[4].client_id, None);
        assert_eq!(
            requests[3].client_id.as_deref(),
            Some("other.apps.googleusercontent.com")
        );
    })
    .await;
}

// ---------------------------------------------------------------------------
// /authorize
// ---------------------------------------------------------------------------

#[tokio::test]
async fn authorize_checks_the_request() {
    let server = OAuthServer::start(OAuthConfig::default());
    bounded(async {
        let fresh = || Attempt::new(&server);

        let page = fresh()
            .set("client_id", Some("other.apps.googleusercontent.com"))
            .open(&server)
            .await;
        page.assert_error_page(401, "Error 401: invalid_client");

        for attempt in [
            fresh().set("response_type", Some("token")),
            fresh().set("code_challenge", None),
            fresh().set("code_challenge_method", None),
            fresh().set("code_challenge_method", Some("plain")),
            fresh().set("code_challenge", Some("tooshort")),
        ] {
            attempt
                .open(&server)
                .await
                .assert_error_page(400, "Error 400: invalid_request");
        }

        for uri in [
            "https://example.com/callback",
            "http://127.0.0.1/",
            "http://127.0.0.2:8080/",
            "urn:ietf:wg:oauth:2.0:oob",
        ] {
            fresh()
                .set("redirect_uri", Some(uri))
                .open(&server)
                .await
                .assert_error_page(400, "Error 400: redirect_uri_mismatch");
        }

        fresh()
            .set("scope", Some("https://www.googleapis.com/auth/gmail.send"))
            .open(&server)
            .await
            .assert_error_page(400, "Error 400: invalid_scope");

        // Accepted: localhost with a path, several scopes, an odd state that must come
        // back decoded exactly, no optional parameters.
        let odd_state = "a b+c&d=é/%?#";
        let attempt = fresh()
            .set("redirect_uri", Some("http://localhost:8765/oauth/callback"))
            .set("scope", Some(&format!("openid email {SCOPE}")))
            .set("state", Some(odd_state))
            .set("access_type", None)
            .set("prompt", None)
            .set("login_hint", None);
        let page = attempt.open(&server).await;
        let params = page.redirect_params("http://localhost:8765/oauth/callback");
        assert_eq!(params["state"], odd_state);
        let code = params["code"].clone();
        let (status, _) = exchange(&server, &code, &attempt.verifier, &attempt.redirect_uri).await;
        assert_eq!(status, 200);

        // `+` in a query is a space.
        let url = format!(
            "{}?response_type=code&client_id={}&redirect_uri={}&scope=openid+{}&state=x+y&code_challenge={}&code_challenge_method=S256",
            server.auth_url(),
            encode(server.client_id()),
            encode("http://127.0.0.1:5000"),
            encode(SCOPE),
            pkce().1,
        );
        let response = browser().get(url).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 302);
        let location = response.headers()["location"].to_str().unwrap().to_string();
        let query = location
            .strip_prefix("http://127.0.0.1:5000?")
            .unwrap_or_else(|| panic!("{location}"));
        assert_eq!(parse_query(query)["state"], "x y");

        let last = server.authorize_requests().pop().unwrap();
        assert_eq!(last.get("scope"), Some("openid https://mail.google.com/"));
    })
    .await;
}

#[test]
fn token_set_is_shared_and_compared_by_identity() {
    let a = TokenSet::default();
    let b = a.clone();
    assert!(a.insert("ya29.x"));
    assert!(!b.insert("ya29.x"));
    assert!(b.contains("ya29.x") && b.len() == 1);
    assert_eq!(a, b);
    assert_ne!(a, TokenSet::default());
    assert!(!format!("{a:?}").contains("ya29.x"), "Debug hides tokens");
    assert!(b.remove("ya29.x") && a.is_empty());
    a.insert("t1");
    a.insert("t2");
    b.clear();
    assert_eq!(a.len(), 0);
}

#[test]
fn dropping_the_server_closes_its_port() {
    let server = OAuthServer::start(OAuthConfig::default());
    let addr = server.addr;
    std::net::TcpStream::connect(addr).expect("listening");
    let started = std::time::Instant::now();
    drop(server);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(std::net::TcpStream::connect(addr).is_err());
}

// ---------------------------------------------------------------------------
// The SMTP server accepts issued tokens
// ---------------------------------------------------------------------------

struct Smtp<S> {
    io: S,
    buf: Vec<u8>,
}

impl<S: AsyncRead + AsyncWrite + Unpin> Smtp<S> {
    /// One whole reply, lines without CRLF.
    async fn reply(&mut self) -> Vec<String> {
        let mut lines = Vec::new();
        loop {
            let pos = loop {
                if let Some(pos) = self.buf.windows(2).position(|w| w == b"\r\n") {
                    break pos;
                }
                let mut tmp = [0u8; 4096];
                let n = self.io.read(&mut tmp).await.expect("read");
                assert!(n > 0, "server closed; so far {lines:?}");
                self.buf.extend_from_slice(&tmp[..n]);
            };
            let line: Vec<u8> = self.buf.drain(..pos + 2).collect();
            let line = String::from_utf8(line[..pos].to_vec()).unwrap();
            let last = line.as_bytes().get(3) != Some(&b'-');
            lines.push(line);
            if last {
                return lines;
            }
        }
    }

    async fn cmd(&mut self, line: &str) -> Vec<String> {
        self.io
            .write_all(format!("{line}\r\n").as_bytes())
            .await
            .unwrap();
        self.io.flush().await.unwrap();
        self.reply().await
    }
}

/// Implicit TLS, greeting, EHLO.
async fn smtp_session(server: &GmailServer) -> Smtp<tokio_rustls::client::TlsStream<TcpStream>> {
    let tcp = TcpStream::connect(server.implicit_addr).await.unwrap();
    let name = rustls::pki_types::ServerName::try_from("localhost").unwrap();
    let tls = tokio_rustls::TlsConnector::from(server.ca.client_config())
        .connect(name, tcp)
        .await
        .expect("TLS handshake");
    let mut smtp = Smtp {
        io: tls,
        buf: Vec::new(),
    };
    assert!(smtp.reply().await[0].starts_with("220 "));
    assert!(smtp.cmd("EHLO client.example.com").await[0].starts_with("250"));
    smtp
}

fn xoauth2(user: &str, token: &str) -> String {
    STANDARD.encode(format!("user={user}\x01auth=Bearer {token}\x01\x01"))
}

#[tokio::test]
async fn smtp_accepts_issued_tokens_until_they_expire() {
    let oauth = OAuthServer::start(OAuthConfig::default());
    let smtp = GmailServer::start(ServerConfig::with_account(
        USER,
        AccountMode::OAuthTokens(oauth.tokens.clone()),
    ));
    bounded(async {
        let (access, refresh_token) = sign_in(&oauth).await;

        let mut session = smtp_session(&smtp).await;
        let reply = session
            .cmd(&format!("AUTH XOAUTH2 {}", xoauth2(USER, &access)))
            .await;
        assert_eq!(reply, ["235 2.7.0 Accepted"]);

        // A token of the same form the server never issued is refused.
        let mut session = smtp_session(&smtp).await;
        let reply = session
            .cmd(&format!(
                "AUTH XOAUTH2 {}",
                xoauth2(USER, "ya29.a0never-issued")
            ))
            .await;
        assert_eq!(reply, [format!("334 {XOAUTH2_ERROR_CHALLENGE}")]);

        oauth.expire_access_tokens();
        let mut session = smtp_session(&smtp).await;
        let reply = session
            .cmd(&format!("AUTH XOAUTH2 {}", xoauth2(USER, &access)))
            .await;
        assert_eq!(reply, [format!("334 {XOAUTH2_ERROR_CHALLENGE}")]);
        let reply = session.cmd("").await;
        assert_eq!(reply.len(), 2, "{reply:?}");
        assert!(reply[0].starts_with("535-5.7.8 "), "{reply:?}");
        assert!(reply[1].starts_with("535 5.7.8 "), "{reply:?}");

        // A refreshed token works again, with OAUTHBEARER too.
        let (status, json) = refresh(&oauth, &refresh_token).await;
        assert_eq!(status, 200);
        let fresh = json["access_token"].as_str().unwrap();
        let mut session = smtp_session(&smtp).await;
        let payload = STANDARD.encode(format!(
            "n,a={USER},\x01host=localhost\x01port=465\x01auth=Bearer {fresh}\x01\x01"
        ));
        let reply = session.cmd(&format!("AUTH OAUTHBEARER {payload}")).await;
        assert_eq!(reply, ["235 2.7.0 Accepted"]);

        let succeeded: Vec<bool> = smtp.auth_attempts().iter().map(|a| a.succeeded).collect();
        assert_eq!(succeeded, [true, false, false, true]);
    })
    .await;
}
