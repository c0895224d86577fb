//! The AI-token tab: pick a model, paste a prompt, and see every token, id, count, cost and context fill; compare
//! tokenizers, frame chat messages, decode ids, inspect any tokenizer.json.
//!
//! Prompts live only in the runtime fields of [`AiTab`]; only [`AiSettings`] is persisted.

mod bill;
mod chat;
mod command;
mod compare;
mod custom_load;
mod engine;
mod example;
mod info;
mod media;
mod prices;
mod side;
mod tokens;

use std::sync::Arc;

use crate::ai::{Count, EncodeOptions, Loaded, MODELS, Model, Vocab, model};
use crate::i18n::{Words, tr};
use crate::text::SpannedText;
use crate::ui::file_pick::{FilePick, PickKind};
use crate::ui::highlight::HighlightView;

pub use command::AiCommand;
pub use engine::{Engine, Source};
pub use example::AiExample;
pub use prices::PricingState;

/// Inputs above this are refused (64 MiB).
pub const MAX_PROMPT_BYTES: usize = 64 << 20;

/// The tab's sub-views.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum View {
    /// The prompt and its tokens.
    #[default]
    Tokens,
    /// Several tokenizers side by side.
    Compare,
    /// Chat messages framed by the template.
    Chat,
    /// Images, audio and video as tokens.
    Media,
    /// Facts about the tokenizer.
    Info,
}

/// What the tab persists: choices, never prompts.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct AiSettings {
    /// The picked model id (see the catalogue).
    pub model: String,
    /// Read special-token text in the prompt as plain text.
    pub special_as_text: bool,
    /// Show the BOS/EOS the post-processor adds.
    pub add_special_tokens: bool,
    /// Whitespace markers in the token view.
    pub whitespace: bool,
    /// The sub-view.
    pub view: View,
    /// Encodings in the compare view.
    pub compare: Vec<Vocab>,
}

impl Default for AiSettings {
    fn default() -> Self {
        Self {
            model: "gpt-4o".to_owned(),
            special_as_text: true,
            add_special_tokens: true,
            whitespace: false,
            view: View::Tokens,
            compare: vec![Vocab::O200k, Vocab::Llama3],
        }
    }
}

/// The user's own tokenizer.json.
struct Custom {
    generation: u64,
    loaded: Arc<Loaded>,
}

/// The AI tab.
pub struct AiTab {
    /// Persisted choices.
    pub settings: AiSettings,
    /// The prompt.
    input: crate::text::Rev<String>,
    engine: Engine,
    example: Option<example::Cached>,
    custom: Option<Custom>,
    custom_job: Option<custom_load::CustomLoad>,
    custom_error: Option<Words>,
    path_input: String,
    file_pick: FilePick,
    view: HighlightView,
    /// Token index selected (clicked) in the text or the list.
    selected: Option<usize>,
    scroll_text_to: Option<usize>,
    scroll_list_to: Option<usize>,
    /// Token index under the pointer in the text (links the list).
    hovered_token: Option<usize>,
    /// Token index under the pointer in the list (links the text).
    hovered_list: Option<usize>,
    decode_input: String,
    /// The prompt without tokens, shown while no result is (a vocabulary loading): (input revision, text).
    plain: Option<(u64, Arc<SpannedText>)>,
    compare: compare::CompareState,
    chat: chat::ChatState,
    media: media::MediaState,
    /// Prices in use.
    pub pricing: PricingState,
}

impl AiTab {
    /// A tab with these settings; prices from `config_dir` override the bundled ones.
    pub fn new(settings: AiSettings, config_dir: Option<std::path::PathBuf>) -> Self {
        Self {
            settings,
            input: crate::text::Rev::default(),
            engine: Engine::default(),
            example: None,
            custom: None,
            custom_job: None,
            custom_error: None,
            path_input: String::new(),
            file_pick: FilePick::default(),
            view: HighlightView::new("ai_tokens"),
            selected: None,
            scroll_text_to: None,
            scroll_list_to: None,
            hovered_token: None,
            hovered_list: None,
            decode_input: String::new(),
            plain: None,
            compare: compare::CompareState::default(),
            chat: chat::ChatState::default(),
            media: media::MediaState::load(config_dir.as_deref()),
            pricing: PricingState::load(config_dir),
        }
    }

    /// Change how long a user's tokenizer may take to load or to encode once ([`engine::USER_BUDGET`] by
    /// default; tests shorten it).
    pub fn set_tokenizer_budget(&mut self, budget: std::time::Duration) {
        self.engine.set_budget(budget);
    }

