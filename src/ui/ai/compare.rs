//! Compare: 2–4 tokenizers side by side on the prompt, with counts and the tokens whose boundaries differ, plus
//! an "all tokenizers" table with a bar chart.

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use egui::{RichText, Ui};

use super::engine::Source;
use super::side::group_digits;
use super::{AiTab, tokens};
use crate::ai::{
    AiError, Counts, EncodeOptions, Loaded, Progress, Token, Vocab, differing, encode_text, spanned,
};
use crate::i18n::{Worded as _, Words, tr};
use crate::text::{SpannedText, reveal};
use crate::ui::highlight::{HighlightOptions, HighlightView};
use crate::ui::job::{Job, Poll};
use crate::ui::theme::Palette;

/// One column of the comparison.
pub struct Column {
    /// The encoding name, or the user's file name.
    name: String,
    loaded: Arc<Loaded>,
    counts: Counts,
    spanned: SpannedText,
    differ: Vec<Range<usize>>,
}

/// (input revision, bundled vocabularies, options, the user's tokenizer by generation when it takes part).
type CompareKey = (u64, Vec<Vocab>, EncodeOptions, Option<u64>);
/// The key, the job and when it started (a column with the user's tokenizer has a time budget).
type CompareJob = (
    CompareKey,
    Job<Result<Vec<Column>, AiError>>,
    std::time::Instant,
);
type AllJob = (
    u64,
    Arc<AtomicUsize>,
    Job<Result<Vec<(Vocab, Counts)>, AiError>>,
);

/// State of the compare view.
#[derive(Default)]
pub struct CompareState {
    columns: Vec<Column>,
    key: Option<CompareKey>,
    job: Option<CompareJob>,
    views: Vec<HighlightView>,
    all: Vec<(Vocab, Counts)>,
    all_rev: Option<u64>,
    all_job: Option<AllJob>,
    /// Is the user's own tokenizer.json one of the columns?
    with_custom: bool,
    error: Option<Words>,
    /// Counts results put on screen (the views' revision).
    generation: u64,
    sync: Sync,
}

/// What the columns share: the scroll offset and the byte under the pointer.
#[derive(Default)]
struct Sync {
    /// The offset every column shows.
    offset: f32,
    /// An offset to push to every column next frame (one of them was scrolled).
    scroll: Option<f32>,
    /// The byte hovered in any column last frame.
    hovered_byte: Option<usize>,
}

impl CompareState {
    /// Is a comparison or the all-tokenizers count running?
    pub fn busy(&self) -> bool {
        self.job.is_some() || self.all_job.is_some()
    }
}

