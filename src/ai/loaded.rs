//! A loaded tokenizer with what the tab needs next to it: its name, facts for the info panel, special ids and
//! the BOS/EOS its post-processor adds.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock, Weak};

use tokenizers::Tokenizer;

use super::{AiError, TokenizerInfo, Vocab};

/// One vocabulary's entry in the process-wide cache of [`Loaded::shared`]: locked while it loads.
type Slot = Arc<Mutex<Weak<Loaded>>>;

/// A tokenizer ready to encode from several threads. The special-token mode is a flag on the tokenizer, so it sits
/// behind a lock: writers only flip the flag, encoders share read access.
pub struct Loaded {
    tokenizer: RwLock<Tokenizer>,
    /// The bundled vocabulary, or `None` for a user's tokenizer.json.
    pub vocab: Option<Vocab>,
    /// Display name: the encoding name, or the file name.
    pub name: String,
    /// Model type, sizes, normalizer, pre-tokenizer, added tokens.
    pub info: TokenizerInfo,
    /// Ids of added tokens marked special.
    pub special_ids: HashSet<u32>,
    /// Ids the post-processor puts before the text.
    pub bos: Vec<u32>,
    /// Ids the post-processor puts after the text.
    pub eos: Vec<u32>,
    /// Number of ids (with added tokens), counted once: the crate copies the whole vocabulary to count it.
    size: usize,
    /// Held for a whole encode, so that two jobs never flip the special-token mode under each other.
    mode: std::sync::Mutex<()>,
    /// Set when a call into the tokenizer panicked: its state may be half-updated, so it is never used again.
    broken: AtomicBool,
}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loaded")
            .field("name", &self.name)
            .field("vocab", &self.vocab)
            .finish_non_exhaustive()
    }
}

impl Loaded {
    /// Decompress and parse a bundled vocabulary. Takes 0.03–0.5 s: call it on a worker thread.
    pub fn bundled(vocab: Vocab) -> Result<Self, AiError> {
        let json = vocab.json()?;
        Self::from_json(&json, Some(vocab), vocab.name().to_owned())
    }

    /// A bundled vocabulary shared by everyone in the process who holds it: while any `Arc` is alive, asking again
    /// returns it instead of loading a second copy (the Overview's example and the AI tab share one). Callers for
    /// the same vocabulary wait for one load. Takes as long as [`Loaded::bundled`] the first time: use a worker.
    pub fn shared(vocab: Vocab) -> Result<Arc<Self>, AiError> {
        static SHARED: Mutex<Vec<(Vocab, Slot)>> = Mutex::new(Vec::new());
        let slot = {
            let mut all = SHARED
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some((_, slot)) = all.iter().find(|(v, _)| *v == vocab) {
                Arc::clone(slot)
            } else {
                let slot = Arc::new(Mutex::new(Weak::new()));
                all.push((vocab, Arc::clone(&slot)));
                slot
            }
        };
        let mut weak = slot
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(loaded) = weak.upgrade() {
            return Ok(loaded);
        }
        let loaded = Arc::new(Self::bundled(vocab)?);
        *weak = Arc::downgrade(&loaded);
        Ok(loaded)
    }

    /// Parse any Hugging Face tokenizer.json (fixed truncation and padding are cleared). A user's file (`vocab` is
    /// `None`) is first checked against the caps of [`super::MAX_ADDED_TOKENS`], [`super::MAX_PATTERN_BYTES`] and
    /// [`super::MAX_LOOK_AROUND_CHARS`]; a panic inside the `tokenizers` crate is returned as [`AiError::Crashed`].
    pub fn from_json(json: &[u8], vocab: Option<Vocab>, name: String) -> Result<Self, AiError> {
        let mut info = TokenizerInfo::from_json(json)?;
        if vocab.is_none() {
            super::limits::check_user(json)?;
        }
        let mut tokenizer = super::load_bytes(json)?;
        if let Some(v) = vocab {
            v.fix_up(&mut tokenizer)?;
            if let Some(post) = v.post_processor() {
                info.set_post_processor(post);
            }
        }
        // The probe encodes run the user's normalizer, model and post-processor for the first time.
        let (special_ids, bos, eos, size) = super::guard::guarded(|| {
            let special_ids = tokenizer
                .get_added_tokens_decoder()
                .iter()
                .filter(|(_, t)| t.special)
                .map(|(&id, _)| id)
                .collect();
            let (bos, eos) = template_tokens(&tokenizer);
            (special_ids, bos, eos, tokenizer.get_vocab_size(true))
        })
        .map_err(AiError::Crashed)?;
        Ok(Self {
            size,
            broken: AtomicBool::new(false),
            mode: std::sync::Mutex::new(()),
            tokenizer: RwLock::new(tokenizer),
            vocab,
            name,
            info,
            special_ids,
            bos,
            eos,
        })
    }

