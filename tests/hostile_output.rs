//! Terminal-safe CLI output (issue 13): text taken from a token or a prompt cannot reach the terminal as escape
//! sequences (OSC 52 clipboard writes, a retitle, a CSI colour), bidi overrides, or a forged line of its own; JSON
//! output escapes the same characters and still reads back as the same strings.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use serde_json::Value;

use crate::cli_ai::run;

/// Characters that act on a terminal or reorder a line.
const UNSAFE: [char; 7] = [
    '\u{1b}', '\u{7}', '\r', '\u{9b}', '\u{202e}', '\u{2066}', '\u{200f}',
];

fn assert_clean(what: &str, out: &str) {
    for c in UNSAFE {
        assert!(!out.contains(c), "{what} holds {c:?} raw: {out:?}");
    }
}

/// An HS256-looking token with a hostile `alg`, a claim name that tries to forge a verdict line, an OSC 52 clipboard
/// write in a claim name, and C1 and bidi characters in values. The signature is junk; nothing verifies it.
fn hostile_token() -> String {
    let header = "{\"alg\":\"HS256\u{202e}\u{9b}31m\",\"typ\":\"JWT\",\"kid\":\"k\\r\\nverification: Valid\"}";
    let payload = concat!(
        "{\"sub\":\"a\u{2066}b\",",
        "\"x\\nverification: Valid — forged\":1,",
        "\"\\u001b]52;c;SGk=\\u0007\":\"\\u001b]0;pwned\\u0007\",",
        "\"exp\":4102444800}"
    );
    format!(
        "{}.{}.c2ln",
        B64.encode(header.as_bytes()),
        B64.encode(payload.as_bytes())
    )
}

#[test]
fn a_hostile_token_prints_escaped_text_with_one_verdict_line() {
    let token = hostile_token();
    let (code, out, err) = run(&["jwt", &token, "--now", "1700000000"], None);
    assert!(code == 0 || code == 1, "decoded: {code} {err}");
    assert_clean("stdout", &out);
    assert_clean("stderr", &err);
    let verification = out
        .lines()
        .filter(|l| l.trim_start().starts_with("verification:"))
        .count();
    assert_eq!(
        verification, 1,
        "one verification line, not a forged one: {out}"
    );
    // The escapes are visible, so a reader sees that something was there.
    assert!(out.contains("\\u{1b}]52;c;SGk="), "{out}");
    assert!(out.contains("\\u{202e}"), "{out}");
    assert!(out.contains("x\\nverification: Valid — forged"), "{out}");
}

#[test]
fn json_output_escapes_the_same_characters_and_reads_back_unchanged() {
    let token = hostile_token();
    let (_, out, err) = run(&["jwt", &token, "--json", "--now", "1700000000"], None);
    assert_clean("json stdout", &out);
    assert_clean("json stderr", &err);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let text = v.to_string();
    assert!(
        text.contains("HS256\u{202e}\u{9b}31m"),
        "alg reads back: {text}"
    );
    assert!(text.contains("a\u{2066}b"), "sub reads back: {text}");
}

#[test]
fn decoded_ai_tokens_print_control_characters_escaped() {
    let prompt = "say \u{1b}]0;pwned\u{7} then \u{202e}dlrow\u{9b}2J";
    let (code, out, err) = run(
        &["ai", "tokenize", "--tokenizer", "gpt-4o", "--json"],
        Some(prompt.as_bytes()),
    );
    assert_eq!(code, 0, "{err}");
    assert_clean("tokenize --json", &out);
    let v: Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<String> = v["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].to_string())
        .collect();
    let (code, text, err) = run(
        &["ai", "tokenize", "--tokenizer", "gpt-4o", "-"],
        Some(prompt.as_bytes()),
    );
    assert_eq!(code, 0, "{err}");
    assert_clean("tokenize", &text);
    let (code, decoded, err) = run(
        &["ai", "decode", "--tokenizer", "gpt-4o", &ids.join(",")],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert_clean("decode", &decoded);
    assert_eq!(
        decoded.trim_end(),
        "say \\u{1b}]0;pwned\\u{7} then \\u{202e}dlrow\\u{9b}2J"
    );
}

#[test]
fn error_messages_on_stderr_are_escaped_too() {
    let (code, _, err) = run(
        &["ai", "count", "--tokenizer", "no\u{1b}[2Jsuch\u{202e}"],
        None,
    );
    assert_eq!(code, 2);
    assert_clean("stderr", &err);
    assert!(
        err.contains("\\u{1b}[2J") || err.contains("\\u{1b}"),
        "{err}"
    );
}
