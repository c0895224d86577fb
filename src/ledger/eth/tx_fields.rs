//! The fields of each transaction type, and the walker that decodes them one by one into typed values and located
//! parts.

use super::Part;
use super::address::Address;
use super::rlp::{self, Item, RlpError, RlpErrorKind};
use super::tokens::known_token;
use super::tx::TxError;
use super::u256::{U256, format_units};
use crate::i18n::Words;
use crate::ledger::words::concat;
use crate::text::SpanKind;

/// The transaction envelope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TxType {
    /// An RLP list with no type byte (pre-EIP-155 or EIP-155).
    Legacy,
    /// Type 0x01, EIP-2930 access lists.
    AccessList,
    /// Type 0x02, EIP-1559 fee market.
    DynamicFee,
    /// Type 0x03, EIP-4844 blob transactions (canonical form, without the blobs).
    Blob,
}

impl TxType {
    /// The type number (0 for legacy).
    pub fn number(self) -> u8 {
        match self {
            Self::Legacy => 0,
            Self::AccessList => 1,
            Self::DynamicFee => 2,
            Self::Blob => 3,
        }
    }

    /// The defining standard.
    pub fn name(self) -> &'static str {
        match self {
            Self::Legacy => "legacy",
            Self::AccessList => "EIP-2930",
            Self::DynamicFee => "EIP-1559",
            Self::Blob => "EIP-4844",
        }
    }

    /// The field names in RLP order.
    #[rustfmt::skip]
    pub(super) fn fields(self) -> &'static [&'static str] {
        match self {
            Self::Legacy => &["nonce", "gas_price", "gas_limit", "to", "value", "data", "v", "r", "s"],
            Self::AccessList => &["chain_id", "nonce", "gas_price", "gas_limit", "to", "value", "data", "access_list",
                "y_parity", "r", "s"],
            Self::DynamicFee => &["chain_id", "nonce", "max_priority_fee_per_gas", "max_fee_per_gas", "gas_limit", "to",
                "value", "data", "access_list", "y_parity", "r", "s"],
            Self::Blob => &["chain_id", "nonce", "max_priority_fee_per_gas", "max_fee_per_gas", "gas_limit", "to",
                "value", "data", "access_list", "max_fee_per_blob_gas", "blob_versioned_hashes", "y_parity", "r", "s"],
        }
    }
}

/// One entry of an access list.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct AccessListEntry {
    /// The contract address.
    pub address: Address,
    /// Storage slots, as 32-byte keys.
    #[serde(serialize_with = "serialize_words")]
    pub storage_keys: Vec<[u8; 32]>,
}

fn serialize_words<S: serde::Serializer>(words: &[[u8; 32]], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(words.iter().map(|w| format!("0x{}", hex::encode(w))))
}

pub(super) fn at(field: impl Into<String>) -> impl FnOnce(RlpError) -> TxError {
    let field = field.into();
    move |source| TxError::Rlp { field, source }
}

pub(super) fn wei(v: U256, unit: &str, decimals: u8) -> Words {
    Words::verbatim(format!("{v} wei = {} {unit}", format_units(v, decimals)))
}

pub(super) fn hex32(w: &[u8; 32]) -> String {
    format!("0x{}", hex::encode(w))
}

/// The decoder's state: the raw bytes and the parts found so far.
pub(super) struct Fields<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) items: Vec<Item>,
    pub(super) names: &'static [&'static str],
    pub(super) parts: Vec<Part>,
}

