//! One card per block, Anders-style: every header field and transaction editable, the recomputed hash with its
//! leading zero bits, the target, and the block green when valid or red with its reasons. Only cards in view are
//! drawn; the others take their last measured height. The cards read the chain and return edits and requests as
//! [`ChainAction`]s.

use egui::text::LayoutJob;
use egui::{RichText, TextFormat, Ui};

use crate::i18n::{tr, trf};
use crate::ledger::model::{Account, Block};
use crate::ledger::types::H256;
use crate::ledger::{BlockCheck, BlockStatus, Problem, Report, Rule};
use crate::ui::theme::Palette;

use super::EditMode;
use super::action::{BlockEdit, ChainAction, TxEdit};
use super::chain::{ChainCtx, Sel, target_text};
use super::fields::{FieldCtx, address_pick_ui, hash_edit_ui, op_ui, sig_edit_ui, u64_edit_ui};
use super::mining::MineTarget;

/// The cards' own state: each card's height as last drawn.
#[derive(Default)]
pub struct CardsState {
    heights: Vec<f32>,
}

impl CardsState {
    /// Forget the heights (another chain is shown).
    pub fn forget_heights(&mut self) {
        self.heights.clear();
    }
}

/// Height guessed for a card never drawn yet.
fn guess_height(block: &Block) -> f32 {
    190.0 + 30.0 * block.txs.len() as f32
}

struct CardCtx<'a> {
    accounts: &'a [Account],
    e20: u8,
    rwa: u8,
    difficulty: u32,
    check: Option<&'a BlockCheck>,
    problems: &'a [Problem],
    mode: EditMode,
    /// (mining this block, progress text) while any block is mined.
    mining: Option<(bool, String)>,
    bytes_click: Option<(Sel, &'static str)>,
}

impl CardCtx<'_> {
    /// The field context for the header (`tx: None`) or one transaction of a block.
    fn fields(&self, sel: Sel) -> FieldCtx<'_> {
        FieldCtx {
            accounts: self.accounts,
            erc20_decimals: self.e20,
            rwa_decimals: self.rwa,
            prefix: match sel.tx {
                Some(t) => format!("Block {} tx {t}", sel.block),
                None => format!("Block {}", sel.block),
            },
            emphasis: self.bytes_click.filter(|(s, _)| *s == sel).map(|(_, f)| f),
            hovered: None,
        }
    }
}

