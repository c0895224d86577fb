//! The exact string Anders hashes for a block (his `getText`: the fields glued together, no separators), the byte
//! range of every field in it, its SHA-256, and the spanned view for the highlight widget: a span per field,
//! labelled with the field's path as text (the same in every language, so code may find a field's span by it) and
//! detailed in words not yet worded (`text::Note`), worded when the hover card is drawn.

use std::ops::Range;

use sha2::{Digest, Sha256};

use super::model::{ClassicBlock, Field, Page};
use crate::i18n::Words;
use crate::text::{Span, SpanKind, SpannedText};

/// The hashed text of one block and where each field sits in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HashText {
    /// The string the page hashes: the fields concatenated in the page's order.
    pub text: String,
    /// Every hashed field with its byte range in `text`, in order. Empty fields have empty ranges.
    pub fields: Vec<(Field, Range<usize>)>,
}

/// The string `page` hashes for `block`, with the byte range of every field in it.
///
/// ```
/// use tokenlens::ledger::classic::{ClassicBlock, Field, Page, hash_text};
/// let block = ClassicBlock { number: "1".into(), nonce: "72608".into(), ..Default::default() };
/// let t = hash_text(&block, Page::Block);
/// assert_eq!(t.text, "172608");
/// assert_eq!(t.fields[1], (Field::Nonce, 1..6));
/// ```
pub fn hash_text(block: &ClassicBlock, page: Page) -> HashText {
    let fields = block.fields(page);
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(fields.len());
    for field in fields {
        let start = text.len();
        text.push_str(block.field(field).unwrap_or_default());
        ranges.push((field, start..text.len()));
    }
    HashText {
        text,
        fields: ranges,
    }
}

/// SHA-256 of the text `page` hashes for `block`.
pub fn hash(block: &ClassicBlock, page: Page) -> [u8; 32] {
    Sha256::digest(hash_text(block, page).text.as_bytes()).into()
}

/// [`hash`] as lowercase hex, as the pages show it (CryptoJS's `toString()`).
pub fn hash_hex(block: &ClassicBlock, page: Page) -> String {
    hex::encode(hash(block, page))
}

/// The span kind the highlight widget uses for a field.
pub fn span_kind(field: Field) -> SpanKind {
    match field {
        Field::Nonce | Field::Seq(_) => SpanKind::LedgerNonce,
        Field::CoinbaseValue | Field::Value(_) => SpanKind::LedgerAmount,
        Field::CoinbaseTo | Field::From(_) | Field::To(_) => SpanKind::LedgerAddress,
        Field::Sig(_) => SpanKind::LedgerSignature,
        Field::Prev => SpanKind::LedgerHash,
        Field::Number | Field::Data => SpanKind::LedgerField,
    }
}

fn detail(field: Field) -> Words {
    Words::new(match field {
        Field::Number => key!("classic.field.number"),
        Field::Nonce => key!("classic.field.nonce"),
        Field::Data => key!("classic.field.data"),
        Field::CoinbaseValue => key!("classic.field.coinbase_value"),
        Field::CoinbaseTo => key!("classic.field.coinbase_to"),
        Field::Value(_) => key!("classic.field.value"),
        Field::From(_) => key!("classic.field.from"),
        Field::To(_) => key!("classic.field.to"),
        Field::Seq(_) => key!("classic.field.seq"),
        Field::Sig(_) => key!("classic.field.sig"),
        Field::Prev => key!("classic.field.prev"),
    })
}

/// The hashed text as a spanned text: one span per field, labelled with the field name and detailed with what the
/// field is. Row fields carry the row index as their tag.
pub fn to_spanned(block: &ClassicBlock, page: Page) -> SpannedText {
    let HashText { text, fields } = hash_text(block, page);
    let spans = fields
        .into_iter()
        .map(|(field, byte_range)| {
            let span = Span::new(byte_range, span_kind(field))
                .with_label(field.name())
                .with_detail(detail(field));
            match field {
                Field::Value(i) | Field::From(i) | Field::To(i) | Field::Seq(i) | Field::Sig(i) => {
                    span.with_tag(i as u64)
                }
                _ => span,
            }
        })
        .collect();
    // The ranges were cut from `text` as it was built from whole strings, so they always validate; the plain
    // fallback only keeps this total.
    SpannedText::new(text.clone(), spans).unwrap_or_else(|_| SpannedText::plain(text))
}
