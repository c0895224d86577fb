//! `tokenlens ledger demo` and `tokenlens ledger verify`.

use std::path::PathBuf;

use clap::Args;
use serde_json::{Map, Value, json};

use super::super::fail;
use super::super::out::{self, field};
use crate::ledger::demo::{DemoParams, build_demo};
use crate::ledger::store::{legacy_notice, load, save};
use crate::ledger::{Report, format_amount, validate};

/// `tokenlens ledger demo` arguments.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where to write the chain (JSON).
    #[arg(long)]
    pub out: PathBuf,
    /// Number of accounts, the issuer included.
    #[arg(long, default_value_t = 5)]
    pub accounts: u32,
    /// Number of blocks.
    #[arg(long, default_value_t = 4)]
    pub blocks: u32,
    /// Transactions per block.
    #[arg(long, default_value_t = 4)]
    pub tx_per_block: u32,
    /// Difficulty in leading zero bits of each block hash.
    #[arg(long, default_value_t = 16)]
    pub difficulty: u32,
    /// Seed for the demo keys and operations.
    #[arg(long, default_value = "tokenlens")]
    pub seed: String,
}

/// `tokenlens ledger verify` arguments.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The ledger file.
    pub file: PathBuf,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Write a demo chain.
pub fn demo(args: &DemoArgs) -> i32 {
    let params = DemoParams {
        accounts: args.accounts,
        blocks: args.blocks,
        tx_per_block: args.tx_per_block,
        difficulty_bits: args.difficulty,
        seed: args.seed.clone(),
        ..DemoParams::default()
    };
    let chain = match build_demo(&params) {
        Ok(c) => c,
        Err(e) => return fail(&e.to_string()),
    };
    if let Err(e) = save(&chain, &args.out) {
        return fail(&e.to_string());
    }
    let txs: usize = chain.blocks.iter().map(|b| b.txs.len()).sum();
    outln!(
        "wrote {}: {} blocks, {txs} transactions, {} accounts, difficulty {} bits",
        args.out.display(),
        chain.blocks.len(),
        chain.accounts.len(),
        chain.difficulty_bits
    );
    0
}

/// Verify a ledger file.
pub fn verify(args: &VerifyArgs) -> i32 {
    let chain = match load(&args.file) {
        Ok(c) => c,
        Err(e) => return fail(&e.to_string()),
    };
    let report = validate(&chain);
    // The CLI speaks English: words are given their English text (`Display`).
    let notice = legacy_notice(&chain).map(|n| n.to_string());
    if let Some(n) = &notice {
        out::eprint(format_args!("tokenlens: notice: {}\n", field(n)));
    }
    if args.json {
        let mut json = verify_json(&report);
        json["metadata_protected"] = Value::Bool(chain.metadata_protected());
        json["format"] = Value::String(chain.format.clone());
        if let Some(n) = notice {
            json["notice"] = Value::String(n);
        }
        out::print_json(&json);
    } else {
        print_text(&chain, &report);
    }
    i32::from(!report.is_valid())
}

fn verify_json(report: &Report) -> Value {
    let mut balances = Map::new();
    for a in report.state.accounts() {
        if a.balance > 0 {
            balances.insert(
                a.address.to_checksum(),
                Value::String(a.balance.to_string()),
            );
        }
    }
    let problems: Vec<Value> = report
        .problems
        .iter()
        .map(|p| {
            json!({
                "block": p.block,
                "tx": p.tx,
                "section": p.section.map(|s| s.name()),
                "rule": p.rule.name(),
                "message": p.message.to_string(),
                "standard_error": p.standard_error,
            })
        })
        .collect();
    json!({
        "valid": report.is_valid(),
        "blocks": report.blocks.len(),
        "transactions": report.transactions,
        "first_invalid_block": report.first_invalid_block(),
        "problems": problems,
        "total_supply": report.state.erc20_supply.to_string(),
        "rwa_supply": report.state.rwa_supply.to_string(),
        "nfts": report.state.nft_count(),
        "balances": balances,
    })
}

fn print_text(chain: &crate::ledger::Chain, report: &Report) {
    let t = &chain.tokens;
    if report.is_valid() {
        outln!(
            "valid: {} blocks, {} transactions, difficulty {} bits",
            report.blocks.len(),
            report.transactions,
            chain.difficulty_bits
        );
    } else {
        let n = report.problems.len();
        outln!(
            "INVALID: {n} problem{}; first invalid block {}",
            if n == 1 { "" } else { "s" },
            report.first_invalid_block().unwrap_or_default()
        );
        for p in &report.problems {
            let place = match (p.section, p.tx) {
                (Some(section), _) => format!("metadata {}", section.name()),
                (None, Some(tx)) => format!("block {} tx {tx}", p.block),
                (None, None) => format!("block {}", p.block),
            };
            outln!(
                "  {place}: {}: {}",
                p.rule.name(),
                field(&p.message.to_string())
            );
        }
        let after: Vec<String> = report
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| matches!(b.status, crate::ledger::BlockStatus::AfterInvalid(_)))
            .map(|(i, _)| i.to_string())
            .collect();
        if !after.is_empty() {
            outln!(
                "  later blocks that break no rule themselves but extend an invalid block: {}",
                after.join(", ")
            );
        }
    }
    outln!(
        "{} supply: {} {}; {} supply: {} {}; {} NFTs",
        field(&t.erc20.name),
        format_amount(report.state.erc20_supply, t.erc20.decimals),
        field(&t.erc20.symbol),
        field(&t.rwa.token.name),
        format_amount(report.state.rwa_supply, t.rwa.token.decimals),
        field(&t.rwa.token.symbol),
        report.state.nft_count()
    );
}
