//! Signature verification with a status and a plain-words reason. alg none or a missing signature is never valid.

use std::panic::{AssertUnwindSafe, catch_unwind};

use super::alg::{Alg, Curve, Family};
use super::decode::{Decoded, Format, SegmentKind};
use super::jwk::JwkEntry;
use super::keys::{KeyError, KeyInput, ParsedKey, PublicKey, parse_key};
use crate::i18n::{Worded, Words};

/// The verification outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The signature checks out with the given key.
    Valid,
    /// The signature does not match, or the token is malformed.
    Invalid,
    /// No key was given, or it could not be read.
    NotChecked,
    /// `alg: none`, or no signature at all.
    Unsigned,
    /// An algorithm Token Lens cannot verify.
    Unsupported,
    /// The key does not fit the token (type, curve, JWK alg/use/key_ops, kid).
    KeyMismatch,
}

impl Status {
    /// Catalogue key of the status in words ("signature valid", "key mismatch"), as badges and the text CLI show
    /// it; the JSON report keeps the snake-case name.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Valid => key!("status.valid"),
            Self::Invalid => key!("status.invalid"),
            Self::NotChecked => key!("status.not_checked"),
            Self::Unsigned => key!("status.unsigned"),
            Self::Unsupported => key!("status.unsupported"),
            Self::KeyMismatch => key!("status.key_mismatch"),
        }
    }
}

/// Status plus the reason in plain words.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Verification {
    /// The outcome.
    pub status: Status,
    /// Why, in plain words (English in the JSON report).
    #[serde(serialize_with = "super::english")]
    pub reason: Words,
}

impl Verification {
    fn new(status: Status, reason: Words) -> Self {
        Self { status, reason }
    }
}

/// Why a signature could not even be compared.
#[derive(Clone, Debug, PartialEq, Eq)]
enum CheckError {
    /// An ECDSA signature of the wrong length (a DER signature, or another curve's).
    EcLength {
        /// The token's algorithm.
        alg: Alg,
        /// Bytes an r‖s signature of its curve has.
        want: usize,
        /// Bytes given.
        got: usize,
    },
    /// The crypto library panicked.
    Panicked,
    /// The crypto library refused (its message).
    Crypto(String),
    /// A key of another family reached the check (the callers match families first).
    WrongKey {
        /// The token's algorithm.
        alg: Alg,
        /// What the key is.
        have: Family,
    },
}

impl Worded for CheckError {
    fn words(&self) -> Words {
        match self {
            Self::EcLength { alg, want, got } => words!("verify.ec_sig_len")
                .with("alg", alg)
                .with("want", want)
                .with("got", got),
            Self::Panicked => words!("verify.crypto_panic"),
            Self::Crypto(msg) => words!("verify.crypto_error").with("err", msg),
            Self::WrongKey { alg, have } => {
                words!("verify.crypto_error").with_words("err", key_mismatch(*alg, *have))
            }
        }
    }
}

/// Verify a decoded token with an optional key.
pub fn verify(decoded: &Decoded, key: Option<&KeyInput>) -> Verification {
    if decoded.format == Format::Jwe {
        return Verification::new(Status::NotChecked, words!("verify.jwe"));
    }
    let (Some(input), Some(sig_b64)) = (decoded.signing_input(), decoded.signature_b64()) else {
        return Verification::new(Status::NotChecked, words!("verify.not_decoded"));
    };
    if !decoded.is_decodable() {
        return Verification::new(Status::NotChecked, words!("verify.not_decoded"));
    }
    let Some(alg_name) = decoded.alg.as_deref() else {
        return Verification::new(Status::Unsupported, words!("verify.no_alg"));
    };
    if alg_name.eq_ignore_ascii_case("none") {
        return Verification::new(
            Status::Unsigned,
            words!("verify.alg_none").with("alg", alg_name),
        );
    }
    if sig_b64.is_empty() {
        return Verification::new(Status::Unsigned, words!("verify.no_signature"));
    }
    let Some(alg) = Alg::parse(alg_name) else {
        return Verification::new(
            Status::Unsupported,
            words!("verify.unsupported").with("alg", alg_name),
        );
    };
    if let Some(why) = crit_problem(decoded) {
        return Verification::new(
            Status::Invalid,
            words!("verify.crit").with_words("why", why),
        );
    }
    if let Some(err) = decoded.errors.first() {
        return Verification::new(
            Status::Invalid,
            words!("verify.malformed").with_words("err", err.words()),
        );
    }
    let Some(Ok(sig)) = decoded.segment(SegmentKind::Signature).map(|s| &s.decoded) else {
        return Verification::new(Status::Invalid, words!("verify.sig_not_b64"));
    };
    let Some(key) = key else {
        return Verification::new(Status::NotChecked, words!("verify.no_key"));
    };
    let parsed = match parse_key(key) {
        Ok(parsed) => parsed,
        Err(
            e @ (KeyError::PemAsSecret
            | KeyError::JwkAsSecret
            | KeyError::KeyAsSecret(_)
            | KeyError::EmptySecret),
        ) => {
            return Verification::new(Status::KeyMismatch, e.words());
        }
        Err(KeyError::Empty) => {
            return Verification::new(Status::NotChecked, words!("verify.no_key"));
        }
        Err(e) => {
            return Verification::new(
                Status::NotChecked,
                words!("verify.key_unreadable").with_words("err", e.words()),
            );
        }
    };
    let check = |key: &PublicKey| check_signature(alg, key, input.as_bytes(), sig_b64, sig);
    match parsed {
        ParsedKey::Single(key) => {
            if key.family() != alg.family() {
                return mismatch(alg, &key);
            }
            match check(&key) {
                Ok(true) => {
                    Verification::new(Status::Valid, words!("verify.valid").with("alg", alg))
                }
                Ok(false) => {
                    Verification::new(Status::Invalid, words!("verify.invalid").with("alg", alg))
                }
                Err(e) => Verification::new(Status::Invalid, e.words()),
            }
        }
        ParsedKey::Jwks(entries) => verify_jwks(decoded, alg, &entries, &check),
    }
}

