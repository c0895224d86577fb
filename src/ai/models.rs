//! The model picker's catalogue: model names users know, mapped to the vocabulary that tokenizes for them and
//! the chat template family that frames their messages. Prices and context windows live in `assets/pricing.json`.

use super::Vocab;
use super::chat::ChatFamily;

/// A model users pick by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Model {
    /// Stable id; the key into pricing.json.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// The vocabulary.
    pub vocab: Vocab,
    /// How chat messages are framed.
    pub chat: ChatFamily,
}

const fn m(id: &'static str, name: &'static str, vocab: Vocab, chat: ChatFamily) -> Model {
    Model {
        id,
        name,
        vocab,
        chat,
    }
}

/// Every model, in picker order.
pub const MODELS: &[Model] = &[
    m("gpt-4o", "GPT-4o", Vocab::O200k, ChatFamily::OpenAi),
    m(
        "gpt-4o-mini",
        "GPT-4o mini",
        Vocab::O200k,
        ChatFamily::OpenAi,
    ),
    m("gpt-4.1", "GPT-4.1", Vocab::O200k, ChatFamily::OpenAi),
    m(
        "gpt-4.1-mini",
        "GPT-4.1 mini",
        Vocab::O200k,
        ChatFamily::OpenAi,
    ),
    m(
        "gpt-4.1-nano",
        "GPT-4.1 nano",
        Vocab::O200k,
        ChatFamily::OpenAi,
    ),
    m("o1", "o1", Vocab::O200k, ChatFamily::OpenAi),
    m("o3", "o3", Vocab::O200k, ChatFamily::OpenAi),
    m("o4-mini", "o4-mini", Vocab::O200k, ChatFamily::OpenAi),
    // gpt-oss frames chats in OpenAI's Harmony format, which has no template family here yet: counts are text only.
    m(
        "gpt-oss-120b",
        "gpt-oss-120b",
        Vocab::O200kHarmony,
        ChatFamily::None,
    ),
    m(
        "gpt-oss-20b",
        "gpt-oss-20b",
        Vocab::O200kHarmony,
        ChatFamily::None,
    ),
    m(
        "gpt-4-turbo",
        "GPT-4 Turbo",
        Vocab::Cl100k,
        ChatFamily::OpenAi,
    ),
    m("gpt-4", "GPT-4", Vocab::Cl100k, ChatFamily::OpenAi),
    m(
        "gpt-3.5-turbo",
        "GPT-3.5 Turbo",
        Vocab::Cl100k,
        ChatFamily::OpenAi,
    ),
    m(
        "text-embedding-3-small",
        "text-embedding-3-small",
        Vocab::Cl100k,
        ChatFamily::None,
    ),
    m("gpt-2", "GPT-2 / GPT-3", Vocab::R50k, ChatFamily::None),
    m(
        "llama-3-8b",
        "Llama 3 8B",
        Vocab::Llama3,
        ChatFamily::Llama3,
    ),
    m(
        "llama-3.1-8b",
        "Llama 3.1 8B",
        Vocab::Llama3,
        ChatFamily::Llama3,
    ),
    m(
        "llama-3.1-70b",
        "Llama 3.1 70B",
        Vocab::Llama3,
        ChatFamily::Llama3,
    ),
    m(
        "llama-3.1-405b",
        "Llama 3.1 405B",
        Vocab::Llama3,
        ChatFamily::Llama3,
    ),
    m(
        "llama-3.2-3b",
        "Llama 3.2 3B",
        Vocab::Llama3,
        ChatFamily::Llama3,
    ),
    m(
        "llama-3.3-70b",
        "Llama 3.3 70B",
        Vocab::Llama3,
        ChatFamily::Llama3,
    ),
    m("qwen3-8b", "Qwen3 8B", Vocab::Qwen3, ChatFamily::ChatMl),
    m(
        "qwen3-235b-a22b",
        "Qwen3 235B-A22B",
        Vocab::Qwen3,
        ChatFamily::ChatMl,
    ),
    m(
        "mistral-7b",
        "Mistral 7B",
        Vocab::MistralV1,
        ChatFamily::Mistral,
    ),
    m(
        "mixtral-8x7b",
        "Mixtral 8x7B",
        Vocab::MistralV1,
        ChatFamily::Mistral,
    ),
    m(
        "bert-base-uncased",
        "BERT base uncased",
        Vocab::BertUncased,
        ChatFamily::None,
    ),
    // Gemma turns are not modelled as a chat family yet: counts are text only.
    m(
        "gemma-3-27b",
        "Gemma 3 27B",
        Vocab::Gemma3,
        ChatFamily::None,
    ),
    m(
        "claude-2.1",
        "Claude 2.1 (legacy)",
        Vocab::ClaudeLegacy,
        ChatFamily::ClaudeLegacy,
    ),
    m(
        "claude-2.0",
        "Claude 2.0 (legacy)",
        Vocab::ClaudeLegacy,
        ChatFamily::ClaudeLegacy,
    ),
    m(
        "claude-instant-1.2",
        "Claude Instant 1.2 (legacy)",
        Vocab::ClaudeLegacy,
        ChatFamily::ClaudeLegacy,
    ),
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
    fn lookup_accepts_ids_names_and_encodings() {
        assert_eq!(lookup("GPT-4o").map(|x| x.0), Some(Vocab::O200k));
        assert_eq!(lookup("cl100k_base").map(|x| x.0), Some(Vocab::Cl100k));
        assert_eq!(lookup("gpt-3.5-turbo").map(|x| x.0), Some(Vocab::Cl100k));
        assert!(lookup("gpt-9").is_none());
    }
}
