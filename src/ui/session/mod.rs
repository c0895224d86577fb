//! The Session-token tab: decode on paste, claims, verification, findings, encoder and samples.
//!
//! Pasted tokens and keys live only in the runtime fields of [`SessionTab`]; only [`SessionSettings`] is persisted.
//! The inspection keeps its messages as `i18n::Words`, worded as they are drawn: a language switch re-words the
//! tab without decoding again.

mod command;
mod decoder;
mod encoder;
mod example;
mod samples;
mod verdict;

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::i18n::Words;
use crate::session::{
    Clock, Inspection, KeyInput, SecretEncoding, inspect, looks_like_jwk, looks_like_pem,
};
use crate::text::Rev;
use crate::ui::highlight::HighlightView;
use crate::ui::job::{Job, Poll};

pub use command::SessionCommand;
pub use encoder::Encoder;
pub use example::{EXAMPLE_SECRET, EXAMPLE_TOKEN, overview_example};
pub use verdict::{signature_row_ui, time_row_ui, verdict_row_ui};

/// Inputs larger than this are decoded on a worker thread (keys typed meanwhile wait in the token editor).
pub const LARGE_INPUT_BYTES: usize = 64 * 1024;

/// Decoder or encoder.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Mode {
    /// Paste and inspect.
    #[default]
    Decoder,
    /// Edit and sign.
    Encoder,
}

/// Which key field is in use. The key type comes from here, never from the token.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum KeyKind {
    /// HMAC secret.
    #[default]
    Secret,
    /// PEM public key or certificate.
    Pem,
    /// JWK or JWKS.
    Jwk,
}

/// What the Session tab persists: choices, never tokens or keys.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SessionSettings {
    /// Decoder or encoder.
    pub mode: Mode,
    /// The key field in use.
    pub key_kind: KeyKind,
    /// How the secret is read.
    pub secret_encoding: SecretEncoding,
    /// Show whitespace in the token view.
    pub whitespace: bool,
}

/// Which view a link highlight or scroll targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Token,
    Pretty,
}

/// The tab's state. Runtime fields are never persisted.
pub struct SessionTab {
    /// Persisted choices.
    pub settings: SessionSettings,
    /// The token editor's text; every change gives a new revision (the editor's revision while nothing is decoded).
    input: Rev<String>,
    secret: String,
    pem: String,
    jwk: String,
    result: Option<Arc<Inspection>>,
    revision: u64,
    job: Option<Job<Inspection>>,
    dirty: bool,
    computed_at: Option<Instant>,
    token_view: HighlightView,
    header_view: HighlightView,
    payload_view: HighlightView,
    hover_link: Option<usize>,
    selected_link: Option<usize>,
    scroll: Option<(Side, usize)>,
    encoder: Encoder,
    /// A note under the toolbar (a file loaded), worded when drawn.
    notice: Option<Words>,
    /// A payload claim to select once the input is decoded (see [`SessionTab::select_claim`]).
    select_after: Option<String>,
    /// A hash of the token last decoded, and of the token whose key field the user picked by hand.
    token_hash: Option<u64>,
    manual_key_for: Option<u64>,
    /// The next decoded token keeps the key field set with [`SessionTab::set_key`].
    pin_next_key: bool,
}

impl Default for SessionTab {
    fn default() -> Self {
        Self::new(SessionSettings::default())
    }
}

impl SessionTab {
    /// A tab with persisted settings and empty inputs.
    pub fn new(settings: SessionSettings) -> Self {
        let mut token_view = HighlightView::new("jwt_token_view");
        token_view.whitespace = settings.whitespace;
        Self {
            settings,
            input: Rev::default(),
            secret: String::new(),
            pem: String::new(),
            jwk: String::new(),
            result: None,
            revision: 0,
            job: None,
            dirty: false,
            computed_at: None,
            token_view,
            header_view: HighlightView::new("jwt_header_view"),
            payload_view: HighlightView::new("jwt_payload_view"),
            hover_link: None,
            selected_link: None,
            scroll: None,
            encoder: Encoder::default(),
            notice: None,
            select_after: None,
            token_hash: None,
            manual_key_for: None,
            pin_next_key: false,
        }
    }

