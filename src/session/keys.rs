//! Reading verification keys from what the user typed: an HMAC secret, a PEM (SPKI, PKCS#1, X.509 certificate)
//! or a JWK/JWKS. The key type comes from the input field, never from the token's `alg`.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;
use spki::der::Decode as _;

use super::alg::{Curve, Family};
use super::b64::decode_b64url;
use crate::i18n::{tr, trf};

/// How the secret text is to be read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SecretEncoding {
    /// The UTF-8 bytes of the text.
    #[default]
    Utf8,
    /// Standard base64 (padding optional).
    Base64,
    /// base64url (padding optional).
    Base64Url,
}

/// Which input field the key came from. This, not the token, decides the key type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyInput {
    /// The HMAC secret field.
    Secret {
        /// The text.
        text: String,
        /// How to read it.
        encoding: SecretEncoding,
    },
    /// The PEM field.
    Pem(String),
    /// The JWK / JWKS field.
    Jwk(String),
}

/// A public (or shared) key ready for verification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublicKey {
    /// HMAC secret bytes.
    Hmac(Vec<u8>),
    /// RSA public key as PKCS#1 DER, with the modulus size.
    Rsa {
        /// PKCS#1 RSAPublicKey DER.
        pkcs1_der: Vec<u8>,
        /// Modulus size in bits.
        bits: usize,
    },
    /// EC public key as a SEC1 point.
    Ec {
        /// The curve.
        curve: Curve,
        /// Uncompressed or compressed SEC1 point.
        sec1: Vec<u8>,
    },
    /// Ed25519 public key.
    Ed25519([u8; 32]),
}

impl PublicKey {
    /// The key's family.
    pub fn family(&self) -> Family {
        match self {
            Self::Hmac(_) => Family::Hmac,
            Self::Rsa { .. } => Family::Rsa,
            Self::Ec { curve, .. } => Family::Ec(*curve),
            Self::Ed25519(_) => Family::Ed25519,
        }
    }
}

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

/// A parsed key input.
#[derive(Clone, Debug)]
pub enum ParsedKey {
    /// A single key from the secret or PEM field.
    Single(PublicKey),
    /// One or more keys from the JWK field.
    Jwks(Vec<JwkEntry>),
}

/// Why a key could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The field is empty.
    #[error("{}", tr("key.err.empty"))]
    Empty,
    /// An HMAC secret that decodes to zero bytes (`=`, a space in base64, an `oct` JWK with an empty `k`): anyone
    /// can compute that MAC.
    #[error("{}", tr("key.err.empty_secret"))]
    EmptySecret,
    /// PEM text in the secret field: the algorithm-confusion trap.
    #[error("{}", tr("key.err.pem_as_secret"))]
    PemAsSecret,
    /// JWK text in the secret field.
    #[error("{}", tr("key.err.jwk_as_secret"))]
    JwkAsSecret,
    /// The secret is not valid base64/base64url.
    #[error("{}", trf("key.err.secret_b64", &[("at", .at)]))]
    SecretBase64 {
        /// Byte offset of the problem.
        at: usize,
    },
    /// The PEM text does not parse.
    #[error("{}", trf("key.err.pem", &[("msg", .0)]))]
    Pem(String),
    /// A PEM label we do not read.
    #[error("{}", trf("key.err.pem_label", &[("label", .0)]))]
    PemLabel(String),
    /// A private key where a public key is expected.
    #[error("{}", tr("key.err.private_key"))]
    PrivateKey,
    /// DER inside the PEM does not parse.
    #[error("{}", trf("key.err.der", &[("msg", .0)]))]
    Der(String),
    /// A key type or curve we cannot use.
    #[error("{}", trf("key.err.unsupported", &[("what", .0)]))]
    Unsupported(String),
    /// The JWK JSON is wrong.
    #[error("{}", trf("key.err.jwk", &[("msg", .0)]))]
    Jwk(String),
    /// A key with the wrong length.
    #[error("{}", trf("key.err.length", &[("what", .what), ("got", .got), ("want", .want)]))]
    Length {
        /// Which key part.
        what: &'static str,
        /// Bytes found.
        got: usize,
        /// Bytes required.
        want: usize,
    },
}

