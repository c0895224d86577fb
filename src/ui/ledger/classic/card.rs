//! One block as a card, the way Anders' pages draw it: his fields editable, the live hash, green or red by his
//! difficulty rule, the signature status of signed rows, and a Mine button (Cancel while mining).

use egui::{Grid, RichText, TextEdit, Ui};

use crate::i18n::{Worded as _, trf};
use crate::ledger::classic::{BlockReport, ClassicBlock, Page, RowSig};
use crate::ui::theme::Palette;

/// What the card needs to know besides the block.
pub(super) struct CardContext<'a> {
    pub page: Page,
    /// The peer's name on multi-peer pages.
    pub peer_name: Option<&'a str>,
    /// Position in the chain, from 0.
    pub index: usize,
    pub report: Option<&'a BlockReport>,
    /// Attempts so far, when this block is being mined.
    pub mining: Option<u64>,
    /// The peer is being mined: its blocks are read-only.
    pub locked: bool,
    /// Its hashed text is shown in the side panel.
    pub selected: bool,
    pub palette: Palette,
}

/// What the user did to the card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CardAction {
    None,
    Edited,
    Mine,
    Cancel,
    Select,
}

/// Draw one block card.
pub(super) fn card_ui(ui: &mut Ui, block: &mut ClassicBlock, ctx: &CardContext<'_>) -> CardAction {
    let palette = ctx.palette;
    let ok = ctx.report.is_some_and(|r| r.meets_difficulty);
    // The Hash page has no target: its card is neither green nor red.
    let colour = match (ctx.page, ok) {
        (Page::Hash, _) => palette.weak(),
        (_, true) => palette.ok(),
        (_, false) => palette.error(),
    };
    let mut action = CardAction::None;
    let id = (ctx.peer_name.unwrap_or(""), ctx.index);
    egui::Frame::group(ui.style())
        .fill(palette.card_fill(colour))
        .stroke(egui::Stroke::new(2.0, colour))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.push_id(id, |ui| {
                ui.add_enabled_ui(!ctx.locked, |ui| {
                    if fields_ui(ui, block, ctx) {
                        action = CardAction::Edited;
                    }
                });
                verdict_ui(ui, ctx, ok);
                ui.horizontal(|ui| {
                    if ctx.page.has_nonce() {
                        if let Some(attempts) = ctx.mining {
                            if ui.button(tr!("classic.cancel")).clicked() {
                                action = CardAction::Cancel;
                            }
                            ui.spinner();
                            ui.label(trf!("classic.mining", &[("n", &attempts)]));
                        } else if ui
                            .add_enabled(!ctx.locked, egui::Button::new(tr!("classic.mine")))
                            .clicked()
                        {
                            action = CardAction::Mine;
                        }
                    }
                    if ui
                        .selectable_label(ctx.selected, tr!("classic.show_text"))
                        .clicked()
                    {
                        action = CardAction::Select;
                    }
                });
            });
        });
    action
}

