//! The palette: the only place colours are made. Span kinds are semantic; this maps them to colours per theme.
//! Every text colour here is chosen to meet WCAG AA (4.5:1) on the backgrounds it is drawn on; the tests in
//! `theme/tests.rs` measure each pair, in both themes, with egui's own visuals as tuned by [`install`].
#![expect(
    clippy::disallowed_methods,
    reason = "the palette is the one place that constructs colours"
)]

use egui::{Color32, Stroke};

use crate::session::{Severity, Status};
use crate::text::SpanKind;

/// Colours for one theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// Dark theme?
    pub dark: bool,
}

impl Palette {
    /// The palette for the current visuals.
    pub fn of(ui: &egui::Ui) -> Self {
        Self {
            dark: ui.visuals().dark_mode,
        }
    }

    /// Normal text.
    pub fn text(self) -> Color32 {
        if self.dark {
            Color32::from_gray(225)
        } else {
            Color32::from_gray(25)
        }
    }

    /// Secondary text (also egui's weak text once [`install`] ran): distinct from [`Self::text`], yet 4.5:1 on
    /// every panel and span background.
    pub fn weak(self) -> Color32 {
        if self.dark {
            Color32::from_gray(160)
        } else {
            Color32::from_gray(92)
        }
    }

    /// Foreground of a span kind in the highlight widget.
    pub fn span_fg(self, kind: SpanKind) -> Color32 {
        let (light, dark) = match kind {
            SpanKind::JwtHeader => ((0xba, 0x00, 0x42), (0xff, 0x75, 0xa1)),
            SpanKind::JwtPayload | SpanKind::ClaimValue => ((0x8a, 0x1f, 0xb8), (0xd9, 0x8c, 0xff)),
            SpanKind::JwtSignature => ((0x00, 0x62, 0x93), (0x4c, 0xc9, 0xff)),
            SpanKind::JwtDot => ((0x40, 0x40, 0x40), (0xc0, 0xc0, 0xc0)),
            SpanKind::JweEncryptedKey => ((0x8b, 0x4d, 0x00), (0xff, 0xb8, 0x5c)),
            SpanKind::JweIv => ((0x27, 0x69, 0x2a), (0x81, 0xd6, 0x85)),
            SpanKind::JweCiphertext => ((0x8a, 0x1f, 0xb8), (0xd9, 0x8c, 0xff)),
            SpanKind::JweTag => ((0x00, 0x62, 0x8e), (0x4c, 0xc9, 0xff)),
            SpanKind::Stripped | SpanKind::LedgerPrefix => return self.weak(),
            SpanKind::Error => ((0xb0, 0x00, 0x20), (0xff, 0x90, 0x90)),
            SpanKind::ClaimKey => ((0x1a, 0x4f, 0x9c), (0x8c, 0xb8, 0xff)),
            SpanKind::AiSpecial => ((0x6a, 0x1b, 0x9a), (0xe1, 0xbe, 0xe7)),
            SpanKind::LedgerSelector => ((0xba, 0x00, 0x42), (0xff, 0x75, 0xa1)),
            SpanKind::LedgerAddress => ((0x00, 0x62, 0x8e), (0x4c, 0xc9, 0xff)),
            SpanKind::LedgerAmount => ((0x27, 0x69, 0x2a), (0x81, 0xd6, 0x85)),
            SpanKind::LedgerNonce => ((0x8b, 0x4d, 0x00), (0xff, 0xb8, 0x5c)),
            SpanKind::LedgerSignature => ((0x8a, 0x1f, 0xb8), (0xd9, 0x8c, 0xff)),
            SpanKind::LedgerHash => ((0x1a, 0x4f, 0x9c), (0x8c, 0xb8, 0xff)),
            SpanKind::AiToken | SpanKind::AiByteGroup | SpanKind::LedgerField => {
                return self.text();
            }
        };
        let (r, g, b) = if self.dark { dark } else { light };
        Color32::from_rgb(r, g, b)
    }

    /// Background of a span: alternating shades keep neighbouring spans apart without relying on hue.
    pub fn span_bg(self, kind: SpanKind, tag: Option<u64>, alternate: bool) -> Color32 {
        match kind {
            SpanKind::AiToken | SpanKind::AiByteGroup => self.token_bg(tag.unwrap_or(0)),
            SpanKind::AiSpecial => {
                if self.dark {
                    Color32::from_rgb(0x4a, 0x23, 0x5a)
                } else {
                    Color32::from_rgb(0xf3, 0xe5, 0xf5)
                }
            }
            SpanKind::Error => {
                if self.dark {
                    Color32::from_rgb(0x5a, 0x1a, 0x1a)
                } else {
                    Color32::from_rgb(0xff, 0xe0, 0xe0)
                }
            }
            SpanKind::JwtDot | SpanKind::Stripped => Color32::TRANSPARENT,
            _ => {
                let v = match (self.dark, alternate) {
                    (true, false) => 0x26,
                    (true, true) => 0x33,
                    (false, false) => 0xf7,
                    (false, true) => 0xea,
                };
                Color32::from_gray(v)
            }
        }
    }

