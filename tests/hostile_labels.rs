//! Names from files and tokens cannot spoof the window: a bidi override or zero-width character in an account
//! label, a token symbol or a claim name is drawn as a `\u{…}` escape, in every widget and in every message
//! built around it. egui draws such characters as nothing and does not reorder, so the raw character would hide.

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _, by};
use tokenlens::app::TokenLensApp;
use tokenlens::ledger::demo::{DemoParams, build_demo};

/// Labels and values of every AccessKit node that hold a hiding character (line breaks and tabs aside, which the
/// widgets lay out visibly).
fn raw_hidden(h: &Harness<'_, TokenLensApp>) -> Vec<String> {
    let hides = |s: &str| {
        tokenlens::text::hidden_chars(s)
            .iter()
            .any(|&(_, c)| !matches!(c, '\n' | '\t'))
    };
    h.query_all(by().predicate(move |node| {
        node.label().is_some_and(|l| hides(&l)) || node.value().is_some_and(|v| hides(&v))
    }))
    .map(|node| {
        let node = node.accesskit_node();
        format!("{:?}", node.label().or_else(|| node.value()))
    })
    .collect()
}

#[test]
fn a_message_value_is_revealed_and_the_template_is_not() {
    let _lang = tokenlens::i18n::isolate_thread(tokenlens::i18n::Lang::En);
    let said = tokenlens::i18n::trf("ledger.file.saved", &[("path", &"evil\u{202E}nosj.exe")]);
    assert_eq!(said, "Saved evil\\u{202E}nosj.exe");
    // A joined emoji stays an emoji: the guard shows what hides, not what is merely unusual.
    let said = tokenlens::i18n::trf("ledger.file.saved", &[("path", &"👩\u{200D}💻 词元.json")]);
    assert_eq!(said, "Saved 👩\u{200D}💻 词元.json");
}

#[test]
fn account_labels_and_token_symbols_show_their_bidi_and_zero_width_characters() {
    use crate::ui_ledger::{harness, settle};
    let mut chain = build_demo(&DemoParams::default()).unwrap();
    chain.accounts[1].label = "Alice\u{202E}ecilA".to_owned();
    chain.tokens.erc20.symbol = "LE\u{200B}NS".to_owned();
    let mut h = harness();
    settle(&mut h);
    h.state_mut().ledger.chain.set_chain(chain);
    settle(&mut h);
    assert!(
        h.query_all_by_label_contains("Alice\\u{202E}ecilA").count() > 0,
        "the label is drawn with its override shown"
    );
    assert!(h.query_all_by_label_contains("LE\\u{200B}NS").count() > 0);
    assert_eq!(
        raw_hidden(&h),
        Vec::<String>::new(),
        "no widget draws a hiding character"
    );
}

#[test]
fn a_claim_name_with_an_override_is_shown_escaped_in_the_claims_table() {
    let token = tokenlens::session::sign_token(
        "{}",
        "{\"adm\u{202E}nimda\":true,\"sub\":\"u\u{200B}ser\"}",
        Some(tokenlens::session::Alg::HS256),
        &tokenlens::session::KeyInput::Secret {
            text: "k".repeat(32),
            encoding: tokenlens::session::SecretEncoding::default(),
        },
    )
    .unwrap();
    let mut app = TokenLensApp::default();
    app.tab = tokenlens::app::Tab::Session;
    let mut h = crate::ui::harness(app);
    h.state_mut().session.set_input(token);
    crate::ui::settle_shown(&mut h);
    assert!(
        h.query_all_by_label_contains("adm\\u{202E}nimda").count() > 0,
        "the claim name shows its override"
    );
    assert_eq!(
        raw_hidden(&h),
        Vec::<String>::new(),
        "no widget draws a hiding character"
    );
}
