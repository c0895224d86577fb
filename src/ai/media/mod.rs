//! Images, audio and video as tokens: each provider's counting rule kept as dated data
//! (`assets/media_tokens.json`, with its source page and the date it was read, as `pricing.json` keeps prices), the
//! rules' arithmetic step by step, and safe reads of image sizes and media durations from file headers.
//!
//! Pure: no GUI crates. A user file in the config directory overrides rules by id, as the price file does.

mod count;
mod duration;
mod probe;
mod words;

use serde::Deserialize;

pub use count::{Detail, Formula, Grid, ImageCount, Resize, ResizeWhy, Size, count_image};
pub use duration::{MediaError, MediaInfo, MediaKind, is_media, probe_media};
pub use probe::{
    ImageError, ImageInfo, MAX_PREVIEW_PIXELS, MAX_PREVIEW_SIDE, Preview, decode_preview, is_image,
    probe_image,
};

/// The bundled rules' JSON.
pub const BUNDLED: &str = include_str!("../../../assets/media_tokens.json");

/// The file name users put in the config directory to override rules.
pub const OVERRIDE_FILE: &str = "media_tokens.json";

/// Every rule, dated.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct MediaTable {
    /// The date the sources were read.
    pub as_of: String,
    /// A caution shown with the counts.
    #[serde(default)]
    pub note: String,
    /// How images are counted.
    pub image_rules: Vec<ImageRule>,
    /// How audio and video are counted.
    #[serde(default)]
    pub media_rules: Vec<MediaRule>,
}

/// One provider's image rule and the models it applies to.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "RawImageRule")]
pub struct ImageRule {
    /// Stable id, the key for overrides.
    pub id: String,
    /// A short name for the rule.
    pub label: String,
    /// Model ids (the catalogue's and `pricing.json`'s).
    pub models: Vec<String>,
    /// The arithmetic and its numbers (`kind` and `params` in the file).
    pub method: ImageMethod,
    /// The page the rule comes from.
    pub source: String,
    /// When (and how) the page was read.
    pub read: String,
    /// What the source leaves open, or where sources disagree.
    #[serde(default)]
    pub note: String,
    /// The provider's own worked examples; the tests check every one.
    #[serde(default)]
    pub examples: Vec<ImageExample>,
}

/// An image rule as written: `kind` and `params` are read into [`ImageMethod`] afterwards, since serde's
/// `flatten` cannot read numbers with serde_json's `arbitrary_precision` on.
#[derive(Deserialize)]
struct RawImageRule {
    id: String,
    label: String,
    models: Vec<String>,
    kind: String,
    params: serde_json::Value,
    source: String,
    read: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    examples: Vec<ImageExample>,
}

impl TryFrom<RawImageRule> for ImageRule {
    type Error = String;

    fn try_from(r: RawImageRule) -> Result<Self, String> {
        let method =
            serde_json::from_value(serde_json::json!({ "kind": r.kind, "params": r.params }))
                .map_err(|e| format!("rule {:?}: {e}", r.id))?;
        Ok(Self {
            id: r.id,
            label: r.label,
            models: r.models,
            method,
            source: r.source,
            read: r.read,
            note: r.note,
            examples: r.examples,
        })
    }
}

