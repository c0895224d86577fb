//! Start to first frame: the release app is started ten times under the display in `DISPLAY` (a virtual one here,
//! see BENCHMARKS.md), with a fresh settings directory; each run prints when its first frame has been painted
//! (`TOKENLENS_STARTUP_PROBE`) and closes. Prints each time from spawn to that moment, and the median.
//!
//! Run: `DISPLAY=:99 cargo bench --bench startup`. Without a display it says so and measures nothing.
//! `TOKENLENS_BIN=path` measures another build of the app (a release build with other profile settings).

#![expect(clippy::print_stdout, reason = "a bench binary reports on stdout")]

use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

fn main() {
    if std::env::var_os("DISPLAY").is_none() {
        println!("startup: no DISPLAY, nothing measured (start Xvfb and set DISPLAY)");
        return;
    }
    let runs = 10;
    let mut times = Vec::new();
    for run in 0..runs {
        let home = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("tokenlens-startup-{}-{run}", std::process::id()));
        let _ = std::fs::create_dir_all(&home);
        let spawned = SystemTime::now();
        let bin = std::env::var_os("TOKENLENS_BIN")
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_tokenlens").into());
        let mut child = Command::new(bin)
            .env("TOKENLENS_STARTUP_PROBE", "1")
            .env("XDG_DATA_HOME", &home)
            .env("XDG_CONFIG_HOME", &home)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the app starts");
        let mut painted = None;
        if let Some(err) = child.stderr.take() {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                if let Some(ns) = line.strip_prefix("first-frame-painted ") {
                    painted = ns.trim().parse::<u64>().ok();
                }
            }
        }
        let _ = child.wait();
        let _ = std::fs::remove_dir_all(&home);
        let Some(ns) = painted else {
            println!("run {run}: no first frame reported");
            continue;
        };
        let start = spawned.duration_since(UNIX_EPOCH).unwrap_or_default();
        let took = Duration::from_nanos(ns).saturating_sub(start);
        println!("run {run}: {:.1} ms", took.as_secs_f64() * 1e3);
        times.push(took);
    }
    times.sort();
    if let Some(mid) = times.get(times.len() / 2) {
        println!(
            "start → first frame painted, median of {}: {:.1} ms (goal ≤ 150 ms)",
            times.len(),
            mid.as_secs_f64() * 1e3
        );
    }
}
