//! Why a chain could not be built: a demo chain's sizes, the genesis record's signer, a key or signature, a block
//! that found no nonce, a signing thread.
//!
//! Pure: a typed error with the values it needs; words are put to it at the edge (`i18n::Worded`).

use super::keys::KeyPairError;
use super::types::Address;
use crate::i18n::{Worded, Words};

/// Why a chain (a demo, the lesson, the tour's story) could not be built, signed or mined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildError {
    /// A demo chain needs the issuer and at least one more account.
    TooFewAccounts,
    /// A demo size over its cap.
    OverLimit {
        /// The option that sets it (`--blocks`).
        what: &'static str,
        /// The size asked for.
        value: u64,
        /// The cap.
        max: u64,
    },
    /// A difficulty that would take hours to mine.
    TooDifficult {
        /// The difficulty asked for, in bits.
        bits: u32,
    },
    /// Every nonce was tried for a block without meeting the target.
    NoNonce {
        /// The block's index.
        block: u64,
    },
    /// A signing thread could not start (the system's message).
    SignThread(String),
    /// A signing thread stopped without finishing.
    SignThreadFailed,
    /// The genesis record must be signed by the token owner, and this key is another.
    NotOwner {
        /// The key's address.
        key: Address,
        /// The token owner.
        owner: Address,
    },
    /// A key or a signature failed.
    Key(KeyPairError),
}

impl From<KeyPairError> for BuildError {
    fn from(e: KeyPairError) -> Self {
        Self::Key(e)
    }
}

impl Worded for BuildError {
    fn words(&self) -> Words {
        match self {
            Self::TooFewAccounts => words!("ledger.err.demo_accounts"),
            Self::OverLimit { what, value, max } => words!("ledger.err.demo_limit")
                .with("what", what)
                .with("value", value)
                .with("max", max),
            Self::TooDifficult { bits } => words!("ledger.err.demo_difficulty").with("bits", bits),
            Self::NoNonce { block } => words!("ledger.err.no_nonce").with("i", block),
            Self::SignThread(e) => words!("ledger.err.sign_thread").with("e", e),
            Self::SignThreadFailed => words!("ledger.err.sign_thread_failed"),
            Self::NotOwner { key, owner } => words!("ledger.err.genesis_owner")
                .with("key", key.short())
                .with("owner", owner.short()),
            Self::Key(e) => e.words(),
        }
    }
}

/// English words, for logs and the CLI; the UI words the error in its language with [`Worded`].
impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.words().fmt(f)
    }
}

impl std::error::Error for BuildError {}
