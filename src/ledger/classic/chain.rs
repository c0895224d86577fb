//! Anders' `updateChain` cascade, the per-block report the page colours by, and a whole scenario (page,
//! difficulty, peers) that saves and loads as readable JSON.

use super::ClassicError;
use super::difficulty::Difficulty;
use super::model::{ClassicBlock, Page, Peer};
use super::presets::peers;
use super::signed::{RowSig, verify_classic_row};
use super::text::hash;

/// What the page shows for one block after an update.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct BlockReport {
    /// The block's hash in lowercase hex.
    pub hash_hex: String,
    /// The hash meets the difficulty: the only thing that turns Anders' card green.
    pub meets_difficulty: bool,
    /// Whether Prev equals the previous block's hash (`None` for the first block and on pages without Prev). Anders
    /// does not check this: his cascade copies the hash in, and on Tokens/Coinbase Prev is typed by hand.
    pub prev_links: Option<bool>,
    /// Signature verdicts, one per row (Signed page only; a failing row's Sig turns red there).
    pub rows: Vec<RowSig>,
}

impl BlockReport {
    /// The page's verdict (green card) plus what Anders leaves to the eye: a broken link or a bad signature.
    pub fn all_good(&self) -> bool {
        self.meets_difficulty && self.prev_links != Some(false) && self.rows.iter().all(|r| r.valid)
    }
}

/// Run Anders' cascade after an edit to block `from`: for every block from `from` to the end, copy the previous
/// block's hash into Prev (from the second block on) and rehash. Returns a report for every block of `chain`;
/// blocks before `from` are reported but not changed. A `from` past the end changes nothing.
pub fn update_chain(
    chain: &mut [ClassicBlock],
    from: usize,
    page: Page,
    difficulty: &Difficulty,
) -> Vec<BlockReport> {
    let mut previous_hash: Option<[u8; 32]> = None;
    let mut reports = Vec::with_capacity(chain.len());
    for (index, block) in chain.iter_mut().enumerate() {
        if page.has_prev()
            && index >= from
            && let Some(prev) = previous_hash
        {
            block.prev = hex::encode(prev);
        }
        let block_hash = hash(block, page);
        let prev_links = match previous_hash {
            Some(prev) if page.has_prev() => Some(block.prev == hex::encode(prev)),
            _ => None,
        };
        let rows = if page == Page::Signed {
            block.rows.iter().map(verify_classic_row).collect()
        } else {
            Vec::new()
        };
        reports.push(BlockReport {
            hash_hex: hex::encode(block_hash),
            meets_difficulty: difficulty.is_met(&block_hash),
            prev_links,
            rows,
        });
        previous_hash = Some(block_hash);
    }
    reports
}

/// [`update_chain`] from the first block without changing anything: the report for a chain as it stands.
pub fn check_chain(
    chain: &[ClassicBlock],
    page: Page,
    difficulty: &Difficulty,
) -> Vec<BlockReport> {
    let mut copy = chain.to_vec();
    update_chain(&mut copy, chain.len(), page, difficulty)
}

/// A whole classic scenario: the page, its difficulty and every peer's chain. Saved and loaded as readable JSON.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ClassicScenario {
    /// The page whose hashing rules apply.
    pub page: Page,
    /// The target and mining guard.
    pub difficulty: Difficulty,
    /// The peers (one on single-chain pages).
    pub peers: Vec<Peer>,
}

impl ClassicScenario {
    /// The page as Anders ships it: his presets for every peer, and the page's difficulty.
    pub fn preset(page: Page) -> Self {
        Self {
            page,
            difficulty: Difficulty::for_page(page),
            peers: peers(page),
        }
    }

    /// Pretty-printed JSON.
    pub fn to_json(&self) -> Result<String, ClassicError> {
        serde_json::to_string_pretty(self).map_err(|e| ClassicError::Json(e.to_string()))
    }

    /// Read a scenario written by [`ClassicScenario::to_json`] (or by hand).
    pub fn from_json(text: &str) -> Result<Self, ClassicError> {
        serde_json::from_str(text).map_err(|e| ClassicError::Json(e.to_string()))
    }

    /// Reports for every block of every peer, peer by peer.
    pub fn check(&self) -> Vec<Vec<BlockReport>> {
        self.peers
            .iter()
            .map(|p| check_chain(&p.blocks, self.page, &self.difficulty))
            .collect()
    }

    /// The last block hash of each peer: what the Distributed page asks the learner to compare by eye (issue #50).
    pub fn tip_hashes(&self) -> Vec<Option<String>> {
        self.peers
            .iter()
            .map(|p| p.blocks.last().map(|b| hex::encode(hash(b, self.page))))
            .collect()
    }
}
