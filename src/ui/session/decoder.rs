//! The decoder view: the token through the highlight widget, linked header/payload views, claims, verification
//! and findings.

use std::ops::Range;

use egui::{RichText, Ui};

use super::{KeyKind, SessionTab, Side};
use crate::i18n::{Worded as _, Words, join_list, tr};
use crate::session::{Inspection, SecretEncoding, SegmentKind, TimeStatus};
use crate::text::SpanKind;
use crate::ui::highlight::{HighlightOptions, HighlightResponse};
use crate::ui::theme::Palette;
use crate::ui::widgets::{badge_ui, copy_button_ui, labelled_code_input_ui};

/// Draw the decoder.
pub(super) fn decoder_ui(ui: &mut Ui, tab: &mut SessionTab) {
    let result = tab.result.clone();
    let dimmed = tab.busy() || tab.dirty;
    let palette = Palette::of(ui);
    let mut hovered: Option<usize> = None;
    egui::ScrollArea::vertical()
        .id_salt("session_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.columns(2, |cols| {
                if let Some(link) =
                    token_column_ui(&mut cols[0], tab, result.as_deref(), dimmed, palette)
                {
                    hovered = Some(link);
                }
                verification_ui(&mut cols[0], tab, result.as_deref(), palette);
                if let Some(ins) = result.as_deref() {
                    findings_ui(&mut cols[0], ins, palette);
                }
                if let Some(link) =
                    details_column_ui(&mut cols[1], tab, result.as_deref(), dimmed, palette)
                {
                    hovered = Some(link);
                }
            });
        });
    if hovered != tab.hover_link {
        tab.hover_link = hovered;
        ui.ctx().request_repaint();
    }
}

fn active_link(tab: &SessionTab) -> Option<usize> {
    tab.hover_link.or(tab.selected_link)
}

fn token_column_ui(
    ui: &mut Ui,
    tab: &mut SessionTab,
    ins: Option<&Inspection>,
    dimmed: bool,
    palette: Palette,
) -> Option<usize> {
    ui.heading(tr!("session.token"));
    let label = ui
        .horizontal(|ui| {
            let l = ui.label(tr!("session.token_input"));
            if tab.input.is_empty() {
                if ui.button(tr!("session.try_example")).clicked() {
                    tab.set_input(super::EXAMPLE_TOKEN.trim());
                    tab.set_key(KeyKind::Secret, super::EXAMPLE_SECRET.trim());
                }
            } else if ui.small_button(tr!("session.clear")).clicked() {
                tab.token_view.clear_all();
                ui.ctx().request_repaint();
            }
            if tab.busy() {
                ui.spinner();
                ui.weak(tr!("session.decoding"));
            }
            l.id
        })
        .inner;
    token_editor_ui(ui, tab, ins, dimmed, palette, label)
}

