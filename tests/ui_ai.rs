//! The AI tab driven headless through AccessKit labels with egui_kittest: pick a model, paste, count, hover,
//! compare, decode, chat.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tokenlens::ai::Vocab;
use tokenlens::app::{Tab, TokenLensApp};
use tokenlens::ui::ai::View;

use crate::ui::{harness, settle_ai};

/// Click at a point with the primary button (a place inside a widget, not its centre).
fn click_at(h: &mut Harness<'_, TokenLensApp>, at: egui::Pos2) {
    h.input_mut().events.push(egui::Event::PointerMoved(at));
    h.step();
    for pressed in [true, false] {
        h.input_mut().events.push(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::default(),
        });
    }
    h.run_steps(2);
}

/// The app on the AI tab with `model` picked and `view` shown.
pub(crate) fn ai_app(model: &str, view: View) -> TokenLensApp {
    let mut app = TokenLensApp::default();
    app.tab = Tab::Ai;
    model.clone_into(&mut app.ai.settings.model);
    app.ai.settings.view = view;
    app
}

#[test]
fn pick_a_model_paste_text_and_see_the_count() {
    let mut h = harness(ai_app("gpt-4o", View::Tokens));
    h.run_steps(2);
    h.get_by_label("Model").click();
    h.run_steps(4);
    h.get_by_label("Qwen3 8B · qwen3").click_accesskit();
    h.run_steps(4);
    assert_eq!(h.state().ai.settings.model, "qwen3-8b");
    h.get_by_label("Prompt").focus();
    h.run_steps(1);
    h.get_by_label("Prompt").type_text("Hello world!");
    settle_ai(&mut h);
    // Qwen3 "Hello world!" = [9707, 1879, 0] (docs/research/ai-tokens.md §3).
    assert_eq!(h.state().ai.token_count(), Some(3));
    h.get_by_label("4.00"); // 12 characters / 3 tokens
    h.get_by_label_contains("9707");
    h.get_by_label_contains("Qwen3 8B · qwen3");
}

#[test]
fn hovering_a_token_shows_its_id_and_bytes() {
    let mut app = ai_app("gpt-4", View::Tokens);
    app.ai.set_input("Hi 🌍".to_owned());
    let mut h = harness(app);
    h.ctx.all_styles_mut(|s| s.interaction.tooltip_delay = 0.0);
    settle_ai(&mut h);
    let rect = h.get_by_label("Prompt").rect();
    // The first character of the token view: "Hi" is cl100k id 13347.
    let at = egui::pos2(rect.min.x + 6.0, rect.min.y + 8.0);
    h.input_mut().events.push(egui::Event::PointerMoved(at));
    h.run_steps(3);
    h.get_by_label_contains("id 13347");
    // 🌍 is split into byte fragments: the group card lists its bytes, never a bare replacement character.
    let at = egui::pos2(rect.min.x + 26.0, rect.min.y + 8.0);
    h.input_mut().events.push(egui::Event::PointerMoved(at));
    h.run_steps(3);
    h.get_by_label_contains("F0 9F 8C 8D");
}

#[test]
fn compare_two_tokenizers() {
    let mut app = ai_app("gpt-4", View::Compare);
    app.ai.settings.compare = vec![Vocab::R50k, Vocab::Cl100k];
    app.ai.set_input("antidisestablishmentarianism".to_owned());
    let mut h = harness(app);
    settle_ai(&mut h);
    // OpenAI cookbook: r50k 5 tokens, cl100k 6 tokens.
    h.get_by_label_contains("5 tokens ·");
    h.get_by_label_contains("6 tokens ·");
    assert!(
        h.query_all_by_label("r50k_base").count() >= 2,
        "checkbox and column"
    );
}

#[test]
fn decode_ids_and_out_of_range_errors() {
    let mut app = ai_app("qwen3-8b", View::Tokens);
    app.ai.set_input("x".to_owned());
    let mut h = harness(app);
    settle_ai(&mut h);
    h.get_by_label("Ids to decode").focus();
    h.run_steps(1);
    h.get_by_label("Ids to decode").type_text("[9707, 1879, 0]");
    h.run_steps(3);
    h.get_by_label("Hello world!");
    h.get_by_label("Ids to decode").type_text(" 999999999");
    h.run_steps(3);
    h.get_by_label_contains("id 999999999 at 16..25 is outside this vocabulary");
}

