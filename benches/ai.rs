//! AI-tab core benchmarks on 1 MB of mixed text (English, code, CJK, emoji) with o200k: one-thread encodes by the
//! `tokenizers` crate (the reference), our fast engine and tiktoken-rs (the peer), side by side; the tab's chunked
//! encode on worker threads, spans for the widget, a one-character edit, and loading the vocabulary on each engine.
//! Numbers go to BENCHMARKS.md; the UI-frame and memory figures come from `ai_frames`.

#[path = "common/corpus.rs"]
mod corpus;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tokenlens::ai::{AiDoc, EncodeOptions, Loaded, Progress, Vocab};

fn ai(c: &mut Criterion) {
    let text = corpus::mixed(1 << 20);
    let loaded = Loaded::bundled(Vocab::O200k).expect("o200k loads");
    assert!(loaded.is_fast(), "o200k is on the fast engine");
    let reference = Loaded::reference(Vocab::O200k).expect("o200k loads");
    let peer = tiktoken_rs::o200k_base().expect("tiktoken-rs has o200k");
    let opts = EncodeOptions::default();
    let mut g = c.benchmark_group("1 MB mixed, o200k");
    g.sample_size(10);
    g.bench_function("reference: tokenizers encode, one thread, one call", |b| {
        b.iter(|| {
            reference.with_mode(true, |e| {
                e.encode(black_box(text.as_str()), 0).map(|t| t.len())
            })
        });
    });
    g.bench_function("fast engine: one thread, one call", |b| {
        b.iter(|| {
            loaded.with_mode(true, |e| {
                e.encode(black_box(text.as_str()), 0).map(|t| t.len())
            })
        });
    });
    g.bench_function("peer: tiktoken-rs encode_ordinary, one thread", |b| {
        b.iter(|| peer.encode_ordinary(black_box(text.as_str())).len());
    });
    g.bench_function("tab: chunked encode on worker threads (AiDoc::new)", |b| {
        b.iter(|| AiDoc::new(&loaded, black_box(text.clone()), opts, &Progress::default()));
    });
    let doc = AiDoc::new(&loaded, text.clone(), opts, &Progress::default()).expect("encodes");
    g.bench_function("tab: spans for the widget (AiDoc::spanned)", |b| {
        b.iter(|| doc.spanned());
    });
    g.bench_function("tab: paste total = encode + spans", |b| {
        b.iter(|| {
            AiDoc::new(&loaded, black_box(text.clone()), opts, &Progress::default())
                .and_then(|d| d.spanned())
        });
    });
    let mid = (text.len() / 2..text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let edited = format!("{}x{}", &text[..mid], &text[mid..]);
    let spans = doc.spanned().expect("spans");
    g.bench_function("tab: type one character = update + splice the spans", |b| {
        b.iter(|| {
            doc.update(&loaded, black_box(edited.clone()), &Progress::default())
                .and_then(|(d, stats)| d.spanned_after(&spans, &stats, None))
        });
    });
    g.bench_function(
        "load o200k: fast engine (decompress + index the pack)",
        |b| {
            b.iter(|| Loaded::bundled(Vocab::O200k).map(|l| l.vocab_size()));
        },
    );
    g.bench_function("load o200k: reference (decompress + parse the JSON)", |b| {
        b.iter(|| Loaded::reference(Vocab::O200k).map(|l| l.vocab_size()));
    });
    g.bench_function("load o200k: peer tiktoken-rs", |b| {
        b.iter(|| tiktoken_rs::o200k_base().map(|p| p.encode_ordinary("a").len()));
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = ai
}
criterion_main!(benches);
