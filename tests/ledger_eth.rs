//! Real Ethereum data (`tokenlens::ledger::eth`): known answers from the specs and from self-checking mainnet
//! data, alloy as a differential oracle (its answers frozen in `tests/data/oracles/alloy.json` by `tools/oracles`,
//! so CI does not build alloy), hostile inputs, and `tokenlens ledger inspect|address` as a process.
//!
//! Sources (see docs/research/ledger.md §4.3, §4.5, §4.6): ethereum/EIPs `EIPS/eip-55.md` and ethereum/ERCs
//! `ERCS/erc-55.md` (checksums), `EIPS/eip-155.md` (the worked example), a mainnet USDT EIP-1559 transfer whose
//! hash is keccak(raw) and whose sender recovers, and alloy-rs/alloy `crates/rpc-types-trace/src/geth/mod.rs`
//! (`test_trace_result_serde`) for a second USDT calldata.

use std::sync::OnceLock;

use k256::ecdsa::SigningKey;
use proptest::prelude::*;
use serde_json::Value;
use tokenlens::ledger::eth::{
    APPROVAL_TOPIC, AbiError, Address, ArgValue, Checksum, Detail, FUNCTIONS, InspectError,
    KeyError, Kind, RlpErrorKind, Sender, TRANSFER_TOPIC, TxError, TxType, U256, Units,
    decode_calldata, decode_transaction, detect, format_units, inspect, keccak256,
};
use tokenlens::text::SpanKind;

use crate::cli_ai::run;

/// Mainnet USDT EIP-1559 transfer (docs/research/ledger.md §4.5).
const USDT_TX: &str = "02f8b2018207a984010bef3384780f481a8301482094dac17f958d2ee523a2206206994597c13d831ec780b844a9059cbb000000000000000000000000a29e963992597b21bcdcaa969d571984869c4ff50000000000000000000000000000000000000000000000000000008e06d55400c080a063ec94403b94ef380a4c4c31b3df991ca456d84943f53e6d207d57d697a8ee98a01631a9ad2884defacfa06eca1d8cfc04c26b119f206a72006e8b0f1802ceab9f";
const USDT_HASH: &str = "5841ee016fb03c5b8f7753342564e52b344771d94b6c17cbaa89a5fafd448453";
const USDT_FROM: &str = "0x3cb27abe5d9ef37f9866626c70624185a0e70142";
/// alloy-rs/alloy rpc-types-trace `test_trace_result_serde`.
const USDT_CALLDATA_2: &str = "a9059cbb000000000000000000000000e3f85a274c1edbea2f2498cf5978f41961cf8b5b0000000000000000000000000000000000000000000000000000000068c8f380";
/// EIP-155 worked example.
const EIP155_SIGNED: &str = "f86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";
const EIP155_SIGNING_DATA: &str =
    "ec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080";
const EIP155_SIGNING_HASH: &str =
    "daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53";
/// secp256k1 group order n.
const N: &str = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

/// alloy's answers (alloy-primitives and alloy-sol-types 1.7.3), written by `tools/oracles` from a fixed seed.
pub(crate) fn alloy() -> &'static Value {
    static ORACLE: OnceLock<Value> = OnceLock::new();
    ORACLE.get_or_init(|| {
        serde_json::from_str(include_str!("data/oracles/alloy.json"))
            .expect("the oracle file parses")
    })
}

/// The `[input, answer]` pairs of one section of the oracle file.
pub(crate) fn oracle_pairs(section: &str) -> Vec<(String, Value)> {
    alloy()[section]
        .as_array()
        .unwrap_or_else(|| panic!("the oracle file has {section}"))
        .iter()
        .map(|pair| (pair[0].as_str().unwrap().to_owned(), pair[1].clone()))
        .collect()
}

/// alloy's Keccak-256 of bytes the oracle file holds (random inputs and the raw transactions).
pub(super) fn oracle_keccak(data: &[u8]) -> [u8; 32] {
    let want = hex::encode(data);
    let (_, hash) = oracle_pairs("keccak_bytes")
        .into_iter()
        .find(|(input, _)| *input == want)
        .unwrap_or_else(|| panic!("no frozen Keccak for {want}: add it to tools/oracles"));
    unhex(hash.as_str().unwrap()).try_into().unwrap()
}

/// alloy's Keccak-256 of a signature text.
pub(super) fn oracle_keccak_text(text: &str) -> [u8; 32] {
    let hash = alloy()["keccak_text"][text]
        .as_str()
        .unwrap_or_else(|| panic!("no frozen Keccak for {text:?}: add it to tools/oracles"));
    unhex(hash).try_into().unwrap()
}

pub(super) fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s.trim_start_matches("0x")).unwrap()
}

pub(super) fn tx(raw: &str) -> tokenlens::ledger::eth::Transaction {
    decode_transaction(&unhex(raw), None).unwrap()
}

/// Address of a key by the oracle: k256 public key → alloy's keccak-based `from_raw_public_key`, frozen.
pub(crate) fn oracle_address(key: &[u8; 32]) -> String {
    let want = hex::encode(key);
    oracle_pairs("key_address")
        .into_iter()
        .find(|(k, _)| *k == want)
        .and_then(|(_, a)| a.as_str().map(str::to_owned))
        .unwrap_or_else(|| panic!("no frozen address for key {want}: add it to tools/oracles"))
}

mod basics;
mod calldata;
mod hostile;
mod inspect_cli;
mod tx;
