//! One app's connection to the relay. Commands are parsed by Stalwart's `smtp-proto` (the
//! parser of a production mail server, fuzzed upstream); what they ask for is done on one of
//! the account's Gmail sessions during the app's own transaction, and Gmail's reply goes
//! back to the app as it came. Every read waits at most [`IDLE_TIMEOUT`], a command line is
//! at most 4 KiB, a message at most Gmail's 35 MB, and a transaction at most 100 recipients.

use super::upstream::{Lent, Refusal};
use super::{IDLE_TIMEOUT, RelayEvent, RelayStage, Served, Shared};
use crate::diagnosis::{Cause, Evidence, diagnose};
use crate::provider::{MAX_MESSAGE_SIZE, MAX_RECIPIENTS};
use crate::smtp::Reply;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use smtp_proto::request::receiver::{DataReceiver, RequestReceiver};
use smtp_proto::{
    AUTH_LOGIN, AUTH_PLAIN, Error as ParseError, MAIL_BODY_8BITMIME, MAIL_SMTPUTF8, MailFrom,
    Request,
};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use zeroize::Zeroizing;

/// Logins refused on one connection before it is closed.
const MAX_FAILED_LOGINS: u8 = 3;
/// Longest AUTH continuation line (base64 of a user and password).
const MAX_AUTH_LINE: usize = 4096;

/// The app left, or its connection broke or went idle.
struct Gone;

struct Wire {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Wire {
    async fn fill(&mut self) -> Result<(), Gone> {
        let mut chunk = [0u8; 16 * 1024];
        match tokio::time::timeout(IDLE_TIMEOUT, self.stream.read(&mut chunk)).await {
            Ok(Ok(n)) if n > 0 => {
                self.buf.extend_from_slice(&chunk[..n]);
                Ok(())
            }
            Err(_) => {
                let _ = self
                    .send(&["421 4.4.2 Idle too long; closing the connection.".into()])
                    .await;
                Err(Gone)
            }
            _ => Err(Gone),
        }
    }

    async fn send(&mut self, lines: &[String]) -> Result<(), Gone> {
        let mut out = String::new();
        for line in lines {
            out.push_str(line);
            out.push_str("\r\n");
        }
        let write = async {
            self.stream.write_all(out.as_bytes()).await?;
            self.stream.flush().await
        };
        match tokio::time::timeout(IDLE_TIMEOUT, write).await {
            Ok(Ok(())) => Ok(()),
            _ => Err(Gone),
        }
    }

    async fn say(&mut self, line: &str) -> Result<(), Gone> {
        self.send(&[line.to_string()]).await
    }

    /// The next command, parsed; a line that does not parse is its parse error.
    async fn request(
        &mut self,
        receiver: &mut RequestReceiver,
    ) -> Result<Result<Request<String>, ParseError>, Gone> {
        loop {
            if !self.buf.is_empty() {
                let mut bytes = self.buf.iter();
                let parsed = receiver.ingest(&mut bytes).map(Request::into_owned);
                let consumed = self.buf.len() - bytes.as_slice().len();
                self.buf.drain(..consumed);
                match parsed {
                    Err(ParseError::NeedsMoreData { .. }) => {}
                    other => return Ok(other),
                }
            }
            self.fill().await?;
        }
    }

    /// One raw line (an AUTH continuation), without CR LF; None when it is too long.
    async fn line(&mut self) -> Result<Option<Zeroizing<String>>, Gone> {
        loop {
            if let Some(end) = self.buf.iter().position(|&b| b == b'\n') {
                let raw = Zeroizing::new(self.buf.drain(..=end).collect::<Vec<u8>>());
                if raw.len() > MAX_AUTH_LINE {
                    return Ok(None);
                }
                let text = String::from_utf8_lossy(&raw);
                return Ok(Some(Zeroizing::new(
                    text.trim_end_matches(['\r', '\n']).to_string(),
                )));
            }
            if self.buf.len() > MAX_AUTH_LINE {
                self.buf.clear();
                return Ok(None);
            }
            self.fill().await?;
        }
    }

