//! Strict RLP (Ethereum's Recursive Length Prefix encoding) with positions: every item knows the byte range of its
//! prefix and of its payload. Non-canonical encodings are refused, as Ethereum clients refuse them.

use std::fmt;
use std::ops::Range;

use super::u256::U256;
use crate::i18n::{Worded, Words};

/// Whether an item is a byte string or a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// A byte string (integers are big-endian strings without leading zeros).
    String,
    /// A list of items.
    List,
}

/// One RLP item located in its input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// String or list.
    pub kind: ItemKind,
    /// Bytes of the length prefix (empty for a single byte below 0x80, which is its own encoding).
    pub prefix: Range<usize>,
    /// Bytes of the payload.
    pub payload: Range<usize>,
}

impl Item {
    /// The whole item: prefix and payload.
    pub fn range(&self) -> Range<usize> {
        self.prefix.start..self.payload.end
    }

    /// The payload's length in bytes.
    pub fn len(&self) -> usize {
        self.payload.len()
    }

    /// Whether the payload is empty.
    pub fn is_empty(&self) -> bool {
        self.payload.is_empty()
    }

    /// A short description of the prefix, for a hover card.
    pub fn describe_prefix(&self) -> Words {
        let what = match self.kind {
            ItemKind::String => "string",
            ItemKind::List => "list",
        };
        Words::verbatim(match self.prefix.len() {
            0 => "a single byte below 0x80 is its own encoding (no prefix)".to_owned(),
            1 => format!("RLP {what} of {} bytes (short form)", self.len()),
            n => format!(
                "RLP {what} of {} bytes (long form: 1 byte + {} length bytes)",
                self.len(),
                n - 1
            ),
        })
    }
}

/// What is wrong with an RLP encoding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RlpErrorKind {
    /// The data ends where an item should start.
    Missing,
    /// A length prefix claims more bytes than remain.
    PastEnd {
        /// Bytes the prefix claims (prefix length bytes included).
        claimed: u64,
        /// Bytes that remain from the item's start.
        remaining: usize,
    },
    /// A single byte below 0x80 wrapped in a 0x81 prefix.
    WrappedSingleByte {
        /// The byte.
        byte: u8,
    },
    /// The long form used for a length under 56.
    LongFormForShort {
        /// The length.
        len: u64,
    },
    /// A length with leading zero bytes.
    LengthLeadingZero,
    /// A length that needs more than 8 bytes.
    LengthTooLong,
    /// Bytes after the last item.
    Trailing {
        /// How many.
        count: usize,
    },
    /// A list where a string was expected, or the reverse.
    WrongKind {
        /// What was expected.
        expected: ItemKind,
    },
    /// An integer with a leading zero byte (zero is the empty string).
    IntegerLeadingZero,
    /// An integer wider than the field allows.
    IntegerTooLarge {
        /// Its width in bytes.
        bytes: usize,
        /// The most bytes allowed.
        max: usize,
    },
    /// A fixed-size field of the wrong size.
    WrongSize {
        /// Its size in bytes.
        bytes: usize,
        /// The size required.
        want: usize,
    },
    /// A list with the wrong number of items.
    WrongCount {
        /// How many items it has.
        found: usize,
        /// How many it needs.
        want: usize,
    },
}

/// An RLP error, with the byte offset into the decoded bytes where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RlpError {
    /// What is wrong.
    pub kind: RlpErrorKind,
    /// Byte offset into the decoded bytes.
    pub at: usize,
}

impl Worded for RlpError {
    fn words(&self) -> Words {
        words!("inspect.rlp.at")
            .with_words("kind", self.kind.words())
            .with("at", self.at)
    }
}

/// English words, for logs and the CLI; the UI words the error in its language with [`Worded`].
impl fmt::Display for RlpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.words().fmt(f)
    }
}

impl std::error::Error for RlpError {}

