//! Calls into the `tokenizers` crate with a user's data, behind `catch_unwind`: a hostile tokenizer.json can make
//! the crate panic (a Precompiled charsmap that indexes out of bounds, a template naming an undefined special
//! token). The panic becomes an error that keeps its message, and nothing is printed on standard error while a
//! guarded call runs. Pure: std only.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Guarded calls running on this thread: while above zero, the panic hook keeps quiet.
    static QUIET: Cell<u32> = const { Cell::new(0) };
    /// Where the last quiet panic on this thread happened (`file:line`).
    static WHERE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Install, once per process, a panic hook that stays quiet on threads inside [`guarded`] and hands every other
/// panic to the hook that was there before.
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) == 0 {
                previous(info);
            } else {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()));
                WHERE.with(|w| *w.borrow_mut() = at);
            }
        }));
    });
}

/// Run `f`; a panic inside it comes back as `Err(message)`, with where it happened. The caller must not use
/// whatever `f` was working on after an `Err`: its state may be half-updated (see [`super::Loaded`]'s `broken`).
pub(crate) fn guarded<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    install_hook();
    QUIET.with(|q| q.set(q.get() + 1));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(q.get().saturating_sub(1)));
    result.map_err(|payload| {
        let msg = message(payload.as_ref());
        match WHERE.with(|w| w.borrow_mut().take()) {
            Some(at) => format!("{msg} (at {at})"),
            None => msg,
        }
    })
}

/// The text a panic was raised with.
fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_with_its_message() {
        let err = guarded(|| -> u8 { panic!("boom {}", 7) }).unwrap_err();
        assert!(err.starts_with("boom 7 (at "), "{err}");
        assert!(err.contains("guard.rs"), "{err}");
        assert_eq!(guarded(|| 5), Ok(5));
        let v: Vec<u8> = Vec::new();
        let err = guarded(|| v[3]).unwrap_err();
        assert!(err.contains("index out of bounds"), "{err}");
    }
}
