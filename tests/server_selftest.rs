//! Tests of the fake Gmail server itself, driven by a raw TCP + tokio-rustls client.

pub mod support;

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rustls::pki_types::ServerName;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

use support::gmail_server::{AccountMode, GmailServer, ServerConfig};

const USER: &str = "user@gmail.com";
const APP_PASSWORD: &str = "abcdefghijklmnop";

// ---------------------------------------------------------------------------
// Raw client
// ---------------------------------------------------------------------------

/// Every test body runs under this bound.
async fn bounded<T>(fut: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), fut)
        .await
        .expect("test timed out")
}

#[derive(Debug)]
struct Reply {
    code: u16,
    /// Full lines as received, without CRLF (e.g. `250-SIZE 35882577`).
    lines: Vec<String>,
}

struct Client<S> {
    io: S,
    buf: Vec<u8>,
}

impl<S: AsyncRead + AsyncWrite + Unpin> Client<S> {
    fn new(io: S) -> Self {
        Client {
            io,
            buf: Vec::new(),
        }
    }

    /// One line, CRLF required and stripped. EOF is an error.
    async fn line(&mut self) -> io::Result<String> {
        loop {
            if let Some(pos) = self.buf.windows(2).position(|w| w == b"\r\n") {
                let line: Vec<u8> = self.buf.drain(..pos + 2).collect();
                return Ok(String::from_utf8(line[..pos].to_vec()).expect("utf-8 reply"));
            }
            let mut tmp = [0u8; 4096];
            let n = self.io.read(&mut tmp).await?;
            if n == 0 {
                return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "eof"));
            }
            self.buf.extend_from_slice(&tmp[..n]);
        }
    }

    async fn reply(&mut self) -> io::Result<Reply> {
        let mut lines = Vec::new();
        loop {
            let line = self.line().await?;
            assert!(line.len() >= 4, "short reply line {line:?}");
            let code: u16 = line[..3].parse().expect("numeric reply code");
            let sep = line.as_bytes()[3];
            lines.push(line);
            match sep {
                b' ' => return Ok(Reply { code, lines }),
                b'-' => continue,
                other => panic!("bad separator {:?} in {:?}", other as char, lines),
            }
        }
    }

    async fn send(&mut self, line: &str) -> io::Result<()> {
        self.io.write_all(format!("{line}\r\n").as_bytes()).await?;
        self.io.flush().await
    }

    async fn cmd(&mut self, line: &str) -> Reply {
        self.send(line).await.expect("send command");
        self.reply().await.expect("read reply")
    }

    /// True when the server closed the connection (EOF or reset) without sending more.
    async fn closed_within(&mut self, limit: Duration) -> bool {
        let mut tmp = [0u8; 1024];
        match tokio::time::timeout(limit, self.io.read(&mut tmp)).await {
            Ok(Ok(0)) | Ok(Err(_)) => self.buf.is_empty(),
            Ok(Ok(_)) | Err(_) => false,
        }
    }

    fn into_inner(self) -> S {
        assert!(self.buf.is_empty(), "unread bytes: {:?}", self.buf);
        self.io
    }
}

fn session_id_of(line: &str) -> &str {
    // "... <id> - gsmtp"
    let rest = line.strip_suffix(" - gsmtp").expect("ends with - gsmtp");
    rest.rsplit(' ').next().unwrap()
}

fn looks_like_gmail_id(id: &str) -> bool {
    let Some((hex, tail)) = id.split_once('-') else {
        return false;
    };
    let Some((alnum, n)) = tail.rsplit_once('.') else {
        return false;
    };
    hex.len() == 13
        && hex.chars().all(|c| c.is_ascii_hexdigit())
        && !alnum.is_empty()
        && alnum.chars().all(|c| c.is_ascii_alphanumeric())
        && !n.is_empty()
        && n.chars().all(|c| c.is_ascii_digit())
}

async fn connect(addr: SocketAddr) -> Client<TcpStream> {
    Client::new(TcpStream::connect(addr).await.expect("connect"))
}

fn server_name(name: &str) -> ServerName<'static> {
    ServerName::try_from(name.to_string()).expect("server name")
}

async fn tls_connect(
    server: &GmailServer,
    tcp: TcpStream,
    name: &str,
) -> io::Result<TlsStream<TcpStream>> {
    TlsConnector::from(server.ca.client_config())
        .connect(server_name(name), tcp)
        .await
}

