//! `tokenlens detect [TEXT|-] [--json]`: say what a pasted text is (the "paste anything" box of the app).

use clap::Args;

use super::{fail, read_input};
use crate::detect::detect;

/// `tokenlens detect` arguments.
#[derive(Debug, Args)]
pub struct DetectArgs {
    /// The text to classify; `-` or nothing reads standard input.
    pub text: Option<String>,
    /// Print `{kind, confidence, reason}` as JSON instead of a line of text.
    #[arg(long)]
    pub json: bool,
}

/// Classify the text. Exit 0 (a text is always something, a prompt at worst); 2 when standard input is unreadable.
pub fn run(args: &DetectArgs) -> i32 {
    let input = match read_input(args.text.as_deref()) {
        Ok(input) => input,
        Err(e) => return fail(&e),
    };
    let d = detect(&input);
    if args.json {
        let report = serde_json::json!({
            "kind": d.kind,
            "confidence": d.confidence,
            "reason": d.reason.to_string(),
        });
        super::out::print_json(&report);
    } else {
        let kind = serde_json::to_value(d.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        outln!(
            "{kind} ({:.2}): {}",
            d.confidence,
            super::out::field(&d.reason.to_string())
        );
    }
    0
}
