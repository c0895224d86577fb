//! Proof of work in the background: one named thread ("ledger-mine", which fans out to "ledger-mine-N"), a cancel
//! flag and an attempts counter the UI reads for progress and hash rate.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

use crate::ledger::mine::{MineOutcome, mine};
use crate::ledger::model::Block;
use crate::ui::job::{Job, Poll};

/// Which block is being mined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MineTarget {
    /// An existing block, by position.
    Block(usize),
    /// A new block made of the pending transactions, to append.
    New,
}

/// A running search.
pub struct Mining {
    /// What is mined.
    pub target: MineTarget,
    /// The block as it was when mining started (its nonce is searched).
    pub snapshot: Block,
    cancel: Arc<AtomicBool>,
    attempts: Arc<AtomicU64>,
    started: Instant,
    job: Job<MineOutcome>,
}

impl Mining {
    /// Start mining `block` for `bits` zero bits on every core. `None` if no thread could be started.
    pub fn start(ctx: &egui::Context, target: MineTarget, block: Block, bits: u32) -> Option<Self> {
        let cancel = Arc::new(AtomicBool::new(false));
        let attempts = Arc::new(AtomicU64::new(0));
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let (c, a, b) = (Arc::clone(&cancel), Arc::clone(&attempts), block.clone());
        let job = Job::spawn("ledger-mine", ctx, move || {
            mine(&b, bits, 0, threads, &c, &a)
        })?;
        Some(Self {
            target,
            snapshot: block,
            cancel,
            attempts,
            started: Instant::now(),
            job,
        })
    }

    /// The outcome, once the search ends.
    pub fn poll(&self) -> Poll<MineOutcome> {
        self.job.poll()
    }

    /// Ask the search to stop; `poll` then reports `Cancelled`.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Hashes tried so far.
    pub fn attempts(&self) -> u64 {
        self.attempts.load(Ordering::Relaxed)
    }

    /// Hashes per second since the start.
    pub fn rate(&self) -> f64 {
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        self.attempts() as f64 / secs
    }

    /// A progress line: "123,456 attempts · 1.2 M hashes/s".
    pub fn progress_text(&self) -> String {
        trf!(
            "ledger.mine.progress",
            &[
                (
                    "attempts",
                    &crate::ledger::format_amount(u128::from(self.attempts()), 0),
                ),
                ("rate", &human_rate(self.rate())),
            ],
        )
    }
}

/// "1.2 M", "850 k", "12".
pub fn human_rate(r: f64) -> String {
    if r >= 1e6 {
        format!("{:.1} M", r / 1e6)
    } else if r >= 1e3 {
        format!("{:.0} k", r / 1e3)
    } else {
        format!("{r:.0}")
    }
}

/// Do two blocks have the same header apart from the nonce and stored hash?
pub fn same_header(a: &Block, b: &Block) -> bool {
    a.index == b.index
        && a.timestamp == b.timestamp
        && a.prev == b.prev
        && a.merkle_root == b.merkle_root
        && a.bits == b.bits
}
