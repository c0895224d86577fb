//! Fuzz the conversation reader of `tokenlens ai bill` with arbitrary text: it must return a conversation or an
//! error whose line and column lie inside the text, never panic; a conversation read must bill without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tokenlens::ai::bill::{
    BillOptions, ConversationError, CountedMessage, Rates, bill, group_turns, parse_conversation,
};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match parse_conversation(&text) {
        Ok(chat) => {
            let counted: Vec<CountedMessage> = chat
                .messages
                .iter()
                .map(|m| CountedMessage {
                    role: m.role.template_role(),
                    tokens: m.text.len() as u64,
                    image_tokens: m.images.len() as u64,
                    reasoning_tokens: m.reasoning_tokens.unwrap_or(0),
                })
                .collect();
            let conv = group_turns(&counted, 3);
            let _ = bill(&conv, &Rates::default(), BillOptions::default());
        }
        Err(ConversationError::Expected { line, col, .. } | ConversationError::UnknownRole { line, col, .. }) => {
            assert!(line >= 1 && col >= 1);
            assert!(line <= text.lines().count().max(1), "line {line} is in the text");
        }
        Err(_) => {}
    }
});
