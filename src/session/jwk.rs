//! Reading a JWK or JWKS pasted as the verification key: one entry per key with the constraints it declares
//! (`kid`, `alg`, `use`, `key_ops`). Bounded: the text and the number of keys are capped, and a JWK that holds
//! private key material is refused as a private PEM is. Pure: serde_json and the RustCrypto key types.

use serde_json::Value;

use super::alg::Curve;
use super::b64::decode_b64url;
use super::keys::{
    KeyError, MAX_KEY_TEXT_BYTES, PublicKey, check_secret, ec_key, ed_key, looks_like_pem,
    rsa_from_pkcs1,
};

/// The most keys read from one JWKS. Identity providers publish a handful; a set of a million keys once took
/// 708 MB (issue 13), and each key may be tried against the token.
pub const MAX_JWKS_KEYS: usize = 256;

/// Members that only a private JWK has (RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2).
const PRIVATE_MEMBERS: &[&str] = &["d", "p", "q", "dp", "dq", "qi", "oth"];

/// One key of a JWK or JWKS, with the constraints it declares.
#[derive(Clone, Debug)]
pub struct JwkEntry {
    /// `kid`.
    pub kid: Option<String>,
    /// `alg`.
    pub alg: Option<String>,
    /// `use`.
    pub use_: Option<String>,
    /// `key_ops`.
    pub key_ops: Option<Vec<String>>,
    /// The key, or why it cannot be used.
    pub key: Result<PublicKey, KeyError>,
}

/// Parse JWK or JWKS text into entries.
///
/// ```
/// use tokenlens::session::{KeyError, parse_jwk_text};
/// let keys = parse_jwk_text(r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}"#).unwrap();
/// assert_eq!(keys[0].key, Err(KeyError::PrivateJwk));
/// ```
pub fn parse_jwk_text(text: &str) -> Result<Vec<JwkEntry>, KeyError> {
    if text.trim().is_empty() {
        return Err(KeyError::Empty);
    }
    if text.len() > MAX_KEY_TEXT_BYTES {
        return Err(KeyError::TooLarge {
            len: text.len(),
            max: MAX_KEY_TEXT_BYTES,
        });
    }
    if looks_like_pem(text) {
        return Err(KeyError::JwkIsPem);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| KeyError::Jwk(e.to_string()))?;
    match value.get("keys") {
        Some(Value::Array(keys)) if keys.len() > MAX_JWKS_KEYS => Err(KeyError::TooManyKeys {
            found: keys.len(),
            max: MAX_JWKS_KEYS,
        }),
        Some(Value::Array(keys)) => Ok(keys.iter().map(jwk_entry).collect()),
        Some(_) => Err(KeyError::JwksNotArray),
        None if value.is_object() => Ok(vec![jwk_entry(&value)]),
        None => Err(KeyError::JwkNotObject),
    }
}

fn jwk_entry(jwk: &Value) -> JwkEntry {
    let s = |name: &str| jwk.get(name).and_then(Value::as_str).map(str::to_owned);
    JwkEntry {
        kid: s("kid"),
        alg: s("alg"),
        use_: s("use"),
        key_ops: jwk.get("key_ops").and_then(Value::as_array).map(|ops| {
            ops.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        }),
        key: jwk_key(jwk),
    }
}

fn member(jwk: &Value, name: &'static str) -> Result<Vec<u8>, KeyError> {
    let text = jwk
        .get(name)
        .and_then(Value::as_str)
        .ok_or(KeyError::JwkMissing(name))?;
    decode_b64url(text).map_err(|e| KeyError::JwkBase64 {
        name,
        at: e.range(text.len()).start,
    })
}

