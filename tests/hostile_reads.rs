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

#[test]
fn a_ledger_is_saved_only_to_a_regular_file_or_a_new_path() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile_reads_save");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let target = dir.join("target.txt");
    std::fs::write(&target, "keep me").unwrap();
    let link = dir.join("link.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    for out in [link.to_str().unwrap(), "/dev/null", dir.to_str().unwrap()] {
        let (code, _, err) = run(&["ledger", "demo", "--out", out], None);
        assert_ne!(code, 0, "{out} refused");
        assert!(err.contains("not a regular file"), "{out}: {err}");
    }
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "keep me",
        "the link's target is untouched"
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    let new = dir.join("new.json");
    let (code, _, err) = run(&["ledger", "demo", "--out", new.to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&["ledger", "demo", "--out", new.to_str().unwrap()], None);
    assert_eq!(code, 0, "a regular file is overwritten: {err}");
}

#[test]
fn a_key_file_that_never_ends_is_refused() {
    let token = "eyJhbGciOiJSUzI1NiJ9.e30.c2ln";
    let (code, _, err) = run(&["jwt", token, "--key", "/dev/zero"], None);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("larger than"), "{err}");
}
