//! The shared text model: a source string plus byte-range spans, a line index and a flattened run list.
//!
//! Every tab describes what it found as spans over the text it shows, and the one highlight widget draws them.
//! Pure: never imports the GUI crates. Offsets are always bytes into the source string.

mod chars;
mod hidden;
mod lines;
mod note;
mod rev;
mod spans;

pub use chars::{byte_to_char, char_to_byte, floor_char_boundary};
pub use hidden::{hidden_chars, is_invisible, reveal};
pub use lines::LineIndex;
pub use note::Note;
pub use rev::Rev;
pub use spans::{Buffers, Run, Span, SpanKind, SpannedText, TextError};
