//! A loaded tokenizer with what the tab needs next to it: its name, facts for the info panel, special ids and
//! the BOS/EOS its post-processor adds.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock, Weak};

use tokenizers::Tokenizer;

use super::{AiError, FastBpe, Token, TokenizerInfo, Vocab};

/// One vocabulary's entry in the process-wide cache of [`Loaded::shared`]: locked while it loads.
type Slot = Arc<Mutex<Weak<Loaded>>>;

/// A tokenizer ready to encode from several threads: the fast byte-level BPE engine where it serves the vocabulary,
/// otherwise the `tokenizers` crate (the reference).
pub struct Loaded {
    engine: Engine,
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
    /// Set when a call into the tokenizer panicked: its state may be half-updated, so it is never used again.
    broken: AtomicBool,
}

/// Which engine encodes.
enum Engine {
    /// The `tokenizers` crate. The special-token mode is a flag on the tokenizer, so it sits behind a lock: writers
    /// only flip the flag, encoders share read access; `mode` is held for a whole encode, so that two jobs never
    /// flip the flag under each other.
    Reference {
        tokenizer: Box<RwLock<Tokenizer>>,
        mode: Mutex<()>,
    },
    /// The fast byte-level BPE engine ([`FastBpe`]).
    Fast(Box<FastBpe>),
}

/// An engine set to one special-token mode, for the length of a [`Loaded::with_mode`] call.
pub struct Encoder<'a> {
    loaded: &'a Loaded,
    kind: EncoderKind<'a>,
}

enum EncoderKind<'a> {
    Reference(&'a Tokenizer),
    Fast(&'a FastBpe, bool),
}

impl Encoder<'_> {
    /// Encode one piece of text (no BOS/EOS), ranges shifted by `base` and rounded out to character boundaries.
    pub fn encode(&self, text: &str, base: usize) -> Result<Vec<Token>, AiError> {
        if text.is_empty() {
            return Ok(Vec::new());
        }
        match self.kind {
            EncoderKind::Reference(tok) => {
                super::encode::encode_reference(tok, self.loaded, text, base)
            }
            EncoderKind::Fast(fast, special_as_text) => {
                let mut tokens = self.loaded.guarded(|| fast.encode(text, special_as_text))?;
                if base > 0 {
                    for t in &mut tokens {
                        t.start += base as u32;
                        t.end += base as u32;
                    }
                }
                Ok(tokens)
            }
        }
    }
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
    /// Load a bundled vocabulary: from its pack on the fast engine where it has one (a few milliseconds), else by
    /// parsing its tokenizer.json (0.03–0.5 s). Call it on a worker thread.
    pub fn bundled(vocab: Vocab) -> Result<Self, AiError> {
        match vocab.pack()? {
            Some(pack) => Self::fast(FastBpe::from_pack(pack, vocab.post_processor())?, vocab),
            None => Self::reference(vocab),
        }
    }

    /// Load a bundled vocabulary on the `tokenizers` crate, whatever engine would serve it (tests and benchmarks
    /// hold the fast engine to it).
    pub fn reference(vocab: Vocab) -> Result<Self, AiError> {
        let json = vocab.json()?;
        Self::from_json(&json, Some(vocab), vocab.name().to_owned())
    }

    fn fast(fast: FastBpe, vocab: Vocab) -> Result<Self, AiError> {
        let mut info = TokenizerInfo::from_json(fast.head().as_bytes())?;
        info.model_vocab = fast.model_vocab();
        if let Some(post) = vocab.post_processor() {
            info.set_post_processor(post);
        }
        let (bos, eos) = fast.template();
        Ok(Self {
            bos: bos.to_vec(),
            eos: eos.to_vec(),
            special_ids: fast.special_ids().collect(),
            size: fast.vocab_size(),
            broken: AtomicBool::new(false),
            vocab: Some(vocab),
            name: vocab.name().to_owned(),
            info,
            engine: Engine::Fast(Box::new(fast)),
        })
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
            engine: Engine::Reference {
                tokenizer: Box::new(RwLock::new(tokenizer)),
                mode: Mutex::new(()),
            },
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

    /// Is the fast engine encoding (not the `tokenizers` crate)?
    pub fn is_fast(&self) -> bool {
        matches!(self.engine, Engine::Fast(_))
    }

    /// Run `f` with an encoder in the requested special-token mode.
    pub fn with_mode<R>(&self, special_as_text: bool, f: impl FnOnce(&Encoder<'_>) -> R) -> R {
        match &self.engine {
            Engine::Fast(fast) => f(&Encoder {
                loaded: self,
                kind: EncoderKind::Fast(fast, special_as_text),
            }),
            Engine::Reference { tokenizer, mode } => {
                let _mode = mode
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                let current = read(tokenizer).get_encode_special_tokens();
                if current != special_as_text {
                    tokenizer
                        .write()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .set_encode_special_tokens(special_as_text);
                }
                let tokenizer = read(tokenizer);
                f(&Encoder {
                    loaded: self,
                    kind: EncoderKind::Reference(&tokenizer),
                })
            }
        }
    }

    /// The token string of `id` (GPT-2 byte symbols, `▁`, `##` as the vocabulary spells it).
    pub fn token_str(&self, id: u32) -> Option<String> {
        match &self.engine {
            Engine::Reference { tokenizer, .. } => read(tokenizer).id_to_token(id),
            Engine::Fast(fast) => fast.token_str(id),
        }
    }

    /// The id of a token's text (an added token's content, or a token string as [`Loaded::token_str`] spells it).
    pub fn token_to_id(&self, token: &str) -> Option<u32> {
        match &self.engine {
            Engine::Reference { tokenizer, .. } => read(tokenizer).token_to_id(token),
            Engine::Fast(fast) => fast.token_to_id(token),
        }
    }

    /// The tokenizer's own decoder over `ids` (special tokens kept). The fast engine's vocabularies decode by
    /// bytes (see [`Loaded::decodes_by_bytes`]) and have no other decoder: `None`.
    pub fn decode_text(&self, ids: &[u32]) -> Option<Result<String, AiError>> {
        match &self.engine {
            Engine::Reference { tokenizer, .. } => Some(self.guarded(|| {
                read(tokenizer)
                    .decode(ids, false)
                    .map_err(|e| AiError::Encode(e.to_string()))
            })),
            Engine::Fast(_) => None,
        }
    }

    /// The raw bytes `id` stands for (a WordPiece continuation `##ization` stands for `ization`).
    pub fn token_bytes(&self, id: u32) -> Option<Vec<u8>> {
        if let Engine::Fast(fast) = &self.engine {
            return fast.token_bytes(id).map(<[u8]>::to_vec);
        }
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

fn read(tokenizer: &RwLock<Tokenizer>) -> std::sync::RwLockReadGuard<'_, Tokenizer> {
    tokenizer
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
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