/// True when text looks like a PEM block.
pub fn looks_like_pem(text: &str) -> bool {
    text.contains("-----BEGIN")
}

/// True when text looks like a JWK or JWKS.
pub fn looks_like_jwk(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('{') && (t.contains("\"kty\"") || t.contains("\"keys\""))
}

/// Read the secret field into HMAC key bytes. A secret that decodes to zero bytes is refused.
///
/// ```
/// use tokenlens::session::{KeyError, SecretEncoding, secret_bytes};
/// assert_eq!(secret_bytes("=", SecretEncoding::Base64), Err(KeyError::EmptySecret));
/// assert_eq!(secret_bytes("aGk=", SecretEncoding::Base64), Ok(b"hi".to_vec()));
/// ```
pub fn secret_bytes(text: &str, encoding: SecretEncoding) -> Result<Vec<u8>, KeyError> {
    if text.is_empty() {
        return Err(KeyError::Empty);
    }
    let bytes = secret_bytes_unchecked(text, encoding)?;
    if bytes.is_empty() {
        return Err(KeyError::EmptySecret);
    }
    Ok(bytes)
}

fn secret_bytes_unchecked(text: &str, encoding: SecretEncoding) -> Result<Vec<u8>, KeyError> {
    if looks_like_pem(text) {
        return Err(KeyError::PemAsSecret);
    }
    if looks_like_jwk(text) {
        return Err(KeyError::JwkAsSecret);
    }
    match encoding {
        SecretEncoding::Utf8 => Ok(text.as_bytes().to_vec()),
        SecretEncoding::Base64 | SecretEncoding::Base64Url => {
            // Offsets in errors count from the text as typed, leading whitespace included.
            let lead = text.len() - text.trim_start().len();
            let t = text.trim().trim_end_matches('=');
            let bad = t.char_indices().find(|&(_, c)| match encoding {
                SecretEncoding::Base64 => !(c.is_ascii_alphanumeric() || c == '+' || c == '/'),
                _ => !(c.is_ascii_alphanumeric() || c == '-' || c == '_'),
            });
            if let Some((at, _)) = bad {
                return Err(KeyError::SecretBase64 { at: lead + at });
            }
            let engine = match encoding {
                SecretEncoding::Base64 => &base64::engine::general_purpose::STANDARD_NO_PAD,
                _ => &URL_SAFE_NO_PAD,
            };
            engine.decode(t).map_err(|e| KeyError::SecretBase64 {
                at: lead
                    + match e {
                        base64::DecodeError::InvalidByte(at, _)
                        | base64::DecodeError::InvalidLastSymbol(at, _) => at,
                        _ => t.len(),
                    },
            })
        }
    }
}

/// Parse what the user entered, by field.
pub fn parse_key(input: &KeyInput) -> Result<ParsedKey, KeyError> {
    match input {
        KeyInput::Secret { text, encoding } => Ok(ParsedKey::Single(PublicKey::Hmac(
            secret_bytes(text, *encoding)?,
        ))),
        KeyInput::Pem(text) => parse_pem(text).map(ParsedKey::Single),
        KeyInput::Jwk(text) => parse_jwk_text(text).map(ParsedKey::Jwks),
    }
}

