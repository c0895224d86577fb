//! "Paste anything": guess whether a pasted text is a JWT/JWE, an Ethereum address, calldata or raw transaction, a
//! tokenizer.json, a Token Lens ledger file, or else a prompt, with a confidence and a user-facing reason.
//!
//! Pure: never imports the GUI crates. The reason is `i18n::Words`, put into a language where it is shown (the
//! app's notice, the CLI's English). Cheap checks only: no tokenizer is built, JSON is read at most once (keys and
//! shapes, values skipped), and nothing panics.

use std::fmt;

use serde::de::{self, IgnoredAny, MapAccess, Visitor};

use crate::i18n::{Worded, Words};
use crate::ledger::eth::{self, Address, Checksum, Detail, InspectError};
use crate::session::{self, Format};

/// What a pasted text is, which decides the tab that opens it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A signed JWT (JWS compact, three segments), `alg: none` included.
    Jwt,
    /// An encrypted JWT (JWE compact, five segments).
    Jwe,
    /// A 20-byte Ethereum address.
    EthAddress,
    /// Contract calldata: a 4-byte selector and 32-byte words.
    Calldata,
    /// A raw signed Ethereum transaction.
    RawTransaction,
    /// A Hugging Face tokenizer.json.
    Tokenizer,
    /// A Token Lens ledger file (`"format": "tokenlens-ledger/2"`, or the old `/1`).
    Ledger,
    /// Anything else: text for the AI tab.
    Prompt,
}

/// The verdict on one paste.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Detection {
    /// What it is.
    pub kind: Kind,
    /// How sure, from 0 to 1. An empty paste is a prompt with confidence 0.
    pub confidence: f32,
    /// Why, as words to put in a language at the edge (`text()`; `Display` and JSON are English); for a prompt,
    /// the nearest miss if there was one.
    #[serde(serialize_with = "english")]
    pub reason: Words,
    /// The text to load: the token without `Bearer `/quotes/line breaks, the hex or JSON trimmed and unquoted, or
    /// a prompt exactly as given.
    pub payload: String,
}

/// Guess what `text` is. Never panics; large inputs cost one linear pass (plus one JSON parse when it starts
/// with `{`).
///
/// ```
/// use tokenlens::detect::{Kind, detect};
/// let d = detect("Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.");
/// assert_eq!((d.kind, d.payload.as_str()), (Kind::Jwt, "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."));
/// assert_eq!(detect("1.2.3").kind, Kind::Prompt);
/// ```
pub fn detect(text: &str) -> Detection {
    let body = unquote(text);
    if body.is_empty() {
        return found(Kind::Prompt, 0.0, words!("detect.empty"), text);
    }
    let attempt = if body.starts_with('{') {
        json(body)
    } else if let Some(token) = compact_token(text) {
        compact(text, &token)
    } else if body.len() > 4 * MAX_HEX_BYTES {
        // Far too large to be Ethereum data: only tell whether it starts like hex, without reading it all.
        match hex_digits(body.get(..4096).unwrap_or_default()) {
            Some(_) => Err(Some(words!("detect.miss.hex_huge"))),
            None => Err(None),
        }
    } else if let Some(digits) = hex_digits(body) {
        hex(body, digits)
    } else if looks_base64(body) {
        Err(Some(words!("detect.miss.base64")))
    } else {
        Err(None)
    };
    match attempt {
        Ok(found) => found,
        Err(Some(miss)) => found(
            Kind::Prompt,
            0.6,
            words!("detect.prompt_near").with_words("miss", miss),
            text,
        ),
        Err(None) => found(Kind::Prompt, 0.8, words!("detect.prompt"), text),
    }
}

/// A check's outcome: a detection, or not this kind with the nearest miss (if worth telling).
type Attempt = Result<Detection, Option<Words>>;

fn found(kind: Kind, confidence: f32, reason: Words, payload: &str) -> Detection {
    Detection {
        kind,
        confidence,
        reason,
        payload: payload.to_owned(),
    }
}

/// Words serialized as their English text (the CLI's JSON).
fn english<S: serde::Serializer>(words: &Words, out: S) -> Result<S::Ok, S::Error> {
    out.collect_str(words)
}

/// Trim whitespace and one pair of matching surrounding quotes.
fn unquote(text: &str) -> &str {
    let t = text.trim();
    for q in ['"', '\'', '`'] {
        if let Some(inner) = t.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner.trim();
        }
    }
    t
}

// ---- JWT / JWE ----

/// The cleaned token, when `text` has two or four dots and, once `Bearer `, quotes and line breaks are gone, only
/// base64 characters around them.
fn compact_token(text: &str) -> Option<String> {
    let dots = text.matches('.').take(5).count();
    if dots != 2 && dots != 4 {
        return None;
    }
    let token = session::clean(text).token;
    token
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-_.+/=".contains(&b))
        .then_some(token)
}

/// Tokens longer than this are judged by their header alone: decoding megabytes of payload would stall the box.
const MAX_FULL_DECODE: usize = 1 << 20;

