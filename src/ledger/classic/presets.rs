//! The presets each page of anders94/blockchain-demo ships with (`views/*.pug`), exactly as typed there, and the
//! peers of the multi-peer pages. See assets/samples/classic/SOURCES.md.

use super::model::{ClassicBlock, CoinbaseRow, Page, Peer, TxRow};
use super::presets_signed::signed_chain;

/// Block 1's Prev on every chain page: 64 zeros.
pub const ZERO_PREV: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// (nonce, prev) of the five blocks of `blockchain.pug` and `distributed.pug`, whose data is empty.
const BLOCKCHAIN: [(&str, &str); 5] = [
    ("11316", ZERO_PREV),
    (
        "35230",
        "000015783b764259d382017d91a36d206d0600e2cbb3567748f46a33fe9297cf",
    ),
    (
        "12937",
        "000012fa9b916eb9078f8d98a7864e697ae83ed54f5146bd84452cdafd043c19",
    ),
    (
        "35990",
        "0000b9015ce2a08b61216ba5a0778545bf4ddd7ceb7bbd85dd8062b29a9140bf",
    ),
    (
        "56265",
        "0000ae8bbc96cf89c68be6e10a865cc47c6c48a9ebec3c6cad729646cefaef83",
    ),
];

/// (value, from, to) rows.
type Row = (&'static str, &'static str, &'static str);

/// (nonce, rows, prev) of the five blocks of `tokens.pug`.
const TOKENS: [(&str, &[Row], &str); 5] = [
    (
        "139358",
        &[
            ("25.00", "Darcy", "Bingley"),
            ("4.27", "Elizabeth", "Jane"),
            ("19.22", "Wickham", "Lydia"),
            ("106.44", "Lady Catherine de Bourgh", "Collins"),
            ("6.42", "Charlotte", "Elizabeth"),
        ],
        ZERO_PREV,
    ),
    (
        "39207",
        &[
            ("97.67", "Ripley", "Lambert"),
            ("48.61", "Kane", "Ash"),
            ("6.15", "Parker", "Dallas"),
            ("10.44", "Hicks", "Newt"),
            ("88.32", "Bishop", "Burke"),
            ("45.00", "Hudson", "Gorman"),
            ("92.00", "Vasquez", "Apone"),
        ],
        "00000c52990ee86de55ec4b9b32beefd745d71675dc0eddfbc7b88336e2e296b",
    ),
    (
        "13804",
        &[
            ("10.00", "Emily", "Jackson"),
            ("5.00", "Madison", "Jackson"),
            ("20.00", "Lucas", "Grace"),
        ],
        "000078be183417844c14a9251ca246fb15df1074019873f5d85c1a6f4311d4e0",
    ),
    (
        "20688",
        &[
            ("62.19", "Rick", "Ilsa"),
            ("867.96", "Captain Louis Renault", "Strasser"),
            ("276.15", "Victor Laszlo", "Ilsa"),
            ("97.13", "Rick", "Sam"),
            ("119.63", "Captain Louis Renault", "Jan Brandel"),
        ],
        "0000c2c95f54a49b4f2bee7056a7dc3b7c1a408706c848b520e20eac75aaceb0",
    ),
    (
        "33083",
        &[
            ("14.12", "Denise Lovett", "Edmund Lovett"),
            ("2,760.29", "Lord Glendenning", "John Moray"),
            ("413.78", "Katherine Glendenning", "Miss Audrey"),
        ],
        "0000c03019ed59586405750968888fb65256e82492480d9fe0a6bd2f5e86b5ca",
    ),
];

/// (nonce, coinbase to, rows, prev) of the five blocks of `coinbase.pug`; every coinbase is `100.00`.
const COINBASE: [(&str, &str, &[Row], &str); 5] = [
    ("16651", "Anders", &[], ZERO_PREV),
    (
        "215458",
        "Anders",
        &[
            ("10.00", "Anders", "Sophia"),
            ("20.00", "Anders", "Lucas"),
            ("15.00", "Anders", "Emily"),
            ("15.00", "Anders", "Madison"),
        ],
        "0000438d7625b86a6f366545b1929975a0d3ff1f8847e56cc587cadddb0ab781",
    ),
    (
        "146",
        "Anders",
        &[
            ("10.00", "Emily", "Jackson"),
            ("5.00", "Madison", "Jackson"),
            ("20.00", "Lucas", "Grace"),
        ],
        "0000baeab68c2a60f9a6fa56355438d97c672a15494fcea617064d9314f9ff63",
    ),
    (
        "18292",
        "Anders",
        &[
            ("15.00", "Jackson", "Ryan"),
            ("5.00", "Emily", "Madison"),
            ("8.00", "Sophia", "Jackson"),
        ],
        "0000df1d632b734f5a5fc126a0f0e8894fb4c8314ba7086b62980559af6771b9",
    ),
    (
        "108899",
        "Sophia",
        &[
            ("2.00", "Jackson", "Alexander"),
            ("6.00", "Ryan", "Carter"),
            ("4.00", "Ryan", "Riley"),
            ("9.95", "Grace", "Katherine"),
        ],
        "0000c694336f88129f3685bd3ba5d67c445dfd8d18bd22f5d87301dd560eb30e",
    ),
];

fn block(number: usize, nonce: &str, prev: &str) -> ClassicBlock {
    ClassicBlock {
        number: number.to_string(),
        nonce: nonce.to_owned(),
        prev: prev.to_owned(),
        ..ClassicBlock::default()
    }
}

fn rows(rows: &[Row]) -> Vec<TxRow> {
    rows.iter()
        .map(|&(value, from, to)| TxRow {
            value: value.to_owned(),
            from: from.to_owned(),
            to: to.to_owned(),
            ..TxRow::default()
        })
        .collect()
}

/// One peer's chain as the page ships it: one block on the Hash and Block pages, five on the chain pages.
pub fn preset(page: Page) -> Vec<ClassicBlock> {
    match page {
        Page::Hash => vec![ClassicBlock::default()],
        Page::Block => vec![block(1, "72608", "")],
        Page::Blockchain | Page::Distributed => BLOCKCHAIN
            .iter()
            .enumerate()
            .map(|(i, &(nonce, prev))| block(i + 1, nonce, prev))
            .collect(),
        Page::Tokens => TOKENS
            .iter()
            .enumerate()
            .map(|(i, &(nonce, txs, prev))| ClassicBlock {
                rows: rows(txs),
                ..block(i + 1, nonce, prev)
            })
            .collect(),
        Page::Coinbase => COINBASE
            .iter()
            .enumerate()
            .map(|(i, &(nonce, to, txs, prev))| ClassicBlock {
                coinbase: CoinbaseRow {
                    value: "100.00".to_owned(),
                    to: to.to_owned(),
                },
                rows: rows(txs),
                ..block(i + 1, nonce, prev)
            })
            .collect(),
        Page::Signed => signed_chain(),
    }
}

/// Every peer of the page (A, B, C on the multi-peer pages), each starting with the same preset chain.
pub fn peers(page: Page) -> Vec<Peer> {
    ["A", "B", "C"]
        .iter()
        .take(page.peer_count())
        .map(|name| Peer {
            name: (*name).to_owned(),
            blocks: preset(page),
        })
        .collect()
}
