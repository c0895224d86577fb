//! One card per block, Anders-style: every header field and transaction editable, the recomputed hash with its
//! leading zero bits, the target, and the block green when valid or red with its reasons. Only cards in view are
//! drawn; the others take their last measured height.

use egui::text::LayoutJob;
use egui::{RichText, TextFormat, Ui};

use crate::i18n::{tr, trf};
use crate::ledger::model::{Account, Block};
use crate::ledger::{BlockCheck, BlockStatus, Problem, Report, Rule};
use crate::ui::theme::Palette;

use super::EditMode;
use super::chain::{ChainView, Sel, target_text};
use super::fields::{FieldCtx, address_pick_ui, hash_edit_ui, op_ui, sig_edit_ui, u64_edit_ui};

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

#[derive(Default)]
struct CardOut {
    edited: bool,
    mine: bool,
    cancel: bool,
    select: Option<Sel>,
    hover: Option<(Sel, &'static str)>,
}

/// The status strip and the scrolling cards.
pub fn cards_ui(ui: &mut Ui, v: &mut ChainView, mode: EditMode) {
    let stale = v.validating();
    let mining = v.mining.as_ref().map(|m| (m.target, m.progress_text()));
    let (Some(chain), Some(report)) = (v.chain.as_mut(), v.report.as_ref()) else {
        ui.spinner();
        return;
    };
    super::genesis::genesis_ui(ui, chain, report);
    strip_ui(ui, report, &mut v.scroll_to);
    if let Some(note) = &v.mine_note {
        ui.weak(note);
    }
    let accounts = &chain.accounts;
    let (e20, rwa) = (chain.tokens.erc20.decimals, chain.tokens.rwa.token.decimals);
    let difficulty = chain.difficulty_bits;
    let blocks = &mut chain.blocks;
    v.heights.resize(blocks.len(), 0.0);
    let mut edited: Option<usize> = None;
    let mut mine: Option<usize> = None;
    let mut cancel = false;
    let mut select = None;
    let mut hover = None;
    let scroll_to = v.scroll_to.take();
    egui::ScrollArea::vertical()
        .id_salt("ledger_cards")
        .auto_shrink(false)
        .show(ui, |ui| {
            if stale {
                ui.multiply_opacity(0.45);
            }
            let width = ui.available_width();
            for (i, block) in blocks.iter_mut().enumerate() {
                let h = if v.heights[i] > 0.0 {
                    v.heights[i]
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
                let cx = CardCtx {
                    accounts,
                    e20,
                    rwa,
                    difficulty,
                    check: report.blocks.get(i),
                    problems: report.block_problems(i),
                    mode,
                    mining: mining
                        .as_ref()
                        .map(|(t, p)| (*t == super::mining::MineTarget::Block(i), p.clone())),
                    bytes_click: v.bytes_click,
                };
                let out = ui.push_id(("ledger_card", i), |ui| card_ui(ui, &cx, i, block));
                v.heights[i] = out.response.rect.height();
                let out = out.inner;
                if out.edited {
                    edited = Some(edited.map_or(i, |e: usize| e.min(i)));
                }
                if out.mine {
                    mine = Some(i);
                }
                cancel |= out.cancel;
                select = select.or(out.select);
                hover = hover.or(out.hover);
                ui.add_space(8.0);
            }
        });
    v.form_hover = hover;
    if let Some(s) = select {
        v.sel = Some(s);
        v.bytes_click = None;
    }
    if let Some(i) = edited {
        v.edited(i, mode);
    }
    if cancel && let Some(m) = &v.mining {
        m.cancel();
    }
    if let Some(i) = mine {
        v.remine_block(ui.ctx(), i, mode);
    }
}

/// Blocks listed one by one in the status strip at most.
const STRIP_MAX: usize = 64;

fn strip_ui(ui: &mut Ui, report: &Report, scroll_to: &mut Option<usize>) {
    let p = Palette::of(ui);
    ui.horizontal_wrapped(|ui| {
        ui.weak(tr("ledger.strip"));
        // Long chains: a count and the first invalid blocks, so the frame cost stays flat.
        let long = report.blocks.len() > STRIP_MAX;
        if long {
            let bad = report
                .blocks
                .iter()
                .filter(|b| b.status != BlockStatus::Valid)
                .count();
            let key = if bad == 0 {
                "ledger.strip.all_valid"
            } else {
                "ledger.strip.counts"
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
                BlockStatus::Valid => (trf("ledger.strip.valid", &[("n", &i)]), p.ok()),
                _ => (trf("ledger.strip.invalid", &[("n", &i)]), p.error()),
            };
            if ui.button(RichText::new(text).color(colour)).clicked() {
                *scroll_to = Some(i);
            }
        }
    });
}

fn status_text(i: usize, status: Option<BlockStatus>) -> String {
    match status {
        Some(BlockStatus::Valid) => trf("ledger.block.valid", &[("n", &i)]),
        Some(BlockStatus::Invalid) => trf("ledger.block.invalid", &[("n", &i)]),
        Some(BlockStatus::AfterInvalid(k)) => {
            trf("ledger.block.after_invalid", &[("n", &i), ("k", &k)])
        }
        None => trf("ledger.block.unchecked", &[("n", &i)]),
    }
}

fn card_ui(ui: &mut Ui, cx: &CardCtx<'_>, i: usize, block: &mut Block) -> CardOut {
    let p = Palette::of(ui);
    let status = cx.check.map(|c| c.status);
    let colour = match status {
        Some(BlockStatus::Valid) => p.ok(),
        Some(_) => p.error(),
        None => p.weak(),
    };
    let mut out = CardOut::default();
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
                        out.cancel = ui.button(tr("ledger.mine.cancel")).clicked();
                    }
                    Some((false, _)) => {
                        ui.add_enabled(false, egui::Button::new(tr("ledger.mine")));
                    }
                    None => {
                        let name = trf("ledger.mine.block", &[("n", &i)]);
                        out.mine = ui.button(tr("ledger.mine")).accessible_name(name).clicked();
                    }
                }
                let name = trf("ledger.header_bytes.block", &[("n", &i)]);
                if ui
                    .button(tr("ledger.header_bytes"))
                    .accessible_name(name)
                    .clicked()
                {
                    out.select = Some(Sel { block: i, tx: None });
                }
                let name = trf("ledger.tx.copy_last_n", &[("n", &i)]);
                let copy = ui
                    .add_enabled(
                        !block.txs.is_empty(),
                        egui::Button::new(tr("ledger.tx.copy_last")),
                    )
                    .accessible_name(name)
                    .on_hover_text(tr("ledger.tx.copy_last_hint"));
                if copy.clicked()
                    && let Some(last) = block.txs.last()
                {
                    block.txs.push(last.clone());
                    out.edited = true;
                }
            });
            header_ui(ui, cx, i, block, &mut out);
            ui.separator();
            let mut remove = None;
            for (t, tx) in block.txs.iter_mut().enumerate() {
                let sel = Sel {
                    block: i,
                    tx: Some(t),
                };
                let mut f = cx.fields(sel);
                ui.horizontal_wrapped(|ui| {
                    let name = trf("ledger.tx.remove_n", &[("n", &i), ("t", &t)]);
                    if ui
                        .small_button("✖")
                        .accessible_name(name)
                        .on_hover_text(tr("ledger.tx.remove_hint"))
                        .clicked()
                    {
                        remove = Some(t);
                    }
                    ui.weak(format!("tx {t}"));
                    ui.weak(tr("ledger.field.from"));
                    let name = f.name_of("from");
                    let (ch, r) = address_pick_ui(ui, &name, cx.accounts, &mut tx.from);
                    f.link(ui, &r, "from");
                    out.edited |= ch;
                    ui.weak(tr("ledger.field.nonce"));
                    let name = f.name_of("nonce");
                    let (ch, r) = u64_edit_ui(ui, &name, &mut tx.nonce, 36.0);
                    f.link(ui, &r, "nonce");
                    out.edited |= ch;
                    out.edited |= op_ui(ui, &mut f, &mut tx.op);
                    let bad_sig = cx
                        .problems
                        .iter()
                        .any(|p| p.tx == Some(t) && p.rule == Rule::BadSignature);
                    let sig = if bad_sig {
                        RichText::new(tr("ledger.sig.bad")).color(p.error())
                    } else {
                        RichText::new(tr("ledger.sig.ok")).color(p.ok())
                    };
                    ui.label(sig).on_hover_text(tr("ledger.sig.edit_hint"));
                    let name = f.name_of("signature");
                    let (ch, r) = sig_edit_ui(ui, &name, &mut tx.signature);
                    f.link(ui, &r, "signature");
                    out.edited |= ch;
                    let name = trf("ledger.tx_bytes.tx", &[("n", &i), ("t", &t)]);
                    if ui
                        .small_button(tr("ledger.tx_bytes"))
                        .accessible_name(name)
                        .clicked()
                    {
                        out.select = Some(sel);
                    }
                });
                if let Some(field) = f.hovered {
                    out.hover = Some((sel, field));
                }
            }
            if let Some(t) = remove {
                block.txs.remove(t);
                out.edited = true;
            }
            problems_ui(ui, cx, status);
        });
    out
}

