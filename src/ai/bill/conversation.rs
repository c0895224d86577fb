//! A conversation as users have it: the OpenAI Chat Completions request (`{"model": …, "messages": […]}`) or a
//! bare messages array. Content is a string or a list of parts (text, images); an assistant message may carry
//! `reasoning_tokens` and `tool_calls`. Errors name the JSON path and its line and column.
//!
//! Pure: serde_json only.

use serde_json::Value;

use super::locate::{Step, locate};
use crate::i18n::Words;

/// The most messages read from one conversation.
pub const MAX_MESSAGES: usize = 200_000;

/// Who speaks, as the Chat Completions API names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChatRole {
    /// `system`.
    System,
    /// `developer` (OpenAI's newer name for system instructions).
    Developer,
    /// `user`.
    User,
    /// `assistant`.
    Assistant,
    /// `tool` (or the older `function`): a tool's result, sent as input.
    Tool,
}

impl ChatRole {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "system" => Self::System,
            "developer" => Self::Developer,
            "user" => Self::User,
            "assistant" => Self::Assistant,
            "tool" | "function" => Self::Tool,
            _ => return None,
        })
    }

    /// The chat template's role: developer instructions frame as system, tool results as user input.
    pub fn template_role(self) -> crate::ai::Role {
        use crate::ai::Role;
        match self {
            Self::System | Self::Developer => Role::System,
            Self::User | Self::Tool => Role::User,
            Self::Assistant => Role::Assistant,
        }
    }
}

/// An image part: where it is, and its size when the part says so (for the image token rules).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ImagePart {
    /// The JSON path of the part, such as `messages[2].content[1]`.
    pub path: String,
    /// Width in pixels, if given.
    pub width: Option<u32>,
    /// Height in pixels, if given.
    pub height: Option<u32>,
    /// `detail` (`low`, `high`, `auto`), if given.
    pub detail: Option<String>,
}

/// A part that is sent but not counted (audio, files).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Uncounted {
    /// The JSON path of the part.
    pub path: String,
    /// Its `type`.
    pub kind: String,
}

/// One message, its text gathered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChatMessage {
    /// Who speaks.
    pub role: ChatRole,
    /// Text parts (and tool calls' names and arguments), joined with line feeds.
    pub text: String,
    /// Image parts.
    pub images: Vec<ImagePart>,
    /// Other parts, not counted.
    pub uncounted: Vec<Uncounted>,
    /// `reasoning_tokens`, if given.
    pub reasoning_tokens: Option<u64>,
}

/// A parsed conversation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChatFile {
    /// `model`, if given.
    pub model: Option<String>,
    /// The messages, in order.
    pub messages: Vec<ChatMessage>,
}

/// What a value should have been.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// An object with `messages`, or an array of messages.
    Conversation,
    /// A message object.
    Message,
    /// A string.
    String,
    /// A string, an array of parts or null.
    Content,
    /// A part object with a `type`.
    Part,
    /// A whole number from 0.
    Count,
}

impl Expected {
    fn words(self) -> Words {
        match self {
            Self::Conversation => words!("ai.bill.expected.conversation"),
            Self::Message => words!("ai.bill.expected.message"),
            Self::String => words!("ai.bill.expected.string"),
            Self::Content => words!("ai.bill.expected.content"),
            Self::Part => words!("ai.bill.expected.part"),
            Self::Count => words!("ai.bill.expected.count"),
        }
    }
}

/// Why a conversation could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConversationError {
    /// Not JSON.
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// serde_json's message, without its position.
        msg: String,
    },
    /// A value of the wrong kind.
    Expected {
        /// The JSON path, such as `messages[3].content`.
        path: String,
        /// What it should be.
        expected: Expected,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
    },
    /// A role the API does not have.
    UnknownRole {
        /// The JSON path of the role.
        path: String,
        /// The role given.
        role: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
    },
    /// More messages than [`MAX_MESSAGES`].
    TooManyMessages {
        /// Messages in the file.
        count: usize,
        /// The cap.
        max: usize,
    },
}

