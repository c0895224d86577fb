//! "What is this token?": a short, concrete, collapsible explanation at the top of each tab, with a link into the
//! tour step where that meaning first appears.

use egui::Ui;

use crate::i18n::tr;
use crate::meaning::Meaning;
use crate::tour::Step;
use crate::ui::action::AppAction;

/// Catalogue keys of the body and the link.
fn keys(meaning: Meaning) -> (&'static str, &'static str) {
    match meaning {
        Meaning::Session => (key!("whatis.session.body"), key!("whatis.session.link")),
        Meaning::Crypto => (key!("whatis.crypto.body"), key!("whatis.crypto.link")),
        Meaning::Ai => (key!("whatis.ai.body"), key!("whatis.ai.link")),
    }
}

/// The collapsible panel for `meaning` (closed until clicked). Its link asks for the tour at the matching step.
pub fn what_is_ui(ui: &mut Ui, meaning: Meaning) -> Option<AppAction> {
    let (body, link) = keys(meaning);
    let mut action = None;
    egui::CollapsingHeader::new(tr!("whatis.title"))
        .id_salt(("whatis", meaning as u8))
        .default_open(false)
        .show(ui, |ui| {
            ui.add(egui::Label::new(tr(body)).wrap());
            if ui.link(tr(link)).clicked() {
                action = Some(AppAction::Tour(Step::first_of(meaning)));
            }
        });
    action
}
