//! Pasted tokens, secrets and keys are never persisted.

use std::collections::HashMap;

use eframe::App as _;
use tokenlens::app::TokenLensApp;

#[derive(Default)]
struct MemoryStorage(HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn saved_state_holds_settings_but_no_token_or_key() {
    let token = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/samples/tokens/hs256.jwt"
    ))
    .unwrap();
    let secret = "super-secret-hmac-key-0123456789abcdef";
    let pem = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/samples/keys/rsa_public_spki.pem"
    ))
    .unwrap();
    let mut app = TokenLensApp::default();
    app.dark = true;
    app.session.set_input(token.clone());
    app.session
        .set_key(tokenlens::ui::session::KeyKind::Pem, pem.clone());
    app.session
        .set_key(tokenlens::ui::session::KeyKind::Secret, secret);
    let mut storage = MemoryStorage::default();
    app.save(&mut storage);
    let saved: String = storage.0.values().cloned().collect();
    assert!(!saved.is_empty(), "settings were saved");
    assert!(saved.contains("dark"), "the theme is persisted: {saved}");
    for needle in [&token[..40], secret, &pem[30..80], "eyJ"] {
        assert!(
            !saved.contains(needle),
            "persisted state leaks {needle:?}: {saved}"
        );
    }
    // Restoring gives the settings back and empty inputs.
    let state: tokenlens::app::State = eframe::get_value(&storage, eframe::APP_KEY).unwrap();
    assert!(state.dark);
    let restored = TokenLensApp::from_state(state);
    assert_eq!(restored.session.input(), "");
}
