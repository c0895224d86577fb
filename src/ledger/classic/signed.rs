//! The signed rows of public-private-key-demo, checked the way its page checks them, quirks included.
//!
//! The page signs `Buffer.from(sha256hex(value + from + to + seq))`: the 64 ASCII bytes of the hex digest. The
//! `elliptic` library cuts a message longer than the curve order to its first 32 bytes, so the real prehash is the
//! ASCII of the first 32 hex characters. `elliptic` also leaves S high; `k256` insists on low S, so a shipped
//! signature is normalized before it is verified, and the row reports that it was high. Private keys are typed as
//! decimal numbers; public keys are uncompressed SEC1 points in hex (`04…`).
//!
//! For our own ledger, sign the real 32-byte digest instead.

use k256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use k256::ecdsa::{Signature, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use super::ClassicError;
use super::model::TxRow;

/// The verdict on one signed row.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct RowSig {
    /// The signature verifies for the row's From key under the page's prehash (after normalizing S).
    pub valid: bool,
    /// The signature as shipped has a high S (k256 alone would reject it).
    pub high_s: bool,
    /// The signed message: `value + from + to + seq`.
    pub message: String,
    /// SHA-256 of the message in hex, as CryptoJS prints it.
    pub digest_hex: String,
    /// What was really signed: the first 32 characters of `digest_hex`, as ASCII bytes.
    pub prehash: String,
    /// Why the row does not verify (`None` when valid); English in JSON.
    #[serde(serialize_with = "crate::ledger::words::english_worded_opt")]
    pub problem: Option<ClassicError>,
}

/// The message a row signs: `value + from + to + seq`, glued together.
pub fn row_message(row: &TxRow) -> String {
    [
        row.value.as_str(),
        row.from.as_str(),
        row.to.as_str(),
        row.seq.as_str(),
    ]
    .concat()
}

/// The 32 bytes `elliptic` really signs for `message`: the ASCII of the first 32 hex digits of its SHA-256.
pub fn classic_prehash(message: &str) -> [u8; 32] {
    let digest_hex = hex::encode(Sha256::digest(message.as_bytes()));
    let mut prehash = [0u8; 32];
    prehash.copy_from_slice(&digest_hex.as_bytes()[..32]);
    prehash
}

/// Check a signed row the way the Signed page does, and say why it fails.
pub fn verify_classic_row(row: &TxRow) -> RowSig {
    let message = row_message(row);
    let digest_hex = hex::encode(Sha256::digest(message.as_bytes()));
    let prehash = classic_prehash(&message);
    let mut out = RowSig {
        valid: false,
        high_s: false,
        message,
        prehash: digest_hex[..32].to_owned(),
        digest_hex,
        problem: None,
    };
    let checked = parse_signature(&row.sig).and_then(|sig| {
        out.high_s = sig.normalize_s().is_some();
        let key = parse_public_key(&row.from)?;
        let low = sig.normalize_s().unwrap_or(sig);
        // k256's error is opaque by design (it says nothing about why), so it is not kept.
        key.verify_prehash(&prehash, &low)
            .map_err(|_opaque| ClassicError::BadSignature)
    });
    match checked {
        Ok(()) => out.valid = true,
        Err(e) => out.problem = Some(e),
    }
    out
}

/// Sign `row` as the page would: deterministic ECDSA (RFC 6979) over [`classic_prehash`] of its message, with the
/// private key typed in decimal. Returns the DER signature in hex (low S, since `k256` always produces low S).
pub fn sign_classic_row(row: &TxRow, private_key_decimal: &str) -> Result<String, ClassicError> {
    let key = signing_key_from_decimal(private_key_decimal)?;
    let prehash = classic_prehash(&row_message(row));
    let sig: Signature = key
        .sign_prehash(&prehash)
        .map_err(|_opaque| ClassicError::SigningFailed)?;
    Ok(hex::encode(sig.to_der().as_bytes()))
}

/// The uncompressed public key (`04…`, 130 hex digits) of a private key typed in decimal, as the Keys page shows it.
pub fn public_key_from_decimal(private_key_decimal: &str) -> Result<String, ClassicError> {
    let key = signing_key_from_decimal(private_key_decimal)?;
    Ok(hex::encode(
        key.verifying_key().to_encoded_point(false).as_bytes(),
    ))
}

/// A signing key from a decimal private key.
fn signing_key_from_decimal(text: &str) -> Result<SigningKey, ClassicError> {
    let bytes = decimal_to_be32(text)?;
    SigningKey::from_bytes(&bytes.into()).map_err(|_opaque| ClassicError::KeyOutOfRange)
}

/// A decimal number (digits only, surrounding whitespace ignored) as 32 big-endian bytes.
fn decimal_to_be32(text: &str) -> Result<[u8; 32], ClassicError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ClassicError::NotDecimal { at: 0 });
    }
    let mut out = [0u8; 32];
    for (at, c) in text.char_indices() {
        let Some(digit) = c.to_digit(10) else {
            return Err(ClassicError::NotDecimal { at });
        };
        // out = out * 10 + digit, from the least significant byte up.
        let mut carry = digit;
        for byte in out.iter_mut().rev() {
            let v = u32::from(*byte) * 10 + carry;
            *byte = (v & 0xff) as u8;
            carry = v >> 8;
        }
        if carry != 0 {
            return Err(ClassicError::KeyOutOfRange);
        }
    }
    Ok(out)
}

/// Hex digits of a row field, with the field named in the error.
fn field_bytes(field: &'static str, text: &str) -> Result<Vec<u8>, ClassicError> {
    hex::decode(text.trim()).map_err(|e| ClassicError::NotHex {
        field,
        reason: e.to_string(),
    })
}

fn parse_public_key(text: &str) -> Result<VerifyingKey, ClassicError> {
    VerifyingKey::from_sec1_bytes(&field_bytes("from", text)?)
        .map_err(|_opaque| ClassicError::NotAPublicKey)
}

fn parse_signature(text: &str) -> Result<Signature, ClassicError> {
    Signature::from_der(&field_bytes("sig", text)?).map_err(|_opaque| ClassicError::NotDer)
}
