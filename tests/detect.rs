//! "Paste anything" (`tokenlens::detect`) and `tokenlens detect` as a process: the vectors issues 2–4 used (the
//! demo JWTs in assets/samples/tokens, EIP-55 addresses, USDT calldata, the EIP-155 and a mainnet EIP-1559 raw
//! transaction, a demo ledger file, a bundled tokenizer.json) and the near misses that must stay prompts.
//!
//! Sources of the Ethereum vectors: see tests/ledger_eth.rs (ethereum/EIPs eip-55.md and eip-155.md, a mainnet USDT
//! transfer, alloy's `test_trace_result_serde` calldata).

use std::fmt::Write as _;

use proptest::prelude::*;
use serde_json::Value;
use tokenlens::ai::Vocab;
use tokenlens::detect::{Kind, detect};
use tokenlens::i18n::{Lang, Words, tr};
use tokenlens::ledger::demo::{DemoParams, build_demo};
use tokenlens::ledger::store;

use crate::cli_ai::run;

const TOKENS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples/tokens");
/// Mainnet USDT EIP-1559 transfer.
const USDT_TX: &str = "02f8b2018207a984010bef3384780f481a8301482094dac17f958d2ee523a2206206994597c13d831ec780b844a9059cbb000000000000000000000000a29e963992597b21bcdcaa969d571984869c4ff50000000000000000000000000000000000000000000000000000008e06d55400c080a063ec94403b94ef380a4c4c31b3df991ca456d84943f53e6d207d57d697a8ee98a01631a9ad2884defacfa06eca1d8cfc04c26b119f206a72006e8b0f1802ceab9f";
/// USDT `transfer(address,uint256)` calldata (alloy `test_trace_result_serde`).
const USDT_CALLDATA: &str = "a9059cbb000000000000000000000000e3f85a274c1edbea2f2498cf5978f41961cf8b5b0000000000000000000000000000000000000000000000000000000068c8f380";
/// EIP-155 worked example (legacy, chain id 1).
const EIP155_SIGNED: &str = "f86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";
/// EIP-55 examples.
const EIP55: [&str; 4] = [
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
];
/// SHA-1 of the empty string, which is also git's empty-blob-free well-known hash shape: 40 lower-case hex digits.
const SHA1_EMPTY: &str = "da39a3ee5e6b4b0d3255bfef95601890afd80709";

fn sample(name: &str) -> String {
    std::fs::read_to_string(format!("{TOKENS}/{name}"))
        .unwrap()
        .trim()
        .to_owned()
}

fn assert_kind(text: &str, kind: Kind, min_confidence: f32) {
    let d = detect(text);
    assert_eq!(d.kind, kind, "{text:.60}: {}", d.reason);
    assert!(
        d.confidence >= min_confidence && d.confidence <= 1.0,
        "{text:.60}: confidence {} ({})",
        d.confidence,
        d.reason
    );
}

#[test]
fn every_sample_jwt_is_a_jwt_and_the_jwe_a_jwe() {
    let mut seen = 0;
    for entry in std::fs::read_dir(TOKENS).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if std::path::Path::new(&name).extension() != Some("jwt".as_ref()) {
            continue;
        }
        let token = sample(&name);
        let d = detect(&token);
        let want = if name == "jwe.jwt" {
            Kind::Jwe
        } else {
            Kind::Jwt
        };
        assert_eq!(d.kind, want, "{name}: {}", d.reason);
        assert!(d.confidence >= 0.95, "{name}: {}", d.confidence);
        assert_eq!(d.payload, token, "{name}: the payload is the token");
        seen += 1;
    }
    assert!(seen >= 18, "all samples were read ({seen})");
    let d = detect(&sample("hs256.jwt"));
    assert!(d.reason.to_string().contains("HS256"), "{}", d.reason);
    assert!(
        detect(&sample("jwe.jwt"))
            .reason
            .to_string()
            .contains("A256GCM")
    );
    assert!(
        detect(&sample("none.jwt"))
            .reason
            .to_string()
            .contains("none")
    );
}

#[test]
fn bearer_quotes_and_line_breaks_are_stripped_from_the_payload() {
    let token = sample("es256.jwt");
    let (head, tail) = token.split_at(40);
    for pasted in [
        format!("Bearer {token}"),
        format!("  Authorization: Bearer {token}\r\n"),
        format!("\"{token}\""),
        format!("'Bearer {token}'"),
        format!("{head}\n    {tail}"),
    ] {
        let d = detect(&pasted);
        assert_eq!(d.kind, Kind::Jwt, "{pasted:?}: {}", d.reason);
        assert_eq!(d.payload, token, "{pasted:?}");
    }
}