    /// The message after 354, dot-unstuffed; None when it is larger than Gmail takes (read
    /// to its end all the same, so the connection stays in step).
    async fn message(&mut self) -> Result<Option<Vec<u8>>, Gone> {
        let mut receiver = DataReceiver::new();
        let mut message = Vec::new();
        let mut too_big = false;
        loop {
            if !self.buf.is_empty() {
                let mut bytes = self.buf.iter();
                let done = receiver.ingest(&mut bytes, &mut message);
                let consumed = self.buf.len() - bytes.as_slice().len();
                self.buf.drain(..consumed);
                if message.len() > MAX_MESSAGE_SIZE {
                    too_big = true;
                    message.clear();
                }
                if done {
                    return Ok((!too_big).then_some(message));
                }
            }
            self.fill().await?;
        }
    }
}

/// A transaction under way: the Gmail session lent to it and what it said so far, to
/// say again on a new session if Gmail's connection breaks before DATA.
struct Transaction<'a> {
    served: &'a Served,
    lent: Lent,
    said: Vec<String>,
    recipients: usize,
    started: Instant,
}

struct Client<'a> {
    shared: &'a Shared,
    wire: Wire,
    greeted: bool,
    login: Option<&'a Served>,
    failed_logins: u8,
    transaction: Option<Transaction<'a>>,
}

/// Serves one app until it quits, breaks off or idles out.
pub(crate) async fn serve(stream: TcpStream, _peer: SocketAddr, shared: Arc<Shared>) {
    let mut client = Client {
        shared: &shared,
        wire: Wire {
            stream,
            buf: Vec::new(),
        },
        greeted: false,
        login: None,
        failed_logins: 0,
        transaction: None,
    };
    let greeting = format!("220 {} ESMTP smtp-setup relay ready", shared.name);
    if client.wire.say(&greeting).await.is_ok() {
        let _ = client.run().await;
    }
    client.end_transaction().await;
    let _ = tokio::time::timeout(
        std::time::Duration::from_secs(1),
        client.wire.stream.shutdown(),
    )
    .await;
}

/// Over the connection limit: said so, then closed.
pub(crate) async fn turn_away(mut stream: TcpStream) {
    let _ = tokio::time::timeout(
        std::time::Duration::from_secs(2),
        stream.write_all(b"421 4.7.0 Too many connections to the relay; try again shortly.\r\n"),
    )
    .await;
}

fn cause_of(reply: &Reply) -> Option<Cause> {
    Some(diagnose(Evidence::Text(&reply.to_string())).cause)
}

impl<'a> Client<'a> {
    async fn run(&mut self) -> Result<(), Gone> {
        let mut receiver = RequestReceiver::default();
        loop {
            let request = match self.wire.request(&mut receiver).await? {
                Ok(request) => request,
                Err(error) => {
                    self.wire.say(&parse_error(&error)).await?;
                    continue;
                }
            };
            match request {
                Request::Ehlo { host: _ } => {
                    self.end_transaction().await;
                    self.greeted = true;
                    let lines = self.ehlo_lines();
                    self.wire.send(&lines).await?;
                }
                Request::Helo { host: _ } | Request::Lhlo { host: _ } => {
                    self.end_transaction().await;
                    self.greeted = true;
                    let line = format!("250 {}", self.shared.name);
                    self.wire.say(&line).await?;
                }
                Request::Auth {
                    mechanism,
                    initial_response,
                } => {
                    let initial = Zeroizing::new(initial_response);
                    if !self.auth(mechanism, &initial).await? {
                        return Ok(());
                    }
                }
                Request::Mail { from } => self.mail(from).await?,
                Request::Rcpt { to } => self.rcpt(&to.address).await?,
                Request::Data => self.data().await?,
                Request::Rset => {
                    self.end_transaction().await;
                    self.wire.say("250 2.1.5 Flushed").await?;
                }
                Request::Noop { .. } => self.wire.say("250 2.0.0 OK").await?,
                Request::Quit => {
                    self.wire.say("221 2.0.0 closing connection").await?;
                    return Ok(());
                }
                Request::Vrfy { .. } => {
                    self.wire
                        .say("252 2.1.5 Send some mail, Gmail will try its best")
                        .await?
                }
                Request::Help { .. } => {
                    self.wire
                        .say("214 2.0.0 smtp-setup relay: EHLO, AUTH, MAIL, RCPT, DATA, RSET, NOOP, QUIT")
                        .await?
                }
                Request::StartTls => {
                    self.wire
                        .say("502 5.5.1 STARTTLS is not offered: the relay listens on loopback only, where nothing crosses a network.")
                        .await?
                }
                _ => self.wire.say("502 5.5.1 Unrecognized command.").await?,
            }
        }
    }

