//! Characters that hide something (zero-width, bidi controls, control characters) and the one way the app shows
//! them: as `\u{…}` escapes, so a name cannot reorder or hide the text around it.
//!
//! The window's text renderer draws a bidi override (U+202E) as nothing and does not reorder, so a label such as
//! "Alice\u{202E}…" would look harmless while its bytes say otherwise. Every value placed in a message
//! (`i18n::fill`) and every name drawn from a file or a token goes through [`reveal`].

use std::borrow::Cow;
use std::fmt::Write as _;

/// Zero-width, bidi-control and control characters, which can hide a look-alike value.
///
/// ```
/// assert!(tokenlens::text::is_invisible('\u{202E}'));
/// assert!(!tokenlens::text::is_invisible('词'));
/// ```
pub fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00..=0x1F | 0x7F..=0x9F | 0xAD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180E
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F | 0xFEFF | 0xFFA0
        | 0xE0000..=0xE007F)
}

/// Characters of `text` that hide something, as (byte offset, char). A zero-width joiner between two emoji and a
/// variation selector after a non-ASCII character are legitimate and not reported.
///
/// ```
/// let hidden = tokenlens::text::hidden_chars("a\u{200B}b 👩\u{200D}💻");
/// assert_eq!(hidden, vec![(1, '\u{200B}')]);
/// ```
pub fn hidden_chars(text: &str) -> Vec<(usize, char)> {
    if !text.chars().any(is_invisible) {
        return Vec::new();
    }
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

/// `text` with every hiding character (line breaks aside) written as a `\u{…}` escape. Borrows when there is
/// nothing to show, which is almost always.
///
/// ```
/// use tokenlens::text::reveal;
/// assert_eq!(reveal("Alice\u{202E}gnp.exe"), "Alice\\u{202E}gnp.exe");
/// assert_eq!(reveal("line one\nline two"), "line one\nline two");
/// assert!(matches!(reveal("plain 词元"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn reveal(text: &str) -> Cow<'_, str> {
    let hidden: Vec<usize> = hidden_chars(text)
        .into_iter()
        .filter(|&(_, c)| c != '\n')
        .map(|(i, _)| i)
        .collect();
    if hidden.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8 * hidden.len());
    for (i, c) in text.char_indices() {
        if hidden.binary_search(&i).is_ok() {
            let _ = write!(out, "\\u{{{:04X}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
