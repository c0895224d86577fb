//! Freezes alloy's answers for the ledger tests into `tests/data/oracles/alloy.json`, so that CI need not build
//! alloy (about 70 crates) to run them. alloy-rs is the differential oracle named in docs/research/ledger.md §3;
//! the tests compare the app's own Keccak, EIP-55, U256, public-key address and ABI code with these answers.
//!
//! Run from this folder: `cargo run --release` (writes the file; the inputs come from a fixed seed, so a run on
//! the same alloy version writes the same file).

use alloy_primitives::{Address, Bytes, U256, keccak256};
use alloy_sol_types::{SolCall as _, sol};
use serde_json::{Value, json};

sol! {
    function transfer(address to, uint256 amount) external returns (bool);
    function approve(address spender, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function setApprovalForAll(address operator, bool approved) external;
    function safeTransferFrom(address from, address to, uint256 tokenId, bytes data) external;
}

/// SplitMix64: a fixed, dependency-free source of test inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        for b in &mut out {
            *b = self.next() as u8;
        }
        out
    }

    fn vec(&mut self, max: usize) -> Vec<u8> {
        let len = (self.next() % (max as u64 + 1)) as usize;
        (0..len).map(|_| self.next() as u8).collect()
    }
}

/// The texts whose Keccak-256 the tests need: event and function signatures.
const TEXTS: [&str; 20] = [
    "Transfer(address,address,uint256)",
    "Approval(address,address,uint256)",
    "ApprovalForAll(address,address,bool)",
    "transfer(address,uint256)",
    "approve(address,uint256)",
    "transferFrom(address,address,uint256)",
    "balanceOf(address)",
    "totalSupply()",
    "allowance(address,address)",
    "name()",
    "symbol()",
    "decimals()",
    "increaseAllowance(address,uint256)",
    "decreaseAllowance(address,uint256)",
    "ownerOf(uint256)",
    "safeTransferFrom(address,address,uint256)",
    "safeTransferFrom(address,address,uint256,bytes)",
    "setApprovalForAll(address,bool)",
    "getApproved(uint256)",
    "isApprovedForAll(address,address)",
];

/// Raw transactions whose hash the tests check (tests/ledger_eth.rs: USDT_TX and EIP155_SIGNED).
const RAW_TXS: [&str; 2] = [
    "02f8b2018207a984010bef3384780f481a8301482094dac17f958d2ee523a2206206994597c13d831ec780b844a9059cbb000000000000000000000000a29e963992597b21bcdcaa969d571984869c4ff50000000000000000000000000000000000000000000000000000008e06d55400c080a063ec94403b94ef380a4c4c31b3df991ca456d84943f53e6d207d57d697a8ee98a01631a9ad2884defacfa06eca1d8cfc04c26b119f206a72006e8b0f1802ceab9f",
    "f86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83",
];

/// Checksummed addresses whose every one-letter case flip the tests check (EIP-55's own vectors).
const EIP55: [&str; 4] = [
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
];

fn address_of_key(key: &[u8; 32]) -> String {
    let sk = k256::ecdsa::SigningKey::from_bytes(key.into()).expect("a valid key");
    let point = sk.verifying_key().to_encoded_point(false);
    Address::from_raw_public_key(&point.as_bytes()[1..]).to_checksum(None)
}

