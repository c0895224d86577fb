//! Peers that each hold their own copy of the chain, the longest-valid-chain rule, and the guided double-spend
//! lesson (Anders Brownworth's issues #50 and #109): why re-mining a block does not let anyone spend coins twice.

use std::sync::atomic::{AtomicBool, AtomicU64};

use super::build::BuildError;
use super::demo::{DemoParams, build_demo};
use super::genesis::seal_genesis;
use super::keys::demo_key;
use super::mine::{MineOutcome, mine, relink, seal};
use super::model::{Block, Chain, Op, Tx};
use super::rules::Problem;
use super::sigcheck::default_threads;
use super::types::H256;
use super::validate::{Report, validate};
use crate::i18n::Words;

/// One peer and its copy of the chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Peer {
    /// Its name ("Peer A").
    pub name: Words,
    /// Its copy.
    pub chain: Chain,
}

/// What a peer did with a chain it was sent.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// Valid and more work than its own: adopted.
    Adopted {
        /// Blocks in the adopted chain.
        blocks: usize,
    },
    /// Valid, but not more work than its own: kept its own (ties keep what they have).
    KeptOwn {
        /// Work of its own valid chain.
        own_work: f64,
        /// Work of the offered chain.
        offered_work: f64,
    },
    /// Invalid: refused, with the reasons.
    Rejected {
        /// The offered chain's problems.
        problems: Vec<Problem>,
    },
}

/// Proof of work in a chain's valid prefix: Σ 2^bits over blocks before the first invalid one. With equal difficulty
/// this is its length, which is why the rule is called "longest chain".
pub fn valid_work(chain: &Chain) -> f64 {
    work_of(chain, &validate(chain))
}

/// [`valid_work`] from an existing report of `chain`.
pub fn work_of(chain: &Chain, report: &Report) -> f64 {
    let valid = report.first_invalid_block().unwrap_or(chain.blocks.len());
    chain.blocks[..valid.min(chain.blocks.len())]
        .iter()
        .map(|b| 2f64.powi(b.bits.max(chain.difficulty_bits).min(1023) as i32))
        .sum()
}

/// The longest-valid-chain rule: adopt `offered` when it is entirely valid and carries more work than `own`'s
/// valid prefix.
pub fn consider(own: &Chain, offered: &Chain) -> Verdict {
    let report = validate(offered);
    if !report.is_valid() {
        return Verdict::Rejected {
            problems: report.problems,
        };
    }
    let (own_work, offered_work) = (valid_work(own), valid_work(offered));
    if offered_work > own_work {
        Verdict::Adopted {
            blocks: offered.blocks.len(),
        }
    } else {
        Verdict::KeptOwn {
            own_work,
            offered_work,
        }
    }
}

/// Send peer `from`'s chain to every other peer; each applies [`consider`] and adopts or refuses it.
pub fn broadcast(peers: &mut [Peer], from: usize) -> Vec<(usize, Verdict)> {
    let Some(offered) = peers.get(from).map(|p| p.chain.clone()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, peer) in peers.iter_mut().enumerate() {
        if i == from {
            continue;
        }
        let verdict = consider(&peer.chain, &offered);
        if matches!(verdict, Verdict::Adopted { .. }) {
            peer.chain = offered.clone();
        }
        out.push((i, verdict));
    }
    out
}

/// `count` peers ("Peer A", "Peer B", …) holding the same chain.
pub fn peers_with(chain: &Chain, count: usize) -> Vec<Peer> {
    (0..count)
        .map(|i| Peer {
            name: words!("ledger.peers.name").with("letter", char::from(b'A' + (i % 26) as u8)),
            chain: chain.clone(),
        })
        .collect()
}

/// Append a block with `txs` to `chain` and mine it.
pub fn append_block(chain: &mut Chain, txs: Vec<Tx>) -> Result<(), BuildError> {
    let prev = chain
        .blocks
        .last()
        .map_or_else(|| chain.first_prev(), |b| b.hash);
    let mut block = Block {
        index: chain.blocks.len() as u64,
        timestamp: chain
            .blocks
            .last()
            .map_or(1_767_225_600, |b| b.timestamp.saturating_add(12)),
        prev,
        merkle_root: H256::ZERO,
        bits: chain.difficulty_bits,
        nonce: 0,
        hash: H256::ZERO,
        txs,
    };
    seal(&mut block, prev);
    mine_in_place(&mut block, chain.difficulty_bits)?;
    chain.blocks.push(block);
    Ok(())
}

fn mine_in_place(block: &mut Block, bits: u32) -> Result<(), BuildError> {
    let outcome = mine(
        block,
        bits,
        0,
        default_threads(),
        &AtomicBool::new(false),
        &AtomicU64::new(0),
    );
    let MineOutcome::Found { nonce, hash } = outcome else {
        return Err(BuildError::NoNonce { block: block.index });
    };
    block.nonce = nonce;
    block.hash = hash;
    Ok(())
}

/// One step of the double-spend lesson: what happened, the peers afterwards, and how each peer judged the chain
/// it was sent.
#[derive(Clone, Debug)]
pub struct LessonStep {
    /// Short title.
    pub title: Words,
    /// What happened and why, in plain words.
    pub explanation: Words,
    /// The peers after the step.
    pub peers: Vec<Peer>,
    /// (peer index, verdict) for each peer that was sent a chain in this step.
    pub verdicts: Vec<(usize, Verdict)>,
}

