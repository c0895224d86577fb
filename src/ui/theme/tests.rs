//! Contrast of every text/background pair the palette makes, in both themes, measured against egui's own visuals
//! as [`super::install`] tunes them. WCAG AA: 4.5:1 for text, 3:1 for marks (bars, caret, outlines).

use egui::{Color32, Visuals};

use super::*;

const AA_TEXT: f32 = 4.5;
const AA_MARK: f32 = 3.0;

/// egui's visuals for a theme, tuned as the app tunes them.
fn visuals(dark: bool) -> Visuals {
    let mut v = if dark {
        Visuals::dark()
    } else {
        Visuals::light()
    };
    Palette { dark }.tune_visuals(&mut v);
    v
}

/// The opaque surfaces text sits on: panels, windows and popups, text inputs and striped grid rows.
fn surfaces(v: &Visuals) -> Vec<(&'static str, Color32)> {
    vec![
        ("panel", v.panel_fill),
        ("window", v.window_fill),
        ("input", v.text_edit_bg_color()),
        ("striped row", v.panel_fill.blend(v.faint_bg_color)),
    ]
}

/// Collects every pair under its minimum, so one run names all of them.
#[derive(Default)]
struct Check {
    failures: Vec<String>,
    pairs: usize,
    lowest: Option<(f32, String)>,
}

impl Check {
    fn pair(&mut self, what: &str, fg: Color32, bg: Color32, min: f32) {
        assert!(
            bg.is_opaque(),
            "{what}: background {bg:?} must be composited first"
        );
        let ratio = contrast_ratio(fg, bg);
        self.pairs += 1;
        if self.lowest.as_ref().is_none_or(|(r, _)| ratio < *r) {
            self.lowest = Some((ratio, what.to_owned()));
        }
        if ratio < min {
            self.failures
                .push(format!("{what}: {fg:?} on {bg:?} is {ratio:.2}:1 < {min}"));
        }
    }

    fn text(&mut self, what: &str, fg: Color32, bg: Color32) {
        self.pair(what, fg, bg, AA_TEXT);
    }

    fn done(self) {
        assert!(self.pairs > 0, "something was measured");
        assert!(
            self.failures.is_empty(),
            "{} of {} pairs under WCAG AA:\n{}",
            self.failures.len(),
            self.pairs,
            self.failures.join("\n")
        );
    }
}

fn all_statuses() -> [Status; 6] {
    // A new variant fails to compile here until it is listed (and so measured).
    let listed = |s: Status| match s {
        Status::Valid
        | Status::Invalid
        | Status::Unsigned
        | Status::KeyMismatch
        | Status::NotChecked
        | Status::Unsupported => s,
    };
    [
        Status::Valid,
        Status::Invalid,
        Status::Unsigned,
        Status::KeyMismatch,
        Status::NotChecked,
        Status::Unsupported,
    ]
    .map(listed)
}

fn all_severities() -> [Severity; 3] {
    let listed = |s: Severity| match s {
        Severity::Critical | Severity::Warning | Severity::Info => s,
    };
    [Severity::Critical, Severity::Warning, Severity::Info].map(listed)
}

fn all_kinds() -> Vec<SpanKind> {
    let listed = |k: SpanKind| match k {
        SpanKind::Stripped
        | SpanKind::Error
        | SpanKind::JwtHeader
        | SpanKind::JwtPayload
        | SpanKind::JwtSignature
        | SpanKind::JwtDot
        | SpanKind::JweEncryptedKey
        | SpanKind::JweIv
        | SpanKind::JweCiphertext
        | SpanKind::JweTag
        | SpanKind::ClaimKey
        | SpanKind::ClaimValue
        | SpanKind::AiToken
        | SpanKind::AiSpecial
        | SpanKind::AiByteGroup
        | SpanKind::LedgerSelector
        | SpanKind::LedgerAddress
        | SpanKind::LedgerAmount
        | SpanKind::LedgerNonce
        | SpanKind::LedgerSignature
        | SpanKind::LedgerHash
        | SpanKind::LedgerPrefix
        | SpanKind::LedgerField => k,
    };
    [
        SpanKind::Stripped,
        SpanKind::Error,
        SpanKind::JwtHeader,
        SpanKind::JwtPayload,
        SpanKind::JwtSignature,
        SpanKind::JwtDot,
        SpanKind::JweEncryptedKey,
        SpanKind::JweIv,
        SpanKind::JweCiphertext,
        SpanKind::JweTag,
        SpanKind::ClaimKey,
        SpanKind::ClaimValue,
        SpanKind::AiToken,
        SpanKind::AiSpecial,
        SpanKind::AiByteGroup,
        SpanKind::LedgerSelector,
        SpanKind::LedgerAddress,
        SpanKind::LedgerAmount,
        SpanKind::LedgerNonce,
        SpanKind::LedgerSignature,
        SpanKind::LedgerHash,
        SpanKind::LedgerPrefix,
        SpanKind::LedgerField,
    ]
    .into_iter()
    .map(listed)
    .collect()
}

