//! The image as the chosen model sees it: the picture fitted into the view, the tile or patch grid drawn over it
//! (mapped from the resized image back onto the original, whose aspect the resize keeps), and a caption over the
//! top edge with each resize step.

use std::fmt::Write as _;

use egui::{Align2, Color32, FontId, Pos2, Rect, Role, Sense, Ui, Vec2, WidgetInfo};

use crate::ai::media::{ImageCount, Size};
use crate::ui::theme::Palette;

/// Cells are numbered when there are at most this many.
const NUMBERED: u64 = 48;

/// Draw the picture with `count`'s grid over it.
pub fn picture_ui(
    ui: &mut Ui,
    texture: Option<&egui::TextureHandle>,
    size: Size,
    count: Option<&ImageCount>,
) {
    let avail = ui.available_size();
    let aspect = f64::from(size.w.max(1)) / f64::from(size.h.max(1));
    let (w, h) = if f64::from(avail.x) / f64::from(avail.y.max(1.0)) > aspect {
        (f64::from(avail.y) * aspect, f64::from(avail.y))
    } else {
        (f64::from(avail.x), f64::from(avail.x) / aspect)
    };
    let (rect, response) = ui.allocate_exact_size(Vec2::new(w as f32, h as f32), Sense::hover());
    let label = count.map_or_else(
        || size.to_string(),
        |c| {
            let grid = c
                .grid
                .map_or_else(String::new, |g| format!(", {} × {}", g.cols, g.rows));
            format!("{} → {}{grid}", c.original, c.final_size())
        },
    );
    response.widget_info(|| {
        WidgetInfo::labeled(
            Role::Image,
            true,
            format!("{}: {label}", tr!("ai.media.picture")),
        )
    });
    let painter = ui.painter_at(rect.expand(2.0));
    match texture {
        Some(t) => {
            painter.image(
                t.id(),
                rect,
                Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0)),
                Color32::WHITE,
            );
        }
        None => {
            painter.rect_filled(rect, 0.0, Palette::of(ui).meter_track());
        }
    }
    if let Some(c) = count {
        grid_ui(ui, &painter, rect, c);
        caption_ui(ui, &painter, rect, c);
    }
    if let Some(pos) = response.hover_pos() {
        let text = hover_text(rect, size, count, pos);
        response.on_hover_text_at_pointer(text);
    }
}

/// Grid lines: the grid covers `cols × cell` of the resized image, which may reach past its edge (a last, partial
/// patch); that part is drawn too, outside the picture, as the model pads it.
fn grid_ui(ui: &Ui, painter: &egui::Painter, rect: Rect, c: &ImageCount) {
    let Some(g) = c.grid else { return };
    let palette = Palette::of(ui);
    let (casing, line) = palette.over_image();
    let sx = rect.width() as f64 / f64::from(g.over.w.max(1));
    let sy = rect.height() as f64 / f64::from(g.over.h.max(1));
    let grid_w = (g.cols as f64 * g.cell_w * sx) as f32;
    let grid_h = (g.rows as f64 * g.cell_h * sy) as f32;
    let full = Rect::from_min_size(rect.min, Vec2::new(grid_w, grid_h));
    // Thousands of patches would be a solid fill; draw at most one line every 3 px.
    let step_x = ((3.0 / (g.cell_w * sx)).ceil() as u64).max(1);
    let step_y = ((3.0 / (g.cell_h * sy)).ceil() as u64).max(1);
    let mut lines = Vec::new();
    for i in (0..=g.cols).step_by(step_x as usize) {
        let x = rect.min.x + (i as f64 * g.cell_w * sx) as f32;
        lines.push([Pos2::new(x, full.min.y), Pos2::new(x, full.max.y)]);
    }
    for j in (0..=g.rows).step_by(step_y as usize) {
        let y = rect.min.y + (j as f64 * g.cell_h * sy) as f32;
        lines.push([Pos2::new(full.min.x, y), Pos2::new(full.max.x, y)]);
    }
    for stroke in [casing, line] {
        for l in &lines {
            painter.line_segment(*l, stroke);
        }
    }
    if g.cells() <= NUMBERED {
        let font = FontId::proportional(13.0);
        for j in 0..g.rows {
            for i in 0..g.cols {
                // In the middle of the part of the cell that covers the picture (a last cell may reach past it).
                let mid = |k: u64, cell: f64, side: u32| {
                    let start = k as f64 * cell;
                    f64::midpoint(start, (start + cell).min(f64::from(side)))
                };
                let at = Pos2::new(
                    rect.min.x + (mid(i, g.cell_w, g.over.w) * sx) as f32,
                    rect.min.y + (mid(j, g.cell_h, g.over.h) * sy) as f32,
                );
                badge(
                    painter,
                    ui,
                    at,
                    Align2::CENTER_CENTER,
                    &(j * g.cols + i + 1).to_string(),
                    font.clone(),
                );
            }
        }
    }
}

/// The resize steps as one line over the picture's top edge: `4032×3024 → 2048×1536 → 1024×768 · 2 × 2 tiles`.
fn caption_ui(ui: &Ui, painter: &egui::Painter, rect: Rect, c: &ImageCount) {
    let mut text = c.original.to_string();
    for s in &c.steps {
        text.push_str(" → ");
        text.push_str(&s.to.to_string());
    }
    if let Some(g) = c.grid {
        let kind = if g.tiles {
            tr!("ai.media.tiles")
        } else {
            tr!("ai.media.patches")
        };
        let _ = write!(text, " · {} × {} {kind}", g.cols, g.rows);
    }
    let _ = write!(text, " · {}", c.formula_words().text());
    badge(
        painter,
        ui,
        rect.left_top() + Vec2::new(6.0, 6.0),
        Align2::LEFT_TOP,
        &text,
        FontId::proportional(14.0),
    );
}

fn badge(painter: &egui::Painter, ui: &Ui, at: Pos2, align: Align2, text: &str, font: FontId) {
    let palette = Palette::of(ui);
    let galley = painter.layout_no_wrap(text.to_owned(), font, palette.over_image_label_text());
    let r = align
        .anchor_size(at, galley.size())
        .expand2(Vec2::new(4.0, 2.0));
    painter.rect_filled(r, 3.0, palette.over_image_label_fill());
    painter.galley(
        r.min + Vec2::new(4.0, 2.0),
        galley,
        palette.over_image_label_text(),
    );
}

/// Under the pointer: the pixel of the original, and the cell it falls in.
fn hover_text(rect: Rect, size: Size, count: Option<&ImageCount>, pos: Pos2) -> String {
    let fx = f64::from((pos.x - rect.min.x) / rect.width()).clamp(0.0, 1.0);
    let fy = f64::from((pos.y - rect.min.y) / rect.height()).clamp(0.0, 1.0);
    let px = (fx * f64::from(size.w)) as u32;
    let py = (fy * f64::from(size.h)) as u32;
    let mut text = format!("x {px}, y {py}");
    if let Some(g) = count.and_then(|c| c.grid) {
        let col = ((fx * f64::from(g.over.w)) / g.cell_w) as u64;
        let row = ((fy * f64::from(g.over.h)) / g.cell_h) as u64;
        let col = col.min(g.cols.saturating_sub(1));
        let row = row.min(g.rows.saturating_sub(1));
        let _ = write!(
            text,
            " · {} {}",
            tr!("ai.media.cell"),
            row * g.cols + col + 1
        );
    }
    text
}
