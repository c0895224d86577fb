//! The Media view: open or drop an image (PNG, JPEG, WebP, GIF), an audio file or a video, or type a length, and
//! see its tokens and cost for every model with a rule; the image is drawn with the chosen model's resize steps
//! and tile or patch grid over it, and the formula is spelled out with the rule's source and date.

mod picture;

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use super::side::format_usd;
use crate::ai::media::{
    Detail, ImageCount, ImageInfo, MediaInfo, MediaKind, MediaTable, Preview, count_image,
    decode_preview, is_image, is_media, probe_image, probe_media,
};
use crate::ai::{Pricing, model};
use crate::i18n::{Worded as _, Words};
use crate::ui::file_pick::{FilePick, PickKind};
use crate::ui::job::{Job, Poll};
use crate::ui::theme::Palette;

/// Images read into memory are capped (64 MiB); audio and video are never read whole.
const MAX_IMAGE_BYTES: u64 = 64 << 20;

/// What was opened.
enum Opened {
    Image {
        name: String,
        info: ImageInfo,
        preview: Result<Preview, Words>,
    },
    Media {
        name: String,
        info: MediaInfo,
    },
}

/// An image or a recording and its texture.
struct Shown {
    opened: Opened,
    texture: Option<egui::TextureHandle>,
}

/// The Media view's state. Files are kept only in memory, never persisted.
pub struct MediaState {
    table: MediaTable,
    table_error: Option<String>,
    shown: Option<Shown>,
    job: Option<Job<Result<Opened, Words>>>,
    error: Option<Words>,
    detail: Detail,
    /// The model whose grid is drawn.
    selected: Option<String>,
    path_input: String,
    file_pick: FilePick,
    seconds_input: String,
    typed_kind: MediaKind,
}

impl MediaState {
    /// The bundled rules, overlaid with `<config dir>/media_tokens.json` when it exists.
    pub fn load(config_dir: Option<&Path>) -> Self {
        let mut table = MediaTable::bundled();
        let mut table_error = None;
        if let Some(path) = config_dir.map(|d| d.join(crate::ai::media::OVERRIDE_FILE))
            && let Ok(text) = std::fs::read_to_string(&path)
        {
            match MediaTable::with_override(&text, &path.display().to_string()) {
                Ok(t) => table = t,
                Err(e) => table_error = Some(e.to_string()),
            }
        }
        Self {
            table,
            table_error,
            shown: None,
            job: None,
            error: None,
            detail: Detail::Auto,
            selected: None,
            path_input: String::new(),
            file_pick: FilePick::default(),
            seconds_input: String::new(),
            typed_kind: MediaKind::Audio,
        }
    }

    /// Is a file being read?
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Does this file belong here (an image, audio or video)?
    pub fn wants(bytes: &[u8]) -> bool {
        is_image(bytes) || is_media(&bytes[..bytes.len().min(64)])
    }

    /// Open dropped bytes on a worker.
    pub fn open_bytes(&mut self, ctx: &egui::Context, name: String, bytes: Vec<u8>) {
        self.start(ctx, move || open_bytes(name, &bytes));
    }

    /// Open a file on a worker.
    pub fn open_path(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.start(ctx, move || open_path(&path));
    }

    fn start(
        &mut self,
        ctx: &egui::Context,
        work: impl FnOnce() -> Result<Opened, Words> + Send + 'static,
    ) {
        self.error = None;
        self.job = Job::spawn("ai-media-open", ctx, work);
        if self.job.is_none() {
            self.error = Some(words!("ai.worker_failed"));
        }
    }

    fn poll(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.job else { return };
        match job.poll() {
            Poll::Pending => {}
            Poll::Ready(Ok(opened)) => {
                let texture = match &opened {
                    Opened::Image {
                        name,
                        preview: Ok(p),
                        ..
                    } => Some(ctx.load_texture(
                        format!("media:{name}"),
                        egui::ColorImage::from_rgba_unmultiplied(
                            [p.size.w as usize, p.size.h as usize],
                            &p.rgba,
                        ),
                        egui::TextureOptions::LINEAR,
                    )),
                    _ => None,
                };
                self.shown = Some(Shown { opened, texture });
                self.job = None;
            }
            Poll::Ready(Err(e)) => {
                self.error = Some(e);
                self.job = None;
            }
            Poll::Failed => {
                self.error = Some(words!("ai.worker_failed"));
                self.job = None;
            }
        }
    }
}

