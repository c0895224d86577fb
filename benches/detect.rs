//! Paste detection on 10 MB inputs (a JWT, prose, a tokenizer.json, hex, dots): the top bar runs `detect` on every
//! paste, so even the largest paste must be classified at once. Goal: ≤ 50 ms each in a release build. Numbers go
//! to BENCHMARKS.md. (This was a wall-clock assertion in `tests/detect.rs`; a timing is a benchmark, not a test.)

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tokenlens::detect::detect;

const MB10: usize = 10 << 20;

fn inputs() -> Vec<(&'static str, String)> {
    let sentence = "The quick brown fox. It jumps over 3.14 lazy dogs at 192.168.0.1! ";
    let prose = sentence.repeat(MB10 / sentence.len());
    let mut tokenizer =
        String::from(r#"{"version": "1.0", "added_tokens": [], "model": {"vocab": {"#);
    let mut i = 0;
    while tokenizer.len() < MB10 {
        let _ = write!(tokenizer, "\"tok{i}\": {i}, ");
        i += 1;
    }
    tokenizer.push_str("\"end\": 0}}}");
    vec![
        (
            "jwt",
            format!("eyJhbGciOiJIUzI1NiJ9.{}.c2ln", "QUJD".repeat(MB10 / 4)),
        ),
        ("prose", prose),
        ("tokenizer.json", tokenizer),
        ("hex", format!("0x{}", "ab".repeat(MB10 / 2))),
        ("dots", ".".repeat(MB10)),
    ]
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("detect 10 MB");
    g.sample_size(10);
    for (name, text) in inputs() {
        g.bench_function(name, |b| b.iter(|| detect(black_box(&text))));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
