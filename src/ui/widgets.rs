//! Small shared widgets: labelled inputs, badges and copy buttons.

use egui::{Color32, RichText, Ui};

/// A multi-line monospace input with an accessible label above it.
pub fn labelled_code_input_ui(
    ui: &mut Ui,
    label: &str,
    text: &mut String,
    rows: usize,
    hint: &str,
) -> egui::Response {
    let l = ui.label(label);
    // A pasted JWKS or certificate chain scrolls inside the box instead of pushing what follows off the window.
    let row = ui.text_style_height(&egui::TextStyle::Monospace);
    egui::ScrollArea::vertical()
        .id_salt(l.id)
        .max_height(row * MAX_INPUT_ROWS + 2.0 * ui.spacing().button_padding.y)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            ui.add(
                egui::TextEdit::multiline(text)
                    .code_editor()
                    .desired_rows(rows)
                    .desired_width(f32::INFINITY)
                    .hint_text(hint),
            )
            .labelled_by(l.id)
        })
        .inner
}

/// Rows a multi-line input shows before it scrolls.
const MAX_INPUT_ROWS: f32 = 10.0;

/// A coloured badge.
pub fn badge_ui(ui: &mut Ui, text: &str, color: Color32) -> egui::Response {
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.0, color))
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| ui.label(RichText::new(text).color(color).strong()))
        .inner
}

/// A small "Copy" button that puts `text` on the clipboard.
pub fn copy_button_ui(ui: &mut Ui, label: &str, text: &str) {
    if ui.small_button(label).clicked() {
        ui.ctx().copy_text(text.to_owned());
    }
}

/// A byte count for people: 1.0 MB, 64.0 KB, 300 bytes.
pub fn human_bytes(n: usize) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MB", n as f64 / f64::from(1 << 20))
    } else if n >= 1 << 10 {
        format!("{:.1} KB", n as f64 / 1024.0)
    } else {
        trf!("size.bytes", &[("n", &n)])
    }
}
