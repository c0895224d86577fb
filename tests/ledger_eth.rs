//! Real Ethereum data (`tokenlens::ledger::eth`): known answers from the specs and from self-checking mainnet
//! data, alloy as a differential oracle, hostile inputs, and `tokenlens ledger inspect|address` as a process.
//!
//! Sources (see research/ledger.md §4.3, §4.5, §4.6): ethereum/EIPs `EIPS/eip-55.md` and ethereum/ERCs
//! `ERCS/erc-55.md` (checksums), `EIPS/eip-155.md` (the worked example), a mainnet USDT EIP-1559 transfer whose
//! hash is keccak(raw) and whose sender recovers, and alloy-rs/alloy `crates/rpc-types-trace/src/geth/mod.rs`
//! (`test_trace_result_serde`) for a second USDT calldata.

use alloy_sol_types::{SolCall as _, sol};
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

/// Mainnet USDT EIP-1559 transfer (research/ledger.md §4.5).
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

sol! {
    function transfer(address to, uint256 amount) external returns (bool);
    function approve(address spender, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function setApprovalForAll(address operator, bool approved) external;
    function safeTransferFrom(address from, address to, uint256 tokenId, bytes data) external;
}

fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s.trim_start_matches("0x")).unwrap()
}

fn tx(raw: &str) -> tokenlens::ledger::eth::Transaction {
    decode_transaction(&unhex(raw), None).unwrap()
}

/// Address of a key by the oracle: k256 public key → alloy's keccak-based `from_raw_public_key`.
fn oracle_address(key: &[u8; 32]) -> String {
    let sk = SigningKey::from_bytes(key.into()).unwrap();
    let point = sk.verifying_key().to_encoded_point(false);
    alloy_primitives::Address::from_raw_public_key(&point.as_bytes()[1..]).to_checksum(None)
}

// ---- hashes, topics, selectors --------------------------------------------------------------------------

#[test]
fn keccak_of_empty_is_the_ethereum_empty_hash() {
    assert_eq!(
        hex::encode(keccak256(b"")),
        "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
    );
}

#[test]
fn event_topics_match_the_published_values_and_their_signatures() {
    assert_eq!(
        hex::encode(TRANSFER_TOPIC),
        "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
    );
    assert_eq!(
        hex::encode(APPROVAL_TOPIC),
        "8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925"
    );
    assert_eq!(
        TRANSFER_TOPIC,
        *alloy_primitives::keccak256("Transfer(address,address,uint256)")
    );
    assert_eq!(
        APPROVAL_TOPIC,
        *alloy_primitives::keccak256("Approval(address,address,uint256)")
    );
}

#[test]
fn every_selector_in_the_table_is_keccak_of_its_signature() {
    for f in FUNCTIONS {
        let sig = f.signature();
        assert_eq!(f.selector, alloy_primitives::keccak256(&sig)[..4], "{sig}");
        assert_eq!(f.selector, keccak256(sig.as_bytes())[..4], "{sig}");
    }
    let published = [
        ("transfer(address,uint256)", "a9059cbb"),
        ("approve(address,uint256)", "095ea7b3"),
        ("transferFrom(address,address,uint256)", "23b872dd"),
        ("balanceOf(address)", "70a08231"),
        ("totalSupply()", "18160ddd"),
        ("allowance(address,address)", "dd62ed3e"),
    ];
    for (sig, sel) in published {
        let f = FUNCTIONS.iter().find(|f| f.signature() == sig).unwrap();
        assert_eq!(hex::encode(f.selector), sel, "{sig}");
    }
    assert_eq!(
        FUNCTIONS.len(),
        17,
        "the table lists every function of the brief"
    );
}

proptest! {
    #[test]
    fn keccak_matches_alloy(data in proptest::collection::vec(any::<u8>(), 0..300)) {
        prop_assert_eq!(keccak256(&data), *alloy_primitives::keccak256(&data));
    }
}

// ---- addresses ---------------------------------------------------------------------------------------------

#[test]
fn eip55_vectors() {
    for caps in [
        "0x52908400098527886E0F7030069857D2E4169EE7",
        "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
    ] {
        let c = Address::parse(caps).unwrap();
        assert_eq!(c.checksum, Checksum::None { uppercase: true }, "{caps}");
    }
    for lower in [
        "0xde709f2102306220921060314715629080e2fb77",
        "0x27b1fdb04752bbc536007a920d24acb045561c26",
    ] {
        let c = Address::parse(lower).unwrap();
        assert_eq!(c.checksum, Checksum::None { uppercase: false }, "{lower}");
    }
    for normal in [
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ] {
        let c = Address::parse(normal).unwrap();
        assert_eq!(c.checksum, Checksum::Valid, "{normal}");
        assert_eq!(c.address.to_checksum(), normal);
        assert_eq!(
            Address::parse(&normal.to_lowercase())
                .unwrap()
                .address
                .to_checksum(),
            normal
        );
        // Flip the case of each letter in turn: always invalid, at exactly that offset, with the fix.
        for (i, ch) in normal
            .char_indices()
            .skip(2)
            .filter(|(_, c)| c.is_ascii_alphabetic())
        {
            let mut flipped = normal.to_owned();
            let swapped = if ch.is_ascii_uppercase() {
                ch.to_ascii_lowercase()
            } else {
                ch.to_ascii_uppercase()
            };
            flipped.replace_range(i..=i, &swapped.to_string());
            let Checksum::Invalid { wrong_case, fixed } =
                Address::parse(&flipped).unwrap().checksum
            else {
                panic!("{flipped} must be invalid");
            };
            assert_eq!(wrong_case, [i], "{flipped}");
            assert_eq!(fixed, normal);
            assert!(
                alloy_primitives::Address::parse_checksummed(&flipped, None).is_err(),
                "oracle agrees"
            );
        }
    }
}

