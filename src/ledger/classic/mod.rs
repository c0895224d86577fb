//! Anders Brownworth's classic demo chains, hashed the way his pages hash them, with their documented quirks.
//!
//! Pure: std, serde, `sha2`, `k256`, `hex` and the shared text model. Every field is kept as the text the page
//! holds ("25.00", not a number), because the pages hash strings. The pages are anders94/blockchain-demo (Hash,
//! Block, Blockchain, Distributed, Tokens, Coinbase) and anders94/public-private-key-demo (Signed); sources and
//! licences are in assets/samples/classic/SOURCES.md.
//!
//! | module | purpose |
//! |---|---|
//! | `model` | pages, blocks, rows, peers and field addressing |
//! | `text` | the hashed string, field byte ranges, hash and spans |
//! | `difficulty` | `difficultyMajor`/`difficultyMinor` and `maximumNonce` |
//! | `mine` | counting the nonce up from 0, cancellable |
//! | `chain` | the `updateChain` cascade, reports, JSON scenarios |
//! | `signed` | the Signed page's keys and signatures, with its prehash and high-S quirks |
//! | `presets`, `presets_signed` | the pages' shipped values |
//! | `quirks` | the documented shortcuts, in plain words |

mod chain;
mod difficulty;
mod mine;
mod model;
mod presets;
mod presets_signed;
mod quirks;
mod signed;
mod text;

pub use chain::{BlockReport, ClassicScenario, check_chain, update_chain};
pub use difficulty::Difficulty;
pub use mine::{MineOutcome, PROGRESS_EVERY, mine};
pub use model::{ClassicBlock, CoinbaseRow, Field, Page, Peer, TxRow};
pub use presets::{ZERO_PREV, peers, preset};
pub use presets_signed::CLASSIC_KEYS;
pub use quirks::{Quirk, quirks, separator_collision};
pub use signed::{
    RowSig, classic_prehash, public_key_from_decimal, row_message, sign_classic_row,
    verify_classic_row,
};
pub use text::{HashText, hash, hash_hex, hash_text, span_kind, to_spanned};

use crate::i18n::{Worded, Words};

/// Why a classic key or signature could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClassicError {
    /// A private key holds something other than decimal digits.
    NotDecimal {
        /// Byte offset of the offending character (0 for an empty key).
        at: usize,
    },
    /// A private key is zero or not below the secp256k1 group order.
    KeyOutOfRange,
    /// A field that must be hex is not.
    NotHex {
        /// The row field (`from` or `sig`).
        field: &'static str,
        /// What the hex decoder said.
        reason: String,
    },
    /// The From field is not a secp256k1 public key.
    NotAPublicKey,
    /// The signature is not a DER-encoded ECDSA signature.
    NotDer,
    /// The signature does not match the row and its From key.
    BadSignature,
    /// The signer refused the key or prehash (k256 does not say why).
    SigningFailed,
    /// A saved scenario could not be read or written.
    Json(String),
}

impl Worded for ClassicError {
    fn words(&self) -> Words {
        match self {
            Self::NotDecimal { at } => words!("classic.err.not_decimal").with("at", at),
            Self::KeyOutOfRange => words!("classic.err.key_range"),
            Self::NotHex { field, reason } => words!("classic.err.not_hex")
                .with("field", field)
                .with("reason", reason),
            Self::NotAPublicKey => words!("classic.err.not_public_key"),
            Self::NotDer => words!("classic.err.not_der"),
            Self::BadSignature => words!("classic.err.bad_signature"),
            Self::SigningFailed => words!("classic.err.signing_failed"),
            Self::Json(e) => words!("classic.err.json").with("err", e),
        }
    }
}

/// English words, for logs and the CLI; the UI words the error in its language with [`Worded`].
impl std::fmt::Display for ClassicError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.words().fmt(f)
    }
}

impl std::error::Error for ClassicError {}
