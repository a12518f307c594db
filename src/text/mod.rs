//! The text model: byte ranges, a rope-backed document, and the one converter between byte
//! offsets and protocol positions.
//!
//! Knows `ropey` and `std`, nothing else: no protocol types live here.

mod document;
mod position;
mod range;

pub use document::{Document, TextChange};
pub use position::{LineColumn, PositionEncoding, offset_to_position, position_to_offset};
pub use range::TextRange;
