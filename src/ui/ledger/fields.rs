//! Form inputs shared by the block cards and the compose form: text fields that parse as you type (numbers,
//! amounts with decimals, hashes), account pickers, and the editor of one operation with all its fields. Every
//! input carries a unique AccessKit name ("Block 1 tx 2 amount") and reports which canonical-bytes field it edits,
//! so the bytes view and the form can point at each other.

use egui::{Response, Ui};

use crate::ledger::bytes::address_label;
use crate::ledger::eth::Address;
use crate::ledger::model::{Account, Op};
use crate::ledger::op_kind::OpKind;
use crate::ledger::preview::parse_units;
use crate::ledger::types::{H256, format_amount};
use crate::text::reveal;
use crate::ui::theme::Palette;

/// What the field editors need to know, and where they report links to the bytes view.
pub struct FieldCtx<'a> {
    /// Known accounts, for the pickers.
    pub accounts: &'a [Account],
    /// ERC-20 display decimals.
    pub erc20_decimals: u8,
    /// Permissioned-asset display decimals.
    pub rwa_decimals: u8,
    /// Prefix of every accessible name ("Block 1 tx 2").
    pub prefix: String,
    /// The canonical field to outline (clicked in the bytes view).
    pub emphasis: Option<&'static str>,
    /// Set to the canonical field under the pointer or being edited.
    pub hovered: Option<&'static str>,
}

impl FieldCtx<'_> {
    pub fn name_of(&self, field: &str) -> String {
        format!("{} {field}", self.prefix)
    }

    /// Outline the widget when it is the emphasised field; note it when hovered or focused.
    pub fn link(&mut self, ui: &Ui, r: &Response, field: &'static str) {
        if self.emphasis == Some(field) {
            let p = Palette::of(ui);
            ui.painter().rect_stroke(
                r.rect.expand(2.0),
                3.0,
                p.emphasis_stroke(),
                egui::StrokeKind::Outside,
            );
        }
        if r.hovered() || r.has_focus() {
            self.hovered = Some(field);
        }
    }
}

/// A single-line text input showing `fmt(value)`; while focused it keeps what was typed, and every keystroke that
/// parses updates `value`. Returns whether `value` changed.
pub fn parsed_edit_ui<T: PartialEq>(
    ui: &mut Ui,
    name: &str,
    value: &mut T,
    width: f32,
    fmt: impl Fn(&T) -> String,
    parse: impl Fn(&str) -> Option<T>,
) -> (bool, Response) {
    let id = ui.make_persistent_id(name);
    let focused = ui.memory(|m| m.has_focus(id));
    let shown = fmt(value);
    let mut text = if focused {
        ui.data(|d| d.get_temp::<String>(id)).unwrap_or(shown)
    } else {
        shown
    };
    let r = ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .id(id)
                .desired_width(width)
                .font(egui::TextStyle::Monospace),
        )
        .accessible_name(name);
    let mut changed = false;
    if r.changed() {
        if let Some(v) = parse(&text)
            && v != *value
        {
            *value = v;
            changed = true;
        }
        ui.data_mut(|d| d.insert_temp(id, text.clone()));
    }
    if focused && parse(&text).is_none() {
        let p = Palette::of(ui);
        ui.painter().rect_stroke(
            r.rect.expand(1.0),
            2.0,
            egui::Stroke::new(1.5, p.error()),
            egui::StrokeKind::Outside,
        );
    }
    if r.lost_focus() {
        ui.data_mut(|d| d.remove::<String>(id));
    }
    (changed, r)
}

/// A whole number.
pub fn u64_edit_ui(ui: &mut Ui, name: &str, value: &mut u64, width: f32) -> (bool, Response) {
    parsed_edit_ui(ui, name, value, width, u64::to_string, |t| {
        t.trim().parse().ok()
    })
}

