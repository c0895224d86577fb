//! Coverage-guided fuzz target for the JWT (session-token) parser, strict base64url and key parsing.
//!
//! Run from `fuzz/`: `RUSTC_BOOTSTRAP=1 cargo fuzz run jwt_decode -- -max_total_time=600 -dict=jwt.dict`

#![no_main]

use std::ops::Range;

use libfuzzer_sys::fuzz_target;
use tokenlens::session::{
    Clock, Inspection, KeyInput, SecretEncoding, decode_b64url, encode_b64url, inspect, parse_key,
    report_json,
};

fn check_range(text: &str, range: &Range<usize>, what: &str) {
    assert!(
        range.start <= range.end && range.end <= text.len(),
        "{what} range {range:?} outside input of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "{what} range {range:?} not on char boundaries of {text:?}"
    );
}

fn check_inspection(text: &str, ins: &Inspection) {
    for (i, seg) in ins.decoded.segments.iter().enumerate() {
        check_range(text, &seg.input_range, &format!("segment {i} ({:?})", seg.kind));
    }
    for (i, err) in ins.decoded.errors.iter().enumerate() {
        check_range(text, &err.input_range, &format!("error {i} ({:?})", err.kind));
        assert!(
            !err.message().is_empty(),
            "error {i} ({:?}) has an empty message",
            err.kind
        );
    }
    assert_eq!(
        ins.views.token.text(),
        text,
        "token view text differs from the input"
    );
    // Must not panic; the value itself is not checked.
    let _ = report_json(ins);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let clock = Clock::fixed(1_700_000_000);

    // JWT decode / explain / verify / review, without and with a key.
    let ins = inspect(text, None, &clock);
    check_inspection(text, &ins);
    let key = KeyInput::Secret {
        text: "k".into(),
        encoding: SecretEncoding::Utf8,
    };
    let ins = inspect(text, Some(&key), &clock);
    check_inspection(text, &ins);

    // Strict base64url: anything accepted must be the canonical encoding of what it decodes to.
    if let Ok(bytes) = decode_b64url(text) {
        assert_eq!(
            encode_b64url(&bytes),
            text,
            "decode_b64url accepted a non-canonical encoding"
        );
    }

    // Key parsing must not panic on arbitrary JWK or PEM text.
    let _ = parse_key(&KeyInput::Jwk(text.into()));
    let _ = parse_key(&KeyInput::Pem(text.into()));
});