/// The token box: typed into, and coloured by segment as it is decoded (errors underlined where they are).
fn token_editor_ui(
    ui: &mut Ui,
    tab: &mut SessionTab,
    ins: Option<&Inspection>,
    dimmed: bool,
    palette: Palette,
    label: egui::Id,
) -> Option<usize> {
    // An empty box invites; it does not scold ("nothing to decode").
    let ins = ins.filter(|_| !tab.input.is_empty());
    ui.horizontal(|ui| {
        ui.strong(tr!("session.encoded"));
        for (kind, key) in [
            (SpanKind::JwtHeader, key!("jwt.seg.header")),
            (SpanKind::JwtPayload, key!("jwt.seg.payload")),
            (SpanKind::JwtSignature, key!("jwt.seg.signature")),
        ] {
            ui.label(RichText::new(tr(key)).color(palette.span_fg(kind)));
        }
        if ui
            .checkbox(&mut tab.settings.whitespace, tr!("session.whitespace"))
            .changed()
        {
            tab.token_view.whitespace = tab.settings.whitespace;
        }
    });
    let link = ins.and_then(|ins| active_link(tab).and_then(|i| ins.views.links.get(i)));
    let emphasis: Vec<Range<usize>> = link.map(|l| l.token_range.clone()).into_iter().collect();
    let scroll_to = match tab.scroll {
        Some((Side::Token, at)) => {
            tab.scroll = None;
            Some(at)
        }
        _ => None,
    };
    // The decoded token while it is the input (or a worker is decoding a newer one: keys wait); else the bare input.
    let plain;
    let (text, revision, current) = match ins {
        Some(ins) if ins.views.token.text() == tab.input.as_str() || dimmed => {
            (&ins.views.token, tab.revision, !dimmed)
        }
        _ => {
            plain = crate::text::SpannedText::plain(tab.input.as_str().to_owned());
            (&plain, PLAIN_REVISION | tab.input.rev(), true)
        }
    };
    let opts = HighlightOptions {
        emphasis: &emphasis,
        scroll_to,
        dimmed,
        max_height: 220.0,
        editable: Some(current),
        labelled_by: Some(label),
        hint: tr!("session.token_hint"),
        ..HighlightOptions::default()
    };
    let r = tab.token_view.ui(ui, text, revision, palette, &opts);
    if let Some((range, with)) = r.edit.clone()
        && range.end <= tab.input.len()
        && tab.input.is_char_boundary(range.start)
        && tab.input.is_char_boundary(range.end)
    {
        tab.input.edit(|input| input.replace_range(range, &with));
        tab.dirty = true;
        tab.selected_link = None;
        ui.ctx().request_repaint();
    }
    let ins = ins?;
    stripped_and_errors_ui(ui, tab, ins, palette);
    let hovered = token_link(ins, &r);
    if let Some(clicked) = r.clicked.and_then(|s| ins.views.token.spans().get(s)) {
        if clicked.tag.is_some() {
            tab.selected_link = clicked.tag.map(|t| t as usize);
            if let Some(l) = tab.selected_link.and_then(|i| ins.views.links.get(i)) {
                tab.scroll = Some((Side::Pretty, l.pretty_range.start));
            }
        } else {
            tab.selected_link = None;
        }
    }
    let d = &ins.decoded;
    ui.horizontal(|ui| {
        copy_button_ui(ui, tr!("session.copy_token"), &d.cleaned.token);
        ui.weak(trf!("session.size", &[("n", &d.cleaned.token.len())]));
    });
    hovered
}

/// Revisions of the bare input (nothing decoded yet) never meet the decoder's.
const PLAIN_REVISION: u64 = 1 << 63;

/// What was stripped from the paste (`Bearer `, quotes, spaces) and the decode errors, each clickable to its place.
fn stripped_and_errors_ui(ui: &mut Ui, tab: &mut SessionTab, ins: &Inspection, palette: Palette) {
    let d = &ins.decoded;
    if !d.cleaned.stripped.is_empty() {
        let mut what: Vec<&str> = d
            .cleaned
            .stripped
            .iter()
            .map(|(w, _)| tr(w.message_key()))
            .collect();
        what.dedup();
        ui.label(
            RichText::new(trf!("session.stripped", &[("what", &join_list(&what))]))
                .color(palette.info()),
        );
    }
    for err in &d.errors {
        let text = RichText::new(format!("× {}", err.words().text())).color(palette.error());
        if ui
            .add(egui::Label::new(text).sense(egui::Sense::click()))
            .on_hover_text(tr!("session.error_click"))
            .clicked()
        {
            tab.scroll = Some((Side::Token, err.input_range.start));
        }
    }
}

/// The member link under the pointer in the token view.
fn token_link(ins: &Inspection, r: &HighlightResponse) -> Option<usize> {
    let span = ins.views.token.spans().get(r.hovered?)?;
    span.tag.map(|t| t as usize)
}

fn details_column_ui(
    ui: &mut Ui,
    tab: &mut SessionTab,
    ins: Option<&Inspection>,
    dimmed: bool,
    palette: Palette,
) -> Option<usize> {
    let mut hovered = None;
    if let Some(ins) = ins {
        if ins.decoded.header.is_some() {
            ui.horizontal(|ui| {
                ui.heading(tr!("session.header"));
                if let Some(alg) = &ins.decoded.alg {
                    badge_ui(ui, alg, palette.span_fg(SpanKind::JwtHeader));
                }
                copy_button_ui(ui, tr!("session.copy"), ins.views.header.text());
            });
            hovered = pretty_ui(ui, tab, ins, SegmentKind::Header, dimmed, palette).or(hovered);
        }
        if !ins.views.payload.text().is_empty() || ins.views.payload_note.is_some() {
            ui.horizontal(|ui| {
                ui.heading(tr!("session.payload"));
                copy_button_ui(ui, tr!("session.copy"), ins.views.payload.text());
            });
            if let Some(note) = &ins.views.payload_note {
                ui.label(RichText::new(note.text()).color(palette.info()));
            }
            hovered = pretty_ui(ui, tab, ins, SegmentKind::Payload, dimmed, palette).or(hovered);
        }
        if !ins.claims.is_empty() {
            hovered = claims_ui(ui, tab, ins, palette).or(hovered);
        }
    }
    hovered
}

