//! Spans over a source string, validated and sorted, with the flattened run list that painting uses.

use std::cmp::Reverse;
use std::collections::BTreeSet;
use std::ops::Range;

use super::LineIndex;

/// What a span means. The palette maps each kind to a colour; the model never names colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanKind {
    /// Text that was stripped before decoding (a `Bearer ` prefix, quotes, whitespace).
    Stripped,
    /// The place of an error in the input.
    Error,
    /// A JWS/JWE protected header segment.
    JwtHeader,
    /// A JWS payload segment.
    JwtPayload,
    /// A JWS signature segment.
    JwtSignature,
    /// The dot between two segments.
    JwtDot,
    /// A JWE encrypted-key segment.
    JweEncryptedKey,
    /// A JWE initialization-vector segment.
    JweIv,
    /// A JWE ciphertext segment.
    JweCiphertext,
    /// A JWE authentication-tag segment.
    JweTag,
    /// A member name in pretty-printed JSON.
    ClaimKey,
    /// A member value in pretty-printed JSON.
    ClaimValue,
    /// An AI token.
    AiToken,
    /// An AI special token (BOS, EOS, control tokens).
    AiSpecial,
    /// Several AI tokens that share one character (byte-level fragments).
    AiByteGroup,
    /// A function selector in calldata.
    LedgerSelector,
    /// An address or address word.
    LedgerAddress,
    /// An amount.
    LedgerAmount,
    /// A nonce.
    LedgerNonce,
    /// A signature.
    LedgerSignature,
    /// Any other ledger field.
    LedgerField,
}

/// One span: a byte range of the source with a meaning, a short label and a longer detail for the hover card.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Span {
    /// Byte range into the source text, on char boundaries.
    pub byte_range: Range<usize>,
    /// What the span is.
    pub kind: SpanKind,
    /// Short label (a segment name, a claim name, a token id).
    pub label: Box<str>,
    /// Longer text for the hover card.
    pub detail: Box<str>,
    /// Optional tag, for example an AI token id or a claim index; palettes may colour by it.
    pub tag: Option<u64>,
}

impl Span {
    /// A span with no label, detail or tag.
    pub fn new(byte_range: Range<usize>, kind: SpanKind) -> Self {
        Self {
            byte_range,
            kind,
            label: Box::default(),
            detail: Box::default(),
            tag: None,
        }
    }

    /// Set the label.
    pub fn with_label(mut self, label: impl Into<Box<str>>) -> Self {
        self.label = label.into();
        self
    }

    /// Set the detail.
    pub fn with_detail(mut self, detail: impl Into<Box<str>>) -> Self {
        self.detail = detail.into();
        self
    }

    /// Set the tag.
    pub fn with_tag(mut self, tag: u64) -> Self {
        self.tag = Some(tag);
        self
    }
}

/// Why a span was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// The range ends before it starts.
    #[error("span {index}: range {start}..{end} ends before it starts")]
    Reversed {
        /// Index of the span as given.
        index: usize,
        /// Start byte.
        start: usize,
        /// End byte.
        end: usize,
    },
    /// The range goes past the end of the text.
    #[error("span {index}: range ends at byte {end}, past the text's {len} bytes")]
    OutOfBounds {
        /// Index of the span as given.
        index: usize,
        /// End byte.
        end: usize,
        /// Text length.
        len: usize,
    },
    /// A range end falls inside a multi-byte character.
    #[error("span {index}: byte {byte} is inside a character")]
    NotCharBoundary {
        /// Index of the span as given.
        index: usize,
        /// The offending byte.
        byte: usize,
    },
}

/// A piece of the flattened, non-overlapping run list. Runs cover the text from start to end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// Byte range of the run.
    pub byte_range: Range<usize>,
    /// The innermost span covering the run, as an index into [`SpannedText::spans`].
    pub span: Option<usize>,
}