/// RFC 7515 §4.1.11 and RFC 7797 §6: a verifier must reject `crit` it cannot honour, and `b64: false` that is not
/// marked critical. Token Lens understands only `b64`.
fn crit_problem(decoded: &Decoded) -> Option<Words> {
    let b64_false = decoded.header_value("b64") == Some(&serde_json::Value::Bool(false));
    let Some(crit) = decoded.header_value("crit") else {
        return b64_false.then(|| words!("find.b64_false_not_crit"));
    };
    let Some(names) = crit.as_array().filter(|a| !a.is_empty()) else {
        return Some(words!("find.crit_malformed"));
    };
    for name in names {
        let Some(name) = name.as_str() else {
            return Some(words!("find.crit_malformed"));
        };
        if name != "b64" {
            return Some(words!("find.crit_unknown").with("name", name));
        }
        if decoded.header_value(name).is_none() {
            return Some(words!("find.crit_absent").with("name", name));
        }
    }
    None
}

/// "The token says {alg}, which needs …, but the key is …".
fn key_mismatch(alg: Alg, have: Family) -> Words {
    words!("verify.key_mismatch")
        .with("alg", alg)
        .with_words("need", alg.family().words())
        .with_words("have", have.words())
}

fn mismatch(alg: Alg, key: &PublicKey) -> Verification {
    let reason = key_mismatch(alg, key.family());
    let reason = if alg.family() == Family::Hmac {
        Words::joined(
            [reason, words!("verify.confusion_hint")],
            key!("list.sentences"),
        )
    } else {
        reason
    };
    Verification::new(Status::KeyMismatch, reason)
}

fn verify_jwks(
    decoded: &Decoded,
    alg: Alg,
    entries: &[JwkEntry],
    check: &dyn Fn(&PublicKey) -> Result<bool, CheckError>,
) -> Verification {
    if entries.is_empty() {
        return Verification::new(Status::KeyMismatch, words!("verify.jwks_empty"));
    }
    // Keys are picked by kid. When none has the token's kid (a lone JWK often has no kid at all), every key whose
    // kty, alg, use and key_ops fit is tried, and the reason says which one verified.
    let kid = decoded.header_value("kid").and_then(|v| v.as_str());
    let by_kid: Vec<&JwkEntry> = match kid {
        Some(kid) => entries
            .iter()
            .filter(|e| e.kid.as_deref() == Some(kid))
            .collect(),
        None => entries.iter().collect(),
    };
    let fallback_kid = kid.filter(|_| by_kid.is_empty());
    let candidates = if fallback_kid.is_some() {
        entries.iter().collect()
    } else {
        by_kid
    };
    let mut rejections = Vec::new();
    let mut tried = 0;
    for entry in candidates {
        let name = entry
            .kid
            .as_ref()
            .map_or_else(|| words!("verify.unnamed_key"), Words::verbatim);
        let rejected = |why: Words| {
            words!("verify.rejected")
                .with_words("kid", name.clone())
                .with_words("why", why)
        };
        let key = match &entry.key {
            Ok(key) => key,
            Err(e) => {
                rejections.push(rejected(e.words()));
                continue;
            }
        };
        if let Some(jwk_alg) = &entry.alg
            && jwk_alg != alg.name()
            && Some(jwk_alg.as_str()) != decoded.alg.as_deref()
        {
            rejections.push(
                words!("verify.jwk_alg")
                    .with_words("kid", name.clone())
                    .with("jwk", jwk_alg)
                    .with("alg", alg),
            );
            continue;
        }
        if let Some(use_) = &entry.use_
            && use_ != "sig"
        {
            rejections.push(
                words!("verify.jwk_use")
                    .with_words("kid", name.clone())
                    .with("use", use_),
            );
            continue;
        }
        if let Some(ops) = &entry.key_ops
            && !ops.iter().any(|o| o == "verify")
        {
            let ops = Words::joined(ops.iter().map(Words::verbatim), key!("list.separator"));
            rejections.push(
                words!("verify.jwk_ops")
                    .with_words("kid", name.clone())
                    .with_words("ops", ops),
            );
            continue;
        }
        if key.family() != alg.family() {
            rejections.push(rejected(mismatch(alg, key).reason));
            continue;
        }
        tried += 1;
        match check(key) {
            Ok(true) => {
                let reason = match fallback_kid {
                    None => words!("verify.valid_kid")
                        .with("alg", alg)
                        .with_words("kid", name),
                    Some(kid) if entries.len() == 1 => words!("verify.valid_single_jwk")
                        .with("alg", alg)
                        .with("kid", kid)
                        .with_words("have", jwk_name(entry)),
                    Some(kid) => words!("verify.valid_any_kid")
                        .with("alg", alg)
                        .with_words("name", name)
                        .with("kid", kid),
                };
                return Verification::new(Status::Valid, reason);
            }
            Ok(false) => rejections.push(words!("verify.invalid_kid").with_words("kid", name)),
            Err(e) => rejections.push(rejected(e.words())),
        }
    }
    let status = if tried > 0 {
        Status::Invalid
    } else {
        Status::KeyMismatch
    };
    let why = Words::joined(rejections, key!("list.semicolon"));
    let reason = match (fallback_kid, entries) {
        (None, _) => why,
        (Some(kid), [only]) => words!("verify.single_jwk_failed")
            .with("kid", kid)
            .with_words("have", jwk_name(only))
            .with_words("why", why),
        (Some(kid), _) if tried > 0 => words!("verify.any_kid_failed")
            .with("kid", kid)
            .with_words("why", why),
        (Some(kid), _) => words!("verify.any_kid_none_fit")
            .with("kid", kid)
            .with_words("why", why),
    };
    Verification::new(status, reason)
}

