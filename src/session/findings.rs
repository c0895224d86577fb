//! Security findings: each with a severity, a stable code and an explanation in plain words.

use std::ops::Range;

use serde_json::Value;

use super::alg::Alg;
use super::claims::{Clock, TIME_CLAIMS, TimeStatus, human_duration, time_info};
use super::decode::{Decoded, Format, JsonPart, Payload, SegmentKind};
use super::key_findings::{key_findings, kid_findings};
use super::keys::KeyInput;
use super::text_checks::{collect_invisible, luhn_card};
use crate::i18n::Words;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Likely a problem.
    Warning,
    /// A known attack or an unsigned token.
    Critical,
}

impl Severity {
    /// Catalogue key of the severity in words ("critical", "warning", "info"); the JSON report keeps the
    /// snake-case name.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Critical => key!("severity.critical"),
            Self::Warning => key!("severity.warning"),
            Self::Info => key!("severity.info"),
        }
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    /// How serious.
    pub severity: Severity,
    /// Stable machine code, e.g. `alg_none`.
    pub code: &'static str,
    /// The explanation (English in the JSON report).
    #[serde(serialize_with = "super::english")]
    pub message: Words,
    /// Where in the input, if it has a place.
    #[serde(skip)]
    pub input_range: Option<Range<usize>>,
}

/// Header names that Token Lens understands when they are listed in `crit`.
const UNDERSTOOD_CRIT: &[&str] = &["b64"];

/// Claim names that should not travel in a token anyone can read.
const SENSITIVE: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "pass",
    "secret",
    "client_secret",
    "api_key",
    "apikey",
    "private_key",
    "privatekey",
    "ssn",
    "social_security_number",
    "credit_card",
    "creditcard",
    "card_number",
    "cardnumber",
    "cvv",
    "cvc",
    "pin",
    "access_token",
    "refresh_token",
    "session_key",
    "otp",
    "totp_secret",
    "mfa_secret",
    "iban",
];

/// Every finding for a decoded token, with an optional key as entered.
pub fn findings(decoded: &Decoded, key: Option<&KeyInput>, clock: &Clock) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut add = |severity, code, message: Words, input_range: Option<Range<usize>>| {
        out.push(Finding {
            severity,
            code,
            message,
            input_range,
        });
    };
    let header_range = decoded
        .segment(SegmentKind::Header)
        .map(|s| s.input_range.clone());
    let member_range = |seg: SegmentKind, part: &JsonPart, name: &str| -> Option<Range<usize>> {
        let m = part.scan.members.iter().find(|m| m.key == name)?;
        decoded.decoded_to_input(seg, m.key_range.start..m.value_range.end)
    };

    if decoded.format == Format::Jwe {
        let enc = decoded
            .header_value("enc")
            .and_then(Value::as_str)
            .unwrap_or("?");
        add(
            Severity::Info,
            "jwe",
            words!("find.jwe").with("enc", enc),
            header_range.clone(),
        );
    }

    // The algorithm.
    let alg_name = decoded.alg.as_deref();
    let alg = alg_name.and_then(Alg::parse);
    if let Some(name) = alg_name {
        if name.eq_ignore_ascii_case("none") {
            add(
                Severity::Critical,
                "alg_none",
                words!("find.alg_none").with("alg", name),
                header_range.clone(),
            );
        } else if alg.is_none() && decoded.format != Format::Jwe {
            add(
                Severity::Info,
                "unsupported_alg",
                words!("find.unsupported_alg").with("alg", name),
                header_range.clone(),
            );
        }
    }
    if let (Some(alg), Some(sig)) = (alg, decoded.signature_b64())
        && sig.is_empty()
    {
        add(
            Severity::Critical,
            "missing_signature",
            words!("find.missing_signature").with("alg", alg),
            None,
        );
    }

    if let Some(header) = &decoded.header {
        header_findings(decoded, header, &mut add, &member_range);
    }

    // The key as entered.
    if let Some(key) = key {
        key_findings(alg, key, &mut add);
        kid_findings(decoded, key, &mut add);
    }

    // Duplicate keys.
    for (seg, part) in [
        (SegmentKind::Header, decoded.header.as_ref()),
        (SegmentKind::Payload, decoded.claims()),
    ] {
        let Some(part) = part else { continue };
        for path in &part.scan.duplicates {
            add(
                Severity::Warning,
                "duplicate_keys",
                words!("find.duplicate_keys")
                    .with_words("seg", Words::new(seg.name_key()))
                    .with("path", path),
                decoded.segment(seg).map(|s| s.input_range.clone()),
            );
        }
        invisible_findings(seg, &Value::Object(part.object.clone()), "", &mut add);
    }

    match &decoded.payload {
        Payload::Json(part) => claims_findings(decoded, part, clock, &mut add, &member_range),
        Payload::Text(_) | Payload::Binary(_) if decoded.format != Format::Jwe => {
            add(
                Severity::Info,
                "payload_not_json",
                words!("find.payload_not_json"),
                decoded
                    .segment(SegmentKind::Payload)
                    .map(|s| s.input_range.clone()),
            );
        }
        _ => {}
    }
    out.sort_by_key(|f| std::cmp::Reverse(f.severity));
    out
}

pub(super) type Add<'a> = dyn FnMut(Severity, &'static str, Words, Option<Range<usize>>) + 'a;
type MemberRange<'a> = dyn Fn(SegmentKind, &JsonPart, &str) -> Option<Range<usize>> + 'a;

