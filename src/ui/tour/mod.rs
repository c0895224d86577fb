//! The guided tour: a step panel beside any tab that walks one story through the three tabs (log in, pay, spend,
//! tamper), loading each step's data through the tabs' public setters and pointing at the spans involved. The story
//! itself is `crate::tour`. When the tour starts, the user's own Session tab, chain and prompt are put aside; they
//! come back, untouched, when it is closed.

mod panel;
mod what_is;

use crate::ledger::mine::relink;
use crate::ledger::model::Chain;
use crate::tour::{
    DEBIT_BLOCK, MODEL_ID, Meaning, PAYMENT_BLOCK, Step, Story, debit_amount, tamper_payment,
};
use crate::ui::ai::{AiSettings, AiTab, View};
use crate::ui::ledger::{ChainView, EditMode, LedgerSettings, LedgerTab, LedgerView, Sel};
use crate::ui::session::{KeyKind, Mode, SessionSettings, SessionTab};

pub use what_is::what_is_ui;

/// The three tabs the tour drives.
pub struct Tabs<'a> {
    /// The Session tab.
    pub session: &'a mut SessionTab,
    /// The Crypto tab.
    pub ledger: &'a mut LedgerTab,
    /// The AI tab.
    pub ai: &'a mut AiTab,
}

/// The user's own work, put aside while the tour runs.
struct Stash {
    session: SessionTab,
    chain: ChainView,
    ledger_settings: LedgerSettings,
    ai_input: String,
    ai_settings: AiSettings,
}

/// The chains of the story, built (signed and mined) once.
#[derive(Default)]
struct Chains {
    genesis: Option<Chain>,
    paid: Option<Chain>,
    /// The debit amount and the chain with it.
    debited: Option<(u128, Chain)>,
}

/// The tour's state; inactive by default.
#[derive(Default)]
pub struct Tour {
    stash: Option<Stash>,
    step: usize,
    /// Actions done: step `i` is done when `stage > i`.
    stage: usize,
    story: Story,
    /// When the pass was issued (Unix seconds).
    issued_at: i64,
    pass: Option<String>,
    chains: Chains,
    /// The prompt's token count, from the AI tab.
    count: Option<usize>,
    /// The model's price, from the AI tab's table (which the user may override), when the count arrived.
    price: Option<crate::ai::Price>,
    /// The token that spells the word "token" in the prompt: (index, id), selected in the AI tab.
    word: Option<(usize, u32)>,
    /// The prompt was handed to the AI tab and its count is awaited.
    counting: bool,
    error: Option<String>,
}

/// What the panel asks the app to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Nav {
    Action,
    Back,
    Next,
    Restart,
    Close,
}

fn request_id() -> egui::Id {
    egui::Id::unique("tokenlens_tour_request")
}

/// Ask the tour to open at `step` (from the top bar or a "What is this token?" link); it starts next frame.
pub fn request(ctx: &egui::Context, step: Step) {
    ctx.data_mut(|d| d.insert_temp(request_id(), step));
    ctx.request_repaint();
}

impl Tour {
    /// Is the tour open?
    pub fn is_active(&self) -> bool {
        self.stash.is_some()
    }

    /// The step shown.
    pub fn step(&self) -> Step {
        Step::at(self.step).unwrap_or(Step::LogIn)
    }

    /// Has the shown step's action been done?
    pub fn step_done(&self) -> bool {
        self.stage > self.step
    }

    /// The prompt's token count, once the AI tab has counted it.
    pub fn token_count(&self) -> Option<usize> {
        self.count
    }

    /// The debit in raw units (micro-LENS), once made.
    pub fn debit(&self) -> Option<u128> {
        self.chains.debited.as_ref().map(|(d, _)| *d)
    }

    /// While the tour runs, the settings to persist are the user's own, not the tour's.
    pub fn keep_user_settings(
        &self,
        session: &mut SessionSettings,
        ledger: &mut LedgerSettings,
        ai: &mut AiSettings,
    ) {
        if let Some(s) = &self.stash {
            session.clone_from(&s.session.settings);
            ledger.clone_from(&s.ledger_settings);
            ai.clone_from(&s.ai_settings);
        }
    }

