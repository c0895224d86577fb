//! The side panels: accounts with balances, nonces and allowances; the fungible token with its supply over blocks;
//! the NFT gallery; the permissioned real-world asset with its registry, freezes, pause and rules; the event log.
//! Everything comes from the latest validation report's replayed state.

use egui::Ui;

use crate::i18n::{join_list, tr};
use crate::ledger::Report;
use crate::ledger::bytes::address_label;
use crate::ledger::model::Chain;
use crate::ledger::types::format_amount;
use crate::text::reveal;

/// Events listed at most (the newest).
const MAX_EVENTS: usize = 500;

/// Accounts listed at most (in order of first appearance).
const MAX_ROWS: usize = 200;

/// All panels, each a collapsing section.
pub fn panels_ui(ui: &mut Ui, chain: Option<&Chain>, report: Option<&Report>) {
    let (Some(chain), Some(report)) = (chain, report) else {
        return;
    };
    egui::CollapsingHeader::new(tr!("ledger.accounts"))
        .default_open(true)
        .show(ui, |ui| accounts_ui(ui, chain, report));
    egui::CollapsingHeader::new(tr!("ledger.erc20"))
        .default_open(true)
        .show(ui, |ui| fungible_ui(ui, chain, report));
    egui::CollapsingHeader::new(tr!("ledger.nfts"))
        .default_open(false)
        .show(ui, |ui| nft_ui(ui, chain, report));
    egui::CollapsingHeader::new(tr!("ledger.rwa"))
        .default_open(false)
        .show(ui, |ui| rwa_ui(ui, chain, report));
    egui::CollapsingHeader::new(tr!("ledger.events"))
        .default_open(false)
        .show(ui, |ui| events_ui(ui, chain, report));
}

fn accounts_ui(ui: &mut Ui, chain: &Chain, report: &Report) {
    let dec = chain.tokens.erc20.decimals;
    egui::Grid::new("ledger_accounts")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for key in [
                key!("ledger.col.account"),
                key!("ledger.col.address"),
                key!("ledger.col.balance"),
                key!("ledger.col.nonce"),
                key!("ledger.col.nfts"),
            ] {
                ui.strong(tr(key));
            }
            ui.end_row();
            for acc in report.state.accounts().iter().take(MAX_ROWS) {
                ui.label(address_label(&chain.accounts, &acc.address).text());
                ui.monospace(acc.address.short())
                    .on_hover_text(acc.address.to_checksum());
                ui.monospace(format_amount(acc.balance, dec));
                ui.monospace(acc.nonce.to_string());
                ui.monospace(acc.nfts.to_string());
                ui.end_row();
            }
        });
    let n = report.state.accounts().len();
    if n > MAX_ROWS {
        ui.weak(trf!("ledger.accounts.more", &[("n", &(n - MAX_ROWS))]));
    }
    let allowances = report.state.allowances();
    if !allowances.is_empty() {
        ui.strong(tr!("ledger.allowances"));
        for (owner, spender, amount) in allowances {
            ui.label(trf!(
                "ledger.allowance",
                &[
                    ("owner", &address_label(&chain.accounts, &owner).text()),
                    ("spender", &address_label(&chain.accounts, &spender).text()),
                    ("amount", &format_amount(amount, dec)),
                ],
            ));
        }
    }
}