    /// The pasted input.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// Replace the input (a paste, a dropped file, a sample) and recompute.
    pub fn set_input(&mut self, text: impl Into<String>) {
        self.input.set(text.into());
        self.token_view.reset_editing();
        self.selected_link = None;
        self.dirty = true;
    }

    /// The key field follows the token's `alg`: HS* the secret; RS/PS/ES/EdDSA the JWK field once a JWK or JWKS
    /// is there, else the PEM field. A field the user picked by hand for this token stays. Only the field shown
    /// changes: verification still takes the key type from the field, never from the header.
    fn follow_token(&mut self, ins: &Inspection) {
        use std::hash::{Hash as _, Hasher as _};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        ins.decoded.cleaned.token.hash(&mut h);
        let token = h.finish();
        self.token_hash = Some(token);
        if std::mem::take(&mut self.pin_next_key) {
            // A key was put in its field (a file, a sample, the encoder): that field is the choice.
            self.manual_key_for = Some(token);
        }
        if self.manual_key_for == Some(token) {
            return;
        }
        let Some(alg) = ins.decoded.alg.as_deref() else {
            return;
        };
        let asymmetric = ["RS", "PS", "ES"].iter().any(|p| {
            alg.starts_with(p) && alg[2..].chars().all(|c| c.is_ascii_digit() || c == 'K')
        }) || alg == "EdDSA"
            || alg == "Ed25519";
        let kind = if alg.starts_with("HS") {
            KeyKind::Secret
        } else if asymmetric && !self.jwk.trim().is_empty() {
            KeyKind::Jwk
        } else if asymmetric {
            KeyKind::Pem
        } else {
            return;
        };
        if kind != self.settings.key_kind {
            self.settings.key_kind = kind;
            // Verify again with the key in the field now shown.
            self.dirty = true;
        }
    }

    /// The user picked a key field by hand: it stays for this token.
    fn key_kind_picked(&mut self) {
        self.manual_key_for = self.token_hash;
        self.dirty = true;
    }

    /// Set the key field and its text.
    pub fn set_key(&mut self, kind: KeyKind, text: impl Into<String>) {
        self.settings.key_kind = kind;
        self.pin_next_key = true;
        let text = text.into();
        match kind {
            KeyKind::Secret => self.secret = text,
            KeyKind::Pem => self.pem = text,
            KeyKind::Jwk => self.jwk = text,
        }
        self.dirty = true;
    }

    /// Select the payload claim `name` (its bytes in the token and its line in the payload light up), as a click
    /// would; waits for the decode when the input just changed.
    pub fn select_claim(&mut self, name: &str) {
        self.select_after = Some(name.to_owned());
        if !self.dirty && self.job.is_none() {
            self.resolve_selection();
        }
    }

    fn resolve_selection(&mut self) {
        let (Some(name), Some(ins)) = (self.select_after.take(), self.result.as_deref()) else {
            return;
        };
        self.selected_link = ins
            .views
            .links
            .iter()
            .position(|l| l.segment == crate::session::SegmentKind::Payload && l.name == name);
        if let Some(l) = self.selected_link.and_then(|i| ins.views.links.get(i)) {
            self.scroll = Some((Side::Token, l.token_range.start));
        }
    }

    /// The token editor's selection (bytes of the input; empty when only a caret), once it has been focused.
    pub fn token_selection(&self) -> Option<std::ops::Range<usize>> {
        self.token_view.selection()
    }

    /// The latest finished inspection.
    pub fn inspection(&self) -> Option<&Inspection> {
        self.result.as_deref()
    }

    /// The member link that is hovered or selected (header or payload member), if any.
    pub fn active_link(&self) -> Option<usize> {
        self.hover_link.or(self.selected_link)
    }

