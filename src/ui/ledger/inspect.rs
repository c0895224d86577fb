//! Inspect real Ethereum data: paste an address, ERC-20 calldata or a raw signed transaction and see the kind, the
//! normalized hex with a span per field, a field table linked both ways with the spans, and the verdicts. Thin: the
//! decoding is `crate::ledger::eth::inspect`; nothing is fetched from the network.

mod details;
mod table;

use std::sync::Arc;

use egui::{RichText, Ui};

use crate::i18n::{Lang, Worded as _, Words, language, tr};
use crate::ledger::eth::{
    AddressError, HexError, InputMap, InspectError, Inspection, Kind, inspect,
};
use crate::text::{Span, SpanKind, SpannedText};
use crate::ui::highlight::{HighlightOptions, HighlightView};
use crate::ui::job::{Job, Poll};
use crate::ui::theme::Palette;
use crate::ui::widgets::{badge_ui, human_bytes};

/// Inputs at least this large are decoded on a named worker thread, so typing never stalls.
pub const LARGE_INPUT_BYTES: usize = 1 << 20;

/// The research vectors (docs/research/ledger.md §4.5–4.6): catalogue key of the button, and the text it loads.
pub const EXAMPLES: [(&str, &str); 4] = [
    (
        key!("inspect.example.usdt_tx"),
        "0x02f8b2018207a984010bef3384780f481a8301482094dac17f958d2ee523a2206206994597c13d831ec780b844a9059cbb000000000000000000000000a29e963992597b21bcdcaa969d571984869c4ff50000000000000000000000000000000000000000000000000000008e06d55400c080a063ec94403b94ef380a4c4c31b3df991ca456d84943f53e6d207d57d697a8ee98a01631a9ad2884defacfa06eca1d8cfc04c26b119f206a72006e8b0f1802ceab9f",
    ),
    (
        key!("inspect.example.eip155"),
        "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83",
    ),
    (
        key!("inspect.example.address"),
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    ),
    (
        key!("inspect.example.calldata"),
        "0xa9059cbb000000000000000000000000e3f85a274c1edbea2f2498cf5978f41961cf8b5b0000000000000000000000000000000000000000000000000000000068c8f380",
    ),
];

type Outcome = Result<Arc<Inspection>, InspectError>;

/// The Inspect sub-view. The pasted text lives only here, never persisted.
#[derive(Default)]
pub struct InspectView {
    /// The pasted text; its revision is the editor's while nothing is decoded.
    input: crate::text::Rev<String>,
    decimals: String,
    outcome: Option<Outcome>,
    revision: u64,
    job: Option<Job<Outcome>>,
    dirty: bool,
    /// Why the decoder stopped, worded when drawn.
    notice: Option<Words>,
    /// The box the input is typed in, coloured by field.
    hex_view: HighlightView,
    /// The latest outcome drawn on the input as typed: its text (each span labelled and detailed in words worded
    /// when shown), and the map for field ranges.
    coloured: Option<Arc<(SpannedText, Option<InputMap>)>>,
    /// The fields' values worded for the table: (language, outcome revision, values). Worded again only when the
    /// language or the outcome changes, never decoded again.
    values: Option<(Lang, u64, Arc<Vec<String>>)>,
    hover_field: Option<usize>,
    selected_field: Option<usize>,
    scroll_hex: Option<usize>,
    scroll_row: Option<usize>,
    /// The field under the pointer in the editor.
    hex_hover: Option<usize>,
}

/// The smallest field whose bytes (on the input as typed) hold `range`.
fn field_at(
    ins: &Inspection,
    map: Option<&InputMap>,
    range: &std::ops::Range<usize>,
) -> Option<usize> {
    let map = map?;
    ins.fields
        .iter()
        .enumerate()
        .map(|(i, f)| (i, map.range(&f.byte_range)))
        .filter(|(_, r)| r.start <= range.start && range.end <= r.end)
        .min_by_key(|(_, r)| r.len())
        .map(|(i, _)| i)
}

