//! The chain as a whole: tamper detection (Anders' red/green loop with named reasons), incremental validation,
//! saving and loading, and the `tokenlens ledger demo|verify` CLI.

use std::path::PathBuf;

use proptest::prelude::*;
use tokenlens::ledger::demo::{DemoParams, build_demo};
use tokenlens::ledger::mine::relink;
use tokenlens::ledger::store::{from_json, load, save, to_json};
use tokenlens::ledger::{
    Address, BlockStatus, Chain, Op, OpKind, Report, Rule, Validator, validate,
};

use crate::cli_ai::run;
use crate::ledger::Kit;

fn demo(blocks: u32, tx_per_block: u32) -> Chain {
    build_demo(&DemoParams {
        accounts: 6,
        blocks,
        tx_per_block,
        difficulty_bits: 10,
        seed: "chain-tests".to_owned(),
        ..DemoParams::default()
    })
    .unwrap()
}

fn rules_of(report: &Report, block: usize) -> Vec<Rule> {
    report
        .block_problems(block)
        .iter()
        .map(|p| p.rule)
        .collect()
}

fn set_amount(op: &mut Op, value: u128) -> bool {
    match op {
        Op::Transfer { amount, .. }
        | Op::Mint { amount, .. }
        | Op::TransferFrom { amount, .. }
        | Op::Approve { amount, .. }
        | Op::RwaTransfer { amount, .. }
        | Op::RwaMint { amount, .. } => {
            *amount = value;
            true
        }
        _ => false,
    }
}

fn temp(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ledger-chain");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn a_demo_chain_is_valid_and_conserves_supply() {
    let chain = demo(5, 8);
    let r = validate(&chain);
    assert!(r.is_valid(), "{:?}", r.problems);
    assert!(r.blocks.iter().all(|b| b.status == BlockStatus::Valid));
    assert_eq!(r.transactions, 40);
    let (erc20, rwa) = r.state.balance_sums();
    assert_eq!((erc20, rwa), (r.state.erc20_supply, r.state.rwa_supply));
    assert!(
        r.blocks
            .iter()
            .zip(&chain.blocks)
            .all(|(c, b)| c.hash == b.hash && c.merkle_root == b.merkle_root)
    );
}

#[test]
fn raw_edit_of_an_amount_names_the_merkle_root_and_signature_and_reddens_every_later_block() {
    let mut chain = demo(4, 4);
    let tx = chain.blocks[1]
        .txs
        .iter_mut()
        .find(|t| matches!(t.op, Op::Transfer { .. } | Op::Mint { .. }));
    assert!(
        set_amount(&mut tx.unwrap().op, 999_999_999),
        "block 1 has a transfer or mint"
    );
    let r = validate(&chain);
    assert_eq!(r.blocks[0].status, BlockStatus::Valid);
    let rules = rules_of(&r, 1);
    assert!(rules.contains(&Rule::BadMerkleRoot), "{rules:?}");
    assert!(rules.contains(&Rule::BadSignature), "{rules:?}");
    assert_eq!(r.blocks[1].status, BlockStatus::Invalid);
    for b in 2..4 {
        // Later blocks extend an invalid block; some also fail on their own, because the changed transfer
        // never happened and its receiver is short of funds later.
        assert_ne!(r.blocks[b].status, BlockStatus::Valid, "block {b}");
    }
    assert_eq!(r.first_invalid_block(), Some(1));
}

#[test]
fn cascade_edit_breaks_proof_of_work_from_the_edit_on_and_re_mining_leaves_only_the_signature() {
    let mut chain = demo(4, 4);
    let tx = chain.blocks[1]
        .txs
        .iter_mut()
        .find(|t| matches!(t.op, Op::Transfer { .. } | Op::Mint { .. }));
    set_amount(&mut tx.unwrap().op, 7);
    relink(&mut chain, 1);
    let r = validate(&chain);
    for b in 1..4 {
        let rules = rules_of(&r, b);
        assert!(rules.contains(&Rule::BelowTarget), "block {b}: {rules:?}");
        assert!(!rules.contains(&Rule::BadMerkleRoot) && !rules.contains(&Rule::BrokenLink));
    }
    // Re-mine every block in order, as Anders' learners do.
    for b in 1..4 {
        let out = tokenlens::ledger::mine::mine(
            &chain.blocks[b],
            chain.difficulty_bits,
            0,
            2,
            &std::sync::atomic::AtomicBool::new(false),
            &std::sync::atomic::AtomicU64::new(0),
        );
        let tokenlens::ledger::mine::MineOutcome::Found { nonce, .. } = out else {
            panic!()
        };
        chain.blocks[b].nonce = nonce;
        relink(&mut chain, b);
    }
    let r = validate(&chain);
    let left: Vec<Rule> = r.problems.iter().map(|p| p.rule).collect();
    assert_eq!(
        left.first(),
        Some(&Rule::BadSignature),
        "work can be redone, a signature cannot be forged"
    );
    assert!(
        left.iter()
            .all(|r| !r.is_block_rule() && *r != Rule::BadNonce),
        "no proof-of-work, link or nonce problem is left: {left:?}"
    );
}

