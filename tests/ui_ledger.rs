//! The Crypto tab's chain view driven headless through AccessKit labels: the demo chain green, an edit turning
//! blocks red with named rules, mining, raw edits, a draft checked before signing, save and load. Also the pure
//! draft checker (`ledger::preview`).

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tokenlens::app::{Tab, TokenLensApp};
use tokenlens::ledger::demo::{DemoParams, build_demo};
use tokenlens::ledger::model::{Chain, Op, Tx};
use tokenlens::ledger::preview::{check_draft, expected_nonce, parse_units};
use tokenlens::ledger::{Rule, Sig, Validator, store};

/// A tall window, so every card of the demo chain is in view.
pub(super) fn harness() -> Harness<'static, TokenLensApp> {
    let mut app = TokenLensApp::default();
    app.tab = Tab::Crypto;
    Harness::builder()
        .with_size(egui::vec2(1500.0, 2400.0))
        .with_max_steps(64)
        .with_context_setup(tokenlens::ui::fonts::install)
        .build_ui_state(|ui, app: &mut TokenLensApp| app.show(ui), app)
}

/// Step until the chain exists and nothing runs in the background.
pub(super) fn settle(h: &mut Harness<'_, TokenLensApp>) {
    crate::ui::settle_until(h, "the chain view settles", |h| {
        let chain = &h.state().ledger.chain;
        chain.report().is_some() && !chain.busy()
    });
}

pub(super) fn rules_of(h: &Harness<'_, TokenLensApp>, block: usize) -> Vec<Rule> {
    let report = h.state().ledger.chain.report().unwrap();
    report
        .block_problems(block)
        .iter()
        .map(|p| p.rule)
        .collect()
}

pub(super) fn count(h: &Harness<'_, TokenLensApp>, text: &str) -> usize {
    h.query_all_by_label_contains(text).count()
}

pub(super) fn type_into(h: &mut Harness<'_, TokenLensApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run_steps(2);
    h.get_by_label(label).type_text(text);
    h.run_steps(2);
}

pub(super) fn temp_path(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("ui_ledger_{name}.json"))
}

#[test]
fn the_demo_chain_is_all_green() {
    let mut h = harness();
    settle(&mut h);
    for i in 0..4 {
        h.get_by_label(&format!("Block {i} · valid"));
    }
    h.get_by_label("Chain valid: 4 blocks, 16 transactions");
    h.get_by_label("Cascade (recompute roots and links, like Anders)");
    assert_eq!(count(&h, "below-target"), 0, "no problem shown");
    // The target is shown as a number next to the bits.
    assert!(count(&h, "2^240") >= 1, "target as a power of two");
}

/// Block 1 tx 1 issues 5,000 TBILL; typing a 0 makes it 50,000.
pub(super) fn edit_an_amount(h: &mut Harness<'_, TokenLensApp>) {
    type_into(h, "Block 1 tx 1 amount", "0");
    settle(h);
}

#[test]
fn editing_an_amount_turns_that_block_and_every_later_block_red() {
    let mut h = harness();
    settle(&mut h);
    edit_an_amount(&mut h);
    let chain = h.state().ledger.chain.chain().unwrap();
    assert!(
        matches!(
            chain.blocks[1].txs[1].op,
            Op::RwaMint {
                amount: 50_000_000_000,
                ..
            }
        ),
        "the amount was edited"
    );
    h.get_by_label("Block 0 · valid");
    for i in 1..4 {
        h.get_by_label(&format!("Block {i} · invalid"));
    }
    let r1 = rules_of(&h, 1);
    assert!(r1.contains(&Rule::BadSignature), "{r1:?}");
    assert!(r1.contains(&Rule::BelowTarget), "{r1:?}");
    for i in 2..4 {
        assert!(rules_of(&h, i).contains(&Rule::BelowTarget), "block {i}");
    }
    assert!(count(&h, "bad-signature:") >= 1, "bad-signature named");
    assert!(
        count(&h, "below-target:") >= 3,
        "below-target named on blocks 1-3"
    );
}

#[test]
fn mining_the_edited_block_clears_its_proof_of_work_but_not_the_signature() {
    let mut h = harness();
    settle(&mut h);
    edit_an_amount(&mut h);
    h.get_by_label("Mine block 1").click();
    h.run_steps(2);
    settle(&mut h);
    let r1 = rules_of(&h, 1);
    assert!(!r1.contains(&Rule::BelowTarget), "{r1:?}");
    assert!(r1.contains(&Rule::BadSignature), "{r1:?}");
    h.get_by_label("Block 1 · invalid");
    h.get_by_label_contains("Block 1 mined: nonce");
    // Cascade: block 2 now links to the new hash and must be mined again. The badly signed transaction still used
    // its nonce, so the issuer's later transactions are not reported out of order: one cause, one problem.
    let r2 = rules_of(&h, 2);
    assert!(r2.contains(&Rule::BelowTarget), "{r2:?}");
    assert!(!r2.contains(&Rule::BadNonce), "{r2:?}");
}

