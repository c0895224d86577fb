//! The token rules: the OpenZeppelin ERC-20/721 test checklists (docs/research/ledger.md §1.4, §4.9) and the
//! ERC-3643 permission layer.

use super::*;

// ---- ERC-20 (OpenZeppelin ERC20.behavior.js checklist) ----

#[test]
fn erc20_transfer_moves_and_refuses_overdrafts_with_have_and_need() {
    let mut kit = Kit::funded(3, 20);
    let (a, b) = (kit.addr(1), kit.addr(2));
    // Ethernaut "Token": hold 20, send 21. Solidity 0.6 wrapped to 2^256 − 1; we refuse.
    let r = kit.run(vec![(1, Op::Transfer { to: b, amount: 21 })]);
    let p = only_problem(&r);
    assert_eq!(p.rule, Rule::InsufficientBalance);
    assert_eq!((p.have, p.need), (Some(20), Some(21)));
    assert_eq!(
        p.standard_error.as_deref(),
        Some(format!("ERC20InsufficientBalance({a}, 20, 21)").as_str())
    );
    assert_eq!(r.state.balance(&a), 20, "refused transfer changes nothing");
    assert_eq!((p.block, p.tx), (1, Some(0)));
}

#[test]
fn erc20_zero_value_and_self_transfers_emit_transfer() {
    let mut kit = Kit::funded(3, 20);
    let (a, b) = (kit.addr(1), kit.addr(2));
    let r = kit.run(vec![
        (1, Op::Transfer { to: b, amount: 0 }),
        (1, Op::Transfer { to: a, amount: 5 }),
    ]);
    assert!(last_ok(&r), "{:?}", last_problems(&r));
    let transfers: Vec<_> = r
        .events
        .iter()
        .filter(|e| e.block == 1)
        .map(|e| &e.kind)
        .collect();
    assert_eq!(transfers.len(), 2);
    assert!(matches!(transfers[0], EventKind::Transfer { value: 0, .. }));
    assert_eq!(r.state.balance(&a), 20);
}

#[test]
fn erc20_zero_address_is_refused_with_the_erc6093_name() {
    let mut kit = Kit::funded(2, 20);
    let r = kit.run(vec![(
        1,
        Op::Transfer {
            to: Address::ZERO,
            amount: 1,
        },
    )]);
    let p = only_problem(&r);
    assert_eq!(p.rule, Rule::ZeroAddress);
    assert!(
        p.standard_error
            .as_deref()
            .unwrap()
            .starts_with("ERC20InvalidReceiver(0x0000")
    );
    let r = kit.run(vec![(
        1,
        Op::Approve {
            spender: Address::ZERO,
            amount: 1,
        },
    )]);
    assert!(
        only_problem(&r)
            .standard_error
            .as_deref()
            .unwrap()
            .starts_with("ERC20InvalidSpender")
    );
}

#[test]
fn allowances_are_spent_except_the_unlimited_one() {
    let mut kit = Kit::funded(4, 100);
    let (owner, spender, to) = (kit.addr(1), kit.addr(2), kit.addr(3));
    let r = kit.run(vec![
        (
            1,
            Op::Approve {
                spender,
                amount: 30,
            },
        ),
        (
            2,
            Op::TransferFrom {
                owner,
                to,
                amount: 10,
            },
        ),
    ]);
    assert!(last_ok(&r), "{:?}", last_problems(&r));
    assert_eq!(r.state.allowance(&owner, &spender), 20);
    assert!(
        !r.events
            .iter()
            .any(|e| e.block == 1 && e.tx == 1 && matches!(e.kind, EventKind::Approval { .. })),
        "spending an allowance emits no Approval"
    );
    let r = kit.run(vec![(
        2,
        Op::TransferFrom {
            owner,
            to,
            amount: 21,
        },
    )]);
    let p = only_problem(&r);
    assert_eq!(p.rule, Rule::InsufficientAllowance);
    assert_eq!((p.have, p.need), (Some(20), Some(21)));
    assert_eq!(
        p.standard_error.as_deref(),
        Some(format!("ERC20InsufficientAllowance({spender}, 20, 21)").as_str())
    );
    let r = kit.run(vec![
        (
            1,
            Op::Approve {
                spender,
                amount: u128::MAX,
            },
        ),
        (
            2,
            Op::TransferFrom {
                owner,
                to,
                amount: 50,
            },
        ),
    ]);
    assert!(last_ok(&r), "{:?}", last_problems(&r));
    assert_eq!(
        r.state.allowance(&owner, &spender),
        u128::MAX,
        "unlimited never goes down"
    );
    assert_eq!(
        r.state.balance(&to),
        100 + 10 + 50,
        "funding, then the two delegated transfers"
    );
}

