//! The overall verdict: a token is valid only when its signature checks out and, at the clock's now, `exp` is not
//! past and `nbf` not in the future. Pure: uses only the decoder, the claims and the verifier of this module.

use super::claims::{Clock, TimeStatus, time_info};
use super::decode::Decoded;
use super::verify::{Status, Verification};
use crate::i18n::{Worded, Words};

/// The time half of the verdict: `exp` and `nbf` judged at the clock's now (no leeway; `--now` sets the clock).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeCheck {
    /// `exp` (if any) is in the future and `nbf` (if any) is not.
    Valid,
    /// `exp` is at or before now.
    Expired,
    /// `nbf` is after now.
    NotYetValid,
    /// `exp` or `nbf` is present but not a usable NumericDate, so validity cannot be established.
    Unreadable,
    /// Neither `exp` nor `nbf` is present (or the payload is not a claims set): nothing limits the time.
    NoTimeClaims,
}

impl TimeCheck {
    /// Catalogue key of the status in words.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Valid => key!("verify.time.valid"),
            Self::Expired => key!("verify.time.expired"),
            Self::NotYetValid => key!("verify.time.not_yet_valid"),
            Self::Unreadable => key!("verify.time.unreadable"),
            Self::NoTimeClaims => key!("verify.time.none"),
        }
    }

    /// False when the time claims rule the token out.
    pub fn passes(self) -> bool {
        matches!(self, Self::Valid | Self::NoTimeClaims)
    }
}

/// The time status with its reason in plain words.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct TimeVerdict {
    /// The outcome.
    pub status: TimeCheck,
    /// Why, in plain words (English in the JSON report).
    #[serde(serialize_with = "super::english")]
    pub reason: Words,
}

/// Judge `exp` and `nbf` at `clock.now`. An expired token is reported before a not-yet-valid one.
pub fn time_verdict(decoded: &Decoded, clock: &Clock) -> TimeVerdict {
    let Some(claims) = decoded.claims() else {
        return TimeVerdict {
            status: TimeCheck::NoTimeClaims,
            reason: words!("verify.time.reason.none"),
        };
    };
    let mut unreadable = None;
    let mut not_yet = None;
    let mut seen = false;
    for name in ["exp", "nbf"] {
        let Some(value) = claims.object.get(name) else {
            continue;
        };
        seen = true;
        let info = time_info(name, value, clock);
        let rel = || info.relative.clone().unwrap_or_else(|| Words::verbatim(""));
        match info.status {
            Some(TimeStatus::Expired) => {
                return TimeVerdict {
                    status: TimeCheck::Expired,
                    reason: words!("verify.time.reason.expired").with_words("rel", rel()),
                };
            }
            Some(TimeStatus::NotYetValid) => {
                not_yet = Some(words!("verify.time.reason.not_yet_valid").with_words("rel", rel()));
            }
            Some(TimeStatus::Valid) => {}
            None => {
                unreadable.get_or_insert_with(|| {
                    words!("verify.time.reason.unreadable").with("claim", name)
                });
            }
        }
    }
    let (status, reason) = if let Some(reason) = not_yet {
        (TimeCheck::NotYetValid, reason)
    } else if let Some(reason) = unreadable {
        (TimeCheck::Unreadable, reason)
    } else if seen {
        (TimeCheck::Valid, words!("verify.time.reason.valid"))
    } else {
        (TimeCheck::NoTimeClaims, words!("verify.time.reason.none"))
    };
    TimeVerdict { status, reason }
}

/// True when the signature is valid and the time claims allow the token at the clock's now.
pub fn overall_valid(signature: &Verification, time: &TimeVerdict) -> bool {
    signature.status == Status::Valid && time.status.passes()
}

/// The overall verdict, as the Session tab, the tour and the CLI word it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The signature checks out and the time claims allow the token now.
    Valid,
    /// The signature or the time claims rule the token out.
    Invalid,
    /// No key was given (or it could not be read), and nothing else rules the token out.
    Unverified,
    /// Some part of the token does not decode (segments, base64, JSON, no `alg`): it cannot be valid.
    Undecodable,
}

