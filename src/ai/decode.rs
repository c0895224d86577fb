//! Decode ids back to text: parse `[1, 2, 3]` or `1 2 3`, reject ids outside the vocabulary with their
//! position, and show bytes that are not whole UTF-8 characters as hex instead of `�`.

use std::ops::Range;

use super::Loaded;
use crate::i18n::{Worded, Words};

/// A problem in the id list, with the byte range of the offending entry in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdError {
    /// Not a number.
    NotANumber {
        /// The offending text.
        text: String,
        /// Where it is.
        at: Range<usize>,
    },
    /// Nothing between two separators (`1,,2`), or a separator before the first id.
    Empty {
        /// The separator that ends the empty item.
        at: Range<usize>,
    },
    /// Outside the vocabulary.
    OutOfRange {
        /// The id.
        id: u64,
        /// Where it is.
        at: Range<usize>,
        /// The largest valid id.
        max: u32,
    },
}

impl Worded for IdError {
    fn words(&self) -> Words {
        match self {
            Self::NotANumber { text, at } => words!("ai.err.not_id")
                .with("text", format!("{text:?}"))
                .with("at", format!("{at:?}")),
            Self::Empty { at } => words!("ai.err.empty_id").with("at", at.start),
            Self::OutOfRange { id, at, max } => words!("ai.err.id_range")
                .with("id", id)
                .with("at", format!("{at:?}"))
                .with("max", max),
        }
    }
}

/// English words, for the CLI; the UI words it in its language with [`Worded`].
impl std::fmt::Display for IdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.words().fmt(f)
    }
}

impl std::error::Error for IdError {}

impl IdError {
    /// Where the problem is.
    pub fn range(&self) -> Range<usize> {
        match self {
            Self::NotANumber { at, .. } | Self::OutOfRange { at, .. } | Self::Empty { at } => {
                at.clone()
            }
        }
    }
}

/// Parse ids separated by spaces, commas or line breaks, optionally inside `[` `]`. Returns each id with its
/// range in the input.
pub fn parse_ids(input: &str) -> Result<Vec<(u64, Range<usize>)>, IdError> {
    let mut out = Vec::new();
    let mut start = None;
    // Whether an id came since the list opened or since the last `,`/`;`: a second separator with none between is
    // an empty item, not silently skipped. A trailing separator (`[1, 2,]`) is allowed.
    let mut item_seen = false;
    let is_sep = |c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | ';');
    for (i, c) in input
        .char_indices()
        .chain(std::iter::once((input.len(), ' ')))
    {
        if matches!(c, ',' | ';') && start.is_none() && !item_seen {
            return Err(IdError::Empty { at: i..i + 1 });
        }
        match c {
            ',' | ';' => item_seen = false,
            '[' => item_seen = false,
            c if !is_sep(c) => item_seen = true,
            _ => {}
        }
        match (is_sep(c), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let text = &input[s..i];
                let id = text
                    .parse::<u64>()
                    .map_err(|_not_a_number| IdError::NotANumber {
                        text: text.to_owned(),
                        at: s..i,
                    })?;
                out.push((id, s..i));
                start = None;
            }
            _ => {}
        }
    }
    Ok(out)
}

/// One piece of decoded output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decoded {
    /// Whole characters.
    Text(String),
    /// Bytes that do not form whole UTF-8 characters (a split character at the end or an invalid sequence).
    Bytes(Vec<u8>),
    /// A special token, shown as a pill.
    Special(String),
}

/// Decode ids. Byte-level and byte-fallback vocabularies join the tokens' bytes and cut them into valid text and
/// stray bytes; the others go through the tokenizer's own decoder (WordPiece's `##` and spaces). Special tokens
/// become their own parts. Ids are checked first.
pub fn decode_ids(loaded: &Loaded, input: &str) -> Result<Vec<Decoded>, IdError> {
    let size = loaded.vocab_size();
    let max = size.saturating_sub(1) as u32;
    let mut checked = Vec::new();
    for (id, at) in parse_ids(input)? {
        let token = u32::try_from(id)
            .ok()
            .filter(|&i| (i as usize) < size)
            .and_then(|i| Some((i, loaded.token_str(i)?)));
        let Some(token) = token else {
            return Err(IdError::OutOfRange { id, at, max });
        };
        checked.push(token);
    }
    if !loaded.decodes_by_bytes()
        && let Some(parts) = decoder_parts(loaded, &checked)
    {
        return Ok(parts);
    }
    let mut out = Vec::new();
    let mut pending: Vec<u8> = Vec::new();
    for (id, token) in checked {
        if loaded.is_special(id) {
            flush(&mut pending, &mut out);
            out.push(Decoded::Special(token));
        } else {
            pending.extend(loaded.token_bytes(id).unwrap_or_default());
        }
    }
    flush(&mut pending, &mut out);
    Ok(out)
}

/// The decoder's text for the whole list (spaces around special tokens come out as the library puts them), cut
/// at the special tokens. `None` if the decoder fails or drops a special token's text.
fn decoder_parts(loaded: &Loaded, ids: &[(u32, String)]) -> Option<Vec<Decoded>> {
    let all: Vec<u32> = ids.iter().map(|(id, _)| *id).collect();
    let full = loaded.decode_text(&all)?.ok()?;
    let mut out = Vec::new();
    let mut at = 0;
    let text = |piece: &str, out: &mut Vec<Decoded>| {
        if !piece.is_empty() {
            out.push(Decoded::Text(piece.to_owned()));
        }
    };
    for (_, special) in ids.iter().filter(|(id, _)| loaded.is_special(*id)) {
        let found = at + full.get(at..)?.find(special.as_str())?;
        text(&full[at..found], &mut out);
        out.push(Decoded::Special(special.clone()));
        at = found + special.len();
    }
    text(&full[at..], &mut out);
    Some(out)
}

/// Split bytes into valid UTF-8 text and the bytes that are not.
pub fn split_utf8(bytes: &[u8]) -> Vec<Decoded> {
    let mut out = Vec::new();
    for chunk in bytes.utf8_chunks() {
        if !chunk.valid().is_empty() {
            out.push(Decoded::Text(chunk.valid().to_owned()));
        }
        if !chunk.invalid().is_empty() {
            out.push(Decoded::Bytes(chunk.invalid().to_vec()));
        }
    }
    out
}

fn flush(pending: &mut Vec<u8>, out: &mut Vec<Decoded>) {
    out.extend(split_utf8(pending));
    pending.clear();
}

/// Hex of bytes, `F0 9F 8C`.
pub fn hex_bytes(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lists_and_plain_ids_with_positions() {
        let ids: Vec<u64> = parse_ids("[1, 2,3]")
            .unwrap()
            .into_iter()
            .map(|x| x.0)
            .collect();
        assert_eq!(ids, [1, 2, 3]);
        let ids = parse_ids(" 15339\n1917 ").unwrap();
        assert_eq!(ids[1], (1917, 7..11));
        assert!(parse_ids("").unwrap().is_empty());
        let err = parse_ids("1, x2, 3").unwrap_err();
        assert_eq!(err.range(), 3..5);
        assert!(parse_ids("-1").is_err(), "negative ids are not ids");
    }

    #[test]
    fn split_characters_become_bytes() {
        let globe = "🌍".as_bytes();
        let parts = split_utf8(&[b"a".as_slice(), &globe[..2]].concat());
        assert_eq!(
            parts,
            [
                Decoded::Text("a".into()),
                Decoded::Bytes(globe[..2].to_vec())
            ]
        );
        assert_eq!(hex_bytes(&globe[..2]), "F0 9F");
    }
}
