//! A user's tokenizer must never freeze anything (issue 13): loads and encodes have a time budget and a Cancel
//! button in the app and `--timeout` in the CLI; WordPiece's word length is capped; id lists reject empty items;
//! a tokenizer path that is a device is read capped, not called missing.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tokenlens::app::TokenLensApp;
use tokenlens::ui::ai::View;

use crate::cli_ai::run;
use crate::ui::{harness, settle_ai};
use crate::ui_ai::ai_app;

/// A WordPiece tokenizer that passes every cap but is slow on purpose: only single letters are in the vocabulary,
/// so each long word tries every shorter piece at every start (about a cube of its length).
fn slow_wordpiece(max_chars: u32) -> String {
    let mut vocab = vec![r#""[UNK]":0"#.to_owned()];
    for (i, c) in ('a'..='z').enumerate() {
        vocab.push(format!(r#""{c}":{}"#, 1 + 2 * i));
        vocab.push(format!(r###""##{c}":{}"###, 2 + 2 * i));
    }
    format!(
        r###"{{"version":"1.0","truncation":null,"padding":null,
        "added_tokens":[{{"id":0,"content":"[UNK]","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true}}],
        "normalizer":null,"pre_tokenizer":{{"type":"WhitespaceSplit"}},"post_processor":null,
        "decoder":{{"type":"WordPiece","prefix":"##","cleanup":true}},
        "model":{{"type":"WordPiece","unk_token":"[UNK]","continuing_subword_prefix":"##","max_input_chars_per_word":{max_chars},
        "vocab":{{{}}}}}}}"###,
        vocab.join(",")
    )
}

/// `words` words of 200 letters each.
fn long_words(words: usize) -> String {
    let word: String = ('a'..='z').cycle().take(200).collect();
    vec![word; words].join(" ")
}

fn write_temp(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile_budget");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The app on the AI tab with the slow tokenizer opened and picked.
fn with_slow_tokenizer(budget: Duration) -> Harness<'static, TokenLensApp> {
    let mut h = harness(ai_app("gpt-4o", View::Tokens));
    settle_ai(&mut h);
    h.state_mut().ai.set_tokenizer_budget(budget);
    let ctx = h.ctx.clone();
    h.state_mut().ai.open_tokenizer(
        &ctx,
        "slow.json".to_owned(),
        slow_wordpiece(200).into_bytes(),
    );
    settle_ai(&mut h);
    assert_eq!(h.state().ai.settings.model, "custom", "the file loaded");
    h
}

/// Step until a label containing `text` shows.
fn wait_for_label(h: &mut Harness<'_, TokenLensApp>, text: &str) {
    crate::ui::settle_until(h, &format!("{text:?} shows"), |h| {
        h.query_by_label_contains(text).is_some()
    });
}

#[test]
fn a_slow_tokenizer_is_given_up_after_its_budget_and_the_tab_stays_usable() {
    let mut h = with_slow_tokenizer(Duration::from_millis(300));
    h.state_mut().ai.set_input(long_words(2000));
    let start = Instant::now();
    wait_for_label(&mut h, "took longer than");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "gave up on time: {:?}",
        start.elapsed()
    );
    assert!(!h.state().ai.busy(), "nothing is waited for any more");
    // The message and its button are on screen, inside the 1280×800 window.
    let bounds = h.get_by_label("Try again").rect();
    assert!(bounds.max.y < 800.0 && bounds.max.x < 1280.0, "{bounds:?}");
    // Another edit does not start the slow tokenizer again by itself …
    h.state_mut().ai.set_input(long_words(1999));
    h.run_steps(3);
    assert!(
        !h.state().ai.busy(),
        "a stopped tokenizer waits for Try again"
    );
    // … and a bundled vocabulary works at once: the stuck thread no longer blocks the tab.
    "gpt-4o".clone_into(&mut h.state_mut().ai.settings.model);
    let start = Instant::now();
    settle_ai(&mut h);
    assert!(h.state().ai.token_count().is_some_and(|n| n > 0));
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn cancel_stops_waiting_and_try_again_starts_over() {
    let mut h = with_slow_tokenizer(Duration::from_mins(1));
    h.state_mut().ai.set_input(long_words(2000));
    wait_for_label(&mut h, "Tokenizing…");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    h.get_by_label_contains("Tokenizing was cancelled");
    assert!(!h.state().ai.busy());
    h.get_by_label("Try again").click();
    h.run_steps(3);
    assert!(h.state().ai.busy(), "the encode starts again");
    h.get_by_label_contains("Tokenizing…");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(!h.state().ai.busy());
}

#[test]
fn a_slow_tokenizer_file_load_can_be_cancelled_and_has_the_same_budget() {
    let mut h = harness(ai_app("gpt-4o", View::Tokens));
    settle_ai(&mut h);
    // A zero budget: every load takes longer, so it is given up whether or not it finished before the frame looked.
    h.state_mut().ai.set_tokenizer_budget(Duration::ZERO);
    let ctx = h.ctx.clone();
    h.state_mut().ai.open_tokenizer(
        &ctx,
        "slow.json".to_owned(),
        slow_wordpiece(200).into_bytes(),
    );
    h.run_steps(2);
    h.get_by_label_contains("Loading slow.json took longer than 0 s");
    assert_eq!(
        h.state().ai.settings.model,
        "gpt-4o",
        "nothing was swapped in"
    );
}

#[test]
fn the_cli_gives_up_after_its_timeout_with_exit_2() {
    let tokenizer = write_temp("slow.json", &slow_wordpiece(200));
    let text = write_temp("words.txt", &long_words(20_000));
    let start = Instant::now();
    let (code, _, err) = run(
        &[
            "ai",
            "count",
            "--tokenizer",
            tokenizer.to_str().unwrap(),
            "--timeout",
            "1",
            text.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("gave up after 1 s (--timeout 1)"), "{err}");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn a_wordpiece_word_limit_above_the_cap_is_refused_with_the_cap() {
    let tokenizer = write_temp("huge_words.json", &slow_wordpiece(1_000_000));
    let (code, _, err) = run(
        &[
            "ai",
            "count",
            "--tokenizer",
            tokenizer.to_str().unwrap(),
            "-",
        ],
        Some(b"hello"),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("words of 1000000 characters"), "{err}");
    assert!(err.contains("at most 200"), "{err}");
    // BERT's own limit (100) and the cap itself load.
    for ok in [100, 200] {
        let tokenizer = write_temp("ok_words.json", &slow_wordpiece(ok));
        let (code, out, err) = run(
            &[
                "ai",
                "count",
                "--tokenizer",
                tokenizer.to_str().unwrap(),
                "-",
            ],
            Some(b"hello world"),
        );
        assert_eq!(code, 0, "{ok}: {err}");
        assert!(out.contains("ok_words.json"), "{out}");
    }
}

#[test]
fn an_empty_item_in_an_id_list_is_an_error_with_its_place() {
    for (ids, at) in [("1,2,,3", 4), (",1", 0), ("[1, ,2]", 4), ("1;;2", 2)] {
        let (code, _, err) = run(&["ai", "decode", "--tokenizer", "gpt-4o", ids], None);
        assert_eq!(code, 2, "{ids}: {err}");
        assert!(
            err.contains(&format!("empty item at byte {at}")),
            "{ids}: {err}"
        );
    }
    for ids in ["[1, 2, 3,]", "1 2 3", "1,\n2,\n3"] {
        let (code, out, err) = run(&["ai", "decode", "--tokenizer", "gpt-4o", ids], None);
        assert_eq!(code, 0, "{ids}: {err}");
        assert_eq!(out.trim_end(), "\"#$", "{ids}");
    }
}

#[test]
fn a_tokenizer_path_that_is_a_device_is_read_capped_not_called_missing() {
    let (code, _, err) = run(
        &["ai", "count", "--tokenizer", "/dev/zero", "-"],
        Some(b"hi"),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("larger than 64 MiB"), "{err}");
    assert!(!err.contains("no such file"), "{err}");
    let (code, _, err) = run(
        &["ai", "count", "--tokenizer", "/no/such/tokenizer.json", "-"],
        Some(b"hi"),
    );
    assert_eq!(code, 2);
    assert!(err.contains("no such file"), "{err}");
}

#[test]
fn a_slow_tokenizer_column_in_compare_is_dropped_after_its_budget() {
    let mut h = with_slow_tokenizer(Duration::from_millis(300));
    h.state_mut().ai.settings.view = View::Compare;
    h.state_mut().ai.set_input(long_words(2000));
    // The main model is the user's tokenizer too: pick a bundled one so only the column is slow.
    "gpt-4o".clone_into(&mut h.state_mut().ai.settings.model);
    settle_ai(&mut h);
    h.get_by_label("slow.json (your file)").click();
    h.run_steps(2);
    wait_for_label(&mut h, "took longer than");
    settle_ai(&mut h);
    // The two bundled columns compare again without it.
    h.state_mut().ai.set_input("Hello world".to_owned());
    settle_ai(&mut h);
    assert!(h.query_by_label_contains("took longer than").is_none());
    assert!(!h.state().ai.busy());
}
