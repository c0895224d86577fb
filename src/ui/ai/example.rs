//! The Overview's live AI-token example: a short sentence split into tokens by the model picked in the AI tab.
//! The vocabulary loads on the AI tab's worker (shared with the tab); the sentence itself is a few tokens, so it
//! is encoded at once.

use std::sync::Arc;

use crate::ai::{AiDoc, EncodeOptions, Progress};
use crate::i18n::Worded as _;
use crate::text::SpannedText;

use super::{AiTab, Source};

/// A sentence as the AI tab's model reads it.
pub struct AiExample {
    /// The sentence with one span per token (tag = index and id, as in the tab).
    pub spanned: Arc<SpannedText>,
    /// Tokens counted.
    pub count: usize,
    /// "GPT-4o · o200k_base".
    pub model: String,
    /// Changes whenever the example does (the widget's revision).
    pub revision: u64,
}

/// The cached example and what it was made from.
pub(super) struct Cached {
    source: Source,
    text: String,
    example: AiExample,
}

impl AiTab {
    /// The example for `text`, or `None` while the vocabulary loads (the load is started here). Failures read as
    /// `Err` with the reason.
    pub fn overview_example(
        &mut self,
        ctx: &egui::Context,
        text: &str,
    ) -> Option<Result<&AiExample, String>> {
        self.engine.poll();
        let source = self.source();
        let fresh = self
            .example
            .as_ref()
            .is_some_and(|c| c.source == source && c.text == text);
        if !fresh {
            let Some(loaded) = self.engine.get(ctx, &source) else {
                return self.engine.error.as_ref().map(|w| Err(w.text()));
            };
            let doc = AiDoc::new(
                &loaded,
                text.to_owned(),
                EncodeOptions::default(),
                &Progress::default(),
            );
            let spanned = match doc.and_then(|d| d.spanned().map(|s| (d.count(), s))) {
                Ok(x) => x,
                Err(e) => return Some(Err(e.words().text())),
            };
            let revision = self.example.as_ref().map_or(1, |c| c.example.revision + 1);
            self.example = Some(Cached {
                source,
                text: text.to_owned(),
                example: AiExample {
                    spanned: Arc::new(spanned.1),
                    count: spanned.0,
                    model: self.model_label(),
                    revision,
                },
            });
        }
        self.example.as_ref().map(|c| Ok(&c.example))
    }
}
