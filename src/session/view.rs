//! Spanned views of an inspection: the token as pasted, and the pretty-printed header and payload, with links
//! between each JSON member and the base64url characters that encode it.

use std::fmt::Write as _;
use std::ops::Range;

use serde_json::Value;

use super::claims::{Clock, TIME_CLAIMS, claim_explanation, header_explanation, time_info};
use super::decode::{Decoded, JsonPart, Payload, SegmentKind};
use crate::i18n::{Worded as _, Words};
use crate::text::{Span, SpanKind, SpannedText, reveal};

/// The most bytes of a binary payload shown in its hex dump; the payload note counts the rest.
pub const HEX_DUMP_MAX_BYTES: usize = 64 * 1024;

/// A JSON member linked across views: its encoded characters in the token and its text in the pretty view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// Header or payload.
    pub segment: SegmentKind,
    /// Member name.
    pub name: String,
    /// Byte range of the base64url characters in the input as given.
    pub token_range: Range<usize>,
    /// Byte range of `"name": value` in the pretty view.
    pub pretty_range: Range<usize>,
}

/// The views the Session tab draws.
#[derive(Clone, Debug, Default)]
pub struct Views {
    /// The input as given: segments, dots, stripped text, errors and encoded members.
    pub token: SpannedText,
    /// Pretty header.
    pub header: SpannedText,
    /// Pretty payload, text, or hex dump.
    pub payload: SpannedText,
    /// Member links; span tags in `token`, `header` and `payload` index into this.
    pub links: Vec<Link>,
    /// What the payload view shows.
    pub payload_note: Option<Words>,
}

/// Build every view for a decoded token.
pub fn build_views(decoded: &Decoded, clock: &Clock) -> Views {
    let mut links = Vec::new();
    let header = decoded
        .header
        .as_ref()
        .map(|part| pretty(decoded, part, SegmentKind::Header, clock, &mut links))
        .unwrap_or_default();
    let (payload, payload_note) = match &decoded.payload {
        Payload::Json(part) => (
            pretty(decoded, part, SegmentKind::Payload, clock, &mut links),
            None,
        ),
        Payload::Text(text) => (
            SpannedText::plain(reveal(text).into_owned()),
            Some(words!("jwt.payload.text")),
        ),
        Payload::Binary(bytes) => {
            let note = words!("jwt.payload.binary");
            let note = match bytes.len().checked_sub(HEX_DUMP_MAX_BYTES) {
                Some(hidden) if hidden > 0 => Words::joined(
                    [note, words!("jwt.payload.truncated").with("n", hidden)],
                    key!("list.sentences"),
                ),
                _ => note,
            };
            (SpannedText::plain(hex_dump(bytes)), Some(note))
        }
        Payload::Encrypted => (
            SpannedText::default(),
            Some(words!("jwt.payload.encrypted")),
        ),
        Payload::None => (SpannedText::default(), None),
    };
    let token = token_view(decoded, &links);
    Views {
        token,
        header,
        payload,
        links,
        payload_note,
    }
}

fn token_view(decoded: &Decoded, links: &[Link]) -> SpannedText {
    let input = &decoded.input;
    let mut spans = Vec::new();
    for seg in &decoded.segments {
        let kind = match seg.kind {
            SegmentKind::Header => SpanKind::JwtHeader,
            SegmentKind::Payload => SpanKind::JwtPayload,
            SegmentKind::Signature => SpanKind::JwtSignature,
            SegmentKind::EncryptedKey => SpanKind::JweEncryptedKey,
            SegmentKind::Iv => SpanKind::JweIv,
            SegmentKind::Ciphertext => SpanKind::JweCiphertext,
            SegmentKind::Tag => SpanKind::JweTag,
            SegmentKind::Extra => SpanKind::Error,
        };
        let detail = match &seg.decoded {
            Ok(bytes) => words!("jwt.span.segment")
                .with("chars", seg.clean_range.len())
                .with("bytes", bytes.len()),
            Err(_) => words!("jwt.span.undecodable"),
        };
        spans.push(
            Span::new(seg.input_range.clone(), kind)
                .with_label(Words::new(seg.kind.name_key()))
                .with_detail(detail),
        );
    }
    for dot in &decoded.dots {
        spans.push(Span::new(dot.clone(), SpanKind::JwtDot).with_label(words!("jwt.span.dot")));
    }
    for (what, range) in &decoded.cleaned.stripped {
        spans.push(
            Span::new(range.clone(), SpanKind::Stripped)
                .with_label(words!("jwt.span.stripped"))
                .with_detail(Words::new(what.message_key())),
        );
    }
    for (i, link) in links.iter().enumerate() {
        // Nested inside its segment, with the segment's kind, tagged with the link index.
        let kind = match link.segment {
            SegmentKind::Header => SpanKind::JwtHeader,
            _ => SpanKind::JwtPayload,
        };
        spans.push(
            Span::new(link.token_range.clone(), kind)
                .with_label(link.name.clone())
                .with_detail(
                    words!("jwt.span.member")
                        .with_words("seg", Words::new(link.segment.name_key()))
                        .with("name", &link.name),
                )
                .with_tag(i as u64),
        );
    }
    for err in &decoded.errors {
        let mut r = err.input_range.clone();
        if r.is_empty() {
            // Point at one character so the underline is visible.
            let end = input[r.start..]
                .chars()
                .next()
                .map_or(r.start, |c| r.start + c.len_utf8());
            r = r.start..end;
        }
        spans.push(
            Span::new(r, SpanKind::Error)
                .with_label(words!("jwt.span.error"))
                .with_detail(err.words()),
        );
    }
    spans.retain(|s| {
        s.byte_range.end <= input.len()
            && input.is_char_boundary(s.byte_range.start)
            && input.is_char_boundary(s.byte_range.end)
    });
    SpannedText::new(input.clone(), spans).unwrap_or_else(|_| SpannedText::plain(input.clone()))
}