    fn ehlo_lines(&self) -> Vec<String> {
        let mut keywords = vec![
            format!("{} at your service", self.shared.name),
            format!("SIZE {MAX_MESSAGE_SIZE}"),
            "8BITMIME".to_string(),
            "SMTPUTF8".to_string(),
            "ENHANCEDSTATUSCODES".to_string(),
            "PIPELINING".to_string(),
        ];
        if self.shared.require_login {
            keywords.push("AUTH PLAIN LOGIN".to_string());
        }
        let last = keywords.len() - 1;
        keywords
            .into_iter()
            .enumerate()
            .map(|(i, k)| format!("250{}{k}", if i == last { ' ' } else { '-' }))
            .collect()
    }

    /// AUTH PLAIN or LOGIN with the relay password. False when the connection is to close.
    async fn auth(&mut self, mechanism: u64, initial: &str) -> Result<bool, Gone> {
        if !self.shared.require_login {
            self.wire
                .say("503 5.5.1 No login is needed: this relay was started with --no-auth.")
                .await?;
            return Ok(true);
        }
        if self.login.is_some() || self.transaction.is_some() {
            self.wire.say("503 5.5.1 Already logged in.").await?;
            return Ok(true);
        }
        let credentials = match mechanism {
            AUTH_PLAIN => {
                let response = if initial.is_empty() {
                    self.wire.say("334 ").await?;
                    self.wire.line().await?
                } else {
                    Some(Zeroizing::new(initial.to_string()))
                };
                response.and_then(|r| plain(&r))
            }
            AUTH_LOGIN => {
                let user = if initial.is_empty() {
                    self.wire.say("334 VXNlcm5hbWU6").await?;
                    self.wire.line().await?
                } else {
                    Some(Zeroizing::new(initial.to_string()))
                };
                match user.and_then(|u| decode(&u)) {
                    Some(user) => {
                        self.wire.say("334 UGFzc3dvcmQ6").await?;
                        let password = self.wire.line().await?.and_then(|p| decode(&p));
                        password.map(|p| (user, p))
                    }
                    None => None,
                }
            }
            _ => {
                self.wire
                    .say("504 5.5.4 Unrecognized authentication type: the relay takes PLAIN or LOGIN.")
                    .await?;
                return Ok(true);
            }
        };
        let served = credentials
            .as_ref()
            .and_then(|(user, password)| self.shared.by_login(user, password));
        let Some(served) = served else {
            self.failed_logins += 1;
            let line = "535 5.7.8 Username and Password not accepted by the smtp-setup relay: log in with the account's address and its relay password (smtp-setup password --relay).";
            self.event_refused(None, RelayStage::Login, &Refusal::local(line));
            self.wire.say(line).await?;
            if self.failed_logins >= MAX_FAILED_LOGINS {
                self.wire
                    .say("421 4.7.0 Too many failed logins; closing the connection.")
                    .await?;
                return Ok(false);
            }
            return Ok(true);
        };
        // The app's login is where it looks for a refused password, so Gmail's own refusal
        // (535, 534, 454) is given here rather than at the first message.
        match served.upstream.ready().await {
            Ok(()) => {
                self.login = Some(served);
                self.wire.say("235 2.7.0 Accepted").await?;
            }
            Err(refusal) => {
                self.note_refused(served, RelayStage::Login, &refusal);
                self.wire.send(&refusal.reply).await?;
            }
        }
        Ok(true)
    }