fn name_of(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn open_path(path: &Path) -> Result<Opened, Words> {
    use std::io::{Read as _, Seek as _};
    let failed = |e: std::io::Error| {
        words!("ai.open_failed")
            .with("name", path.display())
            .with("err", e)
    };
    let mut file = std::fs::File::open(path).map_err(failed)?;
    let mut head = Vec::with_capacity(64);
    (&mut file)
        .take(64)
        .read_to_end(&mut head)
        .map_err(failed)?;
    file.rewind().map_err(failed)?;
    let name = name_of(path);
    if is_image(&head) {
        let mut bytes = Vec::new();
        file.take(MAX_IMAGE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(failed)?;
        if bytes.len() as u64 > MAX_IMAGE_BYTES {
            return Err(words!("ai.too_large").with("name", path.display()));
        }
        return open_bytes(name, &bytes);
    }
    let len = file.metadata().map_err(failed)?.len();
    let info = probe_media(std::io::BufReader::new(file), len).map_err(|e| e.words())?;
    Ok(Opened::Media { name, info })
}

fn open_bytes(name: String, bytes: &[u8]) -> Result<Opened, Words> {
    if is_image(bytes) {
        let info = probe_image(bytes).map_err(|e| e.words())?;
        let preview = decode_preview(bytes).map_err(|e| e.words());
        return Ok(Opened::Image {
            name,
            info,
            preview,
        });
    }
    let info =
        probe_media(std::io::Cursor::new(bytes), bytes.len() as u64).map_err(|e| e.words())?;
    Ok(Opened::Media { name, info })
}

/// One model's line in the table.
struct Row {
    id: String,
    name: String,
    tokens: u64,
    cost: Option<f64>,
    count: Option<ImageCount>,
    rule: usize,
}

fn model_name(id: &str) -> String {
    model(id).map_or_else(|| id.to_owned(), |m| m.name.to_owned())
}

fn image_rows(table: &MediaTable, pricing: &Pricing, info: &ImageInfo, detail: Detail) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for (i, rule) in table.image_rules.iter().enumerate() {
        for id in &rule.models {
            if rows.iter().any(|r| &r.id == id)
                || table.image_rule(id).map(|r| &r.id) != Some(&rule.id)
            {
                continue;
            }
            let c = count_image(&rule.method, info.size, detail);
            rows.push(Row {
                id: id.clone(),
                name: model_name(id),
                tokens: c.tokens,
                cost: pricing
                    .get(id)
                    .and_then(|p| p.input_cost(c.tokens as usize)),
                count: Some(c),
                rule: i,
            });
        }
    }
    rows
}

fn media_rows(table: &MediaTable, pricing: &Pricing, kind: MediaKind, seconds: f64) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for (i, rule) in table.media_rules.iter().enumerate() {
        let rate = match kind {
            MediaKind::Audio => rule.audio_per_second,
            MediaKind::Video => rule.video_per_second,
        };
        let Some(rate) = rate else { continue };
        for id in &rule.models {
            if rows.iter().any(|r| &r.id == id) {
                continue;
            }
            let tokens = (seconds * rate - 1e-6).ceil().max(0.0) as u64;
            rows.push(Row {
                id: id.clone(),
                name: model_name(id),
                tokens,
                cost: pricing.get(id).and_then(|p| p.input_cost(tokens as usize)),
                count: None,
                rule: i,
            });
        }
    }
    rows
}

