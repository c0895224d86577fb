//! Messages of the ledger core as `i18n::Words`, never worded here: text that reads the same in every language,
//! two messages side by side, and serde helpers that write words in English (the CLI's JSON and reports).
//!
//! Pure: looks up no language; the UI words a message when it draws it, the CLI in English.

use std::fmt::Display;

use serde::Serializer;

use crate::i18n::{Worded, Words};

/// Text that reads the same in every language (a number, a hash, a field path, a library's message), as words.
///
/// ```
/// use tokenlens::i18n::Lang;
/// let w = tokenlens::ledger::words::plain("0xabcd");
/// assert_eq!(w.text_in(Lang::Zh), "0xabcd");
/// ```
pub fn plain(text: impl Display) -> Words {
    words!("ledger.plain").with("text", text)
}

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
