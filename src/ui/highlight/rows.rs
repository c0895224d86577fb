//! Visual rows: each line of the text cut into rows of at most `cols` monospace columns (wide characters take
//! two), wrapped after a space or a wide character where there is one. Splitting a megabyte costs milliseconds,
//! so after an edit only the lines around it are split again.

use std::ops::Range;

use crate::text::{LineIndex, SpannedText};

/// A visual row: a byte range of one line (long lines wrap into several rows).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Row {
    pub(super) bytes: Range<usize>,
    /// Does the row end its line (so whitespace mode shows ↵)?
    pub(super) line_end: bool,
}

/// One edit between two revisions of the shown text: bytes `old` of the text drawn at `from_revision` became
/// `new_len` bytes. With it the widget re-splits only the lines around the edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowEdit {
    /// The revision the edit applies to.
    pub from_revision: u64,
    /// The replaced bytes of that text.
    pub old: Range<usize>,
    /// The length of what replaced them.
    pub new_len: usize,
}

/// Split every line of `text`.
pub(super) fn split_rows(text: &SpannedText, cols: usize) -> Vec<Row> {
    let lines = text.lines();
    let mut rows = Vec::with_capacity(lines.len());
    for line in 0..lines.len() {
        split_line(text.text(), lines, line, cols, &mut rows);
    }
    rows
}

fn split_line(src: &str, lines: &LineIndex, line: usize, cols: usize, rows: &mut Vec<Row>) {
    let content = lines.content_range(src, line);
    let has_break = lines.full_range(line).end > content.end;
    let mut start = content.start;
    let mut width = 0;
    let text = &src[content.clone()];
    if text.is_ascii() && text.len() <= cols {
        rows.push(Row {
            bytes: content,
            line_end: has_break,
        });
        return;
    }
    // Where the row may wrap: after the last space or wide (CJK) character, with the row's width up to there.
    let mut last_break: Option<(usize, usize)> = None;
    for (off, c) in text.char_indices() {
        let w = if is_wide(c) { 2 } else { 1 };
        let at = content.start + off;
        while width + w > cols && width > 0 {
            // Wrap at a word boundary as text editors do; a word longer than the row is cut where it overflows.
            let cut = match last_break.take() {
                Some((b, w_to_b)) if b > start => {
                    width -= w_to_b;
                    b
                }
                _ => {
                    width = 0;
                    at
                }
            };
            rows.push(Row {
                bytes: start..cut,
                line_end: false,
            });
            start = cut;
        }
        width += w;
        if c == ' ' || c == '\t' || w == 2 {
            last_break = Some((at + c.len_utf8(), width));
        }
    }
    rows.push(Row {
        bytes: start..content.end,
        line_end: has_break,
    });
}

/// Index of the first row of the line before the one holding `byte` (one line of margin: a `\r` typed before a
/// `\n` changes the previous line's end).
fn region_start(rows: &[Row], byte: usize) -> usize {
    let mut i = rows
        .partition_point(|r| r.bytes.end < byte)
        .min(rows.len().saturating_sub(1));
    while i > 0 && !rows[i - 1].line_end {
        i -= 1;
    }
    if i > 0 {
        i -= 1;
        while i > 0 && !rows[i - 1].line_end {
            i -= 1;
        }
    }
    i
}

/// Index one past the last row of the line after the one holding `byte`.
fn region_end(rows: &[Row], byte: usize) -> usize {
    let mut i = rows.partition_point(|r| r.bytes.end < byte);
    let mut lines_left = 2;
    while i < rows.len() {
        if rows[i].line_end {
            lines_left -= 1;
            if lines_left == 0 {
                return i + 1;
            }
        }
        i += 1;
    }
    rows.len()
}