impl crate::i18n::Worded for ConversationError {
    fn words(&self) -> Words {
        match self {
            Self::Syntax { line, col, msg } => words!("ai.bill.err.syntax")
                .with("line", line)
                .with("col", col)
                .with("e", msg),
            Self::Expected {
                path,
                expected,
                line,
                col,
            } => words!("ai.bill.err.expected")
                .with("path", path)
                .with_words("what", expected.words())
                .with("line", line)
                .with("col", col),
            Self::UnknownRole {
                path,
                role,
                line,
                col,
            } => words!("ai.bill.err.role")
                .with("path", path)
                .with("role", format!("{role:?}"))
                .with("line", line)
                .with("col", col),
            Self::TooManyMessages { count, max } => words!("ai.bill.err.too_many_messages")
                .with("count", count)
                .with("max", max),
        }
    }
}

/// English words, for the CLI.
impl std::fmt::Display for ConversationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::i18n::Worded as _;
        self.words().fmt(f)
    }
}

impl std::error::Error for ConversationError {}

fn path_text(path: &[Step]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for s in path {
        match s {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => {
                let _ = write!(out, "[{i}]");
            }
        }
    }
    if out.is_empty() { "$".to_owned() } else { out }
}

/// Read a conversation.
///
/// ```
/// use tokenlens::ai::bill::{ChatRole, parse_conversation};
/// let chat = parse_conversation(r#"[{"role": "user", "content": "Hi"}]"#).unwrap();
/// assert_eq!(chat.messages[0].role, ChatRole::User);
/// let err = parse_conversation("{\"messages\": [\n  {\"role\": \"robot\"}]}").unwrap_err();
/// assert!(err.to_string().contains("messages[0].role"), "{err}");
/// assert!(err.to_string().contains("line 2"), "{err}");
/// ```
pub fn parse_conversation(json: &str) -> Result<ChatFile, ConversationError> {
    let value: Value = serde_json::from_str(json).map_err(|e| {
        let full = e.to_string();
        let msg = full
            .rsplit_once(" at line ")
            .map_or(full.as_str(), |(m, _)| m)
            .to_owned();
        ConversationError::Syntax {
            // serde_json says column 0 at the end of an empty line; the first column is 1.
            line: e.line().max(1),
            col: e.column().max(1),
            msg,
        }
    })?;
    let r = Reader { json };
    let (model, messages, mut path) = match &value {
        Value::Array(items) => (None, items, Vec::new()),
        Value::Object(map) => {
            let model = match map.get("model") {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => Some(s.clone()),
                Some(_) => return Err(r.expected(&[Step::Key("model")], Expected::String)),
            };
            match map.get("messages") {
                Some(Value::Array(items)) => (model, items, vec![Step::Key("messages")]),
                Some(_) => {
                    return Err(r.expected(&[Step::Key("messages")], Expected::Conversation));
                }
                None => return Err(r.expected(&[], Expected::Conversation)),
            }
        }
        _ => return Err(r.expected(&[], Expected::Conversation)),
    };
    if messages.len() > MAX_MESSAGES {
        return Err(ConversationError::TooManyMessages {
            count: messages.len(),
            max: MAX_MESSAGES,
        });
    }
    let mut out = ChatFile {
        model,
        messages: Vec::with_capacity(messages.len()),
    };
    for (i, m) in messages.iter().enumerate() {
        path.push(Step::Index(i));
        out.messages.push(r.message(m, &mut path)?);
        path.pop();
    }
    Ok(out)
}

/// Turns paths into errors with positions.
struct Reader<'a> {
    json: &'a str,
}

