//! The Harmony chat family (gpt-oss) against OpenAI's own renderer: tests/data/oracles/harmony.json holds the ids
//! that PyPI `openai-harmony` 0.0.8 gives for three chats rendered for completion (tools/oracles/harmony.py says
//! how it was made). Our framing over the bundled o200k_harmony vocabulary must give the same ids, in order.

use serde_json::Value;
use tokenlens::ai::{ChatFamily, Loaded, Message, Role, Vocab, model, tokenize_chat};

#[test]
fn harmony_framing_matches_openai_harmony() {
    let oracle: Value = serde_json::from_str(include_str!("data/oracles/harmony.json")).unwrap();
    let loaded = Loaded::bundled(Vocab::O200kHarmony).unwrap();
    assert_eq!(
        model("gpt-oss-120b").map(|m| m.chat),
        Some(ChatFamily::Harmony)
    );
    let chats = oracle["chats"].as_array().unwrap();
    assert_eq!(chats.len(), 3);
    for chat in chats {
        let messages: Vec<Message> = chat["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| Message {
                role: match m["role"].as_str().unwrap() {
                    "system" => Role::System,
                    "user" => Role::User,
                    _ => Role::Assistant,
                },
                content: m["content"].as_str().unwrap().to_owned(),
            })
            .collect();
        let framed = tokenize_chat(&loaded, ChatFamily::Harmony, &messages).unwrap();
        let ours: Vec<u64> = framed
            .tokens
            .iter()
            .map(|t| u64::from(t.token.id))
            .collect();
        let want: Vec<u64> = chat["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        assert_eq!(ours, want, "{}", framed.text);
        let content: usize = framed.content_tokens.iter().sum();
        assert_eq!(content + framed.overhead(), want.len());
    }
}