/// Every (what, foreground, background-before-the-editor) a span can be painted with: each kind, both alternate
/// shades, and for AI tokens 300 ids.
fn span_paints(p: Palette) -> Vec<(String, Color32, Color32)> {
    let mut out = Vec::new();
    for kind in all_kinds() {
        let tags: Vec<Option<u64>> = match kind {
            SpanKind::AiToken | SpanKind::AiByteGroup => (0..300).map(Some).collect(),
            _ => vec![None],
        };
        for tag in tags {
            for alt in [false, true] {
                out.push((
                    format!("{kind:?} tag={tag:?} alt={alt}"),
                    p.span_fg(kind),
                    p.span_bg(kind, tag, alt),
                ));
            }
        }
    }
    out
}

#[test]
fn contrast_ratio_matches_known_values() {
    // WebAIM's contrast checker: #767676 on white is 4.54:1, the lightest grey that passes AA.
    let grey = Color32::from_gray(0x76);
    assert!((contrast_ratio(grey, Color32::WHITE) - 4.54).abs() < 0.01);
    assert!(contrast_ratio(Color32::from_gray(0x77), Color32::WHITE) < 4.5);
    assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
    // #ff0000 on white is 4.00:1.
    assert!((contrast_ratio(Color32::RED, Color32::WHITE) - 4.0).abs() < 0.01);
}

#[test]
fn egui_text_is_readable_on_every_surface_after_install() {
    let mut c = Check::default();
    for dark in [false, true] {
        let v = visuals(dark);
        let t = if dark { "dark" } else { "light" };
        for (surface, bg) in surfaces(&v) {
            c.text(&format!("{t} label on {surface}"), v.text_color(), bg);
            c.text(
                &format!("{t} weak label on {surface}"),
                v.weak_text_color(),
                bg,
            );
            c.text(&format!("{t} link on {surface}"), v.hyperlink_color, bg);
        }
        // Weak text stays weaker than normal text.
        let apart = contrast_ratio(v.text_color(), v.weak_text_color());
        assert!(
            apart >= 1.5,
            "{t}: weak and normal text differ ({apart:.2})"
        );
        let w = &v.widgets;
        for (state, wv) in [
            ("inactive", w.inactive),
            ("hovered", w.hovered),
            ("active", w.active),
            ("open", w.open),
        ] {
            c.text(
                &format!("{t} {state} button"),
                wv.fg_stroke.color,
                wv.weak_bg_fill,
            );
        }
        // Selected buttons, and egui's own progress bars (tokenizing, comparing): text on fill and on track.
        c.text(
            &format!("{t} selected"),
            v.selection.stroke.color,
            v.selection.bg_fill,
        );
        c.text(
            &format!("{t} egui progress track"),
            v.selection.stroke.color,
            v.extreme_bg_color,
        );
        // A claim name linked to its base64 (decoder): label text on the emphasis fill.
        c.text(
            &format!("{t} label on emphasis"),
            v.text_color(),
            v.panel_fill.blend(Palette { dark }.emphasis_fill()),
        );
    }
    c.done();
}

#[test]
fn status_and_severity_badges_are_readable_wherever_they_are_drawn() {
    let mut c = Check::default();
    for dark in [false, true] {
        let p = Palette { dark };
        let v = visuals(dark);
        let t = if dark { "dark" } else { "light" };
        let mut colours: Vec<(String, Color32)> = vec![
            ("ok".into(), p.ok()),
            ("warn".into(), p.warn()),
            ("error".into(), p.error()),
            ("info".into(), p.info()),
            ("weak".into(), p.weak()),
            ("text".into(), p.text()),
        ];
        colours.extend(all_statuses().map(|s| (format!("status {s:?}"), p.status(s))));
        colours.extend(all_severities().map(|s| (format!("severity {s:?}"), p.severity(s))));
        let mut backgrounds = surfaces(&v);
        // Classic ledger cards are tinted with their verdict's colour (or weak on the Hash page).
        for (tint, c) in [("ok", p.ok()), ("error", p.error()), ("weak", p.weak())] {
            backgrounds.push((
                match tint {
                    "ok" => "ok card",
                    "error" => "error card",
                    _ => "weak card",
                },
                v.panel_fill.blend(p.card_fill(c)),
            ));
        }
        for (name, fg) in &colours {
            for (bg_name, bg) in &backgrounds {
                c.text(&format!("{t} {name} on {bg_name}"), *fg, *bg);
                // The chain summary dims its old verdict while a worker checks the new one.
                c.text(&format!("{t} dimmed {name} on {bg_name}"), p.dim(*fg), *bg);
            }
        }
        // The ledger's block strip colours button text by status: idle, hovered and pressed.
        let w = &v.widgets;
        for (name, fg) in [
            ("ok", p.ok()),
            ("error", p.error()),
            ("warn", p.warn()),
            ("info", p.info()),
        ] {
            for (state, bg) in [
                ("idle", w.inactive.weak_bg_fill),
                ("hovered", w.hovered.weak_bg_fill),
                ("pressed", w.active.weak_bg_fill),
            ] {
                c.text(&format!("{t} {name} on {state} button"), fg, bg);
            }
        }
    }
    c.done();
}

