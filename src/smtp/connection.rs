//! One SMTP connection: reading replies, sending commands, upgrading to TLS, and keeping
//! the transcript. Lines that carry secrets are shown redacted; the secret bytes themselves
//! live only in zeroizing buffers owned by the caller.

use super::EventSink;
use super::event::{CertificateProblem, CheckEvent, Direction, FailureKind, Route, TranscriptLine};
use super::reply::{MAX_LINE, Reply, ReplyAssembler, WireError};
use rustls::pki_types::ServerName;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader,
    ReadBuf,
};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

/// A failure inside one step, before the caller adds the stage and route.
#[derive(Debug)]
pub(crate) struct StepError {
    pub kind: FailureKind,
    pub detail: String,
    pub reply: Option<Reply>,
}

impl StepError {
    pub fn new(kind: FailureKind, detail: impl Into<String>) -> StepError {
        StepError {
            kind,
            detail: detail.into(),
            reply: None,
        }
    }

    pub fn reply(reply: Reply) -> StepError {
        StepError {
            kind: FailureKind::Reply,
            detail: crate::t!("smtp-server-answered", reply = reply.to_string()),
            reply: Some(reply),
        }
    }
}

pub(crate) enum Stream {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

impl AsyncRead for Stream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Stream::Tls(s) => Pin::new(s).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Stream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Stream::Tls(s) => Pin::new(s).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_flush(cx),
            Stream::Tls(s) => Pin::new(s).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Stream::Tls(s) => Pin::new(s).poll_shutdown(cx),
        }
    }
}

pub(crate) struct Connection {
    reader: BufReader<Stream>,
    route: Route,
    sink: EventSink,
    /// Capabilities from the last EHLO, upper-cased keywords with their parameters.
    pub capabilities: Vec<String>,
}

impl Connection {
    pub fn new(stream: Stream, route: Route, sink: EventSink) -> Connection {
        Connection {
            reader: BufReader::new(stream),
            route,
            sink,
            capabilities: Vec::new(),
        }
    }

    /// TLS version and cipher suite, for the timeline.
    pub fn tls_summary(&self) -> Option<String> {
        let Stream::Tls(tls) = self.reader.get_ref() else {
            return None;
        };
        let (_, session) = tls.get_ref();
        let version = match session.protocol_version()? {
            rustls::ProtocolVersion::TLSv1_3 => "TLS 1.3".to_string(),
            rustls::ProtocolVersion::TLSv1_2 => "TLS 1.2".to_string(),
            other => format!("{other:?}"),
        };
        let suite = session.negotiated_cipher_suite()?;
        Some(format!("{version}, {:?}", suite.suite()))
    }

    fn record(&self, direction: Direction, text: &str) {
        (self.sink)(CheckEvent::Transcript(TranscriptLine {
            route: self.route.clone(),
            direction,
            text: text.to_string(),
        }));
    }

    /// Reads one complete reply (all its continuation lines), within the line and reply limits.
    pub async fn read_reply(&mut self) -> Result<Reply, StepError> {
        let mut assembler = ReplyAssembler::default();
        loop {
            let mut buf = Vec::new();
            let n = (&mut self.reader)
                .take(MAX_LINE as u64)
                .read_until(b'\n', &mut buf)
                .await
                .map_err(classify_io)?;
            if n == 0 {
                return Err(StepError::new(
                    FailureKind::Closed,
                    crate::t!("smtp-closed-without-reply"),
                ));
            }
            let (line, result) = assembler.push(&buf);
            self.record(Direction::Server, &line);
            let detail = match result {
                Ok(Some(reply)) => return Ok(reply),
                Ok(None) => continue,
                Err(WireError::OverlongLine) => crate::t!("smtp-overlong-line"),
                Err(WireError::OverlongReply) => crate::t!("smtp-overlong-reply"),
                Err(WireError::NotSmtp(first)) => {
                    crate::t!("smtp-not-smtp", first = format!("{first:?}"))
                }
            };
            return Err(StepError::new(FailureKind::Protocol, detail));
        }
    }

    /// Sends one line; `shown` is what the transcript records (redacted for secrets).
    pub async fn send_line(&mut self, line: &str, shown: &str) -> Result<(), StepError> {
        self.record(Direction::Client, shown);
        // One write (one TLS record, one segment): the line may hold a login payload, so
        // the buffer is zeroized.
        let mut wire = zeroize::Zeroizing::new(Vec::with_capacity(line.len() + 2));
        wire.extend_from_slice(line.as_bytes());
        wire.extend_from_slice(b"\r\n");
        let stream = self.reader.get_mut();
        stream.write_all(&wire).await.map_err(classify_io)?;
        stream.flush().await.map_err(classify_io)
    }

    /// Sends a command without secrets and reads the reply.
    pub async fn command(&mut self, line: &str) -> Result<Reply, StepError> {
        self.send_line(line, line).await?;
        self.read_reply().await
    }

    /// Sends raw message data (already dot-stuffed, ending in CRLF.CRLF); the transcript
    /// gets a one-line summary, not the message.
    pub async fn send_data(&mut self, data: &[u8]) -> Result<Reply, StepError> {
        self.record(
            Direction::Client,
            &format!("<message, {} bytes>", data.len()),
        );
        self.record(Direction::Client, ".");
        let stream = self.reader.get_mut();
        stream.write_all(data).await.map_err(classify_io)?;
        stream.flush().await.map_err(classify_io)?;
        self.read_reply().await
    }

