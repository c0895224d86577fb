//! The fast engine for byte-level BPE vocabularies: the same ids and byte offsets as the `tokenizers` crate (the
//! reference, which `tests/ai_fast.rs` holds it to), several times faster, from a pack that loads in milliseconds.
//!
//! It serves a vocabulary only when every stage is one it reproduces: added tokens without strip or single-word
//! rules, no normalizer or NFC/NFKC, a known pattern ([`pretok::KNOWN`]) then byte-level, plain BPE (no dropout,
//! no byte fallback, no subword affixes), and a post-processor that only adds ids around the text. Anything else
//! stays on `tokenizers`.

mod merge;
mod pack;
mod pretok;

use aho_corasick::{AhoCorasick, MatchKind};
use serde_json::Value;
use tokenizers::NormalizedString;
use tokenizers::normalizer::Range as NormRange;
use unicode_normalization_alignments::{IsNormalized, is_nfc_quick, is_nfkc_quick};

pub use pack::Pack;

use super::{AiError, Token};

/// The normalizers the fast engine reproduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Norm {
    None,
    Nfc,
    Nfkc,
}

/// A byte-level BPE tokenizer: pattern, merges and added tokens.
pub struct FastBpe {
    model: merge::Model,
    pretok: pretok::Pretok,
    norm: Norm,
    /// Added tokens, matched in the raw text before anything else (leftmost-longest, as `tokenizers` does).
    added: Option<AhoCorasick>,
    /// Per added-token pattern: its id and whether it is special.
    added_ids: Vec<(u32, bool)>,
    added_text: Vec<String>,
    /// The head of the tokenizer.json (everything but the vocabulary and merges).
    head: String,
    bos: Vec<u32>,
    eos: Vec<u32>,
}

impl std::fmt::Debug for FastBpe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FastBpe")
            .field("ids", &self.model.len())
            .field("norm", &self.norm)
            .finish_non_exhaustive()
    }
}

/// Why a tokenizer.json stays on the `tokenizers` crate.
fn not_fast(why: &str) -> AiError {
    AiError::Parse(format!("not served by the fast engine: {why}"))
}

impl FastBpe {
    /// Build from a tokenizer.json (the slow way: parses the JSON and works out which tokens BPE keeps whole).
    /// `post` replaces the file's post-processor (see `Vocab::post_processor`).
    pub fn from_json(json: &[u8], post: Option<&str>) -> Result<Self, AiError> {
        Self::from_pack(Pack::from_json(json)?, post)
    }