#[test]
fn header_edits_and_replays_are_named() {
    let chain = demo(4, 3);
    let mut c = chain.clone();
    c.blocks[2].nonce += 1;
    let r = validate(&c);
    assert!(rules_of(&r, 2).contains(&Rule::HashMismatch));
    assert!(rules_of(&r, 3).contains(&Rule::BrokenLink));
    let mut c = chain.clone();
    c.blocks[2].bits = 0;
    relink(&mut c, 2);
    assert!(
        validate(&c)
            .block_problems(2)
            .iter()
            .any(|p| p.rule == Rule::BelowTarget && p.message.to_string().contains("requires"))
    );
    // Replaying block 1's first transaction in block 3.
    let mut c = chain.clone();
    let replay = c.blocks[1].txs[0].clone();
    c.blocks[3].txs.push(replay);
    relink(&mut c, 3);
    assert!(rules_of(&validate(&c), 3).contains(&Rule::BadNonce));
    // A transaction claiming another sender.
    let mut c = chain;
    let other = c.accounts[5].address;
    c.blocks[2].txs[0].from = other;
    relink(&mut c, 2);
    let r = validate(&c);
    let p = r
        .block_problems(2)
        .iter()
        .find(|p| p.rule == Rule::BadSignature)
        .unwrap();
    assert!(p.message.to_string().contains("signed by"), "{}", p.message);
}

#[test]
fn double_spend_in_one_block_is_refused() {
    let mut kit = Kit::funded(3, 100);
    let (b, c) = (kit.addr(2), kit.addr(0));
    let r = kit.run(vec![
        (1, Op::Transfer { to: b, amount: 80 }),
        (1, Op::Transfer { to: c, amount: 80 }),
    ]);
    let problems = r.block_problems(1);
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (problems[0].rule, problems[0].tx),
        (Rule::InsufficientBalance, Some(1))
    );
}

