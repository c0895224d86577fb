//! `tokenlens ledger demo` and `tokenlens ledger verify`.

use clap::Args;

/// `tokenlens ledger demo` arguments.
#[derive(Debug, Args)]
pub struct DemoArgs {}

/// `tokenlens ledger verify` arguments.
#[derive(Debug, Args)]
pub struct VerifyArgs {}

/// Write a demo chain.
pub fn demo(_args: &DemoArgs) -> i32 {
    super::super::fail("ledger demo: not built yet")
}

/// Verify a ledger file.
pub fn verify(_args: &VerifyArgs) -> i32 {
    super::super::fail("ledger verify: not built yet")
}
