//! The media counts put into words: each resize step and the formula with its numbers, in the user's language.

use super::{Formula, ImageCount, Resize, ResizeWhy};
use crate::i18n::{Worded, Words};

impl Worded for Resize {
    fn words(&self) -> Words {
        let w = match self.why {
            ResizeWhy::FitSquare(px) => words!("ai.media.step.fit").with("px", px),
            ResizeWhy::ShortSide(px) => words!("ai.media.step.short_side").with("px", px),
            ResizeWhy::PatchCap(cap) => words!("ai.media.step.patch_cap").with("cap", cap),
            ResizeWhy::LongEdge(px) => words!("ai.media.step.long_edge").with("px", px),
            ResizeWhy::TokenCap(max) => words!("ai.media.step.token_cap").with("max", max),
        };
        w.with("to", self.to)
    }
}

impl ImageCount {
    /// The sum with its numbers, such as `85 + 170 × 4 tiles = 765`.
    pub fn formula_words(&self) -> Words {
        let tokens = self.tokens;
        match self.formula {
            Formula::Tiles {
                base: 0,
                per_tile,
                tiles,
            } => words!("ai.media.formula.tiles_only")
                .with("per_tile", per_tile)
                .with("tiles", tiles),
            Formula::Tiles {
                base,
                per_tile,
                tiles,
            } => words!("ai.media.formula.tiles")
                .with("base", base)
                .with("per_tile", per_tile)
                .with("tiles", tiles),
            Formula::Low { .. } => words!("ai.media.formula.low"),
            Formula::Patches {
                patches,
                multiplier,
                ..
            } if (multiplier - 1.0).abs() < f64::EPSILON => {
                words!("ai.media.formula.patches_one").with("patches", patches)
            }
            Formula::Patches {
                patches,
                multiplier,
                ..
            } => words!("ai.media.formula.patches")
                .with("patches", patches)
                .with("multiplier", multiplier),
            Formula::Area {
                size,
                pixels_per_token,
            } => words!("ai.media.formula.area")
                .with("w", size.w)
                .with("h", size.h)
                .with("ppt", pixels_per_token),
            Formula::Small { small, .. } => words!("ai.media.formula.small").with("px", small),
            Formula::Fixed { .. } => words!("ai.media.formula.fixed"),
        }
        .with("tokens", tokens)
    }
}
