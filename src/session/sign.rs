//! The encoder: header and payload JSON in, a signed compact JWS out, for every algorithm Token Lens verifies.

use serde_json::{Map, Value};

use super::alg::{Alg, Curve, Family};
use super::b64::{decode_b64url, encode_b64url};
use super::keys::{KeyError, KeyInput, OID_EC, OID_ED25519, OID_RSA, ec_curve, secret_bytes};
use crate::i18n::{Worded, Words};

/// Why a token could not be signed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignError {
    /// The header text is not JSON (serde_json's message).
    Header(String),
    /// The header is JSON but not an object.
    HeaderNotObject,
    /// The payload text is not JSON (serde_json's message).
    Payload(String),
    /// The key could not be read.
    Key(KeyError),
    /// The key does not fit the algorithm.
    Mismatch {
        /// The chosen algorithm.
        alg: Alg,
        /// What it needs.
        need: Family,
        /// What was given.
        have: Family,
    },
    /// A public key (or certificate) where the private key is needed.
    PublicKey,
    /// This key and algorithm cannot sign together.
    Unsupported,
    /// The crypto library refused (its message).
    Crypto(String),
}

impl Worded for SignError {
    fn words(&self) -> Words {
        match self {
            Self::Header(msg) => words!("sign.err.header").with("msg", msg),
            Self::HeaderNotObject => {
                words!("sign.err.header").with_words("msg", words!("sign.err.not_object"))
            }
            Self::Payload(msg) => words!("sign.err.payload").with("msg", msg),
            Self::Key(e) => e.words(),
            Self::Mismatch { alg, need, have } => words!("sign.err.mismatch")
                .with("alg", alg)
                .with_words("need", need.words())
                .with_words("have", have.words()),
            Self::PublicKey => {
                words!("sign.err.crypto").with_words("msg", words!("sign.err.public_key"))
            }
            Self::Unsupported => {
                words!("sign.err.crypto").with_words("msg", words!("sign.err.unsupported"))
            }
            Self::Crypto(msg) => words!("sign.err.crypto").with("msg", msg),
        }
    }
}

/// English words, for logs and the CLI; the UI words errors in its language with [`Worded`].
impl std::fmt::Display for SignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.words().fmt(f)
    }
}

impl std::error::Error for SignError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Key(e) => Some(e),
            _ => None,
        }
    }
}

impl From<KeyError> for SignError {
    fn from(e: KeyError) -> Self {
        Self::Key(e)
    }
}

/// A private key ready for signing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrivateKey {
    /// HMAC secret.
    Hmac(Vec<u8>),
    /// RSA private key, PKCS#1 DER.
    Rsa(Vec<u8>),
    /// EC private key, PKCS#8 DER.
    Ec(Curve, Vec<u8>),
    /// Ed25519 private key, PKCS#8 DER.
    Ed25519(Vec<u8>),
}

impl PrivateKey {
    /// Its family.
    pub fn family(&self) -> Family {
        match self {
            Self::Hmac(_) => Family::Hmac,
            Self::Rsa(_) => Family::Rsa,
            Self::Ec(c, _) => Family::Ec(*c),
            Self::Ed25519(_) => Family::Ed25519,
        }
    }
}

/// Sign `payload_json` with `header_json`, setting the header's `alg`. `alg = None` makes an unsecured token.
///
/// The header and payload keep their key order; they are serialized compactly.
pub fn sign_token(
    header_json: &str,
    payload_json: &str,
    alg: Option<Alg>,
    key: &KeyInput,
) -> Result<String, SignError> {
    let mut header: Map<String, Value> = match serde_json::from_str::<Value>(header_json) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return Err(SignError::HeaderNotObject),
        Err(e) => return Err(SignError::Header(e.to_string())),
    };
    let payload: Value =
        serde_json::from_str(payload_json).map_err(|e| SignError::Payload(e.to_string()))?;
    header.insert(
        "alg".to_owned(),
        Value::String(alg.map_or("none", Alg::name).to_owned()),
    );
    let header_text = serde_json::to_string(&Value::Object(header))
        .map_err(|e| SignError::Header(e.to_string()))?;
    let payload_text =
        serde_json::to_string(&payload).map_err(|e| SignError::Payload(e.to_string()))?;
    let signing_input = format!(
        "{}.{}",
        encode_b64url(header_text.as_bytes()),
        encode_b64url(payload_text.as_bytes())
    );
    let Some(alg) = alg else {
        return Ok(format!("{signing_input}."));
    };
    let private = read_private_key(key)?;
    if private.family() != alg.family() {
        return Err(SignError::Mismatch {
            alg,
            need: alg.family(),
            have: private.family(),
        });
    }
    let signature = sign_bytes(alg, &private, signing_input.as_bytes())?;
    Ok(format!("{signing_input}.{signature}"))
}

