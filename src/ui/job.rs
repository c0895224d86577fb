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