#[test]
fn address_parse_tolerates_whitespace_and_names_problems() {
    let c = Address::parse("  5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n").unwrap();
    assert_eq!(c.checksum, Checksum::Valid);
    assert_eq!(c.digits_range, 2..42);
    let err = Address::parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA").unwrap_err();
    assert!(err.to_string().contains("found 38 hex digits"), "{err}");
    let err = Address::parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg").unwrap_err();
    assert!(err.to_string().contains("at byte 41"), "{err}");
    assert!(Address::parse(" 0x ").is_err());
}

#[test]
fn address_serde_is_the_checksummed_string() {
    let a = Address::parse("0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359")
        .unwrap()
        .address;
    let json = serde_json::to_string(&a).unwrap();
    assert_eq!(json, "\"0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359\"");
    assert_eq!(serde_json::from_str::<Address>(&json).unwrap(), a);
    assert!(
        serde_json::from_str::<Address>("\"0xFb6916095ca1df60bB79Ce92cE3Ea74c37c5d359\"").is_err()
    );
}

proptest! {
    #[test]
    fn checksum_matches_alloy(bytes in any::<[u8; 20]>()) {
        let ours = Address(bytes).to_checksum();
        prop_assert_eq!(&ours, &alloy_primitives::Address::from(bytes).to_checksum(None));
        let parsed = Address::parse(&ours).unwrap();
        prop_assert_eq!(parsed.address, Address(bytes));
        prop_assert!(parsed.is_valid());
    }

    #[test]
    fn private_key_address_matches_the_oracle(key in any::<[u8; 32]>()) {
        let ours = Address::from_private_key(&key);
        match SigningKey::from_bytes(&key.into()) {
            Ok(_) => prop_assert_eq!(ours.unwrap().to_checksum(), oracle_address(&key)),
            Err(_) => prop_assert!(ours.is_err()),
        }
    }
}

#[test]
fn private_keys_known_answers_and_range() {
    // research/ledger.md §4.6, cross-checked here with the oracle before asserting.
    let k46 = [0x46u8; 32];
    assert_eq!(
        oracle_address(&k46),
        "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F"
    );
    assert_eq!(
        Address::from_private_key(&k46).unwrap().to_checksum(),
        "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F"
    );
    let mut one = [0u8; 32];
    one[31] = 1;
    assert_eq!(
        oracle_address(&one),
        "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"
    );
    assert_eq!(
        Address::from_private_key(&one).unwrap().to_checksum(),
        "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"
    );
    assert_eq!(Address::from_private_key(&[0; 32]), Err(KeyError::Zero));
    let n: [u8; 32] = unhex(N).try_into().unwrap();
    assert_eq!(Address::from_private_key(&n), Err(KeyError::NotBelowOrder));
    assert_eq!(
        Address::from_private_key(&[0xff; 32]),
        Err(KeyError::NotBelowOrder)
    );
    let mut n_minus_1 = n;
    n_minus_1[31] -= 1;
    assert!(Address::from_private_key(&n_minus_1).is_ok());
}

// ---- 256-bit integers --------------------------------------------------------------------------------------

#[test]
fn format_units_known_answers() {
    assert_eq!(format_units(U256::from_u64(610_000_000_000), 6), "610000");
    assert_eq!(format_units(U256::from_u64(1_758_000_000), 6), "1758");
    assert_eq!(
        format_units(U256::from_u64(1_000_000_000_000_000_000), 18),
        "1"
    );
    assert_eq!(
        format_units(U256::from_u64(500_000_000_000_000_000), 18),
        "0.5"
    );
    assert_eq!(format_units(U256::from_u64(1), 18), "0.000000000000000001");
    assert_eq!(format_units(U256::ZERO, 6), "0");
    assert_eq!(format_units(U256::from_u64(1234), 0), "1234");
    assert_eq!(
        U256::MAX.to_string(),
        "115792089237316195423570985008687907853269984665640564039457584007913129639935"
    );
}

