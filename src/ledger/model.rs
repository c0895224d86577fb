//! The ledger as data: a chain of blocks holding signed transactions on three tokens (ERC-20, ERC-721 and an
//! ERC-3643-style permissioned asset). This is what is saved as readable JSON; every derived value (hashes, roots,
//! balances) is recomputed by `validate`, so a tampered file shows up as problems, never as trusted state.

use serde::{Deserialize, Serialize};

pub use super::genesis::Genesis;
use super::types::{Address, H256, Sig, amount};

/// The file format tag written into every saved ledger. Version 2 signs and links the metadata (see `genesis`).
pub const FORMAT: &str = "tokenlens-ledger/2";

/// The first format: its metadata (tokens, accounts, difficulty) is covered by no hash or signature. Such files
/// still open, with a notice, and are saved as they were read.
pub const FORMAT_V1: &str = "tokenlens-ledger/1";

/// A whole ledger: its tokens, its known accounts and its blocks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chain {
    /// [`FORMAT`], or [`FORMAT_V1`] for a file in the old format.
    pub format: String,
    /// A name for people ("Demo chain", "Double-spend lesson").
    pub name: String,
    /// Difficulty every block must meet, in leading zero bits of its hash.
    pub difficulty_bits: u32,
    /// The three tokens and who may administer them.
    pub tokens: Tokens,
    /// Known accounts, with labels for people. Transactions may also name addresses not listed here.
    #[serde(deserialize_with = "super::bounded::accounts")]
    pub accounts: Vec<Account>,
    /// The seed the demo keys were derived from (see `keys::demo_key`). Demo keys are published teaching keys,
    /// never real ones; keys a user types in are never saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demo_key_seed: Option<String>,
    /// The owner's signed commitment to everything above; block 0's previous hash is its hash. Required by
    /// [`FORMAT`], absent in [`FORMAT_V1`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genesis: Option<Genesis>,
    /// The blocks, first (index 0) to last.
    #[serde(deserialize_with = "super::bounded::blocks")]
    pub blocks: Vec<Block>,
}

impl Chain {
    /// Whether the metadata is protected: false for a file in the old format ([`FORMAT_V1`]), whose token
    /// definitions, labels and difficulty could be edited without any check noticing.
    pub fn metadata_protected(&self) -> bool {
        self.format != FORMAT_V1
    }

    /// What block 0's previous hash must be: the genesis record's hash, or zero in the old format.
    pub fn first_prev(&self) -> H256 {
        match (&self.genesis, self.metadata_protected()) {
            (Some(g), true) => g.hash(),
            _ => H256::ZERO,
        }
    }
}

/// A known account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// A name for people ("Alice").
    pub label: String,
    /// Its address.
    pub address: Address,
    /// Index of its demo key, when it has one (see `keys::demo_key`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demo_key: Option<u32>,
}

/// The tokens this ledger tracks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tokens {
    /// The issuer: the only account that may mint the ERC-20 and the NFTs (OpenZeppelin `Ownable`), and the agent
    /// of the permissioned asset.
    pub owner: Address,
    /// The fungible token.
    pub erc20: FungibleInfo,
    /// The NFT collection.
    pub nft: NftInfo,
    /// The tokenized real-world asset.
    pub rwa: RwaInfo,
}

/// Name, symbol and decimals of a fungible token (ERC-20 metadata).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FungibleInfo {
    /// Name ("Lens Coin").
    pub name: String,
    /// Symbol ("LENS").
    pub symbol: String,
    /// Display decimals: 18 means amounts are shown divided by 10^18. Changes only how amounts are shown.
    pub decimals: u8,
}

/// Name and symbol of an NFT collection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NftInfo {
    /// Name ("Lens Art").
    pub name: String,
    /// Symbol ("LART").
    pub symbol: String,
}

/// A tokenized real-world asset: ERC-20 compatible, but every move is checked against an identity registry,
/// freezes and a pause, and an agent can force transfers and recover lost wallets (ERC-3643 "T-REX").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RwaInfo {
    /// Metadata.
    #[serde(flatten)]
    pub token: FungibleInfo,
    /// What the token stands for, in plain words.
    pub asset: String,
}

/// One block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// Position in the chain, from 0.
    pub index: u64,
    /// Seconds since 1970-01-01 UTC.
    pub timestamp: u64,
    /// Hash of the previous block's header (zero for the first block).
    pub prev: H256,
    /// Merkle root of the transaction hashes.
    pub merkle_root: H256,
    /// Difficulty claimed by this block, in bits.
    pub bits: u32,
    /// The number miners change until the header hash is below the target.
    pub nonce: u64,
    /// The header hash as written by the miner. Validation recomputes it.
    pub hash: H256,
    /// The transactions, in order.
    #[serde(deserialize_with = "super::bounded::txs")]
    pub txs: Vec<Tx>,
}

