//! Hex text as users paste it (with or without `0x`, wrapped over lines, any case) into bytes, keeping the way back
//! from a byte to its place in the input.

use crate::i18n::{Worded, Words};

/// Why hex text could not be read. Offsets are bytes into the input as given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HexError {
    /// Nothing but whitespace (or nothing at all).
    Empty,
    /// A `0x` prefix with no digits after it.
    PrefixOnly,
    /// A character that is not a hex digit or whitespace.
    NonHex {
        /// Byte offset of the character.
        at: usize,
        /// The character.
        ch: char,
    },
    /// An odd number of hex digits: the last byte is half there.
    OddLength {
        /// How many digits were found.
        digits: usize,
        /// Byte offset of the last digit.
        at: usize,
    },
}

impl Worded for HexError {
    fn words(&self) -> Words {
        match self {
            Self::Empty => words!("inspect.err.empty"),
            Self::PrefixOnly => words!("inspect.err.prefix_only"),
            Self::NonHex { at, ch } => words!("inspect.err.non_hex")
                .with("ch", format!("{ch:?}"))
                .with("at", at),
            Self::OddLength { digits, at } => words!("inspect.err.odd")
                .with("digits", digits)
                .with("at", at),
        }
    }
}

/// English words, for logs and the CLI; the UI words the error in its language with [`Worded`].
impl std::fmt::Display for HexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.words().fmt(f)
    }
}

impl std::error::Error for HexError {}

impl HexError {
    /// Byte offset into the input of the problem.
    pub fn offset(&self) -> usize {
        match self {
            Self::Empty | Self::PrefixOnly => 0,
            Self::NonHex { at, .. } | Self::OddLength { at, .. } => *at,
        }
    }
}

/// Bytes read from hex text, with a map back to the input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct HexBytes {
    /// The decoded bytes.
    pub bytes: Vec<u8>,
    /// Runs of digits without whitespace: (index of the run's first digit, its byte offset in the input).
    runs: Vec<(usize, usize)>,
}

impl HexBytes {
    /// Byte offset in the input of the first hex digit of decoded byte `index` (or just past the last digit).
    pub fn input_offset(&self, index: usize) -> usize {
        let digit = index.saturating_mul(2);
        let run = self.runs.partition_point(|&(first, _)| first <= digit);
        match run.checked_sub(1).and_then(|r| self.runs.get(r)) {
            Some(&(first, at)) => at + (digit - first),
            None => 0,
        }
    }
}

/// The value of one ASCII hex digit.
pub(crate) fn nibble(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Offset of the first non-whitespace byte, and of the digits after an optional `0x`/`0X`.
pub(crate) fn skip_prefix(text: &str) -> (usize, usize) {
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    let digits = if rest.starts_with("0x") || rest.starts_with("0X") {
        lead + 2
    } else {
        lead
    };
    (lead, digits)
}

/// The character at byte `at` of `text` (which is on a char boundary).
pub(crate) fn char_at(text: &str, at: usize) -> char {
    text.get(at..)
        .and_then(|t| t.chars().next())
        .unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// Read hex text: optional surrounding whitespace, an optional `0x`, then digits that whitespace may split.
pub(crate) fn decode_hex(text: &str) -> Result<HexBytes, HexError> {
    let (lead, start) = skip_prefix(text);
    if lead == text.len() {
        return Err(HexError::Empty);
    }
    let mut out = HexBytes {
        bytes: Vec::with_capacity((text.len() - start) / 2),
        runs: Vec::new(),
    };
    let mut digits = 0usize;
    let mut high: Option<u8> = None;
    let mut last_digit = start;
    let mut in_run = false;
    for (i, &b) in text.as_bytes().iter().enumerate().skip(start) {
        if let Some(n) = nibble(b) {
            if !in_run {
                out.runs.push((digits, i));
                in_run = true;
            }
            digits += 1;
            last_digit = i;
            match high.take() {
                Some(h) => out.bytes.push(h << 4 | n),
                None => high = Some(n),
            }
        } else if b.is_ascii_whitespace() {
            in_run = false;
        } else {
            return Err(HexError::NonHex {
                at: i,
                ch: char_at(text, i),
            });
        }
    }
    if digits == 0 {
        return Err(HexError::PrefixOnly);
    }
    if high.is_some() {
        return Err(HexError::OddLength {
            digits,
            at: last_digit,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_back_through_whitespace() {
        let h = decode_hex("  0xab cd\nef").unwrap();
        assert_eq!(h.bytes, [0xab, 0xcd, 0xef]);
        assert_eq!(h.input_offset(0), 4);
        assert_eq!(h.input_offset(1), 7);
        assert_eq!(h.input_offset(2), 10);
        assert_eq!(h.input_offset(3), 12);
    }

    #[test]
    fn errors_name_the_place() {
        assert_eq!(decode_hex(" \n"), Err(HexError::Empty));
        assert_eq!(decode_hex("0x"), Err(HexError::PrefixOnly));
        assert_eq!(
            decode_hex("0xabz"),
            Err(HexError::NonHex { at: 4, ch: 'z' })
        );
        assert_eq!(
            decode_hex("abc"),
            Err(HexError::OddLength { digits: 3, at: 2 })
        );
        assert_eq!(
            decode_hex("ab词"),
            Err(HexError::NonHex { at: 2, ch: '词' })
        );
    }
}