proptest! {
    #[test]
    fn u256_decimal_matches_alloy(bytes in any::<[u8; 32]>(), decimals in 0u8..40) {
        let ours = U256::from_be_bytes(&bytes);
        let theirs = alloy_primitives::U256::from_be_bytes(bytes);
        prop_assert_eq!(ours.to_string(), theirs.to_string());
        prop_assert_eq!(U256::from_dec_str(&theirs.to_string()), Some(ours));
        prop_assert_eq!(ours.to_be_bytes(), bytes);
        // format_units is value / 10^decimals: removing the point and padding gives the raw digits back.
        let f = format_units(ours, decimals);
        let (int, frac) = f.split_once('.').unwrap_or((&f, ""));
        let digits = format!("{int}{frac}{}", "0".repeat(usize::from(decimals) - frac.len()));
        let want = theirs.to_string();
        prop_assert_eq!(digits.trim_start_matches('0'), want.trim_start_matches('0'));
    }
}

// ---- calldata ----------------------------------------------------------------------------------------------

fn address_arg(v: &ArgValue) -> Address {
    match v {
        ArgValue::Address(a) => *a,
        other => panic!("not an address: {other:?}"),
    }
}

fn uint_arg(v: &ArgValue) -> U256 {
    match v {
        ArgValue::Uint(u) => *u,
        other => panic!("not a uint: {other:?}"),
    }
}

#[test]
fn usdt_calldata_vectors() {
    let usdt6 = Units {
        decimals: Some(6),
        symbol: Some("USDT"),
    };
    let at = USDT_TX.find("a9059cbb").unwrap();
    let c = decode_calldata(&unhex(&USDT_TX[at..at + 136]), usdt6).unwrap();
    assert_eq!(c.function.unwrap().signature(), "transfer(address,uint256)");
    assert_eq!(
        address_arg(&c.args[0].value).to_checksum(),
        "0xa29E963992597B21bcDCaa969d571984869C4FF5"
    );
    assert_eq!(uint_arg(&c.args[1].value), U256::from_u64(610_000_000_000));
    assert!(
        c.args[1].display.contains("610000 USDT"),
        "{}",
        c.args[1].display
    );

    let c = decode_calldata(&unhex(USDT_CALLDATA_2), usdt6).unwrap();
    assert_eq!(
        hex::encode(address_arg(&c.args[0].value).0),
        "e3f85a274c1edbea2f2498cf5978f41961cf8b5b"
    );
    assert_eq!(uint_arg(&c.args[1].value), U256::from_u64(1_758_000_000));
    assert!(
        c.args[1].display.contains("1758 USDT"),
        "{}",
        c.args[1].display
    );
    assert_eq!(
        c.parts
            .iter()
            .map(|p| p.payload.clone())
            .collect::<Vec<_>>(),
        [0..4, 4..36, 36..68]
    );
}

proptest! {
    #[test]
    fn calldata_matches_alloy_encoder(to in any::<[u8; 20]>(), from in any::<[u8; 20]>(), amount in any::<[u8; 32]>(), flag: bool,
                                       data in proptest::collection::vec(any::<u8>(), 0..100)) {
        let (a_to, a_from) = (alloy_primitives::Address::from(to), alloy_primitives::Address::from(from));
        let amt = alloy_primitives::U256::from_be_bytes(amount);
        let cases: [(Vec<u8>, Vec<ArgValue>); 5] = [
            (transferCall { to: a_to, amount: amt }.abi_encode(),
             vec![ArgValue::Address(Address(to)), ArgValue::Uint(U256::from_be_bytes(&amount))]),
            (approveCall { spender: a_to, amount: amt }.abi_encode(),
             vec![ArgValue::Address(Address(to)), ArgValue::Uint(U256::from_be_bytes(&amount))]),
            (transferFromCall { from: a_from, to: a_to, amount: amt }.abi_encode(),
             vec![ArgValue::Address(Address(from)), ArgValue::Address(Address(to)), ArgValue::Uint(U256::from_be_bytes(&amount))]),
            (setApprovalForAllCall { operator: a_to, approved: flag }.abi_encode(),
             vec![ArgValue::Address(Address(to)), ArgValue::Bool(flag)]),
            (safeTransferFromCall { from: a_from, to: a_to, tokenId: amt, data: data.clone().into() }.abi_encode(),
             vec![ArgValue::Address(Address(from)), ArgValue::Address(Address(to)), ArgValue::Uint(U256::from_be_bytes(&amount)), ArgValue::Bytes(data.clone())]),
        ];
        for (encoded, want) in cases {
            let c = decode_calldata(&encoded, Units::default()).unwrap();
            let got: Vec<ArgValue> = c.args.iter().map(|a| a.value.clone()).collect();
            prop_assert_eq!(got, want);
            prop_assert!(c.parts.iter().all(|p| p.payload.end <= encoded.len()));
            prop_assert!(!c.parts.iter().any(|p| p.name.starts_with("extra")), "the tail of bytes is not extra");
        }
    }
}

