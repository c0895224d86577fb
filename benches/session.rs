//! Session-tab benchmarks: decode + claims + findings of a typical token and of a 1 MB token, verification, and
//! one UI frame with a 1 MB token loaded (egui_kittest, no GPU). Numbers go to BENCHMARKS.md.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use tokenlens::session::{Alg, Clock, KeyInput, SecretEncoding, decode, inspect, sign_token};

fn secret() -> KeyInput {
    KeyInput::Secret {
        text: "bench-secret-bench-secret-bench-secret!!".into(),
        encoding: SecretEncoding::Utf8,
    }
}

fn typical() -> String {
    let payload = r#"{"iss":"https://auth.example.com","sub":"user-42","aud":["api","web"],"name":"Ada 示例","email":"ada@example.com","roles":["admin","dev"],"iat":1767225600,"nbf":1767225600,"exp":1767229200,"jti":"8c2f6d0e"}"#;
    sign_token(
        r#"{"typ":"JWT","kid":"k1"}"#,
        payload,
        Some(Alg::HS256),
        &secret(),
    )
    .expect("signs")
}

fn one_megabyte() -> String {
    let blob = "Lorem ipsum 词元 dolor sit amet, ".repeat(1 << 15);
    let payload =
        serde_json::json!({"sub": "big", "iat": 1767225600, "exp": 1767229200, "blob": blob})
            .to_string();
    sign_token(r#"{"typ":"JWT"}"#, &payload, Some(Alg::HS256), &secret()).expect("signs")
}

fn core(c: &mut Criterion) {
    let clock = Clock::fixed(1_767_226_000);
    let small = typical();
    let big = one_megabyte();
    let key = secret();
    c.bench_function("decode typical token", |b| {
        b.iter(|| decode(black_box(&small)));
    });
    c.bench_function(
        "inspect typical token (decode+claims+findings+views)",
        |b| {
            b.iter(|| inspect(black_box(&small), None, &clock));
        },
    );
    c.bench_function("inspect typical token + HS256 verify", |b| {
        b.iter(|| inspect(black_box(&small), Some(&key), &clock));
    });
    let mut g = c.benchmark_group("1 MB token");
    g.sample_size(10);
    g.bench_function(format!("inspect ({} bytes)", big.len()), |b| {
        b.iter(|| inspect(black_box(&big), None, &clock));
    });
    g.bench_function("inspect + HS256 verify", |b| {
        b.iter(|| inspect(black_box(&big), Some(&key), &clock));
    });
    g.finish();
}

fn ui_frame(c: &mut Criterion) {
    use egui_kittest::Harness;
    let mut app = tokenlens::app::TokenLensApp::default();
    app.tab = tokenlens::app::Tab::Session;
    app.session.set_input(one_megabyte());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(tokenlens::ui::fonts::install)
        .build_ui_state(
            |ui, app: &mut tokenlens::app::TokenLensApp| app.show(ui),
            app,
        );
    for _ in 0..2000 {
        h.step();
        if !h.state().session.busy() && h.state().session.inspection().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(
        h.state().session.inspection().is_some(),
        "the 1 MB token decoded"
    );
    h.step();
    c.bench_function("UI frame with a 1 MB token loaded", |b| b.iter(|| h.step()));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(tokenlens::ui::fonts::install)
        .build_ui_state(|ui, app: &mut tokenlens::app::TokenLensApp| app.show(ui), {
            let mut app = tokenlens::app::TokenLensApp::default();
            app.tab = tokenlens::app::Tab::Session;
            app.session.set_input(typical());
            app
        });
    h.run_steps(3);
    c.bench_function("UI frame with a typical token", |b| b.iter(|| h.step()));
}

criterion_group!(benches, core, ui_frame);
criterion_main!(benches);
