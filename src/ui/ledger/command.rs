//! What another part of the app (the tour) may ask of the Crypto tab, applied through [`LedgerTab::apply`].

use super::{EditMode, LedgerTab, LedgerView, Sel};
use crate::ledger::model::Chain;

/// A request to the Crypto tab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LedgerCommand {
    /// Show this chain in the Chain view (not validated again if unchanged).
    ShowChain(Box<Chain>),
    /// Point at a field of a block or transaction, as hovering it in the table would.
    LinkField(Sel, &'static str),
}

impl LedgerTab {
    /// Carry out `command`.
    pub fn apply(&mut self, command: LedgerCommand) {
        match command {
            LedgerCommand::ShowChain(chain) => {
                self.settings.view = LedgerView::Chain;
                if self.chain.chain() != Some(&*chain) {
                    self.chain.set_chain(*chain);
                }
            }
            LedgerCommand::LinkField(sel, field) => self.chain.link_field(sel, field),
        }
    }

    /// How an edit to a block is applied (the user's choice in the Chain view).
    pub fn edit_mode(&self) -> EditMode {
        self.settings.mode
    }
}
