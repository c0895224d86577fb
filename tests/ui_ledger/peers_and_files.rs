//! The Crypto tab's Peers view, dropped files and the bytes-to-form link.

use super::*;

#[test]
fn a_ledger_file_dropped_on_any_tab_opens_the_crypto_tab() {
    let chain = build_demo(&DemoParams::default()).unwrap();
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ui-ledger-drop");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("dropped-chain.json");
    store::save(&chain, &path).unwrap();
    let mut h = harness();
    h.state_mut().tab = Tab::Overview;
    h.run_steps(2);
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(crate::ui::DroppedPath(path)));
    h.run_steps(2);
    settle(&mut h);
    assert_eq!(
        h.state().tab,
        Tab::Crypto,
        "a saved ledger opens the Crypto tab"
    );
    assert_eq!(h.state().ledger.chain.chain(), Some(&chain));
}

#[test]
fn clicking_a_field_in_the_bytes_links_its_form_input() {
    let mut h = harness();
    settle(&mut h);
    h.get_by_label("Block 0 header bytes").click();
    h.run_steps(3);
    let rect = h.get_by_label_contains("54 4c 42 31").rect();
    // "54 4c 42 31 " is the magic; the index's 8 bytes are the next 23 characters: aim at their middle.
    let font = egui::TextStyle::Monospace.resolve(&h.ctx.global_style());
    let char_w = h.ctx.fonts_mut(|f| f.glyph_width(&font, 'M'));
    let at = egui::pos2(rect.min.x + 4.0 + 24.0 * char_w, rect.min.y + 8.0);
    h.hover_at(at);
    h.step();
    h.drag_at(at);
    h.drop_at(at);
    h.run_steps(2);
    let linked = h.state().ledger.chain.linked_field();
    assert_eq!(
        linked,
        Some((tokenlens::ui::ledger::Sel { block: 0, tx: None }, "index")),
        "the index input is outlined"
    );
}

#[test]
fn removing_or_replaying_a_transaction_is_caught() {
    let mut h = harness();
    settle(&mut h);
    h.get_by_label("Raw (change only this field)").click();
    h.run_steps(2);
    h.get_by_label("Block 3 tx 3 remove").click();
    settle(&mut h);
    assert_eq!(
        rules_of(&h, 3),
        [Rule::BadMerkleRoot],
        "root no longer matches"
    );
    h.get_by_label("Cascade (recompute roots and links, like Anders)")
        .click();
    h.run_steps(2);
    h.get_by_label("Block 2 copy last tx").click();
    settle(&mut h);
    let r2 = rules_of(&h, 2);
    assert!(
        r2.contains(&Rule::BadNonce),
        "the replay is caught by its nonce: {r2:?}"
    );
    assert!(r2.contains(&Rule::BelowTarget), "{r2:?}");
    assert!(
        !r2.contains(&Rule::BadMerkleRoot),
        "cascade recomputed the root: {r2:?}"
    );
}

#[test]
fn the_peers_view_walks_through_the_double_spend_lesson_and_allows_free_play() {
    let mut h = harness();
    h.run_steps(2);
    h.get_by_label("Peers").click();
    h.run_steps(3);
    assert_eq!(h.state().ledger.peers.step(), (0, 6));
    h.get_by_label_contains("Step 1 of 6");
    let next = |h: &mut Harness<'_, TokenLensApp>| {
        h.get_by_label("Next step ▶").click();
        h.run_steps(2);
    };
    next(&mut h);
    assert!(
        count(&h, "adopted the chain it was sent") >= 2,
        "the honest payment spreads"
    );
    next(&mut h);
    h.get_by_label_contains("Step 3 of 6");
    assert!(
        count(&h, "refused the chain it was sent: insufficient-balance") >= 2,
        "spending twice is refused"
    );
    next(&mut h);
    assert!(
        count(&h, "kept its own chain") >= 2,
        "an equal-length rewrite is not adopted"
    );
    next(&mut h);
    next(&mut h);
    assert!(
        count(&h, "refused the chain it was sent: bad-signature") >= 2,
        "a changed signed payment is refused"
    );
    // Free play: peer A mines one more block and broadcasts it; the others adopt the longer valid chain.
    h.get_all_by_label("Mine a block").next().unwrap().click();
    h.run_steps(2);
    h.get_all_by_label("Broadcast").next().unwrap().click();
    h.run_steps(2);
    h.get_by_label_contains("Free play");
    assert!(
        count(&h, "adopted the chain it was sent") >= 2,
        "{:?}",
        h.state().ledger.peers.peers().len()
    );
    let peers = h.state().ledger.peers.peers();
    assert!(
        peers.iter().all(|p| p.chain == peers[0].chain),
        "everyone holds the same chain"
    );
    h.get_by_label("Restart the lesson").click();
    h.run_steps(2);
    assert_eq!(h.state().ledger.peers.step(), (0, 6));
    // The learner's own chain from the Chain view, copied to every peer.
    let own = h
        .state()
        .ledger
        .chain
        .chain()
        .cloned()
        .expect("the Chain view built its demo chain");
    h.get_by_label("Give every peer the Chain view's chain")
        .click();
    h.run_steps(2);
    assert!(
        h.state()
            .ledger
            .peers
            .peers()
            .iter()
            .all(|p| p.chain == own)
    );
}

#[test]
fn editing_a_signature_names_bad_signature() {
    let mut h = harness();
    settle(&mut h);
    let sig = h.state().ledger.chain.chain().unwrap().blocks[2].txs[0].signature;
    // The caret sits at the end: replace the recovery id byte (v), so another key recovers.
    h.get_by_label("Block 2 tx 0 signature").focus();
    h.run_steps(2);
    h.key_press(egui::Key::End);
    h.key_press(egui::Key::Backspace);
    h.key_press(egui::Key::Backspace);
    h.run_steps(1);
    let v = if sig.0[64] == 0 { "01" } else { "00" };
    h.get_by_label("Block 2 tx 0 signature").type_text(v);
    h.run_steps(2);
    settle(&mut h);
    let edited = h.state().ledger.chain.chain().unwrap().blocks[2].txs[0].signature;
    assert_ne!(edited, sig, "the signature was edited");
    assert!(
        rules_of(&h, 2).contains(&Rule::BadSignature),
        "{:?}",
        rules_of(&h, 2)
    );
}
