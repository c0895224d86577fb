//! Coverage-guided fuzz target for ledger files: any bytes given to the loader either fail with a message or load
//! into a chain that validates without panicking (tampered files must become problems, never crashes). Anders'
//! classic scenarios go through the same test.
//!
//! Run from `fuzz/`: `RUSTC_BOOTSTRAP=1 cargo fuzz run ledger_file -- -max_total_time=600`

#![no_main]

use libfuzzer_sys::fuzz_target;
use tokenlens::ledger::classic::ClassicScenario;
use tokenlens::ledger::store::{from_json, to_json};
use tokenlens::ledger::validate;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match from_json(text) {
        Ok(chain) => {
            let report = validate(&chain);
            assert_eq!(report.blocks.len(), chain.blocks.len(), "one check per block");
            for p in &report.problems {
                // Metadata problems name a section, and belong to block 0 even when there are no blocks.
                assert!(
                    p.block < chain.blocks.len() || p.section.is_some(),
                    "problem outside the chain"
                );
                assert!(!p.message.is_empty(), "a problem without a reason");
            }
            // What loads must save and load back to the same chain.
            assert_eq!(from_json(&to_json(&chain)).ok().as_ref(), Some(&chain), "round trip");
        }
        Err(e) => assert!(!e.to_string().is_empty(), "empty error message"),
    }
    if let Ok(scenario) = ClassicScenario::from_json(text) {
        let _ = scenario.check();
    }
});
