//! SMTP replies: the code, the enhanced status code and the text, parsed from the wire.

use serde::Serialize;
use std::fmt;

/// One complete (possibly multi-line) reply from the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reply {
    /// The three-digit reply code, e.g. 535.
    pub code: u16,
    /// The enhanced status code (RFC 3463) when the server sent one, e.g. "5.7.8".
    pub enhanced: Option<String>,
    /// The text of every line with the code and the enhanced code removed.
    pub lines: Vec<String>,
}

impl Reply {
    /// The reply's lines joined into one sentence, as people quote it.
    pub fn text(&self) -> String {
        self.lines
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Parses the raw lines of a reply (without CRLF). Every line must start with the same
    /// three-digit code (2xx–5xx) followed by a space, a hyphen or nothing. Any text, in any
    /// script, is accepted after that: it is sliced only at the ASCII code.
    pub fn parse(raw_lines: &[String]) -> Option<Reply> {
        let first = raw_lines.first()?;
        let code_text = reply_code(first)?;
        let mut enhanced = None;
        let mut lines = Vec::with_capacity(raw_lines.len());
        for raw in raw_lines {
            if reply_code(raw)? != code_text {
                return None;
            }
            // The first four bytes are ASCII, so byte 4 is a char boundary.
            let rest = raw.get(4..).unwrap_or("");
            let (found, text) = split_enhanced(rest);
            if enhanced.is_none() {
                enhanced = found;
            }
            lines.push(text.to_string());
        }
        Some(Reply {
            code: code_text.parse().ok()?,
            enhanced,
            lines,
        })
    }
}

/// The code of a reply line: three ASCII digits, the first 2 to 5, then ' ', '-' or the end.
fn reply_code(line: &str) -> Option<&str> {
    let bytes = line.as_bytes();
    let code = bytes.get(..3)?;
    let digits = code.iter().all(u8::is_ascii_digit) && (b'2'..=b'5').contains(&code[0]);
    let separated = matches!(bytes.get(3), None | Some(b' ' | b'-'));
    (digits && separated).then(|| &line[..3])
}

/// Why bytes from the server do not make a reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WireError {
    /// A line longer than [`MAX_LINE`] bytes.
    OverlongLine,
    /// More than [`MAX_REPLY_LINES`] lines in one reply.
    OverlongReply,
    /// A line that is not `CODE[ -]text` with the reply's code.
    NotSmtp(String),
}

/// Longest reply line accepted, line ending included (RFC 5321 allows 512; Gmail's are under 100).
pub const MAX_LINE: usize = 4096;
/// Most lines in one reply (Gmail's EHLO has 9).
pub const MAX_REPLY_LINES: usize = 64;

/// Puts a reply together line by line as it arrives, within the limits above.
#[derive(Debug, Default)]
pub struct ReplyAssembler {
    lines: Vec<String>,
}

impl ReplyAssembler {
    /// One line as read from the wire: at most [`MAX_LINE`] bytes, ending in `\n` unless the
    /// limit cut it. Returns the line as text (lossy UTF-8, without CR LF) for the
    /// transcript, and the reply once its last line has come.
    pub fn push(&mut self, raw: &[u8]) -> (String, Result<Option<Reply>, WireError>) {
        let line = String::from_utf8_lossy(raw)
            .trim_end_matches(['\r', '\n'])
            .to_string();
        if !raw.ends_with(b"\n") || raw.len() > MAX_LINE {
            return (line, Err(WireError::OverlongLine));
        }
        let last = line.as_bytes().get(3) != Some(&b'-');
        self.lines.push(line.clone());
        let result = if last {
            Reply::parse(&self.lines)
                .map(Some)
                .ok_or_else(|| WireError::NotSmtp(self.lines[0].chars().take(80).collect()))
        } else if self.lines.len() >= MAX_REPLY_LINES {
            Err(WireError::OverlongReply)
        } else {
            Ok(None)
        };
        (line, result)
    }
}

impl fmt::Display for Reply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code)?;
        if let Some(enhanced) = &self.enhanced {
            write!(f, " {enhanced}")?;
        }
        let text = self.text();
        if !text.is_empty() {
            write!(f, " {text}")?;
        }
        Ok(())
    }
}

impl Reply {
    /// The reply as lines for the wire again (without CR LF): code, separator, enhanced code
    /// and text, so a relay passes on what the server said.
    pub fn wire_lines(&self) -> Vec<String> {
        let last = self.lines.len().saturating_sub(1);
        let lines: Vec<&str> = if self.lines.is_empty() {
            vec![""]
        } else {
            self.lines.iter().map(String::as_str).collect()
        };
        lines
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let sep = if i >= last { ' ' } else { '-' };
                let clean: String = text.chars().filter(|c| *c != '\r' && *c != '\n').collect();
                match &self.enhanced {
                    Some(enhanced) => format!("{}{sep}{enhanced} {clean}", self.code),
                    None => format!("{}{sep}{clean}", self.code),
                }
                .trim_end()
                .to_string()
            })
            .collect()
    }
}