#[test]
fn chat_mode_counts_the_framing() {
    let mut h = harness(ai_app("llama-3.1-8b", View::Chat));
    settle_ai(&mut h);
    h.get_by_label_contains("for the framing");
    h.get_by_role_and_label(Role::Button, "Add message").click();
    settle_ai(&mut h);
    assert!(
        h.query_all_by_label_contains("Message ").count() >= 3,
        "three messages"
    );
}

#[test]
fn a_megabyte_prompt_is_tokenized_off_the_ui_thread() {
    let mut app = ai_app("gpt-4o", View::Tokens);
    let text = "Token Lens 词元 🌍 counts tokens.\n".repeat(30_000);
    app.ai.set_input(text.clone());
    let mut h = harness(app);
    h.step();
    assert!(h.state().ai.busy(), "the work runs on workers");
    settle_ai(&mut h);
    let n = h.state().ai.token_count().unwrap();
    assert!(n > 200_000, "{n} tokens");
    // Click into the prompt editor and type: the key edits the prompt and only its chunk is re-encoded.
    let rect = h.get_by_label("Prompt").rect();
    let at = rect.min + egui::vec2(3.0, 8.0);
    click_at(&mut h, at);
    h.input_mut()
        .events
        .push(egui::Event::Text("Hello ".to_owned()));
    h.step();
    h.input_mut().events.push(egui::Event::Key {
        key: egui::Key::Backspace,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::default(),
    });
    settle_ai(&mut h);
    let input = &h.state().ai.input();
    assert!(
        input.starts_with("Hello") && !input.starts_with("Hello "),
        "typed at the caret, then one backspace: {:?}",
        &input[..20]
    );
    assert_eq!(input.len(), text.len() + 5);
    assert_eq!(
        h.state().ai.token_count(),
        Some(n + 1),
        "\"Hello\" adds one token before \"Token\""
    );
}

#[test]
fn switching_model_in_chat_redraws_with_the_new_template() {
    let mut h = harness(ai_app("gpt-4o", View::Chat));
    settle_ai(&mut h);
    h.get_by_label_contains("for the framing");
    // ChatML text is shorter than the OpenAI framing: old rows must never be used on the new text.
    "qwen3-8b".clone_into(&mut h.state_mut().ai.settings.model);
    settle_ai(&mut h);
    h.get_by_label_contains("<|im_start|>");
    "llama-3.1-8b".clone_into(&mut h.state_mut().ai.settings.model);
    settle_ai(&mut h);
    h.get_by_label_contains("<|start_header_id|>");
}

#[test]
fn typing_before_a_multibyte_character_in_a_large_prompt() {
    let mut app = ai_app("gpt-4o", View::Tokens);
    app.ai
        .set_input("é词🌍 wide characters first\n".repeat(4000));
    let mut h = harness(app);
    settle_ai(&mut h);
    let rect = h.get_by_label("Prompt").rect();
    let at = rect.min + egui::vec2(2.0, 8.0);
    click_at(&mut h, at);
    for key in ["a", "b"] {
        h.input_mut().events.push(egui::Event::Text(key.to_owned()));
        h.step();
    }
    settle_ai(&mut h);
    assert!(
        h.state().ai.input().starts_with("abé词"),
        "{:?}",
        &h.state().ai.input()[..12]
    );
}

