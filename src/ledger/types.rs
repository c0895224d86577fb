//! Small value types shared by the ledger: 32-byte hashes, signatures, amounts (addresses are `eth::Address`), and their readable JSON forms.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use super::eth::Address;
use super::eth::{U256, format_units};
use crate::i18n::{Worded, Words};

/// A 32-byte hash (SHA-256 for blocks and transactions), written as `0x` + 64 lowercase hex digits.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct H256(pub [u8; 32]);

impl H256 {
    /// The all-zero hash: the previous hash of the first block.
    pub const ZERO: Self = Self([0; 32]);

    /// `0x` + lowercase hex.
    pub fn to_hex(&self) -> String {
        format!("0x{}", hex::encode(self.0))
    }

    /// Parse `0x` + 64 hex digits (the `0x` is optional).
    pub fn parse(text: &str) -> Result<Self, FixedHexError> {
        parse_fixed::<32>(text, "hash").map(Self)
    }

    /// Number of leading zero bits: the hash meets a target of `bits` when this is at least `bits`.
    pub fn leading_zero_bits(&self) -> u32 {
        let mut zeros = 0;
        for byte in self.0 {
            if byte == 0 {
                zeros += 8;
            } else {
                return zeros + byte.leading_zeros();
            }
        }
        zeros
    }
}

impl fmt::Debug for H256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Display for H256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl Serialize for H256 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for H256 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A recoverable secp256k1 signature: `r ‖ s ‖ v` (v = recovery id 0 or 1), written as `0x` + 130 hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sig(pub [u8; 65]);

impl Default for Sig {
    fn default() -> Self {
        Self([0; 65])
    }
}

impl fmt::Debug for Sig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{}", hex::encode(self.0))
    }
}

impl Serialize for Sig {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("0x{}", hex::encode(self.0)))
    }
}

impl<'de> Deserialize<'de> for Sig {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        parse_fixed::<65>(&text, "signature")
            .map(Self)
            .map_err(serde::de::Error::custom)
    }
}

/// Why text is not a fixed number of hex bytes (a hash, a signature).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FixedHexError {
    /// Not the number of digits the value has.
    Length {
        /// What the value is (`hash`, `signature`).
        what: &'static str,
        /// The text as given, trimmed.
        text: String,
        /// Digits expected.
        want: usize,
        /// Digits found.
        found: usize,
    },
    /// A character that is not a hex digit.
    NotHex {
        /// What the value is.
        what: &'static str,
        /// The text as given, trimmed.
        text: String,
        /// The character.
        ch: char,
        /// Its index among the digits.
        at: usize,
    },
}

impl Worded for FixedHexError {
    fn words(&self) -> Words {
        match self {
            Self::Length {
                what,
                text,
                want,
                found,
            } => words!("ledger.err.hex_digits")
                .with("what", what)
                .with("text", format!("{text:?}"))
                .with("n", want)
                .with("found", found),
            Self::NotHex { what, text, ch, at } => words!("ledger.err.hex_char")
                .with("what", what)
                .with("text", format!("{text:?}"))
                .with("ch", format!("{ch:?}"))
                .with("at", at),
        }
    }
}

/// English words, for logs, serde and the CLI; the UI words the error in its language with [`Worded`].
impl fmt::Display for FixedHexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.words().fmt(f)
    }
}

impl std::error::Error for FixedHexError {}

