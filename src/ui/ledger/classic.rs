//! Anders Brownworth's classic demo chains, with their quirks explained.

/// The Classic sub-view.
#[derive(Default)]
pub struct ClassicView {}

impl ClassicView {
    /// Draw it.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        ui.label(crate::i18n::tr("ledger.coming"));
    }
}
