//! Raw signed Ethereum transactions: legacy (pre-EIP-155 and EIP-155), EIP-2930, EIP-1559 and EIP-4844, decoded
//! field by field with byte ranges, their signing hash rebuilt, the sender recovered and the hash computed.

use std::ops::Range;

use super::Part;
use super::abi::{AbiError, Calldata, Units, decode_calldata};
use super::address::Address;
use super::keccak256;
use super::rlp::{self, Item, RlpError, RlpErrorKind};
use super::sig::{Sender, recover};
use super::tokens::{Token, known_token};
use super::tx_fields::{AccessListEntry, Fields, TxType, at, chain_name, decode_to, wei};
use super::u256::U256;
use crate::i18n::{Worded, Words};
use crate::ledger::words::concat;
use crate::text::SpanKind;

/// A decoded raw transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transaction {
    /// Envelope type.
    pub tx_type: TxType,
    /// Chain id (from the field, or from v for EIP-155; `None` for pre-EIP-155).
    pub chain_id: Option<u64>,
    /// Sender's nonce.
    pub nonce: u64,
    /// Gas price in wei (legacy, EIP-2930).
    pub gas_price: Option<U256>,
    /// Priority fee cap in wei (EIP-1559, EIP-4844).
    pub max_priority_fee_per_gas: Option<U256>,
    /// Total fee cap in wei (EIP-1559, EIP-4844).
    pub max_fee_per_gas: Option<U256>,
    /// Gas limit.
    pub gas_limit: u64,
    /// Recipient; `None` creates a contract.
    pub to: Option<Address>,
    /// Value in wei.
    pub value: U256,
    /// Input data.
    pub data: Vec<u8>,
    /// Byte range of the input data in the raw transaction.
    pub data_range: Range<usize>,
    /// The input decoded as ERC-20/721 calldata, when it is.
    pub calldata: Option<Calldata>,
    /// Why the input is not decoded as calldata (empty input or contract creation gives `None`).
    pub calldata_error: Option<AbiError>,
    /// Access list (EIP-2930 and later).
    pub access_list: Vec<AccessListEntry>,
    /// Blob fee cap in wei (EIP-4844).
    pub max_fee_per_blob_gas: Option<U256>,
    /// Blob versioned hashes (EIP-4844).
    pub blob_versioned_hashes: Vec<[u8; 32]>,
    /// The v field as given (legacy) or the y parity (typed).
    pub v: U256,
    /// Signature r.
    pub r: U256,
    /// Signature s.
    pub s: U256,
    /// Byte range of v, r and s in the raw transaction.
    pub signature_range: Range<usize>,
    /// The bytes that were signed.
    pub signing_payload: Vec<u8>,
    /// keccak256 of the signing payload.
    pub signing_hash: [u8; 32],
    /// keccak256 of the raw bytes: the transaction hash.
    pub hash: [u8; 32],
    /// The sender, or why it does not recover.
    pub sender: Sender,
    /// The known token contract the transaction calls.
    pub token: Option<&'static Token>,
    /// Every field and prefix with its byte range in the raw transaction.
    pub parts: Vec<Part>,
}

/// Why bytes are not a transaction. Offsets are bytes into the raw transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TxError {
    /// No bytes.
    Empty,
    /// The first byte starts neither a list nor a known type.
    NotAList {
        /// The first byte.
        first: u8,
    },
    /// A type byte we do not decode.
    UnsupportedType {
        /// The type byte.
        ty: u8,
    },
    /// A blob transaction with its blobs, commitments and proofs attached.
    BlobNetworkForm,
    /// An RLP problem in a named field.
    Rlp {
        /// Field path, such as `access_list[0].storage_keys[1]`.
        field: String,
        /// The RLP problem.
        source: RlpError,
    },
}

impl Worded for TxError {
    fn words(&self) -> Words {
        match self {
            Self::Empty => words!("inspect.err.tx_empty"),
            Self::NotAList { first } => {
                words!("inspect.err.tx_not_list").with("first", format!("{first:02x}"))
            }
            Self::UnsupportedType { ty } => {
                let unsupported = words!("inspect.err.tx_type").with("ty", format!("{ty:02x}"));
                if *ty == 4 {
                    concat(unsupported, words!("inspect.err.tx_type_7702"))
                } else {
                    unsupported
                }
            }
            Self::BlobNetworkForm => words!("inspect.err.tx_blob"),
            Self::Rlp { field, source } => words!("inspect.err.tx_field")
                .with("field", field)
                .with_words("err", source.words()),
        }
    }
}

/// English words, for logs and the CLI; the UI words the error in its language with [`Worded`].
impl std::fmt::Display for TxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.words().fmt(f)
    }
}

impl std::error::Error for TxError {}

