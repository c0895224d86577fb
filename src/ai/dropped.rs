//! Text that lies in no token: a tokenizer without an unknown token leaves out what its vocabulary cannot spell,
//! and clean-up normalizers (BERT's) drop control characters. Whitespace is not counted: pre-tokenizers that split
//! on it drop it by design.

use std::ops::Range;

/// What no token covers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dropped {
    /// Characters other than whitespace in no token.
    pub chars: usize,
    /// The first of them, as a byte range.
    pub first: Option<Range<usize>>,
}

/// The characters of `text` (other than whitespace) outside every range; `ranges` are in order of their start.
pub fn dropped(text: &str, ranges: impl Iterator<Item = Range<usize>>) -> Dropped {
    let mut out = Dropped::default();
    let mut covered = 0;
    let gap = |from: usize, to: usize, out: &mut Dropped| {
        let Some(gap) = text.get(from..to) else {
            return;
        };
        for (i, c) in gap.char_indices().filter(|(_, c)| !c.is_whitespace()) {
            out.chars += 1;
            out.first
                .get_or_insert_with(|| from + i..from + i + c.len_utf8());
        }
    };
    for r in ranges {
        if r.start > covered {
            gap(covered, r.start, &mut out);
        }
        covered = covered.max(r.end);
    }
    gap(covered, text.len(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_what_no_range_covers_except_whitespace() {
        assert_eq!(dropped("abc", std::iter::once(0..3)), Dropped::default());
        let d = dropped("a b\u{0}c", [0..1, 4..5].into_iter());
        assert_eq!(
            (d.chars, d.first),
            (2, Some(2..3)),
            "b and NUL, not the space"
        );
        let d = dropped("a词", std::iter::once(0..1));
        assert_eq!((d.chars, d.first), (1, Some(1..4)));
        assert_eq!(dropped("", std::iter::empty()), Dropped::default());
    }
}
