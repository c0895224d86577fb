//! What the frame benches share: stepping the app as eframe would until the AI tab's work lands, the UI thread's
//! CPU clock, and the process's memory figures.
#![allow(dead_code, reason = "each bench uses part of it")]

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use tokenlens::app::TokenLensApp;

pub fn vm_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// CPU time this thread has used (`CLOCK_THREAD_CPUTIME_ID`, exact to the nanosecond; wall time would also
/// count other threads' work on a shared 2-core VM, and /proc's schedstat moves in 4 ms ticks here).
#[expect(unsafe_code, reason = "one libc call; std has no per-thread CPU clock")]
pub fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &raw mut ts) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(
        u64::try_from(ts.tv_sec).unwrap_or(0),
        u32::try_from(ts.tv_nsec).unwrap_or(0),
    )
}

/// Step like eframe does for this app: at once when a worker asks for a repaint (a job finished), otherwise every
/// 50 ms while work runs (the tab's own progress repaint). Returns the frames drawn until the work landed and
/// was drawn.
pub fn settle(h: &mut Harness<'_, TokenLensApp>) -> usize {
    settle_at(h).0
}

/// [`settle`], also returning when the frame that drew the result ended (the first frame after which nothing is
/// running). One more frame is stepped after it, to let the UI settle, and not counted.
pub fn settle_at(h: &mut Harness<'_, TokenLensApp>) -> (usize, Instant) {
    // The frame after a change starts the work (or, after a key, draws what the key's frame started).
    h.step();
    let mut drawn = Instant::now();
    let mut frames = 1;
    let mut last = Instant::now();
    let t0 = Instant::now();
    let mut ready_at = None;
    while h.state().ai.busy() {
        // eframe wakes at once on a worker's repaint request; polling every 0.1 ms comes close.
        std::thread::sleep(Duration::from_micros(100));
        let ready = h.state().ai.result_ready();
        if ready && ready_at.is_none() {
            ready_at = Some(t0.elapsed());
        }
        if ready || last.elapsed() >= Duration::from_millis(50) {
            let f = Instant::now();
            h.step();
            drawn = Instant::now();
            if ready && std::env::var_os("TL_TRACE").is_some() {
                println!(
                    "  worker {:?}, frame {:?}",
                    ready_at.unwrap_or_default(),
                    f.elapsed()
                );
            }
            frames += 1;
            last = Instant::now();
        }
    }
    let f = Instant::now();
    h.step();
    if std::env::var_os("TL_TRACE").is_some() {
        println!("  settling frame (not counted) {:?}", f.elapsed());
    }
    (frames, drawn)
}
