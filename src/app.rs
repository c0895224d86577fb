//! The `eframe::App`: tab switching, theme, persisted settings and dropped files. Tokens and keys stay in the
//! runtime fields of the tabs and are never persisted or logged.

use crate::detect::{Kind, detect};
use crate::i18n::{self, Lang, tr};
use crate::tour::Step;
use crate::ui::action::AppAction;
use crate::ui::ai::{AiSettings, AiTab};
use crate::ui::fonts;
use crate::ui::ledger::{LedgerSettings, LedgerTab};
use crate::ui::overview::{self, AI_SENTENCE, Examples, Meaning};
use crate::ui::session::{KeyKind, SessionSettings, SessionTab};
use crate::ui::tour::{self, Tour};

/// The application id: names the settings file and the config directory (prices override).
pub const APP_ID: &str = "tokenlens";

/// The user's config directory for the app (`~/.config/tokenlens` on Linux, `$XDG_CONFIG_HOME` when set): where a
/// `pricing.json` overrides the bundled prices. Settings live in eframe's data directory instead.
pub fn config_dir() -> Option<std::path::PathBuf> {
    directories::ProjectDirs::from("", "", APP_ID).map(|d| d.config_dir().to_owned())
}

/// The tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Tab {
    /// The three meanings side by side.
    #[default]
    Overview,
    /// Session token (JWT).
    Session,
    /// Crypto token (ledger).
    Crypto,
    /// AI token.
    Ai,
}

impl Tab {
    /// The tab that shows a meaning.
    pub fn of(meaning: Meaning) -> Self {
        match meaning {
            Meaning::Session => Self::Session,
            Meaning::Crypto => Self::Crypto,
            Meaning::Ai => Self::Ai,
        }
    }

    /// Every tab, in bar order.
    pub const ALL: [Self; 4] = [Self::Overview, Self::Session, Self::Crypto, Self::Ai];

    /// Catalogue key of the tab label.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Overview => key!("tab.overview"),
            Self::Session => key!("tab.session"),
            Self::Crypto => key!("tab.crypto"),
            Self::Ai => key!("tab.ai"),
        }
    }
}

/// What is persisted between runs: choices only.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct State {
    /// The open tab.
    pub tab: Tab,
    /// Dark theme?
    pub dark: bool,
    /// The UI language.
    pub lang: Lang,
    /// Session-tab choices.
    pub session: SessionSettings,
    /// AI-tab choices.
    pub ai: AiSettings,
    /// Crypto-tab choices.
    pub ledger: LedgerSettings,
}

/// The application.
pub struct TokenLensApp {
    /// The open tab.
    pub tab: Tab,
    /// Dark theme?
    pub dark: bool,
    /// The UI language, applied with [`i18n::set_language`] at the start of the next frame.
    pub lang: Lang,
    /// The Session tab (runtime state included).
    pub session: SessionTab,
    /// The AI tab (runtime state included).
    pub ai: AiTab,
    /// The Crypto tab (runtime state included).
    pub ledger: LedgerTab,
    /// The guided tour (runtime only).
    pub tour: Tour,
    /// The Overview's live examples.
    pub examples: Examples,
    /// The top bar's "Inspect…" box (cleared once its text is opened; never persisted).
    pub inspect_box: String,
    /// What the last paste was detected as, and where it went.
    pub notice: Option<String>,
    theme_applied: Option<bool>,
    lang_applied: Option<Lang>,
}

impl Default for TokenLensApp {
    fn default() -> Self {
        Self::from_state(State::default())
    }
}

impl TokenLensApp {
    /// Restore from persisted state.
    pub fn from_state(state: State) -> Self {
        Self {
            tab: state.tab,
            dark: state.dark,
            lang: state.lang,
            session: SessionTab::new(state.session),
            ai: AiTab::new(state.ai, None),
            ledger: LedgerTab::new(state.ledger),
            tour: Tour::default(),
            examples: Examples::default(),
            inspect_box: String::new(),
            notice: None,
            theme_applied: None,
            lang_applied: None,
        }
    }

    /// Create from eframe: load settings, install fonts.
    pub fn new(cc: &eframe::CreationContext<'_>) -> Self {
        fonts::install(&cc.egui_ctx);
        let state: State = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let mut app = Self::from_state(state);
        let settings = app.ai.settings.clone();
        app.ai = AiTab::new(settings, config_dir());
        app
    }

