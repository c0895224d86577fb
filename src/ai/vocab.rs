//! The bundled vocabularies (assets/tokenizers/SOURCES.md), compressed with zstd and parsed on demand.

use std::io::Read as _;

use tokenizers::Tokenizer;

use super::AiError;

/// A bundled vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Vocab {
    /// OpenAI o200k_base (GPT-4o, GPT-4.1, o-series).
    O200k,
    /// OpenAI o200k_harmony (gpt-oss): o200k_base's ranks and pattern with the Harmony chat tokens.
    O200kHarmony,
    /// OpenAI cl100k_base (GPT-4, GPT-3.5-turbo).
    Cl100k,
    /// OpenAI r50k_base (GPT-2, GPT-3).
    R50k,
    /// Llama 3, 3.1, 3.2, 3.3 (one 128,256-token vocabulary; Llama 3.0 special-token names).
    Llama3,
    /// Qwen3.
    Qwen3,
    /// Mistral 7B v0.1 (SentencePiece BPE with byte fallback).
    MistralV1,
    /// BERT base uncased (WordPiece).
    BertUncased,
    /// Claude 1/2 (not accurate for Claude 3+).
    ClaudeLegacy,
    /// Gemma 3 (262k SentencePiece BPE with byte fallback; under the Gemma Terms of Use, see
    /// assets/tokenizers/LICENSES/GEMMA-NOTICE.txt).
    Gemma3,
}

impl Vocab {
    /// Every bundled vocabulary.
    pub const ALL: [Self; 10] = [
        Self::O200k,
        Self::O200kHarmony,
        Self::Cl100k,
        Self::R50k,
        Self::Llama3,
        Self::Qwen3,
        Self::MistralV1,
        Self::BertUncased,
        Self::ClaudeLegacy,
        Self::Gemma3,
    ];

    /// The encoding name, always shown next to the model.
    pub fn name(self) -> &'static str {
        match self {
            Self::O200k => "o200k_base",
            Self::O200kHarmony => "o200k_harmony",
            Self::Cl100k => "cl100k_base",
            Self::R50k => "r50k_base",
            Self::Llama3 => "llama3",
            Self::Qwen3 => "qwen3",
            Self::MistralV1 => "mistral_v1",
            Self::BertUncased => "bert_base_uncased",
            Self::ClaudeLegacy => "claude_legacy",
            Self::Gemma3 => "gemma3",
        }
    }

    /// Is it a byte-level BPE (every token maps to raw bytes through the GPT-2 table)?
    pub fn byte_level(self) -> bool {
        matches!(
            self,
            Self::O200k
                | Self::O200kHarmony
                | Self::Cl100k
                | Self::R50k
                | Self::Llama3
                | Self::Qwen3
                | Self::ClaudeLegacy
        )
    }

    /// The compressed tokenizer.json.
    pub fn compressed(self) -> &'static [u8] {
        match self {
            Self::O200k => include_bytes!("../../assets/tokenizers/o200k_base.json.zst"),
            Self::O200kHarmony => include_bytes!("../../assets/tokenizers/o200k_harmony.json.zst"),
            Self::Cl100k => include_bytes!("../../assets/tokenizers/cl100k_base.json.zst"),
            Self::R50k => include_bytes!("../../assets/tokenizers/r50k_base.json.zst"),
            Self::Llama3 => include_bytes!("../../assets/tokenizers/llama3.json.zst"),
            Self::Qwen3 => include_bytes!("../../assets/tokenizers/qwen3.json.zst"),
            Self::MistralV1 => include_bytes!("../../assets/tokenizers/mistral_v1.json.zst"),
            Self::BertUncased => {
                include_bytes!("../../assets/tokenizers/bert_base_uncased.json.zst")
            }
            Self::ClaudeLegacy => include_bytes!("../../assets/tokenizers/claude_legacy.json.zst"),
            Self::Gemma3 => include_bytes!("../../assets/tokenizers/gemma3.json.zst"),
        }
    }

    /// The compact pack of a byte-level vocabulary (`assets/tokenizers/*.bpe.zst`, built from its tokenizer.json by
    /// `FastBpe::build_pack`; `tests/ai_fast.rs` checks each is what its JSON gives), or `None` where the fast engine
    /// does not serve the vocabulary.
    pub fn packed(self) -> Option<&'static [u8]> {
        Some(match self {
            Self::O200k => include_bytes!("../../assets/tokenizers/o200k_base.bpe.zst"),
            Self::O200kHarmony => include_bytes!("../../assets/tokenizers/o200k_harmony.bpe.zst"),
            Self::Cl100k => include_bytes!("../../assets/tokenizers/cl100k_base.bpe.zst"),
            Self::R50k => include_bytes!("../../assets/tokenizers/r50k_base.bpe.zst"),
            Self::Llama3 => include_bytes!("../../assets/tokenizers/llama3.bpe.zst"),
            Self::Qwen3 => include_bytes!("../../assets/tokenizers/qwen3.bpe.zst"),
            Self::ClaudeLegacy => include_bytes!("../../assets/tokenizers/claude_legacy.bpe.zst"),
            Self::MistralV1 | Self::BertUncased | Self::Gemma3 => return None,
        })
    }

    /// The parsed pack, if the vocabulary has one.
    pub fn pack(self) -> Result<Option<super::Pack>, AiError> {
        let Some(packed) = self.packed() else {
            return Ok(None);
        };
        super::Pack::parse(&decompress(self.name(), packed)?).map(Some)
    }

    /// May text be split at the cuts of [`super::chunk_ranges`] and encoded piecewise? True only where the test
    /// `chunked_equals_whole` shows chunked == whole on a mixed corpus. Mistral v1 prepends `▁` to the text, so a
    /// piece encodes differently from the same bytes inside the whole.
    pub fn chunkable(self) -> bool {
        !matches!(self, Self::MistralV1)
    }

    /// Decompress and parse. Takes 0.03–0.5 s: call it on a worker thread and cache the result.
    pub fn load(self) -> Result<Tokenizer, AiError> {
        let mut tokenizer = load_bytes(&self.json()?)?;
        self.fix_up(&mut tokenizer)?;
        Ok(tokenizer)
    }

    /// The post-processor the model really uses, where the bundled file lacks it: the @lenml Llama 3 file adds no
    /// BOS, while Meta's tokenizer.json for Llama 3 (and 3.1+) puts `<|begin_of_text|>` before the text. This is
    /// Meta's post-processor, verbatim (assets/tokenizers/SOURCES.md).
    pub fn post_processor(self) -> Option<&'static str> {
        match self {
            Self::Llama3 => Some(LLAMA3_POST_PROCESSOR),
            _ => None,
        }
    }

    /// Apply [`Vocab::post_processor`] to a freshly parsed tokenizer.
    pub fn fix_up(self, tokenizer: &mut Tokenizer) -> Result<(), AiError> {
        if let Some(json) = self.post_processor() {
            let post: tokenizers::processors::PostProcessorWrapper =
                serde_json::from_str(json).map_err(|e| AiError::Parse(e.to_string()))?;
            tokenizer.with_post_processor(Some(post));
        }
        Ok(())
    }

    /// The decompressed tokenizer.json.
    pub fn json(self) -> Result<Vec<u8>, AiError> {
        decompress(self.name(), self.compressed())
    }
}

