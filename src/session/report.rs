//! The CLI's `--json` object: the fields scripts and tests rely on. `signature` (also under its old name
//! `verification`) and `time` are reported apart; `valid` is true only when both allow the token. Messages are in
//! English whatever the app's language.

use serde_json::{Value, json};

use super::Inspection;
use super::decode::{Format, Payload};
use crate::i18n::{Worded as _, Words};

/// The machine-readable report of an inspection.
pub fn report_json(ins: &Inspection) -> Value {
    let d = &ins.decoded;
    let (payload, payload_text) = match &d.payload {
        Payload::Json(part) => (Value::Object(part.object.clone()), Value::Null),
        Payload::Text(text) => (Value::Null, Value::String(text.clone())),
        Payload::Binary(bytes) => (Value::Null, Value::String(hex::encode(bytes))),
        Payload::Encrypted | Payload::None => (Value::Null, Value::Null),
    };
    let format = match d.format {
        Format::Jws => "jws",
        Format::Jwe => "jwe",
        Format::Unsecured => "unsecured",
        Format::Unknown => "unknown",
    };
    let claims: Vec<Value> = ins
        .claims
        .iter()
        .map(|c| {
            let explanation = c.explanation.as_ref().map(Words::to_string);
            let mut o = json!({ "name": c.name, "value": c.value, "explanation": explanation });
            if let Some(t) = &c.time {
                o["iso"] = json!(t.iso_utc);
                o["iso_local"] = json!(t.iso_local);
                o["relative"] = json!(t.relative.as_ref().map(Words::to_string));
                o["status"] = json!(t.status);
                o["flags"] = json!(t.flags);
            }
            o
        })
        .collect();
    json!({
        "format": format,
        "header": d.header.as_ref().map(|h| Value::Object(h.object.clone())),
        "payload": payload,
        "payload_text": payload_text,
        "alg": d.alg,
        "segments": d.segments.iter().map(|s| json!({
            "kind": s.kind, "start": s.input_range.start, "end": s.input_range.end,
        })).collect::<Vec<_>>(),
        "stripped": d.cleaned.stripped.iter().map(|(what, r)| json!({
            "what": what, "start": r.start, "end": r.end, "message": Words::new(what.message_key()).to_string(),
        })).collect::<Vec<_>>(),
        "errors": d.errors.iter().map(|e| json!({
            "message": e.words().to_string(), "start": e.input_range.start, "end": e.input_range.end,
        })).collect::<Vec<_>>(),
        "verification": ins.verification,
        "signature": ins.verification,
        "time": ins.time,
        "valid": ins.valid,
        "verdict": ins.verdict(),
        "claims": claims,
        "findings": ins.findings,
    })
}
