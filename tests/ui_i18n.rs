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

#[test]
fn rule_reasons_on_red_cards_follow_the_language() {
    let _lang = i18n::isolate_thread(Lang::En);
    let mut chain =
        tokenlens::ledger::demo::build_demo(&tokenlens::ledger::demo::DemoParams::default())
            .unwrap();
    chain.blocks[1].hash = tokenlens::ledger::H256::ZERO;
    let mut h = crate::ui_ledger::harness();
    h.state_mut().ledger.chain.set_chain(chain);
    crate::ui_ledger::settle(&mut h);
    h.get_by_label_contains("the block says its hash is");

    choose(&mut h, "Language", "简体中文");
    crate::ui_ledger::settle(&mut h);
    h.get_by_label_contains("区块声称自己的哈希是");
    h.get_by_label("区块 1 · 无效");
    h.get_by_label("区块 2 · 延续自无效区块 1");
    // The rule's name is an identifier and stays as it is.
    assert_eq!(crate::ui_ledger::count(&h, "hash-mismatch"), 1);
    assert_eq!(crate::ui_ledger::count(&h, "the block says its hash is"), 0);
}

#[test]
fn a_language_switch_rewords_a_tampered_chain_without_validating_it_again() {
    let _lang = i18n::isolate_thread(Lang::En);
    let mut chain =
        tokenlens::ledger::demo::build_demo(&tokenlens::ledger::demo::DemoParams::default())
            .unwrap();
    // A replayed nonce breaks block 2's transaction signature and Merkle root.
    chain.blocks[2].txs[0].nonce += 7;
    let mut h = crate::ui_ledger::harness();
    h.state_mut().ledger.chain.set_chain(chain);
    crate::ui_ledger::settle(&mut h);
    h.get_by_label_contains("the transaction was changed after signing");
    h.get_by_label_contains("is not the root of these transactions");
    let validated = h.state().ledger.chain.report_generation();

    choose(&mut h, "Language", "简体中文");
    h.get_by_label_contains("交易在签名后被修改过");
    h.get_by_label_contains("不是这些交易的根");
    assert_eq!(
        crate::ui_ledger::count(&h, "the transaction was changed after signing"),
        0
    );
    assert_eq!(
        h.state().ledger.chain.report_generation(),
        validated,
        "the report is worded again, not computed again"
    );
    assert!(!h.state().ledger.chain.busy(), "no validation is pending");

    choose(&mut h, "语言", "English");
    h.get_by_label_contains("the transaction was changed after signing");
    assert_eq!(crate::ui_ledger::count(&h, "交易在签名后被修改过"), 0);
    assert_eq!(h.state().ledger.chain.report_generation(), validated);
}

#[test]
fn the_peers_lesson_and_a_paste_error_follow_a_language_switch() {
    let _lang = i18n::isolate_thread(Lang::En);
    let mut h = crate::ui_ledger::harness();
    h.run_steps(2);
    h.get_by_label("Peers").click();
    h.run_steps(3);
    h.get_by_label_contains("Step 1 of 6: Everyone agrees");
    h.get_by_label("Peer A");
    choose(&mut h, "Language", "简体中文");
    h.get_by_label_contains("第 1 步，共 6 步：各节点达成一致");
    h.get_by_label("节点 A");
    assert_eq!(
        h.state().ledger.peers.step(),
        (0, 6),
        "the lesson stays where it was"
    );
    choose(&mut h, "语言", "English");

    h.state_mut().ledger.inspect_text("0x12g4");
    h.run_steps(2);
    h.get_by_label("× 'g' at byte 4 is not a hex digit");
    choose(&mut h, "Language", "简体中文");
    h.get_by_label("× 第 4 字节处的 'g' 不是十六进制数字");
    assert!(h.query_by_label_contains("is not a hex digit").is_none());
}

