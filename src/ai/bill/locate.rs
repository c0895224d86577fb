//! Where a JSON path is in the text: the line and column an error names. Works on text serde_json has already
//! accepted, and never panics on any other.

/// One step of a JSON path.
#[derive(Clone, Debug)]
pub(super) enum Step {
    /// An object's key.
    Key(&'static str),
    /// An array's index.
    Index(usize),
}

/// The 1-based line and column of the value at `path` in `json` (already known to be valid JSON), or of the
/// deepest part of the path found; (1, 1) if nothing is.
pub(super) fn locate(json: &str, path: &[Step]) -> (usize, usize) {
    let bytes = json.as_bytes();
    let mut at = skip_ws(bytes, 0);
    for step in path {
        let found = match step {
            Step::Key(k) => find_key(json, at, k),
            Step::Index(i) => find_index(bytes, at, *i),
        };
        match found {
            Some(p) => at = p,
            None => break,
        }
    }
    let before = json.get(..at).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn skip_ws(b: &[u8], mut at: usize) -> usize {
    while b.get(at).is_some_and(|c| c.is_ascii_whitespace()) {
        at += 1;
    }
    at
}

/// The end of the string starting at `at` (the byte after its closing quote).
fn skip_string(b: &[u8], mut at: usize) -> usize {
    at += 1;
    while let Some(&c) = b.get(at) {
        match c {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
    at
}

/// The end of the value starting at `at`.
fn skip_value(b: &[u8], at: usize) -> usize {
    match b.get(at) {
        Some(b'"') => skip_string(b, at),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut i = at;
            while let Some(&c) = b.get(i) {
                match c {
                    b'"' => {
                        i = skip_string(b, i);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return i + 1;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            i
        }
        _ => {
            let mut i = at;
            while b
                .get(i)
                .is_some_and(|c| !matches!(c, b',' | b'}' | b']') && !c.is_ascii_whitespace())
            {
                i += 1;
            }
            i
        }
    }
}

/// The start of the value of `key` in the object at `at` (the last one, as serde_json keeps the last).
fn find_key(json: &str, at: usize, key: &str) -> Option<usize> {
    let b = json.as_bytes();
    if b.get(at) != Some(&b'{') {
        return None;
    }
    let mut i = skip_ws(b, at + 1);
    let mut found = None;
    while b.get(i) == Some(&b'"') {
        let end = skip_string(b, i);
        let name: Option<String> = json.get(i..end).and_then(|s| serde_json::from_str(s).ok());
        i = skip_ws(b, end);
        if b.get(i) != Some(&b':') {
            return found;
        }
        let value = skip_ws(b, i + 1);
        if name.as_deref() == Some(key) {
            found = Some(value);
        }
        i = skip_ws(b, skip_value(b, value));
        if b.get(i) != Some(&b',') {
            break;
        }
        i = skip_ws(b, i + 1);
    }
    found
}

/// The start of item `index` of the array at `at`.
fn find_index(b: &[u8], at: usize, index: usize) -> Option<usize> {
    if b.get(at) != Some(&b'[') {
        return None;
    }
    let mut i = skip_ws(b, at + 1);
    for _ in 0..index {
        i = skip_ws(b, skip_value(b, i));
        if b.get(i) != Some(&b',') {
            return None;
        }
        i = skip_ws(b, i + 1);
    }
    (b.get(i).is_some_and(|c| *c != b']')).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locator_survives_escapes_and_nesting() {
        let json = r#"{"a\"b": [1, {"x": "]}"}], "messages": [ {} , [] ]}"#;
        let (line, col) = locate(json, &[Step::Key("messages"), Step::Index(1)]);
        assert_eq!((line, col), (1, json.find("[]").unwrap() + 1));
        // Anything at all: never a panic.
        for s in ["", "{", "[", "\"", "{\"messages\":", "[1,", "{\"a\"", "\\"] {
            let _ = locate(
                s,
                &[Step::Key("messages"), Step::Index(3), Step::Key("role")],
            );
        }
    }
}
