//! The side panel: counts, cost and context fill, the id list linked to the text, and decoding ids to text.

use egui::{RichText, Ui};

use super::AiTab;
use super::tokens::escape_visible;
use crate::ai::{Counts, Decoded, decode_ids, hex_bytes, model};
use crate::i18n::Worded as _;
use crate::ui::theme::Palette;

pub(super) fn side_ui(ui: &mut Ui, tab: &mut AiTab) {
    egui::ScrollArea::vertical()
        .id_salt("ai_side_scroll")
        .show(ui, |ui| {
            counts_ui(ui, tab);
            ui.separator();
            cost_ui(ui, tab);
            ui.separator();
            decode_ui(ui, tab);
            ui.separator();
            id_list_ui(ui, tab);
        });
}

fn counts_ui(ui: &mut Ui, tab: &AiTab) {
    ui.heading(tr!("ai.counts"));
    let Some(shown) = &tab.engine.shown else {
        return;
    };
    let text = shown.doc.text();
    let c = Counts {
        tokens: shown.doc.count(),
        chars: shown.chars,
        bytes: text.len(),
    };
    let virtual_n = if shown.key.1.add_special_tokens {
        shown.loaded.bos.len() + shown.loaded.eos.len()
    } else {
        0
    };
    egui::Grid::new("ai_counts").num_columns(2).show(ui, |ui| {
        ui.label(tr!("ai.tokens"));
        ui.label(RichText::new(group_digits(c.tokens)).strong().size(20.0))
            .on_hover_text(tr!("ai.tokens_hint"));
        ui.end_row();
        if virtual_n > 0 {
            ui.label(tr!("ai.with_bos_eos"));
            ui.label(group_digits(c.tokens + virtual_n));
            ui.end_row();
        }
        ui.label(tr!("ai.characters"));
        ui.label(group_digits(c.chars));
        ui.end_row();
        ui.label(tr!("ai.bytes"));
        ui.label(group_digits(c.bytes));
        ui.end_row();
        ui.label(tr!("ai.chars_per_token"));
        ui.label(format!("{:.2}", c.chars_per_token()));
        ui.end_row();
        ui.label(tr!("ai.encoding"));
        ui.label(RichText::new(&shown.loaded.name).monospace());
        ui.end_row();
    });
    estimate_ui(ui, &tab.settings.model);
    if shown.loaded.vocab == Some(crate::ai::Vocab::Llama3) {
        ui.weak(tr!("ai.llama_notice"));
    }
    if let Some(first) = shown.dropped.first.clone() {
        let c = escape_visible(text.get(first.clone()).unwrap_or_default());
        ui.colored_label(
            Palette::of(ui).warn(),
            trf!(
                "ai.dropped",
                &[
                    ("n", &group_digits(shown.dropped.chars)),
                    ("at", &first.start),
                    ("c", &c),
                ],
            ),
        );
    }
}

/// Says so when the model's count is an estimate: its vocabulary is unpublished or not bundled, and a stand-in counts.
pub(super) fn estimate_ui(ui: &mut Ui, model_id: &str) {
    let Some(m) = model(model_id).filter(|m| !m.count.is_exact()) else {
        return;
    };
    ui.colored_label(
        Palette::of(ui).warn(),
        trf!(
            "ai.estimate_note",
            &[("model", &m.name), ("vocab", &m.vocab.name())],
        ),
    );
}