impl Verdict {
    /// Catalogue key of the verdict in words.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Valid => key!("verify.verdict.valid"),
            Self::Invalid => key!("verify.verdict.invalid"),
            Self::Unverified => key!("verify.verdict.unverified"),
            Self::Undecodable => key!("verify.verdict.undecodable"),
        }
    }
}

/// The overall verdict. Any decode failure makes it [`Verdict::Undecodable`], whichever part failed (the CLI
/// exits 2 for the same cases).
pub fn verdict(decoded: &Decoded, signature: &Verification, time: &TimeVerdict) -> Verdict {
    if !decoded.is_decodable() || !decoded.errors.is_empty() {
        Verdict::Undecodable
    } else if overall_valid(signature, time) {
        Verdict::Valid
    } else if signature.status == Status::NotChecked && time.status.passes() {
        Verdict::Unverified
    } else {
        Verdict::Invalid
    }
}

/// The overall verdict's reason: what made it valid, or the first thing that rules the token out (a decode
/// failure first, then the time claims before the signature, since they fail whatever the key).
pub fn verdict_reason(decoded: &Decoded, signature: &Verification, time: &TimeVerdict) -> Words {
    match verdict(decoded, signature, time) {
        Verdict::Undecodable => decoded
            .errors
            .first()
            .map_or_else(|| words!("verify.not_decoded"), Worded::words),
        Verdict::Valid => words!("verify.verdict.why_valid"),
        _ if !time.status.passes() => time.reason.clone(),
        Verdict::Unverified => words!("verify.verdict.why_unverified"),
        Verdict::Invalid => signature.reason.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{decode, encode_b64url};

    fn token(payload: &str) -> Decoded {
        decode(&format!(
            "{}.{}.AAAA",
            encode_b64url(br#"{"alg":"HS256"}"#),
            encode_b64url(payload.as_bytes())
        ))
    }

    #[test]
    fn any_decode_failure_is_undecodable() {
        let b = |s: &str| encode_b64url(s.as_bytes());
        for token in [
            format!("{}.{}.AAAA", b("{alg"), b("{}")),
            format!("{}.{}.AAAA", b(r#"{"alg":"HS256"}"#), b("{}")).replace(".AAAA", ".AA+A"),
            format!("{}.{}==.AAAA", b(r#"{"alg":"HS256"}"#), b("{}")),
            "a.b".to_owned(),
        ] {
            let d = decode(&token);
            let sig = crate::session::verify(&d, None);
            let time = time_verdict(&d, &Clock::fixed(0));
            assert_eq!(verdict(&d, &sig, &time), Verdict::Undecodable, "{token}");
            assert_eq!(
                verdict_reason(&d, &sig, &time),
                d.errors[0].words(),
                "{token}"
            );
        }
    }

    #[test]
    fn exp_and_nbf_at_the_edges() {
        let at = |p: &str, now| time_verdict(&token(p), &Clock::fixed(now)).status;
        assert_eq!(at(r#"{"exp":100}"#, 99), TimeCheck::Valid);
        assert_eq!(
            at(r#"{"exp":100}"#, 100),
            TimeCheck::Expired,
            "RFC 7519 §4.1.4: before exp"
        );
        assert_eq!(
            at(r#"{"nbf":100}"#, 100),
            TimeCheck::Valid,
            "§4.1.5: on or after nbf"
        );
        assert_eq!(at(r#"{"nbf":100}"#, 99), TimeCheck::NotYetValid);
        assert_eq!(at(r#"{"nbf":200,"exp":100}"#, 150), TimeCheck::Expired);
        assert_eq!(at(r#"{"exp":"100"}"#, 0), TimeCheck::Unreadable);
        assert_eq!(at(r#"{"sub":"x"}"#, 0), TimeCheck::NoTimeClaims);
        assert_eq!(
            at(r#"{"iat":100}"#, 0),
            TimeCheck::NoTimeClaims,
            "iat alone does not limit"
        );
    }
}