#[test]
fn a_jwt_with_a_damaged_signature_is_still_a_jwt_but_less_sure() {
    let token = sample("hs256.jwt");
    let damaged = format!("{token}+");
    let d = detect(&damaged);
    assert_eq!(d.kind, Kind::Jwt, "{}", d.reason);
    assert!(d.confidence < 0.9, "{}", d.confidence);
    assert!(d.reason.to_string().contains("signature"), "{}", d.reason);
}

#[test]
fn a_token_shape_whose_header_is_not_json_is_a_prompt_that_names_the_miss() {
    // base64url of `{not json` then two more parts: meant as a JWT, but not one.
    let d = detect("e25vdCBqc29u.e30.c2ln");
    assert_eq!(d.kind, Kind::Prompt);
    assert!(
        d.reason.to_string().contains("looks like a JWT"),
        "{}",
        d.reason
    );
    assert!(
        d.reason.to_string().contains("not valid JSON"),
        "{}",
        d.reason
    );
    // Five parts whose header has alg but no enc.
    let d = detect("eyJhbGciOiJub25lIn0.a.b.c.d");
    assert_eq!(d.kind, Kind::Prompt);
    assert!(d.reason.to_string().contains("\"enc\""), "{}", d.reason);
}

#[test]
fn ethereum_addresses_calldata_and_raw_transactions() {
    for a in EIP55 {
        assert_kind(a, Kind::EthAddress, 0.95);
        assert_kind(&a[2..], Kind::EthAddress, 0.95);
        assert_eq!(detect(&format!("  \"{a}\"\n")).payload, a);
    }
    // No checksum but an explicit 0x: an address, a little less sure.
    let lower = EIP55[0].to_ascii_lowercase();
    assert_kind(&lower, Kind::EthAddress, 0.85);
    // A broken checksum is still an address; the reason gives the fix.
    let typo = EIP55[0].replace("aAeb", "AAeb");
    let d = detect(&typo);
    assert_eq!(d.kind, Kind::EthAddress);
    assert!(d.confidence < 0.85, "{}", d.confidence);
    assert!(d.reason.to_string().contains(EIP55[0]), "{}", d.reason);

    for calldata in [USDT_CALLDATA.to_owned(), format!("0x{USDT_CALLDATA}")] {
        let d = detect(&calldata);
        assert_eq!(d.kind, Kind::Calldata, "{}", d.reason);
        assert!(d.confidence >= 0.9);
        assert!(
            d.reason.to_string().contains("transfer(address,uint256)"),
            "{}",
            d.reason
        );
    }
    // An unknown selector with whole words is calldata, with less confidence.
    let unknown = format!("0xdeadbeef{}", "00".repeat(64));
    let d = detect(&unknown);
    assert_eq!(d.kind, Kind::Calldata, "{}", d.reason);
    assert!(
        d.confidence < 0.9 && d.reason.to_string().contains("deadbeef"),
        "{}",
        d.reason
    );

    for tx in [USDT_TX, EIP155_SIGNED] {
        assert_kind(tx, Kind::RawTransaction, 0.95);
        assert_kind(&format!("0x{tx}"), Kind::RawTransaction, 0.95);
    }
    assert!(detect(USDT_TX).reason.to_string().contains("type 2"));
    assert!(detect(EIP155_SIGNED).reason.to_string().contains("type 0"));
}

/// The choice for 40 lower-case hex digits without `0x`: an address is possible (so the Crypto tab can open it),
/// but it is just as likely a SHA-1 or git commit hash, so the confidence is low and the reason says so.
#[test]
fn a_bare_lowercase_40_hex_hash_is_an_unsure_address_that_may_be_a_hash() {
    let d = detect(SHA1_EMPTY);
    assert_eq!(d.kind, Kind::EthAddress);
    assert!(d.confidence <= 0.5, "{}", d.confidence);
    assert!(d.reason.to_string().contains("hash"), "{}", d.reason);
    // The same digits with 0x are an intentional address.
    assert!(detect(&format!("0x{SHA1_EMPTY}")).confidence >= 0.85);
}

#[test]
fn hex_that_is_none_of_the_ethereum_kinds_is_a_prompt_with_the_miss() {
    let hash = format!("0x{}", "ab".repeat(32));
    let d = detect(&hash);
    assert_eq!(d.kind, Kind::Prompt);
    assert_eq!(
        d.reason,
        Words::new("detect.prompt_near").with_words("miss", Words::new("detect.miss.hex32"))
    );
    let d = detect("0x1234");
    assert_eq!(d.kind, Kind::Prompt);
    assert!(d.reason.to_string().contains("2 bytes"), "{}", d.reason);
    // A transaction cut short starts like RLP but does not decode.
    let d = detect(&EIP155_SIGNED[..100]);
    assert_eq!(d.kind, Kind::Prompt);
    assert!(
        d.reason.to_string().contains("raw transaction"),
        "{}",
        d.reason
    );
    let d = detect("0x123");
    assert!(
        d.reason.to_string().contains(tr("detect.miss.hex_odd")),
        "{}",
        d.reason
    );
    // Short digit runs are numbers, not hex.
    assert_eq!(detect("12345678").reason, Words::new("detect.prompt"));
}

