//! The one highlight widget: draws any spanned text with per-kind colours, visible boundaries, hover cards,
//! click selection, linked emphasis and scroll-to. Lays out only the visible rows, so frame cost does not grow
//! with the text.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use egui::{Align, FontId, Galley, Pos2, Rect, Sense, Ui, WidgetInfo, pos2, vec2};

use super::theme::Palette;

mod cursor;
mod edit;
mod paint;
mod rows;

use crate::text::SpannedText;
use paint::{byte_at, hover_card_ui, paint_range, row_job};
pub use rows::RowEdit;
use rows::{Row, resplit, split_rows};

/// Draws the hover card for a group of coinciding spans (indices into [`SpannedText::spans`]).
pub type HoverCard<'a> = &'a dyn Fn(&mut Ui, &SpannedText, Range<usize>);

/// What the caller wants drawn on top of the spans this frame.
#[derive(Clone, Default)]
pub struct HighlightOptions<'a> {
    /// Byte ranges to emphasise (linked views, the selected span).
    pub emphasis: &'a [Range<usize>],
    /// Scroll so this byte is visible (set it for one frame).
    pub scroll_to: Option<usize>,
    /// Draw everything dimmed: an old result while new work runs.
    pub dimmed: bool,
    /// Maximum height; the widget scrolls inside it.
    pub max_height: f32,
    /// A caller's hover card instead of the spans' labels and details.
    pub hover_card: Option<HoverCard<'a>>,
    /// Caret editing: `None` read-only; `Some(true)` the shown text is current, so keys edit it; `Some(false)` the
    /// shown text is behind the caller's (an edit is being processed), so keys wait in a queue and are never lost.
    pub editable: Option<bool>,
    /// The edit that made this revision from the last one drawn, if the caller knows it: only the lines around it
    /// are split into rows again.
    pub edit: Option<RowEdit>,
    /// The label that names an editable view for AccessKit (and screen readers).
    pub labelled_by: Option<egui::Id>,
    /// What an empty editable view invites the user to do.
    pub hint: &'a str,
    /// An editable view of one logical line: Enter submits, pasted line breaks become spaces.
    pub one_line: bool,
    /// Scroll to this offset (points from the top), to keep views in step.
    pub scroll_offset: Option<f32>,
}

impl std::fmt::Debug for HighlightOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HighlightOptions")
            .field("emphasis", &self.emphasis)
            .field("scroll_to", &self.scroll_to)
            .field("dimmed", &self.dimmed)
            .field("max_height", &self.max_height)
            .field("hover_card", &self.hover_card.is_some())
            .field("editable", &self.editable)
            .field("edit", &self.edit)
            .field("labelled_by", &self.labelled_by)
            .field("hint", &self.hint)
            .field("one_line", &self.one_line)
            .field("scroll_offset", &self.scroll_offset)
            .finish()
    }
}

/// What happened in the widget this frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HighlightResponse {
    /// The innermost span under the pointer.
    pub hovered: Option<usize>,
    /// The span that was clicked.
    pub clicked: Option<usize>,
    /// The byte under the pointer.
    pub hovered_byte: Option<usize>,
    /// An edit typed into an editable view: replace this byte range of the shown text with the string. At most
    /// one per frame; later keys wait for the next frame.
    pub edit: Option<(Range<usize>, String)>,
    /// Enter was pressed in a one-line editable view.
    pub submitted: bool,
    /// The editable view has the keyboard focus.
    pub focused: bool,
    /// The vertical scroll offset after this frame.
    pub scroll_offset: f32,
}

/// Laid-out rows kept between frames (about ten screens).
const GALLEY_CACHE_ROWS: usize = 512;

/// Per-instance state: the row split and a galley cache keyed by (revision, theme, columns, pixels per point).
#[derive(Default)]
pub struct HighlightView {
    id_salt: String,
    /// Show spaces, tabs and line ends as · → ¶.
    pub whitespace: bool,
    key: Option<CacheKey>,
    rows: Vec<Row>,
    galleys: HashMap<usize, Arc<Galley>>,
    /// Caret and selection of an editable view (bytes of the text after the last reported edit).
    selection: Option<cursor::Selection>,
    /// Keys typed while the shown text was behind.
    queued: Vec<egui::Event>,
    /// Undo and redo of the edits this view reported.
    history: cursor::History,
    /// The IME composition's bytes while the user composes (CJK input).
    preedit: Option<Range<usize>>,
    /// What the composition replaced (the selection when it began).
    ime_replaced: Option<String>,
    /// The column Up/Down keep to, set by the first vertical move.
    goal_col: Option<usize>,
    /// Scroll the caret into view once the shown text is current.
    scroll_to_caret: bool,
    /// Scroll this byte into view instead of the caret: the start of a paste, so a pasted page shows its
    /// beginning (its first tokens), not its last line.
    scroll_target: Option<usize>,
    /// The height the user dragged an editor to.
    height: Option<f32>,
}