#[test]
fn a_raw_header_edit_shows_a_hash_mismatch_and_a_broken_link() {
    let mut h = harness();
    settle(&mut h);
    h.get_by_label("Raw (change only this field)").click();
    h.run_steps(2);
    type_into(&mut h, "Block 1 timestamp", "7");
    settle(&mut h);
    let r1 = rules_of(&h, 1);
    assert!(r1.contains(&Rule::HashMismatch), "{r1:?}");
    assert!(rules_of(&h, 2).contains(&Rule::BrokenLink), "block 2");
    assert!(count(&h, "hash-mismatch:") >= 1, "named");
    assert!(count(&h, "broken-link:") >= 1, "named");
    // In raw mode the stored hash is a field of its own.
    h.get_by_label("Block 1 stored hash");
}

#[test]
fn an_overdraft_is_named_before_it_is_signed() {
    let mut h = harness();
    settle(&mut h);
    h.get_by_label("This draft breaks no rule.");
    // The draft starts as a 1 LENS transfer from Alice; make it 1,000,000 LENS.
    type_into(&mut h, "Compose amount", "000000");
    h.run_steps(2);
    assert!(
        count(&h, "insufficient-balance:") == 1,
        "named before signing"
    );
    h.get_by_label_contains("ERC20InsufficientBalance");
    h.get_by_label("Pending transactions: 0");
}

#[test]
fn a_signed_transfer_is_mined_into_a_new_valid_block() {
    let mut h = harness();
    settle(&mut h);
    h.get_by_label("Sign and add").click();
    h.run_steps(2);
    h.get_by_label("Pending transactions: 1");
    h.get_by_label("Mine new block").click();
    h.run_steps(2);
    settle(&mut h);
    assert_eq!(
        h.state().ledger.chain.chain().unwrap().blocks.len(),
        5,
        "appended"
    );
    assert!(
        h.state().ledger.chain.report().unwrap().is_valid(),
        "still valid"
    );
    h.get_by_label("Chain valid: 5 blocks, 17 transactions");
}

#[test]
fn save_then_load_round_trips() {
    let path = temp_path("round_trip");
    let mut h = harness();
    settle(&mut h);
    type_into(&mut h, "Ledger file", path.to_str().unwrap());
    h.get_by_label("Save").click();
    h.run_steps(1);
    assert!(h.state().ledger.chain.busy(), "the save runs on the worker");
    settle(&mut h);
    h.get_by_label_contains("Saved ");
    let saved = h.state().ledger.chain.chain().unwrap().clone();
    edit_an_amount(&mut h);
    assert_ne!(h.state().ledger.chain.chain(), Some(&saved), "edited");
    h.get_by_label("Load").click();
    settle(&mut h);
    assert_eq!(h.state().ledger.chain.chain(), Some(&saved), "round trip");
    h.get_by_label("Chain valid: 4 blocks, 16 transactions");
    assert_eq!(
        h.state().ledger.settings.file.as_deref(),
        Some(path.as_path())
    );
}

#[test]
fn save_as_and_open_through_the_file_picker() {
    // A folder of its own, so the picker lists a few entries.
    let folder = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("ui_ledger_picker");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("picked.json");
    let dir = folder.to_str().unwrap().to_owned();
    let name = "picked.json";
    let mut h = harness();
    settle(&mut h);
    // The picker starts in the folder of the path typed so far, with its file name filled in.
    type_into(&mut h, "Ledger file", &format!("{dir}/{name}"));
    h.get_by_label("Save as…").click();
    h.run_steps(2);
    h.get_by_label("💾  Save as");
    last(&h, "Save").click();
    h.run_steps(1);
    settle(&mut h);
    h.get_by_label_contains("Saved ");
    assert!(path.is_file(), "written where the picker said");
    let saved = h.state().ledger.chain.chain().unwrap().clone();
    edit_an_amount(&mut h);

    // Open…: the file is listed; select it and open it.
    h.get_by_label("Open…").click();
    h.run_steps(2);
    h.get_by_label(&format!("🗋 {name}")).click();
    h.run_steps(1);
    last(&h, "Open").click();
    h.run_steps(1);
    settle(&mut h);
    assert_eq!(h.state().ledger.chain.chain(), Some(&saved), "loaded back");
    assert_eq!(
        h.state().ledger.settings.file.as_deref(),
        Some(path.as_path()),
        "remembered"
    );
}

