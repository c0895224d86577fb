//! The guided tour through the real UI with egui_kittest: start it from the top bar, step through log in, pay,
//! count, debit and both tamperings with the panel's buttons, checking what each tab shows; restart; close and get
//! the user's own work back; and each tab's "What is this token?" link opening the tour at its step.

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use tokenlens::ai::Vocab;
use tokenlens::app::{Tab, TokenLensApp};
use tokenlens::ledger::{Rule, validate};
use tokenlens::session::Status;
use tokenlens::tour::{Step, Story};
use tokenlens::ui::ledger::Sel;
use tokenlens::ui::session::KeyKind;

const USER_TOKEN: &str = include_str!("../assets/samples/tokens/hs256.jwt");
const USER_SECRET: &str = "vC0u1rILpPcIj4o6hYbn0MGCfTxa0o891uGqQKwARxRJ7AmVFg8SzjuBnAK1zGZj";
const USER_PROMPT: &str = "my own prompt, not the tour's";
const USER_FILE: &str = "/nowhere/my-ledger.json";

/// A tall window, so the chain's cards, the side panels and the tour panel are all in view.
fn harness(app: TokenLensApp) -> Harness<'static, TokenLensApp> {
    Harness::builder()
        .with_size(egui::vec2(1700.0, 2400.0))
        .with_max_steps(64)
        .with_context_setup(tokenlens::ui::fonts::install)
        .build_ui_state(|ui, app: &mut TokenLensApp| app.show(ui), app)
}

/// Step until the shown tab has no work running (the AI tab loads its vocabulary on a worker; the Chain view
/// validates and mines). Tabs not shown do no work.
fn settle(h: &mut Harness<'_, TokenLensApp>) {
    crate::ui::settle_shown(h);
}

fn click(h: &mut Harness<'_, TokenLensApp>, label: &str) {
    h.get_by_label(label).click();
    h.run_steps(3);
    settle(h);
}