/// Sign bytes and return the base64url signature.
pub fn sign_bytes(alg: Alg, key: &PrivateKey, message: &[u8]) -> Result<String, SignError> {
    use jsonwebtoken::EncodingKey;
    use k256::ecdsa::signature::Signer as _;
    let crypto = |e: &dyn std::fmt::Display| SignError::Crypto(e.to_string());
    if let Some(crate_alg) = alg.crate_alg() {
        let encoding = match key {
            PrivateKey::Hmac(secret) => EncodingKey::from_secret(secret),
            PrivateKey::Rsa(der) => EncodingKey::from_rsa_der(der),
            PrivateKey::Ec(_, der) => EncodingKey::from_ec_der(der),
            PrivateKey::Ed25519(der) => EncodingKey::from_ed_der(der),
        };
        return jsonwebtoken::crypto::sign(message, &encoding, crate_alg).map_err(|e| crypto(&e));
    }
    use p256::pkcs8::DecodePrivateKey as _;
    match key {
        PrivateKey::Ec(Curve::P521, der) => {
            let secret = p521::SecretKey::from_pkcs8_der(der).map_err(|e| crypto(&e))?;
            let signing =
                p521::ecdsa::SigningKey::from_bytes(&secret.to_bytes()).map_err(|e| crypto(&e))?;
            let sig: p521::ecdsa::Signature =
                p521::ecdsa::signature::Signer::sign(&signing, message);
            Ok(encode_b64url(&sig.to_bytes()))
        }
        PrivateKey::Ec(Curve::Secp256k1, der) => {
            let signing = k256::ecdsa::SigningKey::from_pkcs8_der(der).map_err(|e| crypto(&e))?;
            let sig: k256::ecdsa::Signature = signing.sign(message);
            Ok(encode_b64url(&sig.to_bytes()))
        }
        _ => Err(SignError::Unsupported),
    }
}

/// Read a signing key from the secret, PEM or JWK field.
pub fn read_private_key(input: &KeyInput) -> Result<PrivateKey, SignError> {
    match input {
        KeyInput::Secret { text, encoding } => Ok(PrivateKey::Hmac(secret_bytes(text, *encoding)?)),
        KeyInput::Pem(text) => private_from_pem(text),
        KeyInput::Jwk(text) => private_from_jwk(text),
    }
}

fn private_from_pem(text: &str) -> Result<PrivateKey, SignError> {
    if text.trim().is_empty() {
        return Err(KeyError::Empty.into());
    }
    let block = pem::parse(text.trim()).map_err(|e| KeyError::Pem(e.to_string()))?;
    let der = block.contents();
    match block.tag() {
        "PRIVATE KEY" => private_from_pkcs8(der),
        "RSA PRIVATE KEY" => {
            use rsa::pkcs1::DecodeRsaPrivateKey as _;
            rsa::RsaPrivateKey::from_pkcs1_der(der).map_err(|e| KeyError::Der(e.to_string()))?;
            Ok(PrivateKey::Rsa(der.to_vec()))
        }
        "EC PRIVATE KEY" => {
            use p256::pkcs8::EncodePrivateKey as _;
            let der8 = if let Ok(k) = p256::SecretKey::from_sec1_der(der) {
                (
                    Curve::P256,
                    k.to_pkcs8_der().map_err(|e| KeyError::Der(e.to_string()))?,
                )
            } else if let Ok(k) = p384::SecretKey::from_sec1_der(der) {
                (
                    Curve::P384,
                    k.to_pkcs8_der().map_err(|e| KeyError::Der(e.to_string()))?,
                )
            } else if let Ok(k) = k256::SecretKey::from_sec1_der(der) {
                (
                    Curve::Secp256k1,
                    k.to_pkcs8_der().map_err(|e| KeyError::Der(e.to_string()))?,
                )
            } else if let Ok(k) = p521::SecretKey::from_sec1_der(der) {
                (
                    Curve::P521,
                    k.to_pkcs8_der().map_err(|e| KeyError::Der(e.to_string()))?,
                )
            } else {
                return Err(KeyError::EcPrivateCurve.into());
            };
            Ok(PrivateKey::Ec(der8.0, der8.1.as_bytes().to_vec()))
        }
        "PUBLIC KEY" | "RSA PUBLIC KEY" | "CERTIFICATE" => Err(SignError::PublicKey),
        other => Err(KeyError::PemLabel(other.to_owned()).into()),
    }
}

