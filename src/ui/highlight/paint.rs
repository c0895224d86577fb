//! Painting the highlight widget's rows: each row's layout job (colours per span, whitespace shown), special-token
//! pills, the separator at each boundary, emphasised and hovered ranges, the selection and the caret, and the byte
//! under the pointer.

use std::ops::Range;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{FontId, Galley, Pos2, Rect, Stroke, Ui, Vec2, pos2, vec2};

use super::HighlightView;
use super::cursor;
use super::edit::Visible;
use super::rows::Row;
use crate::text::{SpanKind, SpannedText};
use crate::ui::theme::Palette;

impl HighlightView {
    /// Special tokens are pills: outlined, rounded.
    pub(super) fn paint_pills(
        painter: &egui::Painter,
        text: &SpannedText,
        row: &Row,
        galley: &Galley,
        origin: Pos2,
        palette: Palette,
    ) {
        let runs = text.runs();
        let first = text.run_index_at(row.bytes.start);
        let row_text = &text.text()[row.bytes.clone()];
        for run in runs
            .iter()
            .skip(first)
            .take_while(|r| r.start() < row.bytes.end)
        {
            if let Some(i) = run.span()
                && text.spans()[i].kind == SpanKind::AiSpecial
            {
                let a = row_text[..run.start().max(row.bytes.start) - row.bytes.start]
                    .chars()
                    .count();
                let b = a + row_text[run.start().max(row.bytes.start) - row.bytes.start
                    ..run.end().min(row.bytes.end) - row.bytes.start]
                    .chars()
                    .count();
                let x0 = galley.pos_from_cursor(CCursor::new(a)).min.x;
                let x1 = galley.pos_from_cursor(CCursor::new(b)).min.x;
                let h = galley.rect.height().max(1.0);
                painter.rect_stroke(
                    Rect::from_min_max(origin + vec2(x0, 1.0), origin + vec2(x1, h - 1.0)),
                    6.0,
                    palette.special_outline(),
                    egui::StrokeKind::Inside,
                );
            }
        }
    }

    pub(super) fn paint_boundaries(
        painter: &egui::Painter,
        text: &SpannedText,
        row: &Row,
        galley: &Galley,
        origin: Pos2,
        palette: Palette,
    ) {
        let runs = text.runs();
        let first = text.run_index_at(row.bytes.start);
        let row_text = &text.text()[row.bytes.clone()];
        let mut prev: Option<usize> = None;
        for run in runs
            .iter()
            .skip(first)
            .take_while(|r| r.start() < row.bytes.end)
        {
            if run.start() > row.bytes.start
                && let (Some(a), Some(b)) = (prev, run.span())
                && a != b
                && is_token_like(text.spans()[b].kind)
            {
                let ch = row_text[..run.start() - row.bytes.start].chars().count();
                let x = galley.pos_from_cursor(CCursor::new(ch)).min.x + origin.x;
                let h = galley.rect.height().max(1.0);
                painter.vline(x, origin.y + 1.0..=origin.y + h - 1.0, palette.separator());
            }
            prev = run.span();
        }
    }

    /// Selection, caret and IME composition, painted under (selection) or over (caret) the rows.
    pub(super) fn paint_selection(
        &self,
        painter: &egui::Painter,
        text: &SpannedText,
        row_idx: usize,
        galley: &egui::Galley,
        origin: Pos2,
        palette: Palette,
    ) {
        let Some(sel) = self.selection.filter(|s| !s.is_empty()) else {
            return;
        };
        let row = &self.rows[row_idx];
        let r = sel.range();
        if r.end < row.bytes.start || r.start > row.bytes.end {
            return;
        }
        let x = |byte: usize| {
            let b = crate::text::floor_char_boundary(
                text.text(),
                byte.clamp(row.bytes.start, row.bytes.end),
            );
            let ch = text.text()[row.bytes.start..b].chars().count();
            galley.pos_from_cursor(CCursor::new(ch)).min.x
        };
        let x0 = x(r.start);
        // A selected line break shows as a little extra width.
        let x1 = x(r.end)
            + if r.end > row.bytes.end && row.line_end {
                6.0
            } else {
                0.0
            };
        if x1 <= x0 {
            return;
        }
        painter.rect_filled(
            Rect::from_min_max(
                origin + vec2(x0, 0.0),
                origin + vec2(x1, galley.rect.height().max(1.0)),
            ),
            0.0,
            palette.selection_fill(),
        );
    }

