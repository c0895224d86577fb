//! Placeholder: the Crypto tab's chain view tests (issue 4).
