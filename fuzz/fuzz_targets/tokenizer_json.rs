//! Coverage-guided fuzz target for a user's tokenizer.json (issue 13): mutated files go through the loader the AI
//! tab and `tokenlens ai --tokenizer FILE` use, and what loads is used to encode and decode. Every call must return
//! a value or an error, never panic or hang: panics inside the `tokenizers` crate come back as
//! `AiError::Crashed`, after which the tokenizer answers `AiError::Broken`; costly files are refused by the caps.
//!
//! Run from `fuzz/`: `RUSTC_BOOTSTRAP=1 cargo fuzz run tokenizer_json -- -max_total_time=600 -dict=tokenizer.dict`

#![no_main]

use libfuzzer_sys::fuzz_target;
use tokenlens::ai::{AiError, EncodeOptions, Loaded, Progress, decode_ids, encode_text};

/// Texts every loaded tokenizer encodes: ASCII words and punctuation, CJK, an emoji, controls, a long run.
const TEXTS: [&str; 4] = [
    "Hello world! It's 2026: tokens, tokens.",
    "词元 トークン 토큰 🚀\u{0}\t\r\n  end",
    "[CLS] <|endoftext|> <s> ##a ▁b",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
];

fuzz_target!(|data: &[u8]| {
    // Larger files only slow the fuzzer down; the caps are tested by tests/hostile_tokenizer.rs.
    if data.len() > 64 * 1024 {
        return;
    }
    let loaded = match Loaded::from_json(data, None, "fuzz.json".into()) {
        Ok(loaded) => loaded,
        Err(e) => {
            assert!(!e.to_string().is_empty(), "an error without a message");
            return;
        }
    };
    let input = String::from_utf8_lossy(&data[..data.len().min(256)]);
    for text in TEXTS.iter().copied().chain([input.as_ref()]) {
        for special_as_text in [true, false] {
            let opts = EncodeOptions {
                special_as_text,
                add_special_tokens: false,
            };
            match encode_text(&loaded, text, opts, &Progress::default()) {
                Ok(tokens) => {
                    for t in &tokens {
                        assert!(t.start <= t.end, "a token ends before it starts");
                        assert!(
                            text.get(t.range()).is_some(),
                            "a token range outside the text or inside a character"
                        );
                    }
                    let ids: Vec<String> = tokens.iter().map(|t| t.id.to_string()).collect();
                    if let Err(e) = decode_ids(&loaded, &ids.join(" ")) {
                        assert!(
                            !e.to_string().is_empty(),
                            "a decode error without a message"
                        );
                    }
                }
                Err(AiError::Crashed(msg)) => {
                    assert!(
                        loaded.is_broken(),
                        "a crash marks the tokenizer broken: {msg}"
                    );
                }
                Err(e) => assert!(!e.to_string().is_empty(), "an error without a message"),
            }
            if loaded.is_broken() {
                assert_eq!(
                    encode_text(&loaded, "a", opts, &Progress::default()).err(),
                    Some(AiError::Broken),
                    "a broken tokenizer is never used again"
                );
                return;
            }
        }
    }
});
