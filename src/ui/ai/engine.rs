//! The AI tab's background work: vocabularies load once on a named worker and are cached; the prompt is encoded
//! (incrementally when only the text changed) on workers while the last result stays on screen. A user's
//! tokenizer has a time budget per encode, and any encode can be cancelled; the tab then stops waiting for it.

use std::collections::HashMap;
use std::sync::Arc;

use crate::ai::{AiDoc, AiError, EncodeOptions, Loaded, Progress, Vocab};
use crate::i18n::{Worded as _, Words};
use crate::text::SpannedText;

use crate::ui::job::{Job, Poll, Worker};

/// Which tokenizer: a bundled vocabulary or the user's file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// Bundled.
    Bundled(Vocab),
    /// A tokenizer.json the user opened, by generation (each open is a new one).
    Custom(u64),
}

/// An encoded prompt ready to draw.
pub struct Shown {
    /// Tokenizer and options it was made with.
    pub key: (Source, EncodeOptions),
    /// The tokenizer.
    pub loaded: Arc<Loaded>,
    /// The document (for incremental updates).
    pub doc: Arc<AiDoc>,
    /// Spans for the widget.
    pub spanned: Arc<SpannedText>,
    /// The input revision it encodes.
    pub input_rev: u64,
    /// Characters in the text (counted on the worker, not every frame).
    pub chars: usize,
    /// Text in no token (found on the worker; byte-level bundled vocabularies cover every byte).
    pub dropped: crate::ai::Dropped,
    /// How this text differs from the previous result's: (replaced bytes of the old text, length of the new
    /// bytes); `None` when it was encoded from scratch.
    pub edit: Option<(std::ops::Range<usize>, usize)>,
}

struct Running {
    job: Job<Result<Shown, AiError>>,
    progress: Arc<Progress>,
    /// Set by the worker as its last step, just before the result is sent and the UI woken.
    done: Arc<std::sync::atomic::AtomicBool>,
    key: (Source, EncodeOptions),
    input_rev: u64,
    started: std::time::Instant,
}

/// How long one encode with a user's tokenizer may run before the tab stops waiting for it. A call into the
/// tokenizer cannot be interrupted, so its thread is left to finish in the background and a new one takes over.
pub const USER_BUDGET: std::time::Duration = std::time::Duration::from_secs(10);

/// Loads, caches and encodes.
#[derive(Default)]
pub struct Engine {
    cache: HashMap<Source, Arc<Loaded>>,
    /// Most recently used last.
    order: Vec<Source>,
    loading: HashMap<Source, Job<Result<Arc<Loaded>, AiError>>>,
    running: Option<Running>,
    /// The result on screen.
    pub shown: Option<Shown>,
    /// Counts results put on screen: the widget's revision, so a new result is never drawn with old rows.
    pub generation: u64,
    /// The last load or encode error.
    pub error: Option<Words>,
    /// The tokenizer, options and input revision whose encode failed: not retried every frame.
    failed: Option<((Source, EncodeOptions), u64)>,
    /// A result no longer shown, whose allocations the next encode reuses.
    spare: Arc<std::sync::Mutex<Option<SpannedText>>>,
    /// The one thread that encodes the prompt (started on first use).
    worker: Option<Worker>,
    /// A user's tokenizer that ran out of time or was cancelled: not started again until [`Engine::retry`].
    stopped: Option<(Source, EncodeOptions)>,
    /// The budget for a user's tokenizer; [`USER_BUDGET`] unless set (tests shorten it).
    budget: Option<std::time::Duration>,
}

/// Vocabularies kept in memory at once: the main model plus four compared (the peak-memory goal is for three).
const CACHE_LIMIT: usize = 5;

impl Engine {
    /// The tokenizer for `source`, starting a load if needed.
    pub fn get(&mut self, ctx: &egui::Context, source: &Source) -> Option<Arc<Loaded>> {
        if let Some(l) = self.cache.get(source) {
            let l = Arc::clone(l);
            self.touch(source);
            return Some(l);
        }
        if let Source::Bundled(v) = *source
            && !self.loading.contains_key(source)
            && let Some(job) = Job::spawn("ai-load-vocab", ctx, move || Loaded::shared(v))
        {
            self.loading.insert(source.clone(), job);
        }
        None
    }

    /// Is `source` loading now?
    pub fn is_loading(&self, source: &Source) -> bool {
        self.loading.contains_key(source)
    }

    /// Add a tokenizer loaded elsewhere (the user's file).
    pub fn insert(&mut self, source: &Source, loaded: Arc<Loaded>) {
        self.cache.insert(source.clone(), loaded);
        self.touch(source);
    }

