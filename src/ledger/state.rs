//! Token state replayed from the transactions: balances, nonces, allowances, NFT owners and approvals, and the
//! permissioned asset's registry, freezes and pause. Operations follow OpenZeppelin 5 and T-REX (ERC-3643).

use std::collections::{BTreeMap, HashMap, HashSet};

use foldhash::fast::RandomState;
use serde::Serialize;

use super::types::{Address, amount};

/// Per-account state.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AccountState {
    /// The account's address.
    pub address: Address,
    /// Transactions it has signed so far (its next nonce).
    pub nonce: u64,
    /// ERC-20 balance.
    #[serde(with = "amount")]
    pub balance: u128,
    /// NFTs held.
    pub nfts: u64,
    /// Permissioned-asset balance (frozen tokens included).
    #[serde(with = "amount")]
    pub rwa_balance: u128,
    /// Permissioned-asset tokens frozen by the agent.
    #[serde(with = "amount")]
    pub rwa_frozen_tokens: u128,
    /// Whether the agent froze the whole wallet.
    pub rwa_frozen: bool,
    /// Country code in the identity registry, when the wallet is a verified investor.
    pub rwa_country: Option<u16>,
}

/// Which fungible token an event is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fungible {
    /// The ERC-20 token.
    Erc20,
    /// The permissioned real-world asset.
    Rwa,
}

/// What happened, as the contracts' events say it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum EventKind {
    /// `Transfer(from, to, value)`; `from` zero is a mint, `to` zero a burn.
    Transfer {
        /// Which token.
        token: Fungible,
        /// Sender.
        from: Address,
        /// Receiver.
        to: Address,
        /// Raw amount.
        #[serde(with = "amount")]
        value: u128,
    },
    /// `Approval(owner, spender, value)`.
    Approval {
        /// Owner.
        owner: Address,
        /// Spender.
        spender: Address,
        /// New allowance.
        #[serde(with = "amount")]
        value: u128,
    },
    /// ERC-721 `Transfer(from, to, tokenId)`.
    NftTransfer {
        /// Sender (zero for a mint).
        from: Address,
        /// Receiver.
        to: Address,
        /// Token id.
        token_id: u64,
    },
    /// ERC-721 `Approval(owner, approved, tokenId)`.
    NftApproval {
        /// Holder.
        owner: Address,
        /// Approved address (zero clears).
        approved: Address,
        /// Token id.
        token_id: u64,
    },
    /// ERC-721 `ApprovalForAll(owner, operator, approved)`.
    ApprovalForAll {
        /// Holder.
        owner: Address,
        /// Operator.
        operator: Address,
        /// Granted or revoked.
        approved: bool,
    },
    /// ERC-3643 `IdentityRegistered`.
    IdentityRegistered {
        /// Investor.
        investor: Address,
        /// Country code.
        country: u16,
    },
    /// ERC-3643 `IdentityRemoved`.
    IdentityRemoved {
        /// Investor.
        investor: Address,
    },
    /// ERC-3643 `AddressFrozen`.
    AddressFrozen {
        /// Wallet.
        account: Address,
        /// Frozen or not.
        frozen: bool,
    },
    /// ERC-3643 `TokensFrozen`.
    TokensFrozen {
        /// Wallet.
        account: Address,
        /// Raw amount.
        #[serde(with = "amount")]
        amount: u128,
    },
    /// ERC-3643 `TokensUnfrozen`.
    TokensUnfrozen {
        /// Wallet.
        account: Address,
        /// Raw amount.
        #[serde(with = "amount")]
        amount: u128,
    },
    /// `Paused` / `Unpaused`.
    Paused {
        /// Paused or unpaused.
        paused: bool,
    },
    /// ERC-3643 `RecoverySuccess(lostWallet, newWallet)`.
    RecoverySuccess {
        /// Lost wallet.
        lost: Address,
        /// New wallet.
        new: Address,
    },
}

/// An event and the transaction that emitted it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Event {
    /// Block index.
    pub block: usize,
    /// Transaction index within the block.
    pub tx: usize,
    /// What happened.
    #[serde(flatten)]
    pub kind: EventKind,
}