/// Draw the Media view.
/// The model picked in the tab's bar is selected first, when it has a rule.
pub fn media_ui(ui: &mut Ui, state: &mut MediaState, pricing: &Pricing, preferred: &str) {
    state.poll(ui.ctx());
    open_bar_ui(ui, state);
    if let Some(e) = &state.table_error {
        ui.colored_label(Palette::of(ui).error(), e);
    }
    if let Some(e) = &state.error {
        ui.colored_label(Palette::of(ui).error(), e.text());
    }
    let typed = typed_seconds(&state.seconds_input);
    let what = match (&state.shown, typed) {
        (_, Some(s)) => Some((None, Some((state.typed_kind, s)))),
        (Some(shown), None) => match &shown.opened {
            Opened::Image { info, .. } => Some((Some(*info), None)),
            Opened::Media { info, .. } => Some((None, Some((info.kind, info.seconds)))),
        },
        (None, None) => None,
    };
    let Some((image, media)) = what else {
        ui.add_space(24.0);
        ui.vertical_centered(|ui| ui.weak(tr!("ai.media.empty")));
        return;
    };
    let rows = match (image, media) {
        (Some(info), _) => image_rows(&state.table, pricing, &info, state.detail),
        (_, Some((kind, s))) => media_rows(&state.table, pricing, kind, s),
        _ => Vec::new(),
    };
    if state
        .selected
        .as_ref()
        .is_none_or(|s| !rows.iter().any(|r| &r.id == s))
    {
        state.selected = rows
            .iter()
            .find(|r| r.id == preferred)
            .or_else(|| rows.first())
            .map(|r| r.id.clone());
    }
    egui::Panel::right("ai_media_models")
        .resizable(true)
        .default_size(430.0)
        .show(ui, |ui| models_ui(ui, state, &rows, media.is_some()));
    let selected = rows.iter().find(|r| Some(&r.id) == state.selected.as_ref());
    egui::CentralPanel::default().show(ui, |ui| match (&state.shown, image, media) {
        (Some(shown), Some(info), _) => {
            header_ui(ui, shown, &info);
            match &shown.opened {
                Opened::Image {
                    preview: Err(e), ..
                } => {
                    ui.colored_label(Palette::of(ui).warn(), e.text());
                }
                _ => picture::picture_ui(
                    ui,
                    shown.texture.as_ref(),
                    info.size,
                    selected.and_then(|r| r.count.as_ref()),
                ),
            }
        }
        (_, _, Some((kind, seconds))) => {
            let kind_name = if kind == MediaKind::Audio {
                tr!("ai.media.audio")
            } else {
                tr!("ai.media.video")
            };
            let name = state.shown.as_ref().and_then(|s| match &s.opened {
                Opened::Media { name, info } if typed.is_none() => {
                    Some(format!("{name} · {}", info.container))
                }
                _ => None,
            });
            if let Some(name) = name {
                ui.heading(name);
            }
            ui.label(trf!(
                "ai.media.length",
                &[("kind", &kind_name), ("seconds", &format!("{seconds:.3}"))]
            ));
        }
        _ => {}
    });
}

fn typed_seconds(input: &str) -> Option<f64> {
    let s: f64 = input.trim().parse().ok()?;
    (s.is_finite() && s >= 0.0).then_some(s)
}

fn header_ui(ui: &mut Ui, shown: &Shown, info: &ImageInfo) {
    if let Opened::Image { name, .. } = &shown.opened {
        ui.horizontal_wrapped(|ui| {
            ui.heading(name);
            ui.label(format!("{} · {}", info.format, info.size));
        });
    }
}

fn open_bar_ui(ui: &mut Ui, state: &mut MediaState) {
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(tr!("ai.media.open"));
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut state.path_input)
                    .hint_text(tr!("ai.media.open_hint"))
                    .desired_width(280.0),
            )
            .labelled_by(l.id);
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let mut chosen = ((ui.button(tr!("ai.open")).clicked() || enter)
            && !state.path_input.trim().is_empty())
        .then(|| PathBuf::from(state.path_input.trim()));
        if let Some(p) =
            state
                .file_pick
                .browse_ui(ui, tr!("file.browse"), PickKind::Open, &state.path_input)
        {
            state.path_input = p.display().to_string();
            chosen = Some(p);
        }
        if let Some(p) = chosen {
            state.seconds_input.clear();
            state.open_path(ui.ctx(), p);
        }
        if state.job.is_some() {
            ui.spinner();
        }
        ui.separator();
        let l = ui.label(tr!("ai.media.or_seconds"));
        ui.add(egui::TextEdit::singleline(&mut state.seconds_input).desired_width(70.0))
            .labelled_by(l.id);
        ui.selectable_value(
            &mut state.typed_kind,
            MediaKind::Audio,
            tr!("ai.media.audio"),
        );
        ui.selectable_value(
            &mut state.typed_kind,
            MediaKind::Video,
            tr!("ai.media.video"),
        );
        ui.separator();
        let l = ui.label(tr!("ai.media.detail"));
        egui::ComboBox::from_id_salt("ai_media_detail")
            .selected_text(detail_label(state.detail))
            .show_ui(ui, |ui| {
                for d in [
                    Detail::Auto,
                    Detail::Low,
                    Detail::Medium,
                    Detail::High,
                    Detail::UltraHigh,
                ] {
                    ui.selectable_value(&mut state.detail, d, detail_label(d));
                }
            })
            .response
            .labelled_by(l.id);
    });
    ui.weak(tr!("ai.media.drop_hint"));
}

