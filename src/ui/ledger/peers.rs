//! The Peers sub-view: several peers each holding their own copy of the chain, the longest-valid-chain rule, and the
//! guided double-spend lesson. Thin: the rule and the lesson are in `crate::ledger::peers`.

use egui::{RichText, Ui};

use crate::i18n::{Worded as _, Words};
use crate::ledger::peers::{
    LessonStep, Peer, Verdict, append_block, broadcast, double_spend_lesson, work_of,
};
use crate::ledger::{BlockStatus, Report, Validator};
use crate::text::reveal;
use crate::ui::theme::Palette;

/// Difficulty of the lesson's chain: low, so every step mines at once.
const LESSON_BITS: u32 = 10;

/// Largest chain copied to the peers: each peer validates its copy on the UI thread when it changes.
const MAX_PEER_TXS: usize = 2_000;

/// The Peers sub-view.
#[derive(Default)]
pub struct PeersView {
    lesson: Vec<LessonStep>,
    step: usize,
    /// The peers shown: a lesson step's, or the learner's own after free play.
    peers: Vec<Peer>,
    verdicts: Vec<(usize, Verdict)>,
    free_play: bool,
    /// Why the lesson or a mined block failed, worded when drawn.
    error: Option<Words>,
    /// One validator per peer (it caches hashes and signatures) and the last report with its work, recomputed only
    /// when that peer's chain changes.
    checked: Vec<(Validator, Option<(Report, f64)>)>,
}

impl PeersView {
    /// The peers on screen.
    pub fn peers(&self) -> &[Peer] {
        &self.peers
    }

    /// The current lesson step (0-based) and the number of steps.
    pub fn step(&self) -> (usize, usize) {
        (self.step, self.lesson.len())
    }

    fn ensure_lesson(&mut self) {
        if !self.lesson.is_empty() || self.error.is_some() {
            return;
        }
        match double_spend_lesson(LESSON_BITS) {
            Ok(steps) => {
                self.lesson = steps;
                self.show_step(0);
            }
            Err(e) => self.error = Some(e.words()),
        }
    }

    fn show_step(&mut self, step: usize) {
        if let Some(s) = self.lesson.get(step) {
            self.step = step;
            self.peers = s.peers.clone();
            self.verdicts = s.verdicts.clone();
            self.free_play = false;
            self.forget_reports();
        }
    }

    fn forget_reports(&mut self) {
        self.checked
            .resize_with(self.peers.len(), || (Validator::with_threads(1), None));
        for c in &mut self.checked {
            c.1 = None;
        }
    }

    fn refresh_reports(&mut self) {
        if self.checked.len() != self.peers.len() {
            self.forget_reports();
        }
        for (peer, (validator, cached)) in self.peers.iter().zip(&mut self.checked) {
            if cached.is_none() {
                let report = validator.validate(&peer.chain);
                let work = work_of(&peer.chain, &report);
                *cached = Some((report, work));
            }
        }
    }

    /// Give every peer a copy of `chain` (the Chain view's), for free play with the learner's own ledger.
    pub fn load_chain(&mut self, chain: &crate::ledger::Chain) {
        self.peers = crate::ledger::peers::peers_with(chain, 3);
        self.verdicts.clear();
        self.free_play = true;
        self.forget_reports();
    }

    /// Draw it. `own` is the Chain view's chain, offered as a starting point for free play.
    pub fn ui(&mut self, ui: &mut Ui, own: Option<&crate::ledger::Chain>) {
        self.ensure_lesson();
        if let Some(e) = &self.error {
            ui.colored_label(Palette::of(ui).error(), e.text());
            return;
        }
        ui.label(tr!("ledger.peers.intro"));
        self.lesson_ui(ui);
        if let Some(chain) = own {
            let txs: usize = chain.blocks.iter().map(|b| b.txs.len()).sum();
            let small = txs <= MAX_PEER_TXS;
            let hint = if small {
                tr!("ledger.peers.use_chain_hint").to_owned()
            } else {
                trf!(
                    "ledger.peers.use_chain_too_big",
                    &[("n", &txs), ("max", &MAX_PEER_TXS)],
                )
            };
            if ui
                .add_enabled(small, egui::Button::new(tr!("ledger.peers.use_chain")))
                .on_hover_text(&hint)
                .on_disabled_hover_text(&hint)
                .clicked()
            {
                self.load_chain(chain);
            }
        }
        self.refresh_reports();
        ui.separator();
        let mut action = None;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.columns(self.peers.len().max(1), |cols| {
                    for (i, col) in cols.iter_mut().enumerate() {
                        let Some((report, work)) = self.checked.get(i).and_then(|c| c.1.as_ref())
                        else {
                            continue;
                        };
                        let verdict = self.verdicts.iter().find(|v| v.0 == i);
                        if let Some(a) = peer_ui(col, i, &self.peers[i], report, *work, verdict) {
                            action = Some(a);
                        }
                    }
                });
            });
        match action {
            Some(Action::Mine(i)) => {
                if let Err(e) = append_block(&mut self.peers[i].chain, Vec::new()) {
                    self.error = Some(e.words());
                }
                self.verdicts.clear();
                self.free_play = true;
                self.forget_reports();
            }
            Some(Action::Broadcast(i)) => {
                self.verdicts = broadcast(&mut self.peers, i);
                self.free_play = true;
                self.forget_reports();
            }
            None => {}
        }
    }

    fn lesson_ui(&mut self, ui: &mut Ui) {
        let Some(step) = self.lesson.get(self.step) else {
            return;
        };
        // Worded as they are drawn, in the language in use.
        let (title, explanation) = (step.title.text(), step.explanation.text());
        let last = self.lesson.len().saturating_sub(1);
        ui.horizontal(|ui| {
            ui.strong(tr!("ledger.peers.lesson"));
            if ui
                .add_enabled(self.step > 0, egui::Button::new(tr!("ledger.peers.prev")))
                .clicked()
            {
                self.show_step(self.step - 1);
            }
            if ui
                .add_enabled(
                    self.step < last,
                    egui::Button::new(tr!("ledger.peers.next")),
                )
                .clicked()
            {
                self.show_step(self.step + 1);
            }
            if ui.button(tr!("ledger.peers.restart")).clicked() {
                self.show_step(0);
            }
            ui.label(trf!(
                "ledger.peers.step",
                &[
                    ("n", &(self.step + 1)),
                    ("of", &self.lesson.len()),
                    ("title", &title),
                ],
            ));
        });
        if self.free_play {
            ui.weak(tr!("ledger.peers.free_play"));
        } else {
            ui.label(explanation);
        }
    }
}

