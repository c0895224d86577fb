//! ERC-20 operations with OpenZeppelin 5 semantics: mint (owner only), transfer, approve, transferFrom and burn.

use super::{Ctx, OVERFLOW, owner_only, short, transfer_event, zero_address};
use crate::ledger::rules::{Rule, Violation};
use crate::ledger::state::{EventKind, Fungible, State};
use crate::ledger::types::Address;

pub(super) fn mint(cx: Ctx<'_>, to: &Address, amount: u128) -> Result<(), Violation> {
    let Ctx {
        state,
        owner,
        signer,
        events,
    } = cx;
    owner_only(signer, owner, key!("ledger.action.mint"))?;
    if *to == Address::ZERO {
        return Err(zero_address(
            key!("ledger.role.receiver"),
            "ERC20InvalidReceiver",
        ));
    }
    let Some(supply) = state.erc20_supply.checked_add(amount) else {
        return Err(Violation::new(
            Rule::Overflow,
            words!("ledger.rule.mint_overflow").with("amount", amount),
        )
        .std(OVERFLOW));
    };
    let t = state.id(to);
    state.erc20_supply = supply;
    state.acc_mut(t).balance += amount;
    events.push(transfer_event(Fungible::Erc20, Address::ZERO, *to, amount));
    Ok(())
}

pub(super) fn transfer(cx: Ctx<'_>, to: &Address, amount: u128) -> Result<(), Violation> {
    let Ctx {
        state,
        signer,
        events,
        ..
    } = cx;
    if *to == Address::ZERO {
        return Err(zero_address(
            key!("ledger.role.receiver"),
            "ERC20InvalidReceiver",
        ));
    }
    erc20_move(state, signer, to, amount, events)
}

pub(super) fn approve(cx: Ctx<'_>, spender: &Address, amount: u128) -> Result<(), Violation> {
    let Ctx {
        state,
        signer,
        events,
        ..
    } = cx;
    if *spender == Address::ZERO {
        return Err(zero_address(
            key!("ledger.role.spender"),
            "ERC20InvalidSpender",
        ));
    }
    let o = state.id(signer);
    let s = state.id(spender);
    state.allowances.insert((o, s), amount);
    events.push(EventKind::Approval {
        owner: *signer,
        spender: *spender,
        value: amount,
    });
    Ok(())
}

/// Move `from`'s tokens, spending the signer's allowance.
pub(super) fn transfer_from(
    cx: Ctx<'_>,
    from: &Address,
    to: &Address,
    amount: u128,
) -> Result<(), Violation> {
    let Ctx {
        state,
        signer,
        events,
        ..
    } = cx;
    let o = state.id(from);
    let s = state.id(signer);
    let allowance = state.allowances.get(&(o, s)).copied().unwrap_or(0);
    if allowance != u128::MAX && allowance < amount {
        return Err(Violation::shortfall(
            Rule::InsufficientAllowance,
            key!("ledger.rule.short_allowance"),
            signer,
            allowance,
            amount,
        )
        .std(format!(
            "ERC20InsufficientAllowance({signer}, {allowance}, {amount})"
        )));
    }
    if *from == Address::ZERO {
        return Err(zero_address(
            key!("ledger.role.sender"),
            "ERC20InvalidSender",
        ));
    }
    if *to == Address::ZERO {
        return Err(zero_address(
            key!("ledger.role.receiver"),
            "ERC20InvalidReceiver",
        ));
    }
    erc20_move(state, from, to, amount, events)?;
    // An unlimited allowance is never spent, and spending emits no Approval (OpenZeppelin 5).
    if allowance != u128::MAX {
        state.allowances.insert((o, s), allowance - amount);
    }
    Ok(())
}

pub(super) fn burn(cx: Ctx<'_>, amount: u128) -> Result<(), Violation> {
    let Ctx {
        state,
        signer,
        events,
        ..
    } = cx;
    let f = state.id(signer);
    let have = state.acc(f).balance;
    if have < amount {
        return Err(short(
            signer,
            have,
            amount,
            format!("ERC20InsufficientBalance({signer}, {have}, {amount})"),
        ));
    }
    state.acc_mut(f).balance -= amount;
    state.erc20_supply -= amount;
    events.push(transfer_event(
        Fungible::Erc20,
        *signer,
        Address::ZERO,
        amount,
    ));
    Ok(())
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
    events.push(transfer_event(Fungible::Erc20, *from, *to, amount));
    Ok(())
}
