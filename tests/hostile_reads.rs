//! Reads capped as they happen: a device that never ends (`/dev/zero` reports size 0) and an oversized stream of
//! multi-byte text are refused with a message that says "too large", not read forever or called invalid UTF-8.

use crate::cli_ai::run;

#[test]
fn a_ledger_file_that_never_ends_is_refused() {
    let (code, _, err) = run(&["ledger", "verify", "/dev/zero"], None);
    assert_ne!(code, 0, "refused");
    assert!(err.contains("is larger than"), "{err}");
}

#[test]
fn seventeen_mebibytes_of_chinese_on_stdin_is_too_large_not_invalid_utf8() {
    // 3-byte characters, so the cap falls inside one of them.
    let text = "词".repeat(17 * 1024 * 1024 / 3 + 1);
    let (code, _, err) = run(&["jwt", "-"], Some(text.as_bytes()));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("larger than"), "{err}");
    assert!(!err.contains("UTF-8"), "{err}");
}
