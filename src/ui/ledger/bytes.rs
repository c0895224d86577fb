//! The canonical bytes of the selected header or transaction, as hex through the shared highlight widget: one
//! span per field (and per length prefix), a hover card with the field's name and value, and links both ways with
//! the form (click a field here to outline its input; point at an input to light up its bytes).

use crate::i18n::{tr, trf};
use crate::ledger::encode::{Encoded, FieldKind, header_bytes, tx_bytes};
use crate::ledger::eth::Address;
use crate::ledger::model::{Chain, Tx};
use crate::ledger::op_kind::TokenKind;
use crate::ledger::types::format_amount;
use crate::text::{Span, SpanKind, SpannedText};
use crate::ui::highlight::{HighlightOptions, HighlightView};
use crate::ui::theme::Palette;

use super::chain::{ChainView, Sel};
use super::fields::address_label;

/// The bytes view's cache: rebuilt only when the selection or its bytes change.
pub struct BytesState {
    view: HighlightView,
    key: Option<(Sel, Vec<u8>)>,
    text: SpannedText,
    /// (field name, hex byte range of its value).
    fields: Vec<(&'static str, std::ops::Range<usize>)>,
    revision: u64,
}

impl Default for BytesState {
    fn default() -> Self {
        Self {
            view: HighlightView::new("ledger_bytes"),
            key: None,
            text: SpannedText::plain(String::new()),
            fields: Vec::new(),
            revision: 0,
        }
    }
}

/// The hex range of bytes `r` in "aa bb cc" text.
fn hex_range(r: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    if r.is_empty() {
        return 3 * r.start..3 * r.start;
    }
    3 * r.start..3 * r.end - 1
}

fn kind_of(k: FieldKind) -> SpanKind {
    match k {
        FieldKind::Prefix => SpanKind::LedgerPrefix,
        FieldKind::Address => SpanKind::LedgerAddress,
        FieldKind::Amount => SpanKind::LedgerAmount,
        FieldKind::Nonce => SpanKind::LedgerNonce,
        FieldKind::Signature => SpanKind::LedgerSignature,
        FieldKind::Hash => SpanKind::LedgerHash,
        FieldKind::Tag | FieldKind::Number => SpanKind::LedgerField,
    }
}

/// What the bytes belong to: the operation's name and the token its amount counts, for transactions.
struct Owner<'a> {
    op: Option<&'a str>,
    /// (decimals, symbol) of the amount.
    unit: (u8, &'a str),
}

/// The value of a field in words: an address with its label, an amount with decimals, a number, a tag's text.
fn describe(chain: &Chain, owner: &Owner<'_>, name: &str, kind: FieldKind, bytes: &[u8]) -> String {
    let be = |b: &[u8]| b.iter().fold(0_u128, |acc, x| (acc << 8) | u128::from(*x));
    match kind {
        FieldKind::Address => {
            let mut a = [0u8; 20];
            if bytes.len() == 20 {
                a.copy_from_slice(bytes);
            }
            let a = Address(a);
            format!(
                "{} ({})",
                a.to_checksum(),
                address_label(&chain.accounts, &a)
            )
        }
        FieldKind::Amount => {
            let v = be(bytes);
            trf(
                "ledger.bytes.amount",
                &[
                    ("raw", &v),
                    ("amount", &format_amount(v, owner.unit.0)),
                    ("symbol", &owner.unit.1),
                ],
            )
        }
        FieldKind::Number if name == "op" => {
            format!("{} = {}", be(bytes), owner.op.unwrap_or_default())
        }
        FieldKind::Nonce | FieldKind::Number => be(bytes).to_string(),
        FieldKind::Tag if name != "op" => String::from_utf8_lossy(bytes).into_owned(),
        _ => format!("0x{}", hex::encode(bytes)),
    }
}

/// The operation name and the unit of the amount of `tx`.
fn owner_of<'a>(chain: &'a Chain, tx: &'a Tx) -> Owner<'a> {
    let token = if tx.op.kind().token() == TokenKind::Rwa {
        &chain.tokens.rwa.token
    } else {
        &chain.tokens.erc20
    };
    Owner {
        op: Some(tx.op.name()),
        unit: (token.decimals, &token.symbol),
    }
}

/// A transaction's canonical bytes as hex, one span per field (the bytes panel's view, for the Overview).
pub fn tx_spanned(chain: &Chain, tx: &Tx) -> SpannedText {
    build(chain, &owner_of(chain, tx), &tx_bytes(tx)).0
}

fn build(
    chain: &Chain,
    owner: &Owner<'_>,
    enc: &Encoded,
) -> (SpannedText, Vec<(&'static str, std::ops::Range<usize>)>) {
    let text = enc
        .bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut spans = Vec::with_capacity(enc.fields.len() * 2);
    let mut fields = Vec::with_capacity(enc.fields.len());
    for f in &enc.fields {
        if let Some(p) = &f.prefix {
            spans.push(
                Span::new(hex_range(p), SpanKind::LedgerPrefix)
                    .with_label(tr("ledger.bytes.prefix"))
                    .with_detail(trf(
                        "ledger.bytes.prefix_detail",
                        &[("name", &f.name), ("n", &f.value.len())],
                    )),
            );
        }
        let range = hex_range(&f.value);
        let value = enc.bytes.get(f.value.clone()).unwrap_or_default();
        spans.push(
            Span::new(range.clone(), kind_of(f.kind))
                .with_label(f.name)
                .with_detail(describe(chain, owner, f.name, f.kind, value)),
        );
        fields.push((f.name, range));
    }
    let text = SpannedText::new(text.clone(), spans).unwrap_or_else(|_| SpannedText::plain(text));
    (text, fields)
}

/// The bottom panel: what is selected, its bytes, and why length prefixes.
pub fn bytes_panel_ui(ui: &mut egui::Ui, v: &mut ChainView) {
    let Some(sel) = v.sel else {
        return;
    };
    let Some(chain) = v.chain.as_ref() else {
        return;
    };
    let Some(block) = chain.blocks.get(sel.block) else {
        v.sel = None;
        return;
    };
    let erc20 = &chain.tokens.erc20;
    let mut owner = Owner {
        op: None,
        unit: (erc20.decimals, &erc20.symbol),
    };
    let (enc, title) = match sel.tx {
        None => (
            header_bytes(block),
            trf("ledger.bytes.header_title", &[("n", &sel.block)]),
        ),
        Some(t) => {
            let Some(tx) = block.txs.get(t) else {
                v.sel = None;
                return;
            };
            owner = owner_of(chain, tx);
            (
                tx_bytes(tx),
                trf("ledger.bytes.tx_title", &[("n", &sel.block), ("t", &t)]),
            )
        }
    };
    let st = &mut v.bytes;
    if st
        .key
        .as_ref()
        .is_none_or(|(s, b)| *s != sel || *b != enc.bytes)
    {
        let (text, fields) = build(chain, &owner, &enc);
        st.text = text;
        st.fields = fields;
        st.key = Some((sel, enc.bytes.clone()));
        st.revision += 1;
    }
    ui.horizontal(|ui| {
        ui.strong(title);
        ui.weak(trf("ledger.bytes.count", &[("n", &enc.bytes.len())]));
        if ui.small_button(tr("ledger.bytes.close")).clicked() {
            v.sel = None;
        }
    });
    ui.weak(if sel.tx.is_some() {
        tr("ledger.bytes.why_prefix")
    } else {
        tr("ledger.bytes.why_fixed")
    });
    let linked = v
        .form_hover
        .filter(|(s, _)| *s == sel)
        .or_else(|| v.bytes_click.filter(|(s, _)| *s == sel))
        .map(|(_, f)| f);
    let emphasis: Vec<_> = st
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
        .ui(ui, &st.text, st.revision, Palette::of(ui), &opts);
    if let Some(i) = resp.clicked
        && let Some(span) = st.text.spans().get(i)
        && let Some((name, _)) = st.fields.iter().find(|(n, _)| *n == span.label())
    {
        v.bytes_click = Some((sel, name));
    }
}
