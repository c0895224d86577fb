//! A tokenized document that re-encodes only the chunks an edit touches, and turns its tokens into spans for the
//! shared highlight widget.

use std::ops::Range;
use std::sync::Arc;

use super::encode::{CHUNK_TARGET, chunk_ranges, encode_ranges};
use super::{AiError, EncodeOptions, Loaded, Progress, Token};
use crate::text::{Span, SpanKind, SpannedText};

/// One chunk: a byte range of the text and its tokens, with ranges relative to the chunk start so that an edit
/// before it only moves `start`.
#[derive(Clone, Debug)]
struct Chunk {
    start: usize,
    len: usize,
    tokens: Arc<[Token]>,
}

/// A text and its tokens (BOS/EOS excluded), encoded in chunks.
#[derive(Clone, Debug)]
pub struct AiDoc {
    text: String,
    chunks: Vec<Chunk>,
    opts: EncodeOptions,
    count: usize,
    /// Chunk size target (bytes).
    target: usize,
}

/// What an update re-encoded: the region of the old document that was replaced, and by what.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpdateStats {
    /// Bytes that went through the tokenizer.
    pub encoded_bytes: usize,
    /// Chunks kept from the previous document.
    pub reused_chunks: usize,
    /// The replaced bytes of the old text.
    pub old_bytes: Range<usize>,
    /// The same region in the new text.
    pub new_bytes: Range<usize>,
    /// The replaced tokens of the old document (by position).
    pub old_tokens: Range<usize>,
    /// How many tokens replaced them.
    pub new_tokens: usize,
}

impl UpdateStats {
    /// Everything was replaced.
    fn whole(old: &AiDoc, new: &AiDoc) -> Self {
        Self {
            encoded_bytes: new.text.len(),
            reused_chunks: 0,
            old_bytes: 0..old.text.len(),
            new_bytes: 0..new.text.len(),
            old_tokens: 0..old.count,
            new_tokens: new.count,
        }
    }
}

impl AiDoc {
    /// Encode `text` from scratch.
    pub fn new(
        loaded: &Loaded,
        text: String,
        opts: EncodeOptions,
        progress: &Progress,
    ) -> Result<Self, AiError> {
        Self::with_chunk_target(loaded, text, opts, CHUNK_TARGET, progress)
    }

    /// [`AiDoc::new`] with chunks of about `target` bytes (tests use small ones to exercise many cuts).
    pub fn with_chunk_target(
        loaded: &Loaded,
        text: String,
        opts: EncodeOptions,
        target: usize,
        progress: &Progress,
    ) -> Result<Self, AiError> {
        let ranges = ranges_for(loaded, &text, 0..text.len(), target);
        let pieces = encode_ranges(loaded, &text, &ranges, opts, progress)?;
        let chunks: Vec<Chunk> = ranges
            .into_iter()
            .zip(pieces)
            .map(|(r, t)| Chunk {
                start: r.start,
                len: r.len(),
                tokens: t.into(),
            })
            .collect();
        let count = chunks.iter().map(|c| c.tokens.len()).sum();
        Ok(Self {
            text,
            chunks,
            opts,
            count,
            target,
        })
    }