impl Worded for RlpErrorKind {
    fn words(&self) -> Words {
        match self {
            Self::Missing => words!("inspect.rlp.missing"),
            Self::PastEnd { claimed, remaining } => words!("inspect.rlp.past_end")
                .with("claimed", claimed)
                .with("remaining", remaining),
            Self::WrappedSingleByte { byte } => {
                words!("inspect.rlp.wrapped_byte").with("byte", format!("{byte:02x}"))
            }
            Self::LongFormForShort { len } => words!("inspect.rlp.long_form").with("len", len),
            Self::LengthLeadingZero => words!("inspect.rlp.length_zero"),
            Self::LengthTooLong => words!("inspect.rlp.length_long"),
            Self::Trailing { count } => words!("inspect.rlp.trailing").with("count", count),
            Self::WrongKind { expected } => words!("inspect.rlp.wrong_kind")
                .with_words("expected", kind_name(*expected))
                .with_words(
                    "found",
                    kind_name(match expected {
                        ItemKind::String => ItemKind::List,
                        ItemKind::List => ItemKind::String,
                    }),
                ),
            Self::IntegerLeadingZero => words!("inspect.rlp.integer_zero"),
            Self::IntegerTooLarge { bytes, max } => words!("inspect.rlp.integer_large")
                .with("bytes", bytes)
                .with("max", max),
            Self::WrongSize { bytes, want } => words!("inspect.rlp.wrong_size")
                .with("bytes", bytes)
                .with("want", want),
            Self::WrongCount { found, want } => words!("inspect.rlp.wrong_count")
                .with("found", found)
                .with("want", want),
        }
    }
}

/// English words, for logs and the CLI; the UI words it in its language with [`Worded`].
impl fmt::Display for RlpErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.words().fmt(f)
    }
}

/// The name of an item kind ("string", "list").
pub fn kind_name(kind: ItemKind) -> Words {
    match kind {
        ItemKind::String => words!("inspect.rlp.string"),
        ItemKind::List => words!("inspect.rlp.list"),
    }
}

fn err(kind: RlpErrorKind, at: usize) -> RlpError {
    RlpError { kind, at }
}

/// Decode the item that starts at byte `at`, checking its length fits in `end`.
pub fn decode_item(bytes: &[u8], at: usize, end: usize) -> Result<Item, RlpError> {
    let end = end.min(bytes.len());
    let Some(&first) = bytes.get(at).filter(|_| at < end) else {
        return Err(err(RlpErrorKind::Missing, at));
    };
    let remaining = end - at;
    let (kind, short_base, long_base) = if first < 0xc0 {
        (ItemKind::String, 0x80u8, 0xb7u8)
    } else {
        (ItemKind::List, 0xc0, 0xf7)
    };
    if first < 0x80 {
        return Ok(Item {
            kind,
            prefix: at..at,
            payload: at..at + 1,
        });
    }
    let (prefix_len, len) = if first <= long_base {
        (1usize, u64::from(first - short_base))
    } else {
        let len_len = usize::from(first - long_base);
        if len_len > 8 {
            return Err(err(RlpErrorKind::LengthTooLong, at));
        }
        let Some(len_bytes) = bytes
            .get(at + 1..at + 1 + len_len)
            .filter(|_| len_len < remaining)
        else {
            return Err(err(
                RlpErrorKind::PastEnd {
                    claimed: 1 + len_len as u64,
                    remaining,
                },
                at,
            ));
        };
        if len_bytes[0] == 0 {
            return Err(err(RlpErrorKind::LengthLeadingZero, at + 1));
        }
        let len = len_bytes
            .iter()
            .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        if len < 56 {
            return Err(err(RlpErrorKind::LongFormForShort { len }, at));
        }
        (1 + len_len, len)
    };
    let total = (prefix_len as u64).saturating_add(len);
    if total > remaining as u64 {
        return Err(err(
            RlpErrorKind::PastEnd {
                claimed: total,
                remaining,
            },
            at,
        ));
    }
    let start = at + prefix_len;
    let payload = start..start + len as usize;
    if kind == ItemKind::String && len == 1 && bytes[start] < 0x80 {
        return Err(err(
            RlpErrorKind::WrappedSingleByte { byte: bytes[start] },
            at,
        ));
    }
    Ok(Item {
        kind,
        prefix: at..start,
        payload,
    })
}

