//! Fonts: egui's defaults plus two bundled OFL fonts (assets/fonts/SOURCES.md): a Noto Sans CJK SC subset for
//! Chinese, Japanese and Korean, and Noto Emoji 3 for every emoji up to Unicode 15 in one monochrome style.

use std::sync::Arc;

/// The bundled CJK subset (2.5 MB, OFL-1.1).
pub const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Regular-subset.otf");

/// Noto Emoji 3.006, monochrome (0.9 MB, OFL-1.1): 1,464 emoji code points. egui's own emoji font stops at 887 and
/// lacks 🙂, 🤔, the skin tones and everything newer.
pub const EMOJI_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoEmoji-Regular.ttf");

/// egui's default fonts, with Noto Emoji 3 ahead of egui's older emoji font (so that all emoji share one design)
/// and the CJK subset appended as a fallback to every family.
pub fn font_definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "noto-sans-sc".to_owned(),
        Arc::new(egui::FontData::from_static(CJK_FONT)),
    );
    fonts.font_data.insert(
        "noto-emoji-3".to_owned(),
        // Drawn at egui's own emoji size, so an emoji sits in a line of text as before.
        Arc::new(
            egui::FontData::from_static(EMOJI_FONT).tweak(egui::FontTweak {
                scale: 0.81,
                ..Default::default()
            }),
        ),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        let list = fonts.families.entry(family).or_default();
        // After the family's text font, so letters and digits (which Noto Emoji also maps) keep their face.
        let at = list
            .iter()
            .position(|name| name == "NotoEmoji-Regular")
            .unwrap_or_else(|| list.len().min(1));
        list.insert(at, "noto-emoji-3".to_owned());
        list.push("noto-sans-sc".to_owned());
    }
    fonts
}

/// Install the fonts into a context.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}
