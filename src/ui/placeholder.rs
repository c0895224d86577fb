//! The Crypto-token and AI-token tabs before their issues land: what they will do, honestly labelled.

use crate::i18n::tr;

/// Show a short "coming" page for a tab whose engine is not built yet.
pub fn placeholder_ui(ui: &mut egui::Ui, title_key: &str, body_key: &str) {
    ui.heading(tr(title_key));
    ui.add_space(6.0);
    ui.label(tr(body_key));
    ui.add_space(6.0);
    ui.weak(tr("placeholder.not_yet"));
}
