//! Images and media as tokens on real-size files (tests/data/media): the header probe and every rule's count for a
//! 4032×3024 phone photo (the CLI's and the table's work, on every detail change), the preview decode that runs on
//! a worker when the photo is opened, and the header reads of an MP4 and an MP3. Numbers go to BENCHMARKS.md.
//! Goals: probe and all counts ≤ 1 ms (instant on every change); the preview of a 3 MB, 12-megapixel JPEG ≤ 500 ms
//! (off the UI thread, so a goal for how long the spinner shows); a media header ≤ 5 ms.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use tokenlens::ai::media::{
    Detail, MediaTable, count_image, decode_preview, probe_image, probe_media,
};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/media")
        .join(name)
}

fn bench(c: &mut Criterion) {
    tokenlens::tune_allocator();
    let photo =
        std::fs::read(data("photo-4032x3024.jpg")).expect("the photo is in tests/data/media");
    let table = MediaTable::bundled();
    let mut g = c.benchmark_group("media");
    g.sample_size(10);
    g.bench_function("photo: header and every rule's count", |b| {
        b.iter(|| {
            let info = probe_image(black_box(&photo)).expect("a JPEG");
            table
                .image_rules
                .iter()
                .map(|r| count_image(&r.method, info.size, Detail::Auto).tokens)
                .sum::<u64>()
        });
    });
    g.bench_function("photo: preview decode (4032×3024 → 2048×1536)", |b| {
        b.iter(|| decode_preview(black_box(&photo)).expect("decodes"));
    });
    for name in ["clip-2.5s.mp4", "tone-7.25s.mp3"] {
        let bytes = std::fs::read(data(name)).expect("in tests/data/media");
        g.bench_function(format!("{name}: length from the headers"), |b| {
            b.iter(|| {
                probe_media(std::io::Cursor::new(black_box(&bytes)), bytes.len() as u64)
                    .expect("a length")
            });
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
