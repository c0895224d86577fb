//! Raw bytes of a token: byte-level BPE strings go through the GPT-2 byte↔unicode table (which the tokenizers
//! crate keeps private), SentencePiece byte-fallback tokens are `<0xF0>`, and anything else is its UTF-8.

/// The bytes a token stands for. `▁` (SentencePiece word start) maps to a space.
pub fn token_bytes(token: &str, byte_level: bool) -> Vec<u8> {
    if let Some(hex) = token.strip_prefix("<0x").and_then(|t| t.strip_suffix('>'))
        && hex.len() == 2
        && let Ok(b) = u8::from_str_radix(hex, 16)
    {
        return vec![b];
    }
    if byte_level && let Some(bytes) = byte_level_bytes(token) {
        return bytes;
    }
    token.replace('▁', " ").into_bytes()
}

/// The bytes of a byte-level BPE token string, or `None` if a character is outside GPT-2's byte table.
pub(crate) fn byte_level_bytes(token: &str) -> Option<Vec<u8>> {
    let table = unicode_to_byte();
    token.chars().map(|c| table.get(&c).copied()).collect()
}

/// A byte-level token string: each byte as its character in GPT-2's byte table.
pub(crate) fn byte_level_str(bytes: &[u8]) -> String {
    static TABLE: std::sync::OnceLock<[char; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = ['\0'; 256];
        for (&c, &b) in unicode_to_byte() {
            t[usize::from(b)] = c;
        }
        t
    });
    bytes.iter().map(|&b| table[usize::from(b)]).collect()
}

/// GPT-2's `bytes_to_unicode`, inverted: printable bytes map to themselves, the rest to U+0100 + n.
fn unicode_to_byte() -> &'static std::collections::HashMap<char, u8> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<char, u8>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = std::collections::HashMap::with_capacity(256);
        let mut n = 0u32;
        for b in 0..=255u8 {
            let printable = matches!(b, b'!'..=b'~' | 0xA1..=0xAC | 0xAE..=0xFF);
            let c = if printable {
                char::from(b)
            } else {
                let c = char::from_u32(256 + n).unwrap_or('\u{FFFD}');
                n += 1;
                c
            };
            map.insert(c, b);
        }
        map
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gpt2_table_and_byte_fallback() {
        assert_eq!(token_bytes("Ġworld", true), b" world");
        assert_eq!(token_bytes("Ċ", true), b"\n");
        // cl100k "Hi 🌍" fragments (docs/research/ai-tokens.md §1.3): ĠðŁ, Į, į.
        let all: Vec<u8> = ["ĠðŁ", "Į", "į"]
            .iter()
            .flat_map(|t| token_bytes(t, true))
            .collect();
        assert_eq!(all, " 🌍".as_bytes());
        assert_eq!(token_bytes("<0xF0>", false), [0xF0]);
        assert_eq!(token_bytes("▁a", false), b" a");
        assert_eq!(token_bytes("##ing", false), b"##ing");
    }
}
