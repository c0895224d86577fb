//! `tokenlens ledger inspect TEXT|- [--json] [--decimals N]` and `tokenlens ledger address --private-key HEX|-`.

use std::fmt::Write as _;

use clap::Args;

use super::super::out::{self, field};
use super::super::{fail, read_input};
use crate::ledger::eth::{
    Address, Detail, Inspection, inspect as inspect_text, parse_private_key, report_json,
};

/// `tokenlens ledger inspect` arguments.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// An address, calldata or raw signed transaction in hex; `-` or nothing reads standard input.
    pub text: Option<String>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// Token decimals for amounts in calldata (default: known tokens only).
    #[arg(long)]
    pub decimals: Option<u8>,
    /// For a transaction: the sender you expect. Exit 1 when the signature recovers another address (a tampered
    /// signature still recovers some key, so only this check catches it).
    #[arg(long, value_name = "ADDRESS")]
    pub expect_from: Option<String>,
}

/// `tokenlens ledger address` arguments.
#[derive(Debug, Args)]
pub struct AddressArgs {
    /// The secp256k1 private key as 64 hex digits; `-` reads it from standard input (keeps it out of shell history).
    #[arg(long)]
    pub private_key: String,
}

/// Decode an address, calldata or raw transaction. Exit 0 valid, 1 decoded but not valid, 2 unusable.
pub fn inspect(args: &InspectArgs) -> i32 {
    let input = match read_input(args.text.as_deref()) {
        Ok(input) => input,
        Err(e) => return fail(&e),
    };
    let expected = match args.expect_from.as_deref().map(Address::parse) {
        None => None,
        Some(Ok(check)) => Some(check.address),
        Some(Err(e)) => return fail(&format!("--expect-from: {e}")),
    };
    let ins = match inspect_text(&input, args.decimals) {
        Ok(ins) => ins,
        Err(e) => return fail(&e.to_string()),
    };
    let mismatch = match (&ins.detail, expected) {
        (Detail::Transaction(tx), Some(want)) => match tx.sender.address() {
            Some(got) if got != want => Some(format!(
                "the signature recovers {got}, not the expected sender {want}"
            )),
            _ => None,
        },
        _ => None,
    };
    if args.json {
        out::print_json(&report_json(&ins));
    } else {
        out!("{}", text_report(&ins));
    }
    if let Some(m) = &mismatch {
        out::eprint(format_args!("tokenlens: {m}\n"));
    }
    i32::from(!ins.is_valid() || mismatch.is_some())
}

fn text_report(ins: &Inspection) -> String {
    let mut out = String::new();
    let kind = serde_json::to_value(ins.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let _ = writeln!(out, "kind: {kind}");
    match ins.problem() {
        Some(p) => {
            let _ = writeln!(out, "valid: no: {}", field(&p.to_string()));
        }
        None => {
            let _ = writeln!(out, "valid: yes");
        }
    }
    let width = ins.fields.iter().map(|f| f.name.len()).max().unwrap_or(0);
    for f in &ins.fields {
        let _ = writeln!(
            out,
            "  {:<width$}  {}  [{}..{}]",
            field(&f.name),
            field(&f.value.to_string()),
            f.byte_range.start,
            f.byte_range.end
        );
    }
    out
}

/// Print the EIP-55 address of a private key. The key is never echoed.
pub fn address(args: &AddressArgs) -> i32 {
    let text = match read_input(Some(args.private_key.as_str())) {
        Ok(text) => text,
        Err(e) => return fail(&e),
    };
    let address = parse_private_key(&text).and_then(|key| Address::from_private_key(&key));
    match address {
        Ok(a) => {
            outln!("{a}");
            0
        }
        Err(e) => fail(&e.to_string()),
    }
}
