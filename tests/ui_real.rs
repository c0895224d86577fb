//! Real inputs at the window size people have (1280×800): a page-long English article, a 10 KB Chinese article, a
//! 300-line source file and an OIDC ID token with its JWKS (tests/data, sources and licences in SOURCES.md). Each
//! test asserts what lies inside the window, from AccessKit node bounds: the first token of the input, every
//! Compare column, the verdict.

use crate::ui::settle_ai;
use crate::ui_ai::ai_app;
use egui::Rect;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tokenlens::ai::Vocab;
use tokenlens::app::{Tab, TokenLensApp};
use tokenlens::ui::ai::View;
use tokenlens::ui::session::KeyKind;

const ARTICLE_EN: &str = include_str!("data/article_en.txt");
const ARTICLE_ZH: &str = include_str!("data/article_zh.txt");
const SOURCE_300: &str = include_str!("data/source_300.rs");
const ID_TOKEN: &str = include_str!("data/oidc/id_token.jwt");
const JWKS: &str = include_str!("data/oidc/jwks.json");

const WINDOW: Rect = Rect {
    min: egui::pos2(0.0, 0.0),
    max: egui::pos2(1280.0, 800.0),
};

fn harness(app: TokenLensApp) -> Harness<'static, TokenLensApp> {
    crate::ui::harness_sized(app, WINDOW.size())
}

/// The rect lies inside the window (and is not empty).
fn assert_inside(what: &str, r: Rect) {
    assert!(
        r.width() > 1.0 && r.height() > 1.0 && WINDOW.contains_rect(r),
        "{what} at {r:?} is not inside the 1280×800 window"
    );
}

/// Paste `text` into the AI prompt as a user does (focus the box, Ctrl+V), count it, and check that the box with
/// its first tokens is on screen, with the count beside it.
fn paste_prompt_and_see_its_tokens(model: &str, text: &str) -> Harness<'static, TokenLensApp> {
    let mut h = harness(ai_app(model, View::Tokens));
    settle_ai(&mut h);
    h.get_by_label("Prompt").focus();
    h.run_steps(2);
    h.event(egui::Event::Paste(text.to_owned()));
    settle_ai(&mut h);
    assert_eq!(h.state().ai.input, text, "the paste is the prompt");
    let n = h.state().ai.fresh_token_count().expect("counted");
    assert!(n > 100, "{n} tokens");
    let editor = h.get_by_label("Prompt").rect();
    assert_inside("the prompt with its tokens", editor);
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
    let h = paste_prompt_and_see_its_tokens("gpt-4o", ARTICLE_EN);
    let count = h.get_by_label_contains("tokens (");
    assert_inside("the context fill", count.rect());
    assert_inside("the cost", h.get_by_label_contains("as input (at $").rect());
}

#[test]
fn a_ten_kilobyte_chinese_prompt_shows_its_first_tokens() {
    assert!((8_000..14_000).contains(&ARTICLE_ZH.len()));
    paste_prompt_and_see_its_tokens("qwen3-8b", ARTICLE_ZH);
}

#[test]
fn a_source_file_scrolls_inside_its_box() {
    let mut h = paste_prompt_and_see_its_tokens("gpt-4o", SOURCE_300);
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
fn compare_columns_are_on_screen(vocabs: &[Vocab], text: &str, first_row: &str) {
    let mut app = ai_app("gpt-4o", View::Compare);
    app.ai.settings.compare = vocabs.to_vec();
    let mut h = harness(app);
    settle_ai(&mut h);
    h.get_by_label("Prompt").focus();
    h.run_steps(2);
    h.event(egui::Event::Paste(text.to_owned()));
    settle_ai(&mut h);
    assert_inside("the prompt", h.get_by_label("Prompt").rect());
    // Each column's view is labelled by the text it shows, which starts with the input's first row.
    let columns: Vec<Rect> = h
        .get_all_by_label_contains(first_row)
        .map(|n| n.rect())
        .collect();
    assert_eq!(columns.len(), vocabs.len(), "one view per column");
    for (i, r) in columns.iter().enumerate() {
        assert_inside(&format!("column {i}"), *r);
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
        &[Vocab::O200k, Vocab::Llama3],
        ARTICLE_EN,
        "ALICE'S ADVENTURES IN WONDERLAND",
    );
}

#[test]
fn comparing_four_tokenizers_on_a_chinese_article_shows_four_columns() {
    compare_columns_are_on_screen(
        &[Vocab::O200k, Vocab::Cl100k, Vocab::Llama3, Vocab::Qwen3],
        ARTICLE_ZH,
        "祝福",
    );
}

#[test]
fn an_oidc_id_token_selects_the_key_field_and_verifies_against_its_jwks() {
    let mut app = TokenLensApp::default();
    app.tab = Tab::Session;
    let mut h = harness(app);
    h.run_steps(2);
    assert_eq!(h.state().session.settings.key_kind, KeyKind::Secret);
    h.get_by_label("Encoded token").focus();
    h.run_steps(2);
    h.event(egui::Event::Paste(ID_TOKEN.to_owned()));
    h.run_steps(4);
    assert_eq!(h.state().session.input(), ID_TOKEN);
    // RS256 with a kid: the PEM field, not "HMAC secret".
    assert_eq!(h.state().session.settings.key_kind, KeyKind::Pem);
    assert_inside(
        "the PEM field",
        h.get_by_label("PEM public key or certificate").rect(),
    );
    assert_inside("the token box", h.get_by_label("Encoded token").rect());
    // The IdP's JWKS dropped in: the JWK field, the key picked by kid, a valid signature on screen.
    h.state_mut()
        .session
        .load_text_file("jwks.json", JWKS.to_owned());
    h.run_steps(4);
    assert_eq!(h.state().session.settings.key_kind, KeyKind::Jwk);
    assert_inside("the verdict", h.get_by_label("signature valid").rect());
    // A choice by hand sticks for this token.
    h.get_by_label("PEM public key").click();
    h.run_steps(4);
    assert_eq!(h.state().session.settings.key_kind, KeyKind::Pem);
    // An HS256 token selects the secret field.
    h.state_mut()
        .session
        .set_input(tokenlens::ui::session::EXAMPLE_TOKEN);
    h.run_steps(4);
    assert_eq!(h.state().session.settings.key_kind, KeyKind::Secret);
}

#[test]
fn an_empty_token_box_invites_and_offers_an_example() {
    let mut app = TokenLensApp::default();
    app.tab = Tab::Session;
    let mut h = harness(app);
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
    assert_inside("the verdict", h.get_by_label("signature valid").rect());
}
