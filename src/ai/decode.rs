//! Decode ids back to text: parse `[1, 2, 3]` or `1 2 3`, reject ids outside the vocabulary with their
//! position, and show bytes that are not whole UTF-8 characters as hex instead of `�`.

use std::ops::Range;

use super::Loaded;
use crate::i18n::trf;

/// A problem in the id list, with the byte range of the offending entry in the input.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Not a number.
    #[error("{}", trf("ai.err.not_id", &[("text", &format!("{:?}", .text)), ("at", &format!("{:?}", .at))]))]
    NotANumber {
        /// The offending text.
        text: String,
        /// Where it is.
        at: Range<usize>,
    },
    /// Outside the vocabulary.
    #[error("{}", trf("ai.err.id_range", &[("id", .id), ("at", &format!("{:?}", .at)), ("max", .max)]))]
    OutOfRange {
        /// The id.
        id: u64,
        /// Where it is.
        at: Range<usize>,
        /// The largest valid id.
        max: u32,
    },
}

impl IdError {
    /// Where the problem is.
    pub fn range(&self) -> Range<usize> {
        match self {
            Self::NotANumber { at, .. } | Self::OutOfRange { at, .. } => at.clone(),
        }
    }
}

/// Parse ids separated by spaces, commas or line breaks, optionally inside `[` `]`. Returns each id with its
/// range in the input.
pub fn parse_ids(input: &str) -> Result<Vec<(u64, Range<usize>)>, IdError> {
    let mut out = Vec::new();
    let mut start = None;
    let is_sep = |c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | ';');
    for (i, c) in input
        .char_indices()
        .chain(std::iter::once((input.len(), ' ')))
    {
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

/// Decode ids: token bytes are joined and cut into valid text and stray bytes. Ids are checked first.
pub fn decode_ids(loaded: &Loaded, input: &str) -> Result<Vec<Decoded>, IdError> {
    let ids = parse_ids(input)?;
    let size = loaded.vocab_size();
    let max = size.saturating_sub(1) as u32;
    let mut out = Vec::new();
    let mut pending: Vec<u8> = Vec::new();
    let mut run: Vec<u32> = Vec::new();
    let by_bytes = loaded.decodes_by_bytes();
    for (id, at) in ids {
        let token = u32::try_from(id)
            .ok()
            .filter(|&i| (i as usize) < size)
            .and_then(|i| Some((i, loaded.token_str(i)?)));
        let Some((id32, token)) = token else {
            return Err(IdError::OutOfRange { id, at, max });
        };
        if loaded.is_special(id32) {
            flush(&mut pending, &mut out);
            flush_run(loaded, &mut run, &mut out);
            out.push(Decoded::Special(token));
        } else if by_bytes {
            pending.extend(super::token_bytes(&token, loaded.byte_level()));
        } else {
            run.push(id32);
        }
    }
    flush(&mut pending, &mut out);
    flush_run(loaded, &mut run, &mut out);
    Ok(out)
}

/// Text of a run of ordinary ids through the tokenizer's decoder (whole tokens: no byte can be split).
fn flush_run(loaded: &Loaded, run: &mut Vec<u32>, out: &mut Vec<Decoded>) {
    if run.is_empty() {
        return;
    }
    let text = loaded.read(|t| t.decode(run, false)).unwrap_or_else(|_| {
        // The ids were checked, so the decoder has no reason to fail; join the pieces if it does.
        run.iter()
            .filter_map(|&id| loaded.token_bytes(id))
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .collect()
    });
    if !text.is_empty() {
        out.push(Decoded::Text(text));
    }
    run.clear();
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
