//! Why a key could not be read: one error for the secret, PEM and JWK fields, with the values that say what is
//! wrong. Words are put to it at the edge ([`Worded`]); `Display` is English, for logs and the CLI.

use super::alg::Curve;
use super::sniff::KeyMaterial;
use crate::i18n::{Worded, Words};

/// Why a key could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// The field is empty.
    Empty,
    /// An HMAC secret that decodes to zero bytes (`=`, a space in base64, an `oct` JWK with an empty `k`): anyone
    /// can compute that MAC.
    EmptySecret,
    /// PEM text in the secret field: the algorithm-confusion trap.
    PemAsSecret,
    /// JWK text in the secret field.
    JwkAsSecret,
    /// A secret whose bytes are key material in disguise (base64 of a PEM, a PEM body without its armour, DER
    /// SPKI, PKCS#1 or a certificate, or an `oct` JWK whose `k` holds one of those).
    KeyAsSecret(KeyMaterial),
    /// Key text longer than [`super::MAX_KEY_TEXT_BYTES`].
    TooLarge {
        /// Bytes given.
        len: usize,
        /// The cap.
        max: usize,
    },
    /// A JWKS with more than [`super::MAX_JWKS_KEYS`] keys.
    TooManyKeys {
        /// Keys in the set.
        found: usize,
        /// The cap.
        max: usize,
    },
    /// The secret is not valid base64/base64url.
    SecretBase64 {
        /// Byte offset of the problem.
        at: usize,
    },
    /// The PEM text does not parse (the `pem` crate's message).
    Pem(String),
    /// A PEM label we do not read.
    PemLabel(String),
    /// A private key where a public key is expected.
    PrivateKey,
    /// A JWK with private members (`d`, `p`, `q`…) where a public key is expected.
    PrivateJwk,
    /// Several PEM blocks that are not one certificate chain.
    PemSeveral {
        /// Blocks in the text.
        count: usize,
        /// Their labels, comma-separated.
        labels: String,
    },
    /// A certificate chain with no leaf, or with several: which one signs would be a guess.
    CertChain {
        /// Certificates in the chain.
        count: usize,
        /// How many are not CA certificates.
        leaves: usize,
        /// Their subjects, numbered, CAs marked.
        subjects: String,
    },
    /// DER inside the PEM (or built from a JWK) does not parse (the DER or key crate's message).
    Der(String),
    /// The bytes of an EC public key are not a point on its curve.
    EcPoint(Curve),
    /// An EC private key on none of the curves Token Lens signs with.
    EcPrivateCurve,
    /// A key type or curve we cannot use (its name as found, e.g. `kty "oct2"`).
    Unsupported(String),
    /// The JWK text is not JSON, or a JWK's numbers make no key (the library's message).
    Jwk(String),
    /// PEM text in the JWK field.
    JwkIsPem,
    /// `keys` is not an array.
    JwksNotArray,
    /// Neither a JWK object nor a JWKS.
    JwkNotObject,
    /// A JWK without a member its key type needs.
    JwkMissing(&'static str),
    /// A JWK member that is not base64url.
    JwkBase64 {
        /// The member.
        name: &'static str,
        /// Byte offset of the problem in its value.
        at: usize,
    },
    /// A JWK without `kty`.
    JwkNoKty,
    /// A JWKS with other than one key, where one key to sign with is needed.
    JwkNotOne,
    /// A key with the wrong length.
    Length {
        /// Which key part.
        what: &'static str,
        /// Bytes found.
        got: usize,
        /// Bytes required.
        want: usize,
    },
}

impl Worded for KeyError {
    fn words(&self) -> Words {
        let jwk = |why: Words| words!("key.err.jwk").with_words("msg", why);
        match self {
            Self::Empty => words!("key.err.empty"),
            Self::EmptySecret => words!("key.err.empty_secret"),
            Self::PemAsSecret => words!("key.err.pem_as_secret"),
            Self::JwkAsSecret => words!("key.err.jwk_as_secret"),
            Self::KeyAsSecret(found) => {
                words!("key.err.key_as_secret").with_words("what", Words::new(found.label_key()))
            }
            Self::TooLarge { len, max } => words!("key.err.too_large")
                .with("len", len)
                .with("max", max),
            Self::TooManyKeys { found, max } => words!("key.err.too_many_keys")
                .with("found", found)
                .with("max", max),
            Self::SecretBase64 { at } => words!("key.err.secret_b64").with("at", at),
            Self::Pem(msg) => words!("key.err.pem").with("msg", msg),
            Self::PemLabel(label) => words!("key.err.pem_label").with("label", label),
            Self::PrivateKey => words!("key.err.private_key"),
            Self::PrivateJwk => words!("key.err.private_jwk"),
            Self::PemSeveral { count, labels } => words!("key.err.pem_several")
                .with("count", count)
                .with("labels", labels),
            Self::CertChain {
                count,
                leaves,
                subjects,
            } => if *leaves == 0 {
                words!("key.err.chain_no_leaf")
            } else {
                words!("key.err.chain_many_leaves")
            }
            .with("count", count)
            .with("leaves", leaves)
            .with("subjects", subjects),
            Self::Der(msg) => words!("key.err.der").with("msg", msg),
            Self::EcPoint(curve) => words!("key.err.der").with_words(
                "msg",
                words!("key.err.ec_point").with("crv", curve.jwk_name()),
            ),
            Self::EcPrivateCurve => words!("key.err.der").with_words("msg", words!("key.err.sec1")),
            Self::Unsupported(what) => words!("key.err.unsupported").with("what", what),
            Self::Jwk(msg) => words!("key.err.jwk").with("msg", msg),
            Self::JwkIsPem => jwk(words!("key.err.pem_in_jwk")),
            Self::JwksNotArray => jwk(words!("key.err.keys_not_array")),
            Self::JwkNotObject => jwk(words!("key.err.jwk_not_object")),
            Self::JwkMissing(name) => jwk(words!("key.err.jwk_missing").with("name", name)),
            Self::JwkBase64 { name, at } => {
                jwk(words!("key.err.jwk_b64").with("name", name).with("at", at))
            }
            Self::JwkNoKty => jwk(words!("key.err.jwk_no_kty")),
            Self::JwkNotOne => jwk(words!("sign.err.one_jwk")),
            Self::Length { what, got, want } => if *got == 1 {
                words!("key.err.length_one")
            } else {
                words!("key.err.length")
            }
            .with("what", what)
            .with("got", got)
            .with("want", want),
        }
    }
}

/// English words, for logs and the CLI; the UI words errors in its language with [`Worded`].
impl std::fmt::Display for KeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.words().fmt(f)
    }
}

impl std::error::Error for KeyError {}
