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

    pub fn is_positive(&self) -> bool {
        (200..400).contains(&self.code)
    }

    /// Parses the raw lines of a reply (without CRLF). Every line must start with the same code.
    pub fn parse(raw_lines: &[String]) -> Option<Reply> {
        let first = raw_lines.first()?;
        let code: u16 = first.get(..3)?.parse().ok()?;
        let mut enhanced = None;
        let mut lines = Vec::with_capacity(raw_lines.len());
        for raw in raw_lines {
            if raw.get(..3)? != &first[..3] {
                return None;
            }
            let rest = raw.get(4..).unwrap_or("");
            let (found, text) = split_enhanced(rest);
            if enhanced.is_none() {
                enhanced = found;
            }
            lines.push(text.to_string());
        }
        Some(Reply {
            code,
            enhanced,
            lines,
        })
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
    fn reply_without_enhanced_code() {
        let reply = Reply::parse(&lines(&["220 smtp.gmail.com ESMTP x - gsmtp"])).unwrap();
        assert_eq!(reply.enhanced, None);
        assert_eq!(reply.text(), "smtp.gmail.com ESMTP x - gsmtp");
    }

    #[test]
    fn rejects_mixed_codes_and_garbage() {
        assert!(Reply::parse(&lines(&["250-a", "251 b"])).is_none());
        assert!(Reply::parse(&lines(&["hello"])).is_none());
    }
}