/// The arithmetic of an image rule.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(tag = "kind", content = "params", rename_all = "snake_case")]
pub enum ImageMethod {
    /// OpenAI's tile models: fit in a square, shorten the short side, count tiles; `detail: low` is the base alone.
    OpenaiTiles {
        /// The square the image is first fitted in (px).
        fit: u32,
        /// The short side is then scaled down to this (px).
        short_side: u32,
        /// Tile side (px).
        tile: u32,
        /// Tokens every image costs.
        base: u64,
        /// Tokens per tile.
        per_tile: u64,
        /// Tokens of a `detail: low` image.
        low: u64,
    },
    /// OpenAI's patch models: square patches, at most `cap` of them (the image is shrunk to fit), times a
    /// per-model multiplier.
    OpenaiPatches {
        /// Patch side (px).
        patch: u32,
        /// Most patches per image; none means the original patch count is used.
        #[serde(default)]
        cap: Option<u64>,
        /// The longest side allowed before the patch budget is applied (px).
        #[serde(default)]
        max_dimension: Option<u32>,
        /// Tokens per patch for this model; none where the provider publishes none (counted as 1).
        #[serde(default)]
        multiplier: Option<f64>,
    },
    /// Anthropic's area rule: `width × height / pixels_per_token`, after a scale-down to the long-edge and token
    /// limits.
    ClaudeArea {
        /// Longest edge before a scale-down (px).
        max_edge: u32,
        /// Most tokens before a scale-down.
        max_tokens: u64,
        /// Pixels per token.
        pixels_per_token: u64,
    },
    /// Anthropic's patch rule: one token per square patch, after a scale-down to the long-edge and token limits.
    ClaudePatches {
        /// Patch side (px).
        patch: u32,
        /// Longest edge before a scale-down (px).
        max_edge: u32,
        /// Most tokens before a scale-down.
        max_tokens: u64,
    },
    /// Google's tiles: a small image is one fixed count; a larger one is cut into square crops, each resized to a
    /// tile of a fixed count.
    GeminiTiles {
        /// Both sides at most this (px): the image is one small tile.
        small: u32,
        /// Tokens of a small image.
        small_tokens: u64,
        /// The side each crop is resized to (px).
        tile: u32,
        /// Tokens per tile.
        per_tile: u64,
        /// The crop side is the short side divided by this, then clamped to `crop_min..=crop_max`; without it the
        /// crop side is `tile`.
        #[serde(default)]
        crop_divisor: Option<f64>,
        /// Smallest crop side (px).
        #[serde(default)]
        crop_min: Option<u32>,
        /// Largest crop side (px).
        #[serde(default)]
        crop_max: Option<u32>,
    },
    /// A fixed count per image, whatever its size, by the request's resolution setting (Gemini 3's
    /// `media_resolution`): `tokens` when none is set.
    Fixed {
        /// Tokens per image at the default setting.
        tokens: u64,
        /// At `low`.
        #[serde(default)]
        low: Option<u64>,
        /// At `medium`.
        #[serde(default)]
        medium: Option<u64>,
        /// At `high`.
        #[serde(default)]
        high: Option<u64>,
        /// At `ultra_high`.
        #[serde(default)]
        ultra_high: Option<u64>,
    },
}

/// A worked example the provider publishes.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ImageExample {
    /// Width (px); 0 where the count does not depend on it.
    #[serde(default)]
    pub width: u32,
    /// Height (px); 0 where the count does not depend on it.
    #[serde(default)]
    pub height: u32,
    /// `low`, `high` or `auto`, where the rule has a detail setting.
    #[serde(default)]
    pub detail: Option<Detail>,
    /// The tokens the provider states.
    pub tokens: u64,
    /// `tokens` is the patch count before the model's multiplier (OpenAI states its examples so).
    #[serde(default)]
    pub tokens_before_multiplier: bool,
    /// The provider's sentence.
    #[serde(default)]
    pub quote: String,
}

/// Audio and video rates for some models.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct MediaRule {
    /// Stable id, the key for overrides.
    pub id: String,
    /// A short name for the rule.
    #[serde(default)]
    pub label: String,
    /// Model ids.
    pub models: Vec<String>,
    /// Tokens per second of audio.
    #[serde(default)]
    pub audio_per_second: Option<f64>,
    /// Tokens per second of video (frames and their sound).
    #[serde(default)]
    pub video_per_second: Option<f64>,
    /// The page the rates come from.
    pub source: String,
    /// When (and how) the page was read.
    pub read: String,
    /// What the source leaves open, or where sources disagree.
    #[serde(default)]
    pub note: String,
    /// The provider's own worked examples.
    #[serde(default)]
    pub examples: Vec<MediaExample>,
}

/// A worked audio or video example.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct MediaExample {
    /// `audio` or `video`.
    pub kind: MediaKind,
    /// Length in seconds.
    pub seconds: f64,
    /// The tokens the provider states.
    pub tokens: u64,
    /// The provider's sentence.
    #[serde(default)]
    pub quote: String,
}

/// A rules file that could not be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}: line {line}, column {column}: {msg}")]
pub struct MediaTableError {
    /// The file.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub msg: String,
}

