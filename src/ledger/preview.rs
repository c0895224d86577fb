//! Checking a draft transaction before it is signed and mined: which rules would it break on top of the chain's
//! current state and the transactions already waiting? Also reads and writes amounts with decimals for forms.
//!
//! Pure: imports only the ledger core.

use super::apply::apply;
use super::model::{Chain, Tx};
use super::rules::{Rule, Violation};
use super::state::State;

/// Replay `pending` on a copy of `state` the way validation does (a refused operation still uses up its nonce),
/// then return every rule `draft` would break: a wrong nonce and the first token rule its operation fails.
/// The signature is not checked: a draft is judged before it is signed.
pub fn check_draft(chain: &Chain, state: &State, pending: &[Tx], draft: &Tx) -> Vec<Violation> {
    let mut state = state.clone();
    let owner = chain.tokens.owner;
    let mut events = Vec::new();
    for tx in pending {
        let id = state.id(&tx.from);
        if state.acc(id).nonce != tx.nonce {
            continue;
        }
        state.acc_mut(id).nonce += 1;
        let _refused = apply(&mut state, &owner, &tx.from, &tx.op, &mut events);
    }
    let mut out = Vec::new();
    let expected = state.nonce(&draft.from);
    if draft.nonce != expected {
        out.push(Violation::new(
            Rule::BadNonce,
            words!("ledger.rule.draft_nonce")
                .with("who", draft.from.short())
                .with("expected", expected)
                .with("nonce", draft.nonce),
        ));
    }
    if let Err(v) = apply(&mut state, &owner, &draft.from, &draft.op, &mut events) {
        out.push(v);
    }
    out
}

/// The nonce the draft's signer must use after `pending` (replayed as in [`check_draft`]).
pub fn expected_nonce(state: &State, pending: &[Tx], from: &super::types::Address) -> u64 {
    let mut nonce = state.nonce(from);
    for tx in pending.iter().filter(|t| t.from == *from) {
        if tx.nonce == nonce {
            nonce += 1;
        }
    }
    nonce
}

/// Read an amount typed with up to `decimals` decimals ("1,234.5" with 2 decimals is 123450). Commas, `_` and
/// spaces are ignored. `None` when it is not a number, has too many decimals or passes `u128::MAX`.
///
/// ```
/// use tokenlens::ledger::preview::parse_units;
/// assert_eq!(parse_units("1,234.5", 2), Some(123_450));
/// assert_eq!(parse_units("0.001", 2), None);
/// ```
pub fn parse_units(text: &str, decimals: u8) -> Option<u128> {
    let clean: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' '))
        .collect();
    if clean.eq_ignore_ascii_case("unlimited") {
        return Some(u128::MAX);
    }
    let (int, frac) = clean.split_once('.').unwrap_or((&clean, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    if !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > decimals as usize {
        return None;
    }
    let scale = 10_u128.checked_pow(u32::from(decimals))?;
    let whole: u128 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let part: u128 = if frac.is_empty() {
        0
    } else {
        let pad = 10_u128.checked_pow((decimals as usize - frac.len()) as u32)?;
        frac.parse::<u128>().ok()?.checked_mul(pad)?
    };
    whole.checked_mul(scale)?.checked_add(part)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_round_trip_with_format_amount() {
        for (v, d) in [
            (0_u128, 2_u8),
            (123_450, 2),
            (5, 6),
            (1_000_000, 0),
            (7, 18),
        ] {
            let text = super::super::types::format_amount(v, d);
            assert_eq!(parse_units(&text, d), Some(v), "{text}");
        }
        assert_eq!(parse_units("abc", 2), None);
        assert_eq!(parse_units("", 2), None);
        assert_eq!(parse_units("1.", 2), Some(100));
        assert_eq!(parse_units(".5", 2), Some(50));
        assert_eq!(parse_units("unlimited", 2), Some(u128::MAX));
        assert_eq!(parse_units("1e5", 2), None);
    }
}
