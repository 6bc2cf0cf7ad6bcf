//! A fake `smtp.gmail.com` for tests: a STARTTLS listener (like port 587) and an
//! implicit-TLS listener (like port 465) on 127.0.0.1, answering with Gmail's
//! own reply texts (see /work/shared/GMAIL.md).
//!
//! [`GmailServer::start`] is synchronous: it runs its own tokio runtime on a
//! std thread, so it works from `#[test]`, from `#[tokio::test]` and from tests
//! that run the CLI binary as a subprocess. Dropping the server stops the
//! listeners and every connection task.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{Instant, timeout, timeout_at};
use tokio_rustls::TlsAcceptor;

use super::oauth_server::TokenSet;
use super::spawn::{BoxFuture, ServerThread, spawn_server};
pub use super::test_certs::{CertVariant, TestCa};

/// Longest command line accepted (without CRLF); longer lines close the session.
pub const MAX_LINE: usize = 4096;
/// Longest line accepted inside DATA.
pub const MAX_DATA_LINE: usize = 65536;
/// The SIZE Gmail advertises; bigger messages get 552.
pub const MAX_MESSAGE: usize = 35_882_577;

/// The base64 XOAUTH2 error challenge Gmail sends for a rejected token:
/// `{"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}`.
pub const XOAUTH2_ERROR_CHALLENGE: &str = "eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==";

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------

/// How an account answers AUTH (and, for `SendingLimit`, DATA).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountMode {
    /// This exact password (16 lowercase letters) gives 235; anything else 535 BadCredentials.
    AppPassword(String),
    /// Every password gives the two-line 535 5.7.8 BadCredentials reply.
    BadCredentials,
    /// Every password gives the two-line 534 5.7.9 InvalidSecondFactor reply.
    AppPasswordRequired,
    /// Every password gives the four-line 534 5.7.14 "Please log in via your web browser" reply.
    WebLoginRequired,
    /// Every AUTH (any mechanism) gives 454 4.7.0 Too many login attempts.
    TooManyLogins,
    /// This password authenticates, but every message is refused at the end of
    /// DATA with the three-line 550 5.4.5 Daily user sending limit exceeded reply.
    SendingLimit(String),
    /// XOAUTH2/OAUTHBEARER with this bearer token gives 235; any other token gets
    /// the 334 error challenge, then 535. Passwords get 535.
    OAuth { access_token: String },
    /// XOAUTH2/OAUTHBEARER with any token currently in this set (shared with an
    /// `OAuthServer`, as its `tokens`) gives 235; any other token gets the 334 error
    /// challenge, then 535. Passwords get 535.
    OAuthTokens(TokenSet),
}

/// One mailbox the server knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub user: String,
    pub mode: AccountMode,
}

impl Account {
    pub fn new(user: impl Into<String>, mode: AccountMode) -> Self {
        Account {
            user: user.into(),
            mode,
        }
    }
}

/// Connection-level behaviour, to simulate network and server trouble.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Behavior {
    #[default]
    Normal,
    /// Accept TCP and never send anything (on the implicit port: never answer the ClientHello).
    StallGreeting,
    /// STARTTLS port: greet, EHLO, answer STARTTLS with 220, then never answer the
    /// TLS handshake. Implicit port: accept TCP and never answer the ClientHello.
    StallTlsHandshake,
    /// Answer EHLO/HELO with `421 4.7.0 Try again later, closing connection. (EHLO)` and close.
    TryAgainLater,
    /// Send the greeting (after the TLS handshake on the implicit port), then close.
    CloseAfterGreeting,
    /// Greet, then never answer EHLO (until the session timeout).
    StallEhlo,
    /// A hostile server: its session id, and so its greeting and most replies, carries
    /// terminal escape sequences ([`HOSTILE_TEXT`]).
    HostileText,
}

/// What a hostile server puts in its replies: clear the screen, draw a fake green success
/// line, write the clipboard (OSC 52), a C1 CSI, and a right-to-left override.
pub const HOSTILE_TEXT: &str =
    "\x1b[2J\x1b[H\x1b[1;32m✓ Login works\x1b[0m \x1b]52;c;aGFja2Vk\x07 \u{9b}31m \u{202e}txet";

/// Server configuration. `Default`: no accounts, `Normal`, `Valid`, 20 s session timeout.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub accounts: Vec<Account>,
    pub behavior: Behavior,
    pub cert: CertVariant,
    /// Idle limit per read/write: a connection silent this long is closed
    /// (with `451 4.4.2 Timeout - closing connection.`), and stalls end after it.
    pub session_timeout: Duration,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            accounts: Vec::new(),
            behavior: Behavior::Normal,
            cert: CertVariant::Valid,
            session_timeout: Duration::from_secs(20),
        }
    }
}

impl ServerConfig {
    /// The default configuration with one account.
    pub fn with_account(user: impl Into<String>, mode: AccountMode) -> Self {
        ServerConfig::default().and_account(user, mode)
    }

