//! Anders Brownworth's classic demo, reproduced: the page presets hash to his own preset hashes (each block's hash is
//! the next block's shipped Prev) and to the vectors of docs/research/ledger.md §4.1–§4.2; mining, the chain cascade, the
//! signed rows and their quirks, serde.

mod signed;

use std::sync::atomic::AtomicBool;

use tokenlens::ledger::classic::{
    ClassicBlock, ClassicScenario, Difficulty, Field, MineOutcome, PROGRESS_EVERY, Page, ZERO_PREV,
    check_chain, hash, hash_hex, hash_text, mine, peers, preset, quirks, separator_collision,
    to_spanned, update_chain,
};
use tokenlens::text::SpanKind;

/// docs/research/ledger.md §4.1: the five Blockchain-page hashes.
const BLOCKCHAIN_HASHES: [&str; 5] = [
    "000015783b764259d382017d91a36d206d0600e2cbb3567748f46a33fe9297cf",
    "000012fa9b916eb9078f8d98a7864e697ae83ed54f5146bd84452cdafd043c19",
    "0000b9015ce2a08b61216ba5a0778545bf4ddd7ceb7bbd85dd8062b29a9140bf",
    "0000ae8bbc96cf89c68be6e10a865cc47c6c48a9ebec3c6cad729646cefaef83",
    "0000e4b9052fd8aae92a8afda42e2ea0f17972ea67cead67352e74dd6f7d217c",
];

fn no_cancel() -> AtomicBool {
    AtomicBool::new(false)
}

/// Anders ships each block's hash as the next block's Prev: that is the expected value for every block but the last.
fn assert_links_like_anders(page: Page) {
    let chain = preset(page);
    let difficulty = Difficulty::for_page(page);
    for (k, pair) in chain.windows(2).enumerate() {
        assert_eq!(
            hash_hex(&pair[0], page),
            pair[1].prev,
            "{page} block {}",
            k + 1
        );
    }
    for (k, block) in chain.iter().enumerate() {
        assert!(
            difficulty.is_met(&hash(block, page)),
            "{page} block {} is mined",
            k + 1
        );
    }
    assert_eq!(
        chain[0].prev, ZERO_PREV,
        "{page}: block 1 points at 64 zeros"
    );
}