    fn touch(&mut self, source: &Source) {
        self.order.retain(|s| s != source);
        self.order.push(source.clone());
        while self.order.len() > CACHE_LIMIT {
            let old = self.order.remove(0);
            self.cache.remove(&old);
        }
    }

    /// Collect finished work. Call once per frame.
    pub fn poll(&mut self) {
        let done: Vec<Source> = self
            .loading
            .iter()
            .filter_map(|(s, j)| match j.poll() {
                Poll::Pending => None,
                Poll::Ready(Ok(l)) => {
                    self.cache.insert(s.clone(), l);
                    Some(s.clone())
                }
                Poll::Ready(Err(e)) => {
                    self.error = Some(e.words());
                    Some(s.clone())
                }
                Poll::Failed => Some(s.clone()),
            })
            .collect();
        for s in done {
            self.loading.remove(&s);
            if self.cache.contains_key(&s) {
                self.touch(&s);
            }
        }
        if let Some(r) = &self.running {
            match r.job.poll() {
                Poll::Pending => {}
                Poll::Ready(Ok(shown)) => {
                    self.error = None;
                    // The old result's span buffers go to the next encode (fresh memory costs page faults); if
                    // something else still holds them, they are freed off the UI thread.
                    self.generation += 1;
                    if let Some(old) = self.shown.replace(shown) {
                        match Arc::try_unwrap(old.spanned) {
                            Ok(text) => {
                                *self
                                    .spare
                                    .lock()
                                    .unwrap_or_else(std::sync::PoisonError::into_inner) =
                                    Some(text);
                            }
                            Err(shared) => {
                                let _ = std::thread::Builder::new()
                                    .name("ai-free".to_owned())
                                    .spawn(move || drop(shared));
                            }
                        }
                        let doc = old.doc;
                        let _ = std::thread::Builder::new()
                            .name("ai-free".to_owned())
                            .spawn(move || drop(doc));
                    }
                    self.running = None;
                }
                Poll::Ready(Err(AiError::Cancelled)) => self.running = None,
                Poll::Ready(Err(e)) => {
                    self.error = Some(e.words());
                    self.failed = Some((r.key.clone(), r.input_rev));
                    self.running = None;
                }
                Poll::Failed => {
                    self.error = Some(words!("ai.worker_failed"));
                    self.running = None;
                    self.worker = None;
                }
            }
        }
        if let Some(elapsed) = self.custom_elapsed()
            && elapsed > self.budget()
        {
            let secs = self.budget().as_secs_f32();
            self.abandon(words!("ai.timed_out").with("secs", format!("{secs:.0}")));
        }
    }

    /// Stop waiting for the running encode: it is cancelled (a bundled vocabulary stops between chunks) and left
    /// to finish on its own thread while a new thread takes the next one. A user's tokenizer is then not started
    /// again until [`Engine::retry`]; a bundled one starts again at the next edit.
    pub fn cancel(&mut self) {
        self.abandon(words!("ai.cancelled"));
    }

    /// The running encode is no longer wanted: cancel it. A bundled vocabulary stops at its next chunk; a user's
    /// tokenizer cannot be stopped, so its thread is left to finish alone and the next encode gets a new thread.
    fn not_needed(&mut self) {
        let Some(r) = &self.running else { return };
        r.progress
            .cancel
            .store(true, std::sync::atomic::Ordering::Relaxed);
        if matches!(r.key.0, Source::Custom(_)) {
            self.running = None;
            self.worker = None;
        }
    }

    fn abandon(&mut self, message: Words) {
        let Some(r) = self.running.take() else { return };
        r.progress
            .cancel
            .store(true, std::sync::atomic::Ordering::Relaxed);
        self.worker = None;
        if matches!(r.key.0, Source::Custom(_)) {
            self.stopped = Some(r.key);
        } else {
            self.failed = Some((r.key, r.input_rev));
        }
        self.error = Some(message);
    }

    /// Was the encode for `key` stopped (out of time or cancelled)?
    pub fn is_stopped(&self, key: &(Source, EncodeOptions)) -> bool {
        self.stopped.as_ref() == Some(key)
    }

    /// Try a stopped tokenizer again.
    pub fn retry(&mut self) {
        self.stopped = None;
        self.failed = None;
        self.error = None;
    }

    /// The time budget for one encode with a user's tokenizer.
    pub fn budget(&self) -> std::time::Duration {
        self.budget.unwrap_or(USER_BUDGET)
    }

    /// Change the budget (tests use a short one).
    pub fn set_budget(&mut self, budget: std::time::Duration) {
        self.budget = Some(budget);
    }

    /// Seconds the running encode has taken, when it uses a user's tokenizer (its progress cannot be measured).
    pub fn custom_elapsed(&self) -> Option<std::time::Duration> {
        self.running
            .as_ref()
            .filter(|r| matches!(r.key.0, Source::Custom(_)))
            .map(|r| r.started.elapsed())
    }