    /// Is any background work running (loading, encoding, comparing, chat)?
    pub fn busy(&self) -> bool {
        self.engine.busy()
            || self.custom_job.is_some()
            || self.compare.busy()
            || self.chat.busy()
            || self.media.busy()
    }

    /// Has a tokenize job finished whose result the next frame will show? (Benchmarks step on it, as eframe
    /// wakes on the worker's repaint request.)
    pub fn result_ready(&self) -> bool {
        self.engine.result_ready()
    }

    /// Tokens in the prompt as last shown (BOS/EOS excluded).
    pub fn token_count(&self) -> Option<usize> {
        self.engine.shown.as_ref().map(|s| s.doc.count())
    }

    /// Tokens in the prompt, once the result shown is for the current prompt, tokenizer and options (never an
    /// older result still on screen while a worker counts).
    pub fn fresh_token_count(&self) -> Option<usize> {
        let key = (self.source(), self.opts());
        if self.engine.stale(self.input.rev(), &key) {
            return None;
        }
        self.token_count()
    }

    /// Select the token that covers byte `at` of the prompt, as a click would (outlined in the text and the id
    /// list), once the prompt is counted. Returns its index and id.
    pub fn select_token_at(&mut self, at: usize) -> Option<(usize, u32)> {
        self.fresh_token_count()?;
        let doc = &self.engine.shown.as_ref()?.doc;
        let (i, t) = doc
            .tokens()
            .enumerate()
            .find(|(_, t)| t.range().contains(&at))?;
        self.selected = Some(i);
        self.scroll_list_to = Some(i);
        Some((i, t.id))
    }

    /// The index of the token under the pointer in the prompt, if any.
    pub fn hovered_token(&self) -> Option<usize> {
        self.hovered_token
    }

    /// The caret in the prompt editor (a byte of the prompt), once it has been focused.
    pub fn prompt_caret(&self) -> Option<usize> {
        self.view.caret()
    }

    /// The selected token's index, if any.
    pub fn selected_token(&self) -> Option<usize> {
        self.selected
    }

    /// Replace the prompt (paste, drop, tests).
    pub fn set_input(&mut self, text: String) {
        self.view.reset_editing();
        self.input.set(text);
        self.selected = None;
    }

    /// The prompt.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// Take the prompt out, leaving it empty (the tour keeps the user's prompt while it shows its own).
    pub fn take_input(&mut self) -> String {
        self.view.reset_editing();
        self.selected = None;
        self.input.take()
    }

    /// The prompt as a text without tokens, made once per input revision.
    fn plain_text(&mut self) -> Arc<SpannedText> {
        match &self.plain {
            Some((rev, text)) if *rev == self.input.rev() => Arc::clone(text),
            _ => {
                let text = Arc::new(SpannedText::plain(self.input.to_string()));
                self.plain = Some((self.input.rev(), Arc::clone(&text)));
                text
            }
        }
    }

    /// Load a tokenizer.json (a dropped or opened file) on a worker.
    pub fn open_tokenizer(&mut self, ctx: &egui::Context, name: String, bytes: Vec<u8>) {
        self.custom_error = None;
        self.custom_job = custom_load::CustomLoad::start(ctx, name, bytes);
        if self.custom_job.is_none() {
            self.custom_error = Some(words!("ai.worker_failed"));
        }
    }

    /// A dropped text file becomes the prompt; anything else gets a message that says why not.
    pub fn load_prompt_file(&mut self, name: &str, bytes: Vec<u8>) {
        if bytes.len() > MAX_PROMPT_BYTES {
            self.custom_error = Some(words!("ai.too_large").with("name", name));
            return;
        }
        match String::from_utf8(bytes) {
            Ok(text) => {
                self.custom_error = None;
                self.set_input(text);
            }
            Err(e) => {
                self.custom_error = Some(
                    words!("ai.not_utf8")
                        .with("name", name)
                        .with("at", e.utf8_error().valid_up_to()),
                );
            }
        }
    }

    /// Is this an image, audio or video file (the Media view's)?
    pub fn wants_media(head: &[u8]) -> bool {
        media::MediaState::wants(head)
    }

    /// Show an image, audio or video file in the Media view: `path` is read there (audio and video never whole);
    /// without a path, `bytes` are what was dropped.
    pub fn open_media(
        &mut self,
        ctx: &egui::Context,
        name: String,
        path: Option<std::path::PathBuf>,
        bytes: Vec<u8>,
    ) {
        self.settings.view = View::Media;
        match path {
            Some(p) => self.media.open_path(ctx, p),
            None => self.media.open_bytes(ctx, name, bytes),
        }
    }