    /// The state to persist: settings only, never tokens or keys. Always the user's tabs', never the tour's.
    pub fn state(&self) -> State {
        State {
            tab: self.tab,
            dark: self.dark,
            lang: self.lang,
            session: self.session.settings.clone(),
            ai: self.ai.settings.clone(),
            ledger: self.ledger.settings.clone(),
        }
    }

    /// The Session tab on screen: the tour's while it runs, else the user's.
    pub fn session_shown(&self) -> &SessionTab {
        self.tour.tabs().map_or(&self.session, |t| &t.session)
    }

    /// The Crypto tab on screen: the tour's while it runs, else the user's.
    pub fn ledger_shown(&self) -> &LedgerTab {
        self.tour.tabs().map_or(&self.ledger, |t| &t.ledger)
    }

    /// The AI tab on screen: the tour's while it runs, else the user's.
    pub fn ai_shown(&self) -> &AiTab {
        self.tour.tabs().map_or(&self.ai, |t| &t.ai)
    }

    /// Carry out what a view asked for, after the frame that asked.
    pub fn apply(&mut self, ctx: &egui::Context, action: AppAction) {
        match action {
            AppAction::Tour(step) => {
                let user = tour::Tabs {
                    session: &self.session,
                    ledger: &self.ledger,
                    ai: &self.ai,
                };
                if let Some(meaning) = self.tour.start(&user, step) {
                    self.tab = Tab::of(meaning);
                }
            }
            AppAction::Show(meaning) => self.tab = Tab::of(meaning),
            AppAction::Example(meaning) => {
                self.tour.close();
                self.open_example(meaning);
            }
            AppAction::Paste(text) => self.open_pasted(ctx, text),
        }
        ctx.request_repaint();
    }

