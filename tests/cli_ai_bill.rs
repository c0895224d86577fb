//! `tokenlens ai bill` run as a real process: the table, `--json`, `--csv`, the fresh-chat comparison, exit codes
//! and error positions. The sample is `tests/data/chat_bill.json` (written for these tests).

use serde_json::Value;

use crate::cli_ai::run;

const SAMPLE: &[u8] = include_bytes!("data/chat_bill.json");

fn json(args: &[&str], stdin: &[u8]) -> Value {
    let (code, out, err) = run(args, Some(stdin));
    assert_eq!(code, 0, "{args:?} exits 0: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?} prints JSON ({e}): {out}"))
}

fn column(v: &Value, key: &str) -> Vec<u64> {
    v["bill"]["turns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t[key].as_u64().unwrap())
        .collect()
}

#[test]
fn bill_counts_the_template_and_resends_the_history() {
    // OpenAI chat format: 4 framing tokens per message (cookbook: 3, plus the role) and 3 to prime the reply.
    // "Hi", "Hello", "Hey" and "Bye" are one o200k token each.
    let chat = br#"{"model": "gpt-4o", "messages": [
        {"role": "system", "content": "Hi"},
        {"role": "user", "content": "Hello"},
        {"role": "assistant", "content": "Hey"},
        {"role": "user", "content": "Bye"}]}"#;
    let v = json(&["ai", "bill", "--json"], chat);
    assert_eq!(v["model"], "gpt-4o");
    assert_eq!(
        column(&v, "input_tokens"),
        [13, 23],
        "5 + 3 + 5; then + 5 + 5"
    );
    assert_eq!(
        column(&v, "cached_tokens"),
        [0, 13],
        "the first request is the cached prefix"
    );
    assert_eq!(
        column(&v, "output_tokens"),
        [5, 0],
        "the last turn has no reply yet"
    );
    assert_eq!(v["conversation"]["system_tokens"], 5);
    assert_eq!(v["overheads"]["priming"], 3);
}

#[test]
fn the_sample_as_a_table() {
    let (code, out, err) = run(&["ai", "bill"], Some(SAMPLE));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("model: GPT-4o (gpt-4o) · o200k_base"),
        "the dated id is billed as gpt-4o: {out}"
    );
    assert!(out.contains("assumption: prompt caching hit"), "{out}");
    assert!(out.contains("TURN"), "{out}");
    assert!(
        out.contains("every turn fits in the context window"),
        "{out}"
    );
    // The image part is `detail: low`: GPT-4o's rule counts it without a size (85 tokens), so nothing is left out.
    assert!(!out.contains("not counted"), "{out}");
    // With `detail: high` and no size, the rule needs what the part does not give: said, never guessed.
    let high =
        String::from_utf8_lossy(SAMPLE).replace("\"detail\": \"low\"", "\"detail\": \"high\"");
    let (code, out, err) = run(&["ai", "bill"], Some(high.as_bytes()));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("not counted: 1 image(s) (messages[3].content[1]): the model's image rule needs its width and height"),
        "{out}"
    );
    let rows = out
        .lines()
        .filter(|l| {
            l.split_whitespace()
                .next()
                .is_some_and(|w| w.parse::<u32>().is_ok())
        })
        .count();
    assert_eq!(rows, 5, "five turns: {out}");
}

#[test]
fn json_reasoning_images_and_caching() {
    let v = json(&["ai", "bill", "--json"], SAMPLE);
    let input = column(&v, "input_tokens");
    let cached = column(&v, "cached_tokens");
    assert_eq!(input.len(), 5);
    assert!(input.windows(2).all(|w| w[0] < w[1]), "{input:?}");
    assert_eq!(
        &cached[1..],
        &input[..4],
        "each request is the next one's cached prefix"
    );
    assert_eq!(column(&v, "reasoning_tokens"), [0, 384, 0, 0, 0]);
    // The `detail: low` image is counted by GPT-4o's rule (OpenAI's published fixed 85 for low detail).
    assert_eq!(v["images_not_counted"].as_array().unwrap().len(), 0);
    assert_eq!(v["images_counted"], 1);
    // The image is in turn 2's input and in every later one: counting it as 0 instead takes 85 from each.
    let w = json(&["ai", "bill", "--json", "--image-tokens", "0"], SAMPLE);
    let without = column(&w, "input_tokens");
    let diff: Vec<u64> = input.iter().zip(&without).map(|(a, b)| a - b).collect();
    assert_eq!(diff, [0, 85, 85, 85, 85]);
    // Reasoning is billed as output but never re-sent: turn 3's input holds turn 2's reply without it.
    assert!(v["bill"]["total_usd"].as_f64().unwrap() > 0.0);
    let n = json(&["ai", "bill", "--json", "--no-cache"], SAMPLE);
    assert!(column(&n, "cached_tokens").iter().all(|&c| c == 0));
    assert_eq!(n["bill"]["caching"], false);
    assert!(n["bill"]["total_usd"].as_f64() > v["bill"]["total_usd"].as_f64());
}