#[test]
fn span_text_is_readable_on_its_background_in_every_state() {
    let mut c = Check::default();
    for dark in [false, true] {
        let p = Palette { dark };
        let v = visuals(dark);
        let t = if dark { "dark" } else { "light" };
        for (what, fg, bg) in span_paints(p) {
            for (surface, under) in [("input", v.text_edit_bg_color()), ("panel", v.panel_fill)] {
                let plain = under.blend(bg);
                c.text(&format!("{t} {what} on {surface}"), fg, plain);
                // Linked or hovered: the emphasis fill lies over the span.
                c.text(
                    &format!("{t} {what} emphasised on {surface}"),
                    fg,
                    plain.blend(p.emphasis_fill()),
                );
                // Selected in the editor.
                let selected = plain.blend(p.selection_fill());
                c.text(&format!("{t} {what} selected on {surface}"), fg, selected);
                // Dimmed while a newer result is computed (highlight widget: dim text, half background).
                c.text(
                    &format!("{t} {what} dimmed on {surface}"),
                    p.dim(fg),
                    under.blend(bg.gamma_multiply(0.5)),
                );
                // The caret is a mark: 3:1 is AA, but it is asked to read as well as text.
                c.text(
                    &format!("{t} caret in {what} on {surface}"),
                    p.caret(),
                    plain,
                );
                c.text(
                    &format!("{t} caret at selected {what} on {surface}"),
                    p.caret(),
                    selected,
                );
            }
        }
    }
    c.done();
}

#[test]
fn the_selection_shows_on_every_token_colour() {
    for dark in [false, true] {
        let p = Palette { dark };
        let v = visuals(dark);
        for (what, _, bg) in span_paints(p) {
            let plain = v.text_edit_bg_color().blend(bg);
            let selected = plain.blend(p.selection_fill());
            let distance: i32 = (0..3)
                .map(|i| (i32::from(plain[i]) - i32::from(selected[i])).abs())
                .sum();
            assert!(
                distance >= 60,
                "dark={dark} {what}: selection moves the colour by {distance} (of 765)"
            );
        }
        assert!(
            !p.selection_fill().is_opaque(),
            "the selection is translucent"
        );
    }
}

#[test]
fn the_context_bar_reads_at_every_fill() {
    let mut c = Check::default();
    for dark in [false, true] {
        let p = Palette { dark };
        let v = visuals(dark);
        let t = if dark { "dark" } else { "light" };
        // At 0 % the label lies on the track; at 80 % on fill and track; at 195 % on the over-full fill.
        c.text(
            &format!("{t} bar label on track"),
            p.meter_text(),
            p.meter_track(),
        );
        for over in [false, true] {
            let fill = p.meter_fill(over);
            c.text(
                &format!("{t} bar label on fill over={over}"),
                p.meter_text(),
                fill,
            );
            c.pair(
                &format!("{t} fill over={over} against track"),
                fill,
                p.meter_track(),
                AA_MARK,
            );
        }
        assert_ne!(
            p.meter_fill(false),
            p.meter_fill(true),
            "over-full looks different"
        );
        c.pair(
            &format!("{t} bar outline on panel"),
            p.meter_outline().color,
            v.panel_fill,
            AA_MARK,
        );
        // Under the bar: "does not fit" in the error colour.
        c.text(&format!("{t} does-not-fit"), p.error(), v.panel_fill);
    }
    c.done();
}

#[test]
fn dimming_keeps_the_contrast_and_drops_the_hue() {
    for dark in [false, true] {
        let p = Palette { dark };
        let bg = visuals(dark).panel_fill;
        for c in [p.ok(), p.warn(), p.error(), p.info(), p.text(), p.weak()] {
            let d = p.dim(c);
            assert_eq!(d.r(), d.g(), "{c:?} dims to a grey");
            assert_eq!(d.g(), d.b(), "{c:?} dims to a grey");
            let (before, after) = (contrast_ratio(c, bg), contrast_ratio(d, bg));
            assert!(
                (before - after).abs() < 0.1,
                "{c:?}: {before:.2} before, {after:.2} dimmed"
            );
        }
    }
}

#[test]
fn install_tunes_both_themes() {
    let ctx = egui::Context::default();
    install(&ctx);
    for theme in [egui::Theme::Dark, egui::Theme::Light] {
        ctx.set_theme(theme);
        let v = ctx.global_style().visuals.clone();
        let p = Palette { dark: v.dark_mode };
        assert_eq!(v.weak_text_color(), p.weak(), "{theme:?}");
        assert_eq!(v.text_color(), p.text(), "{theme:?}");
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