pub(super) fn compare_ui(ui: &mut Ui, tab: &mut AiTab) {
    poll(tab);
    ui.horizontal_wrapped(|ui| {
        ui.label(tr!("ai.compare_pick"));
        let custom = tab.custom.as_ref().map(|c| c.loaded.name.clone());
        tab.compare.with_custom &= custom.is_some();
        let columns = tab.settings.compare.len() + usize::from(tab.compare.with_custom);
        for v in Vocab::ALL {
            let mut on = tab.settings.compare.contains(&v);
            let r = ui.checkbox(&mut on, v.name());
            if r.changed() {
                if on && columns < 4 {
                    tab.settings.compare.push(v);
                } else if !on && columns > 2 {
                    tab.settings.compare.retain(|x| *x != v);
                }
            }
        }
        // The tokenizer.json the user opened can be a column too.
        if let Some(name) = custom {
            let mut on = tab.compare.with_custom;
            let r = ui.checkbox(&mut on, trf!("ai.compare_custom", &[("name", &name)]));
            if r.changed() && (if on { columns < 4 } else { columns > 2 }) {
                tab.compare.with_custom = on;
            }
        }
        ui.weak(tr!("ai.compare_limits"));
    });
    // The prompt is the Tokens view's coloured editor (the main model's tokens), kept short so the columns show.
    let prompt_h = (ui.available_height() * 0.22).clamp(60.0, 220.0);
    tokens::prompt_editor_ui(ui, tab, prompt_h);
    start_compare(ui.ctx(), tab);
    if let Some(e) = &tab.compare.error {
        ui.colored_label(Palette::of(ui).error(), e.text());
    }
    let stale = tab.compare.job.is_some();
    if stale {
        // Wake up to check the time budget even when the job does not finish.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(250));
        ui.horizontal(|ui| {
            ui.spinner();
            ui.weak(tr!("ai.tokenizing"));
            // Stop waiting; the columns stay as they were until the prompt or the choice changes.
            if ui.small_button(tr!("ai.cancel")).clicked()
                && let Some((key, _, _)) = tab.compare.job.take()
            {
                tab.compare.key = Some(key);
                tab.compare.error = Some(words!("ai.cancelled"));
            }
        });
    }
    let palette = Palette::of(ui);
    let n = tab.compare.columns.len().max(1);
    let height = (ui.available_height() - 150.0).max(160.0);
    tab.compare
        .views
        .resize_with(n, || HighlightView::new("ai_compare"));
    // Scroll and hover stay in step: the columns show one text, so a byte and a scroll offset mean the same in each.
    let sync = &mut tab.compare.sync;
    let scroll_offset = sync.scroll.take();
    let hovered_byte = sync.hovered_byte.take();
    let mut moved: Option<(usize, f32)> = None;
    ui.columns(n, |cols| {
        for (i, (col, ui)) in tab.compare.columns.iter().zip(cols.iter_mut()).enumerate() {
            ui.push_id(i, |ui| {
                ui.strong(reveal(&col.name));
                ui.label(trf!(
                    "ai.compare_stats",
                    &[
                        ("n", &group_digits(col.counts.tokens)),
                        ("cpt", &format!("{:.2}", col.counts.chars_per_token())),
                        ("bpt", &format!("{:.2}", col.counts.bytes_per_token())),
                    ],
                ));
                ui.weak(trf!(
                    "ai.compare_differ",
                    &[("n", &group_digits(col.differ.len()))],
                ));
                let loaded = Arc::clone(&col.loaded);
                let card = move |ui: &mut Ui, text: &SpannedText, group: Range<usize>| {
                    tokens::hover_card_ui(ui, &loaded, text, group);
                };
                let mut emphasis = col.differ.clone();
                if let Some(span) = hovered_byte.and_then(|b| col.spanned.span_at(b)) {
                    emphasis.push(col.spanned.spans()[span].byte_range.clone());
                }
                let opts = HighlightOptions {
                    emphasis: &emphasis,
                    dimmed: stale,
                    max_height: height,
                    hover_card: Some(&card),
                    scroll_offset,
                    ..HighlightOptions::default()
                };
                let view = &mut tab.compare.views[i];
                view.whitespace = tab.settings.whitespace;
                let rev = tab.compare.generation;
                let r = view.ui(ui, &col.spanned, rev, palette, &opts);
                if r.hovered_byte.is_some() {
                    tab.compare.sync.hovered_byte = r.hovered_byte;
                }
                // A column pushed to the shared offset this frame reports it back; only a user's scroll counts.
                if scroll_offset.is_none()
                    && (r.scroll_offset - tab.compare.sync.offset).abs() > 0.5
                {
                    moved = Some((i, r.scroll_offset));
                }
            });
        }
    });
    if let Some((_, offset)) = moved {
        tab.compare.sync.offset = offset;
        tab.compare.sync.scroll = Some(offset);
        ui.ctx().request_repaint();
    }
    ui.weak(tr!("ai.compare_legend"));
    ui.separator();
    all_ui(ui, tab);
}

fn poll(tab: &mut AiTab) {
    let budget = tab.engine.budget();
    let st = &mut tab.compare;
    if let Some((key, job, started)) = &st.job {
        match job.poll() {
            // The user's tokenizer cannot be interrupted: past its budget, its column goes and its thread
            // finishes alone.
            Poll::Pending if key.3.is_some() && started.elapsed() > budget => {
                st.error = Some(words!("ai.timed_out").with("secs", budget.as_secs()));
                st.with_custom = false;
                st.job = None;
            }
            Poll::Pending => {}
            Poll::Ready(Ok(cols)) => {
                st.columns = cols;
                st.generation += 1;
                st.key = Some(key.clone());
                st.error = None;
                st.job = None;
            }
            Poll::Ready(Err(e)) => {
                st.error = Some(e.words());
                st.key = Some(key.clone());
                st.job = None;
            }
            Poll::Failed => {
                st.error = Some(words!("ai.worker_failed"));
                st.key = Some(key.clone());
                st.job = None;
            }
        }
    }
    if let Some((rev, _, job)) = &st.all_job {
        match job.poll() {
            Poll::Pending => {}
            Poll::Ready(Ok(all)) => {
                st.all = all;
                st.all_rev = Some(*rev);
                st.all_job = None;
            }
            Poll::Ready(Err(e)) => {
                st.error = Some(e.words());
                st.all_job = None;
            }
            Poll::Failed => {
                st.error = Some(words!("ai.worker_failed"));
                st.all_job = None;
            }
        }
    }
}

