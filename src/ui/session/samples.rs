//! The Samples menu: demo tokens made with the demo keys in assets/samples (never real credentials).

use super::{KeyKind, SessionTab};
use crate::i18n::tr;

/// One sample: a token and the key that verifies it.
pub struct Sample {
    /// Catalogue key of the menu label.
    pub label_key: &'static str,
    /// The token as pasted.
    pub token: String,
    /// The key field and text to verify it with.
    pub key: Option<(KeyKind, &'static str)>,
}

macro_rules! asset {
    ($path:literal) => {
        include_str!(concat!("../../../assets/samples/", $path))
    };
}

const HMAC_SECRET: &str = asset!("keys/hmac_secret.txt");

/// Every sample, in menu order.
pub fn samples() -> Vec<Sample> {
    let secret = HMAC_SECRET.trim_end();
    let s = |label_key, token: &str, key| Sample {
        label_key,
        token: token.to_owned(),
        key,
    };
    let hs256 = asset!("tokens/hs256.jwt");
    vec![
        s(key!("sample.hs256"), hs256, Some((KeyKind::Secret, secret))),
        s(
            key!("sample.rs256"),
            asset!("tokens/rs256.jwt"),
            Some((KeyKind::Pem, asset!("keys/rsa_public_spki.pem"))),
        ),
        s(
            key!("sample.ps256"),
            asset!("tokens/ps256.jwt"),
            Some((KeyKind::Pem, asset!("keys/rsa_cert.pem"))),
        ),
        s(
            key!("sample.es256"),
            asset!("tokens/es256.jwt"),
            Some((KeyKind::Pem, asset!("keys/ec_p256_public_spki.pem"))),
        ),
        s(
            key!("sample.es512"),
            asset!("tokens/es512.jwt"),
            Some((KeyKind::Jwk, asset!("keys/jwks_public.json"))),
        ),
        s(
            key!("sample.es256k"),
            asset!("tokens/es256k.jwt"),
            Some((KeyKind::Jwk, asset!("keys/jwks_public.json"))),
        ),
        s(
            key!("sample.eddsa"),
            asset!("tokens/eddsa.jwt"),
            Some((KeyKind::Pem, asset!("keys/ed25519_public_spki.pem"))),
        ),
        s(
            key!("sample.expired"),
            asset!("tokens/expired.jwt"),
            Some((KeyKind::Secret, secret)),
        ),
        s(
            key!("sample.tampered"),
            asset!("tokens/tampered.jwt"),
            Some((KeyKind::Secret, secret)),
        ),
        s(key!("sample.none"), asset!("tokens/none.jwt"), None),
        s(key!("sample.jwe"), asset!("tokens/jwe.jwt"), None),
        Sample {
            label_key: key!("sample.bearer"),
            token: format!("Authorization: Bearer {hs256}\n"),
            key: Some((KeyKind::Secret, secret)),
        },
        Sample {
            label_key: key!("sample.broken"),
            token: broken(hs256),
            key: None,
        },
    ]
}

/// The HS256 sample with one payload character swapped for a standard-base64 '+'.
fn broken(token: &str) -> String {
    let at = token.find('.').map_or(0, |i| i + 6);
    let mut out = token.to_owned();
    if out.is_char_boundary(at) && out.is_char_boundary(at + 1) {
        out.replace_range(at..=at, "+");
    }
    out
}

/// The menu button.
pub(super) fn samples_menu_ui(ui: &mut egui::Ui, tab: &mut SessionTab) {
    ui.menu_button(tr!("session.samples"), |ui| {
        for sample in samples() {
            if ui.button(tr(sample.label_key)).clicked() {
                tab.set_input(sample.token);
                if let Some((kind, key)) = sample.key {
                    tab.set_key(kind, key.trim_end_matches('\n'));
                }
                tab.settings.mode = super::Mode::Decoder;
                ui.close();
            }
        }
    });
}
