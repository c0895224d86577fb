//! What another part of the app (the tour) may ask of the Session tab, applied through [`SessionTab::apply`].

use super::{KeyKind, Mode, SessionTab};

/// A request to the Session tab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SessionCommand {
    /// Show the decoder with this token, verified with this key (the token is not decoded again if unchanged).
    Decode {
        /// The token.
        token: String,
        /// The key field to use.
        kind: KeyKind,
        /// The key text.
        key: String,
    },
    /// Select a payload claim, as a click on it would.
    SelectClaim(&'static str),
}

impl SessionTab {
    /// Carry out `command`.
    pub fn apply(&mut self, command: SessionCommand) {
        match command {
            SessionCommand::Decode { token, kind, key } => {
                self.settings.mode = Mode::Decoder;
                if self.input() != token {
                    self.set_input(token);
                }
                self.set_key(kind, key);
            }
            SessionCommand::SelectClaim(name) => self.select_claim(name),
        }
    }
}
