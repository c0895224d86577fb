//! Placeholder: the Crypto tab's Inspect and Classic view tests (issue 4).
