//! An inspection's spans moved from its normalized hex onto the input as the user typed it (any case, wrapped over
//! lines, with or without `0x`), so the box they type in is the box that is coloured.

use std::ops::Range;

use super::Inspection;
use crate::text::SpannedText;

/// Where each hex digit of the normalized text sits in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputMap {
    /// The input's `0x`, if it has one.
    prefix: Option<Range<usize>>,
    /// Byte offset in the input of each hex digit, in order.
    digits: Vec<usize>,
    input_len: usize,
}

impl InputMap {
    /// The map from `normalized` (`0x` and hex digits) to `input`, if the input's hex digits (after leading
    /// whitespace and an optional `0x`, skipping whitespace) are the normalized ones, case aside.
    pub fn new(input: &str, normalized: &str) -> Option<Self> {
        let want = normalized.strip_prefix("0x")?;
        let lead = input.len() - input.trim_start().len();
        let rest = &input[lead..];
        let prefix = (rest.starts_with("0x") || rest.starts_with("0X")).then(|| lead..lead + 2);
        let start = prefix.as_ref().map_or(lead, |p| p.end);
        let mut digits = Vec::with_capacity(want.len());
        let mut want_bytes = want.bytes();
        for (i, b) in input[start..].bytes().enumerate() {
            if b.is_ascii_whitespace() {
                continue;
            }
            if !want_bytes
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case(&b))
            {
                return None;
            }
            digits.push(start + i);
        }
        (want_bytes.next().is_none()).then_some(Self {
            prefix,
            digits,
            input_len: input.len(),
        })
    }

    /// Byte range `r` of the normalized text as a range of the input. The `0x` maps to the input's own prefix (or to
    /// an empty range before the first digit when it has none).
    pub fn range(&self, r: &Range<usize>) -> Range<usize> {
        let first_digit = self.digits.first().copied().unwrap_or(self.input_len);
        let start = match r.start {
            0 | 1 => self
                .prefix
                .as_ref()
                .map_or(first_digit, |p| p.start + r.start),
            s => self.digits.get(s - 2).copied().unwrap_or(self.input_len),
        };
        let end = match r.end {
            0..=2 => self
                .prefix
                .as_ref()
                .map_or(first_digit, |p| p.start + r.end),
            e => self.digits.get(e - 3).map_or(self.input_len, |d| d + 1),
        };
        start..end.max(start)
    }
}

impl Inspection {
    /// The input as typed with this inspection's spans (their labels and details with them) on it, and the map for
    /// field ranges; `None` when the input is not this inspection's hex (it changed since).
    pub fn on_input(&self, input: &str) -> Option<(SpannedText, InputMap)> {
        let map = InputMap::new(input, self.text.text())?;
        let spans = self
            .text
            .spans()
            .iter()
            .filter_map(|s| {
                let r = map.range(&s.byte_range);
                let mut s = s.clone();
                s.byte_range = r;
                (!s.byte_range.is_empty()).then_some(s)
            })
            .collect();
        SpannedText::new(input.to_owned(), spans)
            .ok()
            .map(|t| (t, map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_map_through_case_wrapping_and_prefix() {
        let input = "  0XAB cd\nEf";
        let map = InputMap::new(input, "0xabcdef").unwrap();
        assert_eq!(map.range(&(0..2)), 2..4, "the 0x is the input's 0X");
        assert_eq!(&input[map.range(&(2..4))], "AB");
        assert_eq!(&input[map.range(&(4..6))], "cd");
        assert_eq!(&input[map.range(&(6..8))], "Ef");
        assert_eq!(
            &input[map.range(&(2..8))],
            "AB cd\nEf",
            "a field over a line break"
        );
    }

    #[test]
    fn no_prefix_and_mismatches() {
        let map = InputMap::new("abcd", "0xabcd").unwrap();
        assert_eq!(
            map.range(&(0..2)),
            0..0,
            "no 0x in the input: empty before the first digit"
        );
        assert_eq!(map.range(&(2..6)), 0..4);
        assert!(InputMap::new("abce", "0xabcd").is_none(), "another digit");
        assert!(InputMap::new("abc", "0xabcd").is_none(), "too few");
        assert!(InputMap::new("abcdef", "0xabcd").is_none(), "too many");
    }

    #[test]
    fn a_real_transaction_is_coloured_where_it_was_typed() {
        let raw = crate::ledger::eth::inspect(
            "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83",
            None,
        )
        .unwrap();
        let typed = format!("  {}\n", raw.text.text()[2..].to_uppercase());
        let (text, _) = raw.on_input(&typed).unwrap();
        assert_eq!(text.text(), typed);
        let originals: Vec<_> = raw
            .text
            .spans()
            .iter()
            .filter(|s| s.byte_range.end > 2)
            .collect();
        assert_eq!(
            text.spans().len(),
            originals.len(),
            "only spans inside the missing 0x drop"
        );
        for (a, b) in text.spans().iter().zip(originals) {
            if b.byte_range.start < 2 {
                continue;
            }
            assert_eq!(
                text.text()[a.byte_range.clone()].to_lowercase(),
                raw.text.text()[b.byte_range.clone()],
                "{:?}",
                b.byte_range
            );
        }
    }
}
