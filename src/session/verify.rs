//! Signature verification with a status and a plain-words reason. alg none or a missing signature is never valid.

use std::panic::{AssertUnwindSafe, catch_unwind};

use super::alg::{Alg, Curve, Family};
use super::decode::{Decoded, Format, SegmentKind};
use super::jwk::JwkEntry;
use super::keys::{KeyError, KeyInput, ParsedKey, PublicKey, parse_key};
use crate::i18n::join_list;

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
    /// Why, in plain words.
    pub reason: String,
}

impl Verification {
    fn new(status: Status, reason: impl Into<String>) -> Self {
        Self {
            status,
            reason: reason.into(),
        }
    }
}

/// Verify a decoded token with an optional key.
pub fn verify(decoded: &Decoded, key: Option<&KeyInput>) -> Verification {
    if decoded.format == Format::Jwe {
        return Verification::new(Status::NotChecked, tr!("verify.jwe"));
    }
    let (Some(input), Some(sig_b64)) = (decoded.signing_input(), decoded.signature_b64()) else {
        return Verification::new(Status::NotChecked, tr!("verify.not_decoded"));
    };
    if !decoded.is_decodable() {
        return Verification::new(Status::NotChecked, tr!("verify.not_decoded"));
    }
    let Some(alg_name) = decoded.alg.as_deref() else {
        return Verification::new(Status::Unsupported, tr!("verify.no_alg"));
    };
    if alg_name.eq_ignore_ascii_case("none") {
        return Verification::new(
            Status::Unsigned,
            trf!("verify.alg_none", &[("alg", &alg_name)]),
        );
    }
    if sig_b64.is_empty() {
        return Verification::new(Status::Unsigned, tr!("verify.no_signature"));
    }
    let Some(alg) = Alg::parse(alg_name) else {
        return Verification::new(
            Status::Unsupported,
            trf!("verify.unsupported", &[("alg", &alg_name)]),
        );
    };
    if let Some(why) = crit_problem(decoded) {
        return Verification::new(Status::Invalid, trf!("verify.crit", &[("why", &why)]));
    }
    if let Some(err) = decoded.errors.first() {
        return Verification::new(
            Status::Invalid,
            trf!("verify.malformed", &[("err", &err.message())]),
        );
    }
    let Some(Ok(sig)) = decoded.segment(SegmentKind::Signature).map(|s| &s.decoded) else {
        return Verification::new(Status::Invalid, tr!("verify.sig_not_b64"));
    };
    let Some(key) = key else {
        return Verification::new(Status::NotChecked, tr!("verify.no_key"));
    };
    let parsed = match parse_key(key) {
        Ok(parsed) => parsed,
        Err(
            e @ (KeyError::PemAsSecret
            | KeyError::JwkAsSecret
            | KeyError::KeyAsSecret(_)
            | KeyError::EmptySecret),
        ) => {
            return Verification::new(Status::KeyMismatch, e.to_string());
        }
        Err(KeyError::Empty) => return Verification::new(Status::NotChecked, tr!("verify.no_key")),
        Err(e) => {
            return Verification::new(
                Status::NotChecked,
                trf!("verify.key_unreadable", &[("err", &e)]),
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
                    Verification::new(Status::Valid, trf!("verify.valid", &[("alg", &alg)]))
                }
                Ok(false) => {
                    Verification::new(Status::Invalid, trf!("verify.invalid", &[("alg", &alg)]))
                }
                Err(reason) => Verification::new(Status::Invalid, reason),
            }
        }
        ParsedKey::Jwks(entries) => verify_jwks(decoded, alg, &entries, &check),
    }
}

/// RFC 7515 §4.1.11 and RFC 7797 §6: a verifier must reject `crit` it cannot honour, and `b64: false` that is not
/// marked critical. Token Lens understands only `b64`.
fn crit_problem(decoded: &Decoded) -> Option<String> {
    let b64_false = decoded.header_value("b64") == Some(&serde_json::Value::Bool(false));
    let Some(crit) = decoded.header_value("crit") else {
        return b64_false.then(|| tr!("find.b64_false_not_crit").to_owned());
    };
    let Some(names) = crit.as_array().filter(|a| !a.is_empty()) else {
        return Some(tr!("find.crit_malformed").to_owned());
    };
    for name in names {
        let Some(name) = name.as_str() else {
            return Some(tr!("find.crit_malformed").to_owned());
        };
        if name != "b64" {
            return Some(trf!("find.crit_unknown", &[("name", &name)]));
        }
        if decoded.header_value(name).is_none() {
            return Some(trf!("find.crit_absent", &[("name", &name)]));
        }
    }
    None
}

fn mismatch(alg: Alg, key: &PublicKey) -> Verification {
    let mut reason = trf!(
        "verify.key_mismatch",
        &[
            ("alg", &alg),
            ("need", &alg.family()),
            ("have", &key.family()),
        ],
    );
    if alg.family() == Family::Hmac {
        reason.push(' ');
        reason.push_str(tr!("verify.confusion_hint"));
    }
    Verification::new(Status::KeyMismatch, reason)
}