/// A 32-byte hash as 0x-hex.
pub fn hash_edit_ui(ui: &mut Ui, name: &str, value: &mut H256) -> (bool, Response) {
    parsed_edit_ui(ui, name, value, 560.0, H256::to_hex, |t| {
        H256::parse(t).ok()
    })
}

/// A recoverable signature `r ‖ s ‖ v` as 0x + 130 hex digits (scrolls inside a narrow field).
pub fn sig_edit_ui(ui: &mut Ui, name: &str, value: &mut crate::ledger::Sig) -> (bool, Response) {
    parsed_edit_ui(
        ui,
        name,
        value,
        120.0,
        |s| format!("0x{}", hex::encode(s.0)),
        |t| {
            crate::ledger::types::parse_fixed::<65>(t, "signature")
                .ok()
                .map(crate::ledger::Sig)
        },
    )
}

/// An amount shown with `decimals` decimals.
pub fn amount_edit_ui(ui: &mut Ui, name: &str, value: &mut u128, decimals: u8) -> (bool, Response) {
    parsed_edit_ui(
        ui,
        name,
        value,
        100.0,
        |v| format_amount(*v, decimals),
        |t| parse_units(t, decimals),
    )
}

/// Pick an address among the known accounts (and the zero address). Returns whether it changed.
pub fn address_pick_ui(
    ui: &mut Ui,
    name: &str,
    accounts: &[Account],
    value: &mut Address,
) -> (bool, Response) {
    let before = *value;
    let r = egui::ComboBox::from_id_salt(name)
        .selected_text(address_label(accounts, value).text())
        .width(90.0)
        .show_ui(ui, |ui| {
            for acc in accounts {
                ui.selectable_value(value, acc.address, reveal(&acc.label))
                    .on_hover_text(acc.address.to_checksum());
            }
            ui.selectable_value(value, Address([0; 20]), tr!("ledger.zero_address"));
        })
        .response
        .accessible_name(name)
        .on_hover_text(value.to_checksum());
    (*value != before, r)
}

