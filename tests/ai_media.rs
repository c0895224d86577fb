//! Images, audio and video as tokens: sizes and lengths read from real files' headers (tests/data/media, made by
//! its make.sh with ffmpeg and ImageMagick; lengths checked against ffprobe's), hostile headers, and the
//! `tokenlens ai image|media` CLI twins.
//!
//! The counts' known answers are the providers' worked examples, checked rule by rule in `src/ai/media/tests.rs`;
//! here a real file goes through the same arithmetic end to end.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tokenlens::ai::media::{
    Detail, MediaKind, MediaTable, Size, count_image, decode_preview, probe_image, probe_media,
};

use crate::cli_ai::run;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/media")
        .join(name)
}

fn seconds_of(name: &str) -> (MediaKind, &'static str, f64) {
    let file = std::fs::File::open(data(name)).unwrap();
    let len = file.metadata().unwrap().len();
    let info =
        probe_media(std::io::BufReader::new(file), len).unwrap_or_else(|e| panic!("{name}: {e}"));
    (info.kind, info.container, info.seconds)
}

#[test]
fn lengths_come_from_the_headers_of_real_files() {
    // ffprobe's format durations for the same files (make.sh): 3.5, 7.314286, 5, 4, 2.5, 3.
    for (name, kind, container, want, tolerance) in [
        ("tone-3.5s.wav", MediaKind::Audio, "WAV", 3.5, 0.01),
        // An MP3 carries encoder delay and padding: ffprobe says 7.314 s for 7.25 s of tone.
        ("tone-7.25s.mp3", MediaKind::Audio, "MP3", 7.3, 0.1),
        ("tone-5s.flac", MediaKind::Audio, "FLAC", 5.0, 0.01),
        ("tone-4s.ogg", MediaKind::Audio, "Ogg Vorbis", 4.0, 0.05),
        ("clip-2.5s.mp4", MediaKind::Video, "MP4", 2.5, 0.05),
        ("clip-3s.webm", MediaKind::Video, "WebM", 3.0, 0.05),
    ] {
        let (k, c, s) = seconds_of(name);
        assert_eq!((k, c), (kind, container), "{name}");
        assert!(
            (s - want).abs() <= tolerance,
            "{name}: {s} s, want {want} ± {tolerance}"
        );
    }
}

#[test]
fn a_real_photo_is_counted_and_previewed_within_the_caps() {
    let bytes = std::fs::read(data("photo-4032x3024.jpg")).unwrap();
    let info = probe_image(&bytes).unwrap();
    assert_eq!((info.format, info.size), ("JPEG", Size::new(4032, 3024)));
    let preview = decode_preview(&bytes).unwrap();
    assert_eq!(
        preview.size,
        Size::new(2048, 1536),
        "scaled to the preview's longest side"
    );
    assert_eq!(preview.rgba.len(), 2048 * 1536 * 4);
    let table = MediaTable::bundled();
    let gpt4o = table
        .image_rule("gpt-4o")
        .expect("GPT-4o has an image rule");
    // 4032×3024 → 2048×1536 (fit) → 1024×768 (short side) → 2 × 2 tiles: 85 + 170 × 4 = 765.
    let c = count_image(&gpt4o.method, info.size, Detail::High);
    assert_eq!(c.final_size(), Size::new(1024, 768));
    assert_eq!(c.tokens, 765);
}

/// A PNG whose header claims `w`×`h`, with a correct CRC and no pixel data.
fn png_header(w: u32, h: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]);
    // An empty IDAT and the IEND: the header reader stops at the first IDAT.
    for chunk in [ihdr, b"IDAT".to_vec(), b"IEND".to_vec()] {
        png.extend((chunk.len() as u32 - 4).to_be_bytes());
        png.extend(&chunk);
        png.extend(crc32(&chunk).to_be_bytes());
    }
    png
}