#[test]
fn only_the_owner_mints_and_supply_overflow_is_refused() {
    let mut kit = Kit::funded(3, 10);
    let b = kit.addr(2);
    let r = kit.run(vec![(1, Op::Mint { to: b, amount: 1 })]);
    let p = only_problem(&r);
    assert_eq!(p.rule, Rule::Unauthorized);
    assert!(
        p.standard_error
            .as_deref()
            .unwrap()
            .starts_with("OwnableUnauthorizedAccount(")
    );
    let r = kit.run(vec![(
        0,
        Op::Mint {
            to: b,
            amount: u128::MAX,
        },
    )]);
    let p = only_problem(&r);
    assert_eq!(p.rule, Rule::Overflow);
    assert_eq!(r.state.erc20_supply, 20, "supply unchanged");
}

#[test]
fn burn_lowers_supply_and_emits_transfer_to_zero() {
    let mut kit = Kit::funded(2, 10);
    let a = kit.addr(1);
    let r = kit.run(vec![(1, Op::Burn { amount: 4 })]);
    assert!(last_ok(&r));
    assert_eq!(r.state.erc20_supply, 6);
    assert!(r.events.iter().any(|e| e.kind
        == EventKind::Transfer {
            token: tokenlens::ledger::state::Fungible::Erc20,
            from: a,
            to: Address::ZERO,
            value: 4
        }));
    assert_eq!(
        r.supply.iter().map(|s| s.erc20).collect::<Vec<_>>(),
        vec![10, 6]
    );
}

// ---- ERC-721 (OpenZeppelin ERC721.behavior.js) ----

#[test]
fn nft_rules_follow_openzeppelin() {
    let mut kit = Kit::new(4);
    let (a, b, c) = (kit.addr(1), kit.addr(2), kit.addr(3));
    let r = kit.run(vec![(0, Op::NftMint { to: a, token_id: 7 })]);
    assert_eq!(r.state.nft_owner(7), Some(a));
    let r = kit.run(vec![(0, Op::NftMint { to: b, token_id: 7 })]);
    assert_eq!(only_problem(&r).rule, Rule::TokenExists);
    // A stranger cannot move it.
    let r = kit.run(vec![(
        2,
        Op::NftTransfer {
            from: a,
            to: b,
            token_id: 7,
        },
    )]);
    let p = only_problem(&r);
    assert_eq!(p.rule, Rule::NotOwner);
    assert_eq!(
        p.standard_error.as_deref(),
        Some(format!("ERC721InsufficientApproval({b}, 7)").as_str())
    );
    // Unknown id.
    let r = kit.run(vec![(
        1,
        Op::NftTransfer {
            from: a,
            to: b,
            token_id: 8,
        },
    )]);
    assert_eq!(
        only_problem(&r).standard_error.as_deref(),
        Some("ERC721NonexistentToken(8)")
    );
    // Approved address moves it; the approval is cleared by the transfer.
    let r = kit.run(vec![
        (
            1,
            Op::NftApprove {
                approved: b,
                token_id: 7,
            },
        ),
        (
            2,
            Op::NftTransfer {
                from: a,
                to: c,
                token_id: 7,
            },
        ),
    ]);
    assert!(last_ok(&r), "{:?}", last_problems(&r));
    assert_eq!(r.state.nft_owner(7), Some(c));
    assert_eq!(r.state.nft_approved(7), None);
    // Wrong `from`.
    let r = kit.run(vec![(
        3,
        Op::NftTransfer {
            from: a,
            to: b,
            token_id: 7,
        },
    )]);
    assert!(
        only_problem(&r)
            .standard_error
            .as_deref()
            .unwrap()
            .starts_with("ERC721IncorrectOwner(")
    );
    // An operator may move every token of the holder.
    let r = kit.run(vec![
        (
            3,
            Op::NftSetApprovalForAll {
                operator: a,
                approved: true,
            },
        ),
        (
            1,
            Op::NftTransfer {
                from: c,
                to: a,
                token_id: 7,
            },
        ),
    ]);
    assert!(last_ok(&r), "{:?}", last_problems(&r));
    assert_eq!(r.state.accounts().iter().map(|s| s.nfts).sum::<u64>(), 1);
}

// ---- ERC-3643 permission layer ----