    /// Open the tour at `step` (the user's work is put aside the first time), with the steps before it done.
    pub fn start(&mut self, tabs: &mut Tabs<'_>, step: Step) -> Option<Meaning> {
        if self.stash.is_none() {
            let fresh = SessionTab::new(tabs.session.settings.clone());
            let session = std::mem::replace(tabs.session, fresh);
            self.stash = Some(Stash {
                session,
                chain: std::mem::take(&mut tabs.ledger.chain),
                ledger_settings: tabs.ledger.settings.clone(),
                ai_input: tabs.ai.take_input(),
                ai_settings: tabs.ai.settings.clone(),
            });
            // A Save during the tour must never overwrite the user's ledger file.
            tabs.ledger.settings.file = None;
            self.issued_at = now_secs();
            self.pass = None;
        }
        self.error = None;
        self.counting = false;
        // Steps after the prompt count need it: without one, stop at the count.
        let mut at = step.index();
        if self.count.is_none() {
            at = at.min(Step::Count.index());
        }
        self.step = at;
        self.stage = at;
        self.show(tabs)
    }

    /// Close the tour and give the user's work back.
    pub fn close(&mut self, tabs: &mut Tabs<'_>) {
        let Some(stash) = self.stash.take() else {
            return;
        };
        *tabs.session = stash.session;
        tabs.ledger.chain = stash.chain;
        tabs.ledger.settings = stash.ledger_settings;
        tabs.ai.settings = stash.ai_settings;
        tabs.ai.set_input(stash.ai_input);
        self.counting = false;
    }

    fn nav(&mut self, tabs: &mut Tabs<'_>, nav: Nav) -> Option<Meaning> {
        self.error = None;
        match nav {
            Nav::Action => return self.act(tabs),
            Nav::Back if self.step > 0 => {
                self.step -= 1;
                self.stage = self.step + 1;
                self.counting = false;
            }
            Nav::Next if self.step_done() && self.step + 1 < Step::ALL.len() => {
                self.step += 1;
                self.stage = self.step;
            }
            Nav::Restart => {
                self.step = 0;
                self.stage = 0;
                self.counting = false;
                self.issued_at = now_secs();
                self.pass = None;
            }
            Nav::Close => {
                self.close(tabs);
                return None;
            }
            Nav::Back | Nav::Next => return None,
        }
        self.show(tabs)
    }

    /// Do the shown step's action.
    fn act(&mut self, tabs: &mut Tabs<'_>) -> Option<Meaning> {
        let step = self.step();
        if step == Step::Count {
            self.counting = true;
            load_prompt(tabs.ai);
            return Some(Meaning::Ai);
        }
        if step == Step::Done || self.step_done() {
            return None;
        }
        self.stage = self.step + 1;
        self.show(tabs)
    }

    /// Load the world for the current stage into the tabs, point at the step's spans, and name the tab to show.
    fn show(&mut self, tabs: &mut Tabs<'_>) -> Option<Meaning> {
        let step = self.step();
        let done = self.step_done();
        if let Err(e) = self.load(tabs.session, tabs.ledger, tabs.ai) {
            self.error = Some(e);
        }
        match step {
            Step::LogIn | Step::TamperPass if done => tabs.session.select_claim("sub"),
            Step::Pay | Step::TamperPayment if done => {
                tabs.ledger
                    .chain
                    .link_field(payment_amount(PAYMENT_BLOCK), "amount");
            }
            Step::Count if done => self.word = select_word(tabs.ai).or(self.word),
            Step::Debit if done => {
                tabs.ledger
                    .chain
                    .link_field(payment_amount(DEBIT_BLOCK), "amount");
            }
            _ => {}
        }
        step.meaning()
    }

    fn load(
        &mut self,
        session: &mut SessionTab,
        ledger: &mut LedgerTab,
        ai: &mut AiTab,
    ) -> Result<(), String> {
        let stage = self.stage;
        // Session: the pass once logged in, Mallory's edit of it at the end.
        let token = if stage > Step::LogIn.index() {
            let pass = self.pass()?;
            if stage > Step::TamperPass.index() {
                self.story.forged_pass(&pass).unwrap_or(pass)
            } else {
                pass
            }
        } else {
            String::new()
        };
        if session.input() != token {
            session.set_input(token);
        }
        session.settings.mode = Mode::Decoder;
        session.set_key(KeyKind::Pem, crate::tour::SERVICE_PUBLIC_PEM);
        // Ledger: genesis, then the payment, the debit, the tampered payment.
        ledger.settings.view = LedgerView::Chain;
        let chain = self.chain_for(stage, ledger.settings.mode)?;
        if ledger.chain.chain() != Some(&chain) {
            ledger.chain.set_chain(chain);
        }
        // AI: the prompt once counted (or being counted).
        if stage > Step::Count.index() || (self.counting && self.step() == Step::Count) {
            load_prompt(ai);
        } else if !ai.input().is_empty() {
            ai.set_input(String::new());
        }
        Ok(())
    }

