//! Byte-pair merging over token ids, step for step as the `tokenizers` crate's `Word::merge_all` does it (lowest
//! merge rank first, leftmost first among equals), so the ids are the same; plus the look-ups that skip it.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use std::hash::BuildHasher as _;

use hashbrown::HashTable;

use super::pack::Pack;

/// A vocabulary ready to merge: token bytes by id, a hash table from bytes to id, and the merge table.
pub struct Model {
    starts: Vec<u32>,
    bytes: Vec<u8>,
    /// Ids, found by hashing their bytes.
    by_bytes: HashTable<u32>,
    /// (left << 32 | right) → (rank, merged id).
    pairs: hashbrown::HashMap<u64, (u32, u32), foldhash::fast::FixedState>,
    /// The id of each single byte, `u32::MAX` where the vocabulary lacks it.
    byte_ids: [u32; 256],
    whole: Vec<u64>,
    /// Llama 3's `ignore_merges`: a piece that is a token is that token, whatever the merges would give.
    ignore_merges: bool,
    hasher: foldhash::fast::FixedState,
}

/// One symbol of a word being merged: a token id, its byte range in the piece, and its neighbours.
#[derive(Clone, Copy)]
struct Symbol {
    id: u32,
    start: u32,
    len: u32,
    prev: i32,
    next: i32,
}

/// Buffers reused from piece to piece.
#[derive(Default)]
pub struct Scratch {
    symbols: Vec<Symbol>,
    heap: BinaryHeap<Reverse<(u32, u32, u32)>>,
}

/// A piece's bytes hold a byte the vocabulary has no token for.
#[derive(Debug)]
pub struct MissingByte(pub u8);

impl Model {
    /// Index a pack. `whole` may be empty (then computed here, which a pack build does once).
    pub fn new(pack: Pack, ignore_merges: bool) -> Self {
        let hasher = foldhash::fast::FixedState::with_seed(0x746f_6b65_6e6c_656e);
        let Pack {
            starts,
            present,
            bytes,
            merges,
            whole,
            ..
        } = pack;
        let mut by_bytes = HashTable::with_capacity(present.len());
        let mut byte_ids = [u32::MAX; 256];
        for (id, _) in present.iter().enumerate().filter(|(_, here)| **here) {
            let id = id as u32;
            let t = token_of(&starts, &bytes, id);
            by_bytes.insert_unique(hasher.hash_one(t), id, |&other| {
                hasher.hash_one(token_of(&starts, &bytes, other))
            });
            if let [b] = t {
                byte_ids[usize::from(*b)] = id;
            }
        }
        let mut model = Self {
            by_bytes,
            pairs: hashbrown::HashMap::with_capacity_and_hasher(merges.len(), hasher.clone()),
            byte_ids,
            starts,
            bytes,
            whole,
            ignore_merges,
            hasher,
        };
        for (rank, &[a, b, merged]) in merges.iter().enumerate() {
            model
                .pairs
                .insert(u64::from(a) << 32 | u64::from(b), (rank as u32, merged));
        }
        if model.whole.is_empty() {
            model.whole = model.compute_whole();
        }
        model
    }

    fn hash(&self, bytes: &[u8]) -> u64 {
        self.hasher.hash_one(bytes)
    }

    /// The bytes of `id` (empty for an id the vocabulary lacks).
    pub fn token(&self, id: u32) -> &[u8] {
        token_of(&self.starts, &self.bytes, id)
    }

    /// Number of ids (the largest + 1).
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Ids the vocabulary has.
    pub fn count(&self) -> usize {
        self.by_bytes.len()
    }

    /// The token spelled by exactly these bytes.
    pub fn lookup(&self, bytes: &[u8]) -> Option<u32> {
        self.by_bytes
            .find(self.hash(bytes), |&id| self.token(id) == bytes)
            .copied()
    }

    /// The whole-token bits (for writing a pack).
    pub fn whole_bits(&self) -> &[u64] {
        &self.whole
    }

