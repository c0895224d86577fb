//! Spans over a source string, validated and sorted, with the flattened run list that painting uses.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::ops::Range;

use super::{LineIndex, Note};

mod flatten;
mod splice;

use flatten::flatten;

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
    /// A hash (block hash, previous hash, Merkle root, transaction hash).
    LedgerHash,
    /// A length prefix, type byte or field tag of an encoding (RLP, our canonical encoding, ABI offsets).
    LedgerPrefix,
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
    /// Optional tag, for example an AI token id or a claim index; palettes may colour by it.
    pub tag: Option<u64>,
    /// Label and detail, boxed: most spans (AI tokens) have neither, and a small span keeps a 300k-token splice
    /// cheap (48 bytes a span instead of 72).
    #[serde(flatten)]
    notes: Option<Box<Notes>>,
}

/// A span's texts.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
struct Notes {
    /// Short label (a segment name, a claim name, a token id).
    label: Note,
    /// Longer text for the hover card.
    detail: Note,
}

impl Span {
    /// A span with no label, detail or tag.
    pub fn new(byte_range: Range<usize>, kind: SpanKind) -> Self {
        Self {
            byte_range,
            kind,
            tag: None,
            notes: None,
        }
    }

    /// Set the label: text as it is, or [`crate::i18n::Words`] worded when shown.
    pub fn with_label(mut self, label: impl Into<Note>) -> Self {
        self.notes.get_or_insert_default().label = label.into();
        self
    }

    /// Set the detail: text as it is, or [`crate::i18n::Words`] worded when shown.
    pub fn with_detail(mut self, detail: impl Into<Note>) -> Self {
        self.notes.get_or_insert_default().detail = detail.into();
        self
    }

    /// Set the tag.
    pub fn with_tag(mut self, tag: u64) -> Self {
        self.tag = Some(tag);
        self
    }

    /// Short label (a segment name, a claim name, a token id) in the language in use; empty if none.
    pub fn label(&self) -> Cow<'_, str> {
        self.notes
            .as_ref()
            .map_or(Cow::Borrowed(""), |n| n.label.text())
    }

    /// Longer text for the hover card, in the language in use; empty if none.
    pub fn detail(&self) -> Cow<'_, str> {
        self.notes
            .as_ref()
            .map_or(Cow::Borrowed(""), |n| n.detail.text())
    }

    /// The label as kept: text, or words not yet put into a language.
    pub fn label_note(&self) -> Option<&Note> {
        self.notes.as_ref().map(|n| &n.label)
    }

    /// The detail as kept: text, or words not yet put into a language.
    pub fn detail_note(&self) -> Option<&Note> {
        self.notes.as_ref().map(|n| &n.detail)
    }
}

/// Why a span was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// The text (or its span list) is 4 GiB or more: runs keep 32-bit offsets.
    #[error("the text is {len} bytes; at most 4 GiB can be shown")]
    TooLong {
        /// Text length.
        len: usize,
    },
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

/// A piece of the flattened, non-overlapping run list. Runs cover the text from start to end. Twelve bytes (32-bit
/// offsets, as the AI tab's 300k-token lists are copied on every edit); a text is at most 4 GiB (checked by
/// [`SpannedText::new`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    start: u32,
    end: u32,
    /// The innermost span covering the run, as an index into [`SpannedText::spans`]; `NO_SPAN` for a gap.
    span: u32,
}

const NO_SPAN: u32 = u32::MAX;

impl Run {
    /// A run over `byte_range` (which must lie below 4 GiB, as [`SpannedText`] ensures).
    pub(crate) fn new(byte_range: Range<usize>, span: Option<usize>) -> Self {
        let narrow = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        Self {
            start: narrow(byte_range.start),
            end: narrow(byte_range.end),
            span: span.map_or(NO_SPAN, narrow),
        }
    }

    /// Byte range of the run.
    pub fn byte_range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// First byte.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// End byte (exclusive).
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// The innermost span covering the run, as an index into [`SpannedText::spans`]; `None` for a gap.
    pub fn span(&self) -> Option<usize> {
        (self.span != NO_SPAN).then_some(self.span as usize)
    }

    /// Move the end (coalescing a gap with the next).
    pub(crate) fn set_end(&mut self, end: usize) {
        self.end = u32::try_from(end).unwrap_or(u32::MAX);
    }
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
        if text.len() >= u32::MAX as usize || spans.len() >= u32::MAX as usize {
            return Err(TextError::TooLong { len: text.len() });
        }
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
        self.runs.partition_point(|r| r.end() <= byte)
    }

    /// The innermost span at `byte`.
    pub fn span_at(&self, byte: usize) -> Option<usize> {
        self.runs.get(self.run_index_at(byte))?.span()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_without_texts_stays_small() {
        // A 1 MB prompt holds 300k token spans, all copied on every keystroke; label and detail live out of line.
        assert!(
            std::mem::size_of::<Span>() <= 48,
            "{}",
            std::mem::size_of::<Span>()
        );
        let s = Span::new(0..1, SpanKind::AiToken).with_detail("d");
        assert_eq!((s.label().as_ref(), s.detail().as_ref()), ("", "d"));
    }

    fn kinds(t: &SpannedText) -> Vec<(Range<usize>, Option<SpanKind>)> {
        t.runs()
            .iter()
            .map(|r| (r.byte_range(), r.span().map(|i| t.spans()[i].kind)))
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
        assert_eq!(run.byte_range(), 1..4);
        assert_eq!(t.spans()[run.span().unwrap()].tag, Some(1));
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
