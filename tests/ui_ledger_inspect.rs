//! The Crypto tab's Inspect and Classic views driven headless through AccessKit labels with egui_kittest: decode a
//! real transaction, an address with a wrong checksum and garbage; mine, tamper with and check Anders' classic pages.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tokenlens::app::{Tab, TokenLensApp};

use crate::ui::harness;

const USDT_TX: &str = "02f8b2018207a984010bef3384780f481a8301482094dac17f958d2ee523a2206206994597c13d831ec780b844a9059cbb000000000000000000000000a29e963992597b21bcdcaa969d571984869c4ff50000000000000000000000000000000000000000000000000000008e06d55400c080a063ec94403b94ef380a4c4c31b3df991ca456d84943f53e6d207d57d697a8ee98a01631a9ad2884defacfa06eca1d8cfc04c26b119f206a72006e8b0f1802ceab9f";

fn crypto_view(view: &str) -> Harness<'static, TokenLensApp> {
    let mut app = TokenLensApp::default();
    app.tab = Tab::Crypto;
    let mut h = harness(app);
    h.run();
    h.get_by_role_and_label(Role::Button, view).click();
    h.run();
    h
}

fn paste(h: &mut Harness<'_, TokenLensApp>, text: &str) {
    h.get_by_label("Ethereum data").focus();
    h.run();
    h.get_by_label("Ethereum data").type_text(text);
    h.run();
}

#[test]
fn a_raw_usdt_transaction_shows_sender_amount_and_hash() {
    let mut h = crypto_view("Inspect Ethereum data");
    paste(&mut h, USDT_TX);
    let ins = h.state().ledger.inspect.inspection().expect("decoded");
    assert!(ins.is_valid());
    h.get_by_label("Raw transaction");
    // The sender as the core prints it (EIP-55), recovered from r, s and the signing hash.
    h.get_by_label("0x3cB27aBe5D9Ef37f9866626c70624185a0e70142");
    assert!(
        !h.get_all_by_label_contains("610000 USDT")
            .collect::<Vec<_>>()
            .is_empty(),
        "the amount in whole USDT"
    );
    h.get_by_label("0x5841ee016fb03c5b8f7753342564e52b344771d94b6c17cbaa89a5fafd448453");
    h.get_by_label("0x02 · EIP-1559");
}

