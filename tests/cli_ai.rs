//! `tokenlens ai …` run as a real process: the `--json` contract, byte offsets, exit codes and error messages.
//!
//! Known answers come from outside this code: Qwen3, BERT and o200k ids from the research note and
//! assets/tokenizers/SOURCES.md, cl100k from tiktoken's own tests, and counts from the tiktoken-rs crate.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_tokenlens");

/// Run the binary with `args`, feeding `stdin` (or closing it). Returns (exit code, stdout, stderr).
pub(crate) fn run(args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut pipe = child.stdin.take().unwrap();
    if let Some(input) = stdin {
        // The binary may stop reading early (an oversized input); a closed pipe is expected then.
        let _ = pipe.write_all(input);
    }
    drop(pipe);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Run and parse stdout as JSON, asserting exit 0.
fn run_json(args: &[&str], stdin: Option<&[u8]>) -> Value {
    let (code, out, err) = run(args, stdin);
    assert_eq!(code, 0, "{args:?} exits 0: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?} prints JSON ({e}): {out}"))
}

/// A fresh directory under the system temp dir for this test.
fn temp_dir(label: &str) -> PathBuf {
    #[expect(
        clippy::disallowed_methods,
        reason = "tests need a scratch directory for input files"
    )]
    let base = std::env::temp_dir();
    let dir = base.join(format!("tokenlens-cli-ai-{label}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn ids(v: &Value) -> Vec<u64> {
    v["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_u64().unwrap())
        .collect()
}

fn ranges(v: &Value) -> Vec<(u64, u64)> {
    v["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["start"].as_u64().unwrap(), t["end"].as_u64().unwrap()))
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn list_names_every_vocabulary_and_model() {
    let v = run_json(&["ai", "list", "--json"], None);
    let vocabs = v["vocabularies"].as_array().unwrap();
    assert_eq!(vocabs.len(), 10, "ten bundled vocabularies");
    assert!(
        vocabs
            .iter()
            .any(|x| x["name"] == "o200k_harmony" && x["byte_level"] == true)
    );
    assert!(
        vocabs
            .iter()
            .any(|x| x["name"] == "gemma3" && x["byte_level"] == false)
    );
    assert!(
        vocabs.iter().any(|x| x["name"] == "cl100k_base"
            && x["byte_level"] == true
            && x["chunkable"] == true)
    );
    assert!(
        vocabs.iter().all(|x| x.get("vocab_size").is_none()),
        "sizes need --sizes"
    );
    let models = v["models"].as_array().unwrap();
    let gpt4o = models.iter().find(|m| m["id"] == "gpt-4o").unwrap();
    assert_eq!(gpt4o["encoding"], "o200k_base");
    assert_eq!(gpt4o["name"], "GPT-4o");
    assert!(gpt4o.get("chat").is_some());
    let (code, out, _) = run(&["ai", "list"], None);
    assert_eq!(code, 0);
    assert!(
        out.contains("o200k_base") && out.contains("gpt-4o"),
        "{out}"
    );
}

#[test]
fn tokenize_gives_ids_byte_offsets_text_and_bytes() {
    // Qwen3 "Hello world!" → [9707, 1879, 0] (docs/research/ai-tokens.md, Hugging Face tokenizer).
    let v = run_json(
        &["ai", "tokenize", "--tokenizer", "qwen3", "--json"],
        Some(b"Hello world!"),
    );
    assert_eq!(v["tokenizer"], "qwen3");
    assert_eq!(v["count"], 3);
    assert_eq!(ids(&v), [9707, 1879, 0]);
    assert_eq!(ranges(&v), [(0, 5), (5, 11), (11, 12)]);
    let tokens = v["tokens"].as_array().unwrap();
    assert_eq!(tokens[1]["text"], " world");
    assert_eq!(tokens[1]["bytes_hex"], hex(b" world"));
    // The model id and display name reach the same vocabulary; text mode is one line per token.
    let (code, out, _) = run(
        &["ai", "tokenize", "--tokenizer", "Qwen3 8B", "-"],
        Some(b"Hello world!"),
    );
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], format!("9707\t0..5\tHello\t{}", hex(b"Hello")));
    assert_eq!(lines.len(), 4, "three tokens and a count line: {out}");
    assert!(lines[3].starts_with("count: 3"), "{out}");
}

#[test]
fn cl100k_known_answer_from_tiktoken() {
    // tiktoken's README / tests: "tiktoken is great!" with cl100k_base.
    let v = run_json(
        &["ai", "tokenize", "--tokenizer", "gpt-4", "--json"],
        Some(b"tiktoken is great!"),
    );
    assert_eq!(ids(&v), [83, 1609, 5963, 374, 2294, 0]);
    assert_eq!(v["bos"], serde_json::json!([]));
}

#[test]
fn bert_reports_but_does_not_count_cls_and_sep() {
    // BERT base uncased "Hello world!" with special tokens → [101, 7592, 2088, 999, 102].
    let v = run_json(
        &[
            "ai",
            "tokenize",
            "--tokenizer",
            "bert_base_uncased",
            "--json",
        ],
        Some(b"Hello world!"),
    );
    assert_eq!(ids(&v), [7592, 2088, 999]);
    assert_eq!(v["count"], 3);
    assert_eq!(v["bos"], serde_json::json!([101]));
    assert_eq!(v["eos"], serde_json::json!([102]));
    assert_eq!(
        v["tokens"][0]["text"], "Hello",
        "text is the input slice, not the lowercased token"
    );
}

#[test]
fn special_token_text_is_plain_unless_parsed() {
    // o200k "<|endoftext|>" parsed → [199999].
    let parsed = run_json(
        &[
            "ai",
            "tokenize",
            "--tokenizer",
            "o200k_base",
            "--special",
            "parse",
            "--json",
        ],
        Some(b"<|endoftext|>"),
    );
    assert_eq!(ids(&parsed), [199_999]);
    assert_eq!(ranges(&parsed), [(0, 13)]);
    assert_eq!(parsed["tokens"][0]["special"], true);
    for args in [
        &["ai", "tokenize", "--tokenizer", "o200k_base", "--json"][..],
        &[
            "ai",
            "tokenize",
            "--tokenizer",
            "o200k_base",
            "--special",
            "text",
            "--json",
        ],
    ] {
        let plain = run_json(args, Some(b"<|endoftext|>"));
        let got = ids(&plain);
        assert!(
            got.len() > 1 && !got.contains(&199_999),
            "{args:?}: {got:?}"
        );
        let expected: Vec<u64> = tiktoken_rs::o200k_base_singleton()
            .encode_ordinary("<|endoftext|>")
            .into_iter()
            .map(u64::from)
            .collect();
        assert_eq!(got, expected, "tiktoken-rs encode_ordinary agrees");
    }
}

#[test]
fn emoji_fragments_share_the_character_range() {
    let globe = "🌍";
    let v = run_json(
        &["ai", "tokenize", "--tokenizer", "cl100k_base", "--json"],
        Some(globe.as_bytes()),
    );
    let tokens = v["tokens"].as_array().unwrap();
    assert!(tokens.len() > 1, "the globe is split into byte fragments");
    for t in tokens {
        assert_eq!((t["start"].as_u64(), t["end"].as_u64()), (Some(0), Some(4)));
        assert_eq!(t["text"], globe);
    }
    let joined: Vec<&str> = tokens
        .iter()
        .map(|t| t["bytes_hex"].as_str().unwrap())
        .collect();
    assert_eq!(joined.join(" "), hex(globe.as_bytes()));
}

#[test]
fn empty_input_has_no_tokens() {
    let v = run_json(
        &["ai", "tokenize", "--tokenizer", "qwen3", "--json"],
        Some(b""),
    );
    assert_eq!(v["count"], 0);
    assert_eq!(v["tokens"], serde_json::json!([]));
}

#[test]
fn control_characters_stay_on_one_line() {
    let (code, out, _) = run(
        &["ai", "tokenize", "--tokenizer", "qwen3"],
        Some(b"a\n\tb\\"),
    );
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    let (count, rows) = lines.split_last().unwrap();
    assert!(count.starts_with("count: "), "{out}");
    for row in rows {
        assert_eq!(row.split('\t').count(), 4, "{row:?}");
    }
    assert!(out.contains("\\n") && out.contains("\\t"), "{out}");
}

#[test]
fn count_several_tokenizers_on_a_file() {
    let dir = temp_dir("count");
    let file = dir.join("hello.txt");
    let text = "Hello world!";
    std::fs::write(&file, text).unwrap();
    let file_arg = file.to_str().unwrap();
    let v = run_json(
        &[
            "ai",
            "count",
            "--tokenizer",
            "gpt-4o,cl100k_base,bert_base_uncased",
            file_arg,
            "--json",
        ],
        None,
    );
    assert_eq!(v["characters"], 12);
    assert_eq!(v["bytes"], 12);
    let counts = v["counts"].as_array().unwrap();
    let names: Vec<&str> = counts.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["gpt-4o", "cl100k_base", "bert_base_uncased"]);
    assert_eq!(counts[0]["encoding"], "o200k_base");
    let o200k = tiktoken_rs::o200k_base_singleton()
        .encode_ordinary(text)
        .len();
    let cl100k = tiktoken_rs::cl100k_base_singleton()
        .encode_ordinary(text)
        .len();
    assert_eq!(counts[0]["count"], o200k);
    assert_eq!(counts[1]["count"], cl100k);
    assert_eq!(counts[2]["count"], 3, "BERT without [CLS] and [SEP]");

    // Characters and bytes differ outside ASCII; text mode is a table.
    let wide = "Hi 🌍 词元\n";
    std::fs::write(&file, wide).unwrap();
    let (code, out, _) = run(&["ai", "count", "--tokenizer", "gpt-4", file_arg], None);
    assert_eq!(code, 0);
    let expected = tiktoken_rs::cl100k_base_singleton()
        .encode_ordinary(wide)
        .len();
    assert!(
        out.lines()
            .any(|l| l.starts_with("gpt-4 ") && l.ends_with(&format!(" {expected}"))),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "characters: {}   bytes: {}",
            wide.chars().count(),
            wide.len()
        )),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn decode_ids_back_to_text() {
    let (code, out, _) = run(
        &["ai", "decode", "--tokenizer", "qwen3", "[9707, 1879, 0]"],
        None,
    );
    assert_eq!(code, 0);
    assert_eq!(out, "Hello world!\n");
    let v = run_json(
        &[
            "ai",
            "decode",
            "--tokenizer",
            "qwen3",
            "9707",
            "1879",
            "0",
            "--json",
        ],
        None,
    );
    assert_eq!(v["text"], "Hello world!");
    assert_eq!(v["parts"], serde_json::json!([{"text": "Hello world!"}]));
    // o200k: special tokens come out as they are spelled.
    let (code, out, _) = run(
        &["ai", "decode", "--tokenizer", "gpt-4o", "199999"],
        Some(b""),
    );
    assert_eq!(code, 0);
    assert_eq!(out, "<|endoftext|>\n");
    // Ids on standard input.
    let (code, out, _) = run(
        &["ai", "decode", "--tokenizer", "gpt-4"],
        Some(b"83 1609 5963 374 2294 0\n"),
    );
    assert_eq!(code, 0);
    assert_eq!(out, "tiktoken is great!\n");
}

#[test]
fn a_lone_fragment_decodes_to_bytes_not_a_replacement_character() {
    let v = run_json(
        &["ai", "tokenize", "--tokenizer", "cl100k_base", "--json"],
        Some("🌍".as_bytes()),
    );
    let first = &v["tokens"][0];
    let id = first["id"].as_u64().unwrap().to_string();
    let bytes_hex = first["bytes_hex"].as_str().unwrap();
    assert!(
        "🌍".len() > bytes_hex.split(' ').count(),
        "the first token is a fragment"
    );
    let (code, out, _) = run(&["ai", "decode", "--tokenizer", "cl100k_base", &id], None);
    assert_eq!(code, 0);
    assert_eq!(out, format!("<{bytes_hex}>\n"));
    assert!(!out.contains('\u{FFFD}'));
    let d = run_json(
        &["ai", "decode", "--tokenizer", "cl100k_base", &id, "--json"],
        None,
    );
    assert_eq!(d["parts"], serde_json::json!([{ "bytes_hex": bytes_hex }]));
}

#[test]
fn unknown_tokenizer_lists_the_valid_names() {
    let (code, out, err) = run(&["ai", "tokenize", "--tokenizer", "gpt-9"], Some(b"hi"));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("tokenlens:") && err.contains("gpt-9"), "{err}");
    assert!(
        err.contains("o200k_base") && err.contains("gpt-4o") && err.contains("qwen3"),
        "{err}"
    );
    let (code, _, err) = run(&["ai", "count", "--tokenizer", "gpt-4o,nope"], Some(b"hi"));
    assert_eq!(code, 2);
    assert!(err.contains("\"nope\""), "{err}");
}