/// What one card asks for: edits and requests, and the form field under the pointer.
struct CardOut {
    block: usize,
    actions: Vec<ChainAction>,
    hover: Option<(Sel, &'static str)>,
}

impl CardOut {
    fn edit(&mut self, edit: BlockEdit) {
        self.actions.push(ChainAction::Edit {
            block: self.block,
            edit,
        });
    }
}

/// The status strip and the scrolling cards.
pub fn cards_ui(ui: &mut Ui, st: &mut CardsState, cx: &ChainCtx<'_>) -> Vec<ChainAction> {
    let mut actions = Vec::new();
    let (Some(chain), Some(report)) = (cx.chain, cx.report) else {
        ui.spinner();
        return actions;
    };
    super::genesis::genesis_ui(ui, chain, report);
    let scroll_to = strip_ui(ui, report).or(cx.scroll_to);
    if let Some(note) = cx.mine_note {
        ui.weak(note.text());
    }
    let accounts = &chain.accounts;
    let (e20, rwa) = (chain.tokens.erc20.decimals, chain.tokens.rwa.token.decimals);
    let difficulty = chain.difficulty_bits;
    st.heights.resize(chain.blocks.len(), 0.0);
    let mut hover = None;
    egui::ScrollArea::vertical()
        .id_salt("ledger_cards")
        .auto_shrink(false)
        .show(ui, |ui| {
            if cx.stale {
                ui.multiply_opacity(0.45);
            }
            let width = ui.available_width();
            for (i, block) in chain.blocks.iter().enumerate() {
                let h = if st.heights[i] > 0.0 {
                    st.heights[i]
                } else {
                    guess_height(block)
                };
                let top = ui.cursor().top();
                let guess = egui::Rect::from_min_size(
                    egui::pos2(ui.cursor().left(), top),
                    egui::vec2(width, h),
                );
                if scroll_to == Some(i) {
                    ui.scroll_to_rect(guess, Some(egui::Align::TOP));
                }
                if !ui.is_rect_visible(guess) {
                    ui.allocate_space(egui::vec2(width, h));
                    ui.add_space(8.0);
                    continue;
                }
                let card = CardCtx {
                    accounts,
                    e20,
                    rwa,
                    difficulty,
                    check: report.blocks.get(i),
                    problems: report.block_problems(i),
                    mode: cx.mode,
                    mining: cx
                        .mining
                        .as_ref()
                        .map(|(t, p)| (*t == MineTarget::Block(i), p.clone())),
                    bytes_click: cx.bytes_click,
                };
                let out = ui.push_id(("ledger_card", i), |ui| card_ui(ui, &card, i, block));
                st.heights[i] = out.response.rect.height();
                let out = out.inner;
                actions.extend(out.actions);
                hover = hover.or(out.hover);
                ui.add_space(8.0);
            }
        });
    actions.push(ChainAction::HoverField(hover));
    actions
}

/// Blocks listed one by one in the status strip at most.
const STRIP_MAX: usize = 64;

/// The strip of block statuses; returns the block clicked, to scroll to.
fn strip_ui(ui: &mut Ui, report: &Report) -> Option<usize> {
    let mut clicked = None;
    let p = Palette::of(ui);
    ui.horizontal_wrapped(|ui| {
        ui.weak(tr!("ledger.strip"));
        // Long chains: a count and the first invalid blocks, so the frame cost stays flat.
        let long = report.blocks.len() > STRIP_MAX;
        if long {
            let bad = report
                .blocks
                .iter()
                .filter(|b| b.status != BlockStatus::Valid)
                .count();
            let key = if bad == 0 {
                key!("ledger.strip.all_valid")
            } else {
                key!("ledger.strip.counts")
            };
            ui.label(trf(
                key,
                &[("valid", &(report.blocks.len() - bad)), ("invalid", &bad)],
            ));
        }
        let shown = report
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| !long || b.status == BlockStatus::Invalid)
            .take(STRIP_MAX);
        for (i, b) in shown {
            let (text, colour) = match b.status {
                BlockStatus::Valid => (trf!("ledger.strip.valid", &[("n", &i)]), p.ok()),
                _ => (trf!("ledger.strip.invalid", &[("n", &i)]), p.error()),
            };
            if ui.button(RichText::new(text).color(colour)).clicked() {
                clicked = Some(i);
            }
        }
    });
    clicked
}

fn status_text(i: usize, status: Option<BlockStatus>) -> String {
    match status {
        Some(BlockStatus::Valid) => trf!("ledger.block.valid", &[("n", &i)]),
        Some(BlockStatus::Invalid) => trf!("ledger.block.invalid", &[("n", &i)]),
        Some(BlockStatus::AfterInvalid(k)) => {
            trf!("ledger.block.after_invalid", &[("n", &i), ("k", &k)])
        }
        None => trf!("ledger.block.unchecked", &[("n", &i)]),
    }
}

