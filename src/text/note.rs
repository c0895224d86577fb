//! A span's label or detail: text that reads the same in every language, or words put into a language only when
//! shown, so a hover card follows a language switch without building the spans again.
//!
//! Pure: std, serde and `i18n`.

use std::borrow::Cow;

use crate::i18n::{Lang, Words};

/// A span's label or detail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// Text as it is (a name, a token id, a value).
    Text(Box<str>),
    /// A message, worded in the language in use when shown (boxed: a note stays two words, as a span's texts are
    /// kept for every AI token).
    Words(Box<Words>),
}

impl Note {
    /// The note in the language in use.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Self::Text(t) => Cow::Borrowed(t),
            Self::Words(w) => Cow::Owned(w.text()),
        }
    }

    /// The note in `lang`.
    pub fn text_in(&self, lang: Lang) -> Cow<'_, str> {
        match self {
            Self::Text(t) => Cow::Borrowed(t),
            Self::Words(w) => Cow::Owned(w.text_in(lang)),
        }
    }

    /// The message, when the note is one.
    pub fn words(&self) -> Option<&Words> {
        match self {
            Self::Text(_) => None,
            Self::Words(w) => Some(w),
        }
    }
}

impl Default for Note {
    fn default() -> Self {
        Self::Text(Box::default())
    }
}

impl From<&str> for Note {
    fn from(text: &str) -> Self {
        Self::Text(text.into())
    }
}

impl From<String> for Note {
    fn from(text: String) -> Self {
        Self::Text(text.into())
    }
}

impl From<Box<str>> for Note {
    fn from(text: Box<str>) -> Self {
        Self::Text(text)
    }
}

impl From<Words> for Note {
    fn from(words: Words) -> Self {
        Self::Words(Box::new(words))
    }
}

/// A note serializes as its English text.
impl serde::Serialize for Note {
    fn serialize<S: serde::Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        out.serialize_str(&self.text_in(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_is_two_words_and_words_follow_the_language() {
        assert!(
            std::mem::size_of::<Note>() <= 16,
            "{}",
            std::mem::size_of::<Note>()
        );
        let note = Note::from(Words::new("jwt.span.dot"));
        assert_eq!(note.text_in(Lang::En), "dot");
        assert_ne!(note.text_in(Lang::Zh), "dot");
        assert_eq!(Note::from("iss").text_in(Lang::Zh), "iss");
        assert_eq!(Note::default().text(), "");
    }
}
