//! `tokenlens jwt [TOKEN|-] [--secret S | --secret-base64 S | --key FILE] [--now UNIX_SECONDS] [--json]`.

use std::fmt::Write as _;

use clap::Args;

use super::out::{self, field};
use super::{fail, read_input};
use crate::i18n::{Lang, tr_in};
use crate::session::{
    Clock, Inspection, KeyError, KeyInput, MAX_KEY_TEXT_BYTES, Payload, SecretEncoding, Status,
    inspect, looks_like_jwk, looks_like_pem, report_json, secret_bytes,
};

/// The largest key file read: a PEM chain, a JWK or a JWKS (the cap of the app's key fields).
const MAX_KEY_FILE_BYTES: u64 = MAX_KEY_TEXT_BYTES as u64;

/// Arguments of `tokenlens jwt`.
#[derive(Debug, Args)]
pub struct JwtArgs {
    /// The token; `-` or nothing reads standard input.
    pub token: Option<String>,
    /// HMAC secret as UTF-8 text.
    // allow_hyphen_values: `--secret "$(cat key.pem)"` starts with `-----BEGIN` and must reach the
    // algorithm-confusion refusal, not a clap "unexpected argument" error.
    #[arg(long, group = "key_source", allow_hyphen_values = true)]
    pub secret: Option<String>,
    /// HMAC secret as standard base64.
    #[arg(long, group = "key_source", allow_hyphen_values = true)]
    pub secret_base64: Option<String>,
    /// Public key file: PEM (SPKI, PKCS#1 or X.509 certificate), JWK or JWKS.
    #[arg(long, group = "key_source")]
    pub key: Option<std::path::PathBuf>,
    /// The time to judge exp/nbf/iat against, in Unix seconds (default: now).
    #[arg(long)]
    pub now: Option<i64>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Run `tokenlens jwt`.
pub fn run(args: &JwtArgs) -> i32 {
    let input = match read_input(args.token.as_deref()) {
        Ok(input) => input,
        Err(e) => return fail(&e),
    };
    let key = if let Some(s) = &args.secret {
        Some(KeyInput::Secret {
            text: s.clone(),
            encoding: SecretEncoding::Utf8,
        })
    } else if let Some(s) = &args.secret_base64 {
        Some(KeyInput::Secret {
            text: s.clone(),
            encoding: SecretEncoding::Base64,
        })
    } else if let Some(path) = &args.key {
        // Capped as it is read (`--key /dev/zero` must stop): a JWKS of a large identity provider is tens of KB.
        let text = match crate::capped::read_file(path, MAX_KEY_FILE_BYTES) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => {
                    return fail(&format!(
                        "key file {} is not UTF-8 text (at byte {})",
                        path.display(),
                        e.utf8_error().valid_up_to()
                    ));
                }
            },
            Err(crate::capped::CappedError::TooLarge(max)) => {
                return fail(&format!(
                    "key file {} is larger than {max} bytes, the most a PEM, JWK or JWKS may be",
                    path.display()
                ));
            }
            Err(crate::capped::CappedError::Io(e)) => {
                return fail(&format!("cannot read key file {}: {e}", path.display()));
            }
        };
        if looks_like_jwk(&text) {
            Some(KeyInput::Jwk(text))
        } else if looks_like_pem(&text) {
            Some(KeyInput::Pem(text))
        } else {
            return fail(&format!(
                "{} is neither a PEM nor a JWK/JWKS; pass HMAC secrets with --secret or --secret-base64",
                path.display()
            ));
        }
    } else {
        None
    };
    // A secret that cannot be used is refused before anything runs (exit 2): empty after decoding, not base64, or
    // key text or key bytes in disguise (the algorithm-confusion attack), with the explanation.
    if let Some(KeyInput::Secret { text, encoding }) = &key
        && let Err(e) = secret_bytes(text, *encoding)
    {
        let e = if e == KeyError::Empty {
            KeyError::EmptySecret
        } else {
            e
        };
        return fail(&e.to_string());
    }
    let mut clock = Clock::system();
    if let Some(now) = args.now {
        clock.now = now;
    }
    let ins = inspect(&input, key.as_ref(), &clock);
    // Exit 2 for every decode failure (a wrong segment count, bad base64, a header that is not JSON, no alg…),
    // after the report when there is something to show.
    if !ins.decoded.is_decodable() || !ins.decoded.errors.is_empty() {
        let msg = ins
            .decoded
            .errors
            .first()
            .map_or_else(|| en(key!("jwt.err.empty")).to_owned(), ToString::to_string);
        if args.json {
            out::print_json(&report_json(&ins));
        } else if ins.decoded.is_decodable() {
            out!("{}", text_report(&ins));
        }
        return fail(&msg);
    }
    if args.json {
        out::print_json(&report_json(&ins));
    } else {
        out!("{}", text_report(&ins));
    }
    exit_code(&ins, key.is_some())
}

