//! ERC-20/721 calldata: known answers, the alloy oracle and errors with offsets.

use super::*;

// ---- calldata ----------------------------------------------------------------------------------------------

pub(super) fn address_arg(v: &ArgValue) -> Address {
    match v {
        ArgValue::Address(a) => *a,
        other => panic!("not an address: {other:?}"),
    }
}

pub(super) fn uint_arg(v: &ArgValue) -> U256 {
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
        c.args[1].display.to_string().contains("610000 USDT"),
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
        c.args[1].display.to_string().contains("1758 USDT"),
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

#[test]
fn calldata_matches_alloy_encoder() {
    let cases = super::alloy()["calldata"].as_array().unwrap();
    assert!(cases.len() >= 128);
    for case in cases {
        let field = |name: &str| unhex(case[name].as_str().unwrap());
        let to: [u8; 20] = field("to").try_into().unwrap();
        let from: [u8; 20] = field("from").try_into().unwrap();
        let amount: [u8; 32] = field("amount").try_into().unwrap();
        let flag = case["flag"].as_bool().unwrap();
        let data = field("data");
        let want: [(&str, Vec<ArgValue>); 5] = [
            (
                "transfer",
                vec![
                    ArgValue::Address(Address(to)),
                    ArgValue::Uint(U256::from_be_bytes(&amount)),
                ],
            ),
            (
                "approve",
                vec![
                    ArgValue::Address(Address(to)),
                    ArgValue::Uint(U256::from_be_bytes(&amount)),
                ],
            ),
            (
                "transferFrom",
                vec![
                    ArgValue::Address(Address(from)),
                    ArgValue::Address(Address(to)),
                    ArgValue::Uint(U256::from_be_bytes(&amount)),
                ],
            ),
            (
                "setApprovalForAll",
                vec![ArgValue::Address(Address(to)), ArgValue::Bool(flag)],
            ),
            (
                "safeTransferFrom",
                vec![
                    ArgValue::Address(Address(from)),
                    ArgValue::Address(Address(to)),
                    ArgValue::Uint(U256::from_be_bytes(&amount)),
                    ArgValue::Bytes(data.clone()),
                ],
            ),
        ];
        for (function, want) in want {
            let encoded = unhex(case["encoded"][function].as_str().unwrap());
            let c = decode_calldata(&encoded, Units::default()).unwrap();
            let got: Vec<ArgValue> = c.args.iter().map(|a| a.value.clone()).collect();
            assert_eq!(got, want, "{function}");
            assert!(c.parts.iter().all(|p| p.payload.end <= encoded.len()));
            assert!(
                !c.parts.iter().any(|p| p.name.starts_with("extra")),
                "the tail of bytes is not extra"
            );
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
    let mut bad_bool = unhex(
        super::alloy()["set_approval_for_all_zero_true"]
            .as_str()
            .unwrap(),
    );
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
            .to_string()
            .contains("0xE3F85a274C1EdbeA2f2498Cf5978f41961cF8b5b")
            || c.args[0].display.to_string().contains("address"),
        "{}",
        c.args[0].display
    );

    let max = unhex(super::alloy()["approve_zero_max"].as_str().unwrap());
    let c = decode_calldata(
        &max,
        Units {
            decimals: Some(6),
            symbol: None,
        },
    )
    .unwrap();
    assert!(
        c.args[1].display.to_string().starts_with("unlimited"),
        "{}",
        c.args[1].display
    );
    assert_eq!(uint_arg(&c.args[1].value), U256::MAX);
}
