//! A fake Google OAuth2 authorization server for tests: `GET /authorize` and
//! `POST /token` on 127.0.0.1, answering like `accounts.google.com` and
//! `oauth2.googleapis.com` do for a desktop ("installed") client using the
//! loopback redirect and PKCE (see /work/shared/GMAIL.md).
//!
//! The "browser" is whatever follows the 302 from `/authorize`: consent is
//! automatic, and [`AuthorizeMode`] decides what the redirect (or error page)
//! says. Access tokens issued by `/token` go into a [`TokenSet`] that the fake
//! Gmail SMTP server can share (`AccountMode::OAuthTokens`).
//!
//! [`OAuthServer::start`] is synchronous, like `GmailServer::start`: it runs its
//! own tokio runtime on a std thread. Dropping the server stops the listener and
//! every connection task. HTTP/1.1 is spoken by hand, one request per
//! connection (`Connection: close`).

use super::gmail_server::random_token;
use super::spawn::{BoxFuture, ServerThread, spawn_server};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::timeout;

/// The scope SMTP needs.
pub const GMAIL_SCOPE: &str = "https://mail.google.com/";
/// The scope `AuthorizeMode::WrongScope` grants instead: not enough for SMTP.
pub const SEND_ONLY_SCOPE: &str = "https://www.googleapis.com/auth/gmail.send";
/// How long an authorization code can be exchanged.
pub const CODE_LIFETIME: Duration = Duration::from_secs(60);
/// Idle limit for each read and write on a connection.
pub const IO_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest request head (request line + headers) accepted.
const MAX_HEAD: usize = 16 * 1024;
/// Longest request body accepted.
const MAX_BODY: usize = 64 * 1024;

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------

/// How `/authorize` answers (after its request checks pass).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthorizeMode {
    /// The user consents: 302 to `redirect_uri?state=..&code=..&scope=https://mail.google.com/`.
    #[default]
    Grant,
    /// The user clicks Cancel: 302 to `redirect_uri?error=access_denied&state=..`.
    AccessDenied,
    /// 302 with a valid code but a `state` other than the one sent.
    WrongState,
    /// 302 with only `state`.
    MissingCode,
    /// A Workspace admin blocks the app: a 403 HTML page with `Error 400: admin_policy_enforced`, no redirect.
    AdminPolicyEnforced,
    /// Advanced Protection blocks the app: a 403 HTML page with `Error 400: policy_enforced`, no redirect.
    PolicyEnforced,
    /// A 400 HTML page with `Error 400: redirect_uri_mismatch`, whatever the redirect_uri.
    RedirectUriMismatch,
    /// The user grants only "send email": like `Grant`, but the redirect and the token
    /// endpoint report `scope=https://www.googleapis.com/auth/gmail.send`, and the access
    /// tokens are NOT put into [`OAuthServer::tokens`] (Gmail SMTP refuses them).
    WrongScope,
}

/// Server configuration. `Default`: Google-like client id, secret `test-secret`,
/// `Grant`, access tokens reported as lasting 3599 s.
#[derive(Debug, Clone)]
pub struct OAuthConfig {
    pub client_id: String,
    pub client_secret: String,
    pub mode: AuthorizeMode,
    /// Reported as `expires_in`; tokens stay valid until [`OAuthServer::expire_access_tokens`].
    pub access_token_lifetime_secs: u64,
}

impl Default for OAuthConfig {
    fn default() -> Self {
        OAuthConfig {
            client_id: "test-client.apps.googleusercontent.com".into(),
            client_secret: "test-secret".into(),
            mode: AuthorizeMode::Grant,
            access_token_lifetime_secs: 3599,
        }
    }
}

impl OAuthConfig {
    pub fn with_mode(mut self, mode: AuthorizeMode) -> Self {
        self.mode = mode;
        self
    }
}

/// The access tokens currently valid, shared with the SMTP test server.
/// Clones share the same set; equality is identity (`Arc::ptr_eq`).
#[derive(Clone, Default)]
pub struct TokenSet(Arc<Mutex<HashSet<String>>>);

impl TokenSet {
    pub fn new() -> Self {
        TokenSet::default()
    }

