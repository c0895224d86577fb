//! Coverage-guided fuzz target for paste-anything detection: any text gets a verdict without panicking, with a
//! confidence in 0..=1 and a reason; a prompt is loaded exactly as pasted.
//!
//! Run from `fuzz/`: `RUSTC_BOOTSTRAP=1 cargo fuzz run detect -- -max_total_time=600`

#![no_main]

use libfuzzer_sys::fuzz_target;
use tokenlens::detect::{Kind, detect};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for input in [text.to_owned(), format!("Bearer {text}"), format!("{{\"format\":{text}}}")] {
        let d = detect(&input);
        assert!(
            (0.0..=1.0).contains(&d.confidence),
            "confidence {} out of range",
            d.confidence
        );
        assert!(!d.reason.is_empty(), "a verdict always says why");
        if d.kind == Kind::Prompt {
            assert_eq!(d.payload, input, "a prompt is loaded as pasted");
        }
    }
});
