//! The hover card of a ledger core's noted text (canonical bytes, a decoded Ethereum input, a classic block's
//! hashed text): each span's note worded in the language in use when the card is drawn, so a language switch
//! re-words the cards without building the text again.

use std::ops::Range;

use egui::Ui;

use crate::ledger::Note;
use crate::text::SpannedText;

/// A hover card for the highlight widget that words the notes of the hovered group of spans (`notes[i]` describes
/// span `i`).
pub fn notes_card(notes: &[Note]) -> impl Fn(&mut Ui, &SpannedText, Range<usize>) + '_ {
    move |ui, _text, group| {
        for note in group.filter_map(|i| notes.get(i)) {
            let label = note.label.text();
            if !label.is_empty() {
                ui.strong(label);
            }
            let detail = note.detail.text();
            if !detail.is_empty() {
                ui.label(detail);
            }
        }
    }
}
