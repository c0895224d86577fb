//! Hashes, topics, selectors, addresses, keys and 256-bit integers.

use super::*;

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
        oracle_keccak_text("Transfer(address,address,uint256)")
    );
    assert_eq!(
        APPROVAL_TOPIC,
        oracle_keccak_text("Approval(address,address,uint256)")
    );
}

#[test]
fn every_selector_in_the_table_is_keccak_of_its_signature() {
    for f in FUNCTIONS {
        let sig = f.signature();
        assert_eq!(f.selector, oracle_keccak_text(&sig)[..4], "{sig}");
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

#[test]
fn keccak_matches_alloy() {
    let cases = oracle_pairs("keccak_bytes");
    assert!(
        cases.len() > 250,
        "random inputs of 0 to 300 bytes, and the raw transactions"
    );
    for (input, hash) in cases {
        assert_eq!(
            hex::encode(keccak256(&unhex(&input))),
            hash.as_str().unwrap(),
            "{input}"
        );
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
    let flips: std::collections::HashMap<String, bool> = oracle_pairs("checksum_flips")
        .into_iter()
        .map(|(s, valid)| (s, valid.as_bool().unwrap()))
        .collect();
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
            assert_eq!(
                flips.get(flipped.as_str()),
                Some(&false),
                "the oracle agrees: {flipped}"
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

#[test]
fn checksum_matches_alloy() {
    let cases = oracle_pairs("checksum");
    assert!(cases.len() >= 512);
    for (lower, want) in cases {
        let bytes: [u8; 20] = unhex(&lower).try_into().unwrap();
        let ours = Address(bytes).to_checksum();
        assert_eq!(ours, want.as_str().unwrap(), "{lower}");
        let parsed = Address::parse(&ours).unwrap();
        assert_eq!(parsed.address, Address(bytes));
        assert!(parsed.is_valid());
    }
}

#[test]
fn private_key_address_matches_the_oracle() {
    let cases = oracle_pairs("key_address");
    assert!(cases.len() > 60);
    for (key, want) in cases {
        let key: [u8; 32] = unhex(&key).try_into().unwrap();
        assert!(SigningKey::from_bytes(&key.into()).is_ok());
        let ours = Address::from_private_key(&key).unwrap().to_checksum();
        assert_eq!(ours, want.as_str().unwrap());
    }
}

proptest! {
    #[test]
    fn a_key_is_refused_exactly_when_k256_refuses_it(key in any::<[u8; 32]>()) {
        let ours = Address::from_private_key(&key);
        prop_assert_eq!(ours.is_ok(), SigningKey::from_bytes(&key.into()).is_ok());
    }
}

#[test]
fn private_keys_known_answers_and_range() {
    // docs/research/ledger.md §4.6, cross-checked here with the oracle before asserting.
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

#[test]
fn u256_decimal_matches_alloy() {
    let cases = oracle_pairs("u256_decimal");
    assert!(cases.len() > 500);
    for (i, (hex_bytes, want)) in cases.into_iter().enumerate() {
        let bytes: [u8; 32] = unhex(&hex_bytes).try_into().unwrap();
        let want = want.as_str().unwrap();
        let ours = U256::from_be_bytes(&bytes);
        assert_eq!(ours.to_string(), want, "{hex_bytes}");
        assert_eq!(U256::from_dec_str(want), Some(ours));
        assert_eq!(ours.to_be_bytes(), bytes);
        // format_units is value / 10^decimals: removing the point and padding gives the raw digits back.
        let decimals = (i % 40) as u8;
        let f = format_units(ours, decimals);
        let (int, frac) = f.split_once('.').unwrap_or((&f, ""));
        let digits = format!(
            "{int}{frac}{}",
            "0".repeat(usize::from(decimals) - frac.len())
        );
        assert_eq!(
            digits.trim_start_matches('0'),
            want.trim_start_matches('0'),
            "{decimals}"
        );
    }
}
