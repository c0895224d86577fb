//! Validating a whole chain: the signed genesis record over the metadata (see `genesis`), every hash, link, proof
//! of work, Merkle root, signature and nonce, then a replay of every operation under the token rules. Returns every problem, not just the first. A `Validator` remembers
//! transaction hashes and signature results, so after an edit only what changed is hashed and verified again.

use std::collections::HashMap;
use std::ops::Range;

use foldhash::fast::RandomState;
use serde::Serialize;

use super::apply::apply;
use super::encode::{header_hash, meets_target, merkle_root, tx_digests};
use super::genesis::{DemoKeys, Section, check as check_metadata};
use super::model::{Chain, Tx};
use super::rules::{Problem, Rule, Violation};
use super::sigcheck::{SigCheck, SigJob, check_all, default_threads};
use super::state::{Event, State};
use super::types::{H256, amount};
use crate::i18n::Words;

/// Whether a block is valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status", content = "after")]
pub enum BlockStatus {
    /// Breaks no rule, and neither does any block before it.
    Valid,
    /// Breaks at least one rule itself.
    Invalid,
    /// Breaks no rule itself, but extends an invalid block (the first one is given): a chain is only as valid as
    /// its weakest ancestor.
    AfterInvalid(usize),
}

/// What validation found about one block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockCheck {
    /// The header hash recomputed from the header fields.
    pub hash: H256,
    /// The Merkle root recomputed from the transactions.
    pub merkle_root: H256,
    /// Its status.
    pub status: BlockStatus,
    /// Its problems: a range into [`Report::problems`].
    pub problems: Range<usize>,
}

/// Supplies after a block, for the supply-over-blocks chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct SupplyPoint {
    /// ERC-20 total supply.
    #[serde(with = "amount")]
    pub erc20: u128,
    /// Permissioned-asset supply.
    #[serde(with = "amount")]
    pub rwa: u128,
    /// NFTs in existence.
    pub nfts: usize,
}

/// The result of validating a chain.
#[derive(Clone, Debug)]
pub struct Report {
    /// One entry per block.
    pub blocks: Vec<BlockCheck>,
    /// Every problem, by block.
    pub problems: Vec<Problem>,
    /// The state after replaying every transaction that broke no rule.
    pub state: State,
    /// Supplies after each block.
    pub supply: Vec<SupplyPoint>,
    /// Every event, in order.
    pub events: Vec<Event>,
    /// Number of transactions.
    pub transactions: usize,
}

impl Report {
    /// Whether the whole chain is valid.
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }

    /// The first block that breaks a rule.
    pub fn first_invalid_block(&self) -> Option<usize> {
        self.problems.first().map(|p| p.block)
    }

    /// The problems found in the metadata outside the blocks (each names its section).
    pub fn metadata_problems(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.section.is_some())
    }

    /// The problems of one block.
    pub fn block_problems(&self, block: usize) -> &[Problem] {
        self.blocks
            .get(block)
            .map_or(&[][..], |b| &self.problems[b.problems.clone()])
    }
}

#[derive(Default)]
struct BlockCache {
    txs: Vec<Tx>,
    /// (signing digest, transaction hash) per transaction.
    digests: Vec<(H256, H256)>,
    sigs: Vec<SigCheck>,
    merkle: H256,
}

/// Validates chains, remembering per-transaction hashes and signature results between calls.
pub struct Validator {
    cache: Vec<BlockCache>,
    sigs: HashMap<H256, SigCheck, RandomState>,
    demo_keys: DemoKeys,
    threads: usize,
}

impl Default for Validator {
    fn default() -> Self {
        Self::new()
    }
}

/// Past this many remembered signature results the memory is cleared (about 5 MB).
const SIG_MEMO_LIMIT: usize = 1 << 20;

impl Validator {
    /// A validator using every core.
    pub fn new() -> Self {
        Self::with_threads(default_threads())
    }

    /// A validator using `threads` threads for signatures.
    pub fn with_threads(threads: usize) -> Self {
        Self {
            cache: Vec::new(),
            sigs: HashMap::default(),
            demo_keys: DemoKeys::default(),
            threads,
        }
    }

    /// Validate `chain`, reusing what earlier calls computed for unchanged transactions.
    pub fn validate(&mut self, chain: &Chain) -> Report {
        self.refresh(chain);
        let metadata = check_metadata(chain, &mut self.demo_keys, self.threads);
        replay(chain, &self.cache, metadata)
    }

