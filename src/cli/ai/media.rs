//! `tokenlens ai image` and `tokenlens ai media`: an image's or a recording's tokens and cost per model, with each
//! resize step, the grid, the formula and the rule's source and date. Images are read capped; audio and video are
//! never read whole (their headers give the length).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{emit, emit_json};
use crate::ai::media::{
    Detail, ImageCount, ImageRule, MediaKind, MediaRule, MediaTable, Size, count_image,
    probe_image, probe_media,
};
use crate::ai::{Pricing, lookup};
use crate::i18n::Worded as _;

/// Arguments of `tokenlens ai image`.
#[derive(Debug, Args)]
pub struct ImageArgs {
    /// A PNG, JPEG, WebP or GIF file (a GIF's first frame).
    pub file: PathBuf,
    /// Models (ids or names, separated by commas or the option repeated); none means every model with an image
    /// rule.
    #[arg(long = "model", value_delimiter = ',')]
    pub models: Vec<String>,
    /// The detail or resolution setting: OpenAI's `detail` (`auto` is counted as `high`, the most it can cost) or
    /// Gemini 3's `media_resolution`.
    #[arg(long, value_enum, default_value_t = DetailArg::Auto)]
    pub detail: DetailArg,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `--detail`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DetailArg {
    /// The provider's default (OpenAI: as `high`).
    Auto,
    /// The fixed low-resolution count.
    Low,
    /// Gemini 3's medium resolution (OpenAI: as `high`).
    Medium,
    /// The full count.
    High,
    /// Gemini 3's ultra-high resolution (OpenAI: as `high`).
    UltraHigh,
}

impl From<DetailArg> for Detail {
    fn from(d: DetailArg) -> Self {
        match d {
            DetailArg::Auto => Self::Auto,
            DetailArg::Low => Self::Low,
            DetailArg::Medium => Self::Medium,
            DetailArg::High => Self::High,
            DetailArg::UltraHigh => Self::UltraHigh,
        }
    }
}

/// Arguments of `tokenlens ai media`.
#[derive(Debug, Args)]
pub struct MediaArgs {
    /// An audio file (WAV, MP3, FLAC, OGG, M4A) or a video (MP4, WebM, MKV).
    #[arg(required_unless_present = "seconds")]
    pub file: Option<PathBuf>,
    /// A length in seconds instead of a file.
    #[arg(long, conflicts_with = "file")]
    pub seconds: Option<f64>,
    /// With `--seconds`: audio or video.
    #[arg(long, value_enum, default_value_t = KindArg::Audio)]
    pub kind: KindArg,
    /// Models (ids or names); none means every model with an audio/video rate.
    #[arg(long = "model", value_delimiter = ',')]
    pub models: Vec<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `--kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// Sound.
    Audio,
    /// Moving pictures.
    Video,
}

/// The model ids asked for, each with the rule that counts it; `rule_of` finds a model's rule.
fn pick<'t, R>(
    asked: &[String],
    all: impl Iterator<Item = &'t R>,
    models_of: impl Fn(&R) -> &[String],
    rule_of: impl Fn(&str) -> Option<&'t R>,
    what: &str,
) -> Result<Vec<(String, &'t R)>, String>
where
    R: 't,
{
    if asked.is_empty() {
        let mut out = Vec::new();
        for rule in all {
            for m in models_of(rule) {
                if !out.iter().any(|(id, _): &(String, &R)| id == m) {
                    out.push((m.clone(), rule));
                }
            }
        }
        return Ok(out);
    }
    asked
        .iter()
        .map(|name| {
            let id = lookup(name)
                .and_then(|(_, m)| m)
                .map_or_else(|| name.to_lowercase(), |m| m.id.to_owned());
            rule_of(&id)
                .map(|r| (id.clone(), r))
                .ok_or_else(|| format!("no {what} rule for {name:?}; `tokenlens ai {what}` with no --model lists the models that have one"))
        })
        .collect()
}

#[derive(Serialize)]
struct ImageRow<'a> {
    model: &'a str,
    rule: &'a str,
    original: [u32; 2],
    steps: Vec<StepJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    grid: Option<GridJson>,
    tokens: u64,
    formula: String,
    cost_usd: Option<f64>,
    input_per_1m: Option<f64>,
    source: &'a str,
    read: &'a str,
}

#[derive(Serialize)]
struct StepJson {
    to: [u32; 2],
    why: String,
}

#[derive(Serialize)]
struct GridJson {
    cols: u64,
    rows: u64,
    cell: [f64; 2],
    over: [u32; 2],
    kind: &'static str,
}

fn pair(s: Size) -> [u32; 2] {
    [s.w, s.h]
}

fn image_row<'a>(
    model: &'a str,
    rule: &'a ImageRule,
    c: &ImageCount,
    pricing: &Pricing,
) -> ImageRow<'a> {
    let price = pricing.get(model).and_then(|p| p.input_per_1m);
    ImageRow {
        model,
        rule: &rule.id,
        original: pair(c.original),
        steps: c
            .steps
            .iter()
            .map(|s| StepJson {
                to: pair(s.to),
                why: s.words().to_string(),
            })
            .collect(),
        grid: c.grid.map(|g| GridJson {
            cols: g.cols,
            rows: g.rows,
            cell: [g.cell_w, g.cell_h],
            over: pair(g.over),
            kind: if g.tiles { "tiles" } else { "patches" },
        }),
        tokens: c.tokens,
        formula: c.formula_words().to_string(),
        cost_usd: price.map(|p| p * c.tokens as f64 / 1e6),
        input_per_1m: price,
        source: &rule.source,
        read: &rule.read,
    }
}

/// Run `tokenlens ai image`.
pub fn image(args: &ImageArgs) -> Result<i32, String> {
    let shown = args.file.display().to_string();
    let bytes = super::input::read_file(&args.file)?;
    let info = probe_image(&bytes).map_err(|e| format!("{shown}: {e}"))?;
    let table = MediaTable::bundled();
    let pricing = Pricing::bundled();
    let picked = pick(
        &args.models,
        table.image_rules.iter(),
        |r: &ImageRule| &r.models,
        |id| table.image_rule(id),
        "image",
    )?;
    let counts: Vec<ImageCount> = picked
        .iter()
        .map(|(_, rule)| count_image(&rule.method, info.size, args.detail.into()))
        .collect();
    let rows: Vec<ImageRow<'_>> = picked
        .iter()
        .zip(&counts)
        .map(|((id, rule), c)| image_row(id, rule, c, &pricing))
        .collect();
    if args.json {
        return emit_json(&serde_json::json!({
            "file": shown,
            "format": info.format,
            "size": pair(info.size),
            "as_of": table.as_of,
            "models": rows,
        }));
    }
    emit(|w| {
        writeln!(w, "{shown}: {} {}", info.format, info.size)?;
        if rows.len() == 1 {
            return image_block(w, &rows[0]);
        }
        writeln!(
            w,
            "{:<26} {:>11} {:>16} {:>8} {:>11}",
            "model", "seen as", "grid", "tokens", "cost (USD)"
        )?;
        for (row, c) in rows.iter().zip(&counts) {
            let grid = c.grid.map_or_else(String::new, |g| {
                format!(
                    "{}×{} {}",
                    g.cols,
                    g.rows,
                    if g.tiles { "tiles" } else { "patches" }
                )
            });
            writeln!(
                w,
                "{:<26} {:>11} {:>16} {:>8} {:>11}",
                row.model,
                c.final_size().to_string(),
                grid,
                row.tokens,
                row.cost_usd
                    .map_or_else(|| "—".to_owned(), |c| format!("{c:.6}"))
            )?;
        }
        writeln!(
            w,
            "rules as of {}; `--model NAME` spells one out step by step",
            table.as_of
        )
    })
}

fn image_block(w: &mut dyn Write, row: &ImageRow<'_>) -> std::io::Result<()> {
    writeln!(w, "model     {} (rule {})", row.model, row.rule)?;
    writeln!(w, "original  {}×{}", row.original[0], row.original[1])?;
    for (i, s) in row.steps.iter().enumerate() {
        writeln!(w, "step {}    {}", i + 1, s.why)?;
    }
    if let Some(g) = &row.grid {
        writeln!(
            w,
            "grid      {} × {} {} of {}×{} px over {}×{}",
            g.cols, g.rows, g.kind, g.cell[0], g.cell[1], g.over[0], g.over[1]
        )?;
    }
    writeln!(w, "tokens    {}", row.formula)?;
    match (row.cost_usd, row.input_per_1m) {
        (Some(c), Some(p)) => writeln!(w, "cost      ${c:.6} at ${p} per 1M input tokens")?,
        _ => writeln!(w, "cost      — (no input price for this model)")?,
    }
    writeln!(w, "rule      {} (read {})", row.source, row.read)
}

#[derive(Serialize)]
struct MediaRow<'a> {
    model: &'a str,
    rule: &'a str,
    per_second: f64,
    tokens: u64,
    cost_usd: Option<f64>,
    source: &'a str,
    read: &'a str,
}

/// Tokens of `seconds` at `rate` per second, rounded up.
pub fn media_tokens(seconds: f64, rate: f64) -> u64 {
    (seconds * rate - 1e-6).ceil().max(0.0) as u64
}

/// Run `tokenlens ai media`.
pub fn media(args: &MediaArgs) -> Result<i32, String> {
    let (kind, seconds, what) = match (&args.file, args.seconds) {
        (_, Some(s)) if !(s.is_finite() && s >= 0.0) => {
            return Err(format!("--seconds {s}: give a length of 0 or more seconds"));
        }
        (_, Some(s)) => (args.kind, s, format!("{s} s")),
        (Some(path), None) => {
            let shown = path.display().to_string();
            let file =
                std::fs::File::open(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
            let len = file
                .metadata()
                .map_err(|e| format!("cannot read {shown}: {e}"))?
                .len();
            let info = probe_media(std::io::BufReader::new(file), len)
                .map_err(|e| format!("{shown}: {e}"))?;
            let kind = match info.kind {
                MediaKind::Audio => KindArg::Audio,
                MediaKind::Video => KindArg::Video,
            };
            (
                kind,
                info.seconds,
                format!("{shown}: {} {:.3} s", info.container, info.seconds),
            )
        }
        (None, None) => return Err("give a file or --seconds".to_owned()),
    };
    let table = MediaTable::bundled();
    let pricing = Pricing::bundled();
    let rate = |r: &MediaRule| match kind {
        KindArg::Audio => r.audio_per_second,
        KindArg::Video => r.video_per_second,
    };
    let picked = pick(
        &args.models,
        table.media_rules.iter().filter(|r| rate(r).is_some()),
        |r: &MediaRule| &r.models,
        |id| table.media_rule(id).filter(|r| rate(r).is_some()),
        "media",
    )?;
    let rows: Vec<MediaRow<'_>> = picked
        .iter()
        .filter_map(|(id, rule)| {
            let per_second = rate(rule)?;
            let tokens = media_tokens(seconds, per_second);
            Some(MediaRow {
                model: id,
                rule: &rule.id,
                per_second,
                tokens,
                cost_usd: pricing
                    .get(id)
                    .and_then(|p| p.input_per_1m)
                    .map(|p| p * tokens as f64 / 1e6),
                source: &rule.source,
                read: &rule.read,
            })
        })
        .collect();
    let kind_name = if kind == KindArg::Audio {
        "audio"
    } else {
        "video"
    };
    if args.json {
        return emit_json(&serde_json::json!({
            "input": what, "kind": kind_name, "seconds": seconds, "as_of": table.as_of, "models": rows,
        }));
    }
    emit(|w| {
        writeln!(w, "{what} ({kind_name})")?;
        writeln!(
            w,
            "{:<26} {:>10} {:>10} {:>11}  rule",
            "model", "per second", "tokens", "cost (USD)"
        )?;
        for r in &rows {
            writeln!(
                w,
                "{:<26} {:>10} {:>10} {:>11}  {} (read {})",
                r.model,
                r.per_second,
                r.tokens,
                r.cost_usd
                    .map_or_else(|| "—".to_owned(), |c| format!("{c:.6}")),
                r.source,
                r.read
            )?;
        }
        Ok(())
    })
}