fn header_findings(
    _decoded: &Decoded,
    header: &JsonPart,
    add: &mut Add<'_>,
    member_range: &MemberRange<'_>,
) {
    let h = &header.object;
    let at = |name: &str| member_range(SegmentKind::Header, header, name);
    for (name, key) in [
        ("jku", key!("find.key_in_header.jku")),
        ("x5u", key!("find.key_in_header.x5u")),
        ("jwk", key!("find.key_in_header.jwk")),
        ("x5c", key!("find.key_in_header.x5c")),
    ] {
        if h.contains_key(name) {
            add(
                Severity::Warning,
                "key_in_header",
                Words::new(key),
                at(name),
            );
        }
    }
    if let Some(crit) = h.get("crit") {
        match crit.as_array() {
            Some(names) if !names.is_empty() => {
                for name in names {
                    let name = name.as_str().unwrap_or("?");
                    if !UNDERSTOOD_CRIT.contains(&name) {
                        add(
                            Severity::Warning,
                            "crit_unknown",
                            words!("find.crit_unknown").with("name", name),
                            at("crit"),
                        );
                    } else if !h.contains_key(name) {
                        add(
                            Severity::Warning,
                            "crit_unknown",
                            words!("find.crit_absent").with("name", name),
                            at("crit"),
                        );
                    }
                }
            }
            _ => add(
                Severity::Warning,
                "crit_unknown",
                words!("find.crit_malformed"),
                at("crit"),
            ),
        }
    }
    if h.get("b64") == Some(&Value::Bool(false)) {
        let listed = h
            .get("crit")
            .and_then(Value::as_array)
            .is_some_and(|c| c.iter().any(|n| n == "b64"));
        let key = if listed {
            key!("find.b64_false")
        } else {
            key!("find.b64_false_not_crit")
        };
        add(Severity::Warning, "b64_false", Words::new(key), at("b64"));
    }
    if let Some(kid) = h.get("kid") {
        let suspicious = kid.as_str().is_none_or(|k| {
            k.len() > 256
                || k.contains("../")
                || k.contains('\'')
                || k.contains(';')
                || k.contains('|')
        });
        if suspicious {
            add(
                Severity::Warning,
                "suspicious_kid",
                words!("find.suspicious_kid"),
                at("kid"),
            );
        }
    }
}

fn claims_findings(
    decoded: &Decoded,
    part: &JsonPart,
    clock: &Clock,
    add: &mut Add<'_>,
    member_range: &MemberRange<'_>,
) {
    let c = &part.object;
    let at = |name: &str| member_range(SegmentKind::Payload, part, name);
    if !c.contains_key("exp") {
        add(
            Severity::Warning,
            "missing_exp",
            words!("find.missing_exp"),
            decoded
                .segment(SegmentKind::Payload)
                .map(|s| s.input_range.clone()),
        );
    }
    for name in TIME_CLAIMS {
        let Some(value) = c.get(*name) else { continue };
        let info = time_info(name, value, clock);
        for flag in &info.flags {
            add(
                Severity::Warning,
                "time_claim_format",
                words!("find.time_claim_format")
                    .with("claim", name)
                    .with_words("flag", Words::new(flag.message_key())),
                at(name),
            );
        }
        let rel = info.relative.clone().unwrap_or_else(|| Words::verbatim(""));
        let (code, key) = match (info.status, *name) {
            (Some(TimeStatus::Expired), _) => ("expired", key!("find.expired")),
            (Some(TimeStatus::NotYetValid), "nbf") => ("not_yet_valid", key!("find.not_yet_valid")),
            (Some(TimeStatus::NotYetValid), _) => {
                ("issued_in_future", key!("find.issued_in_future"))
            }
            _ => continue,
        };
        add(
            Severity::Warning,
            code,
            Words::new(key).with("claim", name).with_words("rel", rel),
            at(name),
        );
    }
    let (exp, iat, nbf) = (num(c.get("exp")), num(c.get("iat")), num(c.get("nbf")));
    if let Some(exp) = exp
        && let Some(start) = iat.or(nbf)
        && exp - start > 7 * 86_400
    {
        let life = human_duration((exp - start).unsigned_abs());
        add(
            Severity::Warning,
            "long_lifetime",
            words!("find.long_lifetime").with_words("d", life),
            at("exp"),
        );
    }
    sensitive_findings(&Value::Object(c.clone()), "", add);
}

fn num(v: Option<&Value>) -> Option<i64> {
    v?.as_f64()
        .filter(|f| f.is_finite() && f.abs() < 9.0e15)
        .map(|f| f as i64)
}

fn sensitive_findings(value: &Value, path: &str, add: &mut Add<'_>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = format!("{path}/{k}");
                let norm = k.to_ascii_lowercase().replace('-', "_");
                if SENSITIVE.contains(&norm.as_str()) {
                    add(
                        Severity::Warning,
                        "sensitive_claim",
                        words!("find.sensitive_name").with("path", &p),
                        None,
                    );
                } else if v.as_str().is_some_and(luhn_card) {
                    add(
                        Severity::Warning,
                        "sensitive_claim",
                        words!("find.sensitive_card").with("path", &p),
                        None,
                    );
                }
                sensitive_findings(v, &p, add);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                sensitive_findings(v, &format!("{path}/{i}"), add);
            }
        }
        _ => {}
    }
}

fn invisible_findings(seg: SegmentKind, value: &Value, path: &str, add: &mut Add<'_>) {
    let mut hits: Vec<(String, String)> = Vec::new();
    collect_invisible(value, path, &mut hits);
    for (where_, chars) in hits {
        add(
            Severity::Warning,
            "invisible_chars",
            words!("find.invisible")
                .with_words("seg", Words::new(seg.name_key()))
                .with("path", where_)
                .with("chars", chars),
            None,
        );
    }
}