    /// The caret (when focused), the IME composition's underline, and where the IME's window goes.
    pub(super) fn paint_caret(
        &mut self,
        ui: &Ui,
        text: &SpannedText,
        view: &Visible<'_>,
        editor_rect: Rect,
    ) {
        let Some(sel) = self.selection else { return };
        let src = text.text();
        // After an edit the caret is in the new text's bytes while the old text is still shown: clamp it.
        let caret = cursor::floor_char(src, sel.caret);
        let row_idx = self.row_of(caret);
        let Some(row) = self.rows.get(row_idx).cloned() else {
            return;
        };
        let galley = self.galley(ui, text, row_idx, view.font_id, view.palette, false);
        let x_of = |byte: usize| {
            let b = cursor::floor_char(src, byte.clamp(row.bytes.start, row.bytes.end));
            let ch = src[row.bytes.start..b].chars().count();
            view.top_left.x + galley.pos_from_cursor(CCursor::new(ch)).min.x
        };
        let x = x_of(caret);
        let y = view.top_left.y + row_idx as f32 * view.row_h;
        let caret_rect = Rect::from_min_size(pos2(x, y), vec2(2.0, view.row_h));
        if view.rows.contains(&row_idx) {
            ui.painter().vline(
                x,
                y..=y + view.row_h,
                Stroke::new(2.0, view.palette.caret()),
            );
            if let Some(p) = self.preedit.clone().filter(|p| p.end <= src.len()) {
                let y = y + view.row_h - 1.0;
                ui.painter().hline(
                    x_of(p.start)..=x_of(p.end),
                    y,
                    Stroke::new(1.5, view.palette.caret()),
                );
            }
        }
        let to_global = ui
            .ctx()
            .layer_transform_to_global(ui.layer_id())
            .unwrap_or_default();
        ui.output_mut(|o| {
            o.ime = Some(egui::output::IMEOutput {
                purpose: egui::IMEPurpose::Normal,
                rect: to_global * editor_rect,
                cursor_rect: to_global * caret_rect,
                should_interrupt_composition: false,
            });
        });
    }
}

/// Kinds whose neighbours get a separator line (tokens and fields; not whole JWT segments).
pub(super) fn is_token_like(kind: SpanKind) -> bool {
    !matches!(
        kind,
        SpanKind::Stripped | SpanKind::Error | SpanKind::JwtDot
    )
}

pub(super) fn row_job(
    text: &SpannedText,
    row: &Row,
    font_id: &FontId,
    palette: Palette,
    whitespace: bool,
    dimmed: bool,
) -> LayoutJob {
    let mut job = LayoutJob::default();
    let src = text.text();
    let runs = text.runs();
    let first = text.run_index_at(row.bytes.start);
    let mut piece = String::new();
    for run in runs.iter().skip(first) {
        let start = run.start().max(row.bytes.start);
        let end = run.end().min(row.bytes.end);
        if start >= row.bytes.end {
            break;
        }
        if start >= end {
            continue;
        }
        piece.clear();
        for c in src[start..end].chars() {
            piece.push(display_char(c, whitespace));
        }
        let span = run.span().and_then(|i| text.spans().get(i));
        let mut format = TextFormat::simple(font_id.clone(), palette.text());
        if let Some(span) = span {
            format.color = palette.span_fg(span.kind);
            // Alternate by span index so touching spans of one kind stay distinguishable without colour (AI tokens
            // are coloured by their id instead, with separator lines between them).
            let alt = run.span().is_some_and(|i| i % 2 == 1);
            format.background = palette.span_bg(span.kind, span.tag, alt);
            if span.kind == SpanKind::Error {
                format.underline = Stroke::new(2.0, palette.error());
            }
            if span.kind == SpanKind::Stripped {
                format.strikethrough = Stroke::new(1.0, palette.weak());
            }
        }
        if dimmed {
            format.color = palette.dim(format.color);
            format.background = format.background.gamma_multiply(0.5);
        }
        job.append(&piece, 0.0, format);
    }
    if whitespace && row.line_end {
        job.append(
            "↵",
            0.0,
            TextFormat::simple(font_id.clone(), palette.weak()),
        );
    }
    if job.sections.is_empty() {
        job.append(
            " ",
            0.0,
            TextFormat::simple(font_id.clone(), palette.text()),
        );
    }
    job.wrap.max_width = f32::INFINITY;
    job
}

