//! Hostile ledger files, outside the signatures: every meaningful field is committed (the genesis record signs
//! the settings, token definitions and accounts, and block 0 links to it), so a one-character edit anywhere in a
//! saved file is reported, naming the block or section, or loads to the very same chain. Old-format files open
//! with a notice; bad amounts say what is wrong and where; sizes are capped with messages that name the cap.

use tokenlens::ledger::demo::{DemoParams, build_demo};
use tokenlens::ledger::genesis::seal_genesis;
use tokenlens::ledger::model::{Chain, FORMAT, FORMAT_V1};
use tokenlens::ledger::store::{
    MAX_ACCOUNTS, MAX_BLOCKS, MAX_TRANSACTIONS, from_json, legacy_notice, to_json,
};
use tokenlens::ledger::{Rule, Section, demo_key, validate};

use crate::cli_ai::run;

/// A small signed demo chain (3 accounts, 2 blocks of 2 transactions, 4 bits).
fn small() -> Chain {
    build_demo(&DemoParams {
        accounts: 3,
        blocks: 2,
        tx_per_block: 2,
        difficulty_bits: 4,
        seed: "meta".to_owned(),
        ..DemoParams::default()
    })
    .unwrap()
}

/// The sections named by the metadata problems of `chain`.
fn sections(chain: &Chain) -> Vec<Section> {
    validate(chain)
        .metadata_problems()
        .filter_map(|p| p.section)
        .collect()
}

fn temp(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("hostile_meta_{name}.json"))
}

const V1_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ledger_v1.json");

/// What a one-character edit did.
#[derive(Debug, Default)]
struct Tally {
    refused: usize,
    reported: usize,
    same: usize,
}

/// Judge the edited text: refused at load, reported by validation (naming a section when the edit lies before the
/// blocks), or the same chain as the original. Anything else is a silent change, and fails.
fn judge(original: &Chain, text: &str, at: usize, blocks_at: usize, tally: &mut Tally) {
    let Ok(chain) = from_json(text) else {
        tally.refused += 1;
        return;
    };
    if chain == *original {
        tally.same += 1;
        return;
    }
    let report = validate(&chain);
    let context = &text[at.saturating_sub(40)..(at + 40).min(text.len())];
    assert!(
        !report.is_valid(),
        "a silent edit at byte {at}: …{context}…"
    );
    if at < blocks_at {
        assert!(
            report.metadata_problems().count() > 0,
            "an edit before the blocks names a section (byte {at}: …{context}…): {:?}",
            report.problems
        );
    }
    for p in &report.problems {
        assert!(
            p.block < chain.blocks.len() || p.section.is_some(),
            "every problem names a block or a section: {p:?}"
        );
    }
    tally.reported += 1;
}

#[test]
fn every_digit_and_hex_character_edit_is_reported_or_meaningless() {
    let chain = small();
    let text = to_json(&chain);
    let blocks_at = text.find("\"blocks\"").unwrap();
    let mut tally = Tally::default();
    for (at, c) in text.char_indices() {
        let replacement = match c {
            '0'..='8' => char::from(c as u8 + 1),
            '9' => '0',
            'a'..='e' | 'A'..='E' => char::from(c as u8 + 1),
            'f' => 'a',
            'F' => 'A',
            _ => continue,
        };
        let mut edited = text.clone();
        edited.replace_range(at..=at, replacement.encode_utf8(&mut [0; 4]));
        judge(&chain, &edited, at, blocks_at, &mut tally);
    }
    // Hex case is meaningless only where nothing checks it: checksummed addresses refuse a wrong case.
    assert!(
        tally.reported > 1000 && tally.refused > 100,
        "{tally:?}: most edits are caught by validation, key names by the loader"
    );
    assert_eq!(
        tally.same, 0,
        "{tally:?}: no digit or hex edit is meaningless here"
    );
}