    /// Adds another account.
    pub fn and_account(mut self, user: impl Into<String>, mode: AccountMode) -> Self {
        self.accounts.push(Account::new(user, mode));
        self
    }

    pub fn with_behavior(mut self, behavior: Behavior) -> Self {
        self.behavior = behavior;
        self
    }

    pub fn with_cert(mut self, cert: CertVariant) -> Self {
        self.cert = cert;
        self
    }

    pub fn with_session_timeout(mut self, session_timeout: Duration) -> Self {
        self.session_timeout = session_timeout;
        self
    }
}

// ---------------------------------------------------------------------------
// Observations
// ---------------------------------------------------------------------------

/// A message accepted with `250 2.0.0 OK`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedMessage {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// The message as received: dot-unstuffed, lines ending in CRLF, without the final `.` line.
    pub data: String,
    pub authenticated_user: String,
}

/// One AUTH command. `user` is empty when the payload was cancelled or undecodable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthAttempt {
    pub user: String,
    pub mechanism: String,
    pub succeeded: bool,
}

#[derive(Default)]
struct Shared {
    received: Vec<ReceivedMessage>,
    auth_attempts: Vec<AuthAttempt>,
    ehlo_names: Vec<String>,
    connections: usize,
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    shared.lock().unwrap_or_else(|e| e.into_inner())
}

// ---------------------------------------------------------------------------
// The server handle
// ---------------------------------------------------------------------------

/// A running fake Gmail server. Dropping it stops everything.
pub struct GmailServer {
    /// The STARTTLS listener (like smtp.gmail.com:587).
    pub starttls_addr: SocketAddr,
    /// The implicit-TLS listener (like smtp.gmail.com:465).
    pub implicit_addr: SocketAddr,
    /// The CA clients should trust (for `CertVariant::Untrusted` the server's
    /// certificate is NOT signed by it).
    pub ca: TestCa,
    shared: Arc<Mutex<Shared>>,
    _thread: ServerThread,
}

impl std::fmt::Debug for GmailServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GmailServer")
            .field("starttls_addr", &self.starttls_addr)
            .field("implicit_addr", &self.implicit_addr)
            .field("ca", &self.ca)
            .finish()
    }
}

struct Ctx {
    config: ServerConfig,
    acceptor: TlsAcceptor,
    shared: Arc<Mutex<Shared>>,
}

impl GmailServer {
    /// Generates certificates, binds 127.0.0.1:0 twice and returns once both
    /// listeners accept connections.
    pub fn start(config: ServerConfig) -> GmailServer {
        let certs = super::test_certs::generate(config.cert);
        let tls_config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("TLS protocol versions")
        .with_no_client_auth()
        .with_single_cert(certs.chain, certs.key)
        .expect("server certificate");
        let shared = Arc::new(Mutex::new(Shared::default()));
        let ctx = Arc::new(Ctx {
            config,
            acceptor: TlsAcceptor::from(Arc::new(tls_config)),
            shared: shared.clone(),
        });

        let ((starttls_addr, implicit_addr), thread) =
            spawn_server("gmail-test-server", 2, move || {
                Box::pin(async move {
                    let starttls = TcpListener::bind("127.0.0.1:0").await?;
                    let implicit = TcpListener::bind("127.0.0.1:0").await?;
                    let addrs = (starttls.local_addr()?, implicit.local_addr()?);
                    let serve: BoxFuture<()> = Box::pin(async move {
                        tokio::select! {
                            _ = accept_loop(starttls, ctx.clone(), false) => {}
                            _ = accept_loop(implicit, ctx.clone(), true) => {}
                        }
                    });
                    Ok((addrs, serve))
                })
            });
        GmailServer {
            starttls_addr,
            implicit_addr,
            ca: certs.ca,
            shared,
            _thread: thread,
        }
    }

    pub fn starttls_port(&self) -> u16 {
        self.starttls_addr.port()
    }

    pub fn implicit_port(&self) -> u16 {
        self.implicit_addr.port()
    }

    /// Messages accepted (answered `250 2.0.0 OK`), in order.
    pub fn received(&self) -> Vec<ReceivedMessage> {
        lock(&self.shared).received.clone()
    }

    /// Every AUTH command tried, in order.
    pub fn auth_attempts(&self) -> Vec<AuthAttempt> {
        lock(&self.shared).auth_attempts.clone()
    }

    /// Every EHLO/HELO argument seen (including rejected ones), in order.
    pub fn ehlo_names(&self) -> Vec<String> {
        lock(&self.shared).ehlo_names.clone()
    }

    /// TCP connections accepted on both ports. Counted when the server accepts,
    /// which can be just after the client's `connect` returns: once the greeting
    /// has been read it is up to date; otherwise use [`Self::wait_for_connections`].
    pub fn connections(&self) -> usize {
        lock(&self.shared).connections
    }

