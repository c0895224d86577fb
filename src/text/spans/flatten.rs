//! Flattening spans into the run list: a linear path for token lists (flat, or nested only inside a split
//! character) and the general path for nested and overlapping spans.

use std::cmp::Reverse;
use std::collections::BTreeSet;
use std::ops::Range;

use super::{Run, Span};

/// Merge neighbouring gap runs (left where a splice joins pieces) and drop empty runs, in `runs[from..]` and at its
/// seam with `runs[from - 1]` (the runs before are coalesced already, and stay as they are).
pub(super) fn coalesce_tail(runs: &mut Vec<Run>, from: usize) {
    let from = from.min(runs.len());
    let mut out = from;
    for i in from..runs.len() {
        if runs[i].byte_range().is_empty() {
            continue;
        }
        if out > 0
            && runs[out - 1].span().is_none()
            && runs[i].span().is_none()
            && runs[out - 1].end() == runs[i].start()
        {
            let end = runs[i].end();
            runs[out - 1].set_end(end);
            continue;
        }
        runs.swap(out, i);
        out += 1;
    }
    runs.truncate(out);
}

/// Flatten possibly nested, coinciding or overlapping spans into runs that each name their innermost span.
pub(super) fn flatten(text_len: usize, spans: &[Span], buf: Vec<Run>) -> Vec<Run> {
    flatten_flat(text_len, spans, buf).unwrap_or_else(|| flatten_nested(text_len, spans))
}

/// The linear fast path for sorted spans that never overlap except by coinciding exactly (AI tokens, whose
/// byte-level fragments share a range): one run per distinct range, naming its first span. `None` when the spans
/// nest or overlap.
fn flatten_flat(text_len: usize, spans: &[Span], mut runs: Vec<Run>) -> Option<Vec<Run>> {
    runs.clear();
    runs.reserve_exact(spans.len() + 1);
    flat_runs(&mut runs, spans, 0, 0..text_len)?;
    if runs.is_empty() {
        runs.push(Run::new(0..text_len, None));
    }
    Some(runs)
}

/// Append the runs of `spans` (indices start at `offset`) covering `cover`, for flat spans; `None` if they nest
/// or overlap beyond what [`flatten_flat`] handles. Never touches runs already in `runs`.
pub(super) fn flat_runs(
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
            let outer = last.byte_range();
            if *r == outer {
                // The run already has this range. It keeps its span if that span has the same range (spans that
                // coincide: the first wins); otherwise that span is larger and this one is innermost here.
                let owner = last
                    .span()
                    .and_then(|o| o.checked_sub(offset))
                    .and_then(|o| spans.get(o));
                let span = if owner.is_some_and(|o| o.byte_range == *r) {
                    last.span()
                } else {
                    Some(i)
                };
                runs.push(Run::new(outer, span));
                prev = Some(r);
                continue;
            }
            if r.start < outer.start || r.end > pos {
                runs.push(Run::new(outer, last.span()));
                return None;
            }
            for (range, span) in [
                (outer.start..r.start, last.span()),
                (r.clone(), Some(i)),
                (r.end..outer.end, last.span()),
            ] {
                if !range.is_empty() {
                    runs.push(Run::new(range, span));
                }
            }
            prev = Some(r);
            continue;
        }
        if r.start > pos {
            runs.push(Run::new(pos..r.start, None));
        }
        runs.push(Run::new(r.clone(), Some(i)));
        pos = r.end;
        prev = Some(r);
    }
    if pos < cover.end {
        runs.push(Run::new(pos..cover.end, None));
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
            && last.span() == span
            && last.end() == range.start
        {
            last.set_end(range.end);
            return;
        }
        runs.push(Run::new(range, span));
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
        runs.push(Run::new(0..0, None));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::SpanKind;

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
}
