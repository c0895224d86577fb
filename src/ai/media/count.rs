//! An image's tokens under one rule, step by step: each resize with its reason, the grid of tiles or patches over
//! the final image, and the formula with its numbers, so the UI and CLI can spell the count out.

use serde::Deserialize;

use super::ImageMethod;

/// A width and height in pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Size {
    /// Width (px).
    pub w: u32,
    /// Height (px).
    pub h: u32,
}

impl Size {
    /// A size.
    pub const fn new(w: u32, h: u32) -> Self {
        Self { w, h }
    }

    fn long(self) -> u32 {
        self.w.max(self.h)
    }

    fn short(self) -> u32 {
        self.w.min(self.h)
    }

    fn area(self) -> u64 {
        u64::from(self.w) * u64::from(self.h)
    }

    /// Scaled by `s`, rounded to the nearest pixel (OpenAI's bills for 2049×513 and 2050×513 show it rounds
    /// there, docs/media.md), never below one pixel.
    fn scaled(self, s: f64) -> Self {
        let f = |v: u32| ((f64::from(v) * s).round() as u32).max(1);
        Self::new(f(self.w), f(self.h))
    }
}

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}×{}", self.w, self.h)
    }
}

/// The request's detail or resolution setting: OpenAI's `detail` (low, high, auto) and Gemini 3's
/// `media_resolution` (low, medium, high, ultra high). A setting a rule does not have counts as its default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Detail {
    /// The provider's default; for OpenAI counted as `high`, the most it can cost.
    #[default]
    Auto,
    /// A fixed, low-resolution count.
    Low,
    /// Gemini 3's medium resolution (OpenAI: as `high`).
    Medium,
    /// The full count.
    High,
    /// Gemini 3's ultra-high resolution (OpenAI: as `high`).
    UltraHigh,
}

/// Why an image was resized.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResizeWhy {
    /// Fitted in a `fit`×`fit` square.
    FitSquare(u32),
    /// The short side brought down to this.
    ShortSide(u32),
    /// Shrunk so that at most this many patches cover it, a whole number of patches across its limiting side.
    PatchCap(u64),
    /// The long edge brought down to this.
    LongEdge(u32),
    /// Shrunk to stay within this many tokens.
    TokenCap(u64),
}

/// One resize step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resize {
    /// The size after the step.
    pub to: Size,
    /// Why.
    pub why: ResizeWhy,
}

/// The grid the model sees, in pixels of `over`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Grid {
    /// The image the grid covers (the last resize, or the original).
    pub over: Size,
    /// Columns.
    pub cols: u64,
    /// Rows.
    pub rows: u64,
    /// Cell width (px of `over`).
    pub cell_w: f64,
    /// Cell height (px of `over`).
    pub cell_h: f64,
    /// Tiles (`true`) or patches (`false`).
    pub tiles: bool,
}

impl Grid {
    /// Cells in the grid.
    pub fn cells(&self) -> u64 {
        self.cols.saturating_mul(self.rows)
    }
}

/// How the tokens were added up, with the numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Formula {
    /// `base + per_tile × tiles`.
    Tiles {
        /// Base tokens.
        base: u64,
        /// Tokens per tile.
        per_tile: u64,
        /// Tiles.
        tiles: u64,
    },
    /// `detail: low`: the fixed count.
    Low {
        /// The count.
        tokens: u64,
    },
    /// `⌈patches × multiplier⌉`, patches capped at `cap`.
    Patches {
        /// Patches covering the image.
        patches: u64,
        /// The cap.
        cap: u64,
        /// Tokens per patch.
        multiplier: f64,
    },
    /// `⌈w × h / pixels_per_token⌉`.
    Area {
        /// The size counted.
        size: Size,
        /// Pixels per token.
        pixels_per_token: u64,
    },
    /// A small image's fixed count.
    Small {
        /// The largest side that counts as small.
        small: u32,
        /// The count.
        tokens: u64,
    },
    /// A fixed count per image.
    Fixed {
        /// The count.
        tokens: u64,
    },
}

/// An image's count under one rule.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageCount {
    /// The size the file gives.
    pub original: Size,
    /// Each resize, in order.
    pub steps: Vec<Resize>,
    /// The tiles or patches, where the rule has them.
    pub grid: Option<Grid>,
    /// The sum.
    pub formula: Formula,
    /// Tokens.
    pub tokens: u64,
}

impl ImageCount {
    /// The size the model sees.
    pub fn final_size(&self) -> Size {
        self.steps.last().map_or(self.original, |s| s.to)
    }
}

fn div_ceil(a: u32, b: u32) -> u64 {
    u64::from(a.div_ceil(b.max(1)))
}

