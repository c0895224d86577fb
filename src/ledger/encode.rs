//! Canonical bytes of transactions and block headers, with the byte range of every field, and the hashes over them.
//!
//! Why not glue the fields together as text, as Anders' demo does? Because then block 1 with nonce 11316 and block 11
//! with nonce 1316 hash the same text `111316…`. Here every transaction field carries a one-byte length prefix and
//! a fixed width, and the header is fixed-width, so two different transactions or headers never share bytes.

use std::ops::Range;

use sha2::{Digest as _, Sha256};

use super::model::{Block, Op, Tx};
use super::types::{Address, H256};

/// Domain tag at the start of every transaction, so our signatures can never be replayed as anything else.
pub const TX_DOMAIN: &[u8] = b"tokenlens-tx-v1";
/// Magic at the start of every block header.
pub const HEADER_MAGIC: &[u8; 4] = b"TLB1";
/// Length of an encoded header.
pub const HEADER_LEN: usize = 96;
/// Where the nonce sits in the header: the last 8 bytes, so miners hash the first 64 bytes once.
pub const HEADER_NONCE: Range<usize> = 88..96;

/// What a field holds, for colouring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// A length prefix or a type tag.
    Prefix,
    /// A domain or magic tag.
    Tag,
    /// An address.
    Address,
    /// An amount.
    Amount,
    /// A nonce.
    Nonce,
    /// A hash.
    Hash,
    /// A signature.
    Signature,
    /// Any other number or flag.
    Number,
}

/// One field of an encoding: its name and the byte ranges of its length prefix (if any) and its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// Field name as the form shows it (`from`, `nonce`, `amount`, …).
    pub name: &'static str,
    /// What it holds.
    pub kind: FieldKind,
    /// The length byte in front of the value, if the encoding has one.
    pub prefix: Option<Range<usize>>,
    /// The value bytes.
    pub value: Range<usize>,
}

/// Bytes plus their fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Encoded {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Every field, in order.
    pub fields: Vec<Field>,
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
    fields: Option<&'a mut Vec<Field>>,
}

impl Writer<'_> {
    fn field(&mut self, name: &'static str, kind: FieldKind, value: &[u8]) {
        let prefix_at = self.out.len();
        self.out.push(value.len() as u8);
        let start = self.out.len();
        self.out.extend_from_slice(value);
        if let Some(fields) = self.fields.as_deref_mut() {
            fields.push(Field {
                name,
                kind,
                prefix: Some(prefix_at..start),
                value: start..self.out.len(),
            });
        }
    }

    fn address(&mut self, name: &'static str, a: &Address) {
        self.field(name, FieldKind::Address, &a.0);
    }

    fn amount(&mut self, a: u128) {
        self.field("amount", FieldKind::Amount, &a.to_be_bytes());
    }

    fn id(&mut self, id: u64) {
        self.field("token_id", FieldKind::Number, &id.to_be_bytes());
    }

    fn flag(&mut self, name: &'static str, b: bool) {
        self.field(name, FieldKind::Number, &[u8::from(b)]);
    }
}

/// The one-byte code of each operation in the canonical encoding.
pub fn op_code(op: &Op) -> u8 {
    match op {
        Op::Mint { .. } => 1,
        Op::Transfer { .. } => 2,
        Op::Approve { .. } => 3,
        Op::TransferFrom { .. } => 4,
        Op::Burn { .. } => 5,
        Op::NftMint { .. } => 10,
        Op::NftTransfer { .. } => 11,
        Op::NftApprove { .. } => 12,
        Op::NftSetApprovalForAll { .. } => 13,
        Op::RwaRegister { .. } => 20,
        Op::RwaUnregister { .. } => 21,
        Op::RwaMint { .. } => 22,
        Op::RwaTransfer { .. } => 23,
        Op::RwaBurn { .. } => 24,
        Op::RwaFreeze { .. } => 25,
        Op::RwaFreezeTokens { .. } => 26,
        Op::RwaUnfreezeTokens { .. } => 27,
        Op::RwaPause { .. } => 28,
        Op::RwaForcedTransfer { .. } => 29,
        Op::RwaRecover { .. } => 30,
    }
}

