//! Hostile session tokens (issue 13): verdicts that combine signature and lifetime, empty HMAC keys, exit 2 for
//! every decode failure, dot floods, the arbitrary_precision marker key, and lone JWKs without a matching kid.

use egui_kittest::kittest::Queryable as _;
use serde_json::Value;
use tokenlens::session::{
    Alg, Clock, KeyInput, SecretEncoding, Status, TimeCheck, inspect, sign_token,
};

const SECRET: &str = "0123456789abcdef0123456789abcdef";

fn secret(text: &str) -> KeyInput {
    KeyInput::Secret {
        text: text.into(),
        encoding: SecretEncoding::Utf8,
    }
}

/// An HS256 token over `payload`, MACed with [`SECRET`].
fn hs256(payload: &str) -> String {
    sign_token(
        r#"{"typ":"JWT"}"#,
        payload,
        Some(Alg::HS256),
        &secret(SECRET),
    )
    .unwrap()
}

fn run(args: &[&str]) -> (i32, String, String) {
    crate::cli_ai::run(args, None)
}

fn run_json(args: &[&str]) -> (i32, Value) {
    let (code, out, err) = run(args);
    let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out} / {err}"));
    (code, v)
}

// 1. Signature and lifetime make one verdict.

#[test]
fn expired_or_not_yet_valid_tokens_with_a_good_signature_are_not_valid() {
    let token = hs256(r#"{"sub":"1","nbf":1000,"exp":2000}"#);
    let key = secret(SECRET);
    for (now, time, valid) in [
        (999, TimeCheck::NotYetValid, false),
        (1000, TimeCheck::Valid, true),
        (1999, TimeCheck::Valid, true),
        (2000, TimeCheck::Expired, false),
    ] {
        let ins = inspect(&token, Some(&key), &Clock::fixed(now));
        assert_eq!(ins.verification.status, Status::Valid, "at {now}");
        assert_eq!(ins.time.status, time, "at {now}");
        assert_eq!(ins.valid, valid, "at {now}");
    }
    // A wrong key stays invalid inside the window.
    let ins = inspect(&token, Some(&secret("wrong")), &Clock::fixed(1500));
    assert!(!ins.valid);
    // An exp that is not a number cannot be checked, so it is not accepted.
    let ins = inspect(&hs256(r#"{"exp":"2000"}"#), Some(&key), &Clock::fixed(1500));
    assert_eq!(ins.time.status, TimeCheck::Unreadable);
    assert!(!ins.valid);
}

#[test]
fn cli_exits_1_for_an_expired_or_early_token_and_reports_both_halves() {
    let token = hs256(r#"{"sub":"1","nbf":1000,"exp":2000}"#);
    for (now, code_want, time, valid) in [
        ("1500", 0, "valid", true),
        ("2000", 1, "expired", false),
        ("2500", 1, "expired", false),
        ("999", 1, "not_yet_valid", false),
    ] {
        let (code, v) = run_json(&["jwt", &token, "--secret", SECRET, "--now", now, "--json"]);
        assert_eq!(code, code_want, "--now {now}: {v}");
        assert_eq!(v["signature"]["status"], "valid", "--now {now}");
        assert_eq!(v["verification"]["status"], "valid", "the old name stays");
        assert_eq!(v["time"]["status"], time, "--now {now}");
        assert!(v["time"]["reason"].as_str().unwrap().len() > 5);
        assert_eq!(v["valid"], valid, "--now {now}");
    }
    // Without a key the token is only decoded, but an expired one still exits 1.
    let (code, v) = run_json(&["jwt", &token, "--now", "1500", "--json"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["valid"], false, "nothing proved it valid");
    let (code, _) = run_json(&["jwt", &token, "--now", "2500", "--json"]);
    assert_eq!(code, 1);
    // The text report says it in words.
    let (code, out, _) = run(&["jwt", &token, "--secret", SECRET, "--now", "2500"]);
    assert_eq!(code, 1);
    assert!(out.contains("\nverification: signature valid — "), "{out}");
    assert!(out.contains("\ntime: expired — Not accepted now"), "{out}");
    assert!(out.contains("\nverdict: not valid — "), "{out}");
    let (_, out, _) = run(&["jwt", &token, "--secret", SECRET, "--now", "1500"]);
    assert!(out.contains("\nverdict: valid — "), "{out}");
}

fn session_with(
    token: &str,
    secret_text: &str,
) -> egui_kittest::Harness<'static, tokenlens::app::TokenLensApp> {
    session_with_encoding(token, secret_text, SecretEncoding::Utf8)
}

/// The Session tab with `token` pasted and `secret_text` typed into the secret field, read as `encoding`.
fn session_with_encoding(
    token: &str,
    secret_text: &str,
    encoding: SecretEncoding,
) -> egui_kittest::Harness<'static, tokenlens::app::TokenLensApp> {
    let mut h = crate::ui::harness(tokenlens::app::TokenLensApp::default());
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Session token")
        .click();
    h.run();
    h.state_mut().session.settings.secret_encoding = encoding;
    h.get_by_label("Encoded token").focus();
    h.run();
    h.get_by_label("Encoded token").type_text(token);
    h.run();
    if !secret_text.is_empty() {
        h.get_by_label("Secret").focus();
        h.run();
        h.get_by_label("Secret").type_text(secret_text);
        h.run();
    }
    h
}

#[test]
fn the_decoder_shows_the_combined_verdict() {
    // exp in 2001: long past on any clock this test runs on.
    let h = session_with(&hs256(r#"{"sub":"1","exp":1000000000}"#), SECRET);
    h.get_by_label("signature valid");
    h.get_by_label_contains("Not accepted now: exp has passed");
    h.get_by_label("not valid");
    // A far-future exp and the right key: valid.
    let h = session_with(&hs256(r#"{"sub":"1","exp":4000000000}"#), SECRET);
    h.get_by_label("signature valid");
    h.get_by_label("in its time window");
    h.get_by_label_contains("The signature checks out and the token is within its time window");
}

// 2. An HMAC key that decodes to zero bytes is refused.

/// An HS256 token over exactly these payload bytes, MACed with `key` by jsonwebtoken (the crate's own signer
/// re-serializes the payload and refuses an empty key).
fn hs256_raw(payload: &[u8], key: &[u8]) -> String {
    let input = format!(
        "{}.{}",
        tokenlens::session::encode_b64url(br#"{"alg":"HS256"}"#),
        tokenlens::session::encode_b64url(payload)
    );
    let sig = jsonwebtoken::crypto::sign(
        input.as_bytes(),
        &jsonwebtoken::EncodingKey::from_secret(key),
        jsonwebtoken::Algorithm::HS256,
    )
    .unwrap();
    format!("{input}.{sig}")
}

/// An HS256 token MACed with the empty key.
fn empty_key_token() -> String {
    hs256_raw(br#"{"sub":"forged","exp":4000000000}"#, &[])
}

#[test]
fn a_secret_that_decodes_to_nothing_is_refused_in_the_core() {
    let token = empty_key_token();
    for (text, encoding) in [
        ("=", SecretEncoding::Base64),
        (" ", SecretEncoding::Base64),
        ("==", SecretEncoding::Base64Url),
    ] {
        let key = KeyInput::Secret {
            text: text.into(),
            encoding,
        };
        let ins = inspect(&token, Some(&key), &Clock::fixed(0));
        assert_eq!(ins.verification.status, Status::KeyMismatch, "{text:?}");
        assert!(
            ins.verification.reason.to_string().contains("zero bytes"),
            "{}",
            ins.verification.reason
        );
        assert!(!ins.valid);
        assert_eq!(
            tokenlens::session::read_private_key(&key)
                .err()
                .map(|e| e.to_string()),
            Some(tokenlens::session::KeyError::EmptySecret.to_string()),
            "the signer refuses it too"
        );
    }
    // An oct JWK with an empty k is the same key.
    let jwk = KeyInput::Jwk(r#"{"kty":"oct","k":""}"#.into());
    let ins = inspect(&token, Some(&jwk), &Clock::fixed(0));
    assert!(!ins.valid);
    assert!(
        ins.verification.reason.to_string().contains("zero bytes"),
        "{}",
        ins.verification.reason
    );
}

#[test]
fn cli_refuses_an_empty_secret_with_exit_2() {
    let token = empty_key_token();
    for args in [
        ["--secret-base64", "="],
        ["--secret-base64", " "],
        ["--secret-base64", ""],
        ["--secret", ""],
    ] {
        let (code, out, err) = run(&["jwt", &token, args[0], args[1], "--json"]);
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(err.contains("empty after decoding"), "{args:?}: {err}");
    }
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("tokenlens-empty-oct-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("oct.json");
    std::fs::write(&path, r#"{"kty":"oct","k":""}"#).unwrap();
    let (code, v) = run_json(&["jwt", &token, "--key", path.to_str().unwrap(), "--json"]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["valid"], false);
    assert!(
        v["signature"]["reason"]
            .as_str()
            .unwrap()
            .contains("zero bytes"),
        "{v}"
    );
}

#[test]
fn the_decoder_refuses_an_empty_secret_in_words() {
    let h = session_with_encoding(&empty_key_token(), "=", SecretEncoding::Base64);
    h.get_by_label("key mismatch");
    h.get_by_label_contains("The secret is empty after decoding (zero bytes)");
    h.get_by_label("not valid");
}

// 3. Every decode failure exits 2.

#[test]
fn cli_exits_2_for_every_decode_failure() {
    let b = |s: &str| tokenlens::session::encode_b64url(s.as_bytes());
    let (h, p) = (b(r#"{"alg":"HS256"}"#), b(r#"{"sub":"1"}"#));
    let good = hs256(r#"{"sub":"1"}"#);
    let cases = [
        ("one segment", h.clone()),
        ("two segments", format!("{h}.{p}")),
        ("four segments", format!("{good}.AAAA")),
        ("six segments", format!("{good}.{p}.{p}.{p}")),
        ("header not JSON", format!("{}.{p}.AAAA", b("{alg"))),
        ("header an array", format!("{}.{p}.AAAA", b("[1]"))),
        (
            "header without alg",
            format!("{}.{p}.AAAA", b(r#"{"typ":"JWT"}"#)),
        ),
        ("payload with padding", format!("{h}.{p}==.AAAA")),
        (
            "signature with a standard-alphabet character",
            format!("{h}.{p}.AA+A"),
        ),
        ("signature of a bad length", format!("{h}.{p}.AAAAA")),
        ("not a token", "not a token".to_owned()),
        ("nothing", String::new()),
    ];
    for (what, token) in &cases {
        let (code, out, err) = run(&["jwt", token, "--json"]);
        assert_eq!(code, 2, "{what}: {out}");
        assert!(err.starts_with("tokenlens: "), "{what}: {err}");
        let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{what}: {e}: {out}"));
        assert!(!v["errors"].as_array().unwrap().is_empty(), "{what}: {v}");
        assert_eq!(v["valid"], false, "{what}");
        // The text report and a key change nothing.
        let (code, _, _) = run(&["jwt", token, "--secret", SECRET]);
        assert_eq!(code, 2, "{what} with a key");
    }
    let (code, _, err) = run(&["jwt", &format!("{h}.{p}")]);
    assert_eq!(code, 2);
    assert!(err.contains('2'), "the message gives the count: {err}");
}

// 4. A flood of dots is counted, not split into a record each.

#[test]
fn a_megabyte_of_dots_makes_a_handful_of_segments() {
    use tokenlens::session::{DecodeErrorKind, MAX_SEGMENTS, SegmentKind, decode};
    let dots = ".".repeat(1 << 20);
    let started = std::time::Instant::now();
    let d = decode(&dots);
    assert!(d.segments.len() <= MAX_SEGMENTS, "{}", d.segments.len());
    assert!(d.dots.len() < MAX_SEGMENTS);
    assert!(d.errors.len() <= MAX_SEGMENTS + 2, "{:?}", d.errors.len());
    let count = d
        .errors
        .iter()
        .find_map(|e| match e.kind {
            DecodeErrorKind::SegmentCount { found } => Some((found, e.to_string())),
            _ => None,
        })
        .unwrap();
    assert_eq!(count.0, (1 << 20) + 1);
    assert!(count.1.contains("1048577"), "{}", count.1);
    // The last recorded segment runs to the end of the input.
    assert_eq!(d.segments.last().unwrap().input_range.end, dots.len());
    assert_eq!(d.segments.last().unwrap().kind, SegmentKind::Extra);
    let ins = inspect(&dots, None, &Clock::fixed(0));
    let json = tokenlens::session::report_json(&ins).to_string();
    assert!(json.len() < 10_000, "{} bytes of JSON", json.len());
    assert!(started.elapsed().as_secs() < 20);

    // A real token with four extra dots: the fifth segment onwards keeps its bytes.
    let token = format!("{}.a.b.c.d", hs256(r#"{"sub":"1"}"#));
    let d = decode(&token);
    assert_eq!(d.segments.len(), MAX_SEGMENTS);
    assert!(d.header.is_some(), "the header still decodes");
    assert_eq!(
        &token[d.segments[5].input_range.clone()],
        "c.d",
        "the last segment keeps the rest"
    );
}

#[test]
fn cli_reports_the_dot_count_and_exits_2() {
    let dots = ".".repeat(1 << 20);
    let (code, out, err) = crate::cli_ai::run(&["jwt", "-", "--json"], Some(dots.as_bytes()));
    assert_eq!(code, 2);
    assert!(err.contains("1048577 segments"), "{err}");
    assert!(out.len() < 10_000, "{} bytes of JSON", out.len());
}

// 5. serde_json's arbitrary_precision marker key is an object, not a number.

#[test]
fn the_number_marker_key_is_shown_as_an_object() {
    use tokenlens::session::{Payload, decode};
    const MARKER: &str = "$serde_json::private::Number";
    let token = hs256_raw(
        br#"{"sub":"1","exp":{"\u0024serde_json::private::Number":"4000000000"},"n":{"$serde_json::private::Number":"1"}}"#,
        SECRET.as_bytes(),
    );
    let d = decode(&token);
    let Payload::Json(part) = &d.payload else {
        panic!("a JSON payload: {:?}", d.payload)
    };
    assert!(part.object["n"].is_object(), "{:?}", part.object["n"]);
    assert_eq!(part.object["n"][MARKER], "1");
    assert!(part.object["exp"].is_object());
    // An exp that is an object is no NumericDate: the lifetime cannot be checked, so the token is not valid.
    let ins = inspect(&token, Some(&secret(SECRET)), &Clock::fixed(0));
    assert_eq!(ins.verification.status, Status::Valid);
    assert_eq!(ins.time.status, TimeCheck::Unreadable);
    assert!(!ins.valid);
    assert!(
        ins.views.payload.text().contains(MARKER),
        "{}",
        ins.views.payload.text()
    );
    let n = ins.claims.iter().find(|c| c.name == "n").unwrap();
    assert_eq!(n.preview, r#"{"$serde_json::private::Number":"1"}"#);
    // The CLI prints the object (read back without serde_json, which would turn it into a number again).
    let (code, out, _) = run(&["jwt", &token, "--secret", SECRET, "--now", "0", "--json"]);
    assert_eq!(code, 1);
    assert!(out.contains(r#""n": {"#), "{out}");
    assert!(out.contains(&format!(r#""{MARKER}": "1""#)), "{out}");
    // A header that is nothing but the marker is an object without alg, not a number.
    let d = decode(&format!(
        "{}.e30.AAAA",
        tokenlens::session::encode_b64url(br#"{"$serde_json::private::Number":"7"}"#)
    ));
    assert!(d.header.is_some(), "{:?}", d.errors);
    assert!(d.alg.is_none());
}

// 6. A lone JWK is used whatever kid says; a JWKS without the kid tries each key that fits.

fn sample(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/assets/samples/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .trim()
    .to_owned()
}

/// The JWK with `kid` from the sample JWKS, with its kid replaced (`None` removes it).
fn sample_jwk(kid: &str, new_kid: Option<&str>) -> Value {
    let jwks: Value = serde_json::from_str(&sample("keys/jwks_public.json")).unwrap();
    let mut jwk = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kid"] == kid)
        .unwrap()
        .clone();
    let obj = jwk.as_object_mut().unwrap();
    obj.shift_remove("kid");
    if let Some(new_kid) = new_kid {
        obj.insert("kid".into(), new_kid.into());
    }
    jwk
}

fn codes(ins: &tokenlens::session::Inspection) -> Vec<&'static str> {
    ins.findings.iter().map(|f| f.code).collect()
}

#[test]
fn a_lone_jwk_is_used_whatever_the_token_kid_says() {
    let token = sample("tokens/rs256.jwt"); // kid demo-rsa
    for (new_kid, finding) in [
        (None, true),
        (Some("rotated-2024"), true),
        (Some("demo-rsa"), false),
    ] {
        let jwk = KeyInput::Jwk(sample_jwk("demo-rsa", new_kid).to_string());
        let ins = inspect(&token, Some(&jwk), &Clock::fixed(0));
        assert_eq!(
            ins.verification.status,
            Status::Valid,
            "{new_kid:?}: {}",
            ins.verification.reason
        );
        let info = ins.findings.iter().find(|f| f.code == "kid_not_matched");
        assert_eq!(info.is_some(), finding, "{new_kid:?}: {:?}", codes(&ins));
        if let Some(info) = info {
            assert_eq!(info.severity, tokenlens::session::Severity::Info);
            assert!(
                info.message.to_string().contains("\"demo-rsa\""),
                "{}",
                info.message
            );
            assert!(
                ins.verification.reason.to_string().contains("single JWK"),
                "{}",
                ins.verification.reason
            );
        }
    }
    // The wrong lone key says so, and names the kid it ignored.
    let jwk = KeyInput::Jwk(sample_jwk("demo-p256", None).to_string());
    let ins = inspect(&token, Some(&jwk), &Clock::fixed(0));
    assert_ne!(ins.verification.status, Status::Valid);
    assert!(
        ins.verification.reason.to_string().contains("demo-rsa"),
        "{}",
        ins.verification.reason
    );
    // An oct JWK without kid, the commonest way to hold one HMAC key.
    let token = sign_token(
        r#"{"kid":"k1"}"#,
        r#"{"sub":"1"}"#,
        Some(Alg::HS256),
        &secret(SECRET),
    )
    .unwrap();
    let k = tokenlens::session::encode_b64url(SECRET.as_bytes());
    let jwk = KeyInput::Jwk(format!(r#"{{"kty":"oct","k":"{k}"}}"#));
    assert_eq!(
        inspect(&token, Some(&jwk), &Clock::fixed(0))
            .verification
            .status,
        Status::Valid
    );
}

#[test]
fn a_jwks_without_the_kid_tries_each_key_that_fits() {
    let jwks: Value = serde_json::from_str(&sample("keys/jwks_public.json")).unwrap();
    // The sample JWKS with demo-p256 renamed: es256.jwt's kid is in no key now.
    let mut renamed = jwks.clone();
    for k in renamed["keys"].as_array_mut().unwrap() {
        if k["kid"] == "demo-p256" {
            k["kid"] = "renamed-p256".into();
        }
    }
    let (token, set) = (
        sample("tokens/es256.jwt"),
        KeyInput::Jwk(renamed.to_string()),
    );
    let ins = inspect(&token, Some(&set), &Clock::fixed(0));
    assert_eq!(
        ins.verification.status,
        Status::Valid,
        "{}",
        ins.verification.reason
    );
    let why = ins.verification.reason.to_string();
    assert!(
        why.contains("renamed-p256") && why.contains("demo-p256"),
        "{why}"
    );
    assert!(codes(&ins).contains(&"kid_not_matched"));
    // The keys that fit are tried and none verifies (the payload was swapped): the reason says so.
    let parts: Vec<&str> = token.split('.').collect();
    let swapped = format!("{}.e30.{}", parts[0], parts[2]);
    let ins = inspect(&swapped, Some(&set), &Clock::fixed(0));
    assert_eq!(ins.verification.status, Status::Invalid);
    let why = ins.verification.reason.to_string();
    assert!(
        why.contains("none verified") && why.contains("renamed-p256"),
        "{why}"
    );
    // No key fits: the reason says so and lists why each key was passed over.
    let mut set: Value = jwks.clone();
    set["keys"]
        .as_array_mut()
        .unwrap()
        .retain(|k| k["kid"] != "demo-p256");
    let ins = inspect(
        &sample("tokens/es256.jwt"),
        Some(&KeyInput::Jwk(set.to_string())),
        &Clock::fixed(0),
    );
    assert_eq!(ins.verification.status, Status::KeyMismatch);
    let why = ins.verification.reason.to_string();
    assert!(why.contains("no other key fits"), "{why}");
    assert!(why.contains("demo-rsa"), "{why}");
    // A key for encryption is not tried.
    let mut set: Value = jwks.clone();
    for k in set["keys"].as_array_mut().unwrap() {
        if k["kid"] == "demo-p256" {
            k["kid"] = "x".into();
            k["use"] = "enc".into();
        }
    }
    let ins = inspect(
        &sample("tokens/es256.jwt"),
        Some(&KeyInput::Jwk(set.to_string())),
        &Clock::fixed(0),
    );
    assert_ne!(
        ins.verification.status,
        Status::Valid,
        "{}",
        ins.verification.reason
    );
    // A key whose kid matches but fails is not replaced by another key.
    let ins = inspect(
        &sample("tokens/rs384.jwt"),
        Some(&KeyInput::Jwk(jwks.to_string())),
        &Clock::fixed(0),
    );
    assert_eq!(ins.verification.status, Status::KeyMismatch);
}

#[test]
fn cli_and_decoder_verify_with_a_lone_jwk_without_kid() {
    let token = sample("tokens/rs256.jwt");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("tokenlens-lone-jwk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("key.json");
    let jwk = sample_jwk("demo-rsa", None).to_string();
    std::fs::write(&path, &jwk).unwrap();
    let (code, v) = run_json(&["jwt", &token, "--key", path.to_str().unwrap(), "--json"]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["signature"]["status"], "valid");
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "kid_not_matched" && f["severity"] == "info"),
        "{v}"
    );

    let mut h = crate::ui::harness(tokenlens::app::TokenLensApp::default());
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Session token")
        .click();
    h.run();
    h.get_by_label("Encoded token").focus();
    h.run();
    h.get_by_label("Encoded token").type_text(&token);
    h.run();
    h.get_by_label("JWK / JWKS").click();
    h.run();
    h.get_by_label("JWK or JWKS").focus();
    h.run();
    h.get_by_label("JWK or JWKS").type_text(&jwk);
    h.run();
    h.get_by_label("signature valid");
    h.get_by_label_contains("with the single JWK (without kid)");
    h.get_by_label_contains("is not the JWK's (without kid)");
}
