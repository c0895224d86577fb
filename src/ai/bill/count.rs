//! From messages to turns: count each message with the model's tokenizer and chat template, then group them
//! into requests (the input messages since the last reply, and the reply).
//!
//! Pure: the `ai` core only.

use super::conversation::{ChatFile, ImagePart, Uncounted};
use super::{Conversation, Turn};
use crate::ai::media::{Detail, ImageMethod, Size, count_image};
use crate::ai::{AiError, ChatFamily, Loaded, Message, Role, tokenize_chat};

/// What the chat template adds: per message of each role, and per request to open the reply.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Overheads {
    /// Around a system message.
    pub system: u64,
    /// Around a user message.
    pub user: u64,
    /// Around an assistant message.
    pub assistant: u64,
    /// At the end of every request (and, for Llama 3, `<|begin_of_text|>` at its start).
    pub priming: u64,
}

impl Overheads {
    /// The framing of one message of `role`.
    pub fn of(self, role: Role) -> u64 {
        match role {
            Role::System => self.system,
            Role::User => self.user,
            Role::Assistant => self.assistant,
        }
    }
}

/// Measure the template's framing: the tokens of an empty conversation are the priming, and an empty message
/// of each role adds its framing to that.
pub fn framing_overheads(loaded: &Loaded, family: ChatFamily) -> Result<Overheads, AiError> {
    let count = |messages: &[Message]| -> Result<u64, AiError> {
        Ok(tokenize_chat(loaded, family, messages)?.tokens.len() as u64)
    };
    let priming = count(&[])?;
    let one = |role: Role| -> Result<u64, AiError> {
        let n = count(&[Message {
            role,
            content: String::new(),
        }])?;
        Ok(n.saturating_sub(priming))
    };
    Ok(Overheads {
        system: one(Role::System)?,
        user: one(Role::User)?,
        assistant: one(Role::Assistant)?,
        priming,
    })
}

/// A message reduced to counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CountedMessage {
    /// Who speaks (template role).
    pub role: Role,
    /// Its tokens, framing included.
    pub tokens: u64,
    /// Its images' tokens.
    pub image_tokens: u64,
    /// Reasoning tokens of a reply.
    pub reasoning_tokens: u64,
}

/// Group messages into turns: system messages before the first other message are the system prompt; then each
/// reply ends a turn whose input is every message since the previous reply. Input after the last reply is a
/// last turn with no reply yet (the request about to be sent).
pub fn group_turns(messages: &[CountedMessage], priming: u64) -> Conversation {
    let mut conv = Conversation {
        priming_tokens: priming,
        ..Conversation::default()
    };
    let mut rest = messages;
    while let Some((m, tail)) = rest.split_first() {
        if m.role != Role::System {
            break;
        }
        conv.system_tokens = conv
            .system_tokens
            .saturating_add(m.tokens)
            .saturating_add(m.image_tokens);
        rest = tail;
    }
    let mut pending = Turn::default();
    let mut any = false;
    for m in rest {
        if m.role == Role::Assistant {
            pending.assistant_tokens = m.tokens;
            pending.reasoning_tokens = m.reasoning_tokens;
            conv.turns.push(pending);
            pending = Turn::default();
            any = false;
        } else {
            pending.user_tokens = pending.user_tokens.saturating_add(m.tokens);
            pending.image_tokens = pending.image_tokens.saturating_add(m.image_tokens);
            any = true;
        }
    }
    if any {
        conv.turns.push(pending);
    }
    conv
}

/// The tokens of one image part, or `None` when it is not counted: `per_image` when the user gives that figure;
/// otherwise the model's image rule (`ai::media`) with the part's `width`, `height` and `detail`, or without a
/// size where the rule does not need one (a fixed count, OpenAI's `detail: low`). An image whose size the rule
/// needs and the part does not give is reported as not counted, never guessed.
pub fn image_tokens(
    part: &ImagePart,
    per_image: Option<u64>,
    rule: Option<&ImageMethod>,
) -> Option<u64> {
    if per_image.is_some() {
        return per_image;
    }
    let rule = rule?;
    let detail = match part.detail.as_deref() {
        Some("low") => Detail::Low,
        Some("high") => Detail::High,
        _ => Detail::Auto,
    };
    let size = if let (Some(w), Some(h)) = (part.width, part.height) {
        Size::new(w, h)
    } else {
        let sizeless = matches!(rule, ImageMethod::Fixed { .. })
            || (matches!(rule, ImageMethod::OpenaiTiles { .. }) && detail == Detail::Low);
        if !sizeless {
            return None;
        }
        Size::new(1, 1)
    };
    Some(count_image(rule, size, detail).tokens)
}