fn main() {
    let mut rng = Rng(0x746f_6b65_6e6c_656e); // "tokenlen"
    let mut keccak_bytes = Vec::new();
    for _ in 0..256 {
        let data = rng.vec(300);
        keccak_bytes.push(json!([hex::encode(&data), hex::encode(keccak256(&data))]));
    }
    for raw in RAW_TXS {
        let data = hex::decode(raw).expect("hex");
        keccak_bytes.push(json!([raw, hex::encode(keccak256(&data))]));
    }
    let keccak_text: serde_json::Map<String, Value> = TEXTS
        .iter()
        .map(|t| ((*t).to_owned(), json!(hex::encode(keccak256(t.as_bytes())))))
        .collect();
    let mut checksum = Vec::new();
    for _ in 0..512 {
        let a = Address::from(rng.bytes::<20>());
        checksum.push(json!([hex::encode(a), a.to_checksum(None)]));
    }
    let mut flips = Vec::new();
    for normal in EIP55 {
        for (i, c) in normal.char_indices().skip(2).filter(|(_, c)| c.is_ascii_alphabetic()) {
            let mut s = normal.to_owned();
            let swapped = if c.is_ascii_uppercase() { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() };
            s.replace_range(i..=i, &swapped.to_string());
            flips.push(json!([s, Address::parse_checksummed(&s, None).is_ok()]));
        }
    }
    let mut u256 = vec![
        json!([hex::encode([0u8; 32]), U256::ZERO.to_string()]),
        json!([hex::encode([0xffu8; 32]), U256::MAX.to_string()]),
    ];
    for _ in 0..512 {
        // Mostly small and mid-sized values, where the decimal digits and their grouping vary most.
        let mut b = rng.bytes::<32>();
        let zeros = (rng.next() % 32) as usize;
        b[..zeros].fill(0);
        u256.push(json!([hex::encode(b), U256::from_be_bytes(b).to_string()]));
    }
    let mut keys: Vec<[u8; 32]> = vec![[0x46; 32], {
        let mut one = [0u8; 32];
        one[31] = 1;
        one
    }];
    for _ in 0..64 {
        keys.push(rng.bytes::<32>());
    }
    let key_addresses: Vec<Value> = keys
        .iter()
        .filter(|k| k256::ecdsa::SigningKey::from_bytes((*k).into()).is_ok())
        .map(|k| json!([hex::encode(k), address_of_key(k)]))
        .collect();
    let n = U256::from_str_radix("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16)
        .expect("n");
    let usdt_s = U256::from_str_radix(&RAW_TXS[0][RAW_TXS[0].len() - 64..], 16).expect("s");
    let mut calldata = Vec::new();
    for _ in 0..128 {
        let to = Address::from(rng.bytes::<20>());
        let from = Address::from(rng.bytes::<20>());
        let amount_bytes = rng.bytes::<32>();
        let amount = U256::from_be_bytes(amount_bytes);
        let flag = rng.next() % 2 == 1;
        let data = rng.vec(100);
        let encoded = [
            ("transfer", transferCall { to, amount }.abi_encode()),
            ("approve", approveCall { spender: to, amount }.abi_encode()),
            ("transferFrom", transferFromCall { from, to, amount }.abi_encode()),
            ("setApprovalForAll", setApprovalForAllCall { operator: to, approved: flag }.abi_encode()),
            (
                "safeTransferFrom",
                safeTransferFromCall { from, to, tokenId: amount, data: Bytes::from(data.clone()) }.abi_encode(),
            ),
        ];
        let encoded: serde_json::Map<String, Value> = encoded
            .into_iter()
            .map(|(name, bytes)| (name.to_owned(), json!(hex::encode(bytes))))
            .collect();
        calldata.push(json!({
            "to": hex::encode(to),
            "from": hex::encode(from),
            "amount": hex::encode(amount_bytes),
            "flag": flag,
            "data": hex::encode(&data),
            "encoded": encoded,
        }));
    }
    let max_approve = approveCall { spender: Address::ZERO, amount: U256::MAX }.abi_encode();
    let approve_all_zero = setApprovalForAllCall { operator: Address::ZERO, approved: true }.abi_encode();
    let out = json!({
        "source": "alloy-primitives 1.7.3 and alloy-sol-types 1.7.3 (Apache-2.0 OR MIT), with k256 0.13 for public keys; written by tools/oracles (cargo run --release), inputs from a fixed SplitMix64 seed",
        "keccak_bytes": keccak_bytes,
        "keccak_text": keccak_text,
        "checksum": checksum,
        "checksum_flips": flips,
        "u256_decimal": u256,
        "key_address": key_addresses,
        "secp256k1_n_minus_usdt_s": format!("{:064x}", n - usdt_s),
        "calldata": calldata,
        "approve_zero_max": hex::encode(max_approve),
        "set_approval_for_all_zero_true": hex::encode(approve_all_zero),
    });
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/oracles/alloy.json");
    let text = serde_json::to_string_pretty(&out).expect("json") + "\n";
    std::fs::write(path, text).expect("write tests/data/oracles/alloy.json");
    eprintln!("wrote {path}");
}