    /// Load a pack (see [`Pack`]); its whole-token bits are computed if it has none.
    pub fn from_pack(pack: Pack, post: Option<&str>) -> Result<Self, AiError> {
        let head: Value =
            serde_json::from_str(&pack.head).map_err(|e| AiError::Parse(e.to_string()))?;
        let model_json = &head["model"];
        let plain = |k: &str| {
            matches!(&model_json[k], Value::Null | Value::Bool(false))
                || model_json[k].as_str() == Some("")
        };
        if !(plain("dropout")
            && plain("byte_fallback")
            && plain("continuing_subword_prefix")
            && plain("end_of_word_suffix")
            && plain("unk_token"))
        {
            return Err(not_fast("BPE options"));
        }
        let norm = match &head["normalizer"] {
            Value::Null => Norm::None,
            n => match n["type"].as_str() {
                Some("NFC") => Norm::Nfc,
                Some("NFKC") => Norm::Nfkc,
                _ => return Err(not_fast("normalizer")),
            },
        };
        let pattern = pattern(&head["pre_tokenizer"]).ok_or_else(|| not_fast("pre-tokenizer"))?;
        let pretok = pretok::Pretok::new(&pattern).ok_or_else(|| not_fast("pattern"))?;
        let post: Value = match post {
            Some(p) => serde_json::from_str(p).map_err(|e| AiError::Parse(e.to_string()))?,
            None => head["post_processor"].clone(),
        };
        let (bos, eos) = template(&post).ok_or_else(|| not_fast("post-processor"))?;
        let mut added_ids = Vec::new();
        let mut added_text = Vec::new();
        for t in head["added_tokens"]
            .as_array()
            .map_or(&[][..], Vec::as_slice)
        {
            let flag = |k: &str| t[k].as_bool().unwrap_or(false);
            if flag("lstrip") || flag("rstrip") || flag("single_word") || flag("normalized") {
                return Err(not_fast("added-token options"));
            }
            let (Some(id), Some(content)) = (t["id"].as_u64(), t["content"].as_str()) else {
                return Err(not_fast("added token"));
            };
            added_ids.push((
                u32::try_from(id).map_err(|e| not_fast(&format!("added id: {e}")))?,
                flag("special"),
            ));
            added_text.push(content.to_owned());
        }
        let added = if added_text.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&added_text)
                    .map_err(|e| AiError::Parse(e.to_string()))?,
            )
        };
        let ignore_merges = model_json["ignore_merges"].as_bool().unwrap_or(false);
        let head_text = pack.head.clone();
        Ok(Self {
            model: merge::Model::new(pack, ignore_merges),
            pretok,
            norm,
            added,
            added_ids,
            added_text,
            head: head_text,
            bos,
            eos,
        })
    }

    /// Build the pack of a byte-level tokenizer.json, whole-token bits included (takes seconds: for
    /// `assets/tokenizers/*.bpe.zst`, see SOURCES.md), after checking the fast engine can serve it.
    pub fn build_pack(json: &[u8], post: Option<&str>) -> Result<Pack, AiError> {
        let pack = Pack::from_json(json)?;
        let fast = Self::from_pack(pack.clone(), post)?;
        Ok(Pack {
            whole: fast.model.whole_bits().to_vec(),
            ..pack
        })
    }

    /// The token string of `id` as the vocabulary spells it (GPT-2 byte symbols), or an added token's text.
    pub fn token_str(&self, id: u32) -> Option<String> {
        if let Some(i) = self.added_ids.iter().position(|&(a, _)| a == id) {
            return Some(self.added_text[i].clone());
        }
        let t = self.model.token(id);
        (!t.is_empty()).then(|| super::bytes::byte_level_str(t))
    }

    /// Entries in the model's own vocabulary.
    pub fn model_vocab(&self) -> usize {
        self.model.count()
    }

    /// The tokenizer.json without vocabulary and merges (for the info panel).
    pub fn head(&self) -> &str {
        &self.head
    }

    /// Ids the post-processor puts before and after the text.
    pub fn template(&self) -> (&[u32], &[u32]) {
        (&self.bos, &self.eos)
    }

    /// The bytes of a model token, or an added token's text.
    pub fn token_bytes(&self, id: u32) -> Option<&[u8]> {
        if let Some(i) = self.added_ids.iter().position(|&(a, _)| a == id) {
            return Some(self.added_text[i].as_bytes());
        }
        let t = self.model.token(id);
        (!t.is_empty()).then_some(t)
    }

    /// The id of an added token's text, or of a token string as the vocabulary spells it (GPT-2 byte symbols).
    pub fn token_to_id(&self, token: &str) -> Option<u32> {
        self.added_text
            .iter()
            .position(|t| t == token)
            .map(|i| self.added_ids[i].0)
            .or_else(|| self.model.lookup(&super::bytes::byte_level_bytes(token)?))
    }

    /// Ids of the special added tokens.
    pub fn special_ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.added_ids.iter().filter(|(_, s)| *s).map(|(id, _)| *id)
    }

    /// Number of ids, with added tokens.
    pub fn vocab_size(&self) -> usize {
        let added = self
            .added_ids
            .iter()
            .map(|&(id, _)| id as usize + 1)
            .max()
            .unwrap_or(0);
        self.model.len().max(added)
    }

    /// Encode `text` (no BOS/EOS), offsets rounded out to character boundaries as `encode_piece` does for the
    /// reference. With `special_as_text`, special added tokens are plain text (ordinary added tokens still match).
    pub fn encode(&self, text: &str, special_as_text: bool) -> Result<Vec<Token>, AiError> {
        let mut out = Vec::with_capacity(text.len() / 3 + 1);
        let mut scratch = Scratch {
            ids: Vec::new(),
            merge: merge::Scratch::default(),
            regex: self.pretok.cache(),
        };
        let mut at = 0;
        if let Some(ac) = &self.added {
            for m in ac.find_iter(text) {
                let (id, special) = self.added_ids[m.pattern().as_usize()];
                if special_as_text && special {
                    continue;
                }
                self.segment(&text[at..m.start()], at, &mut out, &mut scratch)?;
                out.push(Token {
                    id,
                    start: m.start() as u32,
                    end: m.end() as u32,
                    special,
                });
                at = m.end();
            }
        }
        self.segment(&text[at..], at, &mut out, &mut scratch)?;
        self.pretok.give_back(scratch.regex);
        Ok(out)
    }

    /// Normalize (only when the text is not already normal), pre-tokenize, merge.
    fn segment(
        &self,
        seg: &str,
        base: usize,
        out: &mut Vec<Token>,
        scratch: &mut Scratch,
    ) -> Result<(), AiError> {
        if seg.is_empty() {
            return Ok(());
        }
        let normal = match self.norm {
            Norm::None => true,
            Norm::Nfc => is_nfc_quick(seg.chars()) == IsNormalized::Yes,
            Norm::Nfkc => is_nfkc_quick(seg.chars()) == IsNormalized::Yes,
        };
        if normal {
            self.pieces(seg, scratch)?;
            out.extend(scratch.ids.iter().map(|&(id, s, e)| {
                let s = crate::text::floor_char_boundary(seg, s as usize);
                let e = super::encode::ceil_char_boundary(seg, e as usize);
                model_token(id, base + s, base + e)
            }));
            return Ok(());
        }
        let mut n = NormalizedString::from(seg);
        match self.norm {
            Norm::Nfkc => n.nfkc(),
            _ => n.nfc(),
        };
        let normed = n.get();
        self.pieces(normed, scratch)?;
        for &(id, s, e) in &scratch.ids {
            let s = crate::text::floor_char_boundary(normed, s as usize);
            let e = super::encode::ceil_char_boundary(normed, e as usize);
            let r = n
                .convert_offsets(NormRange::Normalized(s..e))
                .unwrap_or(0..0);
            let s = crate::text::floor_char_boundary(seg, r.start.min(seg.len()));
            let e = super::encode::ceil_char_boundary(seg, r.end.min(seg.len())).max(s);
            out.push(model_token(id, base + s, base + e));
        }
        Ok(())
    }

    /// Split `text` and merge each piece into `scratch.ids` (offsets in `text`).
    fn pieces(&self, text: &str, scratch: &mut Scratch) -> Result<(), AiError> {
        let Scratch { ids, merge, regex } = scratch;
        ids.clear();
        let mut missing = None;
        self.pretok.split(text, regex, |s, e| {
            if missing.is_none()
                && let Err(merge::MissingByte(b)) =
                    self.model
                        .encode(&text.as_bytes()[s..e], s as u32, ids, merge)
            {
                missing = Some(b);
            }
        });
        match missing {
            Some(b) => Err(AiError::Encode(format!(
                "the vocabulary has no token for byte {b:#04x}"
            ))),
            None => Ok(()),
        }
    }
}

