//! What another part of the app (the tour) may ask of the AI tab, applied through [`AiTab::apply`].

use super::{AiTab, View};

/// A request to the AI tab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AiCommand {
    /// Count this prompt with this model in the Tokens view (not counted again if unchanged).
    Count {
        /// The prompt.
        prompt: String,
        /// The model id (see the catalogue).
        model: &'static str,
    },
    /// Empty the prompt.
    Clear,
}

impl AiTab {
    /// Carry out `command`.
    pub fn apply(&mut self, command: AiCommand) {
        match command {
            AiCommand::Count { prompt, model } => {
                model.clone_into(&mut self.settings.model);
                self.settings.view = View::Tokens;
                if self.input() != prompt {
                    self.set_input(prompt);
                }
            }
            AiCommand::Clear => {
                if !self.input().is_empty() {
                    self.set_input(String::new());
                }
            }
        }
    }

    /// The price of `model` in the table in use (the bundled one, or the user's override).
    pub fn price(&self, model: &str) -> Option<crate::ai::Price> {
        self.pricing.table.get(model).cloned()
    }

    /// A new, empty tab with this one's settings and prices (the tour's own AI tab).
    pub fn sibling(&self) -> Self {
        let mut tab = Self::new(self.settings.clone(), None);
        tab.pricing = self.pricing.clone();
        tab
    }
}
