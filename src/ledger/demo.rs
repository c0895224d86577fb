//! Building demo chains: deterministic demo keys, metadata signed by the issuer (the genesis record), a believable
//! mix of valid ERC-20, NFT and permissioned-asset operations (each checked against the real rules as it is
//! generated), signed and mined.

use std::sync::atomic::{AtomicBool, AtomicU64};

use sha2::{Digest as _, Sha256};

use super::apply::apply;
use super::build::BuildError;
use super::genesis::seal_genesis;
use super::keys::{KeyPair, demo_key};
use super::mine::{MineOutcome, mine, seal};
use super::model::{Account, Block, Chain, FORMAT, FungibleInfo, NftInfo, Op, RwaInfo, Tokens, Tx};
use super::sigcheck::default_threads;
use super::state::State;
use super::types::{Address, H256, Sig};

/// What to build.
#[derive(Clone, Debug)]
pub struct DemoParams {
    /// Number of accounts, the issuer included (at least 2).
    pub accounts: u32,
    /// Number of blocks.
    pub blocks: u32,
    /// Transactions per block.
    pub tx_per_block: u32,
    /// Difficulty in bits.
    pub difficulty_bits: u32,
    /// Seed for keys and operations.
    pub seed: String,
    /// Timestamp of the first block (seconds since 1970); each block is 12 s later.
    pub start_time: u64,
}

impl Default for DemoParams {
    fn default() -> Self {
        Self {
            accounts: 5,
            blocks: 4,
            tx_per_block: 4,
            difficulty_bits: 16,
            seed: "tokenlens".to_owned(),
            start_time: 1_767_225_600,
        }
    }
}

const NAMES: [&str; 10] = [
    "Issuer", "Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan",
];

/// Label of demo account `i`.
pub fn demo_label(i: u32) -> String {
    NAMES
        .get(i as usize)
        .map_or_else(|| format!("Account {i}"), |n| (*n).to_owned())
}

/// Deterministic pseudo-random numbers (SplitMix64) seeded from SHA-256 of the seed.
struct Rng(u64);