/// Revisions of the bare input (nothing decoded yet) never meet the decoder's.
const PLAIN_REVISION: u64 = 1 << 63;

impl InspectView {
    /// Replace the input (a paste, an example) and decode it.
    pub fn set_input(&mut self, text: impl Into<String>) {
        self.input.set(text.into());
        self.hex_view.reset_editing();
        self.changed();
    }

    /// The pasted input.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The latest decoded inspection, if the input decoded.
    pub fn inspection(&self) -> Option<&Inspection> {
        self.outcome.as_ref()?.as_deref().ok()
    }

    /// Why the latest input did not decode, if it did not.
    pub fn error(&self) -> Option<&InspectError> {
        self.outcome.as_ref()?.as_ref().err()
    }

    /// The field that is hovered (in the table or the hex) or selected, if any: its bytes are emphasised.
    pub fn active_field(&self) -> Option<usize> {
        self.hover_field.or(self.selected_field)
    }

    /// Is a decode running on the worker, or waiting to start?
    pub fn busy(&self) -> bool {
        self.job.is_some() || self.dirty
    }

    fn changed(&mut self) {
        self.dirty = true;
        self.selected_field = None;
        self.hover_field = None;
    }

    /// The decimals typed for an unknown token: `None` when empty, `Err` when not 0–255.
    fn decimals(&self) -> Result<Option<u8>, ()> {
        let t = self.decimals.trim();
        if t.is_empty() {
            Ok(None)
        } else {
            t.parse().map(Some).map_err(|_not_a_u8| ())
        }
    }

    /// Finish or start decoding. Call once per frame before drawing.
    fn poll(&mut self, ctx: &egui::Context) {
        if let Some(job) = &self.job {
            match job.poll() {
                Poll::Ready(outcome) => {
                    self.accept(Some(outcome));
                    self.job = None;
                }
                Poll::Failed => {
                    self.job = None;
                    self.notice = Some(words!("inspect.worker_failed"));
                }
                Poll::Pending => {}
            }
        }
        if !self.dirty || self.job.is_some() {
            return;
        }
        self.dirty = false;
        self.notice = None;
        if self.input.trim().is_empty() {
            self.accept(None);
            return;
        }
        let decimals = self.decimals().unwrap_or(None);
        if self.input.len() < LARGE_INPUT_BYTES {
            self.accept(Some(decode(&self.input, decimals)));
            return;
        }
        let input = self.input.to_string();
        self.job = Job::spawn("eth-inspect", ctx, move || decode(&input, decimals));
        if self.job.is_none() {
            self.accept(Some(decode(&self.input, decimals)));
        }
    }

    fn accept(&mut self, outcome: Option<Outcome>) {
        self.coloured = match &outcome {
            Some(Ok(ins)) => ins
                .on_input(&self.input)
                .map(|(text, map)| Arc::new((text, Some(map)))),
            // An error with a place is underlined there.
            Some(Err(err)) => error_offset(err).and_then(|at| {
                let at = crate::text::floor_char_boundary(&self.input, at.min(self.input.len()));
                let end = self.input[at..]
                    .chars()
                    .next()
                    .map_or(at, |c| at + c.len_utf8());
                let spans = if end > at {
                    vec![Span::new(at..end, SpanKind::Error).with_detail(err.words())]
                } else {
                    Vec::new()
                };
                SpannedText::new(self.input.to_string(), spans)
                    .ok()
                    .map(|t| Arc::new((t, None)))
            }),
            None => None,
        };
        // A result with nothing to colour still shows the input as decoded text, built once here rather than in
        // every frame (a megabyte of garbage would otherwise be copied and indexed per frame).
        if outcome.is_some() && self.coloured.is_none() {
            self.coloured = Some(Arc::new((SpannedText::plain(self.input.to_string()), None)));
        }
        self.outcome = outcome;
        self.revision += 1;
    }

