//! Prices and context windows: dated data with a source per entry (assets/pricing.json), which a user file in
//! the config directory can override model by model.

use serde::{Deserialize, Serialize};

/// Where a price came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriceSource {
    /// Short id used in each entry's `source`.
    pub id: String,
    /// The registry package and version.
    #[serde(default)]
    pub package: String,
    /// The licence of the data.
    #[serde(default)]
    pub licence: String,
    /// Release date of the data.
    #[serde(default)]
    pub released: String,
}

/// One model's prices (USD per 1M tokens) and window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Price {
    /// Model id (see the model catalogue).
    pub id: String,
    /// `"<source id>: <key>"`, or `"none"`.
    pub source: String,
    /// Input price per 1M tokens.
    #[serde(default)]
    pub input_per_1m: Option<f64>,
    /// Cached-input price per 1M tokens.
    #[serde(default)]
    pub cached_input_per_1m: Option<f64>,
    /// Output price per 1M tokens.
    #[serde(default)]
    pub output_per_1m: Option<f64>,
    /// Context window in tokens.
    pub context_window: u64,
    /// Largest output, if the source states one.
    #[serde(default)]
    pub max_output: Option<u64>,
}

impl Price {
    /// The cost in USD of `tokens` input tokens.
    pub fn input_cost(&self, tokens: usize) -> Option<f64> {
        self.input_per_1m.map(|p| p * tokens as f64 / 1e6)
    }

    /// How full the context window is, 0..=∞ (above 1 means it does not fit).
    pub fn fill(&self, tokens: usize) -> f64 {
        if self.context_window == 0 {
            return f64::INFINITY;
        }
        tokens as f64 / self.context_window as f64
    }
}

/// The whole table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pricing {
    /// Date of the data.
    pub as_of: String,
    /// Currency of every price.
    #[serde(default = "usd")]
    pub currency: String,
    /// A caution shown with prices.
    #[serde(default)]
    pub note: String,
    /// Where prices came from.
    #[serde(default)]
    pub sources: Vec<PriceSource>,
    /// Per-model entries.
    pub models: Vec<Price>,
}

fn usd() -> String {
    "USD".to_owned()
}

/// A pricing file that could not be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}: line {line}, column {column}: {msg}")]
pub struct PricingError {
    /// The file.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub msg: String,
}

/// The bundled table's JSON.
pub const BUNDLED: &str = include_str!("../../assets/pricing.json");

/// The file name users put in the config directory to override prices.
pub const OVERRIDE_FILE: &str = "pricing.json";

impl Pricing {
    /// Parse a table; `path` names it in errors. Prices must be finite and not negative.
    pub fn parse(json: &str, path: &str) -> Result<Self, PricingError> {
        let table: Self = serde_json::from_str(json).map_err(|e| PricingError {
            path: path.to_owned(),
            line: e.line(),
            column: e.column(),
            msg: e.to_string(),
        })?;
        for p in &table.models {
            for (field, v) in [
                ("input_per_1m", p.input_per_1m),
                ("cached_input_per_1m", p.cached_input_per_1m),
                ("output_per_1m", p.output_per_1m),
            ] {
                if v.is_some_and(|v| !v.is_finite() || v < 0.0) {
                    let line = locate(json, &p.id);
                    return Err(PricingError {
                        path: path.to_owned(),
                        line,
                        column: 1,
                        msg: trf!(
                            "ai.err.price_negative",
                            &[("id", &format!("{:?}", p.id)), ("field", &field)],
                        ),
                    });
                }
            }
        }
        Ok(table)
    }

    /// The bundled table.
    pub fn bundled() -> Self {
        // The bundled file is checked by a test; an empty table is the safe fallback.
        Self::parse(BUNDLED, "assets/pricing.json").unwrap_or_else(|_| Self {
            as_of: String::new(),
            currency: usd(),
            note: String::new(),
            sources: Vec::new(),
            models: Vec::new(),
        })
    }

    /// The bundled table with `user` (the override file's text) laid over it: entries with the same id replace
    /// the bundled ones, new ids are added, and the user's date and note win.
    pub fn with_override(user: &str, path: &str) -> Result<Self, PricingError> {
        let user = Self::parse(user, path)?;
        let mut table = Self::bundled();
        for p in user.models {
            match table.models.iter_mut().find(|q| q.id == p.id) {
                Some(q) => *q = p,
                None => table.models.push(p),
            }
        }
        table.as_of = user.as_of;
        if !user.note.is_empty() {
            table.note = user.note;
        }
        table.sources.extend(user.sources);
        Ok(table)
    }

    /// The entry for a model id.
    pub fn get(&self, id: &str) -> Option<&Price> {
        self.models.iter().find(|p| p.id == id)
    }
}

fn locate(json: &str, id: &str) -> usize {
    let needle = format!("\"{id}\"");
    json.find(&needle)
        .map_or(1, |at| json[..at].matches('\n').count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_table_parses_and_covers_every_model() {
        let t = Pricing::parse(BUNDLED, "bundled").unwrap();
        assert!(!t.as_of.is_empty());
        for m in super::super::models::MODELS {
            let p = t.get(m.id).unwrap_or_else(|| panic!("{} is priced", m.id));
            assert!(p.context_window > 0, "{} has a window", m.id);
            assert!(!p.source.is_empty());
        }
    }

    #[test]
    fn cost_and_fill() {
        let t = Pricing::bundled();
        let p = t.get("gpt-4o").unwrap();
        let per_token = p.input_per_1m.unwrap() / 1e6;
        assert!((p.input_cost(1000).unwrap() - 1000.0 * per_token).abs() < 1e-12);
        assert!((p.fill(p.context_window as usize) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn overrides_replace_by_id_and_errors_say_where() {
        let user = r#"{"as_of":"2030-01-01","models":[{"id":"gpt-4o","source":"me","input_per_1m":1.0,"context_window":5}]}"#;
        let t = Pricing::with_override(user, "cfg/pricing.json").unwrap();
        assert_eq!(t.as_of, "2030-01-01");
        assert_eq!(t.get("gpt-4o").unwrap().context_window, 5);
        assert!(t.get("gpt-4.1").is_some(), "other entries stay");
        let err = Pricing::with_override("{\n \"as_of\": 3", "cfg/pricing.json").unwrap_err();
        assert_eq!((err.path.as_str(), err.line), ("cfg/pricing.json", 2));
        let neg = r#"{"as_of":"x","models":[
            {"id":"a","source":"s","input_per_1m":-1,"context_window":5}]}"#;
        let err = Pricing::parse(neg, "p").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.msg.contains("input_per_1m"), "{err}");
    }
}
