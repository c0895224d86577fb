//! Hostile keys (issue 13): an RSA public key smuggled into the HMAC secret in every disguise, certificate chains,
//! private JWKs given to verify with, oversized key sets, and the wording of short secrets. Each family is checked
//! in the core, the CLI (exit code and message) and the Session tab (through AccessKit labels).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use egui_kittest::kittest::Queryable as _;
use serde_json::Value;
use tokenlens::session::{
    Clock, KeyError, KeyInput, MAX_JWKS_KEYS, SecretEncoding, Severity, Status, Verdict,
    encode_b64url, inspect, read_pem,
};
use tokenlens::ui::session::KeyKind;

fn asset(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/assets/samples/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn data(path: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/data/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The base64 between a PEM's BEGIN and END lines, on one line.
fn pem_body(pem: &str) -> String {
    pem.lines().filter(|l| !l.starts_with("-----")).collect()
}

fn pem_der(pem: &str) -> Vec<u8> {
    STANDARD.decode(pem_body(pem)).unwrap()
}

/// An HS256 token over `payload`, MACed with exactly `key` (jsonwebtoken's own signer).
fn hs256_with(key: &[u8]) -> String {
    let input = format!(
        "{}.{}",
        encode_b64url(br#"{"alg":"HS256","typ":"JWT"}"#),
        encode_b64url(br#"{"sub":"admin","exp":4000000000}"#)
    );
    let sig = jsonwebtoken::crypto::sign(
        input.as_bytes(),
        &jsonwebtoken::EncodingKey::from_secret(key),
        jsonwebtoken::Algorithm::HS256,
    )
    .unwrap();
    format!("{input}.{sig}")
}

/// A forgery of the algorithm-confusion attack: a token MACed with the public key's bytes, and the key as a user
/// would enter it so that it decodes to exactly those bytes.
struct Disguise {
    what: &'static str,
    key: KeyInput,
    token: String,
}

fn disguises() -> Vec<Disguise> {
    let spki = asset("keys/rsa_public_spki.pem");
    let pkcs1 = asset("keys/rsa_public_pkcs1.pem");
    let cert = asset("keys/rsa_cert.pem");
    let secret = |text: String, encoding| KeyInput::Secret { text, encoding };
    let mut out = vec![
        Disguise {
            what: "base64 of the PEM",
            key: secret(STANDARD.encode(&spki), SecretEncoding::Base64),
            token: hs256_with(spki.as_bytes()),
        },
        Disguise {
            what: "base64url of the PEM",
            key: secret(encode_b64url(spki.as_bytes()), SecretEncoding::Base64Url),
            token: hs256_with(spki.as_bytes()),
        },
        Disguise {
            what: "an oct JWK whose k holds the PEM",
            key: KeyInput::Jwk(format!(
                r#"{{"kty":"oct","k":"{}"}}"#,
                encode_b64url(spki.as_bytes())
            )),
            token: hs256_with(spki.as_bytes()),
        },
        Disguise {
            what: "an oct JWK whose k holds the DER",
            key: KeyInput::Jwk(format!(
                r#"{{"keys":[{{"kty":"oct","kid":"hs","k":"{}"}}]}}"#,
                encode_b64url(&pem_der(&spki))
            )),
            token: hs256_with(&pem_der(&spki)),
        },
    ];
    for (name, pem) in [
        ("SPKI", &spki),
        ("PKCS#1", &pkcs1),
        ("a certificate", &cert),
    ] {
        out.push(Disguise {
            what: Box::leak(format!("the PEM body of {name}, typed as text").into_boxed_str()),
            key: secret(pem_body(pem), SecretEncoding::Utf8),
            token: hs256_with(pem_body(pem).as_bytes()),
        });
        out.push(Disguise {
            what: Box::leak(format!("raw DER of {name} (as base64)").into_boxed_str()),
            key: secret(pem_body(pem), SecretEncoding::Base64),
            token: hs256_with(&pem_der(pem)),
        });
    }
    out
}

#[test]
fn every_disguise_of_a_public_key_as_hmac_secret_is_refused_in_the_core() {
    for d in disguises() {
        // The forgery is real: without the guard, the bytes the key decodes to verify the token.
        let ins = inspect(&d.token, Some(&d.key), &Clock::fixed(0));
        assert_eq!(
            ins.verification.status,
            Status::KeyMismatch,
            "{}: {}",
            d.what,
            ins.verification.reason
        );
        assert!(!ins.valid, "{}", d.what);
        assert_eq!(ins.verdict(), Verdict::Invalid, "{}", d.what);
        let confusion = ins
            .findings
            .iter()
            .find(|f| f.code == "alg_confusion")
            .unwrap_or_else(|| panic!("{}: {:?}", d.what, ins.findings));
        assert_eq!(confusion.severity, Severity::Critical, "{}", d.what);
        assert!(
            ins.verification
                .reason
                .to_string()
                .contains("algorithm-confusion")
                || ins.verification.reason.to_string().contains("forge"),
            "{}: {}",
            d.what,
            ins.verification.reason
        );
    }
    // The forged bytes do verify when nothing checks them: the guard is what stops it.
    let spki = asset("keys/rsa_public_spki.pem");
    let t = hs256_with(spki.as_bytes());
    let (input, sig) = t.rsplit_once('.').unwrap();
    assert!(
        jsonwebtoken::crypto::verify(
            sig,
            input.as_bytes(),
            &jsonwebtoken::DecodingKey::from_secret(spki.as_bytes()),
            jsonwebtoken::Algorithm::HS256
        )
        .unwrap()
    );
    // An ordinary base64 secret still works.
    let key = b"0123456789abcdef0123456789abcdef";
    let ins = inspect(
        &hs256_with(key),
        Some(&KeyInput::Secret {
            text: STANDARD.encode(key),
            encoding: SecretEncoding::Base64,
        }),
        &Clock::fixed(0),
    );
    assert_eq!(ins.verification.status, Status::Valid);
}

fn run(args: &[&str]) -> (i32, String, String) {
    crate::cli_ai::run(args, None)
}

/// A file in a fresh temporary folder; the folder is removed when the guard drops.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn new(name: &str, text: &str) -> Self {
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("tokenlens-keys-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        Self(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Some(dir) = self.0.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

#[test]
fn cli_refuses_a_public_key_as_secret_with_exit_2_and_the_explanation() {
    let spki = asset("keys/rsa_public_spki.pem");
    let token = hs256_with(spki.as_bytes());
    // `--secret "$(cat key.pem)"`: the leading dashes reach the guard, not clap.
    let b64 = STANDARD.encode(&spki);
    let body = pem_body(&spki);
    for args in [
        ["--secret", spki.as_str()],
        ["--secret", spki.trim()],
        ["--secret-base64", b64.as_str()],
        ["--secret", body.as_str()],
        ["--secret-base64", body.as_str()],
    ] {
        let (code, out, err) = run(&["jwt", &token, args[0], args[1]]);
        assert_eq!(code, 2, "{}: {out}{err}", &args[1][..20]);
        assert!(!err.contains("unexpected argument"), "{err}");
        assert!(err.contains("algorithm-confusion"), "{err}");
    }
    // An oct JWK in a key file is read as a key set: the key is refused, the token is not valid (exit 1), and
    // the finding says why.
    let jwk = TempFile::new(
        "oct.json",
        &format!(
            r#"{{"kty":"oct","k":"{}"}}"#,
            encode_b64url(spki.as_bytes())
        ),
    );
    let (code, out, err) = run(&["jwt", &token, "--key", jwk.path(), "--json"]);
    assert_eq!(code, 1, "{out}{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["signature"]["status"], "key_mismatch", "{v}");
    assert_eq!(v["valid"], false);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "alg_confusion" && f["severity"] == "critical"),
        "{v}"
    );
}

/// The Session tab with `token` pasted.
fn session(token: &str) -> egui_kittest::Harness<'static, tokenlens::app::TokenLensApp> {
    let mut h = crate::ui::harness(tokenlens::app::TokenLensApp::default());
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Session token")
        .click();
    h.run();
    h.get_by_label("Encoded token").focus();
    h.run();
    h.get_by_label("Encoded token").type_text(token);
    h.run();
    h
}

fn type_into(
    h: &mut egui_kittest::Harness<'_, tokenlens::app::TokenLensApp>,
    label: &str,
    text: &str,
) {
    h.get_by_label(label).focus();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

#[test]
fn the_decoder_refuses_a_public_key_in_disguise_where_the_guard_speaks() {
    let spki = asset("keys/rsa_public_spki.pem");
    // base64 of the PEM, typed into the secret field read as base64.
    let mut h = session(&hs256_with(spki.as_bytes()));
    h.state_mut().session.settings.secret_encoding = SecretEncoding::Base64;
    type_into(&mut h, "Secret", &STANDARD.encode(&spki));
    h.get_by_label("key mismatch");
    h.get_by_label_contains("Once decoded, this secret is PEM text");
    h.get_by_label_contains("Algorithm confusion: the HMAC secret decodes to PEM text");
    h.get_by_label("not valid");
    // The PEM body without its armour, typed as text.
    let body = pem_body(&spki);
    let mut h = session(&hs256_with(body.as_bytes()));
    type_into(&mut h, "Secret", &body);
    h.get_by_label("key mismatch");
    h.get_by_label_contains("Once decoded, this secret is a public key (SubjectPublicKeyInfo");
    // An oct JWK whose k holds a certificate's DER.
    let der = pem_der(&asset("keys/rsa_cert.pem"));
    let mut h = session(&hs256_with(&der));
    h.get_by_label("JWK / JWKS").click();
    h.run();
    type_into(
        &mut h,
        "JWK or JWKS",
        &format!(r#"{{"kty":"oct","k":"{}"}}"#, encode_b64url(&der)),
    );
    h.get_by_label("key mismatch");
    h.get_by_label_contains("holds an X.509 certificate (DER) in \"k\"");
    h.get_by_label("not valid");
}

// Certificate chains: the leaf is used, and said; no leaf or several is refused with the subjects.

#[test]
fn a_chain_uses_its_leaf_and_says_which() {
    let token = asset("tokens/rs256.jwt");
    let chain = data("chain/ca_then_leaf.pem");
    let pem = read_pem(&chain).unwrap();
    let leaf = pem.leaf.unwrap();
    assert_eq!((leaf.position, leaf.count), (2, 2), "the CA comes first");
    assert_eq!(leaf.subject, "CN=Token Lens demo signer");
    let ins = inspect(
        token.trim(),
        Some(&KeyInput::Pem(chain.clone())),
        &Clock::fixed(0),
    );
    assert_eq!(
        ins.verification.status,
        Status::Valid,
        "{}",
        ins.verification.reason
    );
    let info = ins
        .findings
        .iter()
        .find(|f| f.code == "pem_chain_leaf")
        .unwrap();
    assert_eq!(info.severity, Severity::Info);
    assert!(
        info.message
            .to_string()
            .contains("certificate 2 (CN=Token Lens demo signer)"),
        "{}",
        info.message
    );
    // The CLI says the same.
    let file = TempFile::new("chain.pem", &chain);
    let (code, out, err) = run(&["jwt", token.trim(), "--key", file.path()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("pem_chain_leaf: The PEM holds 2 certificates"),
        "{out}"
    );
    // And the Session tab, with the chain dropped on the window.
    let mut h = session(token.trim());
    h.state_mut().session.load_text_file("chain.pem", chain);
    h.run();
    h.get_by_label("signature valid");
    h.get_by_label_contains("the leaf, certificate 2 (CN=Token Lens demo signer), was used");
}

#[test]
fn a_chain_without_one_clear_leaf_is_refused_with_its_subjects() {
    let token = asset("tokens/rs256.jwt");
    let two = data("chain/two_leaves.pem");
    let err = read_pem(&two).unwrap_err();
    assert!(
        matches!(
            err,
            KeyError::CertChain {
                count: 3,
                leaves: 2,
                ..
            }
        ),
        "{err:?}"
    );
    let msg = err.to_string();
    for subject in [
        "1. CN=Token Lens demo signer",
        "2. CN=Token Lens demo P-256 signer",
        "3. CN=Token Lens test CA (CA)",
    ] {
        assert!(msg.contains(subject), "{msg}");
    }
    let cas = format!(
        "{}{}",
        data("chain/test_ca.pem"),
        asset("keys/rsa_cert.pem")
    );
    let msg = read_pem(&cas).unwrap_err().to_string();
    assert!(msg.contains("all of them are CA certificates"), "{msg}");
    let ins = inspect(
        token.trim(),
        Some(&KeyInput::Pem(two.clone())),
        &Clock::fixed(0),
    );
    assert_ne!(ins.verification.status, Status::Valid);
    assert!(
        ins.verification
            .reason
            .to_string()
            .contains("2 of them are not CA"),
        "{}",
        ins.verification.reason
    );
    let file = TempFile::new("two.pem", &two);
    let (code, out, _) = run(&["jwt", token.trim(), "--key", file.path()]);
    assert_ne!(code, 0);
    assert!(out.contains("CN=Token Lens demo P-256 signer"), "{out}");
    let mut h = session(token.trim());
    h.state_mut().session.set_key(KeyKind::Pem, two);
    h.run();
    h.get_by_label_contains("which one signs the token would be a guess");
}

// A private JWK gets the refusal a private PEM gets.

#[test]
fn a_private_jwk_is_refused_as_a_private_pem_is() {
    let token = asset("tokens/rs256.jwt");
    let private_jwk = asset("keys/jwk_private_rsa.json");
    let private_pem = asset("keys/rsa_private_pkcs8.pem");
    for key in [
        KeyInput::Jwk(private_jwk.clone()),
        KeyInput::Pem(private_pem.clone()),
    ] {
        let ins = inspect(token.trim(), Some(&key), &Clock::fixed(0));
        assert_ne!(ins.verification.status, Status::Valid, "{key:?}");
        assert!(
            ins.verification.reason.to_string().contains("private key"),
            "{}",
            ins.verification.reason
        );
        let warning = ins
            .findings
            .iter()
            .find(|f| f.code == "private_key")
            .unwrap();
        assert_eq!(warning.severity, Severity::Warning);
    }
    let file = TempFile::new("private.json", &private_jwk);
    let (code, out, _) = run(&["jwt", token.trim(), "--key", file.path()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("This JWK holds a private key"), "{out}");
    assert!(out.contains("[warning] private_key: "), "{out}");
    let mut h = session(token.trim());
    h.state_mut().session.set_key(KeyKind::Jwk, private_jwk);
    h.run();
    h.get_by_label_contains("This JWK holds a private key");
    h.get_by_label_contains("The JWK field holds private key material");
}

// A key set is capped, with the cap in the message.

#[test]
fn a_huge_jwks_is_refused_naming_the_limit() {
    let token = asset("tokens/rs256.jwt");
    let one = r#"{"kty":"oct","k":"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY"}"#;
    let set = format!(r#"{{"keys":[{}]}}"#, vec![one; MAX_JWKS_KEYS + 1].join(","));
    let ins = inspect(
        token.trim(),
        Some(&KeyInput::Jwk(set.clone())),
        &Clock::fixed(0),
    );
    assert_eq!(ins.verification.status, Status::NotChecked);
    let want = format!("at most {MAX_JWKS_KEYS} are read");
    assert!(
        ins.verification.reason.to_string().contains(&want),
        "{}",
        ins.verification.reason
    );
    let file = TempFile::new("big.json", &set);
    let (_, out, _) = run(&["jwt", token.trim(), "--key", file.path()]);
    assert!(out.contains(&want), "{out}");
    // Key text itself is capped in every field.
    let long = "a".repeat(tokenlens::session::MAX_KEY_TEXT_BYTES + 1);
    let ins = inspect(
        token.trim(),
        Some(&KeyInput::Secret {
            text: long,
            encoding: SecretEncoding::Utf8,
        }),
        &Clock::fixed(0),
    );
    assert!(
        ins.verification
            .reason
            .to_string()
            .contains("at most 1048576 bytes"),
        "{}",
        ins.verification.reason
    );
}

// Plurals.

#[test]
fn a_one_byte_secret_is_one_byte() {
    use tokenlens::i18n::{Lang, isolate_thread};
    let token = hs256_with(b"x");
    let key = KeyInput::Secret {
        text: "x".into(),
        encoding: SecretEncoding::Utf8,
    };
    let _en = isolate_thread(Lang::En);
    let weak = |ins: &tokenlens::session::Inspection| {
        ins.findings
            .iter()
            .find(|f| f.code == "weak_secret")
            .unwrap()
            .message
            .text()
    };
    let msg = weak(&inspect(&token, Some(&key), &Clock::fixed(0)));
    assert!(msg.starts_with("The HMAC secret is 1 byte;"), "{msg}");
    let two = KeyInput::Secret {
        text: "xy".into(),
        encoding: SecretEncoding::Utf8,
    };
    let msg = weak(&inspect(&hs256_with(b"xy"), Some(&two), &Clock::fixed(0)));
    assert!(msg.starts_with("The HMAC secret is 2 bytes;"), "{msg}");
    tokenlens::i18n::set_language(Lang::Zh);
    let msg = weak(&inspect(&token, Some(&key), &Clock::fixed(0)));
    assert!(msg.starts_with("该 HMAC 密钥长 1 字节"), "{msg}");
}

// One verdict line for every decode failure.

#[test]
fn the_decoder_shows_cannot_be_decoded_for_any_decode_failure() {
    let b = |s: &str| encode_b64url(s.as_bytes());
    let good_payload = b(r#"{"sub":"1"}"#);
    for (what, token) in [
        ("header not base64", format!("e!J.{good_payload}.AAAA")),
        (
            "header not JSON",
            format!("{}.{good_payload}.AAAA", b("{alg")),
        ),
        (
            "payload with padding",
            format!("{}.{good_payload}==.AAAA", b(r#"{"alg":"HS256"}"#)),
        ),
        (
            "two segments",
            format!("{}.{good_payload}", b(r#"{"alg":"HS256"}"#)),
        ),
    ] {
        let ins = inspect(&token, None, &Clock::fixed(0));
        assert_eq!(ins.verdict(), Verdict::Undecodable, "{what}");
        let h = session(&token);
        h.get_by_label("cannot be decoded");
        assert_eq!(
            h.query_all_by_label("Verdict").count(),
            1,
            "{what}: one verdict line"
        );
    }
    // The CLI's text verdict and JSON agree.
    let token = format!("{}.{good_payload}==.AAAA", b(r#"{"alg":"HS256"}"#));
    let (code, out, _) = run(&["jwt", &token]);
    assert_eq!(code, 2);
    assert!(out.contains("\nverdict: cannot be decoded — "), "{out}");
    let (_, out, _) = run(&["jwt", &token, "--json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["verdict"], "undecodable");
}
