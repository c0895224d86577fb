//! The prompt box and its tokens through the shared highlight widget: byte groups, special pills, virtual
//! BOS/EOS, hover cards with ids and raw bytes.

use std::fmt::Write as _;
use std::ops::Range;

use egui::{RichText, Ui};

use super::{AiTab, LARGE_PROMPT_BYTES};
use crate::ai::{Loaded, hex_bytes, tag_id, tag_index};
use crate::i18n::{tr, trf};
use crate::text::SpannedText;
use crate::ui::highlight::{HighlightOptions, RowEdit};
use crate::ui::theme::Palette;

pub(super) fn tokens_ui(ui: &mut Ui, tab: &mut AiTab) {
    let palette = Palette::of(ui);
    if tab.input.len() < LARGE_PROMPT_BYTES {
        let l = ui.label(tr("ai.prompt"));
        let r = ui
            .add(
                egui::TextEdit::multiline(&mut tab.input)
                    .desired_rows(5)
                    .desired_width(f32::INFINITY)
                    .hint_text(tr("ai.prompt_hint")),
            )
            .labelled_by(l.id);
        if r.changed() {
            tab.input_rev += 1;
            tab.selected = None;
        }
        // A paste that makes the prompt large lands here once, then the box hides.
    } else {
        ui.horizontal(|ui| {
            ui.label(trf(
                "ai.large_prompt",
                &[("size", &crate::ui::widgets::human_bytes(tab.input.len()))],
            ));
            if ui.button(tr("ai.clear")).clicked() {
                tab.set_input(String::new());
            }
        });
    }
    let key = (tab.source(), tab.opts());
    let stale = tab.engine.stale(tab.input_rev, &key);
    ui.horizontal(|ui| {
        if let Some(p) = tab.engine.progress() {
            ui.add(
                egui::ProgressBar::new(p)
                    .desired_width(160.0)
                    .show_percentage(),
            );
            ui.weak(tr("ai.tokenizing"));
        } else if stale {
            ui.spinner();
            ui.weak(tr("ai.loading_vocab"));
        }
    });
    let Some(shown) = &tab.engine.shown else {
        ui.weak(tr("ai.nothing_yet"));
        return;
    };
    let loaded = std::sync::Arc::clone(&shown.loaded);
    let spanned = std::sync::Arc::clone(&shown.spanned);
    let doc = std::sync::Arc::clone(&shown.doc);
    let add = shown.key.1.add_special_tokens;
    if add && !loaded.bos.is_empty() {
        virtual_pills_ui(ui, &loaded, &loaded.bos, "ai.bos");
    }
    let mut emphasis: Vec<Range<usize>> = Vec::new();
    for i in [tab.selected, tab.hovered_list.take()]
        .into_iter()
        .flatten()
    {
        if let Some(t) = doc.token(i) {
            emphasis.push(t.range());
        }
    }
    let card = |ui: &mut Ui, text: &SpannedText, group: Range<usize>| {
        hover_card_ui(ui, &loaded, text, group);
    };
    tab.view.whitespace = tab.settings.whitespace;
    // A large prompt is edited in the token view itself (the text box would lay out the whole text on every
    // key); keys typed while an edit is being tokenized wait in the view's queue.
    let large = tab.input.len() >= LARGE_PROMPT_BYTES;
    let opts = HighlightOptions {
        emphasis: &emphasis,
        scroll_to: tab.scroll_text_to.take(),
        dimmed: stale,
        max_height: 0.0,
        hover_card: Some(&card),
        editable: large.then_some(!stale && shown.doc.text().len() == tab.input.len()),
        // The result before this one was drawn as revision `generation - 1`.
        edit: shown.edit.as_ref().map(|(old, new_len)| RowEdit {
            from_revision: tab.engine.generation.wrapping_sub(1),
            old: old.clone(),
            new_len: *new_len,
        }),
    };
    let bottom_reserve = if add && !loaded.eos.is_empty() {
        28.0
    } else {
        0.0
    };
    let mut sub = ui.new_child(egui::UiBuilder::new().max_rect(egui::Rect::from_min_size(
        ui.cursor().min,
        egui::vec2(
            ui.available_width(),
            (ui.available_height() - bottom_reserve).max(40.0),
        ),
    )));
    let revision = tab.engine.generation;
    let r = tab.view.ui(&mut sub, &spanned, revision, palette, &opts);
    ui.advance_cursor_after_rect(sub.min_rect());
    if let Some((range, insert)) = r.edit.clone()
        && range.end <= tab.input.len()
        && tab.input.is_char_boundary(range.start)
        && tab.input.is_char_boundary(range.end)
    {
        tab.input.replace_range(range, &insert);
        tab.input_rev += 1;
        // Start re-encoding in this frame, not the next.
        let (source, opts) = (tab.source(), tab.opts());
        tab.engine
            .want(ui.ctx(), &source, opts, &tab.input, tab.input_rev);
    }
    if let Some(i) = r.clicked.and_then(|s| spanned.spans()[s].tag) {
        tab.selected = Some(tag_index(i));
        tab.scroll_list_to = Some(tag_index(i));
    }
    tab.hovered_token = r
        .hovered
        .and_then(|s| spanned.spans()[s].tag)
        .map(tag_index);
    if add && !loaded.eos.is_empty() {
        virtual_pills_ui(ui, &loaded, &loaded.eos, "ai.eos");
    }
}

