//! The kinds of operation, without their fields: [`OpKind`] names every [`Op`] variant once, lists them all in
//! menu order ([`OpKind::ALL`]), and makes a fresh operation of a kind. Tests and the operation menu iterate over
//! `ALL`, so a new `Op` variant cannot be left out of them. Imports std and the ledger model only.

use super::model::Op;
use super::types::Address;

/// Declares [`OpKind`] with [`OpKind::ALL`] and [`OpKind::name`] from one list, so that no kind can be declared
/// without being listed.
macro_rules! op_kinds {
    ($($(#[doc = $doc:literal])* $kind:ident = $name:literal,)*) => {
        /// What an operation does, without its fields: one kind per [`Op`] variant.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum OpKind {
            $($(#[doc = $doc])* $kind,)*
        }

        impl OpKind {
            /// Every kind, in menu order (the order of [`Op`]'s variants).
            pub const ALL: &'static [Self] = &[$(Self::$kind,)*];

            /// The name as the JSON writes it (`transfer_from`).
            pub fn name(self) -> &'static str {
                match self {
                    $(Self::$kind => $name,)*
                }
            }
        }
    };
}

op_kinds! {
    /// [`Op::Mint`].
    Mint = "mint",
    /// [`Op::Transfer`].
    Transfer = "transfer",
    /// [`Op::Approve`].
    Approve = "approve",
    /// [`Op::TransferFrom`].
    TransferFrom = "transfer_from",
    /// [`Op::Burn`].
    Burn = "burn",
    /// [`Op::NftMint`].
    NftMint = "nft_mint",
    /// [`Op::NftTransfer`].
    NftTransfer = "nft_transfer",
    /// [`Op::NftApprove`].
    NftApprove = "nft_approve",
    /// [`Op::NftSetApprovalForAll`].
    NftSetApprovalForAll = "nft_set_approval_for_all",
    /// [`Op::RwaRegister`].
    RwaRegister = "rwa_register",
    /// [`Op::RwaUnregister`].
    RwaUnregister = "rwa_unregister",
    /// [`Op::RwaMint`].
    RwaMint = "rwa_mint",
    /// [`Op::RwaTransfer`].
    RwaTransfer = "rwa_transfer",
    /// [`Op::RwaBurn`].
    RwaBurn = "rwa_burn",
    /// [`Op::RwaFreeze`].
    RwaFreeze = "rwa_freeze",
    /// [`Op::RwaFreezeTokens`].
    RwaFreezeTokens = "rwa_freeze_tokens",
    /// [`Op::RwaUnfreezeTokens`].
    RwaUnfreezeTokens = "rwa_unfreeze_tokens",
    /// [`Op::RwaPause`].
    RwaPause = "rwa_pause",
    /// [`Op::RwaForcedTransfer`].
    RwaForcedTransfer = "rwa_forced_transfer",
    /// [`Op::RwaRecover`].
    RwaRecover = "rwa_recover",
}

/// Which of the ledger's three tokens an operation acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// The fungible token (ERC-20).
    Erc20,
    /// The NFT collection (ERC-721).
    Nft,
    /// The permissioned real-world asset (ERC-3643).
    Rwa,
}

impl OpKind {
    /// The token this kind of operation acts on.
    pub fn token(self) -> TokenKind {
        match self {
            Self::Mint | Self::Transfer | Self::Approve | Self::TransferFrom | Self::Burn => {
                TokenKind::Erc20
            }
            Self::NftMint | Self::NftTransfer | Self::NftApprove | Self::NftSetApprovalForAll => {
                TokenKind::Nft
            }
            Self::RwaRegister
            | Self::RwaUnregister
            | Self::RwaMint
            | Self::RwaTransfer
            | Self::RwaBurn
            | Self::RwaFreeze
            | Self::RwaFreezeTokens
            | Self::RwaUnfreezeTokens
            | Self::RwaPause
            | Self::RwaForcedTransfer
            | Self::RwaRecover => TokenKind::Rwa,
        }
    }

    /// A new operation of this kind that keeps `old`'s counterparty and amount where both kinds have them (the
    /// operation menu switching kinds). Other addresses are zero, token ids 0, country 840 (the United States),
    /// and flags set.
    pub fn make(self, old: &Op) -> Op {
        let (to, amount) = old.counterparty_and_amount();
        let z = Address::ZERO;
        match self {
            Self::Mint => Op::Mint { to, amount },
            Self::Transfer => Op::Transfer { to, amount },
            Self::Approve => Op::Approve {
                spender: to,
                amount,
            },
            Self::TransferFrom => Op::TransferFrom {
                owner: z,
                to,
                amount,
            },
            Self::Burn => Op::Burn { amount },
            Self::NftMint => Op::NftMint { to, token_id: 0 },
            Self::NftTransfer => Op::NftTransfer {
                from: z,
                to,
                token_id: 0,
            },
            Self::NftApprove => Op::NftApprove {
                approved: to,
                token_id: 0,
            },
            Self::NftSetApprovalForAll => Op::NftSetApprovalForAll {
                operator: to,
                approved: true,
            },
            Self::RwaRegister => Op::RwaRegister {
                investor: to,
                country: 840,
            },
            Self::RwaUnregister => Op::RwaUnregister { investor: to },
            Self::RwaMint => Op::RwaMint { to, amount },
            Self::RwaTransfer => Op::RwaTransfer { to, amount },
            Self::RwaBurn => Op::RwaBurn { from: to, amount },
            Self::RwaFreeze => Op::RwaFreeze {
                account: to,
                frozen: true,
            },
            Self::RwaFreezeTokens => Op::RwaFreezeTokens {
                account: to,
                amount,
            },
            Self::RwaUnfreezeTokens => Op::RwaUnfreezeTokens {
                account: to,
                amount,
            },
            Self::RwaPause => Op::RwaPause { paused: true },
            Self::RwaForcedTransfer => Op::RwaForcedTransfer {
                from: z,
                to,
                amount,
            },
            Self::RwaRecover => Op::RwaRecover { lost: z, new: to },
        }
    }
}

impl Op {
    /// The operation's kind.
    pub fn kind(&self) -> OpKind {
        match self {
            Self::Mint { .. } => OpKind::Mint,
            Self::Transfer { .. } => OpKind::Transfer,
            Self::Approve { .. } => OpKind::Approve,
            Self::TransferFrom { .. } => OpKind::TransferFrom,
            Self::Burn { .. } => OpKind::Burn,
            Self::NftMint { .. } => OpKind::NftMint,
            Self::NftTransfer { .. } => OpKind::NftTransfer,
            Self::NftApprove { .. } => OpKind::NftApprove,
            Self::NftSetApprovalForAll { .. } => OpKind::NftSetApprovalForAll,
            Self::RwaRegister { .. } => OpKind::RwaRegister,
            Self::RwaUnregister { .. } => OpKind::RwaUnregister,
            Self::RwaMint { .. } => OpKind::RwaMint,
            Self::RwaTransfer { .. } => OpKind::RwaTransfer,
            Self::RwaBurn { .. } => OpKind::RwaBurn,
            Self::RwaFreeze { .. } => OpKind::RwaFreeze,
            Self::RwaFreezeTokens { .. } => OpKind::RwaFreezeTokens,
            Self::RwaUnfreezeTokens { .. } => OpKind::RwaUnfreezeTokens,
            Self::RwaPause { .. } => OpKind::RwaPause,
            Self::RwaForcedTransfer { .. } => OpKind::RwaForcedTransfer,
            Self::RwaRecover { .. } => OpKind::RwaRecover,
        }
    }

    /// The operation's name as the JSON writes it (`transfer_from`).
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

    /// The address the operation acts towards (receiver, spender, investor, account, approved address or operator,
    /// zero when none) and its amount (0 when none): what [`OpKind::make`] carries over to another kind.
    pub fn counterparty_and_amount(&self) -> (Address, u128) {
        match self {
            Self::Mint { to, amount }
            | Self::Transfer { to, amount }
            | Self::TransferFrom { to, amount, .. }
            | Self::RwaMint { to, amount }
            | Self::RwaTransfer { to, amount }
            | Self::RwaForcedTransfer { to, amount, .. }
            | Self::Approve {
                spender: to,
                amount,
            }
            | Self::RwaBurn { from: to, amount }
            | Self::RwaFreezeTokens {
                account: to,
                amount,
            }
            | Self::RwaUnfreezeTokens {
                account: to,
                amount,
            } => (*to, *amount),
            Self::NftMint { to, .. } | Self::NftTransfer { to, .. } => (*to, 0),
            Self::Burn { amount } => (Address::ZERO, *amount),
            Self::NftApprove { .. }
            | Self::NftSetApprovalForAll { .. }
            | Self::RwaRegister { .. }
            | Self::RwaUnregister { .. }
            | Self::RwaFreeze { .. }
            | Self::RwaPause { .. }
            | Self::RwaRecover { .. } => (Address::ZERO, 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_listed_once_and_makes_an_op_of_its_kind() {
        let seed = Op::Transfer {
            to: Address([7; 20]),
            amount: 5,
        };
        for (i, &kind) in OpKind::ALL.iter().enumerate() {
            assert_eq!(
                OpKind::ALL.iter().position(|&k| k == kind),
                Some(i),
                "{kind:?} listed twice"
            );
            let op = kind.make(&seed);
            assert_eq!(op.kind(), kind);
            assert_eq!(op.name(), kind.name());
        }
    }

    #[test]
    fn names_are_the_json_tags() {
        for &kind in OpKind::ALL {
            let json = serde_json::to_value(kind.make(&Op::Burn { amount: 1 })).unwrap();
            assert_eq!(json["op"], kind.name(), "{kind:?}");
        }
    }

    #[test]
    fn switching_kind_keeps_the_counterparty_and_amount() {
        let to = Address([3; 20]);
        let op = OpKind::RwaFreezeTokens.make(&Op::Transfer { to, amount: 9 });
        assert_eq!(op.counterparty_and_amount(), (to, 9));
        assert_eq!(
            OpKind::Burn.make(&op).counterparty_and_amount(),
            (Address::ZERO, 9)
        );
    }
}