fn write_signing(tx: &Tx, w: &mut Writer<'_>) {
    w.field("domain", FieldKind::Tag, TX_DOMAIN);
    w.field("op", FieldKind::Number, &[op_code(&tx.op)]);
    w.address("from", &tx.from);
    w.field("nonce", FieldKind::Nonce, &tx.nonce.to_be_bytes());
    match &tx.op {
        Op::Mint { to, amount }
        | Op::Transfer { to, amount }
        | Op::RwaMint { to, amount }
        | Op::RwaTransfer { to, amount } => {
            w.address("to", to);
            w.amount(*amount);
        }
        Op::Approve { spender, amount } => {
            w.address("spender", spender);
            w.amount(*amount);
        }
        Op::TransferFrom { owner, to, amount } => {
            w.address("owner", owner);
            w.address("to", to);
            w.amount(*amount);
        }
        Op::Burn { amount } => w.amount(*amount),
        Op::NftMint { to, token_id } => {
            w.address("to", to);
            w.id(*token_id);
        }
        Op::NftTransfer { from, to, token_id } => {
            w.address("token_from", from);
            w.address("to", to);
            w.id(*token_id);
        }
        Op::NftApprove { approved, token_id } => {
            w.address("approved", approved);
            w.id(*token_id);
        }
        Op::NftSetApprovalForAll { operator, approved } => {
            w.address("operator", operator);
            w.flag("approved", *approved);
        }
        Op::RwaRegister { investor, country } => {
            w.address("investor", investor);
            w.field("country", FieldKind::Number, &country.to_be_bytes());
        }
        Op::RwaUnregister { investor } => w.address("investor", investor),
        Op::RwaBurn { from, amount } => {
            w.address("account", from);
            w.amount(*amount);
        }
        Op::RwaFreeze { account, frozen } => {
            w.address("account", account);
            w.flag("frozen", *frozen);
        }
        Op::RwaFreezeTokens { account, amount } | Op::RwaUnfreezeTokens { account, amount } => {
            w.address("account", account);
            w.amount(*amount);
        }
        Op::RwaPause { paused } => w.flag("paused", *paused),
        Op::RwaForcedTransfer { from, to, amount } => {
            w.address("account", from);
            w.address("to", to);
            w.amount(*amount);
        }
        Op::RwaRecover { lost, new } => {
            w.address("lost", lost);
            w.address("new", new);
        }
    }
}

/// Append the bytes a sender signs.
pub fn write_tx_signing_bytes(tx: &Tx, out: &mut Vec<u8>) {
    write_signing(tx, &mut Writer { out, fields: None });
}

/// The bytes a sender signs, with their fields.
pub fn tx_signing_bytes(tx: &Tx) -> Encoded {
    let mut e = Encoded::default();
    write_signing(
        tx,
        &mut Writer {
            out: &mut e.bytes,
            fields: Some(&mut e.fields),
        },
    );
    e
}

/// The whole transaction: the signing bytes plus the signature, with their fields.
pub fn tx_bytes(tx: &Tx) -> Encoded {
    let mut e = tx_signing_bytes(tx);
    let mut w = Writer {
        out: &mut e.bytes,
        fields: Some(&mut e.fields),
    };
    w.field("signature", FieldKind::Signature, &tx.signature.0);
    e
}

/// What the sender signs: SHA-256 of the signing bytes.
pub fn tx_signing_digest(tx: &Tx) -> H256 {
    let mut buf = Vec::with_capacity(160);
    write_tx_signing_bytes(tx, &mut buf);
    H256(Sha256::digest(&buf).into())
}

