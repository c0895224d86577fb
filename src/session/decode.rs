//! Our own compact-serialization parser: splits, strictly decodes and JSON-parses a pasted JWS/JWE, keeping
//! whatever decodes and recording every problem with its byte range in the input as given.

use std::ops::Range;

use serde_json::{Map, Value};

use super::b64::{B64Error, b64_chars_for_bytes, decode_b64url};
use super::clean::{Cleaned, clean};
use super::json_scan::{Scan, parse_value, scan_object};
use crate::i18n::{Worded, Words};

/// Inputs larger than this are refused before decoding.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// At most this many segments are recorded: the five of a JWE and one more, which runs to the end of the token
/// whatever dots it holds. A flood of dots is counted, not split into a record each.
pub const MAX_SEGMENTS: usize = 6;

/// The serialization that was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// A signed token (JWS compact, 3 segments).
    Jws,
    /// An encrypted token (JWE compact, 5 segments).
    Jwe,
    /// A JWS with `alg: none`.
    Unsecured,
    /// Not a recognisable compact token.
    Unknown,
}

impl Format {
    /// Catalogue key of the format in words ("JWS (signed)"); the JSON report keeps the snake-case name.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Jws => key!("jwt.format.jws"),
            Self::Jwe => key!("jwt.format.jwe"),
            Self::Unsecured => key!("jwt.format.unsecured"),
            Self::Unknown => key!("jwt.format.unknown"),
        }
    }
}

/// The role of a segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    /// Protected header.
    Header,
    /// JWS payload.
    Payload,
    /// JWS signature.
    Signature,
    /// JWE encrypted key.
    EncryptedKey,
    /// JWE initialization vector.
    Iv,
    /// JWE ciphertext.
    Ciphertext,
    /// JWE authentication tag.
    Tag,
    /// A segment beyond what the format defines.
    Extra,
}

impl SegmentKind {
    /// Catalogue key of the segment's name.
    pub fn name_key(self) -> &'static str {
        match self {
            Self::Header => key!("jwt.seg.header"),
            Self::Payload => key!("jwt.seg.payload"),
            Self::Signature => key!("jwt.seg.signature"),
            Self::EncryptedKey => key!("jwt.seg.encrypted_key"),
            Self::Iv => key!("jwt.seg.iv"),
            Self::Ciphertext => key!("jwt.seg.ciphertext"),
            Self::Tag => key!("jwt.seg.tag"),
            Self::Extra => key!("jwt.seg.extra"),
        }
    }
}

/// One segment of the token.
#[derive(Clone, Debug)]
pub struct Segment {
    /// Its role.
    pub kind: SegmentKind,
    /// Byte range in the input as given.
    pub input_range: Range<usize>,
    /// Byte range in the cleaned token.
    pub clean_range: Range<usize>,
    /// The decoded bytes, or why they did not decode.
    pub decoded: Result<Vec<u8>, B64Error>,
}

/// A JSON object part (header or payload) with its raw bytes and member positions.
#[derive(Clone, Debug)]
pub struct JsonPart {
    /// The object, in original key order.
    pub object: Map<String, Value>,
    /// The decoded bytes it was parsed from.
    pub raw: Vec<u8>,
    /// Member positions and duplicate keys.
    pub scan: Scan,
}

/// The payload, as far as it decoded.
#[derive(Clone, Debug)]
pub enum Payload {
    /// A JSON object: a claims set.
    Json(JsonPart),
    /// UTF-8 text that is not a JSON object.
    Text(String),
    /// Bytes that are not UTF-8.
    Binary(Vec<u8>),
    /// Encrypted (JWE): not shown.
    Encrypted,
    /// Missing or not decodable.
    None,
}

