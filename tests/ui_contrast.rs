//! What the user sees is readable: the real app at 1280×800 in both themes, its painted shapes read back from egui's
//! output, and every glyph of a text measured against the colours painted under it (WCAG AA, 4.5:1).

use crate::ui::settle_ai;
use egui::epaint::{ClippedShape, Shape};
use egui::{Color32, Pos2, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tokenlens::app::{Tab, TokenLensApp};
use tokenlens::ui::ai::View;
use tokenlens::ui::theme::{Palette, contrast_ratio};

/// One filled area, in paint order.
struct Fill {
    order: usize,
    clip: Rect,
    rect: Rect,
    colour: Color32,
}

/// One painted glyph: the centre of its quad and its colour after egui's text-colour rules.
struct Glyph {
    order: usize,
    clip: Rect,
    centre: Pos2,
    colour: Color32,
    text: String,
}

/// The filled rectangles and glyphs of a frame, in paint order, read the way egui's tessellator reads them.
#[derive(Default)]
struct Scene {
    fills: Vec<Fill>,
    glyphs: Vec<Glyph>,
    next: usize,
}

impl Scene {
    fn of(shapes: &[ClippedShape]) -> Self {
        let mut scene = Self::default();
        for s in shapes {
            scene.add(s.clip_rect, &s.shape);
        }
        scene
    }

    fn add(&mut self, clip: Rect, shape: &Shape) {
        self.next += 1;
        let order = self.next;
        match shape {
            Shape::Vec(shapes) => {
                for s in shapes {
                    self.add(clip, s);
                }
            }
            Shape::Rect(r) if r.fill != Color32::TRANSPARENT => self.fills.push(Fill {
                order,
                clip,
                rect: r.rect,
                colour: r.fill,
            }),
            Shape::Text(t) => {
                for row in &t.galley.rows {
                    let origin = t.pos + row.pos.to_vec2();
                    let visuals = &row.visuals;
                    let quads = visuals.mesh.vertices.chunks_exact(4).enumerate();
                    for (q, quad) in quads {
                        let first = q * 4;
                        let mut colour = quad[0].color;
                        let glyph = visuals.glyph_vertex_range.contains(&first);
                        if glyph && let Some(c) = t.override_text_color {
                            colour = c;
                        } else if colour == Color32::PLACEHOLDER {
                            colour = t.fallback_color;
                        }
                        if t.opacity_factor < 1.0 {
                            colour = colour.gamma_multiply(t.opacity_factor);
                        }
                        let rect = Rect::from_points(
                            &quad
                                .iter()
                                .map(|v| origin + v.pos.to_vec2())
                                .collect::<Vec<_>>(),
                        );
                        if glyph {
                            self.glyphs.push(Glyph {
                                order,
                                clip,
                                centre: rect.center(),
                                colour,
                                text: t.galley.text().to_owned(),
                            });
                        } else if first < visuals.glyph_vertex_range.start {
                            // Section backgrounds come before the glyphs of their row.
                            self.fills.push(Fill {
                                order,
                                clip,
                                rect,
                                colour,
                            });
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// The colour under a glyph: every fill painted before it that covers its centre, composited in order.
    fn background(&self, g: &Glyph) -> Option<Color32> {
        let mut bg: Option<Color32> = None;
        for f in self.fills.iter().filter(|f| f.order <= g.order) {
            if f.rect.contains(g.centre) && f.clip.contains(g.centre) {
                bg = Some(match bg {
                    Some(under) => under.blend(f.colour),
                    None if f.colour.is_opaque() => f.colour,
                    None => continue,
                });
            }
        }
        bg
    }

    /// Each visible glyph of the texts matching `pick`, with the ratio of its colour to what lies under it.
    fn measure(&self, pick: impl Fn(&str) -> bool) -> Vec<(f32, Color32, Color32, Pos2)> {
        self.glyphs
            .iter()
            .filter(|g| g.clip.contains(g.centre) && pick(&g.text))
            .map(|g| {
                let bg = self.background(g).unwrap_or_else(|| {
                    panic!("nothing opaque painted under a glyph of {:?}", g.text)
                });
                let fg = bg.blend(g.colour);
                (contrast_ratio(fg, bg), fg, bg, g.centre)
            })
            .collect()
    }
}

fn harness(app: TokenLensApp) -> Harness<'static, TokenLensApp> {
    crate::ui::harness_sized(app, egui::vec2(1280.0, 800.0))
}

/// 156 gpt-4o tokens ("a" and 155 × " a"), in a context window of `window` tokens.
fn ai_app(dark: bool, window: u64) -> TokenLensApp {
    let mut app = TokenLensApp::default();
    app.tab = Tab::Ai;
    app.dark = dark;
    "gpt-4o".clone_into(&mut app.ai.settings.model);
    app.ai.settings.view = View::Tokens;
    let price = app
        .ai
        .pricing
        .table
        .models
        .iter_mut()
        .find(|p| p.id == "gpt-4o")
        .expect("gpt-4o has a price");
    price.context_window = window;
    app.ai.set_input(format!("a{}", " a".repeat(155)));
    app
}

#[test]
fn the_context_bar_label_reads_at_0_40_80_and_195_percent_in_both_themes() {
    for dark in [false, true] {
        let p = Palette { dark };
        for (window, share, label) in [
            (1_000_000_000, 0.0, "156 / 1,000,000,000 tokens (<0.1%)"),
            (390, 0.4, "156 / 390 tokens (40.0%)"),
            (195, 0.8, "156 / 195 tokens (80.0%)"),
            (80, 1.0, "156 / 80 tokens (195.0%)"),
        ] {
            let what = format!("dark={dark} {label}");
            let mut h = harness(ai_app(dark, window));
            settle_ai(&mut h);
            assert_eq!(h.state().ai.token_count(), Some(156));
            let bar = h
                .get_by_role_and_label(egui::accesskit::Role::ProgressIndicator, label)
                .rect();
            assert!(
                Rect::from_min_size(Pos2::ZERO, egui::vec2(1280.0, 800.0)).contains_rect(bar),
                "{what}: the bar is inside the window: {bar:?}"
            );
            let scene = Scene::of(&h.output().shapes);
            let glyphs = scene.measure(|t| t == label);
            let visible = label.chars().filter(|c| !c.is_whitespace()).count();
            assert_eq!(glyphs.len(), visible, "{what}: every character is painted");
            // Each glyph lies on the fill left of where the fill ends, on the empty track right of it.
            let fill_end = bar.left() + bar.width() * share;
            let (mut on_fill, mut on_track) = (0, 0);
            for (ratio, fg, bg, at) in &glyphs {
                assert!(
                    *ratio >= 4.5,
                    "{what}: the glyph at {at:?}, {fg:?} on {bg:?}, is {ratio:.2}:1 < 4.5"
                );
                let expected = if at.x < fill_end {
                    on_fill += 1;
                    p.meter_fill(window < 156)
                } else {
                    on_track += 1;
                    p.meter_track()
                };
                assert_eq!(*bg, expected, "{what}: the glyph at {at:?} lies on the bar");
            }
            match share {
                0.0 => assert_eq!(on_fill, 0, "{what}: all on the track"),
                1.0 => assert_eq!(on_track, 0, "{what}: all on the fill"),
                _ => {}
            }
            if share == 0.4 {
                assert!(
                    on_fill > 0 && on_track > 0,
                    "{what}: the fill ends inside the label ({on_fill} on the fill, {on_track} on the track)"
                );
            }
            if window < 156 {
                let warning = "The prompt does not fit this model's context window.";
                h.get_by_label(warning);
                let measured = scene.measure(|t| t == warning);
                assert!(!measured.is_empty(), "{what}: the warning is painted");
                for (ratio, fg, bg, _) in measured {
                    assert!(
                        ratio >= 4.5,
                        "{what}: the warning {fg:?} on {bg:?} is {ratio:.2}:1"
                    );
                }
            }
        }
    }
}

/// Every glyph painted in the window, except where egui fades a disabled widget (WCAG exempts inactive controls).
fn unreadable_glyphs(h: &Harness<'_, TokenLensApp>) -> Vec<String> {
    let scene = Scene::of(&h.output().shapes);
    let disabled: Vec<Rect> = h
        .query_all(egui_kittest::kittest::by().predicate(|n| n.is_disabled()))
        .map(|n| n.rect())
        .collect();
    let mut found = std::collections::BTreeMap::<String, (f32, Color32, Color32, usize)>::new();
    for g in &scene.glyphs {
        if !g.clip.contains(g.centre) || disabled.iter().any(|r| r.contains(g.centre)) {
            continue;
        }
        let text: String = g.text.chars().take(60).collect();
        let Some(bg) = scene.background(g) else {
            found
                .entry(format!("{text:?}: nothing opaque under it"))
                .or_default()
                .3 += 1;
            continue;
        };
        let fg = bg.blend(g.colour);
        let ratio = contrast_ratio(fg, bg);
        if ratio < 4.5 {
            found
                .entry(format!("{text:?}"))
                .or_insert((ratio, fg, bg, 0))
                .3 += 1;
        }
    }
    found
        .into_iter()
        .map(|(text, (ratio, fg, bg, n))| {
            format!("{text}: {n} glyphs {fg:?} on {bg:?}, {ratio:.2}:1")
        })
        .collect()
}

/// Puts the app on one screen with its input.
type Setup = Box<dyn Fn(&mut TokenLensApp)>;

#[test]
fn every_glyph_in_every_view_is_readable_in_both_themes() {
    let article = include_str!("data/article_en.txt");
    let id_token = include_str!("data/oidc/id_token.jwt").trim();
    let mut screens: Vec<(String, Setup)> = vec![
        ("Overview".into(), Box::new(|app| app.tab = Tab::Overview)),
        (
            "Session with an OIDC ID token".into(),
            Box::new(move |app| {
                app.tab = Tab::Session;
                app.session.set_input(id_token);
            }),
        ),
    ];
    for view in [View::Tokens, View::Compare, View::Chat, View::Info] {
        screens.push((
            format!("AI {view:?}, an article over the context window"),
            Box::new(move |app| {
                app.tab = Tab::Ai;
                app.ai.settings.view = view;
                app.ai.set_input(article.to_owned());
            }),
        ));
    }
    for view in tokenlens::ui::ledger::LedgerView::ALL {
        screens.push((
            format!("Crypto {view:?}"),
            Box::new(move |app| {
                app.tab = Tab::Crypto;
                app.ledger.settings.view = view;
            }),
        ));
    }
    let mut failures = Vec::new();
    for dark in [false, true] {
        for (name, setup) in &screens {
            let mut app = ai_app(dark, 1000);
            setup(&mut app);
            let mut h = harness(app);
            crate::ui::settle_all(&mut h);
            failures.extend(
                unreadable_glyphs(&h)
                    .into_iter()
                    .map(|f| format!("dark={dark} {name}: {f}")),
            );
        }
    }
    assert!(
        failures.is_empty(),
        "text under 4.5:1:\n{}",
        failures.join("\n")
    );
}
