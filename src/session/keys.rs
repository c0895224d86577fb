//! Reading verification keys from what the user typed: an HMAC secret, a PEM (SPKI, PKCS#1, X.509 certificate
//! or chain; see `certs`) or a JWK/JWKS (see `jwk`). The key type comes from the input field, never from the
//! token's `alg`. Key text is capped at [`MAX_KEY_TEXT_BYTES`].

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use spki::der::Decode as _;

pub use super::key_error::KeyError;

use super::alg::{Curve, Family};
use super::certs::read_pem;
use super::jwk::{JwkEntry, parse_jwk_text};
use super::sniff::key_material;

/// The most key text read from one field (secret, PEM or JWK/JWKS), and from a `--key` file: a PEM chain or the
/// JWKS of a large identity provider is tens of KB.
pub const MAX_KEY_TEXT_BYTES: usize = 1024 * 1024;

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

/// A parsed key input.
#[derive(Clone, Debug)]
pub enum ParsedKey {
    /// A single key from the secret or PEM field.
    Single(PublicKey),
    /// One or more keys from the JWK field.
    Jwks(Vec<JwkEntry>),
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

/// Read the secret field into HMAC key bytes. A secret that decodes to zero bytes is refused, and so is one
/// whose bytes are key material (see [`check_secret`]).
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
    if text.len() > MAX_KEY_TEXT_BYTES {
        return Err(KeyError::TooLarge {
            len: text.len(),
            max: MAX_KEY_TEXT_BYTES,
        });
    }
    check_secret(secret_bytes_unchecked(text, encoding)?)
}

/// The checks every HMAC key passes, however it was entered (the secret field or an `oct` JWK): not empty, and
/// not a public key, certificate, private key, PEM or JWK once decoded. Public-key bytes used as an HMAC secret
/// are the algorithm-confusion attack.
pub(super) fn check_secret(bytes: Vec<u8>) -> Result<Vec<u8>, KeyError> {
    if bytes.is_empty() {
        return Err(KeyError::EmptySecret);
    }
    if let Some(found) = key_material(&bytes) {
        return Err(KeyError::KeyAsSecret(found));
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
        KeyInput::Pem(text) => read_pem(text).map(|p| ParsedKey::Single(p.key)),
        KeyInput::Jwk(text) => parse_jwk_text(text).map(ParsedKey::Jwks),
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

pub(super) fn rsa_from_pkcs1(der: Vec<u8>) -> Result<PublicKey, KeyError> {
    use rsa::pkcs1::DecodeRsaPublicKey as _;
    use rsa::traits::PublicKeyParts as _;
    let key = rsa::RsaPublicKey::from_pkcs1_der(&der).map_err(|e| KeyError::Der(e.to_string()))?;
    Ok(PublicKey::Rsa {
        bits: key.n().bits(),
        pkcs1_der: der,
    })
}

pub(super) fn ec_key(curve: Curve, sec1: Vec<u8>) -> Result<PublicKey, KeyError> {
    let ok = match curve {
        Curve::P256 => p256::PublicKey::from_sec1_bytes(&sec1).is_ok(),
        Curve::P384 => p384::PublicKey::from_sec1_bytes(&sec1).is_ok(),
        Curve::P521 => p521::PublicKey::from_sec1_bytes(&sec1).is_ok(),
        Curve::Secp256k1 => k256::PublicKey::from_sec1_bytes(&sec1).is_ok(),
    };
    if !ok {
        return Err(KeyError::EcPoint(curve));
    }
    Ok(PublicKey::Ec { curve, sec1 })
}

pub(super) fn ed_key(bytes: &[u8]) -> Result<PublicKey, KeyError> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::KeyMaterial;

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
    fn secrets_that_are_keys_in_disguise_are_refused() {
        use base64::engine::general_purpose::STANDARD;
        const SPKI: &str = include_str!("../../assets/samples/keys/rsa_public_spki.pem");
        let body: String = SPKI.lines().filter(|l| !l.starts_with("-----")).collect();
        let refused = |m| Err(KeyError::KeyAsSecret(m));
        assert_eq!(
            secret_bytes(&body, SecretEncoding::Utf8),
            refused(KeyMaterial::Spki)
        );
        assert_eq!(
            secret_bytes(&body, SecretEncoding::Base64),
            refused(KeyMaterial::Spki)
        );
        assert_eq!(
            secret_bytes(&STANDARD.encode(SPKI), SecretEncoding::Base64),
            refused(KeyMaterial::Pem)
        );
        assert!(
            secret_bytes(
                "a-string-secret-at-least-256-bits-long",
                SecretEncoding::Utf8
            )
            .is_ok()
        );
    }

    #[test]
    fn private_pem_is_refused_for_verification() {
        let pem = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        assert_eq!(read_pem(pem), Err(KeyError::PrivateKey));
    }
}