/// What went wrong, without position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeErrorKind {
    /// Nothing was pasted.
    Empty,
    /// The input is larger than [`MAX_INPUT_BYTES`].
    TooLarge {
        /// Input length in bytes.
        len: usize,
    },
    /// Not 3 (JWS) or 5 (JWE) segments.
    SegmentCount {
        /// How many were found.
        found: usize,
    },
    /// A segment is not strict base64url.
    Base64 {
        /// Which segment.
        segment: SegmentKind,
        /// Why.
        error: B64Error,
    },
    /// A segment that must be JSON is not.
    NotJson {
        /// Which segment.
        segment: SegmentKind,
        /// serde_json's line.
        line: usize,
        /// serde_json's column.
        column: usize,
        /// serde_json's message.
        message: String,
    },
    /// A header that is JSON but not an object.
    NotObject {
        /// Which segment.
        segment: SegmentKind,
    },
    /// A header without an `alg` string.
    MissingAlg,
}

/// A decoding problem and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// What went wrong.
    pub kind: DecodeErrorKind,
    /// Byte range in the input as given.
    pub input_range: Range<usize>,
}

impl Worded for DecodeError {
    fn words(&self) -> Words {
        let seg = |s: SegmentKind| Words::new(s.name_key());
        match &self.kind {
            DecodeErrorKind::Empty => words!("jwt.err.empty"),
            DecodeErrorKind::TooLarge { len } => words!("jwt.err.too_large")
                .with("len", len)
                .with("max", MAX_INPUT_BYTES),
            DecodeErrorKind::SegmentCount { found } if *found > MAX_SEGMENTS => {
                words!("jwt.err.segments_many")
                    .with("n", found)
                    .with("shown", MAX_SEGMENTS)
            }
            DecodeErrorKind::SegmentCount { found } => words!("jwt.err.segments").with("n", found),
            DecodeErrorKind::Base64 { segment, error } => {
                let at = self.input_range.start;
                let words = match error {
                    B64Error::InvalidChar { ch, .. } => words!("jwt.err.b64.char")
                        .with("at", at)
                        .with("ch", ch.escape_debug()),
                    B64Error::StandardAlphabet { ch, .. } => {
                        words!("jwt.err.b64.standard").with("at", at).with("ch", ch)
                    }
                    B64Error::Padding { .. } => words!("jwt.err.b64.padding").with("at", at),
                    B64Error::Whitespace { .. } => words!("jwt.err.b64.whitespace").with("at", at),
                    B64Error::BadLength { len } => words!("jwt.err.b64.length").with("len", len),
                    B64Error::NonCanonical { ch, .. } => words!("jwt.err.b64.noncanonical")
                        .with("at", at)
                        .with("ch", ch),
                };
                words.with_words("seg", seg(*segment))
            }
            DecodeErrorKind::NotJson {
                segment,
                line,
                column,
                message,
            } => words!("jwt.err.not_json")
                .with_words("seg", seg(*segment))
                .with("line", line)
                .with("col", column)
                .with("msg", message),
            DecodeErrorKind::NotObject { segment } => {
                words!("jwt.err.not_object").with_words("seg", seg(*segment))
            }
            DecodeErrorKind::MissingAlg => words!("jwt.err.missing_alg"),
        }
    }
}

/// English words, for logs and the CLI; the UI words errors in its language with [`Worded`].
impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.words().fmt(f)
    }
}

impl std::error::Error for DecodeError {}

/// Everything decoded from one paste.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The input as given.
    pub input: String,
    /// The cleaned token and its map back to the input.
    pub cleaned: Cleaned,
    /// The recognised format.
    pub format: Format,
    /// The segments in order.
    pub segments: Vec<Segment>,
    /// Byte ranges of the dots in the input.
    pub dots: Vec<Range<usize>>,
    /// The protected header, if it decoded to a JSON object.
    pub header: Option<JsonPart>,
    /// The payload.
    pub payload: Payload,
    /// The `alg` header value, if it is a string.
    pub alg: Option<String>,
    /// Every problem found, in input order.
    pub errors: Vec<DecodeError>,
}

impl Decoded {
    /// True when the header decoded: the token can be shown and reasoned about.
    pub fn is_decodable(&self) -> bool {
        self.header.is_some()
    }

    /// A segment by kind.
    pub fn segment(&self, kind: SegmentKind) -> Option<&Segment> {
        self.segments.iter().find(|s| s.kind == kind)
    }