/// The turns of chat messages whose content has been counted (`content_tokens[i]` for message `i`, as
/// [`tokenize_chat`] gives them), with the template's framing added; no images or reasoning.
pub fn chat_conversation(
    loaded: &Loaded,
    family: ChatFamily,
    messages: &[Message],
    content_tokens: &[usize],
) -> Result<Conversation, AiError> {
    let overheads = framing_overheads(loaded, family)?;
    let counted: Vec<CountedMessage> = messages
        .iter()
        .enumerate()
        .map(|(i, m)| CountedMessage {
            role: m.role,
            tokens: (content_tokens.get(i).copied().unwrap_or(0) as u64)
                .saturating_add(overheads.of(m.role)),
            image_tokens: 0,
            reasoning_tokens: 0,
        })
        .collect();
    Ok(group_turns(&counted, overheads.priming))
}

/// A conversation counted with a tokenizer.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counted {
    /// The counts, grouped into turns.
    pub conversation: Conversation,
    /// The template's framing that was counted.
    pub overheads: Overheads,
    /// Tokens of every message's text (without framing).
    pub content_tokens: u64,
    /// Images counted.
    pub images_counted: usize,
    /// Images not counted (no per-image figure, and no size where the model's image rule needs one).
    pub images_not_counted: Vec<ImagePart>,
    /// Other parts not counted (audio, files).
    pub parts_not_counted: Vec<Uncounted>,
}

/// Count a parsed conversation: each message's text with the tokenizer inside the model's chat template (so
/// special-token text in a message is plain text), the template's framing per message and per request, images
/// through [`image_tokens`].
pub fn count_conversation(
    loaded: &Loaded,
    family: ChatFamily,
    chat: &ChatFile,
    per_image: Option<u64>,
    rule: Option<&ImageMethod>,
) -> Result<Counted, AiError> {
    let messages: Vec<Message> = chat
        .messages
        .iter()
        .map(|m| Message {
            role: m.role.template_role(),
            content: m.text.clone(),
        })
        .collect();
    let framed = tokenize_chat(loaded, family, &messages)?;
    let overheads = framing_overheads(loaded, family)?;
    let mut out = Counted {
        overheads,
        ..Counted::default()
    };
    let mut counted = Vec::with_capacity(messages.len());
    for (i, m) in chat.messages.iter().enumerate() {
        let content = framed.content_tokens.get(i).copied().unwrap_or(0) as u64;
        out.content_tokens = out.content_tokens.saturating_add(content);
        let mut images: u64 = 0;
        for part in &m.images {
            match image_tokens(part, per_image, rule) {
                Some(n) => {
                    images = images.saturating_add(n);
                    out.images_counted += 1;
                }
                None => out.images_not_counted.push(part.clone()),
            }
        }
        out.parts_not_counted.extend(m.uncounted.iter().cloned());
        let role = m.role.template_role();
        counted.push(CountedMessage {
            role,
            tokens: content.saturating_add(overheads.of(role)),
            image_tokens: images,
            reasoning_tokens: m.reasoning_tokens.unwrap_or(0),
        });
    }
    out.conversation = group_turns(&counted, overheads.priming);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(role: Role, tokens: u64) -> CountedMessage {
        CountedMessage {
            role,
            tokens,
            image_tokens: 0,
            reasoning_tokens: 0,
        }
    }

    #[test]
    fn replies_end_turns() {
        let conv = group_turns(
            &[
                m(Role::System, 10),
                m(Role::System, 5),
                m(Role::User, 100),
                m(Role::Assistant, 200),
                m(Role::User, 30),
                m(Role::User, 70),
                m(Role::Assistant, 50),
                m(Role::System, 7),
                m(Role::User, 1),
            ],
            3,
        );
        assert_eq!(conv.system_tokens, 15);
        assert_eq!(conv.priming_tokens, 3);
        let turns: Vec<(u64, u64)> = conv
            .turns
            .iter()
            .map(|t| (t.user_tokens, t.assistant_tokens))
            .collect();
        assert_eq!(turns, [(100, 200), (100, 50), (8, 0)]);
        assert!(group_turns(&[m(Role::System, 4)], 0).turns.is_empty());
    }
}