impl Reader<'_> {
    fn expected(&self, path: &[Step], expected: Expected) -> ConversationError {
        let (line, col) = locate(self.json, path);
        ConversationError::Expected {
            path: path_text(path),
            expected,
            line,
            col,
        }
    }

    fn message(&self, m: &Value, path: &mut Vec<Step>) -> Result<ChatMessage, ConversationError> {
        let Value::Object(map) = m else {
            return Err(self.expected(path, Expected::Message));
        };
        path.push(Step::Key("role"));
        let role = match map.get("role") {
            Some(Value::String(s)) => ChatRole::parse(s).ok_or_else(|| {
                let (line, col) = locate(self.json, path);
                ConversationError::UnknownRole {
                    path: path_text(path),
                    role: s.clone(),
                    line,
                    col,
                }
            })?,
            _ => return Err(self.expected(path, Expected::String)),
        };
        path.pop();
        let mut msg = ChatMessage {
            role,
            text: String::new(),
            images: Vec::new(),
            uncounted: Vec::new(),
            reasoning_tokens: None,
        };
        path.push(Step::Key("content"));
        match map.get("content") {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => msg.text.push_str(s),
            Some(Value::Array(parts)) => {
                for (j, part) in parts.iter().enumerate() {
                    path.push(Step::Index(j));
                    self.part(part, path, &mut msg)?;
                    path.pop();
                }
            }
            Some(_) => return Err(self.expected(path, Expected::Content)),
        }
        path.pop();
        path.push(Step::Key("reasoning_tokens"));
        match map.get("reasoning_tokens") {
            None | Some(Value::Null) => {}
            Some(v) => match v.as_u64() {
                Some(n) => msg.reasoning_tokens = Some(n),
                None => return Err(self.expected(path, Expected::Count)),
            },
        }
        path.pop();
        // A tool call's name and arguments are part of the reply the model wrote, and re-sent with it.
        if let Some(Value::Array(calls)) = map.get("tool_calls") {
            for call in calls {
                for field in ["name", "arguments"] {
                    if let Some(Value::String(s)) = call.get("function").and_then(|f| f.get(field))
                    {
                        push_line(&mut msg.text, s);
                    }
                }
            }
        }
        Ok(msg)
    }

    fn part(
        &self,
        part: &Value,
        path: &mut Vec<Step>,
        msg: &mut ChatMessage,
    ) -> Result<(), ConversationError> {
        let Value::Object(map) = part else {
            return Err(self.expected(path, Expected::Part));
        };
        let Some(Value::String(kind)) = map.get("type") else {
            path.push(Step::Key("type"));
            return Err(self.expected(path, Expected::String));
        };
        match kind.as_str() {
            "text" | "input_text" | "output_text" => {
                path.push(Step::Key("text"));
                let Some(Value::String(s)) = map.get("text") else {
                    return Err(self.expected(path, Expected::String));
                };
                path.pop();
                push_line(&mut msg.text, s);
            }
            "image_url" | "input_image" | "image" => {
                let inner = map.get("image_url").filter(|v| v.is_object());
                let field = |name: &str| inner.and_then(|i| i.get(name)).or_else(|| map.get(name));
                let size = |name: &str| {
                    field(name)
                        .and_then(Value::as_u64)
                        .and_then(|n| u32::try_from(n).ok())
                };
                msg.images.push(ImagePart {
                    path: path_text(path),
                    width: size("width"),
                    height: size("height"),
                    detail: field("detail").and_then(Value::as_str).map(str::to_owned),
                });
            }
            other => msg.uncounted.push(Uncounted {
                path: path_text(path),
                kind: other.to_owned(),
            }),
        }
        Ok(())
    }
}

