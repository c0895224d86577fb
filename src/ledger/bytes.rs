//! The canonical bytes of a header or transaction as hex text ("aa bb cc") with one span per field value and per
//! length prefix, each described in words not yet worded (an address with its label, an amount with its decimals
//! and symbol), for the Chain view's bytes panel and the Overview's example.
//!
//! A span carries its label and detail itself (`text::Note`), worded when the hover card is drawn. A value span is
//! labelled with its field name as text (the same in every language) and its tag is the index of its field in
//! [`HexFields::fields`]: code finds a span's field through the tag ([`HexFields::field_of_span`]), never through the
//! label. A length prefix is labelled in words and has no tag.

use std::ops::Range;

use super::encode::{Encoded, FieldKind, tx_bytes};
use super::model::{Account, Chain, Tx};
use super::op_kind::TokenKind;
use super::types::{Address, format_amount};
use crate::i18n::Words;
use crate::text::{Span, SpanKind, SpannedText, reveal};

/// Canonical bytes as spanned hex, with where each field's value lies in the text.
#[derive(Clone, Debug)]
pub struct HexFields {
    /// The bytes: what the cache of a view compares to know whether to build again.
    pub bytes: Vec<u8>,
    /// The hex text with its spans: a value span is labelled with its field name and tagged with its index in
    /// `fields`; every span's detail is words, worded when shown.
    pub text: SpannedText,
    /// (field name, byte range of its value's hex in `text`), in encoding order.
    pub fields: Vec<(&'static str, Range<usize>)>,
}

impl HexFields {
    /// The field whose value span `index` (into the spans of `text`) is; `None` for a length prefix.
    pub fn field_of_span(&self, index: usize) -> Option<&(&'static str, Range<usize>)> {
        let tag = self.text.spans().get(index)?.tag?;
        self.fields.get(usize::try_from(tag).ok()?)
    }
}

/// A person's name for an address: the account label (with hidden characters shown), "zero address", or the
/// short hex.
pub fn address_label(accounts: &[Account], a: &Address) -> Words {
    if let Some(acc) = accounts.iter().find(|acc| acc.address == *a) {
        return Words::verbatim(reveal(&acc.label));
    }
    if *a == Address::ZERO {
        return words!("ledger.zero_address");
    }
    Words::verbatim(a.short())
}

/// `enc`, the canonical bytes of a block header (`tx: None`) or of `tx`, as spanned hex. Amounts count `tx`'s
/// token, header fields the ERC-20's.
pub fn hex_fields(chain: &Chain, tx: Option<&Tx>, enc: Encoded) -> HexFields {
    let erc20 = &chain.tokens.erc20;
    let owner = tx.map_or(
        Owner {
            op: None,
            unit: (erc20.decimals, &erc20.symbol),
        },
        |tx| owner_of(chain, tx),
    );
    build(chain, &owner, enc)
}

/// The canonical bytes of `tx`, as spanned hex.
pub fn tx_hex(chain: &Chain, tx: &Tx) -> HexFields {
    build(chain, &owner_of(chain, tx), tx_bytes(tx))
}

/// The hex range of bytes `r` in "aa bb cc" text.
fn hex_range(r: &Range<usize>) -> Range<usize> {
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

/// The value of a field in words: an address with its label, an amount with decimals, a number, a tag's text.
fn describe(chain: &Chain, owner: &Owner<'_>, name: &str, kind: FieldKind, bytes: &[u8]) -> Words {
    let be = |b: &[u8]| b.iter().fold(0_u128, |acc, x| (acc << 8) | u128::from(*x));
    match kind {
        FieldKind::Address => {
            let mut a = [0u8; 20];
            if bytes.len() == 20 {
                a.copy_from_slice(bytes);
            }
            let a = Address(a);
            words!("ledger.bytes.address")
                .with("address", a.to_checksum())
                .with_words("label", address_label(&chain.accounts, &a))
        }
        FieldKind::Amount => {
            let v = be(bytes);
            words!("ledger.bytes.amount")
                .with("raw", v)
                .with("amount", format_amount(v, owner.unit.0))
                .with("symbol", owner.unit.1)
        }
        FieldKind::Number if name == "op" => {
            Words::verbatim(format!("{} = {}", be(bytes), owner.op.unwrap_or_default()))
        }
        FieldKind::Nonce | FieldKind::Number => Words::verbatim(be(bytes)),
        FieldKind::Tag if name != "op" => Words::verbatim(String::from_utf8_lossy(bytes)),
        FieldKind::Tag | FieldKind::Prefix | FieldKind::Hash | FieldKind::Signature => {
            Words::verbatim(format!("0x{}", hex::encode(bytes)))
        }
    }
}

fn build(chain: &Chain, owner: &Owner<'_>, enc: Encoded) -> HexFields {
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
                    .with_label(words!("ledger.bytes.prefix"))
                    .with_detail(
                        words!("ledger.bytes.prefix_detail")
                            .with("name", f.name)
                            .with("n", f.value.len()),
                    ),
            );
        }
        let range = hex_range(&f.value);
        let value = enc.bytes.get(f.value.clone()).unwrap_or_default();
        spans.push(
            Span::new(range.clone(), kind_of(f.kind))
                .with_label(f.name)
                .with_detail(describe(chain, owner, f.name, f.kind, value))
                .with_tag(fields.len() as u64),
        );
        fields.push((f.name, range));
    }
    let text = SpannedText::new(text.clone(), spans).unwrap_or_else(|_| SpannedText::plain(text));
    HexFields {
        bytes: enc.bytes,
        text,
        fields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::ledger::demo::{DemoParams, build_demo};

    /// The English and Chinese detail of the span labelled `name`.
    fn detail_of(hex: &HexFields, name: &str) -> (String, String) {
        let span = hex.text.spans().iter().find(|s| s.label() == name).unwrap();
        let detail = span.detail_note().unwrap();
        (
            detail.text_in(Lang::En).into_owned(),
            detail.text_in(Lang::Zh).into_owned(),
        )
    }

    #[test]
    fn every_field_is_a_span_over_its_hex_described_in_words() {
        let chain = build_demo(&DemoParams::default()).unwrap();
        let tx = &chain.blocks[1].txs[0];
        let hex = tx_hex(&chain, tx);
        assert_eq!(hex.text.text().len(), 3 * hex.bytes.len() - 1);
        // Each value span finds its field through its tag; a length prefix has none, and its label is words.
        let mut found = Vec::new();
        for (i, span) in hex.text.spans().iter().enumerate() {
            if let Some((name, range)) = hex.field_of_span(i) {
                assert_eq!(&span.byte_range, range, "{name}");
                assert_eq!(span.label(), *name);
                found.push(*name);
            } else {
                assert_eq!(span.kind, SpanKind::LedgerPrefix);
                assert!(span.label_note().and_then(|n| n.words()).is_some());
            }
        }
        let names: Vec<_> = hex.fields.iter().map(|(n, _)| *n).collect();
        assert_eq!(found, names);
        let (en, zh) = detail_of(&hex, "from");
        assert!(en.contains(&tx.from.to_checksum()), "{en}");
        assert!(zh.contains(&tx.from.to_checksum()), "{zh}");
        let enc = crate::ledger::encode::header_bytes(&chain.blocks[1]);
        let header = hex_fields(&chain, None, enc.clone());
        assert_eq!(header.bytes, enc.bytes);
        let nonce = chain.blocks[1].nonce.to_string();
        assert_eq!(detail_of(&header, "nonce"), (nonce.clone(), nonce));
    }
}
