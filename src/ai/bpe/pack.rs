//! A byte-level BPE vocabulary in compact binary form (a "pack"): the tokenizer.json without its vocabulary and
//! merges (for the info panel, added tokens and pattern), then the token bytes by id, the merges as id triples, and
//! which tokens BPE rebuilds whole from their own bytes. Loads in milliseconds where the JSON takes 0.3–0.5 s.
//!
//! The layout is our own (little-endian; no crate reads it), so that loading is a few slices and no parse:
//! `TLBPE1\n`, u32 head length, head JSON, u32 id count, u16 byte length per id (0xFFFF: no such id), the bytes,
//! u32 merge count, (u32 left, u32 right, u32 merged) per merge in rank order, then a bitset of "whole" ids.

use serde_json::Value;

use super::super::AiError;

const MAGIC: &[u8] = b"TLBPE1\n";
/// Length of an id the model vocabulary does not have.
const ABSENT: u16 = u16::MAX;

/// A parsed pack, borrowing nothing: the arrays are what the encoder keeps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pack {
    /// tokenizer.json with `model.vocab` and `model.merges` emptied.
    pub head: String,
    /// Start of each id's bytes in `bytes`; `starts[id + 1]` ends it. Absent ids have empty ranges.
    pub starts: Vec<u32>,
    /// Ids the model vocabulary has.
    pub present: Vec<bool>,
    /// Every token's bytes, back to back.
    pub bytes: Vec<u8>,
    /// (left, right, merged) in rank order.
    pub merges: Vec<[u32; 3]>,
    /// Bit per id: BPE over the token's own bytes gives exactly that token.
    pub whole: Vec<u64>,
}

fn bad(msg: impl Into<String>) -> AiError {
    AiError::Parse(format!("vocabulary pack: {}", msg.into()))
}

/// Reads fields in order, failing with the field's name when the data ends early.
struct Reader<'a> {
    data: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], AiError> {
        if self.data.len() < n {
            return Err(bad(format!("ends inside {what}")));
        }
        let (head, rest) = self.data.split_at(n);
        self.data = rest;
        Ok(head)
    }

    fn u32(&mut self, what: &str) -> Result<u32, AiError> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn count(&mut self, what: &str, size: usize) -> Result<usize, AiError> {
        let n = self.u32(what)? as usize;
        if n.saturating_mul(size) > self.data.len() {
            return Err(bad(format!(
                "{what} claims {n} entries, more than the data holds"
            )));
        }
        Ok(n)
    }
}

