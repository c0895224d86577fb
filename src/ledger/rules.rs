//! The rules a chain can break, each with a stable kebab-case name, the standard error it mirrors (ERC-6093 for
//! tokens) and a reason in plain words, not yet worded (`i18n::Words`).

use serde::Serialize;

use crate::i18n::Words;

pub use super::genesis::Section;
use super::types::Address;

/// A rule. The names are stable: the CLI's JSON and the tests use them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// The header hash written in the block is not the hash of its header.
    HashMismatch,
    /// The block's previous hash is not the hash of the block before it (or its index is out of place).
    BrokenLink,
    /// The header hash is not below the target, or the block claims less difficulty than the chain requires.
    BelowTarget,
    /// The Merkle root in the header is not the root of the block's transactions.
    BadMerkleRoot,
    /// The signature is malformed, high-S, or was made by another key than the sender's.
    BadSignature,
    /// The sender's nonce is not its next one (a replay, a gap or a reorder).
    BadNonce,
    /// The sender holds less than it moves.
    InsufficientBalance,
    /// The spender's allowance is smaller than what it moves.
    InsufficientAllowance,
    /// The signer is neither the NFT's holder nor approved for it, or `from` is not the holder.
    NotOwner,
    /// The NFT does not exist.
    NonexistentToken,
    /// The NFT already exists.
    TokenExists,
    /// A wallet involved is frozen.
    Frozen,
    /// The permissioned token is paused (or, for an unpause, not paused).
    Paused,
    /// The receiver of the permissioned token is not in the identity registry.
    ReceiverNotVerified,
    /// Only the token owner / agent may do this.
    Unauthorized,
    /// A total supply would pass the largest number the ledger holds.
    Overflow,
    /// The zero address used as a sender, receiver, spender or operator.
    ZeroAddress,
    /// Σ balances differs from the total supply (an internal invariant; never expected).
    SupplyMismatch,
    /// A metadata section (settings, tokens, accounts) does not hash to what the owner signed in the genesis record.
    MetadataChanged,
    /// The genesis record is missing, or not signed by the token owner.
    BadGenesis,
    /// An account's address is not that of the demo key it names.
    DemoKeyMismatch,
}

impl Rule {
    /// Every rule, in the order above.
    pub const ALL: [Self; 21] = [
        Self::HashMismatch,
        Self::BrokenLink,
        Self::BelowTarget,
        Self::BadMerkleRoot,
        Self::BadSignature,
        Self::BadNonce,
        Self::InsufficientBalance,
        Self::InsufficientAllowance,
        Self::NotOwner,
        Self::NonexistentToken,
        Self::TokenExists,
        Self::Frozen,
        Self::Paused,
        Self::ReceiverNotVerified,
        Self::Unauthorized,
        Self::Overflow,
        Self::ZeroAddress,
        Self::SupplyMismatch,
        Self::MetadataChanged,
        Self::BadGenesis,
        Self::DemoKeyMismatch,
    ];

    /// The stable kebab-case name (`insufficient-balance`).
    pub fn name(self) -> &'static str {
        match self {
            Self::HashMismatch => "hash-mismatch",
            Self::BrokenLink => "broken-link",
            Self::BelowTarget => "below-target",
            Self::BadMerkleRoot => "bad-merkle-root",
            Self::BadSignature => "bad-signature",
            Self::BadNonce => "bad-nonce",
            Self::InsufficientBalance => "insufficient-balance",
            Self::InsufficientAllowance => "insufficient-allowance",
            Self::NotOwner => "not-owner",
            Self::NonexistentToken => "nonexistent-token",
            Self::TokenExists => "token-exists",
            Self::Frozen => "frozen",
            Self::Paused => "paused",
            Self::ReceiverNotVerified => "receiver-not-verified",
            Self::Unauthorized => "unauthorized",
            Self::Overflow => "overflow",
            Self::ZeroAddress => "zero-address",
            Self::SupplyMismatch => "supply-mismatch",
            Self::MetadataChanged => "metadata-changed",
            Self::BadGenesis => "bad-genesis",
            Self::DemoKeyMismatch => "demo-key-mismatch",
        }
    }

    /// Whether the rule is about the block itself (hashes, links, work) rather than one transaction.
    pub fn is_block_rule(self) -> bool {
        matches!(
            self,
            Self::HashMismatch
                | Self::BrokenLink
                | Self::BelowTarget
                | Self::BadMerkleRoot
                | Self::SupplyMismatch
        )
    }

    /// Whether the rule is about the metadata outside the blocks (reported with a [`Section`]).
    pub fn is_metadata_rule(self) -> bool {
        matches!(
            self,
            Self::MetadataChanged | Self::BadGenesis | Self::DemoKeyMismatch
        )
    }
}

