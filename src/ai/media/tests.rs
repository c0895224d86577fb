//! Unit tests of the media rules: the provider's worked examples, the rule arithmetic at its edges, and the table's
//! parse errors and overrides.

use super::*;

fn tiles() -> ImageMethod {
    ImageMethod::OpenaiTiles {
        fit: 2048,
        short_side: 768,
        tile: 512,
        base: 85,
        per_tile: 170,
        low: 85,
    }
}

#[test]
fn every_bundled_example_is_reproduced() {
    let table =
        MediaTable::parse(BUNDLED, "assets/media_tokens.json").expect("bundled table parses");
    let mut checked = 0;
    for rule in &table.image_rules {
        for ex in &rule.examples {
            let c = count_image(
                &rule.method,
                Size::new(ex.width, ex.height),
                ex.detail.unwrap_or_default(),
            );
            let got = match c.formula {
                Formula::Patches { patches, .. } if ex.tokens_before_multiplier => patches,
                _ => c.tokens,
            };
            assert_eq!(
                got, ex.tokens,
                "{}: {}×{} ({:?}) should be {} as the provider says: {:?}; steps {:?}",
                rule.id, ex.width, ex.height, ex.detail, ex.tokens, ex.quote, c.steps
            );
            checked += 1;
        }
    }
    assert!(checked >= 25, "the bundled table carries worked examples");
}

#[test]
fn openai_tiles_show_each_step_and_the_grid() {
    let c = count_image(&tiles(), Size::new(2048, 4096), Detail::High);
    let steps: Vec<_> = c.steps.iter().map(|s| (s.to, s.why)).collect();
    assert_eq!(
        steps,
        vec![
            (Size::new(1024, 2048), ResizeWhy::FitSquare(2048)),
            (Size::new(768, 1536), ResizeWhy::ShortSide(768)),
        ]
    );
    let g = c.grid.expect("tiles have a grid");
    assert_eq!((g.cols, g.rows, g.over), (2, 3, Size::new(768, 1536)));
    assert_eq!(c.tokens, 85 + 170 * 6);
    // A small image is not enlarged: 500×500 is one tile.
    assert_eq!(
        count_image(&tiles(), Size::new(500, 500), Detail::High).tokens,
        255
    );
    assert!(
        count_image(&tiles(), Size::new(500, 500), Detail::Auto)
            .steps
            .is_empty()
    );
    assert_eq!(
        count_image(&tiles(), Size::new(9000, 20), Detail::Low).tokens,
        85
    );
}

#[test]
fn openai_patches_shrink_to_whole_patches_under_the_cap() {
    let m = ImageMethod::OpenaiPatches {
        patch: 32,
        cap: Some(1536),
        max_dimension: Some(2048),
        multiplier: None,
    };
    // OpenAI's worked examples: 1024×1024 is 1024 patches; 1800×2400 shrinks to 1056×1408, 33 × 44 = 1452.
    assert_eq!(
        count_image(&m, Size::new(1024, 1024), Detail::Auto).tokens,
        1024
    );
    let c = count_image(&m, Size::new(1800, 2400), Detail::Auto);
    assert_eq!(c.final_size(), Size::new(1056, 1408));
    assert_eq!(c.tokens, 1452);
    // Whatever the shape, the cap holds.
    for (w, h) in [
        (100_000, 3),
        (3, 100_000),
        (4097, 4097),
        (65_535, 65_535),
        (1, 1),
    ] {
        let c = count_image(&m, Size::new(w, h), Detail::Auto);
        assert!(c.tokens <= 1536 && c.tokens >= 1, "{w}×{h}: {}", c.tokens);
    }
    let mini = ImageMethod::OpenaiPatches {
        patch: 32,
        cap: Some(1536),
        max_dimension: Some(2048),
        multiplier: Some(1.62),
    };
    assert_eq!(
        count_image(&mini, Size::new(1024, 1024), Detail::Auto).tokens,
        1659
    );
}

#[test]
fn claude_area_scales_down_then_divides() {
    let m = ImageMethod::ClaudeArea {
        max_edge: 1568,
        max_tokens: 1600,
        pixels_per_token: 750,
    };
    assert_eq!(
        count_image(&m, Size::new(1000, 1000), Detail::Auto).tokens,
        1334
    );
    assert_eq!(
        count_image(&m, Size::new(200, 200), Detail::Auto).tokens,
        54
    );
    let big = count_image(&m, Size::new(8000, 8000), Detail::Auto);
    assert!(big.tokens <= 1600, "{}", big.tokens);
    assert!(big.final_size().w <= 1568);
}

#[test]
fn gemini_small_images_and_crop_tiles() {
    let plain = ImageMethod::GeminiTiles {
        small: 384,
        small_tokens: 258,
        tile: 768,
        per_tile: 258,
        crop_divisor: None,
        crop_min: None,
        crop_max: None,
    };
    assert_eq!(
        count_image(&plain, Size::new(384, 300), Detail::Auto).tokens,
        258
    );
    assert_eq!(
        count_image(&plain, Size::new(1600, 900), Detail::Auto).tokens,
        258 * 6
    );
    let crop = ImageMethod::GeminiTiles {
        small: 384,
        small_tokens: 258,
        tile: 768,
        per_tile: 258,
        crop_divisor: Some(1.5),
        crop_min: Some(256),
        crop_max: Some(768),
    };
    let c = count_image(&crop, Size::new(960, 540), Detail::Auto);
    let g = c.grid.expect("grid");
    assert_eq!((g.cell_w, g.cols, g.rows, c.tokens), (360.0, 3, 2, 1548));
}

#[test]
fn a_huge_header_is_counted_without_overflow() {
    for m in [
        tiles(),
        ImageMethod::ClaudePatches {
            patch: 28,
            max_edge: 2576,
            max_tokens: 4784,
        },
    ] {
        let c = count_image(&m, Size::new(u32::MAX, u32::MAX), Detail::High);
        assert!(c.tokens > 0 && c.tokens < 10_000, "{m:?}: {}", c.tokens);
    }
}

#[test]
fn bad_tables_say_where() {
    let e = MediaTable::parse("{\"as_of\": 1}", "x.json").expect_err("wrong type");
    assert_eq!((e.path.as_str(), e.line), ("x.json", 1));
    let zero = BUNDLED.replacen("\"tile\": 512", "\"tile\": 0", 1);
    let e = MediaTable::parse(&zero, "z.json").expect_err("zero tile");
    assert!(e.msg.contains("zero"), "{e}");
    assert!(e.line > 1, "{e}");
}

#[test]
fn overrides_replace_rules_by_id() {
    let user = r#"{"as_of": "2030-01-01", "image_rules": [{"id": "mine", "label": "x", "models": ["gpt-4o"],
        "kind": "fixed", "params": {"tokens": 7}, "source": "me", "read": "today"}]}"#;
    let t = MediaTable::with_override(user, "user.json").expect("override parses");
    assert_eq!(t.as_of, "2030-01-01");
    let rule = t.image_rule("gpt-4o").expect("rule");
    assert_eq!(rule.id, "mine");
    assert_eq!(
        count_image(&rule.method, Size::new(10, 10), Detail::Auto).tokens,
        7
    );
}
