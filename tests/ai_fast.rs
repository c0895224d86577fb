//! The fast byte-level BPE engine gives the same ids and byte offsets as the `tokenizers` crate (the reference), for
//! every vocabulary it serves: on the mixed corpus, the tricky strings, TestPlans samples and random Unicode
//! (proptest), in both special-token modes.

use std::sync::OnceLock;

use proptest::prelude::*;
use tokenlens::ai::{FastBpe, Loaded, Token, Vocab};

use super::ai_chunks::mixed_corpus;
use super::ai_oracles::{corpus, fragment};

/// The vocabularies the fast engine serves.
pub const FAST: [Vocab; 7] = [
    Vocab::O200k,
    Vocab::O200kHarmony,
    Vocab::Cl100k,
    Vocab::R50k,
    Vocab::Llama3,
    Vocab::Qwen3,
    Vocab::ClaudeLegacy,
];

/// The fast engine and the reference, loaded once per vocabulary.
type Engines = (Loaded, Loaded);

fn engines(vocab: Vocab) -> &'static Engines {
    static CACHE: OnceLock<std::sync::Mutex<Vec<(Vocab, &'static Engines)>>> = OnceLock::new();
    let mut guard = CACHE.get_or_init(Default::default).lock().unwrap();
    if let Some((_, l)) = guard.iter().find(|(v, _)| *v == vocab) {
        return l;
    }
    let fast = Loaded::bundled(vocab).unwrap();
    assert!(
        fast.is_fast(),
        "{} is served by the fast engine",
        vocab.name()
    );
    let reference = Loaded::reference(vocab).unwrap();
    assert!(
        !reference.is_fast(),
        "the reference is the tokenizers crate"
    );
    let l: &'static Engines = Box::leak(Box::new((fast, reference)));
    guard.push((vocab, l));
    l
}

fn encode(l: &Loaded, text: &str, special_as_text: bool) -> Vec<Token> {
    l.with_mode(special_as_text, |e| e.encode(text, 0)).unwrap()
}

/// The first token where the engines differ, with context, or `None`.
fn compare(vocab: Vocab, text: &str, special_as_text: bool) -> Option<String> {
    let (fast, reference) = engines(vocab);
    let want = encode(reference, text, special_as_text);
    let got = encode(fast, text, special_as_text);
    let at = want
        .iter()
        .zip(&got)
        .position(|(a, b)| a != b)
        .or_else(|| (want.len() != got.len()).then_some(want.len().min(got.len())))?;
    let show = |t: &[Token]| {
        t.iter()
            .skip(at.saturating_sub(2))
            .take(5)
            .map(|t| {
                format!(
                    "{}@{}..{}{}",
                    t.id,
                    t.start,
                    t.end,
                    if t.special { "*" } else { "" }
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let byte = want
        .get(at)
        .or_else(|| got.get(at))
        .map_or(0, |t| t.start as usize);
    let from = tokenlens::text::floor_char_boundary(text, byte.saturating_sub(20));
    let to = tokenlens::text::floor_char_boundary(text, (byte + 20).min(text.len()));
    Some(format!(
        "{} (special as text: {special_as_text}), token {at}, near {:?}\n  reference {}\n  fast      {}",
        vocab.name(),
        &text[from..to],
        show(&want),
        show(&got)
    ))
}

#[test]
fn fast_engine_matches_the_reference_on_the_corpus() {
    let mut failures = Vec::new();
    for vocab in FAST {
        for special_as_text in [true, false] {
            for (label, text) in corpus()
                .iter()
                .map(|(l, t)| (l.as_str(), t.as_str()))
                .chain([("mixed corpus", mixed_corpus())])
            {
                if let Some(diff) = compare(vocab, text, special_as_text) {
                    failures.push(format!("{label}: {diff}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Random text: the oracle tests' fragments plus any Unicode scalar (the neighbours of the surrogate gap, the
/// ends of the planes), long runs, and every vocabulary's special-token text.
fn wild_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => fragment(),
        2 => any::<char>().prop_map(String::from),
        1 => prop::sample::select(vec!['\u{d7ff}', '\u{e000}', '\u{fffd}', '\u{ffff}', '\u{10000}', '\u{10ffff}', '\u{2126}', '\u{212a}', '\u{17f}', '\u{130}', '\u{fb01}', '\u{ff0c}', '\u{2122}', '\u{85}', '\u{1680}', '\u{180e}', '\u{2029}'])
            .prop_map(String::from),
        1 => (prop::sample::select(vec![" ", "a", "7", "\n", "词", "🦙", "'", "\u{301}"]), 1..300usize)
            .prop_map(|(s, n)| s.repeat(n)),
        1 => prop::sample::select(vec![
            "<|endoftext|>", "<|begin_of_text|>", "<|im_start|>", "<think>", "</think>", "<|fim_prefix|>",
            "<|endofprompt|>", "<EOT>", "<META>", "<|eot_id|>", "<|reserved_special_token_5|>",
        ])
        .prop_map(str::to_owned),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn fast_engine_matches_the_reference_on_random_text(
        parts in prop::collection::vec(wild_fragment(), 0..=120),
        vocab in prop::sample::select(FAST.to_vec()),
        special_as_text in any::<bool>(),
    ) {
        let text = parts.concat();
        let diff = compare(vocab, &text, special_as_text);
        prop_assert!(diff.is_none(), "{}", diff.unwrap_or_default());
    }
}

/// Each shipped pack is exactly what its tokenizer.json gives. With `TOKENLENS_WRITE_PACKS=DIR` the packs are
/// written there (uncompressed; see assets/tokenizers/SOURCES.md for the zstd step).
#[test]
fn packs_are_what_the_bundled_json_gives() {
    for vocab in FAST {
        let built = FastBpe::build_pack(&vocab.json().unwrap(), vocab.post_processor()).unwrap();
        if let Ok(dir) = std::env::var("TOKENLENS_WRITE_PACKS") {
            let path = std::path::Path::new(&dir).join(format!("{}.bpe", vocab.name()));
            std::fs::write(path, built.to_bytes()).unwrap();
            continue;
        }
        let shipped = vocab.pack().unwrap().expect("a fast vocabulary has a pack");
        assert!(
            shipped == built,
            "{}: the shipped pack differs from its JSON's",
            vocab.name()
        );
    }
}

/// What the info panel and the decoder read is the same on both engines.
#[test]
fn both_engines_describe_the_vocabulary_alike() {
    for vocab in FAST {
        let (fast, reference) = engines(vocab);
        let name = vocab.name();
        assert_eq!(fast.vocab_size(), reference.vocab_size(), "{name}: size");
        assert_eq!(fast.info, reference.info, "{name}: info");
        assert_eq!(
            fast.special_ids, reference.special_ids,
            "{name}: special ids"
        );
        assert_eq!(
            (&fast.bos, &fast.eos),
            (&reference.bos, &reference.eos),
            "{name}: BOS/EOS"
        );
        let size = reference.vocab_size() as u32;
        for id in (0..size).step_by(97).chain(size.saturating_sub(300)..size) {
            assert_eq!(
                fast.token_str(id),
                reference.token_str(id),
                "{name}: token {id}"
            );
            assert_eq!(
                fast.token_bytes(id),
                reference.token_bytes(id),
                "{name}: bytes of {id}"
            );
            if let Some(s) = reference.token_str(id) {
                assert_eq!(
                    fast.token_to_id(&s),
                    reference.token_to_id(&s),
                    "{name}: id of {s:?}"
                );
            }
        }
    }
}
