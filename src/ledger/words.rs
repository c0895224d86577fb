//! Messages of the ledger core as `i18n::Words`, never worded here: two messages side by side, and serde helpers
//! that write words in English (the CLI's JSON and reports). Text that reads the same in every language is
//! `i18n::Words::verbatim`.
//!
//! Pure: looks up no language; the UI words a message when it draws it, the CLI in English.

use serde::Serializer;

use crate::i18n::{Worded, Words};

/// `a` directly followed by `b`, both worded in the same language (a value and a note that qualifies it).
pub fn concat(a: Words, b: Words) -> Words {
    words!("ledger.concat")
        .with_words("a", a)
        .with_words("b", b)
}

/// Serde: a message as its English words.
pub fn english<S: Serializer>(words: &Words, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(words)
}

/// Serde: an optional error (or any worded value) as its English words, or `null`.
pub fn english_worded_opt<S: Serializer, W: Worded>(
    value: &Option<W>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(w) => s.collect_str(&w.words()),
        None => s.serialize_none(),
    }
}