    /// The JWS signing input (`header.payload` as it appears in the cleaned token), for 3-segment tokens.
    pub fn signing_input(&self) -> Option<&str> {
        let sig = self.segment(SegmentKind::Signature)?;
        self.cleaned
            .token
            .get(..sig.clean_range.start.checked_sub(1)?)
    }

    /// The signature segment text (base64url), for 3-segment tokens.
    pub fn signature_b64(&self) -> Option<&str> {
        let sig = self.segment(SegmentKind::Signature)?;
        self.cleaned.token.get(sig.clean_range.clone())
    }

    /// The header member value for `name`.
    pub fn header_value(&self, name: &str) -> Option<&Value> {
        self.header.as_ref()?.object.get(name)
    }

    /// The claims set, if the payload is a JSON object.
    pub fn claims(&self) -> Option<&JsonPart> {
        match &self.payload {
            Payload::Json(part) => Some(part),
            _ => None,
        }
    }

    /// Map a byte range of a segment's decoded bytes to the input characters that encode it.
    pub fn decoded_to_input(&self, kind: SegmentKind, bytes: Range<usize>) -> Option<Range<usize>> {
        let seg = self.segment(kind)?;
        let unencoded =
            kind == SegmentKind::Payload && self.header_value("b64") == Some(&Value::Bool(false));
        let chars = if unencoded {
            // RFC 7797: the payload segment is the raw bytes, one to one.
            bytes.start.min(seg.clean_range.len())..bytes.end.min(seg.clean_range.len())
        } else {
            b64_chars_for_bytes(bytes, seg.clean_range.len())
        };
        let clean = seg.clean_range.start + chars.start..seg.clean_range.start + chars.end;
        Some(self.cleaned.range_to_input(clean))
    }
}

/// Decode a pasted token. Never fails: problems are listed in [`Decoded::errors`].
///
/// ```
/// let d = tokenlens::session::decode("eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.");
/// assert_eq!(d.alg.as_deref(), Some("none"));
/// assert_eq!(d.format, tokenlens::session::Format::Unsecured);
/// ```
pub fn decode(input: &str) -> Decoded {
    let mut out = Decoded {
        input: input.to_owned(),
        cleaned: Cleaned::default(),
        format: Format::Unknown,
        segments: Vec::new(),
        dots: Vec::new(),
        header: None,
        payload: Payload::None,
        alg: None,
        errors: Vec::new(),
    };
    if input.len() > MAX_INPUT_BYTES {
        out.errors.push(DecodeError {
            kind: DecodeErrorKind::TooLarge { len: input.len() },
            input_range: 0..0,
        });
        return out;
    }
    out.cleaned = clean(input);
    let token = out.cleaned.token.clone();
    if token.is_empty() {
        out.errors.push(DecodeError {
            kind: DecodeErrorKind::Empty,
            input_range: 0..input.len(),
        });
        return out;
    }

    // Count every segment, but split off at most MAX_SEGMENTS: the last one keeps the rest of the token.
    let found = token.bytes().filter(|&b| b == b'.').count() + 1;
    let parts: Vec<(usize, &str)> = {
        let mut v = Vec::new();
        let mut start = 0;
        for (i, _) in token.match_indices('.').take(MAX_SEGMENTS - 1) {
            v.push((start, &token[start..i]));
            out.dots.push(out.cleaned.range_to_input(i..i + 1));
            start = i + 1;
        }
        v.push((start, &token[start..]));
        v
    };
    let kinds: &[SegmentKind] = match found {
        5 => &[
            SegmentKind::Header,
            SegmentKind::EncryptedKey,
            SegmentKind::Iv,
            SegmentKind::Ciphertext,
            SegmentKind::Tag,
        ],
        _ => &[
            SegmentKind::Header,
            SegmentKind::Payload,
            SegmentKind::Signature,
        ],
    };
    if found != 3 && found != 5 {
        out.errors.push(DecodeError {
            kind: DecodeErrorKind::SegmentCount { found },
            input_range: out.cleaned.range_to_input(0..token.len()),
        });
    }

    // The header first: it says whether the payload is base64url at all (RFC 7797 `b64`).
    let mut unencoded_payload = false;
    for (n, &(start, text)) in parts.iter().enumerate() {
        let kind = kinds.get(n).copied().unwrap_or(SegmentKind::Extra);
        let clean_range = start..start + text.len();
        let input_range = out.cleaned.range_to_input(clean_range.clone());
        let decoded = if kind == SegmentKind::Payload && unencoded_payload {
            Ok(text.as_bytes().to_vec())
        } else {
            decode_b64url(text)
        };
        if let Err(error) = &decoded {
            let r = error.range(text.len());
            out.errors.push(DecodeError {
                kind: DecodeErrorKind::Base64 {
                    segment: kind,
                    error: error.clone(),
                },
                input_range: out.cleaned.range_to_input(start + r.start..start + r.end),
            });
        }
        let segment = Segment {
            kind,
            input_range,
            clean_range,
            decoded,
        };
        if kind == SegmentKind::Header
            && let Ok(bytes) = &segment.decoded
        {
            out.header = parse_object(bytes, &segment, &out.cleaned, &mut out.errors);
            if let Some(h) = &out.header {
                out.alg = h
                    .object
                    .get("alg")
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                unencoded_payload = h.object.get("b64") == Some(&Value::Bool(false));
                if out.alg.is_none() {
                    out.errors.push(DecodeError {
                        kind: DecodeErrorKind::MissingAlg,
                        input_range: segment.input_range.clone(),
                    });
                }
            }
        }
        if kind == SegmentKind::Payload
            && let Ok(bytes) = &segment.decoded
        {
            out.payload = classify_payload(bytes);
        }
        out.segments.push(segment);
    }

    out.format = match found {
        5 => {
            out.payload = Payload::Encrypted;
            Format::Jwe
        }
        3 if out
            .alg
            .as_deref()
            .is_some_and(|a| a.eq_ignore_ascii_case("none")) =>
        {
            Format::Unsecured
        }
        3 => Format::Jws,
        _ => Format::Unknown,
    };
    out.errors.sort_by_key(|e| e.input_range.start);
    out
}