    fn set(&self) -> MutexGuard<'_, HashSet<String>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// True if the token was not in the set yet.
    pub fn insert(&self, token: impl Into<String>) -> bool {
        self.set().insert(token.into())
    }

    /// True if the token was in the set.
    pub fn remove(&self, token: &str) -> bool {
        self.set().remove(token)
    }

    pub fn contains(&self, token: &str) -> bool {
        self.set().contains(token)
    }

    pub fn clear(&self) {
        self.set().clear();
    }

    pub fn len(&self) -> usize {
        self.set().len()
    }

    pub fn is_empty(&self) -> bool {
        self.set().is_empty()
    }

    /// The tokens, sorted.
    pub fn to_vec(&self) -> Vec<String> {
        let mut tokens: Vec<String> = self.set().iter().cloned().collect();
        tokens.sort();
        tokens
    }
}

impl std::fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TokenSet({} tokens)", self.len())
    }
}

impl PartialEq for TokenSet {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for TokenSet {}

// ---------------------------------------------------------------------------
// Observations
// ---------------------------------------------------------------------------

/// One request to `/authorize` with its decoded query (recorded even when refused).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizeRequest {
    pub params: BTreeMap<String, String>,
}

impl AuthorizeRequest {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.params.get(name).map(String::as_str)
    }
}

/// One `POST /token`, as received, and how it was answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRequest {
    /// Empty when absent.
    pub grant_type: String,
    pub has_code: bool,
    pub has_refresh_token: bool,
    pub has_code_verifier: bool,
    /// From the HTTP Basic header if given, else from the form.
    pub client_id: Option<String>,
    /// The client authenticated with HTTP Basic (not form fields).
    pub basic_auth: bool,
    pub status: u16,
    /// The `error` of the JSON answer, `None` on success.
    pub error: Option<String>,
}

struct CodeGrant {
    challenge: String,
    client_id: String,
    redirect_uri: String,
    scope: String,
    issued: Instant,
    used: bool,
}

struct RefreshGrant {
    scope: String,
    client_id: String,
    revoked: bool,
}

struct State {
    mode: AuthorizeMode,
    codes: HashMap<String, CodeGrant>,
    refresh_tokens: HashMap<String, RefreshGrant>,
    authorize_requests: Vec<AuthorizeRequest>,
    token_requests: Vec<TokenRequest>,
}

struct Ctx {
    client_id: String,
    client_secret: String,
    lifetime: u64,
    tokens: TokenSet,
    state: Mutex<State>,
}

impl Ctx {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

// ---------------------------------------------------------------------------
// The server handle
// ---------------------------------------------------------------------------

/// A running fake Google OAuth server. Dropping it stops everything.
pub struct OAuthServer {
    /// `http://127.0.0.1:PORT`
    pub base_url: String,
    pub addr: SocketAddr,
    /// Access tokens currently valid; give a clone to `AccountMode::OAuthTokens`.
    pub tokens: TokenSet,
    ctx: Arc<Ctx>,
    _thread: ServerThread,
}

impl std::fmt::Debug for OAuthServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthServer")
            .field("base_url", &self.base_url)
            .field("tokens", &self.tokens)
            .finish()
    }
}

impl OAuthServer {
    /// Binds 127.0.0.1:0 and returns once the listener accepts connections.
    pub fn start(config: OAuthConfig) -> OAuthServer {
        let tokens = TokenSet::new();
        let ctx = Arc::new(Ctx {
            client_id: config.client_id,
            client_secret: config.client_secret,
            lifetime: config.access_token_lifetime_secs,
            tokens: tokens.clone(),
            state: Mutex::new(State {
                mode: config.mode,
                codes: HashMap::new(),
                refresh_tokens: HashMap::new(),
                authorize_requests: Vec::new(),
                token_requests: Vec::new(),
            }),
        });

        let server_ctx = ctx.clone();
        let (addr, thread) = spawn_server("oauth-test-server", 1, move || {
            Box::pin(async move {
                let listener = TcpListener::bind("127.0.0.1:0").await?;
                let addr = listener.local_addr()?;
                let serve: BoxFuture<()> = Box::pin(accept_loop(listener, server_ctx));
                Ok((addr, serve))
            })
        });
        OAuthServer {
            base_url: format!("http://{addr}"),
            addr,
            tokens,
            ctx,
            _thread: thread,
        }
    }

