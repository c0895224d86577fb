//! The demo tokens in assets/samples/tokens were made by an independent Python implementation
//! (make_tokens.py, `cryptography`), so verifying them here is a cross-implementation check. The encoder's
//! output is checked the other way round: our signatures verify with the demo public keys.

use serde_json::Value;
use tokenlens::session::{
    Alg, Clock, Format, KeyInput, SecretEncoding, Status, inspect, sign_token,
};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples");

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn key_for(file: &str) -> KeyInput {
    let text = read(&format!("keys/{file}"));
    let ext = std::path::Path::new(file)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    if ext == "txt" {
        KeyInput::Secret {
            text: text.trim_end().to_owned(),
            encoding: SecretEncoding::Utf8,
        }
    } else if ext == "json" {
        KeyInput::Jwk(text)
    } else {
        KeyInput::Pem(text)
    }
}

#[test]
fn every_sample_token_meets_its_manifest() {
    let manifest: Value = serde_json::from_str(&read("tokens/manifest.json")).unwrap();
    let entries = manifest.as_array().expect("manifest is a list");
    assert!(entries.len() >= 17);
    let clock = Clock::fixed(1_795_000_000);
    for e in entries {
        let file = e["file"].as_str().unwrap();
        let token = read(&format!("tokens/{file}"));
        let expect = e["expect"].as_str().unwrap();
        let key = e["key_file"]
            .as_str()
            .filter(|_| expect != "encrypted")
            .map(key_for);
        let ins = inspect(&token, key.as_ref(), &clock);
        assert!(
            ins.decoded.errors.is_empty(),
            "{file}: {:?}",
            ins.decoded.errors
        );
        match expect {
            "valid" => assert_eq!(
                ins.verification.status,
                Status::Valid,
                "{file}: {}",
                ins.verification.reason
            ),
            "invalid" => assert_eq!(ins.verification.status, Status::Invalid, "{file}"),
            "unsigned" => assert_eq!(ins.verification.status, Status::Unsigned, "{file}"),
            "encrypted" => assert_eq!(ins.decoded.format, Format::Jwe, "{file}"),
            other => panic!("{file}: unknown expectation {other}"),
        }
    }
}

#[test]
fn sample_claims_keep_cjk_and_order() {
    let ins = inspect(&read("tokens/es256.jwt"), None, &Clock::fixed(0));
    let names: Vec<&str> = ins.claims.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names[..3], ["iss", "sub", "aud"]);
    let name = ins.claims.iter().find(|c| c.name == "name").unwrap();
    assert_eq!(name.value, "Ada 示例");
}

#[test]
fn jwks_picks_the_key_by_kid() {
    let jwks = key_for("jwks_public.json");
    for file in [
        "es256.jwt",
        "es384.jwt",
        "es512.jwt",
        "es256k.jwt",
        "eddsa.jwt",
        "rs256.jwt",
    ] {
        let ins = inspect(
            &read(&format!("tokens/{file}")),
            Some(&jwks),
            &Clock::fixed(0),
        );
        assert_eq!(
            ins.verification.status,
            Status::Valid,
            "{file}: {}",
            ins.verification.reason
        );
        assert!(
            ins.verification.reason.to_string().contains("demo-"),
            "the reason names the kid"
        );
    }
    // rs384 reuses kid demo-rsa, whose JWK says alg RS256: the JWK's alg must win.
    let ins = inspect(&read("tokens/rs384.jwt"), Some(&jwks), &Clock::fixed(0));
    assert_eq!(
        ins.verification.status,
        Status::KeyMismatch,
        "{}",
        ins.verification.reason
    );
}

#[test]
fn encoder_round_trips_every_algorithm() {
    let pairs: [(Alg, &str, &str); 13] = [
        (Alg::RS256, "rsa_private_pkcs8.pem", "rsa_public_spki.pem"),
        (Alg::RS384, "rsa_private_pkcs1.pem", "rsa_public_pkcs1.pem"),
        (Alg::RS512, "rsa_private_pkcs8.pem", "rsa_cert.pem"),
        (Alg::PS256, "rsa_private_pkcs8.pem", "rsa_public_spki.pem"),
        (Alg::PS384, "rsa_private_pkcs8.pem", "rsa_public_spki.pem"),
        (Alg::PS512, "jwk_private_rsa.json", "rsa_public_spki.pem"),
        (Alg::ES256, "ec_p256_private_pkcs8.pem", "ec_p256_cert.pem"),
        (
            Alg::ES384,
            "ec_p384_private_pkcs8.pem",
            "ec_p384_public_spki.pem",
        ),
        (
            Alg::ES512,
            "ec_p521_private_pkcs8.pem",
            "ec_p521_public_spki.pem",
        ),
        (
            Alg::ES256K,
            "ec_secp256k1_private_pkcs8.pem",
            "ec_secp256k1_public_spki.pem",
        ),
        (
            Alg::EdDSA,
            "ed25519_private_pkcs8.pem",
            "ed25519_public_spki.pem",
        ),
        (
            Alg::ES256,
            "jwk_private_p256.json",
            "ec_p256_public_spki.pem",
        ),
        (
            Alg::EdDSA,
            "jwk_private_ed25519.json",
            "ed25519_public_spki.pem",
        ),
    ];
    let header = r#"{"typ":"JWT","kid":"x"}"#;
    let payload = r#"{"sub":"round-trip","名字":"词元","n":1}"#;
    for (alg, private, public) in pairs {
        let token = sign_token(header, payload, Some(alg), &key_for(private))
            .unwrap_or_else(|e| panic!("{alg} with {private}: {e}"));
        let ins = inspect(&token, Some(&key_for(public)), &Clock::fixed(0));
        assert_eq!(
            ins.verification.status,
            Status::Valid,
            "{alg} {private} → {public}: {}",
            ins.verification.reason
        );
        let keys: Vec<&String> = ins.decoded.header.as_ref().unwrap().object.keys().collect();
        assert_eq!(
            keys,
            ["typ", "kid", "alg"],
            "header order kept, alg appended"
        );
        assert_eq!(ins.claims[1].name, "名字");
    }
    for alg in [Alg::HS256, Alg::HS384, Alg::HS512] {
        let token = sign_token(header, payload, Some(alg), &key_for("hmac_secret.txt")).unwrap();
        let ins = inspect(&token, Some(&key_for("hmac_secret.txt")), &Clock::fixed(0));
        assert_eq!(ins.verification.status, Status::Valid, "{alg}");
    }
    let none = sign_token(header, payload, None, &key_for("hmac_secret.txt")).unwrap();
    assert!(none.ends_with('.'));
    assert_eq!(
        inspect(&none, None, &Clock::fixed(0)).verification.status,
        Status::Unsigned
    );
}

#[test]
fn encoder_refuses_wrong_key_types() {
    let err = sign_token(
        "{}",
        "{}",
        Some(Alg::ES256),
        &key_for("rsa_private_pkcs8.pem"),
    )
    .unwrap_err();
    assert!(err.to_string().contains("ES256"), "{err}");
    let err = sign_token(
        "{}",
        "{}",
        Some(Alg::RS256),
        &key_for("rsa_public_spki.pem"),
    )
    .unwrap_err();
    assert!(err.to_string().contains("public key"), "{err}");
    let err = sign_token("[1]", "{}", Some(Alg::HS256), &key_for("hmac_secret.txt")).unwrap_err();
    assert!(err.to_string().contains("header"), "{err}");
    let err = sign_token("{}", "{oops", Some(Alg::HS256), &key_for("hmac_secret.txt")).unwrap_err();
    assert!(err.to_string().contains("payload"), "{err}");
}