/// Read a PEM public key: SPKI (`PUBLIC KEY`), PKCS#1 (`RSA PUBLIC KEY`) or an X.509 `CERTIFICATE`.
pub fn parse_pem(text: &str) -> Result<PublicKey, KeyError> {
    if text.trim().is_empty() {
        return Err(KeyError::Empty);
    }
    let block = pem::parse(text.trim()).map_err(|e| KeyError::Pem(e.to_string()))?;
    match block.tag() {
        "PUBLIC KEY" => parse_spki(block.contents()),
        "RSA PUBLIC KEY" => rsa_from_pkcs1(block.contents().to_vec()),
        "CERTIFICATE" => {
            let cert = x509_cert::Certificate::from_der(block.contents())
                .map_err(|e| KeyError::Der(e.to_string()))?;
            let spki = spki::der::Encode::to_der(&cert.tbs_certificate.subject_public_key_info)
                .map_err(|e| KeyError::Der(e.to_string()))?;
            parse_spki(&spki)
        }
        "PRIVATE KEY" | "RSA PRIVATE KEY" | "EC PRIVATE KEY" | "ENCRYPTED PRIVATE KEY" => {
            Err(KeyError::PrivateKey)
        }
        other => Err(KeyError::PemLabel(other.to_owned())),
    }
}

/// rsaEncryption.
pub(super) const OID_RSA: &str = "1.2.840.113549.1.1.1";
/// RSASSA-PSS.
pub(super) const OID_RSA_PSS: &str = "1.2.840.113549.1.1.10";
/// id-ecPublicKey.
pub(super) const OID_EC: &str = "1.2.840.10045.2.1";
/// Ed25519.
pub(super) const OID_ED25519: &str = "1.3.101.112";

/// The named curve of an id-ecPublicKey algorithm identifier (SPKI or PKCS#8).
pub(super) fn ec_curve(algorithm: &spki::AlgorithmIdentifierRef<'_>) -> Result<Curve, KeyError> {
    let oid = algorithm
        .parameters_oid()
        .map_err(|e| KeyError::Der(e.to_string()))?
        .to_string();
    match oid.as_str() {
        "1.2.840.10045.3.1.7" => Ok(Curve::P256),
        "1.3.132.0.34" => Ok(Curve::P384),
        "1.3.132.0.35" => Ok(Curve::P521),
        "1.3.132.0.10" => Ok(Curve::Secp256k1),
        other => Err(KeyError::Unsupported(format!("EC curve {other}"))),
    }
}

/// Read a DER SubjectPublicKeyInfo.
pub fn parse_spki(der: &[u8]) -> Result<PublicKey, KeyError> {
    let info =
        spki::SubjectPublicKeyInfoRef::from_der(der).map_err(|e| KeyError::Der(e.to_string()))?;
    let bits = info.subject_public_key.raw_bytes().to_vec();
    match info.algorithm.oid.to_string().as_str() {
        OID_RSA | OID_RSA_PSS => rsa_from_pkcs1(bits),
        OID_EC => ec_key(ec_curve(&info.algorithm)?, bits),
        OID_ED25519 => ed_key(&bits),
        other => Err(KeyError::Unsupported(format!("OID {other}"))),
    }
}

fn rsa_from_pkcs1(der: Vec<u8>) -> Result<PublicKey, KeyError> {
    use rsa::pkcs1::DecodeRsaPublicKey as _;
    use rsa::traits::PublicKeyParts as _;
    let key = rsa::RsaPublicKey::from_pkcs1_der(&der).map_err(|e| KeyError::Der(e.to_string()))?;
    Ok(PublicKey::Rsa {
        bits: key.n().bits(),
        pkcs1_der: der,
    })
}

fn ec_key(curve: Curve, sec1: Vec<u8>) -> Result<PublicKey, KeyError> {
    let ok = match curve {
        Curve::P256 => p256::PublicKey::from_sec1_bytes(&sec1).is_ok(),
        Curve::P384 => p384::PublicKey::from_sec1_bytes(&sec1).is_ok(),
        Curve::P521 => p521::PublicKey::from_sec1_bytes(&sec1).is_ok(),
        Curve::Secp256k1 => k256::PublicKey::from_sec1_bytes(&sec1).is_ok(),
    };
    if !ok {
        return Err(KeyError::Der(trf(
            "key.err.ec_point",
            &[("crv", &curve.jwk_name())],
        )));
    }
    Ok(PublicKey::Ec { curve, sec1 })
}

