//! Crypto-tab speed goals (issue 4 §7): full validation of a 1000-block, 100k-transaction chain; revalidation after
//! one edit; mining throughput against this machine's raw SHA-256 speed.
//!
//! `cargo bench --bench ledger -- --noplot`

use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sha2::{Digest as _, Sha256};
use tokenlens::ledger::demo::{DemoParams, build_demo};
use tokenlens::ledger::genesis::{DemoKeys, check as check_metadata};
use tokenlens::ledger::mine::{Midstate, mine, relink};
use tokenlens::ledger::sigcheck::default_threads;
use tokenlens::ledger::{Chain, Op, Validator, validate};

fn big_chain() -> Chain {
    let started = Instant::now();
    let chain = build_demo(&DemoParams {
        accounts: 1000,
        blocks: 1000,
        tx_per_block: 100,
        difficulty_bits: 8,
        seed: "bench".to_owned(),
        ..DemoParams::default()
    })
    .expect("demo chain");
    #[expect(
        clippy::print_stderr,
        reason = "tells the reader how long the fixture took"
    )]
    {
        eprintln!(
            "built a {}-block chain in {:.1} s",
            chain.blocks.len(),
            started.elapsed().as_secs_f64()
        );
    }
    chain
}

fn bump_amount(chain: &mut Chain, block: usize, by: u128) {
    for tx in &mut chain.blocks[block].txs {
        if let Op::Transfer { amount, .. } = &mut tx.op {
            *amount = amount.wrapping_add(by);
            return;
        }
    }
}

fn validation(c: &mut Criterion) {
    let chain = big_chain();
    assert!(validate(&chain).is_valid(), "the bench chain is valid");
    let mut g = c.benchmark_group("ledger_validate");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    g.bench_function("full_100k_tx_fresh_validator", |b| {
        b.iter(|| black_box(Validator::new().validate(black_box(&chain))));
    });
    // Its share: the genesis record (three section hashes, the owner's signature) and 1000 demo keys derived.
    g.bench_function("metadata_1000_accounts_fresh", |b| {
        b.iter(|| {
            let mut keys = DemoKeys::default();
            black_box(check_metadata(
                black_box(&chain),
                &mut keys,
                default_threads(),
            ))
        });
    });
    let mut edited = chain.clone();
    let mut v = Validator::new();
    v.validate(&edited);
    g.sample_size(30).measurement_time(Duration::from_secs(10));
    for block in [0usize, 500, 999] {
        let mut flip = 0u128;
        g.bench_function(format!("after_one_raw_edit_in_block_{block}"), |b| {
            b.iter(|| {
                flip ^= 1;
                bump_amount(&mut edited, block, if flip == 1 { 1 } else { u128::MAX });
                black_box(v.validate(&edited))
            });
        });
    }
    let mut flip = 0u128;
    g.bench_function("after_one_cascade_edit_in_block_0", |b| {
        b.iter(|| {
            flip ^= 1;
            bump_amount(&mut edited, 0, if flip == 1 { 1 } else { u128::MAX });
            relink(&mut edited, 0);
            black_box(v.validate(&edited))
        });
    });
    g.finish();
}

fn mining(c: &mut Criterion) {
    let chain = build_demo(&DemoParams::default()).expect("demo chain");
    let block = chain.blocks[1].clone();
    let mid = Midstate::new(&block);
    let mut g = c.benchmark_group("ledger_mine");
    let buf = vec![0x5au8; 1 << 20];
    g.throughput(Throughput::Bytes(buf.len() as u64));
    g.bench_function("raw_sha256_1MiB", |b| {
        b.iter(|| black_box(Sha256::digest(black_box(&buf))));
    });
    // One attempt = one 64-byte compression, so compare attempts/s with (raw bytes/s) / 64.
    const N: u64 = 1 << 16;
    g.throughput(Throughput::Bytes(N * 64));
    let never = AtomicBool::new(false);
    g.bench_function("search_65536_nonces_1_thread_as_64B_blocks", |b| {
        b.iter(|| black_box(mid.search(255, 0, N, &never, &AtomicU64::new(0))));
    });
    // Both cores: a real search for 22 bits (the smallest nonce wins, so the work is the same every run).
    let attempts = AtomicU64::new(0);
    mine(&block, 22, 0, 2, &never, &attempts);
    let tried = attempts.load(std::sync::atomic::Ordering::Relaxed);
    g.throughput(Throughput::Bytes(tried * 64));
    g.bench_function("mine_22_bits_2_threads_as_64B_blocks", |b| {
        b.iter(|| black_box(mine(&block, 22, 0, 2, &never, &AtomicU64::new(0))));
    });
    g.finish();
}

criterion_group!(benches, mining, validation);
criterion_main!(benches);
