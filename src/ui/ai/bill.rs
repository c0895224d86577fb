//! The Chat view's bill: what the conversation costs turn by turn (a table and a chart), with the prompt-caching
//! assumption, a fresh chat at turn N for comparison, a generator of N turns of L tokens, and CSV export.
//! Draws from the `ai::bill` core; the counts come from the chat view's worker.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::side::group_digits;
use crate::ai::bill::{
    BillError, BillOptions, BillReport, Conversation, DEFAULT_SUMMARY_TOKENS, Rates, bill, csv,
    format_usd,
};
use crate::i18n::{Worded as _, Words, tr};
use crate::ui::file_pick::{FilePick, PickKind};
use crate::ui::theme::Palette;

/// The most turns the generator makes.
pub const MAX_GENERATED_TURNS: usize = 2000;

/// What the chart shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Chart {
    Tokens,
    Cost,
}

/// State of the bill panel.
pub struct BillState {
    /// A generated conversation in place of the messages.
    generated: Option<Conversation>,
    gen_turns: usize,
    gen_user: u64,
    gen_assistant: u64,
    fresh_on: bool,
    fresh_at: usize,
    summary_tokens: u64,
    cache: bool,
    chart: Chart,
    csv_path: String,
    pick: FilePick,
    /// The last export: written (true) or not, and what to say.
    export: Option<(bool, Words)>,
}

impl Default for BillState {
    fn default() -> Self {
        Self {
            generated: None,
            gen_turns: 20,
            gen_user: 200,
            gen_assistant: 600,
            fresh_on: false,
            fresh_at: 10,
            summary_tokens: DEFAULT_SUMMARY_TOKENS,
            cache: true,
            chart: Chart::Cost,
            csv_path: String::new(),
            pick: FilePick::default(),
            export: None,
        }
    }
}

/// A labelled number field.
fn number_ui<T: egui::emath::Numeric>(ui: &mut Ui, label: &str, value: &mut T, max: T) {
    let l = ui.label(label);
    ui.add(egui::DragValue::new(value).range(T::from_f64(0.0)..=max))
        .labelled_by(l.id);
}

/// Draw the bill for `messages` (the chat's turns once counted) at `rates` (`None`: no price known).
pub(super) fn bill_ui(
    ui: &mut Ui,
    st: &mut BillState,
    messages: Option<&Conversation>,
    rates: Option<Rates>,
) {
    ui.heading(tr!("ai.bill.title"));
    ui.weak(tr!("ai.bill.why"));
    ui.horizontal_wrapped(|ui| {
        let generated = st.generated.is_some();
        if ui
            .selectable_label(!generated, tr!("ai.bill.from_messages"))
            .clicked()
        {
            st.generated = None;
        }
        if ui
            .selectable_label(generated, tr!("ai.bill.from_generated"))
            .clicked()
            && !generated
        {
            st.generated = Some(generate(st));
        }
    });
    ui.horizontal_wrapped(|ui| {
        number_ui(
            ui,
            tr!("ai.bill.gen_turns"),
            &mut st.gen_turns,
            MAX_GENERATED_TURNS,
        );
        number_ui(ui, tr!("ai.bill.gen_user"), &mut st.gen_user, 1_000_000);
        number_ui(
            ui,
            tr!("ai.bill.gen_assistant"),
            &mut st.gen_assistant,
            1_000_000,
        );
        if ui.button(tr!("ai.bill.generate")).clicked() {
            st.generated = Some(generate(st));
        }
    });
    let Some(conv) = st.generated.clone().or_else(|| messages.cloned()) else {
        ui.weak(tr!("ai.bill.counting"));
        return;
    };
    let turns = conv.turns.len();
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut st.cache, tr!("ai.bill.cache"))
            .on_hover_text(tr!("ai.bill.cache_hint"));
        // A fresh chat needs two turns; the turn chosen is kept while there are fewer.
        ui.add_enabled_ui(turns >= 2, |ui| {
            ui.checkbox(&mut st.fresh_on, tr!("ai.bill.fresh"));
            if turns >= 2 {
                let l = ui.label(tr!("ai.bill.fresh_at"));
                st.fresh_at = st.fresh_at.clamp(2, turns);
                ui.add(egui::Slider::new(&mut st.fresh_at, 2..=turns))
                    .labelled_by(l.id);
            }
            number_ui(
                ui,
                tr!("ai.bill.summary"),
                &mut st.summary_tokens,
                1_000_000,
            );
        });
    });
    let opts = BillOptions {
        cache: st.cache,
        fresh_at: (st.fresh_on && turns >= 2).then_some(st.fresh_at),
        summary_tokens: st.summary_tokens,
    };
    let report = match bill(&conv, &rates.unwrap_or_default(), opts) {
        Ok(r) => r,
        Err(e) => {
            error_ui(ui, &e);
            return;
        }
    };
    if rates.is_none() {
        ui.weak(tr!("ai.bill.no_price"));
    }
    summary_ui(ui, &report, rates);
    export_ui(ui, st, &report);
    ui.horizontal(|ui| {
        ui.selectable_value(&mut st.chart, Chart::Cost, tr!("ai.bill.chart_cost"));
        ui.selectable_value(&mut st.chart, Chart::Tokens, tr!("ai.bill.chart_tokens"));
    });
    chart_ui(ui, st.chart, &report);
    table_ui(ui, &report);
}