#[test]
fn letter_edits_in_names_symbols_labels_and_descriptions_name_their_section() {
    let chain = small();
    let text = to_json(&chain);
    for (from, to, section) in [
        ("\"Lens Coin\"", "\"Lens Coim\"", Section::Tokens),
        ("\"LENS\"", "\"LENZ\"", Section::Tokens),
        ("\"LART\"", "\"LARX\"", Section::Tokens),
        ("\"TBILL\"", "\"TBILT\"", Section::Tokens),
        ("claim on 1 USD", "claim on 1 EUR", Section::Tokens),
        ("3-month T-bill", "3-month T-bond", Section::Tokens),
        ("\"Alice\"", "\"Alics\"", Section::Accounts),
        ("\"Bob\"", "\"Rob\"", Section::Accounts),
        ("Demo chain", "Demo chaim", Section::Settings),
        (
            "\"demo_key_seed\": \"meta\"",
            "\"demo_key_seed\": \"mefa\"",
            Section::Settings,
        ),
    ] {
        assert!(text.contains(from), "{from} is in the file");
        let edited = from_json(&text.replacen(from, to, 1)).unwrap();
        assert!(
            sections(&edited).contains(&section),
            "{from} → {to} names {section:?}: {:?}",
            validate(&edited).problems
        );
    }
    // Whitespace and key order are meaningless: the same chain loads.
    let compact =
        serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&text).unwrap()).unwrap();
    assert_eq!(from_json(&compact).unwrap(), chain);
    let mut reordered: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&text).unwrap();
    let blocks = reordered.shift_remove("blocks").unwrap();
    let mut first = serde_json::Map::new();
    first.insert("blocks".to_owned(), blocks);
    first.extend(reordered);
    assert_eq!(
        from_json(&serde_json::to_string(&first).unwrap()).unwrap(),
        chain
    );
}

#[test]
fn decimals_difficulty_and_owner_edits_are_reported_and_block_zero_goes_red() {
    let chain = small();
    let mut decimals = chain.clone();
    decimals.tokens.erc20.decimals = 0;
    let report = validate(&decimals);
    assert_eq!(
        report.problems.len(),
        1,
        "one cause, one problem: {:?}",
        report.problems
    );
    let p = &report.problems[0];
    assert_eq!(
        (p.rule, p.section, p.block),
        (Rule::MetadataChanged, Some(Section::Tokens), 0)
    );
    assert!(
        p.message.to_string().contains("token definitions"),
        "{}",
        p.message
    );
    assert_eq!(report.first_invalid_block(), Some(0));

    let mut easier = chain.clone();
    easier.difficulty_bits = 1;
    assert_eq!(sections(&easier), vec![Section::Settings]);

    // A new owner breaks the tokens' hash, and the record is no longer signed by the owner.
    let mut owner = chain.clone();
    owner.tokens.owner = demo_key("meta", 2).address;
    let report = validate(&owner);
    assert!(
        report.problems.iter().any(|p| p.rule == Rule::BadGenesis),
        "{:?}",
        report.problems
    );

    // Re-signing the edit with another key than the owner's is refused outright.
    let mut forged = decimals.clone();
    assert!(seal_genesis(&mut forged, &demo_key("meta", 1)).is_err());

    // A record swapped in from another chain with the same owner: the signature holds, block 0's link does not.
    let mut other = build_demo(&DemoParams {
        accounts: 3,
        blocks: 0,
        difficulty_bits: 1,
        seed: "meta".to_owned(),
        ..DemoParams::default()
    })
    .unwrap();
    other.blocks = chain.blocks.clone();
    let report = validate(&other);
    assert!(
        report
            .block_problems(0)
            .iter()
            .any(|p| p.rule == Rule::BrokenLink),
        "{:?}",
        report.problems
    );
}

#[test]
fn labels_are_checked_against_their_demo_keys_even_when_the_owner_signs_them() {
    let mut chain = small();
    // Swap Alice's and Bob's labels and keys' addresses, and have the issuer sign the result.
    let (a, b) = (chain.accounts[1].address, chain.accounts[2].address);
    chain.accounts[1].address = b;
    chain.accounts[2].address = a;
    seal_genesis(&mut chain, &demo_key("meta", 0)).unwrap();
    tokenlens::ledger::mine::relink(&mut chain, 0);
    let report = validate(&chain);
    let mismatched: Vec<_> = report
        .metadata_problems()
        .filter(|p| p.rule == Rule::DemoKeyMismatch)
        .collect();
    assert_eq!(mismatched.len(), 2, "{:?}", report.problems);
    assert!(
        mismatched[0].message.to_string().contains("\"Alice\""),
        "{}",
        mismatched[0].message
    );
    assert_eq!(mismatched[0].section, Some(Section::Accounts));
}

#[test]
fn a_chain_without_its_record_is_refused_or_reported() {
    let chain = small();
    let text = to_json(&chain);
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json.as_object_mut().unwrap().remove("genesis");
    let e = from_json(&json.to_string()).unwrap_err().to_string();
    assert!(e.contains("genesis"), "{e}");
    let mut bare = chain.clone();
    bare.genesis = None;
    assert_eq!(sections(&bare), vec![Section::Genesis]);
    // Downgrading to the old format is caught too: block 0 still links to the record.
    let mut old = chain;
    FORMAT_V1.clone_into(&mut old.format);
    let report = validate(&old);
    assert!(
        report
            .block_problems(0)
            .iter()
            .any(|p| p.rule == Rule::BrokenLink),
        "{:?}",
        report.problems
    );
}