/// A signed transaction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tx {
    /// The signer.
    pub from: Address,
    /// The signer's transaction count before this one: stops replays and fixes the order.
    pub nonce: u64,
    /// What it does.
    #[serde(flatten)]
    pub op: Op,
    /// Signature over the canonical signing bytes (`encode::tx_signing_bytes`).
    pub signature: Sig,
}

/// What a transaction does. Amounts are raw integers (no decimals); `u128::MAX` as an allowance means unlimited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// ERC-20: create tokens (owner only).
    Mint {
        /// Receiver.
        to: Address,
        /// Raw amount.
        #[serde(with = "amount")]
        amount: u128,
    },
    /// ERC-20: move the signer's tokens.
    Transfer {
        /// Receiver.
        to: Address,
        /// Raw amount.
        #[serde(with = "amount")]
        amount: u128,
    },
    /// ERC-20: let `spender` move up to `amount` of the signer's tokens (overwrites the old allowance).
    Approve {
        /// Who may spend.
        spender: Address,
        /// Allowance; `u128::MAX` is unlimited.
        #[serde(with = "amount")]
        amount: u128,
    },
    /// ERC-20: move `owner`'s tokens, spending the signer's allowance.
    TransferFrom {
        /// Whose tokens.
        owner: Address,
        /// Receiver.
        to: Address,
        /// Raw amount.
        #[serde(with = "amount")]
        amount: u128,
    },
    /// ERC-20: destroy the signer's tokens.
    Burn {
        /// Raw amount.
        #[serde(with = "amount")]
        amount: u128,
    },
    /// ERC-721: create a token (owner only).
    NftMint {
        /// Receiver.
        to: Address,
        /// Token id.
        token_id: u64,
    },
    /// ERC-721: `transferFrom(from, to, id)`, by the holder, its approved address or an operator.
    NftTransfer {
        /// Current holder. Written `token_from`: the transaction's own `from` is the signer, and the operation's
        /// fields share its JSON object.
        #[serde(rename = "token_from")]
        from: Address,
        /// Receiver.
        to: Address,
        /// Token id.
        token_id: u64,
    },
    /// ERC-721: approve one address for one token (zero clears).
    NftApprove {
        /// Approved address.
        approved: Address,
        /// Token id.
        token_id: u64,
    },
    /// ERC-721: approve or revoke an operator for all the signer's tokens.
    NftSetApprovalForAll {
        /// Operator.
        operator: Address,
        /// Grant or revoke.
        approved: bool,
    },
    /// ERC-3643: add a verified investor to the identity registry (agent only).
    RwaRegister {
        /// Investor wallet.
        investor: Address,
        /// ISO 3166-1 numeric country code.
        country: u16,
    },
    /// ERC-3643: remove an investor from the registry (agent only).
    RwaUnregister {
        /// Investor wallet.
        investor: Address,
    },
    /// ERC-3643: issue tokens to a verified investor (agent only).
    RwaMint {
        /// Receiver.
        to: Address,
        /// Raw amount.
        #[serde(with = "amount")]
        amount: u128,
    },
    /// ERC-3643: move the signer's unfrozen tokens to a verified investor.
    RwaTransfer {
        /// Receiver.
        to: Address,
        /// Raw amount.
        #[serde(with = "amount")]
        amount: u128,
    },
    /// ERC-3643: redeem (burn) an investor's tokens (agent only).
    RwaBurn {
        /// Whose tokens (written `account`: `from` is the signer).
        #[serde(rename = "account")]
        from: Address,
        /// Raw amount.
        #[serde(with = "amount")]
        amount: u128,
    },
    /// ERC-3643: freeze or unfreeze a whole wallet (agent only).
    RwaFreeze {
        /// Wallet.
        account: Address,
        /// Freeze or unfreeze.
        frozen: bool,
    },
    /// ERC-3643: freeze part of a wallet's balance (agent only).
    RwaFreezeTokens {
        /// Wallet.
        account: Address,
        /// Raw amount.
        #[serde(with = "amount")]
        amount: u128,
    },
    /// ERC-3643: unfreeze part of a wallet's frozen balance (agent only).
    RwaUnfreezeTokens {
        /// Wallet.
        account: Address,
        /// Raw amount.
        #[serde(with = "amount")]
        amount: u128,
    },
    /// ERC-3643: pause or unpause all investor transfers (agent only).
    RwaPause {
        /// Pause or unpause.
        paused: bool,
    },
    /// ERC-3643: move tokens without the holder's signature, for a court order (agent only).
    RwaForcedTransfer {
        /// Whose tokens (written `account`: `from` is the signer).
        #[serde(rename = "account")]
        from: Address,
        /// Verified receiver.
        to: Address,
        /// Raw amount.
        #[serde(with = "amount")]
        amount: u128,
    },
    /// ERC-3643: move a lost wallet's tokens, freezes and identity to a new wallet (agent only).
    RwaRecover {
        /// The wallet whose key was lost.
        lost: Address,
        /// The investor's new wallet.
        new: Address,
    },
}