fn has(h: &Harness<'_, TokenLensApp>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

/// The user's own work before the tour: a token and its secret, a prompt with another model, and the demo chain.
fn user_app() -> TokenLensApp {
    let mut app = TokenLensApp::default();
    app.session.set_input(USER_TOKEN.trim());
    app.session.set_key(KeyKind::Secret, USER_SECRET);
    app.ai.set_input(USER_PROMPT.to_owned());
    "gpt-4".clone_into(&mut app.ai.settings.model);
    app.ledger.settings.file = Some(USER_FILE.into());
    app.tab = Tab::Crypto;
    app
}

/// The prompt's o200k_base count, from tiktoken-rs (an implementation independent of the app's).
fn prompt_tokens() -> usize {
    crate::ai_oracles::oracle(Vocab::O200k)
        .encode_ordinary(tokenlens::tour::prompt())
        .len()
}

fn balance(h: &Harness<'_, TokenLensApp>, who: &tokenlens::ledger::Address) -> u128 {
    h.state()
        .ledger_shown()
        .chain
        .report()
        .unwrap()
        .state
        .balance(who)
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "one story, checked step by step in order"
)]
fn the_tour_runs_end_to_end_and_closing_gives_your_work_back() {
    let story = Story::new();
    let me = story.user.address;
    let service = story.service.address;
    let mut h = harness(user_app());
    settle(&mut h);
    let users_chain = h.state().ledger_shown().chain.chain().unwrap().clone();
    assert!(users_chain.name.starts_with("Demo chain"));

    // Start from the top bar.
    click(&mut h, "Tour");
    assert!(h.state().tour.is_active());
    h.get_by_label("(a) Log in");
    h.get_by_label("step 1 of 7");
    assert!(
        h.get_by_label("Next").accesskit_node().is_disabled(),
        "Next waits for the action"
    );

    // (a) Log in: the pass decodes, verifies with the public key, and its sub is selected.
    click(&mut h, "Log in: receive and verify the pass");
    assert_eq!(h.state().tab, Tab::Session);
    let ins = h.state().session_shown().inspection().unwrap();
    assert_eq!(ins.verification.status, Status::Valid);
    assert_eq!(ins.decoded.alg.as_deref(), Some("ES256"));
    let link = h
        .state()
        .session_shown()
        .active_link()
        .expect("sub is selected");
    assert_eq!(ins.views.links[link].name, "sub");
    assert_eq!(
        h.query_all_by_label("signature valid").count(),
        2,
        "in the tab and in the tour panel"
    );
    assert_eq!(
        h.query_all_by_label("The signature checks out and the token is within its time window.")
            .count(),
        2,
        "the combined verdict, in the tab and in the tour panel"
    );
    assert!(has(&h, &format!("\"{me}\"")), "the sub value is shown");
    assert!(has(&h, "The highlighted sub claim is your ledger address"));
    // While the tour runs, the settings that would be saved are still the user's, and Save has no file of theirs
    // to overwrite.
    assert_eq!(h.state().state().ai.model, "gpt-4");
    assert_eq!(h.state().state().ledger.file, Some(USER_FILE.into()));
    assert_eq!(h.state().ledger_shown().settings.file, None);

    // (b) Pay: the payment block is mined and valid, and the balances moved.
    click(&mut h, "Next");
    h.get_by_label("(b) Pay");
    assert_eq!(h.state().tab, Tab::Crypto);
    h.get_by_label("Block 0 · valid");
    assert_eq!(balance(&h, &me), 20_000_000);
    click(&mut h, "Sign and mine the payment");
    h.get_by_label("Block 1 · valid");
    h.get_by_label("Block 1: valid");
    assert_eq!(balance(&h, &me), 15_000_000);
    assert_eq!(balance(&h, &service), 5_000_000);
    assert!(has(&h, "Your balance moved from 20 to 15 LENS"));
    assert_eq!(
        h.state().ledger_shown().chain.linked_field(),
        Some((
            Sel {
                block: 1,
                tx: Some(0)
            },
            "amount"
        )),
        "the payment's amount is pointed at"
    );

    // (c) Spend: the AI tab counts the prompt; the ledger debits its price.
    click(&mut h, "Next");
    h.get_by_label("(c) Spend: count the AI tokens");
    click(&mut h, "Count the prompt");
    settle(&mut h);
    assert_eq!(h.state().tab, Tab::Ai);
    let n = prompt_tokens();
    assert_eq!(h.state().ai_shown().token_count(), Some(n));
    assert_eq!(h.state().tour.token_count(), Some(n));
    assert_eq!(h.state().ai_shown().input(), tokenlens::tour::prompt());
    assert!(has(
        &h,
        &format!("{n} AI tokens × $2.5 per 1M input tokens")
    ));
    // The word "token" is pointed at: its token in the AI tab is selected, and the panel gives its id.
    let selected = h
        .state()
        .ai_shown()
        .selected_token()
        .expect("a token is selected");
    let word = tokenlens::tour::prompt().find("token").unwrap();
    let enc = Vocab::O200k
        .load()
        .unwrap()
        .encode(tokenlens::tour::prompt(), false)
        .unwrap();
    let (start, end) = enc.get_offsets()[selected];
    assert!(
        (start..end).contains(&word),
        "the selected token covers the word"
    );
    let id = enc.get_ids()[selected];
    assert!(has(
        &h,
        &format!("the word \"token\" itself: a single AI token, id {id}")
    ));
    let debit = (n as u128 * 5).div_ceil(2);
    click(&mut h, "Next");
    click(&mut h, "Debit the credits");
    assert_eq!(h.state().tab, Tab::Crypto);
    h.get_by_label("Block 2 · valid");
    assert_eq!(h.state().tour.debit(), Some(debit));
    assert_eq!(balance(&h, &service), 5_000_000 - debit);
    let left = tokenlens::tour::lens(5_000_000 - debit);
    assert!(has(
        &h,
        &format!("Your credit left at the service: {left} LENS")
    ));

    // (d) Tamper with the payment: block 1 turns red with its named reason.
    click(&mut h, "Next");
    click(&mut h, "Tamper with the payment");
    h.get_by_label("Block 1 · invalid");
    h.get_by_label("Block 1: invalid");
    let report = h.state().ledger_shown().chain.report().unwrap();
    let rules: Vec<Rule> = report.block_problems(1).iter().map(|p| p.rule).collect();
    assert!(rules.contains(&Rule::BadSignature), "{rules:?}");
    assert!(has(&h, "tx 0 · bad-signature:"), "the card names the rule");
    let named = h
        .get_by_label_contains("Rules broken in block 1:")
        .value()
        .unwrap_or_default();
    assert!(named.contains("bad-signature"), "{named}");
    assert!(!validate(h.state().ledger_shown().chain.chain().unwrap()).is_valid());

    // (d) Change the pass's sub: the signature fails.
    click(&mut h, "Next");
    click(&mut h, "Change the pass's sub");
    assert_eq!(h.state().tab, Tab::Session);
    let ins = h.state().session_shown().inspection().unwrap();
    assert_eq!(ins.verification.status, Status::Invalid);
    assert_eq!(
        h.query_all_by_label("invalid").count(),
        2,
        "in the tab and in the tour panel"
    );
    assert_eq!(
        h.query_all_by_label("not valid").count(),
        2,
        "the combined verdict, in the tab and in the tour panel"
    );
    assert!(has(&h, &format!("\"{}\"", story.mallory.address)));

    click(&mut h, "Next");
    h.get_by_label("Three tokens, one story");
    assert_eq!(h.state().tour.step(), Step::Done);

    // Back shows the last step again, done; Restart goes to the start with nothing done.
    click(&mut h, "Back");
    assert_eq!(h.state().tour.step(), Step::TamperPass);
    assert!(h.state().tour.step_done());
    click(&mut h, "Restart");
    assert_eq!(h.state().tour.step(), Step::LogIn);
    assert!(!h.state().tour.step_done());
    assert_eq!(h.state().session_shown().input(), "");
    assert_eq!(
        h.state().ledger_shown().chain.chain().unwrap().blocks.len(),
        1
    );
    click(&mut h, "Log in: receive and verify the pass");
    assert_eq!(
        h.state()
            .session_shown()
            .inspection()
            .unwrap()
            .verification
            .status,
        Status::Valid
    );

    // Close: the user's own token, key, prompt, model and chain are back.
    click(&mut h, "Close tour");
    assert!(!h.state().tour.is_active());
    assert!(
        h.query_by_label("Guided tour").is_none(),
        "the panel is gone"
    );
    let app = h.state();
    assert_eq!(app.session.input(), USER_TOKEN.trim());
    assert_eq!(
        app.session.inspection().unwrap().verification.status,
        Status::Valid,
        "the user's secret still verifies the user's token"
    );
    assert_eq!(app.ai.input(), USER_PROMPT);
    assert_eq!(app.ai.settings.model, "gpt-4");
    assert_eq!(app.ledger.chain.chain(), Some(&users_chain));
    assert_eq!(app.ledger.settings.file, Some(USER_FILE.into()));

    // The tour can be taken again, and closing it again still leaves the user's work as it was.
    click(&mut h, "Tour");
    assert_eq!(h.state().tour.step(), Step::LogIn);
    assert_eq!(h.state().session_shown().input(), "", "a fresh tour");
    click(&mut h, "Log in: receive and verify the pass");
    click(&mut h, "Close tour");
    assert_eq!(h.state().session_shown().input(), USER_TOKEN.trim());
    assert_eq!(h.state().ledger_shown().chain.chain(), Some(&users_chain));
}

