//! The normalized "symptom" that every piece of evidence is reduced to before matching.
//!
//! People paste errors as they got them: wrapped by .NET or Java, as Python bytes reprs with
//! `\n` escapes, as JSON, as raw multi-line SMTP transcripts. Reducing all of them to one form
//! lets a single rule table serve both pasted text and the check's own failures.

use super::korean::{self, Wrapper};
use crate::smtp::reply::is_enhanced_code;
use crate::smtp::{CheckFailure, Reply};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};

/// Quote characters dropped during normalization, so `'EAUTH'`, `"invalid_grant"` and
/// `b'5.7.8 …'` read the same as their bare words.
pub(super) const QUOTES: [char; 7] = ['\'', '"', '`', '‘', '’', '“', '”'];

#[derive(Debug, Default)]
pub(super) struct Symptom {
    /// Lowercase, escapes and quotes removed, whitespace collapsed to single spaces.
    text: String,
    /// Reply codes ("535") and enhanced status codes ("5.7.8") found where a reply puts them.
    codes: Vec<String>,
    /// The Korean wrappers in the text, whose English originals the rules read beside it.
    wrappers: Vec<&'static Wrapper>,
    /// Those English originals, one a line.
    english: String,
}

impl Symptom {
    pub(super) fn from_text(raw: &str) -> Symptom {
        let mut unescaped = unescape(raw);
        // Gmail's XOAUTH2 error is base64 JSON in a 334 reply; decoded, rules can read it.
        for json in decoded_challenges(&unescaped) {
            unescaped.push('\n');
            unescaped.push_str(&json);
        }
        let cleaned = strip_quotes(&unescaped.to_lowercase());
        let text = collapse_whitespace(&cleaned);
        let wrappers = if text.chars().any(is_hangul) {
            korean::wrappers_in(&korean::compact(&text))
        } else {
            Vec::new()
        };
        let english = wrappers
            .iter()
            .map(|wrapper| wrapper.english)
            .collect::<Vec<_>>()
            .join("\n");
        Symptom {
            codes: find_codes(&cleaned),
            text,
            wrappers,
            english,
        }
    }

    /// The failure's reply and detail, with the reply's codes taken as parsed.
    pub(super) fn from_failure(failure: &CheckFailure) -> Symptom {
        let reply = failure
            .reply
            .as_ref()
            .map(Reply::to_string)
            .unwrap_or_default();
        let mut symptom = Symptom::from_text(&format!("{reply}\n{}", failure.detail));
        if let Some(reply) = &failure.reply {
            symptom.codes.push(reply.code.to_string());
            symptom.codes.extend(reply.enhanced.clone());
        }
        symptom
    }

    /// Whether the text, or the English original of a Korean wrapper in it, says `phrase`.
    pub(super) fn has_phrase(&self, phrase: &str) -> bool {
        self.text.contains(phrase) || self.english.contains(phrase)
    }

