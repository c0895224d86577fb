//! Fuzz the AI core's parsers with arbitrary bytes: id lists, tokenizer.json headers and files, the chunk cutter
//! and UTF-8 splitting. Each must return a value or an error, never panic; chunks must cover the text exactly.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tokenlens::ai::{Loaded, TokenizerInfo, chunk_ranges, parse_ids, split_utf8};

fuzz_target!(|data: &[u8]| {
    let _ = split_utf8(data);
    let _ = TokenizerInfo::from_json(data);
    if data.len() < 4096 {
        // A full tokenizer.json parse of random bytes: errors are expected, panics are bugs.
        let _ = Loaded::from_json(data, None, "fuzz.json".into());
    }
    let text = String::from_utf8_lossy(data);
    if let Ok(ids) = parse_ids(&text) {
        for (_, range) in ids {
            assert!(text.get(range).is_some(), "id ranges are on char boundaries");
        }
    }
    for target in [1, 7, 64] {
        let ranges = chunk_ranges(&text, target);
        assert_eq!(ranges.first().map(|r| r.start), Some(0));
        assert_eq!(ranges.last().map(|r| r.end), Some(text.len()));
        for w in ranges.windows(2) {
            assert_eq!(w[0].end, w[1].start, "pieces touch");
        }
        for r in &ranges {
            assert!(text.get(r.clone()).is_some(), "pieces are on char boundaries");
        }
    }
});
