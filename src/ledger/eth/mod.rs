//! Real Ethereum data: EIP-55 addresses, ERC-20/721 calldata and raw signed transactions, decoded into spans.
//!
//! Pure: never imports the GUI crates. Every function takes untrusted text or bytes and returns plain data or an
//! error that says what is wrong and where (a byte offset, or a field path).

mod abi;
mod address;
mod functions;
mod hex;
mod inspect;
mod on_input;
mod report;
mod rlp;
mod sig;
mod tokens;
mod tx;
mod tx_fields;
mod u256;

use std::ops::Range;

use sha3::Digest as _;

use crate::i18n::Words;
use crate::text::SpanKind;

pub use abi::{AbiError, Arg, ArgValue, Calldata, Units, decode_calldata, describe_amount};
pub use address::{Address, AddressCheck, AddressError, Checksum, KeyError, parse_private_key};
pub use functions::{FUNCTIONS, Function, Param, function_by_selector};
pub use hex::HexError;
pub use inspect::{Detail, Field, InspectError, Inspection, Kind, detect, inspect};
pub use on_input::InputMap;
pub use report::report_json;
pub use rlp::{Item, ItemKind, RlpError, RlpErrorKind, decode_item, decode_whole, list_items};
pub use sig::{Sender, recover};
pub use tokens::{KNOWN_TOKENS, Token, known_token};
pub use tx::{Transaction, TxError, decode_transaction};
pub use tx_fields::{AccessListEntry, TxType};
pub use u256::{U256, format_units};

/// keccak256 of `data`, Ethereum's hash (not FIPS SHA3-256, which pads differently).
///
/// ```
/// use tokenlens::ledger::eth::keccak256;
/// assert_eq!(hex::encode(keccak256(b""))[..8], *"c5d24601");
/// ```
pub fn keccak256(data: &[u8]) -> [u8; 32] {
    sha3::Keccak256::digest(data).into()
}

/// Event topic 0 of `Transfer(address,address,uint256)` (ERC-20 and ERC-721).
pub const TRANSFER_TOPIC: [u8; 32] = [
    0xdd, 0xf2, 0x52, 0xad, 0x1b, 0xe2, 0xc8, 0x9b, 0x69, 0xc2, 0xb0, 0x68, 0xfc, 0x37, 0x8d, 0xaa,
    0x95, 0x2b, 0xa7, 0xf1, 0x63, 0xc4, 0xa1, 0x16, 0x28, 0xf5, 0x5a, 0x4d, 0xf5, 0x23, 0xb3, 0xef,
];

/// Event topic 0 of `Approval(address,address,uint256)` (ERC-20 and ERC-721).
pub const APPROVAL_TOPIC: [u8; 32] = [
    0x8c, 0x5b, 0xe1, 0xe5, 0xeb, 0xec, 0x7d, 0x5b, 0xd1, 0x4f, 0x71, 0x42, 0x7d, 0x1e, 0x84, 0xf3,
    0xdd, 0x03, 0x14, 0xc0, 0xf7, 0xb2, 0x29, 0x1e, 0x5b, 0x20, 0x0a, 0xc8, 0xc7, 0xc3, 0xb9, 0x25,
];

/// One decoded piece of a byte string: its name, its meaning, and where its prefix and payload are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// Field path, such as `nonce`, `data.amount` or `access_list[0].address`.
    pub name: String,
    /// The decoded value in plain words, not yet worded.
    pub value: Words,
    /// What the span shows.
    pub kind: SpanKind,
    /// Byte range of a length prefix (RLP), empty when there is none.
    pub prefix: Range<usize>,
    /// Byte range of the value.
    pub payload: Range<usize>,
}
