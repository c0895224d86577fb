//! Correctness oracles for the bundled vocabularies (issue 3 §9, docs/research/ai-tokens.md §5). Every expected value
//! comes from outside this project; tests/data/ai/SOURCES.md says where:
//! - gpt-tokenizer's TestPlans.txt (exact ids for r50k, cl100k and o200k);
//! - a differential oracle, crate tiktoken-rs, on a mixed corpus (this repository's sources plus tricky strings)
//!   and on random strings;
//! - published examples (openai-cookbook, @anthropic-ai/tokenizer tests, mistral-tokenizer-js tests and README);
//! - invariants that need no oracle (spans, byte concatenation, decode round trips) for every vocabulary.
//!
//! Each vocabulary is loaded once for the whole binary (loading takes up to 0.5 s).

use std::collections::BTreeMap;
use std::path::Path;

use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};

use proptest::prelude::*;
use tiktoken_rs::CoreBPE;
use tokenizers::{NormalizedString, Normalizer, Tokenizer};
use tokenlens::ai::{EncodeOptions, Loaded, Vocab, token_bytes, tokenize};
use tokenlens::text::floor_char_boundary;

/// The vocabularies that tiktoken-rs can check.
const OPENAI: [Vocab; 4] = [
    Vocab::R50k,
    Vocab::Cl100k,
    Vocab::O200k,
    Vocab::O200kHarmony,
];

/// The reference tokenizer (the `tokenizers` crate) for `vocab`, shared by all tests (poisoning is ignored: a failed
/// test must not fail others). Ids taken through [`ordinary`] are also checked against the fast engine.
pub(super) fn loaded(vocab: Vocab) -> Reference {
    static CACHE: [OnceLock<Mutex<Tokenizer>>; Vocab::ALL.len()] =
        [const { OnceLock::new() }; Vocab::ALL.len()];
    let index = Vocab::ALL.iter().position(|&v| v == vocab).unwrap();
    let tok = CACHE[index]
        .get_or_init(|| {
            Mutex::new(
                vocab
                    .load()
                    .unwrap_or_else(|e| panic!("{} loads: {e}", vocab.name())),
            )
        })
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    Reference { tok, vocab }
}

/// A locked reference tokenizer and the vocabulary it is.
pub(super) struct Reference {
    tok: MutexGuard<'static, Tokenizer>,
    vocab: Vocab,
}

impl std::ops::Deref for Reference {
    type Target = Tokenizer;
    fn deref(&self) -> &Tokenizer {
        &self.tok
    }
}

impl std::ops::DerefMut for Reference {
    fn deref_mut(&mut self) -> &mut Tokenizer {
        &mut self.tok
    }
}

/// The app's engine for `vocab` (the fast one where it serves the vocabulary), loaded once.
pub(super) fn app_engine(vocab: Vocab) -> &'static Loaded {
    static CACHE: [OnceLock<Loaded>; Vocab::ALL.len()] =
        [const { OnceLock::new() }; Vocab::ALL.len()];
    let index = Vocab::ALL.iter().position(|&v| v == vocab).unwrap();
    CACHE[index].get_or_init(|| Loaded::bundled(vocab).unwrap())
}

/// The app engine's ids for `text`, BOS/EOS included when `opts` asks for them.
pub(super) fn app_ids(vocab: Vocab, text: &str, opts: EncodeOptions) -> Vec<u32> {
    let engine = app_engine(vocab);
    let body = engine
        .with_mode(opts.special_as_text, |e| e.encode(text, 0))
        .unwrap();
    let mut ids = Vec::new();
    if opts.add_special_tokens {
        ids.extend(&engine.bos);
    }
    ids.extend(body.iter().map(|t| t.id));
    if opts.add_special_tokens {
        ids.extend(&engine.eos);
    }
    ids
}

/// tiktoken-rs for one of the OpenAI vocabularies.
pub(super) fn oracle(vocab: Vocab) -> &'static CoreBPE {
    match vocab {
        Vocab::R50k => tiktoken_rs::r50k_base_singleton(),
        Vocab::Cl100k => tiktoken_rs::cl100k_base_singleton(),
        Vocab::O200k => tiktoken_rs::o200k_base_singleton(),
        Vocab::O200kHarmony => tiktoken_rs::o200k_harmony_singleton(),
        other => panic!("tiktoken-rs has no {}", other.name()),
    }
}