/// The guided double-spend attempt: Mallory pays Alice, then tries to spend the same coins again — in a new
/// block, by rewriting history and re-mining, and by forging — and each attempt fails for a named reason.
pub fn double_spend_lesson(difficulty_bits: u32) -> Result<Vec<LessonStep>, BuildError> {
    let seed = "double-spend";
    let base = build_demo(&DemoParams {
        accounts: 4,
        blocks: 0,
        tx_per_block: 0,
        difficulty_bits,
        seed: seed.to_owned(),
        ..DemoParams::default()
    })?;
    let mut base = base;
    // The name is data the issuer signs, the same in every language: its English words.
    base.name = words!("ledger.lesson.name").to_string();
    // Account 3 plays Mallory; the issuer signs the renamed metadata again.
    if let Some(a) = base.accounts.get_mut(3) {
        "Mallory".clone_into(&mut a.label);
    }
    let issuer = demo_key(seed, 0);
    seal_genesis(&mut base, &issuer)?;
    let (alice, bob, mallory) = (demo_key(seed, 1), demo_key(seed, 2), demo_key(seed, 3));
    let (a, b) = (alice.address, bob.address);
    let mut steps = Vec::new();
    // 0. Mallory gets 100 LENS (10 000 raw at 2 decimals); everyone agrees.
    let mut chain = base;
    let mallory_nonce0 = 0;
    append_block(
        &mut chain,
        vec![issuer.signed_tx(
            0,
            Op::Mint {
                to: mallory.address,
                amount: 10_000,
            },
        )?],
    )?;
    let mut peers = peers_with(&chain, 3);
    steps.push(LessonStep {
        title: words!("ledger.lesson.agree.title"),
        explanation: words!("ledger.lesson.agree.text"),
        peers: peers.clone(),
        verdicts: Vec::new(),
    });
    // 1. Mallory pays Alice 100; Peer A mines it and broadcasts; everyone adopts.
    let pay_alice = mallory.signed_tx(
        mallory_nonce0,
        Op::Transfer {
            to: a,
            amount: 10_000,
        },
    )?;
    append_block(&mut peers[0].chain, vec![pay_alice.clone()])?;
    let verdicts = broadcast(&mut peers, 0);
    steps.push(LessonStep {
        title: words!("ledger.lesson.pay.title"),
        explanation: words!("ledger.lesson.pay.text"),
        peers: peers.clone(),
        verdicts,
    });
    // 2. Mallory signs a second payment of the same coins to Bob, and mines it on her own peer (C).
    let pay_bob = mallory.signed_tx(
        mallory_nonce0 + 1,
        Op::Transfer {
            to: b,
            amount: 10_000,
        },
    )?;
    append_block(&mut peers[2].chain, vec![pay_bob])?;
    let verdicts = broadcast(&mut peers, 2);
    steps.push(LessonStep {
        title: words!("ledger.lesson.again.title"),
        explanation: words!("ledger.lesson.again.text"),
        peers: peers.clone(),
        verdicts,
    });
    // 3. Rewrite history: replace the payment to Alice by one to Bob, re-sign, re-mine.
    let mut rewritten = peers[0].chain.clone();
    let k = rewritten.blocks.len() - 1;
    rewritten.blocks[k].txs = vec![mallory.signed_tx(
        mallory_nonce0,
        Op::Transfer {
            to: b,
            amount: 10_000,
        },
    )?];
    relink(&mut rewritten, k);
    mine_in_place(&mut rewritten.blocks[k], rewritten.difficulty_bits)?;
    peers[2].chain = rewritten;
    let verdicts = broadcast(&mut peers, 2);
    steps.push(LessonStep {
        title: words!("ledger.lesson.rewrite.title"),
        explanation: words!("ledger.lesson.rewrite.text"),
        peers: peers.clone(),
        verdicts,
    });
    // 4. The honest peers mine one more block; Mallory's peer now adopts the honest chain.
    append_block(&mut peers[0].chain, Vec::new())?;
    let verdicts = broadcast(&mut peers, 0);
    steps.push(LessonStep {
        title: words!("ledger.lesson.grows.title"),
        explanation: words!("ledger.lesson.grows.text"),
        peers: peers.clone(),
        verdicts,
    });
    // 5. Forgery: edit Alice's incoming payment to send the coins back to Mallory, without her key… it is her
    //    own payment, so the attempt is to change its receiver without re-signing.
    let mut forged = peers[0].chain.clone();
    let k = forged.blocks.len() - 2;
    if let Some(tx) = forged.blocks[k].txs.first_mut() {
        tx.op = Op::Transfer {
            to: mallory.address,
            amount: 10_000,
        };
    }
    relink(&mut forged, k);
    for i in k..forged.blocks.len() {
        mine_in_place(&mut forged.blocks[i], forged.difficulty_bits)?;
        relink(&mut forged, i);
    }
    peers[2].chain = forged;
    let verdicts = broadcast(&mut peers, 2);
    steps.push(LessonStep {
        title: words!("ledger.lesson.forge.title"),
        explanation: words!("ledger.lesson.forge.text"),
        peers,
        verdicts,
    });
    Ok(steps)
}
