//! Every row of the hostile-input table in docs/research/jwt.md §4: a clear, positioned error and no panic.

use tokenlens::session::{
    B64Error, Clock, DecodeErrorKind, Format, KeyError, KeyInput, Payload, SecretEncoding,
    SegmentKind, Status, Stripped, decode, encode_b64url, inspect, parse_key, sign_token,
};

pub(super) fn clock() -> Clock {
    Clock::fixed(1_795_000_000)
}

pub(super) fn secret(s: &str) -> KeyInput {
    KeyInput::Secret {
        text: s.into(),
        encoding: SecretEncoding::Utf8,
    }
}

/// A token with exactly these header and payload bytes and a junk signature.
pub(super) fn raw(header: &str, payload: &str) -> String {
    format!(
        "{}.{}.c2ln",
        encode_b64url(header.as_bytes()),
        encode_b64url(payload.as_bytes())
    )
}

pub(super) fn hs256(header: &str, payload: &str) -> String {
    sign_token(
        header,
        payload,
        Some(tokenlens::session::Alg::HS256),
        &secret("0123456789abcdef0123456789abcdef"),
    )
    .unwrap()
}

pub(super) fn codes(ins: &tokenlens::session::Inspection) -> Vec<&'static str> {
    ins.findings.iter().map(|f| f.code).collect()
}

#[test]
pub(super) fn empty_one_and_two_segments() {
    let d = decode("");
    assert_eq!(d.errors[0].kind, DecodeErrorKind::Empty);
    let d = decode("eyJhbGciOiJIUzI1NiJ9");
    assert_eq!(d.errors[0].kind, DecodeErrorKind::SegmentCount { found: 1 });
    assert!(
        d.header.is_some(),
        "the one segment still decodes as a header"
    );
    let d = decode("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0");
    assert_eq!(d.errors[0].kind, DecodeErrorKind::SegmentCount { found: 2 });
    assert!(
        matches!(d.payload, Payload::Json(_)),
        "header and payload still decode"
    );
    assert!(!d.errors[0].to_string().is_empty());
}