fn jwk_key(jwk: &Value) -> Result<PublicKey, KeyError> {
    let kty = jwk.get("kty").and_then(Value::as_str).unwrap_or_default();
    // A private key where a public one is expected: refused as a private PEM is. (An oct key is secret by nature.)
    if kty != "oct" && PRIVATE_MEMBERS.iter().any(|m| jwk.get(*m).is_some()) {
        return Err(KeyError::PrivateJwk);
    }
    match kty {
        // The same checks as the secret field: not empty, and not public-key bytes in disguise.
        "oct" => check_secret(member(jwk, "k")?).map(PublicKey::Hmac),
        "RSA" => {
            let n = member(jwk, "n")?;
            let e = member(jwk, "e")?;
            let key = rsa::RsaPublicKey::new(
                rsa::BigUint::from_bytes_be(&n),
                rsa::BigUint::from_bytes_be(&e),
            )
            .map_err(|e| KeyError::Jwk(e.to_string()))?;
            use rsa::pkcs1::EncodeRsaPublicKey as _;
            let der = key
                .to_pkcs1_der()
                .map_err(|e| KeyError::Der(e.to_string()))?;
            rsa_from_pkcs1(der.as_bytes().to_vec())
        }
        "EC" => {
            let crv = jwk.get("crv").and_then(Value::as_str).unwrap_or_default();
            let curve = match crv {
                "P-256" => Curve::P256,
                "P-384" => Curve::P384,
                "P-521" => Curve::P521,
                "secp256k1" => Curve::Secp256k1,
                other => return Err(KeyError::Unsupported(format!("crv {other:?}"))),
            };
            let (x, y) = (member(jwk, "x")?, member(jwk, "y")?);
            for (what, part) in [("EC x", &x), ("EC y", &y)] {
                if part.len() != curve.field_bytes() {
                    return Err(KeyError::Length {
                        what,
                        got: part.len(),
                        want: curve.field_bytes(),
                    });
                }
            }
            let mut sec1 = Vec::with_capacity(1 + 2 * x.len());
            sec1.push(4);
            sec1.extend_from_slice(&x);
            sec1.extend_from_slice(&y);
            ec_key(curve, sec1)
        }
        "OKP" => match jwk.get("crv").and_then(Value::as_str) {
            Some("Ed25519") => ed_key(&member(jwk, "x")?),
            other => Err(KeyError::Unsupported(format!("OKP crv {other:?}"))),
        },
        "" => Err(KeyError::JwkNoKty),
        other => Err(KeyError::Unsupported(format!("kty {other:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ed25519_jwk_is_a_length_error_not_a_panic() {
        let keys = parse_jwk_text(r#"{"kty":"OKP","crv":"Ed25519","x":"AAAA"}"#).unwrap();
        assert_eq!(
            keys[0].key,
            Err(KeyError::Length {
                what: "Ed25519 x",
                got: 3,
                want: 32
            })
        );
    }

    #[test]
    fn an_empty_oct_key_is_refused() {
        let keys = parse_jwk_text(r#"{"kty":"oct","k":""}"#).unwrap();
        assert_eq!(keys[0].key, Err(KeyError::EmptySecret));
    }

    #[test]
    fn private_jwks_are_refused_and_sets_are_capped() {
        for jwk in [
            r#"{"kty":"EC","crv":"P-256","x":"AA","y":"AA","d":"AA"}"#,
            r#"{"kty":"RSA","n":"AQAB","e":"AQAB","p":"AQ"}"#,
        ] {
            assert_eq!(
                parse_jwk_text(jwk).unwrap()[0].key,
                Err(KeyError::PrivateJwk)
            );
        }
        let one = r#"{"kty":"oct","k":"AA"}"#;
        let set = |n: usize| format!(r#"{{"keys":[{}]}}"#, vec![one; n].join(","));
        assert_eq!(
            parse_jwk_text(&set(MAX_JWKS_KEYS)).unwrap().len(),
            MAX_JWKS_KEYS
        );
        assert_eq!(
            parse_jwk_text(&set(MAX_JWKS_KEYS + 1)).unwrap_err(),
            KeyError::TooManyKeys {
                found: MAX_JWKS_KEYS + 1,
                max: MAX_JWKS_KEYS
            }
        );
        let big = format!(
            r#"{{"kty":"oct","k":"{}"}}"#,
            "A".repeat(MAX_KEY_TEXT_BYTES)
        );
        assert!(matches!(
            parse_jwk_text(&big),
            Err(KeyError::TooLarge { .. })
        ));
    }
}
