//! Comparing tokenizers on one text: counts, characters and bytes per token, and where their boundaries differ.

use std::collections::BTreeSet;
use std::ops::Range;

use super::Token;

/// Summary numbers for one tokenizer on one text.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Counts {
    /// Tokens (BOS/EOS excluded).
    pub tokens: usize,
    /// Unicode scalar values.
    pub chars: usize,
    /// UTF-8 bytes.
    pub bytes: usize,
}

impl Counts {
    /// Count a text's tokens.
    pub fn of(text: &str, tokens: usize) -> Self {
        Self {
            tokens,
            chars: text.chars().count(),
            bytes: text.len(),
        }
    }

    /// Characters per token (0 for no tokens).
    pub fn chars_per_token(&self) -> f64 {
        ratio(self.chars, self.tokens)
    }

    /// Bytes per token (0 for no tokens).
    pub fn bytes_per_token(&self) -> f64 {
        ratio(self.bytes, self.tokens)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The byte positions where a token ends (shared fragments count once).
pub fn boundaries(tokens: &[Token]) -> BTreeSet<u32> {
    tokens
        .iter()
        .filter(|t| t.end > t.start)
        .map(|t| t.end)
        .collect()
}

/// For each tokenizer, the ranges of its tokens that do not also appear, with the same start and end, in every
/// other tokenizer: where the splits differ.
pub fn differing(all: &[Vec<Token>]) -> Vec<Vec<Range<usize>>> {
    let sets: Vec<BTreeSet<(u32, u32)>> = all
        .iter()
        .map(|ts| ts.iter().map(|t| (t.start, t.end)).collect())
        .collect();
    sets.iter()
        .enumerate()
        .map(|(i, set)| {
            set.iter()
                .filter(|r| r.1 > r.0)
                .filter(|r| {
                    sets.iter()
                        .enumerate()
                        .any(|(j, s)| j != i && !s.contains(r))
                })
                .map(|&(a, b)| a as usize..b as usize)
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(start: u32, end: u32) -> Token {
        Token {
            id: 0,
            start,
            end,
            special: false,
        }
    }

    #[test]
    fn differing_marks_only_unshared_tokens() {
        let a = vec![t(0, 2), t(2, 5), t(5, 6)];
        let b = vec![t(0, 2), t(2, 4), t(4, 6)];
        let d = differing(&[a, b]);
        assert_eq!(d[0], vec![2..5, 5..6]);
        assert_eq!(d[1], vec![2..4, 4..6]);
    }

    #[test]
    fn counts_and_ratios() {
        let c = Counts::of("词元 ok", 3);
        assert_eq!((c.chars, c.bytes), (5, 9));
        assert!((c.chars_per_token() - 5.0 / 3.0).abs() < 1e-9);
        assert_eq!(Counts::of("", 0).chars_per_token(), 0.0);
    }
}
