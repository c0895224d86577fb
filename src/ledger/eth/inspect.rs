//! "Paste anything": tell an address, calldata and a raw transaction apart, decode it, and lay every field out as
//! spans over the normalized hex. A span carries its label and detail itself (`text::Note`): a value span is
//! labelled with its field path as text (the same in every language, so code may find a field's span by it), a
//! prefix or a wrongly cased digit in words; details are words, worded when the hover card is drawn. The UI links a
//! span to its entry in [`Inspection::fields`] by byte range, never by label.

use std::ops::Range;

use super::Part;
use super::abi::{AbiError, Calldata, Units, decode_calldata};
use super::address::{Address, AddressCheck, AddressError, Checksum};
use super::functions::function_by_selector;
use super::hex::{HexBytes, HexError, decode_hex};
use super::rlp;
use super::tx::{Transaction, TxError, decode_transaction};
use crate::i18n::{Worded, Words};
use crate::text::{Span, SpanKind, SpannedText, TextError};

/// What the input is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A 20-byte address (40 hex digits).
    Address,
    /// Contract calldata: a 4-byte selector and 32-byte words.
    Calldata,
    /// A raw signed transaction.
    Transaction,
}

/// The decoded value, by kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Detail {
    /// An address and its checksum verdict.
    Address(AddressCheck),
    /// Decoded calldata.
    Calldata(Calldata),
    /// A decoded transaction.
    Transaction(Box<Transaction>),
}

/// One named field with its value in plain words and its byte range in [`Inspection::text`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Field {
    /// Field path.
    pub name: String,
    /// Decoded value in plain words, not yet worded (English in JSON).
    #[serde(serialize_with = "crate::ledger::words::english")]
    pub value: Words,
    /// Byte range in the inspection text (derived values point at the bytes they come from).
    pub byte_range: Range<usize>,
}

/// The result of [`inspect`].
#[derive(Clone, Debug)]
pub struct Inspection {
    /// What the input is.
    pub kind: Kind,
    /// The normalized text (`0x` + lowercase hex, or the address as given with `0x`) with a span per field, each
    /// labelled with its field path and detailed in words.
    pub text: SpannedText,
    /// Every field, in byte order, then values derived from the whole (hashes, sender).
    pub fields: Vec<Field>,
    /// The typed result.
    pub detail: Detail,
}

impl Inspection {
    /// Why a decoded input is not valid (a wrong checksum, a signature that does not recover), if it is not.
    pub fn problem(&self) -> Option<Words> {
        match &self.detail {
            Detail::Address(check) => match &check.checksum {
                Checksum::Invalid { wrong_case, fixed } => Some(
                    words!("inspect.problem.checksum")
                        .with("n", wrong_case.len())
                        .with("fixed", fixed),
                ),
                _ => None,
            },
            Detail::Calldata(_) => None,
            Detail::Transaction(tx) => match tx.sender.address() {
                Some(_) => None,
                None => Some(
                    words!("inspect.problem.signature").with_words("why", tx.sender.describe()),
                ),
            },
        }
    }

    /// Whether the input decoded and checks out.
    pub fn is_valid(&self) -> bool {
        self.problem().is_none()
    }
}

/// Why the input could not be decoded. Offsets are bytes into the input as given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InspectError {
    /// The text is not hex.
    Hex(HexError),
    /// 40 hex digits that are not a usable address.
    Address(AddressError),
    /// It looked like calldata but does not decode.
    Calldata {
        /// The ABI problem.
        source: AbiError,
        /// Byte offset into the input.
        input_offset: usize,
    },
    /// It looked like a transaction but does not decode.
    Transaction {
        /// The transaction problem.
        source: TxError,
        /// Byte offset into the input.
        input_offset: usize,
    },
    /// Hex that is none of the kinds we decode.
    Unrecognized {
        /// How many bytes.
        bytes: usize,
        /// The catalogue key of a guess at what it is (its text starts with "; "), or empty.
        hint: &'static str,
    },
    /// A span fell outside the text (a bug, reported rather than panicking).
    Spans(TextError),
}

impl From<HexError> for InspectError {
    fn from(e: HexError) -> Self {
        Self::Hex(e)
    }
}

impl From<AddressError> for InspectError {
    fn from(e: AddressError) -> Self {
        Self::Address(e)
    }
}

impl From<TextError> for InspectError {
    fn from(e: TextError) -> Self {
        Self::Spans(e)
    }
}