    /// The document for `text`, re-encoding only the chunks that differ from `self` (same tokenizer and options
    /// assumed; pass a fresh [`AiDoc::new`] when they change).
    pub fn update(
        &self,
        loaded: &Loaded,
        text: String,
        progress: &Progress,
    ) -> Result<(Self, UpdateStats), AiError> {
        if self.chunks.is_empty() || !loaded.chunkable() {
            let doc = Self::with_chunk_target(loaded, text, self.opts, self.target, progress)?;
            let stats = UpdateStats::whole(self, &doc);
            return Ok((doc, stats));
        }
        let old = self.text.as_bytes();
        let new = text.as_bytes();
        let prefix = common_prefix(old, new);
        let max_suffix = old.len().min(new.len()) - prefix;
        let suffix = common_suffix(&old[prefix..], &new[prefix..]).min(max_suffix);
        if prefix == old.len() && prefix == new.len() {
            let stats = UpdateStats {
                old_bytes: old.len()..old.len(),
                new_bytes: old.len()..old.len(),
                old_tokens: self.count..self.count,
                ..UpdateStats::default()
            };
            return Ok((self.clone(), stats));
        }
        // Old bytes [prefix, old_end) became new bytes [prefix, new.len()-suffix). Re-encode every chunk that
        // touches the change, and the chunks next to it whose cut depends on a changed byte.
        let old_end = old.len() - suffix;
        // A cut at `i` depends on bytes i-2 and i-1, the character at i (up to 4 bytes) and byte i+1.
        let first = self
            .chunks
            .partition_point(|c| c.start + c.len + 4 < prefix)
            .min(self.chunks.len() - 1);
        let last = self
            .chunks
            .partition_point(|c| c.start <= old_end + 2)
            .saturating_sub(1)
            .max(first);
        let region_start = self.chunks[first].start;
        let region_old_end = self.chunks[last].start + self.chunks[last].len;
        let delta = new.len() as isize - old.len() as isize;
        let region_new_end = (region_old_end as isize + delta) as usize;
        let ranges = ranges_for(loaded, &text, region_start..region_new_end, self.target);
        let pieces = encode_ranges(loaded, &text, &ranges, self.opts, progress)?;
        let mut chunks = Vec::with_capacity(self.chunks.len() + ranges.len());
        chunks.extend_from_slice(&self.chunks[..first]);
        chunks.extend(ranges.iter().zip(pieces).map(|(r, t)| Chunk {
            start: r.start,
            len: r.len(),
            tokens: t.into(),
        }));
        chunks.extend(self.chunks[last + 1..].iter().map(|c| Chunk {
            start: (c.start as isize + delta) as usize,
            len: c.len,
            tokens: Arc::clone(&c.tokens),
        }));
        let before: usize = self.chunks[..first].iter().map(|c| c.tokens.len()).sum();
        let replaced: usize = self.chunks[first..=last]
            .iter()
            .map(|c| c.tokens.len())
            .sum();
        let added: usize = chunks[first..first + ranges.len()]
            .iter()
            .map(|c| c.tokens.len())
            .sum();
        let stats = UpdateStats {
            encoded_bytes: region_new_end - region_start,
            reused_chunks: first + self.chunks.len() - last - 1,
            old_bytes: region_start..region_old_end,
            new_bytes: region_start..region_new_end,
            old_tokens: before..before + replaced,
            new_tokens: added,
        };
        let count = chunks.iter().map(|c| c.tokens.len()).sum();
        Ok((
            Self {
                text,
                chunks,
                opts: self.opts,
                count,
                target: self.target,
            },
            stats,
        ))
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The options it was encoded with.
    pub fn options(&self) -> EncodeOptions {
        self.opts
    }

    /// Number of tokens in the text (BOS/EOS excluded).
    pub fn count(&self) -> usize {
        self.count
    }

    /// Every token in order, with absolute ranges.
    pub fn tokens(&self) -> impl Iterator<Item = Token> + '_ {
        self.chunks.iter().flat_map(|c| {
            c.tokens.iter().map(move |t| Token {
                start: t.start + c.start as u32,
                end: t.end + c.start as u32,
                ..*t
            })
        })
    }

    /// The tokens from position `index` on, skipping whole chunks to get there.
    pub fn tokens_from(&self, index: usize) -> impl Iterator<Item = Token> + '_ {
        let mut seen = 0;
        let mut skip_chunks = 0;
        for c in &self.chunks {
            if seen + c.tokens.len() > index {
                break;
            }
            seen += c.tokens.len();
            skip_chunks += 1;
        }
        self.chunks[skip_chunks..]
            .iter()
            .flat_map(|c| {
                c.tokens.iter().map(move |t| Token {
                    start: t.start + c.start as u32,
                    end: t.end + c.start as u32,
                    ..*t
                })
            })
            .skip(index - seen)
    }

    /// Token `index` (in order), with its absolute range.
    pub fn token(&self, index: usize) -> Option<Token> {
        let mut seen = 0;
        // A handful of chunks per 100 KB: a linear walk is cheaper than keeping an index up to date.
        for c in &self.chunks {
            if index < seen + c.tokens.len() {
                let t = c.tokens[index - seen];
                return Some(Token {
                    start: t.start + c.start as u32,
                    end: t.end + c.start as u32,
                    ..t
                });
            }
            seen += c.tokens.len();
        }
        None
    }

    /// Number of chunks (1 for vocabularies that are not chunked).
    pub fn chunk_count(&self) -> usize {
        self.chunks.len()
    }

    /// Spans for the highlight widget: one per token, tagged with [`pack_tag`]; tokens that share a range (the
    /// fragments of one character) coincide and are marked [`SpanKind::AiByteGroup`].
    pub fn spanned(&self) -> Result<SpannedText, AiError> {
        spanned(self.text.clone(), self.tokens(), self.count)
    }

    /// The spans after [`AiDoc::update`]: `prev` (the spans of the document that was updated) with only the
    /// re-encoded region rebuilt; the allocations of `spare`, an older result no longer shown, are reused.
    pub fn spanned_after(
        &self,
        prev: &SpannedText,
        stats: &UpdateStats,
        spare: Option<SpannedText>,
    ) -> Result<SpannedText, AiError> {
        let first = stats.old_tokens.start;
        let mut region = Vec::with_capacity(stats.new_tokens);
        fill_spans(
            &mut region,
            self.tokens_from(first).take(stats.new_tokens),
            first,
            stats.new_tokens,
        );
        let (old_n, new_n) = (stats.old_tokens.len(), stats.new_tokens);
        let retag = |tag: u64| pack_tag(tag_index(tag) + new_n - old_n, tag_id(tag));
        prev.splice(
            self.text.clone(),
            stats.old_bytes.clone(),
            stats.new_bytes.clone(),
            region,
            retag,
            spare,
        )
        .map_err(|e| AiError::Encode(e.to_string()))
    }

    /// [`AiDoc::spanned`], reusing the allocations of an earlier result that is no longer shown.
    pub fn spanned_reusing(&self, old: SpannedText) -> Result<SpannedText, AiError> {
        let (mut text, mut spans, buffers) = old.into_buffers();
        text.clear();
        text.push_str(&self.text);
        spans.clear();
        fill_spans(&mut spans, self.tokens(), 0, self.count);
        SpannedText::new_in(text, spans, buffers).map_err(|e| AiError::Encode(e.to_string()))
    }
}