/// 0 when the token is valid (with a key) or merely decoded and within its time window (without one); 1 when the
/// signature or the time claims rule it out.
fn exit_code(ins: &Inspection, key_given: bool) -> i32 {
    let time_ok = ins.time.status.passes();
    match (key_given, ins.verification.status) {
        (true, _) if ins.valid => 0,
        (false, Status::NotChecked) if time_ok => 0,
        _ => 1,
    }
}

/// A catalogue text in English: the CLI speaks English whatever the app's language.
fn en(key: &str) -> &str {
    tr_in(Lang::En, key)
}

/// The text report, in English (messages through their English `Display`).
fn text_report(ins: &Inspection) -> String {
    let d = &ins.decoded;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "format: {}   alg: {}",
        en(d.format.label_key()),
        field(d.alg.as_deref().unwrap_or("-"))
    );
    for (what, r) in &d.cleaned.stripped {
        let _ = writeln!(
            out,
            "stripped: {} (bytes {}..{})",
            en(what.message_key()),
            r.start,
            r.end
        );
    }
    for e in &d.errors {
        let _ = writeln!(
            out,
            "error at {}..{}: {}",
            e.input_range.start,
            e.input_range.end,
            field(&e.to_string())
        );
    }
    let _ = writeln!(out, "\nheader:\n{}", ins.views.header.text());
    match &d.payload {
        Payload::Json(_) => {
            let _ = writeln!(out, "\npayload:\n{}", ins.views.payload.text());
        }
        _ => {
            if let Some(note) = &ins.views.payload_note {
                let _ = writeln!(out, "\npayload: {note}\n{}", ins.views.payload.text());
            }
        }
    }
    if !ins.claims.is_empty() {
        let _ = writeln!(out, "\nclaims:");
        for c in &ins.claims {
            let _ = write!(
                out,
                "  {:<10} {}",
                field(&c.name),
                field(&c.value.to_string())
            );
            if let Some(t) = &c.time {
                if let Some(iso) = &t.iso_utc {
                    let _ = write!(out, "  {iso}");
                }
                if let Some(rel) = &t.relative {
                    let _ = write!(out, "  ({rel})");
                }
            }
            if let Some(ex) = &c.explanation {
                let _ = write!(out, "  — {}", field(&ex.to_string()));
            }
            out.push('\n');
        }
    }
    let _ = writeln!(
        out,
        "\nverification: {} — {}",
        en(ins.verification.status.label_key()),
        field(&ins.verification.reason.to_string())
    );
    let _ = writeln!(
        out,
        "time: {} — {}",
        en(ins.time.status.label_key()),
        field(&ins.time.reason.to_string())
    );
    let _ = writeln!(
        out,
        "verdict: {} — {}",
        en(ins.verdict().label_key()),
        field(&ins.verdict_reason().to_string())
    );
    if !ins.findings.is_empty() {
        let _ = writeln!(out, "\nfindings:");
        for f in &ins.findings {
            let severity = en(f.severity.label_key());
            let _ = writeln!(
                out,
                "  [{severity}] {}: {}",
                f.code,
                field(&f.message.to_string())
            );
        }
    }
    out
}