#[test]
fn a_huge_header_is_counted_but_never_allocated() {
    let png = png_header(100_000, 100_000);
    let info = probe_image(&png).unwrap();
    assert_eq!(info.size, Size::new(100_000, 100_000));
    let started = std::time::Instant::now();
    let err = decode_preview(&png).expect_err("40 GB of pixels are refused");
    assert!(err.to_string().contains("too large to preview"), "{err}");
    assert!(started.elapsed().as_secs() < 2, "refused at once");
    let table = MediaTable::bundled();
    for rule in &table.image_rules {
        let c = count_image(&rule.method, info.size, Detail::Auto);
        // Three rules publish no size limit: GPT-5.6 keeps the original patch count, and Gemini tiles the whole
        // image (docs/media.md). Their counts follow the arithmetic, still without allocating anything.
        match rule.id.as_str() {
            "openai-patches-gpt-5-6" => {
                assert_eq!(c.tokens, 3125 * 3125);
                continue;
            }
            "gemini-tiles-2x" | "gemini-crop-tiles-1-5-legacy" => {
                assert_eq!(c.tokens, 131 * 131 * 258);
                continue;
            }
            _ => {}
        }
        // The most any other rule gives: GPT-4o mini's 2,833 + 5,667 × 4 tiles = 25,501 (every large image ends
        // 768×768).
        assert!(c.tokens <= 25_501, "{}: {}", rule.id, c.tokens);
    }
}

#[test]
fn broken_and_foreign_files_get_errors_not_panics() {
    let photo = std::fs::read(data("photo-4032x3024.jpg")).unwrap();
    let mp4 = std::fs::read(data("clip-2.5s.mp4")).unwrap();
    let webm = std::fs::read(data("clip-3s.webm")).unwrap();
    let flac = std::fs::read(data("tone-5s.flac")).unwrap();
    // Truncated at many points, and with bytes flipped: an error or a count, never a panic or a hang.
    for file in [&photo, &mp4, &webm, &flac] {
        for cut in [8, 16, 40, 100, 1000, file.len() / 2] {
            let part = &file[..cut.min(file.len())];
            let _ = probe_image(part);
            let _ = decode_preview(part);
            let _ = probe_media(Cursor::new(part), part.len() as u64);
        }
        let mut flipped = file.clone();
        for i in (0..flipped.len().min(4096)).step_by(7) {
            flipped[i] ^= 0x5A;
        }
        let _ = probe_media(Cursor::new(&flipped), flipped.len() as u64);
        let _ = probe_image(&flipped);
    }
    assert!(probe_image(b"hello").is_err());
    let err = probe_media(Cursor::new(b"just text".as_slice()), 9).expect_err("text is no media");
    assert!(
        err.to_string().contains("not an audio or video file"),
        "{err}"
    );
    // An MP4 that claims a box larger than the file.
    let mut lying = mp4[..64].to_vec();
    lying[0..4].copy_from_slice(&u32::MAX.to_be_bytes());
    assert!(probe_media(Cursor::new(&lying), lying.len() as u64).is_err());
}

#[test]
fn cli_image_spells_out_one_model_and_tabulates_many() {
    let photo = data("photo-4032x3024.jpg");
    let photo = photo.to_str().unwrap();
    let (code, out, err) = run(&["ai", "image", photo, "--model", "gpt-4o"], None);
    assert_eq!(code, 0, "{err}");
    for line in [
        "JPEG 4032×3024",
        "fit in 2048×2048 → 2048×1536",
        "short side down to 768 px → 1024×768",
        "2 × 2 tiles of 512×512 px over 1024×768",
        "85 + 170 × 4 tiles = 765",
        "images-vision",
    ] {
        assert!(out.contains(line), "{line:?} in:\n{out}");
    }
    let (code, out, _) = run(
        &["ai", "image", photo, "--model", "gpt-4o,claude-sonnet-4-5"],
        None,
    );
    assert_eq!(code, 0);
    assert_eq!(
        out.lines()
            .filter(|l| l.starts_with("gpt-4o") || l.starts_with("claude-sonnet-4-5"))
            .count(),
        2,
        "{out}"
    );
    let (code, out, _) = run(
        &[
            "ai", "image", photo, "--model", "gpt-4o", "--detail", "low", "--json",
        ],
        None,
    );
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["size"], serde_json::json!([4032, 3024]));
    assert_eq!(v["models"][0]["tokens"], 85);
    assert!(
        v["models"][0]["read"]
            .as_str()
            .unwrap()
            .starts_with("2026-")
    );
}

