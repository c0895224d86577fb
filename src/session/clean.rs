//! Forgiving paste: strip surrounding whitespace, `Authorization:`/`Bearer ` prefixes, quotes and line breaks,
//! while keeping a map from the cleaned token back to the input as given.

use std::ops::Range;

/// What was stripped from the input before decoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stripped {
    /// Leading or trailing whitespace.
    Whitespace,
    /// An `Authorization:` header name.
    AuthorizationHeader,
    /// A `Bearer ` scheme.
    Bearer,
    /// Surrounding quotes.
    Quotes,
    /// Line breaks (and their indentation) inside the token.
    LineBreaks,
}

impl Stripped {
    /// Catalogue key of the user-facing description.
    pub fn message_key(self) -> &'static str {
        match self {
            Self::Whitespace => key!("jwt.stripped.whitespace"),
            Self::AuthorizationHeader => key!("jwt.stripped.authorization"),
            Self::Bearer => key!("jwt.stripped.bearer"),
            Self::Quotes => key!("jwt.stripped.quotes"),
            Self::LineBreaks => key!("jwt.stripped.line_breaks"),
        }
    }
}

/// The token after cleaning, with a map back to input offsets.
#[derive(Clone, Debug, Default)]
pub struct Cleaned {
    /// The cleaned token text.
    pub token: String,
    /// Pieces `(cleaned_start, input_start, len)`: each cleaned piece is a verbatim copy of the input.
    pieces: Vec<(usize, usize, usize)>,
    /// What was removed, with its byte range in the input.
    pub stripped: Vec<(Stripped, Range<usize>)>,
}

impl Cleaned {
    /// Map a byte offset in the cleaned token to the input as given.
    pub fn to_input(&self, clean: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|&(c, _, _)| c <= clean)
            .saturating_sub(1);
        match self.pieces.get(i) {
            Some(&(c, inp, len)) => inp + (clean - c).min(len),
            None => clean,
        }
    }

    /// Map a cleaned byte range to the input as given (the end maps to just after the last byte).
    pub fn range_to_input(&self, clean: Range<usize>) -> Range<usize> {
        if clean.is_empty() {
            let at = self.to_input(clean.start);
            return at..at;
        }
        self.to_input(clean.start)..self.to_input(clean.end - 1) + 1
    }
}

/// Clean `input` as pasted.
///
/// ```
/// let c = tokenlens::session::clean("  Authorization: Bearer \"a.b.c\"\n");
/// assert_eq!(c.token, "a.b.c");
/// assert_eq!(c.to_input(0), 25);
/// ```
pub fn clean(input: &str) -> Cleaned {
    let mut stripped = Vec::new();
    let mut start = 0;
    let mut end = input.len();
    loop {
        let before = (start, end);
        trim(input, &mut start, &mut end, &mut stripped);
        strip_prefix_ci(
            input,
            &mut start,
            end,
            "authorization:",
            Stripped::AuthorizationHeader,
            &mut stripped,
        );
        trim(input, &mut start, &mut end, &mut stripped);
        if strip_prefix_ci(
            input,
            &mut start,
            end,
            "bearer",
            Stripped::Bearer,
            &mut stripped,
        ) && !input[start..end].starts_with(char::is_whitespace)
        {
            // "bearer" was the start of the token itself, not a scheme: undo.
            start -= "bearer".len();
            stripped.pop();
        }
        trim(input, &mut start, &mut end, &mut stripped);
        let bytes = input.as_bytes();
        if end >= start + 2 {
            let (first, last) = (bytes[start], bytes[end - 1]);
            if (first == b'"' || first == b'\'' || first == b'`') && first == last {
                stripped.push((Stripped::Quotes, start..start + 1));
                stripped.push((Stripped::Quotes, end - 1..end));
                start += 1;
                end -= 1;
            }
        }
        if (start, end) == before {
            break;
        }
    }

    // Remove line breaks and the whitespace around them; keep everything else verbatim.
    let mut token = String::with_capacity(end - start);
    let mut pieces = Vec::new();
    let bytes = input.as_bytes();
    let mut piece_start = start;
    let mut i = start;
    while i < end {
        if bytes[i] == b'\n' || bytes[i] == b'\r' {
            let mut a = i;
            while a > piece_start && matches!(bytes[a - 1], b' ' | b'\t') {
                a -= 1;
            }
            let mut b = i;
            while b < end && matches!(bytes[b], b' ' | b'\t' | b'\r' | b'\n') {
                b += 1;
            }
            if a > piece_start {
                pieces.push((token.len(), piece_start, a - piece_start));
                token.push_str(&input[piece_start..a]);
            }
            stripped.push((Stripped::LineBreaks, a..b));
            piece_start = b;
            i = b;
        } else {
            i += 1;
        }
    }
    if end > piece_start || pieces.is_empty() {
        pieces.push((token.len(), piece_start, end.saturating_sub(piece_start)));
        token.push_str(&input[piece_start..end.max(piece_start)]);
    }
    stripped.sort_by_key(|(_, r)| r.start);
    Cleaned {
        token,
        pieces,
        stripped,
    }
}

