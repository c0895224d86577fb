//! Hostile inputs: garbage, 10 MB, every truncation, non-canonical RLP, random bytes.

use super::tx::{base_fields, int, list};
use super::*;

// ---- hostile inputs ----------------------------------------------------------------------------------------

/// Where an inspect error points into the input as given, when it points anywhere.
fn input_offset(err: &InspectError) -> Option<usize> {
    match err {
        InspectError::Hex(e) => Some(e.offset()),
        InspectError::Calldata { input_offset, .. }
        | InspectError::Transaction { input_offset, .. } => Some(*input_offset),
        InspectError::Address(_) | InspectError::Unrecognized { .. } | InspectError::Spans(_) => {
            None
        }
    }
}

/// `inspect` on `text`: an error must say something and point inside the input.
fn assert_error_inside(
    text: &str,
    result: &Result<tokenlens::ledger::eth::Inspection, InspectError>,
) {
    if let Err(e) = result {
        assert!(
            !e.to_string().is_empty(),
            "{text:?}: an error without words"
        );
        assert!(!matches!(e, InspectError::Spans(_)), "{text:?}: {e}");
        if let Some(at) = input_offset(e) {
            assert!(at <= text.len(), "{text:?}: offset {at} past the end: {e}");
        }
    }
}

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
    assert!(
        matches!(
            inspect(&big, None),
            Err(InspectError::Unrecognized {
                bytes: 5_000_000,
                ..
            })
        ),
        "5 MB of bytes that are none of the kinds"
    );
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
        let err = decode_transaction(&raw[..len], None)
            .err()
            .unwrap_or_else(|| panic!("{len} bytes decoded"));
        // Cut short, the transaction ends before its list does: the place named is inside what is there.
        let expected = if len == 0 {
            matches!(err, TxError::Empty)
        } else {
            matches!(&err, TxError::Rlp { source, .. } if matches!(source.kind, RlpErrorKind::PastEnd { .. } | RlpErrorKind::Missing))
        };
        assert!(expected, "{len} bytes: {err:?}");
        assert!(err.offset() <= len, "{len} bytes: offset {}", err.offset());
        let text = hex::encode(&raw[..len]);
        if !text.is_empty() {
            assert_error_inside(&text, &inspect(&text, None));
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
        if let Err(e) = decode_transaction(&raw, None) {
            prop_assert!(e.offset() <= raw.len(), "{e:?}");
        }
        let text = hex::encode(&raw);
        assert_error_inside(&text, &inspect(&text, None));
    }

    #[test]
    fn random_bytes_never_panic(raw in proptest::collection::vec(any::<u8>(), 0..200)) {
        let text = hex::encode(&raw);
        assert_error_inside(&text, &inspect(&text, Some(6)));
        let _ = detect(&hex::encode(&raw));
    }
}
