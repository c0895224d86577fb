//! The AI tab's price table: the bundled `assets/pricing.json`, overlaid with the user's file in the config
//! directory when there is one, and why that file was not used when it was not.

use crate::ai::Pricing;

/// Prices and where they came from.
#[derive(Clone)]
pub struct PricingState {
    /// The table in use.
    pub table: Pricing,
    /// The override file's path (shown to the user), if a config directory exists.
    pub override_path: Option<std::path::PathBuf>,
    /// Was the override file found and used?
    pub overridden: bool,
    /// Why the override file was not used.
    pub error: Option<String>,
}

impl PricingState {
    /// Bundled prices, overlaid with `<config dir>/pricing.json` when it exists.
    pub fn load(config_dir: Option<std::path::PathBuf>) -> Self {
        let override_path = config_dir.map(|d| d.join(crate::ai::OVERRIDE_FILE));
        let mut state = Self {
            table: Pricing::bundled(),
            override_path: override_path.clone(),
            overridden: false,
            error: None,
        };
        if let Some(path) = override_path
            && let Ok(text) = std::fs::read_to_string(&path)
        {
            match Pricing::with_override(&text, &path.display().to_string()) {
                Ok(t) => {
                    state.table = t;
                    state.overridden = true;
                }
                Err(e) => state.error = Some(e.to_string()),
            }
        }
        state
    }
}