fn cost_ui(ui: &mut Ui, tab: &AiTab) {
    ui.heading(tr!("ai.cost"));
    let palette = Palette::of(ui);
    let Some(shown) = &tab.engine.shown else {
        return;
    };
    let Some(m) = model(&tab.settings.model) else {
        ui.weak(tr!("ai.no_price_custom"));
        return;
    };
    let n = shown.doc.count()
        + if shown.key.1.add_special_tokens {
            shown.loaded.bos.len() + shown.loaded.eos.len()
        } else {
            0
        };
    let Some(price) = tab.pricing.table.get(m.id) else {
        ui.weak(tr!("ai.no_price"));
        return;
    };
    match price.input_cost(n) {
        Some(cost) => {
            ui.label(
                RichText::new(trf!(
                    "ai.input_cost",
                    &[
                        ("cost", &format_usd(cost)),
                        ("price", &format!("{}", price.input_per_1m.unwrap_or(0.0))),
                    ],
                ))
                .strong(),
            );
            if let Some(c) = price.cached_input_per_1m {
                ui.weak(trf!(
                    "ai.cached_cost",
                    &[("cost", &format_usd(c * n as f64 / 1e6))],
                ));
            }
            if let Some(o) = price.output_per_1m {
                ui.weak(trf!("ai.output_price", &[("price", &format!("{o}"))]));
            }
        }
        None => {
            ui.weak(tr!("ai.no_price"));
        }
    }
    let fill = price.fill(n);
    let label = trf!(
        "ai.context_fill",
        &[
            ("n", &group_digits(n)),
            ("window", &group_digits(price.context_window as usize)),
            ("pct", &percent(fill)),
        ],
    );
    context_bar_ui(ui, palette, fill, &label);
    if fill > 1.0 {
        ui.colored_label(palette.error(), tr!("ai.does_not_fit"));
    }
    ui.weak(tr!("ai.text_only"));
    ui.weak(trf!(
        "ai.price_source",
        &[
            ("date", &tab.pricing.table.as_of),
            ("source", &price.source),
        ],
    ));
    match (&tab.pricing.override_path, tab.pricing.overridden) {
        (Some(p), true) => ui.weak(trf!(
            "ai.override_used",
            &[("path", &p.display().to_string())],
        )),
        (Some(p), false) => ui.weak(trf!(
            "ai.override_where",
            &[("path", &p.display().to_string())],
        )),
        (None, _) => ui.weak(tr!("ai.override_none")),
    };
    if let Some(e) = &tab.pricing.error {
        ui.colored_label(palette.error(), e);
    }
}

/// The share of the context window as a bar with its label inside. Drawn here, not with `egui::ProgressBar`, whose
/// label takes the selection colour whatever the fill (over 100 % it was dark on red): the palette's meter colours
/// keep the label at 4.5:1 on the fill and on the empty track alike, so it reads wherever the fill ends. A label
/// wider than the bar wraps and the bar grows.
fn context_bar_ui(ui: &mut Ui, palette: Palette, fill: f64, label: &str) -> egui::Response {
    let margin = ui.spacing().item_spacing.x;
    let width = ui.available_size_before_wrap().x.max(96.0);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let galley = ui.painter().layout(
        label.to_owned(),
        font,
        palette.meter_text(),
        width - 2.0 * margin,
    );
    let height = ui.spacing().interact_size.y.max(galley.size().y + 4.0);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(
            egui::accesskit::Role::ProgressIndicator,
            ui.is_enabled(),
            label,
        );
        info.value = Some((fill * 100.0).floor());
        info
    });
    if ui.is_rect_visible(rect) {
        let painter = ui.painter();
        let radius = 4.0;
        painter.rect_filled(rect, radius, palette.meter_track());
        let filled = rect.width() * fill.clamp(0.0, 1.0) as f32;
        if filled >= 1.0 {
            let bar = egui::Rect::from_min_size(rect.min, egui::vec2(filled, rect.height()));
            painter.rect_filled(bar, radius, palette.meter_fill(fill > 1.0));
        }
        painter.rect_stroke(
            rect,
            radius,
            palette.meter_outline(),
            egui::StrokeKind::Inside,
        );
        let at = egui::pos2(
            rect.left() + margin,
            rect.center().y - galley.size().y / 2.0,
        );
        painter.galley(at, galley, palette.meter_text());
    }
    response
}