/// The tokens of an image of `size` under `method`. A zero-sized image counts as one pixel.
pub fn count_image(method: &ImageMethod, size: Size, detail: Detail) -> ImageCount {
    let original = Size::new(size.w.max(1), size.h.max(1));
    let mut c = ImageCount {
        original,
        steps: Vec::new(),
        grid: None,
        formula: Formula::Fixed { tokens: 0 },
        tokens: 0,
    };
    match *method {
        ImageMethod::OpenaiTiles {
            fit,
            short_side,
            tile,
            base,
            per_tile,
            low,
        } => openai_tiles(&mut c, [fit, short_side, tile], base, per_tile, low, detail),
        ImageMethod::OpenaiPatches {
            patch,
            cap,
            max_dimension,
            multiplier,
        } => openai_patches(&mut c, patch, cap, max_dimension, multiplier),
        ImageMethod::ClaudeArea {
            max_edge,
            max_tokens,
            pixels_per_token,
        } => claude_area(&mut c, max_edge, max_tokens, pixels_per_token),
        ImageMethod::ClaudePatches {
            patch,
            max_edge,
            max_tokens,
        } => claude_patches(&mut c, patch, max_edge, max_tokens),
        ImageMethod::GeminiTiles {
            small,
            small_tokens,
            tile,
            per_tile,
            crop_divisor,
            crop_min,
            crop_max,
        } => {
            let crop = crop_divisor.map(|d| (d, crop_min.unwrap_or(1), crop_max.unwrap_or(tile)));
            gemini_tiles(&mut c, small, small_tokens, tile, per_tile, crop);
        }
        ImageMethod::Fixed {
            tokens,
            low,
            medium,
            high,
            ultra_high,
        } => {
            let tokens = match detail {
                Detail::Auto => None,
                Detail::Low => low,
                Detail::Medium => medium,
                Detail::High => high,
                Detail::UltraHigh => ultra_high,
            }
            .unwrap_or(tokens);
            c.formula = Formula::Fixed { tokens };
            c.tokens = tokens;
        }
    }
    c
}

fn push(c: &mut ImageCount, to: Size, why: ResizeWhy) {
    if to != c.final_size() {
        c.steps.push(Resize { to, why });
    }
}

fn openai_tiles(
    c: &mut ImageCount,
    [fit, short_side, tile]: [u32; 3],
    base: u64,
    per_tile: u64,
    low: u64,
    detail: Detail,
) {
    if detail == Detail::Low {
        c.formula = Formula::Low { tokens: low };
        c.tokens = low;
        return;
    }
    let s = c.original;
    if s.long() > fit {
        push(
            c,
            s.scaled(f64::from(fit) / f64::from(s.long())),
            ResizeWhy::FitSquare(fit),
        );
    }
    let s = c.final_size();
    if s.short() > short_side {
        push(
            c,
            s.scaled(f64::from(short_side) / f64::from(s.short())),
            ResizeWhy::ShortSide(short_side),
        );
    }
    let over = c.final_size();
    let (cols, rows) = (div_ceil(over.w, tile), div_ceil(over.h, tile));
    c.grid = Some(Grid {
        over,
        cols,
        rows,
        cell_w: f64::from(tile),
        cell_h: f64::from(tile),
        tiles: true,
    });
    let tiles = cols * rows;
    c.formula = Formula::Tiles {
        base,
        per_tile,
        tiles,
    };
    c.tokens = base.saturating_add(per_tile.saturating_mul(tiles));
}

/// OpenAI's patch rule, in whole numbers where the published steps allow: the image is first fitted in
/// `max_dimension`; when more than `cap` patches would then cover it, it is shrunk by `√(patch² × cap / (w × h))`,
/// then a little more so that its limiting side is a whole number of patches; that side is then exactly
/// `n × patch` pixels and the other side follows the ratio, rounded down.
fn openai_patches(
    c: &mut ImageCount,
    patch: u32,
    cap: Option<u64>,
    max_dimension: Option<u32>,
    multiplier: Option<f64>,
) {
    if let Some(max) = max_dimension
        && c.original.long() > max
    {
        let s = c.original;
        push(
            c,
            s.scaled(f64::from(max) / f64::from(s.long())),
            ResizeWhy::FitSquare(max),
        );
    }
    let s = c.final_size();
    let raw = div_ceil(s.w, patch) * div_ceil(s.h, patch);
    if let Some(cap) = cap
        && raw > cap
    {
        let p = f64::from(patch);
        let shrink = (p * p * cap as f64 / s.area() as f64).sqrt();
        let (fw, fh) = (f64::from(s.w) * shrink / p, f64::from(s.h) * shrink / p);
        let (nw, nh) = ((fw + 1e-9).floor().max(1.0), (fh + 1e-9).floor().max(1.0));
        let to = if nw / fw <= nh / fh {
            // Width limits: it becomes nw patches exactly.
            let w = (nw * p) as u32;
            let h = (f64::from(s.h) * nw * p / f64::from(s.w) + 1e-9).floor() as u32;
            Size::new(w, h.max(1))
        } else {
            let h = (nh * p) as u32;
            let w = (f64::from(s.w) * nh * p / f64::from(s.h) + 1e-9).floor() as u32;
            Size::new(w.max(1), h)
        };
        push(c, to, ResizeWhy::PatchCap(cap));
    }
    let over = c.final_size();
    let (cols, rows) = (div_ceil(over.w, patch), div_ceil(over.h, patch));
    let patches = cap.map_or(cols * rows, |cap| (cols * rows).min(cap));
    c.grid = Some(Grid {
        over,
        cols,
        rows,
        cell_w: f64::from(patch),
        cell_h: f64::from(patch),
        tiles: false,
    });
    let multiplier = multiplier.unwrap_or(1.0);
    c.formula = Formula::Patches {
        patches,
        cap: cap.unwrap_or(u64::MAX),
        multiplier,
    };
    c.tokens = times(patches, multiplier);
}