/// Parse exactly `N` bytes of hex, with an optional `0x`, saying what was wrong and where: the first character
/// that is not a hex digit, or the number of digits (an odd count is named as such before any wrong character).
pub fn parse_fixed<const N: usize>(
    text: &str,
    what: &'static str,
) -> Result<[u8; N], FixedHexError> {
    let trimmed = text.trim();
    let digits = trimmed.strip_prefix("0x").unwrap_or(trimmed);
    let wrong_length = |found: usize| FixedHexError::Length {
        what,
        text: trimmed.to_owned(),
        want: 2 * N,
        found,
    };
    match hex::decode(digits) {
        Ok(bytes) => bytes
            .try_into()
            .map_err(|bytes: Vec<u8>| wrong_length(2 * bytes.len())),
        Err(hex::FromHexError::InvalidHexCharacter { index, .. }) => {
            // The digits before `index` are ASCII, so it starts a character; `hex` reports only its first byte.
            let ch = digits[index..].chars().next().unwrap_or_default();
            Err(FixedHexError::NotHex {
                what,
                text: trimmed.to_owned(),
                ch,
                at: index,
            })
        }
        Err(hex::FromHexError::OddLength | hex::FromHexError::InvalidStringLength) => {
            Err(wrong_length(digits.len()))
        }
    }
}

/// Serde for token amounts (`u128`) as decimal strings: JSON numbers above 2^53 lose digits in most readers.
pub mod amount {
    use std::fmt;

    use serde::de::{Error, MapAccess, Visitor};
    use serde::{Deserializer, Serializer};

    use crate::i18n::{Worded, Words};

    /// The key serde_json (with `arbitrary_precision`) uses to hand a number over as a one-entry map.
    const NUMBER_TOKEN: &str = "$serde_json::private::Number";

    /// Write the amount as a decimal string.
    pub fn serialize<S: Serializer>(value: &u128, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&value.to_string())
    }

    /// Read a decimal string of digits (surrounding spaces allowed), or a whole JSON number, from 0 to 2^128 − 1.
    /// Anything else is refused with what is wrong: negative, a fraction, not digits, too large, not a number.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u128, D::Error> {
        d.deserialize_any(AmountVisitor)
    }

    /// What is wrong with an amount.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum AmountWhy {
        /// Nothing was given.
        Empty,
        /// A minus sign.
        Negative,
        /// A fraction or an exponent.
        Fraction,
        /// Something other than digits.
        NotDigits,
        /// Over 2^128 − 1.
        TooLarge,
        /// Not a number or a string (a bool, null, a list, an object).
        WrongType,
    }

    impl AmountWhy {
        /// Catalogue key of the reason.
        fn key(self) -> &'static str {
            match self {
                Self::Empty => key!("ledger.err.amount_empty"),
                Self::Negative => key!("ledger.err.amount_negative"),
                Self::Fraction => key!("ledger.err.amount_fraction"),
                Self::NotDigits => key!("ledger.err.amount_digits"),
                Self::TooLarge => key!("ledger.err.amount_too_large"),
                Self::WrongType => key!("ledger.err.amount_type"),
            }
        }
    }

    /// Why an amount was refused: the text as given and what is wrong with it.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct AmountError {
        /// The amount as written.
        pub text: String,
        /// What is wrong.
        pub why: AmountWhy,
    }

    impl Worded for AmountError {
        fn words(&self) -> Words {
            words!("ledger.err.amount")
                .with("text", format!("{:?}", self.text))
                .with_words("why", Words::new(self.why.key()))
        }
    }

    /// English words, for serde and the CLI; the UI words the error in its language with [`Worded`].
    impl fmt::Display for AmountError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.words().fmt(f)
        }
    }

    impl std::error::Error for AmountError {}

    /// Parse the digits of an amount, saying what is wrong.
    pub fn parse(text: &str) -> Result<u128, AmountError> {
        let t = text.trim();
        let why = if t.is_empty() {
            AmountWhy::Empty
        } else if t.starts_with('-') && t.len() > 1 {
            AmountWhy::Negative
        } else if t.contains(['.', 'e', 'E']) && t.bytes().any(|b| b.is_ascii_digit()) {
            AmountWhy::Fraction
        } else if !t.bytes().all(|b| b.is_ascii_digit()) {
            AmountWhy::NotDigits
        } else {
            return t
                .parse::<u128>()
                .map_err(|_overflow| message(text, AmountWhy::TooLarge));
        };
        Err(message(text, why))
    }

    fn message(text: &str, why: AmountWhy) -> AmountError {
        AmountError {
            text: text.to_owned(),
            why,
        }
    }

    struct AmountVisitor;

    impl<'de> Visitor<'de> for AmountVisitor {
        type Value = u128;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an amount: a whole number from 0 to 2^128 - 1, as a decimal string")
        }

        fn visit_str<E: Error>(self, v: &str) -> Result<u128, E> {
            parse(v).map_err(E::custom)
        }

        fn visit_u64<E: Error>(self, v: u64) -> Result<u128, E> {
            Ok(u128::from(v))
        }

        fn visit_u128<E: Error>(self, v: u128) -> Result<u128, E> {
            Ok(v)
        }

        fn visit_i64<E: Error>(self, v: i64) -> Result<u128, E> {
            u128::try_from(v)
                .map_err(|_negative| E::custom(message(&v.to_string(), AmountWhy::Negative)))
        }

        fn visit_f64<E: Error>(self, v: f64) -> Result<u128, E> {
            Err(E::custom(message(&v.to_string(), AmountWhy::Fraction)))
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<u128, A::Error> {
            // serde_json's arbitrary-precision number: the digits as written.
            match map.next_key::<String>()? {
                Some(key) if key == NUMBER_TOKEN => {
                    let digits: String = map.next_value()?;
                    parse(&digits).map_err(A::Error::custom)
                }
                _ => Err(A::Error::custom(message("{…}", AmountWhy::WrongType))),
            }
        }

        fn visit_bool<E: Error>(self, v: bool) -> Result<u128, E> {
            Err(E::custom(message(&v.to_string(), AmountWhy::WrongType)))
        }

        fn visit_unit<E: Error>(self) -> Result<u128, E> {
            Err(E::custom(message("null", AmountWhy::WrongType)))
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, _seq: A) -> Result<u128, A::Error> {
            Err(A::Error::custom(message("[…]", AmountWhy::WrongType)))
        }
    }
}

