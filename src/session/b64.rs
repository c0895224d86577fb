//! Strict base64url (RFC 4648 §5, no padding) with errors that say exactly where and why.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Why a segment is not strict base64url. Offsets are bytes into the segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum B64Error {
    /// A character outside the base64url alphabet.
    InvalidChar {
        /// Offset of the character.
        at: usize,
        /// The character.
        ch: char,
    },
    /// A `+` or `/`: the standard base64 alphabet instead of base64url.
    StandardAlphabet {
        /// Offset of the character.
        at: usize,
        /// The character.
        ch: char,
    },
    /// `=` padding, which JWS forbids.
    Padding {
        /// Offset of the first `=`.
        at: usize,
    },
    /// Whitespace inside a segment (any Unicode whitespace, e.g. a pasted non-breaking space).
    Whitespace {
        /// Offset of the whitespace.
        at: usize,
        /// The whitespace character (it may be several bytes long).
        ch: char,
    },
    /// A length of 4n+1 characters cannot encode whole bytes.
    BadLength {
        /// Segment length.
        len: usize,
    },
    /// The last character has bits set that encode nothing (a malleable, non-canonical encoding).
    NonCanonical {
        /// Offset of the last character.
        at: usize,
        /// The character found.
        ch: char,
    },
}

impl B64Error {
    /// Byte range of the problem within the segment.
    pub fn range(&self, segment_len: usize) -> std::ops::Range<usize> {
        match *self {
            Self::InvalidChar { at, ch }
            | Self::StandardAlphabet { at, ch }
            | Self::NonCanonical { at, ch } => at..at + ch.len_utf8(),
            Self::Padding { at } => at..segment_len,
            Self::Whitespace { at, ch } => at..at + ch.len_utf8(),
            Self::BadLength { len } => len.saturating_sub(1)..len,
        }
    }
}

/// Decode `segment` as strict base64url.
///
/// ```
/// use tokenlens::session::{decode_b64url, B64Error};
/// assert_eq!(decode_b64url("eyJhIjoxfQ").unwrap(), br#"{"a":1}"#);
/// assert!(matches!(decode_b64url("eyJhIjoxfR"), Err(B64Error::NonCanonical { at: 9, .. })));
/// ```
pub fn decode_b64url(segment: &str) -> Result<Vec<u8>, B64Error> {
    for (at, ch) in segment.char_indices() {
        match ch {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '_' => {}
            '+' | '/' => return Err(B64Error::StandardAlphabet { at, ch }),
            '=' => return Err(B64Error::Padding { at }),
            c if c.is_whitespace() => return Err(B64Error::Whitespace { at, ch: c }),
            _ => return Err(B64Error::InvalidChar { at, ch }),
        }
    }
    let len = segment.len();
    if len % 4 == 1 {
        return Err(B64Error::BadLength { len });
    }
    // The alphabet and length are fine, so the only failure left is trailing bits in the last symbol.
    URL_SAFE_NO_PAD.decode(segment).map_err(|e| {
        let (at, byte) = match e {
            base64::DecodeError::InvalidLastSymbol(at, byte)
            | base64::DecodeError::InvalidByte(at, byte) => (at, byte),
            _ => (len - 1, segment.as_bytes()[len - 1]),
        };
        B64Error::NonCanonical {
            at,
            ch: char::from(byte),
        }
    })
}

/// Encode bytes as base64url without padding.
pub fn encode_b64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The range of base64url characters that encode decoded bytes `bytes` (each byte touches two characters).
///
/// ```
/// // "{\"a\":1}" -> eyJhIjoxfQ: byte 0..1 is in chars 0..2.
/// assert_eq!(tokenlens::session::b64_chars_for_bytes(0..1, 10), 0..2);
/// assert_eq!(tokenlens::session::b64_chars_for_bytes(3..6, 10), 4..8);
/// ```
pub fn b64_chars_for_bytes(
    bytes: std::ops::Range<usize>,
    segment_len: usize,
) -> std::ops::Range<usize> {
    if bytes.is_empty() {
        let at = (bytes.start * 8 / 6).min(segment_len);
        return at..at;
    }
    let start = bytes.start * 8 / 6;
    let end = ((bytes.end * 8 - 1) / 6 + 1).min(segment_len);
    start..end
}

/// The range of decoded bytes that base64url characters `chars` contribute to.
pub fn bytes_for_b64_chars(
    chars: std::ops::Range<usize>,
    decoded_len: usize,
) -> std::ops::Range<usize> {
    let start = (chars.start * 6 / 8).min(decoded_len);
    let end = (chars.end * 6).div_ceil(8).min(decoded_len);
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_position() {
        assert_eq!(
            decode_b64url("ab+c"),
            Err(B64Error::StandardAlphabet { at: 2, ch: '+' })
        );
        assert_eq!(
            decode_b64url("ab/c"),
            Err(B64Error::StandardAlphabet { at: 2, ch: '/' })
        );
        assert_eq!(decode_b64url("YQ=="), Err(B64Error::Padding { at: 2 }));
        assert_eq!(
            decode_b64url("ab c"),
            Err(B64Error::Whitespace { at: 2, ch: ' ' })
        );
        // Found by fuzzing: a non-breaking space is two bytes, and the error range must cover both.
        let err = decode_b64url("y\u{a0}y").unwrap_err();
        assert_eq!(err.range(4), 1..3);
        assert_eq!(
            decode_b64url("ab$c"),
            Err(B64Error::InvalidChar { at: 2, ch: '$' })
        );
        assert_eq!(
            decode_b64url("a词"),
            Err(B64Error::InvalidChar { at: 1, ch: '词' })
        );
        assert_eq!(decode_b64url("abcde"), Err(B64Error::BadLength { len: 5 }));
        // Wycheproof tc374: "eyJhIjoxfR" has a non-canonical last char; the canonical form ends in Q.
        assert_eq!(
            decode_b64url("eyJhIjoxfR"),
            Err(B64Error::NonCanonical { at: 9, ch: 'R' })
        );
        assert_eq!(decode_b64url("").unwrap(), b"");
    }

    #[test]
    fn char_byte_mapping_round_trips_the_rfc_payload() {
        let seg = "eyJpc3MiOiJqb2UifQ"; // {"iss":"joe"}
        let bytes = decode_b64url(seg).unwrap();
        assert_eq!(bytes, br#"{"iss":"joe"}"#);
        // "joe" with quotes is bytes 7..12.
        let chars = b64_chars_for_bytes(7..12, seg.len());
        let back = bytes_for_b64_chars(chars.clone(), bytes.len());
        assert!(
            back.start <= 7 && back.end >= 12,
            "{chars:?} covers the value, got {back:?}"
        );
        // Re-encoding only the covering quantum reproduces the same characters.
        let whole_quanta = (chars.start / 4 * 4)..(chars.end.div_ceil(4) * 4).min(seg.len());
        let dec = decode_b64url(&seg[whole_quanta.clone()]).unwrap();
        assert_eq!(encode_b64url(&dec), &seg[whole_quanta]);
    }
}