    /// `{base}/authorize`, like `https://accounts.google.com/o/oauth2/auth`.
    pub fn auth_url(&self) -> String {
        format!("{}/authorize", self.base_url)
    }

    /// `{base}/token`, like `https://oauth2.googleapis.com/token`.
    pub fn token_url(&self) -> String {
        format!("{}/token", self.base_url)
    }

    pub fn client_id(&self) -> &str {
        &self.ctx.client_id
    }

    pub fn client_secret(&self) -> &str {
        &self.ctx.client_secret
    }

    /// Changes how `/authorize` answers from now on.
    pub fn set_mode(&self, mode: AuthorizeMode) {
        self.ctx.state().mode = mode;
    }

    /// Every refresh token issued so far is revoked: refreshing gives `invalid_grant`.
    /// (Tokens issued later work.) Access tokens are left alone.
    pub fn revoke_refresh_tokens(&self) {
        for grant in self.ctx.state().refresh_tokens.values_mut() {
            grant.revoked = true;
        }
    }

    /// Empties [`Self::tokens`]: the SMTP server rejects every access token issued so far.
    pub fn expire_access_tokens(&self) {
        self.tokens.clear();
    }

    /// A Google-style downloaded client file (`client_secret_*.json`) for this server.
    pub fn client_json(&self) -> String {
        serde_json::json!({
            "installed": {
                "client_id": self.ctx.client_id,
                "project_id": "smtp-setup-test",
                "auth_uri": self.auth_url(),
                "token_uri": self.token_url(),
                "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
                "client_secret": self.ctx.client_secret,
                "redirect_uris": ["http://localhost"],
            }
        })
        .to_string()
    }

    /// Every `/authorize` request, in order.
    pub fn authorize_requests(&self) -> Vec<AuthorizeRequest> {
        self.ctx.state().authorize_requests.clone()
    }

    /// Every `POST /token`, in order.
    pub fn token_requests(&self) -> Vec<TokenRequest> {
        self.ctx.state().token_requests.clone()
    }
}

async fn accept_loop(listener: TcpListener, ctx: Arc<Ctx>) {
    loop {
        match listener.accept().await {
            Ok((tcp, _)) => {
                let ctx = ctx.clone();
                tokio::spawn(async move {
                    // Bounds the whole exchange too, not only each read.
                    let _ = timeout(4 * IO_TIMEOUT, handle(&ctx, tcp)).await;
                });
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
}

// ---------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------

struct Request {
    method: String,
    /// The request target as sent (`/authorize?...`).
    target: String,
    /// Header names lowercased.
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: String,
}

impl Response {
    fn redirect(location: String) -> Response {
        Response {
            status: 302,
            headers: vec![("Location", location)],
            body: String::new(),
        }
    }

    fn json(status: u16, value: serde_json::Value) -> Response {
        Response {
            status,
            headers: vec![
                ("Content-Type", "application/json; charset=utf-8".into()),
                (
                    "Cache-Control",
                    "no-cache, no-store, max-age=0, must-revalidate".into(),
                ),
                ("Pragma", "no-cache".into()),
            ],
            body: format!("{value:#}"),
        }
    }

    fn json_error(status: u16, error: &str, description: &str) -> Response {
        Response::json(
            status,
            serde_json::json!({ "error": error, "error_description": description }),
        )
    }

    /// A Google sign-in error page, e.g. `Error 400: redirect_uri_mismatch`.
    fn error_page(status: u16, title: &str, error: &str, detail: &str) -> Response {
        let body = format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <title>{title}</title></head>\n<body>\n<h1>{title}</h1>\n<p>{detail}</p>\n\
             <p>Error {code}: {error}</p>\n</body></html>\n",
            code = if status == 401 { 401 } else { 400 },
        );
        Response {
            status,
            headers: vec![("Content-Type", "text/html; charset=utf-8".into())],
            body,
        }
    }

    fn text(status: u16, body: &str) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", "text/plain; charset=utf-8".into())],
            body: body.into(),
        }
    }

    fn bytes(&self) -> Vec<u8> {
        let reason = match self.status {
            200 => "OK",
            302 => "Found",
            400 => "Bad Request",
            401 => "Unauthorized",
            403 => "Forbidden",
            404 => "Not Found",
            405 => "Method Not Allowed",
            411 => "Length Required",
            413 => "Payload Too Large",
            _ => "Error",
        };
        let mut out = format!("HTTP/1.1 {} {reason}\r\n", self.status);
        for (name, value) in &self.headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        out.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        out.push_str(&self.body);
        out.into_bytes()
    }
}

