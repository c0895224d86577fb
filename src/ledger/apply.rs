//! Applying one operation to the state, with OpenZeppelin 5 semantics for ERC-20/721 and T-REX semantics for the
//! permissioned asset. Every check runs before any change, so a refused operation leaves the state untouched.

use super::model::Op;
use super::rules::{Rule, Violation};
use super::state::{EventKind, Fungible, State};
use super::types::Address;
use crate::i18n::{tr, trf};

pub(super) const OVERFLOW: &str = "Panic(0x11): arithmetic overflow";
const NOT_AGENT: &str = "AgentRole: caller does not have the Agent role";

/// `role` is the catalogue key of the role's name (`ledger.role.receiver`).
pub(super) fn zero_address(role: &str, error: &str) -> Violation {
    let message = trf("ledger.rule.zero_address", &[("role", &tr(role))]);
    Violation::new(Rule::ZeroAddress, message).std(format!(
        "{error}(0x0000000000000000000000000000000000000000)"
    ))
}

/// `what` is the catalogue key of the action (`ledger.action.mint`).
pub(super) fn owner_only(signer: &Address, owner: &Address, what: &str) -> Result<(), Violation> {
    if signer == owner {
        return Ok(());
    }
    Err(Violation::new(
        Rule::Unauthorized,
        only("ledger.rule.owner_only", signer, owner, what),
    )
    .std(format!("OwnableUnauthorizedAccount({signer})")))
}

/// `what` is the catalogue key of the action (`ledger.action.freeze_wallets`).
pub(super) fn agent(signer: &Address, owner: &Address, what: &str) -> Result<(), Violation> {
    if signer == owner {
        return Ok(());
    }
    Err(Violation::new(
        Rule::Unauthorized,
        only("ledger.rule.agent_only", signer, owner, what),
    )
    .std(NOT_AGENT))
}

fn only(key: &str, signer: &Address, owner: &Address, what: &str) -> String {
    trf(
        key,
        &[
            ("owner", &owner.short()),
            ("what", &tr(what)),
            ("signer", &signer.short()),
        ],
    )
}

pub(super) fn short(who: &Address, have: u128, need: u128, error: String) -> Violation {
    Violation::shortfall(
        Rule::InsufficientBalance,
        "ledger.rule.short_tokens",
        who,
        have,
        need,
    )
    .std(error)
}

/// Apply `op`, signed by `signer`, where `owner` is the token owner and agent. Pushes the events it emits.
pub fn apply(
    state: &mut State,
    owner: &Address,
    signer: &Address,
    op: &Op,
    events: &mut Vec<EventKind>,
) -> Result<(), Violation> {
    match op {
        Op::Mint { to, amount } => {
            owner_only(signer, owner, "ledger.action.mint")?;
            if *to == Address::ZERO {
                return Err(zero_address("ledger.role.receiver", "ERC20InvalidReceiver"));
            }
            let Some(supply) = state.erc20_supply.checked_add(*amount) else {
                return Err(Violation::new(
                    Rule::Overflow,
                    trf("ledger.rule.mint_overflow", &[("amount", amount)]),
                )
                .std(OVERFLOW));
            };
            let t = state.id(to);
            state.erc20_supply = supply;
            state.acc_mut(t).balance += amount;
            events.push(transfer(Fungible::Erc20, Address::ZERO, *to, *amount));
        }
        Op::Transfer { to, amount } => {
            if *to == Address::ZERO {
                return Err(zero_address("ledger.role.receiver", "ERC20InvalidReceiver"));
            }
            erc20_move(state, signer, to, *amount, events)?;
        }
        Op::Approve { spender, amount } => {
            if *spender == Address::ZERO {
                return Err(zero_address("ledger.role.spender", "ERC20InvalidSpender"));
            }
            let o = state.id(signer);
            let s = state.id(spender);
            state.allowances.insert((o, s), *amount);
            events.push(EventKind::Approval {
                owner: *signer,
                spender: *spender,
                value: *amount,
            });
        }
        Op::TransferFrom {
            owner: from,
            to,
            amount,
        } => {
            let o = state.id(from);
            let s = state.id(signer);
            let allowance = state.allowances.get(&(o, s)).copied().unwrap_or(0);
            if allowance != u128::MAX && allowance < *amount {
                return Err(Violation::shortfall(
                    Rule::InsufficientAllowance,
                    "ledger.rule.short_allowance",
                    signer,
                    allowance,
                    *amount,
                )
                .std(format!(
                    "ERC20InsufficientAllowance({signer}, {allowance}, {amount})"
                )));
            }
            if *from == Address::ZERO {
                return Err(zero_address("ledger.role.sender", "ERC20InvalidSender"));
            }
            if *to == Address::ZERO {
                return Err(zero_address("ledger.role.receiver", "ERC20InvalidReceiver"));
            }
            erc20_move(state, from, to, *amount, events)?;
            // An unlimited allowance is never spent, and spending emits no Approval (OpenZeppelin 5).
            if allowance != u128::MAX {
                state.allowances.insert((o, s), allowance - amount);
            }
        }
        Op::Burn { amount } => {
            let f = state.id(signer);
            let have = state.acc(f).balance;
            if have < *amount {
                return Err(short(
                    signer,
                    have,
                    *amount,
                    format!("ERC20InsufficientBalance({signer}, {have}, {amount})"),
                ));
            }
            state.acc_mut(f).balance -= amount;
            state.erc20_supply -= amount;
            events.push(transfer(Fungible::Erc20, *signer, Address::ZERO, *amount));
        }
        Op::NftMint { .. }
        | Op::NftTransfer { .. }
        | Op::NftApprove { .. }
        | Op::NftSetApprovalForAll { .. } => {
            super::apply_nft::apply(state, owner, signer, op, events)?;
        }
        _ => super::apply_rwa::apply(state, owner, signer, op, events)?,
    }
    Ok(())
}

pub(super) fn transfer(token: Fungible, from: Address, to: Address, value: u128) -> EventKind {
    EventKind::Transfer {
        token,
        from,
        to,
        value,
    }
}

/// OpenZeppelin `_update` for a plain move: balance check, then move. Zero-value moves still emit `Transfer`.
fn erc20_move(
    state: &mut State,
    from: &Address,
    to: &Address,
    amount: u128,
    events: &mut Vec<EventKind>,
) -> Result<(), Violation> {
    let f = state.id(from);
    let have = state.acc(f).balance;
    if have < amount {
        return Err(short(
            from,
            have,
            amount,
            format!("ERC20InsufficientBalance({from}, {have}, {amount})"),
        ));
    }
    let t = state.id(to);
    state.acc_mut(f).balance -= amount;
    state.acc_mut(t).balance += amount;
    events.push(transfer(Fungible::Erc20, *from, *to, amount));
    Ok(())
}
