//! The Crypto-token core: a signed, mined ERC-20 / ERC-721 / ERC-3643 ledger, Anders Brownworth's classic demo
//! chain, and decoders for real Ethereum data.
//!
//! Pure: never imports the GUI crates. Everything returns plain data, with byte ranges into its input or into
//! canonical encodings, and typed problems that carry a rule name and a reason in plain words.

pub mod classic;
pub mod eth;
