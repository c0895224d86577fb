//! The verdict rows shared by the Session tab and the tour panel: the signature, the time claims, and the overall
//! verdict that combines them (`session::Verdict`), so both say the same thing about the same token. Reasons are
//! `Words`, worded here in the language in use.

use egui::{RichText, Ui};

use crate::i18n::{Words, tr};
use crate::session::{Inspection, TimeCheck, Verdict};
use crate::ui::theme::Palette;
use crate::ui::widgets::badge_ui;

/// The signature row: its status badge and reason.
pub fn signature_row_ui(ui: &mut Ui, ins: &Inspection, palette: Palette) {
    let v = &ins.verification;
    ui.horizontal_wrapped(|ui| {
        badge_ui(ui, tr(v.status.label_key()), palette.status(v.status));
        ui.label(v.reason.text());
    });
}

/// The time row: `exp`/`nbf` judged now.
pub fn time_row_ui(ui: &mut Ui, ins: &Inspection, palette: Palette) {
    let t = &ins.time;
    let colour = match t.status {
        TimeCheck::Valid => palette.ok(),
        TimeCheck::NoTimeClaims => palette.warn(),
        TimeCheck::Expired | TimeCheck::NotYetValid | TimeCheck::Unreadable => palette.error(),
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(tr!("session.time")).strong());
        badge_ui(ui, tr(t.status.label_key()), colour);
        ui.label(t.reason.text());
    });
}

/// The overall verdict row. Its reason is left out when a row above already says it (`said`: the reasons shown
/// above).
pub fn verdict_row_ui(ui: &mut Ui, ins: &Inspection, palette: Palette, said: &[&Words]) {
    let verdict = ins.verdict();
    let colour = match verdict {
        Verdict::Valid => palette.ok(),
        Verdict::Unverified => palette.warn(),
        Verdict::Invalid | Verdict::Undecodable => palette.error(),
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(tr!("session.verdict")).strong());
        badge_ui(ui, tr(verdict.label_key()), colour);
        let reason = ins.verdict_reason();
        if !said.contains(&&reason) {
            ui.label(reason.text());
        }
    });
}