    /// Draw the view.
    pub fn ui(&mut self, ui: &mut Ui) {
        self.poll(ui.ctx());
        let palette = Palette::of(ui);
        examples_ui(ui, self);
        ui.weak(tr!("inspect.offline"));
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("inspect_scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.input_ui(ui, palette);
                if let Some(Ok(ins)) = self.outcome.clone() {
                    ui.add_space(6.0);
                    self.result_ui(ui, &ins, palette);
                }
            });
        if self.dirty {
            ui.ctx().request_repaint();
        }
    }

    fn input_ui(&mut self, ui: &mut Ui, palette: Palette) {
        let label = ui
            .horizontal(|ui| {
                let l = ui.label(tr!("inspect.input"));
                if !self.input.is_empty() {
                    ui.weak(human_bytes(self.input.len()));
                    if ui.small_button(tr!("inspect.clear")).clicked() {
                        self.hex_view.clear_all();
                        ui.ctx().request_repaint();
                    }
                }
                l.id
            })
            .inner;
        let active = self.active_field();
        let busy = self.busy();
        // The decoded input while it is the input (or a worker decodes a newer one: keys wait); else the bare text.
        let coloured = self
            .coloured
            .clone()
            .filter(|c| busy || c.0.text() == self.input.as_str());
        let bare;
        let (text, map, revision, current) = if let Some(c) = &coloured {
            (&c.0, c.1.as_ref(), self.revision, !busy)
        } else {
            bare = SpannedText::plain(self.input.to_string());
            (&bare, None, PLAIN_REVISION | self.input.rev(), true)
        };
        let to_input = |r: &std::ops::Range<usize>| map.map(|m| m.range(r));
        let emphasis: Vec<_> = active
            .and_then(|i| self.inspection()?.fields.get(i))
            .and_then(|f| to_input(&f.byte_range))
            .into_iter()
            .collect();
        let scroll_to = self
            .scroll_hex
            .take()
            .and_then(|b| to_input(&(b..b + 1)).map(|r| r.start));
        let opts = HighlightOptions {
            emphasis: &emphasis,
            scroll_to,
            dimmed: busy && !self.input.is_empty(),
            max_height: 160.0,
            editable: Some(current),
            labelled_by: Some(label),
            hint: tr!("inspect.input_hint"),
            ..HighlightOptions::default()
        };
        let r = ui
            .push_id("inspect_hex", |ui| {
                self.hex_view.ui(ui, text, revision, palette, &opts)
            })
            .inner;
        if let Some((range, with)) = r.edit
            && range.end <= self.input.len()
            && self.input.is_char_boundary(range.start)
            && self.input.is_char_boundary(range.end)
        {
            self.input.edit(|s| s.replace_range(range, &with));
            self.changed();
            ui.ctx().request_repaint();
        }
        let (hovered, clicked) = match self.inspection() {
            Some(inspection) => {
                let field = |s: usize| field_at(inspection, map, &text.spans().get(s)?.byte_range);
                (r.hovered.and_then(field), r.clicked.map(field))
            }
            None => (None, None),
        };
        self.hex_hover = hovered;
        if let Some(field) = clicked {
            self.selected_field = field;
            self.scroll_row = field;
        }
        if self.job.is_some() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(tr!("inspect.decoding"));
            });
        }
        if let Some(notice) = &self.notice {
            ui.colored_label(palette.error(), notice.text());
        }
        if let Some(Err(err)) = &self.outcome
            && !self.input.trim().is_empty()
        {
            error_ui(ui, err, palette);
        }
    }

    fn result_ui(&mut self, ui: &mut Ui, ins: &Inspection, palette: Palette) {
        ui.horizontal(|ui| {
            ui.heading(tr(kind_key(ins.kind)));
            match ins.problem() {
                None => badge_ui(ui, tr!("inspect.valid"), palette.ok()),
                Some(_) => badge_ui(ui, tr!("inspect.not_valid"), palette.error()),
            };
        });
        // An address's verdict is drawn in full below; a transaction's problem is summed up here.
        if ins.kind != Kind::Address
            && let Some(problem) = ins.problem()
        {
            ui.colored_label(palette.error(), problem.text());
        }
        ui.add_space(4.0);
        if details::details_ui(ui, ins, palette) {
            self.decimals_ui(ui, palette);
        }
        let from_hex = self.hex_hover;
        ui.add_space(6.0);
        ui.strong(tr!("inspect.fields"));
        let links = table::Links {
            hovered: from_hex,
            selected: self.selected_field,
            scroll_to: self.scroll_row.take(),
        };
        let values = self.worded_values(ins);
        let events = table::fields_table_ui(ui, ins, &values, &links);
        if let Some(i) = events.clicked {
            self.selected_field = (self.selected_field != Some(i)).then_some(i);
            if let Some(f) = ins.fields.get(i) {
                // Scrolled to next frame, in the editor above (mapped onto the input as typed).
                self.scroll_hex = Some(f.byte_range.start);
            }
        }
        let hovered = from_hex.or(events.hovered);
        if hovered != self.hover_field {
            self.hover_field = hovered;
            ui.ctx().request_repaint();
        }
    }

    /// The fields' values in the language in use, worded once per language and outcome.
    fn worded_values(&mut self, ins: &Inspection) -> Arc<Vec<String>> {
        let lang = language();
        if let Some((l, r, values)) = &self.values
            && *l == lang
            && *r == self.revision
        {
            return Arc::clone(values);
        }
        let values = Arc::new(ins.fields.iter().map(|f| f.value.text_in(lang)).collect());
        self.values = Some((lang, self.revision, Arc::clone(&values)));
        values
    }

    fn decimals_ui(&mut self, ui: &mut Ui, palette: Palette) {
        ui.horizontal(|ui| {
            let l = ui.label(tr!("inspect.decimals"));
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.decimals)
                        .desired_width(48.0)
                        .hint_text("18"),
                )
                .labelled_by(l.id);
            if r.changed() {
                self.dirty = true;
            }
            match self.decimals() {
                Ok(_) => ui.weak(tr!("inspect.decimals_hint")),
                Err(()) => ui.colored_label(palette.error(), tr!("inspect.decimals_invalid")),
            };
        });
    }
}