fn start_compare(ctx: &egui::Context, tab: &mut AiTab) {
    let custom = tab
        .custom
        .as_ref()
        .filter(|_| tab.compare.with_custom)
        .map(|c| (c.generation, Arc::clone(&c.loaded)));
    let key: CompareKey = (
        tab.input.rev(),
        tab.settings.compare.clone(),
        tab.opts(),
        custom.as_ref().map(|c| c.0),
    );
    if tab.compare.key.as_ref() == Some(&key) || tab.compare.job.is_some() {
        return;
    }
    let mut loaded = Vec::new();
    for v in &key.1 {
        let Some(l) = tab.engine.get(ctx, &Source::Bundled(*v)) else {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
            return;
        };
        loaded.push((v.name().to_owned(), l));
    }
    if let Some((_, l)) = custom {
        loaded.push((l.name.clone(), l));
    }
    let text = tab.input.to_string();
    let opts = key.2;
    let job = Job::spawn("ai-compare", ctx, move || {
        let mut all_tokens: Vec<Vec<Token>> = Vec::new();
        for (_, l) in &loaded {
            all_tokens.push(encode_text(l, &text, opts, &Progress::default())?);
        }
        let diffs = differing(&all_tokens);
        let mut cols = Vec::new();
        for (((name, l), toks), differ) in loaded.into_iter().zip(all_tokens).zip(diffs) {
            let counts = Counts::of(&text, toks.len());
            let n = toks.len();
            let spanned = spanned(text.clone(), toks.into_iter(), n)?;
            cols.push(Column {
                name,
                loaded: l,
                counts,
                spanned,
                differ,
            });
        }
        Ok(cols)
    });
    if let Some(job) = job {
        tab.compare.job = Some((key, job, std::time::Instant::now()));
    }
}

fn all_ui(ui: &mut Ui, tab: &mut AiTab) {
    ui.horizontal(|ui| {
        ui.heading(tr!("ai.all_title"));
        let busy = tab.compare.all_job.is_some();
        if ui
            .add_enabled(!busy, egui::Button::new(tr!("ai.all_run")))
            .clicked()
        {
            start_all(ui.ctx(), tab);
        }
        if let Some((_, done, _)) = &tab.compare.all_job {
            ui.add(
                egui::ProgressBar::new(
                    done.load(Ordering::Relaxed) as f32 / Vocab::ALL.len() as f32,
                )
                .desired_width(140.0),
            );
        }
        if tab.compare.all_rev.is_some_and(|r| r != tab.input.rev()) {
            ui.weak(tr!("ai.all_stale"));
        }
    });
    let all = &tab.compare.all;
    if all.is_empty() {
        ui.weak(tr!("ai.all_hint"));
        return;
    }
    ui.horizontal_top(|ui| {
        egui::Grid::new("ai_all_table")
            .striped(true)
            .num_columns(4)
            .show(ui, |ui| {
                for h in [
                    key!("ai.all_encoding"),
                    key!("ai.tokens"),
                    key!("ai.chars_per_token"),
                    key!("ai.bytes_per_token"),
                ] {
                    ui.label(RichText::new(tr(h)).strong());
                }
                ui.end_row();
                for (v, c) in all {
                    ui.label(RichText::new(v.name()).monospace());
                    ui.label(group_digits(c.tokens));
                    ui.label(format!("{:.2}", c.chars_per_token()));
                    ui.label(format!("{:.2}", c.bytes_per_token()));
                    ui.end_row();
                }
            });
        let bars: Vec<egui_plot::Bar> = all
            .iter()
            .enumerate()
            .map(|(i, (v, c))| {
                egui_plot::Bar::new(i as f64, c.tokens as f64)
                    .name(v.name())
                    .width(0.7)
            })
            .collect();
        // Short names: the axis drops labels that would overlap.
        let names: Vec<&'static str> = all
            .iter()
            .map(|(v, _)| v.name().split('_').next().unwrap_or_default())
            .collect();
        egui_plot::Plot::new("ai_all_chart")
            .height(200.0)
            .allow_zoom(false)
            .allow_drag(false)
            .allow_scroll(false)
            .show_grid([false, true])
            .y_axis_min_width(48.0)
            .x_axis_formatter(move |mark, _range| {
                let i = mark.value.round();
                if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                    names
                        .get(i as usize)
                        .map_or_else(String::new, |s| (*s).to_owned())
                } else {
                    String::new()
                }
            })
            .show(ui, |plot| {
                plot.bar_chart(egui_plot::BarChart::new(tr!("ai.tokens"), bars));
            });
    });
}

fn start_all(ctx: &egui::Context, tab: &mut AiTab) {
    let cached: Vec<(Vocab, Arc<Loaded>)> = Vocab::ALL
        .iter()
        .filter_map(|v| tab.engine.cached(&Source::Bundled(*v)).map(|l| (*v, l)))
        .collect();
    let text = tab.input.to_string();
    let opts = tab.opts();
    let done = Arc::new(AtomicUsize::new(0));
    let d = Arc::clone(&done);
    let job = Job::spawn("ai-count-all", ctx, move || {
        let mut out = Vec::new();
        for v in Vocab::ALL {
            // Vocabularies not already in memory are loaded, used and dropped one at a time (peak memory).
            let loaded = match cached.iter().find(|(c, _)| *c == v) {
                Some((_, l)) => Arc::clone(l),
                None => Arc::new(Loaded::bundled(v)?),
            };
            let n = encode_text(&loaded, &text, opts, &Progress::default())?.len();
            out.push((v, Counts::of(&text, n)));
            d.fetch_add(1, Ordering::Relaxed);
        }
        Ok(out)
    });
    if let Some(job) = job {
        tab.compare.all_job = Some((tab.input.rev(), done, job));
    }
}