/// One broken rule, where it was broken, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Block index (position in the chain). Metadata problems belong to block 0, whose previous hash is the
    /// genesis record's hash.
    pub block: usize,
    /// Transaction index within the block, for transaction rules.
    pub tx: Option<usize>,
    /// For metadata rules: the section of the file outside the blocks that is wrong.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<Section>,
    /// The rule.
    pub rule: Rule,
    /// The error a Solidity contract would raise (ERC-6093 names for ERC-20/721), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standard_error: Option<String>,
    /// The reason in plain words, with the numbers involved (English in JSON).
    #[serde(serialize_with = "super::words::english")]
    pub message: Words,
    /// For balance and allowance rules: what was available.
    #[serde(skip_serializing_if = "Option::is_none", with = "opt_amount")]
    pub have: Option<u128>,
    /// For balance and allowance rules: what was needed.
    #[serde(skip_serializing_if = "Option::is_none", with = "opt_amount")]
    pub need: Option<u128>,
}

mod opt_amount {
    use serde::Serializer;

    #[expect(
        clippy::ref_option,
        reason = "serde's `with` passes a reference to the field"
    )]
    pub fn serialize<S: Serializer>(value: &Option<u128>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.serialize_str(&v.to_string()),
            None => s.serialize_none(),
        }
    }
}

/// A transaction-level problem, before it is placed in a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The rule.
    pub rule: Rule,
    /// The Solidity error it mirrors (boxed: a violation travels in every refused operation's `Err`).
    pub standard_error: Option<Box<str>>,
    /// Plain words.
    pub message: Words,
    /// (available, needed), for balance and allowance rules.
    pub shortfall: Option<(u128, u128)>,
}

impl Violation {
    /// A violation with a message and no standard error.
    pub fn new(rule: Rule, message: Words) -> Self {
        Self {
            rule,
            standard_error: None,
            message,
            shortfall: None,
        }
    }

    /// Attach the Solidity error it mirrors.
    pub fn std(mut self, error: impl Into<String>) -> Self {
        self.standard_error = Some(error.into().into_boxed_str());
        self
    }

    /// `insufficient-balance` / `insufficient-allowance` with have and need. `key` is the catalogue text, with
    /// `{who}`, `{have}` and `{need}` (`ledger.rule.short_tokens`, `ledger.rule.short_allowance`).
    pub fn shortfall(rule: Rule, key: &'static str, who: &Address, have: u128, need: u128) -> Self {
        Self {
            rule,
            standard_error: None,
            message: Words::new(key)
                .with("who", who.short())
                .with("have", have)
                .with("need", need),
            shortfall: Some((have, need)),
        }
    }

    /// Place it in a metadata section (problems there belong to block 0).
    pub fn in_section(self, section: Section) -> Problem {
        Problem {
            section: Some(section),
            ..self.at(0, None)
        }
    }

    /// Place it in a block.
    pub fn at(self, block: usize, tx: Option<usize>) -> Problem {
        Problem {
            block,
            tx,
            section: None,
            rule: self.rule,
            standard_error: self.standard_error.map(String::from),
            message: self.message,
            have: self.shortfall.map(|s| s.0),
            need: self.shortfall.map(|s| s.1),
        }
    }
}
