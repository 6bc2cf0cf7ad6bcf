//! Tests of the fake Gmail server itself, driven by a raw TCP + tokio-rustls client.

mod support;

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rustls::CertificateError;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

use support::gmail_server::{
    AccountMode, AuthAttempt, Behavior, CertVariant, GmailServer, ServerConfig,
    XOAUTH2_ERROR_CHALLENGE,
};

const USER: &str = "user@gmail.com";
const APP_PASSWORD: &str = "abcdefghijklmnop";
const TOKEN: &str = "ya29.good-token";

const EHLO_PLAIN_TAIL: [&str; 7] = [
    "250-SIZE 35882577",
    "250-8BITMIME",
    "250-STARTTLS",
    "250-ENHANCEDSTATUSCODES",
    "250-PIPELINING",
    "250-CHUNKING",
    "250 SMTPUTF8",
];
const EHLO_TLS_TAIL: [&str; 7] = [
    "250-SIZE 35882577",
    "250-8BITMIME",
    "250-AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH",
    "250-ENHANCEDSTATUSCODES",
    "250-PIPELINING",
    "250-CHUNKING",
    "250 SMTPUTF8",
];

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

/// Implicit TLS + greeting + EHLO.
async fn implicit_session(server: &GmailServer) -> Client<TlsStream<TcpStream>> {
    let tcp = TcpStream::connect(server.implicit_addr).await.unwrap();
    let tls = tls_connect(server, tcp, "localhost")
        .await
        .expect("TLS handshake");
    let mut client = Client::new(tls);
    assert_eq!(client.reply().await.unwrap().code, 220);
    assert_eq!(client.cmd("EHLO client.example.com").await.code, 250);
    client
}

fn plain(user: &str, password: &str) -> String {
    STANDARD.encode(format!("\0{user}\0{password}"))
}

fn xoauth2(user: &str, token: &str) -> String {
    STANDARD.encode(format!("user={user}\x01auth=Bearer {token}\x01\x01"))
}

fn b64(s: &str) -> String {
    STANDARD.encode(s)
}

fn assert_bad_credentials(reply: &Reply) {
    assert_eq!(reply.code, 535, "{reply:?}");
    assert_eq!(reply.lines.len(), 2, "{reply:?}");
    assert_eq!(
        reply.lines[0],
        "535-5.7.8 Username and Password not accepted. For more information, go to"
    );
    assert!(
        reply.lines[1].starts_with("535 5.7.8  https://support.google.com/mail/?p=BadCredentials "),
        "{reply:?}"
    );
    assert!(looks_like_gmail_id(session_id_of(&reply.lines[1])));
}