    /// EHLO, keeping the capabilities. A negative reply is an error.
    pub async fn ehlo(&mut self, name: &str) -> Result<Reply, StepError> {
        let reply = self.command(&format!("EHLO {name}")).await?;
        if reply.code != 250 {
            return Err(StepError::reply(reply));
        }
        self.capabilities = reply
            .lines
            .iter()
            .skip(1)
            .map(|l| l.trim().to_ascii_uppercase())
            .collect();
        Ok(reply)
    }

    /// True when the server has sent something nobody asked for, or closed the connection
    /// (an idle timeout's `451`/`421` and close): such a session is not reused. Looks only
    /// at what has already arrived; never waits.
    pub async fn spoke_unasked(&mut self) -> bool {
        if !self.reader.buffer().is_empty() {
            return true;
        }
        // One poll of the read, without a timer (whose millisecond tick would delay every
        // reused session): ready means data, an error or the end of the stream.
        std::future::poll_fn(|cx| {
            Poll::Ready(Pin::new(&mut self.reader).poll_fill_buf(cx).is_ready())
        })
        .await
    }

    pub fn supports(&self, keyword: &str) -> bool {
        self.capabilities
            .iter()
            .any(|c| c.split_whitespace().next() == Some(keyword))
    }

    pub fn auth_mechanisms(&self) -> Vec<String> {
        self.capabilities
            .iter()
            .filter_map(|c| c.strip_prefix("AUTH "))
            .flat_map(|m| m.split_whitespace().map(str::to_string))
            .collect()
    }

    /// Wraps the connection in TLS after a successful STARTTLS reply. Bytes the server sent
    /// after its STARTTLS reply would be read as if protected: refuse them (CVE-2011-0411).
    pub async fn upgrade_tls(
        self,
        connector: &TlsConnector,
        host: &str,
    ) -> Result<Connection, StepError> {
        if !self.reader.buffer().is_empty() {
            return Err(StepError::new(
                FailureKind::Protocol,
                crate::t!("smtp-data-before-tls"),
            ));
        }
        let Connection {
            reader,
            route,
            sink,
            ..
        } = self;
        let Stream::Plain(tcp) = reader.into_inner() else {
            return Err(StepError::new(
                FailureKind::Protocol,
                crate::t!("smtp-already-encrypted"),
            ));
        };
        let tls = handshake(connector, host, tcp).await?;
        Ok(Connection::new(Stream::Tls(Box::new(tls)), route, sink))
    }
}

pub(crate) async fn handshake(
    connector: &TlsConnector,
    host: &str,
    tcp: TcpStream,
) -> Result<TlsStream<TcpStream>, StepError> {
    let name = ServerName::try_from(host.to_string()).map_err(|_| {
        StepError::new(
            FailureKind::TlsHandshake,
            crate::t!("smtp-bad-server-name", host = host),
        )
    })?;
    connector.connect(name, tcp).await.map_err(classify_io)
}

pub(crate) fn connector(config: Arc<rustls::ClientConfig>) -> TlsConnector {
    TlsConnector::from(config)
}

/// Maps an I/O error (which may wrap a rustls error) to a failure kind and a sentence.
pub(crate) fn classify_io(error: io::Error) -> StepError {
    if let Some(tls) = error
        .get_ref()
        .and_then(|e| e.downcast_ref::<rustls::Error>())
    {
        return classify_tls(tls);
    }
    use io::ErrorKind::*;
    let (kind, id) = match error.kind() {
        ConnectionRefused => (FailureKind::Refused, "smtp-connection-refused"),
        ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof => {
            (FailureKind::Closed, "smtp-connection-closed")
        }
        TimedOut => (FailureKind::Timeout, "smtp-connection-timed-out"),
        NetworkUnreachable | HostUnreachable | NetworkDown | AddrNotAvailable => {
            (FailureKind::Unreachable, "smtp-unreachable")
        }
        _ => {
            let detail = crate::t!("smtp-connection-error", error = error.to_string());
            return StepError::new(FailureKind::Closed, detail);
        }
    };
    StepError::new(kind, crate::t!(id))
}

fn classify_tls(error: &rustls::Error) -> StepError {
    use rustls::CertificateError as C;
    let (kind, detail) = match error {
        rustls::Error::InvalidCertificate(cert) => {
            let problem = match cert {
                C::UnknownIssuer | C::BadSignature => CertificateProblem::UntrustedIssuer,
                C::Expired
                | C::ExpiredContext { .. }
                | C::NotValidYet
                | C::NotValidYetContext { .. } => CertificateProblem::Expired,
                C::NotValidForName | C::NotValidForNameContext { .. } => {
                    CertificateProblem::WrongHost
                }
                _ => CertificateProblem::Other,
            };
            let id = match problem {
                CertificateProblem::UntrustedIssuer => "smtp-certificate-untrusted",
                CertificateProblem::Expired => "smtp-certificate-expired",
                CertificateProblem::WrongHost => "smtp-certificate-wrong-host",
                CertificateProblem::Other => "smtp-certificate-rejected",
            };
            (
                FailureKind::Certificate(problem),
                crate::t!(id, error = error.to_string()),
            )
        }
        rustls::Error::InvalidMessage(rustls::InvalidMessage::InvalidContentType)
        | rustls::Error::InvalidMessage(rustls::InvalidMessage::UnknownProtocolVersion) => (
            FailureKind::WrongTlsMode,
            crate::t!("smtp-plain-text-not-tls"),
        ),
        other => (
            FailureKind::TlsHandshake,
            crate::t!("smtp-handshake-failed", error = other.to_string()),
        ),
    };
    StepError::new(kind, detail)
}