    fn is_whole(&self, id: u32) -> bool {
        self.whole
            .get(id as usize / 64)
            .is_some_and(|w| w >> (id % 64) & 1 == 1)
    }

    fn compute_whole(&self) -> Vec<u64> {
        let mut bits = vec![0u64; self.len().div_ceil(64)];
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        for id in 0..self.len() as u32 {
            let t = self.token(id);
            if t.is_empty() {
                continue;
            }
            out.clear();
            if self.merge(t, 0, &mut out, &mut scratch).is_ok()
                && matches!(out.as_slice(), [(i, _, _)] if *i == id)
            {
                bits[id as usize / 64] |= 1 << (id % 64);
            }
        }
        bits
    }

    /// Encode one pre-tokenized piece, pushing (id, start, end) with byte offsets shifted by `base`.
    pub fn encode(
        &self,
        piece: &[u8],
        base: u32,
        out: &mut Vec<(u32, u32, u32)>,
        scratch: &mut Scratch,
    ) -> Result<(), MissingByte> {
        let end = base + piece.len() as u32;
        if let Some(id) = self.lookup(piece)
            && (self.ignore_merges || self.is_whole(id))
        {
            out.push((id, base, end));
            return Ok(());
        }
        self.merge(piece, base, out, scratch)
    }

    /// `Word::merge_all`: a heap of candidate merges ordered by (rank, position); stale entries are skipped when
    /// the pair at their position no longer makes the same token.
    fn merge(
        &self,
        piece: &[u8],
        base: u32,
        out: &mut Vec<(u32, u32, u32)>,
        scratch: &mut Scratch,
    ) -> Result<(), MissingByte> {
        let Scratch { symbols, heap } = scratch;
        symbols.clear();
        heap.clear();
        let n = piece.len();
        for (i, &b) in piece.iter().enumerate() {
            let id = self.byte_ids[usize::from(b)];
            if id == u32::MAX {
                return Err(MissingByte(b));
            }
            symbols.push(Symbol {
                id,
                start: i as u32,
                len: 1,
                prev: i as i32 - 1,
                next: if i + 1 < n { i as i32 + 1 } else { -1 },
            });
        }
        let pair = |a: u32, b: u32| self.pairs.get(&(u64::from(a) << 32 | u64::from(b)));
        for i in 0..n.saturating_sub(1) {
            if let Some(&(rank, merged)) = pair(symbols[i].id, symbols[i + 1].id) {
                heap.push(Reverse((rank, i as u32, merged)));
            }
        }
        while let Some(Reverse((_, pos, merged))) = heap.pop() {
            let pos = pos as usize;
            let here = symbols[pos];
            if here.len == 0 || here.next < 0 {
                continue;
            }
            let next = here.next as usize;
            let right = symbols[next];
            if pair(here.id, right.id).is_none_or(|&(_, m)| m != merged) {
                continue;
            }
            symbols[pos].id = merged;
            symbols[pos].len += right.len;
            symbols[pos].next = right.next;
            symbols[next].len = 0;
            if right.next >= 0 {
                symbols[right.next as usize].prev = pos as i32;
            }
            let here = symbols[pos];
            if here.prev >= 0
                && let Some(&(rank, m)) = pair(symbols[here.prev as usize].id, merged)
            {
                heap.push(Reverse((rank, here.prev as u32, m)));
            }
            if here.next >= 0
                && let Some(&(rank, m)) = pair(merged, symbols[here.next as usize].id)
            {
                heap.push(Reverse((rank, pos as u32, m)));
            }
        }
        out.extend(
            symbols
                .iter()
                .filter(|s| s.len > 0)
                .map(|s| (s.id, base + s.start, base + s.start + s.len)),
        );
        Ok(())
    }
}

fn token_of<'a>(starts: &[u32], bytes: &'a [u8], id: u32) -> &'a [u8] {
    let i = id as usize;
    match (starts.get(i), starts.get(i + 1)) {
        (Some(&s), Some(&e)) => bytes.get(s as usize..e as usize).unwrap_or_default(),
        _ => &[],
    }
}
