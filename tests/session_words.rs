//! The session core words nothing itself: a token decoded and verified once is worded in English and in Chinese
//! on demand (`Words::text_in`), so a language switch needs no new decode. Through the real UI, a result already
//! on screen is re-worded by a switch, and the inspection behind it is the same one.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use tokenlens::app::{Tab, TokenLensApp};
use tokenlens::i18n::{self, Lang, Worded as _, Words};
use tokenlens::session::{
    Alg, Clock, Inspection, KeyInput, SecretEncoding, Status, TimeCheck, decode, inspect,
    parse_key, report_json, sign_token,
};
use tokenlens::text::SpannedText;

use crate::ui::{harness, settle_shown};

/// 2027-01-15: the token below expired in January 2018, 8 years (of 365 days) before.
const NOW: i64 = 1_800_000_000;

fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// `words` in both languages: English with no Chinese in it, Chinese that is worded (CJK) and differs.
#[track_caller]
fn both(words: &Words) -> (String, String) {
    let en = words.text_in(Lang::En);
    let zh = words.text_in(Lang::Zh);
    assert!(!en.trim().is_empty(), "{words:?}");
    assert!(!has_cjk(&en), "English: {en}");
    assert!(has_cjk(&zh), "Chinese: {zh}");
    assert_ne!(en, zh, "worded apart");
    assert_eq!(words.to_string(), en, "Display is English");
    (en, zh)
}

fn secret(text: &str) -> KeyInput {
    KeyInput::Secret {
        text: text.to_owned(),
        encoding: SecretEncoding::Utf8,
    }
}

/// An HS256 token signed with a well-known secret, expired, with a secret-looking claim.
fn token() -> String {
    let payload = r#"{"sub":"1234567890","iat":1516239022,"exp":1516242622,"password":"hunter2"}"#;
    sign_token(
        r#"{"typ":"JWT"}"#,
        payload,
        Some(Alg::HS256),
        &secret("secret"),
    )
    .unwrap()
}

fn inspected() -> Inspection {
    inspect(&token(), Some(&secret("secret")), &Clock::fixed(NOW))
}

/// Every span note of `text` that is a message, in both languages.
fn span_notes(text: &SpannedText) -> usize {
    let mut worded = 0;
    for span in text.spans() {
        for note in [span.label_note(), span.detail_note()]
            .into_iter()
            .flatten()
        {
            if let Some(words) = note.words() {
                both(words);
                worded += 1;
            }
        }
    }
    worded
}

#[test]
fn one_inspection_is_worded_in_english_and_in_chinese() {
    let ins = inspected();
    assert_eq!(ins.verification.status, Status::Valid);
    assert_eq!(ins.time.status, TimeCheck::Expired);

    let (en, zh) = both(&ins.verification.reason);
    assert_eq!(en, "Signature verified (HS256).");
    assert_eq!(zh, "签名验证通过（HS256）。");

    // Nested words (the reason holds the relative time, which holds the duration) follow the same language.
    let (en, zh) = both(&ins.time.reason);
    assert_eq!(
        en,
        "Not accepted now: exp has passed (expired 8 years ago)."
    );
    assert_eq!(zh, "当前不予接受：exp 已过（已于 8 年前过期）。");
    assert_eq!(ins.verdict_reason(), ins.time.reason);

    let codes: Vec<&str> = ins.findings.iter().map(|f| f.code).collect();
    for code in ["weak_secret", "expired", "sensitive_claim"] {
        assert!(codes.contains(&code), "{codes:?}");
    }
    for f in &ins.findings {
        both(&f.message);
    }
    let expired = ins.findings.iter().find(|f| f.code == "expired").unwrap();
    assert!(
        !expired.message.text_in(Lang::Zh).contains("years"),
        "no English left inside the Chinese"
    );

    let sub = ins.claims.iter().find(|c| c.name == "sub").unwrap();
    both(sub.explanation.as_ref().unwrap());
    let exp = ins.claims.iter().find(|c| c.name == "exp").unwrap();
    both(exp.time.as_ref().unwrap().relative.as_ref().unwrap());

    // Hover cards: segment names, sizes, member meanings and a time claim's lines.
    assert!(span_notes(&ins.views.token) >= 6, "segments, dots, members");
    assert!(
        span_notes(&ins.views.payload) >= 8,
        "each member's key and value"
    );
    let exp_card = ins
        .views
        .payload
        .spans()
        .iter()
        .find(|s| s.label() == "exp")
        .and_then(|s| s.detail_note()?.words().cloned())
        .unwrap();
    let (en, zh) = both(&exp_card);
    assert!(en.contains("2018-01-18T02:30:22Z\n"), "{en}");
    assert!(zh.ends_with("已于 8 年前过期"), "{zh}");

    // The language in use only matters when the words are shown: the same result, worded on a Chinese thread.
    let _lang = i18n::isolate_thread(Lang::Zh);
    assert_eq!(ins.verification.reason.text(), "签名验证通过（HS256）。");
    // The JSON report stays English whatever the language in use.
    let report = report_json(&ins);
    assert_eq!(report["signature"]["reason"], "Signature verified (HS256).");
    assert_eq!(
        report["findings"][0]["message"],
        ins.findings[0].message.to_string()
    );
    let claims = report["claims"].as_array().unwrap();
    let sub_row = claims.iter().find(|c| c["name"] == "sub").unwrap();
    assert_eq!(
        sub_row["explanation"],
        sub.explanation.as_ref().unwrap().text_in(Lang::En)
    );
}

