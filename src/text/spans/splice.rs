//! Rebuilding a spanned text after an edit: what did not change is copied, only the edited region is flattened.

use std::cmp::Reverse;
use std::ops::Range;

use super::flatten::{coalesce_tail, flat_runs};
use super::{Buffers, Run, Span, SpannedText, TextError};

impl SpannedText {
    /// The text after an edit, built from this one: the bytes `old` of this text became the bytes `new` of
    /// `text` (everything before and after is unchanged), `region` holds the spans inside `new`, and the spans after
    /// the edit move with it, their tags passed through `retag`. Only the region is validated and flattened; the
    /// rest is copied. Falls back to a full [`SpannedText::new_in`] when spans cross the region's edges or nest.
    ///
    /// `spare` gives its allocations to the result (an older text that is no longer shown).
    pub fn splice(
        &self,
        text: String,
        old: Range<usize>,
        new: Range<usize>,
        region: Vec<Span>,
        retag: impl Fn(u64) -> u64,
        spare: Option<Self>,
    ) -> Result<Self, TextError> {
        if text.len() >= u32::MAX as usize {
            return Err(TextError::TooLong { len: text.len() });
        }
        let (_, mut spans, reuse) = spare.map(Self::into_buffers).unwrap_or_default();
        let a = self
            .spans
            .partition_point(|s| s.byte_range.start < old.start);
        let b = self.spans.partition_point(|s| s.byte_range.start < old.end);
        let fits = old.start == new.start
            && old.start <= old.end
            && new.start <= new.end
            && old.end <= self.text.len()
            && new.end <= text.len()
            && self.text.len() - old.end == text.len() - new.end
            && self.spans[..a]
                .iter()
                .all(|s| s.byte_range.end <= old.start)
            && self.spans[a..b].iter().all(|s| s.byte_range.end <= old.end)
            && region
                .iter()
                .all(|s| s.byte_range.start >= new.start && s.byte_range.end <= new.end)
            && region.is_sorted_by_key(|s| (s.byte_range.start, Reverse(s.byte_range.end)));
        let shift = |x: usize| x + new.end - old.end;
        let build_all = |mut spans: Vec<Span>, reuse: Buffers| {
            spans.clear();
            spans.extend_from_slice(&self.spans[..a]);
            spans.extend(region.iter().cloned());
            spans.extend(self.spans[b..].iter().map(|s| {
                let mut s = s.clone();
                s.byte_range = shift(s.byte_range.start)..shift(s.byte_range.end);
                s.tag = s.tag.map(&retag);
                s
            }));
            Self::new_in(text.clone(), spans, reuse)
        };
        if !fits {
            return build_all(spans, reuse);
        }
        for (index, span) in region.iter().enumerate() {
            for byte in [span.byte_range.start, span.byte_range.end] {
                if !text.is_char_boundary(byte) {
                    return Err(TextError::NotCharBoundary { index, byte });
                }
            }
        }
        let Buffers {
            mut runs,
            line_starts,
        } = reuse;
        runs.clear();
        runs.reserve_exact(self.runs.len() + region.len());
        // Runs before the region (a gap run reaching into it is cut at its start).
        for r in &self.runs {
            if r.start() >= old.start {
                break;
            }
            let end = r.end().min(old.start);
            runs.push(Run::new(r.start()..end, r.span()));
        }
        let crosses = |at: usize| {
            self.runs
                .get(self.run_index_at(at))
                .is_some_and(|r| r.span().is_some() && r.start() < at)
        };
        let (crossing_in, crossing_out) = (crosses(old.start), crosses(old.end));
        let seam = runs.len();
        if crossing_in || crossing_out || flat_runs(&mut runs, &region, a, new.clone()).is_none() {
            let mut runs = runs;
            runs.clear();
            return build_all(spans, Buffers { runs, line_starts });
        }
        // Runs before and after the region are coalesced already; only the region and its first seam need it.
        coalesce_tail(&mut runs, seam);
        let moved = a + region.len();
        for r in &self.runs {
            if r.end() <= old.end {
                continue;
            }
            let start = r.start().max(old.end);
            let run = Run::new(
                shift(start)..shift(r.end()),
                r.span().map(|i| i - b + moved),
            );
            match runs.last_mut() {
                Some(last)
                    if last.span().is_none()
                        && run.span().is_none()
                        && last.end() == run.start() =>
                {
                    last.set_end(run.end());
                }
                _ => runs.push(run),
            }
        }
        spans.clear();
        spans.reserve_exact(self.spans.len() - (b - a) + region.len());
        spans.extend_from_slice(&self.spans[..a]);
        spans.extend(region);
        spans.extend(self.spans[b..].iter().map(|s| {
            let mut s = s.clone();
            s.byte_range = shift(s.byte_range.start)..shift(s.byte_range.end);
            s.tag = s.tag.map(&retag);
            s
        }));
        if runs.is_empty() {
            runs.push(Run::new(0..text.len(), None));
        }
        let lines = self.lines.spliced(&text, &old, &new, line_starts);
        Ok(Self {
            text,
            spans,
            lines,
            runs,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::text::{Span, SpanKind, SpannedText};

    /// Token-like spans over `len` ASCII bytes: touching or with gaps, some coinciding groups.
    fn token_spans(seed: u64, from: usize, len: usize, tag0: u64) -> Vec<Span> {
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n) as usize
        };
        let mut spans = Vec::new();
        let mut pos = from;
        let mut tag = tag0;
        while pos < from + len {
            let start = pos + usize::from(next(4) == 0);
            let end = (start + 1 + next(5)).min(from + len);
            if start >= end {
                break;
            }
            for _ in 0..=(2 * usize::from(next(5) == 0)) {
                spans.push(Span::new(start..end, SpanKind::AiToken).with_tag(tag));
                tag += 1;
            }
            pos = end;
        }
        spans
    }

    #[test]
    fn splice_equals_a_fresh_build() {
        for seed in 1..300_u64 {
            let text = "abcdefghij".repeat(30);
            let spans = token_spans(seed, 0, text.len(), 0);
            let t = SpannedText::new(text.clone(), spans.clone()).unwrap();
            // Replace the bytes of tokens i..j (cut between groups) with new text and new tokens.
            let group_start = |mut k: usize| {
                while k > 0 && k < spans.len() && spans[k - 1].byte_range == spans[k].byte_range {
                    k -= 1;
                }
                k
            };
            let i = group_start((seed as usize * 7) % spans.len());
            let j = group_start((i + 1 + (seed as usize % 9)).min(spans.len()));
            let j = j.max(i);
            let old_start = spans[i].byte_range.start;
            let old_end = spans.get(j).map_or(text.len(), |n| n.byte_range.start);
            let insert_len = (seed as usize * 13) % 23;
            let new_text = format!(
                "{}{}{}",
                &text[..old_start],
                "z".repeat(insert_len),
                &text[old_end..]
            );
            let new = old_start..old_start + insert_len;
            let region = token_spans(seed + 1000, new.start, insert_len, 5000);
            let delta = |x: usize| x + new.end - old_end;
            let mut expected: Vec<Span> = spans[..i].to_vec();
            expected.extend(region.iter().cloned());
            expected.extend(spans[j..].iter().map(|s| {
                let mut s = s.clone();
                s.byte_range = delta(s.byte_range.start)..delta(s.byte_range.end);
                s.tag = s.tag.map(|t| t + 100);
                s
            }));
            let fresh = SpannedText::new(new_text.clone(), expected).unwrap();
            let spliced = t
                .splice(new_text, old_start..old_end, new, region, |t| t + 100, None)
                .unwrap();
            assert_eq!(spliced.spans(), fresh.spans(), "seed {seed}: spans");
            assert_eq!(spliced.runs(), fresh.runs(), "seed {seed}: runs");
            assert_eq!(spliced.lines(), fresh.lines(), "seed {seed}: lines");
        }
    }
}