/// One display char per source char, so char indices map one to one.
pub(super) fn display_char(c: char, whitespace: bool) -> char {
    match c {
        ' ' if whitespace => '·',
        '\t' if whitespace => '→',
        '\t' => ' ',
        // Control characters show as ¤ (the hover card and the views' escapes say which one).
        c if (c as u32) < 0x20 || c == '\u{7f}' => '¤',
        c => c,
    }
}

/// The byte under `local` (a position relative to the row origin).
pub(super) fn byte_at(
    text: &SpannedText,
    row: &Row,
    galley: &Galley,
    local: Vec2,
) -> Option<usize> {
    if local.x < 0.0 || local.y < 0.0 {
        return None;
    }
    let row_text = &text.text()[row.bytes.clone()];
    let mut cursor = galley.cursor_from_pos(local).index.0;
    if cursor > 0 && local.x < galley.pos_from_cursor(CCursor::new(cursor)).min.x {
        cursor -= 1;
    }
    let n_chars = row_text.chars().count();
    if cursor >= n_chars {
        return None;
    }
    Some(row.bytes.start + crate::text::char_to_byte(row_text, cursor))
}

#[expect(
    clippy::too_many_arguments,
    reason = "a painting helper with the row context"
)]
pub(super) fn paint_range(
    painter: &egui::Painter,
    text: &SpannedText,
    row: &Row,
    galley: &Galley,
    origin: Pos2,
    range: &Range<usize>,
    palette: Palette,
    fill: bool,
) {
    let src = text.text();
    let start = crate::text::floor_char_boundary(src, range.start.max(row.bytes.start));
    let end = crate::text::floor_char_boundary(src, range.end.min(row.bytes.end));
    if start >= end {
        return;
    }
    let row_text = &src[row.bytes.clone()];
    let a = row_text[..start - row.bytes.start].chars().count();
    let b = a + row_text[start - row.bytes.start..end - row.bytes.start]
        .chars()
        .count();
    let x0 = galley.pos_from_cursor(CCursor::new(a)).min.x;
    let x1 = galley.pos_from_cursor(CCursor::new(b)).min.x;
    let rect = Rect::from_min_max(
        origin + vec2(x0, 0.0),
        origin + vec2(x1.max(x0 + 2.0), galley.rect.height().max(1.0)),
    );
    if fill {
        painter.rect_filled(rect, 2.0, palette.emphasis_fill());
    }
    painter.rect_stroke(
        rect,
        2.0,
        palette.emphasis_stroke(),
        egui::StrokeKind::Inside,
    );
}

pub(super) fn hover_card_ui(ui: &mut Ui, span: &crate::text::Span) {
    // Worded here, in the language in use: a switch re-words the card without building the spans again.
    let label = span.label();
    if !label.is_empty() {
        ui.strong(label);
    }
    let detail = span.detail();
    if !detail.is_empty() {
        ui.label(detail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::highlight::rows::split_rows;

    #[test]
    fn display_chars_map_one_to_one() {
        assert_eq!(display_char(' ', true), '·');
        assert_eq!(display_char(' ', false), ' ');
        assert_eq!(display_char('\0', false), '¤');
        assert_eq!(display_char('词', true), '词');
    }

    #[test]
    fn whitespace_mode_draws_spaces_tabs_and_line_ends() {
        let text = SpannedText::new("a b\tc\nd".to_owned(), Vec::new()).unwrap();
        let rows = split_rows(&text, 80);
        let font = FontId::monospace(12.0);
        let shown = |ws: bool| -> Vec<String> {
            rows.iter()
                .map(|r| row_job(&text, r, &font, Palette { dark: false }, ws, false).text)
                .collect()
        };
        assert_eq!(shown(true), ["a·b→c↵", "d"]);
        assert_eq!(shown(false), ["a b c", "d"], "a tab is one blank column");
    }
}
