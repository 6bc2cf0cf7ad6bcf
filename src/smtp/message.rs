//! The test message: from the account to itself (or a chosen recipient), saying which
//! server, port and TLS mode carried it, so the person can see the result in their inbox.

use crate::address::{EmailAddress, HeaderText};
use crate::smtp::Route;
use lettre::message::{Mailbox, Message, header::ContentType};
use std::time::SystemTime;

pub struct TestMessage {
    pub message_id: String,
    pub subject: String,
    /// The message as it goes on the wire (before dot-stuffing), CRLF line ends.
    pub formatted: Vec<u8>,
}

/// Builds the message. The Date and Message-ID headers come from lettre.
pub fn build(
    from: &EmailAddress,
    to: &EmailAddress,
    subject: Option<&HeaderText>,
    route: &Route,
    elapsed_ms: u64,
) -> Result<TestMessage, lettre::error::Error> {
    let now = SystemTime::now();
    let subject = match subject {
        Some(text) if !text.as_str().is_empty() => text.as_str().to_string(),
        _ => format!("smtp-setup test message, {}", httpdate::fmt_http_date(now)),
    };
    let body = format!(
        "This is a test message from smtp-setup.\r\n\
         \r\n\
         Account:  {from}\r\n\
         Server:   {}:{}\r\n\
         TLS:      {}\r\n\
         Ready to send after: {elapsed_ms} ms\r\n\
         \r\n\
         If you can read this, the SMTP settings above work.\r\n",
        route.host, route.port, route.tls
    );
    let message = Message::builder()
        .from(Mailbox::new(Some("smtp-setup".into()), from.to_lettre()))
        .to(Mailbox::new(None, to.to_lettre()))
        .subject(subject.clone())
        .date(now)
        .message_id(None)
        .header(ContentType::TEXT_PLAIN)
        .body(body)?;
    let message_id = message
        .headers()
        .get_raw("Message-ID")
        .unwrap_or_default()
        .to_string();
    Ok(TestMessage {
        message_id,
        subject,
        formatted: message.formatted(),
    })
}

/// The DATA payload: lines starting with "." doubled (RFC 5321 4.5.2), ended by CRLF.CRLF.
pub fn dot_stuffed(formatted: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(formatted.len() + 8);
    let mut line_start = true;
    for &byte in formatted {
        if line_start && byte == b'.' {
            out.push(b'.');
        }
        out.push(byte);
        line_start = byte == b'\n';
    }
    if !out.ends_with(b"\r\n") {
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b".\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::smtp::TlsMode;

    #[test]
    fn message_has_date_message_id_and_route() {
        let from = EmailAddress::parse("jane@gmail.com").unwrap();
        let route = Route {
            host: "smtp.gmail.com".into(),
            port: 587,
            tls: TlsMode::Starttls,
        };
        let message = build(&from, &from, None, &route, 123).unwrap();
        let text = String::from_utf8(message.formatted.clone()).unwrap();
        assert!(text.contains("\r\nDate: "), "{text}");
        assert!(message.message_id.starts_with('<') && message.message_id.ends_with('>'));
        assert!(text.contains("smtp.gmail.com:587"));
        assert!(message.subject.starts_with("smtp-setup test message, "));
    }

    #[test]
    fn dot_stuffing_doubles_leading_dots() {
        assert_eq!(dot_stuffed(b"a\r\n.b\r\n"), b"a\r\n..b\r\n.\r\n");
        assert_eq!(dot_stuffed(b".x"), b"..x\r\n.\r\n");
    }
}