/// Why a request could not be read: answer with this (if any) and close.
enum ReadError {
    Closed,
    Reply(Response),
}

async fn read_some(tcp: &mut TcpStream, buf: &mut Vec<u8>) -> Result<(), ReadError> {
    let mut tmp = [0u8; 8192];
    match timeout(IO_TIMEOUT, tcp.read(&mut tmp)).await {
        Ok(Ok(n)) if n > 0 => {
            buf.extend_from_slice(&tmp[..n]);
            Ok(())
        }
        _ => Err(ReadError::Closed),
    }
}

async fn read_request(tcp: &mut TcpStream) -> Result<Request, ReadError> {
    let mut buf = Vec::new();
    let head_end = loop {
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos;
        }
        if buf.len() > MAX_HEAD {
            return Err(ReadError::Reply(Response::text(
                400,
                "Request head too large.",
            )));
        }
        read_some(tcp, &mut buf).await?;
    };
    let bad = || ReadError::Reply(Response::text(400, "Bad request."));
    let head = std::str::from_utf8(&buf[..head_end]).map_err(|_| bad())?;
    let mut lines = head.split("\r\n");
    let request_line = lines.next().ok_or_else(bad)?;
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    if !version.starts_with("HTTP/1.") || !target.starts_with('/') {
        return Err(bad());
    }
    let mut headers = Vec::new();
    for line in lines {
        let (name, value) = line.split_once(':').ok_or_else(bad)?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    let mut request = Request {
        method: method.to_string(),
        target: target.to_string(),
        headers,
        body: Vec::new(),
    };
    if request.header("transfer-encoding").is_some() {
        return Err(ReadError::Reply(Response::text(411, "Length required.")));
    }
    let length = match request.header("content-length") {
        None => 0,
        Some(v) => v.parse::<usize>().map_err(|_| bad())?,
    };
    if length > MAX_BODY {
        return Err(ReadError::Reply(Response::text(
            413,
            "Request body too large.",
        )));
    }
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < length {
        read_some(tcp, &mut body).await?;
    }
    body.truncate(length);
    request.body = body;
    Ok(request)
}

async fn handle(ctx: &Ctx, mut tcp: TcpStream) {
    let response = match read_request(&mut tcp).await {
        Ok(request) => route(ctx, &request),
        Err(ReadError::Reply(response)) => response,
        Err(ReadError::Closed) => return,
    };
    let _ = timeout(IO_TIMEOUT, async {
        tcp.write_all(&response.bytes()).await?;
        tcp.flush().await?;
        tcp.shutdown().await
    })
    .await;
}

fn route(ctx: &Ctx, request: &Request) -> Response {
    let (path, query) = request
        .target
        .split_once('?')
        .unwrap_or((&request.target, ""));
    match (path, request.method.as_str()) {
        ("/authorize", "GET") => authorize(ctx, query),
        ("/token", "POST") => token(ctx, request),
        ("/authorize", _) | ("/token", _) => Response::text(405, "Method not allowed."),
        _ => Response::text(404, "Not found."),
    }
}

// ---------------------------------------------------------------------------
// Form / query encoding
// ---------------------------------------------------------------------------

/// `name=value`, form-encoded (by the `url` crate, as the product decodes it).
fn pair(name: &str, value: &str) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .append_pair(name, value)
        .finish()
}

