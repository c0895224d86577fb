//! The field table of an inspection: one row per decoded field, linked both ways with the spans of the hex view
//! (hover or click a row and its bytes light up; hover or click a span and its row does).

use egui::{Align, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use crate::i18n::tr;
use crate::ledger::eth::Inspection;
use crate::text::reveal;

/// The links coming in from the hex view.
pub(super) struct Links {
    /// The field whose span is under the pointer.
    pub hovered: Option<usize>,
    /// The selected field.
    pub selected: Option<usize>,
    /// Scroll this row into view (set for one frame).
    pub scroll_to: Option<usize>,
}

/// What the pointer did to the table this frame.
#[derive(Default)]
pub(super) struct TableEvents {
    /// The row under the pointer.
    pub hovered: Option<usize>,
    /// The row that was clicked.
    pub clicked: Option<usize>,
}

/// Draw the table. `values` are the fields' values worded in the language in use (`values[i]` for field `i`).
pub(super) fn fields_table_ui(
    ui: &mut Ui,
    ins: &Inspection,
    values: &[String],
    links: &Links,
) -> TableEvents {
    let mut events = TableEvents::default();
    let body_font = egui::TextStyle::Body.resolve(ui.style());
    let (row_h, digit_w) = ui
        .ctx()
        .fonts_mut(|f| (f.row_height(&body_font), f.glyph_width(&body_font, '0')));
    ui.push_id("inspect_fields", |ui| {
        ui.style_mut().interaction.selectable_labels = false;
        TableBuilder::new(ui)
            .striped(true)
            .sense(Sense::click())
            .vscroll(false)
            .cell_layout(egui::Layout::left_to_right(Align::Min))
            .column(Column::auto().at_least(120.0))
            .column(Column::remainder().at_least(200.0).clip(true))
            .column(Column::exact(96.0))
            .header(row_h + 4.0, |mut header| {
                for key in [
                    key!("inspect.col_field"),
                    key!("inspect.col_value"),
                    key!("inspect.col_bytes"),
                ] {
                    header.col(|ui| {
                        ui.strong(tr(key));
                    });
                }
            })
            .body(|mut body| {
                let value_w = body.widths().get(1).copied().unwrap_or(300.0).max(60.0);
                for (i, (field, value)) in ins.fields.iter().zip(values).enumerate() {
                    // Values wrap: estimate the lines from the digit width (values are mostly digits and hex).
                    let width = value.chars().count() as f32 * digit_w * 1.1;
                    let lines = (width / value_w).ceil().max(1.0);
                    body.row(lines * row_h + 4.0, |mut row| {
                        row.set_selected(links.selected == Some(i));
                        row.set_hovered(links.hovered == Some(i));
                        row.col(|ui| {
                            ui.monospace(&field.name);
                        });
                        row.col(|ui| {
                            ui.add(egui::Label::new(reveal(value)).wrap());
                        });
                        row.col(|ui| {
                            ui.weak(format!(
                                "{}..{}",
                                field.byte_range.start, field.byte_range.end
                            ));
                        });
                        let r = row.response();
                        if links.scroll_to == Some(i) {
                            r.scroll_to_me(Some(Align::Center));
                        }
                        if r.hovered() {
                            events.hovered = Some(i);
                        }
                        if r.clicked() {
                            events.clicked = Some(i);
                        }
                    });
                }
            });
    });
    events
}