fn id_list_ui(ui: &mut Ui, tab: &mut AiTab) {
    ui.heading(tr!("ai.id_list"));
    let Some(shown) = &tab.engine.shown else {
        return;
    };
    let doc = std::sync::Arc::clone(&shown.doc);
    let loaded = std::sync::Arc::clone(&shown.loaded);
    let text = std::sync::Arc::clone(&shown.spanned);
    let row_h = ui.text_style_height(&egui::TextStyle::Monospace) + 2.0;
    let linked = tab.hovered_token;
    let mut area = egui::ScrollArea::vertical()
        .id_salt("ai_id_list")
        .max_height(ui.available_height().max(160.0))
        .auto_shrink([false, true]);
    if let Some(i) = tab.scroll_list_to.take() {
        area = area.vertical_scroll_offset((i as f32 * row_h - 100.0).max(0.0));
    }
    area.show_rows(ui, row_h, doc.count(), |ui, rows| {
        for i in rows {
            let Some(t) = doc.token(i) else { continue };
            let piece = &text.text()[t.range()];
            let shown_text = if t.special {
                loaded.token_str(t.id).unwrap_or_default()
            } else {
                match loaded.token_bytes(t.id).map(String::from_utf8) {
                    Some(Ok(s)) => escape_visible(&s),
                    _ => format!(
                        "[{}] {}",
                        hex_bytes(&loaded.token_bytes(t.id).unwrap_or_default()),
                        escape_visible(piece)
                    ),
                }
            };
            let selected = tab.selected == Some(i) || linked == Some(i);
            let r = ui.add(
                egui::Button::selectable(
                    selected,
                    RichText::new(format!("{i:>6}  {:>7}  {shown_text}", t.id)).monospace(),
                )
                .truncate(),
            );
            if r.hovered() {
                tab.hovered_list = Some(i);
            }
            if r.clicked() {
                tab.selected = Some(i);
                tab.scroll_text_to = Some(t.start as usize);
            }
        }
    });
}

fn decode_ui(ui: &mut Ui, tab: &mut AiTab) {
    ui.heading(tr!("ai.decode"));
    let palette = Palette::of(ui);
    let l = ui.label(tr!("ai.decode_label"));
    ui.add(
        egui::TextEdit::multiline(&mut tab.decode_input)
            .desired_rows(2)
            .desired_width(f32::INFINITY)
            .code_editor()
            .hint_text("[9906, 1917, 0]"),
    )
    .labelled_by(l.id);
    let Some(shown) = &tab.engine.shown else {
        return;
    };
    if tab.decode_input.trim().is_empty() {
        return;
    }
    match decode_ids(&shown.loaded, &tab.decode_input) {
        Ok(parts) => {
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.x = 2.0;
                for p in parts {
                    match p {
                        Decoded::Text(t) => {
                            ui.label(RichText::new(t).monospace());
                        }
                        Decoded::Bytes(b) => {
                            ui.label(
                                RichText::new(format!("<{}>", hex_bytes(&b)))
                                    .monospace()
                                    .color(palette.warn()),
                            )
                            .on_hover_text(tr!("ai.partial_utf8"));
                        }
                        Decoded::Special(s) => {
                            egui::Frame::new()
                                .stroke(palette.special_outline())
                                .corner_radius(8.0)
                                .inner_margin(egui::Margin::symmetric(4, 0))
                                .show(ui, |ui| ui.label(RichText::new(s).monospace()));
                        }
                    }
                }
            });
        }
        Err(e) => {
            ui.colored_label(palette.error(), e.words().text());
        }
    }
}

/// 1234567 → "1,234,567".
pub(super) fn group_digits(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Dollars with enough digits for small prompts: $0.000125.
/// A share as a percentage with one decimal; a non-zero share that would round to 0.0 shows as "<0.1".
fn percent(share: f64) -> String {
    if share > 0.0 && share < 0.0005 {
        "<0.1".to_owned()
    } else {
        format!("{:.1}", share * 100.0)
    }
}

pub(super) fn format_usd(v: f64) -> String {
    if v >= 1.0 {
        format!("${v:.2}")
    } else if v >= 0.01 {
        format!("${v:.4}")
    } else {
        format!("${v:.6}")
    }
}