#[test]
fn calldata_errors_name_the_word_and_offset() {
    let good = unhex(USDT_CALLDATA_2);
    let mut dirty = good.clone();
    dirty[4] = 1;
    assert_eq!(
        decode_calldata(&dirty, Units::default()),
        Err(AbiError::NotAnAddress {
            index: 0,
            name: "to",
            at: 4
        })
    );
    assert!(matches!(
        decode_calldata(&good[..67], Units::default()),
        Err(AbiError::Ragged { at: 36, extra: 31 })
    ));
    assert!(matches!(
        decode_calldata(&good[..36], Units::default()),
        Err(AbiError::MissingWord {
            index: 1,
            at: 36,
            ..
        })
    ));
    assert_eq!(
        decode_calldata(&good[..3], Units::default()),
        Err(AbiError::TooShort { len: 3 })
    );
    let mut bad_bool = setApprovalForAllCall {
        operator: alloy_primitives::Address::ZERO,
        approved: true,
    }
    .abi_encode();
    bad_bool[67] = 2;
    assert!(matches!(
        decode_calldata(&bad_bool, Units::default()),
        Err(AbiError::NotABool {
            index: 1,
            at: 36,
            ..
        })
    ));
    let err = decode_calldata(&dirty, Units::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("word 0 (to) at byte 4"), "{err}");
}

#[test]
fn unknown_selectors_show_words_and_unlimited_approvals_say_so() {
    let mut data = unhex(USDT_CALLDATA_2);
    data[..4].copy_from_slice(&[0xde, 0xad, 0xbe, 0xef]);
    let c = decode_calldata(&data, Units::default()).unwrap();
    assert!(c.function.is_none());
    assert_eq!(c.args.len(), 2);
    assert_eq!(c.args[0].name, "word 0");
    assert!(
        c.args[0]
            .display
            .contains("0xE3F85a274C1EdbeA2f2498Cf5978f41961cF8b5b")
            || c.args[0].display.contains("address"),
        "{}",
        c.args[0].display
    );

    let max = approveCall {
        spender: alloy_primitives::Address::ZERO,
        amount: alloy_primitives::U256::MAX,
    }
    .abi_encode();
    let c = decode_calldata(
        &max,
        Units {
            decimals: Some(6),
            symbol: None,
        },
    )
    .unwrap();
    assert!(
        c.args[1].display.starts_with("unlimited"),
        "{}",
        c.args[1].display
    );
    assert_eq!(uint_arg(&c.args[1].value), U256::MAX);
}

// ---- transactions ------------------------------------------------------------------------------------------

#[test]
fn usdt_eip1559_transfer() {
    let t = tx(USDT_TX);
    assert_eq!(t.tx_type, TxType::DynamicFee);
    assert_eq!(hex::encode(t.hash), USDT_HASH);
    assert_eq!(
        t.hash,
        *alloy_primitives::keccak256(unhex(USDT_TX)),
        "hash is keccak(raw)"
    );
    assert_eq!(t.chain_id, Some(1));
    assert_eq!(t.nonce, 1961);
    assert_eq!(
        hex::encode(t.to.unwrap().0),
        "dac17f958d2ee523a2206206994597c13d831ec7"
    );
    assert_eq!(
        t.sender.address().map(|a| a.to_checksum().to_lowercase()),
        Some(USDT_FROM.to_owned())
    );
    assert_eq!(t.token.unwrap().symbol, "USDT");
    let c = t.calldata.as_ref().unwrap();
    assert_eq!(
        address_arg(&c.args[0].value).to_checksum(),
        "0xa29E963992597B21bcDCaa969d571984869C4FF5"
    );
    assert!(
        c.args[1].display.contains("610000 USDT"),
        "{}",
        c.args[1].display
    );
    assert!(t.value.is_zero());
    assert!(t.access_list.is_empty());
}

#[test]
fn eip155_worked_example() {
    let t = tx(EIP155_SIGNED);
    assert_eq!(t.tx_type, TxType::Legacy);
    assert_eq!(hex::encode(&t.signing_payload), EIP155_SIGNING_DATA);
    assert_eq!(hex::encode(t.signing_hash), EIP155_SIGNING_HASH);
    assert_eq!(t.chain_id, Some(1));
    assert_eq!((t.nonce, t.gas_limit), (9, 21000));
    assert_eq!(t.gas_price, Some(U256::from_u64(20_000_000_000)));
    assert_eq!(t.value, U256::from_u64(1_000_000_000_000_000_000));
    assert_eq!(t.to.unwrap().0, [0x35; 20]);
    assert!(t.data.is_empty());
    assert_eq!(t.v, U256::from_u64(37));
    assert_eq!(
        t.r.to_string(),
        "18515461264373351373200002665853028612451056578545711640558177340181847433846"
    );
    assert_eq!(
        t.s.to_string(),
        "46948507304638947509940763649030358759909902576025900602547168820602576006531"
    );
    assert_eq!(
        t.sender.address().unwrap().to_checksum(),
        oracle_address(&[0x46; 32])
    );
    assert_eq!(t.hash, *alloy_primitives::keccak256(unhex(EIP155_SIGNED)));
    assert_eq!(
        hex::encode(t.hash),
        "33469b22e9f636356c4160a87eb19df52b7412e8eac32a4a55ffe88ea8350788"
    );
}

/// A tiny RLP encoder for building test transactions (independent of the decoder under test).
fn enc(payload: &[u8], list: bool) -> Vec<u8> {
    let (short, long) = if list { (0xc0u8, 0xf7u8) } else { (0x80, 0xb7) };
    if !list && payload.len() == 1 && payload[0] < 0x80 {
        return payload.to_vec();
    }
    let mut out = if payload.len() < 56 {
        vec![short + payload.len() as u8]
    } else {
        let len = payload.len().to_be_bytes();
        let len: Vec<u8> = len.into_iter().skip_while(|&b| b == 0).collect();
        let mut h = vec![long + len.len() as u8];
        h.extend(len);
        h
    };
    out.extend_from_slice(payload);
    out
}

