//! The pre-tokenizer patterns of the byte-level vocabularies, run on `regex-automata` without look-around.
//!
//! Each pattern ends `…|\s+(?!\S)|\s+` (or `|\s`). The look-ahead becomes a pattern of its own, `\s+\s`, whose last
//! character is given back unless the match reaches the end of the text (where `(?!\S)` holds): the trick of
//! GitHub's `bpe-openai`. Possessive quantifiers (`++`, `?+`, `*+`) become greedy: in these patterns nothing after
//! them could take back what they hold. Only the patterns listed here are translated, and `tests/ai_fast.rs`
//! checks every one against the `tokenizers` crate (which runs the original on `fancy-regex`).

use regex_automata::meta::{Cache, Regex};
use regex_automata::{Anchored, Input};

/// GPT-2's pattern, which `tokenizers`' ByteLevel pre-tokenizer uses when `use_regex` is on.
pub const GPT2: &str =
    r"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

/// The patterns of the bundled byte-level vocabularies, exactly as their tokenizer.json files spell them.
pub const KNOWN: [&str; 6] = [
    GPT2,
    // r50k_base (tiktoken's, possessive)
    r"'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s",
    // cl100k_base
    r"'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s",
    // o200k_base
    r"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+",
    // Llama 3
    r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+",
    // Qwen2 / Qwen3
    r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+",
];

/// A compiled pattern: alternatives as separate patterns (leftmost-first keeps their order of preference), and
/// which of them carries a look-ahead character to give back.
pub struct Pretok {
    re: Regex,
    lookahead: Vec<bool>,
    /// Search caches given back by finished encodes: a cache keeps the lazy DFA states it has built, so a new
    /// encode (one chunk of an edit) starts warm.
    caches: std::sync::Mutex<Vec<Cache>>,
}

impl Pretok {
    /// Compile one of the [`KNOWN`] patterns; `None` for any other.
    pub fn new(pattern: &str) -> Option<Self> {
        if !KNOWN.contains(&pattern) {
            return None;
        }
        let (head, last) = pattern.rsplit_once('|')?;
        let head = head.strip_suffix(r"|\s+(?!\S)")?;
        let greedy = head
            .replace("++", "+")
            .replace("?+", "?")
            .replace("*+", "*");
        let re = Regex::new_many(&[greedy.as_str(), r"\s+\s", last]).ok()?;
        Some(Self {
            re,
            lookahead: vec![false, true, false],
            caches: std::sync::Mutex::new(Vec::new()),
        })
    }

    /// A search cache for one encode (warm if an earlier encode gave one back with [`Pretok::give_back`]); the
    /// regex's own pool would cost a look-up per search.
    pub fn cache(&self) -> Cache {
        self.caches
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .pop()
            .unwrap_or_else(|| self.re.create_cache())
    }

    /// Keep a cache for the next encode (at most one per worker thread is ever needed).
    pub fn give_back(&self, cache: Cache) {
        let mut caches = self
            .caches
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if caches.len() < 8 {
            caches.push(cache);
        }
    }

    /// Call `f` with each piece's byte range, in order; the pieces cover `text`.
    pub fn split(&self, text: &str, cache: &mut Cache, mut f: impl FnMut(usize, usize)) {
        let mut at = 0;
        while at < text.len() {
            let input = Input::new(text).range(at..).anchored(Anchored::Yes);
            let Some(m) = self.re.search_with(cache, &input) else {
                // No pattern starts here (none of ours leaves a gap): the next match ends the gap.
                let next = self
                    .re
                    .search_with(cache, &Input::new(text).range(at..))
                    .map_or(text.len(), |m| m.start());
                f(at, next);
                at = next;
                continue;
            };
            let mut end = m.end();
            if self.lookahead[m.pattern().as_usize()] && end < text.len() {
                end -= text[..end].chars().next_back().map_or(0, char::len_utf8);
            }
            if end <= at {
                end = at + text[at..].chars().next().map_or(1, char::len_utf8);
            }
            f(at, end);
            at = end;
        }
    }
}
