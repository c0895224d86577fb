//! AI-tab core benchmarks on 1 MB of mixed text (English, code, CJK, emoji) with o200k: raw single-thread
//! `tokenizers` encode (the baseline), the tab's chunked encode on worker threads, spans for the widget, and a
//! one-character edit. Numbers go to BENCHMARKS.md; the UI-frame and memory figures come from `ai_frames`.

#[path = "common/corpus.rs"]
mod corpus;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tokenlens::ai::{AiDoc, EncodeOptions, Loaded, Progress, Vocab};

fn ai(c: &mut Criterion) {
    let text = corpus::mixed(1 << 20);
    let loaded = Loaded::bundled(Vocab::O200k).expect("o200k loads");
    let opts = EncodeOptions::default();
    let mut g = c.benchmark_group("1 MB mixed, o200k");
    g.sample_size(10);
    g.bench_function("baseline: tokenizers encode, one thread, one call", |b| {
        b.iter(|| loaded.read(|t| t.encode(black_box(text.as_str()), false).map(|e| e.len())));
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
    g.bench_function("load o200k (decompress + parse), on its worker", |b| {
        b.iter(|| Loaded::bundled(Vocab::O200k).map(|l| l.vocab_size()));
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = ai
}
criterion_main!(benches);