/// `n × m` rounded up, computed so that 1024 × 1.62 is 1659 and not 1658.88… off by float noise.
fn times(n: u64, m: f64) -> u64 {
    let exact = n as f64 * m;
    (exact - 1e-6).ceil().max(0.0) as u64
}

fn claude_area(c: &mut ImageCount, max_edge: u32, max_tokens: u64, ppt: u64) {
    let s = c.original;
    if s.long() > max_edge {
        push(
            c,
            s.scaled(f64::from(max_edge) / f64::from(s.long())),
            ResizeWhy::LongEdge(max_edge),
        );
    }
    let s = c.final_size();
    if s.area().div_ceil(ppt) > max_tokens {
        let k = ((max_tokens * ppt) as f64 / s.area() as f64).sqrt();
        push(c, s.scaled(k), ResizeWhy::TokenCap(max_tokens));
    }
    let size = c.final_size();
    c.formula = Formula::Area {
        size,
        pixels_per_token: ppt,
    };
    c.tokens = size.area().div_ceil(ppt);
}

/// Anthropic's reference resize: the largest aspect-preserving size whose sides, padded to whole patches, stay
/// within `max_edge` and whose patches stay within `max_tokens`; found by bisection on the long edge, the short
/// edge rounded half to even, as the vision-coordinates page's reference code does.
fn claude_patches(c: &mut ImageCount, patch: u32, max_edge: u32, max_tokens: u64) {
    let padded = |v: u32| div_ceil(v, patch) * u64::from(patch);
    let fits = |s: Size| {
        padded(s.w) <= u64::from(max_edge)
            && padded(s.h) <= u64::from(max_edge)
            && div_ceil(s.w, patch) * div_ceil(s.h, patch) <= max_tokens
    };
    let s = c.original;
    if !fits(s) {
        let (long, short) = (s.long(), s.short());
        let at = |l: u32| {
            let sh = ((f64::from(short) * f64::from(l) / f64::from(long)).round_ties_even() as u32)
                .max(1);
            if s.w >= s.h {
                Size::new(l, sh)
            } else {
                Size::new(sh, l)
            }
        };
        let (mut lo, mut hi) = (1u32, long);
        while lo < hi {
            let mid = lo + (hi - lo).div_ceil(2);
            if fits(at(mid)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        // Whichever limit stopped the search: the edge (the longest side the padding allows) or the tokens.
        let edge_cap = (max_edge / patch.max(1) * patch).min(long);
        let why = if lo >= edge_cap {
            ResizeWhy::LongEdge(max_edge)
        } else {
            ResizeWhy::TokenCap(max_tokens)
        };
        push(c, at(lo), why);
    }
    let over = c.final_size();
    let (cols, rows) = (div_ceil(over.w, patch), div_ceil(over.h, patch));
    c.grid = Some(Grid {
        over,
        cols,
        rows,
        cell_w: f64::from(patch),
        cell_h: f64::from(patch),
        tiles: false,
    });
    c.formula = Formula::Patches {
        patches: cols * rows,
        cap: max_tokens,
        multiplier: 1.0,
    };
    c.tokens = cols * rows;
}

fn gemini_tiles(
    c: &mut ImageCount,
    small: u32,
    small_tokens: u64,
    tile: u32,
    per_tile: u64,
    crop: Option<(f64, u32, u32)>,
) {
    let s = c.original;
    if s.long() <= small {
        c.formula = Formula::Small {
            small,
            tokens: small_tokens,
        };
        c.tokens = small_tokens;
        return;
    }
    let unit = match crop {
        Some((divisor, lo, hi)) => ((f64::from(s.short()) / divisor).floor() as u32).clamp(lo, hi),
        None => tile,
    };
    let (cols, rows) = (div_ceil(s.w, unit), div_ceil(s.h, unit));
    c.grid = Some(Grid {
        over: s,
        cols,
        rows,
        cell_w: f64::from(unit),
        cell_h: f64::from(unit),
        tiles: true,
    });
    let tiles = cols * rows;
    c.formula = Formula::Tiles {
        base: 0,
        per_tile,
        tiles,
    };
    c.tokens = per_tile.saturating_mul(tiles);
}
