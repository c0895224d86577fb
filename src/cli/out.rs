//! Terminal-safe output for the CLI. Every byte the CLI writes to stdout or stderr passes through
//! [`Escaper`], so text taken from a token, a ledger file or a tokenizer (claim names, `alg`, token names) cannot
//! move the cursor, retitle the terminal, write the clipboard (OSC 52), or reorder a line with a bidi override.
//! Values that must stay on one line (a claim name that contains a line feed could forge a
//! `verification:` line) go through [`field`] first.
//!
//! What is escaped: C0 controls other than line feed and tab, DEL, C1 controls, and the bidi controls
//! (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069). Text output writes them as `\u{…}`; JSON output as
//! `\uXXXX`, which is the same string to a JSON reader (serde_json already escapes C0 inside strings, and these
//! characters can only occur inside strings).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Whether a character could act on a terminal or reorder the text around it.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// How an unsafe character is spelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `\u{1b}`, as Rust writes it.
    Text,
    /// `\u001b`, a JSON escape (characters above U+FFFF are never unsafe, so four digits always suffice).
    Json,
}

fn push_escaped(out: &mut String, c: char, style: Style) {
    let _ = match style {
        Style::Text => write!(out, "\\u{{{:x}}}", u32::from(c)),
        Style::Json => write!(out, "\\u{:04x}", u32::from(c)),
    };
}

/// `text` with every unsafe character escaped; line feeds and tabs are kept.
pub fn escape(text: &str, style: Style) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) {
            push_escaped(&mut out, c, style);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A value shown inside one line of text output: line feeds, carriage returns and tabs are escaped too
/// (`\n`, `\r`, `\t`), so the value cannot start a line of its own.
pub fn field(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| is_unsafe(c) || matches!(c, '\n' | '\r' | '\t'))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => push_escaped(&mut out, c, Style::Text),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A writer that escapes unsafe characters on the way through. Bytes that are not UTF-8 are written as
/// `\x{…}`; a character split across two writes is held until it is whole.
pub struct Escaper<W: Write> {
    inner: W,
    style: Style,
    pending: Vec<u8>,
}

impl<W: Write> Escaper<W> {
    /// Wrap `inner`.
    pub fn new(inner: W, style: Style) -> Self {
        Self {
            inner,
            style,
            pending: Vec::new(),
        }
    }

    fn drain(&mut self, at_end: bool) -> io::Result<()> {
        let mut done = 0;
        let mut out = String::new();
        while done < self.pending.len() {
            let rest = self.pending.get(done..).unwrap_or_default();
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    out.push_str(&escape(s, self.style));
                    done = self.pending.len();
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    let ok = rest.get(..valid).unwrap_or_default();
                    out.push_str(&escape(
                        std::str::from_utf8(ok).unwrap_or_default(),
                        self.style,
                    ));
                    done += valid;
                    match e.error_len() {
                        Some(bad) => {
                            for b in rest.get(valid..valid + bad).unwrap_or_default() {
                                let _ = write!(out, "\\x{{{b:02x}}}");
                            }
                            done += bad;
                        }
                        // An incomplete character at the end: keep it for the next write.
                        None if !at_end => break,
                        None => {
                            for b in rest.get(valid..).unwrap_or_default() {
                                let _ = write!(out, "\\x{{{b:02x}}}");
                            }
                            done = self.pending.len();
                        }
                    }
                }
            }
        }
        self.pending.drain(..done);
        self.inner.write_all(out.as_bytes())
    }
}

impl<W: Write> Write for Escaper<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.drain(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain(true)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Escaper<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Standard output, buffered and escaped.
pub fn stdout(style: Style) -> Escaper<io::BufWriter<io::StdoutLock<'static>>> {
    Escaper::new(io::BufWriter::new(io::stdout().lock()), style)
}

/// Write formatted text to standard output, escaped; a closed pipe (`| head`) is not an error worth reporting.
pub fn print(args: std::fmt::Arguments<'_>) {
    let mut out = stdout(Style::Text);
    let _ = out.write_fmt(args).and_then(|()| out.flush());
}

/// Write formatted text to standard error, escaped.
pub fn eprint(args: std::fmt::Arguments<'_>) {
    let mut err = Escaper::new(io::stderr().lock(), Style::Text);
    let _ = err.write_fmt(args).and_then(|()| err.flush());
}

/// Pretty JSON and a line feed on standard output, with C1 and bidi controls escaped as `\uXXXX`.
pub fn print_json(value: &impl serde::Serialize) {
    let mut out = stdout(Style::Json);
    let _ = serde_json::to_writer_pretty(&mut out, value)
        .map_err(io::Error::other)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(style: Style, chunks: &[&[u8]]) -> String {
        let mut buf = Vec::new();
        {
            let mut w = Escaper::new(&mut buf, style);
            for c in chunks {
                w.write_all(c).unwrap();
            }
            w.flush().unwrap();
        }
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn escapes_controls_but_keeps_lines_and_text() {
        let s = "a\u{1b}]52;c;SGVsbG8=\u{7}\nb\t\u{9b}31m \u{202e}txt 中文 😀";
        assert_eq!(
            through(Style::Text, &[s.as_bytes()]),
            "a\\u{1b}]52;c;SGVsbG8=\\u{7}\nb\t\\u{9b}31m \\u{202e}txt 中文 😀"
        );
        assert_eq!(
            through(Style::Json, &["\u{9b}\u{2066}".as_bytes()]),
            "\\u009b\\u2066"
        );
    }

    #[test]
    fn a_character_split_across_writes_is_kept_whole() {
        let s = "x\u{202e}y".as_bytes();
        assert_eq!(
            through(Style::Text, &[&s[..2], &s[2..3], &s[3..]]),
            "x\\u{202e}y"
        );
        assert_eq!(
            through(Style::Text, &[b"a\xff", b"\xe4\xb8"]),
            "a\\x{ff}\\x{e4}\\x{b8}"
        );
    }

    #[test]
    fn a_field_stays_on_its_line() {
        assert_eq!(
            field("sub\nverification: Valid"),
            "sub\\nverification: Valid"
        );
        assert_eq!(field("plain"), "plain");
    }
}
