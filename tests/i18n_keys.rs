//! Every catalogue key the code builds at run time exists in the catalogue (literal keys are checked when the
//! crate compiles), and the translations match the English catalogue.

use std::collections::HashMap;

/// Literal keys are checked when the crate compiles (`tr!`, `trf!`, `words!`, `key!`: see `i18n::has_key`);
/// these are the keys the code builds at run time, which no compiler can see.
#[test]
fn keys_built_at_run_time_are_in_the_english_catalogue() {
    let catalogue: HashMap<String, String> =
        serde_json::from_str(tokenlens::i18n::catalogue_source(tokenlens::i18n::Lang::En)).unwrap();
    assert_eq!(
        tokenlens::i18n::KEYS.len(),
        catalogue.len(),
        "build.rs reads every key of en.json"
    );
    for key in tokenlens::i18n::KEYS {
        assert!(catalogue.contains_key(*key), "{key}");
        assert!(tokenlens::i18n::has_key(key), "{key}");
    }
    assert!(!tokenlens::i18n::has_key("tab.overview."));
    assert!(!tokenlens::i18n::has_key(""));
    for quirk in tokenlens::ledger::classic::quirks() {
        for part in ["title", "text"] {
            let key = format!("classic.quirk.{}.{part}", quirk.id);
            assert!(catalogue.contains_key(&key), "{key}");
        }
    }
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
        assert!(catalogue.contains_key(&format!("overview.row.{row}")));
        for col in ["session", "crypto", "ai"] {
            assert!(catalogue.contains_key(&format!("overview.{col}.{row}")));
        }
    }
}

fn catalogue(lang: tokenlens::i18n::Lang) -> std::collections::BTreeMap<String, String> {
    serde_json::from_str(tokenlens::i18n::catalogue_source(lang)).unwrap()
}

/// The `{name}` placeholders of a catalogue text, sorted (repeats kept).
fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find('}') else { break };
        let name = &rest[..close];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            out.push(name);
            rest = &rest[close + 1..];
        }
    }
    out.sort_unstable();
    out
}

#[test]
fn placeholders_are_found() {
    assert_eq!(
        placeholders(r#"{"kty":…} {b} and {a}, {a}; ${price} {not a name}"#),
        ["a", "a", "b", "price"]
    );
}

#[test]
fn english_and_chinese_have_the_same_keys() {
    use tokenlens::i18n::Lang;
    let en = catalogue(Lang::En);
    let zh = catalogue(Lang::Zh);
    let only_en: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    let only_zh: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(
        only_en.is_empty(),
        "keys missing from assets/i18n/zh.json: {only_en:#?}"
    );
    assert!(
        only_zh.is_empty(),
        "keys missing from assets/i18n/en.json: {only_zh:#?}"
    );
}

#[test]
fn translations_keep_every_placeholder() {
    use tokenlens::i18n::Lang;
    let en = catalogue(Lang::En);
    let zh = catalogue(Lang::Zh);
    let wrong: Vec<_> = en
        .iter()
        .filter_map(|(k, e)| {
            let z = zh.get(k)?;
            (placeholders(e) != placeholders(z)).then(|| format!("{k}: {e:?} vs {z:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "placeholders differ: {wrong:#?}");
}

/// English texts of three words or more that stay English in Chinese (names and licence wording).
const STAYS_ENGLISH: &[&str] = &[];

#[test]
fn chinese_texts_are_translated() {
    use tokenlens::i18n::Lang;
    let en = catalogue(Lang::En);
    let zh = catalogue(Lang::Zh);
    let mut untranslated = Vec::new();
    for (k, z) in &zh {
        let e = &en[k];
        let words = e
            .split_whitespace()
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
            .count();
        if z.trim().is_empty() && !e.trim().is_empty() {
            untranslated.push(format!("{k}: empty"));
        } else if z == e && words >= 3 && !STAYS_ENGLISH.contains(&k.as_str()) {
            untranslated.push(format!("{k}: {e:?}"));
        }
    }
    assert!(
        untranslated.is_empty(),
        "untranslated in zh.json: {untranslated:#?}"
    );
}

#[test]
fn catalogue_files_are_sorted_with_one_space_indent() {
    use serde::Serialize as _;
    use tokenlens::i18n::Lang;
    for lang in Lang::ALL {
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(
            &mut out,
            serde_json::ser::PrettyFormatter::with_indent(b" "),
        );
        catalogue(lang).serialize(&mut ser).unwrap();
        out.push(b'\n');
        assert!(
            String::from_utf8(out).unwrap() == tokenlens::i18n::catalogue_source(lang),
            "assets/i18n/{}.json is not in the canonical form: rewrite it with json.dumps(d, ensure_ascii=False, \
             indent=1, sort_keys=True) + '\\n'",
            lang.tag()
        );
    }
}

#[test]
fn the_classic_quirks_are_in_the_catalogue_as_the_core_words_them() {
    use tokenlens::i18n::Lang;
    let en = catalogue(Lang::En);
    for q in tokenlens::ledger::classic::quirks() {
        for (part, core) in [("title", q.title), ("text", q.explanation)] {
            let key = format!("classic.quirk.{}.{part}", q.id);
            assert_eq!(en.get(&key).map(String::as_str), Some(core), "{key}");
        }
    }
}

#[test]
fn enum_labels_are_words_in_both_languages() {
    use tokenlens::ai::ChatFamily;
    use tokenlens::i18n::{Lang, isolate_thread, tr};
    use tokenlens::session::{Format, Severity, Status};
    let labels: Vec<(String, &str)> =
        [Format::Jws, Format::Jwe, Format::Unsecured, Format::Unknown]
            .map(|v| (format!("{v:?}"), v.label_key()))
            .into_iter()
            .chain(
                [
                    Status::Valid,
                    Status::Invalid,
                    Status::NotChecked,
                    Status::Unsigned,
                    Status::Unsupported,
                    Status::KeyMismatch,
                ]
                .map(|v| (format!("{v:?}"), v.label_key())),
            )
            .chain(
                [Severity::Critical, Severity::Warning, Severity::Info]
                    .map(|v| (format!("{v:?}"), v.label_key())),
            )
            .chain(
                [
                    ChatFamily::OpenAi,
                    ChatFamily::ChatMl,
                    ChatFamily::Llama3,
                    ChatFamily::Mistral,
                    ChatFamily::ClaudeLegacy,
                    ChatFamily::None,
                ]
                .map(|v| (format!("{v:?}"), v.label_key())),
            )
            .collect();
    for lang in Lang::ALL {
        let _guard = isolate_thread(lang);
        let mut seen = std::collections::HashSet::new();
        for (variant, key) in &labels {
            let words = tr(key);
            assert_ne!(words, *key, "{lang:?}: {key} is in the catalogue");
            assert_ne!(words, variant, "{lang:?}: {key} is not the variant name");
            assert!(seen.insert(words), "{lang:?}: {words:?} names one thing");
        }
    }
}
