//! A small 256-bit unsigned integer for ABI words and RLP values: parse, compare, print in decimal and in token
//! units.

use std::cmp::Ordering;
use std::fmt::{self, Write as _};

/// A 256-bit unsigned integer, four 64-bit limbs, least significant first.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct U256([u64; 4]);

impl U256 {
    /// Zero.
    pub const ZERO: Self = Self([0; 4]);
    /// 2^256 − 1, the largest value; as an ERC-20 allowance it means "unlimited".
    pub const MAX: Self = Self([u64::MAX; 4]);

    /// A value from a `u64`.
    pub const fn from_u64(v: u64) -> Self {
        Self([v, 0, 0, 0])
    }

    /// A value from a `u128`.
    pub const fn from_u128(v: u128) -> Self {
        Self([v as u64, (v >> 64) as u64, 0, 0])
    }

    /// A value from 32 big-endian bytes (an ABI word).
    pub fn from_be_bytes(bytes: &[u8; 32]) -> Self {
        let mut limbs = [0u64; 4];
        for (i, chunk) in bytes.chunks_exact(8).enumerate() {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            limbs[3 - i] = u64::from_be_bytes(b);
        }
        Self(limbs)
    }

    /// A value from at most 32 big-endian bytes (an RLP integer); `None` when longer.
    pub fn from_be_slice(bytes: &[u8]) -> Option<Self> {
        let pad = 32usize.checked_sub(bytes.len())?;
        let mut word = [0u8; 32];
        word[pad..].copy_from_slice(bytes);
        Some(Self::from_be_bytes(&word))
    }

    /// The 32 big-endian bytes.
    pub fn to_be_bytes(&self) -> [u8; 32] {
        let mut out = [0u8; 32];
        for (i, chunk) in out.chunks_exact_mut(8).enumerate() {
            chunk.copy_from_slice(&self.0[3 - i].to_be_bytes());
        }
        out
    }

    /// Parse a decimal string of ASCII digits; `None` when empty, not digits, or above [`U256::MAX`].
    pub fn from_dec_str(text: &str) -> Option<Self> {
        if text.is_empty() {
            return None;
        }
        let mut v = Self::ZERO;
        for b in text.bytes() {
            let digit = char::from(b).to_digit(10)?;
            v = v.mul_add_small(10, u64::from(digit))?;
        }
        Some(v)
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        self.0 == [0; 4]
    }

    /// The value as a `u64`, when it fits.
    pub fn to_u64(&self) -> Option<u64> {
        (self.0[1..] == [0; 3]).then_some(self.0[0])
    }

    /// Minimal `0x` hex, as JSON-RPC prints quantities (`0x0` for zero).
    pub fn to_hex(&self) -> String {
        let bytes = self.to_be_bytes();
        let digits = hex::encode(bytes);
        let trimmed = digits.trim_start_matches('0');
        format!("0x{}", if trimmed.is_empty() { "0" } else { trimmed })
    }

    /// `self · mul + add`, or `None` on overflow.
    fn mul_add_small(self, mul: u64, add: u64) -> Option<Self> {
        let mut carry = u128::from(add);
        let mut out = [0u64; 4];
        for (o, limb) in out.iter_mut().zip(self.0) {
            let t = u128::from(limb) * u128::from(mul) + carry;
            *o = t as u64;
            carry = t >> 64;
        }
        (carry == 0).then_some(Self(out))
    }

    /// Quotient and remainder by a non-zero `u64`.
    fn div_rem_small(self, div: u64) -> (Self, u64) {
        let mut out = [0u64; 4];
        let mut rem = 0u128;
        for i in (0..4).rev() {
            let cur = (rem << 64) | u128::from(self.0[i]);
            out[i] = (cur / u128::from(div)) as u64;
            rem = cur % u128::from(div);
        }
        (Self(out), rem as u64)
    }
}

impl Ord for U256 {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.iter().rev().cmp(other.0.iter().rev())
    }
}

impl PartialOrd for U256 {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl From<u64> for U256 {
    fn from(v: u64) -> Self {
        Self::from_u64(v)
    }
}

impl fmt::Display for U256 {
    /// Decimal digits, no separators.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const CHUNK: u64 = 10_000_000_000_000_000_000; // 10^19, the largest power of ten in a u64
        let mut chunks = Vec::with_capacity(5);
        let mut v = *self;
        loop {
            let (q, r) = v.div_rem_small(CHUNK);
            chunks.push(r);
            if q.is_zero() {
                break;
            }
            v = q;
        }
        let mut out = String::with_capacity(78);
        for (i, c) in chunks.iter().rev().enumerate() {
            if i == 0 {
                write!(out, "{c}")?;
            } else {
                write!(out, "{c:019}")?;
            }
        }
        f.pad(&out)
    }
}

impl fmt::Debug for U256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "U256({self})")
    }
}

impl serde::Serialize for U256 {
    /// A decimal string: JSON numbers lose precision above 2^53 in most readers.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for U256 {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::from_dec_str(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("{text:?} is not a decimal integer below 2^256"))
        })
    }
}

/// `value / 10^decimals` in plain decimal, without thousands separators, trailing zeros of the fraction trimmed.
///
/// ```
/// use tokenlens::ledger::eth::{U256, format_units};
/// assert_eq!(format_units(U256::from_u64(610_000_000_000), 6), "610000");
/// assert_eq!(format_units(U256::from_u64(500_000_000_000_000_000), 18), "0.5");
/// assert_eq!(format_units(U256::from_u64(1), 3), "0.001");
/// ```
pub fn format_units(value: U256, decimals: u8) -> String {
    let digits = value.to_string();
    let decimals = usize::from(decimals);
    if decimals == 0 {
        return digits;
    }
    let padded = if digits.len() <= decimals {
        format!("{}{digits}", "0".repeat(decimals + 1 - digits.len()))
    } else {
        digits
    };
    let (int, frac) = padded.split_at(padded.len() - decimals);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        int.to_owned()
    } else {
        format!("{int}.{frac}")
    }
}
