//! Chunked encoding is exact: for every bundled vocabulary marked chunkable, on both engines (the app's and the
//! `tokenizers` crate), encoding the pieces equals encoding the whole on a mixed corpus; the one vocabulary that is not chunked is shown to differ. Incremental updates
//! equal a fresh encode.

use std::sync::OnceLock;

use tokenlens::ai::{
    AiDoc, EncodeOptions, Loaded, Progress, Token, Vocab, chunk_ranges, encode_ranges,
};

/// English prose, Rust code, CJK, emoji, and odd whitespace, from this repository plus fixed lines.
pub fn mixed_corpus() -> &'static str {
    static CORPUS: OnceLock<String> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut s = String::new();
        for path in [
            "README.md",
            "src/ai/encode.rs",
            "src/session/findings.rs",
            "assets/i18n/en.json",
        ] {
            s.push_str(&std::fs::read_to_string(path).unwrap());
            s.push('\n');
        }
        for line in [
            "词元是模型读取和计费的单位。每个词元都有一个编号。",
            "令牌 Token Lens 解释三种含义：会话令牌、加密代币和词元。",
            "日本語のテキストもあります。カタカナとひらがな。",
            "한국어 문장도 있습니다. 토큰화 테스트.",
            "Emoji: 👨‍👩‍👧‍👦 👩🏽‍⚕️ 🇯🇵🇺🇸🏳️‍🌈 🦙 🌍!",
            "Tabs\tand\tCRLF\r\nline\r\n   indented   \n\n\nblank lines above",
            "Digits 12345678901234567890 and 3.14159, x                y",
            "I'M you'LL they'RE <|endoftext|> <|fim_prefix|> [CLS] <s>",
            "café café naïve Zalgo z̷̢͈a̴͖l̶g̵o",
            "\u{feff}BOM, zero\u{200b}width, non\u{200c}joiner",
            "عربى हिन्दी Ελληνικά русский",
            "no-break space\u{a0}\nafter it, ideographic space\u{3000}\nnext, em space\u{2003}\nend",
            "x\u{a0}\nabc 2\u{a0}\n3 .\n\nNext\n\tTab",
        ] {
            for n in 0..3 {
                s.push_str(line);
                s.push_str(&" word".repeat(n));
                s.push('\n');
            }
        }
        s
    })
}

/// The app's engine for `vocab` (the fast one where it serves it), loaded once.
pub fn loaded(vocab: Vocab) -> &'static Loaded {
    super::ai_oracles::app_engine(vocab)
}

/// The `tokenizers` crate for `vocab`, loaded once.
fn reference(vocab: Vocab) -> &'static Loaded {
    static CACHE: [OnceLock<Loaded>; Vocab::ALL.len()] =
        [const { OnceLock::new() }; Vocab::ALL.len()];
    let index = Vocab::ALL.iter().position(|&v| v == vocab).unwrap();
    CACHE[index].get_or_init(|| Loaded::reference(vocab).unwrap())
}

fn whole(l: &Loaded, text: &str, opts: EncodeOptions) -> Vec<Token> {
    encode_ranges(
        l,
        text,
        std::slice::from_ref(&(0..text.len())),
        opts,
        &Progress::default(),
    )
    .unwrap()
    .remove(0)
}

fn chunked(l: &Loaded, text: &str, target: usize, opts: EncodeOptions) -> Vec<Token> {
    let ranges = chunk_ranges(text, target);
    assert!(ranges.len() > 20, "the corpus is cut into many pieces");
    let pieces = encode_ranges(l, text, &ranges, opts, &Progress::default()).unwrap();
    ranges
        .iter()
        .zip(pieces)
        .flat_map(|(r, p)| {
            p.into_iter().map(move |mut t| {
                t.start += r.start as u32;
                t.end += r.start as u32;
                t
            })
        })
        .collect()
}

#[test]
fn chunked_equals_whole() {
    let text = mixed_corpus();
    for (vocab, l) in Vocab::ALL
        .into_iter()
        .flat_map(|v| [(v, loaded(v)), (v, reference(v))])
    {
        for opts in [
            EncodeOptions::default(),
            EncodeOptions {
                special_as_text: true,
                add_special_tokens: false,
            },
        ] {
            let w = whole(l, text, opts);
            // Small pieces exercise thousands of cuts, including the space cut inside long lines.
            let c = chunked(l, text, 64, opts);
            if vocab.chunkable() {
                if let Some(i) = (0..w.len().min(c.len())).find(|&i| w[i] != c[i]) {
                    let at = w[i].start as usize;
                    panic!(
                        "{}: chunked differs from whole at token {i} near {:?}",
                        vocab.name(),
                        &text[at.saturating_sub(20)..(at + 20).min(text.len())]
                    );
                }
                assert_eq!(w.len(), c.len(), "{}", vocab.name());
            } else {
                assert_ne!(
                    w,
                    c,
                    "{} is not chunked because pieces differ",
                    vocab.name()
                );
            }
        }
    }
}