#[test]
fn dropping_files_on_the_ai_tab() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("ai_drop");
    std::fs::create_dir_all(&dir).unwrap();
    let tokenizer = dir.join("my_tokenizer.json");
    std::fs::write(&tokenizer, Vocab::MistralV1.json().unwrap()).unwrap();
    let prompt = dir.join("prompt.txt");
    std::fs::write(&prompt, "Hello world!").unwrap();
    let binary = dir.join("image.json");
    std::fs::write(&binary, b"\x01\x02\xc3\x28 binary").unwrap();
    let broken_png = dir.join("broken.png");
    std::fs::write(&broken_png, b"\x89PNG\r\n\x1a\n\xff\xfe").unwrap();
    let drop = |h: &mut Harness<'_, TokenLensApp>, path: &std::path::Path| {
        h.input_mut()
            .dropped_files
            .push(std::sync::Arc::new(crate::ui::DroppedPath(path.to_owned())));
        h.run_steps(2);
    };

    let mut h = harness(ai_app("gpt-4o", View::Tokens));
    settle_ai(&mut h);
    drop(&mut h, &tokenizer);
    settle_ai(&mut h);
    assert_eq!(
        h.state().ai.settings.model,
        "custom",
        "a dropped tokenizer.json is used"
    );
    drop(&mut h, &prompt);
    settle_ai(&mut h);
    assert_eq!(h.state().ai.input(), "Hello world!");
    // Mistral v1 "Hello world!" without <s>: [22557, 1526, 28808] (mistral-tokenizer-js README).
    assert_eq!(h.state().ai.token_count(), Some(3));
    h.get_by_label("my_tokenizer.json"); // the encoding line of the counts
    drop(&mut h, &binary);
    h.get_by_label_contains("image.json is not UTF-8 text: the first bad byte is at offset 2");
    assert_eq!(
        h.state().ai.input(),
        "Hello world!",
        "a bad file never replaces the prompt"
    );
    // A PNG signature goes to the Images & media view, whose error says what is wrong; the prompt stays.
    drop(&mut h, &broken_png);
    crate::ui::settle_until(&mut h, "the image is read", |h| !h.state().ai.busy());
    assert_eq!(h.state().ai.settings.view, View::Media);
    h.get_by_label_contains("the image header is broken");
    assert_eq!(h.state().ai.input(), "Hello world!");
}

#[test]
fn a_tokenizer_opened_with_the_file_picker_flags_text_it_cannot_spell() {
    // A BPE vocabulary of "a" alone, with no unknown token: "b" and "c" are in no token.
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("ai_dropped");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let tokenizer = dir.join("tiny.json");
    std::fs::write(&tokenizer, TINY_BPE).unwrap();
    let mut h = harness(ai_app("gpt-4o", View::Tokens));
    settle_ai(&mut h);
    // Open it through the file picker: it starts in the folder typed, lists the file, opens the one selected.
    h.get_by_label("Open tokenizer.json…").focus();
    h.run_steps(1);
    h.get_by_label("Open tokenizer.json…")
        .type_text(dir.to_str().unwrap());
    h.run_steps(1);
    h.get_by_label("Browse…").click();
    h.run_steps(2);
    h.get_by_label("🗋 tiny.json").click();
    h.run_steps(1);
    h.get_all_by_label("Open").last().unwrap().click();
    h.run_steps(2);
    settle_ai(&mut h);
    assert_eq!(h.state().ai.settings.model, "custom");
    h.state_mut().ai.set_input("abc a".to_owned());
    settle_ai(&mut h);
    assert_eq!(h.state().ai.token_count(), Some(2));
    h.get_by_label_contains("2 characters (not counting whitespace) are in no token");
    h.get_by_label_contains("The first is b at byte 1.");
}

/// A BPE tokenizer.json whose vocabulary is "a" alone.
pub(crate) const TINY_BPE: &str = r#"{"model":{"type":"BPE","vocab":{"a":0},"merges":[]},
"pre_tokenizer":{"type":"Whitespace"}}"#;

#[test]
fn a_pricing_json_in_the_config_directory_overrides_the_bundled_prices() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("ai_pricing");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(tokenlens::ai::OVERRIDE_FILE);
    std::fs::write(
        &file,
        r#"{"as_of":"2030-01-01","models":[{"id":"gpt-4o","source":"my contract","input_per_1m":1000000.0,"context_window":4}]}"#,
    )
    .unwrap();
    let mut app = ai_app("gpt-4o", View::Tokens);
    app.ai = tokenlens::ui::ai::AiTab::new(app.ai.settings.clone(), Some(dir));
    app.ai.set_input("Hello world!".to_owned());
    let mut h = harness(app);
    settle_ai(&mut h);
    // Three tokens at $1 a token, in a 4-token window.
    h.get_by_label_contains("$3.00");
    h.get_by_label_contains("3 / 4 tokens (75.0%)");
    h.get_by_label_contains(&format!("Prices overridden by {}.", file.display()));
    h.get_by_label_contains("source: my contract");

    // A broken file is named with its line, and the bundled prices stay.
    std::fs::write(&file, "{\n \"as_of\": 3").unwrap();
    let mut app = ai_app("gpt-4o", View::Tokens);
    app.ai = tokenlens::ui::ai::AiTab::new(
        app.ai.settings.clone(),
        file.parent().map(ToOwned::to_owned),
    );
    app.ai.set_input("Hello world!".to_owned());
    let mut h = harness(app);
    settle_ai(&mut h);
    h.get_by_label_contains("at $2.5 per 1M tokens");
    h.get_by_label_contains("line 2");
    // A small share of a large window is not shown as 0.0 %.
    h.get_by_label_contains("3 / 128,000 tokens (<0.1%)");
}

