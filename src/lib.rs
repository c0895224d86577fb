//! Token Lens: inspect the three meanings of "token" — session (JWT), crypto (ledger) and AI — offline.
//!
//! Layers (an arrow means "may import"): `main → cli | app → ui → session · ledger · ai → text`.
//! The cores (`text`, `session`, `ledger`, `ai`, `meaning`, and the tour's story in `tour`) never import egui or eframe; `.ci/run` checks that. The string catalogue
//! (`i18n`) is pure too, so the cores and the CLI share it with the UI.

/// The allocator for the app, its tests and benchmarks (one global allocator for everything linking this crate).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `purge_delay` option, number 15 in mimalloc v2's `mi_option_e` (the Rust bindings name the options
/// around it, 14 `eager_commit_delay` and 16 `use_numa_nodes`, but not this one).
#[cfg(feature = "mimalloc")]
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Return freed memory to the system at once instead of 10 ms later. The AI tab frees and re-allocates lists of
/// 300k spans on every edit; with the delay those pile up, and peak memory with a 1 MB prompt varied from 101 to
/// 125 MB between runs (94 MB every run without it; BENCHMARKS.md). Called by the app and the CLI at start, once.
pub fn tune_allocator() {
    #[cfg(feature = "mimalloc")]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            #[expect(
                unsafe_code,
                reason = "one call into mimalloc's C API, which std cannot make"
            )]
            // SAFETY: mi_option_set only stores an integer option; any option number and value are accepted.
            unsafe {
                libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
            }
        });
    }
}

// First, so its checked-key macros (`tr!`, `trf!`, `words!`, `key!`) are in scope in every module below.
#[macro_use]
pub mod i18n;
pub mod ai;
pub mod app;
pub mod capped;
pub mod cli;
pub mod detect;
pub mod ledger;
pub mod meaning;
pub mod session;
pub mod text;
pub mod tour;
pub mod ui;

#[cfg(all(test, feature = "mimalloc"))]
mod tests {
    #[test]
    #[expect(unsafe_code, reason = "reads mimalloc options through its C API")]
    fn option_15_is_mimallocs_purge_delay() {
        // SAFETY: mi_option_get only reads an integer option.
        let get = |o| unsafe { libmimalloc_sys::mi_option_get(o) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // v2's defaults: purge_delay 10 ms, eager_commit_delay 1 segment, use_numa_nodes 0.
            assert_eq!(
                get(super::MI_OPTION_PURGE_DELAY),
                10,
                "the default purge delay"
            );
            assert_eq!(get(14), 1, "eager_commit_delay is option 14");
        }
        super::tune_allocator();
        assert_eq!(
            get(super::MI_OPTION_PURGE_DELAY),
            0,
            "freed memory is purged at once"
        );
    }
}