/// Allocations a [`SpannedText`] can reuse.
#[derive(Debug, Default)]
pub struct Buffers {
    runs: Vec<Run>,
    line_starts: Vec<usize>,
}

/// A source string plus its spans, line index and run list. Built once per input change.
#[derive(Clone, Debug, Default)]
pub struct SpannedText {
    text: String,
    spans: Vec<Span>,
    lines: LineIndex,
    runs: Vec<Run>,
}

impl SpannedText {
    /// Validate and sort `spans` over `text`, then index lines and flatten runs.
    ///
    /// Spans are sorted by start, outer before inner; spans with equal ranges keep their given order.
    ///
    /// ```
    /// use tokenlens::text::{Span, SpanKind, SpannedText};
    /// let t = SpannedText::new("ab.cd".into(), vec![
    ///     Span::new(3..5, SpanKind::JwtPayload),
    ///     Span::new(0..2, SpanKind::JwtHeader),
    /// ]).unwrap();
    /// assert_eq!(t.spans()[0].kind, SpanKind::JwtHeader);
    /// assert_eq!(t.runs().len(), 3);
    /// ```
    pub fn new(text: String, spans: Vec<Span>) -> Result<Self, TextError> {
        Self::new_in(text, spans, Buffers::default())
    }

    /// [`SpannedText::new`], reusing the run and line allocations of an earlier text (see
    /// [`SpannedText::into_buffers`]): a megabyte of tokens is rebuilt on every edit, and fresh memory costs a
    /// page fault per 4 KiB.
    pub fn new_in(text: String, mut spans: Vec<Span>, reuse: Buffers) -> Result<Self, TextError> {
        for (index, span) in spans.iter().enumerate() {
            let Range { start, end } = span.byte_range;
            if start > end {
                return Err(TextError::Reversed { index, start, end });
            }
            if end > text.len() {
                return Err(TextError::OutOfBounds {
                    index,
                    end,
                    len: text.len(),
                });
            }
            for byte in [start, end] {
                if !text.is_char_boundary(byte) {
                    return Err(TextError::NotCharBoundary { index, byte });
                }
            }
        }
        // Token lists arrive sorted: checking is a read-only pass, sorting would move every span.
        if !spans.is_sorted_by_key(|s| (s.byte_range.start, Reverse(s.byte_range.end))) {
            spans.sort_by_key(|s| (s.byte_range.start, Reverse(s.byte_range.end)));
        }
        let lines = LineIndex::new_in(&text, reuse.line_starts);
        let runs = flatten(text.len(), &spans, reuse.runs);
        Ok(Self {
            text,
            spans,
            lines,
            runs,
        })
    }

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
        runs.reserve(self.runs.len() + region.len());
        // Runs before the region (a gap run reaching into it is cut at its start).
        for r in &self.runs {
            if r.byte_range.start >= old.start {
                break;
            }
            let end = r.byte_range.end.min(old.start);
            runs.push(Run {
                byte_range: r.byte_range.start..end,
                span: r.span,
            });
        }
        let crosses = |at: usize| {
            self.runs
                .get(self.run_index_at(at))
                .is_some_and(|r| r.span.is_some() && r.byte_range.start < at)
        };
        let (crossing_in, crossing_out) = (crosses(old.start), crosses(old.end));
        if crossing_in || crossing_out || flat_runs(&mut runs, &region, a, new.clone()).is_none() {
            let mut runs = runs;
            runs.clear();
            return build_all(spans, Buffers { runs, line_starts });
        }
        let moved = a + region.len();
        for r in &self.runs {
            if r.byte_range.end <= old.end {
                continue;
            }
            let start = r.byte_range.start.max(old.end);
            let run = Run {
                byte_range: shift(start)..shift(r.byte_range.end),
                span: r.span.map(|i| i - b + moved),
            };
            match runs.last_mut() {
                Some(last)
                    if last.span.is_none()
                        && run.span.is_none()
                        && last.byte_range.end == run.byte_range.start =>
                {
                    last.byte_range.end = run.byte_range.end;
                }
                _ => runs.push(run),
            }
        }
        spans.clear();
        spans.reserve(self.spans.len() - (b - a) + region.len());
        spans.extend_from_slice(&self.spans[..a]);
        spans.extend(region);
        spans.extend(self.spans[b..].iter().map(|s| {
            let mut s = s.clone();
            s.byte_range = shift(s.byte_range.start)..shift(s.byte_range.end);
            s.tag = s.tag.map(&retag);
            s
        }));
        coalesce_gaps(&mut runs);
        if runs.is_empty() {
            runs.push(Run {
                byte_range: 0..text.len(),
                span: None,
            });
        }
        let lines = LineIndex::new_in(&text, line_starts);
        Ok(Self {
            text,
            spans,
            lines,
            runs,
        })
    }

    /// Take the text apart, keeping its allocations for [`SpannedText::new_in`].
    pub fn into_buffers(self) -> (String, Vec<Span>, Buffers) {
        (
            self.text,
            self.spans,
            Buffers {
                runs: self.runs,
                line_starts: self.lines.into_starts(),
            },
        )
    }

    /// A text with no spans.
    pub fn plain(text: String) -> Self {
        let lines = LineIndex::new(&text);
        let runs = flatten(text.len(), &[], Vec::new());
        Self {
            text,
            spans: Vec::new(),
            lines,
            runs,
        }
    }

    /// The source text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The spans, sorted by start (outer first).
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// The line index.
    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }

    /// The flattened runs: non-overlapping, sorted, covering the whole text.
    pub fn runs(&self) -> &[Run] {
        &self.runs
    }

    /// Index of the first run that ends after `byte` (the run holding `byte`, if any).
    pub fn run_index_at(&self, byte: usize) -> usize {
        self.runs.partition_point(|r| r.byte_range.end <= byte)
    }

    /// The innermost span at `byte`.
    pub fn span_at(&self, byte: usize) -> Option<usize> {
        self.runs.get(self.run_index_at(byte))?.span
    }

    /// Indices of the spans whose range equals span `index`'s range (itself included): the members of a group.
    pub fn coinciding(&self, index: usize) -> Range<usize> {
        let Some(range) = self.spans.get(index).map(|s| &s.byte_range) else {
            return index..index;
        };
        let mut first = index;
        while first > 0 && self.spans[first - 1].byte_range == *range {
            first -= 1;
        }
        let mut last = index + 1;
        while last < self.spans.len() && self.spans[last].byte_range == *range {
            last += 1;
        }
        first..last
    }

    /// All spans that contain `byte`, outermost first.
    pub fn spans_containing(&self, byte: usize) -> Vec<usize> {
        let upto = self.spans.partition_point(|s| s.byte_range.start <= byte);
        (0..upto)
            .filter(|&i| self.spans[i].byte_range.contains(&byte))
            .collect()
    }
}