#[test]
fn the_price_override_lives_in_the_config_directory() {
    let config = tokenlens::app::config_dir().expect("a home directory");
    assert!(config.ends_with("tokenlens"), "{}", config.display());
    assert_ne!(
        Some(config),
        eframe::storage_dir(tokenlens::app::APP_ID),
        "not the data directory where settings are kept"
    );
}

#[test]
fn tokenizer_info_shows_the_pipeline_and_added_tokens() {
    let mut h = harness(ai_app("llama-3-8b", View::Info));
    settle_ai(&mut h);
    h.get_by_label("BPE");
    h.get_by_label("128,256"); // 128,000 BPE tokens + 256 added
    // The bundled file's post-processor is ByteLevel; the app restores Meta's BOS template.
    h.get_by_label("Sequence[ByteLevel, TemplateProcessing]");
    h.get_by_label_contains("128000  special  <|begin_of_text|>");
    // Llama 3 is on the fast engine, read through its pack; BERT on the tokenizers crate.
    h.get_by_label_contains("fast byte-level BPE");
    h.get_by_label_contains("llama3.bpe.zst");

    let mut h = harness(ai_app("bert-base-uncased", View::Info));
    settle_ai(&mut h);
    h.get_by_label("tokenizers 0.22");
    assert_eq!(
        h.query_all_by_label_contains("fast byte-level BPE").count(),
        0,
        "BERT is not on the fast engine"
    );
    assert_eq!(
        h.query_all_by_label("WordPiece").count(),
        2,
        "model and decoder"
    );
    assert_eq!(
        h.query_all_by_label("30,522").count(),
        2,
        "ids and model entries"
    );
    h.get_by_label("BertNormalizer");
    h.get_by_label_contains("101  special  [CLS]");
}

#[test]
fn bos_and_eos_pills_follow_the_toggle() {
    let mut app = ai_app("bert-base-uncased", View::Tokens);
    app.ai.set_input("Hello world!".to_owned());
    let mut h = harness(app);
    settle_ai(&mut h);
    assert!(h.state().ai.settings.add_special_tokens, "on by default");
    h.get_by_label_contains("[CLS]");
    h.get_by_label_contains("[SEP]");
    h.get_by_label("With BOS/EOS"); // the count with the virtual tokens
    h.get_by_label("Show BOS/EOS").click();
    settle_ai(&mut h);
    assert!(h.query_by_label_contains("[CLS]").is_none(), "pills gone");
}

#[test]
fn the_whitespace_toggle_switches_the_view() {
    let mut app = ai_app("gpt-4o", View::Tokens);
    app.ai.set_input("a b\tc".to_owned());
    let mut h = harness(app);
    settle_ai(&mut h);
    assert!(!h.state().ai.settings.whitespace);
    h.get_by_label("Show whitespace").click();
    settle_ai(&mut h);
    // The widget then draws · → ↵ (tests in ui::highlight); the accessible text stays the real text.
    assert!(
        h.state().ai.settings.whitespace,
        "the toggle reaches the settings"
    );
    assert_eq!(h.get_by_label("Prompt").value().as_deref(), Some("a b\tc"));
}

