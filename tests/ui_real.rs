//! Real inputs at the window size people have (1280×800): a page-long English article, a 10 KB Chinese article, a
//! 300-line source file and an OIDC ID token with its JWKS (tests/data, sources and licences in SOURCES.md). Each
//! test asserts what lies inside the window, from AccessKit node bounds: the first token of the input, every
//! Compare column, the verdict.

use crate::ui::settle_ai;
use crate::ui_ai::ai_app;
use egui::{Rect, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use tokenlens::ai::Vocab;
use tokenlens::app::{Tab, TokenLensApp};
use tokenlens::ledger::demo::{DemoParams, build_demo};
use tokenlens::ledger::model::Op;
use tokenlens::ui::ai::View;
use tokenlens::ui::session::KeyKind;

const ARTICLE_EN: &str = include_str!("data/article_en.txt");
const ARTICLE_ZH: &str = include_str!("data/article_zh.txt");
const SOURCE_300: &str = include_str!("data/source_300.rs");
const ID_TOKEN: &str = include_str!("data/oidc/id_token.jwt");
const JWKS: &str = include_str!("data/oidc/jwks.json");

/// The window people have (a 13" laptop), a small one, and a desktop monitor.
const LAPTOP: Vec2 = egui::vec2(1280.0, 800.0);
const SMALL: Vec2 = egui::vec2(1024.0, 700.0);
const DESKTOP: Vec2 = egui::vec2(1920.0, 1080.0);

fn harness(app: TokenLensApp, window: Vec2) -> Harness<'static, TokenLensApp> {
    crate::ui::harness_sized(app, window)
}

/// The rect lies inside the window (and is not empty).
fn assert_inside(window: Vec2, what: &str, r: Rect) {
    assert!(
        r.width() > 1.0
            && r.height() > 1.0
            && Rect::from_min_size(egui::Pos2::ZERO, window).contains_rect(r),
        "{what} at {r:?} is not inside the {}×{} window",
        window.x,
        window.y
    );
}

/// Paste `text` into the AI prompt as a user does (focus the box, Ctrl+V), count it, and check that the box with
/// its first tokens is on screen, with the count beside it.
fn paste_prompt_and_see_its_tokens(
    window: Vec2,
    model: &str,
    text: &str,
) -> Harness<'static, TokenLensApp> {
    let mut h = harness(ai_app(model, View::Tokens), window);
    settle_ai(&mut h);
    h.get_by_label("Prompt").focus();
    h.run_steps(2);
    h.event(egui::Event::Paste(text.to_owned()));
    settle_ai(&mut h);
    assert_eq!(h.state().ai.input(), text, "the paste is the prompt");
    let n = h.state().ai.fresh_token_count().expect("counted");
    assert!(n > 100, "{n} tokens");
    let editor = h.get_by_label("Prompt").rect();
    assert_inside(window, "the prompt with its tokens", editor);
    // The first token is drawn at the box's top left: hovering there names token #0.
    h.hover_at(editor.min + egui::vec2(4.0, 6.0));
    h.run_steps(3);
    assert_eq!(
        h.state().ai.hovered_token(),
        Some(0),
        "the first token is under the pointer"
    );
    h
}

#[test]
fn a_page_long_english_prompt_shows_its_first_tokens_and_its_cost() {
    read_the_cost_of_a_page_long_prompt(LAPTOP);
}

fn read_the_cost_of_a_page_long_prompt(window: Vec2) {
    let h = paste_prompt_and_see_its_tokens(window, "gpt-4o", ARTICLE_EN);
    let count = h.get_by_label_contains("tokens (");
    assert_inside(window, "the context fill", count.rect());
    assert_inside(
        window,
        "the cost",
        h.get_by_label_contains("as input (at $").rect(),
    );
}

#[test]
fn a_ten_kilobyte_chinese_prompt_shows_its_first_tokens() {
    assert!((8_000..14_000).contains(&ARTICLE_ZH.len()));
    paste_prompt_and_see_its_tokens(LAPTOP, "qwen3-8b", ARTICLE_ZH);
}

#[test]
fn a_source_file_scrolls_inside_its_box() {
    let mut h = paste_prompt_and_see_its_tokens(LAPTOP, "gpt-4o", SOURCE_300);
    let before = h.get_by_label("Prompt").rect();
    // Ctrl+End goes to the last line; the box scrolls inside itself and keeps its place and size.
    h.key_press_modifiers(egui::Modifiers::CTRL, egui::Key::End);
    h.run_steps(4);
    assert_eq!(h.state().ai.prompt_caret(), Some(SOURCE_300.len()));
    let after = h.get_by_label("Prompt").rect();
    assert!(
        (before.min - after.min).length() < 1.0 && (before.size() - after.size()).length() < 1.0,
        "the box did not move or grow: {before:?} → {after:?}"
    );
    // Whatever token the top rows hold now (a blank line holds none) is far into the file.
    let mut first_visible = None;
    'rows: for y in [6.0, 22.0, 38.0, 54.0] {
        for x in [4.0, 40.0, 80.0, 160.0] {
            h.hover_at(after.min + egui::vec2(x, y));
            h.run_steps(2);
            first_visible = h.state().ai.hovered_token();
            if first_visible.is_some() {
                break 'rows;
            }
        }
    }
    let first_visible = first_visible.expect("a token under the top rows");
    assert!(
        first_visible > 1000,
        "scrolled: the top row now holds token {first_visible}"
    );
}