/// Greeting + EHLO + STARTTLS + TLS (trusting the test CA) + EHLO again.
async fn starttls_session(server: &GmailServer) -> Client<TlsStream<TcpStream>> {
    let mut client = connect(server.starttls_addr).await;
    assert_eq!(client.reply().await.unwrap().code, 220);
    assert_eq!(client.cmd("EHLO client.example.com").await.code, 250);
    let reply = client.cmd("STARTTLS").await;
    assert_eq!(reply.lines, ["220 2.0.0 Ready to start TLS"]);
    let tls = tls_connect(server, client.into_inner(), "localhost")
        .await
        .expect("TLS handshake");
    let mut client = Client::new(tls);
    assert_eq!(client.cmd("EHLO client.example.com").await.code, 250);
    client
}

fn plain(user: &str, password: &str) -> String {
    STANDARD.encode(format!("\0{user}\0{password}"))
}

// ---------------------------------------------------------------------------
// Greeting and EHLO
// ---------------------------------------------------------------------------

#[tokio::test]
async fn auth_and_mail_before_starttls_are_refused() {
    let server = GmailServer::start(ServerConfig::with_account(
        USER,
        AccountMode::AppPassword(APP_PASSWORD.into()),
    ));
    bounded(async {
        let mut client = connect(server.starttls_addr).await;
        client.reply().await.unwrap();
        client.cmd("EHLO client.example.com").await;
        for command in [
            format!("AUTH PLAIN {}", plain(USER, APP_PASSWORD)),
            "AUTH LOGIN".to_string(),
            format!("MAIL FROM:<{USER}>"),
        ] {
            let reply = client.cmd(&command).await;
            assert_eq!(reply.lines.len(), 1);
            assert!(
                reply.lines[0].starts_with("530 5.7.0 Must issue a STARTTLS command first. "),
                "{command}: {reply:?}"
            );
            assert!(reply.lines[0].ends_with(" - gsmtp"));
        }
        assert!(server.auth_attempts().is_empty());
        let quit = client.cmd("QUIT").await;
        assert!(quit.lines[0].starts_with("221 2.0.0 closing connection "));
        assert!(client.closed_within(Duration::from_secs(5)).await);
    })
    .await;
}

// ---------------------------------------------------------------------------
// AUTH
// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// Mail transactions
// ---------------------------------------------------------------------------

#[tokio::test]
async fn full_transaction_is_stored_dot_unstuffed() {
    let server = GmailServer::start(ServerConfig::with_account(
        USER,
        AccountMode::AppPassword(APP_PASSWORD.into()),
    ));
    bounded(async {
        let mut client = starttls_session(&server).await;
        let reply = client.cmd(&format!("MAIL FROM:<{USER}>")).await;
        assert_eq!(
            reply.lines[0],
            "530-5.7.0 Authentication Required. For more information, go to"
        );
        assert_eq!(reply.lines.len(), 2);
        assert!(
            reply.lines[1]
                .starts_with("530 5.7.0  https://support.google.com/mail/?p=WantAuthError ")
        );
        assert!(reply.lines[1].ends_with(" - gsmtp"));

        let reply = client
            .cmd(&format!("AUTH PLAIN {}", plain(USER, APP_PASSWORD)))
            .await;
        assert_eq!(reply.lines, ["235 2.7.0 Accepted"]);

        assert_eq!(client.cmd("RCPT TO:<x@example.com>").await.code, 503);
        assert_eq!(client.cmd("DATA").await.code, 503);
        let reply = client.cmd(&format!("MAIL FROM:<{USER}> SIZE=100")).await;
        assert!(reply.lines[0].starts_with("250 2.1.0 OK "), "{reply:?}");
        assert!(reply.lines[0].ends_with(" - gsmtp"));
        let reply = client.cmd("RCPT TO:<friend@example.com>").await;
        assert!(reply.lines[0].starts_with("250 2.1.5 OK "), "{reply:?}");
        let reply = client.cmd("rcpt to: <second@example.com>").await;
        assert!(reply.lines[0].starts_with("250 2.1.5 OK "), "{reply:?}");
        let reply = client.cmd("DATA").await;
        assert!(reply.lines[0].starts_with("354 Go ahead "), "{reply:?}");
        assert!(reply.lines[0].ends_with(" - gsmtp"));
        client
            .send("Subject: test\r\n\r\nHello\r\n..leading dot\r\n..\r\n...\r\nend")
            .await
            .unwrap();
        let reply = client.cmd(".").await;
        let line = &reply.lines[0];
        let rest = line.strip_prefix("250 2.0.0 OK  ").expect(line);
        let (epoch, tail) = rest.split_once(' ').unwrap();
        let epoch: u64 = epoch.parse().expect("epoch seconds");
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        assert!(epoch.abs_diff(now) < 60);
        assert!(looks_like_gmail_id(session_id_of(tail)), "{line}");

        let received = server.received();
        assert_eq!(received.len(), 1);
        assert_eq!(received[0].mail_from, USER);
        assert_eq!(
            received[0].rcpt_to,
            ["friend@example.com", "second@example.com"]
        );
        assert_eq!(received[0].authenticated_user, USER);
        assert_eq!(
            received[0].data,
            "Subject: test\r\n\r\nHello\r\n.leading dot\r\n.\r\n..\r\nend\r\n"
        );

        let reply = client.cmd("RSET").await;
        assert!(reply.lines[0].starts_with("250 2.1.5 Flushed "));
        let reply = client.cmd("FOO bar").await;
        assert!(
            reply.lines[0].starts_with("502 5.5.1 Unrecognized command. "),
            "{reply:?}"
        );

        // Pipelined second message.
        client
            .send(&format!(
                "MAIL FROM:<{USER}>\r\nRCPT TO:<third@example.com>\r\nDATA"
            ))
            .await
            .unwrap();
        assert_eq!(client.reply().await.unwrap().code, 250);
        assert_eq!(client.reply().await.unwrap().code, 250);
        assert_eq!(client.reply().await.unwrap().code, 354);
        client.send("second\r\n.").await.unwrap();
        assert_eq!(client.reply().await.unwrap().code, 250);
        // BDAT too.
        client.cmd(&format!("MAIL FROM:<{USER}>")).await;
        client.cmd("RCPT TO:<fourth@example.com>").await;
        client
            .io
            .write_all(b"BDAT 5\r\nhelloBDAT 3 LAST\r\n!\r\n")
            .await
            .unwrap();
        assert_eq!(client.reply().await.unwrap().code, 250);
        let reply = client.reply().await.unwrap();
        assert!(reply.lines[0].starts_with("250 2.0.0 OK  "), "{reply:?}");

        let quit = client.cmd("QUIT").await;
        assert!(quit.lines[0].starts_with("221 2.0.0 closing connection "));
        assert!(client.closed_within(Duration::from_secs(5)).await);

        let received = server.received();
        assert_eq!(received.len(), 3);
        assert_eq!(received[1].data, "second\r\n");
        assert_eq!(received[1].rcpt_to, ["third@example.com"]);
        assert_eq!(received[2].data, "hello!\r\n");
    })
    .await;
}