#[test]
fn reasons_validated_once_are_worded_in_the_thread_language() {
    use tokenlens::ledger::demo::{DemoParams, build_demo};
    let mut chain = build_demo(&DemoParams::default()).unwrap();
    chain.blocks[2].txs[0].nonce += 7;
    // Validated once: the reasons are words, worded in the thread's language when asked.
    let report = tokenlens::ledger::Validator::new().validate(&chain);
    let reasons = |lang| {
        let _lang = i18n::isolate_thread(lang);
        report
            .problems
            .iter()
            .map(|p| p.message.text())
            .collect::<Vec<_>>()
    };
    let en = reasons(Lang::En);
    let zh = reasons(Lang::Zh);
    assert_eq!(en.len(), zh.len());
    assert!(
        en.iter()
            .any(|m| m.contains("the transaction was changed after signing")),
        "{en:?}"
    );
    assert!(
        en.iter()
            .any(|m| m.contains("is not the root of these transactions")),
        "{en:?}"
    );
    assert!(
        zh.iter().any(|m| m.contains("交易在签名后被修改过")),
        "{zh:?}"
    );
    assert!(zh.iter().any(|m| m.contains("不是这些交易的根")), "{zh:?}");
    assert!(
        zh.iter().all(|m| !m.contains(" the ")),
        "no English left: {zh:?}"
    );
}

#[test]
fn pasted_ethereum_data_errors_follow_the_language() {
    use tokenlens::i18n::Worded as _;
    use tokenlens::ledger::eth::Address;
    let error = Address::parse("0x12g4").unwrap_err();
    let message = |lang| {
        let _lang = i18n::isolate_thread(lang);
        error.words().text()
    };
    assert_eq!(message(Lang::En), "'g' at byte 4 is not a hex digit");
    assert_eq!(message(Lang::Zh), "第 4 字节处的 'g' 不是十六进制数字");
    assert_eq!(
        error.to_string(),
        "'g' at byte 4 is not a hex digit",
        "Display is English, whatever the language"
    );
}

/// Labels on screen that look like a catalogue key (`ledger.view.chain`): a key shown without its text, or a key
/// missing from the catalogue (`tr` falls back to the key).
fn raw_keys(h: &H) -> Vec<String> {
    let en: std::collections::BTreeMap<String, String> =
        serde_json::from_str(i18n::catalogue_source(Lang::En)).unwrap();
    let prefixes: std::collections::BTreeSet<&str> =
        en.keys().filter_map(|k| k.split('.').next()).collect();
    let looks_like_key = |t: &str| {
        t.split_once('.').is_some_and(|(head, tail)| {
            prefixes.contains(head)
                && !tail.is_empty()
                && tail
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._#-".contains(c))
        })
    };
    let found = std::cell::RefCell::new(Vec::new());
    let hits = h
        .query_all(egui_kittest::kittest::By::new().predicate(|n| {
            let mut raw: Vec<String> = [n.label(), n.value()]
                .into_iter()
                .flatten()
                .filter(|t| looks_like_key(t))
                .collect();
            raw.dedup();
            let hit = !raw.is_empty();
            found.borrow_mut().extend(raw);
            hit
        }))
        .count();
    let mut found = found.into_inner();
    found.sort();
    found.dedup();
    assert_eq!(
        hits == 0,
        found.is_empty(),
        "the nodes and their texts agree"
    );
    found
}

#[test]
fn every_tab_draws_in_chinese_with_no_raw_key_and_no_missing_glyph() {
    use tokenlens::ui::ledger::LedgerView;
    let _lang = i18n::isolate_thread(Lang::En);
    let mut app = TokenLensApp::default();
    app.lang = Lang::Zh;
    app.session.set_input(HS256);
    app.ai.set_input("词元 tokens 🌍".to_owned());
    let mut h = harness(app);
    for tab in Tab::ALL {
        h.state_mut().tab = tab;
        let views: &[LedgerView] = if tab == Tab::Crypto {
            &LedgerView::ALL
        } else {
            &[LedgerView::Chain]
        };
        for &view in views {
            h.state_mut().ledger.settings.view = view;
            crate::ui::settle_all(&mut h);
            let raw = raw_keys(&h);
            assert!(raw.is_empty(), "{tab:?} {view:?}: raw keys {raw:?}");
        }
    }
    h.state_mut().tab = Tab::Crypto;
    h.state_mut().ledger.settings.view = LedgerView::Peers;
    h.run_steps(3);
    h.get_by_label_contains("各节点达成一致");
    h.get_by_label_contains("节点 A");
}

