//! AI-tab frames and memory, through the real app in egui_kittest (no GPU): paste 1 MB of mixed text with o200k
//! until it is tokenized and drawn; type one character into it (and into a 64 KiB prompt) until the view shows the
//! result; the CPU cost of scrolling frames; peak memory with o200k and the 1 MB prompt, then with three
//! vocabularies compared. Prints a table for BENCHMARKS.md.
//!
//! Run: `cargo bench --bench ai_frames`.
#![expect(clippy::print_stdout, reason = "a bench binary reports on stdout")]
#![expect(clippy::unwrap_used, reason = "a bench binary fails loudly")]

#[path = "common/corpus.rs"]
mod corpus;
#[path = "common/frames.rs"]
mod frames;

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use frames::{settle, settle_at, thread_cpu, vm_kib};
use tokenlens::ai::Vocab;
use tokenlens::app::{Tab, TokenLensApp};
use tokenlens::ui::ai::View;

fn main() {
    // As the app's `main` does.
    tokenlens::tune_allocator();
    let text = corpus::mixed(1 << 20);
    let mut app = TokenLensApp::default();
    app.tab = Tab::Ai;
    "gpt-4o".clone_into(&mut app.ai.settings.model);
    app.ai.settings.view = View::Tokens;
    app.ai.set_input("warm up".to_owned());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(8)
        // User text may hold any character: draw a box for glyphs the fonts lack, as the app does.
        .allow_missing_glyphs()
        .with_context_setup(tokenlens::ui::fonts::install)
        .build_ui_state(|ui, app: &mut TokenLensApp| app.show(ui), app);
    settle(&mut h);
    let after_load = vm_kib("VmRSS:");

    // Paste 1 MB: from the new text until the frame that draws its tokens.
    let t0 = Instant::now();
    h.state_mut().ai.set_input(text.clone());
    let (frames, drawn) = settle_at(&mut h);
    let paste = drawn - t0;
    let count = h.state().ai.token_count().unwrap();

    // Type one character: click into the prompt editor, then one key, until the new count is drawn.
    let rect = h.get_by_label("Prompt").rect();
    h.input_mut()
        .events
        .push(egui::Event::PointerMoved(rect.min + egui::vec2(60.0, 8.0)));
    h.step();
    for pressed in [true, false] {
        h.input_mut().events.push(egui::Event::PointerButton {
            pos: rect.min + egui::vec2(60.0, 8.0),
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::default(),
        });
    }
    h.step();
    h.step();
    let edits = type_keys(&mut h);
    // Scroll: wheel events over the token view, one per frame; time each frame.
    let mut frame_times = Vec::new();
    let mut frame_cpu = Vec::new();
    let over = rect.min + egui::vec2(200.0, 100.0);
    h.input_mut().events.push(egui::Event::PointerMoved(over));
    h.step();
    for _ in 0..120 {
        h.input_mut().events.push(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: egui::vec2(0.0, -12.0),
            modifiers: egui::Modifiers::default(),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
        });
        let (t0, c0) = (Instant::now(), thread_cpu());
        h.step();
        frame_times.push(t0.elapsed());
        frame_cpu.push(thread_cpu().saturating_sub(c0));
    }
    frame_times.sort();
    frame_cpu.sort();
    let peak_one = vm_kib("VmHWM:");
    if std::env::var_os("AI_FRAMES_ONE").is_some() {
        // For a heap profiler: stop with o200k and the 1 MB prompt.
        println!(
            "peak with o200k and the 1 MB prompt: {:.0} MB",
            peak_one as f64 / 1024.0
        );
        return;
    }

    // A 64 KiB prompt: the same keys.
    let small: String = text
        .chars()
        .scan(0, |n, c| {
            *n += c.len_utf8();
            (*n <= 64 << 10).then_some(c)
        })
        .collect();
    h.state_mut().ai.set_input(small);
    settle(&mut h);
    h.step();
    let small_edits = type_keys(&mut h);

    // Three vocabularies compared on the 1 MB text.
    h.state_mut().ai.set_input(text.clone());
    h.state_mut().ai.settings.compare = vec![Vocab::O200k, Vocab::Cl100k, Vocab::Llama3];
    h.state_mut().ai.settings.view = View::Compare;
    settle(&mut h);
    let after_three = vm_kib("VmRSS:");
    let peak = vm_kib("VmHWM:");

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "| 1 MB paste (o200k, {count} tokens): new text → tokenized → drawn | {:.0} ms ({frames} frames) | ≤ 100 ms |",
        ms(paste)
    );
    println!(
        "| type one character into it → view updated (median / worst of {}) | {:.1} ms / {:.1} ms | ≤ 8 ms |",
        edits.len(),
        ms(edits[edits.len() / 2]),
        ms(edits[edits.len() - 1])
    );
    println!(
        "| type one character into a 64 KiB prompt (median / worst of {}) | {:.1} ms / {:.1} ms | ≤ 4 ms |",
        small_edits.len(),
        ms(small_edits[small_edits.len() / 2]),
        ms(small_edits[small_edits.len() - 1])
    );
    let (median, p95, worst) = (
        |v: &[Duration]| ms(v[v.len() / 2]),
        |v: &[Duration]| ms(v[v.len() * 95 / 100]),
        |v: &[Duration]| ms(v[v.len() - 1]),
    );
    println!(
        "| scroll frame: UI-thread CPU (median / p95 / worst of {}); wall time | {:.2} / {:.2} / {:.2} ms; wall {:.2} / {:.2} / {:.2} ms | ≤ 8 ms CPU |",
        frame_cpu.len(),
        median(&frame_cpu),
        p95(&frame_cpu),
        worst(&frame_cpu),
        median(&frame_times),
        p95(&frame_times),
        worst(&frame_times),
    );
    println!(
        "| memory: RSS with o200k loaded, before the paste / peak (VmHWM) with o200k and the 1 MB prompt | {:.0} MB / {:.0} MB | ≤ 120 MB |",
        after_load as f64 / 1024.0,
        peak_one as f64 / 1024.0
    );
    println!(
        "| memory: RSS with o200k + cl100k + llama3 compared on it / peak (VmHWM) for the whole run | {:.0} MB / {:.0} MB | ≤ 400 MB |",
        after_three as f64 / 1024.0,
        peak as f64 / 1024.0
    );
}

/// Five keys typed into the focused prompt, each until its result is drawn; sorted times.
fn type_keys(h: &mut Harness<'_, TokenLensApp>) -> Vec<Duration> {
    let mut edits = Vec::new();
    for key in ["x", "y", "z", "!", " "] {
        let before = h.state().ai.input().len();
        let t0 = Instant::now();
        h.input_mut().events.push(egui::Event::Text(key.to_owned()));
        h.step();
        assert_eq!(
            h.state().ai.input().len(),
            before + 1,
            "the key edited the prompt"
        );
        let (_, drawn) = settle_at(h);
        edits.push(drawn - t0);
    }
    edits.sort();
    edits
}
