//! Facts about the tokenizer in use: model type, sizes, pipeline, added tokens, source and licence.

use egui::{RichText, Ui};

use super::AiTab;
use super::side::group_digits;
use crate::ai::Vocab;
use crate::i18n::tr;

pub(super) fn info_ui(ui: &mut Ui, tab: &mut AiTab) {
    let source = tab.source();
    let Some(loaded) = tab.engine.get(ui.ctx(), &source) else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.weak(tr!("ai.loading_vocab"));
        });
        return;
    };
    let info = &loaded.info;
    ui.heading(trf!("ai.info_title", &[("name", &loaded.name)]));
    egui::Grid::new("ai_info")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            let rows = [
                (key!("ai.info_model"), info.model_type.clone()),
                (key!("ai.info_vocab"), group_digits(loaded.vocab_size())),
                (key!("ai.info_model_vocab"), group_digits(info.model_vocab)),
                (key!("ai.info_normalizer"), info.normalizer.clone()),
                (key!("ai.info_pre"), info.pre_tokenizer.clone()),
                (key!("ai.info_post"), info.post_processor.clone()),
                (key!("ai.info_decoder"), info.decoder.clone()),
                (key!("ai.info_byte_fallback"), yes_no(info.byte_fallback)),
                (key!("ai.info_byte_level"), yes_no(loaded.byte_level())),
                (key!("ai.info_chunked"), yes_no(loaded.chunkable())),
                (
                    key!("ai.info_engine"),
                    if loaded.is_fast() {
                        tr!("ai.engine_fast").to_owned()
                    } else {
                        tr!("ai.engine_reference").to_owned()
                    },
                ),
            ];
            for (k, v) in rows {
                ui.label(tr(k));
                ui.label(RichText::new(v).monospace());
                ui.end_row();
            }
        });
    if loaded.vocab == Some(Vocab::Llama3) {
        ui.label(RichText::new(tr!("ai.llama_notice")).strong());
    }
    if loaded.vocab == Some(Vocab::Gemma3) {
        ui.label(RichText::new(tr!("ai.gemma_notice")).strong());
    }
    if let Some(v) = loaded.vocab {
        let key = if loaded.is_fast() {
            key!("ai.info_source_pack")
        } else {
            key!("ai.info_source")
        };
        ui.weak(crate::i18n::trf(key, &[("name", &v.name())]));
    }
    ui.separator();
    ui.strong(trf!(
        "ai.info_added",
        &[("n", &group_digits(info.added_tokens.len()))],
    ));
    let row_h = ui.text_style_height(&egui::TextStyle::Monospace) + 4.0;
    egui::ScrollArea::vertical()
        .id_salt("ai_added")
        .auto_shrink([false, true])
        .show_rows(ui, row_h, info.added_tokens.len(), |ui, rows| {
            for t in &info.added_tokens[rows] {
                ui.label(
                    RichText::new(format!(
                        "{:>8}  {}  {}",
                        t.id,
                        if t.special {
                            tr!("ai.kind_special")
                        } else {
                            tr!("ai.kind_added")
                        },
                        super::tokens::escape_visible(&t.content)
                    ))
                    .monospace(),
                );
            }
        });
}

fn yes_no(b: bool) -> String {
    tr(if b { key!("ai.yes") } else { key!("ai.no") }).to_owned()
}