fn ed_key(bytes: &[u8]) -> Result<PublicKey, KeyError> {
    // jsonwebtoken 11.1 panics on Ed25519 keys shorter than 32 bytes and truncates longer ones: check first.
    let Ok(arr) = <[u8; 32]>::try_from(bytes) else {
        return Err(KeyError::Length {
            what: "Ed25519 x",
            got: bytes.len(),
            want: 32,
        });
    };
    Ok(PublicKey::Ed25519(arr))
}

/// Parse JWK or JWKS text into entries.
pub fn parse_jwk_text(text: &str) -> Result<Vec<JwkEntry>, KeyError> {
    if text.trim().is_empty() {
        return Err(KeyError::Empty);
    }
    if looks_like_pem(text) {
        return Err(KeyError::Jwk(tr("key.err.pem_in_jwk").to_owned()));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| KeyError::Jwk(e.to_string()))?;
    match value.get("keys") {
        Some(Value::Array(keys)) => Ok(keys.iter().map(jwk_entry).collect()),
        Some(_) => Err(KeyError::Jwk(tr("key.err.keys_not_array").to_owned())),
        None if value.is_object() => Ok(vec![jwk_entry(&value)]),
        None => Err(KeyError::Jwk(tr("key.err.jwk_not_object").to_owned())),
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
        .ok_or_else(|| KeyError::Jwk(trf("key.err.jwk_missing", &[("name", &name)])))?;
    decode_b64url(text).map_err(|e| {
        let at = e.range(text.len()).start;
        KeyError::Jwk(trf("key.err.jwk_b64", &[("name", &name), ("at", &at)]))
    })
}

fn jwk_key(jwk: &Value) -> Result<PublicKey, KeyError> {
    let kty = jwk.get("kty").and_then(Value::as_str).unwrap_or_default();
    match kty {
        "oct" => {
            let k = member(jwk, "k")?;
            if k.is_empty() {
                return Err(KeyError::EmptySecret);
            }
            Ok(PublicKey::Hmac(k))
        }
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
        "" => Err(KeyError::Jwk(tr("key.err.jwk_no_kty").to_owned())),
        other => Err(KeyError::Unsupported(format!("kty {other:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_field_refuses_keys() {
        assert_eq!(
            secret_bytes(
                "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----",
                SecretEncoding::Utf8
            ),
            Err(KeyError::PemAsSecret)
        );
        assert_eq!(
            secret_bytes(r#"{"kty":"oct","k":"AA"}"#, SecretEncoding::Utf8),
            Err(KeyError::JwkAsSecret)
        );
        assert_eq!(secret_bytes("", SecretEncoding::Utf8), Err(KeyError::Empty));
        for (text, encoding) in [
            ("=", SecretEncoding::Base64),
            (" ", SecretEncoding::Base64),
            ("==", SecretEncoding::Base64Url),
        ] {
            assert_eq!(
                secret_bytes(text, encoding),
                Err(KeyError::EmptySecret),
                "{text:?}"
            );
        }
        let keys = parse_jwk_text(r#"{"kty":"oct","k":""}"#).unwrap();
        assert_eq!(keys[0].key, Err(KeyError::EmptySecret));
    }

    #[test]
    fn secret_encodings() {
        assert_eq!(secret_bytes("aGk=", SecretEncoding::Base64).unwrap(), b"hi");
        assert_eq!(
            secret_bytes("-_8", SecretEncoding::Base64Url).unwrap(),
            [0xfb, 0xff]
        );
        assert_eq!(
            secret_bytes("a-b", SecretEncoding::Base64),
            Err(KeyError::SecretBase64 { at: 1 })
        );
        assert_eq!(
            secret_bytes("hi there", SecretEncoding::Utf8).unwrap(),
            b"hi there"
        );
    }

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
    fn private_pem_is_refused_for_verification() {
        let pem = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        assert_eq!(parse_pem(pem), Err(KeyError::PrivateKey));
    }
}