fn model_token(id: u32, start: usize, end: usize) -> Token {
    Token {
        id,
        start: start as u32,
        end: end as u32,
        special: false,
    }
}

/// Buffers one encode reuses from segment to segment.
struct Scratch {
    ids: Vec<(u32, u32, u32)>,
    merge: merge::Scratch,
    regex: regex_automata::meta::Cache,
}

/// The split pattern of a `Split(Regex)` + byte-level sequence, or GPT-2's for a lone ByteLevel with its regex.
fn pattern(pre: &Value) -> Option<String> {
    let byte_level =
        |v: &Value| v["type"] == "ByteLevel" && !v["add_prefix_space"].as_bool().unwrap_or(true);
    if byte_level(pre) && pre["use_regex"].as_bool().unwrap_or(true) {
        return Some(pretok::GPT2.to_owned());
    }
    match pre["pretokenizers"].as_array()?.as_slice() {
        [split, bl]
            if split["type"] == "Split"
                && split["behavior"] == "Isolated"
                && !split["invert"].as_bool().unwrap_or(false)
                && byte_level(bl)
                && !bl["use_regex"].as_bool().unwrap_or(true) =>
        {
            split["pattern"]["Regex"].as_str().map(str::to_owned)
        }
        _ => None,
    }
}

/// BOS/EOS ids of a post-processor that only frames the text: none, ByteLevel without offset trimming, a
/// TemplateProcessing, or a Sequence of those. `None` for anything else.
fn template(post: &Value) -> Option<(Vec<u32>, Vec<u32>)> {
    match post["type"].as_str() {
        None if post.is_null() => Some((Vec::new(), Vec::new())),
        Some("ByteLevel") if !post["trim_offsets"].as_bool().unwrap_or(true) => {
            Some((Vec::new(), Vec::new()))
        }
        Some("Sequence") => {
            let mut found = (Vec::new(), Vec::new());
            for p in post["processors"].as_array()? {
                let (b, e) = template(p)?;
                if !b.is_empty() || !e.is_empty() {
                    found = (b, e);
                }
            }
            Some(found)
        }
        Some("TemplateProcessing") => {
            let (mut bos, mut eos) = (Vec::new(), Vec::new());
            let mut seen_text = false;
            for item in post["single"].as_array()? {
                if item.get("Sequence").is_some() {
                    seen_text = true;
                } else {
                    let name = item["SpecialToken"]["id"].as_str()?;
                    let ids = post["special_tokens"][name]["ids"].as_array()?;
                    let ids = ids
                        .iter()
                        .map(|v| v.as_u64().and_then(|i| u32::try_from(i).ok()))
                        .collect::<Option<Vec<_>>>()?;
                    if seen_text {
                        eos.extend(ids);
                    } else {
                        bos.extend(ids);
                    }
                }
            }
            Some((bos, eos))
        }
        _ => None,
    }
}
