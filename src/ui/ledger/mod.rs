//! The Crypto-token tab: a signed, mined token ledger to break and repair, peers, panels, a compose-and-sign form,
//! real Ethereum data decoded, and Anders Brownworth's classic demo. Thin: the work is in `crate::ledger`.

mod action;
mod bytes;
mod cards;
mod chain;
mod classic;
mod command;
mod compose;
mod example;
mod fields;
mod file;
mod genesis;
mod inspect;
mod mining;
mod panels;
mod peers;

use crate::i18n::tr;

pub use chain::{ChainView, Sel};
pub use classic::ClassicView;
pub use command::LedgerCommand;
pub use example::{TransferExample, overview_example};
pub use inspect::InspectView;
pub use peers::PeersView;

/// What the Crypto tab persists: choices only, never keys.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct LedgerSettings {
    /// The open sub-view.
    pub view: LedgerView,
    /// The ledger file last opened or saved, if any.
    pub file: Option<std::path::PathBuf>,
    /// How an edit spreads: recompute roots and links (Anders' cascade) or change only the field.
    pub mode: EditMode,
}

/// How edits in the chain view spread.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum EditMode {
    /// Recompute the edited block's Merkle root and hash and every later block's previous hash (like Anders).
    #[default]
    Cascade,
    /// Change only the edited field, so the learner sees bad Merkle roots, hash mismatches and broken links.
    Raw,
}

/// The sub-views of the tab.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LedgerView {
    /// The chain of blocks, the panels and the compose form.
    #[default]
    Chain,
    /// Several peers side by side.
    Peers,
    /// Decode a real Ethereum address, calldata or raw transaction.
    Inspect,
    /// Anders Brownworth's classic demo.
    Classic,
}

impl LedgerView {
    /// Every sub-view, in bar order.
    pub const ALL: [Self; 4] = [Self::Chain, Self::Peers, Self::Inspect, Self::Classic];

    /// Catalogue key of the label.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Chain => key!("ledger.view.chain"),
            Self::Peers => key!("ledger.view.peers"),
            Self::Inspect => key!("ledger.view.inspect"),
            Self::Classic => key!("ledger.view.classic"),
        }
    }
}

/// The Crypto tab.
#[derive(Default)]
pub struct LedgerTab {
    /// Persisted choices.
    pub settings: LedgerSettings,
    /// The Inspect sub-view.
    pub inspect: InspectView,
    /// The Classic sub-view.
    pub classic: ClassicView,
    /// The Chain sub-view (runtime only: the chain lives here, never in the settings).
    pub chain: ChainView,
    /// The Peers sub-view.
    pub peers: PeersView,
}

impl LedgerTab {
    /// A tab restored from settings.
    pub fn new(settings: LedgerSettings) -> Self {
        Self {
            settings,
            ..Self::default()
        }
    }

    /// Does a dropped file look like a saved ledger (a `.json` naming our format, current or old)?
    pub fn wants_file(name: &str, bytes: &[u8]) -> bool {
        use crate::ledger::model::{FORMAT, FORMAT_V1};
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
        std::path::Path::new(name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
            && (head.contains(FORMAT) || head.contains(FORMAT_V1))
    }

    /// Open a dropped ledger file in the Chain view (parsed on a worker). A broken file shows its error and keeps the
    /// chain.
    pub fn open_dropped(&mut self, name: &str, bytes: &[u8]) {
        self.settings.view = LedgerView::Chain;
        self.chain
            .load_text(name, String::from_utf8_lossy(bytes).into_owned());
    }

    /// Show the Chain view (the Overview's "Open" button).
    pub fn show_chain(&mut self) {
        self.settings.view = LedgerView::Chain;
    }

    /// Open the Inspect view with pasted Ethereum data (an address, calldata or a raw transaction).
    pub fn inspect_text(&mut self, text: impl Into<String>) {
        self.settings.view = LedgerView::Inspect;
        self.inspect.set_input(text);
    }

    /// Draw the tab; returns what the user asked of the app (the "What is this token?" link).
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<crate::ui::action::AppAction> {
        ui.horizontal(|ui| {
            for view in LedgerView::ALL {
                ui.selectable_value(&mut self.settings.view, view, tr(view.label_key()));
            }
        });
        let action = crate::ui::tour::what_is_ui(ui, crate::meaning::Meaning::Crypto);
        ui.separator();
        match self.settings.view {
            LedgerView::Chain => {
                ui.push_id("ledger_chain", |ui| self.chain.ui(ui, &mut self.settings));
            }
            LedgerView::Peers => {
                let own = self.chain.chain();
                ui.push_id("ledger_peers", |ui| self.peers.ui(ui, own));
            }
            LedgerView::Inspect => ui.push_id("ledger_inspect", |ui| self.inspect.ui(ui)).inner,
            LedgerView::Classic => ui.push_id("ledger_classic", |ui| self.classic.ui(ui)).inner,
        }
        action
    }
}
