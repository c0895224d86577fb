//! The editor's text logic without any egui: a selection as two byte offsets, character and word steps, and an
//! undo history of byte-range edits. Offsets are bytes of the shown text, always on `char` boundaries.

use std::ops::Range;

/// A selection: the caret and the other end (`anchor`); equal when nothing is selected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Where the selection started (stays put while Shift+arrows move the caret).
    pub anchor: usize,
    /// Where the caret is.
    pub caret: usize,
}

impl Selection {
    /// A caret with nothing selected.
    pub fn at(byte: usize) -> Self {
        Self {
            anchor: byte,
            caret: byte,
        }
    }

    /// The selected bytes, smallest first.
    pub fn range(self) -> Range<usize> {
        self.anchor.min(self.caret)..self.anchor.max(self.caret)
    }

    /// Is nothing selected?
    pub fn is_empty(self) -> bool {
        self.anchor == self.caret
    }

    /// Both ends clamped into `text` and onto character boundaries.
    pub fn clamped(self, text: &str) -> Self {
        Self {
            anchor: floor_char(text, self.anchor),
            caret: floor_char(text, self.caret),
        }
    }
}

/// `byte` moved down onto a character boundary of `text` (and into it).
pub fn floor_char(text: &str, byte: usize) -> usize {
    crate::text::floor_char_boundary(text, byte.min(text.len()))
}

/// The boundary before the character that ends at `at`.
pub fn prev_char(text: &str, at: usize) -> usize {
    at - text[..at].chars().next_back().map_or(0, char::len_utf8)
}

/// The boundary after the character that starts at `at`.
pub fn next_char(text: &str, at: usize) -> usize {
    at + text[at..].chars().next().map_or(0, char::len_utf8)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Word,
    Other,
}

fn class(c: char) -> Class {
    if c.is_whitespace() {
        Class::Space
    } else if c.is_alphanumeric() || c == '_' {
        Class::Word
    } else {
        Class::Other
    }
}

/// The start of the word before `at` (Ctrl+Left, Ctrl+Backspace): spaces are skipped, then one run of word
/// characters or of punctuation.
pub fn prev_word(text: &str, at: usize) -> usize {
    let mut chars = text[..at]
        .char_indices()
        .rev()
        .skip_while(|&(_, c)| class(c) == Class::Space)
        .peekable();
    let Some(&(mut start, first)) = chars.peek() else {
        return 0;
    };
    let run = class(first);
    for (i, c) in chars {
        if class(c) != run {
            break;
        }
        start = i;
    }
    start
}

/// The end of the word after `at` (Ctrl+Right, Ctrl+Delete): spaces are skipped, then one run of word characters
/// or of punctuation.
pub fn next_word(text: &str, at: usize) -> usize {
    let mut chars = text[at..].char_indices().peekable();
    while chars.next_if(|&(_, c)| class(c) == Class::Space).is_some() {}
    let Some(&(_, first)) = chars.peek() else {
        return text.len();
    };
    let run = class(first);
    for (i, c) in chars {
        if class(c) != run {
            return at + i;
        }
    }
    text.len()
}

/// The word (or run of spaces or punctuation) around `at`, for a double click.
pub fn word_at(text: &str, at: usize) -> Range<usize> {
    let at = floor_char(text, at);
    let Some(c) = text[at..]
        .chars()
        .next()
        .or_else(|| text[..at].chars().next_back())
    else {
        return at..at;
    };
    let run = class(c);
    let start = text[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| class(c) == run && c != '\n')
        .last()
        .map_or(at, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .find(|&(_, c)| class(c) != run || c == '\n')
        .map_or(text.len(), |(i, _)| at + i);
    start..end
}

/// The line around `at` without its line break, for a triple click.
pub fn line_at(text: &str, at: usize) -> Range<usize> {
    let at = floor_char(text, at);
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    start..end
}

/// One edit as the undo history keeps it: at byte `at`, `removed` was replaced by `inserted`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Step {
    at: usize,
    removed: String,
    inserted: String,
    before: Selection,
    after: Selection,
    /// Typed characters, which merge with the step before them into one undo.
    typing: bool,
}

impl Step {
    fn bytes(&self) -> usize {
        self.removed.len() + self.inserted.len()
    }
}

/// An edit the editor asks its caller to make, with the selection to show afterwards.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replace {
    /// The bytes of the shown text to replace.
    pub range: Range<usize>,
    /// What replaces them.
    pub with: String,
    /// The selection in the text after the edit.
    pub selection: Selection,
}

/// Undo and redo of the editor's own edits. Each step is checked against the text before it is applied: if the
/// caller replaced the text in between (a sample, a file), the history is dropped instead of editing wrong bytes.
#[derive(Clone, Debug, Default)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
    bytes: usize,
}

/// The history keeps at most this many bytes of removed and inserted text; the oldest steps go first.
const HISTORY_BYTES: usize = 64 << 20;