/// Virtual tokens added by the post-processor, drawn as pills that are not in the text.
fn virtual_pills_ui(ui: &mut Ui, loaded: &Loaded, ids: &[u32], key: &str) {
    let palette = Palette::of(ui);
    ui.horizontal(|ui| {
        ui.weak(tr(key));
        for &id in ids {
            let name = loaded.token_str(id).unwrap_or_default();
            egui::Frame::new()
                .stroke(palette.special_outline())
                .corner_radius(8.0)
                .inner_margin(egui::Margin::symmetric(6, 1))
                .show(ui, |ui| {
                    ui.label(RichText::new(format!("{name} {id}")).monospace());
                })
                .response
                .on_hover_text(tr("ai.virtual_hint"));
        }
    });
}

/// The hover card of a group of coinciding token spans: every id with its raw bytes; never a bare `�`.
pub(super) fn hover_card_ui(ui: &mut Ui, loaded: &Loaded, text: &SpannedText, group: Range<usize>) {
    let all = text.spans();
    let Some(range) = all.get(group.start).map(|s| s.byte_range.clone()) else {
        return;
    };
    // The fragments of a split character also overlap the tokens next to them (` ðŁĮ` = a space and the first
    // three bytes of 🌍): list every token that shares a byte with the group, in token order.
    let overlaps = |i: &usize| {
        let r = &all[*i].byte_range;
        r.start < range.end && range.start < r.end
    };
    let mut members: Vec<usize> = (group.start.saturating_sub(16)..group.start)
        .filter(overlaps)
        .chain(group.clone())
        .chain((group.end..(group.end + 16).min(all.len())).filter(overlaps))
        .collect();
    members.sort_by_key(|&i| all[i].tag.map(tag_index));
    let spans: Vec<&crate::text::Span> = members.iter().map(|&i| &all[i]).collect();
    let covered = &text.text()[range];
    if spans.len() > 1 {
        ui.strong(trf(
            "ai.group_title",
            &[
                ("n", &spans.len().to_string()),
                ("text", &escape_visible(covered)),
                ("bytes", &hex_bytes(covered.as_bytes())),
            ],
        ));
    }
    egui::Grid::new("ai_card").num_columns(3).show(ui, |ui| {
        for s in &spans {
            let Some(tag) = s.tag else { continue };
            let id = tag_id(tag);
            ui.label(RichText::new(format!("#{} · id {id}", tag_index(tag))).strong());
            let bytes = loaded.token_bytes(id).unwrap_or_default();
            let shown = match std::str::from_utf8(&bytes) {
                Ok(t) => format!("{:?}", escape_visible(t)),
                Err(_) => tr("ai.partial_char").to_owned(),
            };
            ui.label(RichText::new(shown).monospace());
            ui.label(RichText::new(hex_bytes(&bytes)).monospace().weak());
            ui.end_row();
        }
    });
    if spans
        .iter()
        .any(|s| s.kind == crate::text::SpanKind::AiSpecial)
    {
        ui.weak(tr("ai.special_card"));
    }
}

/// Text with whitespace and control characters made visible, for cards and lists.
pub(super) fn escape_visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            ' ' => out.push('·'),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}
