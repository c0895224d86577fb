//! The permissioned real-world asset (ERC-3643 "T-REX" style): identity registry, wallet and partial freezes,
//! pause, agent mint and burn, forced transfers and wallet recovery. Messages quote T-REX's revert strings.

use super::{Ctx, OVERFLOW, agent, short, transfer_event, zero_address};
use crate::i18n::Words;
use crate::ledger::rules::{Rule, Violation};
use crate::ledger::state::{EventKind, Fungible, State};
use crate::ledger::types::Address;

fn not_verified(who: &Address) -> Violation {
    Violation::new(
        Rule::ReceiverNotVerified,
        words!("ledger.rule.not_verified").with("who", who.short()),
    )
    .std("Transfer not possible")
}

fn verified(state: &mut State, who: &Address) -> Result<u32, Violation> {
    let id = state.id(who);
    if state.acc(id).rwa_country.is_none() {
        return Err(not_verified(who));
    }
    Ok(id)
}

/// Unfreeze what a forced move needs beyond the free balance (T-REX `forcedTransfer` and `burn`).
fn unfreeze_for(state: &mut State, id: u32, amount: u128, events: &mut Vec<EventKind>) {
    let acc = state.acc(id);
    let free = acc.rwa_balance - acc.rwa_frozen_tokens;
    if amount > free {
        let release = amount - free;
        state.acc_mut(id).rwa_frozen_tokens -= release;
        events.push(EventKind::TokensUnfrozen {
            account: state.addr(id),
            amount: release,
        });
    }
}

pub(super) fn register(cx: Ctx<'_>, investor: &Address, country: u16) -> Result<(), Violation> {
    let Ctx {
        state,
        owner,
        signer,
        events,
    } = cx;
    agent(signer, owner, key!("ledger.action.register_investors"))?;
    if *investor == Address::ZERO {
        return Err(zero_address(
            key!("ledger.role.investor"),
            "invalid argument - zero address",
        ));
    }
    let i = state.id(investor);
    state.acc_mut(i).rwa_country = Some(country);
    events.push(EventKind::IdentityRegistered {
        investor: *investor,
        country,
    });
    Ok(())
}

pub(super) fn unregister(cx: Ctx<'_>, investor: &Address) -> Result<(), Violation> {
    let Ctx {
        state,
        owner,
        signer,
        events,
    } = cx;
    agent(signer, owner, key!("ledger.action.remove_investors"))?;
    let i = verified(state, investor)?;
    state.acc_mut(i).rwa_country = None;
    events.push(EventKind::IdentityRemoved {
        investor: *investor,
    });
    Ok(())
}

pub(super) fn mint(cx: Ctx<'_>, to: &Address, amount: u128) -> Result<(), Violation> {
    let Ctx {
        state,
        owner,
        signer,
        events,
    } = cx;
    agent(signer, owner, key!("ledger.action.issue"))?;
    if *to == Address::ZERO {
        return Err(zero_address(
            key!("ledger.role.receiver"),
            "invalid argument - zero address",
        ));
    }
    let t = verified(state, to)?;
    let Some(supply) = state.rwa_supply.checked_add(amount) else {
        return Err(Violation::new(
            Rule::Overflow,
            words!("ledger.rule.issue_overflow").with("amount", amount),
        )
        .std(OVERFLOW));
    };
    state.rwa_supply = supply;
    state.acc_mut(t).rwa_balance += amount;
    events.push(transfer_event(Fungible::Rwa, Address::ZERO, *to, amount));
    Ok(())
}

pub(super) fn transfer(cx: Ctx<'_>, to: &Address, amount: u128) -> Result<(), Violation> {
    let Ctx {
        state,
        signer,
        events,
        ..
    } = cx;
    if state.rwa_paused {
        return Err(
            Violation::new(Rule::Paused, words!("ledger.rule.paused")).std("Pausable: paused")
        );
    }
    let f = state.id(signer);
    let t = state.id(to);
    for (id, who) in [(f, signer), (t, to)] {
        if state.acc(id).rwa_frozen {
            return Err(Violation::new(
                Rule::Frozen,
                words!("ledger.rule.wallet_frozen").with("who", who.short()),
            )
            .std("wallet is frozen"));
        }
    }
    if *to == Address::ZERO {
        return Err(zero_address(
            key!("ledger.role.receiver"),
            "invalid argument - zero address",
        ));
    }
    let acc = state.acc(f);
    let free = acc.rwa_balance - acc.rwa_frozen_tokens;
    if free < amount {
        let mut v = short(signer, free, amount, "Insufficient Balance".to_owned());
        v.message = words!("ledger.rule.short_unfrozen")
            .with("who", signer.short())
            .with("free", free)
            .with("frozen", acc.rwa_frozen_tokens)
            .with("need", amount);
        return Err(v);
    }
    verified(state, to)?;
    state.acc_mut(f).rwa_balance -= amount;
    state.acc_mut(t).rwa_balance += amount;
    events.push(transfer_event(Fungible::Rwa, *signer, *to, amount));
    Ok(())
}

pub(super) fn burn(cx: Ctx<'_>, from: &Address, amount: u128) -> Result<(), Violation> {
    let Ctx {
        state,
        owner,
        signer,
        events,
    } = cx;
    agent(signer, owner, key!("ledger.action.redeem"))?;
    let f = state.id(from);
    let have = state.acc(f).rwa_balance;
    if have < amount {
        return Err(short(
            from,
            have,
            amount,
            "cannot burn more than balance".to_owned(),
        ));
    }
    unfreeze_for(state, f, amount, events);
    state.acc_mut(f).rwa_balance -= amount;
    state.rwa_supply -= amount;
    events.push(transfer_event(Fungible::Rwa, *from, Address::ZERO, amount));
    Ok(())
}

