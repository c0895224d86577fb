//! Compose and sign: pick a signer with a demo key and an operation, see every rule the draft would break before
//! signing, sign it into the pending list, and ask the view to mine the pending list into a new block.

use egui::Ui;

use crate::i18n::{Worded as _, Words};
use crate::ledger::keys::demo_key;
use crate::ledger::model::{Op, Tx};
use crate::ledger::preview::{check_draft, expected_nonce};
use crate::ledger::rules::Violation;
use crate::ledger::types::Sig;
use crate::text::reveal;
use crate::ui::theme::Palette;

use super::action::ChainAction;
use super::chain::ChainCtx;
use super::fields::{FieldCtx, op_ui};

/// The compose form.
pub struct ComposeState {
    /// Index of the signer in the chain's accounts.
    pub signer: usize,
    /// The operation being drafted.
    pub op: Op,
    /// Signed transactions waiting for the next block.
    pending: Vec<Tx>,
    /// (draft, pending count, report generation) the cached violations are for.
    key: Option<(Tx, usize, u64)>,
    violations: Vec<Violation>,
    /// Why the last signing failed, worded when drawn.
    note: Option<Words>,
    init: bool,
}

impl ComposeState {
    /// Drop the pending transactions (another chain is shown).
    pub(super) fn clear_pending(&mut self) {
        self.pending.clear();
    }

    /// Take the pending transactions, to mine them into a block.
    pub(super) fn take_pending(&mut self) -> Vec<Tx> {
        std::mem::take(&mut self.pending)
    }

    /// Put back transactions taken for a block that was not mined, ahead of any signed since.
    pub(super) fn restore_pending(&mut self, mut txs: Vec<Tx>) {
        txs.append(&mut self.pending);
        self.pending = txs;
    }
}

impl Default for ComposeState {
    fn default() -> Self {
        Self {
            signer: 1,
            op: Op::Transfer {
                to: crate::ledger::eth::Address([0; 20]),
                amount: 100,
            },
            pending: Vec::new(),
            key: None,
            violations: Vec::new(),
            note: None,
            init: false,
        }
    }
}

/// The form, in a collapsing section. Returns [`ChainAction::MinePending`] when asked to mine.
pub fn compose_ui(ui: &mut Ui, st: &mut ComposeState, cx: &ChainCtx<'_>) -> Option<ChainAction> {
    egui::CollapsingHeader::new(tr!("ledger.compose"))
        .default_open(true)
        .show(ui, |ui| form_ui(ui, st, cx))
        .body_returned
        .flatten()
}

fn form_ui(ui: &mut Ui, st: &mut ComposeState, cx: &ChainCtx<'_>) -> Option<ChainAction> {
    let p = Palette::of(ui);
    let mining = cx.mining.is_some();
    let (Some(chain), Some(report)) = (cx.chain, cx.report) else {
        ui.spinner();
        return None;
    };
    let Some(seed) = chain.demo_key_seed.clone() else {
        ui.weak(tr!("ledger.compose.no_keys"));
        return None;
    };
    let signers: Vec<usize> = (0..chain.accounts.len())
        .filter(|&i| chain.accounts[i].demo_key.is_some())
        .collect();
    if signers.is_empty() {
        ui.weak(tr!("ledger.compose.no_keys"));
        return None;
    }
    if !signers.contains(&st.signer) {
        st.signer = signers[0];
    }
    ui.horizontal(|ui| {
        let l = ui.label(tr!("ledger.compose.signer"));
        egui::ComboBox::from_id_salt("ledger_compose_signer")
            .selected_text(reveal(&chain.accounts[st.signer].label))
            .show_ui(ui, |ui| {
                for &i in &signers {
                    ui.selectable_value(&mut st.signer, i, reveal(&chain.accounts[i].label));
                }
            })
            .response
            .labelled_by(l.id);
    });
    if !st.init {
        st.init = true;
        if let Op::Transfer { to, .. } = &mut st.op
            && let Some(acc) = chain.accounts.get(2).or_else(|| chain.accounts.first())
        {
            *to = acc.address;
        }
    }
    let from = chain.accounts[st.signer].address;
    let nonce = expected_nonce(&report.state, &st.pending, &from);
    ui.weak(trf!("ledger.compose.nonce", &[("n", &nonce)]));
    let mut f = FieldCtx {
        accounts: &chain.accounts,
        erc20_decimals: chain.tokens.erc20.decimals,
        rwa_decimals: chain.tokens.rwa.token.decimals,
        prefix: "Compose".to_owned(),
        emphasis: None,
        hovered: None,
    };
    ui.horizontal_wrapped(|ui| op_ui(ui, &mut f, &mut st.op));
    let draft = Tx {
        from,
        nonce,
        op: st.op.clone(),
        signature: Sig::default(),
    };
    let key = (draft.clone(), st.pending.len(), cx.report_gen);
    if st.key.as_ref() != Some(&key) {
        st.violations = check_draft(chain, &report.state, &st.pending, &draft);
        st.key = Some(key);
    }
    if st.violations.is_empty() {
        ui.colored_label(p.ok(), tr!("ledger.compose.ok"));
    } else {
        ui.colored_label(p.error(), tr!("ledger.compose.breaks"));
        for x in &st.violations {
            ui.colored_label(
                p.error(),
                format!("{}: {}", x.rule.name(), x.message.text()),
            );
            if let Some(e) = &x.standard_error {
                ui.weak(trf!("ledger.std_error", &[("e", e)]));
            }
        }
    }
    ui.horizontal(|ui| {
        if ui.button(tr!("ledger.compose.sign")).clicked() {
            let Some(index) = chain.accounts[st.signer].demo_key else {
                return;
            };
            let mut tx = draft;
            match demo_key(&seed, index).sign_tx(&mut tx) {
                Ok(()) => {
                    st.pending.push(tx);
                    st.note = None;
                }
                Err(e) => st.note = Some(e.words()),
            }
        }
    });
    if let Some(n) = &st.note {
        ui.colored_label(p.error(), n.text());
    }
    ui.label(trf!("ledger.compose.pending", &[("n", &st.pending.len())]));
    let mut remove = None;
    for (k, tx) in st.pending.iter().enumerate() {
        ui.horizontal(|ui| {
            let who = crate::ledger::bytes::address_label(&chain.accounts, &tx.from);
            ui.monospace(format!(
                "{k}: {} #{} {}",
                who.text(),
                tx.nonce,
                tx.op.name()
            ));
            let name = trf!("ledger.compose.remove_n", &[("n", &k)]);
            if ui.small_button("✖").accessible_name(name).clicked() {
                remove = Some(k);
            }
        });
    }
    if let Some(k) = remove {
        st.pending.remove(k);
    }
    ui.add_enabled(!mining, egui::Button::new(tr!("ledger.compose.mine")))
        .clicked()
        .then_some(ChainAction::MinePending)
}
