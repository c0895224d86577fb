//! `tokenlens ai count` against tiktoken-rs, whole processes on the same file in the same run (issue 15): load only
//! (an empty file), then 1 MiB of Python source; wall time and peak memory (the child's `ru_maxrss`), median of 5,
//! the two programs taking turns. The peer is this bench binary itself, re-run with `--peer FILE` (tiktoken-rs
//! 0.12's o200k `encode_ordinary`, printing the count).
//!
//! Run: `cargo bench --bench ai_count`. The Python source is the first 1 MiB of the `*.py` files in the standard
//! library of the `python3` on the PATH (sorted by name); set `AI_COUNT_FILE` to use another file.

#![expect(clippy::print_stdout, reason = "a bench binary reports on stdout")]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, file] = args.as_slice()
        && flag == "--peer"
    {
        let text = std::fs::read_to_string(file).expect("the file reads");
        let bpe = tiktoken_rs::o200k_base().expect("o200k");
        println!("{}", bpe.encode_ordinary(&text).len());
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let empty = dir.join("ai_count_empty.txt");
    std::fs::write(&empty, "").expect("write");
    let Some(source) = python_source(dir) else {
        println!("ai_count: no python3 standard library found; set AI_COUNT_FILE");
        return;
    };
    let me = std::env::current_exe().expect("own path");
    let ours = |file: &Path| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_tokenlens"));
        c.args(["ai", "count", "--tokenizer", "o200k_base"])
            .arg(file);
        c
    };
    let peer = |file: &Path| {
        let mut c = Command::new(&me);
        c.arg("--peer").arg(file);
        c
    };
    for (what, file) in [
        ("load only (empty file)", &empty),
        ("1 MiB of Python source", &source),
    ] {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for _ in 0..5 {
            a.push(run(ours(file)));
            b.push(run(peer(file)));
        }
        let (ta, ma) = median(&a);
        let (tb, mb) = median(&b);
        println!(
            "{what}: tokenlens {:.1} ms, {:.1} MB | tiktoken-rs {:.1} ms, {:.1} MB | time ratio {:.2}×",
            ta.as_secs_f64() * 1e3,
            ma as f64 / 1e6,
            tb.as_secs_f64() * 1e3,
            mb as f64 / 1e6,
            ta.as_secs_f64() / tb.as_secs_f64()
        );
    }
}

/// Wall time and peak resident memory (bytes) of one child.
#[expect(
    unsafe_code,
    reason = "one libc call: std cannot give a child's rusage"
)]
#[expect(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also gives its rusage"
)]
fn run(mut cmd: Command) -> (Duration, u64) {
    let start = Instant::now();
    let child = cmd
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawns");
    let pid = i32::try_from(child.id()).expect("pid");
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills in; the pid is our own child, waited for once.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: as above; the pointers are to live locals.
    let got = unsafe { libc::wait4(pid, &raw mut status, 0, &raw mut usage) };
    let took = start.elapsed();
    assert_eq!(got, pid, "waited for the child");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "the child succeeded"
    );
    (took, u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024)
}

fn median(runs: &[(Duration, u64)]) -> (Duration, u64) {
    let mut t: Vec<Duration> = runs.iter().map(|r| r.0).collect();
    let mut m: Vec<u64> = runs.iter().map(|r| r.1).collect();
    t.sort();
    m.sort_unstable();
    (t[t.len() / 2], m[m.len() / 2])
}

/// 1 MiB of Python source (see the module header), written under the target directory.
fn python_source(dir: &Path) -> Option<PathBuf> {
    if let Some(file) = std::env::var_os("AI_COUNT_FILE") {
        return Some(file.into());
    }
    let out = Command::new("python3")
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .ok()?;
    let lib = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&lib)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    let mut text = String::new();
    for f in files {
        if text.len() >= 1 << 20 {
            break;
        }
        text.push_str(&std::fs::read_to_string(f).unwrap_or_default());
    }
    let mut cut = (1 << 20).min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    let path = dir.join("ai_count_python_1mib.py");
    std::fs::write(&path, text).ok()?;
    Some(path)
}