fn int(v: u64) -> Vec<u8> {
    enc(
        &v.to_be_bytes()
            .into_iter()
            .skip_while(|&b| b == 0)
            .collect::<Vec<_>>(),
        false,
    )
}

fn list(items: &[Vec<u8>]) -> Vec<u8> {
    enc(&items.concat(), true)
}

/// Sign `fields` as a typed transaction (or legacy pre-EIP-155 when `ty` is None) with k256.
fn sign(ty: Option<u8>, fields: &[Vec<u8>], key: &[u8; 32]) -> Vec<u8> {
    let mut unsigned = ty.map(|t| vec![t]).unwrap_or_default();
    unsigned.extend(list(fields));
    let sk = SigningKey::from_bytes(key.into()).unwrap();
    let (sig, recid) = sk
        .sign_prehash_recoverable(&*alloy_primitives::keccak256(&unsigned))
        .unwrap();
    let v = match ty {
        Some(_) => int(u64::from(recid.is_y_odd())),
        None => int(27 + u64::from(recid.is_y_odd())),
    };
    let trim = |b: &[u8]| {
        enc(
            &b.iter()
                .copied()
                .skip_while(|&x| x == 0)
                .collect::<Vec<_>>(),
            false,
        )
    };
    let bytes = sig.to_bytes();
    let mut all = fields.to_vec();
    all.extend([v, trim(&bytes[..32]), trim(&bytes[32..])]);
    let mut out = ty.map(|t| vec![t]).unwrap_or_default();
    out.extend(list(&all));
    out
}

fn base_fields() -> Vec<Vec<u8>> {
    // nonce 9, 20 gwei, 21000 gas, to 0x35…35, 1 ether, no data: the EIP-155 example's fields.
    vec![
        int(9),
        int(20_000_000_000),
        int(21000),
        enc(&[0x35; 20], false),
        int(1_000_000_000_000_000_000),
        enc(&[], false),
    ]
}

#[test]
fn legacy_pre_eip155_eip2930_and_eip4844_transactions_recover() {
    let key = [0x46u8; 32];
    let who = oracle_address(&key);
    let raw = sign(None, &base_fields(), &key);
    let t = decode_transaction(&raw, None).unwrap();
    assert_eq!((t.tx_type, t.chain_id), (TxType::Legacy, None));
    assert_eq!(t.sender.address().unwrap().to_checksum(), who);

    let access = list(&[list(&[
        enc(&[0xaa; 20], false),
        list(&[enc(&[0x11; 32], false), enc(&[0x22; 32], false)]),
    ])]);
    let mut f2930 = vec![int(5)];
    f2930.extend(base_fields());
    f2930.push(access.clone());
    let t = decode_transaction(&sign(Some(1), &f2930, &key), None).unwrap();
    assert_eq!((t.tx_type, t.chain_id), (TxType::AccessList, Some(5)));
    assert_eq!(t.sender.address().unwrap().to_checksum(), who);
    assert_eq!(t.access_list.len(), 1);
    assert_eq!(t.access_list[0].address.0, [0xaa; 20]);
    assert_eq!(t.access_list[0].storage_keys, [[0x11; 32], [0x22; 32]]);
    assert!(
        t.parts
            .iter()
            .any(|p| p.name == "access_list[0].storage_keys[1]" && p.kind == SpanKind::LedgerHash)
    );

    let f4844 = vec![
        int(1),
        int(3),
        int(1_000_000_000),
        int(30_000_000_000),
        int(21000),
        enc(&[0x35; 20], false),
        int(0),
        enc(&[], false),
        access,
        int(7),
        list(&[enc(&[0x01; 32], false)]),
    ];
    let raw = sign(Some(3), &f4844, &key);
    let t = decode_transaction(&raw, None).unwrap();
    assert_eq!(t.tx_type, TxType::Blob);
    assert_eq!(t.sender.address().unwrap().to_checksum(), who);
    assert_eq!(t.blob_versioned_hashes, [[0x01; 32]]);
    assert_eq!(t.max_fee_per_blob_gas, Some(U256::from_u64(7)));
    // The network form wraps the signed transaction with blobs, commitments and proofs.
    let mut wrapped = vec![3];
    wrapped.extend(list(&[raw[1..].to_vec(), list(&[]), list(&[]), list(&[])]));
    assert_eq!(
        decode_transaction(&wrapped, None),
        Err(TxError::BlobNetworkForm)
    );
    assert!(matches!(
        decode_transaction(&[4, 0xc0], None),
        Err(TxError::UnsupportedType { ty: 4 })
    ));
}

