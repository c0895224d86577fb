//! The ledger core: known-answer vectors for hashing, keys and signatures, and the token rules (the OpenZeppelin
//! ERC-20/721 test checklists of docs/research/ledger.md §1.4 and §4.9, and the ERC-3643 permission layer).

use std::sync::atomic::{AtomicBool, AtomicU64};

use sha2::{Digest as _, Sha256};
use tokenlens::ledger::encode::{header_hash, merkle_root};
use tokenlens::ledger::mine::{MineOutcome, mine, seal};
use tokenlens::ledger::model::FORMAT;
use tokenlens::ledger::sigcheck::{SigCheck, SigJob, check};
use tokenlens::ledger::{
    Account, Address, Block, Chain, EventKind, H256, KeyPair, Op, OpKind, Report, Rule, Sig, Tx,
    demo_key, validate,
};

/// A small chain under construction: demo keys, the first one owns the tokens.
pub(crate) struct Kit {
    pub keys: Vec<KeyPair>,
    pub chain: Chain,
    nonces: Vec<u64>,
}

impl Kit {
    pub fn new(accounts: u32) -> Self {
        let keys: Vec<KeyPair> = (0..accounts).map(|i| demo_key("ledger-tests", i)).collect();
        let chain = Chain {
            format: FORMAT.to_owned(),
            name: "test".to_owned(),
            difficulty_bits: 8,
            tokens: tokenlens::ledger::demo::demo_tokens(keys[0].address),
            accounts: keys
                .iter()
                .enumerate()
                .map(|(i, k)| Account {
                    label: format!("k{i}"),
                    address: k.address,
                    demo_key: Some(i as u32),
                })
                .collect(),
            demo_key_seed: Some("ledger-tests".to_owned()),
            genesis: None,
            blocks: Vec::new(),
        };
        let mut chain = chain;
        tokenlens::ledger::genesis::seal_genesis(&mut chain, &keys[0]).unwrap();
        Self {
            nonces: vec![0; keys.len()],
            keys,
            chain,
        }
    }

    pub fn addr(&self, i: usize) -> Address {
        self.keys[i].address
    }

    /// A transaction by key `signer`, with its next nonce, signed.
    pub fn tx(&mut self, signer: usize, op: Op) -> Tx {
        let mut tx = Tx {
            from: Address::ZERO,
            nonce: self.nonces[signer],
            op,
            signature: Sig::default(),
        };
        self.nonces[signer] += 1;
        self.keys[signer].sign_tx(&mut tx).unwrap();
        tx
    }

    /// Seal, mine and append a block.
    pub fn block(&mut self, txs: Vec<Tx>) {
        let prev = self
            .chain
            .blocks
            .last()
            .map_or_else(|| self.chain.first_prev(), |b| b.hash);
        let mut block = Block {
            index: self.chain.blocks.len() as u64,
            timestamp: 1_767_225_600 + 12 * self.chain.blocks.len() as u64,
            prev,
            merkle_root: H256::ZERO,
            bits: self.chain.difficulty_bits,
            nonce: 0,
            hash: H256::ZERO,
            txs,
        };
        seal(&mut block, prev);
        let MineOutcome::Found { nonce, hash } = mine(
            &block,
            block.bits,
            0,
            2,
            &AtomicBool::new(false),
            &AtomicU64::new(0),
        ) else {
            panic!("mining failed")
        };
        block.nonce = nonce;
        block.hash = hash;
        self.chain.blocks.push(block);
    }

    /// One block with these operations, then the report.
    pub fn run(&mut self, ops: Vec<(usize, Op)>) -> Report {
        let txs = ops.into_iter().map(|(s, op)| self.tx(s, op)).collect();
        self.block(txs);
        validate(&self.chain)
    }

    /// Mint `amount` LENS to each of keys 1.. in its own block.
    pub fn funded(accounts: u32, amount: u128) -> Self {
        let mut kit = Self::new(accounts);
        let ops = (1..accounts as usize)
            .map(|i| {
                (
                    0,
                    Op::Mint {
                        to: kit.addr(i),
                        amount,
                    },
                )
            })
            .collect();
        assert!(kit.run(ops).is_valid(), "funding block is valid");
        kit
    }
}

/// The problems of the newest block.
pub(crate) fn last_problems(report: &Report) -> &[tokenlens::ledger::Problem] {
    report.block_problems(report.blocks.len() - 1)
}

