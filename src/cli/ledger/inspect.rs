//! `tokenlens ledger inspect` and `tokenlens ledger address`.

use clap::Args;

/// `tokenlens ledger inspect` arguments.
#[derive(Debug, Args)]
pub struct InspectArgs {}

/// `tokenlens ledger address` arguments.
#[derive(Debug, Args)]
pub struct AddressArgs {}

/// Decode an address, calldata or raw transaction.
pub fn inspect(_args: &InspectArgs) -> i32 {
    super::super::fail("ledger inspect: not built yet")
}

/// Print the address of a private key.
pub fn address(_args: &AddressArgs) -> i32 {
    super::super::fail("ledger address: not built yet")
}
