//! Byte ↔ char index helpers. The model speaks bytes; GUI text cursors speak chars.

/// The char index of `byte` in `text`. A byte inside a multi-byte char maps to that char.
/// A byte past the end maps to the char count.
///
/// ```
/// assert_eq!(tokenlens::text::byte_to_char("a词b", 4), 2);
/// ```
pub fn byte_to_char(text: &str, byte: usize) -> usize {
    let byte = floor_char_boundary(text, byte);
    text[..byte].chars().count()
}

/// The byte offset of char index `char_idx` in `text`, clamped to the text length.
///
/// ```
/// assert_eq!(tokenlens::text::char_to_byte("a词b", 2), 4);
/// ```
pub fn char_to_byte(text: &str, char_idx: usize) -> usize {
    text.char_indices()
        .nth(char_idx)
        .map_or(text.len(), |(byte, _)| byte)
}

/// The greatest char boundary that is `<= byte` (clamped to the text length).
pub fn floor_char_boundary(text: &str, byte: usize) -> usize {
    if byte >= text.len() {
        return text.len();
    }
    let mut b = byte;
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        for i in 0..=5 {
            assert_eq!(byte_to_char("hello", i), i, "byte {i}");
            assert_eq!(char_to_byte("hello", i), i, "char {i}");
        }
    }

    #[test]
    fn cjk_chars_are_three_bytes() {
        let s = "词元ok";
        assert_eq!(s.len(), 8, "two CJK chars of 3 bytes each plus two ASCII");
        assert_eq!(char_to_byte(s, 1), 3);
        assert_eq!(char_to_byte(s, 2), 6);
        assert_eq!(byte_to_char(s, 3), 1);
        assert_eq!(byte_to_char(s, 4), 1, "a byte inside 元 belongs to it");
        assert_eq!(byte_to_char(s, 8), 4);
    }

    #[test]
    fn emoji_with_zwj_and_skin_tone() {
        // 👩🏽‍💻: woman, skin tone, zero-width joiner, laptop = 4 chars, 15 bytes.
        let s = "x👩🏽\u{200d}💻y";
        assert_eq!(s.chars().count(), 6);
        assert_eq!(char_to_byte(s, 1), 1);
        assert_eq!(char_to_byte(s, 2), 5, "👩 is 4 bytes");
        assert_eq!(char_to_byte(s, 3), 9, "🏽 is 4 bytes");
        assert_eq!(char_to_byte(s, 4), 12, "ZWJ is 3 bytes");
        assert_eq!(char_to_byte(s, 5), 16, "💻 is 4 bytes");
        assert_eq!(byte_to_char(s, 14), 4, "inside 💻");
        assert_eq!(floor_char_boundary(s, 14), 12);
    }

    #[test]
    fn combining_marks_count_as_their_own_chars() {
        // "é" as e + U+0301 is two chars, three bytes.
        let s = "e\u{301}!";
        assert_eq!(char_to_byte(s, 1), 1);
        assert_eq!(char_to_byte(s, 2), 3);
        assert_eq!(byte_to_char(s, 2), 1, "inside the combining acute");
    }

    #[test]
    fn crlf_is_two_chars() {
        let s = "a\r\nb";
        assert_eq!(char_to_byte(s, 3), 3);
        assert_eq!(byte_to_char(s, 3), 3);
    }

    #[test]
    fn out_of_range_is_clamped() {
        assert_eq!(char_to_byte("ab", 9), 2);
        assert_eq!(byte_to_char("ab", 9), 2);
        assert_eq!(floor_char_boundary("ab", 9), 2);
    }
}
