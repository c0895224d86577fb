//! Hostile inputs for the AI core (issue 3 §9): empty text, 10 MB, invalid tokenizer.json, NUL bytes, lone
//! surrogates escaped in JSON, a 100k-character line. Each gives a result or a clear error, never a panic.

use tokenlens::ai::{AiDoc, AiError, EncodeOptions, Loaded, Progress, Vocab, decode_ids};

use crate::ai_chunks::loaded;

fn doc(vocab: Vocab, text: &str) -> AiDoc {
    AiDoc::new(
        loaded(vocab),
        text.to_owned(),
        EncodeOptions::default(),
        &Progress::default(),
    )
    .unwrap()
}

/// Every byte of the text lies in some token, and token ranges never go backwards.
fn assert_covers(d: &AiDoc) {
    let mut covered = vec![false; d.text().len()];
    let mut last_start = 0;
    for t in d.tokens() {
        assert!(t.start >= last_start, "token starts never go backwards");
        last_start = t.start;
        covered[t.range()].fill(true);
    }
    assert_eq!(
        covered.iter().position(|c| !c),
        None,
        "every byte is in a token"
    );
}

#[test]
fn empty_text_has_no_tokens_in_every_vocabulary() {
    for v in Vocab::ALL {
        let d = doc(v, "");
        assert_eq!(d.count(), 0, "{}", v.name());
        assert!(d.spanned().unwrap().spans().is_empty());
    }
}

#[test]
fn nul_bytes_and_control_characters_are_tokens() {
    let text = "a\0b\u{1}\u{7f}\0\0 end\r\n";
    for v in [Vocab::O200k, Vocab::Llama3, Vocab::MistralV1] {
        let d = doc(v, text);
        assert!(d.count() >= 5, "{}", v.name());
        assert_covers(&d);
    }
}

#[test]
fn a_100k_character_line_is_one_piece_or_cut_only_at_spaces() {
    let no_spaces = "词".repeat(100_000);
    let d = doc(Vocab::O200k, &no_spaces);
    assert_eq!(d.chunk_count(), 1, "no safe cut in a line without spaces");
    assert_covers(&d);
    let words = "token ".repeat(20_000);
    let d = doc(Vocab::O200k, &words);
    assert!(
        d.chunk_count() > 1,
        "a long line with spaces is cut at spaces"
    );
    // o200k: "token" then " token" × 19,999, then the trailing space.
    assert_eq!(d.count(), 20_001);
    assert_covers(&doc(Vocab::MistralV1, &words));
}

#[test]
fn ten_megabytes_encode_in_parallel_chunks() {
    let line = "Ten megabytes of 文本 and code: fn main() { println!(\"{}\", 42); }\n";
    let text = line.repeat((10 << 20) / line.len() + 1);
    assert!(text.len() >= 10 << 20);
    let d = doc(Vocab::O200k, &text);
    let per_line = doc(Vocab::O200k, line).count();
    assert_eq!(
        d.count(),
        per_line * (text.len() / line.len()),
        "lines end with a cut point, so the count is the per-line count times the lines"
    );
    assert!(d.chunk_count() > 100);
}

#[test]
fn invalid_tokenizer_json_is_a_clear_error() {
    let cases: [(&[u8], &str); 5] = [
        (b"", "line 1"),
        (b"{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}", "line 1"),
        (b"[1, 2, 3]", "line 1"),
        (b"\xff\xfe not json", "line 1"),
        // A lone surrogate, escaped, as an added token: not a Unicode scalar value.
        (
            b"{\"added_tokens\": [{\"id\": 0, \"content\": \"\\ud800\", \"special\": true}],\n \"model\": {\"type\": \"BPE\", \"vocab\": {}, \"merges\": []}}",
            "line 1",
        ),
    ];
    for (json, place) in cases {
        let err = Loaded::from_json(json, None, "bad.json".into()).unwrap_err();
        assert!(
            matches!(err, AiError::Parse(_) | AiError::JsonAt { .. }),
            "a parse error, got {err:?}"
        );
        let msg = err.to_string();
        assert!(msg.contains(place), "{msg:?} names {place}");
    }
    // Structurally valid JSON that is not a tokenizer.
    let err =
        Loaded::from_json(b"{\"model\": {\"type\": \"Nope\"}}", None, "x.json".into()).unwrap_err();
    assert!(matches!(err, AiError::Parse(_)), "{err:?}");
    // A real file cut in half.
    let json = Vocab::BertUncased.json().unwrap();
    let err = Loaded::from_json(&json[..json.len() / 2], None, "half.json".into()).unwrap_err();
    assert!(err.to_string().contains("line"), "{err}");
}

#[test]
fn decoding_hostile_id_lists_gives_positioned_errors() {
    let l = loaded(Vocab::Qwen3);
    for (input, needle) in [
        ("[1, 2, x]", "\"x\" at 7..8"),
        ("99999999999999999999999", "is not a token id"),
        ("4294967295", "outside this vocabulary"),
        (
            "151669",
            "outside this vocabulary (ids run from 0 to 151668)",
        ),
    ] {
        let err = decode_ids(l, input).unwrap_err().to_string();
        assert!(err.contains(needle), "{input}: {err}");
    }
    assert!(decode_ids(l, "").unwrap().is_empty());
}