/// Build the widget's spans from tokens in order.
pub fn spanned(
    text: String,
    tokens: impl Iterator<Item = Token>,
    count_hint: usize,
) -> Result<SpannedText, AiError> {
    let mut spans: Vec<Span> = Vec::new();
    fill_spans(&mut spans, tokens, 0, count_hint);
    SpannedText::new(text, spans).map_err(|e| AiError::Encode(e.to_string()))
}

fn fill_spans(
    spans: &mut Vec<Span>,
    tokens: impl Iterator<Item = Token>,
    first_index: usize,
    count_hint: usize,
) {
    spans.reserve_exact(count_hint);
    let base = spans.len();
    let mut prev: Option<Range<usize>> = None;
    for (index, t) in (first_index..).zip(tokens) {
        let range = t.range();
        let mut kind = if t.special {
            SpanKind::AiSpecial
        } else {
            SpanKind::AiToken
        };
        if prev.as_ref() == Some(&range) && !range.is_empty() {
            kind = SpanKind::AiByteGroup;
            if let Some(last) = spans.last_mut()
                && last.kind == SpanKind::AiToken
            {
                last.kind = SpanKind::AiByteGroup;
            }
        }
        prev = Some(range.clone());
        spans.push(Span::new(range, kind).with_tag(pack_tag(index, t.id)));
        // Keep the text model's order (start, then longer first) so it need not sort: a token that takes a split
        // character's last byte and more starts where that character's fragments start but ends later.
        let mut at = spans.len() - 1;
        while at > base && {
            let (a, b) = (&spans[at - 1].byte_range, &spans[at].byte_range);
            a.start == b.start && a.end < b.end
        } {
            spans.swap(at - 1, at);
            at -= 1;
        }
    }
}

/// Length of the common prefix, compared a block at a time (a megabyte per keystroke).
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 256;
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + BLOCK <= n && a[i..i + BLOCK] == b[i..i + BLOCK] {
        i += BLOCK;
    }
    i + a[i..n]
        .iter()
        .zip(&b[i..n])
        .take_while(|(x, y)| x == y)
        .count()
}

/// Length of the common suffix, compared a block at a time.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 256;
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut i = 0;
    while i + BLOCK <= n && a[n - i - BLOCK..n - i] == b[n - i - BLOCK..n - i] {
        i += BLOCK;
    }
    i + a[..n - i]
        .iter()
        .rev()
        .zip(b[..n - i].iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// The chunk ranges for `region` of `text`: the safe split for chunkable vocabularies, else the region whole.
fn ranges_for(
    loaded: &Loaded,
    text: &str,
    region: Range<usize>,
    target: usize,
) -> Vec<Range<usize>> {
    if loaded.chunkable() {
        chunk_ranges(&text[region.clone()], target)
            .into_iter()
            .map(|r| r.start + region.start..r.end + region.start)
            .collect()
    } else {
        std::iter::once(region).collect()
    }
}

/// A span tag holding the token's position (high 32 bits) and id (low 32 bits). Palettes colour by the id.
pub fn pack_tag(index: usize, id: u32) -> u64 {
    ((index as u64) << 32) | u64::from(id)
}

/// The token id in a tag made by [`pack_tag`].
pub fn tag_id(tag: u64) -> u32 {
    tag as u32
}

/// The token position in a tag made by [`pack_tag`].
pub fn tag_index(tag: u64) -> usize {
    (tag >> 32) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_prefix_and_suffix_across_block_edges() {
        let a = "x".repeat(1000);
        for at in [0, 1, 255, 256, 257, 511, 999] {
            let mut b = a.clone().into_bytes();
            b[at] = b'y';
            assert_eq!(
                common_prefix(a.as_bytes(), &b),
                at,
                "prefix, change at {at}"
            );
            assert_eq!(
                common_suffix(a.as_bytes(), &b),
                999 - at,
                "suffix, change at {at}"
            );
        }
        assert_eq!(common_prefix(b"abc", b"abcd"), 3);
        assert_eq!(common_suffix(b"abc", b"zabc"), 3);
        assert_eq!(common_suffix(b"", b"abc"), 0);
    }
}