    /// Polls until at least `n` connections were accepted; false after `limit`.
    pub fn wait_for_connections(&self, n: usize, limit: Duration) -> bool {
        let deadline = std::time::Instant::now() + limit;
        loop {
            if self.connections() >= n {
                return true;
            }
            if std::time::Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

async fn accept_loop(listener: TcpListener, ctx: Arc<Ctx>, implicit: bool) {
    loop {
        match listener.accept().await {
            Ok((tcp, peer)) => {
                lock(&ctx.shared).connections += 1;
                let ctx = ctx.clone();
                tokio::spawn(async move {
                    if implicit {
                        handle_implicit(ctx, tcp, peer).await;
                    } else {
                        handle_starttls(ctx, tcp, peer).await;
                    }
                });
            }
            // E.g. EMFILE: back off instead of spinning.
            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
}

// ---------------------------------------------------------------------------
// Connection handling
// ---------------------------------------------------------------------------

/// The connection is over (EOF, error, timeout, QUIT or a closing reply).
#[derive(Debug)]
struct Closed;

enum Flow {
    Continue,
    Close,
    StartTls,
}

struct Conn<S> {
    io: S,
    buf: Vec<u8>,
    timeout: Duration,
    id: String,
}

impl<S: AsyncRead + AsyncWrite + Unpin> Conn<S> {
    fn new(io: S, timeout: Duration, id: String) -> Self {
        Conn {
            io,
            buf: Vec::new(),
            timeout,
            id,
        }
    }

    async fn send(&mut self, text: &str) -> Result<(), Closed> {
        let write = async {
            self.io.write_all(text.as_bytes()).await?;
            self.io.flush().await
        };
        match timeout(self.timeout, write).await {
            Ok(Ok(())) => Ok(()),
            _ => Err(Closed),
        }
    }

    /// One read into the buffer. EOF, errors and the idle timeout end the session.
    async fn fill(&mut self) -> Result<(), Closed> {
        let mut tmp = [0u8; 8192];
        match timeout(self.timeout, self.io.read(&mut tmp)).await {
            Ok(Ok(0)) | Ok(Err(_)) => Err(Closed),
            Ok(Ok(n)) => {
                self.buf.extend_from_slice(&tmp[..n]);
                Ok(())
            }
            Err(_) => {
                let reply = format!(
                    "451 4.4.2 Timeout - closing connection. {} - gsmtp\r\n",
                    self.id
                );
                let _ = self.send(&reply).await;
                Err(Closed)
            }
        }
    }

    /// A line without its CRLF (a bare LF is accepted too).
    async fn read_bytes_line(&mut self, max: usize) -> Result<Vec<u8>, Closed> {
        loop {
            if let Some(pos) = self.buf.iter().position(|&b| b == b'\n') {
                let mut line: Vec<u8> = self.buf.drain(..=pos).collect();
                line.pop();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                if line.len() > max {
                    return Err(self.line_too_long().await);
                }
                return Ok(line);
            }
            if self.buf.len() > max + 1 {
                return Err(self.line_too_long().await);
            }
            self.fill().await?;
        }
    }

    async fn read_line(&mut self) -> Result<String, Closed> {
        let line = self.read_bytes_line(MAX_LINE).await?;
        Ok(String::from_utf8_lossy(&line).into_owned())
    }

    async fn read_exact_bytes(&mut self, n: usize) -> Result<Vec<u8>, Closed> {
        while self.buf.len() < n {
            self.fill().await?;
        }
        Ok(self.buf.drain(..n).collect())
    }

    async fn line_too_long(&mut self) -> Closed {
        let reply = format!("500 5.5.2 Line too long. {} - gsmtp\r\n", self.id);
        let _ = self.send(&reply).await;
        Closed
    }

    async fn finish(mut self) {
        let _ = timeout(Duration::from_secs(1), self.io.shutdown()).await;
    }
}

/// Builds a (multi-line) reply: `code-` on all lines but the last, CRLF endings.
fn reply(code: u16, lines: &[&str]) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let sep = if i + 1 == lines.len() { ' ' } else { '-' };
        out.push_str(&format!("{code}{sep}{line}\r\n"));
    }
    out
}

/// Hold a connection without answering, until the client leaves or the session timeout.
async fn stall<S: AsyncRead + Unpin>(io: &mut S, limit: Duration) {
    let deadline = Instant::now() + limit;
    let mut tmp = [0u8; 4096];
    loop {
        match timeout_at(deadline, io.read(&mut tmp)).await {
            Ok(Ok(n)) if n > 0 => continue,
            _ => return,
        }
    }
}

async fn handle_starttls(ctx: Arc<Ctx>, mut tcp: TcpStream, peer: SocketAddr) {
    let _ = tcp.set_nodelay(true);
    let limit = ctx.config.session_timeout;
    if ctx.config.behavior == Behavior::StallGreeting {
        stall(&mut tcp, limit).await;
        return;
    }
    let id = session_id_for(ctx.config.behavior);
    let mut conn = Conn::new(tcp, limit, id.clone());
    if conn.send(&greeting(&id)).await.is_err() {
        return;
    }
    if ctx.config.behavior == Behavior::CloseAfterGreeting {
        conn.finish().await;
        return;
    }
    if ctx.config.behavior == Behavior::StallEhlo {
        stall(&mut conn.io, limit).await;
        return;
    }
    let mut session = Session::new(id.clone(), peer.ip(), false);
    match smtp_loop(&ctx, &mut conn, &mut session).await {
        Flow::StartTls => {}
        Flow::Continue | Flow::Close => {
            conn.finish().await;
            return;
        }
    }
    // Anything the client pipelined after STARTTLS is discarded (as it must be).
    let mut tcp = conn.io;
    if ctx.config.behavior == Behavior::StallTlsHandshake {
        stall(&mut tcp, limit).await;
        return;
    }
    let tls = match timeout(limit, ctx.acceptor.accept(tcp)).await {
        Ok(Ok(tls)) => tls,
        _ => return,
    };
    let mut conn = Conn::new(tls, limit, id.clone());
    let mut session = Session::new(id, peer.ip(), true);
    smtp_loop(&ctx, &mut conn, &mut session).await;
    conn.finish().await;
}

async fn handle_implicit(ctx: Arc<Ctx>, mut tcp: TcpStream, peer: SocketAddr) {
    let _ = tcp.set_nodelay(true);
    let limit = ctx.config.session_timeout;
    if matches!(
        ctx.config.behavior,
        Behavior::StallGreeting | Behavior::StallTlsHandshake
    ) {
        stall(&mut tcp, limit).await;
        return;
    }
    let tls = match timeout(limit, ctx.acceptor.accept(tcp)).await {
        Ok(Ok(tls)) => tls,
        _ => return,
    };
    let id = session_id_for(ctx.config.behavior);
    let mut conn = Conn::new(tls, limit, id.clone());
    if conn.send(&greeting(&id)).await.is_err() {
        return;
    }
    if ctx.config.behavior == Behavior::StallEhlo {
        stall(&mut conn.io, limit).await;
    } else if ctx.config.behavior != Behavior::CloseAfterGreeting {
        let mut session = Session::new(id, peer.ip(), true);
        smtp_loop(&ctx, &mut conn, &mut session).await;
    }
    conn.finish().await;
}

fn greeting(id: &str) -> String {
    format!("220 smtp.gmail.com ESMTP {id} - gsmtp\r\n")
}

// ---------------------------------------------------------------------------
// SMTP session
// ---------------------------------------------------------------------------

struct Session {
    id: String,
    peer_ip: IpAddr,
    tls: bool,
    ehlo: bool,
    user: Option<String>,
    mode: Option<AccountMode>,
    mail_from: Option<String>,
    rcpt_to: Vec<String>,
    bdat: Option<Vec<u8>>,
}

impl Session {
    fn new(id: String, peer_ip: IpAddr, tls: bool) -> Self {
        Session {
            id,
            peer_ip,
            tls,
            ehlo: false,
            user: None,
            mode: None,
            mail_from: None,
            rcpt_to: Vec::new(),
            bdat: None,
        }
    }

    fn reset_transaction(&mut self) {
        self.mail_from = None;
        self.rcpt_to.clear();
        self.bdat = None;
    }

    fn simple(&self, text: &str) -> String {
        format!("{text} {} - gsmtp\r\n", self.id)
    }
}

async fn smtp_loop<S: AsyncRead + AsyncWrite + Unpin>(
    ctx: &Ctx,
    conn: &mut Conn<S>,
    session: &mut Session,
) -> Flow {
    loop {
        let line = match conn.read_line().await {
            Ok(line) => line,
            Err(Closed) => return Flow::Close,
        };
        match command(ctx, conn, session, &line).await {
            Ok(Flow::Continue) => {}
            Ok(flow) => return flow,
            Err(Closed) => return Flow::Close,
        }
    }
}

fn is_bad_ehlo_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.is_empty()
        || lower == "localhost"
        || lower == "localhost.localdomain"
        || lower.starts_with('[')
        || lower.parse::<IpAddr>().is_ok()
}

fn ehlo_reply(session: &Session) -> String {
    let first = format!("smtp.gmail.com at your service, [{}]", session.peer_ip);
    let fourth = if session.tls {
        "AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH"
    } else {
        "STARTTLS"
    };
    reply(
        250,
        &[
            &first,
            "SIZE 35882577",
            "8BITMIME",
            fourth,
            "ENHANCEDSTATUSCODES",
            "PIPELINING",
            "CHUNKING",
            "SMTPUTF8",
        ],
    )
}

async fn command<S: AsyncRead + AsyncWrite + Unpin>(
    ctx: &Ctx,
    conn: &mut Conn<S>,
    session: &mut Session,
    line: &str,
) -> Result<Flow, Closed> {
    let (verb, args) = match line.split_once(' ') {
        Some((verb, args)) => (verb, args.trim()),
        None => (line.trim(), ""),
    };
    let verb = verb.to_ascii_uppercase();
    match verb.as_str() {
        "EHLO" | "HELO" => {
            lock(&ctx.shared).ehlo_names.push(args.to_string());
            let name = args.split_whitespace().next().unwrap_or("");
            if is_bad_ehlo_name(name) || ctx.config.behavior == Behavior::TryAgainLater {
                conn.send(&session.simple("421 4.7.0 Try again later, closing connection. (EHLO)"))
                    .await?;
                return Ok(Flow::Close);
            }
            session.ehlo = true;
            session.reset_transaction();
            if verb == "EHLO" {
                conn.send(&ehlo_reply(session)).await?;
            } else {
                conn.send("250 smtp.gmail.com at your service\r\n").await?;
            }
        }
        "STARTTLS" => {
            if session.tls {
                conn.send(&session.simple("502 5.5.1 Unrecognized command."))
                    .await?;
            } else {
                conn.send("220 2.0.0 Ready to start TLS\r\n").await?;
                return Ok(Flow::StartTls);
            }
        }
        "AUTH" => auth(ctx, conn, session, args).await?,
        "MAIL" => {
            if let Some(text) = transaction_refusal(session) {
                conn.send(&text).await?;
            } else if session.mail_from.is_some() {
                conn.send(&session.simple("503 5.5.1 Nested MAIL command."))
                    .await?;
            } else {
                match parse_path(args, "FROM:") {
                    Some(from) => {
                        session.mail_from = Some(from);
                        conn.send(&session.simple("250 2.1.0 OK")).await?;
                    }
                    None => {
                        conn.send(&session.simple("555 5.5.2 Syntax error."))
                            .await?
                    }
                }
            }
        }
        "RCPT" => {
            if let Some(text) = transaction_refusal(session) {
                conn.send(&text).await?;
            } else if session.mail_from.is_none() {
                conn.send(&session.simple("503 5.5.1 MAIL first.")).await?;
            } else {
                match parse_path(args, "TO:") {
                    Some(to) if to.contains('@') => {
                        session.rcpt_to.push(to);
                        conn.send(&session.simple("250 2.1.5 OK")).await?;
                    }
                    Some(to) => {
                        let text = format!(
                            "553 5.1.3 The recipient address <{to}> is not a valid RFC 5321 address."
                        );
                        conn.send(&session.simple(&text)).await?;
                    }
                    None => {
                        conn.send(&session.simple("555 5.5.2 Syntax error."))
                            .await?
                    }
                }
            }
        }
        "DATA" => {
            if let Some(text) = transaction_refusal(session) {
                conn.send(&text).await?;
            } else if session.mail_from.is_none() {
                conn.send(&session.simple("503 5.5.1 MAIL first.")).await?;
            } else if session.rcpt_to.is_empty() {
                conn.send(&session.simple("503 5.5.1 RCPT first.")).await?;
            } else {
                conn.send(&session.simple("354 Go ahead")).await?;
                let data = read_data(conn).await?;
                finish_message(ctx, conn, session, data).await?;
            }
        }
        "BDAT" => {
            if let Some(text) = transaction_refusal(session) {
                conn.send(&text).await?;
                return Ok(Flow::Continue);
            }
            let mut parts = args.split_whitespace();
            let size = parts.next().and_then(|s| s.parse::<usize>().ok());
            let last = parts.next().is_some_and(|s| s.eq_ignore_ascii_case("LAST"));
            let Some(size) = size else {
                conn.send(&session.simple("555 5.5.2 Syntax error."))
                    .await?;
                return Ok(Flow::Continue);
            };
            let so_far = session.bdat.as_ref().map_or(0, Vec::len);
            if size.saturating_add(so_far) > MAX_MESSAGE {
                conn.send(
                    &session
                        .simple("552 5.3.4 Your message exceeded Google's message size limits."),
                )
                .await?;
                return Ok(Flow::Close);
            }
            let chunk = conn.read_exact_bytes(size).await?;
            if session.mail_from.is_none() {
                conn.send(&session.simple("503 5.5.1 MAIL first.")).await?;
            } else if session.rcpt_to.is_empty() {
                conn.send(&session.simple("503 5.5.1 RCPT first.")).await?;
            } else {
                let buf = session.bdat.get_or_insert_with(Vec::new);
                buf.extend_from_slice(&chunk);
                if last {
                    let data = session.bdat.take().unwrap_or_default();
                    let data = Ok(String::from_utf8_lossy(&data).into_owned());
                    finish_message(ctx, conn, session, data).await?;
                } else {
                    conn.send(&session.simple("250 2.0.0 OK")).await?;
                }
            }
        }
        "RSET" => {
            session.reset_transaction();
            conn.send(&session.simple("250 2.1.5 Flushed")).await?;
        }
        "NOOP" => conn.send(&session.simple("250 2.0.0 OK")).await?,
        "HELP" => {
            conn.send(&session.simple("214 2.0.0  https://www.google.com/search?btnI&q=RFC+5321"))
                .await?
        }
        "VRFY" => {
            conn.send(&session.simple("252 2.1.5 Send some mail, I'll try my best"))
                .await?
        }
        "QUIT" => {
            conn.send(&session.simple("221 2.0.0 closing connection"))
                .await?;
            return Ok(Flow::Close);
        }
        _ => {
            conn.send(&session.simple("502 5.5.1 Unrecognized command."))
                .await?
        }
    }
    Ok(Flow::Continue)
}

/// Why MAIL/RCPT/DATA/BDAT is refused before a transaction may start, if it is.
fn transaction_refusal(session: &Session) -> Option<String> {
    if !session.ehlo {
        Some(session.simple("503 5.5.1 EHLO/HELO first."))
    } else if !session.tls {
        Some(session.simple("530 5.7.0 Must issue a STARTTLS command first."))
    } else if session.user.is_none() {
        let last = format!(
            "5.7.0  https://support.google.com/mail/?p=WantAuthError {} - gsmtp",
            session.id
        );
        Some(reply(
            530,
            &[
                "5.7.0 Authentication Required. For more information, go to",
                &last,
            ],
        ))
    } else {
        None
    }
}

/// `FROM:<a@b> SIZE=10` -> `a@b`. Also accepts a bare address without brackets.
fn parse_path(args: &str, keyword: &str) -> Option<String> {
    if args.len() < keyword.len() || !args[..keyword.len()].eq_ignore_ascii_case(keyword) {
        return None;
    }
    let rest = args[keyword.len()..].trim_start();
    if let Some(inner) = rest.strip_prefix('<') {
        let end = inner.find('>')?;
        Some(inner[..end].to_string())
    } else {
        let addr = rest.split_whitespace().next()?;
        Some(addr.to_string())
    }
}

/// Reads DATA lines up to the lone `.`, dot-unstuffing. `Err(())` inside the Ok
/// means the message was too large (but fully consumed).
async fn read_data<S: AsyncRead + AsyncWrite + Unpin>(
    conn: &mut Conn<S>,
) -> Result<Result<String, ()>, Closed> {
    let mut data: Vec<u8> = Vec::new();
    let mut too_big = false;
    loop {
        let line = conn.read_bytes_line(MAX_DATA_LINE).await?;
        if line == b"." {
            break;
        }
        let line = line.strip_prefix(b".").unwrap_or(&line);
        if too_big || data.len() + line.len() + 2 > MAX_MESSAGE {
            too_big = true;
            continue;
        }
        data.extend_from_slice(line);
        data.extend_from_slice(b"\r\n");
    }
    if too_big {
        Ok(Err(()))
    } else {
        Ok(Ok(String::from_utf8_lossy(&data).into_owned()))
    }
}

async fn finish_message<S: AsyncRead + AsyncWrite + Unpin>(
    ctx: &Ctx,
    conn: &mut Conn<S>,
    session: &mut Session,
    data: Result<String, ()>,
) -> Result<(), Closed> {
    let mail_from = session.mail_from.take().unwrap_or_default();
    let rcpt_to = std::mem::take(&mut session.rcpt_to);
    session.bdat = None;
    let Ok(data) = data else {
        return conn
            .send(&session.simple("552 5.3.4 Your message exceeded Google's message size limits."))
            .await;
    };
    if let Some(AccountMode::SendingLimit(_)) = session.mode {
        let last = format!(
            "5.4.5  https://support.google.com/a/answer/166852 {} - gsmtp",
            session.id
        );
        let text = reply(
            550,
            &[
                "5.4.5 Daily user sending limit exceeded. For more information on Gmail",
                "5.4.5 sending limits go to",
                &last,
            ],
        );
        return conn.send(&text).await;
    }
    lock(&ctx.shared).received.push(ReceivedMessage {
        mail_from,
        rcpt_to,
        data,
        authenticated_user: session.user.clone().unwrap_or_default(),
    });
    let epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    conn.send(&format!("250 2.0.0 OK  {epoch} {} - gsmtp\r\n", session.id))
        .await
}

// ---------------------------------------------------------------------------
// AUTH
// ---------------------------------------------------------------------------

enum Verdict {
    Accepted,
    BadCredentials,
    AppPasswordRequired,
    WebLoginRequired,
    TooManyLogins,
    /// XOAUTH2/OAUTHBEARER rejection: 334 JSON challenge, then 535.
    TokenRejected,
}

fn decode_b64(text: &str) -> Option<Vec<u8>> {
    let text = text.trim();
    if text == "=" {
        return Some(Vec::new());
    }
    STANDARD
        .decode(text)
        .or_else(|_| STANDARD_NO_PAD.decode(text))
        .ok()
}

fn find_account<'a>(ctx: &'a Ctx, user: &str) -> Option<&'a Account> {
    ctx.config
        .accounts
        .iter()
        .find(|a| a.user.eq_ignore_ascii_case(user))
}