fn pretty(
    decoded: &Decoded,
    part: &JsonPart,
    seg: SegmentKind,
    clock: &Clock,
    links: &mut Vec<Link>,
) -> SpannedText {
    let mut text = String::from("{\n");
    let mut spans = Vec::new();
    let n = part.object.len();
    // The last occurrence of each key is the one serde_json keeps.
    let last: std::collections::HashMap<&str, &super::json_scan::Member> = part
        .scan
        .members
        .iter()
        .map(|m| (m.key.as_str(), m))
        .collect();
    for (i, (name, value)) in part.object.iter().enumerate() {
        let start = text.len();
        text.push_str("  ");
        let key_start = text.len();
        text.push_str(&reveal(&Value::String(name.clone()).to_string()));
        let key_end = text.len();
        text.push_str(": ");
        let value_start = text.len();
        let rendered = serde_json::to_string_pretty(value).unwrap_or_default();
        text.push_str(&reveal(&rendered.replace('\n', "\n  ")));
        let value_end = text.len();
        if i + 1 < n {
            text.push(',');
        }
        text.push('\n');

        let link = links.len() as u64;
        let member = last.get(name.as_str()).copied();
        let token_range = member
            .and_then(|m| decoded.decoded_to_input(seg, m.key_range.start..m.value_range.end))
            .unwrap_or(0..0);
        links.push(Link {
            segment: seg,
            name: name.clone(),
            token_range,
            pretty_range: start..value_end,
        });
        let detail = member_detail(seg, name, value, clock);
        spans.push(
            Span::new(key_start..key_end, SpanKind::ClaimKey)
                .with_label(name.clone())
                .with_detail(detail.clone())
                .with_tag(link),
        );
        spans.push(
            Span::new(value_start..value_end, SpanKind::ClaimValue)
                .with_label(name.clone())
                .with_detail(detail)
                .with_tag(link),
        );
    }
    text.push('}');
    SpannedText::new(text.clone(), spans).unwrap_or_else(|_| SpannedText::plain(text))
}

/// A member's hover card: its meaning, then for a time claim its dates, how far off they are, and any oddity, one
/// to a line.
fn member_detail(seg: SegmentKind, name: &str, value: &Value, clock: &Clock) -> Words {
    let meaning = match seg {
        SegmentKind::Header => header_explanation(name),
        _ => claim_explanation(name),
    }
    .unwrap_or_else(|| words!("jwt.claim.custom"));
    if seg != SegmentKind::Payload || !TIME_CLAIMS.contains(&name) {
        return meaning;
    }
    let info = time_info(name, value, clock);
    let mut lines = vec![meaning];
    lines.extend(
        [info.iso_utc, info.iso_local]
            .into_iter()
            .flatten()
            .map(Words::verbatim),
    );
    lines.extend(info.relative);
    lines.extend(
        info.flags.into_iter().map(|flag| {
            words!("jwt.claim.flag").with_words("flag", Words::new(flag.message_key()))
        }),
    );
    Words::joined(lines, key!("list.lines"))
}

/// A classic hex dump: offset, 16 bytes in hex, and printable ASCII, of the first [`HEX_DUMP_MAX_BYTES`] bytes.
pub fn hex_dump(bytes: &[u8]) -> String {
    let mut out = String::new();
    for (row, chunk) in bytes[..bytes.len().min(HEX_DUMP_MAX_BYTES)]
        .chunks(16)
        .enumerate()
    {
        let _ = write!(out, "{:08x}  ", row * 16);
        for b in chunk {
            let _ = write!(out, "{b:02x} ");
        }
        for _ in chunk.len()..16 {
            out.push_str("   ");
        }
        out.push(' ');
        out.extend(chunk.iter().map(|&b| {
            if b.is_ascii_graphic() || b == b' ' {
                b as char
            } else {
                '.'
            }
        }));
        out.push('\n');
    }
    out
}
