//! Hostile tokens, continued: `alg` tricks, unknown algorithms and the cases after them.

use super::*;

#[test]
fn alg_none_in_every_casing() {
    for alg in ["none", "None", "NONE", "nOnE"] {
        let t = format!(
            "{}.{}.",
            encode_b64url(format!(r#"{{"alg":"{alg}"}}"#).as_bytes()),
            encode_b64url(b"{}")
        );
        let ins = inspect(&t, Some(&secret("x")), &clock());
        assert_eq!(ins.verification.status, Status::Unsigned, "{alg}");
        assert!(codes(&ins).contains(&"alg_none"), "{alg}");
        // Even with a signature attached, none is never valid.
        let ins = inspect(&format!("{t}c2ln"), Some(&secret("x")), &clock());
        assert_eq!(
            ins.verification.status,
            Status::Unsigned,
            "{alg} with a signature"
        );
    }
}

#[test]
fn unknown_algs_still_decode() {
    for alg in ["ML-DSA-44", "hs256", "RS1", "Ed448"] {
        let ins = inspect(
            &raw(&format!(r#"{{"alg":"{alg}"}}"#), r#"{"sub":"a"}"#),
            Some(&secret("x")),
            &clock(),
        );
        assert_eq!(ins.verification.status, Status::Unsupported, "{alg}");
        assert_eq!(ins.decoded.alg.as_deref(), Some(alg));
        assert_eq!(ins.claims.len(), 1);
    }
}

#[test]
fn crit_and_b64() {
    let ins = inspect(
        &raw(r#"{"alg":"HS256","crit":["exp-ext"],"exp-ext":1}"#, "{}"),
        None,
        &clock(),
    );
    assert!(codes(&ins).contains(&"crit_unknown"));
    let ins = inspect(&raw(r#"{"alg":"HS256","b64":false}"#, "{}"), None, &clock());
    assert!(codes(&ins).contains(&"b64_false"));
    // RFC 7797: with b64 false the payload segment is raw text, not base64url.
    let d = decode("eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19.$02 raw.c2ln");
    assert_eq!(
        d.segment(SegmentKind::Payload).unwrap().decoded.as_deref(),
        Ok(&b"$02 raw"[..])
    );
}

#[test]
fn suspicious_kid_values() {
    for kid in [
        r#""../../dev/null""#,
        r#""x' OR '1'='1""#,
        "42",
        &format!("\"{}\"", "k".repeat(300)),
    ] {
        let ins = inspect(
            &raw(&format!(r#"{{"alg":"HS256","kid":{kid}}}"#), "{}"),
            None,
            &clock(),
        );
        assert!(codes(&ins).contains(&"suspicious_kid"), "kid {kid}");
    }
}

#[test]
fn keys_asserted_by_the_token() {
    for name in ["jku", "x5u", "jwk", "x5c"] {
        let ins = inspect(
            &raw(
                &format!(r#"{{"alg":"RS256","{name}":"http://attacker.invalid/k"}}"#),
                "{}",
            ),
            None,
            &clock(),
        );
        assert!(codes(&ins).contains(&"key_in_header"), "{name}");
    }
}

const RSA_PUBLIC: &str = include_str!("../../assets/samples/keys/rsa_public_spki.pem");

#[test]
fn algorithm_confusion_is_refused() {
    // The classic forgery: HS256 signed with the bytes of the server's RSA public key.
    let forged = sign_token(
        r#"{"typ":"JWT"}"#,
        r#"{"sub":"admin"}"#,
        Some(tokenlens::session::Alg::HS256),
        &KeyInput::Secret {
            text: RSA_PUBLIC.into(),
            encoding: SecretEncoding::Utf8,
        },
    );
    assert!(
        forged.is_err(),
        "the encoder refuses PEM text as a secret too"
    );
    let t = {
        // Build the forgery by hand with HMAC over the PEM bytes.
        use tokenlens::session::{PrivateKey, sign_bytes};
        let input = format!(
            "{}.{}",
            encode_b64url(br#"{"alg":"HS256"}"#),
            encode_b64url(br#"{"sub":"admin"}"#)
        );
        let sig = sign_bytes(
            tokenlens::session::Alg::HS256,
            &PrivateKey::Hmac(RSA_PUBLIC.as_bytes().to_vec()),
            input.as_bytes(),
        )
        .unwrap();
        format!("{input}.{sig}")
    };
    let ins = inspect(&t, Some(&secret(RSA_PUBLIC)), &clock());
    assert_eq!(ins.verification.status, Status::KeyMismatch);
    assert!(
        ins.verification
            .reason
            .to_string()
            .contains("algorithm-confusion"),
        "{}",
        ins.verification.reason
    );
    assert!(codes(&ins).contains(&"alg_confusion"));
    let ins = inspect(&t, Some(&KeyInput::Pem(RSA_PUBLIC.into())), &clock());
    assert_eq!(ins.verification.status, Status::KeyMismatch);
    assert!(codes(&ins).contains(&"alg_confusion"));
}

#[test]
fn jwk_alg_use_and_key_ops_are_enforced() {
    let t = hs256("{}", r#"{"sub":"a"}"#);
    let k = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY";
    for (extra, ok) in [
        (r#""alg":"HS256""#, true),
        (r#""alg":"HS512""#, false),
        (r#""use":"enc""#, false),
        (r#""key_ops":["sign"]"#, false),
        (r#""key_ops":["verify"]"#, true),
    ] {
        let jwk = format!(r#"{{"kty":"oct","k":"{k}",{extra}}}"#);
        let ins = inspect(&t, Some(&KeyInput::Jwk(jwk)), &clock());
        let want = if ok {
            Status::Valid
        } else {
            Status::KeyMismatch
        };
        assert_eq!(
            ins.verification.status, want,
            "{extra}: {}",
            ins.verification.reason
        );
    }
}

#[test]
fn bad_key_material_never_panics() {
    let ed = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
    for x in ["AAAA", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURoAAAA"] {
        let jwk = format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{x}"}}"#);
        let ins = inspect(ed, Some(&KeyInput::Jwk(jwk)), &clock());
        assert_eq!(
            ins.verification.status,
            Status::KeyMismatch,
            "x={x}: {}",
            ins.verification.reason
        );
        assert!(ins.verification.reason.to_string().contains("32"));
    }
    // An EC point that is not on the curve.
    let jwk = r#"{"kty":"EC","crv":"P-256","x":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","y":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#;
    assert!(
        matches!(parse_key(&KeyInput::Jwk(jwk.into())), Ok(tokenlens::session::ParsedKey::Jwks(ref v)) if v[0].key.is_err())
    );
    // A tiny RSA modulus.
    let jwk = r#"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#;
    let t = raw(r#"{"alg":"RS256"}"#, "{}");
    let ins = inspect(&t, Some(&KeyInput::Jwk(jwk.into())), &clock());
    assert_ne!(ins.verification.status, Status::Valid);
    // An empty secret.
    assert!(matches!(parse_key(&secret("")), Err(KeyError::Empty)));
    let ins = inspect(&hs256("{}", "{}"), Some(&secret("")), &clock());
    assert_eq!(ins.verification.status, Status::NotChecked);
    // Garbage PEM.
    let ins = inspect(
        &hs256("{}", "{}"),
        Some(&KeyInput::Pem(
            "-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----".into(),
        )),
        &clock(),
    );
    assert_eq!(ins.verification.status, Status::NotChecked);
}

#[test]
fn multibyte_emoji_rtl_and_zero_width_claims() {
    let payload =
        r#"{"name":"Ada 示例 👩🏽‍💻","iss":"https://accounts.go\u200bogle.com","x":"\u202Eevil"}"#;
    let ins = inspect(&raw(r#"{"alg":"HS256"}"#, payload), None, &clock());
    let hits: Vec<String> = ins
        .findings
        .iter()
        .filter(|f| f.code == "invisible_chars")
        .map(|f| f.message.to_string())
        .collect();
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert!(hits.iter().any(|m| m.contains("U+200B")));
    assert!(ins.views.payload.text().contains("go\\u{200B}ogle"));
    assert!(
        ins.views.payload.text().contains("示例 👩🏽\u{200d}💻"),
        "ZWJ inside an emoji sequence is kept"
    );
}

#[test]
fn multibyte_whitespace_inside_a_token_is_underlined_whole() {
    // Found by the fuzz target: a pasted non-breaking or thin space is 2–3 bytes long.
    for space in ['\u{a0}', '\u{2009}', '\u{3000}'] {
        let t = hs256("{}", r#"{"sub":"a"}"#);
        let broken = format!("{}{space}{}", &t[..10], &t[10..]);
        let d = decode(&broken);
        let e = &d.errors[0];
        assert_eq!(e.input_range, 10..10 + space.len_utf8(), "{space:?}");
        assert!(broken.is_char_boundary(e.input_range.end));
        let ins = inspect(&broken, None, &clock());
        assert!(
            ins.views
                .token
                .spans()
                .iter()
                .any(|s| s.kind == tokenlens::text::SpanKind::Error),
            "underlined in the view"
        );
    }
}

#[test]
fn crit_that_cannot_be_honoured_is_never_valid() {
    let key = secret("0123456789abcdef0123456789abcdef");
    for header in [
        r#"{"crit":["exp"],"exp":1}"#,
        r#"{"crit":[]}"#,
        r#"{"crit":"b64"}"#,
        r#"{"crit":["b64"]}"#,
        r#"{"b64":false}"#,
    ] {
        let t = hs256(header, r#"{"sub":"a"}"#);
        let ins = inspect(&t, Some(&key), &clock());
        assert_eq!(
            ins.verification.status,
            Status::Invalid,
            "{header}: {}",
            ins.verification.reason
        );
        assert!(
            ins.verification
                .reason
                .to_string()
                .starts_with("Not accepted"),
            "{}",
            ins.verification.reason
        );
    }
}

#[test]
fn unencoded_payload_members_map_one_to_one() {
    // RFC 7797: with b64 false the payload is raw; links must not use the base64 ratio (found in review: a
    // non-ASCII raw payload made a link end inside a character).
    let header = encode_b64url(br#"{"alg":"HS256","b64":false,"crit":["b64"]}"#);
    let t = format!("{header}.{{\"a\":12,\"é\":1}}.c2ln");
    let ins = inspect(&t, None, &clock());
    let a = ins.views.links.iter().find(|l| l.name == "a").unwrap();
    assert_eq!(&t[a.token_range.clone()], "\"a\":12");
    for link in &ins.views.links {
        assert!(
            t.is_char_boundary(link.token_range.start) && t.is_char_boundary(link.token_range.end)
        );
    }
}

#[test]
fn secret_error_offsets_count_leading_whitespace() {
    let err = tokenlens::session::secret_bytes("  a-b", SecretEncoding::Base64).unwrap_err();
    assert_eq!(err, KeyError::SecretBase64 { at: 3 });
}