fn pretty_ui(
    ui: &mut Ui,
    tab: &mut SessionTab,
    ins: &Inspection,
    seg: SegmentKind,
    dimmed: bool,
    palette: Palette,
) -> Option<usize> {
    let link = active_link(tab)
        .and_then(|i| ins.views.links.get(i))
        .filter(|l| l.segment == seg);
    let emphasis: Vec<Range<usize>> = link.map(|l| l.pretty_range.clone()).into_iter().collect();
    let scroll_to = match (tab.scroll, link) {
        (Some((Side::Pretty, at)), Some(l)) if l.pretty_range.start == at => {
            tab.scroll = None;
            Some(at)
        }
        _ => None,
    };
    let opts = HighlightOptions {
        emphasis: &emphasis,
        scroll_to,
        dimmed,
        max_height: 260.0,
        ..HighlightOptions::default()
    };
    let (view, text) = match seg {
        SegmentKind::Header => (&mut tab.header_view, &ins.views.header),
        _ => (&mut tab.payload_view, &ins.views.payload),
    };
    let r = view.ui(ui, text, tab.revision, palette, &opts);
    let hovered = r
        .hovered
        .and_then(|s| text.spans().get(s))
        .and_then(|s| s.tag)
        .map(|t| t as usize);
    if let Some(span) = r.clicked.and_then(|s| text.spans().get(s)) {
        tab.selected_link = span.tag.map(|t| t as usize);
        if let Some(l) = tab.selected_link.and_then(|i| ins.views.links.get(i)) {
            tab.scroll = Some((Side::Token, l.token_range.start));
        }
    }
    hovered
}

fn claims_ui(ui: &mut Ui, tab: &SessionTab, ins: &Inspection, palette: Palette) -> Option<usize> {
    let mut hovered = None;
    ui.add_space(6.0);
    ui.heading(tr!("session.claims"));
    let active = active_link(tab);
    // Two columns: the name, then value, meaning and times stacked and wrapped, so long or wide (CJK) values never
    // squeeze the explanation into a one-character column.
    let detail_width = (ui.available_width() - 120.0).max(160.0);
    egui::Grid::new("claims_table")
        .striped(true)
        .num_columns(2)
        .min_col_width(90.0)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            ui.strong(tr!("session.claim"));
            ui.strong(format!(
                "{} · {}",
                tr!("session.value"),
                tr!("session.meaning")
            ));
            ui.end_row();
            for claim in &ins.claims {
                let link = ins
                    .views
                    .links
                    .iter()
                    .position(|l| l.segment == SegmentKind::Payload && l.name == claim.name);
                let name = RichText::new(crate::text::reveal(&claim.name)).monospace();
                let name = if link.is_some() && link == active {
                    name.background_color(palette.emphasis_fill())
                } else {
                    name
                };
                let r1 = ui.label(name);
                let r3 = ui.vertical(|ui| {
                    ui.set_max_width(detail_width);
                    ui.add(egui::Label::new(RichText::new(&claim.preview).monospace()).wrap());
                    if let Some(ex) = &claim.explanation {
                        ui.add(
                            egui::Label::new(RichText::new(ex.text()).color(palette.weak())).wrap(),
                        );
                    }
                    if let Some(t) = &claim.time {
                        ui.horizontal_wrapped(|ui| {
                            if let Some(status) = t.status {
                                let (key, color) = match status {
                                    TimeStatus::Expired => {
                                        (key!("time.status.expired"), palette.error())
                                    }
                                    TimeStatus::Valid => (key!("time.status.valid"), palette.ok()),
                                    TimeStatus::NotYetValid => {
                                        (key!("time.status.not_yet_valid"), palette.warn())
                                    }
                                };
                                badge_ui(ui, tr(key), color);
                            }
                            if let Some(rel) = &t.relative {
                                ui.label(rel.text());
                            }
                        });
                        if let Some(iso) = &t.iso_utc {
                            ui.label(
                                RichText::new(format!("{}  {iso}", tr!("session.utc")))
                                    .monospace()
                                    .small(),
                            );
                        }
                        if let Some(local) = &t.iso_local {
                            ui.label(
                                RichText::new(format!("{}  {local}", tr!("session.local")))
                                    .monospace()
                                    .small(),
                            );
                        }
                        for flag in &t.flags {
                            ui.label(
                                RichText::new(format!("▲ {}", tr(flag.message_key())))
                                    .color(palette.warn()),
                            );
                        }
                    }
                });
                if r1.hovered() || r3.response.hovered() {
                    hovered = link;
                }
                ui.end_row();
            }
        });
    hovered
}

