//! Anders' difficulty: `difficultyMajor` leading hex zeros, then `difficultyMinor` as the largest allowed next hex
//! digit (PR #110), compared as strings; and `maximumNonce`, the loop guard of his Mine button (issue #108).

use super::model::Page;

/// A target as Anders' pages state it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Difficulty {
    /// Leading hex zeros required (`difficultyMajor`, 4 on every page).
    pub major: u8,
    /// Largest allowed value, 0–15, of the hex digit after the zeros (`difficultyMinor`, 15 = any digit).
    pub minor: u8,
    /// The Mine button tries nonces 0 ..= this and then gives up (`maximumNonce`).
    pub maximum_nonce: u64,
}

impl Default for Difficulty {
    /// The blockchain-demo pages: 4 zeros, any next digit, maximum nonce 524,288.
    fn default() -> Self {
        Self::anders(4, 15)
    }
}

impl Difficulty {
    /// Major and minor as blockchain-demo's `blockchain.js` sets them, with its `maximumNonce`: 8·16^major, times
    /// 16, 8, 4 or 2 when minor is 0, 1, ≤3 or ≤7. Major is capped at 64 and minor at 15.
    pub fn anders(major: u8, minor: u8) -> Self {
        let major = major.min(64);
        let minor = minor.min(15);
        let mut maximum_nonce: u64 = 8;
        for _ in 0..major {
            maximum_nonce = maximum_nonce.saturating_mul(16);
        }
        let factor = match minor {
            0 => 16,
            1 => 8,
            2 | 3 => 4,
            4..=7 => 2,
            _ => 1,
        };
        Self {
            major,
            minor,
            maximum_nonce: maximum_nonce.saturating_mul(factor),
        }
    }

    /// The difficulty a page uses. public-private-key-demo's `blockchain.js` predates PR #110: 4 zeros compared
    /// with `===` and a flat `maximumNonce = 500000`.
    pub fn for_page(page: Page) -> Self {
        match page {
            Page::Signed => Self {
                major: 4,
                minor: 15,
                maximum_nonce: 500_000,
            },
            _ => Self::default(),
        }
    }

    /// The pattern the page compares with: `major` zeros then the minor digit, for example `"0000f"`.
    pub fn pattern(&self) -> String {
        let mut pattern = "0".repeat(usize::from(self.major.min(64)));
        if usize::from(self.major) < 64 {
            pattern.push(char::from(
                b"0123456789abcdef"[usize::from(self.minor.min(15))],
            ));
        }
        pattern
    }

    /// Whether a lowercase hex hash meets the target: `hash.substr(0, pattern.length) <= pattern`, as strings.
    pub fn is_met_by_hex(&self, hash_hex: &str) -> bool {
        let pattern = self.pattern();
        let prefix = hash_hex.get(..pattern.len()).unwrap_or(hash_hex);
        prefix <= pattern.as_str()
    }

    /// [`Difficulty::is_met_by_hex`] on raw hash bytes, digit by digit without formatting.
    pub fn is_met(&self, hash: &[u8; 32]) -> bool {
        let nibble = |i: usize| {
            let byte = hash[i / 2];
            if i.is_multiple_of(2) {
                byte >> 4
            } else {
                byte & 0x0f
            }
        };
        let major = usize::from(self.major.min(64));
        if (0..major).any(|i| nibble(i) != 0) {
            return false;
        }
        major == 64 || nibble(major) <= self.minor
    }

    /// The same rule as a number: the hash, read as a 256-bit integer, must be below this target (issue #12: "4 zeros"
    /// is shorthand for "lower than a target number"). Returned as 32 big-endian bytes.
    pub fn target(&self) -> [u8; 32] {
        // Valid hashes are exactly those below (minor + 1) · 16^(63 − major), saturating at 2^256 − 1.
        let mut target = [0u8; 32];
        let major = usize::from(self.major.min(64));
        if major >= 64 {
            return target;
        }
        let digit = u16::from(self.minor.min(15)) + 1;
        // Hex digit position `major` (0 = most significant) holds `digit`; every later digit is 0.
        let shifted = if major.is_multiple_of(2) {
            digit << 4
        } else {
            digit
        };
        let byte = major / 2;
        if shifted > 0xff {
            // The digit overflowed into the previous byte (minor 15 after an even count of zeros).
            if byte == 0 {
                return [0xff; 32];
            }
            target[byte - 1] = 1;
        } else {
            target[byte] = shifted as u8;
        }
        target
    }
}