/// A raw amount for people: `value / 10^decimals` (as [`format_units`] writes it) with thousands separators in the
/// whole part, and `u128::MAX`, an unlimited allowance, as "unlimited".
///
/// ```
/// use tokenlens::ledger::format_amount;
/// assert_eq!(format_amount(1_500_000, 6), "1.5");
/// assert_eq!(format_amount(1_234_567_000, 3), "1,234,567");
/// assert_eq!(format_amount(u128::MAX, 18), "unlimited");
/// ```
pub fn format_amount(value: u128, decimals: u8) -> String {
    if value == u128::MAX {
        return "unlimited".to_owned();
    }
    let plain = format_units(U256::from_u128(value), decimals);
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    let mut out = String::with_capacity(plain.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_hex_names_the_character_or_the_length() {
        assert_eq!(parse_fixed::<2>(" 0xabCD\n", "hash"), Ok([0xab, 0xcd]));
        let e = parse_fixed::<2>("0xab词d", "hash").unwrap_err().to_string();
        assert!(e.contains("'词' at character 2 is not a hex digit"), "{e}");
        let e = parse_fixed::<2>("abc", "hash").unwrap_err().to_string();
        assert!(e.contains("expected 4 hex digits, found 3"), "{e}");
        let e = parse_fixed::<2>("0xabcdef", "hash")
            .unwrap_err()
            .to_string();
        assert!(e.contains("found 6"), "{e}");
    }

    #[test]
    fn amounts_group_thousands_and_trim_the_fraction() {
        assert_eq!(format_amount(0, 6), "0");
        assert_eq!(format_amount(1, 6), "0.000001");
        assert_eq!(format_amount(1_000_000, 0), "1,000,000");
        assert_eq!(format_amount(123_456_789_000, 3), "123,456,789");
        assert_eq!(format_amount(u128::MAX - 1, 0).len(), 39 + 12);
    }
}
