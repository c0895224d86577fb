//! Text checks shared by the findings and the views: invisible characters, look-alike hiding, card numbers.

use serde_json::Value;

use crate::text::hidden_chars;

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
}
