//! Chat mode: edit system/user/assistant messages and see them framed by the model family's template, with the
//! framing overhead counted, and what the conversation costs turn by turn (the bill, in [`super::bill`]).

use std::ops::Range;
use std::sync::Arc;

use egui::{RichText, Ui};

use super::side::group_digits;
use super::{AiTab, bill, tokens};
use crate::ai::{
    AiError, ChatFamily, Framed, Loaded, Message, NO_PUBLIC_ID, Role, model, pack_tag,
    tokenize_chat,
};
use crate::i18n::{Worded as _, Words, tr};
use crate::text::{Rev, Span, SpanKind, SpannedText};
use crate::ui::highlight::{HighlightOptions, HighlightView};
use crate::ui::job::{Job, Poll};
use crate::ui::theme::Palette;

type ChatKey = (u64, String, ChatFamily);

struct ChatResult {
    framed: Framed,
    spanned: SpannedText,
    /// Each message's content with its own tokens (for the message editors).
    contents: Vec<Arc<SpannedText>>,
    framing: Vec<Range<usize>>,
    loaded: Arc<Loaded>,
    /// The messages as turns, for the bill.
    conversation: crate::ai::bill::Conversation,
}

/// State of the chat view.
pub struct ChatState {
    /// The messages; any change gives a new revision, which the result is keyed on.
    messages: Rev<Vec<Message>>,
    key: Option<ChatKey>,
    result: Option<ChatResult>,
    job: Option<(ChatKey, Job<Result<ChatResult, AiError>>)>,
    view: HighlightView,
    /// One coloured editor per message.
    editors: Vec<HighlightView>,
    error: Option<Words>,
    /// Counts results put on screen (the view's revision).
    generation: u64,
    /// The bill panel.
    bill: bill::BillState,
}

impl Default for ChatState {
    fn default() -> Self {
        Self {
            messages: Rev::new(vec![
                Message {
                    role: Role::System,
                    content: "You are a helpful assistant.".to_owned(),
                },
                Message {
                    role: Role::User,
                    content: "How many tokens is 词元? 🌍".to_owned(),
                },
            ]),
            key: None,
            result: None,
            job: None,
            view: HighlightView::new("ai_chat"),
            editors: Vec::new(),
            error: None,
            generation: 0,
            bill: bill::BillState::default(),
        }
    }
}

impl ChatState {
    /// Is the framed conversation being tokenized?
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }
}

pub(super) fn chat_ui(ui: &mut Ui, tab: &mut AiTab) {
    let family = model(&tab.settings.model).map_or(ChatFamily::None, |m| m.chat);
    poll(&mut tab.chat);
    let rates = model(&tab.settings.model)
        .filter(|_| tab.settings.model != "custom")
        .and_then(|m| tab.pricing.table.get(m.id))
        .map(crate::ai::bill::Rates::from);
    let st = &mut tab.chat;
    let messages = st.result.as_ref().map(|r| &r.conversation);
    egui::Panel::right("ai_bill")
        .resizable(true)
        .default_size(600.0)
        .size_range(420.0..=720.0)
        .show(ui, |ui| bill::bill_ui(ui, &mut st.bill, messages, rates));
    // The messages take the space the bill leaves.
    egui::CentralPanel::no_frame().show(ui, |ui| messages_ui(ui, tab, family));
}