fn verify_jwks(
    decoded: &Decoded,
    alg: Alg,
    entries: &[JwkEntry],
    check: &dyn Fn(&PublicKey) -> Result<bool, String>,
) -> Verification {
    if entries.is_empty() {
        return Verification::new(Status::KeyMismatch, tr!("verify.jwks_empty"));
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
            .clone()
            .unwrap_or_else(|| tr!("verify.unnamed_key").to_owned());
        let key = match &entry.key {
            Ok(key) => key,
            Err(e) => {
                rejections.push(format!("{name}: {e}"));
                continue;
            }
        };
        if let Some(jwk_alg) = &entry.alg
            && jwk_alg != alg.name()
            && Some(jwk_alg.as_str()) != decoded.alg.as_deref()
        {
            rejections.push(trf!(
                "verify.jwk_alg",
                &[("kid", &name), ("jwk", jwk_alg), ("alg", &alg)],
            ));
            continue;
        }
        if let Some(use_) = &entry.use_
            && use_ != "sig"
        {
            rejections.push(trf!("verify.jwk_use", &[("kid", &name), ("use", use_)]));
            continue;
        }
        if let Some(ops) = &entry.key_ops
            && !ops.iter().any(|o| o == "verify")
        {
            rejections.push(trf!(
                "verify.jwk_ops",
                &[("kid", &name), ("ops", &join_list(ops))],
            ));
            continue;
        }
        if key.family() != alg.family() {
            rejections.push(format!("{name}: {}", mismatch(alg, key).reason));
            continue;
        }
        tried += 1;
        match check(key) {
            Ok(true) => {
                let reason = match fallback_kid {
                    None => trf!("verify.valid_kid", &[("alg", &alg), ("kid", &name)]),
                    Some(kid) if entries.len() == 1 => trf!(
                        "verify.valid_single_jwk",
                        &[("alg", &alg), ("kid", &kid), ("have", &jwk_name(entry))],
                    ),
                    Some(kid) => trf!(
                        "verify.valid_any_kid",
                        &[("alg", &alg), ("name", &name), ("kid", &kid)],
                    ),
                };
                return Verification::new(Status::Valid, reason);
            }
            Ok(false) => rejections.push(trf!("verify.invalid_kid", &[("kid", &name)])),
            Err(reason) => rejections.push(format!("{name}: {reason}")),
        }
    }
    let status = if tried > 0 {
        Status::Invalid
    } else {
        Status::KeyMismatch
    };
    let why = rejections.join("; ");
    let reason = match (fallback_kid, entries) {
        (None, _) => why,
        (Some(kid), [only]) => trf!(
            "verify.single_jwk_failed",
            &[("kid", &kid), ("have", &jwk_name(only)), ("why", &why)],
        ),
        (Some(kid), _) if tried > 0 => {
            trf!("verify.any_kid_failed", &[("kid", &kid), ("why", &why)])
        }
        (Some(kid), _) => trf!("verify.any_kid_none_fit", &[("kid", &kid), ("why", &why)]),
    };
    Verification::new(status, reason)
}

/// A JWK's kid in quotes, or "without kid".
pub(super) fn jwk_name(entry: &JwkEntry) -> String {
    entry.kid.as_ref().map_or_else(
        || tr!("verify.jwk_without_kid").to_owned(),
        |kid| format!("kid \"{kid}\""),
    )
}

/// Check one signature. `Err` carries a reason when the signature cannot even be compared.
fn check_signature(
    alg: Alg,
    key: &PublicKey,
    input: &[u8],
    sig_b64: &str,
    sig: &[u8],
) -> Result<bool, String> {
    if let Family::Ec(curve) = alg.family()
        && sig.len() != 2 * curve.field_bytes()
    {
        return Err(trf!(
            "verify.ec_sig_len",
            &[
                ("alg", &alg),
                ("want", &(2 * curve.field_bytes())),
                ("got", &sig.len()),
            ],
        ));
    }
    // A backstop: a panic inside a crypto crate must not take the app down.
    catch_unwind(AssertUnwindSafe(|| {
        check_unguarded(alg, key, input, sig_b64, sig)
    }))
    .unwrap_or_else(|_| Err(tr!("verify.crypto_panic").to_owned()))
}

fn check_unguarded(
    alg: Alg,
    key: &PublicKey,
    input: &[u8],
    sig_b64: &str,
    sig: &[u8],
) -> Result<bool, String> {
    use jsonwebtoken::DecodingKey;
    if let Some(crate_alg) = alg.crate_alg() {
        let decoding = match key {
            PublicKey::Hmac(secret) => DecodingKey::from_secret(secret),
            PublicKey::Rsa { pkcs1_der, .. } => DecodingKey::from_rsa_der(pkcs1_der),
            PublicKey::Ec { sec1, .. } => DecodingKey::from_ec_der(sec1),
            PublicKey::Ed25519(x) => DecodingKey::from_ed_der(x),
        };
        return jsonwebtoken::crypto::verify(sig_b64, input, &decoding, crate_alg)
            .map_err(|e| trf!("verify.crypto_error", &[("err", &e)]));
    }
    let PublicKey::Ec { curve, sec1 } = key else {
        return Err(tr!("verify.crypto_error").to_owned());
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