fn parse_object(
    bytes: &[u8],
    segment: &Segment,
    cleaned: &Cleaned,
    errors: &mut Vec<DecodeError>,
) -> Option<JsonPart> {
    match parse_value(bytes) {
        Ok(Value::Object(object)) => Some(JsonPart {
            object,
            raw: bytes.to_vec(),
            scan: scan_object(bytes).unwrap_or_default(),
        }),
        Ok(_) => {
            errors.push(DecodeError {
                kind: DecodeErrorKind::NotObject {
                    segment: segment.kind,
                },
                input_range: segment.input_range.clone(),
            });
            None
        }
        Err(e) => {
            let at = byte_of_line_col(bytes, e.line(), e.column());
            let chars =
                b64_chars_for_bytes(at..(at + 1).min(bytes.len()), segment.clean_range.len());
            let clean =
                segment.clean_range.start + chars.start..segment.clean_range.start + chars.end;
            errors.push(DecodeError {
                kind: DecodeErrorKind::NotJson {
                    segment: segment.kind,
                    line: e.line(),
                    column: e.column(),
                    message: e.to_string(),
                },
                input_range: cleaned.range_to_input(clean),
            });
            None
        }
    }
}

fn classify_payload(bytes: &[u8]) -> Payload {
    if let Ok(Value::Object(object)) = parse_value(bytes) {
        return Payload::Json(JsonPart {
            object,
            raw: bytes.to_vec(),
            scan: scan_object(bytes).unwrap_or_default(),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Payload::Text(text.to_owned()),
        Err(_) => Payload::Binary(bytes.to_vec()),
    }
}

/// Byte offset of serde_json's 1-based line and column (column counts bytes on that line).
fn byte_of_line_col(bytes: &[u8], line: usize, column: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line {
        match bytes[offset..].iter().position(|&b| b == b'\n') {
            Some(p) => offset += p + 1,
            None => break,
        }
    }
    (offset + column.saturating_sub(1)).min(bytes.len().saturating_sub(1))
}
