//! The bundled vocabularies load and agree with the oracles recorded in assets/tokenizers/SOURCES.md
//! (docs/research/ai-tokens.md §5), and tokenization spans keep the text model's invariants.

use tokenlens::ai::{EncodeOptions, Vocab, token_bytes, tokenize};
use tokenlens::text::SpanKind;

fn ids(vocab: Vocab, text: &str, add_special_tokens: bool) -> Vec<u32> {
    let mut t = vocab
        .load()
        .unwrap_or_else(|e| panic!("{} loads: {e}", vocab.name()));
    let opts = EncodeOptions {
        special_as_text: false,
        add_special_tokens,
    };
    tokenize(&mut t, Some(vocab), text, opts).unwrap().ids
}

#[test]
fn oracle_ids() {
    assert_eq!(ids(Vocab::Qwen3, "Hello world!", false), [9707, 1879, 0]);
    assert_eq!(
        ids(Vocab::MistralV1, "Hello world!", true),
        [1, 22557, 1526, 28808],
        "with <s>"
    );
    assert_eq!(
        ids(Vocab::BertUncased, "Hello world!", true),
        [101, 7592, 2088, 999, 102],
        "[CLS] … [SEP]"
    );
    assert_eq!(
        ids(Vocab::Llama3, "Hello world!", true),
        [128000, 9906, 1917, 0],
        "<|begin_of_text|> as Meta's tokenizer.json adds it"
    );
    assert_eq!(ids(Vocab::Llama3, "Hello world!", false), [9906, 1917, 0]);
    assert_eq!(ids(Vocab::ClaudeLegacy, "hello world!", false).len(), 3);
    assert_eq!(ids(Vocab::ClaudeLegacy, "<EOT>", false), [0]);
}

#[test]
fn wordpiece_ids_decode_through_its_decoder() {
    use tokenlens::ai::{Decoded, Loaded, decode_ids};
    let bert = Loaded::bundled(Vocab::BertUncased).unwrap();
    // The ids of "Hello world!" above and of "tokenization" (token + ##ization): `##` joins without a space,
    // other pieces (special tokens too) are separated by one, and the decoder's clean-up drops the space before "!":
    // "[CLS] hello world! [SEP]", as the tokenizers library decodes it.
    let hello = ids(Vocab::BertUncased, "Hello world!", true);
    let list = format!("{hello:?}");
    assert_eq!(
        decode_ids(&bert, &list).unwrap(),
        [
            Decoded::Special("[CLS]".into()),
            Decoded::Text(" hello world! ".into()),
            Decoded::Special("[SEP]".into())
        ]
    );
    let word = ids(Vocab::BertUncased, "tokenization", false);
    assert_eq!(word.len(), 2, "token ##ization");
    assert_eq!(
        decode_ids(&bert, &format!("{word:?}")).unwrap(),
        [Decoded::Text("tokenization".into())]
    );
    assert_eq!(
        bert.token_bytes(word[1]).unwrap(),
        b"ization",
        "## stands for no text"
    );
}

#[test]
fn bert_is_not_truncated_at_128() {
    let text = "word ".repeat(500);
    assert_eq!(ids(Vocab::BertUncased, &text, true).len(), 502);
}

#[test]
fn cl100k_splits_digit_runs_in_threes() {
    // tiktoken's pattern \p{N}{1,3}: a run of 7 digits is 3 + 3 + 1 (the possessive form misbehaves in some
    // regex engines; see assets/tokenizers/SOURCES.md).
    let mut t = Vocab::Cl100k.load().unwrap();
    let out = tokenize(
        &mut t,
        Some(Vocab::Cl100k),
        "1234567",
        EncodeOptions::default(),
    )
    .unwrap();
    let pieces: Vec<&str> = out
        .spans
        .spans()
        .iter()
        .map(|s| &out.spans.text()[s.byte_range.clone()])
        .collect();
    assert_eq!(pieces, ["123", "456", "7"]);
}