    async fn mail(&mut self, from: MailFrom<String>) -> Result<(), Gone> {
        if !self.greeted {
            return self.wire.say("503 5.5.1 EHLO/HELO first.").await;
        }
        if self.shared.require_login && self.login.is_none() {
            return self
                .wire
                .say("530 5.7.0 Authentication Required: log in with the account's address and its relay password.")
                .await;
        }
        if self.transaction.is_some() {
            return self.wire.say("503 5.5.1 Nested MAIL command.").await;
        }
        if from.size > MAX_MESSAGE_SIZE {
            return self
                .wire
                .say("552 5.3.4 The message is larger than Gmail accepts (35882577 bytes).")
                .await;
        }
        let served = match self.login.or_else(|| self.shared.by_sender(&from.address)) {
            Some(served) => served,
            None => return self.wire.say("451 4.3.0 No account to send as.").await,
        };
        let mut lent = match served.upstream.checkout().await {
            Ok(lent) => lent,
            Err(refusal) => {
                self.note_refused(served, RelayStage::Mail, &refusal);
                return self.wire.send(&refusal.reply).await;
            }
        };
        let line = mail_line(&from, &lent);
        let outcome = send_again_on_break(served, &mut lent, &[], &line).await;
        match outcome {
            Ok(reply) if reply.code / 100 == 2 => {
                self.transaction = Some(Transaction {
                    served,
                    lent,
                    said: vec![line],
                    recipients: 0,
                    started: Instant::now(),
                });
                self.wire.send(&reply.wire_lines()).await
            }
            Ok(reply) => {
                let refusal = Refusal {
                    cause: cause_of(&reply),
                    ..Refusal::gmail(&reply)
                };
                self.event_refused(Some(served), RelayStage::Mail, &refusal);
                reset_and_return(served, lent).await;
                self.wire.send(&reply.wire_lines()).await
            }
            Err(refusal) => {
                self.note_refused(served, RelayStage::Mail, &refusal);
                self.wire.send(&refusal.reply).await
            }
        }
    }

    async fn rcpt(&mut self, to: &str) -> Result<(), Gone> {
        let Some(mut transaction) = self.transaction.take() else {
            return self.wire.say("503 5.5.1 MAIL first.").await;
        };
        if transaction.recipients >= MAX_RECIPIENTS {
            self.transaction = Some(transaction);
            return self
                .wire
                .say("452 4.5.3 Your message has too many recipients: Gmail takes 100 per message.")
                .await;
        }
        let line = format!("RCPT TO:<{to}>");
        let served = transaction.served;
        match send_again_on_break(served, &mut transaction.lent, &transaction.said, &line).await {
            Ok(reply) => {
                if reply.code / 100 == 2 {
                    transaction.said.push(line);
                    transaction.recipients += 1;
                } else {
                    let refusal = Refusal {
                        cause: cause_of(&reply),
                        ..Refusal::gmail(&reply)
                    };
                    self.event_refused(Some(served), RelayStage::Rcpt, &refusal);
                }
                self.transaction = Some(transaction);
                self.wire.send(&reply.wire_lines()).await
            }
            Err(refusal) => {
                self.note_refused(served, RelayStage::Rcpt, &refusal);
                self.wire.send(&refusal.reply).await
            }
        }
    }

