//! Hostile tokenizer.json files (issue 13, "Crashes" and "Unbounded work" 3–5): files that make the `tokenizers`
//! crate panic at load or at encode, a look-ahead that makes encoding quadratic, and 100k added tokens. Each gives
//! an error that names the problem, in the library and in the CLI (exit 2, one clean line), never a panic.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use base64::Engine as _;
use tokenlens::ai::{
    AiError, EncodeOptions, Loaded, MAX_ADDED_TOKENS, MAX_LOOK_AROUND_CHARS, MAX_PATTERN_BYTES,
    Progress, Vocab, encode_text,
};

use crate::cli_ai::run;

/// A minimal WordPiece tokenizer.json with `normalizer`, `pre_tokenizer`, `post_processor` and `added_tokens`
/// spliced in as raw JSON.
fn wordpiece(normalizer: &str, pre_tokenizer: &str, post_processor: &str, added: &str) -> String {
    format!(
        r###"{{"version":"1.0","truncation":null,"padding":null,"added_tokens":{added},
"normalizer":{normalizer},"pre_tokenizer":{pre_tokenizer},"post_processor":{post_processor},"decoder":null,
"model":{{"type":"WordPiece","unk_token":"[UNK]","continuing_subword_prefix":"##",
"max_input_chars_per_word":100,"vocab":{{"[UNK]":0,"a":1,"b":2,"c":3,"##a":4,"##b":5,"##c":6}}}}}}"###
    )
}

/// A minimal BPE tokenizer.json with a pre-tokenizer spliced in.
fn bpe(pre_tokenizer: &str) -> String {
    format!(
        r#"{{"version":"1.0","truncation":null,"padding":null,"added_tokens":[],"normalizer":null,
"pre_tokenizer":{pre_tokenizer},"post_processor":null,"decoder":null,
"model":{{"type":"BPE","dropout":null,"unk_token":null,"continuing_subword_prefix":null,
"end_of_word_suffix":null,"fuse_unk":false,"byte_fallback":false,
"vocab":{{"a":0,"b":1,"c":2,"ab":3}},"merges":[["a","b"]]}}}}"#
    )
}

/// A Precompiled normalizer whose double-array trie has `units` zero entries and no normalized text. Every byte
/// `c` of the input is looked up at index `c` (root offset 0): with one unit, `a` already indexes out of bounds;
/// with 98 units, `a` (97) is in bounds and `b` (98) is not.
fn precompiled(units: usize) -> String {
    let mut map = ((units * 4) as u32).to_le_bytes().to_vec();
    map.extend(std::iter::repeat_n(0u8, units * 4));
    let b64 = base64::engine::general_purpose::STANDARD.encode(&map);
    format!(r#"{{"type":"Precompiled","precompiled_charsmap":"{b64}"}}"#)
}

/// TemplateProcessing that puts `[CLS]` before the text but defines no `[CLS]`.
const UNDEFINED_SPECIAL: &str = r#"{"type":"TemplateProcessing",
"single":[{"SpecialToken":{"id":"[CLS]","type_id":0}},{"Sequence":{"id":"A","type_id":0}}],
"pair":[{"Sequence":{"id":"A","type_id":0}},{"Sequence":{"id":"B","type_id":1}}],
"special_tokens":{}}"#;

const WHITESPACE: &str = r#"{"type":"Whitespace"}"#;

fn split(pattern: &str) -> String {
    format!(
        r#"{{"type":"Split","pattern":{{"Regex":{}}},"behavior":"Isolated","invert":false}}"#,
        serde_json::to_string(pattern).unwrap()
    )
}

fn added_tokens(n: usize) -> String {
    let items: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"id":{},"content":"tok{i}","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":false}}"#,
                7 + i
            )
        })
        .collect();
    format!("[{}]", items.join(","))
}

fn load(json: &str) -> Result<Loaded, AiError> {
    Loaded::from_json(json.as_bytes(), None, "hostile.json".into())
}

fn encode(loaded: &Loaded, text: &str) -> Result<usize, AiError> {
    encode_text(loaded, text, EncodeOptions::default(), &Progress::default()).map(|t| t.len())
}