fn fungible_ui(ui: &mut Ui, chain: &Chain, report: &Report) {
    let t = &chain.tokens.erc20;
    ui.label(trf!(
        "ledger.erc20.info",
        &[
            ("name", &t.name),
            ("symbol", &t.symbol),
            ("decimals", &t.decimals),
        ],
    ));
    ui.label(trf!(
        "ledger.supply",
        &[
            (
                "supply",
                &format_amount(report.state.erc20_supply, t.decimals),
            ),
            ("symbol", &t.symbol),
        ],
    ));
    let scale = 10_f64.powi(i32::from(t.decimals));
    let points: Vec<[f64; 2]> = report
        .supply
        .iter()
        .enumerate()
        .map(|(i, s)| [i as f64, s.erc20 as f64 / scale])
        .collect();
    let rscale = 10_f64.powi(i32::from(chain.tokens.rwa.token.decimals));
    let rwa: Vec<[f64; 2]> = report
        .supply
        .iter()
        .enumerate()
        .map(|(i, s)| [i as f64, s.rwa as f64 / rscale])
        .collect();
    egui_plot::Plot::new("ledger_supply")
        .height(140.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .legend(egui_plot::Legend::default())
        .show(ui, |plot| {
            plot.line(egui_plot::Line::new(reveal(&t.symbol), points));
            plot.line(egui_plot::Line::new(
                reveal(&chain.tokens.rwa.token.symbol),
                rwa,
            ));
        });
    ui.weak(tr!("ledger.supply_chart"));
}

fn nft_ui(ui: &mut Ui, chain: &Chain, report: &Report) {
    let n = &chain.tokens.nft;
    ui.label(format!("{} ({})", reveal(&n.name), reveal(&n.symbol)));
    let nfts = report.state.nfts();
    if nfts.is_empty() {
        ui.weak(tr!("ledger.nfts.none"));
    }
    egui::Grid::new("ledger_nfts").striped(true).show(ui, |ui| {
        for (id, owner) in nfts {
            ui.monospace(format!("#{id}"));
            ui.label(address_label(&chain.accounts, &owner).text());
            if let Some(a) = report.state.nft_approved(id) {
                ui.weak(trf!(
                    "ledger.nfts.approved",
                    &[("who", &address_label(&chain.accounts, &a).text())],
                ));
            }
            ui.end_row();
        }
    });
}

fn rwa_ui(ui: &mut Ui, chain: &Chain, report: &Report) {
    let r = &chain.tokens.rwa;
    let dec = r.token.decimals;
    ui.label(format!("{} ({})", r.token.name, r.token.symbol));
    ui.weak(&r.asset);
    ui.label(trf!(
        "ledger.supply",
        &[
            ("supply", &format_amount(report.state.rwa_supply, dec)),
            ("symbol", &r.token.symbol),
        ],
    ));
    if report.state.rwa_paused {
        ui.colored_label(
            crate::ui::theme::Palette::of(ui).warn(),
            tr!("ledger.rwa.paused"),
        );
    }
    ui.strong(tr!("ledger.rwa.registry"));
    egui::Grid::new("ledger_rwa").striped(true).show(ui, |ui| {
        for acc in report.state.accounts().iter().take(MAX_ROWS) {
            let listed = acc.rwa_country.is_some() || acc.rwa_balance > 0 || acc.rwa_frozen;
            if !listed {
                continue;
            }
            ui.label(address_label(&chain.accounts, &acc.address).text());
            ui.label(acc.rwa_country.map_or_else(
                || tr!("ledger.rwa.unverified").to_owned(),
                |c| trf!("ledger.rwa.country", &[("c", &c)]),
            ));
            ui.monospace(format_amount(acc.rwa_balance, dec));
            let mut flags = Vec::new();
            if acc.rwa_frozen {
                flags.push(tr!("ledger.rwa.wallet_frozen").to_owned());
            }
            if acc.rwa_frozen_tokens > 0 {
                flags.push(trf!(
                    "ledger.rwa.tokens_frozen",
                    &[("n", &format_amount(acc.rwa_frozen_tokens, dec))],
                ));
            }
            ui.label(join_list(&flags));
            ui.end_row();
        }
    });
    ui.strong(tr!("ledger.rwa.rules_title"));
    ui.label(tr!("ledger.rwa.rules"));
}

fn events_ui(ui: &mut Ui, chain: &Chain, report: &Report) {
    let events = &report.events;
    let start = events.len().saturating_sub(MAX_EVENTS);
    if events.is_empty() {
        ui.weak(tr!("ledger.events.none"));
    }
    let row_h = ui.text_style_height(&egui::TextStyle::Monospace);
    egui::ScrollArea::vertical()
        .id_salt("ledger_events")
        .max_height(240.0)
        .show_rows(ui, row_h, events.len() - start, |ui, rows| {
            for e in &events[start + rows.start..start + rows.end] {
                ui.monospace(event_text(chain, e));
            }
        });
}

/// "b1 t2 transfer(from=Alice, to=Bob, value=100)", addresses named.
fn event_text(chain: &Chain, e: &crate::ledger::Event) -> String {
    let Ok(serde_json::Value::Object(map)) = serde_json::to_value(&e.kind) else {
        return String::new();
    };
    let mut name = String::new();
    let mut args = Vec::new();
    for (k, v) in map {
        let text = match &v {
            serde_json::Value::String(s) => match crate::ledger::eth::Address::parse(s) {
                Ok(a) if s.len() == 42 => address_label(&chain.accounts, &a.address).text(),
                _ => s.clone(),
            },
            other => other.to_string(),
        };
        if k == "event" {
            name = text;
        } else {
            args.push(format!("{k}={text}"));
        }
    }
    format!("b{} t{} {name}({})", e.block, e.tx, args.join(", "))
}