#[test]
fn a_saved_demo_ledger_is_a_ledger() {
    let chain = build_demo(&DemoParams {
        accounts: 3,
        blocks: 2,
        tx_per_block: 2,
        difficulty_bits: 4,
        seed: "detect".to_owned(),
        ..DemoParams::default()
    })
    .unwrap();
    let json = store::to_json(&chain);
    let d = detect(&json);
    assert_eq!(d.kind, Kind::Ledger, "{}", d.reason);
    assert!(d.confidence >= 0.95);
    assert_eq!(d.payload, json.trim());
    let other = json.replacen(tokenlens::ledger::model::FORMAT, "tokenlens-ledger/9", 1);
    let d = detect(&other);
    assert_eq!(d.kind, Kind::Ledger);
    assert!(d.confidence < 0.9 && d.reason.to_string().contains("tokenlens-ledger/9"));
}

#[test]
fn bundled_tokenizer_json_files_are_tokenizers() {
    for vocab in [Vocab::BertUncased, Vocab::MistralV1, Vocab::O200k] {
        let json = String::from_utf8(vocab.json().unwrap()).unwrap();
        let d = detect(&json);
        assert_eq!(d.kind, Kind::Tokenizer, "{}: {}", vocab.name(), d.reason);
        assert!(d.confidence >= 0.9);
    }
    let bare = r#"{"model": {"type": "BPE", "vocab": {}, "merges": []}}"#;
    let d = detect(bare);
    assert_eq!(d.kind, Kind::Tokenizer);
    assert!(d.confidence < 0.9);
}