fn generate(st: &BillState) -> Conversation {
    Conversation::generated(
        st.gen_turns.clamp(1, MAX_GENERATED_TURNS),
        st.gen_user,
        st.gen_assistant,
        0,
    )
}

fn error_ui(ui: &mut Ui, e: &BillError) {
    ui.colored_label(Palette::of(ui).error(), e.words().text());
}

fn money(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), format_usd)
}

fn summary_ui(ui: &mut Ui, report: &BillReport, rates: Option<Rates>) {
    let b = &report.bill;
    ui.label(
        RichText::new(trf!(
            "ai.bill.total",
            &[
                ("turns", &b.turns.len()),
                ("input", &group_digits(b.total_input_tokens as usize)),
                ("cached", &group_digits(b.total_cached_tokens as usize)),
                ("output", &group_digits(b.total_output_tokens as usize)),
                ("cost", &money(b.total_usd)),
            ],
        ))
        .strong(),
    );
    let palette = Palette::of(ui);
    let window = rates.map_or(0, |r| r.context_window);
    if let Some(t) = b.first_overflow {
        ui.colored_label(
            palette.warn(),
            trf!(
                "ai.bill.overflow",
                &[("turn", &t), ("window", &group_digits(window as usize))],
            ),
        );
    } else if window > 0 {
        ui.weak(tr!("ai.bill.fits"));
    }
    if let Some(f) = &report.fresh {
        let worse = f.saved_input_tokens < 0 || f.saved_usd.is_some_and(|s| s < 0.0);
        if worse {
            ui.colored_label(
                palette.warn(),
                trf!(
                    "ai.bill.fresh_costs_more",
                    &[
                        ("at", &f.at),
                        ("summary", &group_digits(f.summary_tokens as usize)),
                        ("fresh", &money(f.bill.total_usd)),
                        ("more", &money(f.saved_usd.map(|s| -s))),
                    ],
                ),
            );
            return;
        }
        ui.label(trf!(
            "ai.bill.fresh_saves",
            &[
                ("at", &f.at),
                ("summary", &group_digits(f.summary_tokens as usize)),
                ("fresh", &money(f.bill.total_usd)),
                ("saved", &money(f.saved_usd)),
                (
                    "tokens",
                    &group_digits(f.saved_input_tokens.max(0) as usize)
                ),
            ],
        ));
    }
}

fn export_ui(ui: &mut Ui, st: &mut BillState, report: &BillReport) {
    ui.horizontal(|ui| {
        let l = ui.label(tr!("ai.bill.csv_file"));
        ui.add(
            egui::TextEdit::singleline(&mut st.csv_path)
                .hint_text(tr!("ai.bill.csv_hint"))
                .desired_width(180.0),
        )
        .labelled_by(l.id);
        let mut target = (ui.button(tr!("ai.bill.export")).clicked()
            && !st.csv_path.trim().is_empty())
        .then(|| std::path::PathBuf::from(st.csv_path.trim()));
        if let Some(p) =
            st.pick
                .browse_ui(ui, tr!("ai.bill.export_as"), PickKind::Save, &st.csv_path)
        {
            st.csv_path = p.display().to_string();
            target = Some(p);
        }
        if let Some(path) = target {
            // A bill is at most a few hundred kilobytes: written in the frame.
            let text = csv(report);
            st.export = Some(match std::fs::write(&path, text) {
                Ok(()) => (
                    true,
                    words!("ai.bill.exported")
                        .with("rows", report.bill.turns.len())
                        .with("path", path.display()),
                ),
                Err(e) => (
                    false,
                    words!("ai.bill.export_failed")
                        .with("path", path.display())
                        .with("err", e),
                ),
            });
        }
    });
    if let Some((ok, words)) = &st.export {
        let p = Palette::of(ui);
        ui.colored_label(if *ok { p.ok() } else { p.error() }, words.text());
    }
}

