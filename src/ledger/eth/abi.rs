//! ERC-20 and ERC-721 calldata: a 4-byte function selector, then 32-byte ABI words, decoded with their byte ranges.

use std::ops::Range;

use super::Part;
use super::address::Address;
use super::functions::{Function, Param, function_by_selector};
use super::u256::{U256, format_units};
use crate::i18n::{Worded, Words};
use crate::ledger::words::concat;
use crate::text::SpanKind;

/// A decoded argument value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgValue {
    /// An address.
    Address(Address),
    /// An unsigned integer.
    Uint(U256),
    /// A boolean.
    Bool(bool),
    /// Dynamic bytes.
    Bytes(Vec<u8>),
    /// A word of an unknown function.
    Word([u8; 32]),
}

impl ArgValue {
    /// The value in canonical text: EIP-55 address, decimal integer, `true`/`false`, `0x` hex.
    pub fn canonical(&self) -> String {
        match self {
            Self::Address(a) => a.to_checksum(),
            Self::Uint(v) => v.to_string(),
            Self::Bool(b) => b.to_string(),
            Self::Bytes(b) => format!("0x{}", hex::encode(b)),
            Self::Word(w) => format!("0x{}", hex::encode(w)),
        }
    }
}

/// One decoded argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arg {
    /// Parameter name (`word 3` for unknown functions).
    pub name: String,
    /// Solidity type (`bytes32` for a word of an unknown function).
    pub sol_type: &'static str,
    /// The value.
    pub value: ArgValue,
    /// The value in plain words (with token units when known), not yet worded.
    pub display: Words,
    /// Byte range of the argument's head word in the calldata.
    pub byte_range: Range<usize>,
}

/// How to show amounts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Units {
    /// The token's decimals, when known.
    pub decimals: Option<u8>,
    /// The token's symbol, when known.
    pub symbol: Option<&'static str>,
}

/// Decoded calldata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calldata {
    /// The 4-byte selector.
    pub selector: [u8; 4],
    /// The function, when the selector is one we know.
    pub function: Option<&'static Function>,
    /// The arguments (for an unknown function, every word).
    pub args: Vec<Arg>,
    /// Every piece of the calldata with its byte range: selector, words, offsets, lengths, extra words.
    pub parts: Vec<Part>,
}

/// Why calldata does not decode. Offsets are bytes into the calldata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AbiError {
    /// Shorter than a selector.
    TooShort {
        /// Its length.
        len: usize,
    },
    /// The words after the selector do not fill whole 32-byte words.
    Ragged {
        /// Where the partial word starts.
        at: usize,
        /// Its length.
        extra: usize,
    },
    /// A parameter's word is missing.
    MissingWord {
        /// The function signature.
        function: String,
        /// Word index.
        index: usize,
        /// Parameter name.
        name: &'static str,
        /// Where the word should start.
        at: usize,
    },
    /// An address word whose first 12 bytes are not zero.
    NotAnAddress {
        /// Word index.
        index: usize,
        /// Parameter name.
        name: &'static str,
        /// Where the word starts.
        at: usize,
    },
    /// A bool word other than 0 or 1.
    NotABool {
        /// Word index.
        index: usize,
        /// Parameter name.
        name: &'static str,
        /// Where the word starts.
        at: usize,
    },
    /// A `bytes` offset that does not point at a length word inside the calldata.
    BadOffset {
        /// Word index.
        index: usize,
        /// Parameter name.
        name: &'static str,
        /// Where the offset word starts.
        at: usize,
        /// The offset.
        offset: U256,
    },
    /// A `bytes` length that runs past the end.
    BadLength {
        /// Parameter name.
        name: &'static str,
        /// Where the length word starts.
        at: usize,
        /// The length.
        len: U256,
    },
}

impl Worded for AbiError {
    fn words(&self) -> Words {
        match self {
            Self::TooShort { len } => words!("inspect.err.abi_short").with("len", len),
            Self::Ragged { at, extra } => words!("inspect.err.abi_ragged")
                .with("extra", extra)
                .with("at", at),
            Self::MissingWord {
                function,
                index,
                name,
                at,
            } => words!("inspect.err.abi_missing")
                .with("function", function)
                .with("index", index)
                .with("name", name)
                .with("at", at),
            Self::NotAnAddress { index, name, at } => words!("inspect.err.abi_address")
                .with("index", index)
                .with("name", name)
                .with("at", at),
            Self::NotABool { index, name, at } => words!("inspect.err.abi_bool")
                .with("index", index)
                .with("name", name)
                .with("at", at),
            Self::BadOffset {
                index,
                name,
                at,
                offset,
            } => words!("inspect.err.abi_offset")
                .with("index", index)
                .with("name", name)
                .with("at", at)
                .with("offset", offset),
            Self::BadLength { name, at, len } => words!("inspect.err.abi_length")
                .with("name", name)
                .with("at", at)
                .with("len", len),
        }
    }
}

