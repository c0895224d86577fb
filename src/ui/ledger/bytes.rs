//! The bottom panel: the canonical bytes of the selected header or transaction as hex through the shared highlight
//! widget, with links both ways with the form (click a field here to outline its input; point at an input to light
//! up its bytes). Thin: the spans and their descriptions come from `crate::ledger::bytes`; the widget's own hover
//! card words them, and a clicked span names its field through its tag (`HexFields::field_of_span`).

use crate::ledger::bytes::{HexFields, hex_fields};
use crate::ledger::encode::{header_bytes, tx_bytes};
use crate::ui::highlight::{HighlightOptions, HighlightView};
use crate::ui::theme::Palette;

use super::action::ChainAction;
use super::chain::{ChainCtx, Sel};

/// The bytes view's cache: rebuilt only when the selection or its bytes change.
pub struct BytesState {
    view: HighlightView,
    /// What `hex` shows, and its revision for the widget.
    shown: Option<(Sel, HexFields)>,
    revision: u64,
}

impl Default for BytesState {
    fn default() -> Self {
        Self {
            view: HighlightView::new("ledger_bytes"),
            shown: None,
            revision: 0,
        }
    }
}

/// The bottom panel: what `sel` is, its bytes, and why length prefixes. Asks to close the panel, or to outline
/// the input of a field clicked.
pub fn bytes_panel_ui(
    ui: &mut egui::Ui,
    st: &mut BytesState,
    cx: &ChainCtx<'_>,
    sel: Sel,
) -> Option<ChainAction> {
    let chain = cx.chain?;
    let Some(block) = chain.blocks.get(sel.block) else {
        return Some(ChainAction::CloseBytes);
    };
    let (tx, enc, title) = match sel.tx {
        None => (
            None,
            header_bytes(block),
            trf!("ledger.bytes.header_title", &[("n", &sel.block)]),
        ),
        Some(t) => {
            let Some(tx) = block.txs.get(t) else {
                return Some(ChainAction::CloseBytes);
            };
            (
                Some(tx),
                tx_bytes(tx),
                trf!("ledger.bytes.tx_title", &[("n", &sel.block), ("t", &t)]),
            )
        }
    };
    let count = enc.bytes.len();
    if st
        .shown
        .as_ref()
        .is_none_or(|(s, hex)| *s != sel || hex.bytes != enc.bytes)
    {
        st.shown = Some((sel, hex_fields(chain, tx, enc)));
        st.revision += 1;
    }
    let (_, hex) = st.shown.as_ref()?;
    let mut action = None;
    ui.horizontal(|ui| {
        ui.strong(title);
        ui.weak(trf!("ledger.bytes.count", &[("n", &count)]));
        if ui.small_button(tr!("ledger.bytes.close")).clicked() {
            action = Some(ChainAction::CloseBytes);
        }
    });
    ui.weak(if sel.tx.is_some() {
        tr!("ledger.bytes.why_prefix")
    } else {
        tr!("ledger.bytes.why_fixed")
    });
    let linked = cx
        .form_hover
        .filter(|(s, _)| *s == sel)
        .or_else(|| cx.bytes_click.filter(|(s, _)| *s == sel))
        .map(|(_, f)| f);
    let emphasis: Vec<_> = hex
        .fields
        .iter()
        .filter(|(name, _)| Some(*name) == linked)
        .map(|(_, r)| r.clone())
        .collect();
    let opts = HighlightOptions {
        emphasis: &emphasis,
        max_height: ui.available_height().max(60.0),
        ..HighlightOptions::default()
    };
    let resp = st
        .view
        .ui(ui, &hex.text, st.revision, Palette::of(ui), &opts);
    if let Some(i) = resp.clicked
        && let Some((name, _)) = hex.field_of_span(i)
    {
        action = action.or(Some(ChainAction::ClickField(sel, name)));
    }
    action
}
