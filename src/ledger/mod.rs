//! The Crypto-token core: a signed, mined ERC-20 / ERC-721 / ERC-3643 ledger, Anders Brownworth's classic demo
//! chain, and decoders for real Ethereum data.
//!
//! Pure: never imports the GUI crates and speaks no language. Everything returns plain data, with byte ranges into
//! its input or into canonical encodings, typed problems that carry a rule name and a reason as `i18n::Words` (a
//! catalogue key and its values), and typed errors that implement `i18n::Worded` (their `Display` is English). The
//! UI words them when it draws, the CLI in English.

pub mod classic;
pub mod eth;

mod apply;
mod bounded;
pub mod build;
pub mod bytes;
pub mod demo;
pub mod encode;
pub mod genesis;
pub mod keys;
pub mod mine;
pub mod model;
pub mod op_kind;
pub mod peers;
pub mod preview;
pub mod rules;
pub mod sigcheck;
pub mod state;
pub mod store;
pub mod types;
pub mod validate;
pub mod words;

pub use build::BuildError;
pub use keys::{KeyPair, KeyPairError, demo_key};
pub use model::{Account, Block, Chain, FungibleInfo, NftInfo, Op, RwaInfo, Tokens, Tx};
pub use op_kind::{OpKind, TokenKind};
pub use rules::{Problem, Rule, Section};
pub use state::{AccountState, Event, EventKind, State};
pub use types::{Address, H256, Sig, format_amount};
pub use validate::{BlockCheck, BlockStatus, Report, SupplyPoint, Validator, validate};