/// Merge neighbouring gap runs (left where a splice joins pieces) and drop empty runs.
fn coalesce_gaps(runs: &mut Vec<Run>) {
    let mut out = 0;
    for i in 0..runs.len() {
        if runs[i].byte_range.is_empty() {
            continue;
        }
        if out > 0
            && runs[out - 1].span.is_none()
            && runs[i].span.is_none()
            && runs[out - 1].byte_range.end == runs[i].byte_range.start
        {
            runs[out - 1].byte_range.end = runs[i].byte_range.end;
            continue;
        }
        runs.swap(out, i);
        out += 1;
    }
    runs.truncate(out);
}

/// Flatten possibly nested, coinciding or overlapping spans into runs that each name their innermost span.
fn flatten(text_len: usize, spans: &[Span], buf: Vec<Run>) -> Vec<Run> {
    flatten_flat(text_len, spans, buf).unwrap_or_else(|| flatten_nested(text_len, spans))
}

/// The linear fast path for sorted spans that never overlap except by coinciding exactly (AI tokens, whose
/// byte-level fragments share a range): one run per distinct range, naming its first span. `None` when the spans
/// nest or overlap.
fn flatten_flat(text_len: usize, spans: &[Span], mut runs: Vec<Run>) -> Option<Vec<Run>> {
    runs.clear();
    runs.reserve(spans.len() + 1);
    flat_runs(&mut runs, spans, 0, 0..text_len)?;
    if runs.is_empty() {
        runs.push(Run {
            byte_range: 0..text_len,
            span: None,
        });
    }
    Some(runs)
}