#[test]
fn old_format_files_open_with_a_notice_in_the_core_and_the_cli() {
    let text = std::fs::read_to_string(V1_FILE).unwrap();
    let chain = from_json(&text).unwrap();
    assert_eq!(chain.format, FORMAT_V1);
    assert!(!chain.metadata_protected());
    assert!(
        validate(&chain).is_valid(),
        "the old file is still a valid chain"
    );
    let notice = legacy_notice(&chain).unwrap();
    assert!(notice.to_string().contains("not protected"), "{notice}");
    assert!(legacy_notice(&small()).is_none());
    // Saved as it was read.
    assert_eq!(from_json(&to_json(&chain)).unwrap(), chain);

    let (code, out, err) = run(&["ledger", "verify", V1_FILE], None);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("notice") && err.contains("not protected"),
        "{err}"
    );
    let (code, out, _) = run(&["ledger", "verify", "--json", V1_FILE], None);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["metadata_protected"], false);
    assert_eq!(json["format"], FORMAT_V1);
    assert!(json["notice"].as_str().unwrap().contains("not protected"));
}

#[test]
fn the_cli_reports_tampered_metadata_and_exits_1() {
    let path = temp("decimals");
    let text = to_json(&small()).replacen("\"decimals\": 2", "\"decimals\": 0", 1);
    std::fs::write(&path, text).unwrap();
    let file = path.to_str().unwrap();
    let (code, out, err) = run(&["ledger", "verify", file], None);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("metadata tokens: metadata-changed:"), "{out}");
    assert!(
        out.starts_with("INVALID: 1 problem; first invalid block 0"),
        "one problem, in the singular: {out}"
    );
    let (code, out, _) = run(&["ledger", "verify", "--json", file], None);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["metadata_protected"], true);
    assert_eq!(json["format"], FORMAT);
    assert_eq!(json["problems"][0]["section"], "tokens");
    assert_eq!(json["problems"][0]["rule"], "metadata-changed");
}

#[test]
fn a_bad_amount_says_what_is_wrong_and_in_which_transaction() {
    let chain = small();
    let mut json: serde_json::Value = serde_json::from_str(&to_json(&chain)).unwrap();
    let tx = json["blocks"][1]["txs"][1].as_object().unwrap().clone();
    assert!(
        tx.contains_key("amount"),
        "the demo's block 1 tx 1 moves an amount: {tx:?}"
    );
    for (bad, why) in [
        (serde_json::json!("12x"), "only the digits 0–9"),
        (serde_json::json!("-5"), "negative"),
        (serde_json::json!(-5), "negative"),
        (serde_json::json!("1.5"), "not a whole number"),
        (serde_json::json!(1.5), "not a whole number"),
        (serde_json::json!(""), "empty"),
        (
            serde_json::json!("340282366920938463463374607431768211456"),
            "larger than 2^128",
        ),
        (serde_json::json!(true), "not a number or a string"),
        (serde_json::json!({"x": 1}), "not a number or a string"),
    ] {
        json["blocks"][1]["txs"][1]["amount"] = bad.clone();
        let e = from_json(&serde_json::to_string_pretty(&json).unwrap())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("block 1: transaction 1: amount") && e.contains(why),
            "{bad}: {e}"
        );
        assert!(!e.contains("untagged") && !e.contains("Either"), "{e}");
    }
    // A whole JSON number still reads (the signature then tells whether it is the signed one).
    json["blocks"][1]["txs"][1]["amount"] = tx["amount"]
        .as_str()
        .unwrap()
        .parse::<u64>()
        .unwrap()
        .into();
    assert_eq!(from_json(&json.to_string()).unwrap(), chain);
}

#[test]
fn counts_over_the_load_caps_are_refused_naming_the_cap() {
    let chain = small();
    let json: serde_json::Value = serde_json::from_str(&to_json(&chain)).unwrap();
    // Accounts: one over the cap.
    let mut many = json.clone();
    let account = json["accounts"][1].clone();
    many["accounts"] = serde_json::Value::Array(vec![account; MAX_ACCOUNTS + 1]);
    let e = from_json(&many.to_string()).unwrap_err().to_string();
    assert!(
        e.contains(&format!("more than {MAX_ACCOUNTS} accounts")),
        "{e}"
    );
    // Blocks: empty blocks, one over the cap.
    let mut block = json["blocks"][0].clone();
    block["txs"] = serde_json::json!([]);
    let mut many = json.clone();
    many["blocks"] = serde_json::Value::Array(vec![block; MAX_BLOCKS + 1]);
    let e = from_json(&many.to_string()).unwrap_err().to_string();
    assert!(e.contains(&format!("more than {MAX_BLOCKS} blocks")), "{e}");
    // Transactions: over all blocks, one over the cap.
    let tx = json["blocks"][0]["txs"][0].clone();
    let mut block = json["blocks"][0].clone();
    block["txs"] = serde_json::Value::Array(vec![tx; MAX_TRANSACTIONS / 2]);
    let mut tail = block.clone();
    tail["txs"]
        .as_array_mut()
        .unwrap()
        .push(json["blocks"][0]["txs"][0].clone());
    let mut many = json;
    many["blocks"] = serde_json::Value::Array(vec![block, tail]);
    let e = from_json(&many.to_string()).unwrap_err().to_string();
    assert!(
        e.contains(&format!("more than {MAX_TRANSACTIONS} transactions")),
        "{e}"
    );
}

