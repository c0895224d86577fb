//! egui code: the one highlight widget, the palette, fonts, background jobs and one thin view per tab.
//! A tab view never imports another tab.

pub mod action;
pub mod ai;
pub mod file_pick;
pub mod fonts;
pub mod highlight;
pub mod job;
pub mod ledger;
pub mod overview;
pub mod session;
pub mod theme;
pub mod tour;
pub mod widgets;