fn header_ui(ui: &mut Ui, cx: &CardCtx<'_>, i: usize, block: &mut Block, out: &mut CardOut) {
    let p = Palette::of(ui);
    let sel = Sel { block: i, tx: None };
    let mut f = cx.fields(sel);
    ui.horizontal_wrapped(|ui| {
        ui.weak(tr("ledger.field.index"));
        let (ch, r) = u64_edit_ui(ui, &f.name_of("index"), &mut block.index, 40.0);
        f.link(ui, &r, "index");
        out.edited |= ch;
        ui.weak(tr("ledger.field.timestamp"));
        let (ch, r) = u64_edit_ui(ui, &f.name_of("timestamp"), &mut block.timestamp, 100.0);
        let r = r.on_hover_text(utc(block.timestamp));
        f.link(ui, &r, "timestamp");
        out.edited |= ch;
        ui.weak(tr("ledger.field.nonce"));
        let (ch, r) = u64_edit_ui(ui, &f.name_of("nonce"), &mut block.nonce, 90.0);
        f.link(ui, &r, "nonce");
        out.edited |= ch;
        ui.weak(tr("ledger.field.bits"));
        let r = ui
            .add(egui::DragValue::new(&mut block.bits).range(0..=255))
            .accessible_name(f.name_of("bits"));
        f.link(ui, &r, "bits");
        out.edited |= r.changed();
        ui.weak(target_text(block.bits.max(cx.difficulty)));
    });
    let raw = cx.mode == EditMode::Raw;
    for (label, field, value) in [
        (tr("ledger.field.prev"), "prev", &mut block.prev),
        (
            tr("ledger.field.merkle"),
            "merkle_root",
            &mut block.merkle_root,
        ),
    ] {
        ui.horizontal(|ui| {
            ui.weak(label);
            let name = f.name_of(field);
            if raw {
                let (ch, r) = hash_edit_ui(ui, &name, value);
                f.link(ui, &r, field);
                out.edited |= ch;
            } else {
                let r = ui.monospace(value.to_hex());
                f.link(ui, &r, field);
            }
        });
    }
    if raw {
        ui.horizontal(|ui| {
            ui.weak(tr("ledger.field.stored_hash"));
            let (ch, _) = hash_edit_ui(ui, &f.name_of("stored hash"), &mut block.hash);
            out.edited |= ch;
        });
    }
    if let Some(check) = cx.check {
        let bits = block.bits.max(cx.difficulty);
        let zeros = check.hash.leading_zero_bits();
        let ok = zeros >= bits;
        ui.horizontal_wrapped(|ui| {
            ui.weak(tr("ledger.field.hash"));
            ui.label(hash_job(
                ui,
                &check.hash.to_hex(),
                zeros,
                if ok { p.ok() } else { p.error() },
            ));
            let text = trf("ledger.zero_bits", &[("z", &zeros), ("need", &bits)]);
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
        ui.colored_label(p.error(), trf("ledger.extends_invalid", &[("k", &k)]));
    }
    for problem in cx.problems {
        if let Some(section) = problem.section {
            // Listed in full on the genesis line above the blocks.
            ui.colored_label(
                p.error(),
                trf(
                    "ledger.genesis.pointer",
                    &[
                        ("rule", &problem.rule.name()),
                        ("section", &tr(section.label_key())),
                    ],
                ),
            );
            continue;
        }
        let text = match problem.tx {
            Some(t) => format!("tx {t} · {}: {}", problem.rule.name(), problem.message),
            None => format!("{}: {}", problem.rule.name(), problem.message),
        };
        ui.colored_label(p.error(), text);
        if let Some(e) = &problem.standard_error {
            ui.weak(trf("ledger.std_error", &[("e", e)]));
        }
    }
}

/// "2026-01-01T00:00:00Z" for seconds since 1970.
fn utc(secs: u64) -> String {
    i64::try_from(secs)
        .ok()
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map_or_else(
            || tr("ledger.time_out_of_range").to_owned(),
            |t| t.to_string(),
        )
}
