//! Reading a ledger file's lists with caps and places: the reader stops at the first block, transaction or account
//! over the limit (so a hostile file cannot make it build millions of them), and an error inside a block or a
//! transaction names it ("block 3: transaction 2: amount …"), because serde's buffering of a transaction's fields
//! leaves its line and column at the end of the transaction.
//!
//! Pure: serde only. Serde carries messages as text, so these are its English words (as serde_json's own are).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, Deserializer, Error as _, SeqAccess, Visitor};

use super::model::{Account, Block, Tx};
use crate::i18n::Words;

/// Most blocks a file may hold: ten times the 10,000 the tab scrolls through comfortably.
pub const MAX_BLOCKS: usize = 100_000;
/// Most transactions a file may hold, over all its blocks: twice the 100,000 of the validation benchmark.
pub const MAX_TRANSACTIONS: usize = 200_000;
/// Most accounts a file may list.
pub const MAX_ACCOUNTS: usize = 10_000;

/// A serde message without serde_json's " at line L column C" suffix (the outer error carries the position).
fn without_position(message: &str) -> &str {
    match message.rsplit_once(" at line ") {
        Some((head, tail))
            if tail
                .split(" column ")
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) =>
        {
            head
        }
        _ => message,
    }
}

struct Capped<T> {
    /// Catalogue key that prefixes an element's error with its index (`{i}`, `{err}`).
    place_key: &'static str,
    /// Catalogue key of what the elements are, for the over-the-limit message.
    what: &'static str,
    max: usize,
    /// For blocks: their transactions, counted against [`MAX_TRANSACTIONS`] over the whole list.
    txs_of: Option<fn(&T) -> usize>,
    marker: PhantomData<T>,
}

impl<'de, T: DeserializeOwned> Visitor<'de> for Capped<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a list of at most {} {}",
            self.max,
            Words::new(self.what)
        )
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        let mut txs: usize = 0;
        loop {
            let i = out.len();
            if i >= self.max {
                // One more element would pass the cap: stop reading here.
                if seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    return Err(over(self.what, self.max));
                }
                return Ok(out);
            }
            match seq.next_element::<T>() {
                Ok(Some(item)) => {
                    if let Some(count) = self.txs_of {
                        txs += count(&item);
                        if txs > MAX_TRANSACTIONS {
                            return Err(over(key!("ledger.load.what.txs"), MAX_TRANSACTIONS));
                        }
                    }
                    out.push(item);
                }
                Ok(None) => return Ok(out),
                Err(e) => {
                    let message = e.to_string();
                    return Err(A::Error::custom(
                        Words::new(self.place_key)
                            .with("i", i)
                            .with("err", without_position(&message)),
                    ));
                }
            }
        }
    }
}

fn over<E: serde::de::Error>(what: &'static str, max: usize) -> E {
    E::custom(
        words!("ledger.load.limit")
            .with_words("what", Words::new(what))
            .with("max", max),
    )
}

/// `blocks`: at most [`MAX_BLOCKS`], with [`MAX_TRANSACTIONS`] over all of them.
pub fn blocks<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Block>, D::Error> {
    d.deserialize_seq(Capped {
        place_key: key!("ledger.load.in_block"),
        what: key!("ledger.load.what.blocks"),
        max: MAX_BLOCKS,
        txs_of: Some(|b: &Block| b.txs.len()),
        marker: PhantomData,
    })
}

/// A block's `txs`: at most [`MAX_TRANSACTIONS`] (the blocks' sum is checked as each block ends).
pub fn txs<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Tx>, D::Error> {
    d.deserialize_seq(Capped {
        place_key: key!("ledger.load.in_tx"),
        what: key!("ledger.load.what.txs"),
        max: MAX_TRANSACTIONS,
        txs_of: None,
        marker: PhantomData,
    })
}

/// `accounts`: at most [`MAX_ACCOUNTS`].
pub fn accounts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Account>, D::Error> {
    d.deserialize_seq(Capped {
        place_key: key!("ledger.load.in_account"),
        what: key!("ledger.load.what.accounts"),
        max: MAX_ACCOUNTS,
        txs_of: None,
        marker: PhantomData,
    })
}