    /// Draw the whole app into `ui`.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        if self.theme_applied != Some(self.dark) {
            crate::ui::theme::install(ui.ctx());
            ui.ctx().set_theme(if self.dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            self.theme_applied = Some(self.dark);
        }
        self.apply_language();
        self.take_dropped_files(ui.ctx());
        let mut action = None;
        egui::Panel::top("tab_bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(tr!("app.name"));
                ui.separator();
                for tab in Tab::ALL {
                    ui.selectable_value(&mut self.tab, tab, tr(tab.label_key()));
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let label = if self.dark {
                        tr!("app.light_theme")
                    } else {
                        tr!("app.dark_theme")
                    };
                    if ui.button(label).clicked() {
                        self.dark = !self.dark;
                    }
                    self.language_ui(ui);
                    let tour_button =
                        egui::Button::new(tr!("tour.button")).selected(self.tour.is_active());
                    if ui.add(tour_button).clicked() {
                        action = Some(AppAction::Tour(Step::LogIn));
                    }
                    ui.separator();
                    if let Some(text) = self.inspect_box_ui(ui) {
                        action = Some(AppAction::Paste(text));
                    }
                });
            });
            if let Some(notice) = &self.notice {
                let mut close = false;
                ui.horizontal(|ui| {
                    ui.label(notice.as_str());
                    close = ui.small_button(tr!("app.notice.close")).clicked();
                });
                if close {
                    self.notice = None;
                }
            }
        });
        if let Some(a) = self.tour.ui(ui) {
            action = Some(a);
        }
        let shown = egui::CentralPanel::default()
            .show(ui, |ui| {
                // While the tour runs, its own tabs are on screen; the user's wait untouched.
                let (session, ledger, ai) = match self.tour.tabs_mut() {
                    Some(t) => (&mut t.session, &mut t.ledger, &mut t.ai),
                    None => (&mut self.session, &mut self.ledger, &mut self.ai),
                };
                match self.tab {
                    Tab::Overview => {
                        self.examples.ai = self
                            .ai
                            .overview_example(ui.ctx(), AI_SENTENCE)
                            .map(|r| r.map(Into::into));
                        overview::overview_ui(ui, &mut self.examples)
                    }
                    Tab::Session => ui.push_id("session_tab", |ui| session.ui(ui)).inner,
                    Tab::Crypto => ui.push_id("ledger_tab", |ui| ledger.ui(ui)).inner,
                    Tab::Ai => ui.push_id("ai_tab", |ui| ai.ui(ui)).inner,
                }
            })
            .inner;
        if let Some(a) = action.or(shown) {
            self.apply(ui.ctx(), a);
        }
        if self.lang_applied != Some(self.lang) {
            // Chosen in the top bar this frame: the next frame draws everything in it.
            ui.ctx().request_repaint();
        }
        let hovering = ui.ctx().input(|i| !i.raw.hovered_files.is_empty());
        if hovering {
            egui::Area::new(egui::Id::unique("drop_hint"))
                .fixed_pos(egui::pos2(16.0, 48.0))
                .show(ui.ctx(), |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| ui.label(tr!("app.drop_hint")));
                });
        }
    }

    /// Make the chosen language the one in use; on a change, drop texts the tabs cached in the old one.
    fn apply_language(&mut self) {
        if self.lang_applied == Some(self.lang) {
            return;
        }
        i18n::set_language(self.lang);
        if self.lang_applied.is_some() {
            self.ai.language_changed();
            self.tour.language_changed();
            self.notice = None;
        }
        self.lang_applied = Some(self.lang);
    }

    /// The language menu: each language under its own name, so anyone can find theirs.
    fn language_ui(&mut self, ui: &mut egui::Ui) {
        let combo = egui::ComboBox::from_id_salt("language")
            .selected_text(self.lang.native_name())
            .show_ui(ui, |ui| {
                for lang in Lang::ALL {
                    ui.selectable_value(&mut self.lang, lang, lang.native_name());
                }
            });
        // Right to left: the label lands before the menu.
        let label = ui.label(tr!("app.language"));
        combo.response.labelled_by(label.id);
    }

    /// The "Inspect…" box: returns its text when Enter or the button submits it.
    fn inspect_box_ui(&mut self, ui: &mut egui::Ui) -> Option<String> {
        // A paste into the box opens at once, and never goes into the one-line field: laying out a pasted
        // megabyte there every frame would freeze the window.
        let id = ui.make_persistent_id("app_inspect_box");
        if ui.ctx().memory(|m| m.has_focus(id)) {
            let pasted = ui.ctx().input_mut(|i| {
                let text = i.events.iter().find_map(|e| match e {
                    egui::Event::Paste(t) => Some(t.clone()),
                    _ => None,
                });
                i.events.retain(|e| !matches!(e, egui::Event::Paste(_)));
                text
            });
            if let Some(text) = pasted {
                let typed = std::mem::take(&mut self.inspect_box);
                ui.ctx().memory_mut(|m| m.surrender_focus(id));
                let mut all = typed;
                all.push_str(&text);
                return Some(all);
            }
        }
        // Right to left: the button, the box, then its label.
        let go = ui.button(tr!("app.inspect.open")).clicked();
        let edit = ui.add(
            egui::TextEdit::singleline(&mut self.inspect_box)
                .id(id)
                .hint_text(tr!("app.inspect.hint"))
                .desired_width(220.0),
        );
        let label = ui.label(tr!("app.inspect"));
        let edit = edit.labelled_by(label.id);
        let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (go || entered) && !self.inspect_box.trim().is_empty() {
            return Some(std::mem::take(&mut self.inspect_box));
        }
        None
    }

    /// Open a meaning's tab; an empty input there gets the Overview's example (the user's own input is kept).
    fn open_example(&mut self, meaning: Meaning) {
        match meaning {
            Meaning::Session => {
                if self.session.input().trim().is_empty() {
                    self.session
                        .set_input(crate::ui::session::EXAMPLE_TOKEN.trim());
                    self.session
                        .set_key(KeyKind::Secret, crate::ui::session::EXAMPLE_SECRET.trim());
                }
                self.tab = Tab::Session;
            }
            Meaning::Crypto => {
                self.ledger.show_chain();
                self.tab = Tab::Crypto;
            }
            Meaning::Ai => {
                if self.ai.input().trim().is_empty() {
                    self.ai.set_input(AI_SENTENCE.to_owned());
                }
                self.tab = Tab::Ai;
            }
        }
    }

    /// Detect what `text` is and open it in the right tab, saying what was found and why.
    pub fn open_pasted(&mut self, ctx: &egui::Context, text: String) {
        self.end_tour();
        let found = detect(&text);
        let tab = match found.kind {
            Kind::Jwt | Kind::Jwe => {
                self.session.set_input(found.payload.clone());
                Tab::Session
            }
            Kind::EthAddress | Kind::Calldata | Kind::RawTransaction => {
                self.ledger.inspect_text(found.payload.clone());
                Tab::Crypto
            }
            Kind::Ledger => {
                self.ledger
                    .open_dropped(tr!("app.pasted_ledger"), text.as_bytes());
                Tab::Crypto
            }
            Kind::Tokenizer => {
                self.ai.open_tokenizer(
                    ctx,
                    tr!("app.pasted_tokenizer").to_owned(),
                    text.into_bytes(),
                );
                Tab::Ai
            }
            Kind::Prompt => {
                self.ai.set_input(text);
                Tab::Ai
            }
        };
        self.tab = tab;
        self.notice = Some(trf!(
            "app.detected",
            &[
                ("reason", &found.reason.text()),
                ("tab", &tr(tab.label_key()))
            ],
        ));
    }

    /// Close the tour so that a paste or a drop lands in the user's own tabs.
    fn end_tour(&mut self) {
        self.tour.close();
    }

    fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        if !dropped.is_empty() {
            self.end_tour();
        }
        for file in dropped {
            let path = file.path();
            let name = path.display().to_string();
            // Images, audio and video go to the AI tab's Media view wherever they are dropped; a file on disk is
            // read there (a video never whole).
            let head = if path.as_os_str().is_empty() {
                file.bytes().ok().map(|b| b[..b.len().min(64)].to_vec())
            } else {
                read_head(path)
            };
            if head.as_deref().is_some_and(AiTab::wants_media) {
                self.tab = Tab::Ai;
                let (on_disk, bytes) = if path.as_os_str().is_empty() {
                    (None, file.bytes().ok().unwrap_or_default())
                } else {
                    (Some(path.to_owned()), Vec::new())
                };
                self.ai.open_media(ctx, name, on_disk, bytes);
                continue;
            }
            let bytes = if path.as_os_str().is_empty() {
                file.bytes().ok()
            } else {
                read_capped(path)
            };
            let short = path
                .file_name()
                .map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned());
            // A saved ledger opens in the Crypto tab wherever it is dropped; so does any .json dropped there.
            let on_crypto_json =
                self.tab == Tab::Crypto && short.to_ascii_lowercase().ends_with(".json");
            if let Some(b) = bytes.as_deref()
                && (LedgerTab::wants_file(&short, b) || on_crypto_json)
            {
                self.tab = Tab::Crypto;
                self.ledger.open_dropped(&short, b);
                continue;
            }
            if self.tab == Tab::Ai {
                match bytes {
                    Some(b) if AiTab::wants_file(&short, &b) => {
                        self.ai.open_tokenizer(ctx, short, b);
                    }
                    Some(b) => self.ai.load_prompt_file(&short, b),
                    None => self.ai.load_prompt_file(&short, Vec::new()),
                }
                continue;
            }
            let text = bytes.and_then(|b| String::from_utf8(b).ok());
            self.tab = Tab::Session;
            match text {
                Some(text) => self.session.load_text_file(&name, text),
                None => self.session.notice_unreadable(&name),
            }
        }
    }
}