    /// Is a decode running on the worker?
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Take a dropped or opened file: keys go to their field, anything else is the token.
    pub fn load_text_file(&mut self, name: &str, text: String) {
        if looks_like_pem(&text) {
            self.set_key(KeyKind::Pem, text);
        } else if looks_like_jwk(&text) {
            self.set_key(KeyKind::Jwk, text);
        } else {
            self.set_input(text);
        }
        self.notice = Some(words!("session.loaded_file").with("name", name));
    }

    /// Say that a dropped file could not be read as text.
    pub fn notice_unreadable(&mut self, name: &str) {
        self.notice = Some(words!("session.unreadable_file").with("name", name));
    }

    fn key_input(&self) -> Option<KeyInput> {
        let (text, input) = match self.settings.key_kind {
            KeyKind::Secret => (
                &self.secret,
                KeyInput::Secret {
                    text: self.secret.clone(),
                    encoding: self.settings.secret_encoding,
                },
            ),
            KeyKind::Pem => (&self.pem, KeyInput::Pem(self.pem.clone())),
            KeyKind::Jwk => (&self.jwk, KeyInput::Jwk(self.jwk.clone())),
        };
        (!text.is_empty()).then_some(input)
    }

    /// Start or finish background work. Call once per frame before drawing.
    pub fn poll(&mut self, ctx: &egui::Context) {
        if let Some(job) = &self.job {
            match job.poll() {
                Poll::Ready(ins) => {
                    self.accept(ins);
                    self.job = None;
                }
                Poll::Failed => {
                    self.job = None;
                    self.notice = Some(words!("session.worker_failed"));
                }
                Poll::Pending => {}
            }
        }
        // Relative times ("expires in 3 min") go stale: refresh small tokens every 30 s.
        let stale = self
            .computed_at
            .is_some_and(|t| t.elapsed() > Duration::from_secs(30));
        if stale && self.input.len() < LARGE_INPUT_BYTES {
            self.dirty = true;
        }
        if self.dirty && self.job.is_none() {
            self.dirty = false;
            let key = self.key_input();
            let clock = Clock::system();
            if self.input.len() < LARGE_INPUT_BYTES {
                let ins = inspect(self.input.as_str(), key.as_ref(), &clock);
                self.accept(ins);
            } else {
                let input = self.input.as_str().to_owned();
                self.job = Job::spawn("jwt-decode", ctx, move || {
                    inspect(&input, key.as_ref(), &clock)
                });
            }
        }
    }

    fn accept(&mut self, ins: Inspection) {
        self.follow_token(&ins);
        self.result = Some(Arc::new(ins));
        self.revision += 1;
        self.computed_at = Some(Instant::now());
        if !self.dirty {
            self.resolve_selection();
        }
    }

    /// Draw the tab; returns what the user asked of the app (the "What is this token?" link).
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<crate::ui::action::AppAction> {
        self.poll(ui.ctx());
        ui.horizontal(|ui| {
            ui.selectable_value(
                &mut self.settings.mode,
                Mode::Decoder,
                tr!("session.decoder"),
            );
            ui.selectable_value(
                &mut self.settings.mode,
                Mode::Encoder,
                tr!("session.encoder"),
            );
            ui.separator();
            samples::samples_menu_ui(ui, self);
            ui.separator();
            ui.weak(tr!("session.offline"));
        });
        let action = crate::ui::tour::what_is_ui(ui, crate::meaning::Meaning::Session);
        if let Some(notice) = &self.notice {
            ui.weak(notice.text());
        }
        ui.separator();
        match self.settings.mode {
            Mode::Decoder => decoder::decoder_ui(ui, self),
            Mode::Encoder => {
                if let Some(token) = encoder::encoder_ui(ui, &mut self.encoder) {
                    let (kind, key) = self.encoder.verification_key();
                    self.set_input(token);
                    if let Some(key) = key {
                        self.set_key(kind, key);
                    }
                    self.settings.mode = Mode::Decoder;
                }
            }
        }
        if self.dirty {
            ui.ctx().request_repaint();
        }
        action
    }
}
