//! Differential fuzzing of the fast byte-level BPE engine against the `tokenizers` crate: any UTF-8 text, every
//! vocabulary the fast engine serves, both special-token modes. The first byte picks the vocabulary and mode; the
//! engines must give the same ids and byte offsets, and neither may panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tokenlens::ai::{Loaded, Token, Vocab};

const FAST: [Vocab; 6] = [
    Vocab::O200k,
    Vocab::Cl100k,
    Vocab::R50k,
    Vocab::Llama3,
    Vocab::Qwen3,
    Vocab::ClaudeLegacy,
];

fn engines(i: usize) -> &'static (Loaded, Loaded) {
    static ALL: [OnceLock<(Loaded, Loaded)>; 6] = [const { OnceLock::new() }; 6];
    ALL[i].get_or_init(|| {
        let v = FAST[i];
        let fast = Loaded::bundled(v).expect("bundled loads");
        assert!(fast.is_fast());
        (fast, Loaded::reference(v).expect("reference loads"))
    })
}

fn encode(l: &Loaded, text: &str, special_as_text: bool) -> Vec<Token> {
    l.with_mode(special_as_text, |e| e.encode(text, 0))
        .expect("encodes")
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (fast, reference) = engines(usize::from(pick) % FAST.len());
    let special_as_text = pick & 0x80 != 0;
    assert_eq!(
        encode(fast, text, special_as_text),
        encode(reference, text, special_as_text),
        "{}: fast engine differs on {text:?}",
        fast.name
    );
});
