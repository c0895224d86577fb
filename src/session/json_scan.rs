//! A small scanner over JSON bytes that serde_json has already accepted: where each top-level member sits, and
//! which object keys repeat (serde_json silently keeps the last one). Also [`parse_value`], serde_json's parser
//! without the `arbitrary_precision` marker key turning an object into a number.

use std::collections::HashSet;
use std::ops::Range;

use serde_json::{Map, Value};

/// The key serde_json's `arbitrary_precision` feature (on in this crate) uses to carry numbers through serde: an
/// object whose first key is this, after escapes, parses as a number.
const NUMBER_MARKER: &str = "$serde_json::private::Number";

/// Parse JSON bytes into a [`Value`], keeping an object whose key is serde_json's `arbitrary_precision` marker
/// (`{"$serde_json::private::Number":"1"}`) as the object it is. Plain `serde_json::from_slice` reads it as the
/// number 1: a claim no other JSON parser (or verifier) reads as a number would be shown as one.
///
/// ```
/// let v = tokenlens::session::parse_value(br#"{"exp":{"$serde_json::private::Number":"1"}}"#).unwrap();
/// assert!(v["exp"].is_object());
/// assert_eq!(v["exp"]["$serde_json::private::Number"], "1");
/// ```
pub fn parse_value(json: &[u8]) -> Result<Value, serde_json::Error> {
    let Some((markers, keys)) = marker_keys(json) else {
        return serde_json::from_slice(json);
    };
    if markers.is_empty() {
        return serde_json::from_slice(json);
    }
    // Rename each marker key to a key found nowhere in the document, parse, then rename it back.
    let mut n = 0_usize;
    let (raw_placeholder, placeholder) = loop {
        let decoded = format!("\u{0}tokenlens-number-marker-{n}");
        if !keys.contains(&decoded) {
            break (format!("\\u0000tokenlens-number-marker-{n}"), decoded);
        }
        n += 1;
    };
    let mut rewritten = Vec::with_capacity(json.len() + markers.len() * raw_placeholder.len());
    let mut at = 0;
    for range in &markers {
        rewritten.extend_from_slice(json.get(at..range.start).unwrap_or_default());
        rewritten.push(b'"');
        rewritten.extend_from_slice(raw_placeholder.as_bytes());
        rewritten.push(b'"');
        at = range.end;
    }
    rewritten.extend_from_slice(json.get(at..).unwrap_or_default());
    match serde_json::from_slice::<Value>(&rewritten) {
        Ok(mut value) => {
            rename_keys(&mut value, &placeholder, NUMBER_MARKER);
            Ok(value)
        }
        // Report the error at its place in the bytes as given.
        Err(e) => Err(serde_json::from_slice::<Value>(json).err().unwrap_or(e)),
    }
}

/// One top-level member of a JSON object, with byte ranges into the scanned bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// The decoded key.
    pub key: String,
    /// The key with its quotes.
    pub key_range: Range<usize>,
    /// The value.
    pub value_range: Range<usize>,
}

/// What the scan found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scan {
    /// Top-level members in source order (duplicates included).
    pub members: Vec<Member>,
    /// Keys that appear twice in one object, as JSON-pointer-like paths (`/a/b`).
    pub duplicates: Vec<String>,
}

/// Scan JSON text that is known to be a valid object. Returns `None` for anything else.
pub fn scan_object(json: &[u8]) -> Option<Scan> {
    let mut p = Parser::new(json);
    p.ws();
    if p.peek()? != b'{' {
        return None;
    }
    p.object(0, "")?;
    Some(p.scan)
}

/// The ranges of object keys (quotes included) that decode to [`NUMBER_MARKER`], at any depth, and every decoded
/// key of the document. `None` when the bytes are not JSON the scanner can follow.
fn marker_keys(json: &[u8]) -> Option<(Vec<Range<usize>>, HashSet<String>)> {
    let mut p = Parser::new(json);
    p.ws();
    p.value(0, "")?;
    Some((p.markers, p.keys))
}

