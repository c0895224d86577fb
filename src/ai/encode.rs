//! Encoding text into tokens: split at boundaries proven exact, encoded on named worker threads, with progress
//! and cancellation.

use std::ops::Range;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use tokenizers::Tokenizer;

use super::{AiError, Loaded};

/// A token: its id and its byte range in the text. Fragments of one character share that character's range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Token id.
    pub id: u32,
    /// Start byte.
    pub start: u32,
    /// End byte (exclusive).
    pub end: u32,
    /// A special (control) token: parsed from the text, or framing.
    pub special: bool,
}

impl Token {
    /// The byte range.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Encoding choices.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct EncodeOptions {
    /// Treat special-token text in the input as plain text (tiktoken's `encode_ordinary`), instead of parsing it.
    pub special_as_text: bool,
    /// Let the post-processor add BOS/EOS (shown as virtual tokens).
    pub add_special_tokens: bool,
}

/// Shared progress of a running encode: bytes done, and a flag to stop early.
#[derive(Debug, Default)]
pub struct Progress {
    /// Bytes of text encoded so far.
    pub done: AtomicUsize,
    /// Bytes to encode in all.
    pub total: AtomicUsize,
    /// Set to stop; the encode returns [`AiError::Cancelled`].
    pub cancel: AtomicBool,
}

impl Progress {
    /// Fraction done, 0..=1.
    pub fn fraction(&self) -> f32 {
        let total = self.total.load(Ordering::Relaxed);
        if total == 0 {
            return 0.0;
        }
        (self.done.load(Ordering::Relaxed) as f32 / total as f32).clamp(0.0, 1.0)
    }
}

/// Target chunk size for chunkable vocabularies. Small enough that one edit re-encodes a few milliseconds of text,
/// large enough that per-call overhead stays negligible.
pub const CHUNK_TARGET: usize = 8 * 1024;

/// Split `text` into pieces that encode exactly as the whole does, for vocabularies whose pre-tokenizer never
/// joins across them: after a line feed that follows a character other than whitespace, and before an ASCII letter or digit or a CJK/kana/Hangul letter, or, in a
/// line too long to hold one, before a space that sits between two ASCII letters or digits.
pub fn chunk_ranges(text: &str, target: usize) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let target = target.max(1);
    while text.len() - start > target {
        let from = start + target;
        let line_limit = (start + target * 4).min(text.len());
        let cut = (from..line_limit)
            .find(|&i| newline_boundary(text, bytes, i))
            .or_else(|| (from..line_limit).find(|&i| space_boundary(bytes, i)))
            .or_else(|| (line_limit..text.len()).find(|&i| newline_boundary(text, bytes, i)));
        let Some(cut) = cut else { break };
        out.push(start..cut);
        start = cut;
    }
    out.push(start..text.len());
    out
}

fn newline_boundary(text: &str, bytes: &[u8], i: usize) -> bool {
    // GPT-2's `\s+(?!\S)` joins a run of whitespace differently at the end of a piece, so the line feed must
    // follow a character that is not whitespace. Unicode whitespace counts: NFKC turns U+00A0, U+2000–U+200A,
    // U+202F, U+205F and U+3000 into a space, and every one of them is White_Space itself.
    i > 1
        && bytes[i - 1] == b'\n'
        && text[..i - 1]
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_whitespace())
        && text.is_char_boundary(i)
        && text[i..].chars().next().is_some_and(starts_word)
}

fn space_boundary(bytes: &[u8], i: usize) -> bool {
    i > 0
        && i + 1 < bytes.len()
        && bytes[i] == b' '
        && bytes[i - 1].is_ascii_alphanumeric()
        && bytes[i + 1].is_ascii_alphanumeric()
}

/// Letters and digits that every bundled pre-tokenizer treats as the start of a new piece after a line feed.
fn starts_word(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c as u32, 0x3041..=0x30FF | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3)
}

