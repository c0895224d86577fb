//! The side panel of the classic demo: the exact text a selected block hashes (one span per field, which shows why
//! gluing fields together is ambiguous), the Signed page's ASCII-hex prehash, the peers' tip hashes compared, and
//! the Quirks panel with the 11316/1316 separator collision.

use std::hash::{Hash as _, Hasher as _};

use egui::{RichText, Ui};

use super::ClassicView;
use crate::i18n::tr;
use crate::ledger::classic::{
    BlockReport, ClassicScenario, Page, hash_hex, quirks, separator_collision, to_spanned,
    verify_classic_row,
};
use crate::text::SpannedText;
use crate::ui::highlight::{HighlightOptions, HighlightView};
use crate::ui::theme::Palette;

/// A revision for the highlight widget's cache: changes whenever the text does.
fn revision(text: &SpannedText) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.text().hash(&mut h);
    h.finish()
}

fn spanned_ui(ui: &mut Ui, view: &mut HighlightView, text: &SpannedText, palette: Palette) {
    let opts = HighlightOptions {
        max_height: 160.0,
        ..HighlightOptions::default()
    };
    view.ui(ui, text, revision(text), palette, &opts);
}

/// Draw the side panel.
pub(super) fn side_ui(ui: &mut Ui, view: &mut ClassicView, palette: Palette) {
    let ClassicView {
        scenario,
        selected,
        text_view,
        collision_views,
        ..
    } = view;
    let Some(scenario) = scenario else {
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("classic_side_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let page = scenario.page;
            let (pi, bi) = *selected;
            if let Some((peer, block)) = scenario
                .peers
                .get(pi)
                .and_then(|p| Some((p, p.blocks.get(bi)?)))
            {
                ui.heading(tr!("classic.text_title"));
                let who = if scenario.peers.len() > 1 {
                    trf!("classic.peer_prefix", &[("name", &peer.name)])
                } else {
                    String::new()
                };
                ui.label(trf!("classic.text_of", &[("who", &who), ("n", &(bi + 1))]));
                let text = to_spanned(block, page);
                ui.push_id("classic_text", |ui| {
                    spanned_ui(ui, text_view, &text, palette);
                });
                ui.label(RichText::new(format!("SHA-256 = {}", hash_hex(block, page))).monospace());
                ui.weak(tr!("classic.text_note"));
                if page == Page::Signed {
                    match block.rows.first() {
                        Some(row) => prehash_ui(ui, &verify_classic_row(row), palette),
                        None => {
                            ui.weak(tr!("classic.prehash_none"));
                        }
                    }
                }
            }
            ui.separator();
            quirks_ui(ui, collision_views, palette);
        });
}

/// The Signed page's prehash quirk, shown on the selected block's first row.
fn prehash_ui(ui: &mut Ui, sig: &crate::ledger::classic::RowSig, palette: Palette) {
    ui.add_space(6.0);
    ui.strong(tr!("classic.prehash_title"));
    ui.label(tr!("classic.prehash_note"));
    egui::Grid::new("classic_prehash")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label(tr!("classic.prehash_message"));
            ui.add(egui::Label::new(RichText::new(&sig.message).monospace()).wrap());
            ui.end_row();
            ui.label(tr!("classic.prehash_digest"));
            ui.add(egui::Label::new(RichText::new(&sig.digest_hex).monospace()).wrap());
            ui.end_row();
            ui.label(tr!("classic.prehash_signed"));
            ui.label(
                RichText::new(format!("\"{}\"", sig.prehash))
                    .monospace()
                    .color(palette.warn()),
            );
            ui.end_row();
        });
}

/// Every documented quirk with its source, and the separator collision demo.
fn quirks_ui(ui: &mut Ui, collision_views: &mut [HighlightView; 2], palette: Palette) {
    ui.heading(tr!("classic.quirks"));
    ui.label(tr!("classic.quirks_note"));
    for quirk in quirks() {
        // The catalogue holds each quirk as classic.quirk.<id>.title/.text (tests/i18n_keys.rs keeps the English
        // equal to the core's).
        let title = tr(&format!("classic.quirk.{}.title", quirk.id)).to_owned();
        egui::CollapsingHeader::new(title)
            .id_salt(quirk.id)
            .default_open(quirk.id == "no-separators")
            .show(ui, |ui| {
                ui.label(tr(&format!("classic.quirk.{}.text", quirk.id)));
                ui.weak(trf!("classic.quirk_source", &[("source", &quirk.source)]));
                if quirk.id == "no-separators" {
                    collision_ui(ui, collision_views, palette);
                }
            });
    }
}

fn collision_ui(ui: &mut Ui, views: &mut [HighlightView; 2], palette: Palette) {
    let (a, b) = separator_collision();
    ui.strong(tr!("classic.collision_title"));
    let mut hashes = Vec::new();
    for (i, (block, view)) in [a, b].iter().zip(views.iter_mut()).enumerate() {
        ui.label(trf!(
            "classic.collision_block",
            &[("number", &block.number), ("nonce", &block.nonce)],
        ));
        let text = to_spanned(block, Page::Blockchain);
        ui.push_id(("classic_collision", i), |ui| {
            spanned_ui(ui, view, &text, palette);
        });
        hashes.push(hash_hex(block, Page::Blockchain));
    }
    let same = hashes.first() == hashes.get(1);
    let hash = hashes.first().cloned().unwrap_or_default();
    if same {
        ui.colored_label(
            palette.error(),
            trf!("classic.collision_same", &[("hash", &hash)]),
        );
    }
}

/// The last hash of every peer, compared: what Anders leaves to the eye (his issue #50).
pub(super) fn tips_ui(ui: &mut Ui, scenario: &ClassicScenario, palette: Palette) {
    let tips = scenario.tip_hashes();
    ui.strong(tr!("classic.tips"));
    egui::Grid::new("classic_tips")
        .num_columns(3)
        .show(ui, |ui| {
            for (peer, tip) in scenario.peers.iter().zip(&tips) {
                let agree = tips.iter().filter(|t| *t == tip).count();
                ui.label(trf!("classic.peer", &[("name", &peer.name)]));
                ui.monospace(tip.as_deref().unwrap_or("—"));
                if agree == tips.len() {
                    ui.colored_label(palette.ok(), tr!("classic.tip_all"));
                } else {
                    ui.colored_label(
                        palette.warn(),
                        trf!(
                            "classic.tip_some",
                            &[("n", &(agree - 1)), ("total", &(tips.len() - 1))],
                        ),
                    );
                }
                ui.end_row();
            }
        });
    ui.weak(tr!("classic.tips_note"));
    ui.add_space(6.0);
}

/// One line per peer on the Signed page: how many signatures verify, and how many were high-S.
pub(super) fn signature_summary_ui(
    ui: &mut Ui,
    name: &str,
    reports: &[BlockReport],
    palette: Palette,
) {
    let rows = reports.iter().flat_map(|r| &r.rows);
    let (mut total, mut valid, mut high) = (0, 0, 0);
    for r in rows {
        total += 1;
        valid += usize::from(r.valid);
        high += usize::from(r.valid && r.high_s);
    }
    let colour = if valid == total {
        palette.ok()
    } else {
        palette.error()
    };
    ui.colored_label(
        colour,
        trf!(
            "classic.sig_summary",
            &[
                ("name", &name),
                ("total", &total),
                ("valid", &valid),
                ("high", &high),
            ],
        ),
    );
}