fn temp_file(label: &str, json: &str) -> PathBuf {
    #[expect(
        clippy::disallowed_methods,
        reason = "tests need a scratch directory for input files"
    )]
    let base = std::env::temp_dir();
    let dir = base.join(format!(
        "tokenlens-hostile-tokenizer-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{label}.json"));
    std::fs::write(&path, json).unwrap();
    path
}

/// Run `tokenlens ai <command> --tokenizer <file>` on `text`: it must exit 2 with one line on stderr that
/// contains `expect`, print nothing on stdout, and show no trace of a panic.
fn assert_cli_refuses(label: &str, json: &str, text: &str, expect: &str) {
    let path = temp_file(label, json);
    let path = path.to_string_lossy();
    for command in ["tokenize", "count"] {
        let (code, out, err) = run(
            &["ai", command, "--tokenizer", &path],
            Some(text.as_bytes()),
        );
        assert_eq!(code, 2, "{label}: {command} exits 2: {err}");
        assert!(out.is_empty(), "{label}: nothing on stdout: {out}");
        assert!(
            err.starts_with("tokenlens: ") && err.contains(expect),
            "{label}: {err}"
        );
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
            "{label}: no panic output: {err}"
        );
    }
}

#[test]
fn the_skeletons_are_good_tokenizers() {
    let wp = load(&wordpiece("null", WHITESPACE, "null", "[]")).unwrap();
    assert_eq!(encode(&wp, "abc b").unwrap(), 4);
    let b = load(&bpe(WHITESPACE)).unwrap();
    assert_eq!(encode(&b, "abc").unwrap(), 2);
}

#[test]
fn a_charsmap_that_indexes_out_of_bounds_at_load_is_an_error() {
    // One unit: the probe encode of "a" at load reads past the trie.
    let json = wordpiece(&precompiled(1), WHITESPACE, "null", "[]");
    let err = load(&json).unwrap_err();
    assert!(
        matches!(err, AiError::Crashed(ref m) if m.contains("index out of bounds")),
        "{err:?}"
    );
    assert_cli_refuses("charsmap-load", &json, "abc", "crashed");
}