#[test]
fn a_missing_tokenizer_file_is_named_as_a_file() {
    let dir = temp_dir("missing");
    let missing = dir.join("no-such-tokenizer.json");
    let missing = missing.to_string_lossy();
    let (code, _, err) = run(&["ai", "tokenize", "--tokenizer", &missing], Some(b"hi"));
    assert_eq!(code, 2);
    assert!(
        err.contains(&*missing) && err.contains("no such file"),
        "{err}"
    );
    assert!(!err.contains("o200k_base"), "not the list of names: {err}");
    let dir = dir.to_string_lossy();
    let (code, _, err) = run(&["ai", "tokenize", "--tokenizer", &dir], Some(b"hi"));
    assert_eq!(code, 2);
    assert!(err.contains("is a directory"), "{err}");
}

#[test]
fn text_in_no_token_is_warned_about() {
    let dir = temp_dir("dropped");
    let tiny = dir.join("tiny.json");
    std::fs::write(&tiny, crate::ui_ai::TINY_BPE).unwrap();
    let tiny = tiny.to_string_lossy();
    let (code, out, err) = run(
        &["ai", "tokenize", "--tokenizer", &tiny, "--json"],
        Some(b"abc\n"),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap()["count"], 1);
    assert!(
        err.contains("warning: tiny.json: 2 characters") && err.contains("\"b\" at byte 1"),
        "{err}"
    );
    let (_, _, err) = run(
        &["ai", "count", "--tokenizer", "o200k_base"],
        Some(b"abc\n"),
    );
    assert!(
        !err.contains("warning"),
        "byte-level BPE covers every byte: {err}"
    );
}