fn compact(text: &str, payload: &str) -> Attempt {
    let big = payload.len() > MAX_FULL_DECODE;
    let d = if big {
        let header = payload.split('.').next().unwrap_or_default();
        session::decode(&format!(
            "{header}{}",
            ".".repeat(payload.matches('.').count())
        ))
    } else {
        session::decode(text)
    };
    let sure = if big { 0.9 } else { 0.99 };
    let header_str = |name: &str| d.header_value(name).and_then(|v| v.as_str());
    let first_error = d.errors.first().map(Worded::words);
    match (d.format, &d.header, header_str("enc")) {
        (Format::Jwe, Some(_), Some(enc)) => Ok(found(
            Kind::Jwe,
            if d.errors.is_empty() { sure } else { 0.8 },
            words!("detect.jwe").with("enc", enc),
            payload,
        )),
        (Format::Jwe, Some(_), None) => Err(Some(words!("detect.miss.jwe_enc"))),
        (Format::Jws | Format::Unsecured, Some(_), _) if d.alg.is_some() => {
            let alg = d.alg.as_deref().unwrap_or_default();
            Ok(match first_error {
                None => found(
                    Kind::Jwt,
                    0.99,
                    words!("detect.jwt").with("alg", alg),
                    payload,
                ),
                Some(why) => found(
                    Kind::Jwt,
                    0.8,
                    words!("detect.jwt_damaged")
                        .with("alg", alg)
                        .with_words("why", why),
                    payload,
                ),
            })
        }
        // A header that decodes to `{…` or starts like `{"` (base64 "eyJ") was meant as a token: say why it is not.
        _ if payload.starts_with("eyJ") || header_is_brace(&d) => Err(Some(
            words!("detect.miss.jwt")
                .with_words("why", first_error.unwrap_or_else(|| Words::verbatim(""))),
        )),
        _ => Err(None),
    }
}

fn header_is_brace(d: &session::Decoded) -> bool {
    d.segment(session::SegmentKind::Header)
        .is_some_and(|h| h.decoded.as_ref().is_ok_and(|b| b.first() == Some(&b'{')))
}

// ---- Ethereum hex ----

/// Hex larger than this many bytes is not decoded: a transaction is at most 128 KiB (the mempool limit) and an
/// init code at most 48 KiB (EIP-3860), and decoding megabytes would make the paste box slow.
const MAX_HEX_BYTES: usize = 256 << 10;

/// The number of hex digits when `body` is `0x` and hex digits, or at least 40 hex digits (shorter bare digit
/// runs are numbers, words or short hashes); whitespace may split the digits.
fn hex_digits(body: &str) -> Option<usize> {
    let (prefixed, digits) = match body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let mut count = 0usize;
    for b in digits.bytes() {
        if b.is_ascii_hexdigit() {
            count += 1;
        } else if !b.is_ascii_whitespace() {
            return None;
        }
    }
    (count > 0 && (prefixed || count >= 40)).then_some(count)
}

fn hex(body: &str, digits: usize) -> Attempt {
    if digits % 2 == 1 {
        return Err(Some(words!("detect.miss.hex_odd")));
    }
    if digits / 2 > MAX_HEX_BYTES {
        return Err(Some(words!("detect.miss.hex").with("bytes", digits / 2)));
    }
    if eth::detect(body) == Some(eth::Kind::Address) {
        return address(body);
    }
    match eth::inspect(body, None) {
        Ok(ins) => match &ins.detail {
            Detail::Calldata(c) => match c.function {
                Some(f) => Ok(found(
                    Kind::Calldata,
                    0.95,
                    words!("detect.calldata")
                        .with("function", f.signature())
                        .with("standard", f.standard),
                    body,
                )),
                // An unknown selector needs at least one whole word to count (a bare 8-digit number is not calldata).
                None if c.args.is_empty() => Err(Some(words!("detect.miss.calldata_short"))),
                None => Ok(found(
                    Kind::Calldata,
                    0.6,
                    words!("detect.calldata_unknown")
                        .with("selector", hex::encode(c.selector))
                        .with("words", c.args.len()),
                    body,
                )),
            },
            Detail::Transaction(tx) => Ok(found(
                Kind::RawTransaction,
                if tx.sender.address().is_some() {
                    0.99
                } else {
                    0.85
                },
                words!("detect.tx").with("type", tx.tx_type.number()),
                body,
            )),
            Detail::Address(_) => address(body),
        },
        Err(InspectError::Calldata { input_offset, .. }) => Err(Some(
            words!("detect.miss.calldata").with("at", input_offset),
        )),
        Err(InspectError::Transaction { input_offset, .. }) => {
            Err(Some(words!("detect.miss.tx").with("at", input_offset)))
        }
        Err(InspectError::Unrecognized { bytes: 32, .. }) => Err(Some(words!("detect.miss.hex32"))),
        Err(InspectError::Unrecognized { bytes, .. }) => {
            Err(Some(words!("detect.miss.hex").with("bytes", bytes)))
        }
        Err(InspectError::Hex(_)) => Err(Some(words!("detect.miss.hex_odd"))),
        Err(InspectError::Address(_) | InspectError::Spans(_)) => Err(None),
    }
}