#[test]
fn csv_has_the_header_and_a_row_per_turn() {
    let (code, out, err) = run(&["ai", "bill", "--csv", "--fresh-at", "3"], Some(SAMPLE));
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], tokenlens::ai::bill::CSV_HEADER);
    assert_eq!(lines.len(), 6, "header and five turns: {out}");
    assert!(lines[1].starts_with("1,"), "{out}");
    let columns = lines[0].split(',').count();
    assert!(
        lines.iter().all(|l| l.split(',').count() == columns),
        "{out}"
    );
}

#[test]
fn a_fresh_chat_is_compared() {
    let v = json(
        &[
            "ai",
            "bill",
            "--json",
            "--fresh-at",
            "4",
            "--summary-tokens",
            "40",
        ],
        SAMPLE,
    );
    let fresh = &v["fresh"];
    assert_eq!(fresh["at"], 4);
    assert_eq!(fresh["summary_tokens"], 40);
    assert!(fresh["saved_input_tokens"].as_i64().unwrap() > 0, "{fresh}");
    assert!(fresh["saved_usd"].as_f64().unwrap() > 0.0, "{fresh}");
    // Images counted as 0, as when these figures were first worked out.
    let (code, out, _) = run(
        &["ai", "bill", "--fresh-at", "4", "--image-tokens", "0"],
        Some(SAMPLE),
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("fresh chat at turn 4 (summary 500 tokens)"),
        "{out}"
    );
    // This short chat is cheaper than a 500-token summary: said as a cost, not a negative saving.
    assert!(
        out.contains("it costs $0.001104 more (410 more input tokens)"),
        "{out}"
    );
    let (code, _, err) = run(&["ai", "bill", "--fresh-at", "9"], Some(SAMPLE));
    assert_eq!(code, 2);
    assert!(err.contains("from 2 to 5"), "{err}");
}

#[test]
fn bad_json_names_the_path_line_and_column() {
    let chat = b"{\n \"messages\": [\n  {\"role\": \"user\", \"content\": 42}\n ]\n}";
    let (code, out, err) = run(&["ai", "bill", "--model", "gpt-4o"], Some(chat));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains(
            "messages[0].content (line 3, column 31): expected a string, an array of parts, or null"
        ),
        "{err}"
    );
    let (code, _, err) = run(
        &["ai", "bill", "--model", "gpt-4o"],
        Some(b"{\"messages\": [\n{\"role\": \"user\",}"),
    );
    assert_eq!(code, 2);
    assert!(err.contains("Not JSON: line 2, column 17"), "{err}");
    let (code, _, err) = run(
        &["ai", "bill", "--model", "gpt-4o"],
        Some(b"[{\"role\": \"robot\"}]"),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("[0].role (line 1, column 11): unknown role \"robot\""),
        "{err}"
    );
}

#[test]
fn the_model_comes_from_the_flag_or_the_file() {
    let bare = br#"[{"role": "user", "content": "Hello"}]"#;
    let (code, _, err) = run(&["ai", "bill"], Some(bare));
    assert_eq!(code, 2);
    assert!(err.contains("no model: pass --model"), "{err}");
    let v = json(&["ai", "bill", "--json", "--model", "qwen3-8b"], SAMPLE);
    assert_eq!(v["model"], "qwen3-8b");
    assert_eq!(v["bill"]["caching"], false, "no cached-input price");
    let (code, _, err) = run(&["ai", "bill", "--model", "o200k_base"], Some(bare));
    assert_eq!(code, 2);
    assert!(err.contains("an encoding, not a model"), "{err}");
    // A model name from the file is escaped: it cannot drive the terminal.
    let evil = b"{\"model\": \"x\\u001b]52;c;SGk=\\u0007\", \"messages\": []}";
    let (code, _, err) = run(&["ai", "bill"], Some(evil));
    assert_eq!(code, 2);
    assert!(!err.contains('\u{1b}') && err.contains("\\u{1b}"), "{err}");
}

#[test]
fn oversized_stdin_is_refused() {
    let big = vec![b' '; 64 * 1024 * 1024 + 1];
    let (code, out, err) = run(&["ai", "bill", "--model", "gpt-4o"], Some(&big));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("64 MiB"), "{err}");
}