impl Pack {
    /// Parse pack bytes (decompressed).
    pub fn parse(data: &[u8]) -> Result<Self, AiError> {
        let mut r = Reader { data };
        if r.take(MAGIC.len(), "the header")? != MAGIC {
            return Err(bad("not a vocabulary pack"));
        }
        let head_len = r.count("the head", 1)?;
        let head = std::str::from_utf8(r.take(head_len, "the head")?)
            .map_err(|e| bad(format!("the head is not UTF-8: {e}")))?
            .to_owned();
        let ids = r.count("the lengths", 2)?;
        let lens = r.take(ids * 2, "the lengths")?;
        let mut starts = Vec::with_capacity(ids + 1);
        let mut present = Vec::with_capacity(ids);
        let mut at = 0u32;
        for pair in lens.chunks_exact(2) {
            starts.push(at);
            let len = u16::from_le_bytes([pair[0], pair[1]]);
            present.push(len != ABSENT);
            if len != ABSENT {
                at = at
                    .checked_add(u32::from(len))
                    .ok_or_else(|| bad("too many bytes"))?;
            }
        }
        starts.push(at);
        let bytes = r.take(at as usize, "the token bytes")?.to_vec();
        let n = r.count("the merges", 12)?;
        let raw = r.take(n * 12, "the merges")?;
        let merges = raw
            .chunks_exact(12)
            .map(|m| {
                let w = |i: usize| u32::from_le_bytes([m[i], m[i + 1], m[i + 2], m[i + 3]]);
                [w(0), w(4), w(8)]
            })
            .collect::<Vec<_>>();
        if merges.iter().flatten().any(|&id| id as usize >= ids) {
            return Err(bad("a merge names an id outside the vocabulary"));
        }
        let words = ids.div_ceil(64);
        let raw = r.take(words * 8, "the whole-token bits")?;
        let whole = raw
            .chunks_exact(8)
            .map(|w| u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]))
            .collect();
        if !r.data.is_empty() {
            return Err(bad("has bytes after its end"));
        }
        Ok(Self {
            head,
            starts,
            present,
            bytes,
            merges,
            whole,
        })
    }

    /// The pack's bytes (not compressed).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.head.len() + self.bytes.len() * 2);
        out.extend_from_slice(MAGIC);
        let put = |out: &mut Vec<u8>, n: usize| {
            out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
        };
        put(&mut out, self.head.len());
        out.extend_from_slice(self.head.as_bytes());
        put(&mut out, self.present.len());
        for (id, &here) in self.present.iter().enumerate() {
            let len = if here {
                (self.starts[id + 1] - self.starts[id]) as u16
            } else {
                ABSENT
            };
            out.extend_from_slice(&len.to_le_bytes());
        }
        out.extend_from_slice(&self.bytes);
        put(&mut out, self.merges.len());
        for m in &self.merges {
            for id in m {
                out.extend_from_slice(&id.to_le_bytes());
            }
        }
        for w in &self.whole {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Build a pack from a byte-level BPE tokenizer.json, or say why it cannot be one. `whole` is left empty: the
    /// caller fills it with the encoder it will use (see [`super::FastBpe::from_pack`]).
    pub fn from_json(json: &[u8]) -> Result<Self, AiError> {
        let mut root: Value =
            serde_json::from_slice(json).map_err(|e| AiError::Parse(e.to_string()))?;
        let model = root
            .get_mut("model")
            .and_then(Value::as_object_mut)
            .ok_or_else(|| bad("no model"))?;
        if model.get("type").and_then(Value::as_str) != Some("BPE") {
            return Err(bad("the model is not BPE"));
        }
        let vocab = model
            .insert("vocab".into(), Value::Object(serde_json::Map::new()))
            .and_then(|v| match v {
                Value::Object(m) => Some(m),
                _ => None,
            })
            .ok_or_else(|| bad("no vocabulary"))?;
        let merges = model
            .insert("merges".into(), Value::Array(Vec::new()))
            .and_then(|v| match v {
                Value::Array(a) => Some(a),
                _ => None,
            })
            .ok_or_else(|| bad("no merges"))?;
        let mut by_id: Vec<Option<Vec<u8>>> = Vec::new();
        let mut ids = std::collections::HashMap::with_capacity(vocab.len());
        for (token, id) in &vocab {
            let id = id
                .as_u64()
                .and_then(|i| u32::try_from(i).ok())
                .ok_or_else(|| bad(format!("token {token:?} has no id")))?;
            let bytes = super::super::bytes::byte_level_bytes(token)
                .ok_or_else(|| bad(format!("token {token:?} is not byte-level")))?;
            if bytes.len() >= usize::from(ABSENT) {
                return Err(bad(format!("token {token:?} is too long")));
            }
            let i = id as usize;
            if by_id.len() <= i {
                by_id.resize(i + 1, None);
            }
            if by_id[i].replace(bytes).is_some() {
                return Err(bad(format!("id {id} is used twice")));
            }
            ids.insert(token.clone(), id);
        }
        let mut triples = Vec::with_capacity(merges.len());
        for m in &merges {
            let (a, b) = match m {
                Value::String(s) => s
                    .split_once(' ')
                    .ok_or_else(|| bad(format!("merge {s:?}")))?,
                Value::Array(pair) => match pair.as_slice() {
                    [Value::String(a), Value::String(b)] => (a.as_str(), b.as_str()),
                    _ => return Err(bad(format!("merge {m}"))),
                },
                _ => return Err(bad(format!("merge {m}"))),
            };
            let id = |t: &str| {
                ids.get(t)
                    .copied()
                    .ok_or_else(|| bad(format!("merge token {t:?}")))
            };
            triples.push([id(a)?, id(b)?, id(&format!("{a}{b}"))?]);
        }
        let mut starts = Vec::with_capacity(by_id.len() + 1);
        let mut bytes = Vec::new();
        for t in &by_id {
            starts.push(bytes.len() as u32);
            bytes.extend_from_slice(t.as_deref().unwrap_or_default());
        }
        starts.push(bytes.len() as u32);
        Ok(Self {
            head: serde_json::to_string(&root).map_err(|e| AiError::Parse(e.to_string()))?,
            present: by_id.iter().map(Option::is_some).collect(),
            starts,
            bytes,
            merges: triples,
            whole: Vec::new(),
        })
    }
}
