//! Chat mode: messages framed with each model family's template tokens (ChatML, Llama 3 headers, Mistral
//! `[INST]`, the legacy Claude prompt, gpt-oss's Harmony), so the framing overhead is visible and counted.

use super::{AiError, EncodeOptions, Loaded, Token};

/// A chat template family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ChatFamily {
    /// OpenAI chat models: `<|im_start|>role<|im_sep|>content<|im_end|>`, 3 framing tokens per message plus 3 to
    /// prime the reply (the OpenAI cookbook's counting rule). The marker ids are not published.
    OpenAi,
    /// ChatML as Qwen3 uses it: `<|im_start|>role\ncontent<|im_end|>\n`.
    ChatMl,
    /// Llama 3: `<|begin_of_text|>` then `<|start_header_id|>role<|end_header_id|>\n\ncontent<|eot_id|>`.
    Llama3,
    /// Mistral v0.1: `<s>[INST] user [/INST]assistant</s>`; system text goes before the first user turn.
    Mistral,
    /// Claude 1/2: `\n\nHuman: …\n\nAssistant: …`.
    ClaudeLegacy,
    /// OpenAI's Harmony format for gpt-oss: the default system message, `<|start|>role<|message|>content<|end|>`, a
    /// system prompt as the developer's `# Instructions`, replies on the `final` channel (as `openai-harmony`
    /// renders a conversation for completion; tests/ai_chat_harmony.rs).
    Harmony,
    /// No chat template (GPT-2, BERT, embeddings).
    None,
}

impl ChatFamily {
    /// Catalogue key of the template's name in words ("OpenAI chat messages", "ChatML"), never the variant name.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::OpenAi => key!("ai.chat.family.openai"),
            Self::ChatMl => key!("ai.chat.family.chatml"),
            Self::Llama3 => key!("ai.chat.family.llama3"),
            Self::Mistral => key!("ai.chat.family.mistral"),
            Self::ClaudeLegacy => key!("ai.chat.family.claude_legacy"),
            Self::Harmony => key!("ai.chat.family.harmony"),
            Self::None => key!("ai.chat.family.none"),
        }
    }
}

/// Who speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Role {
    /// System prompt.
    System,
    /// The user.
    User,
    /// The model.
    Assistant,
}

impl Role {
    /// Every role.
    pub const ALL: [Self; 3] = [Self::System, Self::User, Self::Assistant];

    /// The role name templates use.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::System => "system",
            Self::User => "user",
            Self::Assistant => "assistant",
        }
    }
}

/// One chat message.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Message {
    /// Who speaks.
    pub role: Role,
    /// What they say.
    pub content: String,
}

/// A piece of the framed conversation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// A template marker that the vocabulary encodes as one special token (when it has it).
    Marker(&'static str),
    /// Template text (role names, separators).
    Frame(String),
    /// A message's content, by message index.
    Content(usize),
}

/// The system message `openai-harmony` 0.0.8 writes by default (no date, medium reasoning, the three channels).
const HARMONY_SYSTEM: &str = "You are ChatGPT, a large language model trained by OpenAI.\nKnowledge cutoff: 2024-06\n\n\
    Reasoning: medium\n\n# Valid channels: analysis, commentary, final. Channel must be included for every message.";

/// The framed conversation's pieces, in order. The reply is primed (the model's turn is opened) at the end.
pub fn frame(family: ChatFamily, messages: &[Message]) -> Vec<Piece> {
    use Piece::{Content, Frame, Marker};
    let mut out = Vec::new();
    match family {
        ChatFamily::OpenAi => {
            for (i, m) in messages.iter().enumerate() {
                out.extend([
                    Marker("<|im_start|>"),
                    Frame(m.role.as_str().to_owned()),
                    Marker("<|im_sep|>"),
                    Content(i),
                    Marker("<|im_end|>"),
                ]);
            }
            out.extend([
                Marker("<|im_start|>"),
                Frame("assistant".to_owned()),
                Marker("<|im_sep|>"),
            ]);
        }
        ChatFamily::ChatMl => {
            for (i, m) in messages.iter().enumerate() {
                out.extend([
                    Marker("<|im_start|>"),
                    Frame(format!("{}\n", m.role.as_str())),
                    Content(i),
                    Marker("<|im_end|>"),
                    Frame("\n".to_owned()),
                ]);
            }
            out.extend([Marker("<|im_start|>"), Frame("assistant\n".to_owned())]);
        }
        ChatFamily::Llama3 => {
            out.push(Marker("<|begin_of_text|>"));
            for (i, m) in messages.iter().enumerate() {
                out.extend([
                    Marker("<|start_header_id|>"),
                    Frame(m.role.as_str().to_owned()),
                    Marker("<|end_header_id|>"),
                    Frame("\n\n".to_owned()),
                    Content(i),
                    Marker("<|eot_id|>"),
                ]);
            }
            out.extend([
                Marker("<|start_header_id|>"),
                Frame("assistant".to_owned()),
                Marker("<|end_header_id|>"),
                Frame("\n\n".to_owned()),
            ]);
        }
        ChatFamily::Mistral => {
            out.push(Marker("<s>"));
            let mut pending_system: Vec<usize> = Vec::new();
            for (i, m) in messages.iter().enumerate() {
                match m.role {
                    Role::System => pending_system.push(i),
                    Role::User => {
                        out.push(Frame("[INST] ".to_owned()));
                        for s in pending_system.drain(..) {
                            out.extend([Content(s), Frame("\n\n".to_owned())]);
                        }
                        out.extend([Content(i), Frame(" [/INST]".to_owned())]);
                    }
                    Role::Assistant => out.extend([Content(i), Marker("</s>")]),
                }
            }
        }
        ChatFamily::ClaudeLegacy => {
            for (i, m) in messages.iter().enumerate() {
                match m.role {
                    Role::System => out.push(Content(i)),
                    Role::User => out.extend([Frame("\n\nHuman: ".to_owned()), Content(i)]),
                    Role::Assistant => {
                        out.extend([Frame("\n\nAssistant: ".to_owned()), Content(i)]);
                    }
                }
            }
            out.push(Frame("\n\nAssistant:".to_owned()));
        }
        ChatFamily::Harmony => {
            out.extend([
                Marker("<|start|>"),
                Frame("system".to_owned()),
                Marker("<|message|>"),
                Frame(HARMONY_SYSTEM.to_owned()),
                Marker("<|end|>"),
            ]);
            for (i, m) in messages.iter().enumerate() {
                out.push(Marker("<|start|>"));
                match m.role {
                    Role::System => out.extend([
                        Frame("developer".to_owned()),
                        Marker("<|message|>"),
                        Frame("# Instructions\n\n".to_owned()),
                    ]),
                    Role::User => out.extend([Frame("user".to_owned()), Marker("<|message|>")]),
                    Role::Assistant => out.extend([
                        Frame("assistant".to_owned()),
                        Marker("<|channel|>"),
                        Frame("final".to_owned()),
                        Marker("<|message|>"),
                    ]),
                }
                out.extend([Content(i), Marker("<|end|>")]);
            }
            out.extend([Marker("<|start|>"), Frame("assistant".to_owned())]);
        }
        ChatFamily::None => {
            for (i, _) in messages.iter().enumerate() {
                if i > 0 {
                    out.push(Frame("\n".to_owned()));
                }
                out.push(Content(i));
            }
        }
    }
    out
}

