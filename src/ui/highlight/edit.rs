//! Caret editing in the highlight widget (large AI prompts): click to place the caret and type; the view reports
//! one edit per frame, and keys typed while the shown text is behind the caller's wait in a queue.

use std::ops::Range;

use egui::text::CCursor;
use egui::{FontId, Pos2, Stroke, Ui};

use super::{HighlightView, byte_at};
use crate::text::{SpannedText, floor_char_boundary};
use crate::ui::theme::Palette;

/// What the widget laid out this frame, for placing and painting the caret.
pub(super) struct Visible<'a> {
    pub id: egui::Id,
    pub top_left: Pos2,
    pub row_h: f32,
    pub rows: Range<usize>,
    pub font_id: &'a FontId,
    pub palette: Palette,
    pub dimmed: bool,
}

impl HighlightView {
    /// Handle clicks and keys; `current` says whether the shown text is the caller's text (edits may apply).
    pub(super) fn edit_ui(
        &mut self,
        ui: &Ui,
        text: &SpannedText,
        response: &egui::Response,
        view: &Visible<'_>,
        current: bool,
    ) -> Option<(Range<usize>, String)> {
        if response.clicked() {
            // A click while typed keys still wait would move them: they go where the caret was.
            if self.queued.is_empty()
                && let Some(pos) = response.interact_pointer_pos()
            {
                let row_idx = ((pos.y - view.top_left.y) / view.row_h).floor().max(0.0) as usize;
                if let Some(row) = self.rows.get(row_idx).cloned() {
                    let origin = egui::pos2(
                        view.top_left.x,
                        view.top_left.y + row_idx as f32 * view.row_h,
                    );
                    let galley =
                        self.galley(ui, text, row_idx, view.font_id, view.palette, view.dimmed);
                    self.caret =
                        Some(byte_at(text, &row, &galley, pos - origin).unwrap_or(row.bytes.end));
                }
            }
            response.request_focus();
        }
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
        let edit = if current && !self.queued.is_empty() {
            self.apply_queued(text)
        } else {
            None
        };
        if response.has_focus()
            && let Some(c) = self.caret
        {
            self.paint_caret(ui, text, c, view);
        }
        edit
    }

    /// Forget the caret and any waiting keys (the caller replaced the text).
    pub fn reset_editing(&mut self) {
        self.caret = None;
        self.queued.clear();
    }

    /// The caret byte of an editable view.
    pub fn caret(&self) -> Option<usize> {
        self.caret
    }

    /// Apply queued keys to the caret until one edits the text; return that edit.
    fn apply_queued(&mut self, text: &SpannedText) -> Option<(Range<usize>, String)> {
        let src = text.text();
        let mut caret = floor_char_boundary(src, self.caret.unwrap_or(src.len()).min(src.len()));
        let mut used = 0;
        let mut edit = None;
        for ev in &self.queued {
            used += 1;
            let prev = || src[..caret].chars().next_back().map_or(0, char::len_utf8);
            let next = || src[caret..].chars().next().map_or(0, char::len_utf8);
            match ev {
                egui::Event::Text(t) | egui::Event::Paste(t) => {
                    edit = Some((caret..caret, t.clone()));
                    caret += t.len();
                }
                egui::Event::Key { key, .. } => match key {
                    egui::Key::Enter => {
                        edit = Some((caret..caret, "\n".to_owned()));
                        caret += 1;
                    }
                    egui::Key::Backspace if caret > 0 => {
                        let n = prev();
                        edit = Some((caret - n..caret, String::new()));
                        caret -= n;
                    }
                    egui::Key::Delete if caret < src.len() => {
                        edit = Some((caret..caret + next(), String::new()));
                    }
                    egui::Key::ArrowLeft => caret -= prev(),
                    egui::Key::ArrowRight => caret += next(),
                    egui::Key::ArrowUp
                    | egui::Key::ArrowDown
                    | egui::Key::Home
                    | egui::Key::End => {
                        caret = self.vertical(src, caret, *key);
                    }
                    _ => {}
                },
                _ => {}
            }
            if edit.is_some() {
                break;
            }
        }
        self.queued.drain(..used);
        self.caret = Some(caret);
        edit
    }

    /// The caret after Up, Down, Home or End.
    fn vertical(&self, src: &str, caret: usize, key: egui::Key) -> usize {
        let row_idx = self.row_of(caret);
        let Some(row) = self.rows.get(row_idx) else {
            return caret;
        };
        let col = src[row.bytes.start..caret.clamp(row.bytes.start, row.bytes.end)]
            .chars()
            .count();
        let target = match key {
            egui::Key::Home => return row.bytes.start,
            egui::Key::End => return row.bytes.end,
            egui::Key::ArrowUp if row_idx > 0 => &self.rows[row_idx - 1],
            egui::Key::ArrowDown if row_idx + 1 < self.rows.len() => &self.rows[row_idx + 1],
            _ => return caret,
        };
        let t = &src[target.bytes.clone()];
        target.bytes.start + t.char_indices().nth(col).map_or(t.len(), |(i, _)| i)
    }

    /// The caret as a bar. After an edit it is in the new text's bytes while the old text is still shown, so it
    /// is clamped to a character of the shown text.
    fn paint_caret(&mut self, ui: &Ui, text: &SpannedText, caret: usize, view: &Visible<'_>) {
        let src = text.text();
        let caret = floor_char_boundary(src, caret.min(src.len()));
        let row_idx = self.row_of(caret);
        if !view.rows.contains(&row_idx) {
            return;
        }
        let row = self.rows[row_idx].clone();
        let galley = self.galley(ui, text, row_idx, view.font_id, view.palette, false);
        let caret = caret.clamp(row.bytes.start, row.bytes.end);
        let ch = src[row.bytes.start..caret].chars().count();
        let x = view.top_left.x + galley.pos_from_cursor(CCursor::new(ch)).min.x;
        let y = view.top_left.y + row_idx as f32 * view.row_h;
        ui.painter()
            .vline(x, y..=y + view.row_h, Stroke::new(2.0, view.palette.text()));
    }
}

/// Keys an editable view handles.
fn is_edit_event(e: &egui::Event) -> bool {
    match e {
        egui::Event::Text(_) | egui::Event::Paste(_) => true,
        egui::Event::Key {
            key, pressed: true, ..
        } => matches!(
            key,
            egui::Key::Enter
                | egui::Key::Backspace
                | egui::Key::Delete
                | egui::Key::ArrowLeft
                | egui::Key::ArrowRight
                | egui::Key::ArrowUp
                | egui::Key::ArrowDown
                | egui::Key::Home
                | egui::Key::End
        ),
        _ => false,
    }
}
