//! Every catalogue key the code uses exists in the catalogue.

use std::collections::HashMap;

/// All `.rs` files under `dir`, recursively.
pub(crate) fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_key_used_in_the_source_is_in_the_english_catalogue() {
    let catalogue: HashMap<String, String> =
        serde_json::from_str(tokenlens::i18n::catalogue_source(tokenlens::i18n::Lang::En)).unwrap();
    let mut files = Vec::new();
    rust_files(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let prefixes = [
        "ai.",
        "ledger.",
        "inspect.",
        "classic.",
        "tab.",
        "session.",
        "sample.",
        "status.",
        "severity.",
        "time.",
        "encoder.",
        "app.",
        "overview.",
        "jwt.",
        "find.",
        "key.",
        "verify.",
        "sign.",
        "dur.",
        "family.",
        "detect.",
        "tour.",
        "whatis.",
    ];
    let mut missing = Vec::new();
    let mut seen = 0;
    for file in files {
        let src = std::fs::read_to_string(&file).unwrap();
        for literal in src.split('"').skip(1).step_by(2) {
            let is_key = prefixes.iter().any(|p| literal.starts_with(p))
                && literal
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._#".contains(c))
                && !literal.ends_with('.');
            if is_key {
                seen += 1;
                if !catalogue.contains_key(literal) {
                    missing.push(format!("{}: {literal}", file.display()));
                }
            }
        }
    }
    assert!(seen > 150, "the scan finds the keys ({seen})");
    assert!(
        missing.is_empty(),
        "keys missing from assets/i18n/en.json: {missing:#?}"
    );
    // Keys built at run time.
    for name in [
        "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "nonce", "azp",
    ] {
        assert!(
            catalogue.contains_key(&format!("claim.{name}")),
            "claim.{name}"
        );
    }
    for name in ["jku", "x5u", "jwk", "x5c"] {
        assert!(catalogue.contains_key(&format!("find.key_in_header.{name}")));
    }
    for row in ["what", "issuer", "proves", "lives", "inspect", "zh"] {
        for col in ["session", "crypto", "ai"] {
            assert!(catalogue.contains_key(&format!("overview.{col}.{row}")));
        }
    }
}
