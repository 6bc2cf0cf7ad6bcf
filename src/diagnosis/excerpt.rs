//! The evidence kept with a diagnosis: one line of what the person pasted (or what the server
//! said), with login payloads redacted and long texts cut to the part that mattered.

use super::symptom::{QUOTES, normalize, unescape};

/// Longest evidence kept, in characters.
const MAX_CHARS: usize = 500;

/// SASL mechanisms whose AUTH command may carry credentials after the name.
const MECHANISMS: [&str; 7] = [
    "plain",
    "login",
    "xoauth2",
    "oauthbearer",
    "xoauth",
    "cram-md5",
    "plain-clienttoken",
];

const REDACTED: &str = "<redacted>";

/// One redacted line of at most `MAX_CHARS`, starting at the line that contains `anchor` (the
/// signal the diagnosis was made from) when the whole text is too long. None for blank text.
pub(super) fn excerpt(raw: &str, anchor: Option<&str>) -> Option<String> {
    let redacted = redact(&unescape(raw));
    let lines: Vec<&str> = redacted.lines().collect();
    let whole = one_line(&lines);
    let text = if whole.chars().count() <= MAX_CHARS {
        whole
    } else {
        let start = anchor
            .and_then(|anchor| {
                lines
                    .iter()
                    .position(|line| normalize(line).contains(anchor))
            })
            .unwrap_or(0);
        one_line(&lines[start..])
    };
    (!text.is_empty()).then(|| truncate(&text))
}

