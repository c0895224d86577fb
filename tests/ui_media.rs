//! The Images & media view driven headless at 1280×800: a phone-sized photo dropped on the window opens there, the
//! picture with its grid and the per-model table fit inside the window, picking a model redraws its grid and
//! formula; a video and a typed length are counted at the published rates.

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use tokenlens::app::{Tab, TokenLensApp};

use crate::ui::{DroppedPath, harness_sized, settle_until};

fn data(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/media")
        .join(name)
}

fn window() -> egui::Rect {
    egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0))
}

fn drop_file(h: &mut Harness<'_, TokenLensApp>, name: &str) {
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(data(name))));
    h.step();
    settle_until(h, "the file is read", |h| !h.state().ai.busy());
}

#[test]
fn a_dropped_photo_shows_its_grid_and_every_model_inside_the_window() {
    let mut h = harness_sized(TokenLensApp::default(), egui::vec2(1280.0, 800.0));
    h.run_steps(2);
    drop_file(&mut h, "photo-4032x3024.jpg");
    assert_eq!(
        h.state().tab,
        Tab::Ai,
        "an image opens the AI tab wherever it is dropped"
    );
    h.get_by_label_contains("JPEG · 4032×3024");
    // The first model is GPT-4o: the caption and the accessible label give the resize and the 2 × 2 tiles.
    let picture = h.get_by_label_contains("Image with the model's grid");
    let label = picture.accesskit_node().label().unwrap_or_default();
    assert!(label.contains("4032×3024 → 1024×768, 2 × 2"), "{label}");
    let r = picture.rect();
    assert!(
        window().contains_rect(r),
        "the picture {r:?} is inside the window"
    );
    assert!(
        r.width() > 500.0,
        "the picture is large enough to read: {r:?}"
    );
    h.get_by_label_contains("85 + 170 × 4 tiles = 765");
    // Every model row's name is on screen or in the scrolled table; Claude's row is reachable and inside.
    h.get_by_label("Claude Sonnet 4.5").scroll_to_me();
    h.run_steps(3);
    let claude = h.get_by_label("Claude Sonnet 4.5");
    assert!(window().contains_rect(claude.rect()), "{:?}", claude.rect());
    claude.click();
    h.run_steps(3);
    let label = h
        .get_by_label_contains("Image with the model's grid")
        .accesskit_node()
        .label()
        .unwrap_or_default();
    // Claude's standard tier: 4032×3024 → 1358×1019 (bisected to fit 1,568 patches), 49 × 37 patches.
    assert!(label.contains("4032×3024 → "), "{label}");
    h.get_by_label_contains("patches =");
    assert!(
        h.query_all_by_label_contains("platform.claude.com")
            .next()
            .is_some(),
        "the rule's source is shown"
    );
}

#[test]
fn a_video_and_a_typed_length_are_counted_per_second() {
    let mut h = harness_sized(TokenLensApp::default(), egui::vec2(1280.0, 800.0));
    h.run_steps(2);
    drop_file(&mut h, "clip-2.5s.mp4");
    h.get_by_label_contains("clip-2.5s.mp4 · MP4");
    h.get_by_label_contains("2.500 s");
    // Gemini 2.5 Pro counts video at 263 tokens per second: ⌈2.5 × 263⌉ = 658.
    assert!(
        h.query_all_by_label_contains("658").next().is_some(),
        "658 tokens shown"
    );
    h.get_by_label("or a length (s)").focus();
    h.get_by_label("or a length (s)").type_text("60");
    h.run_steps(3);
    h.get_by_label("audio").click();
    h.run_steps(3);
    // Gemini's published example: one minute of audio is 1,920 tokens.
    assert!(
        h.query_all_by_label_contains("1,920").next().is_some(),
        "1,920 tokens shown"
    );
}