fn trim(
    input: &str,
    start: &mut usize,
    end: &mut usize,
    stripped: &mut Vec<(Stripped, Range<usize>)>,
) {
    let s = &input[*start..*end];
    let lead = s.len() - s.trim_start().len();
    if lead > 0 {
        stripped.push((Stripped::Whitespace, *start..*start + lead));
        *start += lead;
    }
    let s = &input[*start..*end];
    let trail = s.len() - s.trim_end().len();
    if trail > 0 {
        stripped.push((Stripped::Whitespace, *end - trail..*end));
        *end -= trail;
    }
}

fn strip_prefix_ci(
    input: &str,
    start: &mut usize,
    end: usize,
    prefix: &str,
    what: Stripped,
    stripped: &mut Vec<(Stripped, Range<usize>)>,
) -> bool {
    let s = &input[*start..end];
    if s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix)
    {
        stripped.push((what, *start..*start + prefix.len()));
        *start += prefix.len();
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(c: &Cleaned) -> Vec<Stripped> {
        let mut k: Vec<_> = c.stripped.iter().map(|(k, _)| *k).collect();
        k.dedup();
        k
    }

    #[test]
    fn plain_token_is_untouched() {
        let c = clean("a.b.c");
        assert_eq!(c.token, "a.b.c");
        assert!(c.stripped.is_empty());
        assert_eq!(c.to_input(4), 4);
    }

    #[test]
    fn header_bearer_and_quotes() {
        let input = "authorization: bearer 'eyJ.x.y'";
        let c = clean(input);
        assert_eq!(c.token, "eyJ.x.y");
        assert_eq!(&input[c.to_input(0)..c.to_input(0) + 3], "eyJ");
        assert!(kinds(&c).contains(&Stripped::AuthorizationHeader));
        assert!(kinds(&c).contains(&Stripped::Bearer));
        assert!(kinds(&c).contains(&Stripped::Quotes));
    }

    #[test]
    fn a_token_starting_with_bearer_letters_is_kept() {
        let c = clean("bearerish.b.c");
        assert_eq!(c.token, "bearerish.b.c");
    }

    #[test]
    fn interior_line_breaks_are_removed_and_mapped() {
        let input = "abc\r\n   def\nghi";
        let c = clean(input);
        assert_eq!(c.token, "abcdefghi");
        assert_eq!(c.to_input(3), 8, "'d' sits after the CRLF and indentation");
        assert_eq!(c.to_input(6), 12, "'g' follows the LF at byte 11");
        assert_eq!(c.range_to_input(2..4), 2..9);
        assert_eq!(kinds(&c), vec![Stripped::LineBreaks]);
    }

    #[test]
    fn interior_spaces_are_kept_for_the_decoder_to_point_at() {
        let c = clean("ab cd");
        assert_eq!(c.token, "ab cd");
    }

    #[test]
    fn empty_and_blank() {
        assert_eq!(clean("").token, "");
        assert_eq!(clean("  \n ").token, "");
    }
}