#[test]
fn a_charsmap_that_claims_more_than_it_has_is_refused_before_loading() {
    let mut map = 0xFFFF_FFFCu32.to_le_bytes().to_vec();
    map.extend([0u8; 8]);
    let b64 = base64::engine::general_purpose::STANDARD.encode(&map);
    let normalizer = format!(r#"{{"type":"Precompiled","precompiled_charsmap":"{b64}"}}"#);
    let json = wordpiece(&normalizer, WHITESPACE, "null", "[]");
    let err = load(&json).unwrap_err();
    assert_eq!(
        err,
        AiError::BadCharsmap {
            len: 12,
            trie: 0xFFFF_FFFC
        }
    );
    // An empty trie (no root) is refused too.
    let json = wordpiece(&precompiled(0), WHITESPACE, "null", "[]");
    assert!(matches!(load(&json), Err(AiError::BadCharsmap { .. })));
    assert_cli_refuses("charsmap-size", &json, "abc", "charsmap");
}

#[test]
fn an_unpadded_charsmap_is_checked_as_the_loader_reads_it() {
    // Found by the tokenizer_json fuzz target: the loader's base64 accepts missing or extra padding, so a charsmap
    // that a strict decoder rejects still reached it and claimed a 5.8 GB trie (the allocation aborted the process).
    let mut map = 0xAE_2D_01_88u32.to_le_bytes().to_vec();
    map.extend([0u8; 9]);
    let padded = base64::engine::general_purpose::STANDARD.encode(&map);
    for b64 in [padded.trim_end_matches('='), &format!("{padded}==")] {
        let normalizer = format!(r#"{{"type":"Precompiled","precompiled_charsmap":"{b64}"}}"#);
        let json = wordpiece(&normalizer, WHITESPACE, "null", "[]");
        let err = load(&json).unwrap_err();
        assert!(
            matches!(err, AiError::BadCharsmap { .. } | AiError::Parse(_)),
            "{b64}: {err:?}"
        );
    }
    let normalizer = format!(
        r#"{{"type":"Precompiled","precompiled_charsmap":"{}"}}"#,
        padded.trim_end_matches('=')
    );
    let json = wordpiece(&normalizer, WHITESPACE, "null", "[]");
    assert_cli_refuses("charsmap-unpadded", &json, "abc", "charsmap");
}

#[test]
fn a_charsmap_that_indexes_out_of_bounds_at_encode_breaks_only_that_tokenizer() {
    let json = wordpiece(&precompiled(98), WHITESPACE, "null", "[]");
    let loaded = load(&json).expect("\"a\" stays inside the trie, so it loads");
    assert_eq!(encode(&loaded, "aaa").unwrap(), 3, "a, ##a, ##a");
    let err = encode(&loaded, "ab").unwrap_err();
    assert!(
        matches!(err, AiError::Crashed(ref m) if m.contains("index out of bounds")),
        "{err:?}"
    );
    assert!(loaded.is_broken());
    assert_eq!(
        encode(&loaded, "aaa"),
        Err(AiError::Broken),
        "a tokenizer that panicked is never used again"
    );
    // Other tokenizers in the process are unaffected.
    let good = load(&wordpiece("null", WHITESPACE, "null", "[]")).unwrap();
    assert_eq!(encode(&good, "ab").unwrap(), 2);
    assert_cli_refuses("charsmap-encode", &json, "ab", "crashed");
}

#[test]
fn a_template_naming_an_undefined_special_token_is_an_error() {
    let json = wordpiece("null", WHITESPACE, UNDEFINED_SPECIAL, "[]");
    let err = load(&json).unwrap_err();
    assert!(matches!(err, AiError::Crashed(_)), "{err:?}");
    assert_cli_refuses("template", &json, "abc", "crashed");
}

#[test]
fn an_unbounded_look_ahead_in_a_split_pattern_is_refused() {
    let json = bpe(&split("(?=(a+)+c)"));
    let started = Instant::now();
    let err = load(&json).unwrap_err();
    assert!(
        matches!(err, AiError::PatternLookAround { ref pattern, max } if pattern.contains("(?=(a+)+c)") && max == MAX_LOOK_AROUND_CHARS),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(
        err.to_string().contains(&MAX_LOOK_AROUND_CHARS.to_string()),
        "the message names the cap: {err}"
    );
    assert_cli_refuses("look-ahead", &json, &"a".repeat(100_000), "look-around");
    // Inside a Sequence, and with `.*`.
    let seq = format!(
        r#"{{"type":"Sequence","pretokenizers":[{WHITESPACE},{}]}}"#,
        split(r"\w(?=.*z)")
    );
    assert!(matches!(
        load(&bpe(&seq)),
        Err(AiError::PatternLookAround { .. })
    ));
}

#[test]
fn backreferences_nested_repetition_and_long_patterns_are_refused() {
    assert!(matches!(
        load(&bpe(&split(r"(a)\1"))),
        Err(AiError::PatternBackreference(_))
    ));
    assert!(matches!(
        load(&bpe(&split("(?:ab+)+c"))),
        Err(AiError::PatternNestedRepetition(_))
    ));
    let long = "(?:ab)?".repeat(MAX_PATTERN_BYTES / 7 + 1);
    let err = load(&bpe(&split(&long))).unwrap_err();
    assert_eq!(
        err,
        AiError::PatternTooLong {
            len: long.len(),
            max: MAX_PATTERN_BYTES
        }
    );
    assert!(err.to_string().contains(&MAX_PATTERN_BYTES.to_string()));
    assert_cli_refuses("long-pattern", &bpe(&split(&long)), "ab", "1024");
}

#[test]
fn the_gpt2_look_ahead_of_a_user_tokenizer_is_accepted() {
    // The pattern every GPT-2-family tokenizer.json carries: `\s+(?!\S)` looks at one character.
    let pattern = r"'(?:[sdmt]|ll|ve|re)| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";
    let loaded = load(&bpe(&split(pattern))).unwrap();
    assert_eq!(
        encode(&loaded, "ab  c").unwrap(),
        2,
        "ab, c; the spaces are in no token"
    );
}

#[test]
fn every_bundled_vocabulary_passes_the_caps_of_a_user_file() {
    for vocab in Vocab::ALL {
        let json = vocab.json().unwrap();
        let loaded = Loaded::from_json(&json, None, vocab.name().into());
        assert!(loaded.is_ok(), "{}: {:?}", vocab.name(), loaded.err());
    }
}

#[test]
fn too_many_added_tokens_are_refused_at_once() {
    let json = wordpiece(
        "null",
        WHITESPACE,
        "null",
        &added_tokens(MAX_ADDED_TOKENS + 1),
    );
    let started = Instant::now();
    let err = load(&json).unwrap_err();
    assert_eq!(
        err,
        AiError::TooManyAddedTokens {
            count: MAX_ADDED_TOKENS + 1,
            max: MAX_ADDED_TOKENS
        }
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "refused before loading"
    );
    assert!(err.to_string().contains(&MAX_ADDED_TOKENS.to_string()));
    assert_cli_refuses("added-tokens", &json, "abc", &MAX_ADDED_TOKENS.to_string());
}

#[test]
fn added_tokens_up_to_the_cap_load_in_reasonable_time() {
    let json = wordpiece("null", WHITESPACE, "null", &added_tokens(MAX_ADDED_TOKENS));
    let started = Instant::now();
    let loaded = load(&json).unwrap();
    let took = started.elapsed();
    assert_eq!(loaded.vocab_size(), 7 + MAX_ADDED_TOKENS);
    assert_eq!(encode(&loaded, "tok5 a tok19999").unwrap(), 3);
    assert!(
        took < Duration::from_secs(10),
        "{MAX_ADDED_TOKENS} added tokens load in {took:?}"
    );
}

/// Open `json` in the AI tab as a dropped tokenizer.json, type `text`, and wait for the workers.
fn ui_open(json: &str, text: &str) -> egui_kittest::Harness<'static, tokenlens::app::TokenLensApp> {
    let mut h = crate::ui::harness(crate::ui_ai::ai_app(
        "gpt-4o",
        tokenlens::ui::ai::View::Tokens,
    ));
    crate::ui::settle_ai(&mut h);
    let ctx = h.ctx.clone();
    h.state_mut()
        .ai
        .open_tokenizer(&ctx, "hostile.json".into(), json.as_bytes().to_vec());
    crate::ui::settle_ai(&mut h);
    h.state_mut().ai.set_input(text.to_owned());
    crate::ui::settle_ai(&mut h);
    h
}

#[test]
fn the_ai_tab_shows_a_crash_at_load_as_an_error_line() {
    use egui_kittest::kittest::Queryable as _;
    let h = ui_open(
        &wordpiece("null", WHITESPACE, UNDEFINED_SPECIAL, "[]"),
        "abc",
    );
    h.get_by_label_contains("Could not open hostile.json: the tokenizers library crashed");
    assert_ne!(
        h.state().ai.settings.model,
        "custom",
        "the broken file is not used"
    );
}

#[test]
fn the_ai_tab_shows_a_crash_at_encode_and_stops_using_the_tokenizer() {
    use egui_kittest::kittest::Queryable as _;
    let mut h = ui_open(&wordpiece(&precompiled(98), WHITESPACE, "null", "[]"), "ab");
    assert_eq!(h.state().ai.settings.model, "custom");
    h.get_by_label_contains("the tokenizers library crashed");
    h.state_mut().ai.set_input("aaa".to_owned());
    crate::ui::settle_ai(&mut h);
    h.get_by_label_contains("this tokenizer crashed earlier and is no longer used");
}

#[test]
fn the_ai_tab_names_the_cap_a_file_exceeds() {
    use egui_kittest::kittest::Queryable as _;
    let h = ui_open(&bpe(&split("(?=(a+)+c)")), &"a".repeat(10_000));
    h.get_by_label_contains("has a look-around that can look at more than 32 characters");
}