impl Worded for InspectError {
    fn words(&self) -> Words {
        match self {
            Self::Hex(e) => e.words(),
            Self::Address(e) => words!("inspect.err.address").with_words("err", e.words()),
            Self::Calldata {
                source,
                input_offset,
            } => words!("inspect.err.calldata")
                .with_words("err", source.words())
                .with("at", input_offset),
            Self::Transaction {
                source,
                input_offset,
            } => words!("inspect.err.transaction")
                .with_words("err", source.words())
                .with("at", input_offset),
            Self::Unrecognized { bytes, hint } => words!("inspect.err.unrecognized")
                .with("bytes", bytes)
                .with_words(
                    "hint",
                    if hint.is_empty() {
                        Words::verbatim("")
                    } else {
                        Words::new(hint)
                    },
                ),
            Self::Spans(e) => words!("inspect.err.spans").with("err", e),
        }
    }
}

/// English words, for logs and the CLI; the UI words the error in its language with [`Worded`].
impl std::fmt::Display for InspectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.words().fmt(f)
    }
}

impl std::error::Error for InspectError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Hex(e) => Some(e),
            Self::Address(e) => Some(e),
            Self::Calldata { source, .. } => Some(source),
            Self::Transaction { source, .. } => Some(source),
            Self::Spans(e) => Some(e),
            Self::Unrecognized { .. } => None,
        }
    }
}

/// Cheap guess at what `text` is; `None` when it is none of the kinds. Never fails.
pub fn detect(text: &str) -> Option<Kind> {
    classify(&decode_hex(text).ok()?.bytes)
}

fn starts_list(bytes: &[u8]) -> Option<usize> {
    let at = usize::from(matches!(bytes.first(), Some(1..=4)));
    bytes.get(at).is_some_and(|&b| b >= 0xc0).then_some(at)
}

/// A 4-byte selector then whole 32-byte words.
fn calldata_shaped(bytes: &[u8]) -> bool {
    bytes.len().checked_sub(4).is_some_and(|n| n % 32 == 0)
}

fn classify(bytes: &[u8]) -> Option<Kind> {
    let selector = bytes.get(..4).and_then(|s| <[u8; 4]>::try_from(s).ok());
    if bytes.len() == 20 {
        Some(Kind::Address)
    } else if selector.and_then(function_by_selector).is_some() {
        Some(Kind::Calldata)
    } else if starts_list(bytes).is_some_and(|at| rlp::decode_whole(bytes, at).is_ok()) {
        Some(Kind::Transaction)
    } else if calldata_shaped(bytes) {
        Some(Kind::Calldata)
    } else if starts_list(bytes).is_some() || matches!(bytes, [1..=4, _, ..]) {
        Some(Kind::Transaction)
    } else {
        None
    }
}

/// Decode an address, calldata or raw transaction. `decimals` scales token amounts (else the known-token table
/// is used for transactions to USDT, USDC, DAI and WETH).
pub fn inspect(text: &str, decimals: Option<u8>) -> Result<Inspection, InspectError> {
    let hex = decode_hex(text)?;
    match classify(&hex.bytes) {
        Some(Kind::Address) => inspect_address(text),
        Some(Kind::Calldata) => inspect_calldata(&hex, decimals),
        Some(Kind::Transaction) => match decode_transaction(&hex.bytes, decimals) {
            Ok(tx) => inspect_transaction(&hex, tx),
            Err(_) if calldata_shaped(&hex.bytes) => inspect_calldata(&hex, decimals),
            Err(source) => Err(InspectError::Transaction {
                input_offset: hex.input_offset(source.offset()),
                source,
            }),
        },
        None => Err(InspectError::Unrecognized {
            bytes: hex.bytes.len(),
            hint: match hex.bytes.len() {
                32 => key!("inspect.err.hint_hash"),
                33 | 64 | 65 if hex.bytes.first() != Some(&0x04) => {
                    key!("inspect.err.hint_public_key")
                }
                65 => key!("inspect.err.hint_uncompressed"),
                _ => "",
            },
        }),
    }
}

fn inspect_address(text: &str) -> Result<Inspection, InspectError> {
    let check = Address::parse(text)?;
    let digits = &text[check.digits_range.clone()];
    let shown = format!("0x{digits}");
    let (verdict, mut spans) = match &check.checksum {
        Checksum::None { uppercase } => (
            words!("inspect.verdict.no_checksum")
                .with_words(
                    "case",
                    Words::new(if *uppercase {
                        key!("inspect.verdict.upper")
                    } else {
                        key!("inspect.verdict.lower")
                    }),
                )
                .with("address", check.address),
            Vec::new(),
        ),
        Checksum::Valid => (words!("inspect.verdict.valid"), Vec::new()),
        Checksum::Invalid { wrong_case, fixed } => (
            words!("inspect.verdict.invalid").with("fixed", fixed),
            wrong_case
                .iter()
                .map(|&at| {
                    let i = at - check.digits_range.start + 2;
                    let want = fixed.get(i..=i).unwrap_or_default();
                    Span::new(i..i + 1, SpanKind::Error)
                        .with_label(words!("inspect.span.wrong_case"))
                        .with_detail(
                            words!("inspect.span.should_be").with("want", format!("{want:?}")),
                        )
                })
                .collect(),
        ),
    };
    spans.push(
        Span::new(2..42, SpanKind::LedgerAddress)
            .with_label("address")
            .with_detail(verdict.clone()),
    );
    spans.push(
        Span::new(0..2, SpanKind::LedgerPrefix)
            .with_label("0x")
            .with_detail(words!("inspect.span.hex_prefix")),
    );
    let fields = vec![
        Field {
            name: "address".to_owned(),
            value: Words::verbatim(check.address.to_checksum()),
            byte_range: 2..42,
        },
        Field {
            name: "checksum".to_owned(),
            value: verdict,
            byte_range: 2..42,
        },
    ];
    Ok(Inspection {
        kind: Kind::Address,
        text: SpannedText::new(shown, spans)?,
        fields,
        detail: Detail::Address(check),
    })
}