fn private_from_pkcs8(der: &[u8]) -> Result<PrivateKey, SignError> {
    use p256::pkcs8::der::Decode as _;
    let info =
        p256::pkcs8::PrivateKeyInfo::from_der(der).map_err(|e| KeyError::Der(e.to_string()))?;
    match info.algorithm.oid.to_string().as_str() {
        OID_RSA => {
            use rsa::pkcs1::EncodeRsaPrivateKey as _;
            use rsa::pkcs8::DecodePrivateKey as _;
            let key = rsa::RsaPrivateKey::from_pkcs8_der(der)
                .map_err(|e| KeyError::Der(e.to_string()))?;
            let pkcs1 = key
                .to_pkcs1_der()
                .map_err(|e| KeyError::Der(e.to_string()))?;
            Ok(PrivateKey::Rsa(pkcs1.as_bytes().to_vec()))
        }
        OID_EC => Ok(PrivateKey::Ec(ec_curve(&info.algorithm)?, der.to_vec())),
        OID_ED25519 => Ok(PrivateKey::Ed25519(der.to_vec())),
        other => Err(KeyError::Unsupported(format!("OID {other}")).into()),
    }
}

fn private_from_jwk(text: &str) -> Result<PrivateKey, SignError> {
    use p256::pkcs8::EncodePrivateKey as _;
    let jwk: Value = serde_json::from_str(text).map_err(|e| KeyError::Jwk(e.to_string()))?;
    let jwk = match jwk.get("keys").and_then(Value::as_array) {
        Some(keys) if keys.len() == 1 => keys[0].clone(),
        Some(_) => return Err(KeyError::JwkNotOne.into()),
        None => jwk,
    };
    let member = |name: &'static str| -> Result<Vec<u8>, SignError> {
        let text = jwk
            .get(name)
            .and_then(Value::as_str)
            .ok_or(KeyError::JwkMissing(name))?;
        decode_b64url(text).map_err(|e| {
            KeyError::JwkBase64 {
                name,
                at: e.range(text.len()).start,
            }
            .into()
        })
    };
    let der_err = |e: &dyn std::fmt::Display| SignError::from(KeyError::Der(e.to_string()));
    match jwk.get("kty").and_then(Value::as_str).unwrap_or_default() {
        "oct" => Ok(PrivateKey::Hmac(member("k")?)),
        "RSA" => {
            use rsa::BigUint;
            use rsa::pkcs1::EncodeRsaPrivateKey as _;
            let big = |name| member(name).map(|b| BigUint::from_bytes_be(&b));
            let key = rsa::RsaPrivateKey::from_components(
                big("n")?,
                big("e")?,
                big("d")?,
                vec![big("p")?, big("q")?],
            )
            .map_err(|e| der_err(&e))?;
            Ok(PrivateKey::Rsa(
                key.to_pkcs1_der()
                    .map_err(|e| der_err(&e))?
                    .as_bytes()
                    .to_vec(),
            ))
        }
        "EC" => {
            let d = member("d")?;
            let (curve, der) = match jwk.get("crv").and_then(Value::as_str).unwrap_or_default() {
                "P-256" => (
                    Curve::P256,
                    p256::SecretKey::from_slice(&d)
                        .map_err(|e| der_err(&e))?
                        .to_pkcs8_der(),
                ),
                "P-384" => (
                    Curve::P384,
                    p384::SecretKey::from_slice(&d)
                        .map_err(|e| der_err(&e))?
                        .to_pkcs8_der(),
                ),
                "P-521" => (
                    Curve::P521,
                    p521::SecretKey::from_slice(&d)
                        .map_err(|e| der_err(&e))?
                        .to_pkcs8_der(),
                ),
                "secp256k1" => (
                    Curve::Secp256k1,
                    k256::SecretKey::from_slice(&d)
                        .map_err(|e| der_err(&e))?
                        .to_pkcs8_der(),
                ),
                other => return Err(KeyError::Unsupported(format!("crv {other:?}")).into()),
            };
            Ok(PrivateKey::Ec(
                curve,
                der.map_err(|e| der_err(&e))?.as_bytes().to_vec(),
            ))
        }
        "OKP" => {
            use ed25519_dalek::pkcs8::EncodePrivateKey as _;
            let d = member("d")?;
            let Ok(bytes) = <[u8; 32]>::try_from(d.as_slice()) else {
                return Err(KeyError::Length {
                    what: "Ed25519 d",
                    got: d.len(),
                    want: 32,
                }
                .into());
            };
            let key = ed25519_dalek::SigningKey::from_bytes(&bytes);
            Ok(PrivateKey::Ed25519(
                key.to_pkcs8_der()
                    .map_err(|e| der_err(&e))?
                    .as_bytes()
                    .to_vec(),
            ))
        }
        other => Err(KeyError::Unsupported(format!("kty {other:?}")).into()),
    }
}
