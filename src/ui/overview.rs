//! The Overview: the three meanings of "token" side by side.

use crate::i18n::tr;

/// Show the three-meanings table.
pub fn overview_ui(ui: &mut egui::Ui) {
    ui.heading(tr("overview.title"));
    ui.label(tr("overview.intro"));
    ui.add_space(8.0);
    egui::Grid::new("meanings")
        .striped(true)
        .num_columns(4)
        .spacing([16.0, 8.0])
        .show(ui, |ui| {
            ui.strong("");
            ui.strong(tr("tab.session"));
            ui.strong(tr("tab.crypto"));
            ui.strong(tr("tab.ai"));
            ui.end_row();
            for row in ["what", "issuer", "proves", "lives", "inspect", "zh"] {
                ui.strong(tr(&format!("overview.row.{row}")));
                for col in ["session", "crypto", "ai"] {
                    ui.label(tr(&format!("overview.{col}.{row}")));
                }
                ui.end_row();
            }
        });
    ui.add_space(12.0);
    ui.weak(tr("overview.privacy"));
}
