//! Saving and loading the chain as JSON through a path field. Reading, parsing and writing run on a named worker
//! (`ledger-file`), so a 40 MB chain never stalls the window. Saves are atomic (`store::save`); a tampered file
//! loads and shows red, a broken file shows where it breaks and keeps the current chain. Keys are never saved.
//! The row returns what the user asked for as a [`ChainAction`]; the view starts the job (`save`, `load`). Messages
//! are kept as words and worded when drawn, so they follow a language switch.

use std::path::PathBuf;

use crate::ui::file_pick::{FilePick, PickKind};

use egui::Ui;

use crate::i18n::{Worded as _, Words, tr};
use crate::ledger::model::Chain;
use crate::ledger::store::{self, LoadError, SaveError};
use crate::ui::job::{Job, Poll};
use crate::ui::theme::Palette;

use super::LedgerSettings;
use super::action::ChainAction;

/// What a finished file job reports.
enum Done {
    Saved(PathBuf, Result<(), SaveError>),
    /// `path` is `None` for a dropped file (nothing to remember).
    Loaded {
        name: String,
        path: Option<PathBuf>,
        result: Result<Box<Chain>, LoadError>,
    },
}

/// The path field, the running job and the last result.
#[derive(Default)]
pub struct FileState {
    /// The path typed.
    path: String,
    /// "Open…": pick a file to load.
    open_pick: FilePick,
    /// "Save as…": pick where to save.
    save_pick: FilePick,
    /// (success, message) of the last save or load.
    message: Option<(bool, Words)>,
    /// The running job and what it does.
    job: Option<(Job<Done>, Words)>,
    /// A dropped file's (name, text), parsed on the next frame (the worker needs the egui context).
    queued: Option<(String, String)>,
}

impl FileState {
    /// Is a save or load running (or queued)?
    pub fn busy(&self) -> bool {
        self.job.is_some() || self.queued.is_some()
    }

    /// Show `message` (success, words) in the row, or nothing.
    pub fn say(&mut self, message: Option<(bool, Words)>) {
        self.message = message;
    }

    /// Queue a ledger given as text (a dropped file); it is parsed on the worker from the next frame.
    pub fn queue(&mut self, name: &str, text: String) {
        self.queued = Some((name.to_owned(), text));
    }
}

/// The file row: what the user asked for, or the chain a finished load read ([`ChainAction::SetChain`]).
pub fn file_ui(
    ui: &mut Ui,
    st: &mut FileState,
    settings: &mut LedgerSettings,
) -> Option<ChainAction> {
    let loaded = poll(ui.ctx(), st, settings);
    if st.path.is_empty()
        && let Some(p) = &settings.file
    {
        st.path = p.display().to_string();
    }
    let mut action = None;
    ui.horizontal(|ui| {
        let l = ui.label(tr!("ledger.file"));
        ui.add(
            egui::TextEdit::singleline(&mut st.path)
                .hint_text(tr!("ledger.file.hint"))
                .desired_width(360.0),
        )
        .labelled_by(l.id);
        ui.add_enabled_ui(!st.busy(), |ui| {
            if ui.button(tr!("ledger.file.save")).clicked() {
                action = Some(ChainAction::Save(PathBuf::from(st.path.trim())));
            }
            if ui.button(tr!("ledger.file.load")).clicked() {
                action = Some(ChainAction::Load(PathBuf::from(st.path.trim())));
            }
            // Open… loads the file picked, Save as… saves to it.
            for kind in [PickKind::Open, PickKind::Save] {
                let (pick, label) = match kind {
                    PickKind::Open => (&mut st.open_pick, key!("ledger.file.open_pick")),
                    PickKind::Save => (&mut st.save_pick, key!("ledger.file.save_as")),
                };
                if let Some(p) = pick.browse_ui(ui, tr(label), kind, &st.path) {
                    st.path = p.display().to_string();
                    let path = PathBuf::from(st.path.trim());
                    action = Some(match kind {
                        PickKind::Open => ChainAction::Load(path),
                        PickKind::Save => ChainAction::Save(path),
                    });
                }
            }
            if ui.button(tr!("ledger.file.new_demo")).clicked() {
                action = Some(ChainAction::NewDemo);
            }
        });
        if let Some((_, doing)) = &st.job {
            ui.spinner();
            ui.label(doing.text());
        } else if let Some((ok, msg)) = &st.message {
            let p = Palette::of(ui);
            ui.colored_label(if *ok { p.ok() } else { p.error() }, msg.text());
        }
    });
    loaded.or(action)
}

/// Save `chain` to `path` on the worker.
pub fn save(ctx: &egui::Context, st: &mut FileState, chain: Chain, path: PathBuf) {
    let doing = words!("ledger.file.saving").with("path", path.display());
    start(ctx, st, doing, move || {
        let result = store::save(&chain, &path);
        Done::Saved(path, result)
    });
}

/// Load `path` on the worker; on failure keep the chain and say why (with line and column for broken JSON).
pub fn load(ctx: &egui::Context, st: &mut FileState, path: PathBuf) {
    let doing = words!("ledger.file.loading").with("path", path.display());
    start(ctx, st, doing, move || Done::Loaded {
        name: path.display().to_string(),
        result: store::load(&path).map(Box::new),
        path: Some(path),
    });
}

fn start(
    ctx: &egui::Context,
    st: &mut FileState,
    doing: Words,
    work: impl FnOnce() -> Done + Send + 'static,
) {
    match Job::spawn("ledger-file", ctx, work) {
        Some(job) => st.job = Some((job, doing)),
        None => st.message = Some((false, words!("ledger.file.no_thread"))),
    }
}

/// Start a queued load; take a finished job's result. A loaded chain is returned as [`ChainAction::SetChain`].
fn poll(
    ctx: &egui::Context,
    st: &mut FileState,
    settings: &mut LedgerSettings,
) -> Option<ChainAction> {
    if st.job.is_none()
        && let Some((name, text)) = st.queued.take()
    {
        let doing = words!("ledger.file.loading").with("path", &name);
        start(ctx, st, doing, move || Done::Loaded {
            result: store::from_json(&text).map(Box::new),
            name,
            path: None,
        });
    }
    let (job, _) = st.job.as_ref()?;
    let done = match job.poll() {
        Poll::Pending => return None,
        Poll::Ready(done) => done,
        Poll::Failed => {
            st.job = None;
            st.message = Some((false, words!("ledger.file.worker_failed")));
            return None;
        }
    };
    st.job = None;
    let mut loaded = None;
    st.message = Some(match done {
        Done::Saved(path, Ok(())) => {
            let msg = words!("ledger.file.saved").with("path", path.display());
            settings.file = Some(path);
            (true, msg)
        }
        Done::Saved(_, Err(e)) => (false, e.words()),
        Done::Loaded { name, path, result } => match result {
            Ok(chain) => {
                loaded = Some(ChainAction::SetChain(chain));
                if let Some(path) = path {
                    settings.file = Some(path);
                }
                (true, words!("ledger.file.loaded").with("path", name))
            }
            Err(e) => (
                false,
                words!("ledger.file.load_failed").with_words("err", e.words()),
            ),
        },
    });
    loaded
}