/// Append the runs of `spans` (indices start at `offset`) covering `cover`, for flat spans; `None` if they nest
/// or overlap beyond what [`flatten_flat`] handles. Never touches runs already in `runs`.
fn flat_runs(
    runs: &mut Vec<Run>,
    spans: &[Span],
    offset: usize,
    cover: Range<usize>,
) -> Option<()> {
    let base = runs.len();
    let mut pos = cover.start;
    let mut prev: Option<&Range<usize>> = None;
    for (k, s) in spans.iter().enumerate() {
        let i = k + offset;
        let r = &s.byte_range;
        if r.is_empty() {
            continue;
        }
        if prev == Some(r) {
            continue;
        }
        if r.start < pos {
            // Byte-level tokens overlap only within one split character: a token that ends with the first bytes
            // of a character is followed by fragments that span the whole character (`ĠðŁ` then `Į`), and a
            // token that starts with a character's last byte spans that character too. Such a span lies inside
            // the last run: it is innermost there, the run's span keeps the rest.
            if runs.len() == base {
                return None;
            }
            let last = runs.pop()?;
            let outer = last.byte_range;
            if *r == outer {
                // The run already has this range. It keeps its span if that span has the same range (spans that
                // coincide: the first wins); otherwise that span is larger and this one is innermost here.
                let owner = last
                    .span
                    .and_then(|o| o.checked_sub(offset))
                    .and_then(|o| spans.get(o));
                let span = if owner.is_some_and(|o| o.byte_range == *r) {
                    last.span
                } else {
                    Some(i)
                };
                runs.push(Run {
                    byte_range: outer,
                    span,
                });
                prev = Some(r);
                continue;
            }
            if r.start < outer.start || r.end > pos {
                runs.push(Run {
                    byte_range: outer,
                    span: last.span,
                });
                return None;
            }
            for (range, span) in [
                (outer.start..r.start, last.span),
                (r.clone(), Some(i)),
                (r.end..outer.end, last.span),
            ] {
                if !range.is_empty() {
                    runs.push(Run {
                        byte_range: range,
                        span,
                    });
                }
            }
            prev = Some(r);
            continue;
        }
        if r.start > pos {
            runs.push(Run {
                byte_range: pos..r.start,
                span: None,
            });
        }
        runs.push(Run {
            byte_range: r.clone(),
            span: Some(i),
        });
        pos = r.end;
        prev = Some(r);
    }
    if pos < cover.end {
        runs.push(Run {
            byte_range: pos..cover.end,
            span: None,
        });
    }
    Some(())
}

