//! Real Ethereum data: EIP-55 addresses, ERC-20 calldata and raw signed transactions, decoded into spans.