/// Compare `vocabs` on `text` and check every column's first tokens are inside the window.
fn compare_columns_are_on_screen(window: Vec2, vocabs: &[Vocab], text: &str, first_row: &str) {
    let mut app = ai_app("gpt-4o", View::Compare);
    app.ai.settings.compare = vocabs.to_vec();
    let mut h = harness(app, window);
    settle_ai(&mut h);
    h.get_by_label("Prompt").focus();
    h.run_steps(2);
    h.event(egui::Event::Paste(text.to_owned()));
    settle_ai(&mut h);
    assert_inside(window, "the prompt", h.get_by_label("Prompt").rect());
    // Each column's view is labelled by the text it shows, which starts with the input's first row.
    let columns: Vec<Rect> = h
        .get_all_by_label_contains(first_row)
        .map(|n| n.rect())
        .collect();
    assert_eq!(columns.len(), vocabs.len(), "one view per column");
    for (i, r) in columns.iter().enumerate() {
        assert_inside(window, &format!("column {i}"), *r);
    }
    // Side by side: the columns share a top and do not overlap.
    for pair in columns.windows(2) {
        assert!(
            (pair[0].top() - pair[1].top()).abs() < 1.0,
            "columns side by side: {pair:?}"
        );
        assert!(
            pair[0].right() <= pair[1].left() + 1.0,
            "columns do not overlap: {pair:?}"
        );
    }
}

#[test]
fn comparing_two_tokenizers_on_an_english_article_shows_both_columns() {
    compare_columns_are_on_screen(
        LAPTOP,
        &[Vocab::O200k, Vocab::Llama3],
        ARTICLE_EN,
        "ALICE'S ADVENTURES IN WONDERLAND",
    );
}

#[test]
fn comparing_four_tokenizers_on_a_chinese_article_shows_four_columns() {
    compare_columns_are_on_screen(
        LAPTOP,
        &[Vocab::O200k, Vocab::Cl100k, Vocab::Llama3, Vocab::Qwen3],
        ARTICLE_ZH,
        "祝福",
    );
}

#[test]
fn an_oidc_id_token_selects_the_key_field_and_verifies_against_its_jwks() {
    verify_an_id_token_against_its_jwks(LAPTOP);
}

fn verify_an_id_token_against_its_jwks(window: Vec2) {
    let mut app = TokenLensApp::default();
    app.tab = Tab::Session;
    let mut h = harness(app, window);
    h.run_steps(2);
    assert_eq!(
        h.state().session.settings.key_kind,
        KeyKind::Secret,
        "an empty tab starts on the secret field"
    );
    h.get_by_label("Encoded token").focus();
    h.run_steps(2);
    h.event(egui::Event::Paste(ID_TOKEN.to_owned()));
    h.run_steps(4);
    assert_eq!(
        h.state().session.input(),
        ID_TOKEN,
        "the paste is the input"
    );
    // RS256 with a kid: the PEM field, not "HMAC secret".
    assert_eq!(
        h.state().session.settings.key_kind,
        KeyKind::Pem,
        "RS256 selects the PEM field"
    );
    assert_inside(
        window,
        "the PEM field",
        h.get_by_label("PEM public key or certificate").rect(),
    );
    assert_inside(
        window,
        "the token box",
        h.get_by_label("Encoded token").rect(),
    );
    // The IdP's JWKS dropped in: the JWK field, the key picked by kid, a valid signature on screen.
    h.state_mut()
        .session
        .load_text_file("jwks.json", JWKS.to_owned());
    h.run_steps(4);
    assert_eq!(
        h.state().session.settings.key_kind,
        KeyKind::Jwk,
        "a JWKS selects the JWK field"
    );
    assert_inside(
        window,
        "the verdict",
        h.get_by_label("signature valid").rect(),
    );
    // A choice by hand sticks for this token.
    h.get_by_label("PEM public key").click();
    h.run_steps(4);
    assert_eq!(
        h.state().session.settings.key_kind,
        KeyKind::Pem,
        "a pick by hand sticks"
    );
    // An HS256 token selects the secret field.
    h.state_mut()
        .session
        .set_input(tokenlens::ui::session::EXAMPLE_TOKEN);
    h.run_steps(4);
    assert_eq!(
        h.state().session.settings.key_kind,
        KeyKind::Secret,
        "HS256 selects the secret field"
    );
}

#[test]
fn an_empty_token_box_invites_and_offers_an_example() {
    let window = LAPTOP;
    let mut app = TokenLensApp::default();
    app.tab = Tab::Session;
    let mut h = harness(app, window);
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("Nothing to decode").is_none(),
        "no error before the user did anything"
    );
    h.get_by_label("Try an example").click();
    h.run_steps(4);
    assert_eq!(
        h.state().session.input(),
        tokenlens::ui::session::EXAMPLE_TOKEN.trim()
    );
    assert_inside(
        window,
        "the verdict",
        h.get_by_label("signature valid").rect(),
    );
}