/// One form-encoded value decoded: `+` is a space, `%XX` a byte.
fn form_decode(text: &str) -> String {
    url::form_urlencoded::parse(format!("v={text}").as_bytes())
        .next()
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default()
}

/// `a=1&b=x+y` -> {a: 1, b: "x y"}. `Err` for a repeated name (Google refuses it).
fn parse_form(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut params = BTreeMap::new();
    for (name, value) in url::form_urlencoded::parse(text.as_bytes()) {
        if params.contains_key(name.as_ref()) {
            return Err(format!("Parameter not allowed to be repeated: {name}"));
        }
        params.insert(name.into_owned(), value.into_owned());
    }
    Ok(params)
}

// ---------------------------------------------------------------------------
// /authorize
// ---------------------------------------------------------------------------

/// `http://127.0.0.1:PORT[/path]` or `http://localhost:PORT[/path]` (also `[::1]`).
fn is_loopback_redirect(uri: &str) -> bool {
    let Some(rest) = uri.strip_prefix("http://") else {
        return false;
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let Some((host, port)) = authority.rsplit_once(':') else {
        return false;
    };
    let port_ok = !port.is_empty()
        && port.len() <= 5
        && port.bytes().all(|b| b.is_ascii_digit())
        && port.parse::<u32>().is_ok_and(|p| (1..=65535).contains(&p));
    matches!(host, "127.0.0.1" | "localhost" | "[::1]") && port_ok && !path.contains('#')
}

fn authorize(ctx: &Ctx, query: &str) -> Response {
    let params = match parse_form(query) {
        Ok(params) => params,
        Err(detail) => {
            return Response::error_page(
                400,
                "Access blocked: Authorization Error",
                "invalid_request",
                &detail,
            );
        }
    };
    let mut state = ctx.state();
    state.authorize_requests.push(AuthorizeRequest {
        params: params.clone(),
    });
    let get = |name: &str| params.get(name).map(String::as_str);

    if get("client_id") != Some(ctx.client_id.as_str()) {
        return Response::error_page(
            401,
            "Access blocked: Authorization Error",
            "invalid_client",
            "The OAuth client was not found.",
        );
    }
    let invalid_request = |detail: &str| {
        Response::error_page(
            400,
            "Access blocked: Authorization Error",
            "invalid_request",
            detail,
        )
    };
    if get("response_type") != Some("code") {
        return invalid_request("Invalid response_type: only code is supported.");
    }
    let challenge = get("code_challenge").unwrap_or("");
    if challenge.is_empty() {
        return invalid_request("Missing required parameter: code_challenge");
    }
    if get("code_challenge_method") != Some("S256") {
        return invalid_request("Invalid code_challenge_method: only S256 is allowed.");
    }
    let challenge_ok = (43..=128).contains(&challenge.len())
        && challenge
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
    if !challenge_ok {
        return invalid_request("Invalid code_challenge.");
    }
    let redirect_mismatch = || {
        Response::error_page(
            400,
            "Access blocked: This app's request is invalid",
            "redirect_uri_mismatch",
            "You can't sign in because this app sent an invalid request.",
        )
    };
    let redirect_uri = get("redirect_uri").unwrap_or("");
    if !is_loopback_redirect(redirect_uri) {
        return redirect_mismatch();
    }
    let scope = get("scope").unwrap_or("");
    if !scope.split(' ').any(|s| s == GMAIL_SCOPE) {
        return Response::error_page(
            400,
            "Access blocked: Authorization Error",
            "invalid_scope",
            "Some requested scopes were invalid.",
        );
    }

    let mode = state.mode;
    let sep = if redirect_uri.contains('?') { '&' } else { '?' };
    let state_part = |value: Option<&str>| match value {
        Some(s) => format!("{}&", pair("state", s)),
        None => String::new(),
    };
    let mut issue_code = |scope: &str| {
        let code = format!("4/0A{}", random_token(70));
        state.codes.insert(
            code.clone(),
            CodeGrant {
                challenge: challenge.to_string(),
                client_id: ctx.client_id.clone(),
                redirect_uri: redirect_uri.to_string(),
                scope: scope.to_string(),
                issued: Instant::now(),
                used: false,
            },
        );
        format!("{}&{}", pair("code", &code), pair("scope", scope))
    };
    let sent_state = get("state");
    let query = match mode {
        AuthorizeMode::Grant => format!("{}{}", state_part(sent_state), issue_code(GMAIL_SCOPE)),
        AuthorizeMode::WrongScope => {
            format!("{}{}", state_part(sent_state), issue_code(SEND_ONLY_SCOPE))
        }
        AuthorizeMode::WrongState => {
            let other = format!("forged-{}", random_token(24));
            format!("{}{}", state_part(Some(&other)), issue_code(GMAIL_SCOPE))
        }
        AuthorizeMode::MissingCode => {
            let mut q = state_part(sent_state);
            q.pop(); // the '&'
            q
        }
        AuthorizeMode::AccessDenied => {
            let mut q = format!("error=access_denied&{}", state_part(sent_state));
            q.pop();
            q
        }
        AuthorizeMode::AdminPolicyEnforced => {
            return Response::error_page(
                403,
                "Access blocked: smtp-setup-test's request is blocked by your administrator",
                "admin_policy_enforced",
                "Your administrator has blocked access to this app for your Google Workspace account.",
            );
        }
        AuthorizeMode::PolicyEnforced => {
            return Response::error_page(
                403,
                "Access blocked: Advanced Protection",
                "policy_enforced",
                "Advanced Protection prevents this app from accessing your Google Account.",
            );
        }
        AuthorizeMode::RedirectUriMismatch => return redirect_mismatch(),
    };
    Response::redirect(format!("{redirect_uri}{sep}{query}"))
}

// ---------------------------------------------------------------------------
// /token
// ---------------------------------------------------------------------------

/// `Authorization: Basic base64(urlencode(id):urlencode(secret))` -> (id, secret).
fn basic_credentials(header: &str) -> Option<(String, String)> {
    let (scheme, value) = header.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("Basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(value.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((form_decode(id), form_decode(secret)))
}

fn token(ctx: &Ctx, request: &Request) -> Response {
    let form = std::str::from_utf8(&request.body)
        .map_err(|_| "Invalid request body.".to_string())
        .and_then(parse_form);
    let basic = request.header("authorization").map(basic_credentials);
    let mut record = TokenRequest {
        grant_type: String::new(),
        has_code: false,
        has_refresh_token: false,
        has_code_verifier: false,
        client_id: None,
        basic_auth: matches!(basic, Some(Some(_))),
        status: 0,
        error: None,
    };
    if let Ok(form) = &form {
        record.grant_type = form.get("grant_type").cloned().unwrap_or_default();
        record.has_code = form.contains_key("code");
        record.has_refresh_token = form.contains_key("refresh_token");
        record.has_code_verifier = form.contains_key("code_verifier");
        record.client_id = match &basic {
            Some(Some((id, _))) => Some(id.clone()),
            _ => form.get("client_id").cloned(),
        };
    }
    let response = token_response(ctx, request, form, basic);
    record.status = response.status;
    if response.status != 200 {
        record.error = serde_json::from_str::<serde_json::Value>(&response.body)
            .ok()
            .and_then(|v| v["error"].as_str().map(str::to_string));
    }
    ctx.state().token_requests.push(record);
    response
}

fn token_response(
    ctx: &Ctx,
    request: &Request,
    form: Result<BTreeMap<String, String>, String>,
    basic: Option<Option<(String, String)>>,
) -> Response {
    let content_type = request.header("content-type").unwrap_or("");
    if !content_type
        .to_ascii_lowercase()
        .starts_with("application/x-www-form-urlencoded")
    {
        return Response::json_error(400, "invalid_request", "Invalid content type.");
    }
    let form = match form {
        Ok(form) => form,
        Err(detail) => return Response::json_error(400, "invalid_request", &detail),
    };
    let get = |name: &str| form.get(name).map(String::as_str);

    // Client authentication: HTTP Basic, or client_id + client_secret in the form.
    let (client_id, client_secret) = match basic {
        Some(Some((id, secret))) => (Some(id), Some(secret)),
        Some(None) => return Response::json_error(401, "invalid_client", "Unauthorized"),
        None => (
            get("client_id").map(str::to_string),
            get("client_secret").map(str::to_string),
        ),
    };
    let Some(client_id) = client_id else {
        return Response::json_error(
            400,
            "invalid_request",
            "Could not determine client ID from request.",
        );
    };
    if client_id != ctx.client_id {
        return Response::json_error(401, "invalid_client", "The OAuth client was not found.");
    }
    let Some(client_secret) = client_secret else {
        return Response::json_error(400, "invalid_request", "client_secret is missing.");
    };
    if client_secret != ctx.client_secret {
        return Response::json_error(401, "invalid_client", "Unauthorized");
    }

    match get("grant_type") {
        Some("authorization_code") => exchange_code(ctx, &form),
        Some("refresh_token") => refresh(ctx, &form),
        Some(other) => Response::json_error(
            400,
            "unsupported_grant_type",
            &format!("Invalid grant_type: {other}"),
        ),
        None => Response::json_error(400, "unsupported_grant_type", "Invalid grant_type: "),
    }
}

/// A new access token, valid for SMTP (in `tokens`) only with the Gmail scope.
fn issue_access_token(ctx: &Ctx, scope: &str) -> String {
    let token = format!("ya29.a0{}", random_token(100));
    if scope.split(' ').any(|s| s == GMAIL_SCOPE) {
        ctx.tokens.insert(token.clone());
    }
    token
}

fn exchange_code(ctx: &Ctx, form: &BTreeMap<String, String>) -> Response {
    let get = |name: &str| form.get(name).map(String::as_str);
    let Some(code) = get("code") else {
        return Response::json_error(400, "invalid_request", "Missing required parameter: code");
    };
    let mut state = ctx.state();
    let Some(grant) = state.codes.get_mut(code) else {
        return Response::json_error(400, "invalid_grant", "Bad Request");
    };
    // Single use: any exchange attempt with a known code consumes it.
    let already_used = std::mem::replace(&mut grant.used, true);
    if already_used || grant.issued.elapsed() > CODE_LIFETIME || grant.client_id != ctx.client_id {
        return Response::json_error(400, "invalid_grant", "Bad Request");
    }
    if get("redirect_uri") != Some(grant.redirect_uri.as_str()) {
        return Response::json_error(400, "redirect_uri_mismatch", "Bad Request");
    }
    let Some(verifier) = get("code_verifier") else {
        return Response::json_error(400, "invalid_grant", "Missing code verifier.");
    };
    if URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) != grant.challenge {
        return Response::json_error(400, "invalid_grant", "Bad Request");
    }
    let scope = grant.scope.clone();
    let refresh_token = format!("1//0{}", random_token(100));
    state.refresh_tokens.insert(
        refresh_token.clone(),
        RefreshGrant {
            scope: scope.clone(),
            client_id: ctx.client_id.clone(),
            revoked: false,
        },
    );
    drop(state);
    let access_token = issue_access_token(ctx, &scope);
    Response::json(
        200,
        serde_json::json!({
            "access_token": access_token,
            "expires_in": ctx.lifetime,
            "refresh_token": refresh_token,
            "scope": scope,
            "token_type": "Bearer",
        }),
    )
}

fn refresh(ctx: &Ctx, form: &BTreeMap<String, String>) -> Response {
    let Some(refresh_token) = form.get("refresh_token") else {
        return Response::json_error(
            400,
            "invalid_request",
            "Missing required parameter: refresh_token",
        );
    };
    let scope = {
        let state = ctx.state();
        match state.refresh_tokens.get(refresh_token) {
            Some(grant) if !grant.revoked && grant.client_id == ctx.client_id => {
                grant.scope.clone()
            }
            _ => {
                return Response::json_error(
                    400,
                    "invalid_grant",
                    "Token has been expired or revoked.",
                );
            }
        }
    };
    let access_token = issue_access_token(ctx, &scope);
    Response::json(
        200,
        serde_json::json!({
            "access_token": access_token,
            "expires_in": ctx.lifetime,
            "scope": scope,
            "token_type": "Bearer",
        }),
    )
}