fn rustls_cert_error(err: &io::Error) -> Option<CertificateError> {
    match err.get_ref()?.downcast_ref::<rustls::Error>()? {
        rustls::Error::InvalidCertificate(e) => Some(e.clone()),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Greeting and EHLO
// ---------------------------------------------------------------------------

#[tokio::test]
async fn greeting_is_gmails() {
    let server = GmailServer::start(ServerConfig::default());
    bounded(async {
        let mut client = connect(server.starttls_addr).await;
        let greeting = client.reply().await.unwrap();
        assert_eq!(greeting.lines.len(), 1);
        let line = &greeting.lines[0];
        assert!(line.starts_with("220 smtp.gmail.com ESMTP "), "{line}");
        assert!(line.ends_with(" - gsmtp"), "{line}");
        let id = session_id_of(line);
        assert!(looks_like_gmail_id(id), "{id}");
        assert_eq!(
            line,
            &format!("220 smtp.gmail.com ESMTP {id} - gsmtp"),
            "nothing else in the greeting"
        );
        // The same id is used in later replies of the session.
        let noop = client.cmd("NOOP").await;
        assert_eq!(noop.lines, [format!("250 2.0.0 OK {id} - gsmtp")]);
    })
    .await;
}

#[tokio::test]
async fn ehlo_lists_before_and_after_tls() {
    let server = GmailServer::start(ServerConfig::default());
    bounded(async {
        let mut client = connect(server.starttls_addr).await;
        client.reply().await.unwrap();
        let reply = client.cmd("EHLO client.example.com").await;
        assert_eq!(reply.code, 250);
        assert_eq!(
            reply.lines[0],
            "250-smtp.gmail.com at your service, [127.0.0.1]"
        );
        assert_eq!(reply.lines[1..], EHLO_PLAIN_TAIL);

        let helo = client.cmd("HELO client.example.com").await;
        assert_eq!(helo.lines, ["250 smtp.gmail.com at your service"]);

        assert_eq!(
            client.cmd("STARTTLS").await.lines,
            ["220 2.0.0 Ready to start TLS"]
        );
        let tls = tls_connect(&server, client.into_inner(), "localhost")
            .await
            .expect("handshake");
        let mut client = Client::new(tls);
        // State is reset after TLS: EHLO is needed again.
        let reply = client
            .cmd(&format!("AUTH PLAIN {}", plain(USER, "x")))
            .await;
        assert_eq!(reply.code, 503, "{reply:?}");
        let reply = client.cmd("EHLO second.example.com").await;
        assert_eq!(
            reply.lines[0],
            "250-smtp.gmail.com at your service, [127.0.0.1]"
        );
        assert_eq!(reply.lines[1..], EHLO_TLS_TAIL);
        // STARTTLS inside TLS is not a command.
        assert_eq!(client.cmd("STARTTLS").await.code, 502);
        assert_eq!(
            server.ehlo_names(),
            [
                "client.example.com",
                "client.example.com",
                "second.example.com"
            ]
        );
        assert_eq!(server.connections(), 1);
    })
    .await;
}

#[tokio::test]
async fn bad_ehlo_names_get_421_and_close() {
    let server = GmailServer::start(ServerConfig::default());
    bounded(async {
        for command in [
            "EHLO localhost",
            "EHLO LOCALHOST",
            "EHLO localhost.localdomain",
            "EHLO [127.0.0.1]",
            "HELO 127.0.0.1",
            "EHLO ::1",
            "EHLO",
        ] {
            let mut client = connect(server.starttls_addr).await;
            client.reply().await.unwrap();
            let reply = client.cmd(command).await;
            assert_eq!(reply.lines.len(), 1, "{command}: {reply:?}");
            let line = &reply.lines[0];
            assert!(
                line.starts_with("421 4.7.0 Try again later, closing connection. (EHLO) "),
                "{command}: {line}"
            );
            assert!(looks_like_gmail_id(session_id_of(line)));
            assert!(
                client.closed_within(Duration::from_secs(5)).await,
                "{command}: not closed"
            );
        }
        assert_eq!(server.connections(), 7);
        assert_eq!(server.ehlo_names()[0], "localhost");
    })
    .await;
}

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

#[tokio::test]
async fn auth_plain_good_and_bad() {
    let server = GmailServer::start(ServerConfig::with_account(
        USER,
        AccountMode::AppPassword(APP_PASSWORD.into()),
    ));
    bounded(async {
        let mut client = starttls_session(&server).await;
        // Wrong password, with spaces (as shown by Google), and unknown user.
        let reply = client
            .cmd(&format!("AUTH PLAIN {}", plain(USER, "wrongpasswordxxx")))
            .await;
        assert_bad_credentials(&reply);
        let reply = client
            .cmd(&format!(
                "AUTH PLAIN {}",
                plain(USER, "abcd efgh ijkl mnop")
            ))
            .await;
        assert_bad_credentials(&reply);
        let reply = client
            .cmd(&format!(
                "AUTH PLAIN {}",
                plain("nobody@gmail.com", APP_PASSWORD)
            ))
            .await;
        assert_bad_credentials(&reply);
        // Undecodable payload.
        let reply = client.cmd("AUTH PLAIN !!!notbase64").await;
        assert!(
            reply.lines[0].starts_with("501 5.5.2 Cannot Decode response "),
            "{reply:?}"
        );
        // Without initial response: empty 334 challenge.
        let reply = client.cmd("AUTH PLAIN").await;
        assert_eq!(reply.lines, ["334 "]);
        let reply = client.cmd(&plain(USER, APP_PASSWORD)).await;
        assert_eq!(reply.lines, ["235 2.7.0 Accepted"]);
        assert_eq!(
            server.auth_attempts(),
            [
                AuthAttempt {
                    user: USER.into(),
                    mechanism: "PLAIN".into(),
                    succeeded: false
                },
                AuthAttempt {
                    user: USER.into(),
                    mechanism: "PLAIN".into(),
                    succeeded: false
                },
                AuthAttempt {
                    user: "nobody@gmail.com".into(),
                    mechanism: "PLAIN".into(),
                    succeeded: false
                },
                AuthAttempt {
                    user: String::new(),
                    mechanism: "PLAIN".into(),
                    succeeded: false
                },
                AuthAttempt {
                    user: USER.into(),
                    mechanism: "PLAIN".into(),
                    succeeded: true
                },
            ]
        );
    })
    .await;
}

#[tokio::test]
async fn auth_login_good_bad_and_cancelled() {
    let server = GmailServer::start(ServerConfig::with_account(
        USER,
        AccountMode::AppPassword(APP_PASSWORD.into()),
    ));
    bounded(async {
        let mut client = starttls_session(&server).await;
        assert_eq!(client.cmd("AUTH LOGIN").await.lines, ["334 VXNlcm5hbWU6"]);
        assert_eq!(client.cmd("*").await.code, 501);

        assert_eq!(client.cmd("AUTH LOGIN").await.lines, ["334 VXNlcm5hbWU6"]);
        assert_eq!(client.cmd(&b64(USER)).await.lines, ["334 UGFzc3dvcmQ6"]);
        assert_bad_credentials(&client.cmd(&b64("nope")).await);

        // Initial response carries the user name.
        let reply = client.cmd(&format!("AUTH LOGIN {}", b64(USER))).await;
        assert_eq!(reply.lines, ["334 UGFzc3dvcmQ6"]);
        let reply = client.cmd(&b64(APP_PASSWORD)).await;
        assert_eq!(reply.lines, ["235 2.7.0 Accepted"]);
        let attempts = server.auth_attempts();
        assert_eq!(attempts.len(), 3);
        assert!(attempts.iter().all(|a| a.mechanism == "LOGIN"));
        assert_eq!(
            attempts.iter().map(|a| a.succeeded).collect::<Vec<_>>(),
            [false, false, true]
        );
    })
    .await;
}

#[tokio::test]
async fn xoauth2_good_and_rejected() {
    let server = GmailServer::start(ServerConfig::with_account(
        USER,
        AccountMode::OAuth {
            access_token: TOKEN.into(),
        },
    ));
    bounded(async {
        let mut client = starttls_session(&server).await;
        let reply = client
            .cmd(&format!("AUTH XOAUTH2 {}", xoauth2(USER, "ya29.expired")))
            .await;
        assert_eq!(reply.lines, [format!("334 {XOAUTH2_ERROR_CHALLENGE}")]);
        let json = STANDARD.decode(&reply.lines[0][4..]).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"})
        );
        assert_eq!(
            XOAUTH2_ERROR_CHALLENGE,
            "eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ=="
        );
        assert_bad_credentials(&client.cmd("").await);

        // A password does not work for an OAuth account.
        assert_bad_credentials(&client.cmd(&format!("AUTH PLAIN {}", plain(USER, TOKEN))).await);

        // Without an initial response.
        assert_eq!(client.cmd("AUTH XOAUTH2").await.lines, ["334 "]);
        let reply = client.cmd(&xoauth2(USER, TOKEN)).await;
        assert_eq!(reply.lines, ["235 2.7.0 Accepted"]);

        // Good token on a fresh connection, initial response.
        let mut client = starttls_session(&server).await;
        let reply = client.cmd(&format!("AUTH XOAUTH2 {}", xoauth2(USER, TOKEN))).await;
        assert_eq!(reply.lines, ["235 2.7.0 Accepted"]);
        // OAUTHBEARER on another connection.
        let mut client = implicit_session(&server).await;
        let payload = b64(&format!(
            "n,a={USER},\x01host=localhost\x01port=465\x01auth=Bearer {TOKEN}\x01\x01"
        ));
        let reply = client.cmd(&format!("AUTH OAUTHBEARER {payload}")).await;
        assert_eq!(reply.lines, ["235 2.7.0 Accepted"]);

        let succeeded: Vec<(String, bool)> = server
            .auth_attempts()
            .into_iter()
            .map(|a| (a.mechanism, a.succeeded))
            .collect();
        assert_eq!(
            succeeded,
            [
                ("XOAUTH2".to_string(), false),
                ("PLAIN".to_string(), false),
                ("XOAUTH2".to_string(), true),
                ("XOAUTH2".to_string(), true),
                ("OAUTHBEARER".to_string(), true),
            ]
        );
    })
    .await;
}

#[tokio::test]
async fn account_modes_give_gmails_failures() {
    let server = GmailServer::start(
        ServerConfig::with_account("badcreds@gmail.com", AccountMode::BadCredentials)
            .and_account("twosv@gmail.com", AccountMode::AppPasswordRequired)
            .and_account("weblogin@gmail.com", AccountMode::WebLoginRequired)
            .and_account("toomany@gmail.com", AccountMode::TooManyLogins),
    );
    bounded(async {
        let mut client = starttls_session(&server).await;
        assert_bad_credentials(
            &client
                .cmd(&format!(
                    "AUTH PLAIN {}",
                    plain("badcreds@gmail.com", APP_PASSWORD)
                ))
                .await,
        );

        let reply = client
            .cmd(&format!(
                "AUTH PLAIN {}",
                plain("twosv@gmail.com", "account-password")
            ))
            .await;
        assert_eq!(reply.code, 534);
        assert_eq!(reply.lines.len(), 2);
        assert_eq!(
            reply.lines[0],
            "534-5.7.9 Application-specific password required. For more information, go to"
        );
        assert!(
            reply.lines[1]
                .starts_with("534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor ")
        );
        assert!(reply.lines[1].ends_with(" - gsmtp"));

        let reply = client
            .cmd(&format!(
                "AUTH PLAIN {}",
                plain("weblogin@gmail.com", APP_PASSWORD)
            ))
            .await;
        assert_eq!(reply.code, 534);
        assert_eq!(reply.lines.len(), 4, "{reply:?}");
        assert!(reply.lines[0].starts_with(
            "534-5.7.14 <https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=AKgnsbs"
        ));
        assert!(reply.lines[0].ends_with("> Please log in via your web browser and"));
        assert_eq!(reply.lines[1], "534-5.7.14 then try again.");
        assert_eq!(reply.lines[2], "534-5.7.14  Learn more at");
        assert!(
            reply.lines[3].starts_with("534 5.7.14  https://support.google.com/mail/answer/78754 ")
        );
        assert!(looks_like_gmail_id(session_id_of(&reply.lines[3])));

        let reply = client
            .cmd(&format!(
                "AUTH PLAIN {}",
                plain("toomany@gmail.com", APP_PASSWORD)
            ))
            .await;
        assert_eq!(reply.lines.len(), 1);
        assert!(
            reply.lines[0]
                .starts_with("454 4.7.0 Too many login attempts, please try again later. "),
            "{reply:?}"
        );
        assert!(reply.lines[0].ends_with(" - gsmtp"));

        let reply = client.cmd("AUTH CRAM-MD5").await;
        assert_eq!(reply.code, 504);
        assert_eq!(server.auth_attempts().len(), 5);
        assert!(server.auth_attempts().iter().all(|a| !a.succeeded));
    })
    .await;
}

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

#[tokio::test]
async fn sending_limit_refuses_at_end_of_data() {
    let server = GmailServer::start(ServerConfig::with_account(
        USER,
        AccountMode::SendingLimit(APP_PASSWORD.into()),
    ));
    bounded(async {
        let mut client = starttls_session(&server).await;
        let reply = client
            .cmd(&format!("AUTH PLAIN {}", plain(USER, APP_PASSWORD)))
            .await;
        assert_eq!(reply.lines, ["235 2.7.0 Accepted"]);
        assert_eq!(client.cmd(&format!("MAIL FROM:<{USER}>")).await.code, 250);
        assert_eq!(client.cmd("RCPT TO:<a@example.com>").await.code, 250);
        assert_eq!(client.cmd("DATA").await.code, 354);
        client.send("Subject: x\r\n\r\nbody").await.unwrap();
        let reply = client.cmd(".").await;
        assert_eq!(reply.code, 550);
        assert_eq!(reply.lines.len(), 3);
        assert_eq!(
            reply.lines[0],
            "550-5.4.5 Daily user sending limit exceeded. For more information on Gmail"
        );
        assert_eq!(reply.lines[1], "550-5.4.5 sending limits go to");
        assert!(
            reply.lines[2].starts_with("550 5.4.5  https://support.google.com/a/answer/166852 ")
        );
        assert!(server.received().is_empty());
        // The session continues.
        assert_eq!(client.cmd("NOOP").await.code, 250);
    })
    .await;
}

// ---------------------------------------------------------------------------
// TLS
// ---------------------------------------------------------------------------

#[tokio::test]
async fn implicit_port_works_with_the_ca_file() {
    let server = GmailServer::start(ServerConfig::with_account(
        USER,
        AccountMode::AppPassword(APP_PASSWORD.into()),
    ));
    bounded(async {
        // A client that trusts only the PEM file on disk.
        let ca = CertificateDer::from_pem_file(&server.ca.file).expect("ca.pem");
        assert_eq!(
            std::fs::read_to_string(&server.ca.file).unwrap(),
            server.ca.pem
        );
        assert!(server.ca.pem.starts_with("-----BEGIN CERTIFICATE-----"));
        let mut roots = rustls::RootCertStore::empty();
        roots.add(ca).unwrap();
        let config = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
        let connector = TlsConnector::from(std::sync::Arc::new(config));

        for name in ["localhost", "127.0.0.1"] {
            let tcp = TcpStream::connect(server.implicit_addr).await.unwrap();
            let tls = connector
                .connect(server_name(name), tcp)
                .await
                .expect("implicit TLS handshake");
            let mut client = Client::new(tls);
            let greeting = client.reply().await.unwrap();
            assert!(greeting.lines[0].starts_with("220 smtp.gmail.com ESMTP "));
            let reply = client.cmd("EHLO client.example.com").await;
            assert_eq!(
                reply.lines[0],
                "250-smtp.gmail.com at your service, [127.0.0.1]"
            );
            assert_eq!(reply.lines[1..], EHLO_TLS_TAIL);
            let reply = client
                .cmd(&format!("AUTH PLAIN {}", plain(USER, APP_PASSWORD)))
                .await;
            assert_eq!(reply.lines, ["235 2.7.0 Accepted"]);
            client.cmd(&format!("MAIL FROM:<{USER}>")).await;
            client.cmd("RCPT TO:<x@example.com>").await;
            client.cmd("DATA").await;
            client.send("hi").await.unwrap();
            assert_eq!(client.cmd(".").await.code, 250);
        }
        assert_eq!(server.received().len(), 2);
        assert_eq!(server.connections(), 2);
    })
    .await;
}

async fn expect_cert_failure(variant: CertVariant, check: fn(&CertificateError) -> bool) {
    let server = GmailServer::start(ServerConfig::default().with_cert(variant));
    bounded(async {
        // Implicit TLS.
        let tcp = TcpStream::connect(server.implicit_addr).await.unwrap();
        let err = tls_connect(&server, tcp, "localhost")
            .await
            .expect_err("handshake must fail");
        let cert_err = rustls_cert_error(&err).unwrap_or_else(|| panic!("{variant:?}: {err:?}"));
        assert!(check(&cert_err), "{variant:?}: {cert_err:?}");

        // STARTTLS.
        let mut client = connect(server.starttls_addr).await;
        client.reply().await.unwrap();
        client.cmd("EHLO client.example.com").await;
        assert_eq!(client.cmd("STARTTLS").await.code, 220);
        let err = tls_connect(&server, client.into_inner(), "127.0.0.1")
            .await
            .expect_err("handshake must fail");
        let cert_err = rustls_cert_error(&err).unwrap_or_else(|| panic!("{variant:?}: {err:?}"));
        assert!(check(&cert_err), "{variant:?}: {cert_err:?}");
    })
    .await;
}

#[tokio::test]
async fn expired_certificate_fails_verification() {
    expect_cert_failure(CertVariant::Expired, |e| {
        matches!(
            e,
            CertificateError::Expired | CertificateError::ExpiredContext { .. }
        )
    })
    .await;
}

#[tokio::test]
async fn wrong_host_certificate_fails_verification() {
    expect_cert_failure(CertVariant::WrongHost, |e| {
        matches!(
            e,
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. }
        )
    })
    .await;
}