    /// Does a dropped file look like a tokenizer.json?
    pub fn wants_file(name: &str, bytes: &[u8]) -> bool {
        std::path::Path::new(name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
            && bytes.len() < 64 << 20
            && {
                let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
                head.contains("\"model\"") || head.contains("\"added_tokens\"")
            }
    }

    /// The tokenizer source in use.
    fn source(&self) -> Source {
        if self.settings.model == "custom"
            && let Some(c) = &self.custom
        {
            return Source::Custom(c.generation);
        }
        Source::Bundled(model(&self.settings.model).map_or(Vocab::O200k, |m| m.vocab))
    }

    fn opts(&self) -> EncodeOptions {
        EncodeOptions {
            special_as_text: self.settings.special_as_text,
            add_special_tokens: self.settings.add_special_tokens,
        }
    }

    fn poll(&mut self, ctx: &egui::Context) {
        self.engine.poll();
        if let Some(job) = &self.custom_job {
            match job.poll(self.engine.budget()) {
                custom_load::LoadOutcome::Pending => {}
                custom_load::LoadOutcome::Loaded(loaded) => {
                    let generation = self.custom.as_ref().map_or(1, |c| c.generation + 1);
                    let loaded: Arc<Loaded> = Arc::from(loaded);
                    self.engine
                        .insert(&Source::Custom(generation), Arc::clone(&loaded));
                    self.custom = Some(Custom { generation, loaded });
                    "custom".clone_into(&mut self.settings.model);
                    self.custom_job = None;
                }
                custom_load::LoadOutcome::Failed(e) => {
                    self.custom_error = Some(e);
                    self.custom_job = None;
                }
            }
        }
        if self.settings.model == "custom" && self.custom.is_none() {
            self.settings.model = AiSettings::default().model;
        }
        let source = self.source();
        if let (Source::Custom(_), Some(c)) = (&source, &self.custom)
            && self.engine.cached(&source).is_none()
        {
            self.engine.insert(&source, Arc::clone(&c.loaded));
        }
        self.engine
            .want(ctx, &source, self.opts(), &self.input, self.input.rev());
        if self.engine.progress().is_some() || self.custom_job.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
    }

    /// Draw the tab; returns what the user asked of the app (the "What is this token?" link).
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<crate::ui::action::AppAction> {
        self.poll(ui.ctx());
        let action = egui::Panel::top("ai_bar")
            .show(ui, |ui| {
                self.bar_ui(ui);
                crate::ui::tour::what_is_ui(ui, crate::meaning::Meaning::Ai)
            })
            .inner;
        match self.settings.view {
            View::Tokens => {
                egui::Panel::right("ai_side")
                    .resizable(true)
                    .default_size(340.0)
                    .show(ui, |ui| side::side_ui(ui, self));
                egui::CentralPanel::default().show(ui, |ui| tokens::tokens_ui(ui, self));
            }
            View::Compare => {
                egui::CentralPanel::default().show(ui, |ui| compare::compare_ui(ui, self));
            }
            View::Chat => {
                egui::CentralPanel::default().show(ui, |ui| chat::chat_ui(ui, self));
            }
            View::Media => {
                egui::CentralPanel::default().show(ui, |ui| {
                    media::media_ui(
                        ui,
                        &mut self.media,
                        &self.pricing.table,
                        &self.settings.model,
                    );
                });
            }
            View::Info => {
                egui::CentralPanel::default().show(ui, |ui| info::info_ui(ui, self));
            }
        }
        action
    }

    fn bar_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            for (view, key) in [
                (View::Tokens, key!("ai.view_tokens")),
                (View::Compare, key!("ai.view_compare")),
                (View::Chat, key!("ai.view_chat")),
                (View::Media, key!("ai.view_media")),
                (View::Info, key!("ai.view_info")),
            ] {
                ui.selectable_value(&mut self.settings.view, view, tr(key));
            }
            ui.separator();
            self.model_picker_ui(ui);
            // The Media view counts no text: the tokenizer's switches and the tokenizer.json row are not for it.
            if self.settings.view == View::Media {
                return;
            }
            ui.separator();
            let l = ui.label(tr!("ai.special_text"));
            egui::ComboBox::from_id_salt("ai_special")
                .selected_text(if self.settings.special_as_text {
                    tr!("ai.special_plain")
                } else {
                    tr!("ai.special_parse")
                })
                .show_ui(ui, |ui| {
                    ui.selectable_value(
                        &mut self.settings.special_as_text,
                        false,
                        tr!("ai.special_parse"),
                    );
                    ui.selectable_value(
                        &mut self.settings.special_as_text,
                        true,
                        tr!("ai.special_plain"),
                    );
                })
                .response
                .labelled_by(l.id);
            ui.checkbox(&mut self.settings.add_special_tokens, tr!("ai.add_special"));
            ui.checkbox(&mut self.settings.whitespace, tr!("ai.whitespace"));
        });
        if self.settings.view == View::Media {
            return;
        }
        ui.horizontal(|ui| {
            let l = ui.label(tr!("ai.open_path"));
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.path_input)
                        .hint_text(tr!("ai.open_hint"))
                        .desired_width(320.0),
                )
                .labelled_by(l.id);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let mut chosen = ((ui.button(tr!("ai.open")).clicked() || enter)
                && !self.path_input.trim().is_empty())
            .then(|| std::path::PathBuf::from(self.path_input.trim()));
            if let Some(p) =
                self.file_pick
                    .browse_ui(ui, tr!("file.browse"), PickKind::Open, &self.path_input)
            {
                self.path_input = p.display().to_string();
                chosen = Some(p);
            }
            if let Some(path) = chosen {
                match read_capped(&path) {
                    Ok(bytes) => {
                        let name = path.file_name().map_or_else(
                            || path.display().to_string(),
                            |n| n.to_string_lossy().into_owned(),
                        );
                        self.open_tokenizer(ui.ctx(), name, bytes);
                    }
                    Err(e) => self.custom_error = Some(e),
                }
            }
            ui.weak(tr!("ai.drop_hint"));
            if let Some(message) = self.custom_job.as_ref().and_then(|j| j.ui(ui)) {
                self.custom_error = Some(message);
                self.custom_job = None;
            }
        });
        if let Some(e) = self
            .custom_error
            .clone()
            .or_else(|| self.engine.error.clone())
            .map(|w| w.text())
        {
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(crate::ui::theme::Palette::of(ui).error(), e);
                if self.engine.is_stopped(&(self.source(), self.opts()))
                    && ui.button(tr!("ai.try_again")).clicked()
                {
                    self.engine.retry();
                }
            });
        }
    }

    fn model_picker_ui(&mut self, ui: &mut egui::Ui) {
        let l = ui.label(tr!("ai.model"));
        let current = self.model_label();
        egui::ComboBox::from_id_salt("ai_model")
            .selected_text(current)
            .width(260.0)
            .height(640.0)
            .show_ui(ui, |ui| {
                for m in MODELS {
                    ui.selectable_value(&mut self.settings.model, m.id.to_owned(), model_text(m));
                }
                if let Some(c) = &self.custom {
                    let text = trf!("ai.custom_model", &[("name", &c.loaded.name)]);
                    ui.selectable_value(&mut self.settings.model, "custom".to_owned(), text);
                }
            })
            .response
            .labelled_by(l.id);
        let source = self.source();
        if self.engine.is_loading(&source) {
            ui.spinner();
            ui.weak(tr!("ai.loading_vocab"));
        }
    }

    /// The language changed: the Overview's example is drawn again. Errors need nothing: they are kept as
    /// [`Words`] and worded when shown.
    pub fn language_changed(&mut self) {
        self.example = None;
    }

    /// "GPT-4o · o200k_base", or the custom file's name.
    pub fn model_label(&self) -> String {
        if self.settings.model == "custom"
            && let Some(c) = &self.custom
        {
            return trf!("ai.custom_model", &[("name", &c.loaded.name)]);
        }
        model(&self.settings.model).map_or_else(|| self.settings.model.clone(), model_text)
    }
}

/// "GPT-4o · o200k_base"; "Claude Sonnet 4.5 · claude_legacy · estimate" where a stand-in vocabulary counts.
fn model_text(m: &Model) -> String {
    match m.count {
        Count::Exact => format!("{} · {}", m.name, m.vocab.name()),
        Count::Estimate => format!(
            "{} · {} · {}",
            m.name,
            m.vocab.name(),
            tr!("ai.count_estimate")
        ),
    }
}

fn read_capped(path: &std::path::Path) -> Result<Vec<u8>, Words> {
    use std::io::Read as _;
    let failed = |e: std::io::Error| {
        words!("ai.open_failed")
            .with("name", path.display())
            .with("err", e)
    };
    let file = std::fs::File::open(path).map_err(failed)?;
    let mut bytes = Vec::new();
    file.take(MAX_PROMPT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    if bytes.len() > MAX_PROMPT_BYTES {
        return Err(words!("ai.too_large").with("name", path.display()));
    }
    Ok(bytes)
}