/// The same journeys in a small window and on a desktop monitor.
#[test]
fn the_journeys_fit_a_small_window_and_a_desktop_monitor() {
    for window in [SMALL, DESKTOP] {
        read_the_cost_of_a_page_long_prompt(window);
        compare_columns_are_on_screen(
            window,
            &[Vocab::O200k, Vocab::Cl100k, Vocab::Llama3, Vocab::Qwen3],
            ARTICLE_ZH,
            "祝福",
        );
        verify_an_id_token_against_its_jwks(window);
    }
}

/// A teacher opens a 1000-block chain in which one amount in block 500 was changed, clicks the first red block in
/// the status strip, and sees that block's red card, its reason named, inside the window.
#[test]
fn a_tampered_block_in_a_thousand_block_chain_is_found_from_the_strip() {
    let window = LAPTOP;
    let params = DemoParams {
        blocks: 1000,
        tx_per_block: 2,
        difficulty_bits: 4,
        ..DemoParams::default()
    };
    let mut chain = build_demo(&params).expect("demo chain");
    let tampered = chain.blocks[500]
        .txs
        .iter_mut()
        .find_map(|tx| match &mut tx.op {
            Op::Transfer { amount, .. } | Op::Mint { amount, .. } => Some(amount),
            _ => None,
        })
        .expect("block 500 moves tokens");
    *tampered += 1;
    let mut app = TokenLensApp::default();
    app.tab = Tab::Crypto;
    app.ledger.chain.set_chain(chain);
    let mut h = harness(app, window);
    crate::ui_ledger::settle(&mut h);
    assert_inside(
        window,
        "the strip",
        h.get_by_label_contains("first invalid:").rect(),
    );
    h.get_by_label("#500 invalid").click();
    h.run_steps(8);
    assert_inside(
        window,
        "the red card",
        h.get_by_label("Block 500 · invalid").rect(),
    );
}

/// Scrolling one Compare column scrolls the others to the same rows; hovering a token in one outlines the same
/// place in the others.
#[test]
fn compare_columns_scroll_together() {
    let window = LAPTOP;
    let title = "ALICE'S ADVENTURES IN WONDERLAND";
    compare_columns_are_on_screen(window, &[Vocab::O200k, Vocab::Llama3], ARTICLE_EN, title);
    let mut app = ai_app("gpt-4o", View::Compare);
    app.ai.settings.compare = vec![Vocab::O200k, Vocab::Llama3];
    app.ai.set_input(ARTICLE_EN.to_owned());
    let mut h = harness(app, window);
    settle_ai(&mut h);
    let columns: Vec<Rect> = h
        .get_all_by_label_contains(title)
        .map(|n| n.rect())
        .collect();
    assert_eq!(columns.len(), 2, "two columns");
    // Wheel over the first column only.
    h.hover_at(columns[0].center());
    h.run_steps(2);
    for _ in 0..3 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: egui::vec2(0.0, -3.0),
            modifiers: egui::Modifiers::default(),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
        });
        h.step();
    }
    settle_ai(&mut h);
    assert!(
        h.query_all_by_label_contains(title).next().is_none(),
        "both columns scrolled past the title"
    );
    // Each column's view carries its visible rows as its text: the same rows in both.
    let labels: Vec<String> = h
        .query_all(egui_kittest::kittest::By::new().predicate(|n| {
            n.role() == egui::accesskit::Role::Label && n.value().is_some_and(|v| v.len() > 200)
        }))
        .filter(|n| columns.iter().any(|c| c.contains(n.rect().center())))
        .filter_map(|n| n.accesskit_node().value())
        .collect();
    assert_eq!(labels.len(), 2, "one long label per column: {labels:?}");
    assert_eq!(labels[0], labels[1], "the columns show the same rows");
}

/// Replacing a long prompt that was scrolled to its end (Ctrl+A, Ctrl+V) shows the new text from its first token.
#[test]
fn a_paste_over_a_scrolled_prompt_shows_the_new_texts_first_token() {
    let window = LAPTOP;
    let mut app = ai_app("gpt-4o", View::Tokens);
    app.ai.set_input(SOURCE_300.to_owned());
    let mut h = harness(app, window);
    settle_ai(&mut h);
    h.get_by_label("Prompt").focus();
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::CTRL, egui::Key::End);
    h.run_steps(4);
    h.key_press_modifiers(egui::Modifiers::CTRL, egui::Key::A);
    h.run_steps(2);
    h.event(egui::Event::Paste(ARTICLE_EN.to_owned()));
    settle_ai(&mut h);
    assert_eq!(
        h.state().ai.input(),
        ARTICLE_EN,
        "the paste replaced the prompt"
    );
    let editor = h.get_by_label("Prompt").rect();
    h.hover_at(editor.min + egui::vec2(4.0, 6.0));
    h.run_steps(3);
    assert_eq!(
        h.state().ai.hovered_token(),
        Some(0),
        "the new text's first token is at the top of the box"
    );
}
