//! The guided tour: a step panel beside the tabs that walks one story through the three meanings (log in, pay,
//! spend, tamper) and points at the spans involved. The story itself is `crate::tour`. The tour has its own three
//! tabs, made when it opens and dropped when it closes: while it runs the app shows them instead of the user's,
//! which it never touches. It drives its tabs only through their `apply` commands and public queries.

mod panel;
mod what_is;

use crate::i18n::{Worded as _, Words};
use crate::ledger::mine::relink;
use crate::ledger::model::Chain;
use crate::meaning::Meaning;
use crate::tour::{
    DEBIT_BLOCK, MODEL_ID, PAYMENT_BLOCK, Step, Story, debit_amount, tamper_payment,
};
use crate::ui::action::AppAction;
use crate::ui::ai::{AiCommand, AiTab};
use crate::ui::ledger::{EditMode, LedgerCommand, LedgerSettings, LedgerTab, Sel};
use crate::ui::session::{KeyKind, SessionCommand, SessionTab};

pub use what_is::what_is_ui;

/// Three tabs, read-only (the user's, to start the tour from; the tour's own, for its panel).
pub struct Tabs<'a> {
    /// The Session tab.
    pub session: &'a SessionTab,
    /// The Crypto tab.
    pub ledger: &'a LedgerTab,
    /// The AI tab.
    pub ai: &'a AiTab,
}

/// The tour's own tabs, shown instead of the user's while it runs.
pub struct TourTabs {
    /// Its Session tab.
    pub session: SessionTab,
    /// Its Crypto tab.
    pub ledger: LedgerTab,
    /// Its AI tab.
    pub ai: AiTab,
}

impl TourTabs {
    /// Fresh tabs with the user's settings and prices; never the user's file, token, chain or prompt.
    fn like(user: &Tabs<'_>) -> Self {
        Self {
            session: SessionTab::new(user.session.settings.clone()),
            ledger: LedgerTab::new(LedgerSettings {
                // A Save during the tour must never overwrite the user's ledger file.
                file: None,
                ..user.ledger.settings.clone()
            }),
            ai: user.ai.sibling(),
        }
    }

    fn view(&self) -> Tabs<'_> {
        Tabs {
            session: &self.session,
            ledger: &self.ledger,
            ai: &self.ai,
        }
    }
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
    /// Its tabs while it runs.
    tabs: Option<Box<TourTabs>>,
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
    /// Why the story could not be loaded, worded when drawn.
    error: Option<Words>,
}

/// What the panel asks the tour to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Nav {
    Action,
    Back,
    Next,
    Restart,
    Close,
}

impl Tour {
    /// Is the tour open?
    pub fn is_active(&self) -> bool {
        self.tabs.is_some()
    }

    /// Its tabs while it runs (the app shows them instead of the user's).
    pub fn tabs(&self) -> Option<&TourTabs> {
        self.tabs.as_deref()
    }

    /// Its tabs while it runs, to draw them.
    pub fn tabs_mut(&mut self) -> Option<&mut TourTabs> {
        self.tabs.as_deref_mut()
    }