fn verification_ui(ui: &mut Ui, tab: &mut SessionTab, ins: Option<&Inspection>, palette: Palette) {
    ui.add_space(6.0);
    ui.heading(tr!("session.verify"));
    let mut changed = false;
    ui.horizontal(|ui| {
        for (kind, key) in [
            (KeyKind::Secret, key!("session.key.secret")),
            (KeyKind::Pem, key!("session.key.pem")),
            (KeyKind::Jwk, key!("session.key.jwk")),
        ] {
            if ui
                .selectable_value(&mut tab.settings.key_kind, kind, tr(key))
                .changed()
            {
                tab.key_kind_picked();
            }
        }
    });
    match tab.settings.key_kind {
        KeyKind::Secret => {
            changed |= labelled_code_input_ui(
                ui,
                tr!("session.secret_input"),
                &mut tab.secret,
                1,
                tr!("session.secret_hint"),
            )
            .changed();
            ui.horizontal(|ui| {
                let l = ui.label(tr!("session.secret_encoding"));
                egui::ComboBox::from_id_salt("secret_encoding")
                    .selected_text(encoding_name(tab.settings.secret_encoding))
                    .show_ui(ui, |ui| {
                        for e in [
                            SecretEncoding::Utf8,
                            SecretEncoding::Base64,
                            SecretEncoding::Base64Url,
                        ] {
                            changed |= ui
                                .selectable_value(
                                    &mut tab.settings.secret_encoding,
                                    e,
                                    encoding_name(e),
                                )
                                .changed();
                        }
                    })
                    .response
                    .labelled_by(l.id);
            });
        }
        KeyKind::Pem => {
            changed |= labelled_code_input_ui(
                ui,
                tr!("session.pem_input"),
                &mut tab.pem,
                4,
                tr!("session.pem_hint"),
            )
            .changed();
        }
        KeyKind::Jwk => {
            changed |= labelled_code_input_ui(
                ui,
                tr!("session.jwk_input"),
                &mut tab.jwk,
                4,
                tr!("session.jwk_hint"),
            )
            .changed();
        }
    }
    if changed {
        tab.dirty = true;
    }
    // An empty box invites; it does not scold. Anything pasted gets a verdict, "cannot be decoded" included.
    let Some(ins) = ins.filter(|_| !tab.input.is_empty()) else {
        return;
    };
    // Reasons already on screen: the decode errors under the token, and the rows above.
    let errors: Vec<Words> = ins.decoded.errors.iter().map(|e| e.words()).collect();
    let mut said: Vec<&Words> = errors.iter().collect();
    if ins.decoded.is_decodable() {
        super::verdict::signature_row_ui(ui, ins, palette);
        super::verdict::time_row_ui(ui, ins, palette);
        said.extend([&ins.verification.reason, &ins.time.reason]);
    }
    super::verdict::verdict_row_ui(ui, ins, palette, &said);
}

fn findings_ui(ui: &mut Ui, ins: &Inspection, palette: Palette) {
    if ins.findings.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.heading(tr!("session.findings"));
    for f in &ins.findings {
        ui.horizontal_wrapped(|ui| {
            badge_ui(ui, tr(f.severity.label_key()), palette.severity(f.severity));
            ui.label(f.message.text());
        });
    }
}

fn encoding_name(e: SecretEncoding) -> &'static str {
    match e {
        SecretEncoding::Utf8 => tr!("session.enc.utf8"),
        SecretEncoding::Base64 => tr!("session.enc.base64"),
        SecretEncoding::Base64Url => tr!("session.enc.base64url"),
    }
}
