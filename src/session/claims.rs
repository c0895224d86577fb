//! The claims table: each payload member with a one-line explanation, and time claims as ISO dates, relative
//! times and a status computed against an injectable clock.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde_json::Value;

use super::decode::Decoded;
use crate::i18n::Words;

/// The clock used for time claims. Tests inject a fixed one.
#[derive(Clone, Debug)]
pub struct Clock {
    /// Now, in Unix seconds.
    pub now: i64,
    /// The local time zone for the "local" column.
    pub tz: TimeZone,
}

impl Clock {
    /// The system clock and time zone.
    pub fn system() -> Self {
        Self {
            now: Timestamp::now().as_second(),
            tz: TimeZone::system(),
        }
    }

    /// A fixed time in UTC.
    pub fn fixed(now: i64) -> Self {
        Self {
            now,
            tz: TimeZone::UTC,
        }
    }
}

/// Validity of a time claim at the clock's now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeStatus {
    /// `exp` is in the past.
    Expired,
    /// Fine at this time.
    Valid,
    /// `nbf` (or `iat`) is in the future.
    NotYetValid,
}

/// Something odd about a time claim's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeFlag {
    /// Looks like milliseconds, not seconds.
    Milliseconds,
    /// Not a JSON number.
    NotNumeric,
    /// Outside the representable range (years -9999..9999).
    OutOfRange,
    /// Has a fractional part (allowed by RFC 7519, but unusual).
    Fractional,
    /// Before 1970.
    BeforeEpoch,
}

impl TimeFlag {
    /// Catalogue key of the explanation.
    pub fn message_key(self) -> &'static str {
        match self {
            Self::Milliseconds => key!("time.flag.ms"),
            Self::NotNumeric => key!("time.flag.not_numeric"),
            Self::OutOfRange => key!("time.flag.out_of_range"),
            Self::Fractional => key!("time.flag.fractional"),
            Self::BeforeEpoch => key!("time.flag.before_epoch"),
        }
    }
}

/// A decoded time claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeInfo {
    /// Seconds since the epoch, when the value is a usable number.
    pub unix: Option<i64>,
    /// ISO 8601 in UTC.
    pub iso_utc: Option<String>,
    /// ISO 8601 in the local zone, with its offset and zone name.
    pub iso_local: Option<String>,
    /// "expires in 3 h", "expired 2 days ago", …
    pub relative: Option<Words>,
    /// Status badge, for exp/nbf/iat.
    pub status: Option<TimeStatus>,
    /// Problems with the value.
    pub flags: Vec<TimeFlag>,
}

/// One row of the claims table.
#[derive(Clone, Debug)]
pub struct Claim {
    /// The claim name.
    pub name: String,
    /// The value.
    pub value: Value,
    /// The value as compact JSON, invisible characters revealed, cut to 80 characters for tables.
    pub preview: String,
    /// A one-line explanation for registered and common claims.
    pub explanation: Option<Words>,
    /// Time details for NumericDate claims.
    pub time: Option<TimeInfo>,
}

/// Claim names whose value is a NumericDate.
pub const TIME_CLAIMS: &[&str] = &["exp", "nbf", "iat", "auth_time", "updated_at"];

/// Registered and common claims, with the catalogue key of their one-line explanation.
const EXPLAINED_CLAIMS: &[(&str, &str)] = &[
    ("iss", key!("claim.iss")),
    ("sub", key!("claim.sub")),
    ("aud", key!("claim.aud")),
    ("exp", key!("claim.exp")),
    ("nbf", key!("claim.nbf")),
    ("iat", key!("claim.iat")),
    ("jti", key!("claim.jti")),
    ("name", key!("claim.name")),
    ("given_name", key!("claim.given_name")),
    ("family_name", key!("claim.family_name")),
    ("middle_name", key!("claim.middle_name")),
    ("nickname", key!("claim.nickname")),
    ("preferred_username", key!("claim.preferred_username")),
    ("profile", key!("claim.profile")),
    ("picture", key!("claim.picture")),
    ("website", key!("claim.website")),
    ("email", key!("claim.email")),
    ("email_verified", key!("claim.email_verified")),
    ("gender", key!("claim.gender")),
    ("birthdate", key!("claim.birthdate")),
    ("zoneinfo", key!("claim.zoneinfo")),
    ("locale", key!("claim.locale")),
    ("phone_number", key!("claim.phone_number")),
    ("phone_number_verified", key!("claim.phone_number_verified")),
    ("address", key!("claim.address")),
    ("updated_at", key!("claim.updated_at")),
    ("azp", key!("claim.azp")),
    ("nonce", key!("claim.nonce")),
    ("auth_time", key!("claim.auth_time")),
    ("at_hash", key!("claim.at_hash")),
    ("c_hash", key!("claim.c_hash")),
    ("acr", key!("claim.acr")),
    ("amr", key!("claim.amr")),
    ("sid", key!("claim.sid")),
    ("scope", key!("claim.scope")),
    ("scp", key!("claim.scp")),
    ("client_id", key!("claim.client_id")),
    ("cnf", key!("claim.cnf")),
    ("act", key!("claim.act")),
    ("roles", key!("claim.roles")),
    ("groups", key!("claim.groups")),
    ("tid", key!("claim.tid")),
    ("oid", key!("claim.oid")),
    ("typ", key!("claim.typ")),
    ("events", key!("claim.events")),
    ("sub_jwk", key!("claim.sub_jwk")),
];