impl History {
    /// Remember an edit made by the user. `typing` steps merge with an adjacent typing step before them, up to a
    /// word boundary.
    pub fn record(&mut self, edit: &Replace, removed: String, before: Selection, typing: bool) {
        self.undone.clear();
        let step = Step {
            at: edit.range.start,
            removed,
            inserted: edit.with.clone(),
            before,
            after: edit.selection,
            typing,
        };
        if let Some(last) = self.done.last_mut()
            && typing
            && last.typing
            && step.removed.is_empty()
            && last.at + last.inserted.len() == step.at
            // A word typed after a space starts a new step: undo takes back one word at a time.
            && (!step.inserted.starts_with(char::is_whitespace)
                || last.inserted.ends_with(char::is_whitespace))
        {
            last.inserted.push_str(&step.inserted);
            last.after = step.after;
            self.bytes += step.inserted.len();
        } else {
            self.bytes += step.bytes();
            self.done.push(step);
        }
        while self.bytes > HISTORY_BYTES && self.done.len() > 1 {
            let old = self.done.remove(0);
            self.bytes -= old.bytes();
        }
    }

    /// The edit that undoes the last step, if `text` still holds what it inserted.
    pub fn undo(&mut self, text: &str) -> Option<Replace> {
        let step = self.done.pop()?;
        let range = step.at..step.at + step.inserted.len();
        if text.get(range.clone()) != Some(step.inserted.as_str()) {
            self.clear();
            return None;
        }
        let edit = Replace {
            range,
            with: step.removed.clone(),
            selection: step.before,
        };
        self.bytes -= step.bytes();
        self.undone.push(step);
        Some(edit)
    }

    /// The edit that redoes the last undone step, if `text` still holds what it removed.
    pub fn redo(&mut self, text: &str) -> Option<Replace> {
        let step = self.undone.pop()?;
        let range = step.at..step.at + step.removed.len();
        if text.get(range.clone()) != Some(step.removed.as_str()) {
            self.clear();
            return None;
        }
        let edit = Replace {
            range,
            with: step.inserted.clone(),
            selection: step.after,
        };
        self.bytes += step.bytes();
        self.done.push(step);
        Some(edit)
    }

    /// Forget everything (the caller replaced the text).
    pub fn clear(&mut self) {
        self.done.clear();
        self.undone.clear();
        self.bytes = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_steps_skip_spaces_then_one_run() {
        let t = "let x = foo(bar);  词元 ok";
        assert_eq!(next_word(t, 0), 3, "to the end of `let`");
        assert_eq!(next_word(t, 3), 5, "over the space, to the end of `x`");
        assert_eq!(next_word(t, 11), 12, "punctuation is its own run");
        assert_eq!(
            prev_word(t, t.len()),
            t.len() - 2,
            "back to the start of `ok`"
        );
        let ci = t.find('词').unwrap();
        assert_eq!(
            prev_word(t, t.len() - 3),
            ci,
            "CJK letters are word characters"
        );
        assert_eq!(prev_word(t, 4), 0);
        assert_eq!(prev_word(t, 0), 0);
        assert_eq!(next_word(t, t.len()), t.len());
        assert_eq!(prev_word("   ", 3), 0, "only spaces");
    }

    #[test]
    fn double_and_triple_click_ranges() {
        let t = "alpha beta\ngamma, delta";
        assert_eq!(&t[word_at(t, 7)], "beta");
        assert_eq!(&t[word_at(t, 5)], " ");
        assert_eq!(
            &t[word_at(t, t.len())],
            "delta",
            "at the end: the word before"
        );
        assert_eq!(&t[line_at(t, 13)], "gamma, delta");
        assert_eq!(&t[line_at(t, 2)], "alpha beta");
        assert_eq!(word_at("", 0), 0..0);
    }

    #[test]
    fn char_steps_keep_to_boundaries() {
        let t = "a🌍b";
        assert_eq!(next_char(t, 1), 5);
        assert_eq!(prev_char(t, 5), 1);
        assert_eq!(
            Selection::at(3).clamped(t).caret,
            1,
            "inside the emoji: moved to its start"
        );
        assert_eq!(Selection::at(99).clamped(t).caret, t.len());
    }

    fn apply(text: &mut String, e: &Replace) {
        text.replace_range(e.range.clone(), &e.with);
    }

    #[test]
    fn typing_merges_per_word_and_undo_redo_round_trip() {
        let mut text = String::new();
        let mut h = History::default();
        for (i, c) in ["h", "i", " ", "y", "o"].iter().enumerate() {
            let e = Replace {
                range: i..i,
                with: (*c).to_owned(),
                selection: Selection::at(i + 1),
            };
            h.record(&e, String::new(), Selection::at(i), true);
            apply(&mut text, &e);
        }
        assert_eq!(text, "hi yo");
        let u = h.undo(&text).unwrap();
        apply(&mut text, &u);
        assert_eq!(text, "hi", "the second word is one step");
        assert_eq!(u.selection, Selection::at(2));
        let u = h.undo(&text).unwrap();
        apply(&mut text, &u);
        assert_eq!(text, "");
        assert!(h.undo(&text).is_none());
        let r = h.redo(&text).unwrap();
        apply(&mut text, &r);
        let r = h.redo(&text).unwrap();
        apply(&mut text, &r);
        assert_eq!(text, "hi yo");
        assert!(h.redo(&text).is_none());
    }

    #[test]
    fn a_replaced_text_drops_the_history_instead_of_editing_wrong_bytes() {
        let mut h = History::default();
        let e = Replace {
            range: 0..5,
            with: "X".to_owned(),
            selection: Selection::at(1),
        };
        h.record(
            &e,
            "hello".to_owned(),
            Selection {
                anchor: 0,
                caret: 5,
            },
            false,
        );
        assert!(
            h.undo("Y and more").is_none(),
            "the text no longer holds the X"
        );
        assert!(h.undo("X").is_none(), "and the history is gone");
    }
}
