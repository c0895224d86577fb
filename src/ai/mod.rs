//! The AI-token core: bundled vocabularies, chunked and incremental tokenization into spans, model catalogue,
//! pricing, chat templates, id decoding, comparison and what a conversation costs ([`bill`]).
//!
//! Pure: std, serde and the `tokenizers` crate only; never the GUI crates. Offsets are bytes into the text.

pub mod bill;
mod bpe;
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
pub mod media;
mod models;
mod pricing;
mod tokenize;
mod vocab;

pub use bpe::{FastBpe, Pack};
pub use bytes::token_bytes;
pub use chat::{
    ChatFamily, ChatToken, Framed, Message, NO_PUBLIC_ID, Piece, Role, frame, tokenize_chat,
};
pub use compare::{Counts, boundaries, differing};
pub use decode::{Decoded, IdError, decode_ids, hex_bytes, parse_ids, split_utf8};
pub use doc::{AiDoc, UpdateStats, pack_tag, spanned, tag_id, tag_index};
pub use dropped::{Dropped, dropped};
pub use encode::{
    CHUNK_TARGET, EncodeOptions, Progress, Token, chunk_ranges, encode_ranges, encode_text,
    worker_count,
};
pub use info::{AddedToken, TokenizerInfo};
pub use limits::{MAX_ADDED_TOKENS, MAX_LOOK_AROUND_CHARS, MAX_PATTERN_BYTES};
pub use loaded::{Encoder, Loaded};
pub use models::{Count, MODELS, Model, lookup, model};
pub use pricing::{OVERRIDE_FILE, Price, PriceSource, Pricing, PricingError};
pub use tokenize::{Tokenized, tokenize};
pub use vocab::{Vocab, load_bytes};

use crate::i18n::Words;

/// Why a tokenizer could not be loaded or run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AiError {
    /// The bundled file did not decompress.
    Decompress {
        /// Vocabulary name.
        name: &'static str,
        /// Decoder message.
        msg: String,
    },
    /// The tokenizer.json did not parse.
    Parse(String),
    /// The tokenizer.json is not the JSON expected, at a line and column.
    JsonAt {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// serde_json's message, without its position.
        msg: String,
    },
    /// Encoding failed.
    Encode(String),
    /// The work was cancelled (a newer edit superseded it).
    Cancelled,
    /// Offsets are 32-bit: the text is larger than 4 GiB.
    TooLarge(usize),
    /// The `tokenizers` crate panicked on this tokenizer (the message is the panic's).
    Crashed(String),
    /// The tokenizer crashed earlier and is not used again.
    Broken,
    /// A user's tokenizer.json has more added tokens than [`MAX_ADDED_TOKENS`].
    TooManyAddedTokens {
        /// Added tokens in the file.
        count: usize,
        /// The cap.
        max: usize,
    },
    /// A user's WordPiece model allows longer words than [`MAX_WORD_CHARS`] (its cost grows with the cube of it).
    WordLimitTooHigh {
        /// `max_input_chars_per_word` in the file.
        value: u64,
        /// The cap.
        max: usize,
    },
    /// A regular expression in a user's tokenizer.json is longer than [`MAX_PATTERN_BYTES`].
    PatternTooLong {
        /// Its length in bytes.
        len: usize,
        /// The cap.
        max: usize,
    },
    /// A look-around in a user's regular expression can look at more than [`MAX_LOOK_AROUND_CHARS`] characters.
    PatternLookAround {
        /// The pattern, quoted and shortened.
        pattern: String,
        /// The cap.
        max: usize,
    },
    /// A user's regular expression has a backreference.
    PatternBackreference(String),
    /// A user's regular expression repeats a repetition, like `(a+)+`.
    PatternNestedRepetition(String),
    /// A Precompiled normalizer's charsmap claims a trie larger than the data, or none at all.
    BadCharsmap {
        /// Bytes in the decoded charsmap.
        len: usize,
        /// Trie bytes it claims.
        trie: usize,
    },
}

impl crate::i18n::Worded for AiError {
    fn words(&self) -> Words {
        match self {
            Self::Decompress { name, msg } => words!("ai.err.decompress")
                .with("name", name)
                .with("msg", msg),
            Self::Parse(e) => words!("ai.err.parse").with("err", e),
            Self::JsonAt { line, col, msg } => words!("ai.err.parse").with_words(
                "err",
                words!("ai.err.json_at")
                    .with("line", line)
                    .with("col", col)
                    .with("e", msg),
            ),
            Self::Encode(e) => words!("ai.err.encode").with("err", e),
            Self::Cancelled => words!("ai.err.cancelled"),
            Self::TooLarge(n) => words!("ai.err.too_large").with("n", n),
            Self::Crashed(e) => words!("ai.err.crashed").with("err", e),
            Self::Broken => words!("ai.err.broken"),
            Self::TooManyAddedTokens { count, max } => words!("ai.err.added_tokens")
                .with("count", count)
                .with("max", max),
            Self::WordLimitTooHigh { value, max } => words!("ai.err.word_chars")
                .with("value", value)
                .with("max", max),
            Self::PatternTooLong { len, max } => words!("ai.err.pattern_too_long")
                .with("len", len)
                .with("max", max),
            Self::PatternLookAround { pattern, max } => words!("ai.err.pattern_look_around")
                .with("pattern", pattern)
                .with("max", max),
            Self::PatternBackreference(p) => words!("ai.err.pattern_backref").with("pattern", p),
            Self::PatternNestedRepetition(p) => words!("ai.err.pattern_nested").with("pattern", p),
            Self::BadCharsmap { len, trie } => words!("ai.err.charsmap")
                .with("len", len)
                .with("trie", trie),
        }
    }
}

/// English words, for logs and the CLI; the UI words errors in its language with [`crate::i18n::Worded`].
impl std::fmt::Display for AiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::i18n::Worded as _;
        self.words().fmt(f)
    }
}

impl std::error::Error for AiError {}
