//! Coverage-guided fuzz target for the Ethereum decoders: hex input, address checks, calldata, strict RLP and raw
//! transactions (signature recovery included). Nothing may panic, and every span and field must lie inside the
//! normalized text.
//!
//! Run from `fuzz/`: `RUSTC_BOOTSTRAP=1 cargo fuzz run ledger_inspect -- -max_total_time=600`

#![no_main]

use std::ops::Range;

use libfuzzer_sys::fuzz_target;
use tokenlens::ledger::eth::{
    Address, Units, decode_calldata, decode_transaction, detect, inspect, parse_private_key,
    report_json,
};

fn check_range(text: &str, range: &Range<usize>, what: &str) {
    assert!(
        range.start <= range.end && range.end <= text.len(),
        "{what} range {range:?} outside text of {} bytes",
        text.len()
    );
}

fuzz_target!(|data: &[u8]| {
    // Raw bytes straight into the byte-level decoders.
    let _ = decode_transaction(data, None);
    let _ = decode_calldata(data, Units::default());

    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = detect(text);
    let _ = Address::parse(text);
    let _ = parse_private_key(text);
    let as_hex: String = data.iter().map(|b| format!("{b:02x}")).collect();
    for input in [text.to_owned(), as_hex] {
        match inspect(&input, Some(6)) {
            Ok(ins) => {
                let t = ins.text.text();
                for (i, span) in ins.text.spans().iter().enumerate() {
                    check_range(t, &span.byte_range, &format!("span {i} ({:?})", span.kind));
                }
                for f in &ins.fields {
                    check_range(t, &f.byte_range, &format!("field {}", f.name));
                }
                let _ = report_json(&ins);
            }
            Err(e) => assert!(!e.to_string().is_empty(), "empty error message"),
        }
    }
});