/// The message editors, the counts and the framed conversation.
fn messages_ui(ui: &mut Ui, tab: &mut AiTab, family: ChatFamily) {
    // Wrapped: one long line would widen the column under the bill.
    ui.horizontal_wrapped(|ui| {
        ui.label(trf!(
            "ai.chat_family",
            &[("family", &tr(family.label_key()))],
        ));
        if family == ChatFamily::None {
            ui.weak(tr!("ai.chat_none"));
        }
        if family == ChatFamily::OpenAi {
            ui.weak(tr!("ai.chat_openai_note"));
        }
    });
    super::side::estimate_ui(ui, &tab.settings.model);
    let st = &mut tab.chat;
    let mut remove = None;
    // Changes are gathered while drawing and applied at once, so the messages get a new revision only when one
    // of them really changed.
    let mut roles: Vec<(usize, Role)> = Vec::new();
    let mut edits: Vec<(usize, Range<usize>, String)> = Vec::new();
    let palette = Palette::of(ui);
    let whitespace = tab.settings.whitespace;
    st.editors
        .resize_with(st.messages.len(), || HighlightView::new("ai_chat_message"));
    let busy = st.job.is_some();
    let loaded = st.result.as_ref().map(|r| Arc::clone(&r.loaded));
    let card = |ui: &mut Ui, text: &SpannedText, group: Range<usize>| {
        if let Some(l) = &loaded {
            tokens::hover_card_ui(ui, l, text, group);
        }
    };
    for (i, (m, editor)) in st.messages.iter().zip(&mut st.editors).enumerate() {
        ui.push_id(i, |ui| {
            let l = ui
                .horizontal(|ui| {
                    let l = ui.label(trf!("ai.message_n", &[("n", &(i + 1).to_string())]));
                    egui::ComboBox::from_id_salt("role")
                        .selected_text(m.role.as_str())
                        .show_ui(ui, |ui| {
                            let mut role = m.role;
                            for r in Role::ALL {
                                if ui.selectable_value(&mut role, r, r.as_str()).changed() {
                                    roles.push((i, role));
                                }
                            }
                        })
                        .response
                        .labelled_by(l.id);
                    if ui.small_button(tr!("ai.remove")).clicked() {
                        remove = Some(i);
                    }
                    l.id
                })
                .inner;
            // The message's own tokens while the result is for this text (or a worker is catching up with it).
            let coloured = st
                .result
                .as_ref()
                .and_then(|r| r.contents.get(i))
                .filter(|c| busy || c.text() == m.content);
            let (text, revision, current) = match coloured {
                Some(c) => (Arc::clone(c), st.generation, c.text() == m.content),
                None => (
                    Arc::new(SpannedText::plain(m.content.clone())),
                    PLAIN_REVISION | st.messages.rev(),
                    true,
                ),
            };
            editor.whitespace = whitespace;
            let opts = HighlightOptions {
                dimmed: !current,
                max_height: 96.0,
                hover_card: Some(&card),
                editable: Some(current),
                labelled_by: Some(l),
                hint: tr!("ai.message_hint"),
                ..HighlightOptions::default()
            };
            let r = editor.ui(ui, &text, revision, palette, &opts);
            if let Some((range, with)) = r.edit
                && range.end <= m.content.len()
                && m.content.is_char_boundary(range.start)
                && m.content.is_char_boundary(range.end)
            {
                edits.push((i, range, with));
            }
        });
    }
    if !roles.is_empty() || !edits.is_empty() {
        st.messages.edit(|messages| {
            for (i, role) in roles {
                messages[i].role = role;
            }
            for (i, range, with) in edits {
                messages[i].content.replace_range(range, &with);
            }
        });
    }
    if let Some(i) = remove {
        st.messages.edit(|messages| messages.remove(i));
        st.editors.remove(i);
    }
    if ui.button(tr!("ai.add_message")).clicked() {
        let role = match st.messages.last().map(|m| m.role) {
            Some(Role::User) => Role::Assistant,
            _ => Role::User,
        };
        st.messages.edit(|messages| {
            messages.push(Message {
                role,
                content: String::new(),
            });
        });
    }
    start(ui.ctx(), tab, family);
    let st = &mut tab.chat;
    if let Some(e) = &st.error {
        ui.colored_label(Palette::of(ui).error(), e.text());
    }
    let Some(res) = &st.result else {
        return;
    };
    let content: usize = res.framed.content_tokens.iter().sum();
    let overhead = res.framed.overhead();
    ui.separator();
    ui.label(
        RichText::new(trf!(
            "ai.chat_summary",
            &[
                ("total", &group_digits(content + overhead)),
                ("content", &group_digits(content)),
                ("overhead", &group_digits(overhead)),
            ],
        ))
        .strong(),
    );
    ui.weak(tr!("ai.chat_estimate"));
    let loaded = Arc::clone(&res.loaded);
    let card = move |ui: &mut Ui, text: &SpannedText, group: Range<usize>| {
        let unpublished = text.spans()[group.clone()]
            .iter()
            .any(|s| s.tag.is_some_and(|t| crate::ai::tag_id(t) == NO_PUBLIC_ID));
        if unpublished {
            ui.strong(&text.text()[text.spans()[group.start].byte_range.clone()]);
            ui.label(tr!("ai.unpublished_id"));
        } else {
            tokens::hover_card_ui(ui, &loaded, text, group);
        }
    };
    let stale = st.job.is_some();
    st.view.whitespace = tab.settings.whitespace;
    let opts = HighlightOptions {
        emphasis: &res.framing,
        scroll_to: None,
        dimmed: stale,
        max_height: 0.0,
        hover_card: Some(&card),
        ..HighlightOptions::default()
    };
    let rev = st.generation;
    st.view.ui(ui, &res.spanned, rev, Palette::of(ui), &opts);
}

