//! The Session-token core: decode, explain, verify, sign and review JWS/JWE compact tokens.
//!
//! Pure: never imports the GUI crates. Uses `jsonwebtoken` only for keys and signatures; the display side is our
//! own strict parser (see research/jwt.md §0). Everything returns plain data carrying byte ranges into the input,
//! and every message is `i18n::Words` (or an error that makes them, `i18n::Worded`): the core never looks up a
//! language, so the UI words a result when it draws it and a language switch recomputes nothing.

mod alg;
mod b64;
mod certs;
mod claims;
mod clean;
mod decode;
mod findings;
mod json_scan;
mod jwk;
mod key_error;
mod key_findings;
mod keys;
mod report;
mod sign;
mod sniff;
mod text_checks;
mod verdict;
mod verify;
mod view;

pub use crate::text::{hidden_chars, is_invisible, reveal};
pub use alg::{Alg, Curve, Family};
pub use b64::{B64Error, b64_chars_for_bytes, bytes_for_b64_chars, decode_b64url, encode_b64url};
pub use certs::{Leaf, PemKey, read_pem};
pub use claims::{Claim, Clock, TimeFlag, TimeInfo, TimeStatus, claims, human_duration, time_info};
pub use clean::{Cleaned, Stripped, clean};
pub use decode::{
    DecodeError, DecodeErrorKind, Decoded, Format, JsonPart, MAX_INPUT_BYTES, MAX_SEGMENTS,
    Payload, Segment, SegmentKind, decode,
};
pub use findings::{Finding, Severity, findings};
pub use json_scan::{Member, Scan, parse_value, scan_object};
pub use jwk::{JwkEntry, MAX_JWKS_KEYS, parse_jwk_text};
pub use keys::{
    KeyError, KeyInput, MAX_KEY_TEXT_BYTES, ParsedKey, PublicKey, SecretEncoding, looks_like_jwk,
    looks_like_pem, parse_key, secret_bytes,
};
pub use report::report_json;
pub use sign::{PrivateKey, SignError, read_private_key, sign_bytes, sign_token};
pub use sniff::{KeyMaterial, key_material};
pub use verdict::{
    TimeCheck, TimeVerdict, Verdict, overall_valid, time_verdict, verdict, verdict_reason,
};
pub use verify::{Status, Verification, verify};
pub use view::{HEX_DUMP_MAX_BYTES, Link, Views, build_views, hex_dump};

use crate::i18n::Words;

/// Words serialized as their English text (the CLI's JSON).
fn english<S: serde::Serializer>(words: &Words, out: S) -> Result<S::Ok, S::Error> {
    out.collect_str(words)
}

/// Everything the Session tab and the CLI show for one paste.
#[derive(Clone, Debug)]
pub struct Inspection {
    /// The decoded token.
    pub decoded: Decoded,
    /// The claims table.
    pub claims: Vec<Claim>,
    /// Signature verification status and reason.
    pub verification: Verification,
    /// `exp` and `nbf` judged at the clock's now.
    pub time: TimeVerdict,
    /// The overall verdict: the signature is valid and the time claims allow the token now.
    pub valid: bool,
    /// Findings, most severe first.
    pub findings: Vec<Finding>,
    /// Spanned views for the highlight widget.
    pub views: Views,
}

impl Inspection {
    /// The overall verdict: valid, invalid, unverified, or undecodable.
    pub fn verdict(&self) -> Verdict {
        verdict(&self.decoded, &self.verification, &self.time)
    }

    /// Why, in plain words.
    pub fn verdict_reason(&self) -> Words {
        verdict_reason(&self.decoded, &self.verification, &self.time)
    }
}

/// Decode, explain, verify and review `input` with an optional key at `clock`.
pub fn inspect(input: &str, key: Option<&KeyInput>, clock: &Clock) -> Inspection {
    let decoded = decode(input);
    let claims = claims(&decoded, clock);
    let verification = verify(&decoded, key);
    let time = time_verdict(&decoded, clock);
    let valid = overall_valid(&verification, &time);
    let findings = findings(&decoded, key, clock);
    let views = build_views(&decoded, clock);
    Inspection {
        decoded,
        claims,
        verification,
        time,
        valid,
        findings,
        views,
    }
}
