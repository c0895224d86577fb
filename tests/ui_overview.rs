//! The Overview driven headless: the three live examples, paste anything (Ctrl+V and the top bar's Inspect box)
//! opening the right tab with the text loaded, and the "Open" buttons.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tokenlens::ai::Vocab;
use tokenlens::app::{Tab, TokenLensApp};
use tokenlens::ledger::demo::{DemoParams, build_demo};
use tokenlens::ledger::store;
use tokenlens::session::Status;
use tokenlens::ui::overview::AI_SENTENCE;

use crate::ui::harness;

/// jwt.io's HS256 example (its secret is `a-string-secret-at-least-256-bits-long`).
const JWT_IO: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.KMUFsIDTnFmyG3nMiGM6H9FNFUROf3wh7SmqJp-QV30";
/// The mainnet USDT transfer's calldata: transfer(0xa29e…4ff5, 610000 USDT).
const USDT_CALLDATA: &str = "0xa9059cbb000000000000000000000000a29e963992597b21bcdcaa969d571984869c4ff50000000000000000000000000000000000000000000000000000008e06d55400";

fn overview() -> Harness<'static, TokenLensApp> {
    let mut h = harness(TokenLensApp::default());
    h.run_steps(2);
    assert_eq!(
        h.state().tab,
        Tab::Overview,
        "the app opens on the Overview"
    );
    h
}

fn settle(h: &mut Harness<'_, TokenLensApp>) {
    crate::ui::settle_shown(h);
}

fn ctrl_v(h: &mut Harness<'_, TokenLensApp>, text: &str) {
    h.input_mut()
        .events
        .push(egui::Event::Paste(text.to_owned()));
    h.run_steps(2);
    settle(h);
}

#[test]
fn the_three_examples_are_drawn_by_their_engines() {
    let mut h = overview();
    crate::ui::settle_until(&mut h, "the AI example is counted", |h| {
        matches!(h.state().examples.ai, Some(Ok(_)))
    });
    // The JWT split at its dots: the demo token's text is shown.
    let token = tokenlens::ui::session::EXAMPLE_TOKEN.trim();
    h.get_by_label_contains(&token[..40]);
    // The signed transfer: its caption and its hex bytes begin with the domain tag's length prefix.
    h.get_by_label_contains("Alice sends 25 LENS to Bob, signed");
    // The AI sentence, counted by tiktoken-rs (independent of the app's tokenizer code).
    let n = crate::ai_oracles::oracle(Vocab::O200k)
        .encode_ordinary(AI_SENTENCE)
        .len();
    h.get_by_label_contains(&format!("{n} tokens for GPT-4o · o200k_base"));
    h.get_by_label(AI_SENTENCE);
}

#[test]
fn ctrl_v_of_a_bearer_jwt_opens_the_session_tab_decoded() {
    let mut h = overview();
    ctrl_v(&mut h, &format!("Bearer {JWT_IO}\n"));
    assert_eq!(h.state().tab, Tab::Session);
    assert_eq!(
        h.state().session.input(),
        JWT_IO,
        "the Bearer prefix is gone"
    );
    let ins = h.state().session.inspection().expect("decoded");
    assert_eq!(
        ins.decoded.header.as_ref().map(|_| ()),
        Some(()),
        "header decoded"
    );
    h.get_by_label("\"John Doe\"");
    h.get_by_label_contains("A JWT (signed, JWS)");
    h.get_by_label_contains("Opened in the Session token tab.");
}

#[test]
fn the_inspect_box_opens_calldata_in_the_crypto_tab() {
    let mut h = overview();
    h.get_by_label("Inspect").focus();
    h.run_steps(2);
    h.get_by_label("Inspect").type_text(USDT_CALLDATA);
    h.run_steps(2);
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    settle(&mut h);
    assert_eq!(h.state().tab, Tab::Crypto);
    let ins = h.state().ledger.inspect.inspection().expect("decoded");
    assert!(ins.is_valid());
    assert!(
        !h.get_all_by_label_contains("transfer(address,uint256)")
            .collect::<Vec<_>>()
            .is_empty(),
        "the selector is named"
    );
    assert!(h.state().inspect_box.is_empty(), "the box is cleared");
    h.get_by_label_contains("Calldata for transfer");
}

#[test]
fn a_pasted_prompt_and_a_pasted_ledger_go_to_their_tabs() {
    let mut h = overview();
    ctrl_v(
        &mut h,
        "Summarise this release note in three bullet points.",
    );
    assert_eq!(h.state().tab, Tab::Ai);
    assert_eq!(
        h.state().ai.input(),
        "Summarise this release note in three bullet points."
    );
    crate::ui::settle_ai(&mut h);
    let n = crate::ai_oracles::oracle(Vocab::O200k)
        .encode_ordinary("Summarise this release note in three bullet points.")
        .len();
    assert_eq!(
        h.state().ai.token_count(),
        Some(n),
        "counted as tiktoken does"
    );

    h.state_mut().tab = Tab::Overview;
    h.run_steps(2);
    let chain = build_demo(&DemoParams::default()).unwrap();
    ctrl_v(&mut h, &store::to_json(&chain));
    assert_eq!(h.state().tab, Tab::Crypto);
    assert_eq!(h.state().ledger.chain.chain(), Some(&chain), "loaded");
    h.get_by_label_contains("A Token Lens ledger file");
}