/// The operation kind picker and every field of the operation. Returns whether anything changed.
pub fn op_ui(ui: &mut Ui, cx: &mut FieldCtx<'_>, op: &mut Op) -> bool {
    let mut changed = false;
    let kind_name = cx.name_of("operation");
    let mut kind = op.kind();
    let r = egui::ComboBox::from_id_salt(&kind_name)
        .selected_text(kind.name())
        .width(135.0)
        .height(480.0)
        .show_ui(ui, |ui| {
            for &k in OpKind::ALL {
                ui.selectable_value(&mut kind, k, k.name());
            }
        })
        .response
        .accessible_name(&kind_name);
    cx.link(ui, &r, "op");
    if kind != op.kind() {
        *op = kind.make(op);
        changed = true;
    }
    let (e20, rwa) = (cx.erc20_decimals, cx.rwa_decimals);
    match op {
        Op::Mint { to, amount } | Op::Transfer { to, amount } => {
            changed |= addr_ui(ui, cx, "to", "to", to);
            changed |= amt_ui(ui, cx, amount, e20);
        }
        Op::RwaMint { to, amount } | Op::RwaTransfer { to, amount } => {
            changed |= addr_ui(ui, cx, "to", "to", to);
            changed |= amt_ui(ui, cx, amount, rwa);
        }
        Op::Approve { spender, amount } => {
            changed |= addr_ui(ui, cx, "spender", "spender", spender);
            changed |= amt_ui(ui, cx, amount, e20);
        }
        Op::TransferFrom { owner, to, amount } => {
            changed |= addr_ui(ui, cx, "owner", "owner", owner);
            changed |= addr_ui(ui, cx, "to", "to", to);
            changed |= amt_ui(ui, cx, amount, e20);
        }
        Op::Burn { amount } => changed |= amt_ui(ui, cx, amount, e20),
        Op::NftMint { to, token_id } => {
            changed |= addr_ui(ui, cx, "to", "to", to);
            changed |= id_ui(ui, cx, token_id);
        }
        Op::NftTransfer { from, to, token_id } => {
            changed |= addr_ui(ui, cx, "holder", "token_from", from);
            changed |= addr_ui(ui, cx, "to", "to", to);
            changed |= id_ui(ui, cx, token_id);
        }
        Op::NftApprove { approved, token_id } => {
            changed |= addr_ui(ui, cx, "approved", "approved", approved);
            changed |= id_ui(ui, cx, token_id);
        }
        Op::NftSetApprovalForAll { operator, approved } => {
            changed |= addr_ui(ui, cx, "operator", "operator", operator);
            changed |= flag_ui(ui, cx, "approved", approved);
        }
        Op::RwaRegister { investor, country } => {
            changed |= addr_ui(ui, cx, "investor", "investor", investor);
            let mut c = u64::from(*country);
            let name = cx.name_of("country");
            ui.weak(tr!("ledger.field.country"));
            let (ch, r) = u64_edit_ui(ui, &name, &mut c, 40.0);
            cx.link(ui, &r, "country");
            if ch && let Ok(v) = u16::try_from(c) {
                *country = v;
                changed = true;
            }
        }
        Op::RwaUnregister { investor } => {
            changed |= addr_ui(ui, cx, "investor", "investor", investor);
        }
        Op::RwaBurn { from, amount } => {
            changed |= addr_ui(ui, cx, "account", "account", from);
            changed |= amt_ui(ui, cx, amount, rwa);
        }
        Op::RwaFreeze { account, frozen } => {
            changed |= addr_ui(ui, cx, "account", "account", account);
            changed |= flag_ui(ui, cx, "frozen", frozen);
        }
        Op::RwaFreezeTokens { account, amount } | Op::RwaUnfreezeTokens { account, amount } => {
            changed |= addr_ui(ui, cx, "account", "account", account);
            changed |= amt_ui(ui, cx, amount, rwa);
        }
        Op::RwaPause { paused } => changed |= flag_ui(ui, cx, "paused", paused),
        Op::RwaForcedTransfer { from, to, amount } => {
            changed |= addr_ui(ui, cx, "account", "account", from);
            changed |= addr_ui(ui, cx, "to", "to", to);
            changed |= amt_ui(ui, cx, amount, rwa);
        }
        Op::RwaRecover { lost, new } => {
            changed |= addr_ui(ui, cx, "lost", "lost", lost);
            changed |= addr_ui(ui, cx, "new", "new", new);
        }
    }
    changed
}

fn addr_ui(
    ui: &mut Ui,
    cx: &mut FieldCtx<'_>,
    label: &str,
    field: &'static str,
    value: &mut Address,
) -> bool {
    ui.weak(label);
    let name = cx.name_of(label);
    let (changed, r) = address_pick_ui(ui, &name, cx.accounts, value);
    cx.link(ui, &r, field);
    changed
}

fn amt_ui(ui: &mut Ui, cx: &mut FieldCtx<'_>, value: &mut u128, decimals: u8) -> bool {
    ui.weak(tr!("ledger.field.amount"));
    let name = cx.name_of("amount");
    let (changed, r) = amount_edit_ui(ui, &name, value, decimals);
    cx.link(ui, &r, "amount");
    changed
}

fn id_ui(ui: &mut Ui, cx: &mut FieldCtx<'_>, value: &mut u64) -> bool {
    ui.weak(tr!("ledger.field.token_id"));
    let name = cx.name_of("token id");
    let (changed, r) = u64_edit_ui(ui, &name, value, 40.0);
    cx.link(ui, &r, "token_id");
    changed
}

fn flag_ui(ui: &mut Ui, cx: &mut FieldCtx<'_>, label: &'static str, value: &mut bool) -> bool {
    let name = cx.name_of(label);
    let r = ui.checkbox(value, label).accessible_name(&name);
    cx.link(ui, &r, label);
    r.changed()
}
