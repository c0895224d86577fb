//! What a view asks the app to do. Views never reach into another view or into the app: they return an
//! [`AppAction`], and the app applies it after the frame (`TokenLensApp::apply`). The tour drives its own tabs
//! through each tab's `apply` command instead.

use crate::meaning::Meaning;
use crate::tour::Step;

/// A request from a view to the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppAction {
    /// Open the guided tour at a step (the top bar, the Overview, a "What is this token?" link).
    Tour(Step),
    /// Show a meaning's tab (the tour moving to a step in another tab).
    Show(Meaning),
    /// Show a meaning's tab with its example when the tab's input is empty (an Overview card).
    Example(Meaning),
    /// Detect what pasted text is and open it in the right tab.
    Paste(String),
}