#[test]
fn out_of_range_id_is_named() {
    let (code, out, err) = run(
        &["ai", "decode", "--tokenizer", "qwen3", "9707", "99999999"],
        None,
    );
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("99999999"), "{err}");
    assert!(err.contains("5..13"), "names where it is: {err}");
    let (code, _, err) = run(&["ai", "decode", "--tokenizer", "qwen3", "1", "x"], None);
    assert_eq!(code, 2);
    assert!(err.contains("\"x\""), "{err}");
}

#[test]
fn invalid_utf8_names_the_offset() {
    let (code, _, err) = run(
        &["ai", "tokenize", "--tokenizer", "qwen3"],
        Some(b"Hello \xFF world"),
    );
    assert_eq!(code, 2);
    assert!(err.contains("UTF-8") && err.contains("offset 6"), "{err}");
    let dir = temp_dir("utf8");
    let file = dir.join("bad.txt");
    std::fs::write(&file, b"ok\xC3(").unwrap();
    let (code, _, err) = run(
        &[
            "ai",
            "count",
            "--tokenizer",
            "qwen3",
            file.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("offset 2") && err.contains("bad.txt"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn oversized_input_is_refused() {
    let big = vec![b'a'; 64 * 1024 * 1024 + 1];
    let (code, _, err) = run(&["ai", "count", "--tokenizer", "qwen3"], Some(&big));
    assert_eq!(code, 2);
    assert!(err.contains("64 MiB"), "{err}");
}

#[test]
fn missing_file_and_broken_tokenizer_json() {
    let dir = temp_dir("broken");
    let (code, _, err) = run(
        &[
            "ai",
            "tokenize",
            "--tokenizer",
            "qwen3",
            dir.join("missing.txt").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("missing.txt"), "{err}");

    let broken = dir.join("tokenizer.json");
    std::fs::write(&broken, "{\n  \"model\": {\"type\": \"BPE\",\n").unwrap();
    let (code, out, err) = run(
        &["ai", "tokenize", "--tokenizer", broken.to_str().unwrap()],
        Some(b"hi"),
    );
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("tokenizer.json"), "{err}");
    assert!(
        err.contains("line 3") && err.contains("column"),
        "the parse error names line and column: {err}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_tokenizer_json_file_loads_from_a_path() {
    // A tiny WordLevel tokenizer written by hand: ids are whatever the file says.
    let dir = temp_dir("wordlevel");
    let path = dir.join("tiny.json");
    std::fs::write(
        &path,
        r#"{"version":"1.0","truncation":null,"padding":null,"added_tokens":[],"normalizer":null,
"pre_tokenizer":{"type":"Whitespace"},"post_processor":null,"decoder":null,
"model":{"type":"WordLevel","vocab":{"[UNK]":0,"hello":1,"world":2},"unk_token":"[UNK]"}}"#,
    )
    .unwrap();
    let v = run_json(
        &[
            "ai",
            "tokenize",
            "--tokenizer",
            path.to_str().unwrap(),
            "--json",
        ],
        Some(b"hello there world"),
    );
    assert_eq!(v["tokenizer"], "tiny.json");
    assert_eq!(ids(&v), [1, 0, 2]);
    assert_eq!(ranges(&v), [(0, 5), (6, 11), (12, 17)]);
    let _ = std::fs::remove_dir_all(dir);
}