    /// What the text itself says where `phrase` matched: the phrase, or the Korean words that
    /// stand for it (to find the line of the evidence).
    pub(super) fn said_as(&self, phrase: &'static str) -> &'static str {
        if self.text.contains(phrase) {
            return phrase;
        }
        self.wrappers
            .iter()
            .find(|wrapper| wrapper.english.contains(phrase))
            .map_or(phrase, |wrapper| wrapper.key)
    }

    pub(super) fn has_code(&self, code: &str) -> bool {
        self.codes.iter().any(|c| c == code)
    }
}

/// The normalized form of a text: what rule phrases are written in and compared against.
pub(super) fn normalize(raw: &str) -> String {
    collapse_whitespace(&strip_quotes(&unescape(raw).to_lowercase()))
}

/// Turns the escapes of string reprs (`\r\n`, `\n`, `\t`, `\'`) into what they stand for, and
/// carriage returns into line breaks, so every stack's text has real lines.
pub(super) fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek().copied()) {
            ('\\', Some('n' | 'r')) | ('\r', _) => {
                if c == '\\' {
                    chars.next();
                }
                out.push('\n');
            }
            ('\\', Some('t')) => {
                chars.next();
                out.push(' ');
            }
            ('\\', Some(q @ ('\'' | '"' | '\\'))) => {
                chars.next();
                out.push(q);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Drops quotes, and the `b` of Python bytes literals (`b'…'`), keeping line breaks.
fn strip_quotes(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let bytes_prefix = c == 'b'
            && chars.get(i + 1).is_some_and(|next| QUOTES.contains(next))
            && (i == 0 || !chars[i - 1].is_alphanumeric());
        if !bytes_prefix && !QUOTES.contains(&c) {
            out.push(c);
        }
    }
    out
}

fn is_hangul(c: char) -> bool {
    ('가'..='힣').contains(&c)
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reply codes and enhanced codes in one normalized text, line by line.
fn find_codes(text: &str) -> Vec<String> {
    let mut codes = Vec::new();
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        let mut start = 0;
        while start < chars.len() {
            let run = chars[start..]
                .iter()
                .take_while(|c| c.is_ascii_digit() || **c == '.')
                .count();
            if run == 0 {
                start += 1;
                continue;
            }
            let end = start + run;
            let detached = (start == 0 || !is_word_char(chars[start - 1]))
                && chars.get(end).is_none_or(|c| !c.is_alphanumeric());
            let token: String = chars[start..end].iter().collect();
            // A trailing dot ends a sentence ("… 5.7.0 Authentication Required.").
            let token = token.trim_end_matches('.');
            if detached
                && (is_enhanced_code(token)
                    || (is_reply_code(token) && in_reply_position(&chars, start, start + 3)))
            {
                codes.push(token.to_string());
            }
            start = end;
        }
    }
    codes
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '.'
}

/// Three digits as RFC 5321 allows them: 2xx–5xx with a second digit 0–5. This excludes the
/// port numbers people quote next to codes (465, 587).
fn is_reply_code(token: &str) -> bool {
    let b = token.as_bytes();
    b.len() == 3
        && (b'2'..=b'5').contains(&b[0])
        && (b'0'..=b'5').contains(&b[1])
        && b[2].is_ascii_digit()
}

/// A number is taken as a reply code only where replies put it: before an enhanced code
/// (`535-5.7.8`), at the start of a line, after `:` (`Invalid login: 535 …`) or in Python's
/// `(535, …)` tuple. So "line 535, in <module>" in a stack trace is not a reply.
fn in_reply_position(line: &[char], start: usize, end: usize) -> bool {
    let after = line.get(end).copied();
    if !matches!(after, None | Some(' ' | '-' | ',')) {
        return false;
    }
    if matches!(after, Some(' ' | '-')) {
        let next: String = line[end + 1..]
            .iter()
            .take_while(|c| !c.is_whitespace())
            .collect();
        if is_enhanced_code(next.trim_end_matches(['.', ','])) {
            return true;
        }
    }
    let before = line[..start].iter().rev().find(|c| !c.is_whitespace());
    matches!(before, None | Some(':' | '(' | '>'))
}

/// Longest base64 challenge decoded.
const MAX_CHALLENGE: usize = 2048;

/// JSON objects hidden in base64 334 challenges (`334 eyJzdGF0dXMiOiI0MDAi…`).
fn decoded_challenges(text: &str) -> Vec<String> {
    text.match_indices("334")
        .filter_map(|(at, _)| {
            let rest = text[at + 3..].trim_start_matches([' ', '-', ',']);
            let rest = rest
                .strip_prefix('b')
                .filter(|r| r.starts_with(QUOTES))
                .unwrap_or(rest);
            let rest = rest.trim_start_matches(QUOTES);
            // Gmail's challenge is about 100 characters; the cap keeps a text of nothing but
            // "334334…" linear instead of quadratic.
            let token: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
                .take(MAX_CHALLENGE)
                .collect();
            decode_json(&token)
        })
        .collect()
}

fn decode_json(token: &str) -> Option<String> {
    let bytes = STANDARD
        .decode(token)
        .or_else(|_| STANDARD_NO_PAD.decode(token.trim_end_matches('=')))
        .ok()?;
    let text = String::from_utf8(bytes).ok()?;
    text.trim_start().starts_with('{').then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_python_bytes_repr() {
        let s = Symptom::from_text(
            r"smtplib.SMTPAuthenticationError: (535, b'5.7.8 Username and Password not accepted. Learn more at\n5.7.8  https://support.google.com/mail/?p=BadCredentials x - gsmtp')",
        );
        assert!(s.has_phrase(
            "(535, 5.7.8 username and password not accepted. learn more at 5.7.8 https://"
        ));
        assert!(s.has_code("535"));
        assert!(s.has_code("5.7.8"));
    }

    #[test]
    fn finds_codes_in_multiline_replies() {
        let s = Symptom::from_text(
            "535-5.7.8 Username and Password not accepted. For more information, go to\r\n\
             535 5.7.8  https://support.google.com/mail/?p=BadCredentials x - gsmtp",
        );
        assert!(s.has_code("535") && s.has_code("5.7.8"));
        let s = Symptom::from_text("Error: Invalid login: 535 Authentication failed");
        assert!(s.has_code("535"));
        let s = Symptom::from_text("The server response was: 5.7.0 Authentication Required.");
        assert!(s.has_code("5.7.0"));
    }

    #[test]
    fn ignores_numbers_that_are_not_replies() {
        for text in [
            "File \"send.py\", line 535, in <module>",
            "Could not connect to SMTP host: smtp.gmail.com, port: 465",
            "connect ECONNREFUSED 142.250.102.108:587",
            "Connection refused (111)",
            "2a00:1450:400c:c0c::6c",
            "version 10.5.7.8 and 5.7.8.1 and v5.7.8",
        ] {
            let s = Symptom::from_text(text);
            assert!(s.codes.is_empty(), "{text}: {:?}", s.codes);
        }
    }

    #[test]
    fn decodes_xoauth2_challenge() {
        let s = Symptom::from_text(
            "334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==",
        );
        assert!(s.has_phrase("schemes:bearer"));
        assert!(s.has_phrase("status:400"));
    }

    #[test]
    fn unescape_handles_reprs() {
        assert_eq!(unescape(r"a\r\nb\tc\'d"), "a\n\nb c'd");
        assert_eq!(unescape("a\r\nb"), "a\n\nb");
        assert_eq!(unescape(r"C:\path"), r"C:\path");
    }

    #[test]
    fn normalize_drops_quotes_and_bytes_prefix() {
        assert_eq!(normalize("code: 'EAUTH'"), "code: eauth");
        assert_eq!(
            normalize(r#"{"error": "invalid_grant"}"#),
            "{error: invalid_grant}"
        );
        assert_eq!(normalize("(535, b'5.7.8  x')"), "(535, 5.7.8 x)");
        assert_eq!(
            normalize("curl: (6) Couldn't  resolve"),
            "curl: (6) couldnt resolve"
        );
    }
}
