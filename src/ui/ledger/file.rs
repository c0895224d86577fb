//! Saving and loading the chain as JSON through a path field. Saves are atomic (`store::save`); a tampered file
//! loads and shows red, a broken file shows where it breaks and keeps the current chain. Keys are never saved.

use egui::Ui;

use crate::i18n::{tr, trf};
use crate::ledger::demo::{DemoParams, build_demo};
use crate::ledger::store;
use crate::ui::theme::Palette;

use super::LedgerSettings;
use super::chain::ChainView;

/// The path field and the last result.
#[derive(Default)]
pub struct FileState {
    /// The path typed.
    pub path: String,
    /// (success, message) of the last save or load.
    pub message: Option<(bool, String)>,
}

/// The file row.
pub fn file_ui(ui: &mut Ui, v: &mut ChainView, settings: &mut LedgerSettings) {
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
        if ui.button(tr("ledger.file.save")).clicked() {
            action = Some("save");
        }
        if ui.button(tr("ledger.file.load")).clicked() {
            action = Some("load");
        }
        if ui.button(tr("ledger.file.new_demo")).clicked() {
            action = Some("demo");
        }
        if let Some((ok, msg)) = &v.file.message {
            let p = Palette::of(ui);
            ui.colored_label(if *ok { p.ok() } else { p.error() }, msg);
        }
    });
    let path = std::path::PathBuf::from(v.file.path.trim());
    match action {
        Some("save") => {
            let Some(chain) = v.chain() else {
                return;
            };
            v.file.message = Some(match store::save(chain, &path) {
                Ok(()) => {
                    settings.file = Some(path.clone());
                    (true, trf("ledger.file.saved", &[("path", &path.display())]))
                }
                Err(e) => (false, e),
            });
        }
        Some("load") => load(v, settings, &path),
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

/// Load `path`; on failure keep the chain and say why (with line and column for broken JSON).
pub fn load(v: &mut ChainView, settings: &mut LedgerSettings, path: &std::path::Path) {
    match store::load(path) {
        Ok(chain) => {
            v.set_chain(chain);
            settings.file = Some(path.to_path_buf());
            v.file.message = Some((
                true,
                trf("ledger.file.loaded", &[("path", &path.display())]),
            ));
        }
        Err(e) => {
            v.file.message = Some((false, trf("ledger.file.load_failed", &[("err", &e)])));
        }
    }
}

/// Load a ledger from text (a dropped file); on failure keep the chain and say why.
pub fn load_text(v: &mut ChainView, name: &str, text: &str) {
    match store::from_json(text) {
        Ok(chain) => {
            v.set_chain(chain);
            v.file.message = Some((true, trf("ledger.file.loaded", &[("path", &name)])));
        }
        Err(e) => {
            v.file.message = Some((false, trf("ledger.file.load_failed", &[("err", &e)])));
        }
    }
}
