//! The three meanings of "token", which the whole app is organised by: each has a tab, an Overview column, a
//! "What is this token?" panel and a part of the tour. Pure: std only.

/// One meaning of "token", which is also the tab that shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Meaning {
    /// A signed pass proving who you are (JWT, 令牌).
    Session,
    /// An entry in a ledger everyone can check (代币 / 通证).
    Crypto,
    /// The piece of text a model reads and bills (词元).
    Ai,
}

impl Meaning {
    /// Every meaning, in the Overview's order.
    pub const ALL: [Self; 3] = [Self::Session, Self::Crypto, Self::Ai];

    /// Its short name in catalogue keys (`tab.<key>`, `overview.<key>.…`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Session => "session",
            Self::Crypto => "crypto",
            Self::Ai => "ai",
        }
    }
}