    async fn data(&mut self) -> Result<(), Gone> {
        let Some(mut transaction) = self.transaction.take() else {
            return self.wire.say("503 5.5.1 MAIL first.").await;
        };
        if transaction.recipients == 0 {
            self.transaction = Some(transaction);
            return self.wire.say("503 5.5.1 RCPT first.").await;
        }
        let served = transaction.served;
        let go_ahead =
            match send_again_on_break(served, &mut transaction.lent, &transaction.said, "DATA")
                .await
            {
                Ok(reply) => reply,
                Err(refusal) => {
                    self.note_refused(served, RelayStage::Data, &refusal);
                    return self.wire.send(&refusal.reply).await;
                }
            };
        if go_ahead.code != 354 {
            let refusal = Refusal {
                cause: cause_of(&go_ahead),
                ..Refusal::gmail(&go_ahead)
            };
            self.event_refused(Some(served), RelayStage::Data, &refusal);
            reset_and_return(served, transaction.lent).await;
            return self.wire.send(&go_ahead.wire_lines()).await;
        }
        self.wire.send(&go_ahead.wire_lines()).await?;
        // If the app leaves now, Gmail's session is mid-message and is dropped with it.
        let Some(message) = self.wire.message().await? else {
            let line = "552 5.3.4 The message is larger than Gmail accepts (35882577 bytes); nothing was sent.";
            self.note_refused(served, RelayStage::Data, &Refusal::local(line));
            return self.wire.say(line).await;
        };
        let Transaction {
            mut lent,
            recipients,
            started,
            ..
        } = transaction;
        match lent.session.data(&message).await {
            Ok(reply) if reply.code / 100 == 2 => {
                self.shared.stats.relayed.fetch_add(1, Ordering::Relaxed);
                let text = reply.to_string();
                if let Some(ledger) = &self.shared.ledger {
                    ledger.record(served.upstream.account.as_str(), true, None, &text);
                }
                (self.shared.sink)(RelayEvent::Relayed {
                    account: served.upstream.account.to_string(),
                    recipients,
                    bytes: message.len(),
                    reply: text,
                    ms: started.elapsed().as_millis() as u64,
                });
                served.upstream.give_back(lent);
                self.wire.send(&reply.wire_lines()).await
            }
            Ok(reply) => {
                let refusal = Refusal {
                    cause: cause_of(&reply),
                    ..Refusal::gmail(&reply)
                };
                self.note_refused(served, RelayStage::Data, &refusal);
                served.upstream.give_back(lent);
                self.wire.send(&reply.wire_lines()).await
            }
            Err(lost) => {
                (self.shared.sink)(RelayEvent::UpstreamLost {
                    account: served.upstream.account.to_string(),
                    detail: lost.detail,
                });
                let line = "451 4.4.2 The connection to Gmail broke before Gmail confirmed the message, so it is not known to be sent; send it again.";
                self.note_refused(served, RelayStage::Data, &Refusal::local(line));
                self.wire.say(line).await
            }
        }
    }

    /// Ends the transaction (if any) with RSET on its Gmail session, which goes back to
    /// the account for the next message.
    async fn end_transaction(&mut self) {
        if let Some(transaction) = self.transaction.take() {
            reset_and_return(transaction.served, transaction.lent).await;
        }
    }

    /// A refusal that counts as a failed message: counted, written to the ledger, reported.
    fn note_refused(&self, served: &Served, stage: RelayStage, refusal: &Refusal) {
        if let Some(ledger) = &self.shared.ledger {
            ledger.record(
                served.upstream.account.as_str(),
                false,
                refusal.cause,
                &refusal.summary(),
            );
        }
        self.event_refused(Some(served), stage, refusal);
    }

    fn event_refused(&self, served: Option<&Served>, stage: RelayStage, refusal: &Refusal) {
        self.shared.stats.refused.fetch_add(1, Ordering::Relaxed);
        (self.shared.sink)(RelayEvent::Refused {
            account: served.map(|s| s.upstream.account.to_string()),
            stage,
            upstream: refusal.upstream,
            reply: refusal.summary(),
            cause: refusal.cause,
        });
    }
}

/// MAIL FROM with the parameters Gmail offers passed on: SIZE, BODY=8BITMIME, SMTPUTF8.
fn mail_line(from: &MailFrom<String>, lent: &Lent) -> String {
    let mut line = format!("MAIL FROM:<{}>", from.address);
    if from.size > 0 && lent.session.supports("SIZE") {
        line.push_str(&format!(" SIZE={}", from.size));
    }
    if from.flags & MAIL_BODY_8BITMIME != 0 && lent.session.supports("8BITMIME") {
        line.push_str(" BODY=8BITMIME");
    }
    if from.flags & MAIL_SMTPUTF8 != 0 && lent.session.supports("SMTPUTF8") {
        line.push_str(" SMTPUTF8");
    }
    line
}

