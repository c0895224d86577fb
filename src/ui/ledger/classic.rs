//! Anders Brownworth's classic blockchain demo, faithfully: his seven pages and presets, blocks as editable cards
//! with live hashes, green or red by his difficulty rule, his `updateChain` cascade, mining from nonce 0 on a named
//! thread, peers side by side, and his quirks explained. Thin: the work is in `crate::ledger::classic`.

mod card;
mod side;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use egui::Ui;

use crate::ledger::classic::{
    BlockReport, ClassicBlock, ClassicScenario, Difficulty, MineOutcome, Page, mine, update_chain,
};
use crate::ui::highlight::HighlightView;
use crate::ui::job::{Job, Poll};
use crate::ui::theme::Palette;

/// The pause per progress report (every `PROGRESS_EVERY` attempts) in slow motion: about 100k attempts a second.
const SLOW_PAUSE: std::time::Duration = std::time::Duration::from_millis(40);

/// A mining run on the worker thread.
struct Mining {
    /// Which peer and block.
    peer: usize,
    block: usize,
    /// The page load it belongs to (a result for an older page is dropped).
    generation: u64,
    cancel: Arc<AtomicBool>,
    attempts: Arc<AtomicU64>,
    job: Job<(ClassicBlock, MineOutcome)>,
}

/// The Classic sub-view.
#[derive(Default)]
pub struct ClassicView {
    scenario: Option<ClassicScenario>,
    reports: Vec<Vec<BlockReport>>,
    generation: u64,
    /// The block whose hashed text is shown: (peer, block).
    selected: (usize, usize),
    mining: Option<Mining>,
    /// How the last mining run ended, worded when drawn.
    notice: Option<crate::i18n::Words>,
    /// Pause at every progress report, so mining takes about as long as in a browser and can be watched.
    slow: bool,
    text_view: HighlightView,
    collision_views: [HighlightView; 2],
}

impl ClassicView {
    /// The scenario on screen (the Hash page until another is picked).
    pub fn scenario(&self) -> &ClassicScenario {
        self.scenario.as_ref().unwrap_or_else(|| default_scenario())
    }

    /// The page on screen.
    pub fn page(&self) -> Page {
        self.scenario().page
    }

    /// The verdicts for every block of every peer, as last computed.
    pub fn reports(&self) -> &[Vec<BlockReport>] {
        &self.reports
    }

    /// Is a block being mined?
    pub fn is_mining(&self) -> bool {
        self.mining.is_some()
    }

    /// Load a page's presets (dropping any mining run).
    pub fn load_page(&mut self, page: Page) {
        self.cancel_mining();
        self.mining = None;
        let scenario = ClassicScenario::preset(page);
        self.reports = scenario.check();
        self.scenario = Some(scenario);
        self.generation += 1;
        self.selected = (0, 0);
        self.notice = None;
    }

    /// Ask the miner to stop; its result (the last nonce tried, as on Anders' page) still arrives.
    fn cancel_mining(&self) {
        if let Some(m) = &self.mining {
            m.cancel.store(true, Ordering::Relaxed);
        }
    }

    fn set_difficulty(&mut self, major: u8, minor: u8) {
        if let Some(s) = &mut self.scenario {
            s.difficulty = Difficulty::anders(major, minor);
            self.reports = s.check();
        }
    }

    /// Anders' cascade after an edit to block `block` of `peer`: later blocks take the new hash as Prev.
    fn edited(&mut self, peer: usize, block: usize) {
        let Some(s) = &mut self.scenario else {
            return;
        };
        let (page, difficulty) = (s.page, s.difficulty);
        if let Some(p) = s.peers.get_mut(peer) {
            let reports = update_chain(&mut p.blocks, block + 1, page, &difficulty);
            if let Some(slot) = self.reports.get_mut(peer) {
                *slot = reports;
            }
        }
    }

    fn start_mining(&mut self, ctx: &egui::Context, peer: usize, block: usize) {
        let Some(s) = &self.scenario else {
            return;
        };
        let Some(target) = s.peers.get(peer).and_then(|p| p.blocks.get(block)) else {
            return;
        };
        let mut target = target.clone();
        let (page, difficulty) = (s.page, s.difficulty);
        let cancel = Arc::new(AtomicBool::new(false));
        let attempts = Arc::new(AtomicU64::new(0));
        let (c, a, repaint) = (Arc::clone(&cancel), Arc::clone(&attempts), ctx.clone());
        let slow = self.slow;
        let job = Job::spawn("classic-mine", ctx, move || {
            let outcome = mine(&mut target, page, &difficulty, &c, |n| {
                a.store(n, Ordering::Relaxed);
                repaint.request_repaint();
                if slow {
                    std::thread::sleep(SLOW_PAUSE);
                }
            });
            (target, outcome)
        });
        let Some(job) = job else {
            self.notice = Some(words!("classic.no_thread"));
            return;
        };
        self.notice = None;
        self.mining = Some(Mining {
            peer,
            block,
            generation: self.generation,
            cancel,
            attempts,
            job,
        });
    }

    fn poll_mining(&mut self) {
        let Some(m) = &self.mining else {
            return;
        };
        let (peer, block, generation) = (m.peer, m.block, m.generation);
        let (mined, outcome) = match m.job.poll() {
            Poll::Pending => return,
            Poll::Failed => {
                self.mining = None;
                self.notice = Some(words!("classic.mine_failed"));
                return;
            }
            Poll::Ready(done) => done,
        };
        self.mining = None;
        if generation != self.generation {
            return;
        }
        // Only the nonce changes (Anders' issue #2); then his cascade runs from the mined block.
        if let Some(b) = self
            .scenario
            .as_mut()
            .and_then(|s| s.peers.get_mut(peer))
            .and_then(|p| p.blocks.get_mut(block))
        {
            b.nonce = mined.nonce;
        }
        self.edited(peer, block);
        self.notice = Some(match outcome {
            MineOutcome::Found {
                nonce, attempts, ..
            } => words!("classic.mined")
                .with("nonce", nonce)
                .with("attempts", attempts),
            MineOutcome::Exhausted { attempts, .. } => {
                words!("classic.exhausted").with("attempts", attempts)
            }
            MineOutcome::Cancelled { attempts } => {
                words!("classic.cancelled").with("attempts", attempts)
            }
            MineOutcome::NoNonce => words!("classic.no_nonce"),
        });
    }