/// A JWK's kid in quotes, or "without kid".
pub(super) fn jwk_name(entry: &JwkEntry) -> Words {
    entry.kid.as_ref().map_or_else(
        || words!("verify.jwk_without_kid"),
        |kid| words!("verify.jwk_kid").with("kid", kid),
    )
}

/// Check one signature. `Err` carries a reason when the signature cannot even be compared.
fn check_signature(
    alg: Alg,
    key: &PublicKey,
    input: &[u8],
    sig_b64: &str,
    sig: &[u8],
) -> Result<bool, CheckError> {
    if let Family::Ec(curve) = alg.family()
        && sig.len() != 2 * curve.field_bytes()
    {
        return Err(CheckError::EcLength {
            alg,
            want: 2 * curve.field_bytes(),
            got: sig.len(),
        });
    }
    // A backstop: a panic inside a crypto crate must not take the app down.
    catch_unwind(AssertUnwindSafe(|| {
        check_unguarded(alg, key, input, sig_b64, sig)
    }))
    .unwrap_or(Err(CheckError::Panicked))
}

fn check_unguarded(
    alg: Alg,
    key: &PublicKey,
    input: &[u8],
    sig_b64: &str,
    sig: &[u8],
) -> Result<bool, CheckError> {
    use jsonwebtoken::DecodingKey;
    if let Some(crate_alg) = alg.crate_alg() {
        let decoding = match key {
            PublicKey::Hmac(secret) => DecodingKey::from_secret(secret),
            PublicKey::Rsa { pkcs1_der, .. } => DecodingKey::from_rsa_der(pkcs1_der),
            PublicKey::Ec { sec1, .. } => DecodingKey::from_ec_der(sec1),
            PublicKey::Ed25519(x) => DecodingKey::from_ed_der(x),
        };
        return jsonwebtoken::crypto::verify(sig_b64, input, &decoding, crate_alg)
            .map_err(|e| CheckError::Crypto(e.to_string()));
    }
    let PublicKey::Ec { curve, sec1 } = key else {
        return Err(CheckError::WrongKey {
            alg,
            have: key.family(),
        });
    };
    use k256::ecdsa::signature::Verifier as _;
    Ok(match curve {
        Curve::P521 => {
            let (Ok(vk), Ok(s)) = (
                p521::ecdsa::VerifyingKey::from_sec1_bytes(sec1),
                p521::ecdsa::Signature::from_slice(sig),
            ) else {
                return Ok(false);
            };
            vk.verify(input, &s).is_ok()
        }
        Curve::Secp256k1 => {
            let (Ok(vk), Ok(s)) = (
                k256::ecdsa::VerifyingKey::from_sec1_bytes(sec1),
                k256::ecdsa::Signature::from_slice(sig),
            ) else {
                return Ok(false);
            };
            // RFC 8812 does not require low-S; k256 does, so normalise first.
            let s = s.normalize_s().unwrap_or(s);
            vk.verify(input, &s).is_ok()
        }
        Curve::P256 | Curve::P384 => false,
    })
}