#[test]
fn the_incremental_validator_agrees_with_a_fresh_one_after_every_edit() {
    let mut chain = demo(6, 5);
    let mut v = Validator::with_threads(2);
    assert!(v.validate(&chain).is_valid());
    type Edit = Box<dyn Fn(&mut Chain)>;
    let edits: Vec<Edit> = vec![
        Box::new(|c| {
            set_amount(&mut c.blocks[2].txs[1].op, 1);
        }),
        Box::new(|c| relink(c, 2)),
        Box::new(|c| c.blocks[4].txs.swap(0, 1)),
        Box::new(|c| {
            c.blocks[1].txs.remove(0);
        }),
        Box::new(|c| c.blocks[5].txs[0].signature.0[5] ^= 0x40),
        Box::new(|c| {
            let b = c.blocks[3].clone();
            c.blocks.push(b);
        }),
        Box::new(|c| {
            c.blocks.truncate(3);
        }),
    ];
    for (i, edit) in edits.iter().enumerate() {
        edit(&mut chain);
        let inc = v.validate(&chain);
        let fresh = validate(&chain);
        assert_eq!(inc.problems, fresh.problems, "edit {i}");
        assert_eq!(inc.blocks, fresh.blocks, "edit {i}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Tampering is always caught: change one byte of any transaction's fields or any header field.
    #[test]
    fn any_single_change_is_detected(block in 0usize..3, tx in 0usize..3, what in 0u8..6, delta in 1u64..1000) {
        let chain = demo(3, 3);
        let mut c = chain.clone();
        match what {
            0 => c.blocks[block].nonce = c.blocks[block].nonce.wrapping_add(delta),
            1 => c.blocks[block].timestamp += delta,
            2 => c.blocks[block].txs[tx].nonce += delta,
            3 => c.blocks[block].txs[tx].signature.0[(delta % 64) as usize] ^= 1,
            4 => c.blocks[block].txs[tx].from.0[(delta % 20) as usize] ^= 1,
            _ => c.blocks[block].merkle_root.0[(delta % 32) as usize] ^= 1,
        }
        prop_assume!(c != chain);
        prop_assert!(!validate(&c).is_valid());
    }
}

#[test]
fn save_load_round_trips_and_damage_is_reported_not_trusted() {
    let chain = demo(3, 3);
    let path = temp("round.json");
    std::fs::write(&path, "old contents").unwrap();
    save(&chain, &path).unwrap();
    assert_eq!(load(&path).unwrap(), chain);
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "no temp file left behind");
    // Tampered: valid JSON, changed amount → loads, and validation shows it.
    let text = to_json(&chain);
    let needle = "\"amount\": \"";
    let at = text.find(needle).unwrap() + needle.len();
    let tampered = format!("{}9{}", &text[..at], &text[at..]);
    let loaded = from_json(&tampered).unwrap();
    assert!(!validate(&loaded).is_valid());
    // Corrupted: cut in the middle → a clear error with a line number.
    let err = from_json(&text[..text.len() / 2]).unwrap_err().to_string();
    assert!(err.contains("line"), "{err}");
    let err = from_json("{\"format\": \"something-else\"}")
        .unwrap_err()
        .to_string();
    assert!(err.contains("format") || err.contains("missing"), "{err}");
    let err = from_json(&text.replacen("0x", "0xZZ", 3))
        .unwrap_err()
        .to_string();
    assert!(err.contains("hex digit"), "{err}");
}

#[test]
fn cli_demo_then_verify_reports_valid_then_invalid_then_unreadable() {
    let path = temp("cli.json");
    let p = path.to_str().unwrap();
    let (code, out, err) = run(
        &[
            "ledger",
            "demo",
            "--out",
            p,
            "--blocks",
            "3",
            "--tx-per-block",
            "4",
            "--difficulty",
            "8",
            "--seed",
            "cli",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("3 blocks, 12 transactions"), "{out}");
    let (code, out, _) = run(&["ledger", "verify", p, "--json"], None);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(
        (v["blocks"].as_u64(), v["transactions"].as_u64()),
        (Some(3), Some(12))
    );
    assert!(v["first_invalid_block"].is_null());
    let total: u128 = v["total_supply"].as_str().unwrap().parse().unwrap();
    let sum: u128 = v["balances"]
        .as_object()
        .unwrap()
        .values()
        .map(|b| b.as_str().unwrap().parse::<u128>().unwrap())
        .sum();
    assert_eq!(total, sum, "Σ balances = total supply");
    // Tamper with block 1's nonce in the file.
    let mut chain = load(&path).unwrap();
    chain.blocks[1].nonce += 1;
    save(&chain, &path).unwrap();
    let (code, out, _) = run(&["ledger", "verify", p, "--json"], None);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["first_invalid_block"], 1);
    let rules: Vec<&str> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"hash-mismatch") && rules.contains(&"broken-link"),
        "{rules:?}"
    );
    let (code, text, _) = run(&["ledger", "verify", p], None);
    assert_eq!(code, 1);
    assert!(text.contains("block 1: hash-mismatch"), "{text}");
    std::fs::write(&path, "{ not json").unwrap();
    let (code, _, err) = run(&["ledger", "verify", p], None);
    assert_eq!(code, 2);
    assert!(err.contains("line 1"), "{err}");
    let (code, _, err) = run(
        &["ledger", "verify", temp("missing.json").to_str().unwrap()],
        None,
    );
    assert_eq!((code, err.contains("cannot read")), (2, true), "{err}");
}

#[test]
fn the_double_spend_lesson_fails_for_the_named_reason_at_every_attempt() {
    use tokenlens::ledger::peers::{Verdict, double_spend_lesson};
    let steps = double_spend_lesson(8).unwrap();
    assert_eq!(steps.len(), 6);
    let adopted = |v: &Verdict| matches!(v, Verdict::Adopted { .. });
    // Step 1: the honest payment spreads.
    assert!(
        steps[1].verdicts.iter().all(|(_, v)| adopted(v)),
        "{:?}",
        steps[1].verdicts
    );
    // Step 2: spending the same coins again is refused for insufficient balance.
    for (_, v) in &steps[2].verdicts {
        let Verdict::Rejected { problems } = v else {
            panic!("{v:?}")
        };
        assert!(
            problems.iter().any(|p| p.rule == Rule::InsufficientBalance),
            "{problems:?}"
        );
    }
    // Step 3: a re-mined rewrite of equal length is valid but not adopted.
    assert!(
        steps[3]
            .verdicts
            .iter()
            .all(|(_, v)| matches!(v, Verdict::KeptOwn { .. })),
        "{:?}",
        steps[3].verdicts
    );
    assert_ne!(steps[3].peers[2].chain, steps[3].peers[0].chain);
    // Step 4: the longer honest chain wins everywhere, Mallory's peer included.
    assert!(steps[4].verdicts.iter().all(|(_, v)| adopted(v)));
    assert!(
        steps[4]
            .peers
            .iter()
            .all(|p| p.chain == steps[4].peers[0].chain)
    );
    // Step 5: a changed signed payment is refused for its signature, even fully re-mined.
    for (_, v) in &steps[5].verdicts {
        let Verdict::Rejected { problems } = v else {
            panic!("{v:?}")
        };
        assert!(
            problems.iter().any(|p| p.rule == Rule::BadSignature),
            "{problems:?}"
        );
        assert!(
            !problems.iter().any(|p| p.rule.is_block_rule()),
            "the work is valid: {problems:?}"
        );
    }
}