fn poll(st: &mut ChatState) {
    if let Some((key, job)) = &st.job {
        let key = key.clone();
        match job.poll() {
            Poll::Pending => return,
            Poll::Ready(Ok(r)) => {
                st.result = Some(r);
                st.generation += 1;
                st.error = None;
            }
            Poll::Ready(Err(e)) => st.error = Some(e.words()),
            Poll::Failed => st.error = Some(words!("ai.worker_failed")),
        }
        st.key = Some(key);
        st.job = None;
    }
}

fn start(ctx: &egui::Context, tab: &mut AiTab, family: ChatFamily) {
    let key: ChatKey = (
        tab.chat.messages.rev(),
        format!("{:?}", tab.source()),
        family,
    );
    if tab.chat.key.as_ref() == Some(&key) || tab.chat.job.is_some() {
        return;
    }
    let source = tab.source();
    let Some(loaded) = tab.engine.get(ctx, &source) else {
        ctx.request_repaint_after(std::time::Duration::from_millis(50));
        return;
    };
    let messages = (*tab.chat.messages).clone();
    let job = Job::spawn("ai-chat", ctx, move || {
        let framed = tokenize_chat(&loaded, family, &messages)?;
        let mut framing = Vec::new();
        let spans: Vec<Span> = framed
            .tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let kind = if t.token.special {
                    SpanKind::AiSpecial
                } else {
                    SpanKind::AiToken
                };
                if t.message.is_none() && !t.token.special {
                    framing.push(t.token.range());
                }
                Span::new(t.token.range(), kind).with_tag(pack_tag(i, t.token.id))
            })
            .collect();
        let spanned = SpannedText::new(framed.text.clone(), spans)
            .map_err(|e| AiError::Encode(e.to_string()))?;
        let contents = message_texts(&framed, &messages);
        let conversation =
            crate::ai::bill::chat_conversation(&loaded, family, &messages, &framed.content_tokens)?;
        Ok(ChatResult {
            framed,
            spanned,
            contents,
            framing,
            loaded,
            conversation,
        })
    });
    if let Some(job) = job {
        tab.chat.job = Some((key, job));
    }
}

/// Revisions of a message editor's bare text never meet the results' generations.
const PLAIN_REVISION: u64 = 1 << 63;

/// Each message's content as a text of its own, with the tokens that came from it (moved to the content's
/// offsets). A message whose content cannot be found in the framed text gets no tokens.
fn message_texts(framed: &Framed, messages: &[Message]) -> Vec<Arc<SpannedText>> {
    messages
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mine = || framed.tokens.iter().filter(move |t| t.message == Some(i));
            let start = mine().map(|t| t.token.range().start).min().unwrap_or(0);
            let found = framed.text.get(start..start + m.content.len()) == Some(m.content.as_str());
            let spans = if found {
                mine()
                    .enumerate()
                    .map(|(k, t)| {
                        let r = t.token.range();
                        Span::new(r.start - start..r.end - start, SpanKind::AiToken)
                            .with_tag(pack_tag(k, t.token.id))
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let text = SpannedText::new(m.content.clone(), spans)
                .unwrap_or_else(|_| SpannedText::plain(m.content.clone()));
            Arc::new(text)
        })
        .collect()
}
