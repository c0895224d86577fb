//! What the parts of the Chain view (the cards, the bytes panel, the compose form, the file row, the bar) ask of
//! it. They draw from read-only state and return [`ChainAction`]s; `ChainView::apply` carries them out after the
//! frame, so only the view changes the chain, the selection and the jobs.

use std::path::PathBuf;

use crate::ledger::model::{Block, Chain, Op};
use crate::ledger::types::{Address, H256, Sig};

use super::chain::Sel;

/// A request from a part of the Chain view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChainAction {
    /// Change a field of block `block` (then relink in cascade mode, and validate again).
    Edit {
        /// Block position.
        block: usize,
        /// The change.
        edit: BlockEdit,
    },
    /// Set the chain's difficulty, in bits (a signed setting: see `ChainView::difficulty_changed`).
    SetDifficulty(u32),
    /// Mine existing block `i` again.
    Remine(usize),
    /// Mine the signed pending transactions into a new block.
    MinePending,
    /// Stop the running search.
    CancelMining,
    /// Show the canonical bytes of a header or transaction.
    Select(Sel),
    /// Close the bytes panel.
    CloseBytes,
    /// A field was clicked in the bytes panel: outline its input.
    ClickField(Sel, &'static str),
    /// The form field under the pointer or being edited this frame, if any (lights up its bytes).
    HoverField(Option<(Sel, &'static str)>),
    /// Save the chain to a file, on the worker.
    Save(PathBuf),
    /// Load a chain from a file, on the worker.
    Load(PathBuf),
    /// Replace the chain with a new demo chain.
    NewDemo,
    /// Replace the chain (a file loaded).
    SetChain(Box<Chain>),
}

/// A change to one block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockEdit {
    /// The header's index.
    Index(u64),
    /// The header's timestamp, in seconds since 1970.
    Timestamp(u64),
    /// The header's nonce.
    Nonce(u64),
    /// The difficulty the header claims, in bits.
    Bits(u32),
    /// The previous block's hash, as written in the header (raw mode).
    Prev(H256),
    /// The Merkle root, as written in the header (raw mode).
    MerkleRoot(H256),
    /// The stored hash (raw mode).
    StoredHash(H256),
    /// A change to transaction `t`.
    Tx(usize, TxEdit),
    /// Append a copy of the last transaction (a replay).
    CopyLastTx,
    /// Remove transaction `t`.
    RemoveTx(usize),
}

/// A change to one transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TxEdit {
    /// The signer.
    From(Address),
    /// The signer's nonce.
    Nonce(u64),
    /// The operation.
    Op(Op),
    /// The signature.
    Signature(Sig),
}

impl BlockEdit {
    /// Make the change. Returns false, changing nothing, when the transaction it names is not there.
    pub fn apply_to(self, block: &mut Block) -> bool {
        match self {
            Self::Index(v) => block.index = v,
            Self::Timestamp(v) => block.timestamp = v,
            Self::Nonce(v) => block.nonce = v,
            Self::Bits(v) => block.bits = v,
            Self::Prev(h) => block.prev = h,
            Self::MerkleRoot(h) => block.merkle_root = h,
            Self::StoredHash(h) => block.hash = h,
            Self::Tx(t, edit) => {
                let Some(tx) = block.txs.get_mut(t) else {
                    return false;
                };
                match edit {
                    TxEdit::From(a) => tx.from = a,
                    TxEdit::Nonce(n) => tx.nonce = n,
                    TxEdit::Op(op) => tx.op = op,
                    TxEdit::Signature(s) => tx.signature = s,
                }
            }
            Self::CopyLastTx => {
                let Some(last) = block.txs.last().cloned() else {
                    return false;
                };
                block.txs.push(last);
            }
            Self::RemoveTx(t) => {
                if t >= block.txs.len() {
                    return false;
                }
                block.txs.remove(t);
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::demo::{DemoParams, build_demo};

    #[test]
    fn block_edits_change_one_field_and_refuse_missing_transactions() {
        let chain = build_demo(&DemoParams::default()).unwrap();
        let mut block = chain.blocks[1].clone();
        let n = block.txs.len();
        assert!(BlockEdit::Nonce(7).apply_to(&mut block));
        assert_eq!(block.nonce, 7);
        assert!(BlockEdit::Tx(0, TxEdit::Nonce(9)).apply_to(&mut block));
        assert_eq!(block.txs[0].nonce, 9);
        assert!(BlockEdit::CopyLastTx.apply_to(&mut block));
        assert_eq!(block.txs.len(), n + 1);
        assert_eq!(block.txs[n], block.txs[n - 1]);
        assert!(BlockEdit::RemoveTx(n).apply_to(&mut block));
        let before = block.clone();
        assert!(!BlockEdit::RemoveTx(n).apply_to(&mut block));
        assert!(!BlockEdit::Tx(n, TxEdit::Nonce(1)).apply_to(&mut block));
        assert_eq!(block, before, "nothing changed");
    }
}