#[test]
fn a_paste_into_the_inspect_box_opens_at_once_and_only_once() {
    let mut h = overview();
    h.get_by_label("Inspect").focus();
    h.run_steps(2);
    // A megabyte in the one-line box would be laid out every frame; it is opened instead, and not also taken
    // by the Overview's own Ctrl+V.
    let big = format!("Bearer {JWT_IO}");
    h.input_mut().events.push(egui::Event::Paste(big));
    h.run_steps(2);
    settle(&mut h);
    assert_eq!(h.state().tab, Tab::Session);
    assert_eq!(h.state().session.input(), JWT_IO);
    assert!(
        h.state().inspect_box.is_empty(),
        "nothing went into the box"
    );
    let prompt = "x".repeat(1 << 20);
    h.state_mut().tab = Tab::Overview;
    h.run_steps(2);
    h.get_by_label("Inspect").focus();
    h.run_steps(2);
    h.input_mut()
        .events
        .push(egui::Event::Paste(prompt.clone()));
    h.run_steps(2);
    assert_eq!(h.state().tab, Tab::Ai, "a megabyte of text is a prompt");
    assert_eq!(h.state().ai.input().len(), prompt.len());
    assert!(h.state().inspect_box.is_empty());
}

#[test]
fn open_buttons_show_each_example_in_its_tab() {
    let mut h = overview();
    h.get_by_role_and_label(Role::Button, "Open the Session token tab →")
        .click();
    h.run_steps(2);
    settle(&mut h);
    assert_eq!(h.state().tab, Tab::Session);
    let ins = h.state().session.inspection().expect("decoded");
    assert_eq!(
        ins.verification.status,
        Status::Valid,
        "the demo secret verifies it"
    );

    h.state_mut().tab = Tab::Overview;
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "Open the AI token tab →")
        .click();
    h.run_steps(2);
    settle(&mut h);
    assert_eq!(h.state().tab, Tab::Ai);
    assert_eq!(h.state().ai.input(), AI_SENTENCE);

    h.state_mut().tab = Tab::Overview;
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "Open the Crypto token tab →")
        .click();
    h.run_steps(2);
    assert_eq!(h.state().tab, Tab::Crypto);
}

#[test]
fn the_overview_starts_the_tour_and_a_paste_during_it_lands_in_the_users_tabs() {
    let mut h = overview();
    h.state_mut().ai.set_input("my own prompt".to_owned());
    h.get_by_role_and_label(
        Role::Button,
        "Take the guided tour: one story through all three →",
    )
    .click();
    h.run_steps(3);
    settle(&mut h);
    assert!(h.state().tour.is_active(), "the tour started");
    assert_eq!(h.state().tab, Tab::Session, "at step (a), log in");
    assert_ne!(
        h.state().ai_shown().input(),
        "my own prompt",
        "the tour shows its own AI tab"
    );
    assert_eq!(
        h.state().ai.input(),
        "my own prompt",
        "the user's tab is untouched"
    );

    // A paste now is the user's, not the tour's: the tour closes and gives the user's work back first.
    h.state_mut().tab = Tab::Overview;
    h.run_steps(2);
    ctrl_v(&mut h, JWT_IO);
    assert!(!h.state().tour.is_active(), "the tour closed");
    assert_eq!(h.state().tab, Tab::Session);
    assert_eq!(h.state().session.input(), JWT_IO);
    assert_eq!(
        h.state().ai.input(),
        "my own prompt",
        "the user's prompt is back"
    );
}

#[test]
fn a_pasted_tokenizer_json_opens_as_the_ai_tabs_tokenizer() {
    let json = String::from_utf8(Vocab::BertUncased.json().unwrap()).unwrap();
    let mut h = overview();
    ctrl_v(&mut h, &json);
    assert_eq!(h.state().tab, Tab::Ai);
    crate::ui::settle_until(&mut h, "the pasted tokenizer loads", |h| {
        h.state().ai.settings.model == "custom"
    });
    assert_eq!(
        h.state().ai.settings.model,
        "custom",
        "the pasted file is the model"
    );
    assert!(
        h.state().ai.model_label().contains("pasted tokenizer.json"),
        "{}",
        h.state().ai.model_label()
    );
    h.get_by_label_contains("A tokenizer.json");
}