/// The last widget with this label: the file picker's button, drawn after the tab's own.
fn last<'a>(h: &'a Harness<'_, TokenLensApp>, label: &'a str) -> egui_kittest::Node<'a> {
    h.get_all_by_label(label)
        .last()
        .expect("a widget with the label")
}

#[test]
fn a_tampered_file_loads_red() {
    let path = temp_path("tampered");
    let mut chain = build_demo(&DemoParams::default()).unwrap();
    if let Op::Mint { amount, .. } = &mut chain.blocks[0].txs[0].op {
        *amount += 1;
    }
    store::save(&chain, &path).unwrap();
    let mut h = harness();
    settle(&mut h);
    type_into(&mut h, "Ledger file", path.to_str().unwrap());
    h.get_by_label("Load").click();
    settle(&mut h);
    h.get_by_label("Block 0 · invalid");
    h.get_by_label_contains("Chain invalid:");
    assert!(count(&h, "bad-signature:") >= 1, "named");
}

#[test]
fn a_corrupted_file_shows_where_and_keeps_the_chain() {
    let path = temp_path("corrupted");
    std::fs::write(
        &path,
        "{\n \"format\": \"tokenlens-ledger/1\",\n \"name\": oops\n}\n",
    )
    .unwrap();
    let mut h = harness();
    settle(&mut h);
    let before = h.state().ledger.chain.chain().unwrap().clone();
    type_into(&mut h, "Ledger file", path.to_str().unwrap());
    h.get_by_label("Load").click();
    settle(&mut h);
    h.get_by_label_contains("line 3, column");
    h.get_by_label_contains("the chain is unchanged");
    assert_eq!(h.state().ledger.chain.chain(), Some(&before), "kept");
}

#[test]
fn clicking_a_transaction_shows_its_canonical_bytes() {
    let mut h = harness();
    settle(&mut h);
    h.get_by_label("Block 3 tx 1 bytes").click();
    h.run_steps(3);
    h.get_by_label_contains("Block 3 tx 1: canonical bytes");
    h.get_by_label_contains("11316");
    h.get_by_label("Block 0 header bytes").click();
    h.run_steps(3);
    h.get_by_label_contains("Block 0: header bytes");
    h.get_by_label_contains("54 4c 42 31"); // "TLB1", the header magic
}

// The pure draft checker.

fn demo() -> (Chain, tokenlens::ledger::Report) {
    let chain = build_demo(&DemoParams::default()).unwrap();
    let report = Validator::new().validate(&chain);
    assert!(report.is_valid(), "demo valid");
    (chain, report)
}

fn draft(chain: &Chain, report: &tokenlens::ledger::Report, from: usize, op: Op) -> Tx {
    let from = chain.accounts[from].address;
    Tx {
        from,
        nonce: report.state.nonce(&from),
        op,
        signature: Sig::default(),
    }
}

#[test]
fn check_draft_names_an_overdraft_and_a_wrong_nonce() {
    let (chain, report) = demo();
    let bob = chain.accounts[2].address;
    let alice = chain.accounts[1].address;
    let have = report.state.balance(&alice);
    let ok = draft(
        &chain,
        &report,
        1,
        Op::Transfer {
            to: bob,
            amount: have,
        },
    );
    assert!(
        check_draft(&chain, &report.state, &[], &ok).is_empty(),
        "spend all"
    );
    let over = draft(
        &chain,
        &report,
        1,
        Op::Transfer {
            to: bob,
            amount: have + 1,
        },
    );
    let v = check_draft(&chain, &report.state, &[], &over);
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0].rule, Rule::InsufficientBalance);
    assert_eq!(v[0].shortfall, Some((have, have + 1)));
    let mut late = ok.clone();
    late.nonce += 5;
    let v = check_draft(&chain, &report.state, &[], &late);
    assert_eq!(
        v.iter().map(|x| x.rule).collect::<Vec<_>>(),
        [Rule::BadNonce]
    );
}

#[test]
fn check_draft_counts_the_pending_transactions() {
    let (chain, report) = demo();
    let alice = chain.accounts[1].address;
    let bob = chain.accounts[2].address;
    let have = report.state.balance(&alice);
    let first = draft(
        &chain,
        &report,
        1,
        Op::Transfer {
            to: bob,
            amount: have,
        },
    );
    let pending = [first.clone()];
    assert_eq!(
        expected_nonce(&report.state, &pending, &alice),
        first.nonce + 1,
        "the pending tx used a nonce"
    );
    let mut second = draft(&chain, &report, 1, Op::Transfer { to: bob, amount: 1 });
    second.nonce = first.nonce + 1;
    let v = check_draft(&chain, &report.state, &pending, &second);
    assert_eq!(
        v.iter().map(|x| x.rule).collect::<Vec<_>>(),
        [Rule::InsufficientBalance]
    );
    // Only the owner mints.
    let mint = draft(
        &chain,
        &report,
        1,
        Op::Mint {
            to: alice,
            amount: 1,
        },
    );
    let v = check_draft(&chain, &report.state, &[], &mint);
    assert_eq!(
        v.iter().map(|x| x.rule).collect::<Vec<_>>(),
        [Rule::Unauthorized]
    );
}