#[test]
pub(super) fn four_segments_and_jwe() {
    let d = decode("eyJhbGciOiJIUzI1NiJ9.e30.c2ln.c2ln");
    assert_eq!(d.errors[0].kind, DecodeErrorKind::SegmentCount { found: 4 });
    assert!(d.errors[0].to_string().contains('4'));
    let jwe = format!(
        "{}.a2V5.aXY.Y2lwaGVy.dGFn",
        encode_b64url(br#"{"alg":"RSA-OAEP-256","enc":"A256GCM"}"#)
    );
    let ins = inspect(&jwe, None, &clock());
    assert_eq!(ins.decoded.format, Format::Jwe);
    assert_eq!(
        ins.decoded.header_value("enc").and_then(|v| v.as_str()),
        Some("A256GCM")
    );
    assert!(matches!(ins.decoded.payload, Payload::Encrypted));
    assert_eq!(ins.verification.status, Status::NotChecked);
    assert!(codes(&ins).contains(&"jwe"));
    assert_eq!(ins.decoded.segments.len(), 5);
    assert_eq!(ins.decoded.segments[3].kind, SegmentKind::Ciphertext);
}

#[test]
pub(super) fn whitespace_newlines_bearer_and_quotes_are_stripped_and_reported() {
    let t = hs256("{}", r#"{"sub":"a"}"#);
    let wrapped = format!("  Authorization: Bearer \"{}\n{}\"\r\n", &t[..20], &t[20..]);
    let ins = inspect(
        &wrapped,
        Some(&secret("0123456789abcdef0123456789abcdef")),
        &clock(),
    );
    assert!(ins.decoded.errors.is_empty(), "{:?}", ins.decoded.errors);
    assert_eq!(ins.decoded.cleaned.token, t);
    let what: Vec<Stripped> = ins
        .decoded
        .cleaned
        .stripped
        .iter()
        .map(|(w, _)| *w)
        .collect();
    for w in [
        Stripped::Whitespace,
        Stripped::AuthorizationHeader,
        Stripped::Bearer,
        Stripped::Quotes,
        Stripped::LineBreaks,
    ] {
        assert!(what.contains(&w), "{w:?} reported in {what:?}");
    }
    assert_eq!(ins.verification.status, Status::Valid);
    // Segment offsets are bytes into the input as given.
    let header = &ins.decoded.segments[0];
    assert_eq!(
        &wrapped[header.input_range.start..header.input_range.start + 3],
        "eyJ"
    );
}

#[test]
pub(super) fn interior_space_is_pointed_at() {
    let t = hs256("{}", r#"{"sub":"a"}"#);
    let broken = format!("{} {}", &t[..10], &t[10..]);
    let d = decode(&broken);
    let e = &d.errors[0];
    assert!(matches!(
        e.kind,
        DecodeErrorKind::Base64 {
            error: B64Error::Whitespace { .. },
            ..
        }
    ));
    assert_eq!(
        e.input_range,
        10..11,
        "the error underlines the space itself"
    );
}

#[test]
pub(super) fn padding_standard_alphabet_and_noncanonical() {
    let d = decode("eyJhbGciOiJIUzI1NiJ9.eyJhIjoiYiJ9.c2ln==");
    let e = d
        .errors
        .iter()
        .find(|e| matches!(e.kind, DecodeErrorKind::Base64 { .. }))
        .unwrap();
    assert!(matches!(
        e.kind,
        DecodeErrorKind::Base64 {
            segment: SegmentKind::Signature,
            error: B64Error::Padding { .. }
        }
    ));
    assert_eq!(e.input_range, 38..40, "both '=' are underlined");
    assert!(e.to_string().contains("padding"));

    let d = decode("eyJhbGciOiJIUzI1NiJ9.eyJhIjoi+b/9.c2ln");
    let e = &d.errors[0];
    assert!(matches!(
        e.kind,
        DecodeErrorKind::Base64 {
            segment: SegmentKind::Payload,
            error: B64Error::StandardAlphabet { ch: '+', .. }
        }
    ));
    assert_eq!(e.input_range, 29..30);
    assert!(e.to_string().contains("base64url"));
    assert!(d.header.is_some(), "the header still decodes");

    // Wycheproof tc374: {"a":1} with a non-canonical last character.
    let d = decode("eyJhIjoxfR.eyJhIjoxfQ.c2ln");
    assert!(matches!(
        d.errors[0].kind,
        DecodeErrorKind::Base64 {
            error: B64Error::NonCanonical { .. },
            ..
        }
    ));
    assert_eq!(d.errors[0].input_range, 9..10);
}

#[test]
pub(super) fn nul_bytes() {
    let d = decode("eyJhbGciOiJIUzI1NiJ9\0.e30.c2ln");
    assert!(matches!(
        d.errors[0].kind,
        DecodeErrorKind::Base64 {
            error: B64Error::InvalidChar { ch: '\0', .. },
            ..
        }
    ));
    assert!(
        d.errors[0].to_string().contains("\\0"),
        "the NUL is shown escaped: {}",
        d.errors[0]
    );
    let ins = inspect(
        &raw(r#"{"alg":"HS256"}"#, r#"{"sub":"ad\u0000min"}"#),
        None,
        &clock(),
    );
    assert!(codes(&ins).contains(&"invisible_chars"));
    assert!(
        ins.views.payload.text().contains("ad\\u0000min"),
        "escaped in the payload view"
    );
}

#[test]
pub(super) fn headers_that_are_not_objects_or_lack_alg() {
    let d = decode(&raw("{not json", "{}"));
    let e = &d.errors[0];
    assert!(
        matches!(
            e.kind,
            DecodeErrorKind::NotJson {
                segment: SegmentKind::Header,
                line: 1,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(!e.input_range.is_empty());
    let d = decode(&raw("[1,2]", "{}"));
    assert_eq!(
        d.errors[0].kind,
        DecodeErrorKind::NotObject {
            segment: SegmentKind::Header
        }
    );
    let d = decode(&raw(r#"{"typ":"JWT"}"#, "{}"));
    assert_eq!(d.errors[0].kind, DecodeErrorKind::MissingAlg);
    let ins = inspect(
        &raw(r#"{"alg":"HS256","alg":"none"}"#, "{}"),
        None,
        &clock(),
    );
    assert!(codes(&ins).contains(&"duplicate_keys"));
}

#[test]
pub(super) fn duplicate_payload_keys_are_warned() {
    let ins = inspect(
        &raw(r#"{"alg":"HS256"}"#, r#"{"sub":"alice","sub":"admin"}"#),
        None,
        &clock(),
    );
    let f = ins
        .findings
        .iter()
        .find(|f| f.code == "duplicate_keys")
        .unwrap();
    assert!(f.message.to_string().contains("/sub"));
}

#[test]
pub(super) fn non_json_and_non_utf8_payloads() {
    let ins = inspect(&raw(r#"{"alg":"HS256"}"#, "foo"), None, &clock());
    assert!(matches!(&ins.decoded.payload, Payload::Text(t) if t == "foo"));
    let t = format!(
        "{}.{}.c2ln",
        encode_b64url(br#"{"alg":"HS256"}"#),
        encode_b64url(&[0xff, 0xfe, 0x00, 0x41])
    );
    let ins = inspect(&t, None, &clock());
    assert!(matches!(ins.decoded.payload, Payload::Binary(_)));
    assert!(
        ins.views
            .payload
            .text()
            .starts_with("00000000  ff fe 00 41"),
        "hex dump: {}",
        ins.views.payload.text()
    );
}

#[test]
pub(super) fn deep_nesting_is_an_error_not_a_crash() {
    let deep = "[".repeat(100_000);
    let d = decode(&raw(&deep, "{}"));
    assert!(matches!(d.errors[0].kind, DecodeErrorKind::NotJson { .. }));
    let ins = inspect(&raw(r#"{"alg":"HS256"}"#, &deep), None, &clock());
    assert!(matches!(ins.decoded.payload, Payload::Text(_)));
}

#[test]
pub(super) fn huge_inputs_are_capped_and_large_ones_decode() {
    let huge = "a".repeat(tokenlens::session::MAX_INPUT_BYTES + 1);
    let d = decode(&huge);
    assert!(matches!(d.errors[0].kind, DecodeErrorKind::TooLarge { .. }));
    let big = format!(r#"{{"sub":"{}"}}"#, "x".repeat(1 << 20));
    let t = hs256("{}", &big);
    let ins = inspect(
        &t,
        Some(&secret("0123456789abcdef0123456789abcdef")),
        &clock(),
    );
    assert_eq!(ins.verification.status, Status::Valid);
}

#[test]
pub(super) fn odd_numeric_dates() {
    for (exp, flag) in [
        ("1e400", tokenlens::session::TimeFlag::OutOfRange),
        ("-1", tokenlens::session::TimeFlag::BeforeEpoch),
        ("\"123\"", tokenlens::session::TimeFlag::NotNumeric),
        ("1700000000000", tokenlens::session::TimeFlag::Milliseconds),
        ("300000000000000", tokenlens::session::TimeFlag::OutOfRange),
    ] {
        let ins = inspect(
            &raw(
                r#"{"alg":"HS256"}"#,
                &format!(r#"{{"sub":"a","exp":{exp}}}"#),
            ),
            None,
            &clock(),
        );
        let claim = ins
            .claims
            .iter()
            .find(|c| c.name == "exp")
            .unwrap_or_else(|| panic!("exp {exp} kept in the claims"));
        assert!(
            claim.time.as_ref().unwrap().flags.contains(&flag),
            "exp {exp} flagged {flag:?}"
        );
        assert!(codes(&ins).contains(&"time_claim_format"));
        assert_eq!(
            ins.claims.len(),
            2,
            "one odd value does not kill the payload"
        );
    }
}

mod algs_and_keys;
