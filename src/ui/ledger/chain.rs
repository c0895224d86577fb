//! The Chain sub-view's state and layout: the chain being edited, its latest validation report (one `Validator`
//! reused across edits; big chains validate on a named worker while the old result stays, dimmed), mining, the
//! selection shown as canonical bytes, the compose form and the file row. The parts draw from a read-only
//! [`ChainCtx`] and return [`ChainAction`]s, which [`ChainView::apply`] carries out after the frame.

use crate::i18n::{Worded as _, Words, trf};
use crate::ledger::demo::{DemoParams, build_demo};
use crate::ledger::genesis::{owner_demo_key, seal_genesis};
use crate::ledger::mine::{MineOutcome, relink};
use crate::ledger::model::Chain;
use crate::ledger::{Report, Validator};
use crate::ui::job::{Job, Poll};
use crate::ui::theme::Palette;

use super::action::ChainAction;
use super::mining::{MineTarget, Mining, same_header};
use super::{EditMode, LedgerSettings, bytes, cards, compose, file, panels};

/// Chains with at most this many transactions are validated on the UI thread, at once.
pub const SYNC_TXS: usize = 2000;

/// What the bytes view shows: a block header (`tx: None`) or one transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sel {
    /// Block position.
    pub block: usize,
    /// Transaction index, or `None` for the header.
    pub tx: Option<usize>,
}

