//! Known-answer vectors from the RFCs and jwt.io (docs/research/jwt.md §3.2), checked through the public API.

use tokenlens::session::{
    Clock, Format, KeyInput, Payload, SecretEncoding, Status, TimeStatus, inspect,
};

const NOW_2026: i64 = 1_795_000_000;

fn clock() -> Clock {
    Clock::fixed(NOW_2026)
}

/// RFC 7515 A.1 = RFC 7519 §3.1 (HS256), key from its JWK.
const RFC7515_A1: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const RFC7515_A1_JWK: &str = r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;

#[test]
fn rfc7515_a1_decodes_in_original_order_and_verifies() {
    let ins = inspect(
        RFC7515_A1,
        Some(&KeyInput::Jwk(RFC7515_A1_JWK.into())),
        &clock(),
    );
    let d = &ins.decoded;
    assert_eq!(d.format, Format::Jws);
    assert_eq!(d.alg.as_deref(), Some("HS256"));
    let header_keys: Vec<&String> = d.header.as_ref().unwrap().object.keys().collect();
    assert_eq!(header_keys, ["typ", "alg"], "original key order");
    assert_eq!(
        d.header.as_ref().unwrap().raw,
        b"{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}"
    );
    let Payload::Json(p) = &d.payload else {
        panic!("payload is JSON")
    };
    let keys: Vec<&String> = p.object.keys().collect();
    assert_eq!(keys, ["iss", "exp", "http://example.com/is_root"]);
    assert_eq!(
        ins.verification.status,
        Status::Valid,
        "{}",
        ins.verification.reason
    );
    let exp = ins.claims.iter().find(|c| c.name == "exp").unwrap();
    let t = exp.time.as_ref().unwrap();
    assert_eq!(t.iso_utc.as_deref(), Some("2011-03-22T18:43:00Z"));
    assert_eq!(t.status, Some(TimeStatus::Expired));
    assert!(d.errors.is_empty());
}

#[test]
fn rfc7515_a1_with_the_key_as_base64url_secret() {
    let key = KeyInput::Secret {
        text:
            "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"
                .into(),
        encoding: SecretEncoding::Base64Url,
    };
    assert_eq!(
        inspect(RFC7515_A1, Some(&key), &clock())
            .verification
            .status,
        Status::Valid
    );
    let wrong = KeyInput::Secret {
        text:
            "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"
                .into(),
        encoding: SecretEncoding::Utf8,
    };
    assert_eq!(
        inspect(RFC7515_A1, Some(&wrong), &clock())
            .verification
            .status,
        Status::Invalid
    );
}

#[test]
fn rfc7519_6_1_unsecured_is_never_valid() {
    let t = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.";
    let secret = KeyInput::Secret {
        text: "anything".into(),
        encoding: SecretEncoding::Utf8,
    };
    let ins = inspect(t, Some(&secret), &clock());
    assert_eq!(ins.decoded.format, Format::Unsecured);
    assert_eq!(ins.verification.status, Status::Unsigned);
    assert!(ins.findings.iter().any(|f| f.code == "alg_none"));
    assert_eq!(ins.claims.len(), 3);
}

#[test]
fn rfc7520_4_4_non_json_payload_still_verifies() {
    let t = "eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9.SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4.s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0";
    let jwk = r#"{"kty":"oct","kid":"018c0ae5-4d9b-471b-bfd6-eef314bc7037","use":"sig","alg":"HS256","k":"hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg"}"#;
    let ins = inspect(t, Some(&KeyInput::Jwk(jwk.into())), &clock());
    assert_eq!(
        ins.verification.status,
        Status::Valid,
        "{}",
        ins.verification.reason
    );
    let Payload::Text(text) = &ins.decoded.payload else {
        panic!("payload is text")
    };
    assert!(text.starts_with("It\u{2019}s a dangerous business, Frodo"));
    assert!(ins.findings.iter().any(|f| f.code == "payload_not_json"));
    assert!(
        ins.views.payload_note.is_some(),
        "the UI says the payload is not JSON"
    );
}

