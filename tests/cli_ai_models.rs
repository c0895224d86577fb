//! `tokenlens ai` says which models' counts are estimates (a stand-in for a vocabulary that is unpublished or not
//! bundled): every such model, in `list`, `count` and `tokenize`, as text and as JSON; exact models never do.

use serde_json::Value;
use tokenlens::ai::{Count, MODELS};

use super::cli_ai::run;

fn json(args: &[&str], stdin: Option<&[u8]>) -> Value {
    let (code, out, err) = run(args, stdin);
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str(&out).unwrap()
}

fn is_estimate(id: &str) -> bool {
    MODELS
        .iter()
        .any(|m| m.id == id && m.count == Count::Estimate)
}

#[test]
fn the_catalogue_has_estimates_for_claude_gemini_and_deepseek() {
    for id in ["claude-sonnet-4-5", "gemini-2.5-pro", "deepseek-r1"] {
        assert!(is_estimate(id), "{id}");
    }
    for id in ["gpt-5", "o3-mini", "qwen3-32b", "claude-2.1"] {
        assert!(!is_estimate(id), "{id}");
    }
}

#[test]
fn list_marks_every_estimate() {
    let v = json(&["ai", "list", "--json"], None);
    let models = v["models"].as_array().unwrap();
    assert_eq!(models.len(), MODELS.len());
    for m in models {
        let id = m["id"].as_str().unwrap();
        assert_eq!(m["estimate"], is_estimate(id), "{id}");
    }
    let (code, out, _) = run(&["ai", "list"], None);
    assert_eq!(code, 0);
    for m in MODELS {
        let row = out
            .lines()
            .find(|l| l.starts_with(&format!("{} ", m.id)))
            .unwrap_or_else(|| panic!("{} is listed: {out}", m.id));
        let word = if m.count == Count::Estimate {
            " estimate"
        } else {
            " exact"
        };
        assert!(row.ends_with(word), "{row:?} ends with{word}");
    }
    assert!(out.contains("estimate: these models"), "{out}");
}

#[test]
fn count_marks_every_estimate() {
    let all: Vec<&str> = MODELS.iter().map(|m| m.id).collect();
    let tokenizers = all.join(",");
    let text = "Hello world! 你好，世界 🚀\n".as_bytes();
    let v = json(
        &["ai", "count", "--tokenizer", &tokenizers, "--json"],
        Some(text),
    );
    let rows = v["counts"].as_array().unwrap();
    assert_eq!(rows.len(), all.len());
    for row in rows {
        let id = row["name"].as_str().unwrap();
        assert_eq!(row["estimate"], is_estimate(id), "{id}");
        assert!(row["count"].as_u64().unwrap() > 0, "{id}");
    }
    let (code, out, err) = run(&["ai", "count", "--tokenizer", &tokenizers], Some(text));
    assert_eq!(code, 0, "{err}");
    for m in MODELS {
        let row = out
            .lines()
            .find(|l| l.starts_with(&format!("{} ", m.id)))
            .unwrap_or_else(|| panic!("{} is counted: {out}", m.id));
        let marked = row.ends_with("  estimate");
        assert_eq!(marked, m.count == Count::Estimate, "{row:?}");
        if !marked {
            assert!(row.ends_with(|c: char| c.is_ascii_digit()), "{row:?}");
        }
    }
    assert!(out.contains("estimate: these models"), "{out}");
    // An encoding name, and an exact model alone, carry no estimate note.
    let (_, out, _) = run(
        &["ai", "count", "--tokenizer", "claude_legacy,gpt-5"],
        Some(text),
    );
    assert!(!out.contains("estimate"), "{out}");
}

#[test]
fn tokenize_says_a_count_is_an_estimate() {
    let text = b"Hello world!";
    // One model per stand-in vocabulary: each run loads it again (the Gemma 3 one is slow in debug builds).
    let mut seen = Vec::new();
    for m in MODELS.iter().filter(|m| m.count == Count::Estimate) {
        if seen.contains(&m.vocab) {
            continue;
        }
        seen.push(m.vocab);
        let (code, out, err) = run(&["ai", "tokenize", "--tokenizer", m.id], Some(text));
        assert_eq!(code, 0, "{err}");
        let note = format!("Estimate: {} has no published or bundled tokenizer", m.name);
        assert!(
            out.lines().last().is_some_and(|l| l.starts_with(&note)),
            "{out}"
        );
        assert!(out.contains(m.vocab.name()), "{out}");
    }
    let v = json(
        &["ai", "tokenize", "--tokenizer", "gemini-2.5-pro", "--json"],
        Some(text),
    );
    assert_eq!(v["estimate"], true);
    let v = json(
        &["ai", "tokenize", "--tokenizer", "gpt-5", "--json"],
        Some(text),
    );
    assert_eq!(v["estimate"], false);
    let (_, out, _) = run(&["ai", "tokenize", "--tokenizer", "gpt-5"], Some(text));
    assert!(!out.contains("Estimate"), "{out}");
}