#[test]
fn a_missing_key_on_screen_is_caught() {
    let _lang = i18n::isolate_thread(Lang::Zh);
    let h = egui_kittest::Harness::builder()
        .with_context_setup(tokenlens::ui::fonts::install)
        .build_ui_state(
            |ui, _: &mut TokenLensApp| {
                ui.label(i18n::tr("ledger.no_such_key"));
                ui.label(i18n::tr("ledger.view.chain"));
                ui.label("tokenizer.json");
            },
            TokenLensApp::default(),
        );
    assert_eq!(raw_keys(&h), ["ledger.no_such_key"]);
}

/// The app on the Crypto tab's Inspect view with `input` pasted and decoded.
fn inspecting(input: &str) -> H {
    let mut app = TokenLensApp::default();
    app.tab = Tab::Crypto;
    app.ledger.settings.view = tokenlens::ui::ledger::LedgerView::Inspect;
    app.ledger.inspect.set_input(input);
    let mut h = harness(app);
    h.run();
    h
}

#[test]
fn a_decoded_address_is_reworded_on_a_switch() {
    let _lang = i18n::isolate_thread(Lang::En);
    // EIP-55's own example with one letter's case flipped.
    let mut h = inspecting("0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    // The checksum row of the fields table: the core's verdict.
    let english = "invalid EIP-55 checksum: did you mean";
    assert!(
        h.query_all_by_label_contains(english).count() >= 1,
        "the verdict is shown"
    );
    choose(&mut h, "Language", "简体中文");
    assert!(
        h.query_all_by_label_contains("你是不是想输入").count() >= 1,
        "the verdict is decoded again in Chinese"
    );
    assert_eq!(
        h.query_all_by_label_contains(english).count(),
        0,
        "no English verdict is left"
    );
}

/// Point at the first character of the editor named `label`, long enough for its hover card to show.
fn hover_first_character(h: &mut H, label: &str) {
    let rect = h
        .get_by_role_and_label(Role::MultilineTextInput, label)
        .rect();
    let at = egui::pos2(rect.min.x + 6.0, rect.min.y + 8.0);
    h.input_mut().events.push(egui::Event::PointerMoved(at));
    h.run_steps(3);
}

/// A span's hover card is worded when drawn: after a switch the same span, decoded once, reads in Chinese.
#[test]
fn a_span_card_in_the_inspect_box_is_reworded_on_a_switch() {
    let _lang = i18n::isolate_thread(Lang::En);
    let mut h = inspecting("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    h.ctx.all_styles_mut(|s| s.interaction.tooltip_delay = 0.0);
    let decoded = |h: &H| {
        h.state()
            .ledger
            .inspect
            .inspection()
            .map(|i| std::ptr::from_ref(i) as usize)
    };
    let before = decoded(&h);
    assert!(before.is_some(), "the address decodes");
    // The first character is the "0x" span: its card says what it is.
    assert_eq!(h.query_all_by_label("hex prefix").count(), 0, "no card yet");
    hover_first_character(&mut h, "Ethereum data");
    h.get_by_label("hex prefix");
    choose(&mut h, "Language", "简体中文");
    hover_first_character(&mut h, "以太坊数据");
    h.get_by_label("十六进制前缀");
    assert_eq!(h.query_all_by_label("hex prefix").count(), 0);
    assert_eq!(decoded(&h), before, "worded again, not decoded again");
}

#[test]
fn what_was_stripped_is_listed_with_the_separator_of_the_language() {
    let _lang = i18n::isolate_thread(Lang::En);
    let mut app = TokenLensApp::default();
    app.tab = Tab::Session;
    app.session.set_input(format!("Bearer \"{HS256}\""));
    let mut h = harness(app);
    h.run();
    h.get_by_label(
        "Stripped before decoding: the \"Bearer\" scheme, surrounding whitespace, surrounding quotes.",
    );

    choose(&mut h, "Language", "简体中文");
    h.get_by_label("解码前已去除：“Bearer” 认证方案、两端的空白字符、两端的引号。");
}