/// Our ids with tiktoken's `encode_ordinary` semantics: special-token text is plain text, nothing is added.
/// The app's own engine must give the same ids (it is the fast engine for the byte-level vocabularies).
pub(super) fn ordinary(tok: &mut Reference, text: &str) -> Vec<u32> {
    tok.set_encode_special_tokens(true);
    let ids = tok.encode(text, false).unwrap().get_ids().to_vec();
    let plain = EncodeOptions {
        special_as_text: true,
        add_special_tokens: false,
    };
    let app = app_ids(tok.vocab, text, plain);
    assert!(
        app == ids,
        "{}: the app's engine differs from the reference on {}",
        tok.vocab.name(),
        snippet(text, first_difference(&app, &ids).unwrap_or(0))
    );
    ids
}

/// Up to 40 bytes either side of `at`, quoted.
pub(super) fn snippet(text: &str, at: usize) -> String {
    let lo = floor_char_boundary(text, at.saturating_sub(40));
    let hi = floor_char_boundary(text, at.saturating_add(40).min(text.len()));
    format!("{:?}", &text[lo..hi])
}

/// Index of the first id where `a` and `b` differ (`None` when equal).
pub(super) fn first_difference(a: &[u32], b: &[u32]) -> Option<usize> {
    if a == b {
        return None;
    }
    Some(
        a.iter()
            .zip(b)
            .position(|(x, y)| x != y)
            .unwrap_or_else(|| a.len().min(b.len())),
    )
}

/// Panic with the first differing index and the text around it unless our ids equal tiktoken-rs's.
pub(super) fn assert_same_as_tiktoken(vocab: Vocab, label: &str, text: &str, ours: &[u32]) {
    let bpe = oracle(vocab);
    let theirs = bpe.encode_ordinary(text);
    if let Some(i) = first_difference(ours, &theirs) {
        let at = bpe.decode_bytes(&theirs[..i]).map_or(0, |b| b.len());
        panic!(
            "{} differs from tiktoken-rs on {label} ({} bytes): first difference at token {i} of {} (ours) / {} \
             (tiktoken-rs), byte {at}, near {}; ours {:?}, tiktoken-rs {:?}",
            vocab.name(),
            text.len(),
            ours.len(),
            theirs.len(),
            snippet(text, at),
            &ours[i..ours.len().min(i + 6)],
            &theirs[i..theirs.len().min(i + 6)],
        );
    }
}

// ---------------------------------------------------------------------------------------------------------------
// gpt-tokenizer TestPlans.txt

/// One `EncodingName:` / `Sample:` / `Encoded:` block.
pub(super) struct Plan {
    encoding: String,
    sample: String,
    encoded: Vec<u32>,
}

/// Parse TestPlans.txt strictly: blocks of exactly three lines, separated by one blank line.
pub(super) fn test_plans() -> Vec<Plan> {
    let data = include_str!("data/ai/TestPlans.txt");
    let body = data
        .strip_suffix('\n')
        .expect("TestPlans.txt ends with a newline");
    body.split("\n\n")
        .enumerate()
        .map(|(n, block)| {
            let lines: Vec<&str> = block.split('\n').collect();
            let [name, sample, encoded] = lines[..] else {
                panic!("block {n} has {} lines: {block:?}", lines.len());
            };
            let encoding = name
                .strip_prefix("EncodingName: ")
                .unwrap_or_else(|| panic!("block {n}: {name:?}"));
            let sample = sample
                .strip_prefix("Sample: ")
                .unwrap_or_else(|| panic!("block {n}: {sample:?}"));
            let list = encoded
                .strip_prefix("Encoded: [")
                .and_then(|l| l.strip_suffix(']'))
                .unwrap_or_else(|| panic!("block {n}: {encoded:?}"));
            let encoded = if list.is_empty() {
                Vec::new()
            } else {
                list.split(", ")
                    .map(|id| {
                        id.parse()
                            .unwrap_or_else(|e| panic!("block {n}: id {id:?}: {e}"))
                    })
                    .collect()
            };
            Plan {
                encoding: encoding.to_owned(),
                sample: sample.to_owned(),
                encoded,
            }
        })
        .collect()
}

