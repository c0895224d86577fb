//! The Overview's live crypto-token example: one signed ERC-20 transfer between two demo accounts, split into the
//! fields of its canonical bytes (the bytes panel's view).

use crate::i18n::Words;
use crate::ledger::build::BuildError;
use crate::ledger::demo::{DemoParams, build_demo};
use crate::ledger::keys::demo_key;
use crate::ledger::model::Op;
use crate::ledger::types::format_amount;
use crate::text::SpannedText;

/// A signed transfer and what it says, in words worded when drawn.
pub struct TransferExample {
    /// The transaction's canonical bytes as hex with one span per field, each labelled and detailed in words
    /// worded when shown.
    pub bytes: SpannedText,
    /// "Alice sends 25.00 LENS to Bob, nonce 0, signed".
    pub summary: Words,
}

/// Build the example: accounts from the demo seed (no blocks, nothing mined), Alice signs a transfer to Bob.
pub fn overview_example() -> Result<TransferExample, BuildError> {
    let params = DemoParams {
        blocks: 0,
        ..DemoParams::default()
    };
    let chain = build_demo(&params)?;
    let (Some(alice), Some(bob)) = (chain.accounts.get(1), chain.accounts.get(2)) else {
        return Err(BuildError::TooFewAccounts);
    };
    let key = demo_key(&params.seed, 1);
    let amount = 2_500;
    let tx = key.signed_tx(
        0,
        Op::Transfer {
            to: bob.address,
            amount,
        },
    )?;
    let erc20 = &chain.tokens.erc20;
    let summary = words!("overview.example.transfer")
        .with("from", &alice.label)
        .with("to", &bob.label)
        .with("amount", format_amount(amount, erc20.decimals))
        .with("symbol", &erc20.symbol);
    Ok(TransferExample {
        bytes: crate::ledger::bytes::tx_hex(&chain, &tx).text,
        summary,
    })
}