#[test]
fn all_tokenizers_are_counted_in_one_table() {
    let mut app = ai_app("gpt-4", View::Compare);
    app.ai.set_input("antidisestablishmentarianism".to_owned());
    let mut h = harness(app);
    settle_ai(&mut h);
    h.get_by_label("Count with all tokenizers").click();
    crate::ui::settle_until(&mut h, "every tokenizer counts", |h| {
        h.query_all_by_label("mistral_v1").count() >= 2
    });
    // OpenAI cookbook: r50k 5 tokens, cl100k 6 tokens, for 28 characters.
    // ASCII: characters and bytes per token agree.
    assert!(h.query_all_by_label("5.60").count() >= 2, "r50k");
    assert!(h.query_all_by_label("4.67").count() >= 2, "cl100k");
    for v in Vocab::ALL {
        assert!(
            h.query_all_by_label(v.name()).count() >= 1,
            "{} listed",
            v.name()
        );
    }
}

#[test]
fn the_users_tokenizer_can_be_a_compare_column() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("ai_compare_custom");
    std::fs::create_dir_all(&dir).unwrap();
    let tokenizer = dir.join("tiny.json");
    std::fs::write(&tokenizer, TINY_BPE).unwrap();
    let mut app = ai_app("gpt-4", View::Compare);
    app.ai.settings.compare = vec![Vocab::R50k, Vocab::Cl100k];
    app.ai.set_input("aaaa".to_owned());
    let mut h = harness(app);
    settle_ai(&mut h);
    assert!(
        h.query_by_label("tiny.json (your file)").is_none(),
        "no file yet"
    );
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(crate::ui::DroppedPath(tokenizer)));
    h.run_steps(2);
    settle_ai(&mut h);
    h.get_by_label("tiny.json (your file)").click();
    h.run_steps(2);
    settle_ai(&mut h);
    // Its vocabulary is "a" alone: four tokens, next to the bundled columns.
    h.get_by_label("tiny.json");
    h.get_by_label_contains("4 tokens ·");
    assert!(
        h.query_all_by_label("r50k_base").count() >= 2,
        "checkbox and column"
    );
}

#[test]
fn an_error_is_worded_again_in_the_new_language_without_loading_again() {
    // The language switch changes only this test's thread (other tests run in parallel).
    let _lang = tokenlens::i18n::isolate_thread(tokenlens::i18n::Lang::En);
    let mut h = harness(ai_app("gpt-4o", View::Tokens));
    settle_ai(&mut h);
    let ctx = h.ctx.clone();
    h.state_mut()
        .ai
        .open_tokenizer(&ctx, "bad.json".to_owned(), br#"{"model": 5}"#.to_vec());
    settle_ai(&mut h);
    h.get_by_label_contains(
        "Could not open bad.json: the tokenizer.json is not valid: line 1, column 11",
    );
    // The message is kept as words, not as English text: switching language words it again at once.
    h.state_mut().lang = tokenlens::i18n::Lang::Zh;
    h.run_steps(3);
    assert!(!h.state().ai.busy(), "nothing is loaded again");
    h.get_by_label_contains("无法打开 bad.json：该 tokenizer.json 无效：第 1 行，第 11 列");
    h.state_mut().lang = tokenlens::i18n::Lang::En;
    h.run_steps(3);
    h.get_by_label_contains("Could not open bad.json");
}

#[test]
fn a_model_without_its_own_vocabulary_says_its_count_is_an_estimate() {
    let window = egui::vec2(1280.0, 800.0);
    let mut h = crate::ui::harness_sized(ai_app("gpt-5", View::Tokens), window);
    h.run_steps(2);
    h.get_by_label("Model").click();
    h.run_steps(4);
    h.get_by_label("Claude Sonnet 4.5 · claude_legacy · estimate")
        .click_accesskit();
    h.run_steps(4);
    assert_eq!(h.state().ai.settings.model, "claude-sonnet-4-5");
    h.get_by_label("Prompt").focus();
    h.run_steps(1);
    h.get_by_label("Prompt").type_text("Hello world!");
    settle_ai(&mut h);
    let note = h
        .get_by_label_contains("Estimate: Claude Sonnet 4.5 has no published or bundled tokenizer")
        .rect();
    assert!(
        egui::Rect::from_min_size(egui::Pos2::ZERO, window).contains_rect(note),
        "the note lies inside the window: {note:?}"
    );
    // An exact model shows no such note.
    "gpt-5".clone_into(&mut h.state_mut().ai.settings.model);
    settle_ai(&mut h);
    assert!(h.query_by_label_contains("Estimate:").is_none());
    h.get_by_label_contains("GPT-5 · o200k_base");
}