#[test]
fn errors_are_typed_and_worded_at_the_edge() {
    // A decode error.
    let d = decode("eyJhbGciOiJIUzI1NiJ9=.e30.AAAA");
    let (en, zh) = both(&d.errors[0].words());
    assert!(en.contains("padding"), "{en}");
    assert!(zh.contains("头部"), "the segment name is worded too: {zh}");

    // A key error and a signing error.
    let err = parse_key(&KeyInput::Jwk(r#"{"keys":3}"#.to_owned())).unwrap_err();
    let (en, _) = both(&err.words());
    assert_eq!(en, "The JWK is invalid: \"keys\" must be an array.");
    let err = sign_token("[1]", "{}", Some(Alg::HS256), &secret("x")).unwrap_err();
    let (en, zh) = both(&err.words());
    assert_eq!(en, "The header is not valid JSON: it must be a JSON object");
    assert_eq!(zh, "头部不是有效的 JSON：它必须是一个 JSON 对象");

    // Each key of a set that was refused, joined with the separator of the language.
    let jwks = r#"{"keys":[
        {"kty":"oct","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTEyMw","kid":"a","use":"enc"},
        {"kty":"oct","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTEyMw","kid":"b","key_ops":["sign","wrapKey"]}
    ]}"#;
    let ins = inspect(
        &token(),
        Some(&KeyInput::Jwk(jwks.to_owned())),
        &Clock::fixed(NOW),
    );
    assert_eq!(ins.verification.status, Status::KeyMismatch);
    let (en, zh) = both(&ins.verification.reason);
    assert_eq!(
        en,
        "a: use is \"enc\", not \"sig\"; b: key_ops (sign, wrapKey) does not allow verify"
    );
    assert_eq!(
        zh,
        "a：use 为 \"enc\"，而不是 \"sig\"；b：key_ops（sign、wrapKey）不允许 verify"
    );
}

/// Open the language menu (named `menu` in the language on screen) and pick `name`.
fn choose(h: &mut egui_kittest::Harness<'static, TokenLensApp>, menu: &str, name: &str) {
    h.get_by_role_and_label(Role::ComboBox, menu).click();
    h.run();
    h.get_by_label(name).click();
    h.run();
}

#[test]
fn a_shown_inspection_is_reworded_not_decoded_again() {
    let _lang = i18n::isolate_thread(Lang::En);
    let mut app = TokenLensApp::default();
    app.tab = Tab::Session;
    app.session.set_input(token());
    app.session
        .set_key(tokenlens::ui::session::KeyKind::Secret, "secret");
    let mut h = harness(app);
    settle_shown(&mut h);
    let shown = |h: &egui_kittest::Harness<'static, TokenLensApp>| {
        std::ptr::from_ref(h.state().session.inspection().unwrap())
    };
    let before = shown(&h);
    h.get_by_label("Signature verified (HS256).");
    h.get_by_label_contains("The HMAC secret is a well-known default");
    h.get_by_label_contains("Not accepted now: exp has passed (expired 8 years ago)");
    h.get_by_label_contains("Subject: whom the token is about");

    choose(&mut h, "Language", "简体中文");
    h.get_by_label("签名验证通过（HS256）。");
    h.get_by_label_contains("该 HMAC 密钥是广为人知的默认值");
    h.get_by_label_contains("当前不予接受：exp 已过（已于 8 年前过期）");
    h.get_by_label_contains("主体（subject）");
    for english in [
        "Signature verified",
        "well-known default",
        "Not accepted now",
    ] {
        assert!(
            h.query_by_label_contains(english).is_none(),
            "{english} is left"
        );
    }
    assert_eq!(shown(&h), before, "the same inspection, worded anew");

    choose(&mut h, "语言", "English");
    h.get_by_label("Signature verified (HS256).");
    assert_eq!(shown(&h), before);
}

#[test]
fn the_encoders_error_follows_the_language() {
    let _lang = i18n::isolate_thread(Lang::En);
    let mut app = TokenLensApp::default();
    app.tab = Tab::Session;
    app.session.settings.mode = tokenlens::ui::session::Mode::Encoder;
    let mut h = harness(app);
    h.run();
    // HS256 with the key field still empty.
    h.get_by_label("× No key entered.");
    choose(&mut h, "Language", "简体中文");
    h.get_by_label("× 未输入密钥。");
}