fn push_line(text: &mut String, s: &str) {
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(s);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const SAMPLE: &str = include_str!("../../../tests/data/chat_bill.json");

    fn position(e: &ConversationError) -> Option<(usize, usize)> {
        match e {
            ConversationError::Syntax { line, col, .. }
            | ConversationError::Expected { line, col, .. }
            | ConversationError::UnknownRole { line, col, .. } => Some((*line, *col)),
            ConversationError::TooManyMessages { .. } => None,
        }
    }

    proptest! {
        /// Any text, and the sample with one character put anywhere: a conversation or an error whose line is in
        /// the text, never a panic.
        #[test]
        fn any_text_reads_or_errs_inside_itself(
            text in ".{0,200}",
            at in 0usize..4000,
            c in any::<char>(),
        ) {
            let mut mutated = SAMPLE.to_owned();
            let mut at = at.min(mutated.len());
            while !mutated.is_char_boundary(at) {
                at -= 1;
            }
            mutated.insert(at, c);
            for input in [text.as_str(), mutated.as_str()] {
                if let Err(e) = parse_conversation(input)
                    && let Some((line, col)) = position(&e)
                {
                    prop_assert!(line >= 1 && col >= 1, "{e}");
                    prop_assert!(line <= input.split('\n').count(), "{e}");
                }
            }
        }
    }

    #[test]
    fn both_shapes_roles_parts_and_reasoning() {
        let json = r#"{"model": "gpt-4o", "messages": [
            {"role": "developer", "content": "Be brief."},
            {"role": "user", "content": [
                {"type": "text", "text": "What is this?"},
                {"type": "image_url", "image_url": {"url": "https://example.com/a.png", "detail": "low"}},
                {"type": "input_audio", "input_audio": {"data": "", "format": "wav"}}
            ]},
            {"role": "assistant", "content": null, "reasoning_tokens": 64,
             "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "look", "arguments": "{}"}}]},
            {"role": "tool", "tool_call_id": "c1", "content": "a cat"}
        ]}"#;
        let chat = parse_conversation(json).unwrap();
        assert_eq!(chat.model.as_deref(), Some("gpt-4o"));
        let roles: Vec<ChatRole> = chat.messages.iter().map(|m| m.role).collect();
        assert_eq!(
            roles,
            [
                ChatRole::Developer,
                ChatRole::User,
                ChatRole::Assistant,
                ChatRole::Tool
            ]
        );
        let user = &chat.messages[1];
        assert_eq!(user.text, "What is this?");
        assert_eq!(user.images.len(), 1);
        assert_eq!(user.images[0].path, "messages[1].content[1]");
        assert_eq!(user.images[0].detail.as_deref(), Some("low"));
        assert_eq!(user.uncounted[0].kind, "input_audio");
        assert_eq!(chat.messages[2].reasoning_tokens, Some(64));
        assert_eq!(chat.messages[2].text, "look\n{}");
        let bare = parse_conversation(r#"[{"role":"user","content":"hi"}]"#).unwrap();
        assert_eq!(bare.model, None);
        assert_eq!(bare.messages.len(), 1);
    }

    #[test]
    fn errors_name_the_path_line_and_column() {
        let json = "{\n  \"messages\": [\n    {\"role\": \"user\", \"content\": \"hi\"},\n    {\"role\": \"user\", \"content\": 42}\n  ]\n}";
        let err = parse_conversation(json).unwrap_err();
        assert_eq!(
            err,
            ConversationError::Expected {
                path: "messages[1].content".to_owned(),
                expected: Expected::Content,
                line: 4,
                col: 33,
            }
        );
        let err = parse_conversation("{\"messages\": [\n{\"role\": \"user\",}\n]}").unwrap_err();
        assert!(
            matches!(err, ConversationError::Syntax { line: 2, .. }),
            "{err:?}"
        );
        assert!(
            !err.to_string().contains(" at line "),
            "the position is said once: {err}"
        );
        let err = parse_conversation("{\"messages\": [{\"role\": \"robot\"}]}").unwrap_err();
        assert!(err.to_string().contains("\"robot\""), "{err}");
        let err =
            parse_conversation("{\"messages\": [{\"role\": \"user\", \"reasoning_tokens\": -1}]}")
                .unwrap_err();
        assert!(err.to_string().contains("reasoning_tokens"), "{err}");
        let err = parse_conversation("\"just text\"").unwrap_err();
        assert!(err.to_string().contains("line 1"), "{err}");
        let err = parse_conversation("[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]")
            .unwrap_err();
        assert!(err.to_string().contains("[0].content[0].text"), "{err}");
    }
}