/// A labelled single-line input in a grid row; returns whether it changed.
fn line_ui(ui: &mut Ui, label: &str, text: &mut String, enabled: bool) -> bool {
    let l = ui.label(label);
    let r = ui
        .add_enabled(
            enabled,
            TextEdit::singleline(text).desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    ui.end_row();
    r.changed()
}

fn fields_ui(ui: &mut Ui, block: &mut ClassicBlock, ctx: &CardContext<'_>) -> bool {
    let page = ctx.page;
    let mut changed = false;
    Grid::new("fields")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            if page.has_nonce() {
                changed |= line_ui(ui, tr!("classic.number"), &mut block.number, true);
                match ctx.mining {
                    // Anders writes every try into the field; so do we, read-only while the worker runs.
                    Some(attempts) => {
                        let mut shown = attempts.to_string();
                        line_ui(ui, tr!("classic.nonce"), &mut shown, false);
                    }
                    None => changed |= line_ui(ui, tr!("classic.nonce"), &mut block.nonce, true),
                }
            }
            if matches!(
                page,
                Page::Hash | Page::Block | Page::Blockchain | Page::Distributed
            ) {
                let l = ui.label(tr!("classic.data"));
                changed |= ui
                    .add(
                        TextEdit::multiline(&mut block.data)
                            .desired_rows(2)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(l.id)
                    .changed();
                ui.end_row();
            }
            if matches!(page, Page::Coinbase | Page::Signed) {
                let l = ui.label(tr!("classic.coinbase"));
                ui.horizontal(|ui| {
                    changed |= ui
                        .add(TextEdit::singleline(&mut block.coinbase.value).desired_width(64.0))
                        .labelled_by(l.id)
                        .changed();
                    let to = ui.label("->");
                    changed |= ui
                        .add(
                            TextEdit::singleline(&mut block.coinbase.to)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(to.id)
                        .changed();
                });
                ui.end_row();
            }
        });
    if matches!(page, Page::Tokens | Page::Coinbase | Page::Signed) && !block.rows.is_empty() {
        changed |= rows_ui(ui, block, ctx);
    }
    if page.has_prev() {
        Grid::new("prev").num_columns(2).show(ui, |ui| {
            // On the Blockchain and Distributed pages Prev is disabled: only the cascade writes it.
            let editable = matches!(page, Page::Tokens | Page::Coinbase | Page::Signed);
            changed |= line_ui(ui, tr!("classic.prev"), &mut block.prev, editable);
        });
    }
    changed
}

/// The transfer rows: `$ value | From | -> To`, plus Seq, Sig and the signature status on the Signed page.
fn rows_ui(ui: &mut Ui, block: &mut ClassicBlock, ctx: &CardContext<'_>) -> bool {
    let signed = ctx.page == Page::Signed;
    let mut changed = false;
    Grid::new("rows")
        .num_columns(if signed { 6 } else { 3 })
        .striped(true)
        .show(ui, |ui| {
            let mut heads = vec![
                ui.strong(tr!("classic.value")).id,
                ui.strong(tr!("classic.from")).id,
                ui.strong(tr!("classic.to")).id,
            ];
            if signed {
                heads.push(ui.strong(tr!("classic.seq")).id);
                heads.push(ui.strong(tr!("classic.sig")).id);
                ui.strong(tr!("classic.sig_status"));
            }
            ui.end_row();
            for (i, row) in block.rows.iter_mut().enumerate() {
                let mut fields = vec![
                    (&mut row.value, 56.0),
                    (&mut row.from, 90.0),
                    (&mut row.to, 90.0),
                ];
                if signed {
                    fields.push((&mut row.seq, 28.0));
                    fields.push((&mut row.sig, 90.0));
                }
                for ((text, width), head) in fields.into_iter().zip(&heads) {
                    changed |= ui
                        .add(TextEdit::singleline(text).desired_width(width))
                        .labelled_by(*head)
                        .changed();
                }
                if signed {
                    let sig = ctx.report.and_then(|r| r.rows.get(i));
                    sig_status_ui(ui, sig, ctx.palette);
                }
                ui.end_row();
            }
        });
    changed
}

fn sig_status_ui(ui: &mut Ui, sig: Option<&RowSig>, palette: Palette) {
    match sig {
        Some(s) if s.valid && s.high_s => {
            ui.colored_label(palette.warn(), tr!("classic.sig_high_s"))
                .on_hover_text(tr!("classic.sig_high_s_hint"));
        }
        Some(s) if s.valid => {
            ui.colored_label(palette.ok(), tr!("classic.sig_valid"));
        }
        Some(s) => {
            ui.colored_label(palette.error(), tr!("classic.sig_invalid"))
                .on_hover_text(
                    s.problem
                        .as_ref()
                        .map(|e| e.words().text())
                        .unwrap_or_default(),
                );
        }
        None => {
            ui.weak("…");
        }
    }
}

fn verdict_ui(ui: &mut Ui, ctx: &CardContext<'_>, ok: bool) {
    let palette = ctx.palette;
    if let Some(r) = ctx.report {
        ui.horizontal(|ui| {
            ui.label(tr!("classic.hash"));
            let colour = match (ctx.page, ok) {
                (Page::Hash, _) => palette.text(),
                (_, true) => palette.ok(),
                (_, false) => palette.error(),
            };
            ui.label(RichText::new(&r.hash_hex).monospace().color(colour));
        });
        if r.prev_links == Some(false) {
            ui.colored_label(palette.warn(), tr!("classic.prev_broken"));
        }
    }
    if ctx.page == Page::Hash {
        return;
    }
    let who = ctx
        .peer_name
        .map(|p| trf!("classic.peer_prefix", &[("name", &p)]))
        .unwrap_or_default();
    let key = if ok {
        key!("classic.verdict_ok")
    } else {
        key!("classic.verdict_bad")
    };
    let text = trf(key, &[("who", &who), ("n", &(ctx.index + 1))]);
    ui.label(
        RichText::new(text)
            .strong()
            .color(if ok { palette.ok() } else { palette.error() }),
    );
}