/// The USDT transaction with s → n − s and the parity flipped: the malleated twin EIP-2 forbids.
fn high_s_usdt() -> String {
    let s = alloy_primitives::U256::from_str_radix(&USDT_TX[USDT_TX.len() - 64..], 16).unwrap();
    let n = alloy_primitives::U256::from_str_radix(N, 16).unwrap();
    let high = format!("{:064x}", n - s);
    let body = &USDT_TX[..USDT_TX.len() - 64 - 2 - 64 - 2 - 2];
    assert_eq!(
        &USDT_TX[body.len()..body.len() + 2],
        "80",
        "y parity 0 in the original"
    );
    format!(
        "{body}01{}a0{high}",
        &USDT_TX[body.len() + 2..USDT_TX.len() - 64 - 2]
    )
}

#[test]
fn high_s_is_reported_invalid_and_tampering_changes_the_sender() {
    let t = tx(&high_s_usdt());
    let Sender::HighS { low_s_twin } = t.sender else {
        panic!("high S must be refused: {:?}", t.sender);
    };
    assert_eq!(
        low_s_twin.map(|a| a.to_checksum().to_lowercase()),
        Some(USDT_FROM.to_owned())
    );
    // Flip one byte of r: the sender is someone else, or nobody.
    let mut raw = unhex(USDT_TX);
    let r_at = raw.len() - 33 - 32;
    raw[r_at] ^= 0x01;
    let t = decode_transaction(&raw, None).unwrap();
    assert_ne!(
        t.sender.address().map(|a| a.to_checksum().to_lowercase()),
        Some(USDT_FROM.to_owned())
    );
}

// ---- hostile inputs ----------------------------------------------------------------------------------------

#[test]
fn hostile_text_inputs_are_errors_with_offsets() {
    for (input, want) in [
        ("", "empty"),
        ("   \n\t", "empty"),
        ("0x", "only the 0x prefix"),
        ("0xabc", "odd count"),
        ("0xa9059cbbzz", "'z' at byte 10"),
        (
            "0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
            "hash or a private key",
        ),
    ] {
        let err = inspect(input, None).unwrap_err().to_string();
        assert!(err.contains(want), "{input:?}: {err}");
    }
    assert!(matches!(
        inspect("0xab\u{200b}", None),
        Err(InspectError::Hex(_))
    ));
    // Errors from inside a decoder point back into the input as given (past "  0x" and a line break).
    let err = inspect(
        "  0xa9059cbb\n0000000000000000000000010000000000000000000000000000000000000000",
        None,
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            InspectError::Calldata {
                input_offset: 13,
                ..
            }
        ),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("word 0 (to) at byte 4 is not an address"),
        "{err}"
    );
    let err = inspect(&format!("0x{}", &USDT_TX[..100]), None).unwrap_err();
    assert!(
        err.to_string().starts_with("looks like a raw transaction"),
        "{err}"
    );
}

#[test]
fn ten_megabytes_of_hex_fail_fast() {
    let start = std::time::Instant::now();
    let big = "ab".repeat(5_000_000);
    assert!(inspect(&big, None).is_err());
    assert!(detect(&big).is_none());
    let mut calldata = "a9059cbb".to_owned();
    calldata.push_str(&"00".repeat(32 * 100_000));
    assert!(
        inspect(&calldata, None).is_ok(),
        "100k extra words still decode"
    );
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}

#[test]
fn every_truncation_of_the_usdt_tx_is_an_error() {
    let raw = unhex(USDT_TX);
    for len in 0..raw.len() {
        let r = decode_transaction(&raw[..len], None);
        assert!(r.is_err(), "{len} bytes decoded");
        let text = hex::encode(&raw[..len]);
        if !text.is_empty() {
            let _ = inspect(&text, None);
        }
    }
    let mut trailing = raw.clone();
    trailing.push(0);
    let err = decode_transaction(&trailing, None).unwrap_err();
    assert!(
        matches!(&err, TxError::Rlp { source, .. } if source.kind == RlpErrorKind::Trailing { count: 1 } && source.at == raw.len()),
        "{err}"
    );
}

fn rlp_kind(raw: &[u8]) -> RlpErrorKind {
    match decode_transaction(raw, None) {
        Err(TxError::Rlp { source, .. }) => source.kind,
        other => panic!("expected an RLP error, got {other:?}"),
    }
}

