//! The AI-token core: bundled vocabularies, chunked and incremental tokenization into spans, model catalogue,
//! pricing, chat templates, id decoding and comparison.
//!
//! Pure: std, serde and the `tokenizers` crate only; never the GUI crates. Offsets are bytes into the text.

mod bytes;
mod chat;
mod compare;
mod decode;
mod doc;
mod dropped;
mod encode;
mod guard;
mod info;
mod limits;
mod loaded;
mod models;
mod pricing;
mod tokenize;
mod vocab;

pub use bytes::token_bytes;
pub use chat::{
    ChatFamily, ChatToken, Framed, Message, NO_PUBLIC_ID, Piece, Role, frame, tokenize_chat,
};
pub use compare::{Counts, boundaries, differing};
pub use decode::{Decoded, IdError, decode_ids, hex_bytes, parse_ids, split_utf8};
pub use doc::{AiDoc, UpdateStats, pack_tag, spanned, tag_id, tag_index};
pub use dropped::{Dropped, dropped};
pub use encode::{
    CHUNK_TARGET, EncodeOptions, Progress, Token, chunk_ranges, encode_piece, encode_ranges,
    encode_text, worker_count,
};
pub use info::{AddedToken, TokenizerInfo};
pub use limits::{MAX_ADDED_TOKENS, MAX_LOOK_AROUND_CHARS, MAX_PATTERN_BYTES};
pub use loaded::Loaded;
pub use models::{MODELS, Model, lookup, model};
pub use pricing::{OVERRIDE_FILE, Price, PriceSource, Pricing, PricingError};
pub use tokenize::{Tokenized, tokenize};
pub use vocab::{Vocab, load_bytes};

use crate::i18n::{tr, trf};

/// Why a tokenizer could not be loaded or run.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AiError {
    /// The bundled file did not decompress.
    #[error("{}", trf("ai.err.decompress", &[("name", .name), ("msg", .msg)]))]
    Decompress {
        /// Vocabulary name.
        name: &'static str,
        /// Decoder message.
        msg: String,
    },
    /// The tokenizer.json did not parse.
    #[error("{}", trf("ai.err.parse", &[("err", .0)]))]
    Parse(String),
    /// Encoding failed.
    #[error("{}", trf("ai.err.encode", &[("err", .0)]))]
    Encode(String),
    /// The work was cancelled (a newer edit superseded it).
    #[error("{}", tr("ai.err.cancelled"))]
    Cancelled,
    /// Offsets are 32-bit: the text is larger than 4 GiB.
    #[error("{}", trf("ai.err.too_large", &[("n", .0)]))]
    TooLarge(usize),
    /// The `tokenizers` crate panicked on this tokenizer (the message is the panic's).
    #[error("{}", trf("ai.err.crashed", &[("err", .0)]))]
    Crashed(String),
    /// The tokenizer crashed earlier and is not used again.
    #[error("{}", tr("ai.err.broken"))]
    Broken,
    /// A user's tokenizer.json has more added tokens than [`MAX_ADDED_TOKENS`].
    #[error("{}", trf("ai.err.added_tokens", &[("count", .count), ("max", .max)]))]
    TooManyAddedTokens {
        /// Added tokens in the file.
        count: usize,
        /// The cap.
        max: usize,
    },
    /// A user's WordPiece model allows longer words than [`MAX_WORD_CHARS`] (its cost grows with the cube of it).
    #[error("{}", trf("ai.err.word_chars", &[("value", .value), ("max", .max)]))]
    WordLimitTooHigh {
        /// `max_input_chars_per_word` in the file.
        value: u64,
        /// The cap.
        max: usize,
    },
    /// A regular expression in a user's tokenizer.json is longer than [`MAX_PATTERN_BYTES`].
    #[error("{}", trf("ai.err.pattern_too_long", &[("len", .len), ("max", .max)]))]
    PatternTooLong {
        /// Its length in bytes.
        len: usize,
        /// The cap.
        max: usize,
    },
    /// A look-around in a user's regular expression can look at more than [`MAX_LOOK_AROUND_CHARS`] characters.
    #[error("{}", trf("ai.err.pattern_look_around", &[("pattern", .pattern), ("max", .max)]))]
    PatternLookAround {
        /// The pattern, quoted and shortened.
        pattern: String,
        /// The cap.
        max: usize,
    },
    /// A user's regular expression has a backreference.
    #[error("{}", trf("ai.err.pattern_backref", &[("pattern", .0)]))]
    PatternBackreference(String),
    /// A user's regular expression repeats a repetition, like `(a+)+`.
    #[error("{}", trf("ai.err.pattern_nested", &[("pattern", .0)]))]
    PatternNestedRepetition(String),
    /// A Precompiled normalizer's charsmap claims a trie larger than the data, or none at all.
    #[error("{}", trf("ai.err.charsmap", &[("len", .len), ("trie", .trie)]))]
    BadCharsmap {
        /// Bytes in the decoded charsmap.
        len: usize,
        /// Trie bytes it claims.
        trie: usize,
    },
}