#[test]
fn cli_image_and_media_exit_2_with_a_reason() {
    let (code, _, err) = run(&["ai", "image", "/no/such.png"], None);
    assert_eq!(code, 2);
    assert!(err.contains("/no/such.png"), "{err}");
    let wav = data("tone-3.5s.wav");
    let (code, _, err) = run(&["ai", "image", wav.to_str().unwrap()], None);
    assert_eq!(code, 2);
    assert!(err.contains("not a PNG, JPEG, WebP or GIF"), "{err}");
    let (code, _, err) = run(
        &["ai", "image", wav.to_str().unwrap(), "--model", "gpt-9"],
        None,
    );
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(&["ai", "media", "--seconds=-3"], None);
    assert_eq!(code, 2);
    assert!(err.contains("--seconds"), "{err}");
}

#[test]
fn cli_media_counts_a_file_or_a_typed_length() {
    let mp4 = data("clip-2.5s.mp4");
    let (code, out, err) = run(&["ai", "media", mp4.to_str().unwrap(), "--json"], None);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["kind"], "video");
    let table = MediaTable::bundled();
    let models = v["models"].as_array().unwrap();
    assert!(!models.is_empty());
    for m in models {
        let rule = table.media_rule(m["model"].as_str().unwrap()).unwrap();
        let rate = rule.video_per_second.unwrap();
        assert_eq!(
            m["tokens"].as_u64().unwrap(),
            (2.5 * rate).ceil() as u64,
            "{m}"
        );
    }
    // Gemini's published audio example: one minute is 1,920 tokens.
    let (code, out, _) = run(
        &[
            "ai",
            "media",
            "--seconds",
            "60",
            "--model",
            "gemini-2.5-pro",
        ],
        None,
    );
    assert_eq!(code, 0);
    assert!(out.contains("1920"), "{out}");
}

#[test]
fn a_conversations_image_parts_are_counted_with_the_models_rule() {
    use tokenlens::ai::bill::{ImagePart, image_tokens};
    let table = MediaTable::bundled();
    let part = |w: Option<u32>, h: Option<u32>, detail: Option<&str>| ImagePart {
        path: "messages[1].content[1]".to_owned(),
        width: w,
        height: h,
        detail: detail.map(str::to_owned),
    };
    let gpt4o = table.image_rule("gpt-4o").map(|r| &r.method);
    // OpenAI's worked examples, now inside a chat: 1024×1024 high is 765; low detail is 85 whatever the size.
    assert_eq!(
        image_tokens(&part(Some(1024), Some(1024), Some("high")), None, gpt4o),
        Some(765)
    );
    assert_eq!(
        image_tokens(&part(None, None, Some("low")), None, gpt4o),
        Some(85)
    );
    // A size the rule needs and the part does not give: not counted, never guessed; a figure given wins.
    assert_eq!(image_tokens(&part(None, None, None), None, gpt4o), None);
    assert_eq!(
        image_tokens(&part(None, None, None), Some(7), gpt4o),
        Some(7)
    );
    // Claude's table: 1000×1000 is 1,296 patches.
    let claude = table.image_rule("claude-sonnet-4-5").map(|r| &r.method);
    assert_eq!(
        image_tokens(&part(Some(1000), Some(1000), None), None, claude),
        Some(1296)
    );
    // A model without an image rule counts nothing.
    assert_eq!(
        image_tokens(&part(Some(10), Some(10), None), None, None),
        None
    );
}
