//! The model picker's catalogue: model names users know, mapped to the vocabulary that tokenizes for them and
//! the chat template family that frames their messages. Prices and context windows live in `assets/pricing.json`.

use super::Vocab;
use super::chat::ChatFamily;

/// How far a model's token count can be trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Count {
    /// The vocabulary is the model's own, as published: the count is the one the provider bills.
    Exact,
    /// The provider has not published its vocabulary (Claude 3 and later, Gemini), or it is not bundled (DeepSeek):
    /// the count comes from the closest bundled vocabulary and may differ from the billed one.
    Estimate,
}

impl Count {
    /// Is the count the provider's own?
    pub fn is_exact(self) -> bool {
        self == Self::Exact
    }

    /// The name the CLI's `--json` output uses: `exact` or `estimate`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Estimate => "estimate",
        }
    }
}

/// A model users pick by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Model {
    /// Stable id: the provider's API id, lowercase, without a provider prefix. The key into pricing.json (and other
    /// assets that name models), so it never changes once published.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// The vocabulary.
    pub vocab: Vocab,
    /// How chat messages are framed.
    pub chat: ChatFamily,
    /// Whether `vocab` is the model's own or a stand-in.
    pub count: Count,
}

const fn m(id: &'static str, name: &'static str, vocab: Vocab, chat: ChatFamily) -> Model {
    Model {
        id,
        name,
        vocab,
        chat,
        count: Count::Exact,
    }
}

/// An OpenAI chat model on o200k_base (GPT-4o and later, the o-series): tiktoken 0.14 maps every `gpt-5*` id to it.
const fn openai(id: &'static str, name: &'static str) -> Model {
    m(id, name, Vocab::O200k, ChatFamily::OpenAi)
}

/// Claude 3 and later: Anthropic has published no vocabulary since Claude 2, so the legacy one stands in. Their
/// Messages API framing is not the legacy `Human:`/`Assistant:` prompt, so chats are counted as text only.
const fn claude(id: &'static str, name: &'static str) -> Model {
    estimate(m(id, name, Vocab::ClaudeLegacy, ChatFamily::None))
}

/// Gemini: its vocabulary is not published; Gemma 3's, the closest published one, stands in. Text only.
const fn gemini(id: &'static str, name: &'static str) -> Model {
    estimate(m(id, name, Vocab::Gemma3, ChatFamily::None))
}

/// DeepSeek V3, V3.2 and R1 share one vocabulary, which is not bundled (assets/tokenizers/SOURCES.md). Qwen3's
/// stands in: it came closest on the test corpus (assets/PRICING-SOURCES.md). DeepSeek's chat markers are not
/// ChatML, so chats are counted as text only.
const fn deepseek(id: &'static str, name: &'static str) -> Model {
    estimate(m(id, name, Vocab::Qwen3, ChatFamily::None))
}

/// Qwen3 open weights: one vocabulary for every size, framed with ChatML.
const fn qwen3(id: &'static str, name: &'static str) -> Model {
    m(id, name, Vocab::Qwen3, ChatFamily::ChatMl)
}

const fn llama3(id: &'static str, name: &'static str) -> Model {
    m(id, name, Vocab::Llama3, ChatFamily::Llama3)
}

const fn cl100k(id: &'static str, name: &'static str) -> Model {
    m(id, name, Vocab::Cl100k, ChatFamily::OpenAi)
}

const fn mistral(id: &'static str, name: &'static str) -> Model {
    m(id, name, Vocab::MistralV1, ChatFamily::Mistral)
}

/// Claude 1 and 2, whose vocabulary Anthropic did publish.
const fn claude_legacy(id: &'static str, name: &'static str) -> Model {
    m(id, name, Vocab::ClaudeLegacy, ChatFamily::ClaudeLegacy)
}

/// A model counted as plain text: no chat template here.
const fn text(id: &'static str, name: &'static str, vocab: Vocab) -> Model {
    m(id, name, vocab, ChatFamily::None)
}

const fn estimate(model: Model) -> Model {
    Model {
        count: Count::Estimate,
        ..model
    }
}

