//! The language switch driven through the real UI: labels turn Chinese and back, cached texts follow, the choice
//! is persisted, and the bundled fonts draw every Chinese string.
//!
//! The language is process-wide and the tests of this binary run in parallel, so every test here first takes
//! `i18n::isolate_thread`: the switch then changes only this test's thread, and the other UI tests keep reading
//! English.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use tokenlens::app::{State, Tab, TokenLensApp};
use tokenlens::i18n::{self, Lang};

use crate::ui::harness;

type H = egui_kittest::Harness<'static, TokenLensApp>;

const HS256: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.KMUFsIDTnFmyG3nMiGM6H9FNFUROf3wh7SmqJp-QV30";

/// Open the language menu (named `menu` in the language on screen) and pick `name`.
fn choose(h: &mut H, menu: &str, name: &str) {
    h.get_by_role_and_label(Role::ComboBox, menu).click();
    h.run();
    h.get_by_label(name).click();
    h.run();
}

fn tab_button(h: &H, label: &str) {
    h.get_by_role_and_label(Role::Button, label);
}

#[test]
fn switching_language_changes_the_labels_and_back() {
    let _lang = i18n::isolate_thread(Lang::En);
    let mut h = harness(TokenLensApp::default());
    h.run();
    h.get_by_label("One word, three meanings");

    choose(&mut h, "Language", "简体中文");
    assert_eq!(h.state().lang, Lang::Zh);
    for label in ["概览", "会话令牌", "加密代币", "AI 词元"] {
        tab_button(&h, label);
    }
    assert!(h.query_by_label("Session token").is_none());
    h.get_by_label("一个词，三种含义");
    h.get_by_label("深色主题");
    // Inside a tab.
    h.get_by_role_and_label(Role::Button, "会话令牌").click();
    h.run();
    assert_eq!(h.state().tab, Tab::Session);
    h.get_by_label("编码后的令牌");
    h.get_by_label("示例");

    choose(&mut h, "语言", "English");
    assert_eq!(h.state().lang, Lang::En);
    for label in ["Overview", "Session token", "Crypto token", "AI token"] {
        tab_button(&h, label);
    }
    h.get_by_label("Encoded token");
    h.get_by_label("Samples");
    assert!(h.query_by_label("会话令牌").is_none());
}

#[test]
fn findings_decoded_before_the_switch_are_reworded() {
    let _lang = i18n::isolate_thread(Lang::En);
    let mut app = TokenLensApp::default();
    app.tab = Tab::Session;
    app.session.set_input(HS256);
    let mut h = harness(app);
    h.run();
    h.get_by_label_contains("There is no exp claim");
    h.get_by_label("not checked");

    choose(&mut h, "Language", "简体中文");
    h.get_by_label_contains("没有 exp 声明");
    h.get_by_label("未检查");
    assert!(h.query_by_label_contains("There is no exp claim").is_none());
    // A claim's meaning comes from the core's cached inspection too.
    h.get_by_label_contains("主体（subject）");
}

#[test]
fn the_language_is_persisted_and_applied_at_start() {
    let _lang = i18n::isolate_thread(Lang::En);
    let state = State {
        lang: Lang::Zh,
        ..State::default()
    };
    let json = serde_json::to_string(&state).unwrap();
    assert!(json.contains(r#""lang":"zh-CN""#), "{json}");
    let restored: State = serde_json::from_str(&json).unwrap();
    let mut h = harness(TokenLensApp::from_state(restored));
    h.run();
    tab_button(&h, "会话令牌");
    h.get_by_role_and_label(Role::ComboBox, "语言");
    assert_eq!(h.state().state().lang, Lang::Zh);
    // Settings saved before the switch existed still load, in English.
    let old: State = serde_json::from_str(r#"{"tab":"Session","dark":true}"#).unwrap();
    assert_eq!(old.lang, Lang::En);
}

#[test]
fn the_bundled_fonts_draw_every_chinese_string() {
    // The harness panics on any glyph no installed font has (no `allow_missing_glyphs`), so laying out every
    // catalogue text proves the bundled CJK subset covers the translation.
    let zh: std::collections::BTreeMap<String, String> =
        serde_json::from_str(i18n::catalogue_source(Lang::Zh)).unwrap();
    let texts: Vec<String> = zh.into_values().collect();
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(800.0, 600.0))
        .with_context_setup(tokenlens::ui::fonts::install)
        .build_ui(move |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                for t in &texts {
                    ui.label(t);
                    ui.monospace(t);
                }
            });
        });
    h.run();
    assert_eq!(h.get_all_by_label("一个词，三种含义").count(), 2);
}