    /// A pastel that depends on the AI token id alone (the low 32 bits of the tag; the AI core packs the token's
    /// position above it), so a token has the same colour wherever it occurs. Hue and one of two shades come from
    /// a hash of the id; the widget's separator lines keep neighbours apart when two colours come out close.
    pub fn token_bg(self, tag: u64) -> Color32 {
        let h = (tag & 0xFFFF_FFFF).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let hue = ((h >> 40) as f32) / (1u64 << 24) as f32;
        let shade = h & (1 << 20) != 0;
        let (s, l) = match (self.dark, shade) {
            (false, false) => (0.75, 0.86),
            (false, true) => (0.75, 0.78),
            (true, false) => (0.40, 0.20),
            (true, true) => (0.40, 0.27),
        };
        hsl(hue, s, l)
    }

    /// Outline of a special-token pill.
    pub fn special_outline(self) -> Stroke {
        let (r, g, b) = if self.dark {
            (0xce, 0x93, 0xd8)
        } else {
            (0x8e, 0x24, 0xaa)
        };
        Stroke::new(1.5, Color32::from_rgb(r, g, b))
    }

    /// Thin separator drawn at span boundaries.
    pub fn separator(self) -> Stroke {
        Stroke::new(
            1.0,
            if self.dark {
                Color32::from_gray(110)
            } else {
                Color32::from_gray(150)
            },
        )
    }

    /// Fill for linked or selected spans. In the dark theme it darkens (a warm brown) rather than lightens, so
    /// coloured span text on it keeps 4.5:1; [`Self::emphasis_stroke`] carries the yellow.
    pub fn emphasis_fill(self) -> Color32 {
        if self.dark {
            Color32::from_rgba_unmultiplied(72, 48, 0, 204)
        } else {
            Color32::from_rgba_unmultiplied(255, 193, 7, 90)
        }
    }

    /// Outline for linked, selected or hovered spans.
    pub fn emphasis_stroke(self) -> Stroke {
        Stroke::new(
            1.5,
            if self.dark {
                Color32::from_rgb(255, 214, 0)
            } else {
                Color32::from_rgb(204, 120, 0)
            },
        )
    }

    /// Lines drawn over a picture (the tile or patch grid): a dark casing under a light line, so the grid shows
    /// on any image in either theme.
    pub fn over_image(self) -> (Stroke, Stroke) {
        (
            Stroke::new(3.0, Color32::from_black_alpha(170)),
            Stroke::new(1.0, Color32::from_rgb(255, 214, 0)),
        )
    }

    /// Fill behind labels drawn over a picture.
    pub fn over_image_label_fill(self) -> Color32 {
        Color32::from_black_alpha(190)
    }

    /// Text of labels drawn over a picture.
    pub fn over_image_label_text(self) -> Color32 {
        Color32::from_gray(245)
    }

    /// Wavy-error underline colour.
    pub fn error(self) -> Color32 {
        self.span_fg(SpanKind::Error)
    }