fn detail_label(d: Detail) -> &'static str {
    match d {
        Detail::Auto => tr!("ai.media.detail_auto"),
        Detail::Low => tr!("ai.media.detail_low"),
        Detail::Medium => tr!("ai.media.detail_medium"),
        Detail::High => tr!("ai.media.detail_high"),
        Detail::UltraHigh => tr!("ai.media.detail_ultra"),
    }
}

fn models_ui(ui: &mut Ui, state: &mut MediaState, rows: &[Row], media: bool) {
    ui.heading(tr!("ai.media.per_model"));
    egui::ScrollArea::vertical()
        .id_salt("ai_media_rows")
        .max_height(ui.available_height() * 0.55)
        .show(ui, |ui| {
            egui::Grid::new("ai_media_grid")
                .striped(true)
                .num_columns(3)
                .show(ui, |ui| {
                    ui.strong(tr!("ai.media.col_model"));
                    ui.strong(tr!("ai.media.col_tokens"));
                    ui.strong(tr!("ai.media.col_cost"));
                    ui.end_row();
                    for r in rows {
                        let on = state.selected.as_ref() == Some(&r.id);
                        if ui.selectable_label(on, &r.name).clicked() {
                            state.selected = Some(r.id.clone());
                        }
                        ui.label(super::side::group_digits(r.tokens as usize));
                        ui.label(r.cost.map_or_else(|| "—".to_owned(), format_usd));
                        ui.end_row();
                    }
                });
        });
    ui.separator();
    let Some(r) = rows.iter().find(|r| Some(&r.id) == state.selected.as_ref()) else {
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("ai_media_detail")
        .show(ui, |ui| {
            ui.strong(trf!(
                "ai.media.summary",
                &[
                    ("model", &r.name),
                    ("tokens", &super::side::group_digits(r.tokens as usize))
                ]
            ));
            if let Some(c) = &r.count {
                let rule = &state.table.image_rules[r.rule];
                ui.label(RichText::new(&rule.label).italics());
                ui.label(trf!("ai.media.original", &[("size", &c.original)]));
                for (i, s) in c.steps.iter().enumerate() {
                    ui.label(format!("{}. {}", i + 1, s.words().text()));
                }
                if let Some(g) = c.grid {
                    let kind = if g.tiles {
                        tr!("ai.media.tiles")
                    } else {
                        tr!("ai.media.patches")
                    };
                    ui.label(trf!(
                        "ai.media.grid",
                        &[
                            ("cols", &g.cols),
                            ("rows", &g.rows),
                            ("kind", &kind),
                            ("cell", &g.cell_w),
                            ("over", &g.over)
                        ]
                    ));
                }
                ui.label(RichText::new(c.formula_words().text()).strong());
                source_ui(ui, &rule.source, &rule.read);
            } else if media {
                let rule = &state.table.media_rules[r.rule];
                ui.label(RichText::new(&rule.label).italics());
                source_ui(ui, &rule.source, &rule.read);
            }
            if let Some(cost) = r.cost {
                ui.label(trf!("ai.media.cost", &[("cost", &format_usd(cost))]));
            } else {
                ui.weak(tr!("ai.media.no_price"));
            }
            ui.add_space(6.0);
            ui.weak(trf!("ai.media.as_of", &[("date", &state.table.as_of)]));
        });
}

fn source_ui(ui: &mut Ui, source: &str, read: &str) {
    ui.horizontal_wrapped(|ui| {
        ui.weak(tr!("ai.media.source"));
        // Shown, never opened: the app makes no network connections.
        ui.label(RichText::new(source).monospace());
        ui.weak(trf!("ai.media.read", &[("read", &read)]));
    });
}
