//! Background jobs on named worker threads that report back over a channel and wake the UI.

use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// A running job whose result arrives once.
pub struct Job<T> {
    rx: Receiver<T>,
}

impl<T: Send + 'static> Job<T> {
    /// Run `work` on a thread named `name`; the UI is repainted when it finishes.
    /// Returns `None` only if the OS refuses to start a thread.
    pub fn spawn(
        name: &str,
        ctx: &egui::Context,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Option<Self> {
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                let _ = tx.send(work());
                ctx.request_repaint();
            })
            .ok()?;
        Some(Self { rx })
    }

    /// The result, once it is ready.
    pub fn poll(&self) -> Poll<T> {
        match self.rx.try_recv() {
            Ok(v) => Poll::Ready(v),
            Err(TryRecvError::Empty) => Poll::Pending,
            Err(TryRecvError::Disconnected) => Poll::Failed,
        }
    }
}

/// The state of a job.
pub enum Poll<T> {
    /// Done.
    Ready(T),
    /// Still running.
    Pending,
    /// The worker died without an answer (it panicked).
    Failed,
}

type Task = Box<dyn FnOnce() + Send>;

/// One long-lived named worker thread that runs tasks in order. Encoding on the same thread every time keeps its
/// per-thread caches (the regex engine's, the allocator's) warm: a fresh thread per edit cost more than the
/// encode itself (BENCHMARKS.md).
pub struct Worker {
    tx: Option<std::sync::mpsc::Sender<Task>>,
}

impl Worker {
    /// Start the thread; `None` only if the OS refuses.
    pub fn new(name: &str) -> Option<Self> {
        let (tx, rx) = channel::<Task>();
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                while let Ok(task) = rx.recv() {
                    task();
                }
            })
            .ok()?;
        Some(Self { tx: Some(tx) })
    }

    /// Run `work` on the worker; the UI is repainted when it finishes. `None` if the worker has stopped.
    pub fn run<T: Send + 'static>(
        &self,
        ctx: &egui::Context,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Option<Job<T>> {
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        self.tx
            .as_ref()?
            .send(Box::new(move || {
                let _ = tx.send(work());
                ctx.request_repaint();
            }))
            .ok()?;
        Some(Job { rx })
    }
}
