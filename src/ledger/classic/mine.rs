//! Mining as Anders' Mine button does it: write nonce 0, 1, 2 … into the block until its hash meets the target,
//! and give up after `maximumNonce`. Only the nonce changes (his issue #2). Cancellable and with progress, so a
//! worker thread can run it.

use std::sync::atomic::{AtomicBool, Ordering};

use sha2::{Digest, Sha256};

use super::difficulty::Difficulty;
use super::model::{ClassicBlock, Field, Page};
use super::text::hash_text;

/// How often, in attempts, mining reports progress and checks the cancel flag.
pub const PROGRESS_EVERY: u64 = 4096;

/// How a mining run ended. The block's nonce field holds the last nonce tried, as on Anders' page.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum MineOutcome {
    /// A nonce met the target.
    Found {
        /// The nonce, now in the block.
        nonce: u64,
        /// Hashes computed (nonce + 1, since counting starts at 0).
        attempts: u64,
        /// The block's new hash in hex.
        hash_hex: String,
    },
    /// Every nonce from 0 to `maximum_nonce` missed the target; the block keeps `maximum_nonce`, like the page.
    Exhausted {
        /// Hashes computed (`maximum_nonce + 1`).
        attempts: u64,
        /// The loop guard that stopped the search.
        maximum_nonce: u64,
    },
    /// The cancel flag was raised; the block keeps the last nonce tried.
    Cancelled {
        /// Hashes computed before stopping.
        attempts: u64,
    },
    /// The page has no nonce to change (the Hash page).
    NoNonce,
}

/// Count the nonce up from 0, as Anders does, until the hash of `block` on `page` meets `difficulty`.
///
/// `on_progress` receives the number of attempts so far every [`PROGRESS_EVERY`] attempts, and `cancel` is
/// checked at the same moments. On a chain page, call `update_chain` from this block afterwards, as his page does
/// when mining succeeds.
pub fn mine(
    block: &mut ClassicBlock,
    page: Page,
    difficulty: &Difficulty,
    cancel: &AtomicBool,
    mut on_progress: impl FnMut(u64),
) -> MineOutcome {
    if !page.has_nonce() {
        return MineOutcome::NoNonce;
    }
    // The text is before + nonce + after; hash `before` once and clone its state per attempt.
    let text = hash_text(block, page);
    let Some((_, nonce_range)) = text.fields.iter().find(|(f, _)| *f == Field::Nonce) else {
        return MineOutcome::NoNonce;
    };
    let before = Sha256::new_with_prefix(&text.text.as_bytes()[..nonce_range.start]);
    let after = &text.text.as_bytes()[nonce_range.end..];
    let mut digits = [0u8; 20];
    for nonce in 0..=difficulty.maximum_nonce {
        let attempts = nonce + 1;
        if nonce % PROGRESS_EVERY == 0 && nonce > 0 {
            on_progress(nonce);
            if cancel.load(Ordering::Relaxed) {
                block.nonce = (nonce - 1).to_string();
                return MineOutcome::Cancelled { attempts: nonce };
            }
        }
        let mut hasher = before.clone();
        hasher.update(decimal(nonce, &mut digits));
        hasher.update(after);
        let hash: [u8; 32] = hasher.finalize().into();
        if difficulty.is_met(&hash) {
            block.nonce = nonce.to_string();
            on_progress(attempts);
            return MineOutcome::Found {
                nonce,
                attempts,
                hash_hex: hex::encode(hash),
            };
        }
    }
    block.nonce = difficulty.maximum_nonce.to_string();
    let attempts = difficulty.maximum_nonce.saturating_add(1);
    on_progress(attempts);
    MineOutcome::Exhausted {
        attempts,
        maximum_nonce: difficulty.maximum_nonce,
    }
}

/// `n` in decimal, written into the end of `buf` without allocating.
fn decimal(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut start = buf.len();
    loop {
        start -= 1;
        buf[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[start..];
        }
    }
}