#[test]
fn a_wrong_case_address_shows_the_invalid_checksum_and_the_fix() {
    let mut h = crypto_view("Inspect Ethereum data");
    // EIP-55's 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed with the last letter's case flipped.
    paste(&mut h, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD");
    h.get_by_label("Address");
    h.get_by_label_contains("Invalid EIP-55 checksum: 1 letter(s)");
    // The fixed address, in the verdict and in the field table.
    assert_eq!(
        h.get_all_by_label("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
            .count(),
        2
    );
    h.get_by_label("Checksummed:");
    let ins = h.state().ledger.inspect.inspection().expect("decoded");
    assert!(!ins.is_valid());
}

#[test]
fn garbage_shows_an_error_naming_the_offset() {
    let mut h = crypto_view("Inspect Ethereum data");
    paste(&mut h, "0x12zz");
    assert!(h.state().ledger.inspect.error().is_some());
    h.get_by_label_contains("at byte 4 is not a hex digit");
    h.get_by_label("At byte 4:");
}

#[test]
fn example_buttons_load_the_research_vectors() {
    let mut h = crypto_view("Inspect Ethereum data");
    h.get_by_label("EIP-155 example tx").click();
    h.run();
    // docs/research/ledger.md §4.6: key 0x46…46 signs it.
    h.get_by_label("0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F");
    h.get_by_label("USDT transfer calldata").click();
    h.run();
    h.get_by_label("Calldata");
    h.get_by_label("Token decimals").focus();
    h.run();
    h.get_by_label("Token decimals").type_text("6");
    h.run();
    assert!(
        h.get_all_by_label("1758000000 = 1758 tokens (6 decimals)")
            .count()
            >= 1
    );
}

fn classic_page(page: &str) -> Harness<'static, TokenLensApp> {
    let mut h = crypto_view("Classic demo");
    h.get_by_role_and_label(Role::Button, page).click();
    h.run();
    h
}

/// Step until the miner is done (a debug build mines 72608 nonces in well under a second).
fn settle_mining(h: &mut Harness<'_, TokenLensApp>) {
    crate::ui::settle_until(h, "the miner finishes", |h| {
        !h.state().ledger.classic.is_mining()
    });
    h.run();
}

#[test]
fn classic_block_page_mines_from_zero_to_72608() {
    let mut h = classic_page("Block");
    h.get_by_label("Block 1 ✔ the hash meets the target");
    h.get_by_label("Nonce:").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Nonce:").type_text("0");
    h.run();
    let block = &h.state().ledger.classic.scenario().peers[0].blocks[0];
    assert_eq!(block.nonce, "0");
    h.get_by_label("Block 1 × the hash does not meet the target");
    h.get_by_label("Mine").click();
    h.step();
    settle_mining(&mut h);
    let classic = &h.state().ledger.classic;
    assert_eq!(classic.scenario().peers[0].blocks[0].nonce, "72608");
    assert!(classic.reports()[0][0].meets_difficulty);
    h.get_by_label("Block 1 ✔ the hash meets the target");
    h.get_by_label_contains("Mined: nonce 72608 after 72609 attempts");
    h.get_by_label("0000f727854b50bb95c054b39c1fe5c92e5ebcfa4bcb5dc279f56aa96a365e5a");
}

#[test]
fn classic_editing_block_2_breaks_blocks_2_to_5() {
    let mut h = classic_page("Blockchain");
    assert!(
        h.state().ledger.classic.reports()[0]
            .iter()
            .all(|r| r.meets_difficulty)
    );
    let data = h.get_all_by_label("Data:").nth(1).expect("block 2's data");
    data.focus();
    h.run();
    h.get_all_by_label("Data:").nth(1).unwrap().type_text("x");
    h.run();
    let classic = &h.state().ledger.classic;
    assert_eq!(classic.scenario().peers[0].blocks[1].data, "x");
    let valid: Vec<bool> = classic.reports()[0]
        .iter()
        .map(|r| r.meets_difficulty)
        .collect();
    assert_eq!(valid, [true, false, false, false, false]);
    // Anders' cascade copied block 2's new hash into block 3's Prev.
    assert_eq!(
        classic.scenario().peers[0].blocks[2].prev,
        classic.reports()[0][1].hash_hex
    );
    h.get_by_label("Block 1 ✔ the hash meets the target");
    for n in 2..=5 {
        h.get_by_label(&format!("Block {n} × the hash does not meet the target"));
    }
    // The Quirks panel's separator collision.
    h.get_by_label_contains("Both texts are the same");
}

#[test]
fn classic_signed_page_verifies_14_signatures_and_marks_high_s() {
    let mut h = classic_page("Signed");
    for peer in ["A", "B", "C"] {
        h.get_by_label(&format!(
            "Peer {peer}: 14 signatures, 14 valid (8 with a high S, normalized)"
        ));
    }
    assert_eq!(
        h.get_all_by_label("✔ valid (high S, normalized)").count(),
        3 * 8
    );
    assert_eq!(h.get_all_by_label("✔ valid").count(), 3 * 6);
    assert_eq!(h.query_all_by_label("× invalid").count(), 0);
    // Block 1 has only its coinbase; block 2's first row shows the ASCII-hex prehash.
    h.get_by_label_contains("has no signed rows");
    h.get_all_by_label("Hashed text").nth(1).unwrap().click();
    h.run();
    h.get_by_label("The signature quirk, on the first row");
    h.get_by_label_contains("Really signed");
}

#[test]
fn classic_distributed_page_compares_the_peers_tips() {
    let mut h = classic_page("Distributed");
    assert_eq!(h.get_all_by_label("all peers agree").count(), 3);
    // Peer B's block 5 is the 10th "Data:" box (peers A, B, C side by side, five blocks each).
    h.get_all_by_label("Data:").nth(9).unwrap().focus();
    h.run();
    h.get_all_by_label("Data:").nth(9).unwrap().type_text("x");
    h.run();
    assert_eq!(
        h.state().ledger.classic.scenario().peers[1].blocks[4].data,
        "x"
    );
    h.get_by_label("Peer B · Block 5 × the hash does not meet the target");
    h.get_by_label("agrees with 0 of 2 other peers");
    assert_eq!(
        h.get_all_by_label("agrees with 1 of 2 other peers").count(),
        2
    );
}

#[test]
fn a_megabyte_input_is_decoded_on_the_worker_and_its_error_shown() {
    let mut h = crypto_view("Inspect Ethereum data");
    h.state_mut().ledger.inspect.set_input("ab".repeat(600_000));
    crate::ui::settle_until(&mut h, "the input is decoded", |h| {
        !h.state().ledger.inspect.busy()
    });
    h.run();
    assert!(h.state().ledger.inspect.error().is_some());
    h.get_by_label_contains("600000 bytes of hex that are not an address");
    // The editor keeps its height and shows the rows on screen.
    let editor = h.get_by_label("Ethereum data");
    assert!(editor.rect().height() < 300.0);
}

#[test]
fn a_high_s_signature_is_shown_red_with_the_reason() {
    let mut h = crypto_view("Inspect Ethereum data");
    // The EIP-155 example with s replaced by n − s and v flipped (37 → 38): the malleated twin EIP-2 forbids.
    paste(
        &mut h,
        "f86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008026a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a098341627668089e51348fccfb4c7ff31c55912f2d2e47ef09652acf665fad3be",
    );
    let ins = h.state().ledger.inspect.inspection().expect("decoded");
    assert!(!ins.is_valid());
    h.get_by_label("not valid");
    h.get_by_label("Invalid signature: high S");
    assert!(
        h.get_all_by_label_contains("EIP-2 forbids").count() >= 2,
        "the reason, next to the sender and as the problem"
    );
}

#[test]
fn classic_mining_in_slow_motion_can_be_cancelled() {
    let mut h = classic_page("Block");
    h.get_by_label("Slow motion").click();
    h.run();
    h.get_by_label("Mine").click();
    h.step();
    for _ in 0..4 {
        std::thread::sleep(std::time::Duration::from_millis(30));
        h.step();
    }
    assert!(
        h.state().ledger.classic.is_mining(),
        "slow motion is still mining"
    );
    h.get_by_label_contains("Mining…");
    h.get_by_label("Cancel").click();
    h.step();
    settle_mining(&mut h);
    h.get_by_label_contains("Mining cancelled after");
    let nonce: u64 = h.state().ledger.classic.scenario().peers[0].blocks[0]
        .nonce
        .parse()
        .unwrap();
    assert!(nonce < 72608, "stopped early, at {nonce}");
    h.get_by_label("Block 1 × the hash does not meet the target");
}

#[test]
fn hovering_a_field_row_links_it_to_its_bytes() {
    let mut h = crypto_view("Inspect Ethereum data");
    h.get_by_label("EIP-55 address").click();
    h.run();
    assert_eq!(h.state().ledger.inspect.active_field(), None);
    let row = h.get_by_label("checksum").rect();
    h.hover_at(row.center());
    h.run();
    assert_eq!(h.state().ledger.inspect.active_field(), Some(1));
}
