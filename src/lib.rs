//! Token Lens: inspect the three meanings of "token" — session (JWT), crypto (ledger) and AI — offline.
//!
//! Layers (an arrow means "may import"): `main → cli | app → ui → session · ledger · ai → text`.
//! The cores (`text`, `session`, `ledger`, `ai`, `meaning`, and the tour's story in `tour`) never import egui or eframe; `.ci/run` checks that. The string catalogue
//! (`i18n`) is pure too, so the cores and the CLI share it with the UI.

/// The allocator for the app, its tests and benchmarks (one global allocator for everything linking this crate).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
