//! The palette: the only place colours are made. Span kinds are semantic; this maps them to colours per theme.
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

    /// Secondary text.
    pub fn weak(self) -> Color32 {
        if self.dark {
            Color32::from_gray(150)
        } else {
            Color32::from_gray(95)
        }
    }

    /// Foreground of a span kind in the highlight widget.
    pub fn span_fg(self, kind: SpanKind) -> Color32 {
        let (light, dark) = match kind {
            SpanKind::JwtHeader => ((0xc2, 0x00, 0x45), (0xff, 0x6b, 0x9a)),
            SpanKind::JwtPayload | SpanKind::ClaimValue => ((0x8a, 0x1f, 0xb8), (0xd9, 0x8c, 0xff)),
            SpanKind::JwtSignature => ((0x00, 0x66, 0x99), (0x4c, 0xc9, 0xff)),
            SpanKind::JwtDot => ((0x40, 0x40, 0x40), (0xc0, 0xc0, 0xc0)),
            SpanKind::JweEncryptedKey => ((0xa3, 0x5a, 0x00), (0xff, 0xb8, 0x5c)),
            SpanKind::JweIv => ((0x2e, 0x7d, 0x32), (0x81, 0xd6, 0x85)),
            SpanKind::JweCiphertext => ((0x8a, 0x1f, 0xb8), (0xd9, 0x8c, 0xff)),
            SpanKind::JweTag => ((0x00, 0x74, 0xa8), (0x4c, 0xc9, 0xff)),
            SpanKind::Stripped => ((0x90, 0x90, 0x90), (0x80, 0x80, 0x80)),
            SpanKind::Error => ((0xb0, 0x00, 0x20), (0xff, 0x70, 0x70)),
            SpanKind::ClaimKey => ((0x1a, 0x4f, 0x9c), (0x8c, 0xb8, 0xff)),
            SpanKind::AiSpecial => ((0x6a, 0x1b, 0x9a), (0xe1, 0xbe, 0xe7)),
            SpanKind::LedgerSelector => ((0xc2, 0x00, 0x45), (0xff, 0x6b, 0x9a)),
            SpanKind::LedgerAddress => ((0x00, 0x74, 0xa8), (0x4c, 0xc9, 0xff)),
            SpanKind::LedgerAmount => ((0x2e, 0x7d, 0x32), (0x81, 0xd6, 0x85)),
            SpanKind::LedgerNonce => ((0xa3, 0x5a, 0x00), (0xff, 0xb8, 0x5c)),
            SpanKind::LedgerSignature => ((0x8a, 0x1f, 0xb8), (0xd9, 0x8c, 0xff)),
            SpanKind::LedgerHash => ((0x1a, 0x4f, 0x9c), (0x8c, 0xb8, 0xff)),
            SpanKind::LedgerPrefix => ((0x90, 0x90, 0x90), (0x80, 0x80, 0x80)),
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

    /// Fill for linked or selected spans.
    pub fn emphasis_fill(self) -> Color32 {
        if self.dark {
            Color32::from_rgba_unmultiplied(255, 214, 0, 60)
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

    /// Wavy-error underline colour.
    pub fn error(self) -> Color32 {
        self.span_fg(SpanKind::Error)
    }

    /// Good news.
    pub fn ok(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(0x66, 0xd1, 0x7a)
        } else {
            Color32::from_rgb(0x1b, 0x7a, 0x33)
        }
    }

    /// A warning.
    pub fn warn(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(0xff, 0xc1, 0x4d)
        } else {
            Color32::from_rgb(0x9a, 0x5b, 0x00)
        }
    }

    /// Neutral information.
    pub fn info(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(0x7a, 0xb8, 0xff)
        } else {
            Color32::from_rgb(0x1a, 0x5f, 0xb4)
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

    /// Text colour used while an old result is shown dimmed.
    pub fn dim(self, c: Color32) -> Color32 {
        c.gamma_multiply(0.45)
    }
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
mod tests {
    use super::*;

    fn luminance(c: Color32) -> f32 {
        let f = |v: u8| {
            let v = v as f32 / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * f(c.r()) + 0.7152 * f(c.g()) + 0.0722 * f(c.b())
    }

    fn contrast(a: Color32, b: Color32) -> f32 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn span_text_is_readable_on_its_background_in_both_themes() {
        for dark in [false, true] {
            let p = Palette { dark };
            for kind in [
                SpanKind::JwtHeader,
                SpanKind::JwtPayload,
                SpanKind::JwtSignature,
                SpanKind::ClaimKey,
                SpanKind::ClaimValue,
                SpanKind::Error,
            ] {
                for alt in [false, true] {
                    let ratio = contrast(p.span_fg(kind), p.span_bg(kind, None, alt));
                    assert!(
                        ratio >= 4.5,
                        "{kind:?} dark={dark} alt={alt}: contrast {ratio:.2} < 4.5 (WCAG AA)"
                    );
                }
            }
            for tag in 0..200 {
                let ratio = contrast(p.text(), p.token_bg(tag));
                assert!(ratio >= 4.5, "token {tag} dark={dark}: contrast {ratio:.2}");
            }
        }
    }

    #[test]
    fn token_colours_follow_the_id_not_the_position() {
        let p = Palette { dark: false };
        // The tag packs (position << 32) | id: the same id at two positions gets one colour.
        let (here, there) = (crate::ai::pack_tag(7, 42), crate::ai::pack_tag(900, 42));
        assert_eq!(p.token_bg(here), p.token_bg(there));
        let distinct: std::collections::HashSet<_> = (0..64).map(|id| p.token_bg(id)).collect();
        assert!(
            distinct.len() > 60,
            "ids get their own colours: {}",
            distinct.len()
        );
        let shades: std::collections::HashSet<_> = (0..64)
            .map(|id| {
                let [r, g, b, _] = p.token_bg(id).to_array();
                u16::from(r) + u16::from(g) + u16::from(b) > 3 * 0xD0
            })
            .collect();
        assert_eq!(shades.len(), 2, "both shades are used");
    }
}