/// Sends `line`; if Gmail's connection broke (or Gmail closed it with 421), opens another,
/// says again what the transaction said so far, and sends `line` once more.
async fn send_again_on_break(
    served: &Served,
    lent: &mut Lent,
    said: &[String],
    line: &str,
) -> Result<Reply, Refusal> {
    let detail = match lent.session.command(line).await {
        Ok(reply) if reply.code != 421 => return Ok(reply),
        Ok(reply) => reply.to_string(),
        Err(lost) => lost.detail,
    };
    served.upstream.reopen(lent, &detail).await?;
    for earlier in said {
        match lent.session.command(earlier).await {
            Ok(reply) if reply.code / 100 == 2 => {}
            Ok(reply) => return Err(Refusal::gmail(&reply)),
            Err(lost) => return Err(broke_twice(&lost)),
        }
    }
    lent.session
        .command(line)
        .await
        .map_err(|lost| broke_twice(&lost))
}

fn broke_twice(lost: &crate::smtp::session::Lost) -> Refusal {
    Refusal::local(&super::reply_with_detail(
        "451 4.4.2 The connection to Gmail broke twice",
        &crate::untrusted::inert(&lost.detail),
    ))
}

async fn reset_and_return(served: &Served, mut lent: Lent) {
    if lent.session.is_usable() && lent.session.command("RSET").await.is_ok() {
        served.upstream.give_back(lent);
    }
}

fn decode(text: &str) -> Option<Zeroizing<String>> {
    let bytes = Zeroizing::new(B64.decode(text.trim()).ok()?);
    std::str::from_utf8(&bytes)
        .ok()
        .map(|s| Zeroizing::new(s.to_string()))
}

/// `\0user\0password` (an authorization identity before the first NUL is ignored).
fn plain(response: &str) -> Option<(Zeroizing<String>, Zeroizing<String>)> {
    let decoded = decode(response)?;
    let mut parts = decoded.splitn(3, '\0');
    let _authorization = parts.next()?;
    let user = parts.next()?;
    let password = parts.next()?;
    Some((
        Zeroizing::new(user.to_string()),
        Zeroizing::new(password.to_string()),
    ))
}

/// The reply to a line that does not parse; the app's own text is never echoed.
fn parse_error(error: &ParseError) -> String {
    match error {
        ParseError::UnknownCommand => "502 5.5.1 Unrecognized command.".to_string(),
        ParseError::SyntaxError { syntax } => format!("501 5.5.4 Syntax: {syntax}"),
        ParseError::InvalidSenderAddress => "501 5.1.7 Bad sender address syntax.".to_string(),
        ParseError::InvalidRecipientAddress => {
            "501 5.1.3 Bad recipient address syntax.".to_string()
        }
        ParseError::InvalidParameter { param } => format!("501 5.5.4 Invalid parameter {param}."),
        ParseError::UnsupportedParameter { .. } => {
            "555 5.5.4 A MAIL or RCPT parameter is not supported.".to_string()
        }
        ParseError::ResponseTooLong => "500 5.5.2 Line too long (the limit is 4096 bytes).".into(),
        ParseError::NeedsMoreData { .. } | ParseError::InvalidResponse { .. } => {
            "500 5.5.2 Syntax error.".to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_response_gives_user_and_password() {
        let response = B64.encode("\0jane@gmail.com\0relaypass");
        let (user, password) = plain(&response).unwrap();
        assert_eq!(user.as_str(), "jane@gmail.com");
        assert_eq!(password.as_str(), "relaypass");
        assert!(plain("not base64!").is_none());
        assert!(plain(&B64.encode("no nuls")).is_none());
    }

    #[test]
    fn data_receiver_undoes_dot_stuffing_and_keeps_the_last_line_end() {
        let mut receiver = DataReceiver::new();
        let mut out = Vec::new();
        let wire = b"Subject: x\r\n\r\n..leading dot\r\n.\r\n";
        let mut bytes = wire.iter();
        assert!(receiver.ingest(&mut bytes, &mut out));
        assert_eq!(out, b"Subject: x\r\n\r\n.leading dot\r\n");
    }
}
