//! The classic demo's documented shortcuts, in plain words, each tied to its source. They explain why the project's
//! own ledger uses length-prefixed encodings, named rules and real targets.

use super::model::ClassicBlock;
use super::presets::ZERO_PREV;

/// One shortcut of the classic demo.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Quirk {
    /// Stable id, for links and translations.
    pub id: &'static str,
    /// Short title.
    pub title: &'static str,
    /// What happens and why it matters, in plain words.
    pub explanation: &'static str,
    /// Where it is documented upstream.
    pub source: &'static str,
}

const QUIRKS: [Quirk; 9] = [
    Quirk {
        id: "no-separators",
        title: "Fields are glued together without separators",
        explanation: "The block text is number + nonce + data + prev with nothing in between, so different blocks \
            can hash the same text: block 1 with nonce 11316 and block 11 with nonce 1316 both start \"111316\". \
            Our ledger writes the length of every field before it, so two different blocks never share a text.",
        source: "anders94/blockchain-demo views/*.pug getText(); docs/research/ledger.md §4.1",
    },
    Quirk {
        id: "no-balance-check",
        title: "Nobody checks that the payer has the money",
        explanation: "A row can move any amount from anyone; the video says only someone with prior income can pay, \
            but no code enforces it. Our ledger names the rule (balance) and marks the block that breaks it.",
        source: "anders94/blockchain-demo issue #109 \"Account balance checking\"",
    },
    Quirk {
        id: "peers-by-eye",
        title: "Peers are compared only by eye",
        explanation: "There is no consensus code: after re-mining one peer, the learner compares the last hashes of \
            peers A, B and C by eye. The author's answer to a re-mined double spend was that the other peers don't \
            agree on the final block's hash. Our ledger states the fork-choice rule and applies it.",
        source: "anders94/blockchain-demo issue #50 \"potential double-spending?\"",
    },
    Quirk {
        id: "ascii-hex-prehash",
        title: "Signatures sign the ASCII of half a hex digest",
        explanation: "The Signed page signs Buffer.from(sha256hex(message)): the 64 ASCII characters of the hex \
            digest. The elliptic library keeps only the first 32 bytes, so what is really signed is the text of the \
            first 32 hex digits. No standard verifier accepts these signatures without that trick. Our ledger signs \
            the real 32-byte digest.",
        source: "anders94/public-private-key-demo views/blockchain.pug verifySignature(); docs/research/ledger.md §1.2",
    },
    Quirk {
        id: "high-s",
        title: "8 of the 14 shipped signatures have a high S",
        explanation: "ECDSA signatures come in pairs (r, s) and (r, n − s); Bitcoin and Ethereum accept only the \
            low one so a signature cannot be changed after the fact. elliptic leaves S as it falls, and k256 \
            rejects the high half, so these signatures are normalized before they are checked and flagged.",
        source: "anders94/public-private-key-demo views/blockchain.pug; docs/research/ledger.md §4.2",
    },
    Quirk {
        id: "maximum-nonce",
        title: "Mining gives up after a fixed number of tries",
        explanation: "The Mine button tries nonces 0 to maximumNonce (524,288 for 4 zeros, 500,000 on the Signed \
            page) and then stops, leaving a red block. The cap only guards against an endless loop that would \
            freeze the browser. We mine on a background thread, with progress and a cancel button.",
        source: "anders94/blockchain-demo issue #108; public/javascripts/blockchain.js",
    },
    Quirk {
        id: "first-row-unhashed",
        title: "The first transaction was once left out of the hash (fixed)",
        explanation: "An early version of the Tokens page started its loop at row 1, so editing row 0 did not change \
            the hash and tampering went unseen. It was fixed upstream; our tests change every field in turn and \
            check that the hash moves.",
        source: "anders94/blockchain-demo issue #1 \"Changes not detected properly\"",
    },
    Quirk {
        id: "mining-changed-data",
        title: "Mining once reset the data instead of changing the nonce (fixed)",
        explanation: "In Firefox the Mine button on the Coinbase page reloaded the form, so mining threw away the \
            learner's edits. Mining must change only the nonce; ours writes nothing else.",
        source: "anders94/blockchain-demo issue #2 \"Coinbase mining changes data instead of nonce\"",
    },
    Quirk {
        id: "recheck-wrong-block",
        title: "Editing a signed block re-checks the wrong signatures",
        explanation: "On the Signed page, the chain update re-verifies the signatures of the edited block once per \
            later block, never those of the later blocks themselves. We check every row of every block.",
        source: "anders94/public-private-key-demo public/javascripts/blockchain.js updateChain()",
    },
];

/// Every documented quirk of the classic demo.
pub fn quirks() -> &'static [Quirk] {
    &QUIRKS
}

/// Two different Blockchain-page blocks that hash the same text: block 1 with nonce 11316 and block 11 with nonce
/// 1316, both with empty data and a zero Prev.
pub fn separator_collision() -> (ClassicBlock, ClassicBlock) {
    let make = |number: &str, nonce: &str| ClassicBlock {
        number: number.to_owned(),
        nonce: nonce.to_owned(),
        prev: ZERO_PREV.to_owned(),
        ..ClassicBlock::default()
    };
    (make("1", "11316"), make("11", "1316"))
}