/// 40 hex digits. The checksum decides: a valid EIP-55 mix of cases proves an address; all one case without `0x`
/// is just as likely a SHA-1 or git commit hash, so it gets a low confidence and a reason that says so.
fn address(body: &str) -> Attempt {
    let Ok(check) = Address::parse(body) else {
        return Err(Some(words!("detect.miss.hex").with("bytes", 20)));
    };
    let prefixed = body.starts_with("0x") || body.starts_with("0X");
    let (confidence, key) = match (&check.checksum, prefixed) {
        (Checksum::Valid, _) => (0.99, key!("detect.address.valid")),
        (Checksum::Invalid { .. }, _) => (0.7, key!("detect.address.bad_checksum")),
        (Checksum::None { .. }, true) => (0.9, key!("detect.address.no_checksum")),
        (Checksum::None { .. }, false) => (0.5, key!("detect.address.maybe_hash")),
    };
    Ok(found(
        Kind::EthAddress,
        confidence,
        Words::new(key).with("address", check.address.to_checksum()),
        body,
    ))
}

// ---- base64 ----

/// One long word of base64 characters mixing upper case, lower case and digits: data, but not a token.
fn looks_base64(body: &str) -> bool {
    let core = body.trim_end_matches('=');
    body.len() >= 16
        && body.len() - core.len() <= 2
        && core
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+/-_".contains(&b))
        && core.bytes().any(|b| b.is_ascii_uppercase())
        && core.bytes().any(|b| b.is_ascii_lowercase())
        && core.bytes().any(|b| b.is_ascii_digit())
}

// ---- JSON: tokenizer.json and ledger files ----

fn json(body: &str) -> Attempt {
    let mut de = serde_json::Deserializer::from_str(body);
    let keys = match serde::Deserializer::deserialize_map(&mut de, TopKeys::default())
        .and_then(|k| de.end().map(|()| k))
    {
        Ok(keys) => keys,
        Err(e) => {
            return Err(Some(
                words!("detect.miss.json_syntax")
                    .with("line", e.line())
                    .with("col", e.column()),
            ));
        }
    };
    if let Some(format) = &keys.format {
        return if format == crate::ledger::model::FORMAT
            || format == crate::ledger::model::FORMAT_V1
        {
            Ok(found(Kind::Ledger, 0.99, words!("detect.ledger"), body))
        } else if format.starts_with("tokenlens-ledger/") {
            Ok(found(
                Kind::Ledger,
                0.6,
                words!("detect.ledger_version").with("format", format),
                body,
            ))
        } else {
            Err(Some(
                words!("detect.miss.json_format").with("format", format),
            ))
        };
    }
    match (keys.model, keys.sections) {
        (Some(true), 0) => Ok(found(
            Kind::Tokenizer,
            0.6,
            words!("detect.tokenizer_bare"),
            body,
        )),
        (Some(true), n) => Ok(found(
            Kind::Tokenizer,
            0.95,
            words!("detect.tokenizer").with("n", n),
            body,
        )),
        (Some(false), _) => Err(Some(words!("detect.miss.json_model"))),
        (None, _) => Err(Some(words!("detect.miss.json"))),
    }
}

/// What the top level of a JSON object says about it.
#[derive(Default)]
struct TopKeys {
    /// The `format` string, if any.
    format: Option<String>,
    /// Whether `model` is present, and is an object.
    model: Option<bool>,
    /// How many of the other tokenizer.json sections are present.
    sections: usize,
}

/// The tokenizer.json sections besides `model`.
const SECTIONS: [&str; 5] = [
    "added_tokens",
    "normalizer",
    "pre_tokenizer",
    "post_processor",
    "decoder",
];

impl<'de> Visitor<'de> for TopKeys {
    type Value = Self;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Self, A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "format" => {
                    self.format = match map.next_value::<Shape>()? {
                        Shape::Text(s) => Some(s),
                        Shape::Object | Shape::Other => None,
                    }
                }
                "model" => self.model = Some(map.next_value::<Shape>()? == Shape::Object),
                k => {
                    self.sections += usize::from(SECTIONS.contains(&k));
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(self)
    }
}

/// The shape of any JSON value; only a string is kept, the contents of objects and arrays are skipped.
#[derive(PartialEq, Eq)]
enum Shape {
    Object,
    Text(String),
    Other,
}

impl<'de> serde::Deserialize<'de> for Shape {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ShapeVisitor)
    }
}

struct ShapeVisitor;

impl<'de> Visitor<'de> for ShapeVisitor {
    type Value = Shape;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Shape::Object)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Shape::Other)
    }

    fn visit_str<E>(self, s: &str) -> Result<Shape, E> {
        Ok(Shape::Text(s.to_owned()))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
        Ok(Shape::Other)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Shape, E> {
        Ok(Shape::Other)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Shape, E> {
        Ok(Shape::Other)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Shape, E> {
        Ok(Shape::Other)
    }

    fn visit_unit<E>(self) -> Result<Shape, E> {
        Ok(Shape::Other)
    }
}
