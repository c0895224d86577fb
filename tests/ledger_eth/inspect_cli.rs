//! Detection, spans over every field, and the CLI as a process.

use super::tx::high_s_usdt;
use super::*;

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
    assert!(
        field("from")
            .value
            .to_string()
            .to_lowercase()
            .contains(USDT_FROM)
    );
    assert!(field("hash").value.to_string().contains(USDT_HASH));
    assert!(
        field("data.amount")
            .value
            .to_string()
            .contains("610000 USDT")
    );
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
        .position(|s| s.kind == SpanKind::LedgerSelector)
        .unwrap();
    // Each span carries its label and detail: the field path as text, the detail in words worded when shown.
    let span = &ins.text.spans()[sel];
    assert_eq!(span.label(), "data.selector");
    let english = |note: Option<&tokenlens::text::Note>| {
        note.map(|n| n.text_in(tokenlens::i18n::Lang::En).into_owned())
            .unwrap_or_default()
    };
    assert!(span.detail_note().and_then(|n| n.words()).is_some());
    assert!(english(span.detail_note()).contains("transfer(address,uint256)"));
    assert!(
        ins.text
            .spans()
            .iter()
            .all(|s| !english(s.label_note()).is_empty() && !english(s.detail_note()).is_empty())
    );
    // Every byte of the raw transaction lies under some span.
    assert!(
        ins.text
            .runs()
            .iter()
            .all(|r| r.span().is_some() || r.end() <= 2),
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
            .to_string()
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