#[test]
pub(super) fn gpt_tokenizer_test_plans() {
    let plans = test_plans();
    let mut per_encoding: BTreeMap<&str, usize> = BTreeMap::new();
    for plan in &plans {
        *per_encoding.entry(plan.encoding.as_str()).or_default() += 1;
    }
    let expected: BTreeMap<&str, usize> = [
        ("r50k_base", 64),
        ("p50k_base", 64),
        ("p50k_edit", 64),
        ("cl100k_base", 64),
        ("o200k_base", 57),
    ]
    .into_iter()
    .collect();
    assert_eq!(
        per_encoding, expected,
        "TestPlans.txt parsed into the expected blocks"
    );

    let mut run: BTreeMap<&str, usize> = BTreeMap::new();
    for vocab in OPENAI {
        let mut tok = loaded(vocab);
        for plan in plans.iter().filter(|p| p.encoding == vocab.name()) {
            let ours = ordinary(&mut tok, &plan.sample);
            assert_eq!(
                ours,
                plan.encoded,
                "{}: TestPlans sample {:?}",
                vocab.name(),
                plan.sample
            );
            assert_eq!(
                oracle(vocab).encode_ordinary(&plan.sample),
                plan.encoded,
                "{}: tiktoken-rs agrees with TestPlans on {:?}",
                vocab.name(),
                plan.sample
            );
            assert_eq!(
                tok.decode(&plan.encoded, false).unwrap(),
                plan.sample,
                "{}: TestPlans ids decode to the sample",
                vocab.name()
            );
            *run.entry(vocab.name()).or_default() += 1;
        }
    }
    let run: Vec<(&str, usize)> = run.into_iter().collect();
    assert_eq!(
        run,
        [("cl100k_base", 64), ("o200k_base", 57), ("r50k_base", 64)],
        "cases run per encoding"
    );
}

/// o200k_harmony (gpt-oss) has o200k_base's ranks and pattern, so TestPlans' o200k_base samples give the same ids
/// through it; tiktoken-rs's own o200k_harmony must agree.
#[test]
pub(super) fn o200k_harmony_gives_the_o200k_test_plans() {
    let mut tok = loaded(Vocab::O200kHarmony);
    let mut run = 0;
    for plan in test_plans().iter().filter(|p| p.encoding == "o200k_base") {
        let ours = ordinary(&mut tok, &plan.sample);
        assert_eq!(ours, plan.encoded, "o200k_harmony: {:?}", plan.sample);
        assert_eq!(
            oracle(Vocab::O200kHarmony).encode_ordinary(&plan.sample),
            plan.encoded,
            "tiktoken-rs o200k_harmony agrees on {:?}",
            plan.sample
        );
        run += 1;
    }
    assert_eq!(run, 57, "every o200k_base plan ran");
}

/// The Harmony chat tokens are special tokens at tiktoken-rs's ids, in the bundled file and in the app's engine.
/// One difference is known: the bundled (Hugging Face) file names 200018 `<|endofprompt|>`, which tiktoken calls
/// `<|reserved_200018|>`; tiktoken also reserves 200019–201087, which the file does not list.
#[test]
pub(super) fn o200k_harmony_special_tokens_match_tiktoken_rs() {
    let text = "<|start|>user<|message|>Hi<|end|><|start|>assistant<|channel|>final<|message|>Hello<|return|>\
                <|call|><|constrain|><|startoftext|><|endoftext|>";
    let theirs = oracle(Vocab::O200kHarmony).encode_with_special_tokens(text);
    let mut tok = loaded(Vocab::O200kHarmony);
    tok.set_encode_special_tokens(false);
    let ours = tok.encode(text, false).unwrap().get_ids().to_vec();
    assert_eq!(ours, theirs, "o200k_harmony special tokens");
    assert!(
        ours.contains(&200_006) && ours.contains(&200_008),
        "{ours:?}"
    );
    let opts = EncodeOptions {
        special_as_text: false,
        add_special_tokens: false,
    };
    assert_eq!(
        app_ids(Vocab::O200kHarmony, text, opts),
        theirs,
        "app engine"
    );
    let prompt = tok
        .encode("<|endofprompt|>", false)
        .unwrap()
        .get_ids()
        .to_vec();
    assert_eq!(prompt, [200_018], "the file's <|endofprompt|>");
    assert_eq!(
        oracle(Vocab::O200kHarmony).encode_with_special_tokens("<|reserved_200018|>"),
        [200_018],
        "tiktoken's name for it"
    );
}

// ---------------------------------------------------------------------------------------------------------------
// The mixed corpus

