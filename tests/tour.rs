//! The guided tour's story core: the pass verifies with the service's public key and names your ledger address,
//! the payment and debit blocks validate, the debit is the priced token count, and both kinds of tampering are
//! caught with the reason the engines give.

use tokenlens::ai::{EncodeOptions, Pricing, Vocab, tokenize};
use tokenlens::ledger::{Rule, validate};
use tokenlens::session::{Clock, Status, inspect};
use tokenlens::tour::{
    self, DEBIT_BLOCK, PAYMENT, PAYMENT_BLOCK, START_BALANCE, Story, debit_amount, tamper_payment,
};

const NOW: i64 = 1_790_000_000;

fn clock() -> Clock {
    let mut c = Clock::system();
    c.now = NOW + 60;
    c
}

fn claim(ins: &tokenlens::session::Inspection, name: &str) -> String {
    ins.claims
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("claim {name}"))
        .preview
        .clone()
}

#[test]
fn the_pass_verifies_with_the_public_key_and_its_sub_is_your_address() {
    let story = Story::new();
    let pass = story.pass(NOW).unwrap();
    assert_eq!(pass.split('.').count(), 3);
    let ins = inspect(&pass, Some(&Story::verification_key()), &clock());
    assert_eq!(
        ins.verification.status,
        Status::Valid,
        "{:?}",
        ins.verification
    );
    assert_eq!(ins.decoded.alg.as_deref(), Some("ES256"));
    let sub = claim(&ins, "sub");
    assert!(
        sub.contains(&story.user.address.to_checksum()),
        "sub {sub} is {}",
        story.user.address
    );
    assert!(
        ins.findings
            .iter()
            .all(|f| f.severity != tokenlens::session::Severity::Critical),
        "{:?}",
        ins.findings
    );
    // The same instant gives the same pass: ES256 here uses deterministic nonces (RFC 6979).
    assert_eq!(story.pass(NOW).unwrap(), pass);
    // Without the key nothing is proven.
    let unchecked = inspect(&pass, None, &clock());
    assert_eq!(unchecked.verification.status, Status::NotChecked);
}

#[test]
fn changing_sub_breaks_the_signature() {
    let story = Story::new();
    let pass = story.pass(NOW).unwrap();
    let forged = story.forged_pass(&pass).unwrap();
    assert_ne!(forged, pass);
    let (h1, _) = pass.split_once('.').unwrap();
    let (h2, _) = forged.split_once('.').unwrap();
    assert_eq!(h1, h2, "the header is kept");
    assert_eq!(
        pass.rsplit('.').next(),
        forged.rsplit('.').next(),
        "the signature is kept"
    );
    let ins = inspect(&forged, Some(&Story::verification_key()), &clock());
    assert!(claim(&ins, "sub").contains(&story.mallory.address.to_checksum()));
    assert_eq!(
        ins.verification.status,
        Status::Invalid,
        "{:?}",
        ins.verification
    );
}

#[test]
fn the_payment_block_validates_and_the_balances_move() {
    let story = Story::new();
    let genesis = story.genesis().unwrap();
    let before = validate(&genesis);
    assert!(before.is_valid(), "{:?}", before.problems);
    assert_eq!(before.state.balance(&story.user.address), 20_000_000);
    assert_eq!(before.state.balance(&story.service.address), 0);
    let paid = story.with_payment(&genesis).unwrap();
    assert_eq!(paid.blocks.len(), 2);
    let after = validate(&paid);
    assert!(after.is_valid(), "{:?}", after.problems);
    assert_eq!(after.state.balance(&story.user.address), 15_000_000);
    assert_eq!(after.state.balance(&story.service.address), 5_000_000);
    assert_eq!(START_BALANCE - PAYMENT, 15_000_000);
    let block = &paid.blocks[PAYMENT_BLOCK];
    assert!(block.hash.leading_zero_bits() >= tour::DIFFICULTY_BITS);
    assert_eq!(block.txs[0].from, story.user.address, "you signed it");
    // Built twice, the chain is the same block for block (demo keys, RFC 6979, smallest nonce).
    assert_eq!(story.with_payment(&story.genesis().unwrap()).unwrap(), paid);
}

#[test]
fn the_debit_is_the_priced_token_count() {
    let story = Story::new();
    let mut tokenizer = Vocab::O200k.load().unwrap();
    let opts = EncodeOptions {
        special_as_text: true,
        add_special_tokens: true,
    };
    let n = tokenize(&mut tokenizer, Some(Vocab::O200k), tour::prompt(), opts)
        .unwrap()
        .ids
        .len();
    // The count the tour prices is tiktoken's, an independent implementation of o200k_base.
    let oracle = crate::ai_oracles::oracle(Vocab::O200k)
        .encode_ordinary(tour::prompt())
        .len();
    assert_eq!(n, oracle, "o200k_base count of the tour prompt");
    let price = Pricing::bundled().get(tour::MODEL_ID).unwrap().clone();
    assert_eq!(
        price.input_per_1m,
        Some(2.5),
        "GPT-4o input, assets/pricing.json"
    );
    // 2.5 USD per 1M tokens = 2.5 micro-dollars (raw micro-LENS) per token, rounded up.
    let expected = (n as u128 * 5).div_ceil(2);
    let debit = debit_amount(n, &price).unwrap();
    assert_eq!(debit, expected);
    let chain = story
        .with_debit(
            &story.with_payment(&story.genesis().unwrap()).unwrap(),
            debit,
        )
        .unwrap();
    let report = validate(&chain);
    assert!(report.is_valid(), "{:?}", report.problems);
    assert_eq!(
        report.state.balance(&story.service.address),
        PAYMENT - expected,
        "the credit left"
    );
    assert_eq!(chain.blocks[DEBIT_BLOCK].txs[0].from, story.service.address);
    let mut no_price = price;
    no_price.input_per_1m = None;
    assert_eq!(debit_amount(n, &no_price), None);
}

/// The rules block `block` breaks.
fn rules_at(report: &tokenlens::ledger::Report, block: usize) -> Vec<Rule> {
    report
        .block_problems(block)
        .iter()
        .map(|p| p.rule)
        .collect()
}

#[test]
fn tampering_with_the_payment_is_a_bad_signature() {
    let story = Story::new();
    let chain = story
        .with_debit(&story.with_payment(&story.genesis().unwrap()).unwrap(), 63)
        .unwrap();
    let mut raw = chain.clone();
    assert!(tamper_payment(&mut raw));
    let report = validate(&raw);
    let rules = rules_at(&report, PAYMENT_BLOCK);
    assert!(rules.contains(&Rule::BadSignature), "{rules:?}");
    assert!(rules.contains(&Rule::BadMerkleRoot), "{rules:?}");
    assert_eq!(report.first_invalid_block(), Some(PAYMENT_BLOCK));
    assert!(report.block_problems(0).is_empty(), "block 0 is untouched");
    // Re-hashing the edited block (the Chain view's cascade) still leaves the signature and the work broken.
    let mut cascade = chain;
    tamper_payment(&mut cascade);
    tokenlens::ledger::mine::relink(&mut cascade, PAYMENT_BLOCK);
    let report = validate(&cascade);
    let rules = rules_at(&report, PAYMENT_BLOCK);
    assert!(rules.contains(&Rule::BadSignature), "{rules:?}");
    assert!(!rules.contains(&Rule::BadMerkleRoot), "{rules:?}");
}
