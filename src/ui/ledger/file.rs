//! Saving and loading the chain as JSON through a path field. Reading, parsing and writing run on a named worker
//! (`ledger-file`), so a 40 MB chain never stalls the window. Saves are atomic (`store::save`); a tampered file
//! loads and shows red, a broken file shows where it breaks and keeps the current chain. Keys are never saved.

use std::path::PathBuf;

use crate::ui::file_pick::{FilePick, PickKind};

use egui::Ui;

use crate::i18n::{tr, trf};
use crate::ledger::demo::{DemoParams, build_demo};
use crate::ledger::model::Chain;
use crate::ledger::store;
use crate::ui::job::{Job, Poll};
use crate::ui::theme::Palette;

use super::LedgerSettings;
use super::chain::ChainView;

/// What a finished file job reports.
enum Done {
    Saved(PathBuf, Result<(), String>),
    /// `path` is `None` for a dropped file (nothing to remember).
    Loaded {
        name: String,
        path: Option<PathBuf>,
        result: Result<Box<Chain>, String>,
    },
}

/// The path field, the running job and the last result.
#[derive(Default)]
pub struct FileState {
    /// The path typed.
    pub path: String,
    /// "Open…": pick a file to load.
    pub open_pick: FilePick,
    /// "Save as…": pick where to save.
    pub save_pick: FilePick,
    /// (success, message) of the last save or load.
    pub message: Option<(bool, String)>,
    job: Option<(Job<Done>, String)>,
    /// A dropped file's (name, text), parsed on the next frame (the worker needs the egui context).
    queued: Option<(String, String)>,
}

impl FileState {
    /// Is a save or load running (or queued)?
    pub fn busy(&self) -> bool {
        self.job.is_some() || self.queued.is_some()
    }
}

/// The file row.
pub fn file_ui(ui: &mut Ui, v: &mut ChainView, settings: &mut LedgerSettings) {
    poll(ui.ctx(), v, settings);
    if v.file.path.is_empty()
        && let Some(p) = &settings.file
    {
        v.file.path = p.display().to_string();
    }
    let mut action = None;
    ui.horizontal(|ui| {
        let l = ui.label(tr("ledger.file"));
        ui.add(
            egui::TextEdit::singleline(&mut v.file.path)
                .hint_text(tr("ledger.file.hint"))
                .desired_width(360.0),
        )
        .labelled_by(l.id);
        ui.add_enabled_ui(!v.file.busy(), |ui| {
            if ui.button(tr("ledger.file.save")).clicked() {
                action = Some("save");
            }
            if ui.button(tr("ledger.file.load")).clicked() {
                action = Some("load");
            }
            // Open… loads the file picked, Save as… saves to it.
            for (kind, label, then) in [
                (PickKind::Open, "ledger.file.open_pick", "load"),
                (PickKind::Save, "ledger.file.save_as", "save"),
            ] {
                let pick = match kind {
                    PickKind::Open => &mut v.file.open_pick,
                    PickKind::Save => &mut v.file.save_pick,
                };
                if let Some(p) = pick.browse_ui(ui, tr(label), kind, &v.file.path) {
                    v.file.path = p.display().to_string();
                    action = Some(then);
                }
            }
            if ui.button(tr("ledger.file.new_demo")).clicked() {
                action = Some("demo");
            }
        });
        if let Some((_, doing)) = &v.file.job {
            ui.spinner();
            ui.label(doing.as_str());
        } else if let Some((ok, msg)) = &v.file.message {
            let p = Palette::of(ui);
            ui.colored_label(if *ok { p.ok() } else { p.error() }, msg);
        }
    });
    let path = PathBuf::from(v.file.path.trim());
    match action {
        Some("save") => save(ui.ctx(), v, path),
        Some("load") => load(ui.ctx(), v, path),
        Some(_) => match build_demo(&DemoParams::default()) {
            Ok(chain) => {
                v.set_chain(chain);
                v.file.message = None;
            }
            Err(e) => v.file.message = Some((false, e)),
        },
        None => {}
    }
}

fn save(ctx: &egui::Context, v: &mut ChainView, path: PathBuf) {
    let Some(chain) = v.chain().cloned() else {
        return;
    };
    let doing = trf("ledger.file.saving", &[("path", &path.display())]);
    start(ctx, v, doing, move || {
        let result = store::save(&chain, &path);
        Done::Saved(path, result)
    });
}

/// Load `path` on the worker; on failure keep the chain and say why (with line and column for broken JSON).
fn load(ctx: &egui::Context, v: &mut ChainView, path: PathBuf) {
    let doing = trf("ledger.file.loading", &[("path", &path.display())]);
    start(ctx, v, doing, move || Done::Loaded {
        name: path.display().to_string(),
        result: store::load(&path).map(Box::new).map_err(|e| e.to_string()),
        path: Some(path),
    });
}

/// Queue a ledger given as text (a dropped file); it is parsed on the worker from the next frame.
pub fn load_text(v: &mut ChainView, name: &str, text: String) {
    v.file.queued = Some((name.to_owned(), text));
}

fn start(
    ctx: &egui::Context,
    v: &mut ChainView,
    doing: String,
    work: impl FnOnce() -> Done + Send + 'static,
) {
    match Job::spawn("ledger-file", ctx, work) {
        Some(job) => v.file.job = Some((job, doing)),
        None => v.file.message = Some((false, tr("ledger.file.no_thread").to_owned())),
    }
}

fn poll(ctx: &egui::Context, v: &mut ChainView, settings: &mut LedgerSettings) {
    if v.file.job.is_none()
        && let Some((name, text)) = v.file.queued.take()
    {
        let doing = trf("ledger.file.loading", &[("path", &name)]);
        start(ctx, v, doing, move || Done::Loaded {
            result: store::from_json(&text)
                .map(Box::new)
                .map_err(|e| e.to_string()),
            name,
            path: None,
        });
    }
    let Some((job, _)) = &v.file.job else {
        return;
    };
    let done = match job.poll() {
        Poll::Pending => return,
        Poll::Ready(done) => done,
        Poll::Failed => {
            v.file.job = None;
            v.file.message = Some((false, tr("ledger.file.worker_failed").to_owned()));
            return;
        }
    };
    v.file.job = None;
    v.file.message = Some(match done {
        Done::Saved(path, Ok(())) => {
            let msg = trf("ledger.file.saved", &[("path", &path.display())]);
            settings.file = Some(path);
            (true, msg)
        }
        Done::Saved(_, Err(e)) => (false, e),
        Done::Loaded { name, path, result } => match result {
            Ok(chain) => {
                v.set_chain(*chain);
                if let Some(path) = path {
                    settings.file = Some(path);
                }
                (true, trf("ledger.file.loaded", &[("path", &name)]))
            }
            Err(e) => (false, trf("ledger.file.load_failed", &[("err", &e)])),
        },
    });
}
