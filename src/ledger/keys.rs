//! Key pairs: secp256k1 secret keys (k256), their Ethereum-style addresses, deterministic demo keys, and signing
//! with RFC 6979 nonces and low S.

use k256::ecdsa::{RecoveryId, Signature, SigningKey, VerifyingKey};
use sha2::{Digest as _, Sha256};

use super::encode::tx_signing_digest;
use super::model::Tx;
use super::types::{Address, H256, Sig};
use crate::i18n::{Worded, Words};

/// Why a key could not be made, or a signature made or read. Messages never repeat a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyPairError {
    /// The secret is 0 or not below the curve order.
    OutOfRange,
    /// The private key text is not 64 hex digits.
    Hex(super::eth::KeyError),
    /// The signer refused (k256's message).
    Signing(String),
    /// The signature's r or s is out of range (k256's message).
    MalformedSignature(String),
    /// The signature has a high S value.
    HighS,
    /// The recovery id (last byte) is not 0 or 1.
    RecoveryId(u8),
    /// No public key matches the signature.
    NoKey,
}

impl Worded for KeyPairError {
    fn words(&self) -> Words {
        match self {
            Self::OutOfRange => words!("ledger.err.key_range"),
            Self::Hex(e) => words!("ledger.err.key_hex").with_words("err", e.words()),
            Self::Signing(e) => words!("ledger.err.signing").with("e", e),
            Self::MalformedSignature(e) => words!("ledger.err.malformed_sig").with("e", e),
            Self::HighS => words!("ledger.err.high_s"),
            Self::RecoveryId(v) => words!("ledger.err.recovery_id").with("v", v),
            Self::NoKey => words!("ledger.err.no_key"),
        }
    }
}

/// English words, for logs and the CLI; the UI words the error in its language with [`Worded`].
impl std::fmt::Display for KeyPairError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.words().fmt(f)
    }
}

impl std::error::Error for KeyPairError {}

/// A secret key and its address. The secret is never written to disk or logs by this crate.
#[derive(Clone)]
pub struct KeyPair {
    secret: SigningKey,
    /// The address: last 20 bytes of Keccak-256 of the uncompressed public key.
    pub address: Address,
}

impl std::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KeyPair({}, secret hidden)", self.address)
    }
}

impl KeyPair {
    /// A key pair from 32 secret bytes; fails for 0 and for values ≥ the curve order.
    pub fn from_secret(bytes: &[u8; 32]) -> Result<Self, KeyPairError> {
        let secret =
            SigningKey::from_bytes(bytes.into()).map_err(|_invalid| KeyPairError::OutOfRange)?;
        let address = address_of(secret.verifying_key());
        Ok(Self { secret, address })
    }

    /// Parse a private key written as 64 hex digits (`0x` optional).
    pub fn from_hex(text: &str) -> Result<Self, KeyPairError> {
        let bytes = super::eth::parse_private_key(text).map_err(KeyPairError::Hex)?;
        Self::from_secret(&bytes)
    }

    /// The uncompressed public key, `04 ‖ x ‖ y`.
    pub fn public_key(&self) -> [u8; 65] {
        let point = self.secret.verifying_key().to_encoded_point(false);
        let mut out = [0; 65];
        out.copy_from_slice(point.as_bytes());
        out
    }

    /// Sign a 32-byte digest: deterministic (RFC 6979), low S, with the recovery id as the last byte.
    pub fn sign_digest(&self, digest: &H256) -> Result<Sig, KeyPairError> {
        let (sig, recid): (Signature, RecoveryId) = self
            .secret
            .sign_prehash_recoverable(&digest.0)
            .map_err(|e| KeyPairError::Signing(e.to_string()))?;
        let mut out = [0; 65];
        out[..64].copy_from_slice(&sig.to_bytes());
        out[64] = recid.to_byte();
        Ok(Sig(out))
    }

    /// A new transaction from this key with `nonce` and `op`, signed.
    pub fn signed_tx(&self, nonce: u64, op: super::model::Op) -> Result<Tx, KeyPairError> {
        let mut tx = Tx {
            from: self.address,
            nonce,
            op,
            signature: Sig::default(),
        };
        self.sign_tx(&mut tx)?;
        Ok(tx)
    }

    /// Set `tx.from` to this key's address and sign the transaction.
    pub fn sign_tx(&self, tx: &mut Tx) -> Result<(), KeyPairError> {
        tx.from = self.address;
        tx.signature = self.sign_digest(&tx_signing_digest(tx))?;
        Ok(())
    }
}

/// The address of a public key.
pub fn address_of(key: &VerifyingKey) -> Address {
    let point = key.to_encoded_point(false);
    let mut xy = [0; 64];
    xy.copy_from_slice(&point.as_bytes()[1..]);
    Address::from_raw_public_key(&xy)
}

/// The signer of a digest, recovered from a `r ‖ s ‖ v` signature with k256 (slow, for single transactions;
/// whole chains use `sigcheck`). High-S signatures are refused, as Ethereum does since EIP-2.
pub fn recover(digest: &H256, sig: &Sig) -> Result<Address, KeyPairError> {
    let signature = Signature::from_slice(&sig.0[..64])
        .map_err(|e| KeyPairError::MalformedSignature(e.to_string()))?;
    if signature.normalize_s().is_some() {
        return Err(KeyPairError::HighS);
    }
    let recid = RecoveryId::from_byte(sig.0[64]).ok_or(KeyPairError::RecoveryId(sig.0[64]))?;
    let key = VerifyingKey::recover_from_prehash(&digest.0, &signature, recid)
        .map_err(|_none| KeyPairError::NoKey)?;
    Ok(address_of(&key))
}

/// Candidate secret number `counter` of demo key `index` for `seed`: SHA-256("tokenlens demo key" ‖ seed ‖ index
/// ‖ counter). The first candidate that is a valid secret (from 1 to n − 1) is the key; the next is tried only in
/// the astronomically unlikely case it is not.
fn demo_candidate(seed: &str, index: u32, counter: u32) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"tokenlens demo key");
    h.update((seed.len() as u64).to_be_bytes());
    h.update(seed.as_bytes());
    h.update(index.to_be_bytes());
    h.update(counter.to_be_bytes());
    h.finalize().into()
}

/// Demo key number `index` for `seed` (see `demo_candidate`). Published teaching keys: never hold real value with
/// them.
pub fn demo_key(seed: &str, index: u32) -> KeyPair {
    let mut counter: u32 = 0;
    loop {
        if let Ok(pair) = KeyPair::from_secret(&demo_candidate(seed, index, counter)) {
            return pair;
        }
        counter = counter.wrapping_add(1);
    }
}

/// The address of demo key `index` for `seed`, derived with libsecp256k1 (several times faster than k256 here;
/// validation derives the key of every account that names one). Equal to `demo_key(seed, index).address`.
pub fn demo_address(seed: &str, index: u32) -> Address {
    let mut counter: u32 = 0;
    loop {
        if let Ok(sk) =
            secp256k1::SecretKey::from_secret_bytes(demo_candidate(seed, index, counter))
        {
            let full = secp256k1::PublicKey::from_secret_key(&sk).serialize_uncompressed();
            let mut xy = [0; 64];
            xy.copy_from_slice(&full[1..]);
            return Address::from_raw_public_key(&xy);
        }
        counter = counter.wrapping_add(1);
    }
}