#[test]
fn special_token_text_can_be_parsed_or_treated_as_text() {
    let mut t = Vocab::O200k.load().unwrap();
    let parsed = tokenize(
        &mut t,
        Some(Vocab::O200k),
        "<|endoftext|>",
        EncodeOptions::default(),
    )
    .unwrap();
    assert_eq!(parsed.ids, [199_999]);
    assert_eq!(parsed.spans.spans()[0].kind, SpanKind::AiSpecial);
    let plain = tokenize(
        &mut t,
        Some(Vocab::O200k),
        "<|endoftext|>",
        EncodeOptions {
            special_as_text: true,
            add_special_tokens: false,
        },
    )
    .unwrap();
    assert!(plain.ids.len() > 1 && !plain.ids.contains(&199_999));
}

#[test]
fn byte_level_fragments_group_and_concatenate_to_the_input() {
    // NFC text: Qwen3 normalizes to NFC, so a decomposed accent would not round-trip (and is not claimed to).
    let text = "Hi 🌍 词元 — fn main() { println!(\"{}\", 42); }\n\t👩🏽‍💻 é";
    for vocab in [Vocab::O200k, Vocab::Cl100k, Vocab::R50k, Vocab::Qwen3] {
        let mut t = vocab.load().unwrap();
        let out = tokenize(&mut t, Some(vocab), text, EncodeOptions::default()).unwrap();
        let spans = out.spans.spans();
        assert_eq!(spans.len(), out.ids.len(), "{}", vocab.name());
        // Spans are sorted by start, stay on char boundaries, and together cover every byte of the text.
        let mut covered = vec![false; text.len()];
        for w in spans.windows(2) {
            assert!(
                w[0].byte_range.start <= w[1].byte_range.start,
                "{}: sorted by start",
                vocab.name()
            );
        }
        for s in spans {
            assert!(
                text.is_char_boundary(s.byte_range.start)
                    && text.is_char_boundary(s.byte_range.end)
            );
            covered[s.byte_range.clone()]
                .iter_mut()
                .for_each(|c| *c = true);
        }
        assert!(
            covered.iter().all(|&c| c),
            "{}: every byte is in a token",
            vocab.name()
        );
        // Fragments of the 4-byte globe share its range and form one group.
        let globe = text.find('🌍').unwrap();
        let members: Vec<usize> = (0..spans.len())
            .filter(|&k| spans[k].byte_range.end == globe + 4 && spans[k].byte_range.start <= globe)
            .collect();
        assert!(
            !members.is_empty(),
            "{}: a token ends with the globe",
            vocab.name()
        );
        let mut bytes = Vec::new();
        let t = vocab.load().unwrap();
        let enc = t.encode(text, false).unwrap();
        for token in enc.get_tokens() {
            bytes.extend(token_bytes(token, true));
        }
        assert_eq!(
            bytes,
            text.as_bytes(),
            "{}: token bytes concatenate to the input",
            vocab.name()
        );
    }
}

#[test]
fn mistral_byte_fallback_shows_bytes() {
    let mut t = Vocab::MistralV1.load().unwrap();
    let out = tokenize(
        &mut t,
        Some(Vocab::MistralV1),
        "a 🦙 b",
        EncodeOptions::default(),
    )
    .unwrap();
    let llama: Vec<&tokenlens::text::Span> = out
        .spans
        .spans()
        .iter()
        .filter(|s| &out.spans.text()[s.byte_range.clone()] == "🦙")
        .collect();
    assert!(
        llama.len() >= 4,
        "four byte-fallback tokens share the emoji's range"
    );
    assert!(
        llama.iter().any(|s| s.detail().contains("F0")),
        "the hover detail shows raw bytes, never a bare �"
    );
}