// ---------------------------------------------------------------------------
// TLS
// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// Behaviours
// ---------------------------------------------------------------------------

#[tokio::test]
async fn idle_sessions_time_out() {
    let server = GmailServer::start(
        ServerConfig::default().with_session_timeout(Duration::from_millis(300)),
    );
    bounded(async {
        let mut client = connect(server.starttls_addr).await;
        client.reply().await.unwrap();
        let started = std::time::Instant::now();
        let reply = client.reply().await.unwrap();
        assert!(
            reply.lines[0].starts_with("451 4.4.2 Timeout - closing connection. "),
            "{reply:?}"
        );
        assert!(started.elapsed() >= Duration::from_millis(250));
        assert!(client.closed_within(Duration::from_secs(5)).await);
    })
    .await;
}

/// A plain `#[test]` (no runtime of its own): start, use, drop; afterwards
/// nothing listens and open connections are closed.
#[test]
fn drop_stops_everything() {
    use std::io::{BufRead, BufReader, Read};
    let server = GmailServer::start(ServerConfig::default());
    let (starttls, implicit) = (server.starttls_addr, server.implicit_addr);

    let open = std::net::TcpStream::connect(starttls).unwrap();
    open.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut reader = BufReader::new(open);
    let mut greeting = String::new();
    reader.read_line(&mut greeting).unwrap();
    assert!(greeting.starts_with("220 smtp.gmail.com ESMTP "));
    let idle = std::net::TcpStream::connect(implicit).unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    // Wait until the server has accepted both.
    assert!(server.wait_for_connections(2, Duration::from_secs(5)));
    assert!(!server.wait_for_connections(3, Duration::from_millis(50)));

    let started = std::time::Instant::now();
    drop(server);
    assert!(started.elapsed() < Duration::from_secs(5), "drop too slow");

    for addr in [starttls, implicit] {
        let err = std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(2))
            .expect_err("nothing should listen after drop");
        assert_eq!(
            err.kind(),
            io::ErrorKind::ConnectionRefused,
            "{addr}: {err}"
        );
    }
    // Open connections were closed by the server (EOF or reset, not a timeout).
    let mut buf = [0u8; 16];
    match reader.read(&mut buf) {
        Ok(0) => {}
        Ok(n) => panic!("unexpected data {:?}", &buf[..n]),
        Err(e) => assert!(
            !matches!(
                e.kind(),
                io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
            ),
            "still open: {e}"
        ),
    }
    let mut idle = idle;
    match idle.read(&mut buf) {
        Ok(0) => {}
        Ok(n) => panic!("unexpected data {:?}", &buf[..n]),
        Err(e) => assert!(
            !matches!(
                e.kind(),
                io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
            ),
            "still open: {e}"
        ),
    }
}