/// The whole token state.
#[derive(Clone, Debug, Default)]
pub struct State {
    index: HashMap<Address, u32, RandomState>,
    accounts: Vec<AccountState>,
    pub(super) allowances: HashMap<(u32, u32), u128, RandomState>,
    pub(super) nft_owner: BTreeMap<u64, u32>,
    pub(super) nft_approved: HashMap<u64, u32, RandomState>,
    pub(super) operators: HashSet<(u32, u32), RandomState>,
    /// ERC-20 total supply.
    pub erc20_supply: u128,
    /// Permissioned-asset total supply.
    pub rwa_supply: u128,
    /// Whether the permissioned asset is paused.
    pub rwa_paused: bool,
}

impl State {
    /// An empty state with room for `accounts` accounts, so the replay does not rehash as it meets them.
    pub fn with_capacity(accounts: usize) -> Self {
        let mut state = Self::default();
        state.index.reserve(accounts);
        state.accounts.reserve(accounts);
        state
    }

    /// The id of an address, adding it on first sight.
    pub(super) fn id(&mut self, address: &Address) -> u32 {
        if let Some(&id) = self.index.get(address) {
            return id;
        }
        let id = self.accounts.len() as u32;
        self.accounts.push(AccountState {
            address: *address,
            ..AccountState::default()
        });
        self.index.insert(*address, id);
        id
    }

    pub(super) fn acc(&self, id: u32) -> &AccountState {
        &self.accounts[id as usize]
    }

    pub(super) fn acc_mut(&mut self, id: u32) -> &mut AccountState {
        &mut self.accounts[id as usize]
    }

    pub(super) fn addr(&self, id: u32) -> Address {
        self.accounts[id as usize].address
    }

    /// Every account seen, in order of first appearance.
    pub fn accounts(&self) -> &[AccountState] {
        &self.accounts
    }

    /// One account's state, if it ever appeared.
    pub fn account(&self, address: &Address) -> Option<&AccountState> {
        self.index.get(address).map(|&id| self.acc(id))
    }

    /// ERC-20 balance (zero for unknown accounts).
    pub fn balance(&self, address: &Address) -> u128 {
        self.account(address).map_or(0, |a| a.balance)
    }

    /// The next nonce an address must use.
    pub fn nonce(&self, address: &Address) -> u64 {
        self.account(address).map_or(0, |a| a.nonce)
    }

    /// ERC-20 allowance of `spender` over `owner`'s tokens; `u128::MAX` is unlimited.
    pub fn allowance(&self, owner: &Address, spender: &Address) -> u128 {
        match (self.index.get(owner), self.index.get(spender)) {
            (Some(&o), Some(&s)) => self.allowances.get(&(o, s)).copied().unwrap_or(0),
            _ => 0,
        }
    }

    /// Every non-zero allowance: (owner, spender, amount), sorted.
    pub fn allowances(&self) -> Vec<(Address, Address, u128)> {
        let mut out: Vec<_> = self
            .allowances
            .iter()
            .filter(|&(_, &v)| v > 0)
            .map(|(&(o, s), &v)| (self.addr(o), self.addr(s), v))
            .collect();
        out.sort();
        out
    }

    /// The holder of an NFT.
    pub fn nft_owner(&self, token_id: u64) -> Option<Address> {
        self.nft_owner.get(&token_id).map(|&id| self.addr(id))
    }

    /// Every NFT and its holder, by token id.
    pub fn nfts(&self) -> Vec<(u64, Address)> {
        self.nft_owner
            .iter()
            .map(|(&t, &o)| (t, self.addr(o)))
            .collect()
    }

    /// The address approved for one NFT.
    pub fn nft_approved(&self, token_id: u64) -> Option<Address> {
        self.nft_approved.get(&token_id).map(|&id| self.addr(id))
    }

    /// Σ ERC-20 balances and Σ permissioned balances (they must equal the supplies).
    pub fn balance_sums(&self) -> (u128, u128) {
        let mut erc20: u128 = 0;
        let mut rwa: u128 = 0;
        for a in &self.accounts {
            erc20 = erc20.wrapping_add(a.balance);
            rwa = rwa.wrapping_add(a.rwa_balance);
        }
        (erc20, rwa)
    }

    /// Number of NFTs in existence.
    pub fn nft_count(&self) -> usize {
        self.nft_owner.len()
    }
}