fn card_ui(ui: &mut Ui, cx: &CardCtx<'_>, i: usize, block: &Block) -> CardOut {
    let p = Palette::of(ui);
    let status = cx.check.map(|c| c.status);
    let colour = match status {
        Some(BlockStatus::Valid) => p.ok(),
        Some(_) => p.error(),
        None => p.weak(),
    };
    let mut out = CardOut {
        block: i,
        actions: Vec::new(),
        hover: None,
    };
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(2.0, colour))
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(status_text(i, status))
                        .color(colour)
                        .strong()
                        .size(16.0),
                );
                match &cx.mining {
                    Some((true, progress)) => {
                        ui.spinner();
                        ui.label(progress);
                        if ui.button(tr!("ledger.mine.cancel")).clicked() {
                            out.actions.push(ChainAction::CancelMining);
                        }
                    }
                    Some((false, _)) => {
                        ui.add_enabled(false, egui::Button::new(tr!("ledger.mine")));
                    }
                    None => {
                        let name = trf!("ledger.mine.block", &[("n", &i)]);
                        if ui
                            .button(tr!("ledger.mine"))
                            .accessible_name(name)
                            .clicked()
                        {
                            out.actions.push(ChainAction::Remine(i));
                        }
                    }
                }
                let name = trf!("ledger.header_bytes.block", &[("n", &i)]);
                if ui
                    .button(tr!("ledger.header_bytes"))
                    .accessible_name(name)
                    .clicked()
                {
                    out.actions
                        .push(ChainAction::Select(Sel { block: i, tx: None }));
                }
                let name = trf!("ledger.tx.copy_last_n", &[("n", &i)]);
                let copy = ui
                    .add_enabled(
                        !block.txs.is_empty(),
                        egui::Button::new(tr!("ledger.tx.copy_last")),
                    )
                    .accessible_name(name)
                    .on_hover_text(tr!("ledger.tx.copy_last_hint"));
                if copy.clicked() {
                    out.edit(BlockEdit::CopyLastTx);
                }
            });
            header_ui(ui, cx, i, block, &mut out);
            ui.separator();
            for (t, tx) in block.txs.iter().enumerate() {
                let sel = Sel {
                    block: i,
                    tx: Some(t),
                };
                let mut f = cx.fields(sel);
                ui.horizontal_wrapped(|ui| {
                    let name = trf!("ledger.tx.remove_n", &[("n", &i), ("t", &t)]);
                    if ui
                        .small_button("✖")
                        .accessible_name(name)
                        .on_hover_text(tr!("ledger.tx.remove_hint"))
                        .clicked()
                    {
                        out.edit(BlockEdit::RemoveTx(t));
                    }
                    ui.weak(format!("tx {t}"));
                    ui.weak(tr!("ledger.field.from"));
                    let name = f.name_of("from");
                    let mut from = tx.from;
                    let (ch, r) = address_pick_ui(ui, &name, cx.accounts, &mut from);
                    f.link(ui, &r, "from");
                    if ch {
                        out.edit(BlockEdit::Tx(t, TxEdit::From(from)));
                    }
                    ui.weak(tr!("ledger.field.nonce"));
                    let name = f.name_of("nonce");
                    let mut nonce = tx.nonce;
                    let (ch, r) = u64_edit_ui(ui, &name, &mut nonce, 36.0);
                    f.link(ui, &r, "nonce");
                    if ch {
                        out.edit(BlockEdit::Tx(t, TxEdit::Nonce(nonce)));
                    }
                    let mut op = tx.op.clone();
                    if op_ui(ui, &mut f, &mut op) {
                        out.edit(BlockEdit::Tx(t, TxEdit::Op(op)));
                    }
                    let bad_sig = cx
                        .problems
                        .iter()
                        .any(|p| p.tx == Some(t) && p.rule == Rule::BadSignature);
                    let sig = if bad_sig {
                        RichText::new(tr!("ledger.sig.bad")).color(p.error())
                    } else {
                        RichText::new(tr!("ledger.sig.ok")).color(p.ok())
                    };
                    ui.label(sig).on_hover_text(tr!("ledger.sig.edit_hint"));
                    let name = f.name_of("signature");
                    let mut signature = tx.signature;
                    let (ch, r) = sig_edit_ui(ui, &name, &mut signature);
                    f.link(ui, &r, "signature");
                    if ch {
                        out.edit(BlockEdit::Tx(t, TxEdit::Signature(signature)));
                    }
                    let name = trf!("ledger.tx_bytes.tx", &[("n", &i), ("t", &t)]);
                    if ui
                        .small_button(tr!("ledger.tx_bytes"))
                        .accessible_name(name)
                        .clicked()
                    {
                        out.actions.push(ChainAction::Select(sel));
                    }
                });
                if let Some(field) = f.hovered {
                    out.hover = Some((sel, field));
                }
            }
            problems_ui(ui, cx, status);
        });
    out
}

