//! The Overview: the three meanings of "token" side by side, a live example from each engine drawn with the shared
//! widget, and "paste anything" (Ctrl+V here opens the right tab with the pasted text).

mod examples;

use egui::Ui;

use crate::i18n::tr;
pub use crate::meaning::Meaning;
use crate::tour::Step;
use crate::ui::action::AppAction;

pub use examples::{AI_SENTENCE, Examples};

/// The table rows, in order.
const ROWS: [&str; 7] = [
    "what", "issuer", "proves", "lives", "lasts", "inspect", "zh",
];

/// Draw the Overview. `examples` holds what the engines made; the AI example may still be loading.
pub fn overview_ui(ui: &mut Ui, examples: &mut Examples) -> Option<AppAction> {
    let mut action = pasted(ui).map(AppAction::Paste);
    egui::ScrollArea::vertical()
        .id_salt("overview_scroll")
        .show(ui, |ui| {
            ui.heading(tr!("overview.title"));
            ui.horizontal_wrapped(|ui| {
                ui.label(tr!("overview.intro"));
                if ui.button(tr!("overview.tour")).clicked() {
                    action = Some(AppAction::Tour(Step::LogIn));
                }
            });
            ui.add_space(6.0);
            paste_hint_ui(ui);
            ui.add_space(8.0);
            table_ui(ui);
            ui.add_space(12.0);
            ui.strong(tr!("overview.examples"));
            ui.columns(3, |cols| {
                for (ui, meaning) in cols.iter_mut().zip(Meaning::ALL) {
                    if examples::card_ui(ui, examples, meaning) {
                        action = Some(AppAction::Example(meaning));
                    }
                }
            });
            ui.add_space(12.0);
            ui.weak(tr!("overview.privacy"));
        });
    action
}

/// Text pasted while no text field has the keyboard (a paste into a field belongs to that field).
fn pasted(ui: &Ui) -> Option<String> {
    if ui.ctx().memory(|m| m.focused().is_some()) {
        return None;
    }
    ui.input(|i| {
        i.events.iter().find_map(|e| match e {
            egui::Event::Paste(text) if !text.trim().is_empty() => Some(text.clone()),
            _ => None,
        })
    })
}

fn paste_hint_ui(ui: &mut Ui) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.strong(tr!("overview.paste.title"));
            ui.label(tr!("overview.paste.hint"));
        });
    });
}

fn table_ui(ui: &mut Ui) {
    egui::Grid::new("meanings")
        .striped(true)
        .num_columns(4)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            ui.strong("");
            for m in Meaning::ALL {
                ui.strong(tr(&format!("tab.{}", m.key())));
            }
            ui.end_row();
            for row in ROWS {
                ui.strong(tr(&format!("overview.row.{row}")));
                for m in Meaning::ALL {
                    ui.label(tr(&format!("overview.{}.{row}", m.key())));
                }
                ui.end_row();
            }
        });
}
