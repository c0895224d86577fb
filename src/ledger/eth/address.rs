//! Ethereum addresses: EIP-55 mixed-case checksums, checking pasted addresses letter by letter, and deriving an
//! address from a secp256k1 key.

use std::fmt;
use std::ops::Range;

use super::hex::{char_at, nibble, skip_prefix};
use super::keccak256;
use crate::i18n::{Worded, Words};

/// A 20-byte Ethereum address. Displays and serializes as its EIP-55 checksummed form.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Address(pub [u8; 20]);

impl std::hash::Hash for Address {
    /// Three word writes instead of a length prefix and 20 byte writes: the ledger replay hashes an address for
    /// every transaction. Equal addresses still hash equally, so any seeded hasher stays collision-resistant.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let b = &self.0;
        state.write_u64(u64::from_le_bytes([
            b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
        ]));
        state.write_u64(u64::from_le_bytes([
            b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15],
        ]));
        state.write_u32(u32::from_le_bytes([b[16], b[17], b[18], b[19]]));
    }
}

/// Why pasted text is not an address. Offsets are bytes into the input as given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddressError {
    /// Nothing but whitespace, or only `0x`.
    Empty,
    /// A character that is not a hex digit.
    NonHex {
        /// Byte offset of the character.
        at: usize,
        /// The character.
        ch: char,
    },
    /// Not 40 hex digits.
    WrongLength {
        /// How many digits were found.
        digits: usize,
        /// Byte offset of the first digit.
        at: usize,
    },
}

impl Worded for AddressError {
    fn words(&self) -> Words {
        match self {
            Self::Empty => words!("inspect.err.address_empty"),
            Self::NonHex { at, ch } => words!("inspect.err.non_hex")
                .with("ch", format!("{ch:?}"))
                .with("at", at),
            Self::WrongLength { digits, at } => words!("inspect.err.address_length")
                .with("digits", digits)
                .with("at", at),
        }
    }
}

/// English words, for logs and the CLI; the UI words the error in its language with [`Worded`].
impl fmt::Display for AddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.words().fmt(f)
    }
}

impl std::error::Error for AddressError {}

/// Why a private key is refused. Messages never repeat the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// Nothing was given.
    Empty,
    /// A character that is not a hex digit.
    NonHex {
        /// Byte offset of the character.
        at: usize,
    },
    /// Not 64 hex digits.
    WrongLength {
        /// How many digits were found.
        digits: usize,
    },
    /// The key is zero.
    Zero,
    /// The key is at or above the curve order n.
    NotBelowOrder,
}

impl Worded for KeyError {
    fn words(&self) -> Words {
        match self {
            Self::Empty => words!("inspect.key.empty"),
            Self::NonHex { at } => words!("inspect.key.non_hex").with("at", at),
            Self::WrongLength { digits } => words!("inspect.key.length").with("digits", digits),
            Self::Zero => words!("inspect.key.zero"),
            Self::NotBelowOrder => words!("inspect.key.order"),
        }
    }
}

/// English words, for logs and the CLI; the UI words the error in its language with [`Worded`].
impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.words().fmt(f)
    }
}

impl std::error::Error for KeyError {}

/// The verdict on the letter case of a pasted address.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "verdict")]
pub enum Checksum {
    /// All letters one case: the address carries no checksum (EIP-55 treats it as unchecked).
    None {
        /// Whether the letters were upper case.
        uppercase: bool,
    },
    /// Mixed case that matches EIP-55.
    Valid,
    /// Mixed case that does not match EIP-55: probably a typo.
    Invalid {
        /// Byte offsets (into the input) of the letters whose case is wrong.
        wrong_case: Vec<usize>,
        /// The correctly checksummed address.
        fixed: String,
    },
}

/// A parsed address and what its letter case says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressCheck {
    /// The address.
    pub address: Address,
    /// Byte range of the 40 digits in the input.
    pub digits_range: Range<usize>,
    /// The checksum verdict.
    pub checksum: Checksum,
}

impl AddressCheck {
    /// False only when a mixed-case checksum is wrong.
    pub fn is_valid(&self) -> bool {
        !matches!(self.checksum, Checksum::Invalid { .. })
    }
}

impl Address {
    /// The zero address: "from" of a mint, "to" of a burn; never a valid sender or receiver.
    pub const ZERO: Self = Self([0; 20]);

    /// The last 20 bytes of keccak256 of a 64-byte uncompressed public key (x ‖ y, without the `04` prefix).
    pub fn from_raw_public_key(xy: &[u8; 64]) -> Self {
        let digest = keccak256(xy);
        let mut out = [0; 20];
        out.copy_from_slice(&digest[12..]);
        Self(out)
    }

    /// A short form for labels and messages: `0x1234…abcd`.
    pub fn short(&self) -> String {
        let full = self.to_checksum();
        format!("{}…{}", &full[..6], &full[38..])
    }

