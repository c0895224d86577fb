//! The Overview's live session-token example: the demo HS256 JWT split into its segments by the session core.

use crate::session::{Clock, build_views, decode};
use crate::text::SpannedText;

/// The demo token (made with the demo secret in assets/samples; never a real credential).
pub const EXAMPLE_TOKEN: &str = include_str!("../../../assets/samples/tokens/hs256.jwt");

/// The demo HMAC secret that verifies [`EXAMPLE_TOKEN`].
pub const EXAMPLE_SECRET: &str = include_str!("../../../assets/samples/keys/hmac_secret.txt");

/// The demo JWT as the Session tab draws it: header, payload and signature segments with their dots.
pub fn overview_example() -> SpannedText {
    let decoded = decode(EXAMPLE_TOKEN.trim());
    build_views(&decoded, &Clock::system()).token
}
