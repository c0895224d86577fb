//! JWS algorithm names, and which key type each one needs.

use std::fmt;

use crate::i18n::{Worded, Words};

/// A JWS signature algorithm that Token Lens can verify and sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Alg {
    /// HMAC with SHA-256.
    HS256,
    /// HMAC with SHA-384.
    HS384,
    /// HMAC with SHA-512.
    HS512,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RS256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RS384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RS512,
    /// RSASSA-PSS with SHA-256.
    PS256,
    /// RSASSA-PSS with SHA-384.
    PS384,
    /// RSASSA-PSS with SHA-512.
    PS512,
    /// ECDSA P-256 with SHA-256.
    ES256,
    /// ECDSA P-384 with SHA-384.
    ES384,
    /// ECDSA P-521 with SHA-512.
    ES512,
    /// ECDSA secp256k1 with SHA-256 (RFC 8812).
    ES256K,
    /// EdDSA (Ed25519 only).
    EdDSA,
}

/// The key family an algorithm needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// A shared secret.
    Hmac,
    /// An RSA key.
    Rsa,
    /// An elliptic-curve key on the given curve.
    Ec(Curve),
    /// An Ed25519 key.
    Ed25519,
}

/// Elliptic curves for ECDSA.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Curve {
    /// NIST P-256.
    P256,
    /// NIST P-384.
    P384,
    /// NIST P-521.
    P521,
    /// secp256k1.
    Secp256k1,
}

impl Curve {
    /// The JWK `crv` name.
    pub fn jwk_name(self) -> &'static str {
        match self {
            Self::P256 => "P-256",
            Self::P384 => "P-384",
            Self::P521 => "P-521",
            Self::Secp256k1 => "secp256k1",
        }
    }

    /// Bytes of one coordinate.
    pub fn field_bytes(self) -> usize {
        match self {
            Self::P256 | Self::Secp256k1 => 32,
            Self::P384 => 48,
            Self::P521 => 66,
        }
    }
}

impl Alg {
    /// Every algorithm, in menu order.
    pub const ALL: [Self; 14] = [
        Self::HS256,
        Self::HS384,
        Self::HS512,
        Self::RS256,
        Self::RS384,
        Self::RS512,
        Self::PS256,
        Self::PS384,
        Self::PS512,
        Self::ES256,
        Self::ES384,
        Self::ES512,
        Self::ES256K,
        Self::EdDSA,
    ];

    /// Parse a header `alg` (case-sensitive, as RFC 7515 requires). `Ed25519` (RFC 9864) maps to EdDSA.
    pub fn parse(name: &str) -> Option<Self> {
        if name == "Ed25519" {
            return Some(Self::EdDSA);
        }
        Self::ALL.into_iter().find(|a| a.name() == name)
    }

    /// The registered name.
    pub fn name(self) -> &'static str {
        match self {
            Self::HS256 => "HS256",
            Self::HS384 => "HS384",
            Self::HS512 => "HS512",
            Self::RS256 => "RS256",
            Self::RS384 => "RS384",
            Self::RS512 => "RS512",
            Self::PS256 => "PS256",
            Self::PS384 => "PS384",
            Self::PS512 => "PS512",
            Self::ES256 => "ES256",
            Self::ES384 => "ES384",
            Self::ES512 => "ES512",
            Self::ES256K => "ES256K",
            Self::EdDSA => "EdDSA",
        }
    }

    /// The key family it needs.
    pub fn family(self) -> Family {
        match self {
            Self::HS256 | Self::HS384 | Self::HS512 => Family::Hmac,
            Self::RS256 | Self::RS384 | Self::RS512 | Self::PS256 | Self::PS384 | Self::PS512 => {
                Family::Rsa
            }
            Self::ES256 => Family::Ec(Curve::P256),
            Self::ES384 => Family::Ec(Curve::P384),
            Self::ES512 => Family::Ec(Curve::P521),
            Self::ES256K => Family::Ec(Curve::Secp256k1),
            Self::EdDSA => Family::Ed25519,
        }
    }

    /// Output size of the hash, in bytes (the minimum HMAC key length per RFC 7518 §3.2).
    pub fn hash_bytes(self) -> usize {
        match self {
            Self::HS256 | Self::RS256 | Self::PS256 | Self::ES256 | Self::ES256K => 32,
            Self::HS384 | Self::RS384 | Self::PS384 | Self::ES384 => 48,
            Self::HS512 | Self::RS512 | Self::PS512 | Self::ES512 | Self::EdDSA => 64,
        }
    }

    /// The jsonwebtoken algorithm, where the crate implements it.
    pub(crate) fn crate_alg(self) -> Option<jsonwebtoken::Algorithm> {
        use jsonwebtoken::Algorithm as A;
        Some(match self {
            Self::HS256 => A::HS256,
            Self::HS384 => A::HS384,
            Self::HS512 => A::HS512,
            Self::RS256 => A::RS256,
            Self::RS384 => A::RS384,
            Self::RS512 => A::RS512,
            Self::PS256 => A::PS256,
            Self::PS384 => A::PS384,
            Self::PS512 => A::PS512,
            Self::ES256 => A::ES256,
            Self::ES384 => A::ES384,
            Self::EdDSA => A::EdDSA,
            Self::ES512 | Self::ES256K => return None,
        })
    }
}

impl fmt::Display for Alg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The family in words ("an RSA key"), for messages that name what a token needs or a key is.
impl Worded for Family {
    fn words(&self) -> Words {
        match self {
            Self::Hmac => words!("family.hmac"),
            Self::Rsa => words!("family.rsa"),
            Self::Ec(c) => words!("family.ec").with("crv", c.jwk_name()),
            Self::Ed25519 => words!("family.ed25519"),
        }
    }
}

/// English words, for logs and the CLI.
impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.words().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_case_sensitive() {
        for alg in Alg::ALL {
            assert_eq!(Alg::parse(alg.name()), Some(alg));
        }
        assert_eq!(Alg::parse("hs256"), None);
        assert_eq!(Alg::parse("none"), None);
        assert_eq!(Alg::parse("Ed25519"), Some(Alg::EdDSA));
    }
}
