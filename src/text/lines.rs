//! The line index: byte offsets of line starts, so a view can lay out only visible lines.

use std::ops::Range;

/// Start offsets of every line. Lines end at `\n`; a `\r` before it belongs to the line break.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    text_len: usize,
}

impl LineIndex {
    /// Index the lines of `text`. An empty text has one empty line.
    pub fn new(text: &str) -> Self {
        Self::new_in(text, Vec::with_capacity(text.len() / 40 + 1))
    }

    /// [`LineIndex::new`], reusing `starts`' allocation.
    pub fn new_in(text: &str, mut starts: Vec<usize>) -> Self {
        starts.clear();
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self {
            starts,
            text_len: text.len(),
        }
    }

    /// The index of `text`, which is this index's text with the bytes `old` replaced by the bytes `new` of
    /// `text` (everything before and after unchanged): only the new bytes are searched, the rest is copied or
    /// shifted. Reuses `starts`' allocation.
    pub fn spliced(
        &self,
        text: &str,
        old: &Range<usize>,
        new: &Range<usize>,
        mut starts: Vec<usize>,
    ) -> Self {
        starts.clear();
        // A line start `s` follows the line feed at `s - 1`.
        let before = self
            .starts
            .partition_point(|&s| s == 0 || s - 1 < old.start);
        let after = self.starts.partition_point(|&s| s == 0 || s - 1 < old.end);
        starts.reserve_exact(self.starts.len() - (after - before) + new.len() / 40 + 1);
        starts.extend_from_slice(&self.starts[..before]);
        let bytes = text.as_bytes().get(new.clone()).unwrap_or_default();
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| new.start + i + 1));
        starts.extend(self.starts[after..].iter().map(|&s| s + new.end - old.end));
        Self {
            starts,
            text_len: text.len(),
        }
    }

    /// Give back the allocation for reuse.
    pub fn into_starts(self) -> Vec<usize> {
        self.starts
    }

    /// Number of lines (at least one).
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Never true: a text always has at least one line.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The line that holds byte `byte` (a byte past the end belongs to the last line).
    pub fn line_of(&self, byte: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= byte)
            .saturating_sub(1)
    }

    /// Byte range of line `line`, without its `\n` or `\r\n`.
    pub fn content_range(&self, text: &str, line: usize) -> Range<usize> {
        let full = self.full_range(line);
        let bytes = text.as_bytes();
        let mut end = full.end;
        if end > full.start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
            if end > full.start && bytes.get(end - 1) == Some(&b'\r') {
                end -= 1;
            }
        }
        full.start..end
    }

    /// Byte range of line `line`, including its line break.
    pub fn full_range(&self, line: usize) -> Range<usize> {
        let start = self.starts.get(line).copied().unwrap_or(self.text_len);
        let end = self.starts.get(line + 1).copied().unwrap_or(self.text_len);
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spliced_index_equals_a_fresh_one() {
        let old = "one\ntwo\n\nthree\r\nfour\n";
        for (at, cut, insert) in [
            (0, 0, "x\n"),
            (4, 3, "2\n2"),
            (8, 1, ""),
            (10, 7, "\n\n"),
            (old.len(), 0, "\nend"),
        ] {
            let text = format!("{}{insert}{}", &old[..at], &old[at + cut..]);
            let spliced = LineIndex::new(old).spliced(
                &text,
                &(at..at + cut),
                &(at..at + insert.len()),
                Vec::new(),
            );
            assert_eq!(spliced, LineIndex::new(&text), "edit at {at}: {text:?}");
        }
    }

    #[test]
    fn lines_and_crlf() {
        let text = "ab\r\ncd\n\nlast";
        let idx = LineIndex::new(text);
        assert_eq!(idx.len(), 4);
        assert_eq!(idx.content_range(text, 0), 0..2, "CR LF is not content");
        assert_eq!(idx.full_range(0), 0..4);
        assert_eq!(idx.content_range(text, 1), 4..6);
        assert_eq!(idx.content_range(text, 2), 7..7, "empty line");
        assert_eq!(idx.content_range(text, 3), 8..12);
        assert_eq!(idx.line_of(0), 0);
        assert_eq!(idx.line_of(3), 0, "the LF belongs to its line");
        assert_eq!(idx.line_of(4), 1);
        assert_eq!(idx.line_of(100), 3);
    }

    #[test]
    fn empty_text_has_one_line() {
        let idx = LineIndex::new("");
        assert_eq!(idx.len(), 1);
        assert_eq!(idx.content_range("", 0), 0..0);
    }

    #[test]
    fn trailing_newline_makes_an_empty_last_line() {
        let idx = LineIndex::new("a\n");
        assert_eq!(idx.len(), 2);
        assert_eq!(idx.full_range(1), 2..2);
    }
}
