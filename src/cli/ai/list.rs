//! `tokenlens ai list`: the bundled vocabularies, and the models they count for with whether each count is exact
//! or an estimate (a stand-in for a vocabulary that is unpublished or not bundled).

use std::io::{self, Write};

use serde::Serialize;

use super::{ListArgs, column, emit, emit_json, en};
use crate::ai::{ChatFamily, Count, Loaded, MODELS, Vocab};

#[derive(Serialize)]
struct VocabOut {
    name: &'static str,
    byte_level: bool,
    chunkable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    vocab_size: Option<usize>,
}

#[derive(Serialize)]
struct ModelOut {
    id: &'static str,
    name: &'static str,
    encoding: &'static str,
    chat: Option<&'static str>,
    /// True when `encoding` stands in for the model's own vocabulary, which is unpublished or not bundled.
    estimate: bool,
}

#[derive(Serialize)]
struct ListOut {
    vocabularies: Vec<VocabOut>,
    models: Vec<ModelOut>,
}

/// The chat template family's name, or `None` for models without one.
fn chat_name(family: ChatFamily) -> Option<&'static str> {
    match family {
        ChatFamily::OpenAi => Some("openai"),
        ChatFamily::ChatMl => Some("chatml"),
        ChatFamily::Llama3 => Some("llama3"),
        ChatFamily::Mistral => Some("mistral"),
        ChatFamily::ClaudeLegacy => Some("claude_legacy"),
        ChatFamily::Harmony => Some("harmony"),
        ChatFamily::None => None,
    }
}

pub(super) fn list(args: &ListArgs) -> Result<i32, String> {
    let mut vocabularies = Vec::new();
    for vocab in Vocab::ALL {
        let vocab_size = if args.sizes {
            Some(
                Loaded::bundled(vocab)
                    .map_err(|e| e.to_string())?
                    .vocab_size(),
            )
        } else {
            None
        };
        vocabularies.push(VocabOut {
            name: vocab.name(),
            byte_level: vocab.byte_level(),
            chunkable: vocab.chunkable(),
            vocab_size,
        });
    }
    let models = MODELS
        .iter()
        .map(|m| ModelOut {
            id: m.id,
            name: m.name,
            encoding: m.vocab.name(),
            chat: chat_name(m.chat),
            estimate: m.count == Count::Estimate,
        })
        .collect();
    let out = ListOut {
        vocabularies,
        models,
    };
    if args.json {
        emit_json(&out)
    } else {
        emit(|w| list_text(w, &out))
    }
}

fn list_text(w: &mut dyn Write, out: &ListOut) -> io::Result<()> {
    let yes = |b: bool| if b { "yes" } else { "no" };
    let vw = column(out.vocabularies.iter().map(|v| v.name), "VOCABULARY");
    writeln!(
        w,
        "{:<vw$}{:<12}{:<11}SIZE",
        "VOCABULARY", "BYTE-LEVEL", "CHUNKABLE"
    )?;
    for v in &out.vocabularies {
        let size = v
            .vocab_size
            .map_or_else(|| "-".to_owned(), |n| n.to_string());
        writeln!(
            w,
            "{:<vw$}{:<12}{:<11}{size}",
            v.name,
            yes(v.byte_level),
            yes(v.chunkable)
        )?;
    }
    writeln!(w)?;
    let iw = column(out.models.iter().map(|m| m.id), "MODEL");
    let nw = column(out.models.iter().map(|m| m.name), "NAME");
    let ew = column(out.models.iter().map(|m| m.encoding), "ENCODING");
    let cw = column(out.models.iter().map(|m| m.chat.unwrap_or("-")), "CHAT");
    writeln!(
        w,
        "{:<iw$}{:<nw$}{:<ew$}{:<cw$}COUNT",
        "MODEL", "NAME", "ENCODING", "CHAT"
    )?;
    for m in &out.models {
        let chat = m.chat.unwrap_or("-");
        let count = count_word(m.estimate);
        writeln!(
            w,
            "{:<iw$}{:<nw$}{:<ew$}{chat:<cw$}{count}",
            m.id, m.name, m.encoding
        )?;
    }
    if out.models.iter().any(|m| m.estimate) {
        writeln!(w)?;
        writeln!(w, "{}", en(key!("ai.estimate_cli")))?;
    }
    Ok(())
}

/// "exact" or "estimate", in English like the rest of the CLI.
pub(super) fn count_word(estimate: bool) -> &'static str {
    if estimate {
        en(key!("ai.count_estimate"))
    } else {
        en(key!("ai.count_exact"))
    }
}