/// The "Load example" buttons.
fn examples_ui(ui: &mut Ui, view: &mut InspectView) {
    ui.horizontal_wrapped(|ui| {
        ui.label(tr!("inspect.examples"));
        for (key, text) in EXAMPLES {
            if ui.button(tr(key)).clicked() {
                view.set_input(text);
            }
        }
    });
}

/// Decode on the UI thread or the worker.
fn decode(input: &str, decimals: Option<u8>) -> Outcome {
    inspect(input, decimals).map(Arc::new)
}

/// Catalogue key of a kind's heading.
fn kind_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Address => key!("inspect.kind.address"),
        Kind::Calldata => key!("inspect.kind.calldata"),
        Kind::Transaction => key!("inspect.kind.transaction"),
    }
}

/// Byte offset into the input of the problem, when the error has one.
pub fn error_offset(err: &InspectError) -> Option<usize> {
    match err {
        InspectError::Hex(HexError::Empty | HexError::PrefixOnly)
        | InspectError::Address(AddressError::Empty)
        | InspectError::Unrecognized { .. }
        | InspectError::Spans(_) => None,
        InspectError::Hex(e) => Some(e.offset()),
        InspectError::Address(
            AddressError::NonHex { at, .. } | AddressError::WrongLength { at, .. },
        ) => Some(*at),
        InspectError::Calldata { input_offset, .. }
        | InspectError::Transaction { input_offset, .. } => Some(*input_offset),
    }
}

/// The error next to the input: what, and where (the byte offset and the input around it, the spot marked).
fn error_ui(ui: &mut Ui, err: &InspectError, palette: Palette) {
    ui.colored_label(palette.error(), format!("× {}", err.words().text()));
    // The place itself is underlined in the editor.
    if let Some(at) = error_offset(err) {
        ui.label(RichText::new(trf!("inspect.error_at", &[("at", &at)])).color(palette.error()));
    }
}
