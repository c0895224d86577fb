//! The string catalogue: every user-facing string, looked up by key, in the chosen language.
//!
//! Pure (std + serde_json), so the cores, the CLI and the UI share one catalogue. The catalogues live in
//! `assets/i18n/<lang>.json` as flat `{ "key": "text with {placeholders}" }` objects and are compiled in.

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

/// A UI language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    /// English.
    #[default]
    En,
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Choose the language used by [`tr`] and [`trf`] from now on.
pub fn set_language(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language in use.
pub fn language() -> Lang {
    Lang::En
}

/// The raw catalogue text of a language (for tests and tools).
pub fn catalogue_source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("../assets/i18n/en.json"),
    }
}

fn catalogue(lang: Lang) -> &'static HashMap<String, String> {
    static EN: OnceLock<HashMap<String, String>> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
    };
    cell.get_or_init(|| serde_json::from_str(catalogue_source(lang)).unwrap_or_default())
}

/// The text for `key` in the current language; the key itself if the catalogue lacks it.
///
/// ```
/// assert_eq!(tokenlens::i18n::tr("tab.overview"), "Overview");
/// ```
pub fn tr(key: &str) -> &str {
    match catalogue(language()).get(key) {
        Some(text) => text.as_str(),
        None => key,
    }
}

/// The text for `key` with `{name}` placeholders filled from `args`.
///
/// ```
/// let s = tokenlens::i18n::trf("jwt.err.segments", &[("n", &4)]);
/// assert!(s.contains('4'));
/// ```
pub fn trf(key: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = tr(key).to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_parses_and_is_flat() {
        let map: HashMap<String, String> =
            serde_json::from_str(catalogue_source(Lang::En)).expect("en.json is a flat string map");
        assert!(map.len() > 50, "the catalogue has the app's strings");
    }

    #[test]
    fn missing_key_falls_back_to_the_key() {
        assert_eq!(tr("no.such.key"), "no.such.key");
    }
}
