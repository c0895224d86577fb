//! Spanned text whose spans are described in words not yet worded: the hex of canonical bytes, a decoded Ethereum
//! input, a classic block's hashed text. The spans keep only what never changes with the language (a field path as
//! their label); each span's label and detail for people are a [`Note`], worded when the hover card is drawn.
//!
//! Pure: the shared text model and `i18n::Words`; no language is looked up here.

use std::cmp::Reverse;
use std::ops::Deref;

use crate::i18n::Words;
use crate::text::{Span, SpannedText, TextError};

/// What a span says to people: a short label and a longer detail, not yet worded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// Short label (a field name, "length prefix").
    pub label: Words,
    /// Longer text for the hover card.
    pub detail: Words,
}

/// A spanned text and the note of each of its spans: `notes()[i]` describes `spans()[i]`. Derefs to the
/// [`SpannedText`], so it draws and reads like one.
#[derive(Clone, Debug, Default)]
pub struct NotedText {
    text: SpannedText,
    notes: Vec<Note>,
}

impl NotedText {
    /// Validate `spans` over `text`, keeping each span's note with it as the spans are sorted.
    pub fn new(text: String, mut spans: Vec<(Span, Note)>) -> Result<Self, TextError> {
        // The order `SpannedText::new` sorts in (stable, so equal ranges keep their order): sorted here first, it
        // keeps the spans where they are and the notes stay beside them.
        spans.sort_by_key(|(s, _)| (s.byte_range.start, Reverse(s.byte_range.end)));
        let (spans, notes): (Vec<Span>, Vec<Note>) = spans.into_iter().unzip();
        Ok(Self {
            text: SpannedText::new(text, spans)?,
            notes,
        })
    }

    /// A text with no spans.
    pub fn plain(text: String) -> Self {
        Self {
            text: SpannedText::plain(text),
            notes: Vec::new(),
        }
    }

    /// The spanned text.
    pub fn spanned(&self) -> &SpannedText {
        &self.text
    }

    /// The note of each span, in the order of [`SpannedText::spans`].
    pub fn notes(&self) -> &[Note] {
        &self.notes
    }

    /// The note of span `index`.
    pub fn note(&self, index: usize) -> Option<&Note> {
        self.notes.get(index)
    }

    /// The spanned text and the notes, apart (`notes[i]` still describes span `i`).
    pub fn into_parts(self) -> (SpannedText, Vec<Note>) {
        (self.text, self.notes)
    }
}

impl Deref for NotedText {
    type Target = SpannedText;

    fn deref(&self) -> &SpannedText {
        &self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::SpanKind;

    #[test]
    fn notes_follow_their_spans_through_the_sort() {
        let note = |s: &str| Note {
            label: Words::verbatim(s),
            detail: Words::verbatim(format!("{s} detail")),
        };
        let t = NotedText::new(
            "abcdef".to_owned(),
            vec![
                (Span::new(4..6, SpanKind::LedgerField), note("c")),
                (Span::new(0..6, SpanKind::LedgerField), note("all")),
                (Span::new(0..2, SpanKind::LedgerField), note("a")),
                (Span::new(0..2, SpanKind::LedgerPrefix), note("a2")),
            ],
        )
        .unwrap();
        let labels: Vec<String> = t.notes().iter().map(|n| n.label.to_string()).collect();
        assert_eq!(labels, ["all", "a", "a2", "c"]);
        let ranges: Vec<_> = t.spans().iter().map(|s| s.byte_range.clone()).collect();
        assert_eq!(ranges, [0..6, 0..2, 0..2, 4..6]);
        assert_eq!(t.spans()[2].kind, SpanKind::LedgerPrefix);
        assert_eq!(t.note(3).unwrap().detail.to_string(), "c detail");
        assert!(
            NotedText::new(
                "ab".to_owned(),
                vec![(Span::new(1..3, SpanKind::LedgerField), note("x"))]
            )
            .is_err()
        );
    }
}