fn inspect_calldata(hex: &HexBytes, decimals: Option<u8>) -> Result<Inspection, InspectError> {
    let units = Units {
        decimals,
        symbol: None,
    };
    let calldata = decode_calldata(&hex.bytes, units).map_err(|source| InspectError::Calldata {
        input_offset: hex.input_offset(source.offset()),
        source,
    })?;
    let (text, spans, fields) = lay_out(&hex.bytes, &calldata.parts);
    Ok(Inspection {
        kind: Kind::Calldata,
        text: SpannedText::new(text, spans)?,
        fields,
        detail: Detail::Calldata(calldata),
    })
}

fn inspect_transaction(hex: &HexBytes, tx: Transaction) -> Result<Inspection, InspectError> {
    let (text, spans, mut fields) = lay_out(&hex.bytes, &tx.parts);
    let all = 0..text.len();
    let signing_note = if tx.tx_type == super::TxType::Legacy && tx.chain_id.is_some() {
        words!("inspect.value.signing_hash_eip155")
    } else {
        Words::verbatim("")
    };
    let derived = [
        (
            "hash",
            words!("inspect.value.tx_hash").with("hash", hex::encode(tx.hash)),
            all.clone(),
        ),
        (
            "signing_hash",
            words!("inspect.value.signing_hash")
                .with("hash", hex::encode(tx.signing_hash))
                .with_words("extra", signing_note),
            all,
        ),
        (
            "from",
            tx.sender.describe(),
            text_range(&tx.signature_range),
        ),
    ];
    fields.extend(derived.into_iter().map(|(name, value, byte_range)| Field {
        name: name.to_owned(),
        value,
        byte_range,
    }));
    if let (super::TxType::Legacy, Some(c)) = (tx.tx_type, tx.chain_id) {
        let v = tx
            .parts
            .iter()
            .find(|p| p.name == "v")
            .map_or(0..0, |p| text_range(&p.payload));
        fields.push(Field {
            name: "chain_id".to_owned(),
            value: words!("inspect.value.chain_from_v").with("chain", c),
            byte_range: v,
        });
    }
    Ok(Inspection {
        kind: Kind::Transaction,
        text: SpannedText::new(text, spans)?,
        fields,
        detail: Detail::Transaction(Box::new(tx)),
    })
}

/// Byte range of decoded bytes `range` in the `0x`-prefixed hex text.
pub(crate) fn text_range(range: &Range<usize>) -> Range<usize> {
    2 + 2 * range.start..2 + 2 * range.end
}

/// The normalized text, a span per prefix and per value, and a field per part.
fn lay_out(bytes: &[u8], parts: &[Part]) -> (String, Vec<Span>, Vec<Field>) {
    let mut text = String::with_capacity(2 + 2 * bytes.len());
    text.push_str("0x");
    text.push_str(&hex::encode(bytes));
    let mut spans = Vec::with_capacity(2 * parts.len());
    let mut fields = Vec::with_capacity(parts.len());
    for p in parts {
        if !p.prefix.is_empty() {
            let is_list = bytes.get(p.prefix.start).is_some_and(|&b| b >= 0xc0);
            let kind = if is_list {
                rlp::ItemKind::List
            } else {
                rlp::ItemKind::String
            };
            spans.push(
                Span::new(text_range(&p.prefix), SpanKind::LedgerPrefix)
                    .with_label(words!("inspect.span.prefix_label").with("name", &p.name))
                    .with_detail(
                        words!("inspect.span.rlp_prefix")
                            .with_words("kind", rlp::kind_name(kind))
                            .with("n", p.payload.len()),
                    ),
            );
        }
        if !p.payload.is_empty() {
            spans.push(
                Span::new(text_range(&p.payload), p.kind)
                    .with_label(p.name.clone())
                    .with_detail(p.value.clone()),
            );
        }
        fields.push(Field {
            name: p.name.clone(),
            value: p.value.clone(),
            byte_range: text_range(&(p.prefix.start.min(p.payload.start)..p.payload.end)),
        });
    }
    (text, spans, fields)
}