/// The one problem of the newest block.
pub(super) fn only_problem(report: &Report) -> &tokenlens::ledger::Problem {
    let problems = last_problems(report);
    assert_eq!(problems.len(), 1, "exactly one problem: {problems:?}");
    &problems[0]
}

/// The newest block breaks no rule.
pub(super) fn last_ok(report: &Report) -> bool {
    last_problems(report).is_empty()
}

// ---- known answers ----

#[test]
fn merkle_root_matches_bitcoin_block_100000() {
    // Bitcoin block 100,000 (hash 000000000003ba27aa200b1cecaad478d2b00432346c3f1f3986da1afd33e506): its four
    // txids as explorers print them (byte-reversed) and its published Merkle root. Four leaves exercise two levels.
    let ids = [
        "8c14f0db3df150123e6f3dbbf30f8b955a8249b62ac1d1ff16284aefa3d06d87",
        "fff2525b8931402dd09222c50775608f75787bd2b87e56995a7bdd30f79702c4",
        "6359f0868171b1d194cbee1af2f16ea598ae8fad666d9b012c8ed2b79a236ec4",
        "e9a66845e05d5abc0ad04ec80f774a7e585c6e8db975962d069a522137b80c1d",
    ];
    let leaves: Vec<H256> = ids
        .iter()
        .map(|id| {
            let mut b: [u8; 32] = hex::decode(id).unwrap().try_into().unwrap();
            b.reverse();
            H256(b)
        })
        .collect();
    let mut root = merkle_root(&leaves).0;
    root.reverse();
    assert_eq!(
        hex::encode(root),
        "f3e94742aca4b5ef85488dc37c06c3282295ffec960994b2c0d5ac2a25a95766"
    );
    // Bitcoin genesis (Bitcoin Core chainparams.cpp): one transaction, so the root is its txid.
    let genesis =
        H256::parse("3ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a").unwrap();
    assert_eq!(merkle_root(&[genesis]), genesis);
    // Odd levels repeat the last hash (Bitcoin's rule).
    assert_eq!(
        merkle_root(&leaves[..3]),
        merkle_root(&[leaves[0], leaves[1], leaves[2], leaves[2]])
    );
}

#[test]
fn eip155_key_gives_the_spec_signature_and_addresses() {
    // ethereum/EIPs eip-155.md: key 0x4646…46 signs the signing hash with this r and s (RFC 6979 is deterministic).
    let key = KeyPair::from_secret(&[0x46; 32]).unwrap();
    let digest =
        H256::parse("daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53").unwrap();
    let sig = key.sign_digest(&digest).unwrap();
    let r = "18515461264373351373200002665853028612451056578545711640558177340181847433846";
    let s = "46948507304638947509940763649030358759909902576025900602547168820602576006531";
    // Decimal by the app's U256, itself checked against alloy's answers (ledger_eth::basics).
    let to_dec = |b: &[u8]| {
        tokenlens::ledger::eth::U256::from_be_bytes(&<[u8; 32]>::try_from(b).unwrap()).to_string()
    };
    assert_eq!(to_dec(&sig.0[..32]), r);
    assert_eq!(to_dec(&sig.0[32..64]), s);
    assert_eq!(sig.0[64], 0, "v = 37 = 1·2 + 35 + recovery id 0");
    // Addresses from research §4.6, cross-checked with alloy.
    assert_eq!(
        key.address.to_checksum(),
        "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F"
    );
    assert_eq!(
        crate::ledger_eth::oracle_address(&[0x46; 32]),
        key.address.to_checksum()
    );
    let mut one = [0u8; 32];
    one[31] = 1;
    let key1 = KeyPair::from_secret(&one).unwrap();
    assert_eq!(
        key1.address.to_checksum(),
        "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"
    );
    assert_eq!(
        crate::ledger_eth::oracle_address(&one),
        key1.address.to_checksum()
    );
    assert_eq!(
        tokenlens::ledger::keys::recover(&digest, &sig).unwrap(),
        key.address
    );
    assert!(KeyPair::from_secret(&[0; 32]).is_err(), "zero is not a key");
    assert!(
        KeyPair::from_secret(&[0xff; 32]).is_err(),
        "above the order is not a key"
    );
}

