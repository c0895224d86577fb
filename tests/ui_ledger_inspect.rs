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
    // research/ledger.md §4.6: key 0x46…46 signs it.
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