#[test]
fn hash_page_is_plain_sha256() {
    // docs/research/ledger.md §4.3 (FIPS 180 examples).
    let mut block = preset(Page::Hash).remove(0);
    assert_eq!(
        hash_hex(&block, Page::Hash),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    block.data = "abc".into();
    assert_eq!(hash_text(&block, Page::Hash).text, "abc");
    assert_eq!(
        hash_hex(&block, Page::Hash),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    let outcome = mine(
        &mut block,
        Page::Hash,
        &Difficulty::default(),
        &no_cancel(),
        |_| {},
    );
    assert_eq!(
        outcome,
        MineOutcome::NoNonce,
        "the Hash page has nothing to mine"
    );
}

#[test]
fn block_page_preset_and_readme_difficulty_six() {
    let block = preset(Page::Block).remove(0);
    assert_eq!(hash_text(&block, Page::Block).text, "172608");
    assert_eq!(
        hash_hex(&block, Page::Block),
        "0000f727854b50bb95c054b39c1fe5c92e5ebcfa4bcb5dc279f56aa96a365e5a"
    );
    assert!(Difficulty::default().is_met(&hash(&block, Page::Block)));
    // Anders' README: with 6 zeros the first nonce that works is 8719932.
    let six = ClassicBlock {
        nonce: "8719932".into(),
        ..block.clone()
    };
    assert_eq!(
        hash_hex(&six, Page::Block),
        "000000669445c22167511857d8f3b822b331c3342f25dfdcb326e35c1a7aa267"
    );
    assert!(Difficulty::anders(6, 15).is_met(&hash(&six, Page::Block)));
    assert!(!Difficulty::anders(6, 15).is_met(&hash(&block, Page::Block)));
}

#[test]
fn mining_from_zero_stops_at_72608_and_changes_only_the_nonce() {
    let mut block = preset(Page::Block).remove(0);
    block.nonce = "0".into();
    block.data.clear();
    let before = block.clone();
    let mut reports = Vec::new();
    let outcome = mine(
        &mut block,
        Page::Block,
        &Difficulty::default(),
        &no_cancel(),
        |n| {
            reports.push(n);
        },
    );
    assert_eq!(
        outcome,
        MineOutcome::Found {
            nonce: 72608,
            attempts: 72609,
            hash_hex: "0000f727854b50bb95c054b39c1fe5c92e5ebcfa4bcb5dc279f56aa96a365e5a".into()
        }
    );
    assert_eq!(block.nonce, "72608");
    assert_eq!(
        ClassicBlock {
            nonce: "0".into(),
            ..block
        },
        before,
        "issue #2: only the nonce changes"
    );
    assert!(
        reports.windows(2).all(|w| w[0] < w[1]),
        "progress only grows"
    );
    assert_eq!(reports.last(), Some(&72609));
    assert_eq!(reports.len() as u64, 72608 / PROGRESS_EVERY + 1);
}

#[test]
fn mining_gives_up_at_maximum_nonce_and_can_be_cancelled() {
    let mut block = preset(Page::Block).remove(0);
    // 72608 is the first nonce that works, so nothing up to 1000 does.
    let small = Difficulty {
        maximum_nonce: 1000,
        ..Difficulty::default()
    };
    let outcome = mine(&mut block, Page::Block, &small, &no_cancel(), |_| {});
    assert_eq!(
        outcome,
        MineOutcome::Exhausted {
            attempts: 1001,
            maximum_nonce: 1000
        }
    );
    assert_eq!(
        block.nonce, "1000",
        "the page leaves the last nonce tried in the field"
    );

    let cancel = AtomicBool::new(true);
    let outcome = mine(
        &mut block,
        Page::Block,
        &Difficulty::default(),
        &cancel,
        |_| {},
    );
    assert_eq!(
        outcome,
        MineOutcome::Cancelled {
            attempts: PROGRESS_EVERY
        }
    );
    assert_eq!(block.nonce, (PROGRESS_EVERY - 1).to_string());
}

#[test]
fn difficulty_matches_the_pages() {
    let d = Difficulty::default();
    assert_eq!(
        (d.major, d.minor, d.maximum_nonce),
        (4, 15, 524_288),
        "research §1.1: 8·16⁴"
    );
    assert_eq!(d.pattern(), "0000f");
    assert_eq!(Difficulty::for_page(Page::Signed).maximum_nonce, 500_000);
    assert!(d.is_met_by_hex("0000f727854b50bb"));
    assert!(!d.is_met_by_hex("00010000"));
    // PR #110: minor 7 allows 0000 followed by 0–7 only.
    let fine = Difficulty::anders(4, 7);
    assert!(!fine.is_met_by_hex("0000f727854b50bb"));
    assert!(fine.is_met_by_hex("00007fff"));
    assert!(!fine.is_met_by_hex("00008000"));
    assert_eq!(fine.maximum_nonce, 524_288 * 2);
    assert_eq!(Difficulty::anders(4, 0).maximum_nonce, 524_288 * 16);
    // "4 zeros" is "below 2^240": byte 1 holds 0x01.
    let mut target = [0u8; 32];
    target[1] = 1;
    assert_eq!(d.target(), target);
    target[1] = 0;
    target[2] = 0x80;
    assert_eq!(fine.target(), target);
}

#[test]
fn blockchain_and_distributed_presets_hash_to_the_vectors() {
    for page in [Page::Blockchain, Page::Distributed] {
        let chain = preset(page);
        let got: Vec<String> = chain.iter().map(|b| hash_hex(b, page)).collect();
        assert_eq!(got, BLOCKCHAIN_HASHES, "{page}");
        assert_eq!(
            hash_text(&chain[0], page).text,
            format!("111316{ZERO_PREV}"),
            "number + nonce + data + prev"
        );
        assert_links_like_anders(page);
    }
    let scenario = ClassicScenario::preset(Page::Distributed);
    assert_eq!(scenario.peers.len(), 3);
    let tips = scenario.tip_hashes();
    assert!(
        tips.iter()
            .all(|t| t.as_deref() == Some(BLOCKCHAIN_HASHES[4]))
    );
}

#[test]
fn tokens_and_coinbase_presets_link_like_anders() {
    let tokens = preset(Page::Tokens);
    assert!(
        hash_text(&tokens[0], Page::Tokens)
            .text
            .starts_with("113935825.00DarcyBingley4.27Elizabeth")
    );
    assert_eq!(
        hash_hex(&tokens[0], Page::Tokens),
        "00000c52990ee86de55ec4b9b32beefd745d71675dc0eddfbc7b88336e2e296b"
    );
    assert_links_like_anders(Page::Tokens);

    let coinbase = preset(Page::Coinbase);
    assert_eq!(
        hash_text(&coinbase[0], Page::Coinbase).text,
        format!("116651100.00Anders{ZERO_PREV}")
    );
    assert_eq!(
        hash_hex(&coinbase[0], Page::Coinbase),
        "0000438d7625b86a6f366545b1929975a0d3ff1f8847e56cc587cadddb0ab781"
    );
    assert_links_like_anders(Page::Coinbase);
    assert_links_like_anders(Page::Signed);
    for page in [Page::Tokens, Page::Coinbase, Page::Signed] {
        assert_eq!(peers(page).len(), 3, "{page}: peers A, B, C");
    }
}

#[test]
fn editing_cascades_and_remining_heals_one_block_at_a_time() {
    let page = Page::Blockchain;
    let d = Difficulty::default();
    let mut chain = preset(page);
    let reports = update_chain(&mut chain, 0, page, &d);
    assert_eq!(chain, preset(page), "an untouched chain stays as shipped");
    assert!(reports.iter().all(|r| r.all_good()));

    chain[1].data = "Alice pays Bob".into();
    let reports = update_chain(&mut chain, 1, page, &d);
    assert!(reports[0].meets_difficulty);
    assert!(
        reports[1..].iter().all(|r| !r.meets_difficulty),
        "block 2 and all after it turn red"
    );
    assert_eq!(
        chain[0],
        preset(page)[0],
        "blocks before the edit are untouched"
    );
    for k in 1..5 {
        assert_eq!(
            chain[k].prev,
            reports[k - 1].hash_hex,
            "block {} got the new Prev",
            k + 1
        );
        assert_eq!(reports[k].prev_links, Some(true));
    }

    let outcome = mine(&mut chain[1], page, &d, &no_cancel(), |_| {});
    assert!(matches!(outcome, MineOutcome::Found { .. }));
    let reports = update_chain(&mut chain, 1, page, &d);
    assert!(reports[1].meets_difficulty);
    assert!(
        !reports[2].meets_difficulty,
        "block 3 must be re-mined in turn"
    );

    // A hand-typed Prev (Tokens page) is reported as a broken link, which Anders leaves to the eye.
    let mut tokens = preset(Page::Tokens);
    tokens[2].prev = ZERO_PREV.into();
    let reports = check_chain(&tokens, Page::Tokens, &d);
    assert_eq!(reports[2].prev_links, Some(false));
    assert!(!reports[2].all_good());
}

#[test]
fn every_field_is_hashed_and_spanned() {
    // Issue #1: the first row was once left out. Change each field in turn: the hash must move.
    for page in Page::ALL {
        for (k, block) in preset(page).iter().enumerate() {
            let text = hash_text(block, page);
            let fields = block.fields(page);
            assert_eq!(text.fields.iter().map(|f| f.0).collect::<Vec<_>>(), fields);
            let mut end = 0;
            for (field, range) in &text.fields {
                assert_eq!(
                    range.start, end,
                    "{page} block {k}: {field:?} follows the previous field"
                );
                assert_eq!(&text.text[range.clone()], block.field(*field).unwrap());
                end = range.end;
            }
            assert_eq!(end, text.text.len(), "nothing but fields in the text");
            let original = hash(block, page);
            for field in fields {
                let mut edited = block.clone();
                edited.field_mut(field).unwrap().push('7');
                assert_ne!(
                    hash(&edited, page),
                    original,
                    "{page} block {k}: {field:?} is hashed"
                );
            }
            let spanned = to_spanned(block, page);
            assert_eq!(spanned.text(), text.text);
            assert_eq!(spanned.spans().len(), text.fields.len());
        }
    }
    let signed = &preset(Page::Signed)[1];
    let spanned = to_spanned(signed, Page::Signed);
    let kind = |label: &str| {
        spanned
            .spans()
            .iter()
            .find(|s| s.label() == label)
            .unwrap()
            .kind
    };
    assert_eq!(kind("nonce"), SpanKind::LedgerNonce);
    assert_eq!(kind("rows[0].value"), SpanKind::LedgerAmount);
    assert_eq!(kind("rows[0].from"), SpanKind::LedgerAddress);
    assert_eq!(kind("rows[3].seq"), SpanKind::LedgerNonce);
    assert_eq!(kind("rows[3].sig"), SpanKind::LedgerSignature);
    assert_eq!(kind("prev"), SpanKind::LedgerHash);
    assert_eq!(Field::Sig(3).name(), "rows[3].sig");
}

#[test]
fn no_separators_lets_two_blocks_share_a_hash() {
    let (a, b) = separator_collision();
    assert_ne!(a, b);
    assert_eq!((a.number.as_str(), a.nonce.as_str()), ("1", "11316"));
    assert_eq!((b.number.as_str(), b.nonce.as_str()), ("11", "1316"));
    let text = hash_text(&a, Page::Blockchain).text;
    assert!(text.starts_with("111316"));
    assert_eq!(text, hash_text(&b, Page::Blockchain).text);
    assert_eq!(hash(&a, Page::Blockchain), hash(&b, Page::Blockchain));
    // Block 1 of the shipped chain is exactly the first of the pair.
    assert_eq!(hash_hex(&a, Page::Blockchain), BLOCKCHAIN_HASHES[0]);
}

#[test]
fn quirks_cover_the_documented_shortcuts() {
    let ids: Vec<&str> = quirks().iter().map(|q| q.id).collect();
    for id in [
        "no-separators",
        "no-balance-check",
        "peers-by-eye",
        "ascii-hex-prehash",
        "high-s",
        "maximum-nonce",
        "first-row-unhashed",
        "mining-changed-data",
    ] {
        assert!(ids.contains(&id), "quirk {id}");
    }
    for q in quirks() {
        assert!(q.title.len() > 10 && q.explanation.len() > 80, "{}", q.id);
        assert!(q.source.contains("anders94/"), "{} names its source", q.id);
    }
    for (issue, id) in [
        ("#109", "no-balance-check"),
        ("#50", "peers-by-eye"),
        ("#108", "maximum-nonce"),
    ] {
        let q = quirks().iter().find(|q| q.id == id).unwrap();
        assert!(q.source.contains(issue), "{id} cites {issue}");
    }
}

#[test]
fn scenarios_round_trip_through_readable_json() {
    for page in Page::ALL {
        let mut scenario = ClassicScenario::preset(page);
        if let Some(block) = scenario.peers[0].blocks.last_mut() {
            block.data = "naïve \"quote\" 令牌\n".into();
        }
        let json = scenario.to_json().unwrap();
        assert_eq!(
            ClassicScenario::from_json(&json).unwrap(),
            scenario,
            "{page}"
        );
    }
    let json = ClassicScenario::preset(Page::Tokens).to_json().unwrap();
    assert!(json.contains("\"value\": \"25.00\""), "amounts stay text");
    assert!(json.contains("\"page\": \"tokens\""));
    assert!(ClassicScenario::from_json("{\"page\": \"nope\"}").is_err());
}

proptest::proptest! {
    #[test]
    fn any_edit_keeps_prev_links_after_the_cascade(
        block in 0usize..5,
        data in "\\PC{0,40}",
    ) {
        let page = Page::Blockchain;
        let mut chain = preset(page);
        chain[block].data = data;
        let reports = update_chain(&mut chain, block, page, &Difficulty::default());
        for k in 1..5 {
            proptest::prop_assert_eq!(reports[k].prev_links, Some(true));
            proptest::prop_assert_eq!(&chain[k].prev, &reports[k - 1].hash_hex);
        }
        let text = hash_text(&chain[block], page);
        let data_range = text.fields.iter().find(|f| f.0 == Field::Data).unwrap().1.clone();
        proptest::prop_assert_eq!(&text.text[data_range], chain[block].data.as_str());
    }
}