#[test]
fn eip55_vectors_are_their_own_checksums() {
    // ethereum/EIPs eip-55.md and ERCs erc-55.md.
    for v in [
        "0x52908400098527886E0F7030069857D2E4169EE7",
        "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
        "0xde709f2102306220921060314715629080e2fb77",
        "0x27b1fdb04752bbc536007a920d24acb045561c26",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ] {
        let a = Address::parse(v).unwrap().address;
        // Each vector is its own checksummed form (the all-lower and all-upper ones included).
        assert_eq!(a.to_checksum(), v, "{v}");
    }
    assert!(
        !Address::parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")
            .unwrap()
            .is_valid(),
        "one case flip"
    );
}

#[test]
fn libsecp256k1_and_k256_agree_on_good_forged_and_high_s_signatures() {
    let kit = Kit::new(2);
    let digest = H256(Sha256::digest(b"agree").into());
    let sig = kit.keys[0].sign_digest(&digest).unwrap();
    let job = |sig: Sig, from: Address| SigJob { digest, sig, from };
    assert_eq!(check(&job(sig, kit.addr(0))), SigCheck::Valid);
    assert_eq!(
        check(&job(sig, kit.addr(1))),
        SigCheck::WrongSigner(kit.addr(0))
    );
    let mut flipped = sig;
    flipped.0[10] ^= 1;
    let outcome = check(&job(flipped, kit.addr(0)));
    assert_ne!(outcome, SigCheck::Valid);
    assert!(tokenlens::ledger::keys::recover(&digest, &flipped).map_or(true, |a| a != kit.addr(0)));
    // s → n − s: the same signature, malleated to high S.
    // n − s by k256's scalar field (an implementation apart from the ledger's checks).
    use k256::elliptic_curve::PrimeField as _;
    let s = k256::Scalar::from_repr(k256::FieldBytes::from(
        <[u8; 32]>::try_from(&sig.0[32..64]).unwrap(),
    ))
    .unwrap();
    let mut high = sig;
    high.0[32..64].copy_from_slice(&(-s).to_bytes());
    high.0[64] ^= 1;
    assert_eq!(check(&job(high, kit.addr(0))), SigCheck::HighS);
    assert!(
        tokenlens::ledger::keys::recover(&digest, &high).is_err(),
        "k256 refuses high S too"
    );
}

#[test]
fn mining_finds_the_smallest_nonce_and_midstate_equals_plain_sha256() {
    let mut kit = Kit::new(2);
    kit.block(vec![]);
    let block = kit.chain.blocks[0].clone();
    let mid = tokenlens::ledger::mine::Midstate::new(&block);
    for nonce in [0, 1, 255, 65_536, u64::MAX] {
        let mut b = block.clone();
        b.nonce = nonce;
        let plain = H256(Sha256::digest(tokenlens::ledger::encode::header_bytes(&b).bytes).into());
        assert_eq!(mid.hash(nonce), plain, "nonce {nonce}");
        assert_eq!(header_hash(&b), plain);
    }
    let bits = 12;
    let first = (0u64..1 << 24)
        .find(|n| mid.hash(*n).leading_zero_bits() >= bits)
        .unwrap();
    for threads in [1, 2, 3] {
        let attempts = AtomicU64::new(0);
        let out = mine(&block, bits, 0, threads, &AtomicBool::new(false), &attempts);
        assert_eq!(
            out,
            MineOutcome::Found {
                nonce: first,
                hash: mid.hash(first)
            },
            "{threads} threads"
        );
        assert!(attempts.load(std::sync::atomic::Ordering::Relaxed) > first / 4);
    }
    let cancelled = mine(&block, 60, 0, 2, &AtomicBool::new(true), &AtomicU64::new(0));
    assert_eq!(cancelled, MineOutcome::Cancelled);
}

#[test]
fn target_is_two_to_the_256_minus_bits() {
    use tokenlens::ledger::encode::{meets_target, target_bytes};
    let t = target_bytes(16).unwrap();
    assert_eq!(hex::encode(t), format!("0001{}", "0".repeat(60)));
    let below = H256::parse(&format!("0000{}", "f".repeat(60))).unwrap();
    let at = H256(t);
    assert!(meets_target(&below, 16));
    assert!(
        !meets_target(&at, 16),
        "the target itself is not below the target"
    );
    assert!(meets_target(&at, 15));
    assert_eq!(target_bytes(0), None);
}

mod rules;
