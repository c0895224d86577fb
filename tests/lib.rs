//! All integration tests in one binary (jsonwebtoken style): known-answer vectors, hostile inputs, the CLI,
//! property tests, privacy and the UI through egui_kittest.
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap too"
)]

mod ai;
mod ai_chat_harmony;
mod ai_chunks;
mod ai_fast;
mod ai_hostile;
mod ai_media;
mod ai_oracles;
mod cli;
mod cli_ai;
mod cli_ai_bill;
mod cli_ai_models;
mod detect;
mod hostile;
mod hostile_budget;
mod hostile_jwt;
mod hostile_keys;
mod hostile_labels;
mod hostile_ledger;
mod hostile_ledger_meta;
mod hostile_output;
mod hostile_reads;
mod hostile_tokenizer;
mod i18n_keys;
mod ledger;
mod ledger_chain;
mod ledger_classic;
mod ledger_eth;
mod ledger_words;
mod privacy;
mod props;
mod samples;
mod session_words;
mod tour;
mod ui;
mod ui_ai;
mod ui_ai_bill;
mod ui_contrast;
mod ui_editor;
mod ui_i18n;
mod ui_ledger;
mod ui_ledger_inspect;
mod ui_media;
mod ui_overview;
mod ui_real;
mod ui_tour;
mod vectors;