/// What the parts of the Chain view read while they draw. They change none of it: they return [`ChainAction`]s.
pub(super) struct ChainCtx<'a> {
    /// The chain, once built or loaded.
    pub chain: Option<&'a Chain>,
    /// The latest validation report.
    pub report: Option<&'a Report>,
    /// Bumped with every new report.
    pub report_gen: u64,
    /// Is an old report shown (dimmed) while a worker computes the new one?
    pub stale: bool,
    /// (what is mined, progress text) while a search runs.
    pub mining: Option<(MineTarget, String)>,
    /// How the last search ended.
    pub mine_note: Option<&'a Words>,
    /// The block to scroll into view this frame.
    pub scroll_to: Option<usize>,
    /// The form field under the pointer last frame (links the bytes view).
    pub form_hover: Option<(Sel, &'static str)>,
    /// The bytes field clicked (links the form).
    pub bytes_click: Option<(Sel, &'static str)>,
    /// How edits spread.
    pub mode: EditMode,
}

/// The Chain sub-view.
#[derive(Default)]
pub struct ChainView {
    chain: Option<Chain>,
    /// Why the demo chain could not be built, worded when drawn.
    build_error: Option<Words>,
    validator: Option<Validator>,
    report: Option<Report>,
    /// Bumped with every new report.
    report_gen: u64,
    validating: Option<Job<(Validator, Report)>>,
    dirty: bool,
    mining: Option<Mining>,
    /// How the last search ended, worded when drawn.
    mine_note: Option<Words>,
    sel: Option<Sel>,
    bytes: bytes::BytesState,
    compose: compose::ComposeState,
    file: file::FileState,
    cards: cards::CardsState,
    scroll_to: Option<usize>,
    /// The form field under the pointer last frame (links the bytes view).
    form_hover: Option<(Sel, &'static str)>,
    /// The bytes field clicked (links the form).
    bytes_click: Option<(Sel, &'static str)>,
    /// The edit mode, copied from the settings each frame.
    mode: EditMode,
}

impl ChainView {
    /// The chain, once built or loaded.
    pub fn chain(&self) -> Option<&Chain> {
        self.chain.as_ref()
    }

    /// The latest validation report.
    pub fn report(&self) -> Option<&Report> {
        self.report.as_ref()
    }

    /// How many reports validation has produced: a new one for every validation, none for a language switch.
    pub fn report_generation(&self) -> u64 {
        self.report_gen
    }

    /// The canonical-bytes field last clicked, whose form input is outlined.
    pub fn linked_field(&self) -> Option<(Sel, &'static str)> {
        self.bytes_click
    }

    /// Show `sel`'s canonical bytes, outline `field` there and in the form, and scroll its block into view, as a
    /// click on the field's bytes would (the guided tour points at a payment's amount this way).
    pub fn link_field(&mut self, sel: Sel, field: &'static str) {
        self.sel = Some(sel);
        self.bytes_click = Some((sel, field));
        self.scroll_to = Some(sel.block);
    }

    /// Is validation, mining, or a file save or load running?
    pub fn busy(&self) -> bool {
        self.validating.is_some() || self.mining.is_some() || self.dirty || self.file.busy()
    }

    /// Replace the chain (a loaded file, a new demo, tests) and validate it.
    pub fn set_chain(&mut self, chain: Chain) {
        if let Some(m) = &self.mining {
            m.cancel();
        }
        self.mining = None;
        self.chain = Some(chain);
        self.sel = None;
        self.cards.forget_heights();
        self.compose.clear_pending();
        self.validator = Some(Validator::new());
        self.validating = None;
        self.report = None;
        self.dirty = true;
    }

    /// Queue a ledger given as text (a dropped file); it is parsed on the file worker from the next frame.
    pub(super) fn load_text(&mut self, name: &str, text: String) {
        self.file.queue(name, text);
    }

    /// Record an edit of block `block`: in cascade mode relink from it, then validate again.
    fn edited(&mut self, block: usize) {
        if self.mode == EditMode::Cascade
            && let Some(chain) = &mut self.chain
        {
            relink(chain, block);
        }
        self.dirty = true;
    }

    /// The chain's difficulty was changed. It is a signed setting: in cascade mode the issuer (a demo key) signs
    /// the genesis record again and every block is relinked, so each must be mined again; in raw mode, or when the
    /// issuer's key is not a demo key, the change shows as tampered metadata.
    fn difficulty_changed(&mut self) {
        if self.mode == EditMode::Cascade
            && let Some(chain) = &mut self.chain
            && let Some(owner) = owner_demo_key(chain)
            && seal_genesis(chain, &owner).is_ok()
        {
            relink(chain, 0);
        }
        self.dirty = true;
    }

    fn revalidate(&mut self, ctx: &egui::Context) {
        if !self.dirty || self.validating.is_some() {
            return;
        }
        let Some(chain) = &self.chain else {
            return;
        };
        let mut v = self.validator.take().unwrap_or_default();
        self.dirty = false;
        let txs: usize = chain.blocks.iter().map(|b| b.txs.len()).sum();
        if txs <= SYNC_TXS {
            self.report = Some(v.validate(chain));
            self.report_gen += 1;
            self.validator = Some(v);
        } else {
            let copy = chain.clone();
            self.validating = Job::spawn("ledger-validate", ctx, move || {
                let r = v.validate(&copy);
                (v, r)
            });
        }
    }

    fn poll(&mut self, ctx: &egui::Context) {
        if let Some(job) = &self.validating {
            match job.poll() {
                Poll::Pending => {}
                Poll::Ready((v, r)) => {
                    self.validator = Some(v);
                    self.report = Some(r);
                    self.report_gen += 1;
                    self.validating = None;
                }
                Poll::Failed => self.validating = None,
            }
        }
        self.revalidate(ctx);
        self.poll_mining(ctx);
    }

    /// Mine existing block `i` again (its bits are raised to the chain's difficulty first).
    fn remine_block(&mut self, ctx: &egui::Context, i: usize) {
        let Some(chain) = &mut self.chain else {
            return;
        };
        let difficulty = chain.difficulty_bits;
        let Some(block) = chain.blocks.get_mut(i) else {
            return;
        };
        if block.bits < difficulty {
            block.bits = difficulty;
            self.edited(i);
        }
        let Some(block) = self.chain.as_ref().and_then(|c| c.blocks.get(i)) else {
            return;
        };
        let bits = block.bits.max(difficulty);
        self.mine_note = None;
        self.mining = Mining::start(ctx, MineTarget::Block(i), block.clone(), bits);
    }

    /// Mine the pending transactions into a new block, to append.
    fn mine_pending(&mut self, ctx: &egui::Context) {
        let Some(chain) = &self.chain else {
            return;
        };
        let prev = self
            .report
            .as_ref()
            .and_then(|r| r.blocks.last())
            .map_or_else(|| chain.first_prev(), |b| b.hash);
        let last = chain.blocks.last();
        let mut block = crate::ledger::Block {
            index: chain.blocks.len() as u64,
            timestamp: last.map_or(1_767_225_600, |b| b.timestamp + 12),
            prev,
            merkle_root: crate::ledger::H256::ZERO,
            bits: chain.difficulty_bits,
            nonce: 0,
            hash: crate::ledger::H256::ZERO,
            txs: self.compose.take_pending(),
        };
        crate::ledger::mine::seal(&mut block, prev);
        let bits = chain.difficulty_bits;
        self.mine_note = None;
        self.mining = Mining::start(ctx, MineTarget::New, block, bits);
    }

    fn poll_mining(&mut self, ctx: &egui::Context) {
        let Some(m) = &self.mining else {
            return;
        };
        let outcome = match m.poll() {
            Poll::Pending => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
                return;
            }
            Poll::Ready(o) => Some(o),
            Poll::Failed => None,
        };
        let Some(m) = self.mining.take() else {
            return;
        };
        match (outcome, m.target) {
            (Some(MineOutcome::Found { nonce, hash }), MineTarget::Block(i)) => {
                let Some(block) = self.chain.as_mut().and_then(|c| c.blocks.get_mut(i)) else {
                    return;
                };
                if same_header(block, &m.snapshot) {
                    block.nonce = nonce;
                    block.hash = hash;
                    self.edited(i);
                    self.mine_note = Some(
                        words!("ledger.mine.found")
                            .with("n", i)
                            .with("nonce", nonce),
                    );
                } else {
                    self.mine_note = Some(words!("ledger.mine.stale"));
                }
            }
            (Some(MineOutcome::Found { nonce, hash }), MineTarget::New) => {
                let mut block = m.snapshot;
                block.nonce = nonce;
                block.hash = hash;
                if let Some(chain) = &mut self.chain {
                    chain.blocks.push(block);
                    let n = chain.blocks.len() - 1;
                    self.scroll_to = Some(n);
                    self.mine_note = Some(
                        words!("ledger.mine.found")
                            .with("n", n)
                            .with("nonce", nonce),
                    );
                }
                self.dirty = true;
            }
            (other, target) => {
                if target == MineTarget::New {
                    self.compose.restore_pending(m.snapshot.txs);
                }
                self.mine_note = Some(match other {
                    Some(MineOutcome::Exhausted) => words!("ledger.mine.exhausted"),
                    Some(MineOutcome::Cancelled) => words!("ledger.mine.cancelled"),
                    _ => words!("ledger.worker_failed"),
                });
            }
        }
    }

    /// Draw the sub-view, then carry out what its parts asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui, settings: &mut LedgerSettings) {
        if self.chain.is_none() && self.build_error.is_none() {
            match build_demo(&DemoParams::default()) {
                Ok(chain) => self.set_chain(chain),
                Err(e) => self.build_error = Some(e.words()),
            }
        }
        self.mode = settings.mode;
        self.poll(ui.ctx());
        if let Some(e) = &self.build_error {
            ui.colored_label(Palette::of(ui).error(), e.text());
        }
        let mut actions = Vec::new();
        egui::Panel::top("ledger_chain_bar").show(ui, |ui| {
            self.bar_ui(ui, settings, &mut actions);
        });
        // Kept until the cards are drawn (they need the report).
        let scroll_to = if self.chain.is_some() && self.report.is_some() {
            self.scroll_to.take()
        } else {
            None
        };
        let cx = ChainCtx {
            chain: self.chain.as_ref(),
            report: self.report.as_ref(),
            report_gen: self.report_gen,
            stale: self.validating.is_some(),
            mining: self.mining.as_ref().map(|m| (m.target, m.progress_text())),
            mine_note: self.mine_note.as_ref(),
            scroll_to,
            form_hover: self.form_hover,
            bytes_click: self.bytes_click,
            mode: settings.mode,
        };
        egui::Panel::right("ledger_side")
            .resizable(true)
            .default_size(400.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("ledger_side_scroll")
                    .show(ui, |ui| {
                        actions.extend(compose::compose_ui(ui, &mut self.compose, &cx));
                        panels::panels_ui(ui, cx.chain, cx.report);
                    });
            });
        if let Some(sel) = self.sel {
            egui::Panel::bottom("ledger_bytes")
                .resizable(true)
                .default_size(190.0)
                .show(ui, |ui| {
                    actions.extend(bytes::bytes_panel_ui(ui, &mut self.bytes, &cx, sel));
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            actions.extend(cards::cards_ui(ui, &mut self.cards, &cx));
        });
        // The mode as chosen in the bar this frame.
        self.mode = settings.mode;
        for action in actions {
            self.apply(ui.ctx(), action);
        }
        self.revalidate(ui.ctx());
        if self.dirty {
            ui.ctx().request_repaint();
        }
    }

    /// Carry out what a part of the view asked for.
    fn apply(&mut self, ctx: &egui::Context, action: ChainAction) {
        match action {
            ChainAction::Edit { block, edit } => {
                let Some(b) = self.chain.as_mut().and_then(|c| c.blocks.get_mut(block)) else {
                    return;
                };
                if edit.apply_to(b) {
                    self.edited(block);
                }
            }
            ChainAction::SetDifficulty(bits) => {
                let Some(chain) = &mut self.chain else {
                    return;
                };
                if chain.difficulty_bits != bits {
                    chain.difficulty_bits = bits;
                    self.difficulty_changed();
                }
            }
            ChainAction::Remine(i) => self.remine_block(ctx, i),
            ChainAction::MinePending => self.mine_pending(ctx),
            ChainAction::CancelMining => {
                if let Some(m) = &self.mining {
                    m.cancel();
                }
            }
            ChainAction::Select(sel) => {
                self.sel = Some(sel);
                self.bytes_click = None;
            }
            ChainAction::CloseBytes => self.sel = None,
            ChainAction::ClickField(sel, field) => self.bytes_click = Some((sel, field)),
            ChainAction::HoverField(hover) => self.form_hover = hover,
            ChainAction::Save(path) => {
                if let Some(chain) = &self.chain {
                    file::save(ctx, &mut self.file, chain.clone(), path);
                }
            }
            ChainAction::Load(path) => file::load(ctx, &mut self.file, path),
            ChainAction::NewDemo => match build_demo(&DemoParams::default()) {
                Ok(chain) => {
                    self.set_chain(chain);
                    self.file.say(None);
                }
                Err(e) => self.file.say(Some((false, e.words()))),
            },
            ChainAction::SetChain(chain) => self.set_chain(*chain),
        }
    }

    fn bar_ui(
        &mut self,
        ui: &mut egui::Ui,
        settings: &mut LedgerSettings,
        actions: &mut Vec<ChainAction>,
    ) {
        ui.horizontal_wrapped(|ui| {
            ui.label(tr!("ledger.mode"));
            ui.radio_value(
                &mut settings.mode,
                EditMode::Cascade,
                tr!("ledger.mode.cascade"),
            );
            ui.radio_value(&mut settings.mode, EditMode::Raw, tr!("ledger.mode.raw"));
            ui.separator();
            if let Some(chain) = &self.chain {
                let l = ui.label(tr!("ledger.difficulty"));
                let mut bits = chain.difficulty_bits;
                let r = ui
                    .add(egui::DragValue::new(&mut bits).range(1..=40))
                    .labelled_by(l.id);
                ui.weak(target_text(bits));
                if r.changed() {
                    actions.push(ChainAction::SetDifficulty(bits));
                }
            }
            ui.separator();
            self.summary_ui(ui);
        });
        actions.extend(file::file_ui(ui, &mut self.file, settings));
    }

    fn summary_ui(&self, ui: &mut egui::Ui) {
        let p = Palette::of(ui);
        let Some(report) = &self.report else {
            ui.spinner();
            return;
        };
        let dim = self.validating.is_some();
        let (text, colour) = if report.is_valid() {
            (
                trf!(
                    "ledger.summary.valid",
                    &[
                        ("blocks", &report.blocks.len()),
                        ("txs", &report.transactions),
                    ],
                ),
                p.ok(),
            )
        } else {
            (
                trf(
                    if report.problems.len() == 1 {
                        key!("ledger.summary.invalid_one")
                    } else {
                        key!("ledger.summary.invalid")
                    },
                    &[
                        ("problems", &report.problems.len()),
                        ("first", &report.first_invalid_block().unwrap_or(0)),
                    ],
                ),
                p.error(),
            )
        };
        ui.colored_label(if dim { p.dim(colour) } else { colour }, text);
        if dim {
            ui.spinner();
        }
    }

    /// Is an old report shown (dimmed) while a worker computes the new one?
    pub fn validating(&self) -> bool {
        self.validating.is_some()
    }
}

/// "target 2^240 = 0x0001000…0" for a difficulty in bits.
pub fn target_text(bits: u32) -> String {
    match crate::ledger::encode::target_bytes(bits) {
        Some(t) => {
            let hex = hex::encode(t);
            let digits = hex.trim_end_matches('0');
            let zeros = hex.len() - digits.len();
            trf!(
                "ledger.target",
                &[
                    ("power", &(256 - bits)),
                    ("hex", &format!("0x{digits}…({zeros} × 0)")),
                ],
            )
        }
        None => tr!("ledger.target_none").to_owned(),
    }
}
