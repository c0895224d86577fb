//! Fonts: egui's defaults plus a bundled OFL Noto Sans CJK SC subset as the fallback for Chinese, Japanese kana
//! and common Traditional characters (assets/fonts/SOURCES.md). System fonts still fill any other gaps.

use std::sync::Arc;

/// The bundled CJK subset (2.2 MB, OFL-1.1).
pub const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Regular-subset.otf");

/// egui's default fonts with the CJK subset appended as a fallback to every family.
pub fn font_definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "noto-sans-sc".to_owned(),
        Arc::new(egui::FontData::from_static(CJK_FONT)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("noto-sans-sc".to_owned());
    }
    fonts
}

/// Install the fonts into a context.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}