    fn pass(&mut self) -> Result<String, String> {
        if let Some(p) = &self.pass {
            return Ok(p.clone());
        }
        let pass = self.story.pass(self.issued_at).map_err(|e| e.to_string())?;
        self.pass = Some(pass.clone());
        Ok(pass)
    }

    fn chain_for(&mut self, stage: usize, mode: EditMode) -> Result<Chain, String> {
        if self.chains.genesis.is_none() {
            self.chains.genesis = Some(self.story.genesis()?);
        }
        let Some(genesis) = self.chains.genesis.clone() else {
            return Err(String::new());
        };
        if stage <= Step::Pay.index() {
            return Ok(genesis);
        }
        if self.chains.paid.is_none() {
            self.chains.paid = Some(self.story.with_payment(&genesis)?);
        }
        let Some(paid) = self.chains.paid.clone() else {
            return Err(String::new());
        };
        if stage <= Step::Debit.index() {
            return Ok(paid);
        }
        let Some(debited) = self.debited(&paid)? else {
            return Ok(paid);
        };
        if stage <= Step::TamperPayment.index() {
            return Ok(debited);
        }
        let mut tampered = debited;
        tamper_payment(&mut tampered);
        if mode == EditMode::Cascade {
            relink(&mut tampered, PAYMENT_BLOCK);
        }
        Ok(tampered)
    }

    /// The chain with the debit for the counted prompt (`None` until counted, or when the model has no price).
    fn debited(&mut self, paid: &Chain) -> Result<Option<Chain>, String> {
        let Some(count) = self.count else {
            return Ok(None);
        };
        let Some(amount) = self.price.as_ref().and_then(|p| debit_amount(count, p)) else {
            return Ok(None);
        };
        if let Some((a, c)) = &self.chains.debited
            && *a == amount
        {
            return Ok(Some(c.clone()));
        }
        let chain = self.story.with_debit(paid, amount)?;
        self.chains.debited = Some((amount, chain.clone()));
        Ok(Some(chain))
    }

    /// Take a start request, draw the panel when the tour is open, and say which tab to show.
    pub fn ui(&mut self, ui: &mut egui::Ui, mut tabs: Tabs<'_>) -> Option<Meaning> {
        let requested = ui.ctx().data_mut(|d| {
            let step = d.get_temp::<Step>(request_id());
            d.remove::<Step>(request_id());
            step
        });
        let mut show = None;
        if let Some(step) = requested {
            show = self.start(&mut tabs, step);
            ui.ctx().request_repaint();
        }
        if !self.is_active() {
            return show;
        }
        if self.counting
            && tabs.ai.input() == crate::tour::prompt()
            && let Some(n) = tabs.ai.fresh_token_count()
        {
            self.counting = false;
            self.count = Some(n);
            self.price = tabs.ai.pricing.table.get(MODEL_ID).cloned();
            self.word = select_word(tabs.ai);
            self.stage = self.stage.max(Step::Count.index() + 1);
        }
        match panel::panel_ui(ui, self, &tabs) {
            Some(nav) => self.nav(&mut tabs, nav),
            None => show,
        }
    }
}

/// The first transaction of block `block`.
fn payment_amount(block: usize) -> Sel {
    Sel { block, tx: Some(0) }
}

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
}

/// Hand the tour's prompt to the AI tab, with the model that prices it.
fn load_prompt(ai: &mut AiTab) {
    MODEL_ID.clone_into(&mut ai.settings.model);
    ai.settings.view = View::Tokens;
    if ai.input() != crate::tour::prompt() {
        ai.set_input(crate::tour::prompt().to_owned());
    }
}

/// Select the AI token that spells "token" in the prompt (the word the whole app is about).
fn select_word(ai: &mut AiTab) -> Option<(usize, u32)> {
    let at = crate::tour::prompt().find("token")?;
    ai.select_token_at(at)
}