/// Chat framing: the ids of the framed conversation equal those of the template text written out and encoded by an
/// independent build (PyPI `tokenizers` 0.23.3 on the same bundled file, special tokens parsed); the OpenAI family
/// follows the OpenAI cookbook's counting rule (3 per message + role + content, + 3 to prime the reply).
#[test]
fn chat_templates_frame_messages_like_the_template_text() {
    use tokenlens::ai::{ChatFamily, Loaded, Message, NO_PUBLIC_ID, Role, tokenize_chat};
    let msgs = |pairs: &[(Role, &str)]| -> Vec<Message> {
        pairs
            .iter()
            .map(|(role, c)| Message {
                role: *role,
                content: (*c).to_owned(),
            })
            .collect()
    };
    let ids = |vocab: Vocab, family: ChatFamily, m: &[Message]| -> (Vec<u32>, usize, Vec<usize>) {
        let l = Loaded::bundled(vocab).unwrap();
        let f = tokenize_chat(&l, family, m).unwrap();
        (
            f.tokens.iter().map(|t| t.token.id).collect(),
            f.overhead(),
            f.content_tokens,
        )
    };
    // <|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n
    let (l3, overhead, content) = ids(
        Vocab::Llama3,
        ChatFamily::Llama3,
        &msgs(&[(Role::User, "Hi")]),
    );
    assert_eq!(
        l3,
        [
            128000, 128006, 882, 128007, 271, 13347, 128009, 128006, 78191, 128007, 271
        ]
    );
    assert_eq!((overhead, content), (10, vec![1]));
    // <|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n
    let (q, _, _) = ids(
        Vocab::Qwen3,
        ChatFamily::ChatMl,
        &msgs(&[(Role::User, "Hi")]),
    );
    assert_eq!(
        q,
        [151644, 872, 198, 13048, 151645, 198, 151644, 77091, 198]
    );
    // <s>[INST] Hi [/INST]Hello</s>
    let (m, _, content) = ids(
        Vocab::MistralV1,
        ChatFamily::Mistral,
        &msgs(&[(Role::User, "Hi"), (Role::Assistant, "Hello")]),
    );
    assert_eq!(
        m,
        [
            1, 733, 16289, 28793, 15359, 733, 28748, 16289, 28793, 16230, 2
        ]
    );
    assert_eq!(content, [1, 1], "▁Hi and Hello belong to their messages");
    // \n\nHuman: Hi\n\nAssistant:
    let (c, _, _) = ids(
        Vocab::ClaudeLegacy,
        ChatFamily::ClaudeLegacy,
        &msgs(&[(Role::User, "Hi")]),
    );
    assert_eq!(c, [203, 203, 26789, 30, 27537, 203, 203, 50803, 30]);
    // OpenAI cookbook: 3 + len("user") + len("Hi") per message, + 3 for the reply = 8 for one short message.
    let (o, overhead, content) = ids(
        Vocab::Cl100k,
        ChatFamily::OpenAi,
        &msgs(&[(Role::User, "Hi")]),
    );
    assert_eq!(o.len(), 8);
    assert_eq!((overhead, content), (7, vec![1]));
    assert_eq!(
        o.iter().filter(|&&id| id == NO_PUBLIC_ID).count(),
        5,
        "unpublished markers"
    );
    // Message text cannot inject a marker: it is always read as plain text.
    let (inj, _, content) = ids(
        Vocab::Qwen3,
        ChatFamily::ChatMl,
        &msgs(&[(Role::User, "<|im_end|>")]),
    );
    assert_eq!(
        inj.iter().filter(|&&id| id == 151645).count(),
        1,
        "only the template's own <|im_end|>"
    );
    assert!(content[0] > 1, "the typed marker is several text tokens");
}

#[test]
fn a_shared_vocabulary_is_loaded_once_while_someone_holds_it() {
    let a = tokenlens::ai::Loaded::shared(tokenlens::ai::Vocab::ClaudeLegacy).unwrap();
    let b = std::thread::Builder::new()
        .name("shared-vocab-test".to_owned())
        .spawn(|| tokenlens::ai::Loaded::shared(tokenlens::ai::Vocab::ClaudeLegacy).unwrap())
        .unwrap()
        .join()
        .unwrap();
    assert!(
        std::sync::Arc::ptr_eq(&a, &b),
        "the second caller got the same copy"
    );
    let other = tokenlens::ai::Loaded::shared(tokenlens::ai::Vocab::BertUncased).unwrap();
    assert_eq!(other.vocab, Some(tokenlens::ai::Vocab::BertUncased));
    // No UI test picks the legacy Claude vocabulary, so nothing else in this process holds it.
    let weak = std::sync::Arc::downgrade(&a);
    drop((a, b));
    assert!(
        weak.upgrade().is_none(),
        "nothing keeps a vocabulary nobody holds"
    );
}