#[tokio::test]
async fn untrusted_certificate_fails_verification() {
    expect_cert_failure(CertVariant::Untrusted, |e| {
        matches!(e, CertificateError::UnknownIssuer)
    })
    .await;
}

#[tokio::test]
async fn valid_certificate_passes_for_all_names() {
    let server = GmailServer::start(ServerConfig::default());
    bounded(async {
        for name in ["localhost", "127.0.0.1"] {
            let tcp = TcpStream::connect(server.implicit_addr).await.unwrap();
            tls_connect(&server, tcp, name)
                .await
                .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        }
        // Another server's CA does not verify this server.
        let other = GmailServer::start(ServerConfig::default());
        let tcp = TcpStream::connect(server.implicit_addr).await.unwrap();
        let err = TlsConnector::from(other.ca.client_config())
            .connect(server_name("localhost"), tcp)
            .await
            .expect_err("foreign CA must not verify");
        assert_eq!(
            rustls_cert_error(&err),
            Some(CertificateError::UnknownIssuer)
        );
    })
    .await;
}

// ---------------------------------------------------------------------------
// Behaviours
// ---------------------------------------------------------------------------

#[tokio::test]
async fn stall_greeting_sends_nothing() {
    let server = GmailServer::start(ServerConfig::default().with_behavior(Behavior::StallGreeting));
    bounded(async {
        let mut tcp = TcpStream::connect(server.starttls_addr).await.unwrap();
        let mut buf = [0u8; 64];
        let read = tokio::time::timeout(Duration::from_millis(500), tcp.read(&mut buf)).await;
        assert!(read.is_err(), "expected silence, got {read:?}");

        let tcp = TcpStream::connect(server.implicit_addr).await.unwrap();
        let handshake = tokio::time::timeout(
            Duration::from_millis(500),
            tls_connect(&server, tcp, "localhost"),
        )
        .await;
        assert!(handshake.is_err(), "handshake should hang");
        assert_eq!(server.connections(), 2);
    })
    .await;
}