#[test]
fn incremental_updates_equal_a_fresh_encode() {
    let base = mixed_corpus().repeat(4);
    let l = loaded(Vocab::O200k);
    let opts = EncodeOptions::default();
    let p = Progress::default();
    let mut doc = AiDoc::new(l, base.clone(), opts, &p).unwrap();
    assert!(doc.chunk_count() > 4, "a multi-chunk document");
    let mid = base.len() / 2;
    let mid = (mid..base.len())
        .find(|&i| base.is_char_boundary(i))
        .unwrap();
    type Edit = Box<dyn Fn(&str) -> String>;
    let edits: Vec<Edit> = vec![
        Box::new(move |t| format!("{}x{}", &t[..mid], &t[mid..])),
        Box::new(|t| format!("A{t}")),
        Box::new(|t| format!("{t} tail")),
        Box::new(move |t| {
            let at = t[..mid].rfind('\n').unwrap();
            format!("{}{}", &t[..at], &t[at + 1..])
        }),
        Box::new(move |t| {
            let at = t[..mid].rfind('\n').unwrap() + 1;
            format!("{} 词元\n{}", &t[..at], &t[at..])
        }),
        Box::new(|t| t.replacen("fn ", "", 3)),
        Box::new(|_| String::new()),
        Box::new(|_| "fresh".to_owned()),
    ];
    let mut spans = doc.spanned().unwrap();
    for (n, edit) in edits.iter().enumerate() {
        let text = edit(doc.text());
        let (next, stats) = doc.update(l, text.clone(), &p).unwrap();
        let fresh = AiDoc::new(l, text.clone(), opts, &p).unwrap();
        let a: Vec<Token> = next.tokens().collect();
        let b: Vec<Token> = fresh.tokens().collect();
        assert_eq!(a, b, "edit {n}: incremental equals fresh");
        // The spliced spans (only the re-encoded region rebuilt) equal spans built from scratch.
        let spliced = next.spanned_after(&spans, &stats, None).unwrap();
        let scratch = fresh.spanned().unwrap();
        assert_eq!(spliced.spans(), scratch.spans(), "edit {n}: spans");
        assert_eq!(spliced.runs(), scratch.runs(), "edit {n}: runs");
        assert_eq!(spliced.text(), scratch.text());
        spans = spliced;
        if n < 4 {
            assert!(
                stats.encoded_bytes < text.len() / 4,
                "edit {n}: only the touched chunks were re-encoded ({} of {} bytes)",
                stats.encoded_bytes,
                text.len()
            );
        }
        doc = next;
    }
}

/// Random small edits next to line feeds, where cuts are: the incremental document equals a fresh encode for the
/// vocabularies whose rules are most sensitive to the bytes around a cut.
#[test]
fn random_edits_near_cuts_equal_a_fresh_encode() {
    let base: String = mixed_corpus().chars().take(6000).collect();
    let p = Progress::default();
    for vocab in [Vocab::R50k, Vocab::ClaudeLegacy, Vocab::Cl100k] {
        let l = loaded(vocab);
        let opts = EncodeOptions::default();
        let mut doc = AiDoc::with_chunk_target(l, base.clone(), opts, 48, &p).unwrap();
        assert!(doc.chunk_count() > 20, "many cuts to get wrong");
        let mut x: u64 = 0x5DEE_CE66;
        for n in 0..60 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let text = doc.text().to_owned();
            let lines: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
            let at = lines[(x as usize) % lines.len()];
            // Somewhere from two bytes before the line feed to two after it, on a char boundary.
            let at = (at.saturating_sub(2) + (x >> 20) as usize % 5).min(text.len());
            let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap();
            let edited = match (x >> 40) % 4 {
                0 => format!(
                    "{}{}",
                    &text[..at],
                    &text[at..].chars().skip(1).collect::<String>()
                ),
                1 => format!("{} {}", &text[..at], &text[at..]),
                2 => format!("{}\u{a0}{}", &text[..at], &text[at..]),
                _ => format!("{}\nNext{}", &text[..at], &text[at..]),
            };
            let (next, _) = doc.update(l, edited.clone(), &p).unwrap();
            let fresh = AiDoc::new(l, edited, opts, &p).unwrap();
            assert!(
                next.tokens().eq(fresh.tokens()),
                "{} edit {n} at {at}: incremental equals fresh",
                vocab.name()
            );
            doc = next;
        }
    }
}

#[test]
fn spans_link_back_to_tokens_in_order() {
    let l = loaded(Vocab::Cl100k);
    let doc = AiDoc::new(
        l,
        "Hi 🌍 词元".into(),
        EncodeOptions::default(),
        &Progress::default(),
    )
    .unwrap();
    let st = doc.spanned().unwrap();
    let tokens: Vec<Token> = doc.tokens().collect();
    assert_eq!(st.spans().len(), tokens.len());
    for s in st.spans() {
        let tag = s.tag.unwrap();
        let t = tokens[tokenlens::ai::tag_index(tag)];
        assert_eq!(tokenlens::ai::tag_id(tag), t.id);
        assert_eq!(s.byte_range, t.range());
    }
    let group: Vec<_> = st
        .spans()
        .iter()
        .filter(|s| s.kind == tokenlens::text::SpanKind::AiByteGroup)
        .collect();
    assert!(
        group.len() >= 2,
        "🌍 or 词 is split into fragments that form a group"
    );
}

#[test]
fn bos_and_eos_come_from_the_post_processor() {
    assert_eq!(loaded(Vocab::MistralV1).bos, [1]);
    assert!(loaded(Vocab::MistralV1).eos.is_empty());
    assert_eq!(loaded(Vocab::BertUncased).bos, [101]);
    assert_eq!(loaded(Vocab::BertUncased).eos, [102]);
    assert!(loaded(Vocab::O200k).bos.is_empty());
}