#[test]
fn each_what_is_link_opens_the_tour_at_its_step() {
    for (tab, link, step, name) in [
        (
            Tab::Session,
            "See it in the tour: step (a) Log in",
            Step::LogIn,
            "it is a 令牌",
        ),
        (
            Tab::Crypto,
            "See it in the tour: step (b) Pay",
            Step::Pay,
            "it is a 代币 or 通证",
        ),
        (
            Tab::Ai,
            "See it in the tour: step (c) Spend",
            Step::Count,
            "named it 词元",
        ),
    ] {
        let mut app = user_app();
        app.tab = tab;
        let mut h = harness(app);
        settle(&mut h);
        assert!(h.query_by_label(link).is_none(), "closed by default");
        h.get_by_label("What is this token?").click();
        h.run_steps(3);
        h.get_by_label_contains(name);
        h.get_by_label(link).click();
        h.run_steps(3);
        settle(&mut h);
        let app = h.state();
        assert!(app.tour.is_active(), "{tab:?}");
        assert_eq!(app.tour.step(), step, "{tab:?}");
        assert!(!app.tour.step_done());
        h.get_by_label(&format!("step {} of 7", step.index() + 1));
        click(&mut h, "Close tour");
        assert_eq!(h.state().session_shown().input(), USER_TOKEN.trim());
        assert_eq!(h.state().ai_shown().input(), USER_PROMPT);
    }
}

#[test]
fn the_tour_putting_the_prompt_aside_leaves_no_old_tokens_on_screen() {
    // The user's prompt is counted in the AI tab.
    let mut app = user_app();
    app.tab = Tab::Ai;
    let mut h = harness(app);
    settle(&mut h);
    let users = h.state().ai_shown().fresh_token_count().expect("counted");
    assert!(users > 3);
    let prompt =
        |h: &Harness<'_, TokenLensApp>| h.get_by_label("Prompt").value().unwrap_or_default();
    assert_eq!(prompt(&h), USER_PROMPT);
    // The tour shows its own AI tab: its prompt is empty and so is what is drawn under it; the user's tab keeps
    // its prompt and its count.
    click(&mut h, "Tour");
    assert!(h.state().tour.is_active());
    h.state_mut().tab = Tab::Ai;
    h.run_steps(2);
    settle(&mut h);
    assert_eq!(h.state().ai_shown().input(), "");
    assert_eq!(
        h.state().ai_shown().fresh_token_count(),
        Some(0),
        "the empty prompt is counted, not the old one"
    );
    assert_eq!(prompt(&h), "", "no old text on screen");
    assert_eq!(
        h.state().ai.input(),
        USER_PROMPT,
        "the user's tab is untouched"
    );
    assert_eq!(h.state().ai.fresh_token_count(), Some(users));
    // Closing the tour gives it back, counted again.
    h.state_mut().tab = Tab::Overview;
    h.run_steps(2);
    click(&mut h, "Close tour");
    h.state_mut().tab = Tab::Ai;
    h.run_steps(2);
    settle(&mut h);
    assert_eq!(h.state().ai_shown().input(), USER_PROMPT);
    assert_eq!(h.state().ai_shown().fresh_token_count(), Some(users));
}