/// English words, for logs and the CLI; the UI words the error in its language with [`Worded`].
impl std::fmt::Display for AbiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.words().fmt(f)
    }
}

impl std::error::Error for AbiError {}

impl AbiError {
    /// Byte offset into the calldata of the problem.
    pub fn offset(&self) -> usize {
        match self {
            Self::TooShort { .. } => 0,
            Self::Ragged { at, .. }
            | Self::MissingWord { at, .. }
            | Self::NotAnAddress { at, .. }
            | Self::NotABool { at, .. }
            | Self::BadOffset { at, .. }
            | Self::BadLength { at, .. } => *at,
        }
    }
}

/// Describe an amount: raw, scaled when decimals are known, "unlimited" for 2^256 − 1.
pub fn describe_amount(value: U256, units: Units) -> Words {
    if value == U256::MAX {
        return words!("inspect.value.unlimited").with("value", value);
    }
    match units.decimals {
        Some(d) => words!("inspect.value.scaled")
            .with("value", value)
            .with("scaled", format_units(value, d))
            .with_words(
                "symbol",
                units
                    .symbol
                    .map_or_else(|| words!("inspect.value.tokens"), Words::verbatim),
            )
            .with("decimals", d),
        None => words!("inspect.value.base_units").with("value", value),
    }
}

fn word_at(data: &[u8], at: usize) -> Option<[u8; 32]> {
    data.get(at..at + 32)?.try_into().ok()
}

fn part(name: String, value: Words, kind: SpanKind, range: Range<usize>) -> Part {
    Part {
        name,
        value,
        kind,
        prefix: range.start..range.start,
        payload: range,
    }
}

/// Decode calldata: the selector, then each parameter's word checked against its type.
pub fn decode_calldata(data: &[u8], units: Units) -> Result<Calldata, AbiError> {
    let Some(selector) = data.get(..4).and_then(|s| <[u8; 4]>::try_from(s).ok()) else {
        return Err(AbiError::TooShort { len: data.len() });
    };
    let extra = (data.len() - 4) % 32;
    if extra != 0 {
        return Err(AbiError::Ragged {
            at: data.len() - extra,
            extra,
        });
    }
    let words = (data.len() - 4) / 32;
    let function = function_by_selector(selector);
    let mut out = Calldata {
        selector,
        function,
        args: Vec::new(),
        parts: vec![part(
            "selector".to_owned(),
            Words::verbatim(match function {
                Some(f) => format!(
                    "0x{} = {} ({})",
                    hex::encode(selector),
                    f.signature(),
                    f.standard
                ),
                None => format!(
                    "0x{}: not a function this inspector knows",
                    hex::encode(selector)
                ),
            }),
            SpanKind::LedgerSelector,
            0..4,
        )],
    };
    let mut covered = vec![false; words];
    if let Some(function) = function {
        for (index, &(name, param)) in function.params.iter().enumerate() {
            let at = 4 + 32 * index;
            let Some(word) = word_at(data, at) else {
                return Err(AbiError::MissingWord {
                    function: function.signature(),
                    index,
                    name,
                    at,
                });
            };
            covered[index] = true;
            let (value, kind) = match param {
                Param::Address => {
                    let Some(a) = Address::from_word(&word) else {
                        return Err(AbiError::NotAnAddress { index, name, at });
                    };
                    (ArgValue::Address(a), SpanKind::LedgerAddress)
                }
                Param::Bool => match U256::from_be_bytes(&word).to_u64() {
                    Some(v @ (0 | 1)) => (ArgValue::Bool(v == 1), SpanKind::LedgerField),
                    _ => return Err(AbiError::NotABool { index, name, at }),
                },
                Param::Amount | Param::AmountOrTokenId => (
                    ArgValue::Uint(U256::from_be_bytes(&word)),
                    SpanKind::LedgerAmount,
                ),
                Param::TokenId => (
                    ArgValue::Uint(U256::from_be_bytes(&word)),
                    SpanKind::LedgerField,
                ),
                Param::Bytes => {
                    let bytes =
                        decode_bytes(data, index, name, &word, &mut covered, &mut out.parts)?;
                    (ArgValue::Bytes(bytes), SpanKind::LedgerPrefix)
                }
            };
            let display = describe_arg(&value, param, units);
            out.parts
                .push(part(name.to_owned(), display.clone(), kind, at..at + 32));
            out.args.push(Arg {
                name: name.to_owned(),
                sol_type: param.sol_type(),
                value,
                display,
                byte_range: at..at + 32,
            });
        }
    }
    for (index, _) in covered.iter().enumerate().filter(|(_, c)| !**c) {
        let at = 4 + 32 * index;
        let Some(word) = word_at(data, at) else {
            continue;
        };
        let name = if function.is_some() {
            format!("extra word {index}")
        } else {
            format!("word {index}")
        };
        let mut display = describe_word(&word);
        if function.is_some() {
            display = concat(display, words!("inspect.value.not_a_parameter"));
        }
        out.parts.push(part(
            name.clone(),
            display.clone(),
            SpanKind::LedgerField,
            at..at + 32,
        ));
        if function.is_none() {
            out.args.push(Arg {
                name,
                sol_type: "bytes32",
                value: ArgValue::Word(word),
                display,
                byte_range: at..at + 32,
            });
        }
    }
    out.parts.sort_by_key(|p| p.payload.start);
    Ok(out)
}