/// The first 64 bytes of a file (enough to know an image or media format).
fn read_head(path: &std::path::Path) -> Option<Vec<u8>> {
    use std::io::Read as _;
    let mut buf = Vec::with_capacity(64);
    std::fs::File::open(path)
        .ok()?
        .take(64)
        .read_to_end(&mut buf)
        .ok()?;
    Some(buf)
}

fn read_capped(path: &std::path::Path) -> Option<Vec<u8>> {
    use std::io::Read as _;
    let file = std::fs::File::open(path).ok()?;
    let mut buf = Vec::new();
    file.take(crate::ui::ai::MAX_PROMPT_BYTES as u64 + 1)
        .read_to_end(&mut buf)
        .ok()?;
    Some(buf)
}

impl eframe::App for TokenLensApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        startup_probe(ui.ctx());
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.state());
    }
}

/// With `TOKENLENS_STARTUP_PROBE` set (`benches/startup.rs`): at the start of the second frame, when the first has
/// been painted, print the time (nanoseconds since the Unix epoch) on standard error and close the window.
fn startup_probe(ctx: &egui::Context) {
    use std::sync::atomic::{AtomicU32, Ordering};
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    static FRAMES: AtomicU32 = AtomicU32::new(0);
    if !*ON.get_or_init(|| std::env::var_os("TOKENLENS_STARTUP_PROBE").is_some()) {
        return;
    }
    match FRAMES.fetch_add(1, Ordering::Relaxed) {
        0 => ctx.request_repaint(),
        1 => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            #[expect(
                clippy::print_stderr,
                reason = "the probe's one line, read by benches/startup.rs; only with its variable set"
            )]
            {
                eprintln!("first-frame-painted {now}");
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        _ => {}
    }
}

/// Open the desktop window.
pub fn run_native() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_app_id(APP_ID)
            .with_title("Token Lens")
            .with_inner_size([1280.0, 820.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Token Lens",
        options,
        Box::new(|cc| Ok(Box::new(TokenLensApp::new(cc)))),
    )
}