fn flatten_nested(text_len: usize, spans: &[Span]) -> Vec<Run> {
    let mut bounds: Vec<(usize, bool, usize)> = Vec::with_capacity(spans.len() * 2);
    for (i, s) in spans.iter().enumerate() {
        if s.byte_range.is_empty() {
            continue;
        }
        bounds.push((s.byte_range.start, true, i));
        bounds.push((s.byte_range.end, false, i));
    }
    bounds.sort_unstable_by_key(|&(pos, open, _)| (pos, open));

    // The innermost active span is the one that started last, then ends first, then was given first.
    let mut active: BTreeSet<(usize, Reverse<usize>, Reverse<usize>)> = BTreeSet::new();
    let mut runs: Vec<Run> = Vec::new();
    let mut pos = 0;
    let push = |runs: &mut Vec<Run>, range: Range<usize>, span: Option<usize>| {
        if range.is_empty() {
            return;
        }
        if let Some(last) = runs.last_mut()
            && last.span == span
            && last.byte_range.end == range.start
        {
            last.byte_range.end = range.end;
            return;
        }
        runs.push(Run {
            byte_range: range,
            span,
        });
    };
    let mut k = 0;
    while k < bounds.len() {
        let at = bounds[k].0;
        let current = active.last().map(|&(_, _, Reverse(i))| i);
        push(&mut runs, pos..at, current);
        pos = at;
        while k < bounds.len() && bounds[k].0 == at {
            let (_, open, i) = bounds[k];
            let key = (
                spans[i].byte_range.start,
                Reverse(spans[i].byte_range.end),
                Reverse(i),
            );
            if open {
                active.insert(key);
            } else {
                active.remove(&key);
            }
            k += 1;
        }
    }
    push(&mut runs, pos..text_len, None);
    if runs.is_empty() {
        runs.push(Run {
            byte_range: 0..0,
            span: None,
        });
    }
    runs
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn the_flat_fast_path_agrees_with_the_general_flattening() {
        // Token-like spans: touching, with gaps, coinciding groups and an empty (virtual) span.
        let mut x: u64 = 7;
        let mut spans = Vec::new();
        let mut pos = 0;
        while pos < 400 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = 1 + (x >> 60) as usize;
            let gap = usize::from((x >> 58).trailing_zeros() >= 2);
            let start = pos + gap;
            let copies = 1 + usize::from((x >> 56).trailing_zeros() >= 2) * 2;
            for _ in 0..copies {
                spans.push(Span::new(start..start + len, SpanKind::AiToken));
            }
            if (x >> 50).trailing_zeros() >= 3 {
                spans.push(Span::new(start..start, SpanKind::AiSpecial));
            }
            if len > 2 && (x >> 42).trailing_zeros() >= 3 {
                // A token that takes a character's last byte and more, over that character's fragments.
                spans.push(Span::new(start..start + len - 1, SpanKind::AiByteGroup));
                spans.push(Span::new(start..start + len - 1, SpanKind::AiByteGroup));
            } else if len > 2 && (x >> 46).trailing_zeros() >= 2 {
                // A token ending in part of a character, then that character's remaining fragments.
                spans.push(Span::new(start + 1..start + len, SpanKind::AiByteGroup));
                spans.push(Span::new(start + 1..start + len, SpanKind::AiByteGroup));
            }
            pos = start + len;
        }
        spans.sort_by_key(|s| (s.byte_range.start, Reverse(s.byte_range.end)));
        let flat =
            flatten_flat(pos + 3, &spans, Vec::new()).expect("flat spans take the fast path");
        assert_eq!(flat, flatten_nested(pos + 3, &spans));
        // A token over the tail of one character and the head of the next, among both characters' fragments.
        let straddling = [
            Span::new(0..2, SpanKind::AiToken),
            Span::new(0..1, SpanKind::AiByteGroup),
            Span::new(1..2, SpanKind::AiByteGroup),
        ];
        assert_eq!(
            flatten_flat(2, &straddling, Vec::new()),
            Some(flatten_nested(2, &straddling)),
            "the fragment is innermost on its own character"
        );
        let crossing = [
            Span::new(0..4, SpanKind::JwtHeader),
            Span::new(2..6, SpanKind::ClaimKey),
        ];
        assert!(
            flatten_flat(6, &crossing, Vec::new()).is_none(),
            "crossing spans fall back"
        );
        let nested = [
            Span::new(0..6, SpanKind::JwtHeader),
            Span::new(1..2, SpanKind::ClaimKey),
            Span::new(3..4, SpanKind::ClaimKey),
        ];
        assert_eq!(
            flatten_flat(6, &nested, Vec::new()),
            Some(flatten_nested(6, &nested)),
            "spans nested one level inside the last run agree too"
        );
    }

    use super::*;

    fn kinds(t: &SpannedText) -> Vec<(Range<usize>, Option<SpanKind>)> {
        t.runs()
            .iter()
            .map(|r| (r.byte_range.clone(), r.span.map(|i| t.spans()[i].kind)))
            .collect()
    }

    #[test]
    fn nested_spans_flatten_to_innermost() {
        let t = SpannedText::new(
            "0123456789".into(),
            vec![
                Span::new(2..4, SpanKind::ClaimKey),
                Span::new(0..10, SpanKind::JwtPayload),
                Span::new(5..8, SpanKind::ClaimValue),
            ],
        )
        .unwrap();
        assert_eq!(
            kinds(&t),
            vec![
                (0..2, Some(SpanKind::JwtPayload)),
                (2..4, Some(SpanKind::ClaimKey)),
                (4..5, Some(SpanKind::JwtPayload)),
                (5..8, Some(SpanKind::ClaimValue)),
                (8..10, Some(SpanKind::JwtPayload)),
            ]
        );
        assert_eq!(t.spans_containing(6).len(), 2, "payload and value");
    }

    #[test]
    fn coinciding_spans_form_a_group_and_paint_as_the_first() {
        // Byte-level BPE: three token fragments of one CJK char share its range.
        let t = SpannedText::new(
            "a词".into(),
            vec![
                Span::new(0..1, SpanKind::AiToken).with_tag(64),
                Span::new(1..4, SpanKind::AiToken).with_tag(1),
                Span::new(1..4, SpanKind::AiToken).with_tag(2),
                Span::new(1..4, SpanKind::AiToken).with_tag(3),
            ],
        )
        .unwrap();
        let run = &t.runs()[1];
        assert_eq!(run.byte_range, 1..4);
        assert_eq!(t.spans()[run.span.unwrap()].tag, Some(1));
        assert_eq!(t.coinciding(2), 1..4);
        assert_eq!(t.coinciding(0), 0..1);
    }

    #[test]
    fn gaps_become_unspanned_runs() {
        let t = SpannedText::new("abcdef".into(), vec![Span::new(2..3, SpanKind::JwtDot)]).unwrap();
        assert_eq!(
            kinds(&t),
            vec![(0..2, None), (2..3, Some(SpanKind::JwtDot)), (3..6, None)]
        );
        assert_eq!(t.span_at(2), Some(0));
        assert_eq!(t.span_at(3), None);
    }

    #[test]
    fn partial_overlap_prefers_the_later_start() {
        let t = SpannedText::new(
            "abcdef".into(),
            vec![
                Span::new(0..4, SpanKind::JwtHeader),
                Span::new(2..6, SpanKind::Error),
            ],
        )
        .unwrap();
        assert_eq!(
            kinds(&t),
            vec![
                (0..2, Some(SpanKind::JwtHeader)),
                (2..6, Some(SpanKind::Error))
            ]
        );
    }

    #[test]
    fn invalid_ranges_are_refused() {
        let err = SpannedText::new("词".into(), vec![Span::new(0..1, SpanKind::AiToken)]);
        assert_eq!(
            err.unwrap_err(),
            TextError::NotCharBoundary { index: 0, byte: 1 }
        );
        let err = SpannedText::new("ab".into(), vec![Span::new(1..3, SpanKind::AiToken)]);
        assert!(matches!(err, Err(TextError::OutOfBounds { end: 3, .. })));
        #[expect(clippy::reversed_empty_ranges, reason = "the case under test")]
        let err = SpannedText::new("ab".into(), vec![Span::new(2..1, SpanKind::AiToken)]);
        assert!(matches!(err, Err(TextError::Reversed { .. })));
    }

    #[test]
    fn empty_text_has_one_empty_run() {
        let t = SpannedText::plain(String::new());
        assert_eq!(t.runs().len(), 1);
        assert_eq!(t.lines().len(), 1);
    }
}