#[tokio::test]
async fn stall_tls_handshake_after_starttls() {
    let server =
        GmailServer::start(ServerConfig::default().with_behavior(Behavior::StallTlsHandshake));
    bounded(async {
        let mut client = connect(server.starttls_addr).await;
        assert_eq!(client.reply().await.unwrap().code, 220);
        assert_eq!(client.cmd("EHLO client.example.com").await.code, 250);
        assert_eq!(
            client.cmd("STARTTLS").await.lines,
            ["220 2.0.0 Ready to start TLS"]
        );
        let handshake = tokio::time::timeout(
            Duration::from_millis(500),
            tls_connect(&server, client.into_inner(), "localhost"),
        )
        .await;
        assert!(handshake.is_err(), "handshake should hang");

        let tcp = TcpStream::connect(server.implicit_addr).await.unwrap();
        let handshake = tokio::time::timeout(
            Duration::from_millis(500),
            tls_connect(&server, tcp, "localhost"),
        )
        .await;
        assert!(handshake.is_err(), "implicit handshake should hang");
    })
    .await;
}

#[tokio::test]
async fn try_again_later_and_close_after_greeting() {
    let server = GmailServer::start(ServerConfig::default().with_behavior(Behavior::TryAgainLater));
    bounded(async {
        let mut client = connect(server.starttls_addr).await;
        client.reply().await.unwrap();
        let reply = client.cmd("EHLO good.example.com").await;
        assert!(
            reply.lines[0].starts_with("421 4.7.0 Try again later, closing connection. (EHLO) ")
        );
        assert!(client.closed_within(Duration::from_secs(5)).await);
    })
    .await;
    drop(server);

    let server =
        GmailServer::start(ServerConfig::default().with_behavior(Behavior::CloseAfterGreeting));
    bounded(async {
        let mut client = connect(server.starttls_addr).await;
        assert_eq!(client.reply().await.unwrap().code, 220);
        assert!(client.closed_within(Duration::from_secs(5)).await);

        let tcp = TcpStream::connect(server.implicit_addr).await.unwrap();
        let tls = tls_connect(&server, tcp, "localhost").await.unwrap();
        let mut client = Client::new(tls);
        assert_eq!(client.reply().await.unwrap().code, 220);
        assert!(client.closed_within(Duration::from_secs(5)).await);
    })
    .await;
}

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

#[tokio::test]
async fn overlong_line_closes_the_session() {
    let server = GmailServer::start(ServerConfig::default());
    bounded(async {
        let mut client = connect(server.starttls_addr).await;
        client.reply().await.unwrap();
        let long = format!("EHLO {}", "a".repeat(10_000));
        client.send(&long).await.unwrap();
        let reply = client.reply().await.unwrap();
        assert_eq!(reply.code, 500, "{reply:?}");
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