fn header_ui(ui: &mut Ui, cx: &CardCtx<'_>, i: usize, block: &Block, out: &mut CardOut) {
    let p = Palette::of(ui);
    let sel = Sel { block: i, tx: None };
    let mut f = cx.fields(sel);
    ui.horizontal_wrapped(|ui| {
        for (label, field, value, width, edit) in [
            (
                key!("ledger.field.index"),
                "index",
                block.index,
                40.0,
                BlockEdit::Index as fn(u64) -> BlockEdit,
            ),
            (
                key!("ledger.field.timestamp"),
                "timestamp",
                block.timestamp,
                100.0,
                BlockEdit::Timestamp,
            ),
            (
                key!("ledger.field.nonce"),
                "nonce",
                block.nonce,
                90.0,
                BlockEdit::Nonce,
            ),
        ] {
            ui.weak(tr(label));
            let mut value = value;
            let (ch, mut r) = u64_edit_ui(ui, &f.name_of(field), &mut value, width);
            if field == "timestamp" {
                r = r.on_hover_text(utc(block.timestamp));
            }
            f.link(ui, &r, field);
            if ch {
                out.edit(edit(value));
            }
        }
        ui.weak(tr!("ledger.field.bits"));
        let mut bits = block.bits;
        let r = ui
            .add(egui::DragValue::new(&mut bits).range(0..=255))
            .accessible_name(f.name_of("bits"));
        f.link(ui, &r, "bits");
        if r.changed() {
            out.edit(BlockEdit::Bits(bits));
        }
        ui.weak(target_text(bits.max(cx.difficulty)));
    });
    let raw = cx.mode == EditMode::Raw;
    for (label, field, value, edit) in [
        (
            tr!("ledger.field.prev"),
            "prev",
            block.prev,
            BlockEdit::Prev as fn(H256) -> BlockEdit,
        ),
        (
            tr!("ledger.field.merkle"),
            "merkle_root",
            block.merkle_root,
            BlockEdit::MerkleRoot,
        ),
    ] {
        ui.horizontal(|ui| {
            ui.weak(label);
            let name = f.name_of(field);
            if raw {
                let mut value = value;
                let (ch, r) = hash_edit_ui(ui, &name, &mut value);
                f.link(ui, &r, field);
                if ch {
                    out.edit(edit(value));
                }
            } else {
                let r = ui.monospace(value.to_hex());
                f.link(ui, &r, field);
            }
        });
    }
    if raw {
        ui.horizontal(|ui| {
            ui.weak(tr!("ledger.field.stored_hash"));
            let mut hash = block.hash;
            let (ch, _) = hash_edit_ui(ui, &f.name_of("stored hash"), &mut hash);
            if ch {
                out.edit(BlockEdit::StoredHash(hash));
            }
        });
    }
    if let Some(check) = cx.check {
        let bits = block.bits.max(cx.difficulty);
        let zeros = check.hash.leading_zero_bits();
        let ok = zeros >= bits;
        ui.horizontal_wrapped(|ui| {
            ui.weak(tr!("ledger.field.hash"));
            ui.label(hash_job(
                ui,
                &check.hash.to_hex(),
                zeros,
                if ok { p.ok() } else { p.error() },
            ));
            let text = trf!("ledger.zero_bits", &[("z", &zeros), ("need", &bits)]);
            ui.colored_label(if ok { p.ok() } else { p.error() }, text);
        });
    }
    if let Some(field) = f.hovered {
        out.hover = Some((sel, field));
    }
}

/// The hash in monospace with its leading zero hex digits coloured.
fn hash_job(ui: &Ui, hex: &str, zero_bits: u32, colour: egui::Color32) -> LayoutJob {
    let font = egui::TextStyle::Monospace.resolve(ui.style());
    let digits = 2 + (zero_bits / 4) as usize;
    let (head, tail) = hex.split_at(digits.min(hex.len()));
    let mut job = LayoutJob::default();
    job.append(
        head,
        0.0,
        TextFormat {
            font_id: font.clone(),
            color: colour,
            underline: egui::Stroke::new(1.5, colour),
            ..TextFormat::default()
        },
    );
    job.append(
        tail,
        0.0,
        TextFormat {
            font_id: font,
            color: Palette::of(ui).text(),
            ..TextFormat::default()
        },
    );
    job
}

fn problems_ui(ui: &mut Ui, cx: &CardCtx<'_>, status: Option<BlockStatus>) {
    let p = Palette::of(ui);
    if let Some(BlockStatus::AfterInvalid(k)) = status {
        ui.colored_label(p.error(), trf!("ledger.extends_invalid", &[("k", &k)]));
    }
    for problem in cx.problems {
        if let Some(section) = problem.section {
            // Listed in full on the genesis line above the blocks.
            ui.colored_label(
                p.error(),
                trf!(
                    "ledger.genesis.pointer",
                    &[
                        ("rule", &problem.rule.name()),
                        ("section", &tr(section.label_key())),
                    ],
                ),
            );
            continue;
        }
        // Worded as it is drawn, in the language in use: a switch needs no new validation.
        let message = problem.message.text();
        let text = match problem.tx {
            Some(t) => format!("tx {t} · {}: {message}", problem.rule.name()),
            None => format!("{}: {message}", problem.rule.name()),
        };
        ui.colored_label(p.error(), text);
        if let Some(e) = &problem.standard_error {
            ui.weak(trf!("ledger.std_error", &[("e", e)]));
        }
    }
}

/// "2026-01-01T00:00:00Z" for seconds since 1970.
fn utc(secs: u64) -> String {
    i64::try_from(secs)
        .ok()
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map_or_else(
            || tr!("ledger.time_out_of_range").to_owned(),
            |t| t.to_string(),
        )
}