impl TxError {
    /// Byte offset into the raw transaction of the problem.
    pub fn offset(&self) -> usize {
        match self {
            Self::Empty | Self::NotAList { .. } | Self::UnsupportedType { .. } => 0,
            Self::BlobNetworkForm => 1,
            Self::Rlp { source, .. } => source.at,
        }
    }
}

/// Decode a raw signed transaction. `decimals` overrides the token table for the amount in its calldata.
pub fn decode_transaction(bytes: &[u8], decimals: Option<u8>) -> Result<Transaction, TxError> {
    let Some(&first) = bytes.first() else {
        return Err(TxError::Empty);
    };
    let (tx_type, list_at) = match first {
        0xc0.. => (TxType::Legacy, 0),
        0x01 => (TxType::AccessList, 1),
        0x02 => (TxType::DynamicFee, 1),
        0x03 => (TxType::Blob, 1),
        0x80..0xc0 => return Err(TxError::NotAList { first }),
        ty => return Err(TxError::UnsupportedType { ty }),
    };
    let list = rlp::decode_whole(bytes, list_at).map_err(at("transaction"))?;
    let items = rlp::list_items(bytes, &list).map_err(at("transaction"))?;
    let names = tx_type.fields();
    if tx_type == TxType::Blob && items.len() == 4 && items[0].kind == rlp::ItemKind::List {
        return Err(TxError::BlobNetworkForm);
    }
    if items.len() != names.len() {
        return Err(at("transaction")(RlpError {
            kind: RlpErrorKind::WrongCount {
                found: items.len(),
                want: names.len(),
            },
            at: list.prefix.start,
        }));
    }
    let mut f = Fields {
        bytes,
        items,
        names,
        parts: Vec::new(),
    };
    if list_at == 1 {
        f.parts.push(Part {
            name: "type".to_owned(),
            value: Words::verbatim(format!("0x{first:02x}: {} transaction", tx_type.name())),
            kind: SpanKind::LedgerPrefix,
            prefix: 0..0,
            payload: 0..1,
        });
    }
    f.parts.push(Part {
        name: "transaction".to_owned(),
        value: list.describe_prefix(),
        kind: SpanKind::LedgerPrefix,
        prefix: list.prefix.clone(),
        payload: list.prefix.end..list.prefix.end,
    });
    let field_chain = f.u64("chain_id", SpanKind::LedgerField, |v| {
        concat(Words::verbatim(v), chain_name(v))
    })?;
    let nonce = f.u64("nonce", SpanKind::LedgerNonce, |v| {
        Words::verbatim(format!("{v} (the sender's transaction count)"))
    })?;
    let gwei = |v| wei(v, "gwei", 9);
    let gas_price = f.uint("gas_price", SpanKind::LedgerAmount, gwei)?;
    let max_priority_fee_per_gas =
        f.uint("max_priority_fee_per_gas", SpanKind::LedgerAmount, gwei)?;
    let max_fee_per_gas = f.uint("max_fee_per_gas", SpanKind::LedgerAmount, gwei)?;
    let gas_limit = f.u64("gas_limit", SpanKind::LedgerField, |v| {
        Words::verbatim(format!("{v} gas"))
    })?;
    let to = decode_to(&mut f, tx_type)?;
    let value = f
        .uint("value", SpanKind::LedgerAmount, |v| wei(v, "ETH", 18))?
        .unwrap_or_default();
    let data_item = f.item("data").cloned().unwrap_or(Item {
        kind: rlp::ItemKind::String,
        prefix: 0..0,
        payload: 0..0,
    });
    let data = rlp::string(bytes, &data_item).map_err(at("data"))?.to_vec();
    let access_list = f.access_list()?;
    let max_fee_per_blob_gas = f.uint("max_fee_per_blob_gas", SpanKind::LedgerAmount, |v| {
        wei(v, "gwei", 9)
    })?;
    let blob_versioned_hashes = match f.item("blob_versioned_hashes").cloned() {
        Some(list) => f.hashes("blob_versioned_hashes", &list)?,
        None => Vec::new(),
    };
    let sig_names = &names[names.len() - 3..];
    let v = f
        .uint(sig_names[0], SpanKind::LedgerSignature, Words::verbatim)?
        .unwrap_or_default();
    let r = f
        .uint("r", SpanKind::LedgerSignature, |v| {
            Words::verbatim(format!("{v} (signature r)"))
        })?
        .unwrap_or_default();
    let s = f
        .uint("s", SpanKind::LedgerSignature, |v| {
            Words::verbatim(format!("{v} (signature s)"))
        })?
        .unwrap_or_default();
    let sig_items = &f.items[names.len() - 3..];
    let signature_range = sig_items[0].prefix.start..sig_items[2].payload.end;
    let first_field = f.items[0].prefix.start;
    let last_unsigned = f.items[names.len() - 4].payload.end;

    // Chain id and y parity: from the fields (typed) or from v (legacy, EIP-155: v = chainId·2 + 35 + parity).
    let (chain_id, parity, v_problem) = match (tx_type, v.to_u64()) {
        (TxType::Legacy, Some(27 | 28)) => (None, v.to_u64() == Some(28), None),
        (TxType::Legacy, Some(v64 @ 35..)) => (Some((v64 - 35) / 2), (v64 - 35) % 2 == 1, None),
        (TxType::Legacy, _) => (
            None,
            false,
            Some(Words::verbatim(format!(
                "v = {v} is neither 27/28 nor chainId·2 + 35/36"
            ))),
        ),
        (_, Some(p @ (0 | 1))) => (field_chain, p == 1, None),
        (_, _) => (
            field_chain,
            false,
            Some(Words::verbatim(format!(
                "y_parity = {v}; it must be 0 or 1"
            ))),
        ),
    };
    if let Some(last) = f.parts.iter_mut().rev().find(|p| p.name == sig_names[0]) {
        last.value = match (&v_problem, chain_id) {
            (Some(p), _) => p.clone(),
            (None, Some(c)) if tx_type == TxType::Legacy => Words::verbatim(format!(
                "{v} = {c}·2 + {} (EIP-155, chain id {c})",
                35 + u8::from(parity)
            )),
            (None, None) => Words::verbatim(format!(
                "{v} (pre-EIP-155: no chain id, replayable on any chain)"
            )),
            (None, _) => Words::verbatim(format!("{v} (y parity of the signature point)")),
        };
    }

    // What was signed.
    let unsigned = bytes.get(first_field..last_unsigned).unwrap_or_default();
    let mut body = unsigned.to_vec();
    if let (TxType::Legacy, Some(c)) = (tx_type, chain_id) {
        body.extend_from_slice(&rlp::encode_u64(c));
        body.extend_from_slice(&[0x80, 0x80]);
    }
    let mut signing_payload = Vec::with_capacity(body.len() + 10);
    if list_at == 1 {
        signing_payload.push(first);
    }
    signing_payload.extend_from_slice(&rlp::encode_header(body.len(), true));
    signing_payload.extend_from_slice(&body);
    let signing_hash = keccak256(&signing_payload);
    let sender = match v_problem {
        Some(reason) => Sender::Invalid { reason },
        None => recover(&signing_hash, parity, r, s),
    };

    // The input, as calldata when it is some.
    let token = to
        .and_then(|a| known_token(&a))
        .filter(|_| chain_id.is_none_or(|c| c == 1));
    let units = Units {
        decimals: decimals.or_else(|| token.map(|t| t.decimals)),
        symbol: token.map(|t| t.symbol),
    };
    let (calldata, calldata_error) = match (to, data.is_empty()) {
        (Some(_), false) => match decode_calldata(&data, units) {
            Ok(c) => (Some(c), None),
            Err(e) => (None, Some(e)),
        },
        _ => (None, None),
    };
    let data_value = match (&calldata, &calldata_error, to) {
        (_, _, _) if data.is_empty() => Words::verbatim("empty (a plain ether transfer)"),
        (_, _, None) => Words::verbatim(format!("{} bytes of contract init code", data.len())),
        (Some(c), _, _) => Words::verbatim(format!(
            "{} bytes: call to {}",
            data.len(),
            c.function
                .map_or_else(|| "an unknown function".to_owned(), |f| f.signature())
        )),
        (_, Some(e), _) => concat(
            Words::verbatim(format!("{} bytes, not ERC-20/721 calldata: ", data.len())),
            e.words(),
        ),
        _ => Words::verbatim(format!("{} bytes", data.len())),
    };
    f.push("data", data_value, SpanKind::LedgerField, &data_item);
    if let Some(c) = &calldata {
        let base = data_item.payload.start;
        f.parts.extend(c.parts.iter().map(|p| Part {
            name: format!("data.{}", p.name),
            value: p.value.clone(),
            kind: p.kind,
            prefix: p.prefix.start + base..p.prefix.end + base,
            payload: p.payload.start + base..p.payload.end + base,
        }));
    }
    let mut parts = f.parts;
    parts.sort_by_key(|p| {
        (
            p.prefix.start.min(p.payload.start),
            std::cmp::Reverse(p.payload.end),
        )
    });
    Ok(Transaction {
        tx_type,
        chain_id,
        nonce: nonce.unwrap_or_default(),
        gas_price,
        max_priority_fee_per_gas,
        max_fee_per_gas,
        gas_limit: gas_limit.unwrap_or_default(),
        to,
        value,
        data,
        data_range: data_item.payload,
        calldata,
        calldata_error,
        access_list,
        max_fee_per_blob_gas,
        blob_versioned_hashes,
        v,
        r,
        s,
        signature_range,
        signing_payload,
        signing_hash,
        hash: keccak256(bytes),
        sender,
        token,
        parts,
    })
}
