//! The prompt box and its tokens through the shared highlight widget: byte groups, special pills, virtual
//! BOS/EOS, hover cards with ids and raw bytes.

use std::fmt::Write as _;
use std::ops::Range;

use egui::{RichText, Ui};

use super::AiTab;
use crate::ai::{Loaded, hex_bytes, tag_id, tag_index};
use crate::i18n::tr;
use crate::text::SpannedText;
use crate::ui::highlight::{HighlightOptions, RowEdit};
use crate::ui::theme::Palette;

pub(super) fn tokens_ui(ui: &mut Ui, tab: &mut AiTab) {
    let bottom_reserve = 28.0;
    let height = (ui.available_height() - bottom_reserve - 72.0).max(80.0);
    prompt_editor_ui(ui, tab, height);
}

/// The prompt, typed into the same box that colours its tokens (the main model's). The Tokens and the Compare views
/// both show it; `height` is its default height, which the user can drag.
pub(super) fn prompt_editor_ui(ui: &mut Ui, tab: &mut AiTab, height: f32) {
    let palette = Palette::of(ui);
    let key = (tab.source(), tab.opts());
    let stale = tab.engine.stale(tab.input.rev(), &key);
    let label = ui
        .horizontal(|ui| {
            let l = ui.label(tr!("ai.prompt"));
            if tab.input.is_empty() {
                if ui.button(tr!("ai.try_example")).clicked() {
                    tab.set_input(tr!("ai.example_prompt").to_owned());
                }
            } else {
                ui.weak(crate::ui::widgets::human_bytes(tab.input.len()));
                if ui.small_button(tr!("ai.clear")).clicked() {
                    tab.view.clear_all();
                    ui.ctx().request_repaint();
                }
            }
            if let Some(elapsed) = tab.engine.custom_elapsed() {
                // A user's tokenizer encodes in one call: its progress cannot be measured, its time can.
                ui.spinner();
                ui.weak(trf!(
                    "ai.tokenizing_for",
                    &[
                        ("secs", &elapsed.as_secs().to_string()),
                        ("max", &tab.engine.budget().as_secs().to_string()),
                    ],
                ));
                if ui.small_button(tr!("ai.cancel")).clicked() {
                    tab.engine.cancel();
                }
            } else if let Some(p) = tab.engine.progress() {
                ui.add(
                    egui::ProgressBar::new(p)
                        .desired_width(160.0)
                        .show_percentage(),
                );
                ui.weak(tr!("ai.tokenizing"));
                if ui.small_button(tr!("ai.cancel")).clicked() {
                    tab.engine.cancel();
                }
            } else if stale && tab.engine.busy() {
                ui.spinner();
                ui.weak(tr!("ai.loading_vocab"));
            }
            l.id
        })
        .inner;
    let has_shown = tab
        .engine
        .shown
        .as_ref()
        .is_some_and(|s| s.input_rev == tab.input.rev() || tab.engine.busy());
    let plain = (!has_shown).then(|| tab.plain_text());
    let shown = tab.engine.shown.as_ref().filter(|_| has_shown);
    let add = shown.is_some_and(|s| s.key.1.add_special_tokens);
    let loaded = shown.map(|s| std::sync::Arc::clone(&s.loaded));
    if let Some(l) = &loaded
        && add
        && !l.bos.is_empty()
    {
        virtual_pills_ui(ui, l, &l.bos, key!("ai.bos"));
    }
    // What the box shows: the latest result when it is for this text (current, so keys edit it) or while a worker
    // catches up with the text (keys wait); otherwise the bare text, so typing never waits for a vocabulary.
    let (spanned, revision, current, edit) = match shown {
        Some(s) => (
            std::sync::Arc::clone(&s.spanned),
            tab.engine.generation,
            s.input_rev == tab.input.rev(),
            s.edit.as_ref().map(|(old, new_len)| RowEdit {
                // The result before this one was drawn as revision `generation - 1`.
                from_revision: tab.engine.generation.wrapping_sub(1),
                old: old.clone(),
                new_len: *new_len,
            }),
        ),
        None => (
            plain.unwrap_or_default(),
            PLAIN_REVISION | tab.input.rev(),
            true,
            None,
        ),
    };
    let mut emphasis: Vec<Range<usize>> = Vec::new();
    if let Some(shown) = shown {
        for i in [tab.selected, tab.hovered_list.take()]
            .into_iter()
            .flatten()
        {
            if let Some(t) = shown.doc.token(i) {
                emphasis.push(t.range());
            }
        }
    }
    let card = |ui: &mut Ui, text: &SpannedText, group: Range<usize>| {
        if let Some(l) = &loaded {
            hover_card_ui(ui, l, text, group);
        }
    };
    tab.view.whitespace = tab.settings.whitespace;
    let opts = HighlightOptions {
        emphasis: &emphasis,
        scroll_to: tab.scroll_text_to.take(),
        dimmed: stale,
        max_height: height,
        hover_card: Some(&card),
        editable: Some(current),
        edit,
        labelled_by: Some(label),
        hint: tr!("ai.prompt_hint"),
        ..HighlightOptions::default()
    };
    let r = tab.view.ui(ui, &spanned, revision, palette, &opts);
    if let Some((range, insert)) = r.edit.clone()
        && range.end <= tab.input.len()
        && tab.input.is_char_boundary(range.start)
        && tab.input.is_char_boundary(range.end)
    {
        tab.input.edit(|s| s.replace_range(range, &insert));
        tab.selected = None;
        // Start re-encoding in this frame, not the next.
        let (source, opts) = (tab.source(), tab.opts());
        tab.engine
            .want(ui.ctx(), &source, opts, &tab.input, tab.input.rev());
    }
    let tag = |s: usize| spanned.spans().get(s).and_then(|s| s.tag);
    if let Some(i) = r.clicked.and_then(tag) {
        tab.selected = Some(tag_index(i));
        tab.scroll_list_to = Some(tag_index(i));
    }
    tab.hovered_token = r.hovered.and_then(tag).map(tag_index);
    if let Some(l) = &loaded
        && add
        && !l.eos.is_empty()
    {
        virtual_pills_ui(ui, l, &l.eos, key!("ai.eos"));
    }
}

/// Revisions of the bare prompt (no result yet) never meet the engine's generations.
const PLAIN_REVISION: u64 = 1 << 63;

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
                .on_hover_text(tr!("ai.virtual_hint"));
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
        ui.strong(trf!(
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
                Err(_) => tr!("ai.partial_char").to_owned(),
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
        ui.weak(tr!("ai.special_card"));
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