/// Encode one piece of text on the `tokenizers` crate (no BOS/EOS); ranges are shifted by `base`.
pub(super) fn encode_reference(
    tok: &Tokenizer,
    loaded: &Loaded,
    text: &str,
    base: usize,
) -> Result<Vec<Token>, AiError> {
    let enc = loaded.guarded(|| {
        tok.encode(text, false)
            .map_err(|e| AiError::Encode(e.to_string()))
    })?;
    let mut out = Vec::with_capacity(enc.len());
    for (&id, &(s, e)) in enc.get_ids().iter().zip(enc.get_offsets()) {
        // Offsets can fall inside a character after a normalizer; round them out to character boundaries.
        let s = crate::text::floor_char_boundary(text, s.min(text.len()));
        let e = ceil_char_boundary(text, e.min(text.len())).max(s);
        out.push(Token {
            id,
            start: (base + s) as u32,
            end: (base + e) as u32,
            special: loaded.is_special(id),
        });
    }
    Ok(out)
}

pub(crate) fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Encode `ranges` of `text` on up to `threads` named worker threads. Returns one token list per range, with
/// ranges relative to the range start.
pub fn encode_ranges(
    loaded: &Loaded,
    text: &str,
    ranges: &[Range<usize>],
    opts: EncodeOptions,
    progress: &Progress,
) -> Result<Vec<Vec<Token>>, AiError> {
    if text.len() > u32::MAX as usize {
        return Err(AiError::TooLarge(text.len()));
    }
    progress.total.fetch_add(
        ranges.iter().map(ExactSizeIterator::len).sum::<usize>(),
        Ordering::Relaxed,
    );
    loaded.with_mode(opts.special_as_text, |enc| {
        let results: Mutex<Vec<Option<PieceResult>>> = Mutex::new(vec![None; ranges.len()]);
        let next = AtomicUsize::new(0);
        let work = || {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(r) = ranges.get(i) else { break };
                let res = if progress.cancel.load(Ordering::Relaxed) {
                    Err(AiError::Cancelled)
                } else {
                    enc.encode(&text[r.clone()], 0)
                };
                progress.done.fetch_add(r.len(), Ordering::Relaxed);
                results
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)[i] = Some(res);
            }
        };
        let threads = worker_count().min(ranges.len());
        std::thread::scope(|s| {
            for n in 1..threads {
                // If the OS refuses a thread, the calling thread does all the work.
                let _ = std::thread::Builder::new()
                    .name(format!("ai-encode-{n}"))
                    .spawn_scoped(s, work);
            }
            work();
        });
        results
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .into_iter()
            .map(|r| r.unwrap_or(Err(AiError::Cancelled)))
            .collect()
    })
}

type PieceResult = Result<Vec<Token>, AiError>;

/// Threads to encode with: the machine's cores, at most 8.
pub fn worker_count() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// Encode a whole text, chunked when the vocabulary allows it; BOS/EOS are not included (see [`Loaded::bos`]).
pub fn encode_text(
    loaded: &Loaded,
    text: &str,
    opts: EncodeOptions,
    progress: &Progress,
) -> Result<Vec<Token>, AiError> {
    let doc = super::AiDoc::new(loaded, text.to_owned(), opts, progress)?;
    Ok(doc.tokens().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_the_text_and_cut_only_at_safe_places() {
        let text = "alpha beta\ngamma delta\n  indented\n词元 line\nlast";
        let ranges = chunk_ranges(text, 4);
        assert_eq!(ranges.first().map(|r| r.start), Some(0));
        assert_eq!(ranges.last().map(|r| r.end), Some(text.len()));
        for w in ranges.windows(2) {
            assert_eq!(w[0].end, w[1].start, "pieces touch");
            let cut = w[1].start;
            let before = &text[..cut];
            assert!(
                before.ends_with('\n') || text[cut..].starts_with(' '),
                "cut at {cut} is after a line feed or before a space"
            );
        }
        assert!(
            !ranges
                .iter()
                .any(|r| text[r.clone()].starts_with("  indented")),
            "never before an indented line: whitespace runs join across line ends"
        );
    }

    #[test]
    fn a_long_line_without_safe_places_stays_whole() {
        let text = "词".repeat(1000);
        assert_eq!(chunk_ranges(&text, 16), vec![0..text.len()]);
    }
}
