//! Editing in the highlight widget, so the box the user types in is the box that shows the token boundaries, at
//! every size: caret and selection (mouse, Shift+keys, double and triple click), copy/cut/paste, undo/redo, word
//! and line moves, Home/End, PageUp/PageDown, IME composition and an AccessKit text-input node.
//!
//! The widget reports at most one edit per frame; the caller applies it to its own string and shows the new text
//! with a new revision. Keys typed while the shown text is behind the caller's (a result still being computed) wait
//! in a queue and are never lost.

use std::ops::Range;

use egui::{Event, FontId, Key, Modifiers, Pos2, Ui, pos2, vec2};

use super::HighlightView;
use super::cursor::{self, Replace, Selection};
use crate::text::SpannedText;
use crate::ui::theme::Palette;

/// What the widget laid out this frame, for placing and painting the caret.
pub(super) struct Visible<'a> {
    pub id: egui::Id,
    pub top_left: Pos2,
    pub row_h: f32,
    pub rows: Range<usize>,
    /// Rows that fit in the viewport (PageUp/PageDown move by this many).
    pub page_rows: usize,
    pub font_id: &'a FontId,
    pub palette: Palette,
    pub dimmed: bool,
    pub multiline: bool,
}

/// What the user did to the text this frame.
#[derive(Default)]
pub(super) struct EditOutcome {
    pub edit: Option<Replace>,
    /// Enter in a one-line editor.
    pub submitted: bool,
}