/// Splits "5.7.8 Username..." into ("5.7.8", "Username...").
pub(crate) fn split_enhanced(text: &str) -> (Option<String>, &str) {
    let token = text.split_whitespace().next().unwrap_or("");
    if is_enhanced_code(token) {
        let rest = text.trim_start()[token.len()..].trim_start();
        (Some(token.to_string()), rest)
    } else {
        (None, text)
    }
}

/// True for "class.subject.detail" with class 2, 4 or 5 (RFC 3463).
pub(crate) fn is_enhanced_code(token: &str) -> bool {
    let parts: Vec<&str> = token.split('.').collect();
    parts.len() == 3
        && matches!(parts[0], "2" | "4" | "5")
        && parts[1..]
            .iter()
            .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(raw: &[&str]) -> Vec<String> {
        raw.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_gmail_multiline_reply() {
        let reply = Reply::parse(&lines(&[
            "535-5.7.8 Username and Password not accepted. For more information, go to",
            "535 5.7.8  https://support.google.com/mail/?p=BadCredentials abc - gsmtp",
        ]))
        .unwrap();
        assert_eq!(reply.code, 535);
        assert_eq!(reply.enhanced.as_deref(), Some("5.7.8"));
        assert_eq!(
            reply.to_string(),
            "535 5.7.8 Username and Password not accepted. For more information, go to \
             https://support.google.com/mail/?p=BadCredentials abc - gsmtp"
        );
    }

    #[test]
    fn any_script_after_the_code() {
        let reply = Reply::parse(&lines(&["535-5.7.8 비밀번호 오류", "535 →└── ✓"])).unwrap();
        assert_eq!(reply.text(), "비밀번호 오류 →└── ✓");
        assert!(Reply::parse(&lines(&["5é5 x"])).is_none());
        assert!(Reply::parse(&lines(&["→ 535 x"])).is_none());
    }

    #[test]
    fn assembler_takes_lines_until_the_last() {
        let mut replies = ReplyAssembler::default();
        assert_eq!(replies.push(b"250-smtp.gmail.com\r\n").1, Ok(None));
        let (line, reply) = replies.push(b"250 SMTPUTF8\r\n");
        assert_eq!(line, "250 SMTPUTF8");
        assert_eq!(
            reply.unwrap().unwrap().lines,
            ["smtp.gmail.com", "SMTPUTF8"]
        );
        let mut garbage = ReplyAssembler::default();
        assert!(matches!(
            garbage.push(b"\xff\xfe\n").1,
            Err(WireError::NotSmtp(_))
        ));
        assert_eq!(
            ReplyAssembler::default().push(b"250 no line end").1,
            Err(WireError::OverlongLine)
        );
    }

    #[test]
    fn reply_without_enhanced_code() {
        let reply = Reply::parse(&lines(&["220 smtp.gmail.com ESMTP x - gsmtp"])).unwrap();
        assert_eq!(reply.enhanced, None);
        assert_eq!(reply.text(), "smtp.gmail.com ESMTP x - gsmtp");
    }

    #[test]
    fn rejects_mixed_codes_and_garbage() {
        assert!(Reply::parse(&lines(&["250-a", "251 b"])).is_none());
        assert!(Reply::parse(&lines(&["hello"])).is_none());
        assert!(Reply::parse(&lines(&["+12 x"])).is_none());
        assert!(Reply::parse(&lines(&["250x"])).is_none());
        assert!(Reply::parse(&lines(&["650 no"])).is_none());
        assert!(Reply::parse(&lines(&["25"])).is_none());
        assert_eq!(Reply::parse(&lines(&["250"])).unwrap().code, 250);
    }

    #[test]
    fn wire_lines_give_back_gmails_reply() {
        let raw = [
            "550-5.4.5 Daily user sending limit exceeded. For more information on Gmail",
            "550-5.4.5 sending limits go to",
            "550 5.4.5  https://support.google.com/a/answer/166852 x - gsmtp",
        ];
        let reply = Reply::parse(&raw.map(String::from)).unwrap();
        let back = reply.wire_lines();
        assert_eq!(back[0], raw[0]);
        assert_eq!(back[1], raw[1]);
        assert_eq!(
            back[2],
            "550 5.4.5 https://support.google.com/a/answer/166852 x - gsmtp"
        );
        let plain = Reply::parse(&["354 Go ahead x - gsmtp".to_string()]).unwrap();
        assert_eq!(plain.wire_lines(), ["354 Go ahead x - gsmtp"]);
        assert_eq!(
            Reply::parse(&["250".to_string()]).unwrap().wire_lines(),
            ["250"]
        );
    }
}
