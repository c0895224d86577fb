//! The Crypto-token tab: a signed, mined token ledger to break and repair, peers, panels, a compose-and-sign form,
//! real Ethereum data decoded, and Anders Brownworth's classic demo. Thin: the work is in `crate::ledger`.

mod classic;
mod inspect;

use crate::i18n::tr;

pub use classic::ClassicView;
pub use inspect::InspectView;

/// What the Crypto tab persists: choices only, never keys.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct LedgerSettings {
    /// The open sub-view.
    pub view: LedgerView,
    /// The ledger file last opened or saved, if any.
    pub file: Option<std::path::PathBuf>,
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
            Self::Chain => "ledger.view.chain",
            Self::Peers => "ledger.view.peers",
            Self::Inspect => "ledger.view.inspect",
            Self::Classic => "ledger.view.classic",
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
}

impl LedgerTab {
    /// A tab restored from settings.
    pub fn new(settings: LedgerSettings) -> Self {
        Self {
            settings,
            ..Self::default()
        }
    }

    /// Draw the tab.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            for view in LedgerView::ALL {
                ui.selectable_value(&mut self.settings.view, view, tr(view.label_key()));
            }
        });
        ui.separator();
        match self.settings.view {
            LedgerView::Chain | LedgerView::Peers => {
                ui.label(tr("ledger.coming"));
            }
            LedgerView::Inspect => ui.push_id("ledger_inspect", |ui| self.inspect.ui(ui)).inner,
            LedgerView::Classic => ui.push_id("ledger_classic", |ui| self.classic.ui(ui)).inner,
        }
    }
}