    /// Run `f`, a call into the tokenizer, behind `catch_unwind`. After a panic the tokenizer is marked broken and
    /// every later call returns [`AiError::Broken`] without touching it.
    pub fn guarded<R>(&self, f: impl FnOnce() -> Result<R, AiError>) -> Result<R, AiError> {
        if self.is_broken() {
            return Err(AiError::Broken);
        }
        super::guard::guarded(f).unwrap_or_else(|msg| {
            self.broken.store(true, Ordering::Relaxed);
            Err(AiError::Crashed(msg))
        })
    }

    /// Did a call into the tokenizer panic? Then it is not used again.
    pub fn is_broken(&self) -> bool {
        self.broken.load(Ordering::Relaxed)
    }

    /// Is the vocabulary byte-level BPE (tokens map to bytes through the GPT-2 table)?
    pub fn byte_level(&self) -> bool {
        self.vocab.map_or(self.info.byte_level, Vocab::byte_level)
    }

    /// May the text be split at newline boundaries and encoded piecewise? Only for bundled vocabularies that the
    /// chunked-equals-whole test covers.
    pub fn chunkable(&self) -> bool {
        self.vocab.is_some_and(Vocab::chunkable)
    }

    /// Number of ids (the largest id + 1).
    pub fn vocab_size(&self) -> usize {
        self.size
    }

    /// Run `f` with the tokenizer in the requested special-token mode.
    pub fn with_mode<R>(&self, special_as_text: bool, f: impl FnOnce(&Tokenizer) -> R) -> R {
        let _mode = self
            .mode
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let current = self.read(|t| t.get_encode_special_tokens());
        if current != special_as_text {
            let mut t = self
                .tokenizer
                .write()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            t.set_encode_special_tokens(special_as_text);
        }
        self.read(f)
    }

    /// Run `f` with shared access to the tokenizer.
    pub fn read<R>(&self, f: impl FnOnce(&Tokenizer) -> R) -> R {
        let t = self
            .tokenizer
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&t)
    }

    /// The token string of `id` (GPT-2 byte symbols, `▁`, `##` as the vocabulary spells it).
    pub fn token_str(&self, id: u32) -> Option<String> {
        self.read(|t| t.id_to_token(id))
    }

    /// The raw bytes `id` stands for (a WordPiece continuation `##ization` stands for `ization`).
    pub fn token_bytes(&self, id: u32) -> Option<Vec<u8>> {
        let s = self.token_str(id)?;
        let piece = self
            .info
            .subword_prefix
            .as_deref()
            .and_then(|p| s.strip_prefix(p))
            .filter(|rest| !rest.is_empty())
            .unwrap_or(&s);
        Some(super::token_bytes(piece, self.byte_level()))
    }

    /// Do the ids decode by joining their bytes (byte-level BPE, `<0xNN>` byte fallback)? Otherwise the
    /// tokenizer's own decoder joins them (WordPiece's `##` and spaces, Metaspace's `▁`).
    pub fn decodes_by_bytes(&self) -> bool {
        self.byte_level() || self.info.byte_fallback
    }

    /// Is `id` a special token?
    pub fn is_special(&self, id: u32) -> bool {
        self.special_ids.contains(&id)
    }
}

/// The tokens the post-processor adds before and after a one-word text.
fn template_tokens(tokenizer: &Tokenizer) -> (Vec<u32>, Vec<u32>) {
    let probe = "a";
    let (Ok(plain), Ok(framed)) = (
        tokenizer.encode(probe, false),
        tokenizer.encode(probe, true),
    ) else {
        return (Vec::new(), Vec::new());
    };
    let inner = plain.get_ids();
    let all = framed.get_ids();
    if inner.is_empty() || all.len() < inner.len() {
        return (Vec::new(), Vec::new());
    }
    let at = (0..=all.len() - inner.len()).find(|&i| &all[i..i + inner.len()] == inner);
    match at {
        Some(i) => (all[..i].to_vec(), all[i + inner.len()..].to_vec()),
        None => (Vec::new(), Vec::new()),
    }
}
