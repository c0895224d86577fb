//! Checking many transaction signatures fast: libsecp256k1 on every core, remembering each sender's public key so
//! only its first signature needs the slower recovery. k256 signs; a test checks both libraries agree.

use std::collections::HashMap;

use foldhash::fast::RandomState;
use secp256k1::PublicKey;
use secp256k1::ecdsa::{self, RecoverableSignature, RecoveryId};

use super::types::{Address, H256, Sig};
use crate::i18n::{tr, trf};

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
    pub fn reason(self, from: &Address) -> Option<String> {
        match self {
            Self::Valid => None,
            Self::Malformed => Some(tr("ledger.rule.sig_malformed").to_owned()),
            Self::HighS => Some(tr("ledger.rule.sig_high_s").to_owned()),
            Self::WrongSigner(other) => Some(trf(
                "ledger.rule.sig_wrong_signer",
                &[("signer", &other.short()), ("from", &from.short())],
            )),
            Self::Unrecoverable => Some(tr("ledger.rule.sig_unrecoverable").to_owned()),
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

/// A per-thread memory of senders' public keys, learned from recovered signatures.
#[derive(Default)]
pub struct KeyMemo(HashMap<Address, PublicKey, RandomState>);

fn address_of(key: &PublicKey) -> Address {
    let full = key.serialize_uncompressed();
    let mut xy = [0; 64];
    xy.copy_from_slice(&full[1..]);
    Address::from_raw_public_key(&xy)
}

/// Check one signature. A sender seen before is verified against its remembered key (34 µs here); a new one is
/// recovered (40 µs) and its key remembered.
pub fn check(job: &SigJob, memo: &mut KeyMemo) -> SigCheck {
    let Ok(mut plain) = ecdsa::Signature::from_compact(&job.sig.0[..64]) else {
        return SigCheck::Malformed;
    };
    let original = plain;
    plain.normalize_s();
    if plain != original {
        return SigCheck::HighS;
    }
    let msg = secp256k1::Message::from_digest(job.digest.0);
    if let Some(key) = memo.0.get(&job.from)
        && ecdsa::verify(&plain, msg, key).is_ok()
    {
        return SigCheck::Valid;
    }
    let Ok(recid) = RecoveryId::try_from(i32::from(job.sig.0[64])) else {
        return SigCheck::Malformed;
    };
    let Ok(recoverable) = RecoverableSignature::from_compact(&job.sig.0[..64], recid) else {
        return SigCheck::Malformed;
    };
    let Ok(key) = recoverable.recover_ecdsa(msg) else {
        return SigCheck::Unrecoverable;
    };
    let signer = address_of(&key);
    if signer == job.from {
        memo.0.insert(signer, key);
        SigCheck::Valid
    } else {
        SigCheck::WrongSigner(signer)
    }
}

/// Check many signatures on up to `threads` named worker threads ("ledger-verify-N"), in input order.
pub fn check_all(jobs: &[SigJob], threads: usize) -> Vec<SigCheck> {
    let threads = threads.clamp(1, 16);
    if threads == 1 || jobs.len() < 64 {
        let mut memo = KeyMemo::default();
        return jobs.iter().map(|j| check(j, &mut memo)).collect();
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
                    .spawn_scoped(scope, move || {
                        let mut memo = KeyMemo::default();
                        part.iter().map(|j| check(j, &mut memo)).collect::<Vec<_>>()
                    })
            })
            .collect();
        for (handle, part) in handles.into_iter().zip(jobs.chunks(chunk)) {
            if let Ok(Ok(results)) = handle.map(|h| h.join()) {
                out.extend(results);
            } else {
                // A thread that could not start or panicked: check its part here instead.
                let mut memo = KeyMemo::default();
                out.extend(part.iter().map(|j| check(j, &mut memo)));
            }
        }
    });
    out
}

/// Number of worker threads to use: the machine's cores.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