/// The signing digest and the transaction hash (SHA-256 of the signing bytes plus the signature) in one pass.
pub fn tx_digests(tx: &Tx, buf: &mut Vec<u8>) -> (H256, H256) {
    buf.clear();
    write_tx_signing_bytes(tx, buf);
    let signing = H256(Sha256::digest(&buf[..]).into());
    buf.push(65);
    buf.extend_from_slice(&tx.signature.0);
    (signing, H256(Sha256::digest(&buf[..]).into()))
}

/// The transaction hash: its id, and the leaf of the block's Merkle tree.
pub fn tx_hash(tx: &Tx) -> H256 {
    tx_digests(tx, &mut Vec::new()).1
}

/// The 96 header bytes: magic, index, timestamp, previous hash, Merkle root, bits and nonce, all fixed-width
/// big-endian.
pub fn header_bytes(block: &Block) -> Encoded {
    let mut bytes = Vec::with_capacity(HEADER_LEN);
    let mut fields = Vec::with_capacity(7);
    let mut put = |name: &'static str, kind: FieldKind, value: &[u8]| {
        let start = bytes.len();
        bytes.extend_from_slice(value);
        fields.push(Field {
            name,
            kind,
            prefix: None,
            value: start..bytes.len(),
        });
    };
    put("magic", FieldKind::Tag, HEADER_MAGIC);
    put("index", FieldKind::Number, &block.index.to_be_bytes());
    put(
        "timestamp",
        FieldKind::Number,
        &block.timestamp.to_be_bytes(),
    );
    put("prev", FieldKind::Hash, &block.prev.0);
    put("merkle_root", FieldKind::Hash, &block.merkle_root.0);
    put("bits", FieldKind::Number, &block.bits.to_be_bytes());
    put("nonce", FieldKind::Nonce, &block.nonce.to_be_bytes());
    Encoded { bytes, fields }
}

/// SHA-256 of the header bytes.
pub fn header_hash(block: &Block) -> H256 {
    H256(Sha256::digest(header_bytes(block).bytes).into())
}

/// Merkle root of a list of hashes, as Bitcoin builds it: pair neighbours, hash each pair with double SHA-256,
/// repeat the last hash of an odd level, until one is left. The root of no hashes is zero.
///
/// Bitcoin's odd-level rule lets `[a, b, c]` and `[a, b, c, c]` share a root (CVE-2012-2459); a repeated
/// transaction here is caught by its repeated nonce.
pub fn merkle_root(leaves: &[H256]) -> H256 {
    let Some(first) = leaves.first() else {
        return H256::ZERO;
    };
    if leaves.len() == 1 {
        return *first;
    }
    let mut level: Vec<H256> = leaves.to_vec();
    while level.len() > 1 {
        let mut next = Vec::with_capacity(level.len().div_ceil(2));
        for pair in level.chunks(2) {
            let left = pair[0];
            let right = pair.get(1).copied().unwrap_or(left);
            let mut h = Sha256::new();
            h.update(left.0);
            h.update(right.0);
            next.push(H256(Sha256::digest(h.finalize()).into()));
        }
        level = next;
    }
    level[0]
}

/// The target a hash must be below for `bits` of difficulty: 2^(256 − bits), as 32 big-endian bytes, or `None`
/// when `bits` is 0 (every hash meets it) or above 255 (no hash can).
pub fn target_bytes(bits: u32) -> Option<[u8; 32]> {
    if bits == 0 || bits > 255 {
        return None;
    }
    let power = 256 - bits as usize; // the set bit, counted from the least significant
    let mut out = [0u8; 32];
    out[31 - power / 8] = 1 << (power % 8);
    Some(out)
}

/// Whether a hash meets `bits` of difficulty (has at least that many leading zero bits).
pub fn meets_target(hash: &H256, bits: u32) -> bool {
    bits <= 256 && hash.leading_zero_bits() >= bits
}
