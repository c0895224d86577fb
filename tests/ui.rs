//! The real app driven headless through AccessKit labels with egui_kittest.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tokenlens::app::{Tab, TokenLensApp};

const HS256: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.KMUFsIDTnFmyG3nMiGM6H9FNFUROf3wh7SmqJp-QV30";

pub(crate) fn harness(app: TokenLensApp) -> Harness<'static, TokenLensApp> {
    harness_sized(app, egui::vec2(1400.0, 900.0))
}

/// The app in a window of `size` points, with the bundled fonts.
pub(crate) fn harness_sized(app: TokenLensApp, size: egui::Vec2) -> Harness<'static, TokenLensApp> {
    Harness::builder()
        .with_size(size)
        .with_max_steps(32)
        .with_context_setup(tokenlens::ui::fonts::install)
        .build_ui_state(|ui, app: &mut TokenLensApp| app.show(ui), app)
}

/// Step until `done` holds twice in a row (a finished job is collected on the next frame), then three more frames.
/// Fails the test, naming `what`, if it does not hold within 60 s. The one settle helper every UI test uses.
pub(crate) fn settle_until(
    h: &mut Harness<'_, TokenLensApp>,
    what: &str,
    done: impl Fn(&Harness<'_, TokenLensApp>) -> bool,
) {
    let start = std::time::Instant::now();
    loop {
        h.step();
        if done(h) {
            h.step();
            if done(h) {
                break;
            }
        }
        assert!(
            start.elapsed() < std::time::Duration::from_mins(1),
            "{what}: not within 60 s"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run_steps(3);
}

/// Step until the AI tab's workers are idle (vocabularies load in up to a second in a debug build).
pub(crate) fn settle_ai(h: &mut Harness<'_, TokenLensApp>) {
    settle_until(h, "the AI workers finish", |h| !h.state().ai.busy());
}

/// Step until the shown tab has no work running (tabs not shown do no work, so theirs may wait).
pub(crate) fn settle_shown(h: &mut Harness<'_, TokenLensApp>) {
    let tab = h.state().tab;
    settle_until(h, &format!("the {tab:?} tab settles"), |h| {
        let app = h.state();
        match app.tab {
            Tab::Ai => !app.ai_shown().busy(),
            Tab::Crypto => !app.ledger_shown().chain.busy(),
            Tab::Session => !app.session_shown().busy(),
            Tab::Overview => true,
        }
    });
}

/// Step until no tab has work running.
pub(crate) fn settle_all(h: &mut Harness<'_, TokenLensApp>) {
    settle_until(h, "every worker finishes", |h| {
        let app = h.state();
        !app.ai.busy() && !app.session.busy() && !app.ledger.chain.busy()
    });
}

fn session_harness() -> Harness<'static, TokenLensApp> {
    let mut h = harness(TokenLensApp::default());
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Session token")
        .click();
    h.run();
    h
}

fn paste_token(h: &mut Harness<'_, TokenLensApp>, token: &str) {
    h.get_by_label("Encoded token").focus();
    h.run();
    h.get_by_label("Encoded token").type_text(token);
    h.run();
}

#[test]
fn paste_a_token_and_see_claims_and_status() {
    let mut h = session_harness();
    paste_token(&mut h, HS256);
    assert_eq!(h.state().session.input(), HS256);
    h.get_by_label("name");
    h.get_by_label("\"John Doe\"");
    h.get_by_label_contains("Subject: whom the token is about");
    h.get_by_label("not checked");
    h.get_by_label_contains("There is no exp claim");
    // The header view shows the pretty JSON in original order.
    h.get_by_label_contains("\"alg\": \"HS256\",\n  \"typ\": \"JWT\"");
}

#[test]
fn entering_the_secret_turns_it_valid() {
    let mut h = session_harness();
    paste_token(&mut h, HS256);
    h.get_by_label("Secret").focus();
    h.run();
    h.get_by_label("Secret")
        .type_text("a-string-secret-at-least-256-bits-long");
    h.run();
    h.get_by_label("signature valid");
    h.get_by_label_contains("Signature verified (HS256)");
    h.get_by_label("Secret").type_text("!");
    h.run();
    h.get_by_label("invalid");
}

#[test]
fn garbage_gets_a_positioned_error() {
    let mut h = session_harness();
    paste_token(&mut h, "eyJhbGciOiJIUzI1NiJ9.eyJhIjoi+b/9.c2ln");
    h.get_by_label_contains("× The payload has '+' at byte 29: that is standard base64");
    // Whatever decodes is still shown.
    h.get_by_label_contains("\"alg\": \"HS256\"");
}

#[test]
fn samples_menu_loads_a_verified_token() {
    let mut h = session_harness();
    h.get_by_label("Samples").click();
    h.run();
    h.get_by_label("ES256 (P-256)").click();
    h.run();
    h.get_by_label("signature valid");
    h.get_by_label("\"Ada 示例\"");
    h.get_by_label("Samples").click();
    h.run();
    h.get_by_label("alg none (unsigned)").click();
    h.run();
    h.get_by_label("unsigned");
    h.get_by_label_contains("anyone can forge it");
}

#[test]
fn encoder_signs_and_opens_in_the_decoder() {
    let mut h = session_harness();
    h.get_by_label("Encoder").click();
    h.run();
    h.get_by_label("Signing key").focus();
    h.run();
    h.get_by_label("Signing key")
        .type_text("encoder-test-secret-that-is-32-bytes!");
    h.run();
    h.get_by_label("Open in decoder").click();
    h.run();
    assert!(
        h.state().session.input().starts_with("eyJ"),
        "the signed token moved to the decoder"
    );
    h.get_by_label("signature valid");
}

#[test]
fn hovering_a_claim_links_it_to_its_base64() {
    let mut h = session_harness();
    paste_token(&mut h, HS256);
    h.get_by_label("name").hover();
    h.run();
    let ins = h.state().session.inspection().unwrap();
    let link = h
        .state()
        .session
        .active_link()
        .expect("hovering the claim row selects its link");
    assert_eq!(ins.views.links[link].name, "name");
}

#[test]
fn large_tokens_decode_off_the_ui_thread() {
    let mut app = TokenLensApp::default();
    app.tab = Tab::Session;
    let payload = format!(r#"{{"sub":"big","blob":"{}"}}"#, "x".repeat(1 << 20));
    let token = tokenlens::session::sign_token(
        "{}",
        &payload,
        Some(tokenlens::session::Alg::HS256),
        &tokenlens::session::KeyInput::Secret {
            text: "k".repeat(32),
            encoding: tokenlens::session::SecretEncoding::default(),
        },
    )
    .unwrap();
    let mut h = harness(app);
    h.state_mut().session.set_input(token);
    let ctx = h.ctx.clone();
    h.state_mut().session.poll(&ctx);
    assert!(
        h.state().session.busy(),
        "a 1 MB token is decoded on a worker thread"
    );
    settle_until(&mut h, "the token is decoded", |h| {
        !h.state().session.busy()
    });
    // The editor holds the whole token; AccessKit gets the rows on screen.
    let editor = h.get_by_label("Encoded token");
    assert!(editor.value().unwrap_or_default().starts_with("eyJ"));
    assert!(editor.rect().height() < 400.0, "the box keeps its height");
    assert_eq!(h.state().session.inspection().unwrap().claims.len(), 2);
}

#[test]
fn theme_switch_is_remembered() {
    let mut h = harness(TokenLensApp::default());
    h.get_by_label("Dark theme").click();
    h.run();
    assert!(h.state().dark);
    assert!(
        h.state().state().dark,
        "the persisted state carries the theme"
    );
    h.get_by_label("Light theme");
}

#[test]
fn overview_lists_the_three_meanings() {
    let mut h = harness(TokenLensApp::default());
    h.run();
    h.get_by_label("令牌");
    h.get_by_label("代币 / 通证");
    h.get_by_label("词元");
}

/// The Session tab showing an HS256 token with this payload.
fn session_with_payload(payload: &str) -> Harness<'static, TokenLensApp> {
    let token = tokenlens::session::sign_token(
        "{}",
        payload,
        Some(tokenlens::session::Alg::HS256),
        &tokenlens::session::KeyInput::Secret {
            text: "k".repeat(32),
            encoding: tokenlens::session::SecretEncoding::default(),
        },
    )
    .unwrap();
    let mut h = session_harness();
    paste_token(&mut h, &token);
    h
}

#[test]
fn cjk_and_emoji_claims_render_with_the_bundled_fonts() {
    // The harness fails on any glyph that no installed font has, so this proves the fonts cover the text.
    let h = session_with_payload(r#"{"sub":"用户 42","name":"Ada 😀 🔑","note":"词元·令牌·代币"}"#);
    h.get_by_label("\"Ada 😀 🔑\"");
    h.get_by_label("\"词元·令牌·代币\"");
}

#[test]
fn korean_and_newer_emoji_render_with_the_bundled_fonts() {
    // Hangul syllables and jamo, emoji from Unicode 7 to 14, a skin-tone modifier and a flag's regional indicators:
    // each would be a missing glyph (the harness fails) with egui's own emoji font and a CJK subset without Hangul.
    let name = "토큰 ㅎ 🙂🤔🥰🫠👍🏽🇰🇷";
    let h = session_with_payload(&format!(r#"{{"name":"{name}"}}"#));
    h.get_by_label(&format!("\"{name}\""));
}

#[derive(Debug)]
pub(crate) struct DroppedPath(pub(crate) std::path::PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_token_and_a_key_file_verifies() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut h = harness(TokenLensApp::default());
    h.run();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(
            dir.join("tokens/rs256.jwt"),
        )));
    h.run();
    assert_eq!(
        h.state().tab,
        Tab::Session,
        "dropping a file opens the Session tab"
    );
    assert!(h.state().session.input().starts_with("eyJ"));
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(
            dir.join("keys/rsa_public_spki.pem"),
        )));
    h.run();
    h.get_by_label("signature valid");
    h.get_by_label_contains("Loaded ");
}

#[test]
fn pasting_a_megabyte_into_the_token_editor() {
    let mut h = session_harness();
    h.get_by_label("Encoded token").focus();
    h.run();
    let big = format!("{}.{}.c2ln", "eyJhbGciOiJIUzI1NiJ9", "A".repeat(1 << 20));
    h.event(egui::Event::Paste(big.clone()));
    h.step();
    assert_eq!(
        h.state().session.input().len(),
        big.len(),
        "the paste became the token"
    );
    settle_until(&mut h, "the paste is decoded", |h| {
        !h.state().session.busy()
    });
    // The token editor took the paste: its visible rows are the token's start, and it is decoded.
    let value = h.get_by_label("Encoded token").value().unwrap_or_default();
    assert!(
        value.starts_with("eyJhbGciOiJIUzI1NiJ9.AAAA"),
        "{}",
        &value[..40]
    );
    assert!(h.state().session.inspection().is_some());
}

#[test]
fn hovering_the_encoded_payload_links_back_to_its_claim() {
    let mut h = session_harness();
    paste_token(&mut h, HS256);
    h.run_steps(2);
    // The token editor colours the token as typed; hover inside its payload rows.
    let node = h.get_by_label("Encoded token");
    let rect = node.rect();
    let _ = node;
    // Second row, a quarter in: inside the encoded payload (rows are 80 columns at this size).
    h.hover_at(egui::pos2(
        rect.left() + rect.width() * 0.25,
        rect.top() + rect.height() * 0.45,
    ));
    h.run_steps(3);
    let state = h.state();
    let link = state
        .session
        .active_link()
        .expect("hovering encoded payload characters selects a claim");
    let ins = state.session.inspection().unwrap();
    assert!(
        ["sub", "name", "admin", "iat", "alg", "typ"]
            .contains(&ins.views.links[link].name.as_str())
    );
}