fn decompress(name: &'static str, data: &[u8]) -> Result<Vec<u8>, AiError> {
    let mut out = Vec::new();
    let err = |e: &dyn std::fmt::Display| AiError::Decompress {
        name,
        msg: e.to_string(),
    };
    ruzstd::decoding::StreamingDecoder::new(data)
        .map_err(|e| err(&e))?
        .read_to_end(&mut out)
        .map_err(|e| err(&e))?;
    Ok(out)
}

/// Meta's Llama 3 post-processor: byte-level offsets, then `<|begin_of_text|>` (128000) before each sequence.
const LLAMA3_POST_PROCESSOR: &str = r#"{"type":"Sequence","processors":[
{"type":"ByteLevel","add_prefix_space":true,"trim_offsets":false,"use_regex":true},
{"type":"TemplateProcessing",
 "single":[{"SpecialToken":{"id":"<|begin_of_text|>","type_id":0}},{"Sequence":{"id":"A","type_id":0}}],
 "pair":[{"SpecialToken":{"id":"<|begin_of_text|>","type_id":0}},{"Sequence":{"id":"A","type_id":0}},
         {"SpecialToken":{"id":"<|begin_of_text|>","type_id":1}},{"Sequence":{"id":"B","type_id":1}}],
 "special_tokens":{"<|begin_of_text|>":{"id":"<|begin_of_text|>","ids":[128000],"tokens":["<|begin_of_text|>"]}}}]}"#;

/// Parse any Hugging Face tokenizer.json. Fixed truncation and padding (BERT files carry 128) are cleared, so
/// counts are never silently capped. A panic inside the `tokenizers` crate is returned as [`AiError::Crashed`].
pub fn load_bytes(json: &[u8]) -> Result<Tokenizer, AiError> {
    super::guard::guarded(|| {
        let mut tokenizer =
            Tokenizer::from_bytes(json).map_err(|e| AiError::Parse(e.to_string()))?;
        tokenizer
            .with_truncation(None)
            .map_err(|e| AiError::Parse(e.to_string()))?
            .with_padding(None);
        Ok(tokenizer)
    })
    .unwrap_or_else(|msg| Err(AiError::Crashed(msg)))
}