#[test]
fn rfc8037_a4_ed25519() {
    let t = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
    let jwk = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    let ins = inspect(t, Some(&KeyInput::Jwk(jwk.into())), &clock());
    assert_eq!(
        ins.verification.status,
        Status::Valid,
        "{}",
        ins.verification.reason
    );
    let Payload::Text(text) = &ins.decoded.payload else {
        panic!("payload is text")
    };
    assert_eq!(text, "Example of Ed25519 signing");
    // One flipped signature character must fail.
    let bad = t.replace("hgyY0il", "hgyY0iL");
    let ins = inspect(&bad, Some(&KeyInput::Jwk(jwk.into())), &clock());
    assert_eq!(ins.verification.status, Status::Invalid);
}

#[test]
fn jwt_io_default_hs256() {
    let t = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.KMUFsIDTnFmyG3nMiGM6H9FNFUROf3wh7SmqJp-QV30";
    let key = KeyInput::Secret {
        text: "a-string-secret-at-least-256-bits-long".into(),
        encoding: SecretEncoding::Utf8,
    };
    let ins = inspect(t, Some(&key), &clock());
    assert_eq!(ins.verification.status, Status::Valid);
    assert!(ins.findings.iter().any(|f| f.code == "missing_exp"));
    let iat = ins.claims.iter().find(|c| c.name == "iat").unwrap();
    assert_eq!(
        iat.time.as_ref().unwrap().iso_utc.as_deref(),
        Some("2018-01-18T01:30:22Z")
    );
    assert!(
        !ins.findings.iter().any(|f| f.code == "weak_secret"),
        "38 bytes is enough for HS256"
    );
}

#[test]
fn claim_hover_links_cover_the_encoding_characters() {
    let ins = inspect(RFC7515_A1, None, &clock());
    let iss = ins.views.links.iter().find(|l| l.name == "iss").unwrap();
    // Re-decode exactly the linked characters (rounded out to whole base64 quanta) and find the claim text.
    let seg = ins
        .decoded
        .segment(tokenlens::session::SegmentKind::Payload)
        .unwrap();
    let rel =
        iss.token_range.start - seg.input_range.start..iss.token_range.end - seg.input_range.start;
    let quanta = rel.start / 4 * 4..(rel.end.div_ceil(4) * 4).min(seg.input_range.len());
    let text =
        &RFC7515_A1[seg.input_range.start + quanta.start..seg.input_range.start + quanta.end];
    let bytes = tokenlens::session::decode_b64url(text).unwrap();
    let s = String::from_utf8_lossy(&bytes);
    assert!(
        s.contains("\"iss\":\"joe\""),
        "linked chars decode to the claim: {s:?}"
    );
    assert_eq!(
        &ins.views.payload.text()[iss.pretty_range.clone()],
        "  \"iss\": \"joe\""
    );
}

#[test]
fn rfc7520_section_4_jws_examples() {
    // RFC 7520 §4.1 RS256, §4.2 PS384, §4.3 ES512, §4.4 HS256 with the §3 keys (tests/data/SOURCES.md).
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/rfc7520_jws.json"
    ))
    .unwrap();
    let cases: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(cases.len(), 4);
    for case in cases {
        let section = case["section"].as_str().unwrap();
        let compact = case["compact"].as_str().unwrap();
        let jwk = KeyInput::Jwk(case["jwk"].to_string());
        let ins = inspect(compact, Some(&jwk), &clock());
        assert_eq!(
            ins.verification.status,
            Status::Valid,
            "RFC 7520 §{section}: {}",
            ins.verification.reason
        );
        assert_eq!(
            ins.decoded.alg.as_deref(),
            case["alg"].as_str(),
            "§{section}"
        );
        let Payload::Text(payload) = &ins.decoded.payload else {
            panic!("§{section}: payload is text")
        };
        assert_eq!(
            payload,
            case["payload_text"].as_str().unwrap(),
            "§{section}"
        );
        // One changed signature character must fail.
        let (head, sig) = compact.rsplit_once('.').unwrap();
        let flipped = if sig.starts_with('A') { "B" } else { "A" };
        let tampered = format!("{head}.{flipped}{}", &sig[1..]);
        let ins = inspect(&tampered, Some(&jwk), &clock());
        assert_ne!(
            ins.verification.status,
            Status::Valid,
            "§{section} tampered"
        );
    }
}
