//! Placeholder: filled in by the ledger work (issue 4).