/// Every model, in picker order.
pub const MODELS: &[Model] = &[
    openai("gpt-5.6", "GPT-5.6"),
    openai("gpt-5.6-terra", "GPT-5.6 Terra"),
    openai("gpt-5.6-luna", "GPT-5.6 Luna"),
    openai("gpt-5.5", "GPT-5.5"),
    openai("gpt-5.4", "GPT-5.4"),
    openai("gpt-5.4-mini", "GPT-5.4 mini"),
    openai("gpt-5.4-nano", "GPT-5.4 nano"),
    openai("gpt-5.2", "GPT-5.2"),
    openai("gpt-5.1", "GPT-5.1"),
    openai("gpt-5", "GPT-5"),
    openai("gpt-5-mini", "GPT-5 mini"),
    openai("gpt-5-nano", "GPT-5 nano"),
    openai("gpt-4o", "GPT-4o"),
    openai("gpt-4o-mini", "GPT-4o mini"),
    openai("gpt-4.1", "GPT-4.1"),
    openai("gpt-4.1-mini", "GPT-4.1 mini"),
    openai("gpt-4.1-nano", "GPT-4.1 nano"),
    openai("o1", "o1"),
    openai("o3", "o3"),
    openai("o3-mini", "o3-mini"),
    openai("o4-mini", "o4-mini"),
    // gpt-oss frames chats in OpenAI's Harmony format.
    m(
        "gpt-oss-120b",
        "gpt-oss-120b",
        Vocab::O200kHarmony,
        ChatFamily::Harmony,
    ),
    m(
        "gpt-oss-20b",
        "gpt-oss-20b",
        Vocab::O200kHarmony,
        ChatFamily::Harmony,
    ),
    cl100k("gpt-4-turbo", "GPT-4 Turbo"),
    cl100k("gpt-4", "GPT-4"),
    cl100k("gpt-3.5-turbo", "GPT-3.5 Turbo"),
    text(
        "text-embedding-3-small",
        "text-embedding-3-small",
        Vocab::Cl100k,
    ),
    text("gpt-2", "GPT-2 / GPT-3", Vocab::R50k),
    claude("claude-mythos-5-1", "Claude Mythos 5.1"),
    claude("claude-fable-5-1", "Claude Fable 5.1"),
    claude("claude-opus-5-5", "Claude Opus 5.5"),
    claude("claude-sonnet-5-5", "Claude Sonnet 5.5"),
    claude("claude-haiku-5-5", "Claude Haiku 5.5"),
    claude("claude-opus-5", "Claude Opus 5"),
    claude("claude-sonnet-5", "Claude Sonnet 5"),
    claude("claude-opus-4-8", "Claude Opus 4.8"),
    claude("claude-sonnet-4-6", "Claude Sonnet 4.6"),
    claude("claude-opus-4-5", "Claude Opus 4.5"),
    claude("claude-sonnet-4-5", "Claude Sonnet 4.5"),
    claude("claude-haiku-4-5", "Claude Haiku 4.5"),
    gemini("gemini-4-argon", "Gemini 4 Argon"),
    gemini("gemini-4-hydrogen", "Gemini 4 Hydrogen"),
    gemini("gemini-3.8-flash", "Gemini 3.8 Flash"),
    gemini("gemini-3.5-flash", "Gemini 3.5 Flash"),
    gemini("gemini-3.5-flash-lite", "Gemini 3.5 Flash-Lite"),
    gemini("gemini-3.1-pro-preview", "Gemini 3.1 Pro (preview)"),
    gemini("gemini-3.1-flash-lite", "Gemini 3.1 Flash-Lite"),
    gemini("gemini-3-flash-preview", "Gemini 3 Flash (preview)"),
    gemini("gemini-2.5-pro", "Gemini 2.5 Pro"),
    gemini("gemini-2.5-flash", "Gemini 2.5 Flash"),
    gemini("gemini-2.5-flash-lite", "Gemini 2.5 Flash-Lite"),
    deepseek("deepseek-v3.2", "DeepSeek-V3.2"),
    deepseek("deepseek-r1", "DeepSeek-R1"),
    deepseek("deepseek-v3", "DeepSeek-V3"),
    llama3("llama-3-8b", "Llama 3 8B"),
    llama3("llama-3.1-8b", "Llama 3.1 8B"),
    llama3("llama-3.1-70b", "Llama 3.1 70B"),
    llama3("llama-3.1-405b", "Llama 3.1 405B"),
    llama3("llama-3.2-3b", "Llama 3.2 3B"),
    llama3("llama-3.3-70b", "Llama 3.3 70B"),
    qwen3("qwen3-8b", "Qwen3 8B"),
    qwen3("qwen3-32b", "Qwen3 32B"),
    qwen3("qwen3-30b-a3b", "Qwen3 30B-A3B"),
    qwen3("qwen3-235b-a22b", "Qwen3 235B-A22B"),
    qwen3(
        "qwen3-235b-a22b-instruct-2507",
        "Qwen3 235B-A22B Instruct 2507",
    ),
    qwen3("qwen3-coder-480b-a35b-instruct", "Qwen3 Coder 480B-A35B"),
    mistral("mistral-7b", "Mistral 7B"),
    mistral("mixtral-8x7b", "Mixtral 8x7B"),
    text("bert-base-uncased", "BERT base uncased", Vocab::BertUncased),
    // Gemma turns are not modelled as a chat family yet: counts are text only.
    text("gemma-3-27b", "Gemma 3 27B", Vocab::Gemma3),
    claude_legacy("claude-2.1", "Claude 2.1 (legacy)"),
    claude_legacy("claude-2.0", "Claude 2.0 (legacy)"),
    claude_legacy("claude-instant-1.2", "Claude Instant 1.2 (legacy)"),
];

/// The model with this id.
pub fn model(id: &str) -> Option<&'static Model> {
    MODELS.iter().find(|m| m.id == id)
}