/// Rename object keys `from` to `to` everywhere in `value`, keeping member order.
fn rename_keys(value: &mut Value, from: &str, to: &str) {
    match value {
        Value::Object(map) => {
            if map.contains_key(from) {
                let old = std::mem::take(map);
                *map = old
                    .into_iter()
                    .map(|(k, v)| {
                        if k == from {
                            (to.to_owned(), v)
                        } else {
                            (k, v)
                        }
                    })
                    .collect::<Map<String, Value>>();
            }
            for v in map.values_mut() {
                rename_keys(v, from, to);
            }
        }
        Value::Array(items) => {
            for v in items {
                rename_keys(v, from, to);
            }
        }
        _ => {}
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    scan: Scan,
    /// Ranges of keys that decode to [`NUMBER_MARKER`].
    markers: Vec<Range<usize>>,
    /// Every decoded key.
    keys: HashSet<String>,
}

impl<'a> Parser<'a> {
    fn new(s: &'a [u8]) -> Self {
        Self {
            s,
            i: 0,
            scan: Scan::default(),
            markers: Vec::new(),
            keys: HashSet::new(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            self.i += 1;
        }
    }

    fn value(&mut self, depth: usize, path: &str) -> Option<()> {
        if depth > 256 {
            return None;
        }
        match self.peek()? {
            b'{' => self.object(depth + 1, path),
            b'[' => self.array(depth + 1, path),
            b'"' => self.string().map(|_| ()),
            _ => {
                while let Some(c) = self.peek() {
                    if matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n') {
                        break;
                    }
                    self.i += 1;
                }
                Some(())
            }
        }
    }

    fn object(&mut self, depth: usize, path: &str) -> Option<()> {
        self.i += 1; // {
        let mut seen: HashSet<String> = HashSet::new();
        loop {
            self.ws();
            match self.peek()? {
                b'}' => {
                    self.i += 1;
                    return Some(());
                }
                b',' => {
                    self.i += 1;
                    continue;
                }
                _ => {}
            }
            let key_start = self.i;
            let key = self.string()?;
            let key_range = key_start..self.i;
            if key == NUMBER_MARKER {
                self.markers.push(key_range.clone());
            }
            self.keys.insert(key.clone());
            self.ws();
            if self.peek()? != b':' {
                return None;
            }
            self.i += 1;
            self.ws();
            let value_start = self.i;
            let child = format!("{path}/{}", key.replace('~', "~0").replace('/', "~1"));
            self.value(depth, &child)?;
            if !seen.insert(key.clone()) {
                self.scan.duplicates.push(child);
            }
            if depth == 0 {
                self.scan.members.push(Member {
                    key,
                    key_range,
                    value_range: value_start..self.i,
                });
            }
        }
    }

    fn array(&mut self, depth: usize, path: &str) -> Option<()> {
        self.i += 1; // [
        let mut index = 0;
        loop {
            self.ws();
            match self.peek()? {
                b']' => {
                    self.i += 1;
                    return Some(());
                }
                b',' => {
                    self.i += 1;
                    index += 1;
                    continue;
                }
                _ => {}
            }
            self.value(depth, &format!("{path}/{index}"))?;
        }
    }

    /// Read a string token and return its decoded text.
    fn string(&mut self) -> Option<String> {
        let start = self.i;
        if self.peek()? != b'"' {
            return None;
        }
        self.i += 1;
        loop {
            match self.peek()? {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    break;
                }
                _ => self.i += 1,
            }
        }
        let raw = std::str::from_utf8(self.s.get(start..self.i)?).ok()?;
        serde_json::from_str::<String>(raw).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_have_exact_ranges() {
        let json =
            b"{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
        let scan = scan_object(json).unwrap();
        let keys: Vec<_> = scan.members.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["iss", "exp", "http://example.com/is_root"]);
        let exp = &scan.members[1];
        assert_eq!(&json[exp.key_range.clone()], b"\"exp\"");
        assert_eq!(&json[exp.value_range.clone()], b"1300819380");
        assert!(scan.duplicates.is_empty());
    }

    #[test]
    fn duplicates_are_found_at_any_depth() {
        let json = br#"{"a":1,"b":{"x":[{"k":1,"k":2}]},"a":3}"#;
        let scan = scan_object(json).unwrap();
        assert_eq!(scan.duplicates, ["/b/x/0/k", "/a"]);
        assert_eq!(scan.members.len(), 3, "both 'a' members are listed");
    }

    #[test]
    fn escaped_keys_decode() {
        let json = br#"{"a\"b":"v\\","\u8bcd":{}}"#;
        let scan = scan_object(json).unwrap();
        assert_eq!(scan.members[0].key, "a\"b");
        assert_eq!(scan.members[1].key, "词");
        assert_eq!(&json[scan.members[0].value_range.clone()], br#""v\\""#);
    }

    #[test]
    fn the_number_marker_key_stays_an_object() {
        let marker = |v: &Value| v.as_object().map(|o| o.contains_key(NUMBER_MARKER));
        // serde_json alone turns it into a number: the reason for parse_value.
        let plain: Value =
            serde_json::from_slice(br#"{"$serde_json::private::Number":"1"}"#).unwrap();
        assert!(plain.is_number());
        let v = parse_value(br#"{"$serde_json::private::Number":"1"}"#).unwrap();
        assert_eq!(marker(&v), Some(true));
        assert_eq!(v[NUMBER_MARKER], "1");
        // Escaped, nested, in an array, not first, with a value no number parser takes, and twice.
        let v = parse_value(
            br#"{"a":[{"$serde_json::private::Number":"2"}],"b":{"x":0,"$serde_json::private::Number":5},"c":{"$serde_json::private::Number":"x","$serde_json::private::Number":"y"}}"#,
        )
        .unwrap();
        assert_eq!(v["a"][0][NUMBER_MARKER], "2");
        assert_eq!(v["b"][NUMBER_MARKER], 5);
        assert_eq!(
            v["b"].as_object().unwrap().keys().next().unwrap(),
            "x",
            "order kept"
        );
        assert_eq!(
            v["c"][NUMBER_MARKER], "y",
            "the last duplicate wins, as for any key"
        );
        // A document that already holds the first placeholder gets another one.
        let v = parse_value(
            br#"{"\u0000tokenlens-number-marker-0":1,"$serde_json::private::Number":"1"}"#,
        )
        .unwrap();
        assert_eq!(v["\u{0}tokenlens-number-marker-0"], 1);
        assert_eq!(v[NUMBER_MARKER], "1");
        // Errors keep their position in the bytes as given, and real numbers stay numbers.
        let err = parse_value(br#"{"$serde_json::private::Number":"1",}"#).unwrap_err();
        assert!(err.column() <= 37, "a column in the bytes as given: {err}");
        assert_eq!(
            parse_value(b"{\"n\":12345678901234567890123}").unwrap()["n"].to_string(),
            "12345678901234567890123"
        );
    }

    #[test]
    fn non_objects_are_refused() {
        assert!(scan_object(b"[1]").is_none());
        assert!(scan_object(b"").is_none());
        assert!(scan_object(b"{\"a\":").is_none());
    }
}
