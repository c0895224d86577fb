//! A value with a revision that changes whenever the value does. Derived state (tokens, spans, cached layouts) is
//! keyed on the revision, and the value can only be changed through methods that take a new one, so a cache can
//! never show the results of an older value. Revisions come from one process-wide counter: a value replaced by a
//! fresh `Rev` never repeats an old revision either. Pure: std only.

use std::sync::atomic::{AtomicU64, Ordering};

static NEXT: AtomicU64 = AtomicU64::new(1);

fn next() -> u64 {
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A value and its revision. Read it through `Deref`; change it with [`Rev::set`], [`Rev::edit`] or
/// [`Rev::take`], each of which gives it a new revision.
///
/// ```
/// use tokenlens::text::Rev;
/// let mut prompt = Rev::new(String::from("Hello"));
/// let before = prompt.rev();
/// prompt.edit(|s| s.push('!'));
/// assert_eq!(prompt.as_str(), "Hello!");
/// assert_ne!(prompt.rev(), before);
/// ```
#[derive(Clone, Debug)]
pub struct Rev<T> {
    value: T,
    rev: u64,
}

impl<T: Default> Default for Rev<T> {
    fn default() -> Self {
        Self::new(T::default())
    }
}

impl<T> Rev<T> {
    /// `value` with a revision never used before.
    pub fn new(value: T) -> Self {
        Self { value, rev: next() }
    }

    /// The current revision: equal revisions mean an unchanged value.
    pub fn rev(&self) -> u64 {
        self.rev
    }

    /// Replace the value.
    pub fn set(&mut self, value: T) {
        self.value = value;
        self.rev = next();
    }

    /// Change the value in place.
    pub fn edit<R>(&mut self, f: impl FnOnce(&mut T) -> R) -> R {
        self.rev = next();
        f(&mut self.value)
    }

    /// Take the value out, leaving the default.
    pub fn take(&mut self) -> T
    where
        T: Default,
    {
        self.rev = next();
        std::mem::take(&mut self.value)
    }
}

impl<T> std::ops::Deref for Rev<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_change_and_every_new_value_has_a_new_revision() {
        let mut a = Rev::new(String::new());
        let mut seen = vec![a.rev()];
        a.set("x".into());
        seen.push(a.rev());
        a.edit(|s| s.push('y'));
        seen.push(a.rev());
        assert_eq!(a.take(), "xy");
        seen.push(a.rev());
        seen.push(Rev::<String>::default().rev());
        let n = seen.len();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), n, "no revision repeats");
        assert_eq!(a.as_str(), "");
    }
}
