//! The encoder: edit header and payload JSON, pick an algorithm and a key, and sign. Round-trips with the decoder.

use egui::{RichText, Ui};

use super::KeyKind;
use crate::i18n::{Worded as _, tr};
use crate::session::{Alg, KeyInput, SecretEncoding, SignError, sign_token};
use crate::ui::theme::Palette;
use crate::ui::widgets::{copy_button_ui, labelled_code_input_ui};

/// Encoder state. Runtime only: keys are never persisted.
pub struct Encoder {
    /// Header JSON.
    pub header: String,
    /// Payload JSON.
    pub payload: String,
    /// Algorithm; `None` makes an unsecured token.
    pub alg: Option<Alg>,
    /// Key field in use.
    pub key_kind: KeyKind,
    /// Secret encoding.
    pub encoding: SecretEncoding,
    /// Key text (secret, private PEM or private JWK).
    pub key: String,
    /// Public key to hand to the decoder with the token (PEM or JWK), when the user gives one.
    pub public_key: String,
    /// The signed token, or why not (worded when drawn); `None` before the first signing.
    output: Option<Result<String, SignError>>,
    stale: bool,
}

impl Default for Encoder {
    fn default() -> Self {
        Self {
            header: "{\n  \"typ\": \"JWT\"\n}".to_owned(),
            payload:
                "{\n  \"sub\": \"1234567890\",\n  \"name\": \"Ada 示例\",\n  \"iat\": 1767225600\n}"
                    .to_owned(),
            alg: Some(Alg::HS256),
            key_kind: KeyKind::Secret,
            encoding: SecretEncoding::Utf8,
            key: String::new(),
            public_key: String::new(),
            output: None,
            stale: true,
        }
    }
}

impl Encoder {
    /// Sign now with the current fields.
    pub fn sign(&mut self) {
        let key = match self.key_kind {
            KeyKind::Secret => KeyInput::Secret {
                text: self.key.clone(),
                encoding: self.encoding,
            },
            KeyKind::Pem => KeyInput::Pem(self.key.clone()),
            KeyKind::Jwk => KeyInput::Jwk(self.key.clone()),
        };
        self.output = Some(sign_token(&self.header, &self.payload, self.alg, &key));
        self.stale = false;
    }

    /// The signed token, if signing succeeded.
    pub fn output(&self) -> Option<&str> {
        self.output.as_ref()?.as_ref().ok().map(String::as_str)
    }

    /// The key the decoder should verify the output with: the same secret, or the public key given.
    pub fn verification_key(&self) -> (KeyKind, Option<String>) {
        match self.key_kind {
            KeyKind::Secret => (KeyKind::Secret, Some(self.key.clone())),
            _ if self.public_key.trim().is_empty() => (KeyKind::Pem, None),
            _ if crate::session::looks_like_jwk(&self.public_key) => {
                (KeyKind::Jwk, Some(self.public_key.clone()))
            }
            _ => (KeyKind::Pem, Some(self.public_key.clone())),
        }
    }
}

/// Draw the encoder. Returns a token when the user asks to open it in the decoder.
pub(super) fn encoder_ui(ui: &mut Ui, enc: &mut Encoder) -> Option<String> {
    let palette = Palette::of(ui);
    let mut open = None;
    egui::ScrollArea::vertical()
        .id_salt("encoder_scroll")
        .show(ui, |ui| {
            ui.columns(2, |cols| {
                let ui = &mut cols[0];
                enc.stale |=
                    labelled_code_input_ui(ui, tr!("encoder.header"), &mut enc.header, 4, "{}")
                        .changed();
                enc.stale |=
                    labelled_code_input_ui(ui, tr!("encoder.payload"), &mut enc.payload, 10, "{}")
                        .changed();
                let ui = &mut cols[1];
                ui.horizontal(|ui| {
                    let l = ui.label(tr!("encoder.alg"));
                    let name = enc.alg.map_or("none", Alg::name);
                    egui::ComboBox::from_id_salt("encoder_alg")
                        .selected_text(name)
                        .show_ui(ui, |ui| {
                            for alg in Alg::ALL {
                                enc.stale |= ui
                                    .selectable_value(&mut enc.alg, Some(alg), alg.name())
                                    .changed();
                            }
                            enc.stale |= ui.selectable_value(&mut enc.alg, None, "none").changed();
                        })
                        .response
                        .labelled_by(l.id);
                });
                ui.horizontal(|ui| {
                    for (kind, key) in [
                        (KeyKind::Secret, key!("session.key.secret")),
                        (KeyKind::Pem, key!("encoder.key.pem")),
                        (KeyKind::Jwk, key!("encoder.key.jwk")),
                    ] {
                        enc.stale |= ui
                            .selectable_value(&mut enc.key_kind, kind, tr(key))
                            .changed();
                    }
                });
                let hint = match enc.key_kind {
                    KeyKind::Secret => tr!("session.secret_hint"),
                    KeyKind::Pem => tr!("encoder.pem_hint"),
                    KeyKind::Jwk => tr!("encoder.jwk_hint"),
                };
                enc.stale |=
                    labelled_code_input_ui(ui, tr!("encoder.key"), &mut enc.key, 4, hint).changed();
                if enc.key_kind != KeyKind::Secret {
                    enc.stale |= labelled_code_input_ui(
                        ui,
                        tr!("encoder.public_key"),
                        &mut enc.public_key,
                        3,
                        tr!("encoder.public_hint"),
                    )
                    .changed();
                }
                if let (KeyKind::Secret, Some(alg)) = (enc.key_kind, enc.alg)
                    && let Ok(bytes) = crate::session::secret_bytes(&enc.key, enc.encoding)
                    && bytes.len() < alg.hash_bytes()
                {
                    // Warn, never block: short secrets are fine for tests (jwt.io #723).
                    let text = trf!(
                        "find.weak_secret_short",
                        &[("got", &bytes.len()), ("need", &alg.hash_bytes())],
                    );
                    ui.label(RichText::new(format!("▲ {text}")).color(palette.warn()));
                }
                if enc.alg.is_none() {
                    ui.label(RichText::new(tr!("encoder.none_warning")).color(palette.error()));
                }
                if enc.stale {
                    enc.sign();
                }
                ui.add_space(6.0);
                ui.strong(tr!("encoder.output"));
                match &enc.output {
                    Some(Ok(token)) => {
                        let token = token.clone();
                        let l = ui.label(tr!("encoder.signed_token"));
                        let mut shown = token.clone();
                        ui.add(
                            egui::TextEdit::multiline(&mut shown)
                                .code_editor()
                                .desired_rows(4)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(l.id);
                        ui.horizontal(|ui| {
                            copy_button_ui(ui, tr!("session.copy_token"), &token);
                            if ui.button(tr!("encoder.open_in_decoder")).clicked() {
                                open = Some(token);
                            }
                        });
                    }
                    Some(Err(e)) => {
                        let text = format!("× {}", e.words().text());
                        ui.label(RichText::new(text).color(palette.error()));
                    }
                    None => {}
                }
            });
        });
    open
}