fn password_verdict(account: Option<&Account>, password: &str) -> Verdict {
    let Some(account) = account else {
        return Verdict::BadCredentials;
    };
    match &account.mode {
        AccountMode::AppPassword(good) | AccountMode::SendingLimit(good) => {
            if password == good {
                Verdict::Accepted
            } else {
                Verdict::BadCredentials
            }
        }
        AccountMode::BadCredentials | AccountMode::OAuth { .. } | AccountMode::OAuthTokens(_) => {
            Verdict::BadCredentials
        }
        AccountMode::AppPasswordRequired => Verdict::AppPasswordRequired,
        AccountMode::WebLoginRequired => Verdict::WebLoginRequired,
        AccountMode::TooManyLogins => Verdict::TooManyLogins,
    }
}

fn token_verdict(account: Option<&Account>, token: &str) -> Verdict {
    match account.map(|a| &a.mode) {
        Some(AccountMode::OAuth { access_token }) if token == access_token => Verdict::Accepted,
        Some(AccountMode::OAuthTokens(tokens)) if tokens.contains(token) => Verdict::Accepted,
        Some(AccountMode::TooManyLogins) => Verdict::TooManyLogins,
        _ => Verdict::TokenRejected,
    }
}

/// `user=a@b\x01auth=Bearer tok\x01\x01` -> (a@b, tok)
fn parse_xoauth2(payload: &str) -> Option<(String, String)> {
    let mut user = None;
    let mut token = None;
    for field in payload.split('\x01') {
        if let Some(u) = field.strip_prefix("user=") {
            user = Some(u.to_string());
        } else if let Some(a) = field.strip_prefix("auth=") {
            let (scheme, tok) = a.split_once(' ')?;
            if !scheme.eq_ignore_ascii_case("Bearer") {
                return None;
            }
            token = Some(tok.trim().to_string());
        }
    }
    Some((user?, token?))
}