fn one_line(lines: &[&str]) -> String {
    lines
        .iter()
        .flat_map(|line| line.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ")
}

fn truncate(text: &str) -> String {
    if text.chars().count() <= MAX_CHARS {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(MAX_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// Replaces login payloads with `<redacted>`: the argument of `AUTH PLAIN|LOGIN|XOAUTH2 …`, and a
/// bare base64 line sent in answer to a 334 challenge (AUTH LOGIN's username and password).
pub(super) fn redact(text: &str) -> String {
    let mut out = Vec::new();
    let mut after_challenge = false;
    for line in text.lines() {
        let redacted = match bare_payload(line) {
            Some(payload) if after_challenge => line.replacen(payload, REDACTED, 1),
            _ => redact_auth_command(line),
        };
        // Blank or quote-only lines (left over from `\r\n'` escapes) do not end the exchange.
        if !line
            .trim_matches(|c: char| c.is_whitespace() || QUOTES.contains(&c))
            .is_empty()
        {
            after_challenge = line.contains("334");
        }
        out.push(redacted);
    }
    out.join("\n")
}

/// The base64 token of a line that holds nothing else, allowing for client-line prefixes
/// (`C:`, `send:`, `>`) and quotes.
fn bare_payload(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    for prefix in ["send:", "c:", "client:", "->", ">"] {
        // `get` is None where the prefix's length is not a char boundary of the line
        // ("→ 535 …", a Korean log line), so multi-byte text never panics here.
        if let Some(head) = rest.get(..prefix.len())
            && head.eq_ignore_ascii_case(prefix)
        {
            rest = rest[prefix.len()..].trim_start();
            break;
        }
    }
    let token = rest.trim_matches(|c: char| c.is_whitespace() || QUOTES.contains(&c));
    let base64 = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=');
    (token.len() >= 4 && token.chars().all(base64)).then_some(token)
}

/// `AUTH PLAIN AGFs…` › `AUTH PLAIN <redacted>`; leaves capability lines (`AUTH LOGIN PLAIN`) be.
fn redact_auth_command(line: &str) -> String {
    // ASCII lowercasing keeps byte offsets, so indices into `lower` are valid in `line`.
    let lower = line.to_ascii_lowercase();
    let mut out = String::with_capacity(line.len());
    let mut copied = 0;
    let mut from = 0;
    while let Some(found) = lower[from..].find("auth ") {
        let at = from + found;
        from = at + "auth ".len();
        if lower[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue; // "xoauth ", not the AUTH command
        }
        let (mechanism, after_mechanism) = next_token(&lower, from);
        if !MECHANISMS.contains(&mechanism) {
            continue;
        }
        let (payload, end) = next_token(&lower, after_mechanism);
        if payload.is_empty() || MECHANISMS.contains(&payload) {
            continue;
        }
        out.push_str(&line[copied..end - payload.len()]);
        out.push_str(REDACTED);
        copied = end;
        from = end;
    }
    out.push_str(&line[copied..]);
    out
}

/// The token (no whitespace, no quotes) starting at or after byte `from`, and its end offset.
fn next_token(text: &str, from: usize) -> (&str, usize) {
    let rest = &text[from..];
    let start = from + rest.len() - rest.trim_start().len();
    let len = text[start..]
        .find(|c: char| c.is_whitespace() || QUOTES.contains(&c))
        .unwrap_or(text.len() - start);
    (&text[start..start + len], start + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_auth_plain_payload() {
        assert_eq!(
            redact("C: AUTH PLAIN AHVzZXIAcGFzcw=="),
            "C: AUTH PLAIN <redacted>"
        );
        assert_eq!(
            redact("send: 'AUTH XOAUTH2 dXNlcj1hQGIuYwFhdXRoPUJlYXJlciB5YTI5LgEB'"),
            "send: 'AUTH XOAUTH2 <redacted>'"
        );
        assert_eq!(redact("auth login dXNlcg=="), "auth login <redacted>");
    }

    #[test]
    fn keeps_capabilities_and_bare_commands() {
        let caps = "250-AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH";
        assert_eq!(redact(caps), caps);
        assert_eq!(redact("AUTH LOGIN"), "AUTH LOGIN");
    }

    #[test]
    fn redacts_auth_login_answers() {
        let transcript = "C: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: dXNlckBnbWFpbC5jb20=\n\
                          S: 334 UGFzc3dvcmQ6\nC: aHVudGVyMmh1bnRlcjI=\n\
                          S: 535-5.7.8 Username and Password not accepted.";
        let redacted = redact(transcript);
        assert!(!redacted.contains("dXNlckBnbWFpbC5jb20="), "{redacted}");
        assert!(!redacted.contains("aHVudGVyMmh1bnRlcjI="), "{redacted}");
        assert!(redacted.contains("334 VXNlcm5hbWU6"));
        assert!(redacted.contains("535-5.7.8"));
    }

    #[test]
    fn redacts_python_debug_output() {
        let debug = r"reply: b'334 UGFzc3dvcmQ6\r\n'
reply: retcode (334); Msg: b'UGFzc3dvcmQ6'
send: 'aHVudGVyMmh1bnRlcjI=\r\n'";
        let redacted = redact(&unescape(debug));
        assert!(!redacted.contains("aHVudGVyMmh1bnRlcjI="), "{redacted}");
    }

    #[test]
    fn excerpt_is_one_trimmed_line() {
        assert_eq!(
            excerpt(
                "  535-5.7.8 Username and Password not accepted.\r\n535 5.7.8  https://x  \n",
                None
            )
            .as_deref(),
            Some("535-5.7.8 Username and Password not accepted. 535 5.7.8 https://x")
        );
        assert_eq!(excerpt(" \n ", None), None);
    }

    #[test]
    fn long_text_is_cut_at_the_anchor() {
        let noise = "    at some.java.Frame(Frame.java:1)\n".repeat(40);
        let text =
            format!("{noise}Caused by: java.net.ConnectException: Connection refused\n{noise}");
        let evidence = excerpt(&text, Some("connection refused")).unwrap();
        assert!(evidence.starts_with("Caused by: java.net.ConnectException: Connection refused"));
        assert_eq!(evidence.chars().count(), MAX_CHARS);
        assert!(evidence.ends_with('…'));
    }
}
