//! The AI-token core: bundled vocabularies and tokenization into spans (issue 3, first part).
//!
//! Pure: std, serde and the `tokenizers` crate only; never the GUI crates. Offsets are bytes into the text.

mod bytes;
mod tokenize;
mod vocab;

pub use bytes::token_bytes;
pub use tokenize::{EncodeOptions, Tokenized, tokenize};
pub use vocab::{Vocab, load_bytes};

/// Why a tokenizer could not be loaded or run.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AiError {
    /// The bundled file did not decompress.
    #[error("the bundled vocabulary {name} did not decompress: {msg}")]
    Decompress {
        /// Vocabulary name.
        name: &'static str,
        /// Decoder message.
        msg: String,
    },
    /// The tokenizer.json did not parse.
    #[error("the tokenizer.json is not valid: {0}")]
    Parse(String),
    /// Encoding failed.
    #[error("tokenizing failed: {0}")]
    Encode(String),
}