/// Tricky strings of docs/research/ai-tokens.md §5 item 5.
pub(super) fn tricky() -> Vec<(String, String)> {
    let items: Vec<(&str, String)> = vec![
        ("ZWJ family", "👨‍👩‍👧‍👦".to_owned()),
        ("health worker, medium skin tone", "👩🏽‍⚕️".to_owned()),
        ("flags", "🇯🇵🇺🇸🏳️‍🌈 flags 🇩🇪🇫🇷".to_owned()),
        ("skin tones", "👋🏻👋🏼👋🏽👋🏾👋🏿 👍🏿".to_owned()),
        (
            "CJK",
            "词元化是把文本切成词元的过程。東京都の天気は晴れです。お誕生日おめでとう".to_owned(),
        ),
        (
            "Hangul",
            "한국어 토큰화는 어렵습니다. 안녕하세요, 세계!".to_owned(),
        ),
        (
            "combining marks",
            "e\u{301} a\u{308} n\u{303} o\u{302}\u{323} x\u{20d7}".to_owned(),
        ),
        (
            "Zalgo",
            "Z\u{351}\u{36b}\u{343}\u{36a}\u{302}a\u{36c}\u{350}l\u{35b}\u{30e}\u{31b}g\u{34b}\u{312}\u{314}\u{316}o\
             \u{31b}\u{314}\u{327}\u{33a} t\u{35e}\u{35f}e\u{360}x\u{361}t\u{362}"
                .to_owned(),
        ),
        ("café NFC", "café crème, naïve résumé".to_owned()),
        (
            "café NFD",
            "cafe\u{301} cre\u{300}me, nai\u{308}ve re\u{301}sume\u{301}".to_owned(),
        ),
        (
            "Devanagari",
            "नमस्ते दुनिया, यह एक परीक्षण है। क्षत्रिय".to_owned(),
        ),
        (
            "Arabic",
            "مرحبا بالعالم، هذا اختبار للترميز. ١٢٣".to_owned(),
        ),
        ("x + 300 spaces + y", format!("x{}y", " ".repeat(300))),
        (
            "tabs, CRLF and blank lines",
            "fn main() {\r\n\tlet x = 1;\r\n\r\n\r\n\t\tif x > 0 {\t}\r\n}\r\n\n\n\tdef f():\n\t\treturn 1\n"
                .to_owned(),
        ),
        (
            "trailing spaces",
            "trailing spaces   \nand more     \n    \n  ".to_owned(),
        ),
        (
            "20-digit run",
            "12345678901234567890 and 3.14159265358979323846 and 1,000,000".to_owned(),
        ),
        (
            "<|endoftext|> as text",
            "<|endoftext|> hi <|endoftext|>".to_owned(),
        ),
        ("<|fim_prefix|> as text", "x<|fim_prefix|>y<|endofprompt|>".to_owned()),
        ("20,000 × a", "a".repeat(20_000)),
        ("BOM + NUL", "\u{feff}hello\0world\0\u{feff}".to_owned()),
        (
            "ZWSP / ZWNJ",
            "zero\u{200b}width\u{200c}non\u{200d}joiner\u{200b}\u{200b}".to_owned(),
        ),
        (
            "upper-case contractions",
            "I'M you'LL HE'S we'RE they'VE I'D don't It's".to_owned(),
        ),
    ];
    items
        .into_iter()
        .map(|(label, text)| (format!("tricky: {label}"), text))
        .collect()
}

/// The mixed corpus: src/**/*.rs (up to a budget), assets/i18n/en.json and README.md of this repository, plus the
/// tricky strings.
/// Labels are paths relative to the repository.
pub(super) fn corpus() -> &'static [(String, String)] {
    static CORPUS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        rust_files(&root.join("src"), &mut files);
        assert!(
            files.len() >= 20,
            "src holds dozens of .rs files, found {}",
            files.len()
        );
        files.push(root.join("assets/i18n/en.json"));
        files.push(root.join("README.md"));
        files.sort();
        // The repository keeps growing; the differential stays a few hundred KB (the first files in path order,
        // en.json and the README always included), so its run time stays fixed.
        let mut texts: Vec<(String, String)> = Vec::new();
        let mut budget: usize = 520_000;
        for path in &files {
            let label = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let text = std::fs::read_to_string(path).unwrap();
            let always = path.extension().is_none_or(|e| e != "rs");
            if always || text.len() <= budget {
                budget = budget.saturating_sub(text.len());
                texts.push((label, text));
            }
        }
        texts.extend(tricky());
        let total: usize = texts.iter().map(|(_, t)| t.len()).sum();
        assert!(
            (100_000..=600_000).contains(&total),
            "the corpus is a few hundred KB, not {total} bytes"
        );
        texts
    })
}

pub(super) fn corpus_differential(vocab: Vocab) {
    let mut tok = loaded(vocab);
    for (label, text) in corpus() {
        let ours = ordinary(&mut tok, text);
        assert_same_as_tiktoken(vocab, label, text, &ours);
    }
}

