//! Text checks shared by the findings and the views: invisible characters, look-alike hiding, card numbers.

use serde_json::Value;

/// A 13–19 digit string (spaces and dashes allowed) that passes the Luhn check.
pub fn luhn_card(s: &str) -> bool {
    let digits: Vec<u32> = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .map(|c| c.to_digit(10))
        .collect::<Option<_>>()
        .unwrap_or_default();
    if !(13..=19).contains(&digits.len()) {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Zero-width, bidi-control and control characters, which can hide a look-alike value.
pub fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00..=0x1F | 0x7F..=0x9F | 0xAD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180E
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F | 0xFEFF | 0xFFA0
        | 0xE0000..=0xE007F)
}

/// Characters of `text` that hide something, as (byte offset, char). A zero-width joiner between two emoji and a
/// variation selector after a non-ASCII character are legitimate and not reported.
pub fn hidden_chars(text: &str) -> Vec<(usize, char)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let emoji = |c: char| (c as u32) >= 0x1F000 || matches!(c as u32, 0x2600..=0x27BF);
    chars
        .iter()
        .enumerate()
        .filter(|&(i, &(_, c))| {
            if !is_invisible(c) {
                return false;
            }
            let prev = i.checked_sub(1).and_then(|p| chars.get(p)).map(|&(_, p)| p);
            let next = chars.get(i + 1).map(|&(_, n)| n);
            let joiner = c == '\u{200D}' && prev.is_some_and(emoji) && next.is_some_and(emoji);
            let selector =
                matches!(c, '\u{FE0E}' | '\u{FE0F}') && prev.is_some_and(|p| !p.is_ascii());
            !(joiner || selector)
        })
        .map(|(_, &pair)| pair)
        .collect()
}

pub fn collect_invisible(value: &Value, path: &str, hits: &mut Vec<(String, String)>) {
    fn check(text: &str, where_: &str, hits: &mut Vec<(String, String)>) {
        let mut codes: Vec<String> = hidden_chars(text)
            .into_iter()
            .map(|(_, c)| format!("U+{:04X}", c as u32))
            .collect();
        codes.dedup();
        if !codes.is_empty() {
            hits.push((where_.to_owned(), codes.join(" ")));
        }
    }
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = format!("{path}/{k}");
                check(k, &p, hits);
                collect_invisible(v, &p, hits);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                collect_invisible(v, &format!("{path}/{i}"), hits);
            }
        }
        Value::String(s) => check(s, if path.is_empty() { "/" } else { path }, hits),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn() {
        assert!(
            luhn_card("4111 1111 1111 1111"),
            "the classic Visa test number"
        );
        assert!(!luhn_card("4111 1111 1111 1112"));
        assert!(!luhn_card("1234"));
    }

    #[test]
    fn invisible_set() {
        for c in ['\u{200B}', '\u{202E}', '\u{FEFF}', '\0', '\u{2066}'] {
            assert!(is_invisible(c), "{c:?}");
        }
        for c in ['a', '词', '😀', ' '] {
            assert!(!is_invisible(c), "{c:?}");
        }
    }
}
