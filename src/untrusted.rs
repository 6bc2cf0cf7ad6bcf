//! Text from outside — server replies, pasted errors, files, redirects — made inert before a
//! terminal or a clipboard sees it. A server can put escape sequences in its greeting that
//! clear the screen, draw a fake "✓ Login works" line, or write the clipboard (OSC 52); a
//! right-to-left override can make a line read differently from what it says.
//!
//! The engine keeps such text exact (it is evidence, and `--json` carries it escaped by the
//! JSON encoder); front ends pass it through [`inert`] where it is shown.

use std::borrow::Cow;
use std::fmt::Write;

/// The text with every control character but tab and line feed shown as a visible escape
/// (`\u{1b}`): C0 controls, DEL, C1 controls, and the bidirectional overrides and isolates.
pub fn inert(text: &str) -> Cow<'_, str> {
    inert_with(text, true)
}

/// Like [`inert`], but a line feed is escaped too: for text shown on one line.
pub fn inert_line(text: &str) -> Cow<'_, str> {
    inert_with(text, false)
}

fn inert_with(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| is_unsafe(c) && !(keep_newlines && c == '\n');
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Characters a terminal may act on instead of drawing, or that reorder what is drawn.
pub fn is_unsafe(c: char) -> bool {
    match c {
        '\t' => false,
        _ if c.is_control() => true, // C0, DEL and C1 (U+0080–U+009F)
        // Bidirectional embeddings, overrides and isolates (the "Trojan Source" characters).
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(
            inert("220 \u{1b}[2J\u{1b}[32m✓ Login works\u{1b}[0m"),
            "220 \\u{1b}[2J\\u{1b}[32m✓ Login works\\u{1b}[0m"
        );
        assert_eq!(
            inert("\u{1b}]52;c;aGVsbG8=\u{7}"),
            "\\u{1b}]52;c;aGVsbG8=\\u{7}"
        );
        assert_eq!(inert("a\u{9b}31mb"), "a\\u{9b}31mb");
        assert_eq!(inert("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(inert("back\rspace\u{8}"), "back\\u{d}space\\u{8}");
    }

    #[test]
    fn ordinary_text_is_untouched_and_borrowed() {
        for text in ["535 5.7.8 Username", "한국어 오류\t탭", "a\nb", ""] {
            assert!(matches!(inert(text), Cow::Borrowed(t) if t == text));
        }
        assert_eq!(inert_line("a\nb"), "a\\u{a}b");
    }
}