/// Find a model by id or display name (case-insensitive), or a vocabulary by its encoding name: the CLI accepts
/// any of them.
pub fn lookup(name: &str) -> Option<(Vocab, Option<&'static Model>)> {
    let lower = name.to_lowercase();
    if let Some(v) = Vocab::ALL.iter().find(|v| v.name() == lower) {
        return Some((*v, None));
    }
    MODELS
        .iter()
        .find(|m| m.id == lower || m.name.to_lowercase() == lower)
        .map(|m| (m.vocab, Some(m)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vocabulary_serves_a_model_and_ids_are_unique() {
        for v in Vocab::ALL {
            assert!(
                MODELS.iter().any(|m| m.vocab == v),
                "{} has a model",
                v.name()
            );
        }
        for (i, a) in MODELS.iter().enumerate() {
            assert!(
                MODELS[i + 1..].iter().all(|b| b.id != a.id),
                "{} is unique",
                a.id
            );
        }
    }

    #[test]
    fn ids_are_api_ids_and_names_are_unique() {
        let mut keys = std::collections::HashMap::new();
        for m in MODELS {
            assert_eq!(m.id, m.id.to_lowercase(), "{} is lowercase", m.id);
            assert!(
                !m.id.contains(['/', ' ']),
                "{} has no provider prefix",
                m.id
            );
            for key in [m.id.to_owned(), m.name.to_lowercase()] {
                let other = keys.insert(key.clone(), m.id);
                assert!(
                    other.is_none_or(|o| o == m.id),
                    "{key:?} names {} and {other:?}",
                    m.id
                );
            }
        }
    }

    /// The model ids (by prefix, the longest one wins, as in tiktoken's table) whose own published tokenizer each
    /// bundled vocabulary is: tiktoken 0.14's `MODEL_PREFIX_TO_ENCODING` for OpenAI, assets/tokenizers/SOURCES.md
    /// for the rest. Claude 3+, Gemini and DeepSeek are absent: their vocabularies are unpublished or not bundled.
    const OWN: &[(&str, Vocab)] = &[
        ("gpt-5", Vocab::O200k),
        ("gpt-4o", Vocab::O200k),
        ("gpt-4.1", Vocab::O200k),
        ("o1", Vocab::O200k),
        ("o3", Vocab::O200k),
        ("o4-mini", Vocab::O200k),
        ("gpt-oss-", Vocab::O200kHarmony),
        ("gpt-4", Vocab::Cl100k),
        ("gpt-3.5-turbo", Vocab::Cl100k),
        ("text-embedding-3-", Vocab::Cl100k),
        ("gpt-2", Vocab::R50k),
        ("llama-3", Vocab::Llama3),
        ("qwen3-", Vocab::Qwen3),
        ("mistral-7b", Vocab::MistralV1),
        ("mixtral-8x7b", Vocab::MistralV1),
        ("bert-base-uncased", Vocab::BertUncased),
        ("gemma-3-", Vocab::Gemma3),
        ("claude-2.", Vocab::ClaudeLegacy),
        ("claude-instant-1.", Vocab::ClaudeLegacy),
    ];

    fn own_vocab(id: &str) -> Option<Vocab> {
        OWN.iter()
            .filter(|(prefix, _)| id.starts_with(prefix))
            .max_by_key(|(prefix, _)| prefix.len())
            .map(|(_, v)| *v)
    }

    #[test]
    fn exact_counts_use_the_model_s_own_vocabulary_and_the_rest_are_estimates() {
        for m in MODELS {
            let own = own_vocab(m.id);
            match m.count {
                Count::Exact => assert_eq!(
                    own,
                    Some(m.vocab),
                    "{} is exact only on its own vocabulary",
                    m.id
                ),
                Count::Estimate => assert_eq!(
                    own, None,
                    "{} has its own vocabulary bundled: not an estimate",
                    m.id
                ),
            }
        }
        for id in [
            "claude-sonnet-4-5",
            "claude-opus-4-5",
            "claude-haiku-4-5",
            "gemini-2.5-pro",
            "deepseek-v3",
        ] {
            assert_eq!(model(id).map(|m| m.count), Some(Count::Estimate), "{id}");
        }
        for id in [
            "gpt-5",
            "gpt-5-mini",
            "gpt-5-nano",
            "o3-mini",
            "qwen3-32b",
            "claude-2.1",
        ] {
            assert_eq!(model(id).map(|m| m.count), Some(Count::Exact), "{id}");
        }
    }

    #[test]
    fn lookup_accepts_ids_names_and_encodings() {
        assert_eq!(lookup("GPT-4o").map(|x| x.0), Some(Vocab::O200k));
        assert_eq!(lookup("cl100k_base").map(|x| x.0), Some(Vocab::Cl100k));
        assert_eq!(lookup("gpt-3.5-turbo").map(|x| x.0), Some(Vocab::Cl100k));
        assert!(lookup("gpt-9").is_none());
        let (vocab, m) = lookup("Claude Sonnet 4.5").unwrap();
        assert_eq!(
            (vocab, m.map(|m| m.id)),
            (Vocab::ClaudeLegacy, Some("claude-sonnet-4-5"))
        );
    }
}