impl Fields<'_> {
    pub(super) fn item(&self, name: &str) -> Option<&Item> {
        let i = self.names.iter().position(|n| *n == name)?;
        self.items.get(i)
    }

    pub(super) fn push(
        &mut self,
        name: impl Into<String>,
        value: Words,
        kind: SpanKind,
        item: &Item,
    ) {
        self.parts.push(Part {
            name: name.into(),
            value,
            kind,
            prefix: item.prefix.clone(),
            payload: item.payload.clone(),
        });
    }

    /// Decode the integer field `name` (absent in this transaction type: `None`) and record its part.
    fn int<T: Copy>(
        &mut self,
        name: &str,
        kind: SpanKind,
        decode: fn(&[u8], &Item) -> Result<T, RlpError>,
        show: impl Fn(T) -> Words,
    ) -> Result<Option<T>, TxError> {
        let Some(item) = self.item(name).cloned() else {
            return Ok(None);
        };
        let v = decode(self.bytes, &item).map_err(at(name))?;
        self.push(name, show(v), kind, &item);
        Ok(Some(v))
    }

    /// An integer field of up to 256 bits.
    pub(super) fn uint(
        &mut self,
        name: &str,
        kind: SpanKind,
        show: impl Fn(U256) -> Words,
    ) -> Result<Option<U256>, TxError> {
        self.int(name, kind, rlp::uint256, show)
    }

    /// An integer field of up to 64 bits.
    pub(super) fn u64(
        &mut self,
        name: &str,
        kind: SpanKind,
        show: impl Fn(u64) -> Words,
    ) -> Result<Option<u64>, TxError> {
        self.int(name, kind, rlp::uint64, show)
    }

    pub(super) fn access_list(&mut self) -> Result<Vec<AccessListEntry>, TxError> {
        let Some(list) = self.item("access_list").cloned() else {
            return Ok(Vec::new());
        };
        let entries = rlp::list_items(self.bytes, &list).map_err(at("access_list"))?;
        self.push(
            "access_list",
            words!("inspect.value.entries").with("n", entries.len()),
            SpanKind::LedgerField,
            &list,
        );
        let mut out = Vec::with_capacity(entries.len());
        for (i, entry) in entries.iter().enumerate() {
            let path = format!("access_list[{i}]");
            let pair = rlp::list_items(self.bytes, entry).map_err(at(path.clone()))?;
            let [address, keys] = pair.as_slice() else {
                return Err(at(path)(RlpError {
                    kind: RlpErrorKind::WrongCount {
                        found: pair.len(),
                        want: 2,
                    },
                    at: entry.prefix.start,
                }));
            };
            let a = Address(
                rlp::fixed::<20>(self.bytes, address).map_err(at(format!("{path}.address")))?,
            );
            self.push(
                format!("{path}.address"),
                Words::verbatim(a.to_checksum()),
                SpanKind::LedgerAddress,
                address,
            );
            let storage_keys = self.hashes(&format!("{path}.storage_keys"), keys)?;
            out.push(AccessListEntry {
                address: a,
                storage_keys,
            });
        }
        Ok(out)
    }

    pub(super) fn hashes(&mut self, path: &str, list: &Item) -> Result<Vec<[u8; 32]>, TxError> {
        let items = rlp::list_items(self.bytes, list).map_err(at(path))?;
        self.push(
            path,
            words!("inspect.value.hashes").with("n", items.len()),
            SpanKind::LedgerField,
            list,
        );
        let mut out = Vec::with_capacity(items.len());
        for (j, item) in items.iter().enumerate() {
            let name = format!("{path}[{j}]");
            let key = rlp::fixed::<32>(self.bytes, item).map_err(at(name.clone()))?;
            self.push(
                name,
                Words::verbatim(hex32(&key)),
                SpanKind::LedgerHash,
                item,
            );
            out.push(key);
        }
        Ok(out)
    }
}

pub(super) fn decode_to(f: &mut Fields<'_>, tx_type: TxType) -> Result<Option<Address>, TxError> {
    let Some(item) = f.item("to").cloned() else {
        return Ok(None);
    };
    if rlp::string(f.bytes, &item).map_err(at("to"))?.is_empty() && tx_type != TxType::Blob {
        f.push(
            "to",
            words!("inspect.value.creates_contract"),
            SpanKind::LedgerAddress,
            &item,
        );
        return Ok(None);
    }
    let a = Address(rlp::fixed::<20>(f.bytes, &item).map_err(at("to"))?);
    let value = match known_token(&a) {
        Some(t) => concat(
            Words::verbatim(a),
            words!("inspect.value.token_contract").with("symbol", t.symbol),
        ),
        None => Words::verbatim(a),
    };
    f.push("to", value, SpanKind::LedgerAddress, &item);
    Ok(Some(a))
}

/// " (Ethereum mainnet)" for a known chain id, else nothing.
pub(super) fn chain_name(id: u64) -> Words {
    match id {
        1 => words!("inspect.chain.mainnet"),
        11_155_111 => words!("inspect.chain.sepolia"),
        17000 => words!("inspect.chain.holesky"),
        _ => Words::verbatim(""),
    }
}
