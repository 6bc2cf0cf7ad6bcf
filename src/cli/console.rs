//! Every byte the CLI writes goes through here, for two promises:
//! - a closed stdout or stderr (`smtp-setup check … | head -c1`) never panics the command:
//!   write errors are dropped and the command ends with its ordinary exit code;
//! - nothing from outside reaches the terminal as a control sequence: human output is made
//!   inert (`\u{1b}` shown, not obeyed), and JSON escapes C1 and bidi controls as well as
//!   the C0 ones serde_json escapes itself, while keeping the exact text.

use serde::Serialize;
use smtp_setup::untrusted::{inert, is_unsafe};
use std::io::{self, Write};

/// A line of human output on stdout.
pub fn say(text: &str) {
    write_inert(&mut io::stdout().lock(), text, true);
}

/// Human output on stdout, written as it is given (no newline added).
pub fn say_raw(text: &str) {
    write_inert(&mut io::stdout().lock(), text, false);
}

/// A line on stderr.
pub fn warn(text: &str) {
    write_inert(&mut io::stderr().lock(), text, true);
}

/// One JSON value on one line of stdout.
pub fn json(value: &impl Serialize) {
    write_line(&mut io::stdout().lock(), &to_json(value, false));
}

/// One JSON value, indented, on stdout.
pub fn json_pretty(value: &impl Serialize) {
    write_line(&mut io::stdout().lock(), &to_json(value, true));
}

fn write_inert(out: &mut impl Write, text: &str, newline: bool) {
    let text = inert(text);
    let _ = out.write_all(text.as_bytes());
    if newline {
        let _ = out.write_all(b"\n");
    }
    let _ = out.flush();
}

fn write_line(out: &mut impl Write, text: &str) {
    let _ = out.write_all(text.as_bytes());
    let _ = out.write_all(b"\n");
    let _ = out.flush();
}

/// JSON text in which no character a terminal acts on appears raw.
pub fn to_json(value: &impl Serialize, pretty: bool) -> String {
    let mut bytes = Vec::new();
    let result = if pretty {
        value.serialize(&mut serde_json::Serializer::with_formatter(
            &mut bytes,
            InertFormatter(serde_json::ser::PrettyFormatter::new()),
        ))
    } else {
        value.serialize(&mut serde_json::Serializer::with_formatter(
            &mut bytes,
            InertFormatter(serde_json::ser::CompactFormatter),
        ))
    };
    match result {
        Ok(()) => String::from_utf8(bytes).unwrap_or_default(),
        Err(_) => "null".to_string(),
    }
}

/// A serde_json formatter that also writes DEL, C1 controls and bidi controls as `\uXXXX`
/// (serde_json escapes only U+0000–U+001F).
struct InertFormatter<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for InertFormatter<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    // Structure comes from the wrapped formatter (compact or pretty).
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keeps_the_text_but_escapes_every_control() {
        let text = "a\u{1b}[2J b\u{9b}c \u{202e}d 한";
        let json = to_json(&serde_json::json!({ "reply": text }), false);
        assert_eq!(json, r#"{"reply":"a\u001b[2J b\u009bc \u202ed 한"}"#);
        assert!(!json.chars().any(is_unsafe), "{json}");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["reply"], text);
        let pretty = to_json(&serde_json::json!({ "a": [1] }), true);
        assert_eq!(pretty, "{\n  \"a\": [\n    1\n  ]\n}");
    }
}