    /// Is a load or an encode running?
    pub fn busy(&self) -> bool {
        self.running.is_some() || !self.loading.is_empty()
    }

    /// Has the running encode finished (its result is waiting for the next frame)?
    pub fn result_ready(&self) -> bool {
        self.running
            .as_ref()
            .is_some_and(|r| r.done.load(std::sync::atomic::Ordering::Acquire))
    }

    /// Progress of the running encode, if any.
    pub fn progress(&self) -> Option<f32> {
        self.running.as_ref().map(|r| r.progress.fraction())
    }

    /// Make sure the shown result matches (`source`, `opts`, `input` at `input_rev`); start work if not.
    pub fn want(
        &mut self,
        ctx: &egui::Context,
        source: &Source,
        opts: EncodeOptions,
        input: &str,
        input_rev: u64,
    ) {
        let key = (source.clone(), opts);
        if self
            .shown
            .as_ref()
            .is_some_and(|s| s.key == key && s.input_rev == input_rev)
        {
            // What is shown is what is wanted: a job for anything else is no longer needed.
            if self
                .running
                .as_ref()
                .is_some_and(|r| r.key != key || r.input_rev != input_rev)
            {
                self.not_needed();
            }
            return;
        }
        if self
            .failed
            .as_ref()
            .is_some_and(|(k, rev)| *k == key && *rev == input_rev)
            || self.is_stopped(&key)
        {
            // The same work failed already (a tokenizer that crashed, an error in the file): wait for a change.
            return;
        }
        if let Some(r) = &self.running {
            if r.key == key {
                // The same work, or older text: let it finish; the next frame starts from its result.
                return;
            }
            self.not_needed();
            if self.running.is_some() {
                return;
            }
        }
        let Some(loaded) = self.get(ctx, source) else {
            return;
        };
        let base = self
            .shown
            .as_ref()
            .filter(|s| s.key == key)
            .map(|s| (Arc::clone(&s.doc), Arc::clone(&s.spanned), s.chars));
        let progress = Arc::new(Progress::default());
        let p = Arc::clone(&progress);
        let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let spare = Arc::clone(&self.spare);
        let d = Arc::clone(&done);
        let text = input.to_owned();
        let k = key.clone();
        if self.worker.is_none() {
            self.worker = Worker::new("ai-tokenize");
        }
        let Some(worker) = &self.worker else {
            self.error = Some(words!("ai.worker_failed"));
            return;
        };
        let job = worker.run(ctx, move || {
            let old = spare
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take();
            // Only the re-encoded chunks' spans are rebuilt; the rest are copied from the shown result.
            let (doc, spanned, chars, edit) = if let Some((base, prev, prev_chars)) = base {
                let (doc, stats) = base.update(&loaded, text, &p)?;
                let spanned = doc.spanned_after(&prev, &stats, old)?;
                // Count characters only where the text changed.
                let chars = prev_chars - base.text()[stats.old_bytes.clone()].chars().count()
                    + doc.text()[stats.new_bytes.clone()].chars().count();
                (
                    doc,
                    spanned,
                    chars,
                    Some((stats.old_bytes, stats.new_bytes.len())),
                )
            } else {
                let doc = AiDoc::new(&loaded, text, opts, &p)?;
                let spanned = match old {
                    Some(old) => doc.spanned_reusing(old)?,
                    None => doc.spanned()?,
                };
                let chars = doc.text().chars().count();
                (doc, spanned, chars, None)
            };
            let dropped = if loaded.vocab.is_none_or(|v| !v.byte_level()) {
                crate::ai::dropped(doc.text(), doc.tokens().map(|t| t.range()))
            } else {
                crate::ai::Dropped::default()
            };
            d.store(true, std::sync::atomic::Ordering::Release);
            Ok(Shown {
                chars,
                dropped,
                edit,
                key: k,
                loaded,
                doc: Arc::new(doc),
                spanned: Arc::new(spanned),
                input_rev,
            })
        });
        if job.is_none() {
            // The worker thread is gone (a task panicked): start a new one next frame.
            self.worker = None;
        }
        if let Some(job) = job {
            self.running = Some(Running {
                job,
                progress,
                done,
                key,
                input_rev,
                started: std::time::Instant::now(),
            });
        }
    }

    /// Is the shown result older than what is wanted?
    pub fn stale(&self, input_rev: u64, key: &(Source, EncodeOptions)) -> bool {
        self.shown
            .as_ref()
            .is_none_or(|s| s.input_rev != input_rev || &s.key != key)
    }

    /// Cached tokenizers, for the compare view.
    pub fn cached(&self, source: &Source) -> Option<Arc<Loaded>> {
        self.cache.get(source).map(Arc::clone)
    }
}