/// `n,a=a@b,\x01host=..\x01port=..\x01auth=Bearer tok\x01\x01` -> (a@b, tok)
fn parse_oauthbearer(payload: &str) -> Option<(String, String)> {
    let mut fields = payload.split('\x01');
    let gs2 = fields.next()?;
    let user = gs2
        .split(',')
        .find_map(|p| p.strip_prefix("a="))
        .map(|u| u.replace("=2C", ",").replace("=3D", "="))
        .unwrap_or_default();
    let mut token = None;
    for field in fields {
        if let Some(a) = field.strip_prefix("auth=") {
            let (scheme, tok) = a.split_once(' ')?;
            if !scheme.eq_ignore_ascii_case("Bearer") {
                return None;
            }
            token = Some(tok.trim().to_string());
        }
    }
    Some((user, token?))
}

/// Gets the client's response: the initial response if given, else a `334 <challenge>` round.
async fn auth_response<S: AsyncRead + AsyncWrite + Unpin>(
    conn: &mut Conn<S>,
    initial: Option<&str>,
    challenge: &str,
) -> Result<String, Closed> {
    match initial {
        Some(initial) => Ok(initial.to_string()),
        None => {
            conn.send(&format!("334 {challenge}\r\n")).await?;
            conn.read_line().await
        }
    }
}

