//! Tokenize text into ids and spans for the shared highlight widget.

use tokenizers::Tokenizer;

use super::{AiError, EncodeOptions, Vocab, token_bytes};
use crate::text::{Span, SpanKind, SpannedText, floor_char_boundary};

/// The result: ids in order and one span per token over the text (tag = id). Tokens that share a character's
/// range (byte-level fragments, byte fallback) coincide and form a group; virtual BOS/EOS have empty ranges.
/// The span list is sorted by start (the text model's order), which differs from token order where a byte-level
/// token's range starts before an earlier fragment's: use the tag, not the span index, to link ids and spans.
#[derive(Clone, Debug)]
pub struct Tokenized {
    /// Token ids.
    pub ids: Vec<u32>,
    /// The text with its token spans.
    pub spans: SpannedText,
}

/// Tokenize `text` with a loaded tokenizer.
pub fn tokenize(
    tokenizer: &mut Tokenizer,
    vocab: Option<Vocab>,
    text: &str,
    opts: EncodeOptions,
) -> Result<Tokenized, AiError> {
    tokenizer.set_encode_special_tokens(opts.special_as_text);
    let encoding = tokenizer
        .encode(text, opts.add_special_tokens)
        .map_err(|e| AiError::Encode(e.to_string()))?;
    let byte_level = vocab.is_some_and(Vocab::byte_level);
    let specials = encoding.get_special_tokens_mask();
    let added = tokenizer.get_added_tokens_decoder();
    let mut spans = Vec::with_capacity(encoding.len());
    for (i, ((&id, token), &(start, end))) in encoding
        .get_ids()
        .iter()
        .zip(encoding.get_tokens())
        .zip(encoding.get_offsets())
        .enumerate()
    {
        let start = floor_char_boundary(text, start.min(text.len()));
        let end = super::encode::ceil_char_boundary(text, end.min(text.len())).max(start);
        let special =
            specials.get(i).copied().unwrap_or(0) == 1 || added.get(&id).is_some_and(|t| t.special);
        let bytes = token_bytes(token, byte_level);
        let hex: Vec<String> = bytes.iter().map(|b| format!("{b:02X}")).collect();
        let kind = if special {
            SpanKind::AiSpecial
        } else {
            SpanKind::AiToken
        };
        spans.push(
            Span::new(start..end, kind)
                .with_label(format!("{id}"))
                .with_detail(format!("{token:?} · {}", hex.join(" ")))
                .with_tag(u64::from(id)),
        );
    }
    let spans =
        SpannedText::new(text.to_owned(), spans).map_err(|e| AiError::Encode(e.to_string()))?;
    Ok(Tokenized {
        ids: encoding.get_ids().to_vec(),
        spans,
    })
}