    /// The EIP-55 form: `0x`, then lowercase hex with letter i upper-cased when nibble i of
    /// keccak256(lowercase hex) is 8 or more.
    ///
    /// ```
    /// use tokenlens::ledger::eth::Address;
    /// let a = Address::parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed").unwrap().address;
    /// assert_eq!(a.to_checksum(), "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    /// ```
    pub fn to_checksum(&self) -> String {
        let lower = hex::encode(self.0);
        let hash = keccak256(lower.as_bytes());
        let mut out = String::with_capacity(42);
        out.push_str("0x");
        for (i, c) in lower.chars().enumerate() {
            let n = (hash[i / 2] >> (if i % 2 == 0 { 4 } else { 0 })) & 0x0f;
            out.push(if n >= 8 { c.to_ascii_uppercase() } else { c });
        }
        out
    }

    /// The address of a public key: the last 20 bytes of keccak256 of its uncompressed x‖y.
    pub fn from_public_key(key: &k256::PublicKey) -> Self {
        use k256::elliptic_curve::sec1::ToEncodedPoint as _;
        let point = key.to_encoded_point(false);
        let mut xy = [0u8; 64];
        if let Some(raw) = point.as_bytes().get(1..65) {
            xy.copy_from_slice(raw);
        }
        Self::from_raw_public_key(&xy)
    }

    /// The address of a private key; refuses 0 and values at or above the curve order.
    pub fn from_private_key(key: &[u8; 32]) -> Result<Self, KeyError> {
        if key.iter().all(|&b| b == 0) {
            return Err(KeyError::Zero);
        }
        let secret =
            k256::SecretKey::from_bytes(key.into()).map_err(|_err| KeyError::NotBelowOrder)?;
        Ok(Self::from_public_key(&secret.public_key()))
    }

    /// An address from the low 20 bytes of an ABI word whose first 12 bytes are zero.
    pub fn from_word(word: &[u8; 32]) -> Option<Self> {
        let (pad, tail) = word.split_at(12);
        if pad.iter().any(|&b| b != 0) {
            return None;
        }
        let mut out = [0u8; 20];
        out.copy_from_slice(tail);
        Some(Self(out))
    }

    /// Read a pasted address (with or without `0x`, surrounding whitespace allowed) and judge its checksum.
    pub fn parse(text: &str) -> Result<AddressCheck, AddressError> {
        let (_, start) = skip_prefix(text);
        let body = text[start..].trim_end();
        if body.is_empty() {
            return Err(AddressError::Empty);
        }
        if let Some(i) = body.bytes().position(|b| nibble(b).is_none()) {
            return Err(AddressError::NonHex {
                at: start + i,
                ch: char_at(text, start + i),
            });
        }
        if body.len() != 40 {
            return Err(AddressError::WrongLength {
                digits: body.len(),
                at: start,
            });
        }
        let address = Self(hex_array(body));
        let has_lower = body.bytes().any(|b| b.is_ascii_lowercase());
        let has_upper = body.bytes().any(|b| b.is_ascii_uppercase());
        let checksum = if has_lower && has_upper {
            let fixed = address.to_checksum();
            let wrong_case: Vec<usize> = body
                .bytes()
                .zip(fixed.bytes().skip(2))
                .enumerate()
                .filter(|(_, (given, want))| given != want)
                .map(|(i, _)| start + i)
                .collect();
            if wrong_case.is_empty() {
                Checksum::Valid
            } else {
                Checksum::Invalid { wrong_case, fixed }
            }
        } else {
            Checksum::None {
                uppercase: has_upper,
            }
        };
        Ok(AddressCheck {
            address,
            digits_range: start..start + 40,
            checksum,
        })
    }
}

/// Read a private key given as 64 hex digits (optional `0x`, surrounding whitespace) and check its range.
pub fn parse_private_key(text: &str) -> Result<[u8; 32], KeyError> {
    let (_, start) = skip_prefix(text);
    let body = text[start..].trim_end();
    if body.is_empty() {
        return Err(KeyError::Empty);
    }
    if let Some(i) = body.bytes().position(|b| nibble(b).is_none()) {
        return Err(KeyError::NonHex { at: start + i });
    }
    if body.len() != 64 {
        return Err(KeyError::WrongLength { digits: body.len() });
    }
    let key = hex_array(body);
    Address::from_private_key(&key)?;
    Ok(key)
}

/// `N` bytes from checked hex digits (`2·N` of them).
fn hex_array<const N: usize>(digits: &str) -> [u8; N] {
    let mut out = [0u8; N];
    for (o, pair) in out.iter_mut().zip(digits.as_bytes().chunks_exact(2)) {
        *o = nibble(pair[0]).unwrap_or(0) << 4 | nibble(pair[1]).unwrap_or(0);
    }
    out
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.to_checksum())
    }
}

impl fmt::Debug for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Address({})", self.to_checksum())
    }
}

impl serde::Serialize for Address {
    /// The EIP-55 string.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_checksum())
    }
}

impl<'de> serde::Deserialize<'de> for Address {
    /// Accepts any case, but refuses a mixed-case string whose checksum is wrong.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let check = Self::parse(&text).map_err(serde::de::Error::custom)?;
        if let Checksum::Invalid { fixed, .. } = &check.checksum {
            return Err(serde::de::Error::custom(format!(
                "address {text} has a wrong EIP-55 checksum; did you mean {fixed}?"
            )));
        }
        Ok(check.address)
    }
}
