//! Well-known ERC-20 contracts, so a raw transaction to one shows its amount in whole tokens.

use super::address::Address;

/// A token contract whose `decimals()` is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Ticker symbol.
    pub symbol: &'static str,
    /// Contract address, EIP-55 checksummed.
    pub address: &'static str,
    /// What the contract's `decimals()` returns.
    pub decimals: u8,
}

/// The widely published Ethereum mainnet contract addresses of four major tokens and the value their `decimals()`
/// returns (USDT and USDC use 6, DAI and WETH 18). Only used on chain id 1 or when the chain is unknown.
pub const KNOWN_TOKENS: &[Token] = &[
    Token {
        symbol: "USDT",
        address: "0xdAC17F958D2ee523a2206206994597C13D831ec7",
        decimals: 6,
    },
    Token {
        symbol: "USDC",
        address: "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
        decimals: 6,
    },
    Token {
        symbol: "DAI",
        address: "0x6B175474E89094C44Da98b954EedeAC495271d0F",
        decimals: 18,
    },
    Token {
        symbol: "WETH",
        address: "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
        decimals: 18,
    },
];

/// The known mainnet token at `address`, if any.
pub fn known_token(address: &Address) -> Option<&'static Token> {
    let lower = hex::encode(address.0);
    KNOWN_TOKENS.iter().find(|t| {
        t.address
            .get(2..)
            .is_some_and(|h| h.eq_ignore_ascii_case(&lower))
    })
}