impl HighlightView {
    /// Handle the pointer and the keys; `current` says whether the shown text is the caller's text (edits may apply).
    pub(super) fn edit_ui(
        &mut self,
        ui: &Ui,
        text: &SpannedText,
        response: &egui::Response,
        view: &Visible<'_>,
        current: bool,
    ) -> EditOutcome {
        self.pointer_ui(ui, text, response, view);
        if response.has_focus() {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    view.id,
                    egui::EventFilter {
                        tab: false,
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        escape: false,
                    },
                );
            });
            let events = ui.input(|i| i.events.clone());
            self.queued.extend(events.into_iter().filter(is_edit_event));
        }
        // Keys typed while focused are applied even if focus has moved on since.
        if current && !self.queued.is_empty() {
            self.apply_queued(ui, text, view)
        } else {
            EditOutcome::default()
        }
    }

    /// Click to place the caret, Shift+click and drag to select, double click for a word, triple for a line.
    fn pointer_ui(
        &mut self,
        ui: &Ui,
        text: &SpannedText,
        response: &egui::Response,
        view: &Visible<'_>,
    ) {
        // A click while typed keys still wait would move them: they go where the caret was.
        if !self.queued.is_empty() {
            return;
        }
        let Some(pos) = response.interact_pointer_pos() else {
            return;
        };
        let src = text.text();
        let byte = self.byte_at_pos(ui, text, view, pos);
        let (pressed, shift) = ui.input(|i| (i.pointer.primary_pressed(), i.modifiers.shift));
        let old = self.selection.unwrap_or_default().clamped(src);
        let sel = if response.triple_clicked() {
            let r = cursor::line_at(src, byte);
            Selection {
                anchor: r.start,
                caret: r.end,
            }
        } else if response.double_clicked() {
            let r = cursor::word_at(src, byte);
            Selection {
                anchor: r.start,
                caret: r.end,
            }
        } else if (pressed || response.clicked()) && !shift {
            Selection::at(byte)
        } else if pressed || response.clicked() || response.dragged() {
            Selection {
                anchor: old.anchor,
                caret: byte,
            }
        } else {
            return;
        };
        self.selection = Some(sel);
        self.goal_col = None;
        if pressed || response.clicked() {
            response.request_focus();
        }
    }

    /// The byte nearest to `pos`: rows above or below are clamped, and a point past a row's end is its end.
    fn byte_at_pos(&mut self, ui: &Ui, text: &SpannedText, view: &Visible<'_>, pos: Pos2) -> usize {
        if self.rows.is_empty() {
            return 0;
        }
        let row_idx = (((pos.y - view.top_left.y) / view.row_h).floor().max(0.0) as usize)
            .min(self.rows.len() - 1);
        let row = self.rows[row_idx].clone();
        let origin = pos2(
            view.top_left.x,
            view.top_left.y + row_idx as f32 * view.row_h,
        );
        let galley = self.galley(ui, text, row_idx, view.font_id, view.palette, view.dimmed);
        let local = pos - origin;
        if local.x <= 0.0 {
            return row.bytes.start;
        }
        // The nearest boundary, not the character under the pointer: a click on a glyph's right half goes after it.
        let ch = galley
            .cursor_from_pos(vec2(local.x, galley.rect.height() / 2.0))
            .index
            .0;
        let row_text = &text.text()[row.bytes.clone()];
        row.bytes.start + crate::text::char_to_byte(row_text, ch.min(row_text.chars().count()))
    }

    /// Empty the box as the user's own edit (select all, delete), so that Ctrl+Z brings the text back. It reaches
    /// the caller as an edit on the next frame the view is drawn.
    pub fn clear_all(&mut self) {
        for (key, modifiers) in [(Key::A, Modifiers::COMMAND), (Key::Delete, Modifiers::NONE)] {
            self.queued.push(Event::Key {
                key,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers,
            });
        }
    }

    /// Forget the caret, the selection, waiting keys and the undo history (the caller replaced the text).
    pub fn reset_editing(&mut self) {
        self.selection = None;
        self.queued.clear();
        self.history.clear();
        self.preedit = None;
        self.ime_replaced = None;
    }

    /// The caret byte of an editable view.
    pub fn caret(&self) -> Option<usize> {
        self.selection.map(|s| s.caret)
    }

    /// The selected bytes of an editable view (empty when only a caret).
    pub fn selection(&self) -> Option<Range<usize>> {
        self.selection.map(Selection::range)
    }

    /// Select `range` (bytes of the shown text), as a drag would.
    pub fn select(&mut self, range: Range<usize>) {
        self.selection = Some(Selection {
            anchor: range.start,
            caret: range.end,
        });
    }

    /// Apply queued events until one edits the text; return that edit.
    fn apply_queued(&mut self, ui: &Ui, text: &SpannedText, view: &Visible<'_>) -> EditOutcome {
        let src = text.text();
        let mut sel = self
            .selection
            .unwrap_or_else(|| Selection::at(src.len()))
            .clamped(src);
        let mut out = EditOutcome::default();
        let mut used = 0;
        self.scroll_target = None;
        let queued = std::mem::take(&mut self.queued);
        for ev in &queued {
            used += 1;
            let before = sel;
            let (edit, typing) = match ev {
                Event::Text(t) if !t.is_empty() => {
                    (Some(replace(src, sel, &single(t, view))), true)
                }
                Event::Paste(t) if !t.is_empty() => {
                    self.scroll_target = Some(sel.range().start);
                    (Some(replace(src, sel, &single(t, view))), false)
                }
                Event::Copy | Event::Cut if !sel.is_empty() => {
                    ui.ctx().copy_text(src[sel.range()].to_owned());
                    let cut = matches!(ev, Event::Cut).then(|| replace(src, sel, ""));
                    (cut, false)
                }
                Event::Ime(ime) => match self.ime(src, sel, ime) {
                    Some(Ok(edit)) => {
                        // The composition is not a step of its own: only its commit is.
                        self.apply_selection(&edit, &mut sel);
                        out.edit = Some(edit);
                        break;
                    }
                    Some(Err(commit)) => {
                        // One undo step from before the composition to the committed text.
                        let removed = self.ime_replaced.take().unwrap_or_default();
                        self.history.record(&commit, removed, before, false);
                        self.apply_selection(&commit, &mut sel);
                        out.edit = Some(commit);
                        break;
                    }
                    None => (None, false),
                },
                Event::Key { key, modifiers, .. } => {
                    match self.key(src, &mut sel, *key, *modifiers, view) {
                        KeyOutcome::Edit(e, typing) => (Some(e), typing),
                        KeyOutcome::History(e) => {
                            self.apply_selection(&e, &mut sel);
                            out.edit = Some(e);
                            break;
                        }
                        KeyOutcome::Submit => {
                            out.submitted = true;
                            (None, false)
                        }
                        KeyOutcome::Moved => (None, false),
                    }
                }
                _ => (None, false),
            };
            if let Some(edit) = edit {
                if edit.range.is_empty() && edit.with.is_empty() {
                    continue;
                }
                self.history
                    .record(&edit, src[edit.range.clone()].to_owned(), before, typing);
                self.apply_selection(&edit, &mut sel);
                out.edit = Some(edit);
                break;
            }
        }
        self.queued = queued;
        self.queued.drain(..used);
        self.selection = Some(sel);
        self.scroll_to_caret = true;
        out
    }

    fn apply_selection(&mut self, edit: &Replace, sel: &mut Selection) {
        *sel = edit.selection;
        self.goal_col = None;
    }

    /// One key press.
    fn key(
        &mut self,
        src: &str,
        sel: &mut Selection,
        key: Key,
        m: Modifiers,
        view: &Visible<'_>,
    ) -> KeyOutcome {
        let word = m.ctrl || m.alt;
        let command = m.command || m.ctrl;
        let moved = |sel: &mut Selection, to: usize| {
            sel.caret = to;
            if !m.shift {
                sel.anchor = to;
            }
            KeyOutcome::Moved
        };
        let caret = sel.caret;
        match key {
            Key::Enter if view.multiline => KeyOutcome::Edit(replace(src, *sel, "\n"), true),
            Key::Enter => KeyOutcome::Submit,
            Key::Backspace | Key::Delete => {
                let range = if !sel.is_empty() {
                    sel.range()
                } else if key == Key::Backspace {
                    let from = if word {
                        cursor::prev_word(src, caret)
                    } else {
                        cursor::prev_char(src, caret)
                    };
                    from..caret
                } else {
                    let to = if word {
                        cursor::next_word(src, caret)
                    } else {
                        cursor::next_char(src, caret)
                    };
                    caret..to
                };
                KeyOutcome::Edit(
                    replace(src, Selection::at(range.start).with_caret(range.end), ""),
                    false,
                )
            }
            Key::A if command => {
                *sel = Selection {
                    anchor: 0,
                    caret: src.len(),
                };
                KeyOutcome::Moved
            }
            Key::Z | Key::Y if command => {
                let redo = key == Key::Y || m.shift;
                let e = if redo {
                    self.history.redo(src)
                } else {
                    self.history.undo(src)
                };
                e.map_or(KeyOutcome::Moved, KeyOutcome::History)
            }
            Key::ArrowLeft | Key::ArrowRight => {
                self.goal_col = None;
                let left = key == Key::ArrowLeft;
                if !sel.is_empty() && !m.shift && !word {
                    let r = sel.range();
                    return moved(sel, if left { r.start } else { r.end });
                }
                let to = match (left, word) {
                    (true, true) => cursor::prev_word(src, caret),
                    (true, false) => cursor::prev_char(src, caret),
                    (false, true) => cursor::next_word(src, caret),
                    (false, false) => cursor::next_char(src, caret),
                };
                moved(sel, to)
            }
            Key::Home | Key::End if command => {
                self.goal_col = None;
                moved(sel, if key == Key::Home { 0 } else { src.len() })
            }
            Key::Home | Key::End => {
                self.goal_col = None;
                let Some(row) = self.rows.get(self.row_of(caret)) else {
                    return KeyOutcome::Moved;
                };
                moved(
                    sel,
                    if key == Key::Home {
                        row.bytes.start
                    } else {
                        row.bytes.end
                    },
                )
            }
            Key::ArrowUp | Key::ArrowDown | Key::PageUp | Key::PageDown => {
                let step = match key {
                    Key::ArrowUp => -1,
                    Key::ArrowDown => 1,
                    Key::PageUp => -(view.page_rows.max(1) as isize),
                    _ => view.page_rows.max(1) as isize,
                };
                let to = self.vertical(src, caret, step);
                moved(sel, to)
            }
            _ => KeyOutcome::Moved,
        }
    }

    /// The caret `step` rows up (negative) or down, in the column it had before the first vertical move.
    fn vertical(&mut self, src: &str, caret: usize, step: isize) -> usize {
        let row_idx = self.row_of(caret);
        let Some(row) = self.rows.get(row_idx) else {
            return caret;
        };
        let col = *self.goal_col.get_or_insert_with(|| {
            src[row.bytes.start..caret.clamp(row.bytes.start, row.bytes.end)]
                .chars()
                .count()
        });
        // Up from the first row goes to the start, down from the last to the end.
        if (row_idx as isize) + step < 0 {
            return 0;
        }
        let target = row_idx.saturating_add_signed(step);
        if target >= self.rows.len() {
            return src.len();
        }
        let target = &self.rows[target];
        let t = &src[target.bytes.clone()];
        target.bytes.start + t.char_indices().nth(col).map_or(t.len(), |(i, _)| i)
    }

    /// An IME event: `Ok` a composition edit (kept out of the undo history), `Err` a commit (recorded).
    fn ime(
        &mut self,
        src: &str,
        sel: Selection,
        ime: &egui::ImeEvent,
    ) -> Option<Result<Replace, Replace>> {
        let composing = self.preedit.clone().filter(|r| r.end <= src.len());
        let target = composing.clone().unwrap_or_else(|| sel.range());
        let at = |r: &Range<usize>| Selection::at(r.start).with_caret(r.end);
        match ime {
            egui::ImeEvent::Preedit { text, .. } => {
                if text.is_empty() && composing.is_none() {
                    return None;
                }
                let edit = replace(src, at(&target), text);
                if composing.is_none() {
                    // The composition starts: remember what it replaces, for the commit's undo step.
                    self.ime_replaced = Some(src[target.clone()].to_owned());
                }
                self.preedit = (!text.is_empty()).then(|| target.start..target.start + text.len());
                Some(Ok(edit))
            }
            egui::ImeEvent::Commit(text) => {
                if text.is_empty() && composing.is_none() {
                    return None;
                }
                self.preedit = None;
                Some(Err(replace(src, at(&target), text)))
            }
            egui::ImeEvent::DeleteSurrounding {
                before_chars,
                after_chars,
            } => {
                let c = sel.caret;
                let start = src[..c]
                    .char_indices()
                    .rev()
                    .nth(before_chars.saturating_sub(1))
                    .map_or(0, |(i, _)| i);
                let start = if *before_chars == 0 { c } else { start };
                let end = src[c..]
                    .char_indices()
                    .nth(*after_chars)
                    .map_or(src.len(), |(i, _)| c + i);
                Some(Err(replace(src, Selection::at(start).with_caret(end), "")))
            }
            #[expect(deprecated, reason = "winit still sends them; they change nothing")]
            egui::ImeEvent::Enabled | egui::ImeEvent::Disabled => None,
        }
    }
}