#[test]
fn near_misses_stay_prompts() {
    let plain = tr("detect.prompt");
    for text in [
        "1.2.3",
        "v2.10.4-beta.1",
        "192.168.1.1",
        "Hello. This is a test. Bye.",
        "alice@example.com",
        "https://example.com/a.b.c?x=1",
        "7427c1d",
        "[1, 2, 3]",
        "Bearer of bad news.",
    ] {
        let d = detect(text);
        assert_eq!(d.kind, Kind::Prompt, "{text}: {}", d.reason);
        assert_eq!(d.reason.to_string(), plain, "{text}");
        assert_eq!(d.payload, text, "a prompt is loaded as given");
    }
    let blob = "SGVsbG8gd29ybGQsIHRoaXMgaXMgYSBiYXNlNjQgYmxvYiAxMjM=";
    let d = detect(blob);
    assert_eq!(d.kind, Kind::Prompt);
    assert!(
        d.reason.to_string().contains(tr("detect.miss.base64")),
        "{}",
        d.reason
    );

    let cases = [
        (r#"{"name": "x", "list": [1, 2]}"#, "detect.miss.json"),
        (
            r#"{"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}"#,
            "detect.miss.json_model",
        ),
    ];
    for (json, key) in cases {
        let d = detect(json);
        assert_eq!(d.kind, Kind::Prompt, "{json}");
        assert!(
            d.reason.to_string().contains(tr(key)),
            "{json}: {}",
            d.reason
        );
    }
    let d = detect("{\"a\": 1");
    assert_eq!(d.kind, Kind::Prompt);
    assert!(d.reason.to_string().contains("line 1"), "{}", d.reason);
}

#[test]
fn empty_and_blank_are_prompts_with_zero_confidence() {
    for text in ["", "   \n\t", "\"\"", "\0"] {
        let d = detect(text);
        assert_eq!(d.kind, Kind::Prompt, "{text:?}");
        assert_eq!(d.payload, text);
        if text != "\0" {
            assert_eq!(
                (d.confidence, d.reason.clone()),
                (0.0, Words::new("detect.empty"))
            );
        }
    }
}

#[test]
fn deeply_nested_json_and_headers_are_prompts_not_crashes() {
    for text in [
        format!("{{\"x\": {}", "[".repeat(200_000)),
        format!("{{\"model\": {}", "{\"a\":".repeat(200_000)),
        format!(
            "{}.e30.c2ln",
            tokenlens::session::encode_b64url("{\"a\":".repeat(50_000).as_bytes())
        ),
    ] {
        let d = detect(&text);
        assert_eq!(d.kind, Kind::Prompt, "{}", d.reason);
        assert!(d.confidence < 0.7, "a miss is named: {}", d.reason);
    }
}

#[test]
fn kinds_serialize_in_kebab_case() {
    let names: Vec<Value> = [
        Kind::Jwt,
        Kind::Jwe,
        Kind::EthAddress,
        Kind::Calldata,
        Kind::RawTransaction,
        Kind::Tokenizer,
        Kind::Ledger,
        Kind::Prompt,
    ]
    .iter()
    .map(|k| serde_json::to_value(k).unwrap())
    .collect();
    assert_eq!(
        names,
        [
            "jwt",
            "jwe",
            "eth-address",
            "calldata",
            "raw-transaction",
            "tokenizer",
            "ledger",
            "prompt"
        ]
    );
}

#[test]
fn ten_megabyte_inputs_are_classified() {
    // How fast is measured in benches/detect.rs.
    const MB10: usize = 10 << 20;
    let sentence = "The quick brown fox. It jumps over 3.14 lazy dogs at 192.168.0.1! ";
    let prose = sentence.repeat(MB10 / sentence.len());
    let mut tokenizer =
        String::from(r#"{"version": "1.0", "added_tokens": [], "model": {"vocab": {"#);
    let mut i = 0;
    while tokenizer.len() < MB10 {
        write!(tokenizer, "\"tok{i}\": {i}, ").unwrap();
        i += 1;
    }
    tokenizer.push_str("\"end\": 0}}}");
    let hex = format!("0x{}", "ab".repeat(MB10 / 2));
    let dots = ".".repeat(MB10);
    let big_jwt = format!("eyJhbGciOiJIUzI1NiJ9.{}.c2ln", "QUJD".repeat(MB10 / 4));
    assert!(
        detect(&hex)
            .reason
            .to_string()
            .contains(tr("detect.miss.hex_huge"))
    );
    for (text, kind) in [
        (&big_jwt, Kind::Jwt),
        (&prose, Kind::Prompt),
        (&tokenizer, Kind::Tokenizer),
        (&hex, Kind::Prompt),
        (&dots, Kind::Prompt),
    ] {
        assert_eq!(detect(text).kind, kind);
    }
}

proptest! {
    #[test]
    fn detect_never_panics(text in "\\PC{0,200}") {
        let d = detect(&text);
        prop_assert!((0.0..=1.0).contains(&d.confidence));
        prop_assert!(!d.reason.to_string().is_empty());
        if d.kind == Kind::Prompt {
            prop_assert_eq!(d.payload, text);
        }
    }

    #[test]
    fn detect_never_panics_on_near_shapes(
        prefix in prop::sample::select(vec!["eyJ", "Bearer eyJ", "0x", "0x02f8", "0xa9059cbb", "{", "{\"model\":", "{\"format\":", "\"", "'"]),
        body in "[0-9a-fA-F.{}\":,\\[\\]\\s_\\-=\0]{0,120}",
    ) {
        let text = format!("{prefix}{body}");
        let d = detect(&text);
        prop_assert!((0.0..=1.0).contains(&d.confidence));
    }
}

#[test]
fn cli_prints_kind_confidence_and_reason() {
    let token = sample("rs256.jwt");
    let (code, out, err) = run(&["detect", &token, "--json"], None);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let obj = v.as_object().unwrap();
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["confidence", "kind", "reason"]);
    assert_eq!(v["kind"], "jwt");
    assert!(v["confidence"].as_f64().unwrap() > 0.9);
    assert!(v["reason"].as_str().unwrap().contains("RS256"));

    let (code, out, _) = run(
        &["detect", "-", "--json"],
        Some(format!("0x{USDT_TX}\n").as_bytes()),
    );
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["kind"], "raw-transaction");

    let (code, out, _) = run(&["detect", EIP55[1]], None);
    assert_eq!(code, 0);
    assert!(out.starts_with("eth-address (0.99): "), "{out}");

    let (code, out, _) = run(&["detect"], Some(b"v2.10.4-beta.1"));
    assert_eq!(code, 0);
    assert!(out.starts_with("prompt ("), "{out}");

    let (code, out, err) = run(&["detect", "-"], Some(b"\xff\xfe not UTF-8"));
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("standard input"), "{err}");
}

#[test]
fn a_reason_is_words_that_read_in_either_language_without_detecting_again() {
    let d = detect(&sample("hs256.jwt"));
    assert_eq!(d.reason, Words::new("detect.jwt").with("alg", "HS256"));
    assert_eq!(
        d.reason.text_in(Lang::En),
        "A JWT (signed, JWS): three base64url parts whose header is JSON with alg HS256."
    );
    assert_eq!(
        d.reason.text_in(Lang::Zh),
        "JWT（已签名，JWS）：三段 base64url，头部是 JSON，alg 为 HS256。"
    );
}
