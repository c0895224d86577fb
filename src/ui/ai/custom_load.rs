//! Loading a user's tokenizer.json on a named worker, with the same time budget as its encodes and a Cancel
//! button. The loader cannot be interrupted: when the tab stops waiting, the thread finishes alone and its result
//! is dropped. The budget bounds how long a load may take, not when the frame happens to look: a load that
//! finished after its budget is refused like one still running, so the outcome never depends on frame timing.

use std::time::{Duration, Instant};

use crate::ai::Loaded;
use crate::i18n::{Worded as _, Words};
use crate::ui::job::{Job, Poll};

/// A load in progress.
pub struct CustomLoad {
    /// The result and how long the load took, measured on the worker.
    job: Job<(Result<Loaded, Words>, Duration)>,
    name: String,
    started: Instant,
}

/// What became of a load.
pub enum LoadOutcome {
    /// Still loading.
    Pending,
    /// Loaded.
    Loaded(Box<Loaded>),
    /// Not loaded, with the message to show.
    Failed(Words),
}

impl CustomLoad {
    /// Start loading `bytes` (a file called `name`); `None` if no thread could be started.
    pub fn start(ctx: &egui::Context, name: String, bytes: Vec<u8>) -> Option<Self> {
        let shown = name.clone();
        let job = Job::spawn("ai-load-file", ctx, move || {
            let started = Instant::now();
            let loaded = Loaded::from_json(&bytes, None, name.clone()).map_err(|e| {
                words!("ai.open_failed")
                    .with("name", &name)
                    .with_words("err", e.words())
            });
            (loaded, started.elapsed())
        })?;
        Some(Self {
            job,
            name: shown,
            started: Instant::now(),
        })
    }

    /// Collect the result, or give up once `budget` has passed (on the worker's clock or on ours).
    pub fn poll(&self, budget: Duration) -> LoadOutcome {
        let timed_out = || {
            LoadOutcome::Failed(
                words!("ai.load_timed_out")
                    .with("name", &self.name)
                    .with("secs", budget.as_secs()),
            )
        };
        match self.job.poll() {
            Poll::Ready((_, took)) if took > budget => timed_out(),
            Poll::Ready((Ok(loaded), _)) => LoadOutcome::Loaded(Box::new(loaded)),
            Poll::Ready((Err(e), _)) => LoadOutcome::Failed(e),
            Poll::Failed => LoadOutcome::Failed(words!("ai.worker_failed")),
            Poll::Pending if self.started.elapsed() > budget => timed_out(),
            Poll::Pending => LoadOutcome::Pending,
        }
    }

    /// A spinner, the time so far and a Cancel button; returns the message to show when Cancel is clicked.
    pub fn ui(&self, ui: &mut egui::Ui) -> Option<Words> {
        ui.spinner();
        ui.weak(trf!(
            "ai.loading_file",
            &[
                ("name", &self.name),
                ("secs", &self.started.elapsed().as_secs().to_string()),
            ],
        ));
        ui.small_button(tr!("ai.cancel"))
            .clicked()
            .then(|| words!("ai.load_cancelled").with("name", &self.name))
    }
}