async fn auth<S: AsyncRead + AsyncWrite + Unpin>(
    ctx: &Ctx,
    conn: &mut Conn<S>,
    session: &mut Session,
    args: &str,
) -> Result<(), Closed> {
    if !session.ehlo {
        return conn
            .send(&session.simple("503 5.5.1 EHLO/HELO first."))
            .await;
    }
    if !session.tls {
        return conn
            .send(&session.simple("530 5.7.0 Must issue a STARTTLS command first."))
            .await;
    }
    if session.user.is_some() {
        return conn
            .send(&session.simple("503 5.5.1 Already authenticated."))
            .await;
    }
    let mut parts = args.split_whitespace();
    let mechanism = parts.next().unwrap_or("").to_ascii_uppercase();
    let initial = parts.next();

    // Each arm yields (user, verdict) or the error reply for a cancelled or
    // undecodable exchange. The attempt is recorded before any reply is sent,
    // so a client that has seen the reply also sees the attempt.
    let outcome: Result<(String, Verdict), &'static str> = match mechanism.as_str() {
        "PLAIN" => {
            let response = auth_response(conn, initial, "").await?;
            plain_credentials(&response).map(|(user, password)| {
                let verdict = password_verdict(find_account(ctx, &user), &password);
                (user, verdict)
            })
        }
        "LOGIN" => {
            let response = auth_response(conn, initial, "VXNlcm5hbWU6").await?;
            match login_field(&response) {
                Err(text) => Err(text),
                Ok(user) => {
                    let response = auth_response(conn, None, "UGFzc3dvcmQ6").await?;
                    login_field(&response).map(|password| {
                        let verdict = password_verdict(find_account(ctx, &user), &password);
                        (user, verdict)
                    })
                }
            }
        }
        "XOAUTH2" | "OAUTHBEARER" => {
            let response = auth_response(conn, initial, "").await?;
            let parse = if mechanism == "XOAUTH2" {
                parse_xoauth2
            } else {
                parse_oauthbearer
            };
            let parsed = if response.trim() == "*" {
                Err("501 5.0.0 Authentication aborted.")
            } else {
                decode_b64(&response)
                    .and_then(|b| String::from_utf8(b).ok())
                    .and_then(|s| parse(&s))
                    .ok_or("501 5.5.2 Cannot Decode response")
            };
            parsed.map(|(user, token)| {
                let verdict = token_verdict(find_account(ctx, &user), &token);
                (user, verdict)
            })
        }
        "" => Err("501 5.5.2 Syntax error."),
        _ => Err("504 5.7.4 Unrecognized authentication type."),
    };

    let (user, verdict) = match outcome {
        Ok(v) => v,
        Err(text) => {
            lock(&ctx.shared).auth_attempts.push(AuthAttempt {
                user: String::new(),
                mechanism,
                succeeded: false,
            });
            return conn.send(&session.simple(text)).await;
        }
    };
    lock(&ctx.shared).auth_attempts.push(AuthAttempt {
        user: user.clone(),
        mechanism,
        succeeded: matches!(verdict, Verdict::Accepted),
    });

    let id = session.id.clone();
    let bad_credentials = || {
        let last = format!("5.7.8  https://support.google.com/mail/?p=BadCredentials {id} - gsmtp");
        reply(
            535,
            &[
                "5.7.8 Username and Password not accepted. For more information, go to",
                &last,
            ],
        )
    };
    match verdict {
        Verdict::Accepted => {
            session.mode = find_account(ctx, &user).map(|a| a.mode.clone());
            session.user = Some(user);
            conn.send("235 2.7.0 Accepted\r\n").await
        }
        Verdict::BadCredentials => conn.send(&bad_credentials()).await,
        Verdict::TokenRejected => {
            conn.send(&format!("334 {XOAUTH2_ERROR_CHALLENGE}\r\n"))
                .await?;
            // The client answers the error challenge with an empty line (or ^A).
            conn.read_line().await?;
            conn.send(&bad_credentials()).await
        }
        Verdict::AppPasswordRequired => {
            let last = format!(
                "5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor {id} - gsmtp"
            );
            let text = reply(
                534,
                &[
                    "5.7.9 Application-specific password required. For more information, go to",
                    &last,
                ],
            );
            conn.send(&text).await
        }
        Verdict::WebLoginRequired => {
            let first = format!(
                "5.7.14 <https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=AKgnsbs{}> Please log in via your web browser and",
                random_token(60)
            );
            let last = format!("5.7.14  https://support.google.com/mail/answer/78754 {id} - gsmtp");
            let text = reply(
                534,
                &[
                    &first,
                    "5.7.14 then try again.",
                    "5.7.14  Learn more at",
                    &last,
                ],
            );
            conn.send(&text).await
        }
        Verdict::TooManyLogins => {
            conn.send(&session.simple("454 4.7.0 Too many login attempts, please try again later."))
                .await
        }
    }
}

