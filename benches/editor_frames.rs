//! Typing into the coloured token editors, through the real app in egui_kittest (no GPU): a key in a 64 KB prompt
//! until the view shows its new tokens (o200k), and a key in a 10 KB JWT until the view shows it decoded. Each key
//! is timed from the event to the end of the frame that draws the result. Prints a table for BENCHMARKS.md.
//!
//! Run: `cargo bench --bench editor_frames`.
#![expect(clippy::print_stdout, reason = "a bench binary reports on stdout")]
#![expect(clippy::unwrap_used, reason = "a bench binary fails loudly")]

#[path = "common/corpus.rs"]
mod corpus;
#[path = "common/frames.rs"]
mod frames;

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use frames::settle;
use tokenlens::app::{Tab, TokenLensApp};
use tokenlens::session::{Alg, KeyInput, SecretEncoding, sign_token};
use tokenlens::ui::ai::View;

const KEYS: [&str; 21] = [
    "t", "o", "k", "e", "n", " ", "l", "e", "n", "s", " ", "词", "元", " ", "🌍", "x", "y", "z",
    "!", " ", "a",
];

fn harness(app: TokenLensApp) -> Harness<'static, TokenLensApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(8)
        .allow_missing_glyphs()
        .with_context_setup(tokenlens::ui::fonts::install)
        .build_ui_state(|ui, app: &mut TokenLensApp| app.show(ui), app)
}

/// Click into the editor labelled `label`, a few rows down.
fn click_into(h: &mut Harness<'_, TokenLensApp>, label: &str) {
    let at = h.get_by_label(label).rect().min + egui::vec2(40.0, 30.0);
    h.input_mut().events.push(egui::Event::PointerMoved(at));
    h.step();
    for pressed in [true, false] {
        h.input_mut().events.push(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::default(),
        });
    }
    h.step();
    h.step();
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(what: &str, mut keys: Vec<Duration>) {
    keys.sort();
    println!(
        "| {what} (median / p90 / worst of {}) | {:.1} / {:.1} / {:.1} ms | ≤ 16 ms |",
        keys.len(),
        ms(keys[keys.len() / 2]),
        ms(keys[keys.len() * 9 / 10]),
        ms(keys[keys.len() - 1])
    );
}

fn prompt_64k() {
    let mut app = TokenLensApp::default();
    app.tab = Tab::Ai;
    "gpt-4o".clone_into(&mut app.ai.settings.model);
    app.ai.settings.view = View::Tokens;
    let mut h = harness(app);
    settle(&mut h);
    h.state_mut().ai.set_input(corpus::mixed(64 << 10));
    settle(&mut h);
    click_into(&mut h, "Prompt");
    let mut keys = Vec::new();
    for key in KEYS {
        let before = h.state().ai.input().len();
        let t0 = Instant::now();
        h.input_mut().events.push(egui::Event::Text(key.to_owned()));
        h.step();
        assert_eq!(
            h.state().ai.input().len(),
            before + key.len(),
            "the key edited the prompt"
        );
        settle(&mut h);
        keys.push(t0.elapsed());
    }
    report("type one key into a 64 KB prompt → its tokens drawn", keys);
}

fn jwt_10k() {
    let payload = format!(
        r#"{{"sub":"1234567890","name":"Token Lens","roles":[{}],"iat":1516239022}}"#,
        (0..700)
            .map(|i| format!("\"role-{i}\""))
            .collect::<Vec<_>>()
            .join(",")
    );
    let key = KeyInput::Secret {
        text: "a-string-secret-at-least-256-bits-long".to_owned(),
        encoding: SecretEncoding::Utf8,
    };
    let token = sign_token(
        r#"{"alg":"HS256","typ":"JWT"}"#,
        &payload,
        Some(Alg::HS256),
        &key,
    )
    .unwrap();
    assert!(
        (9_000..14_000).contains(&token.len()),
        "{} bytes",
        token.len()
    );
    let mut app = TokenLensApp::default();
    app.tab = Tab::Session;
    let mut h = harness(app);
    h.state_mut().session.set_input(token);
    h.run_steps(3);
    click_into(&mut h, "Encoded token");
    let mut keys = Vec::new();
    for key in KEYS {
        let before = h.state().session.input().len();
        let t0 = Instant::now();
        h.input_mut().events.push(egui::Event::Text(key.to_owned()));
        // The key's frame edits the input; the next decodes it and draws the result.
        h.step();
        h.step();
        keys.push(t0.elapsed());
        assert_eq!(
            h.state().session.input().len(),
            before + key.len(),
            "the key went into the token"
        );
        assert_eq!(
            h.state().session.inspection().unwrap().decoded.input.len(),
            before + key.len(),
            "decoded and drawn"
        );
    }
    report("type one key into a 10 KB JWT → decoded and drawn", keys);
}

fn main() {
    prompt_64k();
    jwt_10k();
}