fn chart_ui(ui: &mut Ui, chart: Chart, report: &BillReport) {
    let palette = Palette::of(ui);
    let l = ui.label(tr!("ai.bill.chart"));
    let series = |b: &crate::ai::bill::Bill, f: &dyn Fn(&crate::ai::bill::TurnBill) -> f64| {
        b.turns
            .iter()
            .map(|t| [t.turn as f64, f(t)])
            .collect::<Vec<[f64; 2]>>()
    };
    let b = &report.bill;
    let fresh = report.fresh.as_ref();
    let dashed = egui_plot::LineStyle::dashed_loose();
    let r = egui_plot::Plot::new("ai_bill_chart")
        .height(170.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        // Top left: the cumulative lines rise to the right.
        .legend(egui_plot::Legend::default().position(egui_plot::Corner::LeftTop))
        .y_axis_min_width(48.0)
        .show(ui, |plot| {
            match chart {
                Chart::Cost => {
                    let cost = |t: &crate::ai::bill::TurnBill| t.cost_usd.unwrap_or(0.0);
                    let cum = |t: &crate::ai::bill::TurnBill| t.cumulative_usd.unwrap_or(0.0);
                    plot.line(egui_plot::Line::new(
                        tr!("ai.bill.series_cost"),
                        series(b, &cost),
                    ));
                    plot.line(egui_plot::Line::new(
                        tr!("ai.bill.series_cumulative"),
                        series(b, &cum),
                    ));
                    if let Some(f) = fresh {
                        plot.line(
                            egui_plot::Line::new(
                                tr!("ai.bill.series_fresh_cumulative"),
                                series(&f.bill, &cum),
                            )
                            .color(palette.warn())
                            .style(dashed),
                        );
                    }
                }
                Chart::Tokens => {
                    let input = |t: &crate::ai::bill::TurnBill| t.input_tokens as f64;
                    let cached = |t: &crate::ai::bill::TurnBill| t.cached_tokens as f64;
                    let output = |t: &crate::ai::bill::TurnBill| {
                        t.output_tokens.saturating_add(t.reasoning_tokens) as f64
                    };
                    plot.line(egui_plot::Line::new(
                        tr!("ai.bill.series_input"),
                        series(b, &input),
                    ));
                    plot.line(egui_plot::Line::new(
                        tr!("ai.bill.series_cached"),
                        series(b, &cached),
                    ));
                    plot.line(egui_plot::Line::new(
                        tr!("ai.bill.series_output"),
                        series(b, &output),
                    ));
                    if let Some(f) = fresh {
                        plot.line(
                            egui_plot::Line::new(
                                tr!("ai.bill.series_fresh_input"),
                                series(&f.bill, &input),
                            )
                            .color(palette.warn())
                            .style(dashed),
                        );
                    }
                }
            }
            if let Some(f) = fresh {
                plot.vline(
                    egui_plot::VLine::new(tr!("ai.bill.series_fresh_at"), f.at as f64)
                        .color(palette.weak())
                        .style(dashed),
                );
            }
        });
    r.response.labelled_by(l.id);
}

fn table_ui(ui: &mut Ui, report: &BillReport) {
    let body_font = egui::TextStyle::Body.resolve(ui.style());
    let row_h = ui.ctx().fonts_mut(|f| f.row_height(&body_font)) + 4.0;
    let fresh = report.fresh.as_ref();
    let turns = &report.bill.turns;
    ui.push_id("ai_bill_table", |ui| {
        let mut table = TableBuilder::new(ui)
            .striped(true)
            .stick_to_bottom(true)
            .auto_shrink([false, false])
            .max_scroll_height(f32::INFINITY)
            .cell_layout(egui::Layout::right_to_left(egui::Align::Center))
            .column(Column::auto().at_least(36.0));
        for _ in 0..5 {
            table = table.column(Column::auto().at_least(64.0));
        }
        if fresh.is_some() {
            table = table.column(Column::auto().at_least(72.0));
        }
        let mut heads = vec![
            key!("ai.bill.col_turn"),
            key!("ai.bill.col_input"),
            key!("ai.bill.col_cached"),
            key!("ai.bill.col_output"),
            key!("ai.bill.col_cost"),
            key!("ai.bill.col_cumulative"),
        ];
        if fresh.is_some() {
            heads.push(key!("ai.bill.col_fresh"));
        }
        table
            .header(row_h, |mut header| {
                for key in &heads {
                    header.col(|ui| {
                        ui.strong(tr(key));
                    });
                }
            })
            .body(|body| {
                body.rows(row_h, turns.len(), |mut row| {
                    let i = row.index();
                    let Some(t) = turns.get(i) else {
                        return;
                    };
                    let over = !t.fits;
                    row.col(|ui| {
                        ui.label(t.turn.to_string());
                    });
                    for n in [t.input_tokens, t.cached_tokens, t.output_tokens] {
                        row.col(|ui| {
                            let text = RichText::new(group_digits(n as usize));
                            // A request over the context window is shown in the warning colour.
                            ui.label(if over {
                                text.color(Palette::of(ui).warn())
                            } else {
                                text
                            });
                        });
                    }
                    row.col(|ui| {
                        ui.label(money(t.cost_usd));
                    });
                    row.col(|ui| {
                        ui.label(money(t.cumulative_usd));
                    });
                    if let Some(f) = fresh {
                        row.col(|ui| {
                            ui.label(money(f.bill.turns.get(i).and_then(|t| t.cumulative_usd)));
                        });
                    }
                });
            });
    });
}