    /// The language changed: the tour's tabs forget texts worded in the old one.
    pub fn language_changed(&mut self) {
        if let Some(t) = &mut self.tabs {
            t.ai.language_changed();
        }
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

    /// Open the tour at `step` with the steps before it done. The first time, it makes its own tabs like the
    /// user's (`user`); returns the meaning whose tab to show.
    pub fn start(&mut self, user: &Tabs<'_>, step: Step) -> Option<Meaning> {
        if self.tabs.is_none() {
            self.tabs = Some(Box::new(TourTabs::like(user)));
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
        self.show()
    }

    /// Close the tour: its tabs go, and the user's are shown again as they were.
    pub fn close(&mut self) {
        self.tabs = None;
        self.counting = false;
    }

    fn nav(&mut self, nav: Nav) -> Option<Meaning> {
        self.error = None;
        match nav {
            Nav::Action => return self.act(),
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
                self.close();
                return None;
            }
            Nav::Back | Nav::Next => return None,
        }
        self.show()
    }

    /// Do the shown step's action.
    fn act(&mut self) -> Option<Meaning> {
        let step = self.step();
        if step == Step::Count {
            self.counting = true;
            if let Some(t) = &mut self.tabs {
                t.ai.apply(count_prompt());
            }
            return Some(Meaning::Ai);
        }
        if step == Step::Done || self.step_done() {
            return None;
        }
        self.stage = self.step + 1;
        self.show()
    }

    /// Load the world for the current stage into the tabs, point at the step's spans, and name the tab to show.
    fn show(&mut self) -> Option<Meaning> {
        let step = self.step();
        let done = self.step_done();
        // The tabs are taken out while the story fills them, and put back.
        let mut tabs = self.tabs.take()?;
        if let Err(e) = self.load(&mut tabs) {
            self.error = Some(e);
        }
        match step {
            Step::LogIn | Step::TamperPass if done => {
                tabs.session.apply(SessionCommand::SelectClaim("sub"));
            }
            Step::Pay | Step::TamperPayment if done => {
                tabs.ledger.apply(LedgerCommand::LinkField(
                    payment_amount(PAYMENT_BLOCK),
                    "amount",
                ));
            }
            Step::Count if done => self.word = select_word(&mut tabs.ai).or(self.word),
            Step::Debit if done => {
                tabs.ledger.apply(LedgerCommand::LinkField(
                    payment_amount(DEBIT_BLOCK),
                    "amount",
                ));
            }
            _ => {}
        }
        self.tabs = Some(tabs);
        step.meaning()
    }

    fn load(&mut self, tabs: &mut TourTabs) -> Result<(), Words> {
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
        tabs.session.apply(SessionCommand::Decode {
            token,
            kind: KeyKind::Pem,
            key: crate::tour::SERVICE_PUBLIC_PEM.to_owned(),
        });
        // Ledger: genesis, then the payment, the debit, the tampered payment.
        let chain = self.chain_for(stage, tabs.ledger.edit_mode())?;
        tabs.ledger.apply(LedgerCommand::ShowChain(Box::new(chain)));
        // AI: the prompt once counted (or being counted).
        if stage > Step::Count.index() || (self.counting && self.step() == Step::Count) {
            tabs.ai.apply(count_prompt());
        } else {
            tabs.ai.apply(AiCommand::Clear);
        }
        Ok(())
    }

    fn pass(&mut self) -> Result<String, Words> {
        if let Some(p) = &self.pass {
            return Ok(p.clone());
        }
        // The session core's `SignError` gives its own words (it is not `Worded` yet).
        let pass = self.story.pass(self.issued_at).map_err(Words::verbatim)?;
        self.pass = Some(pass.clone());
        Ok(pass)
    }

    fn chain_for(&mut self, stage: usize, mode: EditMode) -> Result<Chain, Words> {
        let genesis = if let Some(g) = &self.chains.genesis {
            g.clone()
        } else {
            let g = self.story.genesis().map_err(|e| e.words())?;
            self.chains.genesis = Some(g.clone());
            g
        };
        if stage <= Step::Pay.index() {
            return Ok(genesis);
        }
        let paid = if let Some(p) = &self.chains.paid {
            p.clone()
        } else {
            let p = self.story.with_payment(&genesis).map_err(|e| e.words())?;
            self.chains.paid = Some(p.clone());
            p
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
    fn debited(&mut self, paid: &Chain) -> Result<Option<Chain>, Words> {
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
        let chain = self.story.with_debit(paid, amount).map_err(|e| e.words())?;
        self.chains.debited = Some((amount, chain.clone()));
        Ok(Some(chain))
    }

    /// Draw the panel while the tour is open; returns the tab to show when a step moves to another one.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<AppAction> {
        let mut tabs = self.tabs.take()?;
        if self.counting
            && tabs.ai.input() == crate::tour::prompt()
            && let Some(n) = tabs.ai.fresh_token_count()
        {
            self.counting = false;
            self.count = Some(n);
            self.price = tabs.ai.price(MODEL_ID);
            self.word = select_word(&mut tabs.ai);
            self.stage = self.stage.max(Step::Count.index() + 1);
        }
        let nav = panel::panel_ui(ui, self, &tabs.view());
        self.tabs = Some(tabs);
        nav.and_then(|nav| self.nav(nav)).map(AppAction::Show)
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

/// The tour's prompt for the AI tab, with the model that prices it.
fn count_prompt() -> AiCommand {
    AiCommand::Count {
        prompt: crate::tour::prompt().to_owned(),
        model: MODEL_ID,
    }
}

/// Select the AI token that spells "token" in the prompt (the word the whole app is about).
fn select_word(ai: &mut AiTab) -> Option<(usize, u32)> {
    let at = crate::tour::prompt().find("token")?;
    ai.select_token_at(at)
}