/// Follow a `bytes` offset word to its length word and data, marking the tail words covered.
fn decode_bytes(
    data: &[u8],
    index: usize,
    name: &'static str,
    offset_word: &[u8; 32],
    covered: &mut [bool],
    parts: &mut Vec<Part>,
) -> Result<Vec<u8>, AbiError> {
    let at = 4 + 32 * index;
    let offset = U256::from_be_bytes(offset_word);
    let args_len = data.len() - 4;
    let bad_offset = AbiError::BadOffset {
        index,
        name,
        at,
        offset,
    };
    let Some(off) = offset.to_u64().and_then(|o| usize::try_from(o).ok()) else {
        return Err(bad_offset);
    };
    if off % 32 != 0 || off.checked_add(32).is_none_or(|end| end > args_len) {
        return Err(bad_offset);
    }
    let len_at = 4 + off;
    let len_word = word_at(data, len_at).unwrap_or_default();
    let len = U256::from_be_bytes(&len_word);
    let fits = len
        .to_u64()
        .and_then(|l| usize::try_from(l).ok())
        .filter(|&l| l <= data.len() - len_at - 32);
    let Some(n) = fits else {
        return Err(AbiError::BadLength {
            name,
            at: len_at,
            len,
        });
    };
    let start = len_at + 32;
    let padded = n.div_ceil(32) * 32;
    for w in off / 32..(off + 32 + padded.min(data.len() - start)) / 32 {
        if let Some(c) = covered.get_mut(w) {
            *c = true;
        }
    }
    parts.push(part(
        format!("{name} length"),
        Words::verbatim(format!("{n} bytes")),
        SpanKind::LedgerPrefix,
        len_at..len_at + 32,
    ));
    let bytes = data.get(start..start + n).unwrap_or_default().to_vec();
    if n > 0 {
        parts.push(part(
            format!("{name} bytes"),
            Words::verbatim(format!("0x{}", hex::encode(&bytes))),
            SpanKind::LedgerField,
            start..start + n,
        ));
    }
    Ok(bytes)
}

fn describe_arg(value: &ArgValue, param: Param, units: Units) -> Words {
    match (value, param) {
        (ArgValue::Uint(v), Param::Amount) => describe_amount(*v, units),
        (ArgValue::Uint(v), Param::AmountOrTokenId) => words!("inspect.value.or_token_id")
            .with_words("amount", describe_amount(*v, units))
            .with("id", v),
        (ArgValue::Uint(v), _) => words!("inspect.value.token_id").with("id", v),
        (ArgValue::Bytes(b), _) => words!("inspect.value.bytes_offset").with("n", b.len()),
        _ => Words::verbatim(value.canonical()),
    }
}

/// A word of an unknown function: its hex, its value as a number, and as an address when it could be one.
fn describe_word(word: &[u8; 32]) -> Words {
    let n = U256::from_be_bytes(word);
    match Address::from_word(word) {
        Some(a) if n > U256::from_u128(u128::from(u64::MAX)) => {
            words!("inspect.value.number_or_address")
                .with("n", n)
                .with("address", a)
        }
        _ => words!("inspect.value.number").with("n", n),
    }
}