#[test]
pub(super) fn r50k_matches_tiktoken_rs_on_the_corpus() {
    corpus_differential(Vocab::R50k);
}

#[test]
pub(super) fn cl100k_matches_tiktoken_rs_on_the_corpus() {
    corpus_differential(Vocab::Cl100k);
}

#[test]
pub(super) fn o200k_matches_tiktoken_rs_on_the_corpus() {
    corpus_differential(Vocab::O200k);
}

#[test]
pub(super) fn o200k_harmony_matches_tiktoken_rs_on_the_corpus() {
    corpus_differential(Vocab::O200kHarmony);
}

#[test]
pub(super) fn o200k_counts_from_the_research_note() {
    // docs/research/ai-tokens.md §5 item 5 (measured with tiktoken): 20,000 × "a" is 2,500 tokens, the ZWJ family 11.
    let mut tok = loaded(Vocab::O200k);
    let a = "a".repeat(20_000);
    assert_eq!(ordinary(&mut tok, &a).len(), 2_500, "20,000 × a");
    assert_eq!(
        oracle(Vocab::O200k).encode_ordinary(&a).len(),
        2_500,
        "tiktoken-rs: 20,000 × a"
    );
    assert_eq!(ordinary(&mut tok, "👨‍👩‍👧‍👦").len(), 11, "ZWJ family");
}

// ---------------------------------------------------------------------------------------------------------------
// Random strings

/// A fragment of random text: mostly single characters from several scripts, sometimes a tricky piece.
pub(super) fn fragment() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        6 => prop::char::range(' ', '~'),
        3 => prop::sample::select(vec![' ', ' ', '\t', '\n', '\r', '\u{a0}', '\u{3000}', '\u{2028}']),
        2 => prop::char::range('0', '9'),
        2 => prop::char::range('\u{4e00}', '\u{9fff}'),
        1 => prop::char::range('\u{3040}', '\u{30ff}'),
        1 => prop::char::range('\u{ac00}', '\u{d7a3}'),
        2 => prop::char::range('\u{1f300}', '\u{1faff}'),
        1 => prop::sample::select(vec!['\u{200d}', '\u{fe0f}', '\u{1f3fd}', '\u{200b}', '\u{feff}', '\0']),
        2 => prop::char::range('\u{300}', '\u{36f}'),
        2 => prop::char::range('\u{a0}', '\u{24f}'),
        1 => prop::char::range('\u{400}', '\u{4ff}'),
        1 => prop::char::range('\u{900}', '\u{97f}'),
        1 => prop::char::range('\u{600}', '\u{6ff}'),
    ];
    prop_oneof![
        12 => ch.prop_map(String::from),
        1 => prop::sample::select(vec![
            "'s", "'LL", "'re", " 's", "<|endoftext|>", "<|fim_prefix|>", "    ", "\r\n", "1234567", "👨‍👩‍👧‍👦",
            "🇯🇵", "e\u{301}",
        ])
        .prop_map(str::to_owned),
    ]
}

pub(super) fn mixed_text() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..=200).prop_map(|parts| parts.concat())
}

pub(super) fn random_differential(vocab: Vocab, text: &str) -> Result<(), TestCaseError> {
    let mut tok = loaded(vocab);
    let ours = ordinary(&mut tok, text);
    let theirs = oracle(vocab).encode_ordinary(text);
    prop_assert_eq!(
        first_difference(&ours, &theirs),
        None,
        "{}: ours {:?} vs tiktoken-rs {:?}",
        vocab.name(),
        ours,
        theirs
    );
    prop_assert_eq!(
        tok.decode(&ours, false).unwrap(),
        text,
        "{}: decode round trip",
        vocab.name()
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn r50k_matches_tiktoken_rs_on_random_text(text in mixed_text()) {
        random_differential(Vocab::R50k, &text)?;
    }

    #[test]
    fn cl100k_matches_tiktoken_rs_on_random_text(text in mixed_text()) {
        random_differential(Vocab::Cl100k, &text)?;
    }

    #[test]
    fn o200k_matches_tiktoken_rs_on_random_text(text in mixed_text()) {
        random_differential(Vocab::O200k, &text)?;
    }

    #[test]
    fn o200k_harmony_matches_tiktoken_rs_on_random_text(text in mixed_text()) {
        random_differential(Vocab::O200kHarmony, &text)?;
    }
}

mod examples;

/// All `.rs` files under `dir`, recursively.
fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