#[test]
fn non_canonical_and_oversized_rlp_is_refused_with_offsets() {
    // A list claiming 2^60 bytes.
    let huge = [0xffu8, 0x10, 0, 0, 0, 0, 0, 0, 0];
    assert!(matches!(rlp_kind(&huge), RlpErrorKind::PastEnd { claimed, .. } if claimed > 1 << 60));
    let huge_string_field = [&[0xca][..], &[0xbf, 0x10, 0, 0, 0, 0, 0, 0, 0], &[0u8]].concat();
    assert!(matches!(
        rlp_kind(&huge_string_field),
        RlpErrorKind::PastEnd { .. }
    ));
    // Nonce 5 as 0x81 0x05 instead of 0x05.
    let mut fields = base_fields();
    fields[0] = vec![0x81, 0x05];
    let mut all = fields.clone();
    all.extend([int(27), int(1), int(1)]);
    assert_eq!(
        rlp_kind(&list(&all)),
        RlpErrorKind::WrappedSingleByte { byte: 5 }
    );
    // Integer with a leading zero.
    all[0] = vec![0x82, 0x00, 0x05];
    let err = decode_transaction(&list(&all), None).unwrap_err();
    assert!(
        matches!(&err, TxError::Rlp { field, source } if field == "nonce" && source.kind == RlpErrorKind::IntegerLeadingZero && source.at == 2),
        "{err}"
    );
    // Long form for a 3-byte string.
    all[0] = vec![0xb8, 0x03, 1, 2, 3];
    assert_eq!(
        rlp_kind(&list(&all)),
        RlpErrorKind::LongFormForShort { len: 3 }
    );
    // A length with a leading zero byte.
    let padded = [&[0xf9u8, 0x00, 0x38][..], &[0u8; 0x38]].concat();
    assert_eq!(rlp_kind(&padded), RlpErrorKind::LengthLeadingZero);
    // Wrong field count.
    assert!(matches!(
        rlp_kind(&list(&base_fields())),
        RlpErrorKind::WrongCount { found: 6, want: 9 }
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn mutated_transactions_never_panic(pos in 0usize..181, byte: u8, cut in 0usize..181) {
        let mut raw = unhex(USDT_TX);
        raw[pos] = byte;
        raw.truncate(cut.max(1));
        let _ = decode_transaction(&raw, None);
        let _ = inspect(&hex::encode(&raw), None);
    }

    #[test]
    fn random_bytes_never_panic(raw in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = inspect(&hex::encode(&raw), Some(6));
        let _ = detect(&hex::encode(&raw));
    }
}

// ---- inspect and spans -------------------------------------------------------------------------------------

#[test]
fn detect_tells_kinds_apart() {
    assert_eq!(
        detect("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
        Some(Kind::Address)
    );
    assert_eq!(detect(USDT_CALLDATA_2), Some(Kind::Calldata));
    assert_eq!(detect(&format!("0x{USDT_TX}")), Some(Kind::Transaction));
    assert_eq!(detect(EIP155_SIGNED), Some(Kind::Transaction));
    assert_eq!(detect("0x18160ddd"), Some(Kind::Calldata));
    assert_eq!(detect("hello"), None);
    assert_eq!(detect("0x1234"), None);
}

#[test]
fn usdt_inspection_spans_every_field() {
    let ins = inspect(&format!("  0x{} \n", USDT_TX.to_uppercase()), None).unwrap();
    assert_eq!(ins.kind, Kind::Transaction);
    assert!(ins.is_valid());
    let text = ins.text.text();
    assert_eq!(text, format!("0x{USDT_TX}"));
    let field = |name: &str| {
        ins.fields
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("no field {name}"))
    };
    // Slices of the text, checked against the raw hex by hand: nonce 1961 = 0x07a9 behind an 0x82 prefix.
    assert_eq!(&text[field("nonce").byte_range.clone()], "8207a9");
    assert_eq!(&text[field("chain_id").byte_range.clone()], "01");
    assert_eq!(&text[field("data.selector").byte_range.clone()], "a9059cbb");
    assert_eq!(
        &text[field("to").byte_range.clone()],
        "94dac17f958d2ee523a2206206994597c13d831ec7"
    );
    assert!(field("from").value.to_lowercase().contains(USDT_FROM));
    assert!(field("hash").value.contains(USDT_HASH));
    assert!(field("data.amount").value.contains("610000 USDT"));
    let kinds: Vec<SpanKind> = ins.text.spans().iter().map(|s| s.kind).collect();
    for k in [
        SpanKind::LedgerPrefix,
        SpanKind::LedgerNonce,
        SpanKind::LedgerAddress,
        SpanKind::LedgerAmount,
        SpanKind::LedgerSelector,
        SpanKind::LedgerSignature,
        SpanKind::LedgerField,
    ] {
        assert!(kinds.contains(&k), "{k:?} missing");
    }
    let sel = ins
        .text
        .spans()
        .iter()
        .find(|s| s.kind == SpanKind::LedgerSelector)
        .unwrap();
    assert_eq!(&*sel.label, "data.selector");
    assert!(sel.detail.contains("transfer(address,uint256)"));
    assert!(
        ins.text
            .spans()
            .iter()
            .all(|s| !s.label.is_empty() && !s.detail.is_empty())
    );
    // Every byte of the raw transaction lies under some span.
    assert!(
        ins.text
            .runs()
            .iter()
            .all(|r| r.span.is_some() || r.byte_range.end <= 2),
        "unspanned bytes"
    );
    let Detail::Transaction(t) = &ins.detail else {
        panic!("not a tx")
    };
    assert_eq!(t.nonce, 1961);
}

#[test]
fn address_inspection_marks_wrong_letters() {
    let ins = inspect("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", None).unwrap();
    assert!(!ins.is_valid());
    let err: Vec<_> = ins
        .text
        .spans()
        .iter()
        .filter(|s| s.kind == SpanKind::Error)
        .collect();
    assert_eq!(err.len(), 1);
    assert_eq!(err[0].byte_range, 41..42);
    assert!(
        ins.problem()
            .unwrap()
            .contains("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
    );
}

// ---- the CLI as a process ----------------------------------------------------------------------------------

fn json_of(args: &[&str], stdin: Option<&[u8]>, want_code: i32) -> Value {
    let (code, out, err) = run(args, stdin);
    assert_eq!(code, want_code, "{args:?}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?} prints JSON ({e}): {out}"))
}

#[test]
fn cli_inspects_a_transaction_from_stdin() {
    let v = json_of(
        &["ledger", "inspect", "-", "--json"],
        Some(USDT_TX.as_bytes()),
        0,
    );
    assert_eq!(v["kind"], "transaction");
    assert_eq!(v["type"], 2);
    assert_eq!(v["chain_id"], 1);
    assert_eq!(v["nonce"], 1961);
    assert_eq!(v["hash"], format!("0x{USDT_HASH}"));
    assert_eq!(v["from"].as_str().unwrap().to_lowercase(), USDT_FROM);
    assert_eq!(
        v["to"].as_str().unwrap().to_lowercase(),
        "0xdac17f958d2ee523a2206206994597c13d831ec7"
    );
    assert_eq!(v["value"], "0");
    assert_eq!(v["calldata"]["function"], "transfer(address,uint256)");
    assert_eq!(v["calldata"]["args"][1]["value"], "610000000000");
    let text = v["text"].as_str().unwrap();
    let nonce = v["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "nonce")
        .unwrap();
    let (s, e) = (
        nonce["start"].as_u64().unwrap() as usize,
        nonce["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "8207a9");
    let (code, out, _) = run(&["ledger", "inspect", USDT_TX], None);
    assert_eq!(code, 0);
    assert!(
        out.contains("kind: transaction") && out.contains("nonce"),
        "{out}"
    );
}

#[test]
fn cli_exit_codes() {
    let v = json_of(
        &[
            "ledger",
            "inspect",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "--json",
        ],
        None,
        0,
    );
    assert_eq!(
        (v["kind"].as_str(), v["checksum_valid"].as_bool()),
        (Some("address"), Some(true))
    );
    let v = json_of(
        &[
            "ledger",
            "inspect",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",
            "--json",
        ],
        None,
        1,
    );
    assert_eq!(v["checksum_valid"], false);
    assert_eq!(
        v["checksummed"],
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
    );
    let v = json_of(
        &[
            "ledger",
            "inspect",
            "0xde709f2102306220921060314715629080e2fb77",
            "--json",
        ],
        None,
        0,
    );
    assert!(v["checksum_valid"].is_null());
    let v = json_of(
        &[
            "ledger",
            "inspect",
            USDT_CALLDATA_2,
            "--json",
            "--decimals",
            "6",
        ],
        None,
        0,
    );
    assert_eq!(v["selector"], "0xa9059cbb");
    assert!(v["args"][1]["display"].as_str().unwrap().contains("1758 "));
    let v = json_of(&["ledger", "inspect", &high_s_usdt(), "--json"], None, 1);
    assert_eq!(v["signature"]["status"], "high_s");
    assert!(v["from"].is_null());
    // A flipped r byte recovers another address: only an expected sender reveals it.
    let mut raw = unhex(USDT_TX);
    let r_at = raw.len() - 33 - 32;
    raw[r_at] ^= 0x01;
    let flipped = hex::encode(&raw);
    let (code, _, err) = run(
        &["ledger", "inspect", &flipped, "--expect-from", USDT_FROM],
        None,
    );
    assert_eq!(code, 1, "{err}");
    let (code, _, _) = run(
        &["ledger", "inspect", USDT_TX, "--expect-from", USDT_FROM],
        None,
    );
    assert_eq!(code, 0);
    for (input, want) in [
        ("0xabc", "odd count"),
        ("0xa9059cbb00", "32-byte words"),
        ("", "empty"),
    ] {
        let (code, out, err) = run(&["ledger", "inspect", input], None);
        assert_eq!(code, 2, "{input:?}: {out}");
        assert!(
            err.starts_with("tokenlens: ") && err.contains(want),
            "{input:?}: {err}"
        );
    }
}

#[test]
fn cli_address_from_private_key_never_echoes_it() {
    let key = "46".repeat(32);
    let (code, out, _) = run(&["ledger", "address", "--private-key", &key], None);
    assert_eq!(
        (code, out.trim()),
        (0, "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F")
    );
    let (code, out, _) = run(
        &["ledger", "address", "--private-key", "-"],
        Some(format!("0x{}01\n", "00".repeat(31)).as_bytes()),
    );
    assert_eq!(
        (code, out.trim()),
        (0, "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf")
    );
    for bad in [
        "00".repeat(32),
        N.to_owned(),
        "46".repeat(31),
        format!("{}zz", "46".repeat(31)),
    ] {
        let (code, out, err) = run(&["ledger", "address", "--private-key", &bad], None);
        assert_eq!(code, 2, "{bad}: {out}");
        assert!(
            err.starts_with("tokenlens: ") && err.contains("private key"),
            "{err}"
        );
        assert!(
            !err.contains(&bad[..40]) && !out.contains(&bad[..40]),
            "the key is echoed: {err}"
        );
    }
}
