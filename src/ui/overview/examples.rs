//! The Overview's three live examples, each drawn with the shared highlight widget: the demo JWT split into its
//! segments, a signed transfer split into its fields, and a sentence split into AI tokens.

use std::sync::Arc;

use egui::Ui;

use crate::i18n::{Lang, Worded as _, Words, language, tr};
use crate::text::SpannedText;
use crate::ui::ai::AiExample;
use crate::ui::highlight::{HighlightOptions, HighlightView};
use crate::ui::theme::Palette;

use super::Meaning;

/// The sentence the AI example tokenizes: English, Chinese and an emoji, so byte-level groups show.
pub const AI_SENTENCE: &str = "One word, three meanings: 令牌, 代币, 词元 🌍";

/// The crypto example: the transfer's bytes (their spans labelled and detailed in words worded when shown), and
/// its summary.
type CryptoExample = (Arc<SpannedText>, Words);

/// The examples built so far, their widgets, and the language they were built in (labels are translated).
pub struct Examples {
    lang: Option<Lang>,
    session: Option<Arc<SpannedText>>,
    /// The transfer's bytes and its summary, built once: they are worded when drawn.
    crypto: Option<Result<CryptoExample, Words>>,
    /// Set by the app each frame from the AI tab: `None` while the vocabulary loads.
    pub ai: Option<Result<AiShown, String>>,
    views: [HighlightView; 3],
    revision: u64,
}

/// The AI example as the Overview draws it.
pub struct AiShown {
    /// Spans per token.
    pub spanned: Arc<SpannedText>,
    /// Tokens counted.
    pub count: usize,
    /// The model's label.
    pub model: String,
    /// The widget revision.
    pub revision: u64,
}

impl Default for Examples {
    fn default() -> Self {
        Self {
            lang: None,
            session: None,
            crypto: None,
            ai: None,
            views: [
                HighlightView::new("overview_session"),
                HighlightView::new("overview_crypto"),
                HighlightView::new("overview_ai"),
            ],
            revision: 0,
        }
    }
}

impl From<&AiExample> for AiShown {
    fn from(e: &AiExample) -> Self {
        Self {
            spanned: Arc::clone(&e.spanned),
            count: e.count,
            model: e.model.clone(),
            revision: e.revision,
        }
    }
}

impl Examples {
    /// Build the session example (cheap) for the current language, and the crypto example once.
    fn ensure(&mut self) {
        if self.crypto.is_none() {
            self.crypto = Some(
                crate::ui::ledger::overview_example()
                    .map(|e| (Arc::new(e.bytes), e.summary))
                    .map_err(|e| e.words()),
            );
        }
        if self.lang == Some(language()) {
            return;
        }
        self.lang = Some(language());
        self.revision += 1;
        self.session = Some(Arc::new(crate::ui::session::overview_example()));
    }
}

/// One example card; returns true when its "Open" button was clicked.
pub fn card_ui(ui: &mut Ui, ex: &mut Examples, meaning: Meaning) -> bool {
    ex.ensure();
    let key = meaning.key();
    let mut open = false;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let tab = tr(&format!("tab.{key}")).to_owned();
        let zh = tr(&format!("overview.{key}.zh")).to_owned();
        // In Chinese the tab's name may already be the Chinese name ("AI 词元").
        if tab.contains(&zh) {
            ui.strong(tab);
        } else {
            ui.strong(format!("{tab} · {zh}"));
        }
        // The crypto example's spans carry words: the widget's hover card words them in the language in use.
        let (text, revision, caption) = match meaning {
            Meaning::Session => (
                ex.session.clone().map(Ok),
                ex.revision,
                tr!("overview.example.session").to_owned(),
            ),
            Meaning::Crypto => match &ex.crypto {
                Some(Ok((t, summary))) => (Some(Ok(Arc::clone(t))), ex.revision, summary.text()),
                Some(Err(e)) => (Some(Err(e.text())), 0, String::new()),
                None => (None, 0, String::new()),
            },
            Meaning::Ai => match &ex.ai {
                Some(Ok(a)) => (
                    Some(Ok(Arc::clone(&a.spanned))),
                    a.revision,
                    trf!(
                        "overview.example.ai",
                        &[("n", &a.count), ("model", &a.model)],
                    ),
                ),
                Some(Err(e)) => (Some(Err(e.clone())), 0, String::new()),
                None => (None, 0, String::new()),
            },
        };
        ui.weak(caption);
        let slot = match meaning {
            Meaning::Session => 0,
            Meaning::Crypto => 1,
            Meaning::Ai => 2,
        };
        match text {
            Some(Ok(text)) => {
                let opts = HighlightOptions {
                    max_height: 110.0,
                    ..HighlightOptions::default()
                };
                ex.views[slot].ui(ui, &text, revision, Palette::of(ui), &opts);
            }
            Some(Err(e)) => {
                ui.colored_label(Palette::of(ui).error(), e);
            }
            None => {
                // No spinner: it would repaint every frame; the loading worker wakes the UI when it is done.
                ui.weak(tr!("overview.example.loading"));
            }
        }
        open = ui
            .button(trf!(
                "overview.open",
                &[("tab", &tr(&format!("tab.{key}")))]
            ))
            .clicked();
    });
    open
}