/// Update `rows` (split from the text before `edit`) for `text` (the text after it): the lines around the edit
/// are split again, the rows after them only move. Gives the same rows as [`split_rows`] on `text`.
pub(super) fn resplit(rows: &mut Vec<Row>, text: &SpannedText, cols: usize, edit: &RowEdit) {
    let src = text.text();
    let old_len = rows.last().map_or(0, |r| r.bytes.end);
    if rows.is_empty() || edit.old.start > edit.old.end || edit.old.end > old_len + 2 {
        *rows = split_rows(text, cols);
        return;
    }
    let delta = edit.new_len as isize - edit.old.len() as isize;
    let i0 = region_start(rows, edit.old.start);
    let i1 = region_end(rows, edit.old.end);
    let start = rows[i0].bytes.start;
    let lines = text.lines();
    let first = lines.line_of(start);
    // The first kept row after the region starts a line; in the new text that line starts `delta` later.
    let last = match rows.get(i1) {
        Some(r) => {
            let new_start = r.bytes.start.checked_add_signed(delta);
            let Some(b) = new_start.filter(|&b| b <= src.len()) else {
                *rows = split_rows(text, cols);
                return;
            };
            lines.line_of(b)
        }
        None => lines.len(),
    };
    let mut middle = Vec::new();
    for line in first..last {
        split_line(src, lines, line, cols, &mut middle);
    }
    let mut tail = rows.split_off(i1);
    for r in &mut tail {
        r.bytes =
            r.bytes.start.saturating_add_signed(delta)..r.bytes.end.saturating_add_signed(delta);
    }
    rows.truncate(i0);
    rows.extend(middle);
    rows.extend(tail);
}

/// East Asian wide and emoji characters take two monospace columns.
pub(super) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x1F900..=0x1F9FF | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Span, SpanKind};
    use proptest::prelude::*;

    #[test]
    fn rows_wrap_by_columns_and_keep_char_boundaries() {
        let t = SpannedText::new(
            "abcdefghij\n词元词元词元".into(),
            vec![Span::new(0..3, SpanKind::JwtHeader)],
        )
        .unwrap();
        let rows = split_rows(&t, 4);
        let texts: Vec<&str> = rows.iter().map(|r| &t.text()[r.bytes.clone()]).collect();
        assert_eq!(texts, ["abcd", "efgh", "ij", "词元", "词元", "词元"]);
        assert!(rows[2].line_end, "the first line ends after 'ij'");
        assert!(!rows[5].line_end, "the text does not end with a newline");
    }

    #[test]
    fn rows_wrap_after_a_space_and_cut_a_word_longer_than_the_row() {
        let t = SpannedText::plain("see where each one begins and ends; abcdefghijklmnop".into());
        let rows = split_rows(&t, 12);
        let texts: Vec<&str> = rows.iter().map(|r| &t.text()[r.bytes.clone()]).collect();
        assert_eq!(
            texts,
            [
                "see where ",
                "each one ",
                "begins and ",
                "ends; ",
                "abcdefghijkl",
                "mnop"
            ]
        );
    }

    #[test]
    fn crlf_is_not_part_of_a_row() {
        let t = SpannedText::plain("ab\r\ncd".into());
        let rows = split_rows(&t, 80);
        assert_eq!(rows[0].bytes, 0..2);
        assert_eq!(rows[1].bytes, 4..6);
    }

    fn piece() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "a",
                "bc",
                "hello ",
                "\n",
                "\r\n",
                "\r",
                "词",
                "元",
                "🌍",
                "é",
                "  ",
                "xyzxyzxyz",
            ]),
            0..40,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn resplit_equals_a_fresh_split(
            before in piece(),
            insert in piece(),
            cut in 0usize..200,
            removed in 0usize..30,
            cols in 2usize..12,
        ) {
            let mut start = cut.min(before.len());
            while !before.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + removed).min(before.len());
            while !before.is_char_boundary(end) {
                end += 1;
            }
            let after = format!("{}{}{}", &before[..start], insert, &before[end..]);
            let old = SpannedText::plain(before.clone());
            let new = SpannedText::plain(after);
            let mut rows = split_rows(&old, cols);
            let edit = RowEdit { from_revision: 0, old: start..end, new_len: insert.len() };
            resplit(&mut rows, &new, cols, &edit);
            prop_assert_eq!(rows, split_rows(&new, cols));
        }
    }
}
