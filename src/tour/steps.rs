//! The tour's steps: order, story part, the tab each step shows, and catalogue keys.

use crate::meaning::Meaning;

/// A step of the tour, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// (a) The service issues your pass; the Session tab verifies it.
    LogIn,
    /// (b) You pay the service in the ledger: sign, mine, the balances move.
    Pay,
    /// (c) The AI tab counts and prices the prompt's tokens.
    Count,
    /// (c) The ledger debits the credits the prompt used.
    Debit,
    /// (d) The payment is edited afterwards: the chain turns red.
    TamperPayment,
    /// (d) The pass's `sub` is edited: the signature fails.
    TamperPass,
    /// The three tokens side by side.
    Done,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Self; 7] = [
        Self::LogIn,
        Self::Pay,
        Self::Count,
        Self::Debit,
        Self::TamperPayment,
        Self::TamperPass,
        Self::Done,
    ];

    /// Position in [`Self::ALL`].
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The step at `index`, if any.
    pub fn at(index: usize) -> Option<Self> {
        Self::ALL.get(index).copied()
    }

    /// The story part: 'a' log in, 'b' pay, 'c' spend, 'd' tamper; `None` for the summary.
    pub fn part(self) -> Option<char> {
        match self {
            Self::LogIn => Some('a'),
            Self::Pay => Some('b'),
            Self::Count | Self::Debit => Some('c'),
            Self::TamperPayment | Self::TamperPass => Some('d'),
            Self::Done => None,
        }
    }

    /// The step where `meaning` first appears (a "What is this token?" link opens the tour there).
    pub fn first_of(meaning: Meaning) -> Self {
        match meaning {
            Meaning::Session => Self::LogIn,
            Meaning::Crypto => Self::Pay,
            Meaning::Ai => Self::Count,
        }
    }

    /// The tab this step works in.
    pub fn meaning(self) -> Option<Meaning> {
        match self {
            Self::LogIn | Self::TamperPass => Some(Meaning::Session),
            Self::Pay | Self::Debit | Self::TamperPayment => Some(Meaning::Crypto),
            Self::Count => Some(Meaning::Ai),
            Self::Done => None,
        }
    }

    /// Catalogue key of the title.
    pub fn title_key(self) -> &'static str {
        match self {
            Self::LogIn => key!("tour.login.title"),
            Self::Pay => key!("tour.pay.title"),
            Self::Count => key!("tour.count.title"),
            Self::Debit => key!("tour.debit.title"),
            Self::TamperPayment => key!("tour.tamper_payment.title"),
            Self::TamperPass => key!("tour.tamper_pass.title"),
            Self::Done => key!("tour.done.title"),
        }
    }

    /// Catalogue key of the text shown before the action.
    pub fn intro_key(self) -> &'static str {
        match self {
            Self::LogIn => key!("tour.login.intro"),
            Self::Pay => key!("tour.pay.intro"),
            Self::Count => key!("tour.count.intro"),
            Self::Debit => key!("tour.debit.intro"),
            Self::TamperPayment => key!("tour.tamper_payment.intro"),
            Self::TamperPass => key!("tour.tamper_pass.intro"),
            Self::Done => key!("tour.done.intro"),
        }
    }

    /// Catalogue key of the action button; `None` for the summary, which has none.
    pub fn action_key(self) -> Option<&'static str> {
        match self {
            Self::LogIn => Some(key!("tour.login.action")),
            Self::Pay => Some(key!("tour.pay.action")),
            Self::Count => Some(key!("tour.count.action")),
            Self::Debit => Some(key!("tour.debit.action")),
            Self::TamperPayment => Some(key!("tour.tamper_payment.action")),
            Self::TamperPass => Some(key!("tour.tamper_pass.action")),
            Self::Done => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_in_story_order() {
        for (i, s) in Step::ALL.iter().enumerate() {
            assert_eq!(s.index(), i);
            assert_eq!(Step::at(i), Some(*s));
        }
        assert_eq!(Step::at(Step::ALL.len()), None);
        let parts: String = Step::ALL.iter().filter_map(|s| s.part()).collect();
        assert_eq!(parts, "abccdd");
        assert_eq!(Step::first_of(Meaning::Crypto), Step::Pay);
        assert_eq!(Step::Count.meaning(), Some(Meaning::Ai));
    }
}
