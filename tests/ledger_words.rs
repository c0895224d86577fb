//! The ledger core speaks no language: it returns words (`i18n::Words`, a catalogue key and its values) and typed
//! errors that make them (`i18n::Worded`), so a chain is validated, a file read or an input decoded once, and the
//! same result is then worded in any language. `Display` is English, whatever the language in use.

use tokenlens::i18n::{self, Lang, Worded as _};
use tokenlens::ledger::demo::{DemoParams, build_demo};
use tokenlens::ledger::{H256, Rule, Validator};
use tokenlens::text::Note;

/// Whether `text` holds a CJK ideograph.
fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Worded in English and in Chinese: both non-empty, different, and the Chinese one in Chinese.
fn both(w: &i18n::Words) -> (String, String) {
    let (en, zh) = (w.text_in(Lang::En), w.text_in(Lang::Zh));
    assert!(!en.trim().is_empty() && !zh.trim().is_empty(), "{w:?}");
    assert!(has_cjk(&zh), "Chinese words for {}: {zh:?}", w.key());
    assert!(!has_cjk(&en), "English words for {}: {en:?}", w.key());
    assert_ne!(en, zh, "{}", w.key());
    (en, zh)
}

#[test]
fn a_tampered_chain_is_validated_once_and_worded_in_both_languages() {
    let mut chain = build_demo(&DemoParams::default()).unwrap();
    // A stored hash that is not the header's, a replayed nonce, and tampered token metadata.
    chain.blocks[1].hash = H256::ZERO;
    chain.blocks[2].txs[0].nonce += 7;
    chain.tokens.erc20.decimals = 9;
    let report = Validator::new().validate(&chain);
    let rules: Vec<Rule> = report.problems.iter().map(|p| p.rule).collect();
    for rule in [
        Rule::HashMismatch,
        Rule::BadSignature,
        Rule::BadMerkleRoot,
        Rule::MetadataChanged,
    ] {
        assert!(rules.contains(&rule), "{rule:?} in {rules:?}");
    }
    // The same problems, worded in both languages with no new validation.
    let worded: Vec<(String, String)> = report.problems.iter().map(|p| both(&p.message)).collect();
    let hash = report
        .problems
        .iter()
        .position(|p| p.rule == Rule::HashMismatch)
        .unwrap();
    assert!(
        worded[hash].0.contains("the block says its hash is"),
        "{:?}",
        worded[hash]
    );
    assert!(
        worded[hash].1.contains("区块声称自己的哈希是"),
        "{:?}",
        worded[hash]
    );
    // Nested words (the section a metadata problem names, why a nonce is wrong) follow the language too.
    let meta = report
        .problems
        .iter()
        .find(|p| p.rule == Rule::MetadataChanged)
        .unwrap();
    let (en, zh) = both(&meta.message);
    assert!(en.contains("token definitions"), "{en}");
    assert!(!zh.contains("token definitions"), "no English inside: {zh}");
    // Display is the English words, whatever the thread's language: logs and the CLI stay English.
    let _lang = i18n::isolate_thread(Lang::Zh);
    assert_eq!(report.problems[hash].message.to_string(), worded[hash].0);
    assert_eq!(report.problems[hash].message.text(), worded[hash].1);
}

#[test]
fn the_cli_json_of_problems_is_english() {
    let mut chain = build_demo(&DemoParams::default()).unwrap();
    chain.blocks[1].hash = H256::ZERO;
    let report = Validator::new().validate(&chain);
    let _lang = i18n::isolate_thread(Lang::Zh);
    let json = serde_json::to_value(&report.problems[0]).unwrap();
    let message = json["message"].as_str().unwrap();
    assert_eq!(message, report.problems[0].message.text_in(Lang::En));
    assert!(!has_cjk(message), "{message}");
}

#[test]
fn errors_and_decoded_values_are_words_too() {
    use tokenlens::ledger::eth::{Address, inspect};
    use tokenlens::ledger::store::from_json;
    // A file in an unknown format.
    let mut chain = build_demo(&DemoParams {
        blocks: 1,
        ..DemoParams::default()
    })
    .unwrap();
    chain.format = "not-a-ledger".to_owned();
    let text = serde_json::to_string(&chain).unwrap();
    let err = from_json(&text).unwrap_err();
    let (en, _) = both(&err.words());
    assert_eq!(err.to_string(), en);
    assert!(en.contains("not-a-ledger"), "{en}");
    // A demo chain too small to build.
    let err = build_demo(&DemoParams {
        accounts: 1,
        ..DemoParams::default()
    })
    .unwrap_err();
    both(&err.words());
    // Pasted data that does not decode, and a decoded address whose checksum is wrong.
    let err = Address::parse("0x12g4").unwrap_err();
    both(&err.words());
    let err = inspect("0xa9059cbb00", None).unwrap_err();
    both(&err.words());
    let ins = inspect("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", None).unwrap();
    both(&ins.problem().unwrap());
    // Every span of the decoded input carries its detail in words, worded when shown; a wrongly cased digit is
    // labelled in words too.
    assert!(
        ins.text
            .spans()
            .iter()
            .all(|s| span_words(s.detail_note()).is_some())
    );
    let wrong = ins
        .text
        .spans()
        .iter()
        .find(|s| span_words(s.label_note()).is_some_and(|w| w.key() == "inspect.span.wrong_case"))
        .unwrap();
    both(&span_words(wrong.label_note()).unwrap());
    both(&span_words(wrong.detail_note()).unwrap());
}

/// The words a span keeps for `note` (its label or detail), if they are words and not text.
fn span_words(note: Option<&Note>) -> Option<i18n::Words> {
    note.and_then(Note::words).cloned()
}

#[test]
fn the_byte_views_spans_carry_words_worded_when_shown() {
    use tokenlens::ledger::classic::{Page, preset, to_spanned};
    let chain = build_demo(&DemoParams::default()).unwrap();
    let hex = tokenlens::ledger::bytes::tx_hex(&chain, &chain.blocks[1].txs[0]);
    // A length prefix is labelled and detailed in words; a value span by its field name, the same in every language.
    let prefix = hex
        .text
        .spans()
        .iter()
        .find(|s| s.kind == tokenlens::text::SpanKind::LedgerPrefix)
        .unwrap();
    both(&span_words(prefix.label_note()).unwrap());
    both(&span_words(prefix.detail_note()).unwrap());
    let (i, value) = hex
        .text
        .spans()
        .iter()
        .enumerate()
        .find(|(_, s)| s.kind == tokenlens::text::SpanKind::LedgerAddress)
        .unwrap();
    let (name, _) = hex.field_of_span(i).unwrap();
    assert_eq!(value.label_note().unwrap().text_in(Lang::Zh), *name);
    let detail = span_words(value.detail_note()).unwrap();
    assert_ne!(
        detail.text_in(Lang::En),
        detail.text_in(Lang::Zh),
        "（…） in Chinese"
    );
    // The classic block's hashed text: every field detailed in words.
    let block = &preset(Page::Blockchain)[0];
    let spanned = to_spanned(block, Page::Blockchain);
    assert!(!spanned.spans().is_empty());
    for span in spanned.spans() {
        both(&span_words(span.detail_note()).unwrap());
    }
}
