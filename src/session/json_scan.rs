//! A small scanner over JSON bytes that serde_json has already accepted: where each top-level member sits, and
//! which object keys repeat (serde_json silently keeps the last one).

use std::collections::HashSet;
use std::ops::Range;

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
    let mut p = Parser {
        s: json,
        i: 0,
        scan: Scan::default(),
    };
    p.ws();
    if p.peek()? != b'{' {
        return None;
    }
    p.object(0, "")?;
    Some(p.scan)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    scan: Scan,
}

impl Parser<'_> {
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
    fn non_objects_are_refused() {
        assert!(scan_object(b"[1]").is_none());
        assert!(scan_object(b"").is_none());
        assert!(scan_object(b"{\"a\":").is_none());
    }
}