/// Registered header parameters, with the catalogue key of their one-line explanation.
const EXPLAINED_HEADERS: &[(&str, &str)] = &[
    ("alg", key!("header.alg")),
    ("typ", key!("header.typ")),
    ("cty", key!("header.cty")),
    ("kid", key!("header.kid")),
    ("jku", key!("header.jku")),
    ("jwk", key!("header.jwk")),
    ("x5u", key!("header.x5u")),
    ("x5c", key!("header.x5c")),
    ("x5t", key!("header.x5t")),
    ("x5t#S256", key!("header.x5t#S256")),
    ("crit", key!("header.crit")),
    ("b64", key!("header.b64")),
    ("enc", key!("header.enc")),
    ("zip", key!("header.zip")),
    ("epk", key!("header.epk")),
    ("apu", key!("header.apu")),
    ("apv", key!("header.apv")),
    ("iv", key!("header.iv")),
    ("tag", key!("header.tag")),
    ("p2s", key!("header.p2s")),
    ("p2c", key!("header.p2c")),
];

/// The one-line explanation of a claim, if it is registered or common.
pub fn claim_explanation(name: &str) -> Option<Words> {
    explanation(EXPLAINED_CLAIMS, name)
}

/// The one-line explanation of a header parameter, if it is registered.
pub fn header_explanation(name: &str) -> Option<Words> {
    explanation(EXPLAINED_HEADERS, name)
}

fn explanation(table: &[(&str, &'static str)], name: &str) -> Option<Words> {
    table
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, key)| Words::new(key))
}

/// Build the claims table of a decoded token.
pub fn claims(decoded: &Decoded, clock: &Clock) -> Vec<Claim> {
    let Some(part) = decoded.claims() else {
        return Vec::new();
    };
    part.object
        .iter()
        .map(|(name, value)| Claim {
            name: name.clone(),
            value: value.clone(),
            preview: preview(value),
            explanation: claim_explanation(name),
            time: TIME_CLAIMS
                .contains(&name.as_str())
                .then(|| time_info(name, value, clock)),
        })
        .collect()
}

/// Compact JSON of `value`, invisible characters revealed, at most 80 characters.
fn preview(value: &Value) -> String {
    const MAX: usize = 80;
    let text = match value {
        Value::String(s) if s.len() > 4 * MAX => {
            format!("\"{}", s.chars().take(MAX).collect::<String>())
        }
        Value::Array(a) if a.len() > MAX => format!("[… {} items]", a.len()),
        Value::Object(o) if o.len() > MAX => format!("{{… {} members}}", o.len()),
        other => other.to_string(),
    };
    let text = crate::text::reveal(&text).into_owned();
    if text.chars().count() > MAX {
        let mut cut: String = text.chars().take(MAX).collect();
        cut.push('…');
        cut
    } else {
        text
    }
}

/// Interpret a NumericDate claim.
pub fn time_info(name: &str, value: &Value, clock: &Clock) -> TimeInfo {
    let mut info = TimeInfo {
        unix: None,
        iso_utc: None,
        iso_local: None,
        relative: None,
        status: None,
        flags: Vec::new(),
    };
    if !value.is_number() {
        info.flags.push(TimeFlag::NotNumeric);
        return info;
    }
    let Some(number) = value.as_f64() else {
        info.flags.push(TimeFlag::OutOfRange);
        return info;
    };
    if !number.is_finite() || number.abs() > 9.0e15 {
        info.flags.push(TimeFlag::OutOfRange);
        return info;
    }
    if number.fract() != 0.0 {
        info.flags.push(TimeFlag::Fractional);
    }
    let secs = number.floor() as i64;
    if (100_000_000_000..100_000_000_000_000).contains(&secs) {
        info.flags.push(TimeFlag::Milliseconds);
    }
    if secs < 0 {
        info.flags.push(TimeFlag::BeforeEpoch);
    }
    let Ok(ts) = Timestamp::from_second(secs) else {
        info.flags.push(TimeFlag::OutOfRange);
        return info;
    };
    info.unix = Some(secs);
    info.iso_utc = Some(ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string());
    let zoned = ts.to_zoned(clock.tz.clone());
    let zone = clock.tz.iana_name().unwrap_or("local");
    info.iso_local = Some(format!(
        "{} ({zone})",
        zoned.strftime("%Y-%m-%dT%H:%M:%S%:z")
    ));
    let delta = secs - clock.now;
    let span = human_duration(delta.unsigned_abs());
    let future = delta > 0;
    let (key, status) = match name {
        "exp" if future => (key!("time.rel.expires_in"), Some(TimeStatus::Valid)),
        "exp" => (key!("time.rel.expired_ago"), Some(TimeStatus::Expired)),
        "nbf" if future => (key!("time.rel.valid_in"), Some(TimeStatus::NotYetValid)),
        "nbf" => (key!("time.rel.valid_since"), Some(TimeStatus::Valid)),
        "iat" if future => (
            key!("time.rel.issued_in_future"),
            Some(TimeStatus::NotYetValid),
        ),
        "iat" => (key!("time.rel.issued_ago"), Some(TimeStatus::Valid)),
        _ if future => (key!("time.rel.in"), None),
        _ => (key!("time.rel.ago"), None),
    };
    info.relative = Some(Words::new(key).with_words("d", span));
    info.status = status;
    info
}

