//! The "Browse…" button and the file picker it opens, drawn by egui itself (egui_file): it works on every desktop
//! with no portal or GTK, follows the app's language and theme, and tests drive it like any other widget.

use std::path::{Path, PathBuf};

use egui_file::{FileDialog, State};

/// What the picker is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickKind {
    /// Choose an existing file.
    Open,
    /// Choose where to write a file (a new name may be typed).
    Save,
}

/// A button that opens a file picker, and the picker while it is open.
#[derive(Default)]
pub struct FilePick {
    dialog: Option<FileDialog>,
}

impl std::fmt::Debug for FilePick {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FilePick")
            .field("open", &self.dialog.is_some())
            .finish()
    }
}

impl FilePick {
    /// Draw the button (`label`), and the picker while it is open. `near` is the path typed so far: the picker
    /// starts in its folder (and, to save, with its file name). Returns the chosen path once, in the frame it is
    /// chosen.
    pub fn browse_ui(
        &mut self,
        ui: &mut egui::Ui,
        label: &str,
        kind: PickKind,
        near: &str,
    ) -> Option<PathBuf> {
        if ui.button(label).clicked() {
            let mut dialog = new_dialog(kind)
                .id(ui.make_persistent_id(("file_pick", label)))
                // In the middle of the window, above the tab it serves.
                .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO);
            let near = Path::new(near.trim());
            if let Some(dir) = [Some(near), near.parent()]
                .into_iter()
                .flatten()
                .find(|d| !d.as_os_str().is_empty() && d.is_dir())
            {
                dialog = dialog.initial_path(dir);
            }
            if kind == PickKind::Save
                && let Some(name) = near.file_name()
            {
                dialog = dialog.default_filename(name.to_string_lossy());
            }
            dialog.open();
            self.dialog = Some(dialog);
        }
        let dialog = self.dialog.as_mut()?;
        dialog.show(ui.ctx());
        match dialog.state() {
            State::Open => None,
            State::Selected => {
                let path = dialog.path().map(Path::to_owned);
                self.dialog = None;
                path
            }
            State::Closed | State::Cancelled => {
                self.dialog = None;
                None
            }
        }
    }
}

/// A picker with every text from the catalogue.
fn new_dialog(kind: PickKind) -> FileDialog {
    let (dialog, title) = match kind {
        PickKind::Open => (FileDialog::open_file(), tr!("file.title_open")),
        PickKind::Save => (FileDialog::save_file(), tr!("file.title_save")),
    };
    dialog
        .title(title)
        .open_button_text(tr!("file.open").to_owned().into())
        .save_button_text(tr!("file.save").to_owned().into())
        .cancel_button_text(tr!("file.cancel").to_owned().into())
        .new_folder_button_text(tr!("file.new_folder").to_owned().into())
        .new_folder_name_text(tr!("file.new_folder_name").to_owned().into())
        .rename_button_text(tr!("file.rename").to_owned().into())
        .refresh_button_hover_text(tr!("file.refresh").to_owned().into())
        .parent_folder_button_hover_text(tr!("file.parent").to_owned().into())
        .file_label_text(tr!("file.file").to_owned().into())
        .show_hidden_checkbox_text(tr!("file.show_hidden").to_owned().into())
}
