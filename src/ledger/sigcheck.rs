//! Checking many transaction signatures fast: libsecp256k1 on every core, every signature recovered in full (the
//! verdict never depends on which thread saw which sender first). k256 signs; a test checks both libraries agree.

use secp256k1::PublicKey;
use secp256k1::ecdsa::{self, RecoverableSignature, RecoveryId};

use super::types::{Address, H256, Sig};
use crate::i18n::Words;

/// The outcome of checking one signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SigCheck {
    /// Made by the sender's key.
    Valid,
    /// Not a signature at all (r or s out of range, recovery id not 0 or 1).
    Malformed,
    /// S is in the upper half of the order; such signatures are malleable and refused (EIP-2).
    HighS,
    /// A valid signature by another key: this address.
    WrongSigner(Address),
    /// No public key matches.
    Unrecoverable,
}

impl SigCheck {
    /// The reason in plain words, or `None` when valid.
    pub fn reason(self, from: &Address) -> Option<Words> {
        match self {
            Self::Valid => None,
            Self::Malformed => Some(words!("ledger.rule.sig_malformed")),
            Self::HighS => Some(words!("ledger.rule.sig_high_s")),
            Self::WrongSigner(other) => Some(
                words!("ledger.rule.sig_wrong_signer")
                    .with("signer", other.short())
                    .with("from", from.short()),
            ),
            Self::Unrecoverable => Some(words!("ledger.rule.sig_unrecoverable")),
        }
    }
}

/// One signature to check: the digest that was signed, the signature and the claimed sender.
#[derive(Clone, Copy, Debug)]
pub struct SigJob {
    /// SHA-256 of the signing bytes.
    pub digest: H256,
    /// `r ‖ s ‖ v`.
    pub sig: Sig,
    /// The claimed sender.
    pub from: Address,
}

fn address_of(key: &PublicKey) -> Address {
    let full = key.serialize_uncompressed();
    let mut xy = [0; 64];
    xy.copy_from_slice(&full[1..]);
    Address::from_raw_public_key(&xy)
}

/// Check one signature in full: r and s in range, the low-S rule, the recovery id `v`, and the key it recovers
/// against the claimed sender. Nothing is remembered between calls, so no earlier signature can vouch for a later
/// one (a sender's key known from another transaction would verify r and s but say nothing about `v`).
pub fn check(job: &SigJob) -> SigCheck {
    let Ok(plain) = ecdsa::Signature::from_compact(&job.sig.0[..64]) else {
        return SigCheck::Malformed;
    };
    let mut low = plain;
    low.normalize_s();
    if low != plain {
        return SigCheck::HighS;
    }
    let Ok(recid) = RecoveryId::try_from(i32::from(job.sig.0[64])) else {
        return SigCheck::Malformed;
    };
    let Ok(recoverable) = RecoverableSignature::from_compact(&job.sig.0[..64], recid) else {
        return SigCheck::Malformed;
    };
    let msg = secp256k1::Message::from_digest(job.digest.0);
    let Ok(key) = recoverable.recover_ecdsa(msg) else {
        return SigCheck::Unrecoverable;
    };
    let signer = address_of(&key);
    if signer == job.from {
        SigCheck::Valid
    } else {
        SigCheck::WrongSigner(signer)
    }
}

/// Check many signatures on up to `threads` named worker threads ("ledger-verify-N"), in input order.
pub fn check_all(jobs: &[SigJob], threads: usize) -> Vec<SigCheck> {
    let threads = threads.clamp(1, 16);
    if threads == 1 || jobs.len() < 64 {
        return jobs.iter().map(check).collect();
    }
    let chunk = jobs.len().div_ceil(threads);
    let mut out = Vec::with_capacity(jobs.len());
    std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .chunks(chunk)
            .enumerate()
            .map(|(i, part)| {
                std::thread::Builder::new()
                    .name(format!("ledger-verify-{i}"))
                    .spawn_scoped(scope, move || part.iter().map(check).collect::<Vec<_>>())
            })
            .collect();
        for (handle, part) in handles.into_iter().zip(jobs.chunks(chunk)) {
            if let Ok(Ok(results)) = handle.map(|h| h.join()) {
                out.extend(results);
            } else {
                // A thread that could not start or panicked: check its part here instead.
                out.extend(part.iter().map(check));
            }
        }
    });
    out
}

/// Number of worker threads to use: the machine's cores.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
