//! `tokenlens ledger …`: build, verify and inspect ledgers and real Ethereum data, as the Crypto tab does.

mod chain;
mod inspect;

use clap::{Args, Subcommand};

/// `tokenlens ledger` arguments.
#[derive(Debug, Args)]
pub struct LedgerArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: LedgerCommand,
}

/// A `tokenlens ledger` subcommand.
#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// Write a valid, signed, mined demo chain to a file.
    Demo(chain::DemoArgs),
    /// Validate a ledger file: hashes, links, proof of work, signatures, nonces and token rules.
    Verify(chain::VerifyArgs),
    /// Decode an Ethereum address, ERC-20 calldata or a raw signed transaction.
    Inspect(inspect::InspectArgs),
    /// Print the EIP-55 address of a secp256k1 private key.
    Address(inspect::AddressArgs),
}

/// Run a `tokenlens ledger` subcommand and return the exit code.
pub fn run(args: &LedgerArgs) -> i32 {
    match &args.command {
        LedgerCommand::Demo(a) => chain::demo(a),
        LedgerCommand::Verify(a) => chain::verify(a),
        LedgerCommand::Inspect(a) => inspect::inspect(a),
        LedgerCommand::Address(a) => inspect::address(a),
    }
}
