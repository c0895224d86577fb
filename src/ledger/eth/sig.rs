//! Recovering the sender of a signed transaction from (y parity, r, s) and the signing hash, with EIP-2's low-S
//! rule.

use k256::ecdsa::{RecoveryId, Signature, VerifyingKey};

use super::address::Address;
use super::u256::U256;
use crate::i18n::Words;

/// What the signature says about the sender.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum Sender {
    /// The signature is valid and recovers this address.
    Recovered {
        /// The sender.
        address: Address,
    },
    /// s is in the upper half of the curve order: EIP-2 makes such transactions invalid (they are malleable
    /// copies of a low-S signature).
    HighS {
        /// The address the low-S twin (s → n − s, parity flipped) recovers, for explanation only.
        low_s_twin: Option<Address>,
    },
    /// No public key matches.
    Invalid {
        /// Why, in plain words (English in JSON).
        #[serde(serialize_with = "crate::ledger::words::english")]
        reason: Words,
    },
}

impl Sender {
    /// The recovered address, only when the signature is valid.
    pub fn address(&self) -> Option<Address> {
        match self {
            Self::Recovered { address } => Some(*address),
            _ => None,
        }
    }

    /// A sentence for the sender field.
    pub fn describe(&self) -> Words {
        match self {
            Self::Recovered { address } => {
                words!("inspect.sender.recovered").with("address", address)
            }
            Self::HighS { low_s_twin } => words!("inspect.sender.high_s").with_words(
                "twin",
                low_s_twin.map_or_else(
                    || Words::verbatim(""),
                    |a| words!("inspect.sender.twin").with("address", a),
                ),
            ),
            Self::Invalid { reason } => {
                words!("inspect.sender.invalid").with_words("reason", reason.clone())
            }
        }
    }
}

/// Recover the signer of `prehash`.
pub fn recover(prehash: &[u8; 32], y_odd: bool, r: U256, s: U256) -> Sender {
    let invalid = |reason: Words| Sender::Invalid { reason };
    if r.is_zero() || s.is_zero() {
        return invalid(words!("inspect.sender.zero"));
    }
    let Ok(sig) = Signature::from_scalars(r.to_be_bytes(), s.to_be_bytes()) else {
        return invalid(words!("inspect.sender.order"));
    };
    if let Some(low) = sig.normalize_s() {
        let low_s_twin =
            VerifyingKey::recover_from_prehash(prehash, &low, RecoveryId::new(!y_odd, false))
                .ok()
                .map(|vk| Address::from_public_key(&vk.into()));
        return Sender::HighS { low_s_twin };
    }
    match VerifyingKey::recover_from_prehash(prehash, &sig, RecoveryId::new(y_odd, false)) {
        Ok(vk) => Sender::Recovered {
            address: Address::from_public_key(&vk.into()),
        },
        Err(_) => invalid(words!("inspect.sender.not_point")),
    }
}