    /// Bring the per-block caches up to date: hash changed transactions, verify unknown signatures.
    fn refresh(&mut self, chain: &Chain) {
        self.cache
            .resize_with(chain.blocks.len(), BlockCache::default);
        let mut jobs: Vec<SigJob> = Vec::new();
        let mut slots: Vec<(usize, usize, H256)> = Vec::new();
        let mut buf = Vec::with_capacity(256);
        for (b, (block, cache)) in chain.blocks.iter().zip(&mut self.cache).enumerate() {
            if cache.txs == block.txs {
                continue;
            }
            let mut digests = Vec::with_capacity(block.txs.len());
            let mut sigs = Vec::with_capacity(block.txs.len());
            for (t, tx) in block.txs.iter().enumerate() {
                let reuse = cache.txs.get(t).filter(|old| *old == tx).map(|_| t);
                let (d, s) = if let Some(t) = reuse {
                    (cache.digests[t], Some(cache.sigs[t]))
                } else {
                    let d = tx_digests(tx, &mut buf);
                    (d, self.sigs.get(&d.1).copied())
                };
                digests.push(d);
                sigs.push(s.unwrap_or(SigCheck::Unrecoverable));
                if s.is_none() {
                    jobs.push(SigJob {
                        digest: d.0,
                        sig: tx.signature,
                        from: tx.from,
                    });
                    slots.push((b, t, d.1));
                }
            }
            let leaves: Vec<H256> = digests.iter().map(|d| d.1).collect();
            cache.merkle = merkle_root(&leaves);
            cache.txs.clone_from(&block.txs);
            cache.digests = digests;
            cache.sigs = sigs;
        }
        if jobs.is_empty() {
            return;
        }
        let results = check_all(&jobs, self.threads);
        if self.sigs.len() + results.len() > SIG_MEMO_LIMIT {
            self.sigs.clear();
        }
        for ((b, t, hash), result) in slots.into_iter().zip(results) {
            self.cache[b].sigs[t] = result;
            self.sigs.insert(hash, result);
        }
    }
}

/// Validate a chain once, from scratch.
pub fn validate(chain: &Chain) -> Report {
    Validator::new().validate(chain)
}

fn header_problems(
    chain: &Chain,
    index: usize,
    hash: &H256,
    merkle: &H256,
    prev_hash: &H256,
) -> Vec<Violation> {
    let block = &chain.blocks[index];
    let mut out = Vec::new();
    if block.index != index as u64 {
        out.push(Violation::new(
            Rule::BrokenLink,
            words!("ledger.rule.index")
                .with("pos", index)
                .with("index", block.index),
        ));
    }
    if block.prev != *prev_hash {
        let what = if index > 0 {
            words!("ledger.rule.prev_hashes_to")
                .with("n", index - 1)
                .with("hash", short_hash(prev_hash))
        } else if chain.metadata_protected() {
            words!("ledger.rule.genesis_record_prev").with("hash", short_hash(prev_hash))
        } else {
            words!("ledger.rule.genesis_prev")
        };
        out.push(Violation::new(
            Rule::BrokenLink,
            words!("ledger.rule.prev_mismatch")
                .with("prev", short_hash(&block.prev))
                .with_words("what", what),
        ));
    }
    if block.merkle_root != *merkle {
        out.push(Violation::new(
            Rule::BadMerkleRoot,
            words!("ledger.rule.merkle")
                .with("root", short_hash(&block.merkle_root))
                .with("actual", short_hash(merkle)),
        ));
    }
    if block.hash != *hash {
        out.push(Violation::new(
            Rule::HashMismatch,
            words!("ledger.rule.hash")
                .with("stored", short_hash(&block.hash))
                .with("actual", short_hash(hash)),
        ));
    }
    if block.bits < chain.difficulty_bits {
        out.push(Violation::new(
            Rule::BelowTarget,
            words!("ledger.rule.bits")
                .with("bits", block.bits)
                .with("need", chain.difficulty_bits),
        ));
    }
    let bits = block.bits.max(chain.difficulty_bits);
    if !meets_target(hash, bits) {
        out.push(Violation::new(
            Rule::BelowTarget,
            words!("ledger.rule.target")
                .with("hash", short_hash(hash))
                .with("zeros", hash.leading_zero_bits())
                .with("bits", bits)
                .with("power", 256_u32.saturating_sub(bits)),
        ));
    }
    out
}

