//! Spotting key material where an HMAC secret should be: PEM armour, JWK text, or DER that parses as a public
//! key, a certificate or a private key, also after one or two layers of base64.
//!
//! This is the algorithm-confusion guard on the decoded bytes (issue 13 item 5). A server that verifies HS256
//! with its RSA public key "as the secret" accepts tokens anyone can forge; the key may reach the secret field as
//! PEM text, as base64 of that text, as a PEM body without its BEGIN/END lines, or as the `k` of an `oct` JWK.
//! Pure: uses the RustCrypto DER types already in the tree (spki, x509-cert, and pkcs1/pkcs8 through `rsa`).

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};
use spki::der::Decode as _;

use super::keys::{looks_like_jwk, looks_like_pem};

/// Key material found where an HMAC secret should be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyMaterial {
    /// PEM armour (`-----BEGIN …`).
    Pem,
    /// JWK or JWKS text.
    Jwk,
    /// A DER SubjectPublicKeyInfo (what `PUBLIC KEY` PEM holds).
    Spki,
    /// A DER PKCS#1 RSAPublicKey (what `RSA PUBLIC KEY` PEM holds).
    Pkcs1,
    /// A DER X.509 certificate.
    Certificate,
    /// A DER private key: PKCS#8, PKCS#1 or SEC1.
    PrivateKey,
}

impl KeyMaterial {
    /// Catalogue key of what was found, in words.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Pem => key!("key.material.pem"),
            Self::Jwk => key!("key.material.jwk"),
            Self::Spki => key!("key.material.spki"),
            Self::Pkcs1 => key!("key.material.pkcs1"),
            Self::Certificate => key!("key.material.certificate"),
            Self::PrivateKey => key!("key.material.private"),
        }
    }
}

/// How many layers of base64 are peeled off before giving up (a PEM body is one; base64 of a PEM body two).
const MAX_LAYERS: u8 = 2;

/// What key material `bytes` are, if any: checked as DER, as text (PEM armour, JWK), then base64-decoded again.
///
/// ```
/// use tokenlens::session::{KeyMaterial, key_material};
/// assert_eq!(key_material(b"-----BEGIN PUBLIC KEY-----\nMIIB"), Some(KeyMaterial::Pem));
/// assert_eq!(key_material(b"a-string-secret-at-least-256-bits-long"), None);
/// ```
pub fn key_material(bytes: &[u8]) -> Option<KeyMaterial> {
    sniff(bytes, 0)
}

fn sniff(bytes: &[u8], layer: u8) -> Option<KeyMaterial> {
    if let Some(found) = der_key(bytes) {
        return Some(found);
    }
    let text = std::str::from_utf8(bytes).ok()?;
    if looks_like_pem(text) {
        return Some(KeyMaterial::Pem);
    }
    if looks_like_jwk(text) {
        return Some(KeyMaterial::Jwk);
    }
    if layer >= MAX_LAYERS {
        return None;
    }
    // A PEM body keeps its line breaks; base64 of anything may keep its padding.
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let compact = compact.trim_end_matches('=');
    if compact.len() < 16 {
        return None;
    }
    let decoded = STANDARD_NO_PAD
        .decode(compact)
        .or_else(|_| URL_SAFE_NO_PAD.decode(compact))
        .ok()?;
    sniff(&decoded, layer + 1)
}

/// DER that parses, in full, as one of the key structures. Each is an outer SEQUENCE (tag 0x30), so anything else
/// is skipped at once; a random secret parses as none of them.
fn der_key(bytes: &[u8]) -> Option<KeyMaterial> {
    if bytes.first() != Some(&0x30) {
        return None;
    }
    if spki::SubjectPublicKeyInfoRef::from_der(bytes).is_ok() {
        return Some(KeyMaterial::Spki);
    }
    if x509_cert::Certificate::from_der(bytes).is_ok() {
        return Some(KeyMaterial::Certificate);
    }
    if rsa::pkcs1::RsaPublicKey::from_der(bytes).is_ok() {
        return Some(KeyMaterial::Pkcs1);
    }
    let private = rsa::pkcs8::PrivateKeyInfo::from_der(bytes).is_ok()
        || rsa::pkcs1::RsaPrivateKey::from_der(bytes).is_ok()
        || p256::SecretKey::from_sec1_der(bytes).is_ok()
        || p384::SecretKey::from_sec1_der(bytes).is_ok()
        || p521::SecretKey::from_sec1_der(bytes).is_ok()
        || k256::SecretKey::from_sec1_der(bytes).is_ok();
    private.then_some(KeyMaterial::PrivateKey)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPKI_PEM: &str = include_str!("../../assets/samples/keys/rsa_public_spki.pem");
    const PKCS1_PEM: &str = include_str!("../../assets/samples/keys/rsa_public_pkcs1.pem");
    const CERT_PEM: &str = include_str!("../../assets/samples/keys/rsa_cert.pem");
    const PKCS8_PEM: &str = include_str!("../../assets/samples/keys/rsa_private_pkcs8.pem");

    fn body(pem: &str) -> String {
        pem.lines().filter(|l| !l.starts_with("-----")).collect()
    }

    fn der(pem: &str) -> Vec<u8> {
        STANDARD_NO_PAD
            .decode(body(pem).trim_end_matches('='))
            .unwrap()
    }

    #[test]
    fn every_disguise_is_found() {
        use base64::engine::general_purpose::STANDARD;
        let cases = [
            (SPKI_PEM, KeyMaterial::Spki),
            (PKCS1_PEM, KeyMaterial::Pkcs1),
            (CERT_PEM, KeyMaterial::Certificate),
            (PKCS8_PEM, KeyMaterial::PrivateKey),
        ];
        for (pem, want) in cases {
            assert_eq!(key_material(pem.as_bytes()), Some(KeyMaterial::Pem));
            assert_eq!(key_material(&der(pem)), Some(want), "raw DER");
            assert_eq!(key_material(body(pem).as_bytes()), Some(want), "bare body");
            let wrapped = pem
                .lines()
                .filter(|l| !l.starts_with("-----"))
                .collect::<Vec<_>>()
                .join("\n");
            assert_eq!(key_material(wrapped.as_bytes()), Some(want), "with breaks");
            assert_eq!(
                key_material(STANDARD.encode(pem).as_bytes()),
                Some(KeyMaterial::Pem),
                "base64 of the PEM"
            );
            assert_eq!(
                key_material(STANDARD.encode(body(pem)).as_bytes()),
                Some(want),
                "base64 of the body"
            );
        }
        assert_eq!(
            key_material(br#"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#),
            Some(KeyMaterial::Jwk)
        );
    }

    #[test]
    fn ordinary_secrets_are_not_key_material() {
        for secret in [
            &b"a-string-secret-at-least-256-bits-long"[..],
            b"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0",
            b"0123456789abcdef0123456789abcdef",
            &[0x30; 64],
            &[0x30, 0x03, 0x02, 0x01, 0x01],
            b"",
        ] {
            assert_eq!(key_material(secret), None, "{secret:?}");
        }
    }
}