enum Action {
    Mine(usize),
    Broadcast(usize),
}

fn peer_ui(
    ui: &mut Ui,
    index: usize,
    peer: &Peer,
    report: &Report,
    work: f64,
    verdict: Option<&(usize, Verdict)>,
) -> Option<Action> {
    let theme = Palette::of(ui);
    let mut action = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        let name = peer.name.text();
        ui.heading(&name);
        let status = if report.is_valid() {
            RichText::new(trf!(
                "ledger.peers.valid",
                &[("n", &peer.chain.blocks.len())],
            ))
            .color(theme.ok())
        } else {
            RichText::new(trf!(
                "ledger.peers.invalid",
                &[("n", &peer.chain.blocks.len())],
            ))
            .color(theme.error())
        };
        ui.label(status);
        ui.weak(trf!(
            "ledger.peers.work",
            &[("work", &format!("{work:.0}"))]
        ));
        if let Some((_, v)) = verdict {
            let (text, colour) = match v {
                Verdict::Adopted { blocks } => {
                    (trf!("ledger.peers.adopted", &[("n", blocks)]), theme.ok())
                }
                Verdict::KeptOwn {
                    own_work,
                    offered_work,
                } => (
                    trf!(
                        "ledger.peers.kept",
                        &[
                            ("own", &format!("{own_work:.0}")),
                            ("offered", &format!("{offered_work:.0}")),
                        ],
                    ),
                    theme.warn(),
                ),
                Verdict::Rejected { problems } => {
                    let first = problems
                        .first()
                        .map(|p| format!("{}: {}", p.rule.name(), p.message.text()))
                        .unwrap_or_default();
                    (
                        trf!("ledger.peers.rejected", &[("why", &first)]),
                        theme.error(),
                    )
                }
            };
            ui.label(RichText::new(text).color(colour));
        }
        ui.separator();
        for (b, (block, check)) in peer.chain.blocks.iter().zip(&report.blocks).enumerate() {
            let colour = match check.status {
                BlockStatus::Valid => theme.ok(),
                BlockStatus::Invalid | BlockStatus::AfterInvalid(_) => theme.error(),
            };
            let hash = check.hash.to_hex();
            let ops: Vec<String> = block.txs.iter().map(|t| describe(peer, t)).collect();
            ui.label(
                RichText::new(format!("#{b} {}…", &hash[..12]))
                    .monospace()
                    .color(colour),
            );
            if !ops.is_empty() {
                ui.weak(ops.join("; "));
            }
        }
        ui.horizontal(|ui| {
            let mine = ui.button(tr!("ledger.peers.mine"));
            let mine = mine.on_hover_text(trf!("ledger.peers.mine_hint", &[("peer", &name)]));
            if mine.clicked() {
                action = Some(Action::Mine(index));
            }
            if ui
                .button(tr!("ledger.peers.broadcast"))
                .on_hover_text(tr!("ledger.peers.broadcast_hint"))
                .clicked()
            {
                action = Some(Action::Broadcast(index));
            }
        });
    });
    action
}

/// "Mallory → Alice 100 LENS" for a transfer, the operation name otherwise.
fn describe(peer: &Peer, tx: &crate::ledger::Tx) -> String {
    let name = |a: &crate::ledger::Address| {
        peer.chain
            .accounts
            .iter()
            .find(|acc| acc.address == *a)
            .map_or_else(|| a.short(), |acc| reveal(&acc.label).into_owned())
    };
    let decimals = peer.chain.tokens.erc20.decimals;
    match &tx.op {
        crate::ledger::Op::Transfer { to, amount } | crate::ledger::Op::Mint { to, amount } => {
            format!(
                "{} → {} {} {}",
                name(&tx.from),
                name(to),
                crate::ledger::format_amount(*amount, decimals),
                peer.chain.tokens.erc20.symbol
            )
        }
        op => format!("{}: {}", name(&tx.from), op.name()),
    }
}