#[test]
fn demo_sizes_over_the_caps_are_refused_at_once() {
    let out = temp("huge");
    let out = out.to_str().unwrap();
    for args in [
        ["--accounts", "4000000000"],
        ["--blocks", "4000000000"],
        ["--tx-per-block", "4000000000"],
    ] {
        let started = std::time::Instant::now();
        let (code, _, err) = run(&["ledger", "demo", "--out", out, args[0], args[1]], None);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(args[0]) && err.contains("capped at"), "{err}");
        assert!(started.elapsed().as_secs() < 10, "refused at once");
    }
    let (code, _, err) = run(
        &[
            "ledger",
            "demo",
            "--out",
            out,
            "--blocks",
            "10000",
            "--tx-per-block",
            "1000",
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains(&MAX_TRANSACTIONS.to_string()), "{err}");
    assert!(!std::path::Path::new(out).exists(), "nothing written");
}

#[test]
fn the_tab_shows_tampered_metadata_in_red_naming_the_section_and_the_old_format_notice() {
    use crate::ui_ledger::{count, harness, settle};
    use egui_kittest::kittest::Queryable as _;
    let mut h = harness();
    settle(&mut h);
    h.get_by_label_contains("Genesis record: the token definitions, accounts and settings are signed by the owner, Issuer");

    let mut chain = build_demo(&DemoParams::default()).unwrap();
    chain.tokens.erc20.decimals = 0;
    h.state_mut().ledger.chain.set_chain(chain);
    settle(&mut h);
    h.get_by_label_contains("Genesis record · token definitions (owner, names, symbols, decimals, what the asset is): metadata-changed:");
    h.get_by_label("Block 0 · invalid");
    h.get_by_label("Block 1 · extends invalid block 0");
    h.get_by_label("Chain invalid: 1 problem, in block 0");
    assert_eq!(count(&h, "signed by the owner"), 0, "no all-clear line");

    let old = from_json(&std::fs::read_to_string(V1_FILE).unwrap()).unwrap();
    h.state_mut().ledger.chain.set_chain(old);
    settle(&mut h);
    h.get_by_label_contains("Old format \"tokenlens-ledger/1\"");
    h.get_by_label_contains("Chain valid:");
}

#[test]
fn the_fast_demo_address_is_the_demo_keys_address() {
    for seed in ["meta", "tokenlens", ""] {
        for i in [0, 1, 7, 999, u32::MAX] {
            assert_eq!(
                tokenlens::ledger::keys::demo_address(seed, i),
                demo_key(seed, i).address,
                "{seed:?} {i}"
            );
        }
    }
}

#[test]
fn the_issuer_changes_the_difficulty_by_signing_again_and_every_block_is_mined_again() {
    use std::sync::atomic::{AtomicBool, AtomicU64};
    use tokenlens::ledger::genesis::owner_demo_key;
    use tokenlens::ledger::mine::{MineOutcome, mine, relink};
    // What the tab's Cascade mode does when the difficulty changes.
    let mut chain = small();
    chain.difficulty_bits = 6;
    let issuer = owner_demo_key(&chain).expect("the issuer is a demo key");
    seal_genesis(&mut chain, &issuer).unwrap();
    relink(&mut chain, 0);
    let report = validate(&chain);
    assert_eq!(
        report.metadata_problems().count(),
        0,
        "{:?}",
        report.problems
    );
    assert!(
        !report.is_valid(),
        "block 0's link changed, so its work is gone"
    );
    for i in 0..chain.blocks.len() {
        chain.blocks[i].bits = 6;
        relink(&mut chain, i);
        let found = mine(
            &chain.blocks[i],
            6,
            0,
            1,
            &AtomicBool::new(false),
            &AtomicU64::new(0),
        );
        let MineOutcome::Found { nonce, .. } = found else {
            panic!("{found:?}");
        };
        chain.blocks[i].nonce = nonce;
        relink(&mut chain, i);
    }
    let report = validate(&chain);
    assert!(report.is_valid(), "{:?}", report.problems);
}
