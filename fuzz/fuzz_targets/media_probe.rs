//! Fuzz the media readers with arbitrary bytes: image headers and the capped preview decode, and the audio/video
//! length readers (MP4, Matroska/WebM, lofty's audio formats). Each must return a value or an error without
//! hanging or allocating past libFuzzer's memory limit; a parser's panic is caught and becomes an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tokenlens::ai::media::{Detail, MediaTable, decode_preview, probe_image, probe_media};

fuzz_target!(|data: &[u8]| {
    if let Ok(info) = probe_image(data) {
        let table = MediaTable::bundled();
        for rule in &table.image_rules {
            let _ = tokenlens::ai::media::count_image(&rule.method, info.size, Detail::Auto);
        }
        let _ = decode_preview(data);
    }
    let _ = probe_media(std::io::Cursor::new(data), data.len() as u64);
});