    /// Draw the view.
    pub fn ui(&mut self, ui: &mut Ui) {
        if self.scenario.is_none() {
            self.load_page(Page::Hash);
        }
        self.poll_mining();
        let palette = Palette::of(ui);
        ui.colored_label(palette.info(), tr!("classic.historical"));
        self.toolbar_ui(ui);
        ui.separator();
        egui::Panel::right("classic_side")
            .resizable(true)
            .default_size(440.0)
            .show(ui, |ui| side::side_ui(ui, self, palette));
        egui::ScrollArea::both()
            .id_salt("classic_cards")
            .auto_shrink([false, false])
            .show(ui, |ui| self.peers_ui(ui, palette));
        if self.mining.is_some() {
            ui.ctx().request_repaint();
        }
    }

    fn toolbar_ui(&mut self, ui: &mut Ui) {
        let page = self.page();
        ui.horizontal_wrapped(|ui| {
            ui.label(tr!("classic.page"));
            for p in Page::ALL {
                if ui.selectable_label(page == p, p.to_string()).clicked() && page != p {
                    self.load_page(p);
                }
            }
        });
        let d = self.scenario().difficulty;
        // The Hash page has no target, so no difficulty.
        if page != Page::Hash {
            self.difficulty_ui(ui, d);
        }
        ui.weak(trf!("classic.source", &[("source", &page.source())]));
        if let Some(notice) = &self.notice {
            ui.label(notice.text());
        }
    }

    fn difficulty_ui(&mut self, ui: &mut Ui, d: Difficulty) {
        ui.horizontal_wrapped(|ui| {
            let (mut major, mut minor) = (d.major, d.minor);
            let l = ui.label(tr!("classic.major"));
            let r1 = ui
                .add(egui::DragValue::new(&mut major).range(0..=8))
                .labelled_by(l.id);
            let l = ui.label(tr!("classic.minor"));
            let r2 = ui
                .add(
                    egui::DragValue::new(&mut minor)
                        .range(0..=15)
                        .hexadecimal(1, false, false),
                )
                .labelled_by(l.id);
            if (r1.changed() || r2.changed()) && (major, minor) != (d.major, d.minor) {
                self.set_difficulty(major, minor);
            }
            ui.weak(trf!(
                "classic.rule",
                &[("pattern", &d.pattern()), ("max", &d.maximum_nonce)],
            ));
            ui.checkbox(&mut self.slow, tr!("classic.slow"))
                .on_hover_text(tr!("classic.slow_hint"));
        });
    }

    fn peers_ui(&mut self, ui: &mut Ui, palette: Palette) {
        let Some(scenario) = &self.scenario else {
            return;
        };
        let page = scenario.page;
        let n = scenario.peers.len();
        if n > 1 {
            side::tips_ui(ui, scenario, palette);
        }
        let mining = self
            .mining
            .as_ref()
            .map(|m| (m.peer, m.block, m.attempts.load(Ordering::Relaxed)));
        let mut actions = Vec::new();
        let Some(scenario) = &mut self.scenario else {
            return;
        };
        let reports = &self.reports;
        let selected = self.selected;
        ui.horizontal_top(|ui| {
            for (pi, peer) in scenario.peers.iter_mut().enumerate() {
                ui.vertical(|ui| {
                    ui.set_width(match (n, page) {
                        (1, _) => 560.0,
                        (_, Page::Signed) => 540.0,
                        _ => 460.0,
                    });
                    if n > 1 {
                        ui.heading(trf!("classic.peer", &[("name", &peer.name)]));
                        if page == Page::Signed
                            && let Some(r) = reports.get(pi)
                        {
                            side::signature_summary_ui(ui, &peer.name, r, palette);
                        }
                    }
                    let busy = mining.is_some_and(|(p, ..)| p == pi);
                    for (bi, block) in peer.blocks.iter_mut().enumerate() {
                        let ctx = card::CardContext {
                            page,
                            peer_name: (n > 1).then_some(peer.name.as_str()),
                            index: bi,
                            report: reports.get(pi).and_then(|r| r.get(bi)),
                            mining: mining
                                .filter(|&(p, b, _)| (p, b) == (pi, bi))
                                .map(|(.., a)| a),
                            locked: busy,
                            selected: selected == (pi, bi),
                            palette,
                        };
                        let action = card::card_ui(ui, block, &ctx);
                        if action != card::CardAction::None {
                            actions.push((pi, bi, action));
                        }
                        ui.add_space(8.0);
                    }
                });
            }
        });
        for (pi, bi, action) in actions {
            match action {
                card::CardAction::Edited => self.edited(pi, bi),
                card::CardAction::Mine => self.start_mining(ui.ctx(), pi, bi),
                card::CardAction::Cancel => self.cancel_mining(),
                card::CardAction::Select => self.selected = (pi, bi),
                card::CardAction::None => {}
            }
        }
    }
}

/// The scenario shown before the first frame sets one.
fn default_scenario() -> &'static ClassicScenario {
    static DEFAULT: std::sync::OnceLock<ClassicScenario> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(|| ClassicScenario::preset(Page::Hash))
}
