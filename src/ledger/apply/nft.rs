//! ERC-721 operations with OpenZeppelin 5 semantics: mint, transferFrom, approve and setApprovalForAll.

use super::{Ctx, owner_only, zero_address};
use crate::ledger::rules::{Rule, Violation};
use crate::ledger::state::EventKind;
use crate::ledger::types::Address;

fn nonexistent(token_id: u64) -> Violation {
    Violation::new(
        Rule::NonexistentToken,
        words!("ledger.rule.nft_missing").with("id", token_id),
    )
    .std(format!("ERC721NonexistentToken({token_id})"))
}

pub(super) fn mint(cx: Ctx<'_>, to: &Address, token_id: u64) -> Result<(), Violation> {
    let Ctx {
        state,
        owner,
        signer,
        events,
    } = cx;
    owner_only(signer, owner, key!("ledger.action.mint_nfts"))?;
    if *to == Address::ZERO {
        return Err(zero_address(
            key!("ledger.role.receiver"),
            "ERC721InvalidReceiver",
        ));
    }
    if state.nft_owner.contains_key(&token_id) {
        return Err(Violation::new(
            Rule::TokenExists,
            words!("ledger.rule.nft_exists").with("id", token_id),
        )
        .std("ERC721InvalidSender(0x0000000000000000000000000000000000000000)"));
    }
    let t = state.id(to);
    state.nft_owner.insert(token_id, t);
    state.acc_mut(t).nfts += 1;
    events.push(EventKind::NftTransfer {
        from: Address::ZERO,
        to: *to,
        token_id,
    });
    Ok(())
}

pub(super) fn transfer(
    cx: Ctx<'_>,
    from: &Address,
    to: &Address,
    token_id: u64,
) -> Result<(), Violation> {
    let Ctx {
        state,
        signer,
        events,
        ..
    } = cx;
    if *to == Address::ZERO {
        return Err(zero_address(
            key!("ledger.role.receiver"),
            "ERC721InvalidReceiver",
        ));
    }
    let Some(&holder) = state.nft_owner.get(&token_id) else {
        return Err(nonexistent(token_id));
    };
    let s = state.id(signer);
    let authorized = holder == s
        || state.operators.contains(&(holder, s))
        || state.nft_approved.get(&token_id) == Some(&s);
    if !authorized {
        return Err(Violation::new(
            Rule::NotOwner,
            words!("ledger.rule.nft_not_approved")
                .with("signer", signer.short())
                .with("id", token_id)
                .with("holder", state.addr(holder).short()),
        )
        .std(format!("ERC721InsufficientApproval({signer}, {token_id})")));
    }
    let holder_address = state.addr(holder);
    if holder_address != *from {
        return Err(Violation::new(
            Rule::NotOwner,
            words!("ledger.rule.nft_wrong_holder")
                .with("id", token_id)
                .with("holder", holder_address.short())
                .with("from", from.short()),
        )
        .std(format!(
            "ERC721IncorrectOwner({from}, {token_id}, {holder_address})"
        )));
    }
    let t = state.id(to);
    // Every transfer clears the per-token approval, with no Approval event (OpenZeppelin 5 `_update`).
    state.nft_approved.remove(&token_id);
    state.acc_mut(holder).nfts -= 1;
    state.acc_mut(t).nfts += 1;
    state.nft_owner.insert(token_id, t);
    events.push(EventKind::NftTransfer {
        from: *from,
        to: *to,
        token_id,
    });
    Ok(())
}

pub(super) fn approve(cx: Ctx<'_>, approved: &Address, token_id: u64) -> Result<(), Violation> {
    let Ctx {
        state,
        signer,
        events,
        ..
    } = cx;
    let Some(&holder) = state.nft_owner.get(&token_id) else {
        return Err(nonexistent(token_id));
    };
    let s = state.id(signer);
    if holder != s && !state.operators.contains(&(holder, s)) {
        return Err(Violation::new(
            Rule::NotOwner,
            words!("ledger.rule.nft_approver")
                .with("signer", signer.short())
                .with("id", token_id),
        )
        .std(format!("ERC721InvalidApprover({signer})")));
    }
    if *approved == Address::ZERO {
        state.nft_approved.remove(&token_id);
    } else {
        let a = state.id(approved);
        state.nft_approved.insert(token_id, a);
    }
    events.push(EventKind::NftApproval {
        owner: state.addr(holder),
        approved: *approved,
        token_id,
    });
    Ok(())
}

pub(super) fn set_approval_for_all(
    cx: Ctx<'_>,
    operator: &Address,
    approved: bool,
) -> Result<(), Violation> {
    let Ctx {
        state,
        signer,
        events,
        ..
    } = cx;
    if *operator == Address::ZERO {
        return Err(zero_address(
            key!("ledger.role.operator"),
            "ERC721InvalidOperator",
        ));
    }
    let o = state.id(signer);
    let p = state.id(operator);
    if approved {
        state.operators.insert((o, p));
    } else {
        state.operators.remove(&(o, p));
    }
    events.push(EventKind::ApprovalForAll {
        owner: *signer,
        operator: *operator,
        approved,
    });
    Ok(())
}