#[derive(Clone, Copy, PartialEq)]
struct CacheKey {
    revision: u64,
    dark: bool,
    cols: usize,
    ppp_bits: u32,
    font_bits: u32,
    whitespace: bool,
}

impl HighlightView {
    /// A view whose scroll state is keyed by `id_salt`.
    pub fn new(id_salt: impl Into<String>) -> Self {
        Self {
            id_salt: id_salt.into(),
            ..Self::default()
        }
    }

    /// Draw `text`. `revision` must change whenever `text` changes.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        text: &SpannedText,
        revision: u64,
        palette: Palette,
        opts: &HighlightOptions<'_>,
    ) -> HighlightResponse {
        let id = ui.make_persistent_id(&self.id_salt);
        if opts.editable.is_none() {
            return self.view_ui(ui, text, revision, palette, opts, id);
        }
        let focused = ui.memory(|m| m.has_focus(id));
        let visuals = ui.visuals();
        let stroke = if focused {
            visuals.selection.stroke
        } else {
            visuals.widgets.inactive.bg_stroke
        };
        let frame = egui::Frame::new()
            .fill(visuals.extreme_bg_color)
            .stroke(stroke)
            .corner_radius(visuals.widgets.inactive.corner_radius)
            .inner_margin(egui::Margin::same(4));
        let mut out = frame
            .show(ui, |ui| self.view_ui(ui, text, revision, palette, opts, id))
            .inner;
        out.focused = focused;
        if !opts.one_line {
            self.resize_ui(ui, opts.max_height);
        }
        out
    }

    /// The grip under a multi-line editor: drag it to make the editor taller or shorter.
    fn resize_ui(&mut self, ui: &mut Ui, default_h: f32) {
        let (rect, response) =
            ui.allocate_exact_size(vec2(ui.available_width(), 8.0), Sense::drag());
        let response = response.on_hover_cursor(egui::CursorIcon::ResizeVertical);
        response
            .widget_info(|| WidgetInfo::labeled(egui::Role::Splitter, true, tr!("editor.resize")));
        let color = if response.hovered() || response.dragged() {
            ui.visuals().widgets.hovered.fg_stroke
        } else {
            ui.visuals().widgets.noninteractive.bg_stroke
        };
        let c = rect.center();
        for dy in [-1.5, 1.5] {
            ui.painter().hline(c.x - 16.0..=c.x + 16.0, c.y + dy, color);
        }
        if response.dragged() {
            let h = self.height.unwrap_or(default_h) + response.drag_delta().y;
            self.height = Some(h.clamp(48.0, 4000.0));
        }
    }

    fn view_ui(
        &mut self,
        ui: &mut Ui,
        text: &SpannedText,
        revision: u64,
        palette: Palette,
        opts: &HighlightOptions<'_>,
        id: egui::Id,
    ) -> HighlightResponse {
        let font_id = egui::TextStyle::Monospace.resolve(ui.style());
        let (row_h, char_w) = ui
            .ctx()
            .fonts_mut(|f| (f.row_height(&font_id), f.glyph_width(&font_id, 'M')));
        let avail = ui.available_width().max(char_w * 8.0);
        let cols = ((avail - 8.0) / char_w).floor().max(8.0) as usize;
        let key = CacheKey {
            revision,
            dark: palette.dark,
            cols,
            ppp_bits: ui.ctx().pixels_per_point().to_bits(),
            font_bits: font_id.size.to_bits(),
            whitespace: self.whitespace,
        };
        if self.key != Some(key) {
            match (self.key, &opts.edit) {
                (Some(k), _) if k.revision == revision && k.cols == cols => {}
                (Some(k), Some(e)) if k.cols == cols && k.revision == e.from_revision => {
                    resplit(&mut self.rows, text, cols, e);
                    // Debug builds (every UI test) check the caller's edit against a full split.
                    debug_assert!(self.rows == split_rows(text, cols), "stale edit hint {e:?}");
                }
                _ => self.rows = split_rows(text, cols),
            }
            self.galleys.clear();
            self.key = Some(key);
        }
        // A few screens of laid-out rows (a row of coloured tokens holds tens of KB of glyphs): scrolling back
        // a little stays free, and a long scroll does not keep thousands of rows alive.
        if self.galleys.len() > GALLEY_CACHE_ROWS {
            self.galleys.clear();
        }

        let editable = opts.editable;
        let min_rows = match editable {
            Some(_) if opts.one_line => 1,
            Some(_) => 3,
            None => 0,
        };
        let total_h = row_h * self.rows.len().max(min_rows) as f32;
        let max_h = match (editable, self.height) {
            (Some(_), Some(h)) if !opts.one_line => h,
            _ if opts.max_height > 0.0 => opts.max_height,
            _ => f32::INFINITY,
        };
        let mut out = HighlightResponse::default();
        let scroll_to = opts.scroll_to.map(|byte| self.row_of(byte));
        let mut area = egui::ScrollArea::vertical()
            .id_salt(&self.id_salt)
            .max_height(max_h)
            .auto_shrink([false, true]);
        if let Some(offset) = opts.scroll_offset {
            area = area.vertical_scroll_offset(offset);
        }
        let scrolled = area.show_viewport(ui, |ui, viewport| {
            ui.set_height(total_h);
            let top_left = ui.max_rect().min;
            if let Some(row) = scroll_to {
                let y = top_left.y + row as f32 * row_h;
                ui.scroll_to_rect(
                    Rect::from_min_size(pos2(top_left.x, y), vec2(1.0, row_h)),
                    Some(Align::Center),
                );
            }
            let first = (viewport.min.y / row_h).floor().max(0.0) as usize;
            let last = ((viewport.max.y / row_h).ceil() as usize + 1).min(self.rows.len());
            let response = if editable.is_some() {
                // The whole visible box takes clicks and drags: below the last row places the caret at the end.
                // (The viewport is the area's largest size; the box shrinks to a short text.)
                let area = Rect::from_min_max(
                    top_left + vec2(0.0, viewport.min.y),
                    top_left
                        + vec2(
                            ui.max_rect().width(),
                            viewport.max.y.min(total_h).max(viewport.min.y + row_h),
                        ),
                );
                ui.interact(area, id, Sense::click_and_drag())
                    .on_hover_cursor(egui::CursorIcon::Text)
            } else {
                let area = Rect::from_min_size(
                    pos2(top_left.x, top_left.y + first as f32 * row_h),
                    vec2(
                        ui.max_rect().width(),
                        (last.saturating_sub(first)) as f32 * row_h,
                    ),
                );
                ui.interact(area, id, Sense::click())
            };
            let view = edit::Visible {
                id,
                top_left,
                row_h,
                rows: first..last,
                page_rows: (viewport.height() / row_h).floor().max(1.0) as usize,
                font_id: &font_id,
                palette,
                dimmed: opts.dimmed,
                multiline: !opts.one_line,
            };
            if let Some(current) = editable {
                let outcome = self.edit_ui(ui, text, &response, &view, current);
                out.submitted = outcome.submitted;
                out.edit = outcome.edit.map(|e| (e.range, e.with));
                if current && self.scroll_to_caret {
                    self.scroll_to_caret = false;
                    let target = self.scroll_target.take();
                    if let Some(byte) = target.or_else(|| self.selection.map(|s| s.caret)) {
                        let y = top_left.y + self.row_of(byte) as f32 * row_h;
                        ui.scroll_to_rect(
                            Rect::from_min_size(pos2(top_left.x, y), vec2(1.0, row_h)),
                            None,
                        );
                    }
                }
            }
            let mut visible_text = String::new();
            let painter = ui.painter().clone();
            for row_idx in first..last {
                let origin = pos2(top_left.x, top_left.y + row_idx as f32 * row_h);
                let galley = self.galley(ui, text, row_idx, &font_id, palette, opts.dimmed);
                if editable.is_some() {
                    self.paint_selection(&painter, text, row_idx, &galley, origin, palette);
                }
                let row = &self.rows[row_idx];
                // Pills first, so the text (an underscore on the baseline) is drawn over their outline.
                Self::paint_pills(&painter, text, row, &galley, origin, palette);
                painter.galley(origin, Arc::clone(&galley), palette.text());
                Self::paint_boundaries(&painter, text, row, &galley, origin, palette);
                for emph in opts.emphasis {
                    paint_range(&painter, text, row, &galley, origin, emph, palette, true);
                }
                if visible_text.len() < 16 * 1024 {
                    visible_text.push_str(&text.text()[row.bytes.clone()]);
                    if row.line_end {
                        visible_text.push('\n');
                    }
                }
            }
            if editable.is_some() && text.text().is_empty() && !opts.hint.is_empty() {
                painter.text(
                    top_left + vec2(2.0, 0.0),
                    egui::Align2::LEFT_TOP,
                    opts.hint,
                    font_id.clone(),
                    palette.weak(),
                );
            }
            self.hover_ui(
                ui, text, &response, &painter, top_left, row_h, &font_id, palette, opts, &mut out,
            );
            if editable.is_some() {
                if response.has_focus() {
                    self.paint_caret(ui, text, &view, response.rect);
                }
                // The whole text for AccessKit while it is small; the visible rows of a large one.
                let value = if text.text().len() <= 64 * 1024 {
                    text.text().to_owned()
                } else {
                    visible_text
                };
                response.widget_info(|| {
                    WidgetInfo::text_edit(true, value.clone(), value.clone(), opts.hint)
                });
                ui.ctx().accesskit_node_builder(id, |b| {
                    b.set_role(if opts.one_line {
                        egui::accesskit::Role::TextInput
                    } else {
                        egui::accesskit::Role::MultilineTextInput
                    });
                });
                if let Some(label) = opts.labelled_by {
                    let _ = response.labelled_by(label);
                }
            } else {
                response.widget_info(|| {
                    WidgetInfo::labeled(egui::Role::Label, true, visible_text.clone())
                });
            }
        });
        out.scroll_offset = scrolled.state.clamped_offset().y;
        out
    }

    /// The span under the pointer: outlined, its card shown, a click reported.
    #[expect(clippy::too_many_arguments, reason = "the frame's layout, passed once")]
    fn hover_ui(
        &mut self,
        ui: &Ui,
        text: &SpannedText,
        response: &egui::Response,
        painter: &egui::Painter,
        top_left: Pos2,
        row_h: f32,
        font_id: &FontId,
        palette: Palette,
        opts: &HighlightOptions<'_>,
        out: &mut HighlightResponse,
    ) {
        if let Some(pos) = response.hover_pos() {
            let row_idx = ((pos.y - top_left.y) / row_h).floor().max(0.0) as usize;
            if row_idx < self.rows.len() {
                let origin = pos2(top_left.x, top_left.y + row_idx as f32 * row_h);
                let galley = self.galley(ui, text, row_idx, font_id, palette, opts.dimmed);
                let row = self.rows[row_idx].clone();
                if let Some(byte) = byte_at(text, &row, &galley, pos - origin) {
                    out.hovered_byte = Some(byte);
                    out.hovered = text.span_at(byte);
                }
                if let Some(span_idx) = out.hovered
                    && let Some(span) = text.spans().get(span_idx)
                {
                    paint_range(
                        painter,
                        text,
                        &row,
                        &galley,
                        origin,
                        &span.byte_range,
                        palette,
                        false,
                    );
                }
            }
        }
        if let Some(span_idx) = out.hovered {
            let group = text.coinciding(span_idx);
            let spans = text.spans();
            // While the user drags a selection, no card gets in the way.
            if response.dragged() {
                return;
            }
            let response = response.clone().on_hover_ui_at_pointer(|ui| {
                ui.set_max_width(420.0);
                if let Some(card) = opts.hover_card {
                    card(ui, text, group);
                } else {
                    for s in &spans[group] {
                        hover_card_ui(ui, s);
                    }
                }
            });
            if response.clicked() && self.selection.is_none_or(|s| s.is_empty()) {
                out.clicked = Some(span_idx);
            }
        }
    }

    fn row_of(&self, byte: usize) -> usize {
        self.rows
            .partition_point(|r| {
                r.bytes.end < byte
                    || (r.bytes.end == byte && !r.line_end && r.bytes.end > r.bytes.start)
            })
            .min(self.rows.len().saturating_sub(1))
    }

    fn galley(
        &mut self,
        ui: &Ui,
        text: &SpannedText,
        row_idx: usize,
        font_id: &FontId,
        palette: Palette,
        dimmed: bool,
    ) -> Arc<Galley> {
        if !dimmed && let Some(g) = self.galleys.get(&row_idx) {
            return Arc::clone(g);
        }
        let row = &self.rows[row_idx];
        let job = row_job(text, row, font_id, palette, self.whitespace, dimmed);
        let galley = ui.ctx().fonts_mut(|f| f.layout_job(job));
        if !dimmed {
            self.galleys.insert(row_idx, Arc::clone(&galley));
        }
        galley
    }
}
