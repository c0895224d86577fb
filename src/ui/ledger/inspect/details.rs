//! The verdicts by kind: an address's EIP-55 checksum (wrong-case letters marked, the fixed form to copy), calldata's
//! function and arguments, and a transaction's envelope, fees, value, calldata, hashes and recovered sender.

use egui::text::{LayoutJob, TextFormat};
use egui::{Grid, RichText, Ui};

use crate::i18n::{Worded as _, tr};
use crate::ledger::eth::{
    AddressCheck, Calldata, Checksum, Detail, Inspection, Sender, Transaction, U256, format_units,
};
use crate::ui::theme::Palette;
use crate::ui::widgets::copy_button_ui;

/// Draw the verdicts for `ins`. Returns whether the token's decimals are unknown (so the caller offers an input).
pub(super) fn details_ui(ui: &mut Ui, ins: &Inspection, palette: Palette) -> bool {
    match &ins.detail {
        Detail::Address(check) => {
            address_ui(ui, ins, check, palette);
            false
        }
        Detail::Calldata(calldata) => {
            calldata_ui(ui, calldata);
            true
        }
        Detail::Transaction(tx) => {
            transaction_ui(ui, tx, palette);
            tx.calldata.is_some() && tx.token.is_none()
        }
    }
}

fn address_ui(ui: &mut Ui, ins: &Inspection, check: &AddressCheck, palette: Palette) {
    match &check.checksum {
        Checksum::Valid => {
            ui.colored_label(palette.ok(), tr!("inspect.checksum_valid"));
        }
        Checksum::None { .. } => {
            ui.colored_label(palette.warn(), tr!("inspect.checksum_none"));
            ui.horizontal(|ui| {
                ui.label(tr!("inspect.checksummed"));
                let full = check.address.to_checksum();
                ui.monospace(&full);
                copy_button_ui(ui, tr!("inspect.copy"), &full);
            });
        }
        Checksum::Invalid { wrong_case, fixed } => {
            ui.colored_label(
                palette.error(),
                trf!("inspect.checksum_invalid", &[("n", &wrong_case.len())]),
            );
            // The pasted address with each wrong-case letter in red and underlined.
            let shown = ins.text.text();
            let marked: Vec<usize> = wrong_case
                .iter()
                .map(|&at| at + 2 - check.digits_range.start)
                .collect();
            let mono = egui::TextStyle::Monospace.resolve(ui.style());
            let mut job = LayoutJob::default();
            for (i, c) in shown.char_indices() {
                let mut format = TextFormat::simple(mono.clone(), palette.text());
                if marked.contains(&i) {
                    format.color = palette.error();
                    format.underline = egui::Stroke::new(2.0, palette.error());
                }
                job.append(c.encode_utf8(&mut [0; 4]), 0.0, format);
            }
            ui.horizontal(|ui| {
                ui.label(tr!("inspect.as_pasted"));
                ui.label(job);
            });
            ui.horizontal(|ui| {
                ui.label(tr!("inspect.fixed"));
                ui.monospace(fixed);
                copy_button_ui(ui, tr!("inspect.copy"), fixed);
            });
        }
    }
}

fn calldata_ui(ui: &mut Ui, calldata: &Calldata) {
    Grid::new("inspect_calldata")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| calldata_rows_ui(ui, calldata));
}

/// The function and argument rows of calldata, inside a two-column grid.
fn calldata_rows_ui(ui: &mut Ui, calldata: &Calldata) {
    ui.label(tr!("inspect.function"));
    match calldata.function {
        Some(f) => ui.monospace(format!("{}  ({})", f.signature(), f.standard)),
        None => ui.label(trf!(
            "inspect.unknown_selector",
            &[("selector", &hex::encode(calldata.selector))],
        )),
    };
    ui.end_row();
    for arg in &calldata.args {
        ui.label(format!("{} ({})", arg.name, arg.sol_type));
        ui.label(crate::text::reveal(&arg.display.text()).into_owned());
        ui.end_row();
    }
}

fn gwei(v: U256) -> String {
    format!("{} gwei", format_units(v, 9))
}

fn transaction_ui(ui: &mut Ui, tx: &Transaction, palette: Palette) {
    Grid::new("inspect_tx")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            let row = |ui: &mut Ui, key: &str, value: String| {
                ui.label(tr(key));
                ui.label(value);
                ui.end_row();
            };
            row(
                ui,
                key!("inspect.tx.type"),
                format!("0x{:02x} · {}", tx.tx_type.number(), tx.tx_type.name()),
            );
            row(
                ui,
                key!("inspect.tx.chain"),
                tx.chain_id
                    .map_or_else(|| tr!("inspect.tx.no_chain").to_owned(), |c| c.to_string()),
            );
            row(ui, key!("inspect.tx.nonce"), tx.nonce.to_string());
            if let Some(p) = tx.gas_price {
                row(ui, key!("inspect.tx.gas_price"), gwei(p));
            }
            if let Some(p) = tx.max_priority_fee_per_gas {
                row(ui, key!("inspect.tx.priority_fee"), gwei(p));
            }
            if let Some(p) = tx.max_fee_per_gas {
                row(ui, key!("inspect.tx.max_fee"), gwei(p));
            }
            row(ui, key!("inspect.tx.gas_limit"), tx.gas_limit.to_string());
            let to = match (tx.to, tx.token) {
                (None, _) => tr!("inspect.tx.create").to_owned(),
                (Some(a), None) => a.to_checksum(),
                (Some(a), Some(t)) => format!("{a} ({})", t.symbol),
            };
            row(ui, key!("inspect.tx.to"), to);
            row(
                ui,
                key!("inspect.tx.value"),
                format!("{} ETH", format_units(tx.value, 18)),
            );
            match (&tx.calldata, &tx.calldata_error) {
                (Some(c), _) => calldata_rows_ui(ui, c),
                (None, Some(e)) => row(ui, key!("inspect.tx.data"), e.words().text()),
                (None, None) => row(
                    ui,
                    key!("inspect.tx.data"),
                    trf!("inspect.tx.data_bytes", &[("n", &tx.data.len())]),
                ),
            }
            hash_row_ui(ui, key!("inspect.tx.signing_hash"), &tx.signing_hash);
            hash_row_ui(ui, key!("inspect.tx.hash"), &tx.hash);
            ui.label(tr!("inspect.tx.from"));
            sender_ui(ui, &tx.sender, palette);
            ui.end_row();
        });
}

fn hash_row_ui(ui: &mut Ui, key: &str, hash: &[u8; 32]) {
    let text = format!("0x{}", hex::encode(hash));
    ui.label(tr(key));
    ui.horizontal(|ui| {
        ui.monospace(&text);
        copy_button_ui(ui, tr!("inspect.copy"), &text);
    });
    ui.end_row();
}

fn sender_ui(ui: &mut Ui, sender: &Sender, palette: Palette) {
    ui.vertical(|ui| match sender {
        Sender::Recovered { address } => {
            let text = address.to_checksum();
            ui.horizontal(|ui| {
                ui.label(RichText::new(&text).monospace().color(palette.ok()));
                copy_button_ui(ui, tr!("inspect.copy"), &text);
            });
            ui.weak(tr!("inspect.tx.recovered"));
        }
        Sender::HighS { .. } => {
            ui.colored_label(palette.error(), tr!("inspect.tx.high_s"));
            ui.colored_label(palette.error(), sender.describe().text());
        }
        Sender::Invalid { .. } => {
            ui.colored_label(palette.error(), tr!("inspect.tx.unrecoverable"));
            ui.colored_label(palette.error(), sender.describe().text());
        }
    });
}