/// AUTH PLAIN payload -> (authcid, password), or the error reply text.
fn plain_credentials(response: &str) -> Result<(String, String), &'static str> {
    if response.trim() == "*" {
        return Err("501 5.0.0 Authentication aborted.");
    }
    let bytes = decode_b64(response).ok_or("501 5.5.2 Cannot Decode response")?;
    let fields: Vec<&[u8]> = bytes.split(|&b| b == 0).collect();
    if fields.len() != 3 {
        return Err("501 5.5.2 Cannot Decode response");
    }
    let user =
        String::from_utf8(fields[1].to_vec()).map_err(|_| "501 5.5.2 Cannot Decode response")?;
    let password =
        String::from_utf8(fields[2].to_vec()).map_err(|_| "501 5.5.2 Cannot Decode response")?;
    Ok((user, password))
}

/// One AUTH LOGIN answer (user name or password), or the error reply text.
fn login_field(response: &str) -> Result<String, &'static str> {
    if response.trim() == "*" {
        return Err("501 5.0.0 Authentication aborted.");
    }
    decode_b64(response)
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or("501 5.5.2 Cannot Decode response")
}

// ---------------------------------------------------------------------------
// Random-looking ids
// ---------------------------------------------------------------------------

fn random_u64() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    if let Ok(d) = SystemTime::now().duration_since(UNIX_EPOCH) {
        hasher.write_u128(d.as_nanos());
    }
    hasher.finish()
}

/// A random-looking token (ids, codes); shared with the OAuth test server.
pub fn random_token(len: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
    let mut out = String::with_capacity(len);
    while out.len() < len {
        let mut r = random_u64();
        for _ in 0..10 {
            if out.len() == len {
                break;
            }
            out.push(ALPHABET[(r % 64) as usize] as char);
            r /= 64;
        }
    }
    out
}

/// A Gmail-like session id such as `d2e1a72fcca58-6cf7aa2d82fsm1234567pgb.1`.
fn session_id_for(behavior: Behavior) -> String {
    match behavior {
        Behavior::HostileText => format!("{} {HOSTILE_TEXT}", session_id()),
        _ => session_id(),
    }
}

fn session_id() -> String {
    const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let hex = random_u64() & 0x000f_ffff_ffff_ffff;
    let mut r = random_u64();
    let mut tail = String::new();
    for _ in 0..12 {
        tail.push(ALNUM[(r % 36) as usize] as char);
        r /= 36;
    }
    let n = 1 + random_u64() % 3;
    format!("{hex:013x}-{tail}.{n}")
}
