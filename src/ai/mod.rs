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
mod info;
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
}