    /// Good news.
    pub fn ok(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(0x66, 0xd1, 0x7a)
        } else {
            Color32::from_rgb(0x10, 0x66, 0x2a)
        }
    }

    /// A warning.
    pub fn warn(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(0xff, 0xc1, 0x4d)
        } else {
            Color32::from_rgb(0x85, 0x4a, 0x00)
        }
    }

    /// Neutral information.
    pub fn info(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(0x7a, 0xb8, 0xff)
        } else {
            Color32::from_rgb(0x16, 0x58, 0xa8)
        }
    }

    /// Colour of a finding's severity.
    pub fn severity(self, s: Severity) -> Color32 {
        match s {
            Severity::Critical => self.error(),
            Severity::Warning => self.warn(),
            Severity::Info => self.info(),
        }
    }

    /// Colour of a verification status.
    pub fn status(self, s: Status) -> Color32 {
        match s {
            Status::Valid => self.ok(),
            Status::Invalid | Status::Unsigned | Status::KeyMismatch => self.error(),
            Status::NotChecked | Status::Unsupported => self.warn(),
        }
    }

    /// Text colour used while an old result is shown dimmed: the grey of the same luminance. The colour goes, the
    /// contrast stays (a translucent colour would fall below 4.5:1); the caller fades the backgrounds instead.
    pub fn dim(self, c: Color32) -> Color32 {
        let grey = egui::ecolor::gamma_u8_from_linear_f32(luminance(c.to_opaque()));
        Color32::from_gray(grey)
    }

    /// The tint behind a card whose state has colour `c` (a block that meets or misses its target). Text in
    /// [`Self::ok`], [`Self::warn`], [`Self::error`], [`Self::weak`] and [`Self::text`] stays readable on it.
    pub fn card_fill(self, c: Color32) -> Color32 {
        c.gamma_multiply(0.12)
    }

    /// The context bar's empty track.
    pub fn meter_track(self) -> Color32 {
        if self.dark {
            Color32::from_gray(10)
        } else {
            Color32::WHITE
        }
    }

    /// The context bar's filled share; `over` when the prompt no longer fits. Both differ from the track by 3:1
    /// (WCAG non-text contrast), and [`Self::meter_text`] reads at 4.5:1 on them and on the track alike, so the
    /// label can straddle the end of the fill.
    pub fn meter_fill(self, over: bool) -> Color32 {
        let (r, g, b) = match (self.dark, over) {
            (false, false) => (0x4f, 0x8a, 0xd9),
            (false, true) => (0xe0, 0x60, 0x60),
            (true, false) => (0x2a, 0x68, 0xb0),
            (true, true) => (0xb8, 0x38, 0x38),
        };
        Color32::from_rgb(r, g, b)
    }

    /// The context bar's label, drawn over the fill and the track.
    pub fn meter_text(self) -> Color32 {
        if self.dark {
            Color32::WHITE
        } else {
            self.text()
        }
    }

    /// The context bar's outline, so the white track shows on the light panel.
    pub fn meter_outline(self) -> Stroke {
        Stroke::new(1.0, self.weak())
    }

    /// Translucent background of selected text in an editor, drawn over the token colours: the selection shows
    /// on every token background, and [`Self::text`] stays readable on top of it.
    pub fn selection_fill(self) -> Color32 {
        if self.dark {
            Color32::from_rgba_unmultiplied(0x00, 0x00, 0xc0, 179)
        } else {
            Color32::from_rgba_unmultiplied(0x00, 0xe0, 0xe0, 102)
        }
    }

    /// The text caret of an editor: 4.5:1 on the editor, every token background and the selection.
    pub fn caret(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(0xa0, 0xe8, 0xff)
        } else {
            Color32::from_rgb(0x00, 0x20, 0x60)
        }
    }

    /// Fit egui's own visuals to the palette: labels in [`Self::text`], weak text in [`Self::weak`] (egui's
    /// default, text at 60 % alpha, is under 3:1), links and egui's warnings in palette colours, and a lighter
    /// pressed button in the light theme so coloured button text stays readable while pressed.
    pub fn tune_visuals(self, v: &mut egui::Visuals) {
        v.widgets.noninteractive.fg_stroke.color = self.text();
        v.weak_text_color = Some(self.weak());
        v.hyperlink_color = self.info();
        v.warn_fg_color = self.warn();
        v.error_fg_color = self.error();
        if !self.dark {
            v.widgets.active.weak_bg_fill = Color32::from_gray(210);
        }
    }
}

/// Tune egui's dark and light styles to the palette (see [`Palette::tune_visuals`]). Idempotent.
pub fn install(ctx: &egui::Context) {
    ctx.all_styles_mut(|s| {
        Palette {
            dark: s.visuals.dark_mode,
        }
        .tune_visuals(&mut s.visuals);
    });
}

/// WCAG 2 relative luminance of an opaque colour, 0 (black) to 1 (white).
pub fn luminance(c: Color32) -> f32 {
    let f = |v: u8| egui::ecolor::linear_f32_from_gamma_u8(v);
    0.2126 * f(c.r()) + 0.7152 * f(c.g()) + 0.0722 * f(c.b())
}

/// WCAG 2 contrast ratio of two opaque colours, 1 to 21. AA asks 4.5 for text and 3 for other marks.
///
/// ```
/// use egui::Color32;
/// use tokenlens::ui::theme::contrast_ratio;
/// assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
/// assert!((contrast_ratio(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.01);
/// ```
pub fn contrast_ratio(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn hsl(h: f32, s: f32, l: f32) -> Color32 {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let hp = h * 6.0;
    let x = c * (1.0 - (hp % 2.0 - 1.0).abs());
    let (r, g, b) = match hp as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = l - c / 2.0;
    let to = |v: f32| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    Color32::from_rgb(to(r), to(g), to(b))
}

#[cfg(test)]
mod tests;