impl MediaTable {
    /// Parse a rules file; `path` names it in errors. Every number must be usable: no zero tile or patch side, no
    /// negative or non-finite rate.
    pub fn parse(json: &str, path: &str) -> Result<Self, MediaTableError> {
        let table: Self = serde_json::from_str(json).map_err(|e| MediaTableError {
            path: path.to_owned(),
            line: e.line(),
            column: e.column(),
            msg: e.to_string(),
        })?;
        for rule in &table.image_rules {
            if let Some(msg) = rule.method.problem() {
                return Err(at_id(json, path, &rule.id, msg));
            }
        }
        for rule in &table.media_rules {
            for v in [rule.audio_per_second, rule.video_per_second]
                .into_iter()
                .flatten()
            {
                if !v.is_finite() || v < 0.0 {
                    return Err(at_id(
                        json,
                        path,
                        &rule.id,
                        "a rate is negative or not finite",
                    ));
                }
            }
        }
        Ok(table)
    }

    /// The bundled rules (checked by a test; an empty table is the safe fallback).
    pub fn bundled() -> Self {
        Self::parse(BUNDLED, "assets/media_tokens.json").unwrap_or_else(|_| Self {
            as_of: String::new(),
            note: String::new(),
            image_rules: Vec::new(),
            media_rules: Vec::new(),
        })
    }

    /// The bundled rules with `user` (the override file's text) laid over them: rules with the same id replace the
    /// bundled ones, new ids are added, and the user's date and note win.
    pub fn with_override(user: &str, path: &str) -> Result<Self, MediaTableError> {
        let user = Self::parse(user, path)?;
        let mut table = Self::bundled();
        for r in user.image_rules {
            match table.image_rules.iter_mut().find(|q| q.id == r.id) {
                Some(q) => *q = r,
                None => table.image_rules.push(r),
            }
        }
        for r in user.media_rules {
            match table.media_rules.iter_mut().find(|q| q.id == r.id) {
                Some(q) => *q = r,
                None => table.media_rules.push(r),
            }
        }
        table.as_of = user.as_of;
        if !user.note.is_empty() {
            table.note = user.note;
        }
        Ok(table)
    }

    /// The image rule for a model id; a rule named later wins (so an override's new rule beats a bundled one).
    pub fn image_rule(&self, model: &str) -> Option<&ImageRule> {
        self.image_rules
            .iter()
            .rev()
            .find(|r| r.models.iter().any(|m| m == model))
    }

    /// The audio/video rule for a model id.
    pub fn media_rule(&self, model: &str) -> Option<&MediaRule> {
        self.media_rules
            .iter()
            .rev()
            .find(|r| r.models.iter().any(|m| m == model))
    }
}

impl ImageMethod {
    /// What makes the numbers unusable, if anything.
    fn problem(&self) -> Option<&'static str> {
        let zero_side = match *self {
            Self::OpenaiTiles {
                fit,
                short_side,
                tile,
                ..
            } => fit == 0 || short_side == 0 || tile == 0,
            Self::OpenaiPatches {
                patch,
                cap,
                max_dimension,
                multiplier,
            } => {
                if multiplier.is_some_and(|m| !m.is_finite() || m <= 0.0) {
                    return Some("the multiplier must be a positive number");
                }
                patch == 0 || cap == Some(0) || max_dimension == Some(0)
            }
            Self::ClaudeArea {
                max_edge,
                max_tokens,
                pixels_per_token,
            } => max_edge == 0 || max_tokens == 0 || pixels_per_token == 0,
            Self::ClaudePatches {
                patch,
                max_edge,
                max_tokens,
            } => patch == 0 || max_edge == 0 || max_tokens == 0,
            Self::GeminiTiles {
                tile,
                crop_divisor,
                crop_min,
                crop_max,
                ..
            } => {
                if crop_divisor.is_some_and(|d| !d.is_finite() || d <= 0.0) {
                    return Some("crop_divisor must be a positive number");
                }
                if crop_divisor.is_some() && (crop_min.is_none() || crop_max.is_none()) {
                    return Some("crop_divisor needs crop_min and crop_max");
                }
                tile == 0 || crop_min == Some(0) || crop_min > crop_max
            }
            Self::Fixed { .. } => false,
        };
        zero_side.then_some("a size or limit is zero (or crop_min is above crop_max)")
    }
}

fn at_id(json: &str, path: &str, id: &str, msg: &str) -> MediaTableError {
    let needle = format!("\"{id}\"");
    let line = json
        .find(&needle)
        .map_or(1, |at| json[..at].matches('\n').count() + 1);
    MediaTableError {
        path: path.to_owned(),
        line,
        column: 1,
        msg: format!("rule {id:?}: {msg}"),
    }
}

#[cfg(test)]
mod tests;
