//! "What is this token?": a short, concrete, collapsible explanation at the top of each tab, with a link into the
//! tour step where that meaning first appears.

use egui::Ui;

use crate::i18n::tr;
use crate::tour::Meaning;

/// Catalogue keys: (header, body, link).
fn keys(meaning: Meaning) -> (&'static str, &'static str, &'static str) {
    match meaning {
        Meaning::Session => ("whatis.title", "whatis.session.body", "whatis.session.link"),
        Meaning::Crypto => ("whatis.title", "whatis.crypto.body", "whatis.crypto.link"),
        Meaning::Ai => ("whatis.title", "whatis.ai.body", "whatis.ai.link"),
    }
}

/// The collapsible panel for `meaning` (closed until clicked). Its link opens the tour at the matching step.
pub fn what_is_ui(ui: &mut Ui, meaning: Meaning) {
    let (title, body, link) = keys(meaning);
    egui::CollapsingHeader::new(tr(title))
        .id_salt(("whatis", meaning as u8))
        .default_open(false)
        .show(ui, |ui| {
            ui.add(egui::Label::new(tr(body)).wrap());
            if ui.link(tr(link)).clicked() {
                super::request(ui.ctx(), meaning.first_step());
            }
        });
}