/// One operation of `kind` with every field set, from `a` towards `b`. The match is exhaustive: a new kind does
/// not compile until it has a sample here.
pub(crate) fn sample_op(kind: OpKind, a: Address, b: Address) -> Op {
    match kind {
        OpKind::Mint => Op::Mint { to: a, amount: 1 },
        OpKind::Transfer => Op::Transfer { to: a, amount: 2 },
        OpKind::Approve => Op::Approve {
            spender: a,
            amount: u128::MAX,
        },
        OpKind::TransferFrom => Op::TransferFrom {
            owner: a,
            to: b,
            amount: 3,
        },
        OpKind::Burn => Op::Burn { amount: 4 },
        OpKind::NftMint => Op::NftMint { to: a, token_id: 5 },
        OpKind::NftTransfer => Op::NftTransfer {
            from: a,
            to: b,
            token_id: 5,
        },
        OpKind::NftApprove => Op::NftApprove {
            approved: b,
            token_id: 5,
        },
        OpKind::NftSetApprovalForAll => Op::NftSetApprovalForAll {
            operator: b,
            approved: true,
        },
        OpKind::RwaRegister => Op::RwaRegister {
            investor: a,
            country: 840,
        },
        OpKind::RwaUnregister => Op::RwaUnregister { investor: a },
        OpKind::RwaMint => Op::RwaMint { to: a, amount: 6 },
        OpKind::RwaTransfer => Op::RwaTransfer { to: b, amount: 7 },
        OpKind::RwaBurn => Op::RwaBurn { from: a, amount: 8 },
        OpKind::RwaFreeze => Op::RwaFreeze {
            account: a,
            frozen: true,
        },
        OpKind::RwaFreezeTokens => Op::RwaFreezeTokens {
            account: a,
            amount: 9,
        },
        OpKind::RwaUnfreezeTokens => Op::RwaUnfreezeTokens {
            account: a,
            amount: 9,
        },
        OpKind::RwaPause => Op::RwaPause { paused: true },
        OpKind::RwaForcedTransfer => Op::RwaForcedTransfer {
            from: a,
            to: b,
            amount: 10,
        },
        OpKind::RwaRecover => Op::RwaRecover { lost: a, new: b },
    }
}

#[test]
fn every_operation_survives_a_save_and_load() {
    // The operation's fields share the transaction's JSON object, so none may be called `from` like the signer.
    let (a, b) = (Address([1; 20]), Address([2; 20]));
    let ops: Vec<Op> = OpKind::ALL.iter().map(|&k| sample_op(k, a, b)).collect();
    for (op, &kind) in ops.iter().zip(OpKind::ALL) {
        assert_eq!(op.kind(), kind, "the sample of {kind:?}");
    }
    let mut chain = demo(1, 1);
    for (i, op) in ops.into_iter().enumerate() {
        let mut tx = chain.blocks[0].txs[0].clone();
        tx.nonce = i as u64;
        tx.from = Address([9; 20]);
        tx.op = op;
        chain.blocks[0].txs.push(tx);
    }
    let back = from_json(&to_json(&chain)).unwrap();
    assert_eq!(back, chain);
}

#[test]
fn a_large_demo_chain_with_every_kind_of_operation_round_trips() {
    let chain = demo(20, 40);
    let kinds: std::collections::BTreeSet<&str> = chain
        .blocks
        .iter()
        .flat_map(|b| b.txs.iter().map(|t| t.op.name()))
        .collect();
    assert!(
        kinds.contains("nft_transfer") || kinds.contains("nft_set_approval_for_all"),
        "{kinds:?}"
    );
    assert_eq!(from_json(&to_json(&chain)).unwrap(), chain);
}
