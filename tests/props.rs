//! Property tests: the span model's invariants and the parser's robustness on arbitrary input.

use proptest::prelude::*;
use tokenlens::session::{Clock, decode, inspect};
use tokenlens::text::{Span, SpanKind, SpannedText, byte_to_char, char_to_byte};

proptest! {
    #[test]
    fn runs_cover_the_text_in_order(text in "\\PC{0,40}", cuts in prop::collection::vec((0usize..60, 0usize..60), 0..12)) {
        let len = text.len();
        let spans: Vec<Span> = cuts
            .into_iter()
            .map(|(a, b)| {
                let (a, b) = (a.min(len), b.min(len));
                let (a, b) = (a.min(b), a.max(b));
                let a = tokenlens::text::floor_char_boundary(&text, a);
                let b = tokenlens::text::floor_char_boundary(&text, b);
                Span::new(a..b, SpanKind::AiToken)
            })
            .collect();
        let t = SpannedText::new(text.clone(), spans).unwrap();
        let mut at = 0;
        for run in t.runs() {
            prop_assert_eq!(run.start(), at);
            prop_assert!(run.end() > run.start() || len == 0);
            prop_assert!(text.is_char_boundary(run.start()));
            if let Some(i) = run.span() {
                let s = &t.spans()[i].byte_range;
                prop_assert!(s.start <= run.start() && run.end() <= s.end, "run inside its span");
            }
            at = run.end();
        }
        prop_assert_eq!(at, len);
        for w in t.spans().windows(2) {
            prop_assert!(w[0].byte_range.start <= w[1].byte_range.start, "spans sorted by start");
        }
    }

    #[test]
    fn byte_char_round_trip(text in "\\PC{0,30}") {
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            prop_assert_eq!(char_to_byte(&text, ci), bi);
            prop_assert_eq!(byte_to_char(&text, bi), ci);
        }
    }

    #[test]
    fn decoding_anything_never_panics_and_ranges_stay_in_the_input(input in "[A-Za-z0-9_.= +/\\-\"\\n\\u{0}词😀]{0,120}") {
        let ins = inspect(&input, None, &Clock::fixed(0));
        for seg in &ins.decoded.segments {
            prop_assert!(seg.input_range.end <= input.len());
            prop_assert!(input.is_char_boundary(seg.input_range.start) && input.is_char_boundary(seg.input_range.end));
        }
        for e in &ins.decoded.errors {
            prop_assert!(e.input_range.end <= input.len());
            prop_assert!(!e.to_string().is_empty());
        }
        prop_assert_eq!(ins.views.token.text(), input.as_str());
    }

    #[test]
    fn valid_tokens_round_trip_through_the_encoder(sub in "\\PC{0,20}", n in any::<i64>()) {
        let payload = serde_json::json!({"sub": sub, "n": n}).to_string();
        let key = tokenlens::session::KeyInput::Secret { text: "k".repeat(32), encoding: tokenlens::session::SecretEncoding::default() };
        let token = tokenlens::session::sign_token("{}", &payload, Some(tokenlens::session::Alg::HS256), &key).unwrap();
        let ins = inspect(&token, Some(&key), &Clock::fixed(0));
        prop_assert_eq!(ins.verification.status, tokenlens::session::Status::Valid);
        let d = decode(&token);
        prop_assert_eq!(&d.claims().unwrap().object["sub"], &serde_json::Value::String(sub));
    }
}
