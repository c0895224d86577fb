//! The genesis line above the blocks: who signed the chain's metadata (token definitions, accounts, settings), each
//! metadata problem in red naming its section, and the notice for a file in the old, unsigned format. Thin: the
//! checks are in `crate::ledger::genesis`.

use egui::Ui;

use crate::i18n::tr;
use crate::ledger::bytes::address_label;
use crate::ledger::model::Chain;
use crate::ledger::store::legacy_notice;
use crate::ledger::{Report, Section};
use crate::ui::theme::Palette;

/// Draw the genesis line for `chain` and its report.
pub fn genesis_ui(ui: &mut Ui, chain: &Chain, report: &Report) {
    let p = Palette::of(ui);
    if let Some(notice) = legacy_notice(chain) {
        ui.colored_label(p.warn(), notice.text());
    }
    let mut any = false;
    for problem in report.metadata_problems() {
        any = true;
        let section = problem.section.unwrap_or(Section::Genesis);
        ui.colored_label(
            p.error(),
            trf!(
                "ledger.genesis.problem",
                &[
                    ("section", &tr(section.label_key())),
                    ("rule", &problem.rule.name()),
                    ("message", &problem.message.text()),
                ],
            ),
        );
    }
    if !any && chain.metadata_protected() && chain.genesis.is_some() {
        ui.colored_label(
            p.ok(),
            trf!(
                "ledger.genesis.ok",
                &[(
                    "owner",
                    &address_label(&chain.accounts, &chain.tokens.owner).text(),
                )],
            ),
        );
    }
}