/// "42 s", "5 min", "3 h", "2 days", "4 years".
///
/// ```
/// use tokenlens::i18n::Lang;
/// assert_eq!(tokenlens::session::human_duration(3 * 3600).text_in(Lang::En), "3 h");
/// ```
pub fn human_duration(secs: u64) -> Words {
    const MIN: u64 = 60;
    const HOUR: u64 = 3600;
    const DAY: u64 = 86_400;
    const YEAR: u64 = 365 * DAY;
    let (n, key) = match secs {
        s if s < MIN => (s, key!("dur.s")),
        s if s < HOUR => (s / MIN, key!("dur.min")),
        s if s < 2 * DAY => (s / HOUR, key!("dur.h")),
        s if s < 2 * YEAR => (
            s / DAY,
            if s / DAY == 1 {
                key!("dur.day")
            } else {
                key!("dur.days")
            },
        ),
        s => (s / YEAR, key!("dur.years")),
    };
    Words::new(key).with("n", n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use serde_json::json;

    #[test]
    fn rfc7519_exp_is_expired_in_2026() {
        // RFC 7519 §3.1: exp 1300819380 = 2011-03-22T18:43:00Z.
        let info = time_info("exp", &json!(1300819380), &Clock::fixed(1_800_000_000));
        assert_eq!(info.iso_utc.as_deref(), Some("2011-03-22T18:43:00Z"));
        assert_eq!(info.status, Some(TimeStatus::Expired));
        assert!(
            info.relative
                .unwrap()
                .text_in(Lang::En)
                .starts_with("expired"),
            "relative text says expired"
        );
        assert!(info.flags.is_empty());
    }

    #[test]
    fn relative_times_read_naturally() {
        let clock = Clock::fixed(1_000_000);
        let info = time_info("exp", &json!(1_000_000 + 3 * 3600 + 5), &clock);
        assert_eq!(
            info.relative.map(|r| r.text_in(Lang::En)).as_deref(),
            Some("expires in 3 h")
        );
        assert_eq!(info.status, Some(TimeStatus::Valid));
        let info = time_info("exp", &json!(1_000_000 - 2 * 86_400 - 7), &clock);
        assert_eq!(
            info.relative.map(|r| r.text_in(Lang::En)).as_deref(),
            Some("expired 2 days ago")
        );
        let info = time_info("nbf", &json!(1_000_060), &clock);
        assert_eq!(info.status, Some(TimeStatus::NotYetValid));
        let info = time_info("iat", &json!(1_000_000 + 10), &clock);
        assert_eq!(
            info.status,
            Some(TimeStatus::NotYetValid),
            "issued in the future"
        );
    }

    #[test]
    fn odd_values_are_flagged() {
        let clock = Clock::fixed(1_700_000_000);
        assert_eq!(
            time_info("exp", &json!("1300819380"), &clock).flags,
            [TimeFlag::NotNumeric]
        );
        assert!(
            time_info("exp", &json!(1_700_000_000_000_i64), &clock)
                .flags
                .contains(&TimeFlag::Milliseconds)
        );
        assert!(
            time_info("exp", &json!(1e300), &clock)
                .flags
                .contains(&TimeFlag::OutOfRange)
        );
        assert!(
            time_info("exp", &json!(300_000_000_000_000_i64), &clock)
                .flags
                .contains(&TimeFlag::OutOfRange)
        );
        assert!(
            time_info("exp", &json!(-1), &clock)
                .flags
                .contains(&TimeFlag::BeforeEpoch)
        );
        assert!(
            time_info("exp", &json!(1.5), &clock)
                .flags
                .contains(&TimeFlag::Fractional)
        );
    }

    #[test]
    fn local_time_uses_the_injected_zone() {
        let tz = TimeZone::get("Asia/Shanghai").expect("tzdata has Asia/Shanghai");
        let clock = Clock { now: 0, tz };
        let info = time_info("iat", &json!(1516239022), &clock);
        assert_eq!(info.iso_utc.as_deref(), Some("2018-01-18T01:30:22Z"));
        assert_eq!(
            info.iso_local.as_deref(),
            Some("2018-01-18T09:30:22+08:00 (Asia/Shanghai)")
        );
    }
}
