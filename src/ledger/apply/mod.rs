//! Applying one operation to the state, with OpenZeppelin 5 semantics for ERC-20/721 (`erc20`, `nft`) and T-REX
//! semantics for the permissioned asset (`rwa`). Every check runs before any change, so a refused operation leaves
//! the state untouched. [`apply`] matches every `Op` variant by name, so a new operation does not compile until it
//! is handled here. The checks shared by the three tokens (owner, agent, zero address, balance) live here too.

mod erc20;
mod nft;
mod rwa;

use super::model::Op;
use super::rules::{Rule, Violation};
use super::state::{EventKind, Fungible, State};
use super::types::Address;
use crate::i18n::Words;

const OVERFLOW: &str = "Panic(0x11): arithmetic overflow";
const NOT_AGENT: &str = "AgentRole: caller does not have the Agent role";

/// `role` is the catalogue key of the role's name (`ledger.role.receiver`).
fn zero_address(role: &'static str, error: &str) -> Violation {
    let message = words!("ledger.rule.zero_address").with_words("role", Words::new(role));
    Violation::new(Rule::ZeroAddress, message).std(format!(
        "{error}(0x0000000000000000000000000000000000000000)"
    ))
}

/// `what` is the catalogue key of the action (`ledger.action.mint`).
fn owner_only(signer: &Address, owner: &Address, what: &'static str) -> Result<(), Violation> {
    if signer == owner {
        return Ok(());
    }
    Err(Violation::new(
        Rule::Unauthorized,
        only(key!("ledger.rule.owner_only"), signer, owner, what),
    )
    .std(format!("OwnableUnauthorizedAccount({signer})")))
}

/// `what` is the catalogue key of the action (`ledger.action.freeze_wallets`).
fn agent(signer: &Address, owner: &Address, what: &'static str) -> Result<(), Violation> {
    if signer == owner {
        return Ok(());
    }
    Err(Violation::new(
        Rule::Unauthorized,
        only(key!("ledger.rule.agent_only"), signer, owner, what),
    )
    .std(NOT_AGENT))
}

fn only(key: &'static str, signer: &Address, owner: &Address, what: &'static str) -> Words {
    Words::new(key)
        .with("owner", owner.short())
        .with_words("what", Words::new(what))
        .with("signer", signer.short())
}

fn short(who: &Address, have: u128, need: u128, error: String) -> Violation {
    Violation::shortfall(
        Rule::InsufficientBalance,
        key!("ledger.rule.short_tokens"),
        who,
        have,
        need,
    )
    .std(error)
}

/// What applying one operation works on: the state it changes, the token owner (and agent), the signer, and the
/// events it emits.
struct Ctx<'a> {
    state: &'a mut State,
    owner: &'a Address,
    signer: &'a Address,
    events: &'a mut Vec<EventKind>,
}

/// Apply `op`, signed by `signer`, where `owner` is the token owner and agent. Pushes the events it emits.
pub fn apply(
    state: &mut State,
    owner: &Address,
    signer: &Address,
    op: &Op,
    events: &mut Vec<EventKind>,
) -> Result<(), Violation> {
    let cx = Ctx {
        state,
        owner,
        signer,
        events,
    };
    match op {
        Op::Mint { to, amount } => erc20::mint(cx, to, *amount),
        Op::Transfer { to, amount } => erc20::transfer(cx, to, *amount),
        Op::Approve { spender, amount } => erc20::approve(cx, spender, *amount),
        Op::TransferFrom { owner, to, amount } => erc20::transfer_from(cx, owner, to, *amount),
        Op::Burn { amount } => erc20::burn(cx, *amount),
        Op::NftMint { to, token_id } => nft::mint(cx, to, *token_id),
        Op::NftTransfer { from, to, token_id } => nft::transfer(cx, from, to, *token_id),
        Op::NftApprove { approved, token_id } => nft::approve(cx, approved, *token_id),
        Op::NftSetApprovalForAll { operator, approved } => {
            nft::set_approval_for_all(cx, operator, *approved)
        }
        Op::RwaRegister { investor, country } => rwa::register(cx, investor, *country),
        Op::RwaUnregister { investor } => rwa::unregister(cx, investor),
        Op::RwaMint { to, amount } => rwa::mint(cx, to, *amount),
        Op::RwaTransfer { to, amount } => rwa::transfer(cx, to, *amount),
        Op::RwaBurn { from, amount } => rwa::burn(cx, from, *amount),
        Op::RwaFreeze { account, frozen } => rwa::freeze(cx, account, *frozen),
        Op::RwaFreezeTokens { account, amount } => rwa::freeze_tokens(cx, account, *amount),
        Op::RwaUnfreezeTokens { account, amount } => rwa::unfreeze_tokens(cx, account, *amount),
        Op::RwaPause { paused } => rwa::pause(cx, *paused),
        Op::RwaForcedTransfer { from, to, amount } => rwa::forced_transfer(cx, from, to, *amount),
        Op::RwaRecover { lost, new } => rwa::recover(cx, lost, new),
    }
}

/// A `Transfer` event of a fungible token.
fn transfer_event(token: Fungible, from: Address, to: Address, value: u128) -> EventKind {
    EventKind::Transfer {
        token,
        from,
        to,
        value,
    }
}