/// A token of the framed conversation: where it came from and its range in the framed text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChatToken {
    /// The token (range into [`Framed::text`]); `id` is [`NO_PUBLIC_ID`] for a marker the vocabulary lacks.
    pub token: Token,
    /// From a message's content (its index), or `None` for framing.
    pub message: Option<usize>,
}

/// Id used for a template marker whose id the vocabulary does not publish (OpenAI's chat markers).
pub const NO_PUBLIC_ID: u32 = u32::MAX;

/// The framed conversation, tokenized.
#[derive(Clone, Debug, Default)]
pub struct Framed {
    /// The framed text, markers written out.
    pub text: String,
    /// Its tokens, in order.
    pub tokens: Vec<ChatToken>,
    /// Tokens per message content.
    pub content_tokens: Vec<usize>,
}

impl Framed {
    /// Tokens added by the template.
    pub fn overhead(&self) -> usize {
        self.tokens.iter().filter(|t| t.message.is_none()).count()
    }
}

/// Tokenize a conversation. Message content is always encoded with special-token text as plain text, so a user
/// cannot inject a marker; markers are the vocabulary's special tokens.
pub fn tokenize_chat(
    loaded: &Loaded,
    family: ChatFamily,
    messages: &[Message],
) -> Result<Framed, AiError> {
    let mut out = Framed {
        content_tokens: vec![0; messages.len()],
        ..Framed::default()
    };
    let plain = EncodeOptions {
        special_as_text: true,
        add_special_tokens: false,
    };
    // Text between markers is encoded as one segment, as the real template text would be; each token is
    // attributed to the content piece its last byte is in.
    let mut segment = String::new();
    let mut owners: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
    let flush = |out: &mut Framed,
                 segment: &mut String,
                 owners: &mut Vec<(std::ops::Range<usize>, usize)>|
     -> Result<(), AiError> {
        let base = out.text.len();
        out.text.push_str(segment);
        let tokens = loaded.with_mode(plain.special_as_text, |enc| enc.encode(segment, base))?;
        for token in tokens {
            // The last byte decides: `▁Hello` starts at the frame's space but carries the content's word.
            let at = (token.end as usize)
                .saturating_sub(1)
                .max(token.start as usize)
                - base;
            let message = owners
                .iter()
                .find(|(r, _)| r.contains(&at))
                .map(|&(_, i)| i);
            if let Some(i) = message {
                out.content_tokens[i] += 1;
            }
            out.tokens.push(ChatToken { token, message });
        }
        segment.clear();
        owners.clear();
        Ok(())
    };
    for piece in frame(family, messages) {
        match piece {
            Piece::Marker(m) => {
                flush(&mut out, &mut segment, &mut owners)?;
                let base = out.text.len();
                out.text.push_str(m);
                let id = loaded.token_to_id(m).unwrap_or(NO_PUBLIC_ID);
                out.tokens.push(ChatToken {
                    token: Token {
                        id,
                        start: base as u32,
                        end: out.text.len() as u32,
                        special: true,
                    },
                    message: None,
                });
            }
            Piece::Frame(s) => segment.push_str(&s),
            Piece::Content(i) => {
                let start = segment.len();
                segment.push_str(&messages[i].content);
                owners.push((start..segment.len(), i));
            }
        }
    }
    flush(&mut out, &mut segment, &mut owners)?;
    Ok(out)
}
