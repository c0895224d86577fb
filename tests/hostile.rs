//! Every row of the hostile-input table in research/jwt.md §4: a clear, positioned error and no panic.

use tokenlens::session::{
    B64Error, Clock, DecodeErrorKind, Format, KeyError, KeyInput, Payload, SecretEncoding,
    SegmentKind, Status, Stripped, decode, encode_b64url, inspect, parse_key, sign_token,
};

fn clock() -> Clock {
    Clock::fixed(1_795_000_000)
}

fn secret(s: &str) -> KeyInput {
    KeyInput::Secret {
        text: s.into(),
        encoding: SecretEncoding::Utf8,
    }
}

/// A token with exactly these header and payload bytes and a junk signature.
fn raw(header: &str, payload: &str) -> String {
    format!(
        "{}.{}.c2ln",
        encode_b64url(header.as_bytes()),
        encode_b64url(payload.as_bytes())
    )
}

fn hs256(header: &str, payload: &str) -> String {
    sign_token(
        header,
        payload,
        Some(tokenlens::session::Alg::HS256),
        &secret("0123456789abcdef0123456789abcdef"),
    )
    .unwrap()
}

fn codes(ins: &tokenlens::session::Inspection) -> Vec<&'static str> {
    ins.findings.iter().map(|f| f.code).collect()
}

#[test]
fn empty_one_and_two_segments() {
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
    assert!(!d.errors[0].message().is_empty());
}

#[test]
fn four_segments_and_jwe() {
    let d = decode("eyJhbGciOiJIUzI1NiJ9.e30.c2ln.c2ln");
    assert_eq!(d.errors[0].kind, DecodeErrorKind::SegmentCount { found: 4 });
    assert!(d.errors[0].message().contains('4'));
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
fn whitespace_newlines_bearer_and_quotes_are_stripped_and_reported() {
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
fn interior_space_is_pointed_at() {
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
fn padding_standard_alphabet_and_noncanonical() {
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
    assert!(e.message().contains("padding"));

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
    assert!(e.message().contains("base64url"));
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
fn nul_bytes() {
    let d = decode("eyJhbGciOiJIUzI1NiJ9\0.e30.c2ln");
    assert!(matches!(
        d.errors[0].kind,
        DecodeErrorKind::Base64 {
            error: B64Error::InvalidChar { ch: '\0', .. },
            ..
        }
    ));
    assert!(
        d.errors[0].message().contains("\\0"),
        "the NUL is shown escaped: {}",
        d.errors[0].message()
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
fn headers_that_are_not_objects_or_lack_alg() {
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
fn duplicate_payload_keys_are_warned() {
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
    assert!(f.message.contains("/sub"));
}

#[test]
fn non_json_and_non_utf8_payloads() {
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
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = "[".repeat(100_000);
    let d = decode(&raw(&deep, "{}"));
    assert!(matches!(d.errors[0].kind, DecodeErrorKind::NotJson { .. }));
    let ins = inspect(&raw(r#"{"alg":"HS256"}"#, &deep), None, &clock());
    assert!(matches!(ins.decoded.payload, Payload::Text(_)));
}

#[test]
fn huge_inputs_are_capped_and_large_ones_decode() {
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
fn odd_numeric_dates() {
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

const RSA_PUBLIC: &str = include_str!("../assets/samples/keys/rsa_public_spki.pem");

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
        ins.verification.reason.contains("algorithm-confusion"),
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
        assert!(ins.verification.reason.contains("32"));
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
    let hits: Vec<&str> = ins
        .findings
        .iter()
        .filter(|f| f.code == "invisible_chars")
        .map(|f| f.message.as_str())
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
            ins.verification.reason.starts_with("Not accepted"),
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
