//! The tour's step panel: where you are in the story, what to do, what just happened (read live from the tabs),
//! and Back / Next / Restart / Close.

use egui::{RichText, Ui};

use super::{Nav, Tabs, Tour};
use crate::i18n::{join_list, tr, trf};
use crate::tour::{self, DEBIT_BLOCK, PAYMENT, PAYMENT_BLOCK, START_BALANCE, Step, lens};
use crate::ui::theme::Palette;

/// The panel on the right of every tab while the tour is open. Returns the button clicked.
pub(super) fn panel_ui(ui: &mut Ui, tour: &Tour, tabs: &Tabs<'_>) -> Option<Nav> {
    let mut nav = None;
    egui::Panel::right("tour_panel")
        .resizable(true)
        .default_size(340.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("tour_scroll")
                .show(ui, |ui| nav = body_ui(ui, tour, tabs));
        });
    nav
}

fn body_ui(ui: &mut Ui, tour: &Tour, tabs: &Tabs<'_>) -> Option<Nav> {
    let p = Palette::of(ui);
    let step = tour.step();
    let mut nav = None;
    ui.horizontal(|ui| {
        ui.heading(tr!("tour.heading"));
        ui.weak(trf!(
            "tour.progress",
            &[("n", &(step.index() + 1)), ("total", &Step::ALL.len())],
        ));
    });
    ui.separator();
    ui.label(RichText::new(tr(step.title_key())).strong().size(17.0));
    ui.add_space(4.0);
    ui.label(intro(tour, step));
    ui.add_space(6.0);
    if let Some(key) = step.action_key() {
        if tour.counting {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(tr!("tour.count.waiting"));
            });
        }
        if tour.step_done() {
            ui.label(RichText::new(tr!("tour.what_happened")).strong());
            result_ui(ui, tour, tabs, step);
        } else {
            let button = egui::Button::new(RichText::new(tr(key)).strong());
            if ui.add_enabled(!tour.counting, button).clicked() {
                nav = Some(Nav::Action);
            }
        }
    }
    if let Some(e) = &tour.error {
        ui.colored_label(p.error(), e.text());
    }
    ui.add_space(8.0);
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(step.index() > 0, egui::Button::new(tr!("tour.back")))
            .clicked()
        {
            nav = Some(Nav::Back);
        }
        let can_next = tour.step_done() && step.index() + 1 < Step::ALL.len();
        if ui
            .add_enabled(can_next, egui::Button::new(tr!("tour.next")))
            .clicked()
        {
            nav = Some(Nav::Next);
        }
        if ui.button(tr!("tour.restart")).clicked() {
            nav = Some(Nav::Restart);
        }
        if ui.button(tr!("tour.close")).clicked() {
            nav = Some(Nav::Close);
        }
    });
    ui.weak(tr!("tour.keeps_your_work"));
    nav
}

fn intro(tour: &Tour, step: Step) -> String {
    trf(
        step.intro_key(),
        &[
            ("start", &lens(START_BALANCE)),
            ("payment", &lens(PAYMENT)),
            ("tampered", &lens(tour::TAMPERED_PAYMENT)),
            ("sub", &tour.story.user.address),
            ("mallory", &tour.story.mallory.address),
            ("model", &model_name()),
            ("vocab", &vocab_name()),
        ],
    )
}

/// "GPT-4o", the priced model's display name.
fn model_name() -> &'static str {
    crate::ai::model(tour::MODEL_ID).map_or(tour::MODEL_ID, |m| m.name)
}

/// "o200k_base", the vocabulary that counts the prompt.
fn vocab_name() -> &'static str {
    crate::ai::model(tour::MODEL_ID).map_or("", |m| m.vocab.name())
}

/// What just happened, read from the tabs as they are now.
fn result_ui(ui: &mut Ui, tour: &Tour, tabs: &Tabs<'_>, step: Step) {
    let p = Palette::of(ui);
    let report = tabs.ledger.chain.report();
    let balance = |a| report.map_or(0, |r| r.state.balance(a));
    match step {
        Step::LogIn | Step::TamperPass => {
            // The same rows as the Session tab: the signature, and the verdict that adds the time claims.
            if let Some(ins) = tabs.session.inspection() {
                crate::ui::session::signature_row_ui(ui, ins, p);
                crate::ui::session::verdict_row_ui(ui, ins, p, &[&ins.verification.reason]);
            }
            let key = if step == Step::LogIn {
                key!("tour.login.result")
            } else {
                key!("tour.tamper_pass.result")
            };
            ui.label(trf(
                key,
                &[
                    ("sub", &tour.story.user.address),
                    ("mallory", &tour.story.mallory.address),
                ],
            ));
        }
        Step::Pay => {
            block_status_ui(ui, tabs, PAYMENT_BLOCK);
            ui.label(trf!(
                "tour.pay.result",
                &[
                    ("before", &lens(START_BALANCE)),
                    ("after", &lens(balance(&tour.story.user.address))),
                    ("service", &lens(balance(&tour.story.service.address))),
                ],
            ));
        }
        Step::Count => {
            let n = tour.count.unwrap_or(0);
            let per_1m = tour.price.as_ref().and_then(|p| p.input_per_1m);
            match (
                per_1m,
                tour.price.as_ref().and_then(|p| tour::debit_amount(n, p)),
            ) {
                (Some(per_1m), Some(debit)) => ui.label(trf!(
                    "tour.count.result",
                    &[
                        ("n", &n),
                        ("model", &model_name()),
                        ("price", &per_1m),
                        ("usd", &format!("{:.6}", n as f64 * per_1m / 1e6)),
                        ("lens", &lens(debit)),
                    ],
                )),
                _ => ui.colored_label(p.error(), tr!("tour.count.no_price")),
            };
            if let Some((_, id)) = tour.word {
                ui.label(trf!("tour.count.word", &[("id", &id)]));
            }
        }
        Step::Debit => {
            block_status_ui(ui, tabs, DEBIT_BLOCK);
            ui.label(trf!(
                "tour.debit.result",
                &[
                    ("debit", &lens(tour.debit().unwrap_or(0))),
                    ("n", &tour.count.unwrap_or(0)),
                    ("left", &lens(balance(&tour.story.service.address))),
                ],
            ));
        }
        Step::TamperPayment => {
            block_status_ui(ui, tabs, PAYMENT_BLOCK);
            let rules: Vec<&str> = report
                .map(|r| r.block_problems(PAYMENT_BLOCK))
                .unwrap_or_default()
                .iter()
                .map(|p| p.rule.name())
                .collect();
            ui.colored_label(
                p.error(),
                trf!(
                    "tour.tamper_payment.rules",
                    &[("rules", &join_list(&rules))],
                ),
            );
            ui.label(tr!("tour.tamper_payment.result"));
        }
        Step::Done => {}
    }
}

/// "Block 1: valid" in green or "Block 1: invalid" in red, from the Chain view's latest report.
fn block_status_ui(ui: &mut Ui, tabs: &Tabs<'_>, block: usize) {
    let p = Palette::of(ui);
    let Some(report) = tabs.ledger.chain.report() else {
        ui.spinner();
        return;
    };
    let valid = report
        .blocks
        .get(block)
        .is_some_and(|b| b.status == crate::ledger::BlockStatus::Valid);
    let (key, colour) = if valid {
        (key!("tour.block_valid"), p.ok())
    } else {
        (key!("tour.block_invalid"), p.error())
    };
    ui.colored_label(colour, trf(key, &[("n", &block)]));
}
