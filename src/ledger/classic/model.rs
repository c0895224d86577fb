//! The pages and blocks of Anders Brownworth's demo as plain data: every field is the TEXT the page holds.

use std::fmt;

/// One page of the classic demo. The page decides which fields a block hashes and in which order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Page {
    /// `hash.pug`: one text box and its SHA-256.
    Hash,
    /// `block.pug`: number, nonce and data.
    Block,
    /// `blockchain.pug`: five blocks, each also hashing the previous block's hash.
    Blockchain,
    /// `distributed.pug`: the blockchain page three times, for peers A, B and C.
    Distributed,
    /// `tokens.pug`: the data box becomes rows of value, from and to.
    Tokens,
    /// `coinbase.pug`: each block opens with a coinbase row that creates money.
    Coinbase,
    /// public-private-key-demo `blockchain.pug`: rows signed with secp256k1 keys, with a sequence number.
    Signed,
}

impl Page {
    /// Every page, in the order the demo's menu shows them.
    pub const ALL: [Self; 7] = [
        Self::Hash,
        Self::Block,
        Self::Blockchain,
        Self::Distributed,
        Self::Tokens,
        Self::Coinbase,
        Self::Signed,
    ];

    /// How many peers the page shows (each peer holds its own copy of the chain).
    pub fn peer_count(self) -> usize {
        match self {
            Self::Hash | Self::Block | Self::Blockchain => 1,
            Self::Distributed | Self::Tokens | Self::Coinbase | Self::Signed => 3,
        }
    }

    /// Whether blocks on this page hash the previous block's hash (and so form a chain).
    pub fn has_prev(self) -> bool {
        !matches!(self, Self::Hash | Self::Block)
    }

    /// Whether blocks on this page have number and nonce fields (everything but the Hash page).
    pub fn has_nonce(self) -> bool {
        self != Self::Hash
    }

    /// The upstream file the page comes from.
    pub fn source(self) -> &'static str {
        match self {
            Self::Hash => "anders94/blockchain-demo views/hash.pug",
            Self::Block => "anders94/blockchain-demo views/block.pug",
            Self::Blockchain => "anders94/blockchain-demo views/blockchain.pug",
            Self::Distributed => "anders94/blockchain-demo views/distributed.pug",
            Self::Tokens => "anders94/blockchain-demo views/tokens.pug",
            Self::Coinbase => "anders94/blockchain-demo views/coinbase.pug",
            Self::Signed => "anders94/public-private-key-demo views/blockchain.pug",
        }
    }
}

impl fmt::Display for Page {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Hash => "Hash",
            Self::Block => "Block",
            Self::Blockchain => "Blockchain",
            Self::Distributed => "Distributed",
            Self::Tokens => "Tokens",
            Self::Coinbase => "Coinbase",
            Self::Signed => "Signed",
        })
    }
}

/// A transfer row: `$ value | From | -> To` on the Tokens and Coinbase pages (plain names), plus `Seq` and `Sig` on
/// the Signed page (where From and To are uncompressed public keys in hex). Seq and Sig stay empty, and unhashed, on
/// the other pages.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TxRow {
    /// The amount as typed, for example `"25.00"` or `"2,760.29"`.
    pub value: String,
    /// The payer: a name, or on the Signed page a public key (the key is the address).
    pub from: String,
    /// The payee: a name or a public key.
    pub to: String,
    /// The payer's sequence number as typed (Signed page).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub seq: String,
    /// The DER signature in hex (Signed page).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sig: String,
}

/// The coinbase row that opens a block on the Coinbase and Signed pages: `$ value -> To`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CoinbaseRow {
    /// The new money, as typed.
    pub value: String,
    /// Who receives it (a name, or an uncompressed public key in hex on the Signed page).
    pub to: String,
}

/// One block as the page holds it. Fields a page does not show stay empty and are not hashed on that page.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ClassicBlock {
    /// Block number, as text (`"1"`).
    #[serde(default)]
    pub number: String,
    /// Nonce, as text (`"72608"`).
    #[serde(default)]
    pub nonce: String,
    /// The data box (Hash, Block, Blockchain and Distributed pages).
    #[serde(default)]
    pub data: String,
    /// The coinbase row (Coinbase and Signed pages).
    #[serde(default)]
    pub coinbase: CoinbaseRow,
    /// Transfer rows (Tokens, Coinbase and Signed pages).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<TxRow>,
    /// The previous block's hash in hex, as text (chain pages).
    #[serde(default)]
    pub prev: String,
}