/// `0x1234abcd…ef01`: a hash shortened for messages.
pub(super) fn short_hash(h: &H256) -> String {
    let hex = h.to_hex();
    format!("{}…{}", &hex[..10], &hex[62..])
}

fn replay(chain: &Chain, cache: &[BlockCache], metadata: Vec<(Section, Violation)>) -> Report {
    let mut state = State::with_capacity(chain.accounts.len() + 16);
    let owner = chain.tokens.owner;
    let mut problems: Vec<Problem> = Vec::new();
    let mut blocks = Vec::with_capacity(chain.blocks.len());
    let mut supply = Vec::with_capacity(chain.blocks.len());
    let total: usize = chain.blocks.iter().map(|b| b.txs.len()).sum();
    let mut events = Vec::with_capacity(total + total / 4);
    let mut scratch = Vec::new();
    let mut prev_hash = chain.first_prev();
    let mut first_invalid: Option<usize> = None;
    // Metadata problems belong to block 0: its previous hash is the genesis record's hash.
    problems.extend(metadata.into_iter().map(|(s, v)| v.in_section(s)));
    for (b, (block, cached)) in chain.blocks.iter().zip(cache).enumerate() {
        let start = if b == 0 { 0 } else { problems.len() };
        let hash = header_hash(block);
        for v in header_problems(chain, b, &hash, &cached.merkle, &prev_hash) {
            problems.push(v.at(b, None));
        }
        prev_hash = hash;
        for (t, tx) in block.txs.iter().enumerate() {
            let from = state.id(&tx.from);
            if let Some(reason) = cached.sigs[t].reason(&tx.from) {
                problems.push(Violation::new(Rule::BadSignature, reason).at(b, Some(t)));
                // Its effect is not applied, but its nonce counts as used when it is the expected one, so the
                // sender's later transactions are not all reported as out of order: one cause, one problem.
                if tx.nonce == state.acc(from).nonce {
                    state.acc_mut(from).nonce += 1;
                }
                continue;
            }
            let expected = state.acc(from).nonce;
            if tx.nonce != expected {
                let why = Words::new(if tx.nonce < expected {
                    key!("ledger.rule.nonce_used")
                } else {
                    key!("ledger.rule.nonce_gap")
                });
                problems.push(
                    Violation::new(
                        Rule::BadNonce,
                        words!("ledger.rule.nonce")
                            .with("who", tx.from.short())
                            .with("expected", expected)
                            .with("nonce", tx.nonce)
                            .with_words("why", why),
                    )
                    .at(b, Some(t)),
                );
                continue;
            }
            // Like an Ethereum revert, a refused operation still uses up the nonce.
            state.acc_mut(from).nonce += 1;
            scratch.clear();
            match apply(&mut state, &owner, &tx.from, &tx.op, &mut scratch) {
                Ok(()) => events.extend(scratch.drain(..).map(|kind| Event {
                    block: b,
                    tx: t,
                    kind,
                })),
                Err(v) => problems.push(v.at(b, Some(t))),
            }
        }
        let (erc20, rwa) = state.balance_sums();
        if erc20 != state.erc20_supply || rwa != state.rwa_supply {
            problems.push(
                Violation::new(
                    Rule::SupplyMismatch,
                    words!("ledger.rule.supply")
                        .with("erc20", erc20)
                        .with("rwa", rwa)
                        .with("erc20_supply", state.erc20_supply)
                        .with("rwa_supply", state.rwa_supply),
                )
                .at(b, None),
            );
        }
        supply.push(SupplyPoint {
            erc20: state.erc20_supply,
            rwa: state.rwa_supply,
            nfts: state.nft_count(),
        });
        let own = problems.len() > start;
        let status = match (own, first_invalid) {
            (true, _) => BlockStatus::Invalid,
            (false, Some(first)) => BlockStatus::AfterInvalid(first),
            (false, None) => BlockStatus::Valid,
        };
        if own && first_invalid.is_none() {
            first_invalid = Some(b);
        }
        blocks.push(BlockCheck {
            hash,
            merkle_root: cached.merkle,
            status,
            problems: start..problems.len(),
        });
    }
    Report {
        blocks,
        problems,
        state,
        supply,
        events,
        transactions: total,
    }
}