#[test]
fn rwa_transfers_need_verified_receivers_unfrozen_wallets_and_no_pause() {
    let mut kit = Kit::new(4);
    let (a, b, c) = (kit.addr(1), kit.addr(2), kit.addr(3));
    let r = kit.run(vec![
        (
            0,
            Op::RwaRegister {
                investor: a,
                country: 840,
            },
        ),
        (
            0,
            Op::RwaRegister {
                investor: b,
                country: 276,
            },
        ),
        (
            0,
            Op::RwaMint {
                to: a,
                amount: 1000,
            },
        ),
    ]);
    assert!(last_ok(&r), "{:?}", last_problems(&r));
    let r = kit.run(vec![(0, Op::RwaMint { to: c, amount: 1 })]);
    assert_eq!(only_problem(&r).rule, Rule::ReceiverNotVerified);
    let r = kit.run(vec![(1, Op::RwaTransfer { to: c, amount: 1 })]);
    assert_eq!(only_problem(&r).rule, Rule::ReceiverNotVerified);
    let r = kit.run(vec![(
        2,
        Op::RwaRegister {
            investor: c,
            country: 840,
        },
    )]);
    assert_eq!(
        only_problem(&r).rule,
        Rule::Unauthorized,
        "only the agent registers"
    );
    // Partial freeze lowers what can move.
    let r = kit.run(vec![
        (
            0,
            Op::RwaFreezeTokens {
                account: a,
                amount: 900,
            },
        ),
        (1, Op::RwaTransfer { to: b, amount: 101 }),
    ]);
    let p = only_problem(&r);
    assert_eq!(
        (p.rule, p.have, p.need),
        (Rule::InsufficientBalance, Some(100), Some(101))
    );
    // Whole-wallet freeze, then pause.
    let r = kit.run(vec![
        (
            0,
            Op::RwaFreeze {
                account: b,
                frozen: true,
            },
        ),
        (1, Op::RwaTransfer { to: b, amount: 1 }),
    ]);
    assert_eq!(only_problem(&r).rule, Rule::Frozen);
    let r = kit.run(vec![
        (
            0,
            Op::RwaFreeze {
                account: b,
                frozen: false,
            },
        ),
        (0, Op::RwaPause { paused: true }),
        (1, Op::RwaTransfer { to: b, amount: 1 }),
    ]);
    assert_eq!(only_problem(&r).rule, Rule::Paused);
    // The agent's forced transfer works while paused and unfreezes what it needs.
    let r = kit.run(vec![(
        0,
        Op::RwaForcedTransfer {
            from: a,
            to: b,
            amount: 950,
        },
    )]);
    assert!(last_ok(&r), "{:?}", last_problems(&r));
    let acc = r.state.account(&a).unwrap();
    assert_eq!((acc.rwa_balance, acc.rwa_frozen_tokens), (50, 50));
    assert_eq!(r.state.account(&b).unwrap().rwa_balance, 950);
    // Recovery moves balance and identity to a new wallet.
    let r = kit.run(vec![(0, Op::RwaRecover { lost: b, new: c })]);
    assert!(last_ok(&r), "{:?}", last_problems(&r));
    let (old, new) = (r.state.account(&b).unwrap(), r.state.account(&c).unwrap());
    assert_eq!((old.rwa_balance, old.rwa_country), (0, None));
    assert_eq!((new.rwa_balance, new.rwa_country), (950, Some(276)));
    assert_eq!(r.state.rwa_supply, 1000);
}

// ---- every kind ----

#[test]
fn every_kind_of_operation_changes_the_state_when_allowed() {
    // One block using every kind, each allowed where it stands: a kind that validated as a silent no-op would
    // emit no event. A new kind fails here until the script uses it.
    let mut kit = Kit::new(4);
    let (a, b, c) = (kit.addr(1), kit.addr(2), kit.addr(3));
    let script = vec![
        (0, Op::Mint { to: a, amount: 100 }),
        (1, Op::Transfer { to: b, amount: 10 }),
        (
            1,
            Op::Approve {
                spender: b,
                amount: 20,
            },
        ),
        (
            2,
            Op::TransferFrom {
                owner: a,
                to: b,
                amount: 5,
            },
        ),
        (1, Op::Burn { amount: 1 }),
        (0, Op::NftMint { to: a, token_id: 1 }),
        (
            1,
            Op::NftApprove {
                approved: b,
                token_id: 1,
            },
        ),
        (
            1,
            Op::NftSetApprovalForAll {
                operator: b,
                approved: true,
            },
        ),
        (
            2,
            Op::NftTransfer {
                from: a,
                to: b,
                token_id: 1,
            },
        ),
        (
            0,
            Op::RwaRegister {
                investor: a,
                country: 840,
            },
        ),
        (
            0,
            Op::RwaRegister {
                investor: b,
                country: 276,
            },
        ),
        (0, Op::RwaMint { to: a, amount: 100 }),
        (1, Op::RwaTransfer { to: b, amount: 10 }),
        (0, Op::RwaBurn { from: a, amount: 1 }),
        (
            0,
            Op::RwaFreezeTokens {
                account: a,
                amount: 5,
            },
        ),
        (
            0,
            Op::RwaUnfreezeTokens {
                account: a,
                amount: 5,
            },
        ),
        (
            0,
            Op::RwaFreeze {
                account: a,
                frozen: true,
            },
        ),
        (
            0,
            Op::RwaForcedTransfer {
                from: a,
                to: b,
                amount: 5,
            },
        ),
        (0, Op::RwaRecover { lost: a, new: c }),
        (0, Op::RwaPause { paused: true }),
        (0, Op::RwaUnregister { investor: b }),
    ];
    let kinds: Vec<OpKind> = script.iter().map(|(_, op)| op.kind()).collect();
    let r = kit.run(script);
    assert!(last_ok(&r), "{:?}", last_problems(&r));
    let block = r.blocks.len() - 1;
    for &kind in OpKind::ALL {
        let emitting = kinds
            .iter()
            .enumerate()
            .any(|(t, k)| *k == kind && r.events.iter().any(|e| e.block == block && e.tx == t));
        assert!(emitting, "{kind:?} is used and emits an event");
    }
}