/// Decode exactly one item filling `bytes[at..]`; trailing bytes are an error.
pub fn decode_whole(bytes: &[u8], at: usize) -> Result<Item, RlpError> {
    let item = decode_item(bytes, at, bytes.len())?;
    let end = item.payload.end;
    if end < bytes.len() {
        return Err(err(
            RlpErrorKind::Trailing {
                count: bytes.len() - end,
            },
            end,
        ));
    }
    Ok(item)
}

/// The items of a list, one level deep.
pub fn list_items(bytes: &[u8], list: &Item) -> Result<Vec<Item>, RlpError> {
    if list.kind != ItemKind::List {
        return Err(err(
            RlpErrorKind::WrongKind {
                expected: ItemKind::List,
            },
            list.prefix.start,
        ));
    }
    let mut items = Vec::new();
    let mut at = list.payload.start;
    while at < list.payload.end {
        let item = decode_item(bytes, at, list.payload.end)?;
        at = item.payload.end;
        items.push(item);
    }
    Ok(items)
}

/// The payload of a string item.
pub fn string<'a>(bytes: &'a [u8], item: &Item) -> Result<&'a [u8], RlpError> {
    if item.kind != ItemKind::String {
        return Err(err(
            RlpErrorKind::WrongKind {
                expected: ItemKind::String,
            },
            item.prefix.start,
        ));
    }
    Ok(bytes.get(item.payload.clone()).unwrap_or_default())
}

/// A canonical integer of at most `max` bytes.
fn integer_bytes<'a>(bytes: &'a [u8], item: &Item, max: usize) -> Result<&'a [u8], RlpError> {
    let payload = string(bytes, item)?;
    if payload.first() == Some(&0) {
        return Err(err(RlpErrorKind::IntegerLeadingZero, item.payload.start));
    }
    if payload.len() > max {
        return Err(err(
            RlpErrorKind::IntegerTooLarge {
                bytes: payload.len(),
                max,
            },
            item.payload.start,
        ));
    }
    Ok(payload)
}

/// A canonical integer that fits a `u64`.
pub fn uint64(bytes: &[u8], item: &Item) -> Result<u64, RlpError> {
    let payload = integer_bytes(bytes, item, 8)?;
    Ok(payload
        .iter()
        .fold(0u64, |acc, &b| (acc << 8) | u64::from(b)))
}

/// A canonical integer of up to 256 bits.
pub fn uint256(bytes: &[u8], item: &Item) -> Result<U256, RlpError> {
    let payload = integer_bytes(bytes, item, 32)?;
    Ok(U256::from_be_slice(payload).unwrap_or_default())
}

/// A string of exactly `N` bytes.
pub fn fixed<const N: usize>(bytes: &[u8], item: &Item) -> Result<[u8; N], RlpError> {
    let payload = string(bytes, item)?;
    <[u8; N]>::try_from(payload).map_err(|_err| {
        err(
            RlpErrorKind::WrongSize {
                bytes: payload.len(),
                want: N,
            },
            item.payload.start,
        )
    })
}

/// The prefix of a list (or string, with base 0x80) whose payload is `len` bytes long.
pub fn encode_header(len: usize, list: bool) -> Vec<u8> {
    let (short, long) = if list { (0xc0u8, 0xf7u8) } else { (0x80, 0xb7) };
    if len < 56 {
        return vec![short + len as u8];
    }
    let be = (len as u64).to_be_bytes();
    let skip = be.iter().take_while(|&&b| b == 0).count();
    let mut out = vec![long + (8 - skip) as u8];
    out.extend_from_slice(&be[skip..]);
    out
}

/// The RLP encoding of an integer.
pub fn encode_u64(v: u64) -> Vec<u8> {
    let be = v.to_be_bytes();
    let skip = be.iter().take_while(|&&b| b == 0).count();
    let digits = &be[skip..];
    match digits {
        [] => vec![0x80],
        [b] if *b < 0x80 => vec![*b],
        _ => {
            let mut out = encode_header(digits.len(), false);
            out.extend_from_slice(digits);
            out
        }
    }
}