#[test]
fn amounts_parse_with_decimals() {
    assert_eq!(parse_units("10,000", 2), Some(1_000_000));
    assert_eq!(parse_units("5,0000", 6), Some(50_000_000_000));
    assert_eq!(parse_units("234.581", 2), None);
}

fn harness_with(chain: Chain) -> Harness<'static, TokenLensApp> {
    let mut h = harness();
    h.state_mut().ledger.chain.set_chain(chain);
    h
}

#[test]
fn a_block_after_an_invalid_one_says_which_it_extends() {
    let mut chain = build_demo(&DemoParams::default()).unwrap();
    chain.blocks[1].hash = tokenlens::ledger::H256::ZERO;
    let mut h = harness_with(chain);
    settle(&mut h);
    h.get_by_label("Block 1 · invalid");
    h.get_by_label("Block 2 · extends invalid block 1");
    h.get_by_label("Block 3 · extends invalid block 1");
    assert!(count(&h, "hash-mismatch:") == 1, "named once");
}

#[test]
fn mining_shows_progress_and_can_be_cancelled() {
    let mut chain = build_demo(&DemoParams::default()).unwrap();
    chain.difficulty_bits = 40;
    let nonce = chain.blocks[0].nonce;
    let mut h = harness_with(chain);
    settle(&mut h);
    h.get_by_label("Mine block 0").click();
    h.run_steps(2);
    crate::ui::settle_until(&mut h, "mining progress shows", |h| {
        h.query_by_label_contains("hashes/s").is_some()
    });
    assert!(h.state().ledger.chain.busy(), "still mining");
    h.get_by_label("Cancel mining").click();
    settle(&mut h);
    h.get_by_label("Mining cancelled.");
    let chain = h.state().ledger.chain.chain().unwrap();
    assert_eq!(chain.blocks[0].nonce, nonce, "nonce untouched");
    assert_eq!(chain.blocks[0].bits, 40, "raised to the chain's difficulty");
}

#[test]
fn a_big_chain_validates_in_the_background() {
    let params = DemoParams {
        blocks: 100,
        tx_per_block: 25,
        difficulty_bits: 4,
        ..DemoParams::default()
    };
    let chain = build_demo(&params).unwrap();
    let mut h = harness_with(chain);
    h.step();
    assert!(h.state().ledger.chain.validating(), "on the worker");
    settle(&mut h);
    h.get_by_label("Chain valid: 100 blocks, 2500 transactions");
    // A long chain's strip is a count, not 100 buttons.
    h.get_by_label("all 100 valid");
    type_into(&mut h, "Block 0 tx 0 amount", "0");
    settle(&mut h);
    h.get_by_label("Block 0 · invalid");
    h.get_by_label_contains("Chain invalid:");
    h.get_by_label("#0 invalid");
}

#[test]
fn the_panels_show_balances_supply_nfts_the_asset_and_events() {
    let mut h = harness();
    settle(&mut h);
    h.get_by_label("Supply: 40,000 LENS");
    h.get_by_label("Lens Coin (LENS), 2 decimals");
    for section in [
        "NFT gallery (ERC-721)",
        "Real-world asset (ERC-3643)",
        "Event log",
    ] {
        h.get_by_label(section).click();
        h.run_steps(2);
    }
    h.get_by_label("#1");
    h.get_by_label("Identity registry");
    h.get_by_label("Supply: 15,000 TBILL");
    assert!(count(&h, "transfer(") >= 4, "events listed");
}

#[test]
fn a_dropped_ledger_file_opens_in_the_chain_view() {
    use tokenlens::ui::ledger::LedgerTab;
    let chain = build_demo(&DemoParams::default()).unwrap();
    let text = store::to_json(&chain);
    assert!(LedgerTab::wants_file("chain.json", text.as_bytes()), "ours");
    assert!(
        !LedgerTab::wants_file("tokenizer.json", b"{\"model\": {}}"),
        "not ours"
    );
    let mut h = harness();
    settle(&mut h);
    h.state_mut()
        .ledger
        .open_dropped("broken.json", b"{\n  \"format\": 1\n");
    settle(&mut h);
    h.get_by_label_contains("line 2");
    h.state_mut()
        .ledger
        .open_dropped("chain.json", text.as_bytes());
    settle(&mut h);
    h.get_by_label("Loaded chain.json");
    assert_eq!(h.state().ledger.chain.chain(), Some(&chain), "opened");
}

mod peers_and_files;
