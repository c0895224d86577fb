//! What a tokenizer.json says about itself: model type, normalizer, pre-tokenizer, post-processor and added
//! tokens, read without touching the (large) vocabulary.

use serde::Deserialize;
use serde_json::Value;

use super::AiError;

/// One added token.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
pub struct AddedToken {
    /// Its id.
    pub id: u32,
    /// Its text.
    pub content: String,
    /// Is it special (control) rather than an ordinary added word?
    #[serde(default)]
    pub special: bool,
}

/// Facts about a tokenizer for the info panel.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct TokenizerInfo {
    /// `BPE`, `WordPiece`, `Unigram`, `WordLevel`.
    pub model_type: String,
    /// The normalizer, summarised (`NFC`, `Sequence[Prepend, Replace]`, `none`).
    pub normalizer: String,
    /// The pre-tokenizer, summarised.
    pub pre_tokenizer: String,
    /// The post-processor, summarised.
    pub post_processor: String,
    /// The decoder, summarised.
    pub decoder: String,
    /// Does the model fall back to `<0xNN>` byte tokens?
    pub byte_fallback: bool,
    /// Is it byte-level (a ByteLevel pre-tokenizer or decoder)?
    pub byte_level: bool,
    /// WordPiece's mark for a piece that continues a word (`##`), which stands for no text of its own.
    pub subword_prefix: Option<String>,
    /// Entries in the model's own vocabulary.
    pub model_vocab: usize,
    /// Added tokens, by id.
    pub added_tokens: Vec<AddedToken>,
}

#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    normalizer: Option<Value>,
    #[serde(default)]
    pre_tokenizer: Option<Value>,
    #[serde(default)]
    post_processor: Option<Value>,
    #[serde(default)]
    decoder: Option<Value>,
    #[serde(default)]
    added_tokens: Vec<AddedToken>,
    model: ModelHead,
}

#[derive(Deserialize)]
struct ModelHead {
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    byte_fallback: Option<bool>,
    #[serde(default)]
    continuing_subword_prefix: Option<String>,
    #[serde(default)]
    vocab: Option<EntryCount>,
}

/// Counts the entries of a JSON map or list without keeping them (a vocabulary: a map for BPE/WordPiece, a list for
/// Unigram; a user's `added_tokens`); `null` counts none.
#[derive(Default)]
pub(super) struct EntryCount(pub(super) usize);

impl<'de> Deserialize<'de> for EntryCount {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = EntryCount;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map or a list")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<EntryCount, A::Error> {
                let mut n = 0;
                while m
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {
                    n += 1;
                }
                Ok(EntryCount(n))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut s: A,
            ) -> Result<EntryCount, A::Error> {
                let mut n = 0;
                while s.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(EntryCount(n))
            }
            fn visit_unit<E>(self) -> Result<EntryCount, E> {
                Ok(EntryCount(0))
            }
        }
        d.deserialize_any(Visit)
    }
}

impl TokenizerInfo {
    /// Read the facts from tokenizer.json bytes. Errors name the line and column.
    pub fn from_json(json: &[u8]) -> Result<Self, AiError> {
        let head: Head = serde_json::from_slice(json).map_err(|e| {
            // serde_json ends its message with the position, which the catalogue's sentence already gives.
            let message = e.to_string();
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m);
            AiError::JsonAt {
                line: e.line(),
                col: e.column(),
                msg: message.to_owned(),
            }
        })?;
        let mut added = head.added_tokens;
        added.sort_by_key(|t| t.id);
        let byte_level = [&head.pre_tokenizer, &head.decoder]
            .iter()
            .any(|v| v.as_ref().is_some_and(|v| mentions_type(v, "ByteLevel")));
        let model_type = head.model.kind.unwrap_or_else(|| "BPE".to_owned());
        // The tokenizers crate's WordPiece default.
        let subword_prefix = (model_type == "WordPiece").then(|| {
            head.model
                .continuing_subword_prefix
                .unwrap_or_else(|| "##".to_owned())
        });
        Ok(Self {
            subword_prefix,
            model_type,
            normalizer: summarise(head.normalizer.as_ref()),
            pre_tokenizer: summarise(head.pre_tokenizer.as_ref()),
            post_processor: summarise(head.post_processor.as_ref()),
            decoder: summarise(head.decoder.as_ref()),
            byte_fallback: head.model.byte_fallback.unwrap_or(false),
            byte_level,
            model_vocab: head.model.vocab.map_or(0, |v| v.0),
            added_tokens: added,
        })
    }
}

impl TokenizerInfo {
    /// Describe a post-processor set after loading (see [`super::Vocab::post_processor`]).
    pub fn set_post_processor(&mut self, json: &str) {
        if let Ok(v) = serde_json::from_str::<Value>(json) {
            self.post_processor = summarise(Some(&v));
        }
    }
}

/// `Sequence[Split, ByteLevel]`, `NFC`, `none`.
fn summarise(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "none".to_owned(),
        Some(v) => {
            let kind = v.get("type").and_then(Value::as_str).unwrap_or("?");
            let parts = ["normalizers", "pretokenizers", "processors", "decoders"]
                .iter()
                .find_map(|k| v.get(*k).and_then(Value::as_array));
            match parts {
                Some(list) => {
                    let inner: Vec<String> = list.iter().map(|p| summarise(Some(p))).collect();
                    format!("{kind}[{}]", inner.join(", "))
                }
                None => kind.to_owned(),
            }
        }
    }
}

fn mentions_type(v: &Value, name: &str) -> bool {
    match v {
        Value::Object(m) => {
            m.get("type").and_then(Value::as_str) == Some(name)
                || m.values().any(|x| mentions_type(x, name))
        }
        Value::Array(a) => a.iter().any(|x| mentions_type(x, name)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summarises_nested_pipelines_and_counts_the_vocabulary() {
        let json = br#"{"normalizer":{"type":"Sequence","normalizers":[{"type":"Prepend"},{"type":"Replace"}]},
            "pre_tokenizer":null,"decoder":{"type":"ByteLevel"},"added_tokens":[{"id":2,"content":"</s>","special":true},
            {"id":0,"content":"<unk>","special":true}],"model":{"type":"BPE","byte_fallback":true,"vocab":{"a":0,"b":1,"c":2}}}"#;
        let info = TokenizerInfo::from_json(json).unwrap();
        assert_eq!(info.normalizer, "Sequence[Prepend, Replace]");
        assert_eq!(info.pre_tokenizer, "none");
        assert!(info.byte_level && info.byte_fallback);
        assert_eq!(info.model_vocab, 3);
        assert_eq!(info.added_tokens[0].id, 0, "added tokens are sorted by id");
    }

    #[test]
    fn errors_name_line_and_column() {
        let err = TokenizerInfo::from_json(b"{\n  \"model\": [1,").unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
        assert_eq!(
            err.to_string().matches("line").count(),
            1,
            "the position once: {err}"
        );
    }
}
