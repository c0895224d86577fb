//! The ERC-20 and ERC-721 functions we name: signatures, parameter meanings and 4-byte selectors.

/// The meaning of one parameter (its Solidity type, plus what a `uint256` counts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param {
    /// `address`.
    Address,
    /// `uint256` counting token base units.
    Amount,
    /// `uint256` naming an ERC-721 token.
    TokenId,
    /// `uint256` that is an amount for ERC-20 and a token id for ERC-721 (shared selectors).
    AmountOrTokenId,
    /// `bool`.
    Bool,
    /// `bytes` (dynamic: an offset word in the head, then length and data in the tail).
    Bytes,
}

impl Param {
    /// The Solidity type name.
    pub fn sol_type(self) -> &'static str {
        match self {
            Self::Address => "address",
            Self::Amount | Self::TokenId | Self::AmountOrTokenId => "uint256",
            Self::Bool => "bool",
            Self::Bytes => "bytes",
        }
    }
}

/// A known function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Function {
    /// Function name.
    pub name: &'static str,
    /// Parameter names and meanings.
    pub params: &'static [(&'static str, Param)],
    /// First 4 bytes of keccak256 of [`Function::signature`] (a test checks each entry).
    pub selector: [u8; 4],
    /// Which standard defines it.
    pub standard: &'static str,
}

impl Function {
    /// The canonical signature, such as `transfer(address,uint256)`.
    pub fn signature(&self) -> String {
        let types: Vec<&str> = self.params.iter().map(|(_, p)| p.sol_type()).collect();
        format!("{}({})", self.name, types.join(","))
    }
}

use Param::{Address as A, Amount, AmountOrTokenId, Bool, Bytes, TokenId};

/// The functions we name. ERC-20 and ERC-721 share `approve`, `transferFrom` and `balanceOf`.
#[rustfmt::skip]
pub const FUNCTIONS: &[Function] = &[
    f("transfer", &[("to", A), ("amount", Amount)], [0xa9, 0x05, 0x9c, 0xbb], "ERC-20"),
    f("approve", &[("spender", A), ("amount", AmountOrTokenId)], [0x09, 0x5e, 0xa7, 0xb3], "ERC-20 / ERC-721"),
    f("transferFrom", &[("from", A), ("to", A), ("amount", AmountOrTokenId)], [0x23, 0xb8, 0x72, 0xdd], "ERC-20 / ERC-721"),
    f("balanceOf", &[("owner", A)], [0x70, 0xa0, 0x82, 0x31], "ERC-20 / ERC-721"),
    f("totalSupply", &[], [0x18, 0x16, 0x0d, 0xdd], "ERC-20"),
    f("allowance", &[("owner", A), ("spender", A)], [0xdd, 0x62, 0xed, 0x3e], "ERC-20"),
    f("name", &[], [0x06, 0xfd, 0xde, 0x03], "ERC-20 / ERC-721 metadata"),
    f("symbol", &[], [0x95, 0xd8, 0x9b, 0x41], "ERC-20 / ERC-721 metadata"),
    f("decimals", &[], [0x31, 0x3c, 0xe5, 0x67], "ERC-20"),
    f("increaseAllowance", &[("spender", A), ("added_amount", Amount)], [0x39, 0x50, 0x93, 0x51], "OpenZeppelin ERC-20 extension"),
    f("decreaseAllowance", &[("spender", A), ("subtracted_amount", Amount)], [0xa4, 0x57, 0xc2, 0xd7], "OpenZeppelin ERC-20 extension"),
    f("ownerOf", &[("token_id", TokenId)], [0x63, 0x52, 0x21, 0x1e], "ERC-721"),
    f("safeTransferFrom", &[("from", A), ("to", A), ("token_id", TokenId)], [0x42, 0x84, 0x2e, 0x0e], "ERC-721"),
    f("safeTransferFrom", &[("from", A), ("to", A), ("token_id", TokenId), ("data", Bytes)], [0xb8, 0x8d, 0x4f, 0xde], "ERC-721"),
    f("setApprovalForAll", &[("operator", A), ("approved", Bool)], [0xa2, 0x2c, 0xb4, 0x65], "ERC-721"),
    f("getApproved", &[("token_id", TokenId)], [0x08, 0x18, 0x12, 0xfc], "ERC-721"),
    f("isApprovedForAll", &[("owner", A), ("operator", A)], [0xe9, 0x85, 0xe9, 0xc5], "ERC-721"),
];

const fn f(
    name: &'static str,
    params: &'static [(&'static str, Param)],
    selector: [u8; 4],
    standard: &'static str,
) -> Function {
    Function {
        name,
        params,
        selector,
        standard,
    }
}

/// The known function with this selector.
pub fn function_by_selector(selector: [u8; 4]) -> Option<&'static Function> {
    FUNCTIONS.iter().find(|f| f.selector == selector)
}