impl Rng {
    fn new(seed: &str) -> Self {
        let digest = Sha256::digest(seed.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        Self(u64::from_be_bytes(first))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
}

/// The default token set, owned by `owner`.
pub fn demo_tokens(owner: Address) -> Tokens {
    Tokens {
        owner,
        erc20: FungibleInfo {
            name: "Lens Coin".to_owned(),
            symbol: "LENS".to_owned(),
            decimals: 2,
        },
        nft: NftInfo {
            name: "Lens Art".to_owned(),
            symbol: "LART".to_owned(),
        },
        rwa: RwaInfo {
            token: FungibleInfo {
                name: "Tokenized 3-month Treasury bill".to_owned(),
                symbol: "TBILL".to_owned(),
                decimals: 6,
            },
            asset: "One token is a claim on 1 USD face value of a 3-month T-bill held by the issuer's custodian."
                .to_owned(),
        },
    }
}

/// Most accounts a demo chain may have.
pub const MAX_DEMO_ACCOUNTS: u32 = 1_000;
/// Most blocks a demo chain may have.
pub const MAX_DEMO_BLOCKS: u32 = 10_000;
/// Most transactions per block in a demo chain.
pub const MAX_DEMO_TX_PER_BLOCK: u32 = 1_000;

/// Refuse demo sizes over the caps, naming the cap; blocks × transactions is held to what a file may hold.
fn check_size(p: &DemoParams) -> Result<(), BuildError> {
    let over =
        |what: &'static str, value: u64, max: u64| Err(BuildError::OverLimit { what, value, max });
    if p.accounts > MAX_DEMO_ACCOUNTS {
        return over("--accounts", p.accounts.into(), MAX_DEMO_ACCOUNTS.into());
    }
    if p.blocks > MAX_DEMO_BLOCKS {
        return over("--blocks", p.blocks.into(), MAX_DEMO_BLOCKS.into());
    }
    if p.tx_per_block > MAX_DEMO_TX_PER_BLOCK {
        return over(
            "--tx-per-block",
            p.tx_per_block.into(),
            MAX_DEMO_TX_PER_BLOCK.into(),
        );
    }
    let total = u64::from(p.blocks) * u64::from(p.tx_per_block);
    let max = super::store::MAX_TRANSACTIONS as u64;
    if total > max {
        return over("--blocks × --tx-per-block", total, max);
    }
    Ok(())
}

/// Build, sign and mine a demo chain. Mining uses every core. Sizes over [`MAX_DEMO_ACCOUNTS`],
/// [`MAX_DEMO_BLOCKS`], [`MAX_DEMO_TX_PER_BLOCK`] or `store::MAX_TRANSACTIONS` in all are refused.
pub fn build_demo(p: &DemoParams) -> Result<Chain, BuildError> {
    if p.accounts < 2 {
        return Err(BuildError::TooFewAccounts);
    }
    check_size(p)?;
    if p.difficulty_bits > 40 {
        return Err(BuildError::TooDifficult {
            bits: p.difficulty_bits,
        });
    }
    let keys: Vec<KeyPair> = (0..p.accounts).map(|i| demo_key(&p.seed, i)).collect();
    let owner = keys[0].address;
    let mut chain = Chain {
        format: FORMAT.to_owned(),
        name: format!("Demo chain (seed {:?})", p.seed),
        difficulty_bits: p.difficulty_bits,
        tokens: demo_tokens(owner),
        accounts: keys
            .iter()
            .enumerate()
            .map(|(i, k)| Account {
                label: demo_label(i as u32),
                address: k.address,
                demo_key: Some(i as u32),
            })
            .collect(),
        demo_key_seed: Some(p.seed.clone()),
        genesis: None,
        blocks: Vec::new(),
    };
    // The issuer signs the metadata; block 0 links to the signed record.
    seal_genesis(&mut chain, &keys[0])?;
    let total = p.blocks as usize * p.tx_per_block as usize;
    let mut txs = generate_ops(&keys, total, &mut Rng::new(&p.seed));
    sign_all(&keys, &mut txs)?;
    let mut prev = chain.first_prev();
    let mut it = txs.into_iter();
    let cancel = AtomicBool::new(false);
    let attempts = AtomicU64::new(0);
    for i in 0..p.blocks {
        let mut block = Block {
            index: u64::from(i),
            timestamp: p.start_time + 12 * u64::from(i),
            prev,
            merkle_root: H256::ZERO,
            bits: p.difficulty_bits,
            nonce: 0,
            hash: H256::ZERO,
            txs: it
                .by_ref()
                .take(p.tx_per_block as usize)
                .map(|(_, tx)| tx)
                .collect(),
        };
        seal(&mut block, prev);
        match mine(
            &block,
            p.difficulty_bits,
            0,
            default_threads(),
            &cancel,
            &attempts,
        ) {
            MineOutcome::Found { nonce, hash } => {
                block.nonce = nonce;
                block.hash = hash;
            }
            MineOutcome::Cancelled | MineOutcome::Exhausted => {
                return Err(BuildError::NoNonce {
                    block: u64::from(i),
                });
            }
        }
        prev = block.hash;
        chain.blocks.push(block);
    }
    Ok(chain)
}

/// `n` valid operations: first the issuer's mints and registrations, then a mix of transfers, approvals,
/// delegated transfers, NFT moves and permissioned transfers, each checked against the rules before it is kept.
fn generate_ops(keys: &[KeyPair], n: usize, rng: &mut Rng) -> Vec<(usize, Tx)> {
    let owner = keys[0].address;
    let mut state = State::default();
    let mut out: Vec<(usize, Tx)> = Vec::with_capacity(n);
    let mut nonces = vec![0u64; keys.len()];
    let mut scratch = Vec::new();
    let mut next_nft: u64 = 1;
    let mut setup: Vec<Op> = Vec::new();
    for k in keys.iter().skip(1) {
        setup.push(Op::Mint {
            to: k.address,
            amount: 1_000_000,
        });
    }
    for k in keys.iter().skip(1).take(3) {
        setup.push(Op::RwaRegister {
            investor: k.address,
            country: 840,
        });
        setup.push(Op::RwaMint {
            to: k.address,
            amount: 5_000_000_000,
        });
        setup.push(Op::NftMint {
            to: k.address,
            token_id: next_nft,
        });
        next_nft += 1;
    }
    let mut setup = setup.into_iter();
    let mut guard = 0usize;
    while out.len() < n && guard < n * 20 + 100 {
        guard += 1;
        let (signer, op) = if let Some(op) = setup.next() {
            (0, op)
        } else {
            random_op(keys, &state, rng, &mut next_nft)
        };
        // `apply` checks everything before it changes anything, so a refused operation leaves no trace.
        scratch.clear();
        if apply(&mut state, &owner, &keys[signer].address, &op, &mut scratch).is_err() {
            continue;
        }
        let tx = Tx {
            from: keys[signer].address,
            nonce: nonces[signer],
            op,
            signature: Sig::default(),
        };
        nonces[signer] += 1;
        out.push((signer, tx));
    }
    out
}

fn random_op(keys: &[KeyPair], state: &State, rng: &mut Rng, next_nft: &mut u64) -> (usize, Op) {
    let n = keys.len() as u64;
    let a = 1 + rng.below(n - 1) as usize;
    let mut b = 1 + rng.below(n - 1) as usize;
    if b == a {
        b = if b + 1 < keys.len() { b + 1 } else { 1 };
    }
    let (from, to) = (keys[a].address, keys[b].address);
    let roll = rng.below(100);
    let balance = state.balance(&from);
    let op = match roll {
        0..=69 => Op::Transfer {
            to,
            amount: rng
                .below(u64::try_from(balance / 20).unwrap_or(u64::MAX).max(1) + 1)
                .into(),
        },
        70..=77 => Op::Approve {
            spender: to,
            amount: if rng.below(4) == 0 {
                u128::MAX
            } else {
                u128::from(rng.below(50_000))
            },
        },
        78..=85 => {
            let allowance = state.allowance(&to, &from);
            let spend = allowance.min(state.balance(&to)).min(10_000);
            Op::TransferFrom {
                owner: to,
                to: keys[1 + rng.below(n - 1) as usize].address,
                amount: u128::from(rng.below(u64::try_from(spend).unwrap_or(0) + 1)),
            }
        }
        86..=89 => {
            let id = *next_nft;
            *next_nft += 1;
            return (0, Op::NftMint { to, token_id: id });
        }
        90..=94 => match state.nfts().into_iter().find(|(_, o)| *o == from) {
            Some((token_id, _)) => Op::NftTransfer { from, to, token_id },
            None => Op::NftSetApprovalForAll {
                operator: to,
                approved: rng.below(2) == 0,
            },
        },
        _ => Op::RwaTransfer {
            to,
            amount: u128::from(rng.below(1_000_000)),
        },
    };
    (a, op)
}

/// Sign every transaction with its sender's key, on every core.
fn sign_all(keys: &[KeyPair], txs: &mut [(usize, Tx)]) -> Result<(), BuildError> {
    let threads = default_threads().max(1);
    let chunk = txs.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = txs
            .chunks_mut(chunk)
            .enumerate()
            .map(|(i, part)| {
                std::thread::Builder::new()
                    .name(format!("ledger-sign-{i}"))
                    .spawn_scoped(scope, move || -> Result<(), BuildError> {
                        for (signer, tx) in part {
                            keys[*signer].sign_tx(tx)?;
                        }
                        Ok(())
                    })
                    .map_err(|e| BuildError::SignThread(e.to_string()))
            })
            .collect();
        for h in handles {
            h?.join().map_err(|_panic| BuildError::SignThreadFailed)??;
        }
        Ok(())
    })
}
