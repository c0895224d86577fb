//! Inspect real Ethereum data: paste an address, ERC-20 calldata or a raw signed transaction.

/// The Inspect sub-view.
#[derive(Default)]
pub struct InspectView {}

impl InspectView {
    /// Draw it.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        ui.label(crate::i18n::tr("ledger.coming"));
    }
}