pub(super) fn freeze(cx: Ctx<'_>, account: &Address, frozen: bool) -> Result<(), Violation> {
    let Ctx {
        state,
        owner,
        signer,
        events,
    } = cx;
    agent(signer, owner, key!("ledger.action.freeze_wallets"))?;
    let a = state.id(account);
    state.acc_mut(a).rwa_frozen = frozen;
    events.push(EventKind::AddressFrozen {
        account: *account,
        frozen,
    });
    Ok(())
}

pub(super) fn freeze_tokens(cx: Ctx<'_>, account: &Address, amount: u128) -> Result<(), Violation> {
    let Ctx {
        state,
        owner,
        signer,
        events,
    } = cx;
    agent(signer, owner, key!("ledger.action.freeze_tokens"))?;
    let a = state.id(account);
    let acc = state.acc(a);
    let free = acc.rwa_balance - acc.rwa_frozen_tokens;
    if free < amount {
        return Err(short(
            account,
            free,
            amount,
            "Amount exceeds available balance".to_owned(),
        ));
    }
    state.acc_mut(a).rwa_frozen_tokens += amount;
    events.push(EventKind::TokensFrozen {
        account: *account,
        amount,
    });
    Ok(())
}

pub(super) fn unfreeze_tokens(
    cx: Ctx<'_>,
    account: &Address,
    amount: u128,
) -> Result<(), Violation> {
    let Ctx {
        state,
        owner,
        signer,
        events,
    } = cx;
    agent(signer, owner, key!("ledger.action.unfreeze_tokens"))?;
    let a = state.id(account);
    let frozen = state.acc(a).rwa_frozen_tokens;
    if frozen < amount {
        return Err(short(
            account,
            frozen,
            amount,
            "Amount should be less than or equal to frozen tokens".to_owned(),
        ));
    }
    state.acc_mut(a).rwa_frozen_tokens -= amount;
    events.push(EventKind::TokensUnfrozen {
        account: *account,
        amount,
    });
    Ok(())
}

pub(super) fn pause(cx: Ctx<'_>, paused: bool) -> Result<(), Violation> {
    let Ctx {
        state,
        owner,
        signer,
        events,
    } = cx;
    agent(signer, owner, key!("ledger.action.pause"))?;
    if state.rwa_paused == paused {
        let (msg, err) = if paused {
            (key!("ledger.rule.already_paused"), "Pausable: paused")
        } else {
            (key!("ledger.rule.not_paused"), "Pausable: not paused")
        };
        return Err(Violation::new(Rule::Paused, Words::new(msg)).std(err));
    }
    state.rwa_paused = paused;
    events.push(EventKind::Paused { paused });
    Ok(())
}

pub(super) fn forced_transfer(
    cx: Ctx<'_>,
    from: &Address,
    to: &Address,
    amount: u128,
) -> Result<(), Violation> {
    let Ctx {
        state,
        owner,
        signer,
        events,
    } = cx;
    agent(signer, owner, key!("ledger.action.force_transfers"))?;
    let f = state.id(from);
    let have = state.acc(f).rwa_balance;
    if have < amount {
        return Err(short(
            from,
            have,
            amount,
            "sender balance too low".to_owned(),
        ));
    }
    if *to == Address::ZERO {
        return Err(zero_address(
            key!("ledger.role.receiver"),
            "invalid argument - zero address",
        ));
    }
    let t = verified(state, to)?;
    unfreeze_for(state, f, amount, events);
    state.acc_mut(f).rwa_balance -= amount;
    state.acc_mut(t).rwa_balance += amount;
    events.push(transfer_event(Fungible::Rwa, *from, *to, amount));
    Ok(())
}

pub(super) fn recover(cx: Ctx<'_>, lost: &Address, new: &Address) -> Result<(), Violation> {
    let Ctx {
        state,
        owner,
        signer,
        events,
    } = cx;
    agent(signer, owner, key!("ledger.action.recover_wallets"))?;
    if *new == Address::ZERO {
        return Err(zero_address(
            key!("ledger.role.new_wallet"),
            "invalid argument - zero address",
        ));
    }
    let l = state.id(lost);
    let n = state.id(new);
    let old = state.acc(l).clone();
    if old.rwa_balance == 0 {
        return Err(short(lost, 0, 1, "no tokens to recover".to_owned()));
    }
    if l == n {
        return Err(Violation::new(
            Rule::ZeroAddress,
            words!("ledger.rule.same_wallet"),
        ));
    }
    let target = state.acc_mut(n);
    target.rwa_balance += old.rwa_balance;
    target.rwa_frozen_tokens += old.rwa_frozen_tokens;
    target.rwa_frozen |= old.rwa_frozen;
    if target.rwa_country.is_none() {
        target.rwa_country = old.rwa_country;
    }
    let source = state.acc_mut(l);
    source.rwa_balance = 0;
    source.rwa_frozen_tokens = 0;
    source.rwa_country = None;
    events.push(transfer_event(Fungible::Rwa, *lost, *new, old.rwa_balance));
    events.push(EventKind::RecoverySuccess {
        lost: *lost,
        new: *new,
    });
    Ok(())
}
