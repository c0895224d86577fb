//! Proof of work: search the nonce that puts a block's header hash below its target, on every core, cancellable,
//! counting attempts. The header's first 64 bytes do not depend on the nonce, so they are compressed once (the
//! "midstate") and each attempt costs one SHA-256 block compression: the machine's raw SHA-256 speed.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::encode::{HEADER_LEN, HEADER_NONCE, header_bytes, header_hash, merkle_root, tx_hash};
use super::model::{Block, Chain};
use super::types::H256;

/// SHA-256's initial state (FIPS 180-4 §5.3.3).
const SHA256_IV: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// Nonces each thread tries per round; rounds keep the result deterministic (the smallest nonce wins).
const ROUND: u64 = 1 << 16;

/// How a search ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MineOutcome {
    /// The smallest nonce at or after the start whose hash meets the target.
    Found {
        /// The nonce.
        nonce: u64,
        /// The block hash with that nonce.
        hash: H256,
    },
    /// Stopped by the caller.
    Cancelled,
    /// Every nonce up to `u64::MAX` was tried.
    Exhausted,
}

/// The precomputed part of a header search.
#[derive(Clone, Copy)]
pub struct Midstate {
    state: [u32; 8],
    tail: [u8; 64],
}

impl Midstate {
    /// Compress the first 64 header bytes and prepare the padded last block.
    pub fn new(block: &Block) -> Self {
        let bytes = header_bytes(block).bytes;
        let mut state = SHA256_IV;
        let mut head = [0u8; 64];
        head.copy_from_slice(&bytes[..64]);
        compress(&mut state, &head);
        let mut tail = [0u8; 64];
        tail[..HEADER_LEN - 64].copy_from_slice(&bytes[64..]);
        tail[HEADER_LEN - 64] = 0x80;
        tail[56..].copy_from_slice(&((HEADER_LEN as u64) * 8).to_be_bytes());
        Self { state, tail }
    }

    /// The header hash for one nonce.
    pub fn hash(&self, nonce: u64) -> H256 {
        let mut tail = self.tail;
        tail[HEADER_NONCE.start - 64..HEADER_NONCE.end - 64].copy_from_slice(&nonce.to_be_bytes());
        let mut state = self.state;
        compress(&mut state, &tail);
        let mut out = [0u8; 32];
        for (chunk, word) in out.chunks_exact_mut(4).zip(state) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
        H256(out)
    }

    /// Try `count` nonces from `start`; return the first that meets `bits`. Adds to `attempts` as it goes and
    /// stops early when `cancel` is set.
    pub fn search(
        &self,
        bits: u32,
        start: u64,
        count: u64,
        cancel: &AtomicBool,
        attempts: &AtomicU64,
    ) -> Option<u64> {
        let mut tail = self.tail;
        let at = HEADER_NONCE.start - 64..HEADER_NONCE.end - 64;
        let mut done: u64 = 0;
        while done < count {
            let batch = (count - done).min(4096);
            for i in 0..batch {
                let nonce = start.wrapping_add(done + i);
                tail[at.clone()].copy_from_slice(&nonce.to_be_bytes());
                let mut state = self.state;
                compress(&mut state, &tail);
                if leading_zero_bits(&state) >= bits {
                    attempts.fetch_add(i + 1, Ordering::Relaxed);
                    return Some(nonce);
                }
            }
            done += batch;
            attempts.fetch_add(batch, Ordering::Relaxed);
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
        }
        None
    }
}

/// One SHA-256 block compression (SHA-NI when the CPU has it, picked at run time by `sha2`).
#[inline]
#[expect(
    deprecated,
    reason = "sha2 0.10's compress256 takes generic-array 0.14 blocks"
)]
fn compress(state: &mut [u32; 8], block: &[u8; 64]) {
    sha2::compress256(
        state,
        &[sha2::digest::generic_array::GenericArray::from(*block)],
    );
}

fn leading_zero_bits(state: &[u32; 8]) -> u32 {
    let mut zeros = 0;
    for word in state {
        if *word != 0 {
            return zeros + word.leading_zeros();
        }
        zeros += 32;
    }
    zeros
}

/// Find the smallest nonce ≥ `start` whose header hash has at least `bits` leading zero bits, on `threads` named
/// threads ("ledger-mine-N"). `attempts` counts hashes tried, for a progress display and the hash rate.
pub fn mine(
    block: &Block,
    bits: u32,
    start: u64,
    threads: usize,
    cancel: &AtomicBool,
    attempts: &AtomicU64,
) -> MineOutcome {
    if bits > 255 {
        return MineOutcome::Exhausted;
    }
    let mid = Midstate::new(block);
    let threads = threads.clamp(1, 64) as u64;
    let mut base = start;
    loop {
        if cancel.load(Ordering::Relaxed) {
            return MineOutcome::Cancelled;
        }
        let found: Option<u64> = if threads == 1 {
            mid.search(bits, base, ROUND.min(u64::MAX - base), cancel, attempts)
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = (0..threads)
                    .filter_map(|t| {
                        let from = base.checked_add(t * ROUND)?;
                        let count = ROUND.min(u64::MAX - from);
                        std::thread::Builder::new()
                            .name(format!("ledger-mine-{t}"))
                            .spawn_scoped(scope, move || {
                                mid.search(bits, from, count, cancel, attempts)
                            })
                            .ok()
                    })
                    .collect();
                handles
                    .into_iter()
                    .filter_map(|h| h.join().ok().flatten())
                    .min()
            })
        };
        if let Some(nonce) = found {
            return MineOutcome::Found {
                nonce,
                hash: mid.hash(nonce),
            };
        }
        match base.checked_add(threads * ROUND) {
            Some(next) => base = next,
            None => return MineOutcome::Exhausted,
        }
    }
}

/// Recompute a block's Merkle root from its transactions and set its previous hash; the stored hash is refreshed.
pub fn seal(block: &mut Block, prev: H256) {
    let leaves: Vec<H256> = block.txs.iter().map(tx_hash).collect();
    block.merkle_root = merkle_root(&leaves);
    block.prev = prev;
    block.hash = header_hash(block);
}

/// Anders' cascade after an edit to block `from`: recompute its Merkle root and hash, copy the hash into the next
/// block's previous hash, and so on to the end (block 0 links to the genesis record's hash). Later blocks' transactions are unchanged, so only their headers are
/// hashed again. Nonces are not touched, so blocks whose hash no longer meets the target must be mined again.
pub fn relink(chain: &mut Chain, from: usize) {
    let mut prev = match from.checked_sub(1).and_then(|i| chain.blocks.get(i)) {
        Some(b) => header_hash(b),
        None => chain.first_prev(),
    };
    for (i, block) in chain.blocks.iter_mut().enumerate().skip(from) {
        if i == from {
            seal(block, prev);
        } else {
            block.prev = prev;
            block.hash = header_hash(block);
        }
        prev = block.hash;
    }
}