enum KeyOutcome {
    /// Replace bytes (`true`: typed text, which merges in the undo history).
    Edit(Replace, bool),
    /// An undo or redo: applied, not recorded.
    History(Replace),
    /// Enter in a one-line editor.
    Submit,
    /// The caret or the selection moved (or nothing happened).
    Moved,
}

impl Selection {
    fn with_caret(mut self, caret: usize) -> Self {
        self.caret = caret;
        self
    }
}

/// Replace the selection of `src` with `with`; the caret goes after it.
fn replace(src: &str, sel: Selection, with: &str) -> Replace {
    let range = sel.clamped(src).range();
    Replace {
        selection: Selection::at(range.start + with.len()),
        range,
        with: with.to_owned(),
    }
}

/// Text for a one-line editor has its line breaks turned into spaces (a pasted token wrapped by a terminal).
fn single(t: &str, view: &Visible<'_>) -> String {
    if view.multiline {
        t.to_owned()
    } else {
        t.replace("\r\n", " ").replace(['\n', '\r'], " ")
    }
}

/// Events an editable view handles.
fn is_edit_event(e: &Event) -> bool {
    match e {
        Event::Text(_) | Event::Paste(_) | Event::Copy | Event::Cut | Event::Ime(_) => true,
        Event::Key {
            key, pressed: true, ..
        } => matches!(
            key,
            Key::Enter
                | Key::Backspace
                | Key::Delete
                | Key::ArrowLeft
                | Key::ArrowRight
                | Key::ArrowUp
                | Key::ArrowDown
                | Key::Home
                | Key::End
                | Key::PageUp
                | Key::PageDown
                | Key::A
                | Key::Z
                | Key::Y
        ),
        _ => false,
    }
}