/// One peer's copy of a chain.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Peer {
    /// The peer's name on the page: `"A"`, `"B"`, `"C"`.
    pub name: String,
    /// The peer's blocks, first block first.
    pub blocks: Vec<ClassicBlock>,
}

/// A field of a block, in the page's hash order. Row fields carry the row index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Block number.
    Number,
    /// Nonce.
    Nonce,
    /// Data box.
    Data,
    /// Coinbase amount.
    CoinbaseValue,
    /// Coinbase recipient.
    CoinbaseTo,
    /// Amount of row n.
    Value(usize),
    /// Payer of row n.
    From(usize),
    /// Payee of row n.
    To(usize),
    /// Sequence number of signed row n.
    Seq(usize),
    /// Signature of signed row n.
    Sig(usize),
    /// Previous block's hash.
    Prev,
}

impl Field {
    /// The field's name as a label: `number`, `rows[2].from`, `coinbase.to`, `prev`.
    pub fn name(self) -> String {
        match self {
            Self::Number => "number".to_owned(),
            Self::Nonce => "nonce".to_owned(),
            Self::Data => "data".to_owned(),
            Self::CoinbaseValue => "coinbase.value".to_owned(),
            Self::CoinbaseTo => "coinbase.to".to_owned(),
            Self::Value(i) => format!("rows[{i}].value"),
            Self::From(i) => format!("rows[{i}].from"),
            Self::To(i) => format!("rows[{i}].to"),
            Self::Seq(i) => format!("rows[{i}].seq"),
            Self::Sig(i) => format!("rows[{i}].sig"),
            Self::Prev => "prev".to_owned(),
        }
    }
}

impl ClassicBlock {
    /// The text of `field`, or `None` when the block has no such row.
    pub fn field(&self, field: Field) -> Option<&str> {
        let row = |i: usize| self.rows.get(i);
        Some(match field {
            Field::Number => &self.number,
            Field::Nonce => &self.nonce,
            Field::Data => &self.data,
            Field::CoinbaseValue => &self.coinbase.value,
            Field::CoinbaseTo => &self.coinbase.to,
            Field::Value(i) => &row(i)?.value,
            Field::From(i) => &row(i)?.from,
            Field::To(i) => &row(i)?.to,
            Field::Seq(i) => &row(i)?.seq,
            Field::Sig(i) => &row(i)?.sig,
            Field::Prev => &self.prev,
        })
    }

    /// The text of `field` for editing, or `None` when the block has no such row.
    pub fn field_mut(&mut self, field: Field) -> Option<&mut String> {
        Some(match field {
            Field::Number => &mut self.number,
            Field::Nonce => &mut self.nonce,
            Field::Data => &mut self.data,
            Field::CoinbaseValue => &mut self.coinbase.value,
            Field::CoinbaseTo => &mut self.coinbase.to,
            Field::Value(i) => &mut self.rows.get_mut(i)?.value,
            Field::From(i) => &mut self.rows.get_mut(i)?.from,
            Field::To(i) => &mut self.rows.get_mut(i)?.to,
            Field::Seq(i) => &mut self.rows.get_mut(i)?.seq,
            Field::Sig(i) => &mut self.rows.get_mut(i)?.sig,
            Field::Prev => &mut self.prev,
        })
    }

    /// The fields `page` hashes, in Anders' order (his `getText`).
    pub fn fields(&self, page: Page) -> Vec<Field> {
        let mut out = Vec::new();
        if !page.has_nonce() {
            out.push(Field::Data);
            return out;
        }
        out.extend([Field::Number, Field::Nonce]);
        match page {
            Page::Hash => {}
            Page::Block | Page::Blockchain | Page::Distributed => out.push(Field::Data),
            Page::Tokens | Page::Coinbase | Page::Signed => {
                if page != Page::Tokens {
                    out.extend([Field::CoinbaseValue, Field::CoinbaseTo]);
                }
                for i in 0..self.rows.len() {
                    out.extend([Field::Value(i), Field::From(i), Field::To(i)]);
                    if page == Page::Signed {
                        out.extend([Field::Seq(i), Field::Sig(i)]);
                    }
                }
            }
        }
        if page.has_prev() {
            out.push(Field::Prev);
        }
        out
    }
}
